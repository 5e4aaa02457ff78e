"use strict";

const { ratio } = require("./stats");
const { pairSetupSection } = require("../scenarios/pairsetup");
const { churnSection } = require("../scenarios/churn");

const fmt = (v, unit = "") => (v === null || v === undefined ? "–" : `${typeof v === "number" ? v.toLocaleString("en-US") : v}${unit}`);
const mib = (bytes) => (bytes === null || bytes === undefined ? "–" : (bytes / 1048576).toFixed(1));

function table(headers, rows) {
  const lines = [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.map((c) => fmt(c)).join(" | ")} |`);
  return lines.join("\n");
}

function cpuLine(cpu) {
  if (!cpu) return "";
  return Object.entries(cpu).sort((a, b) => b[1] - a[1]).map(([name, pct]) => `${name} ${pct}%`).join(", ");
}

/** A point's latency split by whether the receiver is on the sender's chat instance. */
function instanceSplit(p) {
  return `same instance p50/p99 ${fmt(p.latencySameInstance.p50)}/${fmt(p.latencySameInstance.p99)} ms `
    + `(${p.latencySameInstance.count} messages), cross instance ${fmt(p.latencyCrossInstance.p50)}/${fmt(p.latencyCrossInstance.p99)} ms `
    + `(${p.latencyCrossInstance.count})`;
}

function latencyRow(label, s) {
  return [label, s.count, s.p50, s.p90, s.p99, s.p999, s.max];
}

function fanOutSection(f, title = "## 1. Chat fan-out") {
  const out = [title, ""];
  const s = f.setup;
  out.push(`Setup: ${s.sockets} sockets (${s.activeSessions} active sessions of two, created through the REST API before any socket connects), `
    + `transport ${s.transport}, path ${s.path}. Chat instances: ${s.chatInstances.join(", ")}; `
    + `${s.pairsOnOneInstance} pairs on one instance, ${s.pairsAcrossInstances} across instances. `
    + `Senders: ${s.senders}. Setup took ${s.setupSeconds}s (REST phase ${fmt(s.setupRestSeconds)}s, then sockets)${s.setupFailures ? ` (${s.setupFailures} pairs failed to set up and were left out: ${s.setupFailureExamples.join("; ")})` : ""}. Latency is measured from each message's scheduled `
    + "send time (open loop) to its arrival at the other participant's socket; milliseconds.", "");
  const rows = [];
  for (const p of f.points) {
    rows.push([`${p.offeredRate} msg/s`, p.durationSeconds, p.sent, p.lost, p.duplicates, p.latency.p50, p.latency.p90,
      p.latency.p99, p.latency.p999, p.latency.max, p.latencySameInstance.p99, p.latencyCrossInstance.p99,
      p.ackLatency.p99, p.generatorSendLag.p99]);
  }
  out.push(table(["offered rate", "s", "sent", "lost", "dup", "p50", "p90", "p99", "p99.9", "max",
    "p99 same inst.", "p99 cross inst.", "ack p99", "generator lag p99"], rows), "");
  for (const p of f.points) {
    out.push(`- ${p.offeredRate} msg/s: ${instanceSplit(p)}; not delivered ${p.lost}: ${fmt(p.lostAfterStoredAck)} acknowledged as stored but never delivered, `
      + `${fmt(p.refusedByServer)} refused by the server, ${fmt(p.unacknowledged)} never acknowledged; cross/same p50 ratio ${fmt(ratio(p.latencyCrossInstance.p50, p.latencySameInstance.p50))}; `
      + `echo to sender p50 ${fmt(p.echoLatency.p50)} ms (${p.echoReceived} echoes); ack errors ${p.ackErrors}`
      + `${p.overloaded ? "; OVERLOADED (sending stopped: a message waited more than 3 s)" : ""}`
      + `${p.recoverySeconds !== undefined && p.recoverySeconds !== null ? `; the stack was quiet again ${p.recoverySeconds}s after the point` : ""}`
      + `${p.otherEventsReceived && Object.keys(p.otherEventsReceived).length ? `; other events pushed meanwhile: ${JSON.stringify(p.otherEventsReceived)}` : ""}`
      + `. CPU (% of one core): ${cpuLine(p.cpuPercent)}.`);
  }
  if (f.points.length >= 2) {
    const [a, b] = [f.points[0], f.points[f.points.length - 1]];
    out.push(`- p99 at ${b.offeredRate} vs ${a.offeredRate} msg/s: ×${fmt(ratio(b.latency.p99, a.latency.p99))}; `
      + `p50 ×${fmt(ratio(b.latency.p50, a.latency.p50))}.`);
  }
  out.push("");
  if (f.saturation) {
    const sat = f.saturation;
    out.push(`**Saturation** (highest rate with p99 ≤ ${sat.thresholdMs} ms and nothing lost, across ${s.sockets} sockets): `
      + `**${fmt(sat.saturationRate)} msg/s**${sat.reachedMaxRate ? " (the search's upper bound; not saturated)" : `; first failing rate ${fmt(sat.firstFailingRate)} msg/s`}.`, "");
    out.push(table(["step rate (msg/s)", "p99 (ms)", "lost", "overloaded", "passed"],
      sat.steps.map((st) => [st.rate, st.p99, st.lost, st.overloaded ? "yes" : "no", st.passed ? "yes" : "no"])), "");
  }
  if (f.overload) out.push(overloadParagraph(f.overload), "");
  return out.join("\n");
}

