// Runs before the app: a browser without WebAssembly (Lockdown Mode, WebAssembly switched off).
delete globalThis.WebAssembly;
