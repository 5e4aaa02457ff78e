"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { EventEmitter } = require("node:events");
const { FanOut } = require("../scenarios/fanout");
const { instanceOfSid } = require("../lib/api");

/** An EventEmitter with socket.io-client's onAny. */
class FakeSocket extends EventEmitter {
  onAny(listener) {
    (this.any = this.any || []).push(listener);
  }

  emit(event, ...args) {
    (this.any || []).forEach((listener) => listener(event, ...args));
    return super.emit(event, ...args);
  }
}

/**
 * A fake chat room: a message:send from one socket is acknowledged and delivered as message:receive to both
 * sockets of its session after `delayMs`, except what `tamper` drops or doubles.
 */
function fakePairs(count, { delayMs = 1, tamper = () => 1, refuse = () => null, instances = ["a:1", "b:2"] } = {}) {
  const pairs = [];
  for (let p = 0; p < count; p++) {
    const sockets = [new FakeSocket(), new FakeSocket()];
    sockets.forEach((socket) => {
      socket.timeout = () => ({
        emit: (event, payload, ack) => {
          setTimeout(() => {
            const refusal = refuse(payload.clientMessageId);
            if (refusal) return ack(null, { ok: false, error: { code: refusal, message: "refused" } });
            ack(null, { id: payload.clientMessageId });
            const copies = tamper(payload.clientMessageId);
            for (let c = 0; c < copies; c++) sockets.forEach((s) => s.emit("message:receive", { ...payload }));
          }, delayMs);
        },
      });
    });
    pairs.push({
      sessionId: `s${p}`,
      astro: { socket: sockets[0], instance: instances[0] },
      user: { socket: sockets[1], instance: p % 2 === 0 ? instances[0] : instances[1] },
    });
  }
  return pairs;
}

test("every message reaches the other participant once: nothing lost, nothing doubled, latency split by instance", async () => {
  const fanout = new FanOut(fakePairs(4));
  assert.equal(fanout.sameInstancePairs, 2);
  const point = await fanout.point({ rate: 400, durationMs: 250, tag: "t1", drainMs: 2000 });
  assert.equal(point.sent, 100);
  assert.equal(point.received, 100);
  assert.equal(point.lost, 0);
  assert.equal(point.duplicates, 0);
  assert.equal(point.echoReceived, 100);
  assert.equal(point.latencySameInstance.count + point.latencyCrossInstance.count, 100);
  assert.ok(point.latencySameInstance.count > 0 && point.latencyCrossInstance.count > 0);
  assert.ok(point.latency.p50 >= 1, "latency includes the fake server's delay");
  assert.equal(point.ackLatency.count, 100);
});

test("a dropped message counts as lost and a doubled one as a duplicate", async () => {
  const fanout = new FanOut(fakePairs(2, { tamper: (id) => (id === "t2:3" ? 0 : id === "t2:7" ? 2 : 1) }));
  const point = await fanout.point({ rate: 200, durationMs: 100, tag: "t2", drainMs: 300, recoverMs: 300 });
  assert.equal(point.sent, 20);
  assert.equal(point.lost, 1);
  assert.equal(point.duplicates, 1);
  assert.equal(point.echoDuplicates, 1);
});

test("messages of an earlier point arriving late are strays, not duplicates of the current one", async () => {
  const fanout = new FanOut(fakePairs(1, { delayMs: 1 }));
  await fanout.point({ rate: 100, durationMs: 50, tag: "old", drainMs: 500 });
  fanout.participants[0].socket.emit("message:receive", { clientMessageId: "old:1" });
  const point = await fanout.point({ rate: 100, durationMs: 50, tag: "new", drainMs: 500 });
  assert.equal(point.duplicates, 0);
  assert.equal(fanout.strays, 1);
});

test("other events pushed during a point are counted by name", async () => {
  const fanout = new FanOut(fakePairs(1));
  const pushing = setInterval(() => fanout.participants[1].socket.emit("presence:online-list", []), 5);
  const point = await fanout.point({ rate: 100, durationMs: 50, tag: "bg", drainMs: 500 });
  clearInterval(pushing);
  assert.ok(point.otherEventsReceived["presence:online-list"] > 0);
  assert.equal(point.otherEventsReceived["message:receive"], undefined);
});

test("an overload point sends on through refusals and counts them by code", async () => {
  const fanout = new FanOut(fakePairs(2, { refuse: (id) => (id.startsWith("ov:") && Number(id.split(":")[1]) % 2 ? "busy" : null) }));
  const point = await fanout.point({ rate: 400, durationMs: 250, tag: "ov", overloadMs: Infinity, drainMs: 500 });
  assert.equal(point.overloaded, false, "refused messages never arrive, yet sending went on");
  assert.equal(point.sent, 100);
  assert.equal(point.refusedByServer, 50);
  assert.deepEqual(point.refusalCodes, { busy: 50 });
  assert.equal(point.lostAfterStoredAck, 0);
  assert.equal(point.unacknowledged, 0);
});

test("back to normal is timed from the end of sending, on a same- and a cross-instance pair", async () => {
  const fanout = new FanOut(fakePairs(2));
  assert.equal(fanout.probePairs().length, 2);
  const point = await fanout.point({ rate: 100, durationMs: 50, tag: "n1", drainMs: 500, normalWithinMs: 50 });
  assert.ok(point.normalAfterSeconds !== null && point.normalAfterSeconds < 1, `normal after ${point.normalAfterSeconds}`);
});

test("a server that refuses every probe is never back to normal", async () => {
  const fanout = new FanOut(fakePairs(1, { refuse: (id) => (id.startsWith("probe:") ? "busy" : null) }));
  assert.equal(await fanout.timeToNormal({ thresholdMs: 50, maxMs: 700 }), null);
});

test("between points, the stack is quiet once a single probe makes the trip in under 200 ms", async () => {
  assert.ok((await new FanOut(fakePairs(1)).waitUntilQuiet(2000)) < 1);
  const refusing = new FanOut(fakePairs(1, { refuse: (id) => (id.startsWith("probe:") ? "busy" : null) }));
  assert.equal(await refusing.waitUntilQuiet(500), null);
});

test("a probe slower than the threshold fails its round", async () => {
  const fanout = new FanOut(fakePairs(1, { delayMs: 80 }));
  assert.equal(await fanout.timeToNormal({ thresholdMs: 50, maxMs: 700 }), null);
  assert.equal(fanout.strays, 0, "probes are not counted as strays");
});

test("a chat instance is read from the sid prefix (base64url of host:port)", () => {
  const sid = `${Buffer.from("localhost:8093").toString("base64url")}.abcdef`;
  assert.equal(instanceOfSid(sid), "localhost:8093");
  assert.equal(instanceOfSid("no-prefix"), "unknown");
  assert.equal(instanceOfSid("!!!.x"), "unknown");
  assert.equal(instanceOfSid(undefined), "unknown");
});
