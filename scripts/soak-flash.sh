#!/usr/bin/env bash
# Power-cut soak: the journal harness's random runs (random geometry, granule, fill, cut style,
# nested cuts, reordered writes, unstable cells) for many seeds.
#   make soak-flash SEEDS=N [SEED=0x...]
# SEED is the base seed (printed); a failing run prints its own seed, which replays with
#   JOURNAL_SEED=<seed> JOURNAL_SOAK_SEEDS=1 swift test --filter PowerCutTests/randomSeeds
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS="${SEEDS:-2000}"
SEED="${SEED:-0x$(od -An -N8 -tx8 /dev/urandom | tr -d ' \n')}"
echo "soak-flash: ${SEEDS} seeds from base seed ${SEED}"
swift build --build-tests
JOURNAL_SOAK_SEEDS="$SEEDS" JOURNAL_SEED="$SEED" swift test --skip-build --filter "PowerCutTests/randomSeeds"
