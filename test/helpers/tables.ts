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
  /** The header row and the last data row, zero-based. */
  readonly top: number;
  readonly bottom: number;
  readonly headers: readonly string[];
}

/**
 * Where a half-year's lines can be a table: below its header ("Post", "Budget", …: unique texts,
 * as Excel's table needs), with at least one line, and no merged area in it (Excel refuses one).
 */
export function placeOf(g: Grid, name: string): Placed | null {
  const top = g.rows.findIndex((r) => r?.[0]?.t === "s" && r[0].v === "Post");
  const bottom = g.rows.length - 1;
  if (top < 0 || bottom <= top) return null;
  const headers = g.rows[top]!.map((c) => (c?.t === "s" ? c.v : ""));
  const width = headers.length;
  if (
    headers.some((h) => h === "") ||
    (g.merges ?? []).some(
      (m) => m.top <= bottom && m.bottom >= top && m.left < width,
    ) ||
    g.rows.some((r, i) => i > top && (r?.length ?? 0) > width)
  )
    return null;
  return { name, sheet: g.name, top, bottom, headers };
}

/** A same-sheet reference of the random formulas' columns: "F5", "C4:C9"; not "$B$1" nor "'X'!B1". */
const REF = /(?<![!$:\w'])([A-I])(\d+)(?::([A-I])(\d+))?(?![\w(!:])/g;

const columnOf = (letter: string): number => letter.charCodeAt(0) - 65;

/**
 * The formula with some of its references (`pick` says which, in turn) made references to the
 * table's cells: a single cell to the formula's own row, a range to a column's data rows. So that
 * a random formula often names what a structured reference can.
 */
export function towardTable(
  f: string,
  row: number,
  t: Placed,
  pick: readonly boolean[],
): string {
  let i = 0;
  return f.replace(REF, (all, c1: string, _r1: string, c2?: string) => {
    if (!pick[i++ % pick.length]) return all;
    return c2 === undefined
      ? `${c1}${row + 1}`
      : `${c1}${t.top + 2}:${c1}${t.bottom + 1}`;
  });
}

/**
 * The formula's references to its own row's table cells and to a whole column of the table as
 * structured references: as the file stores them ("Tabell1[[#This Row],[Budget]]",
 * "Tabell1[Budget]") or as Excel shows them inside the table ("[@Budget]", "[@[Antal månader]]",
 * "[Budget]"). Null where none is.
 */
export function structured(
  f: string,
  row: number,
  t: Placed,
  form: "file" | "excel",
): string | null {
  let changed = false;
  const out = f.replace(
    REF,
    (all, c1: string, r1: string, c2?: string, r2?: string) => {
      const header = t.headers[columnOf(c1)];
      if (header === undefined) return all;
      const name = header.includes(" ") ? `[${header}]` : header;
      if (c2 === undefined && Number(r1) === row + 1) {
        changed = true;
        return form === "file"
          ? `${t.name}[[#This Row],[${header}]]`
          : `[@${name}]`;
      }
      if (
        c2 === c1 &&
        Number(r1) === t.top + 2 &&
        Number(r2) === t.bottom + 1
      ) {
        changed = true;
        return form === "file" ? `${t.name}[${header}]` : `[${header}]`;
      }
      return all;
    },
  );
  return changed ? out : null;
}

/** The cells of a table's data rows, by row and column, with what `each` makes of them. */
export function eachDataCell(
  g: Grid,
  t: Placed,
  each: (cell: Cell, row: number, col: number) => void,
): void {
  for (let r = t.top + 1; r <= t.bottom; r++)
    g.rows[r]?.forEach((cell, c) => {
      if (cell) each(cell, r, c);
    });
}

/** The table as the file's table part names it. */
export const tableSpecOf = (t: Placed): TableSpec => ({
  name: t.name,
  ref: `${a1(t.top, 0)}:${a1(t.bottom, t.headers.length - 1)}`,
});

/** The table as the strict fake's workbook holds it. */
export const fakeTableOf = (t: Placed): FakeTable => ({
  name: t.name,
  sheet: t.sheet,
  address: tableSpecOf(t).ref,
  showHeaders: true,
  showTotals: false,
  columns: t.headers,
});
