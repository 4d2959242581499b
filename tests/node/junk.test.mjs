// Every exported function, given junk, rejects (or throws, for the
// constructor) with a typed Error, sends nothing, and the module keeps
// working. Panics cannot reach JS: with panic = "abort" one would trap the
// instance, and every later call would fail, which the last test checks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { startEngine } from '../support/engine.mjs';
import { startEmulator } from '../support/emulator.mjs';

const TYPES = new Set(['StripeScopeError', 'StripeInvalidRequestError']);

let emulator;
before(async () => {
  await startEngine();
  emulator = await startEmulator();
});
after(() => emulator.stop());

const throwingProxy = new Proxy(
  {},
  Object.fromEntries(
    ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf'].map((trap) => [
      trap,
      () => {
        throw new Error('trap');
      },
    ]),
  ),
);
const throwingGetter = Object.defineProperty({}, 'name', {
  enumerable: true,
  get() {
    throw new Error('getter');
  },
});
const scopeWithThrowingGetter = {
  name: 'n',
  scope: Object.defineProperty({}, 'type', {
    enumerable: true,
    get() {
      throw new Error('getter');
    },
  }),
};

const junk = [
  undefined,
  null,
  0,
  -1,
  NaN,
  Infinity,
  '',
  'account',
  true,
  Symbol('s'),
  10n,
  [],
  ['name', 'scope'],
  () => {},
  new Date(),
  new Map([['name', 'n']]),
  Object.create(null),
  { name: null, scope: null },
  { name: {}, payload: [], scope: 'account' },
  { name: 'n', payload: 'p', scope: { type: ['account'] } },
  { name: 'n', payload: 'p', scope: new (class Scope { type = 'account'; })() },
  { name: 'n', payload: 'p', scope: 'account', expires_at: '2030-01-01' },
  { name: 'n', payload: 'p', scope: 'account', expires_at: 1e300 },
  { name: 'n', payload: 'p', scope: 'account', expand: 'payload' },
  { name: 'n', payload: 'p', scope: 'account', expand: [1] },
  { scope: 'account', limit: '010' },
  { scope: 'account', limit: ' 10' },
  { name: 'n', payload: 'p', scope: 'account', expires_at: '+1900000000' },
  { scope: 'account', limit: 1.5 },
  { name: 'n', scope: 'account', [Symbol('x')]: 1 },
  { name: '\uD800', payload: 'p', scope: 'account' },
  throwingProxy,
  throwingGetter,
  scopeWithThrowingGetter,
];

const junkOptions = [null, 0, 'x', [], throwingProxy, { signal: {} }, { signal: 'abort' }, { idempotencyKey: 5 }, { extra: 1 }];

function assertTyped(error, where) {
  assert.ok(error instanceof Error, `${where}: an Error`);
  assert.ok(TYPES.has(error.type), `${where}: typed (${error.type}: ${error.message})`);
}

async function rejects(promiseFactory, where) {
  let promise;
  try {
    promise = promiseFactory();
  } catch (error) {
    assert.fail(`${where}: threw synchronously instead of rejecting: ${error}`);
  }
  assert.ok(promise instanceof Promise, `${where}: returns a Promise`);
  const error = await promise.then(
    () => assert.fail(`${where}: resolved`),
    (e) => e,
  );
  assertTyped(error, where);
}

test('every method rejects junk with a typed error and sends nothing', async () => {
  await emulator.reset();
  const store = new SecretStore({ userId: 'usr_junk', apiKey: 'sk_test_junk', baseUrl: emulator.url });
  const methods = ['create', 'find', 'list', 'deleteWhere'];
  for (const method of methods) {
    for (const [i, params] of junk.entries()) await rejects(() => store[method](params), `${method}(junk #${i})`);
    const valid = method === 'list' ? { scope: 'account' } : method === 'create' ? { name: 'n', payload: 'p', scope: 'account' } : { name: 'n', scope: 'account' };
    for (const [i, options] of junkOptions.entries()) await rejects(() => store[method](valid, options), `${method}(valid, junk options #${i})`);
  }
  for (const [i, params] of junk.entries()) {
    const iterator = store.listAll(params);
    await rejects(() => iterator.next(), `listAll(junk #${i}).next()`);
    const after = await iterator.next();
    assert.deepEqual(after, { value: undefined, done: true });
  }
  assert.deepEqual(await emulator.requests(), [], 'nothing reached the server');
});

