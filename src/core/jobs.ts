// The whole job, one call per use, for every face (the CLI, the pane, the page and the ribbon):
// a workbook analysed with what is laid over it (and, in plan/compute.ts, the write of `compute`).
// A face reads the grids its own way and renders the result; it does not put the steps together.

import { type Analysis, analyze } from "./analyze";
import { analyzeAgainstGranted } from "./case/granted";
import {
  type Grid,
  type WorkbookSheets,
  type WorkbookGrids,
  gridOf,
} from "./reading/grid";
import { readWorkbook } from "./reading/read";
import type { BudgetWorkbook } from "./model";
import { type Scenario, applyScenario } from "./modelling/scenario";
import { type InputChange, liveChanges, withInputs } from "./modelling/whatif";

/** What an analysis lays over the workbook's cells, and what it is held to. */
export interface LaidOver {
  /**
   * The granted budgets a report is held to (SPEC §4.15), whatever else is laid over: each
   * reported half-year to the first that budgets it.
   */
  readonly granted?: readonly Analysis[] | null;
  /** A stored scenario (SPEC §4.18): its inputs in place of the cells'. */
  readonly scenario?: Scenario | null;
  /** What-if changes (SPEC §4.17), after a scenario's. */
  readonly changes?: readonly InputChange[];
  /**
   * The model of these grids as read, when the face has it (an analysis's `workbook`): spares
   * reading the cells again on each what-if keystroke. Not used under a scenario.
   */
  readonly model?: BudgetWorkbook;
}

export interface Analysed {
  /** The figures and findings with everything laid over. */
  readonly analysis: Analysis;
  /** The what-if changes that apply (a change to a line the workbook no longer has is dropped). */
  readonly changes: readonly InputChange[];
  /** How many of the scenario's inputs differ from the cells. */
  readonly scenarioChanges: number;
  /** The scenario's lines the workbook no longer has ("Budget 2026 H1: Hälsofrämjare"). */
  readonly missing: readonly string[];
}

/**
 * A workbook analysed: as it is, or with a scenario and what-if changes laid over its cells, held
 * to a granted budget where one is given. Without anything laid over, the sheets may come one at a
 * time, and a row at a time (each is read once).
 */
export function analyseWorkbook(
  grids: WorkbookSheets,
  over: LaidOver = {},
): Analysed {
  const judged = (g: WorkbookSheets) =>
    over.granted?.length ? analyzeAgainstGranted(g, over.granted) : analyze(g);
  const wanted = over.changes ?? [];
  if (!over.scenario && wanted.length === 0)
    return {
      analysis: judged(grids),
      changes: [],
      scenarioChanges: 0,
      missing: [],
    };
  // Each sheet whole as it is reached (a streamed one's rows are taken before the next sheet's).
  const whole: Grid[] = [];
  for (const s of grids.sheets) whole.push(gridOf(s));
  let patched: WorkbookGrids = { sheets: whole };
  let scenarioChanges = 0;
  let missing: readonly string[] = [];
  if (over.scenario) {
    const applied = applyScenario(patched, over.scenario);
    patched = applied.grids;
    scenarioChanges = applied.changes.length;
    missing = applied.missing;
  }
  // The cells are the workbook's own, also when its figures are held to a grant.
  const model =
    over.model && !over.scenario ? over.model : readWorkbook(patched).workbook;
  const changes = liveChanges(model, wanted);
  if (changes.length > 0) patched = withInputs(patched, model, changes);
  return { analysis: judged(patched), changes, scenarioChanges, missing };
}
