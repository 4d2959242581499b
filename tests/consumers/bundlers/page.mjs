// Test helper: the HTML page of a bundled consumer (tests/consumers/bundlers)
// and a visit to it in Chromium, recording every failed response.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage } from '../../support/browser.mjs';

export function writePage(dir, { bundler, script, module = false }) {
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="en" data-bundler="${bundler}">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src data:; script-src 'self' 'wasm-unsafe-eval'" />
    <link rel="icon" href="data:," />
    <title>stripe-apps-secrets bundled by ${bundler}</title>
  </head>
  <body>
    <p id="status">loading…</p>
    <script ${module ? 'type="module" ' : ''}src="${script}"></script>
  </body>
</html>
`,
  );
}

/** Opens `url`, waits for #status to settle; returns its status and text, the failed responses and console errors. */
export async function visit(browser, url) {
  const errors = [];
  const failed = [];
  const wasm = [];
  const page = await openPage(browser, errors);
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
    else if (response.url().endsWith('.wasm')) wasm.push(response.headers()['content-type']);
  });
  await page.goto(url);
  await page.waitForSelector('[data-status]', { timeout: 15_000 });
  const result = {
    status: await page.getAttribute('#status', 'data-status'),
    text: await page.textContent('#status'),
    failed,
    wasm,
    errors,
  };
  await page.close();
  return result;
}
