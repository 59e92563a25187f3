// Salary costs of the persons of `Lönekalkyl` (SPEC §4.19): employer contributions as dated data,
// and each person's cost per half-year, computed exactly (BigInt) and rounded once, to kronor.

import {
  type IsoDate,
  daysInMonth,
  isoFromParts,
  parseIso,
} from "../reading/dates";
import { type Ore, divRound, kronor, ore } from "./money";
import type { HalfYear } from "../reading/period";

/** Parts per million: 31,42 % = 314 200. */
export type Ppm = number;

/**
 * Employer contributions (arbetsgivaravgifter), socialavgiftslagen (2000:980). Each rule says
 * whose pay, for which months, at what rate; the template writes the same figures on the sheet
 * `Avgiftssatser`, which the workbook's formulas read.
 */
export const CONTRIBUTIONS = {
  /** The full contributions, 2 kap. 26 § (sum of the seven fees since 2024): 31,42 %. */
  general: 314_200,
  /** The old-age pension contribution alone, 2 kap. 27 § / 3 kap. 13 §: 10,21 %. */
  oldAgePension: 102_100,
  /**
   * The temporary reduction for the young (SFS 2026:100): for pay from 2026-04-01 to 2027-09-30
   * to people who at the start of the year have turned 18 but not 23, the old-age pension
   * contribution and half of the other fees, 20,81 %, on pay up to 25 000 kr a month; the part
   * above pays the full contributions.
   */
  youth: {
    rate: 208_100,
    capOre: kronor(25_000),
    from: "2026-04-01" as IsoDate,
    to: "2027-09-30" as IsoDate,
    minAge: 18,
    maxAge: 22,
  },
  /**
   * People who at the start of the year have turned this age pay only the old-age pension
   * contribution (socialavgiftslagen 2 kap. 27 §): 65 until 2022, 66 from 2023, and from 2026 the
   * riktålder for pension, 67 — so that in 2026, as in 2025, it is those born 1958 or earlier
   * (Skatteverket's and SKR's published tables; the statute text itself could not be consulted
   * offline, see the closing note of issue 10).
   */
  olderAge: [
    { fromYear: 0, age: 65 },
    { fromYear: 2023, age: 66 },
    { fromYear: 2026, age: 67 },
  ] as const,
  /** No contributions at all for people born 1937 or earlier (2 kap. 27 §). */
  noneBornUpTo: 1937,
} as const;

/** The age limit of the older-worker rule in a year. */
export function olderAgeLimit(year: number): number {
  let age: number = CONTRIBUTIONS.olderAge[0].age;
  for (const r of CONTRIBUTIONS.olderAge) if (year >= r.fromYear) age = r.age;
  return age;
}

export type ContributionRule = "general" | "youth" | "older" | "none";

/**
 * The rule for a person's pay for a month: by the age they had turned at the start of the year
 * (Skatteverket counts it by year of birth) and the month the pay is for.
 */
export function contributionRule(
  /** Null when not known: the general rate. */
  birthYear: number | null,
  year: number,
  month: number,
): ContributionRule {
  if (birthYear === null) return "general";
  if (birthYear <= CONTRIBUTIONS.noneBornUpTo) return "none";
  const age = year - 1 - birthYear;
  if (age >= olderAgeLimit(year)) return "older";
  const y = CONTRIBUTIONS.youth;
  const first = isoFromParts(year, month, 1);
  if (age >= y.minAge && age <= y.maxAge && first >= y.from && first <= y.to)
    return "youth";
  return "general";
}

/** The rate of a rule, for the pane ("20,81 % upp till 25 000 kr"). */
export function ruleRate(rule: ContributionRule): Ppm {
  switch (rule) {
    case "none":
      return 0;
    case "older":
      return CONTRIBUTIONS.oldAgePension;
    case "youth":
      return CONTRIBUTIONS.youth.rate;
    case "general":
      return CONTRIBUTIONS.general;
  }
}

/** The columns of a person's inputs in `Lönekalkyl` that what-if may change. */
export const PERSON_INPUTS = ["salary", "grade", "from", "to"] as const;

export type PersonInput = (typeof PERSON_INPUTS)[number];

export interface Person {
  /** The sheet's 1-based row. */
  readonly row: number;
  /** The half-year line the person belongs to, as written. */
  readonly post: string;
  /**
   * The Post as its cell holds it, where that is not `post` (a space around it, a character not
   * seen): a line's SUMIF matches the cell as it is, and does not count the person then.
   */
  readonly postAsTyped?: string;
  readonly name: string;
  readonly birthYear: number | null;
  /**
   * The birth year's cell is empty (a post to fill, "Vakant"): the general rate applies to every
   * month. A birth year that could not be read is null without it, and the person is not costed.
   */
  readonly birthYearOpen?: true;
  readonly monthlySalary: Ore | null;
  /** Millionths of a percent point (100 % = 100 000 000). */
  readonly gradeMicro: number | null;
  readonly from: IsoDate | null;
  readonly to: IsoDate | null;
  /** `Pålägg` of the row; null to use the agreement's. */
  readonly surchargePpm: Ppm | null;
  /**
   * What the row's cost cells ("Kostnad 2026-H1") hold, by half-year, which a line's SUMIF adds:
   * a number, or null for a cell left empty (a row inserted without the cost formula, counted as
   * 0); a half-year whose cell holds text is not there. Absent on a sheet without cost columns.
   */
  readonly costCells?: Readonly<Record<string, Ore | null>>;
  /** The inputs (Månadslön, Tjänstgöringsgrad, Från, Till) whose cell is a formula: what-if leaves them. */
  readonly formulas?: readonly PersonInput[];
}

