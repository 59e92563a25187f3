// The one-pass row reader (src/xlsx/rows.ts) against the general scanner: the same cells, or it
// leaves the row to the scanner. readXlsxByScanner reads each sheet whole by the scanner only;
// readXlsx and readXlsxLazily (as `compute` and `check` read) read a sheet's rows a row at a time
// from its sheetData tag on, once the workbook's sheets are large enough (here always:
// onePassFromBytes 0).

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { RowBuffer, readRow } from "../../src/xlsx/rows";
import {
  DEFAULT_LIMITS,
  ONE_PASS_FROM_BYTES,
  readXlsx,
  readXlsxByScanner,
  NotStreamable,
  readXlsxLazily,
  readXlsxStreamed,
} from "../../src/xlsx/read";
import { gridOf } from "../../src/core";
import { packageOfSheet } from "../helpers/workbook";
import { rowsTaken as taken } from "../helpers/counted-rows";

// readRow as the reader calls it, counted: a test of equal cells would also pass if the one pass
// were never taken.
jest.mock("../../src/xlsx/rows", () =>
  jest
    .requireActual<typeof import("../helpers/counted-rows")>(
      "../helpers/counted-rows",
    )
    .countedRows(),
);
const rowsTaken = () => taken(readRow);

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** Plain rows below the rest, so that what follows them is past the first 64 KB piece. */
function filler(p = ""): string {
  return Array.from(
    { length: 1500 },
    (_, k) =>
      `<${p}row r="${1000 + k}"><${p}c r="A${1000 + k}" s="1"><${p}v>${k}</${p}v></${p}c><${p}c r="B${1000 + k}" t="inlineStr"><${p}is><${p}t>Fyllnad ${k}</${p}t></${p}is></${p}c></${p}row>`,
  ).join("");
}

/** Both readings of one sheet: the same grid, or the same error. */
function bothWays(pkg: Uint8Array) {
  const outcome = (read: () => unknown) => {
    try {
      return read();
    } catch (e) {
      return { threw: (e as Error).message };
    }
  };
  const scanner = outcome(() => readXlsxByScanner(pkg).sheets);
  // Both of the reader's ways: kept (compute) and one at a time (check).
  // The one pass from the first byte (a workbook's sheets take it from 4 MB in all).
  const onePass = { ...DEFAULT_LIMITS, onePassFromBytes: 0 };
  const kept = outcome(() => readXlsx(pkg, onePass).sheets);
  expect(kept).toEqual(outcome(() => [...readXlsxLazily(pkg, onePass).sheets]));
  // A row at a time (check): the same cells, or NotStreamable and then read as above.
  const streamed = outcome(() => {
    try {
      return [...readXlsxStreamed(pkg).sheets].map(gridOf);
    } catch (e) {
      if (e instanceof NotStreamable) return kept;
      throw e;
    }
  });
  expect(streamed).toEqual(kept);
  return { whole: scanner, lazy: kept };
}

