// A line whose budget is a person's formula over a salary line the add-in derives ("Sociala
// avgifter" = ROUND(F5*0,3;0)): the salary cell is empty until compute writes it, so the formula
// shows 0 kr. The engine counted 0 kr while Excel, recalculating the computed copy, showed
// 49 882 kr: the decision granted 999 649 kr for a half-year whose workbook summed 1 054 519 kr.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readXlsx } from "../../src/xlsx/read";
import { checkBytes } from "../helpers/check";
import { budgetWorkbook } from "../helpers/seed";
import { buildXlsx } from "../helpers/workbook";
import { changedSheet, computeBytes } from "../helpers/compute";
import {
  recalculateWithLibreOffice,
  resaveWithLibreOffice,
} from "../helpers/libreoffice";

const BUDGET = readFileSync(
  join(__dirname, "..", "..", "samples", "jamlik-halsa-budget-2025-26.xlsx"),
);

/** The autumn's activity line made a share of the salary line above it, as saved with F5 empty. */
const social = changedSheet(BUDGET, "Budget 2025 H2", (xml) =>
  xml.replace(
    '<c r="F6" s="3"><v>100000</v></c>',
    '<c r="F6" s="3"><f>ROUND(F5*0.3,0)</f><v>0</v></c>',
  ),
);

const budgets = (bytes: Uint8Array) =>
  readXlsx(bytes)
    .sheets.find((g) => g.name === "Budget 2025 H2")!
    .rows.slice(3, 7)
    .map((row) => row?.[5]?.v ?? null);

test("a line's formula over a derived salary budget counts what it gives once the budget is written, in check, in compute's copy and in a spreadsheet's recalculation of it", () => {
  expect(budgets(social)).toEqual([null, null, 0, null]);
  const checked = checkBytes(social, "budget.xlsx");
  const autumn = checked.periods[0]!;
  // 166 272 × 0,3 = 49 881,6, rounded to 49 882; OH 10 % of 958 654.
  expect(autumn.lines.map((l) => l.budget)).toEqual([
    742_500, 166_272, 49_882, 95_865,
  ]);
  expect(autumn.budget).toMatchObject({ total: 1_054_519 });
  const computed = computeBytes(social);
  expect(budgets(computed)).toEqual([742_500, 166_272, 49_882, 95_865]);
  // The formula is the person's, as it was.
  expect(
    readXlsx(computed).sheets.find((g) => g.name === "Budget 2025 H2")!
      .rows[5]![5]!.f,
  ).toBe("ROUND(F5*0.3,0)");
  // Opened as it is, and worked out again: the same figures.
  expect(budgets(resaveWithLibreOffice(computed))).toEqual(budgets(computed));
  expect(budgets(recalculateWithLibreOffice(computed))).toEqual(
    budgets(computed),
  );
  // Checked again, nothing moves.
  expect(checkBytes(computed, "budget.xlsx").periods[0]!.budget).toEqual(
    autumn.budget,
  );
}, 60_000);

test("a person's subtotal over salary lines the add-in derives: compute writes it as it is, with the sum of the budgets it writes, which LibreOffice shows without recalculating", async () => {
  const [details, autumn, spring] = budgetWorkbook({ typedSalaries: false });
  const rows = [...autumn!.rows];
  rows.splice(5, 0, [
    null,
    "Delsumma lönekostnader",
    null,
    null,
    null,
    { formula: "SUM(F4:F5)", result: 0 },
  ]);
  const bytes = await buildXlsx([details!, { ...autumn!, rows }, spring!]);
  const checked = checkBytes(bytes, "budget.xlsx");
  expect(checked.periods[0]!.budget).toMatchObject({ total: 1_109_649 });
  const computed = computeBytes(bytes);
  const subtotal = (b: Uint8Array) =>
    readXlsx(b).sheets.find((g) => g.name === "Budget 2025 H2")!.rows[5]![5];
  expect(subtotal(computed)).toMatchObject({
    f: "SUM(F4:F5)",
    v: 742_500 + 166_272,
  });
  expect(subtotal(resaveWithLibreOffice(computed))).toMatchObject({
    v: 908_772,
  });
  expect(subtotal(recalculateWithLibreOffice(computed))).toMatchObject({
    v: 908_772,
  });
}, 60_000);

// A partner reporting the salary as budgeted, Utfall =F4, over a budget compute derives: the
// actual showed 0 kr until the copy was opened in Excel, and then 742 500 kr; the decision said 0.
test("an actual that is a formula over a derived budget counts what it gives once the budget is written, and compute's copy holds it", () => {
  const reported = changedSheet(BUDGET, "Budget 2025 H2", (xml) =>
    xml.replace(
      '<c r="E4" s="3"><v>45000</v></c></row>',
      '<c r="E4" s="3"><v>45000</v></c><c r="G4"><f>F4</f><v>0</v></c></row>',
    ),
  );
  const actuals = (bytes: Uint8Array) =>
    readXlsx(bytes).sheets.find((g) => g.name === "Budget 2025 H2")!.rows[3]!;
  const actualsOf = (bytes: Uint8Array) =>
    [5, 6, 7].map((c) => actuals(bytes)[c]?.v ?? null);
  expect(actualsOf(reported)).toEqual([null, 0, null]);
  const line = checkBytes(reported, "budget.xlsx").periods[0]!.lines[0]!;
  expect(line).toMatchObject({ budget: 742_500, actual: 742_500, variance: 0 });
  const computed = computeBytes(reported);
  expect(actualsOf(computed)).toEqual([742_500, 742_500, 0]);
  expect(
    readXlsx(computed).sheets.find((g) => g.name === "Budget 2025 H2")!
      .rows[3]![6]!.f,
  ).toBe("F4");
  expect(actualsOf(resaveWithLibreOffice(computed))).toEqual(
    actualsOf(computed),
  );
  expect(actualsOf(recalculateWithLibreOffice(computed))).toEqual(
    actualsOf(computed),
  );
}, 60_000);
