import { useEffect, useState } from 'react';
import init, { SecretStore } from 'stripe-apps-secrets/bundler';

/**
 * The wasm is loaded once per page (init() shares one promise); a store is
 * made per set of options and freed when they change or the view unmounts.
 * Returns [store, error]: store is null until the wasm is ready.
 */
export function useSecretStore(options) {
  const [state, setState] = useState([null, null]);
  const { userId, fetch, apiKey, baseUrl } = options;
  useEffect(() => {
    let store = null;
    let live = true;
    init()
      .then(() => {
        if (!live) return;
        store = new SecretStore({ userId, fetch, apiKey, baseUrl });
        setState([store, null]);
      })
      .catch((error) => live && setState([null, error]));
    return () => {
      live = false;
      store?.free();
    };
  }, [userId, fetch, apiKey, baseUrl]);
  return state;
}
