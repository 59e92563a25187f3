// Random workbooks for the property tests: cells of every kind, and sheets shaped like the
// partner's (details, half-years with lines, the add-in's own sheets and a person's of their names).

import fc from "fast-check";
import { type Cell, type Grid, type Merge, formulaShape } from "../../src/core";
import { RATES_NOTE } from "../../src/core/plan/rates";
import { HEADERS, SALARY_HEADERS } from "./seed";

export const WORDS = [
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
  ...HEADERS,
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

const FORMATS = [
  undefined,
  "0%",
  "yyyy-mm-dd",
  "#,##0",
  "General",
  "0.00",
  '#,##0 "kr"',
];

/** Any cell: numbers (NaN and infinities too), words of the domain and random text, booleans, errors. */
export const anyCell: fc.Arbitrary<Cell | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({
    t: fc.constant("n" as const),
    v: fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer({ min: -1e7, max: 1e7 }),
      fc.constantFrom(0.1, 2.75, 6, 45000, 45839, 46203),
    ),
    fmt: fc.constantFrom(...FORMATS),
  }),
  fc.record({
    t: fc.constant("s" as const),
    v: fc.oneof(fc.constantFrom(...WORDS), fc.string()),
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

/** Any sheet: names of the domain or random, rows of any cells, merges. */
export const anyGrid: fc.Arbitrary<Grid> = fc.record({
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
    fc.oneof(fc.constant(undefined), fc.array(anyCell, { maxLength: 10 })),
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

/** `Uppgifter` with an OH rate of several kinds, the agreement's period and a surplus. */
export const detailsGrid: fc.Arbitrary<Grid> = fc
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

const HALF_YEAR_NAMES = [
  "Budget 2025 H2",
  "Budget 2026 H1",
  "2024-H1",
  "Halvår 2 2024",
  "Budget 2025 H1",
];

const OPTIONAL_HEADERS = [
  "Kostnadsslag",
  "Tjänstgöringsgrad",
  "Antal månader",
  "Månadskostnad",
  "Utfall",
  "Differens",
  "Status",
];

const LINE_LABELS = [
  "Lön",
  "Verksamhet",
  "OH",
  "Övrigt",
  "Summa",
  "",
  "Lönekostnader: X",
];

/** Mostly amounts and the figures of a salary line; sometimes any cell. */
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
  { weight: 1, arbitrary: anyCell },
) as fc.Arbitrary<Cell | undefined>;

/**
 * Half-year sheets: a header with Post and Budget and some of the other columns (after a few title
 * rows), then lines of the given cells.
 */
export function halfYearGrid(
  lineCell: fc.Arbitrary<Cell | undefined> = amountCell,
): fc.Arbitrary<Grid> {
  return fc
    .tuple(
      fc.constantFrom(...HALF_YEAR_NAMES),
      fc.shuffledSubarray(OPTIONAL_HEADERS),
      fc.nat(3),
      fc.array(
        fc.tuple(
          fc.constantFrom(...LINE_LABELS),
          fc.array(lineCell, { minLength: 8, maxLength: 8 }),
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
}

/** A workbook of any sheets, or details and half-years. */
export const anyWorkbook: fc.Arbitrary<Grid[]> = fc.oneof(
  fc.array(anyGrid, { maxLength: 5 }),
  fc
    .tuple(
      detailsGrid,
      fc.array(halfYearGrid(), { minLength: 1, maxLength: 4 }),
    )
    .map(([d, g]) => [d, ...g]),
);

const ref = fc
  .tuple(fc.constantFrom("B", "C", "D", "E", "F", "G", "H", "I"), fc.nat(14))
  .map(([col, row]) => `${col}${row + 1}`);

/**
 * Formulas of the shapes the add-in writes (SPEC §7: the salary and OH formulas, Differens,
 * Status, the Summa row's SUM, the SUMIF over Lönekalkyl), over any cells: the add-in's own.
 */
export const ownShapedFormula: fc.Arbitrary<string> = fc
  .tuple(ref, ref, ref, fc.nat(6))
  .map(
    ([a, b, c, k]) =>
      [
        `ROUND(${a}*${b}*${c},0)`,
        `ROUND(${a}/100*${b}*${c},0)`,
        `ROUND('Uppgifter'!$B$1*SUM(${a}:${b}),0)`,
        `IF(${a}="","",${b}-${a})`,
        `IF(${a}="","",IF(${a}>${b},"Överskriden","Inom budget"))`,
        `SUM(${a}:${b})`,
        `SUMIF('Lönekalkyl'!$A$4:$A$6,${a},'Lönekalkyl'!$H$4:$H$6)`,
      ][k]!,
  );

/** The shapes of the formulas the add-in owns, as SPEC §7 lists them: such a cell may be rewritten. */
export const OWN_SHAPES: ReadonlySet<string> = new Set(
  [
    "ROUND(C5*D5*E5,0)",
    "ROUND(C5/100*D5*E5,0)",
    "ROUND('Uppgifter'!$B$7*SUM(F4:F6),0)",
    'IF(G5="","",F5-G5)',
    'IF(G5="","",IF(G5>F5,"Överskriden","Inom budget"))',
    "SUM(F4:F9)",
    "SUMIF('Lönekalkyl'!$A$4:$A$6,B4,'Lönekalkyl'!$H$4:$H$6)",
    `SUMIFS('Lönekalkyl'!$E$4:$E$6,'Lönekalkyl'!$A$4:$A$6,B4,'Lönekalkyl'!$H$4:$H$6,">0")`,
  ].map(formulaShape),
);

/** A cost formula of Lönekalkyl's own column: it reads Avgiftssatser (its shape follows the period). */
export const isOwnCostFormula = (f: string): boolean =>
  f.includes("Avgiftssatser");

/**
 * Whether a cell holds something a person put there: a value, or a formula that is not the
 * add-in's own (the add-in may rewrite those).
 */
export function isPersons(cell: Cell | undefined): boolean {
  if (cell?.f !== undefined) return !isAddInsFormula(cell.f);
  return !holdsNothing(cell);
}

/** A formula the add-in owns (SPEC §7): one of its shapes, or a cost formula of Lönekalkyl. */
export function isAddInsFormula(f: string): boolean {
  return OWN_SHAPES.has(formulaShape(f)) || isOwnCostFormula(f);
}

/** No value and no formula (a formula whose value is "" is a person's work too). */
export function holdsNothing(cell: Cell | undefined): boolean {
  return (
    cell === undefined ||
    (!cell.f && (cell.t === "z" || (cell.t === "s" && cell.v.trim() === "")))
  );
}

/**
 * Formulas of other shapes: a person's, which are kept. "" is a shared formula's cell whose first
 * cell the file lacks (read as SHARED_DEPENDANT).
 */
export const personsFormula: fc.Arbitrary<string> = fc
  .tuple(ref, ref, fc.nat(6))
  .map(
    ([a, b, k]) =>
      [
        `${a}*2`,
        `ROUND(${a},0)`,
        `${a}+${b}`,
        `"x"&${a}`,
        `SUM(${a}:${b})*1.25`,
        `IF(${a}>0,${b},0)`,
        "",
      ][k]!,
  );

/** A formula cell with a cached number, text or nothing. */
function formulaCell(f: fc.Arbitrary<string>): fc.Arbitrary<Cell> {
  return fc
    .tuple(
      f,
      fc.oneof(
        fc.integer({ min: -1000, max: 2_000_000 }),
        fc.constantFrom("", "Inom budget", "Överskriden"),
        fc.constant(null),
      ),
    )
    .map(([formula, v]): Cell => {
      const shared = formula === "" ? "(shared)" : formula;
      if (v === null) return { t: "z", v: null, f: shared };
      return typeof v === "number"
        ? { t: "n", v, f: shared }
        : { t: "s", v, f: shared };
    });
}

/** A line's cell where a person may have typed anything, or left a formula: the add-in's or theirs. */
export const typedOrFormulaCell: fc.Arbitrary<Cell | undefined> = fc.oneof(
  { weight: 4, arbitrary: amountCell },
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("s" as const),
      v: fc.constantFrom("Inom budget", "Överskriden", "se ovan", " ", "x"),
    }),
  },
  { weight: 2, arbitrary: formulaCell(ownShapedFormula) },
  { weight: 2, arbitrary: formulaCell(personsFormula) },
);

/** A sheet of the add-in's name that is the add-in's (its mark in A1 or A2), or a person's. */
export const namesakeGrid: fc.Arbitrary<Grid> = fc.constantFrom<Grid>(
  {
    name: "Beslut",
    rows: [
      [{ t: "s", v: "Beslutsunderlag" }],
      [
        {
          t: "s",
          v: "Skapat 2026-01-01 10:00 av iop-budget 1.0.0 från a.xlsx. Bladet skrivs om vid varje beräkning.",
        },
      ],
    ],
  },
  { name: "Beslut", rows: [[{ t: "s", v: "Mitt eget beslut" }]] },
  { name: "Avgiftssatser", rows: [[{ t: "s", v: RATES_NOTE }]] },
  {
    name: "Avgiftssatser",
    rows: [
      [
        { t: "s", v: "Mina satser" },
        { t: "n", v: 0.3142 },
      ],
    ],
  },
);

const serial = (iso: string): Cell => ({
  t: "n",
  v: Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569,
  fmt: "yyyy-mm-dd",
});

/** A cost cell of Lönekalkyl: typed, empty, the add-in's formula (it reads Avgiftssatser) or a person's. */
const costCell: fc.Arbitrary<Cell | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ t: fc.constant("n" as const), v: fc.nat(400_000) }),
  fc.constant<Cell>({
    t: "n",
    v: 1000,
    f: "ROUND(1*($D4*(1+0.06)+'Avgiftssatser'!$B$4*$D4),0)",
  }),
  formulaCell(personsFormula),
);

