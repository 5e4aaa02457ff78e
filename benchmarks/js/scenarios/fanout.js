"use strict";

const { performance } = require("node:perf_hooks");
const { Samples, summarize } = require("../lib/stats");
const { runOpenLoop } = require("../lib/openloop");
const { searchSaturation } = require("../lib/saturation");
const { connect, instanceOf, pool, eventually, sessionIdOf, expect, sleep } = require("../lib/api");
const { setupPeerPairs } = require("../lib/peer");
const { isAlive } = require("../lib/procs");

const JOIN_TIMEOUT_MS = 10000;

function emitAck(socket, event, payload, timeoutMs = JOIN_TIMEOUT_MS) {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (err, ack) => resolve(err ? { error: String(err.message || err) } : ack));
  });
}

/**
 * Creates `pairs` active chat sessions through the gateway, for each an astrologer and a user with their own
 * tokens. In two phases: first everything REST (rates, online, credit, start, accept) with no socket open, then
 * every socket connects and joins its session's room. chat-service broadcasts the whole online list to every
 * socket on every presence change (online, busy), so building 500 sessions with sockets already open costs
 * O(changes x sockets x list size) and slows the setup to a crawl; done in this order, no change meets an open
 * socket and the measured phase starts on a quiet system.
 */
async function setupPairs(stack, { pairs, prefix, concurrency = 24, coins = 1000000, log = () => {}, maxFailedShare = 0.05, transports = ["websocket"], auth = {} }) {
  const started = performance.now();
  const failures = [];
  const fail = (e) => {
    failures.push(String(e.message || e));
    if (failures.length > Math.max(1, pairs * maxFailedShare)) throw new Error(`${failures.length} pairs failed to set up; first: ${failures[0]}`);
    return null;
  };
  let done = 0;
  const sessions = await pool(Array.from({ length: pairs }, (_, i) => i), concurrency, async (i) => {
    const astroId = `${prefix}_a${i}`;
    const userId = `${prefix}_u${i}`;
    try {
      const astroToken = await stack.mint(astroId, "astrologer");
      const userToken = await stack.mint(userId, "user");
      await stack.goOnline(astroId, astroToken, 1);
      await stack.credit(userId, coins, `bench-${prefix}-${i}`);
      const start = await stack.startWhenFree(userToken, astroId);
      const sessionId = sessionIdOf(start.body);
      await expect(stack.accept(astroToken, sessionId), 200, `accept ${sessionId}`);
      if (++done % 100 === 0) log(`  ${done}/${pairs} sessions active`);
      return { sessionId, astroId, astroToken, userId, userToken };
    } catch (e) {
      return fail(e);
    }
  });
  const restSeconds = Math.round((performance.now() - started) / 100) / 10;
  done = 0;
  const result = await pool(sessions.filter(Boolean), concurrency, async (s) => {
    const sockets = [];
    try {
      const astroSocket = await connect(stack.gateway, s.astroToken, { transports, auth });
      sockets.push(astroSocket);
      const userSocket = await connect(stack.gateway, s.userToken, { transports, auth });
      sockets.push(userSocket);
      for (const socket of [astroSocket, userSocket]) {
        await eventually(`join-session ${s.sessionId}`, async () => {
          const ack = await emitAck(socket, "join-session", { sessionId: s.sessionId });
          return { done: !!ack && !ack.error, value: ack };
        }, 30000, 100);
      }
      if (++done % 100 === 0) log(`  ${done * 2} sockets joined`);
      return {
        sessionId: s.sessionId,
        astro: { id: s.astroId, token: s.astroToken, socket: astroSocket, instance: instanceOf(astroSocket) },
        user: { id: s.userId, token: s.userToken, socket: userSocket, instance: instanceOf(userSocket) },
      };
    } catch (e) {
      sockets.forEach((socket) => socket.disconnect());
      return fail(e);
    }
  });
  return { pairs: result.filter(Boolean), failures, restSeconds, setupSeconds: Math.round((performance.now() - started) / 100) / 10 };
}

/**
 * Sends messages on an open-loop schedule across all sockets of the pairs and measures, per message, the time
 * from its scheduled send to its arrival at the other participant (split by whether that socket is on the same
 * chat instance as the sender), to the echo at the sender, and to the sender's acknowledgement.
 */
