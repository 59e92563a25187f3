// One truth between the engine and the spreadsheet: every formula compute writes, worked out again
// by LibreOffice Calc, gives the value compute cached for it (the engine's figure), on random
// workbooks. A sample rather than a shrinking property: one Calc recalculates them all at once.

import fc from "fast-check";
import type { Cell } from "../../src/core";
import { WorkbookFileError, readXlsx } from "../../src/xlsx/read";
import { formulaWorkbook, valuesOnly } from "../helpers/arbitraries";
import { computeBytes } from "../helpers/compute";
import { recalculateAllWithLibreOffice } from "../helpers/libreoffice";
import { xlsxOf } from "../helpers/workbook";

/** A value as both programs can give it: "" for none, numbers to 1e-9 of their size. */
function shown(cell: Cell | undefined): string | number {
  if (cell === undefined || cell.v === null || cell.v === "") return "";
  if (typeof cell.v === "number") return cell.v;
  return String(cell.v);
}

const same = (a: string | number, b: string | number) =>
  typeof a === "number" && typeof b === "number"
    ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))
    : a === b;

test("every formula compute writes gives, recalculated by LibreOffice, the figure compute cached (a sample of random workbooks)", async () => {
  const books = fc.sample(formulaWorkbook.map(valuesOnly), {
    numRuns: 40,
    seed: 20261204,
  });
  const inputs: { sheets: (typeof books)[number]; out: Uint8Array }[] = [];
  for (const sheets of books) {
    const bytes = await xlsxOf(sheets);
    try {
      inputs.push({ sheets, out: computeBytes(bytes) });
    } catch (e) {
      // What ExcelJS wrote and cannot be read is not this test's concern.
      if (!(e instanceof WorkbookFileError)) throw e;
    }
  }
  const recalculated = recalculateAllWithLibreOffice(inputs.map((i) => i.out));
  let compared = 0;
  inputs.forEach(({ sheets, out }, i) => {
    const mine = readXlsx(out);
    const theirs = readXlsx(recalculated[i]!);
    for (const sheet of mine.sheets) {
      const calc = theirs.sheets.find((g) => g.name === sheet.name);
      sheet.rows.forEach((row, r) =>
        row?.forEach((cell, c) => {
          if (cell?.f === undefined) return;
          const cached = shown(cell);
          const calculated = shown(calc?.rows[r]?.[c]);
          if (!same(cached, calculated))
            // The workbook, to run again by hand.
            expect({
              at: `${sheet.name}!${c},${r}`,
              formula: cell.f,
              cached,
              workbook: JSON.stringify(sheets),
            }).toEqual({
              at: `${sheet.name}!${c},${r}`,
              formula: cell.f,
              cached: calculated,
              workbook: JSON.stringify(sheets),
            });
          compared++;
        }),
      );
    }
  });
  expect(inputs.length).toBeGreaterThan(30);
  expect(compared).toBeGreaterThan(2000);
}, 300_000);
