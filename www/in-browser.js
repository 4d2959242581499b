// In-browser mode: Stripe's Secret Store inside this page, from the package's
// testing entry (the emulator's Rust core compiled to wasm), handed to
// SecretStore as its `fetch`, as an extension's unit test mocks the SDK's
// stripeApiFetch. Nothing leaves the page, so the static build needs no server.
// Imported on first use: the other modes never download its ~240 KB.

/** The testing API of each Dashboard user: it plays one user's Dashboard, so each user has a store. */
const apis = new Map();
let testing;

/**
 * The testing API of `userId`, and a stripeApiFetch-shaped function over it
 * that reports each request (method, path, status, time, Request-Id; never a
 * body) to `onRequest`.
 */
export async function inBrowserStore(userId, onRequest) {
  testing ??= import('./pkg/testing.js');
  const { createSecretStoreApi } = await testing;
  let api = apis.get(userId);
  if (!api) {
    try {
      api = createSecretStoreApi({ userId });
    } catch (error) {
      // The testing engine is wasm only (no JS fallback, unlike the client): a
      // page whose CSP lacks 'wasm-unsafe-eval' cannot compile it. Say so.
      if (!(error instanceof WebAssembly.CompileError || /WebAssembly|wasm/i.test(String(error?.message)))) throw error;
      throw Object.assign(
        new Error(
          "The in-browser Secret Store (stripe-apps-secrets/testing) is WebAssembly, and this page may not compile WebAssembly (its Content-Security-Policy has no 'wasm-unsafe-eval'). The emulator's modes (scripts/demo.sh) work here.",
        ),
        { type: 'LoadError', code: 'wasm_not_allowed' },
      );
    }
    apis.set(userId, api);
  }
  const recordingFetch = async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const path = new URL(url).pathname;
    const started = performance.now();
    try {
      const response = await api(url, init);
      onRequest({ method, path, status: response.status, ms: performance.now() - started, requestId: response.headers['request-id'] });
      return response;
    } catch (error) {
      onRequest({ method, path, status: null, ms: performance.now() - started });
      throw error;
    }
  };
  return { api, fetch: recordingFetch };
}

/** Forgets every user's secrets and requests (the emulator's Reset, in the page). */
export function resetInBrowserStores() {
  for (const api of apis.values()) api.reset();
}