class FanOut {
  constructor(pairs) {
    this.participants = [];
    pairs.forEach((pair, p) => {
      this.participants.push({ pair: p, socket: pair.astro.socket, instance: pair.astro.instance, sessionId: pair.sessionId });
      this.participants.push({ pair: p, socket: pair.user.socket, instance: pair.user.instance, sessionId: pair.sessionId });
    });
    this.participants.forEach((participant, index) => {
      participant.peer = index ^ 1;
      participant.socket.on("message:receive", (message) => this.received(index, message));
      // everything else the server pushes meanwhile (online lists, presence...) is background load worth knowing
      participant.socket.onAny((event) => {
        if (event !== "message:receive") this.otherEvents[event] = (this.otherEvents[event] || 0) + 1;
      });
    });
    this.run = null;
    this.strays = 0;
    this.otherEvents = {};
  }

  /**
   * After an overloaded point: probe with single messages until one makes the round trip to the peer in under
   * 200 ms, so the next point does not inherit the backlog. Resolves with the seconds it took (null: gave up).
   */
  async waitUntilQuiet(maxMs) {
    const started = performance.now();
    for (let n = 0; performance.now() - started < maxMs; n++) {
      if (await this.probe(this.participants[0], `probe:q${n}`, 200)) return Math.round((performance.now() - started) / 100) / 10;
      await sleep(1000);
    }
    return null;
  }

  /**
   * After an overload: rounds of one probe message on a same-instance and on a cross-instance pair, 200 ms apart,
   * until `consecutive` rounds in a row have every probe acknowledged and delivered within thresholdMs (a refused
   * or slower probe fails its round). Resolves with the seconds from the call to the first round of that streak
   * (null: not within maxMs).
   */
  async timeToNormal({ thresholdMs, maxMs, consecutive = 3 }) {
    const started = performance.now();
    const probes = this.probePairs();
    let streakStartedAt = null;
    let streak = 0;
    let n = 0;
    while (performance.now() - started < maxMs) {
      const roundAt = performance.now();
      const results = await Promise.all(probes.map((sender) => this.probe(sender, `probe:n${n++}`, thresholdMs)));
      if (results.every(Boolean)) {
        if (streak++ === 0) streakStartedAt = roundAt;
        if (streak >= consecutive) return Math.round((streakStartedAt - started) / 100) / 10;
      } else {
        streak = 0;
      }
      await sleep(Math.max(0, 200 - (performance.now() - roundAt)));
    }
    return null;
  }

  /** The first sender of a pair on one instance and the first of a pair across instances (either may be missing). */
  probePairs() {
    const senders = [];
    for (const same of [true, false]) {
      const sender = this.participants.find((p, i) => i % 2 === 0
        && (p.instance === this.participants[p.peer].instance) === same);
      if (sender) senders.push(sender);
    }
    return senders;
  }

  /** One message from sender to its peer: true when it was acknowledged and delivered within withinMs. */
  probe(sender, id, withinMs) {
    const receiver = this.participants[sender.peer];
    const sentAt = performance.now();
    return new Promise((resolve) => {
      let acked = false;
      let delivered = false;
      const finish = (ok) => {
        clearTimeout(timer);
        receiver.socket.off("message:receive", listener);
        resolve(ok && performance.now() - sentAt <= withinMs);
      };
      const timer = setTimeout(() => finish(false), Math.max(withinMs, 1000));
      function listener(message) {
        if (message && message.clientMessageId === id) {
          delivered = true;
          if (acked) finish(true);
        }
      }
      receiver.socket.on("message:receive", listener);
      sender.socket.timeout(Math.max(withinMs, 1000)).emit("message:send",
        { sessionId: sender.sessionId, text: "probe", clientMessageId: id }, (err, ack) => {
          if (err || !ack || ack.error) return finish(false);
          acked = true;
          if (delivered) finish(true);
        });
    });
  }

  get sameInstancePairs() {
    let same = 0;
    for (let i = 0; i < this.participants.length; i += 2) {
      if (this.participants[i].instance === this.participants[i + 1].instance) same++;
    }
    return same;
  }