// Each check reached on its own: params valid for the method but for the
// one field named, so the refusal is that field's (not an unknown key's,
// which a stray key would trigger first) and names it in `param`.
const TARGETED = {
  create: [
    [{ name: 'n', payload: 'p', scope: 'account', expires_at: '2030-01-01' }, 'expires_at'],
    [{ name: 'n', payload: 'p', scope: 'account', expires_at: 1e300 }, 'expires_at'],
    [{ name: 'n', payload: 'p', scope: 'account', expires_at: '+1900000000' }, 'expires_at'],
    [{ name: 'n', payload: 'p', scope: 'account', expand: 'payload' }, 'expand'],
    [{ name: 'n', payload: 'p', scope: 'account', expand: [1] }, 'expand'],
  ],
  find: [
    [{ name: 'n', scope: 'account', expand: 'payload' }, 'expand'],
    [{ name: 'n', scope: 'account', expand: [1] }, 'expand'],
    [{ name: {}, scope: 'account' }, 'name'],
  ],
  deleteWhere: [
    [{ name: 'n', scope: 'account', expand: 'payload' }, 'expand'],
    [{ name: 'n', scope: 'account', expand: [1] }, 'expand'],
    [{ name: '\uD800', scope: 'account' }, 'name'],
  ],
  list: [
    [{ scope: 'account', limit: '010' }, 'limit'],
    [{ scope: 'account', limit: ' 10' }, 'limit'],
    [{ scope: 'account', limit: 1.5 }, 'limit'],
    [{ scope: 'account', limit: 0 }, 'limit'],
    [{ scope: 'account', limit: 101 }, 'limit'],
    [{ scope: 'account', expand: 'data.payload' }, 'expand'],
    [{ scope: 'account', expand: [1] }, 'expand'],
  ],
};

test('each field check is reached on its own and names its field, nothing sent', async () => {
  await emulator.reset();
  const store = new SecretStore({ userId: 'usr_junk', apiKey: 'sk_test_junk', baseUrl: emulator.url });
  for (const [method, cases] of Object.entries(TARGETED)) {
    for (const [params, field] of cases) {
      const where = `${method}(${JSON.stringify(params)})`;
      const error = await store[method](params).then(() => assert.fail(`${where}: resolved`), (e) => e);
      assertTyped(error, where);
      assert.notEqual(error.code, 'parameter_unknown', `${where}: refused for an unknown key, not the check`);
      assert.equal(error.type, 'StripeInvalidRequestError', where);
      assert.ok(String(error.param).startsWith(field), `${where}: param ${error.param}, not ${field}`);
    }
  }
  assert.deepEqual(await emulator.requests(), [], 'nothing reached the server');
});

test('the constructor throws a typed error for junk options', () => {
  const badOptions = [
    undefined,
    null,
    42,
    'sk_test_x',
    [],
    throwingProxy,
    { apiKey: 5 },
    { apiKey: 'sk_test_x', userId: 5 },
    { apiKey: 'sk_test_x', maxNetworkRetries: -1 },
    { apiKey: 'sk_test_x', maxNetworkRetries: 11 },
    { apiKey: 'sk_test_x', timeout: 0 },
    { apiKey: 'sk_test_x', timeout: 'soon' },
    { apiKey: 'sk_test_x', fetch: 'fetch' },
    { apiKey: 'sk_test_x', baseUrl: 'http://10.0.0.1' },
    { apiKey: 'sk test x' },
    { apiKey: 'sk_test_x', apiVersion: '' },
    { apiKey: 'sk_test_x', stripeAccount: 'acct 1' },
    { fetch: () => {}, apiKey: 'sk_live_1234' },
    { fetch: () => {}, baseUrl: 'https://api.stripe.com' },
  ];
  for (const [i, options] of badOptions.entries()) {
    let thrown;
    try {
      new SecretStore(options);
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown, `options #${i} refused`);
    assertTyped(thrown, `new SecretStore(options #${i})`);
    assert.ok(!String(thrown.message).includes('sk_live_1234'), 'no key in the message');
  }
});

test('the module still works after all of that', async () => {
  const store = new SecretStore({ userId: 'usr_junk', apiKey: 'sk_test_junk', baseUrl: emulator.url });
  await store.create({ name: 'after', payload: 'fine', scope: 'user' });
  const found = await store.find({ name: 'after', scope: 'user', expand: ['payload'] });
  assert.equal(found.payload, 'fine');
});
