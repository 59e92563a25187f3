// A formula filled down in Excel is saved as a shared formula: its first cell holds the text, the
// others refer to it. compute writing that first cell (the add-in's own Differens or cost formula)
// left the others without a formula: LibreOffice opened them empty, Excel repaired the file.

import { strFromU8, strToU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import {
  DEFAULT_LIMITS,
  readXlsx,
  readXlsxByScanner,
} from "../../src/xlsx/read";
import { createWorkbook } from "../../src/xlsx/write";
import { formulaMover, unsharedWrites } from "../../src/xlsx/shared-formulas";
import {
  SHARED_DEPENDANT,
  a1,
  analyze,
  columnLetters,
  planWrite,
} from "../../src/core";
import { readGrids } from "../../src/excel/workbook";
import { escapeText } from "../../src/xlsx/sheet-xml";
import { checkBytes } from "../helpers/check";
import {
  STAMP,
  changedSheet,
  computeBytes,
  partOf,
  shared,
} from "../helpers/compute";
import { budgetWorkbook } from "../helpers/seed";
import { FakeExcel } from "../helpers/strict-excel";
import { type CellSpec, buildXlsx, packageOfSheet } from "../helpers/workbook";
import {
  recalculateWithLibreOffice,
  resaveWithLibreOffice,
} from "../helpers/libreoffice";
import { template2026 } from "../helpers/template";

const ALL = {
  merges: true,
  customProperties: true,
  validations: true,
  hiddenRows: true,
};

const REPORT = readFileSync(
  join(__dirname, "..", "..", "samples", "jamlik-halsa-rapport-2024.xlsx"),
);

test.each([
  ["B2-C2", 1, 0, "B3-C3"],
  ["$B$2-C$2+$D3", 2, 1, "$B$2-D$2+$D5"],
  ['IF(C2="","",B2-C2)', 3, 0, 'IF(C5="","",B5-C5)'],
  // A string, a quoted sheet whose name looks like a cell, a name with digits, a function.
  [
    "\"A1\"&'Q1 2026'!A1&Blad1!B2&LOG10(A1)",
    1,
    0,
    "\"A1\"&'Q1 2026'!A2&Blad1!B3&LOG10(A2)",
  ],
  [
    "SUM('Lönekalkyl'!$I$4:$I$23,Z9:AB10)",
    1,
    1,
    "SUM('Lönekalkyl'!$I$4:$I$23,AA10:AC11)",
  ],
  ["SUM(F:F)+SUM(4:4)+SUM($F:G)", 2, 1, "SUM(G:G)+SUM(6:6)+SUM($F:H)"],
  [
    "Tabell1[[#This Row],[Col1]]*[1]Bokföring!B2",
    1,
    0,
    "Tabell1[[#This Row],[Col1]]*[1]Bokföring!B3",
  ],
])("%s moved %i rows and %i columns reads %s", (text, rows, cols, moved) => {
  expect(formulaMover(text)(rows, cols)).toBe(moved);
});

const formulasIn = (
  bytes: Uint8Array,
  sheet: string,
  col: number,
  rows: readonly number[],
) => {
  const grid = readXlsx(bytes).sheets.find((g) => g.name === sheet)!;
  return rows.map((r) => ({
    f: grid.rows[r]?.[col]?.f,
    v: grid.rows[r]?.[col]?.v,
  }));
};

test("a Differens column filled down in Excel: compute writes its first cell, the others keep their formulas, and LibreOffice shows every line's Differens", () => {
  const filled = changedSheet(REPORT, "Utfall 2024 H1", (xml) =>
    shared(xml, ["D2", "D3", "D4", "D5"], 'IF(C2="","",B2-C2)'),
  );
  expect(formulasIn(filled, "Utfall 2024 H1", 3, [2])).toEqual([
    // The file holds no text for it: it is read moved from the first cell, as Excel shows it.
    { f: 'IF(C3="","",B3-C3)', v: 9448 },
  ]);
  const computed = computeBytes(filled);
  const parts = unzipSync(computed);
  expect(strFromU8(parts[partOf(parts, "Utfall 2024 H1")]!)).not.toContain(
    'si="0"/>',
  );
  const expected = [
    { f: 'IF(C2="","",B2-C2)', v: 94211 },
    { f: 'IF(C3="","",B3-C3)', v: 9448 },
    { f: 'IF(C4="","",B4-C4)', v: -36687 },
    { f: 'IF(C5="","",B5-C5)', v: 6697 },
  ];
  expect(formulasIn(computed, "Utfall 2024 H1", 3, [1, 2, 3, 4])).toEqual(
    expected,
  );
  // Opened as it is (LibreOffice does not recalculate a file from Excel unless asked).
  expect(
    formulasIn(
      resaveWithLibreOffice(computed),
      "Utfall 2024 H1",
      3,
      [1, 2, 3, 4],
    ),
  ).toEqual(expected);
}, 60_000);

test("Lönekalkyl's cost formula filled down over new persons: each row's text is the first's moved, and computed, every person keeps a cost formula whose value the spreadsheet confirms", () => {
  const template = createWorkbook(template2026());
  const cost = (r: number) =>
    readXlsx(template).sheets.find((g) => g.name === "Lönekalkyl")!.rows[r]![8]!
      .f!;
  for (const r of [4, 5, 6])
    expect(formulaMover(cost(3))(r - 3, 0)).toBe(cost(r));
  // The template as written holds every formula's value: no spreadsheet (which would save the
  // formulas unshared) comes between.
  const filled = changedSheet(template, "Lönekalkyl", (xml) =>
    shared(xml, ["I4", "I5", "I6", "I7"], escapeText(cost(3))),
  );
  expect(formulasIn(filled, "Lönekalkyl", 8, [4])[0]!.f).toBe(cost(4));
  const before = checkBytes(filled, "mall.xlsx");
  const computed = computeBytes(filled);
  const costs = formulasIn(computed, "Lönekalkyl", 8, [3, 4, 5, 6]);
  expect(costs.map((c) => c.f)).toEqual([3, 4, 5, 6].map((r) => cost(r)));
  const again = formulasIn(
    recalculateWithLibreOffice(computed),
    "Lönekalkyl",
    8,
    [3, 4, 5, 6],
  );
  expect(again.map((c) => c.v)).toEqual(costs.map((c) => c.v));
  expect(
    checkBytes(computed, "mall.xlsx").periods.map((p) => p.budget),
  ).toEqual(before.periods.map((p) => p.budget));
}, 120_000);

// A large workbook's sheets reach the writer as bytes, in the encoding of the part.
test.each(["utf-8", "utf-16le", "utf-16be"] as const)(
  "a sheet's bytes in %s: the cells of a shared formula whose first cell is written get it as their own",
  (encoding) => {
    const xml = shared(
      strFromU8(
        unzipSync(REPORT)[partOf(unzipSync(REPORT), "Utfall 2024 H1")]!,
      ),
      ["D2", "D3", "D4", "D5"],
      'IF(C2="","",B2-C2)',
    ).replace('encoding="UTF-8"', `encoding="${encoding.toUpperCase()}"`);
    const bytes =
      encoding === "utf-8"
        ? strToU8(xml)
        : new Uint8Array(
            encoding === "utf-16le"
              ? Buffer.from(`\ufeff${xml}`, "utf16le")
              : Buffer.from(`\ufeff${xml}`, "utf16le").swap16(),
          );
    const writes = unsharedWrites(bytes, [
      { row: 1, col: 3, value: { kind: "number", value: 1 } },
    ]);
    expect(writes.map((w) => [a1(w.row, w.col), w.value])).toEqual([
      ["D3", { kind: "formula", formula: 'IF(C3="","",B3-C3)', cached: 9448 }],
      [
        "D4",
        { kind: "formula", formula: 'IF(C4="","",B4-C4)', cached: -36687 },
      ],
      ["D5", { kind: "formula", formula: 'IF(C5="","",B5-C5)', cached: 6697 }],
    ]);
    // Nothing written over its first cell: nothing to do.
    expect(unsharedWrites(bytes, [])).toEqual([]);
  },
);

// A person's formula filled down over the salary lines ("Sociala avgifter" = F4*0,3, then F5*0,3):
// the file holds the second cell's formula only as "the first's, moved". Excel gives the add-in
// each cell's own text; the file's reader had none for it, so the CLI and the page counted the
// 0 kr it showed (over a salary budget compute derives) where the add-in counted 49 882 kr.
test("a person's formula filled down over derived salary budgets: each cell reads its own text, the file as Excel gives it to the add-in, and every face counts what it gives", async () => {
  const [details, autumn, spring] = budgetWorkbook({ typedSalaries: false });
  const rows = [...autumn!.rows];
  const social = (name: string, f: string): CellSpec[] => [
    "Verksamhet",
    name,
    null,
    null,
    null,
    { formula: f, result: 0 },
  ];
  rows.splice(
    5,
    0,
    social("Sociala avgifter Hälsofrämjare", "ROUND(F4*0.3,0)"),
    social("Sociala avgifter Samordnare", "ROUND(F5*0.3,0)"),
  );
  const filled = changedSheet(
    await buildXlsx([details!, { ...autumn!, rows }, spring!]),
    "Budget 2025 H2",
    (xml) => shared(xml, ["F6", "F7"], "ROUND(F4*0.3,0)"),
  );
  expect(
    strFromU8(unzipSync(filled)[partOf(unzipSync(filled), "Budget 2025 H2")]!),
  ).toContain('<f t="shared" si="0"/>');
  expect(formulasIn(filled, "Budget 2025 H2", 5, [5, 6])).toEqual([
    { f: "ROUND(F4*0.3,0)", v: 0 },
    { f: "ROUND(F5*0.3,0)", v: 0 },
  ]);
  // 742 500 × 0,3 and 166 272 × 0,3 = 49 881,6; OH 10 % of 1 281 404, rounded.
  const expected = [742_500, 166_272, 222_750, 49_882, 100_000, 128_140];
  const checked = checkBytes(filled, "budget.xlsx").periods[0]!;
  expect(checked.lines.map((l) => l.budget)).toEqual(expected);
  // The add-in reads Excel's grid, in which every cell has its text: the same findings and plan.
  const file = readXlsx(filled);
  const asExcelShows = file.sheets.map((g) => ({
    ...g,
    rows: g.rows.map((row, r) =>
      row?.map((cell, c) =>
        g.name === "Budget 2025 H2" && r === 6 && c === 5
          ? { ...cell!, f: "ROUND(F5*0.3,0)" }
          : cell,
      ),
    ),
  }));
  const addIn = await readGrids(FakeExcel.from(asExcelShows).context(), ALL);
  const page = analyze(file);
  const excel = analyze(addIn);
  expect(excel.findings).toEqual(page.findings);
  expect(planWrite(addIn, excel, STAMP)).toEqual(planWrite(file, page, STAMP));
  // Computed, and worked out again by a spreadsheet: the same budgets.
  const budgets = (bytes: Uint8Array) =>
    readXlsx(bytes)
      .sheets.find((g) => g.name === "Budget 2025 H2")!
      .rows.slice(3, 9)
      .map((row) => row?.[5]?.v ?? null);
  const computed = computeBytes(filled);
  expect(budgets(computed)).toEqual(expected);
  expect(budgets(resaveWithLibreOffice(computed))).toEqual(expected);
  expect(budgets(recalculateWithLibreOffice(computed))).toEqual(expected);
}, 60_000);

describe("a shared formula's other cells are read with their own text, as Excel shows them", () => {
  const sheet = (cells: string) =>
    packageOfSheet(
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells}</sheetData></worksheet>`,
    );
  const formulas = (bytes: Uint8Array, limits = DEFAULT_LIMITS) =>
    readXlsx(bytes, limits).sheets[0]!.rows.flatMap((row, r) =>
      (row ?? []).flatMap((cell, c) =>
        cell?.f ? [`${a1(r, c)} ${cell.f}`] : [],
      ),
    );

  test("filled down and right, two formulas at once, in both readings (a row at a time and the scanner)", () => {
    const bytes = sheet(
      `<row r="2"><c r="C2"><f t="shared" ref="C2:D3" si="0">A2*$B$1+B$1</f><v>1</v></c><c r="D2"><f t="shared" si="0"/><v>2</v></c><c r="E2"><f t="shared" ref="E2:E3" si="1">SUM(A:A,2:2)</f><v>3</v></c></row>` +
        `<row r="3"><c r="C3"><f t="shared" si="0"/><v>4</v></c><c r="D3"><!-- the scanner's --><f t="shared" si="0"/><v>5</v></c><c r="E3"><f t="shared" si="1"/><v>6</v></c></row>`,
    );
    const expected = [
      "C2 A2*$B$1+B$1",
      "D2 B2*$B$1+C$1",
      "E2 SUM(A:A,2:2)",
      "C3 A3*$B$1+B$1",
      "D3 B3*$B$1+C$1",
      "E3 SUM(A:A,3:3)",
    ];
    expect(formulas(bytes)).toEqual(expected);
    expect(
      readXlsxByScanner(bytes).sheets[0]!.rows.flatMap((row, r) =>
        (row ?? []).flatMap((cell, c) =>
          cell?.f ? [`${a1(r, c)} ${cell.f}`] : [],
        ),
      ),
    ).toEqual(expected);
  });

  test("a cell that refers to no first cell, or to one below or right of it, holds a formula without text", () => {
    const bytes = sheet(
      `<row r="2"><c r="B2"><f t="shared" si="7"/><v>1</v></c></row><row r="3"><c r="B3"><f t="shared" ref="B3:B4" si="0">A3</f><v>2</v></c></row><row r="4"><c r="A4"><f t="shared" si="0"/><v>3</v></c></row>`,
    );
    expect(formulas(bytes)).toEqual([
      `B2 ${SHARED_DEPENDANT}`,
      "B3 A3",
      `A4 ${SHARED_DEPENDANT}`,
    ]);
  });

  test("each cell's text counts towards the text a workbook may hold: a crafted sheet of many cells sharing a long formula is TOO_LARGE", () => {
    const long = `A1+${"1+".repeat(2000)}1`;
    const bytes = sheet(
      `<row r="1"><c r="B1"><f t="shared" ref="B1:B400" si="0">${long}</f></c></row>` +
        Array.from(
          { length: 399 },
          (_, k) =>
            `<row r="${k + 2}"><c r="B${k + 2}"><f t="shared" si="0"/></c></row>`,
        ).join(""),
    );
    const limits = (max: number) => ({ ...DEFAULT_LIMITS, maxTextChars: max });
    expect(formulas(bytes, limits(400 * long.length))).toHaveLength(400);
    expect(() => formulas(bytes, limits(300 * long.length))).toThrow(
      expect.objectContaining({ code: "TOO_LARGE", limit: "text" }),
    );
  });
});

