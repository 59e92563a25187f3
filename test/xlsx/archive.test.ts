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
