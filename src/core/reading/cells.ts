// Reading one cell into the model, a failure becoming a finding at its address: shared by the
// readers of `Uppgifter`, the half-year sheets and `Lönekalkyl`. A reader returns the value with
// what it found; the sheet readers gather those and return them with the sheet.

import { type Cell, isEmptyCell } from "./grid";
import { isDateFormat, serialToIso } from "./dates";
import { type Expected, type Finding, finding } from "../findings/findings";
import { type Ore, kronor } from "../figures/money";
import {
  type ParsedNumber,
  type ReadFailure,
  UNIT_NAMES,
  amountFactor,
  withoutPerMonth,
  amountText,
  externalBookOf,
  readNumber,
  readText,
  shownFileName,
} from "./values";

/** One cell read: its value (null when empty or unreadable) and what reading it found. */
export interface CellRead<T> {
  readonly value: T | null;
  /** Why the cell could not be read (then `failed`), or a warning about the value read. */
  readonly finding: Finding | null;
  readonly failed: boolean;
}

export const EMPTY_READ: CellRead<never> = Object.freeze({
  value: null,
  finding: null,
  failed: false,
});

export const readValue = <T>(
  value: T | null,
  warning: Finding | null = null,
): CellRead<T> => ({ value, finding: warning, failed: false });

export const readFailed = (failure: Finding): CellRead<never> => ({
  value: null,
  finding: failure,
  failed: true,
});

/** A read's value; what it found, if anything, joins `findings` (the reader's own list). */
export function take<T>(read: CellRead<T>, findings: Finding[]): T | null {
  if (read.finding) findings.push(read.finding);
  return read.value;
}

/** A failed read's finding; text that is no number says what the cell should hold (`expected`). */
export function failureFinding(
  failure: ReadFailure,
  sheet: string,
  address: string,
  expected: Expected = "amount",
): Finding {
  const { text } = failure;
  switch (failure.kind) {
    case "error-value":
      return finding("CELL_ERROR", sheet, address, { text });
    case "uncalculated-formula":
      return finding("UNCALCULATED_FORMULA", sheet, address, { text });
    case "not-a-date":
      return finding("INVALID_DATE", sheet, address, { text });
    case "not-a-number":
      return finding("NOT_A_NUMBER", sheet, address, { text, expected });
  }
}

/** A number cell's value, or null when empty; a cell that is not a number is a finding at it. */
export function numberAt(
  cell: Cell | undefined,
  sheet: string,
  address: string,
  expected: Expected = "amount",
): CellRead<ParsedNumber> {
  const n = readNumber(cell);
  return n.ok
    ? readValue(
        n.value,
        n.value === null ? null : externalLink(cell, sheet, address),
      )
    : readFailed(failureFinding(n.failure, sheet, address, expected));
}

/** EXTERNAL_LINK at a cell whose formula takes its value from another workbook; else null. */
function externalLink(
  cell: Cell | undefined,
  sheet: string,
  address: string,
): Finding | null {
  const book = cell?.f === undefined ? null : externalBookOf(cell.f);
  return book === null
    ? null
    : finding("EXTERNAL_LINK", sheet, address, { book: shownFileName(book) });
}

export function readMoney(
  cell: Cell | undefined,
  sheet: string,
  address: string,
  unit = 1,
): CellRead<Ore> {
  // An amount is what it shows (SPEC §3.3): "45 tkr" in any column, a number in the unit of its
  // format or else of its column; "45.000" kronor is thousands (in tkr "45,500" is 45 500 kr).
  let factor = unit;
  let grouped = false;
  let shown = cell;
  if (cell?.t === "s") {
    const text = amountText(cell.v, unit);
    ({ factor, grouped } = text);
    if (text.text !== cell.v) shown = { ...cell, v: text.text };
  } else if (cell?.t === "n") factor = amountFactor(cell.fmt, unit);
  let n = numberAt(shown, sheet, address);
  // A failure quotes the cell as it is ("ca 40 tkr").
  if (n.failed && shown !== cell) n = numberAt(cell, sheet, address);
  if (!n.value) return n.failed ? readFailed(n.finding!) : EMPTY_READ;
  // A date: Excel makes "12.5" typed in Swedish 12 May, and 45 789 kr was read without a word.
  const date =
    cell?.t === "n" && isDateFormat(cell.fmt) ? serialToIso(cell.v) : null;
  if (date !== null)
    return readFailed(finding("DATE_IN_AMOUNT", sheet, address, { date }));
  // "10 %", or 0,1 in a percent cell (which readText shows as "0.1"): a rate, not kronor.
  if (n.value.percent)
    return readFailed(
      finding("PERCENT_IN_AMOUNT", sheet, address, {
        percent: Math.round(n.value.value * 100_000_000) / 1_000_000,
      }),
    );
  const amount = n.value.value * factor;
  if (!(Math.abs(amount) <= MAX_AMOUNT_KRONOR))
    return readFailed(
      finding("AMOUNT_OUT_OF_RANGE", sheet, address, { text: readText(cell) }),
    );
  return readValue(
    kronor(amount),
    grouped
      ? finding("AMOUNT_READ_AS_THOUSANDS", sheet, address, {
          text: readText(cell),
          amountOre: kronor(amount),
        })
      : n.finding,
  );
}

/** A month's amount (a monthly cost, a salary) without its "per month": "45 000 kr/mån". */
export function monthlyAmount(cell: Cell | undefined): Cell | undefined {
  if (cell?.t !== "s") return cell;
  const v = withoutPerMonth(cell.v);
  return v === cell.v ? cell : { ...cell, v };
}

/** AMOUNTS_IN_UNIT at the first header of the unit: what "1 925" under it is. */
export function unitFinding(
  sheet: string,
  address: string,
  headers: string,
  unit: number,
): Finding {
  const name = UNIT_NAMES[unit];
  return finding("AMOUNTS_IN_UNIT", sheet, address, {
    headers,
    unit: name?.sv ?? "",
    unitEn: name?.en ?? "",
    shown: 1925,
    amountOre: kronor(1925 * unit),
  });
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
  invalid: "INVALID_RATE" | "INVALID_OVERHEAD_RATE" = "INVALID_RATE",
): CellRead<number> {
  if (cell === undefined || isEmptyCell(cell)) return EMPTY_READ;
  const n = numberAt(cell, sheet, address, "rate");
  if (!n.value) return n.failed ? readFailed(n.finding!) : EMPTY_READ;
  const fraction =
    n.value.percent || Math.abs(n.value.value) <= 1
      ? n.value.value
      : n.value.value / 100;
  if (fraction < 0 || fraction > 1)
    return readFailed(
      finding(invalid, sheet, address, { text: readText(cell) }),
    );
  return readValue(Math.round(fraction * 1_000_000), n.finding);
}
