// The calculations of SPEC §4, in integer öre.

import { isOwnOverheadFormula } from "./ownership";
import { periodTable, tableFindings, yearTables } from "./tables";
import type {
  ActualFigures,
  BudgetFigures,
  Computation,
  ComputedHalfYear,
  ComputedLine,
  GrantYear,
  Repayment,
  RepaymentItem,
  YearFigures,
} from "./figures";
import { monthsText } from "./decision";
import { isoFromParts } from "./dates";
import { type Finding, finding } from "./findings";
import type { ColumnKey } from "./glossary";
import {
  type Agreement,
  type BudgetWorkbook,
  type HalfYearSheet,
  type LineInput,
  cellOf,
} from "./model";
import { type Ore, allocate, divRound, sum } from "./money";
import { type Person, type PersonCost, personCost } from "./payroll";
import { personsByPost } from "./salaries";
import { a1 } from "./grid";
import { normalizeKey } from "./values";
import { type HalfYearId, compareHalfYears, halfYearsBetween } from "./period";

const PPM = 1_000_000n;

/** round(rate × amount) to whole kronor, half away from zero (SPEC §4.3). */
export function overheadOf(direct: Ore, ratePpm: number): Ore {
  return Number(divRound(BigInt(direct) * BigInt(ratePpm), PPM * 100n)) * 100;
}

/** round(percent/100 × months × monthlyCost) to whole kronor (SPEC §4.1), exactly. */
export function salaryBudget(
  servicePercentMicro: number,
  monthsMicro: number,
  monthlyCost: Ore,
): Ore {
  const numerator =
    BigInt(servicePercentMicro) * BigInt(monthsMicro) * BigInt(monthlyCost);
  // percent/100 and two millionths scales, then öre → kronor.
  return Number(divRound(numerator, 100n * PPM * PPM * 100n)) * 100;
}

/** budget / (percent/100 × months), in öre. */
export function impliedMonthlyCost(
  budget: Ore,
  servicePercentMicro: number,
  monthsMicro: number,
): Ore {
  return Number(
    divRound(
      BigInt(budget) * 100n * PPM * PPM,
      BigInt(servicePercentMicro) * BigInt(monthsMicro),
    ),
  );
}

export function compute(
  workbook: BudgetWorkbook,
  findings: Finding[],
): Computation {
  const { agreement } = workbook;
  const ordered = checkHalfYears(workbook, findings);
  const byPost = personsByPost(workbook.salaries);
  const usedPosts = new Set<string>();
  const halfYears = ordered.map((s) =>
    computeHalfYear(s, agreement, findings, byPost, usedPosts),
  );
  for (const p of workbook.salaries?.persons ?? [])
    if (!usedPosts.has(normalizeKey(p.post)))
      findings.push(
        finding(
          "SALARY_POST_UNKNOWN",
          workbook.salaries!.sheet,
          a1(p.row - 1, workbook.salaries!.columns.post ?? 0),
          { post: p.post },
        ),
      );
  const years = computeYears(halfYears, findings);
  const repayment = computeRepayment(agreement, years, findings);
  const grants = halfYears.map((h) => ({
    period: h.halfYear.id,
    halfYear: h.halfYear,
    amount: h.budget.total,
  }));
  const grantYears: GrantYear[] = [];
  for (const g of grants) {
    const last = grantYears[grantYears.length - 1];
    if (last && last.year === g.halfYear.year)
      grantYears[grantYears.length - 1] = {
        ...last,
        amount: last.amount + g.amount,
        periods: [...last.periods, g.period],
      };
    else
      grantYears.push({
        year: g.halfYear.year,
        amount: g.amount,
        periods: [g.period],
      });
  }
  const grantTotal = sum(grants.map((g) => g.amount));
  tableFindings(halfYears, years, findings);
  // The memo's tables are made each time they are asked for (JSON, Beslut, memo) and kept by
  // whoever asks: not on every analysis, and not held while a large workbook is written.
  return {
    agreement,
    halfYears,
    years,
    repayment,
    grants,
    grantYears,
    grantTotal,
    get yearTables() {
      return yearTables(halfYears, years, repayment.items, []);
    },
    get periodTables() {
      const period = periodTable(halfYears, []);
      return period ? [period] : [];
    },
  };
}

