// One truth across file formats: a workbook saved as .ods by LibreOffice (what Calc saves by default)
// is read as its .xlsx is: the same findings and the same figures, on random workbooks and on the
// cases such a sample found. One Calc converts them all at once.

import fc from "fast-check";
import {
  type Analysis,
  type Cell,
  type Grid,
  type PlanValue,
  type WritePlan,
  a1,
  analyze,
} from "../../src/core";
import { excelFormula } from "../../src/xlsx/ods";
import { createWorkbook } from "../../src/xlsx/write";
import { template2026, typedIn } from "../helpers/template";
import { isDateFormat } from "../../src/core/reading/dates";
import { WorkbookFileError, readXlsx } from "../../src/xlsx/read";
import {
  anyWorkbook,
  formulaWorkbook,
  valuesOnly,
} from "../helpers/arbitraries";
import {
  recalculateAllWithLibreOffice,
  saveAllAsOds,
} from "../helpers/libreoffice";
import { detailsSheet } from "../helpers/seed";
import { type SheetSpec, buildXlsx, kr, xlsxOf } from "../helpers/workbook";

/** Excel's last date, 9999-12-31. */
const LAST_SERIAL = 2_958_465;

/**
 * What .ods carries exactly, as LibreOffice writes it: a number to 15 significant digits and 20
 * decimals (-1.54329773628293e-14 is written -1.543298e-14), and a
 * date-formatted number as a date from 1899-12-30 to 9999-12-31 (outside, Calc writes "#FMT" or a
 * day off). The sample keeps to it, so that a difference is ours, not the format's.
 */
function carried(cell: Cell | undefined): Cell | undefined {
  if (cell?.t !== "n") return cell;
  const v = Number(Number(cell.v.toPrecision(15)).toFixed(20));
  if (
    isDateFormat(cell.fmt) &&
    !(Number.isInteger(v) && v >= 0 && v <= LAST_SERIAL)
  ) {
    const { fmt: _date, ...plain } = cell;
    return { ...plain, v };
  }
  return { ...cell, v };
}

const carriedByOds = (sheets: Grid[]): Grid[] =>
  sheets.map((g) => ({
    ...g,
    rows: g.rows.map((row) => row?.map(carried)),
  }));

/** What a reader sees of an analysis: every finding with its parameters, and every figure. */
const seen = (a: Analysis) =>
  JSON.parse(
    JSON.stringify({ findings: a.findings, computation: a.computation }),
  ) as unknown;

/** Each workbook and its .ods, from one Calc; what cannot be written or read is left out. */
async function withOds(
  books: readonly Grid[][],
): Promise<{ sheets: string; xlsx: Uint8Array; ods: Uint8Array }[]> {
  const written: { sheets: string; xlsx: Uint8Array }[] = [];
  for (const sheets of books) {
    let xlsx;
    try {
      xlsx = await xlsxOf(sheets);
      readXlsx(xlsx);
    } catch (e) {
      // Two sheets of one name, or what ExcelJS writes and cannot be read: not this test's concern.
      if (e instanceof WorkbookFileError || !(e instanceof Error)) continue;
      if (!/name|already exists|worksheet/i.test(e.message)) throw e;
      continue;
    }
    written.push({ sheets: JSON.stringify(sheets), xlsx });
  }
  const ods = saveAllAsOds(written.map((w) => w.xlsx));
  return written.map((w, i) => ({ ...w, ods: ods[i]! }));
}

test("a random workbook saved as .ods by LibreOffice gives the findings and figures of its .xlsx (a sample)", async () => {
  const books = [
    ...fc.sample(formulaWorkbook.map(valuesOnly).map(carriedByOds), {
      numRuns: 40,
      seed: 20261206,
    }),
    ...fc.sample(
      anyWorkbook.map((w) =>
        carriedByOds(valuesOnly(w.map((g) => ({ ...g, merges: [] })))),
      ),
      { numRuns: 30, seed: 20261207 },
    ),
  ];
  const pairs = await withOds(books);
  let findings = 0;
  for (const { sheets, xlsx, ods } of pairs) {
    const fromXlsx = analyze(readXlsx(xlsx));
    // The workbook goes with what failed, to run again by hand.
    expect({ sheets, seen: seen(analyze(readXlsx(ods))) }).toEqual({
      sheets,
      seen: seen(fromXlsx),
    });
    findings += fromXlsx.findings.length;
  }
  expect(pairs.length).toBeGreaterThan(50);
  expect(findings).toBeGreaterThan(500);
}, 300_000);

