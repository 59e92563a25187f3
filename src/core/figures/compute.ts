// The calculations of SPEC §4, in integer öre: figures only (the checks are in checks/).

import { periodTable, yearTables } from "./tables";
import type {
  ActualFigures,
  BudgetFigures,
  Computation,
  ComputedHalfYear,
  ComputedLine,
  Grant,
  GrantYear,
  Repayment,
  RepaymentItem,
  YearFigures,
} from "./figures";
import { isoFromParts } from "../reading/dates";
import {
  type Agreement,
  type BudgetWorkbook,
  type HalfYearSheet,
  type LineInput,
  hasActuals,
  rateOfHalfYear,
} from "../model";
import {
  type Ore,
  ZERO,
  add,
  allocate,
  divRound,
  kronorOrNull,
  minOf,
  negate,
  ore,
  subtract,
  sum,
} from "./money";
import {
  type Person,
  type PersonCost,
  activeGradeMicro,
  personCost,
} from "./payroll";
import { personsByPost, personsOfLine } from "../reading/salaries";
import { isOwnSalaryPercentFormula } from "../ownership";
import {
  type FormulaOver,
  MAX_CELLS_WORKED_OUT,
  formulaOver,
} from "../modelling/recalc";
import { type HalfYearId, compareHalfYears } from "../reading/period";

const PPM = 1_000_000n;

/** round(rate × amount) to whole kronor, half away from zero (SPEC §4.3). */
export function overheadOf(direct: Ore, ratePpm: number): Ore {
  return ore(divRound(BigInt(direct) * BigInt(ratePpm), PPM * 100n) * 100n);
}

/**
 * The OH a half-year's actuals may count: at most the rate on the actual direct costs, and at most
 * the budgeted OH (SPEC §4.7).
 */
export function overheadCap(
  actualDirect: Ore,
  ratePpm: number | null,
  budgetOverhead: Ore,
): Ore {
  // Never below nothing: direct actuals that sum below 0 (credits, each an error of its own) or a
  // negative OH budget allowed a negative OH, and an OH of 0 kr was said to exceed it.
  const cap =
    ratePpm === null
      ? budgetOverhead
      : minOf(overheadOf(actualDirect, ratePpm), budgetOverhead);
  return cap < ZERO ? ZERO : cap;
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
  return ore(divRound(numerator, 100n * PPM * PPM * 100n) * 100n);
}

/** budget / (percent/100 × months), in öre. */
export function impliedMonthlyCost(
  budget: Ore,
  servicePercentMicro: number,
  monthsMicro: number,
): Ore {
  return ore(
    divRound(
      BigInt(budget) * 100n * PPM * PPM,
      BigInt(servicePercentMicro) * BigInt(monthsMicro),
    ),
  );
}

export function compute(workbook: BudgetWorkbook): Computation {
  const { agreement } = workbook;
  const byPost = personsByPost(workbook.salaries);
  const halfYears = orderedHalfYears(workbook).map((s) =>
    computeHalfYear(s, agreement, byPost),
  );
  const years = computeYears(halfYears);
  // No half-year read, no figures (hasFigures): not even the earlier surpluses Uppgifter states,
  // which the CLI printed as the repayment where the page, the pane and the memo show none.
  const repayment = computeRepayment(
    halfYears.length > 0 ? agreement : { ...agreement, earlierSurpluses: [] },
    years,
  );
  const grants = halfYears.map((h) => ({
    period: h.halfYear.id,
    halfYear: h.halfYear,
    amount: h.budget.total,
  }));
  // The memo's tables are made each time they are asked for (JSON, Beslut, memo) and kept by
  // whoever asks: not on every analysis, and not held while a large workbook is written.
  return {
    agreement,
    halfYears,
    years,
    repayment,
    grants,
    grantYears: grantYears(grants),
    grantTotal: sum(grants.map((g) => g.amount)),
    get yearTables() {
      return yearTables(halfYears, years, repayment.items);
    },
    yearTable: (index: number) =>
      yearTables(halfYears, [years[index]!], repayment.items)[0]!,
    get periodTables() {
      const period = periodTable(halfYears, agreement);
      return period ? [period] : [];
    },
  };
}

