// The Office.js adapter against the strict Excel fake: real budget grids in, the exact cells out,
// and a sync count that does not grow with lines or sheets.

import {
  type WorkbookGrids,
  analyze,
  keyOfLine,
  planCompute,
  planInputs,
  planWrite,
  readWorkbook,
  selectionFor,
  toCheckJson,
  withInputs,
} from "../../src/core";
import {
  applyPlan,
  formulaInput,
  readGrids,
  runsOf,
  selectCell,
} from "../../src/excel/workbook";
import { readXlsx } from "../../src/xlsx/read";
import { STAMP } from "../helpers/compute";
import {
  budgetWorkbook,
  detailsSheet,
  reportWithOldBudget,
  reportWorkbook,
} from "../helpers/seed";
import { FakeExcel, snapshot } from "../helpers/strict-excel";
import { type SheetSpec, buildXlsx, kr, pct } from "../helpers/workbook";

const ALL = {
  merges: true,
  customProperties: true,
  validations: true,
  hiddenCells: true,
};

async function gridsOf(sheets: SheetSpec[]): Promise<WorkbookGrids> {
  return readXlsx(await buildXlsx(sheets));
}

describe("reading the open workbook", () => {
  test("gives the same grids, so the same figures, as reading the file", async () => {
    const grids = await gridsOf(budgetWorkbook({ typedSalaries: false }));
    const x = FakeExcel.from(grids.sheets);
    const read = await readGrids(x.context(), ALL);
    expect(read.sheets.map((s) => s.name)).toEqual(
      grids.sheets.map((s) => s.name),
    );
    const a = analyze(read).computation.halfYears.map((h) => h.budget);
    expect(a).toEqual(
      analyze(grids).computation.halfYears.map((h) => h.budget),
    );
    expect(a[0]!.total).toBe(110964900);
  });
});

test("a hidden copy of a half-year in the open workbook is not read, as in the file", async () => {
  const [details, h2, h1] = budgetWorkbook();
  const grids = await gridsOf([
    details!,
    { ...h2!, name: "Budget 2025 H2 gammal" },
    h2!,
    h1!,
  ]);
  const x = FakeExcel.from(grids.sheets);
  x.sheet("Budget 2025 H2 gammal").visibility = "Hidden";
  const read = await readGrids(x.context(), ALL);
  expect(
    analyze(read).findings.map((f) => `${f.code} ${f.sheet ?? ""}`),
  ).toEqual(["HIDDEN_SHEET_NOT_READ Budget 2025 H2 gammal"]);
});