/** Orders the half-year sheets, drops duplicates, and checks them against the agreement period. */
// eslint-disable-next-line max-lines-per-function -- longer than the core allows (80 lines): to be split
function checkHalfYears(
  workbook: BudgetWorkbook,
  findings: Finding[],
): HalfYearSheet[] {
  const byId = new Map<HalfYearId, HalfYearSheet>();
  for (const s of workbook.halfYears) {
    const first = byId.get(s.halfYear.id);
    if (first)
      findings.push(
        finding("DUPLICATE_HALF_YEAR", s.sheet, s.periodCell, {
          halfYear: s.halfYear.id,
          other: first.sheet,
          sheet: s.sheet,
        }),
      );
    else byId.set(s.halfYear.id, s);
  }
  const ordered = [...byId.values()].sort((a, b) =>
    compareHalfYears(a.halfYear, b.halfYear),
  );
  if (workbook.halfYears.length === 0) {
    findings.push(finding("NO_HALF_YEAR_SHEET", null, null));
    return ordered;
  }
  const { start, end, sheet } = workbook.agreement;
  const reported = ordered.some((s) => s.lines.some((l) => l.actual !== null));
  if (start && end) {
    if (end < start) {
      findings.push(
        finding(
          "AGREEMENT_PERIOD_REVERSED",
          sheet,
          workbook.agreement.cells.end ?? null,
          { start, end },
        ),
      );
      return ordered;
    }
    const expected = halfYearsBetween(start, end);
    if (
      expected[0]!.start !== start ||
      expected[expected.length - 1]!.end !== end
    ) {
      findings.push(
        finding(
          "AGREEMENT_NOT_HALF_YEARS",
          sheet,
          workbook.agreement.cells.start ?? null,
          { start, end },
        ),
      );
    }
    const expectedIds = new Set(expected.map((h) => h.id));
    for (const s of ordered) {
      if (!expectedIds.has(s.halfYear.id))
        findings.push(
          finding("HALF_YEAR_OUTSIDE_AGREEMENT", s.sheet, s.periodCell, {
            halfYear: s.halfYear.id,
            start,
            end,
          }),
        );
    }
    const missingHalves = expected.filter((h) => !byId.has(h.id));
    const missing = missingHalves.map((h) => h.id);
    // Months after the last sheet that the decision would approve with no budget (the seed's
    // "juli 2025 – december 2026" for a 12-month budget).
    const lastEnd = ordered[ordered.length - 1]?.halfYear.end ?? "";
    const after = missingHalves.filter((h) => h.start > lastEnd);
    const granted = ordered.some(
      (s) => !s.lines.some((l) => l.actual !== null),
    );
    const months = {
      months: after.length ? monthsText(after[0]!.start, end, "sv") : "",
      monthsEn: after.length ? monthsText(after[0]!.start, end, "en") : "",
    };
    if (missing.length > 0) {
      // A report covers the half-years reported so far; a budget must cover the whole agreement.
      if (!reported)
        findings.push(
          finding(
            "PERIOD_NOT_COVERED",
            sheet,
            workbook.agreement.cells.start ?? null,
            { start, end, missing: missing.join(", "), ...months },
          ),
        );
      else {
        const before = missing.filter((id) => !after.some((h) => h.id === id));
        const reportedOnly = granted ? before : missing;
        if (reportedOnly.length > 0)
          findings.push(
            finding("PERIOD_NOT_REPORTED", null, null, {
              missing: reportedOnly.join(", "),
            }),
          );
        if (granted && after.length > 0)
          findings.push(
            finding(
              "AGREEMENT_MONTHS_UNCOVERED",
              sheet,
              workbook.agreement.cells.end ?? null,
              { start, end, lastEnd, ...months },
            ),
          );
      }
    }
  } else if (ordered.length > 1) {
    const span = halfYearsBetween(
      ordered[0]!.halfYear.start,
      ordered[ordered.length - 1]!.halfYear.end,
    );
    const missing = span.filter((h) => !byId.has(h.id)).map((h) => h.id);
    if (missing.length > 0)
      findings.push(
        finding("HALF_YEAR_GAP", null, null, { missing: missing.join(", ") }),
      );
  }
  return ordered;
}

