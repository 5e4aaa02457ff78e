#!/usr/bin/env node
// The benchmark command (run it with scripts/benchmark): drives the running stack through the gateway with the
// official socket.io-client and writes benchmarks/reports/<timestamp>.json and .md. See docs/benchmarks.md.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync, spawn } = require("node:child_process");
const { Stack, call } = require("./lib/api");
const procs = require("./lib/procs");
const { markdown } = require("./lib/report");
const { parseOptions, usage } = require("./lib/options");
const { fanOutScenario, peerFanOutScenario } = require("./scenarios/fanout");
const { startPeer, compareFanOut } = require("./lib/peer");
const { idleScenario } = require("./scenarios/idle");
const { sessionFlowScenario } = require("./scenarios/sessionflow");
const { gatewayOverheadScenario } = require("./scenarios/gateway");
const { pollingScenario } = require("./scenarios/polling");
const { pairSetupScenario } = require("./scenarios/pairsetup");
const { churnScenario } = require("./scenarios/churn");
const { idleCpuScenario } = require("./scenarios/idlecpu");

const REPO = path.resolve(__dirname, "..", "..");

function log(line) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function git(...args) {
  try {
    return execFileSync("git", ["-C", REPO, ...args], { encoding: "utf8" }).trim();
  } catch (e) {
    return "unknown";
  }
}

/**
 * Waits until the stack's processes together use at most `threshold`% of one core over 3 s (up to `maxMs`);
 * the figure and the wait, or null if it never did.
 */
async function waitForQuietStack(context, threshold = 25, maxMs = 240000) {
  const started = Date.now();
  while (Date.now() - started < maxMs) {
    const meter = context.cpuMeter().start();
    await new Promise((r) => setTimeout(r, 3000));
    const usage = meter.stop();
    const cpu = Object.entries(usage)
      .filter(([name]) => name !== "reference peer" && name !== "load-generator (node)")
      .reduce((sum, [, percent]) => sum + percent, 0);
    if (cpu <= threshold) return { cpu, seconds: Math.round((Date.now() - started) / 1000) };
  }
  return null;
}

function environment(processes) {
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0] ? os.cpus()[0].model : "unknown",
    totalMemoryBytes: os.totalmem(),
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    node: process.version,
    commit: `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? " (with local changes)" : ""}`,
    processes,
  };
}

/** The storage benchmark is Java (the reactive driver, chat-service's own MessageStore): run its jar per preload size. */
async function storageScenario(options, context) {
  const jar = path.join(REPO, "benchmarks", "target", "benchmarks-0.1.0-SNAPSHOT.jar");
  if (!fs.existsSync(jar)) throw new Error(`${jar} is missing: build it with mvn -B -q -pl benchmarks -am package -DskipTests`);
  const runs = [];
  for (const preload of options.storagePreload) {
    context.log(`storage: ${options.storageRate} inserts/s, ${options.storageSeconds}s per path, collections preloaded with ${preload} messages, against ${options.mongoUri}`);
    runs.push(await storageRun(jar, preload, options, context));
  }
  return { runs };
}

function storageRun(jar, preload, options, context) {
  const out = path.join(options.out, `storage-${context.runId}-${preload}.tmp`);
  return new Promise((resolve, reject) => {
    const child = spawn("java", ["-XX:+UseSerialGC", "-Xmx256m", "-jar", jar, "--mongo-uri", options.mongoUri,
      "--rate", String(options.storageRate), "--seconds", String(options.storageSeconds), "--rounds", "2",
      "--preload", String(preload), "--out", out],
    { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) {
        reject(new Error(`storage benchmark exited ${code}: ${stderr.split("\n").filter((l) => /Exception|Error|usage/.test(l)).slice(0, 5).join(" | ")}`));
        return;
      }
      const result = JSON.parse(fs.readFileSync(out, "utf8"));
      fs.unlinkSync(out);
      resolve(result);
    });
  });
}

