// Type-level consumer of stripe-apps-secrets: every method with every option,
// written the way extension code calls them, and deliberately wrong calls
// marked `// @ts-expect-error` (tsc fails if any of them stops being an error,
// so the types are proven to be real, not `any`). Checked with
// `tsc --noEmit --strict` by tests/consumers/typescript.test.mjs.
import init, {
  initSync,
  SecretStore,
  type CreateParams,
  type DeleteParams,
  type FindParams,
  type ListParams,
  type RequestOptions,
  type Scope,
  type ScopeInput,
  type Secret,
  type SecretList,
  type SecretStoreError,
  type SecretStoreErrorType,
  type SecretStoreOptions,
  type StripeApiFetch,
} from 'stripe-apps-secrets';
import initBundler, { initSync as initBundlerSync, SecretStore as BundlerSecretStore } from 'stripe-apps-secrets/bundler';
import stripeApiFetch from '@stripe/ui-extension-sdk/api_fetch';
import type { ExtensionContextValue } from '@stripe/ui-extension-sdk/context';

// The SDK types the view's user id as optional: stripe-docs.ts models it so,
// and Stripe's docs code passes it straight to `scope.user`.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sdkUserIdIsOptional: Same<ExtensionContextValue['userContext']['id'], string | undefined> = true;
void sdkUserIdIsOptional;

declare const userContext: { id: string };
declare const wasmBytes: Uint8Array<ArrayBuffer>;

export async function initialisation(): Promise<void> {
  await init();
  await init({ module_or_path: new URL('https://example.test/stripe_apps_secrets_bg.wasm') });
  await init({ module_or_path: fetch('/stripe_apps_secrets_bg.wasm') });
  initSync({ module: wasmBytes });
  await initBundler({ module_or_path: '/stripe_apps_secrets_bg.wasm' });
  initBundlerSync({ module: wasmBytes });
  // @ts-expect-error the engines are 'wasm' and 'js'
  await initBundler({ engine: 'wasm2js' });
}

export function stores(): SecretStore[] {
  // In a UI extension: the SDK's own stripeApiFetch must fit the `fetch` option.
  const inExtension = new SecretStore({ userId: userContext.id, fetch: stripeApiFetch });
  const ownFetch: StripeApiFetch = async (path, init) => ({ status: 200, ok: true, json: { path, init } });
  const options: SecretStoreOptions = {
    userId: 'usr_123',
    fetch: ownFetch,
    apiVersion: '2024-04-10',
    stripeAccount: 'acct_123',
    maxNetworkRetries: 3,
    timeout: 10_000,
  };
  const backend = new SecretStore({
    userId: 'usr_123',
    apiKey: 'sk_test_123',
    baseUrl: 'http://127.0.0.1:12111',
    apiVersion: '2024-04-10',
    stripeAccount: 'acct_123',
    maxNetworkRetries: 0,
    timeout: 5_000,
  });
  const accountOnly = new SecretStore({});
  const inline = new BundlerSecretStore({ userId: 'usr_123' });
  const who: string | undefined = backend.userId;
  void who;

  // @ts-expect-error unknown option (a typo of userId)
  new SecretStore({ userID: 'usr_123' });
  // @ts-expect-error userId is a string
  new SecretStore({ userId: 123 });
  // @ts-expect-error timeout is a number of milliseconds
  new SecretStore({ timeout: '10s' });
  // @ts-expect-error fetch must be a stripeApiFetch-shaped function
  new SecretStore({ fetch: 'https://api.stripe.com' });

  return [inExtension, new SecretStore(options), backend, accountOnly, inline];
}

