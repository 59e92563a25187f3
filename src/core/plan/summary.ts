// The review queue's summary as a workbook: one row per file, and a sheet with every finding.

import { type Ore, toKronor } from "../figures/money";
import {
  AMOUNT_FORMAT,
  type CellWrite,
  HEADER_STYLE,
  type PlanValue,
  type SheetCreate,
  type WritePlan,
  num,
  text,
} from "./types";

export interface SummaryRow {
  readonly file: string;
  readonly caseNumber: string;
  readonly organisation: string;
  readonly status: string;
  /** The reviewer's mark ("Ja", or empty) and note, from the page's queue. */
  readonly reviewed: string;
  readonly note: string;
  /** The findings' counts; null for a file that could not be read (it has none to count). */
  readonly errors: number | null;
  readonly warnings: number | null;
  readonly infos: number | null;
  readonly grant: Ore | null;
  readonly repayment: Ore | null;
  readonly due: string | null;
  /** The first error's message, or the file error's. */
  readonly message: string;
}

export interface SummaryFinding {
  readonly file: string;
  readonly severity: string;
  readonly code: string;
  readonly sheet: string;
  readonly cell: string;
  readonly message: string;
}

export interface SummaryText {
  readonly sheets: readonly [string, string];
  readonly summaryHeader: readonly string[];
  readonly findingsHeader: readonly string[];
}

/** An amount cell (formatted "1 925 000 kr"), as against a count. */
interface Amount {
  readonly amount: number;
}

function sheet(
  name: string,
  header: readonly string[],
  rows: readonly (readonly (PlanValue | Amount | null)[])[],
  widths: readonly number[],
): SheetCreate {
  const cells: CellWrite[] = header.map((h, col) => ({
    row: 0,
    col,
    value: text(h),
    style: HEADER_STYLE,
  }));
  rows.forEach((r, i) =>
    r.forEach((value, col) => {
      if (!value) return;
      if ("amount" in value)
        cells.push({
          row: i + 1,
          col,
          value: num(value.amount),
          style: { numberFormat: AMOUNT_FORMAT },
        });
      else cells.push({ row: i + 1, col, value });
    }),
  );
  return {
    sheet: name,
    cells,
    columnWidths: widths,
    freeze: { rows: 1, cols: 1 },
    validations: [],
    marks: [],
  };
}

/** Workbook text (file names, messages) is written as text, never as a formula. */
export function planBatchSummary(
  rows: readonly SummaryRow[],
  findings: readonly SummaryFinding[],
  t: SummaryText,
): WritePlan {
  const amount = (ore: Ore | null): Amount | null =>
    ore === null ? null : { amount: toKronor(ore) };
  const count = (n: number | null) => (n === null ? null : num(n));
  const summary = sheet(
    t.sheets[0],
    t.summaryHeader,
    rows.map((r) => [
      text(r.file),
      text(r.caseNumber),
      text(r.organisation),
      text(r.status),
      r.reviewed ? text(r.reviewed) : null,
      r.note ? text(r.note) : null,
      count(r.errors),
      count(r.warnings),
      count(r.infos),
      amount(r.grant),
      amount(r.repayment),
      r.due ? text(r.due) : null,
      r.message ? text(r.message) : null,
    ]),
    [32, 16, 22, 16, 10, 40, 6, 10, 12, 16, 18, 14, 80],
  );
  const all = sheet(
    t.sheets[1],
    t.findingsHeader,
    findings.map((f) => [
      text(f.file),
      text(f.severity),
      text(f.code),
      text(f.sheet),
      text(f.cell),
      text(f.message),
    ]),
    [32, 12, 28, 20, 8, 100],
  );
  return { edits: [], creates: [summary, all] };
}
