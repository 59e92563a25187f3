// Hostile and broken files against the built command, each run as a person's run would be: a
// whole process, its peak memory measured (scripts/peak-rss.cjs), killed if it hangs. Every attack
// is answered with exit 1 and a finding or exit 2 and one plain line; no stack trace, no V8 dump,
// nothing written that was not asked for. (How long each takes is measured by `npm run bench`.)

import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readXlsx } from "../../src/xlsx/read";
import { type MeasuredRun, runMeasured } from "../helpers/measured";
import {
  BOMBS,
  LONG_STRETCHES,
  SAMPLE,
  budgetOf,
  editPart,
  linesOverLines,
  manyPersons,
  put,
  rowPastTheGrid,
  odsWith,
  sharedTextLines,
  sheetWith,
  withSharedStrings,
  text,
  utf16SheetWith,
  withParts,
  withWorkbookType,
} from "../helpers/hostile";
import { tempDir } from "../helpers/temp";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "iop-budget.js");
const dir = tempDir("iop-hostile-");
const MB = 1024 * 1024;

type Run = MeasuredRun;

// A hang detector, far above the 10 s an attack may take (npm run bench times them).
/** A number for each file a test makes, so that no two share a name. */
let runs = 0;
const run = (...args: string[]): Run =>
  runMeasured(args, { cwd: dir, timeout: 60_000 });

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The XML of a computed workbook's `Beslut` (the sheet whose title is "Beslutsunderlag: …"). */
function beslutXml(path: string): string {
  const parts = unzipSync(readFileSync(path));
  return Object.keys(parts)
    .filter((n) => n.startsWith("xl/worksheets/"))
    .map((n) => strFromU8(parts[n]!))
    .find((x) => x.includes("Beslutsunderlag"))!;
}

