// The xlsx adapter on files written by other programs: openpyxl, LibreOffice, ExcelJS, Excel, Google Sheets.

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { type Grid, cellAt, serialToIso } from "../../src/core";
import {
  DEFAULT_LIMITS,
  MAX_SHEETS,
  MAX_TEXT,
  type ReadLimit,
  type ReadLimits,
  WorkbookFileError,
  readXlsx,
} from "../../src/xlsx/read";
import { fileErrorText } from "../../src/xlsx/file-errors";
import { MAX_RELATIONSHIPS } from "../../src/xlsx/package";
import { checkBytes, checkSheets, errorsOf, findingAt } from "../helpers/check";
import {
  resaveWithLibreOffice,
  saveAllAsOds,
  saveAsXls,
} from "../helpers/libreoffice";
import { compoundFile } from "../helpers/cfb";
import ExcelJS from "exceljs";
import {
  budgetHalfYearSheet,
  budgetWorkbook,
  detailsSheet,
  reportWorkbook,
  typeset,
} from "../helpers/seed";
import {
  addSheets,
  buildXlsx,
  date,
  kr,
  packageOfSheet,
  pct,
} from "../helpers/workbook";
import {
  SAMPLE,
  withParts,
  manyRelationships,
  manySheets,
  odsRepeatBomb,
  odsWith,
  sheetWith,
} from "../helpers/hostile";

const FIXTURES = join(__dirname, "..", "fixtures");
const sample = (name: string) => readFileSync(join(FIXTURES, "samples", name));

function fileError(
  bytes: Uint8Array,
  limits?: Parameters<typeof readXlsx>[1],
): WorkbookFileError {
  try {
    readXlsx(bytes, limits);
  } catch (e) {
    if (e instanceof WorkbookFileError) return e;
    throw e;
  }
  throw new Error("expected a WorkbookFileError");
}

describe("the shared sample workbooks", () => {
  test("budget-2025-26.xlsx (openpyxl, inline strings) gives 1 109 649 per half-year and no errors", () => {
    const r = checkBytes(sample("budget-2025-26.xlsx"));
    expect(
      r.periods.map((p) => [p.id, p.budget.total, p.budget.overhead]),
    ).toEqual([
      ["2025-H2", 1109649, 100877],
      ["2026-H1", 1109649, 100877],
    ]);
    expect(errorsOf(r)).toEqual([]);
  });

  test("report-2024.xlsx (openpyxl, re-saved by LibreOffice) gives the 2024 figures and the repayment", () => {
    const r = checkBytes(sample("report-2024.xlsx"));
    expect(r.years).toEqual([
      {
        year: 2024,
        budget: 1925000,
        actual: 1777664,
        surplus: 147336,
        partial: false,
      },
    ]);
    expect(r.repayment).toEqual({
      items: [
        { year: 2023, amount: 232886 },
        { year: 2024, amount: 147336 },
      ],
      total: 380222,
      due: "2025-06-30",
    });
    expect(
      r.periods.flatMap((p) =>
        p.lines.filter((l) => l.overspent).map((l) => `${p.id} ${l.label}`),
      ),
    ).toEqual(["2024-H1 Aktiviteter", "2024-H2 Aktiviteter"]);
  });
});

describe("after LibreOffice has re-saved a workbook", () => {
  test("the 2024 report in the seed's labels gives the same figures", async () => {
    const original = await buildXlsx(reportWorkbook());
    const resaved = resaveWithLibreOffice(original, "report.xlsx");
    const before = checkBytes(original);
    const after = checkBytes(resaved);
    expect(after.years).toEqual([
      {
        year: 2024,
        budget: 1925000,
        actual: 1777664,
        surplus: 147336,
        partial: false,
      },
    ]);
    expect(after.repayment.total).toBe(380222);
    expect(after.repayment.due).toBe("2025-06-30");
    expect(after.periods).toEqual(before.periods);
  });

  test("the 2025–26 budget gives the same figures", async () => {
    const resaved = resaveWithLibreOffice(
      await buildXlsx(budgetWorkbook({ typedSalaries: false })),
      "budget.xlsx",
    );
    const r = checkBytes(resaved);
    expect(r.periods.map((p) => p.budget.total)).toEqual([1109649, 1109649]);
    expect(errorsOf(r)).toEqual([]);
  });
});