/** How long after the overload delivery was normal again (the overload point probes for up to 180 s). */
function backToNormal(seconds) {
  return seconds === null || seconds === undefined ? "not within 180 s" : `after ${seconds} s`;
}

/** Issue 12's overload target: nobody dies, every message is stored or refused, normal within 10 s. */
function overloadParagraph(o) {
  const stored = o.sent - o.refusedByServer - o.unacknowledged;
  const codes = Object.entries(o.refusalCodes || {}).map(([code, n]) => `${code} ${n}`).join(", ");
  return `**Overload**: ${fmt(o.offeredRate)} msg/s (${o.factor}× the saturation rate of ${fmt(o.saturationRate)}) for `
    + `${o.durationSeconds} s, sending whatever the server answered: ${fmt(o.sent)} sent, ${fmt(stored)} acknowledged as stored, `
    + `${fmt(o.refusedByServer)} refused with an error ack${codes ? ` (${codes})` : ""}, **${fmt(o.unacknowledged)} never answered**; `
    + `**${fmt(o.lostAfterStoredAck)} acknowledged as stored but never delivered**, ${fmt(o.duplicates)} duplicated. `
    + `Stack processes dead afterwards: **${o.processesDead && o.processesDead.length ? o.processesDead.join(", ") : "none"}**. `
    + `Back to normal (three rounds in a row of a same- and a cross-instance message delivered within the threshold): `
    + `**${backToNormal(o.normalAfterSeconds)}**, counted from the end of sending (target ≤ 10 s). `
    + `Latency of what was delivered: p50 ${fmt(o.latency.p50)}, p99 ${fmt(o.latency.p99)}, max ${fmt(o.latency.max)} ms. `
    + `CPU (% of one core): ${cpuLine(o.cpuPercent)}.`;
}

function peerFanOutSection(f) {
  return fanOutSection(f, "## 1b. The reference peer's fan-out (same run, same Kafka and Mongo)");
}

