import stripeApiFetch from '@stripe/ui-extension-sdk/api_fetch';
import { engine, StripeScopeError } from 'stripe-apps-secrets';
import type { SecretStoreApi } from 'stripe-apps-secrets/testing';
import { forgetToken, loadToken, saveToken, secretsFor, sharedSecretNames } from './secrets';

// No Dashboard here: the SDK's stripeApiFetch becomes Stripe's Secret Store
// in-process, acting as the extension of Dashboard user usr_jest.
jest.mock('@stripe/ui-extension-sdk/api_fetch', () => ({
  __esModule: true,
  default: jest.requireActual('stripe-apps-secrets/testing').createSecretStoreApi({ userId: 'usr_jest' }),
}));
const secretStore = stripeApiFetch as unknown as SecretStoreApi;

beforeEach(() => secretStore.reset());

test("the token is saved in this user's scope, for an hour, byte for byte", async () => {
  const token = 'tok_ünïcødé &=+%\n\u0000 🔑';
  const hourFrom = () => Math.floor(Date.now() / 1000) + 3600;
  const earliest = hourFrom();
  await saveToken(secretsFor('usr_jest'), token);
  const [saved] = secretStore.secrets();
  expect(saved).toMatchObject({ name: 'api_token', payload: token, scope: { type: 'user', user: 'usr_jest' } });
  expect(saved.expires_at).toBeGreaterThanOrEqual(earliest);
  expect(saved.expires_at).toBeLessThanOrEqual(hourFrom());
});

test('a token saved is loaded back, then forgotten', async () => {
  const secrets = secretsFor('usr_jest');
  expect(await loadToken(secrets)).toBeNull();
  await saveToken(secrets, 'tok_1');
  expect(await loadToken(secrets)).toBe('tok_1');
  await forgetToken(secrets);
  expect(await loadToken(secrets)).toBeNull();
  expect(secretStore.secrets()).toEqual([]);
});

test('a token is gone once it expires', async () => {
  const secrets = secretsFor('usr_jest');
  await saveToken(secrets, 'tok_1');
  secretStore.advanceTime(3601);
  expect(await loadToken(secrets)).toBeNull();
});

test("another user's token is refused before anything is sent", async () => {
  const secrets = secretsFor('usr_jest');
  await expect(secrets.find({ name: 'api_token', scope: { type: 'user', user: 'usr_other' } })).rejects.toBeInstanceOf(
    StripeScopeError,
  );
  expect(secretStore.requests()).toEqual([]);
});

test("the account's shared secrets are listed", async () => {
  const secrets = secretsFor('usr_jest');
  for (const name of ['a', 'b', 'c']) await secrets.create({ name, payload: name, scope: 'account' });
  expect((await sharedSecretNames(secrets)).sort()).toEqual(['a', 'b', 'c']);
});

test('the engine that ran', () => {
  expect(engine()).toBe(process.env.EXPECT_ENGINE ?? 'wasm');
});
