// What is written into a half-year sheet: derived salary and OH budgets as live formulas where the
// cells are empty or already hold the add-in's formula, Differens and Status (added when missing),
// and a live mark on overspent lines. A typed value is never overwritten: it stays and is a finding.

import { overheadOf } from "../figures/compute";
import type { ComputedHalfYear } from "../figures/figures";
import type { TotalRow } from "../model";
import { isPercentFormat } from "../reading/dates";
import { type ColumnKey, POINTS_PER_POST } from "../reading/glossary";
import { activeGradeMicro } from "../figures/payroll";
import {
  type Cell,
  type Grid,
  MergedAreas,
  columnLetters,
  formulaTextOf,
  isFreeCell,
  lastFilledRow,
} from "../reading/grid";
import { type Ore, ZERO, kronorOrNull, toKronor } from "../figures/money";
import {
  SALARY_PERCENT_FORMULA,
  isOwnFormula,
  isOwnSalaryPercentFormula,
} from "../ownership";
import { UNIT_NAMES, amountFactor } from "../reading/values";
import { SheetView, sameAmount } from "./view";
import type { SalaryRefs } from "./salaries";
import { countedBySumIf } from "../reading/salaries";
import {
  type CellStyle,
  type CellWrite,
  type ConditionalMark,
  HEADER_STYLE,
  OVERSPENT_MARK,
  PERCENT_FORMAT,
  PLAIN_AMOUNT_FORMAT,
  type PlanValue,
  numberStyleFor,
  flat,
  formula,
  num,
  text,
} from "./types";
import { largest, smallest } from "../lists";
import {
  MAX_CELLS_WORKED_OUT,
  formulaOver,
  formulaReads,
} from "../modelling/recalc";

/** How the half-year's OH formula refers to the rate in `Uppgifter`. */
export interface RateRef {
  /** A reference ('Uppgifter'!$B$7, maybe /100) or a literal (0.1) when the rate cell is text. */
  readonly expression: string;
  readonly ppm: number;
}

export const STATUS_OVERSPENT = "Överskriden";
export const STATUS_WITHIN = "Inom budget";
const ADDED_HEADERS: Partial<Record<ColumnKey, string>> = {
  actual: "Utfall",
  variance: "Differens",
  status: "Status",
};

export interface HalfYearPlan {
  readonly cells: CellWrite[];
  readonly marks: ConditionalMark[];
  readonly view: SheetView;
  /** 0-based columns of the table after the plan (added columns included). */
  readonly columns: Readonly<Partial<Record<ColumnKey, number>>>;
  /** 0-based rows of the first and last line. */
  readonly firstRow: number;
  readonly lastRow: number;
}

const kr = toKronor;

/**
 * An empty cell, or one holding the add-in's own formula: the shape it would write there, as Excel
 * or LibreOffice normalised it or a row insertion left it (a SUM that misses an inserted line).
 */
function writable(cell: Cell | undefined, expected: string): boolean {
  if (cell?.f) return isOwnFormula(cell.f, expected);
  return isFreeCell(cell);
}

/** A half-year sheet being planned: its cells as they will be, and what is written. */
interface SheetPlan {
  readonly h: ComputedHalfYear;
  readonly view: SheetView;
  readonly cells: CellWrite[];
  /** 0-based columns after the plan (added columns included). */
  readonly columns: Partial<Record<ColumnKey, number>>;
  /** The merged areas in the table's rows: nothing is written where one hides it. */
  readonly merged: MergedAreas;
  /** Kronor per unit of the amount columns (added columns included): 1 000 for "Budget (tkr)". */
  readonly units: Partial<Record<ColumnKey, number>>;
}

/** Kronor per unit of a column's amounts. */
function unitOf(p: SheetPlan, key: ColumnKey): number {
  return p.units[key] ?? 1;
}

/** An engine's figure (öre) as a column holds it: kronor, or thousands for "Budget (tkr)". */
function inUnit(amount: Ore, unit: number): number {
  return kr(amount) / unit;
}

/** A cell reference's amount in kronor, in a formula. */
function inKronor(ref: string, unit: number): string {
  return unit === 1 ? ref : `${ref}*${unit}`;
}

