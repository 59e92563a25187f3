// The draft decision points (SPEC §4.11) in the seed memo's Swedish wording.

import type {
  Computation,
  ComputedHalfYear,
  RepaymentItem,
} from "../figures/figures";
import { type IsoDate, daysInMonth, parseIso } from "../reading/dates";
import { type Lang, formatAmount } from "../findings/format";
import { type Ore, sum } from "../figures/money";
import {
  SWEDISH_MONTHS,
  compareHalfYears,
  withinAgreement,
} from "../reading/period";
import type { Agreement } from "../model";

/** "1 109 649 kronor" */
export function kronorText(amount: Ore): string {
  return `${formatAmount(amount, "sv")} kronor`;
}

/** "juli 2025 till och med december 2025" */
export function periodText(start: IsoDate, end: IsoDate): string {
  const s = parseIso(start);
  const e = parseIso(end);
  return `${SWEDISH_MONTHS[s.m - 1]} ${s.y} till och med ${SWEDISH_MONTHS[e.m - 1]} ${e.y}`;
}

/** "januari till och med december 2024": the year once when both ends share it. */
export function shortPeriodText(start: IsoDate, end: IsoDate): string {
  const s = parseIso(start);
  const e = parseIso(end);
  return s.y === e.y
    ? `${SWEDISH_MONTHS[s.m - 1]} till och med ${SWEDISH_MONTHS[e.m - 1]} ${e.y}`
    : periodText(start, end);
}

/** "juni 2025" for a month's last day (as the seed writes a due month), else "1 februari 2026". */
export function dueText(date: IsoDate): string {
  const { y, m, d } = parseIso(date);
  return d === daysInMonth(y, m)
    ? `${SWEDISH_MONTHS[m - 1]} ${y}`
    : `${d} ${SWEDISH_MONTHS[m - 1]} ${y}`;
}

export function dayText(date: IsoDate): string {
  const { y, m, d } = parseIso(date);
  return `${d} ${SWEDISH_MONTHS[m - 1]} ${y}`;
}

const ENGLISH_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "juli–december 2026", "juli 2026 – juni 2027" (en: "July–December 2026"): months in a message. */
export function monthsText(start: IsoDate, end: IsoDate, lang: Lang): string {
  const names = lang === "sv" ? SWEDISH_MONTHS : ENGLISH_MONTHS;
  const s = parseIso(start);
  const e = parseIso(end);
  if (s.y === e.y)
    return s.m === e.m
      ? `${names[s.m - 1]} ${s.y}`
      : `${names[s.m - 1]}–${names[e.m - 1]} ${e.y}`;
  return `${names[s.m - 1]} ${s.y} – ${names[e.m - 1]} ${e.y}`;
}

