// Misuse (issue 13): every rejection carries a type, even when the store was
// freed, a method is called on something that is not a store, or no engine
// is loaded yet; and none of that ever reaches into the engine with a
// pointer the caller (or a polluted Object.prototype) made up. A store
// holds its engine's object privately: nothing a page can reach leads to it.
// Whether a store was freed, the engine alone knows: after free(), calls
// reach it and it refuses them, sending nothing. On both engines: the wasm
// and the JS engine (wasm2js).
//
// Each test runs in a fresh Node process (node -e, the module imported by
// path): the realm starts clean, and the engine can be watched. Before the
// engine starts, every method of its classes (the glue's SecretStore and
// SecretWalk, which hold the only ways into the engine's memory) is wrapped
// in a counter: a misuse must call none of them. On the wasm, the memory
// itself is checked too, byte for byte: the glue's own initSync is called
// first, for the wasm exports (its memory), and a snapshot of the memory
// before the misuse (made synchronously, so no other wasm work runs in
// between) equals one right after it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { startHostileServer } from './support/hostile-server.mjs';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));
const ENGINES = ['wasm', 'js'];

let server;
before(async () => {
  server = await startHostileServer(() => ({ status: 200, body: { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [] } }));
});
after(() => server.stop());

/**
 * Runs `body` (module source, top-level await allowed) in a fresh Node
 * process on `engine`; resolves with what it printed as JSON. `init: false`
 * leaves the engine unstarted (`startEngine()` starts it).
 */
