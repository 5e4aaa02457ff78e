#!/usr/bin/env bash
# Starts the conformance fixture (one JVM, production heartbeat timings so idle connections stay idle), then runs
# measure.js: RSS and live heap for CONNECTIONS idle WebSocket connections, and the acked-event round trip.
# Usage: socketio/src/test/js/measure.sh   (env CONNECTIONS=5000 ROUND_TRIPS=2000 PORT=3900 JAVA_OPTS=...)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
port="${PORT:-3900}"
log="$(mktemp)"
PORT="$port" PING_INTERVAL=25000 PING_TIMEOUT=20000 "$root/scripts/socketio-fixture" >"$log" 2>&1 &
launcher=$!
trap 'kill $launcher 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q ready "$log" && break; sleep 0.5; done
grep -q ready "$log" || { cat "$log"; exit 1; }
echo "server: java $(java -version 2>&1 | head -1), JAVA_OPTS='${JAVA_OPTS:-}' (fixture defaults: -Xss512k -XX:+UseSerialGC)"
URL="http://localhost:$port" SERVER_PID="$launcher" NODE_PATH="$root/node/node_modules" node "$root/socketio/src/test/js/measure.js"
