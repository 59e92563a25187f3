// An Excel table's structured references ("Tabell1[Budget]", "[@Månader]", a total row's
// "SUBTOTAL(109,Tabell1[Budget])") as the A1 references they stand for, so that the engine reads a
// table's total as it reads a SUM and works a table's formulas out as Excel does (SPEC §3, §4.17).
// The file stores "Tabell1[[#This Row],[Budget]]" where Excel shows "[@Budget]"; both are read.

import { a1 } from "./grid";

/** More tables than this (a crafted workbook) are not read: their formulas keep their values. */
export const MAX_TABLES = 1000;

/** An Excel table (a "list object"): where it is and what its columns are called. */
export interface TableArea {
  readonly name: string;
  readonly sheet: string;
  /** Its whole range, header and total rows included: zero-based, inclusive. */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  /** Whether it shows its header row (the first of its range) and its total row (the last). */
  readonly headerRow: boolean;
  readonly totalsRow: boolean;
  /** Its columns' names, left to right: one a column of its range. */
  readonly columns: readonly string[];
}

/** Rows a reference takes: Excel's "special items", as bits. */
const ALL = 1;
const DATA = 2;
const HEADERS = 4;
const TOTALS = 8;
const THIS_ROW = 16;

const PARTS: ReadonlyMap<string, number> = new Map([
  ["#all", ALL],
  ["#data", DATA],
  ["#headers", HEADERS],
  ["#totals", TOTALS],
  ["#this row", THIS_ROW],
]);

/** A structured reference as written: its table (null: the formula's own), rows and columns. */
interface Reference {
  readonly table: string | null;
  readonly parts: number;
  /** None (every column), one, or the first and last of a range; in lower case. */
  readonly columns: readonly string[];
}

/** A formula cut at its references: its text between them, and them. */
type Pieces = readonly (string | Reference)[];

/** A table with its columns found by name. */
interface Indexed extends TableArea {
  readonly columnAt: ReadonlyMap<string, number>;
}

/**
 * Distinct formulas whose pieces are kept: a table's column holds one formula down all its rows
 * ("[@Budget]-[@Utfall]"), read once; a crafted sheet of a million different ones is cut anyway.
 */
const KEPT_FORMULAS = 10_000;

/** A workbook's tables, found by name (without regard to case, as in Excel) or by a cell. */
export class Tables {
  private readonly byName = new Map<string, Indexed>();
  private readonly pieces = new Map<string, Pieces | null>();

  constructor(tables: Iterable<TableArea>) {
    for (const t of tables)
      // A crafted part whose columns do not fill its range, or a name given twice, is not used.
      if (
        t.columns.length === t.right - t.left + 1 &&
        t.bottom >= t.top + Number(t.headerRow) + Number(t.totalsRow) &&
        !this.byName.has(t.name.toLowerCase())
      ) {
        const columnAt = new Map<string, number>();
        t.columns.forEach((c, i) => {
          if (!columnAt.has(c.toLowerCase())) columnAt.set(c.toLowerCase(), i);
        });
        this.byName.set(t.name.toLowerCase(), { ...t, columnAt });
      }
  }

  get size(): number {
    return this.byName.size;
  }

  /** The formula's pieces, read once for every cell that holds the same text. */
  piecesOf(formula: string): Pieces | null {
    let known = this.pieces.get(formula);
    if (known === undefined) {
      known = cutAtReferences(formula);
      if (this.pieces.size < KEPT_FORMULAS) this.pieces.set(formula, known);
    }
    return known;
  }

  /** A reference's cells, as A1 text, from where its formula is; null where Excel takes none. */
  cellsOf(ref: Reference, at: FormulaAt): string | null {
    const table = ref.table === null ? this.at(at) : this.byName.get(ref.table);
    if (!table) return null;
    const rows = rowsOf(table, ref.parts, at.row);
    if (!rows) return null;
    let [c1, c2] = [0, table.columns.length - 1];
    if (ref.columns.length > 0) {
      const first = table.columnAt.get(ref.columns[0]!);
      const last = table.columnAt.get(ref.columns[ref.columns.length - 1]!);
      if (first === undefined || last === undefined) return null;
      [c1, c2] = first <= last ? [first, last] : [last, first];
    }
    const from = a1(rows[0], table.left + c1);
    const to = a1(rows[1], table.left + c2);
    // A column's rows stay a range when there is one (a table of one line): "SUM(F4:F4)", as the
    // same formula with its range is read; this row's, the totals' or the header's cell is a cell.
    const oneCell =
      ref.parts === THIS_ROW || ref.parts === TOTALS || ref.parts === HEADERS;
    const cells = from === to && oneCell ? from : `${from}:${to}`;
    return table.sheet.toLowerCase() === at.sheet.toLowerCase()
      ? cells
      : `'${table.sheet.replace(/'/g, "''")}'!${cells}`;
  }

  /** The table a cell is in: an unqualified "[Budget]" is its own table's. */
  private at({ sheet, row, col }: FormulaAt): Indexed | undefined {
    const key = sheet.toLowerCase();
    for (const t of this.byName.values())
      if (
        t.top <= row &&
        row <= t.bottom &&
        t.left <= col &&
        col <= t.right &&
        t.sheet.toLowerCase() === key
      )
        return t;
    return undefined;
  }
}

