// The types of every entry of stripe-apps-secrets (the bare import, `bundler`,
// `inline-wasm`, `inline-js`; ESM and CommonJS). scripts/finish-pkg.mjs ships
// this file as pkg/index.d.ts and pkg/index.d.cts, with the classes and their
// parameters, generated from the Rust (src/js/types.rs), in place of this line:
export * from './stripe_apps_secrets_core.js';

/** The .wasm: its bytes, a compiled `WebAssembly.Module`, or where to fetch it (a URL or a string). */
export type InitInput = ArrayBuffer | ArrayBufferView | string | { readonly href: string } | object;

/**
 * Resolves once an engine runs. The bare import and `inline-*` start theirs
 * on import, so this resolves at once, or rejects with why none could start.
 * `stripe-apps-secrets/bundler` loads one here, once: the .wasm (from
 * `module_or_path`, else from beside its file), or the JS engine where
 * WebAssembly cannot compile; `engine` picks one.
 */
export default function init(input?: { module_or_path?: InitInput | Promise<InitInput>; engine?: 'wasm' | 'js' }): Promise<void>;

/** Which engine runs the stores: the wasm, the JS engine, or `undefined` before one starts. */
export function engine(): 'wasm' | 'js' | undefined;

/**
 * `init()` from the .wasm's bytes or compiled module, synchronously
 * (`stripe-apps-secrets/bundler`; the other entries need no argument and
 * throw why no engine could start, if none could).
 */
export function initSync(input?: { module: ArrayBuffer | ArrayBufferView | object }): void;
