// SPEC §6: defective workbooks give findings at the exact cell, or a workbook-level error.

import {
  isSectionTotalLabel,
  wordedRow,
} from "../../src/core/reading/glossary";
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
  reportHalfYearSheet,
  typeset,
} from "../helpers/seed";
import {
  type CellSpec,
  type SheetSpec,
  date,
  kr,
  pct,
} from "../helpers/workbook";

/** The narrow no-break space that groups thousands in a message. */
const NNBSP = "\u202f";
const H2 = () => budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
const oneHalf = { end: "2025-12-31" };

/** The seed's report of 2024-H1 alone, its rows (the header first) as `edit` makes them. */
function h1Report(edit: (rows: CellSpec[][]) => CellSpec[][]): SheetSpec[] {
  const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
  return [
    detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
    { ...sheet, rows: edit(sheet.rows.map((row) => [...row])) },
  ];
}

/** The 2025 H2 sheet with cells replaced: [row, column, value], 0-based in the rows array. */
function withCells(edits: readonly [number, number, CellSpec][]): SheetSpec {
  const sheet = H2();
  return {
    ...sheet,
    rows: sheet.rows.map((r, i) =>
      r.map((c, j) => {
        const edit = edits.find(([row, col]) => row === i && col === j);
        return edit ? edit[2] : c;
      }),
    ),
  };
}

/** The 2025 H2 sheet with one cell replaced (row and column are 0-based in the rows array). */
function withCell(row: number, col: number, value: CellSpec): SheetSpec {
  const sheet = H2();
  return {
    ...sheet,
    rows: sheet.rows.map((r, i) =>
      i === row
        ? r
            .map((c, j) => (j === col ? value : c))
            .concat(col >= r.length ? [value] : [])
        : r,
    ),
  };
}

describe("a defect at a cell is a finding at that cell", () => {
  test.each([
    ["text that is not a number", 5, 5, "ca 40 000", "NOT_A_NUMBER", "F6"],
    ["months above 6", 3, 3, 7, "MONTHS_OUT_OF_RANGE", "D4"],
    ["months of zero", 4, 3, 0, "MONTHS_OUT_OF_RANGE", "D5"],
    ["a negative percentage", 3, 2, pct(-2.75), "PERCENT_NOT_POSITIVE", "C4"],
    ["#REF!", 5, 5, { error: "#REF!" }, "CELL_ERROR", "F6"],
    [
      "#DIV/0! from a formula",
      4,
      4,
      { formula: "1/0", result: { error: "#DIV/0!" } as unknown as number },
      "CELL_ERROR",
      "E5",
    ],
    ["a negative amount", 5, 5, kr(-100000), "NEGATIVE_AMOUNT", "F6"],
  ] as const)("%s", async (_, row, col, value, code, cell) => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      withCell(row, col, value),
    ]);
    expect(findingAt(r, code)).toEqual([`Budget 2025 H2!${cell}`]);
    expect(errorsOf(r).length).toBeGreaterThan(0);
    expect(
      r.findings.find((f) => f.code === code)!.message.length,
    ).toBeGreaterThan(20);
  });

  test("text that is not a number is never a silent zero", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      withCell(5, 5, "se ovan"),
    ]);
    expect(findingAt(r, "NOT_A_NUMBER")).toEqual(["Budget 2025 H2!F6"]);
    expect(messageOf(r, "NOT_A_NUMBER")).toContain("se ovan");
  });

  test("an invalid organisation number is a finding at its cell", async () => {
    const r = await checkSheets([
      detailsSheet({ ...oneHalf, orgNumber: "802002-8639" }),
      H2(),
    ]);
    expect(findingAt(r, "INVALID_ORG_NUMBER")).toEqual(["Uppgifter!B4"]);
  });

  test("actual overhead above the rate is a finding at the overhead line's actual", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const rows = sheet.rows.map((r, i) =>
      i === 4
        ? ["OH-kostnader", 87500, 85000, 2500]
        : i === 5
          ? ["Summa", 962500, 893028, 69472]
          : r,
    );
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows },
    ]);
    expect(findingAt(r, "OH_ACTUAL_ABOVE_RATE")).toEqual(["Utfall 2024 H1!C5"]);
    // Eligible: 10 % of the actual direct costs 808 028 = 80 803.
    expect(r.periods[0]!.actual).toMatchObject({
      overhead: 85000,
      eligibleOverhead: 80803,
    });
    expect(r.years[0]).toMatchObject({
      actual: 808028 + 80803,
      surplus: 962500 - 888831,
    });
  });

  // A credit larger than the half-year's costs (an error of its own) allowed an OH of −500 kr, and
  // an OH of 0 kr was said to exceed it, its −500 kr counted as eligible.
  test("direct actuals below nothing allow an OH of 0 kr, not a negative one", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const actuals = [0, 0, -5000, 0];
    const rows = sheet.rows.map((r, i) =>
      i >= 1 && i <= 4
        ? [r[0]!, r[1]!, actuals[i - 1]!, Number(r[1]) - actuals[i - 1]!]
        : i === 5
          ? ["Summa", 962500, -5000, 967500]
          : r,
    );
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows },
    ]);
    expect(findingAt(r, "NEGATIVE_AMOUNT")).toContain("Utfall 2024 H1!C4");
    expect(findingAt(r, "OH_ACTUAL_ABOVE_RATE")).toEqual([]);
    expect(r.periods[0]!.actual).toMatchObject({
      direct: -5000,
      overhead: 0,
      eligibleOverhead: 0,
      eligibleTotal: -5000,
    });
  });

  // The OH left out of a report: its actual OH was 0, and the budget's 87 500 kr surplus asked
  // back, with nothing said.
  test("a reported half-year without an OH line is said, with the OH the rate allows", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const rows = [...sheet.rows.slice(0, 4), ["Summa", 875000, 808028, 66972]];
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows },
    ]);
    expect(r.years[0]).toMatchObject({ budget: 962500, actual: 808028 });
    expect(findingAt(r, "OH_NOT_REPORTED")).toEqual(["Utfall 2024 H1!C1"]);
    expect(messageOf(r, "OH_NOT_REPORTED")).toBe(
      `Halvåret 2024-H1 har ingen OH-rad: OH räknas som 0 kr i utfallet, och budgetens OH, 87${NNBSP}500\u00a0kr, blir överskott som återbetalas. OH-satsen på de direkta kostnadernas utfall hade gett 80${NNBSP}803\u00a0kr. Lägg till raden OH-kostnader med utfallet (0 om ingen OH tas ut).`,
    );
    // With the line, its actual 0: as typed, and nothing said.
    const zero = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      {
        ...sheet,
        rows: [
          ...rows.slice(0, 4),
          ["OH-kostnader", 87500, 0, 87500],
          ["Summa", 962500, 808028, 154472],
        ],
      },
    ]);
    expect(codesOf(zero)).not.toContain("OH_NOT_REPORTED");
  });

  // The budget pasted into the actuals: no surplus, and nothing said.
  test("actuals equal to the budget on every line, the OH too, look copied: a warning at the header", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const copied = sheet.rows.map((row, i) =>
      i === 0 ? row : [row[0]!, row[1]!, row[1]!, 0],
    );
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows: copied },
    ]);
    expect(r.years[0]).toMatchObject({ surplus: 0 });
    expect(findingAt(r, "ACTUALS_EQUAL_BUDGET")).toEqual(["Utfall 2024 H1!C1"]);
    expect(messageOf(r, "ACTUALS_EQUAL_BUDGET")).toBe(
      `Utfallet för 2024-H1 är detsamma som budgeten på varje post, 962${NNBSP}500\u00a0kr i allt: det ser kopierat ut, och halvåret får inget överskott. Kontrollera utfallet mot bokföringen.`,
    );
    // One line off by a krona: real actuals, nothing said.
    const real = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      {
        ...sheet,
        rows: copied.map((row, i) =>
          i === 1 ? [row[0]!, 600000, 599999, 1] : row,
        ),
      },
    ]);
    expect(codesOf(real)).not.toContain("ACTUALS_EQUAL_BUDGET");
  });

  test("a typed Differens that disagrees is a finding at its cell", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const rows = sheet.rows.map((r, i) =>
      i === 1 ? [r[0]!, r[1]!, r[2]!, 94000] : r,
    );
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows },
    ]);
    expect(findingAt(r, "VARIANCE_MISMATCH")).toEqual(["Utfall 2024 H1!D2"]);
  });

  test("a plain service percentage below 1 is read as percent points with a warning", async () => {
    const r = await checkSheets([detailsSheet(oneHalf), withCell(4, 2, 0.5)]);
    expect(findingAt(r, "PERCENT_FRACTION_SUSPECT")).toEqual([
      "Budget 2025 H2!C5",
    ]);
    expect(r.periods[0]!.lines[1]!.servicePercent).toBe(0.5);
  });

  // "2,75" typed into the template's percent cell is 2,75 % to Excel: 7 425 kr for 742 500, and
  // nothing said.
  test.each([pct(0.0275), "2,75 %", 2.75] as CellSpec[])(
    "a service percentage under 5 %% (%j) is read as it stands, with a warning naming the posts",
    async (typed) => {
      const r = await checkSheets([
        detailsSheet(oneHalf),
        withCell(3, 2, typed),
      ]);
      expect(r.periods[0]!.lines[0]!.servicePercent).toBe(2.75);
      expect(r.findings.find((f) => f.cell === "C4")?.message).toBe(
        "Tjänstgöringsgraden 2,75 % är ovanligt låg för en tjänst. Menade du 275 % (2,75 heltidstjänster)? Skriv då 275 %.",
      );
      // The typed 742 500 kr disagrees with 2,75 %, and the OH with it: each said where it is.
      expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
        "SALARY_MISMATCH F4",
        "OH_MISMATCH F7",
        "SERVICE_PERCENT_LOW C4",
      ]);
    },
  );

  // 45 (tkr typed in kronor), an annual or an hourly cost: the budget followed it, nothing said.
  test.each([45, 540000, 250])(
    "a post's monthly cost of %j kr is read as it stands, with a warning",
    async (cost) => {
      const r = await checkSheets([
        detailsSheet(oneHalf),
        withCells([
          [3, 4, kr(cost)],
          [3, 5, null],
          [6, 5, null],
        ]),
      ]);
      expect(r.periods[0]!.lines[0]!.budget).toBe(Math.round(2.75 * 6 * cost));
      expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
        "MONTHLY_COST_RANGE E4",
      ]);
    },
  );

  test("a monthly cost within a post's, or on a line without a service percentage, says nothing", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      withCells([
        [3, 4, kr(15000)],
        [3, 5, null],
        [5, 3, 6],
        [5, 4, kr(8000)],
        [5, 5, kr(48000)],
      ]),
    ]);
    expect(codesOf(r)).not.toContain("MONTHLY_COST_RANGE");
  });

  test("5 % and more says nothing", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      withCell(3, 2, pct(0.05)),
    ]);
    expect(codesOf(r)).not.toContain("SERVICE_PERCENT_LOW");
  });

  // 50 pasted into the template's percent cell is 5 000 % to Excel: a post's budget of 16 627 200
  // kr for 166 272, and nothing said.
  test.each([pct(50), "5000 %", 5000] as CellSpec[])(
    "a service percentage of more than ten posts (%j) is read as it stands, with a warning",
    async (typed) => {
      const r = await checkSheets([
        detailsSheet(oneHalf),
        withCells([
          [4, 2, typed],
          [4, 5, null],
          [6, 5, null],
        ]),
      ]);
      expect(r.periods[0]!.lines[1]!.servicePercent).toBe(5000);
      expect(r.periods[0]!.lines[1]!.budget).toBe(16_627_200);
      expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
        "SERVICE_PERCENT_HIGH C5",
      ]);
      expect(r.findings[0]!.message).toBe(
        `Tjänstgöringsgraden 5${NNBSP}000 % är 50 heltidstjänster på en post. Menade du 50 %? Skriv då 50 % (talet 50 i en cell formaterad som procent är 5${NNBSP}000 %).`,
      );
    },
  );

  // '"0.1" är inte ett tal' for a cell that shows 10 %: neither what the cell shows nor true.
  test.each([pct(0.1), "10 %"] as CellSpec[])(
    "a percentage in the OH line's amount (%j) is said as one, with the OH computed",
    async (typed) => {
      const r = await checkSheets([
        detailsSheet(oneHalf),
        withCell(6, 5, typed),
      ]);
      expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
        "PERCENT_IN_AMOUNT F7",
      ]);
      expect(r.findings[0]!.message).toBe(
        "Cellen har en procentsats, 10 %, där ett belopp i kronor ska stå. Skriv beloppet i kronor; på OH-raden kan cellen lämnas tom, så räknas OH som OH-satsen gånger de direkta kostnaderna.",
      );
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
    },
  );

  // Excel makes "12.5" typed in Swedish a date, 12 May: 45 789 kr was read without a word.
  test("a date in an amount is an error at its cell, naming the date", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      withCell(5, 5, date("2025-05-12")),
    ]);
    // Not read as 45 789 kr: the activities count nothing, so the OH typed for them is off too.
    expect(r.periods[0]!.lines[2]!.budget).toBe(0);
    expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
      "DATE_IN_AMOUNT F6",
      "OH_MISMATCH F7",
    ]);
    expect(r.findings[0]!.message).toBe(
      'Cellen har ett datum, 2025-05-12, där ett belopp i kronor ska stå (Excel gör om till exempel "12.5" till den 12 maj). Skriv beloppet i kronor och formatera cellen som tal.',
    );
  });

  test("ten posts on a line, 1 000 %, say nothing", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      withCells([
        [4, 2, pct(10)],
        [4, 5, null],
        [6, 5, null],
      ]),
    ]);
    expect(codesOf(r)).not.toContain("SERVICE_PERCENT_HIGH");
  });
});

