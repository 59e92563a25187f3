// Each line of a half-year: its budget against its salary inputs (SPEC §4.1, §4.19), and its
// actual against its budget (SPEC §4.6).

import { asSheetCounts, salaryBudget } from "../figures/compute";
import type { ComputedHalfYear, ComputedLine } from "../figures/figures";
import { type Finding, finding } from "../findings/findings";
import { type Agreement, type LineInput, cellOf, headerCellOf } from "../model";
import { type Ore, add, divRound, ore, subtract } from "../figures/money";
import {
  isOwnSalaryCalcFormula,
  isOwnSalaryPercentFormula,
} from "../ownership";
import { countedBySumIf } from "../reading/salaries";
import { normalizeKey, withoutUnseen } from "../reading/values";

type At = (line: LineInput, key: Parameters<typeof cellOf>[2]) => string | null;

const atIn =
  (h: ComputedHalfYear): At =>
  (line, key) =>
    cellOf(h.source, line.row, key);

/** Every line's budget checks, in the sheet's order; `salarySheet` names the persons' sheet. */
export function budgetChecks(
  h: ComputedHalfYear,
  salarySheet: string,
): Finding[] {
  const at = atIn(h);
  return h.lines.flatMap((l) =>
    l.salaries
      ? salaryCalcChecks(l, h.source.sheet, at, h.halfYear.id, salarySheet)
      : lineBudgetChecks(l, h.source.sheet, at),
  );
}

/** A line costed in `Lönekalkyl`: a typed budget, or the line's own derivation, that differs. */
function salaryCalcChecks(
  l: ComputedLine,
  sheet: string,
  at: At,
  halfYear: string,
  salarySheet: string,
): Finding[] {
  const { input: line } = l;
  const derived = l.effectiveBudget;
  const out: Finding[] = [];
  if (line.budget !== null && line.budget !== derived)
    out.push(
      calcBudgetFinding(l, line.budget, sheet, at(line, "budget"), {
        halfYear,
        salarySheet,
      }),
    );
  const { servicePercentMicro: pct, monthsMicro: months, monthlyCost } = line;
  if (pct !== null && months !== null && monthlyCost !== null) {
    const own = salaryBudget(pct, months, monthlyCost);
    if (own !== derived)
      return [
        ...out,
        finding("SALARY_CALC_MISMATCH", sheet, at(line, "monthlyCost"), {
          label: line.label,
          enteredOre: own,
          computedOre: derived,
        }),
      ];
  }
  // A % typed beside the persons (and no monthly cost said to differ): the budget is costed on
  // them, and the tables show theirs. A typed 0 is said where it is read.
  const persons = l.servicePercentMicro;
  if (
    pct !== null &&
    pct > 0 &&
    persons !== null &&
    persons !== pct &&
    !isOwnSalaryPercentFormula(line.formulas.servicePercent ?? "")
  )
    out.push(
      finding("SALARY_CALC_PERCENT", sheet, at(line, "servicePercent"), {
        percent: pct / 1_000_000,
        persons: persons / 1_000_000,
        salarySheet,
      }),
    );
  return out;
}

/**
 * A line's budget cell against its persons' costs. The add-in's own SUMIF is no figure to correct
 * by hand (the template locks it): short of persons typed below its range, they are named and
 * compute rewrites it; else the persons' cost cells are not what their details give (a cost typed
 * by hand, a detail that does not read), said in Lönekalkyl.
 */
