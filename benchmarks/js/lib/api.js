"use strict";

const http = require("node:http");
const { performance } = require("node:perf_hooks");
const { io } = require("socket.io-client");

const ORIGIN = "http://localhost:3000";

// keep-alive connections, as a browser or an app would hold them; bounded so a slow server queues here
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP call; resolves { status, body, ms } (ms from the call to the whole answer), never rejects on 4xx/5xx. */
function call(baseUrl, method, path, token, body, timeoutMs = 30000) {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = { Origin: ORIGIN, Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (payload !== undefined) {
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = Buffer.byteLength(payload);
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent, timeout: timeoutMs }, (response) => {
      const chunks = [];
      response.on("data", (c) => chunks.push(c));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch (e) {
          json = { raw: text };
        }
        resolve({ status: response.statusCode, body: json, ms: performance.now() - started });
      });
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)));
    request.on("error", reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}

async function expect(promise, status, what) {
  const response = await promise;
  const allowed = Array.isArray(status) ? status : [status];
  if (!allowed.includes(response.status)) {
    throw new Error(`${what}: expected ${allowed.join("/")}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Retries check() (which resolves { done, value }) every intervalMs until done or timeoutMs passed. */
async function eventually(what, check, timeoutMs = 30000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last.done) return last.value;
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}; last: ${JSON.stringify(last && last.value)}`);
}

/** Runs task(item, index) over items with at most `limit` at once; rejects on the first failure. */
async function pool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}

/** The chat instance a socket is on: the Engine.IO sid is `<base64url(host:port)>.<random>`. */
function instanceOfSid(sid) {
  if (typeof sid !== "string" || !sid.includes(".")) return "unknown";
  const prefix = sid.split(".")[0];
  try {
    const decoded = Buffer.from(prefix, "base64url").toString("utf8");
    return /^[^\s:]+:\d+$/.test(decoded) ? decoded : "unknown";
  } catch (e) {
    return "unknown";
  }
}

/**
 * Connects one Socket.IO client; resolves the socket once connected. `listen(socket)` adds listeners before that: an
 * event the server sends right after the connect packet (the first presence list) can arrive in the same read and be
 * dispatched before a listener added after the promise resolves.
 */
function connect(url, token, { timeoutMs = 20000, transports = ["websocket"], auth = {}, listen = () => {} } = {}) {
  return new Promise((resolve, reject) => {
    // a browser's Origin, as the web app sends it: without one the gateway's WebSocket client adds the backend's own
    // URL as Origin, which chat-service refuses (403) - see docs/benchmarks.md
    const socket = io(url, { auth: { ...auth, token }, transports, reconnection: false, forceNew: true, timeout: timeoutMs,
      extraHeaders: { Origin: ORIGIN } });
    listen(socket);
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error(`socket to ${url} not connected after ${timeoutMs} ms`));
    }, timeoutMs + 1000);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("connect_error", (err) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(new Error(`connect_error from ${url}: ${err.message}`));
    });
  });
}

const instanceOf = (socket) => instanceOfSid(socket.io.engine && socket.io.engine.id);

/** Client for the stack through the gateway (and direct service URLs where a scenario needs them). */
class Stack {
  constructor(gatewayUrl) {
    this.gateway = gatewayUrl;
    this.adminToken = null;
  }

  async mint(sub, role, name = sub) {
    const body = await expect(call(this.gateway, "POST", "/dev/tokens", null, { sub, role, name }), 200, `mint ${sub}`);
    return body.token;
  }

  async admin() {
    if (!this.adminToken) this.adminToken = await this.mint(`bench_admin_${process.pid}`, "admin");
    return this.adminToken;
  }

  async credit(userId, coins, key) {
    const admin = await this.admin();
    return expect(call(this.gateway, "POST", `/api/wallets/${userId}/credit`, admin, { coins, idempotencyKey: key }),
      200, `credit ${userId}`);
  }

  async goOnline(astroId, token, rate) {
    await expect(call(this.gateway, "PUT", `/api/v1/astrologers/${astroId}/rates`, token,
      { chat: rate, audio: rate, video: rate }), 200, `rates ${astroId}`);
    await expect(call(this.gateway, "POST", `/api/v1/astrologers/${astroId}/online`, token), 200, `online ${astroId}`);
  }

  /** POST /api/sessions/start until session-service has heard the astrologer is online and free (201). */
  async startWhenFree(userToken, astroId, timeoutMs = 30000) {
    return eventually(`a session with ${astroId} starts`, async () => {
      const r = await call(this.gateway, "POST", "/api/sessions/start", userToken, { astrologerId: astroId, sessionType: "chat" });
      if (r.status !== 201 && r.status !== 409) throw new Error(`start: ${r.status} ${JSON.stringify(r.body)}`);
      return { done: r.status === 201, value: r };
    }, timeoutMs, 50);
  }

  accept(astroToken, sessionId) {
    return call(this.gateway, "POST", "/api/sessions/accept", astroToken, { sessionId });
  }

  end(token, sessionId) {
    return call(this.gateway, "POST", "/api/sessions/end", token, { sessionId });
  }
}

const sessionIdOf = (s) => (s && (s.sessionId || s.id)) || null;

module.exports = { call, expect, eventually, pool, sleep, connect, instanceOf, instanceOfSid, Stack, sessionIdOf, agent };
