// SPEC §3: edited layouts read the same figures; submitted totals and typed salaries are checked.

import {
  earlierSurplusYear,
  enumerationEnd,
  rateInLabel,
} from "../../src/core/reading/glossary";
import { type CheckJson, analyze, renderFinding } from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import {
  checkSheets,
  codesOf,
  errorsOf,
  findingAt,
  messageOf,
} from "../helpers/check";
import {
  HEADERS,
  budgetHalfYearSheet,
  detailsSheet,
  reportWorkbook,
  typeset,
} from "../helpers/seed";
import {
  type CellSpec,
  type SheetSpec,
  buildXlsx,
  kr,
  pct,
} from "../helpers/workbook";

/** The seed's agreement as the JSON has it, cut to its 2025 H2. */
const SEED_H2_AGREEMENT = {
  name: "Jämlik hälsa Lindängen",
  organisation: "Rädda Barnen",
  start: "2025-07-01",
  end: "2025-12-31",
  overheadRate: 0.1,
};

const NBSP = "\u00a0";
const NNBSP = "\u202f";

function expectSeedFigures(r: Awaited<ReturnType<typeof checkSheets>>) {
  expect(r.periods.map((p) => p.budget.total)).toEqual([1109649, 1109649]);
  for (const p of r.periods) {
    expect(p.budget).toEqual({
      direct: 1008772,
      overhead: 100877,
      total: 1109649,
    });
    expect(
      p.lines.filter((l) => l.category !== "overhead").map((l) => l.overhead),
    ).toEqual([74250, 16627, 10000]);
  }
}

/** A heavily edited half-year: title rows, moved columns, synonyms, blank rows, text numbers. */
function editedSheet(name: string): SheetSpec {
  return {
    name,
    rows: [
      ["Jämlik hälsa Lindängen – budget"],
      ["Upprättad av Rädda Barnen"],
      [],
      [
        "Budget (kr)",
        "Benämning",
        "Typ",
        "Procent av tjänst",
        "Månader",
        "Månadskostnad heltid (kr)",
      ],
      [
        `742${NBSP}500 kr`,
        "Hälsofrämjare",
        "Personal",
        "275 %",
        "6",
        `45${NNBSP}000:-`,
      ],
      [],
      [null, "Samordnare utveckling", "Lönekostnad", 50, 6, "55 424"],
      [],
      ["100 000", "Verksamhetskostnader", "Aktiviteter"],
      [null, "OH-kostnader (10 %)", "Overhead"],
    ],
  };
}

describe("edited layouts read the same figures", () => {
  test("title rows, moved columns, header synonyms, blank rows and numbers typed as Swedish text", async () => {
    const details = detailsSheet({ rate: "10%" });
    const r = await checkSheets([
      details,
      editedSheet("Budget H2 2025"),
      editedSheet("Halvår 1 2026"),
    ]);
    expectSeedFigures(r);
    expect(r.periods[0]!.lines[0]).toMatchObject({
      row: 5,
      label: "Hälsofrämjare",
      servicePercent: 275,
      months: 6,
      monthlyCost: 45000,
    });
    expect(errorsOf(r)).toEqual([]);
  });

  test("the OH rate as 0.1, 10 (percent points) or '10 %' text gives the same overhead", async () => {
    for (const rate of [0.1, 10, "10 %", pct(0.1)] as CellSpec[]) {
      const r = await checkSheets([
        detailsSheet({ rate }),
        budgetHalfYearSheet("2025-H2", "juli–december 2025"),
        budgetHalfYearSheet("2026-H1", "januari–juni 2026"),
      ]);
      expect(r.agreement.overheadRate).toBe(0.1);
      expectSeedFigures(r);
    }
  });

  test("the half-year is found from the sheet name when there is no Period cell", async () => {
    const names = [
      "Budget 2025 H2",
      "Budget H2 2025",
      "2025-H2",
      "Halvår 2 2025",
      "andra halvåret 2025",
      "juli–december 2025",
      "2025-07-01 – 2025-12-31",
    ];
    for (const name of names) {
      const sheet = budgetHalfYearSheet(name, "");
      const r = await checkSheets([
        detailsSheet({ end: "2025-12-31" }),
        { ...sheet, rows: sheet.rows.slice(2) },
      ]);
      expect({ name, ids: r.periods.map((p) => p.id) }).toEqual({
        name,
        ids: ["2025-H2"],
      });
    }
  });

  test("a wrong Summa row is a finding at its cell", async () => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const rows = [
      ...sheet.rows,
      ["Summa", null, null, null, null, kr(1109000)],
    ];
    const r = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet, rows },
    ]);
    expect(findingAt(r, "SUM_MISMATCH")).toEqual(["Budget 2025 H2!F8"]);
    expect(r.periods[0]!.budget.total).toBe(1109649);
  });

  test("a right Summa row is not a line and not a finding", async () => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const rows = [
      ...sheet.rows,
      ["Totalt", null, null, null, null, kr(1109649)],
    ];
    const r = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet, rows },
    ]);
    expect(r.periods[0]!.lines).toHaveLength(4);
    expect(r.findings).toEqual([]);
  });

  test("a typed salary budget that disagrees with % × months × monthly cost is a finding at its cell; the derived one is used", async () => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const rows = sheet.rows.map((row, i) =>
      i === 4
        ? ["Lön", "Samordnare utveckling", pct(0.5), 6, kr(55424), kr(170000)]
        : row,
    );
    const r = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet, rows },
    ]);
    expect(findingAt(r, "SALARY_MISMATCH")).toEqual(["Budget 2025 H2!F5"]);
    expect(r.periods[0]!.lines[1]).toMatchObject({
      enteredBudget: 170000,
      budget: 166272,
    });
    expect(r.periods[0]!.budget.total).toBe(1109649);
  });

  test("a monthly cost left out gives the implied monthly cost and keeps the typed budget", async () => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const rows = sheet.rows.map((row, i) =>
      i === 3 ? ["Lön", "Hälsofrämjare", pct(2.75), 6, null, kr(742500)] : row,
    );
    const r = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet, rows },
    ]);
    expect(r.periods[0]!.lines[0]).toMatchObject({
      budget: 742500,
      monthlyCost: null,
      impliedMonthlyCost: 45000,
    });
    expect(findingAt(r, "IMPLIED_MONTHLY_COST")).toEqual(["Budget 2025 H2!E4"]);
  });

  test("a category comes from a heading row when there is no category column", async () => {
    const r = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      {
        name: "2025 H2",
        rows: [
          [
            "Post",
            "Tjänstgöringsgrad",
            "Antal månader",
            "Månadskostnad",
            "Budget",
          ],
          ["Lönekostnader"],
          ["Hälsofrämjare", 275, 6, 45000],
          ["Samordnare utveckling", 50, 6, 55424],
          ["Verksamhetskostnader", null, null, null, 100000],
          ["OH-kostnader"],
        ],
      },
    ]);
    expect(r.periods[0]!.lines.map((l) => l.category)).toEqual([
      "salary",
      "salary",
      "activity",
      "overhead",
    ]);
    expect(r.periods[0]!.budget.total).toBe(1109649);
  });

  test("merged key cells in Uppgifter still find their values", async () => {
    const details: SheetSpec = {
      name: "Uppgifter",
      rows: [
        ["Partnerskap", null, "Jämlik hälsa Lindängen"],
        ["Organisation", null, "Rädda Barnen"],
        ["Avtalsperiod från", null, "2025-07-01"],
        ["Avtalsperiod till", null, "2025-12-31"],
        ["OH-sats", null, "10 %"],
      ],
      merges: ["A1:B1", "A2:B2", "A3:B3", "A4:B4", "A5:B5"],
    };
    const r = await checkSheets([
      details,
      budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
    ]);
    expect(r.agreement).toMatchObject(SEED_H2_AGREEMENT);
    expect(errorsOf(r)).toEqual([]);
  });

  // "Raden har belopp men ingen benämning" for a row that shows "Verksamhetskostnader" across both.
  test("a line's text merged across the category and label cells is its label, unsaid", async () => {
    const rows: SheetSpec["rows"] = [
      ["Kostnadsslag", "Post", "Budget"],
      ["Lön", "Hälsofrämjare", 300000],
      ["Verksamhetskostnader", null, 100000],
    ];
    const merged = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { name: "Budget 2025 H2", rows, merges: ["A3:B3"] },
    ]);
    expect(
      merged.periods[0]!.lines.map((l) => `${l.category} ${l.label}`),
    ).toEqual(["salary Hälsofrämjare", "activity Verksamhetskostnader"]);
    expect(merged.findings).toEqual([]);
    // Not merged, the label cell is empty, and that is said.
    const plain = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { name: "Budget 2025 H2", rows },
    ]);
    expect(findingAt(plain, "LINE_WITHOUT_LABEL")).toEqual([
      "Budget 2025 H2!B3",
    ]);
  });

  test("header cells match case-insensitively, ignoring punctuation and units", async () => {
    const headers = HEADERS.map((h) => ` ${h.toUpperCase()}: `);
    headers[5] = "Budget (kr)";
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const rows = sheet.rows.map((row, i) => (i === 2 ? headers : row));
    const r = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet, rows },
    ]);
    expect(r.periods[0]!.budget.total).toBe(1109649);
  });
});