/** Ours against the reference peer: the ratios issue 12's targets are stated in. */
function comparisonSection(c) {
  const out = ["## Against the reference peer", ""];
  const s = c.saturation;
  out.push(`Saturation (p99 ≤ 50 ms, nothing lost): ours **${fmt(s.ours)} msg/s**, the peer's **${fmt(s.peer)} msg/s**`
    + `${s.peerReachedMaxRate ? " (the search's upper bound)" : ""}: **×${fmt(s.ratio)}** (target ≥ ×1.5).`, "");
  if (c.points.length) {
    out.push(table(["rate (msg/s)", "ours p50", "peer p50", "p50 ×", "ours p99", "peer p99", "p99 ×", "ours lost", "peer lost"],
      c.points.map((p) => [p.rate, p.ours.p50, p.peer.p50, p.p50Ratio, p.ours.p99, p.peer.p99, p.p99Ratio,
        `${p.ours.lost}${p.ours.overloaded ? " (overloaded)" : ""}`, `${p.peer.lost}${p.peer.overloaded ? " (overloaded)" : ""}`])), "");
    const at500 = c.points.find((p) => p.rate === 500);
    if (at500) {
      out.push(`At 500 msg/s: p50 ${fmt(at500.ours.p50)} ms (target ≤ 2 ms), p99 ${fmt(at500.ours.p99)} ms against the peer's `
        + `${fmt(at500.peer.p99)} ms (target ≤ the peer's).`, "");
    }
  }
  if (c.crossInstance && c.crossInstance.length) {
    out.push("A receiver on another chat instance (target: p99 at most the same-instance p99 + 5 ms): "
      + c.crossInstance.map((x) => `${x.rate} msg/s ${x.extraMs === null ? "–" : `${x.extraMs >= 0 ? "+" : ""}${fmt(x.extraMs)} ms`}`
        + ` (${fmt(x.crossP99)} against ${fmt(x.sameP99)})`).join("; ") + ".", "");
  }
  if (c.overload) {
    const o = c.overload;
    out.push(`Overload, ${fmt(o.rate)} msg/s (${o.factor}× our saturation) for the whole point: ${fmt(o.unanswered)} never answered, `
      + `${fmt(o.storedNotDelivered)} stored but not delivered, dead processes: ${o.dead.length ? o.dead.join(", ") : "none"}, `
      + `normal again ${backToNormal(o.normalAfterSeconds)} (targets 0, 0, none, ≤ 10 s).`, "");
  }
  return out.join("\n");
}

function idleSection(i) {
  const out = ["## 2. Idle connections", ""];
  out.push(`Setup: ${i.setup.target}; pid ${i.setup.pid}; JVM flags \`${i.setup.jvmFlags || "?"}\`. ${i.setup.method}.`, "");
  out.push(`Baseline: RSS ${mib(i.baseline.rssBytes)} MiB, heap used ${mib(i.baseline.heapUsedBytes)} MiB `
    + `(committed ${mib(i.baseline.heapCommittedBytes)} MiB), ${fmt(i.baseline.openFds)} open fds.`, "");
  out.push(table(["sockets", "connected", "connect rate (/s)", "RSS MiB", "RSS bytes/conn", "heap used MiB", "heap bytes/conn", "heap committed MiB", "fds"],
    i.levels.map((l) => [l.sockets, l.stillConnected, l.connectsPerSecond, mib(l.rssBytes), l.rssBytesPerConnection,
      mib(l.heapUsedBytes), l.heapBytesPerConnection, mib(l.heapCommittedBytes), l.openFds])), "");
  if (i.heapByClass && i.heapByClass.length) {
    out.push(`Live heap growth per connection by class at ${i.levels[i.levels.length - 1].sockets} sockets (\`jcmd GC.class_histogram\`, top ${i.heapByClass.length}):`, "");
    out.push(table(["class", "instances/conn", "bytes/conn"], i.heapByClass.map((r) => [`\`${r.class}\``, r.instancesPerConnection, r.bytesPerConnection])), "");
  }
  out.push(`After closing them all: RSS ${mib(i.afterClose.rssBytes)} MiB, heap used ${mib(i.afterClose.heapUsedBytes)} MiB, `
    + `${fmt(i.afterClose.openFds)} fds.${i.failure ? ` Failure: ${i.failure}.` : ""}`, "");
  if (i.peer) {
    out.push(`The reference peer (pid ${i.peer.pid}, same client, its sockets closed before ours opened): baseline RSS `
      + `${mib(i.peer.baseline.rssBytes)} MiB${i.peer.failure ? `; failure: ${i.peer.failure}` : ""}.`, "");
    out.push(table(["sockets", "RSS bytes/conn, chat-service", "RSS bytes/conn, peer", "ratio (target ≤ 1.5)"],
      i.comparison.map((c) => [c.sockets, c.ours, c.peer, c.ratio === null ? "–" : `×${c.ratio}`])), "");
  }
  return out.join("\n");
}

