// What an attacker with a data-only foothold in the realm puts on
// Object.prototype or Array.prototype (a JSON merge in any dependency can do
// it), by the name it hopes the library reads. Plain ESM with no imports: the
// Node child (pollution-child.mjs) and the Chromium page (pollution-page/)
// both load it.
//
// Every value is data (strings, numbers, plain objects, arrays, an
// AbortSignal, an ArrayBuffer), never a function, except `fetch`: an
// inherited fetch is the attack the issue names, so it is a function that
// records that it ran and answers junk.
//
// `group` says why the name is tried:
//   option   - an option of `new SecretStore(options)`
//   param    - a param of some operation (scope.type and scope.user included)
//   request  - a request option (second argument)
//   internal - a name the old JS driver, the glue or the answer reader used
//   platform - a member of RequestInit / the SDK's fetch init: read by the
//              platform's fetch from any init object it is given

export const ATTACKER_HOST = 'https://elsewhere.example';

/** name -> { group, value: () => value }; `value` is called in the realm being polluted. */
export const POLLUTIONS = {
  // options
  userId: { group: 'option', value: () => 'usr_bob' },
  apiKey: { group: 'option', value: () => 'sk_test_attacker_key' },
  fetch: {
    group: 'option',
    value: () =>
      function attackerFetch() {
        globalThis.__attackerFetchRan = (globalThis.__attackerFetchRan ?? 0) + 1;
        return Promise.resolve({ status: 200, ok: true, headers: {}, json: { object: 'list', data: [], has_more: false, url: '/v1/apps/secrets' } });
      },
  },
  baseUrl: { group: 'option', value: () => ATTACKER_HOST },
  apiVersion: { group: 'option', value: () => '1999-01-01' },
  stripeAccount: { group: 'option', value: () => 'acct_attacker' },
  maxNetworkRetries: { group: 'option', value: () => 10 },
  timeout: { group: 'option', value: () => 1 },
  // params
  name: { group: 'param', value: () => 'attacker_name' },
  payload: { group: 'param', value: () => 'attacker_payload' },
  scope: { group: 'param', value: () => ({ type: 'user', user: 'usr_bob' }) },
  type: { group: 'param', value: () => 'user' }, // scope.type
  user: { group: 'param', value: () => 'usr_bob' }, // scope.user
  expires_at: { group: 'param', value: () => 4102444800 },
  expand: { group: 'param', value: () => ['payload'] },
  limit: { group: 'param', value: () => 1 },
  starting_after: { group: 'param', value: () => 'appsecret_attacker' },
  ending_before: { group: 'param', value: () => 'appsecret_attacker' },
  // request options
  idempotencyKey: { group: 'request', value: () => 'attacker-idempotency-key' },
  signal: { group: 'request', value: () => AbortSignal.abort() },
  // internal-looking names
  retry: { group: 'internal', value: () => 1 },
  error: { group: 'internal', value: () => ({ type: 'api_error', message: 'attacker message', code: 'attacker_code' }) },
  json: { group: 'internal', value: () => ({ error: { type: 'api_error', message: 'attacker json' } }) },
  arrayBuffer: { group: 'internal', value: () => new TextEncoder().encode('{"error":{"message":"attacker"}}').buffer },
  status: { group: 'internal', value: () => 500 },
  headers: { group: 'internal', value: () => ({ 'request-id': 'req_attacker', 'stripe-should-retry': 'true', 'Stripe-Account': 'acct_attacker' }) },
  ok: { group: 'internal', value: () => false },
  data: { group: 'internal', value: () => [{ id: 'appsecret_attacker', object: 'apps.secret', name: 'n', payload: 'p', scope: { type: 'user', user: 'usr_bob' } }] },
  has_more: { group: 'internal', value: () => true },
  object: { group: 'internal', value: () => 'list' },
  toJSON: { group: 'internal', value: () => 'attacker-toJSON' },
  then: { group: 'internal', value: () => 'attacker-then' },
  __wbg_ptr: { group: 'internal', value: () => 8 },
  length: { group: 'internal', value: () => 3 },
  0: { group: 'internal', value: () => 'payload' },
  value: { group: 'internal', value: () => 'attacker-value' }, // a property descriptor's field
  get: { group: 'internal', value: () => 'attacker-get' },
  writable: { group: 'internal', value: () => true },
  id: { group: 'internal', value: () => 'appsecret_attacker' },
  url: { group: 'internal', value: () => `${ATTACKER_HOST}/v1/apps/secrets` },
  // platform: members of RequestInit that fetch() reads from its init object
  body: { group: 'platform', value: () => 'payload=attacker' },
  method: { group: 'platform', value: () => 'DELETE' },
  mode: { group: 'platform', value: () => 'no-cors' },
  credentials: { group: 'platform', value: () => 'include' },
  cache: { group: 'platform', value: () => 'only-if-cached' },
  redirect: { group: 'platform', value: () => 'error' },
  referrer: { group: 'platform', value: () => `${ATTACKER_HOST}/` },
  referrerPolicy: { group: 'platform', value: () => 'unsafe-url' },
  integrity: { group: 'platform', value: () => 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
  keepalive: { group: 'platform', value: () => true },
  priority: { group: 'platform', value: () => 'attacker' },
  duplex: { group: 'platform', value: () => 'half' },
  window: { group: 'platform', value: () => 1 },
};

/** Names polluted on Array.prototype too (data an array read through holes or toJSON would see). */
export const ARRAY_POLLUTIONS = {
  0: () => 'payload',
  1: () => 'payload',
  toJSON: () => 'attacker-toJSON',
  data: () => ['attacker'],
};

/**
 * Puts `name` on `Object.prototype` (target 'Object') or `Array.prototype`
 * ('Array') as a plain writable, enumerable data property, as an assignment
 * by a merge would; returns the function that takes it off again.
 */
export function pollute(target, name) {
  const proto = target === 'Array' ? Array.prototype : Object.prototype;
  const value = target === 'Array' ? ARRAY_POLLUTIONS[name]() : POLLUTIONS[name].value();
  const had = Object.getOwnPropertyDescriptor(proto, name);
  Object.defineProperty(proto, name, { value, writable: true, enumerable: true, configurable: true });
  return () => {
    if (had) Object.defineProperty(proto, name, had);
    else delete proto[name];
  };
}