  received(index, message) {
    const at = performance.now();
    const run = this.run;
    const id = message && typeof message.clientMessageId === "string" ? message.clientMessageId : "";
    if (id.startsWith("probe:")) return;
    const [tag, kText] = id.split(":");
    if (!run || tag !== run.tag) {
      this.strays++;
      return;
    }
    const k = Number(kText);
    const sender = k % this.participants.length;
    const latency = at - run.scheduled[k];
    if (index === sender) {
      if (run.echoSeen[k]++ === 0) run.echo.add(latency); else run.echoDuplicates++;
      return;
    }
    if (index !== this.participants[sender].peer) {
      run.misrouted++;
      return;
    }
    if (run.peerSeen[k]++ > 0) {
      run.peerDuplicates++;
      return;
    }
    run.peerReceived++;
    (this.participants[index].instance === this.participants[sender].instance ? run.same : run.cross).add(latency);
  }

  /** One open-loop point at `rate` messages/s for durationMs, then a drain of up to drainMs for late arrivals. */
  async point({ rate, durationMs, tag, overloadMs = 3000, drainMs = 10000, ackTimeoutMs = 60000, recoverMs = 90000, cpu,
    normalWithinMs = null }) {
    const total = Math.round((rate * durationMs) / 1000);
    const run = {
      tag,
      scheduled: new Float64Array(total),
      peerSeen: new Uint8Array(total),
      // 1: acknowledged as stored, 2: refused by the server (error ack), 3: no ack in time
      ackState: new Uint8Array(total),
      echoSeen: new Uint8Array(total),
      same: new Samples(),
      cross: new Samples(),
      echo: new Samples(),
      ack: new Samples(),
      peerReceived: 0,
      peerDuplicates: 0,
      echoDuplicates: 0,
      misrouted: 0,
      ackErrors: 0,
      ackErrorExamples: [],
      refusalCodes: {},
    };
    this.run = run;
    const strays0 = this.strays;
    this.otherEvents = {};
    let oldestPending = 0;
    let sent = 0;
    const overloaded = () => {
      while (oldestPending < sent && run.peerSeen[oldestPending]) oldestPending++;
      return oldestPending < sent && performance.now() - run.scheduled[oldestPending] > overloadMs;
    };
    const meter = cpu ? cpu.start() : null;
    const loop = await runOpenLoop({
      rate,
      durationMs,
      shouldStop: overloaded,
      send: (k, scheduledAt) => {
        run.scheduled[k] = scheduledAt;
        sent = k + 1;
        const p = this.participants[k % this.participants.length];
        p.socket.timeout(ackTimeoutMs).emit("message:send",
          { sessionId: p.sessionId, text: `bench ${tag} ${k}`, clientMessageId: `${tag}:${k}` },
          (err, ack) => {
            if (err || !ack || ack.error) {
              run.ackErrors++;
              run.ackState[k] = err ? 3 : 2;
              if (!err) {
                const code = ack && ack.error && ack.error.code ? ack.error.code : "?";
                run.refusalCodes[code] = (run.refusalCodes[code] || 0) + 1;
              }
              if (run.ackErrorExamples.length < 3) run.ackErrorExamples.push(err ? String(err.message || err) : JSON.stringify(ack));
            } else {
              run.ackState[k] = 1;
              run.ack.add(performance.now() - scheduledAt);
            }
          });
      },
    });
    const cpuPercent = meter ? meter.stop() : null;
    // measured from the end of sending, while the backlog drains
    const backToNormal = normalWithinMs ? this.timeToNormal({ thresholdMs: normalWithinMs, maxMs: recoverMs }) : null;
    const drainUntil = performance.now() + drainMs;
    while (run.peerReceived < loop.sent && performance.now() < drainUntil) await sleep(20);
    await sleep(200); // late duplicates
    // an overloaded server still works through its queues: let it finish (every send acked or timed out) so the
    // next point starts on a quiet system
    const recoverUntil = performance.now() + recoverMs;
    while (run.ack.count + run.ackErrors < loop.sent && performance.now() < recoverUntil) await sleep(50);
    this.run = null;
    let storedNotDelivered = 0;
    let refused = 0;
    let unacknowledged = 0;
    for (let k = 0; k < loop.sent; k++) {
      if (run.ackState[k] === 1 && !run.peerSeen[k]) storedNotDelivered++;
      if (run.ackState[k] === 2) refused++;
      if (run.ackState[k] !== 1 && run.ackState[k] !== 2) unacknowledged++;
    }
    const normalAfterSeconds = backToNormal ? await backToNormal : undefined;
    const recovery = !backToNormal && (loop.sent < loop.total || run.peerReceived < loop.sent) ? await this.waitUntilQuiet(recoverMs) : null;
    const all = new Samples();
    all.addAll(run.same);
    all.addAll(run.cross);
    const seconds = (loop.endedAt - loop.startedAt) / 1000;
    return {
      offeredRate: rate,
      durationSeconds: Math.round(seconds * 10) / 10,
      scheduled: loop.total,
      sent: loop.sent,
      achievedSendRate: Math.round(loop.sent / seconds),
      overloaded: loop.sent < loop.total,
      received: run.peerReceived,
      lost: loop.sent - run.peerReceived,
      lostAfterStoredAck: storedNotDelivered,
      refusedByServer: refused,
      unacknowledged,
      duplicates: run.peerDuplicates,
      recoverySeconds: recovery,
      normalAfterSeconds,
      refusalCodes: run.refusalCodes,
      echoReceived: run.echo.count,
      echoDuplicates: run.echoDuplicates,
      misrouted: run.misrouted,
      strayMessages: this.strays - strays0,
      otherEventsReceived: { ...this.otherEvents },
      ackErrors: run.ackErrors,
      ackErrorExamples: run.ackErrorExamples,
      latency: all.summary(),
      latencySameInstance: run.same.summary(),
      latencyCrossInstance: run.cross.summary(),
      echoLatency: run.echo.summary(),
      ackLatency: run.ack.summary(),
      generatorSendLag: summarize(loop.sendLag),
      cpuPercent,
    };
  }
}

