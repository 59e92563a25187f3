// Issue 10: the sheet Lönekalkyl read, checked and computed into the half-years' salary lines.

import {
  type Cell,
  analyze,
  planWrite,
  renderFinding,
  toCheckJson,
} from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import type { Person } from "../../src/core/figures/payroll";
import { countedBySumIf } from "../../src/core/reading/salaries";
import { STAMP } from "../helpers/compute";
import { SALARY_HEADERS, salaryWorkbook, typeset } from "../helpers/seed";
import {
  type CellSpec,
  type SheetSpec,
  buildXlsx,
  date,
  kr,
  pct,
} from "../helpers/workbook";

async function check(sheets: Parameters<typeof buildXlsx>[0]) {
  const a = analyze(readXlsx(await buildXlsx(sheets)));
  return { a, json: toCheckJson("lonekalkyl.xlsx", a) };
}
/** The workbook with one cell of Lönekalkyl ("row,column", from 0) typed otherwise. */
function typedAt(at: string, typed: CellSpec): SheetSpec[] {
  const [details, persons, ...rest] = salaryWorkbook();
  const rows = persons!.rows.map((row, i) =>
    row.map((cell, j) => (`${i},${j}` === at ? typed : cell)),
  );
  return [details!, { ...persons!, rows }, ...rest];
}

/** The budget sheets with a Tjänstgöringsgrad column: the salary line's label and grade cell. */
function withGradeColumn(
  sheets: SheetSpec[],
  label: string,
  grade: CellSpec,
): SheetSpec[] {
  return sheets.map((s) =>
    s.name.startsWith("Budget")
      ? {
          ...s,
          rows: s.rows.map((row, i) =>
            i === 2
              ? [row[0]!, row[1]!, "Tjänstgöringsgrad", row[2]!]
              : i === 3
                ? [row[0]!, label, grade, row[2]!]
                : [row[0]!, row[1]!, null, row[2]!],
          ),
        }
      : s,
  );
}

/** The half-years' budgets are the issue's workbook's as it is. */
async function expectPlainBudgets(a: ReturnType<typeof analyze>) {
  const plain = await check(salaryWorkbook());
  expect(a.computation.halfYears.map((h) => h.budget)).toEqual(
    plain.a.computation.halfYears.map((h) => h.budget),
  );
}

const codes = (json: {
  findings: { code: string; sheet: string | null; cell: string | null }[];
}) => json.findings.map((f) => `${f.code}@${f.sheet ?? ""}!${f.cell ?? ""}`);

