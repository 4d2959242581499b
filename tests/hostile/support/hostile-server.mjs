// A tiny hostile "Stripe API" on 127.0.0.1 for the hostile suites: it
// answers whatever `answer(request)` returns, and logs every request it got
// (method, path, headers, body). Point a store's `baseUrl` at it, or the fake
// Dashboard's `emulatorUrl` (the SDK's stripeApiFetch then reaches it too).
import { createServer } from 'node:http';

/**
 * Starts the server. `answer({ method, path, headers, body })` resolves with
 * `{ status, headers, body }` (`body` a string or an object sent as JSON); it
 * may also wait, e.g. to hold a page in flight.
 */
export async function startHostileServer(answer) {
  const requests = [];
  const state = { answer };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const request = { method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      try {
        const { status = 200, headers = {}, body = '' } = await state.answer(request);
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', ...headers });
        res.end(text);
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    /** Replaces the answer function. */
    answerWith(fn) {
      state.answer = fn;
    },
    reset() {
      requests.length = 0;
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