test.each([
  ["Månadskostnad exkl. avgifter", true],
  ["Månadskostnad (utan arbetsgivaravgifter)", true],
  ["Månadskostnad exklusive sociala avgifter", true],
  ["Månadskostnad inkl. avgifter", false],
  // Without something else than the contributions.
  ["Månadskostnad utan OB", false],
  ["Månadskostnad", false],
])(
  "a monthly cost headed %j is taken as it stands, with a warning when it says it lacks the contributions: %p",
  async (header, warned) => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      withCell(2, 4, header),
    ]);
    expect(findingAt(r, "MONTHLY_COST_WITHOUT_CONTRIBUTIONS")).toEqual(
      warned ? ["Budget 2025 H2!E3"] : [],
    );
    // 275 % × 6 × 45 000 kr either way: the product cannot know the contributions of a cost.
    expect(r.periods[0]!.lines[0]!.budget).toBe(742_500);
  },
);

test("an amount typed with one thousands separator ('600.000', '175,000 kr') is thousands, with a warning; in tkr it is the decimals", async () => {
  const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
  const typed = (b: CellSpec, c: CellSpec, header = "Budget") => [
    detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
    {
      ...sheet,
      rows: sheet.rows.map((r, i) =>
        i === 0
          ? [r[0]!, header, ...r.slice(2)]
          : i === 1
            ? [r[0]!, b, c, ...r.slice(3)]
            : r,
      ),
    },
  ];
  const r = await checkSheets(typed("600.000", "505,789 kr"));
  expect(findingAt(r, "AMOUNT_READ_AS_THOUSANDS")).toEqual([
    "Utfall 2024 H1!B2",
    "Utfall 2024 H1!C2",
  ]);
  expect(r.periods[0]!.lines[0]).toMatchObject({
    budget: 600_000,
    actual: 505_789,
  });
  expect(messageOf(r, "AMOUNT_READ_AS_THOUSANDS")).toBe(
    '"600.000" läses som 600\u202f000\u00a0kr: tre siffror efter skiljetecknet är tusental, inte öre. Menade du något annat, skriv beloppet utan skiljetecken eller med två decimaler.',
  );
  // Under "Budget (tkr)", "600,000" is 600 tkr to the krona, as it stands.
  const tkr = await checkSheets(typed("600,000", 505789, "Budget (tkr)"));
  expect(codesOf(tkr)).not.toContain("AMOUNT_READ_AS_THOUSANDS");
  expect(tkr.periods[0]!.lines[0]!.budget).toBe(600_000);
});

// "2,75 tjänster" was NOT_A_NUMBER, and the line had no budget.
test.each([
  ["heltid", 100, 270_000],
  ["Halvtid", 50, 135_000],
  ["2,75 tjänster", 275, 742_500],
  ["0,5 heltid", 50, 135_000],
  ["1 åa", 100, 270_000],
  ["1.5 tjänst", 150, 405_000],
])("a service percentage written %j is %d %", async (word, percent, budget) => {
  const r = await checkSheets([detailsSheet(oneHalf), withCell(3, 2, word)]);
  expect(r.periods[0]!.lines[0]).toMatchObject({
    servicePercent: percent,
    budget,
  });
  expect(codesOf(r)).not.toContain("NOT_A_NUMBER");
});

// "jul–dec" in Antal månader was NOT_A_NUMBER, with a message asking for an amount "e.g. 40000".
test.each([
  ["jul–dec", 6],
  ["Sept. - dec.", 4],
  ["hela halvåret", 6],
])("months written %j are %d", async (text, months) => {
  const r = await checkSheets([detailsSheet(oneHalf), withCell(3, 3, text)]);
  expect(r.periods[0]!.lines[0]).toMatchObject({
    months,
    budget: Math.round(2.75 * months * 45000),
  });
  expect(codesOf(r)).not.toContain("NOT_A_NUMBER");
});

test("a service percentage '50 procent' and a monthly cost '45 000 kr/mån' read as they say", async () => {
  const sheet = withCells([
    [3, 4, "45 000 kr/mån"],
    [4, 2, "50 procent"],
  ]);
  const r = await checkSheets([detailsSheet(oneHalf), sheet]);
  expect(r.periods[0]!.lines[0]).toMatchObject({ budget: 742_500 });
  expect(r.periods[0]!.lines[1]).toMatchObject({ servicePercent: 50 });
  expect(r.findings).toEqual([]);
});

test("an OH rate that is no number is told the rate, with an example of one", async () => {
  const r = await checkSheets([
    detailsSheet({ ...oneHalf, rate: "tio procent" }),
    H2(),
  ]);
  expect(r.findings.find((f) => f.code === "NOT_A_NUMBER")).toMatchObject({
    sheet: "Uppgifter",
    cell: "B7",
    message:
      '"tio procent" är inte ett tal. Skriv bara procentsatsen, t.ex. 10 % (noteringar hör hemma i en egen kolumn).',
  });
});

test("text that is no number is told what the column holds: an amount, a percentage, months", async () => {
  const sheet = withCells([
    [3, 3, "halva hösten"],
    [4, 2, "deltid"],
    [5, 5, "ingår"],
  ]);
  const r = await checkSheets([detailsSheet(oneHalf), sheet]);
  expect(r.findings.filter((f) => f.code === "NOT_A_NUMBER")).toEqual([
    expect.objectContaining({
      cell: "D4",
      message:
        '"halva hösten" är inte ett tal. Skriv bara antalet månader, t.ex. 6 (noteringar hör hemma i en egen kolumn).',
    }),
    expect.objectContaining({
      cell: "C5",
      message:
        '"deltid" är inte ett tal. Skriv bara procentsatsen, t.ex. 50 % (noteringar hör hemma i en egen kolumn).',
    }),
    expect.objectContaining({
      cell: "F6",
      message:
        '"ingår" är inte ett tal. Skriv bara beloppet, t.ex. 40000 (noteringar hör hemma i en egen kolumn).',
    }),
  ]);
});

