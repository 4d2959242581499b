import stripeApiFetch from '@stripe/ui-extension-sdk/api_fetch';
import { SecretStore, StripeInvalidRequestError } from 'stripe-apps-secrets';

/** The Secret Store as this Dashboard user's extension may use it: the account scope and this user's own scope. */
export const secretsFor = (userId: string | undefined) => new SecretStore({ userId, fetch: stripeApiFetch });

const TOKEN = 'api_token';

/** Saves this user's token, for an hour. */
export const saveToken = (secrets: SecretStore, token: string) =>
  secrets.create({
    name: TOKEN,
    payload: token,
    scope: 'user',
    expires_at: Math.floor(Date.now() / 1000) + 3600,
  });

/** This user's token, or null when none is saved. */
export async function loadToken(secrets: SecretStore): Promise<string | null> {
  try {
    const secret = await secrets.find({ name: TOKEN, scope: 'user', expand: ['payload'] });
    return secret.payload ?? null;
  } catch (error) {
    if (error instanceof StripeInvalidRequestError && error.code === 'resource_missing') return null;
    throw error;
  }
}

/** Deletes this user's token. */
export const forgetToken = (secrets: SecretStore) => secrets.deleteWhere({ name: TOKEN, scope: 'user' });

/** The names of the secrets the whole account shares, every page of them. */
export async function sharedSecretNames(secrets: SecretStore): Promise<string[]> {
  const names: string[] = [];
  for await (const secret of secrets.listAll({ scope: 'account' })) names.push(secret.name ?? '');
  return names;
}