describe("applying the write plan", () => {
  test("writes the derived budgets as formulas at the exact cells, and creates Beslut", async () => {
    const grids = await gridsOf(budgetWorkbook({ typedSalaries: false }));
    const x = FakeExcel.from(grids.sheets);
    const before = new Map(x.sheet("Budget 2025 H2").cells);
    const read = await readGrids(x.context(), ALL);
    await applyPlan(
      x.context(),
      planWrite(read, analyze(read), STAMP),
      read,
      ALL,
    );
    expect(x.cell("Budget 2025 H2", "F4")?.formula).toBe("=ROUND(C4*D4*E4,0)");
    expect(x.cell("Budget 2025 H2", "F5")?.formula).toBe("=ROUND(C5*D5*E5,0)");
    expect(x.cell("Budget 2025 H2", "F7")?.formula).toBe(
      "=ROUND('Uppgifter'!$B$7*SUM(F4:F6),0)",
    );
    expect(x.cell("Budget 2026 H1", "I4")?.formula).toBe(
      '=IF(G4="","",IF(G4>F4,"Överskriden","Inom budget"))',
    );
    // Typed cells are never written.
    for (const [k, cell] of before)
      expect(x.sheet("Budget 2025 H2").cells.get(k)).toEqual(cell);
    expect(x.sheets.map((s) => s.name)).toContain("Beslut");
    expect(x.cell("Beslut", "A1")?.value).toBe(
      "Beslutsunderlag: Jämlik hälsa Lindängen",
    );
    expect(
      x
        .sheet("Budget 2025 H2")
        .conditionalFormats.map((c) => [c.range, c.formula]),
    ).toContainEqual(["G4:G7", "=AND(ISNUMBER($G4),$G4>$F4)"]);
  });

  test("a file's plan gives a person's helper its new value; in Excel, which works it out itself, that costs no write", async () => {
    const grids = await gridsOf(
      budgetWorkbook({ typedSalaries: false }).map((s) =>
        s.name === "Budget 2025 H2"
          ? {
              ...s,
              rows: s.rows.map((row, r) =>
                r === 3
                  ? [
                      ...row,
                      null,
                      null,
                      null,
                      null,
                      { formula: "F4/6", result: 0 },
                    ]
                  : row,
              ),
            }
          : s,
      ),
    );
    const writes = async (to: "file" | "excel") => {
      const x = FakeExcel.from(grids.sheets);
      const read = await readGrids(x.context(), ALL);
      const plan = planCompute(read, STAMP, to);
      await applyPlan(x.context(), plan, read, ALL);
      return {
        shown: plan.edits
          .flatMap((e) => e.cells)
          .filter((c) => c.value.kind === "shown").length,
        writes: x.syncs.reduce((n, s) => n + s.writes, 0),
        helper: x.cell("Budget 2025 H2", "K4")?.formula,
      };
    };
    const file = await writes("file");
    expect(file.shown).toBe(1);
    expect(file).toEqual({ ...(await writes("excel")), shown: 1 });
    expect(file.helper).toBe("=F4/6");
  });

  test("text from the workbook is written as text, never as a formula", () => {
    expect(
      formulaInput({ kind: "text", value: '=HYPERLINK("http://x")' }),
    ).toBe('\'=HYPERLINK("http://x")');
    expect(formulaInput({ kind: "text", value: "+46 40 34 10 00" })).toBe(
      "'+46 40 34 10 00",
    );
    expect(
      formulaInput({ kind: "formula", formula: "SUM(A1:A2)", cached: 3 }),
    ).toBe("=SUM(A1:A2)");
  });

  test("the add-in's own Beslut is cleared and rewritten, not added again", async () => {
    const x = FakeExcel.from((await gridsOf(reportWorkbook())).sheets);
    for (let run = 0; run < 2; run++) {
      const read = await readGrids(x.context(), ALL);
      await applyPlan(
        x.context(),
        planWrite(read, analyze(read), STAMP),
        read,
        ALL,
      );
    }
    // Something stale left on the add-in's sheet is gone after the next run.
    x.sheet("Beslut").cells.set("200,0", { value: "gammalt" });
    const read = await readGrids(x.context(), ALL);
    await applyPlan(
      x.context(),
      planWrite(read, analyze(read), STAMP),
      read,
      ALL,
    );
    expect(
      x.sheets.filter((s) => /^Beslut/.test(s.name)).map((s) => s.name),
    ).toEqual(["Beslut"]);
    expect(x.cell("Beslut", "A201")).toBeUndefined();
    expect(x.cell("Beslut", "A1")?.value).toBe(
      "Beslutsunderlag: Jämlik hälsa Lindängen",
    );
  });

  test("cells are written in column runs, not one request per cell", () => {
    const cells = [0, 1, 2, 5].map((row) => ({
      row,
      col: 3,
      value: { kind: "number" as const, value: row },
    }));
    expect(runsOf(cells).map((r) => [r.row, r.cells.length])).toEqual([
      [0, 3],
      [5, 1],
    ]);
  });
});