function calcBudgetFinding(
  l: ComputedLine,
  entered: Ore,
  sheet: string,
  cell: string | null,
  { halfYear, salarySheet }: { halfYear: string; salarySheet: string },
): Finding {
  const amounts = {
    enteredOre: entered,
    computedOre: l.effectiveBudget,
    salarySheet,
  };
  const formula = l.input.formulas.budget ?? "";
  if (!isOwnSalaryCalcFormula(formula))
    return finding("SALARY_CALC_BUDGET", sheet, cell, amounts);
  const range = /!\$?[A-Z]{1,3}\$?(\d+):\$?[A-Z]{1,3}\$?(\d+)/.exec(formula);
  const costs = l.salaries ?? [];
  const outside = costs.filter(
    ({ person: p }) =>
      range !== null && (p.row < Number(range[1]) || p.row > Number(range[2])),
  );
  if (outside.length > 0)
    return finding("SALARY_CALC_FORMULA_STALE", sheet, cell, {
      ...amounts,
      ...namedPersons(outside),
    });
  const apart = spelledApart(l.input, costs);
  if (apart !== null)
    return finding("SALARY_POST_SPELLED_APART", sheet, cell, {
      ...amounts,
      ...apart,
    });
  // Inside the range, a row inserted without its cost formula counts as 0.
  const bare = costs.filter((c) => c.person.costCells?.[halfYear] === null);
  return bare.length > 0
    ? finding("SALARY_COST_FORMULA_MISSING", sheet, cell, {
        ...amounts,
        ...namedPersons(bare),
      })
    : finding("SALARY_CALC_COSTS_DIFFER", sheet, cell, {
        ...amounts,
        ...costCellsDiffering(costs, halfYear),
      });
}

/** The first person whose cost cell for the half-year holds another figure than their cost. */
function costCellsDiffering(
  costs: NonNullable<ComputedLine["salaries"]>,
  halfYear: string,
): {
  row: number | null;
  name: string | null;
  shownOre: Ore | null;
  ownOre: Ore | null;
  others: number;
} {
  const shown = (c: (typeof costs)[number]) => c.person.costCells?.[halfYear];
  const differ = costs.filter((c) => {
    const cell = shown(c);
    return typeof cell === "number" && cell !== c.cost;
  });
  const first = differ[0];
  return {
    row: first?.person.row ?? null,
    name: first ? first.person.name || first.person.post : null,
    shownOre: (first && shown(first)) ?? null,
    ownOre: first?.cost ?? null,
    others: Math.max(0, differ.length - 1),
  };
}

/**
 * The persons the line's SUMIF does not count though the engine does: their Post is not the
 * label's text as Excel matches it (a space after it, "Samordnare/utveckling" for "Samordnare
 * utveckling", the label "1.1 Hälsofrämjare"). Null when it counts them all.
 */
function spelledApart(
  line: ComputedLine["input"],
  costs: NonNullable<ComputedLine["salaries"]>,
): {
  rows: string;
  names: string;
  post: string;
  label: string;
  difference: "around" | "inside" | "other";
} | null {
  const apart = costs.filter((c) => !countedBySumIf(line, c.person));
  const first = apart[0]?.person;
  if (first === undefined) return null;
  const label = line.labelAsTyped ?? line.label;
  const post = first.postAsTyped ?? first.post;
  const same = (f: (s: string) => string) =>
    f(post).toLowerCase() === f(label).toLowerCase();
  return {
    ...namedPersons(apart),
    post,
    label,
    difference: same((s) => withoutUnseen(s).trim())
      ? "around"
      : same(normalizeKey)
        ? "inside"
        : "other",
  };
}

/** The persons' rows and names as a message names them: the first ten (of thousands, "…"). */
function namedPersons(costs: NonNullable<ComputedLine["salaries"]>): {
  rows: string;
  names: string;
} {
  const named = costs.slice(0, 10);
  const more = costs.length > named.length ? ", …" : "";
  return {
    rows: named.map((c) => c.person.row).join(", ") + more,
    names: named.map((c) => c.person.name || c.person.post).join(", ") + more,
  };
}

