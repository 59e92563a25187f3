// The whole engine in one call: grids in → model, figures, findings and decision out.

import { compute } from "./compute";
import type { Computation } from "./figures";
import { decisionPoints } from "./decision";
import { type Finding, compareFindings } from "./findings";
import type { Grid } from "./grid";
import type { GrantedSource } from "./figures";
import type { BudgetWorkbook } from "./model";
import { readWorkbook } from "./read";

export interface Analysis {
  readonly workbook: BudgetWorkbook;
  readonly computation: Computation;
  readonly decision: readonly string[];
  /** Errors first, then warnings, then information; in reading order within each. */
  readonly findings: readonly Finding[];
  /** Set when the reported half-years were computed against a granted budget (SPEC §4.15). */
  readonly granted?: GrantedSource | null;
}

/** Grids in, or sheets one at a time (any iterable: each is read once and may then be let go). */
export function analyze(grids: { readonly sheets: Iterable<Grid> }): Analysis {
  const { workbook, findings: readFindings } = readWorkbook(grids);
  const findings = [...readFindings];
  const computation = compute(workbook, findings);
  const decision = decisionPoints(computation);
  return {
    workbook,
    computation,
    decision,
    findings: [...findings].sort(compareFindings),
    granted: null,
  }; // sort is stable: reading order stays
}
