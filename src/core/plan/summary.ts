// The review queue's summary as a workbook: one row per file, and a sheet with every finding.

import type { Ore } from "../money";
import {
  AMOUNT_FORMAT,
  type CellWrite,
  HEADER_STYLE,
  type PlanValue,
  type WritePlan,
  num,
  text,
} from "./types";

export interface SummaryRow {
  readonly file: string;
  readonly caseNumber: string;
  readonly organisation: string;
  readonly status: string;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
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

function sheet(
  name: string,
  header: readonly string[],
  rows: readonly (readonly (PlanValue | null)[])[],
  widths: readonly number[],
) {
  const cells: CellWrite[] = header.map((h, col) => ({
    row: 0,
    col,
    value: text(h),
    style: HEADER_STYLE,
  }));
  rows.forEach((r, i) =>
    r.forEach((value, col) => {
      if (value)
        cells.push(
          value.kind === "number"
            ? { row: i + 1, col, value, style: { numberFormat: AMOUNT_FORMAT } }
            : { row: i + 1, col, value },
        );
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
  const amount = (ore: Ore | null) => (ore === null ? null : num(ore / 100));
  const count = (n: number) => ({ kind: "number", value: n }) as const;
  const summary = sheet(
    t.sheets[0],
    t.summaryHeader,
    rows.map((r) => [
      text(r.file),
      text(r.caseNumber),
      text(r.organisation),
      text(r.status),
      count(r.errors),
      count(r.warnings),
      count(r.infos),
      amount(r.grant),
      amount(r.repayment),
      r.due ? text(r.due) : null,
      r.message ? text(r.message) : null,
    ]),
    [32, 16, 22, 16, 6, 10, 12, 16, 18, 14, 80],
  );
  // Counts are plain numbers, not amounts.
  const plain = summary.cells.map((c) =>
    c.row > 0 && c.col >= 4 && c.col <= 6
      ? { row: c.row, col: c.col, value: c.value }
      : c,
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
  return { edits: [], creates: [{ ...summary, cells: plain }, all] };
}
