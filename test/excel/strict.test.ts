// The Office.js adapter against a strict Excel (test/helpers/strict-excel.ts): unloaded properties
// throw, used ranges sit at offsets, requests are sized, a batch can fail half way, and formats,
// marks, protection and undo are kept as Excel keeps them.

import {
  type Grid,
  type WorkbookGrids,
  a1,
  analyze,
  planTemplate,
  planWrite,
  renderFinding,
  templatePeriod,
} from "../../src/core";
import { excelHost, fileNameOf, toHostError } from "../../src/excel/excel-host";
import { HostError } from "../../src/excel/host";
import {
  MAX_PAYLOAD_BYTES,
  applyPlan,
  type WriteOptions,
  readGrids,
  undoOf,
} from "../../src/excel/workbook";
import { readXlsx } from "../../src/xlsx/read";
import { STAMP } from "../helpers/compute";
import {
  budgetHalfYearSheet,
  budgetWorkbook,
  detailsSheet,
  manyLinesWorkbook,
  reportWorkbook,
} from "../helpers/seed";
import { LOKALHYRA, insertRow } from "../helpers/insert-row";
import {
  FakeExcel,
  LIMIT_BYTES,
  OfficeError,
  snapshot,
} from "../helpers/strict-excel";
import { type SheetSpec, buildXlsx } from "../helpers/workbook";

const ALL = {
  merges: true,
  customProperties: true,
  validations: true,
  hiddenCells: true,
};

async function gridsOf(sheets: SheetSpec[]): Promise<WorkbookGrids> {
  return readXlsx(await buildXlsx(sheets));
}

/** Read, plan and write as the pane does: read, then the write in its own Excel.run. */
async function compute(x: FakeExcel, options: WriteOptions = ALL) {
  const grids = await readGrids(x.context(), options);
  const plan = planWrite(grids, analyze(grids), STAMP);
  await applyPlan(x.context(), plan, grids, options);
  return { grids, plan };
}

const codes = (grids: WorkbookGrids) =>
  analyze(grids).findings.map((f) => f.code);

