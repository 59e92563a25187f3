// `iop-budget diff OLD NEW`: the built bin on two versions of the seed budget.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Analysis,
  type Cell,
  analyseWorkbook,
  diffWorkbooks,
  largest,
} from "../../src/core";
import { runDiff } from "../../src/cli/diff";
import { readXlsx } from "../../src/xlsx/read";
import {
  budgetHalfYearSheet,
  budgetWorkbook,
  detailsSheet,
  EXTENSION_KEYS,
  HEADERS,
  salaryWorkbook,
  typeset,
} from "../helpers/seed";
import { type SheetSpec, buildXlsx, date, kr, pct } from "../helpers/workbook";
import { tempDir } from "../helpers/temp";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "iop-budget.js");
const dir = tempDir("iop-diff-");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function write(
  name: string,
  sheets: readonly SheetSpec[],
): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await buildXlsx(sheets));
  return path;
}

/** The economist's next version: 275 % → 300 % in 2026 H1, the activities line renamed, a later report-back. */
function nextVersion(): SheetSpec[] {
  const details = detailsSheet({ extra: EXTENSION_KEYS });
  const h2 = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", {
    typedSalaries: false,
  });
  const h1 = budgetHalfYearSheet("Budget 2026 H1", "januari–juni 2026", {
    typedSalaries: false,
  });
  return [
    {
      ...details,
      rows: details.rows.map((r) =>
        r[0] === "Återrapportering senast" ? [r[0], date("2026-03-01")] : r,
      ),
    },
    {
      ...h2,
      rows: h2.rows.map((r, i) =>
        i === 5
          ? [
              "Verksamhet",
              "Aktiviteter och material",
              null,
              null,
              null,
              kr(100000),
            ]
          : r,
      ),
    },
    {
      ...h1,
      rows: h1.rows.map((r, i) =>
        i === 3 ? ["Lön", "Hälsofrämjare", pct(3), 6, kr(45000), null] : r,
      ),
    },
  ];
}

