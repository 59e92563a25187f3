// Two versions of one workbook (issue 9): what a person changed — Uppgifter keys, half-year
// sheets, every input of every line, every person of Lönekalkyl — and what it does to the totals,
// grants and repayment.

import type { Analysis } from "../analyze";
import type { ComputedHalfYear } from "../figures/figures";
import {
  type Lang,
  formatAmount,
  formatKronor,
  formatNumber,
} from "../findings/format";
import type { ColumnKey, DetailKey } from "../reading/glossary";
import { MAX_EXPLANATION_QUOTED, quoted } from "../findings/findings";
import { DETAIL_KEYS, detailKeyName } from "../reading/glossary";
import {
  type Agreement,
  type HalfYearSheet,
  type LineInput,
  type SalaryColumn,
  type SalarySheet,
  cellOf,
} from "../model";
import type { Person } from "../figures/payroll";
import { grantAndRepayment } from "../findings/summary";
import { a1 } from "../reading/grid";
import { personKey } from "../reading/salaries";
import { type Ore, kronor, subtract, toKronor } from "../figures/money";
import { agreementJson } from "./result";
import { compareCases } from "./case";
import { keyOfLine } from "../figures/tables";

export type DiffValue = string | number | null;

export interface Change {
  readonly sheet: string;
  /** The A1 address in the new version (the old one's for what was removed); null for a whole sheet. */
  readonly cell: string | null;
  /** The line's label, for a change on a line; for a person of Lönekalkyl, the Post (their line). */
  readonly line: string | null;
  /** The person's name, for a change in Lönekalkyl (absent otherwise). */
  readonly person?: string;
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
  /**
   * When the versions say they are of different cases (compareCases): what each says, its
   * Diarienummer or else its partnership's name; null when they are of one case or cannot be told.
   */
  readonly otherCases: { readonly old: string; readonly new: string } | null;
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
    surcharge: a.surchargePpm === null ? null : a.surchargePpm / 1_000_000,
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
  ["label", (l) => l.labelAsTyped ?? l.label],
  ["category", (l) => l.category],
  ["servicePercent", (l) => micro(l.servicePercentMicro)],
  ["months", (l) => micro(l.monthsMicro)],
  ["monthlyCost", (l) => kr(l.monthlyCost)],
  ["budget", (l) => kr(l.budget)],
  ["actual", (l) => kr(l.actual)],
  // The partner's explanation: a reviewer asks for one and reads the new version's.
  ["comment", (l) => l.comment?.text ?? null],
];

