// An ESM consumer that uses nothing from the DOM library or @types/node:
// checked under lib ["es2022"] (and with "dom"), with bundler, node16 and
// nodenext resolution, by tests/consumers/typescript.test.mjs. The error
// classes are real classes: `instanceof` narrows the type, down to `type`.
import init, {
  initSync,
  SecretStore,
  StripeAbortError,
  StripeError,
  StripeInvalidRequestError,
  StripeScopeError,
  type AbortSignalLike,
  type Secret,
  type SecretStoreErrorType,
} from 'stripe-apps-secrets';
import initBundler, { SecretStore as BundlerSecretStore } from 'stripe-apps-secrets/bundler';

/** true when A and B are the same type (not merely assignable). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

declare const wasmBytes: Uint8Array;
declare const signal: AbortSignalLike;

export async function setUp(): Promise<SecretStore> {
  await init();
  await init({ module_or_path: 'https://example.test/stripe_apps_secrets_bg.wasm' });
  initSync({ module: wasmBytes });
  await initBundler({ engine: 'js' });
  // @ts-expect-error the engines are 'wasm' and 'js'
  await initBundler({ engine: 'rust' });
  // @ts-expect-error initSync's argument, when given, holds the module
  initSync({});
  initSync();
  void new BundlerSecretStore({ userId: 'usr_123' });
  return new SecretStore({ userId: 'usr_123', apiKey: 'sk_test_123', baseUrl: 'http://127.0.0.1:12111' });
}

export async function findPayload(store: SecretStore): Promise<string> {
  try {
    const secret: Secret = await store.find({ name: 'oauth', scope: 'user', expand: ['payload'] }, { signal });
    // @ts-expect-error payload is string | undefined
    const payload: string = secret.payload;
    void payload;
    return secret.payload ?? '';
  } catch (caught) {
    // @ts-expect-error a catch variable is unknown under strict
    void caught.type;
    if (caught instanceof StripeScopeError) {
      const narrowed: Equals<typeof caught.type, 'StripeScopeError'> = true;
      // @ts-expect-error narrowed to the scope error's own type
      const other: 'StripeAbortError' = caught.type;
      void [narrowed, other];
      return `refused by the scope rule: ${caught.message}`;
    }
    if (caught instanceof StripeAbortError) {
      const narrowed: Equals<typeof caught.type, 'StripeAbortError'> = true;
      void narrowed;
      return 'aborted';
    }
    if (caught instanceof StripeInvalidRequestError && caught.code === 'not_initialized') {
      return 'init() first';
    }
    if (caught instanceof StripeError) {
      const type: SecretStoreErrorType = caught.type;
      const fields: [string | undefined, string | undefined, number | undefined, string | undefined] = [
        caught.code,
        caught.param,
        caught.statusCode,
        caught.requestId,
      ];
      const isError: Error = caught;
      void [fields, isError];
      return type;
    }
    throw caught;
  }
}
