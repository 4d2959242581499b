import { engine, StripeScopeError } from 'stripe-apps-secrets/inline';
import { emulatorRequests, resetEmulator } from '../test/dashboardFetch';
import { forgetToken, loadToken, saveToken, secretsFor, sharedSecretNames } from './secrets';

// The SDK's stripeApiFetch needs the Dashboard: here it reaches the Secret
// Store emulator as the extension of Dashboard user usr_jest.
jest.mock('@stripe/ui-extension-sdk/api_fetch', () => ({
  __esModule: true,
  default: jest.requireActual('../test/dashboardFetch').dashboardFetch('usr_jest'),
}));

beforeEach(resetEmulator);

test('a token saved is loaded back exactly, then forgotten', async () => {
  const secrets = secretsFor('usr_jest');
  const token = 'tok_ünïcødé &=+%\n\u0000 🔑';
  await saveToken(secrets, token);
  expect(await loadToken(secrets)).toBe(token);
  await forgetToken(secrets);
  expect(await loadToken(secrets)).toBeNull();
});

test("another user's token is refused before anything is sent", async () => {
  const secrets = secretsFor('usr_jest');
  await expect(secrets.find({ name: 'api_token', scope: { type: 'user', user: 'usr_other' } })).rejects.toBeInstanceOf(
    StripeScopeError,
  );
  expect(await emulatorRequests()).toEqual([]);
});

test("the account's shared secrets are listed", async () => {
  const secrets = secretsFor('usr_jest');
  for (const name of ['a', 'b', 'c']) await secrets.create({ name, payload: name, scope: 'account' });
  expect((await sharedSecretNames(secrets)).sort()).toEqual(['a', 'b', 'c']);
});

test('the engine that ran', () => {
  expect(engine()).toBe(process.env.EXPECT_ENGINE ?? 'wasm');
});
