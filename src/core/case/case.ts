// A case (ärende): one or more workbooks of the same Diarienummer, typically last year's report
// and the next period's budget, turned into one decision and the memo's two tables (issue 8).

import type { Analysis } from "../analyze";
import type { IsoDate } from "../reading/dates";
import type { HalfYear, HalfYearId } from "../reading/period";
import type { Ore } from "../figures/money";
import { agreementRunning, caseDecisionFrom } from "./decision";
import { meetingChecks } from "./meeting";
import { decisionDetailChecks } from "./details";
import { type Finding, finding } from "../findings/findings";
import type { PeriodTable, YearTable } from "../figures/figures";
import { normalizeKey, shownFileName } from "../reading/values";
import { hasFigures } from "../findings/summary";

export interface CaseFile {
  readonly file: string;
  readonly analysis: Analysis;
}

export interface CaseFinding {
  readonly file: string;
  readonly finding: Finding;
}

/**
 * What a file is to the case: the report judged, the budget proposed, the grant a report is held
 * to (a reference, never proposed again), or left out of the memo.
 */
export type CaseRole = "report" | "proposal" | "grant" | "left-out";

/** Why a file is left out by default. */
export type LeftOut =
  | "template"
  /**
   * No half-year could be read from it (NO_HALF_YEAR_SHEET, or every such sheet unreadable): it
   * neither budgets nor reports, so there is nothing to propose or judge (an exported ledger in a
   * folder of submissions).
   */
  | "no-half-years"
  | "earlier-report"
  | "earlier-budget"
  /**
   * A budget of half-years the judged report has reported (and does not cover them all, which
   * would make it the grant): proposing it would grant them again.
   */
  | "already-reported"
  /**
   * It budgets every half-year the judged report reports, but whether it is of the report's case
   * cannot be told (neither names a Diarienummer or a partnership both have): it may be the grant,
   * which the reviewer then chooses.
   */
  | "case-unknown"
  /**
   * Another file of the same half-years was chosen, and neither tells which was saved later (the
   * later given is chosen): the reviewer should say which applies.
   */
  | "same-half-years"
  /** Its actuals stand on sheets of their own and are not read (ACTUALS_WITHOUT_BUDGET). */
  | "actuals-not-read"
  /** The reviewer named another file for its role. */
  | "not-chosen"
  /** The reviewer left it out. */
  | "reviewer";

export interface RoledFile extends CaseFile {
  readonly role: CaseRole;
  readonly why?: LeftOut;
}

export interface Case {
  readonly name: string | null;
  readonly caseNumber: string | null;
  readonly organisation: string | null;
  readonly orgNumber: string | null;
  readonly files: readonly string[];
  /** The board's meeting the decision is drafted for, when given. */
  readonly meeting: IsoDate | null;
  /** Every file given, with its role. */
  readonly roles: readonly {
    readonly file: string;
    readonly role: CaseRole;
    readonly why?: LeftOut;
  }[];
  readonly decision: readonly string[];
  /** Who the decision is sent to: the signing administrations and the organisation. */
  readonly parties: readonly string[];
  /** The report's repayment (held to its grant): what the assessment asks to be repaid. */
  readonly repayment: {
    readonly items: readonly { readonly year: number; readonly amount: Ore }[];
    readonly due: IsoDate | null;
  } | null;
  /** The agreement period proposed, and whether it extends an earlier agreement; null when none is (a running agreement budgeted beside its report). */
  readonly proposal: {
    readonly start: IsoDate;
    readonly end: IsoDate;
    readonly extension: boolean;
  } | null;
  /** The file each decision point comes from, point by point. */
  readonly decisionFiles: readonly string[];
  readonly years: readonly YearTable[];
  readonly periods: readonly PeriodTable[];
  /**
   * The decision's dates against the meeting (a due date past when the board decides): also the
   * last of `findings`, and shown beside the decision.
   */
  readonly decisionFindings: readonly CaseFinding[];
  /** Each file's findings, file by file, then the decision's. */
  readonly findings: readonly CaseFinding[];
}

