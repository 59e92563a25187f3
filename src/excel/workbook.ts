// The Office.js adapter: the only place that touches Excel. Reading loads the sheet list with every
// used range's size (one sync), then the cells in chunks that keep each response well under Excel
// on the web's 5 MB limit (one chunk for a normal workbook: two syncs). Writing first re-reads
// what the plan was made from, protection and the add-in's own marks (one sync), refuses before
// writing anything when something would fail, then applies the plan in one batch: a compute is
// four round trips. Neither count grows with lines or sheets until a workbook passes the size a
// single response can carry (or has more than FIRST_SHEETS sheets).

import type {
  Cell,
  CellStyle,
  CellWrite,
  Grid,
  Merge,
  PlanValue,
  SheetCreate,
  WorkbookGrids,
  WritePlan,
} from "../core";
// Straight from their modules: the pane's first chunk loads the adapter, not the whole core.
import {
  DECISION_OWNER,
  OWNER_PROPERTY,
  SCENARIO_OWNER,
  SCENARIO_PROPERTY,
  isDecisionSheetName,
  isOwnMarkFormula,
} from "../core/ownership";
import { isDateFormat, isoToSerial } from "../core/reading/dates";
import { EXCEL_COLUMNS, EXCEL_ROWS, parseA1 } from "../core/reading/grid";
import type { TableArea, Tables } from "../core/reading/tables";
import { isDetailsSheetName } from "../core/reading/sheet-names";
import { HostError, type WriteUndoNote } from "./host";

/** Excel on the web rejects requests and responses over 5 MB; we stay well below. */
export const MAX_PAYLOAD_BYTES = 4_000_000;
/** A read cell (value, type, number format, formula, as JSON) costs about 31 bytes; headroom for text. */
export const READ_BYTES_PER_CELL = 40;
/** A cell's value type and number format as a response carries them ("String", "General"). */
const TYPE_AND_FORMAT_BYTES = 20;
/** A sheet above this many used cells is refused with its size, before any cell is transferred. */
export const MAX_SHEET_CELLS = 2_000_000;
/** Rows of a decision-named sheet that are read: enough for the stamp that says whose it is. */
const STAMP_ROWS = 3;
/** 1904 date system: its serials are this many days below the 1900 system's. */
const DAYS_1904_OFFSET = 1462;

export interface ReadOptions {
  /** ExcelApi 1.13: merged areas of the agreement sheet. */
  readonly merges?: boolean;
  /** ExcelApi 1.12: the custom property that marks the add-in's own sheet. */
  readonly customProperties?: boolean;
  /**
   * ExcelApi 1.9: which rows (hidden or filtered out) and columns are hidden, from a sheet's
   * visible cells.
   */
  readonly hiddenCells?: boolean;
}

export interface WriteOptions extends ReadOptions {
  /** ExcelApi 1.8: data validation in created sheets. */
  readonly validations?: boolean;
  /** ExcelApi 1.9: print setup (landscape, one page wide, a header) of created sheets. */
  readonly pageLayout?: boolean;
  /** ExcelApiOnline 1.1 (the web): whether a protected sheet has a password, known before writing. */
  readonly passwordKnown?: boolean;
}

/** One loaded block of a sheet's used range (zero-based sheet coordinates). */
interface Chunk {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/** What a read saw, so that a write can tell whether the workbook changed since. */
interface ReadState {
  readonly names: readonly string[];
  readonly addresses: ReadonlyMap<string, string>;
  readonly chunks: readonly Checked[];
  /**
   * Whether each input sheet's used range hid rows and columns (all, some: null, none), where the
   * host tells: a column hidden or shown since changes which one counts.
   */
  readonly hidden?: ReadonlyMap<string, HiddenSeen>;
}

interface HiddenSeen {
  readonly rows: boolean | null;
  readonly columns: boolean | null;
}

/**
 * A chunk as read: its formulas' hash, and their size in UTF-8 (what re-reading them costs). Of a
 * sheet that hid some rows or columns, also its visible cells' address ("visible").
 */
interface Checked extends Chunk {
  readonly hash: string;
  readonly bytes: number;
  readonly visible?: true;
}

const seen = new WeakMap<WorkbookGrids, ReadState>();

function ensureLoaded<T>(value: T, what: string): T {
  // office-addin-mock answers "Error, …" for a property read before load/sync; so would a bug here.
  if (typeof value === "string" && value.startsWith("Error,"))
    throw new Error(`${what}: ${value}`);
  return value;
}

/** The top-left cell of a used range's address ("'Budget 2025 H2'!B3:H20" → B3). */
function topLeft(address: string): { row: number; col: number } {
  const local =
    address.slice(address.lastIndexOf("!") + 1).split(":")[0] ?? "A1";
  return parseA1(local) ?? { row: 0, col: 0 };
}

/**
 * FNV-1a over the chunk's formulas (enough to notice any change, small to keep), and their JSON's
 * UTF-8 length: what a re-read of them costs on the wire ("å" two bytes, a surrogate pair four).
 */
function hashOf(formulas: unknown): { hash: string; bytes: number } {
  const text = JSON.stringify(formulas);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return {
    hash: `${text.length}:${(h >>> 0).toString(16)}`,
    bytes: utf8Length(text),
  };
}

/** A text's length in UTF-8, as a request or response carries it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return bytes;
}

/** Excel on the web refused a response as too large: the request may be asked in smaller parts. */
function responseTooLarge(e: unknown): boolean {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { code?: unknown }).code === "ResponsePayloadSizeLimitExceeded"
  );
}

/** A batch in two (its chunks, or one chunk's rows); null when it is one row already. */
function halves(batch: readonly Chunk[]): Chunk[][] | null {
  if (batch.length > 1) {
    const mid = Math.ceil(batch.length / 2);
    return [batch.slice(0, mid), batch.slice(mid)];
  }
  const c = batch[0];
  if (!c || c.rows < 2) return null;
  const top = Math.ceil(c.rows / 2);
  return [
    [{ ...c, rows: top }],
    [{ ...c, row: c.row + top, rows: c.rows - top }],
  ];
}

function toCell(
  value: unknown,
  type: string,
  format: string,
  formula: unknown,
  date1904: boolean,
): Cell | undefined {
  // Excel gives a text cell's value as its formula, without the apostrophe that made "=SUMMA"
  // text (office-js#6687): a "formula" that is the cell's own text is text, as the file reads it.
  const f =
    typeof formula === "string" &&
    formula.startsWith("=") &&
    !(type === "String" && formula === value)
      ? formula.slice(1)
      : undefined;
  const base = f === undefined ? {} : { f };
  const fmt = format && format !== "General" ? { fmt: format } : {};
  switch (type) {
    case "Empty":
      // A formula is kept whatever type it reports (it is the add-in's or a person's to keep).
      if (f !== undefined) return { t: "s", v: "", ...fmt, ...base };
      // An empty cell's own number format is kept: the plan must not overwrite it.
      return fmt.fmt ? { t: "z", v: null, ...fmt } : undefined;
    case "Double": {
      if (typeof value !== "number") return undefined;
      // The core's dates are 1900-system serials, as the file reader gives them.
      const v =
        date1904 && isDateFormat(format) ? value + DAYS_1904_OFFSET : value;
      return { t: "n", v, ...fmt, ...base };
    }
    case "Boolean":
      return { t: "b", v: value === true, ...base };
    case "Error":
      return { t: "e", v: String(value), ...base };
    default:
      return {
        t: "s",
        v:
          typeof value === "string"
            ? value
            : typeof value === "number" || typeof value === "boolean"
              ? String(value)
              : "",
        ...base,
      };
  }
}

