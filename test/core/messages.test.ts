// Every finding of every fixture, sample and corpus workbook (and of workbooks made to raise the
// findings those lack) rendered in both languages: no "undefined", "NaN", "[object", unfilled
// blank or empty parentheses may reach a person. The catalogue's own test fills every blank and so
// cannot see a blank that a call site forgets to fill; this one renders what the engine says.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import {
  type Finding,
  analyze,
  planWrite,
  renderFinding,
} from "../../src/core";
import { anyWorkbook, formulaWorkbook } from "../helpers/arbitraries";
import { STAMP } from "../helpers/compute";
import { swedishIn } from "../helpers/english";
import { fileErrorText } from "../../src/xlsx/file-errors";
import {
  type ReadLimit,
  WorkbookFileError,
  readXlsx,
} from "../../src/xlsx/read";
import { SAMPLE, budgetOf, editPart, rowPastTheGrid } from "../helpers/hostile";
import {
  HEADERS,
  budgetHalfYearSheet,
  budgetWorkbook,
  detailsSheet,
  reportOnGrantSheets,
  reportWorkbook,
  salaryWorkbook,
} from "../helpers/seed";
import { buildXlsx, pct } from "../helpers/workbook";

const ROOT = join(__dirname, "..", "..");

function workbooksIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return workbooksIn(path);
    return /\.(xlsx|ods)$/.test(name) ? [path] : [];
  });
}

