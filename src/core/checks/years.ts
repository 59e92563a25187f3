// The reported years and the repayment (SPEC §4.10–4.11).

import type { Computation } from "../figures/figures";
import { subtract } from "../figures/money";
import { type Finding, finding } from "../findings/findings";

/** Per year: partly reported (its surplus is provisional), overspent (nothing to repay). */
export function yearChecks(c: Computation): Finding[] {
  return c.years.flatMap((y) => [
    ...(y.partial
      ? [
          finding("YEAR_PARTIAL", null, null, {
            year: y.year,
            reported: y.halfYears.join(", "),
          }),
        ]
      : []),
    ...(y.surplus < 0
      ? [
          finding("YEAR_OVERSPENT", null, null, {
            year: y.year,
            overOre: subtract(y.actual, y.budget),
            actualOre: y.actual,
            budgetOre: y.budget,
          }),
        ]
      : []),
  ]);
}

/** A repayment without a typed due date: the default the figures use is said. */
export function repaymentChecks(c: Computation): Finding[] {
  const { agreement, repayment } = c;
  if (agreement.repaymentDue !== null || repayment.due === null) return [];
  return [
    finding(
      "REPAYMENT_DUE_DEFAULTED",
      agreement.sheet,
      agreement.cells.repaymentDue ?? null,
      { due: repayment.due },
    ),
  ];
}
