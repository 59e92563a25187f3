// Valid XML that a regular expression reads differently from an XML parser: the writer reads the
// package through the reader's own functions, so it writes the sheet the reader read, or refuses.
// For each variation the computed workbook opens in LibreOffice and every typed cell is unchanged.

import { type Grid, cellAt } from "../../src/core";
import { WorkbookFileError, readXlsx } from "../../src/xlsx/read";
import { applyPlan } from "../../src/xlsx/write";
import { planOf } from "../helpers/compute";
import { editPart, put, text, withParts } from "../helpers/hostile";
import { resaveWithLibreOffice } from "../helpers/libreoffice";

const R_NS =
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The sample with the second half-year's salary budget (F4) left empty: the plan writes a formula there. */
const base = editPart("xl/worksheets/sheet3.xml", (xml) =>
  xml.replace(/<c r="F4"[^>]*><v>[^<]*<\/v><\/c>/, ""),
);

/** Every typed (non-formula) cell of every sheet, as "sheet!A1=value". */
function typedCells(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (const g of readXlsx(bytes).sheets as Grid[]) {
    if (g.name === "Beslut") continue;
    g.rows.forEach((row, r) =>
      row?.forEach((_, c) => {
        const cell = cellAt(g, r, c);
        if (cell && !("f" in cell && cell.f !== undefined) && cell.t !== "z")
          out.push(`${g.name}!${r},${c}=${String(cell.v)}`);
      }),
    );
  }
  return out.sort();
}

function formulaAt(
  bytes: Uint8Array,
  sheet: string,
  row: number,
  col: number,
): string | undefined {
  const g = readXlsx(bytes).sheets.find((s) => s.name === sheet)!;
  const cell = cellAt(g, row, col);
  return cell && "f" in cell ? cell.f : undefined;
}

