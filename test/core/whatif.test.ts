// Issue 11: what-if without writing, and named scenarios stored in the workbook.

import ExcelJS from "exceljs";
import fc from "fast-check";
import { unzipSync, strFromU8 } from "fflate";
import {
  type Analysis,
  type BudgetWorkbook,
  type Cell,
  type ChangeField,
  type ColumnKey,
  type Grid,
  type InputChange,
  type WorkbookGrids,
  editablePersonFields,
  isPersonField,
  isoToSerial,
  personKeys,
  serialToIso,
  SCENARIO_MARK,
  SCENARIO_SHEET,
  analyze,
  cellOf,
  compareAnalyses,
  diffWorkbooks,
  editableFields,
  findScenario,
  keyOfLine,
  liveChanges,
  lostScenarios,
  parseInput,
  planCompute,
  planInputs,
  planScenarioSave,
  readScenarios,
  readWorkbook,
  scenarioChanges,
  scenarioSheet,
  toCheckJson,
  withInputs,
  hasFigures,
} from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { applyPlan } from "../../src/xlsx/write";
import { budgetWorkbook, detailsSheet } from "../helpers/seed";
import {
  type SheetSpec,
  addSheets,
  buildXlsx,
  kr,
  xlsxOf,
} from "../helpers/workbook";
import { formulaWorkbook } from "../helpers/arbitraries";
import {
  recalculateAllWithLibreOffice,
  recalculateWithLibreOffice,
} from "../helpers/libreoffice";
import { templateAsSaved } from "../helpers/template";

const HF = keyOfLine({ category: "salary", label: "Hälsofrämjare" });
const ACT = keyOfLine({ category: "activity", label: "Verksamhetskostnader" });
const to300: InputChange = {
  sheet: "Budget 2026 H1",
  line: HF,
  field: "servicePercent",
  value: 300_000_000,
};
const total = (a: Analysis, id: string) =>
  a.computation.halfYears.find((h) => h.halfYear.id === id)!.budget.total;

let bytes: Uint8Array;
let grids: WorkbookGrids;
let base: Analysis;
beforeAll(async () => {
  bytes = await buildXlsx(budgetWorkbook({ typedSalaries: false }));
  grids = readXlsx(bytes);
  base = analyze(grids);
});

/** "Budget 2025 H2" of a workbook with these table rows (below its period), as the engine reads it. */
async function halfYearOf(
  table: SheetSpec["rows"],
  merges: readonly string[] = [],
) {
  const read = analyze(
    readXlsx(
      await buildXlsx([
        detailsSheet(),
        {
          name: "Budget 2025 H2",
          rows: [["Period", "juli–december 2025"], [], ...table],
          merges,
        },
      ]),
    ),
  );
  return read.workbook.halfYears[0]!;
}