/** No stack trace, no V8 dump, no "undefined": an answer a person can read. */
function expectPlain(r: Run): void {
  const all = r.stdout + r.stderr;
  expect(all).not.toMatch(
    /\n\s+at |FATAL ERROR|heap out of memory|undefined|NaN|\[object/,
  );
  expect(r.peakMb).toBeLessThan(400);
}

describe("every attack answers with exit 1 and a finding, or exit 2 and one plain line, within 400 MB", () => {
  test.each(BOMBS)("%s: check and compute refuse it", (_, make, code) => {
    const path = file(`bomb-${code}-${++runs}.xlsx`, make());
    for (const args of [
      ["check", path, "--json"],
      ["compute", path, "--out", join(dir, `out-${runs}.xlsx`), "--json"],
    ]) {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).error.code).toBe(code);
      expectPlain(r);
    }
    expect(
      readdirSync(dir).filter(
        (f) => f.startsWith("out-") || f.endsWith(".tmp"),
      ),
    ).toEqual([]);
  });

  test.each(LONG_STRETCHES)(
    "%s: read in one pass, checked and computed",
    (_, make) => {
      const path = file(`long-${++runs}.xlsx`, make());
      const check = run("check", path, "--json");
      expect(check.code).toBe(0);
      expect(JSON.parse(check.stdout).periods).toHaveLength(2);
      expectPlain(check);
      const out = join(dir, `long-out-${runs}.xlsx`);
      const compute = run("compute", path, "--out", out);
      expect(compute.code).toBe(0);
      expectPlain(compute);
      expect(readXlsx(readFileSync(out)).sheets.map((s) => s.name)).toEqual([
        "Uppgifter",
        "Halvår 2 2025",
        "Halvår 1 2026",
        "Beslut",
      ]);
    },
  );

  test.each([2_000_000_000, 100_000_000, 1_048_577])(
    "a row numbered %i: a finding at the sheet, never looped over",
    (row) => {
      const path = file(`row-${row}.xlsx`, rowPastTheGrid(row));
      const check = run("check", path, "--json");
      expect(check.code).toBe(1);
      const findings = JSON.parse(check.stdout).findings as {
        code: string;
        sheet: string;
        message: string;
      }[];
      expect(
        findings
          .filter((f) => f.code === "CELLS_OUTSIDE_GRID")
          .map((f) => [f.sheet, f.message.includes(`A${row}`)]),
      ).toEqual([["Halvår 2 2025", true]]);
      expectPlain(check);
      const out = join(dir, `row-out-${row}.xlsx`);
      const compute = run("compute", path, "--out", out);
      expect(compute.code).toBe(1);
      expectPlain(compute);
      expect(existsSync(out)).toBe(true);
    },
  );

  test("a sheet of a 190 MB comment that never closes (190 KB packed): that sheet unreadable, the others read", () => {
    const path = file(
      "unclosed-comment.xlsx",
      sheetWith(`<!--${"x".repeat(190 * MB)}`, "after-sheetData"),
    );
    const check = run("check", path, "--json");
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as {
      findings: { code: string; sheet: string; message: string }[];
    };
    expect(
      report.findings
        .filter((f) => f.code === "SHEET_UNREADABLE")
        .map((f) => [f.sheet, f.message.includes("unclosed comment")]),
    ).toEqual([["Halvår 2 2025", true]]);
    expectPlain(check);
    const compute = run(
      "compute",
      path,
      "--out",
      join(dir, "unclosed-comment-out.xlsx"),
    );
    expect(compute.code).toBeGreaterThan(0);
    expectPlain(compute);
  });

  test("an .ods whose content holds a 190 MB comment (190 KB packed): its table read, within 400 MB", () => {
    const path = file(
      "ods-comment.ods",
      odsWith(
        `<table:table-row><table:table-cell office:value-type="string"><text:p>Lön</text:p></table:table-cell></table:table-row><!--${"x".repeat(190 * MB)}-->`,
      ),
    );
    const check = run("check", path, "--json");
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as {
      findings: { code: string; sheet: string | null }[];
    };
    // Read as a workbook of its one table, which is no budget: said of that table.
    expect(
      report.findings
        .filter((f) => f.sheet === "Budget 2025 H2")
        .map((f) => f.code),
    ).toContain("MISSING_COLUMNS");
    expectPlain(check);
  });

  test("the last row of Excel's grid is read as any other", () => {
    const check = run(
      "check",
      file("row-last.xlsx", rowPastTheGrid(1_048_576)),
      "--json",
    );
    expect(
      JSON.parse(check.stdout).findings.map((f: { code: string }) => f.code),
    ).not.toContain("CELLS_OUTSIDE_GRID");
    expectPlain(check);
  });

  test.each(["1e308", "1.7e308", "9e300"])(
    "a budget of %s: the finding check gives, and compute writes with it (exit 1)",
    (value) => {
      const path = file(`huge-${value}.xlsx`, budgetOf(value));
      const check = run("check", path, "--json");
      expect(check.code).toBe(1);
      const codes = (
        JSON.parse(check.stdout).findings as { code: string; cell: string }[]
      )
        .filter((f) => f.cell === "F6")
        .map((f) => f.code);
      expect(codes).toEqual(["AMOUNT_OUT_OF_RANGE"]);
      const out = join(dir, `huge-out-${value}.xlsx`);
      const compute = run("compute", path, "--out", out, "--json");
      expect(compute.code).toBe(1);
      expect(
        JSON.parse(compute.stdout).findings.map(
          (f: { code: string }) => f.code,
        ),
      ).toEqual(
        JSON.parse(check.stdout).findings.map((f: { code: string }) => f.code),
      );
      expectPlain(compute);
      // The typed value stays as it was typed.
      expect(
        strFromU8(unzipSync(readFileSync(out))["xl/worksheets/sheet2.xml"]!),
      ).toContain(`<c r="F6" s="4" t="n"><v>${value}</v></c>`);
    },
  );
});

// Each line's SUM over every line above it, worked out over the lines' figures, would read 10⁹
// cells at 50 000 lines: the half-year's formulas read at most two million, and the rest of the
// lines count the values they show.
test("50 000 lines each the SUM of the budgets above it: check and compute answer within 400 MB, the first lines worked out", () => {
  const path = file("lines-over-lines.xlsx", linesOverLines(50_000));
  const check = run("check", path, "--json");
  expect(check.code).toBeLessThan(2);
  expectPlain(check);
  const budgets = (
    JSON.parse(check.stdout).periods[0].lines as { budget: number }[]
  ).map((l) => l.budget);
  // After the sample's three lines: 1 000, then each the sum of those above it, 1 000, 2 000, …
  expect(budgets.slice(3, 7)).toEqual([1000, 1000, 2000, 4000]);
  expect(budgets[50_002]).toBe(1);
  const compute = run("compute", path, "--out", join(dir, "lol-out.xlsx"));
  expect(compute.code).toBeLessThan(2);
  expectPlain(compute);
});

