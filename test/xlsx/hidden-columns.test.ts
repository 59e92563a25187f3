// An old column hidden beside the one people see ("Budget" hidden left of a revised "Budget"): the
// visible one counts, as a reviewer reading the sheet expects, and the hidden one is said.

import { HiddenColumns } from "../../src/xlsx/columns";
import { selectionFor } from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { checkBytes, findingAt, messageOf } from "../helpers/check";
import { computeBytes } from "../helpers/compute";
import {
  disagreements,
  recalculateAllWithLibreOffice,
  resaveAllWithLibreOffice,
  saveAllAsOds,
} from "../helpers/libreoffice";
import {
  reportHalfYearSheet,
  reportWithOldBudget,
  reportWorkbook,
  salaryWorkbook,
} from "../helpers/seed";
import { type SheetSpec, buildXlsx, kr } from "../helpers/workbook";

function workbookWith(sheet: SheetSpec): SheetSpec[] {
  return reportWorkbook().map((s) => (s.name === sheet.name ? sheet : s));
}

const figures = (r: ReturnType<typeof checkBytes>) => ({
  periods: r.periods.map((p) => [p.budget, p.actual]),
  repayment: r.repayment,
});

test("the visible Budget counts over an old one hidden left of it: the seed's figures, and the hidden column said", async () => {
  const seed = checkBytes(await buildXlsx(reportWorkbook()));
  const hidden = checkBytes(await buildXlsx(reportWithOldBudget(["B"])));
  expect(figures(hidden)).toEqual(figures(seed));
  expect(findingAt(hidden, "HIDDEN_COLUMN_NOT_READ")).toEqual([
    "Utfall 2024 H1!B1",
  ]);
  expect(
    hidden.findings.find((f) => f.code === "HIDDEN_COLUMN_NOT_READ"),
  ).toMatchObject({
    severity: "info",
    message:
      'Den dolda kolumnen "Budget" läses inte: den synliga "Budget" (C1) läses som samma sak och räknas.',
  });
  // Nothing else is said of it: the rest as the seed's, its cells a column to the right.
  const unplaced = (r: ReturnType<typeof checkBytes>) =>
    r.findings
      .filter((f) => f.code !== "HIDDEN_COLUMN_NOT_READ")
      .map(({ cell: _cell, ...f }) => f);
  expect(unplaced(hidden)).toEqual(unplaced(seed));
  expect(findingAt(seed, "OVERSPENT")[0]).toBe("Utfall 2024 H1!C4");
  expect(findingAt(hidden, "OVERSPENT")[0]).toBe("Utfall 2024 H1!D4");
});

test("shown, the first of two Budget columns counts as before, with COLUMN_REPEATED", async () => {
  const seed = checkBytes(await buildXlsx(reportWorkbook()));
  const shown = checkBytes(await buildXlsx(reportWithOldBudget([])));
  expect(findingAt(shown, "HIDDEN_COLUMN_NOT_READ")).toEqual([]);
  expect(findingAt(shown, "COLUMN_REPEATED")).toEqual(["Utfall 2024 H1!C1"]);
  // The old budget: 814 000 kr for the seed's 962 500 in the spring.
  expect(shown.periods[0]!.budget.total).toBe(814_000);
  expect(seed.periods[0]!.budget.total).toBe(962_500);
});

test("a hidden column right of the visible one is said as hidden, not as a repeated column; one hidden alone of its kind still counts", async () => {
  const seed = checkBytes(await buildXlsx(reportWorkbook()));
  const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
  // A copy of the budget kept right of the table, hidden.
  const right: SheetSpec = {
    ...sheet,
    rows: sheet.rows.map((row) => [...row, row[1]]),
    hiddenColumns: ["E"],
  };
  const r = checkBytes(await buildXlsx(workbookWith(right)));
  expect(figures(r)).toEqual(figures(seed));
  expect(findingAt(r, "HIDDEN_COLUMN_NOT_READ")).toEqual(["Utfall 2024 H1!E1"]);
  expect(findingAt(r, "COLUMN_REPEATED")).toEqual([]);
  // The actuals hidden, and no other Utfall: they are the half-year's, as Excel's SUM counts them.
  const actuals = checkBytes(
    await buildXlsx(workbookWith({ ...sheet, hiddenColumns: ["C"] })),
  );
  expect(figures(actuals)).toEqual(figures(seed));
  expect(findingAt(actuals, "HIDDEN_COLUMN_NOT_READ")).toEqual([]);
});