/**
 * `Lönekalkyl`: persons on the posts of salary lines ("Lön 0"…), and cost columns of some
 * half-years already there, holding typed figures, the add-in's formulas or a person's.
 */
const salaryGrid: fc.Arbitrary<Grid> = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom("Lön 0", "Lön 1", "Lön 2", "Lönekostnader: X 0"),
        fc.integer({ min: 1950, max: 2008 }),
        fc.integer({ min: 15_000, max: 60_000 }),
        fc.constantFrom(1, 0.5, 0.75, 2.75),
        fc.constantFrom("2024-01-01", "2025-03-01"),
        fc.constantFrom<string | null>(null, "2025-12-31"),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    fc.shuffledSubarray([
      "Kostnad 2025-H2",
      "Kostnad 2026-H1",
      "Kostnad 2024-H1",
    ]),
    fc.array(fc.array(costCell, { minLength: 3, maxLength: 3 }), {
      minLength: 4,
      maxLength: 4,
    }),
  )
  .map(([persons, costHeaders, costs]) => {
    const header = [...SALARY_HEADERS, ...costHeaders].map((v): Cell => ({
      t: "s",
      v,
    }));
    return {
      name: "Lönekalkyl",
      rows: [
        [{ t: "s", v: "Lönekalkyl" }],
        [],
        header,
        ...persons.map(([post, born, pay, grade, from, to], i) => [
          { t: "s" as const, v: post },
          { t: "s" as const, v: `Person ${i}` },
          { t: "n" as const, v: born },
          { t: "n" as const, v: pay },
          { t: "n" as const, v: grade, fmt: "0%" },
          serial(from),
          to === null ? undefined : serial(to),
          ...costs[i]!.slice(0, costHeaders.length),
        ]),
      ],
    };
  });