/** One month of a person's pay: its share of the month, the rule, and its cost in öre (exact, unrounded). */
export interface PersonMonth {
  readonly year: number;
  readonly month: number;
  /** Days of the month inside [from, to] / days of the month. */
  readonly days: number;
  readonly daysInMonth: number;
  readonly rule: ContributionRule;
}

export interface PersonCost {
  readonly person: Person;
  readonly months: readonly PersonMonth[];
  /** Pay for a whole month: Månadslön × Tjänstgöringsgrad, öre (rounded to öre, for display). */
  readonly monthlyPay: Ore;
  /** The half-year's cost, rounded to whole kronor (half away from zero). */
  readonly cost: Ore;
  readonly surchargePpm: Ppm;
}

/**
 * The grades of the persons who cost something in the half-year, millionths of a percent point:
 * their line's service %, as the add-in's SUMIFS adds them over the cost column.
 */
export function activeGradeMicro(costs: readonly PersonCost[]): number {
  let grade = 0;
  for (const c of costs) if (c.cost > 0) grade += c.person.gradeMicro ?? 0;
  return grade;
}

// Every month's share has the denominator lcm(28, 29, 30, 31), so that the sum is exact.
const DAY_LCM = 377_580n;
const MICRO_PERCENT = 100_000_000n; // gradeMicro of 100 %
const PPM = 1_000_000n;

/**
 * A person's cost in a half-year: for each month inside [from, to] (a month begun or ended
 * mid-month counts as the share of its days), pay × (1 + the month's contribution + Pålägg), the
 * youth rate only on pay up to its cap; the sum rounded once to whole kronor. Null when the
 * person lacks what the cost needs (that is a finding of reading).
 */
export function personCost(
  person: Person,
  h: HalfYear,
  agreementSurchargePpm: Ppm | null,
  /** The agreement period: months outside it are not the agreement's to pay. */
  period: { readonly start: IsoDate | null; readonly end: IsoDate | null } = {
    start: null,
    end: null,
  },
): PersonCost | null {
  const { birthYear, monthlySalary, gradeMicro } = person;
  if (
    (birthYear === null && !person.birthYearOpen) ||
    monthlySalary === null ||
    gradeMicro === null
  )
    return null;
  const surcharge = person.surchargePpm ?? agreementSurchargePpm ?? 0;
  const later = (a: IsoDate, b: IsoDate | null) =>
    b !== null && b > a ? b : a;
  const earlier = (a: IsoDate, b: IsoDate | null) =>
    b !== null && b < a ? b : a;
  const from = later(person.from ?? h.start, period.start);
  const to = earlier(person.to ?? h.end, period.end);
  const start = parseIso(h.start);
  // pay scaled by MICRO_PERCENT (öre × gradeMicro): exact.
  const pay = BigInt(monthlySalary) * BigInt(gradeMicro);
  const cap = BigInt(CONTRIBUTIONS.youth.capOre) * MICRO_PERCENT;
  const months: PersonMonth[] = [];
  let total = 0n; // öre × MICRO_PERCENT × PPM × DAY_LCM
  for (let i = 0; i < 6; i++) {
    const year = start.y;
    const month = start.m + i;
    const dim = daysInMonth(year, month);
    const first = isoFromParts(year, month, 1);
    const last = isoFromParts(year, month, dim);
    const a = from > first ? from : first;
    const b = to < last ? to : last;
    if (a > b) continue;
    const days = parseIso(b).d - parseIso(a).d + 1;
    const rule = contributionRule(birthYear, year, month);
    const contribution =
      rule === "youth"
        ? BigInt(CONTRIBUTIONS.youth.rate) * (pay < cap ? pay : cap) +
          BigInt(CONTRIBUTIONS.general) * (pay > cap ? pay - cap : 0n)
        : BigInt(ruleRate(rule)) * pay;
    const monthCost = pay * (PPM + BigInt(surcharge)) + contribution;
    total += monthCost * BigInt(days) * (DAY_LCM / BigInt(dim));
    months.push({ year, month, days, daysInMonth: dim, rule });
  }
  const cost = ore(
    divRound(total, MICRO_PERCENT * PPM * DAY_LCM * 100n) * 100n,
  );
  return {
    person,
    months,
    monthlyPay: ore(divRound(pay, MICRO_PERCENT)),
    cost,
    surchargePpm: surcharge,
  };
}

/** A whole month's cost of a pay under a rule, in öre (rounded to öre): for showing the working. */
export function monthCost(
  monthlyPay: Ore,
  rule: ContributionRule,
  surchargePpm: Ppm,
): Ore {
  const pay = BigInt(monthlyPay);
  const cap = BigInt(CONTRIBUTIONS.youth.capOre);
  const contribution =
    rule === "youth"
      ? BigInt(CONTRIBUTIONS.youth.rate) * (pay < cap ? pay : cap) +
        BigInt(CONTRIBUTIONS.general) * (pay > cap ? pay - cap : 0n)
      : BigInt(ruleRate(rule)) * pay;
  return ore(divRound(pay * (PPM + BigInt(surchargePpm)) + contribution, PPM));
}