function inFreshProcess(engine, body, { init = true } = {}) {
  const glue = engine === 'wasm' ? 'stripe_apps_secrets_core.js' : 'stripe_apps_secrets_js.js';
  const prelude = `
    import { readFileSync } from 'node:fs';
    import * as glue from ${JSON.stringify(`${PKG}${glue}`)};
    import * as lib from ${JSON.stringify(`${PKG}stripe_apps_secrets.js`)};
    const ENGINE = ${JSON.stringify(engine)};
    const BASE = ${JSON.stringify(server.url)};
    const bytes = readFileSync(${JSON.stringify(`${PKG}stripe_apps_secrets_bg.wasm`)});
    // Every way into the engine, counted: wrapped before the entry takes them.
    let engineCalls = 0;
    for (const Class of [glue.SecretStore, glue.SecretWalk]) {
      for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(Class.prototype))) {
        if (name === 'constructor') continue;
        const count = (f) => function (...args) { engineCalls += 1; return f.apply(this, args); };
        if (typeof d.value === 'function') d.value = count(d.value);
        if (d.get) d.get = count(d.get);
        Object.defineProperty(Class.prototype, name, d);
      }
    }
    const wasm = ENGINE === 'wasm' ? glue.initSync({ module: bytes }) : undefined;
    const startEngine = () => (ENGINE === 'wasm' ? lib.default({ module_or_path: bytes }) : lib.default({ engine: 'js' }));
    ${init ? 'await startEngine();' : ''}
    const memory = () => (wasm ? new Uint8Array(wasm.memory.buffer).slice() : new Uint8Array());
    const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
    const typed = (e) => ({ isError: e instanceof Error, stripe: e instanceof lib.StripeError, type: e?.type, code: e?.code, name: e?.name, message: String(e?.message) });
    /** How a call ends: 'threw' (synchronously), or what its promise did. */
    async function outcome(call) {
      let promise;
      try { promise = call(); } catch (e) { return { threw: typed(e) }; }
      if (!(promise instanceof Promise)) return { notAPromise: String(promise) };
      try { return { resolved: await promise }; } catch (e) { return { rejected: typed(e) }; }
    }
    const out = {};
  `;
  const source = `${prelude}\n${body}\nout.engine = lib.engine();\nprocess.stdout.write(JSON.stringify(out));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', source], { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      try {
        const out = JSON.parse(stdout);
        assert.equal(out.engine, engine, 'the engine asked for ran');
        resolve(out);
      } catch (e) {
        reject(new Error(`${e.message}: ${stdout}\n${stderr}`));
      }
    });
  });
}

const METHODS = ['create', 'find', 'list', 'deleteWhere'];
const PARAMS = {
  create: { name: 'n', payload: 'p', scope: 'account' },
  find: { name: 'n', scope: 'account' },
  list: { scope: 'account' },
  deleteWhere: { name: 'n', scope: 'account' },
};

const MESSAGES = {
  store_freed: 'This SecretStore was freed: build a new one.',
  invalid_receiver: 'This method must be called on a SecretStore.',
  not_initialized: "No engine is loaded yet: await init() first. (The bare import 'stripe-apps-secrets' is ready on import.)",
};

function assertRejectedTyped(result, where, code) {
  assert.ok(result.rejected, `${where}: rejects (got ${JSON.stringify(result)})`);
  assert.equal(result.rejected.isError, true, where);
  assert.equal(result.rejected.stripe, true, `${where}: a StripeError`);
  assert.equal(result.rejected.type, 'StripeInvalidRequestError', where);
  if (code) assert.equal(result.rejected.code, code, where);
  if (code) assert.equal(result.rejected.message, MESSAGES[code], where);
}

for (const engine of ENGINES) {
  test(`${engine}: after free(): every method rejects typed (listAll on next(), not synchronously), the engine refuses them, nothing is sent, the module works on`, async () => {
    server.reset();
    const out = await inFreshProcess(engine, `
      const store = new lib.SecretStore({ apiKey: 'sk_test_misuse', baseUrl: BASE });
      store.free();
      const callsAfterFree = engineCalls;
      for (const [m, p] of Object.entries(${JSON.stringify(PARAMS)})) out[m] = await outcome(() => store[m](p));
      let iterator;
      try { iterator = store.listAll({ scope: 'account' }); out.listAllSync = 'returned'; } catch (e) { out.listAllSync = typed(e); }
      out.listAllNext = await outcome(() => iterator.next());
      out.listAllReturn = await iterator.return();
      try {
        for await (const secret of store.listAll({ scope: 'account' })) out.forAwait = 'yielded';
        out.forAwait ??= 'ended';
      } catch (e) {
        out.forAwait = { rejected: typed(e) };
      }
      out.freeAgain = await outcome(async () => { store.free(); return 'no throw'; });
      out.dispose = await outcome(async () => { store[Symbol.dispose]?.(); return 'no throw'; });
      out.userId = await outcome(async () => store.userId);
      out.engineCallsAfterFree = engineCalls - callsAfterFree;
      // Another store, freed by [Symbol.dispose]() (its free() reaches the engine).
      const disposed = new lib.SecretStore({ apiKey: 'sk_test_misuse', baseUrl: BASE });
      disposed[Symbol.dispose]();
      out.afterDispose = await outcome(() => disposed.find({ name: 'n', scope: 'account' }));
      const fresh = new lib.SecretStore({ apiKey: 'sk_test_misuse', baseUrl: BASE });
      out.after = await outcome(() => fresh.list({ scope: 'account' }));
    `);
    for (const m of METHODS) assertRejectedTyped(out[m], m, 'store_freed');
    assert.equal(out.listAllSync, 'returned', 'listAll does not throw synchronously');
    assertRejectedTyped(out.listAllNext, 'listAll().next()', 'store_freed');
    assert.deepEqual(out.listAllReturn, { done: true });
    assertRejectedTyped(out.forAwait, 'for await over listAll()', 'store_freed');
    assertRejectedTyped(out.afterDispose, '[Symbol.dispose]() frees as free() does', 'store_freed');
    assert.deepEqual(out.freeAgain, { resolved: 'no throw' }, 'a second free() is harmless');
    assert.deepEqual(out.dispose, { resolved: 'no throw' }, '[Symbol.dispose]() after free() is harmless');
    assertRejectedTyped(out.userId, 'userId after free()', 'store_freed');
    assert.equal(out.after.resolved?.object, 'list', 'a new store works');
    assert.ok(out.engineCallsAfterFree > 0, 'the engine, which alone knows a store was freed, refused the calls');
    assert.equal(server.requests.length, 1, 'only the new store sent anything');
  });
}

/** Receivers that are not stores; `setup` runs first (e.g. a pollution). */
const FOREIGN = {
  'a plain object': '{}',
  null: 'null',
  'a number': '5',
  'Object.create(SecretStore.prototype)': 'Object.create(lib.SecretStore.prototype)',
  'a forged store with its own __wbg_ptr': 'Object.assign(Object.create(lib.SecretStore.prototype), { __wbg_ptr: 8 })',
  'a forged store with its own undefined __wbg_ptr': 'Object.assign(Object.create(lib.SecretStore.prototype), { __wbg_ptr: undefined })',
  'a Proxy of a store': 'new Proxy(new lib.SecretStore({ apiKey: "sk_test_x", baseUrl: BASE }), {})',
  'an object whose prototype is a store': 'Object.create(new lib.SecretStore({ apiKey: "sk_test_x", baseUrl: BASE }))',
};

for (const engine of ENGINES) for (const [label, make] of Object.entries(FOREIGN)) {
  for (const polluted of [false, true]) {
    const where = `${label}${polluted ? ', Object.prototype.__wbg_ptr = 8' : ''}`;
    test(`${engine}: methods called on ${where} reject typed and never reach the engine`, async () => {
      server.reset();
      const out = await inFreshProcess(engine, `
        ${polluted ? 'Object.prototype.__wbg_ptr = 8;' : ''}
        const receiver = ${make};
        const methods = [...Object.keys(${JSON.stringify(PARAMS)}), 'listAll'];
        const calls = [];
        const before = memory();
        const callsBefore = engineCalls;
        const proto = lib.SecretStore.prototype;
        for (const m of methods) {
          let r;
          try { r = proto[m].call(receiver, ${JSON.stringify(PARAMS.list)}); } catch (e) { r = Promise.reject(e); }
          if (m === 'listAll' && r && typeof r.next === 'function') r = r.next();
          calls.push([m, r]);
        }
        // listAll's refused walk is an async iterator like any walk: itself, and return() ends it.
        const walk = proto.listAll.call(receiver, ${JSON.stringify(PARAMS.list)});
        out.walkIteratesItself = walk[Symbol.asyncIterator]() === walk;
        out.walkReturn = await walk.return(7);
        let r;
        try { proto.free.call(receiver); r = Promise.resolve('freed'); } catch (e) { r = Promise.reject(e); }
        calls.push(['free', r]);
        let u;
        try { u = Promise.resolve(Reflect.get(proto, 'userId', receiver)); } catch (e) { u = Promise.reject(e); }
        calls.push(['userId', u]);
        out.memoryUntouched = same(before, memory());
        out.engineCalls = engineCalls - callsBefore;
        out.calls = {};
        for (const [name, p] of calls) out.calls[name] = await outcome(() => (p instanceof Promise ? p : Promise.resolve(p)));
        delete Object.prototype.__wbg_ptr;
        const fresh = new lib.SecretStore({ apiKey: 'sk_test_misuse', baseUrl: BASE });
        out.after = await outcome(() => fresh.list({ scope: 'account' }));
      `);
      for (const [name, result] of Object.entries(out.calls)) {
        if (name.startsWith('free')) {
          // free() on something that is not a live store: a typed refusal or a no-op, never a wasm call.
          if (result.rejected) assertRejectedTyped(result, name);
          else assert.deepEqual(result, { resolved: 'freed' }, name);
        } else {
          assertRejectedTyped(result, name);
        }
      }
      assert.equal(out.walkIteratesItself, true, "the refused walk's [Symbol.asyncIterator]() is itself");
      assert.deepEqual(out.walkReturn, { done: true, value: 7 }, "the refused walk's return(value) ends it with value");
      assert.equal(out.engineCalls, 0, "none of the engine's methods ran");
      assert.equal(out.memoryUntouched, true, 'wasm memory was not read or written by the misuse');
      assert.equal(out.after.resolved?.object, 'list', 'a new store works');
      assert.equal(server.requests.length, 1, 'nothing but the new store reached the server');
    });
  }
}

for (const engine of ENGINES) {
  test(`${engine}: nothing a page can reach leads to the engine's object; writing a pointer onto a store changes nothing`, async () => {
    server.reset();
    const out = await inFreshProcess(engine, `
      const store = new lib.SecretStore({ apiKey: 'sk_test_misuse', baseUrl: BASE });
      out.ownKeys = Reflect.ownKeys(store).map(String);
      out.prototypeChain = Object.getPrototypeOf(lib.SecretStore.prototype) === Object.prototype;
      out.classChain = Object.getPrototypeOf(lib.SecretStore) === Function.prototype;
      store.__wbg_ptr = 8;
      out.list = await outcome(() => store.list({ scope: 'account' }));
    `);
    assert.deepEqual(out.ownKeys, [], 'a store has no own property');
    assert.equal(out.prototypeChain, true, "SecretStore.prototype's prototype is Object.prototype, not the engine's");
    assert.equal(out.classChain, true, 'SecretStore extends nothing');
    assert.equal(out.list.resolved?.object, 'list', 'the store works: its own __wbg_ptr is nobody\'s');
    assert.equal(server.requests.length, 1);
  });
}

