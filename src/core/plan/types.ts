// The write plan: exactly what an adapter writes into a workbook, and nothing else (SPEC §7).
// Pure data, so the xlsx adapter and the Office JavaScript API adapter apply the very same plan.

import type { DECISION_OWNER, SCENARIO_OWNER } from "../ownership";
import type { IsoDate } from "../reading/dates";

export type PlanValue =
  | { readonly kind: "number"; readonly value: number }
  /** Always written as text, never as a formula, whatever it starts with. */
  | { readonly kind: "text"; readonly value: string }
  /** A formula without its leading "=", with the value a spreadsheet computes from the cells. */
  | {
      readonly kind: "formula";
      readonly formula: string;
      readonly cached: number | string;
    }
  /**
   * A formula of the workbook's own, kept as it is (its element in a file, shared or not): only the
   * value it shows is new, what a spreadsheet working it out over the written cells shows. Planned
   * for a file only (withFormulasWorkedOut): Excel works the formula out itself.
   */
  | {
      readonly kind: "shown";
      readonly formula: string;
      readonly cached: number | string;
    }
  | { readonly kind: "date"; readonly iso: IsoDate };

export interface CellStyle {
  /** An invariant (en-US) Excel number format code, e.g. '#,##0 "kr"'. */
  readonly numberFormat?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontSize?: number;
  /** RGB hex without '#', e.g. "E2EFDA". */
  readonly fill?: string;
  readonly fontColor?: string;
  readonly wrap?: boolean;
  /** An input cell of a protected sheet: not locked, so it can be typed in. */
  readonly unlocked?: boolean;
  /**
   * The number format applies over the cell's own (the rest of its formatting stays): for a value
   * the cell's own format would misread (an amount in a percent or date cell).
   */
  readonly overOwnFormat?: boolean;
}

export interface CellWrite {
  /** Zero-based row and column. */
  readonly row: number;
  readonly col: number;
  readonly value: PlanValue;
  /**
   * In an edited sheet, applied only to a cell without formatting of its own (a person's
   * formatting wins); in a created sheet, always applied.
   */
  readonly style?: CellStyle;
}

/** A live visual mark: conditional formatting with a formula relative to the range's top-left cell. */
export interface ConditionalMark {
  readonly range: string;
  readonly formula: string;
  readonly fill: string;
  readonly fontColor: string;
}

export type Validation =
  | {
      readonly range: string;
      readonly kind: "list";
      readonly values: readonly string[];
      readonly message: string;
    }
  /** A custom rule: the formula, relative to the range's top-left cell, must be true. */
  | {
      readonly range: string;
      readonly kind: "custom";
      readonly formula: string;
      readonly message: string;
    };

export interface SheetEdit {
  readonly sheet: string;
  readonly cells: readonly CellWrite[];
  readonly marks: readonly ConditionalMark[];
}

export interface SheetCreate {
  readonly sheet: string;
  /** The sheet exists and is the add-in's own: it is rewritten whole. */
  readonly replaces?: boolean;
  /** A person's sheet with the name the add-in prefers, left alone: this one is written instead. */
  readonly kept?: string;
  /** Hidden from the sheet tabs (the add-in's data, `IOP-scenarier`). */
  readonly hidden?: boolean;
  /** The add-in's mark on the sheet where the host keeps one (Excel's custom property). */
  readonly owner?: typeof DECISION_OWNER | typeof SCENARIO_OWNER;
  readonly cells: readonly CellWrite[];
  /** Column widths in characters, from column A. */
  readonly columnWidths: readonly number[];
  /** Rows and columns frozen above/left of the scrolling area. */
  readonly freeze: { readonly rows: number; readonly cols: number } | null;
  readonly validations: readonly Validation[];
  readonly marks: readonly ConditionalMark[];
  /**
   * Protected without a password (a person can unprotect it on purpose): locked cells are the
   * ones without `unlocked`; rows may be inserted and deleted, columns formatted.
   */
  readonly protect?: boolean;
  /** Printing: landscape, one page wide, this text centred in the header. */
  readonly print?: { readonly header: string };
}

export interface WritePlan {
  /** Cells written into existing sheets: derived formulas, added columns. */
  readonly edits: readonly SheetEdit[];
  /** Sheets created, or replaced when a sheet of that name exists (the add-in's own `Beslut`). */
  readonly creates: readonly SheetCreate[];
}

