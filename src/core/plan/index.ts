// The write plan of a computed workbook: half-year sheets edited, `Beslut` created or replaced.

import type { Analysis } from "../analyze";
import type { WorkbookGrids } from "../reading/grid";
import { type HalfYearPlan, planHalfYear } from "./halfyear";
import { dateRef, fractionRef, rateRef } from "./refs";
import { type Stamp, planDecisionSheet } from "./decision-sheet";
import { type SheetCreate, type SheetEdit, type WritePlan } from "./types";
import { type SalaryPlan, planSalaries } from "./salaries";
import { SheetView } from "./view";
import { decisionTarget, isRatesSheetName } from "../ownership";
import { isOwnRatesSheet, planRatesSheet } from "./rates";

export * from "./types";
export { MAX_TABLE_LINES, type Stamp } from "./decision-sheet";
export { STATUS_OVERSPENT, STATUS_WITHIN, rowRanges } from "./halfyear";
export { SheetView } from "./view";

/** The sheets a plan writes into or creates, by name: what the written file must read back. */
export function sheetsWritten(plan: WritePlan): string[] {
  return [
    ...plan.edits.map((e) => e.sheet),
    ...plan.creates.map((c) => c.sheet),
  ];
}

export function planWrite(
  grids: WorkbookGrids,
  analysis: Analysis,
  stamp: Stamp,
): WritePlan {
  const rate = rateRef(grids, analysis);
  const plans = new Map<string, HalfYearPlan>();
  const edits: SheetEdit[] = [];
  const creates: SheetCreate[] = [];
  const salaries = planSalaryCosts(grids, analysis);
  if (salaries) {
    edits.push(salaries.plan.edit);
    creates.push(salaries.rates);
  } else if (analysis.findings.some((f) => f.code === "RATE_TABLE_CHANGED"))
    // The add-in's rate table, changed by hand: written back, persons or not.
    creates.push(planRatesSheet(true));
  for (const h of analysis.computation.halfYears) {
    const grid = grids.sheets.find((g) => g.name === h.source.sheet);
    if (!grid) continue;
    const plan = planHalfYear(grid, h, rate, salaries?.plan.refs);
    if (!plan) continue;
    plans.set(h.source.sheet, plan);
    edits.push({ sheet: h.source.sheet, cells: plan.cells, marks: plan.marks });
  }
  const detailsGrid = grids.sheets.find(
    (g) => g.name === analysis.computation.agreement.sheet,
  );
  const decision = planDecisionSheet(
    analysis,
    plans,
    { view: detailsGrid ? new SheetView(detailsGrid) : null },
    stamp,
    decisionTarget(grids),
  );
  return { edits, creates: [decision, ...creates] };
}

/**
 * `Lönekalkyl`'s cost columns and the rate table they read, when the workbook has persons and
 * `Avgiftssatser` is free or the add-in's (a person's sheet of that name is left alone, and the
 * lines then get the figures as numbers).
 */
function planSalaryCosts(
  grids: WorkbookGrids,
  analysis: Analysis,
): { plan: SalaryPlan; rates: SheetCreate } | null {
  const salaries = analysis.workbook.salaries;
  if (!salaries || salaries.persons.length === 0) return null;
  const grid = grids.sheets.find((g) => g.name === salaries.sheet);
  const existing = grids.sheets.find((g) => isRatesSheetName(g.name));
  if (!grid || (existing && !isOwnRatesSheet(existing))) return null;
  const a = analysis.computation.agreement;
  const plan = planSalaries(
    grid,
    salaries,
    analysis,
    fractionRef(grids, a.sheet, a.cells.surcharge, a.surchargePpm),
    {
      start: dateRef(grids, a.sheet, a.cells.start, a.start),
      end: dateRef(grids, a.sheet, a.cells.end, a.end),
    },
  );
  return plan ? { plan, rates: planRatesSheet(existing !== undefined) } : null;
}
export * from "./template";
export * from "./summary";
