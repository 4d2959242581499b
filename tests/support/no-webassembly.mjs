// Preload (node --import) for the Node suites on a Node without
// WebAssembly. Not --jitless: Node's own fetch (undici) parses HTTP with a
// wasm build of llhttp, so there fetch itself fails. Here one request warms
// undici (it keeps its compiled parser), then `WebAssembly` is deleted from
// the global scope before the suite imports the package.
import { createServer } from 'node:http';

const server = createServer((_, res) => res.end('ok'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
await (await fetch(`http://127.0.0.1:${server.address().port}/`)).text();
await new Promise((resolve) => server.close(resolve));
delete globalThis.WebAssembly;
