// What the pane says moved when it follows the workbook: a cell that is not a number gives its
// finding and no move, never a total that fell as if the cell were 0. And what the page's
// comparison of two versions names.

import { analyze, diffWorkbooks, summarize } from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { diffView, movesBetween } from "../../src/taskpane/viewmodel";
import { editPart } from "../helpers/hostile";
import { reportWorkbook, salaryWorkbook, typeset } from "../helpers/seed";
import { buildXlsx, kr } from "../helpers/workbook";

const monthly = (text: string) =>
  analyze(
    readXlsx(
      editPart("xl/worksheets/sheet2.xml", (xml) =>
        xml
          .replace(
            '<c r="E4" s="4" t="n"><v>45000</v></c>',
            `<c r="E4" t="inlineStr"><is><t>${text}</t></is></c>`,
          )
          // The budget derived from %, months and the monthly cost, not typed.
          .replace(/<c r="F4"[^>]*><v>[^<]*<\/v><\/c>/, ""),
      ),
    ),
  );

describe("the moves the pane tells", () => {
  const before = monthly("45000");

  test("a changed number moves the half-year's total", () => {
    const moves = movesBetween(before, monthly("50000"), "sv");
    expect(moves[0]).toBe(
      typeset("Totalt 2025-H2: 1 109 649 → 1 200 399 kr (+90 750)"),
    );
  });

  test('"ca 45 000" typed in a number cell: its finding, and no move as if the cell were 0', () => {
    const after = monthly("ca 45 000");
    expect(
      after.findings.some(
        (f) => f.sheet === "Halvår 2 2025" && f.cell === "E4",
      ),
    ).toBe(true);
    expect(movesBetween(before, after, "sv")).toEqual([]);
    // Nor when the number comes back: the total it had was not a figure.
    expect(movesBetween(after, before, "sv")).toEqual([]);
  });
});

test("the page's comparison names a person of Lönekalkyl on their line, in both languages", async () => {
  const raised = salaryWorkbook().map((sheet) =>
    sheet.name !== "Lönekalkyl"
      ? sheet
      : {
          ...sheet,
          rows: sheet.rows.map((r, i) =>
            i === 3 ? r.map((v, j) => (j === 3 ? kr(35000) : v)) : r,
          ),
        },
  );
  const diff = diffWorkbooks(
    analyze(readXlsx(await buildXlsx(salaryWorkbook()))),
    analyze(readXlsx(await buildXlsx(raised))),
  );
  expect(diffView(diff, "sv").rows).toEqual([
    [
      "Lönekalkyl",
      "D4",
      "Hälsofrämjare (Person A)",
      "Månadslön",
      typeset("32 000 kr"),
      typeset("35 000 kr"),
    ],
  ]);
  expect(diffView(diff, "en").rows[0]?.[3]).toBe("Monthly salary");
});

// Found comparing the page's batch summary with check (folder fuzzer, seed 1312): a report whose
// half-year sheets were not read, its Uppgifter stating a surplus of 2023, had "–" on the page but
// a repayment of 232 886 kr in check's report, and diff and the pane's moves counted from 0 kr.
test("a workbook from which no half-year was read has no repayment on any face, not the earlier surplus its Uppgifter states", async () => {
  const details = reportWorkbook().slice(0, 1);
  const none = analyze(readXlsx(await buildXlsx(details)));
  expect(none.findings.map((f) => f.code).includes("NO_HALF_YEAR_SHEET")).toBe(
    true,
  );
  expect(none.computation.repayment).toMatchObject({ items: [], total: 0 });
  expect(summarize(none, none.findings).figures.repayment).toBeNull();
  const report = analyze(readXlsx(await buildXlsx(reportWorkbook())));
  // The half-years added: the repayment appears, from none (not from 0 kr, nor from 232 886 kr).
  expect(movesBetween(none, report, "sv").at(-1)).toBe(
    typeset("Återbetalning: – → 380 222 kr"),
  );
  expect(diffWorkbooks(none, report).effects.repayment).toEqual({
    old: null,
    new: 380222,
  });
  expect(diffWorkbooks(report, none).effects.grantTotal).toEqual({
    old: 1925000,
    new: null,
  });
});
