// The Dashboard's end inside the extension's frame, run after the app's
// bundle (which assigns `__StripeExtExports`): once the host hands over its
// MessagePort, `__StripeExtExports.endpoint.call` forwards the SDK's calls
// to the host, as the Dashboard's RPC endpoint does. Before that, the SDK
// throws "hostEndpoint has not been initialized".
addEventListener('message', (event) => {
  if (event.data !== 'stripe-dashboard-port' || event.ports.length !== 1) return;
  const port = event.ports[0];
  const pending = new Map();
  let next = 0;
  port.onmessage = ({ data }) => {
    const call = pending.get(data.id);
    pending.delete(data.id);
    if ('error' in data) call.reject(new Error(data.error));
    else call.resolve(data.value);
  };
  const forward =
    (method) =>
    (...args) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        port.postMessage({ id, method, args });
      });
  __StripeExtExports.endpoint = {
    call: {
      supportsFetchAppEmbeddedKey: forward('supportsFetchAppEmbeddedKey'),
      fetchAppEmbeddedKey: forward('fetchAppEmbeddedKey'),
      stripeApiFetch: forward('stripeApiFetch'),
    },
  };
  document.title = 'endpoint ready';
});
