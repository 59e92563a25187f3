// Worksheet XML: cells of a write plan as OOXML, written into an existing sheetData or a new sheet.

import {
  type CellWrite,
  type ConditionalMark,
  type PlanValue,
  type SheetCreate,
  type Validation,
  a1,
  columnLetters,
  isOwnMarkFormula,
  isoToSerial,
} from "../core";
import { RowBuffer, readRef, readRow, skipSpace } from "./rows";
import { XmlSyntaxError, scanXmlPieces } from "./scan";
import { rowPieces, utf8Of } from "./pieces";
import { asUtf8Declared, decodeXmlPart, prefixAt } from "./xml";
import type { StyleBook } from "./styles";
import type { Namespaces } from "./package";

/** Text for an attribute value: &, <, > and " escaped, and what XML 1.0 cannot carry. */
export function escapeXml(s: string): string {
  return escaped(s, true, false);
}

/**
 * Text for element content: as escapeXml but for quotes, which Excel too writes as they are (a
 * formula comparing text is full of them, and each &quot; would be decoded again on reading).
 */
export function escapeText(s: string): string {
  return escaped(s, false, false);
}

/**
 * A cell's text (an inline string, a formula's cached text): as escapeText, and an underscore
 * that starts what reads as an escape (_x0041_) escaped itself (_x005F_), as ECMA-376 §22.4.2.4
 * says and Excel does. A label typed "_x0041_" would otherwise show as "A" in Beslut.
 */
export function escapeCellText(s: string): string {
  return escaped(s, false, true);
}