describe("columns read as the same", () => {
  const report = (headers: string[], extra: CellSpec[]) => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    return [
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      {
        ...sheet,
        rows: sheet.rows.map((r, i) =>
          i === 0
            ? [...r, ...headers]
            : [...r, ...extra.map((e) => (i === 5 ? null : e))],
        ),
      },
    ];
  };

  test("a second Budget ('Budget reviderad') is not read, and said so at its header", async () => {
    const r = await checkSheets(report(["Budget reviderad"], [1]));
    expect(findingAt(r, "COLUMN_REPEATED")).toEqual(["Utfall 2024 H1!E1"]);
    expect(messageOf(r, "COLUMN_REPEATED")).toBe(
      'Kolumnen "Budget reviderad" läses inte: "Budget" (B1) läses som samma sak, och den första räknas. Byt rubrik på den som inte ska räknas, eller ta bort den.',
    );
    expect(r.periods[0]!.lines[0]!.budget).toBe(600_000);
  });

  test("a share in per cent ('Avvikelse %', 'Utfall i procent') is no amount column, before or after the amounts", async () => {
    for (const header of ["Avvikelse %", "Utfall i procent av budget"]) {
      const r = await checkSheets(report([header], [0.5]));
      expect(codesOf(r)).not.toContain("COLUMN_REPEATED");
      expect(errorsOf(r)).toEqual([]);
    }
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const first = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      {
        ...sheet,
        rows: sheet.rows.map((r, i) => [
          r[0]!,
          i === 0 ? "Utfall %" : i === 5 ? null : 0.8,
          ...r.slice(1),
        ]),
      },
    ]);
    expect(errorsOf(first)).toEqual([]);
    expect(first.periods[0]!.lines[0]!.actual).toBe(505_789);
  });
});

describe("a table in sections, with subtotals", () => {
  const sections = (rows: CellSpec[][]): SheetSpec[] => [
    detailsSheet(oneHalf),
    { name: "Budget 2025 H2", rows: [["Post", "Budget"], ...rows] },
  ];
  const lines: CellSpec[][] = [
    ["Lönekostnader", null],
    ["Hälsofrämjare", 300000],
    ["Samordnare", 100000],
    ["Delsumma lönekostnader", 400000],
    ["Verksamhetskostnader", null],
    ["Aktiviteter", 50000],
    ["  varav material", 10000],
    ["Lokal", 50000],
    ["Summa verksamhet", 100000],
    ["OH-kostnader", 50000],
  ];

  test("the subtotals are not lines and the last total row is the total: the grant is the lines'", async () => {
    const r = await checkSheets(sections([...lines, ["Totalsumma", 550000]]));
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual([
      "Hälsofrämjare",
      "Samordnare",
      "Aktiviteter",
      "Lokal",
      "OH-kostnader",
    ]);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 550_000 }]);
    expect(r.findings).toEqual([]);
  });

  test("a subtotal that is not its lines' sum is a warning at its cell; the lines count", async () => {
    const wrong = lines.map((row) =>
      row[0] === "Delsumma lönekostnader" ? [row[0], 410000] : row,
    );
    const r = await checkSheets(sections([...wrong, ["Summa", 550000]]));
    expect(findingAt(r, "SUBTOTAL_MISMATCH")).toEqual(["Budget 2025 H2!B5"]);
    expect(messageOf(r, "SUBTOTAL_MISMATCH")).toBe(
      "Delsumman 410\u202f000\u00a0kr stämmer inte med summan av posterna ovanför den (sedan förra delsumman), 400\u202f000\u00a0kr. Rätta delsumman (eller låt den vara en formel); den räknas inte, posterna gör.",
    );
    expect(r.grants[0]!.amount).toBe(550_000);
  });

  test("a second table below the total, with its own header and total, is not read into the first", async () => {
    const r = await checkSheets(
      sections([
        ...lines,
        ["Totalt", 550000],
        [],
        ["Post", "Budget"],
        ["Jämförelse 2024", 500000],
        ["Summa", 500000],
      ]),
    );
    expect(r.grants[0]!.amount).toBe(550_000);
    expect(codesOf(r)).toEqual(["ROWS_AFTER_TOTAL"]);
    expect(r.findings[0]!.message).toContain("rad 14");
  });

  // It was NOT_A_NUMBER, '"Budget" är inte ett tal', and the lines below counted unsaid.
  test("the table's headers again, with no total above them, are no line: a warning that the rows below count", async () => {
    const r = await checkSheets(
      sections([
        ["Hälsofrämjare", 300000],
        ["Verksamhetskostnader", 100000],
        [],
        ["Specifikation av verksamhetskostnader"],
        ["Post", "Budget"],
        ["Lokalhyra", 40000],
        ["Material", 60000],
      ]),
    );
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual([
      "Hälsofrämjare",
      "Verksamhetskostnader",
      "Lokalhyra",
      "Material",
    ]);
    expect(r.findings.map((f) => `${f.code} ${f.severity} ${f.cell}`)).toEqual([
      "HEADER_REPEATED warning B6",
    ]);
    expect(r.findings[0]!.message).toBe(
      "Rad 6 upprepar tabellens rubriker och läses inte; raderna under den läses som poster i samma tabell. Är de en egen tabell (t.ex. en specifikation av en post), flytta dem till ett eget blad eller under summaraden: annars räknas de två gånger.",
    );
  });

  test("a specification below 'Totalt', with its own 'Summa' and no header, is not read either", async () => {
    const r = await checkSheets(
      sections([
        ...lines,
        ["Totalt", 550000],
        ["Specifikation av aktiviteter"],
        ["Utflykter", 30000],
        ["Material", 20000],
        ["Summa", 50000],
      ]),
    );
    expect(r.grants[0]!.amount).toBe(550_000);
    expect(codesOf(r)).toEqual(["ROWS_AFTER_TOTAL"]);
  });

  test.each([
    ["Summa lönekostnader", true],
    ["Summa direkta kostnader", true],
    ["Summa verksamhet", true],
    ["Summa", false],
    ["Totalt", false],
    ["Summa kostnader 2025 H2", false],
    ["Summa budget inkl. OH", false],
  ])("the total %j names a part of the budget: %p", (label, part) => {
    expect(isSectionTotalLabel(label)).toBe(part);
  });

  // They were the information ROWS_AFTER_TOTAL: 35 000 kr of costs left out, hardly said.
  test("lines of costs added below the total are a warning with their sum, and are not counted", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      {
        name: "Budget 2025 H2",
        rows: [
          ["Kostnadsslag", "Post", "Budget"],
          ["Verksamhet", "Aktiviteter", 500000],
          ["OH", "OH-kostnader", 50000],
          [null, "Summa", 550000],
          ["Verksamhet", "Resor", 20000],
          ["Verksamhet", "Material", 15000],
          [null, "Anteckning"],
          ["Verksamhet", "Lokal", 9000],
        ],
      },
    ]);
    expect(r.grants[0]!.amount).toBe(550_000);
    expect(r.findings.map((f) => `${f.code} ${f.severity} ${f.cell}`)).toEqual([
      "LINES_AFTER_TOTAL warning C5",
    ]);
    expect(r.findings[0]!.message).toBe(
      'Under summaraden står kostnader som inte räknas i budgeten: rad 5–6 ("Resor", "Material"), 35\u202f000\u00a0kr. Flytta dem ovanför summaraden och ta med dem i summan.',
    );
  });

  test("a line labelled with its category below the seed's Summa is one too", async () => {
    const r = await checkSheets(
      sections([
        ["Verksamhetskostnader: aktiviteter", 500000],
        ["Summa", 500000],
        ["Verksamhetskostnader: resor", 20000],
      ]),
    );
    expect(codesOf(r)).toEqual(["LINES_AFTER_TOTAL"]);
    expect(r.findings[0]!.cell).toBe("B4");
    expect(r.findings[0]!.message).toContain(
      'rad 4 ("Verksamhetskostnader: resor")',
    );
  });

  test("rows below the last total are notes, 'varav' among them: not read, said once", async () => {
    const r = await checkSheets(
      sections([
        ...lines,
        ["Totalt", 550000],
        ["varav lönekostnader", 400000],
        ["Anteckning", 5],
      ]),
    );
    expect(r.grants[0]!.amount).toBe(550_000);
    expect(codesOf(r)).toEqual(["ROWS_AFTER_TOTAL"]);
    expect(r.findings[0]!.message).toBe(
      "Raderna under summaraden (från rad 13) räknas inte som budgetposter.",
    );
  });
});

