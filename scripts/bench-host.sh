#!/usr/bin/env bash
# Host throughput target: posterm-host serving 100 concurrent terminal connections over loopback,
# every authorisation with a PIN block (host decrypts and checks it) and a MAC (host verifies it,
# MACs its answer), the ledger written to a file. Target: >= 5,000 authorisations/s, p99 <= 20 ms.
# Runs twice: open loop above the target rate (latency at 6,000/s), then closed loop (capacity: each
# terminal sends its next sale as soon as the answer arrives).
# Usage: scripts/bench-host.sh [CONNECTIONS] [SECONDS] [RATE]
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS="${1:-100}"
SECONDS_MEASURED="${2:-10}"
RATE="${3:-6000}"
PORT="${BENCH_HOST_PORT:-5810}"
swift build -c release --product posterm-host >/dev/null
swift build -c release --product posterm-hostload >/dev/null
BIN="$(swift build -c release --show-bin-path)"
WORK="$(mktemp -d)"
"$BIN/posterm-host" --listen "127.0.0.1:$PORT" --ledger "$WORK/ledger.jsonl" >"$WORK/host.log" 2>&1 &
HOST_PID=$!
trap 'kill "$HOST_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
# Wait for the listener (the host logs "listening" once bound).
for _ in $(seq 1 100); do
  grep -q listening "$WORK/host.log" && break
  sleep 0.1
done
"$BIN/posterm-hostload" --connect "127.0.0.1:$PORT" --connections "$CONNECTIONS" --duration "$SECONDS_MEASURED" --warmup 2 --rate "$RATE" --first-terminal 0
"$BIN/posterm-hostload" --connect "127.0.0.1:$PORT" --connections "$CONNECTIONS" --duration "$SECONDS_MEASURED" --warmup 2 --first-terminal 10000
echo "ledger lines: $(wc -l <"$WORK/ledger.jsonl")"
