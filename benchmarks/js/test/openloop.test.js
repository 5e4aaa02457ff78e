"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { scheduleTimes, runOpenLoop } = require("../lib/openloop");

test("the schedule spaces messages evenly over the duration", () => {
  const times = scheduleTimes(4, 1000, 100);
  assert.deepEqual(Array.from(times), [100, 350, 600, 850]);
});

/** A fake clock whose timers fire in order, each advancing time to its deadline (plus a configurable delay). */
function fakeClock(timerDelay = () => 0) {
  let now = 0;
  const timers = [];
  return {
    now: () => now,
    advance: (ms) => { now += ms; },
    setTimer: (fn, ms) => timers.push({ at: now + ms + timerDelay(), fn }),
    async runAll() {
      while (timers.length) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers.shift();
        now = Math.max(now, t.at);
        t.fn();
        await null;
      }
    },
  };
}

test("every message is sent at its scheduled time when the generator keeps up", async () => {
  const clock = fakeClock();
  const sends = [];
  const done = runOpenLoop({ rate: 100, durationMs: 100, now: clock.now, setTimer: clock.setTimer,
    send: (k, at) => sends.push([k, at, clock.now()]) });
  await clock.runAll();
  const result = await done;
  assert.equal(result.sent, 10);
  assert.equal(result.total, 10);
  sends.forEach(([k, at, actual]) => {
    assert.equal(at, k * 10);
    assert.equal(actual, at);
  });
  assert.ok(result.sendLag.every((lag) => lag === 0));
});

test("a stalled generator sends the overdue messages in a burst, keeping their scheduled times (no coordinated omission)", async () => {
  // every timer fires 35 ms late
  const clock = fakeClock(() => 35);
  const sends = [];
  const done = runOpenLoop({ rate: 100, durationMs: 200, now: clock.now, setTimer: clock.setTimer,
    send: (k, at) => sends.push({ k, at, actual: clock.now() }) });
  await clock.runAll();
  const result = await done;
  assert.equal(result.sent, 20, "the offered rate is kept: all 20 messages are sent");
  sends.forEach(({ k, at }) => assert.equal(at, k * 10, "the latency origin is the schedule, not the late send"));
  assert.ok(Math.max(...result.sendLag) >= 35, "the generator's lateness is reported");
});

test("the overload guard stops sending", async () => {
  const clock = fakeClock();
  let sent = 0;
  const done = runOpenLoop({ rate: 100, durationMs: 1000, now: clock.now, setTimer: clock.setTimer,
    shouldStop: () => sent >= 5, send: () => { sent++; } });
  await clock.runAll();
  const result = await done;
  assert.equal(result.sent, 5);
  assert.equal(result.total, 100);
});
