// Vite + React consumer: examples/vite-react, copied into a throwaway project
// that has the packed package installed (as `npm install` leaves it), built
// with Vite's build(), served by the emulator (--www, same origin as the API)
// and run in headless Chromium: one create + find completes, no console error.
// Then the same app under `vite` (dev server), calling the emulator cross-origin.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build, createServer } from 'vite';
import { launchChromium, openPage } from '../support/browser.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { consumerProject } from './support/project.mjs';

let project;
let emulator;
let browser;
let dist;

before(async () => {
  project = consumerProject({
    links: ['react', 'react-dom', 'vite', '@vitejs/plugin-react'],
    copy: ['examples/vite-react'],
  });
  dist = join(project.dir, 'dist');
  await build({ root: project.dir, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  emulator = await startEmulator(['--www', dist]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await emulator?.stop();
  project?.cleanup();
});

test('vite build emits the .wasm as an asset, with no plugin for it', () => {
  const assets = readdirSync(join(dist, 'assets'));
  assert.ok(
    assets.some((file) => file.endsWith('.wasm')),
    `a .wasm among ${assets.join(', ')}`,
  );
});

test('the React app completes create + find against the emulator', async () => {
  const errors = [];
  const page = await openPage(browser, errors);
  const wasmResponses = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.wasm')) wasmResponses.push(response.headers()['content-type']);
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(emulator.url + '/?user=usr_vite');
  await page.waitForSelector('[data-status="done"], [data-status="error"]', { timeout: 15_000 });
  const text = await page.textContent('body');
  assert.deepEqual(errors, []);
  assert.match(text, /Found example_token \(appsecret_\w+\) in the user scope: token-from-vite-react/);
  assert.deepEqual(wasmResponses, ['application/wasm']);
  await page.close();
});

test('the same app under the Vite dev server, with the same config', async () => {
  const server = await createServer({
    root: project.dir,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  try {
    await server.listen();
    const errors = [];
    const page = await openPage(browser, errors);
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.resolvedUrls.local[0]}?user=usr_dev&api=${encodeURIComponent(emulator.url)}`);
    await page.waitForSelector('[data-status="done"], [data-status="error"]', { timeout: 20_000 });
    const text = await page.textContent('body');
    assert.deepEqual(errors, []);
    assert.match(text, /Found example_token \(appsecret_\w+\) in the user scope: token-from-vite-react/);
    await page.close();
  } finally {
    await server.close();
  }
});