describe("the overhead rate", () => {
  test("without OH-sats in Uppgifter, the rate in the OH line's label is used with a warning", async () => {
    const details = detailsSheet({ end: "2025-12-31" });
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
      typedSalaries: false,
    });
    const rows = sheet.rows.map((row, i) =>
      i === 6 ? ["OH", "OH-kostnader (10 %)"] : row,
    );
    const r = await checkSheets([
      { ...details, rows: details.rows.filter((row) => row[0] !== "OH-sats") },
      { ...sheet, rows },
    ]);
    expect(r.periods[0]!.budget).toEqual({
      direct: 1008772,
      overhead: 100877,
      total: 1109649,
    });
    expect(findingAt(r, "OVERHEAD_RATE_FROM_LABEL")).toEqual([
      "Budget 2025 H2!B7",
    ]);
    expect(errorsOf(r)).toEqual([]);
  });

  // "OH-kostnader 15 %" beside OH-sats 10 % said nothing: the partner budgeted 15 %, and 10 % counted.
  test.each([
    ["OH-kostnader 15 %", ["OVERHEAD_RATE_LABEL_DIFFERS"]],
    ["OH-kostnader (10 %)", []],
    ["OH-kostnader 10,0%", []],
    ["OH-kostnader", []],
  ] as const)("an OH line %j beside OH-sats 10 %", async (label, codes) => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
      typedSalaries: false,
    });
    const rows = sheet.rows.map((row, i) => (i === 6 ? ["OH", label] : row));
    const r = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet, rows },
    ]);
    expect(r.periods[0]!.budget.overhead).toBe(100877);
    expect(codesOf(r)).toEqual(codes);
    if (codes.length > 0)
      expect(r.findings[0]!.message).toBe(
        'OH-raden "OH-kostnader 15 %" anger 15 %, men OH-satsen i Uppgifter är 10 %: OH räknas med 10 %. Rätta raden, eller OH-satsen om den är fel.',
      );
  });

  // The OH-sats typed in the OH line's % column: 0,1 was "read as 0,1 %. Did you mean 10 %?", and
  // 12 % beside OH-sats 10 % said nothing while 10 % counted.
  test.each([
    [pct(0.12), ["OVERHEAD_RATE_LABEL_DIFFERS"]],
    ["12 %", ["OVERHEAD_RATE_LABEL_DIFFERS"]],
    [12, ["OVERHEAD_RATE_LABEL_DIFFERS"]],
    [pct(0.1), []],
    [0.1, []],
    [10, []],
  ] as [CellSpec, string[]][])(
    "the OH line's %% column holding %j beside OH-sats 10 %%: a rate, and %j",
    async (rate, codes) => {
      const sheet = budgetHalfYearSheet(
        "Budget 2025 H2",
        "juli–december 2025",
        {
          typedSalaries: false,
        },
      );
      const rows = sheet.rows.map((row, i) =>
        i === 6 ? ["OH", "OH-kostnader", rate] : row,
      );
      const r = await checkSheets([
        detailsSheet({ end: "2025-12-31" }),
        { ...sheet, rows },
      ]);
      expect(r.periods[0]!.budget.overhead).toBe(100877);
      expect(codesOf(r)).toEqual(codes);
      expect(findingAt(r, "OVERHEAD_RATE_LABEL_DIFFERS")).toEqual(
        codes.length > 0 ? ["Budget 2025 H2!C7"] : [],
      );
      if (codes.length > 0)
        expect(r.findings[0]!.message).toBe(
          'OH-raden "OH-kostnader" anger 12 %, men OH-satsen i Uppgifter är 10 %: OH räknas med 10 %. Rätta raden, eller OH-satsen om den är fel.',
        );
    },
  );

  test("without OH-sats in Uppgifter, the rate in the OH line's % column is used with a warning", async () => {
    const details = detailsSheet({ end: "2025-12-31" });
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
      typedSalaries: false,
    });
    const rows = sheet.rows.map((row, i) =>
      i === 6 ? ["OH", "OH-kostnader", pct(0.1)] : row,
    );
    const r = await checkSheets([
      { ...details, rows: details.rows.filter((row) => row[0] !== "OH-sats") },
      { ...sheet, rows },
    ]);
    expect(r.periods[0]!.budget.total).toBe(1109649);
    expect(findingAt(r, "OVERHEAD_RATE_FROM_LABEL")).toEqual([
      "Budget 2025 H2!C7",
    ]);
    expect(errorsOf(r)).toEqual([]);
  });

  test("the rate in a label is the number right before its first per cent sign, if any", () => {
    expect(rateInLabel("OH 12,5 % av lönerna")).toBe(12.5);
    expect(rateInLabel("OH (10%)")).toBe(10);
    expect(rateInLabel("OH-kostnader")).toBeNull();
    expect(rateInLabel("OH 150 %")).toBeNull();
    expect(rateInLabel(`OH ${"1".repeat(32_000)}`)).toBeNull();
    expect(rateInLabel(`OH ${"1".repeat(32_000)} %`)).toBeNull();
  });
});

describe("Uppgifter's keys as people name them", () => {
  // Each was MISSING_DETAIL or MISSING_OVERHEAD_RATE: the OH left uncomputed, the decision
  // without its dates.
  test.each([
    ["Avtalsperiod från", "Startdatum"],
    ["Avtalsperiod från", "Avtalet gäller från"],
    ["Avtalsperiod till", "Slutdatum"],
    ["Avtalsperiod till", "Avtalet gäller till och med"],
    ["OH-sats", "OH %"],
    ["OH-sats", "Overhead (%)"],
    ["OH-sats", "Administrativt påslag"],
    ["Organisation", "Sökande organisation"],
    ["Organisation", "Föreningens namn"],
    ["Partnerskap", "Projektets namn"],
  ])("%j written %j", async (key, written) => {
    const details = detailsSheet({ end: "2025-12-31" });
    const rows = details.rows.map((row) =>
      row[0] === key ? [written, ...row.slice(1)] : row,
    );
    const r = await checkSheets([
      { ...details, rows },
      budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
    ]);
    expect(r.findings).toEqual([]);
    expect(r.agreement).toMatchObject(SEED_H2_AGREEMENT);
  });
});

describe("Uppgifter's values as people place and type them", () => {
  /** The seed's 2025 H2 with Uppgifter's rows made by `edit`. */
  const withDetails = (
    edit: (rows: readonly (readonly CellSpec[])[]) => CellSpec[][],
  ) => {
    const details = detailsSheet({ end: "2025-12-31" });
    return checkSheets([
      { ...details, rows: edit(details.rows) },
      budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
    ]);
  };

  // It was MISSING_DETAIL four times and no OH: 1 008 772 kr granted for 1 109 649.
  test("values a column right of their keys, past an empty spacer column, are read", async () => {
    const r = await withDetails((rows) =>
      rows.map(([key, value]) => [key!, null, value!]),
    );
    expect(r.findings).toEqual([]);
    expect(r.agreement).toMatchObject(SEED_H2_AGREEMENT);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
  });

  test("where a key has its value beside it, a cell further right is no value", async () => {
    const r = await withDetails((rows) =>
      rows.map(([key, value]) =>
        key === "Diarienummer" ? [key, null, "Ej tilldelat"] : [key!, value!],
      ),
    );
    expect(r.agreement.caseNumber).toBeNull();
  });

  // Each was MISSING_DETAIL.
  test("a key and its value in one cell, 'Partnerskap: Jämlik hälsa Lindängen'", async () => {
    const r = await withDetails((rows) =>
      rows.map(([key, value]) =>
        typeof key === "string" && typeof value === "string"
          ? [`${key}: ${value}`]
          : [key!, value!],
      ),
    );
    expect(r.findings).toEqual([]);
    expect(r.agreement).toMatchObject({
      ...SEED_H2_AGREEMENT,
      caseNumber: "STK-2020-1375",
      orgNumber: "802002-8638",
    });
  });

  // Each was INVALID_DATE or INVALID_AGREEMENT_PERIOD.
  test.each<[CellSpec, CellSpec]>([
    [20250701, 20251231],
    ["250701", "251231"],
    ["20250701", "20251231"],
  ])("dates typed without dashes, %j – %j", async (start, end) => {
    const r = await withDetails((rows) =>
      rows.map(([key, value]) =>
        key === "Avtalsperiod från"
          ? [key, start]
          : key === "Avtalsperiod till"
            ? [key, end]
            : [key!, value!],
      ),
    );
    expect(r.findings).toEqual([]);
    expect(r.agreement).toMatchObject(SEED_H2_AGREEMENT);
  });

  test.each(["1/7 2025 – 31/12 2025", "1/7-2025 – 31/12-2025"])(
    "the agreement period in one cell as Swedes shorten it, %j",
    async (period) => {
      const r = await withDetails((rows) => [
        ...rows
          .filter(
            ([key]) =>
              !(typeof key === "string" && key.startsWith("Avtalsperiod")),
          )
          .map((row) => [...row]),
        ["Avtalsperiod", period],
      ]);
      expect(r.findings).toEqual([]);
      expect(r.agreement).toMatchObject(SEED_H2_AGREEMENT);
    },
  );
});

