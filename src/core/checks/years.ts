// The reported years and the repayment (SPEC §4.10–4.11).

import type { Computation, YearFigures } from "../figures/figures";
import { add, subtract } from "../figures/money";
import { type Finding, finding } from "../findings/findings";
import { headerCellOf } from "../model";
import { byLineKey, keyOfLine } from "../figures/tables";

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
    ...cumulativeSecondHalf(c, y),
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
      headerCellOf(reported.source, "actual"),
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

/**
 * The autumn's actuals as a ledger's year to date (January to December): far above the autumn's
 * budget, and each line's at least its spring's. The spring is then counted twice, and the year
 * reads as overspent.
 */
function cumulativeSecondHalf(c: Computation, y: YearFigures): Finding[] {
  const of = (half: 1 | 2) =>
    c.halfYears.find(
      (h) => h.halfYear.year === y.year && h.halfYear.half === half,
    );
  const [first, second] = [of(1), of(2)];
  if (!first?.actual || !second?.actual) return [];
  if (!(second.actual.total * 2 > second.budget.total * 3)) return [];
  const spring = byLineKey(first.lines, (l) => l.input);
  let matched = 0;
  for (const l of second.lines) {
    const autumn = l.input.actual;
    const before = spring.get(keyOfLine(l.input))?.[0]?.input.actual;
    if (autumn === null || before === null || before === undefined) continue;
    if (autumn < before) return [];
    matched++;
  }
  if (matched < 2) return [];
  return [
    finding(
      "ACTUALS_CUMULATIVE",
      second.source.sheet,
      headerCellOf(second.source, "actual"),
      {
        halfYear: second.halfYear.id,
        first: first.halfYear.id,
        actualOre: second.actual.total,
        budgetOre: second.budget.total,
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
