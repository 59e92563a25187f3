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

/** A workbook's tables, found by name (without regard to case, as in Excel) or by a cell. */
export class Tables {
  private readonly byName = new Map<string, TableArea>();

  constructor(tables: Iterable<TableArea>) {
    for (const t of tables)
      // A crafted part whose columns do not fill its range, or a name given twice, is not used.
      if (
        t.columns.length === t.right - t.left + 1 &&
        t.bottom >= t.top + Number(t.headerRow) + Number(t.totalsRow) &&
        !this.byName.has(t.name.toLowerCase())
      )
        this.byName.set(t.name.toLowerCase(), t);
  }

  get size(): number {
    return this.byName.size;
  }

  named(name: string): TableArea | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The table a cell is in: an unqualified "[Budget]" is its own table's. */
  at(sheet: string, row: number, col: number): TableArea | undefined {
    const key = sheet.toLowerCase();
    for (const t of this.byName.values())
      if (
        t.sheet.toLowerCase() === key &&
        t.top <= row &&
        row <= t.bottom &&
        t.left <= col &&
        col <= t.right
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

/** A name a table may have, right before its reference's bracket. */
const TABLE_NAME = /[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

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
  let out = "";
  let from = 0;
  let found = false;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A text or a quoted sheet name: its brackets are no table's.
      const end = formula.indexOf(ch, i + 1);
      if (end < 0) return undefined;
      i = end;
      continue;
    }
    if (ch !== "[") continue;
    const name = TABLE_NAME.exec(formula.slice(Math.max(0, i - 255), i))?.[0];
    const close = closingBracket(formula, i);
    if (close < 0) return undefined;
    const start = i - (name?.length ?? 0);
    // "[1]Blad!A1", "[Budget.xlsx]Blad!A1": another workbook's, never worked out.
    if (/^[\p{L}\p{N}_.]*!/u.test(formula.slice(close + 1, close + 256)))
      return undefined;
    const table =
      name === undefined
        ? tables.at(at.sheet, at.row, at.col)
        : tables.named(name);
    const area = table && areaOf(table, formula.slice(i + 1, close), at);
    if (!area) return undefined;
    out += formula.slice(from, start) + area;
    from = close + 1;
    i = close;
    found = true;
  }
  return found ? out + formula.slice(from) : undefined;
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

/** Rows a reference takes: Excel's "special items". */
type Part = "#all" | "#data" | "#headers" | "#totals" | "#this row";

const PARTS: ReadonlySet<string> = new Set([
  "#all",
  "#data",
  "#headers",
  "#totals",
  "#this row",
]);

/** A column's name as written, its escapes taken away ("'#" is "#"). */
const unescaped = (name: string): string => name.replace(/'(.)/g, "$1").trim();

/**
 * What is inside a reference's brackets: the rows (special items) and the columns it names, or
 * null when it is not a form Excel writes.
 */
function itemsOf(inner: string): { parts: Part[]; columns: string[] } | null {
  const text = inner.trim();
  if (text === "") return { parts: [], columns: [] };
  if (text.startsWith("@")) {
    // "[@Budget]", "[@[Antal månader]]", "[@]": this row.
    const rest = text.slice(1).trim();
    const column =
      rest.startsWith("[") && rest.endsWith("]") ? rest.slice(1, -1) : rest;
    return {
      parts: ["#this row"],
      columns: column === "" ? [] : [unescaped(column)],
    };
  }
  if (!text.startsWith("[")) {
    const item = unescaped(text);
    return PARTS.has(item.toLowerCase())
      ? { parts: [item.toLowerCase() as Part], columns: [] }
      : { parts: [], columns: [item] };
  }
  // "[[#This Row],[Budget]]", "[[#Headers],[#Data],[Budget]:[Utfall]]".
  const parts: Part[] = [];
  const columns: string[] = [];
  let at = 0;
  while (at < text.length) {
    const end = closingBracket(text, at);
    if (text[at] !== "[" || end < 0) return null;
    const item = unescaped(text.slice(at + 1, end));
    at = end + 1;
    while (text[at] === " ") at++;
    if (PARTS.has(item.toLowerCase())) parts.push(item.toLowerCase() as Part);
    else if (text[at] === ":") {
      at++;
      while (text[at] === " ") at++;
      const last = closingBracket(text, at);
      if (text[at] !== "[" || last < 0) return null;
      columns.push(item, unescaped(text.slice(at + 1, last)));
      at = last + 1;
      while (text[at] === " ") at++;
      if (columns.length > 2) return null;
    } else {
      if (columns.length > 0) return null;
      columns.push(item, item);
    }
    if (at < text.length) {
      if (text[at] !== "," && text[at] !== ";") return null;
      at++;
      while (text[at] === " ") at++;
    }
  }
  return { parts, columns: columns.length === 2 ? columns : [...columns] };
}

/** The rows a reference's special items take, or null where the table has none such. */
function rowsOf(
  table: TableArea,
  parts: readonly Part[],
  row: number,
): readonly [number, number] | null {
  const head = table.headerRow ? table.top : -1;
  const first = table.top + Number(table.headerRow);
  const last = table.bottom - Number(table.totalsRow);
  const totals = table.totalsRow ? table.bottom : -1;
  const set = new Set(parts);
  if (set.size === 0 || (set.size === 1 && set.has("#data")))
    return [first, last];
  if (set.has("#this row"))
    // Outside the data rows, Excel's "#VALUE!": not worked out.
    return set.size === 1 && row >= first && row <= last ? [row, row] : null;
  if (set.has("#all")) return [table.top, table.bottom];
  if (set.size === 1 && set.has("#headers"))
    return head < 0 ? null : [head, head];
  if (set.size === 1 && set.has("#totals"))
    return totals < 0 ? null : [totals, totals];
  if (set.size === 2 && set.has("#headers") && set.has("#data"))
    return head < 0 ? null : [head, last];
  if (set.size === 2 && set.has("#data") && set.has("#totals"))
    return totals < 0 ? null : [first, totals];
  return null;
}

/** A reference's A1 text, with its sheet where it is not the formula's own. */
function areaOf(table: TableArea, inner: string, at: FormulaAt): string | null {
  const items = itemsOf(inner);
  if (!items) return null;
  const rows = rowsOf(table, items.parts, at.row);
  if (!rows) return null;
  const index = (name: string) =>
    table.columns.findIndex((c) => c.toLowerCase() === name.toLowerCase());
  let [c1, c2] = [0, table.columns.length - 1];
  if (items.columns.length === 2) {
    c1 = index(items.columns[0]!);
    c2 = index(items.columns[1]!);
    if (c1 < 0 || c2 < 0) return null;
  } else if (items.columns.length === 1) {
    c1 = c2 = index(items.columns[0]!);
    if (c1 < 0) return null;
  }
  const first = a1(rows[0], table.left + Math.min(c1, c2));
  const last = a1(rows[1], table.left + Math.max(c1, c2));
  const cells = first === last ? first : `${first}:${last}`;
  return table.sheet.toLowerCase() === at.sheet.toLowerCase()
    ? cells
    : `'${table.sheet.replace(/'/g, "''")}'!${cells}`;
}