function escaped(s: string, quotes: boolean, xstring: boolean): string {
  // One pass, and no new string when there is nothing to escape (most formulas of a plan): this
  // runs for every formula and text a plan writes.
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Most characters need nothing: passed over in one test, without the calls below.
    if (
      c >= 0x40
        ? c !== 0x5f && c < 0xd800
        : c >= 0x20 && c !== 0x22 && c !== 0x26 && c !== 0x3c && c !== 0x3e
    )
      continue;
    let entity: string;
    if (c === 0x22 && quotes) entity = "&quot;";
    else if (c === 0x26) entity = "&amp;";
    else if (c === 0x3c) entity = "&lt;";
    else if (c === 0x3e) entity = "&gt;";
    else if (c === 0x5f && xstring && isEscapeAt(s, i)) entity = "_x005F_";
    else if (quotes && (c === 0x09 || c === 0x0a || c === 0x0d))
      // A reader makes a tab or a line end a space in an attribute (XML 1.0 §3.3.3).
      entity = `&#${c};`;
    else if (isWrittenAsEscape(s, i, c, xstring))
      entity = `_x${c.toString(16).padStart(4, "0").toUpperCase()}_`;
    else continue;
    out += s.slice(from, i) + entity;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * Whether the character c at i is written _xHHHH_, the way Excel does: what XML 1.0 cannot carry,
 * and half of a surrogate pair, which UTF-8 cannot carry and TextEncoder would make U+FFFD. In a
 * cell's text a carriage return too, which a reader would make a line feed (XML 1.0 §2.11).
 */
function isWrittenAsEscape(
  s: string,
  i: number,
  c: number,
  xstring: boolean,
): boolean {
  return (
    (c < 0x20 && c !== 0x09 && c !== 0x0a && (c !== 0x0d || xstring)) ||
    c === 0xfffe ||
    c === 0xffff ||
    (c >= 0xd800 && c <= 0xdfff && isLoneSurrogate(s, i, c))
  );
}

/**
 * Whether a reader would decode an escape at the underscore at i: "_xHHHH" followed by an
 * underscore, or by a character written as an escape ("_x0041" then U+0001 is _x0041_x0001_).
 */
function isEscapeAt(s: string, i: number): boolean {
  if (s.charCodeAt(i + 1) !== 0x78) return false;
  for (let k = i + 2; k < i + 6; k++) {
    const h = s.charCodeAt(k) | 0x20;
    if (!((h >= 0x30 && h <= 0x39) || (h >= 0x61 && h <= 0x66))) return false;
  }
  const c = s.charCodeAt(i + 6);
  return c === 0x5f || isWrittenAsEscape(s, i + 6, c, true);
}

function isLoneSurrogate(s: string, i: number, c: number): boolean {
  if (c <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  const previous = s.charCodeAt(i - 1);
  return !(previous >= 0xd800 && previous <= 0xdbff);
}

/** One cell's XML. Text is an inline string, so workbook text never becomes a formula. */
export function cellXml(
  address: string,
  value: PlanValue,
  styleIndex: number | null,
  p = "",
): string {
  // A tree of its pieces, not flattened here: the row it goes into is joined as one string.
  const s = styleIndex ? ` s="${styleIndex}"` : "";
  switch (value.kind) {
    case "number":
      return `<${p}c r="${address}"${s}><${p}v>${numberText(value.value)}</${p}v></${p}c>`;
    case "date":
      return `<${p}c r="${address}"${s}><${p}v>${isoToSerial(value.iso)}</${p}v></${p}c>`;
    case "text":
      return value.value === ""
        ? `<${p}c r="${address}"${s}/>`
        : `<${p}c r="${address}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeCellText(value.value)}</${p}t></${p}is></${p}c>`;
    case "formula":
    // A formula of the workbook's own where the sheet has no cell of it to keep (withShownValue).
    case "shown":
      return typeof value.cached === "number"
        ? `<${p}c r="${address}"${s}><${p}f>${escapeText(value.formula)}</${p}f><${p}v>${numberText(value.cached)}</${p}v></${p}c>`
        : `<${p}c r="${address}"${s} t="str"><${p}f>${escapeText(value.formula)}</${p}f><${p}v>${escapeCellText(value.cached)}</${p}v></${p}c>`;
  }
}

const CELL_START = /^<([\w.-]+:)?c\b([^>]*?)(\/?)>/;
const FORMULA_ELEMENT =
  /<(?:[\w.-]+:)?f\b([^>]*?)(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?f>)/;
const EXTENSIONS = /<(?:[\w.-]+:)?extLst\b[\s\S]*<\/(?:[\w.-]+:)?extLst>/;
/** An array formula or a data table: one formula over many cells, whose value is not one cell's. */
const MANY_CELLS = /\st\s*=\s*["'](?:array|dataTable)["']/;
/** The cell's metadata (`cm`): a dynamic array's, whose value Excel spills. */
const METADATA = /\scm\s*=/;
const TYPE = /\s+t\s*=\s*(?:"[^"]*"|'[^']*')/;

/**
 * A formula cell of the sheet, its XML as written, showing `cached`: its formula element (shared
 * or not) and its other attributes as they are, its type and value the new value's. An array
 * formula, a data table and a cell with metadata are left as they are: their values are not one
 * cell's to work out.
 */
export function withShownValue(xml: string, cached: number | string): string {
  const start = CELL_START.exec(xml);
  if (!start || start[3] === "/" || METADATA.test(start[2]!)) return xml;
  const f = FORMULA_ELEMENT.exec(xml);
  if (!f || MANY_CELLS.test(f[1]!)) return xml;
  const p = start[1] ?? "";
  const attributes = start[2]!.replace(TYPE, "");
  const value =
    typeof cached === "number"
      ? `<${p}v>${numberText(cached)}</${p}v>`
      : `<${p}v>${escapeCellText(cached)}</${p}v>`;
  return `<${p}c${attributes}${typeof cached === "number" ? "" : ' t="str"'}>${f[0]}${value}${EXTENSIONS.exec(xml)?.[0] ?? ""}</${p}c>`;
}

/** The characters of a planned value's text, at least as many bytes as its cell takes. */
function leastLength(value: PlanValue): number {
  switch (value.kind) {
    case "text":
      return value.value.length;
    case "formula":
    case "shown":
      return (
        value.formula.length +
        (typeof value.cached === "string" ? value.cached.length : 0)
      );
    default:
      return 0;
  }
}

function numberText(n: number): string {
  // A whole number below 10^15 has at most 15 digits: written as it is (most numbers of a plan).
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  // Round away float noise (0.1 + 0.2) so the file holds what a person would read.
  return String(Number(n.toPrecision(15)));
}

/** A part the writer would make larger than the reader takes (ReadLimits.maxPartBytes). */
export class PartTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`a part would be larger than ${maxBytes} bytes`);
    this.name = "PartTooLarge";
  }
}

