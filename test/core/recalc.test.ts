// The formulas that follow a what-if's changed cells, worked out as the spreadsheet does: held to
// LibreOffice Calc's own recalculation of the same cells, formula by formula.

import type { Cell, Grid, WorkbookGrids } from "../../src/core";
import { recalculated } from "../../src/core/modelling/recalc";
import { readXlsx } from "../../src/xlsx/read";
import { recalculateAllWithLibreOffice } from "../helpers/libreoffice";
import { xlsxOf } from "../helpers/workbook";

const n = (v: number): Cell => ({ t: "n", v });
const s = (v: string): Cell => ({ t: "s", v });
const f = (formula: string): Cell => ({ t: "n", v: 0, f: formula });

/**
 * Inputs in A, keys and amounts in C–F, a formula of each kind in B: each reads A1 or A3 (the
 * cells changed), so that each is worked out again.
 */
const OTHERS = [
  "SUM(A1:A8)",
  "A1*A2",
  "ROUND(A3,0)",
  "ROUND(A7,0)",
  'IF(A4="","tom",A4)',
  "A5&A1",
  'A1*0+SUMIF(C1:C4,"b",D1:D4)',
  'A1*0+SUMIF(D1:D4,">2")',
  "VLOOKUP(A1,E1:F3,2,TRUE())",
  "MAX(A1,A3,A7)",
  "MIN(A1:A3)",
  "AND(A1>5,A3<3)",
  "A1/A4",
  "B15+A1",
  "B14",
  "ABS(A7)",
  "Data!A1*A1",
  "A1^2",
  "-A1%",
  "IF(OR(A1>11,A3=2.5),A8+1,0)",
  "ROUND(A1*1.005,2)",
  "SUM(B1:B3)*A3",
  'A1*0+SUMIF(C1:C4,"?",D1:D4)',
  'A1*0+SUMIF(C1:C4,"<>b",D1:D4)',
  'A1*0+SUMIF(D1:D4,"3")',
  'A1*0+SUMIF(C1:C4,"*",D1:D4)',
  // The add-in's service % of a line: SUMIFS over the persons who cost something.
  'SUMIFS(D1:D4,C1:C4,"b",D1:D4,">"&A3)',
  'A1*0+SUMIFS(D1:D4,C1:C4,"<>b",D1:D4,">0")',
  // Helpers a person writes beside a budget: the text and empty cells of A are passed over.
  "AVERAGE(A1:A8)",
  "AVERAGE(D1:D4)*A1",
  "AVERAGE(E4:E8)+A1",
  "COUNT(A1:A8)+A1",
  "COUNT(A1:A8,A3,TRUE)*A1",
  "COUNTA(A1:A8)+A1",
  "ROUNDUP(A1*1.05,0)",
  "ROUNDUP(A7*A3,1)",
  "ROUNDDOWN(A1/3,2)",
  "ROUNDDOWN(A7*A3,0)",
  "ROUNDUP(A1*2.3,-1)",
  // Lookups and errors caught, as helpers beside a budget have them.
  "IFERROR(A1/A4,A3)",
  "IFERROR(A1*2,0)",
  'IFERROR(VLOOKUP(A1,E1:F3,2,FALSE),"saknas")',
  '_xlfn.IFNA(VLOOKUP(A3,E1:F3,2,FALSE),"saknas")',
  "_xlfn.IFNA(A1/A4,1)",
  "MEDIAN(A1:A8)",
  "MEDIAN(A1,A3,D1:D4)",
  "SUMPRODUCT(D1:D4,E1:E4)*A1",
  "SUMPRODUCT(A1:A3,D1:D3)",
  "SUMPRODUCT(A1:A2,D1:D3)",
  "INDEX(E1:F3,MATCH(A1,E1:E3,1),2)",
  "INDEX(D1:D4,A3)",
  "INDEX(C1:F1,A3)",
  "INDEX(E1:F3,A3,2)",
  "MATCH(A3,D1:D4,1)",
  'MATCH("b",C1:C4,0)+A1',
  "MATCH(A1,E1:E3,0)",
  "IFERROR(MATCH(A1,E1:E3,0),-1)",
  "MATCH(A1,E1:E3)",
  "INT(A7*A3)",
  "MOD(A1,A3)",
  "MOD(A7,A3)",
  "MOD(A1,A4)",
  // Totals as Excel's AutoSum writes them below a filtered list; one over two of them sums neither.
  "SUBTOTAL(9,A1:A8)",
  "SUBTOTAL(109,A1:A8)",
  "SUBTOTAL(1,A1:A8)",
  "SUBTOTAL(2,A1:A8)+A1",
  "SUBTOTAL(3,A1:A8)+A1",
  "SUBTOTAL(104,A1:A8,D1:D4)",
  "SUBTOTAL(5,A1:A8)",
  "SUBTOTAL(9,D1:D4,A3)",
  // Counts and means under criteria, as helpers count a post's persons.
  'COUNTIF(C1:C4,"b")+A1',
  'COUNTIF(A1:A8,">2")*A1',
  'COUNTIFS(C1:C4,"<>b",D1:D4,">"&A3)',
  'AVERAGEIF(C1:C4,"b",D1:D4)*A1',
  'IFERROR(AVERAGEIF(D1:D4,">"&A1),"ingen")',
  // Dates, from A8's "2026-01-31" typed as text: a period's end, the months between two dates.
  "YEAR(A8)+A1",
  "MONTH(A8)*A1",
  "DAY(A8)+A3",
  "DATE(2026,A1,A3)",
  "EDATE(A8,A1)",
  "EDATE(A8,-A1)",
  "EOMONTH(A8,A3)",
  'DATEDIF(A8,DATE(2027,A1,1),"m")',
  'DATEDIF(A8,EDATE(A8,A1),"d")',
  'DATEDIF(A8,DATE(2030,A1,1),"Y")',
  'DATEDIF(A8,DATE(2026,2,28),"m")+A1',
];
const SUBTOTAL_AT = OTHERS.indexOf("SUBTOTAL(9,A1:A8)") + 1;
const FORMULAS = [
  ...OTHERS,
  // Rows of the first two SUBTOTALs above.
  `SUBTOTAL(9,B${SUBTOTAL_AT}:B${SUBTOTAL_AT + 1})+A1`,
  // A function what-if does not know: its value is the one the file holds (Calc's #NAME?).
  "FOOBAR(A1)",
];