describe("totals and subtotals as people label them", () => {
  const sheet = (rows: CellSpec[][]): SheetSpec[] => [
    detailsSheet(oneHalf),
    {
      name: "Budget 2025 H2",
      rows: [["Kostnadsslag", "Post", "Budget"], ...rows],
    },
  ];
  const lines: CellSpec[][] = [
    ["Lön", "Hälsofrämjare", 300000],
    ["Lön", "Samordnare", 100000],
    ["Verksamhet", "Aktiviteter", 100000],
    ["OH", "OH-kostnader", null],
  ];
  /** The four lines read, 550 000 kr granted, nothing said. */
  const readWhole = (r: Awaited<ReturnType<typeof checkSheets>>) => {
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual([
      "Hälsofrämjare",
      "Samordnare",
      "Aktiviteter",
      "OH-kostnader",
    ]);
    expect(r.grants[0]!.amount).toBe(550_000);
    expect(r.findings).toEqual([]);
  };

  // Each was read as a line: the half-year's budget counted its lines twice (1 100 000 kr for
  // 550 000, OH on the total too), without a word.
  test.each([
    "S:a",
    "S:a kostnader",
    "Summering",
    "Sum",
    "Tot.",
    "Totalkostnad",
    "Totalkostnader",
    "Totala kostnader",
    "Totalbelopp",
    "Grand total",
    "Σ",
    "Kostnader totalt",
    "Budget totalt",
    "Lönekostnader och verksamhet, summa",
  ])("%j at the bottom is the total, not a line", async (label) => {
    const r = await checkSheets(sheet([...lines, [null, label, 550000]]));
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual([
      "Hälsofrämjare",
      "Samordnare",
      "Aktiviteter",
      "OH-kostnader",
    ]);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 550_000 }]);
    expect(r.findings).toEqual([]);
  });

  test("a total's word last does not make a line a total when the label is one word", async () => {
    const r = await checkSheets(
      sheet([...lines.slice(0, 3), ["Verksamhet", "Klumpsumma", 5000]]),
    );
    expect(r.periods[0]!.lines.map((l) => l.label)).toContain("Klumpsumma");
    expect(r.grants[0]!.amount).toBe(555_500);
  });

  test.each([
    "S:a lönekostnader",
    "Lönekostnader totalt",
    "Lönekostnader, delsumma",
  ])(
    "%j above more lines and a total is a subtotal, checked against its lines",
    async (label) => {
      const r = await checkSheets(
        sheet([
          ...lines.slice(0, 2),
          [null, label, 410000],
          ...lines.slice(2),
          [null, "Summa", 550000],
        ]),
      );
      expect(r.grants[0]!.amount).toBe(550_000);
      expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
        "SUBTOTAL_MISMATCH C4",
      ]);
    },
  );

  // It was the information ROWS_AFTER_TOTAL, and the 100 000 kr below it were left out: 440 000
  // kr granted for 550 000.
  test("a total naming a part with lines of costs right below it and no total after is a subtotal", async () => {
    const r = await checkSheets(
      sheet([
        ...lines.slice(0, 2),
        [null, "Summa lönekostnader", 400000],
        ...lines.slice(2),
      ]),
    );
    readWhole(r);
  });

  // "Summa" in the category column beside "Lönekostnader" was the whole's total: the activities
  // below it were LINES_AFTER_TOTAL, "move them above the total", and not counted.
  test("'Summa' in the category column beside the part it sums is that section's total", async () => {
    const r = await checkSheets(
      sheet([
        ...lines.slice(0, 2),
        ["Summa", "Lönekostnader", 400000],
        ...lines.slice(2),
      ]),
    );
    expect(r.grants[0]!.amount).toBe(550_000);
    expect(r.findings).toEqual([]);
    const whole = await checkSheets(sheet([...lines, ["Summa", null, 550000]]));
    expect(whole.grants[0]!.amount).toBe(550_000);
    expect(whole.findings).toEqual([]);
  });

  // The first "Summa" ended the table: only the salaries read, 440 000 kr for 550 000, and the
  // information ROWS_AFTER_TOTAL.
  test("each section closed by a plain 'Summa', and 'Totalt' below: every line counts", async () => {
    const r = await checkSheets(
      sheet([
        ["Lönekostnader", null, null],
        ...lines.slice(0, 2),
        [null, "Summa", 400000],
        [],
        ["Verksamhetskostnader", null, null],
        lines[2]!,
        [null, "Summa", 100000],
        lines[3]!,
        [null, "Totalt", 550000],
      ]),
    );
    readWhole(r);
  });

  // what-if's property found it: months written into "Lön 1" below a "Summa" made it no line.
  test("a row naming a category of costs below a plain 'Summa' is held alike with figures or without", async () => {
    const read = (months: CellSpec) =>
      checkSheets([
        detailsSheet(oneHalf),
        {
          name: "Budget 2025 H2",
          rows: [
            ["Post", "Budget", "Antal månader"],
            ["Hälsofrämjare", 300000, null],
            ["Summa", 300000, null],
            ["Lön 1", null, months],
            ["Summa", 300000, null],
          ],
        },
      ]);
    const labels = async (months: CellSpec) =>
      (await read(months)).periods[0]!.lines.map((l) => l.label);
    // A formula that shows nothing, or the months what-if wrote there.
    expect(await labels({ formula: 'IF(1,"","")', result: "" })).toEqual([
      "Hälsofrämjare",
      "Lön 1",
    ]);
    expect(await labels(2)).toEqual(["Hälsofrämjare", "Lön 1"]);
  });

  test("below 'Totalt', a heading of costs and lines with their own 'Summa' are still not read", async () => {
    const r = await checkSheets(
      sheet([
        ...lines,
        [null, "Totalt", 550000],
        ["Verksamhetskostnader", null, null],
        ["Verksamhet", "Utflykter", 30000],
        [null, "Summa", 30000],
      ]),
    );
    expect(r.grants[0]!.amount).toBe(550_000);
    expect(codesOf(r)).toEqual(["ROWS_AFTER_TOTAL"]);
  });

  test("a total naming a part with only notes below it is still the total", async () => {
    const r = await checkSheets(
      sheet([
        ...lines.slice(0, 2),
        [null, "Summa lönekostnader", 400000],
        [null, "Lönerna följer avtalet"],
        ["Verksamhet", "Aktiviteter", 100000],
      ]),
    );
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual([
      "Hälsofrämjare",
      "Samordnare",
    ]);
    expect(codesOf(r)).toEqual(["ROWS_AFTER_TOTAL"]);
  });

  test("'Varav' in the category column, with no label, breaks down the line above: not a line", async () => {
    const r = await checkSheets(
      sheet([
        ...lines.slice(0, 3),
        ["Varav lokalhyra", null, 40000],
        lines[3]!,
      ]),
    );
    expect(r.grants[0]!.amount).toBe(550_000);
    expect(r.findings).toEqual([]);
  });

  // "Sökt belopp" names no total: it was counted, and the grant doubled (1 221 000 kr for 550 000),
  // without a word.
  test("a last line that is the sum of the lines above, with their OH or without, is a warning at its budget", async () => {
    const withOh = await checkSheets(
      sheet([...lines, [null, "Sökt belopp", 550000]]),
    );
    expect(
      withOh.findings.map((f) => `${f.code} ${f.severity} ${f.cell}`),
    ).toEqual(["LINE_EQUALS_LINES_ABOVE warning C6"]);
    expect(withOh.findings[0]!.message).toBe(
      `Posten "Sökt belopp" är 550${NNBSP}000\u00a0kr, lika mycket som de 3 posterna ovanför den med OH, och räknas som en post: är raden deras summa räknas de två gånger. Är den en summa, börja dess text med "Summa" (då räknas den inte); är den en kostnad, låt den stå.`,
    );
    // Counted still: the reader does not guess, the warning asks.
    expect(withOh.grants[0]!.amount).toBe(1_155_000);
    const direct = await checkSheets(
      sheet([...lines.slice(0, 3), [null, "Beviljat", 500000], lines[3]!]),
    );
    expect(codesOf(direct)).toEqual(["LINE_EQUALS_LINES_ABOVE"]);
    expect(direct.findings[0]!.message).toContain(
      "lika mycket som de 3 posterna ovanför den, och",
    );
  });

  test("a last line that is not the sum above, or with one line above, says nothing", async () => {
    const other = await checkSheets(
      sheet([...lines, ["Verksamhet", "Lokal", 40000]]),
    );
    expect(other.findings).toEqual([]);
    const one = await checkSheets(
      sheet([lines[0]!, ["Verksamhet", "Resor", 300000], lines[3]!]),
    );
    expect(one.findings).toEqual([]);
  });
});

describe("a total row whose label is cleared", () => {
  const sheet = (rows: CellSpec[][]): SheetSpec[] => [
    detailsSheet(oneHalf),
    {
      name: "Budget 2025 H2",
      rows: [["Kostnadsslag", "Post", "Budget", "Utfall"], ...rows],
    },
  ];
  // Rows 2–5; OH's figure typed, so the sum is the same whatever the rate.
  const lines: CellSpec[][] = [
    ["Lön", "Hälsofrämjare", 300000, null],
    ["Lön", "Samordnare", 100000, null],
    ["Verksamhet", "Aktiviteter", 100000, null],
    ["OH", "OH-kostnader", 50000, null],
  ];
  const sum = (formula: string, result: number): CellSpec => ({
    formula,
    result,
  });

  // Read as a line it doubled the budget, and its SUM of the empty actuals (0) made the half-year
  // reported with nothing spent.
  test.each(["SUM(C2:C5)", "sum($C$2:$C$5)", "SUM(C1:C5)"])(
    "=%s under the lines, with no text, is the total",
    async (formula) => {
      const r = await checkSheets(
        sheet([
          ...lines,
          [null, null, sum(formula, 550000), sum("SUM(D2:D5)", 0)],
        ]),
      );
      expect(r.periods[0]!.lines).toHaveLength(4);
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 550_000 }]);
      expect(r.periods[0]!.actual).toBeNull();
      expect(
        r.findings.map((f) => `${f.code} ${f.severity} ${f.cell}`),
      ).toEqual(["TOTAL_NOT_LABELLED info B6"]);
      expect(r.findings[0]!.message).toBe(
        `Rad 6 har ingen text, men dess budget är summan av raderna ovanför (=${formula}): den läses som tabellens summarad och räknas inte som en post. Skriv "Summa" i raden.`,
      );
    },
  );

  test("a 0 typed over its text is no text: still the total", async () => {
    const r = await checkSheets(
      sheet([...lines, [null, 0, sum("SUM(C2:C5)", 550000)]]),
    );
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 550_000 }]);
    expect(codesOf(r)).toEqual(["TOTAL_NOT_LABELLED"]);
  });

  // Found by the template fuzzer: "x" typed over "Summa". OH over the row made a loop that compute
  // broke with a figure, which the row's SUM, left with its old value, did not follow.
  test("a text written over it, one that names no total, does not make the SUM a line", async () => {
    for (const [row, label] of [
      [[null, "x", sum("SUM(C2:C5)", 550000)], "x"],
      [[null, "Sökt belopp", sum("SUM(C2:C5)", 550000)], "Sökt belopp"],
      [["Verksamhet", null, sum("SUM(C2:C5)", 550000)], "Verksamhet"],
    ] satisfies [CellSpec[], string][]) {
      const r = await checkSheets(sheet([...lines, row]));
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 550_000 }]);
      expect(r.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([
        "TOTAL_NOT_LABELLED B6",
      ]);
      expect(r.findings[0]!.message).toBe(
        `Raden "${label}" (rad 6) har budgeten =SUM(C2:C5), summan av raderna ovanför: den läses som tabellens summarad och räknas inte som en post. Börja dess text med "Summa".`,
      );
    }
  });

  test("a SUM of only some of the lines, or of another column, is still a line", async () => {
    for (const row of [
      [null, null, sum("SUM(C3:C5)", 250000)],
      [null, null, sum("SUM(C2:C4)", 500000)],
      [null, "Sökt belopp", sum("SUM(C3:C5)", 250000)],
      [null, null, sum("SUM(D2:D5)", 550000)],
    ] satisfies CellSpec[][]) {
      const r = await checkSheets(sheet([...lines, row]));
      expect(r.periods[0]!.lines).toHaveLength(5);
      expect(codesOf(r)).not.toContain("TOTAL_NOT_LABELLED");
    }
  });
});

