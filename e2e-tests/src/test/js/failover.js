// An instance killed (SIGKILL) under load, as a crash or an OOM kill would, with clients that behave as a
// careful frontend does. Prints one line `RESULT {json}` with what the clients saw; the Java test asserts on it.
//
// MODE=chat:    PAIRS user/astrologer pairs chat through the gateway at RATE msg/s; KILL_PID (a chat instance)
//               is killed KILL_AFTER_MS into the load. socket.io-client reconnects by itself; on every connect
//               the client joins again with afterSeq = the highest seq it has seen and resends every message not
//               yet acknowledged with the same clientMessageId. Like a careful frontend it also connects again
//               after a refused connect (which socket.io-client never retries), tries a failed join again, and
//               holds its resends for a while after a rate_limited refusal.
// MODE=session: PAIRS clients call session-service's REST API (wallet, session, credit) through the gateway in a
//               loop; KILL_PID (a session instance) is killed KILL_AFTER_MS into it.
"use strict";

const { io } = require("socket.io-client");

const GATEWAY = process.env.GATEWAY_URL || "http://localhost:8080";
const MODE = process.env.MODE || "chat";
const PAIRS = Number(process.env.PAIRS || 10);
const RATE = Number(process.env.RATE || 40);
const DURATION_MS = Number(process.env.DURATION_MS || 12000);
const KILL_AFTER_MS = Number(process.env.KILL_AFTER_MS || 4000);
const KILL_PID = Number(process.env.KILL_PID || 0);
const CATCH_UP_MS = Number(process.env.CATCH_UP_MS || 40000);
const RUN = process.env.RUN_ID || String(Date.now());
// a call not answered within this counts as failed (status 599), as a browser's timeout would: one request lost on a
// connection that broke under it must not hang the whole run (undici would wait 300 s for the headers)
const CALL_TIMEOUT_MS = Number(process.env.CALL_TIMEOUT_MS || 10000);
const ORIGIN = "http://localhost:3000";

let timedOut = 0;

async function call(method, path, token, body) {
  const headers = { Origin: ORIGIN };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  let text;
  try {
    response = await fetch(GATEWAY + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    text = await response.text();
  } catch (error) {
    if (error.name !== "TimeoutError") throw error;
    timedOut++;
    return { status: 599, body: { error: `no answer within ${CALL_TIMEOUT_MS} ms` } };
  }
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = { raw: text };
  }
  return { status: response.status, body: json };
}