export type CaseOutcome =
  | { readonly kind: "ok"; readonly case: Case }
  /** Files of different cases: no memo can be made of them together. */
  | {
      readonly kind: "different-cases";
      readonly cases: readonly {
        readonly file: string;
        readonly caseNumber: string | null;
        readonly name: string | null;
      }[];
    };

type Agreement = Analysis["computation"]["agreement"];

/**
 * The Diarienummer as it compares ("stk-2020-1375" and "STK\u20112020\u20111375", with the
 * non-breaking hyphens a word processor writes, are "STK-2020-1375"), or null.
 */
const dnrKey = (a: Agreement) =>
  a.caseNumber
    ? a.caseNumber
        .toUpperCase()
        .replace(/\s+/g, "")
        .replace(/[\u2010-\u2015\u2212]/g, "-") || null
    : null;
/** The partnership's name as it compares, or null. */
const nameKey = (a: Agreement) =>
  a.name ? normalizeKey(a.name) || null : null;

/**
 * What two workbooks' `Uppgifter` say of their cases (SPEC §4.11, §4.15): with a Diarienummer in
 * both, the numbers decide; else, with the partnership's name in both, the names; else nothing can
 * be told (a template not filled in). The one rule of every face: the memo's case, the page's
 * grouping and pairing, `check --granted` and the diff's warning.
 */
export type CaseComparison =
  | { readonly relation: "same" | "unknown" }
  | {
      readonly relation: "different";
      /** What was compared: the Diarienummer, else the partnership's name. */
      readonly by: "caseNumber" | "name";
      /** What was compared, as each workbook writes it. */
      readonly compared: readonly [string, string];
    };

export function compareCases(a: Agreement, b: Agreement): CaseComparison {
  const x = dnrKey(a);
  const y = dnrKey(b);
  if (x !== null && y !== null)
    return x === y
      ? { relation: "same" }
      : {
          relation: "different",
          by: "caseNumber",
          compared: [a.caseNumber!, b.caseNumber!],
        };
  const m = nameKey(a);
  const n = nameKey(b);
  if (m !== null && n !== null)
    return m === n
      ? { relation: "same" }
      : { relation: "different", by: "name", compared: [a.name!, b.name!] };
  return { relation: "unknown" };
}

/**
 * Files grouped into cases, in the order first seen: by Diarienummer; a file without one joins
 * the first case it is of by its partnership's name and no file of which names another case, else
 * makes a case of its own (so does a file with neither). Each group makes one memo (buildCase
 * accepts every group).
 */
export function caseGroups<F extends CaseFile>(files: readonly F[]): F[][] {
  const groups: F[][] = [];
  const agreement = (f: F) => f.analysis.computation.agreement;
  const relation = (f: F, x: F) =>
    compareCases(agreement(f), agreement(x)).relation;
  const byNumber = new Map<string, F[]>();
  const withoutNumber: F[] = [];
  for (const f of files) {
    const dnr = dnrKey(agreement(f));
    if (dnr === null) {
      withoutNumber.push(f);
      continue;
    }
    const group = byNumber.get(dnr);
    if (group) group.push(f);
    else {
      const g = [f];
      byNumber.set(dnr, g);
      groups.push(g);
    }
  }
  for (const f of withoutNumber) {
    const joined = groups.find(
      (g) =>
        g.some((x) => relation(f, x) === "same") &&
        g.every((x) => relation(f, x) !== "different"),
    );
    if (joined) joined.push(f);
    else groups.push([f]);
  }
  // Within a case, the files in the order they came.
  const order = new Map(files.map((f, i) => [f, i]));
  return groups.map((g) => g.sort((a, b) => order.get(a)! - order.get(b)!));
}

/**
 * A template not filled in: its `Uppgifter` still holds the template's example, or names neither
 * partnership nor organisation in a workbook that reports nothing. A report, or a workbook naming
 * one of them, was filled in by someone: it keeps its role (check drafts its decision, "för
 * partnerskapet"), and the detail left empty stays its error.
 */
