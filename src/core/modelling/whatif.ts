// What-if (SPEC §4.17): a line's inputs, or a person's in `Lönekalkyl`, changed without touching
// the workbook. The changes are laid over the grids the workbook was read into, with the formulas
// that follow them worked out again (recalc.ts), so the whole engine (findings, half-years, years,
// grants, repayment) runs on them unchanged; the same changes become a write plan.

import { type Cell, type Grid, type WorkbookGrids, a1 } from "../reading/grid";
import {
  type LineInput,
  type BudgetWorkbook,
  type HalfYearSheet,
  type SalarySheet,
  cellOf,
} from "../model";
import type { Person } from "../figures/payroll";
import { keyOfLine } from "../figures/tables";
import {
  amountFactor,
  amountText,
  monthsOfText,
  parseDateText,
  parseNumberText,
  withoutMonthWord,
  withoutPerMonth,
} from "../reading/values";
import {
  type CellStyle,
  type CellWrite,
  type PlanValue,
  type WritePlan,
  PLAIN_AMOUNT_FORMAT,
  num,
} from "../plan/types";
import { isoToSerial } from "../reading/dates";
import { isOpenDateText } from "../reading/salaries";
import {
  type PersonField,
  editablePersonFields,
  isDateField,
  isPersonField,
  personCellValue,
  personColumn,
  personKeys,
  personValue,
} from "./persons";
import { recalculated } from "./recalc";
import { percentCell, plainNumberStyle } from "./cells";

/** The inputs of a line a person may change: each is a column of the half-year's table. */
export const INPUT_FIELDS = [
  "servicePercent",
  "months",
  "monthlyCost",
  "budget",
] as const;

export type InputField = (typeof INPUT_FIELDS)[number];

/** A line's input, or a person's in `Lönekalkyl`. */
export type ChangeField = InputField | PersonField;

/**
 * One changed input. The line is named by its half-year sheet and its key (category + label, as
 * the tables match lines), so a change survives rows inserted above it while the pane follows; a
 * person by `Lönekalkyl` and their key (personKeys). The value is in the model's units:
 * millionths of a percent point or of a month, öre, a date's serial number (0: left open).
 */
