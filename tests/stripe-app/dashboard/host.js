// The fake Stripe Dashboard's host page: it embeds the extension's frame as
// the Dashboard does (an iframe with `sandbox="allow-scripts"`, an opaque
// origin) and answers the SDK's RPC over a MessagePort, with the real
// UI extension SDK's `stripeApiFetch` on the other side. The host side of
// the RPC is tests/support/fake-dashboard.mjs: the host transport's
// requests go from here to the Secret Store emulator, as the Dashboard's
// own requests go to the API.
import { installFakeDashboard } from '/support/fake-dashboard.mjs';

/** Embeds `src` and serves its RPC; resolves with the app key the frame transport will be handed. */
window.startDashboard = ({ emulatorUrl, userId, transport, src }) => {
  const host = { fetch: window.fetch.bind(window) };
  const dashboard = installFakeDashboard({ emulatorUrl, userId, transport, target: host });
  const channel = new MessageChannel();
  channel.port1.onmessage = async ({ data: { id, method, args } }) => {
    try {
      const value = await host.__StripeExtExports.endpoint.call[method](...args);
      channel.port1.postMessage({ id, value });
    } catch (error) {
      channel.port1.postMessage({ id, error: String(error?.message ?? error) });
    }
  };
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.src = src;
  frame.addEventListener('load', () => frame.contentWindow.postMessage('stripe-dashboard-port', '*', [channel.port2]));
  document.body.append(frame);
  return dashboard.appKey;
};
