// Node 20 consumer: the packed package installed in a throwaway project,
// imported (or required) by its name, with no init (the `node` export
// condition, the inline entry) and with the init calls of earlier versions,
// which keep working; one create + find against the emulator through Node's
// global fetch.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { startEmulator } from '../support/emulator.mjs';
import { consumerProject } from './support/project.mjs';

const run = promisify(execFile);
let emulator;
let project;

before(async () => {
  emulator = await startEmulator();
  project = consumerProject({ copy: ['tests/consumers/node'] });
});
after(async () => {
  await emulator?.stop();
  project?.cleanup();
});

async function consumer(file, flags = []) {
  const { stdout } = await run(process.execPath, [...flags, file], {
    cwd: project.dir,
    env: { ...process.env, API: emulator.url },
    timeout: 20_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop());
}

test('the packed package holds the entries, the wasm and its manifest', () => {
  for (const file of [
    'index.d.ts',
    'index.d.cts',
    'inline.js',
    'inline.cjs',
    'inline-wasm.js',
    'inline-wasm.cjs',
    'inline-js.js',
    'inline-js.cjs',
    'node.js',
    'package.json',
    'stripe_apps_secrets.js',
    'stripe_apps_secrets_bg.wasm',
    'testing.d.ts',
    'testing.d.cts',
  ]) {
    assert.ok(project.files.includes(file), `${file} is packed (packed: ${project.files.join(', ')})`);
  }
});

test('main entry with no init: the node export condition is ready on import', async () => {
  const { created, found } = await consumer('no-init-main.mjs');
  assert.deepEqual(created.scope, { type: 'user', user: 'usr_node' });
  assert.equal(found.id, created.id);
  assert.equal(found.payload, 'no init');
});

test('the bare import\'s browser build (inline.js, by its file) with no init', async () => {
  const { created, found } = await consumer('no-init-inline.mjs');
  assert.deepEqual(created.scope, { type: 'account' });
  assert.equal(found.id, created.id);
  assert.equal(found.payload, 'inline, no init');
});

for (const [name, flags] of [
  ['Node >= 20.19', []],
  // What a CommonJS script gets on Node 20.0-20.18, which cannot require() an
  // ES module: the package's CommonJS builds need no require(esm).
  ['without require(esm)', ['--no-experimental-require-module']],
]) {
  test(`CommonJS: require() of every entry loads its CommonJS build (${name})`, async () => {
    const { created, found, refused, bundlerObject, sameModule, engines, resolved } = await consumer('require.cjs', flags);
    assert.equal(found.id, created.id);
    assert.equal(found.payload, 'from require');
    assert.deepEqual(refused, { scopeError: true, stripeError: true, type: 'StripeScopeError', name: 'StripeScopeError' });
    assert.equal(bundlerObject, 'list');
    assert.equal(sameModule, true, 'require() of the bare import and of `bundler` give one module');
    assert.deepEqual(engines, { main: 'wasm', bundler: 'wasm', 'inline-wasm': 'wasm', 'inline-js': 'js' });
    assert.deepEqual(resolved, {
      main: 'inline.cjs',
      bundler: 'inline.cjs',
      'inline-wasm': 'inline-wasm.cjs',
      'inline-js': 'inline-js.cjs',
    });
  });
}

test('main entry, initSync with the bytes of the .wasm (earlier versions), user scope', async () => {
  const { created, found } = await consumer('main-sync.mjs');
  assert.equal(created.object, 'apps.secret');
  assert.deepEqual(created.scope, { type: 'user', user: 'usr_node' });
  assert.equal(found.id, created.id);
  assert.equal(found.payload, 'a&b=c+d%\n€');
});

test('main entry, await init({ module_or_path }) (earlier versions), account scope', async () => {
  const { created, found } = await consumer('main-async.mjs');
  assert.deepEqual(created.scope, { type: 'account' });
  assert.equal(found.payload, 'account secret');
});

test('the bare import\'s browser build (inline.js, by its file), await init() with no argument', async () => {
  const { created, found } = await consumer('inline.mjs');
  assert.equal(found.id, created.id);
  assert.equal(found.payload, 'inline');
});

test('import side effects: none for the browser main entry; node.js and inline.js compile the wasm, nothing more', async () => {
  const result = await consumer('side-effects.mjs');
  assert.equal(result.globalsChanged, false);
  assert.deepEqual(result.browserMainCalls, []);
  assert.deepEqual(result.beforeInit, {
    invalidRequest: true,
    type: 'StripeInvalidRequestError',
    code: 'not_initialized',
    message: "No engine is loaded yet: await init() first. (The bare import 'stripe-apps-secrets' is ready on import.)",
  });
  // One synchronous compile, no fetch, no asynchronous compile. The inline
  // entry is one file of its own: it compiles the 8-byte probe, then its
  // embedded wasm, synchronously.
  assert.deepEqual(result.nodeMainCalls, ['new Module']);
  assert.deepEqual(result.inlineCalls, ['new Module', 'new Module']);
  assert.equal(result.sameClasses, true);
  assert.ok(result.mainExports.includes('SecretStore') && result.mainExports.includes('default'));
  assert.ok(result.mainExports.includes('StripeScopeError') && result.mainExports.includes('initSync'));
  assert.ok(result.inlineExports.includes('SecretStore') && result.inlineExports.includes('initSync'));
});
