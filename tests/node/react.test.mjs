// stripe-apps-secrets/react (useSecret, useToken) rendered with the UI
// extension SDK's own test renderer (`@stripe/ui-extension-sdk/testing`'s
// `render`, bundled with React by esbuild as one module), over stores of
// both engines (inline-wasm, inline-js) against the emulator: the state a
// view renders, the actions, a new read when the user or the name changes,
// and no state set for a read that ended after the view moved on or went.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';

import { tokenStore } from '../../pkg/tokens.js';
import { loadBundle } from '../extension/sdk-bundle.mjs';
import { startEmulator } from '../support/emulator.mjs';

// Both engines, or the one STRIPE_APPS_SECRETS_ENGINE names ('wasm' or
// 'js'): the StrykerJS sandbox runs one, as the add-on's JS is the same over both.
const ENGINES = {};
for (const [name, entry] of [['wasm', '../../pkg/inline-wasm.js'], ['js', '../../pkg/inline-js.js']]) {
  if ([undefined, name].includes(process.env.STRIPE_APPS_SECRETS_ENGINE)) ENGINES[name] = await import(entry);
}
if (Object.keys(ENGINES).length === 0) throw new Error(`STRIPE_APPS_SECRETS_ENGINE is 'wasm', 'js' or unset, not '${process.env.STRIPE_APPS_SECRETS_ENGINE}'`);
const USER = 'usr_hooks';

let emulator;
let ui;
before(async () => {
  emulator = await startEmulator();
  // One module with React and the SDK's renderer, as the other SDK suites bundle it.
  ui = await loadBundle(`export { render } from '@stripe/ui-extension-sdk/testing/render';
export { createElement, useState } from 'react';
export { useSecret, useToken } from './pkg/react.js';`);
});
after(async () => {
  await emulator?.stop();
});

/**
 * Renders a view that calls `useHook(props)` and records each state it
 * renders, inside a host whose state holds the view's props:
 * `rerender(props)` renders the view again with new props, `unmount()`
 * takes it out of the tree (its effects cleaned up, as React unmounts it).
 */
function renderHook(useHook, props) {
  const renders = [];
  const View = (viewProps) => {
    renders.push(useHook(viewProps));
    return null;
  };
  let setViewProps;
  const Host = () => {
    const [viewProps, set] = ui.useState(props);
    setViewProps = set;
    return viewProps === null ? null : ui.createElement(View, viewProps);
  };
  const { wrapper, update } = ui.render(ui.createElement(Host));
  const settle = async () => {
    for (let i = 0; i < 15; i++) await update();
  };
  return {
    renders,
    last: () => renders.at(-1),
    settle,
    rerender: (next) => wrapper.act(() => setViewProps(next)),
    unmount: () => wrapper.act(() => setViewProps(null)),
  };
}

/**
 * `secrets` with one method held: each call of `method` first awaits
 * `gate(params)` (a promise the test settles, or a value to go on at once).
 */
function holding(secrets, method, gate) {
  return {
    userId: secrets.userId,
    find: (params) => secrets.find(params),
    create: (params) => secrets.create(params),
    deleteWhere: (params) => secrets.deleteWhere(params),
    [method]: async (params) => {
      await gate(params);
      return secrets[method](params);
    },
  };
}

/** Resolves when `check()` holds, within a bound. */
async function until(check, settle) {
  for (let i = 0; i < 100 && !check(); i++) await settle();
  assert.ok(check(), 'the view never reached the expected state');
}

