// esbuild consumer of `stripe-apps-secrets` (the bare import, both engines in one file): bundled with esbuild
// (format esm, and esbuild's default format, iife, with no init() call: a
// classic script and a classic worker), served by the emulator on the API's
// origin under a Content-Security-Policy that allows 'wasm-unsafe-eval', run
// in headless Chromium: one create + find completes, no console error. Also:
// the main entry before init() throws a typed error, and Chromium compiles
// the wasm (tens of KB) synchronously on the main thread (which the inline entry
// does on import).
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
let iifeBuild;

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
  await build({
    absWorkingDir: project.dir,
    entryPoints: ['consumer.js'],
    outfile: 'www/consumer-wasm-only.bundle.js',
    bundle: true,
    format: 'esm',
    alias: { 'stripe-apps-secrets': 'stripe-apps-secrets/inline-wasm' },
    logLevel: 'warning',
  });
  // esbuild's defaults: no format given, so iife (no top-level await there).
  iifeBuild = await build({
    absWorkingDir: project.dir,
    entryPoints: ['no-init-page.js', 'no-init-worker.js', 'worker-page.js'],
    outdir: 'www',
    entryNames: '[name].bundle',
    bundle: true,
    logLevel: 'silent',
  });
  await build({
    absWorkingDir: project.dir,
    entryPoints: ['main-before-init.js'],
    outfile: 'www/main-before-init.bundle.js',
    bundle: true,
    format: 'esm',
    logLevel: 'warning',
  });
  for (const page of ['index.html', 'no-wasm-csp.html', 'no-wasm-csp-wasm-only.html', 'no-init.html', 'worker.html', 'main-before-init.html']) {
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

test('each bundle is one .js file with the wasm inside', () => {
  assert.deepEqual(readdirSync(join(project.dir, 'www')).sort(), [
    'consumer-wasm-only.bundle.js',
    'consumer.bundle.js',
    'index.html',
    'main-before-init.bundle.js',
    'main-before-init.html',
    'no-init-page.bundle.js',
    'no-init-worker.bundle.js',
    'no-init.html',
    'no-wasm-csp-wasm-only.html',
    'no-wasm-csp.html',
    'worker-page.bundle.js',
    'worker.html',
  ]);
});

test('esbuild defaults (iife) bundle the inline entry without an error or warning', () => {
  assert.deepEqual(iifeBuild.errors, []);
  assert.deepEqual(iifeBuild.warnings, []);
  const bundle = readFileSync(join(project.dir, 'www', 'no-init-worker.bundle.js'), 'utf8');
  assert.match(bundle, /^\(\(\) => \{\n/, 'an iife');
  assert.doesNotMatch(bundle, /import\.meta/);
});

test('no init(): inline entry in a classic script (iife) on the main thread', async () => {
  const errors = [];
  const result = await visit('/no-init.html', errors);
  assert.deepEqual(errors, []);
  assert.deepEqual(result, {
    status: 'done',
    text: 'Found no_init in the user scope: no init, page; other user: StripeScopeError',
  });
});

test('no init(): inline entry in a classic worker (iife, new Worker(url))', async () => {
  const errors = [];
  const result = await visit('/worker.html', errors);
  assert.deepEqual(errors, []);
  assert.deepEqual(result, {
    status: 'done',
    text: 'Found no_init in the user scope: no init, worker; other user: StripeScopeError',
  });
});

test('the bundler entry in a browser before init(): StripeInvalidRequestError not_initialized', async () => {
  const errors = [];
  const result = await visit('/main-before-init.html', errors);
  assert.deepEqual(errors, []);
  assert.deepEqual(result, {
    status: 'done',
    text:
      'typed StripeInvalidRequestError not_initialized: ' +
      "No engine is loaded yet: await init() first. (The bare import 'stripe-apps-secrets' is ready on import.)",
  });
});

test('Chromium compiles the wasm, far over 4 KB, synchronously on the main thread', async () => {
  // Chrome used to refuse `new WebAssembly.Module(bytes)` on the main thread
  // for more than 4 KB ("RangeError: WebAssembly.Module(): Buffer size ...
  // Use WebAssembly.compile"); the inline entry relies on it being allowed.
  const wasm = readFileSync(join(project.dir, 'node_modules', 'stripe-apps-secrets', 'stripe_apps_secrets_bg.wasm'));
  const page = await openPage(browser, []);
  await page.goto(emulator.url + '/no-init.html');
  const result = await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    try {
      const module = new WebAssembly.Module(bytes);
      return { size: bytes.length, compiled: module instanceof WebAssembly.Module, exports: WebAssembly.Module.exports(module).length };
    } catch (error) {
      return { size: bytes.length, error: `${error.name}: ${error.message}` };
    }
  }, wasm.toString('base64'));
  await page.close();
  assert.ok(result.size > 16 * 4096, `the wasm is ${result.size} bytes, far over the 4 KB Chrome once allowed`);
  assert.equal(result.error, undefined);
  assert.equal(result.compiled, true);
  assert.ok(result.exports > 10);
});

test('await init() then create + find, under a CSP with wasm-unsafe-eval', async () => {
  const errors = [];
  const result = await visit('/', errors);
  assert.deepEqual(errors, []);
  assert.deepEqual(result, {
    status: 'done',
    text: 'Found esbuild_inline in the user scope: from an esbuild bundle (engine: wasm)',
  });
});

test('initSync() works on the main thread too', async () => {
  const errors = [];
  const result = await visit('/?sync', errors);
  assert.deepEqual(errors, []);
  assert.equal(result.status, 'done');
});

test("without 'wasm-unsafe-eval' in the CSP the inline entry runs on the JS engine", async () => {
  const errors = [];
  const result = await visit('/no-wasm-csp.html', errors);
  assert.deepEqual(result, {
    status: 'done',
    text: 'Found esbuild_inline in the user scope: from an esbuild bundle (engine: js)',
  });
});

test("without 'wasm-unsafe-eval' in the CSP the inline-wasm entry cannot run: init() says why and which entry to use", async () => {
  const result = await visit('/no-wasm-csp-wasm-only.html', []);
  assert.equal(result.status, 'error');
  assert.equal(
    result.text,
    "StripeInvalidRequestError: WebAssembly cannot run here (no WebAssembly, or a Content-Security-Policy without 'wasm-unsafe-eval'), " +
      "and this entry has no other engine: import 'stripe-apps-secrets' instead.",
  );
});

test('the bundler entry under esbuild defaults emits no .wasm (the bare import carries it)', async () => {
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

test("the bundler entry in a one-file IIFE build (the Stripe CLI's): init() says why and which entry to use", async () => {
  const built = await build({
    absWorkingDir: project.dir,
    stdin: {
      contents:
        "import init, { SecretStore } from 'stripe-apps-secrets/bundler';\n" +
        'globalThis.bundlerInIife = init().then(() => ({ loaded: true }), (error) => ({ type: error.type, code: error.code, message: error.message }))' +
        '.then((outcome) => { try { new SecretStore({}); } catch (error) { outcome.store = error.code; } return outcome; });',
      resolveDir: project.dir,
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2016',
    write: false,
    logLevel: 'silent',
  });
  // esbuild says nothing at build time: it keeps its `empty-import-meta`
  // warning to itself for files under node_modules.
  assert.deepEqual(built.warnings, []);
  // So it is said at run time, where WebAssembly compiles (this Node realm):
  // a typed refusal, not wasm-bindgen's `TypeError: Invalid URL`.
  new Function(built.outputFiles[0].text)();
  const outcome = await globalThis.bundlerInIife;
  assert.deepEqual(outcome, {
    type: 'StripeInvalidRequestError',
    code: 'wasm_url_unknown',
    message:
      "This build gives 'stripe-apps-secrets/bundler' no URL to fetch its .wasm from (an IIFE or CommonJS bundle, as the Stripe CLI makes): " +
      "import 'stripe-apps-secrets', which carries the .wasm and is ready on import, or pass init({ module_or_path }).",
    store: 'not_initialized',
  });
});
