"use strict";

const path = require("node:path");

const SCENARIOS = ["fanout", "idle", "session", "gateway", "storage", "polling", "pairsetup", "churn", "idlecpu"];

const DEFAULTS = {
  gateway: "http://localhost:8080",
  presenceUrl: "http://localhost:8081",
  idleUrl: "http://localhost:8083",
  mongoUri: "mongodb://localhost:27017",
  kafka: "localhost:9092",
  peer: true,
  peerPort: 3100,
  scenarios: SCENARIOS,
  sockets: 1000,
  rates: [500, 2000],
  durationSeconds: 30,
  saturation: true,
  saturationStart: 100,
  saturationMax: 16000,
  saturationSteps: 7,
  saturationSeconds: 10,
  warmupSeconds: 5,
  thresholdMs: 50,
  overloadFactor: 4,
  overloadSeconds: 30,
  idleLevels: [1000, 5000, 10000],
  idleConnectConcurrency: 100,
  idleSettleMs: 5000,
  sessionConcurrency: 20,
  sessionSeconds: 30,
  sessionWarmupSeconds: 30,
  eventTimeoutMs: 10000,
  idleCpuSessions: 10000,
  idleCpuMessages: 100000,
  idleCpuSettleSeconds: 30,
  idleCpuSeconds: 60,
  benchJar: path.resolve(__dirname, "..", "..", "target", "benchmarks-0.1.0-SNAPSHOT.jar"),
  gatewayConcurrency: 16,
  gatewaySeconds: 20,
  gatewayRounds: 4,
  storageRate: 100,
  storageSeconds: 20,
  storagePreload: [0, 20000],
  pollingSockets: 100,
  pollingRates: [10, 50, 100],
  pollingSeconds: 30,
  pollingWarmupSeconds: 300,
  pollingPeer: null,
  setupPairs: 500,
  setupConcurrency: 24,
  setupWarmupRounds: 1,
  churnSockets: 10000,
  churnListSockets: 50,
  churnDeltaSockets: 100,
  churnAstrologers: 1000,
  churnRate: 50,
  churnSeconds: 60,
  churnWarmupSeconds: 240,
  churnMessageRate: 200,
  churnPairs: 50,
  churnPairPresence: "list",
  churnUrls: ["http://localhost:8083", "http://localhost:8093"],
  churnSettleMs: 3000,
  out: path.resolve(__dirname, "..", "..", "reports"),
  processPorts: [["gateway", 8080], ["presence", 8081], ["session", 8082], ["session-2", 8092], ["chat", 8083],
    ["chat-2", 8093], ["token", 8084], ["launcher (kafka, mongo, issuer)", 27017]],
  notes: null,
};

// a run of about two minutes that still touches every path: for trying the tool and for the smoke test
const QUICK = {
  sockets: 100,
  rates: [100, 200],
  durationSeconds: 5,
  saturationStart: 200,
  saturationSteps: 3,
  saturationSeconds: 4,
  overloadSeconds: 5,
  idleLevels: [200, 500],
  idleSettleMs: 1000,
  sessionConcurrency: 4,
  sessionSeconds: 8,
  sessionWarmupSeconds: 0,
  gatewaySeconds: 4,
  gatewayRounds: 2,
  idleCpuSessions: 1000,
  idleCpuMessages: 10000,
  idleCpuSettleSeconds: 5,
  idleCpuSeconds: 10,
  storageRate: 100,
  storageSeconds: 4,
  storagePreload: [0, 2000],
  pollingSeconds: 5,
  pollingWarmupSeconds: 5,
  setupPairs: 50,
  setupWarmupRounds: 0,
  churnSockets: 500,
  churnListSockets: 100,
  churnDeltaSockets: 100,
  churnAstrologers: 100,
  churnRate: 20,
  churnSeconds: 10,
  churnWarmupSeconds: 0,
  churnMessageRate: 50,
  churnPairs: 10,
};