function isUnfilledTemplate(f: CaseFile): boolean {
  const { findings } = f.analysis;
  const missing = (key: string) =>
    findings.some((x) => x.code === "MISSING_DETAIL" && x.params.key === key);
  return (
    findings.some((x) => x.code === "EXAMPLE_DETAILS") ||
    (missing("Partnerskap") &&
      missing("Organisation") &&
      reported(f).length === 0)
  );
}

/**
 * A report whose actuals were not read, all on sheets of their own: by default neither the report
 * judged (nothing to judge) nor a budget proposed (it would grant the report's own year again).
 */
function actualsNotRead(f: CaseFile): boolean {
  return (
    reported(f).length === 0 &&
    f.analysis.findings.some((x) => x.code === "ACTUALS_WITHOUT_BUDGET")
  );
}

/** Neither a budget nor a report: no half-year was read from it. */
export const noHalfYears = (f: AnalysedFile): boolean =>
  !hasFigures(f.analysis);

/**
 * What the choice of a report's grant reads of an analysis: its half-years (which are reported),
 * its case and when it was saved. An Analysis is one; caseView makes one to keep without the rest
 * (the command line pairs a folder's files without holding them).
 */
export interface CaseView {
  readonly computation: {
    readonly agreement: Analysis["computation"]["agreement"];
    readonly halfYears: readonly {
      readonly halfYear: Pick<HalfYear, "id" | "end">;
      readonly actual: object | null;
    }[];
  };
  readonly workbook: { readonly savedAt?: string };
}

export const caseView = (a: CaseView): CaseView => ({
  computation: {
    agreement: a.computation.agreement,
    halfYears: a.computation.halfYears.map((h) => ({
      halfYear: { id: h.halfYear.id, end: h.halfYear.end },
      actual: h.actual === null ? null : {},
    })),
  },
  workbook:
    a.workbook.savedAt === undefined ? {} : { savedAt: a.workbook.savedAt },
});

type AnalysedFile = { readonly analysis: CaseView };
type HalfYearsOf<A extends CaseView> = A["computation"]["halfYears"][number];
// The half-years as the file's analysis has them: the proposal's checks read their sheets.
const halfYearsOf = <A extends CaseView>(f: { readonly analysis: A }) =>
  f.analysis.computation.halfYears as readonly HalfYearsOf<A>[];
const reported = <A extends CaseView>(f: { readonly analysis: A }) =>
  halfYearsOf(f).filter((h) => h.actual !== null);
const granted = <A extends CaseView>(f: { readonly analysis: A }) =>
  halfYearsOf(f).filter((h) => h.actual === null);

/** When the file was saved, as a number to compare; null where it does not say. */
function savedAtMs(f: AnalysedFile): number | null {
  const at = f.analysis.workbook.savedAt;
  const ms = at === undefined ? NaN : Date.parse(at);
  return Number.isNaN(ms) ? null : ms;
}

/** 1 when `a` was saved after `b`, −1 before, 0 where either does not say or both say the same. */
export function savedOrder(a: AnalysedFile, b: AnalysedFile): number {
  const [x, y] = [savedAtMs(a), savedAtMs(b)];
  return x === null || y === null ? 0 : Math.sign(x - y);
}

/**
 * Whether `f`, given after `best`, is the later version: its half-years end later, or as late and
 * it was saved later (two versions of one report: the correction is judged, whatever its file's
 * name, "rapport (2).xlsx" given before "rapport.xlsx"); where nothing tells, the later given.
 */
function isLater<F extends CaseFile>(
  f: F,
  best: F,
  end: (x: F) => string,
): boolean {
  const [a, b] = [end(f), end(best)];
  return a !== b ? a > b : savedOrder(f, best) >= 0;
}

/**
 * The grants a report is held to among `files`, of its case (compareCases says "same": one of a
 * case that cannot be told is held to only when the reviewer chooses it): a workbook whose budgeted
 * half-years cover every half-year the report reports (a budget, or an earlier report that budgets
 * its next year: a running agreement's); where none does, for each reported half-year the workbook
 * that budgets it (a calendar year's report across an agreement and its extension), when every one
 * has one. Of two, the one saved later, else the first given. The memo's default, the page's queue
 * and `check` of several files (grantedPairs) all take them so.
 */
