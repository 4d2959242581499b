// The README's "Use in a UI extension" snippet (the tsx block of README.md), run for
// real: extracted from the Markdown, bundled by esbuild with the published
// SDK, unchanged (its `stripeApiFetch` reaches the emulator's extension mode
// through the fake Dashboard, tests/support/fake-dashboard.mjs, over each of
// the SDK's two transports) and `stripe-apps-secrets/inline` from pkg/,
// rendered with the SDK's own test renderer, and driven by pressing its buttons.
// Also type-checked with TypeScript against the SDK's and pkg/'s types.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { initSync, SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { installFakeDashboard } from '../support/fake-dashboard.mjs';
import { startEmulator } from '../support/emulator.mjs';
import { loadBundle } from './sdk-bundle.mjs';

initSync({ module: readFileSync(new URL('../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });

const root = fileURLToPath(new URL('../..', import.meta.url));
const ALICE = 'usr_alice1';
const TOKEN = 'ya29.&=+ 🔐';

const markdown = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const snippet = /```tsx\n([\s\S]*?)```/.exec(markdown)?.[1];

const ENTRY = `
export { default as App } from 'readme-snippet';
export { render } from '@stripe/ui-extension-sdk/testing/render';
export { getMockContextProps } from '@stripe/ui-extension-sdk/testing/mockData';
export { Button, TextField } from '@stripe/ui-extension-sdk/ui';
export { createElement } from 'react';
`;

let emulator;

before(async () => {
  assert.ok(snippet, 'README.md holds a tsx block');
  emulator = await startEmulator();
});
after(() => emulator?.stop());

for (const transport of ['host', 'frame']) {
  describe(`over the SDK's ${transport} transport`, () => {
    let ui;
    let dashboard;
    let backend;
    /** The requests that reached the fake Dashboard: `{ method, path (no query), status }`. */
    const sent = () => dashboard.requests.map((r) => ({ method: r.method, path: r.path.split('?')[0], status: r.status }));

    before(async () => {
      const origin = new URL(emulator.url).origin;
      dashboard = installFakeDashboard({ emulatorUrl: emulator.url, userId: ALICE, transport, passThrough: (url) => url.origin === origin });
      ui = await loadBundle(ENTRY, { 'readme-snippet': { contents: snippet, loader: 'tsx' } }); // a fresh SDK instance
      backend = new SecretStore({ userId: ALICE, apiKey: 'sk_test_snippet', baseUrl: emulator.url });
    });
    after(() => dashboard?.uninstall());

    /** Renders the snippet's App for a Dashboard user; resolves once its store is ready. */
    async function renderApp(userContext) {
      const props = ui.getMockContextProps({ userContext, environment: {} });
      const { wrapper, update } = ui.render(ui.createElement(ui.App, props));
      const button = (label) => wrapper.findAll(ui.Button).find((node) => node.text === label);
      const field = () => wrapper.find(ui.TextField);
      const settle = async () => {
        for (let i = 0; i < 5; i++) await update();
      };
      const press = async (label) => {
        const before = dashboard.requests.length;
        await button(label).trigger('onPress');
        await settle();
        return sent().slice(before);
      };
      for (let i = 0; i < 200 && button('Save').prop('disabled'); i++) await update();
      assert.equal(button('Save').prop('disabled'), false, 'the store became ready');
      const status = () => wrapper.text.replace('SaveLoadForgetCount shared', '');
      const type = async (value) => {
        field().trigger('onChange', { target: { value } });
        await settle();
      };
      return { press, status, type, value: () => field().prop('value'), unmount: () => wrapper.unmount() };
    }

    test('the README snippet works in the SDK test renderer over stripeApiFetch', async () => {
      await emulator.reset();
      dashboard.requests.length = 0;
      const app = await renderApp({ id: ALICE });

      assert.deepEqual((await app.press('Load')).map((r) => r.status), [404]);
      assert.equal(app.status(), 'No token saved yet');

      await app.type(TOKEN);
      assert.equal(app.value(), TOKEN);
      assert.deepEqual((await app.press('Save')).map((r) => `${r.method} ${r.path}`), ['POST /v1/apps/secrets']);
      assert.equal(app.status(), 'Saved');
      const stored = await backend.find({ name: 'oauth', scope: { type: 'user', user: ALICE }, expand: ['payload'] });
      assert.equal(stored.payload, TOKEN, 'saved in alice\'s own scope, exactly');
      assert.ok(stored.expires_at > Date.now() / 1000);

      await app.type('');
      await app.press('Load');
      assert.equal(app.value(), TOKEN, 'loaded back');

      for (const name of ['s1', 's2', 's3']) await backend.create({ name, payload: name, scope: 'account' });
      const counted = await app.press('Count shared');
      assert.deepEqual(counted.map((r) => `${r.method} ${r.path}`), ['GET /v1/apps/secrets', 'GET /v1/apps/secrets']);
      assert.equal(app.status(), '3 on the first page, 3 account secrets in all');

      assert.deepEqual((await app.press('Forget')).map((r) => `${r.method} ${r.path} ${r.status}`), ['POST /v1/apps/secrets/delete 200']);
      assert.equal(app.value(), '');
      await app.press('Load');
      assert.equal(app.status(), 'No token saved yet');
      app.unmount();

      // Every request of the snippet reached the emulator in extension mode, through this transport.
      const log = await emulator.requests();
      const fromSnippet = log.filter((q) => q.headers.map((h) => h.toLowerCase()).includes('stripe-emulator-user'));
      assert.equal(fromSnippet.length, dashboard.requests.length);
      assert.ok(dashboard.requests.every((r) => r.transport === transport));
    });

    test('without userContext.id the snippet can reach the account scope only, and sends nothing for a user scope', async () => {
      await emulator.reset();
      dashboard.requests.length = 0;
      const app = await renderApp({ id: undefined });
      await app.type('x');
      await app.press('Save');
      assert.match(app.status(), /^StripeScopeError: /);
      assert.deepEqual(dashboard.requests, []);
      assert.deepEqual(await emulator.requests(), []);
      app.unmount();
    });
  });
}

test(
  'the README snippet type-checks (strict) against the SDK and pkg/ types',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'snippet-tsc-'));
    try {
      writeFileSync(join(dir, 'App.tsx'), snippet);
      const modules = (path) => join(root, 'node_modules', path);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            jsx: 'react-jsx',
            module: 'esnext',
            moduleResolution: 'bundler',
            target: 'es2022',
            lib: ['es2022', 'dom', 'dom.iterable', 'dom.asynciterable'],
            skipLibCheck: true,
            typeRoots: [modules('@types')],
            paths: {
              'stripe-apps-secrets/inline': [join(root, 'pkg/inline.d.ts')],
              '@stripe/ui-extension-sdk/*': [modules('@stripe/ui-extension-sdk/*')],
              react: [modules('@types/react')],
              'react/jsx-runtime': [modules('@types/react/jsx-runtime')],
            },
          },
          files: ['App.tsx'],
        }),
      );
      try {
        execFileSync(modules('.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        assert.fail(`tsc:\n${error.stdout}${error.stderr}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
