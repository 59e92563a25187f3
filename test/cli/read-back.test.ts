// compute's read-back: a written workbook whose sheets do not all read is never left behind.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { verifyWritten } from "../../src/cli/main";
import { applyPlan } from "../../src/xlsx/write";
import { readXlsx } from "../../src/xlsx/read";
import { planOf } from "../helpers/compute";

const input = readFileSync(
  join(__dirname, "..", "fixtures", "samples", "budget-2025-26.xlsx"),
);
const plan = planOf(input);
const written = applyPlan(input, plan);
const wrote = [
  ...plan.edits.map((e) => e.sheet),
  ...plan.creates.map((c) => c.sheet),
];

/** The part of the written package that holds the named sheet. */
function partOf(parts: Record<string, Uint8Array>, sheet: string): string {
  const workbook = strFromU8(parts["xl/workbook.xml"]!);
  const rid = new RegExp(
    `<sheet [^>]*name="${sheet}"[^>]*r:id="(rId\\d+)"`,
  ).exec(workbook)?.[1];
  const rels = strFromU8(parts["xl/_rels/workbook.xml.rels"]!);
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (rid === undefined || target === undefined)
    throw new Error(`no part for ${sheet}`);
  return `xl/${target.replace(/^\/?xl\//, "")}`;
}

/** The written package with one sheet's XML cut short (no longer well-formed). */
function withBrokenSheet(sheet: string): Uint8Array {
  const parts = unzipSync(written);
  const part = partOf(parts, sheet);
  const xml = strFromU8(parts[part]!);
  parts[part] = strToU8(xml.slice(0, xml.indexOf("</sheetData>")));
  return zipSync(parts);
}

describe("compute's read-back", () => {
  test("the written workbook reads back: every sheet the plan wrote is there and reads", () => {
    expect(wrote.length).toBeGreaterThanOrEqual(3);
    expect(() => verifyWritten(written, wrote)).not.toThrow();
  });

  test("a sheet the plan wrote that no longer reads fails the read-back, naming the sheet", () => {
    // The reader makes such a sheet an unreadable grid rather than throwing: check reports it as
    // a finding, but compute must not leave a workbook behind whose written sheet is broken.
    for (const sheet of [plan.edits[0]!.sheet, plan.creates[0]!.sheet]) {
      const broken = withBrokenSheet(sheet);
      expect(
        readXlsx(broken).sheets.find((s) => s.name === sheet)?.unreadable,
      ).toMatch(/invalid XML/);
      expect(() => verifyWritten(broken, wrote)).toThrow(
        `the written workbook does not read back (sheet ${sheet})`,
      );
    }
  });

  test("a sheet the plan did not write is copied as it was, readable or not", () => {
    const untouched = readXlsx(written)
      .sheets.map((s) => s.name)
      .find((name) => !wrote.includes(name));
    expect(untouched).toBeDefined();
    expect(() =>
      verifyWritten(withBrokenSheet(untouched!), wrote),
    ).not.toThrow();
  });

  test("a sheet the plan wrote that is missing fails the read-back", () => {
    expect(() => verifyWritten(written, [...wrote, "Saknas"])).toThrow(
      "(sheet Saknas)",
    );
  });
});