function workbook(a1: number, a3: number): Grid[] {
  const inputs: (Cell | undefined)[] = [
    n(a1),
    s("10 %"),
    n(a3),
    undefined,
    s("x"),
    undefined,
    n(-2.5),
    s("2026-01-31"),
  ];
  const keys = ["a", "b", "B", "c"];
  const table: [number, string][] = [
    [0, "låg"],
    [5, "mellan"],
    [20, "hög"],
  ];
  return [
    {
      name: "Blad",
      rows: FORMULAS.map((formula, r) => [
        inputs[r],
        f(formula),
        keys[r] === undefined ? undefined : s(keys[r]),
        r < 4 ? n(r + 1) : undefined,
        table[r] ? n(table[r][0]) : undefined,
        table[r] ? s(table[r][1]) : undefined,
      ]),
    },
    { name: "Data", rows: [[n(3)]] },
  ];
}

test("a changed cell's dependants are what Calc works out, formula by formula; a cycle and an unknown function keep their values", async () => {
  const [before, after] = recalculateAllWithLibreOffice([
    await xlsxOf(workbook(10, 2.5)),
    await xlsxOf(workbook(12, 3.5)),
  ]);
  const read = readXlsx(before!);
  const sheet = read.sheets.find((g) => g.name === "Blad")!;
  const typed = [...sheet.rows];
  typed[0] = [n(12), ...(typed[0] ?? []).slice(1)];
  typed[2] = [n(3.5), ...(typed[2] ?? []).slice(1)];
  const grids: WorkbookGrids = {
    sheets: read.sheets.map((g) => (g === sheet ? { ...g, rows: typed } : g)),
  };
  const worked = recalculated(read, grids, [
    { sheet: "Blad", row: 0, col: 0 },
    { sheet: "Blad", row: 2, col: 0 },
  ]);
  const column = (g: WorkbookGrids) =>
    g.sheets
      .find((x) => x.name === "Blad")!
      .rows.map((row, r) => {
        const c = row?.[1];
        return `${FORMULAS[r]} = ${c?.t === "n" ? Math.round(c.v * 1e9) / 1e9 : String(c?.v)}`;
      });
  const calc = column(readXlsx(after!));
  expect(column(worked)).toEqual(calc);
  // Not the values before: the change moved them.
  expect(column(read)).not.toEqual(calc);
  expect(calc).toContain('A1*0+SUMIF(C1:C4,"b",D1:D4) = 5');
  expect(calc).toContain('A1*0+SUMIF(C1:C4,"?",D1:D4) = 10');
  expect(calc).toContain('SUMIFS(D1:D4,C1:C4,"b",D1:D4,">"&A3) = 0');
  expect(calc).toContain('A1*0+SUMIFS(D1:D4,C1:C4,"<>b",D1:D4,">0") = 5');
  expect(calc).toContain("A1*A2 = 1.2");
  expect(calc).toContain("FOOBAR(A1) = #NAME?");
  // 12, 3,5 and −2,5 are A's numbers; "10 %", "x" and a date typed as text are not.
  expect(calc).toContain("AVERAGE(A1:A8) = 4.333333333");
  expect(calc).toContain("COUNTA(A1:A8)+A1 = 18");
  expect(calc).toContain("COUNT(A1:A8,A3,TRUE)*A1 = 60");
  expect(calc).toContain("AVERAGE(E4:E8)+A1 = #DIV/0!");
  expect(calc).toContain("ROUNDUP(A7*A3,1) = -8.8");
  expect(calc).toContain("ROUNDDOWN(A7*A3,0) = -8");
  expect(calc).toContain("ROUNDUP(A1*2.3,-1) = 30");
  expect(calc).toContain("B15+A1 = #VALUE!");
  // 12 + 3,5 − 2,5; the SUBTOTAL over two SUBTOTALs passes both, leaving A1.
  expect(calc).toContain("SUBTOTAL(9,A1:A8) = 13");
  expect(calc).toContain(`${FORMULAS[OTHERS.length]} = 12`);
});

