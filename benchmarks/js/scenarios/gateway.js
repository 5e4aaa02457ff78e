"use strict";

const { performance } = require("node:perf_hooks");
const { Samples, ratio, round } = require("../lib/stats");
const { call, expect } = require("../lib/api");

/** Closed loop: `concurrency` workers call fn back to back for durationMs; returns { samples, requests, errors, seconds }. */
async function closedLoop(fn, concurrency, durationMs) {
  const samples = new Samples();
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      try {
        const r = await fn();
        if (r.status === 200) samples.add(r.ms); else errors++;
      } catch (e) {
        errors++;
      }
    }
  }));
  return { samples, errors, seconds: (performance.now() - started) / 1000 };
}

/**
 * The same REST call (an astrologer's presence, GET /api/v1/astrologers/{id}, with a user token) straight to
 * presence-service and through the gateway, in alternating rounds so drift on a shared machine hits both alike.
 */
async function gatewayOverheadScenario(stack, options, context) {
  const { log } = context;
  const astroId = `${context.runId}_g_a0`;
  const astroToken = await stack.mint(astroId, "astrologer");
  await stack.goOnline(astroId, astroToken, 1);
  const userToken = await stack.mint(`${context.runId}_g_u0`, "user");
  const path = `/api/v1/astrologers/${astroId}`;
  await expect(call(options.presenceUrl, "GET", path, userToken), 200, "direct call");
  await expect(call(stack.gateway, "GET", path, userToken), 200, "call through the gateway");
  const direct = { samples: new Samples(), errors: 0, seconds: 0 };
  const viaGateway = { samples: new Samples(), errors: 0, seconds: 0 };
  const concurrency = options.gatewayConcurrency;
  const roundMs = (options.gatewaySeconds * 1000) / (2 * options.gatewayRounds);
  log(`gateway overhead: ${options.gatewayRounds} rounds of ${roundMs / 1000}s direct + ${roundMs / 1000}s via gateway, concurrency ${concurrency}`);
  // warm-up of both paths (JIT, connection pools), not measured
  await closedLoop(() => call(options.presenceUrl, "GET", path, userToken), concurrency, 2000);
  await closedLoop(() => call(stack.gateway, "GET", path, userToken), concurrency, 2000);
  const meter = context.cpuMeter().start();
  for (let r = 0; r < options.gatewayRounds; r++) {
    for (const [target, base] of [[direct, options.presenceUrl], [viaGateway, stack.gateway]]) {
      const result = await closedLoop(() => call(base, "GET", path, userToken), concurrency, roundMs);
      target.samples.addAll(result.samples);
      target.errors += result.errors;
      target.seconds += result.seconds;
    }
  }
  const cpuPercent = meter.stop();
  const summarizePath = (p) => ({ requests: p.samples.count, errors: p.errors, throughput: round(p.samples.count / p.seconds, 1), latency: p.samples.summary() });
  const d = summarizePath(direct);
  const g = summarizePath(viaGateway);
  return {
    setup: {
      call: "GET /api/v1/astrologers/{id} (presence-service, user JWT verified by the service; and by the gateway on the gateway path)",
      concurrency,
      loop: "closed loop, keep-alive HTTP/1.1 connections",
      rounds: options.gatewayRounds,
      secondsPerPath: round(direct.seconds, 1),
    },
    direct: d,
    viaGateway: g,
    throughputRatio: ratio(g.throughput, d.throughput),
    latencyRatioP50: ratio(g.latency.p50, d.latency.p50),
    addedP50Ms: d.latency.p50 === null || g.latency.p50 === null ? null : round(g.latency.p50 - d.latency.p50),
    addedP99Ms: d.latency.p99 === null || g.latency.p99 === null ? null : round(g.latency.p99 - d.latency.p99),
    cpuPercentBothPaths: cpuPercent,
  };
}

module.exports = { gatewayOverheadScenario, closedLoop };
