// pkg/ in Node 20: global fetch against the emulator, every operation.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { after, before, test } from 'node:test';

import { SecretStore } from '../../pkg/stripe_apps_secrets.js';
import { startEngine } from '../support/engine.mjs';
import { startEmulator } from '../support/emulator.mjs';

let emulator;
before(async () => {
  await startEngine();
  emulator = await startEmulator();
});
after(() => emulator.stop());

const store = () => new SecretStore({ userId: 'usr_node', apiKey: 'sk_test_node', baseUrl: emulator.url });

test('every operation, end to end', async () => {
  const secrets = store();
  const payload = 'node & wasm = 🔐 +%20';
  const created = await secrets.create({ name: 'token', payload, scope: 'user' });
  assert.equal(created.object, 'apps.secret');
  assert.equal(created.payload, undefined);
  const found = await secrets.find({ name: 'token', scope: { type: 'user', user: 'usr_node' }, expand: ['payload'] });
  assert.equal(found.payload, payload);
  await secrets.create({ name: 'shared', payload: 'p', scope: { type: 'account' } });
  const page = await secrets.list({ scope: 'account', limit: 1 });
  assert.deepEqual(Object.keys(page).sort(), ['data', 'has_more', 'object', 'url']);
  const names = [];
  for await (const secret of secrets.listAll({ scope: 'user' })) names.push(secret.name);
  assert.deepEqual(names, ['token']);
  const deleted = await secrets.deleteWhere({ name: 'token', scope: 'user' });
  assert.equal(deleted.deleted, true);
  await assert.rejects(secrets.find({ name: 'token', scope: 'user' }), { type: 'StripeInvalidRequestError', code: 'resource_missing', statusCode: 404 });
});

test('a refusal sends nothing and the error is an Error with Stripe fields', async () => {
  await emulator.reset();
  const secrets = store();
  const error = await secrets.find({ name: 'x', scope: { type: 'user', user: 'usr_other' } }).catch((e) => e);
  assert.ok(error instanceof Error);
  assert.equal(error.type, 'StripeScopeError');
  assert.equal(error.code, 'scope_not_allowed');
  assert.equal(error.param, 'scope[user]');
  assert.match(String(error), /^StripeScopeError: /);
  assert.deepEqual(await emulator.requests(), []);
});

/**
 * Asserts `value` is data as JSON.parse makes it: every member an own,
 * writable, enumerable, configurable data property, all the way down
 * (`lastResponse` aside, checked on its own). With `shields`, as every
 * object of a result, it also carries its own `then` and `toJSON`,
 * `undefined` and not enumerable (src/js/values.js, `shielded`).
 */
function assertPlainData(value, where, shields = true) {
  const { lastResponse, then, toJSON, ...descriptors } = Object.getOwnPropertyDescriptors(value);
  const shield = { value: undefined, writable: true, enumerable: false, configurable: true };
  assert.deepEqual({ then, toJSON }, shields ? { then: shield, toJSON: shield } : { then: undefined, toJSON: undefined }, `${where}: shields`);
  assert.deepEqual(descriptors, Object.getOwnPropertyDescriptors(JSON.parse(JSON.stringify(value))), where);
  for (const [key, member] of Object.entries(value)) {
    if (member !== null && typeof member === 'object') assertPlainData(member, `${where}.${key}`, shields);
  }
}

test("results, lastResponse and errors are plain data, as stripe-node's: own, writable, enumerable fields", async () => {
  await emulator.reset();
  const secrets = store();
  await secrets.create({ name: 'plain', payload: 'p', scope: 'user' });
  const found = await secrets.find({ name: 'plain', scope: 'user', expand: ['payload'] });
  assertPlainData(found, 'found');
  assertPlainData(await secrets.list({ scope: 'user' }), 'page');
  assertPlainData(await secrets.deleteWhere({ name: 'plain', scope: 'user' }), 'deleted');
  // lastResponse is left out of JSON and spreads, and is otherwise a plain field.
  const { value: lastResponse, ...descriptor } = Object.getOwnPropertyDescriptor(found, 'lastResponse');
  assert.deepEqual(descriptor, { writable: true, enumerable: false, configurable: true });
  assert.deepEqual(Object.keys(lastResponse), ['requestId', 'statusCode', 'headers']);
  assert.equal(Object.getPrototypeOf(lastResponse.headers), null, 'a header named __proto__ stays a header');
  assertPlainData({ ...lastResponse, headers: { ...lastResponse.headers } }, 'lastResponse', false);
  assert.deepEqual(Object.getOwnPropertyDescriptors(lastResponse.headers), Object.getOwnPropertyDescriptors({ ...lastResponse.headers }));
  assert.equal(lastResponse.statusCode, 200);
  assert.match(lastResponse.requestId, /^req_/);
  assert.equal(lastResponse.headers['request-id'], lastResponse.requestId);
  for (const [name, value] of Object.entries(lastResponse.headers)) assert.ok(/^[a-z0-9-]+$/.test(name) && typeof value === 'string', `header ${name}: ${value}`);
  assert.ok(Object.keys(lastResponse.headers).includes('content-type'));

  const error = await secrets.find({ name: 'plain', scope: 'user' }).catch((e) => e);
  const fields = ['name', 'type', 'code', 'param', 'statusCode', 'requestId', 'doc_url'];
  for (const field of fields) {
    assert.deepEqual(Object.getOwnPropertyDescriptor(error, field), { value: error[field], writable: true, enumerable: true, configurable: true }, field);
  }
  assert.deepEqual(Object.keys(error), fields);
  assert.equal(error.code, 'resource_missing');
});

