// Hostile and broken workbooks, made from the shared sample: zip bombs whose parts are named as no
// XML part is, sheets with long stretches the row splitter cannot cut, rows past Excel's grid,
// amounts past any budget, packages that a regular expression reads differently from an XML parser.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { SALARY_SHEET, planTemplate } from "../../src/core";
import { createWorkbook } from "../../src/xlsx/write";
import { detailsSheet } from "./seed";
import { type CellSpec, buildXlsx } from "./workbook";

// From test/helpers in the tests, from dist/test/helpers in the bench.
const FIXTURES = [
  join(__dirname, "..", "fixtures"),
  join(__dirname, "..", "..", "..", "test", "fixtures"),
].find((d) => existsSync(d))!;
export const SAMPLE = readFileSync(
  join(FIXTURES, "samples", "budget-2025-26.xlsx"),
);

export type Parts = Record<string, Uint8Array>;

/** The sample's parts, changed by `edit`, zipped again (with true sizes and CRCs). */
export function withParts(
  edit: (parts: Parts) => void,
  base: Uint8Array = SAMPLE,
): Uint8Array {
  const parts = unzipSync(base);
  edit(parts);
  return zipSync(parts);
}

export const text = (parts: Parts, name: string): string =>
  strFromU8(parts[name]!);
export const put = (parts: Parts, name: string, xml: string): void =>
  void (parts[name] = strToU8(xml));

/** A part's text changed by `change`. */
export function editPart(
  name: string,
  change: (xml: string) => string,
  base: Uint8Array = SAMPLE,
): Uint8Array {
  return withParts(
    (parts) => put(parts, name, change(text(parts, name))),
    base,
  );
}

/**
 * A zip archive of `entries` and one workbook, `damaged`, stored with a byte changed after its CRC-32
 * was taken: it does not unpack.
 */
export function archiveWithDamaged(
  entries: Record<string, Uint8Array>,
  damaged: string,
): Uint8Array {
  const archive = zipSync({
    ...entries,
    [damaged]: [strToU8("PK".padEnd(4000, "x")), { level: 0 }],
  });
  archive[Buffer.from(archive).indexOf("xxxxxxxx")] = 0x79;
  return archive;
}

/** A workbook as Excel saves it in another format (.xlsm, .xltx): the workbook part's content type. */
export function withWorkbookType(
  contentType: string,
  base: Uint8Array = SAMPLE,
): Uint8Array {
  return editPart(
    "[Content_Types].xml",
    (xml) =>
      xml.replace(
        /(PartName="\/xl\/workbook\.xml" ContentType=")[^"]+/,
        `$1${contentType}`,
      ),
    base,
  );
}

/**
 * A zip of `head`, then `filler` repeated `times` times, then `tail` as one deflated part: DEFLATE
 * segments made with a full flush are self-contained, so the same one repeats; the file stays
 * small however large the part (a zip bomb), and its CRC is still true.
 */
export function bombPart(
  head: string,
  filler: string,
  times: number,
  tail: string,
): { data: Uint8Array; size: number; crc: number } {
  const seg = (s: string) =>
    deflateRawSync(Buffer.from(s), { finishFlush: constants.Z_FULL_FLUSH });
  const fill = seg(filler);
  const chunks = [
    seg(head),
    ...Array.from({ length: times }, () => fill),
    deflateRawSync(Buffer.from(tail)),
  ];
  let crc = crc32(head);
  const fillBytes = Buffer.from(filler);
  for (let i = 0; i < times; i++) crc = crc32(fillBytes, crc);
  crc = crc32(tail, crc);
  return {
    data: Buffer.concat(chunks),
    size:
      Buffer.byteLength(head) +
      fillBytes.length * times +
      Buffer.byteLength(tail),
    crc,
  };
}

interface RawPart {
  readonly name: string;
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  readonly size: number;
  readonly crc: number;
}