/**
 * Text appended in pieces, each encoded as UTF-8 where it goes as it comes (no joined string to
 * encode after): into blocks that grow with what was written, from 64 KB to 4 MB.
 */
class ChunkedUtf8 {
  private static readonly encoder = new TextEncoder();
  private readonly full: Uint8Array[] = [];
  private block = new Uint8Array(0);
  private at = 0;
  private written = 0;

  /** At most `maxBytes` in all (PartTooLarge past it), so that a part too large is never made whole. */
  constructor(private readonly maxBytes = Infinity) {}

  push(text: string): void {
    // A UTF-16 unit is at least one byte: a piece that cannot fit is refused before it is encoded.
    if (this.written + this.at + text.length > this.maxBytes)
      throw new PartTooLarge(this.maxBytes);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: a piece that may not fit starts a new block.
    if (this.block.length - this.at < text.length * 3) {
      if (this.at > 0) this.full.push(this.block.subarray(0, this.at));
      this.written += this.at;
      this.block = new Uint8Array(
        Math.max(
          Math.min(Math.max(this.written, 1 << 16), 1 << 22),
          text.length * 3,
        ),
      );
      this.at = 0;
    }
    this.at += ChunkedUtf8.encoder.encodeInto(
      text,
      this.block.subarray(this.at),
    ).written;
    if (this.written + this.at > this.maxBytes)
      throw new PartTooLarge(this.maxBytes);
  }

