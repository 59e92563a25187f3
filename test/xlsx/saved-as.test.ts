// Workbooks Excel saves in its other formats, computed into a copy Excel opens: "Strict Open XML
// Spreadsheet" into a package strict throughout (the parts compute adds included), a template
// (.xltx, .xltm) into a workbook.

import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readXlsx } from "../../src/xlsx/read";
import { checkBytes } from "../helpers/check";
import { computeBytes, partOf } from "../helpers/compute";
import { computedExtension } from "../../src/xlsx/write";
import { withWorkbookType } from "../helpers/hostile";
import { resaveWithLibreOffice } from "../helpers/libreoffice";

const REPORT = readFileSync(
  join(__dirname, "..", "fixtures", "samples", "report-2024.xlsx"),
);

/** ECMA-376's transitional namespaces and their strict counterparts (the OPC ones are shared). */
const TO_STRICT = [
  [
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
  ],
  [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
  ],
] as const;

/** The package as Excel's strict save writes it: the same parts in the strict namespaces. */
function strictOf(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    let xml = strFromU8(data);
    for (const [transitional, strict] of TO_STRICT)
      xml = xml.split(transitional).join(strict);
    if (name === "xl/workbook.xml")
      xml = xml.replace("<workbook ", '<workbook conformance="strict" ');
    parts[name] = strToU8(xml);
  }
  return zipSync(parts);
}

describe("a workbook saved as Strict Open XML", () => {
  const strict = strictOf(REPORT);

  it("is read as the transitional workbook is", () => {
    const a = checkBytes(REPORT);
    expect(a.repayment.total).toBeGreaterThan(0);
    expect(checkBytes(strict)).toEqual(a);
  });

  it("is computed into a package that is strict throughout", () => {
    const before = unzipSync(strict);
    const after = unzipSync(computeBytes(strict));
    const written = Object.keys(after).filter(
      (name) =>
        /\.(xml|rels)$/.test(name) &&
        (before[name] === undefined ||
          strFromU8(before[name]) !== strFromU8(after[name]!)),
    );
    // The decision's sheet, the workbook's sheet list and relationships, and the sheets computed.
    expect(written).toEqual(
      expect.arrayContaining([
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        partOf(after, "Beslut"),
      ]),
    );
    for (const name of written) {
      const xml = strFromU8(after[name]!);
      for (const [transitional, strictNs] of TO_STRICT) {
        expect({ name, transitional: xml.includes(transitional) }).toEqual({
          name,
          transitional: false,
        });
        if (name === partOf(after, "Beslut")) expect(xml).toContain(strictNs);
      }
    }
    // The decision's sheet is found through its relationship, of the strict worksheet type.
    expect(strFromU8(after["xl/_rels/workbook.xml.rels"]!)).toMatch(
      /Type="http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/relationships\/worksheet" Target="worksheets\/sheet4\.xml"/,
    );
  });

  it("computed, gives the transitional workbook's figures, and LibreOffice opens it", () => {
    const computed = computeBytes(strict);
    const a = checkBytes(computeBytes(REPORT));
    expect(checkBytes(computed)).toEqual(a);
    const bytes = resaveWithLibreOffice(computed);
    expect(readXlsx(bytes).sheets.map((s) => s.name)).toContain("Beslut");
    const resaved = checkBytes(bytes);
    expect(resaved.periods.map((p) => p.sheet)).toEqual(
      a.periods.map((p) => p.sheet),
    );
    expect(resaved.years).toEqual(a.years);
    expect(resaved.repayment).toEqual(a.repayment);
  });
});

describe("a template (.xltx, .xltm)", () => {
  const WORKBOOK_TYPE = (xml: string) =>
    /PartName="\/xl\/workbook\.xml" ContentType="([^"]+)"/.exec(xml)?.[1];

  it.each([
    [
      "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      ".xlsx",
    ],
    [
      "application/vnd.ms-excel.template.macroEnabled.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
      ".xlsm",
    ],
  ])("%s is computed into a workbook (%s)", (template, workbook, ext) => {
    const input = withWorkbookType(template, REPORT);
    expect(checkBytes(input)).toEqual(checkBytes(REPORT));
    const computed = computeBytes(input);
    expect(
      WORKBOOK_TYPE(strFromU8(unzipSync(computed)["[Content_Types].xml"]!)),
    ).toBe(workbook);
    expect(computedExtension(computed)).toBe(ext);
    expect(computedExtension(input)).toBe(ext);
  });
});
