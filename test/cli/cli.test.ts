// The iop-budget command as a user runs it: the built bin, real files, exit codes and JSON lines.

import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { readXlsx } from "../../src/xlsx/read";
import { saveAsOds } from "../helpers/libreoffice";
import {
  agreementPartGrant,
  budgetWorkbook,
  detailsSheet,
  extensionPartGrant,
  manyLinesWorkbook,
  reportAcrossGrants,
  reportOnGrantSheets,
  reportWorkbook,
  typeset,
  withDetail,
} from "../helpers/seed";
import { templateAsSaved } from "../helpers/template";
import { archiveWithDamaged } from "../helpers/hostile";
import { buildXlsx } from "../helpers/workbook";
import { tempDir } from "../helpers/temp";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "iop-budget.js");
const dir = tempDir("iop-cli-");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function write(
  name: string,
  sheets: Parameters<typeof buildXlsx>[0],
): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await buildXlsx(sheets));
  return path;
}

describe("iop-budget check --json", () => {
  test("prints one JSON object per file, one per line, and exits 0 on a clean budget", async () => {
    const budget = await write("budget.xlsx", budgetWorkbook());
    const report = await write("report.xlsx", reportWorkbook());
    const r = run("check", budget, report, "--json");
    expect(r.stderr).toBe("");
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    const [b, rep] = lines.map((l) => JSON.parse(l));
    expect(b.file).toBe(budget);
    expect(
      b.periods.map((p: { budget: { total: number } }) => p.budget.total),
    ).toEqual([1109649, 1109649]);
    expect(b.periods[0].lines[0]).toMatchObject({
      row: 4,
      category: "salary",
      label: "Hälsofrämjare",
      servicePercent: 275,
      months: 6,
      monthlyCost: 45000,
      budget: 742500,
      overhead: 74250,
      actual: null,
      variance: null,
      overspent: false,
    });
    expect(b.agreement).toMatchObject({
      name: "Jämlik hälsa Lindängen",
      caseNumber: "STK-2020-1375",
      organisation: "Rädda Barnen",
      orgNumber: "802002-8638",
      start: "2025-07-01",
      end: "2026-06-30",
      overheadRate: 0.1,
    });
    expect(rep.years).toEqual([
      {
        year: 2024,
        budget: 1925000,
        actual: 1777664,
        surplus: 147336,
        partial: false,
      },
    ]);
    expect(rep.repayment.total).toBe(380222);
    expect(rep.periods[0].actual).toMatchObject({
      direct: 808028,
      overhead: 80803,
      eligibleOverhead: 80803,
      total: 888831,
    });
    expect(r.code).toBe(0);
  });

  test("exits 1 when a file has an error finding", async () => {
    const bad = await write("bad.xlsx", [budgetWorkbook()[1]!]);
    const r = run("check", "--json", bad);
    expect(r.code).toBe(1);
    expect(
      JSON.parse(r.stdout).findings.some(
        (f: { code: string; severity: string }) =>
          f.code === "NO_DETAILS_SHEET" && f.severity === "error",
      ),
    ).toBe(true);
  });

  test("exits 2 with a JSON error object for a file that is not a workbook, and still checks the others", async () => {
    const text = join(dir, "notes.xlsx");
    writeFileSync(text, "not a workbook");
    const good = await write("good.xlsx", budgetWorkbook());
    const r = run("check", "--json", text, good, join(dir, "missing.xlsx"));
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({
      file: text,
      error: { code: "NOT_A_WORKBOOK", message: expect.any(String) },
    });
    expect(lines[1].periods).toHaveLength(2);
    expect(lines[2].error.code).toBe("FILE_NOT_FOUND");
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  test("bad usage exits 2", () => {
    expect(run("check").code).toBe(2);
    expect(run("frobnicate").code).toBe(2);
    expect(run("check", "--lang", "de", "x.xlsx").code).toBe(2);
  });

  test("--lang en gives English messages", async () => {
    const path = await write("report-en.xlsx", reportWorkbook());
    const r = JSON.parse(run("check", "--json", "--lang", "en", path).stdout);
    expect(
      r.findings.find((f: { code: string }) => f.code === "OVERSPENT").message,
    ).toMatch(/is overspent by SEK\u00a036,687/);
  });
});

describe("a folder, and a * the shell left (Windows' cmd and PowerShell)", () => {
  const REPORT = join(ROOT, "samples", "jamlik-halsa-rapport-2024.xlsx");
  const BUDGET = join(ROOT, "samples", "jamlik-halsa-budget-2025-26.xlsx");
  const folder = join(dir, "inkommet");
  mkdirSync(join(folder, "äldre"), { recursive: true });
  copyFileSync(REPORT, join(folder, "rapport 10.xlsx"));
  copyFileSync(REPORT, join(folder, "rapport 2.xlsx"));
  copyFileSync(BUDGET, join(folder, "budget.XLSX"));
  copyFileSync(BUDGET, join(folder, "äldre", "budget 2023.xlsx"));
  // What is never a workbook: Excel's owner file of one open, a Mac's "._" file, a note.
  writeFileSync(join(folder, "~$rapport 2.xlsx"), "x");
  writeFileSync(join(folder, "._rapport 2.xlsx"), "x");
  writeFileSync(join(folder, "läs mig.txt"), "x");
  const files = (r: { stdout: string }) =>
    r.stdout
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { file: string }).file);

  test("a folder is the workbooks in it, in name order; not its sub-folders, nor files that are never workbooks", () => {
    const r = run("check", folder, "--json");
    expect(r.code).toBe(0);
    expect(files(r)).toEqual(
      ["budget.XLSX", "rapport 2.xlsx", "rapport 10.xlsx"].map((f) =>
        join(folder, f),
      ),
    );
  });

  test("a name with * or ? that names no file is what it matches, case aside", () => {
    const r = run(
      "check",
      join(folder, "*.xlsx"),
      join(folder, "budget.xls?"),
      "--json",
    );
    expect(files(r)).toEqual(
      ["budget.XLSX", "rapport 2.xlsx", "rapport 10.xlsx", "budget.XLSX"].map(
        (f) => join(folder, f),
      ),
    );
    // Given by name (as a Unix shell's *.xlsx gives it), Excel's owner file is said to be one.
    const owner = run("check", join(folder, "~$rapport 2.xlsx"));
    expect(owner.code).toBe(2);
    expect(owner.stderr).toContain(
      "Det är en låsfil som Excel lägger bredvid en arbetsbok medan någon har den öppen (namnet börjar med ~$), ingen arbetsbok. Kontrollera arbetsboken själv. [OWNER_FILE]",
    );
    const none = run("check", join(folder, "*.ods"));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Filen finns inte. [FILE_NOT_FOUND]");
  });

  test("a folder without a workbook says so; compute of a folder, that it is one", () => {
    mkdirSync(join(dir, "tom"), { recursive: true });
    const r = run("check", join(dir, "tom"), "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `== ${join(dir, "tom")}\nCould not be read: The folder holds no workbook (.xlsx, .xlsm, .xltx, .xltm or .ods) to read; its sub-folders are not read. [NO_WORKBOOKS]\n`,
    );
    const compute = run("compute", folder, "--out", join(dir, "ut.xlsx"));
    expect(compute.stderr).toContain(
      "Det är en mapp, inte en fil. [NOT_A_FILE]",
    );
  });

  test("a zip archive (a folder downloaded from SharePoint) is the workbooks in it; one that does not unpack says so", () => {
    const archive = zipSync({
      "Inkommet/rapport.xlsx": readFileSync(REPORT),
      "Inkommet/budget.xlsx": readFileSync(BUDGET),
      "__MACOSX/Inkommet/._rapport.xlsx": strToU8("x"),
    });
    const path = join(dir, "OneDrive_1_2026-12-06.zip");
    writeFileSync(path, archive);
    const r = run("check", path, "--json");
    expect(r.code).toBe(0);
    expect(files(r)).toEqual([
      join(path, "Inkommet", "budget.xlsx"),
      join(path, "Inkommet", "rapport.xlsx"),
    ]);
    // The memo of the case in it, as of its folder.
    const memo = run("memo", path, "--out", join(dir, "arkiv.docx"), "--json");
    expect(memo.stderr).toBe("");
    expect(
      (JSON.parse(memo.stdout) as { case: { files: string[] } }).case.files,
    ).toHaveLength(2);
    // A damaged entry is its own file error; the other is read.
    const bytes = archiveWithDamaged(
      { "b.xlsx": readFileSync(BUDGET) },
      "a.xlsx",
    );
    const damaged = join(dir, "skadat.zip");
    writeFileSync(damaged, bytes);
    const d = run("check", damaged);
    expect(d.code).toBe(2);
    expect(d.stderr).toBe(
      `== ${join(damaged, "a.xlsx")}\nKunde inte läsas: Arbetsboken är skadad: delen a.xlsx kan inte packas upp. Öppna den i Excel (som erbjuder sig att reparera den), spara den och försök igen. [CORRUPT]\n`,
    );
    expect(d.stdout).toContain(`== ${join(damaged, "b.xlsx")}`);
  });

  test("memo of a case's folder, its report also named by another path: one report", () => {
    const only = join(dir, "fallet");
    mkdirSync(only, { recursive: true });
    copyFileSync(REPORT, join(only, "rapport.xlsx"));
    copyFileSync(BUDGET, join(only, "budget.xlsx"));
    const out = join(dir, "fallet.docx");
    const r = run(
      "memo",
      only,
      "--report",
      `${only}/./rapport.xlsx`,
      "--out",
      out,
      "--json",
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      case: { files: string[] };
      decisionFiles: string[];
    };
    // Before, the report was there twice, once "left out" as an earlier report.
    expect(j.case.files).toEqual([
      join(only, "budget.xlsx"),
      `${only}/./rapport.xlsx`,
    ]);
    expect([...new Set(j.decisionFiles)]).toEqual([
      `${only}/./rapport.xlsx`,
      join(only, "budget.xlsx"),
    ]);
  });
});

