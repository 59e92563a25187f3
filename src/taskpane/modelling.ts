// What the modelling section shows (what-if and scenarios), prepared from the engine's results:
// figures are computed by the core and only formatted here.

import {
  type Analysis,
  type Comparison,
  type ContributionRule,
  type Person,
  type PersonCost,
  formatNumber,
  monthCost,
  ruleRate,
  type WorkbookGrids,
  analyseWorkbook,
  parseInput,
  type ChangeField,
  type InputChange,
  type InputWrite,
  type ComputedLine,
  type SalarySheet,
  PERSON_FIELDS,
  editablePersonFields,
  isDateField,
  keysOfPersons,
  personColumn,
  personKeys,
  personValue,
  personsByPost,
  personsOfLine,
  serialToIso,
  INPUT_FIELDS,
  type Lang,
  diffValueText,
  displayValue,
  editableFields,
  fieldName,
  formatAmount,
  formatKronor,
  formatKronorOrDash,
  inputValue,
  byLineKey,
  keyOfLine,
  type Ore,
  subtract,
} from "../core";
import type { PaneText } from "../i18n/text";
import { type WriteSummary, undoNotes } from "./viewmodel";
import type { WriteUndoNote } from "../excel/host";

/**
 * The granted budgets the open report is held to (none, one, or an agreement and its extension),
 * in the order its half-years are held to them.
 */
export type Granted = readonly {
  readonly name: string;
  readonly analysis: Analysis;
}[];

/**
 * The workbook as read, and as shown with the what-if changes laid over it (SPEC §4.17): only the
 * changes that still apply to these cells are kept.
 */
export function withWhatIf(
  grids: WorkbookGrids,
  base: Analysis,
  changes: readonly InputChange[],
  granted: readonly Analysis[],
): { shown: Analysis; changes: readonly InputChange[] } {
  if (changes.length === 0) return { shown: base, changes };
  // base.workbook is the cells' own model also when the figures are held to a grant.
  const laid = analyseWorkbook(grids, {
    granted,
    changes,
    model: base.workbook,
  });
  return laid.changes.length === 0
    ? { shown: base, changes: laid.changes }
    : { shown: laid.analysis, changes: laid.changes };
}

/** The changes with one more: a person's text for a line's input; null when it is not a value. */
export function addChange(
  changes: readonly InputChange[],
  sheet: string,
  line: string,
  field: ChangeField,
  text: string,
): readonly InputChange[] | null {
  const value = parseInput(field, text);
  if (value === null) return null;
  return [
    ...changes.filter(
      (c) => !(c.sheet === sheet && c.line === line && c.field === field),
    ),
    { sheet, line, field, value },
  ];
}

/** What is said of a text that is no value of the field: a number, or a date. */
export function invalidInput(
  field: ChangeField,
  lang: Lang,
  t: PaneText,
): string {
  const name = fieldName(field, lang);
  return isDateField(field) ? t.model.invalidDate(name) : t.model.invalid(name);
}

/**
 * What-if on a file of the page. A report held to the granted budget of its case is modelled held
 * to it, as its row and card show it: one repayment, whichever view a reviewer reads.
 */
export function whatIfInFile(
  result: {
    readonly grids: WorkbookGrids;
    readonly analysis: Analysis;
    readonly grantedAnalysis?: readonly Analysis[];
  },
  changes: readonly InputChange[],
): { shown: Analysis; base: Analysis; changes: readonly InputChange[] } {
  const base = result.analysis;
  return {
    ...withWhatIf(result.grids, base, changes, result.grantedAnalysis ?? []),
    base,
  };
}

/** At most this many lines of a half-year are listed (search finds the rest). */
export const MODEL_MAX_LINES = 50;

export interface ModelField {
  readonly field: ChangeField;
  readonly name: string;
  /** The value as shown ("300 %", "52 000 kr"), "" when empty. */
  readonly text: string;
  readonly editable: boolean;
  /** The workbook's value when the shown one differs from it. */
  readonly was: string | null;
  /** What an empty field means ("hela perioden" for a date left open). */
  readonly placeholder?: string;
}

export interface ModelLine {
  readonly key: string;
  readonly label: string;
  readonly fields: readonly ModelField[];
  /** The budget the figures use (derived for salary lines), and the workbook's when it differs. */
  readonly budget: string;
  readonly budgetWas: string | null;
  /** A line costed in Lönekalkyl: its persons, whose inputs are changed in its place. */
  readonly persons: readonly ModelPerson[];
}

/** A person of Lönekalkyl under their line: changed as a line is, on the salary sheet. */
export interface ModelPerson {
  readonly sheet: string;
  readonly key: string;
  readonly label: string;
  readonly fields: readonly ModelField[];
  /** The person's cost in the half-year ("–" when it cannot be costed), and the workbook's when it differs. */
  readonly cost: string;
  readonly costWas: string | null;
}

