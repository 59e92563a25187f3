// The one shape every adapter hands to the core: plain grids of cells.
// Dates arrive as serial numbers in the 1900 date system (adapters convert 1904 workbooks).

/**
 * A cell as an adapter hands it over. `f` is its formula as the file (or Excel) gives it; `a1` the
 * same formula with an Excel table's structured references as A1 references (tableFormula), set
 * by an adapter that knows the workbook's tables, where the formula has such references.
 */
export type Cell =
  | {
      readonly t: "n";
      readonly v: number;
      readonly fmt?: string;
      readonly f?: string;
      readonly a1?: string;
    }
  | {
      readonly t: "s";
      readonly v: string;
      readonly fmt?: string;
      readonly f?: string;
      readonly a1?: string;
    }
  | {
      readonly t: "b";
      readonly v: boolean;
      readonly fmt?: string;
      readonly f?: string;
      readonly a1?: string;
    }
  | {
      readonly t: "e";
      readonly v: string;
      readonly fmt?: string;
      readonly f?: string;
      readonly a1?: string;
    }
  /** A formula whose cached value is missing (never calculated by a spreadsheet program). */
  | {
      readonly t: "z";
      readonly v: null;
      readonly fmt?: string;
      readonly f?: string;
      readonly a1?: string;
    };

/** Zero-based inclusive rectangle. */
export interface Merge {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface Grid {
  readonly name: string;
  /** rows[r][c], zero-based; holes and undefined are empty cells. */
  readonly rows: ReadonlyArray<ReadonlyArray<Cell | undefined> | undefined>;
  readonly merges?: readonly Merge[];
  /** Set by an adapter that knows the add-in wrote this sheet: its mark (Excel's custom property). */
  readonly owner?: string;
  /** Set by an adapter that knows the sheet is protected (Excel's sheet protection). */
  readonly protected?: boolean;
  /** Set by an adapter that knows the sheet is hidden from its tab menu (Excel's VeryHidden). */
  readonly veryHidden?: boolean;
  /** Set by an adapter that knows the sheet is not shown (hidden or very hidden). */
  readonly hidden?: boolean;
  /**
   * Set by an adapter that knows which rows are hidden (or filtered out) in the file: their
   * zero-based indexes, ascending. Absent where it cannot tell.
   */
  readonly hiddenRows?: readonly number[];
  /**
   * Set by an adapter that knows which columns are hidden: their zero-based indexes, ascending.
   * Absent where it cannot tell.
   */
  readonly hiddenColumns?: readonly number[];
  /** Set by an adapter when the sheet's content could not be read at all. */
  readonly unreadable?: string;
  /** Set by an adapter when the sheet has cells past Excel's grid (the first one): they are not read. */
  readonly outsideGrid?: string;
}

/** What an adapter knows of the file beside its sheets. */
export interface WorkbookFile {
  /**
   * When the file was last saved, as its own properties say (ISO 8601): of two versions of one
   * period, the later saved is the one judged. Absent where the adapter cannot tell (the workbook
   * open in Excel).
   */
  readonly savedAt?: string | null;
}

export interface WorkbookGrids extends WorkbookFile {
  readonly sheets: readonly Grid[];
}

/** One row of a sheet: its zero-based index and its cells (holes and undefined are empty). */
export interface SheetRow {
  readonly index: number;
  readonly cells: ReadonlyArray<Cell | undefined>;
  /** Set where the file hides the row (or filters it out). */
  readonly hidden?: true;
}

/** What a file says of a sheet after its rows: known once they have all been taken. */
export interface SheetTail {
  readonly merges: readonly Merge[];
  /** The first cell past Excel's grid, as in `Grid.outsideGrid`. */
  readonly outsideGrid?: string;
}

/**
 * A sheet handed over a row at a time, so that a large one is read without being held whole: its
 * rows in ascending order, each once; then its tail. The reader takes every row (it never stops
 * early) before it asks for the tail.
 */
export interface StreamedSheet {
  readonly streamed: true;
  readonly name: string;
  /** As in `Grid.owner`: known before the rows. */
  readonly owner?: string;
  /** As in `Grid.hidden`. */
  readonly hidden?: boolean;
  /**
   * As in `Grid.hiddenColumns`, known once the first row has been taken (a file says them before
   * its rows). Absent where the adapter cannot tell.
   */
  readonly hiddenColumns?: () => readonly number[];
  readonly rows: Iterable<SheetRow>;
  readonly tail: () => SheetTail;
}

/** A sheet as an adapter hands it over: whole, or a row at a time. */
export type Sheet = Grid | StreamedSheet;

/** A workbook's sheets as an adapter hands them over, each read when the iteration reaches it. */
export interface WorkbookSheets extends WorkbookFile {
  readonly sheets: Iterable<Sheet>;
}

export function isStreamed(sheet: Sheet): sheet is StreamedSheet {
  return "streamed" in sheet;
}

/** A grid's rows in order, as a streamed sheet hands them over. */
export function* rowsOf(grid: Grid): Generator<SheetRow> {
  const { rows } = grid;
  const hidden = new Set(grid.hiddenRows);
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    if (cells)
      yield hidden.has(r)
        ? { index: r, cells, hidden: true }
        : { index: r, cells };
  }
}