describe("iop-budget check (human report)", () => {
  test("shows the key figures and the findings grouped by sheet, in Swedish", async () => {
    const path = await write("report-human.xlsx", reportWorkbook());
    const r = run("check", path);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(typeset("överskott 147 336 kr"));
    expect(r.stdout).toContain(
      typeset(
        "232 886 kr (2023) + 147 336 kr (2024) = 380 222 kr senast 2025-06-30",
      ),
    );
    expect(r.stdout).toMatch(
      /Utfall 2024 H1\n\s+VARNING\s+C4\s+Posten "Verksamhetskostnader: aktiviteter" är överskriden/,
    );
    // The year per line, as the memo prints it: the activities' −73 375 is no longer only two half-years.
    expect(r.stdout).toContain("Ekonomisk redovisning för 2024, per post:");
    expect(r.stdout).toMatch(
      /Verksamhetskostnader: aktiviteter +200\u202f000 +273\u202f375 +\u221273\u202f375\n/,
    );
    expect(r.stdout).toMatch(
      /Summa +1\u202f925\u202f000 +1\u202f777\u202f664 +147\u202f336\n/,
    );
  });

  test("a budget shows its proposal per line over the period", async () => {
    const r = run("check", await write("budget-human.xlsx", budgetWorkbook()));
    expect(r.stdout).toContain(
      "Budgetförslag per post, 2025-07-01 – 2026-06-30:",
    );
    expect(r.stdout).toMatch(/Hälsofrämjare +275 +12 +1\u202f485\u202f000\n/);
    expect(r.stdout).toMatch(/OH-kostnader +12 +201\u202f754\n/);
    expect(r.stdout).toMatch(/Totalt +2\u202f219\u202f298\n/);
  });

  test("a reader that stops early (| head) ends it quietly, in both forms", async () => {
    // Far more than a pipe holds (64 KB), so that the command still writes when head has gone.
    const big = await write("many.xlsx", manyLinesWorkbook(6000));
    for (const form of ["", " --json"]) {
      const r = spawnSync(
        "sh",
        [
          "-c",
          `"${process.execPath}" "${BIN}" check${form} "${big}" | head -n 2`,
        ],
        { encoding: "utf8", cwd: ROOT },
      );
      expect(r.stdout.split("\n").slice(0, 1)).toEqual([
        form ? expect.stringMatching(/^\{"file":/) : `== ${big}`,
      ]);
      expect(r.stderr).toBe("");
    }
  });

  test("says that a clean workbook has no findings", async () => {
    const path = await write("clean.xlsx", [
      detailsSheet({ end: "2025-12-31" }),
      budgetWorkbook()[1]!,
    ]);
    const r = run("check", path);
    expect(r.stdout).toContain(typeset("1 109 649"));
    expect(r.stdout).toContain("Inga fynd");
  });
});

describe("iop-budget check --granted", () => {
  /** A new folder, and a writer of workbooks into it that returns each one's path. */
  const newFolder = (prefix: string) => {
    const folder = mkdtempSync(join(dir, prefix));
    const put = async (
      name: string,
      sheets: Parameters<typeof buildXlsx>[0],
    ) => {
      writeFileSync(join(folder, name), await buildXlsx(sheets));
      return join(folder, name);
    };
    return { folder, put };
  };

  test("holds each report to the granted budget: the finding at the changed cell, the repayment against the grant", async () => {
    const budget = await write("beviljad.xlsx", budgetWorkbook());
    const raised = await write(
      "rapport-hojd.xlsx",
      reportOnGrantSheets({ activities: 130000 }),
    );
    const kept = await write("rapport-oforandrad.xlsx", reportOnGrantSheets());
    const r = run("check", raised, kept, "--granted", budget, "--json");
    expect(r.code).toBe(1);
    const [a, b] = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(a.budgetSource).toEqual({
      kind: "granted",
      file: budget,
      periods: ["2025-H2"],
      grants: [{ file: budget, periods: ["2025-H2"] }],
    });
    expect(a.repayment.total).toBe(59149);
    expect(
      a.findings
        .filter((f: { code: string }) => f.code.startsWith("GRANTED_"))
        .map((f: { code: string; cell: string }) => `${f.code} ${f.cell}`),
    ).toEqual(["GRANTED_TOTAL_EXCEEDED null", "GRANTED_LINE_CHANGED F6"]);
    expect(b.repayment.total).toBe(59149);
    expect(
      b.findings.filter((f: { severity: string }) => f.severity !== "info"),
    ).toEqual([]);
    const human = run("check", raised, "--granted", budget);
    expect(human.stdout).toContain(
      `Räknat mot den beviljade budgeten i ${budget} (2025-H2)`,
    );
    expect(human.stdout).toContain(
      typeset("Återbetalning: 59 149 kr senast 2026-06-30"),
    );
  });

  // The page pairs a report with its case's grant in a batch; the command line checked each file on
  // its own, so a folder's report repaid 92 149 kr here and 59 149 kr on the page and in the memo.
  test("without it, a report among the files is held to its case's grant, as the page and the memo hold it", async () => {
    const { folder, put } = newFolder("inkommet-");
    const report = await put(
      "1 rapport.xlsx",
      reportOnGrantSheets({ activities: 130000 }),
    );
    const budget = await put("2 beviljad.xlsx", budgetWorkbook());
    const alone = JSON.parse(run("check", report, "--json").stdout);
    expect(alone.repayment.total).toBe(92149);
    for (const args of [[folder], [budget, report]]) {
      const lines = run("check", ...args, "--json")
        .stdout.trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const held = lines.find((l) => l.file === report);
      const grant = lines.find((l) => l.file === budget);
      expect(held.budgetSource).toEqual({
        kind: "granted",
        file: budget,
        periods: ["2025-H2"],
        grants: [{ file: budget, periods: ["2025-H2"] }],
      });
      expect(held.repayment.total).toBe(59149);
      expect(held.findings.map((f: { code: string }) => f.code)).toContain(
        "GRANTED_LINE_CHANGED",
      );
      expect(grant.budgetSource).toEqual({ kind: "workbook" });
    }
    const human = run("check", folder).stdout;
    expect(human).toContain(
      `Räknat mot den beviljade budgeten i ${budget} (2025-H2)`,
    );
    expect(human).toContain(typeset("Återbetalning: 59 149 kr"));
    // A budget of another case is no grant of the report's.
    const other = await write(
      "annat-arende.xlsx",
      withDetail(budgetWorkbook(), "Diarienummer", "STK-2099-1"),
    );
    const apart = JSON.parse(
      run("check", report, other, "--json").stdout.trim().split("\n")[0]!,
    );
    expect(apart.budgetSource).toEqual({ kind: "workbook" });
    expect(apart.repayment.total).toBe(92149);
  });

  // Question 46: the report of July 2025 – June 2026, its first half-year granted by the agreement
  // and its second by the extension (12 % OH). No one budget covers it: it was judged on its own
  // budget and repaid 184 298 kr.
  test("a report across an agreement and its extension is held to both: among the files, and with --granted twice", async () => {
    const { folder, put } = newFolder("forlangd-");
    const report = await put("rapport.xlsx", reportAcrossGrants());
    const agreement = await put("avtal.xlsx", agreementPartGrant());
    const extension = await put("forlangning.xlsx", extensionPartGrant());
    const alone = JSON.parse(run("check", report, "--json").stdout);
    expect(alone.repayment.total).toBe(184298);
    const grants = [
      { file: agreement, periods: ["2025-H2"] },
      { file: extension, periods: ["2026-H1"] },
    ];
    for (const args of [
      [folder],
      [report, "--granted", agreement, "--granted", extension],
    ]) {
      const held = run("check", ...args, "--json")
        .stdout.trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .find((l) => l.file === report);
      expect(held.budgetSource).toEqual({
        kind: "granted",
        file: agreement,
        periods: ["2025-H2", "2026-H1"],
        grants,
      });
      // 59 149 kr of 2025 against the agreement, 90 525 kr of 2026 against the extension.
      expect(held.repayment.items).toEqual([
        { year: 2025, amount: 59149 },
        { year: 2026, amount: 90525 },
      ]);
      // Each half-year at its grant's rate: the agreement's 10 %, the extension's 12 %.
      expect(
        held.periods.map((p: { id: string; overheadRate: number | null }) => [
          p.id,
          p.overheadRate,
        ]),
      ).toEqual([
        ["2025-H2", 0.1],
        ["2026-H1", 0.12],
      ]);
    }
    const human = run(
      "check",
      report,
      "--granted",
      agreement,
      "--granted",
      extension,
    );
    expect(human.stdout).toContain(
      `Räknat mot den beviljade budgeten i ${agreement} (2025-H2)\nRäknat mot den beviljade budgeten i ${extension} (2026-H1)\n`,
    );
    expect(human.stdout).toContain(typeset("= 149 674 kr"));
    // The header gives both rates, not only the first grant's.
    expect(human.stdout).toContain(
      "Avtalsperiod 2025-07-01 – 2026-06-30 · OH-sats 10 % (2025-H2), 12 % (2026-H1)\n",
    );
    expect(run("check", report).stdout).toContain(
      "Avtalsperiod 2025-07-01 – 2026-06-30 · OH-sats 10 %\n",
    );
    // Held to the extension alone: its half-year at 12 %, the other at the report's own 10 %.
    expect(
      run("check", report, "--granted", extension, "--lang", "en").stdout,
    ).toContain(
      "Agreement period 2025-07-01 – 2026-06-30 · Overhead rate 10 % (2025-H2), 12 % (2026-H1)\n",
    );
    // The agreement alone: the extension's half-year is the report's own, said as an error.
    const one = run("check", report, "--granted", agreement);
    expect(one.stdout).toContain(
      "Halvåret 2026-H1 finns inte i den beviljade budgeten; det räknas mot arbetsbokens egen budget. Beviljades det i en annan budget (en förlängning), välj också den som beviljad budget. [HALF_YEAR_NOT_GRANTED]",
    );
    expect(one.stdout).toContain(
      `Räknat mot den beviljade budgeten i ${agreement} (2025-H2)\n`,
    );
    // Two that grant 2025-H2, the agreement and the extension's first version of it (all of July
    // 2025 – June 2026, 2025-H2 at 10 % OH: 1 109 649 kr), the extension saved later: whichever is
    // given first, 2025-H2 is held to the later saved, as memo --grant holds it.
    const later = join(folder, "forlangning-hela.xlsx");
    writeFileSync(
      later,
      await buildXlsx(budgetWorkbook(), {
        modified: new Date("2026-01-15T09:00:00Z"),
      }),
    );
    writeFileSync(
      agreement,
      await buildXlsx(agreementPartGrant(), {
        modified: new Date("2025-06-01T09:00:00Z"),
      }),
    );
    const heldTo = (...grants: string[]) =>
      JSON.parse(
        run(
          "check",
          report,
          ...grants.flatMap((g) => ["--granted", g]),
          "--json",
        ).stdout,
      ).budgetSource.grants;
    for (const order of [
      [agreement, later],
      [later, agreement],
    ])
      expect(heldTo(...order)).toEqual([
        { file: later, periods: ["2025-H2", "2026-H1"] },
        { file: agreement, periods: [] },
      ]);
    expect(
      run("check", report, "--granted", agreement, "--granted", later).stdout,
    ).toContain(
      `Räknat mot den beviljade budgeten i ${later} (2025-H2, 2026-H1)\nInget av rapportens halvår räknas mot den beviljade budgeten i ${agreement}\n`,
    );
  });

  test("a report with no OH rate held to a grant of one: the header gives the grant's rate for its half-year and none for the other", async () => {
    const { put } = newFolder("utan-sats-");
    const report = await put(
      "rapport.xlsx",
      withDetail(reportAcrossGrants(), "OH-sats", null),
    );
    const agreement = await put("avtal.xlsx", agreementPartGrant());
    const held = run("check", report, "--granted", agreement);
    expect(held.stdout).toContain(
      "Avtalsperiod 2025-07-01 – 2026-06-30 · OH-sats 10 % (2025-H2), ingen (2026-H1)\n",
    );
    const json = JSON.parse(
      run("check", report, "--granted", agreement, "--json").stdout,
    );
    expect(json.agreement.overheadRate).toBe(0.1);
    expect(
      json.periods.map((p: { overheadRate: number | null }) => p.overheadRate),
    ).toEqual([0.1, null]);
  });

  test("an unreadable granted budget: exit 2, no report checked", () => {
    const r = run(
      "check",
      join(ROOT, "samples/jamlik-halsa-rapport-2024.xlsx"),
      "--granted",
      join(dir, "finns-inte.xlsx"),
      "--json",
    );
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).error.code).toBe("FILE_NOT_FOUND");
  });
});

