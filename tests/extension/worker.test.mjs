// The module in a dedicated Web Worker (headless Chromium), with both
// transports, against the emulator:
//   - apiKey + baseUrl: the global fetch of the worker;
//   - fetch: emulatorApiFetch, the stripeApiFetch stand-in over the
//     emulator's extension mode (placeholder key + Stripe-Emulator-User).
// A third run uses the `inline` entry (the .wasm embedded in the module),
// which spares an extension bundle from serving a .wasm file.
// The emulator serves a temp folder holding worker-page/ and
// www/emulator-api-fetch.js at /, and pkg/ at /pkg/, so page, worker,
// module and API share one origin. Any console or page error fails.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { launchChromium, openPage } from '../support/browser.mjs';
import { startEmulator } from '../support/emulator.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const USER = 'usr_worker1';
const PAYLOAD = 'worker &=+ 🔐 %20\nline';

let folder;
let emulator;
let browser;
let page;
const errors = []; // from openPage: console errors and page errors
const consoleErrors = []; // the console errors again, with their URL

/** Errors other than the expected 404 of find-after-delete. */
function unexpectedErrors() {
  const expected404 = consoleErrors.filter(
    (e) => /status of 404/.test(e.text) && new URL(e.url).pathname === '/v1/apps/secrets/find',
  ).length;
  const rest = [...errors];
  for (let i = 0; i < expected404; i++) {
    const at = rest.findIndex((e) => /^console: Failed to load resource: .*status of 404/.test(e));
    if (at >= 0) rest.splice(at, 1);
  }
  return rest;
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'worker-page-'));
  cpSync(here('./worker-page'), folder, { recursive: true });
  cpSync(here('../../www/emulator-api-fetch.js'), join(folder, 'emulator-api-fetch.js'));
  emulator = await startEmulator(['--www', folder, '--pkg', here('../../pkg')]);
  browser = await launchChromium();
  page = await openPage(browser, errors);
  // Chromium may log a 4xx answer as a console error; the one 404 each run
  // expects (find after deleteWhere) is told apart by its URL.
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: message.location().url });
  });
  await page.goto(`${emulator.url}/index.html`);
  await page.waitForFunction(() => window.pageReady === true, null, { timeout: 10_000 });
});

after(async () => {
  await browser?.close();
  await emulator?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function runInWorker(config) {
  await emulator.reset();
  const answer = await page.evaluate((c) => window.runInWorker(c), { userId: USER, payload: PAYLOAD, ...config });
  assert.equal(answer.failed, undefined, `the worker failed: ${answer.failed}`);
  return { ...answer.results, entry: config.entry ?? 'main' };
}

function assertOperations(r) {
  const { wasmFetched, ...where } = r.environment;
  assert.deepEqual(where, { noWindow: true, dedicatedWorker: true }, 'ran in a dedicated worker');
  assert.equal(wasmFetched, r.entry !== 'inline', 'the main entry fetches the .wasm, the inline one does not');

  assert.equal(r.create.object, 'apps.secret');
  assert.equal(r.create.name, 'oauth');
  assert.deepEqual(r.create.scope, { type: 'user', user: USER });
  assert.equal(r.create.expires_at, r.expiresAt);
  assert.equal(r.create.payload, undefined, 'payload only when expanded');

  assert.equal(r.find.id, r.create.id);
  assert.equal(r.find.payload, PAYLOAD, 'the payload round-trips exactly');

  assert.equal(r.list.object, 'list');
  assert.equal(r.list.url, '/v1/apps/secrets');
  assert.equal(r.list.has_more, true);
  assert.equal(r.list.data.length, 2);
  for (const s of r.list.data) assert.deepEqual(s.scope, { type: 'account' });

  assert.deepEqual(
    r.listAll.map((s) => s.name).sort(),
    ['a1', 'a2', 'a3'],
    'listAll follows has_more across pages of 2',
  );
  for (const s of r.listAll) assert.equal(s.payload, `account ${s.name}`);
  assert.deepEqual(
    r.list.data.map((s) => s.name),
    r.listAll.slice(0, 2).map((s) => s.name),
    'listAll starts with the first page',
  );

  assert.equal(r.deleteWhere.deleted, true);
  assert.equal(r.deleteWhere.id, r.create.id);

  assert.equal(r.findAfterDelete.isError, true);
  assert.equal(r.findAfterDelete.type, 'StripeInvalidRequestError');
  assert.equal(r.findAfterDelete.code, 'resource_missing');
  assert.equal(r.findAfterDelete.statusCode, 404);

  assert.equal(r.otherUser.isError, true);
  assert.equal(r.otherUser.type, 'StripeScopeError');
  assert.equal(r.otherUser.code, 'scope_not_allowed');
}

/** create, find, 3 creates, list, listAll (2 pages), deleteWhere, find: the refused call sends nothing. */
const EXPECTED_REQUESTS = [
  'POST /v1/apps/secrets',
  'GET /v1/apps/secrets/find',
  'POST /v1/apps/secrets',
  'POST /v1/apps/secrets',
  'POST /v1/apps/secrets',
  'GET /v1/apps/secrets',
  'GET /v1/apps/secrets',
  'GET /v1/apps/secrets',
  'POST /v1/apps/secrets/delete',
  'GET /v1/apps/secrets/find',
];

const lower = (names) => names.map((n) => n.toLowerCase());

test('every operation in a dedicated worker: apiKey + baseUrl (global fetch)', async () => {
  const r = await runInWorker({ transport: 'apiKey', apiKey: 'sk_test_worker' });
  assertOperations(r);
  assert.deepEqual(r.sent, []);
  const log = await emulator.requests();
  assert.deepEqual(log.map((q) => `${q.method} ${q.path}`), EXPECTED_REQUESTS);
  for (const q of log) assert.ok(!lower(q.headers).includes('stripe-emulator-user'), 'backend mode');
  assert.deepEqual(unexpectedErrors(), []);
});

test('every operation in a dedicated worker: fetch option (stripeApiFetch stand-in)', async () => {
  const r = await runInWorker({ transport: 'fetch' });
  assertOperations(r);
  // Everything went through the stand-in, and the emulator saw it in extension mode.
  assert.deepEqual(r.sent.map((q) => `${q.method} ${q.path}`), EXPECTED_REQUESTS);
  const log = await emulator.requests();
  assert.deepEqual(log.map((q) => `${q.method} ${q.path}`), EXPECTED_REQUESTS);
  for (const q of log) assert.ok(lower(q.headers).includes('stripe-emulator-user'), 'extension mode');
  assert.deepEqual(
    log.map((q) => q.status),
    [200, 200, 200, 200, 200, 200, 200, 200, 200, 404],
  );
  assert.deepEqual(unexpectedErrors(), []);
});

test('every operation in a dedicated worker: stripe-apps-secrets/inline with the fetch option', async () => {
  const r = await runInWorker({ transport: 'fetch', entry: 'inline' });
  assertOperations(r);
  assert.deepEqual(r.sent.map((q) => `${q.method} ${q.path}`), EXPECTED_REQUESTS);
  assert.deepEqual(unexpectedErrors(), []);
});

test('no console or page errors', (t) => {
  t.diagnostic(`console errors seen: ${JSON.stringify(consoleErrors.map((e) => `${e.text} @ ${new URL(e.url).pathname}`))}`);
  assert.deepEqual(unexpectedErrors(), []);
});
