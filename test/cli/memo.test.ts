// `iop-budget memo` as a user runs it: the built bin on the bundled samples of the seed case, the
// Word file opened by LibreOffice Writer, its text read back, its first page drawn for people.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { SaxesParser } from "saxes";
import { convertDocument } from "../helpers/libreoffice";
import { planTemplate } from "../../src/core";
import { createWorkbook } from "../../src/xlsx/write";
import { runMeasured } from "../helpers/measured";
import {
  SEED_PERIOD_TABLE,
  activitySheet,
  SEED_YEAR_TABLE,
  agreementPartGrant,
  budgetWorkbook,
  detailsSheet,
  extensionPartGrant,
  reportAcrossGrants,
  reportOnGrantSheets,
  reportWorkbook,
  typeset,
  withDetail,
} from "../helpers/seed";
import { type SheetSpec, buildXlsx, kr } from "../helpers/workbook";
import { withDetails } from "../helpers/template";
import { tempDir } from "../helpers/temp";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "iop-budget.js");
const REPORT = join(ROOT, "samples", "jamlik-halsa-rapport-2024.xlsx");
const BUDGET = join(ROOT, "samples", "jamlik-halsa-budget-2025-26.xlsx");
const OUTPUT = join(ROOT, "test-output", "memo");
const dir = tempDir("iop-memo-");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** LibreOffice's text of a document, one paragraph or table cell per line, spaces made plain. */
function textOf(docx: Uint8Array): string[] {
  return convertDocument(docx, "txt:Text (encoded):UTF8")
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .replace(/\u00a0/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim());
}

