#!/usr/bin/env bash
# `make bench`: every benchmark of the project, in release builds, one after another (they share
# the machine's two cores, so never in parallel). docs/performance.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
# The firmware as it ships: release, Swift runtime and Foundation linked statically (`make release`).
make --no-print-directory release >/dev/null
echo "== firmware: start-up to idle, control-protocol round trip, resident memory"
python3 scripts/bench-firmware.py .build-static/release/posterm
echo "== journal: durable commits, posterm-flash --sync vs SQLite WAL synchronous=FULL"
bash scripts/bench-journal-vs-sqlite.sh 5000
echo "== acquirer host: 100 connections, authorisations with PIN and MAC checks"
bash scripts/bench-host.sh
echo "== codec: 0200 pack+unpack vs pyiso8583"
python3 scripts/bench-codec-vs-pyiso8583.py
echo "== ordo-one/benchmark suites (codec, journal, security)"
(cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --no-progress)
