// The decision's points that `Uppgifter` leaves out: a proposal whose agreement names no
// signatories, or no report-back date, gets a decision without the seed's signing or report-back
// point. The official drafting the memo is told so; the partner's check says nothing (these are
// the city's to fill in).

import type { Computation } from "../figures/figures";
import { finding } from "../findings/findings";
import {
  agreementRunning,
  grantedHalfYears,
  reportDueOf,
  reportsAndBudgets,
} from "./decision";
import type { DecisionFinding } from "./meeting";

/** Each point of the seed's decision for a proposal that its details leave out. */
export function decisionDetailChecks(
  computations: readonly Computation[],
): DecisionFinding[] {
  const { reports, budgets } = reportsAndBudgets(computations);
  const proposal = budgets[0];
  const granted = grantedHalfYears(budgets);
  const a = proposal?.agreement;
  if (!proposal || !a?.start || !a.end || granted.length === 0) return [];
  const source = computations.indexOf(proposal);
  const agreements = computations.map((c) => c.agreement);
  const out: DecisionFinding[] = [];
  // A running agreement is granted, not signed again.
  if (
    !agreementRunning(a, reports) &&
    agreements.every((x) => x.signatories.length === 0)
  )
    out.push({
      source,
      finding: finding(
        "DECISION_WITHOUT_SIGNATORIES",
        a.sheet,
        a.cells.signatories ?? null,
      ),
    });
  if (reportDueOf(a, agreements) === null)
    out.push({
      source,
      finding: finding(
        "DECISION_WITHOUT_REPORT_DUE",
        a.sheet,
        a.cells.reportDue ?? null,
        // The seed's: the first granted year reported by 1 February of the next.
        { example: `${granted[0]!.halfYear.year + 1}-02-01` },
      ),
    });
  return out;
}
