// stripe-apps-secrets/inline-js: the main entry's API in one file, with the JS engine only,
// ready on import.
export * from './stripe_apps_secrets_core.js';

/** Resolves once an engine is ready (one is, on import); rejects with why none could start. */
export default function init(): Promise<void>;

/** Which engine runs the stores: 'wasm', 'js', or `undefined` if none could start. */
export function engine(): 'wasm' | 'js' | undefined;

/** Kept for code written for the main entry: an engine is ready on import. Throws why none could start, if none could. */
export function initSync(): void;
