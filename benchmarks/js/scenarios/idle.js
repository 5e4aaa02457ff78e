"use strict";

const { connect, pool, sleep } = require("../lib/api");
const procs = require("../lib/procs");
const { round } = require("../lib/stats");

/**
 * Resident memory (and live heap after a forced full GC) of one chat-service instance before and after opening
 * K idle WebSocket connections straight to it (not through the gateway, so all K land on the measured instance
 * and the gateway's own file descriptors do not bound K). Levels are cumulative: 1,000 then 4,000 more...
 */
async function idleScenario(stack, options, context) {
  const { log } = context;
  const url = new URL(options.idleUrl);
  const port = Number(url.port || 80);
  const pid = procs.pidListeningOn(port);
  if (!pid) throw new Error(`no process listens on port ${port} (${options.idleUrl})`);
  const usersPerToken = 10;
  const settleMs = options.idleSettleMs;
  const measure = async () => {
    await sleep(settleMs);
    const { gcForced, heap } = procs.gcAndHeap(pid);
    await sleep(2000);
    return { rssBytes: procs.rssBytes(pid), heapUsedBytes: heap ? heap.usedBytes : null,
      heapCommittedBytes: heap ? heap.committedBytes : null, gcForced, openFds: procs.openFds(pid) };
  };
  log(`idle: chat instance pid ${pid} on port ${port}; JVM flags ${procs.jvmFlags(pid)}`);
  const baseline = await measure();
  const histogramBefore = procs.classHistogram(pid);
  const sockets = [];
  const tokens = [];
  const levels = [];
  let failure = null;
  for (const k of options.idleLevels) {
    const missing = k - sockets.length;
    if (missing <= 0) continue;
    const t0 = Date.now();
    try {
      const needTokens = Math.ceil(k / usersPerToken);
      while (tokens.length < needTokens) {
        const batch = Array.from({ length: Math.min(200, needTokens - tokens.length) }, (_, i) => tokens.length + i);
        tokens.push(...await pool(batch, 16, (i) => stack.mint(`${context.runId}_idle_u${i}`, "user")));
      }
      const start = sockets.length;
      const opened = await pool(Array.from({ length: missing }, (_, i) => start + i), options.idleConnectConcurrency,
        (i) => connect(options.idleUrl, tokens[Math.floor(i / usersPerToken)], { timeoutMs: 30000 }));
      sockets.push(...opened);
    } catch (e) {
      failure = `opening ${k} sockets failed after ${sockets.length}: ${e.message}`;
      log(`idle: ${failure}`);
      break;
    }
    const connectSeconds = (Date.now() - t0) / 1000;
    const stillConnected = sockets.filter((s) => s.connected).length;
    const m = await measure();
    const level = {
      sockets: k,
      stillConnected,
      connectSeconds: round(connectSeconds, 1),
      connectsPerSecond: round(missing / connectSeconds, 0),
      ...m,
      rssBytesPerConnection: round((m.rssBytes - baseline.rssBytes) / k, 0),
      heapBytesPerConnection: m.heapUsedBytes === null || baseline.heapUsedBytes === null ? null
        : round((m.heapUsedBytes - baseline.heapUsedBytes) / k, 0),
    };
    levels.push(level);
    log(`idle: ${k} sockets: RSS ${round(m.rssBytes / 1048576, 1)} MiB (+${level.rssBytesPerConnection} B/conn), `
      + `heap ${m.heapUsedBytes === null ? "?" : round(m.heapUsedBytes / 1048576, 1)} MiB (+${level.heapBytesPerConnection} B/conn)`);
  }
  // what the live heap of an idle connection is made of, at the largest level reached
  const largest = levels.length ? levels[levels.length - 1].sockets : 0;
  const heapByClass = largest ? procs.histogramGrowth(histogramBefore, procs.classHistogram(pid), largest) : [];
  sockets.forEach((s) => s.disconnect());
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
    baseline,
    levels,
    heapByClass,
    afterClose,
    failure,
  };
}

module.exports = { idleScenario };