export interface ModelHalfYear {
  readonly id: string;
  readonly sheet: string;
  readonly total: string;
  readonly totalWas: string | null;
  readonly lines: readonly ModelLine[];
  /** Lines the search matched beyond MODEL_MAX_LINES. */
  readonly hidden: number;
  readonly matched: number;
}

export interface ModelView {
  readonly halfYears: readonly ModelHalfYear[];
  readonly repayment: string;
  readonly repaymentWas: string | null;
  /** How many figures the what-if changes (inputs changed). */
  readonly changed: number;
}

/** A value as a field shows it: "300 %", "52 000 kr", a date ("" for one left open). */
const valueText = (field: ChangeField, v: number | null, lang: Lang) =>
  v === null
    ? ""
    : isDateField(field)
      ? v === 0
        ? ""
        : (serialToIso(v) ?? "")
      : diffValueText(field, displayValue(field, v), lang);

/**
 * The lines of each half-year with their inputs (editable where what-if may change them), as
 * `shown` has them, and the workbook's value beside each that differs (`base`).
 */
export function modelView(
  shown: Analysis,
  base: Analysis,
  changes: readonly InputChange[],
  search: string,
  lang: Lang,
): ModelView {
  const money = (ore: Ore) => formatKronor(ore, lang);
  const needle = search.trim().toLowerCase();
  const baseHalfYears = new Map(
    base.computation.halfYears.map((h) => [h.source.sheet, h]),
  );
  const staff = salaryStaff(shown, base);
  return {
    halfYears: shown.computation.halfYears.map((h) => {
      const before = baseHalfYears.get(h.source.sheet);
      const baseLines = byLineKey(before?.lines ?? [], (l) => l.input);
      const matched = needle
        ? h.lines.filter((l) => l.input.label.toLowerCase().includes(needle))
        : h.lines;
      const lines = matched.slice(0, MODEL_MAX_LINES).map((l): ModelLine => {
        const key = keyOfLine(l.input);
        const was = baseLines.get(key)?.[0];
        // A line whose budget is its persons' in Lönekalkyl is changed there, not here.
        const editable = l.salaries ? [] : editableFields(h.source, l.input);
        return {
          key,
          label: l.input.label,
          // The budget as an input only where it is typed; otherwise it is the computed figure.
          fields: INPUT_FIELDS.filter((f) =>
            f === "budget"
              ? editable.includes(f)
              : h.source.columns[f] !== undefined,
          ).map((field): ModelField => {
            const v = inputValue(l.input, field);
            const w = was ? inputValue(was.input, field) : null;
            return {
              field,
              name: fieldName(field, lang),
              text: valueText(field, v, lang),
              editable: editable.includes(field),
              was: was && w !== v ? valueText(field, w, lang) || "–" : null,
            };
          }),
          budget: money(l.effectiveBudget),
          budgetWas:
            was && was.effectiveBudget !== l.effectiveBudget
              ? money(was.effectiveBudget)
              : null,
          persons:
            l.salaries && staff
              ? linePersons(l, was?.salaries ?? [], staff, lang)
              : [],
        };
      });
      return {
        id: h.halfYear.id,
        sheet: h.source.sheet,
        total: money(h.budget.total),
        totalWas:
          before && before.budget.total !== h.budget.total
            ? money(before.budget.total)
            : null,
        lines,
        hidden: matched.length - lines.length,
        matched: matched.length,
      };
    }),
    repayment: money(shown.computation.repayment.total),
    repaymentWas:
      base.computation.repayment.total !== shown.computation.repayment.total
        ? money(base.computation.repayment.total)
        : null,
    changed: changes.length,
  };
}

/** `Lönekalkyl` as shown, its persons by key and by Post, and the workbook's by key. */
interface SalaryStaff {
  readonly salaries: SalarySheet;
  readonly keys: ReadonlyMap<Person, string>;
  readonly before: ReadonlyMap<string, Person>;
  readonly byPost: ReadonlyMap<string, readonly Person[]>;
}

/** Made once for the view (every line costed in Lönekalkyl looks its persons up in it). */
function salaryStaff(shown: Analysis, base: Analysis): SalaryStaff | null {
  const salaries = shown.workbook.salaries;
  if (!salaries) return null;
  return {
    salaries,
    keys: keysOfPersons(salaries),
    before: base.workbook.salaries
      ? personKeys(base.workbook.salaries)
      : new Map(),
    byPost: personsByPost(salaries),
  };
}

/**
 * The persons of a line costed in Lönekalkyl, as `shown` has them, with each input the sheet has
 * (editable where it is no formula) and the workbook's value beside each that differs (`base`).
 */
