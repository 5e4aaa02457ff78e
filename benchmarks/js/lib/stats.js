"use strict";

/**
 * Latency samples and their summary. Every sample is kept (a run holds at most a few hundred thousand), so the
 * percentiles are exact order statistics (nearest rank), not histogram estimates.
 */
class Samples {
  constructor() {
    this.values = [];
  }

  add(value) {
    this.values.push(value);
  }

  addAll(other) {
    for (const v of other.values) this.values.push(v);
  }

  get count() {
    return this.values.length;
  }

  summary() {
    return summarize(this.values);
  }
}

/** Nearest-rank percentile of an ascending array: the smallest value with at least p% of the samples at or below it. */
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  if (p <= 0) return sorted[0];
  const rank = Math.ceil((p / 100) * sorted.length - 1e-9); // 99.9/100 is 0.9990000000000001 in floating point
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round = (v, digits = 2) => (v === null || v === undefined || Number.isNaN(v) ? null : Number(v.toFixed(digits)));

/** p50, p99 and max in ms, to 0.1 ms, of a `monitorEventLoopDelay` histogram (which counts nanoseconds). */
const loopDelaySummary = (histogram) => ({
  p50: round(histogram.percentile(50) / 1e6, 1), p99: round(histogram.percentile(99) / 1e6, 1), max: round(histogram.max / 1e6, 1),
});

/** count, mean, p50, p90, p99, p99.9 and max of millisecond samples, rounded to 0.01 ms. */
function summarize(values) {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) {
    return { count: 0, mean: null, p50: null, p90: null, p99: null, p999: null, max: null };
  }
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: round(sum / sorted.length),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    p999: round(percentile(sorted, 99.9)),
    max: round(sorted[sorted.length - 1]),
  };
}

/** a / b rounded, or null when either is missing or b is zero. */
function ratio(a, b, digits = 2) {
  if (a === null || b === null || a === undefined || b === undefined || b === 0) return null;
  return round(a / b, digits);
}

module.exports = { Samples, percentile, summarize, ratio, round, loopDelaySummary };
