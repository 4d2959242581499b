import { render as remoteRender } from '@remote-ui/react';
import { mount } from '@remote-ui/testing';
import type { ReactElement } from 'react';
import stripeApiFetch from '@stripe/ui-extension-sdk/api_fetch';
import { Button } from '@stripe/ui-extension-sdk/ui';
import type { SecretStoreApi } from 'stripe-apps-secrets/testing';
import ServiceAccount from './views/ServiceAccount';

// No Dashboard here: stripeApiFetch is Stripe's Secret Store in-process, as
// Dashboard user usr_jest's extension; its clock is the one every part reads.
jest.mock('@stripe/ui-extension-sdk/api_fetch', () => {
  const realNow = Date.now.bind(Date);
  return {
    __esModule: true,
    default: jest.requireActual('stripe-apps-secrets/testing').createSecretStoreApi({ userId: 'usr_jest', now: realNow }),
  };
});
const secretStore = stripeApiFetch as unknown as SecretStoreApi;
// The SDK's modules are ES modules this jest does not load: its OAuth helper
// answers as the Dashboard would, and its components are the same remote
// components by name, rendered with the two packages the SDK's `render` wraps.
jest.mock('@stripe/ui-extension-sdk/oauth', () => ({
  createOAuthState: async () => ({ state: 'state_1', challenge: 'challenge_1' }),
}));
jest.mock('@stripe/ui-extension-sdk/ui', () => {
  const { createRemoteReactComponent } = jest.requireActual('@remote-ui/react');
  return { Box: createRemoteReactComponent('Box'), Button: createRemoteReactComponent('Button'), ContextView: createRemoteReactComponent('ContextView') };
});
/** `render` of `@stripe/ui-extension-sdk/testing`. */
function render(element: ReactElement) {
  const wrapper = mount((root) => remoteRender(element, root));
  const update = async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      wrapper.act(() => null);
    }
  };
  return { wrapper, update };
}

/** The service: authorization codes, access tokens that end after 10 minutes, rotating refresh tokens that end after a day. */
const service = { codes: new Set<string>(), access: new Map<string, number>(), refresh: new Set<string>(), refreshes: 0, issued: 0 };
function grant() {
  service.issued += 1;
  const token = { access_token: `at_${service.issued}`, refresh_token: `rt_${service.issued}`, token_type: 'Bearer', expires_in: 600, refresh_token_expires_in: 86400 };
  service.access.set(token.access_token, Date.now() + 600_000);
  service.refresh.add(token.refresh_token);
  return token;
}
const answer = (status: number, body: unknown) => ({ ok: status === 200, status, json: async () => body });
global.fetch = jest.fn(async (url: string, init?: { body?: string; headers?: Record<string, string> }) => {
  if (url === 'https://oauth.example.test/token') {
    const form = new URLSearchParams(init?.body);
    if (form.get('grant_type') === 'authorization_code' && service.codes.delete(form.get('code') ?? '')) return answer(200, grant());
    if (form.get('grant_type') === 'refresh_token' && service.refresh.delete(form.get('refresh_token') ?? '')) {
      service.refreshes += 1;
      return answer(200, grant());
    }
    return answer(400, { error: 'invalid_grant' });
  }
  const until = service.access.get((init?.headers?.authorization ?? '').replace('Bearer ', ''));
  return until !== undefined && until > Date.now() ? answer(200, { user: 'jest@example.test' }) : answer(401, {});
}) as unknown as typeof fetch;

const USER = { id: 'usr_jest' };
const view = (oauthContext?: { code: string; verifier: string }) =>
  render(<ServiceAccount {...({ userContext: USER, oauthContext, environment: {} } as any)} />);
const press = async (wrapper: ReturnType<typeof render>['wrapper'], label: string) =>
  wrapper.findAll(Button).find((node) => node.text === label)!.trigger('onPress');
const saved = () => JSON.parse(secretStore.secrets()[0].payload);

beforeEach(() => {
  secretStore.reset();
  jest.spyOn(Date, 'now').mockImplementation(() => secretStore.now());
  service.codes = new Set(['code_1']);
  service.refreshes = 0;
});

test("signed out: a Sign in button to the service's consent page, with the SDK's PKCE challenge", async () => {
  const { wrapper, update } = view();
  await update();
  const signIn = wrapper.find(Button)!;
  expect(signIn.text).toBe('Sign in');
  expect(signIn.prop('href')).toMatch(/^https:\/\/oauth\.example\.test\/authorize\?.*code_challenge=challenge_1/);
  wrapper.unmount();
});

test("back from the consent page: the code is exchanged and the token kept in this user's scope", async () => {
  const { wrapper, update } = view({ code: 'code_1', verifier: 'verifier_1' });
  await update();
  const [secret] = secretStore.secrets();
  expect(secret).toMatchObject({ name: 'service_oauth', scope: { type: 'user', user: 'usr_jest' } });
  expect(saved()).toMatchObject({ access_token: `at_${service.issued}`, token_type: 'Bearer' });
  expect(secret.expires_at).toBe(saved().refresh_token_expires_at);
  expect(wrapper.findAll(Button).map((node) => node.text)).toEqual(['Who am I?', 'Sign out']);
  wrapper.unmount();
});

test('an access token near its end is refreshed on next use, and the rotated refresh token saved', async () => {
  const { wrapper, update } = view({ code: 'code_1', verifier: 'verifier_1' });
  await update();
  const first = saved();
  secretStore.advanceTime(600 - 30);
  await press(wrapper, 'Who am I?');
  await update();
  expect(wrapper.text).toContain('Signed in as jest@example.test');
  expect(service.refreshes).toBe(1);
  expect(saved().refresh_token).not.toBe(first.refresh_token);
  expect(service.refresh.has(saved().refresh_token)).toBe(true);
  wrapper.unmount();
});

test('two quick presses make one refresh', async () => {
  const { wrapper, update } = view({ code: 'code_1', verifier: 'verifier_1' });
  await update();
  secretStore.advanceTime(601);
  await Promise.all([press(wrapper, 'Who am I?'), press(wrapper, 'Who am I?')]);
  await update();
  expect(service.refreshes).toBe(1);
  expect(wrapper.text).toContain('Signed in as jest@example.test');
  wrapper.unmount();
});

test('sign out deletes the secret', async () => {
  const { wrapper, update } = view({ code: 'code_1', verifier: 'verifier_1' });
  await update();
  await press(wrapper, 'Sign out');
  await update();
  expect(secretStore.secrets()).toEqual([]);
  expect(wrapper.find(Button)!.text).toBe('Sign in');
  wrapper.unmount();
});

test('a token whose refresh token ended is gone: Stripe dropped the secret', async () => {
  const { wrapper, update } = view({ code: 'code_1', verifier: 'verifier_1' });
  await update();
  wrapper.unmount();
  secretStore.advanceTime(86400 + 1);
  expect(secretStore.secrets()).toEqual([]);
  const again = view();
  await again.update();
  expect(again.wrapper.find(Button)!.text).toBe('Sign in');
  again.wrapper.unmount();
});
