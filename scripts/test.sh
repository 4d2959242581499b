#!/usr/bin/env bash
# The test command: installs what is missing, then runs every suite.
#   1. host: the workflows (actionlint), formatting, lints, `cargo test`
#      (the rule, params, form, JSON, errors, retries; the emulator's HTTP
#      suite)
#   2. builds pkg/ (with the testing engine) and the emulator
#   3. browser: `wasm-pack test --headless --chrome` against an emulator
#   4. JS: `node --test` suites (Node, extension, consumers (with
#      are-the-types-wrong and publint on the packed package), demo e2e)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

scripts/setup.sh

step "host suites"
scripts/lint-workflows.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p stripe-apps-secrets --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p secret-store-testing --target wasm32-unknown-unknown -- -D warnings
cargo test --workspace
RUSTDOCFLAGS="-D warnings" cargo doc -p stripe-apps-secrets --no-deps

step "build pkg/, the emulator and the testing engine"
scripts/build-pkg.sh
cargo build -p secret-store-emulator

step "browser suite (headless Chrome, against the emulator)"
workdir=$(mktemp -d)
target/debug/secret-store-emulator --port 0 --quiet >"$workdir/emulator.out" &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; rm -rf "$workdir"' EXIT
for _ in $(seq 100); do
  grep -q '^listening on ' "$workdir/emulator.out" && break
  sleep 0.1
done
EMULATOR_URL=$(sed -n 's/^listening on //p' "$workdir/emulator.out")
[ -n "$EMULATOR_URL" ] || { echo "the emulator did not start" >&2; exit 1; }
EMULATOR_URL="$EMULATOR_URL" CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 \
  wasm-pack test --headless --chrome --test browser --test faults

step "JS suites (node --test)"
mapfile -t js_suites < <(find tests -name '*.test.mjs' -not -path '*/node_modules/*' | sort)
node --test "${js_suites[@]}"
