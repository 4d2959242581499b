import { useEffect, useState } from 'react';
import { useSecretStore } from './useSecretStore.js';

export function App({ options }) {
  const [store, storeError] = useSecretStore(options);
  const [status, setStatus] = useState('loading');
  const [secret, setSecret] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    if (!store) return;
    let live = true;
    const scope = { type: 'user', user: store.userId };
    setStatus('saving');
    store
      .create({ name: 'example_token', payload: 'token-from-vite-react', scope })
      .then(() => store.find({ name: 'example_token', scope, expand: ['payload'] }))
      .then((found) => {
        if (!live) return;
        setSecret(found);
        setStatus('done');
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [store]);

  const failure = error ?? storeError;
  if (failure) {
    return (
      <p role="alert" data-status="error">
        {failure.type ?? 'Error'}: {failure.message}
      </p>
    );
  }
  return (
    <main data-status={status}>
      <h1>Secret Store round trip</h1>
      {secret ? (
        <p id="result">
          Found {secret.name} ({secret.id}) in the {secret.scope.type} scope: {secret.payload}
        </p>
      ) : (
        <p>{status}…</p>
      )}
    </main>
  );
}