for (const engine of ENGINES) {
  test(`${engine}: new SecretStore before init, on the main entry imported by path: typed not_initialized`, async () => {
    const out = await inFreshProcess(
      engine,
      `
      out.build = await outcome(async () => new lib.SecretStore({ apiKey: 'sk_test_x', baseUrl: BASE }));
      out.call = await outcome(() => lib.SecretStore.prototype.find.call(Object.create(lib.SecretStore.prototype), { name: 'n', scope: 'account' }));
      out.free = await outcome(async () => { lib.SecretStore.prototype.free.call(Object.create(lib.SecretStore.prototype)); return 'a no-op'; });
      await startEngine();
      out.afterInit = await outcome(() => new lib.SecretStore({ apiKey: 'sk_test_x', baseUrl: BASE }).list({ scope: 'account' }));
    `,
      { init: false },
    );
    assertRejectedTyped(out.build, 'new SecretStore before init', 'not_initialized');
    assertRejectedTyped(out.call, 'a method before init', 'invalid_receiver');
    assert.deepEqual(out.free, { resolved: 'a no-op' }, 'free() before init');
    assert.equal(out.afterInit.resolved?.object, 'list', 'works once init() resolved');
  });
}

for (const engine of ENGINES) {
  test(`${engine}: an answer that arrives after free() rejects store_freed, payload and page never handed out`, async () => {
    const out = await inFreshProcess(engine, `
      const SECRET = { id: 'appsecret_1', object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: 'n', payload: 'p4yl0ad', scope: { type: 'account' } };
      const LIST = { object: 'list', url: '/v1/apps/secrets', has_more: false, data: [SECRET] };
      const held = [];
      // A stripeApiFetch whose answers wait until the test lets them go.
      const fetch = (url) => new Promise((resolve) => held.push(() => resolve({ status: 200, ok: true, headers: {}, json: url.includes('/find') || !url.includes('?') ? SECRET : LIST })));
      const store = new lib.SecretStore({ fetch });
      const calls = { find: store.find({ name: 'n', scope: 'account', expand: ['payload'] }), create: store.create({ name: 'n', payload: 'p4yl0ad', scope: 'account' }), list: store.list({ scope: 'account', expand: ['data.payload'] }) };
      while (held.length < 3) await new Promise((r) => setTimeout(r, 5));
      store.free();
      for (const release of held) release();
      for (const [name, promise] of Object.entries(calls)) out[name] = await outcome(() => promise);
    `);
    for (const name of ['find', 'create', 'list']) assertRejectedTyped(out[name], `${name} answered after free()`, 'store_freed');
    assert.doesNotMatch(JSON.stringify(out), /p4yl0ad/);
  });
}

