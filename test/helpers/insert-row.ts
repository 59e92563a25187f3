// A row inserted as Excel inserts it: rows at and below move down, references to them follow, a
// SUM that ends just above the new row does not grow, and sheet names that need no quotes lose them
// (Excel's normalised formula text). Also: grids back to sheet descriptions for ExcelJS.

import type { Cell, Grid } from "../../src/core";
import type { CellSpec, SheetSpec } from "./workbook";

/** `row` is zero-based: the new row takes its place. */
export function insertRow(
  grid: Grid,
  row: number,
  cells: readonly (Cell | undefined)[],
): Grid {
  const shift = (f: string) =>
    f
      .replace(/'([A-Za-z_][A-Za-z0-9_.]*)'!/g, "$1!")
      .replace(
        /((?:'[^']+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(])/g,
        (
          m,
          sheet: string | undefined,
          d1: string,
          col: string,
          d2: string,
          n: string,
        ) =>
          sheet
            ? m
            : `${d1}${col}${d2}${Number(n) - 1 >= row ? Number(n) + 1 : n}`,
      );
  const moved = (r: readonly (Cell | undefined)[] | undefined) =>
    r?.map((c) => (c?.f ? { ...c, f: shift(c.f) } : c));
  const rows = grid.rows.map(moved);
  rows.splice(row, 0, [...cells]);
  return { ...grid, rows };
}

export function specsOf(grids: readonly Grid[]): SheetSpec[] {
  return grids.map((g) => ({
    name: g.name,
    rows: g.rows.map((r) =>
      (r ?? []).map((c): CellSpec => {
        if (!c) return null;
        if (c.f)
          return c.t === "z" || c.t === "e"
            ? { formula: c.f }
            : { formula: c.f, result: c.v as number | string };
        if (c.t === "n") return c.fmt ? { value: c.v, fmt: c.fmt } : c.v;
        if (c.t === "e") return { error: c.v as "#REF!" };
        if (c.t === "z") return null;
        return c.v;
      }),
    ),
    merges: (g.merges ?? []).map(
      (m) =>
        `${String.fromCharCode(65 + m.left)}${m.top + 1}:${String.fromCharCode(65 + m.right)}${m.bottom + 1}`,
    ),
  }));
}

/** The line a person inserts above OH in the template. */
export const LOKALHYRA: readonly (Cell | undefined)[] = [
  { t: "s", v: "Verksamhet" },
  { t: "s", v: "Lokalhyra" },
  undefined,
  undefined,
  undefined,
  { t: "n", v: 50000 },
];
