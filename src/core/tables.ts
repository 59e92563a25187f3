// The memo's two tables (issue 8): a reported year per line, and a budget's agreement period per
// line. Lines are matched across half-years by category and normalised label.

import type { ComputedHalfYear, RepaymentItem, YearFigures } from "./compute";
import type { IsoDate } from "./dates";
import { type Finding, finding } from "./findings";
import type { Category } from "./glossary";
import { cellOf } from "./model";
import { type Ore, divRound, sum } from "./money";
import type { HalfYearId } from "./period";
import { normalizeKey } from "./values";

/** Where a matched line is in one half-year. */
export interface LineAt {
  readonly halfYear: HalfYearId;
  readonly sheet: string;
  /** The sheet's 1-based row; null for the overhead of a half-year without an OH line. */
  readonly row: number | null;
}

export interface YearLine {
  readonly category: Category;
  readonly label: string;
  readonly budget: Ore;
  readonly actual: Ore | null;
  readonly variance: Ore | null;
  readonly overspent: boolean;
  readonly at: readonly LineAt[];
}

export interface YearTable {
  readonly year: number;
  readonly periods: readonly HalfYearId[];
  readonly partial: boolean;
  readonly lines: readonly YearLine[];
  /** The lines' sums (the memo's "Summa"). */
  readonly budget: Ore;
  readonly actual: Ore;
  readonly variance: Ore;
  /** The year's eligible actual and surplus (SPEC §4.7–4.8); differ from the sums only when OH was capped. */
  readonly eligibleActual: Ore;
  readonly surplus: Ore;
  /** Surpluses of earlier years still to repay ("Överskott från 2023"). */
  readonly earlier: readonly RepaymentItem[];
  /** earlier + this year's surplus when positive ("Totalt att återbetala"). */
  readonly toRepay: Ore;
}

export interface PeriodLine {
  readonly category: Category;
  readonly label: string;
  /** Equal across the half-years, or the person-month weighted mean (then `weighted`). */
  readonly servicePercentMicro: number | null;
  readonly weighted: boolean;
  /** Summed over the half-years; a line without months counts its half-years' six. */
  readonly monthsMicro: number;
  readonly amount: Ore;
  readonly at: readonly LineAt[];
}

export interface PeriodTable {
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly periods: readonly HalfYearId[];
  readonly lines: readonly PeriodLine[];
  readonly overhead: Ore;
  readonly overheadMonthsMicro: number;
  /** Where each half-year's OH is (its single OH line, or none). */
  readonly overheadAt: readonly LineAt[];
  readonly total: Ore;
}

const SIX_MONTHS = 6_000_000;

interface Matched<T> {
  readonly category: Category;
  readonly label: string;
  readonly parts: { readonly halfYear: ComputedHalfYear; readonly item: T }[];
}

/** Groups items of several half-years by category + normalised label, in first-seen order. */
function match<T>(
  halfYears: readonly ComputedHalfYear[],
  itemsOf: (
    h: ComputedHalfYear,
  ) => readonly { item: T; category: Category; label: string }[],
): Matched<T>[] {
  const byKey = new Map<string, Matched<T>>();
  for (const h of halfYears)
    for (const { item, category, label } of itemsOf(h)) {
      const key = `${category}\u0000${normalizeKey(label)}`;
      let m = byKey.get(key);
      if (!m) byKey.set(key, (m = { category, label, parts: [] }));
      m.parts.push({ halfYear: h, item });
    }
  return [...byKey.values()];
}

/** An info for each line that some of the half-years lack: it counts where it is. */
function partialLines<T extends { row: number | null }>(
  matched: readonly Matched<T>[],
  halfYears: readonly ComputedHalfYear[],
  findings: Finding[],
): void {
  if (halfYears.length < 2) return;
  for (const m of matched) {
    const present = new Set(m.parts.map((p) => p.halfYear.halfYear.id));
    if (present.size === halfYears.length) continue;
    const first = m.parts[0]!;
    findings.push(
      finding(
        "LINE_NOT_IN_EVERY_HALF_YEAR",
        first.halfYear.source.sheet,
        first.item.row === null
          ? null
          : cellOf(first.halfYear.source, first.item.row, "label"),
        {
          label: m.label,
          present: [...present].join(", "),
          missing: halfYears
            .map((h) => h.halfYear.id)
            .filter((id) => !present.has(id))
            .join(", "),
        },
      ),
    );
  }
}

const atOf = (h: ComputedHalfYear, row: number | null): LineAt => ({
  halfYear: h.halfYear.id,
  sheet: h.source.sheet,
  row,
});

interface YearItem {
  readonly row: number | null;
  readonly budget: Ore;
  readonly actual: Ore | null;
}

/** Each half-year's lines for the year table; the OH of a half-year without an OH line as one. */
function yearItems(h: ComputedHalfYear) {
  const items = h.lines.map((l) => ({
    item: {
      row: l.input.row,
      budget: l.effectiveBudget,
      actual: l.input.actual,
    } as YearItem,
    category: l.input.category,
    label: l.input.label,
  }));
  if (
    h.budget.overhead !== 0 &&
    !h.lines.some((l) => l.input.category === "overhead")
  )
    items.push({
      item: { row: null, budget: h.budget.overhead, actual: null },
      category: "overhead",
      label: "OH-kostnader",
    });
  return items;
}

