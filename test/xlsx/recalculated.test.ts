// One truth between the engine and the spreadsheet: every formula compute writes, worked out again
// by LibreOffice Calc, gives the value compute cached for it (the engine's figure, to the öre), on
// random workbooks and on the cases such a sample once found. A sample rather than a shrinking
// property: one Calc recalculates them all at once.

import fc from "fast-check";
import { type WorkbookGrids, analyze } from "../../src/core";
import { WorkbookFileError, readXlsx } from "../../src/xlsx/read";
import {
  anyWorkbook,
  formulaWorkbook,
  valuesOnly,
} from "../helpers/arbitraries";
import { computeBytes } from "../helpers/compute";
import {
  disagreements,
  displayedAllWithLibreOffice,
  recalculateAllWithLibreOffice,
} from "../helpers/libreoffice";
import {
  detailsSheet,
  reportHalfYearSheet,
  reportWorkbook,
  salaryWorkbook,
} from "../helpers/seed";
import {
  type CellSpec,
  type SheetSpec,
  buildXlsx,
  date,
  kr,
  pct,
  xlsxOf,
} from "../helpers/workbook";

const formulas = (g: WorkbookGrids) =>
  g.sheets.reduce(
    (n, s) =>
      n +
      s.rows.reduce((m, row) => m + (row?.filter((c) => c?.f).length ?? 0), 0),
    0,
  );

/** An amount as Calc shows it in en-US: "-1,777,664.50 kr", or without "kr" (#,##0). */
const SHOWN_AMOUNT = /^(-?[\d,]+(?:\.\d+)?)(?: kr)?$/;
/** A percent as Calc shows it in en-US: "31.42%". */
const SHOWN_PERCENT = /^(-?[\d,]+(?:\.\d+)?)%$/;
const numberOf = (text: string) => Number(text.replaceAll(",", ""));

/**
 * Every number compute wrote that a spreadsheet shows as other than its value (Calc's text of the
 * cell through its number format): all of `Beslut`, and elsewhere the cells the input had empty
 * (a person's own cell keeps the person's format). An amount must show its öre (147 336 kr where
 * the value and the decision's text say 147 335,50 was the defect), a percent its decimals
 * (31 % for the law's 31,42 %).
 */
function roundedAway(
  mine: WorkbookGrids,
  shown: ReadonlyMap<string, string[][]>,
  input: WorkbookGrids | null,
): { at: string; value: unknown; shown: string }[] {
  const out = [];
  for (const sheet of mine.sheets) {
    const own = sheet.name.startsWith("Beslut");
    const before = input?.sheets.find((g) => g.name === sheet.name);
    const rows = shown.get(sheet.name) ?? [];
    for (let r = 0; r < rows.length; r++)
      for (let c = 0; c < rows[r]!.length; c++) {
        const text = rows[r]![c]!;
        const value = sheet.rows[r]?.[c]?.v;
        if (typeof value !== "number") continue;
        if (!own && before?.rows[r]?.[c] !== undefined) continue;
        const percent = SHOWN_PERCENT.exec(text);
        const amount = SHOWN_AMOUNT.exec(text);
        const wrong = percent
          ? Math.abs(numberOf(percent[1]!) - value * 100) > 1e-6
          : amount
            ? Math.abs(numberOf(amount[1]!) - value) > 0.005 + 1e-9
            : false;
        if (wrong)
          out.push({
            at: `${sheet.name}!R${r + 1}C${c + 1}`,
            value,
            shown: text,
          });
      }
  }
  return out;
}

/**
 * The sheets written, computed and recalculated by LibreOffice: every formula compute wrote gives
 * what compute cached for it. The computed workbook, as read back.
 */
async function computedAgreeing(sheets: SheetSpec[]): Promise<WorkbookGrids> {
  const out = computeBytes(await buildXlsx(sheets));
  const [calculated] = recalculateAllWithLibreOffice([out]);
  const mine = readXlsx(out);
  expect(disagreements(mine, readXlsx(calculated!))).toEqual([]);
  return mine;
}