test("a formula's text moved and moved again is the text moved by both at once (property)", () => {
  const ref = fc
    .tuple(
      fc.boolean(),
      fc.integer({ min: 0, max: 700 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 5000 }),
    )
    .map(
      ([ac, c, ar, r]) =>
        `${ac ? "$" : ""}${columnLetters(c)}${ar ? "$" : ""}${r}`,
    );
  const piece = fc.oneof(
    ref,
    ref.chain((a) => ref.map((b) => `${a}:${b}`)),
    fc.constantFrom(
      '"A1"',
      "'Q1 2026'!",
      "Blad1!",
      "LOG10(",
      "SUM(",
      "F:G",
      "4:4",
      "$B:$C",
      "+",
      "*",
      ",",
      ")",
      "0.5",
    ),
  );
  const move = fc.tuple(
    fc.integer({ min: 0, max: 1000 }),
    fc.integer({ min: 0, max: 50 }),
  );
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 12 }).map((p) => p.join("")),
      move,
      move,
      (text, [r1, c1], [r2, c2]) => {
        const mover = formulaMover(text);
        expect(mover(0, 0)).toBe(text);
        expect(formulaMover(mover(r1, c1))(r2, c2)).toBe(
          mover(r1 + r2, c1 + c2),
        );
      },
    ),
  );
});
