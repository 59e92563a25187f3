// A report judged against the budget that was granted (issue 9), not against its own budget
// column: a line's budget changed in the report would otherwise change what it repays by as much,
// with nothing to show for it (raised from 100 000 to 130 000, it repays 92 149 kr where 59 149 kr
// was left of what was paid).

import { type Analysis, judge } from "../analyze";
import { compute } from "../figures/compute";
import type { ComputedHalfYear, Computation } from "../figures/figures";
import { type CaseView, compareCases, grantsFor } from "./case";
import { type Finding, finding } from "../findings/findings";
import type { WorkbookSheets } from "../reading/grid";
import {
  type Agreement,
  type BudgetWorkbook,
  type HalfYearSheet,
  type LineInput,
  cellOf,
} from "../model";
import { ZERO, subtract } from "../figures/money";
import type { HalfYearId } from "../reading/period";
import { byLineKey, keyOfLine } from "../figures/tables";
import { readWorkbook } from "../reading/read";
import { append } from "../lists";

/** A rate as a message param: percent points, written in the reader's language by the catalogue. */
const ratePercent = (ppm: number) => ppm / 10_000;

/**
 * The OH rate of each grant that holds half-years of the report, where it is not the report's: once
 * for each rate, naming its half-years where several grants hold them.
 */
function rateChanges(
  report: Agreement,
  used: readonly { agreement: Agreement; periods: readonly HalfYearId[] }[],
): Finding[] {
  const byRate = new Map<number, HalfYearId[]>();
  for (const { agreement, periods } of used) {
    const ppm = agreement.overheadRatePpm;
    if (ppm === null || ppm === report.overheadRatePpm) continue;
    byRate.set(ppm, [...(byRate.get(ppm) ?? []), ...periods]);
  }
  return [...byRate].map(([ppm, halfYears]) =>
    finding(
      "GRANTED_RATE_CHANGED",
      report.sheet,
      report.cells.overheadRate ?? null,
      {
        reported:
          report.overheadRatePpm === null
            ? null
            : ratePercent(report.overheadRatePpm),
        granted: ratePercent(ppm),
        halfYears: used.length > 1 ? halfYears.join(", ") : null,
      },
    ),
  );
}

/** The report's agreement period against a grant's. */
function periodChange(report: Agreement, granted: Agreement): Finding | null {
  if (
    granted.start &&
    granted.end &&
    report.start &&
    report.end &&
    (report.start !== granted.start || report.end !== granted.end)
  )
    return finding(
      "GRANTED_PERIOD_CHANGED",
      report.sheet,
      report.cells.start ?? null,
      {
        reported: `${report.start} – ${report.end}`,
        granted: `${granted.start} – ${granted.end}`,
        grants: 1,
      },
    );
  return null;
}

/** A reported half-year held to its grant, and every difference as a finding at the report's cell. */
interface Held {
  readonly sheet: HalfYearSheet;
  readonly findings: readonly Finding[];
}

/**
 * One reported half-year held to its granted half-year: each line gets the granted line's budget
 * (a line the grant lacks gets 0, a granted line the report lacks comes back with no spending).
 */
function holdToGrant(
  sheet: HalfYearSheet,
  own: ComputedHalfYear,
  granted: ComputedHalfYear,
  rateChanged: boolean,
): Held {
  const grantedLines = byLineKey(
    granted.lines.filter((l) => l.input.category !== "overhead"),
    (l) => l.input,
  );
  // How many of each key's granted lines are taken, in order (Array.shift moves the rest each time:
  // 200 000 shifts of one list take 2 s).
  const taken = new Map<string, number>();
  const take = (key: string) => {
    const i = taken.get(key) ?? 0;
    const line = grantedLines.get(key)?.[i];
    if (line) taken.set(key, i + 1);
    return line;
  };
  const held = own.lines.map((l) =>
    holdLine(sheet, l, take(keyOfLine(l.input))),
  );
  const removed = [...grantedLines].flatMap(([key, lines]) =>
    lines.slice(taken.get(key) ?? 0).map((l) => ({
      line: removedLine(sheet, l),
      finding: finding("GRANTED_LINE_REMOVED", sheet.sheet, null, {
        label: l.input.label,
        halfYear: sheet.halfYear.id,
        grantedOre: l.effectiveBudget,
      }),
    })),
  );
  const findings = [
    ...held.flatMap((h) => (h.finding ? [h.finding] : [])),
    ...removed.map((r) => r.finding),
    ...totalExceeded(sheet, own, granted),
  ];
  // Another OH rate changes the OH the report typed: held to the grant's, as every change is.
  const differs =
    rateChanged || removed.length > 0 || held.some((h) => h.differs);
  // The report keeps the grant in this half-year: judged as it is, with all its own checks
  // (its Differens cells and Summa row against its own, equal, budget).
  if (!differs) return { sheet, findings };
  return {
    sheet: {
      ...sheet,
      lines: [...held.map((h) => h.line), ...removed.map((r) => r.line)],
      total: sheet.total
        ? { ...sheet.total, budget: null, variance: null }
        : null,
    },
    findings,
  };
}