/**
 * Issue 12's overload: `overloadFactor` times the saturation rate for `overloadSeconds`, sending on whatever the
 * server answers (a refusal is an answer, not a reason to stop), then the time until messages are delivered within
 * the saturation threshold again, and which stack processes are still alive.
 */
async function overloadPoint(fanout, saturationRate, options, context, tag) {
  const rate = Math.round(saturationRate * options.overloadFactor);
  context.log(`fan-out: overload, ${rate} msg/s (${options.overloadFactor}× saturation) for ${options.overloadSeconds}s`);
  const point = await fanout.point({ rate, durationMs: options.overloadSeconds * 1000, tag, cpu: context.cpuMeter(),
    overloadMs: Infinity, recoverMs: 180000, normalWithinMs: options.thresholdMs });
  const dead = (context.processes || []).filter((p) => !isAlive(p.pid)).map((p) => p.name);
  context.log(`  overload: sent ${point.sent}, ${point.sent - point.refusedByServer - point.unacknowledged} acknowledged as stored, `
    + `${point.refusedByServer} refused ${JSON.stringify(point.refusalCodes)}, ${point.unacknowledged} unanswered, `
    + `${point.lostAfterStoredAck} stored but not delivered, dup ${point.duplicates}; `
    + `normal again after ${point.normalAfterSeconds === null ? "never" : `${point.normalAfterSeconds}s`}; dead: ${dead.join(", ") || "none"}`);
  return { factor: options.overloadFactor, saturationRate, ...point, processesDead: dead };
}

async function fanOutScenario(stack, options, context) {
  const { log } = context;
  const pairsWanted = Math.floor(options.sockets / 2);
  log(`fan-out: setting up ${pairsWanted} active sessions (${pairsWanted * 2} sockets) through the gateway`);
  const setup = await setupPairs(stack, { pairs: pairsWanted, prefix: `${context.runId}_f`, log });
  if (setup.failures.length) log(`fan-out: ${setup.failures.length} pairs could not be set up and are left out; first: ${setup.failures[0]}`);
  return measureFanOut(setup, {
    path: "client -> gateway -> chat instance; chat -> Kafka message-sent -> every chat instance -> room",
    label: "fan-out",
    overload: true,
  }, options, context);
}

/** The same measurement on pairs of the reference peer (lib/peer.js), straight to its one process. */
async function peerFanOutScenario(peerUrl, options, context) {
  const pairsWanted = Math.floor(options.sockets / 2);
  context.log(`peer fan-out: setting up ${pairsWanted} sessions (${pairsWanted * 2} sockets) on the reference peer at ${peerUrl}`);
  const setup = await setupPeerPairs(peerUrl, { pairs: pairsWanted, prefix: `${context.runId}_p`, log: context.log });
  return measureFanOut(setup, {
    path: "client -> reference peer (one Node process): Mongo $inc + insert, emit to the room, Kafka produce not awaited",
    label: "peer fan-out",
  }, options, context);
}

