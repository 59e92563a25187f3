// Issue 8: a case (the 2024 report and the 2025–26 budget) → the seed memo's decision and tables.

import fc from "fast-check";
import { readFileSync } from "node:fs";
import { unzipSync, zipSync } from "fflate";
import { join } from "node:path";
import {
  type Case,
  type CaseFile,
  type IsoDate,
  analyze,
  analyzeAgainstGranted,
  buildCase,
  caseGroups,
  chooseRoles,
  compareCases,
  defaultRoles,
  diffWorkbooks,
  grantedPairs,
  memoOf,
  memoTableHtml,
  memoTableText,
  renderFinding,
  toCaseJson,
  toCheckJson,
} from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { codesOf } from "../helpers/check";
import {
  EXTENSION_KEYS,
  SEED_PERIOD_TABLE,
  activitySheet,
  SEED_YEAR_TABLE,
  typeset,
  budgetHalfYearSheet,
  budgetWorkbook,
  detailsSheet,
  reportWorkbook,
  withDetail,
} from "../helpers/seed";
import {
  type CellSpec,
  type SheetSpec,
  buildXlsx,
  date,
  kr,
  pct,
} from "../helpers/workbook";

async function caseFile(
  file: string,
  sheets: readonly SheetSpec[],
): Promise<CaseFile> {
  return { file, analysis: analyze(readXlsx(await buildXlsx(sheets))) };
}

/** The case of the files, which must make one. */
function oneCase(files: CaseFile[], meeting: IsoDate | null = null): Case {
  const built = buildCase(files, meeting);
  if (built.kind !== "ok") throw new Error("not one case");
  return built.case;
}

async function seedCase() {
  return oneCase([
    await caseFile("rapport-2024.xlsx", reportWorkbook()),
    await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
  ]);
}

/** The seven points of "Förslag till beslut" in the seed memo, one line each. */
function seedDecision(): string[] {
  const memo = readFileSync(
    join(__dirname, "../fixtures/seeds/000_711f650602066116.txt"),
    "utf8",
  );
  const block = memo.slice(
    memo.indexOf("1. Kommunstyrelsen godkänner"),
    memo.indexOf("Beslutsunderlag \n"),
  );
  return block
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .replace(/\s+/g, " ")
        .trim()
        .replace(/^\d+\. /, ""),
    )
    .filter(Boolean);
}

describe("the seed case: report 2024 + budget 2025–26", () => {
  test("the decision is the seed's seven points, in its order and wording", async () => {
    const c = await seedCase();
    // The seed's own slips, not ours: the partner's name in lower case twice, a missing space.
    const seed = seedDecision()
      .map((p) =>
        p
          .replace(/Rädda barnen/g, "Rädda Barnen")
          .replace("arbetsmarknads-och", "arbetsmarknads- och"),
      )
      .map(typeset);
    expect(seed).toHaveLength(7);
    expect(c.decision).toEqual(seed);
  });

  test("Ekonomisk redovisning för 2024: every figure the seed prints, in its form", async () => {
    const memo = memoOf(await seedCase(), "sv");
    const year = memo.tables.find((t) => t.kind === "year")!;
    expect(year.title).toBe("Ekonomisk redovisning för 2024");
    expect(year.header).toEqual(["2024", "Budget", "Utfall", "Differens"]);
    expect(year.rows.map((r) => r.cells)).toEqual(
      SEED_YEAR_TABLE.map((r) => r.map(typeset)),
    );
  });

  // "Budgeten för verksamhetsåret 2024 var 962 500 kronor": the spring's budget named the year's.
  test("a year reported in part: its sentence names the period's budget, not the year's", async () => {
    const memo = memoOf(
      oneCase([
        await caseFile(
          "rapport.xlsx",
          reportWorkbook().map((s) =>
            s.name === "Utfall 2024 H2"
              ? budgetHalfYearSheet("Budget 2024 H2", "juli–december 2024")
              : s,
          ),
        ),
      ]),
      "sv",
    );
    const year = memo.tables.find((t) => t.kind === "year")!;
    expect(year.intro[0]!.text).toBe(
      typeset(
        "Tabellen redovisar hur beviljade medel (962 500 kronor) från kommunstyrelsen har förbrukats under perioden 1 januari till och med 30 juni 2024. Budgeten för perioden var 962 500 kronor, medan det faktiska utfallet uppgick till 888 831 kronor. Differensen mellan budget och utfall blev 73 669 kronor.",
      ),
    );
  });

  test("Budgetförslag: 275 | 12 | 1 485 000 … 2 219 298", async () => {
    const memo = memoOf(await seedCase(), "sv");
    const period = memo.tables.find((t) => t.kind === "period")!;
    expect(period.title).toBe("Budgetförslag juli 2025 – juni 2026");
    expect(period.rows.map((r) => r.cells)).toEqual(
      SEED_PERIOD_TABLE.map((r) => r.map(typeset)),
    );
    expect(memo.notes).toEqual([]);
  });

  test("the JSON of check has yearLines and periodLines; memo --json has the case", async () => {
    const report = toCheckJson(
      "r.xlsx",
      analyze(readXlsx(await buildXlsx(reportWorkbook()))),
    );
    expect(report.yearLines).toHaveLength(1);
    expect(report.yearLines[0]).toMatchObject({
      year: 2024,
      sum: { budget: 1925000, actual: 1777664, variance: 147336 },
      surplus: 147336,
      earlier: [{ year: 2023, amount: 232886 }],
      toRepay: 380222,
    });
    expect(report.yearLines[0]!.lines[2]).toEqual({
      category: "activity",
      label: "Verksamhetskostnader: aktiviteter",
      budget: 200000,
      actual: 273375,
      variance: -73375,
      overspent: true,
      periods: ["2024-H1", "2024-H2"],
    });
    expect(report.periodLines).toEqual([]);
    const budget = toCheckJson(
      "b.xlsx",
      analyze(readXlsx(await buildXlsx(budgetWorkbook()))),
    );
    expect(budget.yearLines).toEqual([]);
    expect(budget.periodLines[0]).toMatchObject({
      start: "2025-07-01",
      end: "2026-06-30",
      periods: ["2025-H2", "2026-H1"],
      overhead: { months: 12, amount: 201754 },
      total: 2219298,
    });
    expect(budget.periodLines[0]!.lines[0]).toEqual({
      category: "salary",
      label: "Hälsofrämjare",
      servicePercent: 275,
      weighted: false,
      months: 12,
      amount: 1485000,
      periods: ["2025-H2", "2026-H1"],
    });
    const json = toCaseJson(await seedCase());
    expect(json.case).toEqual({
      name: "Jämlik hälsa Lindängen",
      caseNumber: "STK-2020-1375",
      organisation: "Rädda Barnen",
      orgNumber: "802002-8638",
      files: ["rapport-2024.xlsx", "budget-2025-26.xlsx"],
      meeting: null,
      roles: [
        { file: "rapport-2024.xlsx", role: "report" },
        { file: "budget-2025-26.xlsx", role: "proposal" },
      ],
    });
    expect(json.tables.years[0]!.toRepay).toBe(380222);
    expect(json.tables.periods[0]!.total).toBe(2219298);
    expect(
      json.findings.filter((f) => f.code === "OVERSPENT").map((f) => f.file),
    ).toEqual(["rapport-2024.xlsx", "rapport-2024.xlsx"]);
  });
});