test("a crafted formula (nested 4 000 deep, a chain of 2 700 terms, longer than Excel allows) keeps its value and stops nothing", () => {
  // The first two are within Excel's 8 192 characters: their depth is what stops them.
  const crafted = [
    `${"(".repeat(4_000)}A1${")".repeat(4_000)}`,
    Array.from({ length: 2_700 }, () => "A1").join("+"),
    `A1+${"1+".repeat(4_500)}1`,
    "SUM(A1)*2",
  ];
  expect(crafted.map((x) => x.length > 8_192)).toEqual([
    false,
    false,
    true,
    false,
  ]);
  const read: WorkbookGrids = {
    sheets: [
      {
        name: "Blad",
        rows: [
          [
            n(1),
            ...crafted.map((formula): Cell => ({ t: "n", v: 7, f: formula })),
          ],
        ],
      },
    ],
  };
  const grids: WorkbookGrids = {
    sheets: [
      { name: "Blad", rows: [[n(2), ...read.sheets[0]!.rows[0]!.slice(1)]] },
    ],
  };
  const row = recalculated(read, grids, [{ sheet: "Blad", row: 0, col: 0 }])
    .sheets[0]!.rows[0]!;
  expect(row.slice(1).map((c) => c?.v)).toEqual([7, 7, 7, 4]);
});

