import { createOAuthState } from '@stripe/ui-extension-sdk/oauth';
import { tokenStore, type TokenInput, type TokenStore } from 'stripe-apps-secrets/tokens';
import { secretsFor } from './secrets';

/** The third-party service (declared in stripe-app.json's connect-src). */
export const SERVICE = 'https://oauth.example.test';
const CLIENT_ID = 'secret-token-app';
const REDIRECT_URI = 'https://dashboard.stripe.com/test/apps-oauth/com.example.secret-token-app';

/** A call to the service's token endpoint: the code exchange and each refresh. */
async function tokenEndpoint(form: Record<string, string>): Promise<TokenInput> {
  const answer = await fetch(`${SERVICE}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...form }).toString(),
  });
  if (!answer.ok) throw new Error(`The service refused the token request (${answer.status}).`);
  return answer.json();
}

/** This Dashboard user's token for the service, in their own scope of the Secret Store. */
export const tokensFor = (userId: string | undefined) =>
  tokenStore({
    secrets: secretsFor(userId),
    name: 'service_oauth',
    refresh: (current) => tokenEndpoint({ grant_type: 'refresh_token', refresh_token: current.refresh_token ?? '' }),
  });

/** The service's consent page, with the SDK's PKCE state and challenge; it redirects back with a code. */
export async function signInUrl(): Promise<string> {
  const { state, challenge } = await createOAuthState();
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${SERVICE}/authorize?${query}`;
}

/** After the redirect (the view's `oauthContext`): the code exchanged for a token, to save. */
export const exchangeCode = (code: string, verifier: string) =>
  tokenEndpoint({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI });

/** Who the user is at the service: a call with the token, refreshed and retried once on a 401. */
export async function serviceUser(tokens: TokenStore): Promise<string> {
  const answer = await tokens.withToken((token) =>
    fetch(`${SERVICE}/me`, { headers: { authorization: `Bearer ${token.access_token}` } }),
  );
  if (!answer.ok) throw new Error(`The service answered ${answer.status}.`);
  return (await answer.json()).user;
}
