// Random workbooks' half-years formatted as Excel tables: where a table can be, and a formula's
// references to its cells written as structured references, as the file stores them and as Excel
// shows them to the add-in. The same workbook with and without its tables must read alike.

import type { Cell, Grid } from "../../src/core";
import { a1 } from "../../src/core/reading/grid";
import type { FakeTable } from "./strict-excel";
import type { TableSpec } from "./workbook";

/** A half-year's table: its header row through its last line, across its headers. */
export interface Placed {
  readonly name: string;
  readonly sheet: string;
  /** The header row and the last row (the total row where there is one), zero-based. */
  readonly top: number;
  readonly bottom: number;
  readonly headers: readonly string[];
  /** Whether its last row is its total row (Excel's Total Row). */
  readonly totals: boolean;
}

/** The table's data rows, zero-based: its lines, between its header and its total row. */
const dataRows = (t: Placed): readonly [number, number] => [
  t.top + 1,
  t.bottom - Number(t.totals),
];

/**
 * Where a half-year's lines can be a table: below its header ("Post", "Budget", …: unique texts,
 * as Excel's table needs), with at least one line, and no merged area in it (Excel refuses one).
 * With `totals`, its last row below a line is its total row (whatever its label: the engine knows
 * a total by its label or its SUM, not by the table).
 */
export function placeOf(g: Grid, name: string, totals: boolean): Placed | null {
  const top = g.rows.findIndex((r) => r?.[0]?.t === "s" && r[0].v === "Post");
  const bottom = g.rows.length - 1;
  if (top < 0 || bottom <= top) return null;
  const headers = g.rows[top]!.map((c) => (c?.t === "s" ? c.v : ""));
  const width = headers.length;
  if (
    headers.some((h) => h === "") ||
    (g.merges ?? []).some(
      (m) => m.top <= bottom && m.bottom >= top && m.left < width,
    )
  )
    return null;
  return {
    name,
    sheet: g.name,
    top,
    bottom,
    headers,
    totals: totals && bottom > top + 1,
  };
}

/** A same-sheet reference of the random formulas' columns: "F5", "C4:C9"; not "$B$1" nor "'X'!B1". */
const REF = /(?<![!$:\w'])([A-I])(\d+)(?::([A-I])(\d+))?(?![\w(!:])/g;

const columnOf = (letter: string): number => letter.charCodeAt(0) - 65;

/**
 * The formula with some of its references (`pick` says which, in turn) made references to the
 * table's cells: a single cell to the formula's own row (or, every other time, to the total row),
 * a range to a column's data rows. So that a random formula often names what a structured
 * reference can.
 */
export function towardTable(
  f: string,
  row: number,
  t: Placed,
  pick: readonly boolean[],
): string {
  const [first, last] = dataRows(t);
  let i = 0;
  return f.replace(REF, (all, c1: string, _r1: string, c2?: string) => {
    if (!pick[i++ % pick.length]) return all;
    if (c2 !== undefined) return `${c1}${first + 1}:${c1}${last + 1}`;
    return `${c1}${(t.totals && i % 2 === 0 ? t.bottom : row) + 1}`;
  });
}

/**
 * The formula's references to its own row's table cells, to a column's total and to a whole column
 * of the table as structured references: as the file stores them ("Tabell1[[#This Row],[Budget]]",
 * "Tabell1[[#Totals],[Budget]]", "Tabell1[Budget]") or as Excel shows them inside the table
 * ("[@Budget]", "[@[Antal månader]]", "[[#Totals],[Budget]]", "[Budget]"). A formula in the total
 * row names no row of its own ("[@Budget]" there is Excel's #VALUE!). Null where none is.
 */
export function structured(
  f: string,
  row: number,
  t: Placed,
  form: "file" | "excel",
): string | null {
  const [first, last] = dataRows(t);
  const inData = row >= first && row <= last;
  const own = form === "file" ? t.name : "";
  let changed = false;
  const out = f.replace(
    REF,
    (all, c1: string, r1: string, c2?: string, r2?: string) => {
      const header = t.headers[columnOf(c1)];
      if (header === undefined) return all;
      let named: string | null = null;
      if (c2 === undefined && Number(r1) === row + 1 && inData)
        named =
          form === "file"
            ? `${t.name}[[#This Row],[${header}]]`
            : `[@${header.includes(" ") ? `[${header}]` : header}]`;
      else if (c2 === undefined && t.totals && Number(r1) === t.bottom + 1)
        named = `${own}[[#Totals],[${header}]]`;
      else if (c2 === c1 && Number(r1) === first + 1 && Number(r2) === last + 1)
        named = `${own}[${header}]`;
      if (named === null) return all;
      changed = true;
      return named;
    },
  );
  return changed ? out : null;
}

/**
 * The cells of a table's rows below its header (its total row too), within its columns (a note
 * right of it is outside), with what `each` makes of them.
 */
export function eachDataCell(
  g: Grid,
  t: Placed,
  each: (cell: Cell, row: number, col: number) => void,
): void {
  for (let r = t.top + 1; r <= t.bottom; r++)
    g.rows[r]?.slice(0, t.headers.length).forEach((cell, c) => {
      if (cell) each(cell, r, c);
    });
}

/** The table as the file's table part names it. */
export const tableSpecOf = (t: Placed): TableSpec => ({
  name: t.name,
  ref: `${a1(t.top, 0)}:${a1(t.bottom, t.headers.length - 1)}`,
  totalsRow: t.totals,
});

/** The table as the strict fake's workbook holds it. */
export const fakeTableOf = (t: Placed): FakeTable => ({
  name: t.name,
  sheet: t.sheet,
  address: tableSpecOf(t).ref,
  showHeaders: true,
  showTotals: t.totals,
  columns: t.headers,
});