export function grantsFor<F extends AnalysedFile>(
  report: F,
  files: readonly F[],
): F[] {
  const ids = reportedIds(report);
  if (ids.length === 0) return [];
  const sameCase = files.filter(
    (f) => f !== report && relationOf(report, f) === "same",
  );
  const preferred = grantsInOrder(sameCase);
  const whole = preferred.find((f) => covers(report, f));
  if (whole) return [whole];
  const each = holdersOf(report, preferred);
  if (!each.every((f) => f !== undefined)) return [];
  const used = new Set(each);
  return preferred.filter((f) => used.has(f));
}

/**
 * For each half-year the report reports, the first of `grants` that budgets it (grantedModel's
 * rule, `grants` in grantsInOrder's order), or undefined where none does.
 */
function holdersOf<F extends AnalysedFile>(
  report: AnalysedFile,
  grants: readonly F[],
): (F | undefined)[] {
  return reportedIds(report).map((id) =>
    grants.find((f) => grantedIds(f).has(id)),
  );
}

/**
 * Grants as every face lists them, each file with the half-years held to it (`byGrant`, in the
 * order the grants were given): by the first half-year each holds (the agreement before its
 * extension), one that holds none last; not in the order they hold half-years in, which follows
 * when the files were saved.
 */
export function grantsAsShown<T>(
  files: readonly T[],
  granted: { readonly byGrant: readonly (readonly HalfYearId[])[] } | null,
): { file: T; periods: HalfYearId[] }[] {
  const first = (g: { periods: readonly string[] }) => g.periods[0] ?? "\uffff";
  return files
    .map((file, i) => ({ file, periods: [...(granted?.byGrant[i] ?? [])] }))
    .sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
}

/**
 * Grants in the order a report's half-years are held to them, each to the first that budgets it
 * (grantedModel): the later saved first, then those that do not say when, as given.
 */
export function grantsInOrder<F extends AnalysedFile>(
  grants: readonly F[],
): F[] {
  const at = grants.map((f) => savedAtMs(f) ?? -Infinity);
  return grants
    .map((f, i) => ({ f, at: at[i]! }))
    .sort((x, y) => (x.at === y.at ? 0 : x.at < y.at ? 1 : -1))
    .map((x) => x.f);
}

const reportedIds = (f: AnalysedFile) => reported(f).map((h) => h.halfYear.id);
// Each workbook's budgeted half-years made once: a batch pairs every report with every file.
const granting = new WeakMap<CaseView, ReadonlySet<string>>();
function grantedIds(f: AnalysedFile): ReadonlySet<string> {
  let ids = granting.get(f.analysis);
  if (!ids)
    granting.set(
      f.analysis,
      (ids = new Set(granted(f).map((h) => h.halfYear.id))),
    );
  return ids;
}

const lastEnd = (hs: ReturnType<typeof reported>) =>
  hs.reduce((m, h) => (h.halfYear.end > m ? h.halfYear.end : m), "");

const reportEnd = (f: AnalysedFile) => lastEnd(reported(f));
const budgetEnd = (f: AnalysedFile) => lastEnd(granted(f));

/** Whether `b` budgets every half-year the report reports: it may be the report's grant. */
const covers = (report: AnalysedFile, b: AnalysedFile) =>
  reportedIds(report).every((id) => grantedIds(b).has(id));

const relationOf = (a: AnalysedFile, b: AnalysedFile) =>
  compareCases(
    a.analysis.computation.agreement,
    b.analysis.computation.agreement,
  ).relation;

/** Whether budget `b` budgets a half-year the report has reported. */
const overlaps = (report: AnalysedFile | null, b: AnalysedFile) =>
  report !== null && reportedIds(report).some((id) => grantedIds(b).has(id));

/**
 * The roles a reviewer gives a case's files unless told otherwise: the latest report is judged
 * and the latest budget proposed; a budget whose half-years cover the report's is the grant the
 * report is held to (never proposed again); an unfilled template, earlier reports, earlier
 * budgets and a budget of half-years the report has reported (it would grant them again) are left
 * out.
 */