describe("Lönekalkyl", () => {
  test("the issue's three persons make the line's budget: 252 326 + 136 204 + 210 272 = 598 802 kr in 2026-H1", async () => {
    const { a, json } = await check(salaryWorkbook());
    const h1 = a.computation.halfYears[0]!;
    const line = h1.lines[0]!;
    expect(line.salaries!.map((c) => c.cost / 100)).toEqual([
      252_326, 136_204, 210_272,
    ]);
    expect(line.effectiveBudget / 100).toBe(598_802);
    expect(h1.budget.total / 100).toBe(
      598_802 + 100_000 + Math.round(0.1 * 698_802),
    );
    // 2026-H2: A and B end in June (nothing), C all half-year.
    expect(
      a.computation.halfYears[1]!.lines[0]!.salaries!.map((c) => c.cost / 100),
    ).toEqual([0, 0, 315_408]);
    expect(json.periods[0]!.lines[0]).toMatchObject({
      label: "Hälsofrämjare",
      budget: 598802,
    });
    // No Pålägg anywhere: an info asks for it; nothing else.
    expect(codes(json)).toEqual(["SURCHARGE_MISSING@Uppgifter!"]);
  });

  test("a salary '32 000 kr/mån' is 32 000 kr; a birth year that is no number asks for a year", async () => {
    const [details, persons, ...rest] = salaryWorkbook();
    // Person A's salary and person B's birth year typed as text.
    const typed: Record<string, CellSpec> = {
      "3,3": "32 000 kr/mån",
      "4,2": "sjuttiotal",
    };
    const rows = persons!.rows.map((row, i) =>
      row.map((cell, j) => typed[`${i},${j}`] ?? cell),
    );
    const { a, json } = await check([details!, { ...persons!, rows }, ...rest]);
    expect(a.computation.halfYears[0]!.lines[0]!.salaries![0]!.cost / 100).toBe(
      252_326,
    );
    expect(
      json.findings
        .filter((f) => f.code === "NOT_A_NUMBER")
        .map((f) => f.message),
    ).toEqual([
      '"sjuttiotal" är inte ett tal. Skriv bara året, t.ex. 1985 (noteringar hör hemma i en egen kolumn).',
    ]);
  });

  // A birth date read as a date serial ("Födelseåret "29358""), a personal identity number as text
  // that is no number, "tills vidare" as a date that is none: each an error, the person not counted.
  test.each([
    ["3,2", date("1980-05-17"), "SALARY_BIRTH_DATE"],
    ["3,2", "1980-05-17", "SALARY_BIRTH_DATE"],
    ["3,2", "198005171234", "SALARY_PERSONAL_NUMBER"],
    ["3,2", "800517-1234", "SALARY_PERSONAL_NUMBER"],
    ["5,6", "tills vidare", null],
    ["5,6", "t.v.", null],
    ["5,6", "–", null],
  ] as [string, CellSpec, string | null][])(
    "a person's %s written %j counts as the year or the open end it says",
    async (at, typed, code) => {
      const { a, json } = await check(typedAt(at, typed));
      await expectPlainBudgets(a);
      expect(json.findings.map((f) => f.code)).toEqual([
        ...(code ? [code] : []),
        "SURCHARGE_MISSING",
      ]);
    },
  );

  // The seed's labels carry their category ("Lönekostnader: Hälsofrämjare"), the Post does not: each
  // person was SALARY_POST_UNKNOWN, and the line had no budget (110 000 kr for 768 682).
  test.each([
    "Lönekostnader: Hälsofrämjare",
    "1.1 Hälsofrämjare",
    "Lön – Hälsofrämjare",
  ])(
    "the salary line %j is the post 'Hälsofrämjare'; compute writes the figure, as a SUMIF would not match",
    async (label) => {
      const sheets = salaryWorkbook().map((s) =>
        s.name.startsWith("Budget")
          ? {
              ...s,
              rows: s.rows.map((row, i) =>
                i === 3 ? [row[0]!, label, ...row.slice(2)] : row,
              ),
            }
          : s,
      );
      const bytes = await buildXlsx(sheets);
      const { a, json } = await check(sheets);
      await expectPlainBudgets(a);
      expect(json.findings.map((f) => f.code)).toEqual(["SURCHARGE_MISSING"]);
      const grids = readXlsx(bytes);
      const edit = planWrite(grids, analyze(grids), STAMP).edits.find(
        (e) => e.sheet === "Budget 2026 H1",
      )!;
      expect(edit.cells.find((c) => c.row === 3 && c.col === 2)?.value).toEqual(
        { kind: "number", value: 598_802 },
      );
    },
  );

  // Headed so, the sheet had no header row: no person was read (SALARY_HEADER_MISSING), or every
  // person missed a birth year.
  test.each([
    ["2,3", "Lön/månad"],
    ["2,3", "Bruttolön"],
    ["2,3", "Månadslön brutto"],
    ["2,3", "Månadslön, kr"],
    ["2,3", "Lön kr/mån"],
    ["2,2", "Födelseår (ÅÅÅÅ)"],
    ["2,2", "År född"],
  ])("a column (row, column %s) headed %j is read", async (at, header) => {
    const { a, json } = await check(typedAt(at, header));
    await expectPlainBudgets(a);
    expect(codes(json)).toEqual(["SURCHARGE_MISSING@Uppgifter!"]);
  });

  // A number or date typed as text is read, but the workbook's cost formula cannot compute with it
  // ("32 000 kr" is #VALUE!, "100 %" is larger than 1 to a comparison): its CELL_ERRORs pointed at
  // the half-year's cells, and compute's figure for the person went unexplained.
  test.each([
    ["D4", "3,3", "32 000 kr", "SALARY_VALUE_TEXT"],
    ["E4", "3,4", "100 %", "SALARY_VALUE_TEXT"],
    ["C4", "3,2", "1980", "SALARY_VALUE_TEXT"],
    ["F4", "3,5", "2026-01-01", "SALARY_VALUE_TEXT"],
    ["E4", "3,4", "heltid", null],
    ["C4", "3,2", "800517-1234", "SALARY_PERSONAL_NUMBER"],
  ] as [string, string, string, string | null][])(
    "a person's %s (row, column %s) typed as the text %j is read, and said as %s",
    async (cell, at, typed, code) => {
      const { a, json } = await check(typedAt(at, typed));
      await expectPlainBudgets(a);
      expect(codes(json)).toEqual([
        ...(code ? [`${code}@Lönekalkyl!${cell}`] : []),
        "SURCHARGE_MISSING@Uppgifter!",
      ]);
      if (code === "SALARY_VALUE_TEXT")
        expect(json.findings[0]!.message).toBe(
          `"${typed}" är skrivet som text. IOP-budget läser värdet, men personens kostnadsformel i arbetsboken räknar inte med text (den kan visa fel belopp eller #VALUE!), så Beräkna skriver kostnaden som ett fast belopp. Skriv värdet som ett tal eller ett datum.`,
        );
    },
  );

  /** The persons with a column H: its header, and a value for persons A, B and C. */
  function withColumn(header: string, values: CellSpec[]) {
    const [details, persons, ...rest] = salaryWorkbook();
    const rows = persons!.rows.map((row, i) =>
      i === 2 ? [...row, header] : i >= 3 ? [...row, values[i - 3]] : row,
    );
    return [details!, { ...persons!, rows }, ...rest];
  }

  // A column of a later salary or grade was passed over without a word: 2026's salaries were the
  // old ones. A months column too: 3 typed for a person of twelve months was four times the cost.
  test.each([
    [
      "Månadslön 2027",
      [kr(33000), null, null],
      "SALARY_COLUMN_NOT_READ@Lönekalkyl!H3",
    ],
    [
      "Ny lön",
      [kr(33000), kr(25000), null],
      "SALARY_COLUMN_NOT_READ@Lönekalkyl!H3",
    ],
    [
      "Tjänstgöringsgrad fr.o.m. 2026-09",
      [pct(0.5), null, null],
      "SALARY_COLUMN_NOT_READ@Lönekalkyl!H3",
    ],
    ["Antal månader", [3, 6, 10], "SALARY_MONTHS_NOT_READ@Lönekalkyl!H4"],
    ["Månader", [6, 6, 2], "SALARY_MONTHS_NOT_READ@Lönekalkyl!H6"],
    ["Antal månader", [6, 6, 10], null],
    ["Lön 2027", [null, null, null], null],
    ["Lönekostnad", [kr(250000), null, null], null],
    ["Årslön", [kr(384000), null, null], null],
    ["Kommentar", ["ny 2027", null, null], null],
    // A person's actual cost: the half-year sheets report no actual, and nothing said so.
    [
      "Utfall",
      [kr(150000), null, null],
      "SALARY_ACTUAL_NOT_READ@Lönekalkyl!H3",
    ],
    [
      "Utfall 2026-H1",
      [kr(150000), kr(90000), null],
      "SALARY_ACTUAL_NOT_READ@Lönekalkyl!H3",
    ],
    [
      "Faktisk kostnad",
      [kr(150000), null, null],
      "SALARY_ACTUAL_NOT_READ@Lönekalkyl!H3",
    ],
    ["Utfall", [null, null, null], null],
  ] as [string, CellSpec[], string | null][])(
    "a column %j beside the read ones (%j): the figures stand, and %s",
    async (header, values, code) => {
      const { a, json } = await check(withColumn(header, values));
      await expectPlainBudgets(a);
      expect(codes(json)).toEqual([
        ...(code ? [code] : []),
        "SURCHARGE_MISSING@Uppgifter!",
      ]);
    },
  );

  test("persons' actuals beside salary lines that report theirs are a specification: nothing said", async () => {
    const reported = withColumn("Utfall", [kr(150000), null, null]).map((s) =>
      /^Budget 2026/.test(s.name)
        ? {
            ...s,
            rows: s.rows.map((row, i) =>
              i === 2 ? [...row, "Utfall"] : i > 2 ? [...row, kr(90000)] : row,
            ),
          }
        : s,
    );
    const { json } = await check(reported);
    expect(json.yearLines[0]!.sum.actual).toBeGreaterThan(0);
    expect(codes(json)).not.toContain("SALARY_ACTUAL_NOT_READ@Lönekalkyl!H3");
    const { json: budget } = await check(
      withColumn("Utfall", [kr(150000), null, null]),
    );
    expect(budget.findings[0]!.message).toBe(
      'Kolumnen "Utfall" i Lönekalkyl läses inte: Lönekalkyl ger budgeten, och utfallet redovisas per post på halvårsbladen, under Utfall. Skriv personernas utfall tillsammans på deras post där.',
    );
  });

  test("in an agreement of two years, a year's twelve months say nothing; three do", async () => {
    const [details, persons, ...rest] = withColumn(
      "Antal månader",
      [3, 12, 10],
    );
    const twoYears = {
      ...details!,
      rows: details!.rows.map((row) =>
        row[0] === "Avtalsperiod till" ? [row[0], date("2027-12-31")] : row,
      ),
    };
    // Person A to June 2026, B to June 2026 (12 typed: said), C from March 2026, open (10: a year's
    // months are 10 in 2026 and 12 in 2027).
    const { json } = await check([twoYears, persons!, ...rest]);
    expect(
      json.findings
        .filter((f) => f.code === "SALARY_MONTHS_NOT_READ")
        .map((f) => f.cell),
    ).toEqual(["H4", "H5"]);
  });

  test("the months a person's dates give are named", async () => {
    const { json } = await check(withColumn("Antal månader", [3, 6, 10]));
    expect(json.findings[0]!.message).toBe(
      "Antal månader 3 läses inte: personens lön räknas för 6 månader, som Från och Till ger i avtalsperioden (tomma: hela perioden). Skriv Från och Till för den tid personen arbetar.",
    );
    const column = await check(withColumn("Ny lön", [kr(33000), null, null]));
    expect(column.json.findings[0]!.message).toBe(
      'Kolumnen "Ny lön" läses inte: kostnaden räknas på "Månadslön". En ny lön eller grad från ett datum skrivs som en egen rad för personen, med Från (och Till på raden före).',
    );
  });

  // A second block under a heading with the headers again: the heading was a person without values
  // and the header row a person of the Post "Post" (two errors, four NOT_A_NUMBER, two dates).
  test("a heading and the headers again over a second block of persons are no persons; a note in the Post column neither", async () => {
    const [details, persons, ...rest] = salaryWorkbook();
    const person = (name: string): CellSpec[] => [
      "Hälsofrämjare",
      name,
      1990,
      kr(30000),
      pct(0.5),
      date("2026-09-01"),
      null,
    ];
    const rows = [
      ...persons!.rows,
      ["Obs: lönerna räknas upp 3 % 2027"],
      [],
      ["Nyanställningar hösten 2026"],
      SALARY_HEADERS,
      person("Person D"),
    ];
    const { a, json } = await check([details!, { ...persons!, rows }, ...rest]);
    expect(codes(json)).toEqual(["SURCHARGE_MISSING@Uppgifter!"]);
    expect(
      a.computation.halfYears[1]!.lines[0]!.salaries!.map((c) => c.person.name),
    ).toEqual(["Person A", "Person B", "Person C", "Person D"]);
    // A Post a line has, and nothing else: a person to fill in, as before.
    const placeholder = await check([
      details!,
      { ...persons!, rows: [...persons!.rows, ["Hälsofrämjare"]] },
      ...rest,
    ]);
    expect(codes(placeholder.json)).toEqual([
      "SALARY_VALUE_MISSING@Lönekalkyl!C7",
      "SURCHARGE_MISSING@Uppgifter!",
    ]);
  });

  // The template's grade SUMIF of "1.1 Hälsofrämjare" matches no Post whole and shows 0 %: that
  // was the error PERCENT_NOT_POSITIVE ("correct it or remove the line") on a line costed on its
  // persons, and compute left the formula, so its own output had the error again.
  test("a salary line's grade SUMIF that shows 0 % beside its persons is a warning naming their grade, and compute writes it", async () => {
    const sumIf = (col: string) =>
      `SUMIF('Lönekalkyl'!$A$4:$A$6,B4,'Lönekalkyl'!$${col}$4:$${col}$6)`;
    const sheets = withGradeColumn(salaryWorkbook(), "1.1 Hälsofrämjare", {
      formula: sumIf("E"),
      result: 0,
    });
    const bytes = await buildXlsx(sheets);
    const { a, json } = await check(sheets);
    await expectPlainBudgets(a);
    const percent = json.findings.filter((f) => f.cell === "C4");
    expect(percent.map((f) => [f.code, f.severity, f.sheet])).toEqual([
      ["SALARY_CALC_PERCENT", "warning", "Budget 2026 H1"],
      ["SALARY_CALC_PERCENT", "warning", "Budget 2026 H2"],
    ]);
    expect(percent[0]!.message).toBe(
      "Tjänstgöringsgraden 0 % stämmer inte med personerna på posten i Lönekalkyl under halvåret, 275 % tillsammans: budgeten räknas på dem. Töm cellen, så skriver Beräkna deras grad.",
    );
    const { computeBytes } = await import("../helpers/compute");
    const computed = readXlsx(computeBytes(bytes));
    expect(
      computed.sheets
        .filter((s) => s.name.startsWith("Budget"))
        .map((s) => s.rows[3]![2]),
    ).toEqual([
      expect.objectContaining({ t: "n", v: 2.75 }),
      // Persons A and B leave at the end of June: the autumn's is Person C's 100 %.
      expect.objectContaining({ t: "n", v: 1 }),
    ]);
    expect(
      toCheckJson("x.xlsx", analyze(computed)).findings.map((f) => f.code),
    ).toEqual(["SURCHARGE_MISSING"]);
  });

  // The SUMIF of a label it matches, summing a person not costed yet (no salary), was left as it
  // was; the add-in's SUMIFS counts only those who cost something, so it gives the persons' grade
  // and follows that person once filled in.
  test("a grade SUMIF of an earlier version that counts a person not costed is written again as the SUMIFS of those who cost something", async () => {
    const sumIf = `SUMIF('Lönekalkyl'!$A$4:$A$7,B4,'Lönekalkyl'!$E$4:$E$7)`;
    const sheets = withGradeColumn(
      salaryWorkbook({
        extraPersons: [
          ["Hälsofrämjare", "Person F", 1990, null, pct(0.5), null, null],
        ],
      }),
      "Hälsofrämjare",
      { formula: sumIf, result: 3.25 },
    );
    const { computeBytes } = await import("../helpers/compute");
    const computed = readXlsx(computeBytes(await buildXlsx(sheets)));
    expect(
      computed.sheets
        .filter((s) => s.name.startsWith("Budget"))
        .map((s) => [s.rows[3]![2]?.f, s.rows[3]![2]?.v]),
    ).toEqual([
      [
        `SUMIFS('Lönekalkyl'!$E$4:$E$7,'Lönekalkyl'!$A$4:$A$7,B4,'Lönekalkyl'!$H$4:$H$7,">0")`,
        2.75,
      ],
      [
        `SUMIFS('Lönekalkyl'!$E$4:$E$7,'Lönekalkyl'!$A$4:$A$7,B4,'Lönekalkyl'!$I$4:$I$7,">0")`,
        1,
      ],
    ]);
  });

  // A typed % over the persons' said nothing: the budget was costed on 275 % while the tables and
  // the memo showed 300 % beside it (or 200 % where the line's SUMIF missed a person).
  test("a % typed beside the persons is a warning at it, the figures show the persons' 275 %, and compute keeps what was typed", async () => {
    const sheets = withGradeColumn(salaryWorkbook(), "Hälsofrämjare", pct(3));
    const { a, json } = await check(sheets);
    await expectPlainBudgets(a);
    const percent = json.findings.filter((f) => f.cell === "C4");
    expect(percent.map((f) => [f.code, f.sheet])).toEqual([
      ["SALARY_CALC_PERCENT", "Budget 2026 H1"],
      ["SALARY_CALC_PERCENT", "Budget 2026 H2"],
    ]);
    expect(percent[0]!.message).toBe(
      "Tjänstgöringsgraden 300 % stämmer inte med personerna på posten i Lönekalkyl under halvåret, 275 % tillsammans: budgeten räknas på dem. Töm cellen, så skriver Beräkna deras grad.",
    );
    expect(percent[1]!.message).toContain("under halvåret, 100 % tillsammans");
    expect(json.periods.map((h) => h.lines[0]!.servicePercent)).toEqual([
      275, 100,
    ]);
    // The budget table's is their staffing over the year: (275 × 6 + 100 × 6) / 12.
    expect(json.periodLines[0]!.lines[0]).toMatchObject({
      label: "Hälsofrämjare",
      servicePercent: 187.5,
      weighted: true,
    });
    const { computeBytes } = await import("../helpers/compute");
    const computed = readXlsx(computeBytes(await buildXlsx(sheets)));
    expect(
      computed.sheets
        .filter((s) => s.name.startsWith("Budget"))
        .map((s) => s.rows[3]![2]?.v),
    ).toEqual([3, 3]);
  });

  test("a line's SUMIF counts a person as Excel matches the texts: case aside, a space not, a number's text as itself", () => {
    const person = (post: string, postAsTyped?: string): Person => ({
      row: 4,
      post,
      ...(postAsTyped === undefined ? {} : { postAsTyped }),
      name: "A",
      birthYear: 1980,
      monthlySalary: null,
      gradeMicro: null,
      from: null,
      to: null,
      surchargePpm: null,
    });
    const line = { label: "Hälsofrämjare" };
    expect(countedBySumIf(line, person("hälsofrämjare"))).toBe(true);
    expect(
      countedBySumIf(line, person("Hälsofrämjare", "Hälsofrämjare ")),
    ).toBe(false);
    expect(countedBySumIf({ label: "2024" }, person("2024"))).toBe(true);
    expect(countedBySumIf({ label: "Hälso*" }, person("Hälsofrämjare"))).toBe(
      true,
    );
  });

  // Persons A and B leave at the end of June: 100 % in 2026-H2 is Person C's, theirs in the
  // half-year, and no mistake; 150 % is neither.
  test("a % typed as the persons' of the half-year alone is kept and says nothing; one that is neither theirs is a warning", async () => {
    const typedInH2 = (grade: CellSpec) =>
      withGradeColumn(salaryWorkbook(), "Hälsofrämjare", null).map((s) =>
        s.name === "Budget 2026 H2"
          ? {
              ...s,
              rows: s.rows.map((row, i) =>
                i === 3 ? [row[0]!, row[1]!, grade, row[3]!] : row,
              ),
            }
          : s,
      );
    const kept = await check(typedInH2(pct(1)));
    // Nothing: the persons' dates make the half-years' % differ, not a mistake.
    expect(
      kept.json.findings.filter((f) => f.cell === "C4").map((f) => f.code),
    ).toEqual([]);
    expect(kept.json.periods.map((h) => h.lines[0]!.servicePercent)).toEqual([
      275, 100,
    ]);
    const neither = await check(typedInH2(pct(1.5)));
    expect(
      neither.json.findings
        .filter((f) => f.cell === "C4" && f.severity !== "info")
        .map((f) => [f.code, f.sheet]),
    ).toEqual([["SALARY_CALC_PERCENT", "Budget 2026 H2"]]);
    expect(neither.json.periods.map((h) => h.lines[0]!.servicePercent)).toEqual(
      [275, 100],
    );
  });

  test.each([
    // A space after the Post, as typed or pasted: Excel's SUMIF does not count the person.
    [
      "Hälsofrämjare ",
      "Hälsofrämjare",
      'rad 6 i Lönekalkyl (Person C), vars post inte är skriven exakt som här ("Hälsofrämjare " mot "Hälsofrämjare"; ett mellanslag eller ett osynligt tecken före eller efter texten skiljer dem)',
    ],
    // A character not seen (a zero-width space pasted from the web) before the label's text.
    [
      "Hälsofrämjare",
      "\u200bHälsofrämjare",
      'rad 4, 5, 6 i Lönekalkyl (Person A, Person B, Person C), vars post inte är skriven exakt som här ("Hälsofrämjare" mot "Hälsofrämjare"; ett mellanslag eller ett osynligt tecken före eller efter texten skiljer dem)',
    ],
    [
      "Hälsofrämjare.",
      "Hälsofrämjare",
      'rad 6 i Lönekalkyl (Person C), vars post inte är skriven exakt som här ("Hälsofrämjare." mot "Hälsofrämjare"; mellanslag eller skiljetecken skiljer dem)',
    ],
    [
      "Hälsofrämjare",
      "1.1 Hälsofrämjare",
      'rad 4, 5, 6 i Lönekalkyl (Person A, Person B, Person C), vars post inte är skriven exakt som här ("Hälsofrämjare" mot "1.1 Hälsofrämjare")',
    ],
  ])(
    "a Post %j the line %j counts only as the engine matches it: said as the cause, and compute writes the figures the SUMIF cannot give",
    async (post, label, said) => {
      const sumIf = (col: string) =>
        `SUMIF('Lönekalkyl'!$A$4:$A$6,B4,'Lönekalkyl'!$${col}$4:$${col}$6)`;
      const base = salaryWorkbook({
        budget: { formula: sumIf("I"), result: 388_530 },
      });
      const sheets = withGradeColumn(
        base.map((s) =>
          s.name === "Lönekalkyl"
            ? {
                ...s,
                rows: s.rows.map((row, i) =>
                  i === 5 ? [post, ...row.slice(1)] : row,
                ),
              }
            : s,
        ),
        label,
        { formula: sumIf("E"), result: 1.75 },
      );
      const { a, json } = await check(sheets);
      const apart = json.findings.filter((f) => f.cell === "D4");
      expect(apart.map((f) => f.code)).toEqual([
        "SALARY_POST_SPELLED_APART",
        "SALARY_POST_SPELLED_APART",
      ]);
      expect(apart[0]!.message).toBe(
        typeset(
          `Formeln ger 388 530 kr, men personerna på posten i Lönekalkyl kostar 598 802 kr: formeln räknar inte med ${said}. 598 802 kr används. Skriv posten i Lönekalkyl exakt som här, så räknar formeln med personen; annars skriver Beräkna beloppet i stället för formeln.`,
        ),
      );
      expect(a.computation.halfYears[0]!.budget.direct / 100).toBe(698_802);
      // Persons A and B leave at the end of June: the autumn's is Person C's 100 %.
      expect(json.periods.map((h) => h.lines[0]!.servicePercent)).toEqual([
        275, 100,
      ]);
      // The SUMIF cannot count Person C: compute writes the figures, the % with the budget.
      const { computeBytes } = await import("../helpers/compute");
      const computed = readXlsx(computeBytes(await buildXlsx(sheets)));
      const h1 = computed.sheets.find((s) => s.name === "Budget 2026 H1")!;
      expect(h1.rows[3]![2]).toMatchObject({ t: "n", v: 2.75 });
      expect(h1.rows[3]![2]?.f).toBeUndefined();
      expect(h1.rows[3]![3]).toMatchObject({ t: "n", v: 598_802 });
      expect(h1.rows[3]![3]?.f).toBeUndefined();
    },
  );

  // A person's negative salary made a negative cost: the line's budget fell, and the only word was
  // that it "is outside 15 000–120 000 kr: an annual or hourly wage?".
  test.each([kr(-32000), 0])(
    "a monthly salary of %j is an error and the person is not counted",
    async (salary) => {
      const { a, json } = await check(typedAt("3,3", salary));
      expect(
        a.computation.halfYears[0]!.lines[0]!.salaries!.map(
          (c) => c.cost / 100,
        ),
      ).toEqual([136_204, 210_272]);
      expect(codes(json)).toEqual([
        "SALARY_NOT_POSITIVE@Lönekalkyl!D4",
        "SURCHARGE_MISSING@Uppgifter!",
      ]);
      expect(json.findings[0]!.message).toMatch(
        /^Månadslönen (−32\s000|0)\skr måste vara större än 0: personens lönekostnad räknas inte\./,
      );
    },
  );

  test("a line whose label differs from a Post but for its category is matched only on a salary line", async () => {
    const sheets = salaryWorkbook().map((s) =>
      s.name.startsWith("Budget")
        ? {
            ...s,
            rows: s.rows.map((row, i) =>
              i === 3 ? ["Verksamhet", "Lön: Hälsofrämjare", kr(1000)] : row,
            ),
          }
        : s,
    );
    const { json } = await check(sheets);
    expect(json.findings.map((f) => f.code)).toContain("SALARY_POST_UNKNOWN");
  });

  test("a line's own SUMIF short of many persons names the first ten rows and says there are more", async () => {
    const extra = Array.from({ length: 12 }, (_, i) => [
      "Hälsofrämjare",
      `Extra ${i + 1}`,
      1990,
      kr(30000),
      pct(1),
      null,
      null,
    ]);
    const { json } = await check(
      salaryWorkbook({
        budget: {
          formula: "SUMIF('Lönekalkyl'!$A$4:$A$4,B4,'Lönekalkyl'!$I$4:$I$4)",
          result: 1000,
        },
        extraPersons: extra,
      }),
    );
    const stale = json.findings.find(
      (f) => f.code === "SALARY_CALC_FORMULA_STALE",
    )!;
    expect(stale.cell).toBe("C4");
    expect(stale.message).toContain(
      "formeln räknar inte med rad 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, … i Lönekalkyl (Person B, Person C, Extra 1,",
    );
  });

  test("a person with a salary and no Post is said at the Post's cell (the cost counted on no line); a note or a Summa without a Post is not", async () => {
    const { json } = await check(
      salaryWorkbook({
        extraPersons: [
          ["", "Glömd post", 1990, kr(30000), pct(1), null, null],
          [
            "",
            "Obs: lönerna räknas upp 3 % 2027",
            null,
            null,
            null,
            null,
            null,
          ],
          ["", "Summa", null, kr(138000), null, null, null],
        ],
      }),
    );
    expect(
      json.findings
        .filter((f) => f.code === "SALARY_POST_MISSING")
        .map((f) => `${f.cell} ${f.message}`),
    ).toEqual([
      'A7 "Glömd post" har en lön men ingen post, så kostnaden räknas inte in på någon rad. Skriv posten, som lönens rad heter på halvårsbladen.',
    ]);
  });

  test("a sheet of persons named otherwise ('Lönebudget') is Lönekalkyl, and says so; one named Lönekalkyl wins over a copy", async () => {
    const renamed = salaryWorkbook().map((s) =>
      s.name === "Lönekalkyl" ? { ...s, name: "Lönebudget" } : s,
    );
    const { a, json } = await check(renamed);
    expect(a.computation.halfYears[0]!.lines[0]!.effectiveBudget / 100).toBe(
      598_802,
    );
    expect(codes(json)).toEqual([
      "SALARIES_FROM_SHEET@Lönebudget!",
      "SURCHARGE_MISSING@Uppgifter!",
    ]);
    // A copy before the original, with other salaries: the original counts.
    const [details, persons, ...rest] = salaryWorkbook();
    const copy = {
      ...persons!,
      name: "Lönekalkyl (2)",
      rows: persons!.rows.map((row, i) =>
        i === 3 ? row.map((c, j) => (j === 3 ? kr(99000) : c)) : row,
      ),
    };
    const both = await check([details!, copy, persons!, ...rest]);
    expect(
      both.a.computation.halfYears[0]!.lines[0]!.effectiveBudget / 100,
    ).toBe(598_802);
    expect(codes(both.json)).toEqual(["SURCHARGE_MISSING@Uppgifter!"]);
  });

  // They said "rad 4 i Lönekalkyl" and "rätta Lönekalkyl", a sheet the workbook does not have.
  test("messages pointing to the persons name the sheet they are read from", async () => {
    const renamed = salaryWorkbook({ budget: kr(500000) }).map((s) =>
      s.name === "Lönekalkyl" ? { ...s, name: "Löner 2026" } : s,
    );
    const { json } = await check(renamed);
    const message = (code: string) =>
      json.findings.find((f) => f.code === code)?.message ?? "";
    expect(message("SALARY_CALC_BUDGET")).toContain(
      'så skriver Beräkna lönekalkylens belopp där, eller rätta "Löner 2026".',
    );
    expect(message("SURCHARGE_MISSING")).toContain(
      '(eller per person i "Löner 2026")',
    );
    expect(JSON.stringify(json.findings)).not.toMatch(/i Lönekalkyl\b/);
  });

  /** The workbook with Lönekalkyl's headers as given. */
  const headed = (headers: readonly CellSpec[]) => {
    const [details, persons, ...rest] = salaryWorkbook();
    const rows = persons!.rows.map((row, i) => (i === 2 ? [...headers] : row));
    return check([details!, { ...persons!, rows }, ...rest]);
  };

  // Each was no header row: no person read, and the line had no budget (100 000 kr for 598 802).
  test.each([
    ["Tjänst", "Namn", "Född år", "Lön/mån", "Tjg %", "Fr.o.m.", "T.o.m."],
    [
      "Post",
      "Namn",
      "Födelsedatum",
      "Grundlön",
      "Tjänst %",
      "Startdatum",
      "Slutdatum",
    ],
    [
      "Post",
      "Namn",
      "Personnummer",
      "Lön",
      "Omfattning",
      "Anställningsstart",
      "Anställningsslut",
    ],
    [
      "Budgetpost",
      "Namn",
      "Födelseår",
      "Heltidslön",
      "Tjänstgöringsgrad",
      "Från",
      "Till",
    ],
    [
      "Post",
      "Namn",
      "Födelseår",
      "Månadslön vid heltid",
      "Sysselsättningsgrad",
      "Från",
      "Till",
    ],
  ])("headers as people write them: %j …", async (...headers) => {
    const { a, json } = await headed(headers);
    expect(a.computation.halfYears[0]!.lines[0]!.effectiveBudget / 100).toBe(
      598_802,
    );
    expect(codes(json)).toEqual(["SURCHARGE_MISSING@Uppgifter!"]);
  });

  test("a Lönekalkyl whose headers are not read says so at its first row of headers", async () => {
    const { a, json } = await headed(["Roll", "Vem", "År", "Lönen", "Grad"]);
    expect(a.computation.halfYears[0]!.lines[0]!.effectiveBudget).toBe(0);
    expect(codes(json)).toContain("SALARY_HEADER_MISSING@Lönekalkyl!A3");
    const f = json.findings.find((x) => x.code === "SALARY_HEADER_MISSING")!;
    expect(f.severity).toBe("warning");
    expect(f.message).toBe(
      'Bladet har ingen rubrikrad med "Post" och "Månadslön", så ingen person läses och lönernas budget räknas inte härifrån. Rubriker: "Roll", "Vem", "År", "Lönen", "Grad". Ge kolumnerna rubrikerna "Post", "Namn", "Födelseår", "Månadslön" och "Tjänstgöringsgrad".',
    );
  });

  test("an empty Lönekalkyl says nothing of its headers", async () => {
    const [details, , ...rest] = salaryWorkbook();
    const { json } = await check([
      details!,
      { name: "Lönekalkyl", rows: [["Lönekalkyl"]] },
      ...rest,
    ]);
    expect(codes(json)).not.toContain("SALARY_HEADER_MISSING@Lönekalkyl!A1");
    expect(json.findings.map((f) => f.code)).not.toContain(
      "SALARY_HEADER_MISSING",
    );
  });

  test("Pålägg from Uppgifter, and per person where the row has its own", async () => {
    const { a, json } = await check(salaryWorkbook({ surcharge: pct(0.06) }));
    expect(a.workbook.agreement.surchargePpm).toBe(60_000);
    expect(a.computation.halfYears[0]!.lines[0]!.salaries![0]!.cost / 100).toBe(
      Math.round(6 * 32_000 * 1.3742),
    );
    expect(codes(json)).toEqual([]);
  });

  test("findings at their cells: birth year, salary range, dates, a post no line has, a typed budget that differs", async () => {
    const { json } = await check(
      salaryWorkbook({
        budget: kr(500000),
        extraPersons: [
          ["Hälsofrämjare", "Årslön", 1990, kr(420000), pct(1), null, null],
          ["Hälsofrämjare", "Fel år", 85, kr(30000), pct(1), null, null],
          ["Samordnare", "Ingen post", 1990, kr(30000), pct(0.5), null, null],
          [
            "Hälsofrämjare",
            "Före avtalet",
            1990,
            kr(30000),
            pct(0.5),
            date("2025-10-01"),
            null,
          ],
          [
            "Hälsofrämjare",
            "Baklänges",
            1990,
            kr(30000),
            pct(0.5),
            date("2026-05-01"),
            date("2026-02-01"),
          ],
          ["Hälsofrämjare", "Saknar lön", 1990, null, pct(0.5), null, null],
        ],
      }),
    );
    expect(codes(json)).toEqual([
      "SALARY_BIRTH_YEAR@Lönekalkyl!C8",
      "SALARY_DATES_REVERSED@Lönekalkyl!F11",
      "SALARY_VALUE_MISSING@Lönekalkyl!D12",
      "SALARY_CALC_BUDGET@Budget 2026 H1!C4",
      "SALARY_CALC_BUDGET@Budget 2026 H2!C4",
      "SALARY_MONTHLY_RANGE@Lönekalkyl!D7",
      "SALARY_DATE_OUTSIDE_AGREEMENT@Lönekalkyl!F10",
      "SALARY_POST_UNKNOWN@Lönekalkyl!A9",
      "SURCHARGE_MISSING@Uppgifter!",
    ]);
    const missing = json.findings.find(
      (f) => f.code === "SALARY_VALUE_MISSING",
    )!;
    expect(missing.message).toBe(
      "Saknar lön på rad 12 saknar månadslön: personens lönekostnad kan inte räknas. Fyll i cellen.",
    );
  });

  // Read as a person: the post "Summa" unknown, its birth year missing, its salary out of range.
  test.each(["Summa", "Totalt", "S:a", "Summa lönekostnader"])(
    "a row %j under the persons sums them: no person, nothing said",
    async (label) => {
      const { a, json } = await check(
        salaryWorkbook({
          extraPersons: [[label, null, null, kr(80000), pct(2.75)]],
        }),
      );
      const plain = await check(salaryWorkbook());
      expect(a.computation.halfYears.map((h) => h.budget)).toEqual(
        plain.a.computation.halfYears.map((h) => h.budget),
      );
      expect(codes(json)).toEqual(["SURCHARGE_MISSING@Uppgifter!"]);
    },
  );

  /** The workbook with one more Hälsofrämjare of this name and grade, on row 7. */
  const withPerson = (name: string, grade: CellSpec) =>
    salaryWorkbook({
      extraPersons: [
        ["Hälsofrämjare", name, 1990, kr(30000), grade, null, null],
      ],
    });

  // "Tjänstgöringsgraden 150 % måste vara större än 0": the finding contradicted itself.
  test.each([pct(1.5), 150] as CellSpec[])(
    "a person's grade over full time (%j) is said as that, at its cell",
    async (grade) => {
      const { json } = await check(withPerson("Dubbel", grade));
      const f = json.findings.find((x) => x.cell === "E7");
      expect(f).toMatchObject({
        code: "PERSON_PERCENT_ABOVE_FULL",
        severity: "error",
        sheet: "Lönekalkyl",
        message:
          "Tjänstgöringsgraden 150 % är mer än heltid, och Lönekalkyl har en rad per person: en person arbetar högst 100 %. Skriv personens grad, och en rad för var och en om posten har flera.",
      });
    },
  );

  test("a person's grade in posts ('0,75 tjänst') is that share of full time; '2 tjänster' is over it", async () => {
    const person = (grade: CellSpec) => withPerson("Ord", grade);
    const words = await check(person("0,75 tjänst"));
    const number = await check(person(pct(0.75)));
    expect(words.a.computation.halfYears.map((h) => h.budget)).toEqual(
      number.a.computation.halfYears.map((h) => h.budget),
    );
    expect(codes(words.json)).toEqual(codes(number.json));
    const two = await check(person("2 tjänster"));
    expect(codes(two.json)).toContain(
      "PERSON_PERCENT_ABOVE_FULL@Lönekalkyl!E7",
    );
  });

  // A row copied and not renamed counted the person twice: 200 % of one person, nothing said.
  test("one name on rows of overlapping dates, over full time together, is a warning at the later row", async () => {
    const { json } = await check(
      salaryWorkbook({
        extraPersons: [
          [
            "Hälsofrämjare",
            "Person A",
            1980,
            kr(32000),
            pct(1),
            date("2026-03-01"),
            null,
          ],
        ],
      }),
    );
    const f = json.findings.find((x) => x.code === "SALARY_PERSON_TWICE");
    expect(f).toMatchObject({
      severity: "warning",
      sheet: "Lönekalkyl",
      cell: "B7",
      message:
        '"Person A" står på rad 4, 7 under samma tid, tillsammans 200 %: en person arbetar högst 100 %. Är det samma person, ta bort en av raderna eller ge dem var sina datum (Från, Till); är det flera personer, ge dem var sitt namn.',
    });
  });

  test.each([
    [
      "a raise from July",
      [
        "Hälsofrämjare",
        "Person A",
        1980,
        kr(33000),
        pct(1),
        date("2026-07-01"),
        null,
      ],
    ],
    [
      "a quarter on another post, within full time",
      [
        "Samordnare",
        "Person B",
        2005,
        kr(24000),
        pct(0.25),
        date("2026-01-01"),
        date("2026-06-30"),
      ],
    ],
  ] as [string, CellSpec[]][])(
    "%s says nothing of a person twice",
    async (_, row) => {
      const { json } = await check(salaryWorkbook({ extraPersons: [row] }));
      expect(codes(json).join(" ")).not.toContain("SALARY_PERSON_TWICE");
    },
  );

  test("a line with persons and a typed monthly cost that disagrees is a warning at the cost", async () => {
    const sheets = salaryWorkbook();
    const withCost = sheets.map((s) =>
      s.name === "Budget 2026 H1"
        ? {
            ...s,
            rows: [
              s.rows[0]!,
              [],
              [
                "Kostnadsslag",
                "Post",
                "Tjänstgöringsgrad",
                "Antal månader",
                "Månadskostnad",
                "Budget",
              ],
              ["Lön", "Hälsofrämjare", pct(2.75), 6, kr(45000), null],
              [
                "Verksamhet",
                "Verksamhetskostnader",
                null,
                null,
                null,
                kr(100000),
              ],
              ["OH", "OH-kostnader", null, null, null, null],
            ],
          }
        : s,
    );
    const { a, json } = await check(withCost);
    expect(codes(json)).toContain("SALARY_CALC_MISMATCH@Budget 2026 H1!E4");
    expect(a.computation.halfYears[0]!.lines[0]!.effectiveBudget / 100).toBe(
      598_802,
    );
  });
});

