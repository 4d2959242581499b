// Copies a .wasm without the named custom sections:
//   node scripts/strip-wasm-section.mjs IN OUT NAME...
// scripts/build-pkg.sh drops `target_features` from the build without
// reference types: the precompiled std of wasm32-unknown-unknown was built
// with them, so the linker lists `+reference-types` there even though this
// crate's code (and wasm-bindgen's runtime in it) was compiled without, and
// wasm-bindgen 0.2.130 would then look for its externref runtime and fail
// ("failed to find the `__wbindgen_externref_table_alloc` function").
// Without the section it detects the features from the exports instead.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, ...names] = process.argv.slice(2);
if (!input || !output || names.length === 0) throw new Error('usage: strip-wasm-section.mjs IN OUT NAME...');
const bytes = readFileSync(input);
if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${input} is not a wasm module`);
const leb = (at) => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
};
const kept = [bytes.subarray(0, 8)];
let at = 8;
while (at < bytes.length) {
  const start = at;
  const id = bytes[at++];
  let size;
  [size, at] = leb(at);
  const end = at + size;
  let keep = true;
  if (id === 0) {
    const [length, nameAt] = leb(at);
    keep = !names.includes(bytes.subarray(nameAt, nameAt + length).toString('utf8'));
  }
  if (keep) kept.push(bytes.subarray(start, end));
  at = end;
}
writeFileSync(output, Buffer.concat(kept));
