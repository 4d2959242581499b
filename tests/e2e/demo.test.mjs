// End-to-end test of the demo page (www/) in Debian's Chromium: the flow a
// viewer follows, the rule refusing another user's scope with nothing sent,
// extension mode (the SDK's own stripeApiFetch behind the fake Dashboard, over
// both transports), the phone-width layout, and the rough edges its
// screenshots once showed (scope and name defaults that disagree, a cut-off
// select, a class name broken mid-word, an empty panel after a delete),
// measured in the browser. Needs pkg/ and the debug emulator built
// (scripts/build-pkg.sh; cargo build -p secret-store-emulator); it bundles the
// SDK into www/vendor/ itself (scripts/build-demo-sdk.mjs).
// Run from the repo root: node --test tests/e2e/demo.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { startEmulator } from '../support/emulator.mjs';
import { launchChromium, openPage } from '../support/browser.mjs';
import { selectFit, textLayout } from './layout.mjs';
import { buildDemoSdk } from '../../scripts/build-demo-sdk.mjs';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
// Emoji (astral and ZWJ), characters that form encoding cares about, a
// percent escape that must stay literal, and non-ASCII letters.
const USER_PAYLOAD = 'tok_🔑🦀👩‍💻 a&b=c+d %2B é ü';
const ACCOUNT_PAYLOAD = 'acct-config-v1';

/** The demo served by an emulator, and a Chromium page collecting `errors`. */
async function serveDemo(errors) {
  await buildDemoSdk();
  const emulator = await startEmulator(['--www', 'www', '--pkg', 'pkg']);
  const browser = await launchChromium();
  const page = await openPage(browser, errors);
  return { emulator, browser, page };
}

