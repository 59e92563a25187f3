// Issue 10: employer contributions by date and age, and a person's cost per half-year.

import {
  CONTRIBUTIONS,
  type Person,
  contributionRule,
  olderAgeLimit,
  personCost,
} from "../../src/core/figures/payroll";
import { ore } from "../../src/core/figures/money";
import { halfYear } from "../../src/core/reading/period";

const H1_2026 = halfYear(2026, 1);
const person = (o: Partial<Person>): Person => ({
  row: 5,
  post: "Hälsofrämjare",
  name: "A",
  birthYear: 1980,
  monthlySalary: ore(3_200_000),
  gradeMicro: 100_000_000,
  from: null,
  to: null,
  surchargePpm: null,
  ...o,
});
const kr = (p: Person, h = H1_2026, surcharge: number | null = null) =>
  personCost(p, h, surcharge)!.cost / 100;

describe("employer contributions", () => {
  test("the issue's three persons: 252 326 + 136 204 + 210 272 = 598 802 kr for 2026-H1", () => {
    const a = kr(person({ monthlySalary: ore(3_200_000) }));
    const b = kr(
      person({
        monthlySalary: ore(2_400_000),
        gradeMicro: 75_000_000,
        birthYear: 2005,
      }),
    );
    const c = kr(person({ monthlySalary: ore(4_000_000), from: "2026-03-01" }));
    expect([a, b, c, a + b + c]).toEqual([252_326, 136_204, 210_272, 598_802]);
    const young = personCost(
      person({
        monthlySalary: ore(2_400_000),
        gradeMicro: 75_000_000,
        birthYear: 2005,
      }),
      H1_2026,
      null,
    )!;
    expect(young.months.map((m) => m.rule)).toEqual([
      "general",
      "general",
      "general",
      "youth",
      "youth",
      "youth",
    ]);
    expect(young.monthlyPay).toBe(1_800_000);
  });

  test("the youth reduction: its first and last month, and the ages at the start of the year", () => {
    // 2026: born 2003–2007 (turned 18 but not 23 by 1 January).
    expect(
      [2002, 2003, 2007, 2008].map((y) => contributionRule(y, 2026, 4)),
    ).toEqual(["general", "youth", "youth", "general"]);
    expect(
      ["2026-03", "2026-04", "2027-09", "2027-10"].map((m) =>
        contributionRule(2005, Number(m.slice(0, 4)), Number(m.slice(5))),
      ),
    ).toEqual(["general", "youth", "youth", "general"]);
    // 2027: born 2004–2008.
    expect(
      [2003, 2004, 2008, 2009].map((y) => contributionRule(y, 2027, 1)),
    ).toEqual(["general", "youth", "youth", "general"]);
  });

  test("the youth rate only on pay up to 25 000 kr a month; the part above pays the full rate", () => {
    const at = (salary: number) =>
      personCost(
        person({
          birthYear: 2005,
          monthlySalary: ore(salary * 100),
          from: "2026-04-01",
        }),
        H1_2026,
        null,
      )!.cost / 100;
    expect(at(25_000)).toBe(Math.round(3 * 25_000 * 1.2081));
    expect(at(30_000)).toBe(
      Math.round(3 * (30_000 + 25_000 * 0.2081 + 5_000 * 0.3142)),
    );
    expect(at(20_000)).toBe(Math.round(3 * 20_000 * 1.2081));
  });

  test("the older-worker rule from the age limit in force, and nothing for those born 1937 or earlier", () => {
    expect([2022, 2023, 2025, 2026, 2030].map(olderAgeLimit)).toEqual([
      65, 66, 66, 67, 67,
    ]);
    expect([1957, 1958, 1959].map((y) => contributionRule(y, 2025, 1))).toEqual(
      ["older", "older", "general"],
    );
    expect([1957, 1958, 1959].map((y) => contributionRule(y, 2026, 1))).toEqual(
      ["older", "older", "general"],
    );
    expect([1936, 1937, 1938].map((y) => contributionRule(y, 2026, 6))).toEqual(
      ["none", "none", "older"],
    );
    expect(kr(person({ birthYear: 1958 }))).toBe(
      Math.round(6 * 32_000 * 1.1021),
    );
    expect(kr(person({ birthYear: 1937 }))).toBe(6 * 32_000);
    expect(CONTRIBUTIONS.general).toBe(314_200);
  });

  test("a start or end mid-month counts the share of the month's days; outside the half-year nothing", () => {
    // From 16 March: 16 of 31 days in March, then April–June.
    const p = personCost(person({ from: "2026-03-16" }), H1_2026, null)!;
    expect(p.months.map((m) => [m.month, m.days, m.daysInMonth])).toEqual([
      [3, 16, 31],
      [4, 30, 30],
      [5, 31, 31],
      [6, 30, 30],
    ]);
    expect(p.cost / 100).toBe(Math.round((16 / 31 + 3) * 32_000 * 1.3142));
    // Until 14 February 2026 (28 days).
    expect(kr(person({ to: "2026-02-14" }))).toBe(
      Math.round((1 + 14 / 28) * 32_000 * 1.3142),
    );
    expect(
      personCost(person({ from: "2026-07-01" }), H1_2026, null)!.cost,
    ).toBe(0);
    expect(personCost(person({ birthYear: null }), H1_2026, null)).toBeNull();
  });

  test("Pålägg: the row's, else the agreement's, else none", () => {
    expect(kr(person({}), H1_2026, 100_000)).toBe(
      Math.round(6 * 32_000 * 1.4142),
    );
    expect(kr(person({ surchargePpm: 50_000 }), H1_2026, 100_000)).toBe(
      Math.round(6 * 32_000 * 1.3642),
    );
  });
});