/** A formula's kronor in a column's unit: ROUND(…)/1000, (B4-C4)/1000. */
function toUnit(expression: string, unit: number): string {
  if (unit === 1) return expression;
  return isOneCall(expression)
    ? `${expression}/${unit}`
    : `(${expression})/${unit}`;
}

/** "ROUND(…)" or "SUMIF(…)": one function call, whose parentheses close at its end. */
function isOneCall(expression: string): boolean {
  const open = /^[A-Z]+\(/.exec(expression);
  if (!open) return false;
  let depth = 0;
  let quoted = false;
  for (let i = open[0].length - 1; i < expression.length; i++) {
    const ch = expression[i];
    if (ch === "'" || ch === '"') quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")" && --depth === 0)
      return i === expression.length - 1;
  }
  return false;
}

/**
 * The format an amount is written with: kronor as `#,##0` (or with öre); in thousands or millions
 * with the decimals it has, so that 94,211 tkr shows every krona.
 */
function amountStyleFor(
  p: SheetPlan,
  key: ColumnKey,
  value: number,
): CellStyle {
  const unit = unitOf(p, key);
  if (unit === 1) return amountStyle;
  const most = Math.round(Math.log10(unit)) + 2;
  let d = 0;
  while (
    d < most &&
    Math.abs(value * 10 ** d - Math.round(value * 10 ** d)) > 1e-6
  )
    d++;
  return {
    numberFormat: d === 0 ? PLAIN_AMOUNT_FORMAT : `#,##0.${"0".repeat(d)}`,
  };
}

/** Whether a cell's number is in its column's unit (not in another its format names or shows). */
function inColumnUnit(
  p: SheetPlan,
  key: ColumnKey,
  cell: Cell | undefined,
): boolean {
  const unit = unitOf(p, key);
  return cell?.t !== "n" || amountFactor(cell.fmt, unit) === unit;
}

const amountStyle: CellStyle = { numberFormat: PLAIN_AMOUNT_FORMAT };
const L = (c: number) => columnLetters(c);

function write(
  p: SheetPlan,
  row: number,
  col: number,
  value: PlanValue,
  style?: CellStyle,
): void {
  // A value in a cell a merged area hides is not seen: the cell is left as it is.
  if (p.merged.hides(row, col)) return;
  p.view.set(row, col, value);
  p.cells.push(
    style
      ? { row, col, value, style: numberStyleFor(style, value) }
      : { row, col, value },
  );
}

export function planHalfYear(
  grid: Grid,
  h: ComputedHalfYear,
  rate: RateRef | null,
  salaryRefs?: ReadonlyMap<string, SalaryRefs>,
): HalfYearPlan | null {
  const src = h.source;
  if (h.lines.length === 0) return null;
  const rows = h.lines.map((l) => l.input.row - 1);
  const firstRow = smallest(rows);
  const lastRow = Math.max(largest(rows), src.total ? src.total.row - 1 : 0);
  // The reader reads every row down to the total (or the sheet's end): a note below the lines is
  // in the table too, and a column added over it would make it a value of that column next time.
  const tableEnd = src.total ? src.total.row - 1 : lastFilledRow(grid);
  const p: SheetPlan = {
    h,
    view: new SheetView(grid),
    cells: [],
    columns: { ...src.columns },
    merged: new MergedAreas(grid.merges, src.headerRow - 1, tableEnd),
    units: { ...src.units },
  };
  addColumns(p, grid, src.headerRow - 1, tableEnd);
  // 1. Derived salary budgets: from Lönekalkyl (a SUMIF over its cost column), else % × months × cost.
  const salaryRef = salaryRefs?.get(h.halfYear.id);
  for (const line of h.lines)
    if (line.derivedBudget !== null)
      if (line.salaries) salaryCalcBudget(p, line, line.salaries, salaryRef);
      else salaryBudget(p, line, line.derivedBudget);
  // A person's formula over those budgets, worked out from them (settled): the same formula, with
  // the value it gives once they are written, which a spreadsheet that does not recalculate shows.
  for (const line of h.lines) {
    if (line.settled) writtenBack(p, line, "budget", line.effectiveBudget);
    if (line.input.settledActual && line.input.actual !== null)
      writtenBack(p, line, "actual", line.input.actual);
  }
  // 2. The overhead line's budget: the rate on the sum of the direct lines.
  if (rate) overheadBudget(p, rate);
  // 3. Differens and Status of each line, from the cells as they will be.
  for (const line of h.lines) {
    varianceCell(p, line);
    statusCell(p, line);
  }
  // 4. A submitted total row: sums where its cells are empty or already the add-in's.
  if (src.total) totalRow(p, src.total, firstRow);
  // 5. A person's subtotal or total over the lines' budgets, with the value it gives over them.
  const sums = [...(src.subtotals ?? []), ...(src.total ? [src.total] : [])];
  const over = {
    lineRows: new Set(rows),
    sumRows: new Set(sums.map((s) => s.row - 1)),
    hiddenRows: new Set(p.view.grid.hiddenRows),
    cellsRead: { cells: MAX_CELLS_WORKED_OUT },
  };
  for (const row of sums) sumOverLines(p, row.row - 1, over);
  return {
    cells: p.cells,
    marks: markedRuns(p, rows).flatMap(([top, bottom]) =>
      overspentMarks(p, top + 1, bottom + 1),
    ),
    view: p.view,
    columns: p.columns,
    firstRow,
    lastRow,
  };
}