describe("the number of context.sync() calls", () => {
  function bigWorkbook(sheets: number, lines: number): SheetSpec[] {
    const out: SheetSpec[] = [
      detailsSheet({
        start: "2020-01-01",
        end: `${2020 + Math.ceil(sheets / 2) - 1}-12-31`,
      }),
    ];
    for (let s = 0; s < sheets; s++) {
      const rows = [
        [
          "Kostnadsslag",
          "Post",
          "Tjänstgöringsgrad",
          "Antal månader",
          "Månadskostnad",
          "Budget",
          "Utfall",
        ],
      ] as SheetSpec["rows"][number][];
      for (let i = 0; i < lines; i++)
        rows.push(
          i % 2
            ? ["Lön", `Tjänst ${i}`, pct(0.5), 6, kr(30000)]
            : ["Verksamhet", `Aktivitet ${i}`, null, null, null, kr(1000 + i)],
        );
      rows.push(["OH", "OH-kostnader"]);
      out.push({
        name: `Budget ${2020 + Math.floor(s / 2)} H${(s % 2) + 1}`,
        rows,
      });
    }
    return out;
  }

  async function syncsFor(sheets: number, lines: number): Promise<number> {
    const grids = await gridsOf(bigWorkbook(sheets, lines));
    const x = FakeExcel.from(grids.sheets);
    const read = await readGrids(x.context(), ALL);
    const analysis = analyze(read);
    // The counts mean something only when every line was read and written.
    expect(analysis.computation.halfYears.map((h) => h.lines.length)).toEqual(
      new Array(sheets).fill(lines + 1),
    );
    await applyPlan(x.context(), planWrite(read, analysis, STAMP), read, ALL);
    expect(x.syncs.reduce((n, s) => n + s.writes, 0)).toBeGreaterThan(
      sheets * 3,
    );
    return x.syncs.length;
  }

  test("is the same for 10 lines and 10 000 lines over 20 sheets, and for 1 and 20 sheets: 2 to read, 2 to write", async () => {
    const counts = {
      small: await syncsFor(1, 10),
      manySheets: await syncsFor(20, 10),
      large: await syncsFor(20, 500),
    };
    expect(counts).toEqual({ small: 4, manySheets: 4, large: 4 });
  });
});

describe("merged cells (ExcelApi 1.13)", () => {
  test("a merged key in Uppgifter finds its value to the right of the merge", async () => {
    const details: SheetSpec = {
      name: "Uppgifter",
      rows: [
        ["Partnerskap", null, "Jämlik hälsa Lindängen"],
        ["OH-sats", null, "10 %"],
        ["Avtalsperiod från", null, "2025-07-01"],
        ["Avtalsperiod till", null, "2025-12-31"],
      ],
      merges: ["A1:B1", "A2:B2", "A3:B3", "A4:B4"],
    };
    const grids = await gridsOf([details, budgetWorkbook()[1]!]);
    const x = FakeExcel.from(grids.sheets);
    const read = await readGrids(x.context(), { merges: true });
    expect(read.sheets[0]!.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 1 },
      { top: 1, left: 0, bottom: 1, right: 1 },
      { top: 2, left: 0, bottom: 2, right: 1 },
      { top: 3, left: 0, bottom: 3, right: 1 },
    ]);
    const agreement = analyze(read).computation.agreement;
    expect([
      agreement.name,
      agreement.overheadRatePpm,
      agreement.start,
    ]).toEqual(["Jämlik hälsa Lindängen", 100_000, "2025-07-01"]);
  });
});

describe("what-if written in Excel", () => {
  test("an amount written into a cell formatted as a percent gets an amount format over its own, its bold kept", async () => {
    const grids = await gridsOf(budgetWorkbook());
    const x = FakeExcel.from(grids.sheets);
    Object.assign(x.cell("Budget 2025 H2", "F6")!, {
      value: 0,
      numberFormat: "0%",
      bold: true,
    });
    const read = await readGrids(x.context(), ALL);
    const model = readWorkbook(read).workbook;
    const change = {
      sheet: "Budget 2025 H2",
      line: keyOfLine({ category: "activity", label: "Verksamhetskostnader" }),
      field: "budget" as const,
      value: 12_500_000,
    };
    await applyPlan(
      x.context(),
      planInputs(read, model, [change]).plan,
      read,
      ALL,
    );
    expect(x.cell("Budget 2025 H2", "F6")).toMatchObject({
      value: 125_000,
      numberFormat: "#,##0",
      bold: true,
    });
    // What the pane showed is what the open workbook now gives.
    const after = await readGrids(x.context(), ALL);
    expect(toCheckJson("x", analyze(after))).toEqual(
      toCheckJson("x", analyze(withInputs(read, model, [change]))),
    );
  });
});