export function defaultRoles<F extends CaseFile>(
  files: readonly F[],
): (F & { role: CaseRole; why?: LeftOut })[] {
  const filled = files.filter(
    (f) => !isUnfilledTemplate(f) && !actualsNotRead(f) && !noHalfYears(f),
  );
  // The latest report: the one whose reported half-years end last (on a tie, the later saved).
  const report = filled
    .filter((f) => reported(f).length > 0)
    .reduce<F | null>(
      (best, f) => (best === null || isLater(f, best, reportEnd) ? f : best),
      null,
    );
  const grants = report ? grantsFor(report, filled) : [];
  const proposal = filled
    .filter(
      (b) =>
        reported(b).length === 0 && !grants.includes(b) && !overlaps(report, b),
    )
    .reduce<F | null>(
      (best, f) => (best === null || isLater(f, best, budgetEnd) ? f : best),
      null,
    );
  return files.map((f) => {
    if (f === report) return { ...f, role: "report" as const };
    if (grants.includes(f)) return { ...f, role: "grant" as const };
    if (f === proposal) return { ...f, role: "proposal" as const };
    return {
      ...f,
      role: "left-out" as const,
      why: whyLeftOut(f, report, proposal),
    };
  });
}

/** Why defaultRoles leaves `f` out, beside the report judged and the budget proposed. */
function whyLeftOut(
  f: CaseFile,
  report: AnalysedFile | null,
  proposal: AnalysedFile | null,
): LeftOut {
  // One of the same half-years as the file chosen, where nothing tells which is the later.
  const sameAs = (
    chosen: AnalysedFile | null,
    end: (x: AnalysedFile) => string,
  ) => chosen !== null && end(f) === end(chosen) && savedOrder(f, chosen) === 0;
  if (isUnfilledTemplate(f)) return "template";
  if (actualsNotRead(f)) return "actuals-not-read";
  if (noHalfYears(f)) return "no-half-years";
  if (reported(f).length > 0)
    return sameAs(report, reportEnd) ? "same-half-years" : "earlier-report";
  // What grantsFor would take but for the case, which cannot be told.
  if (
    report !== null &&
    covers(report, f) &&
    relationOf(report, f) === "unknown"
  )
    return "case-unknown";
  if (overlaps(report, f)) return "already-reported";
  return sameAs(proposal, budgetEnd) ? "same-half-years" : "earlier-budget";
}

/**
 * The files' roles as the reviewer chose them (`memo --report …`, the page's and the pane's role
 * choice), the rest as defaultRoles gives them; a default the reviewer's choice displaces is left
 * out, since a case has one report, one proposal and the grants the reviewer chose.
 */
export function chooseRoles<F extends CaseFile>(
  files: readonly F[],
  chosen: ReadonlyMap<string, CaseRole>,
): (F & { role: CaseRole; why?: LeftOut })[] {
  const taken = new Set(chosen.values());
  const defaults = defaultRoles(files);
  return files.map((f, i) => {
    const role = chosen.get(f.file);
    if (role === "left-out") return { ...f, role, why: "reviewer" as const };
    if (role) return { ...f, role };
    const d = defaults[i]!;
    if (d.role !== "left-out" && taken.has(d.role))
      return { ...f, role: "left-out" as const, why: "not-chosen" as const };
    return d;
  });
}

/**
 * The case of the files, each in its role (by default, defaultRoles): the decision and the tables
 * from the report and the proposal only; every file's findings.
 */