// eslint-disable-next-line max-lines-per-function -- longer than the core allows (80 lines): to be split
function computeHalfYear(
  source: HalfYearSheet,
  agreement: Agreement,
  findings: Finding[],
  byPost: ReadonlyMap<string, readonly Person[]>,
  usedPosts: Set<string>,
): ComputedHalfYear {
  const sheet = source.sheet;
  const inputs = source.lines;
  const n = inputs.length;
  const at = (line: LineInput, key: Parameters<typeof cellOf>[2]) =>
    cellOf(source, line.row, key);
  let reported = false;
  for (const l of inputs) if (l.actual !== null) reported = true;
  // 1. Each line's budget (salary derivation), and the direct costs.
  const budgets = new Array<LineBudget>(n);
  const directWeights: Ore[] = [];
  const overheadIdx: number[] = [];
  let direct = 0;
  let enteredOverhead = 0;
  let enteredOverheadAt: LineInput | null = null;
  const salaries = new Array<PersonCost[] | undefined>(n);
  for (let i = 0; i < n; i++) {
    const line = inputs[i]!;
    const persons =
      line.category === "overhead" || byPost.size === 0
        ? undefined
        : byPost.get(normalizeKey(line.label));
    if (persons) usedPosts.add(normalizeKey(line.label));
    const costs = persons?.flatMap((p) => {
      const c = personCost(
        p,
        source.halfYear,
        agreement.surchargePpm,
        agreement,
      );
      return c ? [c] : [];
    });
    salaries[i] = costs;
    const b = costs
      ? salaryCalcBudget(line, costs, at, sheet, findings)
      : lineBudget(line, at, sheet, findings);
    budgets[i] = b;
    if (line.category === "overhead") {
      overheadIdx.push(i);
      if (line.budget !== null) {
        enteredOverhead += line.budget;
        enteredOverheadAt ??= line;
      }
    } else {
      direct += b.effective;
      directWeights.push(b.effective);
    }
  }
  // 2. Overhead, and the entered overhead budget checked against it.
  const ratePpm = agreement.overheadRatePpm;
  const overhead: Ore =
    ratePpm !== null ? overheadOf(direct, ratePpm) : enteredOverhead;
  if (ratePpm !== null && enteredOverheadAt && enteredOverhead !== overhead) {
    findings.push(
      // The add-in's own formula left short by an inserted row is rewritten by compute, not a typo.
      finding(
        isOwnOverheadFormula(enteredOverheadAt.formulas.budget ?? "")
          ? "OH_FORMULA_STALE"
          : "OH_MISMATCH",
        sheet,
        at(enteredOverheadAt, "budget"),
        {
          enteredOre: enteredOverhead,
          computedOre: overhead,
        },
      ),
    );
  }
  // 3. Allocation of the overhead to the direct lines.
  const shares = allocate(overhead, directWeights);
  // A single overhead line carries the computed overhead; several keep what was entered.
  const singleOverhead = overheadIdx.length === 1 ? overheadIdx[0]! : -1;

  const lines = new Array<ComputedLine>(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const input = inputs[i]!;
    const b = budgets[i]!;
    const isOverhead = input.category === "overhead";
    const effectiveBudget = i === singleOverhead ? overhead : b.effective;
    const actual = input.actual;
    if (
      reported &&
      actual === null &&
      !input.unreadable.includes("actual") &&
      source.columns.actual !== undefined
    ) {
      findings.push(
        finding("MISSING_ACTUAL", sheet, at(input, "actual"), {
          label: input.label,
        }),
      );
    }
    const variance =
      actual === null ? null : ((effectiveBudget - actual) as Ore);
    const overspent = actual !== null && actual > effectiveBudget;
    if (overspent)
      overspendFinding(
        input,
        effectiveBudget,
        actual,
        agreement,
        { sheet, cell: at(input, "actual"), halfYear: source.halfYear.id },
        findings,
      );
    if (
      input.variance !== null &&
      variance !== null &&
      input.variance !== variance
    ) {
      findings.push(
        finding("VARIANCE_MISMATCH", sheet, at(input, "variance"), {
          enteredOre: input.variance,
          computedOre: variance,
        }),
      );
    }
    const persons = salaries[i];
    lines[i] = {
      input,
      effectiveBudget,
      derivedBudget: b.derived,
      impliedMonthlyCost: b.implied,
      overheadShare: isOverhead ? 0 : shares[k++]!,
      effectiveVariance: variance,
      overspent,
      ...(persons ? { salaries: persons } : {}),
    };
  }
  const budget: BudgetFigures = {
    direct: direct,
    overhead,
    total: direct + overhead,
  };
  const actual = reported
    ? actualFigures(source, lines, ratePpm, overhead, findings)
    : null;
  checkTotalRow(source, budget, actual, findings);
  return { source, halfYear: source.halfYear, lines, budget, actual };
}

interface LineBudget {
  readonly effective: Ore;
  readonly derived: Ore | null;
  readonly implied: Ore | null;
}

/**
 * A line with persons in `Lönekalkyl`: its budget is the sum of their costs; a typed budget that
 * differs is an error (as a salary budget that differs from its inputs), and a typed monthly cost
 * whose own derivation differs is a warning at that cell.
 */
