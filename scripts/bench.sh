#!/usr/bin/env bash
# `make bench`: every benchmark of the project, in release builds. Results are printed; the
# figures in docs/performance.md were recorded from this output.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product posterm
bin=$(swift build -c release --show-bin-path)
echo "== firmware: start-up, control round trip, memory"
python3 scripts/bench-firmware.py "$bin/posterm"
for extra in scripts/bench-*.sh; do
  [ "$extra" = "scripts/bench.sh" ] && continue
  echo "== $extra"
  bash "$extra"
done
if [ -d Benchmarks ] && grep -q executableTarget Benchmarks/Package.swift; then
  echo "== ordo-one/benchmark suites"
  (cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --no-progress)
fi
