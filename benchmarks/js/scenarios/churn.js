"use strict";

const path = require("node:path");
const { fork } = require("node:child_process");
const { performance, monitorEventLoopDelay } = require("node:perf_hooks");
const { expect, call, pool, sleep } = require("../lib/api");
const { runOpenLoop } = require("../lib/openloop");
const { round, loopDelaySummary } = require("../lib/stats");
const { CpuMeter } = require("../lib/procs");
const { setupPairs, FanOut } = require("./fanout");

const WINDOW_MS = 1000;

/** Milliseconds since the epoch, with performance.now()'s resolution: the same clock in the crowd's process and here. */
const epochNow = () => performance.timeOrigin + performance.now();

/** The crowd's process (churn-crowd.js): one request at a time, each answered by one message. */
class Crowd {
  constructor() {
    this.child = fork(path.join(__dirname, "churn-crowd.js"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.waiting = [];
    this.child.on("message", (answer) => {
      const waiter = this.waiting.shift();
      if (!waiter) return;
      if (answer.type === "error") waiter.reject(new Error(`crowd: ${answer.error}`)); else waiter.resolve(answer);
    });
    this.child.on("exit", (code, signal) => {
      while (this.waiting.length) this.waiting.shift().reject(new Error(`the crowd's process exited (${code ?? signal})`));
    });
  }

  get pid() {
    return this.child.pid;
  }

  ask(type, request = {}) {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.send({ type, ...request });
    });
  }
}

/**
 * What one socket saw of the online list: every full `presence:online-list` (when, and the list) and every
 * `presence:changed` delta, folded into its view of who is online. `mode` is what it asked for.
 */
class PresenceWatcher {
  constructor(mode, now = () => performance.now()) {
    this.mode = mode;
    this.now = now;
    this.listTimes = [];
    this.deltas = 0;
    this.outOfOrder = 0;
    // astrologer id -> { online, version }: the latest state this socket knows
    this.view = new Map();
  }

  attach(socket) {
    socket.on("presence:online-list", (list) => this.list(list));
    socket.on("presence:changed", (delta) => this.delta(delta));
    return this;
  }

  /** Forgets the deltas counted so far (the churn's warm-up); the view stays. */
  resetCounts() {
    this.deltas = 0;
    this.outOfOrder = 0;
  }

  list(list) {
    this.listTimes.push(this.now());
    this.view = new Map(list.map((a) => [a.id, { online: true, version: a.version }]));
  }

  delta(d) {
    this.deltas++;
    const known = this.view.get(d.id);
    if (known && known.version >= d.version) {
      this.outOfOrder++;
      return;
    }
    this.view.set(d.id, { online: !!d.online, version: d.version });
  }

  /** Lists received in [from, to] and the most received within any one window of WINDOW_MS. */
  listsBetween(from, to) {
    const times = this.listTimes.filter((t) => t >= from && t <= to);
    let most = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= WINDOW_MS) j++;
      most = Math.max(most, i - j + 1);
    }
    return { count: times.length, mostInOneWindow: most };
  }

  lastListMsAgo() {
    return this.listTimes.length ? round(this.now() - this.listTimes[this.listTimes.length - 1], 0) : null;
  }

  onlineAmong(ids) {
    return ids.filter((id) => this.view.has(id) && this.view.get(id).online);
  }
}

/**
 * The handshake's auth for a presence mode (the same as `presence:subscribe` right after connecting, minus the first
 * list): a seed client sends none, so "list" is the default it gets.
 */
const presenceAuth = (mode) => (mode === "list" ? {} : { presence: mode });

/** Toggles astrologers online/offline, never two requests for one astrologer at once, so the last answer is the truth. */
class Toggler {
  constructor(astrologers, setOnline, random = Math.random) {
    this.astrologers = astrologers; // [{ id, token, online }]
    this.setOnline = setOnline;
    this.random = random;
    this.inFlight = new Set();
    this.sent = 0;
    this.failed = 0;
    this.skipped = 0;
    this.pending = [];
  }