/** Row bands of a block, each small enough, packed into batches that each fit one response. */
function batchesOf(
  blocks: readonly Chunk[],
  bytesPerCell: number,
  budget = MAX_PAYLOAD_BYTES,
): Chunk[][] {
  const cap = Math.floor(budget / bytesPerCell);
  const batches: Chunk[][] = [[]];
  let used = 0;
  for (const b of blocks) {
    const band = Math.max(1, Math.floor(cap / Math.max(1, b.cols)));
    for (let r = 0; r < b.rows; r += band) {
      const rows = Math.min(band, b.rows - r);
      const cells = rows * b.cols;
      if (used > 0 && used + cells > cap) {
        batches.push([]);
        used = 0;
      }
      batches[batches.length - 1]!.push({ ...b, row: b.row + r, rows });
      used += cells;
    }
  }
  return batches.filter((b) => b.length > 0);
}

/** A probe of the date system in the read batch: DATE(1904,1,1) is 0 in a 1904 workbook. */
function probeDateSystem(
  context: Excel.RequestContext,
): Excel.FunctionResult<number> {
  const probe = context.workbook.functions.date(1904, 1, 1);
  probe.load("value");
  return probe;
}

interface SheetSize {
  readonly ws: Excel.Worksheet;
  readonly used: Excel.Range;
  /** The add-in's marks (ExcelApi 1.12): Beslut's and the scenario sheet's custom properties. */
  readonly owners: {
    readonly decision: Excel.WorksheetCustomProperty;
    readonly scenario: Excel.WorksheetCustomProperty;
  } | null;
}

/**
 * Sheets asked for by position in the first round trip, with the sheet list: a workbook of up to
 * 20 half-years and the add-in's own sheets is read in two round trips, one larger in three.
 */
const FIRST_SHEETS = 40;

/** A sheet's name, used range, protection, visibility and the add-in's marks, to be loaded. */
function queueSize(ws: Excel.Worksheet, options: ReadOptions): SheetSize {
  // Protection and visibility tell whether a write must lift the sheet's protection and whether
  // it is hidden for good: a write that changes either cannot be one undo step.
  ws.load("name,visibility");
  ws.protection.load("protected");
  const used = ws.getUsedRangeOrNullObject(true);
  // rowHidden and columnHidden (ExcelApi 1.2) are true where every row (column) is hidden, false
  // where none is, and null where some are: which ones is asked after, and only then.
  used.load("address,rowCount,columnCount");
  if (options.hiddenCells) used.load("rowHidden,columnHidden");
  // Only whether a mark exists matters: isNullObject is known after the sync without a load.
  // Every sheet is asked: renamed, the scenario sheet is still the add-in's.
  const owners = options.customProperties
    ? {
        decision: ws.customProperties.getItemOrNullObject(OWNER_PROPERTY),
        scenario: ws.customProperties.getItemOrNullObject(SCENARIO_PROPERTY),
      }
    : null;
  return { ws, used, owners };
}

