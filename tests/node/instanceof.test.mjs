// `instanceof` where two copies of the package meet in one app: every entry
// and build (ESM and CommonJS, the wasm and the JS engine) loaded in this one
// process, and the errors each rejects with checked against every other
// copy's classes. An error carries its brand (the type of the class that
// built it); look-alikes built by other code carry none.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import Stripe from 'stripe';

const require = createRequire(import.meta.url);
const pkg = new URL('../../pkg/', import.meta.url);

/** Every copy an app can end up with, by the file it is. */
const COPIES = {
  // Node's `import` of the bare import and of `bundler` (one module instance).
  'node.js': await import(new URL('node.js', pkg).href),
  'inline.js': await import(new URL('inline.js', pkg).href),
  'inline-wasm.js': await import(new URL('inline-wasm.js', pkg).href),
  'inline-js.js': await import(new URL('inline-js.js', pkg).href),
  'inline.cjs': require('../../pkg/inline.cjs'),
  'inline-wasm.cjs': require('../../pkg/inline-wasm.cjs'),
  'inline-js.cjs': require('../../pkg/inline-js.cjs'),
};
const ERROR_CLASSES = [
  'StripeInvalidRequestError',
  'StripeAuthenticationError',
  'StripePermissionError',
  'StripeRateLimitError',
  'StripeAPIError',
  'StripeConnectionError',
  'StripeIdempotencyError',
  'StripeScopeError',
  'StripeAbortError',
];

/** The errors a copy rejects with, from real calls that send nothing. */
async function errorsOf(copy) {
  // Port 9 on loopback: nothing is ever sent there, as every call below is refused first.
  const store = new copy.SecretStore({ userId: 'usr_a', apiKey: 'sk_test_brand', baseUrl: 'http://127.0.0.1:9' });
  const rejection = (promise) => promise.then(() => assert.fail('resolved'), (error) => error);
  return {
    StripeScopeError: await rejection(store.find({ name: 'n', scope: { type: 'user', user: 'usr_b' } })),
    StripeInvalidRequestError: await rejection(store.create({ name: 'n', scope: 'account' })),
  };
}

const errors = {};
for (const [name, copy] of Object.entries(COPIES)) errors[name] = await errorsOf(copy);

test('each copy runs its own engine', () => {
  assert.deepEqual(
    Object.fromEntries(Object.entries(COPIES).map(([name, copy]) => [name, copy.engine()])),
    {
      'node.js': 'wasm',
      'inline.js': 'wasm',
      'inline-wasm.js': 'wasm',
      'inline-js.js': 'js',
      'inline.cjs': 'wasm',
      'inline-wasm.cjs': 'wasm',
      'inline-js.cjs': 'js',
    },
  );
  assert.notEqual(COPIES['inline.js'].StripeScopeError, COPIES['inline.cjs'].StripeScopeError, 'separate copies');
});

describe('an error of any copy is an instance of every copy\'s classes of its type, and of no other', () => {
  for (const [from, made] of Object.entries(errors)) {
    test(`errors of ${from}`, () => {
      let pairs = 0;
      for (const [to, copy] of Object.entries(COPIES)) {
        for (const [type, error] of Object.entries(made)) {
          assert.equal(error.type, type);
          assert.ok(error instanceof copy.StripeError, `${from} ${type} instanceof ${to} StripeError`);
          assert.ok(error instanceof Error);
          for (const other of ERROR_CLASSES) {
            assert.equal(error instanceof copy[other], other === type, `${from} ${type} instanceof ${to} ${other}`);
          }
        }
        if (to !== from) pairs++;
      }
      assert.equal(pairs, Object.keys(COPIES).length - 1);
    });
  }
});

