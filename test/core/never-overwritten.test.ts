// "Nothing a person typed is lost or silently overwritten" (SPEC §7), as a property of the write
// plan on random workbooks: compute writes into an existing sheet only where a cell is empty or
// holds a formula of the add-in's own shape, and replaces a sheet only when it is the add-in's.

import fc from "fast-check";
import {
  type Cell,
  type CellWrite,
  type Grid,
  type Merge,
  type WritePlan,
  a1,
  analyze,
  cellAt,
  formulaShape,
  isOwnDecisionSheet,
  isOwnSalaryPercentFormula,
  planWrite,
} from "../../src/core";
import { isOwnRatesSheet } from "../../src/core/plan/rates";
import {
  formulaWorkbook,
  holdsNothing,
  isAddInsFormula,
  isOwnCostFormula,
} from "../helpers/arbitraries";
import { STAMP } from "../helpers/compute";
import { SALARY_HEADERS } from "../helpers/seed";

interface Tally {
  /** Writes over the add-in's own formulas. */
  overOwn: number;
  /** Cells that held something, left alone in a column the plan wrote in on the same sheet. */
  keptBeside: number;
  /** Sheets of the add-in's names that were a person's, left alone. */
  namesakesKept: number;
  /** Cells written into Lönekalkyl (its cost columns). */
  salaryWrites: number;
  /** Columns added beside a merged area in their rows (that could have gone into it). */
  addedBesideMerges: number;
  /** A person's formula written as it is, with the value it gives (a settled line's budget). */
  refreshed: number;
}

const ADDED_HEADER = /^(Utfall|Differens|Status|Kostnad \d{4}-H[12])$/;

const within = (m: Merge, row: number, col: number) =>
  row >= m.top && row <= m.bottom && col >= m.left && col <= m.right;

/**
 * Excel shows a merged area's top-left cell over the area: the plan writes into no other cell of
 * one, and a column it adds goes through none.
 */
function expectNothingWrittenIntoMerges(
  grid: Grid,
  edit: WritePlan["edits"][number],
  tally: Tally,
): void {
  const merges = grid.merges ?? [];
  for (const w of edit.cells) {
    const hiding = merges.find(
      (m) => within(m, w.row, w.col) && (w.row > m.top || w.col > m.left),
    );
    expect({ at: a1(w.row, w.col), hiding }).toEqual({
      at: a1(w.row, w.col),
      hiding: undefined,
    });
  }
  const added = edit.cells.filter(
    (w) =>
      w.value.kind === "text" &&
      ADDED_HEADER.test(w.value.value) &&
      holdsNothing(cellAt(grid, w.row, w.col)),
  );
  for (const header of added) {
    const rows = edit.cells
      .filter((w) => w.col === header.col)
      .map((w) => w.row);
    const top = Math.min(...rows);
    const bottom = Math.max(...rows);
    const through = merges.find(
      (m) =>
        m.left <= header.col &&
        m.right >= header.col &&
        m.top <= bottom &&
        m.bottom >= top,
    );
    expect({ column: a1(header.row, header.col), through }).toEqual({
      column: a1(header.row, header.col),
      through: undefined,
    });
    if (
      merges.some(
        (m) =>
          m.top <= bottom &&
          m.bottom >= top &&
          m.right >= header.col - 3 &&
          m.left <= header.col + 1,
      )
    )
      tally.addedBesideMerges++;
  }
}