describe("cell values as the core needs them", () => {
  async function grid(): Promise<Grid> {
    const bytes = await buildXlsx([
      {
        name: "Blad",
        rows: [
          [
            pct(2.75),
            kr(742500),
            date("2025-07-01"),
            "text",
            true,
            { error: "#REF!" },
          ],
          [
            { formula: "A1*2", result: 5.5 },
            { formula: "B1+1" },
            { formula: 'CONCATENATE("a","b")', result: "ab" },
          ],
        ],
        merges: ["A3:C3"],
      },
    ]);
    return readXlsx(bytes).sheets[0]!;
  }

  test("numbers keep their number formats, so 275 % is told from 2.75", async () => {
    const g = await grid();
    expect(cellAt(g, 0, 0)).toEqual({ t: "n", v: 2.75, fmt: "0%" });
    expect(cellAt(g, 0, 1)).toEqual({ t: "n", v: 742500, fmt: "#,##0" });
  });

  test("Excel's escapes (_xHHHH_) are decoded in each text run on its own, in shared and inline strings, by the one pass and the scanner", () => {
    // Excel writes, and reads, each run of a rich text with its own escapes: "_x00" and "41_" in
    // two runs are the text "_x0041_", not "A".
    const runs = (a: string, b: string) =>
      `<r><t>${a}</t></r><r><rPr><b/></rPr><t>${b}</t></r>`;
    const cases: [string, string][] = [
      ["_x0041_", "A"],
      ["_x005F_x0041_", "_x0041_"],
      ["a_x000D_\nb", "a\r\nb"],
      ["_xD800_", "\ud800"],
      [runs("_x00", "41_"), "_x0041_"],
      [runs("_x0041_", "_x0042_"), "AB"],
      [runs("_x005F_", "x0041_"), "_x0041_"],
    ];
    const strings = cases.map(([xml]) =>
      xml.startsWith("<r>") ? `</t>${xml}<t>` : xml,
    );
    const rows = cases.map(
      ([xml], i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c><c r="B${i + 1}" t="inlineStr"><is>${xml.startsWith("<r>") ? xml : `<t>${xml}</t>`}</is></c></row>`,
    );
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
    const bytes = packageOfSheet(sheet, strings);
    const expected = cases.map(([, text]) => [text, text]);
    // The scanner, and the one pass that large workbooks are read by.
    for (const limits of [
      undefined,
      { ...DEFAULT_LIMITS, onePassFromBytes: 0 },
    ])
      expect(
        readXlsx(bytes, limits).sheets[0]!.rows.map((r) =>
          (r ?? []).map((c) => c?.v),
        ),
      ).toEqual(expected);
  });

  test("a number is what XML Schema's double is: 0x1F, 0b11 and 0o7 are text (Excel refuses them), not 31, 3 and 7", () => {
    const values = [
      "0x1F",
      "0b11",
      " 0o7",
      "0X10",
      "1e3",
      ".5",
      "5.",
      "-0",
      "+7",
      "0",
      "007",
    ];
    const bytes = packageOfSheet(
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${values.map((v, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${v}</v></c>`).join("")}</row></sheetData></worksheet>`,
    );
    // The scanner, and the one pass that large workbooks are read by.
    for (const limits of [
      undefined,
      { ...DEFAULT_LIMITS, onePassFromBytes: 0 },
    ])
      expect(
        readXlsx(bytes, limits).sheets[0]!.rows[0]!.map((c) => c?.v),
      ).toEqual(["0x1F", "0b11", " 0o7", "0X10", 1000, 0.5, 5, -0, 7, 0, 7]);
    // A shared text named so is none the package has: damage, not the text at index 1.
    expect(
      fileError(
        packageOfSheet(
          `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0x1</v></c></row></sheetData></worksheet>`,
          ["a", "b"],
        ),
      ).damage,
    ).toEqual({ kind: "incomplete", part: "xl/sharedStrings.xml" });
    // In an .ods, a number cell's value is no number (#NUM! to the engine), as one LibreOffice
    // cannot read.
    const ods = odsWith(
      `<table:table-row>${values.map((v) => `<table:table-cell office:value-type="float" office:value="${v}"/>`).join("")}</table:table-row>`,
    );
    expect(readXlsx(ods).sheets[0]!.rows[0]!.map((c) => c?.v)).toEqual([
      NaN,
      NaN,
      NaN,
      NaN,
      1000,
      0.5,
      5,
      -0,
      7,
      0,
      7,
    ]);
  });

  test("dates are serials with a date format; text, booleans and errors keep their kinds", async () => {
    const g = await grid();
    expect(cellAt(g, 0, 2)).toMatchObject({ t: "n", v: 45839 });
    expect(cellAt(g, 0, 3)).toEqual({ t: "s", v: "text" });
    expect(cellAt(g, 0, 4)).toEqual({ t: "b", v: true });
    expect(cellAt(g, 0, 5)).toEqual({ t: "e", v: "#REF!" });
  });

  test("formula cells give their cached values, and a formula never calculated is marked", async () => {
    const g = await grid();
    expect(cellAt(g, 1, 0)).toEqual({ t: "n", v: 5.5, f: "A1*2" });
    expect(cellAt(g, 1, 1)).toEqual({ t: "z", v: null, f: "B1+1" });
    expect(cellAt(g, 1, 2)).toEqual({
      t: "s",
      v: "ab",
      f: 'CONCATENATE("a","b")',
    });
  });

  test("merged cells are reported", async () => {
    expect((await grid()).merges).toEqual([
      { top: 2, left: 0, bottom: 2, right: 2 },
    ]);
  });

  test("a workbook in the 1904 date system reads the same dates", async () => {
    const r = await checkSheets(budgetWorkbook(), { date1904: true });
    expect(r.agreement.start).toBe("2025-07-01");
    expect(r.agreement.end).toBe("2026-06-30");
    expect(errorsOf(r)).toEqual([]);
  });

  test("the corpus's 1904 workbook (saved by Excel) reads its dates right", () => {
    const g = readXlsx(readFileSync(join(FIXTURES, "corpus", "1904.xlsx")))
      .sheets[0]!;
    // B4 holds serial 0 of the 1904 system, shown by Excel as 1904-01-01.
    const b4 = cellAt(g, 3, 1);
    expect(b4).toMatchObject({ t: "n", fmt: "yyyy-mm-dd" });
    expect(serialToIso((b4 as { v: number }).v)).toBe("1904-01-01");
  });

  test("an uncalculated formula in an amount is a warning at its cell, not a silent zero", async () => {
    const [details, sheet] = budgetWorkbook().slice(0, 2);
    const rows = sheet!.rows.map((row, i) =>
      i === 5
        ? [
            "Verksamhet",
            "Verksamhetskostnader",
            null,
            null,
            null,
            { formula: "50000*2" },
          ]
        : row,
    );
    const r = await checkSheets([
      detailsSheet({ end: "2025-12-31" }),
      { ...sheet!, rows },
    ]);
    void details;
    expect(findingAt(r, "UNCALCULATED_FORMULA")).toEqual(["Budget 2025 H2!F6"]);
  });
});

describe("files that are not readable workbooks are clear errors", () => {
  test("random bytes", () => {
    expect(fileError(strToU8("this is a text file, not a workbook")).code).toBe(
      "NOT_A_WORKBOOK",
    );
    expect(fileError(new Uint8Array()).code).toBe("NOT_A_WORKBOOK");
  });

  test("a zip that is not a workbook", () => {
    expect(fileError(zipSync({ "hello.txt": strToU8("hi") })).code).toBe(
      "NOT_A_WORKBOOK",
    );
  });

  test("a zip cut short (an interrupted download) is damaged, and said to be cut short", async () => {
    const bytes = await buildXlsx(budgetWorkbook());
    const error = fileError(bytes.subarray(0, bytes.length / 2));
    expect(error.code).toBe("CORRUPT");
    expect(error.damage).toEqual({ kind: "truncated" });
  });

  test("an OLE compound file: encrypted workbook or legacy .xls", () => {
    const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const encrypted = new Uint8Array([
      ...header,
      ...new Array(504).fill(0),
      ...[..."EncryptionInfo"].flatMap((ch) => [ch.charCodeAt(0), 0]),
    ]);
    expect(fileError(encrypted).code).toBe("ENCRYPTED");
    expect(
      fileError(new Uint8Array([...header, ...new Array(600).fill(0)])).code,
    ).toBe("LEGACY_XLS");
  });

  describe("an OLE compound file, told by its directory wherever it lies", () => {
    const DRM = [
      { name: "\u0006DataSpaces", storage: true },
      { name: "DataSpaceInfo", storage: true },
      { name: "DRMEncryptedDataSpace" },
      { name: "TransformInfo", storage: true },
      { name: "DRMEncryptedTransform" },
      { name: "EncryptedPackage", size: 150_000 },
    ];
    const PASSWORD = [
      { name: "EncryptionInfo" },
      { name: "EncryptedPackage", size: 150_000 },
    ];

    test.each([
      ["a password's, the directory first", PASSWORD, false, "ENCRYPTED"],
      // Before, only the first 64 KB was looked at: "an old Excel 97–2003 workbook (.xls)".
      ["a password's, the directory after 150 KB", PASSWORD, true, "ENCRYPTED"],
      [
        "a sensitivity label's (rights management)",
        DRM,
        true,
        "RIGHTS_PROTECTED",
      ],
      [
        "a Word document's",
        [{ name: "WordDocument", size: 90_000 }, { name: "1Table" }],
        true,
        "NOT_A_WORKBOOK",
      ],
    ] as const)("%s", (_, entries, directoryLast, code) => {
      const bytes = compoundFile(entries, { directoryLast });
      expect(bytes.length).toBeGreaterThan(65536);
      expect(fileError(bytes).code).toBe(code);
    });

    test("a sensitivity label's protection says what to do, not to remove a password", () => {
      const error = fileError(compoundFile(DRM));
      expect(fileErrorText(error.code, "sv")).toBe(
        "Arbetsboken är skyddad med en känslighetsetikett eller begränsad behörighet (Microsoft Purview, IRM), och bara Office kan öppna den, för den som har behörighet. Spara en kopia med en etikett som inte krypterar (eller be den som skyddade den att ta bort skyddet) och försök igen. I Excel läser tillägget den som vanligt.",
      );
    });

    test("an .xls as LibreOffice saves it (its directory after the workbook) is a legacy workbook", async () => {
      const xls = saveAsXls(await buildXlsx(budgetWorkbook()));
      expect(fileError(xls).code).toBe("LEGACY_XLS");
    });

    test("a directory chain or a DIFAT chain that loops ends where it repeats", () => {
      const bytes = compoundFile(PASSWORD, { directoryLast: true });
      const view = new DataView(bytes.buffer);
      const directory = view.getUint32(0x30, true);
      // The directory's sector made its own next, and a DIFAT chain of one sector that is its own.
      view.setUint32(512 + directory * 4, directory, true);
      view.setUint32(0x44, 1, true);
      view.setUint32(0x48, 1, true);
      expect(fileError(bytes).code).toBe("ENCRYPTED");
    });
  });

  test("an Excel Binary Workbook (.xlsb): said to be one, not damaged", () => {
    // Its package as Excel writes it: the workbook and sheets are binary records (.bin).
    const xlsb = zipSync({
      "[Content_Types].xml": strToU8(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
      ),
      "_rels/.rels": strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
      ),
      "xl/workbook.bin": new Uint8Array([0x83, 0x01, 0x00, 0x80, 0x01, 0x00]),
    });
    const error = fileError(xlsb);
    expect(error.code).toBe("XLSB");
    expect(fileErrorText(error.code, "sv")).toBe(
      "Filen är en binär Excel-arbetsbok (.xlsb). Spara den som Excel-arbetsbok (.xlsx) och försök igen.",
    );
  });

  test("an absurdly large file or workbook: TOO_LARGE, with the limit it passed", async () => {
    const bytes = await buildXlsx(budgetWorkbook());
    const limitOf = (limits: ReadLimits) => {
      const e = fileError(bytes, limits);
      return `${e.code} ${e.limit ?? "no limit"}`;
    };
    const none = { maxFileBytes: 1e9, maxUnpackedBytes: 1e9, maxCells: 1e9 };
    expect(limitOf({ ...none, maxFileBytes: 1000 })).toBe("TOO_LARGE file");
    // The declared sizes together, before a part is inflated.
    expect(limitOf({ ...none, maxUnpackedBytes: 2000 })).toBe(
      "TOO_LARGE unpacked",
    );
    // One part (a sheet, about 1.9 KB unpacked) within the total but past the part's limit.
    expect(limitOf({ ...none, maxPartBytes: 1500 })).toBe("TOO_LARGE part");
    // Past both, declared before a part is inflated: said as the part that passes its own limit
    // (a 1 GB sheet is a part too large, more than it is parts too large together).
    expect(
      limitOf({ ...none, maxUnpackedBytes: 2000, maxPartBytes: 1500 }),
    ).toBe("TOO_LARGE part");
    expect(limitOf({ ...none, maxCells: 10 })).toBe("TOO_LARGE cells");
    expect(limitOf({ ...none, maxTextChars: 100 })).toBe("TOO_LARGE text");
    // Three sheets (Uppgifter and two half-years).
    expect(limitOf({ ...none, maxSheets: 2 })).toBe("TOO_LARGE sheets");
    expect(readXlsx(bytes, { ...none, maxSheets: 3 }).sheets).toHaveLength(3);
    // Each says which limit, in both languages, with the published figure.
    const said = (limit: ReadLimit, lang: "sv" | "en") =>
      fileErrorText("TOO_LARGE", lang, { limit });
    expect(said("cells", "sv")).toBe(
      "Arbetsboken är för stor för att läsas säkert (fler än 5 miljoner celler).",
    );
    expect(said("part", "en")).toBe(
      "The workbook is too large to be read safely (a part larger than 200 MB unpacked).",
    );
    expect(said("unpacked", "sv")).toBe(
      "Arbetsboken är för stor för att läsas säkert (delar större än 600 MB uppackade tillsammans).",
    );
    expect(said("file", "en")).toBe(
      "The workbook is too large to be read safely (a file larger than 100 MB).",
    );
    expect(said("text", "sv")).toBe(
      "Arbetsboken är för stor för att läsas säkert (fler än 50 miljoner tecken text i cellerna).",
    );
    expect(said("sheets", "sv")).toBe(
      typeset(
        "Arbetsboken är för stor för att läsas säkert (fler än 10 000 blad).",
      ),
    );
    expect(said("sheets", "en")).toBe(
      "The workbook is too large to be read safely (more than 10,000 sheets).",
    );
  });

  test("absolute part paths in relationships (as openpyxl writes them) are resolved", async () => {
    const files = unzipSync(await buildXlsx(budgetWorkbook()));
    const rels = new TextDecoder().decode(files["xl/_rels/workbook.xml.rels"]);
    files["xl/_rels/workbook.xml.rels"] = strToU8(
      rels.replace(/Target="(?!\/)/g, 'Target="/xl/'),
    );
    const r = checkBytes(zipSync(files));
    expect(r.periods.map((p) => p.budget.total)).toEqual([1109649, 1109649]);
  });
});

/**
 * What each corpus workbook comes to, committed in corpus/expected.json: the file error's code, or
 * every finding as "CODE sheet!cell" in order. UPDATE_EXPECTED=1 rewrites the table (review the
 * diff: each change is a change of what a user sees).
 */
describe("every workbook of the real-world corpus", () => {
  const dir = join(FIXTURES, "corpus");
  const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx"));
  const tablePath = join(dir, "expected.json");
  const expected = JSON.parse(readFileSync(tablePath, "utf8")) as Record<
    string,
    Outcome
  >;
  const seen: Record<string, Outcome> = {};

  test("the corpus is there, and the table names every file of it", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    if (!process.env.UPDATE_EXPECTED)
      expect(Object.keys(expected).sort()).toEqual([...files].sort());
  });

  test.each(files)("%s comes to what the table says", (file) => {
    const outcome = outcomeOf(readFileSync(join(dir, file)), file);
    seen[file] = outcome;
    if (process.env.UPDATE_EXPECTED) return;
    expect(outcome).toEqual(expected[file]);
    // None of them is a budget workbook: that is said, with an error.
    if ("findings" in outcome) expect(outcome.errors).toBeGreaterThan(0);
  });

  afterAll(() => {
    if (process.env.UPDATE_EXPECTED)
      writeFileSync(tablePath, `${JSON.stringify(seen, null, 2)}\n`);
  });
});

type Outcome =
  | { readonly fileError: string }
  | { readonly errors: number; readonly findings: readonly string[] };

function outcomeOf(bytes: Uint8Array, file: string): Outcome {
  try {
    const r = checkBytes(bytes, file);
    return {
      errors: errorsOf(r).length,
      findings: r.findings.map((f) =>
        f.sheet === null
          ? f.code
          : `${f.code} ${f.sheet}${f.cell === null ? "" : `!${f.cell}`}`,
      ),
    };
  } catch (e) {
    if (!(e instanceof WorkbookFileError)) throw e;
    return { fileError: e.code };
  }
}

describe("an OpenDocument sheet past Excel's grid", () => {
  const ods = (rows: string) =>
    `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Blad1">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`;
  const cell = (text: string) =>
    `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
  const limits = {
    maxCells: DEFAULT_LIMITS.maxCells,
    maxSheets: MAX_SHEETS,
    maxTextChars: MAX_TEXT,
    tooLarge: (limit: string): never => {
      throw new Error(`too many ${limit}`);
    },
  };

  test("rows repeated past row 1 048 576 are not read, and the sheet names the first one past it", () => {
    const { readOdsContent } =
      jest.requireActual<typeof import("../../src/xlsx/ods")>(
        "../../src/xlsx/ods",
      );
    const grid = readOdsContent(
      [
        ods(
          `<table:table-row>${cell("a")}</table:table-row><table:table-row table:number-rows-repeated="2000000000"><table:table-cell/></table:table-row><table:table-row>${cell("past")}</table:table-row>`,
        ),
      ],
      limits,
    ).sheets[0]!;
    expect(grid.outsideGrid).toBe("R1048577C1");
    expect(grid.rows.length).toBe(1);
    expect(grid.rows[0]![0]).toEqual({ t: "s", v: "a" });
  });

  test("a sheet within the grid has no mark", () => {
    const { readOdsContent } =
      jest.requireActual<typeof import("../../src/xlsx/ods")>(
        "../../src/xlsx/ods",
      );
    expect(
      readOdsContent(
        [ods(`<table:table-row>${cell("a")}</table:table-row>`)],
        limits,
      ).sheets[0]!.outsideGrid,
    ).toBeUndefined();
  });

  test("repeated cells count against the cells a workbook may have: a few kilobytes cannot ask for millions", () => {
    // 6 million cells in six row elements of a million each: one row element past the limit.
    expect(() => readXlsx(odsRepeatBomb(6))).toThrow(
      expect.objectContaining({ code: "TOO_LARGE", limit: "cells" }),
    );
    // Five million, the limit itself, are read.
    const grid = readXlsx(odsRepeatBomb(5)).sheets[0]!;
    expect(grid.rows.length).toBe(5000);
    expect(grid.rows[4999]![999]).toEqual({ t: "n", v: 1 });
  });

  test("a workbook of more sheets than LibreOffice takes is TOO_LARGE, in an .ods and an .xlsx alike", () => {
    const table = (i: number) =>
      `<table:table table:name="S${i}"><table:table-row>${cell("Post")}</table:table-row></table:table>`;
    const odsOf = (n: number) =>
      zipSync({
        "content.xml": strToU8(
          ods("").replace(
            /<table:table [^>]*><\/table:table>/,
            Array.from({ length: n }, (_, i) => table(i)).join(""),
          ),
        ),
      });
    expect(readXlsx(odsOf(MAX_SHEETS)).sheets).toHaveLength(MAX_SHEETS);
    expect(() => readXlsx(odsOf(MAX_SHEETS + 1))).toThrow(
      expect.objectContaining({ code: "TOO_LARGE", limit: "sheets" }),
    );
    // An .xlsx whose workbook lists more sheets than that (all one part: a small file).
    expect(() => readXlsx(manySheets(MAX_SHEETS + 1))).toThrow(
      expect.objectContaining({ code: "TOO_LARGE", limit: "sheets" }),
    );
    expect(readXlsx(manySheets(3)).sheets.map((s) => s.name)).toEqual([
      "S0",
      "S1",
      "S2",
    ]);
  });

  test("a part read whole, other than the sheets and texts, past its limit is TOO_LARGE before it is inflated, whichever it is", () => {
    const structural = [
      "_rels/.rels",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "[Content_Types].xml",
      "xl/styles.xml",
    ];
    const SIZE = 20_000;
    for (const part of structural) {
      // The part padded to SIZE bytes by a comment at its end: the same workbook.
      const padded = withParts((parts) => {
        const own = parts[part]!;
        const comment = `<!--${"x".repeat(SIZE - own.length - 7)}-->`;
        parts[part] = strToU8(strFromU8(own) + comment);
        expect(parts[part].length).toBe(SIZE);
      });
      const limits = (max: number) => ({
        ...DEFAULT_LIMITS,
        maxStructureBytes: max,
      });
      expect(readXlsx(padded, limits(SIZE)).sheets).toHaveLength(
        readXlsx(SAMPLE).sheets.length,
      );
      expect(() => readXlsx(padded, limits(SIZE - 1))).toThrow(
        expect.objectContaining({ code: "TOO_LARGE", limit: "structure" }),
      );
    }
    expect(fileErrorText("TOO_LARGE", "sv", { limit: "structure" })).toBe(
      typeset(
        "Arbetsboken är för stor för att läsas säkert (en del utöver bladen och texterna större än 32 MB uppackad).",
      ),
    );
    expect(fileErrorText("TOO_LARGE", "en", { limit: "structure" })).toBe(
      "The workbook is too large to be read safely (a part other than its sheets and texts larger than 32 MB unpacked).",
    );
  });

  test("shared strings over many windows of bytes read as whole: characters of two to four bytes on the windows' edges, a comment and CDATA within a text, line ends, phonetic runs", () => {
    const N = 20_000;
    const raw = (i: number) =>
      i % 1000 === 7
        ? `a<!--${"<x>".repeat(30_000)}-->b<![CDATA[<&>]]>c`
        : `Lön ${i} 😀${"é".repeat(i % 7)}&amp;${"\u4e2d".repeat(i % 3)} x\r\ny`;
    const read = (i: number) =>
      i % 1000 === 7
        ? "ab<&>c"
        : `Lön ${i} 😀${"é".repeat(i % 7)}&${"\u4e2d".repeat(i % 3)} x\ny`;
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${Array.from(
      { length: N },
      (_, i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`,
    ).join("")}</sheetData></worksheet>`;
    // Each shift moves every character's bytes against the 64 KB windows the part is decoded in.
    for (const shift of [0, 1, 2, 3]) {
      const strings = Array.from({ length: N }, (_, i) =>
        i === 0 ? `${"·".repeat(shift)}${raw(0)}` : raw(i),
      );
      strings[1] = `${raw(1)}</t><rPh sb="0" eb="1"><t>ロン</t></rPh><t>`;
      const grid = readXlsx(packageOfSheet(sheet, strings)).sheets[0]!;
      const texts = grid.rows.map((row) => row?.[0]?.v);
      expect(texts).toHaveLength(N);
      texts.forEach((t, i) =>
        expect({ i, t }).toEqual({
          i,
          t: i === 0 ? `${"·".repeat(shift)}${read(0)}` : read(i),
        }),
      );
    }
  });

  test("a sheet in UTF-16, either byte order, over many windows reads as its UTF-8 self: characters of four bytes on the windows' edges, a long comment between rows", () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Lön ${i} ${"😀".repeat(i % 30)}é</t></is></c><c r="B${i + 1}"><v>${i}</v></c></row>${i === 1500 ? `<!--${"<x>".repeat(50_000)}-->` : ""}`,
    );
    const sheet = (encoding: string, shift: number) =>
      `<?xml version="1.0" encoding="${encoding}"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${" ".repeat(shift)}<sheetData>${rows.join("")}</sheetData></worksheet>`;
    const withSheet = (bytes: Uint8Array<ArrayBuffer>) => {
      const parts = unzipSync(packageOfSheet("<worksheet/>"));
      parts["xl/worksheets/sheet1.xml"] = bytes;
      return zipSync(parts);
    };
    for (const shift of [0, 1]) {
      const expected = readXlsx(withSheet(strToU8(sheet("UTF-8", shift))))
        .sheets[0]!;
      expect(cellAt(expected, 2999, 0)?.v).toBe(`Lön 2999 ${"😀".repeat(29)}é`);
      const le = Buffer.from(sheet("UTF-16", shift), "utf16le");
      const be = Buffer.from(le).swap16();
      for (const bytes of [
        Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
        be,
        Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      ])
        expect(
          readXlsx(withSheet(new Uint8Array(bytes))).sheets[0]!.rows,
        ).toEqual(expected.rows);
    }
  });

  test("bytes that are not text in their encoding make the sheet unreadable wherever they are in it, and the shared strings damaged", () => {
    const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Lön ${i}</t></is></c></row>`,
    ).join("");
    const withSheet = (bytes: Uint8Array<ArrayBuffer>) => {
      const parts = unzipSync(packageOfSheet("<worksheet/>"));
      parts["xl/worksheets/sheet1.xml"] = bytes;
      return zipSync(parts);
    };
    const utf8 = strToU8(
      `<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`,
    );
    // A byte of Latin-1 in the head, in a row of the first window, far on, in the tail; and the
    // first byte of a two-byte character at the end.
    for (const at of [20, 1000, 90_000, utf8.length - 5, utf8.length]) {
      const bytes = new Uint8Array(utf8.length + 1);
      bytes.set(utf8.subarray(0, at));
      bytes[at] = at === utf8.length ? 0xc3 : 0xf6;
      bytes.set(utf8.subarray(at), at + 1);
      expect({ at, grid: readXlsx(withSheet(bytes)).sheets[0] }).toEqual({
        at,
        grid: {
          name: "S",
          rows: [],
          unreadable: "invalid XML: bytes that are not UTF-8 text",
        },
      });
    }
    // In UTF-16: half of a pair, and an odd byte at the end.
    const utf16 = Buffer.from(
      `<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`,
      "utf16le",
    );
    for (const bytes of [
      Buffer.concat([
        utf16.subarray(0, 5000),
        Buffer.from([0x00, 0xdc]),
        utf16.subarray(5000),
      ]),
      Buffer.concat([utf16, Buffer.from([0x20])]),
    ])
      expect(
        readXlsx(withSheet(new Uint8Array(bytes))).sheets[0]!.unreadable,
      ).toBe("invalid XML: bytes that are not UTF-16 text");
    // The shared strings, which every sheet may name: the workbook is damaged.
    const strings = unzipSync(
      packageOfSheet(
        `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
        ["Lön"],
      ),
    );
    const sst = strings["xl/sharedStrings.xml"]!;
    const at = sst.indexOf(0xc3);
    strings["xl/sharedStrings.xml"] = Uint8Array.from([
      ...sst.subarray(0, at),
      0xf6,
      ...sst.subarray(at + 2),
    ]);
    expect(fileError(zipSync(strings)).damage).toEqual({
      kind: "invalid",
      part: "xl/sharedStrings.xml",
    });
  });

  test("shared strings of more text than the cells may hold, or a tag that long, are TOO_LARGE, and a long comment is read past", () => {
    const strings = (extra: string) =>
      packageOfSheet(
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
        ["a", extra],
      );
    const limits = (max: number) => ({ ...DEFAULT_LIMITS, maxTextChars: max });
    const SIZE = 300_000;
    const text = strings("x".repeat(SIZE - 1));
    expect(readXlsx(text, limits(SIZE)).sheets).toHaveLength(1);
    expect(() => readXlsx(text, limits(SIZE - 1))).toThrow(
      expect.objectContaining({ code: "TOO_LARGE", limit: "text" }),
    );
    const cdata = strings(`<![CDATA[${"x".repeat(SIZE)}]]>`);
    expect(() => readXlsx(cdata, limits(SIZE - 1))).toThrow(
      expect.objectContaining({ code: "TOO_LARGE", limit: "text" }),
    );
    // An attribute the reader has no use for, but the tag is held whole to be read.
    const tag = strings(`</t><rPh x="${"y".repeat(SIZE)}"/><t>`);
    expect(readXlsx(tag, limits(2 * SIZE)).sheets[0]!.rows[0]![0]!.v).toBe("a");
    expect(() => readXlsx(tag, limits(SIZE - 1))).toThrow(
      expect.objectContaining({ code: "TOO_LARGE", limit: "text" }),
    );
    // A comment is not text: passed over, however long.
    const comment = strings(`<!--${"x".repeat(4 * SIZE)}-->`);
    expect(readXlsx(comment, limits(10)).sheets[0]!.rows[0]![0]!.v).toBe("a");
  });

  test("a sheet's run read as one (a tag, a text, a CDATA section) past its limit is TOO_LARGE, said as such; a comment is left out, however long", () => {
    const SIZE = 200_000;
    const limits = (max: number) => ({ ...DEFAULT_LIMITS, maxTokenBytes: max });
    const runs = [
      sheetWith(`<row r="90" x="${"y".repeat(SIZE)}"/>`),
      sheetWith(`<![CDATA[${"x".repeat(SIZE)}]]>`, "after-sheetData"),
      sheetWith(
        `<row r="90"><c r="A90" t="inlineStr"><is><t>${"x".repeat(SIZE)}</t></is></c></row>`,
      ),
    ];
    const sheets = readXlsx(SAMPLE).sheets.length;
    for (const bytes of runs) {
      expect(readXlsx(bytes, limits(2 * SIZE)).sheets).toHaveLength(sheets);
      expect(fileError(bytes, limits(SIZE - 1))).toMatchObject({
        code: "TOO_LARGE",
        limit: "token",
      });
    }
    const comment = sheetWith(`<!--${"x".repeat(4 * SIZE)}-->`);
    expect(readXlsx(comment, limits(SIZE)).sheets).toHaveLength(sheets);
    expect(fileErrorText("TOO_LARGE", "sv", { limit: "token" })).toBe(
      typeset(
        "Arbetsboken är för stor för att läsas säkert (en tagg eller text i ett blad större än 64 MB).",
      ),
    );
    expect(fileErrorText("TOO_LARGE", "en", { limit: "token" })).toBe(
      "The workbook is too large to be read safely (a tag or text in a sheet larger than 64 MB).",
    );
  });

  test("a part of more relationships than a workbook has sheets and parts is TOO_LARGE, said as such", () => {
    // The sample's own relationships, and as many more as make MAX_RELATIONSHIPS.
    const own = (
      strFromU8(unzipSync(SAMPLE)["xl/_rels/workbook.xml.rels"]!).match(
        /<Relationship /g,
      ) ?? []
    ).length;
    expect(own).toBeGreaterThan(0);
    expect(
      readXlsx(manyRelationships(MAX_RELATIONSHIPS - own)).sheets.length,
    ).toBe(readXlsx(SAMPLE).sheets.length);
    const error = fileError(manyRelationships(MAX_RELATIONSHIPS - own + 1));
    expect(error).toMatchObject({ code: "TOO_LARGE", limit: "relationships" });
    expect(fileErrorText("TOO_LARGE", "sv", error)).toBe(
      typeset(
        "Arbetsboken är för stor för att läsas säkert (fler än 20 000 relationer i en del av paketet).",
      ),
    );
  });

  test("a cell's text is read to Excel's 32 767 characters, however many spaces it asks for", () => {
    const grid = readXlsx(
      odsWith(
        `<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="1000000000"/>b</text:p>${'<text:p><text:s text:c="30000"/></text:p>'.repeat(1000)}</table:table-cell>${cell("c")}</table:table-row>`,
      ),
    ).sheets[0]!;
    const text = grid.rows[0]![0];
    expect(text?.t).toBe("s");
    expect(String(text?.v).length).toBe(32_767);
    expect(String(text?.v).startsWith("a   ")).toBe(true);
    expect(grid.rows[0]![1]).toEqual({ t: "s", v: "c" });
    // Within one paragraph too: 17 000 × 32 767 spaces is more than a string can hold, so a
    // paragraph gathered whole before it is cut could not be read at all.
    const one = readXlsx(
      odsWith(
        `<table:table-row><table:table-cell office:value-type="string"><text:p>${'<text:s text:c="32767"/>x'.repeat(17_000)}</text:p></table:table-cell></table:table-row>`,
      ),
    ).sheets[0]!.rows[0]![0];
    expect(String(one?.v)).toBe(" ".repeat(32_767));
  });
});