describe("the agreement period in one cell", () => {
  /** Uppgifter with "Avtalsperiod" in one cell instead of från and till. */
  const inOneCell = (value: CellSpec) => {
    const details = detailsSheet(oneHalf);
    return [
      {
        ...details,
        rows: details.rows.flatMap((r) =>
          r[0] === "Avtalsperiod från"
            ? [["Avtalsperiod", value]]
            : r[0] === "Avtalsperiod till"
              ? []
              : [r],
        ),
      },
      H2(),
    ];
  };

  test.each([
    "2025-07-01 – 2025-12-31",
    "1 juli 2025 till 31 december 2025",
    "juli–december 2025",
    "2025 H2",
  ])("%j is the agreement's first and last day", async (value) => {
    const r = await checkSheets(inOneCell(value));
    expect(r.agreement).toMatchObject({
      start: "2025-07-01",
      end: "2025-12-31",
    });
    expect(errorsOf(r)).toEqual([]);
    // The same figures as with från and till.
    const both = await checkSheets([detailsSheet(oneHalf), H2()]);
    expect(r.periods).toEqual(both.periods);
  });

  test("a year alone is that calendar year", async () => {
    for (const value of ["2025", 2025, "år 2025"])
      expect((await checkSheets(inOneCell(value))).agreement).toMatchObject({
        start: "2025-01-01",
        end: "2025-12-31",
      });
  });

  test.each(["2025/26", "juli 2025", "snart"])(
    "%j is no period: one finding at its cell, not two missing keys",
    async (value) => {
      const r = await checkSheets(inOneCell(value));
      expect(codesOf(r)).toContain("INVALID_AGREEMENT_PERIOD");
      expect(findingAt(r, "INVALID_AGREEMENT_PERIOD")).toEqual([
        "Uppgifter!B5",
      ]);
      expect(codesOf(r)).not.toContain("MISSING_DETAIL");
      expect(r.agreement.start).toBeNull();
    },
  );
});

describe("workbook-level errors", () => {
  test("no Uppgifter sheet", async () => {
    const r = await checkSheets([H2()]);
    expect(codesOf(r)).toContain("NO_DETAILS_SHEET");
    expect(r.findings.find((f) => f.code === "NO_DETAILS_SHEET")).toMatchObject(
      { severity: "error", sheet: null, cell: null },
    );
  });

  test("no half-year sheet", async () => {
    const r = await checkSheets([
      detailsSheet(),
      { name: "Anteckningar", rows: [["Inget här"]] },
    ]);
    expect(codesOf(r)).toEqual(["NO_HALF_YEAR_SHEET"]);
  });

  test("two sheets for one half-year", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      H2(),
      budgetHalfYearSheet("Kopia", "2025-H2"),
    ]);
    expect(findingAt(r, "DUPLICATE_HALF_YEAR")).toEqual(["Kopia!B1"]);
    expect(
      r.findings
        .filter((f) => f.code === "DUPLICATE_HALF_YEAR")
        .map((f) => f.message),
    ).toEqual([
      "Halvåret 2025-H2 finns på två blad (Budget 2025 H2 och Kopia). Ta bort eller byt period på det ena.",
    ]);
    expect(r.periods).toHaveLength(1);
  });

  test("an agreement period the half-years do not cover", async () => {
    const r = await checkSheets([detailsSheet(), H2()]);
    expect(findingAt(r, "PERIOD_NOT_COVERED")).toEqual(["Uppgifter!B5"]);
    expect(messageOf(r, "PERIOD_NOT_COVERED")).toContain("2026-H1");
  });

  test("a half-year outside the agreement period", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      H2(),
      budgetHalfYearSheet("Budget 2026 H1", "januari–juni 2026"),
    ]);
    expect(findingAt(r, "HALF_YEAR_OUTSIDE_AGREEMENT")).toEqual([
      "Budget 2026 H1!B1",
    ]);
  });

  test("a sheet whose period is not a whole half-year", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      H2(),
      budgetHalfYearSheet("Extra", "juli–november 2025"),
    ]);
    expect(findingAt(r, "NOT_HALF_YEAR")).toEqual(["Extra!B1"]);
  });

  test("a sheet name and Period cell that disagree", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      budgetHalfYearSheet("Budget 2026 H1", "juli–december 2025"),
    ]);
    expect(findingAt(r, "PERIOD_MISMATCH")).toEqual(["Budget 2026 H1!B1"]);
  });

  test("a budget table without a Budget column", async () => {
    const sheet = (actual: number | null) =>
      checkSheets([
        detailsSheet(oneHalf),
        {
          name: "2025 H2",
          rows: [
            ["Post", "Utfall", "Differens"],
            ["Hälsofrämjare", actual, 2],
          ],
        },
      ]);
    expect(codesOf(await sheet(null))).toContain("MISSING_COLUMNS");
    // Actuals typed without their budget: said as such, at the Utfall header.
    const reported = await sheet(1);
    expect(errorsOf(reported).map((f) => `${f.code} ${f.cell}`)).toEqual([
      "ACTUALS_WITHOUT_BUDGET B1",
      "NO_HALF_YEAR_SHEET null",
    ]);
  });

  test("a missing OH rate", async () => {
    const details = detailsSheet(oneHalf);
    const r = await checkSheets([
      { ...details, rows: details.rows.filter((row) => row[0] !== "OH-sats") },
      H2(),
    ]);
    expect(codesOf(r)).toContain("MISSING_OVERHEAD_RATE");
  });
});

