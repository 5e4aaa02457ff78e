"use strict";

/**
 * The churn scenario's crowd, in a process of its own (forked by churn.js): the thousands of sockets that watch
 * presence, each parsing every full list and delta it is sent. In the process that also times the chat messages,
 * that parsing held the event loop for seconds and the messages' latency was the generator's, not the stack's.
 * Asked over IPC: connect, summary, close; each answered by one message of the same type (or an error).
 */
const { monitorEventLoopDelay } = require("node:perf_hooks");
const { connect, pool } = require("../lib/api");
const { loopDelaySummary } = require("../lib/stats");
const { PresenceWatcher, summarizeMode, compareViews, epochNow, presenceAuth } = require("./churn");

const sockets = [];
const watchers = [];
// sockets the server or the network closed, by reason: a watcher without its socket keeps a stale view
const disconnected = {};
// a socket the server closes for "ping timeout" did not answer its ping in time: was this process too late to answer
// (its event loop), or did the pings stop coming (the longest gap between two pings a socket received)?
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let longestPingGapMs = 0;

function timePings(socket) {
  let last = null;
  socket.io.engine.on("ping", () => {
    const now = Date.now();
    if (last !== null) longestPingGapMs = Math.max(longestPingGapMs, now - last);
    last = now;
  });
}

function startMeasuring() {
  loopDelay.reset();
  longestPingGapMs = 0;
}

const handlers = {
  /** Connects one socket per mode, to urls in turn, ten sockets per token. */
  async connect({ urls, tokens, modes, concurrency }) {
    await pool(modes, concurrency, async (mode, i) => {
      // listening from before the connect: a deltas socket's one list comes right behind it
      const watcher = mode === "none" ? null : new PresenceWatcher(mode, epochNow);
      const socket = await connect(urls[i % urls.length], tokens[Math.floor(i / 10)], { timeoutMs: 30000, auth: presenceAuth(mode),
        listen: (s) => watcher && watcher.attach(s) });
      sockets.push(socket);
      socket.on("disconnect", (reason) => { disconnected[reason] = (disconnected[reason] || 0) + 1; });
      timePings(socket);
      if (watcher) watchers.push(watcher);
    });
    // the stalls of connecting thousands of sockets are not the churn's: measure from here on
    startMeasuring();
    return { sockets: sockets.length };
  },

  /** The churn's warm-up is over: count deltas, closes and stalls from here on. */
  async measure() {
    startMeasuring();
    watchers.forEach((w) => w.resetCounts());
    Object.keys(disconnected).forEach((reason) => delete disconnected[reason]);
    return {};
  },

  /** Lists and deltas between from and to (epoch ms), and how many final views differ from the truth. */
  async summary({ from, to, ids, truth }) {
    const of = (mode) => watchers.filter((w) => w.mode === mode);
    return {
      listSockets: summarizeMode(of("list"), from, to),
      deltaSockets: summarizeMode(of("deltas"), from, to),
      finalViews: { list: compareViews(of("list"), ids, truth), deltas: compareViews(of("deltas"), ids, truth) },
      disconnected: { ...disconnected },
      eventLoopDelayMs: loopDelaySummary(loopDelay),
      longestPingGapMs,
    };
  },

  async close() {
    sockets.forEach((socket) => socket.disconnect());
    return {};
  },
};

process.on("message", async ({ type, ...request }) => {
  try {
    process.send({ type, ...(await handlers[type](request)) });
  } catch (e) {
    process.send({ type: "error", error: String(e.stack || e) });
  }
  if (type === "close") process.disconnect();
});
