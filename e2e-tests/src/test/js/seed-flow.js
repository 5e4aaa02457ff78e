// The seed's "Testing Flow" and "Sample Test Requests", played through the gateway alone with the
// official socket.io-client, against a stack with two chat and two session instances.
// Every step prints one line `STEP <name> ok <ms>`; the first failed assertion exits non-zero.
"use strict";

const assert = require("node:assert/strict");
const { io } = require("socket.io-client");

const GATEWAY = process.env.GATEWAY_URL || "http://localhost:8080";
const CHAT_RATE = Number(process.env.CHAT_RATE || 7);
const STARTING_COINS = 100;
const WAIT_MS = Number(process.env.WAIT_MS || 15000);
const RUN = process.env.RUN_ID || String(Date.now());
// the stack runs the first-session promotion (SESSION_FREE_FIRST_MINUTES): a user's first session bills this many minutes at 0
const FREE_MINUTES = Number(process.env.FREE_MINUTES || 0);

const sockets = [];

function step(name, fn) {
  return async (...args) => {
    const started = Date.now();
    const result = await fn(...args);
    console.log(`STEP ${name} ok ${Date.now() - started}`);
    return result;
  };
}

async function call(method, path, token, body) {
  const headers = { Origin: "http://localhost:3000" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(GATEWAY + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = { raw: text };
  }
  return { status: response.status, body: json, type: response.headers.get("content-type") || "" };
}

function expectStatus(response, status, what) {
  assert.equal(response.status, status, `${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

function expectProblem(response, status, what) {
  const allowed = Array.isArray(status) ? status : [status];
  assert.ok(allowed.includes(response.status),
    `${what}: expected ${allowed.join(" or ")}, got ${response.status} ${JSON.stringify(response.body)}`);
  assert.match(response.type, /application\/problem\+json/, `${what}: problem details expected, got ${response.type}`);
  assert.ok(response.body && typeof response.body.detail === "string" && response.body.detail.length > 0,
    `${what}: problem details need a detail`);
}

async function mint(sub, role, name) {
  const body = expectStatus(await call("POST", "/dev/tokens", null, { sub, role, name }), 200, `mint ${sub}`);
  assert.ok(body.token, "token expected");
  return body.token;
}

function connect(token, transports) {
  return new Promise((resolve, reject) => {
    const socket = io(GATEWAY, { auth: { token }, transports, reconnection: false, forceNew: true, timeout: WAIT_MS });
    sockets.push(socket);
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(new Error(`connect_error: ${err.message}`)));
  });
}

function refusedConnection(token) {
  return new Promise((resolve, reject) => {
    const socket = io(GATEWAY, { auth: token ? { token } : {}, transports: ["websocket"], reconnection: false, forceNew: true });
    sockets.push(socket);
    socket.once("connect", () => reject(new Error("a socket without a valid token connected")));
    socket.once("connect_error", (err) => resolve(err.message));
  });
}

/** The chat instance a socket landed on: the gateway routes by the address encoded in the Engine.IO sid. */
function instanceOf(socket) {
  const sid = socket.io.engine.id;
  const prefix = sid.split(".")[0];
  return Buffer.from(prefix, "base64url").toString("utf8");
}

function waitForEvent(socket, event, predicate = () => true, what = event, timeoutMs = WAIT_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    function listener(...args) {
      if (predicate(...args)) {
        clearTimeout(timer);
        socket.off(event, listener);
        resolve(args[0]);
      }
    }
    socket.on(event, listener);
  });
}

function emitWithAck(socket, event, payload) {
  return socket.timeout(WAIT_MS).emitWithAck(event, payload);
}

async function eventually(what, check) {
  const deadline = Date.now() + WAIT_MS * 3;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last.done) return last.value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting until ${what}; last seen ${JSON.stringify(last && last.value)}`);
}

const sessionIdOf = (session) => session.id || session.sessionId;

async function main() {
  const astroId = `astro_${RUN}`;
  const userId = `user_${RUN}`;
  const strangerId = `stranger_${RUN}`;
  const poorId = `poor_${RUN}`;

  // 1. Tokens, and coins for the user.
  const { astro, user, stranger, admin, poor } = await step("tokens", async () => ({
    astro: await mint(astroId, "astrologer", "Asha Rao"),
    user: await mint(userId, "user", "Uma"),
    stranger: await mint(strangerId, "user", "Sam"),
    admin: await mint(`admin_${RUN}`, "admin", "Ops"),
    poor: await mint(poorId, "user", "Pat"),
  }))();

  await step("refusals-without-token", async () => {
    expectProblem(await call("GET", "/api/v1/astrologers/online"), 401, "online list without token");
    expectProblem(await call("POST", "/api/sessions/start", null, { astrologerId: astroId, sessionType: "chat" }), 401,
      "start without token");
    const message = await refusedConnection(null);
    assert.ok(message.length > 0, "connect_error needs a message");
  })();

  await step("credit-user", async () => {
    const credit = { coins: STARTING_COINS, idempotencyKey: `seed-${RUN}` };
    expectStatus(await call("POST", `/api/wallets/${userId}/credit`, admin, credit), 200, "credit");
    expectStatus(await call("POST", `/api/wallets/${userId}/credit`, admin, credit), 200, "repeated credit");
    const wallet = expectStatus(await call("GET", "/api/wallet", user), 200, "wallet");
    assert.equal(wallet.balance, STARTING_COINS, "the same idempotency key credits once");
  })();

  // 2. The astrologer connects and goes online, over REST and over presence:on; the user sees it.
  const astroSocket = await step("astrologer-connects-websocket", () => connect(astro, ["websocket"]))();
  const userSocket = await step("user-connects-polling", async () => {
    // one client on long-polling, on the other chat instance than the astrologer
    for (let attempt = 0; attempt < 6; attempt++) {
      const socket = await connect(user, ["polling"]);
      if (instanceOf(socket) !== instanceOf(astroSocket)) return socket;
      socket.disconnect();
    }
    throw new Error("the gateway never balanced the user onto the second chat instance");
  })();

  await step("offline-astrologer-refused", async () => {
    expectProblem(await call("POST", "/api/sessions/start", user, { astrologerId: astroId, sessionType: "chat" }), 409,
      "start with an offline astrologer");
  })();

  await step("astrologer-online", async () => {
    expectStatus(await call("PUT", `/api/v1/astrologers/${astroId}/rates`, astro, { chat: CHAT_RATE, audio: CHAT_RATE + 3, video: CHAT_RATE + 5 }),
      200, "set rates");
    expectProblem(await call("POST", `/api/v1/astrologers/${astroId}/online`, user), 403, "a user setting an astrologer online");
    const onlineList = waitForEvent(userSocket, "presence:online-list",
      (list) => Array.isArray(list) && list.some((a) => (a.id || a.astrologerId) === astroId), "presence:online-list with the astrologer");
    expectStatus(await call("POST", `/api/v1/astrologers/${astroId}/online`, astro), 200, "go online over REST");
    const ack = await emitWithAck(astroSocket, "presence:on", {});
    assert.ok(ack && ack.ok !== false && !ack.error, `presence:on ack ${JSON.stringify(ack)}`);
    await onlineList;
    await eventually("the online list has the astrologer with the chat rate", async () => {
      const list = expectStatus(await call("GET", "/api/v1/astrologers/online", user), 200, "online list");
      const entry = (Array.isArray(list) ? list : list.astrologers || []).find((a) => (a.id || a.astrologerId) === astroId);
      return { done: !!entry && entry.rates && entry.rates.chat === CHAT_RATE, value: list };
    });
  })();

  // 3. The user starts a chat session; the astrologer is asked; accepts; the user hears of it.
  const session = await step("session-requested-and-accepted", async () => {
    const requested = waitForEvent(astroSocket, "session:request", () => true, "session:request");
    const started = await eventually("session-service sees the astrologer online", async () => {
      const r = await call("POST", "/api/sessions/start", user, { astrologerId: astroId, sessionType: "chat", ratePerMinute: CHAT_RATE });
      return { done: r.status === 201, value: r };
    });
    const pending = started.body;
    assert.equal(pending.status, "pending");
    const request = await requested;
    assert.equal(sessionIdOf(request), sessionIdOf(pending), "session:request names the session");

    expectProblem(await call("POST", "/api/sessions/start", user, { astrologerId: astroId, sessionType: "chat" }), 409,
      "a second pending session for the same user");
    expectProblem(await call("POST", "/api/sessions/start", poor, { astrologerId: astroId, sessionType: "chat" }), [402, 409],
      "a user without coins");
    expectProblem(await call("POST", "/api/sessions/accept", user, { sessionId: sessionIdOf(pending) }), 403,
      "the user accepting their own request");

    const accepted = waitForEvent(userSocket, "session:accepted", (s) => sessionIdOf(s) === sessionIdOf(pending), "session:accepted");
    const active = expectStatus(await call("POST", "/api/sessions/accept", astro, { sessionId: sessionIdOf(pending) }), 200, "accept");
    assert.equal(active.status, "active");
    assert.ok(active.channelName, "an accepted session has a call channel");
    expectProblem(await call("POST", "/api/sessions/accept", astro, { sessionId: sessionIdOf(pending) }), 409, "a second accept");
    await accepted;
    expectProblem(await call("GET", `/api/sessions/${sessionIdOf(active)}`, stranger), 404, "someone else's session");
    return active;
  })();
  const sessionId = sessionIdOf(session);

  await step("busy-astrologer-refused", async () => {
    await eventually("the astrologer shows busy", async () => {
      const r = await call("POST", "/api/sessions/start", stranger, { astrologerId: astroId, sessionType: "chat" });
      return { done: r.status === 409, value: r };
    });
  })();

  // 4. Both get Agora tokens for the session's channel; a third user is refused one.
  await step("agora-tokens", async () => {
    await eventually("token-service knows the session", async () => {
      const r = await call("POST", "/api/agora/token", user, { channelName: session.channelName });
      return { done: r.status === 200, value: r };
    });
    const forAstro = expectStatus(await call("GET", `/api/agora/token?channelName=${encodeURIComponent(session.channelName)}`, astro),
      200, "astrologer token over GET");
    assert.ok(forAstro.token && forAstro.token.startsWith("007"), "an AccessToken2 token");
    expectProblem(await call("POST", "/api/agora/token", stranger, { channelName: session.channelName }), 403, "a stranger's token");
  })();

  // 5. Messages both ways, in order, across instances and transports; history; the stranger is kept out.
  await step("chat-across-instances", async () => {
    assert.notEqual(instanceOf(userSocket), instanceOf(astroSocket), "user and astrologer on different chat instances");
    for (const socket of [userSocket, astroSocket]) {
      const ack = await emitWithAck(socket, "join-session", { sessionId });
      assert.ok(ack && !ack.error, `join-session ack ${JSON.stringify(ack)}`);
    }
    const count = 10;
    const atAstro = [];
    const atUser = [];
    astroSocket.on("message:receive", (m) => atAstro.push(m));
    userSocket.on("message:receive", (m) => atUser.push(m));
    for (let i = 0; i < count; i++) {
      const [socket, text] = i % 2 === 0 ? [userSocket, `user says ${i}`] : [astroSocket, `astrologer says ${i}`];
      const ack = await emitWithAck(socket, "message:send", { sessionId, text, clientMessageId: `m-${i}` });
      assert.ok(ack && !ack.error, `message:send ack ${JSON.stringify(ack)}`);
    }
    await eventually("both sides received every message", async () => ({
      done: atAstro.length >= count && atUser.length >= count,
      value: { astro: atAstro.length, user: atUser.length },
    }));
    for (const received of [atAstro, atUser]) {
      assert.equal(received.length, count, "no duplicates");
      assert.deepEqual(received.map((m) => m.text), Array.from({ length: count }, (_, i) => (i % 2 === 0 ? `user says ${i}` : `astrologer says ${i}`)),
        "messages arrive in the order they were sent");
    }
    const history = expectStatus(await call("GET", `/api/chat/sessions/${sessionId}/messages?limit=50`, user), 200, "history");
    const stored = Array.isArray(history) ? history : history.messages || history.items;
    assert.equal(stored.length, count, "history holds every message once");

    const strangerSocket = await connect(stranger, ["websocket"]);
    const refused = await emitWithAck(strangerSocket, "join-session", { sessionId });
    assert.ok(refused && refused.error, "a stranger cannot join");
    expectProblem(await call("GET", `/api/chat/sessions/${sessionId}/messages`, stranger), 404, "a stranger cannot read");
    strangerSocket.disconnect();
  })();

  // 5b. Beyond the seed, through the gateway across the two instances: typing, read receipts, unread counts.
  await step("typing-read-and-unread", async () => {
    const typing = waitForEvent(astroSocket, "typing:start", (t) => t.sessionId === sessionId && t.userId === userId,
      "typing:start at the astrologer");
    const typed = await emitWithAck(userSocket, "typing:start", { sessionId });
    assert.ok(typed && typed.ok, `typing:start ack ${JSON.stringify(typed)}`);
    await typing;
    const stopped = waitForEvent(astroSocket, "typing:stop", (t) => t.sessionId === sessionId, "typing:stop at the astrologer");
    await emitWithAck(userSocket, "typing:stop", { sessionId });
    await stopped;

    const before = expectStatus(await call("GET", `/api/chat/sessions/${sessionId}/unread`, astro), 200, "astrologer's unread");
    assert.equal(before.unread, 5, "the user's five messages are unread by the astrologer");
    const seen = waitForEvent(userSocket, "message:read", (r) => r.sessionId === sessionId && r.reader === astroId,
      "message:read at the user");
    const read = await emitWithAck(astroSocket, "message:read", { sessionId, seq: before.lastSeq });
    assert.ok(read && read.ok && read.seq === before.lastSeq, `message:read ack ${JSON.stringify(read)}`);
    assert.equal((await seen).seq, before.lastSeq, "the user learns how far the astrologer read");
    const after = expectStatus(await call("GET", `/api/chat/sessions/${sessionId}/unread`, astro), 200, "unread after reading");
    assert.equal(after.unread, 0, "nothing unread after reading to the last message");
    expectProblem(await call("GET", `/api/chat/sessions/${sessionId}/unread`, stranger), 404, "a stranger's unread count");
  })();

  // 6. The user ends the session; both hear of it; the bill matches the rate, less the first-session promotion.
  await step("session-ended-and-billed", async () => {
    const endedForUser = waitForEvent(userSocket, "session:ended", (s) => sessionIdOf(s) === sessionId, "session:ended (user)");
    const endedForAstro = waitForEvent(astroSocket, "session:ended", (s) => sessionIdOf(s) === sessionId, "session:ended (astrologer)");
    const ended = expectStatus(await call("POST", "/api/sessions/end", user, { sessionId, duration: 1, ratePerMinute: 1 }), 200, "end");
    const again = expectStatus(await call("POST", "/api/sessions/end", astro, { sessionId }), 200, "end again");
    assert.ok(ended.billedMinutes >= 1, "at least one minute is billed");
    assert.equal(ended.freeMinutes, Math.min(FREE_MINUTES, ended.billedMinutes), "the user's first session gets the promotion");
    assert.equal(ended.coinsCharged, (ended.billedMinutes - ended.freeMinutes) * CHAT_RATE,
      "coins = (billed minutes - free minutes) x the published rate");
    assert.equal(again.coinsCharged, ended.coinsCharged, "a repeated end answers the same bill");
    const heard = await endedForUser;
    assert.equal(heard.freeMinutes, ended.freeMinutes, "session:ended carries the promotion");
    await endedForAstro;
    const wallet = expectStatus(await call("GET", "/api/wallet", user), 200, "wallet after the session");
    assert.equal(wallet.balance, STARTING_COINS - ended.coinsCharged, "charged once, less the promotion");
  })();

  // 6b. The receipt of the ended session, and the user's rating of it (the astrologer's average in presence).
  await step("receipt-and-rating", async () => {
    const receipt = await eventually("the receipt is ready", async () => {
      const r = await call("GET", `/api/sessions/${sessionId}/receipt`, user);
      return { done: r.status === 200, value: r.body };
    });
    const wallet = expectStatus(await call("GET", "/api/wallet", user), 200, "wallet");
    assert.equal(receipt.coinsCharged, STARTING_COINS - wallet.balance, "the receipt charges what the wallet paid");
    if (FREE_MINUTES > 0) {
      assert.ok(receipt.promotion, `the receipt shows the promotion: ${JSON.stringify(receipt)}`);
      assert.equal(receipt.promotion.freeMinutes, Math.min(FREE_MINUTES, receipt.billedMinutes));
      assert.equal(receipt.promotion.coinsWaived, receipt.promotion.freeMinutes * CHAT_RATE);
      assert.equal(receipt.promotion.ledgerEntryId, `promotion:${sessionId}`, "the promotion is its own ledger line");
    }
    expectProblem(await call("GET", `/api/sessions/${sessionId}/receipt`, stranger), 404, "a stranger's receipt");
    expectProblem(await call("POST", `/api/sessions/${sessionId}/rating`, astro, { stars: 5 }), 403, "the astrologer rating");
    const rating = expectStatus(await call("POST", `/api/sessions/${sessionId}/rating`, user, { stars: 4, review: "Kind and clear" }),
      201, "rating");
    assert.equal(rating.stars, 4);
    expectProblem(await call("POST", `/api/sessions/${sessionId}/rating`, user, { stars: 5 }), 409, "a second rating");
    await eventually("the astrologer's profile shows the rating", async () => {
      const r = expectStatus(await call("GET", `/api/v1/astrologers/${astroId}`, user), 200, "astrologer profile");
      return { done: r.ratingCount === 1 && r.ratingAverage === 4, value: r };
    });
  })();

  // The user's second session: no promotion, every minute charged, once.
  await step("astrologer-free-again-and-charged", async () => {
    const before = expectStatus(await call("GET", "/api/wallet", user), 200, "wallet before the second session").balance;
    const next = await eventually("the astrologer takes a new session", async () => {
      const r = await call("POST", "/api/sessions/start", user, { astrologerId: astroId, sessionType: "chat" });
      return { done: r.status === 201, value: r };
    });
    const secondId = sessionIdOf(next.body);
    expectStatus(await call("POST", "/api/sessions/accept", astro, { sessionId: secondId }), 200, "accept again");
    const ended = expectStatus(await call("POST", "/api/sessions/end", astro, { sessionId: secondId }), 200, "end again");
    assert.equal(ended.freeMinutes, 0, "only the first session gets the promotion");
    assert.equal(ended.coinsCharged, ended.billedMinutes * CHAT_RATE, "coins = billed minutes x the published rate");
    const wallet = expectStatus(await call("GET", "/api/wallet", user), 200, "wallet after the second session");
    assert.equal(wallet.balance, before - ended.coinsCharged, "charged exactly once");
    console.log(`BILL ${JSON.stringify({ sessionId: secondId, billedMinutes: ended.billedMinutes, coinsCharged: ended.coinsCharged })}`);
  })();

  // 7. The astrologer drops every socket and goes offline after the grace period.
  await step("offline-after-disconnect", async () => {
    astroSocket.disconnect();
    await eventually("the astrologer is offline", async () => {
      const r = expectStatus(await call("GET", `/api/v1/astrologers/${astroId}`, user), 200, "astrologer presence");
      return { done: r.online === false && !!r.lastSeen, value: r };
    });
  })();

  // 8. Beyond the seed, a second pair on the two instances: the user hears their balance runs low, then the
  //    astrologer's connection goes away and the session ends as astrologer_left, the minute in progress not charged.
  await step("low-balance-then-astrologer-left", async () => {
    const leaverId = `leaver_${RUN}`;
    const shortId = `short_${RUN}`;
    const leaver = await mint(leaverId, "astrologer", "Ravi Iyer");
    const short = await mint(shortId, "user", "Lee");
    const coins = 2 * CHAT_RATE;
    expectStatus(await call("POST", `/api/wallets/${shortId}/credit`, admin, { coins, idempotencyKey: `short-${RUN}` }), 200,
      "credit two minutes");
    const leaverSocket = await connect(leaver, ["websocket"]);
    let shortSocket;
    for (let attempt = 0; attempt < 6 && !shortSocket; attempt++) {
      const socket = await connect(short, ["websocket"]);
      if (instanceOf(socket) !== instanceOf(leaverSocket)) shortSocket = socket;
      else socket.disconnect();
    }
    assert.ok(shortSocket, "the gateway never balanced the user onto the other chat instance");
    expectStatus(await call("PUT", `/api/v1/astrologers/${leaverId}/rates`, leaver, { chat: CHAT_RATE, audio: CHAT_RATE, video: CHAT_RATE }),
      200, "set rates");
    const on = await emitWithAck(leaverSocket, "presence:on", {});
    assert.ok(on && on.ok !== false && !on.error, `presence:on ack ${JSON.stringify(on)}`);
    const started = await eventually("session-service sees the second astrologer online", async () => {
      const r = await call("POST", "/api/sessions/start", short, { astrologerId: leaverId, sessionType: "chat" });
      return { done: r.status === 201, value: r };
    });
    const id = sessionIdOf(started.body);

    // two paid minutes (plus the promotion's) are at most SESSION_LOW_BALANCE_MINUTES (2): warned at the next sweep
    const lowForUser = waitForEvent(shortSocket, "session:low-balance", (w) => w.sessionId === id, "session:low-balance (user)", WAIT_MS * 3);
    const lowForAstro = waitForEvent(leaverSocket, "session:low-balance", (w) => w.sessionId === id, "session:low-balance (astrologer)",
      WAIT_MS * 3);
    expectStatus(await call("POST", "/api/sessions/accept", leaver, { sessionId: id }), 200, "accept");
    const warning = await lowForUser;
    assert.equal(warning.balance, coins, "the user is told their balance");
    assert.ok(warning.minutesLeft >= 0 && warning.minutesLeft <= 2, `minutes left ${warning.minutesLeft}`);
    assert.ok(warning.runsOutAt, "and when it runs out");
    const astroWarning = await lowForAstro;
    assert.equal(astroWarning.balance, undefined, "the astrologer is not told the user's balance");

    const ended = waitForEvent(shortSocket, "session:ended", (s) => sessionIdOf(s) === id, "session:ended (astrologer_left)", WAIT_MS * 3);
    leaverSocket.disconnect();
    const end = await ended;
    assert.equal(end.reason, "astrologer_left", `reason ${JSON.stringify(end)}`);
    assert.equal(end.endedBy, "system");
    assert.equal(end.billedMinutes, 0, "the minute in progress is not billed");
    assert.equal(end.coinsCharged, 0, "nor charged");
    const wallet = expectStatus(await call("GET", "/api/wallet", short), 200, "wallet after the astrologer left");
    assert.equal(wallet.balance, coins, "nothing was taken");
  })();
}

main()
  .then(() => {
    sockets.forEach((s) => s.disconnect());
    console.log("FLOW passed");
    process.exit(0);
  })
  .catch((err) => {
    console.error(`FLOW failed: ${err && err.stack ? err.stack : err}`);
    sockets.forEach((s) => s.disconnect());
    process.exit(1);
  });