describe("every real-world corpus workbook", () => {
  const corpus = join(__dirname, "..", "fixtures", "corpus");
  test.each(readdirSync(corpus).filter((f) => f.endsWith(".xlsx")))(
    "%s: one JSON line, exit 1 or 2, no stack trace",
    (file) => {
      const r = run("check", "--json", join(corpus, file));
      const lines = r.stdout.trim().split("\n");
      expect(lines).toHaveLength(1);
      const json = JSON.parse(lines[0]!);
      expect(r.stderr).toBe("");
      if (json.error) expect(r.code).toBe(2);
      else expect(r.code).toBe(1);
    },
  );
});

describe("the bundled sample workbooks (the README's main command)", () => {
  test("show the seed figures", () => {
    const r = run(
      "check",
      "--json",
      join(ROOT, "samples/jamlik-halsa-budget-2025-26.xlsx"),
      join(ROOT, "samples/jamlik-halsa-rapport-2024.xlsx"),
    );
    const [budget, report] = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(budget.periods.map((p: { budget: unknown }) => p.budget)).toEqual([
      { direct: 1008772, overhead: 100877, total: 1109649 },
      { direct: 1008772, overhead: 100877, total: 1109649 },
    ]);
    expect(report.repayment).toEqual({
      items: [
        { year: 2023, amount: 232886 },
        { year: 2024, amount: 147336 },
      ],
      total: 380222,
      due: "2025-06-30",
    });
    expect(r.code).toBe(0);
  });
});