/** A zip written entry by entry (the sizes as given: a bomb's or a liar's). */
export function rawZip(parts: readonly RawPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(Math.min(p.size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, Buffer.from(p.data));
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(p.method, 10);
    entry.writeUInt32LE(p.crc >>> 0, 16);
    entry.writeUInt32LE(p.data.length, 20);
    entry.writeUInt32LE(Math.min(p.size, 0xffffffff), 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + p.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

/** The sample's parts as raw parts (deflated), with `extra` added or replacing by name. */
export function rawSample(
  extra: readonly RawPart[],
  change: (parts: Parts) => void = () => undefined,
): Uint8Array {
  const parts = unzipSync(SAMPLE);
  change(parts);
  const raw: RawPart[] = Object.entries(parts)
    .filter(([name]) => !extra.some((e) => e.name === name))
    .map(([name, data]) => ({
      name,
      data: deflateRawSync(data),
      method: 8,
      size: data.length,
      crc: crc32(data),
    }));
  return rawZip([...raw, ...extra]);
}

const SHEET_HEAD =
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

/** The first half-year sheet's part replaced by a bomb under a name that does not end in .xml. */
export function bombWorkbook(
  megabytes: number,
  options: { lie?: boolean } = {},
): Uint8Array {
  const bomb = bombPart(
    SHEET_HEAD,
    " ".repeat(1 << 20),
    megabytes,
    "</sheetData></worksheet>",
  );
  return rawSample(
    [
      {
        name: "xl/worksheets/data.bin",
        data: bomb.data,
        method: 8,
        size: options.lie ? 1000 : bomb.size,
        crc: bomb.crc,
      },
    ],
    (parts) => {
      put(
        parts,
        "xl/_rels/workbook.xml.rels",
        text(parts, "xl/_rels/workbook.xml.rels").replace(
          "/xl/worksheets/sheet2.xml",
          "/xl/worksheets/data.bin",
        ),
      );
      delete parts["xl/worksheets/sheet2.xml"];
    },
  );
}

/** The shared strings as a bomb under an odd name. */
export function stringsBombWorkbook(megabytes: number): Uint8Array {
  const bomb = bombPart(
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>',
    "x".repeat(1 << 20),
    megabytes,
    "</t></si></sst>",
  );
  return rawSample(
    [
      {
        name: "xl/strings.dat",
        data: bomb.data,
        method: 8,
        size: bomb.size,
        crc: bomb.crc,
      },
    ],
    (parts) => {
      put(
        parts,
        "xl/_rels/workbook.xml.rels",
        text(parts, "xl/_rels/workbook.xml.rels").replace(
          "</Relationships>",
          '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.dat" Id="rId9"/></Relationships>',
        ),
      );
    },
  );
}

/**
 * The workbook names a shared strings part, xl/sharedStrings.xml, which holds `xml` (or is missing
 * when `xml` is null): the sample has none.
 */
export function withSharedStrings(parts: Parts, xml: string | null): void {
  put(
    parts,
    "xl/_rels/workbook.xml.rels",
    text(parts, "xl/_rels/workbook.xml.rels").replace(
      "</Relationships>",
      '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" Id="rId9"/></Relationships>',
    ),
  );
  if (xml !== null) put(parts, "xl/sharedStrings.xml", xml);
}

/**
 * The sample whose first half-year has `rows` more lines, each with `content` (one shared string) in
 * its label and its five number columns: `rows` × 6 cells of that text, from a file of kilobytes.
 */
export function sharedTextLines(rows: number, content: string): Uint8Array {
  return withParts((parts) => {
    withSharedStrings(
      parts,
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t xml:space="preserve">${content}</t></si></sst>`,
    );
    let lines = "";
    for (let i = 0; i < rows; i++) {
      const r = i + 7;
      lines += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Verksamhet</t></is></c>${["B", "C", "D", "E", "F", "G"].map((c) => `<c r="${c}${r}" t="s"><v>0</v></c>`).join("")}</row>`;
    }
    const oh = rows + 7;
    put(
      parts,
      "xl/worksheets/sheet2.xml",
      text(parts, "xl/worksheets/sheet2.xml").replace(
        /<row r="7">[^]*<\/sheetData>/,
        `${lines}<row r="${oh}"><c r="A${oh}" t="inlineStr"><is><t>OH</t></is></c><c r="B${oh}" t="inlineStr"><is><t>OH-kostnader</t></is></c></row></sheetData>`,
      ),
    );
  });
}

/**
 * The sample with its half-year sheet in UTF-16 (little-endian, with its byte order mark, as Excel
 * reads it), `inserted` after its sheetData.
 */
export function utf16SheetWith(inserted = ""): Uint8Array {
  return withParts((parts) => {
    const name = "xl/worksheets/sheet2.xml";
    const xml = text(parts, name)
      .replace(/^<\?xml[^>]*\?>/, "")
      .replace("</sheetData>", `</sheetData>${inserted}`);
    parts[name] = new Uint8Array(
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${xml}`, "utf16le"),
      ]),
    );
  });
}

/** A half-year sheet with `inserted` right after its rows (inside sheetData or after it). */
export function sheetWith(
  inserted: string,
  where: "after-rows" | "after-sheetData" = "after-rows",
): Uint8Array {
  return editPart("xl/worksheets/sheet2.xml", (xml) =>
    where === "after-rows"
      ? xml.replace("</sheetData>", `${inserted}</sheetData>`)
      : xml.replace("</sheetData>", `</sheetData>${inserted}`),
  );
}

/**
 * The template of 2026 with `n` persons in `Lönekalkyl`, each typed as its first example person
 * (no cost formulas): compute writes each a cost formula of some 4 KB a half-year, so that 30 000
 * persons, a file of 0.6 MB, make a sheet past the 200 MB a part may have.
 */
export function manyPersons(
  n: number,
  /** A months column ("Antal månader", 3 for each), in an agreement of 1900–9999. */
  months = false,
): Uint8Array {
  const plan = planTemplate({
    from: { year: 2026, month: 1 },
    to: { year: 2026, month: 12 },
  });
  const creates = plan.creates.map((c) => {
    if (months && c.sheet === "Uppgifter")
      return {
        ...c,
        cells: c.cells.map((cell) =>
          cell.value.kind === "date"
            ? {
                ...cell,
                value: {
                  kind: "date" as const,
                  iso:
                    cell.value.iso < "2026-06-30" ? "1900-01-01" : "9999-12-31",
                },
              }
            : cell,
        ),
      };
    if (c.sheet !== SALARY_SHEET) return c;
    // The header above row 4, and the first person's typed cells (Post to Pålägg, A–H).
    const typed = c.cells.filter((cell) => cell.row === 3 && cell.col < 8);
    const cells = c.cells.filter((cell) => cell.row < 3);
    if (months)
      cells.push({
        row: 2,
        col: 19,
        value: { kind: "text", value: "Antal månader" },
      });
    for (let i = 0; i < n; i++) {
      for (const cell of typed)
        cells.push({
          ...cell,
          row: 3 + i,
          value:
            cell.col === 1
              ? { kind: "text", value: `Person ${i}` }
              : cell.value,
        });
      if (months)
        cells.push({
          row: 3 + i,
          col: 19,
          value: { kind: "number", value: 3 },
        });
    }
    return { ...c, cells };
  });
  return createWorkbook({ ...plan, creates });
}

/**
 * `Uppgifter` with `n` more rows of the key Partnerskap and `n` merged areas beside them (no key
 * heads one): each key's value cell was found by searching every area, 4 s at 50 000 and a minute
 * at 200 000.
 */
export function keysBesideMerges(n: number): Uint8Array {
  const rows: string[] = [];
  const areas: string[] = [];
  for (let i = 20; i < n + 20; i++) {
    rows.push(
      `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>Partnerskap</t></is></c></row>`,
    );
    areas.push(`<mergeCell ref="D${i}:E${i}"/>`);
  }
  return editPart("xl/worksheets/sheet1.xml", (xml) =>
    xml
      .replace(/<mergeCells[^]*<\/mergeCells>/, "")
      .replace(
        "</sheetData>",
        `${rows.join("")}</sheetData><mergeCells count="${n}">${areas.join("")}</mergeCells>`,
      ),
  );
}

/**
 * The sample with `n` more salary lines in each half-year, their % different in the two: each is
 * the info SERVICE_PERCENT_WEIGHTED, whose % were found by searching the half-year's lines for
 * every line (1.2 s more at 20 000 lines; not hostile, a large budget).
 */
export function weightedLines(n: number): Uint8Array {
  const lines = (percent: number) => {
    let out = "";
    for (let i = 0; i < n; i++) {
      const r = i + 7;
      out += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Lön</t></is></c><c r="B${r}" t="inlineStr"><is><t>Tjänst ${i}</t></is></c><c r="C${r}"><v>${percent}</v></c><c r="D${r}"><v>6</v></c><c r="E${r}"><v>30000</v></c></row>`;
    }
    const oh = n + 7;
    return `${out}<row r="${oh}"><c r="A${oh}" t="inlineStr"><is><t>OH</t></is></c><c r="B${oh}" t="inlineStr"><is><t>OH-kostnader</t></is></c></row></sheetData>`;
  };
  const edit = (percent: number) => (xml: string) =>
    xml.replace(/<row r="7">[^]*<\/sheetData>/, lines(percent));
  return editPart(
    "xl/worksheets/sheet3.xml",
    edit(0.75),
    editPart("xl/worksheets/sheet2.xml", edit(0.5)),
  );
}

/**
 * A half-year of `n` lines whose budgets are each the SUM of every budget above it (their shown
 * values 1 kr): worked out over the lines' figures, 10¹⁰ cells at 100 000 lines.
 */
export function linesOverLines(n: number): Uint8Array {
  let out = "";
  for (let i = 0; i < n; i++) {
    const r = i + 7;
    const budget =
      i === 0
        ? `<c r="F${r}"><v>1000</v></c>`
        : `<c r="F${r}"><f>SUM(F$7:F${r - 1})</f><v>1</v></c>`;
    out += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Verksamhet</t></is></c><c r="B${r}" t="inlineStr"><is><t>Post ${i}</t></is></c>${budget}</row>`;
  }
  const oh = n + 7;
  return editPart("xl/worksheets/sheet2.xml", (xml) =>
    xml.replace(
      /<row r="7">[^]*<\/sheetData>/,
      `${out}<row r="${oh}"><c r="A${oh}" t="inlineStr"><is><t>OH</t></is></c><c r="B${oh}" t="inlineStr"><is><t>OH-kostnader</t></is></c></row></sheetData>`,
    ),
  );
}

/** `rows` rows of `columns` plain numbers each, to put after a sheet's rows (cells past its table). */
export function numberRows(rows: number, columns: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let row = "<row>";
    for (let c = 0; c < columns; c++) row += `<c><v>${r + c}</v></c>`;
    out.push(`${row}</row>`);
  }
  return out.join("");
}

/** A half-year sheet whose last row is numbered `row` (and its cells referenced so). */
export function rowPastTheGrid(row: number): Uint8Array {
  return sheetWith(
    `<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>x</t></is></c></row>`,
  );
}

/** The sample with the first line's budget typed as `value` (e.g. "1e308"). */
export function budgetOf(value: string): Uint8Array {
  return editPart("xl/worksheets/sheet2.xml", (xml) =>
    xml.replace(
      '<c r="F6" s="4" t="n"><v>100000</v>',
      `<c r="F6" s="4" t="n"><v>${value}</v>`,
    ),
  );
}

const MB = 1024 * 1024;

/** Zip bombs under names no XML part has, and the file error each must get. */
/** An OpenDocument spreadsheet of one sheet whose table is `rows` (content.xml's table rows). */
export function odsWith(rows: string): Uint8Array {
  return zipSync({
    mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"),
    "content.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Budget 2025 H2">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`,
    ),
  });
}

/**
 * An .ods of a few kilobytes whose rows each repeat a number over 1 000 × 1 000 cells, `times`
 * rows of them: a million cells a row element (read before the limit as 1.6 GB and 24 s at 150).
 */
export const odsRepeatBomb = (times: number): Uint8Array =>
  odsWith(
    '<table:table-row table:number-rows-repeated="1000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/></table:table-row>'.repeat(
      times,
    ),
  );

/** The sample whose workbook lists `n` sheets, all its first sheet's part: a small file. */
export const manySheets = (n: number): Uint8Array =>
  editPart("xl/workbook.xml", (xml) =>
    xml.replace(
      /<sheets>[^]*<\/sheets>/,
      `<sheets>${Array.from(
        { length: n },
        (_, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId1"/>`,
      ).join("")}</sheets>`,
    ),
  );

/**
 * The sample whose workbook part has `n` more relationships (custom XML items it does not have):
 * 100 000 are a part of 15 MB, 0.5 MB packed (400 000, 60 MB, pass the 32 MB such a part may be).
 */
export const manyRelationships = (n: number): Uint8Array =>
  editPart("xl/_rels/workbook.xml.rels", (xml) =>
    xml.replace(
      "</Relationships>",
      `${Array.from(
        { length: n },
        (_, i) =>
          `<Relationship Id="rX${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item${i}.xml"/>`,
      ).join("")}</Relationships>`,
    ),
  );

/** The sample whose part `name` ends in a comment of 190 MB before its end tag (190 KB packed). */
const commentedPart = (name: string, endTag: string): Uint8Array =>
  editPart(name, (xml) =>
    xml.replace(endTag, `<!--${"x".repeat(190 * MB)}-->${endTag}`),
  );

/** The sample with shared strings (its cells keep their own inline texts): one, then `more`. */
const sharedStringsOf = (more: string): Uint8Array =>
  withParts((parts) =>
    withSharedStrings(
      parts,
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si>${more}</sst>`,
    ),
  );

