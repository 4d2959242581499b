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
    'inline.d.ts',
    'inline.js',
    'package.json',
    'stripe_apps_secrets.d.ts',
    'stripe_apps_secrets.js',
    'stripe_apps_secrets_bg.wasm',
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

test('inline entry with no init', async () => {
  const { created, found } = await consumer('no-init-inline.mjs');
  assert.deepEqual(created.scope, { type: 'account' });
  assert.equal(found.id, created.id);
  assert.equal(found.payload, 'inline, no init');
});

test("CommonJS: require('stripe-apps-secrets') and '/inline' (require(esm), Node >= 20.19)", async () => {
  const { created, found, refused, inlineObject } = await consumer('require.cjs');
  assert.equal(found.id, created.id);
  assert.equal(found.payload, 'from require');
  assert.deepEqual(refused, { scopeError: true, stripeError: true, type: 'StripeScopeError' });
  assert.equal(inlineObject, 'list');
});

test('CommonJS without require(esm) (as Node before 20.19): ERR_REQUIRE_ESM', async () => {
  // Node 20.19 turned require(esm) on; the flag turns it off again, which is
  // what a CommonJS script gets on Node 20.0-20.18.
  await assert.rejects(consumer('require.cjs', ['--no-experimental-require-module']), (error) => {
    assert.match(error.stderr, /ERR_REQUIRE_ESM/);
    return true;
  });
});

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

test('inline entry, await init() with no argument', async () => {
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
    message: 'The wasm is not loaded yet: await init() first (the inline entry and Node need no init).',
  });
  // One synchronous compile, no fetch, no asynchronous compile. The inline
  // entry shares the main entry's module graph: imported after node.js, it
  // finds the wasm loaded and compiles nothing more.
  assert.deepEqual(result.nodeMainCalls, ['new Module']);
  assert.deepEqual(result.inlineCalls, []);
  assert.equal(result.sameClasses, true);
  assert.ok(result.mainExports.includes('SecretStore') && result.mainExports.includes('default'));
  assert.ok(result.mainExports.includes('StripeScopeError') && result.mainExports.includes('initSync'));
  assert.ok(result.inlineExports.includes('SecretStore') && result.inlineExports.includes('initSync'));
});