describe("the agreement's details on a sheet of another name", () => {
  // Each was NO_DETAILS_SHEET: no agreement period, no OH rate, no decision.
  test.each(["Info", "Grunduppgifter", "Avtal"])(
    "a sheet %j holding the keys is read as Uppgifter, and says so",
    async (name) => {
      const r = await checkSheets([
        { ...detailsSheet({ end: "2025-12-31" }), name },
        budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
      ]);
      expect(r.findings.map((f) => `${f.code} ${f.sheet}`)).toEqual([
        `DETAILS_FROM_SHEET ${name}`,
      ]);
      expect(r.agreement).toMatchObject({
        organisation: "Rädda Barnen",
        end: "2025-12-31",
        overheadRate: 0.1,
      });
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
    },
  );

  test("the keys above a half-year's table are the details, and the table is still read", async () => {
    const details = detailsSheet({ end: "2025-12-31" });
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const r = await checkSheets([
      { ...sheet, rows: [...details.rows, [], ...sheet.rows] },
    ]);
    expect(r.findings.map((f) => `${f.code} ${f.sheet}`)).toEqual([
      "DETAILS_FROM_SHEET Budget 2025 H2",
    ]);
    expect(r.agreement.start).toBe("2025-07-01");
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
  });

  test("a named Uppgifter wins over keys elsewhere, wherever it stands", async () => {
    const r = await checkSheets([
      { ...detailsSheet({ end: "2025-12-31", rate: pct(0.2) }), name: "Info" },
      budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
      detailsSheet({ end: "2025-12-31" }),
    ]);
    expect(r.agreement.overheadRate).toBe(0.1);
    expect(r.findings).toEqual([]);
  });

  test("a sheet with one or two of the keys is no sheet of details", async () => {
    const r = await checkSheets([
      {
        name: "Info",
        rows: [
          ["Organisation", "Rädda Barnen"],
          ["Projekt", "Jämlik hälsa Lindängen"],
        ],
      },
      budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
    ]);
    expect(r.findings.map((f) => f.code)).toContain("NO_DETAILS_SHEET");
  });
});

describe("a report's columns as people head them", () => {
  const report = (budget: string, actual: string) => [
    detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
    {
      name: "Utfall 2024 H1",
      rows: [
        ["Post", budget, actual],
        ["Lönekostnader: Hälsofrämjare", kr(600000), kr(505789)],
        ["Verksamhetskostnader", kr(100000), kr(90000)],
        ["OH-kostnader", kr(70000), kr(59579)],
      ],
    },
  ];

  // "Bokfört" and the others were not read, and nothing said so: the report was taken for a
  // budget, with no repayment.
  test.each([
    ["Budget", "Bokfört"],
    ["Budget", "Förbrukat"],
    ["Budget", "Använda medel"],
    ["Budget", "Redovisade kostnader"],
    ["Budget", "Faktisk kostnad"],
    ["Beviljat", "Utfall"],
    ["Beviljad budget", "Förbrukade medel"],
  ])("%j and %j are the budget and the actual", async (budget, actual) => {
    const r = await checkSheets(report(budget, actual));
    expect(r.periods[0]!.actual?.total).toBe(655_368);
    expect(r.periods[0]!.budget.total).toBe(770_000);
    // The half-year's surplus, 770 000 − 655 368, is what is repaid.
    expect(r.repayment.total).toBe(114_632);
  });

  test("a sheet named as a report without a column of actuals says so, with the headers not read", async () => {
    const r = await checkSheets(report("Budget", "Prognos"));
    expect(r.periods[0]!.actual).toBeNull();
    expect(r.findings.map((f) => `${f.code} ${f.cell}: ${f.message}`)).toEqual([
      'NO_ACTUAL_COLUMN B1: Bladet heter som en återrapport, men tabellen har ingen kolumn för utfallet: halvåret räknas som en budget, utan utfall och återbetalning. Rubriker som inte läses: "Prognos". Ge utfallets kolumn rubriken Utfall.',
    ]);
  });

  test("a budget sheet without actuals says nothing of them", async () => {
    const [details, sheet] = report("Budget", "Prognos");
    const r = await checkSheets([
      details!,
      { ...sheet!, name: "Budget 2024 H1" },
    ]);
    expect(r.findings).toEqual([]);
  });
});

describe("a numbered budget", () => {
  const budget = (rows: CellSpec[][]) => [
    detailsSheet({ end: "2025-12-31" }),
    { name: "Budget 2025 H2", rows: [["Post", "Budget"], ...rows] },
  ];
  const categories = (r: Awaited<ReturnType<typeof checkSheets>>) =>
    r.periods[0]!.lines.map((l) => `${l.label}: ${l.category}`);

  // "4. OH-kostnader" was a direct line: the OH was computed on it, a grant of 1 058 750 kr for
  // 962 500, and nothing said so.
  test("a number before the seed's labels does not hide their category", async () => {
    const r = await checkSheets(
      budget([
        ["1. Lönekostnader: Hälsofrämjare", kr(600000)],
        ["2. Lönekostnader: Samordning/utveckling", kr(175000)],
        ["3. Verksamhetskostnader: aktiviteter", kr(100000)],
        ["4. OH-kostnader", kr(87500)],
        ["5. Summa", kr(962500)],
      ]),
    );
    expect(categories(r)).toEqual([
      "1. Lönekostnader: Hälsofrämjare: salary",
      "2. Lönekostnader: Samordning/utveckling: salary",
      "3. Verksamhetskostnader: aktiviteter: activity",
      "4. OH-kostnader: overhead",
    ]);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 962_500 }]);
    expect(r.findings).toEqual([]);
  });

  test("numbered headings, lines numbered below them, income and a total, as outlines number them", async () => {
    const r = await checkSheets(
      budget([
        ["A. Intäkter"],
        ["A.1 Bidrag Malmö stad", kr(962500)],
        ["B. Kostnader"],
        ["1 Lönekostnader"],
        ["1.1 Hälsofrämjare", kr(600000)],
        ["1.2 Samordnare", kr(175000)],
        ["2) Verksamhet"],
        ["2.1 Aktiviteter", kr(100000)],
        ["3) OH-kostnader"],
        ["IV. Totalt", kr(962500)],
      ]),
    );
    expect(categories(r)).toEqual([
      "1.1 Hälsofrämjare: salary",
      "1.2 Samordnare: salary",
      "2.1 Aktiviteter: activity",
      "3) OH-kostnader: overhead",
    ]);
    // The OH line waits for its computed 10 % of 875 000.
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 962_500 }]);
    expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
      "INCOME_NOT_READ A2",
    ]);
  });

  test("a year or an amount at the start of a label is no number of a list", () => {
    expect(enumerationEnd("2025 H2")).toBe(0);
    expect(enumerationEnd("10 000 kr resor")).toBe(0);
    expect(enumerationEnd("Lön 1. Hälsofrämjare")).toBe(0);
    expect(enumerationEnd("12.3 Lokalhyra")).toBe(5);
    expect(enumerationEnd("b) Lokalhyra")).toBe(3);
  });
});

describe("a half-year's headers as people write them", () => {
  /** The seed's 2025 H2, its salary budgets left to be derived, with one header renamed. */
  const renamed = (col: number, header: string, typedSalaries = false) => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
      typedSalaries,
    });
    const rows = sheet.rows.map((row, i) =>
      i === 2 ? row.map((h, c) => (c === col ? header : h)) : row,
    );
    return checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet, rows },
    ]);
  };

  // Each was not read: the salary lines had no budget (200 000 kr granted for 1 109 649), and the
  // warnings asked for a service percentage or a monthly cost the table had.
  test.each([
    [2, "Omfattning"],
    [2, "Andel av heltid"],
    [2, "Procent av heltid"],
    [2, "Anställningsgrad"],
    [4, "Kostnad/mån"],
    [4, "Lönekostnad per månad"],
    [4, "Kostnad per månad inkl. avgifter"],
    [4, "Månadslön inkl. soc. avg."],
    // Abbreviated, as a narrow column is headed.
    [2, "Tjg %"],
    [2, "Tjg-grad"],
    [2, "Tjänst %"],
    [2, "Tjänst (%)"],
    [3, "Mån"],
    [3, "Mån."],
    [4, "Mån.kostnad"],
    [4, "Månadskostn."],
    [4, "Kostn/mån"],
    [4, "Kr/mån"],
    [4, "Kostnad/månad"],
  ])("column %i headed %j is read", async (col, header) => {
    const r = await renamed(col, header);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
    expect(r.findings).toEqual([]);
  });

  // Beside Budget and Utfall a "%" is as often the actual's share of the budget.
  test.each(["%", "Andel %", "Tjänst"])(
    "a column headed %j is no service percentage",
    async (header) => {
      const r = await renamed(2, header, true);
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
      expect(r.periods[0]!.lines.map((l) => l.servicePercent)).toEqual([
        null,
        null,
        null,
        null,
      ]);
    },
  );

  // A month's salary without the contributions is no monthly cost, so it stays unread; each line
  // asked for a monthly cost the table seemed to have. Said once, naming the header.
  test("a column 'Lön per månad' stays unread, and the header says which column is missing", async () => {
    const r = await renamed(4, "Lön per månad");
    expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
      "SALARY_COLUMN_MISSING C3",
      "SALARY_INCOMPLETE F4",
      "SALARY_INCOMPLETE F5",
    ]);
    expect(r.findings[0]!.message).toBe(
      'Tabellen har ingen kolumn Månadskostnad, så lönernas budget kan inte räknas fram som tjänstgöringsgrad × månader × månadskostnad (med avgifter). Rubriker som inte läses: "Lön per månad". Ge kolumnen som har värdena rubriken Månadskostnad, eller fyll i lönernas budget.',
    );
    // With the salaries' budget typed, nothing waits for the column, and nothing is said.
    const typed = await renamed(4, "Lön per månad", true);
    expect(typed.findings).toEqual([]);
  });

  // The amount column of a salary table is often "Summa": the sheet was MISSING_COLUMNS, unread.
  test.each([
    "Summa",
    "Totalt",
    "Totalkostnad",
    "Kostnad (kr)",
    "Kostnad SEK",
    "Budgeterad kostnad",
    "Kostnadsbudget",
  ])("the budget's column headed %j is read", async (header) => {
    const r = await renamed(5, header, true);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
    expect(r.findings).toEqual([]);
  });

  test("'Summa' beside a Budget column is not read, and a bare 'Kostnad' is no budget: the finding names it", async () => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const rows = sheet.rows.map((row, i) =>
      i === 2 ? [...row.slice(0, 7), "Summa"] : row,
    );
    const beside = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet, rows },
    ]);
    expect(beside.grants[0]!.amount).toBe(1_109_649);

    const r = await renamed(5, "Kostnad", true);
    expect(r.findings.map((f) => `${f.code} ${f.cell}: ${f.message}`)).toEqual([
      'MISSING_COLUMNS I3: Tabellen saknar kolumnen Budget. Rubriker som inte läses: "Kostnad". Lägg till en rubrikrad med minst Post och Budget.',
      'NO_HALF_YEAR_SHEET null: Arbetsboken har inget halvårsblad. Lägg till ett blad per halvår, t.ex. "Budget 2025 H2", med en tabell med kolumnerna Post och Budget.',
    ]);
  });

  test("Lönekalkyl reads 'Omfattning' as the person's share, as it reads 'Tjänstgöringsgrad'", async () => {
    const withGrade = (grade: string) =>
      checkSheets([
        detailsSheet({ end: "2025-12-31", extra: [["Pålägg", pct(0.06)]] }),
        budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
          typedSalaries: false,
        }),
        {
          name: "Lönekalkyl",
          rows: [
            ["Post", "Namn", "Födelseår", "Månadslön", grade],
            ["Hälsofrämjare", "Anna", 1985, kr(34000), pct(1)],
          ],
        },
      ]);
    const [omfattning, grade] = await Promise.all([
      withGrade("Omfattning"),
      withGrade("Tjänstgöringsgrad"),
    ]);
    // The same person's cost (280 337 kr for the half-year), and the same findings.
    expect(omfattning.periods[0]!.lines[0]!.budget).toBe(
      grade.periods[0]!.lines[0]!.budget,
    );
    expect(omfattning.findings).toEqual(grade.findings);
    expect(grade.findings.map((f) => f.code)).toEqual(["SALARY_CALC_MISMATCH"]);
  });
});

