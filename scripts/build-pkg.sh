#!/usr/bin/env bash
# Builds the npm package into pkg/: the release .wasm, its JS glue and types.
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-pack runs the first wasm-opt on PATH: binaryen 132 from npm. Debian's
# (108) mislabels the externref table of wasm-bindgen's output, and the
# module then fails to instantiate.
export PATH="$PWD/node_modules/.bin:$PATH"
wasm-pack build --target web --release --out-dir pkg --out-name stripe_apps_secrets

# The JS engine (issue 15): the same crate, built without reference types
# (wasm2js cannot lower externref tables, and wasm-bindgen then keeps JS
# values in a JS array instead), through wasm2js. Its own target directory,
# so the two builds' flags do not invalidate each other.
JS_TARGET=target/wasm2js
RUSTFLAGS="-C target-cpu=mvp" cargo build --lib --release --target wasm32-unknown-unknown --target-dir "$JS_TARGET"
node scripts/strip-wasm-section.mjs "$JS_TARGET/wasm32-unknown-unknown/release/stripe_apps_secrets.wasm" "$JS_TARGET/linked.wasm" target_features
wasm-bindgen --target web --out-dir "$JS_TARGET/bindgen" --out-name stripe_apps_secrets "$JS_TARGET/linked.wasm"
# The precompiled std still uses these (memory.copy, i32.extend8_s, ...);
# wasm2js lowers them.
JS_FEATURES=(--enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals)
wasm-opt "${JS_FEATURES[@]}" -O3 --strip-producers "$JS_TARGET/bindgen/stripe_apps_secrets_bg.wasm" -o "$JS_TARGET/engine.wasm"
wasm2js "${JS_FEATURES[@]}" -O3 "$JS_TARGET/engine.wasm" -o "$JS_TARGET/engine.js"

# Completes package.json and adds the extra entries (see the script).
if [ -f scripts/finish-pkg.mjs ]; then node scripts/finish-pkg.mjs; fi
