"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { comparePoint } = require("../scenarios/polling");
const { parseOptions } = require("../lib/options");
const { markdown } = require("../lib/report");

const lat = (p50, p99) => ({ count: 10, mean: p50, p50, p90: p99, p99, p999: p99, max: p99 });
const point = (p50, p99, lost = 0) => ({ sent: 100, lost, duplicates: 0, latency: lat(p50, p99), cpuPercent: { chat: 10 } });

test("astro-live meets the polling target when p50 and p99 are at most twice the peer's and nothing is lost", () => {
  const compared = comparePoint(50, point(14, 40), point(7, 20));
  assert.equal(compared.p50Ratio, 2);
  assert.equal(compared.p99Ratio, 2);
  assert.equal(compared.meetsTarget, true);
});

test("the polling target fails on a p99 above twice the peer's, or on any loss", () => {
  assert.equal(comparePoint(50, point(7, 41), point(7, 20)).meetsTarget, false);
  assert.equal(comparePoint(50, point(7, 20, 1), point(7, 20)).meetsTarget, false);
});

test("without a peer there is no ratio and no verdict", () => {
  const compared = comparePoint(10, point(7, 20), null);
  assert.equal(compared.p50Ratio, null);
  assert.equal(compared.meetsTarget, null);
});

test("the polling options default to the issue's points and take a peer", () => {
  const defaults = parseOptions([]);
  assert.deepEqual(defaults.pollingRates, [10, 50, 100]);
  assert.equal(defaults.pollingSockets, 100);
  assert.ok(defaults.scenarios.includes("polling"));
  const o = parseOptions(["--scenarios", "polling", "--polling-peer", "http://localhost:3100", "--polling-rates", "10,50"]);
  assert.equal(o.pollingPeer, "http://localhost:3100");
  assert.deepEqual(o.pollingRates, [10, 50]);
  assert.equal(defaults.pollingWarmupSeconds, 300);
  assert.equal(parseOptions(["--polling-warmup", "90"]).pollingWarmupSeconds, 90);
  assert.throws(() => parseOptions(["--polling-sockets", "3"]), /even/);
});

test("the report shows astro-live and the peer side by side with the ratios and the verdict", () => {
  const report = {
    startedAt: "2026-01-01T00:00:00.000Z",
    options: {},
    environment: { cores: 2, cpuModel: "cpu", totalMemoryBytes: 2 ** 30, loadAverage: [1, 1, 1], node: "v20", commit: "abc", processes: [] },
    durationSeconds: 5,
    results: {
      polling: {
        setup: { sockets: 100, activeSessions: 50, transport: "polling only", socketsNotOnPolling: 0, path: "p", peer: "http://localhost:3100", secondsPerPoint: 10 },
        points: [comparePoint(10, point(9, 30), point(6, 20)), comparePoint(100, point(30, 90), point(6, 20))],
      },
    },
  };
  const md = markdown(report);
  assert.match(md, /## 6\. Long-polling fan-out/);
  assert.match(md, /\| 10 msg\/s \| astro-live \| 100 \| 0 \| 0 \| 9 \| 30 \| 30 \| 30 \| 1\.5 \| 1\.5 \| yes \|/);
  assert.match(md, /\| 100 msg\/s \| astro-live \| 100 \| 0 \| 0 \| 30 \| 90 \| 90 \| 90 \| 5 \| 4\.5 \| no \|/);
  assert.match(md, /\|  \| peer \| 100 \| 0 \| 0 \| 6 \| 20 \|/);
});