test("a crafted wildcard criterion over a long text is matched in time proportional to them, and one over 255 characters is #VALUE! as in Excel", () => {
  const long = "a".repeat(30_000);
  const pattern = `${"*a".repeat(120)}b`;
  const read: WorkbookGrids = {
    sheets: [
      {
        name: "Blad",
        rows: [
          [n(1), s(long), f(`A1*0+SUMIF(B1:B2,"${pattern}",A1:A2)`)],
          [
            n(2),
            s(`${long}b`),
            f(`A1*0+SUMIF(B1:B2,"${"x".repeat(256)}",A1:A2)`),
          ],
        ],
      },
    ],
  };
  const rows = [
    [n(5), ...read.sheets[0]!.rows[0]!.slice(1)],
    read.sheets[0]!.rows[1]!,
  ];
  const out = recalculated(read, { sheets: [{ name: "Blad", rows }] }, [
    { sheet: "Blad", row: 0, col: 0 },
  ]).sheets[0]!.rows;
  expect([out[0]![2], out[1]![2]]).toEqual([
    { t: "n", v: 2, f: `A1*0+SUMIF(B1:B2,"${pattern}",A1:A2)` },
    { t: "e", v: "#VALUE!", f: `A1*0+SUMIF(B1:B2,"${"x".repeat(256)}",A1:A2)` },
  ]);
});

test("where Calc differs from Excel, Excel's documented value; a form not worked out keeps the value the file holds", () => {
  const formulas = [
    // Excel: MEDIAN of no numbers is #NUM!, INDEX outside its range #REF! (Calc: #VALUE!).
    "MEDIAN(C1:C2)+A1",
    "INDEX(B1:B2,A1)",
    // Excel: DATEDIF backwards is #NUM! (Calc: #VALUE!); a year below 1900 is 1900 on (Calc: 2026).
    'DATEDIF(DATE(2027,A1,1),DATE(2026,1,1),"m")',
    "DATE(26,A1,1)",
    // Array arithmetic, a wildcard match and a whole row are not worked out; nor is a lookup
    // over values out of order or of another kind, where Excel's binary search finds what a scan
    // does not.
    'SUMPRODUCT((B1:B2="x")*A1:A2)',
    'MATCH("x*",B1:B2,0)+A1',
    "INDEX(A1:B2,A1)",
    "MATCH(5,A1:A2,1)+A1",
    "VLOOKUP(A1,B1:B2,1,TRUE)",
  ];
  const row = (a: number) => [
    n(a),
    s("x"),
    undefined,
    ...formulas.map((x): Cell => ({ t: "n", v: 7, f: x })),
  ];
  const read: WorkbookGrids = {
    sheets: [{ name: "Blad", rows: [row(1), [n(2), s("y")]] }],
  };
  const grids: WorkbookGrids = {
    sheets: [{ name: "Blad", rows: [row(3), read.sheets[0]!.rows[1]!] }],
  };
  const out = recalculated(read, grids, [{ sheet: "Blad", row: 0, col: 0 }])
    .sheets[0]!.rows[0]!;
  // 1926-03-01 is serial 9 557.
  expect(out.slice(3).map((c) => c?.v)).toEqual([
    "#NUM!",
    "#REF!",
    "#NUM!",
    9557,
    7,
    7,
    7,
    7,
    7,
  ]);
});

test("SUBTOTAL passes over hidden rows from 101 on; below 100 it passes over filtered rows only, which the file does not tell from hidden ones, so it keeps its value", () => {
  const formulas = ["SUBTOTAL(109,A1:A3)", "SUBTOTAL(9,A1:A3)", "SUM(A1:A3)"];
  const rows = (a: number): (Cell | undefined)[][] => [
    [n(a), ...formulas.map((x): Cell => ({ t: "n", v: 7, f: x }))],
    [n(10)],
    [n(100)],
  ];
  const sheet = (a: number): Grid => ({
    name: "Blad",
    rows: rows(a),
    hiddenRows: [1],
  });
  const out = recalculated({ sheets: [sheet(1)] }, { sheets: [sheet(2)] }, [
    { sheet: "Blad", row: 0, col: 0 },
  ]).sheets[0]!.rows[0]!;
  expect(out.slice(1).map((c) => c?.v)).toEqual([102, 7, 112]);
});