export const BOMBS: readonly (readonly [string, () => Uint8Array, string])[] = [
  [
    "a row's 190 MB attribute (190 KB packed)",
    () =>
      editPart("xl/worksheets/sheet2.xml", (xml) =>
        xml.replace("<row ", `<row x="${"y".repeat(190 * MB)}" `),
      ),
    "TOO_LARGE",
  ],
  [
    "a 190 MB CDATA section after sheetData (190 KB packed)",
    () => sheetWith(`<![CDATA[${"x".repeat(190 * MB)}]]>`, "after-sheetData"),
    "TOO_LARGE",
  ],
  [
    "shared strings of one 190 MB text (190 KB packed)",
    () => sharedStringsOf(`<si><t>${"x".repeat(190 * MB)}</t></si>`),
    "TOO_LARGE",
  ],
  [
    "shared strings of one 190 MB attribute (190 KB packed)",
    () => sharedStringsOf(`<si x="${"y".repeat(190 * MB)}"><t>b</t></si>`),
    "TOO_LARGE",
  ],
  [
    "a workbook part of 190 MB, a comment (190 KB packed)",
    () => commentedPart("xl/workbook.xml", "</workbook>"),
    "TOO_LARGE",
  ],
  [
    "styles of 190 MB, a comment (190 KB packed)",
    () => commentedPart("xl/styles.xml", "</styleSheet>"),
    "TOO_LARGE",
  ],
  [
    "a workbook part of 100 000 relationships (a 15 MB part, 0.5 MB packed)",
    () => manyRelationships(100_000),
    "TOO_LARGE",
  ],
  [
    "one shared text of 32 000 characters in 600 000 cells (21 GB of text, a file of kilobytes)",
    () => sharedTextLines(100_000, "1 ".repeat(16_000)),
    "TOO_LARGE",
  ],
  [
    "a workbook listing 300 000 sheets, all one small part",
    () => manySheets(300_000),
    "TOO_LARGE",
  ],
  [
    "an .ods of a few kilobytes repeating a number over 150 million cells",
    () => odsRepeatBomb(150),
    "TOO_LARGE",
  ],
  [
    "a 1 GB sheet part whose name does not end in .xml",
    () => bombWorkbook(1024),
    "TOO_LARGE",
  ],
  [
    "the same part whose directory says it is 1 000 bytes",
    () => bombWorkbook(1024, { lie: true }),
    "CORRUPT",
  ],
  [
    "shared strings of 1 GB under an odd name",
    () => stringsBombWorkbook(1024),
    "TOO_LARGE",
  ],
];

