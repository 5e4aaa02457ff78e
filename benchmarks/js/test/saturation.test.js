"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { searchSaturation } = require("../lib/saturation");

/** A server whose p99 is fine up to `capacity` msg/s and explodes above it. */
const server = (capacity) => async (rate) => ({ latency: { p99: rate <= capacity ? 10 : 400 }, lost: 0, overloaded: false });

test("doubles while runs pass, then bisects to within the precision", async () => {
  const result = await searchSaturation({ runAt: server(3000), startRate: 500, maxRate: 64000, thresholdMs: 50, maxSteps: 10 });
  assert.deepEqual(result.steps.slice(0, 4).map((s) => s.rate), [500, 1000, 2000, 4000]);
  assert.ok(result.saturationRate <= 3000 && result.saturationRate >= 3000 / 1.15, `got ${result.saturationRate}`);
  assert.equal(result.reachedMaxRate, false);
});

test("lost messages fail a step even with a good p99", async () => {
  const runAt = async (rate) => ({ latency: { p99: 5 }, lost: rate > 1000 ? 1 : 0, overloaded: false });
  const result = await searchSaturation({ runAt, startRate: 500, maxRate: 64000, thresholdMs: 50, maxSteps: 10 });
  assert.ok(result.saturationRate >= 1000 / 1.15 && result.saturationRate <= 1000);
});

test("a first step that already fails searches below it", async () => {
  const result = await searchSaturation({ runAt: server(100), startRate: 500, maxRate: 64000, thresholdMs: 50, maxSteps: 8 });
  assert.ok(result.saturationRate > 0 && result.saturationRate <= 100, `got ${result.saturationRate}`);
});

test("the step budget bounds the search and the upper bound is reported as such", async () => {
  const result = await searchSaturation({ runAt: server(1e9), startRate: 500, maxRate: 4000, thresholdMs: 50, maxSteps: 10 });
  assert.deepEqual(result.steps.map((s) => s.rate), [500, 1000, 2000, 4000]);
  assert.equal(result.saturationRate, 4000);
  assert.equal(result.reachedMaxRate, true);
});
