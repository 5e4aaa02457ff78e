"use strict";

const fs = require("node:fs");
const { execFileSync } = require("node:child_process");

/** Inodes of sockets listening on `port` (IPv4 and IPv6), from /proc/net/tcp*: state 0A is LISTEN. */
function listeningInodes(port, tables = ["/proc/net/tcp", "/proc/net/tcp6"], read = (f) => fs.readFileSync(f, "utf8")) {
  const inodes = new Set();
  for (const table of tables) {
    let text;
    try {
      text = read(table);
    } catch (e) {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = parseInt(cols[1].split(":").pop(), 16);
      if (localPort === port && cols[3] === "0A") inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** The pid of the process listening on a local TCP port, or null (needs read access to its /proc/<pid>/fd). */
function pidListeningOn(port) {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds;
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch (e) {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)]$/.exec(fs.readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(entry);
      } catch (e) {
        // the fd closed meanwhile
      }
    }
  }
  return null;
}

function rssBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : null;
}

function openFds(pid) {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch (e) {
    return null;
  }
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function jcmd(pid, ...command) {
  try {
    return execFileSync("jcmd", [String(pid), ...command], { encoding: "utf8", timeout: 60000, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    return null;
  }
}

/** Used and committed heap in bytes from `jcmd GC.heap_info` (Serial, Parallel and G1 layouts), or null. */
function parseHeapInfo(text) {
  if (!text) return null;
  let used = 0;
  let total = 0;
  let found = false;
  const re = /(?:generation|garbage-first heap|PSYoungGen|ParOldGen)\s+total (\d+)K, used (\d+)K/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * 1024;
    used += Number(m[2]) * 1024;
    found = true;
  }
  return found ? { usedBytes: used, committedBytes: total } : null;
}

/** Forces a full GC in a JVM (jcmd GC.run), then reads its heap; null fields when jcmd is unavailable. */
function gcAndHeap(pid) {
  const gc = jcmd(pid, "GC.run");
  return { gcForced: gc !== null, heap: parseHeapInfo(jcmd(pid, "GC.heap_info")) };
}

/** The JVM flags of a Java process; null for anything else (jcmd's attach signal, SIGQUIT, kills a Node process). */
function jvmFlags(pid) {
  if (!isJava(pid)) return null;
  const text = jcmd(pid, "VM.command_line");
  if (!text) return null;
  const m = /jvm_args:\s*(.*)/.exec(text);
  return m ? m[1].trim() : null;
}

function isJava(pid) {
  try {
    return /(^|\/)java$/.test(fs.readlinkSync(`/proc/${pid}/exe`));
  } catch (e) {
    return false;
  }
}

module.exports = { listeningInodes, pidListeningOn, rssBytes, openFds, cpuSeconds, parseHeapInfo, gcAndHeap, jvmFlags };

/**
 * CPU use of named processes over a window: start() then stop() gives, per name, the percentage of one core
 * used (100 = one full core), to one decimal (an idle process uses about 1 %, so whole percents hid the
 * differences). The load generator itself is included as "load-generator (node)".
 */
class CpuMeter {
  constructor(processes) {
    this.processes = processes.filter((p) => p.pid);
  }

  start() {
    this.t0 = process.hrtime.bigint();
    this.self0 = process.cpuUsage();
    this.before = this.processes.map((p) => safeCpu(p.pid));
    return this;
  }

  stop() {
    const seconds = Number(process.hrtime.bigint() - this.t0) / 1e9;
    const self = process.cpuUsage(this.self0);
    const result = {};
    this.processes.forEach((p, i) => {
      const after = safeCpu(p.pid);
      if (after !== null && this.before[i] !== null) result[p.name] = percent((after - this.before[i]) / seconds);
    });
    result["load-generator (node)"] = percent((self.user + self.system) / 1e6 / seconds);
    return result;
  }
}

/** Core-seconds per second as a percentage of one core, to one decimal. */
function percent(coresBusy) {
  return Math.round(coresBusy * 1000) / 10;
}

/** Whether a process of that id still exists (signal 0 checks without signalling). */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

function safeCpu(pid) {
  try {
    return cpuSeconds(pid);
  } catch (e) {
    return null;
  }
}

/** The stack's processes found by their listening ports (the launcher holds Kafka, Mongo and the issuer). */
function stackProcesses(ports) {
  const seen = new Map();
  for (const [name, port] of ports) {
    const pid = pidListeningOn(port);
    if (pid && !seen.has(pid)) seen.set(pid, name);
    else if (pid) seen.set(pid, `${seen.get(pid)}+${name}`);
  }
  return [...seen.entries()].map(([pid, name]) => ({ pid, name }));
}

module.exports.CpuMeter = CpuMeter;
module.exports.isAlive = isAlive;
module.exports.stackProcesses = stackProcesses;

/** Live objects per class from `jcmd GC.class_histogram` (which forces a full GC): name -> { instances, bytes }. */
function parseClassHistogram(text) {
  const classes = new Map();
  if (!text) return classes;
  for (const line of text.split("\n")) {
    const m = /^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)/.exec(line);
    if (m) classes.set(m[3], { instances: Number(m[1]), bytes: Number(m[2]) });
  }
  return classes;
}

function classHistogram(pid) {
  return parseClassHistogram(jcmd(pid, "GC.class_histogram"));
}

/** The classes whose live bytes grew most between two histograms, per connection when `per` is given. */
function histogramGrowth(before, after, per = 1, top = 12) {
  const rows = [];
  for (const [name, a] of after) {
    const b = before.get(name) || { instances: 0, bytes: 0 };
    rows.push({ class: name, instancesPerConnection: Math.round(((a.instances - b.instances) / per) * 100) / 100,
      bytesPerConnection: Math.round((a.bytes - b.bytes) / per) });
  }
  return rows.sort((x, y) => y.bytesPerConnection - x.bytesPerConnection).slice(0, top);
}

module.exports.parseClassHistogram = parseClassHistogram;
module.exports.classHistogram = classHistogram;
module.exports.histogramGrowth = histogramGrowth;