describe("report-back rules asserted nowhere else", () => {
  const reportDetails = (
    extra: ReadonlyArray<readonly [string, CellSpec]> = [],
  ) => detailsSheet({ start: "2024-01-01", end: "2024-12-31", extra });

  test("an overspend within Tolerans is information, not a warning", async () => {
    const r = await checkSheets([
      reportDetails([["Tolerans", "40 000 kr"]]),
      reportHalfYearSheet("Utfall 2024 H1", 1),
      reportHalfYearSheet("Utfall 2024 H2", 2),
    ]);
    expect(findingAt(r, "OVERSPENT_WITHIN_TOLERANCE")).toEqual([
      "Utfall 2024 H1!C4",
      "Utfall 2024 H2!C4",
    ]);
    expect(findingAt(r, "OVERSPENT")).toEqual([]);
    expect(r.periods[0]!.lines[2]!.overspent).toBe(true);
  });

  // The year's actuals typed on the spring's sheet, as a ledger gives them: the year read as
  // overspent by 815 164 kr, nothing to repay, with no word of the likely cause.
  test("a year's actuals on one half-year's sheet, the other's left empty, is a warning at its Utfall; an overspent half-year is not", async () => {
    const h2 = budgetHalfYearSheet("Utfall 2024 H2", "juli–december 2024");
    const wholeYear = (factor: number) => {
      const h1 = reportHalfYearSheet("Utfall 2024 H1", 1);
      return {
        ...h1,
        rows: h1.rows.map((row, i) =>
          i === 0 || typeof row[2] !== "number"
            ? row
            : [row[0]!, row[1]!, Math.round(row[2] * factor), null],
        ),
      };
    };
    // 888 831 kr × 2 = 1 777 662 kr: near 962 500 + 1 109 649 kr, the year's budget.
    const r = await checkSheets([reportDetails(), wholeYear(2), h2]);
    expect(
      r.findings
        .filter((f) => f.code === "ACTUALS_OF_WHOLE_YEAR")
        .map((f) => `${f.sheet}!${f.cell} ${f.message}`),
    ).toEqual([
      typeset(
        "Utfall 2024 H1!C1 Utfallet för 2024-H1, 1 777 662 kr, är långt över halvårets budget (962 500 kr) och nära hela årets (2 072 149 kr), och 2024-H2 har inget utfall: är det utfallet för hela 2024? Skriv varje halvårs utfall på sitt blad; annars räknas årets utfall mot ett halvårs budget.",
      ),
    ]);
    // A quarter over its budget is an overspent half-year, and both half-years reported a year.
    const over = await checkSheets([reportDetails(), wholeYear(1.25), h2]);
    expect(codesOf(over)).not.toContain("ACTUALS_OF_WHOLE_YEAR");
    const both = await checkSheets([
      reportDetails(),
      wholeYear(2),
      reportHalfYearSheet("Utfall 2024 H2", 2),
    ]);
    expect(codesOf(both)).not.toContain("ACTUALS_OF_WHOLE_YEAR");
  });

  // The autumn's actuals as the ledger's year to date: the spring counted twice, the year read as
  // overspent and nothing repaid, with no word of the likely cause.
  test("an autumn's actuals that are the year to date (each line at least its spring's, far above the budget) are a warning at its Utfall; an ordinary autumn is not", async () => {
    const h1 = reportHalfYearSheet("Utfall 2024 H1", 1);
    const h2 = reportHalfYearSheet("Utfall 2024 H2", 2);
    // Each line's autumn actual plus its spring's, as a ledger's January–December gives them.
    const toDate = {
      ...h2,
      rows: h2.rows.map((row, i) =>
        typeof row[2] === "number"
          ? [row[0]!, row[1]!, row[2] + (h1.rows[i]![2] as number), null]
          : row,
      ),
    };
    const r = await checkSheets([reportDetails(), h1, toDate]);
    expect(
      r.findings
        .filter((f) => f.code === "ACTUALS_CUMULATIVE")
        .map((f) => `${f.sheet}!${f.cell} ${f.message}`),
    ).toEqual([
      typeset(
        "Utfall 2024 H2!C1 Utfallet för 2024-H2, 1 777 664 kr, är långt över halvårets budget (962 500 kr), och varje post har minst sitt utfall för 2024-H1: är det årets utfall hittills, januari–december? Skriv bara halvårets eget utfall; annars räknas 2024-H1 två gånger.",
      ),
    ]);
    expect(codesOf(r)).toContain("YEAR_OVERSPENT");
    const seed = await checkSheets([reportDetails(), h1, h2]);
    expect(codesOf(seed)).not.toContain("ACTUALS_CUMULATIVE");
  });

  // Costs as an income statement shows them, each with a minus sign: NEGATIVE_AMOUNT at every
  // cell, and the repayment counted them as income, more than the whole grant.
  test("every actual of a sheet written with a minus sign is read as the costs, said once; one negative among costs stays an error", async () => {
    const signed = (name: string, half: 1 | 2) => {
      const s = reportHalfYearSheet(name, half);
      return {
        ...s,
        // The Differens of the sheet's own arithmetic: budget − the signed actual.
        rows: s.rows.map((row) =>
          typeof row[2] === "number" && typeof row[1] === "number"
            ? [row[0]!, row[1], -row[2], row[1] + row[2]]
            : row,
        ),
      };
    };
    const r = await checkSheets([
      reportDetails(),
      signed("Utfall 2024 H1", 1),
      signed("Utfall 2024 H2", 2),
    ]);
    expect(findingAt(r, "ACTUALS_AS_NEGATIVES")).toEqual([
      "Utfall 2024 H1!C1",
      "Utfall 2024 H2!C1",
    ]);
    expect(codesOf(r)).not.toContain("NEGATIVE_AMOUNT");
    expect(codesOf(r)).not.toContain("VARIANCE_MISMATCH");
    expect(codesOf(r)).not.toContain("SUM_MISMATCH");
    // The seed's figures: 1 777 664 kr spent, 147 336 kr over.
    expect(r.years[0]).toMatchObject({ actual: 1_777_664, surplus: 147_336 });
    const mixed = reportHalfYearSheet("Utfall 2024 H1", 1);
    const one = await checkSheets([
      reportDetails(),
      {
        ...mixed,
        rows: mixed.rows.map((row, i) =>
          i === 3 ? [row[0]!, row[1]!, -136687, null] : row,
        ),
      },
      reportHalfYearSheet("Utfall 2024 H2", 2),
    ]);
    expect(findingAt(one, "NEGATIVE_AMOUNT")).toEqual(["Utfall 2024 H1!C4"]);
    expect(codesOf(one)).not.toContain("ACTUALS_AS_NEGATIVES");
  });

  // Actuals in thousands under a plain "Utfall": nothing said, and nearly the whole grant repaid.
  test("actuals a thousandth of their size (typed in tkr under a header naming no unit) are an error at the header; named in it, they are read so", async () => {
    const inThousands = (name: string, half: 1 | 2, header = "Utfall") => {
      const s = reportHalfYearSheet(name, half);
      return {
        ...s,
        rows: s.rows.map((row, i) =>
          i === 0
            ? [row[0]!, row[1]!, header, row[3]!]
            : typeof row[2] === "number"
              ? [row[0]!, row[1]!, Math.round(row[2] / 1000), null]
              : row,
        ),
      };
    };
    const r = await checkSheets([
      reportDetails(),
      inThousands("Utfall 2024 H1", 1),
      reportHalfYearSheet("Utfall 2024 H2", 2),
    ]);
    expect(
      r.findings
        .filter((f) => f.code === "ACTUALS_IN_THOUSANDS")
        .map((f) => `${f.sheet}!${f.cell} ${f.severity} ${f.message}`),
    ).toEqual([
      typeset(
        'Utfall 2024 H1!C1 error Utfallet för 2024-H1 är på varje post en hundradel av budgeten eller mindre, 890 kr mot 962 500 kr, men tusen gånger det, 890 000 kr, ligger nära budgeten: är det skrivet i tusental kronor? Skriv "Utfall (tkr)" i rubriken, så läses det så, eller skriv beloppen i kronor.',
      ),
    ]);
    const named = await checkSheets([
      reportDetails(),
      inThousands("Utfall 2024 H1", 1, "Utfall (tkr)"),
      reportHalfYearSheet("Utfall 2024 H2", 2),
    ]);
    expect(codesOf(named)).not.toContain("ACTUALS_IN_THOUSANDS");
    expect(named.periods[0]!.actual!.total).toBe(890_000);
  });

  test("a year with only one half-year reported is partial; its surplus counts that half-year only", async () => {
    const h2 = budgetHalfYearSheet("Utfall 2024 H2", "juli–december 2024");
    const r = await checkSheets([
      reportDetails(),
      reportHalfYearSheet("Utfall 2024 H1", 1),
      h2,
    ]);
    expect(r.years).toEqual([
      {
        year: 2024,
        budget: 962500,
        actual: 888831,
        surplus: 73669,
        partial: true,
      },
    ]);
    expect(codesOf(r)).toContain("YEAR_PARTIAL");
    expect(r.periods[0]!.actual!.eligibleTotal).toBe(888831);
  });

  test("an overspent year is a warning and nothing is repaid for it", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const rows = sheet.rows.map((row, i) =>
      i === 3
        ? ["Verksamhetskostnader: aktiviteter", 100000, 300000, -200000]
        : i === 5
          ? ["Summa", 962500, 1052144, -89644]
          : row,
    );
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows },
    ]);
    // Direct actual 505 789 + 165 552 + 300 000 = 971 341; the overhead 80 803 is within its cap.
    expect(r.years[0]).toMatchObject({
      budget: 962500,
      actual: 1052144,
      surplus: -89644,
    });
    expect(codesOf(r)).toContain("YEAR_OVERSPENT");
    expect(r.repayment.total).toBe(0);
    // Its Summa row (budget, actual, variance) is right.
    expect(findingAt(r, "SUM_MISMATCH")).toEqual([]);
  });

  // A line inserted below the Summa's range: "Rätta summaraden (eller låt den vara en formel)", an
  // error, said of a formula compute rewrites as it rewrites a stale OH formula.
  test("a Summa row's own SUM that misses a row is stale, said as compute's to rewrite; another formula that disagrees is an error", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const summa = (budget: string, actual: string) =>
      sheet.rows.map((row, i) =>
        i === 5
          ? [
              "Summa",
              { formula: budget, result: 775000 },
              { formula: actual, result: 671341 },
              null,
            ]
          : row,
      );
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows: summa("SUM(B2:B3)", "SUM($C$2:$C$3)") },
    ]);
    expect(
      r.findings
        .filter((f) => f.code.startsWith("SUM_"))
        .map((f) => `${f.cell} ${f.code}: ${f.message}`),
    ).toEqual([
      "B6 SUM_FORMULA_STALE: Summaformeln för 2024-H1 ger 775\u202f000\u00a0kr, men posterna ger 962\u202f500\u00a0kr (inkl. OH): formeln räknar inte med raderna som de står nu (till exempel en infogad rad). 962\u202f500\u00a0kr används; Beräkna skriver om formeln.",
      "C6 SUM_FORMULA_STALE: Summaformeln för 2024-H1 ger 671\u202f341\u00a0kr, men posterna ger 888\u202f831\u00a0kr (inkl. OH): formeln räknar inte med raderna som de står nu (till exempel en infogad rad). 888\u202f831\u00a0kr används; Beräkna skriver om formeln.",
    ]);
    const own = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows: summa("B2+B3", "SUM(C2:C3)-0") },
    ]);
    expect(
      own.findings
        .filter((f) => f.code.startsWith("SUM_"))
        .map((f) => `${f.cell} ${f.code}`),
    ).toEqual(["B6 SUM_MISMATCH", "C6 SUM_MISMATCH"]);
  });

  // A percent typed for the OH's actual: the Summa's SUM over every line added its 0,1 and was
  // called short of a row; the cell that differs says so itself.
  test("a Summa row's own SUM over every line that a line's unread cell moves says nothing; that cell does", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      {
        ...sheet,
        rows: sheet.rows.map((row, i) =>
          i === 4
            ? [row[0]!, row[1]!, { value: 0.1, fmt: "0%" }, null]
            : i === 5
              ? [
                  "Summa",
                  row[1]!,
                  { formula: "SUM(C2:C5)", result: 808_028.1 },
                  null,
                ]
              : row,
        ),
      },
    ]);
    expect(codesOf(r).filter((c) => c.startsWith("SUM_"))).toEqual([]);
    expect(findingAt(r, "PERCENT_IN_AMOUNT")).toEqual(["Utfall 2024 H1!C5"]);
  });

  test("a Summa row whose actual and variance disagree is a finding at each of those cells", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const rows = sheet.rows.map((row, i) =>
      i === 5 ? ["Summa", 962500, 888000, 74000] : row,
    );
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows },
    ]);
    expect(findingAt(r, "SUM_MISMATCH")).toEqual([
      "Utfall 2024 H1!C6",
      "Utfall 2024 H1!D6",
    ]);
  });

  test("a line without its actual in a reported half-year, a duplicate line and rows below the total are findings", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const rows = [
      ...sheet.rows.slice(0, 2),
      ["Lönekostnader: Samordning/utveckling", 175000, null, null],
      ["Lönekostnader: Hälsofrämjare", 1, 1, 0],
      ...sheet.rows.slice(3),
      ["Anteckning", 5],
    ];
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows },
    ]);
    expect(findingAt(r, "MISSING_ACTUAL")).toEqual(["Utfall 2024 H1!C3"]);
    expect(findingAt(r, "DUPLICATE_LINE")).toEqual(["Utfall 2024 H1!A4"]);
    expect(codesOf(r)).toContain("ROWS_AFTER_TOTAL");
  });
});

test('a line spelt apart only in its punctuation ("lokalhyra:") is a duplicate of the post it is matched as', async () => {
  const r = await checkSheets(
    h1Report((rows) => [
      ...rows.slice(0, 4),
      ["Verksamhetskostnader: Lokalhyra", 30000, 30000, 0],
      ["Verksamhetskostnader: lokalhyra:", 20000, 20000, 0],
      ...rows.slice(4),
    ]),
  );
  expect(findingAt(r, "DUPLICATE_LINE")).toEqual(["Utfall 2024 H1!A6"]);
  expect(messageOf(r, "DUPLICATE_LINE")).toBe(
    'Posten "Verksamhetskostnader: lokalhyra:" finns redan på rad 5, som "Verksamhetskostnader: Lokalhyra". Slå ihop raderna eller ge dem olika benämningar.',
  );
});

