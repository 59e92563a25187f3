// A half-year's typed total row against the computed totals (SPEC §4.8).

import type { ComputedHalfYear } from "../figures/figures";
import { type Finding, finding } from "../findings/findings";
import type { ColumnKey } from "../reading/glossary";
import { cellOf } from "../model";
import { asSheetCounts } from "../figures/compute";
import { type Ore, subtract, sum } from "../figures/money";

/**
 * Each subtotal against the lines it sums (those since the subtotal before): as the cells stand, or
 * as computed (a derived salary budget, the OH).
 */
export function subtotalChecks(h: ComputedHalfYear): Finding[] {
  const { source } = h;
  return (source.subtotals ?? []).flatMap((s) => {
    const lines = h.lines.slice(s.from, s.to);
    const typed = (k: "budget" | "actual") =>
      sum(lines.flatMap((l) => (l.input[k] === null ? [] : [l.input[k]])));
    // An actual is only ever as typed; a budget may be computed (a derived salary, the OH).
    const actual = typed("actual");
    const checks: [ColumnKey, Ore | null, Ore, Ore][] = [
      [
        "budget",
        s.budget,
        typed("budget"),
        sum(lines.map((l) => l.effectiveBudget)),
      ],
      ["actual", s.actual, actual, actual],
    ];
    return checks.flatMap(([column, entered, asTyped, computed]) =>
      entered === null || entered === asTyped || entered === computed
        ? []
        : [
            finding(
              "SUBTOTAL_MISMATCH",
              source.sheet,
              cellOf(source, s.row, column),
              {
                enteredOre: entered,
                computedOre: computed,
              },
            ),
          ],
    );
  });
}

export function totalRowChecks(h: ComputedHalfYear): Finding[] {
  const { source, budget, actual } = h;
  const t = source.total;
  if (!t) return [];
  // Each entered total against the computed one; a row summing the direct costs only
  // ("Summa direkta kostnader") is accepted too. A budget total that is the sum of the line cells
  // as they stand is right arithmetic: a line that differs has its own finding at its own cell.
  const shown = sum(
    source.lines.flatMap((l) => (l.budget === null ? [] : [l.budget])),
  );
  const checks: [ColumnKey, Ore | null, Ore, Ore][] = [
    [
      "budget",
      t.budget === shown ? null : t.budget,
      budget.total,
      budget.direct,
    ],
  ];
  if (actual) {
    checks.push(["actual", t.actual, actual.total, actual.direct]);
    checks.push([
      "variance",
      t.variance,
      asSheetCounts(h, subtract(budget.total, actual.total)),
      asSheetCounts(h, subtract(budget.direct, actual.direct)),
    ]);
  }
  return checks.flatMap(([column, entered, total, direct]) =>
    entered === null || entered === total || entered === direct
      ? []
      : [
          finding("SUM_MISMATCH", source.sheet, cellOf(source, t.row, column), {
            halfYear: h.halfYear.id,
            enteredOre: entered,
            computedOre: total,
          }),
        ],
  );
}
