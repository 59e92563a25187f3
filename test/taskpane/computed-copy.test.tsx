/** @jest-environment jsdom */
// The file page's download of a computed copy is read back first, as the CLI's compute is: a copy
// whose written sheet does not read is not offered, and the reviewer is told why.

import "@testing-library/jest-dom";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import { textFor } from "../../src/i18n/text";
import { QueueTable } from "../../src/taskpane/standalone/QueueTable";
import {
  computedCopy,
  computedFile,
  copyFailure,
  queueRow,
  readFileBytes,
  tooLargeFile,
} from "../../src/taskpane/standalone/batch";
import { NotReadBack, readXlsx } from "../../src/xlsx/read";
import { brokenSheet } from "../helpers/compute";
import { withWorkbookType } from "../helpers/hostile";

// The writer can be made to break the first sheet it edits, as a defect in it would.
const breaking = { sheet: null as string | null };
jest.mock("../../src/xlsx/write", () => {
  const actual = jest.requireActual<typeof import("../../src/xlsx/write")>(
    "../../src/xlsx/write",
  );
  return {
    ...actual,
    applyPlan: (...args: Parameters<typeof actual.applyPlan>) => {
      const bytes = actual.applyPlan(...args);
      return breaking.sheet === null
        ? bytes
        : brokenSheet(bytes, breaking.sheet);
    },
  };
});
const downloads: string[] = [];
jest.mock("../../src/taskpane/download", () => ({
  ...jest.requireActual<typeof import("../../src/taskpane/download")>(
    "../../src/taskpane/download",
  ),
  download: (_bytes: Uint8Array, name: string) => downloads.push(name),
}));

const NAME = "budget-2025-26.xlsx";
const bytes = readFileSync(
  join(__dirname, "..", "fixtures", "samples", "budget-2025-26.xlsx"),
);
const result = readFileBytes(NAME, bytes, "sv");
if (result.kind !== "ok") throw new Error("the sample does not read");

afterEach(() => {
  cleanup();
  breaking.sheet = null;
  downloads.length = 0;
});

test("a computed copy that reads back is offered; one that does not is refused, naming the sheet", () => {
  const copy = computedCopy(result);
  expect(readXlsx(copy).sheets.map((s) => s.name)).toContain("Beslut");
  breaking.sheet = "Halvår 2 2025";
  expect(() => computedCopy(result)).toThrow(new NotReadBack("Halvår 2 2025"));
  const sv = textFor("sv");
  expect(copyFailure(NAME, new NotReadBack("Beslut"), "sv", sv)).toBe(
    "Den beräknade arbetsboken för budget-2025-26.xlsx gick inte att läsa tillbaka (bladet Beslut), så den laddades inte ner. Din fil är oförändrad. Öppna den i Excel, spara den och läs in den här igen.",
  );
  expect(
    copyFailure(NAME, new NotReadBack("Beslut"), "en", textFor("en")),
  ).toBe(
    "The computed workbook for budget-2025-26.xlsx did not read back (sheet Beslut), so it was not downloaded. Your file is unchanged. Open it in Excel, save it and load it here again.",
  );
});

test("a file's name is shown, stamped and downloaded without bidirectional controls, which turned it around", () => {
  // "rapport-2024\u202exslx.xlsx" shows as "rapport-2024xlsx.xslx" (and its download's name too).
  const named = readFileBytes("rapport-2024\u202exslx.xlsx", bytes, "sv");
  expect(named.name).toBe("rapport-2024xslx.xlsx");
  expect(tooLargeFile("a\u2067b.xlsx", 200 * 1024 * 1024, "sv")?.name).toBe(
    "ab.xlsx",
  );
  if (named.kind !== "ok") throw new Error("the sample does not read");
  const copy = computedCopy(named);
  expect(computedFile(named.name, copy).name).toBe(
    "rapport-2024xslx-beraknad.xlsx",
  );
  const beslut = readXlsx(copy).sheets.find((s) => s.name === "Beslut")!;
  const stamp = String(beslut.rows[1]?.[0]?.v);
  expect(stamp).toContain("från rapport-2024xslx.xlsx. Bladet skrivs om");
});

test("Ladda ner: the copy is downloaded when it reads back, and the reason is shown when it does not", () => {
  const t = textFor("sv");
  render(
    <QueueTable
      rows={[queueRow(1, result, "sv")]}
      lang="sv"
      t={t}
      reviews={new Map()}
      onReview={() => undefined}
    />,
  );
  const button = screen.getAllByRole("button", {
    name: `Ladda ner den beräknade arbetsboken för ${NAME}`,
  })[0]!;
  fireEvent.click(button);
  const said = () => screen.queryByText(/gick inte att läsa tillbaka/);
  expect(downloads).toEqual(["budget-2025-26-beraknad.xlsx"]);
  expect(said()).toBeNull();

  breaking.sheet = "Beslut";
  fireEvent.click(button);
  expect(downloads).toHaveLength(1);
  expect(said()).toHaveTextContent(
    "Den beräknade arbetsboken för budget-2025-26.xlsx gick inte att läsa tillbaka (bladet Beslut), så den laddades inte ner.",
  );

  // The next copy that reads back clears the message.
  breaking.sheet = null;
  fireEvent.click(button);
  expect(downloads).toHaveLength(2);
  expect(said()).toBeNull();
});

test("a macro-enabled workbook's copy downloads as .xlsm, a template's as a workbook (.xlsx)", () => {
  const cases = [
    ["application/vnd.ms-excel.sheet.macroEnabled.main+xml", "budget.xlsm"],
    ["application/vnd.ms-excel.template.macroEnabled.main+xml", "budget.xltm"],
    [
      "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
      "budget.xltx",
    ],
  ] as const;
  const got = cases.map(([type, name]) => {
    const read = readFileBytes(name, withWorkbookType(type), "sv");
    if (read.kind !== "ok") throw new Error(`${name} does not read`);
    return computedFile(read.name, computedCopy(read));
  });
  expect(got).toEqual([
    {
      name: "budget-beraknad.xlsm",
      type: "application/vnd.ms-excel.sheet.macroEnabled.12",
    },
    {
      name: "budget-beraknad.xlsm",
      type: "application/vnd.ms-excel.sheet.macroEnabled.12",
    },
    {
      name: "budget-beraknad.xlsx",
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
  ]);
});

test("Excel's owner file of an open workbook, dropped with it, is said to be one", () => {
  const owner = readFileBytes("~$budget.xlsx", new Uint8Array([6, 65]), "sv");
  expect(owner).toMatchObject({ kind: "error", code: "OWNER_FILE" });
  const other = readFileBytes("budget.xlsx", new Uint8Array([6, 65]), "sv");
  expect(other).toMatchObject({ kind: "error", code: "NOT_A_WORKBOOK" });
});

test("a zip of workbooks read as one workbook (the page's two versions) is said to be one, as on the command line", () => {
  const book = readFileSync(
    join(__dirname, "..", "..", "samples", "jamlik-halsa-rapport-2024.xlsx"),
  );
  const zip = readFileBytes(
    "OneDrive_1_2026-12-07.zip",
    zipSync({ "Inkommet/rapport.xlsx": book }),
    "sv",
  );
  expect(zip).toMatchObject({
    kind: "error",
    code: "ARCHIVE_OF_WORKBOOKS",
    message:
      "Filen är ett zip-arkiv med arbetsböcker, inte en arbetsbok. Packa upp det och ange arbetsboken; iop-budget check och memo läser också hela arkivet.",
  });
});
