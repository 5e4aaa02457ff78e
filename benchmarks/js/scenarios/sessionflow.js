"use strict";

const { performance } = require("node:perf_hooks");
const { Samples } = require("../lib/stats");
const { connect, pool, call, sessionIdOf, sleep } = require("../lib/api");

/**
 * Waits for events naming a session: arrivals are recorded as they come (an event may beat the HTTP answer that
 * tells us the session id), and wait(id) resolves with the arrival time.
 */
class Arrivals {
  constructor(socket, event) {
    this.times = new Map();
    this.waiters = new Map();
    socket.on(event, (payload) => {
      const id = sessionIdOf(payload);
      const at = performance.now();
      if (!id || this.times.has(id)) return;
      this.times.set(id, at);
      const waiter = this.waiters.get(id);
      if (waiter) waiter(at);
    });
  }

  wait(id, timeoutMs) {
    if (this.times.has(id)) return Promise.resolve(this.times.get(id));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        resolve(null);
      }, timeoutMs);
      this.waiters.set(id, (at) => {
        clearTimeout(timer);
        this.waiters.delete(id);
        resolve(at);
      });
    });
  }
}

function newFigures() {
  return {
    toRequest: new Samples(),
    toAccepted: new Samples(),
    startHttp: new Samples(),
    acceptHttp: new Samples(),
    // the measure: how long after the HTTP answer the notification arrives (negative when it came first)
    requestAfterAnswer: new Samples(),
    acceptedAfterAnswer: new Samples(),
    failures: { startRefusedBusy: 0, requestMissing: 0, acceptedMissing: 0, errors: [] },
    completed: 0,
  };
}

/** Every pair runs sessions back to back until the deadline, adding its timings to `f`. */
async function runFlows(stack, actors, deadline, waitMs, f) {
  const { failures } = f;
  await Promise.all(actors.map(async (a) => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const start = await call(stack.gateway, "POST", "/api/sessions/start", a.userToken, { astrologerId: a.astroId, sessionType: "chat" });
      if (start.status === 409) {
        // the astrologer's previous session is over (its end was answered), so this counts a refusal that should
        // not happen: session-service decides busy from its own reservation, not from the lagging presence read model
        failures.startRefusedBusy++;
        await sleep(20);
        continue;
      }
      if (start.status !== 201) {
        if (failures.errors.length < 5) failures.errors.push(`start ${start.status} ${JSON.stringify(start.body)}`);
        await sleep(200);
        continue;
      }
      f.startHttp.add(start.ms);
      const id = sessionIdOf(start.body);
      const requestedAt = await a.requests.wait(id, waitMs);
      if (requestedAt === null) failures.requestMissing++;
      else {
        f.toRequest.add(requestedAt - t0);
        f.requestAfterAnswer.add(requestedAt - t0 - start.ms);
      }
      const t1 = performance.now();
      const accept = await call(stack.gateway, "POST", "/api/sessions/accept", a.astroToken, { sessionId: id });
      if (accept.status !== 200) {
        if (failures.errors.length < 5) failures.errors.push(`accept ${accept.status} ${JSON.stringify(accept.body)}`);
      } else {
        f.acceptHttp.add(accept.ms);
        const acceptedAt = await a.accepted.wait(id, waitMs);
        if (acceptedAt === null) failures.acceptedMissing++;
        else {
          f.toAccepted.add(acceptedAt - t1);
          f.acceptedAfterAnswer.add(acceptedAt - t1 - accept.ms);
        }
      }
      await call(stack.gateway, "POST", "/api/sessions/end", a.userToken, { sessionId: id });
      f.completed++;
    }
  }));
}

/**
 * `concurrency` user/astrologer pairs each run sessions back to back for the duration (closed loop per pair):
 * start (retrying while the astrologer is still busy from the last one), wait for the astrologer's
 * session:request, accept, wait for the user's session:accepted, end. Timed: POST start sent -> session:request
 * at the astrologer, POST accept sent -> session:accepted at the user, and the two HTTP calls themselves.
 */
async function sessionFlowScenario(stack, options, context) {
  const { log } = context;
  const prefix = `${context.runId}_s`;
  const concurrency = options.sessionConcurrency;
  log(`session flow: ${concurrency} concurrent user/astrologer pairs for ${options.sessionSeconds}s`);
  const actors = await pool(Array.from({ length: concurrency }, (_, i) => i), 8, async (i) => {
    const astroId = `${prefix}_a${i}`;
    const userId = `${prefix}_u${i}`;
    const astroToken = await stack.mint(astroId, "astrologer");
    const userToken = await stack.mint(userId, "user");
    const astroSocket = await connect(stack.gateway, astroToken);
    const userSocket = await connect(stack.gateway, userToken);
    await stack.goOnline(astroId, astroToken, 1);
    await stack.credit(userId, 1000000, `bench-${prefix}-${i}`);
    return {
      astroId, astroToken, userToken, astroSocket, userSocket,
      requests: new Arrivals(astroSocket, "session:request"),
      accepted: new Arrivals(userSocket, "session:accepted"),
    };
  });
  const waitMs = options.eventTimeoutMs;
  if (options.sessionWarmupSeconds > 0) {
    // the same flows first, not measured: the JVMs compile the flow's code only once it is hot (see polling.js)
    log(`session flow: warm-up, ${options.sessionWarmupSeconds} s (not measured)`);
    await runFlows(stack, actors, performance.now() + options.sessionWarmupSeconds * 1000, waitMs, newFigures());
  }
  const figures = newFigures();
  const meter = context.cpuMeter().start();
  const started = performance.now();
  await runFlows(stack, actors, started + options.sessionSeconds * 1000, waitMs, figures);
  const { toRequest, toAccepted, startHttp, acceptHttp, requestAfterAnswer, acceptedAfterAnswer, failures } = figures;
  const completed = figures.completed;
  const seconds = (performance.now() - started) / 1000;
  const cpuPercent = meter.stop();
  actors.forEach((a) => { a.astroSocket.disconnect(); a.userSocket.disconnect(); });
  return {
    setup: {
      concurrentPairs: concurrency,
      durationSeconds: Math.round(seconds),
      warmupSeconds: options.sessionWarmupSeconds,
      loop: "closed loop per pair: start -> session:request -> accept -> session:accepted -> end, then again",
      path: "REST through the gateway; notifications session-service -> Kafka -> chat instance -> socket (through the gateway)",
    },
    sessionsCompleted: completed,
    sessionsPerSecond: Math.round((completed / seconds) * 10) / 10,
    startToSessionRequest: toRequest.summary(),
    acceptToSessionAccepted: toAccepted.summary(),
    startHttp: startHttp.summary(),
    acceptHttp: acceptHttp.summary(),
    sessionRequestAfterStartAnswer: requestAfterAnswer.summary(),
    sessionAcceptedAfterAcceptAnswer: acceptedAfterAnswer.summary(),
    failures,
    cpuPercent,
  };
}

module.exports = { sessionFlowScenario, Arrivals };
