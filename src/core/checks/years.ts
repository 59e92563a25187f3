// The reported years and the repayment (SPEC §4.10–4.11).

import type { Computation, YearFigures } from "../figures/figures";
import { add, subtract } from "../figures/money";
import { type Finding, finding } from "../findings/findings";
import { cellOf } from "../model";

/** Per year: partly reported (its surplus is provisional), overspent (nothing to repay). */
export function yearChecks(c: Computation): Finding[] {
  return c.years.flatMap((y) => [
    ...(y.partial
      ? [
          finding("YEAR_PARTIAL", null, null, {
            year: y.year,
            reported: y.halfYears.join(", "),
          }),
          ...yearOnHalf(c, y),
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

/**
 * A year reported on one of its two half-year sheets with actuals far above that half-year's budget
 * and near the whole year's: the year's actuals typed on one sheet, as a ledger gives them. The
 * year then reads as overspent (nothing repaid) where it may have a surplus.
 */
function yearOnHalf(c: Computation, y: YearFigures): Finding[] {
  const halves = c.halfYears.filter((h) => h.halfYear.year === y.year);
  const reported = halves.find((h) => h.actual !== null);
  const other = halves.find((h) => h.actual === null);
  if (halves.length !== 2 || !reported?.actual || !other) return [];
  const actual = reported.actual.total;
  const budget = reported.budget.total;
  const yearBudget = add(budget, other.budget.total);
  // Half again its own budget, and within a quarter of the year's.
  if (
    !(actual * 2 > budget * 3) ||
    Math.abs(actual - yearBudget) * 4 > yearBudget
  )
    return [];
  return [
    finding(
      "ACTUALS_OF_WHOLE_YEAR",
      reported.source.sheet,
      cellOf(reported.source, reported.source.headerRow, "actual"),
      {
        halfYear: reported.halfYear.id,
        other: other.halfYear.id,
        year: y.year,
        actualOre: actual,
        budgetOre: budget,
        yearBudgetOre: yearBudget,
      },
    ),
  ];
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
