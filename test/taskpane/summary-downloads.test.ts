// The batch summary's two downloads, CSV and workbook, say the same of each file: a file read has
// its findings counted, also one from which no half-year was read (its grant and repayment are
// empty, not 0 kr); only a file that could not be read has no counts.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { textFor } from "../../src/i18n/text";
import {
  batchCsv,
  batchXlsx,
  readFileBytes,
} from "../../src/taskpane/standalone/batch";
import { readXlsx } from "../../src/xlsx/read";

const FIXTURES = join(__dirname, "..", "fixtures");

test("CSV and workbook: counts for every file read (a ledger's errors too), none only for one that could not be read", () => {
  const files: [string, Uint8Array][] = [
    [
      "budget-2025-26.xlsx",
      readFileSync(join(FIXTURES, "samples", "budget-2025-26.xlsx")),
    ],
    ["gold.xlsx", readFileSync(join(FIXTURES, "corpus", "gold.xlsx"))],
    ["trasig.xlsx", new TextEncoder().encode("inte en arbetsbok")],
  ];
  const results = files.map(([name, bytes]) =>
    readFileBytes(name, bytes, "sv"),
  );
  const ledger = results[1]!;
  if (ledger.kind !== "ok") throw new Error("the ledger is read");
  const count = (severity: string) =>
    String(
      ledger.analysis.findings.filter((f) => f.severity === severity).length,
    );
  expect(Number(count("error"))).toBeGreaterThan(0);
  const t = textFor("sv");
  // Columns Fel, Varningar, Information, Bidrag (kr), Återbetalning (kr): the 7th to the 11th.
  const csv = batchCsv(results, "sv", t)
    .split("\r\n")
    .slice(1, 4)
    .map((line) =>
      line
        .split(";")
        .slice(6, 11)
        .map((c) => c.replace(/^"|"$/g, "")),
    );
  expect(csv).toEqual([
    ["0", "0", "0", "2219298", "0"],
    [count("error"), count("warning"), count("info"), "", ""],
    ["", "", "", "", ""],
  ]);
  const book = readXlsx(batchXlsx(results, "sv", t));
  const rows = book.sheets[0]!.rows.slice(1, 4).map((r) =>
    Array.from({ length: 5 }, (_, i) => r?.[6 + i]?.v ?? ""),
  );
  expect(rows.map((r) => r.map(String))).toEqual(csv);
});
