// The Office.js adapter: the only place that touches Excel. It reads every sheet in one batch and
// applies the engine's write plan in one batch; the number of context.sync() calls does not grow
// with lines or sheets (two to read: the sheet list, then every sheet's cells; one to write).

import {
  type Cell,
  type CellStyle,
  type CellWrite,
  type Grid,
  type Merge,
  type PlanValue,
  type SheetCreate,
  type WorkbookGrids,
  type WritePlan,
  isoToSerial,
  parseA1,
} from "../core";

/** Excel on the web rejects requests over 5 MB; writes are split well below that. */
export const MAX_REQUEST_CHARS = 4_000_000;
/** Reads above this many cells per sheet may come back empty: such a sheet is reported, not read. */
export const MAX_SHEET_CELLS = 2_000_000;

/** The top-left cell of a used range's address ("'Budget 2025 H2'!B3:H20" → B3). */
function topLeft(address: string): { row: number; col: number } {
  const local =
    address.slice(address.lastIndexOf("!") + 1).split(":")[0] ?? "A1";
  return parseA1(local) ?? { row: 0, col: 0 };
}

function ensureLoaded<T>(value: T, what: string): T {
  // office-addin-mock answers "Error, …" for a property read before load/sync; so would a bug here.
  if (typeof value === "string" && value.startsWith("Error,"))
    throw new Error(`${what}: ${value}`);
  return value;
}

function toCell(
  value: unknown,
  type: string,
  format: string,
  formula: unknown,
): Cell | undefined {
  const f =
    typeof formula === "string" && formula.startsWith("=")
      ? formula.slice(1)
      : undefined;
  const base = f === undefined ? {} : { f };
  const fmt = format && format !== "General" ? { fmt: format } : {};
  switch (type) {
    case "Empty":
      return undefined;
    case "Double":
      return typeof value === "number"
        ? { t: "n", v: value, ...fmt, ...base }
        : undefined;
    case "Boolean":
      return { t: "b", v: value === true, ...base };
    case "Error":
      return { t: "e", v: String(value), ...base };
    default:
      return { t: "s", v: String(value ?? ""), ...base };
  }
}

/** Every worksheet's used cells as the core's grids: values, number formats, formulas, errors. */
export async function readGrids(
  context: Excel.RequestContext,
  options: { merges?: boolean } = {},
): Promise<WorkbookGrids> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  const sheets = ensureLoaded(worksheets.items, "worksheets");
  const used = sheets.map((ws) => {
    const range = ws.getUsedRangeOrNullObject(true);
    // isNullObject is loaded too: office-addin-mock (the tests' Excel) only answers loaded properties.
    // eslint-disable-next-line office-addins/no-navigational-load
    range.load(
      "isNullObject,address,rowCount,columnCount,values,valueTypes,numberFormat,formulas",
    );
    return range;
  });
  // Merged areas (ExcelApi 1.13) tell a merged key cell in Uppgifter from an empty value cell.
  const merged = options.merges
    ? sheets.map((ws) => {
        const areas = ws.getRange().getMergedAreasOrNullObject();

        areas.load("isNullObject,address");
        return areas;
      })
    : null;
  await context.sync();
  return {
    sheets: sheets.map((ws, i): Grid => {
      const name = ensureLoaded(ws.name, "worksheet name");
      const range = used[i]!;
      if (ensureLoaded(range.isNullObject, "used range"))
        return { name, rows: [] };
      if (range.rowCount * range.columnCount > MAX_SHEET_CELLS)
        return { name, rows: [], unreadable: "the sheet is too large to read" };
      const values = ensureLoaded(range.values, "values");
      const types = ensureLoaded(
        range.valueTypes,
        "valueTypes",
      ) as unknown as string[][];
      const formats = ensureLoaded(
        range.numberFormat,
        "numberFormat",
      ) as unknown as string[][];
      const formulas = ensureLoaded(range.formulas, "formulas");
      if (!Array.isArray(values))
        return {
          name,
          rows: [],
          unreadable: "the sheet's values could not be read",
        };
      const at = topLeft(ensureLoaded(range.address, "address"));
      const rows: (Cell | undefined)[][] = [];
      values.forEach((row, r) => {
        row.forEach((value, c) => {
          const cell = toCell(
            value,
            types[r]?.[c] ?? "String",
            formats[r]?.[c] ?? "General",
            formulas[r]?.[c],
          );
          if (cell) (rows[at.row + r] ??= [])[at.col + c] = cell;
        });
      });
      const areas = merged?.[i];
      const merges =
        areas && !ensureLoaded(areas.isNullObject, "merged areas")
          ? mergesOf(ensureLoaded(areas.address, "merged areas"))
          : [];
      return { name, rows, merges };
    }),
  };
}

/** "Sheet1!A1:B1, Sheet1!A3:C3" → zero-based rectangles. */
export function mergesOf(address: string): Merge[] {
  const out: Merge[] = [];
  for (const part of address.split(",")) {
    const [from, to] = part
      .slice(part.lastIndexOf("!") + 1)
      .trim()
      .split(":");
    const tl = from ? parseA1(from) : null;
    const br = to ? parseA1(to) : tl;
    if (tl && br)
      out.push({ top: tl.row, left: tl.col, bottom: br.row, right: br.col });
  }
  return out;
}

