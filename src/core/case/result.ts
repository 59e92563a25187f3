// The CLI's JSON contract (SPEC §8): amounts in kronor, null where a figure does not exist.

import type { Analysis } from "../analyze";
import type { Case, CaseRole, LeftOut } from "./case";
import { type Agreement, rateOfHalfYear } from "../model";
import type {
  ActualFigures,
  BudgetFigures,
  ComputedLine,
} from "../figures/figures";
import {
  type Finding,
  type RenderedFinding,
  renderFinding,
} from "../findings/findings";
import type { Lang } from "../findings/format";
import { type Ore, toKronor } from "../figures/money";
import type { GrantedSource, PeriodTable, YearTable } from "../figures/figures";
import { grantsAsShown } from "./case";

const kr = toKronor;
const krOrNull = (ore: Ore | null): number | null =>
  ore === null ? null : toKronor(ore);

export interface LineJson {
  row: number;
  category: string;
  label: string;
  servicePercent: number | null;
  months: number | null;
  monthlyCost: number | null;
  impliedMonthlyCost: number | null;
  enteredBudget: number | null;
  budget: number;
  overhead: number;
  actual: number | null;
  variance: number | null;
  overspent: boolean;
}

/** `check --scenario` (SPEC §4.18): the stored scenario the figures were computed as. */
export interface ScenarioJson {
  name: string;
  saved: string;
  /** Inputs of the scenario that differ from the workbook's cells. */
  changed: number;
  /** Lines of the scenario the workbook no longer has ("Budget 2026 H1: Hälsofrämjare"). */
  missing: string[];
}

export interface CheckJson {
  file: string;
  scenario?: ScenarioJson;
  /** What the reported half-years' figures were computed against: the workbook's own budget, or a granted one. */
  budgetSource:
    | { kind: "workbook" }
    | {
        kind: "granted";
        /** The grant's file; of several, the first's. */
        file: string | null;
        /** Every half-year held to a grant. */
        periods: string[];
        /** Each grant given, with the half-years held to it (a report across two grants). */
        grants: { file: string | null; periods: string[] }[];
      };
  agreement: {
    name: string | null;
    caseNumber: string | null;
    organisation: string | null;
    orgNumber: string | null;
    start: string | null;
    end: string | null;
    overheadRate: number | null;
    repaymentDue: string | null;
    reportDue: string | null;
  };
  periods: {
    id: string;
    sheet: string;
    start: string;
    end: string;
    /**
     * The OH rate this half-year's OH is computed at (a fraction, null: none, the OH as entered):
     * the agreement's, but for a report held to grants of other rates (an extension at 12 %).
     */
    overheadRate: number | null;
    lines: LineJson[];
    budget: { direct: number; overhead: number; total: number };
    actual: {
      direct: number;
      overhead: number;
      eligibleOverhead: number;
      total: number;
      eligibleTotal: number;
    } | null;
  }[];
  years: {
    year: number;
    budget: number;
    actual: number;
    surplus: number;
    partial: boolean;
  }[];
  repayment: {
    items: { year: number; amount: number }[];
    total: number;
    due: string | null;
  };
  grants: { period: string; amount: number }[];
  grantsByYear: { year: number; amount: number; periods: string[] }[];
  yearLines: YearLinesJson[];
  periodLines: PeriodLinesJson[];
  decision: string[];
  findings: RenderedFinding[];
}

export interface YearLinesJson {
  year: number;
  periods: string[];
  partial: boolean;
  lines: {
    category: string;
    label: string;
    budget: number;
    actual: number | null;
    variance: number | null;
    overspent: boolean;
    periods: string[];
  }[];
  sum: { budget: number; actual: number; variance: number };
  eligibleActual: number;
  surplus: number;
  earlier: { year: number; amount: number }[];
  toRepay: number;
}

export interface PeriodLinesJson {
  start: string;
  end: string;
  periods: string[];
  lines: {
    category: string;
    label: string;
    servicePercent: number | null;
    weighted: boolean;
    months: number;
    amount: number;
    periods: string[];
  }[];
  overhead: { months: number; amount: number };
  total: number;
}

export function yearLinesJson(y: YearTable): YearLinesJson {
  return {
    year: y.year,
    periods: [...y.periods],
    partial: y.partial,
    lines: y.lines.map((l) => ({
      category: l.category,
      label: l.label,
      budget: kr(l.budget),
      actual: krOrNull(l.actual),
      variance: krOrNull(l.variance),
      overspent: l.overspent,
      periods: l.at.map((a) => a.halfYear),
    })),
    sum: {
      budget: kr(y.budget),
      actual: kr(y.actual),
      variance: kr(y.variance),
    },
    eligibleActual: kr(y.eligibleActual),
    surplus: kr(y.surplus),
    earlier: y.earlier.map((e) => ({ year: e.year, amount: kr(e.amount) })),
    toRepay: kr(y.toRepay),
  };
}

