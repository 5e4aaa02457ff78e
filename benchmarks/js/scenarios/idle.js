"use strict";

const { call, connect, expect, pool, sleep } = require("../lib/api");
const procs = require("../lib/procs");
const { round } = require("../lib/stats");

/**
 * Opens idle WebSocket connections to one process in cumulative levels (1,000, then 4,000 more...) and measures it
 * after each level. `measure()` gives { rssBytes, heapUsedBytes... }; `token(i)` the token of socket i.
 */
async function idleLevels({ url, levels, concurrency, measure, token, log, label }) {
  const baseline = await measure();
  const sockets = [];
  const reached = [];
  let failure = null;
  for (const k of levels) {
    const missing = k - sockets.length;
    if (missing <= 0) continue;
    const t0 = Date.now();
    try {
      const start = sockets.length;
      const indexes = Array.from({ length: missing }, (_, i) => start + i);
      const tokens = await pool(indexes, 16, token);
      const opened = await pool(indexes, concurrency, (i) => connect(url, tokens[i - start], { timeoutMs: 30000 }));
      sockets.push(...opened);
    } catch (e) {
      failure = `opening ${k} sockets failed after ${sockets.length}: ${e.message}`;
      log(`idle (${label}): ${failure}`);
      break;
    }
    const connectSeconds = (Date.now() - t0) / 1000;
    const m = await measure();
    const level = {
      sockets: k,
      stillConnected: sockets.filter((s) => s.connected).length,
      connectSeconds: round(connectSeconds, 1),
      connectsPerSecond: round(missing / connectSeconds, 0),
      ...m,
      rssBytesPerConnection: round((m.rssBytes - baseline.rssBytes) / k, 0),
      heapBytesPerConnection: m.heapUsedBytes == null || baseline.heapUsedBytes == null ? null
        : round((m.heapUsedBytes - baseline.heapUsedBytes) / k, 0),
    };
    reached.push(level);
    log(`idle (${label}): ${k} sockets: RSS ${round(m.rssBytes / 1048576, 1)} MiB (+${level.rssBytesPerConnection} B/conn)`
      + (m.heapUsedBytes == null ? "" : `, heap ${round(m.heapUsedBytes / 1048576, 1)} MiB (+${level.heapBytesPerConnection} B/conn)`));
  }
  return { baseline, levels: reached, failure, close: () => sockets.forEach((s) => s.disconnect()) };
}

/** Per level, our RSS per connection divided by the peer's (issue 23's figure: at most 1.5). */
function compareIdle(ours, peer) {
  return ours.levels.map((level) => {
    const theirs = peer.levels.find((l) => l.sockets === level.sockets);
    return {
      sockets: level.sockets,
      ours: level.rssBytesPerConnection,
      peer: theirs ? theirs.rssBytesPerConnection : null,
      ratio: theirs && theirs.rssBytesPerConnection > 0 ? round(level.rssBytesPerConnection / theirs.rssBytesPerConnection, 2) : null,
    };
  });
}

/**
 * Resident memory (and live heap after a forced full GC) of one chat-service instance before and after opening
 * K idle WebSocket connections straight to it (not through the gateway, so all K land on the measured instance
 * and the gateway's own file descriptors do not bound K); then the same on the reference peer (RSS only: no
 * jcmd on Node), whose sockets are closed before ours open so the two do not share the machine's memory pressure.
 */
async function idleScenario(stack, options, context) {
  const { log } = context;
  const url = new URL(options.idleUrl);
  const port = Number(url.port || 80);
  const pid = procs.pidListeningOn(port);
  if (!pid) throw new Error(`no process listens on port ${port} (${options.idleUrl})`);
  const usersPerToken = 10;
  const settleMs = options.idleSettleMs;
  let peer = null;
  if (context.peerUrl && context.peerPid) {
    const measurePeer = async () => {
      await sleep(settleMs);
      return { rssBytes: procs.rssBytes(context.peerPid), openFds: procs.openFds(context.peerPid) };
    };
    const tokens = new Map();
    const peerToken = async (i) => {
      const user = `${context.runId}_idle_peer_u${Math.floor(i / usersPerToken)}`;
      if (!tokens.has(user)) {
        tokens.set(user, expect(call(context.peerUrl, "POST", "/dev/tokens", null, { sub: user, role: "user" }), 200,
          `peer token ${user}`).then((body) => body.token));
      }
      return tokens.get(user);
    };
    log(`idle: the reference peer, pid ${context.peerPid}`);
    const run = await idleLevels({ url: context.peerUrl, levels: options.idleLevels, concurrency: options.idleConnectConcurrency,
      measure: measurePeer, token: peerToken, log, label: "peer" });
    run.close();
    peer = { pid: context.peerPid, baseline: run.baseline, levels: run.levels, failure: run.failure };
  }
  const measure = async () => {
    await sleep(settleMs);
    const { gcForced, heap } = procs.gcAndHeap(pid);
    await sleep(2000);
    return { rssBytes: procs.rssBytes(pid), heapUsedBytes: heap ? heap.usedBytes : null,
      heapCommittedBytes: heap ? heap.committedBytes : null, gcForced, openFds: procs.openFds(pid) };
  };
  log(`idle: chat instance pid ${pid} on port ${port}; JVM flags ${procs.jvmFlags(pid)}`);
  const histogramBefore = procs.classHistogram(pid);
  const tokens = new Map();
  const ourToken = (i) => {
    const user = `${context.runId}_idle_u${Math.floor(i / usersPerToken)}`;
    if (!tokens.has(user)) tokens.set(user, stack.mint(user, "user"));
    return tokens.get(user);
  };
  const ours = await idleLevels({ url: options.idleUrl, levels: options.idleLevels, concurrency: options.idleConnectConcurrency,
    measure, token: ourToken, log, label: "chat-service" });
  // what the live heap of an idle connection is made of, at the largest level reached
  const largest = ours.levels.length ? ours.levels[ours.levels.length - 1].sockets : 0;
  const heapByClass = largest ? procs.histogramGrowth(histogramBefore, procs.classHistogram(pid), largest) : [];
  ours.close();
  const afterClose = await measure();
  return {
    setup: {
      target: `${options.idleUrl} (one chat-service instance, direct; WebSocket transport)`,
      pid,
      jvmFlags: procs.jvmFlags(pid),
      usersPerToken,
      method: "RSS from /proc/<pid>/status; heap used from `jcmd GC.heap_info` right after `jcmd GC.run`; "
        + `each measurement after ${settleMs / 1000}s of settling and 2s after the GC`,
    },
    baseline: ours.baseline,
    levels: ours.levels,
    heapByClass,
    afterClose,
    failure: ours.failure,
    peer,
    comparison: peer ? compareIdle(ours, peer) : null,
  };
}

module.exports = { idleScenario, compareIdle };