describe("the OH line's category as people write it", () => {
  /** The seed's 2025 H2 (its budgets typed), the OH line's category cell and label as given. */
  const ohLine = (category: string, label: string) => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const rows = sheet.rows.map((row, i) =>
      i === 6 ? [category, label, ...row.slice(2)] : row,
    );
    return checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet, rows },
    ]);
  };

  // Each was a direct line: OH charged on the OH (1 119 737 kr granted for 1 109 649).
  test.each([
    ["Administration", "OH-kostnader"],
    ["Övrigt", "Overheadkostnader"],
    ["Omkostnader", "Administration och lokal"],
    ["Overheadkostnad", "Gemensam administration"],
    ["Administrativt påslag", "10 % på direkta kostnader"],
  ])(
    "a category cell %j beside the label %j is the OH line",
    async (category, label) => {
      const r = await ohLine(category, label);
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
      expect(r.periods[0]!.lines.map((l) => l.category)).toEqual([
        "salary",
        "salary",
        "activity",
        "overhead",
      ]);
      expect(r.findings).toEqual([]);
    },
  );

  test("a category cell of no known word beside a label of none is a direct line, as before", async () => {
    const r = await ohLine("Administration", "Ekonomiadministration");
    expect(r.periods[0]!.lines[3]!.category).toBe("other");
    // 100 877 kr of administration is a direct cost, and OH is computed on it.
    expect(r.periods[0]!.budget).toEqual({
      direct: 1_109_649,
      overhead: 110_965,
      total: 1_220_614,
    });
  });
});

describe("a service column that counts full-time posts", () => {
  const posts = (header: string, hf: CellSpec, samordnare: CellSpec) => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
      typedSalaries: false,
    });
    const rows = sheet.rows.map((row, i) =>
      i === 2
        ? row.map((h, c) => (c === 2 ? header : h))
        : i === 3
          ? row.map((v, c) => (c === 2 ? hf : v))
          : i === 4
            ? row.map((v, c) => (c === 2 ? samordnare : v))
            : row,
    );
    return checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet, rows },
    ]);
  };

  // Read as percent points, 2.75 was 2.75 % of a post: 12 375 kr for 742 500, and a warning asking
  // whether 275 % was meant.
  test.each([
    ["Antal tjänster", 2.75, 0.5],
    ["Årsarbetare", "2,75", "0,5"],
    ["Heltidstjänster", pct(2.75), "50 %"],
    ["FTE", 2.75, "halvtid"],
  ] as [string, CellSpec, CellSpec][])(
    "%j: %j and %j posts are 275 % and 50 %",
    async (header, hf, samordnare) => {
      const r = await posts(header, hf, samordnare);
      expect(r.periods[0]!.lines.map((l) => l.servicePercent)).toEqual([
        275,
        50,
        null,
        null,
      ]);
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
      expect(r.findings).toEqual([]);
    },
  );

  test("a plain number in a percent column is still percent points", async () => {
    const r = await posts("Tjänstgöringsgrad", 275, 50);
    expect(r.periods[0]!.lines[0]!.servicePercent).toBe(275);
    expect(r.grants[0]!.amount).toBe(1_109_649);
  });
});

describe("a table of labels and one column of amounts", () => {
  const sheet = (rows: CellSpec[][]) =>
    checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { name: "Budget 2025 H2", rows },
    ]);

  // A small budget of two columns had one known header, no header row was found, and the sheet
  // was MISSING_COLUMNS "Post, Budget".
  test.each([
    ["Aktivitet", "Belopp"],
    ["Kostnader 2025", "Budget"],
    [2025, "Budget"],
  ] as [CellSpec, string][])(
    "%j | %j heads the table",
    async (labels, amounts) => {
      const r = await sheet([
        ["Projektbudget juli–december 2025"],
        [],
        [labels, amounts],
        ["Lönekostnader: Samordnare", kr(400000)],
        ["Lokalhyra", kr(100000)],
        ["OH-kostnader", null],
        ["Summa", null],
      ]);
      expect(r.periods[0]!.lines.map((l) => l.label)).toEqual([
        "Lönekostnader: Samordnare",
        "Lokalhyra",
        "OH-kostnader",
      ]);
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 550_000 }]);
      expect(r.findings).toEqual([]);
    },
  );

  // Past the rows where a header is looked for, the rows held below the lone header are read, and
  // the rest as they come.
  test("a long table under a Budget header alone is read whole", async () => {
    const lines = Array.from({ length: 60 }, (_, i): CellSpec[] => [
      `Aktivitet ${i + 1}`,
      kr(1000),
    ]);
    const r = await sheet([
      ["Aktivitet", "Belopp"],
      ...lines,
      ["Summa", kr(60000)],
    ]);
    expect(r.periods[0]!.lines.map((l) => l.row)).toEqual(
      lines.map((_, i) => i + 2),
    );
    expect(r.findings).toEqual([]);
  });

  test("a row with two known headers below wins over a Budget header alone above it", async () => {
    const r = await sheet([
      ["Not", "Budget enligt beslut 2025-05-20"],
      [],
      ["Post", "Budget", "Utfall"],
      ["Lokalhyra", kr(100000), kr(90000)],
      ["OH-kostnader", kr(10000), kr(9000)],
    ]);
    expect(r.periods[0]!.lines.map((l) => l.row)).toEqual([4, 5]);
    expect(r.periods[0]!.actual?.total).toBe(99_000);
  });

  // Any sheet may have such a row: one without a period says nothing (it was no table before).
  test("a Budget header alone, or a 'Summa' column, on a sheet of no half-year makes no finding", async () => {
    const r = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
      {
        name: "Anteckningar",
        rows: [
          ["Fråga", "Budget för resor?"],
          ["Svar", "Ingår i verksamheten"],
        ],
      },
      {
        name: "Sammanställning",
        rows: [
          ["Post", "Summa"],
          ["Lön", kr(1_817_544)],
        ],
      },
    ]);
    expect(r.findings).toEqual([]);
  });

  test("a Budget header with nothing left of it heads no table", async () => {
    const r = await sheet([["Budget"], ["Lokalhyra", kr(100000)]]);
    expect(r.findings.map((f) => f.code)).toEqual([
      "MISSING_COLUMNS",
      "NO_HALF_YEAR_SHEET",
    ]);
  });
});

describe("months typed as a range of months", () => {
  const months = (name: string, period: string, text: string) => {
    const sheet = budgetHalfYearSheet(name, period, { typedSalaries: false });
    const rows = sheet.rows.map((row, i) =>
      i === 3 ? row.map((v, c) => (c === 3 ? text : v)) : row,
    );
    const h1 = name.endsWith("H1");
    return checkSheets([
      detailsSheet({
        start: h1 ? "2026-01-01" : "2026-07-01",
        end: h1 ? "2026-06-30" : "2026-12-31",
      }),
      { ...sheet, rows },
    ]);
  };

  // A sheet copied from the autumn keeps its "jul–dec": the count is right, the months are not.
  test("a range of the other half is counted as it stands and said at its cell", async () => {
    const r = await months("Budget 2026 H1", "januari–juni 2026", "jul–dec");
    expect(r.periods[0]!.lines[0]!.months).toBe(6);
    expect(r.findings.map((f) => `${f.code} ${f.cell}: ${f.message}`)).toEqual([
      'MONTHS_OUTSIDE_HALF_YEAR D4: Månaderna "jul–dec" ligger inte i halvåret 2026-H1: bladet kan vara kopierat från ett annat halvår. Antalet månader räknas som det står; skriv halvårets månader.',
    ]);
  });

  test.each([
    ["Budget 2026 H1", "januari–juni 2026", "feb–jun"],
    ["Budget 2026 H2", "juli–december 2026", "sep–dec"],
    ["Budget 2026 H2", "juli–december 2026", "hela halvåret"],
  ])("%j with %j: months %j are its own", async (name, period, text) => {
    const r = await months(name, period, text);
    expect(r.findings.map((f) => f.code)).not.toContain(
      "MONTHS_OUTSIDE_HALF_YEAR",
    );
  });
});