const FLAGS = {
  "--gateway": ["gateway", String],
  "--presence-url": ["presenceUrl", String],
  "--idle-url": ["idleUrl", String],
  "--mongo-uri": ["mongoUri", String],
  "--kafka": ["kafka", String],
  "--peer-port": ["peerPort", positiveInt],
  "--scenarios": ["scenarios", (v) => {
    const list = v.split(",").map((s) => s.trim()).filter(Boolean);
    const unknown = list.filter((s) => !SCENARIOS.includes(s));
    if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(", ")}; known: ${SCENARIOS.join(", ")}`);
    return list;
  }],
  "--sockets": ["sockets", positiveInt],
  "--rates": ["rates", intList],
  "--duration": ["durationSeconds", positiveNumber],
  "--saturation-start": ["saturationStart", positiveInt],
  "--saturation-max": ["saturationMax", positiveInt],
  "--saturation-steps": ["saturationSteps", positiveInt],
  "--saturation-duration": ["saturationSeconds", positiveNumber],
  "--warmup": ["warmupSeconds", positiveNumber],
  "--threshold-ms": ["thresholdMs", positiveNumber],
  "--overload-factor": ["overloadFactor", nonNegativeNumber],
  "--overload-duration": ["overloadSeconds", positiveNumber],
  "--idle": ["idleLevels", intList],
  "--idle-settle-ms": ["idleSettleMs", positiveInt],
  "--session-concurrency": ["sessionConcurrency", positiveInt],
  "--session-duration": ["sessionSeconds", positiveNumber],
  "--session-warmup": ["sessionWarmupSeconds", nonNegativeInt],
  "--idle-cpu-sessions": ["idleCpuSessions", nonNegativeInt],
  "--idle-cpu-messages": ["idleCpuMessages", nonNegativeInt],
  "--idle-cpu-settle": ["idleCpuSettleSeconds", nonNegativeInt],
  "--idle-cpu-duration": ["idleCpuSeconds", positiveNumber],
  "--gateway-concurrency": ["gatewayConcurrency", positiveInt],
  "--gateway-duration": ["gatewaySeconds", positiveNumber],
  "--storage-rate": ["storageRate", positiveNumber],
  "--storage-duration": ["storageSeconds", positiveNumber],
  "--storage-preload": ["storagePreload", (v) => v.split(",").map((x) => {
    const n = Number(x.trim());
    if (!Number.isInteger(n) || n < 0) throw new Error(`expected whole numbers >= 0, got ${v}`);
    return n;
  })],
  "--polling-sockets": ["pollingSockets", positiveInt],
  "--polling-rates": ["pollingRates", intList],
  "--polling-duration": ["pollingSeconds", positiveNumber],
  "--polling-warmup": ["pollingWarmupSeconds", positiveNumber],
  "--polling-peer": ["pollingPeer", String],
  "--setup-pairs": ["setupPairs", positiveInt],
  "--setup-concurrency": ["setupConcurrency", positiveInt],
  "--setup-warmup": ["setupWarmupRounds", nonNegativeInt],
  "--churn-sockets": ["churnSockets", positiveInt],
  "--churn-list-sockets": ["churnListSockets", nonNegativeInt],
  "--churn-delta-sockets": ["churnDeltaSockets", nonNegativeInt],
  "--churn-astrologers": ["churnAstrologers", positiveInt],
  "--churn-rate": ["churnRate", positiveNumber],
  "--churn-duration": ["churnSeconds", positiveNumber],
  "--churn-warmup": ["churnWarmupSeconds", nonNegativeInt],
  "--churn-message-rate": ["churnMessageRate", positiveNumber],
  "--churn-pairs": ["churnPairs", positiveInt],
  "--churn-pair-presence": ["churnPairPresence", oneOf(["list", "deltas", "none"])],
  "--churn-urls": ["churnUrls", (v) => v.split(",").map((s) => s.trim()).filter(Boolean)],
  "--churn-settle-ms": ["churnSettleMs", nonNegativeInt],
  "--out": ["out", (v) => path.resolve(v)],
  "--notes": ["notes", String],
};

function positiveNumber(v) {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a positive number, got ${v}`);
  return n;
}

function positiveInt(v) {
  const n = positiveNumber(v);
  if (!Number.isInteger(n)) throw new Error(`expected a whole number, got ${v}`);
  return n;
}

