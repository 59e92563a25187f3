// One summary of an analysis for every face (CLI text, pane, page, ribbon, Beslut, memo, CSV and
// xlsx summaries): the verdict, the counts, the findings grouped and ordered, the severity words
// and the key figures. A face renders it; none counts, groups or orders on its own.

import type { Analysis } from "../analyze";
import type { IsoDate } from "../reading/dates";
import type { Severity } from "./findings";
import type { Lang } from "./format";
import type { Ore } from "../figures/money";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** The severity as a word, the same in every face. */
export const SEVERITY_NAME: Readonly<
  Record<Lang, Readonly<Record<Severity, string>>>
> = {
  sv: { error: "Fel", warning: "Varning", info: "Information" },
  en: { error: "Error", warning: "Warning", info: "Information" },
};

/**
 * The most findings a written list shows (`Beslut`, the memo's appendix). A list of tens of
 * thousands is not read, and writing it is what costs: Word's writer holds some 40 KB a row, and a
 * crafted workbook of 490 000 lines with four findings each made `Beslut` 9 million cells, taking
 * `compute` to 5 GB. Every finding stays in `check`, the pane and the JSON.
 */
export const MAX_LISTED_FINDINGS = 1000;

/**
 * The findings a list shows: every one, or the first MAX_LISTED_FINDINGS with the errors first
 * (`severity` finds each one's, for a list whose elements carry a finding).
 */
export function listedFindings<F>(
  findings: readonly F[],
  severity: (f: F) => Severity,
): readonly F[] {
  if (findings.length <= MAX_LISTED_FINDINGS) return findings;
  const listed: F[] = [];
  for (const s of SEVERITIES)
    for (const f of findings) {
      if (listed.length === MAX_LISTED_FINDINGS) return listed;
      if (severity(f) === s) listed.push(f);
    }
  return listed;
}

export type Counts = Readonly<Record<Severity, number>>;

export function countFindings(
  findings: readonly { readonly severity: Severity }[],
): Counts {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** What a file comes to: it has errors, only warnings, or neither. */
export type Verdict = "error" | "warning" | "clean";

export function verdictOf(counts: Counts): Verdict {
  return counts.error > 0 ? "error" : counts.warning > 0 ? "warning" : "clean";
}

export interface FindingGroup<F> {
  /** null: the workbook as a whole. */
  readonly sheet: string | null;
  readonly findings: readonly F[];
}

const RANK: Readonly<Record<Severity, number>> = {
  error: 0,
  warning: 1,
  info: 2,
};

/**
 * The findings by sheet: the workbook's own first, then the sheets in the order the findings
 * meet them (the workbook's order); within a sheet errors, warnings, information, each in
 * reading order.
 */
export function groupFindings<
  F extends { readonly sheet: string | null; readonly severity: Severity },
>(findings: readonly F[]): FindingGroup<F>[] {
  const bySheet = new Map<string | null, F[]>([[null, []]]);
  for (const f of findings) {
    const list = bySheet.get(f.sheet);
    if (list) list.push(f);
    else bySheet.set(f.sheet, [f]);
  }
  return [...bySheet]
    .filter(([, list]) => list.length > 0)
    .map(([sheet, list]) => ({
      sheet,
      findings: list.sort((a, b) => RANK[a.severity] - RANK[b.severity]),
    }));
}

/** The figures a reviewer looks at first, the same in every face. */
export interface KeyFigures {
  readonly name: string | null;
  readonly caseNumber: string | null;
  readonly organisation: string | null;
  /**
   * The sum of the half-years' budgets (what the decision grants); null, as the repayment, where
   * no half-year was read: a workbook that is no budget has no figures, not 0 kr.
   */
  readonly grantTotal: Ore | null;
  readonly repayment: Ore | null;
  readonly repaymentDue: IsoDate | null;
}

export interface Summary<F> {
  readonly verdict: Verdict;
  readonly counts: Counts;
  readonly groups: readonly FindingGroup<F>[];
  readonly figures: KeyFigures;
}

/**
 * Whether the workbook has figures at all: a half-year was read from it. One that is no budget (no
 * half-year sheet, or none readable) has none, shown as none, not as 0 kr, on every face.
 */
export const hasFigures = (analysis: {
  readonly computation: { readonly halfYears: readonly unknown[] };
}): boolean => analysis.computation.halfYears.length > 0;

/**
 * What the workbook grants and what is to be repaid, null both where it has no figures: every face
 * that shows or compares them (the key figures, diff, the pane's moves) takes them so.
 */
export function grantAndRepayment(analysis: {
  readonly computation: Pick<
    Analysis["computation"],
    "halfYears" | "grantTotal" | "repayment"
  >;
}): { readonly grantTotal: Ore | null; readonly repayment: Ore | null } {
  const c = analysis.computation;
  return hasFigures(analysis)
    ? { grantTotal: c.grantTotal, repayment: c.repayment.total }
    : { grantTotal: null, repayment: null };
}

/** The summary of an analysis, its findings as the face shows them (rendered, or as they are). */
export function summarize<
  F extends { readonly sheet: string | null; readonly severity: Severity },
>(analysis: Analysis, findings: readonly F[]): Summary<F> {
  const c = analysis.computation;
  const counts = countFindings(findings);
  return {
    verdict: verdictOf(counts),
    counts,
    groups: groupFindings(findings),
    figures: {
      name: c.agreement.name,
      caseNumber: c.agreement.caseNumber,
      organisation: c.agreement.organisation,
      ...grantAndRepayment(analysis),
      repaymentDue: c.repayment.due,
    },
  };
}
