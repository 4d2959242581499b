// A CommonJS consumer (.cts: its imports compile to require()). The
// package's `require` condition answers with CommonJS builds and CommonJS
// types (index.d.cts), so it type-checks under module "node16" and
// "nodenext" alike, and runs on every Node 20.
import { SecretStore, StripeError, StripeScopeError, type Secret } from 'stripe-apps-secrets';
import * as inline from 'stripe-apps-secrets/inline-js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export async function findPayload(): Promise<string> {
  await inline.default();
  const store = new SecretStore({ userId: 'usr_123', apiKey: 'sk_test_123', baseUrl: 'http://127.0.0.1:12111' });
  void new inline.SecretStore({});
  try {
    const secret: Secret = await store.find({ name: 'oauth', scope: 'user', expand: ['payload'] });
    return secret.payload ?? '';
  } catch (caught) {
    if (caught instanceof StripeScopeError) {
      const narrowed: Equals<typeof caught.type, 'StripeScopeError'> = true;
      void narrowed;
      return caught.type;
    }
    // @ts-expect-error not one of this library's error types: `type` is typed
    if (caught instanceof StripeError && caught.type === 'StripeCardError') return 'impossible';
    throw caught;
  }
}
