// Runs every operation of stripe-apps-secrets inside a dedicated Web Worker,
// with the transport the page asks for, against the emulator that serves
// this folder, and posts back what happened.
//   { transport: 'apiKey', userId, apiKey }   global fetch to the emulator
//   { transport: 'fetch', userId }            emulatorApiFetch (stripeApiFetch stand-in)
// and the entry it asks for: 'main' (fetches the .wasm beside the module)
// or 'inline' (stripe-apps-secrets/inline, the .wasm carried in the module).
import { emulatorApiFetch } from './emulator-api-fetch.js';

const errorFields = (error) => ({
  isError: error instanceof Error,
  type: error?.type,
  code: error?.code,
  param: error?.param,
  statusCode: error?.statusCode,
  message: String(error?.message ?? error),
});

async function run(config) {
  const environment = {
    noWindow: typeof window === 'undefined' && typeof document === 'undefined',
    dedicatedWorker:
      typeof DedicatedWorkerGlobalScope !== 'undefined' && self instanceof DedicatedWorkerGlobalScope,
  };
  const entry = config.entry === 'inline' ? '/pkg/inline.js' : '/pkg/stripe_apps_secrets.js';
  const { default: init, SecretStore } = await import(entry);
  await init(); // main: fetches stripe_apps_secrets_bg.wasm beside the module; inline: no fetch
  environment.wasmFetched = performance
    .getEntriesByType('resource')
    .some((e) => new URL(e.name).pathname === '/pkg/stripe_apps_secrets_bg.wasm');

  const origin = self.location.origin;
  const sent = [];
  const store =
    config.transport === 'fetch'
      ? new SecretStore({ userId: config.userId, fetch: emulatorApiFetch(origin, config.userId, (r) => sent.push(r)) })
      : new SecretStore({ userId: config.userId, apiKey: config.apiKey, baseUrl: origin });

  const results = { environment, transport: config.transport };
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  results.create = await store.create({
    name: 'oauth',
    payload: config.payload,
    scope: { type: 'user', user: config.userId },
    expires_at: expiresAt,
  });
  results.expiresAt = expiresAt;
  results.find = await store.find({ name: 'oauth', scope: 'user', expand: ['payload'] });
  for (const name of ['a1', 'a2', 'a3']) {
    await store.create({ name, payload: `account ${name}`, scope: 'account' });
  }
  results.list = await store.list({ scope: { type: 'account' }, limit: 2 });
  results.listAll = [];
  for await (const secret of store.listAll({ scope: 'account', limit: 2, expand: ['data.payload'] })) {
    results.listAll.push({ name: secret.name, payload: secret.payload, scope: secret.scope });
  }
  results.deleteWhere = await store.deleteWhere({ name: 'oauth', scope: { type: 'user', user: config.userId } });
  results.findAfterDelete = await store.find({ name: 'oauth', scope: 'user' }).then(
    () => ({ resolved: true }),
    errorFields,
  );
  results.otherUser = await store.find({ name: 'oauth', scope: { type: 'user', user: 'usr_somebodyelse' } }).then(
    () => ({ resolved: true }),
    errorFields,
  );
  results.sent = sent;
  return results;
}

self.addEventListener('unhandledrejection', (event) => {
  self.postMessage({ failed: `unhandled rejection: ${event.reason?.stack ?? event.reason}` });
});

self.addEventListener('message', (event) => {
  run(event.data).then(
    (results) => self.postMessage({ results }),
    (error) => self.postMessage({ failed: `${error?.type ?? ''} ${error?.code ?? ''} ${error?.stack ?? error}` }),
  );
});
