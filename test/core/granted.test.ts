// Issue 9: a report held to the budget that was granted, not to its own budget column.

import fc from "fast-check";
import {
  type Analysis,
  analyze,
  analyzeAgainstGranted,
  buildCase,
  defaultRoles,
  grantedPairs,
  renderFinding,
  toCheckJson,
} from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import {
  agreementPartGrant,
  budgetWorkbook,
  detailsSheet,
  extensionPartGrant,
  reportAcrossGrants,
  reportOnGrantSheets,
  salaryWorkbook,
  typeset,
} from "../helpers/seed";
import { formulaWorkbook, valuesOnly } from "../helpers/arbitraries";
import { type SheetSpec, buildXlsx, date, kr, pct } from "../helpers/workbook";

async function grids(sheets: readonly SheetSpec[]) {
  return readXlsx(await buildXlsx(sheets));
}
let granted: Analysis;
beforeAll(async () => {
  granted = analyze(await grids(budgetWorkbook()));
});
const against = async (sheets: readonly SheetSpec[]) =>
  toCheckJson(
    "rapport.xlsx",
    analyzeAgainstGranted(await grids(sheets), [granted]),
    "sv",
    ["budget.xlsx"],
  );
const own = async (sheets: readonly SheetSpec[]) =>
  toCheckJson("rapport.xlsx", analyze(await grids(sheets)));
const notInfo = (r: Awaited<ReturnType<typeof own>>) =>
  r.findings.filter((f) => f.severity !== "info").map((f) => f.code);

