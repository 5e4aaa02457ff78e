// Drives any number of official socket.io-client sockets for a Java test, one JSON command per stdin line:
//   {"op":"connect","client":"u1","url":"http://127.0.0.1:8083","token":"...","transports":["websocket"],"header":false,
//    "auth":{...more auth fields}}   (auth optional)
//   {"op":"emit","client":"u1","event":"message:send","args":[{...}],"ack":"a1"}   (ack optional)
//   {"op":"disconnect","client":"u1"}
//   {"op":"exit"}
// and one JSON report per stdout line:
//   {"client":"u1","type":"connect","id":"..."} | {"client":"u1","type":"connect_error","message":"...","data":...}
//   {"client":"u1","type":"event","event":"message:receive","args":[...]}
//   {"client":"u1","type":"ack","ack":"a1","args":[...]}
//   {"client":"u1","type":"disconnect","reason":"..."}
const { io } = require("socket.io-client");
const readline = require("readline");

const sockets = new Map();

function report(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

function connect(cmd) {
  const options = {
    transports: cmd.transports || ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: 10000,
  };
  if (cmd.token !== undefined && cmd.token !== null) {
    if (cmd.header) {
      options.extraHeaders = { Authorization: "Bearer " + cmd.token };
    } else {
      options.auth = { ...(cmd.auth || {}), token: cmd.token };
    }
  }
  const socket = io(cmd.url, options);
  sockets.set(cmd.client, socket);
  socket.on("connect", () => report({ client: cmd.client, type: "connect", id: socket.id }));
  socket.on("connect_error", (err) =>
    report({ client: cmd.client, type: "connect_error", message: err.message, data: err.data === undefined ? null : err.data }));
  socket.on("disconnect", (reason) => report({ client: cmd.client, type: "disconnect", reason }));
  socket.onAny((event, ...args) => report({ client: cmd.client, type: "event", event, args }));
}

function emit(cmd) {
  const socket = sockets.get(cmd.client);
  if (!socket) {
    report({ client: cmd.client, type: "driver_error", message: "no such client" });
    return;
  }
  const args = cmd.args || [];
  if (cmd.ack) {
    socket.emit(cmd.event, ...args, (...ackArgs) => report({ client: cmd.client, type: "ack", ack: cmd.ack, args: ackArgs }));
  } else {
    socket.emit(cmd.event, ...args);
  }
}

const input = readline.createInterface({ input: process.stdin });
input.on("line", (line) => {
  if (!line.trim()) return;
  const cmd = JSON.parse(line);
  switch (cmd.op) {
    case "connect": connect(cmd); break;
    case "emit": emit(cmd); break;
    case "disconnect": {
      const socket = sockets.get(cmd.client);
      if (socket) socket.disconnect();
      break;
    }
    case "exit":
      sockets.forEach((s) => s.disconnect());
      setTimeout(() => process.exit(0), 50);
      break;
    default:
      report({ type: "driver_error", message: "unknown op " + cmd.op });
  }
});
input.on("close", () => {
  sockets.forEach((s) => s.disconnect());
  setTimeout(() => process.exit(0), 50);
});
report({ type: "ready" });