/** "a", "a samt b", "a, b samt c" */
function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} samt ${items[items.length - 1]}`;
}

/** Where the grant comes from when `Anslag` does not say (the seed's wording). */
export const DEFAULT_GRANT_SOURCE =
  "kommunstyrelsens anslag för projekt och utredningar";

function firstOf<T>(values: readonly (T | null | undefined)[]): T | null {
  for (const v of values) if (v !== null && v !== undefined) return v;
  return null;
}

/** The half-years the reports report (with actuals), in order, each once. */
export function reportedHalfYears(
  reports: readonly Computation[],
): ComputedHalfYear[] {
  return distinctHalfYears(
    reports.flatMap((c) => c.halfYears.filter((h) => h.actual !== null)),
  );
}

/** The half-years the budgets grant (without actuals), in order, each once. */
export function grantedHalfYears(
  budgets: readonly Computation[],
): ComputedHalfYear[] {
  return distinctHalfYears(
    budgets.flatMap((c) => c.halfYears.filter((h) => h.actual === null)),
  );
}

/**
 * The repayment the decision asks for (point 2), when it asks for one: its due date and the report
 * whose date it is (the first that has one).
 */
export function caseRepaymentDue(
  reports: readonly Computation[],
): { due: IsoDate | null; from: Computation | null } | null {
  if (sum(caseRepaymentItems(reports).map((i) => i.amount)) <= 0) return null;
  const from = reports.find((c) => c.repayment.due !== null) ?? null;
  return { due: from?.repayment.due ?? null, from };
}

/** Half-years of several workbooks, in order, each once (the first workbook's wins). */
function distinctHalfYears(
  halves: readonly ComputedHalfYear[],
): ComputedHalfYear[] {
  const seen = new Set<string>();
  return [...halves]
    .sort((a, b) => compareHalfYears(a.halfYear, b.halfYear))
    .filter((h) => !seen.has(h.halfYear.id) && !!seen.add(h.halfYear.id));
}

/** The repayment items of several reports, each once, by year. */
export function caseRepaymentItems(
  computations: readonly Computation[],
): RepaymentItem[] {
  const seen = new Set<string>();
  return computations
    .flatMap((c) => c.repayment.items)
    .filter((i) => {
      const key = `${i.source}:${i.year}:${i.amount}`;
      return !seen.has(key) && !!seen.add(key);
    })
    .sort((a, b) => a.year - b.year);
}

/**
 * The draft decision of a case (SPEC §4.11), from one workbook or from several of the same case
 * (a report and a budget), in the seed memo's order and wording; unnumbered, shown as 1, 2, …
 */
export function caseDecision(computations: readonly Computation[]): string[] {
  return caseDecisionFrom(computations).map((d) => d.point);
}

/** The draft decision with, for each point, the index of the computation it comes from. */
export function caseDecisionFrom(
  computations: readonly Computation[],
  /** The board's meeting: its year is the one granted now, later years are to be considered. */
  meeting: IsoDate | null = null,
): { point: string; source: number }[] {
  const agreements = computations.map((c) => c.agreement);
  const { reports, budgets, proposals, running } =
    reportsAndBudgets(computations);
  // A report that budgets the rest of its running agreement, beside a proposal of its own: the
  // rest is granted on its own agreement, and the proposal's agreement is the one approved.
  const rest = proposals.length > 0 ? running : [];
  const proposed = proposals.length > 0 ? proposals : budgets;
  // The agreement to approve is the budget's; names come from whichever workbook has them.
  const a = proposed[0]?.agreement ?? agreements[0];
  const all = grantedHalfYears(budgets);
  const parties: Parties = {
    // The first year granted is granted now, whichever workbook budgets it.
    nowYear: meeting ? parseIso(meeting).y : (all[0]?.halfYear.year ?? null),
    name: firstOf(agreements.map((x) => x.name)) ?? "partnerskapet",
    org: firstOf(agreements.map((x) => x.organisation)) ?? "organisationen",
    agreements,
  };
  const granted = grantedHalfYears(proposed);
  const from = (c: Computation | undefined) => (point: string) => ({
    point,
    source: c ? computations.indexOf(c) : 0,
  });
  return [
    ...reportPoints(reports, parties).map(from(reports[reports.length - 1])),
    ...rest.flatMap((c) =>
      grantPoints(c.agreement, grantedHalfYears([c]), parties).map(from(c)),
    ),
    ...(granted.length > 0 && a
      ? [
          ...(agreementRunning(a, reports) ? [] : agreementPoints(a, parties)),
          ...grantPoints(a, granted, parties),
          ...reportDuePoints(a, all, parties),
        ].map(from(proposed[0]))
      : []),
  ];
}

/**
 * Whether the agreement budgeted is one the case reports on (the report's own agreement period, as
 * when one workbook reports a year and budgets the next): it was approved when it began, so the
 * decision grants its later months without approving it again, as the seed's decision on a report
 * of a running agreement approves only the extension.
 */
export function agreementRunning(
  a: Agreement,
  reports: readonly Computation[],
): boolean {
  return (
    a.start !== null &&
    a.end !== null &&
    reports.some(
      (r) => r.agreement.start === a.start && r.agreement.end === a.end,
    )
  );
}

/** The workbooks that report (a half-year with actuals) and those that budget (one without). */
export function reportsAndBudgets(computations: readonly Computation[]): {
  reports: Computation[];
  /** The proposals, then the running ones. */
  budgets: Computation[];
  /** The budgets that report nothing. */
  proposals: Computation[];
  /** The reports that also budget (the rest of a running agreement). */
  running: Computation[];
} {
  const reports = computations.filter((c) =>
    c.halfYears.some((h) => h.actual !== null),
  );
  const budgets = computations.filter((c) =>
    c.halfYears.some((h) => h.actual === null),
  );
  // The proposal first: a report that budgets the rest of its agreement (a running one) after it.
  const proposals = budgets.filter((c) => !reports.includes(c));
  const running = budgets.filter((c) => reports.includes(c));
  return { reports, budgets: [...proposals, ...running], proposals, running };
}

/** Who the decision is about, and every workbook's agreement to take a missing detail from. */
interface Parties {
  /** The year granted now: the board's meeting's, when given; else the first year granted. */
  readonly nowYear: number | null;
  readonly name: string;
  readonly org: string;
  readonly agreements: readonly Agreement[];
}

type HalfYears = ReturnType<typeof distinctHalfYears>;

/** The report approved, and the surpluses to repay. */
function reportPoints(
  reports: readonly Computation[],
  { name, org }: Parties,
): string[] {
  const points: string[] = [];
  const reported = reportedHalfYears(reports);
  if (reported.length > 0) {
    const period = shortPeriodText(
      reported[0]!.halfYear.start,
      reported[reported.length - 1]!.halfYear.end,
    );
    points.push(
      `Kommunstyrelsen godkänner återrapporteringen för ${name} avseende perioden ${period} och lägger den till handlingarna.`,
    );
  }
  const repayment = caseRepaymentDue(reports);
  if (repayment) {
    const items = caseRepaymentItems(reports);
    const amounts = listText(items.map((i) => kronorText(i.amount)));
    const years = listText(items.map((i) => String(i.year)));
    const when = repayment.due ? ` senast ${dueText(repayment.due)}` : "";
    points.push(
      `Kommunstyrelsen beslutar att överskott av medel ${amounts} från verksamhetsperioden ${years} återbetalas från ${org} till kommunstyrelsen${when}.`,
    );
  }
  return points;
}

/** The agreement approved, and who signs it. */
function agreementPoints(
  a: Agreement,
  { name, agreements }: Parties,
): string[] {
  const { start, end, extension: ext } = a;
  if (!start || !end) return [];
  const span = periodText(start, end);
  const points = [
    `Kommunstyrelsen godkänner förslag till ${ext ? "förlängning av avtal" : "avtal"} avseende idéburet offentligt partnerskap (IOP) rörande ${name} för tidsperioden ${span}.`,
  ];
  const signatories =
    a.signatories.length > 0
      ? a.signatories
      : (agreements.find((x) => x.signatories.length > 0)?.signatories ?? []);
  if (signatories.length > 0)
    points.push(
      `Kommunstyrelsen anmodar ${listText(signatories)} att underteckna ${ext ? "förlängningsavtalet" : "avtalet"} avseende idéburet offentligt partnerskap (IOP) rörande ${name} för tidsperioden ${span}.`,
    );
  return points;
}

/** The grant: the first year granted now, each later year to consider in its budget. */
function grantPoints(
  a: Agreement,
  granted: HalfYears,
  { name, org, agreements, nowYear }: Parties,
): string[] {
  const ext = a.extension;
  const source =
    a.grantSource ??
    firstOf(agreements.map((x) => x.grantSource)) ??
    DEFAULT_GRANT_SOURCE;
  const years = [...new Set(granted.map((h) => h.halfYear.year))];
  const now = nowYear ?? years[0]!;
  return years.map((year) => {
    const halves = granted.filter((h) => h.halfYear.year === year);
    const amount = sum(halves.map((h) => h.budget.total));
    // An agreement that is not whole half-years grants its own months, not the half-years'.
    const from = halves[0]!.halfYear.start;
    const to = halves[halves.length - 1]!.halfYear.end;
    const within = withinAgreement(a, from, to);
    const period = periodText(within.from, within.to);
    return year <= now
      ? `Kommunstyrelsen beviljar ${org} ${kronorText(amount)} från ${source} avseende ${ext ? "förlängningen av idéburet offentligt partnerskapsavtal" : "idéburet offentligt partnerskap"} (IOP) ${name} under perioden ${period}.`
      : `Kommunstyrelsen beslutar att i beredningen av kommunfullmäktiges budget år ${year} beakta ${kronorText(amount)} till ${org} avseende ${ext ? "förlängning av idéburet offentligt partnerskap" : "idéburet offentligt partnerskap"} (IOP) ${name} under perioden ${period}.`;
  });
}

/** The report-back asked for the granted months that end before it is due. */
function reportDuePoints(
  a: Agreement,
  granted: HalfYears,
  { org, agreements }: Parties,
): string[] {
  const reportDue = reportDueOf(a, agreements);
  const covered = reportDueCovers(reportDue, granted);
  if (!reportDue || covered.length === 0) return [];
  // Report-backs are annual: an extension's report covers the whole calendar year (the
  // earlier agreement's months too, as in the seed); a new agreement's, from its start.
  const first = covered[0]!.halfYear;
  const from = a.extension ? `${first.year}-01-01` : first.start;
  const period = shortPeriodText(
    from,
    covered[covered.length - 1]!.halfYear.end,
  );
  return [
    `Kommunstyrelsen uppmanar ${org} att inkomma med återrapportering av beviljade medel för perioden ${period} till stadskontoret senast ${dayText(reportDue)}.`,
  ];
}

/** The report-back's due date: the proposed agreement's, else any workbook's of the case. */
export function reportDueOf(
  a: Agreement,
  agreements: readonly Agreement[],
): IsoDate | null {
  return a.reportDue ?? firstOf(agreements.map((x) => x.reportDue));
}

/** The granted half-years a report-back due then covers: those that end before it. */
export function reportDueCovers(
  reportDue: IsoDate | null,
  granted: readonly ComputedHalfYear[],
): ComputedHalfYear[] {
  return reportDue ? granted.filter((h) => h.halfYear.end < reportDue) : [];
}

/** The draft decision of one workbook. */
export function decisionPoints(c: Computation): string[] {
  return caseDecision([c]);
}