/** The half-year sheets in time order, the first sheet of a half-year kept (a second is a finding). */
export function orderedHalfYears(workbook: BudgetWorkbook): HalfYearSheet[] {
  const byId = new Map<HalfYearId, HalfYearSheet>();
  for (const s of workbook.halfYears)
    if (!byId.has(s.halfYear.id)) byId.set(s.halfYear.id, s);
  return [...byId.values()].sort((a, b) =>
    compareHalfYears(a.halfYear, b.halfYear),
  );
}

function grantYears(grants: readonly Grant[]): GrantYear[] {
  const out: GrantYear[] = [];
  for (const g of grants) {
    const last = out[out.length - 1];
    if (last && last.year === g.halfYear.year)
      out[out.length - 1] = {
        ...last,
        amount: add(last.amount, g.amount),
        periods: [...last.periods, g.period],
      };
    else
      out.push({
        year: g.halfYear.year,
        amount: g.amount,
        periods: [g.period],
      });
  }
  return out;
}

/**
 * A line's service % from its persons: the grades of those who cost something in the half-year, as
 * the add-in's SUMIFS adds them (one who left in March is not in the autumn's). A % typed beside
 * them that is all their grades together (the staffing of the post) is kept; the add-in's own
 * formula's is not the partner's (`own` null). The line's own % where a grade does not read.
 */
function personsPercent(
  costs: readonly PersonCost[],
  own: number | null,
): number | null {
  if (costs.length === 0 || costs.some((c) => !c.person.gradeMicro)) return own;
  const all = costs.reduce((a, c) => a + c.person.gradeMicro!, 0);
  return own !== null && own > 0 && own === all ? own : activeGradeMicro(costs);
}

function computeHalfYear(
  source: HalfYearSheet,
  agreement: Agreement,
  byPost: ReadonlyMap<string, readonly Person[]>,
): ComputedHalfYear {
  const read = source.lines;
  const reported = hasActuals(read);
  // 1. Each line's budget (salary derivation), and the direct costs.
  const salaries = read.map((line) =>
    lineSalaries(line, source, agreement, byPost),
  );
  const budgets = read.map((line, i) => {
    const costs = salaries[i];
    return costs ? salaryCalcBudget(costs) : lineBudget(line);
  });
  const { settled, inputs, sheet } = settledFigures(source, budgets);
  let direct = ZERO;
  let enteredOverhead = ZERO;
  const directWeights: Ore[] = [];
  const overheadIdx: number[] = [];
  inputs.forEach((line, i) => {
    if (line.category === "overhead") {
      overheadIdx.push(i);
      if (line.budget !== null)
        enteredOverhead = add(enteredOverhead, line.budget);
    } else {
      direct = add(direct, budgets[i]!.effective);
      directWeights.push(budgets[i]!.effective);
    }
  });
  // 2. Overhead, allocated to the direct lines.
  const ratePpm = rateOfHalfYear(source, agreement);
  const overhead: Ore =
    ratePpm !== null ? overheadOf(direct, ratePpm) : enteredOverhead;
  const shares = allocate(overhead, directWeights);
  // A single overhead line carries the computed overhead; several keep what was entered.
  const singleOverhead = overheadIdx.length === 1 ? overheadIdx[0]! : -1;
  let k = 0;
  const lines = inputs.map((input, i): ComputedLine => {
    const b = budgets[i]!;
    const effectiveBudget = i === singleOverhead ? overhead : b.effective;
    const actual = input.actual;
    const persons = salaries[i];
    return {
      input,
      effectiveBudget,
      derivedBudget: b.derived,
      impliedMonthlyCost: b.implied,
      servicePercentMicro: persons
        ? personsPercent(
            persons,
            isOwnSalaryPercentFormula(input.formulas.servicePercent ?? "")
              ? null
              : input.servicePercentMicro,
          )
        : input.servicePercentMicro,
      overheadShare: input.category === "overhead" ? ZERO : shares[k++]!,
      effectiveVariance:
        actual === null ? null : subtract(effectiveBudget, actual),
      overspent: actual !== null && actual > effectiveBudget,
      ...(persons ? { salaries: persons } : {}),
      ...(settled.has(i) ? { settled: true as const } : {}),
    };
  });
  const budget: BudgetFigures = {
    direct,
    overhead,
    total: add(direct, overhead),
  };
  const actual = reported ? actualFigures(lines, ratePpm, overhead) : null;
  return {
    source: sheet,
    halfYear: source.halfYear,
    lines,
    budget,
    actual,
    varianceReversed: isVarianceReversed(lines),
  };
}