/** Long stretches without a row's end: read in one pass, checked and computed as the sample. */
export const LONG_STRETCHES: readonly (readonly [string, () => Uint8Array])[] =
  [
    [
      "a 40 MB comment after the rows",
      () => sheetWith(`<!--${"x".repeat(40 * MB)}-->`),
    ],
    [
      "a 190 MB comment after sheetData (190 KB packed)",
      () => sheetWith(`<!--${"x".repeat(190 * MB)}-->`, "after-sheetData"),
    ],
    [
      "a 190 MB processing instruction after the rows (190 KB packed)",
      () => sheetWith(`<?x ${"y".repeat(190 * MB)}?>`),
    ],
    [
      "shared strings of 190 MB, a comment (190 KB packed)",
      () => sharedStringsOf(`<!--${"x".repeat(190 * MB)}-->`),
    ],
    [
      "a sheet in UTF-16 with a 90-million-character comment after sheetData (180 KB packed)",
      () => utf16SheetWith(`<!--${"x".repeat(90 * MB)}-->`),
    ],
    [
      // Each "[" was searched from to the end for a "]" (minutes); the dates stay dates.
      'a number format of a million "[" before its yyyy-mm-dd (a few KB packed)',
      () =>
        editPart("xl/styles.xml", (xml) =>
          xml.replace(
            'formatCode="yyyy-mm-dd"',
            `formatCode="${"[".repeat(1_000_000)}yyyy-mm-dd"`,
          ),
        ),
    ],
    [
      "a 50 MB attribute",
      () => sheetWith(`<row r="90" x="${"y".repeat(50 * MB)}"/>`),
    ],
    [
      "200 000 keys in Uppgifter beside 200 000 merged areas",
      () => keysBesideMerges(200_000),
    ],
    [
      "200 000 merged areas",
      () =>
        sheetWith(
          `<mergeCells>${'<mergeCell ref="J1:K1"/>'.repeat(200_000)}</mergeCells>`,
          "after-sheetData",
        ),
    ],
  ];

/**
 * A report of `n` overspent lines, each explained in a text of its own of some 450 characters
 * (a column Förklaring): not hostile, but every text is kept, for the findings, the memo and diff.
 */
export function explainedLines(n: number): Promise<Uint8Array> {
  const rows: CellSpec[][] = [
    ["Post", "Budget", "Utfall", "Differens", "Förklaring"],
  ];
  for (let i = 0; i < n; i++)
    rows.push([
      `Aktivitet ${i}`,
      1000,
      1200,
      -200,
      `${"Förklaring ".repeat(40)}${i}`,
    ]);
  return buildXlsx([
    detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
    { name: "Utfall 2024 H1", rows },
  ]);
}