const variations: [string, Uint8Array][] = [
  [
    "a comment inside <sheets> that looks like a <sheet>",
    withParts(
      (parts) =>
        put(
          parts,
          "xl/workbook.xml",
          text(parts, "xl/workbook.xml").replace(
            "<sheets>",
            `<sheets><!-- <sheet ${R_NS} name="Halvår 1 2026" sheetId="3" r:id="rId2"/> -->`,
          ),
        ),
      base,
    ),
  ],
  [
    "spaces around = in the workbook, its relationships and the sheets",
    withParts((parts) => {
      put(
        parts,
        "xl/workbook.xml",
        text(parts, "xl/workbook.xml").replace(
          / (name|sheetId|r:id)="/g,
          ' $1 = "',
        ),
      );
      put(
        parts,
        "xl/_rels/workbook.xml.rels",
        text(parts, "xl/_rels/workbook.xml.rels").replace(
          / (Id|Target|Type)="/g,
          ' $1 =\n"',
        ),
      );
      put(
        parts,
        "xl/worksheets/sheet3.xml",
        text(parts, "xl/worksheets/sheet3.xml").replace(/ (r|s)="/g, ' $1 = "'),
      );
    }, base),
  ],
  [
    "single-quoted attributes everywhere",
    withParts((parts) => {
      for (const name of [
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet3.xml",
        "[Content_Types].xml",
      ])
        put(parts, name, text(parts, name).replace(/="([^"]*)"/g, "='$1'"));
    }, base),
  ],
  [
    "comments and CDATA inside sheetData that look like rows and cells",
    withParts((parts) => {
      for (const name of [
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet3.xml",
      ])
        put(
          parts,
          name,
          text(parts, name)
            .replace(
              "<sheetData>",
              '<sheetData><!-- <row r="4"><c r="F4"><v>1</v></c></row> -->',
            )
            .replace('<row r="5">', '<!-- </row> --><row r="5">')
            .replace(
              /(<row r="4"[^>]*>)/,
              '$1<c r="J4" t="inlineStr"><is><t><![CDATA[</c></row><row r="6"><c r="F6"><v>1</v></c>]]></t></is></c>',
            ),
        );
    }, base),
  ],
];

describe("the writer reads the package as the reader does", () => {
  test.each(variations)(
    "%s: the formula goes where the reader saw the empty cell, every typed cell stays",
    (_, bytes) => {
      const before = typedCells(bytes);
      const out = applyPlan(bytes, planOf(bytes));
      // Every typed cell is where it was, with its value (the plan adds a Status column's cells).
      const kept = (cells: string[]) =>
        before.filter((c) => !cells.includes(c));
      expect(kept(typedCells(out))).toEqual([]);
      // The empty F4 of the second half-year got the salary formula; the first's typed 742 500 did not.
      expect(formulaAt(out, "Halvår 1 2026", 3, 5)).toMatch(/^ROUND\(/);
      expect(formulaAt(out, "Halvår 2 2025", 3, 5)).toBeUndefined();
      expect(readXlsx(out).sheets.map((s) => s.name)).toEqual([
        "Uppgifter",
        "Halvår 2 2025",
        "Halvår 1 2026",
        "Beslut",
      ]);
      // LibreOffice opens it, and what it saves has the same typed cells.
      expect(kept(typedCells(resaveWithLibreOffice(out)))).toEqual([]);
    },
  );

  test("a part named in another case than its relationship says (OPC names are case-insensitive): the same part is written", () => {
    const bytes = withParts((parts) => {
      parts["xl/worksheets/Sheet3.xml"] = parts["xl/worksheets/sheet3.xml"]!;
      delete parts["xl/worksheets/sheet3.xml"];
    }, base);
    const out = applyPlan(bytes, planOf(bytes));
    expect(formulaAt(out, "Halvår 1 2026", 3, 5)).toMatch(/^ROUND\(/);
    expect(readXlsx(out).sheets.map((s) => s.name)).toEqual([
      "Uppgifter",
      "Halvår 2 2025",
      "Halvår 1 2026",
      "Beslut",
    ]);
  });

  const refused: [string, Uint8Array, string][] = [
    [
      "two relationships with one id",
      withParts(
        (parts) =>
          put(
            parts,
            "xl/_rels/workbook.xml.rels",
            text(parts, "xl/_rels/workbook.xml.rels").replace(
              'Id="rId5"',
              'Id="rId2"',
            ),
          ),
        base,
      ),
      "ambiguous",
    ],
    [
      "two sheets of one name",
      withParts(
        (parts) =>
          put(
            parts,
            "xl/workbook.xml",
            text(parts, "xl/workbook.xml").replace(
              'name="Uppgifter"',
              'name="halvår 1 2026"',
            ),
          ),
        base,
      ),
      "ambiguous",
    ],
    [
      // The reader falls back to xl/workbook.xml; the writer, which keeps the part, refuses it.
      "a byte of Latin-1 in the root relationships",
      withParts((parts) => {
        const rels = parts["_rels/.rels"]!;
        parts["_rels/.rels"] = Uint8Array.from([
          ...rels.subarray(0, -1),
          0xf6,
          0x3e,
        ]);
      }, base),
      "invalid",
    ],
    [
      "an entry named ../../x",
      withParts((parts) => void (parts["../../x"] = new Uint8Array([1])), base),
      "unsafe",
    ],
  ];
  test.each(refused)(
    "%s: refused as damaged, nothing written",
    (_, bytes, kind) => {
      let error: unknown;
      try {
        applyPlan(bytes, planOf(bytes));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WorkbookFileError);
      expect((error as WorkbookFileError).code).toBe("CORRUPT");
      expect((error as WorkbookFileError).damage?.kind).toBe(kind);
    },
  );

  test("an empty [Content_Types].xml is damage for the reader and the writer alike", () => {
    const bytes = withParts(
      (parts) => put(parts, "[Content_Types].xml", ""),
      base,
    );
    expect(() => readXlsx(bytes)).toThrow(
      expect.objectContaining({
        code: "CORRUPT",
        damage: { kind: "empty", part: "[Content_Types].xml" },
      }) as Error,
    );
    expect(() => applyPlan(bytes, planOf(base))).toThrow(
      expect.objectContaining({ code: "CORRUPT" }) as Error,
    );
  });
});
