// When a file was last saved, as its own properties say: of two versions of one period, the later
// saved is the one judged (core/case/case.ts). A part that is missing, broken or crafted says
// nothing, and never makes the workbook unreadable.

import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readXlsx } from "../../src/xlsx/read";
import { odsWith } from "../helpers/hostile";
import { reportWorkbook } from "../helpers/seed";
import { buildXlsx } from "../helpers/workbook";

/** The workbook with its core properties replaced (or removed, for null). */
function withCore(bytes: Uint8Array, core: string | null): Uint8Array {
  const parts = unzipSync(bytes);
  if (core === null) delete parts["docProps/core.xml"];
  else parts["docProps/core.xml"] = strToU8(core);
  return zipSync(parts);
}

const sheetNames = (bytes: Uint8Array) =>
  [...readXlsx(bytes).sheets].map((s) => s.name);

describe("when a workbook was last saved", () => {
  test("is the dcterms:modified of its core properties, as Excel writes it", async () => {
    const bytes = await buildXlsx(reportWorkbook(), {
      modified: new Date("2026-12-01T09:15:00Z"),
    });
    expect(strFromU8(unzipSync(bytes)["docProps/core.xml"]!)).toContain(
      "dcterms:modified",
    );
    expect(readXlsx(bytes).savedAt).toBe("2026-12-01T09:15:00Z");
  });

  test("is found where the package's relationship names the part", async () => {
    const parts = unzipSync(await buildXlsx(reportWorkbook()));
    parts["meta/egenskaper.xml"] = strToU8(
      `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:modified>2025-03-04T05:06:07Z</dcterms:modified></cp:coreProperties>`,
    );
    delete parts["docProps/core.xml"];
    parts["_rels/.rels"] = strToU8(
      strFromU8(parts["_rels/.rels"]!).replace(
        "docProps/core.xml",
        "meta/egenskaper.xml",
      ),
    );
    expect(readXlsx(zipSync(parts)).savedAt).toBe("2025-03-04T05:06:07Z");
  });

  test.each([
    ["no core properties", null],
    ["core properties that are not XML", "\u0000\u0001 not xml"],
    [
      "a modified that is no date",
      `<cp:coreProperties xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:modified>igår</dcterms:modified></cp:coreProperties>`,
    ],
    [
      "a modified of an impossible date",
      `<cp:coreProperties xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:modified>2026-13-45T99:99:00Z</dcterms:modified></cp:coreProperties>`,
    ],
    [
      "only lastModifiedBy",
      `<cp:coreProperties xmlns:cp="x"><cp:lastModifiedBy>2026-01-01T00:00:00Z</cp:lastModifiedBy></cp:coreProperties>`,
    ],
    [
      "100 000 start tags that never close",
      `<cp:coreProperties>${"<dcterms:modified ".repeat(100_000)}`,
    ],
  ])("is not known with %s, and the workbook reads", async (_, core) => {
    const bytes = withCore(await buildXlsx(reportWorkbook()), core);
    expect(readXlsx(bytes).savedAt).toBeNull();
    expect(sheetNames(bytes)).toEqual([
      "Uppgifter",
      "Utfall 2024 H1",
      "Utfall 2024 H2",
    ]);
  });

  test("of an .ods, is the dc:date of its meta.xml", () => {
    const parts = unzipSync(odsWith(""));
    parts["meta.xml"] = strToU8(
      `<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:date>2026-11-02T10:11:12.345000000</dc:date></office:meta></office:document-meta>`,
    );
    const bytes = zipSync(parts);
    expect(readXlsx(bytes).savedAt).toBe("2026-11-02T10:11:12.345000000");
    expect(readXlsx(odsWith("")).savedAt).toBeNull();
  });
});
