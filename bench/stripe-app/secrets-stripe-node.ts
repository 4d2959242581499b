// The Stripe App's secret handling (tests/stripe-app/src/secrets.ts) written
// as Stripe's docs write it, with stripe-node and the SDK's http client: the
// bench builds the same app with this module in its place.
import Stripe from 'stripe';
import { createHttpClient, STRIPE_API_KEY } from '@stripe/ui-extension-sdk/http_client';

const stripe = new Stripe(STRIPE_API_KEY, { httpClient: createHttpClient() as Stripe.HttpClient });
const TOKEN = 'api_token';

export const secretsFor = (userId: string | undefined) => ({ userId: userId ?? '' });
type Secrets = ReturnType<typeof secretsFor>;

export const saveToken = (secrets: Secrets, token: string) =>
  stripe.apps.secrets.create({
    name: TOKEN,
    payload: token,
    scope: { type: 'user', user: secrets.userId },
    expires_at: Math.floor(Date.now() / 1000) + 3600,
  });

export async function loadToken(secrets: Secrets): Promise<string | null> {
  try {
    const secret = await stripe.apps.secrets.find({ name: TOKEN, scope: { type: 'user', user: secrets.userId }, expand: ['payload'] });
    return secret.payload ?? null;
  } catch (error) {
    if ((error as { code?: string }).code === 'resource_missing') return null;
    throw error;
  }
}

export const forgetToken = (secrets: Secrets) =>
  stripe.apps.secrets.deleteWhere({ name: TOKEN, scope: { type: 'user', user: secrets.userId } });

export async function sharedSecretNames(_secrets: Secrets): Promise<string[]> {
  const names: string[] = [];
  for await (const secret of stripe.apps.secrets.list({ scope: { type: 'account' } })) names.push(secret.name);
  return names;
}
