// One run of the library as an attacker's victim would use it, the same in
// Node (pollution-child.mjs) and in a Chromium page (pollution-page/): every
// option left out that can be, so an inherited value would show; every
// operation, listAll (whole, and stopped with return()), request options,
// refusals, a 404 and a connection failure. `pollute()` is called before the
// stores are built ('before') or right after ('after'); `depollute()` once
// the run is over, then a normal call must still work.
//
// Outcomes are recorded raw while the realm is polluted (nothing here reads
// an inherited property: only own fields, array pushes, try/catch) and made
// comparable by `canonical()` once it is clean again. Plain ESM, no imports.

export const USER = 'usr_hostile1';
export const KEY = 'sk_test_hostile_KEY_9f3a';
export const PAYLOAD = 'hostile payload &=+ é';
export const IDEMPOTENCY_KEY = 'hostile-idem-1';

/** The own fields of an error, read without running anything inherited. */
function errorOf(e) {
  const own = (k) => (e !== null && typeof e === 'object' && Object.hasOwn(e, k) ? e[k] : undefined);
  return {
    error: true,
    isError: e instanceof Error,
    type: own('type'),
    code: own('code'),
    param: own('param'),
    statusCode: own('statusCode'),
    message: typeof own('message') === 'string' ? own('message') : String(typeof e),
  };
}

/**
 * Runs the scenario. `transport` is 'apiKey' (global fetch to `baseUrl`) or
 * 'host'/'frame' (`fetchFn` = the SDK's stripeApiFetch).
 */
export async function runScenario({ SecretStore, transport, baseUrl, fetchFn, expiresAt, timing, pollute, depollute, fast = false }) {
  const steps = [];
  const step = async (label, fn) => {
    try {
      steps.push([label, { value: await fn() }]);
    } catch (e) {
      steps.push([label, errorOf(e)]);
    }
  };
  const build = (options) => {
    try {
      return { store: new SecretStore(options) };
    } catch (e) {
      return { refused: errorOf(e) };
    }
  };
  const apiKey = transport === 'apiKey';
  // `fast`: a case known to fail (todo) need not wait out the retries of every step.
  const extra = fast ? { maxNetworkRetries: 0 } : {};

  if (timing === 'before') pollute();
  const a = build(apiKey ? { userId: USER, apiKey: KEY, baseUrl, ...extra } : { userId: USER, fetch: fetchFn, ...extra });
  const b = build(apiKey ? { apiKey: KEY, baseUrl, ...extra } : { fetch: fetchFn, ...extra });
  const c = apiKey ? build({ apiKey: KEY, maxNetworkRetries: 0 }) : undefined; // default baseUrl: api.stripe.com
  if (timing === 'after') pollute();
  steps.push(['new A', a.refused ?? 'built'], ['new B', b.refused ?? 'built']);
  if (c) steps.push(['new C', c.refused ?? 'built']);
  const A = a.store;
  const B = b.store;
  const noStore = () => {
    throw new Error('no store');
  };

  if (A) {
    await step('A.userId', () => A.userId);
    await step('create user', () =>
      A.create({ name: 'oauth', payload: PAYLOAD, scope: { type: 'user', user: USER }, expires_at: expiresAt }, { idempotencyKey: IDEMPOTENCY_KEY }),
    );
    await step('create a1', () => (B ?? noStore()).create({ name: 'a1', payload: 'account a1', scope: 'account' }));
    await step('create a2', () => A.create({ name: 'a2', payload: 'account a2', scope: { type: 'account' } }));
    await step('create a3', () => A.create({ name: 'a3', payload: 'account a3', scope: 'account' }));
    await step('find expanded', () => A.find({ name: 'oauth', scope: 'user', expand: ['payload'] }));
    await step('find', () => A.find({ name: 'oauth', scope: { type: 'user', user: USER } }));
    await step('list', () => (B ?? noStore()).list({ scope: { type: 'account' } }));
    await step('list limit', () => A.list({ scope: 'account', limit: 2 }));
    await step('listAll', async () => {
      const names = [];
      for await (const s of A.listAll({ scope: 'account' })) names.push(s);
      return names;
    });
    await step('listAll return', async () => {
      const it = A.listAll({ scope: 'account' });
      const first = await it.next();
      const ended = await it.return();
      const after = await it.next();
      return [first.done, ended.done, after.done];
    });
    await step('find signal', () => A.find({ name: 'oauth', scope: 'user' }, { signal: new AbortController().signal }));
    await step('find aborted', () => A.find({ name: 'oauth', scope: 'user' }, { signal: AbortSignal.abort() }));
    await step('find missing', () => A.find({ name: 'missing', scope: 'account' }));
    await step('find other user', () => A.find({ name: 'oauth', scope: { type: 'user', user: 'usr_bob' } }));
    await step('find user scope without userId', () => (B ?? noStore()).find({ name: 'oauth', scope: 'user' }));
    await step('create without payload', () => A.create({ name: 'x', scope: 'account' }));
    await step('delete a1', () => A.deleteWhere({ name: 'a1', scope: 'account' }));
    if (c) await step('default baseUrl', () => (c.store ?? noStore()).find({ name: 'oauth', scope: 'account' }));
  }
  depollute();

  // Clean again: the module must still work, the old store and a new one.
  await step('after: create', () => (A ?? noStore()).create({ name: 'after', payload: 'fine', scope: 'user' }));
  await step('after: find', () => (A ?? noStore()).find({ name: 'after', scope: 'user', expand: ['payload'] }));
  const d = build(apiKey ? { userId: USER, apiKey: KEY, baseUrl, ...extra } : { userId: USER, fetch: fetchFn, ...extra });
  await step('after: new store list', () => (d.store ?? noStore()).list({ scope: 'user' }));
  return steps;
}

const ID = /^appsecret_[A-Za-z0-9]+$/;

/**
 * JSON of `value` with what a run makes anew replaced: secret ids,
 * `created`, generated idempotency keys; arrays of secrets sorted by name
 * (secrets made in the same second may list in either order).
 */
export function canonical(value) {
  return JSON.stringify(value, (key, v) => {
    if (key === 'created') return typeof v;
    if (typeof v === 'string' && ID.test(v)) return 'appsecret_ID';
    if (typeof v === 'string' && v.includes('appsecret_')) return v.replace(/appsecret_[A-Za-z0-9]+/g, 'appsecret_ID');
    if (Array.isArray(v) && v.every((s) => s && typeof s === 'object' && typeof s.name === 'string' && s.object === 'apps.secret')) {
      return [...v].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    }
    return v;
  });
}

/** A request as seen leaving the realm, made comparable: generated idempotency keys and ids replaced. */
export function canonicalRequest({ method, url, headers, body }) {
  const h = Object.fromEntries(
    Object.entries(headers)
      .map(([k, v]) => [k.toLowerCase(), v])
      .map(([k, v]) => [k, k === 'idempotency-key' && v !== IDEMPOTENCY_KEY ? 'generated' : k === 'authorization' && /^Bearer fake_app_embedded_key_/.test(v) ? 'Bearer APP_KEY' : v])
      .sort(([x], [y]) => (x < y ? -1 : 1)),
  );
  const ids = (s) => (typeof s === 'string' ? s.replace(/appsecret_[A-Za-z0-9]+/g, 'appsecret_ID') : s);
  return { method, url: ids(url), headers: h, body: ids(body) };
}