test("a Lönekalkyl of 30 000 persons (0.6 MB): check reads them all, and compute refuses the copy before making it, its formulas alone past the 200 MB a sheet may have", () => {
  const bytes = manyPersons(30_000);
  expect(bytes.length).toBeLessThan(MB);
  /** The budget of the first half-year's salary line, which the persons make. */
  const budgetOf = (name: string, b: Uint8Array) => {
    const check = run("check", file(name, b), "--json");
    expect(check.code).toBeLessThan(2);
    expectPlain(check);
    const lines = JSON.parse(check.stdout).periods[0].lines as {
      category: string;
      budget: number;
    }[];
    return lines.find((l) => l.category === "salary")!.budget;
  };
  // Every person is the template's first: 30 000 of them cost 30 000 times one.
  const one = budgetOf("person.xlsx", manyPersons(1));
  expect(one).toBeGreaterThan(0);
  expect(budgetOf("persons.xlsx", bytes)).toBe(30_000 * one);
  const out = join(dir, "persons-out.xlsx");
  const compute = run(
    "compute",
    join(dir, "persons.xlsx"),
    "--out",
    out,
    "--json",
  );
  expect(compute.code).toBe(2);
  expect(JSON.parse(compute.stdout).error.code).toBe("OUTPUT_TOO_LARGE");
  expect(existsSync(out)).toBe(false);
  // The whole sheet (260 MB) and its read-back took 1 GB; its first 200 MB, before they were
  // refused, 423 MB.
  expect(compute.peakMb).toBeLessThan(400);
});

test("a text of 32 000 characters in 1 500 cells, within the text limit: each finding quotes its first 100 characters", () => {
  const path = file(
    "long-text.xlsx",
    sharedTextLines(250, "1 ".repeat(16_000)),
  );
  const check = run("check", path, "--json");
  expect(check.code).toBe(1);
  expectPlain(check);
  const findings = JSON.parse(check.stdout).findings as {
    code: string;
    message: string;
  }[];
  // Five number columns a line; the label is a label, however long.
  expect(findings.filter((f) => f.code === "NOT_A_NUMBER")).toHaveLength(1250);
  expect(Math.max(...findings.map((f) => f.message.length))).toBeLessThan(400);
  expect(findings[0]!.message).toContain(`"${"1 ".repeat(50)}…"`);
  const out = join(dir, "long-text-out.xlsx");
  const compute = run("compute", path, "--out", out);
  expect(compute.code).toBe(1);
  expectPlain(compute);
});

