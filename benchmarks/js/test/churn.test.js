"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { EventEmitter } = require("node:events");
const { PresenceWatcher, Toggler, compareViews, summarizeMode, Crowd, epochNow, churnSection, warmUp } = require("../scenarios/churn");
const { instanceSplit } = require("../lib/report");

const entry = (id, version) => ({ id, displayName: id, busy: false, rates: { chat: 1 }, version });

test("a watcher counts the lists of each second and the most it got within any one second", () => {
  let now = 0;
  const w = new PresenceWatcher("list", () => now);
  for (const t of [0, 100, 900, 1500, 2600, 2700, 2800]) {
    now = t;
    w.list([]);
  }
  assert.deepEqual(w.listsBetween(0, 3000), { count: 7, mostInOneWindow: 3 });
  assert.deepEqual(w.listsBetween(1000, 2000), { count: 1, mostInOneWindow: 1 });
});

test("a watcher starts from a list, applies newer deltas and counts older ones as out of order", () => {
  const socket = new EventEmitter();
  const w = new PresenceWatcher("deltas").attach(socket);
  socket.emit("presence:online-list", [entry("a", 3), entry("b", 1)]);
  socket.emit("presence:changed", { id: "a", online: false, version: 4 });
  socket.emit("presence:changed", { id: "c", online: true, version: 1 });
  socket.emit("presence:changed", { id: "b", online: false, version: 1 });
  assert.deepEqual(w.onlineAmong(["a", "b", "c", "d"]), ["b", "c"]);
  assert.equal(w.deltas, 3);
  assert.equal(w.outOfOrder, 1);
});

test("a watcher's counts restart after the warm-up while its view stays", () => {
  const w = new PresenceWatcher("deltas");
  w.list([entry("a", 2)]);
  w.delta({ id: "b", online: true, version: 1 });
  w.delta({ id: "a", online: true, version: 1 });
  w.resetCounts();
  assert.equal(w.deltas, 0);
  assert.equal(w.outOfOrder, 0);
  assert.deepEqual(w.onlineAmong(["a", "b"]), ["a", "b"]);
});

test("a toggler's counts restart after the warm-up while who is online stays", async () => {
  const t = new Toggler([{ id: "a", online: true }], async () => true, () => 0);
  t.toggleOne();
  await t.settled();
  t.resetCounts();
  assert.deepEqual([t.sent, t.failed, t.skipped], [0, 0, 0]);
  assert.deepEqual(t.onlineIds(), []);
});

test("the warm-up starts a new message round after one the cold stack overloaded, and keeps the changes going", async () => {
  const rounds = [];
  // each round gives up at once, as an overloaded point does when its guard stops the sending
  const fanout = { point: async ({ tag }) => {
    rounds.push(tag);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { overloaded: true, sent: 1, latency: { p99: 3000 } };
  } };
  const toggler = new Toggler([{ id: "a", online: true }, { id: "b", online: true }], async () => true);
  const logged = [];
  await warmUp({ options: { churnWarmupSeconds: 2, churnRate: 10, churnMessageRate: 100 }, toggler, fanout, runId: "r", log: (line) => logged.push(line) });
  assert.ok(rounds.length >= 3, `rounds: ${rounds}`);
  assert.equal(new Set(rounds).size, rounds.length, "every round has its own tag");
  assert.ok(toggler.sent >= 15, `changes sent: ${toggler.sent}`);
  assert.match(logged[0], /warm-up round 1 overloaded/);
});

test("a later full list replaces the watcher's whole view", () => {
  const w = new PresenceWatcher("list");
  w.list([entry("a", 1), entry("b", 1)]);
  w.list([entry("b", 2)]);
  assert.deepEqual(w.onlineAmong(["a", "b"]), ["b"]);
});

test("final views are compared with the truth only on the benchmark's own astrologers", () => {
  const right = new PresenceWatcher("list");
  right.list([entry("a", 1), entry("someone-else", 1)]);
  let now = 1000;
  const stale = new PresenceWatcher("deltas", () => now);
  stale.list([entry("a", 1), entry("b", 1)]);
  now = 3500;
  const result = compareViews([right, stale], ["a", "b"], ["a"]);
  assert.equal(result.sockets, 2);
  assert.equal(result.wrong, 1);
  assert.deepEqual(result.example, { mode: "deltas", seen: 2, expected: 1, lists: 1, lastListMsAgo: 2500 });
});

test("the mode summary gives lists per socket per second over the window", () => {
  let now = 0;
  const a = new PresenceWatcher("list", () => now);
  const b = new PresenceWatcher("list", () => now);
  for (let t = 0; t < 4000; t += 1000) {
    now = t;
    a.list([]);
    if (t < 2000) b.list([]);
  }
  const s = summarizeMode([a, b], 0, 4000);
  assert.equal(s.sockets, 2);
  assert.equal(s.listsPerSocketPerSecondMean, 0.75);
  assert.equal(s.listsPerSocketPerSecondMax, 1);
  assert.equal(s.mostListsInOneSecond, 1);
  assert.equal(summarizeMode([], 0, 1), null);
});