function lineBudgetChecks(l: ComputedLine, sheet: string, at: At): Finding[] {
  const { input: line } = l;
  const { servicePercentMicro: pct, monthsMicro: months, monthlyCost } = line;
  const { budget } = line;
  if (l.derivedBudget !== null)
    return budget !== null && budget !== l.derivedBudget
      ? [
          finding("SALARY_MISMATCH", sheet, at(line, "budget"), {
            enteredOre: budget,
            derivedOre: l.derivedBudget,
          }),
        ]
      : [];
  if (budget !== null) {
    const cell = at(line, "monthlyCost");
    return l.impliedMonthlyCost !== null &&
      cell &&
      !line.unreadable.includes("monthlyCost")
      ? [
          finding("IMPLIED_MONTHLY_COST", sheet, cell, {
            impliedOre: l.impliedMonthlyCost,
          }),
        ]
      : [];
  }
  if (line.unreadable.length > 0) return [];
  const salaryInputs =
    line.category === "salary" &&
    (pct !== null || months !== null || monthlyCost !== null);
  if (salaryInputs) {
    const missing = SALARY_INPUTS.filter(([k]) => line[k] === null);
    return [
      finding("SALARY_INCOMPLETE", sheet, at(line, "budget"), {
        missing: missing.map(([, sv]) => sv).join(", "),
        missingEn: missing.map(([, , en]) => en).join(", "),
      }),
    ];
  }
  return line.category === "overhead"
    ? []
    : [
        finding("MISSING_BUDGET", sheet, at(line, "budget"), {
          label: line.label,
        }),
      ];
}

/** A salary line's inputs, as a message names them in Swedish and English. */
const SALARY_INPUTS = [
  ["servicePercentMicro", "tjänstgöringsgrad", "service percentage"],
  ["monthsMicro", "antal månader", "number of months"],
  ["monthlyCost", "månadskostnad", "monthly cost"],
] as const;

/** The fewest lines of costs whose actuals, all equal to their budgets, look copied. */
const COPIED_LINES = 3;

/**
 * A reported half-year whose every line's actual is its budget, the OH too: the budget copied into
 * the actuals, which leaves no surplus. Said once at the actuals' header.
 */
export function copiedActualsCheck(h: ComputedHalfYear): Finding[] {
  const a = h.actual;
  if (!a || a.eligibleTotal !== h.budget.total) return [];
  const direct = h.lines.filter((l) => l.input.category !== "overhead");
  const copied =
    direct.length >= COPIED_LINES &&
    direct.every(
      (l) => l.input.actual === l.effectiveBudget && l.effectiveBudget > 0,
    );
  return copied
    ? [
        finding(
          "ACTUALS_EQUAL_BUDGET",
          h.source.sheet,
          headerCellOf(h.source, "actual"),
          { halfYear: h.halfYear.id, amountOre: h.budget.total },
        ),
      ]
    : [];
}

/** Every line's actual checks, in the sheet's order: missing, overspent, a typed variance that differs. */
export function actualChecks(
  h: ComputedHalfYear,
  agreement: Agreement,
): Finding[] {
  const at = atIn(h);
  const sheet = h.source.sheet;
  const out: Finding[] = [];
  // Differens typed as actual − budget on every line: accepted, and said once at its header.
  if (h.varianceReversed)
    out.push(
      finding("VARIANCE_REVERSED", sheet, headerCellOf(h.source, "variance")),
    );
  for (const l of h.lines) {
    const { input } = l;
    if (
      h.actual !== null &&
      input.actual === null &&
      input.actualDashed === undefined &&
      !input.unreadable.includes("actual") &&
      h.source.columns.actual !== undefined
    )
      out.push(missingActual(l, h, at));
    if (l.overspent && input.actual !== null)
      out.push(overspent(l, input.actual, agreement, h, at(input, "actual")));
    const variance =
      l.effectiveVariance === null
        ? null
        : asSheetCounts(h, l.effectiveVariance);
    if (
      input.variance !== null &&
      variance !== null &&
      input.variance !== variance &&
      !signedVariance(h, input.variance, l.effectiveBudget, input.actual)
    )
      out.push(
        finding("VARIANCE_MISMATCH", sheet, at(input, "variance"), {
          enteredOre: input.variance,
          computedOre: variance,
        }),
      );
  }
  return out;
}

