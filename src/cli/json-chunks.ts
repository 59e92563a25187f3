// JSON text in pieces, equal to JSON.stringify's: a `check --json` of 100 000 lines is 24 MB of
// text, which as one string (and once more as the bytes written) would double what the command
// holds at its peak. Large arrays are written in slices of a few hundred elements, each one
// JSON.stringify call, so that the pieces cost no more time than the whole.

import type { Lazy } from "../core";

const SLICE = 256;

/**
 * An array whose elements are made only as they are written (JSON.stringify cannot write it): the
 * core's Lazy, marked as one to write as an array.
 */
export class LazyList<T> implements Lazy<T> {
  constructor(
    readonly count: number,
    readonly at: (index: number) => T,
  ) {}

  static of<T>(lazy: Lazy<T>): LazyList<T> {
    return new LazyList(lazy.count, lazy.at);
  }
}

/**
 * Whether a value holds, within a few levels, an array too long to write in one piece. An array's
 * elements are judged by its first: the arrays written here hold elements of one shape (lines,
 * periods), and looking at all of them would cost as much as writing them.
 */
function holdsLarge(v: unknown, depth = 3): boolean {
  if (v instanceof LazyList) return true;
  if (Array.isArray(v))
    return (
      v.length > SLICE ||
      (depth > 0 && v.length > 0 && holdsLarge(v[0], depth - 1))
    );
  if (v === null || typeof v !== "object" || depth === 0) return false;
  for (const k in v)
    if (holdsLarge((v as Record<string, unknown>)[k], depth - 1)) return true;
  return false;
}

/**
 * The JSON text of a plain data value (no toJSON, no cycles), as JSON.stringify writes it, in
 * pieces; a LazyList is written as the array of its elements.
 */
export function* jsonChunks(value: unknown): Generator<string> {
  if (!holdsLarge(value)) {
    yield JSON.stringify(value) ?? "null";
    return;
  }
  if (value instanceof LazyList || Array.isArray(value)) {
    // Written a slice at a time; a LazyList's elements are made a slice at a time too, and die young.
    const list: LazyList<unknown> | unknown[] = value;
    const length = list instanceof LazyList ? list.count : list.length;
    yield "[";
    for (let i = 0; i < length; i += SLICE) {
      const slice =
        list instanceof LazyList
          ? Array.from({ length: Math.min(SLICE, length - i) }, (_, k) =>
              list.at(i + k),
            )
          : list.slice(i, i + SLICE);
      if (i > 0) yield ",";
      if (holdsLarge(slice[0]))
        for (let k = 0; k < slice.length; k++) {
          if (k > 0) yield ",";
          // undefined, a function or a symbol in an array is null, as JSON.stringify writes it.
          yield* jsonChunks(slice[k] ?? null);
        }
      else yield JSON.stringify(slice).slice(1, -1);
    }
    yield "]";
    return;
  }
  yield "{";
  let first = true;
  for (const [k, x] of Object.entries(value as object)) {
    if (x === undefined || typeof x === "function" || typeof x === "symbol")
      continue; // left out, as JSON.stringify does
    yield `${first ? "" : ","}${JSON.stringify(k)}:`;
    first = false;
    yield* jsonChunks(x);
  }
  yield "}";
}
