// Standalone mode's work on files, in the browser: read, analyse, compute a copy, summarise as CSV.
// The same engine and write plan as the CLI and the add-in; files never leave the browser.

import {
  type Analysis,
  type InputChange,
  type Lang,
  type RoledFile,
  type SummaryFinding,
  type SummaryRow,
  type WorkbookGrids,
  analyseWorkbook,
  countFindings,
  formatKronorOrDash,
  grantedPairs,
  grantsInOrder,
  planBatchSummary,
  planCompute,
  renderFinding,
  sheetsWritten,
  shownFileName,
  stampTime,
  summarize,
  verdictOf,
  type Ore,
  toKronor,
} from "../../core";
import {
  DEFAULT_LIMITS,
  NotReadBack,
  WorkbookFileError,
  readXlsx,
  verifyWritten,
} from "../../xlsx/read";
import { applyPlan, computedExtension, createWorkbook } from "../../xlsx/write";
import { XLSM_TYPE, XLSX_TYPE } from "../download";
import { fileErrorCodeOf, fileErrorText } from "../../xlsx/file-errors";
import type { PaneText } from "../../i18n/text";
import { VERSION } from "../../core/version";
import { type Review, reviewKey } from "./reviews";

export type FileResult =
  | {
      readonly kind: "ok";
      readonly name: string;
      readonly bytes: Uint8Array;
      readonly grids: WorkbookGrids;
      readonly analysis: Analysis;
      /**
       * A report paired with granted budgets in the batch (one, or an agreement and its
       * extension): their files and analyses, in the order its half-years are held to them, and
       * its own analysis.
       */
      readonly grantedBy?: readonly string[];
      readonly grantedAnalysis?: readonly Analysis[];
      readonly ownAnalysis?: Analysis;
    }
  | {
      readonly kind: "error";
      readonly name: string;
      readonly code: string;
      readonly message: string;
    };

/** A file too large to be read: refused by its size, before a byte of it is read. */
export function tooLargeFile(
  name: string,
  size: number,
  lang: Lang,
): FileResult | null {
  if (size <= DEFAULT_LIMITS.maxFileBytes) return null;
  return fileErrorResult(name, "FILE_TOO_LARGE", lang);
}

/**
 * A file the page could not read, by the file error that says why: a folder without a workbook
 * (NO_WORKBOOKS), a file whose bytes the browser would not give (FILE_NOT_READABLE: moved or
 * deleted since it was picked, or a cloud file not on the machine).
 */
export function fileErrorResult(
  name: string,
  code: string,
  lang: Lang,
): FileResult {
  return {
    kind: "error",
    name: shownFileName(name),
    code,
    message: fileErrorText(code, lang),
  };
}

