// Applying the plan to real .xlsx files: nothing lost, idempotent, and every formula's cached value
// is what LibreOffice computes when it recalculates the file itself.

import ExcelJS from "exceljs";
import { strFromU8, unzipSync, zipSync } from "fflate";
import {
  type Grid,
  type WritePlan,
  a1,
  analyze,
  planTemplate,
} from "../../src/core";
import { WorkbookFileError, readXlsx } from "../../src/xlsx/read";
import { createWorkbook } from "../../src/xlsx/write";
import { checkBytes, errorsOf } from "../helpers/check";
import { withDetails } from "../helpers/template";
import { computeBytes } from "../helpers/compute";
import {
  displayedAllWithLibreOffice,
  recalculateAllWithLibreOffice,
  recalculateWithLibreOffice,
  resaveAllWithLibreOffice,
  resaveWithLibreOffice,
} from "../helpers/libreoffice";
import { budgetWorkbook, reportWorkbook } from "../helpers/seed";
import { LOKALHYRA, insertRow, specsOf } from "../helpers/insert-row";
import { addSheets, buildXlsx, xlsxOf } from "../helpers/workbook";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Every formula cell of `ours` has the value LibreOffice computed for it in `theirs`. */
function expectSameFormulaValues(ours: Uint8Array, theirs: Uint8Array): number {
  const a = readXlsx(ours);
  const b = readXlsx(theirs);
  let formulas = 0;
  for (const sheet of a.sheets) {
    const other = b.sheets.find((s) => s.name === sheet.name)!;
    sheet.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (!cell?.f) return;
        formulas++;
        const lo = other.rows[r]?.[c];
        const loValue = lo === undefined ? "" : lo.v;
        expect({
          at: `${sheet.name}!${a1(r, c)}`,
          f: cell.f,
          value: cell.v,
        }).toEqual({
          at: `${sheet.name}!${a1(r, c)}`,
          f: cell.f,
          value:
            typeof cell.v === "number"
              ? expect.closeTo(loValue as number, 6)
              : loValue,
        });
      }),
    );
  }
  return formulas;
}

function cellsOf(grid: Grid): Map<string, unknown> {
  const out = new Map<string, unknown>();
  grid.rows.forEach((row, r) =>
    row?.forEach((cell, c) => cell && out.set(a1(r, c), cell)),
  );
  return out;
}