function expectNothingTypedOverwritten(
  sheets: readonly Grid[],
  plan: WritePlan,
  tally: Tally,
): void {
  for (const edit of plan.edits) {
    const grid = sheets.find((g) => g.name === edit.sheet);
    // Edits go into sheets that exist; a new sheet is a create.
    expect(grid?.name).toBe(edit.sheet);
    if (!grid) continue;
    if (edit.sheet === "Lönekalkyl") tally.salaryWrites += edit.cells.length;
    expectNothingWrittenIntoMerges(grid, edit, tally);
    const written = new Set<string>();
    for (const w of edit.cells) {
      written.add(`${w.row},${w.col}`);
      const before: Cell | undefined = cellAt(grid, w.row, w.col);
      if (holdsNothing(before)) continue;
      const at = `${edit.sheet}!${a1(w.row, w.col)}`;
      // Not empty: only the add-in's own formula may be written over.
      const f = before?.f;
      expect({ at, before, owned: f !== undefined }).toEqual({
        at,
        before,
        owned: true,
      });
      if (f === undefined) continue;
      // A person's formula written as it is, with the value it gives over the figures written
      // (a line's budget over a derived one): nothing they typed changes.
      if (w.value.kind === "formula" && w.value.formula === f) {
        tally.refreshed++;
        continue;
      }
      const shape = formulaShape(f);
      const owned = isAddInsFormula(f);
      expect({ at, f, owned }).toEqual({ at, f, owned: true });
      // A formula replaces a formula of its own shape; a cost formula (whose shape follows the
      // period) a cost formula; a line's service % of Lönekalkyl, as an earlier version wrote it
      // (SUMIF of every person), the SUMIFS of those who cost something.
      if (w.value.kind === "formula")
        if (isOwnSalaryPercentFormula(f))
          expect({
            at,
            percent: isOwnSalaryPercentFormula(w.value.formula),
          }).toEqual({ at, percent: true });
        else if (isOwnCostFormula(f))
          expect({ at, cost: isOwnCostFormula(w.value.formula) }).toEqual({
            at,
            cost: true,
          });
        else
          expect({ at, shape }).toEqual({
            at,
            shape: formulaShape(w.value.formula),
          });
      tally.overOwn++;
    }
    const columns = new Set(edit.cells.map((w) => w.col));
    grid.rows.forEach((row, r) =>
      row?.forEach((c, col) => {
        if (columns.has(col) && !holdsNothing(c) && !written.has(`${r},${col}`))
          tally.keptBeside++;
      }),
    );
  }
  for (const create of plan.creates) {
    const namesake = sheets.find(
      (g) => g.name.toLowerCase() === create.sheet.toLowerCase(),
    );
    if (create.kept !== undefined) tally.namesakesKept++;
    if (!namesake) continue;
    // A sheet of that name is replaced only when it is the add-in's own.
    expect({
      sheet: create.sheet,
      replaces: create.replaces === true,
      own: isOwnDecisionSheet(namesake) || isOwnRatesSheet(namesake),
    }).toEqual({ sheet: create.sheet, replaces: true, own: true });
  }
  // A person's sheet kept beside the add-in's is written by nothing.
  for (const kept of plan.creates.flatMap((c) => c.kept ?? [])) {
    expect(plan.edits.map((e) => e.sheet)).not.toContain(kept);
    expect(plan.creates.map((c) => c.sheet)).not.toContain(kept);
  }
}

test("compute writes only into empty cells and the add-in's own formulas, and replaces only its own sheets (property)", () => {
  const tally: Tally = {
    overOwn: 0,
    keptBeside: 0,
    namesakesKept: 0,
    salaryWrites: 0,
    addedBesideMerges: 0,
    refreshed: 0,
  };
  fc.assert(
    fc.property(formulaWorkbook, (sheets) => {
      const plan = planWrite({ sheets }, analyze({ sheets }), STAMP);
      expectNothingTypedOverwritten(sheets, plan, tally);
    }),
    { numRuns: 400 },
  );
  // The property met what it guards: the add-in's formulas rewritten, typed cells and formulas of
  // a person's beside them left alone, a person's Beslut kept, and Lönekalkyl's cost columns written.
  expect(tally.overOwn).toBeGreaterThan(25);
  expect(tally.keptBeside).toBeGreaterThan(1000);
  expect(tally.namesakesKept).toBeGreaterThan(40);
  expect(tally.salaryWrites).toBeGreaterThan(400);
  expect(tally.addedBesideMerges).toBeGreaterThan(40);
});