describe("an OpenDocument spreadsheet (.ods), as LibreOffice saves by default", () => {
  const odsOf = (sample: string) => {
    const path = join(dir, sample.replace(/\.xlsx$/, ".ods"));
    writeFileSync(
      path,
      saveAsOds(readFileSync(join(ROOT, "samples", sample)), sample),
    );
    return path;
  };

  test("is read and checked with the same figures and findings as the .xlsx", () => {
    const ods = odsOf("jamlik-halsa-rapport-2024.xlsx");
    const fromOds = JSON.parse(run("check", "--json", ods).stdout);
    const fromXlsx = JSON.parse(
      run(
        "check",
        "--json",
        join(ROOT, "samples/jamlik-halsa-rapport-2024.xlsx"),
      ).stdout,
    );
    expect(fromOds.repayment).toEqual({
      items: [
        { year: 2023, amount: 232886 },
        { year: 2024, amount: 147336 },
      ],
      total: 380222,
      due: "2025-06-30",
    });
    expect(fromOds.periods).toEqual(fromXlsx.periods);
    expect(
      fromOds.findings.map((f: { code: string; cell: string }) => [
        f.code,
        f.cell,
      ]),
    ).toEqual(
      fromXlsx.findings.map((f: { code: string; cell: string }) => [
        f.code,
        f.cell,
      ]),
    );
  });

  test("compute says to save it as .xlsx, writes nothing and exits 2", () => {
    const ods = odsOf("jamlik-halsa-budget-2025-26.xlsx");
    const out = join(dir, "from-ods.xlsx");
    const r = run("compute", ods, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(
      /OpenDocument-kalkylark \(\.ods\).*spara den som \.xlsx/,
    );
    expect(() => readFileSync(out)).toThrow();
  });
});

describe("iop-budget compute", () => {
  test("writes the computed copy and prints the same JSON as check", async () => {
    const input = await write("compute-in.xlsx", reportWorkbook());
    const out = join(dir, "compute-out.xlsx");
    const r = run("compute", input, "--out", out, "--json");
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    const checked = JSON.parse(run("check", input, "--json").stdout);
    expect(printed).toEqual(checked);
    const again = JSON.parse(run("check", out, "--json").stdout);
    expect(again.repayment.total).toBe(380222);
    expect(readdirSync(dir)).toContain("compute-out.xlsx");
  });

  test("never writes over the input, not even with --force; an existing file only with --force", async () => {
    const input = await write("force-in.xlsx", budgetWorkbook());
    const before = readFileSync(input);
    for (const force of [[], ["--force"]]) {
      const r = run("compute", input, "--out", input, ...force);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `--out är samma fil som indata (${input}). Välj ett annat namn: originalet skrivs aldrig över.\n`,
      );
      expect(readFileSync(input).equals(before)).toBe(true);
    }
    const other = join(dir, "force-out.xlsx");
    writeFileSync(other, "a person's file");
    const refused = run("compute", input, "--out", other);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--force");
    expect(readFileSync(other, "utf8")).toBe("a person's file");
    const forced = run("compute", input, "--out", other, "--force");
    expect(forced.code).toBe(0);
    expect(
      JSON.parse(run("check", other, "--json").stdout).periods,
    ).toHaveLength(2);
  });

  test("writes the workbook also when there are error findings (exit 1), listing them on Beslut", async () => {
    const input = await write("errors-in.xlsx", [
      detailsSheet({ orgNumber: "802002-8639" }),
      ...budgetWorkbook().slice(1),
    ]);
    const out = join(dir, "errors-out.xlsx");
    const r = run("compute", input, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(out);
    const beslut = readXlsx(readFileSync(out)).sheets.find(
      (s) => s.name === "Beslut",
    )!;
    expect(JSON.stringify(beslut.rows)).toContain("INVALID_ORG_NUMBER");
  });

  test("writes nothing when the input cannot be read (exit 2)", () => {
    const bad = join(dir, "broken.xlsx");
    writeFileSync(bad, "not a workbook");
    const out = join(dir, "never.xlsx");
    const r = run("compute", bad, "--out", out, "--json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe("NOT_A_WORKBOOK");
    expect(readdirSync(dir)).not.toContain("never.xlsx");
  });

  test("a zip archive of workbooks where one workbook is taken (compute, diff, --granted) is said as such, not as a file that is no workbook", async () => {
    const report = await buildXlsx(reportWorkbook());
    const budget = await buildXlsx(budgetWorkbook());
    const zip = join(dir, "OneDrive_1_2026-12-07.zip");
    writeFileSync(
      zip,
      zipSync({
        "Inkommet/rapport.xlsx": report,
        "Inkommet/budget.xlsx": budget,
      }),
    );
    const out = join(dir, "never-from-zip.xlsx");
    const computed = run("compute", zip, "--out", out, "--json");
    expect(computed.code).toBe(2);
    expect(JSON.parse(computed.stdout).error).toEqual({
      code: "ARCHIVE_OF_WORKBOOKS",
      message:
        "Filen är ett zip-arkiv med arbetsböcker, inte en arbetsbok. Packa upp det och ange arbetsboken; iop-budget check och memo läser också hela arkivet.",
    });
    expect(readdirSync(dir)).not.toContain("never-from-zip.xlsx");
    const reportFile = await write("rapport-zip.xlsx", reportWorkbook());
    const diffed = run("diff", zip, reportFile, "--lang", "en");
    expect(diffed.code).toBe(2);
    expect(diffed.stderr + diffed.stdout).toContain(
      "The file is a zip archive of workbooks, not a workbook. Unpack it and give the workbook; iop-budget check and memo also read the whole archive. [ARCHIVE_OF_WORKBOOKS]",
    );
    const granted = run("check", reportFile, "--granted", zip);
    expect(granted.code).toBe(2);
    expect(granted.stderr + granted.stdout).toContain("[ARCHIVE_OF_WORKBOOKS]");
    // A zip that holds no workbook is no workbook, as before.
    const other = join(dir, "bilder.zip");
    writeFileSync(other, zipSync({ "bild.txt": strToU8("x") }));
    expect(
      JSON.parse(run("compute", other, "--out", out, "--json").stdout).error
        .code,
    ).toBe("NOT_A_WORKBOOK");
  });

  test("check of a workbook from which no half-year is read prints no repayment, as the page and the pane show none (its Uppgifter states a surplus of 2023)", async () => {
    const input = await write(
      "only-details.xlsx",
      reportWorkbook().slice(0, 1),
    );
    const text = run("check", input);
    expect(text.stdout).toContain("[NO_HALF_YEAR_SHEET]");
    expect(text.stdout).not.toContain("Återbetalning");
    expect(text.stdout).not.toContain("232");
    expect(
      JSON.parse(run("check", input, "--json").stdout).repayment,
    ).toMatchObject({
      items: [],
      total: 0,
    });
  });

  test("a workbook from which no half-year is read (a ledger) is not computed: exit 2, the reason, and no file", () => {
    const ledger = join(__dirname, "..", "fixtures", "corpus", "gold.xlsx");
    const out = join(dir, "ledger-out.xlsx");
    const text = run("compute", ledger, "--out", out);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe("");
    expect(text.stderr).toBe(
      `== ${ledger}\nKunde inte beräknas: Inget halvår kunde läsas ur arbetsboken, så det finns inget att beräkna och ingen kopia skrevs. Kör iop-budget check på den för att se varför. [NOTHING_TO_COMPUTE]\n`,
    );
    const json = run("compute", ledger, "--out", out, "--json", "--lang", "en");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      file: ledger,
      error: {
        code: "NOTHING_TO_COMPUTE",
        message:
          "No half-year could be read from the workbook, so there is nothing to compute and no copy was written. Run iop-budget check on it to see why.",
      },
    });
    expect(readdirSync(dir)).not.toContain("ledger-out.xlsx");
    // check of the same file says why.
    expect(
      JSON.parse(run("check", ledger, "--json").stdout).findings.map(
        (f: { code: string }) => f.code,
      ),
    ).toContain("NO_HALF_YEAR_SHEET");
  });

  test("--out is required", async () => {
    const input = await write("noout.xlsx", budgetWorkbook());
    expect(run("compute", input).code).toBe(2);
  });
});

