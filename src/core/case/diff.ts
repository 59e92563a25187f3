// Two versions of one workbook (issue 9): what a person changed — Uppgifter keys, half-year
// sheets, every input of every line — and what it does to the totals, grants and repayment.

import type { Analysis } from "../analyze";
import type { ComputedHalfYear } from "../figures/figures";
import { type Lang, formatKronor, formatNumber } from "../findings/format";
import type { ColumnKey, DetailKey } from "../reading/glossary";
import { DETAIL_KEYS, detailKeyName } from "../reading/glossary";
import { type Agreement, type LineInput, cellOf } from "../model";
import { type Ore, kronor, toKronor } from "../figures/money";
import { agreementJson } from "./result";
import { byLineKey, keyOfLine } from "../figures/tables";

export type DiffValue = string | number | null;

export interface Change {
  readonly sheet: string;
  /** The A1 address in the new version (the old one's for what was removed); null for a whole sheet. */
  readonly cell: string | null;
  /** The line's label, for a change on a line. */
  readonly line: string | null;
  /** A line's field (servicePercent, months, monthlyCost, budget, actual, label, category), "line" for a line
   * added or removed, "sheet" for a half-year sheet, or an Uppgifter key (overheadRate, end, …). */
  readonly field: string;
  readonly old: DiffValue;
  readonly new: DiffValue;
}

export interface Effect {
  readonly old: number | null;
  readonly new: number | null;
}

export interface DiffEffects {
  /** Each half-year's total (the grant), in kronor. */
  readonly halfYears: readonly ({ readonly id: string } & Effect)[];
  readonly grantTotal: Effect;
  readonly grantsByYear: readonly ({ readonly year: number } & Effect)[];
  readonly repayment: Effect;
}

export interface WorkbookDiff {
  readonly changes: readonly Change[];
  readonly effects: DiffEffects;
}

const kr = (ore: Ore | null): number | null =>
  ore === null ? null : toKronor(ore);
const micro = (v: number | null): number | null =>
  v === null ? null : v / 1_000_000;

function agreementValues(a: Agreement): Record<string, DiffValue> {
  const tolerance =
    a.tolerance === null
      ? null
      : a.tolerance.kind === "amount"
        ? formatKronor(a.tolerance.amount, "sv")
        : `${a.tolerance.ppm / 10_000} %`;
  const values: Record<string, DiffValue> = {
    ...agreementJson(a),
    tolerance,
    agreementType: a.agreementType,
    signatories: a.signatories.length ? a.signatories.join(", ") : null,
    grantSource: a.grantSource,
  };
  for (const s of a.earlierSurpluses)
    values[`surplus${s.year}`] = toKronor(s.amount);
  return values;
}

function diffAgreements(o: Agreement, n: Agreement, out: Change[]): void {
  const ov = agreementValues(o);
  const nv = agreementValues(n);
  for (const key of new Set([...Object.keys(ov), ...Object.keys(nv)])) {
    const a = ov[key] ?? null;
    const b = nv[key] ?? null;
    if (a === b) continue;
    const year = /^surplus(\d{4})$/.exec(key)?.[1];
    const cellIn = (x: Agreement) =>
      year
        ? (x.earlierSurpluses.find((s) => String(s.year) === year)?.cell
            .address ?? null)
        : (x.cells[key as DetailKey] ?? null);
    out.push({
      sheet: (b !== null ? n.sheet : o.sheet) ?? n.sheet ?? "Uppgifter",
      cell: (b !== null ? cellIn(n) : null) ?? cellIn(o),
      line: null,
      field: key,
      old: a,
      new: b,
    });
  }
}

const LINE_FIELDS: readonly [ColumnKey, (l: LineInput) => DiffValue][] = [
  ["label", (l) => l.label],
  ["category", (l) => l.category],
  ["servicePercent", (l) => micro(l.servicePercentMicro)],
  ["months", (l) => micro(l.monthsMicro)],
  ["monthlyCost", (l) => kr(l.monthlyCost)],
  ["budget", (l) => kr(l.budget)],
  ["actual", (l) => kr(l.actual)],
];

/** Lines paired by category + label, then what is left by position. */
function pairLines(
  old: readonly LineInput[],
  next: readonly LineInput[],
): {
  pairs: [LineInput, LineInput][];
  removed: LineInput[];
  added: LineInput[];
} {
  const pairs: [LineInput, LineInput][] = [];
  const byKey = byLineKey(old, (l) => l);
  const matched = new Set<LineInput>();
  const unmatchedNew: LineInput[] = [];
  for (const l of next) {
    const m = byKey.get(keyOfLine(l))?.shift();
    if (m) {
      pairs.push([m, l]);
      matched.add(m);
    } else unmatchedNew.push(l);
  }
  const unmatchedOld = old.filter((l) => !matched.has(l));
  const n = Math.min(unmatchedOld.length, unmatchedNew.length);
  for (let i = 0; i < n; i++) pairs.push([unmatchedOld[i]!, unmatchedNew[i]!]);
  return {
    pairs: pairs.sort((a, b) => a[1].row - b[1].row),
    removed: unmatchedOld.slice(n),
    added: unmatchedNew.slice(n),
  };
}

