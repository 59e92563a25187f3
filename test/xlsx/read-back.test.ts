// The read-back of a written workbook (compute, template, the page's download): a workbook whose
// written sheets do not all read is never left behind or offered.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { type WritePlan, sheetsWritten } from "../../src/core";
import { applyPlan } from "../../src/xlsx/write";
import {
  DEFAULT_LIMITS,
  NotReadBack,
  WorkbookFileError,
  readXlsx,
  verifyWritten,
} from "../../src/xlsx/read";
import { fileErrorText } from "../../src/xlsx/file-errors";
import { brokenSheet, changedSheet, planOf } from "../helpers/compute";

const input = readFileSync(
  join(__dirname, "..", "fixtures", "samples", "budget-2025-26.xlsx"),
);
const plan = planOf(input);
const written = applyPlan(input, plan);
const wrote = sheetsWritten(plan);

const withBrokenSheet = (sheet: string) => brokenSheet(written, sheet);

describe("the read-back of a written workbook", () => {
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
        new NotReadBack(sheet),
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

  test("every cell of a written sheet is read back, though none is kept: a text the package lacks is damage, as check finds it", () => {
    const sheet = plan.edits[0]!.sheet;
    const lacking = changedSheet(written, sheet, (xml) =>
      xml.replace(
        "</sheetData>",
        '<row r="900"><c r="A900" t="s"><v>99999</v></c></row></sheetData>',
      ),
    );
    const damage = (read: () => unknown) => {
      try {
        read();
      } catch (e) {
        return e instanceof WorkbookFileError ? e.damage : e;
      }
      return null;
    };
    const expected = { kind: "incomplete", part: "xl/sharedStrings.xml" };
    expect(damage(() => readXlsx(lacking))).toEqual(expected);
    expect(damage(() => verifyWritten(lacking, wrote))).toEqual(expected);
  });

  test("a sheet the plan wrote that is missing fails the read-back", () => {
    expect(() => verifyWritten(written, [...wrote, "Saknas"])).toThrow(
      "(sheet Saknas)",
    );
  });

  test("a written workbook past the read limits is OUTPUT_TOO_LARGE: what compute adds, not the person's file, is too large", () => {
    const cellsOf = (bytes: Uint8Array) =>
      readXlsx(bytes).sheets.reduce(
        (n, g) =>
          n +
          g.rows.reduce((m, row) => m + (row?.filter(Boolean).length ?? 0), 0),
        0,
      );
    const before = cellsOf(input);
    expect(cellsOf(written)).toBeGreaterThan(before);
    // Limits the person's file is within, and the computed copy is not.
    const limits = { ...DEFAULT_LIMITS, maxCells: before };
    expect(() => readXlsx(input, limits)).not.toThrow();
    let error: unknown = null;
    try {
      verifyWritten(written, wrote, undefined, undefined, limits);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkbookFileError);
    const { code, limit } = error as WorkbookFileError;
    expect({ code, limit }).toEqual({
      code: "OUTPUT_TOO_LARGE",
      limit: "cells",
    });
    expect(fileErrorText(code, "sv", { limit })).toBe(
      "Den beräknade arbetsboken skulle bli för stor för att läsas säkert (fler än 5 miljoner celler), så den sparas inte. Din fil är oförändrad.",
    );
  });

  test("a sheet the writer would make larger than a part may be is refused as it is written: OUTPUT_TOO_LARGE, as the read-back would say", () => {
    const before = unzipSync(input);
    /** The largest part a plan writes: one the input lacks or had otherwise. */
    const largestWritten = (p: WritePlan) => {
      const after = unzipSync(applyPlan(input, p));
      const sizes = Object.entries(after)
        .filter(([name, b]) => {
          const old = before[name];
          return (
            !old || old.length !== b.length || old.some((x, i) => x !== b[i])
          );
        })
        .filter(([name]) => name.startsWith("xl/worksheets/"))
        .map(([, b]) => b.length);
      expect(sizes.length).toBeGreaterThan(0);
      return Math.max(...sizes);
    };
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof WorkbookFileError ? [e.code, e.limit] : e;
      }
      return null;
    };
    // The sheets edited, and the sheets created: each plan refused one byte short of its largest
    // part, and written as without a limit at that part's size.
    for (const p of [
      { edits: plan.edits, creates: [] },
      { edits: [], creates: plan.creates },
    ]) {
      const largest = largestWritten(p);
      expect(
        refusal(() => applyPlan(input, p, undefined, largest - 1)),
      ).toEqual(["OUTPUT_TOO_LARGE", "part"]);
      expect(applyPlan(input, p, undefined, largest)).toEqual(
        applyPlan(input, p),
      );
    }
  });
});
