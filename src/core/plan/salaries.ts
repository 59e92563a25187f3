// What compute writes for `Lönekalkyl` (SPEC §4.19, §7): the rate table `Avgiftssatser` (the
// add-in's sheet), a cost column per half-year in `Lönekalkyl` whose live formulas read it, and the
// SUMIF that makes a half-year line's budget. The engine's figures are the formulas' cached values.

import type { Analysis } from "../analyze";
import { daysInMonth, isDateFormat, isoToSerial } from "../reading/dates";
import {
  type Cell,
  type Grid,
  MergedAreas,
  columnLetters,
  isBlankRow,
  isFreeCell,
  lastFilledRow,
  onlyBlankFormulas,
} from "../reading/grid";
import { type Ore, toKronor } from "../figures/money";
import { RATES_SHEET } from "../ownership";
import { costHeader } from "../reading/salaries";
import { OLDER_FIRST_ROW, RATE_ROWS } from "./rates";
import { CONTRIBUTIONS, type Person, personCost } from "../figures/payroll";
import type { HalfYear, HalfYearId } from "../reading/period";
import type { SalarySheet } from "../model";
import { amountFactor, readText } from "../reading/values";
import {
  type CellWrite,
  HEADER_STYLE,
  type PlanValue,
  PLAIN_AMOUNT_FORMAT,
  UNTIL_FILLED_FORMAT,
  type SheetEdit,
  flat,
  num,
  plannedNumber,
  rowFormula,
  sheetRef,
  text,
} from "./types";
import { largest, smallest } from "../lists";

const R = (key: keyof typeof RATE_ROWS) =>
  `${sheetRef(RATES_SHEET)}!$B$${RATE_ROWS[key]}`;

/**
 * Where a row's number goes in a formula made once for every row (rowFormula): XML cannot hold
 * it, so no sheet name or cell a formula quotes has it.
 */
const ROW = "\u0000";

/**
 * A person's cost in a half-year as a formula over the row (ROW) and `Avgiftssatser`: per month,
 * the share of its days inside [Från, Till] × (pay × (1 + Pålägg) + the month's contributions),
 * the six months summed and rounded once, as payroll.ts computes it.
 */
function costFormula(
  h: HalfYear,
  cols: Record<"birth" | "salary" | "grade" | "from" | "to", string>,
  surcharge: string,
  /** The agreement's first and last day (a cell of Uppgifter, or a serial). */
  period: { readonly start: string | null; readonly end: string | null },
  /** Kronor per unit of the salary cell: 1 000 under "Månadslön (tkr)". */
  salaryFactor: number,
): string {
  const c = (col: string) => `$${col}${ROW}`;
  const salary =
    salaryFactor === 1 ? c(cols.salary) : `${c(cols.salary)}*${salaryFactor}`;
  const pay = flat`${salary}*IF(${c(cols.grade)}>1,${c(cols.grade)}/100,${c(cols.grade)})`;
  const older = `VLOOKUP(YEAR_,${sheetRef(RATES_SHEET)}!$A$${OLDER_FIRST_ROW}:$B$${OLDER_FIRST_ROW + CONTRIBUTIONS.olderAge.length - 1},2,TRUE)`;
  const terms: string[] = [];
  const start = Number(h.start.slice(5, 7));
  for (let i = 0; i < 6; i++) {
    const y = h.year;
    const m = start + i;
    const dim = daysInMonth(y, m);
    const first = isoToSerial(`${y}-${String(m).padStart(2, "0")}-01`);
    const last = first + dim - 1;
    const age = flat`(${y - 1}-${c(cols.birth)})`;
    const end = period.end ? `,${period.end}` : "";
    const begin = period.start ? `,${period.start}` : "";
    const share = flat`MAX(0,MIN(IF(${c(cols.to)}="",${last},${c(cols.to)}),${last}${end})-MAX(IF(${c(cols.from)}="",${first},${c(cols.from)}),${first}${begin})+1)/${dim}`;
    // An empty birth year (a post to fill) pays the general rate, as payroll.ts counts it.
    const contribution = flat`IF(${c(cols.birth)}="",${R("general")}*PAY_,IF(${c(cols.birth)}<=${R("noneBornUpTo")},0,IF(${age}>=${older.replace("YEAR_", String(y))},${R("oldAgePension")}*PAY_,IF(AND(${first}>=${R("youthFrom")},${first}<=${R("youthTo")},${age}>=${R("youthMinAge")},${age}<${R("youthNotTurned")}),${R("youthRate")}*MIN(PAY_,${R("youthCap")})+${R("general")}*MAX(0,PAY_-${R("youthCap")}),${R("general")}*PAY_))))`;
    terms.push(flat`${share}*(PAY_*(1+${surcharge})+${contribution})`);
  }
  return flat`ROUND(${terms.join("+")},0)`.replace(/PAY_/g, `(${pay})`);
}