describe("a dash for an actual", () => {
  const withActuals = (actuals: readonly CellSpec[]): SheetSpec[] =>
    h1Report((rows) => [
      ...rows.slice(0, 4),
      ["Verksamhetskostnader: lokal", 0, actuals[0]!, null],
      ["Verksamhetskostnader: resor", 0, actuals[1]!, null],
      ...rows.slice(4),
    ]);

  // "–" is how a table says "nothing": the warning said the partner had left the actual out and
  // asked for it.
  test("a lone dash is nothing spent, not an actual left out; an empty cell beside it still is", async () => {
    const r = await checkSheets(withActuals(["–", null]));
    expect(findingAt(r, "MISSING_ACTUAL")).toEqual(["Utfall 2024 H1!C6"]);
    expect(r.periods[0]!.actual!.direct).toBe(808028);
    const hyphen = await checkSheets(withActuals([" - ", "−"]));
    expect(codesOf(hyphen)).not.toContain("MISSING_ACTUAL");
  });

  // The actual typed a column off, under Differens over the template's formula: the warning asked
  // for the actual and said nothing of the figure beside it.
  test("a figure under Differens beside a missing actual is named; a Differens that is the budget (an actual of 0) is not", async () => {
    const r = await checkSheets(
      h1Report((rows) => [
        ...rows.slice(0, 4),
        ["Verksamhetskostnader: lokal", 40000, null, 36000],
        ["Verksamhetskostnader: resor", 20000, null, 20000],
        ...rows.slice(4),
      ]),
    );
    expect(
      r.findings
        .filter((f) => f.code === "MISSING_ACTUAL")
        .map((f) => `${f.cell} ${f.message}`),
    ).toEqual([
      'C5 Posten "Verksamhetskostnader: lokal" saknar utfall fast halvåret är återrapporterat; 0 används. Under Differens, i D5, står 36\u202f000\u00a0kr: är det utfallet? Skriv utfallet här, under Utfall.',
      'C6 Posten "Verksamhetskostnader: resor" saknar utfall fast halvåret är återrapporterat; 0 används. Fyll i utfallet.',
    ]);
  });

  test("a half-year whose every actual is a dash is not reported", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      {
        ...sheet,
        rows: sheet.rows.map((row, i) =>
          i === 0 ? row : [row[0]!, row[1]!, "–", null],
        ),
      },
    ]);
    expect(r.periods[0]!.actual).toBeNull();
    expect(codesOf(r)).not.toContain("MISSING_ACTUAL");
  });
});

describe("a budget that shows its income beside its costs", () => {
  const budget = (rows: CellSpec[][]): SheetSpec[] => [
    detailsSheet(oneHalf),
    {
      name: "Budget 2025 H2",
      rows: [["Period", "juli–december 2025"], [], HEADERS, ...rows],
    },
  ];
  const costs: CellSpec[][] = [
    ["Lön", "Hälsofrämjare", pct(2.75), 6, kr(45000), kr(742500)],
    ["Lön", "Samordnare utveckling", pct(0.5), 6, kr(55424), kr(166272)],
    ["Verksamhet", "Verksamhetskostnader", null, null, null, kr(100000)],
    ["OH", "OH-kostnader", null, null, null, kr(100877)],
  ];
  const seedLines = [
    "Hälsofrämjare",
    "Samordnare utveckling",
    "Verksamhetskostnader",
    "OH-kostnader",
  ];

  // Above the costs, as many a non-profit's project budget puts them: the grant was 2 495 263 kr
  // (the income read as costs, and the OH on them), with errors telling the partner to correct a
  // right total.
  test("a section 'Intäkter' above the costs, with its own total: its rows are no lines, said once", async () => {
    const r = await checkSheets(
      budget([
        ["Intäkter"],
        [null, "Bidrag Malmö stad", null, null, null, kr(1109649)],
        [
          null,
          "Medfinansiering Malmö universitet",
          null,
          null,
          null,
          kr(150000),
        ],
        [null, "Summa intäkter", null, null, null, kr(1259649)],
        ["Kostnader"],
        ...costs,
        [null, "Summa kostnader", null, null, null, kr(1109649)],
      ]),
    );
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual(seedLines);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
    expect(codesOf(r)).toEqual(["INCOME_NOT_READ"]);
    expect(findingAt(r, "INCOME_NOT_READ")).toEqual(["Budget 2025 H2!A4"]);
    expect(r.findings[0]!.message).toBe(
      'Raderna 5–6 ("Intäkter") är intäkter, inga kostnader, och räknas inte som budgetposter.',
    );
  });

  test("between sections of costs, headed in the label column and ended by a heading of costs", async () => {
    const r = await checkSheets(
      budget([
        ...costs.slice(0, 2),
        [null, "Finansiering"],
        [null, "Malmö stad", null, null, null, kr(1109649)],
        [null, "Egen insats", null, null, null, kr(50000)],
        [null, "Övriga kostnader"],
        ...costs.slice(2),
        [null, "Summa", null, null, null, kr(1109649)],
      ]),
    );
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual(seedLines);
    expect(r.grants[0]!.amount).toBe(1_109_649);
    expect(findingAt(r, "INCOME_NOT_READ")).toEqual(["Budget 2025 H2!B6"]);
    expect(codesOf(r)).toEqual(["INCOME_NOT_READ"]);
  });

  test("a row marked 'Intäkt' in the category column is no line; the next row is", async () => {
    const r = await checkSheets(
      budget([
        [
          "Intäkt",
          "Lönebidrag Arbetsförmedlingen",
          null,
          null,
          null,
          kr(80000),
        ],
        ...costs,
        [null, "Summa", null, null, null, kr(1109649)],
      ]),
    );
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual(seedLines);
    expect(r.findings.map((f) => f.message)).toEqual([
      'Rad 4 ("Intäkt") är en intäkt, ingen kostnad, och räknas inte som budgetpost.',
    ]);
  });

  test("'Lönebidrag' or 'Verksamhetsbidrag' under 'Intäkter' stays income; a line of salary ends it", async () => {
    const r = await checkSheets(
      budget([
        ["Intäkter"],
        [null, "Lönebidrag", null, null, null, kr(80000)],
        [null, "Verksamhetsbidrag", null, null, null, kr(20000)],
        ...costs,
        [null, "Summa", null, null, null, kr(1109649)],
      ]),
    );
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual(seedLines);
    expect(codesOf(r)).toEqual(["INCOME_NOT_READ"]);
  });

  test("a note that speaks of income ('Intäkter redovisas i bilaga') heads nothing: the lines below it count", async () => {
    const r = await checkSheets(
      budget([
        ...costs.slice(0, 2),
        [null, "Intäkter redovisas i bilaga 3"],
        [null, "Hyra", null, null, null, kr(100000)],
        costs[3]!,
        [null, "Summa", null, null, null, kr(1109649)],
      ]),
    );
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual([
      ...seedLines.slice(0, 2),
      "Hyra",
      "OH-kostnader",
    ]);
    expect(r.findings).toEqual([]);
  });

  // The seed's report names a line's category in its label ("Lönekostnader: Hälsofrämjare"), and
  // a partner names income there too: read as lines, the 20 000 kr of fees and the 50 000 kr of
  // co-financing raised the actuals by 70 000 kr and the budget by 55 000 kr with its OH: the
  // surplus asked back fell from 73 669 kr to 58 669, with nothing said.
  test("income named in a label ('Intäkter: deltagaravgifter', 'Medfinansiering …') with an amount is no line", async () => {
    const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
    const rows = [
      ...sheet.rows.slice(0, 4),
      ["Intäkter: deltagaravgifter", 0, 20000, -20000],
      ["Medfinansiering Rädda Barnen", 50000, 50000, 0],
      ...sheet.rows.slice(4),
    ];
    const r = await checkSheets([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      { ...sheet, rows },
    ]);
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual(
      sheet.rows.slice(1, 5).map((row) => row[0]),
    );
    expect(r.years[0]).toMatchObject({
      budget: 962500,
      actual: 888831,
      surplus: 73669,
    });
    expect(findingAt(r, "INCOME_NOT_READ")).toEqual(["Utfall 2024 H1!A5"]);
    expect(messageOf(r, "INCOME_NOT_READ")).toBe(
      'Raderna 5–6 ("Intäkter: deltagaravgifter") är intäkter, inga kostnader, och räknas inte som budgetposter.',
    );
    expect(codesOf(r)).not.toContain("SUM_MISMATCH");
  });

  test("a partner's own contribution ('Egen insats: ideellt arbete') among the costs is no line of the grant", async () => {
    const r = await checkSheets(
      budget([
        ...costs.slice(0, 3),
        [
          "Verksamhet",
          "Egen insats: ideellt arbete",
          null,
          null,
          null,
          kr(50000),
        ],
        costs[3]!,
        [null, "Summa", null, null, null, kr(1109649)],
      ]),
    );
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual(seedLines);
    expect(r.grants[0]!.amount).toBe(1_109_649);
    expect(findingAt(r, "INCOME_NOT_READ")).toEqual(["Budget 2025 H2!B7"]);
  });

  test("costs whose first words come near income's ('Egna lokaler', 'Finansiella kostnader') are lines", async () => {
    const near = [
      "Egna lokaler: hyra",
      "Finansiella kostnader",
      "Inköp av material",
      "Medlemsavgifter",
      "Revision",
      "Intäktsbortfall, ersättning",
    ];
    const r = await checkSheets(
      budget([
        ...costs.slice(0, 3),
        ...near.map((label): CellSpec[] => [
          "Verksamhet",
          label,
          null,
          null,
          null,
          kr(1000),
        ]),
        costs[3]!,
      ]),
    );
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual([
      ...seedLines.slice(0, 3),
      ...near,
      "OH-kostnader",
    ]);
    expect(codesOf(r)).not.toContain("INCOME_NOT_READ");
  });

  // Headings typed in the category column each gave "The row has amounts but no label" (it had
  // none) and "no budget amount": five warnings on a right budget.
  test("headings in the category column ('Lönekostnader' above its lines) are headings, not lines", async () => {
    const r = await checkSheets(
      budget([
        ["Lönekostnader"],
        [null, "Hälsofrämjare", pct(2.75), 6, kr(45000), kr(742500)],
        [null, "Samordnare utveckling", pct(0.5), 6, kr(55424), kr(166272)],
        ["Verksamhetskostnader"],
        [null, "Aktiviteter", null, null, null, kr(100000)],
        ["OH"],
        [null, "Administration", null, null, null, kr(100877)],
        [null, "Summa", null, null, null, kr(1109649)],
      ]),
    );
    expect(r.findings).toEqual([]);
    expect(r.periods[0]!.lines.map((l) => `${l.label}: ${l.category}`)).toEqual(
      [
        "Hälsofrämjare: salary",
        "Samordnare utveckling: salary",
        "Aktiviteter: activity",
        "Administration: overhead",
      ],
    );
    expect(r.grants[0]!.amount).toBe(1_109_649);
  });
});