  toggleOne() {
    const free = this.astrologers.filter((x) => !this.inFlight.has(x.id));
    if (free.length === 0) {
      this.skipped++;
      return;
    }
    const a = free[Math.floor(this.random() * free.length)];
    this.inFlight.add(a.id);
    this.sent++;
    const next = !a.online;
    const done = Promise.resolve(this.setOnline(a, next)).then((ok) => {
      if (ok) a.online = next; else this.failed++;
    }, () => { this.failed++; }).finally(() => this.inFlight.delete(a.id));
    this.pending.push(done);
  }

  /** Forgets the changes counted so far (the churn's warm-up); who is online stays. */
  resetCounts() {
    this.sent = 0;
    this.failed = 0;
    this.skipped = 0;
  }

  async settled() {
    await Promise.all(this.pending);
  }

  onlineIds() {
    return this.astrologers.filter((a) => a.online).map((a) => a.id);
  }
}

function compareViews(watchers, ids, truth) {
  const expected = new Set(truth);
  let wrong = 0;
  let example = null;
  for (const w of watchers) {
    const seen = w.onlineAmong(ids);
    const same = seen.length === expected.size && seen.every((id) => expected.has(id));
    if (!same) {
      wrong++;
      // whether its lists stopped coming or came late: how many it got, and how long ago the last one
      if (!example) example = { mode: w.mode, seen: seen.length, expected: expected.size, lists: w.listTimes.length, lastListMsAgo: w.lastListMsAgo() };
    }
  }
  return { sockets: watchers.length, wrong, example };
}

function summarizeMode(watchers, from, to) {
  if (!watchers.length) return null;
  const seconds = (to - from) / 1000;
  const counts = watchers.map((w) => w.listsBetween(from, to));
  const perSecond = counts.map((c) => c.count / seconds);
  return {
    sockets: watchers.length,
    listsPerSocketPerSecondMean: round(perSecond.reduce((a, b) => a + b, 0) / perSecond.length, 2),
    listsPerSocketPerSecondMax: round(Math.max(...perSecond), 2),
    mostListsInOneSecond: Math.max(...counts.map((c) => c.mostInOneWindow)),
    deltasPerSocket: round(watchers.reduce((a, w) => a + w.deltas, 0) / watchers.length, 1),
    deltasOutOfOrder: watchers.reduce((a, w) => a + w.outOfOrder, 0),
  };
}

/**
 * Presence churn: many sockets connected straight to the chat instances (as the idle scenario does: through the
 * gateway its descriptors run out first), N astrologers online, then changes (online/offline toggles through the
 * gateway) at a steady rate while chat messages flow between pairs set up through the gateway. Measures the full
 * lists each socket receives per second (by the mode it asked for), the chat instances' CPU, and message latency.
 */
async function churnScenario(stack, options, context) {
  const { log } = context;
  const prefix = `${context.runId}_c`;
  const count = options.churnAstrologers;
  log(`churn: ${count} astrologers online through the gateway`);
  const astrologers = await pool(Array.from({ length: count }, (_, i) => i), 24, async (i) => {
    const id = `${prefix}_a${i}`;
    const token = await stack.mint(id, "astrologer");
    await stack.goOnline(id, token, 1 + (i % 50));
    return { id, token, online: true };
  });
  const ids = astrologers.map((a) => a.id);
  // the chat pairs before the crowd connects: their setup is not what this measures
  log(`churn: ${options.churnPairs} chat pairs through the gateway for the messages`);
  // "list": seed clients, as the issue's pairs are; "none": what the pairs' own list parsing adds to their timings
  const { pairs, failures } = await setupPairs(stack, { pairs: options.churnPairs, prefix: `${prefix}_m`, log, maxFailedShare: 0.5,
    auth: presenceAuth(options.churnPairPresence) });
  const fanout = new FanOut(pairs);

  const listCount = Math.min(options.churnListSockets, options.churnSockets);
  const deltaCount = Math.min(options.churnDeltaSockets, options.churnSockets - listCount);
  const modes = Array.from({ length: options.churnSockets }, (_, i) => (i < listCount ? "list" : i < listCount + deltaCount ? "deltas" : "none"));
  log(`churn: ${options.churnSockets} sockets straight to ${options.churnUrls.join(", ")} (${listCount} seed clients `
    + `with the default list, ${deltaCount} asking for deltas, the rest for nothing)`);
  const tokens = await pool(Array.from({ length: Math.ceil(options.churnSockets / 10) }, (_, i) => i), 16,
    (i) => stack.mint(`${prefix}_u${i}`, "user"));
  // the crowd in a process of its own, so that its parsing does not delay this process's message timings
  const crowd = new Crowd();
  try {
    return await measureChurn({ stack, options, context, astrologers, ids, pairs, failures, fanout, crowd, listCount, deltaCount, tokens, modes });
  } finally {
    await crowd.ask("close").catch(() => crowd.child.kill());
  }
}