describe('look-alikes built by other code are instances of no copy\'s class', () => {
  const stripeNode = new Stripe('sk_test_x');
  const lookAlikes = {
    "stripe-node's StripeInvalidRequestError": new stripeNode.errors.StripeInvalidRequestError({ message: 'x', type: 'invalid_request_error' }),
    'an Error named and typed as ours': Object.assign(new Error('x'), { name: 'StripeScopeError', type: 'StripeScopeError' }),
    'a plain object with our fields': { ...errors['inline.js'].StripeScopeError },
    'a structured clone of one of ours': structuredClone(errors['inline.js'].StripeScopeError),
    'a Proxy whose every trap throws': new Proxy({}, { getOwnPropertyDescriptor: () => assert.fail('trap'), getPrototypeOf: () => assert.fail('trap') }),
    'a string': 'StripeScopeError',
    null: null,
    undefined,
  };
  for (const [name, copy] of Object.entries(COPIES)) {
    lookAlikes[`Object.create(${name}'s StripeScopeError.prototype)`] = Object.create(copy.StripeScopeError.prototype);
  }
  for (const [what, value] of Object.entries(lookAlikes)) {
    test(what, () => {
      for (const [name, copy] of Object.entries(COPIES)) {
        for (const Class of ['StripeError', ...ERROR_CLASSES]) assert.equal(value instanceof copy[Class], false, `${name} ${Class}`);
      }
    });
  }

  test('a brand inherited from a polluted Object.prototype counts for nothing', () => {
    const key = Symbol.for('stripe-apps-secrets.error');
    Object.prototype[key] = 'StripeScopeError';
    try {
      for (const copy of Object.values(COPIES)) {
        assert.equal({} instanceof copy.StripeScopeError, false);
        assert.equal(new Error('x') instanceof copy.StripeError, false);
      }
    } finally {
      delete Object.prototype[key];
    }
  });
});

test("an app's subclass keeps the ordinary check, and its errors are every copy's of their type", () => {
  const copy = COPIES['inline.cjs'];
  class TokenMissing extends copy.StripeInvalidRequestError {}
  const mine = new TokenMissing('StripeScopeError', 'no token', 'token_missing');
  assert.ok(mine instanceof TokenMissing);
  assert.equal(errors['inline.cjs'].StripeInvalidRequestError instanceof TokenMissing, false);
  for (const other of Object.values(COPIES)) {
    // The brand is the class's type, not the `type` it was given.
    assert.ok(mine instanceof other.StripeInvalidRequestError);
    assert.equal(mine instanceof other.StripeScopeError, false);
  }
});

test('the brand is an own, read-only property under the registered symbol every version shares, its value the type of the class', () => {
  // A copy of another version recognises this one's errors by this key alone: it may never change.
  const key = Symbol.for('stripe-apps-secrets.error');
  for (const [name, copy] of Object.entries(COPIES)) {
    const error = new copy.StripeScopeError('StripeScopeError', 'm');
    assert.deepEqual(Object.getOwnPropertyDescriptor(error, key), { value: 'StripeScopeError', writable: false, enumerable: false, configurable: false }, name);
  }
});

test('Reflect.construct with an unrelated new.target brands nothing, and the walk up its prototypes ends', () => {
  for (const [name, copy] of Object.entries(COPIES)) {
    // A chain that ends (in null) without one of the package's classes.
    const unrelated = Reflect.construct(copy.StripeScopeError, ['StripeScopeError', 'm'], function Unrelated() {});
    assert.deepEqual(Object.getOwnPropertySymbols(unrelated), [], `${name}: no brand`);
    assert.equal(unrelated instanceof copy.StripeError, false, name);
    // A chain that never ends (a Proxy that answers a new Proxy): read 32 prototypes deep, then given up.
    let reads = 0;
    const endless = () =>
      new Proxy(function Endless() {}, {
        getPrototypeOf() {
          reads += 1;
          return endless();
        },
      });
    const lost = Reflect.construct(copy.StripeScopeError, ['StripeScopeError', 'm'], endless());
    assert.equal(reads, 32, `${name}: the walk reads at most 32 prototypes`);
    assert.deepEqual(Object.getOwnPropertySymbols(lost), [], `${name}: no brand`);
  }
});

test('instanceof of what has no brand, or cannot be read, is false, never a throw', () => {
  const throwing = new Proxy({}, { getOwnPropertyDescriptor() { throw new Error('trap'); } });
  for (const [name, copy] of Object.entries(COPIES)) {
    for (const value of [undefined, null, 5, 'StripeScopeError', {}, throwing]) {
      assert.equal(copy.StripeError[Symbol.hasInstance](value), false, `${name}: StripeError`);
      assert.equal(copy.StripeScopeError[Symbol.hasInstance](value), false, `${name}: StripeScopeError`);
    }
  }
});
