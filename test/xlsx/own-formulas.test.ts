// A person's own formulas that read what compute writes (question 44): compute's copy holds the
// values they give once it is written, so that a program that does not work formulas out on
// opening (LibreOffice as installed, a script reading values, `check` of the copy) shows them, not
// the figures from before. Excel works them out itself: the add-in's plan has none of them.

import { strFromU8, unzipSync } from "fflate";
import {
  type Grid,
  type WritePlan,
  type WorkbookGrids,
  planCompute,
} from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { applyPlan } from "../../src/xlsx/write";
import {
  STAMP,
  changedSheet,
  computeBytes,
  partOf,
  planOf,
  shared,
} from "../helpers/compute";
import {
  disagreements,
  recalculateAllWithLibreOffice,
} from "../helpers/libreoffice";
import { checkBytes, codesOf } from "../helpers/check";
import { budgetWorkbook } from "../helpers/seed";
import { type CellSpec, type SheetSpec, buildXlsx } from "../helpers/workbook";

const BUDGET = "Budget 2025 H2";

/**
 * The 2025–26 budget with its salary budgets left for compute to derive (F4 742 500 kr, F5
 * 166 272 kr, the OH F7 100 877 kr), and a person's helpers right of the table (column K, from
 * row 4), each with the value it showed before: 0 where it reads an empty budget.
 */
function withHelpers(
  helpers: readonly CellSpec[],
  notes: readonly CellSpec[] = [],
): SheetSpec[] {
  const book = budgetWorkbook({ typedSalaries: false }).map((s) =>
    s.name === BUDGET
      ? {
          ...s,
          rows: s.rows.map((row, r) => {
            const helper = helpers[r - 3];
            if (helper === undefined) return row;
            const padded = [...row];
            while (padded.length < 10) padded.push(null);
            return [...padded, helper];
          }),
        }
      : s,
  );
  return notes.length > 0
    ? [...book, { name: "Anteckningar", rows: [notes] }]
    : book;
}

const cellOf = (g: WorkbookGrids, sheet: string, row: number, col: number) =>
  g.sheets.find((s) => s.name === sheet)?.rows[row]?.[col];

const shownIn = (plan: WritePlan) =>
  plan.edits.flatMap((e) =>
    e.cells
      .filter((c) => c.value.kind === "shown")
      .map((c) => ({ sheet: e.sheet, row: c.row, col: c.col, v: c.value })),
  );

const HELPERS: CellSpec[] = [
  // K4: a month of the derived salary budget; K5: the helper above, and one; K6: text.
  { formula: "F4/6", result: 0 },
  { formula: "K4+1", result: 1 },
  { formula: 'IF(F5>0,"budgeterad","tom")', result: "tom" },
  // K7: a median, as helpers have it.
  { formula: "MEDIAN(F4:F5)", result: 0 },
];
const WEIGHTED = `IFERROR(SUMPRODUCT('${BUDGET}'!C4:C5,'${BUDGET}'!F4:F5)/'${BUDGET}'!F6,0)`;
const UNKNOWN = `PRODUCT('${BUDGET}'!F4:F5)`;
const NOTES: CellSpec[] = [
  { formula: "'Budget 2025 H2'!F4*2", result: 0 },
  { formula: "SUM('Budget 2025 H2'!F4:F7)", result: 100000 },
  // A formula that reads nothing compute writes: left as it is.
  { formula: "'Budget 2025 H2'!F6*2", result: 200000 },
  // The salary budgets weighted by service, over the activity's, an error caught.
  { formula: WEIGHTED, result: 0 },
  // A function the engine does not work out keeps what it showed.
  { formula: UNKNOWN, result: 0 },
];

test("a person's helpers on the half-year and on another sheet show, in compute's copy, what they give once the budgets are written; LibreOffice working them out agrees", async () => {
  const bytes = await buildXlsx(withHelpers(HELPERS, NOTES));
  const out = computeBytes(bytes);
  const copy = readXlsx(out);
  const at = (sheet: string, row: number, col: number) => {
    const c = cellOf(copy, sheet, row, col);
    return { f: c?.f, v: c?.v };
  };
  expect([3, 4, 5, 6].map((r) => at(BUDGET, r, 10))).toEqual([
    { f: "F4/6", v: 123750 },
    { f: "K4+1", v: 123751 },
    { f: 'IF(F5>0,"budgeterad","tom")', v: "budgeterad" },
    // (742 500 + 166 272) / 2.
    { f: "MEDIAN(F4:F5)", v: 454386 },
  ]);
  expect([0, 1, 2, 3, 4].map((c) => at("Anteckningar", 0, c))).toEqual([
    { f: "'Budget 2025 H2'!F4*2", v: 1485000 },
    // 742 500 + 166 272 + 100 000 + 100 877.
    { f: "SUM('Budget 2025 H2'!F4:F7)", v: 1109649 },
    { f: "'Budget 2025 H2'!F6*2", v: 200000 },
    // (275 % × 742 500 + 50 % × 166 272) / 100 000.
    { f: WEIGHTED, v: 21.25011 },
    { f: UNKNOWN, v: 0 },
  ]);
  // Every formula of the copy but the one the engine does not know is what Calc works out.
  const [calculated] = recalculateAllWithLibreOffice([out]);
  expect(disagreements(copy, readXlsx(calculated!))).toEqual([
    {
      at: "Anteckningar!R1C5",
      formula: UNKNOWN,
      cached: 0,
      calculated: 742500 * 166272,
    },
  ]);
  // The figures and findings are those of the workbook without the helpers.
  const plain = checkBytes(computeBytes(await buildXlsx(withHelpers([]))));
  const mine = checkBytes(out);
  expect({ periods: mine.periods, findings: codesOf(mine) }).toEqual({
    periods: plain.periods,
    findings: codesOf(plain),
  });
});

