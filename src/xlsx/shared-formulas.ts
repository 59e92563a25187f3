// Excel saves a formula filled down as a shared formula: the first cell holds its text
// (`<f t="shared" ref="D2:D5" si="0">IF(C2="","",B2-C2)</f>`), the others only `<f t="shared"
// si="0"/>`. A plan that writes over the first cell would leave the others without a formula:
// LibreOffice opens them empty, Excel repairs the file. Those cells are written as formulas of their
// own, the first cell's text moved to where they are, with the values they hold.

import { type CellWrite, columnLetters, formula, parseA1 } from "../core";
import { textChunks } from "./pieces";
import {
  type XmlHandlers,
  decoderLabelOf,
  parseXml,
  parseXmlChunks,
} from "./xml";

/** A cell of a shared formula: the one holding its text (`text`), or one of the others. */
interface SharedCell {
  readonly row: number;
  readonly col: number;
  readonly si: string;
  readonly text: string | null;
  readonly cached: number | string;
}

/** "shared" as the part's encoding writes it: a sheet without it has no shared formula. */
function sharedIn(label: "utf-8" | "utf-16le" | "utf-16be"): number[] {
  const ascii = [..."shared"].map((ch) => ch.charCodeAt(0));
  if (label === "utf-8") return ascii;
  return ascii.flatMap((b) => (label === "utf-16le" ? [b, 0] : [0, b]));
}

function holds(bytes: Uint8Array, pattern: readonly number[]): boolean {
  const first = pattern[0]!;
  for (let i = bytes.indexOf(first); i >= 0; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < pattern.length && bytes[i + k] === pattern[k]) k++;
    if (k === pattern.length) return true;
  }
  return false;
}

/**
 * The cells of the sheet's shared formulas (a cell without r is skipped), read a window at a time
 * from bytes: a sheet may be hundreds of megabytes.
 */
function sharedCells(sheet: string | Uint8Array): SharedCell[] {
  const out: SharedCell[] = [];
  let cell: { row: number; col: number; type: string } | null = null;
  let shared: { si: string; text: string | null } | null = null;
  let reading: "f" | "v" | null = null;
  let f = "";
  let v = "";
  const handlers: XmlHandlers = {
    open(name, attrs) {
      if (name === "c") {
        const at = parseA1(attrs.r ?? "");
        cell = at ? { ...at, type: attrs.t ?? "n" } : null;
        shared = null;
        f = v = "";
      } else if (cell && name === "f" && attrs.t === "shared" && attrs.si) {
        shared = { si: attrs.si, text: null };
        reading = "f";
      } else if (cell && name === "v") reading = "v";
    },
    text(t) {
      if (reading === "f") f += t;
      else if (reading === "v") v += t;
    },
    close(name) {
      if (name === "f" && shared && reading === "f")
        shared = { ...shared, text: f === "" ? null : f };
      if (name === "f" || name === "v") reading = null;
      if (name !== "c" || !cell || !shared) return;
      const number = Number(v);
      out.push({
        ...cell,
        ...shared,
        cached:
          cell.type === "str" ||
          cell.type === "e" ||
          v === "" ||
          !Number.isFinite(number)
            ? v
            : number,
      });
      cell = null;
    },
  };
  if (typeof sheet === "string") parseXml(sheet, handlers);
  else parseXmlChunks(textChunks(sheet), handlers);
  return out;
}

// A reference in a formula, with what must not be taken for one around it: a string, a quoted
// sheet name, a table's [column], a name or function ("LOG10(", "Blad1!").
const PIECES =
  /("(?:[^"]|"")*")|('(?:[^']|'')+'!)|(\[(?:[^[\]]|\[[^\]]*\])*\])|(?<![\w.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(!.])|(?<![\w.$])(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\w(!.])|(?<![\w.$])(\$?)(\d+):(\$?)(\d+)(?![\w(!.])|([A-Za-z_\u00C0-\u024F][\w.\u00C0-\u024F]*)/g;

/**
 * A piece of a formula's text: as written (a string), a relative reference's row number (a number
 * from 0), or its column, the 0-based index c written as -(c + 1).
 */
type Piece = string | number;

/**
 * A formula's text as it reads `rows` below and `cols` right of where it is, for any such move:
 * its relative references moved, as Excel moves a shared formula's text to each of its cells. The
 * text is taken apart once: a column filled down over 100 000 lines reads it 100 000 times.
 */
export function formulaMover(
  text: string,
): (rows: number, cols: number) => string {
  const pieces: Piece[] = [];
  const written = (s: string) => {
    const last = pieces.length - 1;
    if (typeof pieces[last] === "string") pieces[last] += s;
    else if (s !== "") pieces.push(s);
  };
  const col = (abs: string, letters: string) => {
    if (abs) written(abs + letters);
    else pieces.push(-(parseA1(`${letters}1`)!.col + 1));
  };
  const row = (abs: string, digits: string) => {
    if (abs) written(abs + digits);
    else pieces.push(Number(digits));
  };
  let at = 0;
  for (const m of text.matchAll(PIECES)) {
    written(text.slice(at, m.index));
    at = m.index + m[0].length;
    const g = m.slice(1);
    if (g[3] !== undefined) {
      col(g[3], g[4]!);
      row(g[5]!, g[6]!);
    } else if (g[7] !== undefined) {
      col(g[7], g[8]!);
      written(":");
      col(g[9]!, g[10]!);
    } else if (g[11] !== undefined) {
      row(g[11], g[12]!);
      written(":");
      row(g[13]!, g[14]!);
    } else written(m[0]);
  }
  written(text.slice(at));
  const parts: string[] = [];
  return (rows, cols) => {
    parts.length = 0;
    // A formula's references mostly share their row (IF(G5="","",F5-G5)): its text made once.
    let row = NaN;
    let rowText = "";
    for (const p of pieces)
      if (typeof p === "string") parts.push(p);
      else if (p >= 0) {
        if (p !== row) rowText = String((row = p) + rows);
        parts.push(rowText);
      } else parts.push(columnLetters(-p - 1 + cols));
    // Joined, not added: one flat string, not a chain of pieces kept in a grid.
    return parts.join("");
  };
}

/**
 * The writes that keep a sheet's shared formulas whole under the plan's: each cell of a shared
 * formula whose text-holding cell the plan writes (and which the plan does not write itself) gets
 * the formula as its own, with its value. None when the sheet has no shared formula.
 */
export function unsharedWrites(
  sheet: string | Uint8Array,
  cells: readonly CellWrite[],
): CellWrite[] {
  const mayHold =
    typeof sheet === "string"
      ? sheet.includes("shared")
      : holds(sheet, sharedIn(decoderLabelOf(sheet)));
  if (!mayHold) return [];
  const written = new Set(cells.map((c) => `${c.row}:${c.col}`));
  const shared = sharedCells(sheet);
  // Each written first cell, with its text taken apart once for all its other cells.
  const holders = new Map<
    string,
    { cell: SharedCell; moved: (rows: number, cols: number) => string }
  >();
  for (const c of shared)
    if (c.text !== null && written.has(`${c.row}:${c.col}`))
      holders.set(c.si, { cell: c, moved: formulaMover(c.text) });
  if (holders.size === 0) return [];
  const out: CellWrite[] = [];
  for (const c of shared) {
    const holder = holders.get(c.si);
    if (!holder || c.text !== null || written.has(`${c.row}:${c.col}`))
      continue;
    out.push({
      row: c.row,
      col: c.col,
      value: formula(
        holder.moved(c.row - holder.cell.row, c.col - holder.cell.col),
        c.cached,
      ),
    });
  }
  return out;
}