// a warm-up's message rounds: short, so that one the cold stack overloads (which stops its sending) ends soon
const WARMUP_ROUND_MS = 15000;

/**
 * The churn's own load before it is measured: a churn measured on a fresh stack measures its JIT compilers (the
 * chat instances' Mongo commands took 60-130 ms in the first minute of load, about 1 ms after four). The changes run at their
 * rate throughout; the messages in rounds, each started anew until the time is up, so that a round the cold stack
 * overloads does not leave the rest of the warm-up without messages.
 */
async function warmUp({ options, toggler, fanout, runId, log }) {
  const durationMs = options.churnWarmupSeconds * 1000;
  const until = performance.now() + durationMs;
  const changes = runOpenLoop({ rate: options.churnRate, durationMs, send: () => toggler.toggleOne() });
  for (let round = 1; until - performance.now() > 1000; round++) {
    const point = await fanout.point({ rate: options.churnMessageRate, durationMs: Math.min(WARMUP_ROUND_MS, until - performance.now()),
      tag: `${runId}cw${round}`, drainMs: 2000, recoverMs: 10000 });
    if (point.overloaded) log(`churn: warm-up round ${round} overloaded after ${point.sent} messages (p99 ${point.latency.p99} ms)`);
  }
  await changes;
  await toggler.settled();
}