/**
 * The helper K4 `=F4/6` filled down to K6, as Excel saves it (one shared formula): K4 and K5 read
 * budgets compute derives and showed 0; K6 reads the typed 100 000 kr and showed `k6`.
 */
const filledDown = async (k6: number) =>
  changedSheet(
    await buildXlsx(
      withHelpers([
        { formula: "F4/6", result: 0 },
        { formula: "F5/6", result: 0 },
        { formula: "F6/6", result: k6 },
      ]),
    ),
    BUDGET,
    (xml) => shared(xml, ["K4", "K5", "K6"], "F4/6"),
  );

test("the helpers' formulas are kept as they are (a shared formula filled down stays one), and a second compute writes nothing more", async () => {
  const filled = await filledDown(100000 / 6);
  const out = computeBytes(filled);
  const sheet = strFromU8(unzipSync(out)[partOf(unzipSync(out), BUDGET)]!);
  expect(/<c r="K4"[^>]*>.*?<\/c>/.exec(sheet)?.[0]).toBe(
    '<c r="K4"><f t="shared" ref="K4:K6" si="0">F4/6</f><v>123750</v></c>',
  );
  expect(/<c r="K5"[^>]*>.*?<\/c>/.exec(sheet)?.[0]).toBe(
    '<c r="K5"><f t="shared" si="0"/><v>27712</v></c>',
  );
  // K6 reads a typed budget: nothing to write, kept byte for byte.
  expect(/<c r="K6"[^>]*>.*?<\/c>/.exec(sheet)?.[0]).toMatch(
    /^<c r="K6"><f t="shared" si="0"\/><v>16666\.666666666/,
  );
  expect(shownIn(planOf(out))).toEqual([]);
  expect(computeBytes(out)).toEqual(computeBytes(computeBytes(out)));
});

test("an array formula is left as it is: its value is not one cell's to work out", async () => {
  const bytes = changedSheet(
    await buildXlsx(withHelpers([{ formula: "SUM(F4:F5*2)", result: 0 }])),
    BUDGET,
    (xml) =>
      xml.replace(
        "<f>SUM(F4:F5*2)</f>",
        '<f t="array" ref="K4">SUM(F4:F5*2)</f>',
      ),
  );
  const cellK4 = (b: Uint8Array) =>
    /<c r="K4"[^>]*>.*?<\/c>/.exec(
      strFromU8(unzipSync(b)[partOf(unzipSync(b), BUDGET)]!),
    )?.[0];
  expect(cellK4(bytes)).toContain('t="array"');
  expect(cellK4(computeBytes(bytes))).toBe(cellK4(bytes));
});

test("a helper whose value would pass what a cell holds (742 500¹⁰⁰) keeps its value: no number written that Excel cannot read", async () => {
  const bytes = await buildXlsx(
    withHelpers([
      { formula: "F4^100", result: 0 },
      { formula: "(F4-742500)^-1", result: 0 },
    ]),
  );
  const out = computeBytes(bytes);
  const xml = strFromU8(unzipSync(out)[partOf(unzipSync(out), BUDGET)]!);
  expect(xml).not.toMatch(/Infinity|NaN/);
  const copy = readXlsx(out);
  expect([3, 4].map((r) => cellOf(copy, BUDGET, r, 10)?.v)).toEqual([0, 0]);
  // The derived budget the helpers read is written: the copy is computed.
  expect(cellOf(copy, BUDGET, 3, 5)?.v).toBe(742500);
});

test("the add-in's plan has no such write: Excel works the formulas out itself", async () => {
  const grids = readXlsx(await buildXlsx(withHelpers(HELPERS, NOTES)));
  expect(shownIn(planCompute(grids, STAMP, "excel"))).toEqual([]);
  expect(shownIn(planCompute(grids, STAMP, "file"))).toHaveLength(7);
});

test("a shared formula whose first cell compute writes, and whose other cell shows a new value: that cell gets the formula as its own, with the new value", async () => {
  const bytes = await filledDown(7);
  const plan: WritePlan = {
    edits: [
      {
        sheet: BUDGET,
        marks: [],
        cells: [
          { row: 3, col: 10, value: { kind: "number", value: 1 } },
          {
            row: 4,
            col: 10,
            value: { kind: "shown", formula: "F5/6", cached: 27712 },
          },
        ],
      },
    ],
    creates: [],
  };
  const grid: Grid = readXlsx(applyPlan(bytes, plan)).sheets.find(
    (g) => g.name === BUDGET,
  )!;
  expect([3, 4, 5].map((r) => grid.rows[r]?.[10])).toEqual([
    { t: "n", v: 1 },
    { t: "n", v: 27712, f: "F5/6" },
    { t: "n", v: 7, f: "F6/6" },
  ]);
});