test("a fetch option's parsed answer is read as JSON.stringify writes it: undefined left out, or null in an array; a cycle or a deep nest is refused, and the store goes on", async () => {
  const secret = { id: 'appsecret_1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', payload: 'p', scope: { type: 'account' } };
  let json;
  const secrets = new SecretStore({ maxNetworkRetries: 0, fetch: async () => ({ status: 200, ok: true, headers: { 'request-id': 'req_1' }, json }) });
  const find = () => secrets.find({ name: 'n', scope: 'account', expand: ['payload'] });
  // Unknown fields, one with undefined items, one named "undefined": the text stays JSON ([null,1]), and the Secret is read.
  json = { ...secret, extra: [undefined, 1], gone: undefined, fn: () => 1, undefined: 2 };
  assert.equal((await find()).payload, 'p');
  const cycle = { ...secret };
  cycle.extra = cycle;
  let deep = {};
  for (let i = 0; i < 100; i++) deep = { deep };
  for (const odd of [cycle, { ...secret, extra: deep }]) {
    json = odd;
    const error = await find().then(() => assert.fail('resolved'), (e) => e);
    assert.equal(error.type, 'StripeAPIError');
    assert.equal(error.code, 'unexpected_response');
  }
  json = secret;
  assert.equal((await find()).payload, 'p', 'the store works afterwards');
});

