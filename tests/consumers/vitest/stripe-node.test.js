// stripe-node as published, with the UI extension SDK's own createHttpClient(),
// against stripe-apps-secrets/testing: only the SDK's stripeApiFetch is mocked.
//
// Why two mocks: '@stripe/ui-extension-sdk/api_fetch' is a re-export of
// 'utils/apiFetch', and createHttpClient() (utils/httpClient) imports
// './apiFetch' itself, not the public path. vi.mock replaces one module file,
// so the public path alone leaves createHttpClient() on the real transport
// (public-path-only.test.js shows it). Both get the same testing API.
import stripeApiFetch from '@stripe/ui-extension-sdk/api_fetch';
import { createHttpClient, STRIPE_API_KEY } from '@stripe/ui-extension-sdk/http_client';
import Stripe from 'stripe';
import { beforeEach, expect, test, vi } from 'vitest';

const USER = 'usr_vitestNode';

// Created before the (hoisted) mocks, so both modules share one store.
const store = await vi.hoisted(async () => {
  const { createSecretStoreApi } = await import('stripe-apps-secrets/testing');
  return createSecretStoreApi({ userId: 'usr_vitestNode' });
});
vi.mock('@stripe/ui-extension-sdk/api_fetch', () => ({ default: store }));
vi.mock('@stripe/ui-extension-sdk/utils/apiFetch', () => ({ stripeApiFetch: store }));

const stripe = () => new Stripe(STRIPE_API_KEY, { httpClient: createHttpClient(), maxNetworkRetries: 0 });
const mine = { type: 'user', user: USER };

beforeEach(() => store.reset());

test('stripe.apps.secrets create, find, list and deleteWhere', async () => {
  const s = stripe();
  const created = await s.apps.secrets.create({ name: 'oauth', payload: 'tok &=+% 🔑', scope: mine });
  expect(created.id).toMatch(/^appsecret_/);
  expect(created.lastResponse.requestId).toMatch(/^req_/);
  const found = await s.apps.secrets.find({ name: 'oauth', scope: mine, expand: ['payload'] });
  expect([found.id, found.payload]).toEqual([created.id, 'tok &=+% 🔑']);
  await s.apps.secrets.create({ name: 'shared', payload: 'acct', scope: { type: 'account' } });
  const listed = await s.apps.secrets.list({ scope: { type: 'account' } });
  expect(listed.data.map((x) => x.name)).toEqual(['shared']);
  const deleted = await s.apps.secrets.deleteWhere({ name: 'oauth', scope: mine });
  expect(deleted).toMatchObject({ id: created.id, deleted: true });
  expect(store.secrets().map((x) => x.name)).toEqual(['shared']);
  // stripe-node's requests, as the store received them (payload only as a length).
  const [first] = store.requests();
  expect(first.path).toBe('/v1/apps/secrets');
  expect(Object.fromEntries(first.params).payload).toEqual({ length: [...'tok &=+% 🔑'].length });
  expect(store.requests()).toHaveLength(5);
});

test("another user's scope gets the Secret Store's 403, as stripe-node's StripePermissionError", async () => {
  const s = stripe();
  const other = { type: 'user', user: 'usr_someoneElse' };
  const error = await s.apps.secrets.find({ name: 'oauth', scope: other }).catch((e) => e);
  expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
  expect(error).toMatchObject({ statusCode: 403, code: 'secret_scope_not_allowed', param: 'scope[user]' });
  expect(error.requestId).toMatch(/^req_/);
  // stripe-node checks nothing itself: the request reached the store, which refused it.
  expect(store.requests().map((r) => r.status)).toEqual([403]);
  expect(store.secrets()).toEqual([]);
});

test('the public api_fetch module is the testing API too', async () => {
  expect(stripeApiFetch).toBe(store);
});