describe("Lönekalkyl written", () => {
  // A post to fill ("Vakant") has no birth year: it was the error SALARY_VALUE_MISSING and the
  // post's cost was left out (the template's formula counted no contributions at all) until a year
  // was made up. The general rate is counted, said as information; compute's formula agrees.
  test("a person without a birth year is costed at the general rate, said; LibreOffice's recalculation of compute's formula agrees", async () => {
    const { computeBytes } = await import("../helpers/compute");
    const { recalculateWithLibreOffice } =
      await import("../helpers/libreoffice");
    const vakant: CellSpec[] = [
      "Hälsofrämjare",
      "Vakant",
      null,
      kr(32000),
      pct(1),
      date("2026-01-01"),
      date("2026-06-30"),
    ];
    const sheets = salaryWorkbook({
      surcharge: pct(0.06),
      extraPersons: [vakant],
    });
    const { a, json } = await check(sheets);
    const costs = a.computation.halfYears[0]!.lines[0]!.salaries!;
    // Person A: born 1980, 32 000 kr, the same months: the general rate too.
    expect(costs[3]!.cost).toBe(costs[0]!.cost);
    expect(costs[3]!.months.map((m) => m.rule)).toEqual(
      Array(6).fill("general"),
    );
    expect(codes(json)).toEqual(["SALARY_BIRTH_YEAR_OPEN@Lönekalkyl!C7"]);
    expect(json.findings[0]!.message).toBe(
      "Vakant på rad 7 har inget födelseår: full arbetsgivaravgift (31,42 %) räknas varje månad. Fyll i året när det är känt, om avgiften är lägre för personens ålder.",
    );
    const computed = computeBytes(await buildXlsx(sheets));
    const cost = readXlsx(computed).sheets.find((s) => s.name === "Lönekalkyl")!
      .rows[6]![7]!;
    expect(cost.f).toContain('IF($C7="",');
    const recalculated = readXlsx(
      recalculateWithLibreOffice(computed, "vakant.xlsx"),
    );
    expect(
      recalculated.sheets.find((s) => s.name === "Lönekalkyl")!.rows[6]![7]!.v,
    ).toBe(costs[3]!.cost / 100);
    expect(analyze(recalculated).computation.grantTotal).toBe(
      a.computation.grantTotal,
    );
  });

  test("live formulas: each person's cost per half-year, the line's SUMIF, the rate table; LibreOffice's recalculation agrees, and a second compute changes nothing", async () => {
    const { computeBytes } = await import("../helpers/compute");
    const { recalculateWithLibreOffice } =
      await import("../helpers/libreoffice");
    const input = await buildXlsx(salaryWorkbook({ surcharge: pct(0.06) }));
    const computed = computeBytes(input);
    const grids = readXlsx(computed);
    const sheet = (name: string) => grids.sheets.find((s) => s.name === name)!;
    expect(
      sheet("Lönekalkyl")
        .rows[2]!.slice(7)
        .map((c) => c?.v),
    ).toEqual(["Kostnad 2026-H1", "Kostnad 2026-H2"]);
    const h1Line = sheet("Budget 2026 H1").rows[3]![2]!;
    expect(h1Line.f).toBe(
      "SUMIF('Lönekalkyl'!$A$4:$A$6,B4,'Lönekalkyl'!$H$4:$H$6)",
    );
    expect(sheet("Lönekalkyl").rows[3]![7]!.f).toContain(
      "'Avgiftssatser'!$B$4",
    );
    expect(sheet("Avgiftssatser").rows[3]![1]).toMatchObject({
      t: "n",
      v: 0.3142,
    });
    const engine = analyze(readXlsx(input));
    const costs = (h: number) =>
      engine.computation.halfYears[h]!.lines[0]!.salaries!.map(
        (c) => c.cost / 100,
      );
    expect(
      sheet("Lönekalkyl")
        .rows.slice(3, 6)
        .map((r) => [r![7]!.v, r![8]!.v]),
    ).toEqual(costs(0).map((c, i) => [c, costs(1)[i]]));

    const recalculated = readXlsx(
      recalculateWithLibreOffice(computed, "lonekalkyl.xlsx"),
    );
    const calc = (name: string) =>
      recalculated.sheets.find((s) => s.name === name)!;
    expect(
      calc("Lönekalkyl")
        .rows.slice(3, 6)
        .map((r) => [r![7]!.v, r![8]!.v]),
    ).toEqual(costs(0).map((c, i) => [c, costs(1)[i]]));
    expect(calc("Budget 2026 H1").rows[3]![2]!.v).toBe(
      engine.computation.halfYears[0]!.lines[0]!.effectiveBudget / 100,
    );
    // The figures read back from LibreOffice's file are the engine's.
    expect(analyze(recalculated).computation.grantTotal).toBe(
      engine.computation.grantTotal,
    );
    // Running again gives the same cells.
    const again = readXlsx(computeBytes(computed));
    expect(again.sheets.find((s) => s.name === "Lönekalkyl")!.rows).toEqual(
      sheet("Lönekalkyl").rows,
    );
  });

  test("the issue's example without Pålägg: 598 802 kr for 2026-H1 in the engine and in LibreOffice", async () => {
    const { computeBytes } = await import("../helpers/compute");
    const { recalculateWithLibreOffice } =
      await import("../helpers/libreoffice");
    const recalculated = readXlsx(
      recalculateWithLibreOffice(
        computeBytes(await buildXlsx(salaryWorkbook())),
        "exempel.xlsx",
      ),
    );
    const line = recalculated.sheets.find((s) => s.name === "Budget 2026 H1")!
      .rows[3]!;
    expect(line[2]!.v).toBe(598_802);
    expect(
      recalculated.sheets
        .find((s) => s.name === "Lönekalkyl")!
        .rows.slice(3, 6)
        .map((r) => r![7]!.v),
    ).toEqual([252_326, 136_204, 210_272]);
  });
});

