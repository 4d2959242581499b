// End-to-end test of the static demo (scripts/build-static-demo.mjs) in
// Debian's Chromium, with NO emulator: the folder is served by a plain
// node:http file server, and the Secret Store runs in the page
// (stripe-apps-secrets/testing). Set, find (the payload back exactly), list,
// delete, another user's scope refused with nothing sent, and each button
// showing the exact call it ran, payload masked. Then the same folder under a
// CSP without 'wasm-unsafe-eval': the testing engine is wasm, so the page says
// it cannot run there. Also what its screenshots once showed, measured in the
// browser: the lone mode drawn as a label (not a one-button segmented control),
// the defaults of scope and name agreeing, the error's class name on one line,
// and the Secrets panel after a delete showing the scope as it now is, at the
// default width and at 400 px. Needs pkg/ built (scripts/build-pkg.sh).
// Run from the repo root: node --test tests/e2e/static-demo.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchChromium, openPage } from '../support/browser.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { textLayout } from './layout.mjs';
import { buildStaticDemo } from '../../scripts/build-static-demo.mjs';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
// Emoji (astral and ZWJ), characters form encoding cares about, a percent escape that must stay literal.
const PAYLOAD = 'tok_🔑🦀👩‍💻 a&b=c+d %2B é ü';

let out;
before(async () => {
  out = await buildStaticDemo(join(mkdtempSync(join(tmpdir(), 'sas-static-')), 'site'));
});
after(() => rmSync(join(out, '..'), { recursive: true, force: true }));

