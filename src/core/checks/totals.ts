// A half-year's typed total row against the computed totals (SPEC §4.8).

import type { ComputedHalfYear } from "../figures/figures";
import { type Finding, finding } from "../findings/findings";
import type { ColumnKey } from "../reading/glossary";
import { type HalfYearSheet, type TotalRow, cellOf } from "../model";
import { isOwnTotalFormula } from "../ownership";
import { signedVariance } from "./lines";
import { asSheetCounts, overheadOf } from "../figures/compute";
import { type Ore, add, subtract, sum } from "../figures/money";

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
  // Rows carried over from an earlier period are no lines, but a total may sum them as typed.
  const carried = t.carried;
  const carriedIn: Partial<Record<ColumnKey, Ore>> = carried
    ? {
        budget: carried.budget,
        actual: carried.actual,
        variance: asSheetCounts(h, subtract(carried.budget, carried.actual)),
      }
    : {};
  const withCarried = (column: ColumnKey, entered: Ore, sums: Ore[]) => {
    const c = carriedIn[column];
    return c !== undefined && sums.some((x) => entered === add(x, c));
  };
  // Actuals written with a minus sign: the sheet's Differens is budget − the signed actual.
  const signed = (column: ColumnKey, entered: Ore) =>
    column === "variance" &&
    (signedVariance(h, entered, budget.total, actual?.total) ||
      signedVariance(h, entered, budget.direct, actual?.direct));
  const mismatches = checks.flatMap(([column, entered, total, direct]) => {
    if (
      entered === null ||
      entered === total ||
      entered === direct ||
      signed(column, entered) ||
      withCarried(column, entered, [
        total,
        direct,
        ...(column === "budget" ? [shown] : []),
      ])
    )
      return [];
    // The template's SUM: over every line it is right arithmetic, and a line that differs has its
    // own finding (a percent where an amount goes); left short by an inserted row, compute's to
    // rewrite, not a typo.
    const own =
      column !== "variance" && isOwnTotalFormula(t.formulas?.[column] ?? "");
    if (own && sumsEveryLine(t.formulas![column]!, source)) return [];
    return [
      finding(
        own ? "SUM_FORMULA_STALE" : "SUM_MISMATCH",
        source.sheet,
        cellOf(source, t.row, column),
        {
          halfYear: h.halfYear.id,
          enteredOre: entered,
          computedOre: total,
        },
      ),
    ];
  });
  return [...mismatches, ...actualOnlyInTotal(h, t)];
}

/** Whether a SUM's range takes in every line of the sheet and no subtotal between them. */
function sumsEveryLine(formula: string, source: HalfYearSheet): boolean {
  const m = /\$?[A-Z]{1,3}\$?(\d+)\s*:\s*\$?[A-Z]{1,3}\$?(\d+)/i.exec(formula);
  if (!m) return false;
  const from = Math.min(Number(m[1]), Number(m[2]));
  const to = Math.max(Number(m[1]), Number(m[2]));
  for (const l of source.lines) if (l.row < from || l.row > to) return false;
  return !(source.subtotals ?? []).some((s) => s.row >= from && s.row <= to);
}

/**
 * An actual on the total row alone (the lines' cells left empty): the half-year reads as not
 * reported, and its figure would count for nothing without a word.
 */
function actualOnlyInTotal(h: ComputedHalfYear, t: TotalRow): Finding[] {
  if (h.actual || t.actual === null || t.actual === 0) return [];
  return [
    finding(
      "ACTUAL_ONLY_IN_TOTAL",
      h.source.sheet,
      cellOf(h.source, t.row, "actual"),
      { halfYear: h.halfYear.id, actualOre: t.actual },
    ),
  ];
}

/**
 * The last line of costs whose typed budget is the sum of the lines above it (since the subtotal
 * before), with their OH or without: a total under a label not known as one ("Sökt belopp",
 * "Beviljat") is read as a line, and the half-year's budget counts its lines twice.
 */
export function lineAsTotalCheck(
  h: ComputedHalfYear,
  ratePpm: number | null,
): Finding[] {
  const { lines, source } = h;
  let last = lines.length - 1;
  while (last >= 0 && lines[last]!.input.category === "overhead") last--;
  const line = lines[last];
  const typed = line?.input.budget ?? null;
  if (line === undefined || typed === null || typed <= 0) return [];
  const from = Math.max(
    0,
    ...(source.subtotals ?? []).flatMap((s) => (s.to <= last ? [s.to] : [])),
  );
  const above = lines
    .slice(from, last)
    .filter((l) => l.input.category !== "overhead");
  if (above.length < 2) return [];
  const direct = sum(above.map((l) => l.effectiveBudget));
  const withOverhead =
    ratePpm !== null && typed === add(direct, overheadOf(direct, ratePpm));
  return typed === direct || withOverhead
    ? [
        finding(
          "LINE_EQUALS_LINES_ABOVE",
          source.sheet,
          cellOf(source, line.input.row, "budget"),
          {
            label: line.input.label,
            amountOre: typed,
            count: above.length,
            with: withOverhead ? "oh" : "",
          },
        ),
      ]
    : [];
}