/**
 * The cells a person's cost formula reads hold numbers (Från, Till and Pålägg may be empty): text
 * becomes a number in a formula only in some spreadsheets and languages ("0,06" is #VALUE! in an
 * English one). A birth date is a number too, but the formula takes the cell as a year.
 */
function numericInputs(s: CostSheet, row: number): boolean {
  const { birthYear, salary, grade, from, to, surcharge } = s.salaries.columns;
  const cells = s.grid.rows[row] ?? [];
  const numeric = (col: number | undefined) => cells[col ?? -1]?.t === "n";
  return (
    ((numeric(birthYear) && !isDateFormat(cells[birthYear ?? -1]?.fmt)) ||
      isFreeCell(cells[birthYear ?? -1])) &&
    numeric(salary) &&
    numeric(grade) &&
    [from, to, surcharge].every(
      (c) => c === undefined || isFreeCell(cells[c]) || numeric(c),
    )
  );
}

/** An own cost formula: it reads `Avgiftssatser`. */
function isOwnCostFormula(f: string): boolean {
  return f.includes(RATES_SHEET);
}

export interface SalaryRefs {
  readonly posts: string;
  readonly costs: string;
  /** The grades, when every one is a number a SUMIFS adds as the fraction (a percent cell or ≤ 1). */
  readonly grades: string | null;
  /** The grades' range, whatever they hold: what the add-in's SUMIFS of a line reads. */
  readonly gradeRange: string;
  /**
   * What `SUMIF(posts, criterion, costs)` and the line's `SUMIFS` of grades give, with the cells
   * as the plan leaves them (a cost a person typed counts): a formula is written only where it
   * gives the engine's figure.
   */
  readonly sumIf: (criterion: Cell | undefined) => {
    readonly costs: number;
    /** The grades of the rows whose cost is above 0, as the add-in's SUMIFS adds them. */
    readonly activeGrades: number;
  } | null;
}

export interface SalaryPlan {
  readonly edit: SheetEdit;
  /** Per half-year: the ranges of Post and of the half-year's cost, for the lines' SUMIF. */
  readonly refs: ReadonlyMap<HalfYearId, SalaryRefs>;
}

/**
 * The cost columns of `Lönekalkyl`: one per half-year ("Kostnad 2026-H1"), found again by its
 * header on the next run, a live formula per person where the cell is empty or already the
 * add-in's; the person's cost (payroll.ts) is its cached value.
 */
export function planSalaries(
  grid: Grid,
  salaries: SalarySheet,
  analysis: Analysis,
  surchargeRef: string,
  /** The agreement's first and last day in a formula (a cell of Uppgifter, or a serial). */
  period: { readonly start: string | null; readonly end: string | null },
  /**
   * The template's last prepared row (1-based): its empty rows below the persons get the cost
   * formula too, so that a person typed there is counted by the workbook's own formulas.
   */
  prepared = 0,
): SalaryPlan | null {
  const cols = salaries.columns;
  const { birthYear, grade, from, to, salary } = cols;
  if (
    birthYear === undefined ||
    grade === undefined ||
    from === undefined ||
    to === undefined ||
    salary === undefined
  )
    return null;
  const persons = salaries.persons;
  if (persons.length === 0) return null;
  const L = columnLetters;
  const sheet: CostSheet = {
    grid,
    salaries,
    headerRow: salaries.headerRow - 1,
    letters: {
      birth: L(birthYear),
      salary: L(salary),
      grade: L(grade),
      from: L(from),
      to: L(to),
    },
    surchargeRef,
    period,
    agreement: analysis.computation.agreement,
    cells: [],
    next: firstFreeColumn(grid, salaries.headerRow - 1),
    // To the last row with something in it, as the half-years' plans (the add-in's grid has no
    // row of empty text below).
    merged: new MergedAreas(
      grid.merges,
      salaries.headerRow - 1,
      lastFilledRow(grid),
    ),
    prepared: [],
  };
  const gradesAdd = persons.every((p) => {
    const c = grid.rows[p.row - 1]?.[grade];
    return c?.t === "n" && ((c.fmt ?? "").includes("%") || c.v <= 1);
  });
  const { first, last } = coveredRows(grid, salaries, prepared);
  sheet.prepared = preparedRows(grid, persons, first, last, prepared);
  const ref = sheetRef(salaries.sheet);
  const range = (col: number) =>
    `${ref}!$${L(col)}$${first}:$${L(col)}$${last}`;
  const refs = new Map<HalfYearId, SalaryRefs>();
  const post = cols.post ?? 0;
  for (const h of analysis.computation.halfYears) {
    const planned = sheet.cells.length;
    const costs = costColumn(sheet, h);
    const written = new Map<number, number>();
    for (const c of sheet.cells.slice(planned))
      if (c.col === costs) written.set(c.row, numberOf(c.value));
    refs.set(h.halfYear.id, {
      posts: range(post),
      costs: range(costs),
      grades: gradesAdd ? range(grade) : null,
      gradeRange: range(grade),
      sumIf: sumIfOf(grid, { post, costs, grade }, first, last, written),
    });
  }
  return {
    edit: { sheet: salaries.sheet, cells: sheet.cells, marks: [] },
    refs,
  };
}

