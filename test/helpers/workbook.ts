// Builds real .xlsx files with ExcelJS (another program than our reader) from a compact description.

import { strToU8, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { type Cell, type Grid, a1 } from "../../src/core";

export type CellSpec =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | { readonly value: number | string | Date; readonly fmt: string }
  | {
      readonly formula: string;
      readonly result?: number | string | { readonly error: ErrorText };
    }
  | { readonly error: ErrorText };

type ErrorText = "#REF!" | "#DIV/0!" | "#VALUE!" | "#N/A" | "#NAME?";

export interface SheetSpec {
  readonly name: string;
  readonly rows: ReadonlyArray<ReadonlyArray<CellSpec>>;
  readonly merges?: readonly string[];
  /** Rows hidden in the file (Excel's Dölj), by their numbers as Excel shows them (1-based). */
  readonly hiddenRows?: readonly number[];
  /** Columns hidden in the file, by their letters as Excel shows them ("C"). */
  readonly hiddenColumns?: readonly string[];
}

export async function buildXlsx(
  sheets: readonly SheetSpec[],
  options: { date1904?: boolean; modified?: Date } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  // When the file says it was last saved (docProps/core.xml), as Excel sets it on each save.
  if (options.modified) wb.modified = options.modified;
  addSheets(wb, sheets);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The sheets added to an ExcelJS workbook, for a test that gives some cells a look of their own. */
export function addSheets(
  wb: ExcelJS.Workbook,
  sheets: readonly SheetSpec[],
): void {
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name);
    spec.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell === null || cell === undefined) return;
        const target = ws.getCell(r + 1, c + 1);
        if (cell instanceof Date) {
          target.value = cell;
          target.numFmt = "yyyy-mm-dd";
        } else if (typeof cell === "object" && "fmt" in cell) {
          target.value = cell.value;
          target.numFmt = cell.fmt;
        } else if (typeof cell === "object" && "formula" in cell) {
          target.value =
            cell.result === undefined
              ? { formula: cell.formula, date1904: false }
              : { formula: cell.formula, result: cell.result, date1904: false };
        } else if (typeof cell === "object" && "error" in cell) {
          target.value = { error: cell.error };
        } else {
          target.value = cell;
        }
      });
    });
    for (const m of spec.merges ?? []) ws.mergeCells(m);
    for (const r of spec.hiddenRows ?? []) ws.getRow(r).hidden = true;
    for (const c of spec.hiddenColumns ?? []) ws.getColumn(c).hidden = true;
  }
}

/** A core cell as ExcelJS writes it (a formula with its cached value). */
function specOf(cell: Cell | undefined): CellSpec {
  if (cell === undefined) return undefined;
  if (cell.f !== undefined)
    return cell.v === null
      ? { formula: cell.f }
      : {
          formula: cell.f,
          // A formula showing an error is saved as one (t="e"), as Excel saves it.
          result:
            cell.t === "e"
              ? { error: cell.v as ErrorText }
              : (cell.v as number | string),
        };
  switch (cell.t) {
    case "n":
      return cell.fmt ? { value: cell.v, fmt: cell.fmt } : cell.v;
    case "e":
      return { error: cell.v as ErrorText };
    case "z":
      return undefined;
    default:
      return cell.v;
  }
}

/** A workbook of core grids (from the property tests) as a real .xlsx file. */
export async function xlsxOf(sheets: readonly Grid[]): Promise<Uint8Array> {
  return buildXlsx(
    sheets.map((g) => ({
      name: g.name,
      rows: g.rows.map((row) => (row ?? []).map(specOf)),
      merges: (g.merges ?? []).map(
        (m) => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`,
      ),
      ...(g.hiddenRows ? { hiddenRows: g.hiddenRows.map((r) => r + 1) } : {}),
      ...(g.hiddenColumns
        ? { hiddenColumns: g.hiddenColumns.map((c) => a1(0, c).slice(0, -1)) }
        : {}),
    })),
  );
}

export const pct = (fraction: number): CellSpec => ({
  value: fraction,
  fmt: "0%",
});
export const kr = (amount: number): CellSpec => ({
  value: amount,
  fmt: "#,##0",
});
export const date = (iso: string): CellSpec => new Date(`${iso}T00:00:00Z`);

/**
 * A minimal .xlsx package around one worksheet part's XML (sheet "S"), with these shared strings
 * when there are any, for the reader's own tests.
 */
export function packageOfSheet(
  sheetXml: string,
  sharedStrings: readonly string[] = [],
): Uint8Array {
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const strings =
    sharedStrings.length === 0
      ? {}
      : {
          "xl/sharedStrings.xml": strToU8(
            `<sst xmlns="${ns}">${sharedStrings.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`,
          ),
        };
  const stringsRel =
    sharedStrings.length === 0
      ? ""
      : `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`;
  return zipSync({
    ...strings,
    "[Content_Types].xml": strToU8(
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    ),
    "xl/workbook.xml": strToU8(
      `<workbook xmlns="${ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${stringsRel}</Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(sheetXml),
  });
}
