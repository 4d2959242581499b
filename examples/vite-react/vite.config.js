// Nothing wasm-specific is needed: `vite build` turns the package's
// `new URL('stripe_apps_secrets_bg.wasm', import.meta.url)` into an emitted
// asset, and `vite` (dev) serves the .wasm from node_modules.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
});
