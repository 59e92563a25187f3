// The memo's two tables (issue 8): a reported year per line, and a budget's agreement period per
// line. Lines are matched across half-years by category and normalised label.

import type {
  ComputedHalfYear,
  LineAt,
  PeriodLine,
  PeriodTable,
  RepaymentItem,
  YearFigures,
  YearLine,
  YearTable,
} from "./figures";
import type { Category } from "../reading/glossary";
import { type Ore, ZERO, add, divRound, subtract, sum } from "./money";
import { normalizeKey } from "../reading/values";
import { parseIso } from "../reading/dates";
import {
  type AgreementSpan,
  type HalfYear,
  withinAgreement,
} from "../reading/period";

/**
 * The months of the half-year inside the agreement (millionths): 6 where it covers the half-year,
 * 4 in the half-year of an agreement from March. A month begun counts whole, as the template's
 * agreements are of whole months.
 */
function monthsInside(h: HalfYear, span: AgreementSpan): number {
  const { from, to } = withinAgreement(span, h.start, h.end);
  const a = parseIso(from);
  const b = parseIso(to);
  return Math.max(0, (b.y - a.y) * 12 + b.m - a.m + 1) * 1_000_000;
}

/**
 * What makes two lines of different half-years, versions or budgets the same line: the category
 * and the normalised label (the tables, the granted review and diff all match so).
 */
export function lineKey(category: Category, normalisedLabel: string): string {
  return `${category}\u0000${normalisedLabel}`;
}

/** lineKey of a line as read. */
export const keyOfLine = (l: { category: Category; label: string }) =>
  lineKey(l.category, normalizeKey(l.label));