describe("iop-budget memo", () => {
  let memoPath = "";
  let text: string[] = [];
  let stdout = "";

  beforeAll(() => {
    memoPath = join(dir, "beslutsunderlag.docx");
    const r = run("memo", REPORT, BUDGET, "--out", memoPath);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    stdout = r.stdout;
    text = textOf(readFileSync(memoPath));
  });

  test("the Word file opens in LibreOffice with the heading and the seven points of the seed, numbered", () => {
    expect(text.slice(0, 3)).toEqual([
      "Beslutsunderlag: Jämlik hälsa Lindängen",
      "Dnr STK-2020-1375",
      "Rädda Barnen (org.nr 802002-8638)",
    ]);
    const points = text.filter((l) => /^\d\. Kommunstyrelsen /.test(l));
    expect(points.map((p) => p.slice(0, 2))).toEqual([
      "1.",
      "2.",
      "3.",
      "4.",
      "5.",
      "6.",
      "7.",
    ]);
    expect(points[1]).toContain(
      "232 886 kronor samt 147 336 kronor från verksamhetsperioden 2023 samt 2024 återbetalas från Rädda Barnen till kommunstyrelsen senast juni 2025",
    );
    expect(points[4]).toContain(
      "beviljar Rädda Barnen 1 109 649 kronor från kommunstyrelsens anslag för projekt och utredningar",
    );
    expect(points[6]).toContain(
      "januari till och med december 2025 till stadskontoret senast 1 februari 2026",
    );
  });

  test("both tables, cell by cell, with every figure the seed prints, each after the seed's sentence", () => {
    // The heading, the sentence written from the table's figures, then the table.
    const after = (heading: string, n: number) =>
      text.slice(text.indexOf(heading) + 2, text.indexOf(heading) + 2 + n);
    const sentence = (heading: string) => text[text.indexOf(heading) + 1];
    expect(sentence("Ekonomisk redovisning för 2024")).toBe(
      "Tabellen redovisar hur beviljade medel (1 925 000 kronor) från kommunstyrelsen har förbrukats under perioden 1 januari till och med 31 december 2024. Budgeten för verksamhetsåret 2024 var 1 925 000 kronor, medan det faktiska utfallet uppgick till 1 777 664 kronor. Differensen mellan budget och utfall blev 147 336 kronor.",
    );
    expect(after("Ekonomisk redovisning för 2024", 32)).toEqual(
      [["2024", "Budget", "Utfall", "Differens"], ...SEED_YEAR_TABLE].flat(),
    );
    expect(sentence("Budgetförslag juli 2025 – juni 2026")).toBe(
      "En redogörelse till förslag om finansiering för Jämlik hälsa Lindängen under perioden juli 2025 till och med juni 2026 presenteras nedan.",
    );
    expect(after("Budgetförslag juli 2025 – juni 2026", 24)).toEqual(
      [
        [
          "Budget juli 2025 – juni 2026",
          "Procent av tjänst",
          "Antal månader",
          "Belopp (kr)",
        ],
        ...SEED_PERIOD_TABLE,
      ].flat(),
    );
  });

  test("the tjänsteskrivelse's sections in the seed's order; what only an official can write is marked", () => {
    const headings = [
      "Sammanfattning",
      "Förslag till beslut",
      "Beslutsunderlag",
      "Beslutsplanering",
      "Beslutet skickas till",
      "Ärendet",
      "Ekonomisk redovisning för 2024",
      "Budgetförslag juli 2025 – juni 2026",
      "Stadskontorets bedömning",
      "Ansvariga",
      "Bilaga: fynd i arbetsböckerna",
    ];
    const at = headings.map((h) => text.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const section = (h: string) =>
      text.slice(
        text.indexOf(h) + 1,
        at.find((i) => i > text.indexOf(h)),
      );
    expect(section("Sammanfattning")).toEqual([
      "I detta ärende återrapporteras verksamheten för perioden januari till och med december 2024.",
      "En förlängning av nuvarande partnerskapsavtal har tagits fram för perioden juli 2025 till och med juni 2026.",
      "[Stadskontoret skriver: avtalets bakgrund, syfte och stadskontorets förslag i korthet.]",
    ]);
    expect(section("Beslutet skickas till")).toEqual([
      "• arbetsmarknads- och socialförvaltningen",
      "• kulturförvaltningen",
      "• Rädda Barnen",
      "• Stadskontoret",
    ]);
    // The seed's repayment sentence, word for word.
    expect(section("Stadskontorets bedömning")).toContain(
      "Stadskontoret förordar att överskjutande medel från 2023 (232 886 kronor) samt 2024 (147 336 kronor) ska återbetalas från Rädda Barnen till kommunstyrelsen senast juni 2025.",
    );
    // Placeholders are highlighted in the document itself.
    const xml = strFromU8(
      unzipSync(readFileSync(memoPath))["word/document.xml"]!,
    );
    expect(xml).toMatch(
      /<w:highlight w:val="yellow"\/>.*?\[Stadskontoret skriver: avtalets bakgrund/s,
    );
    // Every page has the Dnr in its header and its number in the footer.
    const parts = unzipSync(readFileSync(memoPath));
    const header = Object.keys(parts).find((p) =>
      /word\/header\d*\.xml/.test(p),
    )!;
    expect(strFromU8(parts[header]!)).toContain("Dnr STK-2020-1375");
    const footer = Object.keys(parts).find((p) =>
      /word\/footer\d*\.xml/.test(p),
    )!;
    expect(strFromU8(parts[footer]!)).toMatch(/Sida .*PAGE.*av .*NUMPAGES/s);
  });

  test("the findings as an appendix, with their file", () => {
    const appendix = text.slice(text.indexOf("Bilaga: fynd i arbetsböckerna"));
    expect(appendix.slice(1, 6)).toEqual([
      "Fil",
      "Allvarlighet",
      "Blad",
      "Cell",
      "Meddelande",
    ]);
    expect(appendix).toContain("jamlik-halsa-rapport-2024.xlsx");
    expect(
      appendix.some((l) =>
        l.includes(
          '"Verksamhetskostnader: aktiviteter" är överskriden med 36 687 kr',
        ),
      ),
    ).toBe(true);
  });

  test("the terminal shows the same tables and where the file is", () => {
    expect(stdout).toMatch(
      /Verksamhetskostnader: aktiviteter +200\u202f000 +273\u202f375 +\u221273\u202f375/,
    );
    expect(stdout).toMatch(/Totalt: +2\u202f219\u202f298/);
    expect(stdout.trim().split("\n").pop()).toBe(
      `Beslutsunderlaget (Word) är sparat: ${memoPath}`,
    );
  });

  test("the partner's explanations are quoted under the year's table, in the terminal and the Word file", async () => {
    const report = join(dir, "forklarad.xlsx");
    writeFileSync(
      report,
      await buildXlsx(
        reportWorkbook().map((s) =>
          s.name === "Utfall 2024 H1"
            ? {
                ...s,
                rows: s.rows.map((r, i) =>
                  i === 0
                    ? [...r, "Förklaring"]
                    : i === 3
                      ? [...r, "Fler sommarlovsaktiviteter"]
                      : r,
                ),
              }
            : s,
        ),
      ),
    );
    const out = join(dir, "forklarad.docx");
    const r = run("memo", report, BUDGET, "--out", out, "--force");
    expect(r.code).toBe(0);
    const quote =
      '[Stadskontoret skriver om avvikelserna. Förklaringar från Rädda Barnen i återrapporteringen: Verksamhetskostnader: aktiviteter (2024-H1): "Fler sommarlovsaktiviteter"]';
    const lines = r.stdout.split("\n");
    const at = lines.indexOf(`  ${quote}`);
    expect(at).toBeGreaterThan(
      lines.indexOf("Ekonomisk redovisning för 2024:"),
    );
    expect(at).toBeLessThan(
      lines.findIndex((l) => l.startsWith("Budgetförslag")),
    );
    expect(textOf(readFileSync(out)).join(" ")).toContain(quote);
  });

  test("a PDF of it has a first page, drawn to test-output/memo for people to look at", () => {
    const pdf = convertDocument(readFileSync(memoPath), "pdf");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, "beslutsunderlag.pdf"), pdf);
    writeFileSync(join(OUTPUT, "beslutsunderlag.docx"), readFileSync(memoPath));
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "80",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      join(OUTPUT, "beslutsunderlag.pdf"),
      join(OUTPUT, "forsta-sidan"),
    ]);
    const png = readFileSync(join(OUTPUT, "forsta-sidan.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    // A4 (210 × 297 mm) at 80 dpi, rounded up: 662 × 936 pixels.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([662, 936]);
  });

  test("a label holding characters a Word document cannot (Excel's _x0001_ and _xFFFE_, half of a pair): left out, and every part of the memo is XML that reads", () => {
    const parts = unzipSync(
      readFileSync(
        join(ROOT, "test", "fixtures", "samples", "budget-2025-26.xlsx"),
      ),
    );
    const sheet = "xl/worksheets/sheet2.xml";
    parts[sheet] = strToU8(
      strFromU8(parts[sheet]!).replace(
        "Verksamhetskostnader",
        "Verksamhet_x0001_ och _xFFFE_material_xD800_",
      ),
    );
    const input = join(dir, "control.xlsx");
    writeFileSync(input, zipSync(parts));
    const out = join(dir, "control.docx");
    expect(run("memo", input, "--out", out).code).toBe(0);
    const docx = readFileSync(out);
    for (const [part, bytes] of Object.entries(unzipSync(docx)))
      if (part.endsWith(".xml") || part.endsWith(".rels")) {
        let error: string | null = null;
        const parser = new SaxesParser();
        parser.on("error", (e) => (error ??= e.message));
        parser.write(strFromU8(bytes)).close();
        expect({ part, error }).toEqual({ part, error: null });
      }
    expect(textOf(docx)).toContainEqual(
      expect.stringContaining("Verksamhet och material"),
    );
  });

  test("--json prints the case, decision, tables and findings on one line", () => {
    const out = join(dir, "json.docx");
    const r = run("memo", REPORT, BUDGET, "--out", out, "--json");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]!);
    expect(Object.keys(j)).toEqual([
      "case",
      "decision",
      "decisionFiles",
      "tables",
      "findings",
    ]);
    expect(j.case.caseNumber).toBe("STK-2020-1375");
    expect(j.decision).toHaveLength(7);
    // Points 1–2 from the report, 3–7 from the budget.
    expect(j.decisionFiles).toEqual([
      REPORT,
      REPORT,
      BUDGET,
      BUDGET,
      BUDGET,
      BUDGET,
      BUDGET,
    ]);
    expect(
      j.tables.years[0].lines.map((l: { variance: number }) => l.variance),
    ).toEqual([188422, 18895, -73375, 13394]);
    expect(j.tables.years[0].toRepay).toBe(380222);
    expect(
      j.tables.periods[0].lines.map((l: { amount: number }) => l.amount),
    ).toEqual([1485000, 332544, 200000]);
    expect(j.tables.periods[0].total).toBe(2219298);
    expect(existsSync(out)).toBe(true);
  });

  describe("the case is what the reviewer says it is", () => {
    const files = async () => {
      const report = join(dir, "rapport-h2.xlsx");
      const grant = join(dir, "beviljad.xlsx");
      const template = join(dir, "mall.xlsx");
      // The report raised a line above its grant: on its own budget it would repay 92 149 kr.
      writeFileSync(
        report,
        await buildXlsx(reportOnGrantSheets({ activities: 130000 })),
      );
      writeFileSync(grant, await buildXlsx(budgetWorkbook()));
      // A template sent back untouched but for the case's Dnr.
      const plan = planTemplate({
        from: { year: 2025, month: 7 },
        to: { year: 2026, month: 6 },
      });
      writeFileSync(
        template,
        createWorkbook(withDetails(plan, { 1: "STK-2020-1375" })),
      );
      return { report, grant, template };
    };

    test("by default: the report is judged held to its grant, the grant is never proposed again, the untouched template is left out", async () => {
      const { report, grant, template } = await files();
      const out = join(dir, "roller.docx");
      const r = run("memo", report, grant, template, "--out", out, "--json");
      expect(r.code).toBe(1); // the report's own findings (a line above its grant)
      const j = JSON.parse(r.stdout) as {
        case: { roles: unknown[] };
        decision: string[];
        decisionFiles: string[];
      };
      expect(j.case.roles).toEqual([
        { file: report, role: "report" },
        { file: grant, role: "grant" },
        { file: template, role: "left-out", why: "template" },
      ]);
      // Only the report's points: no grant of the budget again, nothing from the template.
      expect(j.decisionFiles).toEqual([report, report]);
      expect(j.decision[1]).toContain(typeset("59 149 kronor"));
      const text = run(
        "memo",
        report,
        grant,
        template,
        "--out",
        out,
        "--force",
      );
      expect(text.stdout).toContain(
        `  ${grant}: beviljad budget: återrapporteringen räknas mot den`,
      );
      expect(text.stdout).toContain(
        `  ${template}: utelämnad (mall som inte är ifylld)`,
      );
      expect(text.stdout).toContain(`     från ${report}`);
    });

    test("the roles as options: the budget proposed when the reviewer says so; a file for two roles is refused", async () => {
      const { report, grant } = await files();
      const out = join(dir, "valda.docx");
      const r = run(
        "memo",
        "--report",
        report,
        "--proposal",
        grant,
        "--out",
        out,
        "--json",
      );
      const j = JSON.parse(r.stdout) as {
        case: { roles: unknown[] };
        decisionFiles: string[];
      };
      expect(j.case.roles).toEqual([
        { file: report, role: "report" },
        { file: grant, role: "proposal" },
      ]);
      expect(j.decisionFiles.filter((f) => f === grant).length).toBeGreaterThan(
        0,
      );
      const twice = run(
        "memo",
        "--grant",
        grant,
        "--proposal",
        grant,
        "--out",
        join(dir, "dubbel.docx"),
      );
      expect(twice.code).toBe(2);
      expect(twice.stderr).toBe(
        `${grant} har angetts för två roller. Ange varje fil en gång.\n`,
      );
      const none = run("memo", "--out", join(dir, "ingen.docx"));
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("Ange ärendets arbetsböcker");
    });

    // Question 46: a report across an agreement and its extension is held to both, as check holds
    // it (59 149 kr of 2025 and 90 525 kr of 2026; on its own budget 184 298 kr).
    test("a report across an agreement and its extension: both are its grants, by default and given as --grant twice", async () => {
      const report = join(dir, "rapport-forlangd.xlsx");
      const agreement = join(dir, "avtal.xlsx");
      const extension = join(dir, "forlangning.xlsx");
      writeFileSync(report, await buildXlsx(reportAcrossGrants()));
      writeFileSync(agreement, await buildXlsx(agreementPartGrant()));
      writeFileSync(extension, await buildXlsx(extensionPartGrant()));
      const out = join(dir, "forlangd.docx");
      for (const args of [
        [report, agreement, extension],
        [report, "--grant", extension, "--grant", agreement],
      ]) {
        const r = run("memo", ...args, "--out", out, "--force", "--json");
        const j = JSON.parse(r.stdout) as {
          case: { roles: { file: string; role: string }[] };
          decision: string[];
        };
        expect(j.case.roles.map((x) => [x.file, x.role]).sort()).toEqual(
          [
            [agreement, "grant"],
            [extension, "grant"],
            [report, "report"],
          ].sort(),
        );
        expect(j.decision[1]).toContain(
          typeset("59 149 kronor samt 90 525 kronor"),
        );
      }
      const text = run(
        "memo",
        report,
        agreement,
        extension,
        "--out",
        out,
        "--force",
      );
      expect(text.stdout).toContain(
        `  ${extension}: beviljad budget: återrapporteringen räknas mot den`,
      );
      expect(text.stdout).toContain(typeset("Totalt att återbetala"));
      expect(text.stdout).not.toContain("REPORT_GRANTED_IN_PARTS");
    });
  });

  test("--date: the meeting's year is granted now, later years are to be considered; a bad date is refused", () => {
    const decisionOf = (...extra: string[]) => {
      const r = run(
        "memo",
        REPORT,
        BUDGET,
        "--out",
        join(dir, "datum.docx"),
        "--force",
        "--json",
        ...extra,
      );
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as {
        case: { meeting: string | null };
        decision: string[];
      };
    };
    const grants = (d: string[]) =>
      d
        .filter((p) => /beviljar|beakta/.test(p))
        .map((p) => (p.includes("beviljar") ? "beviljar" : "beakta"));
    // The seed's meeting (2025-04-02): 2025 granted, 2026 to be considered — as without a date.
    const seed = decisionOf("--date", "2025-04-02");
    expect(seed.case.meeting).toBe("2025-04-02");
    expect(seed.decision).toEqual(decisionOf().decision);
    expect(grants(seed.decision)).toEqual(["beviljar", "beakta"]);
    // A meeting in 2026: both half-years are granted now.
    const later = decisionOf("--date", "2026-03-01");
    expect(grants(later.decision)).toEqual(["beviljar", "beviljar"]);
    expect(later.decision[5]).toContain(
      typeset(
        "beviljar Rädda Barnen 1 109 649 kronor från kommunstyrelsens anslag för projekt och utredningar avseende förlängningen av idéburet offentligt partnerskapsavtal (IOP) Jämlik hälsa Lindängen under perioden januari 2026 till och med juni 2026.",
      ),
    );
    // A meeting after the decision's deadlines: said under the decision, and in the JSON's findings.
    const late = run(
      "memo",
      REPORT,
      BUDGET,
      "--out",
      join(dir, "sent.docx"),
      "--date",
      "2026-03-01",
    );
    expect(late.code).toBe(0);
    const afterDecision = late.stdout
      .split("\n")
      .filter((l) => l.startsWith("  ! "));
    expect(afterDecision.map((l) => /senast (\S+), före/.exec(l)?.[1])).toEqual(
      ["2025-06-30", undefined, "2026-02-01"],
    );
    expect(late.stdout.indexOf("  ! ")).toBeLessThan(
      late.stdout.indexOf("Ekonomisk redovisning"),
    );
    expect(
      (
        JSON.parse(
          run(
            "memo",
            REPORT,
            BUDGET,
            "--out",
            join(dir, "sent.docx"),
            "--force",
            "--json",
            "--date",
            "2026-03-01",
          ).stdout,
        ) as { findings: { code: string; file: string }[] }
      ).findings
        .filter((f) => f.code.startsWith("MEETING_"))
        .map((f) => [f.code, f.file]),
    ).toEqual([
      ["MEETING_AFTER_REPAYMENT_DUE", REPORT],
      ["MEETING_AFTER_AGREEMENT_START", BUDGET],
      ["MEETING_AFTER_REPORT_DUE", BUDGET],
    ]);
    const bad = run(
      "memo",
      REPORT,
      "--out",
      join(dir, "x.docx"),
      "--date",
      "2026-13-01",
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "--date 2026-13-01 är inget datum: ange sammanträdets datum som ÅÅÅÅ-MM-DD.\n",
    );
    expect(existsSync(join(dir, "x.docx"))).toBe(false);
  });

  test("files of different cases: a clear error, exit 2, nothing written", async () => {
    const other = join(dir, "annat.xlsx");
    const sheets = withDetail(budgetWorkbook(), "Diarienummer", "STK-2024-99");
    writeFileSync(other, await buildXlsx(sheets));
    const out = join(dir, "blandat.docx");
    const r = run("memo", REPORT, other, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("olika ärenden");
    expect(r.stderr).toContain(`${other}: STK-2024-99`);
    expect(existsSync(out)).toBe(false);
  });

  test("an existing --out needs --force; an unreadable file writes nothing", () => {
    const r = run("memo", REPORT, "--out", memoPath);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--force");
    const out = join(dir, "saknas.docx");
    const missing = run(
      "memo",
      REPORT,
      join(dir, "finns-inte.xlsx"),
      "--out",
      out,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("FILE_NOT_FOUND");
    expect(existsSync(out)).toBe(false);
  });

  test("--lang en: English headings, the decision in Swedish as it is put to the board", () => {
    const out = join(dir, "en.docx");
    expect(run("memo", REPORT, BUDGET, "--out", out, "--lang", "en").code).toBe(
      0,
    );
    const en = textOf(readFileSync(out));
    expect(en).toContain("Financial report for 2024");
    expect(en).toContain("Proposed decision");
    expect(
      en.some((l) =>
        l.startsWith("1. Kommunstyrelsen godkänner återrapporteringen"),
      ),
    ).toBe(true);
  });
});