const overlaps = (a: Merge, b: Merge): boolean =>
  a.top <= b.bottom &&
  b.top <= a.bottom &&
  a.left <= b.right &&
  b.left <= a.right;

/**
 * A sheet with merged areas as Excel keeps them: of more than one cell, none overlapping another,
 * and holding only their top-left cell's content (merging clears the rest). Often a comment right
 * of a table, merged across columns, or a column's cells merged down; sometimes inside the table.
 */
export function withMerges(grid: fc.Arbitrary<Grid>): fc.Arbitrary<Grid> {
  const area = fc
    .tuple(fc.nat(12), fc.nat(11), fc.nat(3), fc.nat(3))
    .filter(([, , h, w]) => h + w > 0)
    .map(([top, left, h, w]): Merge => ({
      top,
      left,
      bottom: top + h,
      right: left + w,
    }));
  return fc
    .tuple(grid, fc.array(area, { maxLength: 3 }), fc.string({ maxLength: 3 }))
    .map(([g, areas, note]) => {
      const merges: Merge[] = [];
      for (const m of areas)
        if (!merges.some((k) => overlaps(k, m))) merges.push(m);
      if (merges.length === 0) return g;
      const rows = g.rows.map((row) => (row ? [...row] : row));
      for (const m of merges) {
        for (let r = m.top; r <= m.bottom; r++)
          for (let c = m.left; c <= m.right; c++)
            if ((r > m.top || c > m.left) && rows[r]?.[c] !== undefined)
              rows[r]![c] = undefined;
        // Now and then the area holds a note a person wrote (the rest of the time it is a look).
        if (note && !rows[m.top]?.[m.left])
          (rows[m.top] ??= [])[m.left] = { t: "s", v: `Not ${note}` };
      }
      return { ...g, rows, merges };
    });
}

