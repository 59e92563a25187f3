// What the pane shows, prepared from the engine's results: every figure is computed by the core
// and only formatted here, so components hold no budget arithmetic.

import {
  type Analysis,
  type Lang,
  type RenderedFinding,
  type Severity,
  type WorkbookDiff,
  type WritePlan,
  countFindings,
  changedLine,
  diffValuesText,
  effectNames,
  fieldName,
  movedEffectText,
  movedEffects,
  otherCasesText,
  formatKronor,
  grantAndRepayment,
  groupFindings,
  renderFinding,
  type Ore,
  toKronor,
} from "../core";
import type { PaneText } from "../i18n/text";
import type { WriteUndoNote } from "../excel/host";

export interface FindingGroup {
  readonly sheet: string | null;
  readonly title: string;
  readonly findings: readonly RenderedFinding[];
}

export interface FindingsView {
  readonly counts: Readonly<Record<Severity, number>>;
  readonly summary: string;
  readonly groups: readonly FindingGroup[];
}

export function findingsView(
  analysis: Analysis,
  lang: Lang,
  t: PaneText,
): FindingsView {
  const rendered = analysis.findings.map((f) => renderFinding(f, lang));
  const counts = countFindings(rendered);
  return {
    counts,
    summary: t.counts(counts.error, counts.warning, counts.info),
    groups: groupFindings(rendered).map((g) => ({
      ...g,
      title: g.sheet ?? t.workbookLevel,
    })),
  };
}

export interface HalfYearFigure {
  readonly id: string;
  readonly sheet: string;
  readonly budget: string;
  readonly actual: string | null;
  /** What-if: the workbook's budget when the shown one differs from it. */
  readonly budgetWas: string | null;
}

export interface ChartLine {
  readonly label: string;
  /** Kronor, for the bar lengths only. */
  readonly budget: number;
  readonly actual: number | null;
  readonly overspent: boolean;
  readonly budgetText: string;
  readonly actualText: string | null;
}

export interface FiguresView {
  readonly halfYears: readonly HalfYearFigure[];
  readonly grantsTotal: string;
  readonly grantYears: readonly { year: number; amount: string }[];
  /** Earlier years' surpluses repaid with this one ("Överskott 2023" in Uppgifter). */
  readonly earlier: readonly { year: number; amount: string }[];
  readonly years: readonly {
    year: number;
    budget: string;
    actual: string;
    surplus: string;
  }[];
  /** "380 222 kr (senast 2025-06-30)", or that there is nothing to repay. */
  readonly repaymentText: string;
  /** What-if: the workbook's repayment when the shown one differs from it. */
  readonly repaymentWas: string | null;
  readonly charts: readonly {
    id: string;
    lines: readonly ChartLine[];
    max: number;
    /** Lines of the half-year the chart leaves out (it shows the largest, CHART_MAX_LINES). */
    hidden: number;
  }[];
}

/**
 * The chart shows at most this many lines per half-year: every overspent line and then the
 * largest, in the sheet's order. More bars are unreadable in a pane, and a chart of 10 000 lines
 * would cost each refresh far more than the engine does.
 */
export const CHART_MAX_LINES = 25;

/** The lines a chart shows: overspent first, then the largest, at most CHART_MAX_LINES, in order. */
function chartLines<T extends { overspent: boolean; size: number }>(
  lines: readonly T[],
): T[] {
  if (lines.length <= CHART_MAX_LINES) return [...lines];
  const keep = new Set(
    lines
      .map((l, i) => ({ l, i }))
      .sort(
        (a, b) =>
          Number(b.l.overspent) - Number(a.l.overspent) || b.l.size - a.l.size,
      )
      .slice(0, CHART_MAX_LINES)
      .map(({ i }) => i),
  );
  return lines.filter((_, i) => keep.has(i));
}

export function figuresView(
  analysis: Analysis,
  lang: Lang,
  t: PaneText,
  /** The workbook as it is, when what-if shows something else (its differing figures are marked). */
  base: Analysis | null = null,
): FiguresView {
  const c = analysis.computation;
  const money = (ore: Ore) => formatKronor(ore, lang);
  const baseTotals = new Map(
    (base?.computation.halfYears ?? []).map((h) => [
      h.source.sheet,
      h.budget.total,
    ]),
  );
  const r0 = base?.computation.repayment.total;
  return {
    halfYears: c.halfYears.map((h) => {
      const was = baseTotals.get(h.source.sheet);
      return {
        id: h.halfYear.id,
        sheet: h.source.sheet,
        budget: money(h.budget.total),
        actual: h.actual ? money(h.actual.total) : null,
        budgetWas:
          was !== undefined && was !== h.budget.total ? money(was) : null,
      };
    }),
    repaymentWas:
      r0 !== undefined && r0 !== c.repayment.total ? money(r0) : null,
    grantsTotal: money(c.grantTotal),
    grantYears: c.grantYears.map((g) => ({
      year: g.year,
      amount: money(g.amount),
    })),
    earlier: c.repayment.items.flatMap((i) =>
      i.source === "earlier" ? [{ year: i.year, amount: money(i.amount) }] : [],
    ),
    years: c.years.map((y) => ({
      year: y.year,
      budget: money(y.budget),
      actual: money(y.actual),
      surplus: money(y.surplus),
    })),
    repaymentText:
      c.repayment.total > 0
        ? `${money(c.repayment.total)}${c.repayment.due ? ` (${t.repaymentDue(c.repayment.due)})` : ""}`
        : t.nothingToRepay,
    charts: c.halfYears.map((h) => {
      const shown = chartLines(
        h.lines.map((l) => ({
          line: l,
          overspent: l.overspent,
          size: Math.max(l.effectiveBudget, l.input.actual ?? 0),
        })),
      );
      const lines = shown.map(({ line: l }) => ({
        label: l.input.label,
        budget: toKronor(l.effectiveBudget),
        actual: l.input.actual === null ? null : toKronor(l.input.actual),
        overspent: l.overspent,
        budgetText: money(l.effectiveBudget),
        actualText: l.input.actual === null ? null : money(l.input.actual),
      }));
      return {
        id: h.halfYear.id,
        lines,
        hidden: h.lines.length - lines.length,
        max: Math.max(
          1,
          ...lines.map((l) => Math.max(l.budget, l.actual ?? 0)),
        ),
      };
    }),
  };
}

