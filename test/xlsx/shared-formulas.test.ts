// A formula filled down in Excel is saved as a shared formula: its first cell holds the text, the
// others refer to it. compute writing that first cell (the add-in's own Differens or cost formula)
// left the others without a formula: LibreOffice opened them empty, Excel repaired the file.

import { strFromU8, strToU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readXlsx } from "../../src/xlsx/read";
import { createWorkbook } from "../../src/xlsx/write";
import { movedFormula, unsharedWrites } from "../../src/xlsx/shared-formulas";
import { a1 } from "../../src/core";
import { escapeText } from "../../src/xlsx/sheet-xml";
import { checkBytes } from "../helpers/check";
import { changedSheet, computeBytes, partOf } from "../helpers/compute";
import {
  recalculateWithLibreOffice,
  resaveWithLibreOffice,
} from "../helpers/libreoffice";
import { template2026 } from "../helpers/template";

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
  expect(movedFormula(text, rows, cols)).toBe(moved);
});

/** The sheet's cells `cells` (first the text's) made one shared formula, as Excel's fill-down saves it. */
function shared(xml: string, cells: readonly string[], text: string): string {
  const [first, ...others] = cells;
  const at = (ref: string) =>
    new RegExp(
      `(<c r="${ref}"[^>]*?)(?:/>|>(?:<f>[^<]*</f>)?(<v>[^<]*</v>)?</c>)`,
    );
  let out = xml.replace(
    at(first!),
    (_, start: string, v = "") =>
      `${start}><f t="shared" ref="${first}:${cells[cells.length - 1]}" si="0">${text}</f>${v}</c>`,
  );
  for (const ref of others)
    out = out.replace(
      at(ref),
      (_, start: string, v = "") => `${start}><f t="shared" si="0"/>${v}</c>`,
    );
  return out;
}

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
    { f: "(shared)", v: 9448 },
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
    expect(movedFormula(cost(3), r - 3, 0)).toBe(cost(r));
  // The template as written holds every formula's value: no spreadsheet (which would save the
  // formulas unshared) comes between.
  const filled = changedSheet(template, "Lönekalkyl", (xml) =>
    shared(xml, ["I4", "I5", "I6", "I7"], escapeText(cost(3))),
  );
  expect(formulasIn(filled, "Lönekalkyl", 8, [4])[0]!.f).toBe("(shared)");
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
