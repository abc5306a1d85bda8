#!/usr/bin/env bash
# Durable commits per second, side by side in one run: posterm-flash bench --sync (file-backed
# image, fdatasync per commit) versus SQLite in WAL mode with synchronous=FULL committing the same
# 296-byte record one transaction at a time (python3's sqlite3 module).
#   scripts/bench-journal-vs-sqlite.sh [COMMITS] [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
COMMITS="${1:-5000}"
DIR="${2:-${TMPDIR:-/tmp}}"
swift build -c release --product posterm-flash >/dev/null
BIN="$(swift build -c release --show-bin-path)"
IMG="$DIR/posterm-bench-$$.img"
DB="$DIR/posterm-bench-$$.sqlite"
trap 'rm -f "$IMG" "$DB" "$DB-wal" "$DB-shm"' EXIT

journal_line="$("$BIN/posterm-flash" bench --image "$IMG" --commits "$COMMITS" --sync)"
echo "journal: $journal_line"
journal_rate="$(sed -E 's/.*: ([0-9]+) commits\/s.*/\1/' <<<"$journal_line")"

sqlite_rate="$(python3 - "$DB" "$COMMITS" <<'PY'
import os, sqlite3, sys, time
path, n = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE log (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
record = os.urandom(296)
start = time.perf_counter()
for i in range(n):
    db.execute("BEGIN")
    db.execute("INSERT INTO log (body) VALUES (?)", (record,))
    db.execute("COMMIT")
elapsed = time.perf_counter() - start
print(f"{n / elapsed:.0f}")
PY
)"
echo "sqlite (WAL, synchronous=FULL, sqlite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')): $COMMITS commits of a 296-byte record: $sqlite_rate commits/s"
python3 -c "print(f'ratio journal/sqlite: {$journal_rate / $sqlite_rate:.2f}')"
