// "Nothing a person typed is lost" through the whole of compute on real .xlsx files: random
// workbooks written by ExcelJS, computed (read, analysed, planned, written into the package) and
// read back. Every cell that held something keeps it, but where the add-in's own formula stood
// and on the add-in's own sheets.

import fc from "fast-check";
import {
  type Analysis,
  a1,
  analyze,
  decisionTarget,
  isOwnDecisionSheet,
} from "../../src/core";
import { isOwnRatesSheet } from "../../src/core/plan/rates";
import { strFromU8, unzipSync } from "fflate";
import { WorkbookFileError, readXlsx } from "../../src/xlsx/read";
import { computeBytes, partOf } from "../helpers/compute";
import {
  anyWorkbook,
  formulaWorkbook,
  isPersons,
} from "../helpers/arbitraries";
import { buildXlsx, pct, xlsxOf } from "../helpers/workbook";
import { detailsSheet } from "../helpers/seed";

test("compute keeps every value and formula a person put in the workbook, read back from the written file (property)", async () => {
  let kept = 0;
  let computed = 0;
  let merged = 0;
  await fc.assert(
    fc.asyncProperty(formulaWorkbook, async (sheets) => {
      const bytes = await xlsxOf(sheets);
      let input;
      try {
        input = readXlsx(bytes);
      } catch (e) {
        // What ExcelJS wrote and cannot be read is not this property's concern.
        if (e instanceof WorkbookFileError) return;
        throw e;
      }
      const output = readXlsx(computeBytes(bytes));
      computed++;
      for (const before of input.sheets) {
        // The add-in's own Beslut and rate table are rewritten whole (SPEC §7).
        if (isOwnDecisionSheet(before) || isOwnRatesSheet(before)) continue;
        const after = output.sheets.find((s) => s.name === before.name);
        expect(after?.name).toBe(before.name);
        // Its merged areas too: a person's look is theirs.
        expect({ sheet: before.name, merges: after?.merges }).toEqual({
          sheet: before.name,
          merges: before.merges,
        });
        merged += before.merges?.length ?? 0;
        before.rows.forEach((row, r) =>
          row?.forEach((cell, c) => {
            if (!isPersons(cell)) return;
            const at = `${before.name}!${a1(r, c)}`;
            const now = after?.rows[r]?.[c];
            // A formula is the person's text; its value is what it gives, which compute writes
            // where it works a formula over the lines out (SPEC §7), as Excel does on opening.
            const f = cell?.f;
            if (f !== undefined) expect({ at, f: now?.f }).toEqual({ at, f });
            else expect({ at, cell: now }).toEqual({ at, cell });
            kept++;
          }),
        );
      }
    }),
    { numRuns: 80 },
  );
  expect(computed).toBeGreaterThan(60);
  expect(kept).toBeGreaterThan(2000);
  expect(merged).toBeGreaterThan(40);
});

test("a note merged beside the lines in a file: compute adds Utfall, Differens and Status past it and keeps the merge", async () => {
  const bytes = await buildXlsx([
    { name: "Uppgifter", rows: [["OH-sats", pct(0.1)]] },
    {
      name: "Budget 2026 H1",
      rows: [
        ["Post", "Budget"],
        ["Verksamhet", 1000, "Kommentar till raden"],
        ["Lokal", 2000],
      ],
      merges: ["C2:E2"],
    },
  ]);
  const after = readXlsx(computeBytes(bytes)).sheets.find(
    (g) => g.name === "Budget 2026 H1",
  );
  expect(after?.rows[0]?.slice(5).map((c) => c?.v)).toEqual([
    "Utfall",
    "Differens",
    "Status",
  ]);
  expect(after?.rows[1]?.[2]).toEqual({ t: "s", v: "Kommentar till raden" });
  expect(after?.merges).toEqual([{ top: 1, left: 2, bottom: 1, right: 4 }]);
});

/** Each part's text, by name. */
function textsOf(bytes: Uint8Array): Map<string, string> {
  const parts = unzipSync(bytes);
  return new Map(
    Object.entries(parts).map(([name, data]) => [name, strFromU8(data)]),
  );
}

