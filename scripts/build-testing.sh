#!/usr/bin/env bash
# Builds the engine of `stripe-apps-secrets/testing` (the Secret Store
# emulator's Rust engine, emulator/core, through its wasm-bindgen binding
# emulator/testing) into target/testing/:
#
#   testing.js                         createSecretStoreApi: the entry (copied from emulator/testing/js/)
#   testing.d.ts                       its types, generated from testing.js's JSDoc by tsc
#   secret_store_testing.js            wasm-bindgen glue (--target web; testing.js calls its initSync)
#   secret_store_testing.d.ts          the glue's types (wasm-bindgen)
#   secret_store_testing_bg.wasm       the engine, optimised by binaryen's wasm-opt
#   secret_store_testing_bg.wasm.d.ts  its exports' types (wasm-bindgen)
#   secret_store_testing_wasm.js       the same .wasm as base64 in an ES module
#                                      (`export default '…'`), so testing.js loads
#                                      synchronously anywhere: no fetch, fs or import.meta
#
# testing.js imports only the two secret_store_testing*.js files beside it:
# copy all of them together. Needs the wasm32-unknown-unknown target, the
# wasm-bindgen CLI of Cargo.lock's version, and `npm ci` (binaryen, typescript).
set -euo pipefail
cd "$(dirname "$0")/.."
# binaryen's wasm-opt from npm first: Debian's mislabels wasm-bindgen's externref table.
export PATH="$PWD/node_modules/.bin:$PATH"
out=target/testing
name=secret_store_testing

cargo build -p secret-store-testing --target wasm32-unknown-unknown --profile testing-engine
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" "target/wasm32-unknown-unknown/testing-engine/$name.wasm"
# The features rustc enables by default for wasm32-unknown-unknown, as the client's build.
wasm-opt -Oz --converge --strip-producers --strip-debug \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types \
  --enable-multivalue --enable-sign-ext --enable-mutable-globals \
  "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
node -e '
  const [wasm, js] = process.argv.slice(1);
  const fs = require("node:fs");
  const base64 = fs.readFileSync(wasm).toString("base64");
  fs.writeFileSync(js, `// The engine (${fs.statSync(wasm).size} bytes of .wasm) as base64; built by scripts/build-testing.sh.\n/** @type {string} */\nconst wasm = "${base64}";\nexport default wasm;\n`);
' "$out/${name}_bg.wasm" "$out/${name}_wasm.js"
cp emulator/testing/js/testing.js "$out/testing.js"
node node_modules/typescript-5.9/bin/tsc --allowJs --declaration --emitDeclarationOnly \
  --module esnext --target es2022 --moduleResolution bundler --skipLibCheck --strict false \
  --outDir "$out" "$out/testing.js"
ls -l "$out"