export function buildCase(
  files: readonly (CaseFile | RoledFile)[],
  /** The board's meeting (`memo --date`): it decides which year is granted now. */
  meeting: IsoDate | null = null,
): CaseOutcome {
  const agreements = files.map((f) => f.analysis.computation.agreement);
  // No two files that say they are of different cases (what check --granted calls another case).
  if (
    agreements.some((a, i) =>
      agreements
        .slice(i + 1)
        .some((b) => compareCases(a, b).relation === "different"),
    )
  )
    return {
      kind: "different-cases",
      cases: files.map((f, i) => ({
        file: f.file,
        caseNumber: agreements[i]!.caseNumber,
        name: agreements[i]!.name,
      })),
    };
  const roled: readonly RoledFile[] = files.every(
    (f): f is RoledFile => "role" in f,
  )
    ? files
    : defaultRoles(files);
  const judged = roled.filter(
    (f) => f.role === "report" || f.role === "proposal",
  );
  const computations = judged.map((f) => f.analysis.computation);
  const decision = caseDecisionFrom(computations, meeting);
  const ordered = byRole(roled, judged);
  const identity = identityOf(ordered);
  const decisionFindings = [
    ...decisionChecks(roled, judged, meeting),
    ...namesDifferChecks(roled, identity.name),
    ...grantedAgainChecks(roled),
    ...grantedInPartsChecks(roled),
  ];
  const seenYears = new Set<number>();
  const years = computations
    .flatMap((c) => c.yearTables)
    .filter((y) => !seenYears.has(y.year) && !!seenYears.add(y.year))
    .sort((a, b) => a.year - b.year);
  return {
    kind: "ok",
    case: {
      ...identity,
      files: files.map((f) => f.file),
      meeting,
      parties: partiesOf(ordered),
      repayment: repaymentOf(roled.find((f) => f.role === "report")),
      proposal: proposalOf(
        roled.find((f) => f.role === "proposal"),
        roled.find((f) => f.role === "report"),
      ),
      roles: roled.map(({ file, role, why }) =>
        why ? { file, role, why } : { file, role },
      ),
      decision: decision.map((d) => d.point),
      decisionFiles: decision.map((d) => judged[d.source]!.file),
      years,
      periods: computations
        .flatMap((c) => c.periodTables)
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
      decisionFindings,
      findings: [
        ...files.flatMap((f) =>
          f.analysis.findings.map((finding) => ({ file: f.file, finding })),
        ),
        ...decisionFindings,
      ],
    },
  };
}

/**
 * What the decision of the report and the proposal lacks, and its dates against the meeting; a
 * case with neither has no decision at all, which the memo would otherwise show without a word.
 */
function decisionChecks(
  roled: readonly RoledFile[],
  judged: readonly RoledFile[],
  meeting: IsoDate | null,
): CaseFinding[] {
  const computations = judged.map((f) => f.analysis.computation);
  const [first] = roled;
  if (judged.length === 0 && first)
    return [
      {
        file: first.file,
        finding: finding("NOTHING_TO_DECIDE", null, null, {}),
      },
    ];
  return [
    ...decisionDetailChecks(computations),
    ...(meeting ? meetingChecks(computations, meeting) : []),
  ].map(({ source, finding }) => ({ file: judged[source]!.file, finding }));
}

/**
 * A file the decision draws on (the report, the proposal, the grant) that names the partnership
 * otherwise than the name the memo uses (identityOf's): one Dnr, two names, and the decision says
 * only one of them.
 */
function namesDifferChecks(
  roled: readonly RoledFile[],
  used: string | null,
): CaseFinding[] {
  if (used === null) return [];
  const key = normalizeKey(used);
  return roled.flatMap((f) => {
    const a = f.analysis.workbook.agreement;
    const name = f.analysis.computation.agreement.name;
    return f.role === "left-out" || name === null || normalizeKey(name) === key
      ? []
      : [
          {
            file: f.file,
            finding: finding(
              "CASE_NAMES_DIFFER",
              a.sheet,
              a.cells.name ?? null,
              { name, used },
            ),
          },
        ];
  });
}

/**
 * Each half-year the proposal budgets that the case already holds, reported by its report or
 * granted by its grant: the decision would grant it a second time (the agreement year's budget
 * proposed beside the report of the calendar year; an extension whose period begins inside the
 * grant's).
 */
