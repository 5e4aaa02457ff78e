"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { stackTotal, seederCommand } = require("../scenarios/idlecpu");
const { parseOptions } = require("../lib/options");
const { markdown } = require("../lib/report");

test("the stack's idle total adds every stack process and leaves out the load generator", () => {
  assert.equal(stackTotal({ session: 3, "session-2": 2, chat: 1, "launcher (kafka, mongo, issuer)": 4, "load-generator (node)": 9 }), 10);
  assert.equal(stackTotal({ "load-generator (node)": 5 }), 0);
});

test("the idle total keeps one decimal, as each process's figure does", () => {
  assert.equal(stackTotal({ gateway: 0.7, presence: 1.2, chat: 2.4, "load-generator (node)": 0.3 }), 4.3);
});

test("the CPU meter gives a process's share of one core to one decimal", () => {
  const { CpuMeter } = require("../lib/procs");
  const meter = new CpuMeter([]).start();
  const until = Date.now() + 150;
  while (Date.now() < until) { /* keep one core busy */ }
  const busy = meter.stop()["load-generator (node)"];
  assert.ok(busy > 0 && busy <= 150, `a busy loop uses at most about one core, got ${busy}`);
  assert.equal(Math.round(busy * 10) / 10, busy);
});

test("the idle CPU defaults are the issue's history and window, and --quick shrinks them", () => {
  const full = parseOptions(["--scenarios", "idlecpu"]);
  assert.deepEqual(full.scenarios, ["idlecpu"]);
  assert.equal(full.idleCpuSessions, 10000);
  assert.equal(full.idleCpuMessages, 100000);
  assert.equal(full.idleCpuSeconds, 60);
  const quick = parseOptions(["--quick", "--idle-cpu-sessions", "0"]);
  assert.equal(quick.idleCpuSessions, 0, "0 means no history is seeded");
  assert.ok(quick.idleCpuSeconds < full.idleCpuSeconds);
  assert.throws(() => parseOptions(["--idle-cpu-messages", "-1"]), />= 0/);
});

test("the seeder runs from the benchmarks jar with the sizes and Mongo of the options", () => {
  const options = parseOptions(["--idle-cpu-sessions", "7", "--idle-cpu-messages", "70", "--mongo-uri", "mongodb://db:1"]);
  const args = seederCommand(options, "run1h");
  assert.ok(args.includes("-Dloader.main=com.astro.bench.idle.HistorySeeder"));
  assert.equal(args[args.indexOf("-cp") + 1], options.benchJar);
  assert.equal(args[args.indexOf("--sessions") + 1], "7");
  assert.equal(args[args.indexOf("--messages") + 1], "70");
  assert.equal(args[args.indexOf("--mongo-uri") + 1], "mongodb://db:1");
  assert.equal(args[args.indexOf("--prefix") + 1], "run1h");
});

test("the report states the idle total, the history it was measured after, and each process", () => {
  const report = {
    startedAt: "2026-01-01T00:00:00.000Z",
    options: {},
    environment: { cores: 2, cpuModel: "cpu", totalMemoryBytes: 2 ** 30, loadAverage: [1, 1, 1], node: "v20", commit: "abc", processes: [] },
    results: {
      idlecpu: {
        setup: { history: { sessions: 10000, messages: 100000, seconds: 12.5 }, settleSeconds: 30, windowSeconds: 60, method: "from /proc" },
        cpuPercent: { session: 2, chat: 1, "load-generator (node)": 0 },
        stackTotalPercent: 3,
      },
    },
    durationSeconds: 100,
  };
  const text = markdown(report);
  assert.match(text, /Whole stack: 3% of one core/);
  assert.match(text, /10,000 ended sessions and 100,000 messages/);
  assert.match(text, /session 2%/);
});
