// The whole engine in one call: grids in → model, figures, findings and decision out.

import { checkFigures } from "./checks";
import { compute } from "./figures/compute";
import { decisionPoints } from "./case/decision";
import type { Computation, GrantedSource } from "./figures/figures";
import { type Finding, compareFindings } from "./findings/findings";
import type { WorkbookSheets } from "./reading/grid";
import type { BudgetWorkbook } from "./model";
import { readWorkbook } from "./reading/read";

export interface Analysis {
  readonly workbook: BudgetWorkbook;
  readonly computation: Computation;
  readonly decision: readonly string[];
  /** Errors first, then warnings, then information; in reading order within each. */
  readonly findings: readonly Finding[];
  /** Set when the reported half-years were computed against a granted budget (SPEC §4.15). */
  readonly granted?: GrantedSource | null;
}

/** Sheets in, whole or a row at a time (any iterable: each is read once and may then be let go). */
export function analyze(grids: WorkbookSheets): Analysis {
  const { workbook, findings } = readWorkbook(grids);
  return judge(workbook, { model: workbook, findings, granted: null });
}

/**
 * The figures of `model` (the workbook itself, or the workbook held to a grant) and every check of
 * them, after the findings met on the way (reading, the grant).
 */
export function judge(
  workbook: BudgetWorkbook,
  on: {
    readonly model: BudgetWorkbook;
    readonly findings: readonly Finding[];
    readonly granted: GrantedSource | null;
  },
): Analysis {
  const computation = compute(on.model);
  const findings = [...on.findings, ...checkFigures(on.model, computation)];
  return {
    workbook,
    computation,
    decision: decisionPoints(computation),
    // sort is stable: reading order stays
    findings: findings.sort(compareFindings),
    granted: on.granted,
  };
}
