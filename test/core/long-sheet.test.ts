// A half-year of 150 000 lines is within what is read (5 000 000 cells): every step takes it, and
// none passes its lines or findings as a call's arguments (Math.max(...rows) has no room for them).

import {
  type Cell,
  type Grid,
  type WorkbookGrids,
  analyseWorkbook,
  each,
  planCompute,
  toCheckJsonParts,
} from "../../src/core";
import { reportLines } from "../../src/cli/report";
import { readXlsx } from "../../src/xlsx/read";
import { STAMP } from "../helpers/compute";
import { HEADERS, detailsSheet } from "../helpers/seed";
import { buildXlsx } from "../helpers/workbook";

const LINES = 150_000;

const s = (v: string): Cell => ({ t: "s", v });
const n = (v: number): Cell => ({ t: "n", v, fmt: "#,##0" });

/** Activity lines with a budget; only the first has an actual, so every other one is a finding. */
function halfYear(): Grid {
  const rows: Cell[][] = [HEADERS.map(s)];
  for (let i = 0; i < LINES; i++) {
    const row = [s("Verksamhet"), s(`Aktivitet ${i}`)];
    row[5] = n(1000 + (i % 997));
    if (i === 0) row[6] = n(900);
    rows.push(row);
  }
  rows.push([s("OH"), s("OH-kostnader")]);
  return { name: "Budget 2025 H2", rows };
}

let grids: WorkbookGrids;
beforeAll(async () => {
  const details = readXlsx(await buildXlsx([detailsSheet()])).sheets;
  grids = { sheets: [...details, halfYear()] };
});

test("check: every line analysed, every finding kept, and the report's table aligned", () => {
  const { analysis } = analyseWorkbook(grids);
  const half = analysis.computation.halfYears[0]!;
  expect(half.lines).toHaveLength(LINES + 1);
  const missing = analysis.findings.filter((f) => f.code === "MISSING_ACTUAL");
  expect(missing).toHaveLength(LINES); // the 149 999 lines without an actual, and OH
  const parts = toCheckJsonParts("long.xlsx", analysis);
  // The findings are the analysis's own, rendered only as each is written: the parts hold no
  // rendered message (150 000 of them would be some 50 MB).
  expect(parts.json.findings).toEqual([]);
  expect(parts.findings).toBe(analysis.findings);
  const report = [
    ...reportLines(
      {
        ...parts.json,
        yearLines: each(parts.yearLines),
        periodLines: each(parts.periodLines),
        findings: parts.findings,
      },
      "sv",
    ),
  ];
  // The year's table: a header, every line and the sum, the amounts right-aligned in one column.
  const start = report.findIndex((l) => l.startsWith("Ekonomisk redovisning"));
  const table = report.slice(start + 1, start + 1 + LINES + 3);
  expect(table[1]).toMatch(/^ {2}Aktivitet 0 /);
  expect(table[LINES + 2]).toMatch(/^ {2}Summa /);
  expect(new Set(table.slice(1).map((l) => l.length)).size).toBe(1);
  expect(report.filter((l) => l.includes("[MISSING_ACTUAL]"))).toHaveLength(
    LINES,
  );
});

test("compute: the plan reaches the last line", () => {
  const plan = planCompute(grids, STAMP, "file");
  const edit = plan.edits.find((e) => e.sheet === "Budget 2025 H2")!;
  // The Differens column (H) gets a cell on the last line's row (its 1-based row is LINES + 1).
  const lastRow = LINES; // zero-based row of the last activity line
  expect(edit.cells.some((c) => c.row === lastRow && c.col === 7)).toBe(true);
});
