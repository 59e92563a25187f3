// The decision's dates against the board's meeting (`memo --date`): a due date the decision names
// that is past when the board decides, or a report of a period not yet ended, is said.

import type { Computation } from "../figures/figures";
import { type Finding, finding } from "../findings/findings";
import type { IsoDate } from "../reading/dates";
import type { Agreement } from "../model";
import {
  distinctHalfYears,
  reportDueCovers,
  reportDueOf,
  reportsAndBudgets,
} from "./decision";

/** A finding about the decision, with the index of the computation whose workbook it is in. */
export interface MeetingFinding {
  readonly source: number;
  readonly finding: Finding;
}

/** Each date of the draft decision that the meeting makes impossible (or late), said once. */
export function meetingChecks(
  computations: readonly Computation[],
  meeting: IsoDate,
): MeetingFinding[] {
  const { reports, budgets } = reportsAndBudgets(computations);
  const at = (c: Computation) => computations.indexOf(c);
  return [
    ...reportChecks(reports, meeting).map((f) => ({
      source: at(reports[reports.length - 1]!),
      finding: f,
    })),
    ...repaymentCheck(reports, meeting, at),
    ...proposalChecks(budgets, computations, meeting, at),
  ];
}

/** The reported period must have ended before the board approves it. */
function reportChecks(
  reports: readonly Computation[],
  meeting: IsoDate,
): Finding[] {
  const reported = distinctHalfYears(
    reports.flatMap((c) => c.halfYears.filter((h) => h.actual !== null)),
  );
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

/** The repayment's due date, as the decision names it (the first report's that has one). */
function repaymentCheck(
  reports: readonly Computation[],
  meeting: IsoDate,
  at: (c: Computation) => number,
): MeetingFinding[] {
  if (!reports.some((c) => c.repayment.total > 0)) return [];
  const from = reports.find((c) => c.repayment.due !== null);
  const due = from?.repayment.due;
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
  computations: readonly Computation[],
  meeting: IsoDate,
  at: (c: Computation) => number,
): MeetingFinding[] {
  const proposal = budgets[0];
  if (!proposal) return [];
  const a = proposal.agreement;
  const out: MeetingFinding[] = [];
  if (a.start && a.end && a.start < meeting)
    out.push({
      source: at(proposal),
      finding: finding(
        "MEETING_AFTER_AGREEMENT_START",
        a.sheet,
        a.cells.start ?? a.cells.agreementPeriod ?? null,
        { start: a.start, meeting },
      ),
    });
  const agreements = computations.map((c) => c.agreement);
  const due = reportDueOf(a, agreements);
  const granted = distinctHalfYears(
    budgets.flatMap((c) => c.halfYears.filter((h) => h.actual === null)),
  );
  if (due && due < meeting && reportDueCovers(due, granted).length > 0) {
    const from = computations[agreements.findIndex((x) => x.reportDue === due)];
    const source = from && a.reportDue === null ? from : proposal;
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
