"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const net = require("node:net");
const { listeningInodes, parseHeapInfo, pidListeningOn, rssBytes, cpuSeconds } = require("../lib/procs");

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:1F93 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F93 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 20 4 30 10 -1
   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1 0000000000000000 100 0 0 10 0
`;

test("only LISTEN sockets on the port are taken from /proc/net/tcp", () => {
  const inodes = listeningInodes(8083, ["tcp"], () => TCP);
  assert.deepEqual([...inodes], ["111"]);
});

test("the pid listening on a port is found (this process, on a free port)", async () => {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  try {
    assert.equal(pidListeningOn(server.address().port), process.pid);
    assert.ok(rssBytes(process.pid) > 1024 * 1024);
    assert.ok(cpuSeconds(process.pid) >= 0);
  } finally {
    server.close();
  }
});

test("heap used is summed over the generations of jcmd GC.heap_info (Serial and G1)", () => {
  const serial = `12345:
 def new generation   total 9792K, used 1024K [0x00000000f0000000, 0x00000000f0aa0000, 0x00000000f5550000)
  eden space 8704K,  11% used [0x00000000f0000000, 0x00000000f0880000, 0x00000000f0880000)
 tenured generation   total 21760K, used 20000K [0x00000000f5550000, 0x00000000f6a90000, 0x0000000100000000)
 Metaspace       used 50000K, committed 50500K, reserved 1114112K`;
  assert.deepEqual(parseHeapInfo(serial), { usedBytes: 21024 * 1024, committedBytes: 31552 * 1024 });
  const g1 = ` garbage-first heap   total 262144K, used 43210K [0x00000000f0000000, 0x0000000100000000)`;
  assert.equal(parseHeapInfo(g1).usedBytes, 43210 * 1024);
  assert.equal(parseHeapInfo(null), null);
});

test("the class histogram is parsed and its growth is given per connection, largest first", () => {
  const { parseClassHistogram, histogramGrowth } = require("../lib/procs");
  const before = parseClassHistogram(` num     #instances         #bytes  class name (module)
-------------------------------------------------------
   1:         10000         800000  [B (java.base@17)
   2:           100           4000  java.lang.String (java.base@17)
Total         10100         804000`);
  const after = parseClassHistogram(` num     #instances         #bytes  class name (module)
   1:         30000        2800000  [B (java.base@17)
   2:          1100          44000  java.lang.String (java.base@17)
   3:          1000          64000  io.netty.Channel`);
  assert.equal(before.get("[B").bytes, 800000);
  const growth = histogramGrowth(before, after, 1000, 2);
  assert.deepEqual(growth, [
    { class: "[B", instancesPerConnection: 20, bytesPerConnection: 2000 },
    { class: "io.netty.Channel", instancesPerConnection: 1, bytesPerConnection: 64 },
  ]);
});
