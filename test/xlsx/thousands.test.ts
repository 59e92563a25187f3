// Amounts in thousands: a column headed "Budget (tkr)", a key "Överskott 2023 (tkr)", a cell that
// reads "45 tkr" or whose format shows thousands. Read as what they show, and written back in the
// column's unit, so that the workbook the economist keeps in tkr gives the seed's figures to the
// krona, before compute, after it, and once LibreOffice has recalculated what compute wrote.

import {
  type CheckJson,
  type InputChange,
  type WorkbookGrids,
  analyze,
  keyOfLine,
  planInputs,
  readWorkbook,
  toCheckJson,
  withInputs,
} from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { applyPlan } from "../../src/xlsx/write";
import { checkSheets, checkBytes } from "../helpers/check";
import { computeBytes } from "../helpers/compute";
import {
  disagreements,
  recalculateAllWithLibreOffice,
} from "../helpers/libreoffice";

/** A thousands cell's 742,5 is 742 500 kr: its formulas compared to a hundredth of an öre. */
const TO_THE_ORE_IN_TKR = 1e-7;
import {
  budgetWorkbook,
  reportWorkbook,
  salaryWorkbook,
} from "../helpers/seed";
import { type CellSpec, type SheetSpec, buildXlsx } from "../helpers/workbook";

const AMOUNT_HEADERS = new Set([
  "Budget",
  "Utfall",
  "Differens",
  "Månadskostnad",
  "Månadslön",
]);

/** A number cell's amount divided by `unit`, as a person keeping the sheet in thousands types it. */
function scaled(cell: CellSpec, unit: number): CellSpec {
  if (typeof cell === "number") return cell / unit;
  if (cell && typeof cell === "object" && "value" in cell)
    return typeof cell.value === "number" ? cell.value / unit : cell;
  return cell;
}

/**
 * The sheets with the amount columns of `sheets` (all but `Uppgifter`, or those named) headed
 * "… (tkr)" and their amounts in thousands.
 */
function inThousands(
  sheets: readonly SheetSpec[],
  only: ReadonlySet<string> = AMOUNT_HEADERS,
  suffix = " (tkr)",
): SheetSpec[] {
  return sheets.map((sheet) => {
    if (sheet.name === "Uppgifter") return sheet;
    const headerRow = sheet.rows.findIndex((row) =>
      row.some((c) => c === "Budget" || c === "Månadslön"),
    );
    const header = sheet.rows[headerRow] ?? [];
    const headers = new Map(
      header.flatMap((c, i) =>
        typeof c === "string" && only.has(c) ? [[i, c] as const] : [],
      ),
    );
    return {
      ...sheet,
      rows: sheet.rows.map((row, r) =>
        r < headerRow
          ? row
          : row.map((c, i) =>
              !headers.has(i)
                ? c
                : r === headerRow
                  ? `${headers.get(i)!}${suffix}`
                  : scaled(c, 1000),
            ),
      ),
    };
  });
}

const withoutUnitInfo = (json: CheckJson) => ({
  ...json,
  findings: json.findings.filter((f) => f.code !== "AMOUNTS_IN_UNIT"),
});

const cellOf = (g: WorkbookGrids, sheet: string, row: number, col: number) =>
  g.sheets.find((s) => s.name === sheet)?.rows[row]?.[col];

