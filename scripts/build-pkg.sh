#!/usr/bin/env bash
# Builds the npm package into pkg/: the release .wasm, its JS glue and types.
set -euo pipefail
cd "$(dirname "$0")/.."
wasm-pack build --target web --release --out-dir pkg --out-name stripe_apps_secrets
# Completes package.json and adds the extra entries (see the script).
if [ -f scripts/finish-pkg.mjs ]; then node scripts/finish-pkg.mjs; fi
