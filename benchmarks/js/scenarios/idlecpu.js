"use strict";

const path = require("node:path");
const { spawn } = require("node:child_process");
const { sleep } = require("../lib/api");

/**
 * What the whole stack costs doing nothing, after a long history: the history (ended, fully announced sessions
 * and their messages) is written straight into the services' databases by the benchmarks jar's HistorySeeder,
 * then, after a settle time, the CPU of every stack process is sampled from /proc over the window. Nothing in the
 * history is due, so every percent is periodic work (sweeps, heartbeats, polls) and grows with the history only if
 * that work scans it.
 */
async function idleCpuScenario(options, context) {
  const { log } = context;
  let seeded = null;
  if (options.idleCpuSessions > 0) {
    log(`idle CPU: seeding ${options.idleCpuSessions} ended sessions and ${options.idleCpuMessages} messages into ${options.mongoUri}`);
    seeded = await seedHistory(options, context);
  }
  log(`idle CPU: settling ${options.idleCpuSettleSeconds}s, then sampling every stack process for ${options.idleCpuSeconds}s`);
  await sleep(options.idleCpuSettleSeconds * 1000);
  const meter = context.cpuMeter().start();
  await sleep(options.idleCpuSeconds * 1000);
  const cpuPercent = meter.stop();
  return {
    setup: {
      history: seeded,
      settleSeconds: options.idleCpuSettleSeconds,
      windowSeconds: options.idleCpuSeconds,
      method: "no traffic; CPU (user + system) of each process from /proc/<pid>/stat over the window, % of one core",
    },
    cpuPercent,
    stackTotalPercent: stackTotal(cpuPercent),
  };
}

/** The stack's total, % of one core: every measured process except the load generator itself. */
function stackTotal(cpuPercent) {
  return Object.entries(cpuPercent)
    .filter(([name]) => !name.startsWith("load-generator"))
    .reduce((sum, [, pct]) => Math.round((sum + pct) * 10) / 10, 0);
}

/** The seeder runs from the benchmarks jar (a Spring Boot jar: PropertiesLauncher picks the main class). */
function seederCommand(options, prefix) {
  return ["-XX:+UseSerialGC", "-Xmx256m", "-cp", options.benchJar,
    "-Dloader.main=com.astro.bench.idle.HistorySeeder", "org.springframework.boot.loader.launch.PropertiesLauncher",
    "--mongo-uri", options.mongoUri, "--sessions", String(options.idleCpuSessions),
    "--messages", String(options.idleCpuMessages), "--prefix", prefix];
}

function seedHistory(options, context) {
  return new Promise((resolve, reject) => {
    const child = spawn("java", seederCommand(options, `${context.runId}h`), { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) {
        reject(new Error(`history seeder exited ${code}: ${stderr.split("\n").filter((l) => /Exception|Error/.test(l)).slice(0, 3).join(" | ")}`));
        return;
      }
      resolve(JSON.parse(line));
    });
  });
}

module.exports = { idleCpuScenario, stackTotal, seederCommand, DEFAULT_JAR: path.resolve(__dirname, "..", "..", "target", "benchmarks-0.1.0-SNAPSHOT.jar") };
