// Writing cells into an existing sheetData in one pass: every cell the sheet had stays (moved
// nowhere), the plan's cells replace or join them, rows keep row order, the dimension covers all.
import fc from "fast-check";
import { type Cell, type CellWrite, a1, parseA1 } from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import {
  PartTooLarge,
  cellXml,
  editSheetXml,
  escapeXml,
} from "../../src/xlsx/sheet-xml";
import { packageOfSheet } from "../helpers/workbook";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The grid a reader sees in a sheet part. */
function gridOf(sheetXml: string): (Cell | undefined)[][] {
  const grid = readXlsx(packageOfSheet(sheetXml)).sheets[0]!;
  expect(grid.unreadable).toBeUndefined();
  return grid.rows.map((r) => (r ? [...r] : []));
}

interface SheetSpec {
  rows: {
    row: number;
    withR: boolean;
    cells: { col: number; withR: boolean; value: number; style: number }[];
  }[];
}

function sheetXml(spec: SheetSpec, dimension: string): string {
  const rows = spec.rows
    .map(({ row, withR, cells }) => {
      const cs = cells
        .map(
          ({ col, withR: cr, value, style }) =>
            `<c${cr ? ` r="${a1(row - 1, col)}"` : ""}${style ? ` s="${style}"` : ""}><v>${value}</v></c>`,
        )
        .join("");
      return `<row${withR ? ` r="${row}"` : ""} spans="1:3">${cs}</row>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${NS}"><dimension ref="${dimension}"/><sheetData>${rows}</sheetData><pageMargins left="0.7"/></worksheet>`;
}

// Rows ascending; a row (or cell) may leave out its r only where it follows its predecessor.
const sheetSpec: fc.Arbitrary<SheetSpec> = fc
  .uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 8 })
  .chain((rowNumbers) => {
    const sorted = [...rowNumbers].sort((a, b) => a - b);
    return fc
      .tuple(
        ...sorted.map((row, i) =>
          fc
            .record({
              withR:
                i > 0 && sorted[i - 1] === row - 1
                  ? fc.boolean()
                  : fc.constant(true),
              cols: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), {
                maxLength: 4,
              }),
              values: fc.array(fc.integer({ min: 0, max: 999 }), {
                minLength: 4,
                maxLength: 4,
              }),
              noRefs: fc.boolean(),
            })
            .map(({ withR, cols, values, noRefs }) => {
              const cs = [...cols].sort((a, b) => a - b);
              // Cells without r only as a run from column A.
              const sequential = noRefs && cs.every((c, k) => c === k);
              return {
                row,
                withR,
                cells: cs.map((col, k) => ({
                  col,
                  withR: !sequential,
                  value: values[k]!,
                  style: k % 2,
                })),
              };
            }),
        ),
      )
      .map((rows) => ({ rows }));
  });

const edits: fc.Arbitrary<CellWrite[]> = fc.array(
  fc
    .record({
      row: fc.integer({ min: 0, max: 34 }),
      col: fc.integer({ min: 0, max: 8 }),
      value: fc.integer({ min: 1000, max: 9999 }),
    })
    .map(({ row, col, value }) => ({
      row,
      col,
      value: { kind: "number" as const, value },
    })),
  { maxLength: 12 },
);