describe("the decision's dates against the meeting (memo --date)", () => {
  // A memo drafted for a meeting after the seed's repayment due (juni 2025) asked the board to
  // have the surplus repaid by a month already past, and said nothing.
  const caseOn = async (
    meeting: IsoDate | null,
    report: readonly SheetSpec[] = reportWorkbook(),
  ) =>
    oneCase(
      [
        await caseFile("rapport-2024.xlsx", report),
        await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
      ],
      meeting,
    );
  const said = (c: Case) =>
    c.decisionFindings.map(({ file, finding: f }) => [
      file,
      f.code,
      f.sheet,
      f.cell,
    ]);

  test("the seed's meeting (2025-04-02), and no meeting, say nothing", async () => {
    expect(said(await caseOn("2025-04-02"))).toEqual([]);
    expect(said(await caseOn(null))).toEqual([]);
  });

  test("a meeting after the repayment's due and the agreement's start: said at their cells, beside the decision and in the appendix", async () => {
    const c = await caseOn("2025-08-01");
    expect(said(c)).toEqual([
      // The report types no due: the default (June after the last year repaid) has no cell.
      ["rapport-2024.xlsx", "MEETING_AFTER_REPAYMENT_DUE", "Uppgifter", null],
      [
        "budget-2025-26.xlsx",
        "MEETING_AFTER_AGREEMENT_START",
        "Uppgifter",
        "B5",
      ],
    ]);
    expect(c.decision[1]).toContain("senast juni 2025");
    const memo = memoOf(c, "sv");
    expect(memo.decisionNotesWarn).toBe(true);
    expect(memo.decisionNotes).toEqual([
      "Beslutet säger att överskottet ska återbetalas senast 2025-06-30, före sammanträdet 2025-08-01: en tidsgräns som redan har passerat när beslutet fattas. Skriv ett senare datum under Återbetalning senast i Uppgifter.",
      "Avtalsperioden börjar 2025-07-01, före sammanträdet 2025-08-01: beslutet godkänner avtalet och beviljar medel i efterhand, för en period som redan har börjat.",
    ]);
    const before = memoOf(await caseOn(null), "sv").counts;
    expect(memo.counts).toEqual({
      ...before,
      warning: before.warning + 1,
      info: before.info + 1,
    });
    expect(c.findings.slice(-2)).toEqual(c.decisionFindings);
    // A typed due is said at its cell; a due after the meeting says nothing.
    const typed = (due: string) =>
      reportWorkbook().map((s) =>
        s.name === "Uppgifter"
          ? { ...s, rows: [...s.rows, ["Återbetalning senast", date(due)]] }
          : s,
      );
    expect(said(await caseOn("2025-08-01", typed("2025-06-30")))[0]).toEqual([
      "rapport-2024.xlsx",
      "MEETING_AFTER_REPAYMENT_DUE",
      "Uppgifter",
      "B10",
    ]);
    expect(
      said(await caseOn("2025-08-01", typed("2025-10-31"))).map((f) => f[1]),
    ).toEqual(["MEETING_AFTER_AGREEMENT_START"]);
  });

  test("a meeting after the report-back it asks for, and one before the period reported has ended", async () => {
    expect(said(await caseOn("2026-03-01"))).toEqual([
      ["rapport-2024.xlsx", "MEETING_AFTER_REPAYMENT_DUE", "Uppgifter", null],
      [
        "budget-2025-26.xlsx",
        "MEETING_AFTER_AGREEMENT_START",
        "Uppgifter",
        "B5",
      ],
      ["budget-2025-26.xlsx", "MEETING_AFTER_REPORT_DUE", "Uppgifter", "B8"],
    ]);
    const early = await caseOn("2024-10-01");
    expect(said(early)).toEqual([
      ["rapport-2024.xlsx", "MEETING_BEFORE_REPORT_END", null, null],
    ]);
    expect(memoOf(early, "en").decisionNotes).toEqual([
      "The meeting 2024-10-01 is before the period reported has ended (2024-12-31): the decision would approve a report of months that have not passed. Check the meeting's date.",
    ]);
  });
});

describe("the decision's points that Uppgifter leaves out", () => {
  // A proposal without "Undertecknas av" or "Återrapportering senast" had a decision of three
  // points instead of the seed's five, and nothing said so.
  const budgetWith = (rows: readonly (readonly [string, CellSpec])[]) =>
    budgetWorkbook().map((s) =>
      s.name === "Uppgifter"
        ? {
            ...s,
            rows: [
              ...s.rows.filter(
                (r) =>
                  r[0] !== "Undertecknas av" &&
                  r[0] !== "Återrapportering senast",
              ),
              ...rows.map((r) => [...r]),
            ],
          }
        : s,
    );
  const notes = async (...files: [string, readonly SheetSpec[]][]) =>
    oneCase(await Promise.all(files.map(([f, sheets]) => caseFile(f, sheets))));
  const said = (c: Case) =>
    c.decisionFindings.map(({ file, finding: f }) => [
      file,
      f.code,
      f.severity,
      f.cell,
    ]);

  test("a proposal without either: both said as information, at their keys' cells where the keys are there", async () => {
    const none = await notes(["budget.xlsx", budgetWith([])]);
    expect(said(none)).toEqual([
      ["budget.xlsx", "DECISION_WITHOUT_SIGNATORIES", "info", null],
      ["budget.xlsx", "DECISION_WITHOUT_REPORT_DUE", "info", null],
    ]);
    expect(none.decision).toHaveLength(3);
    // Information only: the pane shows them as such, not as a warning.
    expect(memoOf(none, "sv").decisionNotesWarn).toBe(false);
    expect(memoOf(none, "sv").decisionNotes[1]).toBe(
      "Beslutet saknar punkten om återrapportering av beviljade medel, eftersom Återrapportering senast saknas i Uppgifter. Skriv datumet där, till exempel 2026-02-01.",
    );
    const empty = await notes([
      "budget.xlsx",
      budgetWith([
        ["Undertecknas av", ""],
        ["Återrapportering senast", ""],
      ]),
    ]);
    expect(said(empty).map((f) => f[3])).toEqual(["B10", "B11"]);
    expect(empty.findings.slice(-2)).toEqual(empty.decisionFindings);
  });

  test("the seed's proposal, a report alone, and a proposal whose case's report names the date, say nothing of it", async () => {
    expect(said(await notes(["budget.xlsx", budgetWorkbook()]))).toEqual([]);
    expect(said(await notes(["rapport.xlsx", reportWorkbook()]))).toEqual([]);
    // The report's Återrapportering senast is the decision's (as the seed's point 7 takes it).
    const c = await notes(
      ["rapport.xlsx", reportWorkbook()],
      [
        "budget.xlsx",
        budgetWith([
          [
            "Undertecknas av",
            "arbetsmarknads- och socialförvaltningen, kulturförvaltningen",
          ],
        ]),
      ],
    );
    expect(said(c)).toEqual([]);
    expect(c.decision).toHaveLength(7);
  });
});

describe("the partner's explanations in the memo", () => {
  // The seed's memo says why the year's outcome differs ("På grund av vakans under rekrytering …"):
  // the official wrote it from the report. The report's own comments beside the lines are quoted
  // for them, as a placeholder to rewrite.
  const commented = (texts: readonly (readonly [number, string])[]) =>
    reportWorkbook().map((s) =>
      s.name === "Utfall 2024 H1"
        ? {
            ...s,
            rows: s.rows.map((row, i) => {
              if (i === 0) return [...row, "Förklaring"];
              const text = texts.find(([r]) => r === i)?.[1];
              return text === undefined ? row : [...row, text];
            }),
          }
        : s,
    );
  const introOf = async (
    report: readonly SheetSpec[],
    lang: "sv" | "en" = "sv",
  ) => {
    const built = buildCase([
      await caseFile("rapport-2024.xlsx", report),
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
    ]);
    if (built.kind !== "ok") throw new Error("not one case");
    return memoOf(built.case, lang).tables.find((t) => t.kind === "year")!
      .intro;
  };

  test("each commented line, with its half-year, after the sentence of the figures; none without comments", async () => {
    const intro = await introOf(
      commented([
        [1, "Vakans under februari"],
        [3, "Fler sommarlovsaktiviteter än planerat."],
      ]),
    );
    expect(intro).toHaveLength(2);
    expect(intro[1]).toEqual({
      text: '[Stadskontoret skriver om avvikelserna. Förklaringar från Rädda Barnen i återrapporteringen: Lönekostnader: Hälsofrämjare (2024-H1): "Vakans under februari"; Verksamhetskostnader: aktiviteter (2024-H1): "Fler sommarlovsaktiviteter än planerat."]',
      placeholder: true,
    });
    expect(
      (await introOf(commented([[3, "Summer camps"]]), "en"))[1]!.text,
    ).toBe(
      '[The city office writes about the variances. Explanations from Rädda Barnen in the report-back: Verksamhetskostnader: aktiviteter (2024-H1): "Summer camps"]',
    );
    expect(await introOf(reportWorkbook())).toHaveLength(1);
  });

  test("at most 20 are quoted, each to 300 characters; the rest are counted", async () => {
    const many = reportWorkbook().map((s) =>
      s.name === "Utfall 2024 H1"
        ? {
            ...s,
            rows: [
              [...s.rows[0]!, "Kommentar"],
              ...Array.from({ length: 25 }, (_, i) => [
                `Aktivitet ${i + 1}`,
                kr(1000),
                kr(900),
                kr(100),
                i === 0
                  ? "x".repeat(400)
                  : // A bidirectional control would turn the memo's sentence around.
                    `Kommentar\u202e ${i + 1}`,
              ]),
            ],
          }
        : s,
    );
    const text = (await introOf(many))[1]!.text;
    expect(text.match(/Aktivitet \d+ \(2024-H1\)/g)).toHaveLength(20);
    expect(text).toContain(`"${"x".repeat(300)}…"`);
    expect(text).toMatch(/; ytterligare 5 i arbetsboken\]$/);
    expect(text).toContain('Aktivitet 2 (2024-H1): "Kommentar 2"');
    expect(text).not.toMatch(/\u202e/);
  });
});