describe("inputs are read only when they are regular files within the limit", () => {
  test("a file larger than 100 MB is refused by its size, without reading it", () => {
    const path = join(dir, "large.xlsx");
    writeFileSync(path, SAMPLE);
    truncateSync(path, 2.5 * 1024 * MB); // sparse: 2.5 GB by its size, nothing on the disk
    const r = run("check", path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Filen är större än de 100 MB som läses.");
    expect(r.stdout).toBe("");
    expect(r.peakMb).toBeLessThan(100);
  });

  test("/dev/zero, a FIFO (also one in a folder read) and a folder without workbooks are refused at once", () => {
    const piped = join(dir, "piped");
    const empty = join(dir, "empty");
    mkdirSync(piped);
    mkdirSync(empty);
    const fifo = join(piped, "pipe.xlsx");
    spawnSync("mkfifo", [fifo]);
    const r = run("check", "/dev/zero", fifo, piped, empty, "--json");
    expect(r.code).toBe(2);
    expect(
      r.stdout
        .trim()
        .split("\n")
        .map((l) => {
          const j = JSON.parse(l) as { file: string; error: { code: string } };
          return `${j.file} ${j.error.code}`;
        }),
    ).toEqual([
      "/dev/zero NOT_A_REGULAR_FILE",
      `${fifo} NOT_A_REGULAR_FILE`,
      `${fifo} NOT_A_REGULAR_FILE`,
      `${empty} NO_WORKBOOKS`,
    ]);
    expectPlain(r);
    const compute = run("compute", piped, "--out", join(dir, "ut.xlsx"));
    expect(compute.stderr).toContain("[NOT_A_FILE]");
  });
});

describe("writes touch only what was asked", () => {
  test.each(["compute", "memo", "template"])(
    "%s: --out nosuchdir/../in.xlsx is the existing file it names, refused without --force",
    (command) => {
      const sub = mkdtempSync(join(dir, `${command}-`));
      // What memo writes is a Word document, and its output must be named so: its input is a
      // workbook a person named .docx, to show that it is never the output either.
      const ext = command === "memo" ? "docx" : "xlsx";
      const input = join(sub, `in.${ext}`);
      writeFileSync(input, SAMPLE);
      const other = join(sub, `other.${ext}`);
      writeFileSync(other, "a person's file");
      const args = command === "template" ? ["template"] : [command, input];
      const cli = (...more: string[]) =>
        spawnSync(process.execPath, [BIN, ...args, ...more], {
          cwd: sub,
          encoding: "utf8",
        });
      for (const out of [`nosuchdir/../other.${ext}`, `other.${ext}`]) {
        const r = cli("--out", out);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain("--force");
      }
      expect(readFileSync(other, "utf8")).toBe("a person's file");
      if (command !== "template") {
        for (const force of [[], ["--force"]]) {
          const r = cli("--out", `nosuchdir/../in.${ext}`, ...force);
          expect(r.status).toBe(2);
          expect(r.stderr).toContain("samma fil som indata");
        }
        // Through a symbolic link, too.
        symlinkSync(input, join(sub, `link.${ext}`));
        const r = cli("--out", `link.${ext}`, "--force");
        expect(r.status).toBe(2);
        expect(Buffer.from(readFileSync(input)).equals(SAMPLE)).toBe(true);
      }
      expect(readdirSync(sub).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    },
  );

  test("a macro-enabled workbook (.xlsm) is computed into an .xlsm, its macros kept; into an .xlsx it is refused", () => {
    const xlsm = file(
      "makro.xlsm",
      withParts((parts) => {
        parts["xl/vbaProject.bin"] = new Uint8Array([
          0xd0, 0xcf, 0x11, 0xe0, 7,
        ]);
      }, withWorkbookType("application/vnd.ms-excel.sheet.macroEnabled.main+xml")),
    );
    const refused = run("compute", xlsm, "--out", join(dir, "makro-ut.xlsx"));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `--out ${join(dir, "makro-ut.xlsx")}: arbetsboken kan ha makron (den är en .xlsm-arbetsbok), och de följer med i den beräknade kopian, som Excel bara öppnar som .xlsm: låt filnamnet sluta på .xlsm.\n`,
    );
    expect(existsSync(join(dir, "makro-ut.xlsx"))).toBe(false);
    const out = join(dir, "makro-ut.xlsm");
    expect(run("compute", xlsm, "--out", out).code).toBe(0);
    const parts = unzipSync(readFileSync(out));
    expect([...parts["xl/vbaProject.bin"]!]).toEqual([
      0xd0, 0xcf, 0x11, 0xe0, 7,
    ]);
    expect(text(parts, "[Content_Types].xml")).toContain(
      'PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"',
    );
    // A plain workbook is not written under .xlsm.
    const plain = run(
      "compute",
      file("vanlig.xlsx", SAMPLE),
      "--out",
      join(dir, "vanlig.xlsm"),
    );
    expect(plain.stderr).toBe(
      `--out ${join(dir, "vanlig.xlsm")}: det som skrivs är en Excel-arbetsbok, så filnamnet ska sluta på .xlsx.\n`,
    );
    expect(existsSync(join(dir, "vanlig.xlsm"))).toBe(false);
  });

  test("an --out whose extension is not what is written is refused, naming the right one", () => {
    const input = file("ext-in.xlsx", SAMPLE);
    const compute = run("compute", input, "--out", join(dir, "ut.pdf"));
    expect(compute.code).toBe(2);
    expect(compute.stderr).toBe(
      `--out ${join(dir, "ut.pdf")}: det som skrivs är en Excel-arbetsbok, så filnamnet ska sluta på .xlsx.\n`,
    );
    const memo = run(
      "memo",
      input,
      "--out",
      join(dir, "ut.pdf"),
      "--lang",
      "en",
    );
    expect(memo.stderr).toBe(
      `--out ${join(dir, "ut.pdf")}: what is written is a Word document, so the file name must end in .docx.\n`,
    );
    expect(existsSync(join(dir, "ut.pdf"))).toBe(false);
  });

  test("a write that fails leaves no temporary file and names the output", () => {
    const sub = mkdtempSync(join(dir, "ro-"));
    const input = join(sub, "in.xlsx");
    writeFileSync(input, SAMPLE);
    mkdirSync(join(sub, "out.xlsx"));
    const r = run("compute", input, "--out", join(sub, "out.xlsx"), "--force");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("out.xlsx");
    expect(readdirSync(sub).sort()).toEqual(["in.xlsx", "out.xlsx"]);
  });
});

describe("the terminal shows what a workbook carries, never obeys it", () => {
  const label = "Lokal_x001B_[31m_x0007_hyra\u202e";
  const path = () =>
    file(
      "escape.xlsx",
      editPart("xl/worksheets/sheet2.xml", (xml) =>
        xml.replace("<t>Verksamhetskostnader</t>", `<t>${label}</t>`),
      ),
    );

  test("in the text and in the JSON alike", () => {
    const p = path();
    for (const args of [
      ["check", p],
      ["check", p, "--json"],
      ["check", p, "--lang", "en"],
    ]) {
      const r = run(...args);
      expect(r.stdout).not.toMatch(
        /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
      );
      // The bidirectional override is left out by the core, which shows text without them (below).
      expect(r.stdout).toContain("\\u001b[31m\\u0007hyra");
      expect(r.stdout).not.toContain("\\u202e");
    }
    // The JSON still reads back as the label the workbook holds.
    const json = JSON.parse(run("check", p, "--json").stdout);
    expect(JSON.stringify(json)).toContain("Lokal\\u001b[31m\\u0007hyra");
  });
});

describe("damage is named as damage, with the part and what to do", () => {
  const damaged = (name: string, bytes: Uint8Array) =>
    JSON.parse(run("check", file(name, bytes), "--json").stdout).error as {
      code: string;
      message: string;
    };

  test("a file cut short", () => {
    expect(
      damaged("cut.xlsx", SAMPLE.subarray(0, SAMPLE.length - 100)),
    ).toEqual({
      code: "CORRUPT",
      message:
        "Arbetsboken är skadad: filen är avkortad (slutet saknas, som efter en avbruten nedladdning eller kopiering). Öppna den i Excel (som erbjuder sig att reparera den), spara den och försök igen.",
    });
  });

  test("a part whose checksum fails, a missing sheet part, an empty or missing shared strings part", () => {
    // The workbook part stored (not deflated), and one letter of a sheet's name flipped in it.
    const parts = unzipSync(SAMPLE);
    const stored = zipSync({
      ...parts,
      "xl/workbook.xml": [parts["xl/workbook.xml"]!, { level: 0 }],
    });
    const flipped = Uint8Array.from(stored);
    flipped[Buffer.from(stored).indexOf("Uppgifter")]! ^= 0x20;
    expect(damaged("crc.xlsx", flipped).message).toBe(
      "Arbetsboken är skadad: delen xl/workbook.xml stämmer inte med sin kontrollsumma. Öppna den i Excel (som erbjuder sig att reparera den), spara den och försök igen.",
    );
    const missing = withParts(
      (parts) => void delete parts["xl/worksheets/sheet2.xml"],
    );
    expect(damaged("missing.xlsx", missing).message).toContain(
      "delen xl/worksheets/sheet2.xml saknas",
    );
    const withStrings = (xml: string | null) =>
      withParts((parts) => {
        withSharedStrings(parts, xml);
        put(
          parts,
          "xl/worksheets/sheet2.xml",
          text(parts, "xl/worksheets/sheet2.xml").replace(
            '<c r="B6" t="inlineStr"><is><t>Verksamhetskostnader</t></is></c>',
            '<c r="B6" t="s"><v>0</v></c>',
          ),
        );
      });
    expect(
      damaged("strings-missing.xlsx", withStrings(null)).message,
    ).toContain("delen xl/sharedStrings.xml saknas");
    expect(damaged("strings-empty.xlsx", withStrings("")).message).toContain(
      "delen xl/sharedStrings.xml är tom",
    );
    expect(
      damaged(
        "strings-short.xlsx",
        withStrings(
          '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        ),
      ).message,
    ).toContain("delen xl/sharedStrings.xml saknar texter som bladen använder");
    expect(
      damaged(
        "types-empty.xlsx",
        withParts((parts) => put(parts, "[Content_Types].xml", "")),
      ).message,
    ).toContain("delen [Content_Types].xml är tom");
  });

  test("bytes that are not text in their encoding (a Latin-1 ö in UTF-8, half of a UTF-16 pair): that sheet unreadable and copied as it was, a structural part damaged; never read as replacement characters", () => {
    const SHEET = "xl/worksheets/sheet2.xml";
    const latin1 = withParts((parts) => {
      const xml = text(parts, SHEET);
      expect(xml).toContain("L&#246;n");
      parts[SHEET] = new Uint8Array(
        Buffer.from(xml.replace("L&#246;n", "Lön"), "latin1"),
      );
    });
    const halfPair = utf16SheetWith("<!--\ud800-->");
    for (const [name, bytes, encoding] of [
      ["latin1.xlsx", latin1, "UTF-8"],
      ["half-pair.xlsx", halfPair, "UTF-16"],
    ] as const) {
      const path = file(name, bytes);
      const check = run("check", path, "--json");
      expect(check.code).toBe(1);
      expect(check.stdout).not.toContain("\ufffd");
      const findings = (
        JSON.parse(check.stdout) as {
          findings: { code: string; sheet: string; message: string }[];
        }
      ).findings.filter((f) => f.code === "SHEET_UNREADABLE");
      expect(findings.map((f) => [f.sheet, f.message])).toEqual([
        [
          "Halvår 2 2025",
          `Bladet kunde inte läsas (invalid XML: bytes that are not ${encoding} text). Öppna och spara arbetsboken i Excel och försök igen.`,
        ],
      ]);
      const out = join(dir, `out-${name}`);
      expect(run("compute", path, "--out", out).code).toBe(1);
      expect(unzipSync(readFileSync(out))[SHEET]).toEqual(
        unzipSync(bytes)[SHEET],
      );
    }
    // The workbook part and the shared strings, which every sheet needs: the workbook is damaged.
    const inPart = (part: string) =>
      withParts((parts) => {
        const at = parts[part]!.indexOf(0x3e /* > */, 60) + 1;
        parts[part] = Uint8Array.from([
          ...parts[part]!.subarray(0, at),
          0xf6,
          ...parts[part]!.subarray(at),
        ]);
      });
    expect(damaged("latin1-workbook.xlsx", inPart("xl/workbook.xml"))).toEqual({
      code: "CORRUPT",
      message: expect.stringContaining(
        "delen xl/workbook.xml är inte giltig XML",
      ) as string,
    });
  });

  test("bidirectional overrides in a label and a name never turn a message or the memo's decision around", () => {
    // An override left open reverses what follows it in the sentence: "rk 786 63" for "36 687 kr".
    const path = file(
      "bidi.xlsx",
      withParts((parts) => {
        put(
          parts,
          "xl/worksheets/sheet1.xml",
          text(parts, "xl/worksheets/sheet1.xml").replace(
            "R&#228;dda Barnen",
            "R&#228;dda\u202e Barnen\u2067",
          ),
        );
        put(
          parts,
          "xl/worksheets/sheet3.xml",
          text(parts, "xl/worksheets/sheet3.xml").replace(
            "Verksamhetskostnader",
            "Verksamhet\u202ekostnader\u200f",
          ),
        );
      }),
    );
    const check = run("check", path, "--json");
    expect(check.stdout).toContain("Rädda Barnen");
    expect(check.stdout).toContain('"Verksamhetkostnader"');
    expect(check.stdout).not.toMatch(
      /[\u202e\u2067\u200f]|\\u(202e|2067|200f)/i,
    );
    const memo = run("memo", path, "--json", "--out", join(dir, "bidi.docx"));
    expect(memo.stdout).toContain("beviljar Rädda Barnen");
    expect(memo.stdout).not.toMatch(
      /[\u202e\u2067\u200f]|\\u(202e|2067|200f)/i,
    );
  });

  test("an override in a file's name reaches neither Beslut's stamp nor the memo, where it showed the name reversed", () => {
    // "rapport-2024\u202exslx.xlsx" shows as "rapport-2024xlsx.xslx", and turned the rest of the
    // stamp's sentence around.
    const path = file("rapport-2024\u202exslx.xlsx", SAMPLE);
    const out = join(dir, "bidi-name-out.xlsx");
    expect(run("compute", path, "--out", out).code).toBe(0);
    const beslut = beslutXml(out);
    expect(beslut).toContain("från rapport-2024xslx.xlsx. Bladet skrivs om");
    expect(beslut).not.toContain("\u202e");
    const docx = join(dir, "bidi-name.docx");
    const memo = run("memo", path, "--out", docx);
    expect(memo.code).toBe(0);
    // The terminal shows the name as it is, escaped (the path is what the person typed).
    expect(memo.stdout).toContain("rapport-2024\\u202exslx.xlsx");
    const document = strFromU8(
      unzipSync(readFileSync(docx))["word/document.xml"]!,
    );
    expect(document).toContain("rapport-2024xslx.xlsx");
    expect(document).not.toContain("\u202e");
  });

  test("a label holding what reads as an escape, a carriage return and half of a surrogate pair is copied into Beslut as it was", () => {
    // Excel stores a typed "_x0041_" as _x005F_x0041_ and a carriage return as _x000D_: written
    // back as they read, the first showed as "A" and half a pair as U+FFFD in Beslut.
    const path = file(
      "escapes.xlsx",
      editPart("xl/worksheets/sheet3.xml", (xml) =>
        xml.replace(
          "Verksamhetskostnader",
          "Verksamhet _x005F_x0041_ _x000D_\n_xD800_kostnader",
        ),
      ),
    );
    const label = "Verksamhet _x0041_ \r\n\ud800kostnader";
    const out = join(dir, "escapes-out.xlsx");
    expect(run("compute", path, "--out", out).code).toBe(0);
    const texts = (name: string) =>
      readXlsx(readFileSync(out))
        .sheets.find((s) => s.name === name)!
        .rows.flatMap((r) => r ?? [])
        .map((c) => c?.v)
        .filter((v): v is string => typeof v === "string");
    expect(texts("Halvår 1 2026")).toContain(label);
    expect(texts("Beslut")).toContain(label);
    expect(texts("Beslut").some((t) => t.includes(`"${label}"`))).toBe(true);
    const xml = beslutXml(out);
    expect(xml).toContain("Verksamhet _x005F_x0041_ _x000D_\n_xD800_kostnader");
    expect(xml).not.toContain("\ufffd");
  });

  test("a sheet whose declaration names another encoding, its text all ASCII: read, and written back in UTF-8 that says so", () => {
    const path = file(
      "declared-latin1.xlsx",
      editPart(
        "xl/worksheets/sheet2.xml",
        (xml) => `<?xml version="1.0" encoding="ISO-8859-1"?>${xml}`,
      ),
    );
    const check = run("check", path, "--json");
    expect(
      JSON.parse(run("check", file("ascii.xlsx", SAMPLE), "--json").stdout),
    ).toEqual({ ...JSON.parse(check.stdout), file: join(dir, "ascii.xlsx") });
    const out = join(dir, "declared-latin1-out.xlsx");
    expect(run("compute", path, "--out", out).code).toBe(0);
    const written = strFromU8(
      unzipSync(readFileSync(out))["xl/worksheets/sheet2.xml"]!,
    );
    expect(written).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    // The status formula compute writes is not ASCII: it reads back as written.
    expect(written).toContain('"Överskriden"');
  });

  test("a UTF-16 part (which Excel reads) is read as the same workbook", () => {
    const utf16 = utf16SheetWith();
    const a = JSON.parse(
      run("check", file("utf8.xlsx", SAMPLE), "--json").stdout,
    );
    const b = JSON.parse(
      run("check", file("utf16.xlsx", utf16), "--json").stdout,
    );
    expect({ ...b, file: "" }).toEqual({ ...a, file: "" });
    // And compute writes it back as UTF-8 that says so.
    const out = join(dir, "utf16-out.xlsx");
    expect(run("compute", file("utf16b.xlsx", utf16), "--out", out).code).toBe(
      0,
    );
    const written = unzipSync(readFileSync(out))["xl/worksheets/sheet2.xml"]!;
    expect(strFromU8(written.subarray(0, 60))).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>/,
    );
    expect(strToU8(strFromU8(written))).toEqual(written);
  });
});
