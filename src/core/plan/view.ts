// A sheet as it will be after the plan: the grid overlaid with the planned writes. Formula values
// are computed over this view, so that every cached value is what a spreadsheet would compute.

import { isoToSerial } from "../reading/dates";
import { type Cell, type Grid, cellAt } from "../reading/grid";
import type { PlanValue } from "./types";

/**
 * What a formula sees in a cell: a number, nothing (empty), text (SUM skips it), TRUE or FALSE, or
 * an error.
 */
export type Seen = number | null | "text" | "logical" | "error";

export class SheetView {
  private readonly writes = new Map<number, PlanValue>();

  constructor(readonly grid: Grid) {}

  private static key(row: number, col: number): number {
    return row * 20000 + col;
  }

  set(row: number, col: number, value: PlanValue): void {
    this.writes.set(SheetView.key(row, col), value);
  }

  planned(row: number, col: number): PlanValue | undefined {
    return this.writes.get(SheetView.key(row, col));
  }

  original(row: number, col: number): Cell | undefined {
    return cellAt(this.grid, row, col);
  }

  seen(row: number, col: number): Seen {
    const w = this.planned(row, col);
    if (w) {
      if (w.kind === "number") return w.value;
      if (w.kind === "formula" || w.kind === "shown")
        return typeof w.cached === "number" ? w.cached : "text";
      // A date is its serial number to a formula.
      return w.kind === "date" ? isoToSerial(w.iso) : "text";
    }
    const c = this.original(row, col);
    if (!c) return null;
    switch (c.t) {
      case "n":
        return Number.isFinite(c.v) ? c.v : "error";
      case "s":
        return c.v === "" ? (c.f ? "text" : null) : "text";
      case "e":
        return "error";
      case "z":
        return c.f ? "error" : null;
      case "b":
        return "logical";
      default:
        return "text";
    }
  }

  /**
   * SUM over cells: text and empty cells are skipped, an error poisons the sum (as in Excel). So
   * does TRUE or FALSE, for the plan's purpose: Excel skips it in a range, LibreOffice adds it as 1
   * or 0, and a SUM over it would give another figure in one of them.
   */
  sum(cells: ReadonlyArray<readonly [number, number]>): number | "error" {
    let total = 0;
    for (const [r, c] of cells) {
      const v = this.seen(r, c);
      if (v === "error" || v === "logical") return "error";
      if (typeof v === "number") total += v;
    }
    return total;
  }
}

/** Cached values compare in öre, so that float noise of a sum never decides. */
export function sameAmount(a: number | null | string, kronor: number): boolean {
  return (
    typeof a === "number" && Math.round(a * 100) === Math.round(kronor * 100)
  );
}