async function measureChurn({ stack, options, context, astrologers, ids, pairs, failures, fanout, crowd, listCount, deltaCount, tokens, modes }) {
  const { log } = context;
  const connected = await crowd.ask("connect", { urls: options.churnUrls, tokens, modes, concurrency: options.idleConnectConcurrency });
  await sleep(3000);

  const toggler = new Toggler(astrologers, async (a, online) => {
    const r = await call(stack.gateway, "POST", `/api/v1/astrologers/${a.id}/${online ? "online" : "offline"}`, a.token, undefined, 10000);
    return r.status === 200;
  });
  if (options.churnWarmupSeconds > 0) {
    log(`churn: warm-up, ${options.churnRate} changes/s for ${options.churnWarmupSeconds}s with ${options.churnMessageRate} msg/s, not measured`);
    await warmUp({ options, toggler, fanout, runId: context.runId, log });
    toggler.resetCounts();
    await crowd.ask("measure");
  }
  log(`churn: ${options.churnRate} changes/s for ${options.churnSeconds}s with ${options.churnMessageRate} msg/s`);
  const meter = new CpuMeter([...(context.processes || []), { pid: crowd.pid, name: "crowd (node)" }]).start();
  // how late this process's event loop ran: message latency includes it (the crowd's lists are parsed in its own)
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const from = epochNow();
  const [changes, messages] = await Promise.all([
    runOpenLoop({ rate: options.churnRate, durationMs: options.churnSeconds * 1000, send: () => toggler.toggleOne() }),
    fanout.point({ rate: options.churnMessageRate, durationMs: options.churnSeconds * 1000, tag: `${context.runId}ch`, drainMs: 5000, recoverMs: 30000 }),
  ]);
  const to = epochNow();
  const cpuPercent = meter.stop();
  loopDelay.disable();
  await toggler.settled();
  // the last coalesced list goes out at most one window after the last change; give it a few
  await sleep(options.churnSettleMs);
  const truth = toggler.onlineIds();
  const seen = await crowd.ask("summary", { from, to, ids, truth });
  const result = {
    setup: {
      sockets: connected.sockets,
      urls: options.churnUrls,
      astrologers: astrologers.length,
      listSockets: listCount,
      deltaSockets: deltaCount,
      noneSockets: connected.sockets - listCount - deltaCount,
      chatPairs: pairs.length,
      chatPairsFailed: failures.length,
      chatPairPresence: options.churnPairPresence,
      changesPerSecond: options.churnRate,
      seconds: options.churnSeconds,
      warmupSeconds: options.churnWarmupSeconds,
      messageRate: options.churnMessageRate,
      settleMs: options.churnSettleMs,
    },
    changes: { sent: toggler.sent, failed: toggler.failed, skipped: toggler.skipped, achievedPerSecond: round(changes.sent / ((changes.endedAt - changes.startedAt) / 1000), 1) },
    onlineAtEnd: truth.length,
    listSockets: seen.listSockets,
    deltaSockets: seen.deltaSockets,
    finalViews: seen.finalViews,
    crowdDisconnected: seen.disconnected,
    crowdEventLoopDelayMs: seen.eventLoopDelayMs,
    crowdLongestPingGapMs: seen.longestPingGapMs,
    messages: {
      sent: messages.sent, lost: messages.lost, overloaded: messages.overloaded,
      latency: messages.latency, latencySameInstance: messages.latencySameInstance, latencyCrossInstance: messages.latencyCrossInstance,
      ackLatency: messages.ackLatency, otherEventsReceived: messages.otherEventsReceived,
    },
    cpuPercent,
    generatorEventLoopDelayMs: loopDelaySummary(loopDelay),
    generatorSendLag: messages.generatorSendLag,
  };
  log(`churn: lists per seed socket per second mean ${result.listSockets && result.listSockets.listsPerSocketPerSecondMean}, `
    + `most in one second ${result.listSockets && result.listSockets.mostListsInOneSecond}; message p99 ${messages.latency.p99} ms; `
    + `generator event-loop delay p99 ${result.generatorEventLoopDelayMs.p99} ms; CPU ${JSON.stringify(cpuPercent)}; wrong final views ${result.finalViews.list.wrong}+${result.finalViews.deltas.wrong}; `
    + `crowd sockets closed ${JSON.stringify(result.crowdDisconnected)}; crowd event-loop delay max ${result.crowdEventLoopDelayMs.max} ms, longest ping gap ${result.crowdLongestPingGapMs} ms`);
  pairs.forEach((pair) => { pair.astro.socket.disconnect(); pair.user.socket.disconnect(); });
  // leave the astrologers offline: later scenarios and runs should not carry a thousand online astrologers
  await pool(astrologers.filter((a) => a.online), 24, (a) => expect(call(stack.gateway, "POST", `/api/v1/astrologers/${a.id}/offline`, a.token), 200, `offline ${a.id}`)).catch(() => {});
  return result;
}

// a stall this long in the crowd's process: its sockets' lists, deltas and pongs waited that long to be read
const CROWD_BEHIND_MS = 1000;

const crowdFellBehind = (r) => !!r.crowdEventLoopDelayMs && r.crowdEventLoopDelayMs.max > CROWD_BEHIND_MS;

/** One wrong final view of each mode that had one, as " (e.g. {...}, {...})", or "". */
function wrongExamples(views) {
  const examples = [views.list.example, views.deltas.example].filter(Boolean);
  return examples.length ? ` (e.g. ${examples.map((e) => JSON.stringify(e)).join(", ")})` : "";
}

