// One run of stripe-apps-secrets in a browser realm (the page, or a dedicated
// worker), as a UI extension: through the SDK's own `stripeApiFetch`
// (./sdk.js, the published SDK bundled unchanged by esbuild) and the fake
// Dashboard (./fake-dashboard.mjs, a copy of tests/support/fake-dashboard.mjs),
// over the transport asked for, against the emulator that serves this folder.
//
//   { transport: 'host' | 'frame', userId, payload, entry: 'main' | 'inline' }
//
// The Dashboard becomes ready only 150 ms after the first call is made, as at
// an extension's load. Also checked here: the bare path the library used to
// send fails, an answer without `json` is read from `arrayBuffer`, and
// stripe-node (its browser build, with the SDK's createHttpClient) sends the
// same requests as the library.
import { installFakeDashboard, isHostNotReady, AUTHORIZATION_VALUE } from './fake-dashboard.mjs';

const errorFields = (error) => ({
  isError: error instanceof Error,
  type: error?.type,
  code: error?.code,
  param: error?.param,
  statusCode: error?.statusCode,
  message: String(error?.message ?? error),
});

let instances = 0;

/** JSON with sorted keys, without what the emulator makes anew (id, created). */
const canon = (value) =>
  JSON.stringify(value, (key, v) =>
    key === 'id' || key === 'created'
      ? typeof v
      : v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
        : v,
  );

const pairsOf = (request) => {
  const raw = request.method === 'GET' ? request.path.split('?')[1] ?? '' : request.body ?? '';
  return [...new URLSearchParams(raw)].map(([k, v]) => `${k}=${v}`).sort();
};

export async function run(config) {
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

  // From here on the realm is an extension's: the Dashboard is not ready yet,
  // and (frame transport) its fetch reaches https://api.stripe.com only.
  const dashboard = installFakeDashboard({
    emulatorUrl: self.location.origin,
    userId: config.userId,
    transport: config.transport,
    readyAfterMs: 150,
  });
  const results = { environment, transport: config.transport };
  try {
    // A fresh SDK module instance: it chooses its transport anew.
    instances += 1;
    const sdk = await import(`./sdk.js?instance=${config.transport}-${instances}`);
    const store = new SecretStore({ userId: config.userId, fetch: sdk.stripeApiFetch });

    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    results.readyBeforeCreate = dashboard.isReady();
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
    results.findAfterDelete = await store.find({ name: 'oauth', scope: 'user' }).then(() => ({ resolved: true }), errorFields);
    results.otherUser = await store
      .find({ name: 'oauth', scope: { type: 'user', user: 'usr_somebodyelse' } })
      .then(() => ({ resolved: true }), errorFields);
    results.sent = dashboard.requests.map((r) => ({ transport: r.transport, method: r.method, path: r.path.split('?')[0], status: r.status }));
    results.frameAuthorization = dashboard.requests.every((r) => r.headers.Authorization === `Bearer ${dashboard.appKey}`);

    // The bare path the library used to send: refused before anything leaves.
    const before = dashboard.requests.length;
    results.barePath = await sdk
      .stripeApiFetch('/v1/apps/secrets?scope[type]=account', { method: 'GET', headers: { Authorization: AUTHORIZATION_VALUE } })
      .then(() => ({ resolved: true }), (e) => ({ name: e?.name, message: String(e?.message) }));
    results.barePathReached = dashboard.requests.length - before;

    // An answer labelled `application/json; charset=utf-8` comes without json.
    dashboard.answerWith(async (response) => {
      const headers = new Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      return new Response(await response.arrayBuffer(), { status: response.status, headers });
    });
    const raw = await sdk.stripeApiFetch(`https://api.stripe.com/v1/apps/secrets/find?name=a1&scope[type]=account`, {
      headers: { Authorization: AUTHORIZATION_VALUE },
    });
    results.charset = {
      json: raw.json === undefined ? 'absent' : 'present',
      arrayBuffer: raw.arrayBuffer instanceof ArrayBuffer,
      found: await store.find({ name: 'a1', scope: 'account', expand: ['payload'] }).then((s) => s.payload, errorFields),
    };
    dashboard.answerWith(null);

    // Parity at the Dashboard with stripe-node + the SDK's http client, in this realm.
    const stripe = new sdk.Stripe(sdk.STRIPE_API_KEY, { httpClient: sdk.createHttpClient(), maxNetworkRetries: 0 });
    const mine = { type: 'user', user: config.userId };
    const ops = [
      ['create', (c) => c.create({ name: 'p', payload: 'p &=+ 🔐', scope: mine, expires_at: expiresAt })],
      ['find', (c) => c.find({ name: 'p', scope: mine, expand: ['payload'] })],
      ['list', (c) => c.list({ scope: { type: 'account' }, limit: 2 })],
      ['deleteWhere', (c) => c.deleteWhere({ name: 'p', scope: mine }), () => store.create({ name: 'p', payload: 'again', scope: mine })],
    ];
    results.parity = [];
    for (const [label, op, setUp] of ops) {
      const seen = [];
      for (const client of [stripe.apps.secrets, store]) {
        await setUp?.();
        dashboard.requests.length = 0;
        const result = await op(client);
        seen.push({ result, request: dashboard.requests[0], count: dashboard.requests.length });
      }
      const [a, b] = seen;
      results.parity.push({
        label,
        requests: [a.count, b.count],
        same:
          a.request.method === b.request.method &&
          a.request.path.split('?')[0] === b.request.path.split('?')[0] &&
          pairsOf(a.request).join('&') === pairsOf(b.request).join('&'),
        statuses: [a.request.status, b.request.status],
        sameResult: canon(a.result) === canon(b.result),
      });
    }
  } finally {
    dashboard.uninstall();
  }
  return results;
}

export { isHostNotReady };
