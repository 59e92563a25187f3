// A half-year formatted as an Excel table (Format as Table, with its Total Row): the total row's
// SUBTOTAL(109,Tabell1[Budget]) is the total a SUM is, and compute's copy gives it, and a helper
// column's structured references, the values LibreOffice working the copy out gives.

import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import {
  type InputChange,
  keyOfLine,
  readWorkbook,
  withInputs,
} from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { checkBytes, codesOf, messageOf } from "../helpers/check";
import { computeBytes } from "../helpers/compute";
import {
  disagreements,
  recalculateAllWithLibreOffice,
} from "../helpers/libreoffice";
import { budgetAsTable } from "../helpers/seed";
import { type SheetSpec, buildXlsx } from "../helpers/workbook";

const BUDGET = "Budget 2025 H2";

async function computed(spec: SheetSpec[]) {
  const out = computeBytes(await buildXlsx(spec));
  const copy = readXlsx(out);
  const rows = copy.sheets.find((g) => g.name === BUDGET)!.rows;
  const [calculated] = recalculateAllWithLibreOffice([out]);
  return {
    out,
    total: rows[7]![5]?.v,
    shares: rows.slice(3, 7).map((row) => row?.[8]?.v),
    differs: disagreements(copy, readXlsx(calculated!)).map((d) => d.at),
  };
}

test("a table's total row shows, in compute's copy, the sum of the budgets compute writes, and its helper column each line's share; the copy checks as the same budget with SUM does", async () => {
  const table = await computed(
    budgetAsTable("Summa", "SUBTOTAL(109,Tabell1[Budget])"),
  );
  // 742 500 + 166 272 + 100 000 + 100 877: it showed 100 000 kr, and the copy said SUM_MISMATCH.
  expect(table.total).toBe(1109649);
  expect(table.shares).toEqual(
    // As a spreadsheet writes a number: to 15 digits.
    [742500, 166272, 100000, 100877].map((b) =>
      Number((b / 1109649).toPrecision(15)),
    ),
  );
  expect(table.differs).toEqual([]);
  const copy = checkBytes(table.out);
  const sum = checkBytes(
    (await computed(budgetAsTable("Summa", "SUM(F4:F7)"))).out,
  );
  expect(codesOf(copy)).toEqual([]);
  expect(copy.periods).toEqual(sum.periods);
});

test("a table's total row without its label is the total, as a SUM is, not a line counted on top of the lines", async () => {
  const unlabelled = checkBytes(
    await buildXlsx(budgetAsTable("", "SUBTOTAL(109,Tabell1[Budget])")),
  );
  const sum = checkBytes(await buildXlsx(budgetAsTable("", "SUM(F4:F7)")));
  expect(unlabelled.periods).toEqual(sum.periods);
  expect(unlabelled.periods[0]!.budget.direct).toBe(1008772);
  expect(codesOf(unlabelled)).toEqual(codesOf(sum));
  // The person's own formula is quoted, not the cells it stands for.
  expect(messageOf(unlabelled, "TOTAL_NOT_LABELLED")).toContain(
    "=SUBTOTAL(109,Tabell1[Budget])",
  );
});

test("a table of one line: its total row without its label is the total too", async () => {
  // The seed's activities alone (row 4), its unlabelled total row in row 5.
  const oneLine = (total: string) =>
    budgetAsTable("", total).map((s) =>
      s.name === BUDGET
        ? {
            ...s,
            rows: [...s.rows.slice(0, 3), s.rows[5]!, s.rows[7]!],
            tables: [{ name: "Tabell1", ref: "A3:I5", totalsRow: true }],
          }
        : s,
    );
  const unlabelled = checkBytes(
    await buildXlsx(oneLine("SUBTOTAL(109,Tabell1[Budget])")),
  );
  const sum = checkBytes(await buildXlsx(oneLine("SUM(F4:F4)")));
  expect(unlabelled.periods).toEqual(sum.periods);
  expect(unlabelled.periods[0]!.budget.direct).toBe(100000);
  expect(codesOf(unlabelled)).toEqual(codesOf(sum));
  expect(codesOf(unlabelled)).toContain("TOTAL_NOT_LABELLED");
});

test("a table's formulas keep their text in compute's copy, and the copy keeps the table", async () => {
  const out = computeBytes(
    await buildXlsx(budgetAsTable("Summa", "SUBTOTAL(109,Tabell1[Budget])")),
  );
  expect(strFromU8(unzipSync(out)["xl/tables/table1.xml"]!)).toContain(
    'ref="A3:I8"',
  );
  const rows = readXlsx(out).sheets.find((g) => g.name === BUDGET)!.rows;
  expect(rows[7]![5]?.f).toBe("SUBTOTAL(109,Tabell1[Budget])");
  expect(rows.slice(3, 7).map((row) => row?.[8]?.f)).toEqual(
    Array(4).fill("Tabell1[[#This Row],[Budget]]/Tabell1[[#Totals],[Budget]]"),
  );
});

test("in Modellera, a line's new budget moves the table's total row and its helper column, as Excel works them out", async () => {
  const grids = readXlsx(
    await buildXlsx(
      budgetAsTable("Summa", "SUBTOTAL(109,Tabell1[Budget])", true),
    ),
  );
  const activities: InputChange = {
    sheet: BUDGET,
    line: keyOfLine({ category: "activity", label: "Verksamhetskostnader" }),
    field: "budget",
    value: 15_000_000,
  };
  const { workbook } = readWorkbook(grids);
  const rows = withInputs(grids, workbook, [activities]).sheets.find(
    (g) => g.name === BUDGET,
  )!.rows;
  // 742 500 + 166 272 + 150 000 + 100 877 (the OH typed).
  expect(rows[7]![5]).toMatchObject({ v: 1159649 });
  expect(rows[5]![8]).toMatchObject({ v: 150000 / 1159649 });
  expect(rows[3]![8]).toMatchObject({ v: 742500 / 1159649 });
});

test("a table part that cannot be read leaves its table out, never the workbook: the cells are read as they show", async () => {
  const parts = unzipSync(
    await buildXlsx(budgetAsTable("Summa", "SUBTOTAL(109,Tabell1[Budget])")),
  );
  parts["xl/tables/table1.xml"] = strToU8("<table ref='A3:I8' name=");
  const broken = checkBytes(zipSync(parts));
  const grids = readXlsx(zipSync(parts));
  // The total keeps its 100 000 kr and its text, and nothing resolves it.
  expect(grids.sheets[1]!.rows[7]![5]).toMatchObject({
    v: 100000,
    f: "SUBTOTAL(109,Tabell1[Budget])",
  });
  expect(grids.sheets[1]!.rows[7]![5]!.a1).toBeUndefined();
  expect(broken.periods[0]!.budget.direct).toBe(1008772);
});
