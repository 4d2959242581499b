#!/usr/bin/env bash
# Builds the npm package into pkg/: the release .wasm, its JS glue and types.
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-pack runs the first wasm-opt on PATH: binaryen 132 from npm. Debian's
# (108) mislabels the externref table of wasm-bindgen's output, and the
# module then fails to instantiate.
export PATH="$PWD/node_modules/.bin:$PATH"
wasm-pack build --target web --release --out-dir pkg --out-name stripe_apps_secrets
# Completes package.json and adds the extra entries (see the script).
if [ -f scripts/finish-pkg.mjs ]; then node scripts/finish-pkg.mjs; fi