export interface WriteSummary {
  readonly lines: readonly string[];
  /** What the user should know before writing: a sheet left alone, no undo. */
  readonly notes: readonly string[];
  readonly cells: number;
  readonly sheets: number;
  /** Typed cells stay (compute); false when the write is a person's own values (what-if). */
  readonly keep: boolean;
}

/** What the confirmation says of protection lifted and of undo. */
export function undoNotes(undo: WriteUndoNote, t: PaneText): string[] {
  return [
    ...(undo.lifted.length > 0
      ? [t.confirmLifted(undo.lifted.join(", "))]
      : []),
    ...(undo.undoable ? [] : [t.confirmNoUndo]),
  ];
}

export function writeSummary(
  plan: WritePlan,
  existingSheets: readonly string[],
  t: PaneText,
  undo: WriteUndoNote = { undoable: true, lifted: [] },
): WriteSummary {
  const existing = new Set(existingSheets.map((s) => s.toLowerCase()));
  const edits = plan.edits.filter(
    (e) => e.cells.length > 0 || e.marks.length > 0,
  );
  return {
    lines: [
      ...edits.map((e) => t.confirmEdit(e.sheet, e.cells.length)),
      ...plan.creates.map((c) =>
        t.confirmCreate(c.sheet, existing.has(c.sheet.toLowerCase())),
      ),
    ],
    notes: [
      ...plan.creates.flatMap((c) =>
        c.kept ? [t.confirmKept(c.kept, c.sheet)] : [],
      ),
      ...undoNotes(undo, t),
    ],
    cells:
      plan.edits.reduce((s, e) => s + e.cells.length, 0) +
      plan.creates.reduce((s, c) => s + c.cells.length, 0),
    sheets: edits.length + plan.creates.length,
    keep: true,
  };
}

export interface DiffViewModel {
  readonly count: number;
  readonly rows: readonly (readonly [
    string,
    string,
    string,
    string,
    string,
    string,
  ])[];
  /** "Totalt 2026-H1: 1 109 649 → 1 183 899 kr (+74 250)", for each effect that moved (movedEffects). */
  readonly effects: readonly string[];
  /** The warning when the versions say they are of different cases. */
  readonly otherCases: string | null;
}

/** The changes between two versions, as the page's table shows them. */
export function diffView(diff: WorkbookDiff, lang: Lang): DiffViewModel {
  return {
    count: diff.changes.length,
    rows: diff.changes.map(
      (c) =>
        [
          c.sheet,
          c.cell ?? "",
          changedLine(c),
          fieldName(c.field, lang),
          ...diffValuesText(c, lang),
        ] as const,
    ),
    effects: movedEffects(diff.effects, lang).map((e) =>
      movedEffectText(e, lang),
    ),
    otherCases: otherCasesText(diff, lang),
  };
}

/**
 * What moved between two analyses of the open workbook: each half-year's total and the
 * repayment, "Totalt 2026-H1: 1 109 649 → 1 183 899 kr, +74 250".
 */
export function movesBetween(
  before: Analysis,
  after: Analysis,
  lang: Lang,
): string[] {
  const names = effectNames(lang);
  // Said as `diff` and the page say a move (movedEffectText).
  const kr = (v: Ore | null) => (v === null ? null : toKronor(v));
  const line = (name: string, from: Ore | null, to: Ore | null) =>
    movedEffectText({ name, old: kr(from), new: kr(to) }, lang);
  // A half-year with a cell that is not a number ("ca 45 000") has its finding; its total counts
  // that cell as nothing, so no move is told as if the cell were 0 (nor the repayment's).
  const unsure = (h: Analysis["computation"]["halfYears"][number]) =>
    h.lines.some((l) => l.input.unreadable.length > 0);
  const old = new Map(
    before.computation.halfYears.map((h) => [h.halfYear.id, h]),
  );
  const out: string[] = [];
  let anyUnsure = false;
  for (const h of after.computation.halfYears) {
    const was = old.get(h.halfYear.id);
    if (unsure(h) || (was && unsure(was))) {
      anyUnsure = true;
      continue;
    }
    const from = was?.budget.total;
    if (from !== undefined && from !== h.budget.total)
      out.push(line(names.total(h.halfYear.id), from, h.budget.total));
  }
  // A workbook with no half-year read has no repayment: "–", not 0 kr.
  const [r0, r1] = [
    grantAndRepayment(before).repayment,
    grantAndRepayment(after).repayment,
  ];
  if (r0 !== r1 && !anyUnsure) out.push(line(names.repayment, r0, r1));
  return out;
}