/** The year tables: one per reported calendar year. */
export function yearTables(
  halfYears: readonly ComputedHalfYear[],
  years: readonly YearFigures[],
  repayment: readonly RepaymentItem[],
  findings: Finding[],
): YearTable[] {
  return years.map((y) => {
    const halves = halfYears.filter((h) => y.halfYears.includes(h.halfYear.id));
    const matched = match(halves, yearItems);
    partialLines(matched, halves, findings);
    const lines: YearLine[] = matched.map((m) => {
      const budget = sum(m.parts.map((p) => p.item.budget));
      const actuals = m.parts.map((p) => p.item.actual);
      const actual = actuals.every((a) => a === null)
        ? null
        : sum(actuals.map((a) => a ?? (0 as Ore)));
      return {
        category: m.category,
        label: m.label,
        budget,
        actual,
        variance: actual === null ? null : ((budget - actual) as Ore),
        overspent: actual !== null && actual > budget,
        at: m.parts.map((p) => atOf(p.halfYear, p.item.row)),
      };
    });
    const budget = sum(lines.map((l) => l.budget));
    const actual = sum(lines.map((l) => l.actual ?? (0 as Ore)));
    const earlier = repayment.filter((i) => i.year < y.year);
    return {
      year: y.year,
      periods: y.halfYears,
      partial: y.partial,
      lines,
      budget,
      actual,
      variance: (budget - actual) as Ore,
      eligibleActual: y.actual,
      surplus: y.surplus,
      earlier,
      toRepay: (sum(earlier.map((i) => i.amount)) +
        Math.max(0, y.surplus)) as Ore,
    };
  });
}

interface PeriodItem {
  readonly row: number;
  readonly percentMicro: number | null;
  readonly monthsMicro: number | null;
  readonly amount: Ore;
}

/** The budget table of the half-years that are granted (have no actuals); null when there are none. */
export function periodTable(
  halfYears: readonly ComputedHalfYear[],
  findings: Finding[],
): PeriodTable | null {
  const granted = halfYears.filter((h) => h.actual === null);
  if (granted.length === 0) return null;
  const matched = match(granted, (h) =>
    h.lines
      .filter((l) => l.input.category !== "overhead")
      .map((l) => ({
        item: {
          row: l.input.row,
          percentMicro: l.input.servicePercentMicro,
          monthsMicro: l.input.monthsMicro,
          amount: l.effectiveBudget,
        } as PeriodItem,
        category: l.input.category,
        label: l.input.label,
      })),
  );
  partialLines(matched, granted, findings);
  const lines = matched.map((m): PeriodLine => {
    const items = m.parts.map((p) => p.item);
    const months = (i: PeriodItem) => i.monthsMicro ?? SIX_MONTHS;
    const withPercent = items.filter((i) => i.percentMicro !== null);
    const percents = new Set(withPercent.map((i) => i.percentMicro));
    let percent: number | null = null;
    const weighted = percents.size > 1;
    if (percents.size === 1) percent = withPercent[0]!.percentMicro;
    else if (weighted) {
      // Person-months: Σ(% × months) / Σ months, to the millionth of a percent point.
      const personMonths = withPercent.reduce(
        (s, i) => s + BigInt(i.percentMicro!) * BigInt(months(i)),
        0n,
      );
      const allMonths = withPercent.reduce((s, i) => s + BigInt(months(i)), 0n);
      percent = Number(divRound(personMonths, allMonths));
      const first = m.parts[0]!;
      findings.push(
        finding(
          "SERVICE_PERCENT_WEIGHTED",
          first.halfYear.source.sheet,
          cellOf(first.halfYear.source, first.item.row, "servicePercent"),
          {
            label: m.label,
            percents: withPercent
              .map((i) => String(i.percentMicro! / 1_000_000).replace(".", ","))
              .join(", "),
            weighted: String(Math.round(percent / 10_000) / 100).replace(
              ".",
              ",",
            ),
          },
        ),
      );
    }
    return {
      category: m.category,
      label: m.label,
      servicePercentMicro: percent,
      weighted,
      monthsMicro: items.reduce((s, i) => s + months(i), 0),
      amount: sum(items.map((i) => i.amount)),
      at: m.parts.map((p) => atOf(p.halfYear, p.item.row)),
    };
  });
  const overhead = sum(granted.map((h) => h.budget.overhead));
  return {
    start: granted[0]!.halfYear.start,
    end: granted[granted.length - 1]!.halfYear.end,
    periods: granted.map((h) => h.halfYear.id),
    lines,
    overhead,
    overheadMonthsMicro: granted.length * SIX_MONTHS,
    overheadAt: granted.map((h) => {
      const oh = h.lines.filter((l) => l.input.category === "overhead");
      return atOf(h, oh.length === 1 ? oh[0]!.input.row : null);
    }),
    total: sum(granted.map((h) => h.budget.total)),
  };
}