test('a formula that shows "" is a person\'s work: compute writes neither over it nor into its column', () => {
  const theirs: Cell = { t: "s", v: "", f: 'IF($D4>0,$D4*1.3,"")' };
  const details: Grid = {
    name: "Uppgifter",
    rows: [
      [
        { t: "s", v: "OH-sats" },
        { t: "n", v: 0.1, fmt: "0%" },
      ],
      [
        { t: "s", v: "Avtalsperiod från" },
        { t: "s", v: "2024-01-01" },
      ],
      [
        { t: "s", v: "Avtalsperiod till" },
        { t: "s", v: "2026-12-31" },
      ],
    ],
  };
  const salaries: Grid = {
    name: "Lönekalkyl",
    rows: [
      [{ t: "s", v: "Lönekalkyl" }],
      [],
      SALARY_HEADERS.map((v): Cell => ({ t: "s", v })),
      [
        { t: "s", v: "Lön 0" },
        { t: "s", v: "Person 0" },
        { t: "n", v: 1980 },
        { t: "n", v: 30000 },
        { t: "n", v: 1, fmt: "0%" },
        { t: "n", v: 45292, fmt: "yyyy-mm-dd" },
        undefined,
        theirs,
      ],
    ],
  };
  const half: Grid = {
    name: "Budget 2026 H1",
    rows: [
      [{ t: "s", v: "Post" }, { t: "s", v: "Budget" }, theirs],
      [{ t: "s", v: "Lön 0" }],
      [
        { t: "s", v: "Verksamhet" },
        { t: "n", v: 1000 },
      ],
    ],
  };
  const sheets = [details, salaries, half];
  const plan = planWrite({ sheets }, analyze({ sheets }), STAMP);
  const at = (sheet: string) =>
    plan.edits
      .filter((e) => e.sheet === sheet)
      .flatMap((e) => e.cells.map((w) => a1(w.row, w.col)));
  // Lönekalkyl's cost column and the half-year's added columns go past the person's formula.
  expect(at("Lönekalkyl")).not.toContain("H4");
  expect(at("Lönekalkyl")).toEqual(expect.arrayContaining(["I3", "I4"]));
  expect(at("Budget 2026 H1")).not.toContain("C1");
  expect(at("Budget 2026 H1")).toEqual(
    expect.arrayContaining(["D1", "E1", "F1"]),
  );
});

/** An agreement of 10 % OH. */
const OH_ONLY: Grid = {
  name: "Uppgifter",
  rows: [
    [
      { t: "s", v: "OH-sats" },
      { t: "n", v: 0.1, fmt: "0%" },
    ],
  ],
};

/** What compute writes into a half-year of that agreement. */
function writtenInto(half: Grid): CellWrite[] {
  const sheets = [OH_ONLY, half];
  return planWrite({ sheets }, analyze({ sheets }), STAMP)
    .edits.filter((e) => e.sheet === half.name)
    .flatMap((e) => e.cells);
}

test("a note merged across columns beside the lines keeps its columns: Utfall, Differens and Status go past it", () => {
  const half: Grid = {
    name: "Budget 2026 H1",
    rows: [
      [
        { t: "s", v: "Post" },
        { t: "s", v: "Budget" },
      ],
      [
        { t: "s", v: "Verksamhet" },
        { t: "n", v: 1000 },
        { t: "s", v: "Kommentar till raden" },
      ],
      [
        { t: "s", v: "Lokal" },
        { t: "n", v: 2000 },
      ],
    ],
    // The note spans C2:E2, and an empty area (a look only) F3:F4 reaches into the table's rows.
    merges: [
      { top: 1, left: 2, bottom: 1, right: 4 },
      { top: 2, left: 5, bottom: 3, right: 5 },
    ],
  };
  const written = writtenInto(half);
  const headers = written
    .filter((w) => w.row === 0)
    .map((w) => [a1(w.row, w.col), w.value.kind === "text" && w.value.value]);
  // C:E hold the note, F the empty area: the added columns are G, H and I.
  expect(headers).toEqual([
    ["G1", "Utfall"],
    ["H1", "Differens"],
    ["I1", "Status"],
  ]);
  expect(written.map((w) => a1(w.row, w.col))).toEqual(
    expect.arrayContaining(["H2", "I2", "H3", "I3"]),
  );
});

test("a value the plan would write into a cell a merged area hides is not written", () => {
  const half: Grid = {
    name: "Budget 2026 H1",
    rows: [
      [
        { t: "s", v: "Post" },
        { t: "s", v: "Budget" },
        { t: "s", v: "Utfall" },
        { t: "s", v: "Differens" },
      ],
      [
        { t: "s", v: "Verksamhet" },
        { t: "n", v: 1000 },
        { t: "n", v: 900 },
      ],
      [
        { t: "s", v: "Lokal" },
        { t: "n", v: 2000 },
        { t: "s", v: "Se bilaga" },
      ],
    ],
    // "Se bilaga" is merged over Utfall and Differens of its row: D3 is hidden under it.
    merges: [{ top: 2, left: 2, bottom: 2, right: 3 }],
  };
  const at = writtenInto(half).map((w) => a1(w.row, w.col));
  expect(at).toContain("D2");
  expect(at).not.toContain("D3");
});