describe("a budget kept beside the report of its half-year", () => {
  const budgetSheet = (name: string, activities: number) => ({
    name,
    rows: [
      ["Post", "Budget"],
      ["Lönekostnader: Hälsofrämjare", kr(600000)],
      ["Verksamhetskostnader", kr(activities)],
      ["OH-kostnader", kr(70000)],
    ] as CellSpec[][],
  });
  const report = (name: string) => ({
    name,
    rows: [
      ["Post", "Budget", "Utfall"],
      ["Lönekostnader: Hälsofrämjare", kr(600000), kr(505789)],
      ["Verksamhetskostnader", kr(100000), kr(90000)],
      ["OH-kostnader", kr(70000), kr(59579)],
    ] as CellSpec[][],
  });
  const book = (...sheets: { name: string; rows: CellSpec[][] }[]) =>
    checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      ...sheets,
    ]);

  // The template's budget sheet and the partner's report of it were DUPLICATE_HALF_YEAR: the
  // budget sheet was read, without actuals, and nothing was repaid.
  test("the report is read, and the budget sheet is said not to be", async () => {
    const r = await book(
      budgetSheet("Budget 2024 H1", 100000),
      report("Utfall 2024 H1"),
    );
    expect(r.periods.map((p) => p.sheet)).toEqual(["Utfall 2024 H1"]);
    expect(r.repayment.total).toBe(114_632);
    expect(r.findings.map((f) => `${f.code} ${f.sheet}: ${f.message}`)).toEqual(
      [
        'BUDGET_SHEET_REPORTED Budget 2024 H1: Bladet har budgeten för 2024-H1, som återrapporten "Utfall 2024 H1" redovisar med utfall: det läses inte, och 2024-H1 räknas från "Utfall 2024 H1".',
        expect.stringMatching(/^REPAYMENT_DUE_DEFAULTED/),
      ],
    );
  });

  test("a report held to another budget than the sheet beside it is a warning with both", async () => {
    const r = await book(
      budgetSheet("Budget 2024 H1", 80000),
      report("Utfall 2024 H1"),
    );
    expect(r.repayment.total).toBe(114_632);
    expect(r.findings.find((f) => f.sheet === "Budget 2024 H1")).toMatchObject({
      code: "REPORTED_BUDGET_DIFFERS",
      severity: "warning",
      message: `Bladet har budgeten för 2024-H1, 750${NNBSP}000${NBSP}kr, men återrapporten "Utfall 2024 H1" redovisar mot 770${NNBSP}000${NBSP}kr. Bladet läses inte, och 2024-H1 räknas från "Utfall 2024 H1": kontrollera att återrapporten redovisar mot den beviljade budgeten.`,
    });
  });

  test.each([
    ["two reports", report("Utfall 2024 H1"), report("Återrapport 2024 H1")],
    [
      "two budgets",
      budgetSheet("Budget 2024 H1", 100000),
      budgetSheet("Budget H1 2024", 100000),
    ],
  ])("%s of one half-year are still DUPLICATE_HALF_YEAR", async (_, a, b) => {
    const r = await book(a, b);
    expect(r.findings.map((f) => f.code)).toContain("DUPLICATE_HALF_YEAR");
  });

  // The actuals on a sheet of their own, "Post | Utfall": the error MISSING_COLUMNS, without a cell
  // for "2024 | Utfall", asked for a Budget column there and did not say where the budget was.
  const actualsFinding = (r: CheckJson, sheet: string) =>
    r.findings.find(
      (f) => f.code === "ACTUALS_WITHOUT_BUDGET" && f.sheet === sheet,
    );
  const actualsSheet = (name: string, labelHeader: string) => ({
    name,
    rows: [
      [labelHeader, "Utfall"],
      ["Lönekostnader: Hälsofrämjare", kr(505789)],
      ["Verksamhetskostnader", kr(90000)],
      ["OH-kostnader", kr(59579)],
    ] as CellSpec[][],
  });
  test.each(["Post", "2024"])(
    "actuals on a sheet of their own (labels headed %j) are an error at their header, naming the budget's sheet",
    async (labelHeader) => {
      const r = await book(
        budgetSheet("Budget 2024 H1", 100000),
        actualsSheet("Utfall 2024 H1", labelHeader),
      );
      expect(r.periods.map((p) => p.sheet)).toEqual(["Budget 2024 H1"]);
      expect(r.repayment.total).toBe(0);
      const f = actualsFinding(r, "Utfall 2024 H1");
      expect(f).toMatchObject({ severity: "error", cell: "B1" });
      expect(f?.message).toBe(
        'Bladet har utfall för 2024-H1 men ingen kolumn Budget; budgeten står på bladet "Budget 2024 H1". Utfallet läses bara i en kolumn Utfall bredvid budgeten: för in det på "Budget 2024 H1", rad för rad, eller lägg till kolumnen Budget här. Nu räknas inget utfall och ingen återbetalning för 2024-H1.',
      );
      expect(r.findings.map((x) => x.code)).not.toContain("MISSING_COLUMNS");
    },
  );

  test("the budget's sheet after the actuals' is named too; without one, the headers not read are", async () => {
    const after = await book(
      actualsSheet("Utfall 2024 H1", "Post"),
      budgetSheet("Budget 2024 H1", 100000),
    );
    expect(actualsFinding(after, "Utfall 2024 H1")?.message).toContain(
      'budgeten står på bladet "Budget 2024 H1"',
    );
    const alone = await book({
      name: "Utfall 2024 H1",
      rows: [
        ["Post", "Kostnad", "Utfall"],
        ["Verksamhetskostnader", kr(100000), kr(90000)],
      ],
    });
    expect(actualsFinding(alone, "Utfall 2024 H1")).toMatchObject({
      cell: "C1",
      message:
        'Bladet har utfall för 2024-H1 men ingen kolumn Budget. Rubriker som inte läses: "Kostnad". Lägg till kolumnen Budget med halvårets budget, rad för rad, så läses återrapporten. Nu räknas inget utfall för 2024-H1.',
    });
  });

  test("a sheet of no half-year with actuals and no budget is no report", async () => {
    const r = await book(
      budgetSheet("Budget 2024 H1", 100000),
      actualsSheet("Anteckningar", "Post"),
    );
    expect(r.findings.map((f) => f.code)).not.toContain(
      "ACTUALS_WITHOUT_BUDGET",
    );
  });
});

describe("an earlier year's surplus as people name it", () => {
  // Each was no key: 232 886 kr left out of the repayment, and nothing said.
  test.each([
    "Ej förbrukade medel 2023",
    "Outnyttjade medel 2023",
    "Ej använda medel 2023",
    "Att återbetala 2023",
    "Överskott 2023",
  ])("%j is the surplus of 2023", async (key) => {
    const r = await checkSheets(
      reportWorkbook().map((s) =>
        s.name === "Uppgifter"
          ? {
              ...s,
              rows: s.rows.map((row) =>
                row[0] === "Ej förbrukat överskott 2023"
                  ? [key, kr(232886)]
                  : row,
              ),
            }
          : s,
      ),
    );
    expect(r.repayment.total).toBe(380_222);
  });

  test("used funds are no surplus", () => {
    expect(earlierSurplusYear("Utnyttjade medel 2023")).toBeNull();
    expect(earlierSurplusYear("Förbrukade medel 2023")).toBeNull();
  });
});

