// Everything the pane computes with, loaded after its first screen (usePane's engine chunk).

export {
  analyseWorkbook,
  applyScenario,
  compareAnalyses,
  fieldName,
  findScenario,
  grantsAsShown,
  grantsInOrder,
  hasFigures,
  lostScenarios,
  planInputs,
  planScenarioSave,
  readScenarios,
  readWorkbook,
  scenarioSheet,
  selectionFor,
  shownFileName,
  stampTime,
  withInputs,
} from "../core";
export {
  figuresView,
  findingsView,
  movesBetween,
  writeSummary,
} from "./viewmodel";
export {
  addChange,
  comparisonView,
  invalidInput,
  inputsSummary,
  modelView,
  salaryView,
  withWhatIf,
} from "./modelling";
