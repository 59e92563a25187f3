// The write of `compute`, one call for every face: kept apart from the analysis (jobs.ts) so
// that the pane loads the write plan only when a write is asked for.

import { type Analysis, analyze } from "../analyze";
import {
  type InputChange,
  mergePlans,
  planInputs,
  withInputs,
} from "../modelling/whatif";
import type { WorkbookGrids } from "../reading/grid";
import { readWorkbook } from "../reading/read";
import { type Stamp, planWrite } from "./index";
import type { WritePlan } from "./types";

/**
 * The write of `compute`: formulas and values from the workbook's own budget (never a grant's), the
 * what-if changes written as the cells' values, and the stamp. `own` saves analysing again when the
 * face has the workbook's own analysis at hand.
 */
export function planCompute(
  grids: WorkbookGrids,
  stamp: Stamp,
  changes: readonly InputChange[] = [],
  own: Analysis | null = null,
): WritePlan {
  if (changes.length === 0)
    return planWrite(grids, own ?? analyze(grids), stamp);
  const model = readWorkbook(grids).workbook;
  const patched = withInputs(grids, model, changes);
  return mergePlans(
    planInputs(grids, model, changes).plan,
    planWrite(patched, analyze(patched), stamp),
  );
}