describe("what-if: inputs changed without writing", () => {
  test("which inputs a line offers: salary by %, months and cost; others by budget; OH and formulas not at all", async () => {
    const h = base.workbook.halfYears[0]!;
    expect(h.lines.map((l) => [l.label, editableFields(h, l)])).toEqual([
      ["Hälsofrämjare", ["servicePercent", "months", "monthlyCost"]],
      ["Samordnare utveckling", ["servicePercent", "months", "monthlyCost"]],
      ["Verksamhetskostnader", ["budget"]],
      ["OH-kostnader", []],
    ]);
    // A typed salary budget may be changed too; a budget that is a formula may not.
    const typed = analyze(readXlsx(await buildXlsx(budgetWorkbook())));
    const th = typed.workbook.halfYears[0]!;
    expect(editableFields(th, th.lines[0]!)).toEqual([
      "servicePercent",
      "months",
      "monthlyCost",
      "budget",
    ]);
    const fh = await halfYearOf([
      ["Kostnadsslag", "Post", "Budget"],
      ["Verksamhet", "Aktiviteter", { formula: "1000*2", value: 2000 }],
    ]);
    expect(editableFields(fh, fh.lines[0]!)).toEqual([]);
  });

  test("a cell under a merged area is not offered: Excel shows the area's first cell, and a value written there would not be seen", async () => {
    const mh = await halfYearOf(
      [
        [
          "Post",
          "Budget",
          "Tjänstgöringsgrad",
          "Antal månader",
          "Månadskostnad",
        ],
        ["Lönekostnader: Samordnare", null, "Se bilaga", null, 45000],
        ["Lönekostnader: Hälsofrämjare", null, 1, 6, 45000],
      ],
      // The note "Se bilaga" spans the % and the months of its line.
      ["C4:D4"],
    );
    expect(mh.lines.map((l) => [l.label, editableFields(mh, l)])).toEqual([
      ["Lönekostnader: Samordnare", ["servicePercent", "monthlyCost"]],
      [
        "Lönekostnader: Hälsofrämjare",
        ["servicePercent", "months", "monthlyCost"],
      ],
    ]);
    expect(mh.lines[0]!.hidden).toEqual(["months"]);
  });

  test("a person's text is read as the input's value, or refused", () => {
    expect(parseInput("servicePercent", "300 %")).toBe(300_000_000);
    expect(parseInput("servicePercent", "300")).toBe(300_000_000);
    expect(parseInput("servicePercent", "62,5")).toBe(62_500_000);
    expect(parseInput("months", "6 mån")).toBe(6_000_000);
    expect(parseInput("months", "7")).toBeNull();
    // As a line's cell reads them: months named, a month's cost saying so, "procent".
    expect(parseInput("months", "sep–dec")).toBe(4_000_000);
    expect(parseInput("months", "hela halvåret")).toBe(6_000_000);
    expect(parseInput("months", "jun–aug")).toBeNull();
    expect(parseInput("monthlyCost", "52 000 kr/mån")).toBe(5_200_000);
    expect(parseInput("budget", "52 000 kr/mån")).toBeNull();
    expect(parseInput("servicePercent", "50 procent")).toBe(50_000_000);
    expect(parseInput("monthlyCost", "52 000 kr")).toBe(5_200_000);
    expect(parseInput("budget", "1 011 578,45")).toBe(101_157_845);
    expect(parseInput("budget", "abc")).toBeNull();
    expect(parseInput("budget", "-5")).toBeNull();
    expect(parseInput("budget", "10 %")).toBeNull();
    // Thousands of kronor, as economists write them; the same 45 000 kr every way.
    for (const text of [
      "45 tkr",
      "45 tkr.",
      "45TKR",
      "45 000 kr",
      "45000",
      "45\u202f000\u00a0kr",
    ])
      expect(parseInput("monthlyCost", text)).toBe(4_500_000);
    expect(parseInput("budget", "12,5 tkr")).toBe(1_250_000);
    // One thousands separator, as in a cell; two decimals are öre.
    expect(parseInput("budget", "45.000")).toBe(4_500_000);
    expect(parseInput("monthlyCost", "45,000 kr")).toBe(4_500_000);
    expect(parseInput("budget", "45,50")).toBe(4_550);
    expect(parseInput("budget", "45 000,-")).toBe(4_500_000);
    expect(parseInput("servicePercent", "45 tkr")).toBeNull();
    expect(parseInput("months", "3 tkr")).toBeNull();
  });

  test("275 % → 300 % recomputes the half-year, the OH and the grants; the workbook's grids stay as they were", () => {
    const shown = analyze(withInputs(grids, base.workbook, [to300]));
    expect(total(base, "2026-H1")).toBe(110_964_900);
    expect(total(shown, "2026-H1")).toBe(118_389_900);
    expect(total(shown, "2025-H2")).toBe(110_964_900);
    expect(shown.computation.grantTotal - base.computation.grantTotal).toBe(
      7_425_000,
    );
    const line = shown.computation.halfYears[1]!.lines[0]!;
    expect([line.input.servicePercentMicro, line.effectiveBudget]).toEqual([
      300_000_000, 81_000_000,
    ]);
    // Nothing of the read grids changed (a later analysis of them is the workbook's).
    expect(total(analyze(grids), "2026-H1")).toBe(110_964_900);
  });

  test("changes that no longer apply are dropped: a line gone, a field that is not an input, the cell's own value", () => {
    const live = liveChanges(base.workbook, [
      to300,
      {
        sheet: "Budget 2026 H1",
        line: keyOfLine({ category: "salary", label: "Finns inte" }),
        field: "months",
        value: 1_000_000,
      },
      {
        sheet: "Budget 2026 H1",
        line: ACT,
        field: "servicePercent",
        value: 1_000_000,
      },
      {
        sheet: "Budget 2025 H2",
        line: ACT,
        field: "budget",
        value: 10_000_000,
      },
      { sheet: "Saknas", line: HF, field: "months", value: 1_000_000 },
    ]);
    expect(live).toEqual([to300]);
    // The last change of a field wins.
    expect(
      liveChanges(base.workbook, [to300, { ...to300, value: 310_000_000 }]),
    ).toEqual([{ ...to300, value: 310_000_000 }]);
  });

  test("written into the file: the percent cell keeps its format, the figures follow, nothing else changes", () => {
    const activities = {
      sheet: "Budget 2025 H2",
      line: ACT,
      field: "budget" as const,
      value: 12_500_000,
    };
    const { plan, writes } = planInputs(grids, base.workbook, [
      to300,
      activities,
    ]);
    expect(writes).toEqual([
      {
        sheet: "Budget 2026 H1",
        cell: "C4",
        label: "Hälsofrämjare",
        field: "servicePercent",
        before: 275_000_000,
        after: 300_000_000,
      },
      {
        sheet: "Budget 2025 H2",
        cell: "F6",
        label: "Verksamhetskostnader",
        field: "budget",
        before: 10_000_000,
        after: 12_500_000,
      },
    ]);
    const after = readXlsx(applyPlan(bytes, plan));
    const cell = after.sheets.find((g) => g.name === "Budget 2026 H1")!
      .rows[3]![2]!;
    expect(cell).toMatchObject({ t: "n", v: 3 });
    expect(cell.fmt).toContain("%");
    const a = analyze(after);
    expect(total(a, "2026-H1")).toBe(118_389_900);
    expect(total(a, "2025-H2")).toBe(110_964_900 + 2_750_000); // 25 000 + 10 % OH
    // The one new finding: the percent now differs between the half-years, so the period table weighs it.
    expect(toCheckJson("x", a).findings.map((f) => f.code)).toEqual([
      ...toCheckJson("x", base).findings.map((f) => f.code),
      "SERVICE_PERCENT_WEIGHTED",
    ]);
  });

  // Under "Antal tjänster" a plain number counts full-time posts: 300 % is 3 of them, not 300.
  test.each([
    ["Tjänstgöringsgrad", 275, 300],
    ["Antal tjänster", 2.75, 3],
  ])(
    "a percent typed plain under %j (%j, no percent format) is written so: %j",
    async (header, typed, written) => {
      const points = await buildXlsx([
        detailsSheet(),
        {
          name: "Budget 2026 H1",
          rows: [
            ["Period", "januari–juni 2026"],
            [],
            [
              "Kostnadsslag",
              "Post",
              header,
              "Antal månader",
              "Månadskostnad",
              "Budget",
            ],
            ["Lön", "Hälsofrämjare", typed, 6, kr(45000), null],
          ],
        },
      ]);
      const g = readXlsx(points);
      const { plan } = planInputs(g, readWorkbook(g).workbook, [to300]);
      const after = readXlsx(applyPlan(points, plan));
      expect(after.sheets[1]!.rows[3]![2]).toMatchObject({
        t: "n",
        v: written,
      });
      expect(
        analyze(after).computation.halfYears[0]!.lines[0]!.effectiveBudget,
      ).toBe(81_000_000);
    },
  );
});

