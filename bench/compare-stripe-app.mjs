// The Stripe App part of the bench (bench/lib/stripe-app.mjs, table e of
// RESULTS.md) for several builds of the package side by side: how much each
// single-file entry grows the app's ext.min.js (gzip -9), and in the fake
// Dashboard's sandboxed frame under both policies, the bundle's evaluation
// and the time from navigation to the end of its first call, every build's
// rows interleaved in one run. For trying a change to the
// single-file entries before making it.
//
//   node bench/compare-stripe-app.mjs pkg /tmp/pkg-before ...
//
// Each argument is a finished package directory (scripts/build-pkg.sh
// output); the release emulator must be built. STRIPE_APP_LOADS sets the
// fresh pages per row (11).
import { basename, resolve } from 'node:path';

import { launchChromium } from '../tests/support/browser.mjs';
import { startEmulator } from '../tests/support/emulator.mjs';
import { buildStripeAppVariants, stripeAppGrowth, stripeAppStartup } from './lib/stripe-app.mjs';

const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error('usage: node bench/compare-stripe-app.mjs PKG_DIR [PKG_DIR...]');
const loads = Number(process.env.STRIPE_APP_LOADS || 11);
const labels = dirs.map((dir, i) => `${i}-${basename(resolve(dir)).replace(/[^\w-]/g, '_')}`);

const OURS = ['ours', 'ours-wasm', 'ours-js'];
const POLICIES = { ours: ['strict', 'wasm'], 'ours-wasm': ['wasm'], 'ours-js': ['strict'] };

// The reference rows, once: the app without secret handling, and with stripe-node.
const bundles = await buildStripeAppVariants({ pkg: resolve(dirs[0]), names: ['none', 'stripe-node'] });
const growth = {};
// The same builds with the first call exported (cli-build.mjs's firstCall), for the frame's timings.
const timed = await buildStripeAppVariants({ pkg: resolve(dirs[0]), names: ['none', 'stripe-node'], firstCall: true });
for (const [i, dir] of dirs.entries()) {
  const built = await buildStripeAppVariants({ pkg: resolve(dir), names: OURS, firstCall: true });
  for (const name of OURS) timed[`${labels[i]}-${name}`] = built[name];
}
for (const [i, dir] of dirs.entries()) {
  const built = await buildStripeAppVariants({ pkg: resolve(dir), names: OURS });
  const sizes = stripeAppGrowth({ none: bundles.none, ...built });
  for (const name of OURS) {
    bundles[`${labels[i]}-${name}`] = built[name];
    growth[`${labels[i]}-${name}`] = sizes[name];
  }
}
const reference = stripeAppGrowth(bundles);

console.log('ext.min.js'.padEnd(36), 'raw'.padStart(9), 'gzip -9'.padStart(9), 'growth'.padStart(9), 'vs stripe-node'.padStart(15));
for (const [name, size] of Object.entries({ none: reference.none, 'stripe-node': reference['stripe-node'], ...growth })) {
  const ratio = name === 'none' ? '' : `${(size.growth / reference['stripe-node'].growth).toFixed(2)}×`;
  console.log(name.padEnd(36), String(size.raw).padStart(9), String(size.gzip).padStart(9), String(size.growth).padStart(9), ratio.padStart(15));
}

const cases = [
  ['none', 'strict'],
  ['stripe-node', 'strict'],
  ['stripe-node', 'wasm'],
  ...labels.flatMap((label) => OURS.flatMap((name) => POLICIES[name].map((policy) => [`${label}-${name}`, policy]))),
];
const emulator = await startEmulator([], { release: true });
const browser = await launchChromium();
let rows;
try {
  rows = await stripeAppStartup(browser, timed, { emulatorUrl: emulator.url, loads, cases });
} finally {
  await browser.close();
  await emulator.stop();
}
const stripeNode = (policy) => rows.find((r) => r.variant === 'stripe-node' && r.policy === policy);
console.log();
console.log(`in the sandboxed frame, median of ${loads} fresh pages per row, rows interleaved; each against stripe-node under the same policy`);
console.log('bundle'.padEnd(36), 'policy'.padEnd(8), 'eval ms'.padStart(8), 'vs'.padStart(7), 'first call ms'.padStart(14), 'vs'.padStart(7));
for (const { variant, policy, ms, firstCall } of rows) {
  const versus = (mine, theirs) => (variant === 'none' || variant === 'stripe-node' ? '' : `${(mine / theirs).toFixed(2)}×`);
  const reference = stripeNode(policy);
  console.log(variant.padEnd(36), policy.padEnd(8), ms.toFixed(2).padStart(8), versus(ms, reference.ms).padStart(7), firstCall.toFixed(2).padStart(14), versus(firstCall, reference.firstCall).padStart(7));
}
