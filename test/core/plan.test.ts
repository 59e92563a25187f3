// The write plan: exactly which cells get which formula or value (SPEC §7), and what is never touched.

import fc from "fast-check";
import {
  type CellWrite,
  MAX_TABLE_LINES,
  type SheetEdit,
  a1,
  brokenAtSpaces,
} from "../../src/core";
import { planOf } from "../helpers/compute";
import {
  activitySheet,
  budgetHalfYearSheet,
  budgetWorkbook,
  detailsSheet,
  manyLinesWorkbook,
  reportWorkbook,
} from "../helpers/seed";
import { buildXlsx, kr, pct } from "../helpers/workbook";

const at = (edit: SheetEdit, address: string): CellWrite | undefined =>
  edit.cells.find((c) => a1(c.row, c.col) === address);

describe("the write plan of a half-year sheet", () => {
  test("derived salary and OH budgets become live formulas with the values of SPEC §5", async () => {
    const plan = planOf(
      await buildXlsx(budgetWorkbook({ typedSalaries: false })),
    );
    const edit = plan.edits.find((e) => e.sheet === "Budget 2025 H2")!;
    expect(at(edit, "F4")?.value).toEqual({
      kind: "formula",
      formula: "ROUND(C4*D4*E4,0)",
      cached: 742500,
    });
    expect(at(edit, "F5")?.value).toEqual({
      kind: "formula",
      formula: "ROUND(C5*D5*E5,0)",
      cached: 166272,
    });
    expect(at(edit, "F7")?.value).toEqual({
      kind: "formula",
      formula: "ROUND('Uppgifter'!$B$7*SUM(F4:F6),0)",
      cached: 100877,
    });
    // Nothing a person typed is in the plan.
    for (const typed of ["A4", "B4", "C4", "D4", "E4", "F6", "B1"])
      expect(at(edit, typed)).toBeUndefined();
  });

  test("a cell that already holds the add-in's formula is rewritten identically", async () => {
    const plan = planOf(
      await buildXlsx(budgetWorkbook({ typedSalaries: false })),
    );
    const edit = plan.edits.find((e) => e.sheet === "Budget 2025 H2")!;
    const again = planOf(
      await buildXlsx([
        detailsSheet(),
        {
          ...budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
            typedSalaries: false,
          }),
          rows: budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
            typedSalaries: false,
          }).rows.map((row, i) =>
            i === 3
              ? row.map((c, j) =>
                  j === 5
                    ? { formula: "ROUND(C4*D4*E4,0)", result: 742500 }
                    : c,
                )
              : row,
          ),
        },
        budgetWorkbook()[2]!,
      ]),
    );
    expect(at(edit, "F4")?.value).toEqual({
      kind: "formula",
      formula: "ROUND(C4*D4*E4,0)",
      cached: 742500,
    });
    expect(at(again.edits[0]!, "F4")?.value).toEqual(at(edit, "F4")?.value);
  });

  test("a typed budget that disagrees is never overwritten; it stays a finding", async () => {
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const rows = sheet.rows.map((row, i) =>
      i === 4
        ? ["Lön", "Samordnare utveckling", pct(0.5), 6, kr(55424), kr(170000)]
        : row,
    );
    const plan = planOf(
      await buildXlsx([
        detailsSheet({ end: "2025-12-31" }),
        { ...sheet, rows },
      ]),
    );
    expect(at(plan.edits[0]!, "F5")).toBeUndefined();
    const beslut = plan.creates[0]!;
    expect(
      beslut.cells.some(
        (c) => c.value.kind === "text" && c.value.value === "SALARY_MISMATCH",
      ),
    ).toBe(true);
  });

  test("Differens and Status are added right of the table, with formulas for every line", async () => {
    const plan = planOf(await buildXlsx(reportWorkbook()));
    const edit = plan.edits.find((e) => e.sheet === "Utfall 2024 H1")!;
    // The seed's table has Differens (D) but no Status: Status goes to E.
    expect(at(edit, "E1")?.value).toEqual({ kind: "text", value: "Status" });
    expect(at(edit, "E4")?.value).toEqual({
      kind: "formula",
      formula: 'IF(C4="","",IF(C4>B4,"Överskriden","Inom budget"))',
      cached: "Överskriden",
    });
    expect(at(edit, "E2")?.value).toMatchObject({ cached: "Inom budget" });
    // The typed Differens values are right, so they stay as they are.
    expect(at(edit, "D2")).toBeUndefined();
    expect(edit.marks).toEqual([
      {
        range: "C2:C5",
        formula: "AND(ISNUMBER($C2),$C2>$B2)",
        fill: "FFC7CE",
        fontColor: "9C0006",
      },
      {
        range: "E2:E5",
        formula: "AND(ISNUMBER($C2),$C2>$B2)",
        fill: "FFC7CE",
        fontColor: "9C0006",
      },
    ]);
  });

  // Income between two sections of costs was inside the one range of the mark: more income than
  // budgeted turned red as an overspent line.
  test("the overspent mark leaves out income between the costs, and keeps the headings and subtotals", async () => {
    const plan = planOf(
      await buildXlsx([
        detailsSheet({ start: "2024-01-01", end: "2024-06-30" }),
        {
          name: "Utfall 2024 H1",
          rows: [
            ["Post", "Budget", "Utfall"],
            ["Hälsofrämjare", kr(300000), kr(280000)],
            ["Delsumma", kr(300000), kr(280000)],
            ["Intäkter"],
            ["Bidrag Malmö stad", kr(400000), kr(420000)],
            ["Kostnader"],
            ["Aktiviteter", kr(50000), kr(60000)],
            ["OH-kostnader", kr(35000), kr(34000)],
          ],
        },
      ]),
    );
    const edit = plan.edits.find((e) => e.sheet === "Utfall 2024 H1")!;
    expect(edit.marks.map((m) => `${m.range} ${m.formula}`)).toEqual([
      "C2:C4 AND(ISNUMBER($C2),$C2>$B2)",
      "E2:E4 AND(ISNUMBER($C2),$C2>$B2)",
      "C6:C8 AND(ISNUMBER($C6),$C6>$B6)",
      "E6:E8 AND(ISNUMBER($C6),$C6>$B6)",
    ]);
  });

  test("workbook text is written as text: a label or name starting with = never becomes a formula", async () => {
    const details = detailsSheet({ end: "2025-12-31" });
    const evil = '=HYPERLINK("http://example.invalid","klicka")';
    const rows = details.rows.map((row) =>
      row[0] === "Organisation" ? ["Organisation", evil] : row,
    );
    const sheet = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const lines = sheet.rows.map((row, i) =>
      i === 5
        ? [
            "Verksamhet",
            "+46 aktiviteter",
            null,
            null,
            null,
            kr(100000),
            kr(150000),
          ]
        : row,
    );
    const plan = planOf(
      await buildXlsx([
        { ...details, rows },
        { ...sheet, rows: lines },
      ]),
    );
    const beslut = plan.creates[0]!;
    const withEvil = beslut.cells.filter((c) =>
      (c.value.kind === "text" ? c.value.value : "").includes("HYPERLINK"),
    );
    expect(withEvil.length).toBeGreaterThan(0);
    for (const c of withEvil) expect(c.value.kind).toBe("text");
    expect(
      beslut.cells
        .filter((c) => c.value.kind === "formula")
        .every(
          (c) =>
            !(c.value as { formula: string }).formula.includes("HYPERLINK"),
        ),
    ).toBe(true);
  });
});