test("a percent written into an empty cell with a look of its own (bold, no number format) is the fraction with a percent format, as the pane showed", async () => {
  const wb = new ExcelJS.Workbook();
  addSheets(wb, budgetWorkbook().slice(0, 3));
  // Hälsofrämjare's % in 2026 H1, emptied but still bold: the file keeps the cell with its style.
  const cell = wb.getWorksheet("Budget 2026 H1")!.getCell("C4");
  cell.value = null;
  cell.style = { font: { bold: true } };
  const file = new Uint8Array(await wb.xlsx.writeBuffer());
  const g = readXlsx(file);
  const model = readWorkbook(g).workbook;
  const written = applyPlan(file, planInputs(g, model, [to300]).plan);
  const after = readXlsx(written);
  expect(after.sheets[2]!.rows[3]![2]).toEqual({ t: "n", v: 3, fmt: "0%" });
  expect(toCheckJson("x", analyze(after))).toEqual(
    toCheckJson("x", analyze(withInputs(g, model, [to300]))),
  );
});

test("an amount written into a cell formatted as a percent gets an amount format over its own, the rest of its look kept", async () => {
  const wb = new ExcelJS.Workbook();
  addSheets(wb, budgetWorkbook().slice(0, 2));
  // The activity line's budget, 0 in a bold cell formatted as a percent: it reads as no amount.
  const cell = wb.getWorksheet("Budget 2025 H2")!.getCell("F6");
  cell.value = 0;
  cell.numFmt = "0%";
  cell.font = { bold: true };
  const file = new Uint8Array(await wb.xlsx.writeBuffer());
  const g = readXlsx(file);
  const activities: InputChange = {
    sheet: "Budget 2025 H2",
    line: ACT,
    field: "budget",
    value: 12_500_000,
  };
  const model = readWorkbook(g).workbook;
  const { plan } = planInputs(g, model, [activities]);
  const written = applyPlan(file, plan);
  const after = readXlsx(written);
  expect(after.sheets[1]!.rows[5]![5]).toEqual({
    t: "n",
    v: 125_000,
    fmt: "#,##0",
  });
  // What the pane showed is what the file now gives.
  expect(toCheckJson("x", analyze(readXlsx(written)))).toEqual(
    toCheckJson("x", analyze(withInputs(g, model, [activities]))),
  );
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(written as unknown as ExcelJS.Buffer);
  expect(back.getWorksheet("Budget 2025 H2")!.getCell("F6").font?.bold).toBe(
    true,
  );
});

