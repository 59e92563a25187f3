// Worksheet XML: cells of a write plan as OOXML, written into an existing sheetData or a new sheet.

import {
  type CellWrite,
  type ConditionalMark,
  type PlanValue,
  type SheetCreate,
  type Validation,
  a1,
  columnLetters,
  flat,
  isoToSerial,
  parseA1,
} from "../core";
import type { StyleBook } from "./styles";

export const MAIN_NS =
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function escapeXml(s: string): string {
  // Most text (every formula of a plan) has nothing to escape: no string is made for it then.
  if (!NEEDS_ESCAPE.test(s)) return s;
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
  // flat: one string per cell, not a tree of its pieces (a plan writes a cell per line and column).
  const s = styleIndex ? ` s="${styleIndex}"` : "";
  switch (value.kind) {
    case "number":
      return flat`<${p}c r="${address}"${s}><${p}v>${numberText(value.value)}</${p}v></${p}c>`;
    case "date":
      return flat`<${p}c r="${address}"${s}><${p}v>${isoToSerial(value.iso)}</${p}v></${p}c>`;
    case "text":
      return value.value === ""
        ? flat`<${p}c r="${address}"${s}/>`
        : flat`<${p}c r="${address}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(value.value)}</${p}t></${p}is></${p}c>`;
    case "formula":
      return typeof value.cached === "number"
        ? flat`<${p}c r="${address}"${s}><${p}f>${escapeXml(value.formula)}</${p}f><${p}v>${numberText(value.cached)}</${p}v></${p}c>`
        : flat`<${p}c r="${address}"${s} t="str"><${p}f>${escapeXml(value.formula)}</${p}f><${p}v>${escapeXml(value.cached)}</${p}v></${p}c>`;
  }
}

function numberText(n: number): string {
  // Round away float noise (0.1 + 0.2) so the file holds what a person would read.
  return String(Number(n.toPrecision(15)));
}

/** Text appended in pieces and encoded as UTF-8 every 64 K characters. */
class ChunkedUtf8 {
  private static readonly encoder = new TextEncoder();
  private readonly chunks: Uint8Array[] = [];
  private pending: string[] = [];
  private pendingLength = 0;