describe("a report whose actuals are not read", () => {
  // Its actuals on sheets of their own (ACTUALS_WITHOUT_BUDGET): taken as a budget, the memo drafted
  // a grant of the report's own year, 2024, again.
  test("is left out of the case by default, saying why; the budget beside it is proposed", async () => {
    const split = reportWorkbook().flatMap((s) =>
      s.name === "Uppgifter"
        ? [s]
        : [
            {
              name: s.name.replace("Utfall", "Budget"),
              rows: s.rows.map((r) => [r[0]!, r[1]!]),
            },
            { name: s.name, rows: s.rows.map((r) => [r[0]!, r[2]!]) },
          ],
    );
    const built = buildCase([
      await caseFile("rapport-2024.xlsx", split),
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
    ]);
    if (built.kind !== "ok") throw new Error("not one case");
    expect(
      codesOf(
        toCheckJson(
          "rapport-2024.xlsx",
          analyze(readXlsx(await buildXlsx(split))),
        ),
      ),
    ).toContain("ACTUALS_WITHOUT_BUDGET");
    expect(built.case.roles).toEqual([
      { file: "rapport-2024.xlsx", role: "left-out", why: "actuals-not-read" },
      { file: "budget-2025-26.xlsx", role: "proposal" },
    ]);
  });
});

describe("a budget of half-years the report has reported", () => {
  // The agreement year's budget (July 2024 – June 2025) beside the report of 2024: it does not
  // cover 2024-H1, so it was no grant, and as the latest budget it was proposed. The memo granted
  // July–December 2024 again, the half-year whose surplus the same memo asked back.
  const agreementYear = (): SheetSpec[] => [
    detailsSheet({ start: "2024-07-01", end: "2025-06-30" }),
    budgetHalfYearSheet("Budget 2024 H2", "juli–december 2024"),
    budgetHalfYearSheet("Budget 2025 H1", "januari–juni 2025"),
  ];

  test("is left out, saying why: nothing is granted again", async () => {
    const c = oneCase([
      await caseFile("rapport-2024.xlsx", reportWorkbook()),
      await caseFile("budget-2024-25.xlsx", agreementYear()),
    ]);
    expect(c.roles).toEqual([
      { file: "rapport-2024.xlsx", role: "report" },
      {
        file: "budget-2024-25.xlsx",
        role: "left-out",
        why: "already-reported",
      },
    ]);
    expect(c.decisionFiles).toEqual(["rapport-2024.xlsx", "rapport-2024.xlsx"]);
    expect(c.decision.join(" ")).not.toContain("beviljar");
  });

  // Next year's report of an agreement extended mid-year: its first half-year granted by the
  // agreement, its second by the extension. No one budget covers it: it is held to both (question
  // 46; test/core/granted.test.ts holds the figures). Where the reviewer leaves them out, it is
  // judged on its own budget, and the memo says so.
  test("beside the budget of each of its half-years, the report granted in parts is held to both; left out, it is said to be judged on its own budget", async () => {
    const earlier = (): SheetSpec[] => [
      detailsSheet({ start: "2023-07-01", end: "2024-06-30" }),
      budgetHalfYearSheet("Budget 2023 H2", "juli–december 2023"),
      budgetHalfYearSheet("Budget 2024 H1", "januari–juni 2024"),
    ];
    const files = [
      await caseFile("rapport-2024.xlsx", reportWorkbook()),
      await caseFile("budget-2023-24.xlsx", earlier()),
      await caseFile("budget-2024-25.xlsx", agreementYear()),
    ];
    expect(oneCase(files).roles.map((r) => r.role)).toEqual([
      "report",
      "grant",
      "grant",
    ]);
    expect(oneCase(files).decisionFindings).toEqual([]);
    const c = oneCase(
      chooseRoles(
        files,
        new Map([
          ["budget-2023-24.xlsx", "left-out"],
          ["budget-2024-25.xlsx", "left-out"],
        ]),
      ),
    );
    expect(
      c.decisionFindings.map((f) => [
        f.file,
        f.finding.code,
        f.finding.severity,
        f.finding.params,
      ]),
    ).toEqual([
      [
        "rapport-2024.xlsx",
        "REPORT_GRANTED_IN_PARTS",
        "warning",
        {
          parts: "budget-2023-24.xlsx (2024-H1), budget-2024-25.xlsx (2024-H2)",
        },
      ],
    ]);
    expect(renderFinding(c.decisionFindings[0]!.finding, "sv").message).toBe(
      "Återrapporteringens halvår är beviljade i olika budgetar: budget-2023-24.xlsx (2024-H1), budget-2024-25.xlsx (2024-H2). De är inte valda som beviljad budget, så återrapporteringen räknas mot sin egen budget, inte mot de beviljade: en budget som ändrats i återrapporteringen ändrar återbetalningen lika mycket utan att det syns. Välj dem som beviljad budget för att räkna varje halvår mot den budget som beviljade det.",
    );
    // One of them alone covers a part only: nothing to say. Nor once the reviewer has chosen a grant.
    expect(oneCase([files[0]!, files[2]!]).decisionFindings).toEqual([]);
    expect(
      oneCase(
        chooseRoles(files, new Map([["budget-2024-25.xlsx", "grant"]])),
      ).decisionFindings.map((f) => f.finding.code),
    ).not.toContain("REPORT_GRANTED_IN_PARTS");
  });

  test("given first, its names do not head the memo: the judged report's do, as in the decision", async () => {
    const c = oneCase([
      await caseFile(
        "budget-2024-25.xlsx",
        withDetail(agreementYear(), "Organisation", "Rädda Barnen Malmö"),
      ),
      await caseFile("rapport-2024.xlsx", reportWorkbook()),
    ]);
    expect(c.roles.map((r) => r.role)).toEqual(["left-out", "report"]);
    expect(c.organisation).toBe("Rädda Barnen");
    // …and the decision is sent to it.
    expect(c.parties).toContain("Rädda Barnen");
    expect(c.parties).not.toContain("Rädda Barnen Malmö");
    expect(c.decision[1]).toContain("från Rädda Barnen till kommunstyrelsen");
  });

  // Found by the folder fuzzer (seed 544): one Dnr, two names, and the memo said one of them.
  test("files of one Dnr that name the partnership otherwise: said at the name, the decision's name given", async () => {
    const c = oneCase([
      await caseFile(
        "rapport-2024.xlsx",
        withDetail(
          reportWorkbook(),
          "Partnerskap",
          "Jämlik hälsa Lindängen 2.0",
        ),
      ),
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
    ]);
    expect(c.name).toBe("Jämlik hälsa Lindängen 2.0");
    expect(
      c.decisionFindings.map((f) => [
        f.file,
        f.finding.code,
        f.finding.sheet,
        f.finding.cell,
        f.finding.params,
      ]),
    ).toEqual([
      [
        "budget-2025-26.xlsx",
        "CASE_NAMES_DIFFER",
        "Uppgifter",
        "B1",
        { name: "Jämlik hälsa Lindängen", used: "Jämlik hälsa Lindängen 2.0" },
      ],
    ]);
    // Spelled with another case or spacing, it is the same name: nothing said.
    const same = oneCase([
      await caseFile(
        "rapport-2024.xlsx",
        withDetail(reportWorkbook(), "Partnerskap", "jämlik  Hälsa Lindängen"),
      ),
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
    ]);
    expect(same.decisionFindings).toEqual([]);
  });

  test("a later budget beside it is proposed", async () => {
    const c = oneCase([
      await caseFile("rapport-2024.xlsx", reportWorkbook()),
      await caseFile("budget-2024-25.xlsx", agreementYear()),
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
    ]);
    expect(c.roles.map((r) => [r.role, r.why ?? null])).toEqual([
      ["report", null],
      ["left-out", "already-reported"],
      ["proposal", null],
    ]);
    expect(c.decision[4]).toContain(
      typeset("beviljar Rädda Barnen 1 109 649 kronor"),
    );
  });
});