describe("a report as partners head and name it", () => {
  /** The seed's report with each half-year sheet changed by `edit`. */
  const report = (edit: (s: SheetSpec) => SheetSpec) =>
    checkSheets(
      reportWorkbook().map((s) => (s.name === "Uppgifter" ? s : edit(s))),
    );
  const seedCodes = [
    "OVERSPENT",
    "OVERSPENT",
    "PERIOD_NOT_REPORTED",
    "REPAYMENT_DUE_DEFAULTED",
  ];

  // It was six NOT_A_NUMBER errors, and the row a line without a label.
  test("a row of units below the headers is part of them", async () => {
    const r = await report((s) => ({
      ...s,
      rows: [s.rows[0]!, [null, "kr", "(kr)", "SEK"], ...s.rows.slice(1)],
    }));
    expect(r.repayment.total).toBe(380_222);
    expect(r.findings.map((f) => f.code).sort()).toEqual(seedCodes);
    expect(r.periods[0]!.lines.map((l) => l.row)).toEqual([3, 4, 5, 6]);
  });

  test("a row of units in thousands reads the amounts in thousands, and says so", async () => {
    const inTkr = (v: CellSpec | undefined): CellSpec | undefined =>
      typeof v === "number" ? v / 1000 : v;
    const r = await report((s) => ({
      ...s,
      rows: [
        s.rows[0]!,
        [null, "tkr", "TSEK", "(kkr)"],
        ...s.rows.slice(1).map((row) => row.map(inTkr)),
      ],
    }));
    expect(r.repayment.total).toBe(380_222);
    const units = r.findings.filter((f) => f.code === "AMOUNTS_IN_UNIT");
    expect(units.map((f) => `${f.sheet} ${f.cell}`)).toEqual([
      "Utfall 2024 H1 B1",
      "Utfall 2024 H2 B1",
    ]);
    expect(units[0]!.message).toBe(
      typeset(
        'Beloppen under "Budget tkr", "Utfall TSEK", "Differens (kkr)" läses i tusental kronor (tkr), rubrikens enhet: 1 925 där är 1 925 000 kr. Står beloppen redan i kronor, ta bort enheten ur rubriken.',
      ),
    );
  });

  // Kronor typed under a unit of thousands: 600 000 000 kr a line, and only an information.
  test("kronor typed under a row of units in thousands are a warning at the first, per column", async () => {
    const r = await report((s) => ({
      ...s,
      rows: [s.rows[0]!, [null, "tkr", "tkr"], ...s.rows.slice(1)],
    }));
    const unlikely = r.findings.filter(
      (f) => f.code === "AMOUNT_IN_UNIT_UNLIKELY",
    );
    expect(unlikely.map((f) => `${f.severity} ${f.sheet} ${f.cell}`)).toEqual([
      "warning Utfall 2024 H1 B3",
      "warning Utfall 2024 H1 C3",
      "warning Utfall 2024 H2 B3",
      "warning Utfall 2024 H2 C3",
    ]);
    expect(unlikely[0]!.message).toBe(
      typeset(
        '"600000" läses i kolumnens enhet, tkr: 600 000 000 kr, mer än en post brukar kosta på ett halvår. Står beloppen i kronor, ta bort enheten ur rubriken.',
      ),
    );
  });

  // A row of a label and units is a line, as before.
  test("a row with a label is no row of units", async () => {
    const r = await report((s) => ({
      ...s,
      rows: [s.rows[0]!, ["Resor", "kr"], ...s.rows.slice(1)],
    }));
    expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toContain(
      "NOT_A_NUMBER B2",
    );
  });

  // Each was NOT_HALF_YEAR (read as the whole year 2024): nothing reported, 232 886 kr repaid.
  test.each([
    ["Ekonomisk redovisning 2024-1", "Ekonomisk redovisning 2024-2"],
    ["Utfall 2024 – 1", "Utfall 2024 – 2"],
  ])("half-year sheets named %j and %j", async (first, second) => {
    const r = await report((s) => ({
      ...s,
      name: s.name === "Utfall 2024 H1" ? first : second,
    }));
    expect(r.periods.map((p) => `${p.id} ${p.sheet}`)).toEqual([
      `2024-H1 ${first}`,
      `2024-H2 ${second}`,
    ]);
    expect(r.repayment.total).toBe(380_222);
  });

  test("a month in two digits after the year is still a month, no half-year", async () => {
    const r = await report((s) => ({
      ...s,
      name: s.name === "Utfall 2024 H1" ? "Utfall 2024-01" : "Utfall 2024-02",
    }));
    expect(r.periods).toEqual([]);
    expect(r.findings.map((f) => f.code)).toContain("NOT_HALF_YEAR");
  });

  // "Ack. utfall" in a report of the second half-year is often the year's to date, the first
  // half-year's actuals in it: not read as the half-year's, it stays NO_ACTUAL_COLUMN, naming it.
  test("an accumulated actual is no half-year's actual: the sheet says it has none", async () => {
    const r = await report((s) => ({
      ...s,
      rows: [
        s.rows[0]!.map((h, c) => (c === 2 ? "Ack. utfall" : h)),
        ...s.rows.slice(1),
      ],
    }));
    const none = r.findings.filter((f) => f.code === "NO_ACTUAL_COLUMN");
    expect(none).toHaveLength(2);
    expect(none[0]!.message).toContain('"Ack. utfall"');
  });
});

describe("an amount in a column per part of the half-year", () => {
  /** The seed's report with its actuals split in two columns, and their total when asked. */
  const split = (parts: readonly [string, string], total?: string) =>
    checkSheets(
      reportWorkbook().map((s) =>
        s.name === "Uppgifter"
          ? s
          : {
              ...s,
              rows: s.rows.map((row, i) => {
                const [label, budget, actual, variance] = row;
                if (i === 0)
                  return [
                    label!,
                    budget!,
                    ...parts,
                    ...(total ? [total] : []),
                    variance!,
                  ];
                const a = actual as number;
                const first = Math.floor(a / 2);
                return [
                  label!,
                  budget!,
                  first,
                  a - first,
                  ...(total ? [a] : []),
                  variance!,
                ];
              }),
            },
      ),
    );

  // The first part was the actual: 1 067 000 kr repaid for 380 222, with a warning.
  test("beside their total, the parts are not read and the total counts", async () => {
    const r = await split(
      ["Utfall jan–mar", "Utfall apr–jun"],
      "Utfall totalt",
    );
    expect(r.repayment.total).toBe(380_222);
    expect(
      r.findings
        .filter((f) => f.code === "COLUMN_PART_NOT_READ")
        .map((f) => `${f.sheet} ${f.cell} ${f.severity}`),
    ).toEqual([
      "Utfall 2024 H1 C1 info",
      "Utfall 2024 H1 D1 info",
      "Utfall 2024 H2 C1 info",
      "Utfall 2024 H2 D1 info",
    ]);
    expect(messageOf(r, "COLUMN_PART_NOT_READ")).toBe(
      'Kolumnen "Utfall jan–mar" läses inte: "Utfall totalt" (E1) är summan, och den räknas.',
    );
    expect(r.findings.map((f) => f.code)).not.toContain("COLUMN_REPEATED");
  });

  test("without their total, only the first part counts: an error at the second", async () => {
    const r = await split(["Utfall kv 1", "Utfall kv 2"]);
    const parts = r.findings.filter((f) => f.code === "COLUMNS_IN_PARTS");
    expect(parts.map((f) => `${f.sheet} ${f.cell} ${f.severity}`)).toEqual([
      "Utfall 2024 H1 D1 error",
      "Utfall 2024 H2 D1 error",
    ]);
    expect(parts[0]!.message).toBe(
      'Beloppen står i en kolumn per del av halvåret ("Utfall kv 1", "Utfall kv 2"), och bara den första räknas: halvårets belopp blir för lågt. Lägg till en kolumn med halvårets summa, t.ex. "Utfall totalt"; delarna läses då inte.',
    );
  });

  test("two actuals of other years are no parts: the sheet's year counts, the other is said not to be read", async () => {
    const r = await split(["Utfall 2024", "Utfall 2023"]);
    expect(r.findings.map((f) => f.code)).toContain("COLUMN_OTHER_PERIOD");
    expect(r.findings.map((f) => f.code)).not.toContain("COLUMNS_IN_PARTS");
  });
});

describe("two half-years' tables stacked on one sheet", () => {
  /** The seed's report of 2024 on one sheet "Utfall 2024": H1's table, and H2's below a title. */
  const stacked = (title: string, withH2Sheet = false) => {
    const [details, h1, h2] = reportWorkbook();
    return checkSheets([
      details!,
      {
        name: "Utfall 2024",
        rows: [["Januari–juni 2024"], ...h1!.rows, [], [title], ...h2!.rows],
      },
      ...(withH2Sheet ? [h2!] : []),
    ]);
  };

  // Read as the first half-year only: the second's 73 667 kr surplus was left out of the
  // repayment (306 555 kr for 380 222), with only an information that 2024-H2 is not in the
  // workbook.
  test("the table below, under a title naming another half-year, is an error: it is not read", async () => {
    const r = await stacked("Juli–december 2024");
    expect(r.periods.map((p) => p.id)).toEqual(["2024-H1"]);
    expect(
      r.findings
        .filter((f) => f.code === "HALF_YEAR_BELOW_TABLE")
        .map((f) => `${f.sheet} ${f.cell} ${f.severity}`),
    ).toEqual(["Utfall 2024 A9 error"]);
    expect(messageOf(r, "HALF_YEAR_BELOW_TABLE")).toBe(
      'Under tabellen, från rad 9, står en tabell för 2024-H2 som inte läses: ett blad läses som ett halvår, och 2024-H2 saknas i beräkningen. Flytta tabellen till ett eget blad, "Utfall 2024 H2".',
    );
  });

  test("with a sheet of its own for that half-year, or under a title of no half-year, nothing is said", async () => {
    const copy = await stacked("Juli–december 2024", true);
    expect(copy.periods.map((p) => p.id)).toEqual(["2024-H1", "2024-H2"]);
    expect(copy.findings.map((f) => f.code)).not.toContain(
      "HALF_YEAR_BELOW_TABLE",
    );
    const spec = await stacked("Specifikation av verksamhetskostnader");
    expect(spec.findings.map((f) => f.code)).not.toContain(
      "HALF_YEAR_BELOW_TABLE",
    );
  });
});