/** Runs a fan-out scenario and closes its sockets; the report keeps the figures only. */
async function measured(scenario) {
  const result = await scenario();
  result.close();
  delete result.close;
  delete result.pairs;
  return result;
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    console.error(usage());
    process.exit(2);
  }
  if (options.help) {
    console.log(usage());
    return;
  }
  fs.mkdirSync(options.out, { recursive: true });
  const startedAt = new Date();
  const runId = `b${startedAt.getTime().toString(36)}`;
  const stack = new Stack(options.gateway);
  const ready = await call(options.gateway, "GET", "/actuator/health/readiness").catch((e) => ({ status: 0, body: e.message }));
  if (ready.status !== 200) {
    console.error(`The gateway at ${options.gateway} is not ready (${ready.status} ${JSON.stringify(ready.body)}). `
      + "Start the stack (scripts/dev-stack --chat=2 --session=2) or run scripts/benchmark --start-stack.");
    process.exit(1);
  }
  // the reference peer runs beside the stack, on the same Kafka and Mongo, for the fan-out, idle, pair-setup and polling comparisons
  const peer = options.peer && (options.scenarios.includes("fanout") || options.scenarios.includes("pairsetup")
    || options.scenarios.includes("idle")
    || (options.scenarios.includes("polling") && !options.pollingPeer))
    ? await startPeer({ port: options.peerPort, mongoUri: options.mongoUri, kafka: options.kafka })
    : null;
  const processPorts = peer ? [...options.processPorts, ["reference peer", options.peerPort]] : options.processPorts;
  // no jcmd on the peer: it attaches with SIGQUIT, which ends a Node process
  const processes = procs.stackProcesses(processPorts)
    .map((p) => ({ ...p, jvmFlags: p.name === "reference peer" ? null : procs.jvmFlags(p.pid) }));
  const context = {
    runId,
    log,
    cpuMeter: () => new procs.CpuMeter(processes),
    processes,
    peerUrl: peer ? peer.url : null,
    peerPid: peer ? peer.pid : null,
    peerExited: peer ? peer.exited : () => null,
  };
  const report = { startedAt: startedAt.toISOString(), options, notes: options.notes || null, environment: environment(processes), results: {} };
  const scenarios = {
    gateway: () => gatewayOverheadScenario(stack, options, context),
    storage: () => storageScenario(options, context),
    session: () => sessionFlowScenario(stack, options, context),
    fanout: async () => {
      if (peer) {
        // the peer first: its points run on a machine our overloaded points have not left busy; but not before the
        // stack's JVMs have finished starting (JIT compilation of seven JVMs took the peer's cores in earlier runs)
        const settled = await waitForQuietStack(context);
        log(settled === null ? "the stack never went quiet; measuring the peer anyway"
          : `the stack is quiet (${settled.cpu}% of a core) after ${settled.seconds}s; measuring the peer`);
        report.results.peerFanout = await measured(() => peerFanOutScenario(peer.url, options, context))
          .catch((e) => {
            const gone = peer.exited();
            log(`peer fan-out failed: ${e.stack || e}${gone ? `; the peer ${gone}` : ""}`);
            return { error: `${String(e.message || e)}${gone ? `; the peer ${gone}` : ""}` };
          });
      }
      const result = await measured(() => fanOutScenario(stack, options, context));
      if (peer && !report.results.peerFanout.error) report.comparison = compareFanOut(result, report.results.peerFanout);
      return result;
    },
    idle: () => idleScenario(stack, options, context),
    // the peer this run started, unless --polling-peer names another one
    polling: () => pollingScenario(stack, { ...options, pollingPeer: options.pollingPeer || (peer ? peer.url : null) }, context),
    pairsetup: () => pairSetupScenario(stack, options, context),
    churn: () => churnScenario(stack, options, context),
    idlecpu: () => idleCpuScenario(options, context),
  };
  // least disturbing first (idle CPU on a stack nothing has run on yet); the fan-out last, as its overloaded points
  // can leave a chat instance slow or dead
  for (const name of ["idlecpu", "gateway", "storage", "session", "idle", "polling", "pairsetup", "churn", "fanout"]) {
    if (!options.scenarios.includes(name)) continue;
    try {
      report.results[name] = await scenarios[name]();
    } catch (e) {
      log(`${name} failed: ${e.stack || e}`);
      report.results[name] = { error: String(e.message || e) };
    }
  }
  if (peer) await peer.stop();
  report.durationSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const stamp = startedAt.toISOString().replace(/[:]/g, "-").replace(/\.\d+Z$/, "Z");
  const base = path.join(options.out, stamp);
  fs.writeFileSync(`${base}.json`, JSON.stringify(report, null, 2));
  fs.writeFileSync(`${base}.md`, markdown(report));
  log(`report: ${path.relative(process.cwd(), base)}.json and .md`);
  const failed = Object.entries(report.results).filter(([, r]) => r.error).map(([n]) => n);
  process.exit(failed.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e.stack || e);
  process.exit(1);
});