/** Every worksheet's used cells as the core's grids: values, number formats, formulas, errors. */
export async function readGrids(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<WorkbookGrids> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  // The sheet list and each sheet's size in one round trip: the first sheets are reached by
  // position (getFirst, getNextOrNullObject: ExcelApi 1.5), before their names are known.
  const chain: SheetSize[] = [];
  let next = worksheets.getFirst();
  for (let i = 0; i < FIRST_SHEETS; i++) {
    chain.push(queueSize(next, options));
    if (i < FIRST_SHEETS - 1) next = next.getNextOrNullObject();
  }
  const dateSystem = probeDateSystem(context);
  // Excel tables (ExcelApi 1.1): their structured references are read as the cells they name.
  const tableList = context.workbook.tables;
  tableList.load("items/name,items/showHeaders,items/showTotals");
  await context.sync();
  const items = ensureLoaded(worksheets.items, "worksheets");
  const sizes = chain.slice(0, Math.min(items.length, FIRST_SHEETS));
  if (items.length > FIRST_SHEETS) {
    sizes.push(
      ...items.slice(FIRST_SHEETS).map((ws) => queueSize(ws, options)),
    );
    await context.sync();
  }
  const date1904 = ensureLoaded(dateSystem.value, "date system") === 0;
  const tableItems = ensureLoaded(tableList.items, "tables");
  // Loaded only for a workbook with tables: the pane's first chunk stays without it.
  const tableModule =
    tableItems.length > 0
      ? await import(/* webpackChunkName: "tables" */ "../core/reading/tables")
      : null;
  // Their ranges, sheets and columns come with the first batch of cells (no round trip of their own).
  let tablesToRead =
    tableModule && tableItems.length <= tableModule.MAX_TABLES
      ? tableItems
      : [];
  /** The tables, once read with the first batch: each batch's formulas are resolved as filled. */
  let resolve: TableFormulas | null = null;

  const grids: Grid[] = [];
  const blocks: Chunk[] = [];
  const addresses = new Map<string, string>();
  /** The blocks of sheets that hide rows or columns. */
  const hiding: Hiding[] = [];
  const hidden = new Map<string, HiddenSeen>();
  for (const s of sizes) {
    const name = s.ws.name;
    const used = s.used;
    const marked = (p: Excel.WorksheetCustomProperty | undefined) =>
      p !== undefined && !ensureLoaded(p.isNullObject, "custom property");
    const owner = marked(s.owners?.decision)
      ? DECISION_OWNER
      : marked(s.owners?.scenario)
        ? SCENARIO_OWNER
        : null;
    const ownedMark = {
      ...(owner ? { owner } : {}),
      ...(ensureLoaded(s.ws.protection.protected, "protection")
        ? { protected: true }
        : {}),
      ...(ensureLoaded(s.ws.visibility, "visibility") === "VeryHidden"
        ? { veryHidden: true }
        : {}),
      ...(s.ws.visibility === "Visible" ? {} : { hidden: true }),
    };
    if (ensureLoaded(used.isNullObject, "used range")) {
      grids.push({ name, rows: [], ...ownedMark });
      addresses.set(name, "");
      continue;
    }
    const address = ensureLoaded(used.address, "address");
    const rowCount = ensureLoaded(used.rowCount, "rowCount");
    const columnCount = ensureLoaded(used.columnCount, "columnCount");
    addresses.set(name, address);
    if (rowCount * columnCount > MAX_SHEET_CELLS) {
      grids.push({
        name,
        rows: [],
        unreadable: `the sheet is too large to read (${rowCount} rows × ${columnCount} columns)`,
      });
      continue;
    }
    const at = topLeft(address);
    // The add-in's output is never input: of such a sheet only the stamp rows are read.
    const rows = isDecisionSheetName(name)
      ? Math.min(rowCount, Math.max(0, STAMP_ROWS - at.row))
      : rowCount;
    const chunk = {
      sheet: name,
      row: at.row,
      col: at.col,
      rows,
      cols: columnCount,
    };
    if (rows > 0) blocks.push(chunk);
    // Typed boolean, but null where some are hidden (Microsoft's reference says so).
    const rowHidden: boolean | null = options.hiddenCells
      ? ensureLoaded(used.rowHidden as boolean | null, "rowHidden")
      : false;
    const columnHidden: boolean | null = options.hiddenCells
      ? ensureLoaded(used.columnHidden as boolean | null, "columnHidden")
      : false;
    // The add-in's own sheets are no input, as for merged areas.
    if (rows > 0 && owner === null && !isDecisionSheetName(name)) {
      hidden.set(name, { rows: rowHidden, columns: columnHidden });
      if (rowHidden !== false || columnHidden !== false)
        hiding.push({ chunk, rows: rowHidden, columns: columnHidden });
    }
    grids.push({ name, rows: [], ...ownedMark });
  }

  const byName = new Map(grids.map((g) => [g.name, g]));
  const chunks: Checked[] = [];
  // Sized from the dimensions (all that is known before the transfer), so that the number of
  // round trips does not grow with lines until a response is full; one Excel still refuses as
  // too large (long texts, å/ä/ö) is asked again in halves, down to a row, and what the first
  // batch really cost per cell sizes the batches after it.
  let pending = batchesOf(blocks, READ_BYTES_PER_CELL);
  let cost = { bytes: 0, cells: 0 };
  let sized = false;
  // Merged areas tell a merged key cell (in Uppgifter, or a half-year's period) from an empty
  // value cell, and keep the plan's added columns and values out of them. They are asked of every
  // sheet that may be input, with the first batch of cells. More than 512 areas in a range fail the
  // request (ExcelApi 1.13): then the batch is asked again with Uppgifter's alone, and then without
  // any (a merged key cell then reads as it shows); at most two more round trips, whatever the sheets.
  const withCells = new Set(blocks.map((b) => b.sheet));
  let mergesOfSheets: Grid[] = options.merges
    ? grids.filter(
        (g) =>
          withCells.has(g.name) &&
          !isDecisionSheetName(g.name) &&
          g.owner === undefined,
      )
    : [];
  while (pending.length > 0) {
    const batch = pending.shift()!;
    const loaded = batch.map((c) => {
      const range = context.workbook.worksheets
        .getItem(c.sheet)
        .getRangeByIndexes(c.row, c.col, c.rows, c.cols);
      range.load("values,valueTypes,numberFormat,formulas");
      return { chunk: c, range };
    });
    const merged = mergesOfSheets.map((g) => {
      const areas = context.workbook.worksheets
        .getItem(g.name)
        .getRange()
        .getMergedAreasOrNullObject();
      areas.load("address");
      return { grid: g, areas };
    });
    const tableReads = tablesToRead.map(queueTable);
    // One sync per batch of chunks: the count grows only with what one response can carry.
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      const parts = responseTooLarge(e) ? halves(batch) : null;
      if (parts) pending.unshift(...parts);
      else if (merged.length > 0) {
        mergesOfSheets =
          merged.length > 1
            ? mergesOfSheets
                .filter((g) => isDetailsSheetName(g.name))
                .slice(0, 1)
            : [];
        pending.unshift(batch);
      } else throw e;
      continue;
    }
    for (const { grid, areas } of merged)
      (grid as { merges?: readonly Merge[] }).merges = areasFrom(
        areas,
        grid.name,
      );
    mergesOfSheets = [];
    if (tableModule && tableReads.length > 0)
      resolve = {
        tables: new tableModule.Tables(tableReads.map(tableOf)),
        tableFormula: tableModule.tableFormula,
      };
    tablesToRead = [];
    for (const { chunk, range } of loaded) {
      const grid = byName.get(chunk.sheet)!;
      const formulas = ensureLoaded(range.formulas as unknown[][], "formulas");
      fillRows(
        grid.rows as (Cell | undefined)[][],
        chunk,
        {
          values: ensureLoaded(range.values, "values"),
          types: ensureLoaded(range.valueTypes as string[][], "valueTypes"),
          formats: ensureLoaded(
            range.numberFormat as string[][],
            "numberFormat",
          ),
          formulas,
        },
        date1904,
        resolve,
      );
      const checked = { ...chunk, ...hashOf(formulas) };
      chunks.push(checked);
      // Values cost about what formulas do (the same text or number), plus type and format.
      const cells = chunk.rows * chunk.cols;
      cost = {
        bytes: cost.bytes + 2 * checked.bytes + cells * TYPE_AND_FORMAT_BYTES,
        cells: cost.cells + cells,
      };
    }
    if (!sized && pending.length > 0) {
      // What the first read cost per cell, with a margin, sizes the rest.
      sized = true;
      const density = Math.max(
        READ_BYTES_PER_CELL,
        Math.ceil((1.25 * cost.bytes) / Math.max(1, cost.cells)),
      );
      pending = batchesOf(pending.flat(), density);
    }
  }
  chunks.push(...(await readHidden(context, hiding, byName)));
  const result: WorkbookGrids = { sheets: grids };
  seen.set(result, {
    names: grids.map((g) => g.name),
    addresses,
    chunks,
    ...(options.hiddenCells ? { hidden } : {}),
  });
  return result;
}

/** A table's range, sheet and columns, loaded with a batch of cells. */
interface TableRead {
  readonly table: Excel.Table;
  readonly range: Excel.Range;
}

function queueTable(table: Excel.Table): TableRead {
  const range = table.getRange();
  range.load("address");
  // Table.worksheet: ExcelApi 1.2.
  table.worksheet.load("name");
  table.columns.load("items/name");
  return { table, range };
}

function tableOf({ table, range }: TableRead): TableArea {
  const sheet = ensureLoaded(table.worksheet.name, "table's sheet");
  const [area] = mergesOf(ensureLoaded(range.address, "table's range"), sheet);
  return {
    name: ensureLoaded(table.name, "table's name"),
    sheet,
    top: area?.top ?? 0,
    left: area?.left ?? 0,
    bottom: area?.bottom ?? -1,
    right: area?.right ?? -1,
    headerRow: ensureLoaded(table.showHeaders, "showHeaders"),
    totalsRow: ensureLoaded(table.showTotals, "showTotals"),
    columns: ensureLoaded(table.columns.items, "table's columns").map((c) =>
      ensureLoaded(c.name, "column's name"),
    ),
  };
}

/**
 * The workbook's tables, to read each formula's structured references ("[@Budget]",
 * "SUBTOTAL(109,[Budget])" as Excel gives them) as the A1 references they stand for, as the file's
 * reader does (tableFormula).
 */
interface TableFormulas {
  readonly tables: Tables;
  readonly tableFormula: typeof import("../core/reading/tables").tableFormula;
}