test("every formula compute writes gives, recalculated by LibreOffice, the figure compute cached (a sample of random workbooks)", async () => {
  const books = [
    ...fc.sample(formulaWorkbook.map(valuesOnly), {
      numRuns: 40,
      seed: 20261204,
    }),
    // Sheets of any shape too (their merged areas are random, overlapping: not Excel's).
    ...fc.sample(
      anyWorkbook.map((w) => valuesOnly(w.map((g) => ({ ...g, merges: [] })))),
      { numRuns: 30, seed: 20261205 },
    ),
  ];
  const computed: { sheets: string; input: Uint8Array; out: Uint8Array }[] = [];
  for (const sheets of books) {
    let bytes;
    try {
      bytes = await xlsxOf(sheets);
    } catch {
      // Two sheets of one name, or a name Excel refuses: ExcelJS writes no such workbook.
      continue;
    }
    try {
      computed.push({
        sheets: JSON.stringify(sheets),
        input: bytes,
        out: computeBytes(bytes),
      });
    } catch (e) {
      // What ExcelJS wrote and cannot be read is not this test's concern.
      if (!(e instanceof WorkbookFileError)) throw e;
    }
  }
  const recalculated = recalculateAllWithLibreOffice(
    computed.map((c) => c.out),
  );
  let compared = 0;
  computed.forEach(({ sheets, out }, i) => {
    const mine = readXlsx(out);
    // The workbook goes with what failed, to run again by hand.
    expect({
      sheets,
      wrong: disagreements(mine, readXlsx(recalculated[i]!)),
    }).toEqual({
      sheets,
      wrong: [],
    });
    compared += formulas(mine);
  });
  expect(computed.length).toBeGreaterThan(50);
  expect(compared).toBeGreaterThan(1000);
  // And what a spreadsheet shows of the numbers compute wrote is their values.
  const shown = displayedAllWithLibreOffice(computed.map((c) => c.out));
  let numbers = 0;
  computed.forEach(({ sheets, input, out }, i) => {
    expect({
      sheets,
      wrong: roundedAway(readXlsx(out), shown[i]!, readXlsx(input)),
    }).toEqual({ sheets, wrong: [] });
    numbers += [...shown[i]!.values()]
      .flat(2)
      .filter((t) => SHOWN_AMOUNT.test(t) || SHOWN_PERCENT.test(t)).length;
  });
  expect(numbers).toBeGreaterThan(1000);
}, 400_000);

