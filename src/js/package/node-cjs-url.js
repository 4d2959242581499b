// Injected into node.cjs by scripts/finish-pkg.mjs: the file's own URL, which
// node.js reads as `import.meta.url` to find the .wasm beside it.
export const __node_cjs_url = require('node:url').pathToFileURL(__filename).href;