describe("a report against the granted budget", () => {
  test("the issue's example: Verksamhetskostnader raised from the granted 100 000 to 130 000", async () => {
    const sheets = reportOnGrantSheets({ activities: 130000 });
    const alone = await own(sheets);
    expect(alone.repayment.total).toBe(92149);
    expect(notInfo(alone)).toEqual([]); // on its own, nothing shows it
    const r = await against(sheets);
    expect(r.budgetSource).toEqual({
      kind: "granted",
      file: "budget.xlsx",
      periods: ["2025-H2"],
      grants: [{ file: "budget.xlsx", periods: ["2025-H2"] }],
    });
    expect(r.repayment.total).toBe(59149);
    expect(r.years).toEqual([
      {
        year: 2025,
        budget: 1109649,
        actual: 1050500,
        surplus: 59149,
        partial: false,
      },
    ]);
    const changed = r.findings.find((f) => f.code === "GRANTED_LINE_CHANGED")!;
    expect(changed).toMatchObject({
      severity: "warning",
      sheet: "Utfall 2025 H2",
      cell: "F6",
    });
    expect(changed.message).toContain(typeset("130 000 kr"));
    expect(changed.message).toContain(typeset("100 000 kr"));
    const total = r.findings.find((f) => f.code === "GRANTED_TOTAL_EXCEEDED")!;
    expect(total.severity).toBe("error");
    expect(total.message).toContain(
      typeset(
        "2025-H2 är 1 142 649 kr i återrapporteringen, 33 000 kr mer än de beviljade 1 109 649 kr",
      ),
    );
    // What the partner typed stays visible beside the granted figure.
    expect(r.periods[0]!.lines[2]).toMatchObject({
      label: "Verksamhetskostnader",
      enteredBudget: 130000,
      budget: 100000,
      actual: 95000,
    });
    expect(r.decision.join(" ")).toContain(typeset("59 149 kronor"));
  });

  test("a report that keeps the granted budget gets no new error or warning, and the same figures", async () => {
    const sheets = reportOnGrantSheets();
    const alone = await own(sheets);
    const r = await against(sheets);
    expect(r.findings).toEqual(alone.findings);
    expect(r.repayment).toEqual(alone.repayment);
    expect(r.repayment.total).toBe(59149);
    expect(
      r.periods[0]!.lines.map((l) => [
        l.servicePercent,
        l.months,
        l.monthlyCost,
        l.enteredBudget,
        l.budget,
      ]),
    ).toEqual(
      alone.periods[0]!.lines.map((l) => [
        l.servicePercent,
        l.months,
        l.monthlyCost,
        l.enteredBudget,
        l.budget,
      ]),
    );
  });

  test("a half-year that keeps the grant keeps all its own checks (a wrong Differens cell stays a finding)", async () => {
    const [details, sheet] = reportOnGrantSheets();
    const rows = sheet!.rows.map((r, i) => (i === 5 ? [...r, kr(1)] : r));
    const sheets = [details!, { ...sheet!, rows }];
    const r = await against(sheets);
    expect(r.findings.find((f) => f.code === "VARIANCE_MISMATCH")?.cell).toBe(
      "H6",
    );
    expect(r.findings).toEqual((await own(sheets)).findings);
  });

  test("moving money between lines within the granted total: warnings, no error", async () => {
    const [details, sheet] = reportOnGrantSheets();
    // 30 000 from the health promoters (their budget typed, no monthly cost) to the activities.
    const rows = sheet!.rows.map((r, i) =>
      i === 3
        ? [...r.slice(0, 4), null, kr(712500), ...r.slice(6)]
        : i === 5
          ? [...r.slice(0, 5), kr(130000), ...r.slice(6)]
          : r,
    );
    const r = await against([details!, { ...sheet!, rows }]);
    expect(notInfo(r)).toEqual([
      "GRANTED_LINE_CHANGED",
      "GRANTED_LINE_CHANGED",
    ]);
    expect(
      r.findings
        .filter((f) => f.code === "GRANTED_LINE_CHANGED")
        .map((f) => f.cell),
    ).toEqual(["F4", "F6"]);
    expect(r.findings.some((f) => f.severity === "error")).toBe(false);
  });

  test("a line added and a line removed are findings; the granted total still holds", async () => {
    const [details, sheet] = reportOnGrantSheets();
    const rows = [
      ...sheet!.rows.slice(0, 5),
      ["Verksamhet", "Lokalhyra", null, null, null, kr(100000), kr(95000)],
      sheet!.rows[6]!,
    ];
    const r = await against([details!, { ...sheet!, rows }]);
    const added = r.findings.find((f) => f.code === "GRANTED_LINE_ADDED")!;
    expect(added).toMatchObject({
      severity: "warning",
      sheet: "Utfall 2025 H2",
      cell: "B6",
    });
    expect(added.message).toContain('"Lokalhyra"');
    const removed = r.findings.find((f) => f.code === "GRANTED_LINE_REMOVED")!;
    expect(removed.message).toContain(
      typeset(
        '"Verksamhetskostnader" (100 000 kr) saknas i återrapporteringen för 2025-H2',
      ),
    );
    expect(r.periods[0]!.budget.total).toBe(1109649);
    // Lokalhyra was not granted: its 95 000 is overspent against 0.
    expect(r.findings.find((f) => f.code === "OVERSPENT")?.cell).toBe("G6");
  });

  test("the OH rate and the agreement period are compared; the granted rate is used", async () => {
    const sheets = reportOnGrantSheets();
    const details = detailsSheet({ end: "2026-12-31", rate: 0.12 });
    const r = await against([details, sheets[1]!]);
    expect(
      r.findings.find((f) => f.code === "GRANTED_RATE_CHANGED")!.message,
    ).toContain("12 % i återrapporteringen men 10 %");
    expect(
      r.findings.find((f) => f.code === "GRANTED_PERIOD_CHANGED")!.message,
    ).toContain(
      "2025-07-01 – 2026-12-31 i återrapporteringen men 2025-07-01 – 2026-06-30",
    );
    expect(r.periods[0]!.budget.overhead).toBe(100877);
    // A report without OH-sats: the granted rate is used, and said so, never "– %".
    const [withRate] = reportOnGrantSheets();
    const noRate = await against([
      {
        ...withRate!,
        rows: withRate!.rows.filter((row) => row[0] !== "OH-sats"),
      },
      sheets[1]!,
    ]);
    expect(
      noRate.findings.find((f) => f.code === "GRANTED_RATE_CHANGED")!.message,
    ).toBe(
      "OH-sats saknas i återrapporteringen; den beviljade budgetens 10 % används.",
    );
  });

  test("a half-year the grant does not cover, and a budget of another case, are errors", async () => {
    const [details, sheet] = reportOnGrantSheets();
    const r = await against([
      details!,
      {
        ...sheet!,
        name: "Utfall 2026 H2",
        rows: [["Period", "juli–december 2026"], ...sheet!.rows.slice(1)],
      },
    ]);
    expect(
      r.findings.filter((f) => f.severity === "error").map((f) => f.code),
    ).toContain("HALF_YEAR_NOT_GRANTED");
    const other = detailsSheet({ extra: [] });
    const otherCase = {
      ...other,
      rows: other.rows.map((row) =>
        row[0] === "Diarienummer" ? ["Diarienummer", "STK-2024-99"] : row,
      ),
    };
    const o = await against([otherCase, sheet!]);
    expect(
      o.findings.find((f) => f.code === "GRANTED_OTHER_CASE")!.severity,
    ).toBe("error");
    expect(o.budgetSource).toEqual({ kind: "workbook" });
  });
});