/**
 * Utfall, Differens and Status, added right of everything in the table's rows (the header's to the
 * total's, or the sheet's last) where missing, each in a column no merged area of those rows enters.
 */
function addColumns(
  p: SheetPlan,
  grid: Grid,
  headerRow: number,
  lastRow: number,
): void {
  let next = 0;
  for (let r = headerRow; r <= lastRow; r++) {
    const row = grid.rows[r];
    if (row)
      for (let c = row.length - 1; c >= next; c--)
        if (!isFreeCell(row[c])) next = c + 1;
  }
  const budgetUnit = unitOf(p, "budget");
  for (const key of ["actual", "variance", "status"] as const) {
    if (p.columns[key] !== undefined) continue;
    next = p.merged.clearColumn(next);
    p.columns[key] = next++;
    // An added amount column in the budget's unit says so, and is read in it the next time.
    const unitName = key === "status" ? undefined : UNIT_NAMES[budgetUnit];
    const suffix = unitName ? ` (${unitName.short})` : "";
    if (suffix) p.units[key] = budgetUnit;
    write(
      p,
      headerRow,
      p.columns[key],
      text(ADDED_HEADERS[key]! + suffix),
      HEADER_STYLE,
    );
  }
}

type Line = ComputedHalfYear["lines"][number];

/** A line costed in Lönekalkyl: SUMIF over its Post where the formula gives what the engine does. */
function salaryCalcBudget(
  p: SheetPlan,
  line: Line,
  costs: NonNullable<Line["salaries"]>,
  ref: SalaryRefs | undefined,
): void {
  const { input } = line;
  const r = input.row - 1;
  const B = p.columns.budget!;
  const unit = unitOf(p, "budget");
  const f = ref
    ? toUnit(
        flat`SUMIF(${ref.posts},${L(p.columns.label!)}${r + 1},${ref.costs})`,
        unit,
      )
    : null;
  // SUMIF matches the Post exactly (but for case); the engine by normalised text. And it adds the
  // cost cells as the plan leaves them, a cost a person typed among them: the formula is written
  // where what it gives is the engine's figure, else the figure.
  const matched =
    f !== null && costs.every((c) => countedBySumIf(input, c.person));
  const sums = matched
    ? (ref?.sumIf(p.view.original(r, p.columns.label!)) ?? null)
    : null;
  const budget = kr(line.effectiveBudget);
  // The line's service % is that of its persons who cost something in the half-year: the SUMIFS
  // where the cell is free or already the add-in's (an earlier version's SUMIF of all of them
  // too) and the formula gives that. In place of the add-in's formula that cannot match the label
  // ("1.1 Hälsofrämjare" gave 0 %, an error on the next check), the figure. A formula that
  // matches but sums otherwise (a cost typed by hand in Lönekalkyl) is left, as a free cell is: a
  // figure there would not follow the persons.
  const P = p.columns.servicePercent;
  const grades = costs.map((c) => c.person.gradeMicro ?? 0);
  if (
    ref &&
    P !== undefined &&
    grades.length > 0 &&
    grades.every((g) => g > 0)
  ) {
    // Only over grades a SUMIFS adds as the fraction (a percent cell or ≤ 1) is the formula live.
    const pf =
      ref.grades === null
        ? null
        : SALARY_PERCENT_FORMULA(
            ref.grades,
            ref.posts,
            `${L(p.columns.label!)}${r + 1}`,
            ref.costs,
          );
    const percent = activeGradeMicro(costs) / 1e8;
    const cell = p.view.original(r, P);
    const live =
      pf !== null &&
      sums !== null &&
      Math.abs(sums.activeGrades - percent) < 1e-9;
    const own = cell?.f ? isOwnSalaryPercentFormula(cell.f) : isFreeCell(cell);
    if (own && (live || (cell?.f && !matched)))
      write(p, r, P, live ? formula(pf, percent) : num(percent), {
        numberFormat: PERCENT_FORMAT,
      });
  }
  if (ref && sums !== null) refreshedPercent(p, r, ref, sums.activeGrades);
  const target = p.view.original(r, B);
  if (f ? !writable(target, f) : !isFreeCell(target)) return;
  const faithful =
    f !== null && sums !== null && sameAmount(sums.costs, budget);
  const shown = inUnit(line.effectiveBudget, unit);
  write(
    p,
    r,
    B,
    faithful ? formula(f, shown) : num(shown),
    amountStyleFor(p, "budget", shown),
  );
}

