// OpenDocument spreadsheets (.ods, what LibreOffice saves by default) read into the same grids as
// .xlsx: values by their office:value-type, formulas, merged cells and repeated rows and columns.
// Number formats are summed up by value type (percentages, dates, currency), which is what the
// engine needs from them.

import type { Cell, Grid, Merge, WorkbookGrids } from "../core";
import { ERROR_VALUES } from "../core/reading/values";
import { HiddenColumns, MAX_COLUMNS } from "./columns";
import { isRadixLiteral, parseXmlChunks } from "./xml";

/** Runs of empty rows or columns LibreOffice writes to the sheet's end are not expanded. */
const MAX_REPEAT = 1000;
/** Excel's grid, as for .xlsx: a cell past it is not read, and the sheet says so. */
const MAX_ROWS = 1_048_576;
/**
 * Excel's most characters in a cell. A cell's text is read up to it: `<text:s text:c="…"/>` asks
 * for any number of spaces in a few bytes, so a small file could otherwise ask for gigabytes.
 */
const MAX_CELL_TEXT = 32_767;

interface PendingCell {
  type: string;
  value: string | undefined;
  formula: string | undefined;
  text: string[];
  /** The characters of `text` so far, with the line ends that will join them. */
  length: number;
  repeat: number;
  spanRows: number;
  spanCols: number;
}

const DATE_VALUE =
  /^(-?)(\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?))?$/;
const EPOCH = Date.UTC(1899, 11, 30);

/**
 * An office:date-value as the serial number LibreOffice saves for it in .xlsx: days since
 * 1899-12-30 and the time as a fraction, for any year LibreOffice writes ("14042-12-14", and
 * "-2934-09-19" where, as in XML Schema 1.0, "-0001" is the year before "0001"). NaN when it is not
 * a date.
 */
function dateSerial(value: string): number {
  const m = DATE_VALUE.exec(value);
  if (!m) return NaN;
  const year = m[1] ? 1 - Number(m[2]) : Number(m[2]);
  const day = new Date(EPOCH);
  // setUTCFullYear, not Date.UTC: years 0–99 are not taken as 1900–1999.
  day.setUTCFullYear(year, Number(m[3]) - 1, Number(m[4]));
  const days = Math.round((day.getTime() - EPOCH) / 86_400_000);
  const seconds =
    Number(m[5] ?? 0) * 3600 + Number(m[6] ?? 0) * 60 + Number(m[7] ?? 0);
  return seconds === 0 ? days : days + seconds / 86_400;
}

/**
 * A formula that is a constant: TRUE(), FALSE() or an error value. OpenDocument has no typed logical
 * or error, so LibreOffice saves a TRUE or #REF! typed in .xlsx as such a formula (a TRUE cached as
 * 1 when the cell's format is a number's). Read as the typed value, as Excel reads the .xlsx.
 */
const LOGICAL = /^(TRUE|FALSE)\(\)$/i;

/** A number value (XML Schema's double): NaN, #NUM! at its cell, for one that is none (0x1F). */
function doubleOf(value: string | undefined): number {
  return value !== undefined && isRadixLiteral(value) ? NaN : Number(value);
}

/**
 * An OpenDocument reference, "[.F4]", "[$Lönekalkyl.$A$4:.$A$23]" or "[$'Budget 2026 H1'.F5]":
 * the sheet (quoted where it has to be), the first cell, and the second cell of a range (its sheet,
 * when repeated, dropped).
 */
const ODF_REFERENCE =
  /\[\$?((?:'(?:[^']|'')*'|[^\].'])*)\.([^\]:]+)(?::\$?(?:'(?:[^']|'')*'|[^\].':])*\.([^\]]+))?\]/g;

/**
 * An OpenDocument formula ("of:=SUMIF([$Lönekalkyl.$A$4:.$A$23];[.B5];…)") as Excel writes it
 * ("SUMIF(Lönekalkyl!$A$4:$A$23,B5,…)"), text in quotes as it is: the engine tells its own
 * formulas by their text, and what-if works them out, as in an .xlsx.
 */
export function excelFormula(odf: string): string {
  return odf
    .replace(/^[a-z]+:=/, "")
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(
              ODF_REFERENCE,
              (_, sheet: string, a: string, b?: string) =>
                `${sheet ? `${sheet}!` : ""}${a}${b ? `:${b}` : ""}`,
            )
            .replaceAll(";", ","),
    )
    .join("");
}

