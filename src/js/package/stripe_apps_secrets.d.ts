// stripe-apps-secrets, the main entry's types (the Node entry shares them).
// The classes and their parameters are generated from the Rust
// (src/js/types.rs) into stripe_apps_secrets_core.d.ts.
export * from './stripe_apps_secrets_core.js';

/** The .wasm: its bytes, a compiled `WebAssembly.Module`, or where to fetch it (a URL or a string). */
export type InitInput = ArrayBuffer | ArrayBufferView | string | { readonly href: string } | object;

/**
 * Compiles and instantiates the .wasm, once; later calls share the result.
 * Where WebAssembly cannot compile, loads the JS engine instead.
 */
export default function init(input?: { module_or_path?: InitInput | Promise<InitInput>; engine?: 'wasm' | 'js' }): Promise<void>;

/** Which engine runs the stores: the wasm, the JS engine, or `undefined` before init. */
export function engine(): 'wasm' | 'js' | undefined;

/** The synchronous form of `init()`, given the .wasm's bytes or compiled module. */
export function initSync(input: { module: ArrayBuffer | ArrayBufferView | object }): void;
