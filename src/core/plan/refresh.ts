// The workbook's own formulas that read what compute writes, with the values they will show. A
// file keeps each formula's last value, and a program that does not work formulas out on opening
// (LibreOffice as installed, a script reading values, `check` of the copy) shows that value: a
// person's helper `=F5/6` beside a budget compute derived showed the old figure. Excel works every
// formula out (compute's copy asks it to on opening, and the add-in writes into a live workbook),
// so only a file's plan gets these.

import { isoToSerial } from "../reading/dates";
import type { Cell, Grid, WorkbookGrids } from "../reading/grid";
import type { BudgetWorkbook } from "../model";
import {
  type CellAt,
  type CellSource,
  cellAtKey,
  cellKey,
  sheetKey,
  workedOutWithin,
} from "../modelling/recalc";
import type { CellWrite, PlanValue, SheetEdit, WritePlan } from "./types";

/**
 * What working them out may cost, in cells read and formulas looked at: a crafted workbook of
 * 100 000 formulas each summing the 100 000 lines would read 10¹⁰ cells. Past it the formulas keep
 * the values the file holds, as before this was done.
 */
const MAX_WORK = 20_000_000;
/**
 * The workbook's own formulas worked out at most, and their text: each is parsed and indexed, some
 * 1 KB a formula (without these limits, 100 000 helpers beside a 100 000-line workbook took
 * `compute` from 280 to 383 MB). A budget has a few hundred; past either, they keep the values the
 * file holds.
 */
const MAX_FORMULAS = 20_000;
const MAX_FORMULA_TEXT = 1_000_000;

/** A planned value as a formula reading it sees it (the plan's own formulas as their values). */
function asValue(value: PlanValue): Cell | undefined {
  switch (value.kind) {
    case "number":
      return { t: "n", v: value.value };
    case "date":
      return { t: "n", v: isoToSerial(value.iso) };
    case "text":
      return value.value === "" ? undefined : { t: "s", v: value.value };
    case "formula":
    case "shown":
      return typeof value.cached === "number"
        ? { t: "n", v: value.cached }
        : { t: "s", v: value.cached };
  }
}

/**
 * The same value as a formula reads it: empty (or never worked out) alike, a number to within float
 * noise (Excel's 15 digits against ours).
 */
function sameValue(a: Cell | undefined, b: Cell | undefined): boolean {
  const empty = (c: Cell | undefined) => c === undefined || c.t === "z";
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  if (a!.t === "n" && b!.t === "n")
    return Math.abs(a!.v - b!.v) <= 1e-9 * Math.max(1, Math.abs(a!.v));
  return a!.t === b!.t && a!.v === b!.v;
}

/** A sheet the plan makes anew: its cells, as values. */
function created(name: string, cells: readonly CellWrite[]): Grid {
  const rows: (Cell | undefined)[][] = [];
  for (const c of cells) (rows[c.row] ??= [])[c.col] = asValue(c.value);
  return { name, rows };
}

/**
 * The cells the engine reads its figures from: a formula there counted as the value it showed
 * (SPEC §7), and keeps it, so that the copy checks to the figures it was computed with (a percent
 * `=F5*2` over a budget compute derives would move the next run's). The agreement's sheet, and
 * each table's recognised columns from its header to its last row.
 */
function readByEngine(
  model: BudgetWorkbook,
): (sheet: string, row: number, col: number) => boolean {
  const tables = new Map<
    string,
    { first: number; last: number; cols: Set<number> }[]
  >();
  const add = (
    sheet: string,
    header: number,
    rows: Iterable<readonly { readonly row: number }[]>,
    cols: Readonly<Record<string, number | undefined>>,
  ) => {
    // The last row by a loop: a half-year of 150 000 lines is past what Math.max(...) takes.
    let last = header;
    for (const list of rows) for (const r of list) last = Math.max(last, r.row);
    const list = tables.get(sheet) ?? [];
    list.push({
      first: header - 1,
      last: last - 1,
      cols: new Set(Object.values(cols).filter((c) => c !== undefined)),
    });
    tables.set(sheet, list);
  };
  for (const h of model.halfYears)
    add(
      h.sheet,
      h.headerRow,
      [h.lines, h.total ? [h.total] : [], h.subtotals ?? []],
      h.columns,
    );
  const salaries = model.salaries;
  if (salaries)
    add(
      salaries.sheet,
      salaries.headerRow,
      [salaries.persons],
      salaries.columns,
    );
  const agreement = model.agreement.sheet;
  return (sheet, row, col) =>
    sheet === agreement ||
    (tables.get(sheet) ?? []).some(
      (t) => row >= t.first && row <= t.last && t.cols.has(col),
    );
}

/**
 * The workbook's formulas that the plan does not write and the engine does not read, by sheet
 * (key: keyOf); a sheet the plan writes whole (the add-in's own) has none. Null when they are more
 * than MAX_FORMULAS, or their text longer than MAX_FORMULA_TEXT: none is worked out.
 */