describe("a row in the common form is read in one pass", () => {
  const b = new RowBuffer();

  test("Excel's row: its number, each cell's place, type, style, value, formula and inline text", () => {
    const x = `<row r="7" spans="1:5" x14ac:dyDescent="0.25"><c r="A7" t="inlineStr"><is><t xml:space="preserve">Hyra </t></is></c><c r="B7" s="3"><v>1200.5</v></c><c r="C7" s="4"><f>B7*2</f><v>2401</v></c><c r="D7"><f t="shared" si="0"/><v>3</v></c><c r="E7" s="x"/></row>`;
    expect(readRow(x, 0, b)).toBe(x.length);
    expect(b.r).toBe("7");
    expect(b.count).toBe(5);
    expect(b.refCol.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(b.refRow.slice(0, 5)).toEqual([6, 6, 6, 6, 6]);
    expect(b.type.slice(0, 5)).toEqual(["inlineStr", "n", "n", "n", "n"]);
    expect(b.style.slice(0, 5)).toEqual([0, 3, 4, 0, -1]);
    expect(b.value.slice(0, 5)).toEqual([null, "1200.5", "2401", "3", null]);
    expect(b.formula.slice(0, 5)).toEqual([null, null, "B7*2", "", null]);
    expect(b.shared.slice(0, 5)).toEqual([null, null, null, "0", null]);
    expect(b.inline.slice(0, 5)).toEqual(["Hyra ", "", "", "", ""]);
  });

  test("white space between tags, single quotes, a cell without a reference and an empty row", () => {
    const x = `<row r='2'>\n  <c t='n'>\n    <v>5</v>\n  </c>\n</row>`;
    expect(readRow(x, 0, b)).toBe(x.length);
    expect([b.count, b.refCol[0], b.type[0], b.value[0]]).toEqual([
      1,
      -1,
      "n",
      "5",
    ]);
    expect(readRow(`<row r="3"/>`, 0, b)).toBe(12);
    expect(b.count).toBe(0);
  });

  test("entities in values, formulas and inline text, decoded as the scanner decodes them", () => {
    const x = `<row r="1"><c r="A1" t="str"><f>IF(B1=&quot;&quot;,&quot;&lt;&gt;&quot;,B1&amp;&apos;x&apos;)</f><v>a &amp; b</v></c><c r="B1" t="inlineStr"><is><t>&#233;&#x1F600;</t></is></c></row>`;
    expect(readRow(x, 0, b)).toBe(x.length);
    expect(b.formula[0]).toBe(`IF(B1="","<>",B1&'x')`);
    expect(b.value[0]).toBe("a & b");
    expect(b.inline[1]).toBe("é😀");
  });

  test.each([
    [
      "an unknown entity",
      `<row r="1"><c r="A1" t="str"><v>a &bogus; b</v></c></row>`,
    ],
    [
      "an unterminated entity",
      `<row r="1"><c r="A1" t="str"><v>a &amp b</v></c></row>`,
    ],
    [
      "a carriage return as a character reference",
      `<row r="1"><c r="A1" t="str"><v>a&#13;b</v></c></row>`,
    ],
    [
      "a carriage return",
      `<row r="1"><c r="A1" t="str"><v>a\r\nb</v></c></row>`,
    ],
    ["a comment", `<row r="1"><c r="A1"><!-- x --><v>1</v></c></row>`],
    ["CDATA", `<row r="1"><c r="A1" t="str"><v><![CDATA[x]]></v></c></row>`],
    [
      "rich text",
      `<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c></row>`,
    ],
    [
      "phonetic text",
      `<row r="1"><c r="A1" t="inlineStr"><is><t>a</t><rPh sb="0" eb="1"><t>b</t></rPh></is></c></row>`,
    ],
    ["a prefix", `<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>`],
    [
      "a tab in an attribute",
      `<row r="1"><c r="A1"\tt="n\t"><v>1</v></c></row>`,
    ],
    ["space around =", `<row r = "1"></row>`],
    ["an empty value element", `<row r="1"><c r="A1"><v/></c></row>`],
    ["text between cells", `<row r="1">x<c r="A1"><v>1</v></c></row>`],
    ["another element in a row", `<row r="1"><extLst/></row>`],
    ["attributes not apart", `<row r="1"><c r="A1"s="2"><v>1</v></c></row>`],
    ["a row cut short", `<row r="1"><c r="A1"><v>1</v></c>`],
    ["an attribute cut short", `<row r="1"><c r="A1`],
  ])("%s is left to the scanner", (_, x) => {
    expect(readRow(x, 0, b)).toBe(-1);
  });
});

describe("read in one pass or by the scanner, a sheet gives the same cells", () => {
  const text = fc.string({
    unit: fc.constantFrom(
      ...["a", "Z", " ", "1", ".", "é", "😀", ">", "\t", "\n"],
      ...["&amp;", "&quot;", "&#233;", "&#xD;", "&#0;", "&bogus;"],
    ),
    maxLength: 8,
  });
  const number = fc.oneof(
    fc.integer({ min: -1e6, max: 1e9 }).map(String),
    fc.constantFrom("0.25", "1e3", " 12 ", "", "abc", "-0"),
  );
  const col = fc.constantFrom("A", "B", "C", "$D", "XFD", "XFE", "a", "");
  const rowNumber = fc.oneof(
    fc.integer({ min: 1, max: 400 }).map(String),
    fc.constantFrom("0", "x", "1048577", "2.5"),
  );
  const attrs = fc.record({
    s: fc.option(fc.constantFrom("0", "2", "x", "123456789012345678"), {
      nil: undefined,
    }),
    space: fc.constantFrom(" ", "  ", "\n "),
    quote: fc.constantFrom('"', "'"),
    // The attributes in another order, and one more among them: an attribute whose local name is
    // r, t or s (the first of a name counts), a namespace declaration, or another name.
    order: fc.nat(),
    extra: fc.constantFrom(
      "",
      "",
      'cm="1"',
      'xmlns:r="urn:r"',
      'x14:r="B9"',
      'x:t="str"',
      'tt="s"',
      'ss="2"',
      'x:="1"',
    ),
    at: fc.nat(),
  });
  // The common forms and the ones the scanner must read (an entity, a comment, rich text, …).
  const cell = fc
    .tuple(col, rowNumber, attrs, text, number, fc.integer({ min: 0, max: 14 }))
    .map(([c, r, a, t, n, form]) => {
      const q = a.quote;
      const open = (type?: string) => {
        const list = [
          ...(c === "" ? [] : [`r=${q}${c}${r}${q}`]),
          ...(a.s === undefined ? [] : [`s=${q}${a.s}${q}`]),
          ...(type ? [`t=${q}${type}${q}`] : []),
        ];
        for (let k = a.order % 6; k > 0; k--) list.push(list.shift()!);
        if (a.order % 2 === 1) list.reverse();
        if (a.extra !== "") list.splice(a.at % (list.length + 1), 0, a.extra);
        return `<c${list.map((x) => a.space + x).join("")}`;
      };
      switch (form) {
        case 0:
          return `${open()}><v>${n}</v></c>`;
        case 1:
          return `${open("inlineStr")}><is><t xml:space="preserve">${t}</t></is></c>`;
        case 2:
          return `${open("str")}><f>A1&amp;"x"</f><v>${t}</v></c>`;
        case 3:
          return `${open("str")}><f>LEN(A1)</f><v>${t}</v></c>`;
        case 4:
          return `${open()}><f t="shared" si="0"/><v>${n}</v></c>`;
        case 5:
          return `${open()}/>`;
        case 6:
          return `${open("b")}><v>${n === "" ? "1" : "0"}</v></c>`;
        case 7:
          return `${open("e")}><v>#N/A</v></c>`;
        case 8:
          return `${open("inlineStr")}><is><r><t>${t}</t></r><r><t>!</t></r></is></c>`;
        case 9:
          return `${open()}><!-- ${t} --><v>${n}</v></c>`;
        case 10:
          return `${open("str")}><v><![CDATA[${t}]]></v></c>`;
        case 11:
          return `${open()}>\n  <v>${n}</v>\n</c>`;
        case 12:
          return `${open("d")}><v>2024-0${(n.length % 9) + 1}-15</v></c>`;
        case 13:
          // A shared formula's first cell: the dependants after it read its text moved.
          return `${open()}><f t="shared" ref="A1:F400" si="0">B1*2+$C$1</f><v>${n}</v></c>`;
        default:
          return `${open("inlineStr")}><is><t>${t}</t><rPh sb="0" eb="1"><t>x</t></rPh></is></c>`;
      }
    });
  const row = fc
    .tuple(
      fc.option(rowNumber, { nil: undefined }),
      fc.array(cell, { maxLength: 6 }),
      fc.boolean(),
    )
    .map(([r, cells, spaced]) => {
      const attr = r === undefined ? "" : ` r="${r}"`;
      const gap = spaced ? "\n  " : "";
      return cells.length === 0
        ? `<row${attr}/>`
        : `<row${attr} spans="1:6">${cells.map((c) => gap + c).join("")}${gap}</row>`;
    });

  const sheetOf = (rows: string) =>
    `<worksheet xmlns="${NS}"><sheetData>${filler()}${rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>`;
  /** The rows the one pass takes in bothWays beyond the filler's (which it always takes). */
  const takenBeyondFiller = (() => {
    jest.mocked(readRow).mockClear();
    bothWays(packageOfSheet(sheetOf("")));
    const filler = rowsTaken();
    return (read: () => void) => {
      jest.mocked(readRow).mockClear();
      read();
      return rowsTaken() - filler;
    };
  })();

  test("on generated rows past the first piece (property)", () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        taken += takenBeyondFiller(() => {
          const { whole, lazy } = bothWays(
            packageOfSheet(sheetOf(rows.join("\n"))),
          );
          expect(lazy).toEqual(whole);
        });
      }),
      // Seeded: the count below depends on the rows drawn (unseeded, one run in many fell short).
      { numRuns: 150, seed: 20261206 },
    );
    // The generated rows were read in one pass where they could be, not only by the scanner.
    expect(taken).toBeGreaterThan(150);
  });

  test("on generated rows in the first piece, below any head (property)", () => {
    // The head up to sheetData is the scanner's; a "<sheetData>" that is no tag (in a comment, a
    // processing instruction) or a prefixed one leaves the first piece to the scanner, as before.
    const head = fc.constantFrom(
      `<worksheet xmlns="${NS}"><dimension ref="A1:F9"/><sheetData>`,
      `<?xml version="1.0"?>\n<worksheet xmlns="${NS}"><sheetData>`,
      `<worksheet xmlns="${NS}"><!-- <sheetData> --><sheetData>`,
      `<worksheet xmlns="${NS}"><?pi <sheetData>?><sheetData>`,
      `<x:worksheet xmlns:x="${NS}"><x:sheetData>`,
    );
    let taken = 0;
    fc.assert(
      fc.property(
        head,
        fc.array(row, { minLength: 1, maxLength: 30 }),
        (h, rows) => {
          const close = h.startsWith("<x:")
            ? "</x:sheetData></x:worksheet>"
            : "</sheetData></worksheet>";
          jest.mocked(readRow).mockClear();
          const { whole, lazy } = bothWays(
            packageOfSheet(h + rows.join("\n") + close),
          );
          expect(lazy).toEqual(whole);
          taken += rowsTaken();
        },
      ),
      // Seeded: which heads are drawn decides the count (three of five leave the rows to the
      // scanner); unseeded, a CI run drew 128.
      { numRuns: 150, seed: 20261206 },
    );
    expect(taken).toBeGreaterThan(150);
  });

  test("a sheet's first rows are read in one pass, and a head that only seems to open sheetData leaves them to the scanner", () => {
    const rows = [1, 2, 3]
      .map((r) => `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`)
      .join("");
    const taken = (head: string) => {
      jest.mocked(readRow).mockClear();
      const { whole, lazy } = bothWays(
        packageOfSheet(`${head}${rows}</sheetData></worksheet>`),
      );
      expect(lazy).toEqual(whole);
      return rowsTaken();
    };
    expect(
      taken(`<worksheet xmlns="${NS}"><sheetData>`),
    ).toBeGreaterThanOrEqual(3);
    expect(
      taken(`<worksheet xmlns="${NS}"><!-- <sheetData> --><sheetData>`),
    ).toBe(0);
  });

  test("on every sheet of the real-world corpus, its rows past the first piece", () => {
    const corpus = join(__dirname, "..", "fixtures", "corpus");
    let sheets = 0;
    let taken = 0;
    for (const name of readdirSync(corpus).filter((f) => f.endsWith(".xlsx"))) {
      let parts: Record<string, Uint8Array>;
      try {
        parts = unzipSync(readFileSync(join(corpus, name)));
      } catch {
        continue; // not a zip: read by neither path
      }
      for (const part of Object.keys(parts)) {
        if (!/^xl\/worksheets\/[^/]+\.xml$/.test(part)) continue;
        const xml = strFromU8(parts[part]!);
        // The filler goes first in sheetData, in the sheet's own prefix.
        const m = /<(\w+:)?sheetData>/.exec(xml);
        if (!m) continue;
        const at = m.index + m[0].length;
        const end = xml.indexOf(`</${m[1] ?? ""}sheetData>`, at);
        const withRows = (rows: string) =>
          zipSync({
            ...parts,
            [part]: strToU8(
              xml.slice(0, at) + filler(m[1] ?? "") + rows + xml.slice(end),
            ),
          });
        // The filler alone, to count the rows of its own the one pass takes.
        jest.mocked(readRow).mockClear();
        bothWays(withRows(""));
        const fillerRows = rowsTaken();
        jest.mocked(readRow).mockClear();
        const { whole, lazy } = bothWays(withRows(xml.slice(at, end)));
        expect({ name, part, read: lazy }).toEqual({ name, part, read: whole });
        taken += rowsTaken() - fillerRows;
        sheets++;
      }
    }
    expect(sheets).toBeGreaterThan(30);
    // The corpus's own rows were read in one pass too, where they could be.
    expect(taken).toBeGreaterThan(100);
  });

  test("a row is put in place whole, its array as long as its last cell; cells naming other rows, and a row met twice, go where they say", () => {
    const rows = [
      // Gaps before, between and after cells (a styled empty cell is no cell).
      `<row r="3000"><c r="C3000"><v>1</v></c><c r="F3000"><v>2</v></c><c r="H3000" s="1"/></row>`,
      // A cell that names another row (and one that follows it, in that row).
      `<row r="3001"><c r="A3001"><v>3</v></c><c r="B3005"><v>4</v></c><c><v>5</v></c></row>`,
      // A row met twice: the second adds to the first, a cell met twice is the later one.
      `<row r="3002"><c r="A3002"><v>6</v></c><c r="B3002"><v>7</v></c></row>`,
      `<row r="3002"><c r="B3002"><v>8</v></c><c r="D3002"><v>9</v></c></row>`,
      // A row whose cells all name a row before it, already read.
      `<row r="3003"><c r="E3000"><v>10</v></c></row>`,
    ];
    jest.mocked(readRow).mockClear();
    const { whole, lazy } = bothWays(packageOfSheet(sheetOf(rows.join(""))));
    expect(rowsTaken()).toBeGreaterThan(rows.length);
    // Strictly: holes where the scanner has holes, and every row as long.
    expect(lazy).toStrictEqual(whole);
    const grid = (lazy as { rows: unknown[][] }[])[0]!.rows;
    const values = (r: number) =>
      grid[r - 1]!.map((c) => (c as { v: number } | undefined)?.v);
    expect(values(3000)).toEqual([undefined, undefined, 1, undefined, 10, 2]);
    expect(values(3001)).toEqual([3]);
    expect(values(3005)).toEqual([undefined, 4, 5]);
    expect(values(3002)).toEqual([6, 8, undefined, 9]);
  });

  test("every plain cell of one shared string is one object, read either way; a formula's keeps its formula", () => {
    const xml = sheetOf(
      [3000, 3001, 3002]
        .map(
          (r) =>
            `<row r="${r}"><c r="A${r}" t="s"><v>0</v></c><c r="B${r}" t="s"><v>1</v></c></row>`,
        )
        .join("") +
        `<row r="3003"><c r="A3003" t="s"><f>"Lön"</f><v>0</v></c></row>`,
    );
    const pkg = packageOfSheet(xml, ["Lön", "Verksamhet"]);
    const onePass = { ...DEFAULT_LIMITS, onePassFromBytes: 0 };
    for (const [grid] of [
      readXlsx(pkg, onePass).sheets,
      readXlsxByScanner(pkg).sheets,
    ]) {
      const at = (r: number, c: number) => grid!.rows[r - 1]![c];
      expect(at(3000, 0)).toEqual({ t: "s", v: "Lön" });
      expect(at(3002, 1)).toEqual({ t: "s", v: "Verksamhet" });
      expect(at(3001, 0)).toBe(at(3000, 0));
      expect(at(3002, 0)).toBe(at(3000, 0));
      expect(at(3002, 1)).toBe(at(3000, 1));
      expect(at(3003, 0)).toEqual({ t: "s", v: "Lön", f: '"Lön"' });
    }
  });

  test("the one pass is taken from onePassFromBytes of sheets in the workbook, not below", () => {
    const xml = sheetOf("");
    const size = new TextEncoder().encode(xml).length;
    const read = (onePassFromBytes: number) => {
      jest.mocked(readRow).mockClear();
      // Every sheet walked (each is read when reached).
      Array.from(
        readXlsxLazily(packageOfSheet(xml), {
          ...DEFAULT_LIMITS,
          onePassFromBytes,
        }).sheets,
      );
      return rowsTaken();
    };
    expect(read(size)).toBe(1500); // all the filler's, from the first piece on
    expect(read(size + 1)).toBe(0);
    // By default from 4 MB: this sheet of 1 500 lines is read by the scanner alone.
    expect(read(ONE_PASS_FROM_BYTES)).toBe(0);
    expect(size).toBeLessThan(ONE_PASS_FROM_BYTES);
  });
});