describe("money carried over from an earlier period", () => {
  const report = (extra: CellSpec[][], total: number) => [
    detailsSheet({
      start: "2025-01-01",
      end: "2025-12-31",
      repaymentDue: "2026-06-30",
    }),
    {
      name: "Utfall 2025 H1",
      rows: [
        ["Kostnadsslag", "Post", "Budget", "Utfall"],
        ["Lön", "Hälsofrämjare", 300000, 290000],
        ["Verksamhet", "Aktiviteter", 100000, 60000],
        ["OH", "OH-kostnader", 40000, 35000],
        [null, "Summa", 440000, 385000],
      ],
    },
    {
      name: "Utfall 2025 H2",
      rows: [
        ["Kostnadsslag", "Post", "Budget", "Utfall"],
        ["Lön", "Hälsofrämjare", 300000, 300000],
        ["Verksamhet", "Aktiviteter", 100000, 90000],
        ...extra,
        ["OH", "OH-kostnader", 40000, 39000],
        [null, "Summa", total, 429000],
      ],
    },
  ];

  // Read as a line, H1's unused 55 000 kr raised H2's budget by 60 500 kr with its OH, and the
  // year's repayment with it: 126 500 kr asked back for 66 000.
  test.each([
    "Överfört från H1",
    "Ej förbrukade medel från vårterminen",
    "Överskott från föregående halvår",
    "Ingående saldo",
    "Outnyttjade medel",
  ])(
    "a row %j is no line: said at its label, the repayment as without it",
    async (label) => {
      const plain = await checkSheets(report([], 440000));
      expect(plain.repayment.total).toBe(66_000);
      const r = await checkSheets(report([[null, label, 55000, null]], 495000));
      expect(r.periods[1]!.lines.map((l) => l.label)).toEqual([
        "Hälsofrämjare",
        "Aktiviteter",
        "OH-kostnader",
      ]);
      expect(r.repayment.total).toBe(66_000);
      expect(r.grants).toEqual(plain.grants);
      // The typed Summa that sums the row too is right arithmetic: no SUM_MISMATCH.
      expect(
        r.findings.map((f) => `${f.code} ${f.severity} ${f.cell}`),
      ).toEqual(["CARRY_OVER_NOT_READ warning B4"]);
      expect(r.findings[0]!.message).toBe(
        `Raden "${label}" (55${NNBSP}000\u00a0kr) för över medel från en tidigare period och är ingen kostnad: den räknas inte i halvårets budget eller utfall. Ett halvårs överskott räknas med i årets; ett överskott från ett tidigare år skrivs i Uppgifter, "Överskott ÅÅÅÅ", och återbetalas.`,
      );
    },
  );

  test("in a budget, a surplus of last year as a row does not raise the grant", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      {
        name: "Budget 2025 H2",
        rows: [
          ["Kostnadsslag", "Post", "Budget"],
          ["Lön", "Hälsofrämjare", 300000],
          [null, "Överskott från 2024", 50000],
          ["OH", "OH-kostnader", null],
        ],
      },
    ]);
    expect(r.grants).toEqual([{ period: "2025-H2", amount: 330_000 }]);
    expect(codesOf(r)).toEqual(["CARRY_OVER_NOT_READ"]);
  });

  test("costs whose words come near are lines, and a carried row without an amount is a note", async () => {
    const r = await checkSheets([
      detailsSheet(oneHalf),
      {
        name: "Budget 2025 H2",
        rows: [
          ["Kostnadsslag", "Post", "Budget"],
          ["Verksamhet", "Överskottsmaterial", 1000],
          ["Verksamhet", "Ingående moms", 2000],
          ["Verksamhet", "Kvarvarande kostnader för lokal", 3000],
          ["Verksamhet", "Sparade semesterdagar", 4000],
          [null, "Överfört från H1"],
        ],
      },
    ]);
    expect(r.periods[0]!.lines.map((l) => l.label)).toEqual([
      "Överskottsmaterial",
      "Ingående moms",
      "Kvarvarande kostnader för lokal",
      "Sparade semesterdagar",
    ]);
    expect(r.findings).toEqual([]);
  });
});

describe("what a row's label says it is, when it is no cost", () => {
  // Its first word turns most labels away unnormalised; a number or letter that lists the label,
  // and the case of its letters, do not.
  test.each([
    ["Intäkter: deltagaravgifter", "income"],
    ["4. Intäkter: deltagaravgifter", "income"],
    ["  MEDFINANSIERING Rädda Barnen", "income"],
    ["a) Överfört från H1", "carry"],
    ["IV. Ingående saldo", "carry"],
    ["2.1 Överskott att återbetala", "result"],
    ["Över-/underskott", "result"],
    ["Aktivitet 12", null],
    ["Överskottsmaterial", null],
    ["Intäktsbortfall", null],
    ["Att förbruka", null],
    ["", null],
    ["x".repeat(300), null],
  ] as const)("%j: %p", (label, kind) => {
    expect(wordedRow(label)).toBe(kind);
  });
});

describe("the half-year's result typed as a row", () => {
  const withRow = (row: CellSpec[], actualTotal = 888831): SheetSpec[] =>
    h1Report((rows) => [
      ...rows.slice(0, 5),
      row,
      ["Summa", 962500, actualTotal, 962500 - actualTotal],
    ]);

  // The surplus typed as an actual above a total that then shows the budget spent: read as a cost,
  // it made the half-year's surplus 0, and the decision asked nothing back, with a warning to fill
  // in the row's budget.
  test.each([
    "Överskott att återbetala",
    "Över-/underskott",
    "Kvar att förbruka",
    "Återbetalas till Malmö stad",
    "Periodens resultat",
  ])(
    "a row %j with the surplus as its actual is no cost; a total that sums it is right",
    async (label) => {
      const r = await checkSheets(
        withRow([label, null, 73669, -73669], 962500),
      );
      expect(r.periods[0]!.lines).toHaveLength(4);
      expect(r.years[0]).toMatchObject({ actual: 888831, surplus: 73669 });
      expect(findingAt(r, "RESULT_ROW_NOT_READ")).toEqual([
        "Utfall 2024 H1!A6",
      ]);
      expect(codesOf(r)).not.toContain("SUM_MISMATCH");
      expect(codesOf(r)).not.toContain("MISSING_BUDGET");
      expect(messageOf(r, "RESULT_ROW_NOT_READ")).toBe(
        `Raden "${label}" (73${NNBSP}669\u00a0kr) anger halvårets resultat och är ingen kostnad: den räknas inte i halvårets budget eller utfall. Överskottet räknas fram ur budget och utfall.`,
      );
    },
  );

  test("a refund that is a cost is a line, and a result with only a Differens is a note", async () => {
    const refund = await checkSheets(
      withRow(["Återbetalning till deltagare", 0, 5000, -5000], 893831),
    );
    expect(refund.periods[0]!.lines.map((l) => l.label)).toContain(
      "Återbetalning till deltagare",
    );
    expect(refund.years[0]!.actual).toBe(893831);
    const variance = await checkSheets(
      withRow(["Överskott", null, null, 73669]),
    );
    expect(variance.periods[0]!.lines).toHaveLength(4);
    expect(codesOf(variance)).not.toContain("RESULT_ROW_NOT_READ");
  });

  // The grant itself as the table's first row: counted as a cost, it doubled the budget.
  test.each(["Bidrag från Malmö stad", "Erhållet bidrag"])(
    "the grant as a row %j is income, not a cost",
    async (label) => {
      const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
      const r = await checkSheets([
        detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
        {
          ...sheet,
          rows: [
            sheet.rows[0]!,
            [label, 962500, 962500, 0],
            ...sheet.rows.slice(1),
          ],
        },
      ]);
      expect(r.years[0]).toMatchObject({ budget: 962500, surplus: 73669 });
      expect(findingAt(r, "INCOME_NOT_READ")).toEqual(["Utfall 2024 H1!A2"]);
    },
  );
});

describe("a Differens counted the other way", () => {
  const report = (variances: (number | null)[]) => [
    detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
    {
      name: "Utfall 2024 H1",
      rows: [
        ["Post", "Budget", "Utfall", "Avvikelse"],
        ["Lönekostnader: Hälsofrämjare", kr(600000), kr(505789)],
        ["Verksamhetskostnader", kr(100000), kr(136687)],
        ["OH-kostnader", kr(70000), kr(64248)],
        ["Summa", kr(770000), kr(706724)],
      ].map((row, i) =>
        i === 0
          ? row
          : [
              ...row,
              ...(variances[i - 1] === null ? [] : [kr(variances[i - 1]!)]),
            ],
      ),
    },
  ];

  // Actual − budget, an overspend positive, as many keep it: four errors on a right report.
  test("actual − budget on every line and the total is accepted, and said once at its header", async () => {
    const r = await checkSheets(report([-94211, 36687, -5752, -63276]));
    expect(r.findings.map((f) => `${f.code} ${f.cell ?? ""}`)).toEqual([
      "OVERSPENT C3",
      "VARIANCE_REVERSED D1",
      "REPAYMENT_DUE_DEFAULTED ",
    ]);
  });

  test("one line counted the other way among lines counted as the engine counts is that cell's error", async () => {
    const r = await checkSheets(report([94211, 36687, 5752, null]));
    expect(findingAt(r, "VARIANCE_MISMATCH")).toEqual(["Utfall 2024 H1!D3"]);
    expect(codesOf(r)).not.toContain("VARIANCE_REVERSED");
  });
});
