// What the pane shows for what-if and scenarios, and the chart's cap, from the engine's results.

import {
  analyze,
  compareAnalyses,
  keyOfLine,
  personKeys,
  planInputs,
  readWorkbook,
  withInputs,
} from "../../src/core";
import { textFor } from "../../src/i18n/text";
import {
  MODEL_MAX_LINES,
  addChange,
  comparisonView,
  inputsSummary,
  invalidInput,
  modelView,
} from "../../src/taskpane/modelling";
import { templateAsSaved } from "../helpers/template";
import { CHART_MAX_LINES, figuresView } from "../../src/taskpane/viewmodel";
import { readXlsx } from "../../src/xlsx/read";
import {
  agreementPartGrant,
  budgetWorkbook,
  extensionPartGrant,
  manyLinesWorkbook,
  reportAcrossGrants,
  reportOnGrantSheets,
  typeset,
} from "../helpers/seed";
import { type SheetSpec, buildXlsx, date, kr, pct } from "../helpers/workbook";

const t = textFor("sv");
const HF = keyOfLine({ category: "salary", label: "Hälsofrämjare" });

test("what-if figures are marked with the workbook's value; the confirmation lists each cell before and after", async () => {
  const grids = readXlsx(
    await buildXlsx(budgetWorkbook({ typedSalaries: false })),
  );
  const base = analyze(grids);
  const changes = addChange(
    [],
    "Budget 2026 H1",
    HF,
    "servicePercent",
    "300 %",
  )!;
  expect(
    addChange([], "Budget 2026 H1", HF, "servicePercent", "mycket"),
  ).toBeNull();
  const shown = analyze(withInputs(grids, base.workbook, changes));
  const view = modelView(shown, base, changes, "", "sv");
  const h1 = view.halfYears[1]!;
  expect([h1.id, h1.total, h1.totalWas]).toEqual([
    "2026-H1",
    typeset("1 183 899 kr"),
    typeset("1 109 649 kr"),
  ]);
  expect(
    h1.lines[0]!.fields.map((f) => [f.name, f.text, f.editable, f.was]),
  ).toEqual([
    ["Tjänstgöringsgrad", "300 %", true, "275 %"],
    ["Antal månader", "6", true, null],
    ["Månadskostnad", typeset("45 000 kr"), true, null],
  ]);
  expect([h1.lines[0]!.budget, h1.lines[0]!.budgetWas]).toEqual([
    typeset("810 000 kr"),
    typeset("742 500 kr"),
  ]);
  // The activities' budget is an input; the OH line offers nothing but moves with the rest.
  expect(h1.lines[2]!.fields.map((f) => [f.field, f.editable])).toEqual([
    ["servicePercent", false],
    ["months", false],
    ["monthlyCost", false],
    ["budget", true],
  ]);
  expect([
    h1.lines[3]!.fields.every((f) => !f.editable),
    h1.lines[3]!.budgetWas,
  ]).toEqual([true, typeset("100 877 kr")]);
  expect(view.halfYears[0]!.totalWas).toBeNull();
  const figures = figuresView(shown, "sv", t, base);
  expect(figures.halfYears.map((h) => h.budgetWas)).toEqual([
    null,
    typeset("1 109 649 kr"),
  ]);
  const { writes } = planInputs(grids, readWorkbook(grids).workbook, changes);
  // A write that lifts a sheet's protection says so, and that Excel cannot undo it.
  expect(
    inputsSummary(writes, [], "sv", t, {
      undoable: false,
      lifted: ["Budget 2026 H1"],
    }).notes,
  ).toEqual([
    "Skyddat utan lösenord: Budget 2026 H1. Tillägget tar bort bladskyddet medan det skriver och skyddar bladet igen med samma inställningar.",
    "Excel kan inte ångra den här ändringen (Ctrl+Z). Spara en kopia först om du vill kunna gå tillbaka.",
  ]);
  expect(
    inputsSummary(writes, [], "sv", t, { undoable: true, lifted: [] }),
  ).toEqual({
    lines: [
      "Budget 2026 H1!C4 Hälsofrämjare, Tjänstgöringsgrad: 275 % → 300 %",
    ],
    notes: [],
    cells: 1,
    sheets: 1,
    keep: false,
  });
  const c = comparisonView(
    compareAnalyses(base, shown),
    { a: "Arbetsboken nu", b: "300 procent" },
    "sv",
    t,
  );
  expect(c.title).toBe("300 procent jämfört med Arbetsboken nu");
  expect(c.halfYears[1]!.lines[0]).toEqual({
    label: "Hälsofrämjare",
    a: typeset("742 500"),
    b: typeset("810 000"),
    difference: typeset("+67 500"),
    inputs: "Tjänstgöringsgrad 275 % → 300 %",
  });
  expect(c.halfYears[1]!.total).toMatchObject({
    a: typeset("1 109 649"),
    b: typeset("1 183 899"),
    difference: typeset("+74 250"),
  });
  expect(c.halfYears[0]!.same).toBe("4 poster är lika.");
  expect(
    comparisonView(compareAnalyses(base, base), { a: "A", b: "B" }, "sv", t)
      .none,
  ).toBe(true);
});