test("the toggler never has two requests in flight for one astrologer and records only accepted changes", async () => {
  const astrologers = [{ id: "a", online: true }, { id: "b", online: true }];
  const answers = [];
  const toggler = new Toggler(astrologers, (a, online) => new Promise((resolve) => answers.push({ a, online, resolve })), () => 0);
  toggler.toggleOne();
  toggler.toggleOne();
  toggler.toggleOne();
  assert.deepEqual(answers.map((x) => x.a.id), ["a", "b"], "the second pick skips the astrologer in flight");
  assert.equal(toggler.skipped, 1, "nobody free: the change is skipped");
  answers[0].resolve(true);
  answers[1].resolve(false);
  await toggler.settled();
  assert.deepEqual(toggler.onlineIds(), ["b"]);
  assert.equal(toggler.failed, 1);
  assert.equal(toggler.sent, 2);
});

test("the crowd's process answers each request and ends after close", async () => {
  const crowd = new Crowd();
  const exited = new Promise((resolve) => crowd.child.once("exit", resolve));
  assert.deepEqual(await crowd.ask("connect", { urls: ["http://127.0.0.1:1"], tokens: [], modes: [], concurrency: 4 }),
    { type: "connect", sockets: 0 });
  const seen = await crowd.ask("summary", { from: epochNow() - 1000, to: epochNow(), ids: ["a"], truth: [] });
  assert.equal(seen.listSockets, null);
  assert.deepEqual(seen.finalViews.list, { sockets: 0, wrong: 0, example: null });
  assert.deepEqual(seen.disconnected, {});
  assert.ok(seen.eventLoopDelayMs.max >= 0, "the crowd times its own event loop");
  assert.equal(seen.longestPingGapMs, 0, "no socket, no ping");
  await crowd.ask("close");
  await exited;
});

test("a socket the crowd cannot connect is an error of the request, not a dead process", async () => {
  const crowd = new Crowd();
  await assert.rejects(crowd.ask("connect", { urls: ["http://127.0.0.1:1"], tokens: ["t"], modes: ["list"], concurrency: 1 }),
    /crowd: .*connect_error|crowd: .*not connected/);
  assert.equal((await crowd.ask("connect", { urls: [], tokens: [], modes: [], concurrency: 1 })).sockets, 0);
  await crowd.ask("close");
});

/** The churn's report section for a run whose crowd stalled at most `crowdMaxDelayMs`. */
function churnSectionWith({ crowdMaxDelayMs, closed = {}, deltaExample = null }) {
  const lat = (p50, p99) => ({ count: 10, p50, p99, max: p99 });
  return churnSection({
    setup: { sockets: 10, urls: ["http://a:1"], astrologers: 4, listSockets: 2, deltaSockets: 3, noneSockets: 5, chatPairs: 1, changesPerSecond: 50, seconds: 60, messageRate: 200, settleMs: 3000 },
    changes: { sent: 3000, failed: 0, achievedPerSecond: 50 },
    onlineAtEnd: 2, listSockets: null, deltaSockets: null,
    finalViews: { list: { sockets: 2, wrong: 1, example: null }, deltas: { sockets: 3, wrong: deltaExample ? 1 : 0, example: deltaExample } },
    crowdDisconnected: closed, crowdEventLoopDelayMs: { p50: 10, p99: 80, max: crowdMaxDelayMs }, crowdLongestPingGapMs: 50876,
    messages: { sent: 100, lost: 0, overloaded: false, latency: lat(4, 40), latencySameInstance: lat(3, 20), latencyCrossInstance: lat(5, 45),
      ackLatency: lat(3, 30), otherEventsReceived: {} },
    cpuPercent: {},
  }, { table: () => "", fmt: String, cpuLine: () => "", instanceSplit });
}

test("the churn's section says why crowd sockets closed: the crowd's own lateness and the gaps between pings", () => {
  const text = churnSectionWith({ crowdMaxDelayMs: 39493.6, closed: { "transport close": 7 } });
  assert.match(text, /closed during the run, by reason: \{"transport close":7\}/);
  assert.match(text, /crowd's event loop ran late by p50 10 \/ p99 80 \/ max 39493.6 ms/);
  assert.match(text, /longest gap between two pings one of its sockets received was 50876 ms/);
  assert.match(text, /acknowledged as stored: p50 3, p99 30 ms/);
  assert.match(text, /The crowd fell behind/);
});

test("a crowd that kept up is not said to have fallen behind", () => {
  assert.doesNotMatch(churnSectionWith({ crowdMaxDelayMs: 656 }), /fell behind/);
});

test("the churn's section shows a wrong delta view as well as a wrong seed view", () => {
  const text = churnSectionWith({ crowdMaxDelayMs: 656, deltaExample: { mode: "deltas", seen: 1, expected: 2 } });
  assert.match(text, /deltas 1 of 3 \(e\.g\. \{"mode":"deltas","seen":1,"expected":2\}\)/);
});

test("the churn's section splits the message latency by whether the receiver is on the sender's chat instance", () => {
  const text = churnSectionWith({ crowdMaxDelayMs: 656 });
  assert.match(text, /same instance p50\/p99 3\/20 ms \(10 messages\), cross instance 5\/45 ms \(10\)/);
});