/**
 * The add-in's SUMIFS of a line's grades that the plan leaves as it is (it sums otherwise than the
 * persons' grades: one typed as text; or none of them costs anything), with what it gives over the
 * costs as written: its value from before may count a person whose cost compute emptied.
 */
function refreshedPercent(
  p: SheetPlan,
  r: number,
  ref: SalaryRefs,
  gives: number,
): void {
  const P = p.columns.servicePercent;
  if (P === undefined || p.view.planned(r, P)) return;
  const cell = p.view.original(r, P);
  const f = cell?.f;
  if (
    f === undefined ||
    !sameText(
      f,
      SALARY_PERCENT_FORMULA(
        ref.gradeRange,
        ref.posts,
        `${L(p.columns.label!)}${r + 1}`,
        ref.costs,
      ),
    ) ||
    (cell?.t === "n" && Math.abs(cell.v - gives) < 1e-9)
  )
    return;
  write(p, r, P, formula(f, gives));
}

/** Two formulas' texts the same but for `$`, spaces, case and the quotes around a sheet's name. */
function sameText(a: string, b: string): boolean {
  const plain = (f: string) => f.replace(/[\s$']/g, "").toUpperCase();
  return plain(a) === plain(b);
}

/**
 * A person's formula on a line that the engine worked out (settled), written as it is with the
 * figure it gives over the budgets as written.
 */
function writtenBack(
  p: SheetPlan,
  line: Line,
  key: "budget" | "actual",
  amount: Ore,
): void {
  const col = p.columns[key];
  const r = line.input.row - 1;
  const cell = col === undefined ? undefined : p.view.original(r, col);
  // The person's text, as they wrote it ("[@Budget]", not the cell it stands for).
  if (col !== undefined && formulaTextOf(cell) !== undefined)
    write(p, r, col, formula(cell!.f!, inUnit(amount, unitOf(p, key))));
}

/**
 * A person's formula in a subtotal's or total's budget cell that reads only the lines' budget
 * cells ("Delsumma lönekostnader" `SUM(F4:F5)`), the subtotals above it (a `SUBTOTAL` over those
 * of the sections) and empty cells: written as it is with the value it gives over the budgets as
 * the plan leaves them, which a spreadsheet that does not recalculate would show stale (0 kr over
 * salary budgets compute derives).
 */
function sumOverLines(
  p: SheetPlan,
  r: number,
  over: {
    /** The lines' rows (0-based). */
    readonly lineRows: ReadonlySet<number>;
    /** The subtotals' and the total's rows (0-based), worked out in that order. */
    readonly sumRows: ReadonlySet<number>;
    /** The sheet's hidden rows, made once for all its subtotals. */
    readonly hiddenRows: ReadonlySet<number>;
    /** Cells the sheet's subtotals may read in all (a crafted sheet of many). */
    readonly cellsRead: { cells: number };
  },
): void {
  const B = p.columns.budget;
  if (B === undefined || p.view.planned(r, B)) return;
  const cell = p.view.original(r, B);
  const f = formulaTextOf(cell);
  if (f === undefined) return;
  const value =
    formulaOver(f, p.h.source.sheet)?.evaluate(
      (row, col) => {
        if (col !== B) return undefined;
        const seen = p.view.seen(row, col);
        if (over.lineRows.has(row))
          // A budget typed as text ("3 000") the SUM skips, as Excel's does.
          return typeof seen === "number" || seen === null || seen === "text"
            ? seen
            : undefined;
        if (over.sumRows.has(row)) {
          if (typeof seen !== "number") return undefined;
          // A SUBTOTAL passes over the cell of another.
          const sub = formulaTextOf(p.view.original(row, col));
          return sub === undefined ? seen : { t: "n", v: seen, f: sub };
        }
        return seen === null && isFreeCell(p.view.original(row, col))
          ? null
          : undefined;
      },
      over.cellsRead,
      over.hiddenRows,
    ) ?? null;
  if (value === null || (cell?.t === "n" && sameAmount(cell.v, value))) return;
  // The person's text, as they wrote it ("Tabell1[Budget]", not the cells it stands for).
  write(p, r, B, formula(cell!.f!, value));
}

/** % × months × monthly cost, rounded to kronor. */
function salaryBudget(p: SheetPlan, line: Line, derived: Ore): void {
  const r = line.input.row - 1;
  const { budget: B, servicePercent: P, months: M, monthlyCost: C } = p.columns;
  const pct = p.view.original(r, P!);
  // Text inputs ("275 %") cannot be multiplied reliably in every spreadsheet, nor a cost in
  // another unit than its column's: write the figure.
  const allNumbers =
    [P!, M!, C!].every((c) => p.view.original(r, c)?.t === "n") &&
    inColumnUnit(p, "monthlyCost", p.view.original(r, C!));
  // A percent cell holds the fraction, and a column of full-time posts ("Antal tjänster") its 2.75.
  const percentPart =
    (pct && isPercentFormat(pct.fmt)) ||
    unitOf(p, "servicePercent") === POINTS_PER_POST
      ? `${L(P!)}${r + 1}`
      : `${L(P!)}${r + 1}/100`;
  const cost = inKronor(`${L(C!)}${r + 1}`, unitOf(p, "monthlyCost"));
  const unit = unitOf(p, "budget");
  const f = toUnit(
    flat`ROUND(${percentPart}*${L(M!)}${r + 1}*${cost},0)`,
    unit,
  );
  if (!writable(p.view.original(r, B!), f)) return;
  const shown = inUnit(derived, unit);
  write(
    p,
    r,
    B!,
    allNumbers ? formula(f, shown) : num(shown),
    amountStyleFor(p, "budget", shown),
  );
}

/**
 * Whether a formula over these cells, written at `at`, would be circular: one of them, as the plan
 * leaves it, holds a formula that reads `at` (a Summa row without its label is a line, and its SUM
 * takes in the OH line). A formula whose text cannot be told counts as reading it; a cell marked
 * as a shared formula's without its text (SHARED_DEPENDANT: its first cell is not in the file), as
 * not.
 */
function readByAny(
  p: SheetPlan,
  cells: Iterable<readonly [number, number]>,
  at: readonly [number, number],
): boolean {
  for (const [r, c] of cells) {
    if (p.view.planned(r, c)) continue;
    const f = formulaTextOf(p.view.original(r, c));
    if (f === undefined) continue;
    if (formulaReads(f, p.h.source.sheet, at[0], at[1]) !== false) return true;
  }
  return false;
}

/** The single OH line's budget: the rate on the sum of the direct lines. */
function overheadBudget(p: SheetPlan, rate: RateRef): void {
  const { h } = p;
  const overheadLines = h.lines.filter((l) => l.input.category === "overhead");
  if (overheadLines.length !== 1) return;
  const B = p.columns.budget!;
  const r = overheadLines[0]!.input.row - 1;
  const directRows = h.lines
    .filter((l) => l.input.category !== "overhead")
    .map((l) => l.input.row - 1);
  const unit = unitOf(p, "budget");
  const sumF = inKronor(`SUM(${rowRanges(directRows, L(B))})`, unit);
  const f = toUnit(flat`ROUND(${rate.expression}*${sumF},0)`, unit);
  if (!writable(p.view.original(r, B), f)) return;
  const sum = p.view.sum(directRows.map((row) => [row, B] as const));
  // A crafted budget of 1e306 kr sums past what öre hold: the figure, not a formula over it.
  const direct = typeof sum === "number" ? kronorOrNull(sum, unit) : null;
  const faithful =
    direct !== null &&
    directRows.every((row) =>
      inColumnUnit(p, "budget", p.view.original(row, B)),
    ) &&
    overheadOf(direct, rate.ppm) === h.budget.overhead &&
    !readByAny(
      p,
      directRows.map((row) => [row, B] as const),
      [r, B],
    );
  const overhead = inUnit(h.budget.overhead, unit);
  write(
    p,
    r,
    B,
    faithful ? formula(f, overhead) : num(overhead),
    amountStyleFor(p, "budget", overhead),
  );
}

function varianceCell(p: SheetPlan, line: Line): void {
  const { actual: A, budget: B, variance: V } = p.columns;
  const r = line.input.row - 1;
  const a = `${L(A!)}${r + 1}`;
  const b = `${L(B!)}${r + 1}`;
  const [uA, uB, uV] = [
    unitOf(p, "actual"),
    unitOf(p, "budget"),
    unitOf(p, "variance"),
  ];
  // Budget − actual, or actual − budget where the sheet counts it so (varianceReversed).
  const sign = p.h.varianceReversed ? -1 : 1;
  const [x, uX, y, uY] = sign === 1 ? [b, uB, a, uA] : [a, uA, b, uB];
  // In one unit the difference is taken in it ("Budget (tkr)" − "Utfall (tkr)"), else in kronor.
  const difference =
    uA === uB && uA === uV
      ? `${x}-${y}`
      : toUnit(
          uA === uB
            ? uA === 1
              ? `${x}-${y}`
              : `(${x}-${y})*${uA}`
            : `${inKronor(x, uX)}-${inKronor(y, uY)}`,
          uV,
        );
  const varianceF = flat`IF(${a}="","",${difference})`;
  if (!writable(p.view.original(r, V!), varianceF)) return;
  const budgetSeen = p.view.seen(r, B!);
  const actualSeen = p.view.seen(r, A!);
  const engine: number | string =
    line.effectiveVariance === null
      ? ""
      : inUnit(line.effectiveVariance, uV) * sign || 0;
  const computed =
    actualSeen === null
      ? ""
      : typeof actualSeen === "number" &&
          typeof budgetSeen === "number" &&
          inColumnUnit(p, "budget", p.view.original(r, B!)) &&
          inColumnUnit(p, "actual", p.view.original(r, A!))
        ? ((budgetSeen * uB - actualSeen * uA) / uV) * sign || 0
        : "error";
  const faithful =
    engine === ""
      ? computed === ""
      : typeof computed === "number" &&
        sameAmount(computed * uV, (engine as number) * uV);
  write(
    p,
    r,
    V!,
    faithful
      ? formula(varianceF, engine)
      : typeof engine === "number"
        ? num(engine)
        : text(""),
    typeof engine === "number"
      ? amountStyleFor(p, "variance", engine)
      : amountStyle,
  );
}

function statusCell(p: SheetPlan, line: Line): void {
  const { actual: A, budget: B, status: S } = p.columns;
  const r = line.input.row - 1;
  const a = `${L(A!)}${r + 1}`;
  const b = `${L(B!)}${r + 1}`;
  const [uA, uB] = [unitOf(p, "actual"), unitOf(p, "budget")];
  const over =
    uA === uB ? `${a}>${b}` : `${inKronor(a, uA)}>${inKronor(b, uB)}`;
  const statusF = flat`IF(${a}="","",IF(${over},"${STATUS_OVERSPENT}","${STATUS_WITHIN}"))`;
  if (!writable(p.view.original(r, S!), statusF)) return;
  const budgetSeen = p.view.seen(r, B!);
  const actualSeen = p.view.seen(r, A!);
  const engine =
    line.input.actual === null
      ? ""
      : line.overspent
        ? STATUS_OVERSPENT
        : STATUS_WITHIN;
  const computed =
    actualSeen === null
      ? ""
      : typeof actualSeen === "number" &&
          typeof budgetSeen === "number" &&
          inColumnUnit(p, "budget", p.view.original(r, B!)) &&
          inColumnUnit(p, "actual", p.view.original(r, A!))
        ? actualSeen * uA > budgetSeen * uB
          ? STATUS_OVERSPENT
          : STATUS_WITHIN
        : "error";
  write(
    p,
    r,
    S!,
    computed === engine ? formula(statusF, engine) : text(engine),
  );
}

function totalRow(p: SheetPlan, total: TotalRow, firstRow: number): void {
  const { h } = p;
  const r = total.row - 1;
  const lineRows = h.lines.map((l) => l.input.row - 1);
  const lastLineRow = largest(lineRows);
  const sums: [ColumnKey, Ore, boolean][] = [
    ["budget", h.budget.total, true],
    ["actual", h.actual?.total ?? ZERO, h.actual !== null],
  ];
  for (const [key, engine, wanted] of sums) {
    // Known as the total by its budget's SUM alone: that SUM stays (step 5 gives it its value).
    if (!wanted || (total.bySum && key === "budget")) continue;
    const col = p.columns[key]!;
    const f = flat`SUM(${L(col)}${firstRow + 1}:${L(col)}${lastLineRow + 1})`;
    if (!writable(p.view.original(r, col), f)) continue;
    // Over every row the SUM takes in: a subtotal between the lines makes it the figure.
    const summed = Array.from(
      { length: lastLineRow - firstRow + 1 },
      (_, i) => [firstRow + i, col] as const,
    );
    const seen = p.view.sum(summed);
    const unit = unitOf(p, key);
    const shown = inUnit(engine, unit);
    const faithful =
      typeof seen === "number" &&
      !readByAny(p, summed, [r, col]) &&
      sameAmount(seen * unit, kr(engine)) &&
      lineRows.every((row) => inColumnUnit(p, key, p.view.original(row, col)));
    write(
      p,
      r,
      col,
      faithful ? formula(f, shown) : num(shown),
      amountStyleFor(p, key, shown),
    );
  }
}

/**
 * The runs of rows the overspent mark covers: from the first line to the last, but for rows with
 * figures that are no line and no subtotal (income beside the costs, a "varav" row), where more
 * than budgeted is no overspending.
 */
function markedRuns(
  p: SheetPlan,
  lineRows: readonly number[],
): [number, number][] {
  const { actual: A, budget: B } = p.columns;
  const marked = new Set([
    ...lineRows,
    ...(p.h.source.subtotals ?? []).map((s) => s.row - 1),
  ]);
  const figures = (r: number) =>
    [A, B].some((c) => c !== undefined && p.view.original(r, c)?.t === "n");
  const runs: [number, number][] = [];
  for (let r = smallest(lineRows), last = largest(lineRows); r <= last; r++) {
    if (!marked.has(r) && figures(r)) continue;
    const run = runs[runs.length - 1];
    if (run && run[1] === r - 1) run[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

/** A live mark on overspent lines: the actual and status cells turn red when actual > budget. */
function overspentMarks(
  p: SheetPlan,
  top: number,
  bottom: number,
): ConditionalMark[] {
  const { actual: A, budget: B, status: S } = p.columns;
  const [uA, uB] = [unitOf(p, "actual"), unitOf(p, "budget")];
  const a = `$${L(A!)}${top}`;
  const b = `$${L(B!)}${top}`;
  const over =
    uA === uB ? `${a}>${b}` : `${inKronor(a, uA)}>${inKronor(b, uB)}`;
  // Absolute columns, relative rows: the same rule serves the actual and the status cells.
  const rule = flat`AND(ISNUMBER(${a}),${over})`;
  return [
    {
      range: `${L(A!)}${top}:${L(A!)}${bottom}`,
      formula: rule,
      ...OVERSPENT_MARK,
    },
    {
      range: `${L(S!)}${top}:${L(S!)}${bottom}`,
      formula: rule,
      ...OVERSPENT_MARK,
    },
  ];
}

/** Rows as SUM arguments: contiguous runs become ranges (F4:F6,F9). */
export function rowRanges(rows: readonly number[], col: string): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(
      i === j
        ? `${col}${sorted[i]! + 1}`
        : `${col}${sorted[i]! + 1}:${col}${sorted[j]! + 1}`,
    );
    i = j + 1;
  }
  return parts.join(",");
}