describe("iop-budget diff", () => {
  test("--json lists each changed cell with old and new values, the new totals, and exits 1", async () => {
    const old = await write(
      "v1.xlsx",
      budgetWorkbook({ typedSalaries: false }),
    );
    const next = await write("v2.xlsx", nextVersion());
    const r = run("diff", old, next, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const d = JSON.parse(lines[0]!);
    expect(Object.keys(d)).toEqual([
      "old",
      "new",
      "changes",
      "effects",
      "otherCases",
    ]);
    expect(d.changes).toEqual([
      {
        sheet: "Uppgifter",
        cell: "B8",
        line: null,
        field: "reportDue",
        old: "2026-02-01",
        new: "2026-03-01",
      },
      {
        sheet: "Budget 2025 H2",
        cell: "B6",
        line: "Aktiviteter och material",
        field: "label",
        old: "Verksamhetskostnader",
        new: "Aktiviteter och material",
      },
      {
        sheet: "Budget 2026 H1",
        cell: "C4",
        line: "Hälsofrämjare",
        field: "servicePercent",
        old: 275,
        new: 300,
      },
    ]);
    expect(d.effects.halfYears).toEqual([
      { id: "2025-H2", old: 1109649, new: 1109649 },
      { id: "2026-H1", old: 1109649, new: 1183899 },
    ]);
    expect(d.effects.grantTotal).toEqual({ old: 2219298, new: 2293548 });
    expect(d.effects.grantsByYear).toEqual([
      { year: 2025, old: 1109649, new: 1109649 },
      { year: 2026, old: 1109649, new: 1183899 },
    ]);
  });

  test("the report names each cell and the effect in kronor", async () => {
    const r = run(
      "diff",
      await write("a.xlsx", budgetWorkbook({ typedSalaries: false })),
      await write("b.xlsx", nextVersion()),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("3 ändringar:");
    expect(r.stdout).toMatch(
      /Budget 2026 H1 C4 +Hälsofrämjare, tjänstgöringsgrad: 275 % → 300 %/,
    );
    expect(r.stdout).toMatch(
      /Uppgifter B8 +Återrapportering senast: 2026-02-01 → 2026-03-01/,
    );
    expect(r.stdout).toContain(
      typeset("Totalt 2026-H1: 1 109 649 → 1 183 899 kr (+74 250)"),
    );
  });

  test("a salary in Lönekalkyl: the person's cell, line and name, in both languages, and exit 1", async () => {
    const old = await write("pay-a.xlsx", salaryWorkbook());
    const raised = await write(
      "pay-b.xlsx",
      salaryWorkbook().map((sheet) =>
        sheet.name !== "Lönekalkyl"
          ? sheet
          : {
              ...sheet,
              rows: sheet.rows.map((r, i) =>
                i === 3 ? r.map((v, j) => (j === 3 ? kr(35000) : v)) : r,
              ),
            },
      ),
    );
    const sv = run("diff", old, raised);
    expect(sv.code).toBe(1);
    expect(sv.stdout).toContain("1 ändring:");
    expect(sv.stdout).toMatch(
      new RegExp(
        `Lönekalkyl D4 +Hälsofrämjare \\(Person A\\), månadslön: ${typeset("32 000 kr")} → ${typeset("35 000 kr")}`,
      ),
    );
    const en = run("diff", old, raised, "--lang", "en");
    expect(en.stdout).toMatch(
      /Lönekalkyl D4 +Hälsofrämjare \(Person A\), monthly salary: /,
    );
  });

  test("a file against itself exits 0; a line added or removed is named; an unreadable file exits 2", async () => {
    const old = await write("same.xlsx", budgetWorkbook());
    const same = run("diff", old, old, "--json");
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).changes).toEqual([]);
    const h2 = budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025");
    const added = [
      detailsSheet({ extra: EXTENSION_KEYS }),
      {
        ...h2,
        rows: [
          ...h2.rows.slice(0, 6),
          ["Verksamhet", "Lokalhyra", null, null, null, kr(20000)],
          h2.rows[6]!,
        ],
      },
      budgetWorkbook()[2]!,
    ];
    const d = JSON.parse(
      run("diff", old, await write("added.xlsx", added), "--json").stdout,
    );
    // The line, then its figures: "Post: – → Lokalhyra" alone left its 20 000 kr to be worked out.
    expect(d.changes).toEqual([
      {
        sheet: "Budget 2025 H2",
        cell: "B7",
        line: "Lokalhyra",
        field: "line",
        old: null,
        new: "Lokalhyra",
      },
      {
        sheet: "Budget 2025 H2",
        cell: "F7",
        line: "Lokalhyra",
        field: "budget",
        old: null,
        new: 20000,
      },
    ]);
    const back = JSON.parse(
      run("diff", await write("added2.xlsx", added), old, "--json").stdout,
    );
    expect(back.changes).toEqual([
      {
        sheet: "Budget 2025 H2",
        cell: "B7",
        line: "Lokalhyra",
        field: "line",
        old: "Lokalhyra",
        new: null,
      },
      {
        sheet: "Budget 2025 H2",
        cell: "F7",
        line: "Lokalhyra",
        field: "budget",
        old: 20000,
        new: null,
      },
    ]);
    expect(run("diff", old, await write("added3.xlsx", added)).stdout).toMatch(
      /Budget 2025 H2 F7 +Lokalhyra, budget: – → 20\s000\skr/,
    );
    const missing = run("diff", old, join(dir, "finns-inte.xlsx"), "--json");
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.code).toBe("FILE_NOT_FOUND");
  });

  test("versions of different cases: said first, as the page says it, and in the JSON", async () => {
    const old = await write("case-a.xlsx", budgetWorkbook());
    const details = detailsSheet({ extra: EXTENSION_KEYS });
    const other = await write("case-b.xlsx", [
      {
        ...details,
        rows: details.rows.map((r) =>
          r[0] === "Diarienummer" ? ["Diarienummer", "STK-2099-0001"] : r,
        ),
      },
      ...budgetWorkbook().slice(1),
    ]);
    const text = run("diff", old, other);
    expect(text.stdout.split("\n").slice(0, 3)).toEqual([
      `== ${old} → ${other}`,
      "Filerna hör till olika ärenden (STK-2020-1375 och STK-2099-0001). Skillnaderna visas ändå; kontrollera att det är rätt filer.",
      "1 ändring:",
    ]);
    expect(run("diff", old, other, "--lang", "en").stdout).toContain(
      "The files belong to different cases (STK-2020-1375 and STK-2099-0001).",
    );
    const json = JSON.parse(run("diff", old, other, "--json").stdout);
    expect(json.otherCases).toEqual({
      old: "STK-2020-1375",
      new: "STK-2099-0001",
    });
    // One case: no warning, and null in the JSON.
    expect(JSON.parse(run("diff", old, old, "--json").stdout).otherCases).toBe(
      null,
    );
    expect(run("diff", old, old).stdout).not.toContain("olika ärenden");
  });
});

