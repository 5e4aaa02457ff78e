"use strict";

const { performance } = require("node:perf_hooks");
const { call, connect, expect, pool, eventually, sessionIdOf } = require("../lib/api");
const { emitAck } = require("./fanout");
const { round, summarize } = require("../lib/stats");

const JOIN_RETRY_MS = 30000;

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
  let done = 0;
  const perPair = await pool(Array.from({ length: pairs }, (_, i) => i), concurrency, async (i) => {
    const t0 = performance.now();
    try {
      const tokens = await side.tokens(i);
      const astro = await connectSocket(side.url, tokens.astro);
      sockets.push(astro);
      const user = await connectSocket(side.url, tokens.user);
      sockets.push(user);
      const sessionId = await side.create(i, tokens);
      for (const socket of [astro, user]) {
        await eventually(`join-session ${sessionId}`, async () => {
          const ack = await emitAck(socket, "join-session", { sessionId });
          return { done: !!ack && !ack.error && ack.ok !== false, value: ack };
        }, JOIN_RETRY_MS, 100);
      }
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
    close: () => sockets.forEach((s) => s.disconnect()),
  };
}

/**
 * Our stack through the gateway: tokens, rates, online, credit, start, accept (what fanout.js setupPairs does).
 * `cleanup` takes the astrologers offline again, so later scenarios do not carry them in every online list.
 */
function stackSide(stack, prefix) {
  const astrologers = [];
  return {
    url: stack.gateway,
    tokens: async (i) => {
      const astro = await stack.mint(`${prefix}_a${i}`, "astrologer");
      astrologers.push({ id: `${prefix}_a${i}`, token: astro });
      return { astro, user: await stack.mint(`${prefix}_u${i}`, "user") };
    },
    cleanup: () => pool(astrologers, 24, (a) => call(stack.gateway, "POST", `/api/v1/astrologers/${a.id}/offline`, a.token)),
    create: async (i, tokens) => {
      const astroId = `${prefix}_a${i}`;
      const userId = `${prefix}_u${i}`;
      await stack.goOnline(astroId, tokens.astro, 1);
      await stack.credit(userId, 1000000, `bench-${prefix}-${i}`);
      const start = await stack.startWhenFree(tokens.user, astroId);
      const sessionId = sessionIdOf(start.body);
      await expect(stack.accept(tokens.astro, sessionId), 200, `accept ${sessionId}`);
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

async function pairSetupScenario(stack, options, context) {
  const { log } = context;
  const pairs = options.setupPairs;
  const result = { setup: { pairs, concurrency: options.setupConcurrency, socketsPerPair: 2, transport: "websocket" } };
  let peer = null;
  if (context.peerUrl) {
    log(`pair setup: reference peer at ${context.peerUrl}, ${pairs} pairs with sockets connected`);
    const meter = context.cpuMeter().start();
    peer = await setupPairsLive({ pairs, concurrency: options.setupConcurrency, side: peerSide(context.peerUrl, `${context.runId}_p`), log });
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
  const ours = await setupPairsLive({ pairs, concurrency: options.setupConcurrency, side, log });
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

function pairSetupSection(r, { table, fmt, cpuLine }) {
  const out = ["## Pair setup with sockets connected", ""];
  out.push(`Setup: ${r.setup.pairs} user/astrologer pairs, ${r.setup.concurrency} at a time; each pair's two sockets connect first `
    + "and stay open, then the pair is created and both sockets join (so every presence change meets every socket already open). "
    + "Stack: tokens, rates, online, credit, start, accept through the gateway. Reference peer: tokens, `POST /bench/sessions`.", "");
  const row = (name, s) => (s ? [name, s.succeeded, s.failures, s.seconds, s.pairMs.p50, s.pairMs.p99, s.pairMs.max] : [name, null, null, null, null, null, null]);
  out.push(table(["system", "pairs set up", "failed", "total s", "per pair p50 ms", "p99 ms", "max ms"],
    [row("astro-live (gateway)", r.stack), row("reference peer", r.peer)]), "");
  out.push(`Stack / peer time: **×${fmt(r.ratio)}**. CPU during the stack's setup (% of one core): ${cpuLine(r.stack.cpuPercent)}.`, "");
  return out.join("\n");
}

module.exports = { pairSetupScenario, setupPairsLive, pairSetupSection };
