// The JS side of src/interop/: how this package reads JS objects and
// builds the ones it hands over, for the JS API (src/js/) and the
// transports (src/transport/) alike. wasm-bindgen links it as a snippet.

/**
 * Makes `key` an own, writable, enumerable data property of `target`.
 * Everything this package hands to JS is built this way, as an object
 * literal, or by assignment while the object has no prototype (`headersOf`,
 * `makeSecret`); never by assignment through a prototype:
 * `target[key] = value` runs a setter that a polluted Object.prototype
 * (or Array.prototype) holds for `key`, which would see the value (a
 * payload, the form body) and keep the own property from being made; and
 * it throws where that prototype holds `key` non-writable, which would
 * leave a promise never settled. The descriptor has no prototype, so an
 * inherited `get` or `set` cannot join it.
 */
export function define(target, key, value) {
  return Object.defineProperty(target, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
}

/** `item` at the end of `array`, defined (see `define`), not pushed. */
export function append(array, item) {
  define(array, array.length, item);
}

/**
 * The `count` headers of `lines` (`name\nvalue\nname\nvalue`,
 * src/js/write.rs) as own data properties of an object with `prototype`,
 * or `undefined` when the lines are not `count` pairs (a transport handed
 * a header with a line feed, which no HTTP header holds). They are
 * assigned while the object has no prototype, where no inherited setter
 * can run (see `define`), and it gets `prototype` last: as safe as
 * `define`, at a third of its cost per call. A header named `__proto__`
 * stays a header.
 */
export function headersOf(lines, count, prototype) {
  const parts = count === 0 ? [] : lines.split('\n');
  if (parts.length !== 2 * count) return undefined;
  const headers = Object.create(null);
  for (let i = 0; i < parts.length; i += 2) headers[parts[i]] = parts[i + 1];
  return Object.setPrototypeOf(headers, prototype);
}

/** What `ownValue` answers for a key the object does not have as its own. */
export const ABSENT = Symbol('absent');
/** What `ownValue` answers for a getter or setter (which it never runs). */
export const ACCESSOR = Symbol('accessor');

/**
 * The own data property `key` of `target`, without running a getter and
 * without looking at prototypes (src/own.rs): one call from the wasm
 * instead of three. Throws what a Proxy trap throws.
 */
export function ownValue(target, key) {
  const found = Object.getOwnPropertyDescriptor(target, key);
  if (found === undefined) return ABSENT;
  // A descriptor is a fresh object: `value` is its own property exactly
  // when it describes data, whatever Object.prototype holds.
  return Object.hasOwn(found, 'value') ? found.value : ACCESSOR;
}

/**
 * The JSON text of `value`, read from own data properties only
 * (`sdkParts` in src/transport/http.js: the SDK's parsed answer goes back to the
 * text the engine reads). `JSON.stringify` would call a `toJSON` that a
 * polluted Object.prototype holds, with the answer and its payload, and
 * write what it returns. As `JSON.stringify` does, members that are
 * `undefined`, functions or symbols are left out (`null` in an array), and
 * so is a value that is one (`undefined` is answered); so is a getter,
 * never run. Nesting is bounded by the engine's parser, which refuses
 * text deeper than it reads; a cycle ends in a RangeError, which the
 * transport reads as a malformed answer, as it reads any throw here.
 */
export function ownJson(value) {
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean' || value === null) return JSON.stringify(value);
  if (type !== 'object') return undefined;
  // Concatenated, not pushed: an inherited index setter sees nothing.
  let text = '';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) text += (i ? ',' : '') + (ownJson(ownValue(value, i)) ?? 'null');
    return `[${text}]`;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const item = ownJson(ownValue(value, keys[i]));
    if (item !== undefined) text += `${text ? ',' : ''}${JSON.stringify(keys[i])}:${item}`;
  }
  return `{${text}}`;
}
