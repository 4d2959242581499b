#!/usr/bin/env bash
# Builds the npm package into pkg/:
#   1. the release .wasm, its glue and types, the JS snippets of src/: what
#      wasm-pack runs (cargo, wasm-bindgen, wasm-opt), with scripts/snip.sh
#      between cargo and wasm-bindgen;
#   2. scripts/build-js-engine.sh: the JS engine (the same crate through wasm2js);
#   3. scripts/build-testing.sh: the engine of `stripe-apps-secrets/testing`
#      (the emulator's core through wasm-bindgen) into target/testing/;
#   4. scripts/finish-pkg.mjs: the committed entries and package.json of
#      src/js/package/, and the esbuild bundles (single-file entries, testing,
#      CommonJS).
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-opt is binaryen 132's from npm, first on PATH. Debian's (108)
# mislabels the externref table of wasm-bindgen's output, and the module
# then fails to instantiate.
export PATH="$PWD/node_modules/.bin:$PATH"
rm -rf pkg  # generated: nothing of an earlier build (a snippet since renamed) ships
cargo build --lib --release --target wasm32-unknown-unknown
scripts/snip.sh target/wasm32-unknown-unknown/release/stripe_apps_secrets.wasm target/snipped.wasm
wasm-bindgen --target web --out-dir pkg --out-name stripe_apps_secrets target/snipped.wasm
# -Oz by bytes (issue 33); the features are the ones rustc enables by
# default for wasm32-unknown-unknown.
wasm-opt -Oz --converge --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-multivalue --enable-sign-ext --enable-mutable-globals \
  pkg/stripe_apps_secrets_bg.wasm -o pkg/stripe_apps_secrets_bg.wasm
cp LICENSE-APACHE LICENSE-MIT pkg/
scripts/build-js-engine.sh
scripts/build-testing.sh
node scripts/finish-pkg.mjs
