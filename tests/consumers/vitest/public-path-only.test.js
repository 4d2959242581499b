// The pitfall stripe-node.test.js avoids: mocking only the public
// '@stripe/ui-extension-sdk/api_fetch' does not reach createHttpClient(),
// which imports the SDK's internal utils/apiFetch. stripe-node then runs on
// the SDK's real transport, which needs the Dashboard's endpoint.
import stripeApiFetch from '@stripe/ui-extension-sdk/api_fetch';
import { createHttpClient, STRIPE_API_KEY } from '@stripe/ui-extension-sdk/http_client';
import Stripe from 'stripe';
import { expect, test, vi } from 'vitest';

vi.mock('@stripe/ui-extension-sdk/api_fetch', async () => {
  const { createSecretStoreApi } = await import('stripe-apps-secrets/testing');
  return { default: createSecretStoreApi({ userId: 'usr_vitestPublic' }) };
});

test('createHttpClient() bypasses a mock of the public path', async () => {
  const stripe = new Stripe(STRIPE_API_KEY, { httpClient: createHttpClient(), maxNetworkRetries: 0 });
  const error = await stripe.apps.secrets.list({ scope: { type: 'account' } }).catch((e) => e);
  expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
  expect(error.detail?.message).toMatch(/hostEndpoint has not been initialized/);
  expect(stripeApiFetch.requests()).toEqual([]);
});