function sessionSection(s) {
  const out = ["## 3. Session flow", ""];
  out.push(`Setup: ${s.setup.concurrentPairs} concurrent user/astrologer pairs for ${s.setup.durationSeconds}s; ${s.setup.loop}; `
    + `${s.setup.path}. ${s.sessionsCompleted} sessions (${s.sessionsPerSecond}/s).`, "");
  out.push(table(["interval (ms)", "count", "p50", "p90", "p99", "p99.9", "max"], [
    latencyRow("POST start sent → astrologer's session:request", s.startToSessionRequest),
    latencyRow("POST accept sent → user's session:accepted", s.acceptToSessionAccepted),
    latencyRow("POST /api/sessions/start answer", s.startHttp),
    latencyRow("POST /api/sessions/accept answer", s.acceptHttp),
    ...(s.sessionRequestAfterStartAnswer ? [
      latencyRow("start answer → session:request (per session)", s.sessionRequestAfterStartAnswer),
      latencyRow("accept answer → session:accepted (per session)", s.sessionAcceptedAfterAcceptAnswer),
    ] : []),
  ]), "");
  out.push(`Notification after the HTTP answer, p50: request ×${fmt(ratio(s.startToSessionRequest.p50, s.startHttp.p50))} of the start call, `
    + `accepted ×${fmt(ratio(s.acceptToSessionAccepted.p50, s.acceptHttp.p50))} of the accept call (the notification includes the call). `
    + `Starts refused while the astrologer was still busy from the previous session: ${s.failures.startRefusedBusy}; `
    + `missing session:request ${s.failures.requestMissing}, missing session:accepted ${s.failures.acceptedMissing}`
    + `${s.failures.errors.length ? `; errors: ${s.failures.errors.join("; ")}` : ""}. CPU (% of one core): ${cpuLine(s.cpuPercent)}.`, "");
  return out.join("\n");
}

function idleCpuSection(c) {
  const out = ["## Idle CPU", ""];
  const h = c.setup.history;
  out.push(`Setup: ${h ? `${fmt(h.sessions)} ended sessions and ${fmt(h.messages)} messages written straight into the services' databases (${h.seconds}s)` : "no history seeded"}, `
    + `then ${c.setup.settleSeconds}s to settle and a ${c.setup.windowSeconds}s window; ${c.setup.method}.`, "");
  out.push(`**Whole stack: ${fmt(c.stackTotalPercent)}% of one core.** Per process: ${cpuLine(c.cpuPercent)}.`, "");
  return out.join("\n");
}

function gatewaySection(g) {
  const out = ["## 4. Gateway overhead", ""];
  out.push(`Setup: ${g.setup.call}; ${g.setup.loop}, concurrency ${g.setup.concurrency}, ${g.setup.rounds} alternating rounds, `
    + `${g.setup.secondsPerPath}s per path.`, "");
  out.push(table(["path", "requests", "errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms"], [
    ["direct to presence-service", g.direct.requests, g.direct.errors, g.direct.throughput, g.direct.latency.p50, g.direct.latency.p90, g.direct.latency.p99, g.direct.latency.max],
    ["through the gateway", g.viaGateway.requests, g.viaGateway.errors, g.viaGateway.throughput, g.viaGateway.latency.p50, g.viaGateway.latency.p90, g.viaGateway.latency.p99, g.viaGateway.latency.max],
  ]), "");
  out.push(`Throughput through the gateway / direct: **${fmt(g.throughputRatio)}**; p50 ×${fmt(g.latencyRatioP50)}; `
    + `added p50 ${fmt(g.addedP50Ms)} ms, added p99 ${fmt(g.addedP99Ms)} ms. CPU over both paths (% of one core): ${cpuLine(g.cpuPercentBothPaths)}.`, "");
  return out.join("\n");
}

