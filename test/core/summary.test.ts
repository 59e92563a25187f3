// One summary for every face: the CLI text and the pane group, order and count the findings of
// a workbook the same way, because both render the core's summary.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Finding,
  analyze,
  countFindings,
  finding,
  groupFindings,
  verdictOf,
} from "../../src/core";
import { formatFindings } from "../../src/cli/report";
import { textFor } from "../../src/i18n/text";
import { findingsView } from "../../src/taskpane/viewmodel";
import { readXlsx } from "../../src/xlsx/read";

const at = (f: Finding) => `${f.sheet ?? "-"}:${f.code}`;

describe("the findings summary", () => {
  const findings = [
    finding("NOT_A_NUMBER", "Budget 2025 H2", "C5", {
      text: "ca 45",
      expected: "amount",
    }),
    finding("PERIOD_NOT_REPORTED", null, null, { missing: "2026-H1" }),
    finding("ROWS_AFTER_TOTAL", "Budget 2026 H1", null, { row: 40 }),
    finding("MISSING_BUDGET", "Budget 2026 H1", "C7", { label: "Hyra" }),
    finding("LINE_WITHOUT_LABEL", "Budget 2025 H2", "B9"),
    finding("NO_DETAILS_SHEET", null, null),
  ];

  test("groups: the workbook's own first, then sheets as met, errors first in each", () => {
    const groups = groupFindings(findings);
    expect(groups.map((g) => g.sheet)).toEqual([
      null,
      "Budget 2025 H2",
      "Budget 2026 H1",
    ]);
    expect(groups.map((g) => g.findings.map(at))).toEqual([
      ["-:NO_DETAILS_SHEET", "-:PERIOD_NOT_REPORTED"],
      ["Budget 2025 H2:NOT_A_NUMBER", "Budget 2025 H2:LINE_WITHOUT_LABEL"],
      ["Budget 2026 H1:MISSING_BUDGET", "Budget 2026 H1:ROWS_AFTER_TOTAL"],
    ]);
  });

  test("counts and verdict", () => {
    const counts = countFindings(findings);
    expect(counts).toEqual({ error: 2, warning: 2, info: 2 });
    expect(verdictOf(counts)).toBe("error");
    expect(verdictOf({ error: 0, warning: 1, info: 3 })).toBe("warning");
    expect(verdictOf({ error: 0, warning: 0, info: 3 })).toBe("clean");
  });

  test.each([
    "jamlik-halsa-rapport-2024.xlsx",
    "jamlik-halsa-budget-2025-26.xlsx",
  ])(
    "%s: the CLI and the pane show the same groups in the same order, each finding once",
    (name) => {
      const analysis = analyze(
        readXlsx(readFileSync(join(__dirname, "..", "..", "samples", name))),
      );
      for (const lang of ["sv", "en"] as const) {
        const pane = findingsView(analysis, lang, textFor(lang));
        const cli = [...formatFindings(analysis.findings, lang)];
        const headers = cli
          .filter((l) => /^ {2}\S/.test(l))
          .map((l) => l.trim());
        expect(headers).toEqual(pane.groups.map((g) => g.title));
        const cliCodes = cli.flatMap(
          (l) => /\[([A-Z_]+)\]$/.exec(l)?.[1] ?? [],
        );
        expect(cliCodes).toEqual(
          pane.groups.flatMap((g) => g.findings.map((f) => f.code)),
        );
        expect(cliCodes).toHaveLength(analysis.findings.length);
      }
    },
  );
});
