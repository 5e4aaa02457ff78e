"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { compareFanOut } = require("../lib/peer");
const { parseOptions } = require("../lib/options");
const { markdown } = require("../lib/report");

const lat = (p50, p99) => ({ count: 10, mean: p50, p50, p90: p99, p99, p999: p99, max: p99 });
const point = (rate, p50, p99, lost = 0) => ({ offeredRate: rate, latency: lat(p50, p99), lost, overloaded: false });

test("the comparison divides our figures by the peer's at the rates both ran", () => {
  const ours = { saturation: { saturationRate: 3000 }, points: [point(500, 2, 10), point(2000, 4, 40)] };
  const peer = { saturation: { saturationRate: 1500, reachedMaxRate: false }, points: [point(500, 1, 20), point(1000, 1, 30)] };
  const c = compareFanOut(ours, peer);
  assert.deepEqual(c.saturation, { ours: 3000, peer: 1500, ratio: 2, peerReachedMaxRate: false });
  assert.equal(c.points.length, 1, "2000 msg/s ran on our side only");
  assert.deepEqual({ rate: c.points[0].rate, p50: c.points[0].p50Ratio, p99: c.points[0].p99Ratio }, { rate: 500, p50: 2, p99: 0.5 });
});

test("a side without a saturation figure gives no ratio instead of a wrong one", () => {
  const c = compareFanOut({ saturation: null, points: [] }, { saturation: { saturationRate: 0 }, points: [] });
  assert.equal(c.saturation.ratio, null);
});

test("the peer runs by default and --no-peer leaves it out", () => {
  assert.equal(parseOptions([]).peer, true);
  assert.equal(parseOptions([]).peerPort, 3100);
  assert.equal(parseOptions(["--no-peer"]).peer, false);
  assert.equal(parseOptions(["--peer-port", "3200", "--kafka", "k:1"]).peerPort, 3200);
});

test("the report opens with the comparison against the peer", () => {
  const report = {
    startedAt: "2026-01-01T00:00:00.000Z",
    options: {},
    environment: { cores: 2, cpuModel: "cpu", totalMemoryBytes: 2 ** 30, loadAverage: [1, 1, 1], node: "v20", commit: "abc", processes: [] },
    durationSeconds: 5,
    results: { peerFanout: { error: "peer died" } },
    comparison: compareFanOut({ saturation: { saturationRate: 2250 }, points: [point(500, 2, 10)] },
      { saturation: { saturationRate: 1500 }, points: [point(500, 1, 20)] }),
  };
  const md = markdown(report);
  assert.match(md, /## Against the reference peer/);
  assert.match(md, /ours \*\*2,250 msg\/s\*\*, the peer's \*\*1,500 msg\/s\*\*: \*\*×1\.5\*\*/);
  assert.match(md, /\| 500 \| 2 \| 1 \| 2 \| 10 \| 20 \| 0\.5 \| 0 \| 0 \|/);
  assert.match(md, /## peerFanout\n\nFailed: peer died/);
});

test("the comparison states the cross-instance, 500 msg/s and overload targets", () => {
  const withInstances = (p, same, cross) => ({ ...p, latencySameInstance: lat(1, same), latencyCrossInstance: lat(1, cross) });
  const ours = {
    saturation: { saturationRate: 300 },
    points: [withInstances(point(500, 1.5, 30), 20, 27.5)],
    overload: { offeredRate: 1200, factor: 4, unacknowledged: 0, lostAfterStoredAck: 0, processesDead: [], normalAfterSeconds: 2.4 },
  };
  const c = compareFanOut(ours, { saturation: { saturationRate: 1500 }, points: [point(500, 1, 40)] });
  assert.deepEqual(c.crossInstance, [{ rate: 500, sameP99: 20, crossP99: 27.5, extraMs: 7.5 }]);
  const md = markdown({
    startedAt: "2026-01-01T00:00:00.000Z", options: {}, durationSeconds: 5, results: {}, comparison: c,
    environment: { cores: 2, cpuModel: "cpu", totalMemoryBytes: 2 ** 30, loadAverage: [1, 1, 1], node: "v20", commit: "abc", processes: [] },
  });
  assert.match(md, /At 500 msg\/s: p50 1\.5 ms \(target ≤ 2 ms\), p99 30 ms against the peer's 40 ms/);
  assert.match(md, /500 msg\/s \+7\.5 ms \(27\.5 against 20\)/);
  assert.match(md, /Overload, 1,200 msg\/s \(4× our saturation\) for the whole point: 0 never answered, 0 stored but not delivered, dead processes: none, normal again after 2\.4 s/);
});

test("--overload-factor 0 turns the overload point off", () => {
  assert.equal(parseOptions([]).overloadFactor, 4);
  assert.equal(parseOptions(["--overload-factor", "0"]).overloadFactor, 0);
  assert.equal(parseOptions(["--overload-duration", "10"]).overloadSeconds, 10);
});
