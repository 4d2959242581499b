// Hostile realms (issue 13): data-only pollution of Object.prototype and
// Array.prototype, before and after `new SecretStore`, changes no outcome.
//
// For every option, every param (scope.type and scope.user included), every
// request option, the names the old driver, the glue and the answer reader
// used, and the members of RequestInit that the platform's fetch reads from
// an init object, the realm is polluted with attacker data (see
// support/pollutions.mjs for the values), then support/scenario.mjs runs
// every operation, listAll, refusals, a 404 and a connection failure. Each
// case runs in a fresh realm (a Node worker thread: its own
// Object.prototype, globals and module instances, pkg/ loaded anew) and must
// match the unpolluted run exactly:
//   - the same results and errors, step by step;
//   - the same requests leaving the realm (a spy in front of fetch: method,
//     path, every header value, the body) and at the emulator (its log);
//   - nothing sent anywhere else (the spy refuses any other host, so the key
//     never leaves the machine), and no inherited `fetch` ever called;
//   - once the realm is clean again, the same store and a new one work.
// Transports: `apiKey` (the global fetch to the emulator) and the `fetch`
// option with the SDK's real stripeApiFetch behind the fake Dashboard, over
// its host transport for every name and over its frame transport (the realm's
// own fetch) for request options, options and RequestInit members.
// Every case runs on both engines (the wasm, and the JS engine asked for
// with init({ engine: 'js' })), each checked against the clean run of its
// own engine, and the clean runs of the two engines must match each other.
// The same cases run in Chromium, one fresh page each: pollution-browser.test.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startEmulator } from '../support/emulator.mjs';
import { ARRAY_POLLUTIONS, POLLUTIONS } from './support/pollutions.mjs';
import { PAYLOAD, USER } from './support/scenario.mjs';
import { canonicalLog, pool, runInFreshRealm, sdkBundleFor } from './support/realms.mjs';

const WIDTH = 3; // realms at once, each with its own emulator
const FRAME_GROUPS = new Set(['option', 'request', 'platform']);
const TIMINGS = ['before', 'after'];
const ENGINES = ['wasm', 'js'];
const TRANSPORTS = ['apiKey', 'host', 'frame'];

/**
 * Cases where Node's own fetch (undici) breaks, whatever the caller passes:
 * it reads these members through Object.prototype in its internal request
 * records. Checked directly: `fetch(url, init)` with every member an own
 * property, or with a null-prototype init, fails the same way (`body`: "GET
 * cannot have body"; `window`: "'client' must be null"; `signal`: aborted,
 * and Node's own stderr stream with it). Over the global fetch the library
 * passes its own null-prototype init; over the frame transport the fetch is
 * the realm's. Chromium's fetch is native and passes all of these
 * (pollution-browser.test.mjs). Here the call cannot succeed, so what is
 * checked is that it fails safely: typed errors, nothing sent elsewhere,
 * no inherited fetch run, no request beyond the clean run's.
 * Keyed `transport/target/name`; '*' matches any part.
 */
const NODE_FETCH_BREAKS = [
  { key: 'apiKey/Object/body', why: "undici: an internal record's inherited `body` (GET cannot have a body)" },
  { key: 'apiKey/Object/window', why: "undici: an internal record's inherited `window` ('client' must be null)" },
  { key: 'apiKey/Object/cache', why: "undici: the spy's Request, rebuilt from an internal record, takes an inherited `cache`" },
  { key: 'frame/Object/body', why: "undici, as the realm's fetch under the SDK's frame transport: inherited `body`" },
  { key: 'frame/Object/window', why: "undici, as the realm's fetch: inherited `window`" },
  { key: 'frame/Object/cache', why: "undici, as the realm's fetch: inherited `cache`" },
  { key: 'frame/Object/signal', why: "undici, as the realm's fetch: an inherited aborted `signal`" },
];

/**
 * Steps of the scenario that reach no fetch (constructions, a getter, the
 * refusals made before any I/O): they must match the clean run exactly,
 * even where Node's fetch breaks.
 */
const NO_NETWORK = new Set(['new A', 'new B', 'new C', 'A.userId', 'find aborted', 'find other user', 'find user scope without userId', 'create without payload']);

