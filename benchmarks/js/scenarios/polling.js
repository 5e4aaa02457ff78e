"use strict";

// Long-polling fan-out (issue 22): the fan-out scenario with every socket on HTTP long-polling only, as a client
// behind a proxy that breaks WebSocket stays, measured through the gateway and, in the same run, against the
// reference peer (../shared/reference-node) on the same transport, so the figures come as ratios.

const { performance } = require("node:perf_hooks");
const { call, connect, expect, eventually, pool, sleep } = require("../lib/api");
const { setupPairs, FanOut, emitAck } = require("./fanout");

const POLLING = ["polling"];

/** The peer's warm-up per rate: one Node process, nothing that compiles for minutes. */
const PEER_WARMUP_MS = 10000;

/** The peer's own API: tokens from its /dev/tokens, sessions made active by POST /bench/sessions. */
async function setupPeerPairs(peerUrl, { pairs, prefix, concurrency = 24, transports = POLLING }) {
  const started = performance.now();
  const mint = async (sub, role) => (await expect(call(peerUrl, "POST", "/dev/tokens", null, { sub, role }), 200, `peer token ${sub}`)).token;
  const result = await pool(Array.from({ length: pairs }, (_, i) => i), concurrency, async (i) => {
    const sessionId = `${prefix}_s${i}`;
    const astroId = `${prefix}_a${i}`;
    const userId = `${prefix}_u${i}`;
    const [astroToken, userToken] = [await mint(astroId, "astrologer"), await mint(userId, "user")];
    await expect(call(peerUrl, "POST", "/bench/sessions", null, { sessionId, userId, astrologerId: astroId }), 201, `peer session ${sessionId}`);
    const astroSocket = await connect(peerUrl, astroToken, { transports });
    const userSocket = await connect(peerUrl, userToken, { transports });
    for (const socket of [astroSocket, userSocket]) {
      await eventually(`peer join-session ${sessionId}`, async () => {
        const ack = await emitAck(socket, "join-session", { sessionId });
        return { done: !!ack && !ack.error, value: ack };
      }, 10000, 100);
    }
    return {
      sessionId,
      astro: { id: astroId, socket: astroSocket, instance: "peer" },
      user: { id: userId, socket: userSocket, instance: "peer" },
    };
  });
  return { pairs: result, setupSeconds: Math.round((performance.now() - started) / 100) / 10 };
}

const round2 = (v) => (v === null || v === undefined ? null : Math.round(v * 100) / 100);
const ratioOf = (a, b) => (a === null || a === undefined || !b ? null : round2(a / b));

/**
 * One rate's figures for astro-live and the peer side by side, and whether astro-live meets issue 22's target:
 * p50 and p99 at most `factor` times the peer's, nothing lost.
 */
function comparePoint(rate, stack, peer, factor = 2) {
  const p50Ratio = peer ? ratioOf(stack.latency.p50, peer.latency.p50) : null;
  const p99Ratio = peer ? ratioOf(stack.latency.p99, peer.latency.p99) : null;
  return {
    rate,
    stack,
    peer,
    p50Ratio,
    p99Ratio,
    meetsTarget: peer ? stack.lost === 0 && p50Ratio !== null && p50Ratio <= factor && p99Ratio !== null && p99Ratio <= factor : null,
  };
}

function closeAll(pairs) {
  pairs.forEach((pair) => { pair.astro.socket.disconnect(); pair.user.socket.disconnect(); });
}

async function pollingScenario(stack, options, context) {
  const { log } = context;
  const pairsWanted = Math.floor(options.pollingSockets / 2);
  log(`polling: ${pairsWanted} sessions (${pairsWanted * 2} sockets on long-polling only) through the gateway`);
  const ours = await setupPairs(stack, { pairs: pairsWanted, prefix: `${context.runId}_p`, log, transports: POLLING });
  let theirs = null;
  const fanouts = [["astro-live", new FanOut(ours.pairs)]];
  try {
    if (options.pollingPeer) {
      log(`polling: the same on the reference peer at ${options.pollingPeer}`);
      theirs = await setupPeerPairs(options.pollingPeer, { pairs: pairsWanted, prefix: `${context.runId}_q` });
      fanouts.push(["peer", new FanOut(theirs.pairs)]);
    }
    const nonPolling = [...ours.pairs, ...(theirs ? theirs.pairs : [])]
      .flatMap((pair) => [pair.astro.socket, pair.user.socket])
      .filter((socket) => socket.io.engine.transport.name !== "polling").length;
    await sleep(2000);
    let step = 0;
    const runAt = async (name, fanout, rate, durationMs) => {
      const point = await fanout.point({ rate, durationMs, tag: `${context.runId}p${step++}`, cpu: context.cpuMeter(), recoverMs: 60000 });
      log(`  ${name} ${rate} msg/s: p50 ${point.latency.p50} p99 ${point.latency.p99} max ${point.latency.max} ms; lost ${point.lost}, dup ${point.duplicates}`
        + `${point.overloaded ? ", OVERLOADED" : ""}`);
      await sleep(500);
      return point;
    };
    // the JVMs compile the polling path only once it is hot, and on two busy cores chat's compilers were still at
    // work minutes after the start (docs/benchmarks.md, long-polling), so every rate runs first; the peer, one Node
    // process, needs a few seconds only
    const warmupMs = (options.pollingWarmupSeconds * 1000) / options.pollingRates.length;
    log(`polling: warm-up, ${options.pollingWarmupSeconds} s over the rates (not measured)`);
    for (const rate of options.pollingRates) {
      for (const [name, fanout] of fanouts) await runAt(name, fanout, rate, name === "peer" ? Math.min(warmupMs, PEER_WARMUP_MS) : warmupMs);
    }
    const points = [];
    for (const rate of options.pollingRates) {
      // the peer first at each rate, then astro-live: drift on a shared machine hits both within a minute
      const measured = {};
      for (const [name, fanout] of [...fanouts].reverse()) measured[name] = await runAt(name, fanout, rate, options.pollingSeconds * 1000);
      points.push(comparePoint(rate, measured["astro-live"], measured.peer || null));
    }
    return {
      setup: {
        sockets: ours.pairs.length * 2,
        activeSessions: ours.pairs.length,
        transport: "polling only (socket.io-client transports: [\"polling\"])",
        socketsNotOnPolling: nonPolling,
        path: "client -> gateway -> chat instance (sticky by sid); the peer: client -> one Node process",
        peer: options.pollingPeer || null,
        setupSeconds: ours.setupSeconds,
        peerSetupSeconds: theirs ? theirs.setupSeconds : null,
        setupFailures: ours.failures.length,
        secondsPerPoint: options.pollingSeconds,
        warmupSeconds: options.pollingWarmupSeconds,
      },
      points,
    };
  } finally {
    closeAll(ours.pairs);
    if (theirs) closeAll(theirs.pairs);
  }
}

module.exports = { pollingScenario, setupPeerPairs, comparePoint };
