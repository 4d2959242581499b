// esbuild consumer of `stripe-apps-secrets/inline`: bundled with esbuild's
// default settings (bundle, format esm), served by the emulator on the API's
// origin under a Content-Security-Policy that allows 'wasm-unsafe-eval', run
// in headless Chromium: one create + find completes, no console error.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
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
  project = consumerProject({ copy: ['tests/consumers/esbuild'] });
  await build({
    absWorkingDir: project.dir,
    entryPoints: ['consumer.js'],
    outfile: 'www/consumer.bundle.js',
    bundle: true,
    format: 'esm',
    logLevel: 'warning',
  });
  for (const page of ['index.html', 'no-wasm-csp.html']) {
    await build({ absWorkingDir: project.dir, entryPoints: [page], outdir: 'www', loader: { '.html': 'copy' } });
  }
  emulator = await startEmulator(['--www', join(project.dir, 'www')]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await emulator?.stop();
  project?.cleanup();
});

async function visit(path, errors) {
  const page = await openPage(browser, errors);
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(emulator.url + path);
  await page.waitForSelector('[data-status]', { timeout: 15_000 });
  const result = { status: await page.getAttribute('#status', 'data-status'), text: await page.textContent('#status') };
  await page.close();
  return result;
}

test('the bundle is one .js file with the wasm inside', () => {
  assert.deepEqual(readdirSync(join(project.dir, 'www')).sort(), ['consumer.bundle.js', 'index.html', 'no-wasm-csp.html']);
});

test('await init() then create + find, under a CSP with wasm-unsafe-eval', async () => {
  const errors = [];
  const result = await visit('/', errors);
  assert.deepEqual(errors, []);
  assert.deepEqual(result, {
    status: 'done',
    text: 'Found esbuild_inline in the user scope: from an esbuild bundle',
  });
});

test('initSync() works on the main thread too', async () => {
  const errors = [];
  const result = await visit('/?sync', errors);
  assert.deepEqual(errors, []);
  assert.equal(result.status, 'done');
});

test("without 'wasm-unsafe-eval' in the CSP the wasm cannot compile", async () => {
  const result = await visit('/no-wasm-csp.html', []);
  assert.equal(result.status, 'error');
  // Chromium: "CompileError: WebAssembly.instantiate(): Compiling or instantiating
  // WebAssembly module violates the following Content Security policy directive ..."
  assert.match(result.text, /^CompileError: .*Content Security Policy/);
});

test('the main entry under esbuild defaults emits no .wasm (use /inline there)', async () => {
  const outdir = join(project.dir, 'default-entry-out');
  await build({
    absWorkingDir: project.dir,
    entryPoints: ['default-entry.js'],
    outdir,
    bundle: true,
    format: 'esm',
    logLevel: 'silent',
  });
  assert.deepEqual(readdirSync(outdir), ['default-entry.js']);
  assert.match(readFileSync(join(outdir, 'default-entry.js'), 'utf8'), /new URL\("stripe_apps_secrets_bg\.wasm", import\.meta\.url\)/);
});