function fillRows(
  rows: (Cell | undefined)[][],
  chunk: Chunk,
  data: {
    values: unknown[][];
    types: string[][];
    formats: string[][];
    formulas: unknown[][];
  },
  date1904: boolean,
  resolve: TableFormulas | null,
): void {
  if (!Array.isArray(data.values)) return;
  data.values.forEach((row, r) => {
    row.forEach((value, c) => {
      let cell = toCell(
        value,
        data.types[r]?.[c] ?? "String",
        data.formats[r]?.[c] ?? "General",
        data.formulas[r]?.[c],
        date1904,
      );
      if (resolve && cell?.f?.includes("[")) {
        const at = {
          sheet: chunk.sheet,
          row: chunk.row + r,
          col: chunk.col + c,
        };
        const a1 = resolve.tableFormula(cell.f, at, resolve.tables);
        if (a1 !== undefined) cell = { ...cell, a1 };
      }
      if (cell) (rows[chunk.row + r] ??= [])[chunk.col + c] = cell;
    });
  });
}

/**
 * A block of a sheet that hides rows or columns, as its used range says: all of them (true), some
 * (null), or none (false).
 */
interface Hiding {
  readonly chunk: Chunk;
  readonly rows: boolean | null;
  readonly columns: boolean | null;
}

/**
 * The cells whose visible part tells what a block hides: the block itself where some of its rows
 * or columns are hidden and some of each shown; where every row is hidden and some columns, the
 * row below it across its columns; where every column is hidden and some rows, the column right
 * of it down its rows (the visible cells are the visible rows across the visible columns, so a
 * block with no visible row tells no column, and one with no visible column no row). None where
 * the used range says it all.
 */
function probeOf(h: Hiding): Probe | null {
  const c = h.chunk;
  if (h.rows === true) {
    // Below a used range that ends at Excel's last row there is no row to ask.
    if (h.columns !== null || c.row + c.rows >= EXCEL_ROWS) return null;
    return { chunk: { ...c, row: c.row + c.rows, rows: 1 }, tells: "columns" };
  }
  if (h.columns === true) {
    if (h.rows !== null || c.col + c.cols >= EXCEL_COLUMNS) return null;
    return { chunk: { ...c, col: c.col + c.cols, cols: 1 }, tells: "rows" };
  }
  return h.rows === null || h.columns === null
    ? { chunk: c, tells: "both" }
    : null;
}

/** The cells probeOf asks for, and what their visible part can tell. */
interface Probe {
  readonly chunk: Chunk;
  readonly tells: "both" | "rows" | "columns";
}

/**
 * The rows (for HIDDEN_LINES) and columns (an old one hidden beside the one shown) each sheet
 * hides. Where its used range says only some are (null), its visible cells (ExcelApi 1.9) tell
 * which (probeOf): one more round trip, taken only by a workbook that hides some, whatever the
 * sheets. Where Excel refuses that answer (a response too large: hundreds of thousands of rows
 * hidden one by one), or the row below a wholly hidden block is hidden too, those sheets are left
 * as a host that cannot tell, with their figures as they are. Returns what a write re-checks of
 * the answers: the visible cells' address, hashed.
 */
async function readHidden(
  context: Excel.RequestContext,
  hiding: readonly Hiding[],
  byName: ReadonlyMap<string, Grid>,
): Promise<Checked[]> {
  const asked = hiding.flatMap((h) => {
    const probe = probeOf(h);
    return probe
      ? [
          {
            probe: probe.chunk,
            tells: probe.tells,
            areas: visibleCellsOf(context.workbook, probe.chunk),
          },
        ]
      : [];
  });
  let answered = true;
  if (asked.length > 0)
    try {
      await context.sync();
    } catch {
      answered = false;
    }
  const shown = new Map<string, { rows: Set<number>; cols: Set<number> }>();
  const checked: Checked[] = [];
  if (answered)
    for (const { probe, tells, areas } of asked) {
      checked.push({ ...probe, ...hashOf(visibleOf(areas)), visible: true });
      const rows = new Set<number>();
      const cols = new Set<number>();
      for (const m of areasFrom(areas, probe.sheet)) {
        for (let r = m.top; r <= m.bottom; r++) rows.add(r);
        for (let k = m.left; k <= m.right; k++) cols.add(k);
      }
      // A hidden row below tells no column, a hidden column to the right no row.
      if (tells === "both" || (tells === "rows" ? rows : cols).size > 0)
        shown.set(probe.sheet, { rows, cols });
    }
  const hiddenOf = (
    all: boolean | null,
    from: number,
    count: number,
    visible: Set<number> | undefined,
  ): number[] | null => {
    if (all === false || (all === null && visible === undefined)) return null;
    const hidden: number[] = [];
    for (let k = from; k < from + count; k++)
      if (all === true || !visible!.has(k)) hidden.push(k);
    return hidden;
  };
  for (const { chunk: c, rows, columns } of hiding) {
    const visible = shown.get(c.sheet);
    const grid = byName.get(c.sheet) as {
      hiddenRows?: readonly number[];
      hiddenColumns?: readonly number[];
    };
    const hiddenRows = hiddenOf(rows, c.row, c.rows, visible?.rows);
    if (hiddenRows) grid.hiddenRows = hiddenRows;
    const hiddenColumns = hiddenOf(columns, c.col, c.cols, visible?.cols);
    if (hiddenColumns) grid.hiddenColumns = hiddenColumns;
  }
  return checked;
}

/** A block's visible cells (ExcelApi 1.9), their address to be loaded. */
function visibleCellsOf(book: Excel.Workbook, c: Chunk): Excel.RangeAreas {
  const areas = book.worksheets
    .getItemOrNullObject(c.sheet)
    .getRangeByIndexes(c.row, c.col, c.rows, c.cols)
    .getSpecialCellsOrNullObject("Visible");
  areas.load("address");
  return areas;
}

/** The visible cells' address as loaded; null where none is visible. */
function visibleOf(areas: Excel.RangeAreas): string | null {
  return ensureLoaded(areas.isNullObject, "areas")
    ? null
    : ensureLoaded(areas.address, "areas");
}

/** A RangeAreas' rectangles (merged areas, visible cells); none for a null object. */
function areasFrom(areas: Excel.RangeAreas, sheet: string): Merge[] {
  if (ensureLoaded(areas.isNullObject, "areas")) return [];
  return mergesOf(ensureLoaded(areas.address, "areas"), sheet);
}

/**
 * "Sheet1!A1:B1, Sheet1!A3:C3" → zero-based rectangles. The sheet's name is taken off first, as
 * Excel writes it (quoted or not): a name may hold a comma or "!" ("Budget, H1!").
 */
export function mergesOf(address: string, sheet: string): Merge[] {
  const bare = address
    .split(`'${sheet.replace(/'/g, "''")}'!`)
    .join("")
    .split(`${sheet}!`)
    .join("");
  const out: Merge[] = [];
  for (const part of bare.split(",")) {
    const [from, to] = part.trim().split(":");
    const tl = from ? parseA1(from) : null;
    const br = to ? parseA1(to) : tl;
    if (tl && br)
      out.push({ top: tl.row, left: tl.col, bottom: br.row, right: br.col });
  }
  return out;
}

/**
 * The plan without the values of the workbook's own formulas ("shown", a file's): Excel works
 * those formulas out itself, and writing them again would be a write into a person's cells.
 */