/**
 * The budgets and actuals that are a person's formula over the budgets, worked out from their
 * figures (`budgets` updated in place): the lines settled, and the sheet with its actuals so.
 */
function settledFigures(
  source: HalfYearSheet,
  budgets: LineBudget[],
): {
  settled: ReadonlySet<number>;
  inputs: readonly LineInput[];
  sheet: HalfYearSheet;
} {
  // Cells the half-year's formulas may read in all, however many passes and lines.
  const budget = { cells: MAX_CELLS_WORKED_OUT };
  const settled = settleFormulas(source, budgets, budget);
  // An actual that is a formula over the budgets ("Utfall" =F4) shows what they are once written.
  const actuals = settleActuals(source, budgets, settled, budget);
  if (actuals.size === 0)
    return { settled, inputs: source.lines, sheet: source };
  const inputs = source.lines.map((l, i) => {
    const a = actuals.get(i);
    return a === undefined
      ? l
      : { ...l, actual: a, settledActual: true as const };
  });
  return { settled, inputs, sheet: { ...source, lines: inputs } };
}

/** Passes over the lines at most: a chain of formulas longer than this keeps the values it shows. */
const MAX_SETTLE_PASSES = 10;

/**
 * The formula of a column's cell on each line, parsed once, where every cell it reads is in
 * `columns` of the sheet (others are never worked out): by line index.
 */
function formulasOver(
  source: HalfYearSheet,
  key: "budget" | "actual",
  columns: readonly number[],
): Map<number, FormulaOver> {
  const out = new Map<number, FormulaOver>();
  source.lines.forEach((line, i) => {
    const text = line.formulas[key];
    if (text === undefined || line.unreadable.includes(key)) return;
    const f = formulaOver(text, source.sheet);
    if (
      f?.areas.every(
        (a) =>
          columns.includes(a.c1) && columns.includes(a.c2) && a.c2 - a.c1 < 2,
      )
    )
      out.set(i, f);
  });
  return out;
}

/**
 * The lines' cells as a person's formula over them sees them once compute has written the budgets:
 * a budget its figure (empty where the cell is and nothing derived or settled it), an actual as
 * read; undefined for a row that is no line, an OH line's budget (the OH follows the lines) or an
 * unreadable cell. In the column's unit.
 */
function linesSeen(
  source: HalfYearSheet,
  budgets: readonly LineBudget[],
  settled: ReadonlySet<number>,
) {
  const lines = source.lines;
  const byRow = new Map(lines.map((l, i) => [l.row - 1, i]));
  const units = {
    budget: source.units?.budget ?? 1,
    actual: source.units?.actual ?? 1,
  };
  return {
    units,
    lineAt: (row: number) => byRow.get(row),
    budget(j: number): number | null | undefined {
      const line = lines[j]!;
      if (line.category === "overhead" || line.unreadable.includes("budget"))
        return undefined;
      const b = budgets[j]!;
      // An empty cell is empty to a formula (IF(F4="";…)), not 0.
      return b.derived === null && line.budget === null && !settled.has(j)
        ? null
        : b.effective / 100 / units.budget;
    },
    actual(j: number): number | null | undefined {
      const line = lines[j]!;
      if (line.unreadable.includes("actual")) return undefined;
      return line.actual === null ? null : line.actual / 100 / units.actual;
    },
  };
}

