// The .wasm that the single-file entries `inline` and `inline-wasm` carry:
// raw deflate (zopfli, at build time) as base64 text, about a quarter
// smaller gzipped than the module as base64 (base64 of compressed bytes
// leaves gzip little to find). It is inflated synchronously, by
// tiny-inflate (about 460 B gzip smaller in each entry than fflate's
// inflater, at a few milliseconds more), only where the wasm is tried, so
// start-up stays synchronous on import in every realm (DecompressionStream
// is asynchronous, and absent in jsdom).
//
// ./wasm-deflated.js is written by scripts/finish-pkg.mjs at build time:
// the deflated module, the Adler-32 of the deflated bytes, and the module's
// length. A raw deflate stream carries no checksum, and a damaged one may
// still inflate to a module that compiles (a flipped bit in a literal), so
// the stream is checked before it is inflated. Checking the stream rather
// than the module sums 2.5 times fewer bytes, in a loop that runs once,
// cold, at start-up. Only the stream that was built is inflated: the
// checksum refuses any other before tiny-inflate sees it.
import inflate from 'tiny-inflate';
import { misuse } from './secret-store.js';
// ./wasm-deflated.js (generated): the deflated .wasm, its checksum and length, by scripts/finish-pkg.mjs.
import { DEFLATED_WASM, DEFLATED_WASM_ADLER32, WASM_BYTES } from './wasm-deflated.js';

/** The embedded .wasm's bytes; throws a typed `wasm_damaged` error when they are not the module that was built. */
export function embeddedWasm() {
  // No bytes yet: the length check below refuses them.
  let bytes = [];
  try {
    const deflated = decodeBase64(DEFLATED_WASM);
    // Into a buffer of the module's size: a typed array ignores writes
    // past its end, so what a stream holds past the module is never kept,
    // and a shorter stream comes back shorter (the length check below).
    if (adler32(deflated) === DEFLATED_WASM_ADLER32) bytes = inflate(deflated, new Uint8Array(WASM_BYTES));
  } catch {
    // Text that is not base64, or a stream tiny-inflate refuses.
  }
  if (bytes.length !== WASM_BYTES) {
    throw misuse('wasm_damaged', 'The .wasm inside this file is damaged: it does not inflate to the module it was built from. Reinstall stripe-apps-secrets and rebuild.');
  }
  return bytes;
}

/** The bytes of `base64`: natively where the engine can, else through `atob`. */
function decodeBase64(base64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Adler-32 (RFC 1950) of `bytes`, as an unsigned integer. */
function adler32(bytes) {
  let a = 1;
  let b = 0;
  // 5552 bytes is the most that can be summed before b passes 2^32 (zlib's NMAX).
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(start + 5552, bytes.length);
    for (let i = start; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return (b * 65536 + a) >>> 0;
}
