// Worksheet XML: cells of a write plan as OOXML, and an editable view of an existing sheetData.

import {
  type CellWrite,
  type ConditionalMark,
  type PlanValue,
  type SheetCreate,
  type Validation,
  a1,
  columnLetters,
  isoToSerial,
  parseA1,
} from "../core";
import type { StyleBook } from "./styles";

export const MAIN_NS =
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export function escapeXml(s: string): string {
  // Characters XML 1.0 cannot carry are escaped the way Excel does (_xHHHH_).
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
      (ch) =>
        `_x${ch.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`,
    );
}

/** One cell's XML. Text is an inline string, so workbook text never becomes a formula. */
export function cellXml(
  address: string,
  value: PlanValue,
  styleIndex: number | null,
  p = "",
): string {
  const s = styleIndex ? ` s="${styleIndex}"` : "";
  switch (value.kind) {
    case "number":
      return `<${p}c r="${address}"${s}><${p}v>${numberText(value.value)}</${p}v></${p}c>`;
    case "date":
      return `<${p}c r="${address}"${s}><${p}v>${isoToSerial(value.iso)}</${p}v></${p}c>`;
    case "text":
      return value.value === ""
        ? `<${p}c r="${address}"${s}/>`
        : `<${p}c r="${address}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(value.value)}</${p}t></${p}is></${p}c>`;
    case "formula": {
      const f = `<${p}f>${escapeXml(value.formula)}</${p}f>`;
      return typeof value.cached === "number"
        ? `<${p}c r="${address}"${s}>${f}<${p}v>${numberText(value.cached)}</${p}v></${p}c>`
        : `<${p}c r="${address}"${s} t="str">${f}<${p}v>${escapeXml(value.cached)}</${p}v></${p}c>`;
    }
  }
}

function numberText(n: number): string {
  // Round away float noise (0.1 + 0.2) so the file holds what a person would read.
  return String(Number(n.toPrecision(15)));
}

interface RowEntry {
  attrs: string;
  cells: Map<number, string>;
}

/**
 * An existing sheetData, split into rows and cells so that single cells can be replaced or
 * inserted in order. Everything else in the sheet is kept byte for byte.
 */
export class EditableSheet {
  private readonly rows = new Map<number, RowEntry>();
  private readonly before: string;
  private readonly after: string;
  readonly prefix: string;

  constructor(xml: string) {
    const root = /<(\w+:)?worksheet\b/.exec(xml);
    const p = (this.prefix = root?.[1] ?? "");
    const open = new RegExp(`<${p}sheetData\\b[^>]*?(/?)>`).exec(xml);
    if (!open) throw new Error("the sheet has no sheetData");
    const start = open.index + open[0].length;
    const close =
      open[1] === "/" ? start : xml.indexOf(`</${p}sheetData>`, start);
    this.before = xml.slice(0, open.index) + `<${p}sheetData>`;
    this.after = xml.slice(
      close + (open[1] === "/" ? 0 : `</${p}sheetData>`.length),
    );
    const body = open[1] === "/" ? "" : xml.slice(start, close);
    const rowRe = new RegExp(
      `<${p}row\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}row>)`,
      "g",
    );
    const cellRe = new RegExp(
      `<${p}c\\b([^>]*?)(?:/>|>[\\s\\S]*?</${p}c>)`,
      "g",
    );
    let rowNumber = 0;
    let m: RegExpExecArray | null;
    while ((m = rowRe.exec(body))) {
      const attrs = m[1] ?? "";
      const rAttr = /\br="(\d+)"/.exec(attrs);
      rowNumber = rAttr ? Number(rAttr[1]) : rowNumber + 1;
      const entry: RowEntry = {
        attrs: rAttr ? attrs : `${attrs} r="${rowNumber}"`,
        cells: new Map(),
      };
      let col = -1;
      let c: RegExpExecArray | null;
      cellRe.lastIndex = 0;
      while ((c = cellRe.exec(m[2] ?? ""))) {
        const ref = /\br="([A-Z]+\d+)"/.exec(c[1] ?? "");
        const at = ref ? parseA1(ref[1]!) : null;
        col = at ? at.col : col + 1;
        // A cell without r gets one, so that later insertions keep their order.
        entry.cells.set(
          col,
          ref
            ? c[0]
            : c[0].replace(
                new RegExp(`^<${p}c\\b`),
                `<${p}c r="${a1(rowNumber - 1, col)}"`,
              ),
        );
      }
      this.rows.set(rowNumber, entry);
    }
  }

  /** The style index of an existing cell, or null when it has none. */
  styleOf(row: number, col: number): number | null {
    const xml = this.rows.get(row + 1)?.cells.get(col);
    const s = xml
      ? /\bs="(\d+)"/.exec(xml.slice(0, xml.indexOf(">")))?.[1]
      : undefined;
    return s && s !== "0" ? Number(s) : null;
  }

  set(row: number, col: number, xml: string): void {
    let entry = this.rows.get(row + 1);
    if (!entry) {
      entry = { attrs: ` r="${row + 1}"`, cells: new Map() };
      this.rows.set(row + 1, entry);
    }
    entry.cells.set(col, xml);
  }

  extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const [r, e] of this.rows) {
      if (e.cells.size === 0) continue;
      rows = Math.max(rows, r);
      cols = Math.max(cols, ...[...e.cells.keys()].map((c) => c + 1));
    }
    return { rows, cols };
  }

  toXml(): string {
    const p = this.prefix;
    const rows = [...this.rows.entries()].sort((a, b) => a[0] - b[0]);
    const body = rows
      .map(([, e]) => {
        const cells = [...e.cells.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([, x]) => x);
        // A row's spans hint would be stale after insertions: drop it (it is optional).
        const attrs = e.attrs.replace(/\s+spans="[^"]*"/, "");
        return cells.length
          ? `<${p}row${attrs}>${cells.join("")}</${p}row>`
          : `<${p}row${attrs}/>`;
      })
      .join("");
    let xml = this.before + body + `</${p}sheetData>` + this.after;
    const { rows: r, cols: c } = this.extent();
    if (r > 0 && c > 0)
      xml = xml.replace(
        new RegExp(`<${p}dimension\\b[^>]*/>`),
        `<${p}dimension ref="A1:${a1(r - 1, c - 1)}"/>`,
      );
    return xml;
  }
}

// CT_Worksheet children that come after conditionalFormatting / dataValidations, in schema order.
const AFTER_CONDITIONAL = [
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** Inserts elements before the first later sibling the schema orders after them. */
export function insertBefore(
  xml: string,
  p: string,
  laterThan: readonly string[],
  fragment: string,
): string {
  let at = -1;
  for (const name of laterThan) {
    const m = new RegExp(`<${p}${name}\\b`).exec(xml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = xml.lastIndexOf(`</${p}worksheet>`);
  return xml.slice(0, at) + fragment + xml.slice(at);
}

/** Conditional formats not already in the sheet (same range and formula), with fresh priorities. */
export function conditionalFormattingXml(
  xml: string,
  marks: readonly ConditionalMark[],
  styles: StyleBook,
  p = "",
): string {
  let priority = Math.max(
    0,
    ...[...xml.matchAll(/\bpriority="(\d+)"/g)].map((m) => Number(m[1])),
  );
  return marks
    .filter(
      (m) =>
        !xml.includes(`sqref="${m.range}"`) ||
        !xml.includes(escapeXml(m.formula)),
    )
    .map(
      (m) =>
        `<${p}conditionalFormatting sqref="${m.range}"><${p}cfRule type="expression" dxfId="${styles.dxf(m.fill, m.fontColor)}" priority="${++priority}"><${p}formula>${escapeXml(m.formula)}</${p}formula></${p}cfRule></${p}conditionalFormatting>`,
    )
    .join("");
}

export { AFTER_CONDITIONAL };

function validationXml(v: Validation): string {
  const common = `allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="IOP-budget" error="${escapeXml(v.message)}" sqref="${v.range}"`;
  if (v.kind === "list")
    return `<dataValidation type="list" ${common}><formula1>"${escapeXml(v.values.join(","))}"</formula1></dataValidation>`;
  return `<dataValidation type="custom" ${common}><formula1>${escapeXml(v.formula)}</formula1></dataValidation>`;
}

/** A whole new worksheet from a created sheet of the plan. */
export function newSheetXml(sheet: SheetCreate, styles: StyleBook): string {
  const byRow = new Map<number, CellWrite[]>();
  for (const c of sheet.cells) {
    if (!byRow.has(c.row)) byRow.set(c.row, []);
    byRow.get(c.row)!.push(c);
  }
  const rows = [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([r, cells]) =>
        `<row r="${r + 1}">${cells
          .sort((a, b) => a.col - b.col)
          .map((c) =>
            cellXml(
              a1(c.row, c.col),
              c.value,
              c.style ? styles.xf(c.style) : null,
            ),
          )
          .join("")}</row>`,
    )
    .join("");
  const maxRow = Math.max(1, ...sheet.cells.map((c) => c.row + 1));
  const maxCol = Math.max(1, ...sheet.cells.map((c) => c.col + 1));
  const f = sheet.freeze;
  const pane =
    f && (f.rows || f.cols)
      ? `<pane${f.cols ? ` xSplit="${f.cols}"` : ""}${f.rows ? ` ySplit="${f.rows}"` : ""} topLeftCell="${a1(f.rows, f.cols)}" activePane="${f.rows && f.cols ? "bottomRight" : f.rows ? "bottomLeft" : "topRight"}" state="frozen"/>`
      : "";
  const cols = sheet.columnWidths.length
    ? `<cols>${sheet.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  const marks = conditionalFormattingXml("", sheet.marks, styles);
  const validations = sheet.validations.length
    ? `<dataValidations count="${sheet.validations.length}">${sheet.validations.map(validationXml).join("")}</dataValidations>`
    : "";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:${columnLetters(maxCol - 1)}${maxRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rows}</sheetData>${marks}${validations}` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}
