// What-if (SPEC §4.17): a line's inputs changed without touching the workbook. The changes are laid
// over the grids the workbook was read into, so the whole engine (findings, half-years, years,
// grants, repayment) runs on them unchanged, and the same changes become a write plan.

import type { Cell, Grid, WorkbookGrids } from "../reading/grid";
import {
  type LineInput,
  type BudgetWorkbook,
  type HalfYearSheet,
  cellOf,
} from "../model";
import { keyOfLine } from "../figures/tables";
import {
  amountFactor,
  amountText,
  monthsOfText,
  parseNumberText,
  withoutMonthWord,
  withoutPerMonth,
} from "../reading/values";
import {
  type CellStyle,
  type CellWrite,
  type WritePlan,
  PERCENT_FORMAT,
  PLAIN_AMOUNT_FORMAT,
  numberStyleFor,
  num,
} from "../plan/types";
import { isDateFormat, isPercentFormat } from "../reading/dates";

/** The inputs of a line a person may change: each is a column of the half-year's table. */
export type InputField = "servicePercent" | "months" | "monthlyCost" | "budget";

export const INPUT_FIELDS: readonly InputField[] = [
  "servicePercent",
  "months",
  "monthlyCost",
  "budget",
];

/**
 * One changed input. The line is named by its half-year sheet and its key (category + label, as
 * the tables match lines), so a change survives rows inserted above it while the pane follows.
 * The value is in the model's units: millionths of a percent point or of a month, öre.
 */
export interface InputChange {
  readonly sheet: string;
  readonly line: string;
  readonly field: InputField;
  readonly value: number;
}

/** The model's value of a line's input (millionths or öre), null when the cell is empty. */
export function inputValue(line: LineInput, field: InputField): number | null {
  switch (field) {
    case "servicePercent":
      return line.servicePercentMicro;
    case "months":
      return line.monthsMicro;
    case "monthlyCost":
      return line.monthlyCost;
    case "budget":
      return line.budget;
  }
}

/**
 * The inputs of a line that what-if may change: those with a column in the table and no formula
 * in the cell (a formula is computed, by the add-in or by a person, and is never overwritten), nor
 * a merged area over it (a value written there would not be seen).
 * Salary lines change by service %, months and monthly cost, their budget only when typed; other
 * lines by their budget; the overhead line not at all (it follows the rate).
 */
export function editableFields(
  sheet: HalfYearSheet,
  line: LineInput,
): readonly InputField[] {
  if (line.category === "overhead") return [];
  const salary = line.category === "salary";
  return INPUT_FIELDS.filter(
    (f) =>
      sheet.columns[f] !== undefined &&
      !line.formulas[f] &&
      !line.hidden?.includes(f) &&
      (f === "budget" ? !salary || line.budget !== null : salary),
  );
}

/**
 * The text a person types for a value, read as the model's value; null when it is not one.
 * Money may be "45 000 kr", "45000", "45 tkr" or "0,2 Mkr".
 */
export function parseInput(field: InputField, text: string): number | null {
  // As a line's cell reads it (SPEC §3.3): "45 tkr", "45.000", "45 000 kr/mån", "jul–dec", "6 mån".
  const named = field === "months" ? monthsOfText(text) : null;
  if (named !== null) return named * 1_000_000;
  const amount =
    field === "budget"
      ? amountText(text, 1)
      : field === "monthlyCost"
        ? amountText(withoutPerMonth(text), 1)
        : null;
  const n = parseNumberText(
    field === "months" ? withoutMonthWord(text) : (amount?.text ?? text),
  );
  if (!n || !Number.isFinite(n.value) || n.value < 0) return null;
  switch (field) {
    case "servicePercent": {
      // "300" and "300 %" both mean 300 percent points here: the pane's field is in per cent.
      const micro = Math.round(n.value * 1_000_000);
      return micro > 0 && n.value <= 100_000 ? micro : null;
    }
    case "months": {
      const micro = Math.round(n.value * 1_000_000);
      return !n.percent && micro > 0 && micro <= 6_000_000 ? micro : null;
    }
    default:
      return n.percent
        ? null
        : Math.round(n.value * (amount?.factor ?? 1) * 100);
  }
}

/** A model value as the number a diff or a scenario shows: percent points, months, kronor. */
export function displayValue(field: InputField, value: number): number {
  return field === "monthlyCost" || field === "budget"
    ? value / 100
    : value / 1_000_000;
}

