// Stands in for the Dashboard in unit tests: a function shaped like the
// SDK's `stripeApiFetch` (full URL and init in, the SDK's serializable
// answer out) that reaches the Secret Store emulator at EMULATOR_URL as
// `userId`'s UI extension (the placeholder key plus the emulator's user
// header), so the emulator enforces Stripe's rules for that user.
export function dashboardFetch(userId: string) {
  const emulator = process.env.EMULATOR_URL;
  if (!emulator) throw new Error('EMULATOR_URL is not set: start the Secret Store emulator first');
  return async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const target = new URL(url);
    if (target.origin !== 'https://api.stripe.com') throw new TypeError(`Invalid URL: ${url}`);
    const response = await fetch(emulator + target.pathname + target.search, {
      method: init.method,
      headers: { ...init.headers, Authorization: 'Bearer DO_NOT_PASS_A_REAL_API_KEY', 'Stripe-Emulator-User': userId },
      body: init.body,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return {
      ok: response.ok,
      status: response.status,
      statusText: response.statusText,
      headers,
      json: await response.json(),
      redirected: false,
      type: 'basic',
      url,
    };
  };
}

/** What the emulator received since its last reset (payloads as lengths). */
export async function emulatorRequests(): Promise<Array<{ method: string; path: string }>> {
  return (await fetch(`${process.env.EMULATOR_URL}/_emulator/requests`)).json();
}

/** Forgets every secret and the request log. */
export async function resetEmulator(): Promise<void> {
  await fetch(`${process.env.EMULATOR_URL}/_emulator/reset`, { method: 'POST' });
}
