// Per-call cost of several builds of the package side by side (interleaved,
// same harness as run.mjs), with their gzip sizes: for trying a build
// setting (say opt-level) before changing it.
//
//   node bench/compare-builds.mjs pkg /tmp/pkg-o3 ...
//
// Each argument is a directory holding stripe_apps_secrets.js and
// stripe_apps_secrets_bg.wasm (wasm-bindgen --target web output, or pkg/).
// Build a variant without touching pkg/ or target/ as scripts/build-pkg.sh
// builds the .wasm, e.g.:
//   CARGO_TARGET_DIR=/tmp/target-bench CARGO_PROFILE_RELEASE_OPT_LEVEL=3 \
//     cargo build --lib --release --target wasm32-unknown-unknown
//   scripts/snip.sh /tmp/target-bench/wasm32-unknown-unknown/release/stripe_apps_secrets.wasm /tmp/o3.wasm
//   wasm-bindgen --target web --out-dir /tmp/pkg-o3 --out-name stripe_apps_secrets /tmp/o3.wasm
//   (then its wasm-opt line, on /tmp/pkg-o3/stripe_apps_secrets_bg.wasm)
//
// With --js, the JS engine instead: each directory is a finished package
// (a copy of pkg/ with another stripe_apps_secrets_js.js in it, say), its
// main entry started with init({ engine: 'js' }); the size is the JS
// engine's gzip.
//   node bench/compare-builds.mjs --js pkg /tmp/pkg-js-oz ...
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { loadSdk } from './lib/sdk-stand-in.mjs';
import { makeCases, makeStandIn, interleave } from './lib/harness.mjs';
import { median } from './lib/report.mjs';
import { gzip9 } from './lib/sizes.mjs';

const jsEngine = process.argv[2] === '--js';
const dirs = process.argv.slice(jsEngine ? 3 : 2);
if (dirs.length === 0) throw new Error('usage: node bench/compare-builds.mjs [--js] DIR [DIR...]');
const sdk = await loadSdk();
sdk.setStandIn(makeStandIn());
const lists = { find: [], create: [] };
const sizes = {};
for (const dir of dirs) {
  const abs = resolve(dir);
  // A query string makes each directory's glue its own module instance.
  const m = await import(`${pathToFileURL(`${abs}/stripe_apps_secrets.js`).href}?${encodeURIComponent(dir)}`);
  if (jsEngine) {
    await m.default({ engine: 'js' });
    sizes[dir] = { wasm: 0, js: gzip9(readFileSync(`${abs}/stripe_apps_secrets_js.js`)) };
  } else {
    const wasmBytes = readFileSync(`${abs}/stripe_apps_secrets_bg.wasm`);
    m.initSync({ module: wasmBytes });
    // The driver entry, plus the wasm-bindgen glue it imports (in builds since the driver).
    const core = `${abs}/stripe_apps_secrets_core.js`;
    const js = gzip9(readFileSync(`${abs}/stripe_apps_secrets.js`)) + (existsSync(core) ? gzip9(readFileSync(core)) : 0);
    sizes[dir] = { wasm: gzip9(wasmBytes), js };
  }
  const cases = makeCases({ SecretStore: m.SecretStore, ...sdk });
  for (const op of Object.keys(lists)) lists[op].push({ name: dir, fn: cases[op].find((c) => c.name === 'ours').fn });
}
{
  const cases = makeCases({ SecretStore: class {}, ...sdk });
  for (const op of Object.keys(lists)) lists[op].push({ name: 'stripe-node', fn: cases[op].find((c) => c.name === 'stripe-node').fn });
}
console.log('build'.padEnd(28), (jsEngine ? 'gzip engine' : 'gzip wasm+js').padStart(13), 'find µs'.padStart(9), 'create µs'.padStart(10));
const results = {};
for (const [op, list] of Object.entries(lists)) results[op] = (await interleave(list, { rounds: 31, batchMs: 10, warmup: 3000 })).samples;
for (const name of [...dirs, 'stripe-node']) {
  const size = sizes[name] ? String(sizes[name].wasm + sizes[name].js) : '';
  console.log(name.padEnd(28), size.padStart(13), median(results.find[name]).toFixed(2).padStart(9), median(results.create[name]).toFixed(2).padStart(10));
}