function grantedAgainChecks(roled: readonly RoledFile[]): CaseFinding[] {
  const proposal = roled.find((f) => f.role === "proposal");
  if (!proposal) return [];
  const report = roled.find((x) => x.role === "report");
  const holders = [
    {
      f: report,
      by: "report" as const,
      ids: report && new Set(reportedIds(report)),
    },
    // The rest of a running agreement that the report budgets, which the decision grants too.
    { f: report, by: "running" as const, ids: report && grantedIds(report) },
    ...roled
      .filter((x) => x.role === "grant")
      .map((f) => ({ f, by: "grant" as const, ids: grantedIds(f) })),
  ];
  return granted(proposal).flatMap((h) => {
    const by = holders.find((x) => x.ids?.has(h.halfYear.id));
    return by?.f
      ? [
          {
            file: proposal.file,
            finding: finding("PROPOSAL_GRANTED_AGAIN", h.source.sheet, null, {
              halfYear: h.halfYear.id,
              file: shownFileName(by.f.file),
              by: by.by,
            }),
          },
        ]
      : [];
  });
}

/**
 * A report that no one workbook of its case grants, but whose half-years the case's workbooks grant
 * between them (next year's report of an agreement extended mid-year: 2025-H1 granted by the
 * agreement, 2025-H2 by its extension): it is judged on its own budget, which the decision must not
 * rest on without a word.
 */
function grantedInPartsChecks(roled: readonly RoledFile[]): CaseFinding[] {
  const report = roled.find((f) => f.role === "report");
  if (!report || roled.some((f) => f.role === "grant")) return [];
  // The grants the default would have taken (grantsFor), each with the half-years it would hold.
  const parts = grantsFor(report, roled);
  if (parts.length < 2) return [];
  const holders = holdersOf(report, parts);
  const ids = reportedIds(report);
  const byGrant = parts.map((f) => ids.filter((_, i) => holders[i] === f));
  return [
    {
      file: report.file,
      finding: finding("REPORT_GRANTED_IN_PARTS", null, null, {
        parts: grantsAsShown(parts, { byGrant })
          .map((p) => `${shownFileName(p.file.file)} (${p.periods.join(", ")})`)
          .join(", "),
      }),
    },
  ];
}

/**
 * The files' agreements in the order the case's identity is taken from them, as the decision
 * names it: the report's and the proposal's first, then the grant's, a left-out file's last (an
 * earlier report under the organisation's old name, or signed by others).
 */
function byRole(
  roled: readonly RoledFile[],
  judged: readonly RoledFile[],
): Agreement[] {
  return [...judged, ...roled.filter((f) => f.role === "grant"), ...roled].map(
    (f) => f.analysis.computation.agreement,
  );
}

/** The case's identity: each detail from the first agreement (byRole) that has it. */
function identityOf(
  agreements: readonly Agreement[],
): Pick<Case, "name" | "caseNumber" | "organisation" | "orgNumber"> {
  const first = <
    K extends "name" | "caseNumber" | "organisation" | "orgNumber",
  >(
    k: K,
  ) => agreements.map((a) => a[k]).find((v) => v !== null) ?? null;
  return {
    name: first("name"),
    caseNumber: first("caseNumber"),
    organisation: first("organisation"),
    orgNumber: first("orgNumber"),
  };
}

function partiesOf(agreements: readonly Agreement[]): string[] {
  const signatories =
    agreements.find((a) => a.signatories.length > 0)?.signatories ?? [];
  const organisation = agreements.find((a) => a.organisation)?.organisation;
  return [...signatories, ...(organisation ? [organisation] : [])];
}

function repaymentOf(report: RoledFile | undefined): Case["repayment"] {
  const r = report?.analysis.computation.repayment;
  return r && r.total > 0
    ? {
        items: r.items.map(({ year, amount }) => ({ year, amount })),
        due: r.due,
      }
    : null;
}

/** The agreement proposed; none where it is the one reported on (a running agreement's budget). */
function proposalOf(
  proposal: RoledFile | undefined,
  report: RoledFile | undefined,
): Case["proposal"] {
  const a = proposal?.analysis.computation.agreement;
  const reports = report ? [report.analysis.computation] : [];
  return a?.start && a.end && !agreementRunning(a, reports)
    ? { start: a.start, end: a.end, extension: a.extension }
    : null;
}