  push(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 65536) this.flush();
  }

  private flush(): void {
    this.chunks.push(ChunkedUtf8.encoder.encode(this.pending.join("")));
    this.pending = [];
    this.pendingLength = 0;
  }

  /** The bytes of `first` and then everything pushed. */
  bytes(first: string): Uint8Array {
    this.flush();
    const head = ChunkedUtf8.encoder.encode(first);
    const out = new Uint8Array(
      this.chunks.reduce((n, c) => n + c.length, head.length),
    );
    out.set(head);
    let at = head.length;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** The reference in a cell's attributes (r="B12"), without a regular expression per cell. */
function refIn(attrs: string): { row: number; col: number } | null {
  let at = attrs.indexOf(' r="');
  if (at < 0) at = attrs.indexOf('\tr="');
  if (at < 0) at = attrs.indexOf('\nr="');
  if (at < 0) return null;
  const end = attrs.indexOf('"', at + 4);
  return end < 0 ? null : parseA1(attrs.slice(at + 4, end));
}

/** The style index in a cell's XML, or null when it has none (or the default, 0). */
function styleIn(cell: string): number | null {
  const s = /\bs="(\d+)"/.exec(cell.slice(0, cell.indexOf(">")))?.[1];
  return s && s !== "0" ? Number(s) : null;
}

/**
 * An existing sheet with cells written into its sheetData, in one pass: rows the plan does not
 * touch are copied as they are (no object per cell, which on a sheet of thousands of lines was
 * most of `compute`'s memory); a touched row is split into its cells, the plan's cells replace or
 * join them in column order, and rows the sheet lacks are inserted in row order. Everything
 * outside sheetData is kept byte for byte but the dimension, made to cover the cells.
 * `render` gives a planned cell's XML, knowing the style of the cell it replaces (a person's
 * formatting wins).
 */
export function editSheetXml(
  xml: string,
  cells: readonly CellWrite[],
  render: (cell: CellWrite, ownStyle: number | null, prefix: string) => string,
  tail: (after: string, prefix: string) => string = (after) => after,
): { bytes: Uint8Array; prefix: string } {
  const root = /<(\w+:)?worksheet\b/.exec(xml);
  const p = root?.[1] ?? "";
  const open = new RegExp(`<${p}sheetData\\b[^>]*?(/?)>`).exec(xml);
  if (!open) throw new Error("the sheet has no sheetData");
  const start = open.index + open[0].length;
  const empty = open[1] === "/";
  const close = empty ? start : xml.indexOf(`</${p}sheetData>`, start);
  const after = xml.slice(close + (empty ? 0 : `</${p}sheetData>`.length));
  // The plan's cells by row (1-based), each row's in column order; a later write of a cell wins.
  const planned = new Map<number, Map<number, CellWrite>>();
  for (const c of cells) {
    let row = planned.get(c.row + 1);
    if (!row) planned.set(c.row + 1, (row = new Map()));
    row.set(c.col, c);
  }
  const pending = [...planned.keys()].sort((a, b) => a - b);
  let next = 0; // the first planned row not yet written
  // The result is encoded as it is made, a few rows at a time: one string of the whole sheet
  // (and its copies) would be megabytes of garbage per sheet, which V8 keeps until a full collection.
  const out = new ChunkedUtf8();
  out.push(`<${p}sheetData>`);
  let maxRow = 0;
  let maxCol = 0;
  const extend = (row: number, col: number) => {
    maxRow = Math.max(maxRow, row);
    maxCol = Math.max(maxCol, col + 1);
  };
  const cellRe = new RegExp(`<${p}c\\b([^>]*?)(?:/>|>[\\s\\S]*?</${p}c>)`, "g");
  /** A row's cells merged with its planned cells, in column order. */
  const mergedRow = (rowNumber: number, attrs: string, body: string) => {
    const writes = planned.get(rowNumber)!;
    const merged: [number, string][] = [];
    let col = -1;
    let ordered = true;
    for (const c of body.matchAll(cellRe)) {
      const ref = refIn(c[1] ?? "");
      col = ref ? ref.col : col + 1;
      const write = writes.get(col);
      // A cell without r gets one, so that the cells inserted beside it keep their order.
      ordered &&= merged.length === 0 || merged[merged.length - 1]![0] < col;
      const kept = ref
        ? c[0]
        : c[0].replace(
            new RegExp(`^<${p}c\\b`),
            `<${p}c r="${a1(rowNumber - 1, col)}"`,
          );
      merged.push([col, write ? render(write, styleIn(c[0]), p) : kept]);
      writes.delete(col);
    }
    for (const [c, write] of writes) {
      ordered &&= merged.length === 0 || merged[merged.length - 1]![0] < c;
      merged.push([c, render(write, null, p)]);
    }
    if (!ordered) merged.sort((a, b) => a[0] - b[0]);
    if (merged.length > 0) extend(rowNumber, merged[merged.length - 1]![0]);
    // A row's spans hint would be stale after insertions: dropped (it is optional).
    const plain = attrs.replace(/\s+spans="[^"]*"/, "");
    return merged.length
      ? `<${p}row${plain}>${merged.map((m) => m[1]).join("")}</${p}row>`
      : `<${p}row${plain}/>`;
  };
  /** Planned rows the sheet does not have, up to (not including) row `before`. */
  const newRowsBefore = (before: number) => {
    while (next < pending.length && pending[next]! < before) {
      const row = pending[next++]!;
      out.push(mergedRow(row, ` r="${row}"`, ""));
    }
  };
  const rowRe = new RegExp(
    `<${p}row\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}row>)`,
    "g",
  );
  const body = empty ? "" : xml.slice(start, close);
  let rowNumber = 0;
  for (const m of body.matchAll(rowRe)) {
    const attrs = m[1] ?? "";
    const rAttr = /\br="(\d+)"/.exec(attrs);
    rowNumber = rAttr ? Number(rAttr[1]) : rowNumber + 1;
    const withR = rAttr ? attrs : `${attrs} r="${rowNumber}"`;
    newRowsBefore(rowNumber);
    if (planned.has(rowNumber)) {
      if (pending[next] === rowNumber) next++;
      out.push(mergedRow(rowNumber, withR, m[2] ?? ""));
      continue;
    }
    const cellsXml = m[2] ?? "";
    const last = cellsXml.lastIndexOf(`<${p}c`);
    if (last >= 0) {
      // The row's extent: its last cell's reference, or (without one) its cells counted.
      const ref = refIn(
        cellsXml.slice(last + p.length + 2, cellsXml.indexOf(">", last)),
      );
      extend(
        rowNumber,
        ref ? ref.col : [...cellsXml.matchAll(cellRe)].length - 1,
      );
    }
    // m[0] is "<row" (prefixed), the attributes, then the rest: a row without r gets one.
    out.push(
      rAttr
        ? m[0]
        : `<${p}row${withR}${m[0].slice(p.length + 4 + attrs.length)}`,
    );
  }
  newRowsBefore(Infinity);
  out.push(`</${p}sheetData>`);
  out.push(tail(after, p));
  // What precedes sheetData goes first, with the dimension now that the extent is known.
  const head = xml.slice(0, open.index);
  const bytes = out.bytes(
    maxRow > 0 && maxCol > 0
      ? head.replace(
          new RegExp(`<${p}dimension\\b[^>]*/>`),
          `<${p}dimension ref="A1:${a1(maxRow - 1, maxCol - 1)}"/>`,
        )
      : head,
  );
  return { bytes, prefix: p };
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
/**
 * A new sheet's part, as UTF-8 bytes made a row at a time: a `Beslut` of a 100 000-line workbook
 * never exists as one string (SPEC §7; `npm run bench`'s compute memory).
 */
export function newSheetBytes(
  sheet: SheetCreate,
  styles: StyleBook,
): Uint8Array {
  const byRow = new Map<number, CellWrite[]>();
  let maxRow = 1;
  let maxCol = 1;
  for (const c of sheet.cells) {
    let list = byRow.get(c.row);
    if (!list) byRow.set(c.row, (list = []));
    list.push(c);
    if (c.row + 1 > maxRow) maxRow = c.row + 1;
    if (c.col + 1 > maxCol) maxCol = c.col + 1;
  }
  const f = sheet.freeze;
  const pane =
    f && (f.rows || f.cols)
      ? `<pane${f.cols ? ` xSplit="${f.cols}"` : ""}${f.rows ? ` ySplit="${f.rows}"` : ""} topLeftCell="${a1(f.rows, f.cols)}" activePane="${f.rows && f.cols ? "bottomRight" : f.rows ? "bottomLeft" : "topRight"}" state="frozen"/>`
      : "";
  const cols = sheet.columnWidths.length
    ? `<cols>${sheet.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  const out = new ChunkedUtf8();
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const cells = byRow.get(r)!.sort((a, b) => a.col - b.col);
    let row = `<row r="${r + 1}">`;
    for (const c of cells)
      row += cellXml(
        a1(c.row, c.col),
        c.value,
        c.style ? styles.xf(c.style) : null,
      );
    out.push(`${row}</row>`);
  }
  const marks = conditionalFormattingXml("", sheet.marks, styles);
  const validations = sheet.validations.length
    ? `<dataValidations count="${sheet.validations.length}">${sheet.validations.map(validationXml).join("")}</dataValidations>`
    : "";
  // CT_Worksheet's order: sheetData, sheetProtection, …, conditionalFormatting, dataValidations,
  // …, pageMargins, pageSetup, headerFooter. insertRows="0" etc. means the action is allowed.
  const protection = sheet.protect
    ? '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" insertRows="0" deleteRows="0"/>'
    : "";
  const print = sheet.print
    ? '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
      `<headerFooter><oddHeader>${escapeXml(`&C${sheet.print.header.replace(/&/g, "&&")}`)}</oddHeader></headerFooter>`
    : "";
  out.push(
    `</sheetData>${protection}${marks}${validations}` +
      `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${print}</worksheet>`,
  );
  return out.bytes(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      (sheet.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
      `<dimension ref="A1:${columnLetters(maxCol - 1)}${maxRow}"/>` +
      `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`,
  );
}