describe("the Beslut sheet", () => {
  const numbers = (cells: readonly CellWrite[]) =>
    cells.flatMap((c) =>
      c.value.kind === "number"
        ? [c.value.value]
        : c.value.kind === "formula" && typeof c.value.cached === "number"
          ? [c.value.cached]
          : [],
    );

  test("the 2024 report: 380 222, 147 336 and 232 886 are numbers in cells, with the due date", async () => {
    const beslut = planOf(await buildXlsx(reportWorkbook())).creates[0]!;
    expect(beslut.sheet).toBe("Beslut");
    // Each labelled row's numbers, as a reader finds them by the label in column A.
    const rows = new Map<number, CellWrite[]>();
    for (const c of beslut.cells)
      rows.set(c.row, [...(rows.get(c.row) ?? []), c]);
    const row = (label: string) =>
      [...rows.values()]
        .filter((cells) =>
          cells.some(
            (c) =>
              c.col === 0 && c.value.kind === "text" && c.value.value === label,
          ),
        )
        .map((cells) => numbers(cells));
    expect(row("Överskott 2024")).toEqual([[147336]]);
    expect(row("Ej återbetalat överskott 2023")).toEqual([[232886]]);
    expect(row("Summa att återbetala")).toEqual([[380222]]);
    // The half-years' sum (direct, OH, budget, actual, eligible, surplus) and the year table's.
    expect(row("Summa")).toEqual([
      [1750000, 175000, 1925000, 1777664, 1777664, 147336],
      [1925000, 1777664, 147336],
    ]);
    expect(
      beslut.cells.some(
        (c) => c.value.kind === "date" && c.value.iso === "2025-06-30",
      ),
    ).toBe(true);
  });

  test("the 2025–26 budget: 1 109 649 per half-year as formulas on the half-year sheets, 2 219 298 in all", async () => {
    const beslut = planOf(
      await buildXlsx(budgetWorkbook({ typedSalaries: false })),
    ).creates[0]!;
    const totals = beslut.cells.filter(
      (c) =>
        c.value.kind === "formula" &&
        /^SUM\('Budget 20\d\d H\d'!F4:F7\)$/.test(c.value.formula),
    );
    expect(totals.map((c) => (c.value as { cached: number }).cached)).toEqual([
      1109649, 1109649,
    ]);
    expect(numbers(beslut.cells)).toContain(2219298);
    const texts = beslut.cells.flatMap((c) =>
      c.value.kind === "text" ? [c.value.value] : [],
    );
    expect(texts.find((t) => t.includes("beviljar"))).toMatch(
      /beviljar Rädda Barnen 1\u202f109\u202f649 kronor .* under perioden juli 2025 till och med december 2025/,
    );
  });
});