export async function everyMethod(store: SecretStore): Promise<void> {
  const controller = new AbortController();
  const request: RequestOptions = { idempotencyKey: 'key-1', signal: controller.signal };
  const user: Scope = { type: 'user', user: userContext.id };
  const account: Scope = { type: 'account' };

  const createParams: CreateParams = {
    name: 'oauth',
    payload: 'token',
    scope: user,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    expand: ['payload'],
  };
  const created: Secret = await store.create(createParams, request);
  const createdPlain: Secret = await store.create({ name: 'plain', payload: 'p', scope: 'account' });

  const findParams: FindParams = { name: 'oauth', scope: 'user', expand: ['payload'] };
  const found: Secret = await store.find(findParams, { idempotencyKey: 'key-2' });
  const foundPlain: Secret = await store.find({ name: 'oauth', scope: account });
  const payload: string | undefined = found.payload;
  // Required as in stripe-node's Stripe.Apps.Secret (issue 23): no TS18048 under --strict.
  const nameLength: number = found.name.length;
  const createdAt: number = found.created;
  const scopeType: 'account' | 'user' = found.scope.type;
  void nameLength, createdAt, scopeType;

  const listParams: ListParams = {
    scope: 'account',
    limit: 10,
    starting_after: created.id,
    ending_before: createdPlain.id,
    expand: ['data.payload'],
  };
  const page: SecretList = await store.list(listParams, { signal: controller.signal });
  const firstPage: SecretList = await store.list({ scope: user });
  const more: boolean = page.has_more;
  const ids: string[] = firstPage.data.map((secret) => secret.id);

  for await (const secret of store.listAll({ scope: account, limit: 100, expand: ['data.payload'] }, request)) {
    const name: string = secret.name;
    void name;
  }
  for await (const secret of store.listAll({ scope: 'user' })) {
    if (secret.scope.type === 'user') {
      const owner: string = secret.scope.user;
      void owner;
    }
  }

  const deleteParams: DeleteParams = { name: 'oauth', scope: user, expand: [] };
  const deleted: Secret = await store.deleteWhere(deleteParams, request);
  const deletedPlain: Secret = await store.deleteWhere({ name: 'plain', scope: 'account' });
  const gone: boolean | undefined = deleted.deleted;
  const expires: number | null = deletedPlain.expires_at;

  void [foundPlain, payload, more, ids, gone, expires];
  store.free();
}

export async function wrongCalls(store: SecretStore): Promise<void> {
  // @ts-expect-error wrong scope type
  await store.find({ name: 'x', scope: { type: 'team' } });
  // @ts-expect-error wrong scope shorthand
  await store.find({ name: 'x', scope: 'accounts' });
  // @ts-expect-error a user scope needs its user
  await store.find({ name: 'x', scope: { type: 'user' } });
  // @ts-expect-error the account scope has no user
  await store.find({ name: 'x', scope: { type: 'account', user: 'usr_123' } });
  // @ts-expect-error missing name
  await store.find({ scope: 'account' });
  // @ts-expect-error missing name
  await store.create({ payload: 'p', scope: 'account' });
  // @ts-expect-error missing name
  await store.deleteWhere({ scope: 'account' });
  // @ts-expect-error number as payload
  await store.create({ name: 'x', payload: 42, scope: 'account' });
  // @ts-expect-error missing payload
  await store.create({ name: 'x', scope: 'account' });
  // @ts-expect-error expires_at is Unix seconds, not a Date
  await store.create({ name: 'x', payload: 'p', scope: 'account', expires_at: new Date() });
  // @ts-expect-error missing scope
  await store.list({ limit: 10 });
  // @ts-expect-error limit is a number (or its decimal digits)
  await store.list({ scope: 'account', limit: true });
  // @ts-expect-error unknown parameter
  await store.list({ scope: 'account', page: 2 });
  // @ts-expect-error expand is a list
  await store.find({ name: 'x', scope: 'account', expand: 'payload' });
  // @ts-expect-error unknown request option (stripe-node spells it idempotencyKey)
  await store.find({ name: 'x', scope: 'account' }, { idempotency_key: 'k' });
  // @ts-expect-error signal is an AbortSignal
  await store.find({ name: 'x', scope: 'account' }, { signal: new AbortController() });
  // @ts-expect-error no such method (it is deleteWhere, as in stripe-node)
  await store.delete({ name: 'x', scope: 'account' });

  const secret = await store.find({ name: 'x', scope: 'account', expand: ['payload'] });
  // @ts-expect-error payload is absent unless expanded: string | undefined
  const payload: string = secret.payload;
  // @ts-expect-error a Secret's fields are read as Stripe spells them
  const expiresAt = secret.expiresAt;
  void [payload, expiresAt];
}

export async function errors(store: SecretStore): Promise<string> {
  try {
    await store.find({ name: 'x', scope: 'user' });
    return 'found';
  } catch (caught) {
    const error = caught as SecretStoreError;
    const type: SecretStoreErrorType = error.type;
    const code: string | undefined = error.code;
    const param: string | undefined = error.param;
    const status: number | undefined = error.statusCode;
    const requestId: string | undefined = error.requestId;
    const message: string = error.message;
    // @ts-expect-error not one of the error types
    if (error.type === 'StripeCardError') return 'impossible';
    void [code, param, status, requestId];
    return `${type}: ${message}`;
  }
}

export const scopes: ScopeInput[] = ['account', 'user', { type: 'account' }, { type: 'user', user: 'usr_123' }];
