// A report judged against the budget that was granted (issue 9), not against its own budget
// column: a partner who raises a line's budget in the report would otherwise lower what it repays
// by the same amount, with nothing to show for it.

import type { Analysis } from "./analyze";
import { compute } from "./compute";
import type { ComputedHalfYear, Computation, GrantedSource } from "./figures";
import { sameCase } from "./case";
import { decisionPoints } from "./decision";
import { type Finding, compareFindings, finding } from "./findings";
import type { Grid } from "./grid";
import {
  type Agreement,
  type BudgetWorkbook,
  type HalfYearSheet,
  type LineInput,
  cellOf,
} from "./model";
import type { Ore } from "./money";
import type { HalfYearId } from "./period";
import { byLineKey, keyOfLine } from "./tables";
import { readWorkbook } from "./read";

/** A rate as a message param: percent points, written in the reader's language by the catalogue. */
const ratePercent = (ppm: number | null) => (ppm === null ? "–" : ppm / 10_000);

/** The report's agreement details against the granted budget's: the rate and the period. */
function compareAgreements(
  report: Agreement,
  granted: Agreement,
  findings: Finding[],
): void {
  if (
    granted.overheadRatePpm !== null &&
    report.overheadRatePpm !== granted.overheadRatePpm
  )
    findings.push(
      finding(
        "GRANTED_RATE_CHANGED",
        report.sheet,
        report.cells.overheadRate ?? null,
        {
          reported: ratePercent(report.overheadRatePpm),
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
    findings.push(
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
}

const NO_SALARY = {
  servicePercentMicro: null,
  monthsMicro: null,
  monthlyCost: null,
} as const;

/**
 * One reported half-year held to its granted half-year: each line gets the granted line's budget
 * (a line the grant lacks gets 0, a granted line the report lacks comes back with no spending),
 * and every difference is a finding at the report's cell.
 */
// eslint-disable-next-line max-lines-per-function -- longer than the core allows (80 lines): to be split
function holdToGrant(
  sheet: HalfYearSheet,
  own: ComputedHalfYear,
  granted: ComputedHalfYear,
  rateChanged: boolean,
  findings: Finding[],
): HalfYearSheet {
  const grantedLines = byLineKey(
    granted.lines.filter((l) => l.input.category !== "overhead"),
    (l) => l.input,
  );
  const lines: LineInput[] = [];
  // Another OH rate changes the OH the report typed: held to the grant's, as every change is.
  let differs = rateChanged;
  own.lines.forEach(({ input, effectiveBudget }) => {
    if (input.category === "overhead") {
      // The OH the rate gives on the granted direct costs: the entered one is the report's own.
      lines.push({
        ...input,
        budget: null,
        variance: null,
        reportedBudget: input.budget,
      });
      return;
    }
    const match = grantedLines.get(keyOfLine(input))?.shift();
    const budget = match ? match.effectiveBudget : (0 as Ore);
    if (!match)
      findings.push(
        finding(
          "GRANTED_LINE_ADDED",
          sheet.sheet,
          cellOf(sheet, input.row, "label"),
          {
            label: input.label,
            reportedOre: effectiveBudget,
          },
        ),
      );
    else if (effectiveBudget !== budget)
      findings.push(
        finding(
          "GRANTED_LINE_CHANGED",
          sheet.sheet,
          cellOf(sheet, input.row, "budget"),
          {
            label: input.label,
            reportedOre: effectiveBudget,
            grantedOre: budget,
          },
        ),
      );
    const same = match && effectiveBudget === budget;
    if (!same) differs = true;
    lines.push({
      ...input,
      ...(same ? {} : NO_SALARY),
      budget,
      variance: null,
      reportedBudget: input.budget,
    });
  });
  for (const rest of grantedLines.values())
    for (const l of rest) {
      differs = true;
      findings.push(
        finding("GRANTED_LINE_REMOVED", sheet.sheet, null, {
          label: l.input.label,
          halfYear: sheet.halfYear.id,
          grantedOre: l.effectiveBudget,
        }),
      );
      // Granted and not reported: nothing was spent on it. Its row is the table's header (it has none).
      lines.push({
        ...l.input,
        ...NO_SALARY,
        row: sheet.headerRow,
        budget: l.effectiveBudget,
        actual: 0,
        variance: null,
        unreadable: [],
        formulas: {},
        reportedBudget: null,
      });
    }
  if (own.budget.total > granted.budget.total) {
    const t = sheet.total;
    findings.push(
      finding(
        "GRANTED_TOTAL_EXCEEDED",
        sheet.sheet,
        t ? cellOf(sheet, t.row, "budget") : null,
        {
          halfYear: sheet.halfYear.id,
          reportedOre: own.budget.total,
          grantedOre: granted.budget.total,
          overOre: own.budget.total - granted.budget.total,
        },
      ),
    );
  }
  // The report keeps the grant in this half-year: judged as it is, with all its own checks
  // (its Differens cells and Summa row against its own, equal, budget).
  if (!differs) return sheet;
  return {
    ...sheet,
    lines,
    total: sheet.total
      ? { ...sheet.total, budget: null, variance: null }
      : null,
  };
}

/** The report's model with the granted budget in place of its own, for every reported half-year. */
export function grantedModel(
  report: BudgetWorkbook,
  granted: Computation,
  findings: Finding[],
): { workbook: BudgetWorkbook; periods: HalfYearId[] } {
  const own = compute(report, []); // the report's own figures, to compare; its findings are not ours
  const grantedById = new Map(
    granted.halfYears
      .filter((h) => h.actual === null)
      .map((h) => [h.halfYear.id, h] as const),
  );
  compareAgreements(report.agreement, granted.agreement, findings);
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
    return holdToGrant(s, mine, g, rateChanged, findings);
  });
  return {
    workbook: {
      agreement: {
        ...report.agreement,
        overheadRatePpm:
          granted.agreement.overheadRatePpm ?? report.agreement.overheadRatePpm,
      },
      halfYears,
    },
    periods,
  };
}

/**
 * analyze, with the figures of the reported half-years computed against `granted` (SPEC §4.15).
 * A granted budget of another case is an error finding, and the report is judged on its own.
 */
export function analyzeAgainstGranted(
  grids: { readonly sheets: Iterable<Grid> },
  granted: Analysis,
): Analysis {
  const { workbook, findings: readFindings } = readWorkbook(grids);
  const findings = [...readFindings];
  let model = workbook;
  let source: GrantedSource | null = null;
  if (!sameCase(workbook.agreement, granted.computation.agreement))
    findings.push(
      finding(
        "GRANTED_OTHER_CASE",
        workbook.agreement.sheet,
        workbook.agreement.cells.caseNumber ?? null,
        {
          reported:
            workbook.agreement.caseNumber ?? workbook.agreement.name ?? "–",
          granted:
            granted.computation.agreement.caseNumber ??
            granted.computation.agreement.name ??
            "–",
        },
      ),
    );
  else {
    const held = grantedModel(workbook, granted.computation, findings);
    model = held.workbook;
    source = {
      periods: held.periods,
      caseNumber: granted.computation.agreement.caseNumber,
    };
  }
  const computation = compute(model, findings);
  return {
    workbook,
    computation,
    decision: decisionPoints(computation),
    findings: [...findings].sort(compareFindings),
    granted: source,
  };
}

/**
 * Reports paired with the granted budget they are held to, in a batch: a budget (half-years
 * without actuals) of the same case whose half-years cover every reported half-year of the report.
 * Returns report index → budget index.
 */
export function grantedPairs(
  files: readonly { readonly analysis: Analysis }[],
): Map<number, number> {
  const pairs = new Map<number, number>();
  const grantedIds = files.map(
    (f) =>
      new Set(
        f.analysis.computation.halfYears
          .filter((h) => h.actual === null)
          .map((h) => h.halfYear.id),
      ),
  );
  files.forEach((report, i) => {
    const reported = report.analysis.computation.halfYears
      .filter((h) => h.actual !== null)
      .map((h) => h.halfYear.id);
    if (reported.length === 0) return;
    const j = files.findIndex(
      (budget, k) =>
        k !== i &&
        reported.every((id) => grantedIds[k]!.has(id)) &&
        sameCase(
          report.analysis.computation.agreement,
          budget.analysis.computation.agreement,
        ),
    );
    if (j >= 0) pairs.set(i, j);
  });
  return pairs;
}
