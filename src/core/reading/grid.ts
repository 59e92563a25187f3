// The one shape every adapter hands to the core: plain grids of cells.
// Dates arrive as serial numbers in the 1900 date system (adapters convert 1904 workbooks).

export type Cell =
  | {
      readonly t: "n";
      readonly v: number;
      readonly fmt?: string;
      readonly f?: string;
    }
  | {
      readonly t: "s";
      readonly v: string;
      readonly fmt?: string;
      readonly f?: string;
    }
  | {
      readonly t: "b";
      readonly v: boolean;
      readonly fmt?: string;
      readonly f?: string;
    }
  | {
      readonly t: "e";
      readonly v: string;
      readonly fmt?: string;
      readonly f?: string;
    }
  /** A formula whose cached value is missing (never calculated by a spreadsheet program). */
  | {
      readonly t: "z";
      readonly v: null;
      readonly fmt?: string;
      readonly f?: string;
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
  /** Set by an adapter when the sheet's content could not be read at all. */
  readonly unreadable?: string;
  /** Set by an adapter when the sheet has cells past Excel's grid (the first one): they are not read. */
  readonly outsideGrid?: string;
}

export interface WorkbookGrids {
  readonly sheets: readonly Grid[];
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

export function isEmptyCell(cell: Cell | undefined): boolean {
  return (
    cell === undefined ||
    (cell.t === "s" && cell.v.trim() === "") ||
    (cell.t === "z" && !cell.f)
  );
}