/** A sheet whole: a streamed one's rows taken into a grid (for what needs to look anywhere in it). */
export function gridOf(sheet: Sheet): Grid {
  if (!isStreamed(sheet)) return sheet;
  const rows: (ReadonlyArray<Cell | undefined> | undefined)[] = [];
  const hiddenRows: number[] = [];
  for (const row of sheet.rows) {
    rows[row.index] = row.cells;
    if (row.hidden) hiddenRows.push(row.index);
  }
  const { merges, outsideGrid } = sheet.tail();
  const hiddenColumns = sheet.hiddenColumns?.() ?? [];
  return {
    name: sheet.name,
    rows,
    merges,
    ...(hiddenRows.length > 0 ? { hiddenRows } : {}),
    ...(hiddenColumns.length > 0 ? { hiddenColumns } : {}),
    ...(sheet.owner === undefined ? {} : { owner: sheet.owner }),
    ...(sheet.hidden ? { hidden: true } : {}),
    ...(outsideGrid === undefined ? {} : { outsideGrid }),
  };
}

export function cellAt(grid: Grid, row: number, col: number): Cell | undefined {
  return grid.rows[row]?.[col];
}

export function columnLetters(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Zero-based row/column to an A1 address. */
export function a1(row: number, col: number): string {
  return columnLetters(col) + String(row + 1);
}

/** An A1 address ("B12", "$B$12") to zero-based row/column; null when it is not one. */
export function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase())
    col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Excel's grid: its rows and columns. */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;

/**
 * What to select to bring a finding's cell before a person: the cell, or where its column or row is
 * hidden, the cells from the shown one before the hidden ones to the shown one after them. Excel
 * shows such a selection (a cell of a hidden column alone it does not), and its Unhide (Home →
 * Format → Hide & Unhide) acts on it.
 */
export function selectionFor(
  grids: WorkbookGrids,
  sheet: string,
  cell: string,
): string {
  const at = parseA1(cell);
  const grid = grids.sheets.find((g) => g.name === sheet);
  if (!at || !grid) return cell;
  const around = (
    i: number,
    hidden: readonly number[] | undefined,
    last: number,
  ): [number, number] => {
    const set = new Set(hidden);
    let [from, to] = [i, i];
    if (!set.has(i)) return [from, to];
    while (from > 0 && set.has(from)) from--;
    while (to < last && set.has(to)) to++;
    return [from, to];
  };
  const [top, bottom] = around(at.row, grid.hiddenRows, EXCEL_ROWS - 1);
  const [left, right] = around(at.col, grid.hiddenColumns, EXCEL_COLUMNS - 1);
  return top === bottom && left === right
    ? cell
    : `${a1(top, left)}:${a1(bottom, right)}`;
}

/** A cell that shows nothing: empty, blank text, or a formula whose value is "" (read as no value). */
export function isEmptyCell(cell: Cell | undefined): boolean {
  return (
    cell === undefined ||
    (cell.t === "s" && cell.v.trim() === "") ||
    (cell.t === "z" && !cell.f)
  );
}

/**
 * A row whose only content (but for the cell `except`, as a category's list value) is formulas
 * that show 0 or nothing: a row of the template's left empty or emptied, its locked formulas
 * staying (a SUMIF of an empty post, a person's cost of no salary). Nothing typed, nothing to count.
 * With `uncalculated`, a formula saved without a value (by a program that does not calculate)
 * counts as one too; a half-year's row of such formulas may hold amounts, and is read.
 */
export function onlyBlankFormulas(
  row: readonly (Cell | undefined)[],
  except = -1,
  uncalculated = false,
): boolean {
  let formulas = false;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (c === except || isEmptyCell(cell)) continue;
    const blank =
      (cell!.t === "n" && cell!.v === 0) || (uncalculated && cell!.t === "z");
    if (!cell!.f || !blank) return false;
    formulas = true;
  }
  return formulas;
}

/** Whether every cell of a row is empty. */
export function isBlankRow(row: ReadonlyArray<Cell | undefined>): boolean {
  for (let c = 0; c < row.length; c++) if (!isEmptyCell(row[c])) return false;
  return true;
}