async function expectOk(response, what) {
  const r = await response;
  if (r.status < 200 || r.status > 299) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function mint(sub, role) {
  return (await expectOk(call("POST", "/dev/tokens", null, { sub, role, name: sub }), `mint ${sub}`)).token;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One user/astrologer pair with an active chat session, set up over REST only. */
async function pair(i, admin) {
  const userId = `fo_user_${RUN}_${i}`;
  const astroId = `fo_astro_${RUN}_${i}`;
  const user = await mint(userId, "user");
  const astro = await mint(astroId, "astrologer");
  await expectOk(call("PUT", `/api/v1/astrologers/${astroId}/rates`, astro, { chat: 1, audio: 1, video: 1 }), "rates");
  await expectOk(call("POST", `/api/v1/astrologers/${astroId}/online`, astro), "online");
  await expectOk(call("POST", `/api/wallets/${userId}/credit`, admin, { coins: 1000, idempotencyKey: `fo-${RUN}-${i}` }), "credit");
  let started;
  for (let attempt = 0; attempt < 60; attempt++) {
    started = await call("POST", "/api/sessions/start", user, { astrologerId: astroId, sessionType: "chat" });
    if (started.status === 201) break;
    await sleep(250);
  }
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const sessionId = started.body.id || started.body.sessionId;
  await expectOk(call("POST", "/api/sessions/accept", astro, { sessionId }), "accept");
  return { userId, astroId, user, astro, sessionId };
}

/** A participant's socket, reconnecting, rejoining and resending as a careful frontend does. */
class Participant {
  constructor(name, token, sessionId) {
    this.name = name;
    this.sessionId = sessionId;
    this.highestSeq = 0;
    this.deliveries = new Map(); // seq -> times received
    this.pending = new Map(); // clientMessageId -> text, until acknowledged
    this.inFlight = new Set(); // clientMessageIds sent and not answered yet: never sent twice at once
    this.refusals = {}; // error code (or "timeout") -> count
    this.acked = new Map(); // clientMessageId -> seq
    this.disconnectedAt = null;
    this.reconnects = []; // ms from a disconnect to the next successful join
    this.connectedAfter = []; // ms from a disconnect to the next connect (the rest is the join)
    this.connectErrors = []; // messages of refused connects (the client does not retry those by itself)
    this.serverDisconnects = 0; // times the server closed the socket on purpose ("io server disconnect")
    this.heldUntil = 0; // after a rate_limited refusal nothing is sent before this
    this.lastJoinError = null; // why the last join failed, until one succeeds
    this.socket = io(GATEWAY, {
      auth: { token },
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 1000,
      timeout: 5000,
      extraHeaders: { Origin: ORIGIN },
    });
    this.socket.on("message:receive", (m) => {
      if (m.sessionId !== this.sessionId) return;
      this.deliveries.set(m.seq, (this.deliveries.get(m.seq) || 0) + 1);
      this.highestSeq = Math.max(this.highestSeq, m.seq);
    });
    this.socket.on("disconnect", (reason) => {
      this.joined = false;
      if (reason === "io server disconnect") this.serverDisconnects++;
      if (this.disconnectedAt === null) this.disconnectedAt = Date.now();
    });
    this.socket.on("connect_error", (error) => {
      this.connectErrors.push(String(error.message));
      // a refusal by the server is final for socket.io-client; a careful frontend tries again a little later
      if (!this.socket.active) setTimeout(() => this.socket.connect(), 1000);
    });
    this.socket.on("connect", () => {
      if (this.disconnectedAt !== null) this.connectedAfter.push(Date.now() - this.disconnectedAt);
      this.join();
    });
  }

  async join() {
    try {
      const ack = await this.socket.timeout(5000).emitWithAck("join-session", { sessionId: this.sessionId, afterSeq: this.highestSeq });
      if (!ack || ack.ok !== true) throw new Error(JSON.stringify(ack));
      this.joined = true;
      this.lastJoinError = null;
      if (this.disconnectedAt !== null) {
        this.reconnects.push(Date.now() - this.disconnectedAt);
        this.disconnectedAt = null;
      }
      for (const [clientMessageId, text] of this.pending) this.emit(clientMessageId, text);
    } catch (e) {
      // the socket broke before the answer (the next connect joins again), or the join was refused or timed out
      // on a live socket: then it is tried again here, or nothing would be sent on this connection
      this.lastJoinError = String(e.message || e);
      if (this.socket.connected) setTimeout(() => this.socket.connected && !this.joined && this.join(), 1000);
    }
  }

  send(clientMessageId, text) {
    this.pending.set(clientMessageId, text);
    if (this.socket.connected && this.joined) this.emit(clientMessageId, text);
  }

  emit(clientMessageId, text) {
    if (this.inFlight.has(clientMessageId) || Date.now() < this.heldUntil) return;
    this.inFlight.add(clientMessageId);
    this.socket.timeout(5000).emit("message:send", { sessionId: this.sessionId, text, clientMessageId }, (err, ack) => {
      this.inFlight.delete(clientMessageId);
      if (!err && ack && ack.ok === true) {
        if (this.pending.delete(clientMessageId)) this.acked.set(clientMessageId, ack.message.seq);
        return;
      }
      const code = err ? "timeout" : (ack && ack.error && (ack.error.code || ack.error)) || "unknown";
      this.refusals[code] = (this.refusals[code] || 0) + 1;
      // told to slow down: the resender sends what is pending once the budget has refilled a little
      if (code === "rate_limited") this.heldUntil = Date.now() + 2000;
    });
  }

  /** Resends what is still unacknowledged: the ack may have been lost with the instance. */
  resend() {
    if (this.socket.connected && this.joined) for (const [id, text] of this.pending) this.emit(id, text);
  }
}

function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function kill(result) {
  if (KILL_PID > 0) {
    process.kill(KILL_PID, "SIGKILL");
    result.killedAt = Date.now();
  }
}

async function chat() {
  const admin = await mint(`fo_admin_${RUN}`, "admin");
  const pairs = [];
  for (let i = 0; i < PAIRS; i++) pairs.push(await pair(i, admin));
  const participants = pairs.flatMap((p) => [new Participant(`${p.userId}`, p.user, p.sessionId), new Participant(`${p.astroId}`, p.astro, p.sessionId)]);
  const bySession = new Map();
  for (const p of participants) bySession.set(p.sessionId, [...(bySession.get(p.sessionId) || []), p]);
  const deadline = Date.now() + 20000;
  while (participants.some((p) => !p.joined) && Date.now() < deadline) await sleep(100);
  if (participants.some((p) => !p.joined)) throw new Error("not every participant joined its session");

  const result = { mode: "chat", pairs: PAIRS, rate: RATE };
  const started = Date.now();
  let sent = 0;
  let killed = false;
  const resender = setInterval(() => participants.forEach((p) => p.resend()), 1000);
  // open loop: as many messages as the elapsed time calls for, however late the timers run on a busy machine
  while (Date.now() - started < DURATION_MS) {
    if (!killed && Date.now() - started >= KILL_AFTER_MS) {
      kill(result);
      killed = true;
    }
    const due = Math.floor(((Date.now() - started) * RATE) / 1000);
    while (sent < due) {
      const sender = participants[sent % participants.length];
      sender.send(`${RUN}-${sent}`, `message ${sent}`);
      sent++;
    }
    await sleep(5);
  }
  const catchUp = Date.now() + CATCH_UP_MS;
  while (participants.some((p) => p.pending.size > 0) && Date.now() < catchUp) await sleep(200);
  clearInterval(resender);
  await sleep(3000); // the last deliveries

  let missing = 0;
  let gaps = 0;
  let duplicates = 0;
  for (const [, members] of bySession) {
    const seqs = members.flatMap((p) => [...p.acked.values()]);
    const highest = Math.max(0, ...seqs);
    for (const member of members) {
      for (const seq of seqs) if (!member.deliveries.has(seq)) missing++;
      for (let seq = 1; seq <= highest; seq++) if (!member.deliveries.has(seq)) gaps++;
      for (const [, times] of member.deliveries) if (times > 1) duplicates += times - 1;
    }
  }
  const reconnects = participants.flatMap((p) => p.reconnects);
  const connected = participants.flatMap((p) => p.connectedAfter);
  Object.assign(result, {
    sent,
    acknowledged: participants.reduce((n, p) => n + p.acked.size, 0),
    unacknowledged: participants.reduce((n, p) => n + p.pending.size, 0),
    missing,
    gaps,
    duplicates,
    socketsDisconnected: reconnects.length + participants.filter((p) => p.disconnectedAt !== null).length,
    socketsNotBack: participants.filter((p) => p.disconnectedAt !== null || !p.socket.connected).length,
    reconnectMsP50: percentile(reconnects, 50),
    reconnectMsMax: reconnects.length ? Math.max(...reconnects) : null,
    refusals: participants.reduce((all, p) => {
      for (const [code, n] of Object.entries(p.refusals)) all[code] = (all[code] || 0) + n;
      return all;
    }, {}),
    connectedAgainMsP50: percentile(connected, 50),
    connectedAgainMsMax: connected.length ? Math.max(...connected) : null,
    connectErrors: participants.flatMap((p) => p.connectErrors),
    serverDisconnects: participants.reduce((n, p) => n + p.serverDisconnects, 0),
    // who is left waiting for an ack, and in what state: what a failure needs to be explained
    stuck: participants.filter((p) => p.pending.size > 0).map((p) => ({
      name: p.name,
      pending: p.pending.size,
      inFlight: p.inFlight.size,
      connected: p.socket.connected,
      joined: p.joined,
      lastJoinError: p.lastJoinError,
      disconnectedAt: p.disconnectedAt,
      refusals: p.refusals,
    })),
  });
  participants.forEach((p) => p.socket.close());
  return result;
}

async function session() {
  const admin = await mint(`fo_admin_${RUN}`, "admin");
  const clients = [];
  for (let i = 0; i < PAIRS; i++) {
    const userId = `fo_suser_${RUN}_${i}`;
    clients.push({ userId, token: await mint(userId, "user"), calls: 0, failures: [] });
  }
  const result = { mode: "session", clients: PAIRS };
  const started = Date.now();
  let killed = false;
  let n = 0;
  await Promise.all(clients.map(async (client) => {
    while (Date.now() - started < DURATION_MS) {
      if (!killed && Date.now() - started >= KILL_AFTER_MS) {
        killed = true;
        kill(result);
      }
      n++;
      const calls = {
        wallet: () => call("GET", "/api/wallet", client.token),
        credit: () => call("POST", `/api/wallets/${client.userId}/credit`, admin, { coins: 1, idempotencyKey: `fo-${RUN}-${client.userId}-${n}` }),
        sessions: () => call("GET", "/api/sessions?size=5", client.token),
      };
      const name = Object.keys(calls)[n % 3];
      const sentAt = Date.now();
      const r = await calls[name]();
      client.calls++;
      if (r.status >= 500) {
        // when and what, relative to the kill: what a failure needs to be explained
        client.failures.push({ status: r.status, call: name, afterKill: killed,
          sentAfterKillMs: result.killedAt ? sentAt - result.killedAt : null, tookMs: Date.now() - sentAt });
      }
      await sleep(50);
    }
  }));
  Object.assign(result, {
    calls: clients.reduce((s, c) => s + c.calls, 0),
    failedBeforeKill: clients.reduce((s, c) => s + c.failures.filter((f) => !f.afterKill).length, 0),
    failedAfterKill: clients.reduce((s, c) => s + c.failures.filter((f) => f.afterKill).length, 0),
    mostFailedCallsOfOneClient: Math.max(...clients.map((c) => c.failures.filter((f) => f.afterKill).length)),
    failures: clients.filter((c) => c.failures.length > 0).map((c) => ({ client: c.userId, failures: c.failures })),
    timedOut,
  });
  return result;
}

(MODE === "chat" ? chat() : session())
  .then((result) => {
    console.log(`RESULT ${JSON.stringify(result)}`);
    process.exit(0);
  })
  .catch((error) => {
    console.error(error.stack || String(error));
    process.exit(1);
  });