export function periodLinesJson(p: PeriodTable): PeriodLinesJson {
  return {
    start: p.start,
    end: p.end,
    periods: [...p.periods],
    lines: p.lines.map((l) => ({
      category: l.category,
      label: l.label,
      servicePercent:
        l.servicePercentMicro === null
          ? null
          : l.servicePercentMicro / 1_000_000,
      weighted: l.weighted,
      months: l.monthsMicro / 1_000_000,
      amount: kr(l.amount),
      periods: l.at.map((a) => a.halfYear),
    })),
    overhead: {
      months: p.overheadMonthsMicro / 1_000_000,
      amount: kr(p.overhead),
    },
    total: kr(p.total),
  };
}

/** `iop-budget memo --json` (SPEC §8): the case, its decision, both tables and every file's findings. */
export interface CaseJson {
  case: {
    name: string | null;
    caseNumber: string | null;
    organisation: string | null;
    orgNumber: string | null;
    files: string[];
    /** The board's meeting (memo --date), or null. */
    meeting: string | null;
    /** Each file's role: report, proposal, grant or left-out (with why). */
    roles: { file: string; role: CaseRole; why?: LeftOut }[];
  };
  decision: string[];
  /** The file each decision point comes from. */
  decisionFiles: string[];
  tables: { years: YearLinesJson[]; periods: PeriodLinesJson[] };
  findings: (RenderedFinding & { file: string })[];
}

export function toCaseJson(c: Case, lang: Lang = "sv"): CaseJson {
  return {
    case: {
      name: c.name,
      caseNumber: c.caseNumber,
      organisation: c.organisation,
      orgNumber: c.orgNumber,
      files: [...c.files],
      meeting: c.meeting,
      roles: c.roles.map((r) => ({ ...r })),
    },
    decision: [...c.decision],
    decisionFiles: [...c.decisionFiles],
    tables: {
      years: c.years.map(yearLinesJson),
      periods: c.periods.map(periodLinesJson),
    },
    findings: c.findings.map(({ file, finding }) => ({
      file,
      ...renderFinding(finding, lang),
    })),
  };
}

/** A rate as the JSON has it: a fraction (0.1 for 10 %). */
const rateJson = (ppm: number | null): number | null =>
  ppm === null ? null : ppm / 1_000_000;

/** The agreement's details as the JSON has them (the overhead rate as a fraction). */
export function agreementJson(a: Agreement): CheckJson["agreement"] {
  return {
    name: a.name,
    caseNumber: a.caseNumber,
    organisation: a.organisation,
    orgNumber: a.orgNumber,
    start: a.start,
    end: a.end,
    overheadRate: rateJson(a.overheadRatePpm),
    repaymentDue: a.repaymentDue,
    reportDue: a.reportDue,
  };
}

export interface FileErrorJson {
  file: string;
  error: { code: string; message: string };
}

function lineJson(computed: ComputedLine): LineJson {
  const l = computed.input;
  return {
    row: l.row,
    category: l.category,
    label: l.label,
    servicePercent:
      computed.servicePercentMicro === null
        ? null
        : computed.servicePercentMicro / 1_000_000,
    months: l.monthsMicro === null ? null : l.monthsMicro / 1_000_000,
    monthlyCost: krOrNull(l.monthlyCost),
    impliedMonthlyCost: krOrNull(computed.impliedMonthlyCost),
    enteredBudget: krOrNull(
      l.reportedBudget !== undefined ? l.reportedBudget : l.budget,
    ),
    budget: kr(computed.effectiveBudget),
    overhead: kr(computed.overheadShare),
    actual: krOrNull(l.actual),
    variance: krOrNull(computed.effectiveVariance),
    overspent: computed.overspent,
  };
}

const budgetJson = (b: BudgetFigures) => ({
  direct: kr(b.direct),
  overhead: kr(b.overhead),
  total: kr(b.total),
});
const actualJson = (a: ActualFigures) => ({
  direct: kr(a.direct),
  overhead: kr(a.overhead),
  eligibleOverhead: kr(a.eligibleOverhead),
  total: kr(a.total),
  eligibleTotal: kr(a.eligibleTotal),
});

export function toCheckJson(
  file: string,
  analysis: Analysis,
  lang: Lang = "sv",
  grantedFiles: readonly string[] = [],
): CheckJson {
  const parts = toCheckJsonParts(file, analysis, lang, grantedFiles);
  return withTables(
    {
      ...parts.json,
      periods: parts.json.periods.map((p, i) => ({
        ...p,
        lines: all(parts.lines(i)),
      })),
      findings: parts.findings.map((f) => renderFinding(f, lang)),
    },
    parts,
  );
}