  /** The bytes of `first` and then everything pushed. */
  bytes(first: string): Uint8Array {
    const head = ChunkedUtf8.encoder.encode(first);
    if (head.length + this.written + this.at > this.maxBytes)
      throw new PartTooLarge(this.maxBytes);
    const blocks = [...this.full, this.block.subarray(0, this.at)];
    const out = new Uint8Array(
      blocks.reduce((n, c) => n + c.length, head.length),
    );
    out.set(head);
    let at = head.length;
    for (const c of blocks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** A conditional format of the sheet: where it is, its range and its rules' formulas. */
interface ConditionalBlock {
  readonly start: number;
  end: number;
  readonly sqref: string;
  readonly formulas: string[];
}

/** What a scan of the sheet tells about it, besides its rows. */
interface SheetLayout {
  prefix: string;
  sheetDataOpen: { start: number; end: number } | null;
  sheetDataClose: { start: number; end: number } | null;
  dimension: { start: number; end: number } | null;
  /** The first start of each child of the root after sheetData, by local name. */
  readonly children: Map<string, number>;
  rootClose: number;
  readonly conditional: ConditionalBlock[];
  maxPriority: number;
}

/** A planned cell's XML, given the style of the cell it replaces and the sheet's prefix. */
type CellRenderer = (
  cell: CellWrite,
  ownStyle: number | null,
  prefix: string,
  /** The cell's XML as the sheet has it; null where the sheet has no such cell. */
  own: string | null,
) => string;

/** The add-in's conditional marks a sheet must have, and the styles their formats go in. */
interface SheetMarks {
  readonly marks: readonly ConditionalMark[];
  readonly styles: StyleBook;
}

/**
 * An existing sheet with cells written into its sheetData, in one pass of the same XML scanner the
 * reader uses (so that the cell written is the cell read, whatever the quoting, spacing, comments or
 * CDATA): rows the plan does not touch are copied as they are (no object per cell, which on a sheet
 * of thousands of lines was most of `compute`'s memory); a touched row is split into its cells, the
 * plan's cells replace or join them in column order, and rows the sheet lacks are inserted in row
 * order. Everything outside sheetData is kept byte for byte but the dimension, made to cover the
 * cells, and the add-in's conditional marks: stale ones removed, new ones added where the schema
 * puts them. `render` gives a planned cell's XML, knowing the style of the cell it replaces (a
 * person's formatting wins). Throws on XML that is not well-formed or has no sheetData.
 *
 * Given its bytes (a large workbook's sheet; one in UTF-16 made UTF-8 first), the sheet is
 * decoded a few rows at a time (the reader's pieces, each ending right after a row), never as one
 * string: a sheet of 5 000 lines is a megabyte, and each string that large is fresh memory to V8.
 * Rows in the common form are then read by the reader's one pass (rows.ts) instead of the
 * scanner's events; the scanner reads the rest. A cut the scanner rejects (one inside a comment),
 * or one that falls outside sheetData's rows, sends the whole sheet, decoded, to the scanner alone.
 */
export function editSheetXml(
  sheet: string | Uint8Array,
  cells: readonly CellWrite[],
  render: CellRenderer,
  marks?: SheetMarks,
  /** The most bytes the edited sheet may have (PartTooLarge past it). */
  maxBytes = Infinity,
): { bytes: Uint8Array; prefix: string } {
  if (typeof sheet !== "string") {
    sheet = utf8Of(sheet);
    try {
      return editOnce(rowPieces(sheet), cells, render, marks, true, maxBytes);
    } catch (e) {
      if (!(e instanceof XmlSyntaxError) && !(e instanceof NotInPieces))
        throw e;
    }
  }
  const xml = typeof sheet === "string" ? sheet : decodeXmlPart(sheet);
  return editOnce([xml], cells, render, marks, false, maxBytes);
}

/** The sheet's head or tail, or one of its rows, is not within one piece: edited whole instead. */
class NotInPieces extends Error {}

function editOnce(
  source: Iterable<string>,
  cells: readonly CellWrite[],
  render: CellRenderer,
  marks: SheetMarks | undefined,
  onePass: boolean,
  maxBytes: number,
): { bytes: Uint8Array; prefix: string } {
  // The plan's cells by row (1-based), each row's in column order; a later write of a cell wins.
  const planned = new Map<number, Map<number, CellWrite>>();
  for (const c of cells) {
    let row = planned.get(c.row + 1);
    if (!row) planned.set(c.row + 1, (row = new Map<number, CellWrite>()));
    row.set(c.col, c);
  }
  // What the plan's cells alone take (a character is a byte at least): a copy that cannot fit is
  // refused before any of it is made. A Lönekalkyl of 30 000 persons, whose formulas alone are
  // 260 MB, held 200 MB of its copy when refused.
  let least = 0;
  for (const row of planned.values())
    for (const c of row.values()) least += leastLength(c.value);
  if (least > maxBytes) throw new PartTooLarge(maxBytes);
  const pending = [...planned.keys()].sort((a, b) => a - b);
  let next = 0; // the first planned row not yet written
  // The result is encoded as it is made, a few rows at a time: one string of the whole sheet
  // (and its copies) would be megabytes of garbage per sheet, which V8 keeps until a full collection.
  const out = new ChunkedUtf8(maxBytes);
  let maxRow = 0;
  let maxCol = 0;
  const extend = (row: number, col: number) => {
    maxRow = Math.max(maxRow, row);
    maxCol = Math.max(maxCol, col + 1);
  };
  const layout: SheetLayout = {
    prefix: "",
    sheetDataOpen: null,
    sheetDataClose: null,
    dimension: null,
    children: new Map(),
    rootClose: -1,
    conditional: [],
    maxPriority: 0,
  };
  let p = "";
  /** The piece being read: the whole sheet, or a few of its rows. Every position is in it. */
  let xml = "";
  /** What precedes sheetData, from the first piece. */
  let head = "";
  /** A row's cells merged with its planned cells, in column order. */
  const mergedRow = (
    rowNumber: number,
    startTag: string,
    own: readonly { col: number; xml: string; style: number | null }[],
  ) => {
    const writes = planned.get(rowNumber)!;
    const merged: [number, string][] = [];
    let ordered = true;
    for (const c of own) {
      const write = writes.get(c.col);
      ordered &&= merged.length === 0 || merged[merged.length - 1]![0] < c.col;
      merged.push([c.col, write ? render(write, c.style, p, c.xml) : c.xml]);
      writes.delete(c.col);
    }
    for (const [c, write] of writes) {
      ordered &&= merged.length === 0 || merged[merged.length - 1]![0] < c;
      merged.push([c, render(write, null, p, null)]);
    }
    if (!ordered) merged.sort((a, b) => a[0] - b[0]);
    if (merged.length > 0) extend(rowNumber, merged[merged.length - 1]![0]);
    return merged.length
      ? `${startTag}>${merged.map((m) => m[1]).join("")}</${p}row>`
      : `${startTag}/>`;
  };
  /** Planned rows the sheet does not have, up to (not including) row `before`. */
  const newRowsBefore = (before: number) => {
    while (next < pending.length && pending[next]! < before) {
      const row = pending[next++]!;
      out.push(mergedRow(row, `<${p}row r="${row}"`, []));
    }
  };

  let depth = 0;
  let inSheetData = false;
  let copied = 0; // where the text not yet copied starts (in sheetData)
  // The row being read.
  let rowNumber = 0;
  let rowStart = -1;
  let rowStartTag = "";
  let rowHadR = true;
  let rowIsPlanned = false;
  let rowCells: { col: number; xml: string; style: number | null }[] = [];
  let col = -1;
  const ref = { row: 0, col: 0 };
  let cellStart = -1;
  let cellStyle: number | null = null;
  let cellHasRef = true;
  // A conditional format being read.
  let block: ConditionalBlock | null = null;
  let inFormula = false;
  let formula = "";

  /**
   * A row starts at `start`, its start tag ending at `end`; its r attribute as written, and its
   * spans attribute's extent (-1 when absent), both in the sheet.
   */
  const beginRow = (
    r: string | undefined,
    start: number,
    end: number,
    spansStart: number,
    spansEnd: number,
  ) => {
    const n = r === undefined ? NaN : Number(r);
    const hasR = Number.isInteger(n) && n >= 1;
    rowNumber = hasR ? n : r === undefined ? rowNumber + 1 : rowNumber;
    newRowsBefore(rowNumber);
    rowStart = start;
    rowIsPlanned = planned.has(rowNumber);
    if (pending[next] === rowNumber) next++;
    rowCells = [];
    col = -1;
    // The start tag as written, without its spans hint (stale after insertions; optional),
    // and with a row number where it had none.
    const close = xml.charCodeAt(end - 2) === 0x2f ? end - 2 : end - 1;
    let tag = xml.slice(start, close);
    if (spansStart >= 0 && rowIsPlanned) {
      let from = spansStart - start;
      while (from > 0 && /\s/.test(tag[from - 1]!)) from--;
      tag = tag.slice(0, from) + tag.slice(spansEnd - start);
    }
    rowHadR = r !== undefined;
    rowStartTag = rowHadR
      ? tag
      : `<${p}row r="${rowNumber}"${tag.slice(p.length + 4)}`;
  };
  /** A cell of the row, from `start` to `end` in the sheet. */
  const addCell = (
    start: number,
    end: number,
    hasRef: boolean,
    style: number | null,
  ) => {
    if (!rowIsPlanned) return;
    const cell = xml.slice(start, end);
    rowCells.push({
      col,
      // A cell without r gets one, so that the cells inserted beside it keep their order.
      xml: hasRef
        ? cell
        : `<${p}c r="${a1(rowNumber - 1, col)}"${cell.slice(p.length + 2)}`,
      style,
    });
  };
  /** The row ends at `end`: written, merged with the plan's cells or as it is. */
  const endRow = (end: number) => {
    // Space and comments between rows are copied as they are.
    if (rowStart > copied) out.push(xml.slice(copied, rowStart));
    if (rowIsPlanned) out.push(mergedRow(rowNumber, rowStartTag, rowCells));
    else {
      if (col >= 0) extend(rowNumber, col);
      // A row without r gets one; the rest of it is copied as it is.
      out.push(
        rowHadR
          ? xml.slice(rowStart, end)
          : `<${p}row r="${rowNumber}"${xml.slice(rowStart + p.length + 4, end)}`,
      );
    }
    copied = end;
  };

  // The pieces the scanner reads, and where the current one starts in the sheet: between rows, at
  // the start of a piece, rows in the common form are taken by the one pass first.
  let base = 0;
  let betweenRows = false;
  const row = new RowBuffer();
  /** Rows from `at` up to `to` by the one pass; where the first it does not take starts. */
  const onePassRows = (at: number, to: number): number => {
    for (;;) {
      at = skipSpace(xml, at);
      if (at >= to) return at;
      const end = readRow(xml, at, row);
      if (end < 0 || end > to) return at;
      beginRow(row.r, at, row.tagEnd, row.spansStart, row.spansEnd);
      for (let k = 0; k < row.count; k++) {
        const hasRef = row.refCol[k]! >= 0;
        col = hasRef ? row.refCol[k]! : col + 1;
        const style = row.style[k]!;
        addCell(
          row.cellStart[k]!,
          row.cellEnd[k]!,
          hasRef,
          style > 0 ? style : null,
        );
      }
      endRow(end);
      at = end;
    }
  };
  // Taken by hand: the scan stops at the root's end and closes what it iterates, not this.
  const rest = source[Symbol.iterator]();
  function* pieces(): Generator<string> {
    let first = true;
    for (let r = rest.next(); r.done !== true; r = rest.next()) {
      const piece = r.value;
      if (!first) {
        // A piece ends right after a row: what came before it must be rows of sheetData.
        if (!inSheetData || !betweenRows) throw new NotInPieces();
        if (copied < xml.length) out.push(xml.slice(copied));
        copied = 0;
      }
      xml = piece;
      base = 0;
      let at = 0;
      if (first && onePass) {
        // The head, up to the end of what looks like sheetData's start tag; the scanner says if it is.
        const sheetData = xml.indexOf("sheetData");
        at = sheetData < 0 ? 0 : xml.indexOf(">", sheetData) + 1;
        if (at > 0) yield xml.slice(0, at);
      }
      first = false;
      if (onePass && betweenRows) at = onePassRows(at, xml.length);
      if (at < xml.length) {
        base = at;
        yield at === 0 ? xml : xml.slice(at);
      }
    }
  }

  scanXmlPieces(pieces(), {
    get wantsText() {
      return inFormula;
    },
    open(name, a, pieceStart, pieceEnd) {
      const start = base + pieceStart;
      const end = base + pieceEnd;
      depth++;
      if (depth === 1) {
        p = layout.prefix = prefixAt(xml, start, name);
        return;
      }
      if (depth === 2) {
        if (name === "sheetData" && !layout.sheetDataOpen) {
          layout.sheetDataOpen = { start, end };
          head = xml.slice(0, start);
          inSheetData = true;
          betweenRows = true;
          copied = end;
          out.push(`<${p}sheetData>`);
        } else if (name === "dimension" && !layout.sheetDataOpen)
          layout.dimension = { start, end };
        else if (layout.sheetDataClose && !layout.children.has(name))
          layout.children.set(name, start);
        if (name === "conditionalFormatting" && layout.sheetDataClose)
          block = { start, end, sqref: a.get("sqref") ?? "", formulas: [] };
        return;
      }
      if (block) {
        if (name === "cfRule") {
          const k = a.find("priority");
          if (k >= 0)
            layout.maxPriority = Math.max(layout.maxPriority, a.integer(k));
        } else if (name === "formula" && depth === 4) {
          inFormula = true;
          formula = "";
        }
        return;
      }
      if (!inSheetData) {
        if (name === "cfRule") {
          const k = a.find("priority");
          if (k >= 0)
            layout.maxPriority = Math.max(layout.maxPriority, a.integer(k));
        }
        return;
      }
      if (depth === 3 && name === "row") {
        betweenRows = false;
        const spans = a.find("spans");
        beginRow(
          a.get("r"),
          start,
          end,
          spans < 0 ? -1 : base + a.nameStart(spans),
          spans < 0 ? -1 : base + a.valueEnd(spans) + 1,
        );
        return;
      }
      if (depth === 4 && name === "c") {
        cellStart = start;
        // Read in place, as the reader reads it (no string per cell).
        const k = a.find("r");
        cellHasRef =
          k >= 0 && readRef(a.source, a.valueStart(k), a.valueEnd(k), ref);
        col = cellHasRef ? ref.col : col + 1;
        const s = a.find("s");
        const style = s >= 0 ? a.integer(s) : 0;
        cellStyle = style > 0 ? style : null;
      }
    },
    text(t) {
      formula += t;
    },
    close(name, pieceStart, pieceEnd) {
      const start = base + pieceStart;
      const end = base + pieceEnd;
      if (depth === 1) layout.rootClose = start;
      else if (depth === 2 && name === "sheetData" && inSheetData) {
        inSheetData = false;
        betweenRows = false;
        layout.sheetDataClose = { start, end };
        // Whatever stands between the last row and the end tag (space, comments) stays.
        if (start > copied) out.push(xml.slice(copied, start));
        newRowsBefore(Infinity);
        out.push(`</${p}sheetData>`);
      } else if (depth === 2 && block && name === "conditionalFormatting") {
        block.end = end;
        layout.conditional.push(block);
        block = null;
      } else if (block && name === "formula" && inFormula) {
        inFormula = false;
        block.formulas.push(formula);
      } else if (inSheetData && depth === 4 && name === "c")
        addCell(cellStart, end, cellHasRef, cellStyle);
      else if (inSheetData && depth === 3 && name === "row") {
        endRow(end);
        betweenRows = true;
      }
      depth--;
    },
  });
  // The scan ends with the root element: text after it in a later piece would be lost.
  if (rest.next().done !== true) throw new NotInPieces();
  if (!layout.sheetDataOpen || !layout.sheetDataClose)
    throw new Error("the sheet has no sheetData");
  if (layout.rootClose < 0) layout.rootClose = xml.length;
  // What follows sheetData, with the add-in's stale marks removed and its new ones added.
  let tail = xml.slice(layout.sheetDataClose.end);
  if (marks) tail = withMarks(xml, layout, marks.marks, marks.styles);
  out.push(tail);
  // What precedes sheetData goes first, with the dimension now that the extent is known.
  const dim = layout.dimension;
  // Written in UTF-8, whatever the sheet's declaration named.
  const bytes = out.bytes(
    asUtf8Declared(
      maxRow > 0 && maxCol > 0 && dim
        ? `${head.slice(0, dim.start)}<${p}dimension ref="A1:${a1(maxRow - 1, maxCol - 1)}"/>${head.slice(dim.end)}`
        : head,
    ),
  );
  return { bytes, prefix: p };
}

/**
 * The part after sheetData with the add-in's earlier marks that the plan no longer has (the lines
 * moved or grew) removed, and its new ones added before the first later sibling the schema orders
 * after them; a person's own conditional formats, and marks the plan keeps, stay as they are.
 */
function withMarks(
  xml: string,
  layout: SheetLayout,
  marks: readonly ConditionalMark[],
  styles: StyleBook,
): string {
  const from = layout.sheetDataClose!.end;
  const stale = layout.conditional.filter((b) => {
    const ours = b.formulas.length === 1 && isOwnMarkFormula(b.formulas[0]!);
    const kept = marks.some(
      (m) => m.range === b.sqref && m.formula === b.formulas[0],
    );
    return ours && !kept;
  });
  const kept = layout.conditional.filter((b) => !stale.includes(b));
  const added = conditionalFormattingXml(
    kept,
    marks,
    styles,
    layout.prefix,
    layout.maxPriority,
  );
  let at = layout.rootClose;
  for (const name of AFTER_CONDITIONAL) {
    const child = layout.children.get(name);
    if (child !== undefined && child < at) at = child;
  }
  const edits = [
    ...stale.map((b) => ({ start: b.start, end: b.end, text: "" })),
    ...(added ? [{ start: at, end: at, text: added }] : []),
  ].sort((a, b) => a.start - b.start);
  let out = "";
  let cursor = from;
  for (const e of edits) {
    out += xml.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + xml.slice(cursor);
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

/** Conditional formats not already in the sheet (same range and formula), with fresh priorities. */
export function conditionalFormattingXml(
  existing: readonly {
    readonly sqref: string;
    readonly formulas: readonly string[];
  }[],
  marks: readonly ConditionalMark[],
  styles: StyleBook,
  p = "",
  maxPriority = 0,
): string {
  let priority = maxPriority;
  return marks
    .filter(
      (m) =>
        !existing.some(
          (b) => b.sqref === m.range && b.formulas.includes(m.formula),
        ),
    )
    .map(
      (m) =>
        `<${p}conditionalFormatting sqref="${m.range}"><${p}cfRule type="expression" dxfId="${styles.dxf(m.fill, m.fontColor)}" priority="${++priority}"><${p}formula>${escapeText(m.formula)}</${p}formula></${p}cfRule></${p}conditionalFormatting>`,
    )
    .join("");
}

export { AFTER_CONDITIONAL };

function validationXml(v: Validation): string {
  const common = `allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="IOP-budget" error="${escapeXml(v.message)}" sqref="${v.range}"`;
  if (v.kind === "list")
    return `<dataValidation type="list" ${common}><formula1>"${escapeText(v.values.join(","))}"</formula1></dataValidation>`;
  return `<dataValidation type="custom" ${common}><formula1>${escapeText(v.formula)}</formula1></dataValidation>`;
}

/**
 * A new sheet's part, as UTF-8 bytes made a row at a time: a `Beslut` of a 100 000-line workbook
 * never exists as one string (SPEC §7; `npm run bench`'s compute memory).
 */
export function newSheetBytes(
  sheet: SheetCreate,
  styles: StyleBook,
  /** The package's: a strict workbook's new sheet is strict too. */
  namespaces: Namespaces,
  /** The most bytes the part may have (PartTooLarge past it). */
  maxBytes = Infinity,
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
  const out = new ChunkedUtf8(maxBytes);
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
  const marks = conditionalFormattingXml([], sheet.marks, styles);
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
      `<headerFooter><oddHeader>${escapeText(`&C${sheet.print.header.replace(/&/g, "&&")}`)}</oddHeader></headerFooter>`
    : "";
  out.push(
    `</sheetData>${protection}${marks}${validations}` +
      `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${print}</worksheet>`,
  );
  return out.bytes(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="${namespaces.main}" xmlns:r="${namespaces.rel}">` +
      (sheet.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
      `<dimension ref="A1:${columnLetters(maxCol - 1)}${maxRow}"/>` +
      `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`,
  );
}
