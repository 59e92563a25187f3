// An Excel table's structured references read as the cells they name, in the file's form and in
// the form Excel shows (and gives the add-in).

import { type TableArea, Tables, tableFormula } from "../../src/core";
import { HEADERS } from "../helpers/seed";

const SHEET = "Budget 2025 H2";

/** The seed's half-year as a table A3:H8: its header in row 3, lines 4–7, its total row 8. */
const BUDGET: TableArea = {
  name: "Tabell1",
  sheet: SHEET,
  top: 2,
  left: 0,
  bottom: 7,
  right: 7,
  headerRow: true,
  totalsRow: true,
  columns: HEADERS,
};

const tables = new Tables([BUDGET]);

/** The formula as A1, written at `cell` (0-based row and column) of `sheet`. */
const at = (
  formula: string,
  row = 4,
  col = 7,
  sheet = SHEET,
): string | undefined => tableFormula(formula, { sheet, row, col }, tables);

test.each([
  ["SUBTOTAL(109,Tabell1[Budget])", "SUBTOTAL(109,F4:F7)"],
  ["SUM(tabell1[budget])", "SUM(F4:F7)"],
  ["[@Budget]-[@Utfall]", "F5-G5"],
  ["Tabell1[[#This Row],[Budget]]-Tabell1[[#This Row],[Utfall]]", "F5-G5"],
  ["[@Tjänstgöringsgrad]*[@[Antal månader]]*[@Månadskostnad]", "C5*D5*E5"],
  ["Tabell1[@Budget]", "F5"],
  ["Tabell1[[#Totals],[Budget]]", "F8"],
  ["Tabell1[#Totals]", "A8:H8"],
  ["Tabell1[#All]", "A3:H8"],
  ["Tabell1[#Headers]", "A3:H3"],
  ["Tabell1[]", "A4:H7"],
  ["Tabell1[[#Data],[Budget]]", "F4:F7"],
  ["Tabell1[[#Headers],[#Data],[Budget]]", "F3:F7"],
  ["Tabell1[[#Data],[#Totals],[Budget]]", "F4:F8"],
  ["SUM(Tabell1[[Månadskostnad]:[Utfall]])", "SUM(E4:G7)"],
  ["SUM(Tabell1[[Utfall]:[Månadskostnad]])", "SUM(E4:G7)"],
  ['IF([@Utfall]="","[x]",[@Budget])', 'IF(G5="","[x]",F5)'],
])("%s reads as %s", (formula, expected) => {
  expect(at(formula)).toBe(expected);
});

test("a table on another sheet is named with its sheet", () => {
  expect(at("SUM(Tabell1[Budget])/2", 0, 1, "Uppgifter")).toBe(
    "SUM('Budget 2025 H2'!F4:F7)/2",
  );
  const quoted = new Tables([{ ...BUDGET, sheet: "Rädda Barnens 'budget'" }]);
  expect(
    tableFormula(
      "Tabell1[[#Totals],[Budget]]",
      { sheet: "S", row: 0, col: 0 },
      quoted,
    ),
  ).toBe("'Rädda Barnens ''budget'''!F8");
});

test("a column whose name holds brackets or a # is read with Excel's escapes", () => {
  const escaped = new Tables([
    {
      ...BUDGET,
      columns: [
        ...BUDGET.columns.slice(0, 5),
        "Belopp [kr]",
        "#Utfall",
        "Differens",
      ],
    },
  ]);
  const read = (f: string) =>
    tableFormula(f, { sheet: SHEET, row: 4, col: 7 }, escaped);
  expect(read("Tabell1[[#This Row],[Belopp '[kr']]]")).toBe("F5");
  expect(read("SUM(Tabell1['#Utfall])")).toBe("SUM(G4:G7)");
});

test.each([
  ["a formula without a table", "SUM(F4:F7)"],
  ["an unknown column", "SUM(Tabell1[Belopp])"],
  ["an unknown table", "SUM(Tabell9[Budget])"],
  ["a text's brackets", '"[Budget]"&A1'],
  ["another workbook's cell", "[1]Blad1!A1+Tabell1[[#Totals],[Budget]]"],
  ["a reference left open", "SUM(Tabell1[Budget)"],
])("%s is not read as a table's: %s", (_, formula) => {
  expect(at(formula)).toBeUndefined();
});

test("a row Excel would not take is not worked out: #This Row outside the lines, #Totals of a table without", () => {
  // The header row and the total row are no data row: Excel's #VALUE!.
  expect(at("[@Budget]", 2)).toBeUndefined();
  expect(at("[@Budget]", 7)).toBeUndefined();
  // "[Budget]" outside any table names none.
  expect(at("SUM([Budget])", 10, 1)).toBeUndefined();
  const open = new Tables([{ ...BUDGET, totalsRow: false, headerRow: false }]);
  const read = (f: string) =>
    tableFormula(f, { sheet: SHEET, row: 4, col: 7 }, open);
  expect(read("Tabell1[#Totals]")).toBeUndefined();
  expect(read("Tabell1[#Headers]")).toBeUndefined();
  // Without a header or a total row, the data is the whole range.
  expect(read("SUM(Tabell1[Budget])")).toBe("SUM(F3:F8)");
});

test("a table whose columns do not fill its range, or a name given twice, is not used", () => {
  const crafted = new Tables([
    { ...BUDGET, columns: ["Budget"] },
    { ...BUDGET, name: "Tabell2", top: 20, bottom: 25 },
    { ...BUDGET, name: "TABELL2", top: 40, bottom: 45 },
  ]);
  const read = (f: string) =>
    tableFormula(f, { sheet: SHEET, row: 4, col: 7 }, crafted);
  expect(read("SUM(Tabell1[Budget])")).toBeUndefined();
  expect(read("SUM(Tabell2[Budget])")).toBe("SUM(F22:F25)");
});

test("a formula read once is read again at each row it is in, past the formulas kept read", () => {
  expect(at("[@Budget]-[@Utfall]", 3)).toBe("F4-G4");
  expect(at("[@Budget]-[@Utfall]", 6)).toBe("F7-G7");
  // 10 000 distinct formulas are kept read; the ones after are read each time, alike.
  for (let k = 0; k < 10_050; k++)
    expect(at(`[@Budget]*${k}`, 3 + (k % 4))).toBe(`F${4 + (k % 4)}*${k}`);
});

// Found by the parity property on tables: a table of one line gave "SUBTOTAL(109,F4)", which is
// not the SUM of a column a total row is known by, so an unlabelled total counted as a line.
test("a column of a table of one line is still a range; this row's, the totals' and the header's cell a cell", () => {
  const one = new Tables([{ ...BUDGET, bottom: 4 }]);
  const read = (formula: string) =>
    tableFormula(formula, { sheet: SHEET, row: 3, col: 7 }, one);
  expect(read("SUBTOTAL(109,Tabell1[Budget])")).toBe("SUBTOTAL(109,F4:F4)");
  expect(read("Tabell1[]")).toBe("A4:H4");
  expect(read("[@Budget]/Tabell1[[#Totals],[Budget]]")).toBe("F4/F5");
  expect(read("Tabell1[[#Headers],[Budget]]")).toBe("F3");
});
