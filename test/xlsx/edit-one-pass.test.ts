// The sheet editor's one pass (editSheetXml given a sheet's bytes, as compute edits a large
// workbook) writes byte for byte what the scanner alone writes on the whole text: on generated
// sheets long enough to be cut into pieces, with the forms the one pass must leave to the scanner,
// and cuts that fall where they must not (a row end tag inside a comment, a ">" in text).

import fc from "fast-check";
import { type CellWrite, a1 } from "../../src/core";
import { cellXml, editSheetXml } from "../../src/xlsx/sheet-xml";
import { readRow } from "../../src/xlsx/rows";
import { rowsTaken as taken } from "../helpers/counted-rows";

// readRow counted, as the editor calls it: equal bytes would also come if it were never taken.
jest.mock("../../src/xlsx/rows", () =>
  jest
    .requireActual<typeof import("../helpers/counted-rows")>(
      "../helpers/counted-rows",
    )
    .countedRows(),
);
const rowsTaken = () => taken(readRow);

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const render = (c: CellWrite, own: number | null, p: string) =>
  cellXml(a1(c.row, c.col), c.value, own ?? 9, p);

/** Both ways: the scanner alone, and the one pass; the same bytes, or both throw. */
function bothWays(xml: string, writes: readonly CellWrite[]) {
  const outcome = (onePass: boolean) => {
    try {
      // As compute gives a large workbook's sheet: its bytes, decoded a few rows at a time.
      const { bytes, prefix } = editSheetXml(
        onePass ? new TextEncoder().encode(xml) : xml,
        writes,
        render,
      );
      return { text: new TextDecoder().decode(bytes), prefix };
    } catch (e) {
      return { threw: (e as Error).message };
    }
  };
  return { scanner: outcome(false), onePass: outcome(true) };
}

/** Rows 1–2000 in Excel's form: the sheet is past a piece (64 K characters) before the rest. */
function filler(p = ""): string {
  return Array.from(
    { length: 2000 },
    (_, k) =>
      `<${p}row r="${k + 1}" spans="1:2" ht="15"><${p}c r="A${k + 1}" s="1"><${p}v>${k}</${p}v></${p}c><${p}c r="B${k + 1}" t="inlineStr"><${p}is><${p}t>Rad ${k}</${p}t></${p}is></${p}c></${p}row>`,
  ).join("\n");
}

// Rows after the filler, each in a form the one pass takes or leaves, with what stands between.
const between = fc.constantFrom(
  "",
  "\n  ",
  "<!-- </row> -->",
  "<!--\n<row r='1'/></row> -->",
  "<?pi row>?>",
);
const cell = (row: number, col: number) =>
  fc.constantFrom(
    `<c r="${a1(row - 1, col)}"><v>${row * 10 + col}</v></c>`,
    `<c r="${a1(row - 1, col)}" s="2" t="str"><f>IF(A1="","x",A1)</f><v>x</v></c>`,
    `<c r="${a1(row - 1, col)}" t="inlineStr"><is><t>an arrow> and a row></t></is></c>`,
    `<c r="${a1(row - 1, col)}" t="str"><v><![CDATA[</row>]]></v></c>`,
    `<c r="${a1(row - 1, col)}" t="str"><v>a &amp; b</v></c>`,
    `<c t="n"><v>${col}</v></c>`,
    `<c r="${a1(row - 1, col)}"/>`,
  );
const rowOf = (row: number) =>
  fc
    .tuple(
      fc.array(cell(row, 0), { maxLength: 1 }),
      fc.array(cell(row, 2), { maxLength: 1 }),
      fc.constantFrom(`r="${row}"`, `r="${row}" spans="1:3"`, ""),
      between,
    )
    .map(
      ([a, b, attrs, gap]) =>
        `${gap}<row${attrs ? ` ${attrs}` : ""}>${[...a, ...b].join("")}</row>`,
    );
const rows = fc
  .uniqueArray(fc.integer({ min: 2001, max: 2040 }), { maxLength: 10 })
  .chain((ns) =>
    ns.length === 0
      ? fc.constant([] as string[])
      : fc.tuple(...[...ns].sort((a, b) => a - b).map(rowOf)),
  );
const writes: fc.Arbitrary<CellWrite[]> = fc.array(
  fc
    .record({
      row: fc.oneof(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1995, max: 2045 }),
      ),
      col: fc.integer({ min: 0, max: 4 }),
      formula: fc.constantFrom('A1&"x"', "SUM(A1:A3)", "B2>0"),
    })
    .map(({ row, col, formula }) => ({
      row,
      col,
      value: { kind: "formula" as const, formula, cached: 1 },
    })),
  { maxLength: 10 },
);