function ownFormulas(
  grids: WorkbookGrids,
  plan: WritePlan,
  model: BudgetWorkbook,
): Map<string, Map<number, Cell>> | null {
  const replaced = new Set(plan.creates.map((c) => c.sheet));
  const planned = new Map(plan.edits.map((e) => [e.sheet, e.cells]));
  // Made at the first formula met: most workbooks compute writes into have none.
  let read: ReturnType<typeof readByEngine> | null = null;
  const own = new Map<string, Map<number, Cell>>();
  let count = 0;
  let text = 0;
  for (const g of grids.sheets) {
    if (replaced.has(g.name)) continue;
    const written = planned.get(g.name) ?? [];
    // Those the plan writes are let go below: until then, no more than it writes may be over.
    const most = MAX_FORMULAS + written.length;
    const sheet = new Map<number, Cell>();
    for (let r = 0; r < g.rows.length; r++) {
      const row = g.rows[r];
      if (row)
        for (let c = 0; c < row.length; c++) {
          const cell = row[c];
          if (cell?.f === undefined) continue;
          read ??= readByEngine(model);
          if (read(g.name, r, c)) continue;
          sheet.set(cellKey(r, c), cell);
          if (sheet.size > most) return null;
        }
    }
    if (sheet.size === 0) continue;
    for (const c of written) sheet.delete(cellKey(c.row, c.col));
    for (const cell of sheet.values()) text += cell.f!.length;
    count += sheet.size;
    if (count > MAX_FORMULAS || text > MAX_FORMULA_TEXT) return null;
    if (sheet.size > 0) own.set(g.name, sheet);
  }
  return own;
}

/**
 * The workbook's cells as the plan leaves them, by normalised sheet name, and the cells whose
 * values it changes: a cell written as it was (a second run's) changes nothing. Only the changed
 * cells are held beside the grids (a plan of 100 000 lines writes some 400 000).
 */
function writtenInto(
  grids: WorkbookGrids,
  plan: WritePlan,
): { cellAt: CellSource; changed: () => Generator<CellAt> } {
  const base = new Map<string, Grid>(
    grids.sheets.map((g) => [sheetKey(g.name), g]),
  );
  // Sheets written whole (the add-in's own, new or replaced) are read as written.
  const whole = new Map<string, Grid>();
  for (const c of plan.creates)
    whole.set(sheetKey(c.sheet), created(c.sheet, c.cells));
  const now = new Map<string, Map<number, PlanValue>>();
  for (const e of plan.edits) {
    const key = sheetKey(e.sheet);
    const before = base.get(key);
    let sheet = now.get(key);
    for (const c of e.cells)
      if (!sameValue(before?.rows[c.row]?.[c.col], asValue(c.value))) {
        if (!sheet) now.set(key, (sheet = new Map<number, PlanValue>()));
        sheet.set(cellKey(c.row, c.col), c.value);
      }
  }
  const cellAt: CellSource = (sheet) => {
    const grid = whole.get(sheet) ?? base.get(sheet);
    const written = whole.has(sheet) ? undefined : now.get(sheet);
    if (!written) return (row, col) => grid?.rows[row]?.[col];
    return (row, col) => {
      const value = written.get(cellKey(row, col));
      return value ? asValue(value) : grid?.rows[row]?.[col];
    };
  };
  function* changed(): Generator<CellAt> {
    for (const [sheet, cells] of now)
      for (const key of cells.keys()) yield { sheet, ...cellAtKey(key) };
    for (const [sheet, made] of whole) {
      const before = base.get(sheet);
      for (const { row, col } of [
        ...(before ? cellsOf(before) : []),
        ...cellsOf(made),
      ])
        if (!sameValue(before?.rows[row]?.[col], made.rows[row]?.[col]))
          yield { sheet, row, col };
    }
  }
  return { cellAt, changed };
}

function* cellsOf(g: Grid): Generator<{ row: number; col: number }> {
  for (let row = 0; row < g.rows.length; row++) {
    const cells = g.rows[row];
    if (cells)
      for (let col = 0; col < cells.length; col++)
        if (cells[col] !== undefined) yield { row, col };
  }
}

/**
 * The plan, with each formula of the workbook's own that reads a cell the plan writes (directly or
 * through other formulas) given the value it shows once they are written, where that differs from
 * the value the file holds: the formula as it is ("shown"). A formula that then shows an error or a
 * logical value, or that the engine cannot work out (a function it does not know, another
 * workbook), keeps the value the file holds; Excel shows its own on opening.
 */
export function withFormulasWorkedOut(
  grids: WorkbookGrids,
  plan: WritePlan,
  model: BudgetWorkbook,
): WritePlan {
  // Most workbooks compute writes into have no formula of their own left: nothing to work out.
  const own = ownFormulas(grids, plan, model);
  if (!own || own.size === 0) return plan;
  const { cellAt, changed } = writtenInto(grids, plan);
  // Only these formulas are worked out: the rest of the workbook is read as its values.
  const formulas: WorkbookGrids = {
    sheets: [...own].map(([name, cells]) => {
      const rows: (Cell | undefined)[][] = [];
      for (const [key, cell] of cells) {
        const { row, col } = cellAtKey(key);
        (rows[row] ??= [])[col] = cell;
      }
      return { name, rows };
    }),
  };
  const worked = workedOutWithin(formulas, cellAt, changed(), MAX_WORK);
  if (!worked) return plan;

  const names = new Map(grids.sheets.map((g) => [sheetKey(g.name), g.name]));
  const shown = new Map<string, CellWrite[]>();
  for (const { sheet: key, row, col, cell: now } of worked) {
    const sheet = names.get(key)!;
    const before = own.get(sheet)!.get(cellKey(row, col))!;
    if ((now.t !== "n" && now.t !== "s") || sameValue(before, now)) continue;
    let cells = shown.get(sheet);
    if (!cells) shown.set(sheet, (cells = []));
    cells.push({
      row,
      col,
      value: { kind: "shown", formula: before.f!, cached: now.v },
    });
  }
  if (shown.size === 0) return plan;
  const edited = new Set(plan.edits.map((e) => e.sheet));
  return {
    ...plan,
    edits: [
      ...plan.edits.map((e) => {
        const cells = shown.get(e.sheet);
        return cells ? { ...e, cells: [...e.cells, ...cells] } : e;
      }),
      ...[...shown]
        .filter(([sheet]) => !edited.has(sheet))
        .map(([sheet, cells]): SheetEdit => ({ sheet, cells, marks: [] })),
    ],
  };
}
