// The overhead (OH) of a half-year: the typed OH budget against the rate (SPEC §4.3), the actual
// OH against what may be counted (SPEC §4.7).

import type { ComputedHalfYear } from "../figures/figures";
import { type Finding, finding } from "../findings/findings";
import { cellOf, headerCellOf } from "../model";
import { type Ore, ZERO, add, subtract, sum } from "../figures/money";
import { overheadCap, overheadOf } from "../figures/compute";
import { isOwnOverheadFormula } from "../ownership";
import { rateInLabel } from "../reading/glossary";

/** The OH lines' typed budget against the rate's overhead; none without a rate. */
export function overheadBudgetCheck(
  h: ComputedHalfYear,
  ratePpm: number | null,
): Finding[] {
  const typed = h.source.lines.filter(
    (l) => l.category === "overhead" && l.budget !== null,
  );
  const first = typed[0];
  if (ratePpm === null || !first) return [];
  const entered = sum(
    typed.flatMap((l) => (l.budget === null ? [] : [l.budget])),
  );
  const computed = h.budget.overhead;
  if (entered === computed) return [];
  // The add-in's own formula left short by an inserted row is rewritten by compute, not a typo.
  const own = isOwnOverheadFormula(first.formulas.budget ?? "");
  // An own formula that gives the rate on the lines' cells as they stand covers them all: the
  // difference is a line's, said at that line (a SUMIF short of a person), not the formula's.
  if (own && entered === overheadOfCells(h, ratePpm)) return [];
  return [
    finding(
      own ? "OH_FORMULA_STALE" : "OH_MISMATCH",
      h.source.sheet,
      cellOf(h.source, first.row, "budget"),
      { halfYear: h.halfYear.id, enteredOre: entered, computedOre: computed },
    ),
  ];
}

/**
 * The rate on the direct lines' budget cells as they stand, as a SUM over them gives; null where
 * an empty cell stands for a derived budget (compute fills it, and nothing else says so).
 */
function overheadOfCells(h: ComputedHalfYear, ratePpm: number): Ore | null {
  let direct = ZERO;
  for (const l of h.lines) {
    if (l.input.category === "overhead") continue;
    if (l.input.budget === null) {
      if (l.effectiveBudget !== ZERO) return null;
    } else direct = add(direct, l.input.budget);
  }
  return overheadOf(direct, ratePpm);
}

/** Actual OH above what the rate and the budget allow: the excess is not counted. */
export function overheadActualCheck(h: ComputedHalfYear): Finding[] {
  const a = h.actual;
  if (!a || a.overhead <= a.eligibleOverhead) return [];
  const line = h.source.lines.find(
    (l) => l.category === "overhead" && l.actual !== null,
  );
  return [
    finding(
      "OH_ACTUAL_ABOVE_RATE",
      h.source.sheet,
      line ? cellOf(h.source, line.row, "actual") : null,
      {
        halfYear: h.halfYear.id,
        actualOre: a.overhead,
        allowedOre: a.eligibleOverhead,
        excessOre: subtract(a.overhead, a.eligibleOverhead),
      },
    ),
  ];
}

/**
 * A reported half-year without an OH line: its actual OH is 0, and the budget's OH was surplus,
 * repaid, with nothing said. Said, with what the rate would have let it count.
 */
export function overheadNotReportedCheck(
  h: ComputedHalfYear,
  ratePpm: number | null,
): Finding[] {
  const a = h.actual;
  if (
    !a ||
    h.budget.overhead === ZERO ||
    h.source.lines.some((l) => l.category === "overhead")
  )
    return [];
  const allowed = overheadCap(a.direct, ratePpm, h.budget.overhead);
  return [
    finding(
      "OH_NOT_REPORTED",
      h.source.sheet,
      headerCellOf(h.source, "actual"),
      {
        halfYear: h.halfYear.id,
        budgetOre: h.budget.overhead,
        allowedOre: allowed,
      },
    ),
  ];
}

/**
 * An OH line whose label or % column states another rate than the agreement's ("OH-kostnader
 * 15 %" beside OH-sats 10 %): the agreement's is used, and the line says otherwise.
 */
export function overheadLabelCheck(
  h: ComputedHalfYear,
  ratePpm: number | null,
): Finding[] {
  if (ratePpm === null) return [];
  return h.source.lines.flatMap((l) => {
    if (l.category !== "overhead") return [];
    const points = rateInLabel(l.label);
    const stated = (ppm: number, key: "label" | "servicePercent") =>
      ppm === ratePpm
        ? []
        : [
            finding(
              "OVERHEAD_RATE_LABEL_DIFFERS",
              h.source.sheet,
              cellOf(h.source, l.row, key),
              { label: l.label, percent: ppm / 10_000, rate: ratePpm / 10_000 },
            ),
          ];
    return [
      ...(points === null ? [] : stated(Math.round(points * 10_000), "label")),
      ...(l.overheadRatePpm === undefined
        ? []
        : stated(l.overheadRatePpm, "servicePercent")),
    ];
  });
}