describe("the sheet editor's one pass writes what the scanner writes", () => {
  test("on generated sheets cut into pieces (property)", () => {
    jest.mocked(readRow).mockClear();
    fc.assert(
      fc.property(rows, writes, (rs, ws) => {
        const xml = `<?xml version="1.0"?>\n<worksheet xmlns="${NS}"><dimension ref="A1"/><sheetData>${filler()}${rs.join("")}\n</sheetData><pageMargins left="0.7"/></worksheet>`;
        const { scanner, onePass } = bothWays(xml, ws);
        expect(scanner).not.toHaveProperty("threw");
        expect(onePass).toEqual(scanner);
      }),
      { numRuns: 60 },
    );
    // The filler's rows (at least) were taken by the one pass.
    expect(rowsTaken()).toBeGreaterThan(60 * 1000);
  });

  test("a prefixed sheet, one with its rows on one line and one whose head names sheetData in a comment", () => {
    const writes: CellWrite[] = [
      { row: 1, col: 1, value: { kind: "number", value: 5 } },
      { row: 2500, col: 0, value: { kind: "text", value: "ny" } },
    ];
    for (const xml of [
      `<x:worksheet xmlns:x="${NS}"><x:sheetData>${filler("x:")}</x:sheetData></x:worksheet>`,
      `<worksheet xmlns="${NS}"><sheetData>${filler().replace(/\n/g, "")}</sheetData></worksheet>`,
      `<worksheet xmlns="${NS}"><!-- sheetData > --><sheetData>${filler()}</sheetData></worksheet>`,
      `<worksheet xmlns="${NS}"><sheetData/></worksheet>`,
    ]) {
      const { scanner, onePass } = bothWays(xml, writes);
      expect(scanner).not.toHaveProperty("threw");
      expect(onePass).toEqual(scanner);
    }
  });

  test.each([
    [
      "sheetData> in an attribute of the root",
      (rows: string) =>
        `<worksheet foo="sheetData>x" xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`,
    ],
    [
      "an element named sheetDataX before sheetData",
      (rows: string) =>
        `<worksheet xmlns="${NS}"><sheetDataX/><sheetData>${rows}</sheetData></worksheet>`,
    ],
    [
      "row> in an attribute value of every row",
      (rows: string) =>
        `<worksheet xmlns="${NS}"><sheetData>${rows.replace(/<row r="/g, '<row t="a row>b" r="')}</sheetData></worksheet>`,
    ],
  ])("a cut the plain search gets wrong: %s", (_, sheet) => {
    const writes: CellWrite[] = [
      { row: 1499, col: 3, value: { kind: "number", value: 7 } },
    ];
    const { scanner, onePass } = bothWays(sheet(filler()), writes);
    expect(scanner).not.toHaveProperty("threw");
    expect(onePass).toEqual(scanner);
  });

  test.each([
    [
      "in the head",
      (rows: string) =>
        `<worksheet xmlns="${NS}"><extLst><ext uri="x"><row></row></ext></extLst><!-- ${"h".repeat(70_000)} --><sheetData>${rows}</sheetData></worksheet>`,
    ],
    [
      "in the tail",
      (rows: string) =>
        `<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData><extLst><ext uri="x"><row></row></ext></extLst><pageMargins left="0.7"/></worksheet>`,
    ],
    [
      "after the root element",
      (rows: string) =>
        `<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>\n<row></row> kept`,
    ],
    [
      "inside a row's cell",
      (rows: string) =>
        `<worksheet xmlns="${NS}"><sheetData>${rows}<row r="2001"><c r="A2001"><v>1</v><extLst><row></row></extLst></c><c r="B2001" t="inlineStr"><is><t>${"x".repeat(70_000)}</t></is></c></row></sheetData></worksheet>`,
    ],
  ])(
    "a row end tag %s, where a piece must not end: the whole sheet is edited, the same bytes",
    (_, sheet) => {
      const writes: CellWrite[] = [
        { row: 1, col: 1, value: { kind: "number", value: 5 } },
        { row: 2000, col: 2, value: { kind: "number", value: 7 } },
      ];
      const { scanner, onePass } = bothWays(sheet(filler()), writes);
      expect(scanner).not.toHaveProperty("threw");
      expect(onePass).toEqual(scanner);
    },
  );

  test("a sheet that is not well-formed throws either way", () => {
    const xml = `<worksheet xmlns="${NS}"><sheetData>${filler()}<row r="3000"><c r="A3000"><v>1</v></row></sheetData></worksheet>`;
    const { scanner, onePass } = bothWays(xml, []);
    expect(scanner).toHaveProperty("threw");
    expect(onePass).toEqual(scanner);
  });
});

/** The text in UTF-16: little-endian with or without its byte order mark, or big-endian. */
function utf16(text: string, order: "le" | "le-bom" | "be"): Uint8Array {
  const units = Buffer.from(text, "utf16le");
  if (order === "be") units.swap16();
  return new Uint8Array(
    order === "le-bom"
      ? Buffer.concat([Buffer.from([0xff, 0xfe]), units])
      : units,
  );
}

test("a sheet in UTF-16, either byte order, is edited as its UTF-8 self and written as UTF-8 that says so: characters of four bytes on the windows' edges (property)", () => {
  fc.assert(
    fc.property(
      rows,
      writes,
      fc.constantFrom("le", "le-bom", "be" as const),
      fc.integer({ min: 0, max: 3 }),
      (rs, ws, order, shift) => {
        // Every row's text has characters of two UTF-16 units (four bytes in either encoding), a
        // tenth of its units, and the shift moves them all against the 64 KB windows the part is
        // transcoded in: most windows end inside one.
        const sheet = (encoding: string) =>
          `<?xml version="1.0" encoding="${encoding}" standalone="yes"?>\n<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${"é".repeat(shift)}</t></is></c></row>${filler().replace(/Rad /g, `Rad ${"😀".repeat(20)} `)}${rs.join("")}\n</sheetData></worksheet>`;
        const edit = (bytes: Uint8Array) =>
          new TextDecoder().decode(editSheetXml(bytes, ws, render).bytes);
        expect(edit(utf16(sheet("UTF-16"), order))).toEqual(
          edit(new TextEncoder().encode(sheet("UTF-8"))),
        );
      },
    ),
    { numRuns: 40 },
  );
});