function storageSection(storage) {
  const out = ["## 5. Storage", ""];
  for (const st of storage.runs || [storage]) {
    const s = st.setup;
    out.push(`### ${fmt(s.preloadedMessagesPerCollection || 0)} messages of other sessions already in each collection`, "");
    out.push(`Setup: ${s.ratePerSecond} inserts/s per path, ${s.secondsPerPath}s per path in ${s.rounds} alternating rounds, `
      + `${s.sessions} sessions, Mongo ${s.mongo} (database ${s.database}, dropped afterwards), ${s.cores} cores. ${s.method}.`, "");
    out.push(table(["path", "what it does", "completed", "errors", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"],
      Object.entries(st.paths).map(([name, p]) => [name, p.description, p.completed, p.errors, p.latency.p50, p.latency.p90, p.latency.p99, p.latency.p999, p.latency.max])), "");
    out.push(`Ratios: ${Object.entries(st.ratios).map(([k, v]) => `${k} ×${v}`).join("; ")}.`
      + `${st.overloaded && st.overloaded.length ? ` Overloaded: ${st.overloaded.join(", ")}.` : ""}`, "");
  }
  return out.join("\n");
}

function pollingSection(pl) {
  const out = ["## 6. Long-polling fan-out", ""];
  const s = pl.setup;
  out.push(`Setup: ${s.sockets} sockets (${s.activeSessions} sessions of two), transport ${s.transport}`
    + `${s.socketsNotOnPolling ? ` (${s.socketsNotOnPolling} sockets were not on polling)` : ""}, path ${s.path}; `
    + `${s.peer ? `reference peer ${s.peer}, measured at each rate just before astro-live` : "no reference peer given (--polling-peer)"}; `
    + `${s.secondsPerPoint}s per point, open loop, round robin over every socket. Latency from each message's scheduled send `
    + "to its arrival at the other participant; milliseconds. Target (issue 22): p50 and p99 at most 2× the peer's, 0 lost.", "");
  const row = (who, p) => [who, p.sent, p.lost, p.duplicates, p.latency.p50, p.latency.p90, p.latency.p99, p.latency.max];
  const rows = [];
  for (const pt of pl.points) {
    rows.push([`${pt.rate} msg/s`, ...row("astro-live", pt.stack), pt.p50Ratio, pt.p99Ratio,
      pt.meetsTarget === null ? "–" : pt.meetsTarget ? "yes" : "no"]);
    if (pt.peer) rows.push(["", ...row("peer", pt.peer), "", "", ""]);
  }
  out.push(table(["rate", "server", "sent", "lost", "dup", "p50", "p90", "p99", "max", "p50 / peer", "p99 / peer", "target met"], rows), "");
  for (const pt of pl.points) {
    out.push(`- ${pt.rate} msg/s CPU (% of one core): astro-live ${cpuLine(pt.stack.cpuPercent)}`
      + `${pt.peer ? `; peer point ${cpuLine(pt.peer.cpuPercent)}` : ""}.`);
  }
  out.push("");
  return out.join("\n");
}

/** The readable summary of a report. */
function markdown(report) {
  const e = report.environment;
  const out = [`# Benchmark report ${report.startedAt}`, ""];
  out.push(`Machine: ${e.cores} cores (${e.cpuModel}), ${mib(e.totalMemoryBytes)} MiB RAM, load average at start ${e.loadAverage.join(" / ")}; `
    + `Node ${e.node}; commit ${e.commit}. Everything on loopback; the load generator (one Node process) shares the `
    + "cores with the whole stack (gateway, services, the launcher's embedded Kafka and Mongo), so absolute times are "
    + "pessimistic and noisy: compare ratios within one run.", "");
  out.push(`Options: \`${JSON.stringify(report.options)}\``, "");
  if (e.processes && e.processes.length) {
    out.push("Stack processes: " + e.processes.map((p) => `${p.name} (pid ${p.pid}${p.jvmFlags ? `, \`${p.jvmFlags}\`` : ""})`).join("; ") + ".", "");
  }
  if (report.notes) out.push(`Notes: ${report.notes}`, "");
  if (report.comparison) out.push(comparisonSection(report.comparison));
  const sections = {
    fanout: fanOutSection, peerFanout: peerFanOutSection, idle: idleSection, session: sessionSection, gateway: gatewaySection, storage: storageSection,
    polling: pollingSection,
    pairsetup: (r) => pairSetupSection(r, { table, fmt, cpuLine }), churn: (r) => churnSection(r, { table, fmt, cpuLine, instanceSplit }),
    idlecpu: idleCpuSection,
  };
  for (const name of ["pairsetup", "churn", "fanout", "peerFanout", "idle", "session", "gateway", "storage", "polling", "idlecpu"]) {
    const result = report.results[name];
    if (!result) continue;
    if (result.error) {
      out.push(`## ${name}`, "", `Failed: ${result.error}`, "");
      continue;
    }
    out.push(sections[name](result));
  }
  out.push(`Total run time ${report.durationSeconds}s.`, "");
  return out.join("\n");
}

module.exports = { markdown, table, instanceSplit };
