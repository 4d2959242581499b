// Where does per-call time go? A V8 CPU profile of a loop of one client's
// calls on the instant transport, summed by self time per category (our
// wasm, our JS glue, the SDK/stripe-node, GC, ...), per function and, when
// the .wasm keeps its name section, per Rust module.
//
//   node bench/profile.mjs [find|create] [ours|stripe-node|floor] [calls] [--chromium]
//   PKG_DIR=/tmp/pkg-named node bench/profile.mjs ...   (another build of the package)
//
// In Node by default (node:inspector); with --chromium in headless Chromium
// (DevTools protocol), on the same page bench/run.mjs uses (needs the release
// emulator). Writes the raw profile to /tmp/bench-<op>-<client>[-chromium].cpuprofile
// (open it in Chrome DevTools > Performance, or speedscope). Not part of run.mjs.
//
// The shipped .wasm has no name section, so wasm frames read
// `wasm-function[N]`. For names, after scripts/build-pkg.sh, bind its
// snipped cargo output again with the names kept, beside pkg/'s JS:
//   mkdir -p /tmp/pkg-named && cp pkg/*.js /tmp/pkg-named/
//   wasm-bindgen --target web --keep-debug --out-dir /tmp/named --out-name stripe_apps_secrets target/snipped.wasm
//   wasm-opt -Oz -g (and the --enable flags of scripts/build-pkg.sh) \
//     /tmp/named/stripe_apps_secrets_bg.wasm -o /tmp/pkg-named/stripe_apps_secrets_bg.wasm
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { launchChromium } from '../tests/support/browser.mjs';
import { loadSdk } from './lib/sdk-stand-in.mjs';
import { perCallPageBundle } from './lib/bundles.mjs';
import { summariseProfile } from './lib/cpuprofile.mjs';
import { startEmulator } from '../tests/support/emulator.mjs';
import { makeCases, makeStandIn } from './lib/harness.mjs';

const args = process.argv.slice(2);
const chromium = args.includes('--chromium');
const [op = 'find', client = 'ours', callsArg = '40000'] = args.filter((a) => !a.startsWith('--'));
const calls = Number(callsArg);
const pkgDir = resolve(process.env.PKG_DIR || new URL('../pkg', import.meta.url).pathname);
const WARMUP = 5000;

let profile;
let elapsedMs;
if (!chromium) {
  const { initSync, SecretStore } = await import(pathToFileURL(`${pkgDir}/stripe_apps_secrets.js`).href);
  initSync({ module: readFileSync(`${pkgDir}/stripe_apps_secrets_bg.wasm`) });
  const sdk = await loadSdk();
  sdk.setStandIn(makeStandIn());
  const fn = makeCases({ SecretStore, ...sdk })[op].find((c) => c.name === client).fn;
  for (let i = 0; i < WARMUP; i++) await fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  elapsedMs = performance.now() - t0;
  ({ profile } = await session.post('Profiler.stop'));
  session.disconnect();
} else {
  const www = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  writeFileSync(join(www, 'percall.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/percall.js"></script>\n');
  writeFileSync(join(www, 'percall.js'), await perCallPageBundle());
  const emulator = await startEmulator(['--www', www, '--pkg', pkgDir], { release: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${emulator.url}/percall.html`);
    await page.waitForFunction(() => typeof globalThis.benchLoop === 'function');
    await page.evaluate(([o, c, n]) => globalThis.benchLoop(o, c, n), [op, client, WARMUP]);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    elapsedMs = await page.evaluate(([o, c, n]) => globalThis.benchLoop(o, c, n), [op, client, calls]);
    ({ profile } = await cdp.send('Profiler.stop'));
  } finally {
    await browser.close();
    await emulator.stop();
    rmSync(www, { recursive: true, force: true });
  }
}
const out = `/tmp/bench-${op}-${client}${chromium ? '-chromium' : ''}.cpuprofile`;
writeFileSync(out, JSON.stringify(profile));
console.log(summariseProfile(profile, { elapsedMs, calls, title: `${op} via ${client} in ${chromium ? 'Chromium' : 'Node'} (${pkgDir})` }));
console.log(`\nraw profile: ${out}`);
