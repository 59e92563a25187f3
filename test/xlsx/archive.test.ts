// A zip archive of submissions (SharePoint's or OneDrive's "Download" of a folder) is its
// workbooks, by the rule of a folder's; a workbook's own package is none.

import { strToU8, zipSync } from "fflate";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { archivedWorkbooks } from "../../src/xlsx/archive";
import { WorkbookFileError } from "../../src/xlsx/read";
import { archiveWithDamaged } from "../helpers/hostile";

const SAMPLES = join(__dirname, "..", "fixtures", "samples");
const REPORT = new Uint8Array(readFileSync(join(SAMPLES, "report-2024.xlsx")));
const BUDGET = new Uint8Array(
  readFileSync(join(SAMPLES, "budget-2025-26.xlsx")),
);

test("the workbooks of an archive at any depth, in name order; a Mac's copies, owner files and others left out", () => {
  const archive = zipSync({
    "Inkommet/rapport 10.xlsx": REPORT,
    "Inkommet/rapport 2.xlsx": REPORT,
    "Inkommet/~$rapport 2.xlsx": strToU8("x"),
    "__MACOSX/Inkommet/._rapport 2.xlsx": strToU8("x"),
    "Inkommet/läs mig.pdf": strToU8("x"),
    "Inkommet/": new Uint8Array(0),
    "budget.xlsx": BUDGET,
  });
  const workbooks = archivedWorkbooks(archive)!;
  expect(workbooks.map((w) => w.name)).toEqual([
    "budget.xlsx",
    "Inkommet/rapport 2.xlsx",
    "Inkommet/rapport 10.xlsx",
  ]);
  expect(Buffer.from(workbooks[0]!.bytes()).equals(Buffer.from(BUDGET))).toBe(
    true,
  );
  expect(Buffer.from(workbooks[2]!.bytes()).equals(Buffer.from(REPORT))).toBe(
    true,
  );
});

test("a workbook's own package, an archive without a workbook and a file that is no zip are no archive of workbooks", () => {
  expect(archivedWorkbooks(REPORT)).toBeNull();
  expect(archivedWorkbooks(zipSync({ "a.pdf": strToU8("x") }))).toBeNull();
  expect(archivedWorkbooks(strToU8("not a zip at all"))).toBeNull();
});

test("a workbook of the archive that does not unpack is the file error CORRUPT, naming it", () => {
  const [w] = archivedWorkbooks(archiveWithDamaged({}, "rapport.xlsx"))!;
  let error: unknown;
  try {
    w!.bytes();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(WorkbookFileError);
  expect((error as WorkbookFileError).code).toBe("CORRUPT");
  expect((error as WorkbookFileError).damage).toEqual({
    kind: "inflate",
    part: "rapport.xlsx",
  });
});

/** An archive whose entry names are the given bytes, without the UTF-8 flag (as Windows' Explorer and a Mac write them). */
function withNameBytes(named: readonly (readonly number[])[]): Uint8Array {
  // Placeholders of the same length, replaced in the local headers and the directory alike.
  const placeholders = named.map(
    (bytes, i) =>
      `${String.fromCharCode(65 + i)}`.repeat(bytes.length - 5) + ".xlsx",
  );
  const archive = zipSync(
    Object.fromEntries(placeholders.map((p) => [p, REPORT])),
  );
  const buffer = Buffer.from(archive);
  placeholders.forEach((p, i) => {
    for (let at = buffer.indexOf(p); at >= 0; at = buffer.indexOf(p, at + 1))
      buffer.set(named[i]!, at);
  });
  return new Uint8Array(buffer);
}

test("an entry's name without the UTF-8 flag: UTF-8 when it decodes so (a Mac's), else code page 850 (Windows')", () => {
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  const archive = withNameBytes([
    // "Rädda.xlsx" in code page 850, as Explorer writes it.
    [...ascii("R"), 0x84, ...ascii("dda.xlsx")],
    // "Återrapport.xlsx" in UTF-8, unflagged.
    [0xc3, 0x85, ...ascii("terrapport.xlsx")],
  ]);
  expect(archivedWorkbooks(archive)!.map((w) => w.name)).toEqual([
    "Rädda.xlsx",
    "Återrapport.xlsx",
  ]);
  // A name with the flag is as written.
  expect(
    archivedWorkbooks(zipSync({ "Rädda Barnen.xlsx": REPORT }))!.map(
      (w) => w.name,
    ),
  ).toEqual(["Rädda Barnen.xlsx"]);
});
