"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const http = require("node:http");
const crypto = require("node:crypto");
const { connect } = require("../lib/api");
const { Crowd, epochNow } = require("../scenarios/churn");

const ONLINE = [{ id: "a1", version: 3 }, { id: "a2", version: 5 }];

/** One unmasked WebSocket text frame, as a server sends it. */
function frame(text) {
  const payload = Buffer.from(text);
  const header = payload.length < 126 ? Buffer.from([0x81, payload.length])
    : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, payload]);
}

/** The first whole client frame in `buffer` ({ opcode, text, rest }) or null while it is incomplete. */
function readFrame(buffer) {
  if (buffer.length < 2) return null;
  let length = buffer[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  }
  if (buffer.length < offset + 4 + length) return null;
  const mask = buffer.subarray(offset, offset + 4);
  const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length)).map((b, i) => b ^ mask[i % 4]);
  return { opcode: buffer[0] & 0x0f, text: payload.toString(), rest: buffer.subarray(offset + 4 + length) };
}

/**
 * A chat instance reduced to its first two packets, over a hand-made WebSocket: it answers a socket's connect packet
 * and sends the presence list in one TCP write, as a busy instance's socket delivers them (and as a WebSocket
 * library would not reliably do in a test).
 */
async function startFakeChat(list) {
  const sockets = new Set();
  const server = http.createServer((request, response) => response.writeHead(404).end());
  server.on("upgrade", (request, socket) => {
    sockets.add(socket);
    const accept = crypto.createHash("sha1").update(`${request.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.write(frame(`0${JSON.stringify({ sid: "e1", upgrades: [], pingInterval: 60000, pingTimeout: 60000, maxPayload: 1000000 })}`));
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (let f = readFrame(pending); f; f = readFrame(pending)) {
        pending = f.rest;
        if (f.opcode === 0x8) socket.end();
        else if (f.text.startsWith("40")) {
          socket.write(Buffer.concat([frame(`40${JSON.stringify({ sid: "s1" })}`), frame(`42${JSON.stringify(["presence:online-list", list])}`)]));
        }
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(resolve);
    }),
  };
}

test("a socket's listeners hear the event that arrives with its connect packet", async () => {
  const chat = await startFakeChat(ONLINE);
  const lists = [];
  const socket = await connect(chat.url, "t", { listen: (s) => s.on("presence:online-list", (list) => lists.push(list)) });
  socket.disconnect();
  await chat.close();
  assert.deepEqual(lists, [ONLINE]);
});

test("the crowd's watchers start from the list sent with the connect, whatever their mode", async () => {
  const chat = await startFakeChat(ONLINE);
  const crowd = new Crowd();
  try {
    await crowd.ask("connect", { urls: [chat.url], tokens: ["t"], modes: ["deltas", "list"], concurrency: 2 });
    const seen = await crowd.ask("summary", { from: 0, to: epochNow(), ids: ["a1", "a2"], truth: ["a1", "a2"] });
    assert.deepEqual(seen.finalViews.deltas, { sockets: 1, wrong: 0, example: null });
    assert.deepEqual(seen.finalViews.list, { sockets: 1, wrong: 0, example: null });
  } finally {
    await crowd.ask("close");
    await chat.close();
  }
});
