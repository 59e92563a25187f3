// Reading never throws on workbook content, and the parts always sum to their totals (properties).

import fc from "fast-check";
import { type Cell, type Grid, analyze, toCheckJson } from "../../src/core";

const words = [
  "Uppgifter",
  "Partnerskap",
  "Organisation",
  "Organisationsnummer",
  "802002-8638",
  "Avtalsperiod från",
  "Avtalsperiod till",
  "OH-sats",
  "Överskott 2023",
  "Tolerans",
  "Period",
  "juli–december 2025",
  "2025-H1",
  "Kostnadsslag",
  "Post",
  "Tjänstgöringsgrad",
  "Antal månader",
  "Månadskostnad",
  "Budget",
  "Utfall",
  "Differens",
  "Status",
  "Lön",
  "Verksamhet",
  "OH",
  "OH-kostnader",
  "Summa",
  "Totalt",
  "275 %",
  "10%",
  "1 925 000 kr",
  "45 000:-",
  "(73 375)",
  "−73 375",
  "ca 40 000",
  "se ovan",
  "",
  " ",
  "#REF!",
  '=HYPERLINK("x")',
  "juni 2025",
  "2025-07-01",
  "Lönekostnader: Hälsofrämjare",
  "Ej förbrukat överskott 2023",
  "Återbetalning senast",
  "Återrapportering senast",
];
const formats = [
  undefined,
  "0%",
  "yyyy-mm-dd",
  "#,##0",
  "General",
  "0.00",
  '#,##0 "kr"',
];

const cell: fc.Arbitrary<Cell | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({
    t: fc.constant("n" as const),
    v: fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer({ min: -1e7, max: 1e7 }),
      fc.constantFrom(0.1, 2.75, 6, 45000, 45839, 46203),
    ),
    fmt: fc.constantFrom(...formats),
  }),
  fc.record({
    t: fc.constant("s" as const),
    v: fc.oneof(fc.constantFrom(...words), fc.string()),
  }),
  fc.record({ t: fc.constant("b" as const), v: fc.boolean() }),
  fc.record({
    t: fc.constant("e" as const),
    v: fc.constantFrom("#REF!", "#DIV/0!", "#N/A"),
  }),
  fc.record({
    t: fc.constant("z" as const),
    v: fc.constant(null),
    f: fc.constantFrom("SUM(A1)", ""),
  }),
) as fc.Arbitrary<Cell | undefined>;

const grid: fc.Arbitrary<Grid> = fc.record({
  name: fc.oneof(
    fc.constantFrom(
      "Uppgifter",
      "Budget 2025 H2",
      "Budget 2026 H1",
      "2024-H1",
      "Halvår 2 2024",
      "Beslut",
      "Blad1",
      "Budget 2025",
    ),
    fc.string({ maxLength: 31 }),
  ),
  rows: fc.array(
    fc.oneof(fc.constant(undefined), fc.array(cell, { maxLength: 10 })),
    { maxLength: 14 },
  ),
  merges: fc.array(
    fc.record({
      top: fc.nat(10),
      left: fc.nat(5),
      bottom: fc.nat(12),
      right: fc.nat(8),
    }),
    { maxLength: 2 },
  ),
});

const HEADER_WORDS = [
  "Kostnadsslag",
  "Tjänstgöringsgrad",
  "Antal månader",
  "Månadskostnad",
  "Utfall",
  "Differens",
  "Status",
];
const amountCell: fc.Arbitrary<Cell | undefined> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("n" as const),
      v: fc.oneof(
        fc.integer({ min: -1000, max: 2_000_000 }),
        fc.constantFrom(0.5, 2.75, 6, 7, 0),
      ),
      fmt: fc.constantFrom(undefined, "0%", "#,##0"),
    }),
  },
  { weight: 1, arbitrary: cell },
) as fc.Arbitrary<Cell | undefined>;

/** Grids shaped like budget sheets (a header with Post and Budget, then lines), so the figures are exercised. */
const budgetGrid: fc.Arbitrary<Grid> = fc
  .tuple(
    fc.constantFrom(
      "Budget 2025 H2",
      "Budget 2026 H1",
      "2024-H1",
      "Halvår 2 2024",
      "Budget 2025 H1",
    ),
    fc.shuffledSubarray(HEADER_WORDS),
    fc.nat(3),
    fc.array(
      fc.tuple(
        fc.constantFrom(
          "Lön",
          "Verksamhet",
          "OH",
          "Övrigt",
          "Summa",
          "",
          "Lönekostnader: X",
        ),
        fc.array(amountCell, { minLength: 6, maxLength: 6 }),
      ),
      { maxLength: 12 },
    ),
  )
  .map(([name, headers, titleRows, lines]) => {
    const columns = ["Post", "Budget", ...headers];
    const rows: (Cell | undefined)[][] = Array.from(
      { length: titleRows },
      () => [{ t: "s", v: "Titel" }],
    );
    rows.push(columns.map((h) => ({ t: "s" as const, v: h })));
    lines.forEach(([label, cells], i) =>
      rows.push([
        { t: "s", v: label ? `${label} ${i % 3}` : "" },
        ...cells.slice(0, columns.length - 1),
      ]),
    );
    return { name, rows };
  });

const details: fc.Arbitrary<Grid> = fc
  .tuple(
    fc.constantFrom<Cell>(
      { t: "n", v: 0.1, fmt: "0%" },
      { t: "s", v: "10 %" },
      { t: "n", v: 12.5 },
      { t: "s", v: "tio" },
    ),
    fc.constantFrom("2024-01-01", "2025-07-01"),
    fc.constantFrom("2025-12-31", "2026-06-30"),
  )
  .map(([rate, start, end]) => ({
    name: "Uppgifter",
    rows: [
      [{ t: "s", v: "OH-sats" }, rate],
      [
        { t: "s", v: "Avtalsperiod från" },
        { t: "s", v: start },
      ],
      [
        { t: "s", v: "Avtalsperiod till" },
        { t: "s", v: end },
      ],
      [
        { t: "s", v: "Överskott 2023" },
        { t: "n", v: 1000 },
      ],
    ],
  }));

const workbook = fc.oneof(
  fc.array(grid, { maxLength: 5 }),
  fc
    .tuple(details, fc.array(budgetGrid, { minLength: 1, maxLength: 4 }))
    .map(([d, g]) => [d, ...g]),
);

describe("robustness", () => {
  test("reading never throws on random grids, and the figures always add up", () => {
    let exercised = 0;
    fc.assert(
      fc.property(workbook, (sheets) => {
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
