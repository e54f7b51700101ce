#!/usr/bin/env bash
# What a province WISN run (POST /api/v1/staffing/runs) does to the other requests of the same
# SQLite server: a cheap request (/health/live) every 100 ms, first for 5 s with the server idle
# (the baseline), then while the run computes; prints the worst latency of each, their ratio, and
# every stretch over 300 ms the server's event loop was held (bench/event-loop-lag.cjs).
#
#   bench/wisn-event-loop.sh <seeded SQLite data dir> [checkout to run, default: this one]
#
# The data dir is copied first (e.g. the load rig's cache, /tmp/cadre-load-cache/full-…-sqlite,
# a demo province with a year of dossiers). Loopback only; stops its server.
set -euo pipefail
SRC=${1:?seeded SQLite data dir}
REPO=$(cd "${2:-$(dirname "$0")/..}" && pwd)
BENCH=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
cp "$SRC/cadre.db" "$SRC/secrets.json" "$WORK/"
cd "$REPO"
TOKEN=$(DATA_DIR=$WORK LOG_LEVEL=warn node bin/cadre.js token create --user analyst 2>/dev/null)
PORT=39$((RANDOM % 90 + 10))
DATA_DIR=$WORK PORT=$PORT HOST=127.0.0.1 LOG_LEVEL=warn REPORT_SCHEDULE=off LAG_LOG=$WORK/lag.log \
  NODE_OPTIONS="--require $BENCH/event-loop-lag.cjs" node bin/cadre.js serve >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
pings() { for _ in $(seq 1 "$1"); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT/health/live"; sleep 0.1; done; }
sleep 3
pings 50 >"$WORK/idle.txt"
: >"$WORK/lag.log"
pings 60 >"$WORK/busy.txt" &
PINGS=$!
curl -s -o /dev/null -w 'WISN run: HTTP %{http_code} in %{time_total} s\n' -X POST -H "authorization: Bearer $TOKEN" \
  -H 'content-type: application/json' -d '{}' "http://127.0.0.1:$PORT/api/v1/staffing/runs"
wait $PINGS
idle=$(sort -n "$WORK/idle.txt" | tail -1)
busy=$(sort -n "$WORK/busy.txt" | tail -1)
echo "worst /health/live: idle ${idle} s, during the run ${busy} s, ratio $(awk -v b="$busy" -v i="$idle" 'BEGIN { printf "%.1f", b / i }')"
echo "server event loop held > 300 ms during the run:"
grep 'serve' "$WORK/lag.log" || echo "  never"