function churnSection(r, { table, fmt, cpuLine, instanceSplit }) {
  const s = r.setup;
  const out = ["## Presence churn", ""];
  out.push(`Setup: ${s.sockets} sockets straight to ${s.urls.join(", ")} (${s.listSockets} seed clients with the default list, `
    + `${s.deltaSockets} asking for \`presence:changed\` deltas, ${s.noneSockets} for nothing), ${s.astrologers} astrologers, `
    + `${s.changesPerSecond} online/offline changes per second through the gateway for ${s.seconds}s`
    + `${s.warmupSeconds ? ` (after the same load for ${s.warmupSeconds}s, not measured)` : ""}, while ${s.chatPairs} chat pairs `
    + `(through the gateway, ${!s.chatPairPresence || s.chatPairPresence === "list" ? "seed clients" : `asking for presence \`${s.chatPairPresence}\``}) exchange ${s.messageRate} msg/s. Changes sent ${r.changes.sent} (${r.changes.failed} failed, `
    + `${r.changes.achievedPerSecond}/s); ${r.onlineAtEnd} online at the end.`, "");
  const row = (name, m) => (m ? [name, m.sockets, m.listsPerSocketPerSecondMean, m.listsPerSocketPerSecondMax, m.mostListsInOneSecond, m.deltasPerSocket, m.deltasOutOfOrder]
    : [name, 0, null, null, null, null, null]);
  out.push(table(["sockets", "n", "lists/socket/s mean", "max", "most lists in 1 s", "deltas/socket", "deltas out of order"],
    [row("seed (list)", r.listSockets), row("deltas", r.deltaSockets)]), "");
  out.push(`Final views wrong (${s.settleMs} ms after the last change, against the last accepted change of each astrologer): seed ${r.finalViews.list.wrong} of ${r.finalViews.list.sockets}, `
    + `deltas ${r.finalViews.deltas.wrong} of ${r.finalViews.deltas.sockets}${wrongExamples(r.finalViews)}.`
    + (r.crowdDisconnected ? ` Crowd sockets closed during the run, by reason: ${JSON.stringify(r.crowdDisconnected)}.` : "")
    + (r.crowdEventLoopDelayMs ? ` The crowd's event loop ran late by p50 ${r.crowdEventLoopDelayMs.p50} / p99 ${r.crowdEventLoopDelayMs.p99} / max ${r.crowdEventLoopDelayMs.max} ms;`
      + ` the longest gap between two pings one of its sockets received was ${r.crowdLongestPingGapMs} ms.` : "")
    + (crowdFellBehind(r) ? ` **The crowd fell behind**: its event loop stalled for over ${CROWD_BEHIND_MS / 1000} s, so its sockets read`
      + " late, answered pings late (the server closes a socket whose pong is 20 s late) and kept stale views: these views and closes"
      + " measure the load generator, not the stack; fewer watchers (`--churn-list-sockets`, `--churn-delta-sockets`) fit it on this machine." : ""), "");
  const m = r.messages;
  out.push(`Messages: ${m.sent} sent, ${m.lost} lost${m.overloaded ? ", OVERLOADED" : ""}; latency p50 ${fmt(m.latency.p50)} ms, `
    + `p99 **${fmt(m.latency.p99)} ms**, max ${fmt(m.latency.max)} ms${m.ackLatency ? ` (acknowledged as stored: p50 ${fmt(m.ackLatency.p50)}, p99 ${fmt(m.ackLatency.p99)} ms)` : ""}`
    + `${m.latencySameInstance ? `; ${instanceSplit(m)}` : ""}. Other events on the chat sockets: ${JSON.stringify(m.otherEventsReceived)}.`, "");
  out.push(`CPU during the churn (% of one core): ${cpuLine(r.cpuPercent)}.`
    + (r.generatorEventLoopDelayMs ? ` The load generator's event loop ran late by p50 ${r.generatorEventLoopDelayMs.p50} / p99 ${r.generatorEventLoopDelayMs.p99} / max ${r.generatorEventLoopDelayMs.max} ms (included in the message latency).` : ""), "");
  return out.join("\n");
}

module.exports = { churnScenario, churnSection, PresenceWatcher, Toggler, compareViews, summarizeMode, epochNow, Crowd, warmUp, presenceAuth };