test("a large workbook: the chart shows the overspent and the largest lines, the model a searchable page of lines", async () => {
  // Three small lines overspent (an actual far above their budget), the rest without actuals.
  const small = new Set(["Aktivitet 1", "Aktivitet 2", "Aktivitet 4"]);
  const sheets = manyLinesWorkbook(2_000).map((sh) =>
    sh.name === "Uppgifter"
      ? sh
      : {
          ...sh,
          rows: sh.rows.map((r) =>
            small.has(r[1] as string) ? [...r.slice(0, 6), 50_000] : r,
          ),
        },
  );
  const a = analyze(readXlsx(await buildXlsx(sheets)));
  const h = a.computation.halfYears[0]!;
  const chart = figuresView(a, "sv", t).charts[0]!;
  expect(chart.lines).toHaveLength(CHART_MAX_LINES);
  expect(chart.hidden).toBe(h.lines.length - CHART_MAX_LINES);
  const size = (l: {
    effectiveBudget: number;
    input: { actual: number | null };
  }) => Math.max(l.effectiveBudget, l.input.actual ?? 0);
  const overspent = h.lines.filter((l) => l.overspent).length;
  // Every overspent line first (up to the cap), then the largest; shown in the sheet's order.
  expect(chart.lines.filter((l) => l.overspent)).toHaveLength(
    Math.min(overspent, CHART_MAX_LINES),
  );
  const shownLabels = new Set(chart.lines.map((l) => l.label));
  const shownPlain = h.lines.filter(
    (l) => shownLabels.has(l.input.label) && !l.overspent,
  );
  const hidden = h.lines.filter((l) => !shownLabels.has(l.input.label));
  expect(hidden).toHaveLength(chart.hidden);
  // No hidden line is overspent while a plain one is shown, nor larger than the smallest plain one shown.
  expect(overspent).toBe(3);
  expect(chart.lines.filter((l) => l.overspent).map((l) => l.label)).toEqual([
    ...small,
  ]);
  const smallest = Math.min(...shownPlain.map(size));
  expect(shownPlain).toHaveLength(CHART_MAX_LINES - 3);
  expect(hidden.filter((l) => l.overspent || size(l) > smallest)).toEqual([]);
  const order = chart.lines.map((l) =>
    h.lines.findIndex((x) => x.input.label === l.label),
  );
  expect(order).toEqual([...order].sort((x, y) => x - y));
  const view = modelView(a, a, [], "", "sv");
  expect(view.halfYears[0]!.lines).toHaveLength(MODEL_MAX_LINES);
  expect(view.halfYears[0]!.hidden).toBe(h.lines.length - MODEL_MAX_LINES);
  const found = modelView(a, a, [], h.lines[1_500]!.input.label, "sv")
    .halfYears[0]!;
  expect(found.lines.map((l) => l.label)).toContain(
    h.lines[1_500]!.input.label,
  );
});

