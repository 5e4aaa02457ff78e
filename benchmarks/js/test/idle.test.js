"use strict";

const test = require("node:test");
const assert = require("node:assert");
const { compareIdle } = require("../scenarios/idle");

test("the idle comparison divides our RSS per connection by the peer's at each level both reached", () => {
  const ours = { levels: [{ sockets: 1000, rssBytesPerConnection: 15000 }, { sockets: 5000, rssBytesPerConnection: 14000 }] };
  const peer = { levels: [{ sockets: 1000, rssBytesPerConnection: 10000 }] };
  assert.deepEqual(compareIdle(ours, peer), [
    { sockets: 1000, ours: 15000, peer: 10000, ratio: 1.5 },
    { sockets: 5000, ours: 14000, peer: null, ratio: null },
  ]);
});