describe("a workbook that is no budget among the case's files", () => {
  // An exported ledger saved into the folder of submissions: no half-year sheet. It was proposed
  // when alone, and beside the case "left out: a later budget is given", a reason that is not so.
  const ledger = (): SheetSpec[] => [
    {
      name: "Huvudbok",
      rows: [
        ["Konto", "Belopp"],
        ["5010", kr(12000)],
      ],
    },
  ];

  test("is left out as having no half-year, alone and beside the case", async () => {
    const alone = oneCase([await caseFile("huvudbok.xlsx", ledger())]);
    expect(alone.roles).toEqual([
      { file: "huvudbok.xlsx", role: "left-out", why: "no-half-years" },
    ]);
    expect(alone.decision).toEqual([]);
    // A memo without decision points says why, where the decision would be.
    expect(alone.decisionFindings.map((f) => [f.file, f.finding.code])).toEqual(
      [["huvudbok.xlsx", "NOTHING_TO_DECIDE"]],
    );
    const c = oneCase([
      await caseFile("rapport-2024.xlsx", reportWorkbook()),
      await caseFile("huvudbok.xlsx", ledger()),
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
    ]);
    expect(c.roles).toEqual([
      { file: "rapport-2024.xlsx", role: "report" },
      { file: "huvudbok.xlsx", role: "left-out", why: "no-half-years" },
      { file: "budget-2025-26.xlsx", role: "proposal" },
    ]);
    expect(c.decision).toEqual((await seedCase()).decision);
    expect(c.decisionFindings).toEqual([]);
  });

  test("given after the case's budget, it does not displace it", async () => {
    const c = oneCase([
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
      await caseFile("huvudbok.xlsx", ledger()),
    ]);
    expect(c.roles.map((r) => [r.role, r.why ?? null])).toEqual([
      ["proposal", null],
      ["left-out", "no-half-years"],
    ]);
  });
});

describe("a proposal of half-years the case already holds", () => {
  const notes = (c: Case) =>
    c.decisionFindings
      .filter((f) => f.finding.code === "PROPOSAL_GRANTED_AGAIN")
      .map((f) => [f.file, f.finding.sheet, f.finding.params]);

  // An extension from July 2025 beside a grant that runs to December 2025: the memo granted
  // July–December 2025 again, with nothing said.
  test("an extension that begins inside the grant's period: each half-year granted twice is said", async () => {
    const grant: SheetSpec[] = [
      detailsSheet({ start: "2024-01-01", end: "2025-12-31" }),
      ...["2024 H1", "2024 H2", "2025 H1", "2025 H2"].map((p) =>
        budgetHalfYearSheet(`Budget ${p}`, p),
      ),
    ];
    const c = oneCase([
      await caseFile("rapport-2024.xlsx", reportWorkbook()),
      await caseFile("Mapp/beviljad-2024-25.xlsx", grant),
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
    ]);
    expect(c.roles.map((r) => r.role)).toEqual(["report", "grant", "proposal"]);
    expect(notes(c)).toEqual([
      [
        "budget-2025-26.xlsx",
        "Budget 2025 H2",
        { halfYear: "2025-H2", file: "beviljad-2024-25.xlsx", by: "grant" },
      ],
    ]);
    expect(memoOf(c, "sv").decisionNotes).toContain(
      "Budgetförslaget tar upp 2025-H2, som redan är beviljat i beviljad-2024-25.xlsx: beslutet skulle bevilja halvåret en gång till. Välj ett budgetförslag för halvåren efter, eller ta bort halvåret ur förslaget.",
    );
  });

  test("a budget of reported half-years that the reviewer proposes: said as reported", async () => {
    const files = [
      await caseFile("rapport-2024.xlsx", reportWorkbook()),
      await caseFile("budget-2024.xlsx", [
        detailsSheet({ start: "2024-01-01", end: "2024-12-31" }),
        budgetHalfYearSheet("Budget 2024 H2", "juli–december 2024"),
      ]),
    ];
    const roled = chooseRoles(
      files,
      new Map([["budget-2024.xlsx", "proposal"]]),
    );
    const c = oneCase(roled);
    expect(notes(c)).toEqual([
      [
        "budget-2024.xlsx",
        "Budget 2024 H2",
        { halfYear: "2024-H2", file: "rapport-2024.xlsx", by: "report" },
      ],
    ]);
  });

  test("the seed case says nothing of it", async () => {
    expect(notes(await seedCase())).toEqual([]);
  });
});

describe("a report of a running agreement beside an extension proposed", () => {
  const rest = (name: string, period: string) => ({
    name,
    rows: [
      [period, "Budget"],
      ["Lönekostnader: Hälsofrämjare", 600000],
      ["Lönekostnader: Samordning/utveckling", 175000],
      ["Verksamhetskostnader: aktiviteter", 100000],
      ["OH-kostnader", 87500],
    ],
  });

  // The report of 2024 budgeting the agreement's last months, January–June 2025, beside the
  // extension from July 2025: the memo granted 2 072 149 kr for "januari 2025 till och med juni
  // 2025" (both budgets' 2025 summed under the running agreement's months), the extension was
  // neither approved nor signed, and every point was said to come from the report.
  test("the rest of the running agreement is granted on its own, then the extension as the seed's decision has it", async () => {
    const c = oneCase([
      await caseFile("rapport-2024.xlsx", [
        ...reportWorkbook(),
        rest("Budget 2025 H1", "2025"),
      ]),
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
    ]);
    // The seed's decision (its seven points, as the test above holds them), the rest between.
    const seed = (await seedCase()).decision;
    expect(c.decision).toEqual([
      seed[0],
      seed[1],
      typeset(
        "Kommunstyrelsen beviljar Rädda Barnen 962 500 kronor från kommunstyrelsens anslag för projekt och utredningar avseende idéburet offentligt partnerskap (IOP) Jämlik hälsa Lindängen under perioden januari 2025 till och med juni 2025.",
      ),
      ...seed.slice(2),
    ]);
    expect(c.decisionFiles).toEqual([
      ...Array<string>(3).fill("rapport-2024.xlsx"),
      ...Array<string>(5).fill("budget-2025-26.xlsx"),
    ]);
  });

  test("a proposal of a half-year the running agreement budgets too is said", async () => {
    const report = reportWorkbook().map((s) =>
      s.name === "Uppgifter"
        ? detailsSheet({ start: "2023-07-01", end: "2025-12-31" })
        : s,
    );
    const c = oneCase([
      await caseFile("rapport-2024.xlsx", [
        ...report,
        rest("Budget 2025 H1", "2025"),
        rest("Budget 2025 H2", "2025"),
      ]),
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
    ]);
    expect(
      c.decisionFindings
        .filter((f) => f.finding.code === "PROPOSAL_GRANTED_AGAIN")
        .map((f) => f.finding.params),
    ).toEqual([
      { halfYear: "2025-H2", file: "rapport-2024.xlsx", by: "running" },
    ]);
  });
});

describe("a report held to the year an earlier report budgeted", () => {
  // A running agreement: last year's workbook reported 2024 and budgeted 2025-H1, which was
  // granted with it. The page's queue held this year's report of 2025-H1 to that budget, and the
  // memo judged it on its own: two repayments of one report.
  test("the earlier workbook is the grant, in the memo as in the page's queue", async () => {
    const budget2025 = {
      name: "Budget 2025 H1",
      rows: [
        ["2025", "Budget"],
        ["Lönekostnader: Hälsofrämjare", 600000],
        ["Lönekostnader: Samordning/utveckling", 175000],
        ["Verksamhetskostnader: aktiviteter", 100000],
        ["OH-kostnader", 87500],
      ],
    };
    const [details, h1] = reportWorkbook();
    // This year's report: its own budget for the salaries raised by 50 000 kr.
    const raised = {
      ...h1!,
      name: "Utfall 2025 H1",
      rows: h1!.rows.map((r, i) =>
        i === 1 ? [r[0]!, 650000, r[2]!, 650000 - Number(r[2])] : r,
      ),
    };
    const files = [
      await caseFile("rapport-2024.xlsx", [...reportWorkbook(), budget2025]),
      await caseFile("rapport-2025.xlsx", [details!, raised]),
    ];
    const c = oneCase(files);
    expect(c.roles).toEqual([
      { file: "rapport-2024.xlsx", role: "grant" },
      { file: "rapport-2025.xlsx", role: "report" },
    ]);
    expect(grantedPairs(files)).toEqual(new Map([[1, [0]]]));
  });
});