test("Lönekalkyl in the pane: each person's cost per half-year and the working, month runs by rule", async () => {
  const { salaryView } = await import("../../src/taskpane/modelling");
  const { salaryWorkbook } = await import("../helpers/seed");
  const a = analyze(readXlsx(await buildXlsx(salaryWorkbook())));
  const view = salaryView(a, "sv");
  // What-if does not offer the line whose budget is its persons': they are changed in Lönekalkyl.
  const line = modelView(a, a, [], "", "sv").halfYears[0]!.lines[0]!;
  expect([
    line.label,
    line.budget,
    line.fields.filter((f) => f.editable),
  ]).toEqual(["Hälsofrämjare", typeset("598 802 kr"), []]);
  // 32 000 × 1,3142 = 42 054,40; 18 000 × 1,3142 = 23 655,60 and × 1,2081 = 21 745,80; 40 000 × 1,3142 = 52 568.
  expect(
    view.map((p) => [p.name, p.halfYears[0]!.cost, p.halfYears[0]!.working]),
  ).toEqual([
    [
      "Person A",
      typeset("252 326 kr"),
      typeset("jan–juni: 42 054,40 kr/mån (arbetsgivaravgifter 31,42 %)"),
    ],
    [
      "Person B",
      typeset("136 204 kr"),
      typeset(
        "jan–mars: 23 655,60 kr/mån (arbetsgivaravgifter 31,42 %); apr–juni: 21 745,80 kr/mån (nedsatt för unga 20,81 %)",
      ),
    ],
    [
      "Person C",
      typeset("210 272 kr"),
      typeset("mars–juni: 52 568 kr/mån (arbetsgivaravgifter 31,42 %)"),
    ],
  ]);
  expect(view[0]!.halfYears[1]).toEqual({
    id: "2026-H2",
    cost: "0\u00a0kr",
    working: "inga månader i halvåret",
  });
  expect(view[2]!.halfYears[1]!.cost).toBe(typeset("315 408 kr"));
  // A post to fill, its birth year empty: the general rate, and why.
  const open = analyze(
    readXlsx(
      await buildXlsx(
        salaryWorkbook({
          extraPersons: [
            [
              "Hälsofrämjare",
              "Vakant",
              null,
              kr(30000),
              pct(1),
              date("2026-01-01"),
              date("2026-06-30"),
            ],
          ],
        }),
      ),
    ),
  );
  expect(salaryView(open, "sv")[3]!.halfYears[0]!.working).toBe(
    typeset(
      "jan–juni: 39 426 kr/mån (arbetsgivaravgifter 31,42 %, inget födelseår)",
    ),
  );
  expect(salaryView(open, "en")[3]!.halfYears[0]!.working).toContain(
    "(employer contributions 31.42 %, no birth year)",
  );
});

describe("what-if on a report the page holds to its granted budget", () => {
  test("shows the repayment the row shows, and a change is held to the grant too", async () => {
    const { pairWithGranted, readFileBytes } =
      await import("../../src/taskpane/standalone/batch");
    const { whatIfInFile } = await import("../../src/taskpane/modelling");
    const budget = readFileBytes(
      "beviljad.xlsx",
      await buildXlsx(budgetWorkbook()),
      "sv",
    );
    const report = readFileBytes(
      "rapport.xlsx",
      await buildXlsx(reportOnGrantSheets({ activities: 130000 })),
      "sv",
    );
    const paired = pairWithGranted([budget, report])[1]!;
    if (paired.kind !== "ok") throw new Error("not read");
    expect(paired.grantedBy).toEqual(["beviljad.xlsx"]);
    expect(paired.analysis.computation.repayment.total).toBe(5914900);
    // Before any change: the same 59 149 kr as the row, not the 92 149 kr of the report's own budget.
    expect(whatIfInFile(paired, []).shown.computation.repayment.total).toBe(
      5914900,
    );
    // A change of an actual is held to the grant: the report's raised budget line stays the grant's.
    const change = addChange(
      [],
      "Utfall 2025 H2",
      keyOfLine({ category: "salary", label: "Hälsofrämjare" }),
      "monthlyCost",
      "46000",
    )!;
    const own = whatIfInFile(
      { grids: paired.grids, analysis: paired.ownAnalysis! },
      change,
    ).shown;
    const held = whatIfInFile(paired, change).shown;
    expect(held.computation.repayment.total).not.toBe(
      own.computation.repayment.total,
    );
    expect(held.computation.halfYears[0]!.budget.total).toBe(
      paired.analysis.computation.halfYears[0]!.budget.total,
    );
  });

  test("a report across an agreement and its extension: modelled held to both, as its row shows it", async () => {
    const { pairWithGranted, readFileBytes } =
      await import("../../src/taskpane/standalone/batch");
    const { whatIfInFile } = await import("../../src/taskpane/modelling");
    const read = async (name: string, sheets: SheetSpec[], saved: string) =>
      readFileBytes(
        name,
        await buildXlsx(sheets, { modified: new Date(saved) }),
        "sv",
      );
    const paired = pairWithGranted([
      await read("rapport.xlsx", reportAcrossGrants(), "2026-08-20T09:00:00Z"),
      await read("avtal.xlsx", agreementPartGrant(), "2025-06-01T09:00:00Z"),
      await read(
        "forlangning.xlsx",
        extensionPartGrant(),
        "2026-01-15T09:00:00Z",
      ),
    ])[0]!;
    if (paired.kind !== "ok") throw new Error("not read");
    // In the order its half-years are held to them: the later saved first.
    expect(paired.grantedBy).toEqual(["forlangning.xlsx", "avtal.xlsx"]);
    expect(paired.analysis.granted?.byGrant).toEqual([
      ["2026-H1"],
      ["2025-H2"],
    ]);
    // 59 149 kr of 2025 and 90 525 kr of 2026; on its own budget 184 298 kr.
    expect(paired.analysis.computation.repayment.total).toBe(14967400);
    expect(paired.ownAnalysis?.computation.repayment.total).toBe(18429800);
    // Raising the activities' budget of 2026-H1 to 200 000 moves the report's own repayment, and
    // not the held one: that half-year's budget is the extension's.
    const change = addChange(
      [],
      "Utfall 2026 H1",
      keyOfLine({ category: "activity", label: "Verksamhetskostnader" }),
      "budget",
      "200000",
    )!;
    const own = whatIfInFile(
      { grids: paired.grids, analysis: paired.ownAnalysis! },
      change,
    ).shown.computation.repayment.total;
    expect(own).toBeGreaterThan(18429800);
    const held = whatIfInFile(paired, change).shown.computation.repayment;
    expect(held.items.map((x) => [x.year, x.amount])).toEqual([
      [2025, 5914900],
      [2026, 9052500],
    ]);
  });
});

