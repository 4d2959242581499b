#!/usr/bin/env bash
# The benchmark command from a fresh clone: builds pkg/ (scripts/build-pkg.sh)
# and the release emulator, then runs bench/run.mjs, which prints the tables
# and writes bench/RESULTS.md and bench/ratios.svg.
# Installs what is missing first (scripts/setup.sh). Arguments and BENCH_SCALE pass through to run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-pkg.sh
cargo build --release -p secret-store-emulator
exec node bench/run.mjs "$@"
