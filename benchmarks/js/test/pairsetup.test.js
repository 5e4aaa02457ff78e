"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { EventEmitter } = require("node:events");
const { setupPairsLive } = require("../scenarios/pairsetup");

/** A socket that acknowledges join-session and records what happened, in order, in a shared journal. */
function fakeSocket(journal, name) {
  const socket = new EventEmitter();
  socket.timeout = () => ({
    emit: (event, payload, ack) => {
      journal.push(`${name} ${event} ${payload.sessionId}`);
      setImmediate(() => ack(null, { ok: true }));
    },
  });
  socket.disconnect = () => journal.push(`${name} disconnect`);
  return socket;
}

test("each pair's sockets are connected before the pair is created, and both join its session", async () => {
  const journal = [];
  const side = {
    url: "fake",
    tokens: async (i) => ({ astro: `a${i}`, user: `u${i}` }),
    create: async (i) => {
      journal.push(`create ${i}`);
      return `s${i}`;
    },
  };
  const connectSocket = async (url, token) => {
    journal.push(`connect ${token}`);
    return fakeSocket(journal, token);
  };
  const result = await setupPairsLive({ pairs: 2, concurrency: 1, side, connectSocket });
  assert.deepEqual(journal, [
    "connect a0", "connect u0", "create 0", "a0 join-session s0", "u0 join-session s0",
    "connect a1", "connect u1", "create 1", "a1 join-session s1", "u1 join-session s1",
  ]);
  assert.equal(result.succeeded, 2);
  assert.equal(result.failures, 0);
  assert.equal(result.pairMs.count, 2);
  result.close();
  assert.equal(journal.filter((line) => line.endsWith("disconnect")).length, 4, "every socket stays open until close");
});

test("each pair's time is split into its tokens, connects, creation and joins", async () => {
  const slowCreate = 30;
  const side = {
    url: "fake",
    tokens: async (i) => ({ astro: `a${i}`, user: `u${i}` }),
    create: async (i) => {
      await new Promise((resolve) => setTimeout(resolve, slowCreate));
      return `s${i}`;
    },
  };
  const result = await setupPairsLive({ pairs: 3, concurrency: 3, side, connectSocket: async (url, token) => fakeSocket([], token) });
  assert.deepEqual(Object.keys(result.phaseMs), ["tokens", "connect", "create", "join"]);
  for (const phase of Object.values(result.phaseMs)) assert.equal(phase.count, 3);
  assert.ok(result.phaseMs.create.p50 >= slowCreate - 1, `creation took ${result.phaseMs.create.p50} ms`);
  assert.ok(result.phaseMs.tokens.p50 < slowCreate, `tokens took ${result.phaseMs.tokens.p50} ms`);
});

test("a pair that fails is counted with its reason and the others still complete", async () => {
  const side = {
    url: "fake",
    tokens: async (i) => ({ astro: `a${i}`, user: `u${i}` }),
    create: async (i) => {
      if (i === 1) throw new Error("start: 409 busy");
      return `s${i}`;
    },
  };
  const result = await setupPairsLive({ pairs: 3, concurrency: 2, side, connectSocket: async (url, token) => fakeSocket([], token) });
  assert.equal(result.succeeded, 2);
  assert.equal(result.failures, 1);
  assert.deepEqual(result.failureExamples, ["start: 409 busy"]);
});