describe("two versions of one period", () => {
  /** A workbook saved at `modified`; null: a file whose properties do not say (none). */
  const saved = async (
    file: string,
    sheets: SheetSpec[],
    modified: string | null,
  ): Promise<CaseFile> => {
    const parts = unzipSync(
      await buildXlsx(sheets, { modified: new Date(modified ?? 0) }),
    );
    if (modified === null) delete parts["docProps/core.xml"];
    return { file, analysis: analyze(readXlsx(zipSync(parts))) };
  };
  // The correction: a line's actual lowered, as the partner sent it again.
  const corrected = () =>
    reportWorkbook().map((s) =>
      s.name === "Utfall 2024 H1"
        ? {
            ...s,
            rows: s.rows.map((r, i) => (i === 3 ? [r[0]!, r[1]!, 100000] : r)),
          }
        : s,
    );
  const roles = (c: Case) =>
    c.roles.map((r) => [r.file, r.role, r.why ?? null]);

  // The correction saved as "rapport (2).xlsx" came before "rapport.xlsx" in a folder, and the
  // later given, the first version, was judged: its repayment, the correction's left out.
  test("the report saved later is judged, in whichever order they are given", async () => {
    const first = await saved(
      "rapport.xlsx",
      reportWorkbook(),
      "2025-02-01T08:00:00Z",
    );
    const second = await saved(
      "rapport (2).xlsx",
      corrected(),
      "2025-02-03T14:30:00Z",
    );
    for (const files of [
      [second, first],
      [first, second],
    ]) {
      const c = oneCase(files);
      expect(c.roles.find((r) => r.role === "report")?.file).toBe(
        "rapport (2).xlsx",
      );
      expect(c.roles.find((r) => r.file === "rapport.xlsx")).toEqual({
        file: "rapport.xlsx",
        role: "left-out",
        why: "earlier-report",
      });
      expect(c.decisionFiles).toEqual(["rapport (2).xlsx", "rapport (2).xlsx"]);
    }
  });

  test("saved at the same time, or not saying: the later given, the other left out saying so", async () => {
    const at = "2025-02-01T08:00:00Z";
    for (const modified of [at, null]) {
      const c = oneCase([
        await saved("rapport (2).xlsx", corrected(), modified),
        await saved("rapport.xlsx", reportWorkbook(), modified),
      ]);
      expect(roles(c)).toEqual([
        ["rapport (2).xlsx", "left-out", "same-half-years"],
        ["rapport.xlsx", "report", null],
      ]);
    }
  });

  test("of two versions of the grant, the one saved later is the grant the report is held to", async () => {
    const grant = (budget: number): SheetSpec[] => [
      detailsSheet({ start: "2024-01-01", end: "2024-12-31" }),
      ...(["H1", "H2"] as const).map((h) => ({
        name: `Budget 2024 ${h}`,
        rows: [
          ["Post", "Budget"],
          ["Lönekostnader: Hälsofrämjare", 600000],
          ["Lönekostnader: Samordning/utveckling", 175000],
          ["Verksamhetskostnader: aktiviteter", budget],
          ["OH-kostnader", 87500 + (budget - 100000) / 10],
        ],
      })),
    ];
    const report = await saved("rapport.xlsx", reportWorkbook(), null);
    const older = await saved(
      "beviljad.xlsx",
      grant(100000),
      "2024-01-10T09:00:00Z",
    );
    const newer = await saved(
      "beviljad (2).xlsx",
      grant(140000),
      "2024-02-20T09:00:00Z",
    );
    for (const files of [
      [report, newer, older],
      [report, older, newer],
    ]) {
      expect(
        roles(oneCase(files)).filter(([, role]) => role === "grant"),
      ).toEqual([["beviljad (2).xlsx", "grant", null]]);
      // The page's queue holds the report to the same grant.
      expect(grantedPairs(files)).toEqual(
        new Map([[0, [files.indexOf(newer)]]]),
      );
    }
  });

  test("the budget saved later is proposed", async () => {
    const c = oneCase([
      await saved("budget-v2.xlsx", budgetWorkbook(), "2025-04-02T10:00:00Z"),
      await saved("budget.xlsx", budgetWorkbook(), "2025-03-01T10:00:00Z"),
    ]);
    expect(roles(c)).toEqual([
      ["budget-v2.xlsx", "proposal", null],
      ["budget.xlsx", "left-out", "earlier-budget"],
    ]);
  });
});

describe("a workbook with Uppgifter's names left empty", () => {
  const without = (sheets: SheetSpec[], ...keys: string[]) =>
    sheets.map((s) =>
      s.name === "Uppgifter"
        ? { ...s, rows: s.rows.filter((r) => !keys.some((k) => r[0] === k)) }
        : s,
    );

  // The seed's report with its Partnerskap left empty was called "a template not filled in" and
  // left out: the memo dropped its repayment of 380 222 kr, which check and the page showed.
  test("a report is judged, its repayment in the memo as in check, the missing name its error", async () => {
    const report = without(reportWorkbook(), "Partnerskap");
    const analysis = analyze(readXlsx(await buildXlsx(report)));
    expect(codesOf(toCheckJson("rapport-2024.xlsx", analysis))).toContain(
      "MISSING_DETAIL",
    );
    const c = oneCase([
      { file: "rapport-2024.xlsx", analysis },
      await caseFile("budget-2025-26.xlsx", budgetWorkbook()),
    ]);
    expect(c.roles).toEqual([
      { file: "rapport-2024.xlsx", role: "report" },
      { file: "budget-2025-26.xlsx", role: "proposal" },
    ]);
    const repayment = toCheckJson("rapport-2024.xlsx", analysis).decision[1];
    expect(repayment).toContain(
      typeset("232 886 kronor samt 147 336 kronor från verksamhetsperioden"),
    );
    expect(c.decision[1]).toBe(repayment);
    expect(c.repayment?.items.map((i) => i.amount)).toEqual([
      23288600, 14733600,
    ]);
  });

  test("a report naming neither partnership nor organisation is judged; a budget naming neither is a template left out", async () => {
    const report = without(reportWorkbook(), "Partnerskap", "Organisation");
    const budget = without(budgetWorkbook(), "Partnerskap", "Organisation");
    const named = without(budgetWorkbook(), "Partnerskap");
    const roles = (c: Case) => c.roles.map((r) => [r.role, r.why ?? null]);
    expect(roles(oneCase([await caseFile("rapport.xlsx", report)]))).toEqual([
      ["report", null],
    ]);
    expect(roles(oneCase([await caseFile("mall.xlsx", budget)]))).toEqual([
      ["left-out", "template"],
    ]);
    expect(roles(oneCase([await caseFile("budget.xlsx", named)]))).toEqual([
      ["proposal", null],
    ]);
  });
});