test("--lang en: no Swedish but the workbook's own names, which English glosses", () => {
  const budget = join(ROOT, "samples", "jamlik-halsa-budget-2025-26.xlsx");
  const report = join(ROOT, "samples", "jamlik-halsa-rapport-2024.xlsx");
  const r = run("diff", budget, report, "--lang", "en");
  expect(r.code).toBe(1);
  const keys = r.stdout
    .split("\n")
    .filter((l) => l.startsWith("  Uppgifter"))
    .map((l) => l.replace(/^\s+Uppgifter\s+B\d+\s+/, "").split(":")[0]);
  expect(keys).toEqual([
    "Agreement from (Avtalsperiod från)",
    "Agreement to (Avtalsperiod till)",
    "Repayment due (Återbetalning senast)",
    "Agreement type (Avtalstyp)",
    "Signed by (Undertecknas av)",
    "Appropriation (Anslag)",
    "Surplus 2023",
  ]);
});

describe("a diff of two large versions is written as it is made", () => {
  const LINES = 50_000;
  const s = (v: string): Cell => ({ t: "s", v });
  const n = (v: number): Cell => ({ t: "n", v, fmt: "#,##0" });
  /** One half-year of reported activity lines; `shift` moves every actual. */
  const version = async (shift: number): Promise<Analysis> => {
    const rows: Cell[][] = [HEADERS.map(s)];
    for (let i = 0; i < LINES; i++) {
      const row = [s("Verksamhet"), s(`Aktivitet ${i}`)];
      row[5] = n(1000);
      row[6] = n(900 + shift);
      rows.push(row);
    }
    rows.push([s("OH"), s("OH-kostnader")]);
    const details = readXlsx(await buildXlsx([detailsSheet()])).sheets;
    return analyseWorkbook({
      sheets: [...details, { name: "Budget 2025 H2", rows }],
    }).analysis;
  };
  let versions: { old: Analysis; new: Analysis };
  beforeAll(async () => {
    versions = { old: await version(0), new: await version(1) };
  });
  /** The pieces runDiff writes, and its exit code. */
  const written = (json: boolean) => {
    const pieces: string[] = [];
    const code = runDiff(
      {
        old: "v1.xlsx",
        new: "v2.xlsx",
        oldAnalysis: versions.old,
        newAnalysis: versions.new,
      },
      { json, lang: "sv" },
      (chunks) => {
        for (const c of chunks) pieces.push(c);
      },
    );
    return { code, pieces, text: pieces.join("") };
  };

  test("text: a line per changed cell, in pieces of a line, never the whole report as one string", () => {
    const { code, pieces, text } = written(false);
    expect(code).toBe(1);
    const lines = text.split("\n");
    const changed = lines.filter((l) => /^ {2}Budget 2025 H2 G\d+ /.test(l));
    expect(changed).toHaveLength(LINES);
    expect(changed[0]).toMatch(/^ {2}Budget 2025 H2 G2 +Aktivitet 0, /);
    expect(changed[0]).toMatch(/, utfall: 900\skr → 901\skr$/);
    expect(text.length).toBeGreaterThan(3_000_000);
    // Pieces of a line (and its break), not of a character.
    expect(largest(pieces.map((p) => p.length))).toBeLessThan(200);
    expect(pieces.length).toBeLessThan(2 * lines.length);
  });

  test("JSON: the same object JSON.stringify would give, in pieces of at most some tens of kilobytes", () => {
    const { pieces, text } = written(true);
    const d = diffWorkbooks(versions.old, versions.new);
    expect(text).toBe(
      JSON.stringify({
        old: "v1.xlsx",
        new: "v2.xlsx",
        changes: d.changes,
        effects: d.effects,
        otherCases: null,
      }),
    );
    expect(d.changes).toHaveLength(LINES);
    expect(largest(pieces.map((p) => p.length))).toBeLessThan(100_000);
    expect(pieces.length).toBeLessThan(text.length / 1000);
  });
});