describe("iop-budget template", () => {
  test("writes a template for the period whose check says what to fill in Uppgifter, and nothing else", () => {
    const out = join(dir, "mall.xlsx");
    const r = run(
      "template",
      "--out",
      out,
      "--from",
      "2025-07",
      "--to",
      "2026-06",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(out);
    const checked = run("check", out, "--json");
    expect(checked.code).toBe(1);
    expect(
      (
        JSON.parse(checked.stdout) as {
          findings: { code: string; cell: string }[];
        }
      ).findings.map((f) => `${f.code} ${f.cell}`),
    ).toEqual(["MISSING_DETAIL B1", "MISSING_DETAIL B3"]);
  });

  test("without a period it makes one for the coming twelve months", () => {
    const out = join(dir, "mall-default.xlsx");
    expect(run("template", "--out", out).code).toBe(0);
    expect(JSON.parse(run("check", out, "--json").stdout).periods).toHaveLength(
      2,
    );
  });

  test("a bad period or an existing file is bad usage", () => {
    expect(
      run(
        "template",
        "--out",
        join(dir, "x.xlsx"),
        "--from",
        "2025-13",
        "--to",
        "2026-06",
      ).code,
    ).toBe(2);
    expect(
      run(
        "template",
        "--out",
        join(dir, "x.xlsx"),
        "--from",
        "2026-07",
        "--to",
        "2026-06",
      ).code,
    ).toBe(2);
    expect(
      run("template", "--out", join(dir, "x.xlsx"), "--from", "2025-07").code,
    ).toBe(2);
    expect(
      run(
        "template",
        "--out",
        join(dir, "mall.xlsx"),
        "--from",
        "2025-07",
        "--to",
        "2026-06",
      ).code,
    ).toBe(2);
  });
});

describe("iop-budget check --scenario", () => {
  test("computes a scenario stored in the workbook; an unknown name exits 2 and lists the saved ones", async () => {
    const { analyze, keyOfLine, planScenarioSave, withInputs } =
      await import("../../src/core");
    const { applyPlan } = await import("../../src/xlsx/write");
    const bytes = await buildXlsx(budgetWorkbook({ typedSalaries: false }));
    const grids = readXlsx(bytes);
    const base = analyze(grids);
    const line = keyOfLine({ category: "salary", label: "Hälsofrämjare" });
    const shown = analyze(
      withInputs(grids, base.workbook, [
        {
          sheet: "Budget 2026 H1",
          line,
          field: "servicePercent",
          value: 300_000_000,
        },
      ]),
    );
    const path = join(dir, "scenarier.xlsx");
    writeFileSync(
      path,
      applyPlan(
        bytes,
        planScenarioSave(
          grids,
          shown.workbook,
          "300 procent",
          "2026-11-30 10:00",
        ),
      ),
    );

    const own = JSON.parse(run("check", path, "--json").stdout);
    expect(
      own.periods.map((p: { budget: { total: number } }) => p.budget.total),
    ).toEqual([1109649, 1109649]);
    expect(own.scenario).toBeUndefined();
    const r = run("check", path, "--json", "--scenario", "300 procent");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.scenario).toEqual({
      name: "300 procent",
      saved: "2026-11-30 10:00",
      changed: 1,
      missing: [],
    });
    expect(
      json.periods.map((p: { budget: { total: number } }) => p.budget.total),
    ).toEqual([1109649, 1183899]);
    expect(json.periods[1].lines[0]).toMatchObject({
      label: "Hälsofrämjare",
      servicePercent: 300,
      budget: 810000,
    });
    const text = run("check", path, "--scenario", "300 procent");
    expect(text.stdout).toContain(
      'Scenario "300 procent" (sparat 2026-11-30 10:00): 1 värde skiljer sig från arbetsbokens celler',
    );

    const missing = run("check", path, "--scenario", "400 procent");
    expect(missing.code).toBe(2);
    // On stderr, as every error; not "could not be read": the file was read.
    expect(missing.stderr).toBe(
      `== ${path}\nKunde inte beräknas: Arbetsboken har inget scenario som heter "400 procent". Sparade scenarier: 300 procent. [SCENARIO_NOT_FOUND]\n`,
    );
  });
  test("a scenario of the template that puts a person of Lönekalkyl at full time: the line, the OH and the total follow, with no finding", async () => {
    const { analyze, personKeys, planScenarioSave, withInputs } =
      await import("../../src/core");
    const { applyPlan } = await import("../../src/xlsx/write");
    const bytes = templateAsSaved();
    const grids = readXlsx(bytes);
    const base = analyze(grids);
    const [line] = [...personKeys(base.workbook.salaries!)].find(
      ([, p]) => p.name === "Hälsofrämjare 3",
    )!;
    const shown = analyze(
      withInputs(grids, base.workbook, [
        { sheet: "Lönekalkyl", line, field: "grade", value: 100_000_000 },
      ]),
    );
    const path = join(dir, "mall-scenario.xlsx");
    writeFileSync(
      path,
      applyPlan(
        bytes,
        planScenarioSave(grids, shown.workbook, "Heltid", "2026-12-06 10:00"),
      ),
    );
    const r = run("check", path, "--json", "--scenario", "Heltid");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.scenario).toEqual({
      name: "Heltid",
      saved: "2026-12-06 10:00",
      changed: 1,
      missing: [],
    });
    // Hälsofrämjare 783 870 kr for 723 623, the OH 10 % of the lines: 105 702 kr.
    expect(
      json.periods.map((p: { budget: { total: number } }) => p.budget.total),
    ).toEqual([1162721, 1162721]);
    expect(json.periods[0].lines[0]).toMatchObject({
      label: "Hälsofrämjare",
      servicePercent: 300,
      budget: 783870,
    });
    expect(
      json.findings.filter((f: { severity: string }) => f.severity !== "info"),
    ).toEqual([]);
  }, 120_000);
});

