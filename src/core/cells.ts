// Reading one cell into the model, a failure becoming a finding at its address: shared by the
// readers of `Uppgifter`, the half-year sheets and `Lönekalkyl`.

import { type Cell, isEmptyCell } from "./grid";
import { type Finding, finding } from "./findings";
import { type Ore, kronor } from "./money";
import {
  type ParsedNumber,
  type ReadFailure,
  readNumber,
  readText,
} from "./values";

export function pushFailure(
  failure: ReadFailure,
  sheet: string,
  address: string,
  findings: Finding[],
): void {
  const code =
    failure.kind === "error-value"
      ? "CELL_ERROR"
      : failure.kind === "uncalculated-formula"
        ? "UNCALCULATED_FORMULA"
        : failure.kind === "not-a-date"
          ? "INVALID_DATE"
          : "NOT_A_NUMBER";
  findings.push(finding(code, sheet, address, { text: failure.text }));
}

/** A number cell's value, or null when empty; a cell that is not a number is a finding at it. */
export function numberAt(
  cell: Cell | undefined,
  sheet: string,
  address: string,
  findings: Finding[],
): ParsedNumber | null {
  const n = readNumber(cell);
  if (n.ok) return n.value;
  pushFailure(n.failure, sheet, address, findings);
  return null;
}

export function readMoney(
  cell: Cell | undefined,
  sheet: string,
  address: string,
  findings: Finding[],
): Ore | null {
  const value = numberAt(cell, sheet, address, findings);
  if (!value) return null;
  if (value.percent) {
    findings.push(
      finding("NOT_A_NUMBER", sheet, address, { text: readText(cell) }),
    );
    return null;
  }
  if (!(Math.abs(value.value) <= MAX_AMOUNT_KRONOR)) {
    findings.push(
      finding("AMOUNT_OUT_OF_RANGE", sheet, address, { text: readText(cell) }),
    );
    return null;
  }
  return kronor(value.value);
}

/** Ten billion kronor: far above any IOP budget, and sums of thousands of such lines stay exact in öre. */
export const MAX_AMOUNT_KRONOR = 1e10;

/**
 * A rate as people write it ("10 %", a percent cell, 0,1, 10): parts per million; null when empty.
 * A plain number ≤ 1 is a fraction, above 1 percent points; outside 0–100 % is INVALID_RATE.
 */
export function readFraction(
  cell: Cell | undefined,
  sheet: string,
  address: string,
  findings: Finding[],
  invalid: "INVALID_RATE" | "INVALID_OVERHEAD_RATE" = "INVALID_RATE",
): number | null {
  if (cell === undefined || isEmptyCell(cell)) return null;
  const n = numberAt(cell, sheet, address, findings);
  if (!n) return null;
  const fraction =
    n.percent || Math.abs(n.value) <= 1 ? n.value : n.value / 100;
  if (fraction < 0 || fraction > 1) {
    findings.push(finding(invalid, sheet, address, { text: readText(cell) }));
    return null;
  }
  return Math.round(fraction * 1_000_000);
}
