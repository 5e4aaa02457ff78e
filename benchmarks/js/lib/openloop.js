"use strict";

const { performance } = require("node:perf_hooks");

/**
 * An open-loop schedule: message k is due at start + k / rate, whatever happened to the earlier ones. Each tick
 * sends everything that has come due, so a generator (or server) that falls behind sends a burst and the delay
 * shows as latency measured from the scheduled time, never as a lower offered rate (no coordinated omission).
 */
function scheduleTimes(rate, durationMs, start = 0) {
  const total = Math.round((rate * durationMs) / 1000);
  const times = new Float64Array(total);
  for (let k = 0; k < total; k++) times[k] = start + (k * 1000) / rate;
  return times;
}

/**
 * Runs the schedule: calls send(k, scheduledAt) for every k in order, as soon as it is due. Stops early when
 * shouldStop() turns true (overload guard). Resolves with { sent, total, startedAt, endedAt, sendLag } where
 * sendLag lists how late each send left the generator (ms), i.e. the generator's own share of the latency.
 */
function runOpenLoop({ rate, durationMs, send, shouldStop = () => false, now = () => performance.now(),
  setTimer = (fn, ms) => setTimeout(fn, ms) }) {
  return new Promise((resolve, reject) => {
    const startedAt = now();
    const times = scheduleTimes(rate, durationMs, startedAt);
    const sendLag = [];
    let next = 0;
    const tick = () => {
      try {
        const t = now();
        while (next < times.length && times[next] <= t) {
          if (shouldStop()) break;
          sendLag.push(now() - times[next]);
          send(next, times[next]);
          next++;
        }
        if (next >= times.length || shouldStop()) {
          resolve({ sent: next, total: times.length, startedAt, endedAt: now(), sendLag });
          return;
        }
        setTimer(tick, Math.max(0, Math.floor(times[next] - now())));
      } catch (err) {
        reject(err);
      }
    };
    tick();
  });
}

module.exports = { scheduleTimes, runOpenLoop };