/** A file read: its name as the page shows it (shownFileName), and its analysis. */
export function readFileBytes(
  path: string,
  bytes: Uint8Array,
  lang: Lang,
): FileResult {
  const name = shownFileName(path);
  try {
    const grids = readXlsx(bytes);
    const { analysis } = analyseWorkbook(grids);
    return { kind: "ok", name, bytes, grids, analysis };
  } catch (e) {
    const code =
      e instanceof WorkbookFileError
        ? fileErrorCodeOf(name, e.code, bytes)
        : "INTERNAL";
    return {
      kind: "error",
      name,
      code,
      message: fileErrorText(
        code,
        lang,
        e instanceof WorkbookFileError ? e : undefined,
      ),
    };
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
  for (const [report, budgets] of pairs) {
    const { r, i } = ok[report]!;
    const granted = budgets.map((b) => ok[b]!.r);
    // A batch grows a file at a time: a pair already held to its grants is not analysed again.
    const done = paired.get(r);
    if (done && sameFiles(done.granted, granted)) {
      out[i] = done.result;
      continue;
    }
    const grantedAnalysis = granted.map((g) => g.analysis);
    const result: FileResult = {
      ...r,
      analysis: analyseWorkbook(r.grids, { granted: grantedAnalysis }).analysis,
      grantedBy: granted.map((g) => g.name),
      grantedAnalysis,
      ownAnalysis: r.analysis,
    };
    paired.set(r, { granted, result });
    out[i] = result;
  }
  return out;
}

/** A file of a case in the queue: the memo's view of it and the file it came from. */
export interface QueueCaseFile {
  readonly file: string;
  readonly analysis: Analysis;
  readonly result: Extract<FileResult, { kind: "ok" }>;
}

// A report held to the grants the reviewer chose, for each choice made.
const held = new WeakMap<
  FileResult,
  { readonly grants: readonly FileResult[]; readonly analysis: Analysis }[]
>();

/**
 * The case's files as the memo takes them once the reviewer has chosen the roles: the report held
 * to the files given the grant role (as the batch pairs them by default), or to none.
 */
export function holdToGrant(
  roled: readonly (QueueCaseFile & RoledFile)[],
): RoledFile[] {
  const grants = grantsInOrder(roled.filter((f) => f.role === "grant")).map(
    (f) => f.result,
  );
  return roled.map((f) => {
    if (f.role !== "report") return f;
    const r = f.result;
    if (grants.length === 0)
      return { ...f, analysis: r.ownAnalysis ?? r.analysis };
    const analyses = grants.map((g) => g.ownAnalysis ?? g.analysis);
    // Paired with these very grants (by the workbooks, not their names: two may share a name).
    if (sameFiles(r.grantedAnalysis ?? [], analyses)) return f;
    const cache = held.get(r) ?? [];
    held.set(r, cache);
    let found = cache.find((c) => sameFiles(c.grants, grants));
    if (!found) {
      found = {
        grants,
        analysis: analyseWorkbook(r.grids, { granted: analyses }).analysis,
      };
      cache.push(found);
    }
    return { ...f, analysis: found.analysis };
  });
}

/** The same files (or analyses) in the same order. */
const sameFiles = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const paired = new WeakMap<
  FileResult,
  { readonly granted: readonly FileResult[]; readonly result: FileResult }
>();

/**
 * The computed copy of a file, as the CLI's `compute` writes it (from the workbook's own budget),
 * holding the what-if changes made in the page as the cells' values (SPEC §4.17).
 */
export function computedCopy(
  result: Extract<FileResult, { kind: "ok" }>,
  changes: readonly InputChange[] = [],
): Uint8Array {
  const stamp = {
    at: stampTime(new Date()),
    version: VERSION,
    source: result.name,
  };
  const plan = planCompute(
    result.grids,
    stamp,
    "file",
    changes,
    result.ownAnalysis ?? result.analysis,
  );
  const bytes = applyPlan(result.bytes, plan);
  // Read back as the CLI's compute does before it writes: what does not read is not offered.
  verifyWritten(bytes, sheetsWritten(plan));
  return bytes;
}

/**
 * Why a computed copy could not be made, in the user's words: a written sheet that did not read
 * back, a package the writer cannot map (a file error), or anything else.
 */
export function copyFailure(
  name: string,
  e: unknown,
  lang: Lang,
  t: PaneText,
): string {
  if (e instanceof NotReadBack)
    return t.standalone.copyNotReadBack(name, e.sheet);
  if (e instanceof WorkbookFileError)
    return `${name}: ${fileErrorText(e.code, lang, e)}`;
  return `${t.errorPrefix} ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * A computed copy's download: the workbook's name with "-beraknad", as .xlsm (and its media type)
 * for a workbook that may hold macros, which Excel opens only so; a template's copy is a workbook.
 */
export function computedFile(
  name: string,
  bytes: Uint8Array,
): { name: string; type: string } {
  const ext = computedExtension(bytes);
  return {
    name: `${name.replace(/\.(xlsx|xlsm|xltx|xltm)$/i, "")}-beraknad${ext}`,
    type: ext === ".xlsm" ? XLSM_TYPE : XLSX_TYPE,
  };
}

export type Status = "error" | "warning" | "clean" | "unreadable";

export function statusOf(result: FileResult): Status {
  if (result.kind === "error") return "unreadable";
  return verdictOf(countFindings(result.analysis.findings));
}

/** A CSV cell: quoted, and neutralised where a spreadsheet would read it as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A file's key for its review: by name and size (see reviewKey). */
export function reviewKeyOf(result: FileResult): string {
  return reviewKey(
    result.name,
    result.kind === "ok" ? result.bytes.length : null,
  );
}

export type Reviews = ReadonlyMap<string, Review>;

/**
 * The batch summary, one row per file, with the reviewer's marks; semicolons and a BOM, as
 * Swedish Excel opens CSV, and amounts as numbers (kronor, the decimal comma in Swedish).
 */
export function batchCsv(
  results: readonly FileResult[],
  lang: Lang,
  t: PaneText,
  reviews: Reviews = new Map(),
): string {
  const kronor = (ore: Ore | null) =>
    ore === null
      ? ""
      : lang === "sv"
        ? String(toKronor(ore)).replace(".", ",")
        : toKronor(ore);
  // A count is empty only for a file that could not be read: one with no half-year has its errors.
  const rows = batchSummary(results, lang, t, reviews).rows.map((r) => [
    r.file,
    r.caseNumber,
    r.organisation,
    r.status,
    r.reviewed,
    r.note,
    r.errors ?? "",
    r.warnings ?? "",
    r.infos ?? "",
    kronor(r.grant),
    kronor(r.repayment),
    r.due ?? "",
    r.message,
  ]);
  return `\ufeff${[t.standalone.xlsxHeader, ...rows].map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

/** One row of the review queue: what the table shows and sorts by. */
export interface QueueRow {
  readonly id: number;
  readonly result: FileResult;
  readonly status: Status;
  readonly caseNumber: string;
  readonly organisation: string;
  readonly errors: number;
  readonly warnings: number;
  /** In öre; null for a file that could not be read. */
  readonly grant: number | null;
  readonly repayment: number | null;
  /** As the table shows them: "2 219 298 kr", "–". */
  readonly grantText: string;
  readonly repaymentText: string;
}

export type QueueKey =
  | "file"
  | "caseNumber"
  | "organisation"
  | "status"
  | "errors"
  | "warnings"
  | "grant"
  | "repayment";

export function queueRow(id: number, result: FileResult, lang: Lang): QueueRow {
  if (result.kind === "error")
    return {
      id,
      result,
      status: "unreadable",
      caseNumber: "",
      organisation: "",
      errors: 0,
      warnings: 0,
      grant: null,
      repayment: null,
      grantText: formatKronorOrDash(null, lang),
      repaymentText: formatKronorOrDash(null, lang),
    };
  const { verdict, counts, figures } = summarize(
    result.analysis,
    result.analysis.findings,
  );
  return {
    id,
    result,
    status: verdict,
    caseNumber: figures.caseNumber ?? "",
    organisation: figures.organisation ?? "",
    errors: counts.error,
    warnings: counts.warning,
    grant: figures.grantTotal,
    repayment: figures.repayment,
    grantText: formatKronorOrDash(figures.grantTotal, lang),
    repaymentText: formatKronorOrDash(figures.repayment, lang),
  };
}

// The worst first: errors, then files that could not be read, warnings, clean ones.
const STATUS_RANK: Record<Status, number> = {
  error: 0,
  unreadable: 1,
  warning: 2,
  clean: 3,
};

/** Rows in the order of a column; ties keep the order the files came in. */
export function sortRows(
  rows: readonly QueueRow[],
  key: QueueKey,
  ascending: boolean,
): QueueRow[] {
  const value = (r: QueueRow): string | number =>
    key === "file"
      ? r.result.name
      : key === "status"
        ? STATUS_RANK[r.status]
        : key === "grant" || key === "repayment"
          ? (r[key] ?? -Infinity)
          : r[key];
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c =
      typeof x === "number" && typeof y === "number"
        ? x - y
        : String(x).localeCompare(String(y), "sv");
    return c * sign || a.id - b.id;
  });
}

/** Rows whose file, case or organisation contains the text (any case), of the status when one is given. */
export function filterRows(
  rows: readonly QueueRow[],
  text: string,
  status: Status | "all",
): QueueRow[] {
  const needle = text.trim().toLocaleLowerCase("sv");
  return rows.filter(
    (r) =>
      (status === "all" || r.status === status) &&
      (!needle ||
        [r.result.name, r.caseNumber, r.organisation].some((s) =>
          s.toLocaleLowerCase("sv").includes(needle),
        )),
  );
}

/** One row per file and every finding, for the CSV and the workbook alike. */
function batchSummary(
  results: readonly FileResult[],
  lang: Lang,
  t: PaneText,
  reviews: Reviews,
): { rows: SummaryRow[]; findings: SummaryFinding[] } {
  const s = t.standalone;
  const statusText: Record<Status, string> = {
    error: s.statusError,
    warning: s.statusWarning,
    clean: s.statusClean,
    unreadable: s.statusUnreadable,
  };
  const rows: SummaryRow[] = [];
  const findings: SummaryFinding[] = [];
  for (const r of results) {
    const review = reviews.get(reviewKeyOf(r));
    const marks = {
      reviewed: review?.reviewed ? s.yes : "",
      note: review?.note ?? "",
    };
    if (r.kind === "error") {
      rows.push({
        file: r.name,
        caseNumber: "",
        organisation: "",
        status: statusText.unreadable,
        ...marks,
        errors: null,
        warnings: null,
        infos: null,
        grant: null,
        repayment: null,
        due: null,
        message: r.message,
      });
      continue;
    }
    const rendered = r.analysis.findings.map((f) => renderFinding(f, lang));
    const { verdict, counts, figures } = summarize(r.analysis, rendered);
    rows.push({
      file: r.name,
      caseNumber: figures.caseNumber ?? "",
      organisation: figures.organisation ?? "",
      status: statusText[verdict],
      ...marks,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      grant: figures.grantTotal,
      repayment: figures.repayment,
      due: figures.repaymentDue,
      message: rendered.find((f) => f.severity === "error")?.message ?? "",
    });
    for (const f of rendered)
      findings.push({
        file: r.name,
        severity: t.severity[f.severity],
        code: f.code,
        sheet: f.sheet ?? "",
        cell: f.cell ?? "",
        message: f.message,
      });
  }
  return { rows, findings };
}

/** The batch summary as a workbook: one row per file (as the CSV), and every finding of every file. */
export function batchXlsx(
  results: readonly FileResult[],
  lang: Lang,
  t: PaneText,
  reviews: Reviews = new Map(),
): Uint8Array {
  const s = t.standalone;
  const { rows, findings } = batchSummary(results, lang, t, reviews);
  return createWorkbook(
    planBatchSummary(rows, findings, {
      sheets: [s.xlsxSheets[0]!, s.xlsxSheets[1]!],
      summaryHeader: s.xlsxHeader,
      findingsHeader: s.xlsxFindingsHeader,
    }),
  );
}
