// The bundler entry under esbuild's default settings: it bundles the glue
// but leaves `new URL('stripe_apps_secrets_bg.wasm', import.meta.url)` alone
// and emits no .wasm, which is why the bare import carries the .wasm inside.
import init, { SecretStore } from 'stripe-apps-secrets/bundler';

await init();
export const store = new SecretStore({});