describe("a hidden copy of a half-year", () => {
  // An old version kept as a hidden sheet was DUPLICATE_HALF_YEAR with the one the person sees,
  // an error naming a sheet not in the tabs.
  const workbook = async (state: "hidden" | "veryHidden" | "visible") => {
    const wb = new ExcelJS.Workbook();
    const old = budgetHalfYearSheet(
      "Budget 2025 H2 gammal",
      "juli–december 2025",
    );
    addSheets(wb, [
      detailsSheet({ end: "2025-12-31" }),
      {
        ...old,
        rows: old.rows.map((r, i) =>
          i === 6 ? [r[0], r[1], null, null, null, kr(500000)] : r,
        ),
      },
      budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
    ]);
    wb.getWorksheet("Budget 2025 H2 gammal")!.state = state;
    return new Uint8Array(await wb.xlsx.writeBuffer());
  };

  test.each(["hidden", "veryHidden"] as const)(
    "a %s one is not read: the shown sheet is the budget, and the hidden one is said once",
    async (state) => {
      const r = checkBytes(await workbook(state));
      expect(r.periods.map((p) => p.sheet)).toEqual(["Budget 2025 H2"]);
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
      expect(r.findings.map((f) => `${f.code} ${f.sheet}`)).toEqual([
        "HIDDEN_SHEET_NOT_READ Budget 2025 H2 gammal",
      ]);
    },
  );

  test("saved by LibreOffice as .ods (table:display), a hidden or very hidden one is not read either", async () => {
    const odss = saveAllAsOds([
      await workbook("hidden"),
      await workbook("veryHidden"),
      await workbook("visible"),
    ]);
    for (const ods of odss.slice(0, 2)) {
      const r = checkBytes(ods, "budget.ods");
      expect(r.periods.map((p) => p.sheet)).toEqual(["Budget 2025 H2"]);
      expect(r.grants).toEqual([{ period: "2025-H2", amount: 1_109_649 }]);
      expect(r.findings.map((f) => `${f.code} ${f.sheet}`)).toEqual([
        "HIDDEN_SHEET_NOT_READ Budget 2025 H2 gammal",
      ]);
    }
    // Shown, it is the error, as in an .xlsx.
    const shown = checkBytes(odss[2]!, "budget.ods");
    expect(findingAt(shown, "DUPLICATE_HALF_YEAR")).toHaveLength(1);
  });

  test("two shown sheets of one half-year are still the error", async () => {
    const r = checkBytes(await workbook("visible"));
    expect(findingAt(r, "DUPLICATE_HALF_YEAR")).toHaveLength(1);
  });
});
