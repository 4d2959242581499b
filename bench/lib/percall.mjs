// Cost per call with an instant transport, in Node 20 and in headless
// Chromium, with the shared harness (bench/lib/harness.mjs).
import { readFileSync } from 'node:fs';

import { loadSdk } from './sdk-stand-in.mjs';
import { initSync, SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { makeCases, makeStandIn, runPerCall } from './harness.mjs';

/** Node: stripe-node's node entry + the SDK bundled by bench/lib/sdk-stand-in.mjs; ours on both engines. */
export async function perCallNode(options) {
  initSync({ module: readFileSync(new URL('../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });
  const sdk = await loadSdk();
  const standIn = makeStandIn();
  sdk.setStandIn(standIn);
  // The JS engine (the fallback where wasm cannot compile) in a module
  // instance of its own: the engine an instance starts with stays.
  const js = await import('../../pkg/stripe_apps_secrets.js?engine=js');
  await js.default({ engine: 'js' });
  const cases = makeCases({ SecretStore, JsEngineSecretStore: js.SecretStore, ...sdk });
  const result = await runPerCall(cases, options);
  return { ...result, standInCalls: standIn.calls };
}

/**
 * Chromium: a page served by the emulator (`--www` holds the page and the
 * harness bundle, `--pkg` the package) runs the same harness.
 */
export async function perCallChromium(browser, baseUrl, options) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${baseUrl}/percall.html`);
  await page.waitForFunction(() => typeof globalThis.benchPerCall === 'function');
  const result = await page.evaluate((o) => globalThis.benchPerCall(o), options);
  await context.close();
  if (errors.length) throw new Error(`per-call page errors: ${errors.join('; ')}`);
  return result;
}
