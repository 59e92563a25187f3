// One truth between diff and the figures: what moves a total, a grant or the repayment is a change
// diff names, on random workbooks edited at random cells; and the cases such edits found.

import fc from "fast-check";
import {
  type Cell,
  type Grid,
  type WorkbookDiff,
  analyze,
  diffValueText,
  diffValuesText,
  diffWorkbooks,
  fieldName,
} from "../../src/core";
import { anyCell, formulaWorkbook, valuesOnly } from "../helpers/arbitraries";
import { readXlsx } from "../../src/xlsx/read";
import { reportWorkbook, salaryWorkbook } from "../helpers/seed";
import { type SheetSpec, buildXlsx, kr, pct } from "../helpers/workbook";

/** What a person types over a cell: mostly a number, now and then anything. */
const typed: fc.Arbitrary<Cell | undefined> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .integer({ min: 0, max: 2_000_000 })
      .map((v): Cell => ({ t: "n", v })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(0.5, 1, 2.75, 6, 1980, 2005)
      .map((v): Cell => ({ t: "n", v })),
  },
  { weight: 1, arbitrary: anyCell },
);

/** A workbook and the same with some cells of its sheets' rows set at random. */
const edited = formulaWorkbook.map(valuesOnly).chain((sheets) =>
  fc
    .array(
      fc
        .nat(sheets.length - 1)
        .chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.nat(Math.max(0, sheets[s]!.rows.length - 1)),
            fc.nat(8),
            typed,
          ),
        ),
      { minLength: 1, maxLength: 3 },
    )
    .map((edits) => {
      const next: Grid[] = sheets.map((g) => ({
        ...g,
        rows: g.rows.map((row) => (row ? [...row] : row)),
      }));
      for (const [s, r, c, cell] of edits) {
        const rows = next[s]!.rows as (Cell | undefined)[][];
        (rows[r] ??= [])[c] = cell;
      }
      return {
        before: sheets,
        after: next,
        edits: edits.map(([sheet]) => sheets[sheet]!.name),
      };
    }),
);

const moved = (d: WorkbookDiff): string[] => [
  ...d.effects.halfYears
    .filter((e) => e.old !== e.new)
    .map((e) => `${e.id} ${e.old} → ${e.new}`),
  ...(d.effects.grantTotal.old !== d.effects.grantTotal.new
    ? [`grants ${d.effects.grantTotal.old} → ${d.effects.grantTotal.new}`]
    : []),
  ...(d.effects.repayment.old !== d.effects.repayment.new
    ? [`repayment ${d.effects.repayment.old} → ${d.effects.repayment.new}`]
    : []),
];

test("a change that moves a total, a grant or the repayment is named by diff (random workbooks, random edits)", () => {
  let movedRuns = 0;
  fc.assert(
    fc.property(edited, ({ before, after, edits }) => {
      const d = diffWorkbooks(
        analyze({ sheets: before }),
        analyze({ sheets: after }),
      );
      const effects = moved(d);
      if (effects.length > 0) movedRuns++;
      // No "Inga ändringar" beside totals that moved.
      expect(
        d.changes.length > 0 || effects.length === 0 ? [] : effects,
      ).toEqual([]);
      // One cell typed over: what moved is named in that cell's sheet.
      if (effects.length > 0 && edits.length === 1)
        expect(d.changes.map((c) => c.sheet)).toContain(edits[0]);
      // A version against itself: nothing.
      const same = analyze({ sheets: after });
      expect(diffWorkbooks(same, same).changes).toEqual([]);
    }),
    { numRuns: 1000, seed: 20261208 },
  );
  // The sample moves figures often enough to mean something.
  expect(movedRuns).toBeGreaterThan(60);
});

