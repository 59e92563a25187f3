// A report judged against the budget that was granted (issue 9), not against its own budget
// column: a partner who raises a line's budget in the report would otherwise lower what it repays
// by the same amount, with nothing to show for it.

import { type Analysis, judge } from "../analyze";
import { compute } from "../figures/compute";
import type { ComputedHalfYear, Computation } from "../figures/figures";
import { type CaseView, compareCases, grantFor } from "./case";
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

/** The report's agreement details against the granted budget's: the rate and the period. */
function compareAgreements(report: Agreement, granted: Agreement): Finding[] {
  const out: Finding[] = [];
  if (
    granted.overheadRatePpm !== null &&
    report.overheadRatePpm !== granted.overheadRatePpm
  )
    out.push(
      finding(
        "GRANTED_RATE_CHANGED",
        report.sheet,
        report.cells.overheadRate ?? null,
        {
          reported:
            report.overheadRatePpm === null
              ? null
              : ratePercent(report.overheadRatePpm),
          granted: ratePercent(granted.overheadRatePpm),
        },
      ),
    );
  if (
    granted.start &&
    granted.end &&
    report.start &&
    report.end &&
    (report.start !== granted.start || report.end !== granted.end)
  )
    out.push(
      finding(
        "GRANTED_PERIOD_CHANGED",
        report.sheet,
        report.cells.start ?? null,
        {
          reported: `${report.start} – ${report.end}`,
          granted: `${granted.start} – ${granted.end}`,
        },
      ),
    );
  return out;
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

/** The report's model with the granted budget in place of its own, for every reported half-year. */
export function grantedModel(
  report: BudgetWorkbook,
  granted: Computation,
): {
  workbook: BudgetWorkbook;
  periods: HalfYearId[];
  findings: Finding[];
} {
  const own = compute(report); // the report's own figures, to compare; its findings are not ours
  const grantedById = new Map(
    granted.halfYears
      .filter((h) => h.actual === null)
      .map((h) => [h.halfYear.id, h] as const),
  );
  const findings = compareAgreements(report.agreement, granted.agreement);
  const rateChanged =
    granted.agreement.overheadRatePpm !== null &&
    granted.agreement.overheadRatePpm !== report.agreement.overheadRatePpm;
  const periods: HalfYearId[] = [];
  const halfYears = report.halfYears.map((s) => {
    const mine = own.halfYears.find((h) => h.source === s);
    if (!mine || mine.actual === null) return s; // a budget half-year of the report, or a duplicate
    const g = grantedById.get(s.halfYear.id);
    if (!g) {
      findings.push(
        finding("HALF_YEAR_NOT_GRANTED", s.sheet, s.periodCell, {
          halfYear: s.halfYear.id,
        }),
      );
      return s;
    }
    periods.push(s.halfYear.id);
    const held = holdToGrant(s, mine, g, rateChanged);
    append(findings, held.findings);
    return held.sheet;
  });
  return {
    workbook: {
      agreement: {
        ...report.agreement,
        overheadRatePpm:
          granted.agreement.overheadRatePpm ?? report.agreement.overheadRatePpm,
      },
      halfYears,
      // Lönekalkyl stays the report's: its persons' checks, and the costs of the half-years the
      // grant does not hold.
      ...(report.salaries === undefined ? {} : { salaries: report.salaries }),
    },
    periods,
    findings,
  };
}

/**
 * analyze, with the figures of the reported half-years computed against `granted` (SPEC §4.15).
 * A granted budget of another case is an error finding, and the report is judged on its own.
 */
export function analyzeAgainstGranted(
  grids: WorkbookSheets,
  granted: Analysis,
): Analysis {
  const { workbook, findings } = readWorkbook(grids);
  const grant = granted.computation.agreement;
  // Held to the grant the reviewer chose when the two cannot be told apart; said, not claimed to be
  // another case ("–" against "–").
  const cases = compareCases(workbook.agreement, grant);
  if (cases.relation === "different")
    return judge(workbook, {
      model: workbook,
      findings: [
        ...findings,
        finding(
          "GRANTED_OTHER_CASE",
          workbook.agreement.sheet,
          // The cell of what was compared: the Dnr, or the name.
          workbook.agreement.cells[cases.by] ?? null,
          { reported: cases.compared[0], granted: cases.compared[1] },
        ),
      ],
      granted: null,
    });
  const held = grantedModel(workbook, granted.computation);
  const unchecked =
    cases.relation === "same"
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
    granted: { periods: held.periods, caseNumber: grant.caseNumber },
  });
}

/**
 * Reports paired with the granted budget they are held to, in a batch (grantFor: a budget of the
 * same case whose half-years cover every reported half-year of the report). Returns report index
 * → budget index.
 */
export function grantedPairs(
  files: readonly { readonly analysis: CaseView }[],
): Map<number, number> {
  const pairs = new Map<number, number>();
  files.forEach((report, i) => {
    const grant = grantFor(report, files);
    if (grant) pairs.set(i, files.indexOf(grant));
  });
  return pairs;
}
