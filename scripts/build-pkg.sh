#!/usr/bin/env bash
# Builds the npm package into pkg/:
#   1. wasm-pack: the release .wasm, its glue and types, the JS snippets of src/;
#   2. scripts/build-js-engine.sh: the JS engine (the same crate through wasm2js);
#   3. scripts/build-testing.sh: the engine of `stripe-apps-secrets/testing`
#      (the emulator's core through wasm-bindgen) into target/testing/;
#   4. scripts/finish-pkg.mjs: the committed entries and package.json of
#      src/js/package/, and the esbuild bundles (single-file entries, testing,
#      CommonJS).
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-pack runs the first wasm-opt on PATH: binaryen 132 from npm. Debian's
# (108) mislabels the externref table of wasm-bindgen's output, and the
# module then fails to instantiate.
export PATH="$PWD/node_modules/.bin:$PATH"
rm -rf pkg  # generated: nothing of an earlier build (a snippet since renamed) ships
wasm-pack build --target web --release --out-dir pkg --out-name stripe_apps_secrets
scripts/build-js-engine.sh
scripts/build-testing.sh
node scripts/finish-pkg.mjs
