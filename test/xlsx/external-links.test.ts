// A value taken from another workbook (a link to the ledger, pasted with its formula): said at
// its cell, naming the workbook as Excel shows it, in the file and in Excel alike; the figure read
// is the value the workbook holds.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, externalBookOf, toCheckJson } from "../../src/core";
import { readXlsx, withBookNames } from "../../src/xlsx/read";
import { checkBytes, findingAt } from "../helpers/check";
import { put, text, withParts } from "../helpers/hostile";

const REPORT = readFileSync(
  join(__dirname, "..", "fixtures", "samples", "report-2024.xlsx"),
);
const REL =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The report with H1's first two actuals linked to a ledger's workbook, as Excel saves such links. */
const linked = withParts((parts) => {
  const sheet = "xl/worksheets/sheet2.xml";
  put(
    parts,
    sheet,
    text(parts, sheet)
      .replace(
        '<c r="G4" s="4" t="n"><v>505789</v>',
        '<c r="G4" s="4" t="n"><f>[1]Bokföring!$B$2</f><v>505789</v>',
      )
      .replace(
        '<c r="G5" s="4" t="n"><v>165552</v>',
        '<c r="G5" s="4" t="n"><f>\'[1]Konto 5010\'!$C$9*1</f><v>165552</v>',
      ),
  );
  put(
    parts,
    "xl/workbook.xml",
    text(parts, "xl/workbook.xml").replace(
      "</sheets>",
      '</sheets><externalReferences><externalReference r:id="rId99"/></externalReferences>',
    ),
  );
  put(
    parts,
    "xl/_rels/workbook.xml.rels",
    text(parts, "xl/_rels/workbook.xml.rels").replace(
      "</Relationships>",
      `<Relationship Id="rId99" Type="${REL}/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>`,
    ),
  );
  put(
    parts,
    "xl/externalLinks/externalLink1.xml",
    `<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook xmlns:r="${REL}" r:id="rId1"><sheetNames><sheetName val="Bokföring"/><sheetName val="Konto 5010"/></sheetNames></externalBook></externalLink>`,
  );
  put(
    parts,
    "xl/externalLinks/_rels/externalLink1.xml.rels",
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/externalLinkPath" Target="file:///C:\\Users\\anna\\Ekonomi\\Huvudbok%202024.xlsx" TargetMode="External"/></Relationships>`,
  );
}, REPORT);

test("an actual linked to another workbook is said at its cell, naming the workbook; its value is read", () => {
  const r = checkBytes(linked);
  expect(findingAt(r, "EXTERNAL_LINK")).toEqual([
    "Halvår 1 2024!G4",
    "Halvår 1 2024!G5",
  ]);
  expect(r.findings.find((f) => f.code === "EXTERNAL_LINK")?.message).toBe(
    "Värdet hämtas från en annan arbetsbok (Huvudbok 2024.xlsx): den som granskar har inte den filen, och värdet ändras om den ändras och länken uppdateras. Skriv in värdet, eller kopiera cellen och klistra in den som värde.",
  );
  // The figures are those of the workbook as it is: the same as without the links.
  const plain = checkBytes(REPORT);
  expect(r.years).toEqual(plain.years);
  expect(r.repayment).toEqual(plain.repayment);
});

test("in Excel, where the formula names the workbook by its path, the same findings", () => {
  // The workbook as the add-in reads it: Office.js gives a closed linked workbook's reference with
  // its path before the bracket.
  const grids = readXlsx(linked);
  const excel = {
    sheets: grids.sheets.map((sheet) =>
      sheet.name !== "Halvår 1 2024"
        ? sheet
        : {
            ...sheet,
            rows: sheet.rows.map((row) =>
              row?.map((cell) =>
                cell?.f?.includes("Huvudbok")
                  ? {
                      ...cell,
                      f: cell.f.replace(
                        /'?\[Huvudbok 2024\.xlsx\]([^!']+)'?!/,
                        "'C:\\Users\\anna\\Ekonomi\\[Huvudbok 2024.xlsx]$1'!",
                      ),
                    }
                  : cell,
              ),
            ),
          },
    ),
  };
  expect(
    excel.sheets[1]!.rows.flatMap((r) => r ?? []).flatMap((c) => c?.f ?? []),
  ).toEqual([
    "'C:\\Users\\anna\\Ekonomi\\[Huvudbok 2024.xlsx]Bokföring'!$B$2",
    "'C:\\Users\\anna\\Ekonomi\\[Huvudbok 2024.xlsx]Konto 5010'!$C$9*1",
  ]);
  expect(toCheckJson("x.xlsx", analyze(excel))).toEqual(
    toCheckJson("x.xlsx", analyze(grids)),
  );
});

test.each([
  ["[1]Bokföring!$B$2", ""],
  ["'[1]Konto 5010'!C9*2", ""],
  ["[Budget.xlsx]Blad1!A1+1", "Budget.xlsx"],
  [
    "SUM('https://malmo.sharepoint.com/sites/x/[Budget 2025.xlsx]Löner'!K5:K9)",
    "Budget 2025.xlsx",
  ],
  ["[1]!Lönesumma", ""],
  // A table's columns, and a quoted sheet of this workbook after one: no other workbook.
  ["SUM(Tabell1[Budget])", null],
  ["Tabell1[[#This Row],[Budget]]*[@Månader]", null],
  ["SUM(Tabell1[Budget])+'Blad 2'!A1", null],
  ["SUMIFS(Lönekalkyl!$K$4:$K$23,Lönekalkyl!$A$4:$A$23,B5)", null],
])("externalBookOf(%s) is %p", (formula, book) => {
  expect(externalBookOf(formula)).toBe(book);
});

test("a file's numbered references are named, a table's column is not", () => {
  const books = ["Huvudbok 2024.xlsx", null];
  expect(withBookNames("[1]Bokföring!$B$2+'[1]Konto 5010'!C9", books)).toBe(
    "[Huvudbok 2024.xlsx]Bokföring!$B$2+'[Huvudbok 2024.xlsx]Konto 5010'!C9",
  );
  expect(withBookNames("[2]Blad!A1", books)).toBe("[2]Blad!A1");
  expect(withBookNames("Tabell1[1]+[1]!Namn", books)).toBe(
    "Tabell1[1]+[Huvudbok 2024.xlsx]!Namn",
  );
});
