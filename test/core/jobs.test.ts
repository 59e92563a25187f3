// One call per job for every face: the analysis with what is laid over it, and compute's write.

import {
  type InputChange,
  analyseWorkbook,
  analyze,
  keyOfLine,
  parseA1,
  planCompute,
  planInputs,
  planWrite,
  readWorkbook,
} from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { STAMP } from "../helpers/compute";
import { budgetWorkbook, reportOnGrantSheets } from "../helpers/seed";
import { buildXlsx } from "../helpers/workbook";

const gridsOf = async (sheets: Parameters<typeof buildXlsx>[0]) =>
  readXlsx(await buildXlsx(sheets));

const change = (
  sheet: string,
  label: string,
  field: InputChange["field"],
  value: number,
): InputChange => ({
  sheet,
  line: keyOfLine({ category: "salary", label }),
  field,
  value,
});

describe("analyseWorkbook", () => {
  test("with nothing laid over: the analysis of the workbook itself", async () => {
    const grids = await gridsOf(budgetWorkbook());
    const laid = analyseWorkbook(grids);
    const plain = analyze(grids);
    expect(laid.analysis.findings).toEqual(plain.findings);
    expect(laid.analysis.computation.repayment).toEqual(
      plain.computation.repayment,
    );
    expect(laid.changes).toEqual([]);
  });

  test("a change to a line the workbook does not have is dropped, and nothing moves", async () => {
    const grids = await gridsOf(budgetWorkbook());
    const laid = analyseWorkbook(grids, {
      changes: [
        change("Budget 2025 H2", "Finns inte", "monthlyCost", 4_600_000),
      ],
    });
    expect(laid.changes).toEqual([]);
    expect(laid.analysis.computation.grantTotal).toBe(
      analyze(grids).computation.grantTotal,
    );
  });

  test("a what-if on a report held to a grant is held to the grant", async () => {
    const report = await gridsOf(reportOnGrantSheets({ activities: 130000 }));
    const granted = analyze(await gridsOf(budgetWorkbook()));
    const raise = [
      change("Utfall 2025 H2", "Hälsofrämjare", "monthlyCost", 4_600_000),
    ];
    const held = analyseWorkbook(report, {
      granted: [granted],
      changes: raise,
    });
    const own = analyseWorkbook(report, { changes: raise });
    expect(held.changes).toEqual(raise);
    expect(held.analysis.granted?.periods).toEqual(["2025-H2"]);
    // The grant's budget, not the report's raised one: what-if moves only what the grant allows.
    expect(held.analysis.computation.halfYears[0]!.budget.total).toBe(
      analyseWorkbook(report, { granted: [granted] }).analysis.computation
        .halfYears[0]!.budget.total,
    );
    expect(own.analysis.computation.halfYears[0]!.budget.total).not.toBe(
      held.analysis.computation.halfYears[0]!.budget.total,
    );
  });
});

describe("planCompute", () => {
  test("without changes: the plan of the workbook's own analysis", async () => {
    const grids = await gridsOf(budgetWorkbook());
    expect(planCompute(grids, STAMP, "excel")).toEqual(
      planWrite(grids, analyze(grids), STAMP),
    );
  });

  test("with what-if changes: the changed cells are written, and the figures follow them", async () => {
    const grids = await gridsOf(budgetWorkbook({ typedSalaries: false }));
    const raise = [
      change("Budget 2025 H2", "Hälsofrämjare", "monthlyCost", 4_600_000),
    ];
    const plan = planCompute(grids, STAMP, "excel", raise);
    const inputs = planInputs(grids, readWorkbook(grids).workbook, raise);
    expect(inputs.writes).toHaveLength(1);
    const { sheet, cell } = inputs.writes[0]!;
    const { row, col } = parseA1(cell)!;
    const written = plan.edits
      .filter((e) => e.sheet === sheet)
      .flatMap((e) => e.cells)
      .filter((c) => c.row === row && c.col === col);
    expect(written.map((c) => c.value)).toEqual([
      { kind: "number", value: 46000 },
    ]);
    expect(plan).not.toEqual(planCompute(grids, STAMP, "excel"));
  });
});