/**
 * Details, half-years whose lines hold typed values, the add-in's formulas and a person's, often
 * `Lönekalkyl`, and now and then a sheet named as the add-in's own ones (theirs or a person's).
 * The half-years and `Lönekalkyl` have merged areas now and then.
 */
export const formulaWorkbook: fc.Arbitrary<Grid[]> = fc
  .tuple(
    detailsGrid,
    fc.uniqueArray(withMerges(halfYearGrid(typedOrFormulaCell)), {
      minLength: 1,
      maxLength: 3,
      selector: (g) => g.name,
    }),
    fc.uniqueArray(namesakeGrid, { maxLength: 2, selector: (g) => g.name }),
    fc.option(withMerges(salaryGrid), { nil: undefined }),
  )
  .map(([d, halves, namesakes, salaries]) => [
    d,
    ...(salaries ? [salaries] : []),
    ...halves,
    ...namesakes,
  ]);

/**
 * The workbook with rows hidden (or filtered out) and columns hidden now and then: a few of each
 * sheet's first rows (lines, headers and blank rows alike) and first columns, as a person hides
 * them.
 */
export const withHiddenCells = (sheets: Grid[]): fc.Arbitrary<Grid[]> =>
  fc
    .tuple(
      ...sheets.map(() =>
        fc.tuple(
          fc
            .uniqueArray(fc.nat(12), { maxLength: 6 })
            .map((r) => r.sort((a, b) => a - b)),
          fc
            .uniqueArray(fc.nat(7), { maxLength: 2 })
            .map((c) => c.sort((a, b) => a - b)),
        ),
      ),
    )
    .map((hidden) =>
      sheets.map((g, i) => {
        const [rows, columns] = hidden[i]!;
        return {
          ...g,
          ...(rows.length > 0 ? { hiddenRows: rows } : {}),
          ...(columns.length > 0 ? { hiddenColumns: columns } : {}),
        };
      }),
    );

/**
 * The workbook with each formula's value typed in its place. Excel and Calc work a formula's value
 * out again where a file holds the value last saved, and random cells' saved values are not what
 * their formulas give: a test that compares with either starts from values.
 */
export const valuesOnly = (sheets: Grid[]): Grid[] =>
  sheets.map((g) => ({
    ...g,
    rows: g.rows.map((row) =>
      row?.map((c): Cell | undefined => {
        if (c?.f === undefined) return c;
        const { f: _formula, ...value } = c;
        return value.t === "z" ? undefined : value;
      }),
    ),
  }));