/**
 * The lines whose budget is a person's formula over other lines' budget cells ("Sociala avgifter"
 * `ROUND(F4*0.3142,0)` over a salary line), worked out from those lines' figures: a derived budget
 * its cell does not hold yet (empty until compute writes it) makes the formula show another amount
 * once written, and that amount is the one Excel shows and the decision must hold. `budgets` is
 * updated in place; the indexes of the lines changed are returned. A formula reading anything else
 * (another column or sheet, a row that is no line, an OH line, itself) keeps the value it shows.
 */
function settleFormulas(
  source: HalfYearSheet,
  budgets: LineBudget[],
  budget: { cells: number },
): ReadonlySet<number> {
  const settled = new Set<number>();
  const col = source.columns.budget;
  const lines = source.lines;
  if (col === undefined || !lines.some((l) => l.formulas.budget !== undefined))
    return settled;
  const formulas = formulasOver(source, "budget", [col]);
  if (formulas.size === 0) return settled;
  const seen = linesSeen(source, budgets, settled);
  for (let pass = 0; pass < MAX_SETTLE_PASSES; pass++) {
    let changed = false;
    formulas.forEach((f, i) => {
      if (budgets[i]!.derived !== null || seen.budget(i) === undefined) return;
      const shown = f.evaluate((r, c) => {
        const j = seen.lineAt(r);
        return c !== col || j === undefined || j === i
          ? undefined
          : seen.budget(j);
      }, budget);
      const figure = kronorOrNull(shown, seen.units.budget);
      if (figure === null || figure === budgets[i]!.effective) return;
      budgets[i] = lineBudget({ ...lines[i]!, budget: figure });
      settled.add(i);
      changed = true;
    });
    if (!changed) break;
  }
  return settled;
}

/**
 * The actuals that are a person's formula over the half-year's budget cells and other lines'
 * actual cells, worked out from the budgets' figures ("Utfall" =F4 over a salary budget compute writes),
 * by line index; only where the cell shows a number (an actual left out stays left out). A formula
 * reading anything else (an OH budget, another sheet, a row that is no line) keeps the value it shows.
 */
function settleActuals(
  source: HalfYearSheet,
  budgets: readonly LineBudget[],
  settled: ReadonlySet<number>,
  budget: { cells: number },
): ReadonlyMap<number, Ore> {
  const out = new Map<number, Ore>();
  const { budget: B, actual: A } = source.columns;
  const lines = source.lines;
  if (B === undefined || A === undefined) return out;
  if (!lines.some((l) => l.formulas.actual !== undefined)) return out;
  const seen = linesSeen(source, budgets, settled);
  formulasOver(source, "actual", [B, A]).forEach((f, i) => {
    const actual = lines[i]!.actual;
    if (actual === null) return;
    const shown = f.evaluate((r, c) => {
      const j = seen.lineAt(r);
      if (j === undefined) return undefined;
      if (c === B) return seen.budget(j);
      // Its own actual would be a circular reference: no value to work out.
      return c === A && j !== i ? seen.actual(j) : undefined;
    }, budget);
    const figure = kronorOrNull(shown, seen.units.actual);
    if (figure !== null && figure !== actual) out.set(i, figure);
  });
  return out;
}

/**
 * Whether every typed Differens is actual − budget, and at least one is not zero: a sheet that
 * counts an overspend as positive. A sheet where some are and some are not has wrong cells.
 */
function isVarianceReversed(lines: readonly ComputedLine[]): boolean {
  let reversed = false;
  for (const l of lines) {
    const typed = l.input.variance;
    const engine = l.effectiveVariance;
    if (typed === null || engine === null) continue;
    if (typed !== negate(engine)) return false;
    if (engine !== ZERO) reversed = true;
  }
  return reversed;
}

