// The finding catalogue itself: years and row numbers are written as they are in every message of
// every code, in both languages, and each code has a help text with blanks.

import {
  FINDINGS,
  FINDING_CODES,
  type FindingCode,
  finding,
  findingTemplate,
  ore,
  renderFinding,
} from "../../src/core";
import { swedishIn } from "../helpers/english";

/** The names a code's messages read, found by rendering them once with a recording object. */
function namesRead(code: FindingCode): string[] {
  const names = new Set<string>();
  const spy = new Proxy(
    {},
    {
      get: (_, k) => (names.add(String(k)), "x"),
    },
  );
  const { sv, en } = FINDINGS[code] as {
    sv: (f: object) => string;
    en: (f: object) => string;
  };
  sv(spy);
  en(spy);
  return [...names];
}

describe("the finding catalogue", () => {
  const yearly = FINDING_CODES.filter((c) =>
    namesRead(c).some((n) => /^year$|Year$/.test(n)),
  );

  test("some codes print a year (the test below is not vacuous)", () => {
    // Half-years ("2025-H2") are years too: written as they are.
    expect(yearly).toEqual([
      "HIDDEN_SHEET_NOT_READ",
      "BUDGET_SHEET_REPORTED",
      "REPORTED_BUDGET_DIFFERS",
      "HALF_YEAR_BELOW_TABLE",
      "HALF_YEAR_BESIDE_TABLE",
      "DUPLICATE_HALF_YEAR",
      "HALF_YEAR_OUTSIDE_AGREEMENT",
      "SURPLUS_YEAR_REPEATED",
      "SURPLUS_REPAID",
      "SURPLUS_NEGATIVE",
      "SURPLUS_YEARS_COMBINED",
      "SURPLUS_OF_REPORTED_YEAR",
      "SALARY_BIRTH_DATE",
      "SALARY_PERSONAL_NUMBER",
      "PROPOSAL_GRANTED_AGAIN",
      "PERIOD_MISMATCH",
      "ACTUALS_WITHOUT_BUDGET",
      "COLUMN_OTHER_PERIOD",
      "MONTHS_OUTSIDE_HALF_YEAR",
      "OH_MISMATCH",
      "OH_FORMULA_STALE",
      "ACTUALS_EQUAL_BUDGET",
      "OH_NOT_REPORTED",
      "OH_ACTUAL_ABOVE_RATE",
      "OVERSPENT",
      "OVERSPENT_WITHIN_TOLERANCE",
      "YEAR_OVERSPENT",
      "YEAR_PARTIAL",
      "ACTUALS_IN_THOUSANDS",
      "ACTUALS_OF_WHOLE_YEAR",
      "ACTUALS_CUMULATIVE",
      "SUM_MISMATCH",
      "SUM_FORMULA_STALE",
      "ACTUAL_ONLY_IN_TOTAL",
      "GRANTED_LINE_CHANGED",
      "GRANTED_LINE_ADDED",
      "GRANTED_LINE_REMOVED",
      "GRANTED_TOTAL_EXCEEDED",
      "HALF_YEAR_NOT_GRANTED",
    ]);
  });

  test.each(yearly)(
    "%s prints its year as 2025, not as an amount, in Swedish and English",
    (code) => {
      const params = Object.fromEntries(
        namesRead(code).map((n) => [n, /^year$|Year$/.test(n) ? 2025 : 1]),
      );
      for (const lang of ["sv", "en"] as const) {
        const { message } = renderFinding(
          { severity: "warning", code, sheet: null, cell: null, params },
          lang,
        );
        expect(message).toContain("2025");
        expect(message).not.toMatch(/2[\s\u00a0\u202f,]025/);
      }
    },
  );

  // MISSING_ACTUAL's absent figure under Differens printed "står undefined": a null amount
  // ("varianceOre") was kept under its own name, not the one its message reads ("variance").
  test.each(FINDING_CODES)(
    "%s with every parameter absent, as text or as an amount, prints no undefined",
    (code) => {
      const names = namesRead(code);
      for (const params of [
        Object.fromEntries(names.map((n) => [n, null])),
        Object.fromEntries(names.map((n) => [`${n}Ore`, null])),
      ])
        for (const lang of ["sv", "en"] as const)
          expect(
            renderFinding(
              { severity: "warning", code, sheet: null, cell: null, params },
              lang,
            ).message,
          ).not.toMatch(/undefined|NaN|\[object/);
    },
  );

  test("row numbers are printed as they are too", () => {
    const { message } = renderFinding(
      {
        severity: "info",
        code: "ROWS_AFTER_TOTAL",
        sheet: "B",
        cell: null,
        params: { row: 1234 },
      },
      "sv",
    );
    expect(message).toContain("rad 1234");
  });

  test("every code has a help text in both languages, with blanks instead of figures", () => {
    for (const code of FINDING_CODES) {
      for (const lang of ["sv", "en"] as const) {
        const text = findingTemplate(code, lang);
        expect(text.length).toBeGreaterThan(20);
        expect(text).not.toMatch(/undefined|NaN|\[object/);
      }
    }
    expect(findingTemplate("OVERSPENT", "sv")).toMatch(
      /Posten "…" är överskriden med …/,
    );
  });
});

describe("a finding's parameters are typed by its code", () => {
  test("one made without a parameter its messages read does not compile", () => {
    const f = finding(
      "DUPLICATE_HALF_YEAR",
      "Budget 2025 H2",
      "B2",
      // @ts-expect-error: the messages read `sheet` too
      { halfYear: "2025-H2", other: "Kopia" },
    );
    // Only the compiler stops it: run anyway, the message has a hole.
    expect(renderFinding(f, "sv").message).toContain("Kopia och undefined");
  });
});

describe("the English catalogue", () => {
  test.each(FINDING_CODES)(
    "%s: English but for the workbook's own words, quoted or glossed",
    (code) => expect(swedishIn(findingTemplate(code, "en"), null)).toBeNull(),
  );
});

test("a text a message quotes (a label, a sheet's name) is shown without bidirectional controls, which would turn the message and its amount around", () => {
  const f = finding("OVERSPENT", "Halvår 2 2025", "G4", {
    label: "Lön\u202e",
    halfYear: "Halvår\u2067 2 2025\u200f",
    overOre: ore(3_668_700),
    budgetOre: ore(10_000_000),
    actualOre: ore(13_668_700),
    explanation: "Fler\u202e aktiviteter",
    explanationCell: "J4",
  });
  for (const lang of ["sv", "en"] as const) {
    const { message } = renderFinding(f, lang);
    expect(message).not.toMatch(
      /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/,
    );
    expect(message).toContain("Lön");
    expect(message).toContain("Halvår 2 2025");
    expect(message).toContain('"Fler aktiviteter"');
    expect(message).toMatch(/36[\s\u00a0\u202f,]687/);
  }
});