/** Where a formula is: "[@Budget]" is its own row's cell, "[Budget]" its own table's column. */
interface FormulaAt {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/**
 * `formula` with its structured references as A1 references; undefined when it has none, or one
 * that is not a table's cell or range as Excel would take it (an unknown table or column, a
 * "#Totals" the table does not show, "[@Budget]" outside the table's rows, a reference to another
 * workbook): such a formula is not worked out, and keeps the value the file holds.
 */
export function tableFormula(
  formula: string,
  at: FormulaAt,
  tables: Tables,
): string | undefined {
  if (!formula.includes("[") || tables.size === 0) return undefined;
  const pieces = tables.piecesOf(formula);
  if (pieces === null) return undefined;
  let out = "";
  for (const piece of pieces) {
    if (typeof piece === "string") {
      out += piece;
      continue;
    }
    const cells = tables.cellsOf(piece, at);
    if (cells === null) return undefined;
    out += cells;
  }
  return out;
}

/** A character a table's name may hold ("Tabell1", "Budget_2025", "Tbl.Lön"). */
const NAME_CHAR = /[\p{L}\p{N}_.\\]/u;
const nameChar = (ch: string): boolean => NAME_CHAR.test(ch);

/** A formula's text and references; null where it has none, or one Excel would not take. */
function cutAtReferences(formula: string): Pieces | null {
  const pieces: (string | Reference)[] = [];
  let from = 0;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      // A text or a quoted sheet name: its brackets are no table's.
      const end = formula.indexOf(ch, i + 1);
      if (end < 0) return null;
      i = end;
      continue;
    }
    if (ch !== "[") continue;
    let start = i;
    while (start > from && nameChar(formula[start - 1]!)) start--;
    // A name starts with a letter, "_" or "\" (a cell's column letters never precede a bracket).
    if (start < i && /[\p{N}.]/u.test(formula[start]!)) return null;
    const close = closingBracket(formula, i);
    if (close < 0) return null;
    // "[1]Blad!A1", "[Budget.xlsx]Blad!A1": another workbook's, never worked out.
    let after = close + 1;
    while (after < formula.length && nameChar(formula[after]!)) after++;
    if (formula[after] === "!") return null;
    const items = itemsOf(formula.slice(i + 1, close));
    if (!items) return null;
    if (start > from) pieces.push(formula.slice(from, start));
    pieces.push({
      table: start < i ? formula.slice(start, i).toLowerCase() : null,
      ...items,
    });
    from = close + 1;
    i = close;
  }
  if (pieces.length === 0) return null;
  if (from < formula.length) pieces.push(formula.slice(from));
  return pieces;
}

/** The bracket that closes the one at `open` ("'" escapes a bracket in a column's name); -1 if none. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") i++;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return i;
  }
  return -1;
}

/** A column's name as written, its escapes taken away ("'#" is "#"), in lower case. */
const unescaped = (name: string): string =>
  name.replace(/'(.)/g, "$1").trim().toLowerCase();

/**
 * What is inside a reference's brackets: the rows (special items) and the columns it names, or
 * null when it is not a form Excel writes.
 */
function itemsOf(
  inner: string,
): { parts: number; columns: readonly string[] } | null {
  const text = inner.trim();
  if (text === "") return { parts: 0, columns: [] };
  if (text.startsWith("@")) {
    // "[@Budget]", "[@[Antal månader]]", "[@]": this row.
    const rest = text.slice(1).trim();
    const column =
      rest.startsWith("[") && rest.endsWith("]") ? rest.slice(1, -1) : rest;
    return {
      parts: THIS_ROW,
      columns: column === "" ? [] : [unescaped(column)],
    };
  }
  if (!text.startsWith("[")) {
    const item = unescaped(text);
    const part = PARTS.get(item);
    return part === undefined
      ? { parts: 0, columns: [item] }
      : { parts: part, columns: [] };
  }
  // "[[#This Row],[Budget]]", "[[#Headers],[#Data],[Budget]:[Utfall]]".
  let parts = 0;
  const columns: string[] = [];
  let at = 0;
  const skipSpaces = () => {
    while (text[at] === " ") at++;
  };
  while (at < text.length) {
    const end = closingBracket(text, at);
    if (text[at] !== "[" || end < 0) return null;
    const item = unescaped(text.slice(at + 1, end));
    at = end + 1;
    skipSpaces();
    const part = PARTS.get(item);
    if (part !== undefined) parts |= part;
    else {
      if (columns.length > 0) return null;
      columns.push(item);
      if (text[at] === ":") {
        at++;
        skipSpaces();
        const last = closingBracket(text, at);
        if (text[at] !== "[" || last < 0) return null;
        columns.push(unescaped(text.slice(at + 1, last)));
        at = last + 1;
        skipSpaces();
      }
    }
    if (at < text.length) {
      if (text[at] !== "," && text[at] !== ";") return null;
      at++;
      skipSpaces();
    }
  }
  return { parts, columns };
}

/** The rows a reference's special items take, or null where the table has none such. */
function rowsOf(
  table: TableArea,
  parts: number,
  row: number,
): readonly [number, number] | null {
  const first = table.top + Number(table.headerRow);
  const last = table.bottom - Number(table.totalsRow);
  if (parts === 0 || parts === DATA) return [first, last];
  if (parts & THIS_ROW)
    // Outside the data rows, Excel's "#VALUE!": not worked out.
    return parts === THIS_ROW && row >= first && row <= last
      ? [row, row]
      : null;
  if (parts & ALL) return [table.top, table.bottom];
  const head = table.headerRow ? table.top : -1;
  const totals = table.totalsRow ? table.bottom : -1;
  switch (parts) {
    case HEADERS:
      return head < 0 ? null : [head, head];
    case TOTALS:
      return totals < 0 ? null : [totals, totals];
    case HEADERS | DATA:
      return head < 0 ? null : [head, last];
    case DATA | TOTALS:
      return totals < 0 ? null : [first, totals];
    default:
      return null;
  }
}