function linePersons(
  line: ComputedLine,
  costsBefore: readonly PersonCost[],
  { salaries, keys, before, byPost }: SalaryStaff,
  lang: Lang,
): ModelPerson[] {
  const persons = personsOfLine(line.input, byPost) ?? [];
  const costOf = (costs: readonly PersonCost[], p: Person | undefined) =>
    costs.find((c) => c.person === p)?.cost ?? null;
  const money = (ore: Ore | null) => formatKronorOrDash(ore, lang);
  return persons.map((p): ModelPerson => {
    const key = keys.get(p) ?? "";
    const was = before.get(key);
    const editable = editablePersonFields(salaries, p);
    const cost = costOf(line.salaries ?? [], p);
    const costWas = was ? costOf(costsBefore, was) : cost;
    return {
      sheet: salaries.sheet,
      key,
      label: p.name || p.post,
      cost: money(cost),
      costWas: costWas !== cost ? money(costWas) : null,
      fields: PERSON_FIELDS.filter(
        (f) => personColumn(salaries, f) !== undefined,
      ).map((field): ModelField => {
        const v = personValue(p, field);
        const w = was ? personValue(was, field) : null;
        return {
          field,
          name: fieldName(field, lang),
          text: valueText(field, v, lang),
          editable: editable.includes(field),
          was: was && w !== v ? shownValue(field, w, lang) : null,
          ...(isDateField(field) ? { placeholder: OPEN_TEXT[lang] } : {}),
        };
      }),
    };
  });
}

const OPEN_TEXT: Record<Lang, string> = {
  sv: "hela perioden",
  en: "whole period",
};

/** A value as a confirmation or comparison says it: "–" for none, a date left open so. */
const shownValue = (field: ChangeField, v: number | null, lang: Lang) =>
  valueText(field, v, lang) ||
  (v !== null && isDateField(field) ? OPEN_TEXT[lang] : "–");

/** The confirmation of a what-if or scenario write: each cell with its value before and after. */
export function inputsSummary(
  writes: readonly InputWrite[],
  missing: readonly string[],
  lang: Lang,
  t: PaneText,
  undo: WriteUndoNote,
): WriteSummary {
  const MAX = 30;
  const lines = writes
    .slice(0, MAX)
    .map(
      (w) =>
        t.model.confirmLine(
          `${w.sheet}!${w.cell}`,
          w.label,
          fieldName(w.field, lang),
          shownValue(w.field, w.before, lang),
          shownValue(w.field, w.after, lang),
        ) +
        (w.replacesFormat === undefined
          ? ""
          : ` ${t.model.confirmFormat(w.field)}`),
    );
  if (writes.length > MAX) lines.push(t.model.confirmMore(writes.length - MAX));
  return {
    lines,
    notes: [
      ...(missing.length > 0
        ? [t.model.confirmMissing(missing.join(", "))]
        : []),
      ...undoNotes(undo, t),
    ],
    cells: writes.length,
    sheets: new Set(writes.map((w) => w.sheet)).size,
    keep: false,
  };
}

export interface ComparisonRow {
  readonly label: string;
  readonly a: string;
  readonly b: string;
  readonly difference: string;
  /** The inputs that differ: "Tjänstgöringsgrad 275 % → 300 %". */
  readonly inputs: string;
}

export interface ComparisonView {
  readonly title: string;
  readonly halfYears: readonly {
    readonly id: string;
    readonly total: ComparisonRow;
    readonly lines: readonly ComparisonRow[];
    readonly same: string | null;
  }[];
  readonly grantTotal: ComparisonRow;
  readonly repayment: ComparisonRow;
  readonly none: boolean;
}

/** Two states side by side, as the pane's comparison table shows them. */
export function comparisonView(
  c: Comparison,
  names: { readonly a: string; readonly b: string },
  lang: Lang,
  t: PaneText,
): ComparisonView {
  const s = t.scenarios;
  const amount = (v: Ore | null) =>
    v === null ? s.missing : formatAmount(v, lang);
  const row = (
    label: string,
    a: Ore | null,
    b: Ore | null,
    inputs = "",
  ): ComparisonRow => ({
    label,
    a: amount(a),
    b: amount(b),
    difference:
      a === null || b === null || a === b
        ? a === b
          ? "0"
          : "–"
        : `${b > a ? "+" : ""}${formatAmount(subtract(b, a), lang)}`,
    inputs,
  });
  const halfYears = c.halfYears.map((h) => ({
    id: h.id,
    total: row(`${t.model.total} ${h.id}`, h.total.a, h.total.b),
    lines: h.lines.map((l) =>
      row(
        l.label,
        l.budget.a,
        l.budget.b,
        l.inputs
          .map(
            (d) =>
              `${d.person ? `${d.person}: ` : ""}${fieldName(d.field, lang)} ${shownValue(d.field, d.a, lang)} → ${shownValue(d.field, d.b, lang)}`,
          )
          .join("; "),
      ),
    ),
    same: h.same > 0 ? s.same(h.same) : null,
  }));
  return {
    title: s.comparison(names.b, names.a),
    halfYears,
    grantTotal: row(t.grantsTotal, c.grantTotal.a, c.grantTotal.b),
    repayment: row(t.repayment, c.repayment.a, c.repayment.b),
    none:
      halfYears.every((h) => h.lines.length === 0 && h.total.a === h.total.b) &&
      c.repayment.a === c.repayment.b,
  };
}

