// Send-to-receive latency between two socket.io clients on different chat-service instances.
// The user (on URL_A) sends COUNT messages at RATE per second; the astrologer (on URL_B) receives them.
// Latency = time the astrologer's message:receive fired - time the user's emit was called (one process, one clock).
// IDLE extra authenticated sockets (split over both instances) stay connected meanwhile, as background load.
// With FLOOD_TOKEN, a third user's socket (on URL_A) sends message:send at FLOOD_RATE per second meanwhile, into a
// session that is not its own: past its budget each is refused with rate_limited.
// With WARMUP, that many messages go first at the same rate and are not measured (a cold JVM's first messages
// measure its compiler, not the path).
// Prints one JSON line: {count, rate, connections, p50, p90, p99, max, inOrder, lost, flood: {sent, codes}}.
// Env: URL_A URL_B USER_TOKEN ASTRO_TOKEN SESSION_ID RATE COUNT WARMUP IDLE_TOKENS_FILE (one token per line)
//      FLOOD_TOKEN FLOOD_RATE
const { io } = require("socket.io-client");

const env = process.env;
const RATE = Number(env.RATE || 20);
const COUNT = Number(env.COUNT || 200);
const WARMUP = Number(env.WARMUP || 0);
const idleTokens = env.IDLE_TOKENS_FILE
  ? require("fs").readFileSync(env.IDLE_TOKENS_FILE, "utf8").split("\n").filter((t) => t.trim())
  : [];

function connect(url, token) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ["websocket"], auth: { token }, reconnection: false, forceNew: true });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(new Error(url + ": " + err.message)));
  });
}

function call(socket, event, payload) {
  return new Promise((resolve) => socket.emit(event, payload, resolve));
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

async function main() {
  const idle = [];
  for (let i = 0; i < idleTokens.length; i += 50) {  // in batches, as real clients arrive over time
    const batch = idleTokens.slice(i, i + 50);
    idle.push(...(await Promise.all(batch.map((t, j) => connect((i + j) % 2 === 0 ? env.URL_A : env.URL_B, t)))));
  }
  const user = await connect(env.URL_A, env.USER_TOKEN);
  const astrologer = await connect(env.URL_B, env.ASTRO_TOKEN);
  for (const socket of [user, astrologer]) {
    const ack = await call(socket, "join-session", { sessionId: env.SESSION_ID });
    if (!ack || !ack.ok) throw new Error("join refused: " + JSON.stringify(ack));
  }

  const flood = { sent: 0, codes: {} };
  let flooding;
  if (env.FLOOD_TOKEN) {
    const flooder = await connect(env.URL_A, env.FLOOD_TOKEN);
    idle.push(flooder);
    const every = 1000 / Number(env.FLOOD_RATE || 100);
    const floodBegin = Date.now();
    flooding = setInterval(() => {
      // as many as are due by now, so a late timer does not lower the rate
      while (flood.sent < ((Date.now() - floodBegin) / every)) {
        flood.sent++;
        flooder.emit("message:send", { sessionId: "s_not_mine", text: "flood " + flood.sent }, (ack) => {
          const code = ack && ack.ok ? "ok" : (ack && ack.error && ack.error.code) || "none";
          flood.codes[code] = (flood.codes[code] || 0) + 1;
        });
      }
    }, Math.max(1, Math.floor(every)));
  }

  const interval = 1000 / RATE;
  if (WARMUP > 0) {
    let warmed;
    const allWarm = new Promise((resolve) => (warmed = resolve));
    let arrived = 0;
    const onWarm = (m) => { if (String(m.clientMessageId).startsWith("warm-") && ++arrived === WARMUP) warmed(); };
    astrologer.on("message:receive", onWarm);
    for (let i = 0; i < WARMUP; i++) {
      user.emit("message:send", { sessionId: env.SESSION_ID, text: "warm-up " + i, clientMessageId: "warm-" + i });
      await new Promise((r) => setTimeout(r, interval));
    }
    await Promise.race([allWarm, new Promise((r) => setTimeout(r, 15000))]);
    astrologer.off("message:receive", onWarm);
  }

  const sentAt = new Map();
  const latencies = [];
  const seqs = [];
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  astrologer.on("message:receive", (m) => {
    const started = sentAt.get(m.clientMessageId);
    if (started !== undefined) {
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      seqs.push(m.seq);
      if (latencies.length === COUNT) done();
    }
  });

  const begin = Date.now();
  for (let i = 0; i < COUNT; i++) {
    const due = begin + i * interval;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const id = "lat-" + i;
    sentAt.set(id, process.hrtime.bigint());
    user.emit("message:send", { sessionId: env.SESSION_ID, text: "latency probe " + i, clientMessageId: id });
  }
  await Promise.race([finished, new Promise((r) => setTimeout(r, 15000))]);
  if (flooding) clearInterval(flooding);

  const sorted = [...latencies].sort((a, b) => a - b);
  const inOrder = seqs.every((s, i) => i === 0 || s > seqs[i - 1]);
  const round = (v) => (v === null ? null : Math.round(v * 100) / 100);
  console.log(JSON.stringify({
    count: COUNT, rate: RATE, connections: idle.length + 2, received: latencies.length, lost: COUNT - latencies.length,
    inOrder, p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? null), flood,
  }));
  [user, astrologer, ...idle].forEach((s) => s.disconnect());
  process.exit(0);
}

main().catch((err) => {
  console.error(err.stack || String(err));
  process.exit(1);
});