describe("what such edits found, each named now", () => {
  const salaryChanged = (
    row: number,
    col: number,
    value: SheetSpec["rows"][number][number],
  ): SheetSpec[] =>
    salaryWorkbook().map((s) =>
      s.name !== "Lönekalkyl"
        ? s
        : {
            ...s,
            rows: s.rows.map((r, i) =>
              i === row ? r.map((v, j) => (j === col ? value : v)) : r,
            ),
          },
    );
  const diffOf = async (a: SheetSpec[], b: SheetSpec[]) =>
    diffWorkbooks(
      analyze(readXlsx(await buildXlsx(a))),
      analyze(readXlsx(await buildXlsx(b))),
    );

  test("a monthly salary in Lönekalkyl: the person's cell, their line and name, in kronor", async () => {
    const d = await diffOf(salaryWorkbook(), salaryChanged(3, 3, kr(35000)));
    expect(d.changes).toEqual([
      {
        sheet: "Lönekalkyl",
        cell: "D4",
        line: "Hälsofrämjare",
        person: "Person A",
        field: "monthlySalary",
        old: 32000,
        new: 35000,
      },
    ]);
    expect(moved(d)).toEqual([
      "2026-H1 768682 → 794704",
      "grants 1225631 → 1251653",
    ]);
  });

  // A reviewer asks for an explanation of an overspent line and compares the version sent back.
  test("a line's explanation (Förklaring) written, changed or removed: at its cell, no figure moved", async () => {
    const commented = (texts: (string | null)[]): SheetSpec[] =>
      reportWorkbook().map((s) =>
        s.name !== "Utfall 2024 H1"
          ? s
          : {
              ...s,
              rows: s.rows.map((r, i) =>
                i === 0 ? [...r, "Förklaring"] : [...r, texts[i - 1] ?? null],
              ),
            },
      );
    const d = await diffOf(
      commented([null, "Vakans", "Fler aktiviteter"]),
      commented(["Sjukskrivning", null, "Fler aktiviteter under sommarlovet"]),
    );
    expect(
      d.changes.map((c) => [c.cell, c.line, c.field, c.old, c.new]),
    ).toEqual([
      ["E2", "Lönekostnader: Hälsofrämjare", "comment", null, "Sjukskrivning"],
      ["E3", "Lönekostnader: Samordning/utveckling", "comment", "Vakans", null],
      [
        "E4",
        "Verksamhetskostnader: aktiviteter",
        "comment",
        "Fler aktiviteter",
        "Fler aktiviteter under sommarlovet",
      ],
    ]);
    expect(moved(d)).toEqual([]);
    expect(fieldName("comment", "sv")).toBe("Förklaring");
    // Shown as a finding quotes it: its beginning, and no bidirectional control; the JSON whole.
    const long = `Se\u202e bilaga. ${"x".repeat(400)}`;
    expect(diffValueText("comment", long, "sv")).toBe(
      `Se bilaga. ${"x".repeat(289)}…`,
    );
  });

  // A space typed after a Post is what makes the line's SUMIF miss the person: diff listed the
  // figures it moved and not the change, which read "Hälsofrämjare" on both sides.
  test("a Post or a label changed only by a space or a character not seen: named, quoted so that it shows", async () => {
    const post = await diffOf(
      salaryWorkbook(),
      salaryChanged(5, 0, "Hälsofrämjare "),
    );
    expect(post.changes).toEqual([
      {
        sheet: "Lönekalkyl",
        cell: "A6",
        line: "Hälsofrämjare",
        person: "Person C",
        field: "personPost",
        old: "Hälsofrämjare",
        new: "Hälsofrämjare ",
      },
    ]);
    expect(diffValuesText(post.changes[0]!, "sv")).toEqual([
      '"Hälsofrämjare"',
      '"Hälsofrämjare "',
    ]);
    const label = await diffOf(
      salaryWorkbook(),
      salaryWorkbook().map((s) =>
        s.name !== "Budget 2026 H1"
          ? s
          : {
              ...s,
              rows: s.rows.map((r, i) =>
                i === 3 ? [r[0]!, "Hälsofrämjare\u200b", ...r.slice(2)] : r,
              ),
            },
      ),
    );
    expect(
      label.changes.map((c) => [c.sheet, c.cell, c.field, c.old, c.new]),
    ).toEqual([
      ["Budget 2026 H1", "B4", "label", "Hälsofrämjare", "Hälsofrämjare\u200b"],
    ]);
    expect(diffValuesText(label.changes[0]!, "en")).toEqual([
      '"Hälsofrämjare"',
      '"Hälsofrämjare" (a character not seen sets them apart)',
    ]);
    // Texts that differ in more are shown as they are.
    expect(
      diffValuesText({ field: "label", old: "Lön", new: "Löner" }, "sv"),
    ).toEqual(["Lön", "Löner"]);
  });

  test("an employment rate and a birth year in Lönekalkyl", async () => {
    const grade = await diffOf(salaryWorkbook(), salaryChanged(4, 4, pct(0.5)));
    expect(
      grade.changes.map((c) => [c.cell, c.person, c.field, c.old, c.new]),
    ).toEqual([["E5", "Person B", "grade", 75, 50]]);
    const born = await diffOf(salaryWorkbook(), salaryChanged(4, 2, 2006));
    expect(
      born.changes.map((c) => [c.cell, c.person, c.field, c.old, c.new]),
    ).toEqual([["C5", "Person B", "birthYear", 2005, 2006]]);
  });

  // The person, then what they bring: "Person: – → Person B" alone left their salary to be found.
  test("a person added and a person removed: at their name, then each of their values", async () => {
    const base = salaryWorkbook();
    const without = base.map((s) =>
      s.name !== "Lönekalkyl"
        ? s
        : { ...s, rows: s.rows.filter((_, i) => i !== 4) },
    );
    const removed = await diffOf(base, without);
    expect(
      removed.changes.map((c) => [c.sheet, c.cell, c.field, c.old, c.new]),
    ).toEqual([
      ["Lönekalkyl", "B5", "person", "Person B", null],
      ["Lönekalkyl", "C5", "birthYear", 2005, null],
      ["Lönekalkyl", "D5", "monthlySalary", 24000, null],
      ["Lönekalkyl", "E5", "grade", 75, null],
      ["Lönekalkyl", "F5", "from", "2026-01-01", null],
      ["Lönekalkyl", "G5", "to", "2026-06-30", null],
    ]);
    const added = await diffOf(without, base);
    expect(
      added.changes.map((c) => [c.sheet, c.cell, c.field, c.old, c.new]),
    ).toEqual([
      ["Lönekalkyl", "B5", "person", null, "Person B"],
      ["Lönekalkyl", "C5", "birthYear", null, 2005],
      ["Lönekalkyl", "D5", "monthlySalary", null, 24000],
      ["Lönekalkyl", "E5", "grade", null, 75],
      ["Lönekalkyl", "F5", "from", null, "2026-01-01"],
      ["Lönekalkyl", "G5", "to", null, "2026-06-30"],
    ]);
  });

  test("Pålägg in Uppgifter, which every salary's cost takes", async () => {
    const d = await diffOf(
      salaryWorkbook({ surcharge: pct(0.05) }),
      salaryWorkbook({ surcharge: pct(0.07) }),
    );
    expect(
      d.changes.map((c) => [c.sheet, c.field, c.old, c.new, c.cell !== null]),
    ).toEqual([["Uppgifter", "surcharge", 0.05, 0.07, true]]);
    expect(moved(d).length).toBeGreaterThan(0);
  });
});