describe("scenarios stored in the workbook", () => {
  async function saved(): Promise<Uint8Array> {
    const first = applyPlan(
      bytes,
      planScenarioSave(
        grids,
        analyze(withInputs(grids, base.workbook, [to300])).workbook,
        "300 procent",
        "2026-11-30 10:00",
      ),
    );
    const g = readXlsx(first);
    return applyPlan(
      first,
      planScenarioSave(
        g,
        analyze(g).workbook,
        "Som ansökt",
        "2026-11-30 10:05",
      ),
    );
  }

  test("saved on a hidden sheet, read back with every line's inputs; the workbook's own figures and findings are as before", async () => {
    const file = await saved();
    const workbookXml = strFromU8(unzipSync(file)["xl/workbook.xml"]!);
    expect(workbookXml).toMatch(
      new RegExp(`<sheet name="${SCENARIO_SHEET}"[^>]*state="veryHidden"`),
    );
    const g = readXlsx(file);
    const scenarios = readScenarios(g);
    expect(scenarios.map((s) => [s.name, s.saved, s.inputs.length])).toEqual([
      // Per half-year: two salary lines × 3 inputs, and the activities' budget.
      ["300 procent", "2026-11-30 10:00", 14],
      ["Som ansökt", "2026-11-30 10:05", 14],
    ]);
    expect(
      scenarios[0]!.inputs.find(
        (i) =>
          i.sheet === "Budget 2026 H1" &&
          i.line === HF &&
          i.field === "servicePercent",
      )!.value,
    ).toBe(300_000_000);
    const a = analyze(g);
    expect(a.computation.grantTotal).toBe(base.computation.grantTotal);
    expect(toCheckJson("x", a).findings).toEqual(
      toCheckJson("x", base).findings,
    );
  });

  test("the add-in's sheet is found by its mark: renamed, it is read and saved where it is; a person's sheet of that name is left alone", async () => {
    const g = readXlsx(await saved());
    const ours = g.sheets.find((x) => x.name === SCENARIO_SHEET)!;
    // Renamed by a person: still the add-in's, by the mark in A1.
    const renamed: WorkbookGrids = {
      sheets: g.sheets.map((x) =>
        x === ours ? { ...x, name: "Mina scenarier" } : x,
      ),
    };
    expect(scenarioSheet(renamed)).toEqual({
      sheet: "Mina scenarier",
      renamed: true,
      kept: null,
      target: "Mina scenarier",
    });
    expect(readScenarios(renamed).map((x) => x.name)).toEqual([
      "300 procent",
      "Som ansökt",
    ]);
    const resave = planScenarioSave(
      renamed,
      analyze(renamed).workbook,
      "Tredje",
      "2026-12-03 09:00",
    );
    expect(resave.creates[0]).toMatchObject({
      sheet: "Mina scenarier",
      replaces: true,
      owner: "Scenarier",
    });
    // Not read as a half-year under its new name either.
    expect(analyze(renamed).computation.grantTotal).toBe(
      base.computation.grantTotal,
    );

    // A person's own sheet called IOP-scenarier (no mark): theirs, not read, not written.
    const person: WorkbookGrids = {
      sheets: [
        ...grids.sheets,
        {
          name: "IOP-scenarier",
          rows: [[{ t: "s", v: "Mina anteckningar om scenarier" }]],
        },
      ],
    };
    expect(readScenarios(person)).toEqual([]);
    expect(scenarioSheet(person)).toEqual({
      sheet: null,
      renamed: false,
      kept: "IOP-scenarier",
      target: "IOP-scenarier (2)",
    });
    const beside = planScenarioSave(
      person,
      base.workbook,
      "Första",
      "2026-12-03 09:00",
    );
    expect(beside.creates[0]).toMatchObject({
      sheet: "IOP-scenarier (2)",
      replaces: false,
      kept: "IOP-scenarier",
    });
    // Through a file: the person's sheet is as it was, the scenarios are on the add-in's.
    const file = await buildXlsx([
      ...budgetWorkbook({ typedSalaries: false }),
      { name: "IOP-scenarier", rows: [["Mina anteckningar om scenarier"]] },
    ]);
    const read = readXlsx(file);
    const after = readXlsx(
      applyPlan(
        file,
        planScenarioSave(
          read,
          analyze(read).workbook,
          "Första",
          "2026-12-03 09:00",
        ),
      ),
    );
    expect(after.sheets.find((x) => x.name === "IOP-scenarier")!.rows).toEqual(
      read.sheets.find((x) => x.name === "IOP-scenarier")!.rows,
    );
    expect(readScenarios(after).map((x) => x.name)).toEqual(["Första"]);
    expect(scenarioSheet(after).sheet).toBe("IOP-scenarier (2)");
  });

  test("scenarios whose sheet is gone are said: the names last saved, while no sheet of the add-in's is there", async () => {
    const g = readXlsx(await saved());
    expect(lostScenarios(g, ["300 procent", "Som ansökt"])).toEqual([]);
    const gone: WorkbookGrids = {
      sheets: g.sheets.filter((x) => x.name !== SCENARIO_SHEET),
    };
    expect(lostScenarios(gone, ["300 procent", "Som ansökt"])).toEqual([
      "300 procent",
      "Som ansökt",
    ]);
    // Nothing remembered (a workbook from before), or something else in the setting: nothing said.
    expect(lostScenarios(gone, undefined)).toEqual([]);
    expect(lostScenarios(gone, "300 procent")).toEqual([]);
  });

  test("saving under a name again replaces that scenario only", async () => {
    const file = await saved();
    const g = readXlsx(file);
    const again = readXlsx(
      applyPlan(
        file,
        planScenarioSave(
          g,
          analyze(g).workbook,
          "300 PROCENT ",
          "2026-11-30 11:00",
        ),
      ),
    );
    expect(readScenarios(again).map((s) => [s.name, s.saved])).toEqual([
      ["Som ansökt", "2026-11-30 10:05"],
      ["300 PROCENT", "2026-11-30 11:00"],
    ]);
    expect(again.sheets.filter((s) => s.name === SCENARIO_SHEET)).toHaveLength(
      1,
    );
  });

  test("applied: only what differs from the cells; compared line by line with the workbook", async () => {
    const g = readXlsx(await saved());
    const model = readWorkbook(g).workbook;
    const scenario = findScenario(readScenarios(g), "300 procent")!;
    const { changes, missing } = scenarioChanges(scenario, model);
    expect(changes).toEqual([{ ...to300, label: "Hälsofrämjare" }]);
    expect(missing).toEqual([]);
    const as = analyze(withInputs(g, model, changes));
    expect(total(as, "2026-H1")).toBe(118_389_900);
    const c = compareAnalyses(analyze(g), as);
    const h1 = c.halfYears.find((h) => h.id === "2026-H1")!;
    expect(h1.total).toEqual({ a: 110_964_900, b: 118_389_900 });
    expect(h1.lines).toEqual([
      {
        label: "Hälsofrämjare",
        budget: { a: 74_250_000, b: 81_000_000 },
        inputs: [{ field: "servicePercent", a: 275_000_000, b: 300_000_000 }],
      },
      {
        label: "OH-kostnader",
        budget: { a: 10_087_700, b: 10_762_700 },
        inputs: [],
      },
    ]);
    expect(h1.same).toBe(2);
    expect(c.halfYears.find((h) => h.id === "2025-H2")!.lines).toEqual([]);
    expect(c.grantTotal).toEqual({ a: 221_929_800, b: 229_354_800 });
    // A scenario whose line was removed from the workbook says so.
    const fewer = readWorkbook(
      readXlsx(
        await buildXlsx(
          budgetWorkbook({ typedSalaries: false }).map((s) =>
            s.name === "Budget 2026 H1"
              ? { ...s, rows: s.rows.filter((r) => r[1] !== "Hälsofrämjare") }
              : s,
          ),
        ),
      ),
    ).workbook;
    expect(scenarioChanges(scenario, fewer).missing).toEqual([
      "Budget 2026 H1: Hälsofrämjare",
    ]);
  });

  test("a scenario sheet edited by hand: unreadable rows are left out, never an error", () => {
    const g: WorkbookGrids = {
      sheets: [
        {
          name: SCENARIO_SHEET,
          rows: [
            [{ t: "s", v: `${SCENARIO_MARK} (edited)` }],
            [{ t: "s", v: "Scenario" }],
            [
              { t: "s", v: "A" },
              { t: "s", v: "x" },
              { t: "s", v: "Budget 2026 H1" },
              { t: "s", v: "Lönekostnad" },
              { t: "s", v: "Hälsofrämjare" },
              { t: "s", v: "Antal månader" },
              { t: "n", v: 5 },
            ],
            [
              { t: "s", v: "A" },
              { t: "s", v: "x" },
              { t: "s", v: "Budget 2026 H1" },
              { t: "s", v: "Lönekostnad" },
              { t: "s", v: "Hälsofrämjare" },
              { t: "s", v: "Okänt fält" },
              { t: "n", v: 5 },
            ],
            [
              { t: "s", v: "A" },
              { t: "s", v: "x" },
              { t: "s", v: "Budget 2026 H1" },
              { t: "s", v: "Lönekostnad" },
              { t: "s", v: "Hälsofrämjare" },
              { t: "s", v: "Antal månader" },
              { t: "s", v: "fem" },
            ],
            undefined,
          ],
        },
      ],
    };
    expect(readScenarios(g)).toEqual([
      {
        name: "A",
        saved: "x",
        inputs: [
          {
            sheet: "Budget 2026 H1",
            line: HF,
            field: "months",
            value: 5_000_000,
            label: "Hälsofrämjare",
          },
        ],
      },
    ]);
    expect(readScenarios({ sheets: [] })).toEqual([]);
  });
});