// The grant's budget stands: the report's salary inputs, and its persons, do not cost the line.
const NO_SALARY = {
  servicePercentMicro: null,
  monthsMicro: null,
  monthlyCost: null,
  heldToGrant: true,
} as const;

function holdLine(
  sheet: HalfYearSheet,
  { input, effectiveBudget }: ComputedHalfYear["lines"][number],
  match: ComputedHalfYear["lines"][number] | undefined,
): { line: LineInput; finding: Finding | null; differs: boolean } {
  if (input.category === "overhead")
    // The OH the rate gives on the granted direct costs: the entered one is the report's own.
    return {
      line: {
        ...input,
        budget: null,
        variance: null,
        reportedBudget: input.budget,
      },
      finding: null,
      differs: false,
    };
  const budget = match ? match.effectiveBudget : ZERO;
  const same = match !== undefined && effectiveBudget === budget;
  const line: LineInput = {
    ...input,
    ...(same ? {} : NO_SALARY),
    budget,
    variance: null,
    reportedBudget: input.budget,
  };
  if (!match)
    return {
      line,
      finding: finding(
        "GRANTED_LINE_ADDED",
        sheet.sheet,
        cellOf(sheet, input.row, "label"),
        {
          label: input.label,
          halfYear: sheet.halfYear.id,
          reportedOre: effectiveBudget,
        },
      ),
      differs: true,
    };
  if (same) return { line, finding: null, differs: false };
  return {
    line,
    finding: finding(
      "GRANTED_LINE_CHANGED",
      sheet.sheet,
      cellOf(sheet, input.row, "budget"),
      {
        label: input.label,
        halfYear: sheet.halfYear.id,
        reportedOre: effectiveBudget,
        grantedOre: budget,
      },
    ),
    differs: true,
  };
}

/** Granted and not reported: nothing was spent on it. Its row is the table's header (it has none). */
function removedLine(
  sheet: HalfYearSheet,
  l: ComputedHalfYear["lines"][number],
): LineInput {
  return {
    ...l.input,
    ...NO_SALARY,
    row: sheet.headerRow,
    budget: l.effectiveBudget,
    actual: ZERO,
    variance: null,
    unreadable: [],
    formulas: {},
    reportedBudget: null,
  };
}

function totalExceeded(
  sheet: HalfYearSheet,
  own: ComputedHalfYear,
  granted: ComputedHalfYear,
): Finding[] {
  if (own.budget.total <= granted.budget.total) return [];
  const t = sheet.total;
  return [
    finding(
      "GRANTED_TOTAL_EXCEEDED",
      sheet.sheet,
      t ? cellOf(sheet, t.row, "budget") : null,
      {
        halfYear: sheet.halfYear.id,
        reportedOre: own.budget.total,
        grantedOre: granted.budget.total,
        overOre: subtract(own.budget.total, granted.budget.total),
      },
    ),
  ];
}

/** The report's agreement period, said only when it is none of the grants' (it names them all). */
function periodChanges(
  report: Agreement,
  grants: readonly Agreement[],
): Finding[] {
  const changes = grants.map((g) => periodChange(report, g));
  const [first] = changes;
  // A report across an agreement and its extension has the period of one of them.
  if (!first || !changes.every((c) => c !== null)) return [];
  if (grants.length === 1) return [first];
  return [
    finding("GRANTED_PERIOD_CHANGED", first.sheet, first.cell, {
      reported: `${report.start} – ${report.end}`,
      granted: grants.map((g) => `${g.start} – ${g.end}`).join(", "),
      grants: grants.length,
    }),
  ];
}

/**
 * The report's model with the granted budget in place of its own, for every reported half-year:
 * each held to the first of `grants` that budgets it (a report of a calendar year across an
 * agreement and its extension is granted by both). A grant's OH rate holds its half-years.
 */