describe("compute writes the figures into the workbook", () => {
  test("the budget with empty salary budgets: formulas that LibreOffice recalculates to the same values", async () => {
    const out = computeBytes(
      await buildXlsx(budgetWorkbook({ typedSalaries: false })),
    );
    const recalculated = recalculateWithLibreOffice(out, "budget.xlsx");
    expect(expectSameFormulaValues(out, recalculated)).toBeGreaterThan(20);
    const r = checkBytes(recalculated);
    expect(r.periods.map((p) => p.budget.total)).toEqual([1109649, 1109649]);
  });

  test("the 2024 report, and the openpyxl/LibreOffice sample files: LibreOffice agrees with every cached value", async () => {
    const outs = [
      await buildXlsx(reportWorkbook()),
      readFileSync(join(__dirname, "../fixtures/samples/report-2024.xlsx")),
      readFileSync(join(__dirname, "../fixtures/samples/budget-2025-26.xlsx")),
    ].map((input) => computeBytes(input));
    // One Calc for the three: its start is most of what each took.
    const recalculated = recalculateAllWithLibreOffice(outs);
    outs.forEach((out, i) =>
      expect(expectSameFormulaValues(out, recalculated[i]!)).toBeGreaterThan(
        10,
      ),
    );
  });

  test("reading the computed workbook gives the same figures and findings as the input", async () => {
    const input = await buildXlsx(reportWorkbook());
    const before = checkBytes(input);
    const after = checkBytes(computeBytes(input));
    expect(after.periods.map((p) => [p.budget, p.actual])).toEqual(
      before.periods.map((p) => [p.budget, p.actual]),
    );
    expect(after.repayment).toEqual(before.repayment);
    expect(after.findings).toEqual(before.findings);
  });

  test("running compute on its own output changes nothing but the Beslut stamp", async () => {
    const once = computeBytes(await buildXlsx(reportWorkbook()));
    const twice = computeBytes(once);
    const a = unzipSync(once);
    const b = unzipSync(twice);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const part of Object.keys(a)) {
      // The stamp is identical here because the test fixes its time and source name.
      expect({ part, xml: strFromU8(b[part]!) }).toEqual({
        part,
        xml: strFromU8(a[part]!),
      });
    }
  });

  test("every typed cell keeps its value, other sheets keep values, formulas, fonts, fills and comments, and sheet order is kept", async () => {
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet("Anteckningar");
    addSheets(wb, budgetWorkbook());
    notes.getCell("A1").value = "Att göra";
    notes.getCell("A1").font = { bold: true, color: { argb: "FFFF0000" } };
    notes.getCell("A1").fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FF00FF00" },
    };
    notes.getCell("A1").note = "Fråga stadskontoret";
    notes.getCell("B2").value = { formula: "1+1", result: 2 };
    wb.getWorksheet("Budget 2025 H2")!.getCell("B4").note = "Tre personer";
    const input = Buffer.from(await wb.xlsx.writeBuffer());
    const output = computeBytes(input);

    const before = readXlsx(input);
    const after = readXlsx(output);
    expect(after.sheets.map((s) => s.name)).toEqual([
      ...before.sheets.map((s) => s.name),
      "Beslut",
    ]);
    for (const sheet of before.sheets) {
      const now = cellsOf(after.sheets.find((s) => s.name === sheet.name)!);
      for (const [address, cell] of cellsOf(sheet))
        expect({ sheet: sheet.name, address, cell: now.get(address) }).toEqual({
          sheet: sheet.name,
          address,
          cell,
        });
    }
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(output as unknown as ExcelJS.Buffer);
    const a1cell = reread.getWorksheet("Anteckningar")!.getCell("A1");
    expect(a1cell.font).toMatchObject({
      bold: true,
      color: { argb: "FFFF0000" },
    });
    expect(a1cell.fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FF00FF00" },
    });
    expect(
      String(
        (a1cell.note as { texts?: { text: string }[] })?.texts
          ?.map((t) => t.text)
          .join("") ?? JSON.stringify(a1cell.note),
      ),
    ).toContain("Fråga stadskontoret");
    expect(reread.getWorksheet("Anteckningar")!.getCell("B2").formula).toBe(
      "1+1",
    );
    expect(
      String(
        JSON.stringify(
          reread.getWorksheet("Budget 2025 H2")!.getCell("B4").note,
        ),
      ),
    ).toContain("Tre personer");
  });

  test("the Beslut sheet holds the report's figures as numbers that another library reads", async () => {
    const output = computeBytes(await buildXlsx(reportWorkbook()));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ExcelJS.Buffer);
    // Each row's label (column A) and the numbers in it, as another library reads them.
    const rows = new Map<string, number[][]>();
    wb.getWorksheet("Beslut")!.eachRow((row) => {
      const values: number[] = [];
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        if (typeof v === "number") values.push(v);
        else if (
          v &&
          typeof v === "object" &&
          "result" in v &&
          typeof v.result === "number"
        )
          values.push((v as { result: number }).result);
      });
      const first = row.getCell(1).value;
      const label = typeof first === "string" ? first : "";
      rows.set(label, [...(rows.get(label) ?? []), values]);
    });
    expect(rows.get("Överskott 2024")).toEqual([[147336]]);
    expect(rows.get("Ej återbetalat överskott 2023")).toEqual([[232886]]);
    expect(rows.get("Summa att återbetala")).toEqual([[380222]]);
  });

  test("Beslut holds the memo's two tables as formulas over the half-year sheets, and LibreOffice computes the seed's figures", async () => {
    /** The rows under a heading of Beslut, after LibreOffice recalculated the workbook, with each cell's formula. */
    const tableAfter = (bytes: Uint8Array, heading: string, rows: number) => {
      const grid = readXlsx(
        recalculateWithLibreOffice(bytes, "beslut.xlsx"),
      ).sheets.find((s) => s.name === "Beslut")!;
      const at = grid.rows.findIndex((r) => r?.[0]?.v === heading);
      expect(at).toBeGreaterThan(0);
      return grid.rows
        .slice(at + 1, at + 1 + rows)
        .map((r) => Array.from({ length: 4 }, (_, i) => r?.[i]?.v ?? ""));
    };
    const formulasUnder = (bytes: Uint8Array, heading: string) => {
      const grid = readXlsx(bytes).sheets.find((s) => s.name === "Beslut")!;
      const at = grid.rows.findIndex((r) => r?.[0]?.v === heading);
      return (grid.rows[at + 2] ?? []).map((c) => c?.f ?? "");
    };
    const report = computeBytes(await buildXlsx(reportWorkbook()));
    expect(tableAfter(report, "Ekonomisk redovisning för 2024", 8)).toEqual([
      ["2024", "Budget", "Utfall", "Differens"],
      ["Lönekostnader: Hälsofrämjare", 1200000, 1011578, 188422],
      ["Lönekostnader: Samordning/utveckling", 350000, 331105, 18895],
      ["Verksamhetskostnader: aktiviteter", 200000, 273375, -73375],
      ["OH-kostnader", 175000, 161606, 13394],
      ["Summa", 1925000, 1777664, 147336],
      ["Överskott från 2023", "", "", 232886],
      ["Totalt att återbetala", "", "", 380222],
    ]);
    expect(
      formulasUnder(report, "Ekonomisk redovisning för 2024").slice(1),
    ).toEqual([
      "'Utfall 2024 H1'!B2+'Utfall 2024 H2'!B2",
      "'Utfall 2024 H1'!C2+'Utfall 2024 H2'!C2",
      expect.stringMatching(/^B\d+-C\d+$/),
    ]);
    const budget = computeBytes(
      await buildXlsx(budgetWorkbook({ typedSalaries: false })),
    );
    expect(
      tableAfter(budget, "Budgetförslag juli 2025 – juni 2026", 6),
    ).toEqual([
      [
        "Budget juli 2025 – juni 2026",
        "Procent av tjänst",
        "Antal månader",
        "Belopp",
      ],
      ["Hälsofrämjare", 275, 12, 1485000],
      ["Samordnare utveckling", 50, 12, 332544],
      ["Verksamhetskostnader", "", 12, 200000],
      ["OH-kostnader", "", 12, 201754],
      ["Totalt", "", "", 2219298],
    ]);
    expect(
      formulasUnder(budget, "Budgetförslag juli 2025 – juni 2026").slice(1),
    ).toEqual([
      "'Budget 2025 H2'!C4*100",
      "'Budget 2025 H2'!D4+'Budget 2026 H1'!D4",
      "'Budget 2025 H2'!F4+'Budget 2026 H1'!F4",
    ]);
  });

  test("a person's own sheet called Beslut is kept: the figures go to Beslut (IOP), which the next run rewrites", async () => {
    const input = await buildXlsx([
      ...reportWorkbook(),
      { name: "Beslut", rows: [["Mina anteckningar om beslutet"]] },
    ]);
    const once = computeBytes(input);
    const twice = computeBytes(once);
    const names = readXlsx(twice).sheets.map((s) => s.name);
    expect(names.filter((n) => n.startsWith("Beslut"))).toEqual([
      "Beslut",
      "Beslut (IOP)",
    ]);
    const mine = readXlsx(twice).sheets.find((s) => s.name === "Beslut")!;
    expect(mine.rows[0]![0]).toMatchObject({
      v: "Mina anteckningar om beslutet",
    });
    expect(mine.rows.length).toBe(1);
  });

  test("the add-in's earlier overspent mark is replaced when the lines change; a person's conditional format stays", async () => {
    const bytes = computeBytes(await buildXlsx(reportWorkbook()));
    const files = unzipSync(bytes);
    const part = Object.keys(files).find(
      (k) =>
        /worksheets\/sheet\d+\.xml$/.test(k) &&
        strFromU8(files[k]!).includes("ISNUMBER"),
    )!;
    // Pretend an earlier run marked one row less, and a person added a rule of their own.
    const xml = strFromU8(files[part]!)
      .replace(/sqref="C2:C5"/, 'sqref="C2:C4"')
      .replace(
        /(<conditionalFormatting)/,
        '<conditionalFormatting sqref="B2:B5"><cfRule type="expression" dxfId="0" priority="99"><formula>$B2&gt;100000</formula></cfRule></conditionalFormatting>$1',
      );
    expect(xml).toContain('sqref="C2:C4"');
    files[part] = new TextEncoder().encode(xml);
    const again = strFromU8(unzipSync(computeBytes(zipSync(files)))[part]!);
    expect(again).not.toContain('sqref="C2:C4"');
    expect(again.match(/sqref="C2:C5"/g)?.length).toBe(1);
    expect(again).toContain("$B2&gt;100000");
  });

  test("LibreOffice opens the computed workbook of a LibreOffice-saved file and keeps the figures", async () => {
    const resaved = resaveWithLibreOffice(
      await buildXlsx(reportWorkbook()),
      "r.xlsx",
    );
    const output = computeBytes(resaved);
    const back = checkBytes(resaveWithLibreOffice(output, "r2.xlsx"));
    expect(back.repayment.total).toBe(380222);
  });
});