function nodeFetchBreaks(c) {
  const parts = [c.transport, c.target, String(c.name)];
  return NODE_FETCH_BREAKS.find(({ key }) => key.split('/').every((k, i) => k === '*' || k === parts[i]))?.why;
}

/**
 * Names not tried in Node, with why: they break Node's own JavaScript
 * internals before the library is reached. Chromium's are native, and the
 * browser suite tries them.
 */
const NOT_IN_NODE = {
  get: "Object.defineProperty(x, k, { value }) then throws 'Getter must be a function' inside Node's webstreams",
};

// HOSTILE_NAMES=a,b narrows the matrix while working on it.
const only = process.env.HOSTILE_NAMES?.split(',');
const cases = [];
for (const engine of ENGINES) {
  for (const [name, { group }] of Object.entries(POLLUTIONS)) {
    if (name in NOT_IN_NODE || (only && !only.includes(name))) continue;
    const transports = ['apiKey', 'host', ...(FRAME_GROUPS.has(group) ? ['frame'] : [])];
    for (const transport of transports) for (const timing of TIMINGS) cases.push({ engine, transport, target: 'Object', name, group, timing });
  }
  for (const name of Object.keys(ARRAY_POLLUTIONS)) {
    if (only && !only.includes(`Array.${name}`)) continue;
    for (const transport of TRANSPORTS) for (const timing of TIMINGS) cases.push({ engine, transport, target: 'Array', name, group: 'array', timing });
  }
}

const emulators = [];
let sdk;
let expiresAt;
const runs = new Map(); // case key -> promise of { result, log }
const baselines = {}; // `${engine}/${transport}` -> promise of two clean runs

/** Runs one case (or the unpolluted baseline, timing 'none') on the emulator of its pool slot. */
async function runCase(c, slot) {
  const emulator = emulators[slot];
  await emulator.reset();
  const fast = c.timing !== 'none' && nodeFetchBreaks(c) !== undefined;
  const result = await runInFreshRealm({ ...c, fast, emulatorUrl: emulator.url, sdkBundle: sdk.url, expiresAt });
  return { result, log: canonicalLog(await emulator.requests()) };
}

const keyOf = (c) => `${c.engine}/${c.transport}/${c.target}/${String(c.name)}/${c.timing}`;

before(async () => {
  sdk = await sdkBundleFor('node');
  expiresAt = Math.floor(Date.now() / 1000) + 3600;
  for (let i = 0; i < WIDTH; i++) emulators.push(await startEmulator());
  const schedule = pool(WIDTH);
  // Baselines twice each: the comparison is meaningful only if a clean run is deterministic.
  for (const engine of ENGINES) {
    for (const transport of TRANSPORTS) {
      const clean = { engine, transport, target: 'Object', name: 'none', timing: 'none' };
      baselines[`${engine}/${transport}`] = Promise.all([schedule((slot) => runCase(clean, slot)), schedule((slot) => runCase(clean, slot))]);
    }
  }
  for (const c of cases) runs.set(keyOf(c), schedule((slot) => runCase(c, slot)));
  for (const p of [...Object.values(baselines), ...runs.values()]) p.catch(() => {}); // awaited by their tests
});

after(async () => {
  await Promise.allSettled(runs.values());
  await Promise.all(emulators.map((e) => e.stop()));
});

const stepsOf = (result) => Object.fromEntries(result.steps);