function forExcel(plan: WritePlan): WritePlan {
  if (!plan.edits.some((e) => e.cells.some((c) => c.value.kind === "shown")))
    return plan;
  return {
    ...plan,
    edits: plan.edits
      .map((e) => ({
        ...e,
        cells: e.cells.filter((c) => c.value.kind !== "shown"),
      }))
      .filter((e) => e.cells.length > 0 || e.marks.length > 0),
  };
}

/** A plan value as Excel's `formulas` takes it. Text gets the apostrophe prefix: it stays text. */
export function formulaInput(
  value: PlanValue,
  date1904 = false,
): string | number {
  switch (value.kind) {
    case "number":
      return value.value;
    case "date":
      return isoToSerial(value.iso) - (date1904 ? DAYS_1904_OFFSET : 0);
    case "formula":
    // Not written (forExcel): were it, it would be the formula as it is.
    case "shown":
      return `=${value.formula}`;
    case "text":
      return value.value === "" ? "" : `'${value.value}`;
  }
}

interface Run {
  readonly col: number;
  readonly row: number;
  readonly cells: CellWrite[];
}

/** A run's cells written in one request at most: a long column of texts is sent in parts. */
const RUN_PIECE_CELLS = 2_000;

/** A run in pieces of at most RUN_PIECE_CELLS, so that no request overshoots its limit. */
function piecesOf(run: Run): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < run.cells.length; i += RUN_PIECE_CELLS)
    out.push({
      col: run.col,
      row: run.row + i,
      cells: run.cells.slice(i, i + RUN_PIECE_CELLS),
    });
  return out;
}

/** Cells grouped into vertical runs of consecutive rows in one column: one range write each. */
export function runsOf(cells: readonly CellWrite[]): Run[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: Run[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col === c.col && last.row + last.cells.length === c.row)
      last.cells.push(c);
    else runs.push({ col: c.col, row: c.row, cells: [c] });
  }
  return runs;
}

/** What the write's first sync loaded: the state the plan is checked against. */
interface Preflight {
  readonly names: Excel.WorksheetCollection;
  readonly structure: Excel.WorkbookProtection;
  readonly dateSystem: Excel.FunctionResult<number>;
  readonly used: Map<string, Excel.Range>;
  /** The read's chunks, read again. */
  readonly chunks: Recheck[];
  /** The edited sheets, and the add-in's existing ones, with their protection. */
  readonly protection: Map<string, Excel.Worksheet>;
  /** Each edited run's current number formats: a person's format wins over the plan's. */
  readonly runFormats: Map<string, Excel.Range>;
  readonly marks: Map<string, Excel.ConditionalFormatCollection>;
  readonly created: Map<string, Excel.Worksheet>;
}

const runKey = (sheet: string, run: Run) => `${sheet}!${run.row}:${run.col}`;
const markKey = (sheet: string, range: string) => `${sheet}!${range}`;

/** A chunk of the read, queued to be read again. */
type Recheck =
  | { readonly chunk: Checked; readonly formulas: Excel.Range }
  | { readonly chunk: Checked; readonly areas: Excel.RangeAreas };

function queueCheck(book: Excel.Workbook, chunk: Checked): Recheck {
  if (chunk.visible) return { chunk, areas: visibleCellsOf(book, chunk) };
  const range = book.worksheets
    .getItemOrNullObject(chunk.sheet)
    .getRangeByIndexes(chunk.row, chunk.col, chunk.rows, chunk.cols);
  range.load("formulas");
  return { chunk, formulas: range };
}

/** After the sync: whether a chunk is still as it was read. */
function stillAsRead(check: Recheck): boolean {
  const now =
    "areas" in check ? visibleOf(check.areas) : check.formulas.formulas;
  return hashOf(now).hash === check.chunk.hash;
}

/** The re-check's share of the preflight's response; the rest of it is small. */
const RECHECK_IN_PREFLIGHT = MAX_PAYLOAD_BYTES / 2;

/**
 * Re-reads, ahead of the preflight, the chunks that would not fit beside it, in batches sized by
 * what each cost when read; returns those left for the preflight (all, for an ordinary workbook:
 * no extra round trip). Throws "changed" when one differs.
 */
async function recheckLarge(
  context: Excel.RequestContext,
  chunks: readonly Checked[],
): Promise<Checked[]> {
  let total = 0;
  const keep = chunks.filter((c) => (total += c.bytes) <= RECHECK_IN_PREFLIGHT);
  const rest = chunks.slice(keep.length);
  while (rest.length > 0) {
    const batch: Checked[] = [];
    let size = 0;
    while (
      rest.length > 0 &&
      (batch.length === 0 || size + rest[0]!.bytes <= MAX_PAYLOAD_BYTES)
    ) {
      const c = rest.shift()!;
      batch.push(c);
      size += c.bytes;
    }
    const same = batch.map((c) => queueCheck(context.workbook, c));
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    if (!same.every(stillAsRead)) throw new HostError("changed");
  }
  return keep;
}

/** A run's current number formats, to be loaded: a person's format wins over the plan's. */
function runFormat(ws: Excel.Worksheet, run: Run): Excel.Range {
  const range = ws.getRangeByIndexes(run.row, run.col, run.cells.length, 1);
  range.load("numberFormat");
  return range;
}

/** A number format in a response: "General" and its JSON. */
const FORMAT_BYTES = 12;

/**
 * The edited runs' number formats, loaded ahead of the preflight in parts when together they
 * would crowd its response (a compute of 100 000 lines); none (an empty map) when they fit in it.
 */
async function preloadRunFormats(
  context: Excel.RequestContext,
  plan: WritePlan,
): Promise<Map<string, Excel.Range>> {
  const cells = plan.edits.reduce((n, e) => n + e.cells.length, 0);
  const early = new Map<string, Excel.Range>();
  if (cells * FORMAT_BYTES <= MAX_PAYLOAD_BYTES / 4) return early;
  let bytes = 0;
  for (const edit of plan.edits) {
    const ws = context.workbook.worksheets.getItemOrNullObject(edit.sheet);
    for (const run of runsOf(edit.cells)) {
      early.set(runKey(edit.sheet, run), runFormat(ws, run));
      bytes += run.cells.length * FORMAT_BYTES;
      if (bytes < MAX_PAYLOAD_BYTES / 2) continue;
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      bytes = 0;
    }
  }
  await context.sync();
  return early;
}