describe("reading the open workbook", () => {
  test("gives the figures of the file, with the tables placed where the used range starts", async () => {
    const grids = await gridsOf(budgetWorkbook({ typedSalaries: false }));
    // Shifted: each sheet's cells start at C5 in Excel, so the used range's address is C5:…
    const shifted = grids.sheets.map((g) => ({
      ...g,
      rows: [
        [],
        [],
        [],
        [],
        ...g.rows.map((r) => (r ? [undefined, undefined, ...r] : r)),
      ],
    })) as Grid[];
    const x = FakeExcel.from(
      grids.sheets,
      Object.fromEntries(grids.sheets.map((g) => [g.name, { row: 4, col: 2 }])),
    );
    const read = await readGrids(x.context(), ALL);
    expect(analyze(read).computation.halfYears.map((h) => h.budget)).toEqual(
      analyze({ sheets: shifted }).computation.halfYears.map((h) => h.budget),
    );
    expect(analyze(read).computation.halfYears[0]!.budget.total).toBe(
      110964900,
    );
    const sheet = read.sheets.find((s) => s.name === "Budget 2025 H2")!;
    expect(sheet.rows[0]).toBeUndefined();
    expect(sheet.rows[4]![2]).toEqual(
      grids.sheets.find((s) => s.name === "Budget 2025 H2")!.rows[0]![0],
    );
  });

  test("reads only cells with values: formatting far below the table is not transferred", async () => {
    const grids = await gridsOf(budgetWorkbook());
    const x = FakeExcel.from(grids.sheets);
    // A person formatted a whole block below the table, as people do; nothing is in it.
    for (let r = 100; r < 2100; r++)
      x.sheet("Budget 2025 H2").cells.set(`${r},25`, { fill: "#FFFF00" });
    const read = await readGrids(x.context(), ALL);
    expect(
      read.sheets.find((s) => s.name === "Budget 2025 H2")!.rows.length,
    ).toBeLessThan(20);
    expect(Math.max(...x.syncs.map((s) => s.responseBytes))).toBeLessThan(
      60_000,
    );
  });

  test("an error cell is read as an error, an empty cell keeps its own number format, booleans stay booleans", async () => {
    const x = FakeExcel.from((await gridsOf(budgetWorkbook())).sheets);
    x.sheet("Budget 2025 H2").cells.set("3,7", { error: "#DIV/0!" });
    x.sheet("Budget 2025 H2").cells.set("4,7", { numberFormat: "0.00" });
    x.sheet("Budget 2025 H2").cells.set("20,0", { value: true });
    // Typed text that starts with "#" is text, as Excel types it (String), not an error.
    x.sheet("Budget 2025 H2").cells.set("21,0", { value: "#" });
    const read = await readGrids(x.context(), ALL);
    const rows = read.sheets.find((s) => s.name === "Budget 2025 H2")!.rows;
    expect(rows[3]![7]).toEqual({ t: "e", v: "#DIV/0!" });
    expect(rows[21]![0]).toEqual({ t: "s", v: "#" });
    expect(rows[4]![7]).toEqual({ t: "z", v: null, fmt: "0.00" });
    expect(rows[20]![0]).toEqual({ t: "b", v: true });
  });

  test("a 1904 workbook's dates are read as the same dates", async () => {
    const grids = await gridsOf(budgetWorkbook());
    const x = FakeExcel.from(grids.sheets);
    x.date1904 = true;
    for (const c of x.sheet("Uppgifter").cells.values())
      if (c.numberFormat === "yyyy-mm-dd" && typeof c.value === "number")
        c.value -= 1462;
    const read = await readGrids(x.context(), ALL);
    expect(analyze(read).computation.agreement.start).toBe("2025-07-01");
    expect(analyze(read).computation.agreement.end).toBe("2026-06-30");
  });

  test("an oversized sheet is refused with its name and size before any of its cells is transferred", async () => {
    const x = FakeExcel.from((await gridsOf(budgetWorkbook())).sheets);
    const big = x.addSheet("Rådata");
    big.cells.set("0,0", { value: 1 });
    big.cells.set("2999,701", { value: 2 }); // 3 000 × 702 = 2.1 million cells
    const read = await readGrids(x.context(), ALL);
    const f = analyze(read).findings.find(
      (f) => f.code === "SHEET_UNREADABLE",
    )!;
    expect(renderFinding(f, "en").message).toMatch(/3000 rows × 702 columns/);
    expect(f.sheet).toBe("Rådata");
    expect(Math.max(...x.syncs.map((s) => s.responseBytes))).toBeLessThan(
      60_000,
    );
  });

  test("a 300 000-cell workbook is read in chunks, each response under 5 MB, with the same figures", async () => {
    const grids = await gridsOf(budgetWorkbook({ typedSalaries: false }));
    const x = FakeExcel.from(grids.sheets);
    const data = x.addSheet("Underlag");
    for (let r = 0; r < 30_000; r++)
      for (let c = 0; c < 10; c++)
        data.cells.set(`${r},${c}`, {
          value: c === 0 ? `Rad ${r} med en längre text` : r * 10 + c,
        });
    const read = await readGrids(x.context(), ALL);
    expect(read.sheets.find((s) => s.name === "Underlag")!.rows.length).toBe(
      30_000,
    );
    expect(x.syncs.length).toBeGreaterThan(3);
    for (const s of x.syncs) expect(s.responseBytes).toBeLessThan(5_000_000);
    expect(
      Math.max(...x.syncs.map((s) => s.responseBytes)),
    ).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(analyze(read).computation.halfYears[0]!.budget.total).toBe(
      110964900,
    );
    // The write's change check re-reads in chunks too.
    const before = x.syncs.length;
    await applyPlan(
      x.context(),
      planWrite(read, analyze(read), STAMP),
      read,
      ALL,
    );
    for (const s of x.syncs.slice(before)) {
      expect(s.responseBytes).toBeLessThan(5_000_000);
      expect(s.requestBytes).toBeLessThan(5_000_000);
    }
  });

  test("a compute of an ordinary workbook is four round trips, from 2 to 20 half-years and past 40 sheets one more", async () => {
    const halfYears = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const year = 2025 + Math.floor((i + 1) / 2);
        const half = i % 2 === 0 ? 2 : 1;
        return budgetHalfYearSheet(
          `Budget ${year} H${half}`,
          half === 1 ? `januari–juni ${year}` : `juli–december ${year}`,
          { typedSalaries: false },
        );
      });
    const counts: number[] = [];
    for (const n of [2, 20, 45]) {
      const end = `${2025 + Math.floor(n / 2)}-${n % 2 === 0 ? "06-30" : "12-31"}`;
      const x = FakeExcel.from(
        (await gridsOf([detailsSheet({ end }), ...halfYears(n)])).sheets,
      );
      const { plan } = await compute(x);
      expect(plan.edits).toHaveLength(n);
      counts.push(x.syncs.length);
    }
    // Read (the sheet list with every size, then the cells), re-check, write.
    expect(counts).toEqual([4, 4, 5]);
  });

  test("on an ExcelApi 1.7 host (Office 2019) nothing newer is called", async () => {
    const x = FakeExcel.from(
      (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
    );
    x.apiVersion = "1.7";
    const options = {
      merges: false,
      customProperties: false,
      validations: false,
    };
    await compute(x, options);
    expect(x.cell("Budget 2025 H2", "F7")?.formula).toBe(
      "=ROUND('Uppgifter'!$B$7*SUM(F4:F6),0)",
    );
    // With the 1.13/1.12 options on, the same host fails: the guards are what keep it working.
    await expect(
      readGrids(
        FakeExcel.from([
          { name: "Uppgifter", rows: [[{ t: "s", v: "x" }]] },
        ]).context(),
        ALL,
      ).catch((e) => {
        throw e;
      }),
    ).resolves.toBeDefined();
    const old = FakeExcel.from([
      { name: "Uppgifter", rows: [[{ t: "s", v: "x" }]] },
    ]);
    old.apiVersion = "1.7";
    await expect(readGrids(old.context(), ALL)).rejects.toThrow(
      /not a function/,
    );
  });

  test("merged areas are read from every sheet that may be input; more than 512 in one sheet cost one more round trip, not the read", async () => {
    const x = FakeExcel.from((await gridsOf(budgetWorkbook())).sheets);
    const half = x.sheet("Budget 2025 H2");
    half.merges = ["G5:J5"];
    const read = await readGrids(x.context(), ALL);
    // A half-year's merged areas are known to the core, with no round trip of their own.
    expect(
      read.sheets.find((g) => g.name === "Budget 2025 H2")?.merges,
    ).toEqual([{ top: 4, left: 6, bottom: 4, right: 9 }]);
    expect(x.syncs.length).toBe(2);
    // A sheet of more than 512 areas fails the request: asked again with Uppgifter's alone.
    const s = x.addSheet("Layout");
    s.cells.set("0,0", { value: "x" });
    s.merges = Array.from(
      { length: 600 },
      (_, i) => `A${2 * i + 2}:B${2 * i + 2}`,
    );
    x.sheet("Uppgifter").merges = ["A30:B30"];
    x.syncs.length = 0;
    const again = await readGrids(x.context(), ALL);
    expect(again.sheets.map((g) => g.name)).toContain("Layout");
    expect(again.sheets.find((g) => g.name === "Uppgifter")?.merges).toEqual([
      { top: 29, left: 0, bottom: 29, right: 1 },
    ]);
    expect(
      again.sheets.find((g) => g.name === "Budget 2025 H2")?.merges,
    ).toBeUndefined();
    expect(x.syncs.length).toBe(3);
    // In the agreement sheet itself too: the read goes on without any, one round trip later.
    x.sheet("Uppgifter").merges = Array.from(
      { length: 600 },
      (_, i) => `D${2 * i + 40}:E${2 * i + 40}`,
    );
    x.syncs.length = 0;
    const third = await readGrids(x.context(), ALL);
    expect(x.syncs.length).toBe(4);
    expect(analyze(third).computation.agreement.caseNumber).toBe(
      "STK-2020-1375",
    );
  });

  test("the add-in's own Beslut is not asked for merged areas: 600 of them there cost no round trip, and the half-years' are read", async () => {
    const x = FakeExcel.from((await gridsOf(budgetWorkbook())).sheets);
    x.sheet("Budget 2025 H2").merges = ["G5:J5"];
    const beslut = x.addSheet("Beslut");
    beslut.cells.set("0,0", { value: "Beslutsunderlag" });
    beslut.merges = Array.from(
      { length: 600 },
      (_, i) => `A${2 * i + 2}:B${2 * i + 2}`,
    );
    const read = await readGrids(x.context(), ALL);
    expect(
      read.sheets.find((g) => g.name === "Budget 2025 H2")?.merges,
    ).toEqual([{ top: 4, left: 6, bottom: 4, right: 9 }]);
    expect(x.syncs.length).toBe(2);
  });

  test("merged areas of a sheet whose name holds a comma, a range and '!' are read as they are", async () => {
    const x = FakeExcel.from((await gridsOf(budgetWorkbook())).sheets);
    const s = x.addSheet("Rad,A1:C3,Not!");
    s.cells.set("0,0", { value: "x" });
    s.merges = ["E1:F1", "B4:B6"];
    const read = await readGrids(x.context(), ALL);
    expect(
      read.sheets.find((g) => g.name === "Rad,A1:C3,Not!")?.merges,
    ).toEqual([
      { top: 0, left: 4, bottom: 0, right: 5 },
      { top: 3, left: 1, bottom: 5, right: 1 },
    ]);
  });

  test("a property read before load and sync fails loudly", async () => {
    const x = FakeExcel.from((await gridsOf(budgetWorkbook())).sheets);
    const context = x.context();
    const ws = context.workbook.worksheets;
    ws.load("items/name");
    expect(() => ws.items).toThrow(/PropertyNotLoaded/);
  });
});