/**
 * The rows (1-based) the lines' SUMIF covers: the persons', and the prepared rows (the template's,
 * or those its cost formulas still cover, above or below the persons), so that a person typed
 * there is counted before any compute.
 */
function coveredRows(
  grid: Grid,
  salaries: SalarySheet,
  prepared: number,
): { first: number; last: number } {
  const rows = salaries.persons.map((p) => p.row);
  const span = preparedSpan(grid, salaries.headerRow);
  return {
    first: Math.min(smallest(rows), span?.first ?? Infinity),
    last: Math.max(largest(rows), prepared, span?.last ?? 0),
  };
}

/**
 * The first and last rows (1-based) of nothing but the add-in's cost formulas, showing 0: rows
 * prepared for a person; null for none.
 */
function preparedSpan(
  grid: Grid,
  headerRow: number,
): { first: number; last: number } | null {
  let first = 0;
  let last = 0;
  for (let r = headerRow; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (
      row &&
      onlyBlankFormulas(row, -1, true) &&
      row.some((c) => c?.f !== undefined && isOwnCostFormula(c.f))
    ) {
      if (first === 0) first = r + 1;
      last = r + 1;
    }
  }
  return first === 0 ? null : { first, last };
}

/**
 * The rows (0-based) within first…last that hold no person and nothing but empty cells or formulas
 * showing 0: those of the template's prepared range, and those the cost formulas already cover.
 */
function preparedRows(
  grid: Grid,
  persons: readonly Person[],
  first: number,
  last: number,
  prepared: number,
): number[] {
  const taken = new Set(persons.map((p) => p.row - 1));
  const out: number[] = [];
  for (let r = first - 1; r < last; r++) {
    if (taken.has(r)) continue;
    const row = grid.rows[r] ?? [];
    const blank = isBlankRow(row);
    if (blank ? r < prepared : onlyBlankFormulas(row, -1, true)) out.push(r);
  }
  return out;
}

/** `SalaryRefs.sumIf` over the persons' rows `first`…`last` (1-based), cost cells as planned. */
function sumIfOf(
  grid: Grid,
  cols: {
    readonly post: number;
    readonly costs: number;
    readonly grade: number;
  },
  first: number,
  last: number,
  written: ReadonlyMap<number, number>,
): SalaryRefs["sumIf"] {
  // One pass over the persons, summed by Post: a line's question is then a lookup (a workbook of
  // many lines and persons would otherwise pay lines × persons).
  const none = { costs: 0, activeGrades: 0 };
  const byPost = new Map<string, typeof none>();
  for (let r = first - 1; r < last; r++) {
    const row = grid.rows[r];
    const post = criterionText(row?.[cols.post]);
    if (post === null) continue;
    let sums = byPost.get(post);
    if (!sums) byPost.set(post, (sums = { ...none }));
    const cost = written.has(r) ? written.get(r)! : row?.[cols.costs]?.v;
    if (typeof cost === "number") sums.costs += cost;
    const g = row?.[cols.grade]?.v;
    if (typeof g === "number" && typeof cost === "number" && cost > 0)
      sums.activeGrades += g;
  }
  return (criterion) => {
    const wanted = criterionText(criterion);
    return wanted === null ? null : (byPost.get(wanted) ?? none);
  };
}

/** A written value as SUMIF adds it: a number, a formula's number; text counts nothing. */
function numberOf(value: PlanValue): number {
  return plannedNumber(value) ?? 0;
}

/**
 * A cell as a SUMIF criterion or the cell it is matched against: its text, case folded (Excel
 * matches text so); null for a criterion that would not be a plain match (empty, or one that
 * starts with a comparison or holds a wildcard).
 */
function criterionText(cell: Cell | undefined): string | null {
  if (!cell || cell.v === null) return null;
  const t = typeof cell.v === "string" ? cell.v : String(cell.v);
  return t === "" || /^[<>=]|[*?~]/.test(t) ? null : t.toLowerCase();
}