describe("cases, wording and lines", () => {
  test("workbooks of different cases make no memo", async () => {
    const other = withDetail(budgetWorkbook(), "Diarienummer", "STK-2024-99");
    const built = buildCase([
      await caseFile("a.xlsx", reportWorkbook()),
      await caseFile("b.xlsx", other),
    ]);
    expect(built).toEqual({
      kind: "different-cases",
      cases: [
        {
          file: "a.xlsx",
          caseNumber: "STK-2020-1375",
          name: "Jämlik hälsa Lindängen",
        },
        {
          file: "b.xlsx",
          caseNumber: "STK-2024-99",
          name: "Jämlik hälsa Lindängen",
        },
      ],
    });
  });

  test("a new agreement (no Avtalstyp): 'förslag till avtal', no signing point, report-back from its start", async () => {
    const plain = [detailsSheet(), ...budgetWorkbook().slice(1)];
    const c = buildCase([await caseFile("b.xlsx", plain)]);
    if (c.kind !== "ok") throw new Error();
    expect(c.case.decision[0]).toContain(
      "godkänner förslag till avtal avseende",
    );
    expect(c.case.decision.some((d) => d.includes("underteckna"))).toBe(false);
    expect(c.case.decision[1]).toContain(
      "avseende idéburet offentligt partnerskap (IOP) Jämlik hälsa Lindängen under perioden juli 2025",
    );
    expect(c.case.decision[c.case.decision.length - 1]).toContain(
      "för perioden juli till och med december 2025 till stadskontoret senast 1 februari 2026",
    );
  });

  // The seed's decision on a report of a running agreement approves only the extension. One
  // workbook that reports 2024 and budgets 2025-H1 of its own agreement (2023-07 – 2025-06) was
  // asked to approve that agreement again, "i efterhand" at any meeting after July 2023, and to
  // name who signs it.
  test("a workbook that reports a year of its agreement and budgets the rest: the report approved and the rest granted, the agreement not approved again", async () => {
    const sheets = [
      ...reportWorkbook(),
      activitySheet("Budget 2025 H1", 3, { budget: () => kr(100_000) }),
    ];
    const c = oneCase(
      [await caseFile("rapport-och-budget.xlsx", sheets)],
      "2025-04-02",
    );
    expect(c.decision.map((d) => d.split(" ").slice(0, 3).join(" "))).toEqual([
      "Kommunstyrelsen godkänner återrapporteringen",
      "Kommunstyrelsen beslutar att",
      "Kommunstyrelsen beviljar Rädda",
      "Kommunstyrelsen uppmanar Rädda",
    ]);
    expect(c.decision[2]).toBe(
      typeset(
        "Kommunstyrelsen beviljar Rädda Barnen 330 000 kronor från kommunstyrelsens anslag för projekt och utredningar avseende idéburet offentligt partnerskap (IOP) Jämlik hälsa Lindängen under perioden januari 2025 till och med juni 2025.",
      ),
    );
    expect(c.decisionFindings.map(({ finding: f }) => f.code)).not.toContain(
      "MEETING_AFTER_AGREEMENT_START",
    );
    expect(c.decisionFindings.map(({ finding: f }) => f.code)).not.toContain(
      "DECISION_WITHOUT_SIGNATORIES",
    );
    // The same agreement in a budget of its own beside the report: nothing proposed either.
    const apart = oneCase([
      await caseFile("rapport-2024.xlsx", reportWorkbook()),
      await caseFile("budget-2025-h1.xlsx", [
        reportWorkbook()[0]!,
        activitySheet("Budget 2025 H1", 3, { budget: () => kr(100_000) }),
      ]),
    ]);
    expect(apart.decision).toEqual(c.decision);
    expect(apart.proposal).toBeNull();
    // A proposal of its own agreement beside the report is approved as before (the seed's).
    const seed = await seedCase();
    expect(seed.decision[2]).toContain(
      "godkänner förslag till förlängning av avtal",
    );
  });

  // An agreement from March 2027 to February 2028 budgets three half-years: its table said
  // "2027-01-01 – 2028-06-30" and 18 months beside the decision's "mars 2027 till och med
  // februari 2028", for a year of costs.
  test("an agreement that starts and ends inside half-years: the budget table's period and months are the agreement's", async () => {
    const sheets = [
      detailsSheet({ start: "2027-03-01", end: "2028-02-29" }),
      activitySheet("Budget 2027 H1", 2),
      activitySheet("Budget 2027 H2", 2),
      activitySheet("Budget 2028 H1", 2),
    ];
    const json = toCheckJson(
      "b.xlsx",
      analyze(readXlsx(await buildXlsx(sheets))),
    );
    expect(json.periodLines[0]).toMatchObject({
      start: "2027-03-01",
      end: "2028-02-29",
      periods: ["2027-H1", "2027-H2", "2028-H1"],
      overhead: { months: 12 },
    });
    // Four months of 2027-H1, six of 2027-H2, two of 2028-H1.
    expect(json.periodLines[0]!.lines.map((l) => l.months)).toEqual([12, 12]);
    expect(json.decision[0]).toContain(
      "för tidsperioden mars 2027 till och med februari 2028",
    );
  });

  test("Anslag and Undertecknas av are used as written", async () => {
    const keys = [
      ["Avtalstyp", "Nytt avtal"],
      [
        "Undertecknas av",
        "fritidsförvaltningen; kulturförvaltningen; stadsbyggnadskontoret",
      ],
      ["Anslag", "kommunstyrelsens anslag för särskilda insatser"],
    ] as const;
    const c = buildCase([
      await caseFile("b.xlsx", [
        detailsSheet({ extra: keys }),
        ...budgetWorkbook().slice(1),
      ]),
    ]);
    if (c.kind !== "ok") throw new Error();
    expect(c.case.decision[1]).toBe(
      "Kommunstyrelsen anmodar fritidsförvaltningen, kulturförvaltningen samt stadsbyggnadskontoret att underteckna avtalet avseende idéburet offentligt partnerskap (IOP) rörande Jämlik hälsa Lindängen för tidsperioden juli 2025 till och med juni 2026.",
    );
    expect(c.case.decision[2]).toContain(
      typeset(
        "1 109 649 kronor från kommunstyrelsens anslag för särskilda insatser avseende idéburet",
      ),
    );
  });

  test("a post pasted with characters that are not seen (a soft hyphen, a zero-width space) is the same post in every half-year", async () => {
    // It was two posts of one look: the memo's table listed "Hälsofrämjare" twice, six months
    // each, and each half-year's said the post was missing from the other.
    const h2 = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
      typedSalaries: false,
    });
    const base = budgetHalfYearSheet("Budget 2026 H1", "januari–juni 2026", {
      typedSalaries: false,
    });
    const rows = base.rows.map((row) =>
      row.map((cell) =>
        cell === "Hälsofrämjare"
          ? "Hälso\u00adfrämjare"
          : cell === "Verksamhetskostnader"
            ? "\ufeffVerksamhets\u200bkostnader"
            : cell,
      ),
    );
    const json = async (sheets: (typeof h2)[]) =>
      toCheckJson(
        "x.xlsx",
        analyze(readXlsx(await buildXlsx([detailsSheet(), ...sheets]))),
      );
    const pasted = await json([h2, { ...base, rows }]);
    const plain = await json([h2, base]);
    expect(pasted.periodLines[0]!.lines).toEqual(plain.periodLines[0]!.lines);
    expect(pasted.periodLines[0]!.lines.map((l) => l.label)).toContain(
      "Hälsofrämjare",
    );
    expect(codesOf(pasted)).toEqual(codesOf(plain));
    // Two rows of one half-year that differ only so are the same post twice, and said to be.
    const twice = await json([
      h2,
      {
        ...base,
        rows: [...base.rows.slice(0, 4), rows[3]!, ...base.rows.slice(4)],
      },
    ]);
    expect(codesOf(twice)).toContain("DUPLICATE_LINE");
    expect(
      twice.findings.find((f) => f.code === "DUPLICATE_LINE")!.message,
    ).toContain('"Hälsofrämjare"');
  });

  test("a line in one half-year only counts there, with an info; different % are weighted by months", async () => {
    const h2 = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
      typedSalaries: false,
    });
    const base = budgetHalfYearSheet("Budget 2026 H1", "januari–juni 2026", {
      typedSalaries: false,
    });
    const rows = [...base.rows];
    rows[3] = ["Lön", "Hälsofrämjare", pct(3), 6, kr(45000), null];
    rows.splice(6, 0, ["Verksamhet", "Lokalhyra", null, null, null, kr(30000)]);
    const h1 = { ...base, rows };
    const a = analyze(
      readXlsx(
        await buildXlsx([detailsSheet({ extra: EXTENSION_KEYS }), h2, h1]),
      ),
    );
    const json = toCheckJson("x.xlsx", a);
    const lines = json.periodLines[0]!.lines;
    expect(lines.find((l) => l.label === "Hälsofrämjare")).toMatchObject({
      servicePercent: 287.5,
      weighted: true,
      months: 12,
      amount: 742500 + 810000,
    });
    expect(lines.find((l) => l.label === "Lokalhyra")).toMatchObject({
      months: 6,
      amount: 30000,
      periods: ["2026-H1"],
    });
    expect(codesOf(json)).toEqual([
      "LINE_NOT_IN_EVERY_HALF_YEAR",
      "SERVICE_PERCENT_WEIGHTED",
    ]);
    const info = json.findings.find(
      (f) => f.code === "LINE_NOT_IN_EVERY_HALF_YEAR",
    )!;
    expect(info).toMatchObject({
      severity: "info",
      sheet: "Budget 2026 H1",
      cell: "B7",
    });
    expect(info.message).toContain("2025-H2");
    expect(
      json.findings.find((f) => f.code === "SERVICE_PERCENT_WEIGHTED")!.message,
    ).toContain("287,5 %");
    expect(
      toCheckJson("x.xlsx", a, "en").findings.find(
        (f) => f.code === "SERVICE_PERCENT_WEIGHTED",
      )!.message,
    ).toContain("(275 / 300 %)");
    expect(
      toCheckJson("x.xlsx", a, "en").findings.find(
        (f) => f.code === "SERVICE_PERCENT_WEIGHTED",
      )!.message,
    ).toContain("287.5 %");
    expect(json.periodLines[0]!.total).toBe(
      json.grants.reduce((s, g) => s + g.amount, 0),
    );
  });
});