test("the confirmation says when a write gives a cell another number format, so that it reads right", async () => {
  const sheets = budgetWorkbook().slice(0, 2);
  // The activities' budget in 2025 H2 (F6), 0 formatted as a percent: a person's format.
  const h2 = sheets[1]!;
  const rows = h2.rows.map((r) => [...r]);
  rows[5]![5] = { value: 0, fmt: "0%" };
  const grids = readXlsx(
    await buildXlsx([sheets[0]!, { ...h2, rows }, ...sheets.slice(2)]),
  );
  const model = readWorkbook(grids).workbook;
  const change = {
    sheet: "Budget 2025 H2",
    line: keyOfLine({ category: "activity", label: "Verksamhetskostnader" }),
    field: "budget" as const,
    value: 12_500_000,
  };
  const { writes } = planInputs(grids, model, [change]);
  expect(writes.map((w) => w.replacesFormat)).toEqual(["0%"]);
  const undo = { undoable: true, lifted: [] };
  expect(inputsSummary(writes, [], "sv", t, undo).lines).toEqual([
    `Budget 2025 H2!F6 Verksamhetskostnader, Budget: – → ${typeset("125 000 kr")} (cellens talformat blir belopp, så att värdet läses rätt)`,
  ]);
  expect(inputsSummary(writes, [], "en", textFor("en"), undo).lines).toEqual([
    `Budget 2025 H2!F6 Verksamhetskostnader, Budget: – → ${typeset("SEK 125,000")} (the cell's number format becomes an amount, so that the value reads right)`,
  ]);
  // A cell whose format already reads the value right is written without the note.
  const own = readXlsx(await buildXlsx(sheets));
  const plain = planInputs(own, readWorkbook(own).workbook, [change]);
  expect(plain.writes.map((w) => w.replacesFormat)).toEqual([undefined]);
  expect(inputsSummary(plain.writes, [], "sv", t, undo).lines).toEqual([
    `Budget 2025 H2!F6 Verksamhetskostnader, Budget: ${typeset("100 000 kr")} → ${typeset("125 000 kr")}`,
  ]);
});