for (const [engineName, { SecretStore }] of Object.entries(ENGINES)) {
  describe(`on the ${engineName} engine`, () => {
    const store = (userId = USER) => new SecretStore({ userId, apiKey: 'sk_test_hooks', baseUrl: emulator.url });
    afterEach(() => emulator.reset());

    test('useSecret: loading, then null; save, refresh, remove; errors in state, the value kept', async () => {
      const secrets = store();
      const view = renderHook(({ name }) => ui.useSecret(secrets, { name }), { name: 'api_key' });
      assert.deepEqual({ ...view.renders[0], save: undefined, remove: undefined, refresh: undefined }, { loading: true, value: null, error: null, save: undefined, remove: undefined, refresh: undefined });
      await until(() => !view.last().loading, view.settle);
      assert.deepEqual({ value: view.last().value, error: view.last().error }, { value: null, error: null }, 'a missing secret is null, not an error');
      const { save, remove, refresh } = view.last();

      await view.last().save('sk_test_🔐', { expires_at: Math.floor(Date.now() / 1000) + 60 });
      await until(() => view.last().value === 'sk_test_🔐', view.settle);
      assert.ok((await secrets.find({ name: 'api_key', scope: 'user' })).expires_at > Date.now() / 1000);
      await secrets.create({ name: 'api_key', payload: 'changed elsewhere', scope: 'user' });
      await view.last().refresh();
      await until(() => view.last().value === 'changed elsewhere', view.settle);
      await view.last().remove();
      await until(() => view.last().value === null, view.settle);
      await view.last().remove(); // gone already: not an error
      await view.settle();
      assert.equal(view.last().error, null);
      assert.deepEqual([view.last().save, view.last().remove, view.last().refresh], [save, remove, refresh], 'the actions stay the same functions');

      await view.last().save('kept', null);
      await until(() => view.last().value === 'kept', view.settle);
      assert.equal((await secrets.find({ name: 'api_key', scope: 'user' })).expires_at, null, 'no expires_at given, none set');
      await view.last().save('x'.repeat(5001));
      await until(() => view.last().error !== null, view.settle);
      assert.deepEqual({ type: view.last().error.type, param: view.last().error.param, value: view.last().value, loading: view.last().loading }, {
        type: 'StripeInvalidRequestError',
        param: 'payload',
        value: 'kept',
        loading: false,
      });
      view.unmount();
    });

    test("useSecret: another user's scope is refused into `error`, nothing sent", async () => {
      const secrets = store();
      const view = renderHook(() => ui.useSecret(secrets, { name: 'api_key', scope: { type: 'user', user: 'usr_other' } }), {});
      await until(() => !view.last().loading, view.settle);
      assert.equal(view.last().error.type, 'StripeScopeError');
      assert.deepEqual(await emulator.requests(), []);
      view.unmount();
    });

    test('an action shows loading, with the value the view had, until it ends', async () => {
      const held = store();
      await held.create({ name: 'k', payload: 'before', scope: 'user' });
      let release;
      const slow = holding(held, 'create', () => new Promise((resolve) => (release = resolve)));
      const view = renderHook(() => ui.useSecret(slow, { name: 'k' }), {});
      await until(() => !view.last().loading && view.last().value === 'before', view.settle);
      const saving = view.last().save('after');
      await until(() => release !== undefined, view.settle);
      await view.settle();
      assert.deepEqual({ loading: view.last().loading, value: view.last().value, error: view.last().error }, { loading: true, value: 'before', error: null });
      release();
      await saving;
      await until(() => !view.last().loading, view.settle);
      assert.equal(view.last().value, 'after');
      view.unmount();
    });

    test('a read or a removal the store refuses is an error, not a missing secret; nothing sent', async () => {
      const secrets = store();
      const view = renderHook(() => ui.useSecret(secrets, { name: 'n'.repeat(5001) }), {});
      await until(() => !view.last().loading, view.settle);
      assert.deepEqual({ type: view.last().error?.type, param: view.last().error?.param, value: view.last().value }, { type: 'StripeInvalidRequestError', param: 'name', value: null });
      await view.last().remove();
      await until(() => !view.last().loading, view.settle);
      assert.deepEqual({ type: view.last().error?.type, param: view.last().error?.param, value: view.last().value }, { type: 'StripeInvalidRequestError', param: 'name', value: null });
      assert.deepEqual(await emulator.requests(), []);
      view.unmount();
    });

    test("a scope's two forms are one secret: switching between them reads nothing again", async () => {
      const secrets = store();
      await secrets.create({ name: 'k', payload: 'for the account', scope: 'account' });
      await secrets.create({ name: 'k', payload: 'mine', scope: 'user' });
      const view = renderHook(({ scope }) => ({ ...ui.useSecret(secrets, { name: 'k', scope }), scope }), { scope: 'account' });
      const expect = async (scope, value, read) => {
        const before = (await emulator.requests()).length;
        view.rerender({ scope });
        // Rendered with the new scope, its effects run, then settled.
        await until(() => view.last().scope === scope, view.settle);
        await view.settle();
        await until(() => !view.last().loading && view.last().value === value, view.settle);
        assert.equal((await emulator.requests()).length - before, read ? 1 : 0, JSON.stringify(scope));
      };
      await until(() => view.last().value === 'for the account', view.settle);
      await expect({ type: 'account' }, 'for the account', false);
      await expect({ type: 'user', user: USER }, 'mine', true);
      await expect('user', 'mine', false);
      await expect({ type: 'user', user: USER }, 'mine', false); // a new object each render
      await expect('account', 'for the account', true);
      await expect('user', 'mine', true);
      await expect({ type: 'account' }, 'for the account', true);
      view.unmount();
    });

    test('a read that fails after the name changed is dropped: no error shown for a secret the view left', async () => {
      const held = store();
      await held.create({ name: 'b', payload: 'b', scope: 'user' });
      let fail;
      const slow = holding(held, 'find', (params) => params.name === 'a' && new Promise((_, reject) => (fail = reject)));
      const view = renderHook(({ name }) => ui.useSecret(slow, { name }), { name: 'a' });
      await until(() => fail !== undefined, view.settle);
      view.rerender({ name: 'b' });
      await until(() => view.last().value === 'b', view.settle);
      fail(new Error('late'));
      await view.settle();
      assert.ok(view.renders.every((state) => state.error === null));
      view.unmount();
    });

    test('read again when the name or the user changes; a read that ends after the change is dropped', async () => {
      const alice = store();
      await alice.create({ name: 'a', payload: 'alice a', scope: 'user' });
      await alice.create({ name: 'b', payload: 'alice b', scope: 'user' });
      const bob = store('usr_bob');
      await bob.create({ name: 'b', payload: 'bob b', scope: 'user' });
      // Alice's read of `a` answers only when released, after the view moved to `b`.
      let release;
      const slow = holding(alice, 'find', (params) => params.name === 'a' && new Promise((resolve) => (release = resolve)));
      const view = renderHook(({ secrets, name }) => ui.useSecret(secrets, { name }), { secrets: slow, name: 'a' });
      await until(() => release !== undefined, view.settle);
      view.rerender({ secrets: slow, name: 'b' });
      await until(() => view.last().value === 'alice b', view.settle);
      release();
      await view.settle();
      assert.equal(view.last().value, 'alice b', "a's late answer was dropped");
      assert.ok(!view.renders.some((state) => state.value === 'alice a'));
      view.rerender({ secrets: bob, name: 'b' });
      await until(() => view.last().value === 'bob b', view.settle);
      // A new store for the same user and name (built on every render) reads nothing again.
      const reads = (await emulator.requests()).length;
      view.rerender({ secrets: store('usr_bob'), name: 'b' });
      await view.settle();
      assert.equal((await emulator.requests()).length, reads);
      view.unmount();
    });

    test('no state is set after unmount: a read or an action that ends later renders nothing', async () => {
      let release;
      const held = store();
      const slow = holding(held, 'find', () => new Promise((resolve) => (release = resolve)));
      const errors = [];
      const consoleError = console.error;
      console.error = (...args) => errors.push(args.join(' '));
      try {
        const view = renderHook(() => ui.useSecret(slow, { name: 'late' }), {});
        await until(() => release !== undefined, view.settle);
        const { save } = view.last();
        view.unmount();
        const count = view.renders.length;
        release();
        await save('after unmount');
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(view.renders.length, count);
        assert.deepEqual(errors, []);
      } finally {
        console.error = consoleError;
      }
    });

    test('useToken: the token helper\'s token, saved, refreshed and removed through the view', async () => {
      let issued = 0;
      const tokens = tokenStore({ secrets: store(), name: 'oauth', refresh: async () => ({ access_token: `at_${++issued}`, expires_in: 3600 }) });
      const view = renderHook(({ helper }) => ui.useToken(helper), { helper: tokens });
      await until(() => !view.last().loading, view.settle);
      assert.equal(view.last().value, null);
      await view.last().save({ access_token: 'at_0', refresh_token: 'rt_0', expires_in: 3600 });
      await until(() => view.last().value?.access_token === 'at_0', view.settle);
      assert.equal(typeof view.last().value.expires_at, 'number');
      await view.last().refresh();
      await until(() => view.last().value?.access_token === 'at_1', view.settle);
      assert.equal(view.last().value.refresh_token, 'rt_0', 'kept from the token it refreshed');
      // Another user's helper: read again, nothing there.
      view.rerender({ helper: tokenStore({ secrets: store('usr_bob'), name: 'oauth' }) });
      await until(() => !view.last().loading && view.last().value === null, view.settle);
      view.rerender({ helper: tokens });
      await until(() => view.last().value?.access_token === 'at_1', view.settle);
      await view.last().remove();
      await until(() => view.last().value === null, view.settle);
      await assert.rejects(store().find({ name: 'oauth', scope: 'user' }), { code: 'resource_missing' });
      view.unmount();
    });
  });
}
