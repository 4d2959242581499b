// The main entry under esbuild's default settings: it bundles the glue but
// leaves `new URL('stripe_apps_secrets_bg.wasm', import.meta.url)` alone and
// emits no .wasm, which is why the inline entry exists.
import init, { SecretStore } from 'stripe-apps-secrets';

await init();
export const store = new SecretStore({});