/** A plan value as Excel's `formulas` takes it. Text gets the apostrophe prefix: it stays text. */
export function formulaInput(value: PlanValue): string | number {
  switch (value.kind) {
    case "number":
      return value.value;
    case "date":
      return isoToSerial(value.iso);
    case "formula":
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

function hex(color: string): string {
  return `#${color}`;
}

function applyFormat(range: Excel.Range, style: CellStyle): void {
  if (style.bold) range.format.font.bold = true;
  if (style.italic) range.format.font.italic = true;
  if (style.fontSize) range.format.font.size = style.fontSize;
  if (style.fontColor) range.format.font.color = hex(style.fontColor);
  if (style.fill) range.format.fill.color = hex(style.fill);
  if (style.wrap) range.format.wrapText = true;
}

/** Writes cells; `keepFormats` says which cells already have formatting of their own (a person's wins). */
function writeCells(
  ws: Excel.Worksheet,
  cells: readonly CellWrite[],
  ownFormat: (row: number, col: number) => boolean,
  budget: { chars: number },
): void {
  for (const run of runsOf(cells)) {
    const target = ws.getRangeByIndexes(run.row, run.col, run.cells.length, 1);
    const formulas = run.cells.map((c) => [formulaInput(c.value)]);
    target.formulas = formulas;
    budget.chars += JSON.stringify(formulas).length + 120;
    const formats = run.cells.map((c) => {
      const wanted =
        c.value.kind === "date"
          ? (c.style?.numberFormat ?? "yyyy-mm-dd")
          : c.style?.numberFormat;
      return wanted && !ownFormat(c.row, c.col) ? wanted : null;
    });
    if (formats.some((f) => f !== null)) {
      // null leaves a cell's format as it is.
      target.numberFormat = formats.map((f) => [f]) as unknown as string[][];
      budget.chars += JSON.stringify(formats).length;
    }
    for (const c of run.cells) {
      const look = c.style ?? {};
      const hasLook =
        look.bold ||
        look.italic ||
        look.fontSize ||
        look.fontColor ||
        look.fill ||
        look.wrap;
      if (hasLook && !ownFormat(c.row, c.col)) {
        applyFormat(ws.getRangeByIndexes(c.row, c.col, 1, 1), look);
        budget.chars += 200;
      }
    }
  }
}

function markRanges(ws: Excel.Worksheet, marks: SheetCreate["marks"]): void {
  for (const m of marks) {
    const marked = ws.getRange(m.range);
    // Our marks are replaced, not added again, so re-running leaves one of each.
    marked.conditionalFormats.clearAll();
    const cf = marked.conditionalFormats.add(
      Excel.ConditionalFormatType.custom,
    );
    cf.custom.rule.formula = `=${m.formula}`;
    cf.custom.format.fill.color = hex(m.fill);
    cf.custom.format.font.color = hex(m.fontColor);
  }
}

function createSheet(
  context: Excel.RequestContext,
  create: SheetCreate,
  exists: boolean,
  budget: { chars: number },
  validations: boolean,
): Excel.Worksheet {
  const sheets = context.workbook.worksheets;
  const ws = exists ? sheets.getItem(create.sheet) : sheets.add(create.sheet);
  // The add-in's own sheet is rewritten whole on each run.
  if (exists) ws.getRange().clear();
  writeCells(ws, create.cells, () => false, budget);
  create.columnWidths.forEach((w, i) => {
    ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = Math.round(w * 7);
  });
  if (create.freeze) ws.freezePanes.freezeRows(create.freeze.rows);
  if (validations) {
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
  markRanges(ws, create.marks);
  return ws;
}

/**
 * Applies a write plan in one batch (more only when it would exceed Excel on the web's request
 * limit). `grids` are the cells as read, to keep a person's formatting.
 */
export async function applyPlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  grids: WorkbookGrids,
  options: { validations?: boolean } = {},
): Promise<void> {
  const budget = { chars: 0 };
  const flushIfLarge = async () => {
    if (budget.chars < MAX_REQUEST_CHARS) return;
    await context.sync();
    budget.chars = 0;
  };
  context.application.suspendApiCalculationUntilNextSync();
  for (const edit of plan.edits) {
    const grid = grids.sheets.find((g) => g.name === edit.sheet);
    const ws = context.workbook.worksheets.getItem(edit.sheet);
    const ownFormat = (row: number, col: number) =>
      Boolean(grid?.rows[row]?.[col]?.fmt);
    writeCells(ws, edit.cells, ownFormat, budget);
    markRanges(ws, edit.marks);
    await flushIfLarge();
  }
  const names = new Set(grids.sheets.map((g) => g.name.toLowerCase()));
  for (const create of plan.creates) {
    createSheet(
      context,
      create,
      names.has(create.sheet.toLowerCase()),
      budget,
      options.validations ?? true,
    );
    await flushIfLarge();
  }
  await context.sync();
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
