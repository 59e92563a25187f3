// Builds real .xlsx files with ExcelJS (another program than our reader) from a compact description.

import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { type Cell, type Grid, a1, parseA1 } from "../../src/core";

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
  /** Excel tables (Format as Table) on the sheet: their columns named by their header cells. */
  readonly tables?: readonly TableSpec[];
}

export interface TableSpec {
  readonly name: string;
  /** Its range, header and total rows included: "A3:H8". */
  readonly ref: string;
  /** Whether its last row is a total row (Excel's Total Row). */
  readonly totalsRow?: boolean;
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
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return sheets.some((s) => s.tables?.length)
    ? Buffer.from(withTableParts(bytes, sheets))
    : bytes;
}

/**
 * The sheets' tables added to ExcelJS's package as Excel writes them: a table part each, named by
 * the sheet's relationships and its tableParts, with its content type.
 */
function withTableParts(
  bytes: Uint8Array,
  sheets: readonly SheetSpec[],
): Uint8Array {
  const parts = unzipSync(bytes);
  const REL =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  let n = 0;
  let types = "";
  sheets.forEach((spec, i) => {
    if (!spec.tables?.length) return;
    const sheetPart = `xl/worksheets/sheet${i + 1}.xml`;
    const relsPart = `xl/worksheets/_rels/sheet${i + 1}.xml.rels`;
    let rels = parts[relsPart]
      ? strFromU8(parts[relsPart])
      : `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const ids: string[] = [];
    for (const t of spec.tables) {
      n++;
      const [from, to] = t.ref.split(":") as [string, string];
      const top = parseA1(from)!;
      const bottom = parseA1(to)!;
      const right = bottom.col;
      const header = spec.rows[top.row] ?? [];
      const columns = Array.from({ length: right - top.col + 1 }, (_, k) => {
        const cell = header[top.col + k];
        return typeof cell === "string" ? cell : `Column${k + 1}`;
      });
      const esc = (text: string) =>
        text
          .replace(/&/g, "&amp;")
          .replace(/"/g, "&quot;")
          .replace(/</g, "&lt;");
      const dataRef = t.totalsRow
        ? `${from}:${a1(bottom.row - 1, right)}`
        : t.ref;
      parts[`xl/tables/table${n}.xml`] = strToU8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${n}" name="${t.name}" displayName="${t.name}" ref="${t.ref}"${t.totalsRow ? ` totalsRowCount="1"` : ""}><autoFilter ref="${dataRef}"/><tableColumns count="${columns.length}">${columns.map((c, k) => `<tableColumn id="${k + 1}" name="${esc(c)}"/>`).join("")}</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
      );
      rels = rels.replace(
        "</Relationships>",
        `<Relationship Id="rIdTable${n}" Type="${REL}/table" Target="../tables/table${n}.xml"/></Relationships>`,
      );
      ids.push(`rIdTable${n}`);
      types += `<Override PartName="/xl/tables/table${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`;
    }
    parts[relsPart] = strToU8(rels);
    const xml = strFromU8(parts[sheetPart]!);
    parts[sheetPart] = strToU8(
      xml.replace(
        "</worksheet>",
        `<tableParts count="${ids.length}">${ids.map((id) => `<tablePart xmlns:r="${REL}" r:id="${id}"/>`).join("")}</tableParts></worksheet>`,
      ),
    );
  });
  const ct = "[Content_Types].xml";
  parts[ct] = strToU8(
    strFromU8(parts[ct]!).replace("</Types>", `${types}</Types>`),
  );
  return zipSync(parts);
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

/**
 * A workbook of core grids (from the property tests) as a real .xlsx file, with the Excel tables
 * given for each sheet by name.
 */
export async function xlsxOf(
  sheets: readonly Grid[],
  tables: ReadonlyMap<string, readonly TableSpec[]> = new Map(),
): Promise<Uint8Array> {
  return buildXlsx(
    sheets.map((g) => ({
      name: g.name,
      ...(tables.has(g.name) ? { tables: tables.get(g.name)! } : {}),
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
