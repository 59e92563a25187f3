// "Nothing a person typed is lost" through the Office.js adapter: random workbooks opened in the
// strict Excel fake, computed (read, analysed, planned, written in runs and chunks) and read back.
// Every cell that held something keeps it, but where the add-in's own formula stood and on the
// add-in's own sheets; and the cells written are those the file's compute writes.

import fc from "fast-check";
import {
  type Grid,
  a1,
  analyze,
  isOwnDecisionSheet,
  planWrite,
} from "../../src/core";
import { isOwnRatesSheet } from "../../src/core/plan/rates";
import { applyPlan, readGrids } from "../../src/excel/workbook";
import { STAMP } from "../helpers/compute";
import { formulaWorkbook, isPersons } from "../helpers/arbitraries";
import { FakeExcel } from "../helpers/strict-excel";

const ALL = { merges: true, customProperties: true, validations: true };

test("compute in Excel keeps every value and formula a person put in the workbook (property)", async () => {
  let kept = 0;
  let written = 0;
  await fc.assert(
    fc.asyncProperty(formulaWorkbook, async (sheets: Grid[]) => {
      const x = FakeExcel.from(sheets);
      const before = await readGrids(x.context(), ALL);
      const plan = planWrite(before, analyze(before), STAMP);
      written += plan.edits.reduce((n, e) => n + e.cells.length, 0);
      await applyPlan(x.context(), plan, before, ALL);
      const after = await readGrids(x.context(), ALL);
      for (const sheet of before.sheets) {
        // The add-in's own Beslut and rate table are rewritten whole (SPEC §7).
        if (isOwnDecisionSheet(sheet) || isOwnRatesSheet(sheet)) continue;
        const now = after.sheets.find((s) => s.name === sheet.name);
        expect(now?.name).toBe(sheet.name);
        sheet.rows.forEach((row, r) =>
          row?.forEach((cell, c) => {
            if (!isPersons(cell)) return;
            const at = `${sheet.name}!${a1(r, c)}`;
            // A formula is kept as it was; its value is Excel's, over the cells as they are now.
            const after = now?.rows[r]?.[c];
            if (cell?.f !== undefined)
              expect({ at, f: after?.f }).toEqual({ at, f: cell.f });
            else expect({ at, cell: after }).toEqual({ at, cell });
            kept++;
          }),
        );
      }
    }),
    { numRuns: 150 },
  );
  expect(written).toBeGreaterThan(800);
  expect(kept).toBeGreaterThan(5000);
});