describe("amounts in thousands are read as what they show", () => {
  test("the seed's report kept in tkr gives the seed's figures, each sheet saying how it read its amounts", async () => {
    const inKronor = await checkSheets(reportWorkbook());
    const report = inThousands(reportWorkbook());
    const tkr = await checkSheets([
      {
        ...report[0]!,
        rows: report[0]!.rows.map((row) =>
          row[0] === "Ej förbrukat överskott 2023"
            ? ["Ej förbrukat överskott 2023 (tkr)", 232.886]
            : row,
        ),
      },
      ...report.slice(1),
    ]);
    expect(withoutUnitInfo(tkr)).toEqual(inKronor);
    expect(tkr.repayment.total).toBe(380_222);
    const info = tkr.findings.filter((f) => f.code === "AMOUNTS_IN_UNIT");
    expect(info.map((f) => `${f.sheet}!${f.cell}`)).toEqual([
      "Utfall 2024 H1!B1",
      "Utfall 2024 H2!B1",
    ]);
    expect(info[0]!.severity).toBe("info");
    expect(info[0]!.message).toBe(
      'Beloppen under "Budget (tkr)", "Utfall (tkr)", "Differens (tkr)" läses i tusental kronor (tkr), rubrikens enhet: 1\u202f925 där är 1\u202f925\u202f000\u00a0kr. Står beloppen redan i kronor, ta bort enheten ur rubriken.',
    );
  });

  test("headers written as people write them: TSEK, 'i tkr', 'tusental kronor', Mkr", async () => {
    const inKronor = await checkSheets(reportWorkbook());
    for (const suffix of [" (TSEK)", " i tkr", ", tkr", " (tusental kronor)"]) {
      const tkr = await checkSheets(
        inThousands(reportWorkbook(), AMOUNT_HEADERS, suffix),
      );
      expect({ suffix, json: withoutUnitInfo(tkr) }).toEqual({
        suffix,
        json: inKronor,
      });
    }
    const mkr = await checkSheets(
      reportWorkbook().map((s) =>
        s.name === "Uppgifter"
          ? s
          : {
              ...s,
              rows: s.rows.map((row, r) =>
                row.map((c, i) =>
                  i !== 1 ? c : r === 0 ? "Budget (Mkr)" : scaled(c, 1_000_000),
                ),
              ),
            },
      ),
    );
    expect(withoutUnitInfo(mkr)).toEqual(inKronor);
    expect(
      mkr.findings.find((f) => f.code === "AMOUNTS_IN_UNIT")?.message,
    ).toContain("miljoner kronor (Mkr)");
  });

  test("a cell's own unit holds: '45 tkr' as text, a format naming tkr, a format that shows thousands of kronor", async () => {
    const sheets = (budget: CellSpec, header = "Budget"): SheetSpec[] => [
      budgetWorkbook()[0]!,
      {
        name: "Budget 2025 H2",
        rows: [
          ["Post", header],
          ["Verksamhet", budget],
        ],
      },
    ];
    const budgetOf = async (budget: CellSpec, header?: string) =>
      (await checkSheets(sheets(budget, header))).periods[0]?.lines[0]?.budget;
    expect(await budgetOf("45 tkr")).toBe(45_000);
    expect(await budgetOf("1,5 Mkr")).toBe(1_500_000);
    expect(await budgetOf({ value: 45, fmt: '#,##0" tkr"' })).toBe(45_000);
    // Excel's way to show thousands: the value is kronor, whatever the header says.
    expect(await budgetOf({ value: 45_000, fmt: "#,##0," })).toBe(45_000);
    expect(
      await budgetOf({ value: 45_000, fmt: "#,##0," }, "Budget (tkr)"),
    ).toBe(45_000);
    // Kronor named in the cell win over the header's thousands.
    expect(await budgetOf("45 000 kr", "Budget (tkr)")).toBe(45_000);
    expect(await budgetOf(45, "Budget (tkr)")).toBe(45_000);
    const wrong = await checkSheets(sheets("ca 40 tkr"));
    expect(
      wrong.findings.find((f) => f.code === "NOT_A_NUMBER")?.message,
    ).toContain('"ca 40 tkr"');
  });

  test("a tolerance and an earlier surplus under keys in tkr, and as text in tkr", async () => {
    const withKeys = (extra: [string, CellSpec][]) =>
      checkSheets([
        {
          name: "Uppgifter",
          rows: [
            ...reportWorkbook()[0]!.rows.filter(
              (r) => r[0] !== "Ej förbrukat överskott 2023",
            ),
            ...extra,
          ],
        },
        ...reportWorkbook().slice(1),
      ]);
    const codes = (json: CheckJson) => json.findings.map((f) => f.code);
    // The activities are overspent by 36 687 and 36 688 kr: within 40 tkr, not within 40 kr.
    for (const json of [
      await withKeys([
        ["Tolerans (tkr)", 40],
        ["Överskott 2023 (tkr)", 232.886],
      ]),
      await withKeys([
        ["Tolerans", "40 tkr"],
        ["Överskott 2023", "232,886 tkr"],
      ]),
    ]) {
      expect(codes(json)).toContain("OVERSPENT_WITHIN_TOLERANCE");
      expect(codes(json)).not.toContain("OVERSPENT");
      expect(json.repayment.total).toBe(380_222);
    }
    const inKronor = await withKeys([
      ["Tolerans", 40],
      ["Överskott 2023", 232.886],
    ]);
    expect(codes(inKronor)).toContain("OVERSPENT");
    expect(inKronor.repayment.items[0]).toEqual({ year: 2023, amount: 232.89 });
  });
});