function queuePreflight(
  context: Excel.RequestContext,
  plan: WritePlan,
  state: ReadState | undefined,
  recheck: readonly Checked[],
  /** The runs' number formats when they were loaded ahead (preloadRunFormats). */
  early: ReadonlyMap<string, Excel.Range>,
  passwordKnown: boolean,
): Preflight {
  const book = context.workbook;
  const names = book.worksheets;
  names.load("items/name");
  const structure = book.protection;
  structure.load("protected");
  const used = new Map<string, Excel.Range>();
  const chunks: Preflight["chunks"] = [];
  if (state) {
    for (const name of state.names) {
      const range = book.worksheets
        .getItemOrNullObject(name)
        .getUsedRangeOrNullObject(true);
      range.load("address");
      if (state.hidden) range.load("rowHidden,columnHidden");
      used.set(name, range);
    }
    for (const chunk of recheck) chunks.push(queueCheck(book, chunk));
  }
  const protection = new Map<string, Excel.Worksheet>();
  // options (ExcelApi 1.2) to protect a lifted sheet again as it was.
  const guard = (ws: Excel.Worksheet) =>
    ws.protection.load(
      passwordKnown
        ? "protected,options,isPasswordProtected"
        : "protected,options",
    );
  const runFormats = new Map(early);
  const marks = new Map<string, Excel.ConditionalFormatCollection>();
  for (const edit of plan.edits) {
    // OrNullObject: a sheet renamed or deleted since the read is a change, not an ItemNotFound.
    const ws = book.worksheets.getItemOrNullObject(edit.sheet);
    guard(ws);
    protection.set(edit.sheet, ws);
    if (early.size === 0)
      for (const run of runsOf(edit.cells))
        runFormats.set(runKey(edit.sheet, run), runFormat(ws, run));
    for (const m of edit.marks) {
      const cfs = ws.getRange(m.range).conditionalFormats;
      cfs.load("items/type,items/customOrNullObject/rule/formula");
      marks.set(markKey(edit.sheet, m.range), cfs);
    }
  }
  const created = new Map<string, Excel.Worksheet>();
  for (const c of plan.creates) {
    const ws = book.worksheets.getItemOrNullObject(c.sheet);
    guard(ws);
    // Its visibility is written only when it differs (a write Excel would record for nothing).
    ws.load("visibility");
    created.set(c.sheet, ws);
  }
  return {
    names,
    structure,
    dateSystem: probeDateSystem(context),
    used,
    chunks,
    protection,
    runFormats,
    marks,
    created,
  };
}

/** Refuses, before anything is written, what would fail or overwrite changes made since the read. */
/** A formula as Excel gives it back: no "=", sheet names without needless quotes, one case. */
function formulaText(f: string): string {
  return f
    .replace(/^=/, "")
    .replace(/'([A-Za-z0-9_.\u00C0-\u024F]+)'!/g, "$1!")
    .toUpperCase();
}

/** Every planned cell is already in the grid as planned (the write would change nothing). */
function holdsAll(grid: Grid, cells: readonly CellWrite[]): boolean {
  return cells.every((c) => {
    const cell = grid.rows[c.row]?.[c.col];
    const v = c.value;
    switch (v.kind) {
      case "formula":
      case "shown":
        return (
          cell?.f !== undefined &&
          formulaText(cell.f) === formulaText(v.formula)
        );
      case "number":
        return cell?.t === "n" && !cell.f && cell.v === v.value;
      case "text":
        return v.value === ""
          ? cell === undefined || (cell.t === "s" && cell.v === "")
          : cell?.t === "s" && !cell.f && cell.v === v.value;
      case "date":
        return cell?.t === "n" && !cell.f && cell.v === isoToSerial(v.iso);
    }
  });
}

/**
 * Whether writing `create` changes its sheet's visibility: a new sheet, or one shown again since,
 * is hidden (VeryHidden); one that is already is left as it is.
 */
function hidesAgain(create: SheetCreate, veryHiddenNow: boolean): boolean {
  return create.hidden === true && !veryHiddenNow;
}

/**
 * What a write does that Excel cannot undo, known from the plan and the read before it: the
 * protected sheets (no password) it unprotects and protects again, and whether it can be one undo
 * step. It can where the host groups undo (ExcelApi 1.20) and nothing in it is among what Excel
 * cannot undo (Microsoft's "Undo support with the Excel JavaScript API"): sheet protection
 * anywhere, a sheet's visibility on Windows and Mac. Grouped, those fail with UndoNotSupported.
 */
export function undoOf(
  plan: WritePlan,
  grids: WorkbookGrids,
  host: {
    /** Excel on Windows or Mac, where visibility cannot be undone. */
    readonly desktop: boolean;
    /** The host groups a write into one undo step (ExcelApi 1.20). */
    readonly groups: boolean;
  },
): WriteUndoNote {
  const byName = new Map(grids.sheets.map((g) => [g.name, g]));
  const changes = (sheet: string, cells: readonly CellWrite[]) => {
    const grid = byName.get(sheet);
    return grid?.protected === true && !holdsAll(grid, cells);
  };
  const lifted = [
    ...plan.edits.filter((e) => changes(e.sheet, e.cells)).map((e) => e.sheet),
    ...plan.creates
      .filter((c) => c.replaces && changes(c.sheet, c.cells))
      .map((c) => c.sheet),
  ];
  const protects = plan.creates.some((c) => c.protect);
  const hides =
    host.desktop &&
    plan.creates.some((c) =>
      hidesAgain(c, byName.get(c.sheet)?.veryHidden === true),
    );
  return {
    undoable: host.groups && lifted.length === 0 && !protects && !hides,
    lifted,
  };
}

/** What the preflight allows: the sheets to leave alone, and the protected ones to lift. */
interface Verdict {
  /** Protected sheets whose planned cells are all there already: left as they are. */
  readonly unchanged: ReadonlySet<string>;
  /** Protected sheets (no password) that must change: lifted, written and protected again. */
  readonly lifted: ReadonlyMap<string, Excel.WorksheetProtectionOptions>;
}

/** Checks the preflight: refuses what would fail or overwrite changes made since the read. */
function verify(
  pre: Preflight,
  plan: WritePlan,
  state: ReadState | undefined,
  grids: WorkbookGrids,
  options: WriteOptions,
): Verdict {
  if (state) {
    const now = pre.names.items.map((ws) => ws.name);
    const changed =
      now.length !== state.names.length ||
      now.some((n, i) => n !== state.names[i]) ||
      [...pre.used].some(
        ([name, range]) =>
          (range.isNullObject ? "" : range.address) !==
          (state.addresses.get(name) ?? ""),
      ) ||
      !pre.chunks.every(stillAsRead) ||
      [...(state.hidden ?? [])].some(([name, was]) => {
        const range = pre.used.get(name);
        return (
          range?.isNullObject !== false ||
          (range.rowHidden as boolean | null) !== was.rows ||
          (range.columnHidden as boolean | null) !== was.columns
        );
      });
    if (changed) throw new HostError("changed");
  }
  const passwordKnown = options.passwordKnown === true;
  const unchanged = new Set<string>();
  const lifted = new Map<string, Excel.WorksheetProtectionOptions>();
  // A protected sheet that already holds every planned cell is left alone; one with a password
  // (where Excel tells) is refused; any other is lifted for the write.
  const decide = (
    ws: Excel.Worksheet,
    sheet: string,
    cells: readonly CellWrite[],
  ) => {
    if (!ws.protection.protected) return;
    const grid = grids.sheets.find((g) => g.name === sheet);
    if (grid && holdsAll(grid, cells)) unchanged.add(sheet);
    else if (passwordKnown && ws.protection.isPasswordProtected)
      throw new HostError("sheetPasswordProtected", sheet);
    else lifted.set(sheet, ws.protection.options);
  };
  for (const [sheet, ws] of pre.protection) {
    if (ws.isNullObject) throw new HostError("changed", sheet);
    const edit = plan.edits.find((e) => e.sheet === sheet);
    decide(ws, sheet, edit?.cells ?? []);
  }
  for (const c of plan.creates) {
    const ws = pre.created.get(c.sheet)!;
    if (ws.isNullObject) {
      if (pre.structure.protected)
        throw new HostError("workbookProtected", c.sheet);
    } else {
      // Only the add-in's own sheet is rewritten; the core chose another name for a person's.
      if (!c.replaces) throw new HostError("changed", c.sheet);
      // Hiding it again is a change to the workbook's structure: refused before it is cleared.
      if (
        hidesAgain(c, ws.visibility === "VeryHidden") &&
        pre.structure.protected
      )
        throw new HostError("workbookProtected", c.sheet);
      decide(ws, c.sheet, c.cells);
    }
  }
  return { unchanged, lifted };
}

