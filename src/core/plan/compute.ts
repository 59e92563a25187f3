// The write of `compute`, one call for every face: kept apart from the analysis (jobs.ts) so
// that the pane loads the write plan only when a write is asked for.

import { type Analysis, analyze } from "../analyze";
import {
  type InputChange,
  mergePlans,
  planInputs,
  withInputs,
} from "../modelling/whatif";
import type { BudgetWorkbook } from "../model";
import type { WorkbookGrids } from "../reading/grid";
import { readWorkbook } from "../reading/read";
import { type Stamp, planWrite } from "./index";
import { withFormulasWorkedOut } from "./refresh";
import type { WritePlan } from "./types";

/**
 * Where the plan is written: a file keeps each formula's last value, so the workbook's own formulas
 * that read what is written get their new ones; Excel works them out itself.
 */
export type WrittenTo = "file" | "excel";

/**
 * The write of `compute`: formulas and values from the workbook's own budget (never a grant's), the
 * what-if changes written as the cells' values, and the stamp. `own` saves analysing again when the
 * face has the workbook's own analysis at hand.
 */
export function planCompute(
  grids: WorkbookGrids,
  stamp: Stamp,
  to: WrittenTo,
  changes: readonly InputChange[] = [],
  own: Analysis | null = null,
): WritePlan {
  let plan: WritePlan;
  let model: BudgetWorkbook;
  if (changes.length === 0) {
    const analysis = own ?? analyze(grids);
    model = analysis.workbook;
    plan = planWrite(grids, analysis, stamp);
  } else {
    model = readWorkbook(grids).workbook;
    const patched = withInputs(grids, model, changes);
    plan = mergePlans(
      planInputs(grids, model, changes).plan,
      planWrite(patched, analyze(patched), stamp),
    );
  }
  return to === "file" ? withFormulasWorkedOut(grids, plan, model) : plan;
}