// Excel gives a text cell's value as its formula, and drops the apostrophe that made "=…" text
// (office-js#6687): the add-in took a typed "=100 000" or "=se bilaga" for a formula.
test("text that begins with = is read as text, as in the file: the same grid and the same findings", async () => {
  const [details, autumn, spring] = budgetWorkbook();
  const rows = autumn!.rows.map((row) =>
    row[1] === "Verksamhetskostnader"
      ? [row[0]!, "=se bilaga", null, null, null, "=100 000"]
      : row,
  );
  const file = await gridsOf([details!, { ...autumn!, rows }, spring!]);
  const line = file.sheets[1]!.rows[5]!;
  expect([line[1], line[5]]).toEqual([
    { t: "s", v: "=se bilaga" },
    { t: "s", v: "=100 000" },
  ]);
  const read = await readGrids(FakeExcel.from(file.sheets).context(), ALL);
  expect(read.sheets[1]!.rows[5]).toEqual(line);
  const findings = (grids: WorkbookGrids) =>
    analyze(grids).findings.map((f) => `${f.code} ${f.cell ?? ""}`);
  expect(findings(read)).toEqual(findings(file));
  expect(findings(file)).toContain("NOT_A_NUMBER F6");
});

/** The workbook read by a host of ExcelApi 1.8 (Office 2019), with what it supports only. */
async function readOnOffice2019(file: WorkbookGrids): Promise<WorkbookGrids> {
  const old = FakeExcel.from(file.sheets);
  old.apiVersion = "1.8";
  return readGrids(old.context(), {
    ...ALL,
    merges: false,
    customProperties: false,
    hiddenCells: false,
  });
}

describe("rows the open workbook hides (question 43)", () => {
  /** The seed's report, rows of its first half-year sheet hidden (1-based, as Excel shows them). */
  const hiding = (rows: readonly number[]) =>
    gridsOf(
      reportWorkbook().map((s) =>
        s.name === "Utfall 2024 H1" ? { ...s, hiddenRows: rows } : s,
      ),
    );
  const hiddenLines = (grids: WorkbookGrids) =>
    analyze(grids)
      .findings.filter((f) => f.code === "HIDDEN_LINES")
      .map((f) => ({ cell: `${f.sheet}!${f.cell}`, params: f.params }));

  test("are said as the file says them: the visible cells asked once more, in one round trip", async () => {
    const file = await hiding([3, 5]);
    expect(file.sheets[1]!.hiddenRows).toEqual([2, 4]);
    const x = FakeExcel.from(file.sheets);
    const read = await readGrids(x.context(), ALL);
    expect(hiddenLines(read)).toEqual(hiddenLines(file));
    expect(hiddenLines(read)).toEqual([
      {
        cell: "Utfall 2024 H1!A3",
        params: { count: 2, rows: "3, 5", more: 0 },
      },
    ]);
    // One more sync than a workbook that hides nothing.
    const plain = FakeExcel.from((await gridsOf(reportWorkbook())).sheets);
    await readGrids(plain.context(), ALL);
    expect(x.syncs.length).toBe(plain.syncs.length + 1);
  });

  test("a sheet whose every row is hidden needs no more round trips; a host before ExcelApi 1.9, or one that refuses the answer, says nothing and reads the figures", async () => {
    const file = await hiding([1, 2, 3, 4, 5, 6]);
    const x = FakeExcel.from(file.sheets);
    const plainSyncs = async () => {
      const plain = FakeExcel.from((await gridsOf(reportWorkbook())).sheets);
      await readGrids(plain.context(), ALL);
      return plain.syncs.length;
    };
    const read = await readGrids(x.context(), ALL);
    expect(hiddenLines(read)).toEqual(hiddenLines(file));
    expect(hiddenLines(read)[0]!.params).toMatchObject({ count: 4 });
    expect(x.syncs.length).toBe(await plainSyncs());

    const some = await hiding([3]);
    expect(hiddenLines(await readOnOffice2019(some))).toEqual([]);
    const refusing = FakeExcel.from(some.sheets);
    refusing.failOn = (op) =>
      op.what.startsWith("VisibleCells")
        ? "ResponsePayloadSizeLimitExceeded"
        : null;
    const refused = await readGrids(refusing.context(), ALL);
    expect(hiddenLines(refused)).toEqual([]);
    expect(analyze(refused).computation.repayment).toEqual(
      analyze(some).computation.repayment,
    );
  });

  // Found by the parity property (seed 1955603269): with every column of the used range hidden,
  // the block's visible cells are none, and every row was taken for hidden.
  test("a sheet whose every column is hidden, with lines hidden: the column right of it says the rows, in the same one more round trip", async () => {
    const file = await hiding([3, 5]);
    const sheet = file.sheets[1]!;
    const width = Math.max(...sheet.rows.map((r) => r?.length ?? 0));
    const everyColumn = Array.from({ length: width }, (_, k) => k);
    const hidden = {
      sheets: file.sheets.map((g) =>
        g === sheet ? { ...g, hiddenColumns: everyColumn } : g,
      ),
    };
    const x = FakeExcel.from(hidden.sheets);
    const read = await readGrids(x.context(), ALL);
    expect(read.sheets[1]!.hiddenRows).toEqual([2, 4]);
    expect(read.sheets[1]!.hiddenColumns).toEqual(everyColumn);
    expect(hiddenLines(read)).toEqual(hiddenLines(file));
    expect(hiddenLines(read)[0]!.params).toMatchObject({ rows: "3, 5" });
    const plain = FakeExcel.from((await gridsOf(reportWorkbook())).sheets);
    await readGrids(plain.context(), ALL);
    expect(x.syncs.length).toBe(plain.syncs.length + 1);
    // The column to the right hidden too: no row is told, and none is said hidden.
    const y = FakeExcel.from(hidden.sheets);
    y.sheet("Utfall 2024 H1").hiddenColumns.add(width);
    const blind = await readGrids(y.context(), ALL);
    expect(blind.sheets[1]!.hiddenRows).toBeUndefined();
    expect(hiddenLines(blind)).toEqual([]);
  });
});

