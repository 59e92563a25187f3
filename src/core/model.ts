// The budget model read from a workbook: what people entered, with the cells it came from.

import type { IsoDate } from "./reading/dates";
import type { Category, ColumnKey, DetailKey } from "./reading/glossary";
import type { Ore } from "./figures/money";
import type { HalfYear } from "./reading/period";
import { a1 } from "./reading/grid";
import type { Person } from "./figures/payroll";

/** Where a value sits: a sheet and an A1 address. */
export interface CellRef {
  readonly sheet: string;
  readonly address: string;
}

export type Tolerance =
  | { readonly kind: "percent"; readonly ppm: number }
  | { readonly kind: "amount"; readonly amount: Ore };

export interface EarlierSurplus {
  readonly year: number;
  /** The last year of one amount for several ("Överskott 2022–2023": 2023); absent for one year. */
  readonly throughYear?: number;
  readonly amount: Ore;
  readonly cell: CellRef;
}

export interface Agreement {
  readonly sheet: string | null;
  readonly name: string | null;
  readonly caseNumber: string | null;
  readonly organisation: string | null;
  readonly orgNumber: string | null;
  readonly start: IsoDate | null;
  readonly end: IsoDate | null;
  /** The overhead rate in parts per million (10 % = 100 000), so that OH is computed exactly. */
  readonly overheadRatePpm: number | null;
  readonly repaymentDue: IsoDate | null;
  readonly reportDue: IsoDate | null;
  readonly tolerance: Tolerance | null;
  readonly earlierSurpluses: readonly EarlierSurplus[];
  /** `Avtalstyp` as written ("Förlängning", "Nytt avtal"); the decision's wording follows it. */
  readonly agreementType: string | null;
  /** True when `Avtalstyp` says the agreement extends an earlier one ("Förlängning"). */
  readonly extension: boolean;
  /** `Undertecknas av`: the administrations that sign, as listed ("a, b" or "a; b"). */
  readonly signatories: readonly string[];
  /** `Anslag`: where the grant comes from, e.g. "kommunstyrelsens anslag för projekt och utredningar". */
  readonly grantSource: string | null;
  /**
   * `Pålägg` (occupational pension, agreement insurances and other salary-related costs) in parts
   * per million, for `Lönekalkyl` (SPEC §4.19); null when not given.
   */
  readonly surchargePpm: number | null;
  /** The A1 address of each detail's value cell in `Uppgifter`. */
  readonly cells: Readonly<Partial<Record<DetailKey, string>>>;
}

export interface LineInput {
  /** The sheet's 1-based row. */
  readonly row: number;
  readonly category: Category;
  readonly label: string;
  /**
   * The label as its cell holds it, where that is not `label` (a space around it, a character not
   * seen): a SUMIF with the cell as its criterion matches that text, not the label.
   */
  readonly labelAsTyped?: string;
  /** Service percentage in millionths of a percent point (275 % = 275 000 000). */
  readonly servicePercentMicro: number | null;
  /** Months in millionths (6 = 6 000 000). */
  readonly monthsMicro: number | null;
  readonly monthlyCost: Ore | null;
  readonly budget: Ore | null;
  readonly actual: Ore | null;
  readonly variance: Ore | null;
  /** Cells whose content could not be read (already a finding); their values above are null. */
  readonly unreadable: readonly ColumnKey[];
  /** Formulas as found, for the write plan to tell the add-in's own formulas from a person's. */
  readonly formulas: Readonly<Partial<Record<ColumnKey, string>>>;
  /**
   * Columns whose cell on this line a merged area hides (Excel shows the area's top-left cell over
   * it): what-if offers no such cell, since a value written there would not be seen.
   */
  readonly hidden?: readonly ColumnKey[];
  /** The text in the table's comment column ("Kommentar", "Förklaring"), when the line has one. */
  readonly comment?: { readonly text: string; readonly cell: string };
  /** The actual's cell holds a lone dash ("–"): nothing spent, not an actual left out. */
  readonly actualDashed?: true;
  /**
   * The actual is a person's formula over the budgets, worked out from their figures (what it
   * shows once compute writes them); `actual` is that figure, not the value the cell shows.
   */
  readonly settledActual?: true;
  /** An OH line's % column holds a rate (10 % is 100 000 ppm), not a service percentage. */
  readonly overheadRatePpm?: number;
  /** Held to a granted budget (SPEC §4.15): the budget the report itself has; `budget` is the grant's. */
  readonly reportedBudget?: Ore | null;
  /**
   * Held to a grant that differs from its own budget, or granted and not reported: `budget` is the
   * grant's, and neither its persons in `Lönekalkyl` nor its own salary inputs cost it.
   */
  readonly heldToGrant?: true;
}