export interface InputChange {
  readonly sheet: string;
  readonly line: string;
  readonly field: ChangeField;
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
export function parseInput(field: ChangeField, text: string): number | null {
  if (isDateField(field)) {
    // Empty, "tills vidare" or a dash: the whole agreement.
    if (!text.trim() || isOpenDateText(text)) return 0;
    const iso = parseDateText(text, field === "to" ? "last" : "first");
    return iso === null ? null : isoToSerial(iso);
  }
  // As a line's cell reads it (SPEC §3.3): "45 tkr", "45.000", "45 000 kr/mån", "jul–dec", "6 mån".
  const named = field === "months" ? monthsOfText(text) : null;
  if (named !== null) return named * 1_000_000;
  const amount =
    field === "budget"
      ? amountText(text, 1)
      : field === "monthlyCost" || field === "monthlySalary"
        ? amountText(withoutPerMonth(text), 1)
        : null;
  const n = parseNumberText(
    field === "months" ? withoutMonthWord(text) : (amount?.text ?? text),
  );
  if (!n || !Number.isFinite(n.value) || n.value < 0) return null;
  switch (field) {
    case "servicePercent":
    case "grade": {
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

/** Model units per shown unit: öre per krona, millionths per percent point or month, 1 for a date. */
function unitOf(field: ChangeField): number {
  if (isDateField(field)) return 1;
  return field === "monthlyCost" ||
    field === "budget" ||
    field === "monthlySalary"
    ? 100
    : 1_000_000;
}

/**
 * A model value as the number a diff or a scenario shows: percent points, months, kronor, a date's
 * serial number.
 */
export function displayValue(field: ChangeField, value: number): number {
  return value / unitOf(field);
}

/** The model value of a shown number (the inverse of displayValue). */
export function modelValue(field: ChangeField, shown: number): number {
  return Math.round(shown * unitOf(field));
}

interface LineLocated {
  readonly kind: "line";
  readonly sheet: HalfYearSheet;
  readonly line: LineInput;
  readonly field: InputField;
  /** Zero-based. */
  readonly row: number;
  readonly col: number;
}

interface PersonLocated {
  readonly kind: "person";
  readonly salaries: SalarySheet;
  readonly person: Person;
  readonly field: PersonField;
  /** Zero-based. */
  readonly row: number;
  readonly col: number;
}

type Located = LineLocated | PersonLocated;

/**
 * The changes that still apply to the workbook as read: the line or person exists, the field may
 * be changed, and the value differs from the cell's. Others are dropped (the line was removed, or
 * a person typed the same value meanwhile).
 */
export function liveChanges<C extends InputChange>(
  workbook: BudgetWorkbook,
  changes: readonly C[],
): C[] {
  return locate(workbook, changes).live.map((l) => l.change);
}

/**
 * The changes matched to the workbook's lines and persons: those that change a cell (the last
 * change of a field wins), and those whose line, person or input the workbook no longer has. A
 * change to the value a cell already holds is neither.
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
  const salaries = workbook.salaries ?? null;
  let persons: Map<string, Person> | null = null;
  // The last change of a field wins.
  const last = new Map<string, C>();
  for (const c of changes)
    last.set(`${c.sheet}\u0000${c.line}\u0000${c.field}`, c);
  for (const change of last.values()) {
    const { field } = change;
    if (isPersonField(field)) {
      if (salaries?.sheet !== change.sheet) {
        unmatched.push(change);
        continue;
      }
      persons ??= personKeys(salaries);
      const person = persons.get(change.line);
      if (!person || !editablePersonFields(salaries, person).includes(field)) {
        unmatched.push(change);
        continue;
      }
      if (personValue(person, field) === change.value) continue;
      const col = personColumn(salaries, field)!;
      live.push({
        kind: "person",
        salaries,
        person,
        field,
        change,
        row: person.row - 1,
        col,
      });
      continue;
    }
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
    if (!line || !editableFields(sheet, line).includes(field)) {
      unmatched.push(change);
      continue;
    }
    if (inputValue(line, field) === change.value) continue;
    const col = sheet.columns[field]!;
    live.push({
      kind: "line",
      sheet,
      line,
      field,
      change,
      row: line.row - 1,
      col,
    });
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
  if (field !== "servicePercent") {
    const style = plainNumberStyle(
      before,
      field === "months" ? "General" : PLAIN_AMOUNT_FORMAT,
      displayValue(field, value),
    );
    // An amount in the unit the cell is read in: thousands under "Budget (tkr)" (SPEC §3.3).
    const factor =
      field === "months"
        ? 1
        : amountFactor(formatAfter(before, style), sheet.units?.[field] ?? 1);
    return { v: displayValue(field, value) / factor, style };
  }
  // A plain number in a cell without a percent format is read as percent points, or as full-time
  // posts under "Antal tjänster".
  return percentCell(
    value / 1_000_000,
    before,
    sheet.units?.servicePercent ?? 1,
  );
}

/** A cell's number format once `style` is written over it (General is no format). */
function formatAfter(
  before: Cell | undefined,
  style: CellStyle | null,
): string | undefined {
  const fmt = style?.numberFormat ?? before?.fmt;
  return fmt === "General" ? undefined : fmt;
}

/** A plan value as the grid holds it once written (the format a style puts over the cell's). */
function asGridCell(
  value: PlanValue | null,
  style: CellStyle | null,
  before: Cell | undefined,
): Cell | undefined {
  if (value === null) return undefined;
  const fmt = formatAfter(before, style);
  const v =
    value.kind === "date"
      ? isoToSerial(value.iso)
      : value.kind === "number"
        ? value.value
        : 0;
  return fmt === undefined ? { t: "n", v } : { t: "n", v, fmt };
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

/** The value a located change writes into its cell, and the format it puts over the cell's own. */
function written(
  l: Located & { change: InputChange },
  before: Cell | undefined,
): { value: PlanValue | null; style: CellStyle | null } {
  if (l.kind === "person")
    return personCellValue(l.field, l.change.value, before, l.salaries);
  const { v, style } = cellValue(l.field, l.change.value, before, l.sheet);
  return { value: num(v), style };
}

/**
 * The grids with the changes laid over them: only the changed rows are copied. A person's change
 * moves the cells that follow it as a spreadsheet would (withPersonCosts).
 */
export function withInputs(
  grids: WorkbookGrids,
  workbook: BudgetWorkbook,
  changes: readonly InputChange[],
): WorkbookGrids {
  const located = locate(workbook, changes).live;
  if (located.length === 0) return grids;
  const bySheet = new Map<string, (Located & { change: InputChange })[]>();
  for (const l of located) {
    const name = l.kind === "person" ? l.salaries.sheet : l.sheet.sheet;
    const list = bySheet.get(name) ?? [];
    list.push(l);
    bySheet.set(name, list);
  }
  const sheets = grids.sheets.map((g): Grid => {
    const edits = bySheet.get(g.name);
    if (!edits) return g;
    const rows = [...g.rows];
    for (const e of edits) {
      const row = [...(rows[e.row] ?? [])];
      const before = row[e.col];
      const { value, style } = written(e, before);
      row[e.col] = asGridCell(value, style, before);
      rows[e.row] = row;
    }
    return { ...g, rows };
  });
  // What follows the changed cells (a line's OH and Summa, a person's cost and the line's SUMIF),
  // as the spreadsheet works it out once the values are typed.
  return recalculated(
    grids,
    { sheets },
    located.map((l) => ({
      sheet: l.kind === "person" ? l.salaries.sheet : l.sheet.sheet,
      row: l.row,
      col: l.col,
    })),
  );
}

/** One changed cell, for the confirmation: where, which line or person and field, from what to what. */
export interface InputWrite {
  readonly sheet: string;
  readonly cell: string;
  /** The line's label, or the person's name (their Post where they have none). */
  readonly label: string;
  readonly field: ChangeField;
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
    const name = l.kind === "person" ? l.salaries.sheet : l.sheet.sheet;
    const before = gridOf.get(name)?.rows[l.row]?.[l.col];
    const { value, style } = written(l, before);
    const list = cells.get(name) ?? [];
    list.push({
      row: l.row,
      col: l.col,
      value: value ?? { kind: "text", value: "" },
      ...(style ? { style } : {}),
    });
    cells.set(name, list);
    writes.push({
      sheet: name,
      cell:
        l.kind === "person"
          ? a1(l.row, l.col)
          : cellOf(l.sheet, l.line.row, l.field)!,
      label:
        l.kind === "person" ? l.person.name || l.person.post : l.line.label,
      field: l.field,
      before:
        l.kind === "person"
          ? personValue(l.person, l.field)
          : inputValue(l.line, l.field),
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