/**
 * The last row with a cell that is not empty, or -1. Rows of empty cells below it are the sheet's
 * end all the same: the add-in reads an empty text as an empty cell, so its grid has no such row
 * where the file's has one.
 */
export function lastFilledRow(grid: Grid): number {
  for (let r = grid.rows.length - 1; r >= 0; r--) {
    const row = grid.rows[r];
    if (row && !isBlankRow(row)) return r;
  }
  return -1;
}

/**
 * The formula of a cell the file marks as one of a shared formula's (Excel's fill-down) without
 * the text: the reader gives each such cell its first cell's text moved, so only a cell whose
 * first cell the file lacks (a damaged or crafted file) has this.
 */
export const SHARED_DEPENDANT = "(shared)";

/**
 * A cell's formula text to work out or to compare with a form, when it has one (SHARED_DEPENDANT
 * has none): an Excel table's references as A1 references where the adapter gave them.
 */
export function formulaTextOf(cell: Cell | undefined): string | undefined {
  const f = cell?.f;
  return f === SHARED_DEPENDANT ? undefined : (cell?.a1 ?? f);
}

/**
 * A cell a plan may write into: it shows nothing and holds no formula. A formula whose value is ""
 * (`IF(A4>0,A4,"")`, common in Excel) shows nothing but is a person's work.
 */
export function isFreeCell(cell: Cell | undefined): boolean {
  return !cell?.f && isEmptyCell(cell);
}

/**
 * A sheet's merged areas that meet a band of rows, as a plan asks of them: Excel shows a merged
 * area's top-left cell over the whole area, so a value written into any other cell of it is not
 * seen (and Excel may refuse it). A plan writes neither an added column through an area nor a
 * value into a cell an area hides. The questions cost a pass over the band's areas, never one per
 * cell of an area (a hostile file's area may span the whole grid).
 */
export class MergedAreas {
  /** The areas of more than one cell that meet the band, by their left column. */
  private readonly areas: readonly Merge[];
  private readonly hiddenRows = new Map<
    number,
    readonly (readonly [number, number])[]
  >();

  constructor(
    merges: readonly Merge[] | undefined,
    top: number,
    bottom: number,
  ) {
    this.areas = (merges ?? [])
      .filter(
        (m) =>
          m.top <= bottom &&
          m.bottom >= top &&
          (m.bottom > m.top || m.right > m.left),
      )
      .sort((a, b) => a.left - b.left);
  }

  /** The first column at or right of `col` that no area of the band enters. */
  clearColumn(col: number): number {
    // By left column: an area met later starts right of every one passed, so one pass does.
    for (const m of this.areas)
      if (m.left <= col && m.right >= col) col = m.right + 1;
    return col;
  }

  /** Whether an area hides the cell: it is in one and not its top-left cell. */
  hides(row: number, col: number): boolean {
    // Asked of every cell a plan writes; most sheets have no area in their table.
    if (this.areas.length === 0) return false;
    const spans = this.hiddenRowsOf(col);
    // The last span starting at or above the row (spans are joined: they do not overlap).
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]![0] <= row) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && spans[hi]![1] >= row;
  }

  /** The rows an area hides in a column, as joined spans in order. */
  private hiddenRowsOf(col: number): readonly (readonly [number, number])[] {
    let spans = this.hiddenRows.get(col);
    if (spans) return spans;
    const raw: [number, number][] = [];
    for (const m of this.areas) {
      if (m.left > col) break;
      if (m.right < col) continue;
      // The top-left cell shows the area: in its column the area hides the rows below it.
      const top = col === m.left ? m.top + 1 : m.top;
      if (top <= m.bottom) raw.push([top, m.bottom]);
    }
    raw.sort((a, b) => a[0] - b[0]);
    const joined: [number, number][] = [];
    for (const s of raw) {
      const last = joined[joined.length - 1];
      if (last && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1]);
      else joined.push([s[0], s[1]]);
    }
    spans = joined;
    this.hiddenRows.set(col, spans);
    return spans;
  }
}

/**
 * A header row's cells, those of visible columns first. An old column hidden beside the one people
 * see ("Budget" hidden left of a revised "Budget") then counts only where none of its kind shows.
 */
export function shownFirst(
  row: ReadonlyArray<Cell | undefined>,
  hidden: ReadonlySet<number>,
  visit: (cell: Cell | undefined, c: number) => void,
): void {
  if (hidden.size === 0) row.forEach(visit);
  else {
    row.forEach((cell, c) => hidden.has(c) || visit(cell, c));
    row.forEach((cell, c) => hidden.has(c) && visit(cell, c));
  }
}
