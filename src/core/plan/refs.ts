// How formulas refer to the values of `Uppgifter`: the cell itself where it holds the number, so
// that the workbook stays right when a person changes it; else the value as a literal.

import type { Analysis } from "../analyze";
import { isPercentFormat, isoToSerial, serialToIso } from "../reading/dates";
import { type Cell, type WorkbookGrids, parseA1 } from "../reading/grid";
import type { RateRef } from "./halfyear";
import { sheetRef } from "./types";

/** How the OH formulas refer to the rate: the `Uppgifter` cell when it holds a number. */
export function rateRef(
  grids: WorkbookGrids,
  analysis: Analysis,
): RateRef | null {
  const a = analysis.computation.agreement;
  if (a.overheadRatePpm === null) return null;
  return {
    expression: fractionRef(
      grids,
      a.sheet,
      a.cells.overheadRate,
      a.overheadRatePpm,
    ),
    ppm: a.overheadRatePpm,
  };
}

/** An `Uppgifter` cell holding a number: its absolute reference and the cell; else null. */
function numberCellRef(
  grids: WorkbookGrids,
  sheet: string | null,
  address: string | undefined,
): { ref: string; cell: Extract<Cell, { t: "n" }> } | null {
  if (!sheet || !address) return null;
  const grid = grids.sheets.find((g) => g.name === sheet);
  const at = parseA1(address);
  const cell = at && grid ? grid.rows[at.row]?.[at.col] : undefined;
  if (cell?.t !== "n") return null;
  return {
    ref: `${sheetRef(sheet)}!${address.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2")}`,
    cell,
  };
}

/** A date of `Uppgifter` in a formula: its cell when it holds the date as a number, else the serial. */
export function dateRef(
  grids: WorkbookGrids,
  sheet: string | null,
  address: string | undefined,
  iso: string | null,
): string | null {
  if (iso === null) return null;
  const at = numberCellRef(grids, sheet, address);
  return at && serialToIso(at.cell.v) === iso
    ? at.ref
    : String(isoToSerial(iso));
}

/**
 * A rate of `Uppgifter` in a formula: a reference to its cell when it holds a number (a percent
 * cell or a plain fraction is the rate itself, a plain number above 1 percent points), else the
 * literal fraction (0 when there is none).
 */
export function fractionRef(
  grids: WorkbookGrids,
  sheet: string | null,
  address: string | undefined,
  ppm: number | null,
): string {
  const at = ppm === null ? null : numberCellRef(grids, sheet, address);
  if (!at) return String((ppm ?? 0) / 1_000_000);
  return isPercentFormat(at.cell.fmt) || Math.abs(at.cell.v) <= 1
    ? at.ref
    : `${at.ref}/100`;
}
