// A plain static file server (node:http, nothing else) on a free loopback
// port, as any static host would serve a folder: GET and HEAD of files, a
// Content-Type by extension, 404 for anything else. It records every path
// requested, so a test can show that no API request reached a server.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Serves `root`; resolves with { url, requests: [{ method, path, status }], close() }. */
export async function serveStatic(root, { headers = {} } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    let status = 404;
    if ((req.method === 'GET' || req.method === 'HEAD') && file.startsWith(root + sep) && isFile(file)) {
      status = 200;
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
    requests.push({ method: req.method, path, status });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
