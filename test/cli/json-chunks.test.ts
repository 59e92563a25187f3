import fc from "fast-check";
import { LazyList, jsonChunks } from "../../src/cli/json-chunks";

describe("JSON written in pieces", () => {
  test("the pieces join to exactly JSON.stringify's text (property)", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(
          fc.record({
            a: fc.option(fc.integer()),
            b: fc.string(),
            c: fc.array(fc.double({ noNaN: true })),
          }),
        ),
        (value, lines) => {
          for (const v of [
            value,
            { file: "x", periods: [{ lines }], list: lines, u: undefined },
          ])
            expect([...jsonChunks(v)].join("")).toBe(JSON.stringify(v));
        },
      ),
    );
  });

  test("a large value comes in pieces of about 64 KB, none of them the whole", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => ({
      row: i + 2,
      label: `Aktivitet ${i}`,
      budget: i * 37,
      actual: null,
    }));
    const chunks = [
      ...jsonChunks({
        file: "bench.xlsx",
        periods: [{ id: "2020-H1", lines }],
      }),
    ];
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70 * 1024);
    expect(chunks.join("")).toBe(
      JSON.stringify({
        file: "bench.xlsx",
        periods: [{ id: "2020-H1", lines }],
      }),
    );
  });

  test("a lazy list is written as the array of its elements, each made only as it is written", () => {
    const periods = [
      { id: "2025-H2", lines: [{ row: 5 }] },
      { id: "2026-H1", lines: [] },
    ];
    const made: number[] = [];
    const chunks = jsonChunks({
      file: "x",
      periods: new LazyList(periods.length, (i) => (made.push(i), periods[i])),
      n: 1,
    });
    expect(made).toEqual([]);
    const text = [...chunks].join("");
    expect(text).toBe(JSON.stringify({ file: "x", periods, n: 1 }));
    expect(made).toEqual([0, 1]);
  });
});
