// The decision's dates against the board's meeting (`memo --date`): a due date the decision names
// that is past when the board decides, or a report of a period not yet ended, is said.

import type { Computation } from "../figures/figures";
import { type Finding, finding } from "../findings/findings";
import type { IsoDate } from "../reading/dates";
import type { Agreement } from "../model";
import {
  caseRepaymentDue,
  grantedHalfYears,
  reportDueCovers,
  reportDueOf,
  reportedHalfYears,
  agreementRunning,
  reportsAndBudgets,
} from "./decision";

/**
 * A finding about the decision (its dates, its missing points), with the index of the computation
 * whose workbook it is in.
 */
export interface DecisionFinding {
  readonly source: number;
  readonly finding: Finding;
}

/** Each date of the draft decision that the meeting makes impossible (or late), said once. */
export function meetingChecks(
  computations: readonly Computation[],
  meeting: IsoDate,
): DecisionFinding[] {
  const { reports, budgets } = reportsAndBudgets(computations);
  const at = (c: Computation) => computations.indexOf(c);
  return [
    ...reportChecks(reports, meeting).map((f) => ({
      source: at(reports[reports.length - 1]!),
      finding: f,
    })),
    ...repaymentCheck(reports, meeting, at),
    ...proposalChecks(budgets, reports, computations, meeting, at),
  ];
}

/** The reported period must have ended before the board approves it. */
function reportChecks(
  reports: readonly Computation[],
  meeting: IsoDate,
): Finding[] {
  const reported = reportedHalfYears(reports);
  const last = reported[reported.length - 1]?.halfYear;
  return last && last.end >= meeting
    ? [
        finding("MEETING_BEFORE_REPORT_END", null, null, {
          meeting,
          end: last.end,
        }),
      ]
    : [];
}

/** The repayment's due date, as the decision names it. */
function repaymentCheck(
  reports: readonly Computation[],
  meeting: IsoDate,
  at: (c: Computation) => number,
): DecisionFinding[] {
  const { due, from } = caseRepaymentDue(reports) ?? {};
  if (!from || !due || due >= meeting) return [];
  return [
    {
      source: at(from),
      finding: uppgifterFinding(from.agreement, "repaymentDue", {
        code: "MEETING_AFTER_REPAYMENT_DUE",
        due,
        meeting,
      }),
    },
  ];
}

/** The proposed agreement's start and the report-back it asks for. */
function proposalChecks(
  budgets: readonly Computation[],
  reports: readonly Computation[],
  computations: readonly Computation[],
  meeting: IsoDate,
  at: (c: Computation) => number,
): DecisionFinding[] {
  const proposal = budgets[0];
  if (!proposal) return [];
  const a = proposal.agreement;
  const out: DecisionFinding[] = [];
  // A running agreement (the one reported on) is not approved afterwards: it was, when it began.
  if (a.start && a.end && a.start < meeting && !agreementRunning(a, reports))
    out.push({
      source: at(proposal),
      finding: finding(
        "MEETING_AFTER_AGREEMENT_START",
        a.sheet,
        a.cells.start ?? a.cells.agreementPeriod ?? null,
        { start: a.start, meeting },
      ),
    });
  const due = reportDueOf(
    a,
    computations.map((c) => c.agreement),
  );
  if (
    due &&
    due < meeting &&
    reportDueCovers(due, grantedHalfYears(budgets)).length > 0
  ) {
    // The proposal's own date, else the workbook's of the case that gives it.
    const source =
      a.reportDue !== null
        ? proposal
        : computations.find((c) => c.agreement.reportDue === due)!;
    out.push({
      source: at(source),
      finding: uppgifterFinding(source.agreement, "reportDue", {
        code: "MEETING_AFTER_REPORT_DUE",
        due,
        meeting,
      }),
    });
  }
  return out;
}

/** A due date's finding at its value in `Uppgifter` (no cell when the date was not typed). */
function uppgifterFinding(
  a: Agreement,
  key: "repaymentDue" | "reportDue",
  {
    code,
    due,
    meeting,
  }: {
    code: "MEETING_AFTER_REPAYMENT_DUE" | "MEETING_AFTER_REPORT_DUE";
    due: IsoDate;
    meeting: IsoDate;
  },
): Finding {
  return finding(code, a.sheet, a.cells[key] ?? null, { due, meeting });
}