test("a fetch option gets stripeApiFetch's init: method, headers, body, and an own undefined for each other member fetch reads", async () => {
  const inits = [];
  const answer = { id: 'appsecret_1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', scope: { type: 'account' } };
  const secrets = new SecretStore({
    fetch: async (url, init) => {
      inits.push(init);
      return { status: 200, ok: true, headers: { 'request-id': 'req_1' }, json: answer };
    },
  });
  await secrets.create({ name: 'n', payload: 'p', scope: 'account' }, { idempotencyKey: 'key_1' });
  await secrets.find({ name: 'n', scope: 'account' });
  const OTHERS = ['cache', 'credentials', 'duplex', 'integrity', 'keepalive', 'mode', 'priority', 'redirect', 'referrer', 'referrerPolicy', 'signal', 'window'];
  const version = inits[0].headers['Stripe-Version'];
  assert.match(version, /^\d{4}-\d{2}-\d{2}$/);
  const expected = [
    {
      method: 'POST',
      headers: { Authorization: 'Bearer DO_NOT_PASS_A_REAL_API_KEY', 'Stripe-Version': version, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': 'key_1' },
      body: 'name=n&payload=p&scope[type]=account',
    },
    { method: 'GET', headers: { Authorization: 'Bearer DO_NOT_PASS_A_REAL_API_KEY', 'Stripe-Version': version }, body: undefined },
  ];
  for (const [i, init] of inits.entries()) {
    assert.deepEqual(Object.keys(init), ['method', 'headers', 'body', ...OTHERS]);
    assert.deepEqual(init, { ...expected[i], ...Object.fromEntries(OTHERS.map((name) => [name, undefined])) });
    assertPlainData(init.headers, 'headers', false);
  }
});

test("the store's methods and userId are class members as a class declares them: writable (methods), configurable, not enumerable", () => {
  const METHODS = ['create', 'find', 'deleteWhere', 'list', 'listAll', 'free', Symbol.dispose];
  for (const name of METHODS) {
    const { value, writable, enumerable, configurable } = Object.getOwnPropertyDescriptor(SecretStore.prototype, name);
    assert.equal(typeof value, 'function', String(name));
    assert.deepEqual({ writable, enumerable, configurable }, { writable: true, enumerable: false, configurable: true }, String(name));
  }
  assert.equal(SecretStore.prototype[Symbol.dispose], SecretStore.prototype.free);
  const { get, ...userId } = Object.getOwnPropertyDescriptor(SecretStore.prototype, 'userId');
  assert.equal(typeof get, 'function');
  assert.deepEqual(userId, { set: undefined, enumerable: false, configurable: true });
  // The engine's class is nowhere on the chain: the store holds its engine's store privately.
  assert.equal(Object.getPrototypeOf(SecretStore.prototype), Object.prototype);
});

test('no timer outlives a call (Node would stay alive for the whole timeout)', async () => {
  const secrets = new SecretStore({ apiKey: 'sk_test_node', baseUrl: emulator.url, timeout: 60_000 });
  await secrets.list({ scope: 'account' });
  // process.getActiveResourcesInfo lists pending timers by name.
  const timers = process.getActiveResourcesInfo().filter((name) => name === 'Timeout');
  assert.deepEqual(timers, []);
});

/** Timers Node still holds (process.getActiveResourcesInfo names them). */
const pendingTimers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout');

/** `promise`, or a failure after `ms`: a call that should end at once must not hold the suite for its timeout. */
async function promptly(promise, ms = 2000) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

test("each attempt's listener on the caller's signal is removed when it ends: answered, timed out, aborted in a wait", async () => {
  const controller = new AbortController();
  const listening = () => getEventListeners(controller.signal, 'abort').length;
  await store().list({ scope: 'account' }, { signal: controller.signal });
  assert.equal(listening(), 0, 'after an answer');

  const never = () => new Promise(() => {});
  const slow = new SecretStore({ userId: 'usr_node', fetch: never, timeout: 20, maxNetworkRetries: 1 });
  await assert.rejects(slow.find({ name: 'x', scope: 'user' }, { signal: controller.signal }), { code: 'timeout' });
  assert.equal(listening(), 0, 'after two attempts that timed out and the wait between them');

  let calls = 0;
  const failing = async () => {
    calls += 1;
    throw new TypeError('network down');
  };
  const retrying = new SecretStore({ userId: 'usr_node', fetch: failing, maxNetworkRetries: 2 });
  const pending = retrying.find({ name: 'x', scope: 'user' }, { signal: controller.signal });
  while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  controller.abort();
  await assert.rejects(promptly(pending), { type: 'StripeAbortError', code: 'aborted' });
  assert.equal(calls, 1, 'the abort ended the wait before the retry');
  assert.equal(listening(), 0, 'after an abort during the wait');
  assert.deepEqual(pendingTimers(), [], "the wait's timer was cleared");
});

test("a fetch that aborts the caller's signal as it is called, and never answers: the call ends aborted at once", async () => {
  const controller = new AbortController();
  const aborting = () => {
    controller.abort();
    return new Promise(() => {});
  };
  const secrets = new SecretStore({ userId: 'usr_node', fetch: aborting, timeout: 60_000 });
  await assert.rejects(promptly(secrets.find({ name: 'x', scope: 'user' }, { signal: controller.signal })), {
    type: 'StripeAbortError',
    code: 'aborted',
  });
  assert.deepEqual(pendingTimers(), [], 'the 60 s timer was cleared');
});

test("a stripeApiFetch's answer: headers that are not an object are left out, a body that is not an ArrayBuffer is not read", async () => {
  const SECRET = { id: 'appsecret_1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'x', scope: { type: 'user', user: 'usr_node' } };
  const bytes = new TextEncoder().encode(JSON.stringify(SECRET));
  const answering = (answer) => new SecretStore({ userId: 'usr_node', fetch: async () => ({ status: 200, ok: true, ...answer }) });
  const find = (answer) => answering(answer).find({ name: 'x', scope: 'user' });

  const text = await find({ headers: 'request-id: req_1', arrayBuffer: bytes.buffer });
  assert.equal(text.id, 'appsecret_1', 'headers as a string are left out, the answer is read');
  assert.deepEqual(Object.keys(text.lastResponse.headers), []);
  const odd = await find({ headers: { 'Request-Id': 'req_odd1', n: 5, [Symbol('s')]: 'x', get g() { return 'x'; } }, json: SECRET });
  assert.deepEqual(Object.entries(odd.lastResponse.headers), [['request-id', 'req_odd1']], 'string values of string names only, names lowered');
  assert.equal(odd.lastResponse.requestId, 'req_odd1');
  for (const body of [[...bytes], bytes, JSON.stringify(SECRET)]) {
    await assert.rejects(find({ headers: {}, arrayBuffer: body }), { code: 'unexpected_response', message: /not JSON/ }, typeof body);
  }
  for (const headers of [null, undefined]) {
    assert.equal((await find({ headers, json: SECRET })).id, 'appsecret_1', `headers: ${headers}`);
  }
  let ran = false;
  const getterAnswer = { status: 200, ok: true, headers: {}, get json() { ran = true; return SECRET; }, arrayBuffer: bytes.buffer };
  const withGetter = await new SecretStore({ userId: 'usr_node', fetch: async () => getterAnswer }).find({ name: 'x', scope: 'user' });
  assert.equal(withGetter.id, 'appsecret_1', 'a json getter is not an answer: the ArrayBuffer is read');
  assert.equal(ran, false, 'the getter never ran');
  const notAResponse = /did not resolve with a response/;
  await assert.rejects(find({ headers: {}, json: () => SECRET }), { code: 'unexpected_response', message: notAResponse }, 'json that JSON cannot hold');
  const callable = Object.assign(() => {}, { status: 200, ok: true, headers: {}, json: SECRET });
  const fromFunction = new SecretStore({ userId: 'usr_node', fetch: async () => callable });
  await assert.rejects(fromFunction.find({ name: 'x', scope: 'user' }), { code: 'unexpected_response', message: notAResponse }, 'a function is not an answer');
});

test("the global fetch's request is cancelled by its signal on a timeout and on the caller's abort", async () => {
  const real = globalThis.fetch;
  const signals = [];
  globalThis.fetch = (url, init) => {
    signals.push(init.signal);
    return new Promise(() => {});
  };
  try {
    const secrets = new SecretStore({ apiKey: 'sk_test_node', baseUrl: 'http://127.0.0.1:9', timeout: 20, maxNetworkRetries: 0 });
    await assert.rejects(secrets.find({ name: 'x', scope: 'account' }), { code: 'timeout' });
    const controller = new AbortController();
    const pending = new SecretStore({ apiKey: 'sk_test_node', baseUrl: 'http://127.0.0.1:9' }).find({ name: 'x', scope: 'account' }, { signal: controller.signal });
    while (signals.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    controller.abort();
    await assert.rejects(promptly(pending), { code: 'aborted' });
  } finally {
    globalThis.fetch = real;
  }
  assert.equal(signals.length, 2);
  assert.deepEqual(signals.map((signal) => signal.aborted), [true, true], 'both requests were aborted');
});

test("the global fetch's answer: a text() that resolves with bytes is not read as the body", async () => {
  const SECRET = { id: 'appsecret_1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'x', scope: { type: 'account' } };
  const real = globalThis.fetch;
  globalThis.fetch = async () => {
    const response = new Response('', { status: 200, headers: { 'content-type': 'application/json' } });
    Object.defineProperty(response, 'text', { value: async () => new TextEncoder().encode(JSON.stringify(SECRET)) });
    return response;
  };
  try {
    const secrets = new SecretStore({ apiKey: 'sk_test_node', baseUrl: 'http://127.0.0.1:9' });
    await assert.rejects(secrets.find({ name: 'x', scope: 'account' }), { code: 'unexpected_response', message: /not JSON/ });
  } finally {
    globalThis.fetch = real;
  }
});

test('a stripeApiFetch that never answers times out, is retried, and an abort ends the call', async () => {
  let calls = 0;
  const never = () => {
    calls += 1;
    return new Promise(() => {});
  };
  const secrets = new SecretStore({ userId: 'usr_node', fetch: never, timeout: 50, maxNetworkRetries: 1 });
  await assert.rejects(secrets.find({ name: 'x', scope: 'user' }), { type: 'StripeConnectionError', code: 'timeout' });
  assert.equal(calls, 2, 'the first attempt timed out and was retried once');

  calls = 0;
  const controller = new AbortController();
  const patient = new SecretStore({ userId: 'usr_node', fetch: never, timeout: 60_000 });
  const pending = patient.find({ name: 'x', scope: 'user' }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, { type: 'StripeAbortError', code: 'aborted' });
  assert.equal(calls, 1);
  const timers = process.getActiveResourcesInfo().filter((name) => name === 'Timeout');
  assert.deepEqual(timers, [], 'the 60 s timer was cleared');
});