describe("Avgiftssatser changed by hand", () => {
  test("a changed rate is said at its cell, the law's rate is used, and compute writes the table back", async () => {
    const { computeBytes } = await import("../helpers/compute");
    const computed = readXlsx(
      computeBytes(await buildXlsx(salaryWorkbook({ surcharge: pct(0.06) }))),
    );
    const changed = {
      sheets: computed.sheets.map((g) =>
        g.name !== "Avgiftssatser"
          ? g
          : {
              ...g,
              rows: g.rows.map((row, r) =>
                r === 3
                  ? [row![0], { t: "n" as const, v: 0.35, fmt: "0%" }]
                  : row,
              ),
            },
      ),
    };
    const before = analyze(computed);
    const after = analyze(changed);
    expect(before.findings.map((f) => f.code)).not.toContain(
      "RATE_TABLE_CHANGED",
    );
    const found = after.findings.filter((f) => f.code === "RATE_TABLE_CHANGED");
    expect(found.map((f) => `${f.sheet}!${f.cell}`)).toEqual([
      "Avgiftssatser!B4",
    ]);
    expect(renderFinding(found[0]!, "sv").message).toBe(
      'Avgiftssatsen "Arbetsgivaravgifter, fulla" är ändrad till 35 %; lagens värde är 31,42 %. Beräkningen använder lagens värde, och Beräkna skriver tillbaka tabellen.',
    );
    // The law's rate is used: the figures are those of the unchanged table.
    expect(after.computation.halfYears.map((h) => h.budget.total)).toEqual(
      before.computation.halfYears.map((h) => h.budget.total),
    );
    const rates = planWrite(changed, after, STAMP).creates.find(
      (c) => c.sheet === "Avgiftssatser",
    )!;
    expect(rates.replaces).toBe(true);
    expect(rates.cells.find((c) => c.row === 3 && c.col === 1)?.value).toEqual({
      kind: "number",
      value: 0.3142,
    });
  });

  test('a rate emptied or typed as text is said as such, never as "– %"', async () => {
    const { computeBytes } = await import("../helpers/compute");
    const computed = readXlsx(
      computeBytes(await buildXlsx(salaryWorkbook({ surcharge: pct(0.06) }))),
    );
    const withRates = (b4: Cell | undefined, b7: Cell | undefined) => ({
      sheets: computed.sheets.map((g) =>
        g.name !== "Avgiftssatser"
          ? g
          : {
              ...g,
              rows: g.rows.map((row, r) =>
                r === 3 ? [row![0], b4] : r === 6 ? [row![0], b7] : row,
              ),
            },
      ),
    });
    const messages = (lang: "sv" | "en") =>
      analyze(withRates(undefined, { t: "s", v: "ca 25 000" }))
        .findings.filter((f) => f.code === "RATE_TABLE_CHANGED")
        .map((f) => renderFinding(f, lang).message);
    expect(messages("sv")).toEqual([
      'Avgiftssatsen "Arbetsgivaravgifter, fulla" är tömd; lagens värde är 31,42 %. Beräkningen använder lagens värde, och Beräkna skriver tillbaka tabellen.',
      // The person's text as typed; the law's amount as amounts are written.
      `Avgiftssatsen "… på lön upp till (kr per månad)" är ändrad till "ca 25 000"; lagens värde är ${typeset("25 000 kr")}. Beräkningen använder lagens värde, och Beräkna skriver tillbaka tabellen.`,
    ]);
    expect(messages("en")[0]).toBe(
      "The rate \"Arbetsgivaravgifter, fulla\" has been emptied; the law's value is 31.42 %. The figures use the law's value, and Compute writes the table back.",
    );
  });

  test("a person's own sheet called Avgiftssatser is theirs: nothing is said of it", async () => {
    const grids = readXlsx(
      await buildXlsx([
        ...salaryWorkbook({ surcharge: pct(0.06) }),
        { name: "Avgiftssatser", rows: [["Mina satser"], [], [], ["A", 0.5]] },
      ]),
    );
    expect(analyze(grids).findings.map((f) => f.code)).not.toContain(
      "RATE_TABLE_CHANGED",
    );
  });
});