/** The model value of a shown number (the inverse of displayValue). */
export function modelValue(field: InputField, shown: number): number {
  return Math.round(
    shown * (field === "monthlyCost" || field === "budget" ? 100 : 1_000_000),
  );
}

interface Located {
  readonly sheet: HalfYearSheet;
  readonly line: LineInput;
  readonly change: InputChange;
  /** Zero-based. */
  readonly row: number;
  readonly col: number;
}

/**
 * The changes that still apply to the workbook as read: the line exists, the field may be changed,
 * and the value differs from the cell's. Others are dropped (the line was removed, or a person
 * typed the same value meanwhile).
 */
export function liveChanges<C extends InputChange>(
  workbook: BudgetWorkbook,
  changes: readonly C[],
): C[] {
  return locate(workbook, changes).live.map((l) => l.change);
}

/**
 * The changes matched to the workbook's lines: those that change a cell (the last change of a
 * field wins), and those whose line or input the workbook no longer has. A change to the value a
 * cell already holds is neither.
 */
export function matchChanges<C extends InputChange>(
  workbook: BudgetWorkbook,
  changes: readonly C[],
): { live: C[]; unmatched: C[] } {
  const { live, unmatched } = locate(workbook, changes);
  return { live: live.map((l) => l.change), unmatched };
}

function locate<C extends InputChange>(
  workbook: BudgetWorkbook,
  changes: readonly C[],
): { live: (Located & { change: C })[]; unmatched: C[] } {
  const live: (Located & { change: C })[] = [];
  const unmatched: C[] = [];
  if (changes.length === 0) return { live, unmatched };
  const bySheet = new Map<string, Map<string, LineInput>>();
  const sheets = new Map(workbook.halfYears.map((h) => [h.sheet, h]));
  // The last change of a field wins.
  const last = new Map<string, C>();
  for (const c of changes)
    last.set(`${c.sheet}\u0000${c.line}\u0000${c.field}`, c);
  for (const change of last.values()) {
    const sheet = sheets.get(change.sheet);
    if (!sheet) {
      unmatched.push(change);
      continue;
    }
    let lines = bySheet.get(sheet.sheet);
    if (!lines) {
      lines = new Map();
      // The first line of a key, as the tables match them.
      for (const l of sheet.lines) {
        const k = keyOfLine(l);
        if (!lines.has(k)) lines.set(k, l);
      }
      bySheet.set(sheet.sheet, lines);
    }
    const line = lines.get(change.line);
    if (!line || !editableFields(sheet, line).includes(change.field)) {
      unmatched.push(change);
      continue;
    }
    if (inputValue(line, change.field) === change.value) continue;
    const col = sheet.columns[change.field]!;
    live.push({ sheet, line, change, row: line.row - 1, col });
  }
  return { live, unmatched };
}

/**
 * The cell a value is written as: a percent keeps the cell's convention (fraction or points). When
 * the cell's own number format would misread the value (a fraction without a percent format, an
 * amount or months in a percent or date cell), the write carries a format that applies over the
 * cell's own; the rest of its look stays.
 */
function cellValue(
  field: InputField,
  value: number,
  before: Cell | undefined,
  sheet: HalfYearSheet,
): { v: number; style: CellStyle | null } {
  const fmt = before?.fmt;
  if (field !== "servicePercent") {
    const style =
      isPercentFormat(fmt) || isDateFormat(fmt)
        ? numberStyleFor(
            {
              numberFormat:
                field === "months" ? "General" : PLAIN_AMOUNT_FORMAT,
              overOwnFormat: true,
            },
            displayValue(field, value),
          )
        : null;
    // An amount in the unit the cell is read in: thousands under "Budget (tkr)" (SPEC §3.3).
    const factor =
      field === "months"
        ? 1
        : amountFactor(formatAfter(before, style), sheet.units?.[field] ?? 1);
    return { v: displayValue(field, value) / factor, style };
  }
  const points = value / 1_000_000;
  if (isPercentFormat(fmt)) return { v: points / 100, style: null };
  // A plain number in a cell without a percent format is read as percent points, or as full-time
  // posts under "Antal tjänster".
  if (before?.t === "n")
    return { v: points / (sheet.units?.servicePercent ?? 1), style: null };
  return {
    v: points / 100,
    style: numberStyleFor(
      { numberFormat: PERCENT_FORMAT, overOwnFormat: true },
      points / 100,
    ),
  };
}

