#!/usr/bin/env bash
# Builds the JS engine into pkg/stripe_apps_secrets_js.js: the same crate as
# the .wasm, built without reference types (wasm2js cannot lower externref
# tables; wasm-bindgen then keeps JS values in a JS array instead), compiled
# to JS by binaryen's wasm2js, with its own wasm-bindgen glue. Run by
# scripts/build-pkg.sh after wasm-pack, which wrote the JS snippets of src/
# that both engines' glue imports.
#
# scripts/js-engine.mjs joins the glue and wasm2js's output by the shape
# wasm2js writes, so this script runs only the binaryen the root
# package.json pins (node_modules/.bin), and checks its version.
set -euo pipefail
cd "$(dirname "$0")/.."

pinned=$(node -p "require('./package.json').devDependencies.binaryen")
bin=node_modules/.bin
found=$("$bin/wasm2js" --version 2>/dev/null || true)
case "$found" in
  "wasm2js version ${pinned%%.*}"*) ;;
  *) echo "build-js-engine: want binaryen $pinned's wasm2js from npm (run npm ci), found: ${found:-none}" >&2; exit 1 ;;
esac

# Its own target directory, so the two builds' flags do not invalidate each other.
# Built for size, as this engine ships whole in every Stripe App's one file:
# opt-level "z" here (the .wasm keeps 3) and -Oz below. About 13% less gzip
# than 3 and -O3, and its calls measured no slower in Node (bench/NOTES.md).
out=target/wasm2js
CARGO_PROFILE_RELEASE_OPT_LEVEL=z RUSTFLAGS="-C target-cpu=mvp" cargo build --lib --release --target wasm32-unknown-unknown --target-dir "$out"
node scripts/strip-wasm-section.mjs "$out/wasm32-unknown-unknown/release/stripe_apps_secrets.wasm" "$out/stripped.wasm" target_features
scripts/snip.sh "$out/stripped.wasm" "$out/linked.wasm"
wasm-bindgen --target web --out-dir "$out/bindgen" --out-name stripe_apps_secrets "$out/linked.wasm"
# The precompiled std still uses these (memory.copy, i32.extend8_s, ...);
# wasm2js lowers them.
features=(--enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals)
"$bin/wasm-opt" "${features[@]}" -Oz --strip-producers "$out/bindgen/stripe_apps_secrets_bg.wasm" -o "$out/engine.wasm"
"$bin/wasm2js" "${features[@]}" -Oz "$out/engine.wasm" -o "$out/engine.js"
node scripts/js-engine.mjs "$out" pkg/stripe_apps_secrets_js.js
