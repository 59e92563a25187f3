// Standalone mode's work on files, in the browser: read, analyse, compute a copy, summarise as CSV.
// The same engine and write plan as the CLI and the add-in; files never leave the browser.

import {
  type Analysis,
  type Lang,
  type WorkbookGrids,
  analyze,
  analyzeAgainstGranted,
  grantedPairs,
  hasErrors,
  planWrite,
  renderFinding,
  stampTime,
} from "../../core";
import { WorkbookFileError, readXlsx } from "../../xlsx/read";
import { applyPlan } from "../../xlsx/write";
import { fileErrorText } from "../../xlsx/file-errors";
import type { PaneText } from "../i18n";
import { VERSION } from "../../core/version";

export type FileResult =
  | {
      readonly kind: "ok";
      readonly name: string;
      readonly bytes: Uint8Array;
      readonly grids: WorkbookGrids;
      readonly analysis: Analysis;
      /** A report paired with a granted budget in the batch: that budget's file, and its own analysis. */
      readonly grantedBy?: string;
      readonly ownAnalysis?: Analysis;
    }
  | {
      readonly kind: "error";
      readonly name: string;
      readonly code: string;
      readonly message: string;
    };

export function readFileBytes(
  name: string,
  bytes: Uint8Array,
  lang: Lang,
): FileResult {
  try {
    const grids = readXlsx(bytes);
    return { kind: "ok", name, bytes, grids, analysis: analyze(grids) };
  } catch (e) {
    const code = e instanceof WorkbookFileError ? e.code : "INTERNAL";
    return { kind: "error", name, code, message: fileErrorText(code, lang) };
  }
}

/**
 * Each report of the batch held to the granted budget of its case in the batch (SPEC §4.15), as
 * `check --granted` does; the rest as they are.
 */
export function pairWithGranted(results: readonly FileResult[]): FileResult[] {
  const ok = results.flatMap((r, i) => (r.kind === "ok" ? [{ r, i }] : []));
  const pairs = grantedPairs(ok.map(({ r }) => r));
  const out = [...results];
  for (const [report, budget] of pairs) {
    const { r, i } = ok[report]!;
    const granted = ok[budget]!.r;
    out[i] = {
      ...r,
      analysis: analyzeAgainstGranted(r.grids, granted.analysis),
      grantedBy: granted.name,
      ownAnalysis: r.analysis,
    };
  }
  return out;
}

/** The computed copy of a file, as the CLI's `compute` writes it (from the workbook's own budget). */
export function computedCopy(
  result: Extract<FileResult, { kind: "ok" }>,
): Uint8Array {
  const plan = planWrite(result.grids, result.ownAnalysis ?? result.analysis, {
    at: stampTime(new Date()),
    version: VERSION,
    source: result.name,
  });
  return applyPlan(result.bytes, plan);
}

export function computedName(name: string): string {
  return `${name.replace(/\.xlsx$/i, "")}-beraknad.xlsx`;
}

export type Status = "error" | "warning" | "clean" | "unreadable";

export function statusOf(result: FileResult): Status {
  if (result.kind === "error") return "unreadable";
  if (hasErrors(result.analysis.findings)) return "error";
  return result.analysis.findings.some((f) => f.severity === "warning")
    ? "warning"
    : "clean";
}

/** A CSV cell: quoted, and neutralised where a spreadsheet would read it as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The batch summary, one row per file; semicolons and a BOM, as Swedish Excel opens CSV. */
export function batchCsv(
  results: readonly FileResult[],
  lang: Lang,
  t: PaneText,
): string {
  const statusText: Record<Status, string> = {
    error: t.standalone.statusError,
    warning: t.standalone.statusWarning,
    clean: t.standalone.statusClean,
    unreadable: t.standalone.statusUnreadable,
  };
  const rows = results.map((r) => {
    if (r.kind === "error")
      return [r.name, statusText.unreadable, "", "", "", "", "", "", r.message];
    const findings = r.analysis.findings.map((f) => renderFinding(f, lang));
    const count = (s: string) =>
      findings.filter((f) => f.severity === s).length;
    const c = r.analysis.computation;
    const grants = c.grantTotal / 100;
    return [
      r.name,
      statusText[statusOf(r)],
      count("error"),
      count("warning"),
      count("info"),
      grants,
      c.repayment.total / 100,
      c.repayment.due ?? "",
      findings.find((f) => f.severity === "error")?.message ?? "",
    ];
  });
  return `\ufeff${[t.standalone.csvHeader, ...rows].map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}