describe("compute writes in the column's unit", () => {
  // The budget's derived salary lines and OH, a report's Differens added, and Lönekalkyl's costs.
  const budget = budgetWorkbook({ typedSalaries: false });
  const mixed: SheetSpec[] = [
    reportWorkbook()[0]!,
    {
      name: "Utfall 2024 H1",
      rows: [
        ["2024", "Budget (tkr)", "Utfall"],
        ["Lönekostnader: Hälsofrämjare", 600, 505789],
        ["Verksamhetskostnader: aktiviteter", 100, 136687.5],
        ["OH-kostnader", null, 64247],
      ],
    },
  ];
  const salaries = salaryWorkbook();
  const books: { name: string; kronor: SheetSpec[]; tkr: SheetSpec[] }[] = [
    { name: "budget", kronor: budget, tkr: inThousands(budget) },
    {
      name: "report",
      kronor: reportWorkbook(),
      tkr: inThousands(reportWorkbook()),
    },
    {
      name: "Lönekalkyl",
      kronor: salaries,
      tkr: inThousands(salaries),
    },
  ];

  test("its formulas give, recalculated by LibreOffice, what it cached, and the computed workbook reads as the one kept in kronor", async () => {
    const inputs = await Promise.all(
      [...books.map((b) => b.tkr), ...books.map((b) => b.kronor), mixed].map(
        (s) => buildXlsx(s),
      ),
    );
    const outs = inputs.map((b) => computeBytes(b));
    const recalculated = recalculateAllWithLibreOffice(outs);
    outs.forEach((out, i) =>
      expect({
        i,
        wrong: disagreements(
          readXlsx(out),
          readXlsx(recalculated[i]!),
          TO_THE_ORE_IN_TKR,
        ),
      }).toEqual({
        i,
        wrong: [],
      }),
    );
    books.forEach((b, i) => {
      const kronor = checkBytes(outs[books.length + i]!);
      // compute's own file, and the file as LibreOffice computed it, give the same figures.
      for (const file of [outs[i]!, recalculated[i]!])
        expect({
          book: b.name,
          json: withoutUnitInfo(checkBytes(file)),
        }).toEqual({
          book: b.name,
          json: kronor,
        });
      // A second compute changes nothing: its formulas are known as its own.
      expect(readXlsx(computeBytes(outs[i]!))).toEqual(readXlsx(outs[i]!));
    });

    const budgetOut = readXlsx(outs[0]!);
    // 275 % × 6 × 45 000 kr = 742 500 kr, in tkr, with every krona shown.
    expect(cellOf(budgetOut, "Budget 2025 H2", 3, 5)).toEqual({
      t: "n",
      v: 742.5,
      f: "ROUND(C4*D4*E4*1000,0)/1000",
      fmt: "#,##0.0",
    });
    // OH: 10 % of the direct lines, in kronor, back in tkr.
    expect(cellOf(budgetOut, "Budget 2025 H2", 6, 5)?.f).toBe(
      "ROUND('Uppgifter'!$B$7*SUM(F4:F6)*1000,0)/1000",
    );
    expect(cellOf(budgetOut, "Budget 2025 H2", 6, 5)?.v).toBe(100.877);

    // Budget in tkr, Utfall in kronor: the added Differens is in tkr, and says so.
    const mixedOut = readXlsx(outs[outs.length - 1]!);
    expect(cellOf(mixedOut, "Utfall 2024 H1", 0, 3)?.v).toBe("Differens (tkr)");
    expect(cellOf(mixedOut, "Utfall 2024 H1", 2, 3)).toMatchObject({
      v: -36.6875,
      f: 'IF(C3="","",(B3*1000-C3)/1000)',
    });
    expect(cellOf(mixedOut, "Utfall 2024 H1", 2, 4)).toMatchObject({
      v: "Överskriden",
      f: 'IF(C3="","",IF(C3>B3*1000,"Överskriden","Inom budget"))',
    });
    const mixedJson = checkBytes(outs[outs.length - 1]!);
    expect(
      mixedJson.periods[0]!.lines.map((l) => [l.budget, l.actual, l.variance]),
    ).toEqual([
      [600_000, 505_789, 94_211],
      [100_000, 136_687.5, -36_687.5],
      [70_000, 64_247, 5_753],
    ]);

    // Lönekalkyl's costs read the salaries in tkr.
    const salaryOut = readXlsx(outs[2]!);
    const costHeader = salaryOut.sheets
      .find((s) => s.name === "Lönekalkyl")!
      .rows[2]!.findIndex((c) => c?.v === "Kostnad 2026-H1");
    expect(cellOf(salaryOut, "Lönekalkyl", 3, costHeader)?.f).toContain(
      "$D4*1000*IF(",
    );
  }, 200_000);
});

test("a what-if in a sheet kept in tkr writes thousands, and the pane's figures are the file's", async () => {
  const file = await buildXlsx(inThousands(budgetWorkbook()));
  const g = readXlsx(file);
  const model = readWorkbook(g).workbook;
  const change: InputChange = {
    sheet: "Budget 2025 H2",
    line: keyOfLine({ category: "activity", label: "Verksamhetskostnader" }),
    field: "budget",
    value: 12_500_050,
  };
  const written = applyPlan(file, planInputs(g, model, [change]).plan);
  expect(cellOf(readXlsx(written), "Budget 2025 H2", 5, 5)?.v).toBe(125.0005);
  expect(toCheckJson("x", analyze(readXlsx(written)))).toEqual(
    toCheckJson("x", analyze(withInputs(g, model, [change]))),
  );
  expect(
    toCheckJson("x", analyze(readXlsx(written))).periods[0]!.lines.find(
      (l) => l.label === "Verksamhetskostnader",
    )?.budget,
  ).toBe(125_000.5);
});