describe("held to a grant, the report stays itself (what random workbooks found)", () => {
  test("Lönekalkyl is kept: a half-year the grant does not hold costs its persons, and their checks stay", async () => {
    // The grant: 2026-H1 only. The report: 2026-H1 reported, 2026-H2 a budget made from Lönekalkyl.
    const budget = salaryWorkbook().filter((s) => s.name !== "Budget 2026 H2");
    const report = salaryWorkbook({
      extraPersons: [
        ["Okänd post", "Person X", 1990, kr(30000), pct(1), null, null],
      ],
    }).map((s) =>
      s.name !== "Budget 2026 H1"
        ? s
        : {
            name: "Utfall 2026 H1",
            rows: s.rows.map((r, i) =>
              i === 0
                ? r
                : i === 2
                  ? [...r, "Utfall"]
                  : r.length > 0
                    ? [...r, kr(1000)]
                    : r,
            ),
          },
    );
    const grant = analyze(await grids(budget));
    const alone = analyze(await grids(report));
    const held = analyzeAgainstGranted(await grids(report), [grant]);
    const h2 = (a: Analysis) =>
      a.computation.halfYears.find((h) => h.halfYear.id === "2026-H2")!.budget
        .total;
    expect(h2(held)).toBe(h2(alone));
    expect(h2(alone)).toBeGreaterThan(200_000_00);
    const codes = (a: Analysis) =>
      a.findings.map((f) => `${f.code} ${f.sheet ?? ""}!${f.cell ?? ""}`);
    expect(codes(alone)).toContain("SALARY_POST_UNKNOWN Lönekalkyl!A7");
    expect(codes(held)).toContain("SALARY_POST_UNKNOWN Lönekalkyl!A7");
  });

  // Person C leaves in April: the report's Lönekalkyl costs the line lower, and the line's persons
  // cost it over the grant's figure. The year's budget was the report's (a repayment 30 % of what
  // the grant gives), while GRANTED_LINE_CHANGED said the grant's was used, and the grant's figure
  // beside the persons was the error SALARY_CALC_BUDGET.
  test("a line costed in Lönekalkyl whose persons changed is held to the grant's figure, not costed by them", async () => {
    const grantSheets = salaryWorkbook();
    const report = grantSheets.map((s) =>
      s.name === "Lönekalkyl"
        ? {
            ...s,
            rows: s.rows.map((r) =>
              r[1] === "Person C" ? [...r.slice(0, 6), date("2026-04-30")] : r,
            ),
          }
        : s.name === "Budget 2026 H1"
          ? {
              name: "Utfall 2026 H1",
              rows: s.rows.map((r, i) =>
                i === 2
                  ? [...r, "Utfall"]
                  : i === 3
                    ? [...r, kr(400000)]
                    : i === 4
                      ? [...r, kr(90000)]
                      : i === 5
                        ? [...r, kr(40000)]
                        : r,
              ),
            }
          : s,
    );
    const grant = analyze(await grids(grantSheets));
    const alone = analyze(await grids(report));
    const held = analyzeAgainstGranted(await grids(report), [grant]);
    const h1 = (a: Analysis) =>
      a.computation.halfYears.find((h) => h.halfYear.id === "2026-H1")!;
    const line = (a: Analysis) => h1(a).lines[0]!.effectiveBudget;
    // The persons cost the report's line less than the grant's: the case is not vacuous.
    expect(line(alone)).toBeLessThan(line(grant));
    expect(line(held)).toBe(line(grant));
    expect(h1(held).budget.total).toBe(h1(grant).budget.total);
    const year = held.computation.years.find((y) => y.year === 2026)!;
    expect(year.budget).toBe(h1(grant).budget.total);
    expect(year.surplus).toBe(h1(grant).budget.total - 530000_00);
    const codes = held.findings.map((f) => `${f.code} ${f.sheet}!${f.cell}`);
    expect(codes).toContain("GRANTED_LINE_CHANGED Utfall 2026 H1!C4");
    expect(codes.filter((c) => c.startsWith("SALARY_CALC"))).toEqual([]);
    // The half-year the grant does not hold is costed by the persons, as the report alone is.
    const h2 = (a: Analysis) =>
      a.computation.halfYears.find((h) => h.halfYear.id === "2026-H2")!.budget
        .total;
    expect(h2(held)).toBe(h2(alone));
  });

  test("a budget with neither Diarienummer nor Partnerskap: held to the grant chosen, with a warning, not called another case", async () => {
    const unnamed = (sheets: SheetSpec[]) =>
      sheets.map((s) =>
        s.name !== "Uppgifter"
          ? s
          : {
              ...s,
              rows: s.rows.filter(
                (r) => r[0] !== "Diarienummer" && r[0] !== "Partnerskap",
              ),
            },
      );
    const sheets = unnamed(reportOnGrantSheets({ activities: 130000 }));
    const r = toCheckJson(
      "rapport.xlsx",
      analyzeAgainstGranted(await grids(sheets), [
        analyze(await grids(unnamed(budgetWorkbook()))),
      ]),
      "sv",
      ["budget.xlsx"],
    );
    const codes = r.findings.map((f) => f.code);
    expect(codes).not.toContain("GRANTED_OTHER_CASE");
    expect(
      r.findings.find((f) => f.code === "GRANTED_CASE_UNCHECKED"),
    ).toMatchObject({ severity: "warning", sheet: "Uppgifter" });
    // Held to it: the repayment, as with the case named.
    expect(r.repayment.total).toBe(59149);
  });
});