for (const engine of ENGINES) {
  test(`${engine}: free() right after a call or a walk's next(): rejects store_freed and sends nothing`, async () => {
    const out = await inFreshProcess(engine, `
      const SECRET = (id) => ({ id, object: 'apps.secret', created: 1700000000, expires_at: null, livemode: false, name: id, scope: { type: 'account' } });
      let sent = 0;
      const fetch = async () => { sent += 1; return { status: 200, ok: true, headers: {}, json: { object: 'list', url: '/v1/apps/secrets', has_more: true, data: [SECRET('appsecret_' + sent)] } }; };
      let store = new lib.SecretStore({ fetch });
      const found = store.find({ name: 'n', scope: 'account' });
      store.free();
      out.find = await outcome(() => found);
      out.sentByFind = sent;
      store = new lib.SecretStore({ fetch });
      const walk = store.listAll({ scope: 'account' });
      out.first = (await walk.next()).value?.id;
      const next = walk.next();
      store.free();
      out.next = await outcome(() => next);
      out.sentByWalk = sent;
    `);
    assertRejectedTyped(out.find, 'find, then free()', 'store_freed');
    assert.equal(out.sentByFind, 0, 'find sent nothing');
    assert.equal(out.first, 'appsecret_1', 'the walk ran before free()');
    assertRejectedTyped(out.next, "the walk's next(), then free()", 'store_freed');
    assert.equal(out.sentByWalk, 1, 'the page after free() was not requested');
  });
}