test("a column read that the sheet hides is said once, as a hidden line is: its values count, and the reviewer does not see them", async () => {
  const seed = checkBytes(await buildXlsx(reportWorkbook()));
  const sheet = reportHalfYearSheet("Utfall 2024 H1", 1);
  const hiding = async (columns: readonly string[]) =>
    checkBytes(
      await buildXlsx(workbookWith({ ...sheet, hiddenColumns: columns })),
    );
  const actuals = await hiding(["C"]);
  expect(figures(actuals)).toEqual(figures(seed));
  expect(findingAt(actuals, "HIDDEN_COLUMNS")).toEqual(["Utfall 2024 H1!C1"]);
  expect(
    actuals.findings.find((f) => f.code === "HIDDEN_COLUMNS"),
  ).toMatchObject({
    severity: "info",
    message:
      'Kolumnen "Utfall" är dold i arbetsboken, men dess värden läses och räknas. Visa den för att se allt som räknas.',
  });
  expect(actuals.findings.filter((f) => f.code !== "HIDDEN_COLUMNS")).toEqual(
    seed.findings,
  );
  const both = await hiding(["B", "C", "D"]);
  expect(findingAt(both, "HIDDEN_COLUMNS")).toEqual(["Utfall 2024 H1!B1"]);
  expect(messageOf(both, "HIDDEN_COLUMNS")).toBe(
    'Kolumnerna "Budget", "Utfall" är dolda i arbetsboken, men deras värden läses och räknas. Visa dem för att se allt som räknas.',
  );
  // Differens is checked, not counted: hidden alone, nothing is said.
  expect(findingAt(await hiding(["D"]), "HIDDEN_COLUMNS")).toEqual([]);
});

test("compute writes Status from the visible budget, and leaves the hidden one as it was", async () => {
  const bytes = await buildXlsx(reportWithOldBudget(["B"]));
  const computed = readXlsx(computeBytes(bytes));
  const sheet = computed.sheets.find((s) => s.name === "Utfall 2024 H1")!;
  // Status (F) of the first line: the actuals (D) against the visible budget (C).
  expect(sheet.rows[1]![5]).toMatchObject({
    f: 'IF(D2="","",IF(D2>C2,"Överskriden","Inom budget"))',
  });
  expect(sheet.rows[1]![1]).toMatchObject({ t: "n", v: 500_000 });
  expect(sheet.hiddenColumns).toEqual([1]);
  const again = checkBytes(computeBytes(bytes));
  expect(figures(again)).toEqual(
    figures(checkBytes(await buildXlsx(reportWorkbook()))),
  );
});

/** Lönekalkyl with the salaries of before a raise kept in column D, the current ones in E. */
function salariesWithOld(hidden: readonly string[]): SheetSpec[] {
  const old = [kr(30_000), kr(22_000), kr(38_000)];
  return salaryWorkbook().map((s) =>
    s.name === "Lönekalkyl"
      ? {
          ...s,
          hiddenColumns: hidden,
          rows: s.rows.map((row, r) =>
            r === 2
              ? [...row.slice(0, 3), "Månadslön", ...row.slice(3)]
              : r > 2
                ? [...row.slice(0, 3), old[r - 3], ...row.slice(3)]
                : row,
          ),
        }
      : s,
  );
}

