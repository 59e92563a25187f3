// JSON text in pieces of about 64 KB, equal to JSON.stringify's: a `check --json` of 100 000 lines
// is 24 MB of text, which as one string (and once more as the bytes written) would double what the
// command holds at its peak.

const CHUNK = 64 * 1024;

const isObject = (v: unknown): v is object =>
  v !== null && typeof v === "object";

/** The JSON text of a plain data value (no toJSON, no cycles), as JSON.stringify writes it, in pieces. */
export function* jsonChunks(value: unknown): Generator<string> {
  let buffer = "";
  // Arrays, and objects holding arrays or objects, are walked; anything flat is one JSON.stringify.
  function* walk(v: unknown, inArray: boolean): Generator<string> {
    if (Array.isArray(v)) {
      buffer += "[";
      for (let i = 0; i < v.length; i++) {
        if (i > 0) buffer += ",";
        yield* walk(v[i], true);
      }
      buffer += "]";
    } else if (isObject(v) && Object.values(v).some(isObject)) {
      buffer += "{";
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined || typeof x === "function" || typeof x === "symbol")
          continue; // as JSON.stringify
        buffer += `${first ? "" : ","}${JSON.stringify(k)}:`;
        first = false;
        yield* walk(x, false);
      }
      buffer += "}";
    } else {
      // undefined, a function or a symbol: null in an array, left out of an object (above).
      buffer += JSON.stringify(v) ?? (inArray ? "null" : "");
    }
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = "";
    }
  }
  yield* walk(value, true);
  if (buffer) yield buffer;
}
