// A small OAuth 2.0 provider on 127.0.0.1 for the token helper's suites:
// the authorization code exchange (one use per code, PKCE verifier checked
// when a challenge was registered), short-lived access tokens, rotating
// refresh tokens (each spent once; a spent one is `invalid_grant`), and a
// service, GET /me, that answers 401 to an access token that ended or was
// revoked. CORS open, as a provider an extension calls from its frame.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const random = (prefix) => `${prefix}_${randomBytes(12).toString('base64url')}`;
/** The PKCE S256 challenge of `verifier`. */
export const challengeOf = (verifier) => createHash('sha256').update(verifier).digest('base64url');

/**
 * Starts the provider. `accessSeconds` and `refreshSeconds` are the
 * lifetimes it grants (`refreshSeconds` null: no `refresh_token_expires_in`
 * sent); `refreshDelayMs` delays each refresh's answer.
 */
export async function startFakeOAuth({ accessSeconds = 3600, refreshSeconds = null, refreshDelayMs = 0 } = {}) {
  const settings = { accessSeconds, refreshSeconds, refreshDelayMs };
  const codes = new Map(); // code -> { user, challenge }
  const access = new Map(); // access token -> { user, until (ms) }
  const refresh = new Map(); // refresh token -> { user, spent }
  const counts = { exchanges: 0, refreshes: 0, refused: 0, calls: 0, unauthorized: 0 };

  function grant(user) {
    const token = { access_token: random('at'), token_type: 'Bearer', expires_in: settings.accessSeconds, refresh_token: random('rt'), scope: 'read' };
    if (settings.refreshSeconds !== null) token.refresh_token_expires_in = settings.refreshSeconds;
    access.set(token.access_token, { user, until: Date.now() + settings.accessSeconds * 1000 });
    refresh.set(token.refresh_token, { user, spent: false });
    return token;
  }

  async function tokenEndpoint(form) {
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = codes.get(form.get('code'));
      codes.delete(form.get('code'));
      if (code === undefined || (code.challenge !== null && challengeOf(form.get('code_verifier') ?? '') !== code.challenge)) {
        return [400, { error: 'invalid_grant' }];
      }
      counts.exchanges++;
      return [200, grant(code.user)];
    }
    if (grantType === 'refresh_token') {
      if (settings.refreshDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.refreshDelayMs));
      const held = refresh.get(form.get('refresh_token'));
      if (held === undefined || held.spent) {
        counts.refused++;
        return [400, { error: 'invalid_grant' }];
      }
      held.spent = true;
      counts.refreshes++;
      return [200, grant(held.user)];
    }
    return [400, { error: 'unsupported_grant_type' }];
  }

  const server = createServer(async (request, response) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' };
    const send = (status, body) => {
      response.writeHead(status, { ...cors, 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'OPTIONS') return response.writeHead(204, cors).end();
    const url = new URL(request.url, 'http://provider');
    if (request.method === 'POST' && url.pathname === '/token') {
      let body = '';
      for await (const chunk of request) body += chunk;
      const [status, answer] = await tokenEndpoint(new URLSearchParams(body));
      return send(status, answer);
    }
    if (request.method === 'GET' && url.pathname === '/me') {
      counts.calls++;
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const held = access.get(bearer);
      if (held === undefined || held.until <= Date.now()) {
        counts.unauthorized++;
        return send(401, { error: 'invalid_token' });
      }
      return send(200, { user: held.user });
    }
    return send(404, { error: 'not_found' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;

  return {
    url,
    counts,
    settings,
    /** An authorization code for `user`, as the provider's consent page would redirect with; `challenge` binds it to a PKCE verifier. */
    authorize(user, challenge = null) {
      const code = random('code');
      codes.set(code, { user, challenge });
      return code;
    },
    /** Ends every access token now: the service answers 401 to each. */
    expireAccessTokens() {
      for (const held of access.values()) held.until = 0;
    },
    /** The refresh tokens not spent yet. */
    liveRefreshTokens: () => [...refresh].filter(([, held]) => !held.spent).map(([token]) => token),
    /** Forgets every grant and count. */
    reset() {
      codes.clear();
      access.clear();
      refresh.clear();
      for (const key of Object.keys(counts)) counts[key] = 0;
      Object.assign(settings, { accessSeconds, refreshSeconds, refreshDelayMs });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}
