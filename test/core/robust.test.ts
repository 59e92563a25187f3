// Reading never throws on workbook content, and the parts always sum to their totals (properties).

import fc from "fast-check";
import {
  type Cell,
  type Grid,
  analyze,
  planWrite,
  toCheckJson,
} from "../../src/core";
import { STAMP } from "../helpers/compute";
import { anyWorkbook } from "../helpers/arbitraries";

describe("robustness", () => {
  test("reading never throws on random grids, and the figures always add up", () => {
    let exercised = 0;
    fc.assert(
      fc.property(anyWorkbook, (sheets) => {
        const analysis = analyze({ sheets });
        const json = toCheckJson("random.xlsx", analysis);
        expect(() => JSON.stringify(json)).not.toThrow();
        for (const p of analysis.computation.halfYears) {
          expect(p.budget.total).toBe(p.budget.direct + p.budget.overhead);
          const shares = p.lines.reduce((s, l) => s + l.overheadShare, 0);
          if (p.lines.some((l) => l.input.category !== "overhead"))
            expect(shares).toBe(p.budget.overhead);
        }
        const grants = analysis.computation.grants.reduce(
          (s, g) => s + g.amount,
          0,
        );
        expect(grants).toBe(
          analysis.computation.halfYears.reduce(
            (s, h) => s + h.budget.total,
            0,
          ),
        );
        expect(analysis.computation.repayment.total).toBe(
          analysis.computation.repayment.items.reduce(
            (s, i) => s + i.amount,
            0,
          ),
        );
        for (const f of json.findings)
          expect(f.message.length).toBeGreaterThan(0);
        if (analysis.computation.halfYears.some((h) => h.lines.length > 0))
          exercised++;
      }),
      { numRuns: 400 },
    );
    // The property must have met real budget lines, not only empty workbooks.
    expect(exercised).toBeGreaterThan(100);
  });

  test("years add up their reported half-years exactly (property)", () => {
    const line = fc.record({
      budget: fc.integer({ min: 0, max: 5_000_000 }),
      actual: fc.integer({ min: 0, max: 5_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.array(line, { minLength: 1, maxLength: 8 }),
        (h1, h2) => {
          const sheet = (
            name: string,
            lines: { budget: number; actual: number }[],
          ): Grid => ({
            name,
            rows: [
              [
                { t: "s", v: "Post" },
                { t: "s", v: "Budget" },
                { t: "s", v: "Utfall" },
              ],
              ...lines.map((l, i) => [
                { t: "s" as const, v: `Post ${i}` },
                { t: "n" as const, v: l.budget },
                { t: "n" as const, v: l.actual },
              ]),
            ],
          });
          const details: Grid = {
            name: "Uppgifter",
            rows: [
              [
                { t: "s", v: "OH-sats" },
                { t: "n", v: 0.1 },
              ],
            ],
          };
          const a = analyze({
            sheets: [details, sheet("2024 H1", h1), sheet("2024 H2", h2)],
          });
          const [y] = a.computation.years;
          const halves = a.computation.halfYears;
          expect(y!.budget).toBe(
            halves[0]!.budget.total + halves[1]!.budget.total,
          );
          expect(y!.actual).toBe(
            halves[0]!.actual!.eligibleTotal + halves[1]!.actual!.eligibleTotal,
          );
          expect(y!.surplus).toBe(y!.budget - y!.actual);
        },
      ),
    );
  });
});

test("a number no spreadsheet holds (NaN, an infinity) is Excel's #NUM! at its cell, never a crash", () => {
  const sheet = (months: number): Grid => ({
    name: "Budget 2025 H2",
    rows: [
      [
        "Post",
        "Tjänstgöringsgrad",
        "Antal månader",
        "Månadskostnad",
        "Budget",
      ].map((v) => ({ t: "s" as const, v })),
      [
        { t: "s", v: "Lön 0" },
        { t: "n", v: 0.5, fmt: "0%" },
        { t: "n", v: months },
        { t: "n", v: 30000 },
        { t: "n", v: 90000 },
      ],
    ],
  });
  for (const months of [NaN, Infinity, -Infinity]) {
    const findings = analyze({ sheets: [sheet(months)] }).findings.filter(
      (f) => f.cell === "C2",
    );
    expect(findings.map((f) => [f.code, f.params])).toEqual([
      ["CELL_ERROR", { text: "#NUM!" }],
    ]);
  }
});

test("a NaN amount in a sum the plan writes: the sum's cached value is a figure, never NaN", () => {
  const s = (v: string): Cell => ({ t: "s", v });
  const sheets: Grid[] = [
    {
      name: "Uppgifter",
      rows: [[s("OH-sats"), { t: "n", v: 0.1, fmt: "0%" }]],
    },
    {
      name: "Budget 2025 H2",
      rows: [
        [s("Kostnadsslag"), s("Post"), s("Budget")],
        [s("Verksamhet"), s("Hyra"), { t: "n", v: NaN }],
        [s("Verksamhet"), s("Material"), { t: "n", v: 1000 }],
        [s("OH"), s("OH-kostnader")],
        [s("Summa"), s(""), { t: "n", v: 1100 }],
      ],
    },
  ];
  const plan = planWrite({ sheets }, analyze({ sheets }), STAMP);
  const values = plan.edits.flatMap((e) => e.cells.map((c) => c.value));
  expect(values.length).toBeGreaterThan(0);
  for (const v of values) {
    const figure =
      v.kind === "formula" ? v.cached : v.kind === "number" ? v.value : 0;
    expect(Number.isNaN(figure)).toBe(false);
  }
});

// Found by the file property of test/xlsx/never-overwritten.test.ts: a budget of 1.8e306 kr summed
// to Infinity öre beside the OH line, and the plan's check of its OH formula threw in BigInt.
test("a budget past what öre hold (1.8e306 kr) beside an OH line: the plan writes the OH as a figure, never a crash", () => {
  const s = (v: string): Cell => ({ t: "s", v });
  const sheets: Grid[] = [
    {
      name: "Uppgifter",
      rows: [
        [s("OH-sats"), { t: "n", v: 0.1, fmt: "0%" }],
        [s("Avtalsperiod från"), s("2024-01-01")],
        [s("Avtalsperiod till"), s("2025-12-31")],
      ],
    },
    {
      name: "Budget 2025 H2",
      rows: [
        [s("Post"), s("Budget")],
        [s("Lön 0"), { t: "n", v: 1.797693134862316e306 }],
        [s("OH 1"), undefined],
      ],
    },
  ];
  const analysis = analyze({ sheets });
  const plan = planWrite({ sheets }, analysis, STAMP);
  const oh = plan.edits
    .find((e) => e.sheet === "Budget 2025 H2")
    ?.cells.find((c) => c.row === 2 && c.col === 1);
  expect(oh?.value).toEqual({
    kind: "number",
    value: analysis.computation.halfYears[0]!.budget.overhead / 100,
  });
});
