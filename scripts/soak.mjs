#!/usr/bin/env node
// Soak: many concurrent clients against one emulator for a bounded time.
// Every client loops create -> find -> list -> delete in its own user scope
// through pkg/ (Node, global fetch). Passes when there were zero unexpected
// errors, every payload came back exact, and the emulator's memory stayed
// flat after warm-up.
//
//   node scripts/soak.mjs [--seconds 60] [--clients 50]
//
// Needs pkg/ and the debug emulator built (scripts/test.sh builds both).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { initSync, SecretStore } from '../pkg/stripe_apps_secrets.js';
import { startEmulator } from '../tests/support/emulator.mjs';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '60' }, clients: { type: 'string', default: '50' } },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
if (!(seconds > 0 && seconds <= 600) || !(clients > 0 && clients <= 500)) {
  console.error('--seconds must be in (0, 600] and --clients in (0, 500]');
  process.exit(2);
}

initSync({ module: readFileSync(new URL('../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });
const emulator = await startEmulator();
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${emulator.pid}/status`, 'utf8'))[1]);

const deadline = Date.now() + seconds * 1000;
const counts = { operations: 0, unexpected: 0, mismatched: 0 };
const firstErrors = [];

async function client(index) {
  const user = `usr_soak${index}`;
  const store = new SecretStore({ userId: user, apiKey: 'sk_test_soak', baseUrl: emulator.url });
  let round = 0;
  while (Date.now() < deadline) {
    const name = `s${round % 5}`;
    const payload = `soak ${index}/${round} 🔐 &=+%`;
    try {
      await store.create({ name, payload, scope: 'user' });
      const found = await store.find({ name, scope: 'user', expand: ['payload'] });
      if (found.payload !== payload) counts.mismatched += 1;
      await store.list({ scope: 'user', limit: 10 });
      await store.deleteWhere({ name, scope: 'user' });
      counts.operations += 4;
    } catch (error) {
      counts.unexpected += 1;
      if (firstErrors.length < 5) firstErrors.push(`${error.type}: ${error.message}`);
    }
    round += 1;
  }
}

const samples = [];
const sampler = setInterval(() => {
  const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
  samples.push(rssKb());
  console.log(`soak: ${counts.operations} operations, ${counts.unexpected} errors, emulator RSS ${samples.at(-1)} KB, ${left} s left`);
}, 5000);

const started = Date.now();
await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
clearInterval(sampler);
samples.push(rssKb());
await emulator.stop();

const elapsed = (Date.now() - started) / 1000;
// Warm-up fills the bounded request log and idempotency cache; compare the
// second quarter of the run with its end.
const settled = samples[Math.floor(samples.length / 4)] ?? samples[0];
const growth = samples.at(-1) - settled;
const flat = growth <= Math.max(8192, settled * 0.1);
console.log(
  `soak: ${clients} clients, ${elapsed.toFixed(1)} s, ${counts.operations} operations ` +
    `(${Math.round(counts.operations / elapsed)}/s), ${counts.unexpected} unexpected errors, ` +
    `${counts.mismatched} mismatched payloads, RSS ${settled} -> ${samples.at(-1)} KB`,
);
for (const error of firstErrors) console.log(`  ${error}`);
const passed = counts.unexpected === 0 && counts.mismatched === 0 && flat && counts.operations > 0;
console.log(passed ? '1 passed, 0 failed' : '0 passed, 1 failed');
process.exit(passed ? 0 : 1);
