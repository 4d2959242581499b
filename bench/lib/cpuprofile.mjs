// Summarises a V8 CPU profile (Node inspector or Chrome DevTools protocol):
// self time per call by category, by function, and (when the .wasm keeps
// its name section) by Rust module.

function category(cf) {
  const { functionName: name, url } = cf;
  if (name === '(garbage collector)') return 'GC';
  if (name === '(program)' || name === '(idle)' || name === '(root)') return `V8 ${name}`;
  if (url.includes('.wasm') || /^\$?(wasm-function|func)/.test(name) || url.startsWith('wasm://')) return 'ours: wasm';
  if (url.includes('stripe_apps_secrets.js')) return 'ours: JS glue';
  if (url.includes('sdk-bundle') || url.includes('/sdk.mjs')) return 'SDK + stripe-node';
  if (url.endsWith('/percall.js')) return 'page bundle (SDK, stripe-node, harness)';
  if (url.includes('harness.mjs')) return 'harness (stand-in, loop)';
  if (url === '') return 'V8 builtins / native';
  return url.replace(/^.*\//, '');
}

function rustModule(functionName) {
  const name = functionName.replace(/^<+/, '').replace(/\[[0-9a-f]+\]/g, '');
  if (/^wasm-function|^\$?func/.test(name)) return '(unnamed: the .wasm has no name section)';
  return name.split('::').slice(0, 2).join('::').replace(/ as .*/, '');
}

/** Text report of `profile` covering `calls` calls that took `elapsedMs`. */
export function summariseProfile(profile, { elapsedMs, calls, title }) {
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) || 0) + 1);
  const total = profile.samples.length;
  const byFn = new Map();
  const byCat = new Map();
  const byWasmModule = new Map();
  const add = (map, key, n) => map.set(key, (map.get(key) || 0) + n);
  for (const node of profile.nodes) {
    const n = counts.get(node.id) || 0;
    if (!n) continue;
    const cf = node.callFrame;
    add(byFn, `${cf.functionName || '(anonymous)'}  ${cf.url.replace(/^.*\//, '')}:${cf.lineNumber + 1}`, n);
    const cat = category(cf);
    add(byCat, cat, n);
    if (cat === 'ours: wasm') add(byWasmModule, rustModule(cf.functionName), n);
  }
  const perCall = (n) => ((n / total) * elapsedMs * 1000) / calls;
  const row = (k, n, w) => `  ${k.slice(0, w).padEnd(w)} ${perCall(n).toFixed(2).padStart(7)}  ${((100 * n) / total).toFixed(1).padStart(5)}%`;
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  const L = [`${title}: ${calls} calls, ${((elapsedMs * 1000) / calls).toFixed(2)} µs per call under the profiler; ${total} samples`, ''];
  L.push(`${'by category'.padEnd(42)} µs/call   share`);
  for (const [k, n] of sorted(byCat)) L.push(row(k, n, 40));
  L.push('', `${'top functions by self time'.padEnd(72)} µs/call   share`);
  for (const [k, n] of sorted(byFn).slice(0, 30)) L.push(row(k, n, 70));
  if (byWasmModule.size) {
    L.push('', `${'wasm self time by Rust module'.padEnd(42)} µs/call   share`);
    for (const [k, n] of sorted(byWasmModule).slice(0, 20)) L.push(row(k, n, 40));
  }
  return L.join('\n');
}