function salaryCalcBudget(
  line: LineInput,
  costs: readonly PersonCost[],
  at: (line: LineInput, key: "budget" | "monthlyCost") => string | null,
  sheet: string,
  findings: Finding[],
): LineBudget {
  const derived = sum(costs.map((c) => c.cost));
  if (line.budget !== null && line.budget !== derived)
    findings.push(
      finding("SALARY_CALC_BUDGET", sheet, at(line, "budget"), {
        enteredOre: line.budget,
        computedOre: derived,
      }),
    );
  const { servicePercentMicro: pct, monthsMicro: months, monthlyCost } = line;
  if (pct !== null && months !== null && monthlyCost !== null) {
    const own = salaryBudget(pct, months, monthlyCost);
    if (own !== derived)
      findings.push(
        finding("SALARY_CALC_MISMATCH", sheet, at(line, "monthlyCost"), {
          label: line.label,
          enteredOre: own,
          computedOre: derived,
        }),
      );
  }
  return { effective: derived, derived, implied: null };
}

function lineBudget(
  line: LineInput,
  at: (line: LineInput, key: "budget" | "monthlyCost") => string | null,
  sheet: string,
  findings: Finding[],
): LineBudget {
  const {
    servicePercentMicro: pct,
    monthsMicro: months,
    monthlyCost,
    budget,
  } = line;
  if (pct !== null && months !== null && monthlyCost !== null) {
    const derived = salaryBudget(pct, months, monthlyCost);
    if (budget !== null && budget !== derived) {
      findings.push(
        finding("SALARY_MISMATCH", sheet, at(line, "budget"), {
          enteredOre: budget,
          derivedOre: derived,
        }),
      );
    }
    return { effective: derived, derived, implied: null };
  }
  const salaryInputs =
    line.category === "salary" &&
    (pct !== null || months !== null || monthlyCost !== null);
  if (budget !== null) {
    if (
      salaryInputs &&
      pct !== null &&
      months !== null &&
      monthlyCost === null
    ) {
      const implied = impliedMonthlyCost(budget, pct, months);
      const cell = at(line, "monthlyCost");
      if (cell && !line.unreadable.includes("monthlyCost"))
        findings.push(
          finding("IMPLIED_MONTHLY_COST", sheet, cell, { impliedOre: implied }),
        );
      return { effective: budget, derived: null, implied };
    }
    return { effective: budget, derived: null, implied: null };
  }
  if (line.unreadable.length === 0) {
    if (salaryInputs) {
      const missing = [
        pct === null ? "tjänstgöringsgrad" : null,
        months === null ? "antal månader" : null,
        monthlyCost === null ? "månadskostnad" : null,
      ]
        .filter(Boolean)
        .join(", ");
      findings.push(
        finding("SALARY_INCOMPLETE", sheet, at(line, "budget"), { missing }),
      );
    } else if (line.category !== "overhead") {
      findings.push(
        finding("MISSING_BUDGET", sheet, at(line, "budget"), {
          label: line.label,
        }),
      );
    }
  }
  return { effective: 0, derived: null, implied: null };
}

function overspendFinding(
  line: LineInput,
  budget: Ore,
  actual: Ore,
  agreement: Agreement,
  where: { sheet: string; cell: string | null; halfYear: string },
  findings: Finding[],
): void {
  const { sheet, cell } = where;
  const over = (actual - budget) as Ore;
  const tol = agreement.tolerance;
  const allowed =
    tol === null
      ? 0
      : tol.kind === "amount"
        ? tol.amount
        : Number(divRound(BigInt(budget) * BigInt(tol.ppm), PPM));
  // The half-year and the basis are named: the memo's year table shows the same line for the year.
  const params = {
    label: line.label,
    halfYear: where.halfYear,
    overOre: over,
    budgetOre: budget,
    actualOre: actual,
  };
  findings.push(
    finding(
      over <= allowed ? "OVERSPENT_WITHIN_TOLERANCE" : "OVERSPENT",
      sheet,
      cell,
      params,
    ),
  );
}