describe("the tables' findings, when the half-years list the same lines (no matching is done then)", () => {
  test("only the % differs: the weighted % is still an info", async () => {
    const h2 = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
      typedSalaries: false,
    });
    const base = budgetHalfYearSheet("Budget 2026 H1", "januari–juni 2026", {
      typedSalaries: false,
    });
    const h1 = {
      ...base,
      rows: base.rows.map((r, i) =>
        i === 3 ? ["Lön", "Hälsofrämjare", pct(3), 6, kr(45000), null] : r,
      ),
    };
    const json = toCheckJson(
      "x.xlsx",
      analyze(readXlsx(await buildXlsx([detailsSheet(), h2, h1]))),
    );
    expect(
      json.findings.filter((f) => f.severity === "info").map((f) => f.code),
    ).toEqual(["SERVICE_PERCENT_WEIGHTED"]);
    expect(json.periodLines[0]!.lines[0]).toMatchObject({
      servicePercent: 287.5,
      weighted: true,
    });
  });

  test("a reported year whose half-years list different lines: the line missing from one is an info", async () => {
    const [details, h1, h2] = reportWorkbook();
    const rows = h2!.rows.filter(
      (r) => r[0] !== "Lönekostnader: Samordning/utveckling",
    );
    const json = toCheckJson(
      "r.xlsx",
      analyze(readXlsx(await buildXlsx([details!, h1!, { ...h2!, rows }]))),
    );
    const info = json.findings.find(
      (f) => f.code === "LINE_NOT_IN_EVERY_HALF_YEAR",
    )!;
    expect(info).toMatchObject({
      severity: "info",
      sheet: "Utfall 2024 H1",
      cell: "A3",
    });
    expect(info.message).toContain("finns i 2024-H1 men inte i 2024-H2");
    expect(
      json.yearLines[0]!.lines.find(
        (l) => l.label === "Lönekostnader: Samordning/utveckling",
      ),
    ).toMatchObject({ budget: 175000, actual: 165552, periods: ["2024-H1"] });
  });
  // Same lines, same %: no info at all (the seed's budget and report elsewhere in this file).
});

describe("the seed's own period error: months the decision approves with no budget", () => {
  test("a budget whose agreement runs to December 2026 names July–December 2026, and the memo shows it", async () => {
    const c = buildCase([
      await caseFile("b.xlsx", budgetWorkbook({ end: "2026-12-31" })),
    ]);
    if (c.kind !== "ok") throw new Error();
    const f = c.case.findings.find(
      (x) => x.finding.code === "PERIOD_NOT_COVERED",
    )!;
    expect(f.finding.severity).toBe("error");
    const memo = memoOf(c.case, "sv");
    expect(memo.notes).toHaveLength(1);
    expect(memo.notes[0]).toContain("juli–december 2026");
    expect(memoOf(c.case, "en").notes[0]).toContain("July–December 2026");
    expect(c.case.decision[0]).toContain(
      "juli 2025 till och med december 2026",
    );
  });

  test("also when earlier half-years have actuals: a warning, no longer only an info", async () => {
    const base = budgetHalfYearSheet("Utfall 2025 H1", "januari–juni 2025");
    const reported = {
      ...base,
      rows: base.rows.map((row, i) => (i < 3 ? row : [...row, kr(1000)])),
    };
    const sheets = [
      detailsSheet({
        start: "2025-01-01",
        end: "2026-06-30",
        extra: EXTENSION_KEYS,
      }),
      reported,
      budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
    ];
    const json = toCheckJson(
      "x.xlsx",
      analyze(readXlsx(await buildXlsx(sheets))),
    );
    const w = json.findings.find(
      (f) => f.code === "AGREEMENT_MONTHS_UNCOVERED",
    )!;
    expect(w).toMatchObject({
      severity: "warning",
      sheet: "Uppgifter",
      cell: "B6",
    });
    expect(w.message).toContain("januari–juni 2026");
    expect(codesOf(json)).not.toContain("PERIOD_NOT_REPORTED");
  });
});

describe("the tables for the clipboard", () => {
  test("HTML is a table with the memo's cells, workbook text escaped; plain text is tab-separated", () => {
    const table = {
      kind: "year" as const,
      intro: [],
      title: "Ekonomisk redovisning för 2024",
      header: ["2024", "Budget", "Utfall", "Differens"],
      rows: [
        { cells: ['<img src=x onerror="1">', "1 000", "2 000", "\u22121 000"] },
        { cells: ["Summa", "1 000", "2 000", "\u22121 000"], total: true },
      ],
    };
    const html = memoTableHtml(table);
    expect(html).toContain(
      '<td style="text-align:left;border:1px solid #999;padding:2px 6px">&lt;img src=x onerror=&quot;1&quot;&gt;</td>',
    );
    expect(html).not.toContain("<img");
    expect(html).toMatch(
      /<td style="text-align:right;font-weight:bold;[^"]*">\u22121 000<\/td><\/tr><\/table>$/,
    );
    expect(memoTableText(table).split("\n")).toEqual([
      "Ekonomisk redovisning för 2024",
      "2024\tBudget\tUtfall\tDifferens",
      '<img src=x onerror="1">\t1 000\t2 000\t\u22121 000',
      "Summa\t1 000\t2 000\t\u22121 000",
    ]);
  });
});

describe("a batch grouped into cases", () => {
  test("by Diarienummer; a file without one joins the case of its partnership's name; another case stays apart", async () => {
    const withDnr = (dnr: string | null, name = "Jämlik hälsa Lindängen") =>
      budgetWorkbook().map((s) =>
        s.name === "Uppgifter"
          ? {
              ...s,
              rows: s.rows.flatMap((r) =>
                r[0] === "Diarienummer"
                  ? dnr
                    ? [["Diarienummer", dnr]]
                    : []
                  : r[0] === "Partnerskap"
                    ? [["Partnerskap", name]]
                    : [r],
              ),
            }
          : s,
      );
    const files = [
      await caseFile("rapport.xlsx", reportWorkbook()),
      await caseFile("annat.xlsx", withDnr("STK-2024-99", "Annat partnerskap")),
      await caseFile("utan-dnr.xlsx", withDnr(null)),
      await caseFile("budget.xlsx", withDnr("stk-2020-1375")),
    ];
    expect(caseGroups(files).map((g) => g.map((f) => f.file))).toEqual([
      ["rapport.xlsx", "utan-dnr.xlsx", "budget.xlsx"],
      ["annat.xlsx"],
    ]);
  });
});

describe("a memo's tables show at most MAX_MEMO_LINES lines together", () => {
  /** 2023-H2, 2024-H1 and 2024-H2 reported, 2025-H1 proposed: 300 lines each, named per sheet. */
  function longCase(): SheetSpec[] {
    const half = (name: string, reported: boolean) =>
      activitySheet(name, 300, {
        label: (i) => `${name} ${i}`,
        actual: (i) => (reported ? kr(900 + i) : null),
      });
    return [
      detailsSheet({ start: "2023-07-01", end: "2025-06-30" }),
      half("Budget 2023 H2", true),
      half("Budget 2024 H1", true),
      half("Budget 2024 H2", true),
      half("Budget 2025 H1", false),
    ];
  }

  test("the budget proposed first, then the latest year; a table that does not fit shows its sums", async () => {
    const built = buildCase([await caseFile("long.xlsx", longCase())]);
    if (built.kind !== "ok") throw new Error("not one case");
    const memo = memoOf(built.case, "sv");
    const [y2023, y2024, period] = memo.tables;
    // 301 + 601 lines fit in 1 000; the 301 of 2023 no longer do.
    expect(period!.rows).toHaveLength(301 + 1);
    expect(y2024!.rows.map((r) => r.cells[0])).toContain("Budget 2024 H1 0");
    expect(y2024!.rows.map((r) => r.cells[0])).toContain("Budget 2024 H2 299");
    expect(y2024!.note).toBeUndefined();
    expect(period!.note).toBeUndefined();
    expect(y2023!.rows.map((r) => r.cells[0])).toEqual([
      "Summa",
      "Totalt att återbetala",
    ]);
    expect(y2023!.note).toBe(
      "Tabellen har 301 poster, och beslutsunderlaget visar högst 1\u202f000 poster i sina tabeller tillsammans: här visas bara summorna. Alla poster finns i iop-budget check, i rapporten och i JSON (yearLines, periodLines).",
    );
    // The note goes where the table goes: the clipboard's text and HTML.
    expect(memoTableText(y2023!)).toContain(y2023!.note);
    expect(memoTableHtml(y2023!)).toContain("<p><i>Tabellen har 301 poster");
    expect(memoOf(built.case, "en").tables[0]!.note).toBe(
      "The table has 301 lines, and the memo shows at most 1,000 lines in its tables together: only its sums are shown here. Every line is in iop-budget check, in its report and its JSON (yearLines, periodLines).",
    );
    // The case itself, and so memo --json, keeps every line.
    expect(built.case.years[0]!.lines).toHaveLength(301);
  });
});

