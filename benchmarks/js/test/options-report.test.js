"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { parseOptions, DEFAULTS } = require("../lib/options");
const { markdown } = require("../lib/report");

test("the defaults are the issue's required points", () => {
  const o = parseOptions([]);
  assert.equal(o.sockets, 1000);
  assert.deepEqual(o.rates, [500, 2000]);
  assert.deepEqual(o.idleLevels, [1000, 5000, 10000]);
  assert.equal(o.thresholdMs, 50);
  assert.equal(o.saturation, true);
});

test("flags take a separate or an inline value, --quick shrinks sizes and later flags win", () => {
  const o = parseOptions(["--quick", "--rates=300,600", "--scenarios", "fanout,idle", "--no-saturation"]);
  assert.deepEqual(o.rates, [300, 600]);
  assert.deepEqual(o.scenarios, ["fanout", "idle"]);
  assert.equal(o.sockets, 100);
  assert.equal(o.saturation, false);
  assert.equal(DEFAULTS.sockets, 1000, "defaults stay untouched");
});

test("the session flow warms up for 30 s unless told otherwise, and not at all with --quick", () => {
  assert.equal(parseOptions([]).sessionWarmupSeconds, 30);
  assert.equal(parseOptions(["--quick"]).sessionWarmupSeconds, 0);
  assert.equal(parseOptions(["--session-warmup", "60"]).sessionWarmupSeconds, 60);
});

test("a long-polling point lasts 30 s by default, so its p99 at 10 msg/s rests on 300 messages, not 100", () => {
  assert.equal(parseOptions([]).pollingSeconds, 30);
  assert.deepEqual(parseOptions([]).pollingRates, [10, 50, 100]);
  assert.equal(parseOptions(["--polling-duration", "10"]).pollingSeconds, 10);
});

test("bad options are refused with a reason", () => {
  assert.throws(() => parseOptions(["--sockets", "3"]), /even/);
  assert.throws(() => parseOptions(["--rates", "1,x"]), /number/);
  assert.throws(() => parseOptions(["--scenarios", "fanout,chaos"]), /chaos/);
  assert.throws(() => parseOptions(["--bogus"]), /unknown option/);
  assert.throws(() => parseOptions(["--duration"]), /needs a value/);
});

const lat = (p50, p99) => ({ count: 10, mean: p50, p50, p90: p99, p99, p999: p99, max: p99 });

