// The errors of the token helper: the package's own classes, from its public
// entry (one copy of them in an app's bundle, and `instanceof` as for any
// other error of the package). Their messages name what was wrong and what
// to do; never anything of a token.
import { StripeInvalidRequestError } from 'stripe-apps-secrets';

/** A `StripeInvalidRequestError` with `code` and `param`, made here: nothing was sent. */
export const invalid = (code, param, message) => new StripeInvalidRequestError('StripeInvalidRequestError', message, code, param);