describe("two half-years' tables side by side on one sheet", () => {
  /** H1's table in A–D, H2's in F–I under a title `title`, on one sheet "Utfall 2024". */
  const beside = (title: string) => {
    const [details, h1, h2] = reportWorkbook();
    return checkSheets([
      details!,
      {
        name: "Utfall 2024",
        rows: [
          ["Januari–juni 2024", null, null, null, null, title],
          ...h1!.rows.map((row, i) => [...row, null, ...h2!.rows[i]!]),
        ],
      },
    ]);
  };

  // Three warnings that the columns were read as the first table's, asking to rename them; the
  // second half-year's figures were left out of the repayment.
  test("the table beside, under a title naming another half-year, is an error at its title", async () => {
    const r = await beside("Juli–december 2024");
    expect(r.periods.map((p) => p.id)).toEqual(["2024-H1"]);
    expect(
      r.findings
        .filter((f) => f.code === "HALF_YEAR_BESIDE_TABLE")
        .map((f) => `${f.sheet} ${f.cell} ${f.severity}`),
    ).toEqual(["Utfall 2024 F1 error"]);
    expect(messageOf(r, "HALF_YEAR_BESIDE_TABLE")).toBe(
      'Bredvid tabellen, från kolumn F, står en tabell för 2024-H2 som inte läses: ett blad läses som ett halvår, och 2024-H2 saknas i beräkningen. Flytta tabellen till ett eget blad, "Utfall 2024 H2".',
    );
    expect(r.findings.map((f) => f.code)).not.toContain("COLUMN_REPEATED");
  });

  test("under a title of no half-year, the columns are repeated ones, as before", async () => {
    const r = await beside("Reviderad budget");
    expect(r.findings.map((f) => f.code)).toContain("COLUMN_REPEATED");
    expect(r.findings.map((f) => f.code)).not.toContain(
      "HALF_YEAR_BESIDE_TABLE",
    );
  });
});

describe("the actuals of a part of the half-year, alone", () => {
  /** The seed's report with the actual column of each half-year headed `header`. */
  const headed = (header: string, extra?: string) =>
    checkSheets(
      reportWorkbook().map((s) =>
        s.name === "Uppgifter"
          ? s
          : {
              ...s,
              rows: s.rows.map((row, i) =>
                i === 0
                  ? [
                      row[0]!,
                      row[1]!,
                      header,
                      row[3]!,
                      ...(extra ? [extra] : []),
                    ]
                  : [...row],
              ),
            },
      ),
    );

  // Read as the half-year's, the actuals of January–April made a surplus of the months still to
  // come, and the decision asked 380 222 kr back with nothing said.
  test.each([
    "Utfall t.o.m. april",
    "Utfall jan–apr",
    "Utfall per 30 april",
    "Utfall per 2024-04-30",
    "Utfall kv 1",
    "Utfall hittills",
    "Utfall ack. april",
  ])(
    "%j is not read: the half-year counts as a budget, and it is said",
    async (header) => {
      const r = await headed(header);
      expect(r.periods.map((p) => p.actual)).toEqual([null, null]);
      expect(r.repayment.items).toEqual([{ year: 2023, amount: 232886 }]);
      expect(
        r.findings
          .filter((f) => f.code === "ACTUALS_TO_DATE_NOT_READ")
          .map((f) => `${f.sheet} ${f.cell} ${f.severity}`),
      ).toEqual(["Utfall 2024 H1 C1 warning", "Utfall 2024 H2 C1 warning"]);
      expect(r.findings.map((f) => f.code)).not.toContain("NO_ACTUAL_COLUMN");
      expect(messageOf(r, "ACTUALS_TO_DATE_NOT_READ")).toBe(
        `Utfallet under "${header}" gäller en del av halvåret och läses inte: ett halvårs överskott räknas på hela halvårets utfall, och på en del av det blir återbetalningen för stor. Halvåret räknas som en budget. Skriv halvårets utfall, när det är slut, under rubriken Utfall.`,
      );
    },
  );

  test.each([
    "Utfall t.o.m. juni",
    "Utfall jan–jun",
    "Utfall januari–juni 2024",
    "Utfall per 30 juni",
    "Utfall 2024-01-01 – 2024-06-30",
    "Utfall kv 1–2",
    "Utfall hela halvåret",
  ])("%j names the whole of H1: read", async (header) => {
    const sheets = reportWorkbook().filter((s) => s.name !== "Utfall 2024 H2");
    const r = await checkSheets(
      sheets.map((s) =>
        s.name === "Uppgifter"
          ? s
          : {
              ...s,
              rows: s.rows.map((row, i) =>
                i === 0 ? [row[0]!, row[1]!, header, row[3]!] : [...row],
              ),
            },
      ),
    );
    expect(r.periods[0]!.actual!.total).toBe(888831);
    expect(r.findings.map((f) => f.code)).not.toContain(
      "ACTUALS_TO_DATE_NOT_READ",
    );
  });

  test("beside an empty Utfall column (as compute adds one), that column is the actuals", async () => {
    const r = await headed("Utfall t.o.m. april", "Utfall");
    expect(r.periods.map((p) => p.actual)).toEqual([null, null]);
    expect(r.findings.map((f) => f.code)).toContain("ACTUALS_TO_DATE_NOT_READ");
    expect(r.findings.map((f) => f.code)).not.toContain("COLUMN_REPEATED");
  });
});

describe("a column of another period beside the half-year's", () => {
  /** The seed's budget of 2025-H2 with a column `header` of 80 000 inserted at `at` (5: before Budget). */
  const withColumn = (header: string, at: number, name = "Budget 2025 H2") => {
    const sheet = budgetHalfYearSheet(name, "");
    const rows = sheet.rows.map((row, i) =>
      i === 0
        ? []
        : i === 2
          ? [...row.slice(0, at), header, ...row.slice(at)]
          : i > 2
            ? [...row.slice(0, at), kr(80000), ...row.slice(at)]
            : row,
    );
    const half = name.includes("2026") ? "2026-01-01" : "2025-07-01";
    return checkSheets([
      detailsSheet({
        start: half,
        end: name.includes("2026") ? "2026-06-30" : "2025-12-31",
      }),
      { ...sheet, rows },
    ]);
  };
  const said = (r: CheckJson) => r.findings.map((f) => `${f.code} ${f.cell}`);

  // The first Budget column counted: last year's 80 000 a line, 1 186 526 kr for 1 210 526, with
  // only COLUMN_REPEATED; "Utfall föregående år" made the budget a report, its actuals last year's.
  // "Budget H1" before the sheet's Budget on a sheet of H2 counted as its budget, the sheet's own
  // a repeated column: the other half's figures, with a warning to rename one.
  test.each([
    ["Budget 2024", 5],
    ["Budget föregående år", 5],
    ["Budget fg år", 5],
    ["Budget H1", 5],
    ["Budget 2025 H1", 5],
    ["Budget VT", 5],
    ["Budget första halvåret", 5],
  ])(
    "%j before Budget: the half-year's budget counts, the other is an information",
    async (header, at) => {
      const r = await withColumn(header, at);
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
      expect(said(r)).toEqual(["COLUMN_OTHER_PERIOD F3"]);
      expect(r.findings[0]!.message).toBe(
        `Kolumnen "${header}" gäller en annan period än bladets 2025-H2 och läses inte.`,
      );
    },
  );

  test("a header of both halves, or of the sheet's own half, is no other period", async () => {
    const both = await withColumn("Budget H1–H2", 5);
    expect(said(both)).not.toContain("COLUMN_OTHER_PERIOD F3");
    const own = await withColumn("Budget H2", 5);
    expect(said(own)).not.toContain("COLUMN_OTHER_PERIOD F3");
  });

  /** The same sheet with column `at`'s header `header` and 80 000 on every line. */
  const renamed = (header: string, at: number, name: string) => {
    const sheet = budgetHalfYearSheet(name, "");
    const rows = sheet.rows.map((row, i) =>
      i === 0
        ? []
        : i >= 2
          ? row.map((cell, c) =>
              c === at ? (i === 2 ? header : kr(80000)) : cell,
            )
          : row,
    );
    const h1 = name.includes("2026");
    return checkSheets([
      detailsSheet({
        start: h1 ? "2026-01-01" : "2025-07-01",
        end: h1 ? "2026-06-30" : "2025-12-31",
      }),
      { ...sheet, rows },
    ]);
  };

  // "Reviderad budget" beside Budget was read as nothing: its 80 000 a line passed over unsaid.
  test.each(["Reviderad budget", "Ny budget", "Justerad budget"])(
    "%j after Budget is a budget column repeated, said; alone it is the budget",
    async (header) => {
      const beside = await withColumn(header, 6);
      expect(said(beside)).toEqual(["COLUMN_REPEATED G3"]);
      const alone = await renamed(header, 5, "Budget 2025 H2");
      expect(alone.periods[0]!.lines[2]!.budget).toBe(80000);
    },
  );

  test("'Utfall föregående år' is no actual, even alone: the budget stays a budget", async () => {
    const r = await renamed("Utfall föregående år", 6, "Budget 2025 H2");
    expect(r.periods[0]!.lines.every((l) => l.actual === null)).toBe(true);
    expect(said(r)).toEqual(["COLUMN_OTHER_PERIOD G3"]);
  });

  test("a year's column alone of its kind is read as before, and 'Budget 2025/26' names 2026", async () => {
    const alone = await renamed("Budget 2025", 5, "Budget 2026 H1");
    expect(alone.periods[0]!.lines[2]!.budget).toBe(80000);
    expect(said(alone).join()).not.toContain("COLUMN_OTHER_PERIOD");
    const range = await withColumn("Budget 2025/26", 5, "Budget 2026 H1");
    // The first budget column counts, as any two budgets of the sheet's period.
    expect(said(range)).toContain("COLUMN_REPEATED G3");
    expect(said(range).join()).not.toContain("COLUMN_OTHER_PERIOD");
  });
});

test("a budget's total beside a budget of no part is no total of parts: the first counts, as before", async () => {
  const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
  const rows = sheet.rows.map((row, i) =>
    i === 2
      ? [...row.slice(0, 6), "Budget totalt"]
      : i > 2
        ? [...row.slice(0, 6), 5_000_000]
        : row,
  );
  const r = await checkSheets([
    detailsSheet({ end: "2025-12-31" }),
    { ...sheet, rows },
  ]);
  expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
  expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
    "COLUMN_REPEATED G3",
  ]);
});

