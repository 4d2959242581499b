// The benchmark against stripe-node, in one run:
//
//   node bench/run.mjs        (pkg/ and the release emulator must be built)
//   bench/run.sh              (builds both first, then runs this)
//
// Measures
//   a. bytes a browser downloads (raw, gzip -9, brotli 11): ours vs stripe-node
//      23.1.0 + the SDK's http client bundled by esbuild --bundle --minify --format=esm;
//   b. cost per call with an instant transport (find, create) in Node and in
//      headless Chromium: ours, stripe-node through the SDK's StripeAppsHttpClient,
//      and a hand-written request (the floor), interleaved, medians;
//   c. end to end against the release emulator on loopback in Node, concurrency
//      1, 8, 64: throughput and p50/p99 latency of find;
//   d. start-up in Chromium: import to first call ready, fresh contexts;
//   e. a Stripe App built as the Stripe CLI builds it: how much its one file
//      grows, and in the Dashboard's sandboxed frame under the nonce policy,
//      with and without 'wasm-unsafe-eval', its evaluation and the time from
//      navigation to the end of its first call.
// The budgets (bench/lib/report.mjs) are issue 33's: ext.min.js growth,
// the entry for web bundlers, the frame's first call and find end to end.
// and writes bench/RESULTS.md and bench/ratios.svg. About a minute on 2 cores.
//
// BENCH_SCALE=0.2 node bench/run.mjs shortens every phase (a smoke run; the
// numbers are then noisier).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchChromium } from '../tests/support/browser.mjs';
import { perCallPageBundle, root, stripeNodeStartupBundle } from './lib/bundles.mjs';
import { endToEnd } from './lib/e2e.mjs';
import { startEmulator } from '../tests/support/emulator.mjs';
import { perCallChromium, perCallNode } from './lib/percall.mjs';
import { renderMarkdown, renderSvg, summarise } from './lib/report.mjs';
import { measureSizes } from './lib/sizes.mjs';
import { STARTUP_HTML, startup } from './lib/startup.mjs';
import { buildStripeAppVariants, stripeAppGrowth, stripeAppStartup } from './lib/stripe-app.mjs';

const scale = Number(process.env.BENCH_SCALE || 1);
const CONFIG = {
  perCall: { rounds: Math.max(5, Math.round(61 * scale)), batchMs: 10, warmup: Math.max(500, Math.round(3000 * scale)) },
  e2e: { levels: [1, 8, 64], runMs: Math.max(200, Math.round(1200 * scale)), warmupMs: Math.max(100, Math.round(300 * scale)) },
  startup: { loads: Math.max(3, Math.round(11 * scale)) },
  stripeApp: { loads: Math.max(3, Math.round(11 * scale)) },
};

const started = performance.now();
const loadAtStart = loadavg();
const log = (msg) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(1)} s] ${msg}`);

const pkgJson = JSON.parse(readFileSync(join(root, 'pkg/package.json'), 'utf8'));
const stripeVersion = JSON.parse(readFileSync(join(root, 'node_modules/stripe/package.json'), 'utf8')).version;
const sdkVersion = JSON.parse(readFileSync(join(root, 'node_modules/@stripe/ui-extension-sdk/package.json'), 'utf8')).version;

log('a. sizes');
const sizes = await measureSizes();

log('e. Stripe App builds');
const stripeAppSizes = stripeAppGrowth(await buildStripeAppVariants());
// The same builds with the App view's first call exported, for timing it.
const stripeAppBundles = await buildStripeAppVariants({ firstCall: true, names: ['none', 'stripe-node', 'ours', 'ours-wasm', 'ours-js'] });

log('b. per call, Node');
const perCallNodeResult = await perCallNode(CONFIG.perCall);

// One emulator serves the Chromium pages (--www: page + harness bundles;
// --pkg: the package as built) and answers the end-to-end calls.
const www = mkdtempSync(join(tmpdir(), 'bench-www-'));
writeFileSync(join(www, 'percall.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>per call</title><script type="module" src="/percall.js"></script>\n');
writeFileSync(join(www, 'percall.js'), await perCallPageBundle());
writeFileSync(join(www, 'startup.html'), STARTUP_HTML);
writeFileSync(join(www, 'noop.js'), 'export {};\n');
writeFileSync(join(www, 'stripe-node-startup.js'), await stripeNodeStartupBundle());
const emulator = await startEmulator(['--www', www, '--pkg', join(root, 'pkg')], { release: true });

let browserVersion;
let perCallChromiumResult;
let startupResult;
let stripeAppStart;
let e2eRows;
try {
  const browser = await launchChromium();
  try {
    browserVersion = browser.version();
    log('b. per call, Chromium');
    perCallChromiumResult = await perCallChromium(browser, emulator.url, CONFIG.perCall);
    log('d. start-up, Chromium');
    startupResult = await startup(browser, emulator.url, CONFIG.startup);
    log("e. start-up in the Stripe App's sandboxed frame");
    stripeAppStart = await stripeAppStartup(browser, stripeAppBundles, { emulatorUrl: emulator.url, loads: CONFIG.stripeApp.loads });
  } finally {
    await browser.close();
  }
  log('c. end to end, Node against the emulator');
  e2eRows = await endToEnd(emulator.url, CONFIG.e2e);
} finally {
  await emulator.stop();
  rmSync(www, { recursive: true, force: true });
}

const machine = {
  cpu: cpus()[0]?.model?.trim() || 'unknown CPU',
  cores: cpus().length,
  node: process.version,
  chromium: browserVersion,
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  load: loadAtStart.map((l) => l.toFixed(2)).join(' '),
  pkgVersion: pkgJson.version,
  stripeVersion,
  sdkVersion,
};
const summary = summarise({
  sizes,
  perCallNode: perCallNodeResult,
  perCallChromium: perCallChromiumResult,
  e2e: e2eRows,
  startup: startupResult,
  stripeApp: { growth: stripeAppSizes, startup: stripeAppStart },
});
const seconds = (performance.now() - started) / 1000;
const budget = JSON.parse(readFileSync(new URL('./size-budget.json', import.meta.url), 'utf8'));
const markdown = renderMarkdown({ machine, config: CONFIG, summary, seconds, scale, budget });
writeFileSync(new URL('./RESULTS.md', import.meta.url), markdown);
writeFileSync(new URL('./ratios.svg', import.meta.url), renderSvg(summary, machine));
console.log(markdown);
log(`wrote bench/RESULTS.md and bench/ratios.svg in ${seconds.toFixed(0)} s`);