function nonNegativeInt(v) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a whole number >= 0, got ${v}`);
  return n;
}

function nonNegativeNumber(v) {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`expected a number >= 0, got ${v}`);
  return n;
}

function oneOf(choices) {
  return (v) => {
    if (!choices.includes(v)) throw new Error(`expected one of ${choices.join(", ")}, got ${v}`);
    return v;
  };
}

function intList(v) {
  const list = v.split(",").map((s) => positiveInt(s.trim()));
  if (list.length === 0) throw new Error("expected a comma-separated list");
  return list;
}

/** Options from the command line (`--flag value` or `--flag=value`); --quick applies the small sizes first. */
function parseOptions(argv) {
  const options = { ...DEFAULTS };
  if (argv.includes("--quick")) Object.assign(options, QUICK);
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === "--quick") continue;
    if (arg === "--help" || arg === "-h") return { ...options, help: true };
    if (arg === "--no-saturation") {
      options.saturation = false;
      continue;
    }
    if (arg === "--no-peer") {
      options.peer = false;
      continue;
    }
    let value;
    if (arg.includes("=")) {
      [arg, value] = [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)];
    }
    const flag = FLAGS[arg];
    if (!flag) throw new Error(`unknown option ${arg}`);
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      value = argv[++i];
    }
    options[flag[0]] = flag[1](value);
  }
  if (options.sockets < 2 || options.sockets % 2 !== 0) throw new Error("--sockets must be an even number of at least 2");
  if (options.pollingSockets < 2 || options.pollingSockets % 2 !== 0) throw new Error("--polling-sockets must be an even number of at least 2");
  return options;
}

function usage() {
  return `usage: scripts/benchmark [--start-stack] [--quick] [options]
  --scenarios fanout,idle,session,gateway,storage,polling,pairsetup,churn,idlecpu   which parts to run (default: all)
  --gateway URL (${DEFAULTS.gateway})  --presence-url URL (${DEFAULTS.presenceUrl})  --idle-url URL (${DEFAULTS.idleUrl})
  --mongo-uri URI (${DEFAULTS.mongoUri})  --kafka HOST:PORT (${DEFAULTS.kafka})
  --no-peer     leave out the reference peer (benchmarks/reference-peer), which otherwise runs the fan-out too, on
                --peer-port (${DEFAULTS.peerPort}) against the same Mongo and Kafka, for the ratios in the report
  fan-out:  --sockets N (${DEFAULTS.sockets}) --rates R1,R2 (${DEFAULTS.rates}) --duration S (${DEFAULTS.durationSeconds})
            --no-saturation --saturation-start R (${DEFAULTS.saturationStart}) --saturation-max R (${DEFAULTS.saturationMax})
            --saturation-steps N (${DEFAULTS.saturationSteps}) --saturation-duration S (${DEFAULTS.saturationSeconds}) --threshold-ms MS (${DEFAULTS.thresholdMs})
            --warmup S (${DEFAULTS.warmupSeconds}): seconds at min(200, first rate) before anything is measured
            --overload-factor F (${DEFAULTS.overloadFactor}) --overload-duration S (${DEFAULTS.overloadSeconds}): after the
            saturation search, F × the saturation rate for S seconds, then the time until delivery is normal again (0: none)
  idle:     --idle K1,K2,K3 (${DEFAULTS.idleLevels}) --idle-settle-ms MS (${DEFAULTS.idleSettleMs})
  session:  --session-concurrency N (${DEFAULTS.sessionConcurrency}) --session-duration S (${DEFAULTS.sessionSeconds})
            --session-warmup S (${DEFAULTS.sessionWarmupSeconds}): the same flows first, not measured
  idlecpu:  --idle-cpu-sessions N (${DEFAULTS.idleCpuSessions}) --idle-cpu-messages M (${DEFAULTS.idleCpuMessages}): history seeded
            straight into Mongo (0: none); --idle-cpu-settle S (${DEFAULTS.idleCpuSettleSeconds}) --idle-cpu-duration S (${DEFAULTS.idleCpuSeconds})
  gateway:  --gateway-concurrency N (${DEFAULTS.gatewayConcurrency}) --gateway-duration S (${DEFAULTS.gatewaySeconds})
  storage:  --storage-rate R (${DEFAULTS.storageRate}) --storage-duration S (${DEFAULTS.storageSeconds})
            --storage-preload N1,N2 (${DEFAULTS.storagePreload}: messages of other sessions already in the collection)
  polling:  --polling-sockets N (${DEFAULTS.pollingSockets}) --polling-rates R1,R2,R3 (${DEFAULTS.pollingRates}) --polling-duration S (${DEFAULTS.pollingSeconds})
            --polling-warmup S (${DEFAULTS.pollingWarmupSeconds}): the measured rates in turn, not measured
            --polling-peer URL (default: the reference peer this run starts; without one, no ratios)
  pairsetup: --setup-pairs N (${DEFAULTS.setupPairs}) --setup-concurrency N (${DEFAULTS.setupConcurrency}); the reference peer does the same first
            --setup-warmup R (${DEFAULTS.setupWarmupRounds}): the whole setup R times first on each side, not measured, then closed and ended
  churn:    --churn-sockets N (${DEFAULTS.churnSockets}) --churn-list-sockets N (${DEFAULTS.churnListSockets}) --churn-delta-sockets N (${DEFAULTS.churnDeltaSockets})
            --churn-astrologers N (${DEFAULTS.churnAstrologers}) --churn-rate R (${DEFAULTS.churnRate} changes/s) --churn-duration S (${DEFAULTS.churnSeconds})
            --churn-message-rate R (${DEFAULTS.churnMessageRate}) --churn-pairs N (${DEFAULTS.churnPairs}) --churn-urls U1,U2 (${DEFAULTS.churnUrls})
            --churn-settle-ms MS (${DEFAULTS.churnSettleMs}): after the last change, before every socket's view is compared
            --churn-warmup S (${DEFAULTS.churnWarmupSeconds}): the same changes and messages for S seconds first, not measured
            --churn-pair-presence list|deltas|none (${DEFAULTS.churnPairPresence}): what the chat pairs' sockets ask for (list: seed clients)
  --out DIR (benchmarks/reports)  --notes TEXT (copied into the report)
  --quick   small sizes (100 sockets, 100 and 200 msg/s, 500 idle sockets...): about two minutes`;
}

module.exports = { parseOptions, usage, DEFAULTS, QUICK, SCENARIOS };
