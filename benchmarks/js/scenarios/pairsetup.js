"use strict";

const { performance } = require("node:perf_hooks");
const { call, connect, expect, pool, eventually, sessionIdOf, sleep } = require("../lib/api");
const { emitAck } = require("./fanout");
const { round, summarize } = require("../lib/stats");

const JOIN_RETRY_MS = 30000;

/** After a warm-up, for its last presence changes and session ends to pass through every service. */
const WARMUP_SETTLE_MS = 10000;

/**
 * Sets up `pairs` user/astrologer pairs the way real clients arrive: each pair's two sockets connect first (they
 * stay open, and so does every earlier pair's), then the pair is created over REST and both sockets join. Every
 * presence change of the setup (each astrologer going online, then busy) therefore meets every socket already
 * open - the cost `setupPairs` in fanout.js avoids by creating all sessions before any socket connects.
 *
 * `side` does the service-specific work: `tokens(i)`, `create(i, tokens)` (resolves the session id), and `url`.
 */
async function setupPairsLive({ pairs, concurrency, side, connectSocket = connect, log = () => {} }) {
  const started = performance.now();
  const sockets = [];
  const failures = [];
  const phases = { tokens: [], connect: [], create: [], join: [] };
  let done = 0;
  const perPair = await pool(Array.from({ length: pairs }, (_, i) => i), concurrency, async (i) => {
    const t0 = performance.now();
    let mark = t0;
    const lap = (phase) => {
      const now = performance.now();
      phases[phase].push(now - mark);
      mark = now;
    };
    try {
      const tokens = await side.tokens(i);
      lap("tokens");
      const astro = await connectSocket(side.url, tokens.astro);
      sockets.push(astro);
      const user = await connectSocket(side.url, tokens.user);
      sockets.push(user);
      lap("connect");
      const sessionId = await side.create(i, tokens);
      lap("create");
      for (const socket of [astro, user]) {
        await eventually(`join-session ${sessionId}`, async () => {
          const ack = await emitAck(socket, "join-session", { sessionId });
          return { done: !!ack && !ack.error && ack.ok !== false, value: ack };
        }, JOIN_RETRY_MS, 100);
      }
      lap("join");
      if (++done % 100 === 0) log(`  ${done}/${pairs} pairs set up, ${sockets.length} sockets open`);
      return performance.now() - t0;
    } catch (e) {
      failures.push(String(e.message || e));
      return null;
    }
  });
  const seconds = round((performance.now() - started) / 1000, 1);
  const pairMs = perPair.filter((ms) => ms !== null);
  return {
    pairs,
    succeeded: pairMs.length,
    failures: failures.length,
    failureExamples: failures.slice(0, 3),
    seconds,
    pairMs: summarize(pairMs),
    // where a pair's time goes: the side's tokens, its two sockets connecting, the pair created, both joins
    phaseMs: Object.fromEntries(Object.entries(phases).map(([phase, ms]) => [phase, summarize(ms)])),
    close: () => sockets.forEach((s) => s.disconnect()),
  };
}

/**
 * Our stack through the gateway: tokens, rates, online, credit, start, accept (what fanout.js setupPairs does).
 * `cleanup` takes the astrologers offline again, so later scenarios do not carry them in every online list.
 */
function stackSide(stack, prefix) {
  const astrologers = [];
  const sessions = [];
  return {
    url: stack.gateway,
    tokens: async (i) => {
      const astro = await stack.mint(`${prefix}_a${i}`, "astrologer");
      astrologers.push({ id: `${prefix}_a${i}`, token: astro });
      return { astro, user: await stack.mint(`${prefix}_u${i}`, "user") };
    },
    cleanup: () => pool(astrologers, 24, (a) => call(stack.gateway, "POST", `/api/v1/astrologers/${a.id}/offline`, a.token)),
    /** Ends the sessions the setup started, so that nothing of a warm-up is billed or ended during the measured run. */
    endSessions: () => pool(sessions, 24, (s) => expect(stack.end(s.userToken, s.sessionId), 200, `end ${s.sessionId}`)),
    create: async (i, tokens) => {
      const astroId = `${prefix}_a${i}`;
      const userId = `${prefix}_u${i}`;
      await stack.goOnline(astroId, tokens.astro, 1);
      await stack.credit(userId, 1000000, `bench-${prefix}-${i}`);
      const start = await stack.startWhenFree(tokens.user, astroId);
      const sessionId = sessionIdOf(start.body);
      await expect(stack.accept(tokens.astro, sessionId), 200, `accept ${sessionId}`);
      sessions.push({ sessionId, userToken: tokens.user });
      return sessionId;
    },
  };
}

/** The reference peer (/work/shared/reference-node): its own tokens and a ready-made active session. */
function peerSide(peerUrl, prefix) {
  const mint = async (sub, role) => (await expect(call(peerUrl, "POST", "/dev/tokens", null, { sub, role }), 200, `peer mint ${sub}`)).token;
  return {
    url: peerUrl,
    tokens: async (i) => ({ astro: await mint(`${prefix}_a${i}`, "astrologer"), user: await mint(`${prefix}_u${i}`, "user") }),
    create: async (i) => {
      const sessionId = `${prefix}_s${i}`;
      await expect(call(peerUrl, "POST", "/bench/sessions", null,
        { sessionId, userId: `${prefix}_u${i}`, astrologerId: `${prefix}_a${i}` }), 201, `peer session ${sessionId}`);
      return sessionId;
    },
  };
}

