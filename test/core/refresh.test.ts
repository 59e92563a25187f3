// The values a file's own formulas show once compute's plan is written (withFormulasWorkedOut):
// none to work out is the plan as it was, and a crafted workbook whose formulas would read
// billions of cells is bounded.

import type { Cell, WorkbookGrids, WritePlan } from "../../src/core";
import { planCompute } from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { STAMP } from "../helpers/compute";
import { budgetWorkbook } from "../helpers/seed";
import { buildXlsx } from "../helpers/workbook";

const budget = async () =>
  readXlsx(await buildXlsx(budgetWorkbook({ typedSalaries: false })));

/** The workbook with a sheet of `count` formulas, each `formula`, 100 to a row. */
const withFormulas = (
  grids: WorkbookGrids,
  count: number,
  formula = "SUM('Budget 2025 H2'!F1:F10000)",
): WorkbookGrids => ({
  ...grids,
  sheets: [
    ...grids.sheets,
    {
      name: "Summor",
      rows: Array.from({ length: Math.ceil(count / 100) }, (_, r) =>
        Array.from({ length: Math.min(100, count - r * 100) }, (): Cell => ({
          t: "n",
          v: 0,
          f: formula,
        })),
      ),
    },
  ],
});

const shownCount = (plan: WritePlan) =>
  plan.edits.flatMap((e) => e.cells).filter((c) => c.value.kind === "shown")
    .length;

test("a workbook without formulas of its own that compute does not write: the file's plan is the add-in's", async () => {
  const grids = await budget();
  expect(planCompute(grids, STAMP, "file")).toEqual(
    planCompute(grids, STAMP, "excel"),
  );
});

test("formulas that read 10 million cells in all are worked out; 30 million are not, and keep what they showed", async () => {
  const grids = await budget();
  const some = planCompute(withFormulas(grids, 1000), STAMP, "file");
  expect(shownCount(some)).toBe(1000);
  // 742 500 + 166 272 + 100 000 + 100 877.
  expect(
    some.edits.find((e) => e.sheet === "Summor")?.cells[999]?.value,
  ).toEqual({
    kind: "shown",
    formula: "SUM('Budget 2025 H2'!F1:F10000)",
    cached: 1109649,
  });
  const many = withFormulas(grids, 3000);
  expect(planCompute(many, STAMP, "file")).toEqual(
    planCompute(many, STAMP, "excel"),
  );
});

test("more than 20 000 formulas of its own, or more than a million characters of them: none is worked out", async () => {
  const grids = await budget();
  const cell = "'Budget 2025 H2'!F4";
  expect(
    shownCount(planCompute(withFormulas(grids, 20_000, cell), STAMP, "file")),
  ).toBe(20_000);
  const many = withFormulas(grids, 20_001, cell);
  expect(planCompute(many, STAMP, "file")).toEqual(
    planCompute(many, STAMP, "excel"),
  );
  // 8 000 characters each: 125 are a million, and more are past it.
  const long = `${cell}&"${"x".repeat(7978)}"`;
  expect(long).toHaveLength(8000);
  const longer = withFormulas(grids, 126, long);
  expect(planCompute(longer, STAMP, "file")).toEqual(
    planCompute(longer, STAMP, "excel"),
  );
  expect(
    shownCount(planCompute(withFormulas(grids, 125, long), STAMP, "file")),
  ).toBe(125);
});