describe("columns the open workbook hides", () => {
  const read = (grids: WorkbookGrids) => {
    const a = analyze(grids);
    return {
      spring: a.computation.halfYears[0]?.budget.total,
      repayment: a.computation.repayment.total,
      findings: a.findings.map(
        (f) => `${f.code} ${f.sheet ?? ""}!${f.cell ?? ""}`,
      ),
    };
  };

  test("an old Budget hidden beside the one shown: the shown one counts, as from the file, with the visible cells asked in one more round trip", async () => {
    const file = await gridsOf(reportWithOldBudget(["B"]));
    expect(file.sheets[1]!.hiddenColumns).toEqual([1]);
    const x = FakeExcel.from(file.sheets);
    const grids = await readGrids(x.context(), ALL);
    expect(grids.sheets[1]!.hiddenColumns).toEqual([1]);
    expect(grids.sheets[1]!.hiddenRows).toBeUndefined();
    expect(read(grids)).toEqual(read(file));
    expect(read(grids).spring).toBe(96_250_000);
    expect(read(grids).findings).toContain(
      "HIDDEN_COLUMN_NOT_READ Utfall 2024 H1!B1",
    );
    const plain = FakeExcel.from((await gridsOf(reportWorkbook())).sheets);
    await readGrids(plain.context(), ALL);
    expect(x.syncs.length).toBe(plain.syncs.length + 1);
    // Rows hidden too: the same round trip says both.
    const both = await gridsOf(
      reportWithOldBudget(["B"]).map((s) =>
        s.name === "Utfall 2024 H1" ? { ...s, hiddenRows: [3] } : s,
      ),
    );
    const y = FakeExcel.from(both.sheets);
    const bothRead = await readGrids(y.context(), ALL);
    expect(bothRead.sheets[1]!.hiddenColumns).toEqual([1]);
    expect(bothRead.sheets[1]!.hiddenRows).toEqual([2]);
    expect(read(bothRead)).toEqual(read(both));
    expect(y.syncs.length).toBe(x.syncs.length);
  });

  test("a column or line hidden or shown between the read and the write stops the write, which writes nothing", async () => {
    const sheet = "Utfall 2024 H1";
    /** Reads, lets `meanwhile` hide or show cells, then writes what the read planned. */
    const computeAfter = async (
      spec: SheetSpec[],
      meanwhile: (hidden: { rows: Set<number>; columns: Set<number> }) => void,
    ) => {
      const x = FakeExcel.from((await gridsOf(spec)).sheets);
      const read = await readGrids(x.context(), ALL);
      const s = x.sheet(sheet);
      meanwhile({ rows: s.hiddenRows, columns: s.hiddenColumns });
      const before = snapshot(x);
      const syncs = x.syncs.length;
      const written = await applyPlan(
        x.context(),
        planWrite(read, analyze(read), STAMP),
        read,
        ALL,
      ).then(
        () => "written",
        (e: unknown) => (e as { key?: string }).key,
      );
      return {
        written,
        untouched: snapshot(x) === before,
        syncs: x.syncs.length - syncs,
      };
    };
    const hidingB = reportWithOldBudget(["B"]);
    // As read, the write goes ahead in as many round trips as a workbook that hides nothing.
    const asRead = await computeAfter(hidingB, () => undefined);
    expect(asRead).toMatchObject({ written: "written", untouched: false });
    expect(asRead.syncs).toBe(
      (await computeAfter(reportWithOldBudget([]), () => undefined)).syncs,
    );
    const refused = { written: "changed", untouched: true, syncs: 1 };
    // The old Budget shown again: the plan's Status would read the column now hidden from no one.
    expect(await computeAfter(hidingB, (h) => h.columns.delete(1))).toEqual(
      refused,
    );
    // Some columns hidden before and after, but others: only the visible cells tell.
    expect(
      await computeAfter(hidingB, (h) => {
        h.columns.delete(1);
        h.columns.add(2);
      }),
    ).toEqual(refused);
    // A column hidden in a sheet that hid nothing, and a line filtered out.
    expect(
      await computeAfter(reportWithOldBudget([]), (h) => h.columns.add(1)),
    ).toEqual(refused);
    expect(await computeAfter(hidingB, (h) => h.rows.add(3))).toEqual(refused);
  });

  test("a sheet whose every row is hidden, with an old Budget hidden: the row below says the columns, in the same one more round trip", async () => {
    const wholly = (spec: SheetSpec[]) =>
      spec.map((s) =>
        s.name === "Utfall 2024 H1"
          ? { ...s, hiddenRows: s.rows.map((_, r) => r + 1) }
          : s,
      );
    const file = await gridsOf(wholly(reportWithOldBudget(["B"])));
    expect(file.sheets[1]!.hiddenColumns).toEqual([1]);
    const x = FakeExcel.from(file.sheets);
    const grids = await readGrids(x.context(), ALL);
    expect(grids.sheets[1]!.hiddenColumns).toEqual([1]);
    expect(read(grids)).toEqual(read(file));
    expect(read(grids).spring).toBe(96_250_000);
    const plain = FakeExcel.from((await gridsOf(reportWorkbook())).sheets);
    await readGrids(plain.context(), ALL);
    expect(x.syncs.length).toBe(plain.syncs.length + 1);
    // The row below hidden too: no column is told, and the first Budget counts.
    const y = FakeExcel.from(file.sheets);
    y.sheet("Utfall 2024 H1").hiddenRows.add(file.sheets[1]!.rows.length);
    const blind = await readGrids(y.context(), ALL);
    expect(blind.sheets[1]!.hiddenColumns).toBeUndefined();
    expect(read(blind).spring).toBe(81_400_000);
  });

  test("a finding's cell in a hidden column is selected in the open workbook with the shown cells around it", async () => {
    const x = FakeExcel.from(
      (await gridsOf(reportWithOldBudget(["B"]))).sheets,
    );
    const grids = await readGrids(x.context(), ALL);
    const sheet = "Utfall 2024 H1";
    await selectCell(x.context(), sheet, selectionFor(grids, sheet, "B1"));
    expect(x.selection).toBe("'Utfall 2024 H1'!A1:C1");
    await selectCell(x.context(), sheet, selectionFor(grids, sheet, "D4"));
    expect(x.selection).toBe("'Utfall 2024 H1'!D4");
  });

  test("a host before ExcelApi 1.9 cannot tell: the first Budget counts, as in a file that hides nothing", async () => {
    const grids = await readOnOffice2019(
      await gridsOf(reportWithOldBudget(["B"])),
    );
    expect(grids.sheets[1]!.hiddenColumns).toBeUndefined();
    expect(read(grids)).toEqual(read(await gridsOf(reportWithOldBudget([]))));
    expect(read(grids).spring).toBe(81_400_000);
  });
});