describe("the budget template", () => {
  type Month = { year: number; month: number };
  /** The template as a partner fills in Uppgifter: its own partnership, organisation and numbers. */
  const filled = (plan: WritePlan): WritePlan =>
    withDetails(plan, {
      0: "Trygga kvarter",
      1: "STK-2026-0042",
      2: "Föreningen Grannar",
      3: "802456-7896",
    });
  const template = (
    from: Month = { year: 2025, month: 7 },
    to: Month = { year: 2026, month: 6 },
  ) => createWorkbook(filled(planTemplate({ from, to })));
  const untouched = () =>
    createWorkbook(
      planTemplate({
        from: { year: 2025, month: 7 },
        to: { year: 2026, month: 6 },
      }),
    );

  test("Instruktioner: each step in lines that fit its column (no scrolling sideways to read one), as Calc shows them", () => {
    const bytes = untouched();
    const rows = readXlsx(bytes)
      .sheets.find((s) => s.name === "Instruktioner")!
      .rows.map((r) => String(r?.[0]?.v ?? ""));
    // Column A is 120 characters wide.
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(112);
    expect(rows.filter((r) => /^\d\. /.test(r)).map((r) => r[0])).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
    ]);
    // Read as one text, nothing is lost: the longest step whole, its arrows with their words.
    const text = rows.map((r) => r.trim()).join(" ");
    expect(text).toContain(
      "4. Nya poster läggs in som nya rader ovanför OH-raden, så att OH räknas på dem. Bladen är skyddade utan lösenord: de gula cellerna går att fylla i och rader går att infoga; formlerna är låsta och fylls i för nya rader när ni väljer Beräkna i IOP-budget. En rad går inte att ta bort medan bladet är skyddat: välj Granska → Ta bort bladskydd, ta bort raden och skydda bladet igen (Granska → Skydda blad, inget lösenord). 5.",
    );
    expect(rows.some((r) => /^\s*→/.test(r))).toBe(false);
    // Calc shows the same lines, one a row.
    const [shown] = displayedAllWithLibreOffice([bytes]);
    expect(shown!.get("Instruktioner")!.map((r) => r[0])).toEqual(rows);
  });

  test("untouched, it belongs to nobody: Uppgifter is empty and says what to fill, no sheet names the example's case", () => {
    const bytes = untouched();
    const r = checkBytes(bytes);
    expect(
      r.findings.map((f) => `${f.severity} ${f.code} ${f.sheet}!${f.cell}`),
    ).toEqual([
      "error MISSING_DETAIL Uppgifter!B1",
      "error MISSING_DETAIL Uppgifter!B3",
    ]);
    expect(r.findings[0]!.message).toBe(
      'Uppgiften "Partnerskap" saknas i Uppgifter. Fyll i den.',
    );
    expect(r.agreement).toMatchObject({
      name: null,
      caseNumber: null,
      organisation: null,
      orgNumber: null,
    });
    // The example's case is on Exempel and in the instructions only.
    const files = unzipSync(bytes);
    const named = Object.entries(files)
      .filter(([path]) => path.startsWith("xl/worksheets/"))
      .filter(([, xml]) => strFromU8(xml).includes("Rädda Barnen"))
      .map(([path]) => path);
    const sheetsOf = readXlsx(bytes).sheets.filter((g) =>
      g.rows.some((row) =>
        row?.some((c) => c?.t === "s" && c.v.includes("Rädda Barnen")),
      ),
    );
    expect(sheetsOf.map((g) => g.name)).toEqual(["Exempel"]);
    expect(named).toHaveLength(1);
  });

  test("Uppgifter still holding the example's case (a template of an earlier version) is an error", () => {
    const plan = planTemplate({
      from: { year: 2025, month: 7 },
      to: { year: 2026, month: 6 },
    });
    // Uppgifter naming the example's partnership, as an earlier version's template did.
    const withExample = withDetails(filled(plan), {
      0: "Jämlik hälsa Lindängen",
    });
    const r = checkBytes(createWorkbook(withExample));
    expect(r.findings.map((f) => `${f.code} ${f.sheet}!${f.cell}`)).toEqual([
      "EXAMPLE_DETAILS Uppgifter!B1",
    ]);
    expect(r.findings[0]!.severity).toBe("error");
  });

  // Rädda Barnen, the example's organisation, is a real partner with other partnerships: its own
  // organisation number in a template it filled for one was EXAMPLE_DETAILS, an error, and the
  // memo left the budget out as an unfilled template.
  test("the example's organisation filling a template for a partnership of its own is clean", () => {
    const plan = planTemplate({
      from: { year: 2025, month: 7 },
      to: { year: 2026, month: 6 },
    });
    const r = checkBytes(
      createWorkbook(
        withDetails(filled(plan), { 2: "Rädda Barnen", 3: "802002-8638" }),
      ),
    );
    expect(r.findings).toEqual([]);
    expect(r.agreement.orgNumber).toBe("802002-8638");
  });

  test("filled in, it reads back clean: no finding at all; the salary lines are Lönekalkyl's example persons with their contributions and Pålägg", () => {
    const r = checkBytes(template());
    expect(r.findings).toEqual([]);
    // Pålägg 6 %; 31,42 % for all in 2025-H2; the person born 2004 has the youth rate from April 2026.
    const full = (salary: number, months: number, rate = 0.3142) =>
      salary * months * (1 + rate + 0.06);
    const h2 = [
      Math.round(full(34000, 6)),
      Math.round(full(33000, 6)),
      Math.round(full(22500, 6)),
    ];
    const h1 = [
      h2[0]!,
      h2[1]!,
      Math.round(full(22500, 3) + full(22500, 3, 0.2081)),
    ];
    const samordnare = Math.round(full(21000, 6));
    expect(
      r.periods.map((p) =>
        p.lines.slice(0, 3).map((l) => [l.label, l.servicePercent, l.budget]),
      ),
    ).toEqual([
      [
        ["Hälsofrämjare", 275, h2[0]! + h2[1]! + h2[2]!],
        ["Samordnare utveckling", 50, samordnare],
        ["Verksamhetskostnader", null, 100000],
      ],
      [
        ["Hälsofrämjare", 275, h1[0]! + h1[1]! + h1[2]!],
        ["Samordnare utveckling", 50, samordnare],
        ["Verksamhetskostnader", null, 100000],
      ],
    ]);
    expect(r.periods.map((p) => p.budget.overhead)).toEqual(
      r.periods.map((p) => Math.round(p.budget.direct * 0.1)),
    );
    expect(r.agreement).toMatchObject({
      start: "2025-07-01",
      end: "2026-06-30",
      overheadRate: 0.1,
    });
  });

  test("a report in it explains an overspent line under Förklaring, a yellow input: the finding quotes it", () => {
    const plan = filled(
      planTemplate({
        from: { year: 2025, month: 7 },
        to: { year: 2026, month: 6 },
      }),
    );
    const sheet = plan.creates.find((c) => c.sheet === "Budget 2025 H2")!;
    const header = sheet.cells.find(
      (x) => x.value.kind === "text" && x.value.value === "Förklaring",
    )!;
    const line = sheet.cells.find(
      (x) =>
        x.col === 1 &&
        x.value.kind === "text" &&
        x.value.value === "Verksamhetskostnader",
    )!.row;
    const input = sheet.cells.find(
      (x) => x.row === line && x.col === header.col,
    );
    expect(input?.style).toMatchObject({ unlocked: true, fill: "FFF2CC" });
    const typed: WritePlan = {
      ...plan,
      creates: plan.creates.map((c) =>
        c !== sheet
          ? c
          : {
              ...c,
              cells: c.cells.map((x) =>
                x.row !== line
                  ? x
                  : x.col === 6
                    ? {
                        ...x,
                        value: { kind: "number" as const, value: 120000 },
                      }
                    : x === input
                      ? {
                          ...x,
                          value: {
                            kind: "text" as const,
                            value: "Extra sommaraktiviteter",
                          },
                        }
                      : x,
              ),
            },
      ),
    };
    const r = checkBytes(
      recalculateWithLibreOffice(createWorkbook(typed)),
      "mall.xlsx",
    );
    const overspent = r.findings.filter((f) => f.code === "OVERSPENT");
    expect(overspent.map((f) => `${f.sheet}!${f.cell}`)).toEqual([
      `Budget 2025 H2!${a1(line, 6)}`,
    ]);
    expect(overspent[0]!.message).toContain(
      `Förklaringen i ${a1(line, header.col)}: "Extra sommaraktiviteter"`,
    );
  });

  test("every sheet but the instructions is protected without a password, input cells unlocked, rows insertable; printed landscape one page wide", () => {
    const files = unzipSync(template());
    const workbook = strFromU8(files["xl/workbook.xml"]!);
    const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]!);
    const partOf = (name: string) => {
      const rid = new RegExp(`<sheet name="${name}"[^>]*r:id="(rId\\d+)"`).exec(
        workbook,
      )![1];
      return strFromU8(
        files[
          `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1]}`.replace(
            "xl//xl/",
            "xl/",
          )
        ]!,
      );
    };
    const names = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(names).toEqual([
      "Instruktioner",
      "Uppgifter",
      "Lönekalkyl",
      "Budget 2025 H2",
      "Budget 2026 H1",
      "Avgiftssatser",
      "Exempel",
    ]);
    for (const name of names) {
      const xml = partOf(name);
      if (name === "Instruktioner")
        expect(xml).not.toContain("<sheetProtection");
      else {
        expect(xml).toContain(
          '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" insertRows="0" deleteRows="0"/>',
        );
        expect(xml).not.toMatch(/<sheetProtection[^>]*(password|hashValue)/);
      }
      expect(xml).toContain(
        '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
      );
      expect(xml).toContain(
        "<oddHeader>&amp;CBudget för idéburet offentligt partnerskap (IOP)</oddHeader>",
      );
    }
    // The yellow input cells are unlocked, the formulas locked: the styles of B5 (an Uppgifter date)
    // and of the OH formula.
    const styles = strFromU8(files["xl/styles.xml"]!);
    const xfs = [
      .../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/
        .exec(styles)![1]!
        .matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g),
    ].map((m) => m[0]);
    const styleOf = (xml: string, ref: string) =>
      xfs[Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(xml)![1])]!;
    expect(styleOf(partOf("Uppgifter"), "B5")).toContain(
      '<protection locked="0"/>',
    );
    const halfYear = partOf("Budget 2026 H1");
    const ohRef = /<c r="(F\d+)"[^>]*><f>ROUND\(/.exec(halfYear)![1]!;
    expect(styleOf(halfYear, ohRef)).not.toContain("locked=");
  });

  test("opens in LibreOffice, whose recalculation agrees with every formula", () => {
    const bytes = template();
    expect(
      expectSameFormulaValues(
        bytes,
        recalculateWithLibreOffice(bytes, "mall.xlsx"),
      ),
    ).toBeGreaterThan(15);
  });

  test("has every Uppgifter key, validation, number formats and a frozen header", () => {
    const files = unzipSync(template());
    const all = Object.entries(files)
      .filter(([k]) => k.startsWith("xl/worksheets/"))
      .map(([, v]) => strFromU8(v))
      .join("");
    const keys = [
      "Partnerskap",
      "Diarienummer",
      "Organisation",
      "Organisationsnummer",
      "Avtalsperiod från",
      "Avtalsperiod till",
      "OH-sats",
      "Återbetalning senast",
      "Återrapportering senast",
      "Tolerans",
      "Avtalstyp",
      "Undertecknas av",
      "Anslag",
    ];
    expect(keys.filter((key) => !all.includes(`>${key}<`))).toEqual([]);
    const wanted = [
      '<formula1>"Lön,Verksamhet,OH,Övrigt"</formula1>',
      "D5&lt;=6",
      "C5&gt;0",
      'state="frozen"',
      'ySplit="4"',
    ];
    expect(wanted.filter((w) => !all.includes(w))).toEqual([]);
    expect(strFromU8(files["xl/styles.xml"]!)).toContain(
      'formatCode="yyyy-mm-dd"',
    );
  });

  test("a line inserted above OH as the instructions say, in a file LibreOffice re-saved: compute rewrites the OH formula and the result is clean", async () => {
    const grids = readXlsx(template());
    const sheet = grids.sheets.find((g) => g.name.includes("2026"))!;
    const ohRow = sheet.rows.findIndex((r) =>
      r?.some((c) => /^ROUND\(.*SUM\(/.test(c?.f ?? "")),
    );
    const edited = grids.sheets.map((g) =>
      g === sheet ? insertRow(g, ohRow, LOKALHYRA) : g,
    );
    // LibreOffice recalculates on saving, as Excel does after the insertion: the Summa row's SUM
    // grew to the new line, the OH formula's did not.
    const saved = recalculateWithLibreOffice(
      await buildXlsx(specsOf(edited)),
      "infogad.xlsx",
    );
    const before = checkBytes(saved);
    expect(before.findings.map((f) => f.code)).toContain("OH_FORMULA_STALE");
    expect(errorsOf(before)).toEqual([]);
    const computed = computeBytes(saved);
    const recalculated = recalculateWithLibreOffice(computed, "beraknad.xlsx");
    expectSameFormulaValues(computed, recalculated);
    const after = checkBytes(recalculated);
    expect(after.findings.filter((f) => f.severity !== "info")).toEqual([]);
    const period = after.periods.find((p) => p.sheet === sheet.name)!;
    // The template's direct costs + 50 000 of rent, and OH 10 % of that.
    const direct =
      checkBytes(template()).periods.find((p) => p.sheet === sheet.name)!.budget
        .direct + 50000;
    expect(period.budget.direct).toBe(direct);
    expect(period.budget.overhead).toBe(Math.round(direct * 0.1));
  });

  test("an agreement starting inside a half-year budgets the months it covers", () => {
    const r = checkBytes(
      template({ year: 2025, month: 9 }, { year: 2026, month: 8 }),
    );
    expect(r.periods.map((p) => p.id)).toEqual([
      "2025-H2",
      "2026-H1",
      "2026-H2",
    ]);
    // The persons of Lönekalkyl are paid for the agreement's months only: September–December,
    // January–June, July–August.
    const a = analyze(
      readXlsx(
        createWorkbook(
          planTemplate({
            from: { year: 2025, month: 9 },
            to: { year: 2026, month: 8 },
          }),
        ),
      ),
    );
    expect(
      a.computation.halfYears.map((h) =>
        h.lines[0]!.salaries![0]!.months.map((m) => m.month),
      ),
    ).toEqual([
      [9, 10, 11, 12],
      [1, 2, 3, 4, 5, 6],
      [7, 8],
    ]);
    expect(r.periods[0]!.lines[0]!.budget).toBe(
      a.computation.halfYears[0]!.lines[0]!.effectiveBudget / 100,
    );
    expect(errorsOf(r)).toEqual([]);
    // The draft grants the agreement's months, not the half-years': the first half-year's budget.
    const grant = r.decision.filter((d) => d.includes("beviljar"));
    expect(grant).toHaveLength(1);
    expect(grant[0]).toMatch(
      /^Kommunstyrelsen beviljar Föreningen Grannar [\d\s]+ kronor .* Trygga kvarter under perioden september 2025 till och med december 2025\.$/,
    );
    expect(
      Number(
        /beviljar Föreningen Grannar ([\d\s]+) kronor/
          .exec(grant[0]!)![1]!
          .replace(/\s/g, ""),
      ),
    ).toBe(r.periods[0]!.budget.total);
  });

  test("an agreement of February–May 2026 drafts a grant of exactly those months", () => {
    const r = checkBytes(
      template({ year: 2026, month: 2 }, { year: 2026, month: 5 }),
    );
    expect(r.decision.find((d) => d.includes("beviljar"))).toMatch(
      /under perioden februari 2026 till och med maj 2026\.$/,
    );
    expect(r.findings.map((f) => f.code)).toContain("AGREEMENT_NOT_HALF_YEARS");
  });
});

