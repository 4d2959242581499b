// The module in headless Chromium, as a UI extension, in a page and in a
// dedicated Web Worker: through the SDK's own `stripeApiFetch` (the published
// SDK bundled unchanged for the browser by esbuild) and the fake Dashboard
// (tests/support/fake-dashboard.mjs), over both of the SDK's transports,
// against the emulator. The run (worker-page/scenario.js) makes its first
// call before the Dashboard is ready, runs every operation, checks that the
// bare path the library used to send fails, reads an answer without `json`
// from `arrayBuffer`, and compares its requests with stripe-node's (browser
// build, with the SDK's createHttpClient) at the fake Dashboard.
// The worker also runs the `inline` entry (the .wasm embedded in the module),
// which spares an extension bundle from serving a .wasm file.
// The emulator serves a temp folder holding worker-page/, fake-dashboard.mjs
// and sdk.js at /, and pkg/ at /pkg/, so page, worker, module and API share
// one origin. Any console or page error fails.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { launchChromium, openPage } from '../support/browser.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { writeBrowserBundle } from './sdk-bundle.mjs';

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
  copyFileSync(here('../support/fake-dashboard.mjs'), join(folder, 'fake-dashboard.mjs'));
  const sdkFiles = await writeBrowserBundle(join(folder, 'sdk.js'));
  assert.ok(sdkFiles.some((f) => f.endsWith('utils/api/fetchViaFrame.js')), 'the SDK transport code is bundled as published');
  emulator = await startEmulator(['--www', folder, '--pkg', here('../../pkg')]);
  browser = await launchChromium();
  page = await openPage(browser, errors);
  // Chromium may log a 4xx answer as a console error; the 404s each run
  // expects (find after deleteWhere) are told apart by their URL.
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

async function runIn(realm, config) {
  await emulator.reset();
  const answer = await page.evaluate(
    ([fn, c]) => window[fn](c),
    [realm === 'worker' ? 'runInWorker' : 'runInPage', { userId: USER, payload: PAYLOAD, entry: 'main', ...config }],
  );
  assert.equal(answer.failed, undefined, `the ${realm} run failed: ${answer.failed}`);
  return { ...answer.results, realm, entry: config.entry ?? 'main' };
}

function assertOperations(r) {
  const { wasmFetched, ...where } = r.environment;
  if (r.realm === 'worker') {
    assert.deepEqual(where, { noWindow: true, dedicatedWorker: true }, 'ran in a dedicated worker');
    assert.equal(wasmFetched, r.entry !== 'inline', 'the main entry fetches the .wasm, the inline one does not');
  } else {
    assert.deepEqual(where, { noWindow: false, dedicatedWorker: false }, 'ran in the page');
  }

  // The first call was made before the Dashboard was ready, and went out once it was.
  assert.equal(r.readyBeforeCreate, false);
  assert.ok(r.sent.every((q) => q.transport === r.transport), 'every request over the transport asked for');
  if (r.transport === 'frame') assert.equal(r.frameAuthorization, true, 'the SDK put the app key in Authorization');

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

  // What the library used to send: a bare path, refused by the SDK or the realm, sent nowhere.
  assert.equal(r.barePath.name, 'TypeError', JSON.stringify(r.barePath));
  assert.match(r.barePath.message, r.transport === 'host' ? /Invalid URL/ : /Failed to fetch/);
  assert.equal(r.barePathReached, 0);

  // Content-Type `application/json; charset=utf-8`: no json, and the library reads arrayBuffer.
  assert.deepEqual(r.charset, { json: 'absent', arrayBuffer: true, found: 'account a1' });

  // stripe-node + createHttpClient() and the library send the same requests, with the same results.
  assert.deepEqual(
    r.parity.map((p) => p.label),
    ['create', 'find', 'list', 'deleteWhere'],
  );
  for (const p of r.parity) {
    assert.deepEqual(p.requests, [1, 1], `${p.label}: one request each`);
    assert.equal(p.same, true, `${p.label}: same method, path and parameters`);
    assert.deepEqual(p.statuses, [200, 200], p.label);
    assert.equal(p.sameResult, true, `${p.label}: same result`);
  }
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

async function assertEmulatorLog(r) {
  assert.deepEqual(r.sent.map((q) => `${q.method} ${q.path}`), EXPECTED_REQUESTS);
  assert.deepEqual(r.sent.map((q) => q.status), [200, 200, 200, 200, 200, 200, 200, 200, 200, 404]);
  const log = await emulator.requests();
  // The operations, then the arrayBuffer find twice (raw and through the store), then parity (2 per op, +2 creates).
  assert.deepEqual(log.slice(0, 10).map((q) => `${q.method} ${q.path}`), EXPECTED_REQUESTS, 'the first create reached the emulator once');
  assert.equal(log.length, 10 + 2 + 10);
  for (const q of log) assert.ok(q.headers.map((h) => h.toLowerCase()).includes('stripe-emulator-user'), 'extension mode');
}

for (const realm of ['page', 'worker']) {
  for (const transport of ['host', 'frame']) {
    test(`every operation in the ${realm}, SDK ${transport} transport`, async () => {
      const r = await runIn(realm, { transport });
      assertOperations(r);
      await assertEmulatorLog(r);
      assert.deepEqual(unexpectedErrors(), []);
    });
  }
}

for (const transport of ['host', 'frame']) {
  test(`stripe-apps-secrets (the bare import, inline.js) in a worker, SDK ${transport} transport`, async () => {
    const r = await runIn('worker', { transport, entry: 'inline' });
    assertOperations(r);
    await assertEmulatorLog(r);
    assert.deepEqual(unexpectedErrors(), []);
  });
}

test('no console or page errors', (t) => {
  t.diagnostic(`console errors seen: ${JSON.stringify(consoleErrors.map((e) => `${e.text} @ ${new URL(e.url).pathname}`))}`);
  assert.deepEqual(unexpectedErrors(), []);
});
