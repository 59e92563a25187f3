// What the add-in owns in a workbook, recognised by marks and shapes rather than by name or exact
// text: a person's sheet called `Beslut` is theirs, and a formula Excel or LibreOffice normalised
// (or a row insertion left short) is still the add-in's own.

import type { Cell, Grid, WorkbookGrids } from "./reading/grid";

/** The add-in's output sheet, and the names it falls back to when a person's sheet has the name. */
export const DECISION_SHEET = "Beslut";
const FALLBACK = (n: number) =>
  n === 1 ? "Beslut (IOP)" : `Beslut (IOP ${n})`;

/** The add-in's hidden sheet of named scenarios (SPEC §4.18). */
export const SCENARIO_SHEET = "IOP-scenarier";

/** The scenario sheet's name, or a fallback the add-in chose beside a person's sheet of that name. */
export function isScenarioSheetName(name: string): boolean {
  return /^\s*iop-scenarier(\s*\(\d+\))?\s*$/i.test(name);
}

/** The first words of the scenario sheet's A1: its mark in a file, under whatever name. */
export const SCENARIO_MARK = "Scenarier sparade av iop-budget.";

/** The custom property's value on the scenario sheet (on Beslut it is "Beslut"). */
export const SCENARIO_OWNER = "Scenarier";

/**
 * The add-in's scenario sheet, whatever it is called now: the Excel custom property, or the mark
 * in A1 that every adapter reads.
 */
export function isOwnScenarioSheet(grid: Grid): boolean {
  return grid.owner === SCENARIO_OWNER || isScenarioMark(grid.rows[0]?.[0]);
}

/** The scenario sheet's A1: its mark. */
export function isScenarioMark(a1: Cell | undefined): boolean {
  return a1?.t === "s" && a1.v.startsWith(SCENARIO_MARK);
}

/** The add-in's rate table for `Lönekalkyl` (SPEC §4.19), rewritten on each compute. */
export const RATES_SHEET = "Avgiftssatser";

/** The rate table: the add-in's, never read as a half-year. */
export function isRatesSheetName(name: string): boolean {
  return name.trim().toLowerCase() === RATES_SHEET.toLowerCase();
}

/** The template's worked example (read-only), never read as a half-year. */
export const EXAMPLE_SHEET = "Exempel";

/**
 * The case the template's example shows (the seed's): on `Exempel` and in the instructions only.
 * `Uppgifter` with these details in a workbook that has `Exempel` is the template, not yet filled.
 */
export const EXAMPLE_CASE = {
  name: "Jämlik hälsa Lindängen",
  organisation: "Rädda Barnen",
  orgNumber: "802002-8638",
  caseNumber: "STK-2020-1375",
} as const;

export function isExampleSheetName(name: string): boolean {
  return name.trim().toLowerCase() === EXAMPLE_SHEET.toLowerCase();
}

/** The worksheet custom property (ExcelApi 1.12) that marks the add-in's `Beslut` in Excel. */
export const OWNER_PROPERTY = "iop-budget";
/** The custom property that marks the add-in's scenario sheet in Excel, under whatever name. */
export const SCENARIO_PROPERTY = "iop-budget-scenarier";

/** The stamp that `Beslut` carries in A2; a file read by any adapter shows it. */
export const STAMP_PREFIX = "Skapat ";
const STAMP_MARK = / av iop-budget \S+ från /;

/** A sheet name the add-in may use for its output: never read as input. */
export function isDecisionSheetName(name: string): boolean {
  return /^\s*beslut(\s*\(iop(\s+\d+)?\))?\s*$/i.test(name);
}

/** The custom property's value on the add-in's decision sheet. */
export const DECISION_OWNER = "Beslut";

/** The add-in wrote this sheet: the Excel custom property, or its stamp in the first rows. */
export function isOwnDecisionSheet(grid: Grid): boolean {
  if (grid.owner === DECISION_OWNER) return true;
  for (let r = 0; r < 3; r++) {
    const cell = grid.rows[r]?.[0];
    if (
      cell?.t === "s" &&
      cell.v.startsWith(STAMP_PREFIX) &&
      STAMP_MARK.test(cell.v)
    )
      return true;
  }
  return false;
}

export interface DecisionTarget {
  /** The sheet to write. */
  readonly sheet: string;
  /** It exists and is the add-in's: it is rewritten whole. */
  readonly replaces: boolean;
  /** A person's sheet that has the preferred name and is left alone. */
  readonly kept: string | null;
}