function diffHalfYear(
  o: ComputedHalfYear,
  n: ComputedHalfYear,
  out: Change[],
): void {
  const { pairs, removed, added } = pairLines(
    o.lines.map((l) => l.input),
    n.lines.map((l) => l.input),
  );
  const changes: (Change & { row: number })[] = [];
  for (const [a, b] of pairs)
    for (const [field, value] of LINE_FIELDS) {
      const before = value(a);
      const after = value(b);
      if (before === after) continue;
      changes.push({
        sheet: n.source.sheet,
        cell: cellOf(
          n.source,
          b.row,
          field === "category" ? "category" : field,
        ),
        line: b.label,
        field,
        old: before,
        new: after,
        row: b.row,
      });
    }
  for (const l of added)
    changes.push({
      sheet: n.source.sheet,
      cell: cellOf(n.source, l.row, "label"),
      line: l.label,
      field: "line",
      old: null,
      new: l.label,
      row: l.row,
    });
  changes.sort((a, b) => a.row - b.row);
  for (const c of changes)
    out.push({
      sheet: c.sheet,
      cell: c.cell,
      line: c.line,
      field: c.field,
      old: c.old,
      new: c.new,
    });
  for (const l of removed)
    out.push({
      sheet: o.source.sheet,
      cell: cellOf(o.source, l.row, "label"),
      line: l.label,
      field: "line",
      old: l.label,
      new: null,
    });
}

export function diffWorkbooks(
  oldA: Pick<Analysis, "computation">,
  newA: Pick<Analysis, "computation">,
): WorkbookDiff {
  const o = oldA.computation;
  const n = newA.computation;
  const changes: Change[] = [];
  diffAgreements(o.agreement, n.agreement, changes);
  const oldById = new Map(o.halfYears.map((h) => [h.halfYear.id, h] as const));
  const newById = new Map(n.halfYears.map((h) => [h.halfYear.id, h] as const));
  for (const h of o.halfYears)
    if (!newById.has(h.halfYear.id))
      changes.push({
        sheet: h.source.sheet,
        cell: null,
        line: null,
        field: "sheet",
        old: h.source.sheet,
        new: null,
      });
  for (const h of n.halfYears) {
    const before = oldById.get(h.halfYear.id);
    if (!before)
      changes.push({
        sheet: h.source.sheet,
        cell: null,
        line: null,
        field: "sheet",
        old: null,
        new: h.source.sheet,
      });
    else diffHalfYear(before, h, changes);
  }
  const ids = [...new Set([...oldById.keys(), ...newById.keys()])].sort();
  const years = [
    ...new Set([...o.grantYears, ...n.grantYears].map((g) => g.year)),
  ].sort();
  return {
    changes,
    effects: {
      halfYears: ids.map((id) => ({
        id,
        old: kr(oldById.get(id)?.budget.total ?? null),
        new: kr(newById.get(id)?.budget.total ?? null),
      })),
      grantTotal: { old: kr(o.grantTotal), new: kr(n.grantTotal) },
      grantsByYear: years.map((year) => ({
        year,
        old: kr(o.grantYears.find((g) => g.year === year)?.amount ?? null),
        new: kr(n.grantYears.find((g) => g.year === year)?.amount ?? null),
      })),
      repayment: { old: kr(o.repayment.total), new: kr(n.repayment.total) },
    },
  };
}

/** Swedish and English names of what changed, for the report and the page. */
const FIELD_NAMES: Record<Lang, Record<string, string>> = {
  sv: {
    label: "Post",
    category: "Kostnadsslag",
    servicePercent: "Tjänstgöringsgrad",
    months: "Antal månader",
    monthlyCost: "Månadskostnad",
    budget: "Budget",
    actual: "Utfall",
    line: "Post",
    sheet: "Blad",
  },
  en: {
    label: "Label",
    category: "Category",
    servicePercent: "Service %",
    months: "Months",
    monthlyCost: "Monthly cost",
    budget: "Budget",
    actual: "Actual",
    line: "Line",
    sheet: "Sheet",
  },
};

export function fieldName(field: string, lang: Lang): string {
  const surplus = /^surplus(\d{4})$/.exec(field);
  if (surplus)
    return lang === "sv" ? `Överskott ${surplus[1]}` : `Surplus ${surplus[1]}`;
  return (
    FIELD_NAMES[lang][field] ??
    (field in DETAIL_KEYS ? detailKeyName(field as DetailKey, lang) : field)
  );
}

const AMOUNT_FIELDS = new Set(["monthlyCost", "budget", "actual"]);

/** A changed value as a person reads it: "742 500 kr", "275 %", "10 %", "–" for nothing. */
export function diffValueText(field: string, v: DiffValue, lang: Lang): string {
  if (v === null) return "–";
  if (typeof v === "string") return v;
  if (AMOUNT_FIELDS.has(field) || field.startsWith("surplus"))
    return formatKronor(kronor(v), lang);
  if (field === "servicePercent") return `${formatNumber(v, lang)} %`;
  if (field === "overheadRate") return `${formatNumber(v * 100, lang)} %`;
  return formatNumber(v, lang);
}
