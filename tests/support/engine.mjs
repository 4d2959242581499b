// Starts the engine the Node suites run on: the wasm, or the JS engine
// (wasm2js) when STRIPE_APPS_SECRETS_ENGINE=js or when Node has no
// WebAssembly (node --jitless); tests/node/js-engine.test.mjs runs the
// suites that way.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import init, { engine, initSync } from '../../pkg/stripe_apps_secrets.js';

export async function startEngine() {
  if (process.env.STRIPE_APPS_SECRETS_ENGINE === 'js' || typeof WebAssembly !== 'object') {
    await init(process.env.STRIPE_APPS_SECRETS_ENGINE === 'js' ? { engine: 'js' } : undefined);
    assert.equal(engine(), 'js');
  } else {
    initSync({ module: readFileSync(new URL('../../pkg/stripe_apps_secrets_bg.wasm', import.meta.url)) });
    assert.equal(engine(), 'wasm');
  }
}