describe("one rule of which case a workbook is of, on every face", () => {
  // Diarienummer and names as people type them: the same number in other case, the same name in
  // other spacing and case, another of each, and none.
  const DNRS = ["STK-2020-1375", "stk-2020-1375", "STK-2024-99", null];
  const NAMES = [
    "Jämlik hälsa Lindängen",
    "jämlik  hälsa lindängen",
    "Annat partnerskap",
    null,
  ];

  /** A budget (no actuals) or a report (actuals) of 2025-H2 naming the given Dnr and name. */
  function workbook(
    dnr: string | null,
    name: string | null,
    reported: boolean,
  ): SheetSpec[] {
    const rows: CellSpec[][] = [
      ...(name ? [["Partnerskap", name]] : []),
      ...(dnr ? [["Diarienummer", dnr]] : []),
      ["Organisation", "Rädda Barnen"],
      ["Avtalsperiod från", date("2025-07-01")],
      ["Avtalsperiod till", date("2025-12-31")],
      ["OH-sats", pct(0.1)],
    ];
    return [
      { name: "Uppgifter", rows },
      activitySheet("Budget 2025 H2", 3, {
        actual: (i) => (reported ? kr(900 + i) : null),
      }),
    ];
  }

  interface Pooled {
    readonly file: string;
    readonly budget: CaseFile;
    readonly report: CaseFile;
    readonly reportBytes: Uint8Array;
  }

  let pool: Pooled[] = [];
  beforeAll(async () => {
    pool = [];
    for (const dnr of DNRS)
      for (const name of NAMES) {
        const file = `${dnr ?? "–"} | ${name ?? "–"}`;
        const reportBytes = await buildXlsx(workbook(dnr, name, true));
        pool.push({
          file,
          reportBytes,
          budget: {
            file: `budget ${file}`,
            analysis: analyze(
              readXlsx(await buildXlsx(workbook(dnr, name, false))),
            ),
          },
          report: {
            file: `rapport ${file}`,
            analysis: analyze(readXlsx(reportBytes)),
          },
        });
      }
  });

  const agreementOf = (f: CaseFile) => f.analysis.computation.agreement;
  const relation = (a: CaseFile, b: CaseFile) =>
    compareCases(agreementOf(a), agreementOf(b)).relation;

  test("a Diarienummer written with another dash (a non-breaking hyphen, an en dash) is the same case", async () => {
    const agreement = async (dnr: string) =>
      analyze(readXlsx(await buildXlsx(workbook(dnr, null, false)))).computation
        .agreement;
    const plain = await agreement("STK-2020-1375");
    for (const dnr of [
      "STK\u20112020\u20111375",
      "stk\u20132020\u20131375",
      "STK\u22122020-1375",
    ])
      expect([dnr, compareCases(plain, await agreement(dnr)).relation]).toEqual(
        [dnr, "same"],
      );
    expect(compareCases(plain, await agreement("STK-2020-1376")).relation).toBe(
      "different",
    );
  });

  test("the memo refuses files exactly when two of them name different cases, and accepts each group of a batch (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.nat(DNRS.length * NAMES.length - 1),
            report: fc.boolean(),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (picked) => {
          const files = picked.map(({ at, report }, k) => {
            const f = report ? pool[at]!.report : pool[at]!.budget;
            return { ...f, file: `${k}: ${f.file}` };
          });
          const different = files.some((a, i) =>
            files.slice(i + 1).some((b) => relation(a, b) === "different"),
          );
          expect(buildCase(files).kind).toBe(
            different ? "different-cases" : "ok",
          );
          const groups = caseGroups(files);
          expect(groups.flat()).toHaveLength(files.length);
          for (const g of groups) {
            expect(buildCase(g).kind).toBe("ok");
            // A file on its own could join no other group: none holds its case without another.
            if (g.length === 1 && agreementOf(g[0]!).caseNumber === null)
              for (const other of groups)
                if (other !== g)
                  expect(
                    other.some((x) => relation(g[0]!, x) === "same") &&
                      other.every((x) => relation(g[0]!, x) !== "different"),
                  ).toBe(false);
          }
          // Files of one Diarienummer are one case.
          for (const a of files)
            for (const b of files)
              if (
                agreementOf(a).caseNumber &&
                agreementOf(b).caseNumber &&
                relation(a, b) === "same"
              )
                expect(groups.find((g) => g.includes(a))).toContain(b);
        },
      ),
      { numRuns: 400 },
    );
  });

  test("check --granted, the batch's pairing and the comparison of two versions say the same of any two workbooks", () => {
    for (const r of pool)
      for (const b of pool) {
        const cases = compareCases(
          agreementOf(r.report),
          agreementOf(b.budget),
        );
        const held = analyzeAgainstGranted(readXlsx(r.reportBytes), [
          b.budget.analysis,
        ]);
        const codes = held.findings.map((f) => f.code);
        const said = `${r.file} held to ${b.file}`;
        expect([said, codes.includes("GRANTED_OTHER_CASE")]).toEqual([
          said,
          cases.relation === "different",
        ]);
        expect([said, codes.includes("GRANTED_CASE_UNCHECKED")]).toEqual([
          said,
          cases.relation === "unknown",
        ]);
        // Held or not: a grant of another case gives the report its own figures.
        expect([said, (held.granted ?? null) !== null]).toEqual([
          said,
          cases.relation !== "different",
        ]);
        expect([said, grantedPairs([r.report, b.budget]).get(0)]).toEqual([
          said,
          cases.relation === "same" ? [1] : undefined,
        ]);
        // The memo's default roles take the same grant; one of a case that cannot be told is
        // left out saying it may be the grant, for the reviewer to choose.
        const [, role] = defaultRoles([r.report, b.budget]);
        expect([said, role?.role, role?.why]).toEqual(
          cases.relation === "same"
            ? [said, "grant", undefined]
            : cases.relation === "unknown"
              ? [said, "left-out", "case-unknown"]
              : [said, "left-out", "already-reported"],
        );
        expect([
          said,
          diffWorkbooks(r.report.analysis, b.budget.analysis).otherCases,
        ]).toEqual([
          said,
          cases.relation === "different"
            ? { old: cases.compared[0], new: cases.compared[1] }
            : null,
        ]);
      }
  });

  test("a workbook with a Dnr and another with only another partnership's name are two cases, on every face", () => {
    const [a, b] = [pool[2]!, pool[12]!]; // STK-2020-1375 | Annat partnerskap; – | Jämlik hälsa Lindängen
    expect([a.file, b.file]).toEqual([
      "STK-2020-1375 | Annat partnerskap",
      "– | Jämlik hälsa Lindängen",
    ]);
    expect(buildCase([a.report, b.budget]).kind).toBe("different-cases");
    expect(caseGroups([a.report, b.budget])).toHaveLength(2);
    const held = analyzeAgainstGranted(readXlsx(a.reportBytes), [
      b.budget.analysis,
    ]);
    const other = held.findings.find((f) => f.code === "GRANTED_OTHER_CASE");
    // What was compared, not a Dnr against a name, at the cell of the name.
    expect(other?.params).toEqual({
      reported: "Annat partnerskap",
      granted: "Jämlik hälsa Lindängen",
    });
    expect([other?.sheet, other?.cell]).toEqual(["Uppgifter", "B1"]);
  });
});
