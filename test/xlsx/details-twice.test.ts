// A detail of Uppgifter given twice (an OH rate revised on a row of its own, the old one hidden):
// which value counts is the one a reviewer reads on the sheet, and the other is said.

import { type WorkbookGrids, analyze, toCheckJson } from "../../src/core";
import { readGrids } from "../../src/excel/workbook";
import { readXlsx } from "../../src/xlsx/read";
import { computeBytes } from "../helpers/compute";
import {
  disagreements,
  recalculateAllWithLibreOffice,
} from "../helpers/libreoffice";
import { budgetWorkbook, detailsSheet, reportWorkbook } from "../helpers/seed";
import { FakeExcel } from "../helpers/strict-excel";
import {
  type CellSpec,
  type SheetSpec,
  buildXlsx,
  kr,
  pct,
} from "../helpers/workbook";

/** The budget workbook whose Uppgifter gives the OH rate on row 7 and again on row 9. */
function rateTwice(
  second: CellSpec,
  hiddenRows: readonly number[] = [],
  first: CellSpec = pct(0.1),
  halfYears: SheetSpec[] = budgetWorkbook().slice(1),
): SheetSpec[] {
  const details = detailsSheet({ rate: first, extra: [["OH-sats", second]] });
  return [{ ...details, hiddenRows }, ...halfYears];
}

function rateOnce(rate: CellSpec): SheetSpec[] {
  const [, ...halfYears] = budgetWorkbook();
  return [detailsSheet({ rate }), ...halfYears];
}

const read = async (spec: SheetSpec[]) => readXlsx(await buildXlsx(spec));

function outcome(grids: WorkbookGrids) {
  const a = analyze(grids);
  return {
    rate: a.computation.agreement.overheadRatePpm,
    budgets: a.computation.halfYears.map((h) => h.budget.total),
    said: toCheckJson("budget.xlsx", a)
      .findings.filter((f) => f.sheet === "Uppgifter")
      .map((f) => `${f.code} ${f.cell ?? ""} ${f.message}`),
  };
}

test("given twice with two values, both shown: the first counts, and the second is a warning at its value", async () => {
  const twice = outcome(await read(rateTwice(pct(0.12))));
  const once = outcome(await read(rateOnce(pct(0.1))));
  expect(twice.rate).toBe(100_000);
  expect(twice.budgets).toEqual(once.budgets);
  expect(twice.said).toEqual([
    'DETAIL_REPEATED B9 Uppgiften "OH-sats" står en gång till, med ett annat värde: värdet i B7 räknas, inte det här. Ta bort den rad som inte gäller.',
  ]);
  // The same value twice says nothing.
  expect(outcome(await read(rateTwice(pct(0.1))))).toEqual(once);
});

test("one value typed two ways (text and number, a date and its text) is one value: nothing is said", async () => {
  const once = outcome(await read(rateOnce(pct(0.1))));
  expect(outcome(await read(rateTwice("10 %")))).toEqual(once);
  expect(outcome(await read(rateTwice("10,0%")))).toEqual(once);
  const endTwice = [
    detailsSheet({ extra: [["Avtalsperiod till", "2026-06-30"]] }),
    ...budgetWorkbook().slice(1),
  ];
  expect(outcome(await read(endTwice))).toEqual(once);
  // The same value in a hidden row above: the shown cell is the one compute's formulas read.
  const hiddenAlike = analyze(await read(rateTwice("10 %", [7])));
  expect(hiddenAlike.computation.agreement.cells.overheadRate).toBe("B9");
  expect(hiddenAlike.findings.filter((f) => f.sheet === "Uppgifter")).toEqual(
    [],
  );
  // Another value typed as text is another value still.
  expect(outcome(await read(rateTwice("12 %"))).said).toEqual([
    'DETAIL_REPEATED B9 Uppgiften "OH-sats" står en gång till, med ett annat värde: värdet i B7 räknas, inte det här. Ta bort den rad som inte gäller.',
  ]);
});

test("the old rate hidden, the new one shown below it: the shown one counts, and the hidden one is said", async () => {
  const revised = outcome(await read(rateTwice(pct(0.12), [7])));
  const once = outcome(await read(rateOnce(pct(0.12))));
  expect(revised.rate).toBe(120_000);
  expect(revised.budgets).toEqual(once.budgets);
  expect(revised.said).toEqual([
    'HIDDEN_DETAIL_NOT_READ B7 Det dolda värdet för "OH-sats" läses inte: värdet i B9, som syns, räknas.',
  ]);
  // The new one hidden under the old one shown: the shown one counts still.
  const below = outcome(await read(rateTwice(pct(0.12), [9])));
  expect(below.rate).toBe(100_000);
  expect(below.said).toEqual([
    'HIDDEN_DETAIL_NOT_READ B9 Det dolda värdet för "OH-sats" läses inte: värdet i B7, som syns, räknas.',
  ]);
});

test("a key left empty, given again below with a value: the value counts, and nothing is said of the empty one", async () => {
  const filled = outcome(await read(rateTwice(pct(0.12), [], "")));
  expect(filled).toEqual(outcome(await read(rateOnce(pct(0.12)))));
});

test("the add-in reads the open workbook's hidden row as the file says it", async () => {
  const file = await read(rateTwice(pct(0.12), [7]));
  const x = FakeExcel.from(file.sheets);
  const open = await readGrids(x.context(), {
    merges: true,
    customProperties: true,
    hiddenCells: true,
  });
  expect(outcome(open)).toEqual(outcome(file));
  expect(outcome(open).rate).toBe(120_000);
});

