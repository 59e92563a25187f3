// Lists as long as a sheet: a half-year of 150 000 lines is within what is read (5 000 000
// cells), but far more than a call has room for as arguments. Math.max(...rows) or
// out.push(...findings) then throws a RangeError, and the command would have failed at a size it
// accepts. These loop instead.

/** The largest of the numbers; -Infinity for none, as Math.max(). */
export function largest(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values)
    // NaN wins, and +0 is larger than -0, as Math.max has them.
    if (v > max || Number.isNaN(v) || (v === 0 && Object.is(max, -0))) max = v;
  return max;
}

/** The smallest of the numbers; Infinity for none, as Math.min(). */
export function smallest(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values)
    if (v < min || Number.isNaN(v) || (Object.is(v, -0) && min === 0)) min = v;
  return min;
}

/** Adds every item to the end of the list, in order: out.push(...items) for a list of any length. */
export function append<T>(list: T[], items: Iterable<T>): void {
  for (const item of items) list.push(item);
}