describe("a case too long for a memo", () => {
  /**
   * A report of 2024-H2 with 1 100 lines, only the first with an actual (1 100 warnings) and the
   * last with a budget that is not a number (an error), and a budget of 2025-H1 with 600 lines.
   */
  function longCase(): SheetSpec[] {
    return [
      detailsSheet({ start: "2024-07-01", end: "2025-06-30" }),
      activitySheet("Budget 2024 H2", 1100, {
        budget: (i) => (i === 1099 ? "tusen" : kr(1000 + i)),
        actual: (i) => (i === 0 ? kr(900) : null),
      }),
      activitySheet("Budget 2025 H1", 600),
    ];
  }

  test("the budget's lines, the report's sums, and the appendix's first 1 000 findings, errors first", async () => {
    const input = join(dir, "long.xlsx");
    writeFileSync(input, await buildXlsx(longCase()));
    const out = join(dir, "long.docx");
    const r = runMeasured(["memo", input, "--out", out], { timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.peakMb).toBeLessThan(300);
    const text = textOf(readFileSync(out));
    const year = text.indexOf("Ekonomisk redovisning för 2024");
    const period = text.findIndex((l) => l.startsWith("Budgetförslag"));
    const appendix = text.indexOf("Bilaga: fynd i arbetsböckerna");
    expect(year).toBeGreaterThan(0);
    // The report's table: its sums, and why.
    const yearPart = text.slice(year, period);
    expect(yearPart).not.toContain("Aktivitet 0");
    expect(yearPart).toContain(
      "Tabellen har 1\u202f101 poster, och beslutsunderlaget visar högst 1\u202f000 poster i sina tabeller tillsammans: här visas bara summorna. Alla poster finns i iop-budget check, i rapporten och i JSON (yearLines, periodLines).",
    );
    // The budget proposed: every line.
    const periodPart = text.slice(period, appendix);
    expect(periodPart).toContain("Aktivitet 0");
    expect(periodPart).toContain("Aktivitet 599");
    // The appendix: the error first, 1 000 rows, and how many there are.
    const rows = text.slice(appendix).filter((l) => l === "long.xlsx");
    expect(rows).toHaveLength(1000);
    const severities = text.slice(appendix).filter((l) => l === "Fel");
    expect(severities.length).toBeGreaterThan(0);
    expect(text.slice(appendix).indexOf("Fel")).toBeLessThan(
      text.slice(appendix).indexOf("Varning"),
    );
    expect(text.slice(appendix).join("\n")).toMatch(
      /Här visas 1\u202f000 av 1\u202f\d{3} fynd, felen först\. Alla finns i iop-budget check\./,
    );
    // The command line says the counts of every finding, not only of those shown (the report of
    // its own agreement's first half-year grants the rest: no agreement to sign, so no
    // information that the signatories are missing).
    expect(r.stdout).toMatch(/Fynd: 1 fel, 1100 varningar, 1 information/);
    expect(r.stdout).not.toContain("godkänner förslag till avtal");
  }, 120_000);
});