/** Warm-up, saturation search and the fixed points on pairs that are set up and joined. */
async function measureFanOut({ pairs, setupSeconds, restSeconds = null, failures }, { path, label, overload = false }, options, context) {
  const { log } = context;
  const fanout = new FanOut(pairs);
  const instances = [...new Set(fanout.participants.map((p) => p.instance))].sort();
  log(`${label}: ready in ${setupSeconds}s; instances ${instances.join(", ")}; ${fanout.sameInstancePairs} of ${pairs.length} pairs on one instance`);
  await sleep(2000);
  const cpu = context.cpuMeter;
  let step = 0;
  const runAt = async (rate, durationMs) => {
    const tag = `${context.runId}${label === "fan-out" ? "s" : "p"}${step++}`;
    const point = await fanout.point({ rate, durationMs, tag, cpu: cpu(), recoverMs: 180000 });
    log(`  ${rate} msg/s for ${point.durationSeconds}s: p50 ${point.latency.p50} p99 ${point.latency.p99} max ${point.latency.max} ms; `
      + `lost ${point.lost} (${point.lostAfterStoredAck} after a stored ack, ${point.refusedByServer} refused, ${point.unacknowledged} unacknowledged), `
      + `dup ${point.duplicates}${point.overloaded ? ", OVERLOADED" : ""}${point.recoverySeconds !== null ? `; quiet again after ${point.recoverySeconds}s` : ""}`);
    await sleep(1000);
    return point;
  };
  // a short warm-up so JIT compilation and connection pools are not charged to the first measured point
  log(`${label}: warm-up`);
  const warmupRate = Math.min(200, options.rates[0]);
  const warmupUntil = performance.now() + (options.warmupSeconds || 5) * 1000;
  let warmup;
  // a point that overloads stops early (a message waited 3 s): right after the setup the stack is often still busy,
  // so warm up again until the time asked for is spent
  do {
    warmup = await runAt(warmupRate, Math.max(1000, warmupUntil - performance.now()));
  } while (warmup.overloaded && performance.now() < warmupUntil);
  // the saturation search first and the fixed points after it, highest last: a point far beyond saturation
  // leaves the stack slow for minutes (or, with unbounded buffers, out of memory)
  let saturation = null;
  if (options.saturation) {
    log(`${label}: saturation search (p99 <= ${options.thresholdMs} ms, ${options.saturationSeconds}s per step)`);
    saturation = await searchSaturation({
      runAt: (rate) => runAt(rate, options.saturationSeconds * 1000),
      startRate: options.saturationStart,
      maxRate: options.saturationMax,
      thresholdMs: options.thresholdMs,
      maxSteps: options.saturationSteps,
    });
    log(`${label}: saturation ${saturation.saturationRate} msg/s`);
  }
  const points = [];
  for (const rate of [...options.rates].sort((a, b) => a - b)) points.push(await runAt(rate, options.durationSeconds * 1000));
  const overloadResult = overload && options.overloadFactor > 0 && saturation && saturation.saturationRate
    ? await overloadPoint(fanout, saturation.saturationRate, options, context, `${context.runId}o`) : null;
  return {
    setup: {
      sockets: pairs.length * 2,
      activeSessions: pairs.length,
      transport: "websocket",
      path,
      chatInstances: instances,
      pairsOnOneInstance: fanout.sameInstancePairs,
      pairsAcrossInstances: pairs.length - fanout.sameInstancePairs,
      senders: "round robin over every socket (each sends rate/sockets per second)",
      setupSeconds,
      setupRestSeconds: restSeconds,
      setupFailures: failures.length,
      setupFailureExamples: failures.slice(0, 3),
    },
    warmup: { rate: warmup.offeredRate, p99: warmup.latency.p99, lost: warmup.lost },
    points,
    saturation,
    overload: overloadResult,
    close: () => pairs.forEach((pair) => { pair.astro.socket.disconnect(); pair.user.socket.disconnect(); }),
    pairs,
  };
}

module.exports = { fanOutScenario, peerFanOutScenario, measureFanOut, setupPairs, FanOut, emitAck };
