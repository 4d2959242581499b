// stripe-apps-secrets/react: hooks for a view, over a secret or over a token
// of stripe-apps-secrets/tokens. React is the app's (an optional peer
// dependency: only this entry imports it). The entry imports no engine:
// the view hands it the store or the token helper it already has.
export { useSecret, useToken } from './hooks.js';