// The property's counterexample (seed -1012598751, in CI): "Lön 1" was a line for its Differens
// "Överskriden", which compute replaced by its own formula; on the next run the row showed only a
// label, "Lön", and was read as a heading: one line fewer, and Utfall's formatting for one row.
test("a line whose figures are only formulas that show nothing stays a line: compute twice is compute once", async () => {
  const bytes = await buildXlsx([
    detailsSheet({ start: "2025-07-01", end: "2025-12-31" }),
    {
      name: "Budget 2025 H2",
      rows: [
        ["Post", "Budget", "Differens"],
        ["Lön 0", 0.5],
        [
          "Lön 1",
          { formula: "B1*2", result: "" },
          { formula: 'IF(B1="","",B1-B1)', result: "Överskriden" },
        ],
      ],
    },
  ]);
  const once = computeBytes(bytes);
  const twice = computeBytes(once);
  const lines = (b: Uint8Array) =>
    analyze(readXlsx(b)).computation.halfYears[0]!.lines.map(
      (l) => l.input.label,
    );
  expect(lines(once)).toEqual(["Lön 0", "Lön 1"]);
  expect(lines(twice)).toEqual(["Lön 0", "Lön 1"]);
  const sheet = (b: Uint8Array) =>
    strFromU8(unzipSync(b)["xl/worksheets/sheet2.xml"]!);
  expect(sheet(twice)).toEqual(sheet(once));
});

test("compute run again on its own output changes nothing but Beslut's findings that the first run mended, and a third run nothing (property)", async () => {
  let rewritten = 0;
  await fc.assert(
    fc.asyncProperty(formulaWorkbook, async (sheets) => {
      const bytes = await xlsxOf(sheets);
      let once: Uint8Array;
      try {
        once = computeBytes(bytes);
      } catch (e) {
        if (e instanceof WorkbookFileError) return;
        throw e;
      }
      const twice = computeBytes(once);
      const thrice = computeBytes(twice);
      // Beslut lists what the first run found, such as a rate table it then restored.
      const decision = partOf(
        unzipSync(once),
        decisionTarget(readXlsx(once)).sheet,
      );
      const [a, b, c] = [once, twice, thrice].map(textsOf) as [
        Map<string, string>,
        Map<string, string>,
        Map<string, string>,
      ];
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [part, xml] of a)
        if (part !== decision)
          expect({ part, xml: b.get(part) }).toEqual({ part, xml });
      // The stamp is the same: the tests fix its time and source.
      for (const [part, xml] of b)
        expect({ part, xml: c.get(part) }).toEqual({ part, xml });
      const input = textsOf(bytes);
      if ([...input].some(([part, xml]) => a.get(part) !== xml)) rewritten++;
    }),
    { numRuns: 60 },
  );
  // The first run wrote into the workbooks: the second had the add-in's own work to find.
  expect(rewritten).toBeGreaterThan(40);
});

test("the computed workbook checks to the figures of the workbook it was computed from: half-years, years, grants, repayment and decision (property)", async () => {
  let compared = 0;
  const figures = (a: Analysis) =>
    JSON.parse(
      JSON.stringify({
        halfYears: a.computation.halfYears.map((h) => [
          h.halfYear.id,
          h.source.sheet,
          h.budget,
          h.actual,
        ]),
        years: a.computation.years,
        grants: a.computation.grantYears,
        repayment: a.computation.repayment,
        decision: a.decision,
      }),
    ) as unknown;
  await fc.assert(
    fc.asyncProperty(fc.oneof(formulaWorkbook, anyWorkbook), async (sheets) => {
      let bytes;
      let input;
      try {
        bytes = await xlsxOf(sheets);
        input = readXlsx(bytes);
      } catch (e) {
        // Two sheets of one name (ExcelJS refuses them), or a file it writes that cannot be read.
        if (e instanceof WorkbookFileError || e instanceof Error) return;
        throw e;
      }
      const output = readXlsx(computeBytes(bytes));
      expect(figures(analyze(output))).toEqual(figures(analyze(input)));
      compared++;
    }),
    { numRuns: 120, seed: 20261211 },
  );
  expect(compared).toBeGreaterThan(60);
});