export function grantedModel(
  report: BudgetWorkbook,
  grants: readonly Computation[],
): {
  workbook: BudgetWorkbook;
  periods: HalfYearId[];
  /** The periods held to each grant, in the order given. */
  byGrant: HalfYearId[][];
  findings: Finding[];
} {
  const own = compute(report); // the report's own figures, to compare; its findings are not ours
  const grantOf = new Map<HalfYearId, { h: ComputedHalfYear; i: number }>();
  grants.forEach((g, i) => {
    for (const h of g.halfYears)
      if (h.actual === null && !grantOf.has(h.halfYear.id))
        grantOf.set(h.halfYear.id, { h, i });
  });
  // The rate of the model: the first grant's that holds a half-year (else the report's own: its
  // half-years stay its own); a half-year held to a grant of another rate carries its own.
  const reportedIds = own.halfYears.flatMap((h) =>
    h.actual === null ? [] : [h.halfYear.id],
  );
  const firstUsed = reportedIds
    .map((id) => grantOf.get(id)?.i)
    .find((i) => i !== undefined);
  const ownRate = report.agreement.overheadRatePpm;
  const modelRate =
    (firstUsed === undefined
      ? null
      : grants[firstUsed]!.agreement.overheadRatePpm) ?? ownRate;
  const periods: HalfYearId[] = [];
  const byGrant: HalfYearId[][] = grants.map(() => []);
  const findings: Finding[] = [];
  const halfYears = report.halfYears.map((s) => {
    const mine = own.halfYears.find((h) => h.source === s);
    if (!mine || mine.actual === null) return s; // a budget half-year of the report, or a duplicate
    const g = grantOf.get(s.halfYear.id);
    if (!g) {
      findings.push(
        finding("HALF_YEAR_NOT_GRANTED", s.sheet, s.periodCell, {
          halfYear: s.halfYear.id,
          grants: grants.length,
        }),
      );
      // Its own budget, at its own rate.
      return ownRate === modelRate ? s : { ...s, heldRatePpm: ownRate };
    }
    periods.push(s.halfYear.id);
    byGrant[g.i]!.push(s.halfYear.id);
    // A grant without a rate holds its half-years at the report's own, as one grant always did.
    const rate = grants[g.i]!.agreement.overheadRatePpm ?? ownRate;
    const held = holdToGrant(s, mine, g.h, rate !== ownRate);
    append(findings, held.findings);
    return rate === modelRate
      ? held.sheet
      : { ...held.sheet, heldRatePpm: rate };
  });
  const used = grants.filter((_, i) => byGrant[i]!.length > 0);
  return {
    workbook: {
      agreement: { ...report.agreement, overheadRatePpm: modelRate },
      halfYears,
      // Lönekalkyl stays the report's: its persons' checks, and the costs of the half-years the
      // grant does not hold.
      ...(report.salaries === undefined ? {} : { salaries: report.salaries }),
    },
    periods,
    byGrant,
    findings: [
      ...rateChanges(
        report.agreement,
        grants.flatMap((g, i) =>
          byGrant[i]!.length > 0
            ? [{ agreement: g.agreement, periods: byGrant[i]! }]
            : [],
        ),
      ),
      ...periodChanges(
        report.agreement,
        (used.length > 0 ? used : grants).map((g) => g.agreement),
      ),
      ...findings,
    ],
  };
}

/**
 * analyze, with the figures of the reported half-years computed against the grants (SPEC §4.15):
 * each half-year against the first that budgets it. A granted budget of another case is an error
 * finding, and the report is judged on its own.
 */
export function analyzeAgainstGranted(
  grids: WorkbookSheets,
  grants: readonly Analysis[],
): Analysis {
  const { workbook, findings } = readWorkbook(grids);
  const agreements = grants.map((g) => g.computation.agreement);
  // Held to the grant the reviewer chose when the two cannot be told apart; said, not claimed to be
  // another case ("–" against "–").
  const cases = agreements.map((g) => compareCases(workbook.agreement, g));
  const other = cases.find((c) => c.relation === "different");
  if (other || grants.length === 0)
    return judge(workbook, {
      model: workbook,
      findings: [
        ...findings,
        ...(other
          ? [
              finding(
                "GRANTED_OTHER_CASE",
                workbook.agreement.sheet,
                // The cell of what was compared: the Dnr, or the name.
                workbook.agreement.cells[other.by] ?? null,
                { reported: other.compared[0], granted: other.compared[1] },
              ),
            ]
          : []),
      ],
      granted: null,
    });
  const held = grantedModel(
    workbook,
    grants.map((g) => g.computation),
  );
  const unchecked = cases.every((c) => c.relation === "same")
    ? []
    : [
        finding(
          "GRANTED_CASE_UNCHECKED",
          workbook.agreement.sheet,
          workbook.agreement.cells.caseNumber ??
            workbook.agreement.cells.name ??
            null,
          {},
        ),
      ];
  return judge(workbook, {
    model: held.workbook,
    findings: [...findings, ...unchecked, ...held.findings],
    granted: {
      periods: held.periods,
      byGrant: held.byGrant,
      caseNumber: agreements[0]!.caseNumber,
    },
  });
}

/**
 * Reports paired with the granted budgets they are held to, in a batch (grantsFor: a budget of the
 * same case whose half-years cover every reported half-year of the report, else one for each).
 * Returns report index → the budgets' indexes.
 */
export function grantedPairs(
  files: readonly { readonly analysis: CaseView }[],
): Map<number, number[]> {
  const pairs = new Map<number, number[]>();
  files.forEach((report, i) => {
    const grants = grantsFor(report, files);
    if (grants.length > 0)
      pairs.set(
        i,
        grants.map((g) => files.indexOf(g)),
      );
  });
  return pairs;
}