test("in Lönekalkyl too, the shown Månadslön counts over an old one hidden left of it, and the hidden one is said", async () => {
  const current = checkBytes(await buildXlsx(salaryWorkbook()));
  const hidden = checkBytes(await buildXlsx(salariesWithOld(["D"])));
  const shown = checkBytes(await buildXlsx(salariesWithOld([])));
  expect(figures(hidden)).toEqual(figures(current));
  // Shown, the first counts, as before: the old salaries give a lower budget.
  expect(shown.periods[0]!.budget.total).toBeLessThan(
    current.periods[0]!.budget.total,
  );
  expect(findingAt(hidden, "HIDDEN_COLUMN_NOT_READ")).toEqual([
    "Lönekalkyl!D3",
  ]);
  expect(messageOf(hidden, "HIDDEN_COLUMN_NOT_READ")).toBe(
    'Den dolda kolumnen "Månadslön" läses inte: den synliga "Månadslön" (E3) läses som samma sak och räknas.',
  );
  expect(findingAt(shown, "HIDDEN_COLUMN_NOT_READ")).toEqual([]);
  // The current salaries hidden, and no other: they cost, and are said.
  const alone = checkBytes(
    await buildXlsx(
      salaryWorkbook().map((s) =>
        s.name === "Lönekalkyl" ? { ...s, hiddenColumns: ["D"] } : s,
      ),
    ),
  );
  expect(figures(alone)).toEqual(figures(current));
  expect(findingAt(alone, "HIDDEN_COLUMNS")).toEqual(["Lönekalkyl!D3"]);
  expect(findingAt(hidden, "HIDDEN_COLUMNS")).toEqual([]);
  // Nothing else is said of it.
  const codes = (r: ReturnType<typeof checkBytes>) =>
    r.findings.map((f) => f.code).filter((c) => c !== "HIDDEN_COLUMN_NOT_READ");
  expect(codes(hidden)).toEqual(codes(current));
  // compute's formulas read the shown salaries: its copy, and LibreOffice working it out, agree.
  const copy = computeBytes(await buildXlsx(salariesWithOld(["D"])));
  expect(figures(checkBytes(copy))).toEqual(figures(current));
  const [calculated] = recalculateAllWithLibreOffice([copy]);
  expect(disagreements(readXlsx(copy), readXlsx(calculated!))).toEqual([]);
});

test("LibreOffice's copy, as .xlsx and as .ods, is read the same", async () => {
  const bytes = await buildXlsx(reportWithOldBudget(["B"]));
  const before = checkBytes(bytes);
  const [xlsx] = resaveAllWithLibreOffice([bytes]);
  const [ods] = saveAllAsOds([bytes]);
  for (const copy of [xlsx!, ods!]) {
    const r = checkBytes(copy);
    expect(figures(r)).toEqual(figures(before));
    expect(findingAt(r, "HIDDEN_COLUMN_NOT_READ")).toEqual([
      "Utfall 2024 H1!B1",
    ]);
    expect(messageOf(r, "HIDDEN_COLUMN_NOT_READ")).toBe(
      messageOf(before, "HIDDEN_COLUMN_NOT_READ"),
    );
  }
});

test("the columns a file hides: runs that overlap once, past Excel's last column cut, a crafted run left", () => {
  const hidden = new HiddenColumns();
  hidden.add(2, 4);
  hidden.add(3, 5);
  hidden.add(16_383, 20_000);
  hidden.add(7, 6);
  hidden.add(0, 1);
  hidden.add(Number.NaN, 9);
  expect(hidden.list()).toEqual([1, 2, 3, 4, 16_382, 16_383]);
  // A crafted sheet's runs past as many as there are columns are not taken.
  const many = new HiddenColumns();
  for (let k = 0; k < 20_000; k++) many.add(1, 1);
  many.add(9, 9);
  expect(many.list()).toEqual([0]);
});

test("a finding's cell in a hidden column or row is selected with the shown cells around it, as Excel can show it", async () => {
  const spec = reportWithOldBudget(["B", "C"]).map((s) =>
    s.name === "Utfall 2024 H1" ? { ...s, hiddenRows: [1, 3, 4] } : s,
  );
  const file = readXlsx(await buildXlsx(spec));
  const at = (cell: string, sheet = "Utfall 2024 H1") =>
    selectionFor(file, sheet, cell);
  // B and C hidden: from A to D, the shown columns around them.
  expect(at("B2")).toBe("A2:D2");
  expect(at("C2")).toBe("A2:D2");
  // Row 1 hidden, the first: from it to the shown row 2; rows 3 and 4: from 2 to 5.
  expect(at("A1")).toBe("A1:A2");
  expect(at("A4")).toBe("A2:A5");
  expect(at("B3")).toBe("A2:D5");
  // A shown cell, another sheet's, or no cell at all: as it is.
  expect(at("D2")).toBe("D2");
  expect(at("B3", "Uppgifter")).toBe("B3");
  expect(at("B3", "no such sheet")).toBe("B3");
  expect(at("Summa")).toBe("Summa");
});