describe("what such a sample found, each agreeing now", () => {
  // A line without an actual: the year's difference is its budget less its actual, not the sum of
  // the lines' differences (that line has none).
  const withoutActual: SheetSpec[] = [
    detailsSheet({ start: "2025-01-01", end: "2025-06-30" }),
    {
      name: "Utfall 2025 H1",
      rows: [
        ["Post", "Budget", "Utfall"],
        ["Verksamhet", kr(1000), kr(800)],
        ["Lokal", kr(500), null],
      ],
    },
  ];
  // A proposal without lines: its total is not a SUM over no rows, which would take in itself.
  const noLines: SheetSpec[] = [
    detailsSheet({ start: "2026-01-01", end: "2026-06-30" }),
    {
      name: "Budget 2026 H1",
      rows: [
        ["Post", "Budget"],
        ["Lönekostnader: Samordnare", null],
      ],
    },
  ];
  // TRUE in a budget cell: Excel's SUM skips it in a range, Calc's adds 1; the sums are figures.
  const logical: SheetSpec[] = [
    detailsSheet({ start: "2026-01-01", end: "2026-06-30" }),
    {
      name: "Budget 2026 H1",
      rows: [
        ["Post", "Budget"],
        ["Verksamhet", kr(1000)],
        ["Lokal", true],
      ],
    },
  ];
  // A cost a person typed in Lönekalkyl is kept, and the line's SUMIF would add it: the budget is
  // written as the engine's figure instead.
  const typedCost = salaryWorkbook();
  const calc = typedCost[1]!;
  const typedCostBook: SheetSpec[] = [
    typedCost[0]!,
    {
      ...calc,
      rows: calc.rows.map((row, r) =>
        r === 2
          ? [...row, "Kostnad 2026-H1"]
          : r === 3
            ? [...row, kr(100000)]
            : row,
      ),
    },
    ...typedCost.slice(2),
  ];
  // The youth reduction's age limit: turned 22 at the start of 2026 (born 2003) pays 20,81 % from
  // April; turned 23 (born 2002) pays the full rate, in the engine and in the formula.
  const young = salaryWorkbook({
    extraPersons: [
      [
        "Hälsofrämjare",
        "Person D",
        2002,
        kr(20000),
        pct(1),
        date("2026-01-01"),
        date("2026-06-30"),
      ],
      [
        "Hälsofrämjare",
        "Person E",
        2003,
        kr(20000),
        pct(1),
        date("2026-01-01"),
        date("2026-06-30"),
      ],
    ],
  });

  // A person without a salary (a finding; their cost is not counted) on the line's Post: a SUMIF
  // over the grades would add their share too; the SUMIFS of those who cost something does not.
  const incomplete = salaryWorkbook({
    extraPersons: [
      // No salary: not counted (an empty birth year alone is a post to fill, costed).
      ["Hälsofrämjare", "Person F", 1990, null, pct(0.5), null, null],
    ],
  }).map((sheet) =>
    sheet.name === "Budget 2026 H1"
      ? {
          ...sheet,
          rows: sheet.rows.map((row, r) =>
            r < 2
              ? row
              : [
                  ...row.slice(0, 2),
                  r === 2 ? "Tjänstgöringsgrad" : null,
                  ...row.slice(2),
                ],
          ),
        }
      : sheet,
  );

  test("a difference of sums, a total over no lines, TRUE in a range, a typed cost, the youth limit and a person not counted", async () => {
    const books = [
      withoutActual,
      noLines,
      logical,
      typedCostBook,
      young,
      incomplete,
    ];
    const inputs = await Promise.all(books.map((b) => buildXlsx(b)));
    const outs = inputs.map((b) => computeBytes(b));
    const calculated = recalculateAllWithLibreOffice(outs).map((b) =>
      readXlsx(b),
    );
    const mine = outs.map((b) => readXlsx(b));
    mine.forEach((m, i) =>
      expect(disagreements(m, calculated[i]!)).toEqual([]),
    );
    const cell = (g: WorkbookGrids, sheet: string, a1: [number, number]) =>
      g.sheets.find((s) => s.name === sheet)?.rows[a1[0]]?.[a1[1]];
    /** The first row labelled so, at or below `from`. */
    const rowOf = (g: WorkbookGrids, sheet: string, label: string, from = 0) =>
      g.sheets
        .find((s) => s.name === sheet)!
        .rows.findIndex((r, i) => i >= from && r?.[0]?.v === label);

    // 1: Summa of "Ekonomisk redovisning för 2025": 1 650 kr (OH's 10 % included) − 800 = 850 kr,
    // as B−C (the lines' differences add up to 200).
    const sum = rowOf(
      mine[0]!,
      "Beslut",
      "Summa",
      rowOf(mine[0]!, "Beslut", "Ekonomisk redovisning för 2025"),
    );
    const diff = cell(mine[0]!, "Beslut", [sum, 3]);
    const [budget, actual] = [1, 2].map(
      (c) => cell(mine[0]!, "Beslut", [sum, c])?.v,
    );
    expect([diff?.f, budget, actual, diff?.v]).toEqual([
      `B${sum + 1}-C${sum + 1}`,
      1650,
      800,
      850,
    ]);
    // 2: the proposal's Totalt is the figure 0, not SUM(D17:D16).
    const total = cell(mine[1]!, "Beslut", [
      rowOf(mine[1]!, "Beslut", "Totalt"),
      3,
    ]);
    expect([total?.f, total?.v]).toEqual([undefined, 0]);
    // 3: no formula sums the TRUE: every SUM over the budgets was written as a figure.
    const sums = mine[2]!.sheets
      .flatMap((s) => s.rows.flatMap((r) => r ?? []))
      .filter((c) => c?.f?.includes("'Budget 2026 H1'!B2:B3"));
    expect(sums).toEqual([]);
    // 4: the line's budget is the engine's 598 802 kr, a figure, not the SUMIF (which gives more).
    const line = cell(mine[3]!, "Budget 2026 H1", [3, 2]);
    expect([line?.f, line?.v]).toEqual([undefined, 598_802]);
    expect(cell(mine[3]!, "Lönekalkyl", [3, 7])?.v).toBe(100_000);
    // 5: Person D (born 2002) the full 31,42 % every month; Person E less from April.
    const engine = analyze(readXlsx(inputs[4]!));
    const [d, e] =
      engine.computation.halfYears[0]!.lines[0]!.salaries!.slice(3);
    expect(d!.months.map((m) => m.rule)).toEqual(Array(6).fill("general"));
    expect(e!.months.map((m) => m.rule).slice(3)).toEqual(
      Array(3).fill("youth"),
    );
    expect(cell(calculated[4]!, "Lönekalkyl", [6, 7])?.v).toBe(d!.cost / 100);
    expect(cell(calculated[4]!, "Lönekalkyl", [7, 7])?.v).toBe(e!.cost / 100);
    // 6: the line's budget is the SUMIF (Person F's cost cell is empty), its % the SUMIFS of those
    // who cost something: 275 %, where every grade (Person F's too) is 325 %; LibreOffice agrees.
    const h1 = mine[5]!.sheets.find((g) => g.name === "Budget 2026 H1")!;
    expect(h1.rows[2]?.[2]?.v).toBe("Tjänstgöringsgrad");
    expect(h1.rows[3]?.[3]?.f).toMatch(/^SUMIF\(/);
    expect(h1.rows[3]?.[2]?.f).toMatch(/^SUMIFS\(/);
    expect(cell(calculated[5]!, "Budget 2026 H1", [3, 2])?.v).toBe(2.75);
  }, 120_000);

  // A table in sections: the total's SUM over the lines' rows would take in the subtotals.
  test("a table with subtotals: the OH and the total compute writes are the lines', recalculated too", async () => {
    const mine = await computedAgreeing([
      detailsSheet({ start: "2025-07-01", end: "2025-12-31" }),
      {
        name: "Budget 2025 H2",
        rows: [
          ["Post", "Budget"],
          ["Hälsofrämjare", kr(300000)],
          ["Samordnare", kr(100000)],
          ["Delsumma lönekostnader", kr(400000)],
          ["Aktiviteter", kr(50000)],
          ["Lokal", kr(50000)],
          ["Summa verksamhet", kr(100000)],
          ["OH-kostnader", null],
          ["Totalt", null],
        ],
      },
    ]);
    const sheet = mine.sheets.find((g) => g.name === "Budget 2025 H2")!;
    // OH: 10 % of the four lines, not of the subtotals.
    expect(sheet.rows[7]![1]).toMatchObject({
      v: 50_000,
      f: "ROUND('Uppgifter'!$B$7*SUM(B2:B3,B5:B6),0)",
    });
    expect(sheet.rows[8]![1]?.v).toBe(550_000);
    // The subtotals are the person's, as they were.
    expect(sheet.rows[3]![1]).toMatchObject({ v: 400_000 });
    expect(sheet.rows[3]![1]?.f).toBeUndefined();
  }, 120_000);

  // Income beside the costs: the rows of "Intäkter" are no lines, so neither the OH nor the total
  // compute writes may take them in.
  test("a budget with a section of income: the OH and the total compute writes are the costs', recalculated too", async () => {
    const mine = await computedAgreeing([
      detailsSheet({ start: "2025-07-01", end: "2025-12-31" }),
      {
        name: "Budget 2025 H2",
        rows: [
          ["Post", "Budget"],
          ["Hälsofrämjare", kr(300000)],
          ["Samordnare", kr(100000)],
          ["Intäkter"],
          ["Bidrag Malmö stad", kr(550000)],
          ["Egen insats", kr(25000)],
          ["Kostnader"],
          ["Aktiviteter", kr(50000)],
          ["Lokal", kr(50000)],
          ["OH-kostnader", null],
          ["Totalt", null],
        ],
      },
    ]);
    const sheet = mine.sheets.find((g) => g.name === "Budget 2025 H2")!;
    expect(sheet.rows[9]![1]).toMatchObject({
      v: 50_000,
      f: "ROUND('Uppgifter'!$B$7*SUM(B2:B3,B8:B9),0)",
    });
    expect(sheet.rows[10]![1]?.v).toBe(550_000);
    // The income is the person's, as it was, with nothing written beside it.
    expect(sheet.rows[4]!.slice(1).map((c) => c?.v)).toEqual([550_000]);
  }, 120_000);

  // The details on a sheet named "Info": the OH formula refers to its rate there.
  test("details on a sheet 'Info': the OH compute writes refers to Info's rate, recalculated too", async () => {
    const mine = await computedAgreeing([
      {
        ...detailsSheet({ start: "2025-07-01", end: "2025-12-31" }),
        name: "Info",
      },
      {
        name: "Budget 2025 H2",
        rows: [
          ["Post", "Budget"],
          ["Hälsofrämjare", kr(300000)],
          ["Aktiviteter", kr(200000)],
          ["OH-kostnader", null],
        ],
      },
    ]);
    const sheet = mine.sheets.find((g) => g.name === "Budget 2025 H2")!;
    expect(sheet.rows[3]![1]).toMatchObject({
      v: 50_000,
      f: "ROUND('Info'!$B$7*SUM(B2:B3),0)",
    });
  }, 120_000);

  // A Differens typed as actual − budget: compute fills an empty one the same way, not the other.
  test("a Differens counted as actual − budget: compute fills an empty cell so, recalculated too, and it checks again", async () => {
    const mine = await computedAgreeing([
      detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
      {
        name: "Utfall 2024 H1",
        rows: [
          ["Post", "Budget", "Utfall", "Avvikelse"],
          ["Hälsofrämjare", kr(600000), kr(505789), kr(-94211)],
          ["Aktiviteter", kr(100000), kr(136687), kr(36687)],
          ["Lokal", kr(50000), kr(40000), null],
          ["OH-kostnader", kr(75000), kr(68248), kr(-6752)],
        ],
      },
    ]);
    const sheet = mine.sheets.find((g) => g.name === "Utfall 2024 H1")!;
    expect(sheet.rows[3]![3]).toMatchObject({
      v: -10_000,
      f: 'IF(C4="","",C4-B4)',
    });
    // What was typed stays, and the computed copy checks as the input did.
    expect(sheet.rows[1]![3]?.v).toBe(-94_211);
    const again = analyze(mine).findings.map((f) => f.code);
    expect(again).toContain("VARIANCE_REVERSED");
    expect(again).not.toContain("VARIANCE_MISMATCH");
  }, 120_000);

  // A service column of full-time posts: 2.75 is 275 %, so the salary formula takes it as it stands
  // (not /100, as under "Tjänstgöringsgrad", where a plain 275 is percent points).
  test("a column 'Antal tjänster': the salary budget compute writes takes 2.75 posts as 275 %, recalculated too", async () => {
    const mine = await computedAgreeing([
      detailsSheet({ start: "2025-07-01", end: "2025-12-31" }),
      {
        name: "Budget 2025 H2",
        rows: [
          [
            "Post",
            "Antal tjänster",
            "Antal månader",
            "Månadskostnad",
            "Budget",
          ],
          ["Lönekostnader: Hälsofrämjare", 2.75, 6, kr(45000), null],
          ["Lönekostnader: Samordnare", 0.5, 6, kr(55424), null],
          ["OH-kostnader", null, null, null, null],
        ],
      },
    ]);
    const sheet = mine.sheets.find((g) => g.name === "Budget 2025 H2")!;
    expect(sheet.rows[1]![4]).toMatchObject({
      v: 742_500,
      f: "ROUND(B2*C2*D2,0)",
    });
    expect(sheet.rows[2]![4]?.v).toBe(166_272);
    expect(analyze(mine).findings).toEqual([]);
  }, 120_000);

  // Lönekalkyl copied by Excel ("Lönekalkyl (2)") and the original removed: it was not read, and
  // the salary line had no budget.
  test("Lönekalkyl under another name: the line's budget is its persons', its formulas refer to that sheet, recalculated too", async () => {
    const mine = await computedAgreeing(
      salaryWorkbook().map((s) =>
        s.name === "Lönekalkyl" ? { ...s, name: "Lönekalkyl (2)" } : s,
      ),
    );
    const h1 = mine.sheets.find((g) => g.name === "Budget 2026 H1")!;
    expect(h1.rows[3]![2]).toMatchObject({ v: 598_802 });
    expect(h1.rows[3]![2]?.f).toContain("'Lönekalkyl (2)'!");
    expect(analyze(mine).findings.map((f) => f.code)).toEqual([
      "SALARIES_FROM_SHEET",
      "SURCHARGE_MISSING",
    ]);
  }, 120_000);

  // A birth date for a birth year, and "tills vidare" for no end: the cost formula would take the
  // date's serial for a year (an age of −30 000: the full rate for one born in 1958, who pays the
  // older worker's) and text for a date, so such a person's cost is the figure.
  test("a birth date, a personal identity number and 'tills vidare' in Lönekalkyl: the same cost as the year and an empty cell, recalculated too", async () => {
    const persons = (cells: Record<string, CellSpec>) =>
      salaryWorkbook().map((s) =>
        s.name === "Lönekalkyl"
          ? {
              ...s,
              rows: s.rows.map((row, i) =>
                row.map((c, j) =>
                  `${i},${j}` in cells ? cells[`${i},${j}`]! : c,
                ),
              ),
            }
          : s,
      );
    const mine = await computedAgreeing(
      persons({
        "3,2": date("1958-05-17"),
        "4,2": "20050312-1234",
        "5,6": "tills vidare",
      }),
    );
    const plain = analyze(
      readXlsx(
        computeBytes(
          await buildXlsx(persons({ "3,2": 1958, "4,2": 2005, "5,6": null })),
        ),
      ),
    );
    const a = analyze(mine);
    expect(a.computation.halfYears.map((h) => h.budget)).toEqual(
      plain.computation.halfYears.map((h) => h.budget),
    );
    expect(a.findings.map((f) => `${f.code} ${f.cell ?? ""}`)).toEqual([
      "SALARY_PERSONAL_NUMBER C5",
      "SALARY_BIRTH_DATE C4",
      "SURCHARGE_MISSING ",
    ]);
  }, 120_000);

  // A person's inputs typed as text: a spreadsheet takes "75 %" as larger than 1 (text is larger
  // than any number in a comparison) and cannot multiply "32 000 kr". The cost formula gave 1 362
  // for 136 204 kr, and #VALUE!: the cost is written as the figure.
  test("a person's grade, salary or Pålägg typed as text ('75 %', 'heltid', '32 000 kr', '0,06') is costed as the engine costs it", async () => {
    const typed = (col: number, value: string) =>
      salaryWorkbook().map((s) =>
        s.name === "Lönekalkyl"
          ? {
              ...s,
              rows: s.rows.map((r, j) =>
                j === 4 ? r.map((c, k) => (k === col ? value : c)) : r,
              ),
            }
          : s,
      );
    // And a person's Pålägg "0,06": #VALUE! in an English spreadsheet.
    const surcharge = salaryWorkbook().map((s) =>
      s.name === "Lönekalkyl"
        ? {
            ...s,
            rows: s.rows.map((r, j) =>
              j === 2 ? [...r, "Pålägg"] : j === 4 ? [...r, "0,06"] : r,
            ),
          }
        : s,
    );
    const inputs = await Promise.all(
      [
        typed(4, "75 %"),
        typed(4, "heltid"),
        typed(3, "32 000 kr"),
        surcharge,
      ].map((b) => buildXlsx(b)),
    );
    const outs = inputs.map((b) => computeBytes(b));
    const calculated = recalculateAllWithLibreOffice(outs).map((b) =>
      readXlsx(b),
    );
    outs.forEach((out, i) => {
      const mine = readXlsx(out);
      expect(disagreements(mine, calculated[i]!)).toEqual([]);
      const calc = mine.sheets.find((g) => g.name === "Lönekalkyl")!;
      const col = calc.rows[2]!.findIndex((c) => c?.v === "Kostnad 2026-H1");
      const cost = calc.rows[4]![col];
      expect(cost?.f).toBeUndefined();
      // The person's cost is the engine's.
      const person = analyze(readXlsx(inputs[i]!)).computation.halfYears[0]!
        .lines[0]!.salaries![1]!;
      expect(cost?.v).toBe(person.cost / 100);
    });
    expect(
      analyze(readXlsx(inputs[1]!)).computation.halfYears[0]!.lines[0]!
        .salaries![1]!.person.gradeMicro,
    ).toBe(100_000_000);
  }, 120_000);
});

test("an actual with öre: Beslut shows 147 335,50 and 380 221,50, as its decision's text and the report print them", async () => {
  const [details, h1, h2] = reportWorkbook();
  const half = reportHalfYearSheet("Utfall 2024 H1", 1);
  // Verksamhetskostnader's actual 136 687,50 kr, its difference and the Summa row following.
  const withOre: SheetSpec = {
    ...half,
    rows: half.rows.map((row, r) =>
      r === 3
        ? [row[0], row[1], 136687.5, (row[1] as number) - 136687.5]
        : r === 5
          ? [row[0], row[1], (row[2] as number) + 0.5, (row[3] as number) - 0.5]
          : row,
    ),
  };
  expect(h1!.name).toBe(withOre.name);
  const out = computeBytes(await buildXlsx([details!, withOre, h2!]));
  // With a salary workbook, whose Avgiftssatser holds the law's rates: one Calc for both.
  const [shown, salaries] = displayedAllWithLibreOffice([
    out,
    computeBytes(await buildXlsx(salaryWorkbook())),
  ]);
  const beslut = shown!.get("Beslut")!;
  const row = (label: string) => beslut.find((r) => r[0] === label)!;
  expect(row("Överskott 2024")[1]).toBe("147,335.50 kr");
  expect(row("Summa att återbetala")[1]).toBe("380,221.50 kr");
  expect(row("Totalt att återbetala")[3]).toBe("380,221.50 kr");
  // A whole amount keeps whole kronor, as the seed's tables show them.
  expect(row("Ej återbetalat överskott 2023")[1]).toBe("232,886 kr");
  expect(beslut.flat().join("\n")).toContain(
    "överskott av medel 232\u202f886 kronor samt 147\u202f335,50 kronor",
  );
  expect(roundedAway(readXlsx(out), shown!, null)).toEqual([]);
  // The law's rates on Avgiftssatser are shown with their decimals: 31,42 %, not 31 %.
  const rates = salaries!.get("Avgiftssatser");
  expect(rates?.find((r) => r[0] === "Arbetsgivaravgifter, fulla")?.[1]).toBe(
    "31.42%",
  );
}, 60_000);
