// Lines in rows the file hides (or filters out) count, as Excel's SUM counts them, and are said:
// a reviewer looking at the sheet does not see them (question 43).

import { analyze, finding, findingMessage, toCheckJson } from "../../src/core";
import { withSheets } from "../../src/xlsx/read";
import { checkBytes, findingAt, messageOf } from "../helpers/check";
import { resaveAllWithLibreOffice, saveAllAsOds } from "../helpers/libreoffice";
import { reportHalfYearSheet, reportWorkbook } from "../helpers/seed";
import { type SheetSpec, buildXlsx } from "../helpers/workbook";

/** The seed's report with rows of its first half-year sheet hidden (1-based, as Excel shows them). */
function reportHiding(
  rows: readonly number[],
  sheet: SheetSpec = reportHalfYearSheet("Utfall 2024 H1", 1),
): SheetSpec[] {
  return reportWorkbook().map((s) =>
    s.name === sheet.name ? { ...sheet, hiddenRows: rows } : s,
  );
}

const figures = (r: ReturnType<typeof checkBytes>) => ({
  periods: r.periods.map((p) => [p.budget, p.actual]),
  repayment: r.repayment,
});

test("a hidden line with amounts counts as it did and is said once, at its label, with its row", async () => {
  const shown = checkBytes(await buildXlsx(reportWorkbook()));
  const hidden = checkBytes(await buildXlsx(reportHiding([4])));
  // Counted as Excel's SUM counts it: nothing moves.
  expect(figures(hidden)).toEqual(figures(shown));
  expect(findingAt(shown, "HIDDEN_LINES")).toEqual([]);
  expect(findingAt(hidden, "HIDDEN_LINES")).toEqual(["Utfall 2024 H1!A4"]);
  expect(hidden.findings.find((f) => f.code === "HIDDEN_LINES")).toMatchObject({
    severity: "info",
    message:
      "Raden har belopp men är dold (eller bortfiltrerad) i arbetsboken. Den räknas med i halvårets summor, som Excels SUMMA räknar den. Visa den för att se allt som räknas.",
  });
  // The rest of the findings as before: the finding is one more, nothing else.
  expect(hidden.findings.filter((f) => f.code !== "HIDDEN_LINES")).toEqual(
    shown.findings,
  );
});

test("several hidden lines are one finding for the sheet: how many, and the first rows", async () => {
  const lines = Array.from({ length: 8 }, (_, i) => [
    `Aktivitet ${i + 1}`,
    10_000,
    9_000,
    1_000,
  ]);
  const sheet: SheetSpec = {
    name: "Utfall 2024 H1",
    rows: [
      ["2024", "Budget", "Utfall", "Differens"],
      // A heading hidden with them: no amounts, not counted.
      ["Verksamhetskostnader"],
      ...lines,
      ["OH-kostnader", 8_000, 7_200, 800],
      ["Summa", 88_000, 79_200, 8_800],
    ],
  };
  const r = checkBytes(
    await buildXlsx(reportHiding([2, 3, 4, 5, 6, 7, 8, 9], sheet)),
  );
  expect(findingAt(r, "HIDDEN_LINES")).toEqual(["Utfall 2024 H1!A3"]);
  expect(messageOf(r, "HIDDEN_LINES")).toBe(
    "7 rader med belopp är dolda (eller bortfiltrerade) i arbetsboken: rad 3, 4, 5, 6, 7 och 2 till. De räknas med i halvårets summor, som Excels SUMMA räknar dem. Visa dem för att se allt som räknas.",
  );
});

test("a hidden row without amounts (a line of zeros, a note) says nothing", async () => {
  const sheet: SheetSpec = {
    name: "Utfall 2024 H1",
    rows: [
      ["2024", "Budget", "Utfall", "Differens"],
      ["Lönekostnader: Hälsofrämjare", 600_000, 505_789, 94_211],
      ["Resor", 0, 0, 0],
      ["OH-kostnader", 60_000, 50_579, 9_421],
      ["Summa", 660_000, 556_368, 103_632],
      [],
      ["Anteckning: resorna ryms i aktiviteterna"],
    ],
  };
  const r = checkBytes(await buildXlsx(reportHiding([3, 7], sheet)));
  expect(findingAt(r, "HIDDEN_LINES")).toEqual([]);
});

test("the same as LibreOffice saves it, as .xlsx and as .ods, and in English", async () => {
  const bytes = await buildXlsx(reportHiding([3, 5]));
  const [resaved] = resaveAllWithLibreOffice([bytes]);
  const [ods] = saveAllAsOds([bytes]);
  for (const [file, name] of [
    [resaved!, "rapport.xlsx"],
    [ods!, "rapport.ods"],
  ] as const) {
    const r = checkBytes(file, name);
    expect(findingAt(r, "HIDDEN_LINES")).toEqual(["Utfall 2024 H1!A3"]);
    expect(messageOf(r, "HIDDEN_LINES")).toMatch(
      /^2 rader med belopp .*: rad 3, 5\. /,
    );
  }
  const en = toCheckJson("rapport.xlsx", withSheets(bytes, analyze), "en");
  expect(messageOf(en, "HIDDEN_LINES")).toBe(
    "2 lines with amounts are hidden (or filtered out) in the workbook: rows 3, 5. They count in the half-year's sums, as Excel's SUM counts them. Unhide them to see everything that counts.",
  );
});

test("a count of a thousand or more, shown with a space between its digits, is still several", () => {
  const f = finding("HIDDEN_LINES", "Utfall 2024 H1", "A3", {
    count: 1500,
    rows: "3, 4, 5, 6, 7",
    more: 1495,
  });
  expect(findingMessage(f, "sv")).toMatch(
    /^1\s500 rader med belopp .*: rad 3, 4, 5, 6, 7 och 1\s495 till\. /u,
  );
  expect(findingMessage(f, "en")).toMatch(
    /^1,500 lines with amounts .*: rows 3, 4, 5, 6, 7 and 1,495 more\. /u,
  );
});