describe("cells written into an existing sheet", () => {
  test("the sheet's cells stay, the plan's replace or join them, in order (property)", () => {
    fc.assert(
      fc.property(sheetSpec, edits, (spec, writes) => {
        const before = gridOf(sheetXml(spec, "A1:C3"));
        const styles: (number | null)[] = [];
        const { bytes } = editSheetXml(
          sheetXml(spec, "A1:C3"),
          writes,
          (c, own, p) => {
            styles.push(own);
            return cellXml(a1(c.row, c.col), c.value, own, p);
          },
        );
        const xml = new TextDecoder().decode(bytes);
        const after = gridOf(xml);
        const expected = before.map((r) => [...r]);
        for (const w of writes)
          (expected[w.row] ??= [])[w.col] = {
            t: "n",
            v: (w.value as { value: number }).value,
          };
        const norm = (g: (Cell | undefined)[][]) => {
          const out: string[] = [];
          g.forEach((r, i) =>
            r?.forEach((c, j) => c && out.push(`${a1(i, j)}=${c.v}`)),
          );
          return out.sort();
        };
        expect(norm(after)).toEqual(norm(expected));
        // Rows in ascending order, each with its number.
        const numbers = [...xml.matchAll(/<row\b[^>]*?\br="(\d+)"/g)].map((m) =>
          Number(m[1]),
        );
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        expect(numbers.length).toBe([...xml.matchAll(/<row\b/g)].length);
        // Within a row, cells in column order (Excel refuses a file otherwise).
        for (const row of xml.matchAll(/<row\b[^>]*>(.*?)<\/row>/g)) {
          const cols = [...row[1]!.matchAll(/<c r="([A-Z]+\d+)"/g)].map(
            (m) => parseA1(m[1]!)!.col,
          );
          expect(cols).toEqual([...cols].sort((a, b) => a - b));
        }
        // The dimension covers every cell.
        const dim = /<dimension ref="A1:([A-Z]+)(\d+)"\/>/.exec(xml);
        const cells = norm(after);
        if (cells.length > 0) {
          const maxRow = Math.max(
            ...cells.map((c) => Number(/\d+/.exec(c)![0])),
          );
          expect(dim).not.toBeNull();
          expect(Number(dim![2])).toBe(maxRow);
          const maxCol = Math.max(
            ...cells.map((c) => parseA1(c.split("=")[0]!)!.col),
          );
          expect(parseA1(`${dim![1]}${dim![2]}`)!.col).toBe(maxCol);
        }
        expect(xml).toContain('<pageMargins left="0.7"/>');
      }),
      { numRuns: 300 },
    );
  });

  test("a replaced cell's own style is handed to the renderer (a person's formatting wins)", () => {
    const xml = `<worksheet xmlns="${NS}"><sheetData><row r="2"><c r="B2" s="7"><v>1</v></c><c r="C2"><v>2</v></c></row></sheetData></worksheet>`;
    const seen: [string, number | null][] = [];
    editSheetXml(
      xml,
      [
        { row: 1, col: 1, value: { kind: "number", value: 5 } },
        { row: 1, col: 2, value: { kind: "number", value: 6 } },
        { row: 1, col: 3, value: { kind: "number", value: 7 } },
      ],
      (c, own) => {
        seen.push([a1(c.row, c.col), own]);
        return "";
      },
    );
    expect(seen.sort()).toEqual([
      ["B2", 7],
      ["C2", null],
      ["D2", null],
    ]);
  });

  test("rows the plan does not touch are copied as they are", () => {
    const untouched = `<row r="3" spans="1:2" customHeight="1" ht="30"><c r="A3" t="s"><v>0</v></c></row>`;
    const xml = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>${untouched}</sheetData></worksheet>`;
    const out = editSheetXml(
      xml,
      [{ row: 0, col: 1, value: { kind: "number", value: 2 } }],
      (c, own, p) => cellXml(a1(c.row, c.col), c.value, own, p),
    ).bytes;
    expect(new TextDecoder().decode(out)).toContain(untouched);
  });
});

test("a sheet of megabytes, in characters of one to four bytes, is written as the text it is", () => {
  // Rows of 1-, 2-, 3- and 4-byte characters, a long comment between them, and untouched rows:
  // the output crosses many blocks of the encoder and must be the same text, byte for byte.
  const rows: string[] = [];
  for (let r = 1; r <= 20_000; r++)
    rows.push(
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${["a", "é", "€", "😀"][r % 4]!.repeat(r % 50)}</t></is></c></row>`,
    );
  rows.splice(7_000, 0, `<!--${"€".repeat(300_000)}-->`);
  const xml = `<worksheet xmlns="${NS}"><sheetData>${rows.join("")}</sheetData></worksheet>`;
  const { bytes } = editSheetXml(xml, [], () => "");
  expect(bytes.length).toBeGreaterThan(3_000_000);
  expect(new TextDecoder().decode(bytes)).toBe(xml);
});

describe("a cell's text as XML", () => {
  /** The plain form the escapes and numberText replace (regular expressions, toPrecision for all). */
  const reference = (s: string, quotes = false, cellText = false) =>
    (quotes
      ? s.replace(/&/g, "&amp;").replace(/"/g, "&quot;")
      : s.replace(/&/g, "&amp;")
    )
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // An underscore the reader would take for an escape's, with what follows as written.
      .replace(
        cellText
          ? /_(?=x[0-9A-Fa-f]{4}(?:_|[\u0000-\u0008\u000b-\u001f\ufffe\uffff\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])))/g
          : /(?!)/g,
        "_x005F_",
      )
      .replace(quotes ? /[\t\n\r]/g : cellText ? /\r/g : /(?!)/g, (ch) =>
        quotes ? `&#${ch.charCodeAt(0)};` : "_x000D_",
      )
      .replace(
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
        (ch) =>
          `_x${ch.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`,
      );
  const xmlText = fc.string({
    unit: fc.oneof(
      fc.constantFrom("&", "<", ">", '"', "'", "\t", "\n", "\r", "\u0000"),
      fc.constantFrom("\u0001", "\u000b", "\u001f", "\ufffe", "\uffff", "é"),
      fc.constantFrom("😀", "a", "=", " ", "\ud83d", "\ude00"),
      // What reads as an escape, or nearly.
      fc.constantFrom(
        "_",
        "_x0041_",
        "_x005F_",
        "_xd800_",
        "_x000D_",
        "_x0041",
      ),
      fc.constantFrom("_x12_", "_x00G1_", "_X0041_", "x0041_", "_x005F_x0041_"),
    ),
  });

  test("text is escaped as XML 1.0 needs, characters it cannot carry as _xHHHH_, quotes only in attributes (property)", () => {
    fc.assert(
      fc.property(xmlText, (s) => {
        expect(escapeXml(s)).toBe(reference(s, true));
        const xml = cellXml("A1", { kind: "text", value: s }, null);
        expect(s === "" ? xml : xml.slice(xml.indexOf("preserve") + 10)).toBe(
          s === ""
            ? '<c r="A1"/>'
            : `${reference(s, false, true)}</t></is></c>`,
        );
        // A formula's text the same way, both the formula and a text it caches.
        expect(
          cellXml("A1", { kind: "formula", formula: s, cached: s }, null),
        ).toBe(
          `<c r="A1" t="str"><f>${reference(s)}</f><v>${reference(s, false, true)}</v></c>`,
        );
      }),
      { numRuns: 300 },
    );
  });

  test("a cell's text reads back as it was written: an escape's look-alike, half of a surrogate pair (property)", () => {
    // A label typed "_x0041_" (Excel stores _x005F_x0041_) read as "A", or half a pair written as
    // U+FFFD by the encoder, would change a text compute copies into Beslut.
    const seen = { lookAlike: 0, half: 0 };
    fc.assert(
      fc.property(xmlText, (s) => {
        if (/_x[0-9A-Fa-f]{4}_/.test(s)) seen.lookAlike++;
        if (
          /[\ud800-\udfff]/.test(
            s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""),
          )
        )
          seen.half++;
        const xml = `<worksheet xmlns="${NS}"><sheetData><row r="1">${cellXml("A1", { kind: "text", value: s }, null)}${cellXml("B1", { kind: "formula", formula: '"a"', cached: s }, null)}</row></sheetData></worksheet>`;
        const [row] = gridOf(xml);
        expect(row?.[0]?.v ?? "").toBe(s);
        expect(row?.[1]?.v ?? "").toBe(s);
      }),
      { numRuns: 300 },
    );
    expect(seen.lookAlike).toBeGreaterThan(10);
    expect(seen.half).toBeGreaterThan(10);
  });

  test("Excel's own examples: _x0008_ is stored _x005F_x0008_, and only a whole escape is escaped", () => {
    const text = (s: string) =>
      cellXml("A1", { kind: "text", value: s }, null).replace(
        /^.*preserve">|<\/t>.*$/g,
        "",
      );
    expect(text("_x0008_")).toBe("_x005F_x0008_");
    expect(text("a_x00e9_b _X0041_ _x41_ _x0041")).toBe(
      "a_x005F_x00e9_b _X0041_ _x41_ _x0041",
    );
    expect(text("\ud800!")).toBe("_xD800_!");
    expect(text("😀")).toBe("😀");
  });

  test("a number is written with 15 significant digits at most, whole or not (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
          fc.constantFrom(1e15 - 1, 1e15, -1e15, 1e15 + 2, 0.1 + 0.2, -0),
        ),
        (n) => {
          expect(cellXml("B2", { kind: "number", value: n }, 3)).toBe(
            `<c r="B2" s="3"><v>${String(Number(n.toPrecision(15)))}</v></c>`,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

test("a plan whose text alone passes a part's limit is refused before any cell is made; one within it is refused only when its XML passes", () => {
  const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
  // Two writes of one cell: the later one is what is written, and what counts.
  const writes: CellWrite[] = [
    ...Array.from({ length: 100 }, (_, i) => ({
      row: i,
      col: 1,
      value: {
        kind: "formula" as const,
        formula: "A1+".repeat(30),
        cached: "x",
      },
    })),
    { row: 0, col: 2, value: { kind: "text", value: "y".repeat(1000) } },
    { row: 0, col: 2, value: { kind: "text", value: "z".repeat(10) } },
  ];
  const least = 100 * (90 + 1) + 10;
  let made = 0;
  const edit = (maxBytes: number) => () =>
    editSheetXml(
      new TextEncoder().encode(sheet),
      writes,
      (c, own, p) => {
        made++;
        return cellXml(a1(c.row, c.col), c.value, own, p);
      },
      undefined,
      maxBytes,
    ).bytes.length;
  expect(edit(least - 1)).toThrow(PartTooLarge);
  expect(made).toBe(0);
  // Within the least, past the XML: refused as it is written.
  expect(edit(least)).toThrow(PartTooLarge);
  expect(made).toBeGreaterThan(0);
  const size = edit(Infinity)();
  expect(size).toBeGreaterThan(least + 100 * 20);
  expect(edit(size)()).toBe(size);
});