/** Pick numbers, an amount and öre for each change the property makes. */
const picksArb = fc.array(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 300 }), fc.nat(99)),
  { minLength: 1, maxLength: 4 },
);

/**
 * The inputs the pane offers in a workbook as read: each line's and each person's in Lönekalkyl,
 * with the unit of a whole value of each field.
 */
function offeredInputs(
  model: BudgetWorkbook,
): { sheet: string; line: string; field: ChangeField }[] {
  const lines: { sheet: string; line: string; field: ChangeField }[] =
    model.halfYears.flatMap((h) =>
      h.lines.flatMap((line) =>
        editableFields(h, line).map((field) => ({
          sheet: h.sheet,
          line: keyOfLine(line),
          field,
        })),
      ),
    );
  const salaries = model.salaries;
  if (!salaries) return lines;
  const persons = [...personKeys(salaries)].flatMap(([line, person]) =>
    editablePersonFields(salaries, person).map((field) => ({
      sheet: salaries.sheet,
      line,
      field,
    })),
  );
  return [...lines, ...persons];
}

/** A change's value from the numbers picked: whole units of the field, öre in a budget. */
function pickedValue(
  field: ChangeField,
  amount: number,
  cents: number,
): number {
  switch (field) {
    case "months":
      return (1 + (amount % 6)) * 1_000_000;
    case "servicePercent":
      return amount * 1_000_000;
    case "grade":
      return (1 + (amount % 100)) * 1_000_000;
    case "monthlyCost":
      return amount * 100_000;
    case "monthlySalary":
      return (15_000 + amount * 100) * 100;
    case "budget":
      return amount * 100_000 + cents;
    case "from":
    case "to":
      // A start in the first half of 2024, an end from March 2025 (after every start the workbooks
      // have: dates the wrong way round read as none), or the date left open.
      return amount % 7 === 0
        ? 0
        : field === "from"
          ? isoToSerial("2024-01-01") + (amount % 180)
          : isoToSerial("2025-03-02") + amount;
  }
}

