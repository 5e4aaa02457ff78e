// Opens COUNT idle sockets to URL (WebSocket, auth token "secret"), prints "connected <n>" once all are connected,
// and keeps them open until stdin closes.
const { io } = require("socket.io-client");

const count = Number(process.env.COUNT);
const sockets = [];
let connected = 0;
for (let i = 0; i < count; i++) {
  const socket = io(process.env.URL, { transports: ["websocket"], auth: { token: "secret" }, reconnection: false,
    forceNew: true });
  socket.once("connect", () => {
    if (++connected === count) console.log(`connected ${connected}`);
  });
  socket.once("connect_error", (err) => console.log(`error ${err.message}`));
  sockets.push(socket);
}
process.stdin.on("end", () => {
  sockets.forEach((s) => s.disconnect());
  process.exit(0);
});
process.stdin.resume();