/** Items paired by key, then what is left by position; pairs in the new version's order. */
function pairBy<T extends { readonly row: number }>(
  old: readonly T[],
  next: readonly T[],
  key: (item: T) => string,
): { pairs: [T, T][]; removed: T[]; added: T[] } {
  const pairs: [T, T][] = [];
  // Each key's items in order and how many are taken: Array.shift moves the rest each time (200 000
  // shifts of one list take 2 s).
  const byKey = new Map<string, { items: T[]; taken: number }>();
  for (const item of old) {
    const list = byKey.get(key(item));
    if (list) list.items.push(item);
    else byKey.set(key(item), { items: [item], taken: 0 });
  }
  const matched = new Set<T>();
  const unmatchedNew: T[] = [];
  for (const l of next) {
    const list = byKey.get(key(l));
    const m = list?.items[list.taken];
    if (list && m) {
      list.taken++;
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
  // Lines by category + label, then what is left by position.
  const { pairs, removed, added } = pairBy(
    o.lines.map((l) => l.input),
    n.lines.map((l) => l.input),
    keyOfLine,
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
    for (const c of lineAddedOrRemoved(n.source, l, "added"))
      changes.push({ ...c, row: l.row });
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
    out.push(...lineAddedOrRemoved(o.source, l, "removed"));
}

/**
 * A line added or removed: the change of field `line`, then each figure it has, from or to
 * nothing (a reviewer saw "Post: – → Lokalhyra" and had to work its 30 000 kr out of the totals).
 */
function lineAddedOrRemoved(
  sheet: HalfYearSheet,
  l: LineInput,
  how: "added" | "removed",
): Change[] {
  const change = (field: string, cell: string | null, v: DiffValue) => ({
    sheet: sheet.sheet,
    cell,
    line: l.label,
    field,
    old: how === "added" ? null : v,
    new: how === "added" ? v : null,
  });
  const out = [change("line", cellOf(sheet, l.row, "label"), l.label)];
  for (const [field, value] of LINE_FIELDS) {
    const v = field === "label" || field === "category" ? null : value(l);
    if (v !== null) out.push(change(field, cellOf(sheet, l.row, field), v));
  }
  return out;
}

/** A person's inputs in Lönekalkyl, each as a change names it (its field) and shows it. */
const PERSON_FIELDS: readonly [
  string,
  SalaryColumn,
  (p: Person) => DiffValue,
][] = [
  // As typed: a space after the Post is what makes the line's SUMIF miss the person.
  ["personPost", "post", (p) => p.postAsTyped ?? p.post],
  ["personName", "name", (p) => p.name],
  ["birthYear", "birthYear", (p) => p.birthYear],
  ["monthlySalary", "salary", (p) => kr(p.monthlySalary)],
  ["grade", "grade", (p) => micro(p.gradeMicro)],
  ["from", "from", (p) => p.from],
  ["to", "to", (p) => p.to],
  [
    "personSurcharge",
    "surcharge",
    (p) => (p.surchargePpm === null ? null : p.surchargePpm / 1_000_000),
  ],
];

/**
 * Lönekalkyl's persons (their salaries make the salary lines' budgets): persons matched by Post +
 * name, then what is left by position (a renamed person is a `personName` change); a person added
 * or removed is a change of field `person`, then one per value they have.
 */
function diffSalaries(
  o: SalarySheet | null,
  n: SalarySheet | null,
  out: Change[],
): void {
  const { pairs, removed, added } = pairBy(
    o?.persons ?? [],
    n?.persons ?? [],
    (p) => personKey(p.post, p.name),
  );
  const at = (sheet: SalarySheet, p: Person, column: SalaryColumn) => {
    const col = sheet.columns[column] ?? sheet.columns.name;
    return col === undefined ? null : a1(p.row - 1, col);
  };
  const change = (
    sheet: SalarySheet,
    p: Person,
    column: SalaryColumn,
    field: string,
    old: DiffValue,
    next: DiffValue,
  ): Change => ({
    sheet: sheet.sheet,
    cell: at(sheet, p, column),
    line: p.post,
    person: p.name,
    field,
    old,
    new: next,
  });
  // Pairs and added persons exist only when the new version has Lönekalkyl.
  if (n) {
    for (const [a, b] of pairs)
      for (const [field, column, value] of PERSON_FIELDS) {
        const before = value(a);
        const after = value(b);
        if (before !== after)
          out.push(change(n, b, column, field, before, after));
      }
    for (const p of added) out.push(...personAddedOrRemoved(n, p, "added"));
  }
  if (o)
    for (const p of removed) out.push(...personAddedOrRemoved(o, p, "removed"));

  /** The person, then each value they have, from or to nothing (as a line added or removed). */
  function personAddedOrRemoved(
    sheet: SalarySheet,
    p: Person,
    how: "added" | "removed",
  ): Change[] {
    const of = (v: DiffValue): [DiffValue, DiffValue] =>
      how === "added" ? [null, v] : [v, null];
    const changes = [change(sheet, p, "name", "person", ...of(p.name))];
    for (const [field, column, value] of PERSON_FIELDS) {
      const v = column === "post" || column === "name" ? null : value(p);
      if (v !== null) changes.push(change(sheet, p, column, field, ...of(v)));
    }
    return changes;
  }
}

export function diffWorkbooks(
  oldA: Pick<Analysis, "computation" | "workbook">,
  newA: Pick<Analysis, "computation" | "workbook">,
): WorkbookDiff {
  const o = oldA.computation;
  const n = newA.computation;
  // A version from which no half-year was read has no grant or repayment: "–", not 0 kr.
  const [before, after] = [grantAndRepayment(oldA), grantAndRepayment(newA)];
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
  diffSalaries(
    oldA.workbook.salaries ?? null,
    newA.workbook.salaries ?? null,
    changes,
  );
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
      grantTotal: { old: kr(before.grantTotal), new: kr(after.grantTotal) },
      grantsByYear: years.map((year) => ({
        year,
        old: kr(o.grantYears.find((g) => g.year === year)?.amount ?? null),
        new: kr(n.grantYears.find((g) => g.year === year)?.amount ?? null),
      })),
      repayment: { old: kr(before.repayment), new: kr(after.repayment) },
    },
    otherCases: otherCasesOf(o.agreement, n.agreement),
  };
}

function otherCasesOf(o: Agreement, n: Agreement): WorkbookDiff["otherCases"] {
  const cases = compareCases(o, n);
  return cases.relation === "different"
    ? { old: cases.compared[0], new: cases.compared[1] }
    : null;
}

/** An effect that moved, with its name as every face shows it ("Totalt 2026-H1", "Bidrag 2026"). */
export interface MovedEffect extends Effect {
  readonly name: string;
}

const EFFECT_NAMES = {
  sv: {
    total: (id: string) => `Totalt ${id}`,
    grant: (year: number) => `Bidrag ${year}`,
    repayment: "Återbetalning",
    otherCases: (a: string, b: string) =>
      `Filerna hör till olika ärenden (${a} och ${b}). Skillnaderna visas ändå; kontrollera att det är rätt filer.`,
  },
  en: {
    total: (id: string) => `Total ${id}`,
    grant: (year: number) => `Grant ${year}`,
    repayment: "Repayment",
    otherCases: (a: string, b: string) =>
      `The files belong to different cases (${a} and ${b}). The differences are shown anyway; check that they are the right files.`,
  },
} as const;

/** The warning over a diff of two versions that say they are of different cases, or null. */
export function otherCasesText(d: WorkbookDiff, lang: Lang): string | null {
  return d.otherCases
    ? EFFECT_NAMES[lang].otherCases(d.otherCases.old, d.otherCases.new)
    : null;
}

/** The names of effects, for a face that finds its moves itself (the pane following the workbook). */
export function effectNames(lang: Lang): {
  readonly total: (id: string) => string;
  readonly repayment: string;
} {
  return EFFECT_NAMES[lang];
}

/**
 * The effects that moved, in the order the report and the page list them: each half-year's total,
 * each year's grant, the repayment (SPEC §4.16).
 */
export function movedEffects(e: DiffEffects, lang: Lang): MovedEffect[] {
  const t = EFFECT_NAMES[lang];
  const named = (name: string, { old, new: now }: Effect): MovedEffect => ({
    name,
    old,
    new: now,
  });
  return [
    ...e.halfYears.map((h) => named(t.total(h.id), h)),
    ...e.grantsByYear.map((g) => named(t.grant(g.year), g)),
    named(t.repayment, e.repayment),
  ].filter((m) => m.old !== m.new);
}

/** "Totalt 2026-H1: 1 109 649 → 1 183 899 kr (+74 250)", in the report and on the page alike. */
export function movedEffectText(e: MovedEffect, lang: Lang): string {
  const amount = (v: number | null) =>
    v === null ? "–" : formatAmount(kronor(v), lang);
  const delta =
    e.old !== null && e.new !== null
      ? ` (${e.new > e.old ? "+" : ""}${formatAmount(subtract(kronor(e.new), kronor(e.old)), lang)})`
      : "";
  return `${e.name}: ${amount(e.old)} → ${amount(e.new)}${lang === "sv" ? "\u00a0kr" : "\u00a0SEK"}${delta}`;
}

/** Where a change is, as a person reads it: the line, and the person of Lönekalkyl on it. */
export function changedLine(c: Pick<Change, "line" | "person">): string {
  if (c.person === undefined) return c.line ?? "";
  return c.line ? `${c.line} (${c.person})` : c.person;
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
    comment: "Förklaring",
    line: "Post",
    sheet: "Blad",
    person: "Person",
    personPost: "Post",
    personName: "Namn",
    birthYear: "Födelseår",
    monthlySalary: "Månadslön",
    grade: "Tjänstgöringsgrad",
    from: "Från",
    to: "Till",
    personSurcharge: "Pålägg",
  },
  en: {
    label: "Label",
    category: "Category",
    servicePercent: "Service %",
    months: "Months",
    monthlyCost: "Monthly cost",
    budget: "Budget",
    actual: "Actual",
    comment: "Explanation",
    line: "Line",
    sheet: "Sheet",
    person: "Person",
    personPost: "Line (Post)",
    personName: "Name",
    birthYear: "Birth year",
    monthlySalary: "Monthly salary",
    grade: "Employment rate",
    from: "From",
    to: "To",
    personSurcharge: "Surcharge",
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

const AMOUNT_FIELDS = new Set([
  "monthlyCost",
  "budget",
  "actual",
  "monthlySalary",
]);
const FRACTION_FIELDS = new Set([
  "overheadRate",
  "surcharge",
  "personSurcharge",
]);

/**
 * A change's two values as a person reads them. Texts that look alike ("Hälsofrämjare" and
 * "Hälsofrämjare " with a space after it, or with a character not seen) are quoted, so that the
 * space is seen, and a character not seen is said.
 */
export function diffValuesText(
  c: Pick<Change, "field" | "old" | "new">,
  lang: Lang,
): readonly [string, string] {
  const a = diffValueText(c.field, c.old, lang);
  const b = diffValueText(c.field, c.new, lang);
  if (typeof c.old !== "string" || typeof c.new !== "string") return [a, b];
  if (a.trim() !== b.trim()) return [a, b];
  const unseen = a === b ? UNSEEN_APART[lang] : "";
  return [`"${a}"`, `"${b}"${unseen}`];
}

const UNSEEN_APART: Record<Lang, string> = {
  sv: " (ett tecken som inte syns skiljer dem)",
  en: " (a character not seen sets them apart)",
};

/**
 * A changed value as a person reads it: "742 500 kr", "275 %", "10 %", "–" for nothing; a text
 * as a finding quotes an explanation (its beginning, without the characters not seen). The JSON
 * keeps it whole.
 */
export function diffValueText(field: string, v: DiffValue, lang: Lang): string {
  if (v === null) return "–";
  if (typeof v === "string") return quoted(v, MAX_EXPLANATION_QUOTED);
  if (AMOUNT_FIELDS.has(field) || field.startsWith("surplus"))
    return formatKronor(kronor(v), lang);
  if (field === "servicePercent" || field === "grade")
    return `${formatNumber(v, lang)} %`;
  if (FRACTION_FIELDS.has(field)) return `${formatNumber(v * 100, lang)} %`;
  // A year as it is written: "1980", never "1 980".
  if (field === "birthYear") return String(v);
  return formatNumber(v, lang);
}