/** The setup of `--setup-pairs` pairs, `--setup-concurrency` at a time, on one side. */
const setUp = (options, side, log) => setupPairsLive({ pairs: options.setupPairs, concurrency: options.setupConcurrency, side, log });

/**
 * The same setup, unmeasured, `rounds` times on each side, everything of it closed, ended and taken offline again
 * before the next: the stack's seven JVMs compile for minutes under load (the polling scenario's warm-up), and a
 * setup measured from a cold stack measures mostly that.
 */
async function warmUp(stack, options, context) {
  const { log } = context;
  for (let round = 1; round <= options.setupWarmupRounds; round++) {
    if (context.peerUrl) {
      const peer = await setUp(options, peerSide(context.peerUrl, `${context.runId}_pw${round}`));
      peer.close();
    }
    const side = stackSide(stack, `${context.runId}_lw${round}`);
    const ours = await setUp(options, side);
    ours.close();
    await side.endSessions();
    await side.cleanup();
    log(`pair setup: warm-up round ${round}/${options.setupWarmupRounds}: the stack ${ours.seconds}s (${ours.failures} failed), not measured`);
  }
  if (options.setupWarmupRounds > 0) await sleep(WARMUP_SETTLE_MS);
}

async function pairSetupScenario(stack, options, context) {
  const { log } = context;
  const pairs = options.setupPairs;
  const result = { setup: { pairs, concurrency: options.setupConcurrency, socketsPerPair: 2, transport: "websocket",
    warmupRounds: options.setupWarmupRounds } };
  await warmUp(stack, options, context);
  let peer = null;
  if (context.peerUrl) {
    log(`pair setup: reference peer at ${context.peerUrl}, ${pairs} pairs with sockets connected`);
    const meter = context.cpuMeter().start();
    peer = await setUp(options, peerSide(context.peerUrl, `${context.runId}_p`), log);
    peer.cpuPercent = meter.stop();
    peer.close();
    delete peer.close;
    const gone = context.peerExited();
    if (gone) peer.peerExited = gone;
    log(`pair setup: reference peer ${peer.seconds}s (${peer.failures} failed${peer.failures ? `; first: ${peer.failureExamples[0]}` : ""}${gone ? `; the peer ${gone}` : ""})`);
  } else {
    log("pair setup: without the reference peer (--no-peer); measuring the stack only");
  }
  log(`pair setup: the stack through ${stack.gateway}, ${pairs} pairs with sockets connected`);
  const meter = context.cpuMeter().start();
  const side = stackSide(stack, `${context.runId}_l`);
  const ours = await setUp(options, side, log);
  ours.cpuPercent = meter.stop();
  ours.close();
  delete ours.close;
  await side.cleanup().catch((e) => log(`pair setup: could not take every astrologer offline again: ${e.message}`));
  log(`pair setup: the stack ${ours.seconds}s (${ours.failures} failed${ours.failures ? `; first: ${ours.failureExamples[0]}` : ""})`);
  result.stack = ours;
  result.peer = peer;
  // a ratio only against a peer that set up every pair (one that failed fast is not fast)
  result.ratio = peer && peer.failures === 0 && peer.seconds > 0 ? round(ours.seconds / peer.seconds, 2) : null;
  return result;
}

const PHASES = ["tokens", "connect", "create", "join"];

function pairSetupSection(r, { table, fmt, cpuLine }) {
  const out = ["## Pair setup with sockets connected", ""];
  out.push(`Setup: ${r.setup.pairs} user/astrologer pairs, ${r.setup.concurrency} at a time; each pair's two sockets connect first `
    + "and stay open, then the pair is created and both sockets join (so every presence change meets every socket already open). "
    + "Stack: tokens, rates, online, credit, start, accept through the gateway. Reference peer: tokens, `POST /bench/sessions`. "
    + `Warm-up: ${r.setup.warmupRounds ? `the same setup ${r.setup.warmupRounds} time(s) on each side first, not measured` : "none (a cold stack)"}.`, "");
  const row = (name, s) => (s ? [name, s.succeeded, s.failures, s.seconds, s.pairMs.p50, s.pairMs.p99, s.pairMs.max] : [name, null, null, null, null, null, null]);
  out.push(table(["system", "pairs set up", "failed", "total s", "per pair p50 ms", "p99 ms", "max ms"],
    [row("astro-live (gateway)", r.stack), row("reference peer", r.peer)]), "");
  out.push(`Stack / peer time: **×${fmt(r.ratio)}**. CPU during the stack's setup (% of one core): ${cpuLine(r.stack.cpuPercent)}.`, "");
  const phaseRow = (name, s) => [name, ...PHASES.flatMap((phase) => (s && s.phaseMs ? [s.phaseMs[phase].p50, s.phaseMs[phase].p99] : [null, null]))];
  out.push("Where a pair's time goes, ms (tokens; both sockets connected; the pair created; both joined):", "");
  out.push(table(["system", ...PHASES.flatMap((phase) => [`${phase} p50`, "p99"])],
    [phaseRow("astro-live (gateway)", r.stack), phaseRow("reference peer", r.peer)]), "");
  return out.join("\n");
}

module.exports = { pairSetupScenario, setupPairsLive, pairSetupSection };
