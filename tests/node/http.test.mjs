// src/transport/http.js on its own, for what no call through the package can
// reach: both engines' glue imports this one module, and the engine only
// ever hands `makeInit` and `makeFetchInit` whole header lines of checked headers (at least
// Authorization and Stripe-Version). Should that ever break, the init is
// refused before anything is sent, rather than sent without its headers or
// with a value moved under another header's name.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { makeFetchInit, makeInit, startAttempt } from '../../src/transport/http.js';

test('makeInit: the header lines become own headers of an ordinary object; every other member fetch reads is an own undefined', () => {
  const init = makeInit('POST', 'Authorization\nBearer x\n__proto__\nstays a header\nIdempotency-Key\n', 3, 'name=n');
  assert.equal(Object.getPrototypeOf(init.headers), Object.prototype);
  assert.deepEqual(Object.entries(init.headers), [
    ['Authorization', 'Bearer x'],
    ['__proto__', 'stays a header'],
    ['Idempotency-Key', ''],
  ]);
  assert.equal(init.method, 'POST');
  assert.equal(init.body, 'name=n');
  for (const member of ['cache', 'credentials', 'duplex', 'integrity', 'keepalive', 'mode', 'priority', 'redirect', 'referrer', 'referrerPolicy', 'signal', 'window']) {
    assert.ok(Object.hasOwn(init, member) && init[member] === undefined, member);
  }
  assert.equal(Object.getPrototypeOf(init), Object.prototype);
  assert.deepEqual(Object.entries(makeInit('GET', '', 0, undefined).headers), [], 'no headers');
});

test("makeFetchInit: makeInit's members and the attempt's signal, the init and its headers without a prototype", () => {
  const attempt = startAttempt(2 ** 31, undefined);
  const signal = attempt.controller.signal;
  const init = makeFetchInit('POST', 'Authorization\nBearer x\n__proto__\nstays a header', 2, 'name=n', attempt);
  assert.equal(Object.getPrototypeOf(init), null);
  assert.equal(Object.getPrototypeOf(init.headers), null);
  assert.deepEqual(Object.entries(init.headers), [
    ['Authorization', 'Bearer x'],
    ['__proto__', 'stays a header'],
  ]);
  assert.deepEqual({ method: init.method, body: init.body, signal: init.signal }, { method: 'POST', body: 'name=n', signal });
  assert.deepEqual(Object.keys(init), Object.keys(makeInit('POST', '', 0, 'name=n')));
  assert.throws(() => makeFetchInit('GET', 'Authorization', 1, undefined, attempt), { name: 'TypeError', message: 'unsendable headers' });
});

test('makeInit: lines that are not `count` whole headers are refused (nothing is sent)', () => {
  for (const [lines, count] of [
    ['Authorization\nBearer x', 2],
    ['Authorization\nBearer x\nStripe-Version', 2],
    ['Authorization\nBearer x\nmore', 1],
    ['Authorization', 1],
    ['', 1],
  ]) {
    assert.throws(() => makeInit('GET', lines, count, undefined), { name: 'TypeError', message: 'unsendable headers' }, JSON.stringify([lines, count]));
  }
});