/**
 * A random workbook as a file and as read, and changes to inputs the pane offers (whole units of
 * each field, and öre in a budget); null when it cannot be read or offers no input.
 */
function withChanges(
  bytes: Uint8Array,
  picks: readonly (readonly [number, number, number])[],
): {
  bytes: Uint8Array;
  grids: WorkbookGrids;
  model: BudgetWorkbook;
  changes: InputChange[];
} | null {
  let grids: WorkbookGrids;
  try {
    grids = readXlsx(bytes);
  } catch {
    return null;
  }
  const model = readWorkbook(grids).workbook;
  const offered = offeredInputs(model);
  if (offered.length === 0) return null;
  const changes = picks.map(([k, amount, cents]): InputChange => {
    const o = offered[k % offered.length]!;
    return { ...o, value: pickedValue(o.field, amount, cents) };
  });
  return { bytes, grids, model, changes };
}

/**
 * The sheets with TRUE and FALSE as text: Calc counts TRUE as 1 in a SUM of cells, where Excel
 * (whose figures the what-if follows) passes it over, as it does text.
 */
const withoutBooleans = (sheets: readonly Grid[]): Grid[] =>
  sheets.map((g) => ({
    ...g,
    rows: g.rows.map((row) =>
      row?.map((c): Cell | undefined =>
        c?.t === "b" ? { t: "s", v: c.v ? "SANT" : "FALSKT" } : c,
      ),
    ),
  }));

/**
 * The check's JSON, the error a cell shows named as an error: which of several errors a SUM over
 * them shows is each spreadsheet's own order (random formulas here sum cells of #NAME? and
 * #VALUE!), not a figure.
 */