/**
 * Lifts the protection of the sheets that must change, in one round trip before anything is
 * written. A sheet Excel will not unprotect (a password it did not tell of) is named, and the
 * others are protected again: nothing is written.
 */
async function lift(
  context: Excel.RequestContext,
  lifted: ReadonlyMap<string, Excel.WorksheetProtectionOptions>,
): Promise<void> {
  if (lifted.size === 0) return;
  const sheets = context.workbook.worksheets;
  for (const name of lifted.keys()) sheets.getItem(name).protection.unprotect();
  try {
    await context.sync();
  } catch {
    // A batch is not a transaction: the sheets before the refusing one are unprotected now.
    const still = await restoreProtection(context, lifted);
    throw new HostError(
      "sheetPasswordProtected",
      still[0] ?? [...lifted.keys()][0],
    );
  }
}

/**
 * After a failed write: every lifted sheet that is unprotected now is protected again with its
 * own options. Returns the ones that were still protected.
 */
async function restoreProtection(
  context: Excel.RequestContext,
  lifted: ReadonlyMap<string, Excel.WorksheetProtectionOptions>,
): Promise<string[]> {
  const now = [...lifted.keys()].map((name) => {
    const p = context.workbook.worksheets.getItem(name).protection;
    p.load("protected");
    return { name, p };
  });
  await context.sync();
  for (const { name, p } of now) if (!p.protected) p.protect(lifted.get(name));
  await context.sync();
  return now.filter(({ p }) => p.protected).map(({ name }) => name);
}

function hex(color: string): string {
  return `#${color}`;
}

function applyLook(range: Excel.Range, style: CellStyle): void {
  if (style.bold) range.format.font.bold = true;
  if (style.italic) range.format.font.italic = true;
  if (style.fontSize) range.format.font.size = style.fontSize;
  if (style.fontColor) range.format.font.color = hex(style.fontColor);
  if (style.fill) range.format.fill.color = hex(style.fill);
  if (style.wrap) range.format.wrapText = true;
  // An input cell of a protected sheet (ExcelApi 1.2).
  if (style.unlocked) range.format.protection.locked = false;
}

const hasLook = (s: CellStyle) =>
  Boolean(
    s.bold ||
    s.italic ||
    s.fontSize ||
    s.fontColor ||
    s.fill ||
    s.wrap ||
    s.unlocked,
  );

interface Writer {
  readonly context: Excel.RequestContext;
  readonly date1904: boolean;
  /** The request queued so far, in UTF-8 bytes (estimated for formats and looks). */
  bytes: number;
  /** Sends what is queued once it nears a request's limit. */
  readonly flush: () => Promise<void>;
}

/**
 * Writes cells. `personal(run)` gives each cell's own number format where it has one (a person's
 * formatting wins); in a created sheet there is none.
 */
async function writeCells(
  w: Writer,
  ws: Excel.Worksheet,
  cells: readonly CellWrite[],
  personal: (run: Run) => readonly boolean[],
): Promise<void> {
  const pieces = runsOf(cells).flatMap((whole) => {
    const own = personal(whole);
    return piecesOf(whole).map((run, i) => ({
      run,
      own: own.slice(i * RUN_PIECE_CELLS, (i + 1) * RUN_PIECE_CELLS),
    }));
  });
  for (const { run, own } of pieces) {
    const target = ws.getRangeByIndexes(run.row, run.col, run.cells.length, 1);
    const formulas = run.cells.map((c) => [formulaInput(c.value, w.date1904)]);
    target.formulas = formulas;
    w.bytes += utf8Length(JSON.stringify(formulas)) + 120;
    const formats = run.cells.map((c, i) => {
      const wanted =
        c.value.kind === "date"
          ? (c.style?.numberFormat ?? "yyyy-mm-dd")
          : c.style?.numberFormat;
      return wanted && (!own[i] || c.style?.overOwnFormat) ? wanted : null;
    });
    if (formats.some((f) => f !== null)) {
      // null leaves a cell's format as it is.
      target.numberFormat = formats.map((f) => [f]);
      w.bytes += utf8Length(JSON.stringify(formats));
    }
    run.cells.forEach((c, i) => {
      if (!c.style || !hasLook(c.style) || own[i]) return;
      applyLook(ws.getRangeByIndexes(c.row, c.col, 1, 1), c.style);
      w.bytes += 200;
    });
    // A sheet of many runs is sent in parts, each request under the limit.
    await w.flush();
  }
}