test("the Markdown summary shows every scenario's figures with its setup, and a failed scenario's reason", () => {
  const report = {
    startedAt: "2026-01-01T00:00:00.000Z",
    options: { sockets: 4 },
    environment: { cores: 2, cpuModel: "cpu", totalMemoryBytes: 2 ** 30, loadAverage: [1, 1, 1], node: "v20", commit: "abc", processes: [{ name: "chat", pid: 1, jvmFlags: "-Xmx256m" }] },
    durationSeconds: 5,
    results: {
      fanout: {
        setup: { sockets: 4, activeSessions: 2, transport: "websocket", path: "p", chatInstances: ["a:1", "b:2"], pairsOnOneInstance: 1, pairsAcrossInstances: 1, senders: "rr", setupSeconds: 1 },
        points: [500, 2000].map((rate) => ({ offeredRate: rate, durationSeconds: 30, sent: rate * 30, lost: 0, duplicates: 0, latency: lat(4, 20),
          latencySameInstance: lat(3, 15), latencyCrossInstance: lat(5, 25), ackLatency: lat(2, 10), echoLatency: lat(3, 12), echoReceived: 1,
          generatorSendLag: lat(0, 1), ackErrors: 0, cpuPercent: { chat: 50 } })),
        saturation: { thresholdMs: 50, saturationRate: 3000, firstFailingRate: 4000, reachedMaxRate: false, steps: [{ rate: 4000, p99: 80, lost: 0, overloaded: false, passed: false }] },
      },
      idle: { error: "chat died" },
      gateway: { setup: { call: "GET", loop: "closed", concurrency: 16, rounds: 4, secondsPerPath: 10 },
        direct: { requests: 100, errors: 0, throughput: 1000, latency: lat(2, 5) },
        viaGateway: { requests: 50, errors: 0, throughput: 500, latency: lat(4, 9) },
        throughputRatio: 0.5, latencyRatioP50: 2, addedP50Ms: 2, addedP99Ms: 4, cpuPercentBothPaths: {} },
    },
  };
  const md = markdown(report);
  assert.match(md, /## 1\. Chat fan-out/);
  assert.match(md, /\| 2000 msg\/s \| 30 \| 60,000 \| 0 \| 0 \| 4 \|/);
  assert.match(md, /\*\*3,000 msg\/s\*\*/);
  assert.match(md, /cross\/same p50 ratio 1\.67/);
  assert.match(md, /## idle\n\nFailed: chat died/);
  assert.match(md, /Throughput through the gateway \/ direct: \*\*0\.5\*\*/);
  assert.match(md, /added p99 4 ms/);
  assert.match(md, /2 cores/);
});

test("the presence scenarios default to issue 13's sizes and take their own flags", () => {
  const o = parseOptions([]);
  assert.equal(o.setupPairs, 500);
  assert.equal(o.churnSockets, 10000);
  assert.equal(o.churnAstrologers, 1000);
  assert.equal(o.churnRate, 50);
  assert.equal(o.churnSeconds, 60);
  assert.equal(o.churnMessageRate, 200);
  const p = parseOptions(["--scenarios", "pairsetup,churn", "--churn-list-sockets", "0", "--churn-urls", "http://a:1, http://b:2"]);
  assert.deepEqual(p.scenarios, ["pairsetup", "churn"]);
  assert.equal(p.churnListSockets, 0);
  assert.deepEqual(p.churnUrls, ["http://a:1", "http://b:2"]);
  assert.equal(p.setupWarmupRounds, 1, "the pair setup is measured after one unmeasured round by default");
  assert.equal(parseOptions(["--setup-warmup", "0"]).setupWarmupRounds, 0);
  assert.equal(o.churnSettleMs, 3000);
  assert.equal(parseOptions(["--churn-settle-ms", "30000"]).churnSettleMs, 30000);
  assert.throws(() => parseOptions(["--churn-delta-sockets", "-1"]), /whole number/);
});

test("the churn is measured after four minutes of the same load by default, and not at all in a quick run", () => {
  assert.equal(parseOptions([]).churnWarmupSeconds, 240);
  assert.equal(parseOptions(["--churn-warmup", "30"]).churnWarmupSeconds, 30);
  assert.equal(parseOptions(["--quick"]).churnWarmupSeconds, 0);
});

test("the churn's chat pairs are seed clients unless told what presence to ask for", () => {
  assert.equal(parseOptions([]).churnPairPresence, "list");
  assert.equal(parseOptions(["--churn-pair-presence", "none"]).churnPairPresence, "none");
  assert.throws(() => parseOptions(["--churn-pair-presence", "all"]), /one of list, deltas, none/);
});

test("the Markdown summary shows the pair setup against the peer and the churn per socket mode", () => {
  const mode = { sockets: 10, listsPerSocketPerSecondMean: 0.9, listsPerSocketPerSecondMax: 1, mostListsInOneSecond: 1, deltasPerSocket: 0, deltasOutOfOrder: 0 };
  const md = markdown({
    startedAt: "2026-01-01T00:00:00.000Z", options: {}, durationSeconds: 1,
    environment: { cores: 2, cpuModel: "cpu", totalMemoryBytes: 2 ** 30, loadAverage: [1, 1, 1], node: "v20", commit: "abc", processes: [] },
    results: {
      pairsetup: { setup: { pairs: 500, concurrency: 24 }, ratio: 1.5, peer: { succeeded: 500, failures: 0, seconds: 10, pairMs: lat(400, 900) },
        stack: { succeeded: 500, failures: 0, seconds: 15, pairMs: lat(600, 1200), cpuPercent: { chat: 40 } } },
      churn: { setup: { sockets: 100, urls: ["u"], astrologers: 10, listSockets: 10, deltaSockets: 10, noneSockets: 80, chatPairs: 2, changesPerSecond: 5, seconds: 6, messageRate: 20 },
        changes: { sent: 30, failed: 0, achievedPerSecond: 5 }, onlineAtEnd: 4, listSockets: mode, deltaSockets: { ...mode, deltasPerSocket: 30 },
        finalViews: { list: { sockets: 10, wrong: 0 }, deltas: { sockets: 10, wrong: 0 } },
        messages: { sent: 120, lost: 0, latency: lat(5, 30), otherEventsReceived: {} }, cpuPercent: { chat: 20 } },
    },
  });
  assert.match(md, /\| astro-live \(gateway\) \| 500 \| 0 \| 15 \| 600 \| 1,200 \| 1,200 \|/);
  assert.match(md, /Stack \/ peer time: \*\*×1\.5\*\*/);
  assert.match(md, /\| seed \(list\) \| 10 \| 0\.9 \| 1 \| 1 \| 0 \| 0 \|/);
  assert.match(md, /p99 \*\*30 ms\*\*/);
});