test("compute of the revised rate writes OH from the shown rate's cell, and LibreOffice working out the copy agrees", async () => {
  // The OH lines left for compute to work out.
  const halfYears = budgetWorkbook({ typedSalaries: false }).slice(1);
  const bytes = await buildXlsx(rateTwice(pct(0.12), [7], pct(0.1), halfYears));
  const copy = computeBytes(bytes);
  // ROUND('Uppgifter'!$B$9*SUM(F4:F6),0): the rows of Uppgifter the OH formulas read.
  const rateRows = readXlsx(copy)
    .sheets.flatMap((g) => g.rows.flatMap((row) => row ?? []))
    .flatMap((c) => [...(c?.f ?? "").matchAll(/Uppgifter'?!\$?B\$?(\d+)/g)])
    .map((m) => m[1]);
  expect(rateRows.length).toBeGreaterThan(0);
  expect(new Set(rateRows)).toEqual(new Set(["9"]));
  const once = [detailsSheet({ rate: pct(0.12) }), ...halfYears];
  expect(outcome(readXlsx(copy)).budgets).toEqual(
    outcome(await read(once)).budgets,
  );
  const [calculated] = recalculateAllWithLibreOffice([copy]);
  expect(disagreements(readXlsx(copy), readXlsx(calculated!))).toEqual([]);
});

test("an earlier year's surplus revised on a row of its own, the old one hidden: the shown amount is repaid, and the hidden one is said", async () => {
  const report = (rows: [string, CellSpec][], hiddenRows: number[]) => {
    const [details, ...rest] = reportWorkbook();
    const kept = details!.rows.filter(
      (r) => !(typeof r[0] === "string" && /överskott/i.test(r[0])),
    );
    return [{ ...details!, rows: [...kept, ...rows], hiddenRows }, ...rest];
  };
  const repaymentOf = async (spec: SheetSpec[]) => {
    const a = analyze(await read(spec));
    return {
      items: a.computation.repayment.items,
      said: toCheckJson("rapport.xlsx", a)
        .findings.filter((f) => f.sheet === "Uppgifter" && f.cell)
        .map((f) => `${f.code} ${f.cell ?? ""}`),
    };
  };
  const old: [string, CellSpec] = ["Ej förbrukat överskott 2023", kr(200_000)];
  const revised: [string, CellSpec] = [
    "Ej förbrukat överskott 2023",
    kr(232_886),
  ];
  const once = await repaymentOf(report([revised], []));
  const rows = report([old, revised], []).find((s) => s.name === "Uppgifter")!
    .rows.length;
  // The old row hidden above: the shown amount counts, the hidden one is said at its value.
  const hiddenAbove = await repaymentOf(report([old, revised], [rows - 1]));
  expect(hiddenAbove.items).toEqual(once.items);
  expect(hiddenAbove.said).toEqual([`HIDDEN_DETAIL_NOT_READ B${rows - 1}`]);
  // Hidden below the shown one: the shown one still, and no error.
  const hiddenBelow = await repaymentOf(report([revised, old], [rows]));
  expect(hiddenBelow.items).toEqual(once.items);
  expect(hiddenBelow.said).toEqual([`HIDDEN_DETAIL_NOT_READ B${rows}`]);
  // Both shown: the first counts, and the second is the error it was.
  const shown = await repaymentOf(report([old, revised], []));
  expect(shown.said).toEqual([`SURPLUS_YEAR_REPEATED B${rows}`]);
  expect(shown.items[0]!.amount).toBe(20_000_000);
});

test("an old value hidden in a column beside the key, the new one typed right of it: the shown one counts, and the hidden one is said", async () => {
  /** Uppgifter with the OH rate's old value in B and `values` in C, column B hidden or not. */
  const revised = (hideB: boolean, newRate: CellSpec) => {
    const [details, ...rest] = budgetWorkbook();
    const rows = details!.rows.map((r) =>
      r[0] === "OH-sats" ? [r[0], pct(0.1), newRate] : r,
    );
    return [
      { ...details!, rows, ...(hideB ? { hiddenColumns: ["B"] } : {}) },
      ...rest,
    ];
  };
  const hidden = outcome(await read(revised(true, pct(0.12))));
  expect(hidden.rate).toBe(120_000);
  expect(hidden.budgets).toEqual(
    outcome(await read(rateOnce(pct(0.12)))).budgets,
  );
  expect(hidden.said).toEqual([
    'HIDDEN_DETAIL_NOT_READ B7 Det dolda värdet för "OH-sats" läses inte: värdet i C7, som syns, räknas.',
  ]);
  // The add-in reads the open workbook's hidden column as the file says it.
  const file = await read(revised(true, pct(0.12)));
  const open = await readGrids(FakeExcel.from(file.sheets).context(), {
    hiddenCells: true,
  });
  expect(outcome(open)).toEqual(hidden);
  // The other keys, alone in the hidden column, count as they are: the agreement is read whole.
  const a = analyze(await read(revised(true, pct(0.12))));
  expect(a.computation.agreement.name).toBe("Jämlik hälsa Lindängen");
  expect(a.computation.agreement.start).toBe("2025-07-01");
  // The same rate typed as text in C: nothing to say.
  expect(outcome(await read(revised(true, "10 %")))).toEqual(
    outcome(await read(rateOnce(pct(0.1)))),
  );
  // Shown, B is the value beside the key, as before, and C is not read.
  expect(outcome(await read(revised(false, pct(0.12)))).rate).toBe(100_000);
  // A note right of a hidden value is no value: the hidden one counts.
  const noted = outcome(await read(revised(true, "Enligt avtalet.")));
  expect(noted.rate).toBe(100_000);
  expect(noted.said).toEqual([]);
});
