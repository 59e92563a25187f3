// The iop-budget command as a user runs it: the built bin, real files, exit codes and JSON lines.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { budgetWorkbook, detailsSheet, reportWorkbook } from "../helpers/seed";
import { buildXlsx } from "../helpers/workbook";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "iop-budget.js");
const dir = mkdtempSync(join(tmpdir(), "iop-cli-"));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function write(name: string, sheets: Parameters<typeof buildXlsx>[0]): Promise<string> {
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
    expect(b.periods.map((p: { budget: { total: number } }) => p.budget.total)).toEqual([1109649, 1109649]);
    expect(b.periods[0].lines[0]).toMatchObject({ row: 4, category: "salary", label: "Hälsofrämjare", servicePercent: 275, months: 6, monthlyCost: 45000, budget: 742500, overhead: 74250, actual: null, variance: null, overspent: false });
    expect(b.agreement).toMatchObject({ name: "Jämlik hälsa Lindängen", caseNumber: "STK-2020-1375", organisation: "Rädda Barnen", orgNumber: "802002-8638", start: "2025-07-01", end: "2026-06-30", overheadRate: 0.1 });
    expect(rep.years).toEqual([{ year: 2024, budget: 1925000, actual: 1777664, surplus: 147336, partial: false }]);
    expect(rep.repayment.total).toBe(380222);
    expect(rep.periods[0].actual).toMatchObject({ direct: 808028, overhead: 80803, eligibleOverhead: 80803, total: 888831 });
    expect(r.code).toBe(0);
  });

  test("exits 1 when a file has an error finding", async () => {
    const bad = await write("bad.xlsx", [budgetWorkbook()[1]!]);
    const r = run("check", "--json", bad);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.some((f: { code: string; severity: string }) => f.code === "NO_DETAILS_SHEET" && f.severity === "error")).toBe(true);
  });

  test("exits 2 with a JSON error object for a file that is not a workbook, and still checks the others", async () => {
    const text = join(dir, "notes.xlsx");
    writeFileSync(text, "not a workbook");
    const good = await write("good.xlsx", budgetWorkbook());
    const r = run("check", "--json", text, good, join(dir, "missing.xlsx"));
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ file: text, error: { code: "NOT_A_WORKBOOK", message: expect.any(String) } });
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
    expect(r.findings.find((f: { code: string }) => f.code === "OVERSPENT").message).toMatch(/is overspent by SEK 36,687/);
  });
});

describe("iop-budget check (human report)", () => {
  test("shows the key figures and the findings grouped by sheet, in Swedish", async () => {
    const path = await write("report-human.xlsx", reportWorkbook());
    const r = run("check", path);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("överskott 147 336 kr");
    expect(r.stdout).toContain("232 886 kr (2023) + 147 336 kr (2024) = 380 222 kr senast 2025-06-30");
    expect(r.stdout).toMatch(/Utfall 2024 H1\n\s+VARNING\s+C4\s+Posten "Verksamhetskostnader: aktiviteter" är överskriden/);
  });

  test("says that a clean workbook has no findings", async () => {
    const path = await write("clean.xlsx", [detailsSheet({ end: "2025-12-31" }), budgetWorkbook()[1]!]);
    const r = run("check", path);
    expect(r.stdout).toContain("1 109 649");
    expect(r.stdout).toContain("Inga fynd");
  });
});

describe("every real-world corpus workbook", () => {
  const corpus = join(__dirname, "..", "fixtures", "corpus");
  test.each(readdirSync(corpus).filter((f) => f.endsWith(".xlsx")))("%s: one JSON line, exit 1 or 2, no stack trace", (file) => {
    const r = run("check", "--json", join(corpus, file));
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(r.stderr).toBe("");
    if (json.error) expect(r.code).toBe(2);
    else expect(r.code).toBe(1);
  });
});

describe("the bundled sample workbooks (the README's main command)", () => {
  test("show the seed figures", () => {
    const r = run("check", "--json", join(ROOT, "samples/jamlik-halsa-budget-2025-26.xlsx"), join(ROOT, "samples/jamlik-halsa-rapport-2024.xlsx"));
    const [budget, report] = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(budget.periods.map((p: { budget: unknown }) => p.budget)).toEqual([
      { direct: 1008772, overhead: 100877, total: 1109649 },
      { direct: 1008772, overhead: 100877, total: 1109649 },
    ]);
    expect(report.repayment).toEqual({ items: [{ year: 2023, amount: 232886 }, { year: 2024, amount: 147336 }], total: 380222, due: "2025-06-30" });
    expect(r.code).toBe(0);
  });
});
