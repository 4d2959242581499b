// This package inside an extension's Vitest test: the SDK's stripeApiFetch is
// mocked with stripe-apps-secrets/testing (Stripe's Secret Store in-process,
// acting as the extension of one Dashboard user), and the extension's code uses
// SecretStore over it unchanged.
import stripeApiFetch from '@stripe/ui-extension-sdk/api_fetch';
import { SecretStore, StripeInvalidRequestError, StripeScopeError, engine } from 'stripe-apps-secrets';
import { beforeEach, expect, test, vi } from 'vitest';

const USER = 'usr_vitest';

vi.mock('@stripe/ui-extension-sdk/api_fetch', async () => {
  const { createSecretStoreApi } = await import('stripe-apps-secrets/testing');
  return { default: createSecretStoreApi({ userId: 'usr_vitest' }) };
});

/** The mocked module is the testing API: it has the inspection methods. */
const store = stripeApiFetch;
const secrets = () => new SecretStore({ userId: USER, fetch: stripeApiFetch });
const mine = { type: 'user', user: USER };

beforeEach(() => store.reset());

test('the mock is the testing API', () => {
  expect(typeof store.requests).toBe('function');
  expect(store.userId).toBe(USER);
  expect(['wasm', 'js']).toContain(engine());
});

test('create, find, list and deleteWhere round-trip through the mocked stripeApiFetch', async () => {
  const s = secrets();
  const payload = 'tok_ünïcødé &=+%\n\u0000 🔑';
  const created = await s.create({ name: 'oauth', payload, scope: mine });
  expect(created.id).toMatch(/^appsecret_/);
  expect(created.payload).toBeUndefined();
  const found = await s.find({ name: 'oauth', scope: 'user', expand: ['payload'] });
  expect([found.id, found.payload]).toEqual([created.id, payload]);
  await s.create({ name: 'shared', payload: 'acct', scope: 'account' });
  const page = await s.list({ scope: mine });
  expect(page.object).toBe('list');
  expect(page.data.map((x) => x.name)).toEqual(['oauth']);
  const deleted = await s.deleteWhere({ name: 'oauth', scope: mine });
  expect(deleted.deleted).toBe(true);
  // What the store holds now, and what it received.
  expect(store.secrets().map((x) => [x.name, x.scope.type])).toEqual([['shared', 'account']]);
  expect(store.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    'POST /v1/apps/secrets 200',
    'GET /v1/apps/secrets/find 200',
    'POST /v1/apps/secrets 200',
    'GET /v1/apps/secrets 200',
    'POST /v1/apps/secrets/delete 200',
  ]);
  await expect(s.find({ name: 'oauth', scope: mine })).rejects.toMatchObject({ code: 'resource_missing', statusCode: 404 });
});

test("another user's scope is refused before anything is sent", async () => {
  const s = secrets();
  const other = { type: 'user', user: 'usr_other' };
  await expect(s.create({ name: 'oauth', payload: 'p', scope: other })).rejects.toBeInstanceOf(StripeScopeError);
  await expect(s.find({ name: 'oauth', scope: other })).rejects.toMatchObject({
    type: 'StripeScopeError',
    code: 'scope_not_allowed',
  });
  expect(store.requests()).toEqual([]);
  expect(store.secrets()).toEqual([]);
});

test('a secret expires when the clock moves past expires_at', async () => {
  const s = secrets();
  store.setNow(Date.now()); // a stopped clock: only advanceTime moves it
  const at = Math.floor(store.now() / 1000) + 600;
  await s.create({ name: 'brief', payload: 'p', scope: mine, expires_at: at });
  store.advanceTime(599);
  expect((await s.find({ name: 'brief', scope: mine, expand: ['payload'] })).payload).toBe('p');
  store.advanceTime(1);
  const gone = await s.find({ name: 'brief', scope: mine }).catch((e) => e);
  expect(gone).toBeInstanceOf(StripeInvalidRequestError);
  expect(gone.code).toBe('resource_missing');
  expect(store.secrets()).toEqual([]);
});