describe("the findings on Beslut", () => {
  test("at most 1 000, the errors first, and how many there are in all: a list of millions made compute take 5 GB", async () => {
    // 1 100 lines with a budget and no actual (1 100 warnings), the last budget not a number (an
    // error, last in reading order).
    const beslut = planOf(
      await buildXlsx([
        detailsSheet({ start: "2024-07-01", end: "2024-12-31" }),
        activitySheet("Budget 2024 H2", 1100, {
          budget: (i) => (i === 1099 ? "tusen" : kr(1000 + i)),
          actual: (i) => (i === 0 ? kr(900) : null),
        }),
      ]),
    ).creates[0]!;
    const texts = (col: number) =>
      beslut.cells
        .filter((c) => c.col === col && c.value.kind === "text")
        .sort((a, b) => a.row - b.row)
        .map((c) => (c.value as { value: string }).value);
    const severities = texts(0).filter((t) =>
      ["Fel", "Varning", "Information"].includes(t),
    );
    expect(severities).toHaveLength(1000);
    expect(severities[0]).toBe("Fel");
    expect(severities.filter((t) => t === "Fel")).toHaveLength(1);
    expect(texts(0)).toContainEqual(
      expect.stringMatching(
        /^Här visas 1\u202f000 av 1\u202f10\d fynd, felen först\. Alla visas av kontrollen \(rutan i Excel eller iop-budget check\)\.$/,
      ),
    );
  });

  test("the list says it is of the workbook before this computation, right under its heading; no findings, no such line", async () => {
    const textsOf = (cells: readonly CellWrite[]) =>
      [...cells]
        .filter((c) => c.col === 0 && c.value.kind === "text")
        .sort((a, b) => a.row - b.row)
        .map((c) => (c.value as { value: string }).value);
    const NOTE =
      "Fynden gäller arbetsboken som den var före den här beräkningen.";
    // The report's overspent line is a warning.
    const report = textsOf(
      planOf(await buildXlsx(reportWorkbook())).creates[0]!.cells,
    );
    expect(report[report.indexOf("Fynd") + 1]).toBe(NOTE);
    const clean = textsOf(
      planOf(await buildXlsx(budgetWorkbook({ typedSalaries: false })))
        .creates[0]!.cells,
    );
    expect(clean).toContain("Inga fynd.");
    expect(clean).not.toContain(NOTE);
  });

  test("a short list is whole, with no note", async () => {
    const beslut = planOf(await buildXlsx(reportWorkbook())).creates[0]!;
    expect(
      beslut.cells.some(
        (c) => c.value.kind === "text" && c.value.value.startsWith("Här visas"),
      ),
    ).toBe(false);
  });
});

describe("the memo's tables on Beslut", () => {
  test("a table of more than MAX_TABLE_LINES lines shows its sums and says where the lines are", async () => {
    const plan = planOf(
      await buildXlsx(manyLinesWorkbook(MAX_TABLE_LINES + 2)),
    );
    const beslut = plan.creates[0]!;
    const texts = beslut.cells.flatMap((c) =>
      c.value.kind === "text" ? [c.value.value] : [],
    );
    const at = texts.indexOf("Budgetförslag juli–december 2025");
    expect(at).toBeGreaterThan(0);
    expect(texts[at + 5]).toBe(
      "Tabellen har 1\u202f001 poster, fler än 1\u202f000: här visas bara summorna. Alla poster finns i iop-budget check, i rapporten och i JSON (yearLines, periodLines).",
    );
    expect(texts).not.toContain("Tjänst 0");
    const total = beslut.cells.find(
      (c) => c.value.kind === "text" && c.value.value === "Totalt",
    )!;
    const amount = beslut.cells.find(
      (c) => c.row === total.row && c.col === 3,
    )!;
    expect(amount.value).toMatchObject({ kind: "number" });
  });
});

test("a step broken into lines keeps every word in order, each line within the width but for a word longer than it, and indents under its number (property)", () => {
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.array(
        fc.oneof(fc.stringMatching(/^[a-zåäö-]{1,12}$/), fc.constant("→")),
        { minLength: 1, maxLength: 80 },
      ),
      fc.integer({ min: 10, max: 60 }),
      (numbered, words, width) => {
        const line = `${numbered ? "7. " : ""}${words.join(" ")}`;
        const lines = brokenAtSpaces(line, width);
        expect(lines.map((l) => l.trim()).join(" ")).toBe(line);
        for (const [i, l] of lines.entries()) {
          if (i > 0) expect(/^ {3}\S/.test(l)).toBe(numbered);
          if (i > 0) expect(l.trim().startsWith("→")).toBe(false);
          // Over the width only by the arrows kept with their word, or where one word is.
          const withoutArrows = l.replace(/( →)+$/, "");
          if (withoutArrows.length > width)
            expect(withoutArrows.trim().split(" ")).toHaveLength(1);
        }
      },
    ),
  );
});
