// Drives the official socket.io-client against a test server: node client-scenarios.js <scenario> <mode>
// mode: websocket | polling | upgrade. URL from env URL. Exit 0 and print "ok" when every expectation held.
const { io } = require("socket.io-client");
const assert = require("assert");

const [scenario, mode] = process.argv.slice(2);
const URL = process.env.URL;

function options(extra) {
  const transports = mode === "websocket" ? ["websocket"] : mode === "polling" ? ["polling"] : ["polling", "websocket"];
  return { transports, upgrade: mode === "upgrade", reconnectionDelay: 100, reconnectionDelayMax: 200,
    forceNew: true, timeout: 5000, ...extra };
}

function connect(nsp, extra) {
  return io(URL + (nsp || ""), options(extra));
}

// emitWithAck resolves with the first argument only; this resolves with all of them
function ackAll(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no ack for " + event)), 3000);
    socket.emit(event, ...args, (...reply) => { clearTimeout(timer); resolve(reply); });
  });
}

function once(socket, event) {
  return new Promise((resolve) => socket.once(event, (...args) => resolve(args)));
}

async function connected(socket) {
  if (!socket.connected) {
    const outcome = await Promise.race([once(socket, "connect").then(() => null), once(socket, "connect_error")]);
    if (outcome) throw new Error("connect_error: " + outcome[0].message);
  }
  if (mode === "upgrade" && socket.io.engine.transport.name !== "websocket") {
    await new Promise((resolve) => socket.io.engine.once("upgrade", resolve));
  }
  assert.strictEqual(socket.io.engine.transport.name, mode === "polling" ? "polling" : "websocket");
  return socket;
}

const scenarios = {
  async events() {
    const socket = await connected(connect("", { auth: { token: "secret" } }));
    const args = [1, "two", { three: [3, null, true] }];
    const back = once(socket, "echo-back");
    socket.emit("echo", ...args);
    assert.deepStrictEqual(await back, args);
    const acked = await ackAll(socket, "echo-ack", "a", { b: 2 });
    assert.deepStrictEqual(acked, ["a", { b: 2 }]);
    socket.on("question", (q, callback) => callback("answer to " + q));
    const answered = once(socket, "answered");
    socket.emit("ask-me");
    assert.deepStrictEqual(await answered, [["answer to q?"]]);
    socket.close();
  },

  async binary() {
    const socket = await connected(connect("", { auth: { token: "secret" } }));
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const back = once(socket, "echo-back");
    socket.emit("echo", bytes, { nested: [Buffer.from("xyz")] });
    const [first, second] = await back;
    assert.ok(Buffer.from(first).equals(bytes));
    assert.ok(Buffer.from(second.nested[0]).equals(Buffer.from("xyz")));
    const acked = await ackAll(socket, "echo-ack", { file: bytes });
    assert.ok(Buffer.from(acked[0].file).equals(bytes));
    const fromServer = once(socket, "bytes");
    socket.emit("send-bytes", 4);
    const [received] = await fromServer;
    assert.deepStrictEqual([...Buffer.from(received)], [0, 1, 2, 3]);
    socket.close();
  },

  async refused() {
    const socket = connect("", { auth: { token: "wrong" } });
    const [err] = await once(socket, "connect_error");
    assert.strictEqual(err.message, "unauthorized");
    assert.deepStrictEqual(err.data, { reason: "bad token" });
    assert.strictEqual(socket.connected, false);
    socket.close();
    const anonymous = connect("");
    const [err2] = await once(anonymous, "connect_error");
    assert.strictEqual(err2.message, "unauthorized");
    anonymous.close();
  },

  async rooms() {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => connected(connect("", { auth: { token: "secret" } }))));
    const got = { a: [], b: [], c: [] };
    for (const [name, s] of Object.entries({ a, b, c })) s.on("room-message", (m) => got[name].push(m));
    for (const s of [a, b]) await s.timeout(3000).emitWithAck("join", "r1");
    for (const s of [a, b, c]) await s.timeout(3000).emitWithAck("join", "all");
    await c.timeout(3000).emitWithAck("to-room", "r1", "m1");
    await b.timeout(3000).emitWithAck("leave", "r1");
    await c.timeout(3000).emitWithAck("to-room", "r1", "m2");
    const sentinels = [a, b, c].map((s) => new Promise((resolve) => s.on("room-message", (m) => m === "end" && resolve())));
    await c.timeout(3000).emitWithAck("to-room", "all", "end");
    await Promise.all(sentinels);
    assert.deepStrictEqual(got, { a: ["m1", "m2", "end"], b: ["m1", "end"], c: ["end"] });
    for (const s of [a, b, c]) s.close();
  },

  async namespaces() {
    const custom = connect("/custom", { auth: { token: "secret", extra: 42 } });
    const [auth] = await once(custom, "auth");
    assert.deepStrictEqual(auth, { token: "secret", extra: 42 });
    await connected(custom);
    custom.close();
    const unknown = connect("/nope", { auth: { token: "secret" } });
    const [err] = await once(unknown, "connect_error");
    assert.strictEqual(err.message, "Invalid namespace");
    unknown.close();
  },

  async "server-disconnect"() {
    const socket = await connected(connect("", { auth: { token: "secret" } }));
    const reason = once(socket, "disconnect");
    socket.emit("disconnect-me");
    assert.strictEqual((await reason)[0], "io server disconnect");
    assert.strictEqual(socket.active, false);
    socket.close();
  },

  async "client-disconnect"() {
    const socket = await connected(connect("", { auth: { token: "secret" } }));
    const id = socket.id;
    socket.disconnect();
    const probe = await connected(connect("", { auth: { token: "secret" } }));
    const reason = await probe.timeout(3000).emitWithAck("disconnect-reason", id);
    assert.strictEqual(reason, "client namespace disconnect");
    probe.close();
  },

  async reconnect() {
    const socket = await connected(connect("", { auth: { token: "secret" } }));
    const firstId = socket.id;
    const dropped = once(socket, "disconnect");
    socket.emit("drop-me");
    const [reason] = await dropped;
    assert.ok(["transport close", "transport error"].includes(reason), reason);
    await once(socket, "connect");
    assert.notStrictEqual(socket.id, firstId);
    assert.strictEqual(await socket.timeout(3000).emitWithAck("echo-ack", "again"), "again");
    socket.close();
  },
};

const watchdog = setTimeout(() => { console.error("scenario timed out"); process.exit(2); }, 15000);
scenarios[scenario]()
  .then(() => { clearTimeout(watchdog); console.log("ok"); process.exit(0); })
  .catch((err) => { console.error(err && err.stack || err); process.exit(1); });