describe('static demo, no server but a file server', { timeout: 60_000 }, () => {
  let server;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    server = await serveStatic(out);
    browser = await launchChromium();
    page = await openPage(browser, errors);
    page.setDefaultTimeout(5_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`http ${response.status()}: ${new URL(response.url()).pathname}`);
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * Presses an operation button; resolves with its log entry once finished
   * (a delete is followed by a listing of its scope, an entry of its own, newest first).
   */
  async function run(op) {
    const before = await page.locator('#log > li').count();
    await page.click(`#op-${op}`);
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
  /**
   * How the lone mode is drawn: its label's and its group's background,
   * shadow, border and cursor, and where its text starts against the legend's.
   */
  const modeLook = () =>
    page.evaluate(() => {
      const label = document.querySelector('label[for="mode-inbrowser"]');
      const group = label.parentElement;
      const legend = label.closest('fieldset').querySelector('legend');
      const look = (node) => {
        const style = getComputedStyle(node);
        return { background: style.backgroundColor, shadow: style.boxShadow, border: style.borderTopWidth, cursor: style.cursor };
      };
      return {
        label: look(label),
        group: look(group),
        indent: label.getBoundingClientRect().left + parseFloat(getComputedStyle(label).paddingLeft) - legend.getBoundingClientRect().left,
      };
    });
  const FLAT = { background: 'rgba(0, 0, 0, 0)', shadow: 'none', border: '0px', cursor: 'auto' };
  const code = (op) => page.locator(`#code-${op}`).textContent();
  const errorText = (field) => page.locator(`#error-panel .error-${field}`).textContent();
  const storeCount = async () => Number(await page.getAttribute('#server-count', 'data-count'));
  async function fill({ scope, name, payload }) {
    if (scope !== undefined) await page.selectOption('#scope', scope);
    if (name !== undefined) await page.fill('#name', name);
    if (payload !== undefined) await page.fill('#payload', payload);
  }

  test('opens in the in-browser mode, the only one without a server', async () => {
    await page.goto(server.url + '/');
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('#engine').textContent(), 'engine: wasm');
    const modes = await page.locator('input[name="mode"]').evaluateAll((inputs) => inputs.map((i) => [i.value, i.checked]));
    assert.deepEqual(modes, [['inbrowser', true]]);
    // One mode, nothing to choose: it reads as a label under its legend, not as a lone button.
    assert.equal(await page.locator('label[for="mode-inbrowser"]').textContent(), 'In-browser');
    const look = await modeLook();
    assert.deepEqual(look.label, FLAT, 'the label has no background, shadow, border or pointer');
    assert.deepEqual({ ...look.group, cursor: 'auto' }, FLAT, 'nor has its group');
    assert.ok(Math.abs(look.indent) < 1, `its text starts where the legend's does (${look.indent} px off)`);
    // A per-user name and the user's own scope: the defaults describe one secret.
    assert.equal(await page.inputValue('#name'), 'oauth_token');
    assert.equal(await page.inputValue('#scope'), 'user:usr_alice', 'oauth_token defaults to the user scope');
    assert.match(await page.locator('#mode-help').textContent(), /stripe-apps-secrets\/testing/);
    assert.equal(
      await page.locator('#code-setup').textContent(),
      'const secrets = new SecretStore({ userId: "usr_alice", fetch: createSecretStoreApi({ userId: "usr_alice" }) });',
    );
    assert.ok(await page.locator('footer [data-backend="static"]').isVisible());
    assert.equal(await page.locator('footer [data-backend="emulator"]').isVisible(), false);
    assert.equal(await storeCount(), 0);
    assert.deepEqual(errors, []);
  });

  test('Set creates a user secret and shows its call, payload masked', async () => {
    await fill({ scope: 'user:usr_alice', name: 'oauth_token', payload: PAYLOAD });
    const entry = await run('set');
    assert.match(await entry.getAttribute('class'), /\bdone\b/);
    assert.equal(await entry.locator('.mode-tag').textContent(), 'in-browser');
    const line = entry.locator('.log-request');
    assert.equal(await line.locator('.method').textContent(), 'POST');
    assert.equal(await line.locator('.path').textContent(), '/v1/apps/secrets');
    assert.equal(await line.locator('.pill').textContent(), '200');
    assert.match(await line.locator('.rid').textContent(), /^req_/);
    assert.equal(
      await code('set'),
      'await secrets.create({\n  name: "oauth_token",\n  payload: "••••••••",\n  scope: { type: "user", user: "usr_alice" },\n});',
    );
    assert.equal(await storeCount(), 1, 'the in-browser store received the request');
    assert.ok(!(await page.locator('main').textContent()).includes('tok_'), 'the payload is nowhere on the page');
  });

  test('Find brings the payload back exactly', async () => {
    const entry = await run('find');
    assert.match(await entry.getAttribute('class'), /\bdone\b/);
    assert.equal(await entry.locator('.log-request .path').textContent(), '/v1/apps/secrets/find');
    assert.equal(
      await code('find'),
      'await secrets.find({\n  name: "oauth_token",\n  scope: { type: "user", user: "usr_alice" },\n  expand: ["payload"],\n});',
    );
    const row = page.locator('#secrets-body tr[data-scope="user:usr_alice"][data-name="oauth_token"]');
    await row.locator('button.reveal').click();
    assert.equal(await row.locator('.payload-value').textContent(), PAYLOAD);
    await row.locator('button.reveal').click();
  });

  test('List shows the account scope', async () => {
    for (const name of ['shop_config', 'webhook_secret']) {
      await fill({ scope: 'account', name, payload: `${name}-value` });
      await run('set');
    }
    const entry = await run('list');
    assert.match(await entry.getAttribute('class'), /\bdone\b/);
    assert.equal(await entry.locator('.log-request .method').textContent(), 'GET');
    assert.equal(await code('list'), 'await secrets.list({\n  scope: { type: "account" },\n  limit: 100,\n});');
    const names = await page
      .locator('#secrets-body tr[data-scope="account"]')
      .evaluateAll((rows) => rows.map((r) => r.dataset.name).sort());
    assert.deepEqual(names, ['shop_config', 'webhook_secret']);
    assert.match(await page.locator('#status').textContent(), /2 secrets/);
  });

  test("another user's scope is refused before the store is reached", async () => {
    const before = await storeCount();
    await fill({ scope: 'user:usr_bob', name: 'oauth_token' });
    const entry = await run('find');
    assert.match(await entry.getAttribute('class'), /\brefused\b/);
    assert.equal(await entry.locator('.log-request').count(), 0);
    assert.equal(await storeCount(), before, 'the in-browser store received nothing');
    assert.equal(await errorText('type'), 'StripeScopeError');
    assert.equal(await errorText('code'), 'scope_not_allowed');
    // The call is shown even though it was refused: it is what the button ran.
    assert.match(await code('find'), /scope: \{ type: "user", user: "usr_bob" \}/);
  });

  test('Delete removes it; finding it again is the store\'s 404', async () => {
    await fill({ scope: 'user:usr_alice', name: 'oauth_token' });
    const entry = await run('delete');
    assert.match(await entry.getAttribute('class'), /\bdone\b/);
    assert.equal(await entry.locator('.log-request .path').textContent(), '/v1/apps/secrets/delete');
    assert.equal(
      await code('delete'),
      'await secrets.deleteWhere({\n  name: "oauth_token",\n  scope: { type: "user", user: "usr_alice" },\n});',
    );
    assert.equal(await page.locator('#secrets-body tr[data-name="oauth_token"]').count(), 0);
    const again = await run('find');
    assert.match(await again.getAttribute('class'), /\bfailed\b/);
    assert.equal(await again.locator('.log-request .pill').textContent(), '404');
    assert.equal(await errorText('code'), 'resource_missing');
    assert.equal(await page.locator('#error-title').textContent(), 'The in-browser Secret Store refused (1 request sent)');
    // The longest class name stays one word on one line, inside the panel.
    assert.equal(await errorText('type'), 'StripeInvalidRequestError');
    assert.deepEqual(await textLayout(page, '#error-panel .error-type', '#error-panel'), { lines: 1, inside: true });
  });

  test('each button shows its own last call', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: ARTIFACTS + 'static-demo.png', fullPage: true });
    const calls = await page.locator('.op-row').evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('button').id, row.querySelector('pre').textContent.split('(')[0]]),
    );
    assert.deepEqual(calls, [
      ['op-set', 'await secrets.create'],
      ['op-find', 'await secrets.find'],
      ['op-list', 'await secrets.list'],
      ['op-delete', 'await secrets.deleteWhere'],
    ]);
  });

  test('after a delete, the Secrets panel shows the scope as it now is', async () => {
    await page.selectOption('#user', 'usr_carol');
    await fill({ scope: 'user:usr_carol', payload: 'carol-value' });
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

    const stored = await storeCount();
    await fill({ name: 'drop_me' });
    const deleted = await run('delete');
    assert.match(await deleted.getAttribute('class'), /\bdone\b/);
    assert.equal(await deleted.locator('.op').textContent(), 'Delete');
    // Then the scope's listing, logged as a List of its own, its call shown beside List.
    const listed = page.locator('#log > li').first();
    assert.match(await listed.getAttribute('class'), /\bdone\b/);
    assert.equal(await listed.locator('.op').textContent(), 'List');
    assert.equal(await listed.locator('.log-request .path').textContent(), '/v1/apps/secrets');
    assert.equal(await code('list'), 'await secrets.list({\n  scope: { type: "user", user: "usr_carol" },\n  limit: 100,\n});');
    assert.equal(await storeCount(), stored + 2, 'the delete and the listing');
    const rows = await page.locator('#secrets-body tr').evaluateAll((trs) => trs.map((r) => [r.dataset.scope, r.dataset.name]));
    assert.deepEqual(rows, [['user:usr_carol', 'keep_me']], 'the secret the scope still holds');
    assert.equal(await page.locator('#secrets-empty').isVisible(), false);

    await fill({ name: 'keep_me' });
    await run('delete');
    assert.equal(await page.locator('#secrets-body tr').count(), 0);
    const empty = await page.locator('#secrets-empty').textContent();
    assert.ok(await page.locator('#secrets-empty').isVisible());
    assert.doesNotMatch(empty, /Nothing loaded/);
    assert.match(empty, /Deleted “keep_me”/);
    assert.match(empty, /your user scope is now empty/i);
  });

  test('fits a 400 px screen: the mode a label, the class name on one line, nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 400, height: 900 });
    try {
      const look = await modeLook();
      assert.deepEqual(look.label, FLAT);
      assert.ok(Math.abs(look.indent) < 1, `${look.indent} px off the legend`);
      // A long class name, refused before anything is sent: an empty name.
      await fill({ name: '' });
      const refused = await run('find');
      assert.match(await refused.getAttribute('class'), /\brefused\b/);
      assert.equal(await errorText('type'), 'StripeInvalidRequestError');
      assert.deepEqual(await textLayout(page, '#error-panel .error-type', '#error-panel'), { lines: 1, inside: true });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 400, `page is ${width} px wide at a 400 px viewport`);
      await page.screenshot({ path: ARTIFACTS + 'static-demo-400.png', fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('Reset empties the in-browser store', async () => {
    await page.click('#reset');
    await page.waitForFunction(() => document.querySelector('#server-count').dataset.count === '0' && !document.body.classList.contains('busy'));
    assert.equal(await page.locator('#secrets-body tr').count(), 0);
  });

  test('the file server saw files only: no API request, no emulator control, nothing missing', () => {
    const paths = server.requests.map((r) => r.path);
    assert.ok(paths.includes('/pkg/testing.js') && paths.includes('/pkg/stripe_apps_secrets_bg.wasm'), paths.join(' '));
    assert.deepEqual(paths.filter((p) => p.startsWith('/v1') || p.startsWith('/_emulator') || p.startsWith('/vendor')), []);
    assert.deepEqual(server.requests.filter((r) => r.status !== 200), []);
    assert.deepEqual(errors, []);
  });
});

describe("static demo under a CSP without 'wasm-unsafe-eval'", { timeout: 60_000 }, () => {
  let server;
  let browser;
  const errors = [];

  before(async () => {
    server = await serveStatic(out, { headers: { 'content-security-policy': "script-src 'self'; worker-src 'self'" } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the client falls back to its JS engine, but the wasm-only testing engine cannot run, and the page says so', async () => {
    const page = await openPage(browser, errors);
    await page.goto(server.url + '/');
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('#engine').textContent(), 'engine: js');
    assert.ok(await page.locator('#error-panel').isVisible());
    assert.equal(await panelText(page, 'code'), 'wasm_not_allowed');
    assert.match(await panelText(page, 'message'), /wasm-unsafe-eval/);
    // The buttons do nothing rather than fail: there is no store.
    await page.click('#op-list');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#log > li').count(), 0);
    const unexpected = errors.filter((e) => !/WebAssembly|wasm-unsafe-eval|Content Security Policy/i.test(e));
    assert.deepEqual(unexpected, []);
  });
});

const panelText = (page, field) => page.locator(`#error-panel .error-${field}`).textContent();
