// Measures one server JVM: resident memory of N idle Socket.IO WebSocket connections, and the round-trip time
// of an acknowledged event. Run through measure.sh (it starts the fixture and passes SERVER_PID).
// env: URL, SERVER_PID, CONNECTIONS (5000), ROUND_TRIPS (2000)
const fs = require("fs");
const { execSync } = require("child_process");
const WebSocket = require("ws");
const { io } = require("socket.io-client");

const url = process.env.URL;
const pid = process.env.SERVER_PID;
const connections = Number(process.env.CONNECTIONS || 5000);
const roundTrips = Number(process.env.ROUND_TRIPS || 2000);

function rssKb() {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

function heapUsedKb() {
  try {
    execSync(`jcmd ${pid} GC.run`, { stdio: "ignore" });
    const info = execSync(`jcmd ${pid} GC.heap_info`).toString();
    const used = [...info.matchAll(/used (\d+)K/g)].map((m) => Number(m[1]));
    return used.length ? used.reduce((a, b) => a + b, 0) : NaN;
  } catch (e) {
    return NaN;
  }
}

// a Socket.IO client at the frame level: connect to "/", answer pings, otherwise idle
function openIdle() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket");
    ws.on("message", (data) => {
      const text = data.toString();
      if (text.startsWith("0")) ws.send("40");
      else if (text === "2") ws.send("3");
      else if (text.startsWith("40")) resolve(ws);
    });
    ws.on("error", reject);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  // warm up: load classes and JIT the paths before the baseline
  const warm = [];
  for (let i = 0; i < 200; i++) warm.push(await openIdle());
  warm.forEach((ws) => ws.close());
  await new Promise((r) => setTimeout(r, 1000));
  const rssBefore = rssKb();
  const heapBefore = heapUsedKb();
  const sockets = [];
  const started = Date.now();
  for (let i = 0; i < connections; i += 250) {
    const batch = [];
    for (let j = i; j < Math.min(connections, i + 250); j++) batch.push(openIdle());
    sockets.push(...(await Promise.all(batch)));
  }
  const openMs = Date.now() - started;
  await new Promise((r) => setTimeout(r, 3000));
  const rssAfter = rssKb();
  const heapAfter = heapUsedKb();
  console.log(`idle connections: ${sockets.length} opened in ${openMs} ms`);
  console.log(`RSS: ${(rssBefore / 1024).toFixed(1)} MiB -> ${(rssAfter / 1024).toFixed(1)} MiB; ` +
    `${(((rssAfter - rssBefore) * 1024) / connections).toFixed(0)} bytes per connection`);
  console.log(`live heap after full GC: ${(heapBefore / 1024).toFixed(1)} MiB -> ${(heapAfter / 1024).toFixed(1)} MiB; ` +
    `${(((heapAfter - heapBefore) * 1024) / connections).toFixed(0)} bytes per connection`);

  const client = io(url, { transports: ["websocket"], forceNew: true });
  await new Promise((resolve) => client.once("connect", resolve));
  for (let i = 0; i < 200; i++) await client.emitWithAck("message-with-ack", i);
  const samples = [];
  for (let i = 0; i < roundTrips; i++) {
    const t0 = process.hrtime.bigint();
    await client.emitWithAck("message-with-ack", { n: i, text: "hello" });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(`acknowledged event round trip over ${roundTrips} sequential emits (with ${connections} idle ` +
    `connections open): p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${percentile(samples, 99).toFixed(3)} ms, ` +
    `max ${samples[samples.length - 1].toFixed(3)} ms`);
  client.close();
  sockets.forEach((ws) => ws.terminate());
  process.exit(0);
}

main().catch((err) => { console.error(err); process.exit(1); });