describe('unpolluted baselines', () => {
  for (const engine of ENGINES) for (const transport of TRANSPORTS) {
    test(`${engine} ${transport}: a clean run is deterministic and does what the README says`, async () => {
      const [one, two] = await baselines[`${engine}/${transport}`];
      assert.equal(one.result.engine, engine, 'the engine asked for ran');
      assert.deepEqual(two, one, 'two clean runs match');
      const steps = stepsOf(one.result);
      assert.equal(steps['find expanded'].value.payload, PAYLOAD);
      assert.equal(steps['find'].value.payload, undefined);
      assert.deepEqual(steps['find expanded'].value.scope, { type: 'user', user: USER });
      assert.deepEqual(steps['listAll'].value.map((s) => s.name), ['a1', 'a2', 'a3']);
      assert.deepEqual(steps['listAll return'].value, [false, true, true]);
      assert.equal(steps['list limit'].value.data.length, 2);
      assert.equal(steps['find aborted'].type, 'StripeAbortError');
      assert.equal(steps['find missing'].code, 'resource_missing');
      assert.equal(steps['find other user'].code, 'scope_not_allowed');
      assert.equal(steps['find user scope without userId'].code, 'scope_not_allowed');
      assert.equal(steps['create without payload'].param, 'payload');
      assert.equal(steps['delete a1'].value.deleted, true);
      assert.equal(steps['after: find'].value.payload, 'fine');
      assert.equal(steps['after: new store list'].value.object, 'list');
      assert.equal(one.result.attackerFetchRan, 0);
      if (transport === 'apiKey') {
        assert.equal(steps['default baseUrl'].type, 'StripeConnectionError');
        // Store C (no baseUrl) aims at api.stripe.com: the spy refuses it, so it never leaves.
        assert.deepEqual(one.result.stray.map((s) => new URL(s.url).origin), ['https://api.stripe.com']);
      } else {
        assert.deepEqual(one.result.stray, []);
      }
      const bodies = one.log.filter((e) => e.params.some(([k]) => k === 'payload'));
      assert.equal(bodies.length, 5, 'five creates reached the emulator');
    });
  }
  for (const transport of TRANSPORTS) {
    test(`${transport}: the two engines' clean runs match`, async () => {
      const [[wasm], [js]] = await Promise.all(ENGINES.map((engine) => baselines[`${engine}/${transport}`]));
      const { engine: _wasm, ...wasmResult } = wasm.result;
      const { engine: _js, ...jsResult } = js.result;
      assert.deepEqual(jsResult, wasmResult, 'the same outcomes, requests and strays');
      assert.deepEqual(js.log, wasm.log, 'the same requests reached the emulator');
    });
  }
});

for (const c of cases) {
  const key = keyOf(c);
  const label = `${c.engine} ${c.transport}: ${c.target}.prototype[${JSON.stringify(c.name)}] (${c.group}) ${c.timing} construction`;
  const platform = nodeFetchBreaks(c);
  test(platform ? `${label} (Node's fetch breaks: fails safely)` : label, async () => {
    const [{ result: clean, log: cleanLog }] = await baselines[`${c.engine}/${c.transport}`];
    const { result, log } = await runs.get(key);
    assert.equal(result.engine, c.engine, 'the engine asked for ran');
    assert.equal(result.attackerFetchRan, 0, 'an inherited fetch was never called');
    for (const s of result.stray) assert.equal(new URL(s.url).origin, 'https://api.stripe.com', `a request aimed at ${s.url}`);
    if (platform) {
      const cleanSteps = stepsOf(clean);
      for (const [name, outcome] of result.steps) {
        const same = JSON.stringify(outcome) === JSON.stringify(cleanSteps[name]);
        const typed = outcome?.error === true && outcome.isError && typeof outcome.type === 'string';
        const value = typeof outcome === 'string' || (outcome !== null && typeof outcome === 'object' && 'value' in outcome);
        if (NO_NETWORK.has(name)) {
          assert.ok(same, `${name}: needs no network, so as in the clean run: ${JSON.stringify(outcome)}`);
        } else if (name.startsWith('after:')) {
          // The realm is clean again: the store works (its results differ
          // from the clean run's only by what earlier failed calls did not store).
          assert.ok(value, `${name}: works once the realm is clean: ${JSON.stringify(outcome)}`);
        } else {
          // Polluted: a call that needs Node's fetch fails with one of our
          // errors, or (where only some requests break: an inherited `body`
          // breaks GETs, a POST has its own) ends exactly as in the clean
          // run. Any other result is one that should not have come back.
          assert.ok(typed || same, `${name}: must fail typed or match the clean run (${platform}), got ${JSON.stringify(outcome)}`);
        }
      }
      assert.ok(result.stray.length <= clean.stray.length, 'nothing more aimed elsewhere');
      assert.ok(log.length <= cleanLog.length, 'no request beyond the clean run');
      return;
    }
    assert.deepEqual(result.stray, clean.stray, 'nothing aimed anywhere else');
    assert.deepEqual(result.steps, clean.steps, 'the same outcome, step by step');
    assert.deepEqual(result.sent, clean.sent, 'the same requests left the realm');
    assert.deepEqual(log, cleanLog, 'the same requests reached the emulator');
  });
}