describe("what such a sample found, each agreeing now", () => {
  const half = (rows: SheetSpec["rows"]): SheetSpec[] => [
    detailsSheet({ start: "2025-01-01", end: "2025-12-31" }),
    { name: "Utfall 2025 H1", rows: [["Post", "Budget", "Utfall"], ...rows] },
  ];
  /** `at` is a cell of the half-year: a finding there, or, with `value`, the value read there. */
  const cases: {
    what: string;
    sheets: SheetSpec[];
    at: { row: number; col: number; value?: number };
  }[] = [
    // Calc keeps a typed TRUE as the formula TRUE() and saves it as the number 1 (a logical's
    // format is Calc's own): it was read as a budget of 1 kr.
    {
      what: "a TRUE typed in a budget cell",
      sheets: half([
        ["Verksamhet", true, kr(800)],
        ["Lokal", kr(500), kr(500)],
      ]),
      at: { row: 1, col: 1 },
    },
    // A date past year 9999, as Calc writes it ("14042-12-14"), was read as text.
    {
      what: "a number of months formatted as a date past year 9999",
      sheets: half([
        ["Verksamhet", kr(1000), { value: 4_435_124, fmt: "yyyy-mm-dd" }],
      ]),
      at: { row: 1, col: 2 },
    },
    // A time of day was dropped: 1 000,1 as a date is "1902-09-26T02:24:00".
    {
      what: "an amount formatted as a date and time",
      sheets: half([
        ["Verksamhet", kr(2000), { value: 1000.1, fmt: "yyyy-mm-dd hh:mm" }],
      ]),
      at: { row: 1, col: 2, value: 1000.1 },
    },
  ];

  // One Calc for them all.
  let files: { xlsx: Uint8Array; ods: Uint8Array }[] = [];
  beforeAll(async () => {
    const xlsx = await Promise.all(cases.map((c) => buildXlsx(c.sheets)));
    const ods = saveAllAsOds(xlsx);
    files = xlsx.map((x, i) => ({ xlsx: x, ods: ods[i]! }));
  }, 60_000);

  test.each(cases.map((c, i) => [c.what, c, i] as const))(
    "%s",
    (_what, { at }, i) => {
      const { xlsx, ods } = files[i]!;
      const read = readXlsx(ods);
      const fromXlsx = analyze(readXlsx(xlsx));
      expect(seen(analyze(read))).toEqual(seen(fromXlsx));
      // The case is the one it says.
      if (at.value === undefined)
        expect(
          fromXlsx.findings.some(
            (f) =>
              f.sheet === "Utfall 2025 H1" && f.cell === a1(at.row, at.col),
          ),
        ).toBe(true);
      else
        expect(
          read.sheets.find((g) => g.name === "Utfall 2025 H1")?.rows[at.row]?.[
            at.col
          ]?.v,
        ).toBeCloseTo(at.value, 9);
    },
  );
});

// The template filled in and saved by Calc as .ods, its default: every formula of the template was
// read as text with ";" between its arguments (not the template's own, so its SUMIF short of a
// person was an error, its OH formula over that line another) and each empty result of
// Differens as never worked out (16 warnings on a clean workbook).
test("the template filled in, worked out and saved as .ods by LibreOffice gives the findings and figures of its .xlsx, formulas and all", () => {
  const plan = template2026();
  const typed = (
    value: (sheet: string, row: number, col: number) => PlanValue | undefined,
  ): WritePlan => typedIn(plan, value);
  const variants = [
    plan,
    // A Post with a space after it: the line's SUMIF misses the person.
    typed((s, r, c) =>
      s === "Lönekalkyl" && r === 5 && c === 0
        ? { kind: "text", value: "Hälsofrämjare " }
        : undefined,
    ),
    // A report: actuals on the first half-year, one line over with its explanation.
    typed((s, r, c) =>
      s === "Budget 2026 H2" && r >= 4 && r <= 7 && c === 6
        ? { kind: "number", value: [700_000, 160_000, 130_000, 95_000][r - 4]! }
        : s === "Budget 2026 H2" && r === 6 && c === 9
          ? { kind: "text", value: "Fler aktiviteter än planerat" }
          : undefined,
    ),
  ];
  const xlsx = recalculateAllWithLibreOffice(
    variants.map((v) => createWorkbook(v)),
  );
  const ods = saveAllAsOds(xlsx);
  const said = xlsx.map((x, i) => {
    const fromXlsx = analyze(readXlsx(x));
    expect(seen(analyze(readXlsx(ods[i]!)))).toEqual(seen(fromXlsx));
    return fromXlsx.findings
      .filter((f) => f.severity !== "info")
      .map((f) => f.code);
  });
  // The cases are the ones they say.
  expect(said).toEqual([
    [],
    ["SALARY_POST_SPELLED_APART", "SALARY_POST_SPELLED_APART"],
    ["OVERSPENT"],
  ]);
  // A formula read as Excel writes it: the template's own SUMIF, told as its own.
  const h2 = readXlsx(ods[0]!).sheets.find((g) => g.name === "Budget 2026 H2")!;
  expect(h2.rows[4]![5]?.f).toBe(
    "SUMIF(Lönekalkyl!$A$4:$A$23,B5,Lönekalkyl!$I$4:$I$23)",
  );
  expect(h2.rows[4]![7]).toMatchObject({ t: "s", v: "" });
}, 180_000);

test("an OpenDocument formula reads as Excel writes it: references, sheets quoted or not, ';' between arguments but in text", () => {
  expect(
    excelFormula(
      `of:=IF([.G5]="";"a;b";[$'Budget 2026 H1'.F5]-SUM([$Lönekalkyl.$A$4:.$A$23]))`,
    ),
  ).toBe(`IF(G5="","a;b",'Budget 2026 H1'!F5-SUM(Lönekalkyl!$A$4:$A$23))`);
  expect(
    excelFormula(`of:=SUM([$'It''s.here'.A1:$'It''s.here'.B2];"x""[.A1]")`),
  ).toBe(`SUM('It''s.here'!A1:B2,"x""[.A1]")`);
});
