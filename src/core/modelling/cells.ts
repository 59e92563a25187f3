// How a modelled value goes into a cell: in the cell's own convention, with a format over the
// cell's own only where its format would misread the value.

import type { Cell } from "../reading/grid";
import { type CellStyle, PERCENT_FORMAT, numberStyleFor } from "../plan/types";
import { isDateFormat, isPercentFormat } from "../reading/dates";

/**
 * A percent (in points) as a cell takes it: a fraction in a percent cell, points ÷ `plain` in a
 * cell holding a plain number (its convention: points, a fraction, posts), else a fraction with a
 * percent format written over the cell's own.
 */
export function percentCell(
  points: number,
  before: Cell | undefined,
  plain: number,
): { v: number; style: CellStyle | null } {
  if (isPercentFormat(before?.fmt)) return { v: points / 100, style: null };
  if (before?.t === "n") return { v: points / plain, style: null };
  return {
    v: points / 100,
    style: numberStyleFor(
      { numberFormat: PERCENT_FORMAT, overOwnFormat: true },
      points / 100,
    ),
  };
}

/**
 * The format a plain number (an amount, months) needs over a cell formatted as a percent or a
 * date, which would misread it; none where the cell's own format reads it right.
 */
export function plainNumberStyle(
  before: Cell | undefined,
  numberFormat: string,
  shown: number,
): CellStyle | null {
  return isPercentFormat(before?.fmt) || isDateFormat(before?.fmt)
    ? numberStyleFor({ numberFormat, overOwnFormat: true }, shown)
    : null;
}
