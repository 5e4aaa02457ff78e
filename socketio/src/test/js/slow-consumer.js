// A client that stops reading (its TCP socket paused) while it floods the server with echo requests whose
// answers it never reads. The server must close it ("slow consumer") instead of buffering without bound.
// node slow-consumer.js   (env URL, FRAMES, SIZE)
const WebSocket = require("ws");

const url = process.env.URL.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket";
const frames = Number(process.env.FRAMES || 2000);
const payload = "x".repeat(Number(process.env.SIZE || 8000));
const ws = new WebSocket(url);

ws.once("message", () => {
  ws.send('40{"token":"secret"}');
  ws.once("message", async () => {
    ws._socket.pause();
    for (let i = 0; i < frames && ws.readyState === WebSocket.OPEN; i++) {
      ws.send(`42["echo","${payload}"]`);
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    while (ws.readyState === WebSocket.OPEN && ws.bufferedAmount > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log("sent");
    // stay deaf a while longer so the server sees its answers pile up, then read again to see the close
    setTimeout(() => ws._socket.resume(), 1500);
  });
});
ws.on("close", () => { console.log("closed"); process.exit(0); });
ws.on("error", () => { console.log("closed"); process.exit(0); });
setTimeout(() => { console.log("still open"); process.exit(1); }, 20000);