describe('demo page', { timeout: 60_000 }, () => {
  let emulator;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    ({ emulator, browser, page } = await serveDemo(errors));
    page.setDefaultTimeout(5_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    // Any request answered with an error status (a 404 favicon, a missing module) fails the test too.
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (response.status() >= 400 && !url.pathname.startsWith('/v1/')) {
        errors.push(`http ${response.status()}: ${url.pathname}`);
      }
    });
  });

  after(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  /**
   * Presses an operation button, waits until the page logged its outcome, and
   * resolves with the log entry of that operation (a delete is followed by a
   * listing of its scope, logged as an entry of its own, newest first).
   */
  async function run(op, { key } = {}) {
    const before = await page.locator('#log > li').count();
    if (key) await page.keyboard.press(key);
    else await page.click(`#op-${op}`);
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('#log > li').length > n &&
        !document.querySelector('#log > li.pending') &&
        !document.body.classList.contains('busy'),
      before,
    );
    const added = (await page.locator('#log > li').count()) - before;
    return page.locator('#log > li').nth(added - 1);
  }

  const requestLines = () => page.locator('#log .log-request').count();
  const errorText = (field) => page.locator(`#error-panel .error-${field}`).textContent();

  async function fill({ scope, name, payload, expires }) {
    if (scope !== undefined) await page.selectOption('#scope', scope);
    if (name !== undefined) await page.fill('#name', name);
    if (payload !== undefined) await page.fill('#payload', payload);
    if (expires !== undefined) await page.fill('#expires', expires);
  }

  test('opens without errors and explains the rule', async () => {
    await page.goto(emulator.url + '/');
    await page.waitForSelector('body[data-ready="true"]');
    assert.match(await page.locator('#rule').textContent(), /account/);
    assert.equal(await page.locator('#engine').textContent(), 'engine: wasm', 'the page says which engine runs');
    assert.equal(await page.inputValue('#user'), 'usr_alice');
    assert.equal(await page.getAttribute('#payload', 'type'), 'password');
    // A per-user name and the user's own scope: the defaults describe one secret.
    assert.equal(await page.inputValue('#name'), 'oauth_token');
    assert.equal(await page.inputValue('#scope'), 'user:usr_alice', 'oauth_token defaults to the user scope');
    const scopes = await page.locator('#scope option').evaluateAll((options) => options.map((o) => o.value));
    assert.deepEqual(scopes, ['account', 'user:usr_alice', 'user:usr_bob', 'user:usr_carol']);
    assert.equal(await page.locator('#log > li').count(), 0);
    assert.deepEqual(errors, []);
  });

  test('sets an account secret', async () => {
    await fill({ scope: 'account', name: 'shop_config', payload: ACCOUNT_PAYLOAD });
    const entry = await run('set');
    assert.match(await entry.getAttribute('class'), /\bdone\b/);
    const line = entry.locator('.log-request');
    assert.equal(await line.count(), 1);
    assert.equal(await line.locator('.method').textContent(), 'POST');
    assert.equal(await line.locator('.path').textContent(), '/v1/apps/secrets');
    assert.equal(await line.locator('.pill').textContent(), '200');
    assert.match(await line.locator('.rid').textContent(), /^req_/);
    assert.match(await line.locator('.ms').textContent(), /^\d+ ms$/);
    const row = page.locator('#secrets-body tr[data-scope="account"][data-name="shop_config"]');
    assert.equal(await row.count(), 1);
    assert.match(await page.locator('#status').textContent(), /Saved/);
    assert.equal(await page.locator('#error-panel').isVisible(), false);
  });

  test('sets (with the keyboard) and finds a user secret with the exact payload', async () => {
    await fill({ scope: 'user:usr_alice', name: 'oauth_token', payload: USER_PAYLOAD, expires: '30' });
    // Reveal toggle on the input.
    await page.click('#payload-reveal');
    assert.equal(await page.getAttribute('#payload', 'type'), 'text');
    assert.equal(await page.getAttribute('#payload-reveal', 'aria-pressed'), 'true');
    await page.click('#payload-reveal');
    assert.equal(await page.getAttribute('#payload', 'type'), 'password');
    // Enter in the payload field submits the form's first action, Set.
    await page.focus('#payload');
    const set = await run('set', { key: 'Enter' });
    assert.match(await set.getAttribute('class'), /\bdone\b/);
    assert.match(await set.locator('.op').textContent(), /Set/);

    const found = await run('find');
    assert.match(await found.getAttribute('class'), /\bdone\b/);
    assert.equal(await found.locator('.log-request .method').textContent(), 'GET');
    assert.equal(await found.locator('.log-request .path').textContent(), '/v1/apps/secrets/find');

    const row = page.locator('#secrets-body tr[data-scope="user:usr_alice"][data-name="oauth_token"]');
    const value = row.locator('.payload-value');
    assert.notEqual(await value.textContent(), USER_PAYLOAD, 'payload masked until revealed');
    await row.locator('button.reveal').click();
    assert.equal(await value.textContent(), USER_PAYLOAD);
    assert.match(await row.locator('td[data-label="Expires"]').textContent(), /in 30 minutes|in 29 minutes/);

    // Payloads never appear in the log, and the server saw the payload's length only.
    assert.ok(!(await page.locator('#log').textContent()).includes('tok_'));
    const sent = (await emulator.requests()).find((r) => r.method === 'POST' && r.params.some(([k, v]) => k === 'name' && v === 'oauth_token'));
    assert.deepEqual(Object.fromEntries(sent.params).payload, { length: [...USER_PAYLOAD].length });
  });

  test("another user's scope is refused, and nothing is sent", async () => {
    const serverBefore = (await emulator.requests()).length;
    const linesBefore = await requestLines();
    await fill({ scope: 'user:usr_bob', name: 'oauth_token' });
    const entry = await run('find');

    assert.match(await entry.getAttribute('class'), /\brefused\b/);
    assert.match(await entry.locator('.result').textContent(), /refused before sending — 0 requests/);
    assert.equal(await entry.locator('.log-refused').count(), 1);
    assert.equal(await entry.locator('.log-request').count(), 0);
    assert.equal(await requestLines(), linesBefore, 'no new request line in the page log');
    assert.equal((await emulator.requests()).length, serverBefore, 'the emulator received nothing');
    assert.equal(await page.getAttribute('#server-count', 'data-count'), String(serverBefore));

    assert.ok(await page.locator('#error-panel').isVisible());
    assert.match(await page.locator('#error-title').textContent(), /no request was sent/);
    assert.equal(await errorText('type'), 'StripeScopeError');
    assert.equal(await errorText('code'), 'scope_not_allowed');
    assert.ok((await errorText('message')).length > 10);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: ARTIFACTS + 'demo.png', fullPage: true });
  });

  test('lists a scope', async () => {
    // A second account secret, then the listing replaces the table's account rows.
    await fill({ scope: 'account', name: 'webhook_secret', payload: 'whsec_demo' });
    await run('set');
    const entry = await run('list');
    assert.match(await entry.getAttribute('class'), /\bdone\b/);
    assert.equal(await entry.locator('.log-request .method').textContent(), 'GET');
    assert.equal(await entry.locator('.log-request .path').textContent(), '/v1/apps/secrets');
    const names = await page
      .locator('#secrets-body tr[data-scope="account"]')
      .evaluateAll((rows) => rows.map((r) => r.dataset.name).sort());
    assert.deepEqual(names, ['shop_config', 'webhook_secret']);
    assert.match(await page.locator('#status').textContent(), /2 secrets/);
    assert.equal(await page.locator('#error-panel').isVisible(), false);
  });

  test('deletes a secret', async () => {
    await fill({ scope: 'user:usr_alice', name: 'oauth_token' });
    const entry = await run('delete');
    assert.match(await entry.getAttribute('class'), /\bdone\b/);
    assert.equal(await entry.locator('.log-request .method').textContent(), 'POST');
    assert.equal(await entry.locator('.log-request .path').textContent(), '/v1/apps/secrets/delete');
    assert.equal(await page.locator('#secrets-body tr[data-name="oauth_token"]').count(), 0);
    // Finding it now reaches the server, which answers 404: a server refusal,
    // shown as such. Chromium reports any 4xx fetch on the console ("Failed to
    // load resource"); that one line, and only it, is expected here.
    const errorsBefore = errors.length;
    const again = await run('find');
    const added = errors.splice(errorsBefore);
    assert.ok(
      added.length <= 1 && added.every((e) => /^console: Failed to load resource: .* status of 404/.test(e)),
      `unexpected errors: ${JSON.stringify(added)}`,
    );
    assert.match(await again.getAttribute('class'), /\bfailed\b/);
    assert.equal(await again.locator('.log-request .pill').textContent(), '404');
    assert.equal(await errorText('type'), 'StripeInvalidRequestError');
    assert.equal(await errorText('code'), 'resource_missing');
    assert.equal(await errorText('status'), '404');
    assert.match(await errorText('request-id'), /^req_/);
    // The longest class name stays one word on one line, inside the panel.
    assert.deepEqual(await textLayout(page, '#error-panel .error-type', '#error-panel'), { lines: 1, inside: true });
  });

  test('after a delete, the Secrets panel shows the scope as it now is', async () => {
    await page.selectOption('#user', 'usr_carol');
    await fill({ scope: 'user:usr_carol', payload: 'carol-value', expires: '' });
    for (const name of ['keep_me', 'drop_me']) {
      await fill({ name });
      await run('set');
    }
    // A fresh view of carol's secrets (another user, then carol again): nothing loaded.
    await page.selectOption('#user', 'usr_bob');
    await page.selectOption('#user', 'usr_carol');
    assert.equal(await page.inputValue('#scope'), 'user:usr_carol');
    assert.equal(await page.locator('#secrets-body tr').count(), 0);
    assert.match(await page.locator('#secrets-empty').textContent(), /Nothing loaded yet/);

    await fill({ name: 'drop_me' });
    const deleted = await run('delete');
    assert.match(await deleted.getAttribute('class'), /\bdone\b/);
    assert.equal(await deleted.locator('.op').textContent(), 'Delete');
    // Then the scope's listing, logged as a List of its own: what the panel shows is what the scope holds.
    const listed = page.locator('#log > li').first();
    assert.match(await listed.getAttribute('class'), /\bdone\b/);
    assert.equal(await listed.locator('.op').textContent(), 'List');
    assert.equal(await listed.locator('.log-request .method').textContent(), 'GET');
    assert.equal(await listed.locator('.log-request .path').textContent(), '/v1/apps/secrets');
    const rows = await page.locator('#secrets-body tr').evaluateAll((trs) => trs.map((r) => [r.dataset.scope, r.dataset.name]));
    assert.deepEqual(rows, [['user:usr_carol', 'keep_me']], 'the secret the scope still holds');
    assert.equal(await page.locator('#secrets-empty').isVisible(), false);
    assert.match(await page.locator('#status').textContent(), /Deleted “drop_me”.*1 secret\b/);

    await fill({ name: 'keep_me' });
    await run('delete');
    assert.equal(await page.locator('#secrets-body tr').count(), 0);
    const empty = await page.locator('#secrets-empty').textContent();
    assert.ok(await page.locator('#secrets-empty').isVisible());
    assert.doesNotMatch(empty, /Nothing loaded/);
    assert.match(empty, /Deleted “keep_me”/);
    assert.match(empty, /your user scope is now empty/i);
    assert.equal(await page.locator('#error-panel').isVisible(), false);
  });

  test("extension mode: requests go through the SDK's stripeApiFetch and the fake Dashboard", async () => {
    assert.equal(await page.locator('#transport').isVisible(), false, 'no transport choice in API key mode');
    await page.check('#mode-extension');
    assert.equal(await page.inputValue('#transport'), 'host');
    await page.selectOption('#user', 'usr_bob');
    await fill({ scope: 'user:usr_bob', name: 'bob_token', payload: 'bob & 🐝' });
    const set = await run('set');
    assert.match(await set.getAttribute('class'), /\bdone\b/);
    assert.equal(await set.locator('.mode-tag').textContent(), 'extension');
    assert.equal(await set.locator('.log-request .pill').textContent(), '200');
    assert.match(await set.locator('.log-request .rid').textContent(), /^req_/);
    const last = (await emulator.requests()).at(-1);
    assert.ok(last.headers.includes('stripe-emulator-user'), 'sent in the emulator extension mode');

    const found = await run('find');
    const row = page.locator('#secrets-body tr[data-scope="user:usr_bob"][data-name="bob_token"]');
    await row.locator('button.reveal').click();
    assert.equal(await row.locator('.payload-value').textContent(), 'bob & 🐝');
    assert.match(await found.getAttribute('class'), /\bdone\b/);

    // The rule holds in this mode too: alice's scope, nothing sent.
    const serverBefore = (await emulator.requests()).length;
    await fill({ scope: 'user:usr_alice' });
    const refused = await run('list');
    assert.match(await refused.getAttribute('class'), /\brefused\b/);
    assert.equal(await errorText('type'), 'StripeScopeError');
    assert.equal(await errorText('code'), 'scope_not_allowed');
    assert.equal((await emulator.requests()).length, serverBefore);

    // The SDK's other transport: an app key from the Dashboard, then the extension realm's fetch.
    await page.selectOption('#transport', 'frame');
    await fill({ scope: 'user:usr_bob', name: 'bob_token' });
    const viaFrame = await run('find');
    assert.match(await viaFrame.getAttribute('class'), /\bdone\b/);
    assert.equal(await viaFrame.locator('.log-request .path').textContent(), '/v1/apps/secrets/find');
    assert.equal(await viaFrame.locator('.log-request .pill').textContent(), '200');
    const frameRequest = (await emulator.requests()).at(-1);
    assert.ok(frameRequest.headers.includes('stripe-emulator-user'), 'sent in the emulator extension mode');
    assert.equal(frameRequest.status, 200);
    await page.selectOption('#transport', 'host');
  });

  test('the Dashboard transport select shows its options whole, at the default width and at 400 px', async () => {
    await page.check('#mode-extension');
    assert.ok(await page.locator('#transport').isVisible());
    try {
      for (const width of [1280, 400]) {
        await page.setViewportSize({ width, height: 900 });
        for (const transport of ['host', 'frame']) {
          await page.selectOption('#transport', transport);
          const { needed, has } = await selectFit(page, '#transport');
          assert.ok(needed <= has, `#transport needs ${needed} px and has ${has} px at a ${width} px viewport`);
          // What the chosen transport does, in the help line under it.
          assert.match(await page.locator('#transport-help').textContent(), transport === 'host' ? /relays/ : /app key/);
        }
      }
    } finally {
      await page.selectOption('#transport', 'host');
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('in-browser mode, served by the emulator: the Secret Store runs in the page, the emulator gets nothing', async () => {
    await page.click('label[for="mode-inbrowser"]'); // as a viewer does: the radio itself is hidden
    await page.waitForFunction(() => document.querySelector('#reset').textContent === 'Reset the store');
    assert.equal(await page.locator('#transport').isVisible(), false);
    const serverBefore = (await emulator.requests()).length;
    await fill({ scope: 'user:usr_bob', name: 'local_token', payload: 'local 🧪 a&b' });
    const set = await run('set');
    assert.match(await set.getAttribute('class'), /\bdone\b/);
    assert.equal(await set.locator('.mode-tag').textContent(), 'in-browser');
    assert.equal(await set.locator('.log-request .pill').textContent(), '200');
    assert.match(await page.locator('#code-set').textContent(), /^await secrets\.create\(\{\n  name: "local_token",\n  payload: "••••••••",/);
    assert.ok(!(await page.locator('#code-set').textContent()).includes('local 🧪'), 'payload masked');
    const found = await run('find');
    assert.match(await found.getAttribute('class'), /\bdone\b/);
    const row = page.locator('#secrets-body tr[data-scope="user:usr_bob"][data-name="local_token"]');
    await row.locator('button.reveal').click();
    assert.equal(await row.locator('.payload-value').textContent(), 'local 🧪 a&b');
    assert.equal(await page.getAttribute('#server-count', 'data-count'), '2', "the in-browser store's own count");
    assert.equal((await emulator.requests()).length, serverBefore, 'nothing reached the emulator');
    // Back to the emulator's API key mode for the tests that follow.
    await page.click('label[for="mode-direct"]');
    await page.waitForFunction(() => document.querySelector('#reset').textContent === 'Reset emulator');
  });

  test('fits a 390 px phone screen, long values included', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // Unbroken long values must wrap, not widen the page.
    await fill({ scope: 'user:usr_bob', name: 'n'.repeat(120), payload: 'p'.repeat(300), expires: '' });
    await run('set');
    const found = await run('find');
    assert.match(await found.getAttribute('class'), /\bdone\b/);
    await page.locator(`#secrets-body tr[data-name="${'n'.repeat(120)}"] button.reveal`).click();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `page is ${width} px wide at a 390 px viewport`);
    // A long class name (an empty name, refused before sending) keeps to one
    // line here too, and on a 320 px screen, where it has no room beside its label.
    await fill({ name: '' });
    const refused = await run('find');
    assert.match(await refused.getAttribute('class'), /\brefused\b/);
    assert.equal(await errorText('type'), 'StripeInvalidRequestError');
    assert.deepEqual(await textLayout(page, '#error-panel .error-type', '#error-panel'), { lines: 1, inside: true });
    await page.setViewportSize({ width: 320, height: 844 });
    try {
      assert.deepEqual(await textLayout(page, '#error-panel .error-type', '#error-panel'), { lines: 1, inside: true });
      const narrow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(narrow <= 320, `page is ${narrow} px wide at a 320 px viewport`);
    } finally {
      await page.setViewportSize({ width: 390, height: 844 });
    }
    await page.screenshot({ path: ARTIFACTS + 'demo-390.png', fullPage: true });
  });

  test('Reset empties the emulator, the table and the log', async () => {
    await page.click('#reset');
    await page.waitForFunction(() => document.querySelector('#server-count').dataset.count === '0' && !document.body.classList.contains('busy'));
    assert.equal((await emulator.requests()).length, 0);
    assert.equal(await page.locator('#log > li').count(), 0);
    assert.equal(await page.locator('#secrets-body tr').count(), 0);
  });

  test('no console errors, page errors or failed loads', () => {
    assert.deepEqual(errors, []);
  });
});

describe('demo page under a CSP without wasm-unsafe-eval', { timeout: 60_000 }, () => {
  let emulator;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    ({ emulator, browser, page } = await serveDemo(errors));
    page.setDefaultTimeout(10_000);
    // The page as served, with a Content-Security-Policy that lets scripts
    // run but forbids compiling WebAssembly (no 'wasm-unsafe-eval').
    await page.route(`${emulator.url}/`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': "script-src 'self'; worker-src 'self'" },
      });
    });
  });

  after(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  test('runs on the JS engine and keeps a secret exactly', async () => {
    const wasmFetched = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.wasm')) wasmFetched.push(request.url());
    });
    await page.goto(emulator.url + '/');
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('#engine').textContent(), 'engine: js');
    assert.deepEqual(wasmFetched, [], 'no .wasm fetched where it cannot compile');
    const payload = 'csp 🔐 a&b=c+d';
    await page.selectOption('#scope', 'user:usr_alice');
    await page.fill('#name', 'csp_token');
    await page.fill('#payload', payload);
    await page.click('#op-set');
    await page.waitForFunction(() => document.querySelectorAll('#log > li.done').length === 1);
    const row = page.locator('#secrets-body tr[data-scope="user:usr_alice"][data-name="csp_token"]');
    // Set's answer carries no payload: what the row shows next is the find's.
    assert.equal(await row.locator('.payload-value').count(), 0, 'no payload before the find');
    await page.click('#op-find');
    await page.waitForFunction(() => document.querySelectorAll('#log > li.done').length === 2);
    await row.locator('button.reveal').click();
    const found = await row.locator('.payload-value').textContent();
    assert.equal(found, payload, 'the payload found is the one set');
    assert.deepEqual(Buffer.from(found, 'utf8'), Buffer.from(payload, 'utf8'), 'byte for byte');
    const stored = (await emulator.requests()).filter((r) => r.method === 'POST');
    assert.equal(stored.length, 1, 'one create reached the emulator');
    // A scope of another user is still refused before anything leaves.
    await page.selectOption('#scope', 'user:usr_bob');
    const before = (await emulator.requests()).length;
    await page.click('#op-find');
    await page.waitForFunction(() => document.querySelectorAll('#log > li').length === 3 && !document.body.classList.contains('busy'));
    assert.equal((await emulator.requests()).length, before, 'the refusal sent nothing');
    const wasmErrors = errors.filter((e) => !/WebAssembly|wasm-unsafe-eval|Content Security Policy/i.test(e));
    assert.deepEqual(wasmErrors, [], 'no errors but the refused wasm probe');
  });
});