/**
 * Actuals typed in thousands under a header that names no unit ("Utfall", 690 for 690 000 kr):
 * each a hundredth of its budget or less, and a thousand times them near the budget. Read as
 * kronor, the half-year had spent nothing and the repayment was nearly the whole grant, without a
 * word.
 */
export function actualsInThousandsCheck(h: ComputedHalfYear): Finding[] {
  if (!h.actual || h.source.units?.actual !== undefined) return [];
  let budget = 0;
  let actual = 0;
  let lines = 0;
  for (const l of h.lines) {
    const a = l.input.actual;
    if (a === null || a === 0) continue;
    if (a * 100 >= l.effectiveBudget) return [];
    budget += l.effectiveBudget;
    actual += a;
    lines++;
  }
  const scaled = actual * 1000;
  if (lines < 2 || scaled * 2 < budget || scaled > budget * 2) return [];
  return [
    finding(
      "ACTUALS_IN_THOUSANDS",
      h.source.sheet,
      headerCellOf(h.source, "actual"),
      {
        halfYear: h.halfYear.id,
        actualOre: ore(actual),
        scaledOre: ore(scaled),
        budgetOre: ore(budget),
      },
    ),
  ];
}

/**
 * A Differens of the budget − the actual as the sheet writes it, with its minus sign
 * (ACTUALS_AS_NEGATIVES): the sheet's own arithmetic, on a line or its total.
 */
export function signedVariance(
  h: ComputedHalfYear,
  variance: Ore | null,
  budget: Ore,
  actual: Ore | null | undefined,
): boolean {
  return (
    h.source.actualsNegated === true &&
    variance !== null &&
    actual !== null &&
    actual !== undefined &&
    variance === add(budget, actual)
  );
}

/**
 * A line of a reported half-year without an actual. A figure under Differens that is not the
 * budget (its variance with an actual of 0) is named: the actual typed a column off, as it often is.
 */
function missingActual(l: ComputedLine, h: ComputedHalfYear, at: At): Finding {
  const { input } = l;
  const typed = input.variance;
  const stray =
    typed !== null &&
    typed !== 0 &&
    typed !== asSheetCounts(h, l.effectiveBudget);
  return finding("MISSING_ACTUAL", h.source.sheet, at(input, "actual"), {
    label: input.label,
    varianceOre: stray ? typed : null,
    varianceCell: stray ? at(input, "variance") : null,
  });
}

const PPM = 1_000_000n;

function overspent(
  l: ComputedLine,
  actual: Ore,
  agreement: Agreement,
  h: ComputedHalfYear,
  cell: string | null,
): Finding {
  const budget = l.effectiveBudget;
  const over = subtract(actual, budget);
  const tol = agreement.tolerance;
  const allowed =
    tol === null
      ? 0
      : tol.kind === "amount"
        ? tol.amount
        : Number(divRound(BigInt(budget) * BigInt(tol.ppm), PPM));
  // The half-year and the basis are named: the memo's year table shows the same line for the year.
  if (over <= allowed)
    return finding("OVERSPENT_WITHIN_TOLERANCE", h.source.sheet, cell, {
      label: l.input.label,
      halfYear: h.halfYear.id,
      overOre: over,
      budgetOre: budget,
      actualOre: actual,
    });
  // The partner's explanation beside the line is quoted, not asked for again; where the table has
  // a column for it, the empty cell is named. One literal, no spread: a finding a line.
  const comment = l.input.comment;
  return finding("OVERSPENT", h.source.sheet, cell, {
    label: l.input.label,
    halfYear: h.halfYear.id,
    overOre: over,
    budgetOre: budget,
    actualOre: actual,
    explanation: comment?.text ?? null,
    explanationCell:
      comment?.cell ?? cellOf(h.source, l.input.row, "comment") ?? null,
  });
}