function cellOf(c: PendingCell): Cell | undefined {
  const f = c.formula ? excelFormula(c.formula) : undefined;
  const withF = (cell: Cell): Cell => (f ? { ...cell, f } : cell);
  const text = c.text.join("\n");
  const logical = f === undefined ? null : LOGICAL.exec(f);
  if (logical && (c.type === "float" || c.type === "boolean"))
    return { t: "b", v: logical[1]!.toUpperCase() === "TRUE" };
  if (f !== undefined && ERROR_VALUES.includes(f) && text === f)
    return { t: "e", v: f };
  switch (c.type) {
    case "float":
      return withF({ t: "n", v: doubleOf(c.value) });
    case "percentage":
      return withF({ t: "n", v: doubleOf(c.value), fmt: "0%" });
    case "currency":
      return withF({ t: "n", v: doubleOf(c.value), fmt: "#,##0" });
    case "date": {
      const serial = dateSerial(c.value ?? "");
      return Number.isFinite(serial)
        ? withF({ t: "n", v: serial, fmt: "yyyy-mm-dd" })
        : withF({ t: "s", v: text });
    }
    case "boolean":
      return withF({ t: "b", v: c.value === "true" });
    case "string":
      return withF({ t: "s", v: text });
    default:
      if (text.startsWith("#") && f) return { t: "e", v: text, f };
      // A formula whose result is empty text ("" of IF(G5="";"";…)) is saved with an empty
      // paragraph and no value type; one with no paragraph at all was never worked out.
      return text
        ? withF({ t: "s", v: text })
        : f
          ? c.text.length > 0
            ? { t: "s", v: "", f }
            : { t: "z", v: null, f }
          : undefined;
  }
}

/**
 * Reads an .ods file's content.xml into grids. Repeated rows and cells are expanded, and each
 * counts against `maxCells` as the cells of an .xlsx do (a file of a few hundred bytes can repeat
 * a value over millions of cells), and its text against `maxTextChars`; the tables count against
 * `maxSheets`. `tooLarge` is called with the limit passed, and must throw.
 */