/** Elements made one at a time, when asked for. */
export interface Lazy<T> {
  readonly count: number;
  readonly at: (i: number) => T;
}

/** A lazy list's elements, all made. */
export const all = <T>(l: Lazy<T>): T[] =>
  Array.from({ length: l.count }, (_, i) => l.at(i));

/** A lazy list's elements, each made as it is reached. */
export function* each<T>(l: Lazy<T>): Generator<T> {
  for (let i = 0; i < l.count; i++) yield l.at(i);
}

/**
 * The check JSON with every period's `lines` left empty, and `lines(i)` that makes period i's lines
 * one at a time: written a few hundred lines at a time, a check of 100 000 lines never holds them
 * all, and the few it holds die young.
 */
export interface CheckJsonParts {
  /**
   * Without the periods' lines, `yearLines`, `periodLines` and `findings` (empty): those are made
   * when asked.
   */
  readonly json: CheckJson;
  readonly lines: (period: number) => Lazy<LineJson>;
  readonly yearLines: Lazy<YearLinesJson>;
  readonly periodLines: Lazy<PeriodLinesJson>;
  /**
   * The analysis's findings as found, each rendered in `lang` only as it is written: rendered all
   * at once, a crafted workbook's 1.86 million findings took `check --json` from 1.33 to 1.82 GB.
   */
  readonly findings: readonly Finding[];
  readonly lang: Lang;
}

function lazyList<T, J>(
  make: () => readonly T[],
  json: (t: T) => J,
): { readonly count: number; readonly at: (i: number) => J } {
  let made: readonly T[] | undefined;
  const list = () => (made ??= make());
  return {
    get count() {
      return list().length;
    },
    at: (i) => json(list()[i]!),
  };
}

/** The JSON with its memo tables made (the periods' lines as they are). */
export function withTables(json: CheckJson, parts: CheckJsonParts): CheckJson {
  return {
    ...json,
    yearLines: all(parts.yearLines),
    periodLines: all(parts.periodLines),
  };
}

/** toCheckJson in parts: the lines of a period are made when the writer asks for them. */
export function toCheckJsonParts(
  file: string,
  analysis: Analysis,
  lang: Lang = "sv",
  grantedFiles: readonly string[] = [],
): CheckJsonParts {
  const c = analysis.computation;
  const lines = (i: number): Lazy<LineJson> => {
    const of = c.halfYears[i]!.lines;
    return { count: of.length, at: (k) => lineJson(of[k]!) };
  };
  return {
    json: checkJsonWithoutLines(file, analysis, grantedFiles),
    findings: analysis.findings,
    lang,
    lines,
    // The tables are made only when written, once; a year's table as its year is written.
    yearLines: {
      count: c.years.length,
      at: (i) => yearLinesJson(c.yearTable(i)),
    },
    periodLines: lazyList(() => c.periodTables, periodLinesJson),
  };
}

/** What a report was held to, its grants as every face lists them (grantsAsShown). */
function grantedSourceJson(
  granted: GrantedSource,
  files: readonly string[],
): CheckJson["budgetSource"] {
  const grants = grantsAsShown(
    granted.byGrant.map((_, i) => files[i] ?? null),
    granted,
  );
  return {
    kind: "granted",
    file: grants[0]?.file ?? null,
    periods: [...granted.periods],
    grants,
  };
}

function checkJsonWithoutLines(
  file: string,
  analysis: Analysis,
  grantedFiles: readonly string[],
): CheckJson {
  const c = analysis.computation;
  const a = c.agreement;
  return {
    file,
    budgetSource: analysis.granted
      ? grantedSourceJson(analysis.granted, grantedFiles)
      : { kind: "workbook" },
    agreement: agreementJson(a),
    periods: c.halfYears.map((h) => ({
      id: h.halfYear.id,
      sheet: h.source.sheet,
      start: h.halfYear.start,
      end: h.halfYear.end,
      overheadRate: rateJson(rateOfHalfYear(h.source, a)),
      lines: [],
      budget: budgetJson(h.budget),
      actual: h.actual ? actualJson(h.actual) : null,
    })),
    years: c.years.map((y) => ({
      year: y.year,
      budget: kr(y.budget),
      actual: kr(y.actual),
      surplus: kr(y.surplus),
      partial: y.partial,
    })),
    repayment: {
      items: c.repayment.items.map((i) => ({
        year: i.year,
        amount: kr(i.amount),
      })),
      total: kr(c.repayment.total),
      due: c.repayment.due,
    },
    grants: c.grants.map((g) => ({ period: g.period, amount: kr(g.amount) })),
    grantsByYear: c.grantYears.map((g) => ({
      year: g.year,
      amount: kr(g.amount),
      periods: [...g.periods],
    })),
    yearLines: [],
    periodLines: [],
    decision: [...analysis.decision],
    findings: [],
  };
}
