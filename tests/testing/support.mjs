// Shared by the suites of `stripe-apps-secrets/testing`: loads the module as
// the package ships it (pkg/testing.js, from scripts/build-pkg.sh) and sends Secret
// Store requests through any stripeApiFetch-shaped function.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MODULE = fileURLToPath(new URL('../../pkg/testing.js', import.meta.url));
export const API = 'https://api.stripe.com';
export const AUTH = { Authorization: 'Bearer DO_NOT_PASS_A_REAL_API_KEY' };
export const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
export const ACCOUNT = { 'scope[type]': 'account' };
export const userScope = (user) => ({ 'scope[type]': 'user', 'scope[user]': user });

/** The built testing module: { createSecretStoreApi, STRIPE_API_KEY, ... }. */
export async function loadTesting() {
  if (!existsSync(MODULE)) throw new Error(`${MODULE} is missing: run scripts/build-pkg.sh`);
  return import(pathToFileURL(MODULE).href);
}

/** `a=1&scope[type]=account` with brackets unescaped, as stripe-node sends them. */
export function form(params) {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}

/** Unix seconds now. */
export const nowSecs = () => Math.floor(Date.now() / 1000);

/** Requests of the four endpoints through `fetchLike` (a stripeApiFetch-shaped function). */
export function secretsClient(fetchLike) {
  const post = (path, params, headers = {}) =>
    fetchLike(`${API}${path}`, { method: 'POST', headers: { ...AUTH, ...FORM, ...headers }, body: form(params) });
  const get = (path, params, headers = {}) =>
    fetchLike(`${API}${path}?${form(params)}`, { method: 'GET', headers: { ...AUTH, ...headers } });
  return {
    set: (params, headers) => post('/v1/apps/secrets', params, headers),
    find: (params, headers) => get('/v1/apps/secrets/find', params, headers),
    del: (params, headers) => post('/v1/apps/secrets/delete', params, headers),
    list: (params, headers) => get('/v1/apps/secrets', params, headers),
  };
}
