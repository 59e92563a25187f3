// The write plan of a computed workbook: half-year sheets edited, `Beslut` created or replaced.

import type { Analysis } from "../analyze";
import { isPercentFormat } from "../dates";
import type { WorkbookGrids } from "../grid";
import { parseA1 } from "../grid";
import { type HalfYearPlan, type RateRef, planHalfYear } from "./halfyear";
import { type Stamp, planDecisionSheet } from "./decision-sheet";
import { type SheetEdit, type WritePlan, sheetRef } from "./types";
import { SheetView } from "./view";
import { decisionTarget } from "../ownership";

export * from "./types";
export { MAX_TABLE_LINES, type Stamp } from "./decision-sheet";
export { STATUS_OVERSPENT, STATUS_WITHIN, rowRanges } from "./halfyear";
export { SheetView } from "./view";

/** How the OH formulas refer to the rate: the `Uppgifter` cell when it holds a number. */
function rateRef(grids: WorkbookGrids, analysis: Analysis): RateRef | null {
  const a = analysis.computation.agreement;
  if (a.overheadRatePpm === null) return null;
  const literal: RateRef = {
    expression: String(a.overheadRatePpm / 1_000_000),
    ppm: a.overheadRatePpm,
  };
  const address = a.cells.overheadRate;
  const grid = grids.sheets.find((g) => g.name === a.sheet);
  const at = address ? parseA1(address) : null;
  const cell = at && grid ? grid.rows[at.row]?.[at.col] : undefined;
  if (!a.sheet || !address || cell?.t !== "n") return literal;
  const abs = address.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  const ref = `${sheetRef(a.sheet)}!${abs}`;
  // A percent cell or a plain fraction is the rate itself; a plain number above 1 is percent points.
  return {
    expression:
      isPercentFormat(cell.fmt) || Math.abs(cell.v) <= 1 ? ref : `${ref}/100`,
    ppm: a.overheadRatePpm,
  };
}

export function planWrite(
  grids: WorkbookGrids,
  analysis: Analysis,
  stamp: Stamp,
): WritePlan {
  const rate = rateRef(grids, analysis);
  const plans = new Map<string, HalfYearPlan>();
  const edits: SheetEdit[] = [];
  for (const h of analysis.computation.halfYears) {
    const grid = grids.sheets.find((g) => g.name === h.source.sheet);
    if (!grid) continue;
    const plan = planHalfYear(grid, h, rate);
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
  return { edits, creates: [decision] };
}
export * from "./template";
export * from "./summary";
