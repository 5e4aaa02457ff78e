"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { percentile, summarize, ratio, Samples, loopDelaySummary } = require("../lib/stats");

test("nearest-rank percentiles of 1..1000 are the ranks themselves", () => {
  const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
  const s = summarize(values);
  assert.deepEqual([s.count, s.p50, s.p90, s.p99, s.p999, s.max], [1000, 500, 900, 990, 999, 1000]);
  assert.equal(s.mean, 500.5);
});

test("a single sample is every percentile", () => {
  assert.deepEqual(summarize([7.123]), { count: 1, mean: 7.12, p50: 7.12, p90: 7.12, p99: 7.12, p999: 7.12, max: 7.12 });
});

test("no samples give nulls, not zeros", () => {
  const s = summarize([]);
  assert.equal(s.count, 0);
  assert.equal(s.p99, null);
});

test("p99 of 100 samples is the 99th smallest, so one outlier shows only in max", () => {
  const values = [...Array.from({ length: 99 }, () => 1), 500];
  const s = summarize(values);
  assert.equal(s.p99, 1);
  assert.equal(s.max, 500);
  assert.equal(percentile(Float64Array.from(values).sort(), 100), 500);
});

test("ratios refuse missing values and division by zero", () => {
  assert.equal(ratio(3, 2), 1.5);
  assert.equal(ratio(null, 2), null);
  assert.equal(ratio(3, 0), null);
});

test("samples merge", () => {
  const a = new Samples();
  const b = new Samples();
  a.add(1);
  b.add(2);
  a.addAll(b);
  assert.equal(a.summary().max, 2);
  assert.equal(a.count, 2);
});

test("an event-loop delay histogram is summarized in milliseconds from its nanoseconds", () => {
  const histogram = { percentile: (p) => p * 1e6 + 12345, max: 39493612345 };
  assert.deepEqual(loopDelaySummary(histogram), { p50: 50, p99: 99, max: 39493.6 });
});