describe("a half-year named above the table of a sheet whose name names none", () => {
  /** The seed's 2025 H2 on a sheet named `name`, its first row as given. */
  const titled = (name: string, first: CellSpec[]) => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    return checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { name, rows: [first, ...sheet.rows.slice(1)] },
    ]);
  };

  // Each was PERIOD_UNKNOWN: no half-year read, nothing granted.
  test.each<[CellSpec[]]>([
    [["Period: juli–december 2025"]],
    [["Budget för perioden juli–december 2025"]],
    [["Jämlik hälsa Lindängen", "Budget 2025 H2"]],
  ])("%j", async (first) => {
    const r = await titled("Budget", first);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
    expect(r.findings).toEqual([]);
  });

  test("a title of two half-years names neither: the sheet's half-year is unknown, as before", async () => {
    const r = await titled("Budget", ["Budget 2025 H2 – 2026 H1"]);
    expect(r.grants).toEqual([]);
    expect(r.findings.map((f) => f.code)).toContain("PERIOD_UNKNOWN");
  });

  test("a sheet's name that names a half-year wins over a title", async () => {
    const r = await titled("Budget 2025 H2", ["Budget januari–juni 2026"]);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
    expect(r.findings).toEqual([]);
  });

  test("a summary's 'Post | Summa' under a title naming a half-year stays no half-year", async () => {
    const r = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
      {
        name: "Sammanställning",
        rows: [
          ["Sammanställning 2025 H2"],
          ["Post", "Summa"],
          ["Lön", 908772],
          ["Verksamhet", 100000],
        ],
      },
    ]);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
    expect(r.findings).toEqual([]);
  });
});

describe("a budget in a column per half-year", () => {
  const byColumns: SheetSpec = {
    name: "Budget",
    rows: [
      ["Post", "2025 H2", "2026 H1", "Totalt"],
      ["Lönekostnader: Hälsofrämjare", 742500, 742500, 1485000],
      ["Verksamhetskostnader", 100000, 100000, 200000],
      ["OH-kostnader", 84250, 84250, 168500],
    ],
  };

  // It was NO_HALF_YEAR_SHEET alone, asking for sheets the workbook seemed to lack.
  test("alone, the sheet says why no half-year is read", async () => {
    const r = await checkSheets([detailsSheet(), byColumns]);
    expect(r.findings.map((f) => `${f.code} ${f.sheet} ${f.cell}`)).toEqual([
      "NO_HALF_YEAR_SHEET null null",
      "HALF_YEARS_IN_COLUMNS Budget B1",
    ]);
    expect(r.findings[1]!.message).toBe(
      'Bladet har en kolumn per halvår (2025-H2, 2026-H1), men budgeten läses ett halvår per blad. Lägg varje halvår på ett eget blad, t.ex. "Budget 2025 H2", med kolumnerna Post och Budget.',
    );
  });

  test("beside the half-years' sheets, a summary by half-year says nothing", async () => {
    const r = await checkSheets([
      detailsSheet(),
      budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
      budgetHalfYearSheet("Budget 2026 H1", "januari–juni 2026"),
      { ...byColumns, name: "Sammanställning" },
    ]);
    expect(r.findings).toEqual([]);
  });
});

describe("the partner's explanation beside an overspent line", () => {
  // A report that explained its overspend in a column "Kommentar" was still asked to "explain the
  // variance in the report-back"; "Avvikelse förklaring" was read as a second Differens.
  /** The seed's report with a column `header` on its first half-year, `text` on its overspent line. */
  const withColumn = (header: string, text: CellSpec): SheetSpec[] =>
    reportWorkbook().map((s) =>
      s.name === "Utfall 2024 H1"
        ? {
            ...s,
            rows: s.rows.map((row, i) =>
              i === 0 ? [...row, header] : i === 3 ? [...row, text] : row,
            ),
          }
        : s,
    );
  const explained = (header: string, text: CellSpec) =>
    checkSheets(withColumn(header, text));
  const overspent = (r: CheckJson) =>
    r.findings
      .filter((f) => f.code === "OVERSPENT")
      .map((f) => `${f.sheet}!${f.cell} ${f.message.split("exkl. OH). ")[1]}`);

  test.each([
    "Kommentar",
    "Förklaring",
    "Förklaring till avvikelse",
    "Avvikelse förklaring",
    "Kommentar / förklaring",
    "Anmärkning",
    "Motivering",
  ])(
    "%j: quoted, with its cell, in that half-year's finding only",
    async (header) => {
      const r = await explained(
        header,
        "Fler sommarlovsaktiviteter än planerat.",
      );
      expect(overspent(r)).toEqual([
        'Utfall 2024 H1!C4 Förklaringen i E4: "Fler sommarlovsaktiviteter än planerat."',
        "Utfall 2024 H2!C4 Förklara avvikelsen i återrapporteringen.",
      ]);
      // Read as no figure: the same findings and repayment as the seed's.
      expect(codesOf(r).sort()).toEqual(
        [
          "OVERSPENT",
          "OVERSPENT",
          "PERIOD_NOT_REPORTED",
          "REPAYMENT_DUE_DEFAULTED",
        ].sort(),
      );
      expect(r.repayment.total).toBe(380_222);
    },
  );

  // Typed over the template's Status ("Överskriden") a column before Förklaring: the warning asked
  // for an explanation the partner had given, and the memo's reader never saw it.
  test("a sentence in the Status column is the line's explanation; a status of a word or two is none", async () => {
    const r = await explained(
      "Status",
      "Fler sommarlovsaktiviteter än planerat.",
    );
    expect(overspent(r)).toEqual([
      'Utfall 2024 H1!C4 Förklaringen i E4: "Fler sommarlovsaktiviteter än planerat."',
      "Utfall 2024 H2!C4 Förklara avvikelsen i återrapporteringen.",
    ]);
    for (const status of ["Överskriden", "Inom budget", "OK"])
      expect(overspent(await explained("Status", status))).toEqual([
        "Utfall 2024 H1!C4 Förklara avvikelsen i återrapporteringen.",
        "Utfall 2024 H2!C4 Förklara avvikelsen i återrapporteringen.",
      ]);
  });

  // Left of the amounts, a comment that starts as a total's label made its line a subtotal, and
  // one on the total row another label: the line's 136 687 kr were left out, 460 935 kr repaid.
  test("a comment column left of the amounts: its words label no row", async () => {
    const r = await checkSheets(
      reportWorkbook().map((s) =>
        s.name === "Uppgifter"
          ? s
          : {
              ...s,
              rows: s.rows.map((row, i) => [
                row[0]!,
                i === 0
                  ? "Kommentar"
                  : i === 3
                    ? "Summa av två större inköp"
                    : i === 5
                      ? "Totalt enligt bokföringen"
                      : null,
                ...row.slice(1),
              ]),
            },
      ),
    );
    expect(r.repayment.total).toBe(380_222);
    expect(errorsOf(r)).toEqual([]);
    expect(overspent(r)[0]).toBe(
      'Utfall 2024 H1!D4 Förklaringen i B4: "Summa av två större inköp"',
    );
  });

  /** A budget of 2025 H2 in these rows: Lokalhyra 30 000, Material 10 000 and OH 4 000 kr. */
  const h2Budget = (rows: CellSpec[][]) =>
    checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { name: "Budget 2025 H2", rows },
    ]);
  const H2_BUDGET = [{ direct: 40000, overhead: 4000, total: 44000 }];

  // Read as a comment column, "Kommentar" over a two-column budget's labels left the table
  // without labels (MISSING_COLUMNS, no half-year read); a lone Belopp header read them before.
  test("a comment header over the only text left of the amounts heads the labels", async () => {
    const r = await h2Budget([
      ["Kommentar", "Belopp"],
      ["Lokalhyra", kr(30000)],
      ["Material", kr(10000)],
      ["OH-kostnader", kr(4000)],
    ]);
    expect(errorsOf(r)).toEqual([]);
    expect(r.periods.map((p) => p.budget)).toEqual(H2_BUDGET);
  });

  test("a comment header makes no header row: the table below a note headed so is read", async () => {
    const r = await h2Budget([
      ["Anmärkning", "Belopp"],
      ["Hyran höjs i oktober", kr(500)],
      [],
      ["Post", "Budget", "Utfall"],
      ["Lokalhyra", kr(30000), null],
      ["Material", kr(10000), null],
      ["OH-kostnader", kr(4000), null],
    ]);
    expect(r.periods.map((p) => p.budget)).toEqual(H2_BUDGET);
  });

  test("a number, or nothing, is no explanation: the empty cell is named; a long one is cut; the English message quotes it too", async () => {
    const formula: CellSpec = {
      formula: 'IF(C4>B4,"Förklaring krävs","")',
      result: "Förklaring krävs",
    };
    for (const none of [4711, "  ", null, formula])
      expect(overspent(await explained("Kommentar", none))[0]).toBe(
        "Utfall 2024 H1!C4 Skriv förklaringen till avvikelsen i E4.",
      );
    const long = await explained("Kommentar", "Sommarlov. ".repeat(60));
    const quoted = /"(.*)"$/.exec(overspent(long)[0]!)![1]!;
    expect(quoted).toHaveLength(301);
    expect(quoted.endsWith("…")).toBe(true);
    const a = analyze(
      readXlsx(await buildXlsx(withColumn("Comment", "Summer camp"))),
    );
    const f = a.findings.find((x) => x.code === "OVERSPENT")!;
    expect(renderFinding(f, "en").message).toContain(
      'The explanation in E4: "Summer camp"',
    );
  });
});