export const AMOUNT_FORMAT = '#,##0 "kr"';
export const PLAIN_AMOUNT_FORMAT = "#,##0";
/** An amount whose 0 is not shown: a formula of the template's that waits for its inputs. */
export const UNTIL_FILLED_FORMAT = `${PLAIN_AMOUNT_FORMAT};-${PLAIN_AMOUNT_FORMAT};`;
/** The amount formats with öre, for an amount that has them. */
const WITH_ORE: Readonly<Record<string, string>> = {
  [AMOUNT_FORMAT]: '#,##0.00 "kr"',
  [PLAIN_AMOUNT_FORMAT]: "#,##0.00",
};
export const PERCENT_FORMAT = "0%";
/** A rate a person types (OH-sats, Pålägg): two decimals shown, 6,15 % as typed. */
export const RATE_INPUT_FORMAT = "0.00%";
/** A service percentage a person types: one decimal, 87,5 % as typed. */
export const GRADE_INPUT_FORMAT = "0.0%";

/** The number a planned value holds: a number, a formula's cached number; null for the rest. */
export function plannedNumber(value: PlanValue): number | null {
  if (value.kind === "number") return value.value;
  return (value.kind === "formula" || value.kind === "shown") &&
    typeof value.cached === "number"
    ? value.cached
    : null;
}

/** A percent format with the decimals a fraction needs (at most four): 0.3142 is 31.42%, not 31%. */
function percentFormatFor(v: number): string {
  const points = v * 100;
  for (let d = 0; d < 4; d++) {
    const scaled = points * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6)
      return d === 0 ? PERCENT_FORMAT : `0.${"0".repeat(d)}%`;
  }
  return "0.0000%";
}

/**
 * The style for a number cell holding `value`, so that the cell shows what the memo, the report
 * and the decision's text print: an amount with öre when it has them (147 335,50, not 147 336), a
 * percent with its decimals (31,42 %, not 31 %). A whole amount keeps whole kronor, as the seed's
 * tables show them; other formats are as given.
 */
export function numberStyleFor(
  style: CellStyle,
  value: PlanValue | number,
): CellStyle {
  const format = style.numberFormat;
  if (format === undefined) return style;
  const ore = WITH_ORE[format];
  if (!ore && format !== PERCENT_FORMAT) return style;
  const v = typeof value === "number" ? value : plannedNumber(value);
  if (v === null || !Number.isFinite(v)) return style;
  if (!ore) {
    const percent = percentFormatFor(v);
    return percent === format ? style : { ...style, numberFormat: percent };
  }
  // Whole öre (a cell may hold a fraction of one: a sum of typed cells).
  return Math.round(v * 100) % 100 !== 0
    ? { ...style, numberFormat: ore }
    : style;
}
export const DATE_FORMAT = "yyyy-mm-dd";
export const HEADER_STYLE: CellStyle = { bold: true, fill: "DDEBF7" };
export const OVERSPENT_MARK = { fill: "FFC7CE", fontColor: "9C0006" } as const;

export const text = (value: string): PlanValue => ({ kind: "text", value });
export const num = (value: number): PlanValue => ({ kind: "number", value });
/**
 * A template literal's text as one flat string. A plan holds a formula per line and column, and
 * V8 keeps a `${}` concatenation as a tree of its pieces (several times the memory of its text)
 * for as long as it lives: on a workbook of 100 000 lines that tree was most of the plan.
 */
export function flat(
  strings: TemplateStringsArray,
  ...values: unknown[]
): string {
  const parts: string[] = [strings[0]!];
  for (let i = 0; i < values.length; i++)
    parts.push(String(values[i]), strings[i + 1]!);
  return parts.join("");
}

export const formula = (f: string, cached: number | string): PlanValue => ({
  kind: "formula",
  formula: f,
  cached,
});

/**
 * A formula of many rows that differ only in their row number (`parts` joined by it), made when it
 * is read: a plan of thousands of such rows holds one text, not one each (a person's cost formula
 * is some 4 KB a half-year; 60 000 persons made 500 MB of plan).
 */
export function rowFormula(
  parts: readonly string[],
  row: number,
  cached: number | string,
): PlanValue {
  return {
    kind: "formula",
    get formula() {
      return parts.join(String(row));
    },
    cached,
  };
}

/** A sheet name quoted for a reference: 'Budget 2025 H2'!F4. */
export function sheetRef(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}