function comparable(a: Analysis): unknown {
  const json = toCheckJson("a.xlsx", a) as { findings: { code: string }[] };
  return {
    ...json,
    findings: json.findings.map((f) =>
      f.code === "CELL_ERROR"
        ? JSON.parse(JSON.stringify(f).replace(/#[A-Z0-9/]+[!?]?/g, "#FEL"))
        : f,
    ),
  };
}

test("a what-if shows exactly what the workbook gives once its values are typed and its formulas worked out (LibreOffice, a sample)", async () => {
  // The workbooks as a spreadsheet saves them (every formula's value worked out), the what-if on
  // each, and the same values written in and the file worked out again: what Excel shows once a
  // person types them.
  const samples = fc.sample(fc.tuple(formulaWorkbook, picksArb), {
    numRuns: 120,
    seed: 20261206,
  });
  const files = recalculateAllWithLibreOffice(
    await Promise.all(
      samples.map(([sheets]) => xlsxOf(withoutBooleans(sheets))),
    ),
  );
  const made = files.flatMap((bytes, i) => {
    const m = withChanges(bytes, samples[i]![1]);
    return m ? [m] : [];
  });
  const written = recalculateAllWithLibreOffice(
    made.map(({ bytes, grids, model, changes }) =>
      applyPlan(bytes, planInputs(grids, model, changes).plan),
    ),
  );
  expect(made.length).toBeGreaterThan(60);
  // Persons' inputs are among the changes, and formulas follow them.
  expect(
    made.filter((m) => m.changes.some((c) => isPersonField(c.field))).length,
  ).toBeGreaterThan(10);
  made.forEach(({ grids, model, changes }, i) => {
    const shown = analyze(withInputs(grids, model, changes));
    expect({ changes, check: comparable(shown) }).toEqual({
      changes,
      check: comparable(analyze(readXlsx(written[i]!))),
    });
  });
}, 300_000);

test("the written what-if compared with the workbook (diff) names exactly the cells it wrote, with their values (property)", async () => {
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(formulaWorkbook, picksArb, async (sheets, picks) => {
      const made = withChanges(await xlsxOf(sheets), picks);
      if (!made) return;
      const { bytes, grids, model, changes } = made;
      const { plan, writes } = planInputs(grids, model, changes);
      const written = analyze(readXlsx(applyPlan(bytes, plan)));
      // Each cell's last write; a value written as it was is no change.
      const shown = (field: string, v: number | null) =>
        v === null
          ? null
          : field === "from" || field === "to"
            ? v === 0
              ? null
              : serialToIso(v)
            : field === "servicePercent" ||
                field === "months" ||
                field === "grade"
              ? v / 1_000_000
              : v / 100;
      const expected = new Map<
        string,
        { old: number | string | null; new: number | string | null }
      >();
      for (const w of writes) {
        const key = `${w.sheet}!${w.cell} ${w.field}`;
        expected.set(key, {
          old: expected.get(key)?.old ?? shown(w.field, w.before),
          new: shown(w.field, w.after),
        });
      }
      for (const [key, v] of expected)
        if (v.old === v.new) expected.delete(key);
      const diff = diffWorkbooks(analyze(grids), written);
      const named = new Map(
        diff.changes.map((c) => [
          `${c.sheet}!${c.cell} ${c.field}`,
          { old: c.old, new: c.new },
        ]),
      );
      // A line's cell that holds a person's formula over what was written (an actual of
      // =B4*2 over a salary budget the grade moves) is named too: its figure moved with it.
      const formulas = new Set(
        written.computation.halfYears.flatMap((h) =>
          h.lines.flatMap(({ input: l }) =>
            Object.keys(l.formulas).map(
              (key) =>
                `${h.source.sheet}!${cellOf(h.source, l.row, key as ColumnKey)} ${key}`,
            ),
          ),
        ),
      );
      expect(
        new Map(
          [...named].filter(([key]) => !formulas.has(key) || expected.has(key)),
        ),
      ).toEqual(expected);
      // None where no half-year was read (hasFigures), as every face shows it.
      expect(diff.effects.repayment.new).toBe(
        hasFigures(written) ? written.computation.repayment.total / 100 : null,
      );
      compared++;
    }),
    { numRuns: 120 },
  );
  expect(compared).toBeGreaterThan(60);
});

describe("what-if on the persons of the template's Lönekalkyl", () => {
  const key = (model: BudgetWorkbook, name: string) =>
    [...personKeys(model.salaries!)].find(([, p]) => p.name === name)![0];
  const lines = (a: Analysis) =>
    a.computation.halfYears.map((h) =>
      h.lines.map((l) => [
        l.input.label,
        l.effectiveBudget,
        l.input.servicePercentMicro,
      ]),
    );

  test("a grade, a salary and dates changed: the lines, the OH and the totals are what the workbook gives once they are typed and worked out (LibreOffice), with no finding", () => {
    const bytes = templateAsSaved();
    const grids = readXlsx(bytes);
    const model = readWorkbook(grids).workbook;
    const changes: InputChange[] = [
      ["Hälsofrämjare 3", "grade", parseInput("grade", "100 %")!],
      [
        "Hälsofrämjare 1",
        "monthlySalary",
        parseInput("monthlySalary", "36 000 kr")!,
      ],
      ["Samordnare", "from", parseInput("from", "2026-09-16")!],
      ["Hälsofrämjare 2", "to", parseInput("to", "2027-03-31")!],
    ].map(([name, field, value]) => ({
      sheet: "Lönekalkyl",
      line: key(model, name as string),
      field: field as ChangeField,
      value: value as number,
    }));
    const shown = analyze(withInputs(grids, model, changes));
    const { plan, writes } = planInputs(grids, model, changes);
    expect(writes.map((w) => `${w.sheet}!${w.cell} ${w.label}`)).toEqual([
      "Lönekalkyl!E6 Hälsofrämjare 3",
      "Lönekalkyl!D4 Hälsofrämjare 1",
      "Lönekalkyl!F7 Samordnare",
      "Lönekalkyl!G5 Hälsofrämjare 2",
    ]);
    const typed = analyze(
      readXlsx(recalculateWithLibreOffice(applyPlan(bytes, plan))),
    );
    expect(toCheckJson("a.xlsx", shown)).toEqual(toCheckJson("a.xlsx", typed));
    expect(shown.findings.filter((f) => f.severity !== "info")).toEqual([]);
    // The line's SUMIF of grades follows (275 % → 300 %), its budget the persons' costs.
    expect(lines(shown)[0]![0]).toEqual([
      "Hälsofrämjare",
      80_036_000,
      300_000_000,
    ]);
    expect(lines(analyze(grids))[0]![0]).toEqual([
      "Hälsofrämjare",
      72_362_300,
      275_000_000,
    ]);
  }, 120_000);

  test("an activity's budget changed in the template: its OH formula and Summa row follow, as in Excel, and say nothing (they said SUM_MISMATCH and OH_FORMULA_STALE)", () => {
    const grids = readXlsx(templateAsSaved());
    const model = readWorkbook(grids).workbook;
    const change: InputChange = {
      sheet: "Budget 2026 H2",
      line: ACT,
      field: "budget",
      value: 20_000_000,
    };
    const shown = analyze(withInputs(grids, model, [change]));
    expect(shown.findings.filter((f) => f.severity !== "info")).toEqual([]);
    const h = shown.computation.halfYears[0]!;
    // 10 % OH on the lines: (723 623 + 173 149 + 200 000) × 10 % = 109 677 kr.
    expect(h.lines.map((l) => l.effectiveBudget)).toEqual([
      72_362_300, 17_314_900, 20_000_000, 10_967_700,
    ]);
    expect(h.budget.total).toBe(120_644_900);
  }, 120_000);

  test("computed with the changes (the page's download): the file as written, and as LibreOffice works it out, gives the what-if's figures", () => {
    const bytes = templateAsSaved();
    const grids = readXlsx(bytes);
    const model = readWorkbook(grids).workbook;
    const changes: InputChange[] = [
      {
        sheet: "Lönekalkyl",
        line: key(model, "Hälsofrämjare 3"),
        field: "grade",
        value: 100_000_000,
      },
      {
        sheet: "Budget 2026 H2",
        line: ACT,
        field: "budget",
        value: 25_000_000,
      },
    ];
    const figures = (a: Analysis) => ({
      totals: a.computation.halfYears.map((h) => h.budget.total),
      findings: a.findings
        .filter((f) => f.severity !== "info")
        .map((f) => `${f.code} ${f.sheet ?? ""}!${f.cell ?? ""}`),
    });
    const shown = figures(analyze(withInputs(grids, model, changes)));
    const written = applyPlan(
      bytes,
      planCompute(
        grids,
        { at: "2026-12-06 10:00", version: "1.0.0", source: "mall.xlsx" },
        "file",
        changes,
      ),
    );
    expect(shown).toEqual({ totals: [132_772_100, 116_272_100], findings: [] });
    expect(figures(analyze(readXlsx(written)))).toEqual(shown);
    expect(
      figures(analyze(readXlsx(recalculateWithLibreOffice(written)))),
    ).toEqual(shown);
  }, 120_000);

  test("what a person offers: the columns the sheet has, not a formula; typed text read as a value of its kind", () => {
    const grids = readXlsx(templateAsSaved());
    const model = readWorkbook(grids).workbook;
    const person = model.salaries!.persons[0]!;
    expect(editablePersonFields(model.salaries!, person)).toEqual([
      "grade",
      "monthlySalary",
      "from",
      "to",
    ]);
    const sheet = grids.sheets.find((g) => g.name === "Lönekalkyl")!;
    const row = [...sheet.rows[3]!];
    row[4] = { t: "n", v: 1, f: "Uppgifter!B20" };
    const formula = readWorkbook({
      sheets: grids.sheets.map((g) =>
        g === sheet
          ? { ...g, rows: [...g.rows.slice(0, 3), row, ...g.rows.slice(4)] }
          : g,
      ),
    }).workbook;
    expect(
      editablePersonFields(formula.salaries!, formula.salaries!.persons[0]!),
    ).toEqual(["monthlySalary", "from", "to"]);
    expect([
      parseInput("grade", "75"),
      parseInput("monthlySalary", "36 tkr"),
      parseInput("from", "1/9 2026"),
      parseInput("to", "tills vidare"),
      parseInput("to", ""),
      parseInput("from", "snart"),
    ]).toEqual([75_000_000, 3_600_000, isoToSerial("2026-09-01"), 0, 0, null]);
  }, 120_000);

  test("saved in a scenario with the persons' names, read back, applied and compared: the person's change is named on the line", () => {
    const grids = readXlsx(templateAsSaved());
    const model = readWorkbook(grids).workbook;
    const change: InputChange = {
      sheet: "Lönekalkyl",
      line: key(model, "Hälsofrämjare 3"),
      field: "grade",
      value: 100_000_000,
    };
    const changed = withInputs(grids, model, [change]);
    const plan = planScenarioSave(
      grids,
      readWorkbook(changed).workbook,
      "Heltid",
      "2026-12-06 10:00",
    );
    const sheet = plan.creates[0]!;
    const cell = (row: number, col: number) =>
      sheet.cells.find((c) => c.row === row && c.col === col)?.value;
    expect(cell(1, 7)).toEqual({ kind: "text", value: "Namn" });
    const stored = { name: sheet.sheet, rows: [] as Cell[][] };
    for (const c of sheet.cells) {
      const row = (stored.rows[c.row] ??= []);
      row[c.col] =
        c.value.kind === "number"
          ? { t: "n", v: c.value.value }
          : { t: "s", v: c.value.kind === "text" ? c.value.value : "" };
    }
    const withSheet = {
      sheets: [...grids.sheets, { ...stored, rows: stored.rows }],
    };
    const [scenario] = readScenarios(withSheet);
    const person = scenario!.inputs.find(
      (i) => i.label === "Hälsofrämjare 3" && i.field === "grade",
    )!;
    expect(person).toEqual({ ...change, label: "Hälsofrämjare 3" });
    const { changes, missing } = scenarioChanges(scenario!, model);
    expect([changes, missing]).toEqual([[person], []]);
    const c = compareAnalyses(analyze(grids), analyze(changed));
    expect(c.halfYears[0]!.lines[0]).toEqual({
      label: "Hälsofrämjare",
      budget: { a: 72_362_300, b: 78_387_000 },
      inputs: [
        { field: "servicePercent", a: 275_000_000, b: 300_000_000 },
        {
          field: "grade",
          a: 75_000_000,
          b: 100_000_000,
          person: "Hälsofrämjare 3",
        },
      ],
    });
  }, 120_000);
});