test("a line costed in Lönekalkyl lists its persons to change; the confirmation and the comparison name the person", () => {
  const grids = readXlsx(templateAsSaved());
  const base = analyze(grids);
  const key = [...personKeys(base.workbook.salaries!)].find(
    ([, p]) => p.name === "Hälsofrämjare 3",
  )![0];
  const changes = addChange(
    addChange([], "Lönekalkyl", key, "grade", "100 %")!,
    "Lönekalkyl",
    key,
    "to",
    "31/3 2027",
  )!;
  expect(addChange([], "Lönekalkyl", key, "from", "snart")).toBeNull();
  expect(invalidInput("from", "sv", t)).toBe(
    "Från: skriv ett datum, till exempel 2026-09-01, eller lämna tomt för hela avtalsperioden.",
  );
  const shown = analyze(withInputs(grids, base.workbook, changes));
  const view = modelView(shown, base, changes, "", "sv");
  const line = view.halfYears[1]!.lines[0]!;
  // The line offers nothing of its own (its % and budget are the persons' SUMIF) and follows them.
  expect(line.fields.filter((f) => f.editable)).toEqual([]);
  expect([line.budget, line.budgetWas]).toEqual([
    typeset("668 150 kr"),
    typeset("723 623 kr"),
  ]);
  expect(
    line.persons.map((p) => [
      p.sheet,
      p.label,
      p.fields.map((f) => `${f.name} ${f.text}${f.was ? ` (${f.was})` : ""}`),
    ]),
  ).toEqual([
    [
      "Lönekalkyl",
      "Hälsofrämjare 1",
      [
        "Tjänstgöringsgrad 100 %",
        `Månadslön ${typeset("34 000 kr")}`,
        "Från ",
        "Till ",
      ],
    ],
    [
      "Lönekalkyl",
      "Hälsofrämjare 2",
      [
        "Tjänstgöringsgrad 100 %",
        `Månadslön ${typeset("33 000 kr")}`,
        "Från ",
        "Till ",
      ],
    ],
    [
      "Lönekalkyl",
      "Hälsofrämjare 3",
      [
        "Tjänstgöringsgrad 100 % (75 %)",
        `Månadslön ${typeset("30 000 kr")}`,
        "Från ",
        "Till 2027-03-31 (hela perioden)",
      ],
    ],
  ]);
  expect(line.persons.every((p) => p.fields.every((f) => f.editable))).toBe(
    true,
  );
  // Each person's cost in the half-year, the changed one beside the workbook's.
  expect(line.persons.map((p) => [p.cost, p.costWas])).toEqual([
    [typeset("280 337 kr"), null],
    [typeset("272 092 kr"), null],
    [typeset("115 721 kr"), typeset("171 194 kr")],
  ]);
  const { writes } = planInputs(grids, base.workbook, changes);
  expect(
    inputsSummary(writes, [], "sv", t, { undoable: true, lifted: [] }).lines,
  ).toEqual([
    "Lönekalkyl!E6 Hälsofrämjare 3, Tjänstgöringsgrad: 75 % → 100 %",
    "Lönekalkyl!G6 Hälsofrämjare 3, Till: hela perioden → 2027-03-31",
  ]);
  const c = comparisonView(
    compareAnalyses(base, shown),
    { a: "Arbetsboken nu", b: "Heltid" },
    "sv",
    t,
  );
  expect(c.halfYears[1]!.lines[0]).toEqual({
    label: "Hälsofrämjare",
    a: typeset("723 623"),
    b: typeset("668 150"),
    difference: typeset("−55 473"),
    inputs:
      "Tjänstgöringsgrad 275 % → 300 %; Hälsofrämjare 3: Tjänstgöringsgrad 75 % → 100 %; Hälsofrämjare 3: Till hela perioden → 2027-03-31",
  });
}, 120_000);

test("the pane names each grant the report is held to with its half-years, and a grant that holds none apart", () => {
  const grant = (file: string, periods: string[]) => ({ file, periods });
  expect(
    t.granted.comparing([
      grant("avtal.xlsx", ["2025-H2"]),
      grant("forlangning.xlsx", ["2026-H1"]),
    ]),
  ).toBe(
    "Återrapporteringen räknas mot den beviljade budgeten i avtal.xlsx (2025-H2) och i forlangning.xlsx (2026-H1). Beräkna och skriv använder arbetsbokens egen budget.",
  );
  // Two versions of one grant: the later saved holds the half-years, the other none.
  expect(
    textFor("en").granted.comparing([
      grant("avtal (2).xlsx", ["2025-H2", "2026-H1"]),
      grant("avtal.xlsx", []),
    ]),
  ).toBe(
    "The report is computed against the granted budget in avtal (2).xlsx (2025-H2, 2026-H1); none of its half-years is computed against avtal.xlsx. Compute and write uses the workbook's own budget.",
  );
  // One grant with none of the report's half-years: named as it is.
  expect(t.granted.comparing([grant("budget.xlsx", [])])).toBe(
    "Återrapporteringen räknas mot den beviljade budgeten i budget.xlsx. Beräkna och skriv använder arbetsbokens egen budget.",
  );
});
