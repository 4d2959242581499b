// The JS engine (wasm2js) in Chromium, through the main entry bundled by
// esbuild with code splitting (the engine becomes its own chunk, imported
// only where WebAssembly cannot compile): the same cases (every operation,
// a payload round trip, a refusal, input faults, a 404, the list walk,
// memory growth) give the same text on the wasm, under a CSP without
// 'wasm-unsafe-eval', with WebAssembly deleted from the global scope, and
// when asked for with init({ engine: 'js' }). Where the wasm runs, the
// engine's chunk is never requested.
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { launchChromium, openPage } from '../support/browser.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { consumerProject } from './support/project.mjs';

let project;
let emulator;
let browser;

before(async () => {
  project = consumerProject({ copy: ['tests/consumers/js-engine'] });
  await build({
    absWorkingDir: project.dir,
    entryPoints: ['app.js'],
    outdir: 'www',
    bundle: true,
    format: 'esm',
    splitting: true,
    logLevel: 'warning',
  });
  // esbuild leaves new URL('stripe_apps_secrets_bg.wasm', import.meta.url) alone: serve the .wasm beside the bundle.
  copyFileSync(join(project.dir, 'node_modules/stripe-apps-secrets/stripe_apps_secrets_bg.wasm'), join(project.dir, 'www/stripe_apps_secrets_bg.wasm'));
  for (const file of ['wasm.html', 'csp.html', 'no-webassembly.html', 'delete-webassembly.js']) {
    copyFileSync(join(project.dir, file), join(project.dir, 'www', file));
  }
  emulator = await startEmulator(['--www', join(project.dir, 'www')]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await emulator?.stop();
  project?.cleanup();
});

const EXPECTED =
  'find:true:200 list:1:true walk:one,two delete:true ' +
  'gone:StripeInvalidRequestError/resource_missing/name ' +
  'other-user:StripeScopeError/scope_not_allowed/scope[user] ' +
  'bad-name:StripeInvalidRequestError/parameter_invalid/name ' +
  'bad-key:StripeInvalidRequestError/parameter_unknown/params ' +
  'options:StripeInvalidRequestError/timeout big:8 ' +
  'retry-500s:retried retry-drop:retried ' +
  'timeout:StripeConnectionError/timeout/ abort:StripeAbortError/aborted/';

async function visit(path) {
  const errors = [];
  const requested = [];
  const logged = [];
  const page = await openPage(browser, logged);
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().includes('/v1/')) errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(emulator.url + path);
  await page.waitForSelector('[data-status]', { timeout: 60_000 });
  const text = await page.textContent('#status');
  const status = await page.getAttribute('#status', 'data-status');
  await page.close();
  // The 404 and 400 the cases ask for are logged as failed loads; any other
  // failed load is in `errors` from the response listener.
  errors.push(...logged.filter((line) => !line.startsWith('console: Failed to load resource')));
  return { status, text, errors, requested };
}

const engineChunk = (requested) => requested.filter((path) => /stripe_apps_secrets_js/.test(path));

test('the engine is a chunk of its own in the bundle', () => {
  const files = readdirSync(join(project.dir, 'www'));
  assert.equal(files.filter((f) => /^stripe_apps_secrets_js-.*\.js$/.test(f)).length, 1, files.join(', '));
});

test('where wasm compiles: the wasm runs every case, and the JS engine is not downloaded', async () => {
  const result = await visit('/wasm.html');
  assert.deepEqual(result.errors, []);
  assert.equal(result.text, `wasm | ${EXPECTED}`);
  assert.deepEqual(engineChunk(result.requested), []);
});

test("under a CSP without 'wasm-unsafe-eval': the JS engine runs every case, and no .wasm is fetched", async () => {
  const result = await visit('/csp.html');
  assert.equal(result.text, `js | ${EXPECTED}`);
  assert.equal(result.status, 'done');
  assert.equal(engineChunk(result.requested).length, 1);
  assert.deepEqual(result.requested.filter((p) => p.endsWith('.wasm')), []);
  // Chromium reports the refused probe compile as a CSP violation in the
  // console; nothing else may appear.
  assert.deepEqual(result.errors.filter((e) => !/WebAssembly|wasm-unsafe-eval|Content Security Policy/i.test(e)), []);
});

test('with WebAssembly deleted from the global scope: the JS engine runs every case', async () => {
  const result = await visit('/no-webassembly.html');
  assert.deepEqual(result.errors, []);
  assert.equal(result.text, `js | ${EXPECTED}`);
});

test("init({ engine: 'js' }) runs the JS engine where wasm would compile", async () => {
  const result = await visit('/wasm.html?engine=js');
  assert.deepEqual(result.errors, []);
  assert.equal(result.text, `js | ${EXPECTED}`);
});
