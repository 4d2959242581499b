// The Stripe App rows: the test app (tests/stripe-app/) built as the Stripe
// CLI builds it for `stripe apps upload` (ext.min.js, one IIFE file), with
// its secret handling in four shapes:
//   none:         no secret handling (the baseline)
//   ours:         stripe-apps-secrets, the bare import (both engines), as the README says
//   ours (wasm):  stripe-apps-secrets/inline-wasm
//   ours (JS):    stripe-apps-secrets/inline-js
//   ours + tokens: the bare import, and the ServiceAccount view over
//                 stripe-apps-secrets/tokens and /react
//   stripe-node:  stripe-node + the SDK's createHttpClient(), as Stripe's docs do
// - growth: gzip -9 of ext.min.js, less the baseline's;
// - start-up, inside the fake Dashboard's sandboxed frame
//   (tests/stripe-app/dashboard/), under the nonce policy with and without
//   'wasm-unsafe-eval', fresh page per load, variants interleaved, of
//   bundles built with the first call (cli-build.mjs's `firstCall`, the App
//   view's Load: one `find` of the user's token, through the SDK's
//   stripeApiFetch to the emulator):
//   - evaluation: the time the bundle takes to evaluate (parse, compile,
//     start the engine or build the Stripe client); the bundle is in the
//     frame's page, so no fetch of it is timed;
//   - first call: from the frame's navigation to the end of that call, what
//     a user waits for (the Dashboard hands its port over at the frame's
//     load, then the call starts).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { installPacked } from '../../tests/consumers/support/project.mjs';
import { appDir, buildLikeStripeCli } from '../../tests/stripe-app/cli-build.mjs';
import { openExtension, serveDashboard } from '../../tests/stripe-app/dashboard/harness.mjs';

const variantFile = (name) => fileURLToPath(new URL(`../stripe-app/secrets-${name}.ts`, import.meta.url));

// The App view alone, but in `ours-tokens`: the app with its ServiceAccount
// view too, which adds stripe-apps-secrets/tokens and /react (and the view).
const VARIANTS = {
  none: { secretsModule: variantFile('none'), views: ['App'] },
  ours: { views: ['App'] },
  'ours-wasm': { alias: { 'stripe-apps-secrets': 'stripe-apps-secrets/inline-wasm' }, views: ['App'] },
  'ours-js': { alias: { 'stripe-apps-secrets': 'stripe-apps-secrets/inline-js' }, views: ['App'] },
  'ours-tokens': {},
  'stripe-node': { secretsModule: variantFile('stripe-node'), views: ['App'] },
};

/**
 * Builds each variant's ext.min.js (`names`: all of them) with the package
 * as pkg/ holds it, or, given `pkg`, with that build of it in a throwaway
 * copy of the app; resolves with name -> bytes.
 */
export async function buildStripeAppVariants({ pkg, names = Object.keys(VARIANTS), firstCall = false } = {}) {
  const dir = pkg === undefined ? appDir : appCopy();
  try {
    installPacked(dir, pkg);
    const bundles = {};
    for (const name of names) {
      const { outfile } = await buildLikeStripeCli({ dir, minify: true, outName: `bench-${name}.min.js`, firstCall, ...VARIANTS[name] });
      bundles[name] = readFileSync(outfile);
    }
    return bundles;
  } finally {
    if (dir !== appDir) rmSync(dir, { recursive: true, force: true });
  }
}

/** A copy of the app's files, its node_modules linked but for this package. */
function appCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-stripe-app-'));
  for (const entry of readdirSync(appDir)) {
    if (entry !== 'node_modules' && entry !== '.build') cpSync(join(appDir, entry), join(dir, entry), { recursive: true });
  }
  const modules = join(appDir, 'node_modules');
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(modules)) {
    if (entry !== 'stripe-apps-secrets') symlinkSync(join(modules, entry), join(dir, 'node_modules', entry));
  }
  return dir;
}

/** gzip -9 of each variant's ext.min.js, and its growth over the baseline. */
export function stripeAppGrowth(bundles) {
  const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
  const base = gzip(bundles.none);
  return Object.fromEntries(
    Object.entries(bundles).map(([name, bytes]) => [name, { raw: bytes.length, gzip: gzip(bytes), growth: gzip(bytes) - base }]),
  );
}

/** What is timed: each variant under the policies it is meant for (stripe-node under both, to compare like with like). */
export const STARTUP_CASES = [
  ['none', 'strict'],
  ['stripe-node', 'strict'],
  ['stripe-node', 'wasm'],
  ['ours', 'strict'],
  ['ours', 'wasm'],
  ['ours-wasm', 'wasm'],
  ['ours-js', 'strict'],
];

const USER = 'usr_bench';

/**
 * Medians, per [bundle, policy] of `cases` over `loads` fresh pages each,
 * interleaved, of the bundle's evaluation in the sandboxed frame (`ms`) and,
 * for bundles built with `firstCall`, of the time from the frame's
 * navigation to the end of the app's first call (`firstCall`).
 */
export async function stripeAppStartup(browser, bundles, { emulatorUrl, loads, cases = STARTUP_CASES }) {
  const dashboard = await serveDashboard(bundles, { inlineBundles: true, firstCallUser: USER });
  const samples = new Map(cases.map((c) => [c.join('/'), []]));
  const firstCalls = new Map(cases.map((c) => [c.join('/'), []]));
  try {
    for (let round = 0; round < loads; round++) {
      for (const [bundle, policy] of cases) {
        const { page, frame } = await openExtension(browser, {
          origin: dashboard.origin,
          emulatorUrl,
          userId: USER,
          bundle,
          policy,
          transport: 'host',
        });
        try {
          const ms = await frame.evaluate(() => globalThis.__t1 - globalThis.__t0);
          if (!(ms >= 0)) throw new Error(`${bundle}/${policy}: no timing`);
          samples.get(`${bundle}/${policy}`).push(ms);
          if (await frame.evaluate(() => typeof __StripeExtExports.firstCall === 'function')) {
            await frame.waitForFunction(() => globalThis.__firstCallEnd !== undefined, undefined, { timeout: 20_000 });
            const end = await frame.evaluate(() => globalThis.__firstCallEnd);
            if (!(end >= 0)) throw new Error(`${bundle}/${policy}: the first call failed: ${await frame.evaluate(() => globalThis.__firstCallError)}`);
            firstCalls.get(`${bundle}/${policy}`).push(end);
          }
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await dashboard.close();
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return cases.map(([variant, policy]) => {
    const ends = firstCalls.get(`${variant}/${policy}`);
    return { variant, policy, loads, ms: median(samples.get(`${variant}/${policy}`)), firstCall: ends.length ? median(ends) : undefined };
  });
}