function actualFigures(
  source: HalfYearSheet,
  lines: readonly ComputedLine[],
  ratePpm: number | null,
  budgetOverhead: Ore,
  findings: Finding[],
): ActualFigures {
  let direct = 0;
  let overhead = 0;
  let overheadLine: LineInput | null = null;
  for (const { input } of lines) {
    if (input.category === "overhead") {
      overhead += input.actual ?? 0;
      if (input.actual !== null) overheadLine ??= input;
    } else direct += input.actual ?? 0;
  }
  // Eligible overhead: at most the rate on the actual direct costs, and at most the budgeted overhead (SPEC §4.7).
  const cap =
    ratePpm === null
      ? budgetOverhead
      : Math.min(overheadOf(direct, ratePpm), budgetOverhead);
  const eligibleOverhead = Math.min(overhead, cap);
  if (overhead > cap) {
    const cell = overheadLine
      ? cellOf(source, overheadLine.row, "actual")
      : null;
    findings.push(
      finding("OH_ACTUAL_ABOVE_RATE", source.sheet, cell, {
        actualOre: overhead,
        allowedOre: cap,
        excessOre: overhead - cap,
      }),
    );
  }
  return {
    direct: direct,
    overhead: overhead,
    eligibleOverhead: eligibleOverhead,
    total: direct + overhead,
    eligibleTotal: direct + eligibleOverhead,
  };
}

function checkTotalRow(
  source: HalfYearSheet,
  budget: BudgetFigures,
  actual: ActualFigures | null,
  findings: Finding[],
): void {
  const t = source.total;
  if (!t) return;
  // Each entered total against the computed one; a row summing the direct costs only
  // ("Summa direkta kostnader") is accepted too. A budget total that is the sum of the line cells
  // as they stand is right arithmetic: a line that differs has its own finding at its own cell.
  const shown = source.lines.reduce((s, l) => s + (l.budget ?? 0), 0) as Ore;
  const checks: [ColumnKey, Ore | null, Ore, Ore][] = [
    [
      "budget",
      t.budget === shown ? null : t.budget,
      budget.total,
      budget.direct,
    ],
  ];
  if (actual) {
    checks.push(["actual", t.actual, actual.total, actual.direct]);
    checks.push([
      "variance",
      t.variance,
      budget.total - actual.total,
      budget.direct - actual.direct,
    ]);
  }
  for (const [column, entered, total, direct] of checks) {
    if (entered === null || entered === total || entered === direct) continue;
    findings.push(
      finding("SUM_MISMATCH", source.sheet, cellOf(source, t.row, column), {
        enteredOre: entered,
        computedOre: total,
      }),
    );
  }
}

function computeYears(
  halfYears: readonly ComputedHalfYear[],
  findings: Finding[],
): YearFigures[] {
  const years: YearFigures[] = [];
  const calendarYears = [...new Set(halfYears.map((h) => h.halfYear.year))];
  for (const year of calendarYears) {
    const all = halfYears.filter((h) => h.halfYear.year === year);
    const withActuals = all.filter((h) => h.actual !== null);
    if (withActuals.length === 0) continue;
    const budget = sum(withActuals.map((h) => h.budget.total));
    const actual = sum(withActuals.map((h) => h.actual!.eligibleTotal));
    const surplus = (budget - actual) as Ore;
    const partial = withActuals.length < all.length;
    if (partial)
      findings.push(
        finding("YEAR_PARTIAL", null, null, {
          year,
          reported: withActuals.map((h) => h.halfYear.id).join(", "),
        }),
      );
    if (surplus < 0)
      findings.push(
        finding("YEAR_OVERSPENT", null, null, {
          year,
          overOre: -(surplus as number),
          actualOre: actual,
          budgetOre: budget,
        }),
      );
    years.push({
      year,
      budget,
      actual,
      surplus,
      partial,
      halfYears: withActuals.map((h) => h.halfYear.id),
    });
  }
  return years;
}

function computeRepayment(
  agreement: Agreement,
  years: readonly YearFigures[],
  findings: Finding[],
): Repayment {
  const items: RepaymentItem[] = [
    ...agreement.earlierSurpluses.map((s) => ({
      year: s.year,
      amount: s.amount,
      source: "earlier" as const,
    })),
    ...years
      .filter((y) => y.surplus > 0)
      .map((y) => ({
        year: y.year,
        amount: y.surplus,
        source: "reported" as const,
      })),
  ].sort((a, b) => a.year - b.year);
  const total = sum(items.map((i) => i.amount));
  let due = agreement.repaymentDue;
  if (due === null && total > 0) {
    // As in the seed: surpluses are repaid by the end of June of the year after the last one reported.
    due = isoFromParts(Math.max(...items.map((i) => i.year)) + 1, 6, 30);
    findings.push(
      finding(
        "REPAYMENT_DUE_DEFAULTED",
        agreement.sheet,
        agreement.cells.repaymentDue ?? null,
        { due },
      ),
    );
  }
  return { items, total, due };
}
