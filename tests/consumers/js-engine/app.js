// Every kind of case through the main entry, bundled by esbuild with code
// splitting: the operations and a payload round trip, a refusal (nothing
// sent), input faults, a server fault (404), the list walk, and the fault
// suite's cases (retried 500s and a dropped connection, a timeout, an abort). It reports
// which engine ran them, and the same text on either engine.
import init, { engine, SecretStore, StripeError } from 'stripe-apps-secrets/bundler';

const params = new URLSearchParams(location.search);
const status = document.getElementById('status');

async function main() {
  await init(params.has('engine') ? { engine: params.get('engine') } : undefined);
  const user = `usr_${Math.random().toString(36).slice(2, 10)}`;
  const store = new SecretStore({ userId: user, apiKey: 'sk_test_anything', baseUrl: location.origin, maxNetworkRetries: 0 });
  const scope = { type: 'user', user };
  const out = [];
  const payload = 'wasm2js & 🔐 +%20 = ü';
  await store.create({ name: 'one', payload, scope });
  await store.create({ name: 'two', payload: 'p2', scope: 'user' });
  const found = await store.find({ name: 'one', scope, expand: ['payload'] });
  out.push(`find:${found.payload === payload}:${found.lastResponse.statusCode}`);
  const page = await store.list({ scope: 'user', limit: 1 });
  out.push(`list:${page.data.length}:${page.has_more}`);
  const names = [];
  for await (const secret of store.list({ scope: 'user', limit: 1 })) names.push(secret.name);
  out.push(`walk:${names.sort().join(',')}`);
  const deleted = await store.deleteWhere({ name: 'one', scope: 'user' });
  out.push(`delete:${deleted.deleted}`);
  const caught = async (promise) => {
    const e = await promise.then(() => undefined, (error) => error);
    return e instanceof StripeError ? `${e.type}/${e.code}/${e.param ?? ''}` : `not a StripeError: ${e}`;
  };
  out.push(`gone:${await caught(store.find({ name: 'one', scope: 'user' }))}`);
  out.push(`other-user:${await caught(store.find({ name: 'x', scope: { type: 'user', user: 'usr_other' } }))}`);
  out.push(`bad-name:${await caught(store.create({ name: '', payload: 'p', scope: 'user' }))}`);
  out.push(`bad-key:${await caught(store.find({ name: 'x', scope: 'user', nope: 1 }))}`);
  let options;
  try {
    new SecretStore({ timeout: -1 });
  } catch (e) {
    options = `${e.type}/${e.param}`;
  }
  out.push(`options:${options}`);
  // Enough data to make the engine's memory grow (the scope holds 10 at most).
  const big = 'x'.repeat(4999);
  for (let i = 0; i < 7; i++) await store.create({ name: `big${i}`, payload: big, scope: 'user' });
  const all = await store.list({ scope: 'user' }).autoPagingToArray({ limit: 100 });
  out.push(`big:${all.length}`);
  // Faults, through the emulator's queue: retries keep going, a timeout and
  // an abort end the call with their types.
  const faults = (list) =>
    fetch('/_emulator/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(list) });
  const patient = new SecretStore({ userId: user, apiKey: 'sk_test_anything', baseUrl: location.origin, maxNetworkRetries: 2 });
  await faults([{ status: 500 }, { status: 500 }]);
  out.push(`retry-500s:${(await patient.create({ name: 'retried', payload: 'r', scope: 'user' })).name}`);
  await faults([{ drop: true }]);
  out.push(`retry-drop:${(await patient.find({ name: 'retried', scope: 'user' })).name}`);
  const hasty = new SecretStore({ userId: user, apiKey: 'sk_test_anything', baseUrl: location.origin, maxNetworkRetries: 0, timeout: 300 });
  await faults([{ delay_ms: 1000 }]);
  out.push(`timeout:${await caught(hasty.find({ name: 'retried', scope: 'user' }))}`);
  const aborted = new AbortController();
  aborted.abort();
  out.push(`abort:${await caught(store.find({ name: 'retried', scope: 'user' }, { signal: aborted.signal }))}`);
  status.textContent = `${engine()} | ${out.join(' ')}`;
  status.dataset.status = 'done';
}

main().catch((error) => {
  status.textContent = `${engine()} | ${error.type ?? error.name}: ${error.message}`;
  status.dataset.status = 'error';
});