function addMarks(ws: Excel.Worksheet, marks: SheetCreate["marks"]): void {
  for (const m of marks) {
    const cf = ws
      .getRange(m.range)
      .conditionalFormats.add(Excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = `=${m.formula}`;
    cf.custom.format.fill.color = hex(m.fill);
    cf.custom.format.font.color = hex(m.fontColor);
  }
}

/** The add-in's earlier marks on these ranges go; a person's conditional formats stay. */
function dropOwnMarks(cfs: Excel.ConditionalFormatCollection): void {
  for (const cf of cfs.items) {
    if (cf.type !== Excel.ConditionalFormatType.custom) continue;
    const rule = cf.customOrNullObject;
    if (!rule.isNullObject && isOwnMarkFormula(rule.rule.formula)) cf.delete();
  }
}

async function writeCreated(
  w: Writer,
  create: SheetCreate,
  /** The sheet as it is before the write; a null object when it is new. */
  before: Excel.Worksheet,
  options: WriteOptions,
): Promise<void> {
  const existing = !before.isNullObject;
  const sheets = w.context.workbook.worksheets;
  const ws = existing ? sheets.getItem(create.sheet) : sheets.add(create.sheet);
  // The add-in's own sheet (verified before) is rewritten whole.
  if (existing) ws.getRange().clear();
  // The add-in's mark: Beslut's, or the scenario sheet's (also on one an earlier version made).
  if (options.customProperties && create.owner)
    ws.customProperties.add(
      create.owner === DECISION_OWNER ? OWNER_PROPERTY : SCENARIO_PROPERTY,
      create.owner,
    );
  // The add-in's data sheet (IOP-scenarier) is out of the way and cannot be unhidden by mistake
  // from the tab menu: VeryHidden (Worksheet.visibility, ExcelApi 1.1), written only when it differs.
  if (hidesAgain(create, existing && before.visibility === "VeryHidden"))
    ws.visibility = "VeryHidden";
  await writeCells(w, ws, create.cells, (run) => run.cells.map(() => false));
  create.columnWidths.forEach((width, i) => {
    ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = Math.round(width * 7);
  });
  if (create.freeze) ws.freezePanes.freezeRows(create.freeze.rows);
  if (options.validations) {
    for (const v of create.validations) {
      const dv = ws.getRange(v.range).dataValidation;
      dv.rule =
        v.kind === "list"
          ? { list: { inCellDropDown: true, source: v.values.join(",") } }
          : { custom: { formula: `=${v.formula}` } };
      dv.errorAlert = {
        message: v.message,
        showAlert: true,
        style: Excel.DataValidationAlertStyle.stop,
        title: "IOP-budget",
      };
    }
  }
  addMarks(ws, create.marks);
  if (create.print && options.pageLayout) {
    ws.pageLayout.orientation = "Landscape";
    // One page wide, as tall as it takes: as the file path writes it (fitToWidth="1"
    // fitToHeight="0"); without the 0, Excel's default of one page tall squeezes a long sheet.
    // Known issue: Excel may ignore the fit until the Page Layout tab has been shown
    // (OfficeDev/office-js#1860, no workaround in the API): the pane says so after Skapa mall.
    ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    ws.pageLayout.headersFooters.defaultForAllPages.centerHeader =
      create.print.header;
  }
  // Last, once its cells are written: no password, so a person can unprotect it on purpose.
  if (create.protect)
    ws.protection.protect({
      allowInsertRows: true,
      allowDeleteRows: true,
      allowFormatColumns: true,
    });
}

/**
 * Applies a write plan. The first sync checks that the workbook is as `grids` were read (when they
 * were read by `readGrids`), that no target is protected, and which formats and marks are a
 * person's; then the add-in's sheet is created or verified first and everything is written in one
 * batch (more only when it would exceed Excel on the web's request limit).
 */
export async function applyPlan(
  context: Excel.RequestContext,
  written: WritePlan,
  grids: WorkbookGrids,
  options: WriteOptions = {},
): Promise<void> {
  const plan = forExcel(written);
  const state = seen.get(grids);
  const recheck = state ? await recheckLarge(context, state.chunks) : [];
  const early = await preloadRunFormats(context, plan);
  const pre = queuePreflight(
    context,
    plan,
    state,
    recheck,
    early,
    options.passwordKnown === true,
  );
  await context.sync();
  const { unchanged, lifted } = verify(pre, plan, state, grids, options);
  await lift(context, lifted);
  const w: Writer = {
    context,
    date1904: pre.dateSystem.value === 0,
    bytes: 0,
    flush: async () => {
      if (w.bytes < MAX_PAYLOAD_BYTES) return;
      await context.sync();
      w.bytes = 0;
      // Suspension lasts until the next sync only.
      context.application.suspendApiCalculationUntilNextSync();
    },
  };
  context.application.suspendApiCalculationUntilNextSync();
  // The add-in's sheet first: a run that Excel stops half way is recognisable as the add-in's.
  const steps = [
    ...plan.creates
      .filter((c) => !unchanged.has(c.sheet))
      .map(
        (create) => () =>
          writeCreated(w, create, pre.created.get(create.sheet)!, options),
      ),
    ...plan.edits
      .filter((e) => !unchanged.has(e.sheet))
      .map((edit) => async () => {
        const ws = context.workbook.worksheets.getItem(edit.sheet);
        await writeCells(w, ws, edit.cells, (run) => {
          const formats = pre.runFormats.get(runKey(edit.sheet, run))!
            .numberFormat as unknown as string[][];
          return run.cells.map(
            (_, i) => (formats[i]?.[0] ?? "General") !== "General",
          );
        });
        for (const m of edit.marks)
          dropOwnMarks(pre.marks.get(markKey(edit.sheet, m.range))!);
        addMarks(ws, edit.marks);
      }),
  ];
  try {
    for (const step of steps) {
      await step();
      await w.flush();
    }
    // Last, with the last cells: the lifted sheets protected again with their own options.
    for (const [name, o] of lifted)
      context.workbook.worksheets.getItem(name).protection.protect(o);
    await context.sync();
  } catch (e) {
    // Whatever stopped the write, a lifted sheet does not stay unprotected.
    if (lifted.size > 0)
      await restoreProtection(context, lifted).catch(() => undefined);
    throw e;
  }
}

/** Selects a finding's cell (activating its sheet). */
export async function selectCell(
  context: Excel.RequestContext,
  sheet: string,
  address: string,
): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}

/**
 * Which change events the open Excel has (ExcelApi 1.9 cell edits, 1.11 rows hidden or shown,
 * 1.17 renames; 1.7 the rest).
 */
export interface WatchSets {
  readonly changed: boolean;
  readonly rowHidden?: boolean;
  readonly renamed: boolean;
}

/** Who made a change, as the event's arguments say: absent where the host does not tell. */
export interface ChangeEvent {
  /** "ThisLocalAddin" for this add-in's own writes, "Unknown" otherwise (ExcelApi 1.14). */
  readonly triggerSource?: string;
  /** "Local" or "Remote" (a co-author's edit). */
  readonly source?: string;
}

/**
 * Calls `onChange` after a cell edit in any sheet, a sheet added or deleted and (where Excel has
 * them) renamed or its rows hidden, shown or filtered (a hidden line is said: HIDDEN_LINES): one
 * handler on the worksheet collection each, not one per sheet, so that a sheet added later is
 * followed too. Returns what `unwatchWorkbook` removes, with the same context
 * (Office.js removes a handler only through the context that added it).
 */
export async function watchWorkbook(
  context: Excel.RequestContext,
  onChange: (event: ChangeEvent) => void,
  sets: WatchSets,
): Promise<OfficeExtension.EventHandlerResult<unknown>[]> {
  const sheets = context.workbook.worksheets;
  // Each event says who made it, as far as the host tells: `triggerSource` (ExcelApi 1.14) names
  // the add-in's own writes, `source` (ExcelApi 1.7) a co-author's ("Remote").
  const handler = (args?: { triggerSource?: string; source?: string }) => {
    onChange({
      ...(args?.triggerSource === undefined
        ? {}
        : { triggerSource: args.triggerSource }),
      ...(args?.source === undefined ? {} : { source: args.source }),
    });
    return Promise.resolve();
  };
  const results: OfficeExtension.EventHandlerResult<unknown>[] = [
    sheets.onAdded.add(handler),
    sheets.onDeleted.add(handler),
  ];
  if (sets.changed) results.push(sheets.onChanged.add(handler));
  if (sets.rowHidden) results.push(sheets.onRowHiddenChanged.add(handler));
  if (sets.renamed) results.push(sheets.onNameChanged.add(handler));
  await context.sync();
  return results;
}

/** Removes the handlers `watchWorkbook` added, in its context. */
export async function unwatchWorkbook(
  context: Excel.RequestContext,
  results: readonly OfficeExtension.EventHandlerResult<unknown>[],
): Promise<void> {
  for (const r of results) r.remove();
  await context.sync();
}
