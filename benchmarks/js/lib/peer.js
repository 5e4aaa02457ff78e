"use strict";

// The reference peer (benchmarks/reference-peer: the seed's socket server written the plain Node way) runs beside
// the stack in the same benchmark run, against the same Kafka and Mongo, so that our figures come as ratios to a
// team's obvious alternative measured on the same machine at the same time.

const path = require("node:path");
const { spawn } = require("node:child_process");
const { call, expect, connect, pool } = require("./api");

const PEER_DIR = path.resolve(__dirname, "..", "..", "reference-peer");
const READY = /ready baseline on (\d+)/;

/** Starts the peer; resolves { url, pid, stop() } once it listens. */
function startPeer({ port, mongoUri, kafka, startTimeoutMs = 30000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PEER_DIR, "server.mjs")], {
      cwd: PEER_DIR,
      env: { ...process.env, PORT: String(port), MONGO_URI: mongoUri, KAFKA: kafka || "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the reference peer did not start in ${startTimeoutMs} ms: ${output.slice(-500)}`));
    }, startTimeoutMs);
    const collect = (chunk) => {
      output += chunk;
      if (READY.test(output)) {
        clearTimeout(timer);
        resolve({
          url: `http://localhost:${port}`,
          pid: child.pid,
          exited: () => (child.exitCode !== null || child.signalCode !== null
            ? `exited (${child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode}): ${output.slice(-300)}` : null),
          stop: () => new Promise((done) => {
            // killed by a signal, a child has no exit code but a signal code: either way it is gone
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
        });
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the reference peer exited (${code}) before it was ready: ${output.slice(-500)}`));
    });
  });
}

/**
 * The peer's version of the fan-out setup: for each pair a token per participant from the peer's own issuer, an
 * active session written straight into its Mongo (`POST /bench/sessions`), both sockets connected and joined.
 * Resolves pairs shaped like fanout.js's setupPairs, so the same measurement runs on both.
 */
async function setupPeerPairs(peerUrl, { pairs, prefix, concurrency = 24, transports = ["websocket"], log = () => {} }) {
  const started = Date.now();
  const mint = async (sub, role) => (await expect(call(peerUrl, "POST", "/dev/tokens", null, { sub, role }), 200, `mint ${sub}`)).token;
  let done = 0;
  const result = await pool(Array.from({ length: pairs }, (_, i) => i), concurrency, async (i) => {
    const astroId = `${prefix}_a${i}`;
    const userId = `${prefix}_u${i}`;
    const sessionId = `${prefix}_s${i}`;
    const astroToken = await mint(astroId, "astrologer");
    const userToken = await mint(userId, "user");
    await expect(call(peerUrl, "POST", "/bench/sessions", null, { sessionId, userId, astrologerId: astroId }), 201, `session ${sessionId}`);
    const astroSocket = await connect(peerUrl, astroToken, { transports });
    const userSocket = await connect(peerUrl, userToken, { transports });
    for (const socket of [astroSocket, userSocket]) {
      const ack = await new Promise((resolve) => socket.timeout(10000).emit("join-session", { sessionId },
        (err, answer) => resolve(err ? { error: String(err.message || err) } : answer)));
      if (!ack || !ack.ok) throw new Error(`join-session ${sessionId} at the peer: ${JSON.stringify(ack)}`);
    }
    if (++done % 100 === 0) log(`  ${done}/${pairs} peer sessions joined`);
    return {
      sessionId,
      astro: { id: astroId, token: astroToken, socket: astroSocket, instance: "peer" },
      user: { id: userId, token: userToken, socket: userSocket, instance: "peer" },
    };
  });
  return { pairs: result, failures: [], setupSeconds: Math.round((Date.now() - started) / 100) / 10 };
}

/** Ours against the peer, point by point: the figures issue 12's targets are stated in. */
function compareFanOut(ours, peer) {
  const ratio = (a, b) => (a === null || b === null || a === undefined || b === undefined || b === 0 ? null : Math.round((a / b) * 100) / 100);
  const oursSat = ours.saturation ? ours.saturation.saturationRate : null;
  const peerSat = peer.saturation ? peer.saturation.saturationRate : null;
  const peerAt = new Map(peer.points.map((p) => [p.offeredRate, p]));
  return {
    saturation: { ours: oursSat, peer: peerSat, ratio: ratio(oursSat, peerSat), peerReachedMaxRate: !!(peer.saturation && peer.saturation.reachedMaxRate) },
    points: ours.points.filter((p) => peerAt.has(p.offeredRate)).map((p) => {
      const q = peerAt.get(p.offeredRate);
      return {
        rate: p.offeredRate,
        ours: { p50: p.latency.p50, p99: p.latency.p99, lost: p.lost, overloaded: p.overloaded },
        peer: { p50: q.latency.p50, p99: q.latency.p99, lost: q.lost, overloaded: q.overloaded },
        p50Ratio: ratio(p.latency.p50, q.latency.p50),
        p99Ratio: ratio(p.latency.p99, q.latency.p99),
      };
    }),
    overload: ours.overload ? {
      rate: ours.overload.offeredRate,
      factor: ours.overload.factor,
      unanswered: ours.overload.unacknowledged,
      storedNotDelivered: ours.overload.lostAfterStoredAck,
      dead: ours.overload.processesDead,
      normalAfterSeconds: ours.overload.normalAfterSeconds,
    } : null,
    // a receiver on another instance: p99 at most the same-instance p99 + 5 ms (issue 12)
    crossInstance: ours.points.filter((p) => p.latencySameInstance && p.latencyCrossInstance).map((p) => {
      const same = p.latencySameInstance.p99;
      const cross = p.latencyCrossInstance.p99;
      return { rate: p.offeredRate, sameP99: same, crossP99: cross,
        extraMs: same === null || cross === null ? null : Math.round((cross - same) * 100) / 100 };
    }),
  };
}

module.exports = { startPeer, setupPeerPairs, compareFanOut, PEER_DIR };
