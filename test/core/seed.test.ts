// SPEC §5: every figure of the worked example, through real .xlsx files.

import {
  analyze,
  buildCase,
  diffWorkbooks,
  memoOf,
  planWrite,
} from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { checkSheets, errorsOf, findingAt, messageOf } from "../helpers/check";
import { STAMP } from "../helpers/compute";
import { budgetWorkbook, reportWorkbook, typeset } from "../helpers/seed";
import { type CellSpec, buildXlsx, date, kr } from "../helpers/workbook";

describe("the seed budget 2025–26 as two half-year sheets", () => {
  for (const typedSalaries of [true, false]) {
    test(`gives the seed figures when the salary budgets are ${typedSalaries ? "typed" : "left empty"}`, async () => {
      const r = await checkSheets(budgetWorkbook({ typedSalaries }));
      expect(r.periods.map((p) => p.id)).toEqual(["2025-H2", "2026-H1"]);
      for (const p of r.periods) {
        expect(p.budget).toEqual({
          direct: 1008772,
          overhead: 100877,
          total: 1109649,
        });
        expect(
          p.lines
            .filter((l) => l.category !== "overhead")
            .map((l) => l.overhead),
        ).toEqual([74250, 16627, 10000]);
        expect(p.lines.map((l) => l.budget)).toEqual([
          742500, 166272, 100000, 100877,
        ]);
        expect(p.actual).toBeNull();
      }
      expect(r.grants).toEqual([
        { period: "2025-H2", amount: 1109649 },
        { period: "2026-H1", amount: 1109649 },
      ]);
      expect(r.grants.reduce((s, g) => s + g.amount, 0)).toBe(2219298);
      expect(r.grantsByYear).toEqual([
        { year: 2025, amount: 1109649, periods: ["2025-H2"] },
        { year: 2026, amount: 1109649, periods: ["2026-H1"] },
      ]);
      expect(errorsOf(r)).toEqual([]);
      expect(r.agreement).toMatchObject({
        organisation: "Rädda Barnen",
        orgNumber: "802002-8638",
        start: "2025-07-01",
        end: "2026-06-30",
        overheadRate: 0.1,
      });
    });
  }

  test("drafts the grant decision in the seed's wording", async () => {
    const r = await checkSheets(budgetWorkbook());
    expect(r.decision).toContainEqual(
      expect.stringContaining(
        typeset("beviljar Rädda Barnen 1 109 649 kronor"),
      ),
    );
    expect(r.decision.find((d) => d.includes("beviljar"))).toContain(
      "under perioden juli 2025 till och med december 2025",
    );
    expect(r.decision.find((d) => d.includes("beakta"))).toContain(
      typeset("1 109 649 kronor till Rädda Barnen"),
    );
    expect(r.decision.find((d) => d.includes("beakta"))).toContain(
      "januari 2026 till och med juni 2026",
    );
  });
});