const BROKEN = /undefined|NaN|\[object|\$\{|\(\s*\)|\(\s|\s\)|\s,|:\s*\.|\s{2}/;

/** The messages of a workbook's findings, or of its file error, in both languages. */
function messagesOf(bytes: Uint8Array): {
  code: string;
  message: string;
  lang: "sv" | "en";
  sheet: string | null;
}[] {
  let findings: readonly Finding[];
  try {
    findings = analyze(readXlsx(bytes)).findings;
  } catch (e) {
    if (!(e instanceof WorkbookFileError)) throw e;
    return (["sv", "en"] as const).map((lang) => ({
      code: e.code,
      message: fileErrorText(e.code, lang, e),
      lang,
      sheet: null,
    }));
  }
  return findings.flatMap((f) =>
    (["sv", "en"] as const).map((lang) => ({
      code: f.code,
      message: renderFinding(f, lang).message,
      lang,
      sheet: f.sheet,
    })),
  );
}

describe("every message the engine gives, in both languages, is whole", () => {
  const files = [
    ...workbooksIn(join(ROOT, "test", "fixtures")),
    ...workbooksIn(join(ROOT, "samples")),
  ];

  test("there are workbooks to read (the test below is not vacuous)", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  test.each(files.map((f) => [f.slice(ROOT.length + 1), f]))(
    "%s",
    (_, file) => {
      for (const { code, message, lang, sheet } of messagesOf(
        readFileSync(file),
      )) {
        expect(`${code}: ${message}`).not.toMatch(BROKEN);
        if (lang === "en") expect(swedishIn(message, sheet)).toBeNull();
      }
    },
  );

  test("made workbooks, raising the findings the files above lack", async () => {
    const made: Uint8Array[] = [
      await buildXlsx([
        detailsSheet({ end: "2026-12-31" }),
        budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025"),
        budgetHalfYearSheet("Kopia", "2025-H2"),
      ]),
      await buildXlsx([
        detailsSheet({ orgNumber: "802002-8639" }),
        ...budgetWorkbook().slice(1),
      ]),
      await buildXlsx(budgetWorkbook({ typedSalaries: false })),
      await buildXlsx(reportWorkbook()),
      await buildXlsx(reportOnGrantSheets({ activities: 130000 })),
      await buildXlsx(salaryWorkbook()),
      await buildXlsx(salaryWorkbook({ surcharge: null, budget: 1 })),
      rowPastTheGrid(2_000_000_000),
      budgetOf("1e308"),
      budgetOf("-5"),
      editPart("xl/worksheets/sheet2.xml", (xml) =>
        xml.replace("<v>45000</v>", "<v>ca 45 000</v>"),
      ),
      SAMPLE.subarray(0, SAMPLE.length - 10),
      // A salary line with only its %, and Uppgifter without its partnership's name.
      await buildXlsx([
        {
          name: "Uppgifter",
          rows: detailsSheet().rows.filter((r) => r[0] !== "Partnerskap"),
        },
        {
          name: "Budget 2025 H2",
          rows: [HEADERS, ["Lön", "Hälsofrämjare", pct(0.5)]],
        },
      ]),
    ];
    const codes = new Set<string>();
    for (const bytes of made)
      for (const { code, message, lang, sheet } of messagesOf(bytes)) {
        codes.add(code);
        expect(`${code}: ${message}`).not.toMatch(BROKEN);
        if (lang === "en")
          expect({ code, swedish: swedishIn(message, sheet) }).toEqual({
            code,
            swedish: null,
          });
      }
    expect(codes).toContain("SALARY_INCOMPLETE");
    expect(codes).toContain("MISSING_DETAIL");
    // The duplicate half-year's message names both sheets (it once said "… och undefined").
    expect(codes).toContain("DUPLICATE_HALF_YEAR");
    expect(codes.size).toBeGreaterThan(12);
  });
});

describe("every file error, with every limit it can name, in both languages, is whole", () => {
  const limits: readonly (ReadLimit | undefined)[] = [
    undefined,
    "file",
    "part",
    "unpacked",
    "cells",
    "sheets",
    "text",
    "relationships",
    "structure",
    "token",
  ];
  test.each(["TOO_LARGE", "OUTPUT_TOO_LARGE"])("%s", (code) => {
    const said = new Set<string>();
    for (const limit of limits)
      for (const lang of ["sv", "en"] as const) {
        const message = fileErrorText(code, lang, { limit });
        said.add(message);
        expect(message).not.toMatch(BROKEN);
        expect(message).not.toContain(code);
        if (lang === "en") expect(swedishIn(message, null)).toBeNull();
      }
    // Each limit is said in its own words, in each language.
    expect(said.size).toBe(limits.length * 2);
  });
});

test("random workbooks: every finding in both languages, and every text compute writes, is whole (property)", () => {
  // Labels and sheet names come from the domain's words, so that a person's own text cannot
  // carry the words looked for.
  const WHOLE = /undefined|NaN|\[object|\$\{/;
  let findings = 0;
  let texts = 0;
  fc.assert(
    fc.property(fc.oneof(formulaWorkbook, anyWorkbook), (sheets) => {
      const analysis = analyze({ sheets });
      const typed = new Set(
        sheets.flatMap((g) =>
          g.rows.flatMap((row) =>
            (row ?? []).flatMap((c) =>
              c?.t === "s" && c.v.trim() !== "" ? [c.v.trim()] : [],
            ),
          ),
        ),
      );
      for (const f of analysis.findings)
        for (const lang of ["sv", "en"] as const) {
          const { message } = renderFinding(f, lang);
          // What the workbook holds is quoted as it is (a cell may say "${" or "NaN").
          const own = Object.values(f.params)
            .filter(
              (v): v is string => typeof v === "string" && typed.has(v.trim()),
            )
            .flatMap((v) => [v, v.slice(0, 99)]);
          const said = own.reduce((m, v) => m.split(v).join(""), message);
          expect(`${f.code}: ${said}`).not.toMatch(WHOLE);
          findings++;
        }
      // The workbook's own texts that hold what is looked for, as the written sheets may quote them
      // (Beslut's list of findings: "Posten \"Not ${\" finns inte …").
      const ownBad = [...typed]
        .filter((v) => WHOLE.test(v))
        .flatMap((v) => [v, v.slice(0, 99)]);
      const plan = planWrite({ sheets }, analysis, STAMP);
      for (const sheet of [...plan.edits, ...plan.creates])
        for (const { value } of sheet.cells)
          if (value.kind === "text" || value.kind === "formula") {
            const text =
              value.kind === "text"
                ? value.value
                : `${value.formula} ${value.cached}`;
            const written = ownBad.reduce((m, v) => m.split(v).join(""), text);
            expect(`${sheet.sheet}: ${written}`).not.toMatch(WHOLE);
            texts++;
          }
    }),
    { numRuns: 300 },
  );
  expect(findings).toBeGreaterThan(5000);
  expect(texts).toBeGreaterThan(20000);
});

test("a message quotes at most 100 characters of a workbook's text, and never half a character", () => {
  const text = `${"x".repeat(99)}😀${"y".repeat(1000)}`;
  const sheets = [
    {
      name: "Budget 2025 H2",
      rows: [
        [
          { t: "s" as const, v: "Post" },
          { t: "s" as const, v: "Budget" },
        ],
        [
          { t: "s" as const, v: "Lokal" },
          { t: "s" as const, v: text },
        ],
      ],
    },
  ];
  const f = analyze({ sheets }).findings.find((x) => x.code === "NOT_A_NUMBER");
  expect(f?.params.text).toBe(text);
  const { message } = renderFinding(f!, "sv");
  // The emoji would be cut in two at 100: the quote stops before it.
  expect(message).toContain(`"${"x".repeat(99)}…"`);
  expect(message.length).toBeLessThan(300);
  // A short text is quoted whole.
  const short = analyze({
    sheets: [
      {
        ...sheets[0]!,
        rows: [
          sheets[0]!.rows[0]!,
          [sheets[0]!.rows[1]![0]!, { t: "s", v: "ca 45 000" }],
        ],
      },
    ],
  }).findings.find((x) => x.code === "NOT_A_NUMBER");
  expect(renderFinding(short!, "sv").message).toContain('"ca 45 000"');
});
