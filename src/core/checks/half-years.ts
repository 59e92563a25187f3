// The half-year sheets against each other and against the agreement period (SPEC §4.9).

import type { IsoDate } from "../reading/dates";
import { monthsText } from "../case/decision";
import { type Finding, finding } from "../findings/findings";
import { type BudgetWorkbook, type HalfYearSheet, hasActuals } from "../model";
import {
  type HalfYear,
  type HalfYearId,
  halfYearsBetween,
} from "../reading/period";

export function halfYearChecks(
  workbook: BudgetWorkbook,
  ordered: readonly HalfYearSheet[],
): Finding[] {
  if (workbook.halfYears.length === 0)
    return [finding("NO_HALF_YEAR_SHEET", null, null)];
  const ids = new Set(ordered.map((s) => s.halfYear.id));
  const { start, end } = workbook.agreement;
  return [
    ...duplicates(workbook.halfYears),
    ...(start && end
      ? agreementChecks(workbook, ordered, { start, end })
      : gaps(ordered, ids)),
  ];
}

function duplicates(sheets: readonly HalfYearSheet[]): Finding[] {
  const first = new Map<HalfYearId, HalfYearSheet>();
  return sheets.flatMap((s) => {
    const other = first.get(s.halfYear.id);
    if (!other) {
      first.set(s.halfYear.id, s);
      return [];
    }
    return [
      finding("DUPLICATE_HALF_YEAR", s.sheet, s.periodCell, {
        halfYear: s.halfYear.id,
        other: other.sheet,
        sheet: s.sheet,
      }),
    ];
  });
}

/** Without an agreement period: the half-years the sheets skip. */
function gaps(
  ordered: readonly HalfYearSheet[],
  ids: ReadonlySet<HalfYearId>,
): Finding[] {
  if (ordered.length < 2) return [];
  const missing = halfYearsBetween(
    ordered[0]!.halfYear.start,
    ordered[ordered.length - 1]!.halfYear.end,
  )
    .filter((h) => !ids.has(h.id))
    .map((h) => h.id);
  return missing.length > 0
    ? [finding("HALF_YEAR_GAP", null, null, { missing: missing.join(", ") })]
    : [];
}

interface Period {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

function agreementChecks(
  workbook: BudgetWorkbook,
  ordered: readonly HalfYearSheet[],
  { start, end }: Period,
): Finding[] {
  const { sheet, cells } = workbook.agreement;
  if (end < start)
    return [
      finding("AGREEMENT_PERIOD_REVERSED", sheet, cells.end ?? null, {
        start,
        end,
      }),
    ];
  const expected = halfYearsBetween(start, end);
  const out: Finding[] = [];
  if (
    expected[0]!.start !== start ||
    expected[expected.length - 1]!.end !== end
  )
    out.push(
      finding("AGREEMENT_NOT_HALF_YEARS", sheet, cells.start ?? null, {
        start,
        end,
      }),
    );
  const expectedIds = new Set(expected.map((h) => h.id));
  for (const s of ordered)
    if (!expectedIds.has(s.halfYear.id))
      out.push(
        finding("HALF_YEAR_OUTSIDE_AGREEMENT", s.sheet, s.periodCell, {
          halfYear: s.halfYear.id,
          start,
          end,
        }),
      );
  const ids = new Set(ordered.map((s) => s.halfYear.id));
  const missing = expected.filter((h) => !ids.has(h.id));
  if (missing.length > 0)
    out.push(...coverage(workbook, ordered, missing, { start, end }));
  return out;
}

/** Half-years of the agreement without a sheet: a budget must cover them all, a report those so far. */
function coverage(
  workbook: BudgetWorkbook,
  ordered: readonly HalfYearSheet[],
  missingHalves: readonly HalfYear[],
  { start, end }: Period,
): Finding[] {
  const { sheet, cells } = workbook.agreement;
  const missing = missingHalves.map((h) => h.id);
  // Months after the last sheet that the decision would approve with no budget (the seed's
  // "juli 2025 – december 2026" for a 12-month budget).
  const lastEnd = ordered[ordered.length - 1]?.halfYear.end ?? "";
  const after = missingHalves.filter((h) => h.start > lastEnd);
  const months = {
    months: after.length ? monthsText(after[0]!.start, end, "sv") : "",
    monthsEn: after.length ? monthsText(after[0]!.start, end, "en") : "",
  };
  const hasActual = (s: HalfYearSheet) => hasActuals(s.lines);
  if (!ordered.some(hasActual))
    return [
      finding("PERIOD_NOT_COVERED", sheet, cells.start ?? null, {
        start,
        end,
        missing: missing.join(", "),
        ...months,
      }),
    ];
  const granted = ordered.some((s) => !hasActual(s));
  const before = missing.filter((id) => !after.some((h) => h.id === id));
  const reportedOnly = granted ? before : missing;
  const out: Finding[] = [];
  if (reportedOnly.length > 0)
    out.push(
      finding("PERIOD_NOT_REPORTED", null, null, {
        missing: reportedOnly.join(", "),
      }),
    );
  if (granted && after.length > 0)
    out.push(
      finding("AGREEMENT_MONTHS_UNCOVERED", sheet, cells.end ?? null, {
        start,
        end,
        lastEnd,
        ...months,
      }),
    );
  return out;
}