/** Whether a half-year's lines report any actual: a half-year without one is a budget. */
export function hasActuals(lines: readonly LineInput[]): boolean {
  return lines.some((l) => l.actual !== null);
}

export interface TotalRow {
  readonly row: number;
  readonly budget: Ore | null;
  readonly actual: Ore | null;
  readonly variance: Ore | null;
  /** The formulas of its amount cells, where it has any (the template's `SUM`s). */
  readonly formulas?: Readonly<Partial<Record<ColumnKey, string>>>;
  /**
   * The amounts of rows above it that carry money over from an earlier period (not lines): a
   * typed total may sum them too. Absent when there are none.
   */
  readonly carried?: { readonly budget: Ore; readonly actual: Ore };
  /**
   * Read as the total by its budget's SUM of the lines, not by its text (TOTAL_NOT_LABELLED):
   * compute leaves that SUM as it is, so that the copy reads as the workbook did.
   */
  readonly bySum?: true;
}

/**
 * A subtotal row ("Delsumma lönekostnader", or a "Summa …" with lines below it): not a line and not
 * the total; it sums the lines `from` (inclusive) to `to` (exclusive), those since the one before.
 */
export interface SubtotalRow extends TotalRow {
  readonly from: number;
  readonly to: number;
}

export interface HalfYearSheet {
  readonly sheet: string;
  readonly halfYear: HalfYear;
  /** 1-based row of the table's header. */
  readonly headerRow: number;
  /** 0-based column of each recognised column. */
  readonly columns: Readonly<Partial<Record<ColumnKey, number>>>;
  /**
   * Kronor per unit of the amount columns whose header names thousands or millions ("Budget
   * (tkr)": 1 000); absent for kronor. What is written there is written in that unit.
   */
  readonly units?: Readonly<Partial<Record<ColumnKey, number>>>;
  readonly lines: readonly LineInput[];
  readonly total: TotalRow | null;
  /** The subtotal rows, in order; absent when there are none. */
  readonly subtotals?: readonly SubtotalRow[];
  /** The A1 address of the Period value cell, when the half-year came from one. */
  readonly periodCell: string | null;
  /**
   * Every actual was written with a minus sign (ACTUALS_AS_NEGATIVES) and is read without it: the
   * sheet's own Differens (budget − the signed actual) is its arithmetic, not a mistake.
   */
  readonly actualsNegated?: true;
  /**
   * In a report held to grants, where this half-year's OH rate is not the model's (the first
   * grant's): its grant's rate (an extension of another rate), or, held to none, the report's own
   * (null: none, the OH as entered); in ppm.
   */
  readonly heldRatePpm?: number | null;
}

/** The OH rate of a half-year: its own where it is held apart (heldRatePpm), else the agreement's. */
export const rateOfHalfYear = (
  sheet: HalfYearSheet,
  agreement: Agreement,
): number | null =>
  sheet.heldRatePpm === undefined
    ? agreement.overheadRatePpm
    : sheet.heldRatePpm;

export interface BudgetWorkbook {
  readonly agreement: Agreement;
  readonly halfYears: readonly HalfYearSheet[];
  /** The persons of `Lönekalkyl` (SPEC §4.19), when the workbook has it. */
  readonly salaries?: SalarySheet | null;
  /** When the file was last saved (WorkbookSheets.savedAt), where its adapter can tell. */
  readonly savedAt?: string;
}

/** The A1 address of a column's cell on a table row (1-based), or null when the table lacks the column. */
export function cellOf(
  sheet: HalfYearSheet,
  row: number,
  key: ColumnKey,
): string | null {
  const col = sheet.columns[key];
  return col === undefined ? null : a1(row - 1, col);
}

/** The header cell of a column: where a finding of the whole column is said. */
export function headerCellOf(
  sheet: HalfYearSheet,
  key: ColumnKey,
): string | null {
  return cellOf(sheet, sheet.headerRow, key);
}

/** The columns of `Lönekalkyl` (SPEC §3.2a). */
export type SalaryColumn =
  | "post"
  | "name"
  | "birthYear"
  | "salary"
  | "grade"
  | "from"
  | "to"
  | "surcharge";

/** `Lönekalkyl` as read: its header and persons. */
/** The salary calculation's sheet as the template names it; a workbook may name it otherwise. */
export const SALARY_SHEET = "Lönekalkyl";

export interface SalarySheet {
  readonly sheet: string;
  /** 1-based row of the header. */
  readonly headerRow: number;
  /** 0-based column of each header found. */
  readonly columns: Readonly<Partial<Record<SalaryColumn, number>>>;
  /** Kronor per unit of the monthly salaries, where their header names one ("Månadslön (tkr)"). */
  readonly salaryUnit?: number;
  readonly persons: readonly Person[];
}