/** Where `Beslut` goes: the add-in's own sheet, or the first free fallback name. */
export function decisionTarget(grids: WorkbookGrids): DecisionTarget {
  const byName = new Map(grids.sheets.map((g) => [g.name.toLowerCase(), g]));
  const preferred = byName.get(DECISION_SHEET.toLowerCase());
  const kept =
    preferred && !isOwnDecisionSheet(preferred) ? preferred.name : null;
  for (let n = 0; ; n++) {
    const name = n === 0 ? DECISION_SHEET : FALLBACK(n);
    const existing = byName.get(name.toLowerCase());
    if (!existing) return { sheet: name, replaces: false, kept };
    if (isOwnDecisionSheet(existing))
      return { sheet: existing.name, replaces: true, kept };
  }
}

/**
 * A formula's shape: sheet names unquoted, `$` and spaces dropped, case folded, every cell
 * reference or range list a placeholder, and a rate (a number, a reference, or either /100) one
 * placeholder. Two formulas of one shape do the same thing to possibly other cells.
 */
export function formulaShape(formula: string): string {
  // String literals ("Överskriden") are kept; outside them the rest is normalised.
  return formula
    .replace(/^=/, "")
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part.toUpperCase()
        : part
            .replace(/[\s$]+/g, "")
            .toUpperCase()
            .replace(/'(?:[^']|'')+'!|[A-Z0-9_.\u00C0-\u024F]+!/g, "S!")
            .replace(
              /(?<![A-Z0-9_])(?:S!)?[A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?/g,
              "R",
            )
            .replace(/R(?:,R)+/g, "R")
            .replace(/R\/100/g, "R")
            // A literal rate is a rate like a reference; ROUND's digits (after a comma) stay.
            .replace(/(?<![,\w.])\d+(?:\.\d+)?(?:E-?\d+)?/g, "R"),
    )
    .join("");
}

/** An existing formula is the add-in's own when it has the shape of the one it would write. */
export function isOwnFormula(existing: string, expected: string): boolean {
  return formulaShape(existing) === formulaShape(expected);
}

/** The shape of the add-in's overspent mark rule, as Excel or a file gives it back. */
const MARK_SHAPE = formulaShape("AND(ISNUMBER($G4),$G4>$F4)");

export function isOwnMarkFormula(formula: string): boolean {
  return formulaShape(formula) === MARK_SHAPE;
}

/** The add-in's own OH formula: the rate times a SUM of the direct lines, rounded to kronor. */
const OVERHEAD_SHAPE = formulaShape("ROUND('Uppgifter'!$B$7*SUM(F4:F6),0)");

export function isOwnOverheadFormula(formula: string): boolean {
  return formulaShape(formula) === OVERHEAD_SHAPE;
}

/** The add-in's own total: a SUM of one range, which compute rewrites over the lines as they are. */
const TOTAL_SHAPE = formulaShape("SUM(F4:F6)");

export function isOwnTotalFormula(formula: string): boolean {
  return formulaShape(formula) === TOTAL_SHAPE;
}

/**
 * The add-in's own budget formula of a line costed in `Lönekalkyl`: the SUMIF of its persons'
 * costs, in kronor or divided to the column's unit ("/1000" under "Budget (tkr)").
 */
const SALARY_CALC_SHAPES = new Set(
  [
    "SUMIF('Lönekalkyl'!$A$4:$A$7,B5,'Lönekalkyl'!$I$4:$I$7)",
    "SUMIF('Lönekalkyl'!$A$4:$A$7,B5,'Lönekalkyl'!$I$4:$I$7)/1000",
  ].map(formulaShape),
);

export function isOwnSalaryCalcFormula(formula: string): boolean {
  return SALARY_CALC_SHAPES.has(formulaShape(formula));
}

/**
 * The add-in's own service % of a line costed in `Lönekalkyl`: the grades of its persons who cost
 * something in the half-year (SUMIFS); or, as earlier versions wrote it, of all its persons (SUMIF).
 */
export const SALARY_PERCENT_FORMULA = (
  grades: string,
  posts: string,
  post: string,
  costs: string,
): string => `SUMIFS(${grades},${posts},${post},${costs},">0")`;

const SALARY_PERCENT_SHAPES = new Set(
  [
    SALARY_PERCENT_FORMULA(
      "'Lönekalkyl'!$E$4:$E$7",
      "'Lönekalkyl'!$A$4:$A$7",
      "B5",
      "'Lönekalkyl'!$I$4:$I$7",
    ),
    "SUMIF('Lönekalkyl'!$A$4:$A$7,B5,'Lönekalkyl'!$E$4:$E$7)",
  ].map(formulaShape),
);

export function isOwnSalaryPercentFormula(formula: string): boolean {
  return SALARY_PERCENT_SHAPES.has(formulaShape(formula));
}