/** A variance (budget − actual) as the sheet counts it: negated where it is varianceReversed. */
export function asSheetCounts(
  h: Pick<ComputedHalfYear, "varianceReversed">,
  variance: Ore,
): Ore {
  return h.varianceReversed ? negate(variance) : variance;
}

/** The persons of `Lönekalkyl` on a line, costed for the half-year; undefined when none are on it. */
function lineSalaries(
  line: LineInput,
  source: HalfYearSheet,
  agreement: Agreement,
  byPost: ReadonlyMap<string, readonly Person[]>,
): PersonCost[] | undefined {
  if (line.heldToGrant) return undefined;
  return personsOfLine(line, byPost)?.flatMap((p) => {
    const c = personCost(p, source.halfYear, agreement.surchargePpm, agreement);
    return c ? [c] : [];
  });
}

interface LineBudget {
  readonly effective: Ore;
  readonly derived: Ore | null;
  readonly implied: Ore | null;
}

/** A line with persons in `Lönekalkyl`: its budget is the sum of their costs. */
function salaryCalcBudget(costs: readonly PersonCost[]): LineBudget {
  const derived = sum(costs.map((c) => c.cost));
  return { effective: derived, derived, implied: null };
}

/**
 * A line's budget: derived from %, months and monthly cost where all three are there (SPEC §4.1),
 * else the typed budget (with the monthly cost it implies on a salary line), else nothing.
 */
function lineBudget(line: LineInput): LineBudget {
  const {
    servicePercentMicro: pct,
    monthsMicro: months,
    monthlyCost,
    budget,
  } = line;
  if (pct !== null && months !== null && monthlyCost !== null) {
    const derived = salaryBudget(pct, months, monthlyCost);
    return { effective: derived, derived, implied: null };
  }
  if (budget === null) return { effective: ZERO, derived: null, implied: null };
  const implied =
    line.category === "salary" && pct !== null && months !== null
      ? impliedMonthlyCost(budget, pct, months)
      : null;
  return { effective: budget, derived: null, implied };
}

function actualFigures(
  lines: readonly ComputedLine[],
  ratePpm: number | null,
  budgetOverhead: Ore,
): ActualFigures {
  const direct = sum(
    lines.flatMap(({ input: l }) =>
      l.category !== "overhead" && l.actual !== null ? [l.actual] : [],
    ),
  );
  const overhead = sum(
    lines.flatMap(({ input: l }) =>
      l.category === "overhead" && l.actual !== null ? [l.actual] : [],
    ),
  );
  const eligibleOverhead = minOf(
    overhead,
    overheadCap(direct, ratePpm, budgetOverhead),
  );
  return {
    direct,
    overhead,
    eligibleOverhead,
    total: add(direct, overhead),
    eligibleTotal: add(direct, eligibleOverhead),
  };
}

function computeYears(halfYears: readonly ComputedHalfYear[]): YearFigures[] {
  const years: YearFigures[] = [];
  const calendarYears = [...new Set(halfYears.map((h) => h.halfYear.year))];
  for (const year of calendarYears) {
    const all = halfYears.filter((h) => h.halfYear.year === year);
    const withActuals = all.filter((h) => h.actual !== null);
    if (withActuals.length === 0) continue;
    const budget = sum(withActuals.map((h) => h.budget.total));
    const actual = sum(withActuals.map((h) => h.actual!.eligibleTotal));
    years.push({
      year,
      budget,
      actual,
      surplus: subtract(budget, actual),
      partial: withActuals.length < all.length,
      halfYears: withActuals.map((h) => h.halfYear.id),
    });
  }
  return years;
}

function computeRepayment(
  agreement: Agreement,
  years: readonly YearFigures[],
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
  // As in the seed: surpluses are repaid by the end of June of the year after the last one reported.
  const due =
    agreement.repaymentDue ??
    (total > 0
      ? isoFromParts(Math.max(...items.map((i) => i.year)) + 1, 6, 30)
      : null);
  return { items, total, due };
}
