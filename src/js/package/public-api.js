// The package's public names: every entry re-exports this one list.
export { SecretStore, engine } from './secret-store.js';
// ./snippets.js (generated): src/interop/objects.js, src/js/errors.js, src/js/values.js and src/transport/http.js as one module, by scripts/finish-pkg.mjs.
export {
  StripeError,
  StripeInvalidRequestError,
  StripeAuthenticationError,
  StripePermissionError,
  StripeRateLimitError,
  StripeAPIError,
  StripeConnectionError,
  StripeIdempotencyError,
  StripeScopeError,
  StripeAbortError,
} from './snippets.js';
