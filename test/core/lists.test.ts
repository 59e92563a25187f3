import fc from "fast-check";
import { append, largest, smallest } from "../../src/core/lists";

test("largest and smallest are Math.max and Math.min, for lists of any length", () => {
  fc.assert(
    fc.property(fc.array(fc.double()), (xs) => {
      expect(largest(xs)).toBe(Math.max(...xs));
      expect(smallest(xs)).toBe(Math.min(...xs));
    }),
  );
  for (const xs of [
    [-0, 0],
    [0, -0],
    [NaN, 1],
    [1, NaN, 2],
  ]) {
    expect(largest(xs)).toBe(Math.max(...xs));
    expect(smallest(xs)).toBe(Math.min(...xs));
  }
  const long = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_007);
  expect(largest(long)).toBe(long.reduce((a, b) => Math.max(a, b)));
  expect(smallest(long)).toBe(long.reduce((a, b) => Math.min(a, b)));
});

test("append adds every item in order, more than a call has room for", () => {
  const list = ["a"];
  append(list, ["b", "c"]);
  expect(list).toEqual(["a", "b", "c"]);
  const many = Array.from({ length: 300_000 }, (_, i) => String(i));
  append(list, many);
  expect(list).toHaveLength(300_003);
  expect(list[300_002]).toBe("299999");
});
