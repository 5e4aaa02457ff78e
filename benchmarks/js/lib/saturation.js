"use strict";

/**
 * The highest rate whose run passes (p99 under the threshold, nothing lost): double from startRate while runs
 * pass, then bisect between the last pass and the first failure until they are within `precision` (ratio) or
 * maxSteps runs were spent. runAt(rate) resolves a point with { latency: { p99 }, lost, overloaded }.
 */
async function searchSaturation({ runAt, startRate, maxRate, thresholdMs, maxSteps = 8, precision = 1.15 }) {
  const steps = [];
  const passes = (point) => !point.overloaded && point.lost === 0 && point.latency.p99 !== null && point.latency.p99 <= thresholdMs;
  const attempt = async (rate) => {
    const point = await runAt(rate);
    const ok = passes(point);
    steps.push({ rate, p99: point.latency.p99, lost: point.lost, overloaded: !!point.overloaded, passed: ok });
    return ok;
  };
  let pass = null;
  let fail = null;
  let rate = startRate;
  while (steps.length < maxSteps && rate <= maxRate) {
    if (await attempt(rate)) {
      pass = rate;
      rate *= 2;
    } else {
      fail = rate;
      break;
    }
  }
  if (pass === null && fail !== null) {
    // even the first rate failed: search below it
    let lo = 0;
    let hi = fail;
    while (steps.length < maxSteps && hi - lo > Math.max(1, lo * (precision - 1))) {
      const mid = Math.round((lo + hi) / 2);
      if (mid <= 0) break;
      if (await attempt(mid)) lo = mid; else hi = mid;
    }
    pass = lo > 0 ? lo : null;
  } else if (fail !== null) {
    let lo = pass;
    let hi = fail;
    while (steps.length < maxSteps && hi / lo > precision) {
      const mid = Math.round((lo + hi) / 2);
      if (await attempt(mid)) lo = mid; else hi = mid;
    }
    pass = lo;
  }
  return {
    thresholdMs,
    saturationRate: pass,
    firstFailingRate: fail === null ? null : Math.min(...steps.filter((s) => !s.passed).map((s) => s.rate)),
    reachedMaxRate: fail === null,
    steps,
  };
}

module.exports = { searchSaturation };
