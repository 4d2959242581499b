// Rollup 4 consumer: tests/consumers/bundlers built by Rollup's Node API with
// @rollup/plugin-node-resolve (browser), the packed package installed in a
// throwaway project, served by the emulator on the API's origin and run in
// headless Chromium. Plain Rollup builds the main entry without a word and
// emits no .wasm, so `await init()` then fetches a file that is not there
// (404); @web/rollup-plugin-import-meta-assets emits it, and the inline
// entry needs neither the asset nor init().
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';
import { rollup } from 'rollup';
import { launchChromium } from '../support/browser.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { writePage, visit } from './bundlers/page.mjs';
import { consumerProject } from './support/project.mjs';

let project;
let emulator;
let browser;
const warnings = {};

async function bundle(name, entry, plugins = []) {
  const outDir = join(project.dir, 'www', name);
  mkdirSync(outDir, { recursive: true });
  warnings[name] = [];
  const build = await rollup({
    input: join(project.dir, entry),
    plugins: [nodeResolve({ browser: true }), ...plugins],
    onwarn: (warning) => warnings[name].push(`${warning.code}: ${warning.message}`),
  });
  await build.write({ dir: outDir, format: 'es', entryFileNames: 'app.js' });
  await build.close();
  writePage(outDir, { bundler: `rollup_${name}`, script: 'app.js', module: true });
}

before(async () => {
  project = consumerProject({ copy: ['tests/consumers/bundlers'] });
  await bundle('plain', 'app.js');
  await bundle('assets', 'app.js', [importMetaAssets()]);
  await bundle('inline', 'app-inline.js');
  emulator = await startEmulator(['--www', join(project.dir, 'www')]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await emulator?.stop();
  project?.cleanup();
});

test('Rollup builds all three without a warning', () => {
  assert.deepEqual(warnings, { plain: [], assets: [], inline: [] });
});

/** Files a build emitted, the lazily loaded JS-engine chunk named as such. */
const emittedIn = (dir) => readdirSync(dir).map((f) => (/^stripe_apps_secrets_js-[\w-]+\.js$/.test(f) ? '(JS engine chunk)' : f)).sort();

test('plain Rollup emits no .wasm but leaves new URL(...wasm, import.meta.url) in the bundle', () => {
  const dir = join(project.dir, 'www', 'plain');
  // The JS engine is a chunk of its own, loaded only where wasm cannot compile.
  assert.deepEqual(emittedIn(dir), ['(JS engine chunk)', 'app.js', 'index.html']);
  assert.match(readFileSync(join(dir, 'app.js'), 'utf8'), /new URL\(["']stripe_apps_secrets_bg\.wasm["'],\s*import\.meta\.url\)/);
});

test('plain Rollup: await init() fetches the .wasm, 404, and rejects', async () => {
  const result = await visit(browser, `${emulator.url}/plain/index.html`);
  assert.equal(result.status, 'error');
  assert.deepEqual(result.failed, ['404 /plain/stripe_apps_secrets_bg.wasm']);
  assert.match(result.text, /^Error: failed to fetch Wasm: 404 .*stripe_apps_secrets_bg\.wasm/);
});

test('with @web/rollup-plugin-import-meta-assets: the .wasm is emitted, create + find works', async () => {
  const emitted = readdirSync(join(project.dir, 'www', 'assets'), { recursive: true }).map(String);
  assert.ok(emitted.some((file) => file.endsWith('.wasm')), `a .wasm among ${emitted.join(', ')}`);
  const result = await visit(browser, `${emulator.url}/assets/index.html`);
  assert.deepEqual([result.errors, result.failed], [[], []]);
  assert.equal(result.text, 'Found bundled_rollup_assets in the user scope: from the main entry');
  assert.deepEqual(result.wasm, ['application/wasm']);
});

test('inline entry, no plugin, no init: create + find works', async () => {
  assert.deepEqual(readdirSync(join(project.dir, 'www', 'inline')).sort(), ['app.js', 'index.html']);
  const result = await visit(browser, `${emulator.url}/inline/index.html`);
  assert.deepEqual([result.errors, result.failed], [[], []]);
  assert.equal(result.text, 'Found bundled_rollup_inline in the user scope: from the inline-wasm entry');
  assert.deepEqual(result.wasm, []);
});
