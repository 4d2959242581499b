// A stand-in for the UI extension SDK's `stripeApiFetch`, over the Secret
// Store emulator's extension mode. It behaves like the Dashboard side of
// the real one: it takes a path and a structured-clonable init, insists on
// the SDK's placeholder Authorization, adds the Dashboard user's identity
// (here the emulator's `Stripe-Emulator-User` header), and resolves with a
// `SerializableResponse` ({ ok, status, statusText, headers, json }).

export const AUTHORIZATION_VALUE = 'Bearer DO_NOT_PASS_A_REAL_API_KEY';

/**
 * @param {string} baseUrl  the emulator, e.g. http://127.0.0.1:12111
 * @param {string} userId   the Dashboard user the extension runs for
 * @param {(entry: object) => void} [onRequest]  sees each request that leaves
 */
export function emulatorApiFetch(baseUrl, userId, onRequest) {
  return async function stripeApiFetch(path, init = {}) {
    // The real call crosses postMessage: anything structuredClone refuses
    // (Headers, URLSearchParams, functions) would fail there too.
    const cloned = structuredClone(init);
    const headers = { ...(cloned.headers ?? {}) };
    const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization');
    if (!authorization || authorization[1] !== AUTHORIZATION_VALUE) {
      throw new Error('stripeApiFetch: the Authorization header must be the SDK placeholder');
    }
    if (typeof path !== 'string' || !path.startsWith('/v1/')) {
      throw new Error('stripeApiFetch: expected a Stripe API path such as /v1/apps/secrets');
    }
    headers['Stripe-Emulator-User'] = userId;
    const started = performance.now();
    const response = await fetch(baseUrl + path, { method: cloned.method ?? 'GET', headers, body: cloned.body });
    const text = await response.text();
    const answerHeaders = {};
    response.headers.forEach((value, name) => {
      answerHeaders[name] = value;
    });
    onRequest?.({
      method: cloned.method ?? 'GET',
      path: path.split('?')[0],
      status: response.status,
      ms: performance.now() - started,
      requestId: answerHeaders['request-id'],
    });
    return {
      ok: response.ok,
      status: response.status,
      statusText: response.statusText,
      headers: answerHeaders,
      json: text ? JSON.parse(text) : undefined,
    };
  };
}