export interface SalaryPersonView {
  readonly key: string;
  readonly name: string;
  readonly post: string;
  /** Per half-year: the cost, and how it was reached ("jan–mar 23 656 kr/mån (31,42 %) …"). */
  readonly halfYears: readonly {
    readonly id: string;
    readonly cost: string;
    readonly working: string;
  }[];
}

const RULE_NAMES: Record<Lang, Record<ContributionRule, string>> = {
  sv: {
    general: "arbetsgivaravgifter",
    youth: "nedsatt för unga",
    older: "ålderspensionsavgift",
    none: "inga avgifter",
  },
  en: {
    general: "employer contributions",
    youth: "reduced for the young",
    older: "old-age pension contribution",
    none: "no contributions",
  },
};

const OPEN_YEAR: Record<Lang, string> = {
  sv: ", inget födelseår",
  en: ", no birth year",
};

/**
 * The persons of `Lönekalkyl` with their cost per half-year and the working: the months under each
 * rule, a whole month's cost and the rate, so a partner can see why a figure is what it is.
 */
export function salaryView(analysis: Analysis, lang: Lang): SalaryPersonView[] {
  const persons = analysis.workbook.salaries?.persons ?? [];
  if (persons.length === 0) return [];
  const money = (ore: Ore) => formatKronor(ore, lang);
  const percent = (ppm: number) => `${formatNumber(ppm / 10_000, lang)} %`;
  const costs = new Map<Person, Map<string, PersonCost>>();
  for (const h of analysis.computation.halfYears)
    for (const l of h.lines)
      for (const c of l.salaries ?? []) {
        const byHalf = costs.get(c.person) ?? new Map<string, PersonCost>();
        byHalf.set(h.halfYear.id, c);
        costs.set(c.person, byHalf);
      }
  return persons.map((p) => ({
    key: `${p.row}`,
    name: p.name,
    post: p.post,
    halfYears: analysis.computation.halfYears.map((h) => {
      const c = costs.get(p)?.get(h.halfYear.id);
      if (!c) return { id: h.halfYear.id, cost: "–", working: "" };
      // Runs of months under one rule: "jan–mar".
      const runs: {
        from: number;
        to: number;
        rule: ContributionRule;
        partial: boolean;
      }[] = [];
      for (const m of c.months) {
        const last = runs[runs.length - 1];
        const partial = m.days < m.daysInMonth;
        if (
          last &&
          last.rule === m.rule &&
          last.to === m.month - 1 &&
          !partial &&
          !last.partial
        )
          last.to = m.month;
        else runs.push({ from: m.month, to: m.month, rule: m.rule, partial });
      }
      const month = (n: number) => monthName(n, lang);
      const working = runs
        .map((r) => {
          const when =
            r.from === r.to ? month(r.from) : `${month(r.from)}–${month(r.to)}`;
          const share = r.partial
            ? ` (${lang === "sv" ? "del av månaden" : "part of the month"})`
            : "";
          // A post to fill has no birth year: the general rate, and why (SALARY_BIRTH_YEAR_OPEN).
          const open = p.birthYearOpen ? OPEN_YEAR[lang] : "";
          return `${when}${share}: ${money(monthCost(c.monthlyPay, r.rule, c.surchargePpm))}/${lang === "sv" ? "mån" : "month"} (${RULE_NAMES[lang][r.rule]} ${percent(ruleRate(r.rule))}${open}${c.surchargePpm ? ` + ${lang === "sv" ? "pålägg" : "surcharge"} ${percent(c.surchargePpm)}` : ""})`;
        })
        .join("; ");
      return {
        id: h.halfYear.id,
        cost: money(c.cost),
        working:
          c.months.length === 0
            ? lang === "sv"
              ? "inga månader i halvåret"
              : "no months in the half-year"
            : working,
      };
    }),
  }));
}

function monthName(n: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === "sv" ? "sv-SE" : "en-GB", {
    month: "short",
    timeZone: "UTC",
  })
    .format(new Date(Date.UTC(2026, n - 1, 1)))
    .replace(".", "");
}