/** Items by their line's key, in order: a match takes the first of its key not yet taken. */
export function byLineKey<T>(
  items: Iterable<T>,
  lineOf: (item: T) => { category: Category; label: string },
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOfLine(lineOf(item));
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** A line in one half-year: where it is (a LineAt, as the tables keep it) and its figures. */
type Part<T> = LineAt & T & { readonly h: ComputedHalfYear };

interface Matched<T> {
  readonly category: Category;
  readonly label: string;
  readonly parts: Part<T>[];
}

/**
 * Groups the parts of several half-years by category + normalised label, in first-seen order.
 * Where every half-year lists the same lines in the same order (the usual case) they pair by
 * position, without normalising a label.
 */
function match<T>(
  halfYears: readonly ComputedHalfYear[],
  each: (
    h: ComputedHalfYear,
    add: (part: Part<T>, category: Category, label: string) => void,
  ) => void,
): Matched<T>[] {
  const lists = halfYears.map((h) => {
    const parts: Part<T>[] = [];
    const categories: Category[] = [];
    const labels: string[] = [];
    each(h, (part, category, label) => {
      parts.push(part);
      categories.push(category);
      labels.push(label);
    });
    return { parts, categories, labels };
  });
  const first = lists[0];
  const same =
    first !== undefined &&
    lists.every(
      (l) =>
        l.parts.length === first.parts.length &&
        l.labels.every((x, i) => x === first.labels[i]) &&
        l.categories.every((x, i) => x === first.categories[i]),
    );
  if (same)
    return first.parts.map((_, i) => ({
      category: first.categories[i]!,
      label: first.labels[i]!,
      parts: lists.map((l) => l.parts[i]!),
    }));
  const byKey = new Map<string, Matched<T>>();
  // Labels repeat from half-year to half-year: each is normalised once.
  const normal = new Map<string, string>();
  for (const { parts, categories, labels } of lists)
    parts.forEach((part, i) => {
      const label = labels[i]!;
      let n = normal.get(label);
      if (n === undefined) normal.set(label, (n = normalizeKey(label)));
      const key = lineKey(categories[i]!, n);
      // A line's first part makes its list, sized to it: a list pushed from empty holds room for
      // 17 (152 bytes a line, 75 MB at 490 000 lines), and most lines have one or two parts.
      const m = byKey.get(key);
      if (m) m.parts.push(part);
      else byKey.set(key, { category: categories[i]!, label, parts: [part] });
    });
  return [...byKey.values()];
}

const atOf = (h: ComputedHalfYear, row: number | null): LineAt => ({
  halfYear: h.halfYear.id,
  sheet: h.source.sheet,
  row,
});

interface YearFiguresOfLine {
  readonly budget: Ore;
  readonly actual: Ore | null;
  /** The partner's comment on the line in this half-year ("Förklaring"), if any. */
  readonly comment: string | null;
}

/** Each half-year's lines for the year table; the OH of a half-year without an OH line as one. */
function yearParts(
  h: ComputedHalfYear,
  add: (
    part: Part<YearFiguresOfLine>,
    category: Category,
    label: string,
  ) => void,
): void {
  const halfYear = h.halfYear.id;
  const sheet = h.source.sheet;
  let overheadLine = false;
  for (const l of h.lines) {
    if (l.input.category === "overhead") overheadLine = true;
    add(
      {
        halfYear,
        sheet,
        row: l.input.row,
        h,
        budget: l.effectiveBudget,
        actual: l.input.actual,
        comment: l.input.comment?.text ?? null,
      },
      l.input.category,
      l.input.label,
    );
  }
  if (h.budget.overhead !== 0 && !overheadLine)
    add(
      {
        halfYear,
        sheet,
        row: null,
        h,
        budget: h.budget.overhead,
        actual: null,
        comment: null,
      },
      "overhead",
      "OH-kostnader",
    );
}

const NO_COMMENTS: YearLine["comments"] = Object.freeze([]);

/** A year line's comments; one shared empty list for the many lines without (no list each). */
function commentsOf(
  parts: readonly Part<YearFiguresOfLine>[],
): YearLine["comments"] {
  let out: { halfYear: LineAt["halfYear"]; text: string }[] | null = null;
  for (const p of parts)
    if (p.comment !== null)
      (out ??= []).push({ halfYear: p.halfYear, text: p.comment });
  return out ?? NO_COMMENTS;
}

/** The year tables: one per reported calendar year. */
export function yearTables(
  halfYears: readonly ComputedHalfYear[],
  years: readonly YearFigures[],
  repayment: readonly RepaymentItem[],
): YearTable[] {
  return years.map((y) => {
    const halves = halfYears.filter((h) => y.halfYears.includes(h.halfYear.id));
    const matched = match<YearFiguresOfLine>(halves, yearParts);
    let budget = ZERO;
    let actual = ZERO;
    const lines: YearLine[] = matched.map((m) => {
      const b = sum(m.parts.map((p) => p.budget));
      const actuals = m.parts.flatMap((p) =>
        p.actual === null ? [] : [p.actual],
      );
      const a = actuals.length > 0 ? sum(actuals) : null;
      budget = add(budget, b);
      if (a !== null) actual = add(actual, a);
      return {
        category: m.category,
        label: m.label,
        budget: b,
        actual: a,
        variance: a === null ? null : subtract(b, a),
        overspent: a !== null && a > b,
        at: m.parts, // each part is where the line is
        comments: commentsOf(m.parts),
      };
    });
    const earlier = repayment.filter((i) => i.year < y.year);
    return {
      year: y.year,
      periods: y.halfYears,
      partial: y.partial,
      lines,
      budget: budget,
      actual: actual,
      variance: subtract(budget, actual),
      eligibleActual: y.actual,
      surplus: y.surplus,
      earlier,
      toRepay: add(
        sum(earlier.map((i) => i.amount)),
        y.surplus > 0 ? y.surplus : ZERO,
      ),
    };
  });
}

interface PeriodFiguresOfLine {
  readonly percentMicro: number | null;
  readonly monthsMicro: number | null;
  /** The half-year's months inside the agreement: a line's months where it types none. */
  readonly halfMonthsMicro: number;
  readonly amount: Ore;
}

/**
 * The budget table of the half-years that are granted (have no actuals); null when there are none.
 * An agreement that starts or ends inside a half-year bounds the table's period and months.
 */
export function periodTable(
  halfYears: readonly ComputedHalfYear[],
  span: AgreementSpan = { start: null, end: null },
): PeriodTable | null {
  const granted = halfYears.filter((h) => h.actual === null);
  if (granted.length === 0) return null;
  const matched = match<PeriodFiguresOfLine>(granted, (h, add) => {
    const halfYear = h.halfYear.id;
    const sheet = h.source.sheet;
    const halfMonthsMicro = monthsInside(h.halfYear, span);
    for (const l of h.lines)
      if (l.input.category !== "overhead")
        add(
          {
            halfYear,
            sheet,
            row: l.input.row,
            h,
            percentMicro: l.servicePercentMicro,
            monthsMicro: l.input.monthsMicro,
            halfMonthsMicro,
            amount: l.effectiveBudget,
          },
          l.input.category,
          l.input.label,
        );
  });
  const lines = matched.map((m): PeriodLine => {
    const items = m.parts;
    const months = (i: PeriodFiguresOfLine) =>
      i.monthsMicro ?? i.halfMonthsMicro;
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
    }
    return {
      category: m.category,
      label: m.label,
      servicePercentMicro: percent,
      weighted,
      monthsMicro: items.reduce((s, i) => s + months(i), 0),
      amount: sum(items.map((i) => i.amount)),
      at: m.parts,
    };
  });
  const overhead = sum(granted.map((h) => h.budget.overhead));
  const within = withinAgreement(
    span,
    granted[0]!.halfYear.start,
    granted[granted.length - 1]!.halfYear.end,
  );
  return {
    start: within.from,
    end: within.to,
    periods: granted.map((h) => h.halfYear.id),
    lines,
    overhead,
    overheadMonthsMicro: granted.reduce(
      (s, h) => s + monthsInside(h.halfYear, span),
      0,
    ),
    overheadAt: granted.map((h) => {
      const oh = h.lines.filter((l) => l.input.category === "overhead");
      return atOf(h, oh.length === 1 ? oh[0]!.input.row : null);
    }),
    total: sum(granted.map((h) => h.budget.total)),
  };
}

/** Every half-year lists the same lines in the same order (the tables then raise no finding). */
export function sameLines(halves: readonly ComputedHalfYear[]): boolean {
  const first = halves[0];
  if (!first) return true;
  return halves.every(
    (h) =>
      h.lines.length === first.lines.length &&
      h.lines.every((l, i) => {
        const f = first.lines[i]!.input;
        return l.input.label === f.label && l.input.category === f.category;
      }),
  );
}
