// webpack 5 consumer: tests/consumers/bundlers built by webpack's Node API
// with no configuration for the wasm (production mode, target web), the
// packed package installed in a throwaway project, served by the emulator
// on the API's origin and run in headless Chromium. webpack emits the .wasm
// that the main entry's `new URL(..., import.meta.url)` names, so
// `await init()` works; the inline entry needs no init.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import webpack from 'webpack';
import { launchChromium } from '../support/browser.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { writePage, visit } from './bundlers/page.mjs';
import { consumerProject } from './support/project.mjs';

let project;
let emulator;
let browser;
const stats = {};

function pack(name, entry) {
  const outDir = join(project.dir, 'www', name);
  mkdirSync(outDir, { recursive: true });
  const config = {
    context: project.dir,
    mode: 'production',
    target: 'web',
    entry: `./${entry}`,
    output: { path: outDir, filename: 'app.js' },
    infrastructureLogging: { level: 'error' },
  };
  return new Promise((resolve, reject) => {
    webpack(config, (error, result) => {
      if (error) return reject(error);
      const json = result.toJson({ all: false, errors: true, warnings: true, assets: true });
      writePage(outDir, { bundler: `webpack_${name}`, script: 'app.js' });
      resolve(json);
    });
  });
}

before(async () => {
  project = consumerProject({ copy: ['tests/consumers/bundlers'] });
  stats.main = await pack('main', 'app.js');
  stats.inline = await pack('inline', 'app-inline.js');
  emulator = await startEmulator(['--www', join(project.dir, 'www')]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await emulator?.stop();
  project?.cleanup();
});

/** Webpack's size hint for the lazily loaded JS-engine chunk: the only warning allowed. */
const engineChunkHint = (warning) =>
  /^asset size limit/.test(warning.message) && /stripe_apps_secrets_js\.js/.test(warning.message);

test('webpack builds both entries without an error, and warns only of the JS engine chunk\'s size', () => {
  for (const name of ['main', 'inline']) {
    assert.deepEqual(stats[name].errors, [], name);
    assert.deepEqual(stats[name].warnings.filter((w) => !engineChunkHint(w)), [], name);
  }
});

test('webpack emits the .wasm for the main entry, none for the inline entry', () => {
  const main = readdirSync(join(project.dir, 'www', 'main'));
  assert.ok(main.some((file) => file.endsWith('.wasm')), `a .wasm among ${main.join(', ')}`);
  // The JS engine is a chunk of its own (`<id>.app.js`), loaded only where wasm cannot compile.
  const inline = readdirSync(join(project.dir, 'www', 'inline')).sort();
  assert.deepEqual(inline.filter((f) => !/^\d+\.app\.js$/.test(f)), ['app.js', 'index.html']);
  assert.ok(inline.every((f) => !f.endsWith('.wasm')), 'no .wasm for the inline entry');
});

test('main entry, await init(): create + find in Chromium', async () => {
  const result = await visit(browser, `${emulator.url}/main/index.html`);
  assert.deepEqual([result.errors, result.failed], [[], []]);
  assert.equal(result.text, 'Found bundled_webpack_main in the user scope: from the main entry');
  assert.deepEqual(result.wasm, ['application/wasm']);
});

test('inline entry, no init: create + find in Chromium', async () => {
  const result = await visit(browser, `${emulator.url}/inline/index.html`);
  assert.deepEqual([result.errors, result.failed], [[], []]);
  assert.equal(result.text, 'Found bundled_webpack_inline in the user scope: from the inline-wasm entry');
  assert.deepEqual(result.wasm, []);
});
