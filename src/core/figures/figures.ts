// The figures of a workbook as the engine computes them (SPEC §4), and the memo's tables: types
// only, so that the calculations, the tables and the decision read them without importing each other.

import type { IsoDate } from "../reading/dates";
import type { Category } from "../reading/glossary";
import type { Agreement, HalfYearSheet, LineInput } from "../model";
import type { Ore } from "./money";
import type { PersonCost } from "./payroll";
import type { HalfYear, HalfYearId } from "../reading/period";

export interface ComputedLine {
  readonly input: LineInput;
  /** The budget the figures use: the derived salary budget where it can be derived, else the entered one. */
  readonly effectiveBudget: Ore;
  readonly derivedBudget: Ore | null;
  readonly impliedMonthlyCost: Ore | null;
  /**
   * The service % the figures show (millionths of a point): on a line costed in `Lönekalkyl`, its
   * persons' grades together, as the template's SUMIF gives them and as its budget is costed;
   * else the cell's.
   */
  readonly servicePercentMicro: number | null;
  /** This line's share of the half-year's overhead (0 for overhead lines). */
  readonly overheadShare: Ore;
  readonly effectiveVariance: Ore | null;
  readonly overspent: boolean;
  /** The persons of `Lönekalkyl` on this line and their costs (SPEC §4.19); absent when none. */
  readonly salaries?: readonly PersonCost[];
  /**
   * The budget is a person's formula over other lines' budgets, worked out from their figures
   * (a derived salary budget its cell does not hold yet): what it shows once they are written.
   */
  readonly settled?: true;
}

export interface BudgetFigures {
  readonly direct: Ore;
  readonly overhead: Ore;
  readonly total: Ore;
}

export interface ActualFigures {
  readonly direct: Ore;
  readonly overhead: Ore;
  readonly eligibleOverhead: Ore;
  readonly total: Ore;
  readonly eligibleTotal: Ore;
}

export interface ComputedHalfYear {
  readonly source: HalfYearSheet;
  readonly halfYear: HalfYear;
  readonly lines: readonly ComputedLine[];
  readonly budget: BudgetFigures;
  readonly actual: ActualFigures | null;
  /**
   * The sheet's Differens is typed as actual − budget (an overspend positive) on every line that
   * has one: the opposite of the engine's budget − actual, and accepted as such (SPEC §4).
   */
  readonly varianceReversed: boolean;
}

export interface YearFigures {
  readonly year: number;
  readonly budget: Ore;
  readonly actual: Ore;
  readonly surplus: Ore;
  readonly partial: boolean;
  readonly halfYears: readonly HalfYearId[];
}

export interface RepaymentItem {
  readonly year: number;
  readonly amount: Ore;
  readonly source: "earlier" | "reported";
}

export interface Repayment {
  readonly items: readonly RepaymentItem[];
  readonly total: Ore;
  readonly due: IsoDate | null;
}

export interface Grant {
  readonly period: HalfYearId;
  readonly halfYear: HalfYear;
  readonly amount: Ore;
}

export interface GrantYear {
  readonly year: number;
  readonly amount: Ore;
  readonly periods: readonly HalfYearId[];
}

export interface Computation {
  readonly agreement: Agreement;
  readonly halfYears: readonly ComputedHalfYear[];
  readonly years: readonly YearFigures[];
  readonly repayment: Repayment;
  readonly grants: readonly Grant[];
  readonly grantYears: readonly GrantYear[];
  /** All grants of the workbook: the sum of the half-years' totals. */
  readonly grantTotal: Ore;
  /** Per reported year, per line: the memo's "Ekonomisk redovisning" table (made on each access). */
  readonly yearTables: readonly YearTable[];
  /** yearTables[index] alone, made on each call (a writer holds one year's table at a time). */
  yearTable(index: number): YearTable;
  /** The granted half-years per line (none or one table): the memo's "Budgetförslag" (made on each access). */
  readonly periodTables: readonly PeriodTable[];
}

/** Where a matched line is in one half-year. */
export interface LineAt {
  readonly halfYear: HalfYearId;
  readonly sheet: string;
  /** The sheet's 1-based row; null for the overhead of a half-year without an OH line. */
  readonly row: number | null;
}

export interface YearLine {
  readonly category: Category;
  readonly label: string;
  readonly budget: Ore;
  readonly actual: Ore | null;
  readonly variance: Ore | null;
  readonly overspent: boolean;
  readonly at: readonly LineAt[];
  /** The partner's comments on the line ("Förklaring"), half-year by half-year. */
  readonly comments: readonly {
    readonly halfYear: HalfYearId;
    readonly text: string;
  }[];
}

export interface YearTable {
  readonly year: number;
  readonly periods: readonly HalfYearId[];
  readonly partial: boolean;
  readonly lines: readonly YearLine[];
  /** The lines' sums (the memo's "Summa"). */
  readonly budget: Ore;
  readonly actual: Ore;
  readonly variance: Ore;
  /** The year's eligible actual and surplus (SPEC §4.7–4.8); differ from the sums only when OH was capped. */
  readonly eligibleActual: Ore;
  readonly surplus: Ore;
  /** Surpluses of earlier years still to repay ("Överskott från 2023"). */
  readonly earlier: readonly RepaymentItem[];
  /** earlier + this year's surplus when positive ("Totalt att återbetala"). */
  readonly toRepay: Ore;
}

export interface PeriodLine {
  readonly category: Category;
  readonly label: string;
  /** Equal across the half-years, or the person-month weighted mean (then `weighted`). */
  readonly servicePercentMicro: number | null;
  readonly weighted: boolean;
  /** Summed over the half-years; a line without months counts its half-years' six. */
  readonly monthsMicro: number;
  readonly amount: Ore;
  readonly at: readonly LineAt[];
}

export interface PeriodTable {
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly periods: readonly HalfYearId[];
  readonly lines: readonly PeriodLine[];
  readonly overhead: Ore;
  readonly overheadMonthsMicro: number;
  /** Where each half-year's OH is (its single OH line, or none). */
  readonly overheadAt: readonly LineAt[];
  readonly total: Ore;
}

/** What the figures were computed against, for the JSON and the pane. */
export interface GrantedSource {
  /** The granted budgets' half-years the report was held to. */
  readonly periods: readonly HalfYearId[];
  /** The half-years held to each grant, in the order the grants were given. */
  readonly byGrant: readonly (readonly HalfYearId[])[];
  readonly caseNumber: string | null;
}