test("a budget held to itself as its grant: the same figures and the same findings (random workbooks)", () => {
  fc.assert(
    fc.property(formulaWorkbook.map(valuesOnly), (sheets) => {
      const alone = analyze({ sheets });
      const held = analyzeAgainstGranted({ sheets }, [alone]);
      const figures = (a: Analysis) => ({
        halfYears: a.computation.halfYears.map((h) => [
          h.halfYear.id,
          h.budget.total,
          h.actual?.eligibleTotal ?? null,
        ]),
        repayment: a.computation.repayment.total,
        grants: a.computation.grantTotal,
      });
      expect(figures(held)).toEqual(figures(alone));
      // What holding adds: a half-year with actuals is no grant (the file is a report), and a file
      // without a case named cannot be told to be the same case.
      const added = new Set([
        "HALF_YEAR_NOT_GRANTED",
        "GRANTED_CASE_UNCHECKED",
      ]);
      const codes = (a: Analysis) =>
        a.findings
          .filter((f) => !added.has(f.code))
          .map((f) => `${f.code} ${f.sheet ?? ""}!${f.cell ?? ""}`);
      expect(codes(held)).toEqual(codes(alone));
    }),
    { numRuns: 500, seed: 20261210 },
  );
});

// Question 46: the 2025 report of an agreement extended mid-year. Its first half-year was granted
// by the agreement, its second by the extension (of another OH rate here); no one workbook covers
// it, and it was judged on its own budget.
describe("a report across an agreement and its extension", () => {
  const report = reportAcrossGrants;
  const agreement = agreementPartGrant;
  const extension = extensionPartGrant;
  const analysed = async (sheets: SheetSpec[]) => analyze(await grids(sheets));

  test("each half-year is held to the grant that budgets it, at that grant's OH rate", async () => {
    const grants = [await analysed(agreement()), await analysed(extension())];
    const held = analyzeAgainstGranted(await grids(report()), grants);
    const total = (id: string) =>
      held.computation.halfYears.find((h) => h.halfYear.id === id)!.budget;
    // 742 500 + 166 272 + 100 000 = 1 008 772 direct, 10 % OH 100 877.
    expect(total("2025-H2")).toEqual({
      direct: 1_008_772_00,
      overhead: 100_877_00,
      total: 1_109_649_00,
    });
    // 742 500 + 166 272 + 110 000 = 1 018 772 direct, 12 % OH 122 252,64, rounded to 122 253.
    expect(total("2026-H1")).toEqual({
      direct: 1_018_772_00,
      overhead: 122_253_00,
      total: 1_141_025_00,
    });
    expect(held.granted).toMatchObject({
      periods: ["2025-H2", "2026-H1"],
      byGrant: [["2025-H2"], ["2026-H1"]],
    });
    const said = held.findings
      .filter(
        (f) =>
          f.code.startsWith("GRANTED") || f.code === "HALF_YEAR_NOT_GRANTED",
      )
      .map((f) => [f.code, f.sheet, f.cell, f.params]);
    const changed = (halfYear: string, grantedOre: number) => ({
      label: "Verksamhetskostnader",
      halfYear,
      reportedOre: 130_000_00,
      grantedOre,
    });
    // The report's own total, 1 142 649 (10 % OH on 1 038 772), over each grant's.
    const over = (halfYear: string, grantedOre: number) => ({
      halfYear,
      reportedOre: 1_142_649_00,
      grantedOre,
      overOre: 1_142_649_00 - grantedOre,
    });
    expect(said).toEqual([
      [
        "GRANTED_TOTAL_EXCEEDED",
        "Utfall 2025 H2",
        null,
        over("2025-H2", 1_109_649_00),
      ],
      [
        "GRANTED_TOTAL_EXCEEDED",
        "Utfall 2026 H1",
        null,
        over("2026-H1", 1_141_025_00),
      ],
      // Once, for the extension's rate and its half-year; the agreement's is the report's.
      [
        "GRANTED_RATE_CHANGED",
        "Uppgifter",
        "B7",
        { reported: 10, granted: 12, halfYears: "2026-H1" },
      ],
      [
        "GRANTED_LINE_CHANGED",
        "Utfall 2025 H2",
        "F6",
        changed("2025-H2", 100_000_00),
      ],
      [
        "GRANTED_LINE_CHANGED",
        "Utfall 2026 H1",
        "F6",
        changed("2026-H1", 110_000_00),
      ],
    ]);
    expect(
      renderFinding(
        held.findings.find((f) => f.code === "GRANTED_RATE_CHANGED")!,
        "sv",
      ).message,
    ).toBe(
      "OH-satsen är 10 % i återrapporteringen men 12 % i den beviljade budgeten för 2026-H1; beräkningen använder den beviljade.",
    );
    const source = {
      kind: "granted",
      file: "avtal.xlsx",
      periods: ["2025-H2", "2026-H1"],
      grants: [
        { file: "avtal.xlsx", periods: ["2025-H2"] },
        { file: "forlangning.xlsx", periods: ["2026-H1"] },
      ],
    };
    expect(
      toCheckJson("rapport-2025.xlsx", held, "sv", [
        "avtal.xlsx",
        "forlangning.xlsx",
      ]).budgetSource,
    ).toEqual(source);
    // Held to them in the other order (the extension saved later): the same figures, and the
    // grants listed by the half-years they hold, the agreement first.
    const other = analyzeAgainstGranted(await grids(report()), [
      grants[1]!,
      grants[0]!,
    ]);
    expect(other.computation.repayment).toEqual(held.computation.repayment);
    expect(
      toCheckJson("rapport-2025.xlsx", other, "sv", [
        "forlangning.xlsx",
        "avtal.xlsx",
      ]).budgetSource,
    ).toEqual(source);
    // Held to the agreement alone, the extension's half-year is the report's own, and said so.
    const one = analyzeAgainstGranted(await grids(report()), [grants[0]!]);
    expect(one.findings.map((f) => f.code)).toContain("HALF_YEAR_NOT_GRANTED");
    expect(
      one.computation.halfYears.find((h) => h.halfYear.id === "2026-H1")!.budget
        .total,
    ).toBe(
      analyze(await grids(report())).computation.halfYears.find(
        (h) => h.halfYear.id === "2026-H1",
      )!.budget.total,
    );
    // Two grants, neither of 2026-H1: said of them both.
    const neither = analyzeAgainstGranted(await grids(report()), [
      grants[0]!,
      grants[0]!,
    ]);
    expect(
      renderFinding(
        neither.findings.find((f) => f.code === "HALF_YEAR_NOT_GRANTED")!,
        "sv",
      ).message,
    ).toBe(
      "Halvåret 2026-H1 finns inte i någon av de beviljade budgetarna; det räknas mot arbetsbokens egen budget. Beviljades det i en annan budget (en förlängning), välj också den som beviljad budget.",
    );
    // Held to the extension alone (12 %), the agreement's half-year is the report's own at its own
    // 10 %: 1 142 649, not 12 % on its direct costs.
    const ext = analyzeAgainstGranted(await grids(report()), [grants[1]!]);
    expect(
      ext.computation.halfYears.map((h) => [h.halfYear.id, h.budget.total]),
    ).toEqual([
      ["2025-H2", 1_142_649_00],
      ["2026-H1", 1_141_025_00],
    ]);
  });

  // Found by the two-grant fuzzer (seed 405): a grant that budgets none of the report's half-years
  // lent them its OH rate, and the report's own figures changed with the order the grants were given.
  test("a grant that budgets none of the report's half-years leaves its figures its own, at its own rate", async () => {
    const sheets = reportOnGrantSheets({ activities: 130000 });
    const held = analyzeAgainstGranted(await grids(sheets), [
      await analysed(extension()),
    ]);
    const alone = await analysed(sheets);
    expect(held.computation.halfYears.map((h) => h.budget)).toEqual(
      alone.computation.halfYears.map((h) => h.budget),
    );
    expect(held.computation.repayment.total).toBe(92149_00);
    expect(held.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(["HALF_YEAR_NOT_GRANTED"]),
    );
    expect(held.findings.map((f) => f.code)).not.toContain(
      "GRANTED_RATE_CHANGED",
    );
  });

  test("the memo's default roles and the page's pairing take both as the grants, and propose neither", async () => {
    // Saved when they were made: the agreement in June 2025, the extension in January 2026.
    const file = async (name: string, sheets: SheetSpec[], saved: string) => ({
      file: name,
      analysis: analyze(
        readXlsx(await buildXlsx(sheets, { modified: new Date(saved) })),
      ),
    });
    const files = [
      await file("rapport-2025.xlsx", report(), "2026-08-20T09:00:00Z"),
      await file("avtal.xlsx", agreement(), "2025-06-01T09:00:00Z"),
      await file("forlangning.xlsx", extension(), "2026-01-15T09:00:00Z"),
    ];
    expect(defaultRoles(files).map((f) => [f.file, f.role])).toEqual([
      ["rapport-2025.xlsx", "report"],
      ["avtal.xlsx", "grant"],
      ["forlangning.xlsx", "grant"],
    ]);
    // In the order the half-years are held to them: the later saved first.
    expect(grantedPairs(files)).toEqual(new Map([[0, [2, 1]]]));
    // The agreement alone covers part of the report only: it is no grant, and nothing is held.
    expect(grantedPairs([files[0]!, files[1]!])).toEqual(new Map());
    // Held to both, the memo has nothing to say of the grants (no REPORT_GRANTED_IN_PARTS).
    const built = buildCase(files);
    expect(built.kind === "ok" && built.case.decisionFindings).toEqual([]);
  });
});