/** A cell's number format once `style` is written over it (General is no format). */
function formatAfter(
  before: Cell | undefined,
  style: CellStyle | null,
): string | undefined {
  const fmt = style?.numberFormat ?? before?.fmt;
  return fmt === "General" ? undefined : fmt;
}

/** The cell's own number format when the write puts another over it: the confirmation says so. */
function replaced(
  before: Cell | undefined,
  style: CellStyle | null,
): { replacesFormat?: string } {
  const own = formatAfter(before, null);
  return style?.overOwnFormat && own !== undefined && own !== style.numberFormat
    ? { replacesFormat: own }
    : {};
}

/** The grids with the changes laid over them: only the changed rows are copied. */
export function withInputs(
  grids: WorkbookGrids,
  workbook: BudgetWorkbook,
  changes: readonly InputChange[],
): WorkbookGrids {
  const located = locate(workbook, changes).live;
  if (located.length === 0) return grids;
  const bySheet = new Map<string, Located[]>();
  for (const l of located) {
    const list = bySheet.get(l.sheet.sheet) ?? [];
    list.push(l);
    bySheet.set(l.sheet.sheet, list);
  }
  return {
    sheets: grids.sheets.map((g): Grid => {
      const edits = bySheet.get(g.name);
      if (!edits) return g;
      const rows = [...g.rows];
      for (const e of edits) {
        const row = [...(rows[e.row] ?? [])];
        const before = row[e.col];
        const { v, style } = cellValue(
          e.change.field,
          e.change.value,
          before,
          e.sheet,
        );
        const fmt = formatAfter(before, style);
        row[e.col] = fmt === undefined ? { t: "n", v } : { t: "n", v, fmt };
        rows[e.row] = row;
      }
      return { ...g, rows };
    }),
  };
}

/** One changed cell, for the confirmation: where, which line and field, and from what to what. */
export interface InputWrite {
  readonly sheet: string;
  readonly cell: string;
  readonly label: string;
  readonly field: InputField;
  readonly before: number | null;
  readonly after: number;
  /** The cell's own number format that the write replaces (an amount in a percent cell), if any. */
  readonly replacesFormat?: string;
}

/**
 * The changes as a write plan (the inputs only: derived cells are live formulas that follow), and
 * the cells it writes. Cells with formulas are never in it (editableFields).
 */
export function planInputs(
  grids: WorkbookGrids,
  workbook: BudgetWorkbook,
  changes: readonly InputChange[],
): { plan: WritePlan; writes: InputWrite[] } {
  const located = locate(workbook, changes).live;
  const gridOf = new Map(grids.sheets.map((g) => [g.name, g]));
  const cells = new Map<string, CellWrite[]>();
  const writes: InputWrite[] = [];
  for (const l of located) {
    const before = gridOf.get(l.sheet.sheet)?.rows[l.row]?.[l.col];
    const { v, style } = cellValue(
      l.change.field,
      l.change.value,
      before,
      l.sheet,
    );
    const list = cells.get(l.sheet.sheet) ?? [];
    list.push({
      row: l.row,
      col: l.col,
      value: num(v),
      ...(style ? { style } : {}),
    });
    cells.set(l.sheet.sheet, list);
    writes.push({
      sheet: l.sheet.sheet,
      cell: cellOf(l.sheet, l.line.row, l.change.field)!,
      label: l.line.label,
      field: l.change.field,
      before: inputValue(l.line, l.change.field),
      after: l.change.value,
      ...replaced(before, style),
    });
  }
  return {
    plan: {
      edits: [...cells].map(([sheet, list]) => ({
        sheet,
        cells: list,
        marks: [],
      })),
      creates: [],
    },
    writes,
  };
}

/** Two plans as one: edits of a sheet merged (the first plan's cells first), creates after. */
export function mergePlans(a: WritePlan, b: WritePlan): WritePlan {
  const edits = new Map(a.edits.map((e) => [e.sheet, e]));
  for (const e of b.edits) {
    const first = edits.get(e.sheet);
    edits.set(
      e.sheet,
      first
        ? {
            sheet: e.sheet,
            cells: [...first.cells, ...e.cells],
            marks: [...first.marks, ...e.marks],
          }
        : e,
    );
  }
  return { edits: [...edits.values()], creates: [...a.creates, ...b.creates] };
}