describe("compute on every real-world corpus workbook", () => {
  const dir = join(__dirname, "../fixtures/corpus");
  const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx"));

  test.each(files)(
    "%s: a readable workbook gets its Beslut sheet and keeps its sheets; an unreadable one is a file error",
    (file) => {
      const bytes = readFileSync(join(dir, file));
      let input: ReturnType<typeof readXlsx>;
      try {
        input = readXlsx(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(WorkbookFileError);
        return;
      }
      const output = readXlsx(computeBytes(bytes));
      expect(output.sheets.map((s) => s.name)).toEqual([
        ...input.sheets.map((s) => s.name).filter((n) => n !== "Beslut"),
        "Beslut",
      ]);
    },
  );

  test("LibreOffice opens the computed copies of workbooks with charts, images, comments and the 1904 date system", () => {
    const files = [
      "chart-sheet.xlsx",
      "images.xlsx",
      "test-comments.xlsx",
      "1904.xlsx",
    ];
    const back = resaveAllWithLibreOffice(
      files.map((file) => computeBytes(readFileSync(join(dir, file)))),
    );
    files.forEach((file, i) =>
      expect({
        file,
        beslut: readXlsx(back[i]!).sheets.some((s) => s.name === "Beslut"),
      }).toEqual({ file, beslut: true }),
    );
  });
});

test("a workbook part without <sheets> (a workbook of no sheets, as ExcelJS writes it), which check reads, is computed too: the list goes before calcPr, and LibreOffice opens the result", async () => {
  const empty = await xlsxOf([]);
  expect(strFromU8(unzipSync(empty)["xl/workbook.xml"]!)).not.toContain(
    "<sheets",
  );
  const out = computeBytes(empty);
  const workbook = strFromU8(unzipSync(out)["xl/workbook.xml"]!);
  expect(workbook).toMatch(
    /<sheets><sheet name="Beslut"[^>]*\/><\/sheets><calcPr /,
  );
  // Beslut lists what check finds in the empty workbook.
  const beslut = readXlsx(resaveWithLibreOffice(out)).sheets.find(
    (s) => s.name === "Beslut",
  );
  expect(JSON.stringify(beslut?.rows)).toContain("NO_DETAILS_SHEET");
});
