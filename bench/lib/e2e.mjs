// End to end in Node against the release emulator on loopback: `find` of one
// account-scoped secret, at several concurrency levels, ours (global fetch
// transport, apiKey + baseUrl) against stripe-node (its fetch http client).
// Both use Node's global fetch (undici) underneath; the floor is a bare
// `fetch` of the same URL + `response.json()`. For each level the clients
// alternate (A B C, then C B A), each run lasting a fixed time.
import { readFileSync } from 'node:fs';

import Stripe from 'stripe';
import { initSync, SecretStore } from '../../pkg/stripe_apps_secrets.js';

const KEY = 'sk_test_bench';
const NAME = 'bench-find';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function drive(fn, concurrency, ms) {
  const latencies = [];
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      const s = performance.now();
      try {
        await fn();
        latencies.push(performance.now() - s);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors, elapsed: performance.now() - t0 };
}

export async function endToEnd(emulatorUrl, { levels, runMs, warmupMs }) {
  initSync({ module: readFileSync(new URL('../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });
  const { hostname, port } = new URL(emulatorUrl);
  const ours = new SecretStore({ apiKey: KEY, baseUrl: emulatorUrl });
  const stripe = new Stripe(KEY, {
    host: hostname,
    port: Number(port),
    protocol: 'http',
    httpClient: Stripe.createFetchHttpClient(),
  });
  await ours.create({ name: NAME, payload: 'p'.repeat(40), scope: 'account' });
  const floorUrl = `${emulatorUrl}/v1/apps/secrets/find?name=${NAME}&scope[type]=account&expand[0]=payload`;
  const floorInit = { headers: { Authorization: `Bearer ${KEY}`, 'Stripe-Version': '2024-04-10' } };
  const clients = {
    ours: () => ours.find({ name: NAME, scope: 'account', expand: ['payload'] }),
    'stripe-node': () => stripe.apps.secrets.find({ name: NAME, scope: { type: 'account' }, expand: ['payload'] }),
    'floor (bare fetch)': async () => {
      const response = await fetch(floorUrl, floorInit);
      const json = await response.json();
      if (!response.ok) throw new Error(`find answered ${response.status}`);
      return json;
    },
  };
  for (const [name, fn] of Object.entries(clients)) {
    const secret = await fn();
    if (secret.name !== NAME || secret.payload !== 'p'.repeat(40)) throw new Error(`${name} find answered ${JSON.stringify(secret)}`);
  }

  const rows = [];
  for (const concurrency of levels) {
    for (const fn of Object.values(clients)) await drive(fn, concurrency, warmupMs);
    const acc = Object.fromEntries(Object.keys(clients).map((n) => [n, { latencies: [], errors: 0, calls: 0, elapsed: 0 }]));
    const names = Object.keys(clients);
    for (const order of [names, [...names].reverse()]) {
      for (const name of order) {
        const r = await drive(clients[name], concurrency, runMs);
        acc[name].latencies.push(...r.latencies);
        acc[name].errors += r.errors;
        acc[name].calls += r.latencies.length;
        acc[name].elapsed += r.elapsed;
      }
    }
    for (const [name, a] of Object.entries(acc)) {
      const sorted = a.latencies.sort((x, y) => x - y);
      rows.push({
        concurrency,
        client: name,
        calls: a.calls,
        errors: a.errors,
        throughput: (a.calls / a.elapsed) * 1000,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
      });
    }
  }
  return rows;
}
