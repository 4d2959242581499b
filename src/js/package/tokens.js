// stripe-apps-secrets/tokens: an OAuth token kept per Dashboard user in the
// Secret Store, refreshed and shared as docs/tokens.md describes. Its own
// entry: an app that does not import it pays nothing for it. It imports the
// error classes from `stripe-apps-secrets` (left a package import in the
// built files), so an app's bundle holds one copy of them, the one its bare
// import brings.
export { tokenStore } from './token-store.js';
export { PAYLOAD_LIMIT } from './token-codec.js';