describe("the 2024 report in the seed's own labels", () => {
  test("gives the year's budget, actual and surplus, and the repayment with the 2023 surplus", async () => {
    const r = await checkSheets(reportWorkbook());
    expect(r.years).toEqual([
      {
        year: 2024,
        budget: 1925000,
        actual: 1777664,
        surplus: 147336,
        partial: false,
      },
    ]);
    expect(r.repayment).toEqual({
      items: [
        { year: 2023, amount: 232886 },
        { year: 2024, amount: 147336 },
      ],
      total: 380222,
      due: "2025-06-30",
    });
    expect(errorsOf(r)).toEqual([]);
  });

  // "Återbetalt 2023" was passed over: the decision asked again for 232 886 kr already repaid.
  test.each([
    [
      "Återbetalt 2023",
      232886,
      [{ year: 2024, amount: 147336 }],
      "0 kr",
      "232 886 kr",
    ],
    [
      "Redan återbetalt",
      232886,
      [{ year: 2024, amount: 147336 }],
      "0 kr",
      "232 886 kr",
    ],
    [
      "Varav återbetalt",
      100000,
      [
        { year: 2023, amount: 132886 },
        { year: 2024, amount: 147336 },
      ],
      "132 886 kr",
      "100 000 kr",
    ],
  ] as const)(
    "%j (%d kr) beside the earlier surplus leaves only what remains to repay",
    async (key, amount, items, remaining, repaid) => {
      const [details, ...halves] = reportWorkbook();
      const r = await checkSheets([
        { ...details!, rows: [...details!.rows, [key, kr(amount)]] },
        ...halves,
      ]);
      expect(r.repayment.items).toEqual(items);
      expect(findingAt(r, "SURPLUS_REPAID")).toEqual(["Uppgifter!B10"]);
      expect(messageOf(r, "SURPLUS_REPAID")).toBe(
        typeset(
          `Överskottet för 2023, 232 886 kr (B9), är återbetalt med ${repaid}: ${remaining} återstår att återbetala, och bara det tas med i beslutet.`,
        ),
      );
      expect(errorsOf(r)).toEqual([]);
    },
  );

  test("a surplus marked '(återbetalt)' is not repaid again; a repayment that fits no surplus is said and not counted", async () => {
    const [details, ...halves] = reportWorkbook();
    const marked = await checkSheets([
      {
        ...details!,
        rows: details!.rows.map((row) =>
          row[0] === "Ej förbrukat överskott 2023"
            ? ["Överskott 2023 (återbetalt)", row[1]!]
            : row,
        ),
      },
      ...halves,
    ]);
    expect(marked.repayment.items).toEqual([{ year: 2024, amount: 147336 }]);
    expect(findingAt(marked, "SURPLUS_REPAID")).toEqual(["Uppgifter!B9"]);
    const other = await checkSheets([
      {
        ...details!,
        rows: [...details!.rows, ["Återbetalt 2022", kr(5000)]],
      },
      ...halves,
    ]);
    expect(other.repayment.total).toBe(380_222);
    expect(
      other.findings.map((f) => `${f.code} ${f.severity} ${f.cell}`),
    ).toContain("REPAID_NOT_MATCHED warning B10");
  });

  // Each asked back what was not owed, with nothing said: this year's surplus written in Uppgifter
  // too was repaid twice (527 558 kr for 380 222), a deficit of 2023 was set against 2024's
  // surplus (97 336 kr for 147 336), and a surplus without a year was passed over (147 336 kr for
  // 380 222).
  const withDetailsRows = (edit: (rows: CellSpec[][]) => CellSpec[][]) => {
    const [details, ...halves] = reportWorkbook();
    return checkSheets([
      { ...details!, rows: edit(details!.rows.map((row) => [...row])) },
      ...halves,
    ]);
  };
  const seedSurplus = "Ej förbrukat överskott 2023";

  test("a surplus of a year after the reported one ('Överskott 2025' in a report of 2024) is not counted, and said", async () => {
    const r = await withDetailsRows((rows) => [
      ...rows,
      ["Överskott 2025", kr(1000)],
    ]);
    expect(r.repayment.total).toBe(380_222);
    expect(findingAt(r, "SURPLUS_OF_REPORTED_YEAR")).toEqual(["Uppgifter!B10"]);
    expect(messageOf(r, "SURPLUS_OF_REPORTED_YEAR")).toBe(
      typeset(
        "Överskottet för 2025 (1 000 kr) räknas inte som ett tidigare års: arbetsboken redovisar till och med 2024, och ett redovisat års överskott räknas fram ur dess halvår. I Uppgifter skrivs bara ett tidigare års överskott som inte är återbetalt.",
      ),
    );
  });

  // One amount for years among which the reported one ("Ej förbrukat överskott 2023–2024: 380 222",
  // the partner's total) was read as 2023's and repaid 527 558 kr; one of two earlier years was
  // named in the decision as the first year's, without a word.
  test.each([
    [
      "Ej förbrukat överskott 2023–2024",
      380_222,
      147_336,
      "SURPLUS_OF_REPORTED_YEAR",
    ],
    ["Överskott 2023 och 2024", 380_222, 147_336, "SURPLUS_OF_REPORTED_YEAR"],
    [
      "Ej förbrukat överskott 2022–2023",
      232_886,
      380_222,
      "SURPLUS_YEARS_COMBINED",
    ],
    ["Överskott 2022/23", 232_886, 380_222, "SURPLUS_YEARS_COMBINED"],
    ["Överskott 2023", 232_886, 380_222, null],
  ] as const)(
    "an earlier surplus keyed %j (%d kr): %d kr repaid, and %s",
    async (key, amount, total, code) => {
      const r = await withDetailsRows((rows) =>
        rows.map((row) =>
          row[0] === seedSurplus ? [key, kr(amount)] : [...row],
        ),
      );
      expect(r.repayment.total).toBe(total);
      expect(
        r.findings
          .filter((f) => f.code.startsWith("SURPLUS_"))
          .map((f) => f.code),
      ).toEqual(code ? [code] : []);
    },
  );

  test("the years of one amount are named", async () => {
    const r = await withDetailsRows((rows) =>
      rows.map((row) =>
        row[0] === seedSurplus
          ? ["Ej förbrukat överskott 2022–2023", kr(232886)]
          : [...row],
      ),
    );
    expect(r.repayment.items).toEqual([
      { year: 2022, amount: 232886 },
      { year: 2024, amount: 147336 },
    ]);
    expect(messageOf(r, "SURPLUS_YEARS_COMBINED")).toBe(
      typeset(
        'Överskottet 232 886 kr gäller flera år (2022–2023) och räknas i beslutet som 2022 års. Skriv ett överskott per år, till exempel "Överskott 2022" med det årets belopp på en rad och nästa år på nästa.',
      ),
    );
  });

  test("a budget, which reports no year, keeps its earlier surplus of any year", async () => {
    const [details, ...halves] = budgetWorkbook();
    const r = await checkSheets([
      { ...details!, rows: [...details!.rows, ["Överskott 2025", kr(1000)]] },
      ...halves,
    ]);
    expect(r.repayment.items).toEqual([{ year: 2025, amount: 1000 }]);
    expect(r.findings.map((f) => f.code)).not.toContain(
      "SURPLUS_OF_REPORTED_YEAR",
    );
  });

  test("this year's surplus written in Uppgifter too ('Överskott 2024') is counted once, and said", async () => {
    const r = await withDetailsRows((rows) => [
      ...rows,
      ["Överskott 2024", kr(147336)],
    ]);
    expect(r.repayment.items).toEqual([
      { year: 2023, amount: 232886 },
      { year: 2024, amount: 147336 },
    ]);
    expect(r.repayment.total).toBe(380_222);
    expect(findingAt(r, "SURPLUS_OF_REPORTED_YEAR")).toEqual(["Uppgifter!B10"]);
    expect(
      r.findings.find((f) => f.code === "SURPLUS_OF_REPORTED_YEAR")?.severity,
    ).toBe("warning");
  });

  test("a negative earlier surplus (a deficit) lowers no repayment, and is said", async () => {
    const r = await withDetailsRows((rows) =>
      rows.map((row) =>
        row[0] === seedSurplus ? [row[0], kr(-50000)] : [...row],
      ),
    );
    expect(r.repayment.items).toEqual([{ year: 2024, amount: 147336 }]);
    expect(findingAt(r, "SURPLUS_NEGATIVE")).toEqual(["Uppgifter!B9"]);
    expect(messageOf(r, "SURPLUS_NEGATIVE")).toBe(
      typeset(
        "Överskottet för 2023 är negativt, −50 000 kr, och räknas inte: ett underskott återbetalas inte och minskar inte någon återbetalning. Är det ett överskott, skriv beloppet utan minustecken.",
      ),
    );
  });

  test.each([
    ["Överskott tidigare år", "B9"],
    ["Att återbetala", "B9"],
  ])(
    "an earlier surplus without a year (%j) is not counted, and said at its value",
    async (key, cell) => {
      const r = await withDetailsRows((rows) =>
        rows.map((row) => (row[0] === seedSurplus ? [key, row[1]!] : row)),
      );
      expect(r.repayment.items).toEqual([{ year: 2024, amount: 147336 }]);
      expect(findingAt(r, "SURPLUS_YEAR_MISSING")).toEqual([
        `Uppgifter!${cell}`,
      ]);
      expect(messageOf(r, "SURPLUS_YEAR_MISSING")).toBe(
        typeset(
          `"${key}" (232 886 kr) räknas inte: beslutet återbetalar varje års överskott för sig, och nyckeln säger inget år. Skriv året, "Överskott 2023".`,
        ),
      );
    },
  );

  test("a note on surpluses with a date or a text beside it, or typed in its own cell, says nothing", async () => {
    const r = await withDetailsRows((rows) => [
      ...rows,
      ["Överskott återbetalas senast", date("2025-06-30")],
      ["Ej förbrukade medel", "redovisas i bilaga 2"],
      ["Överskott: se bilaga"],
    ]);
    expect(r.repayment.total).toBe(380_222);
    expect(r.findings.map((f) => f.code)).not.toContain("SURPLUS_YEAR_MISSING");
    expect(errorsOf(r)).toEqual([]);
  });

  test("a year's surplus written twice: the first counts on every face, the second is an error at its cell", async () => {
    const [details, ...halves] = reportWorkbook();
    const twice = [
      {
        ...details!,
        rows: [
          ...details!.rows,
          ["Överskott från 2023", kr(100000)],
          ["Överskott från 2022", kr(5000)],
        ],
      },
      ...halves,
    ];
    const r = await checkSheets(twice);
    // 2023 once (B9, the seed's 232 886), 2022 counted, B10's 100 000 not.
    expect(r.repayment?.items).toEqual([
      { year: 2022, amount: 5000 },
      { year: 2023, amount: 232886 },
      { year: 2024, amount: 147336 },
    ]);
    expect(findingAt(r, "SURPLUS_YEAR_REPEATED")).toEqual(["Uppgifter!B10"]);
    expect(messageOf(r, "SURPLUS_YEAR_REPEATED")).toBe(
      typeset(
        "Överskottet för 2023 står redan i B9; det här (100 000 kr) räknas inte. Skriv årets hela överskott på en rad.",
      ),
    );
    // Beslut, the memo and diff name the year once, with that amount.
    const analysis = analyze(readXlsx(await buildXlsx(twice)));
    const beslut = planWrite(
      readXlsx(await buildXlsx(twice)),
      analysis,
      STAMP,
    ).creates.find((c) => c.sheet === "Beslut")!;
    const texts = beslut.cells.flatMap((c) =>
      c.value.kind === "text" ? [c.value.value] : [],
    );
    expect(texts.filter((t) => t.startsWith("Överskott från"))).toEqual([
      "Överskott från 2022",
      "Överskott från 2023",
    ]);
    expect(texts).toContain(
      typeset(
        "2. Kommunstyrelsen beslutar att överskott av medel 5 000 kronor, 232 886 kronor samt 147 336 kronor från verksamhetsperioden 2022, 2023 samt 2024 återbetalas från Rädda Barnen till kommunstyrelsen senast juni 2025.",
      ),
    );
    const built = buildCase([{ file: "r.xlsx", analysis }]);
    if (built.kind !== "ok") throw new Error("one case");
    const memo = memoOf(built.case, "sv");
    expect(
      memo.tables[0]!.rows.filter((row) =>
        row.cells[0]!.startsWith("Överskott från"),
      ).map((row) => row.cells),
    ).toEqual([
      ["Överskott från 2022", "", "", typeset("5 000")],
      ["Överskott från 2023", "", "", typeset("232 886")],
    ]);
    const own = analyze(readXlsx(await buildXlsx(reportWorkbook())));
    expect(
      diffWorkbooks(own, analysis).changes.map((c) => [c.field, c.new]),
    ).toEqual([["surplus2022", 5000]]);
  });

  test("infers the categories from the labels' prefixes", async () => {
    const r = await checkSheets(reportWorkbook());
    expect(r.periods[0]!.lines.map((l) => l.category)).toEqual([
      "salary",
      "salary",
      "activity",
      "overhead",
    ]);
  });

  test("flags only the activities line as overspent, in each half-year", async () => {
    const r = await checkSheets(reportWorkbook());
    for (const p of r.periods) {
      expect(p.lines.filter((l) => l.overspent).map((l) => l.label)).toEqual([
        "Verksamhetskostnader: aktiviteter",
      ]);
    }
    expect(
      r.findings
        .filter((f) => f.code === "OVERSPENT")
        .map((f) => `${f.sheet}!${f.cell}`),
    ).toEqual(["Utfall 2024 H1!C4", "Utfall 2024 H2!C4"]);
  });

  test("counts the actual overhead as eligible: 10 % of the actual direct costs", async () => {
    const r = await checkSheets(reportWorkbook());
    const direct = r.periods.reduce((s, p) => s + p.actual!.direct, 0);
    const overhead = r.periods.reduce(
      (s, p) => s + p.actual!.eligibleOverhead,
      0,
    );
    expect(direct).toBe(1616058);
    expect(overhead).toBe(161606);
  });

  test("drafts the repayment decision in the seed's wording", async () => {
    const r = await checkSheets(reportWorkbook());
    expect(r.decision).toContainEqual(
      typeset(
        "Kommunstyrelsen beslutar att överskott av medel 232 886 kronor samt 147 336 kronor från verksamhetsperioden 2023 samt 2024 återbetalas från Rädda Barnen till kommunstyrelsen senast juni 2025.",
      ),
    );
    expect(r.decision[0]).toContain(
      "avseende perioden januari till och med december 2024",
    );
    // The JSON's points are unnumbered sentences (SPEC §8), numbered only where they are shown.
    for (const point of r.decision) expect(point).toMatch(/^Kommunstyrelsen /);
  });
});