export function readOdsContent(
  /** content.xml, in chunks cut anywhere (textChunks): a large one is never one string. */
  content: Generator<string> | readonly string[],
  limits: {
    readonly maxCells: number;
    readonly maxSheets: number;
    readonly maxTextChars: number;
    readonly tooLarge: (limit: "cells" | "sheets" | "text") => never;
  },
): WorkbookGrids {
  let cellsLeft = limits.maxCells;
  let charsLeft = limits.maxTextChars;
  const sheets: Grid[] = [];
  let rows: (Cell | undefined)[][] = [];
  let merges: Merge[] = [];
  let outside: string | undefined;
  let name = "";
  let r = 0;
  let c = 0;
  let rowRepeat = 1;
  // A row hidden ("collapse") or filtered out ("filter"): table:visibility.
  let rowHidden = false;
  let hiddenRows: number[] = [];
  // The columns as table:table-column elements say them, before the rows: the next one's index.
  let column = 0;
  let hiddenColumns = new HiddenColumns();
  // The table styles that hide a sheet (table:display="false", hidden or very hidden in Excel),
  // which come before the sheets; the style being read, and whether the sheet being read is hidden.
  const hidingStyles = new Set<string>();
  let tableStyle: string | null = null;
  let sheetHidden = false;
  let rowCells: { cell: Cell | undefined; col: number; repeat: number }[] = [];
  let cell: PendingCell | null = null;
  let inText = 0;
  let para: string[] = [];
  let paraLength = 0;
  /**
   * Text of the cell's paragraph, `times` over, while the cell has room: its text stops at Excel's
   * most characters whatever the paragraph asks for (a million `text:s` of 32 767 spaces each).
   */
  const add = (text: string, times = 1) => {
    const room = MAX_CELL_TEXT - (cell?.length ?? 0) - paraLength;
    if (room <= 0) return;
    const piece =
      times === 1
        ? text.slice(0, room)
        : text
            .repeat(Math.min(times, Math.ceil(room / text.length)))
            .slice(0, room);
    para.push(piece);
    paraLength += piece.length;
  };

  parseXmlChunks(content, {
    open(tag, a) {
      if (tag === "style")
        tableStyle = a.family === "table" ? (a.name ?? null) : null;
      else if (tag === "table-properties" && tableStyle !== null) {
        if (a.display === "false") hidingStyles.add(tableStyle);
      } else if (tag === "table") {
        if (sheets.length >= limits.maxSheets) limits.tooLarge("sheets");
        name = a.name ?? `Blad${sheets.length + 1}`;
        sheetHidden = hidingStyles.has(a["style-name"] ?? "");
        rows = [];
        merges = [];
        hiddenRows = [];
        column = 0;
        hiddenColumns = new HiddenColumns();
        outside = undefined;
        r = 0;
      } else if (tag === "table-column") {
        const repeat = Number(a["number-columns-repeated"] ?? 1) || 1;
        if (a.visibility === "collapse" || a.visibility === "filter")
          hiddenColumns.add(column + 1, column + repeat);
        column += repeat;
      } else if (tag === "table-row") {
        c = 0;
        rowCells = [];
        rowRepeat = Number(a["number-rows-repeated"] ?? 1) || 1;
        rowHidden = a.visibility === "collapse" || a.visibility === "filter";
      } else if (tag === "table-cell" || tag === "covered-table-cell") {
        cell = {
          type: a["value-type"] ?? "",
          value: a["date-value"] ?? a["boolean-value"] ?? a.value,
          formula: a.formula,
          text: [],
          length: 0,
          repeat: Number(a["number-columns-repeated"] ?? 1) || 1,
          spanRows: Number(a["number-rows-spanned"] ?? 1) || 1,
          spanCols: Number(a["number-columns-spanned"] ?? 1) || 1,
        };
      } else if (tag === "p" && cell) {
        inText++;
        para = [];
        paraLength = 0;
      } else if (inText > 0 && tag === "s") add(" ", Number(a.c ?? 1) || 1);
      else if (inText > 0 && tag === "tab") add("\t");
      else if (inText > 0 && tag === "line-break") add("\n");
    },
    text(t) {
      if (inText > 0) add(t);
    },
    close(tag) {
      if (tag === "p" && cell && inText > 0) {
        inText--;
        if (cell.length < MAX_CELL_TEXT) {
          cell.text.push(para.join(""));
          cell.length += paraLength + 1;
        }
      } else if (
        (tag === "table-cell" || tag === "covered-table-cell") &&
        cell
      ) {
        const value = cellOf(cell);
        if (
          (cell.spanRows > 1 || cell.spanCols > 1) &&
          r + cell.spanRows <= MAX_ROWS &&
          c + cell.spanCols <= MAX_COLUMNS
        )
          merges.push({
            top: r,
            left: c,
            bottom: r + cell.spanRows - 1,
            right: c + cell.spanCols - 1,
          });
        rowCells.push({
          cell: value,
          col: c,
          repeat: value ? Math.min(cell.repeat, MAX_REPEAT) : 0,
        });
        c += cell.repeat;
        cell = null;
      } else if (tag === "table-row") {
        const filled = rowCells.filter((x) => x.cell && x.repeat > 0);
        const times = filled.length > 0 ? Math.min(rowRepeat, MAX_REPEAT) : 0;
        const past = filled.find((x) => x.col + x.repeat > MAX_COLUMNS);
        if (times > 0 && (r + times > MAX_ROWS || past))
          outside ??= `R${Math.min(r, MAX_ROWS) + 1}C${(past?.col ?? 0) + 1}`;
        for (let i = 0; i < times && r + i < MAX_ROWS; i++) {
          for (const x of filled) {
            cellsLeft -= x.repeat;
            if (x.cell?.t === "s") charsLeft -= x.cell.v.length * x.repeat;
          }
          if (cellsLeft < 0) limits.tooLarge("cells");
          if (charsLeft < 0) limits.tooLarge("text");
          const row: (Cell | undefined)[] = [];
          for (const x of filled)
            for (let k = 0; k < x.repeat && x.col + k < MAX_COLUMNS; k++)
              row[x.col + k] = x.cell;
          rows[r + i] = row;
          if (rowHidden) hiddenRows.push(r + i);
        }
        r += rowRepeat;
      } else if (tag === "table") {
        const hidden = hiddenColumns.list();
        sheets.push({
          name,
          rows,
          ...(sheetHidden ? { hidden: true } : {}),
          ...(merges.length > 0 ? { merges } : {}),
          ...(hiddenRows.length > 0 ? { hiddenRows } : {}),
          ...(hidden.length > 0 ? { hiddenColumns: hidden } : {}),
          ...(outside === undefined ? {} : { outsideGrid: outside }),
        });
      }
    },
  });
  return { sheets };
}
