// A total written as Excel's AutoSum writes it below a filtered list, `SUBTOTAL(9,F4:F7)`, or as a
// table's total row, `SUBTOTAL(109,…)`: read as the total a `SUM` is, and given its value over the
// budgets compute writes, as LibreOffice working the copy out gives it.

import { readXlsx } from "../../src/xlsx/read";
import { checkBytes, codesOf, messageOf } from "../helpers/check";
import { computeBytes } from "../helpers/compute";
import {
  disagreements,
  recalculateAllWithLibreOffice,
} from "../helpers/libreoffice";
import { budgetWorkbook } from "../helpers/seed";
import { type CellSpec, type SheetSpec, buildXlsx } from "../helpers/workbook";

const BUDGET = "Budget 2025 H2";

/** A SUBTOTAL of `range`'s sum, showing `result`. */
const sub = (range: string, result: number): CellSpec => ({
  formula: `SUBTOTAL(9,${range})`,
  result,
});

/**
 * The 2025–26 budget with its salary budgets left for compute to derive (F4 742 500 kr, F5
 * 166 272 kr, the OH F7 100 877 kr), and row 8's total `formula` under `label`, showing the lines
 * as they stand before compute: 100 000 kr.
 */
function withTotal(
  formula: string,
  label: string,
  hiddenRows: readonly number[] = [],
): SheetSpec[] {
  return budgetWorkbook({ typedSalaries: false }).map((s) =>
    s.name === BUDGET
      ? {
          ...s,
          rows: [
            ...s.rows,
            ["", label, null, null, null, { formula, result: 100000 }],
          ],
          hiddenRows,
        }
      : s,
  );
}

/** Compute's copy: row 8's budget cell, and the cells LibreOffice works out otherwise. */
async function computed(spec: SheetSpec[]) {
  const out = computeBytes(await buildXlsx(spec));
  const copy = readXlsx(out);
  const total = copy.sheets.find((g) => g.name === BUDGET)!.rows[7]![5];
  const [calculated] = recalculateAllWithLibreOffice([out]);
  return {
    out,
    total: { f: total?.f, v: total?.v },
    differs: disagreements(copy, readXlsx(calculated!)).map((d) => d.at),
  };
}

test("a Summa of SUBTOTAL(9,…) shows, in compute's copy, the sum of the budgets compute writes; the copy checks as one with SUM does", async () => {
  const subtotal = await computed(withTotal("SUBTOTAL(9,F4:F7)", "Summa"));
  // 742 500 + 166 272 + 100 000 + 100 877: it showed 100 000 kr, and the copy said SUM_MISMATCH.
  expect(subtotal.total).toEqual({ f: "SUBTOTAL(9,F4:F7)", v: 1109649 });
  expect(subtotal.differs).toEqual([]);
  const copy = checkBytes(subtotal.out);
  const sum = checkBytes(
    (await computed(withTotal("SUM(F4:F7)", "Summa"))).out,
  );
  expect(codesOf(copy)).not.toContain("SUM_MISMATCH");
  expect({ periods: copy.periods, findings: codesOf(copy) }).toEqual({
    periods: sum.periods,
    findings: codesOf(sum),
  });
});

test("a SUBTOTAL(9,…) of the lines without a label is the total, as a SUM is, not a line counted on top of them", async () => {
  const unlabelled = checkBytes(
    await buildXlsx(withTotal("SUBTOTAL(9,F4:F7)", "")),
  );
  const sum = checkBytes(await buildXlsx(withTotal("SUM(F4:F7)", "")));
  // It was a line of 100 000 kr: 1 208 772 kr of direct costs in the half-year.
  expect(unlabelled.periods).toEqual(sum.periods);
  expect(unlabelled.periods[0]!.budget.direct).toBe(1008772);
  expect(codesOf(unlabelled)).toEqual(["TOTAL_NOT_LABELLED"]);
  expect(messageOf(unlabelled, "TOTAL_NOT_LABELLED")).toContain(
    "=SUBTOTAL(9,F4:F7)",
  );
  const copy = await computed(withTotal("SUBTOTAL(109,F4:F7)", ""));
  expect(copy.total.v).toBe(1109649);
  expect(copy.differs).toEqual([]);
});

test("over a hidden line, SUBTOTAL(109,…) leaves it out, as Excel does; SUBTOTAL(9,…) keeps the value the file holds, since a filtered row and a hidden one look alike in the file", async () => {
  // Row 6, the activities' 100 000 kr, hidden.
  const visible = await computed(
    withTotal("SUBTOTAL(109,F4:F7)", "Summa", [6]),
  );
  expect(visible.total.v).toBe(1009649);
  expect(visible.differs).toEqual([]);
  const filtered = await computed(withTotal("SUBTOTAL(9,F4:F7)", "Summa", [6]));
  expect(filtered.total.v).toBe(100000);
  expect(filtered.differs).toEqual([`${BUDGET}!R8C6`]);
});

test("a budget in sections, each closed by a SUBTOTAL and the whole by one over them all: each shows, in compute's copy, what Excel gives", async () => {
  const [details, budget, other] = budgetWorkbook({ typedSalaries: false });
  // The seed's half-year (period, headers, two salary lines, activities, OH), in sections.
  const [period, blank, headers, first, second, activities, oh] = budget!.rows;
  const closing = (label: string, range: string, shows: number) => [
    "",
    label,
    null,
    null,
    null,
    sub(range, shows),
  ];
  const sectioned: SheetSpec = {
    name: BUDGET,
    rows: [
      period!,
      blank!,
      headers!,
      first!,
      second!,
      closing("Delsumma lönekostnader", "F4:F5", 0),
      [],
      activities!,
      closing("Delsumma verksamhet", "F8:F8", 100000),
      oh!,
      closing("Summa", "F4:F10", 100000),
    ],
  };
  const out = computeBytes(await buildXlsx([details!, sectioned, other!]));
  const copy = readXlsx(out);
  const budgets = copy.sheets
    .find((g) => g.name === BUDGET)!
    .rows.map((row) => row?.[5])
    .filter((c) => c?.f?.startsWith("SUBTOTAL"))
    .map((c) => c!.v);
  // 742 500 + 166 272; 100 000; and with the OH of 100 877, 1 109 649.
  expect(budgets).toEqual([908772, 100000, 1109649]);
  const [calculated] = recalculateAllWithLibreOffice([out]);
  expect(disagreements(copy, readXlsx(calculated!))).toEqual([]);
  expect(codesOf(checkBytes(out))).not.toContain("SUM_MISMATCH");
});