test("the counts read as words do: one warning, one error", () => {
  const { CLI_TEXT } = jest.requireActual<
    typeof import("../../src/cli/messages")
  >("../../src/cli/messages");
  expect(CLI_TEXT.sv.findings(1, 1, 0)).toBe(
    "Fynd: 1 fel, 1 varning, 0 information",
  );
  expect(CLI_TEXT.sv.findings(0, 2, 1)).toBe(
    "Fynd: 0 fel, 2 varningar, 1 information",
  );
  expect(CLI_TEXT.en.findings(1, 1, 0)).toBe(
    "Findings: 1 error, 1 warning, 0 information",
  );
  expect(CLI_TEXT.en.findings(2, 0, 0)).toBe(
    "Findings: 2 errors, 0 warnings, 0 information",
  );
  expect(CLI_TEXT.sv.againstGranted("b.xlsx", "")).not.toContain("()");
});

describe("usage errors in the user's language", () => {
  const HELP_SV =
    "Skriv iop-budget --help för kommandona, iop-budget <kommando> --help för ett kommando.";
  test.each([
    [["memo"], "Ange --out FIL."],
    [["check"], "Ange arbetsböckerna."],
    [["chek", "x.xlsx"], "Okänt kommando: chek. Menade du check?"],
    [["check", "--bogus", "x.xlsx"], "Okänd flagga: --bogus."],
    [
      ["check", "x.xlsx", "--lang", "fr"],
      "fr går inte för --lang LANG: välj sv eller en.",
    ],
  ])("%j: %s", (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${message}\n${HELP_SV}\n`);
  });

  test("in English with --lang en, wherever it stands", () => {
    for (const args of [
      ["compute", "x.xlsx", "--lang", "en"],
      ["compute", "--lang=en", "x.xlsx"],
    ]) {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        "Give --out FILE.\nType iop-budget --help for the commands, iop-budget <command> --help for one.\n",
      );
    }
  });
});
