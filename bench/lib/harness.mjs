// The per-call harness, shared by Node and the Chromium page (it imports
// nothing, so esbuild can bundle it for the page as is).
//
// Three clients make the same `find` and `create` calls through one
// `stripeApiFetch` (the SDK's, whose transport is a stand-in that resolves at
// once with a fresh canned SerializableResponse):
//   - ours:        new SecretStore({ userId, fetch: stripeApiFetch })
//   - stripe-node: new Stripe(STRIPE_API_KEY, { httpClient: createHttpClient() })
//   - floor:       the request written by hand (URLSearchParams, headers, one
//                  await, status check), the least any client has to do.
// The runs are interleaved: each round times a batch of sequential awaited
// calls of every client, the order rotating from round to round, and the
// result is the per-round µs per call of each client.

export const USER = 'usr_alice1';
const AUTHORIZATION = 'Bearer DO_NOT_PASS_A_REAL_API_KEY';
const STRIPE_VERSION = '2024-04-10';
export const NAME = 'oauth token';
export const PAYLOAD = 'tok_3f9a1c0b7e';

function secretJson(withPayload) {
  const secret = {
    id: 'appsecret_5110hHS1707T6fjBnah1LkdIwHu7ix',
    object: 'apps.secret',
    created: 1700000000,
    expires_at: null,
    livemode: false,
    name: NAME,
    payload: PAYLOAD,
    scope: { type: 'user', user: USER },
  };
  if (!withPayload) delete secret.payload;
  return secret;
}

/**
 * The instant transport: resolves at once with a fresh SerializableResponse
 * (fresh, as one that crossed postMessage would be). Counts its calls.
 */
export function makeStandIn() {
  const standIn = (path, init) => {
    standIn.calls++;
    return Promise.resolve({
      // find asks for expand: ['payload'], create does not.
      json: secretJson(init.method !== 'POST'),
      headers: { 'content-type': 'application/json', 'request-id': 'req_canned1' },
      ok: true,
      redirected: false,
      status: 200,
      statusText: 'OK',
      type: 'basic',
      url: 'https://api.stripe.com/v1/apps/secrets',
    });
  };
  standIn.calls = 0;
  return standIn;
}

/** `{ find: [{ name, fn }], create: [...] }` for the three clients. */
export function makeCases({ SecretStore, JsEngineSecretStore, Stripe, createHttpClient, STRIPE_API_KEY, stripeApiFetch }) {
  const store = new SecretStore({ userId: USER, fetch: stripeApiFetch });
  // Given (Node), the same package running on its JS engine.
  const jsStore = JsEngineSecretStore && new JsEngineSecretStore({ userId: USER, fetch: stripeApiFetch });
  const stripe = new Stripe(STRIPE_API_KEY, { httpClient: createHttpClient() });
  const userScope = { type: 'user', user: USER };

  async function floorFind(name) {
    const q = new URLSearchParams();
    q.append('name', name);
    q.append('scope[type]', 'user');
    q.append('scope[user]', USER);
    q.append('expand[0]', 'payload');
    const res = await stripeApiFetch(`/v1/apps/secrets/find?${q}`, {
      method: 'GET',
      headers: { Authorization: AUTHORIZATION, 'Stripe-Version': STRIPE_VERSION },
    });
    if (!res.ok) throw new Error(`find answered ${res.status}`);
    return res.json;
  }
  async function floorCreate(name, payload) {
    const q = new URLSearchParams();
    q.append('name', name);
    q.append('payload', payload);
    q.append('scope[type]', 'user');
    q.append('scope[user]', USER);
    const res = await stripeApiFetch('/v1/apps/secrets', {
      method: 'POST',
      headers: {
        Authorization: AUTHORIZATION,
        'Stripe-Version': STRIPE_VERSION,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: q.toString(),
    });
    if (!res.ok) throw new Error(`create answered ${res.status}`);
    return res.json;
  }

  return {
    find: [
      { name: 'ours', fn: () => store.find({ name: NAME, scope: 'user', expand: ['payload'] }) },
      { name: 'stripe-node', fn: () => stripe.apps.secrets.find({ name: NAME, scope: userScope, expand: ['payload'] }) },
      { name: 'floor', fn: () => floorFind(NAME) },
      ...(jsStore ? [{ name: 'ours (JS engine)', fn: () => jsStore.find({ name: NAME, scope: 'user', expand: ['payload'] }) }] : []),
    ],
    create: [
      { name: 'ours', fn: () => store.create({ name: NAME, payload: PAYLOAD, scope: 'user' }) },
      { name: 'stripe-node', fn: () => stripe.apps.secrets.create({ name: NAME, payload: PAYLOAD, scope: userScope }) },
      { name: 'floor', fn: () => floorCreate(NAME, PAYLOAD) },
      ...(jsStore ? [{ name: 'ours (JS engine)', fn: () => jsStore.create({ name: NAME, payload: PAYLOAD, scope: 'user' }) }] : []),
    ],
  };
}

/** Checks that every case answers the canned secret (a broken case would time an exception). */
export async function checkCases(cases) {
  for (const [op, list] of Object.entries(cases)) {
    for (const { name, fn } of list) {
      const secret = await fn();
      if (secret?.id !== 'appsecret_5110hHS1707T6fjBnah1LkdIwHu7ix' || secret?.name !== NAME) {
        throw new Error(`${op} via ${name} answered ${JSON.stringify(secret)}`);
      }
    }
  }
}

async function timeBatch(fn, batch) {
  const t0 = performance.now();
  for (let i = 0; i < batch; i++) await fn();
  return ((performance.now() - t0) * 1000) / batch;
}

/**
 * Interleaved runs. Warm-up: `warmup` calls of each case; then each case's
 * batch size is set so one batch lasts about `batchMs` (the browser's timer is
 * coarse, 0.1 ms or worse without cross-origin isolation). Then `rounds`
 * rounds; in each, every case runs one batch of sequential awaited calls,
 * the order rotating by round. Returns `{ samples: { [case]: µs per call for
 * each round }, batches: { [case]: calls per batch } }`.
 */
export async function interleave(list, { rounds, batchMs, warmup }) {
  for (const { fn } of list) await timeBatch(fn, warmup);
  const batches = {};
  for (const { name, fn } of list) {
    const probe = await timeBatch(fn, 200);
    batches[name] = Math.max(50, Math.min(50_000, Math.round((batchMs * 1000) / Math.max(probe, 0.05))));
  }
  const samples = Object.fromEntries(list.map(({ name }) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < list.length; k++) {
      const { name, fn } = list[(r + k) % list.length];
      samples[name].push(await timeBatch(fn, batches[name]));
    }
  }
  return { samples, batches };
}

/** Runs both operations; `{ find: { ours: [...], ... }, create: {...} }`. */
export async function runPerCall(cases, options) {
  await checkCases(cases);
  const out = { samples: {}, batches: {} };
  for (const [op, list] of Object.entries(cases)) {
    const { samples, batches } = await interleave(list, options);
    out.samples[op] = samples;
    out.batches[op] = batches;
  }
  return out;
}