/** `Lönekalkyl` being planned: where its cost columns go, and what is written. */
interface CostSheet {
  readonly grid: Grid;
  readonly salaries: SalarySheet;
  readonly headerRow: number;
  readonly letters: Record<
    "birth" | "salary" | "grade" | "from" | "to",
    string
  >;
  readonly surchargeRef: string;
  readonly period: {
    readonly start: string | null;
    readonly end: string | null;
  };
  readonly agreement: Analysis["computation"]["agreement"];
  readonly cells: CellWrite[];
  /** The next free column, for a cost column the sheet does not have yet. */
  next: number;
  /** The merged areas from the header row down: a cost column goes through none of them. */
  readonly merged: MergedAreas;
  /** Rows (0-based) between the persons' first and last covered that are prepared for one. */
  prepared: readonly number[];
}

/** The first column right of everything from the header row down. */
function firstFreeColumn(grid: Grid, headerRow: number): number {
  let next = 0;
  for (let r = headerRow; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (row)
      for (let c = row.length - 1; c >= next; c--)
        if (!isFreeCell(row[c])) next = c + 1;
  }
  return next;
}

/** A half-year's cost column by its header ("Kostnad 2026-H1"), or the next free one, headed. */
function headedCostColumn(s: CostSheet, id: HalfYearId): number {
  const title = costHeader(id);
  const header = s.grid.rows[s.headerRow] ?? [];
  const found = header.findIndex((cell) => readText(cell).trim() === title);
  if (found >= 0) return found;
  const col = s.merged.clearColumn(s.next);
  s.next = col + 1;
  s.cells.push({
    row: s.headerRow,
    col,
    value: text(title),
    style: HEADER_STYLE,
  });
  return col;
}

/** A half-year's cost column ("Kostnad 2026-H1"): found by its header, or added; returns it. */
function costColumn(
  s: CostSheet,
  h: Analysis["computation"]["halfYears"][number],
): number {
  const col = headedCostColumn(s, h.halfYear.id);
  const costOf = new Map<Person, Ore>();
  for (const line of h.lines)
    for (const c of line.salaries ?? []) costOf.set(c.person, c.cost);
  const { surcharge } = s.salaries.columns;
  // One formula for every person of the half-year, their row put in as it is written.
  const surchargeOf =
    surcharge === undefined
      ? s.surchargeRef
      : flat`IF($${columnLetters(surcharge)}${ROW}="",${s.surchargeRef},$${columnLetters(surcharge)}${ROW})`;
  // One formula per unit the salary cells are in (kronor, unless "Månadslön (tkr)").
  const partsOf = new Map<number, string[]>();
  const formulaParts = (factor: number): string[] => {
    let parts = partsOf.get(factor);
    if (!parts)
      partsOf.set(
        factor,
        (parts = costFormula(
          h.halfYear,
          s.letters,
          surchargeOf,
          s.period,
          factor,
        ).split(ROW)),
      );
    return parts;
  };
  const salaryCol = s.salaries.columns.salary!;
  const salaryUnit = s.salaries.salaryUnit ?? 1;
  // A prepared row: the cost formula, showing 0 until a person is typed there.
  for (const r of s.prepared) {
    const existing = s.grid.rows[r]?.[col];
    if (existing?.f ? !isOwnCostFormula(existing.f) : !isFreeCell(existing))
      continue;
    if (s.merged.hides(r, col)) continue;
    s.cells.push({
      row: r,
      col,
      value: rowFormula(
        formulaParts(amountFactor(undefined, salaryUnit)),
        r + 1,
        0,
      ),
      // Its 0 not shown, so that the empty rows read as empty.
      style: { numberFormat: UNTIL_FILLED_FORMAT },
    });
  }
  for (const p of s.salaries.persons) {
    const existing = s.grid.rows[p.row - 1]?.[col];
    // Free, or the add-in's own cost formula; anything else (a formula showing "" too) is kept,
    // and a cell a merged area hides is not written (its value would not be seen).
    if (existing?.f ? !isOwnCostFormula(existing.f) : !isFreeCell(existing))
      continue;
    if (s.merged.hides(p.row - 1, col)) continue;
    const cost =
      costOf.get(p) ??
      personCost(p, h.halfYear, s.agreement.surchargePpm, s.agreement)?.cost ??
      null;
    s.cells.push({
      row: p.row - 1,
      col,
      // A person whose cost cannot be computed (a finding) gets no formula that would show 0; one
      // whose inputs are text ("75 %", "heltid", "32 000 kr") the figure: a spreadsheet compares
      // text as larger than any number, and does not multiply "32 000 kr".
      value:
        cost === null
          ? text("")
          : !numericInputs(s, p.row - 1)
            ? num(toKronor(cost))
            : rowFormula(
                formulaParts(
                  amountFactor(
                    s.grid.rows[p.row - 1]?.[salaryCol]?.fmt,
                    salaryUnit,
                  ),
                ),
                p.row,
                toKronor(cost),
              ),
      style: { numberFormat: PLAIN_AMOUNT_FORMAT },
    });
  }
  return col;
}