describe("writing: nothing is lost", () => {
  test("writes the plan's formulas, with calculation suspended in every writing sync, as one undo step", async () => {
    const x = FakeExcel.from(
      (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
    );
    await compute(x);
    expect(x.cell("Budget 2025 H2", "F4")?.formula).toBe("=ROUND(C4*D4*E4,0)");
    expect(x.valueAt("Budget 2025 H2", "F7")).toBe(100877);
    for (const s of x.syncs.filter((s) => s.writes > 0))
      expect(s.calculationSuspended).toBe(true);
    // Beslut: created first, marked as the add-in's, headers bold and filled, widths set.
    expect(x.sheet("Beslut").customProperties.get("iop-budget")).toBe("Beslut");
    const header = [...x.sheet("Beslut").cells.values()].find(
      (c) => c.value === "Direkta kostnader",
    )!;
    expect(header).toMatchObject({ bold: true, fill: "#DDEBF7" });
    expect(x.sheet("Beslut").columnWidths.get(0)).toBe(182);
  });

  test("dates are written as date serials with a date format, in the workbook's date system", async () => {
    for (const date1904 of [false, true]) {
      const grids = await gridsOf(reportWorkbook());
      const x = FakeExcel.from(grids.sheets);
      x.date1904 = date1904;
      if (date1904)
        for (const c of x.sheet("Uppgifter").cells.values())
          if (c.numberFormat === "yyyy-mm-dd" && typeof c.value === "number")
            c.value -= 1462;
      await compute(x);
      const due = [...x.sheet("Beslut").cells.values()].filter(
        (c) => c.numberFormat === "yyyy-mm-dd",
      );
      expect(due.length).toBeGreaterThan(0);
      // 2025-06-30 is 45838 in the 1900 system, 44376 in 1904's.
      expect(due.map((c) => c.value)).toContain(date1904 ? 44376 : 45838);
    }
  });

  test("a person's own number format on a cell the plan writes is kept; other cells get the plan's", async () => {
    const x = FakeExcel.from((await gridsOf(budgetWorkbook())).sheets);
    // H4 (Differens) is empty with the person's format; H5 empty without one.
    x.sheet("Budget 2025 H2").cells.set("3,7", { numberFormat: "0.00" });
    await compute(x);
    expect(x.cell("Budget 2025 H2", "H4")).toMatchObject({
      formula: expect.stringMatching(/^=IF/),
      numberFormat: "0.00",
    });
    expect(x.cell("Budget 2025 H2", "H5")).toMatchObject({
      formula: expect.stringMatching(/^=IF/),
      numberFormat: "#,##0",
    });
  });

  test("a person's conditional formats stay; the add-in's own mark is replaced, not added again", async () => {
    const x = FakeExcel.from((await gridsOf(reportWorkbook())).sheets);
    const s = x.sheet("Utfall 2024 H1");
    // The seed's report layout: actual in C, status in E, lines on rows 2–5.
    s.conditionalFormats.push({ id: 900, range: "C2:C20", type: "ColorScale" });
    s.conditionalFormats.push({
      id: 901,
      range: "C2:C5",
      type: "Custom",
      formula: "=$C2>100000",
      fill: "#00FF00",
    });
    // An earlier run's mark from before a line was added (it covered one row less).
    s.conditionalFormats.push({
      id: 902,
      range: "C2:C4",
      type: "Custom",
      formula: "=AND(ISNUMBER($C2),$C2>$B2)",
    });
    await compute(x);
    await compute(x);
    const ours = s.conditionalFormats.filter(
      (c) => c.type === "Custom" && /ISNUMBER/.test(c.formula ?? ""),
    );
    expect(ours.map((c) => c.range).sort()).toEqual(["C2:C5", "E2:E5"]);
    // The person's two rules (900, 901) kept, the add-in's two added after them.
    expect(s.conditionalFormats.map((c) => c.id)).toEqual([900, 901, 5, 6]);
  });

  test("a person's own sheet called Beslut survives: the add-in writes Beslut (IOP), and rewrites that next time", async () => {
    const x = FakeExcel.from(
      (
        await gridsOf([
          ...reportWorkbook(),
          { name: "Beslut", rows: [["Mina anteckningar"], ["Skapat av mig"]] },
        ])
      ).sheets,
    );
    const before = JSON.stringify([...x.sheet("Beslut").cells]);
    const { plan } = await compute(x);
    expect(plan.creates[0]).toMatchObject({
      sheet: "Beslut (IOP)",
      kept: "Beslut",
    });
    expect(JSON.stringify([...x.sheet("Beslut").cells])).toBe(before);
    expect(x.sheet("Beslut (IOP)").customProperties.get("iop-budget")).toBe(
      "Beslut",
    );
    await compute(x);
    expect(x.sheets.map((s) => s.name)).toEqual([
      ...reportWorkbook().map((s) => s.name),
      "Beslut",
      "Beslut (IOP)",
    ]);
  });

  test("the add-in's Beslut is recognised by its stamp where custom properties are missing (ExcelApi < 1.12)", async () => {
    const x = FakeExcel.from((await gridsOf(reportWorkbook())).sheets);
    x.apiVersion = "1.11";
    const options = {
      merges: false,
      customProperties: false,
      validations: true,
    };
    await compute(x, options);
    await compute(x, options);
    expect(x.sheets.map((s) => s.name)).toEqual([
      ...reportWorkbook().map((s) => s.name),
      "Beslut",
    ]);
  });

  test("a sheet protected without a password is unprotected for the write and protected again with its own options", async () => {
    const x = FakeExcel.from(
      (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
    );
    const options = { allowInsertRows: true, allowSort: true };
    Object.assign(x.sheet("Budget 2026 H1"), {
      protected: true,
      protection: { options, password: null },
    });
    const { plan } = await compute(x);
    expect(plan.edits.map((e) => e.sheet)).toContain("Budget 2026 H1");
    const edit = plan.edits.find((e) => e.sheet === "Budget 2026 H1")!;
    const formulas = edit.cells.flatMap((c) =>
      c.value.kind === "formula" ? [{ c, formula: c.value.formula }] : [],
    );
    expect(formulas.length).toBeGreaterThan(0);
    for (const { c, formula } of formulas)
      expect(x.cell("Budget 2026 H1", a1(c.row, c.col))?.formula).toBe(
        `=${formula}`,
      );
    expect(x.sheet("Budget 2026 H1")).toMatchObject({
      protected: true,
      protection: { options, password: null },
    });
    // Lifting and putting back protection cannot be undone: the write is not one undo group.
    expect(x.undoCleared).toBeGreaterThan(0);
  });

  test("a sheet protected with a password is refused, naming it, and nothing at all is written: up front on the web, at the unprotect on Windows and Mac", async () => {
    for (const platform of ["OfficeOnline", "PC"] as const) {
      const x = FakeExcel.from(
        (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
      );
      x.platform = platform;
      for (const name of ["Budget 2025 H2", "Budget 2026 H1"])
        Object.assign(x.sheet(name), {
          protected: true,
          protection: {
            options: {},
            password: name === "Budget 2026 H1" ? "hemligt" : null,
          },
        });
      const before = snapshot(x);
      const syncs = x.syncs.length;
      const error = await compute(x, {
        ...ALL,
        passwordKnown: platform === "OfficeOnline",
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HostError);
      expect(error).toMatchObject({
        key: "sheetPasswordProtected",
        sheet: "Budget 2026 H1",
      });
      expect(snapshot(x)).toBe(before);
      expect(x.sheet("Budget 2025 H2")).toMatchObject({
        protected: true,
        protection: { options: {}, password: null },
      });
      // Known from the preflight on the web; on the desktop the refused unprotect is one more trip.
      // Read (2) and preflight (1). On the web the password is known there; on Windows and Mac
      // the refused unprotect (1) is found out, and the sheet unprotected before it is looked at
      // (1) and protected again (1).
      expect(x.syncs.length - syncs).toBe(platform === "OfficeOnline" ? 3 : 6);
    }
  });

  test("a protected workbook structure is refused before anything is written when Beslut must be added", async () => {
    const x = FakeExcel.from(
      (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
    );
    x.structureProtected = true;
    const before = snapshot(x);
    await expect(compute(x)).rejects.toMatchObject({
      key: "workbookProtected",
      sheet: "Beslut",
    });
    expect(snapshot(x)).toBe(before);
  });

  test("a change between the preview and the write stops the write", async () => {
    const x = FakeExcel.from(
      (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
    );
    const grids = await readGrids(x.context(), ALL);
    const plan = planWrite(grids, analyze(grids), STAMP);
    x.sheet("Budget 2025 H2").cells.set("3,5", { value: 123 }); // someone types in F4
    const before = snapshot(x);
    await expect(
      applyPlan(x.context(), plan, grids, ALL),
    ).rejects.toMatchObject({ key: "changed" });
    expect(snapshot(x)).toBe(before);
    /** Reads, lets `meanwhile` change the workbook, then computes what was read. */
    const computeAfter = async (meanwhile: (read: WorkbookGrids) => void) => {
      const read = await readGrids(x.context(), ALL);
      meanwhile(read);
      return applyPlan(
        x.context(),
        planWrite(read, analyze(read), STAMP),
        read,
        ALL,
      );
    };
    // A sheet renamed meanwhile is a change too.
    await expect(
      computeAfter(() => {
        x.sheet("Budget 2026 H1").name = "Budget 2026 första";
      }),
    ).rejects.toMatchObject({ key: "changed" });
    // A line typed below the table meanwhile, outside every cell read: the used range tells.
    await expect(
      computeAfter((read) => {
        const below = read.sheets.find((g) => g.name === "Budget 2025 H2")!.rows
          .length;
        x.sheet("Budget 2025 H2").cells.set(`${below + 1},1`, {
          value: "Lokalhyra",
        });
      }),
    ).rejects.toMatchObject({ key: "changed" });
  });

  test("the strict Excel itself: a batch is not a transaction (earlier requests stay when a later one fails)", async () => {
    const x = FakeExcel.from([{ name: "A", rows: [] }]);
    const ws = x.context().workbook.worksheets.getItem("A");
    ws.getRange("A1").formulas = [[1]];
    ws.getRange("A2").formulas = [[2]];
    x.failOn = (op) =>
      op.what === "Range.formulas" && x.cell("A", "A1") ? "AccessDenied" : null;
    await expect(x.sync()).rejects.toBeInstanceOf(OfficeError);
    expect(x.cell("A", "A1")?.value).toBe(1);
    expect(x.cell("A", "A2")).toBeUndefined();
  });

  test("a write that fails half way in Excel (a request refused) is reported, and the check came first", async () => {
    const x = FakeExcel.from(
      (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
    );
    x.failOn = (op) =>
      op.kind === "write" && op.sheet === "Budget 2026 H1"
        ? "InvalidOperation"
        : null;
    const error = await compute(x).catch((e: unknown) => e);
    expect(toHostError(error).key).toBe("InvalidOperation");
    // Beslut was created first, so a half-written run is at least recognisable as the add-in's.
    expect(x.sheet("Beslut").customProperties.get("iop-budget")).toBe("Beslut");
  });

  test("the template's instruction — insert a line above OH — then compute gives the right OH and no error", async () => {
    const x = FakeExcel.from([]);
    const plan = planTemplate(templatePeriod("2026-01", "2026-06")!);
    await applyPlan(x.context(), plan, { sheets: [] }, ALL);
    const sheet = plan.creates.find((c) => /2026/.test(c.sheet))!.sheet;
    expect(x.sheet(sheet).validations.length).toBeGreaterThan(0);
    expect(x.sheet(sheet).freezeRows).toBeGreaterThan(0);
    expect(x.sheet(sheet).columnWidths.size).toBeGreaterThan(0);
    // A person inserts a line directly above the OH row, as instruction 4 says.
    const template = await readGrids(x.context(), ALL);
    const grid = template.sheets.find((g) => g.name === sheet)!;
    const ohRow = grid.rows.findIndex((r) =>
      r?.some((c) => /^ROUND\(.*SUM\(/.test(c?.f ?? "")),
    );
    const edited = FakeExcel.from(
      template.sheets.map((g) =>
        g === grid ? insertRow(g, ohRow, LOKALHYRA) : g,
      ),
    );
    const oh = edited.sheet(sheet).cells.get(`${ohRow + 1},5`)!;
    expect(oh.formula).toMatch(
      /^=ROUND\(Uppgifter!\$B\$\d+\*SUM\(F\d+:F(\d+)\),0\)$/,
    );
    expect(Number(/:F(\d+)/.exec(oh.formula!)![1])).toBe(ohRow); // short of the new line
    const stale = await readGrids(edited.context(), ALL);
    expect(codes(stale)).toContain("OH_FORMULA_STALE");
    expect(codes(stale)).not.toContain("OH_MISMATCH");
    await compute(edited);
    const after = await readGrids(edited.context(), ALL);
    const h = analyze(after).computation.halfYears.find(
      (h) => h.source.sheet === sheet,
    )!;
    // Only Uppgifter left to fill (the template leaves it to the partner).
    expect(
      analyze(after)
        .findings.filter((f) => f.severity !== "info")
        .map((f) => `${f.code} ${f.cell}`),
    ).toEqual(["MISSING_DETAIL B1", "MISSING_DETAIL B3"]);
    expect(edited.cell(sheet, `F${ohRow + 2}`)?.formula).toContain(
      `:F${ohRow + 1})`,
    );
    expect(edited.valueAt(sheet, `F${ohRow + 2}`)).toBe(
      h.budget.overhead / 100,
    );
    expect(h.lines.some((l) => l.input.label === "Lokalhyra")).toBe(true);
  });
});

describe("the pane's and ribbon's Excel host", () => {
  function office(
    version: string,
    url = "https://contoso.sharepoint.com/Budget%202025.xlsx",
    platform = "OfficeOnline",
  ) {
    (globalThis as unknown as { Office: unknown }).Office = {
      context: {
        platform,
        requirements: {
          // ExcelApiOnline is Excel on the web's own set.
          isSetSupported: (set: string, v: string) =>
            set === "ExcelApiOnline"
              ? platform === "OfficeOnline"
              : new FakeExcel().supports.call(
                  { apiVersion: version } as FakeExcel,
                  v,
                ),
        },
        document: { url },
      },
    };
  }

  test("on ExcelApi 1.20 the write is one undo group; below it the confirmation says Excel cannot undo", async () => {
    const x = FakeExcel.from(
      (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
    );
    x.install();
    office("1.20");
    const host = excelHost();
    const grids = await host.read();
    const plan = planWrite(grids, analyze(grids), STAMP);
    expect(host.undo(plan, grids)).toEqual({ undoable: true, lifted: [] });
    await host.apply(plan, grids);
    expect(x.runs.at(-1)).toMatchObject({
      mergeUndoGroup: true,
      delayForCellEdit: true,
    });
    expect(x.undoSteps).toBe(1);
    office("1.17");
    expect(excelHost().undo(plan, grids).undoable).toBe(false);
  });

  test("what Excel cannot undo is never put in an undo group: Skapa mall protects, a first scenario hides its sheet on Windows and Mac", async () => {
    const { planScenarioSave } = await import("../../src/core");
    // Skapa mall: protection cannot be undone anywhere, so the template is written ungrouped
    // (grouped, Excel would fail it with UndoNotSupported) and the confirmation says so.
    const x = FakeExcel.from([]);
    x.install();
    office("1.20");
    const template = planTemplate(templatePeriod("2026-01", "2026-06")!);
    expect(excelHost().undo(template, { sheets: [] })).toEqual({
      undoable: false,
      lifted: [],
    });
    await excelHost().insert(template);
    expect(x.runs.at(-1)?.mergeUndoGroup).toBeUndefined();
    expect(x.sheet("Budget 2026 H1").protected).toBe(true);

    for (const platform of ["OfficeOnline", "PC", "Mac"] as const) {
      const y = FakeExcel.from(
        (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
      );
      y.platform = platform;
      y.install();
      office("1.20", undefined, platform);
      const host = excelHost();
      let grids = await host.read();
      const save = (name: string) =>
        planScenarioSave(
          grids,
          analyze(grids).workbook,
          name,
          "2026-12-03 09:00",
        );
      // The sheet is new: hiding it is undoable on the web only.
      const web = platform === "OfficeOnline";
      expect(host.undo(save("A"), grids).undoable).toBe(web);
      await host.apply(save("A"), grids);
      expect(y.runs.at(-1)?.mergeUndoGroup).toBe(web ? true : undefined);
      expect(y.sheet("IOP-scenarier").visibility).toBe("VeryHidden");
      // Saved again, its visibility is not written: one undo step everywhere.
      grids = await host.read();
      expect(host.undo(save("B"), grids).undoable).toBe(true);
      await host.apply(save("B"), grids);
      expect(y.runs.at(-1)?.mergeUndoGroup).toBe(true);
    }
  });

  test("the host asks Excel on the web whether a sheet has a password before anything is done; on Windows the refused unprotect tells", async () => {
    for (const platform of ["OfficeOnline", "PC"] as const) {
      const x = FakeExcel.from(
        (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
      );
      x.platform = platform;
      x.install();
      office("1.20", undefined, platform);
      Object.assign(x.sheet("Budget 2026 H1"), {
        protected: true,
        protection: { options: {}, password: "hemligt" },
      });
      const unprotects: (string | undefined)[] = [];
      x.failOn = (op) => {
        if (op.what === "unprotect") unprotects.push(op.sheet);
        return null;
      };
      const host = excelHost();
      const grids = await host.read();
      const before = snapshot(x);
      await expect(
        host.apply(planWrite(grids, analyze(grids), STAMP), grids),
      ).rejects.toMatchObject({
        key: "sheetPasswordProtected",
        sheet: "Budget 2026 H1",
      });
      expect(snapshot(x)).toBe(before);
      expect(unprotects).toEqual(
        platform === "OfficeOnline" ? [] : ["Budget 2026 H1"],
      );
    }
  });

  test("Office errors map to their own messages; a file name with % stays readable", () => {
    expect(
      toHostError(new OfficeError("ResponsePayloadSizeLimitExceeded", "x")).key,
    ).toBe("ResponsePayloadSizeLimitExceeded");
    expect(
      toHostError(
        Object.assign(new Error("x"), {
          code: "InvalidOperationInCellEditMode",
        }),
      ).key,
    ).toBe("InvalidOperationInCellEditMode");
    expect(toHostError(new Error("no code")).key).toBe("generic");
    expect(fileNameOf("https://x/sites/a/Budget%202025.xlsx")).toBe(
      "Budget 2025.xlsx",
    );
    expect(fileNameOf("C:\\Budget\\100% klar.xlsx")).toBe("100% klar.xlsx");
    office("1.20", "https://x/100%25%20klar%.xlsx");
    expect(excelHost().sourceName()).toBe("100%25%20klar%.xlsx");
  });
});

/** Reads the workbook and saves its inputs as the scenario `name`, as the pane does. */
async function saveScenario(
  x: FakeExcel,
  name: string,
  saved = "2026-12-03 09:00",
) {
  const { planScenarioSave } = await import("../../src/core");
  const grids = await readGrids(x.context(), ALL);
  await applyPlan(
    x.context(),
    planScenarioSave(grids, analyze(grids).workbook, name, saved),
    grids,
    ALL,
  );
}

describe("what-if and scenarios in Excel", () => {
  test("a scenario is saved on a very hidden sheet with the add-in's scenario mark, saved again in place, and read back; what-if values land in their cells", async () => {
    const {
      keyOfLine,
      planInputs,
      planScenarioSave,
      readScenarios,
      readWorkbook,
      withInputs,
    } = await import("../../src/core");
    const x = FakeExcel.from(
      (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
    );
    const line = keyOfLine({ category: "salary", label: "Hälsofrämjare" });
    const change = {
      sheet: "Budget 2026 H1",
      line,
      field: "servicePercent" as const,
      value: 300_000_000,
    };
    let grids = await readGrids(x.context(), ALL);
    const syncs = x.syncs.length;
    await applyPlan(
      x.context(),
      planScenarioSave(
        grids,
        analyze(withInputs(grids, readWorkbook(grids).workbook, [change]))
          .workbook,
        "300 procent",
        "2026-11-30 10:00",
      ),
      grids,
      ALL,
    );
    expect(x.syncs.length - syncs).toBe(2);
    const sheet = x.sheet("IOP-scenarier");
    // Very hidden: not to be unhidden from the tab menu and then wiped by the next save.
    expect(sheet.visibility).toBe("VeryHidden");
    // Marked as the add-in's, like Beslut but with a mark of its own.
    expect([...sheet.customProperties]).toEqual([
      ["iop-budget-scenarier", "Scenarier"],
    ]);
    // The second save does not write the visibility again (it already is as it should be).
    const visibilityWrites: string[] = [];
    x.failOn = (op) => {
      if (op.kind === "write" && op.what.startsWith("visibility="))
        visibilityWrites.push(op.what);
      return null;
    };
    await saveScenario(x, "Som ansökt", "2026-11-30 10:05");
    expect(visibilityWrites).toEqual([]);
    x.failOn = null;
    // Shown again (by an older version's Hidden, or a macro): the next save hides it again.
    x.sheet("IOP-scenarier").visibility = "Hidden";
    await saveScenario(x, "Som ansökt", "2026-11-30 10:06");
    expect(x.sheet("IOP-scenarier").visibility).toBe("VeryHidden");
    grids = await readGrids(x.context(), ALL);
    expect(grids.sheets.map((s) => s.name)).toEqual([
      "Uppgifter",
      "Budget 2025 H2",
      "Budget 2026 H1",
      "IOP-scenarier",
    ]);
    expect(readScenarios(grids).map((s) => [s.name, s.inputs.length])).toEqual([
      ["300 procent", 14],
      ["Som ansökt", 14],
    ]);
    // The workbook's own figures are untouched by the scenarios; a what-if write puts 3 (300 %) in C4.
    expect(analyze(grids).computation.grantTotal).toBe(221_929_800);
    await applyPlan(
      x.context(),
      planInputs(grids, readWorkbook(grids).workbook, [change]).plan,
      grids,
      ALL,
    );
    expect(x.valueAt("Budget 2026 H1", "C4")).toBe(3);
    expect(
      analyze(await readGrids(x.context(), ALL)).computation.grantTotal,
    ).toBe(229_354_800);
  });
});

describe("Excel on the web at full size: no request or response over 5 MB", () => {
  /** 24 000 lines as people write them: labels of 45+ characters with å/ä/ö, a comment column. */
  function textHeavy(lines: number): SheetSpec[] {
    const [details, half] = manyLinesWorkbook(lines);
    return [
      details!,
      {
        ...half!,
        rows: half!.rows.map((r, i) =>
          i === 0
            ? [...r, "Kommentar"]
            : i === half!.rows.length - 1
              ? r
              : [
                  r[0]!,
                  `${r[1] as string} – fältarbete på Lindängen, Rosengård och Hyllie`,
                  ...r.slice(2),
                  `Anteckning ${i}: åtgärder för ökad jämlikhet i hälsa, märkt för återrapportering`,
                ],
        ),
      },
    ];
  }

  test("a response Excel still refuses as too large is asked again in halves, down to a row", async () => {
    const grids0 = await gridsOf(budgetWorkbook({ typedSalaries: false }));
    const x = FakeExcel.from(grids0.sheets);
    // A limit of 3 kB once the sizes are known: the sheets' reads are refused until they are
    // asked for a few rows at a time.
    x.beforeSync = (n) => {
      x.responseLimit = n === 0 ? LIMIT_BYTES : 3_000;
    };
    const read = await readGrids(x.context(), ALL);
    x.beforeSync = null;
    const refused = x.syncs.filter((s) => s.refused).length;
    expect(refused).toBeGreaterThan(2);
    expect(analyze(read).computation.halfYears.map((h) => h.budget)).toEqual(
      analyze(grids0).computation.halfYears.map((h) => h.budget),
    );
    // Another error is not retried.
    x.responseLimit = LIMIT_BYTES;
    x.failOn = (op) => (op.kind === "load" ? "GeneralException" : null);
    await expect(readGrids(x.context(), ALL)).rejects.toThrow();
  });

  test.each([
    ["a text-heavy workbook of 24 000 lines", () => textHeavy(24_000)],
    ["a workbook of 100 000 lines", () => manyLinesWorkbook(100_000)],
  ])(
    "%s is read, computed, what-if'd and saved as a scenario",
    async (_, sheets) => {
      const { keyOfLine, planInputs, planScenarioSave, readWorkbook } =
        await import("../../src/core");
      const grids0 = await gridsOf(sheets());
      const x = FakeExcel.from(grids0.sheets);
      const within = (from: number) => {
        // Under Excel on the web's 5 MB each way, aiming at ~4 MB (a piece may pass it a little);
        // at most one response refused (never sent) before the read sizes itself by it.
        const syncs = x.syncs.slice(from);
        expect(syncs.filter((s) => s.refused).length).toBeLessThanOrEqual(1);
        for (const s of syncs.filter((s) => !s.refused)) {
          expect(s.responseBytes).toBeLessThan(LIMIT_BYTES);
          expect(s.requestBytes).toBeLessThan(LIMIT_BYTES);
          expect(s.responseBytes).toBeLessThan(MAX_PAYLOAD_BYTES * 1.1);
          expect(s.requestBytes).toBeLessThan(MAX_PAYLOAD_BYTES * 1.1);
        }
      };
      const grids = await readGrids(x.context(), ALL);
      const analysis = analyze(grids);
      expect(analysis.computation.halfYears[0]!.budget.total).toBe(
        analyze(grids0).computation.halfYears[0]!.budget.total,
      );
      within(0);
      let from = x.syncs.length;
      await applyPlan(
        x.context(),
        planWrite(grids, analysis, STAMP),
        grids,
        ALL,
      );
      within(from);
      const after = await readGrids(x.context(), ALL);
      const label = String(
        after.sheets.find((g) => g.name === "Budget 2025 H2")!.rows[1]![1]!.v,
      );
      const change = {
        sheet: "Budget 2025 H2",
        line: keyOfLine({ category: "salary", label }),
        field: "servicePercent" as const,
        value: 80_000_000,
      };
      from = x.syncs.length;
      await applyPlan(
        x.context(),
        planInputs(after, readWorkbook(after).workbook, [change]).plan,
        after,
        ALL,
      );
      within(from);
      expect(x.valueAt("Budget 2025 H2", "C2")).toBe(0.8);
      const again = await readGrids(x.context(), ALL);
      from = x.syncs.length;
      await applyPlan(
        x.context(),
        planScenarioSave(
          again,
          readWorkbook(again).workbook,
          "Stort",
          "2026-12-03 10:00",
        ),
        again,
        ALL,
      );
      within(from);
      expect(x.sheet("IOP-scenarier").visibility).toBe("VeryHidden");
    },
    120_000,
  );
});

describe("the scenario sheet in Excel", () => {
  async function withSaved() {
    const x = FakeExcel.from(
      (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
    );
    const save = (name: string) => saveScenario(x, name);
    await save("Första");
    return { x, save };
  }

  test("renamed, and its note typed over, it is still the add-in's by its mark: read and saved where it is, no second sheet", async () => {
    const { readScenarios, scenarioSheet } = await import("../../src/core");
    const { x, save } = await withSaved();
    x.sheet("IOP-scenarier").name = "Gamla scenarier";
    x.personType("Gamla scenarier", "A1", "Våra scenarier");
    const grids = await readGrids(x.context(), ALL);
    expect(scenarioSheet(grids)).toMatchObject({
      sheet: "Gamla scenarier",
      renamed: true,
    });
    expect(readScenarios(grids).map((s) => s.name)).toEqual(["Första"]);
    await save("Andra");
    expect(
      x.sheets.filter((s) => /scenarier/i.test(s.name)).map((s) => s.name),
    ).toEqual(["Gamla scenarier"]);
    expect(
      readScenarios(await readGrids(x.context(), ALL)).map((s) => s.name),
    ).toEqual(["Första", "Andra"]);
  });

  test("a person's own sheet called IOP-scenarier is kept as it is; the add-in's goes beside it", async () => {
    const { readScenarios } = await import("../../src/core");
    const x = FakeExcel.from(
      (await gridsOf(budgetWorkbook({ typedSalaries: false }))).sheets,
    );
    const own = x.addSheet("IOP-scenarier");
    own.cells.set("0,0", { value: "Mina egna anteckningar" });
    own.cells.set("3,2", { value: 42 });
    const before = JSON.stringify([...own.cells]);
    await saveScenario(x, "Första");
    expect(JSON.stringify([...x.sheet("IOP-scenarier").cells])).toBe(before);
    expect(x.sheet("IOP-scenarier").visibility).toBe("Visible");
    expect(x.sheet("IOP-scenarier (2)").visibility).toBe("VeryHidden");
    expect(
      readScenarios(await readGrids(x.context(), ALL)).map((s) => s.name),
    ).toEqual(["Första"]);
  });

  test("under workbook structure protection, a scenario sheet shown again is refused before it is cleared", async () => {
    const { x, save } = await withSaved();
    x.sheet("IOP-scenarier").visibility = "Visible";
    x.structureProtected = true;
    const before = snapshot(x);
    await expect(save("Andra")).rejects.toMatchObject({
      key: "workbookProtected",
      sheet: "IOP-scenarier",
    });
    expect(snapshot(x)).toBe(before);
    // Still very hidden, the sheet can be rewritten under structure protection.
    x.sheet("IOP-scenarier").visibility = "VeryHidden";
    await save("Andra");
    expect(x.sheet("IOP-scenarier").visibility).toBe("VeryHidden");
  });
});

describe("the protected template in Excel", () => {
  test("Skapa mall protects every sheet but the instructions without a password, inputs unlocked, landscape one page wide; compute leaves the template's sheets alone, and names a protected sheet it would have to change", async () => {
    const x = FakeExcel.from([]);
    const plan = planTemplate(templatePeriod("2026-01", "2026-06")!);
    await applyPlan(
      x.context(),
      plan,
      { sheets: [] },
      { ...ALL, pageLayout: true },
    );
    const protectedSheets = x.sheets
      .filter((s) => s.protected)
      .map((s) => s.name);
    expect(protectedSheets).toEqual([
      "Uppgifter",
      "Lönekalkyl",
      "Budget 2026 H1",
      "Avgiftssatser",
      "Exempel",
    ]);
    for (const name of protectedSheets)
      expect(x.sheet(name).protection).toEqual({
        options: {
          allowInsertRows: true,
          allowDeleteRows: true,
          allowFormatColumns: true,
        },
        password: null,
      });
    expect(x.sheet("Budget 2026 H1").pageLayout).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHeader: "Budget för idéburet offentligt partnerskap (IOP)",
    });
    // The yellow cells are unlocked; the formulas are not.
    expect(x.cell("Uppgifter", "B1")).toMatchObject({
      fill: "#FFF2CC",
      locked: false,
    });
    expect(x.cell("Lönekalkyl", "D4")).toMatchObject({ locked: false });
    const oh = [...x.sheet("Budget 2026 H1").cells.entries()].find(([, c]) =>
      /ROUND\(.*SUM\(/.test(c.formula ?? ""),
    )!;
    expect(oh[1].locked).toBeUndefined();

    // Compute on the template as it is: nothing on the protected sheets changes, Beslut is added.
    const cleared = x.undoCleared;
    await compute(x, { ...ALL });
    expect(x.sheets.map((s) => s.name)).toContain("Beslut");
    // Nothing was lifted: nothing that Excel cannot undo.
    expect(x.undoCleared).toBe(cleared);

    // The instructions' own workflow: a person inserts a line above OH (the protection allows
    // it; the new row takes the yellow, unlocked cells of the row above) and types into it.
    const sheet = "Budget 2026 H1";
    const ohRow = Number(oh[0].split(",")[0]);
    x.personInsertRow(sheet, ohRow);
    x.personType(sheet, a1(ohRow, 0), "Verksamhet");
    x.personType(sheet, a1(ohRow, 1), "Lokalhyra");
    x.personType(sheet, a1(ohRow, 5), 50000);
    // A formula cell stays locked.
    expect(() => x.personType(sheet, a1(ohRow + 1, 5), 1)).toThrow(/is locked/);
    const ohBefore = x.valueAt(sheet, a1(ohRow + 1, 5)) as number;
    const grids = await readGrids(x.context(), ALL);
    expect(grids.sheets.find((g) => g.name === sheet)?.protected).toBe(true);
    const again = planWrite(grids, analyze(grids), STAMP);
    expect(undoOf(again, grids, { desktop: false, groups: true })).toEqual({
      undoable: false,
      lifted: [sheet],
    });
    await applyPlan(x.context(), again, grids, ALL);
    // OH now counts the new line, and the sheet is protected again exactly as Skapa mall did it.
    expect(x.valueAt(sheet, a1(ohRow + 1, 5))).toBeGreaterThan(ohBefore);
    expect(x.sheet(sheet)).toMatchObject({
      protected: true,
      protection: {
        options: {
          allowInsertRows: true,
          allowDeleteRows: true,
          allowFormatColumns: true,
        },
        password: null,
      },
    });
    expect(codes(await readGrids(x.context(), ALL))).not.toContain(
      "FORMULA_MISMATCH",
    );

    // Deleting a line is refused by Excel on the protected sheet (its formula cells are locked),
    // whatever allowDeleteRows says; the instructions say how to do it instead.
    expect(() => x.personDeleteRow(sheet, ohRow)).toThrow(/locked cells/);
    // The steps are broken into lines that fit the column: read as one text.
    const instructions = [...x.sheet("Instruktioner").cells.values()]
      .map((c) => String(c.value ?? "").trim())
      .join(" ");
    expect(instructions).toMatch(/ovanför OH-raden/);
    expect(instructions).toMatch(/Ta bort bladskydd/);
  });
});

describe("the fake's formulas, as Excel shows them", () => {
  test("a missing sheet is #REF!, a circle 0, arithmetic on text #VALUE!, a division by zero #DIV/0!; a range of formulas over ranges of formulas is quick", () => {
    const f = (formula: string) => ({ t: "z" as const, v: null, f: formula });
    // Twelve formulas each summing the column: evaluated along every path, 12! evaluations.
    const chain = Array.from({ length: 12 }, () => [f("SUM(A1:A12)")]);
    const x = FakeExcel.from([
      {
        name: "Blad1",
        rows: [
          [
            f("'Saknas'!A1*2"),
            f("B1+1"),
            f("ROUND(D1,0)"),
            { t: "s", v: "text" },
          ],
          [f("1/0")],
        ],
      },
      { name: "Kedja", rows: chain },
    ]);
    expect([
      x.valueAt("Blad1", "A1"),
      x.valueAt("Blad1", "B1"),
      x.valueAt("Blad1", "C1"),
      x.valueAt("Blad1", "A2"),
      x.valueAt("Kedja", "A1"),
    ]).toEqual(["#REF!", 1, "#VALUE!", "#DIV/0!", 0]);
  });
});
