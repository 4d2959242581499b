// Node 20 consumer: the packed package installed in a throwaway project,
// imported by its name, initialised the documented ways, one create + find
// against the emulator through Node's global fetch.
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

async function consumer(file) {
  const { stdout } = await run(process.execPath, [file], {
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

test('main entry, initSync with the bytes of the .wasm, user scope', async () => {
  const { created, found } = await consumer('main-sync.mjs');
  assert.equal(created.object, 'apps.secret');
  assert.deepEqual(created.scope, { type: 'user', user: 'usr_node' });
  assert.equal(found.id, created.id);
  assert.equal(found.payload, 'a&b=c+d%\n€');
});

test('main entry, await init({ module_or_path }), account scope', async () => {
  const { created, found } = await consumer('main-async.mjs');
  assert.deepEqual(created.scope, { type: 'account' });
  assert.equal(found.payload, 'account secret');
});

test('inline entry, await init() with no argument', async () => {
  const { created, found } = await consumer('inline.mjs');
  assert.equal(found.id, created.id);
  assert.equal(found.payload, 'inline');
});

test('importing either entry has no side effects (sideEffects: false)', async () => {
  const result = await consumer('side-effects.mjs');
  assert.equal(result.globalsChanged, false);
  assert.deepEqual(result.calls, []);
  assert.ok(result.mainExports.includes('SecretStore') && result.mainExports.includes('default'));
  assert.ok(result.inlineExports.includes('SecretStore') && result.inlineExports.includes('initSync'));
});
