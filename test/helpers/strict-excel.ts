// A strict Excel for the adapter's tests: the parts of the Excel JavaScript API the add-in uses,
// behaving as Microsoft documents them rather than as a lenient mock allows.
//  - A property read before load() and sync() throws PropertyNotLoaded.
//  - Requests are queued and run at sync() in order; a failing request throws with its Office error
//    code and the requests before it in the batch stay applied (a batch is not a transaction).
//  - Each sync's request and response size is counted; over 5 MB fails as Excel on the web does.
//  - getUsedRange(valuesOnly) honours valuesOnly; used ranges start where the cells start.
//  - Formats, fills, bold, validation, freeze panes, column widths, conditional formats, custom
//    properties and protection are kept; formulas are evaluated (the add-in's formula shapes).
//  - Excel.run's options are recorded, and undo as Microsoft documents it ("Undo support with the
//    Excel JavaScript API"): from ExcelApi 1.19 one step per writing sync, or one per run with
//    mergeUndoGroup (1.20); below 1.19 every write clears the undo stack. An API without undo
//    support (sheet protection everywhere, visibility on Windows and Mac) fails with
//    UndoNotSupported inside a merged run and clears the stack outside one.
//  - A protected sheet refuses writes to locked cells and formatting; a person can insert a row
//    where the protection allows it (the row takes the format of the row above) and cannot delete
//    a row that holds locked cells.

import { type Grid, a1, columnLetters, parseA1 } from "../../src/core";

export const LIMIT_BYTES = 5_000_000;

/** The UTF-8 length of a text, as a request or response carries it. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

export interface FakeCell {
  value?: number | string | boolean;
  formula?: string;
  error?: string;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  fill?: string;
  fontColor?: string;
  fontSize?: number;
  wrap?: boolean;
  /** Range.format.protection.locked (every cell is locked unless set false). */
  locked?: boolean;
}

export interface FakeCf {
  readonly id: number;
  range: string;
  type: "Custom" | "ColorScale" | "CellValue";
  formula?: string;
  fill?: string;
  fontColor?: string;
}

export interface FakeSheet {
  name: string;
  readonly cells: Map<string, FakeCell>;
  protected: boolean;
  readonly customProperties: Map<string, string>;
  readonly conditionalFormats: FakeCf[];
  readonly validations: {
    range: string;
    rule?: unknown;
    errorAlert?: unknown;
  }[];
  freezeRows: number;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  /** How it was protected by the add-in (protect's options and password). */
  protection?: { options: Record<string, boolean>; password: string | null };
  pageLayout?: { orientation?: string; zoom?: unknown; centerHeader?: string };
  readonly columnWidths: Map<number, number>;
  merges: string[];
  /** Rows hidden or filtered out (zero-based): Range.rowHidden and the visible cells say them. */
  readonly hiddenRows: Set<number>;
  /** Columns hidden (zero-based): Range.columnHidden and the visible cells say them. */
  readonly hiddenColumns: Set<number>;
}

/** An Excel table (ExcelApi 1.1): Table.name, showHeaders, showTotals, getRange, columns, worksheet. */
export interface FakeTable {
  readonly name: string;
  readonly sheet: string;
  /** Its whole range, header and total rows included ("A3:I8"). */
  readonly address: string;
  readonly showHeaders: boolean;
  readonly showTotals: boolean;
  readonly columns: readonly string[];
}

export interface SyncRecord {
  readonly requestBytes: number;
  /**
   * What the response would have carried. Over the limit Excel refuses it: nothing of it is
   * sent (`refused`), the batch fails with ResponsePayloadSizeLimitExceeded.
   */
  readonly responseBytes: number;
  readonly refused?: boolean;
  readonly writes: number;
  readonly calculationSuspended: boolean;
}

export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

const key = (r: number, c: number) => `${r},${c}`;

interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

function rectOf(address: string): Rect {
  const local = address.slice(address.lastIndexOf("!") + 1);
  const [from, to] = local.split(":");
  const tl = parseA1(from!.replace(/\$/g, ""))!;
  const br = to ? parseA1(to.replace(/\$/g, ""))! : tl;
  return {
    row: tl.row,
    col: tl.col,
    rows: br.row - tl.row + 1,
    cols: br.col - tl.col + 1,
  };
}

/** The error values a formula can give; a person's typed "#" or "#1" is text (valueType String). */
const EXCEL_ERRORS =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA)$/;

function quoted(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

function addressOf(sheet: string, r: Rect): string {
  const tl = a1(r.row, r.col);
  const br = a1(r.row + r.rows - 1, r.col + r.cols - 1);
  return `${quoted(sheet)}!${r.rows === 1 && r.cols === 1 ? tl : `${tl}:${br}`}`;
}

const intersects = (a: Rect, b: Rect) =>
  a.row < b.row + b.rows &&
  b.row < a.row + a.rows &&
  a.col < b.col + b.cols &&
  b.col < a.col + a.cols;

interface Op {
  readonly kind: "load" | "write" | "suspend";
  /** An API Excel cannot undo (its documented list). */
  readonly noUndo?: boolean;
  readonly sheet?: string | undefined;
  readonly what: string;
  readonly bytes: number;
  run(): number | void;
}

/** The workbook's state and the request queue: what a real Excel process holds. */
export class FakeExcel {
  sheets: FakeSheet[] = [];
  /** The workbook's tables: their formulas are the cells', as Excel shows them ("[@Budget]"). */
  tables: FakeTable[] = [];
  /** The host's highest ExcelApi requirement set: newer methods are missing, as on an old Office. */
  apiVersion = "1.20";
  structureProtected = false;
  date1904 = false;
  /** The range a person sees selected, with its sheet, once something was selected. */
  selection: string | undefined;
  /** Called for each request at sync: an Office error code makes that request (and the sync) fail. */
  failOn:
    | ((op: {
        kind: string;
        sheet?: string | undefined;
        what: string;
      }) => string | null)
    | null = null;
  /** Called before each sync's requests run: a test can change the workbook "while the user types". */
  beforeSync: ((n: number) => void) | null = null;
  readonly syncs: SyncRecord[] = [];
  readonly runs: Excel.RunOptions[] = [];
  undoSteps = 0;
  /** How often the undo stack was cleared by the add-in's writes. */
  undoCleared = 0;
  /** Office.context.platform: where Excel runs ("OfficeOnline" is Excel on the web). */
  platform: "OfficeOnline" | "PC" | "Mac" = "OfficeOnline";
  private queue: Op[] = [];
  private nextCf = 1;
  private runMerges = false;
  private runWrote = false;

  static from(
    grids: readonly Grid[],
    offsets: Record<string, { row: number; col: number }> = {},
  ): FakeExcel {
    const x = new FakeExcel();
    for (const g of grids) {
      const s = x.addSheet(g.name);
      const at = offsets[g.name] ?? { row: 0, col: 0 };
      g.rows.forEach((row, r) =>
        row?.forEach((cell, c) => {
          if (!cell) return;
          const fc: FakeCell = {};
          if (cell.fmt) fc.numberFormat = cell.fmt;
          if (cell.f) fc.formula = `=${cell.f}`;
          if (cell.t === "e") fc.error = cell.v;
          else if (cell.t !== "z") fc.value = cell.v;
          s.cells.set(key(at.row + r, at.col + c), fc);
        }),
      );
      s.merges = (g.merges ?? []).map(
        (m) => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`,
      );
      for (const r of g.hiddenRows ?? []) s.hiddenRows.add(at.row + r);
      for (const c of g.hiddenColumns ?? []) s.hiddenColumns.add(at.col + c);
    }
    return x;
  }

  supports(version: string): boolean {
    const [a, b] = version.split(".").map(Number) as [number, number];
    const [c, d] = this.apiVersion.split(".").map(Number) as [number, number];
    return c > a || (c === a && d >= b);
  }

  /** Throws as a missing method does on a host without the requirement set. */
  need(version: string, what: string): void {
    if (!this.supports(version))
      throw new TypeError(
        `${what} is not a function (ExcelApi ${version} on a ${this.apiVersion} host)`,
      );
  }

  addSheet(name: string): FakeSheet {
    const s: FakeSheet = {
      name,
      cells: new Map(),
      protected: false,
      customProperties: new Map(),
      conditionalFormats: [],
      validations: [],
      freezeRows: 0,
      visibility: "Visible",
      columnWidths: new Map(),
      merges: [],
      hiddenRows: new Set(),
      hiddenColumns: new Set(),
    };
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find(
      (x) => x.name.toLowerCase() === name.toLowerCase(),
    );
    if (!s) throw new OfficeError("ItemNotFound", `no sheet ${name}`);
    return s;
  }

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const at = parseA1(address)!;
    return this.sheet(sheet).cells.get(key(at.row, at.col));
  }

  /** What a person sees in a cell: the evaluated value of a formula, or the value. */
  valueAt(sheet: string, address: string): unknown {
    const at = parseA1(address)!;
    return this.value(this.sheet(sheet), at.row, at.col);
  }

  /**
   * The table references the tests write ("[@Budget]", "Tabell1[[#This Row],[Budget]]",
   * "Tabell1[[#Totals],[Budget]]", "[Budget]") as the cells Excel takes them to name: a column's
   * data rows, its total row's cell, or the formula's own row's cell.
   */
  private withTableCells(
    s: FakeSheet,
    r: number,
    c: number,
    formula: string,
  ): string {
    return formula.replace(
      /([A-Za-z_][\w.]*)?\[(?:\[#This Row\],\s*\[([^\]]+)\]|@\[?([^\]]+?)\]?|\[#Totals\],\s*\[([^\]]+)\]|([^[\]#@]+))\]/g,
      (
        all,
        name?: string,
        thisRow?: string,
        at?: string,
        totals?: string,
        column?: string,
      ) => {
        const t = this.tables.find((x) => {
          const box = rectOf(x.address);
          return name !== undefined
            ? x.name.toLowerCase() === name.toLowerCase()
            : x.sheet === s.name &&
                r >= box.row &&
                r < box.row + box.rows &&
                c >= box.col &&
                c < box.col + box.cols;
        });
        if (!t) return all;
        const box = rectOf(t.address);
        const col =
          box.col + t.columns.indexOf((thisRow ?? at ?? totals ?? column)!);
        const first = box.row + (t.showHeaders ? 1 : 0);
        const last = box.row + box.rows - 1 - (t.showTotals ? 1 : 0);
        const cells =
          thisRow !== undefined || at !== undefined
            ? a1(r, col)
            : totals !== undefined
              ? a1(box.row + box.rows - 1, col)
              : `${a1(first, col)}:${a1(last, col)}`;
        return t.sheet === s.name ? cells : `${quoted(t.sheet)}!${cells}`;
      },
    );
  }

  value(
    s: FakeSheet,
    r: number,
    c: number,
    depth = 0,
  ): number | string | boolean | null {
    const cell = s.cells.get(key(r, c));
    if (!cell) return null;
    if (cell.formula) {
      // Each formula evaluated once per question asked (formulas over ranges of formulas would
      // otherwise be evaluated again along every path); one met again while it is being
      // evaluated is a circular reference, which Excel shows as 0.
      if (depth === 0) this.evaluated = new Map();
      const at = `${s.name}\u0000${key(r, c)}`;
      const known = this.evaluated.get(at);
      if (known !== undefined) return known === IN_PROGRESS ? 0 : known;
      this.evaluated.set(at, IN_PROGRESS);
      const text = cell.formula.slice(1);
      const v = evaluate(
        this,
        s,
        text.includes("[") ? this.withTableCells(s, r, c, text) : text,
        depth + 1,
      );
      this.evaluated.set(at, v);
      return v;
    }
    if (cell.error) return cell.error;
    return cell.value ?? null;
  }

  /**
   * Formulas translated, by their text: a workbook's formulas are evaluated again at every read of
   * its values, and compiling one (new Function) costs far more than running it.
   */
  readonly compiled = new Map<string, Compiled>();

  private evaluated = new Map<
    string,
    number | string | boolean | null | typeof IN_PROGRESS
  >();

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  newCfId(): number {
    return this.nextCf++;
  }

  /** Excel.run: records the options; the undo stack gets one step per writing sync, or one per run. */
  async run<T>(
    a: Excel.RunOptions | ((c: Excel.RequestContext) => Promise<T>),
    b?: (c: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const options = typeof a === "function" ? {} : a;
    const fn = (typeof a === "function" ? a : b)!;
    this.runs.push(options);
    this.runMerges = options.mergeUndoGroup === true;
    this.runWrote = false;
    try {
      return await fn(this.context());
    } finally {
      if (this.runMerges && this.runWrote) this.undoSteps++;
      this.runMerges = false;
    }
  }

  context(): Excel.RequestContext & { sync(): Promise<void> } {
    this.install();
    return new FakeContext(this) as unknown as Excel.RequestContext & {
      sync(): Promise<void>;
    };
  }

  /** The response limit (Excel on the web's 5 MB); a test may lower it to force the retry. */
  responseLimit = LIMIT_BYTES;

  async sync(): Promise<void> {
    this.beforeSync?.(this.syncs.length);
    const ops = this.queue;
    this.queue = [];
    const requestBytes = ops.reduce((n, o) => n + o.bytes + 40, 0);
    let responseBytes = 0;
    let writes = 0;
    const suspended = ops.some((o) => o.kind === "suspend");
    const record = () =>
      this.syncs.push({
        requestBytes,
        responseBytes,
        writes,
        calculationSuspended: suspended,
      });
    if (requestBytes > LIMIT_BYTES) {
      record();
      throw new OfficeError(
        "RequestPayloadSizeLimitExceeded",
        `${requestBytes} bytes`,
      );
    }
    for (const op of ops) {
      const code = this.failOn?.(op);
      try {
        if (code) throw new OfficeError(code, op.what);
        if (op.noUndo && this.runMerges)
          throw new OfficeError(
            "UndoNotSupported",
            `${op.what} cannot be undone, so it cannot be grouped`,
          );
        const n = op.run();
        if (op.noUndo) this.clearUndo();
        if (op.kind === "load") responseBytes += n ?? 0;
        if (op.kind === "write") writes++;
      } catch (e) {
        record();
        if (writes > 0) this.wrote();
        throw e;
      }
    }
    const refused = responseBytes > this.responseLimit;
    this.syncs.push({
      requestBytes,
      responseBytes,
      writes,
      calculationSuspended: suspended,
      ...(refused ? { refused } : {}),
    });
    if (writes > 0) this.wrote();
    if (refused)
      throw new OfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `${responseBytes} bytes`,
      );
  }

  private wrote(): void {
    if (!this.supports("1.19")) this.clearUndo();
    else if (this.runMerges) this.runWrote = true;
    else this.undoSteps++;
  }

  private clearUndo(): void {
    this.undoSteps = 0;
    this.undoCleared++;
  }

  /** A person inserts a row above `row` (zero-based) as Excel does, on a protected sheet too. */
  personInsertRow(sheet: string, row: number): void {
    const s = this.sheet(sheet);
    if (s.protected && !s.protection?.options["allowInsertRows"])
      throw new OfficeError("AccessDenied", `${s.name} is protected`);
    const moved = new Map<string, FakeCell>();
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(",").map(Number) as [number, number];
      moved.set(key(r >= row ? r + 1 : r, col), c);
    }
    // The new row takes the format of the row above (Insert Options: Format Same As Above).
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(",").map(Number) as [number, number];
      if (r !== row - 1) continue;
      const format: FakeCell = { ...c };
      delete format.value;
      delete format.formula;
      delete format.error;
      moved.set(key(row, col), format);
    }
    s.cells.clear();
    for (const [k, c] of moved) s.cells.set(k, c);
    for (const other of this.sheets)
      for (const c of other.cells.values())
        if (c.formula)
          c.formula = shiftRows(c.formula, s.name, other === s, row);
    const shiftRange = (range: string) =>
      shiftRows(range, s.name, true, row).replace(/\$/g, "");
    for (const cf of s.conditionalFormats) cf.range = shiftRange(cf.range);
    for (const v of s.validations) v.range = shiftRange(v.range);
    s.merges = s.merges.map(shiftRange);
  }

  /** A person deletes a row: on a protected sheet Excel refuses a row that holds locked cells. */
  personDeleteRow(sheet: string, row: number): void {
    const s = this.sheet(sheet);
    // Every cell of a row is locked unless unlocked, empty or not: on a protected sheet no row of
    // the fake's is wholly unlocked, whatever allowDeleteRows says.
    if (s.protected)
      throw new OfficeError(
        "AccessDenied",
        `${s.name} is protected and row ${row + 1} holds locked cells`,
      );
    throw new Error("the fake deletes rows only to refuse them");
  }

  /** A person types into a cell: on a protected sheet only an unlocked one takes it. */
  personType(sheet: string, address: string, value: number | string): void {
    const s = this.sheet(sheet);
    const at = parseA1(address)!;
    const cell = s.cells.get(key(at.row, at.col)) ?? {};
    if (s.protected && cell.locked !== false)
      throw new OfficeError("AccessDenied", `${s.name}!${address} is locked`);
    delete cell.formula;
    delete cell.error;
    cell.value = value;
    s.cells.set(key(at.row, at.col), cell);
  }

  /** Installs this Excel as the global `Excel` (run and enums) for code under test. */
  install(): void {
    (globalThis as unknown as { Excel: unknown }).Excel = {
      run: (a: never, b?: never) => this.run(a, b),
      ConditionalFormatType: { custom: "Custom" },
      DataValidationAlertStyle: { stop: "Stop" },
    };
  }
}

// ---- formula evaluation: the shapes the add-in writes, and ordinary arithmetic ----

/**
 * A formula after a row is inserted above `row` (zero-based) in `sheet`: references at or below it
 * move down, in the sheet itself (`inSheet`, unprefixed) and from other sheets (prefixed).
 */
function shiftRows(
  formula: string,
  sheet: string,
  inSheet: boolean,
  row: number,
): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /((?:'(?:[^']|'')+'|[A-Za-z_\u00C0-\u024F][\w.\u00C0-\u024F]*)!)?(\$?[A-Z]{1,3}\$?)(\d+)(?![\d(])/g,
            (m, prefix: string | undefined, col: string, n: string) => {
              const target = prefix
                ? prefix.slice(0, -1).replace(/^'|'$/g, "").replace(/''/g, "'")
                : null;
              const moves =
                target === null
                  ? inSheet
                  : target.toLowerCase() === sheet.toLowerCase();
              return moves && Number(n) - 1 >= row
                ? `${prefix ?? ""}${col}${Number(n) + 1}`
                : m;
            },
          ),
    )
    .join("");
}

const IN_PROGRESS = Symbol("being evaluated");

/** A cell or range a formula reads: its sheet as written (none: the formula's own) and corners. */
interface RefSpec {
  readonly sheet: string | undefined;
  readonly from: string;
  readonly to: string | undefined;
}

/** A formula translated to JavaScript once: its function (null: it does not compile) and refs. */
interface Compiled {
  readonly fn: ((v: unknown[], f: typeof FUNCTIONS) => unknown) | null;
  readonly refs: readonly RefSpec[];
}

const num = (v: unknown) => (v === null || v === "" ? 0 : Number(v));
const FUNCTIONS = {
  ROUND: (v: unknown, d: unknown) => {
    const f = 10 ** num(d);
    const n = num(v) * f;
    return (Math.sign(n) * Math.round(Math.abs(n) + 1e-9)) / f;
  },
  SUM: (...args: unknown[]) =>
    args
      .flat()
      .reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0),
  // A table's total row's sum (9 and 109 alike: the tests hide no row of a table).
  SUBTOTAL: (kind: unknown, ...args: unknown[]) =>
    num(kind) % 100 === 9 ? FUNCTIONS.SUM(...args) : "#VALUE!",
  IF: (c: unknown, a: unknown, b: unknown) => (c ? a : b),
  AND: (...args: unknown[]) => args.every(Boolean),
  MIN: (...args: unknown[]) => Math.min(...args.flat().map(num)),
  MAX: (...args: unknown[]) => Math.max(...args.flat().map(num)),
  // Criteria equal to a text or number, case-insensitive, as Excel's SUMIF without wildcards.
  SUMIF: (range: unknown[], criterion: unknown, sums: unknown[]) =>
    range.reduce<number>(
      (t, v, i) =>
        String(v).toLowerCase() === String(criterion).toLowerCase() &&
        typeof sums[i] === "number"
          ? t + sums[i]
          : t,
      0,
    ),
  // As SUMIF, each criterion equal to a text or number, or ">0" of a number (the add-in's service %).
  SUMIFS: (sums: unknown[], ...pairs: unknown[]) => {
    const holds = (v: unknown, criterion: unknown) =>
      criterion === ">0"
        ? typeof v === "number" && v > 0
        : String(v).toLowerCase() === String(criterion).toLowerCase();
    return sums.reduce<number>((t, s, i) => {
      for (let k = 0; k < pairs.length; k += 2)
        if (!holds((pairs[k] as unknown[])[i], pairs[k + 1])) return t;
      return typeof s === "number" ? t + s : t;
    }, 0);
  },
  // The approximate match of a sorted first column.
  VLOOKUP: (
    v: unknown,
    table: unknown[] & { cols?: number },
    col: unknown,
    approximate: unknown,
  ) => {
    const cols = table.cols ?? 1;
    let found: unknown = "#N/A";
    for (let r = 0; r * cols < table.length; r++) {
      const key = table[r * cols];
      if (approximate ? num(key) <= num(v) : key === v)
        found = table[r * cols + num(col) - 1];
      else if (approximate) break;
    }
    return found;
  },
  ISNUMBER: (v: unknown) => typeof v === "number",
};

/** A formula translated to JavaScript, once for each workbook (FakeExcel.compiled). */
function compile(compiled: Map<string, Compiled>, formula: string): Compiled {
  const known = compiled.get(formula);
  if (known) return known;
  const refs: RefSpec[] = [];
  let js = "";
  const re =
    /("(?:[^"]|"")*")|((?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)!)?(\$?[A-Z]{1,3}\$?\d+)(?::(\$?[A-Z]{1,3}\$?\d+))?|(<>|>=|<=|=|[A-Z]+(?=\())|([^"'A-Z$]+|.)/g;
  // The logical constants outside strings (VLOOKUP's TRUE).
  const source = formula.replace(
    /("(?:[^"]|"")*")|\b(TRUE|FALSE)\b(?!\()/g,
    (_all, str: string | undefined, word: string | undefined) =>
      str ?? (word === "TRUE" ? "1" : "0"),
  );
  for (const m of source.matchAll(re)) {
    const [, str, sheetPart, from, to, op, rest] = m;
    if (str) js += JSON.stringify(str.slice(1, -1).replace(/""/g, '"'));
    else if (from) {
      js += `__v[${refs.push({ sheet: sheetPart?.slice(0, -1), from, to }) - 1}]`;
    } else if (op === "=") js += "===";
    else if (op === "<>") js += "!==";
    else if (op) js += op.length <= 2 && /[<>]/.test(op) ? op : `__f.${op}`;
    else js += rest ?? "";
  }
  const arith = js.replace(
    /__v\[(\d+)\](?=\s*[*/+-])|(?<=[*/+-]\s*)__v\[(\d+)\]/g,
    (s) => `(+${s}||0)`,
  );
  let fn: Compiled["fn"] = null;
  try {
    // The fake evaluates the formula it translated to JavaScript: tests only, on the tests' own formulas.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    fn = new Function("__v", "__f", `return (${arith});`) as Compiled["fn"];
  } catch {
    // A formula the translation cannot compile: #VALUE! when it is evaluated.
  }
  const made = { fn, refs };
  compiled.set(formula, made);
  return made;
}

function evaluate(
  x: FakeExcel,
  sheet: FakeSheet,
  formula: string,
  depth: number,
): number | string | boolean | null {
  if (depth > 50) return "#REF!";
  const { fn, refs } = compile(x.compiled, formula);
  // The cells read, in the formula's order; a reference to a sheet the workbook does not have is
  // #REF!, as Excel shows it.
  const values: unknown[] = [];
  for (const { sheet: name, from, to } of refs) {
    const s =
      name === undefined
        ? sheet
        : x.findSheet(name.replace(/^'|'$/g, "").replace(/''/g, "'"));
    if (!s) return "#REF!";
    if (to === undefined) {
      const at = parseA1(from.replace(/\$/g, ""))!;
      const v = x.value(s, at.row, at.col, depth);
      // Empty cells compare equal to "" as in Excel.
      values.push(v === null ? "" : v);
      continue;
    }
    const r = rectOf(`${from}:${to}`);
    const out: unknown[] = [];
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < r.cols; j++)
        out.push(x.value(s, r.row + i, r.col + j, depth));
    // Row by row; VLOOKUP needs the width.
    values.push(Object.assign(out, { cols: r.cols }));
  }
  if (!fn) return "#VALUE!";
  try {
    const result = fn(values, FUNCTIONS) as number | string | boolean;
    // Arithmetic on text is #VALUE! in Excel, a division by zero #DIV/0!.
    if (typeof result === "number" && !Number.isFinite(result))
      return Number.isNaN(result) ? "#VALUE!" : "#DIV/0!";
    return result;
  } catch {
    return "#VALUE!";
  }
}

// ---- the object model ----

type Path = string;

function pathsOf(spec: unknown): Path[] {
  if (spec === undefined) return ["$all"];
  if (typeof spec === "string")
    return spec
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap(pathsOf);
  throw new Error("the strict fake takes load() paths as strings");
}

abstract class Obj {
  private readonly ready = new Map<string, unknown>();
  private readonly navCache = new Map<
    string,
    { sync: number; nav: Obj | Obj[] }
  >();
  protected loadedAny = false;
  private readonly bornAt: number;
  constructor(protected readonly x: FakeExcel) {
    this.bornAt = x.syncs.length;
  }

  load(spec?: unknown): this {
    for (const path of pathsOf(spec)) {
      this.x.enqueue({
        kind: "load",
        what: `${this.constructor.name}.load(${path})`,
        bytes: path.length,
        run: () => this.resolve(path),
      });
    }
    return this;
  }

  /** Loads a path now (at sync); returns the response bytes it costs. */
  resolve(path: string): number {
    this.loadedAny = true;
    const [head, ...rest] = path.split("/");
    if (rest.length > 0) {
      // One navigation per sync: the paths of one load() reach the same items, as in Excel.
      const cached = this.navCache.get(head!);
      const nav =
        cached && cached.sync === this.x.syncs.length
          ? cached.nav
          : this.navigate(head!);
      this.navCache.set(head!, { sync: this.x.syncs.length, nav });
      const targets = Array.isArray(nav) ? nav : [nav];
      if (Array.isArray(nav)) this.ready.set(head!, nav);
      return targets.reduce((n, t) => n + t.resolve(rest.join("/")), 0);
    }
    if (head === "items") {
      const cached = this.navCache.get("items");
      const nav = (
        cached && cached.sync === this.x.syncs.length
          ? cached.nav
          : this.navigate("items")
      ) as Obj[];
      this.navCache.set("items", { sync: this.x.syncs.length, nav });
      this.ready.set("items", nav);
      return nav.length * 10;
    }
    const value = this.scalar(head!);
    this.ready.set(head!, value);
    // Bytes on the wire: UTF-8, so "å" costs two (Excel on the web's limit is on bytes).
    return utf8Bytes(JSON.stringify(value ?? null)) + head!.length + 4;
  }

  protected get<T>(prop: string): T {
    // isNullObject needs no load: it is known after the next sync (Microsoft's own samples rely on it).
    if (prop === "isNullObject" && !this.ready.has(prop)) {
      if (this.x.syncs.length > this.bornAt) return this.scalar(prop) as T;
    }
    if (!this.ready.has(prop))
      throw new OfficeError(
        "PropertyNotLoaded",
        `${this.constructor.name}.${prop} was read before load() and sync()`,
      );
    return this.ready.get(prop) as T;
  }

  protected abstract scalar(prop: string): unknown;
  protected navigate(prop: string): Obj | Obj[] {
    throw new Error(
      `${this.constructor.name} has no navigation property ${prop}`,
    );
  }

  protected write(
    sheet: string | undefined,
    what: string,
    bytes: number,
    run: () => void,
    noUndo = false,
  ): void {
    this.x.enqueue({ kind: "write", sheet, what, bytes, run, noUndo });
  }

  toJSON(): unknown {
    return Object.fromEntries(this.ready);
  }
}

class FakeContext {
  readonly workbook: FakeWorkbookObj;
  readonly application: { suspendApiCalculationUntilNextSync(): void };
  constructor(private readonly x: FakeExcel) {
    this.workbook = new FakeWorkbookObj(x);
    this.application = {
      suspendApiCalculationUntilNextSync: () =>
        x.enqueue({
          kind: "suspend",
          what: "suspendApiCalculationUntilNextSync",
          bytes: 10,
          run: () => undefined,
        }),
    };
  }
  sync(): Promise<void> {
    return this.x.sync();
  }
}

class FakeWorkbookObj extends Obj {
  readonly worksheets: Worksheets;
  readonly tables: TableCollection;
  readonly protection: WorkbookProtection;
  readonly functions: { date(y: number, m: number, d: number): FunctionResult };
  constructor(x: FakeExcel) {
    super(x);
    this.worksheets = new Worksheets(x);
    this.tables = new TableCollection(x);
    this.protection = new WorkbookProtection(x);
    this.functions = { date: (y, m, d) => new FunctionResult(x, y, m, d) };
  }
  protected scalar(prop: string): unknown {
    throw new Error(`Workbook.${prop} is not in the fake`);
  }
}

class FunctionResult extends Obj {
  constructor(
    x: FakeExcel,
    private readonly y: number,
    private readonly m: number,
    private readonly d: number,
  ) {
    super(x);
  }
  get value(): number {
    return this.get("value");
  }
  protected scalar(prop: string): unknown {
    if (prop !== "value") throw new Error(prop);
    const serial =
      (Date.UTC(this.y, this.m - 1, this.d) - Date.UTC(1899, 11, 30)) /
      86_400_000;
    return this.x.date1904 ? serial - 1462 : serial;
  }
}

class TableCollection extends Obj {
  get items(): Table[] {
    return this.get("items");
  }
  protected scalar(prop: string): unknown {
    throw new Error(`TableCollection.${prop} is not in the fake`);
  }
  protected override navigate(prop: string): Obj[] {
    if (prop !== "items") throw new Error(prop);
    return this.x.tables.map((t) => new Table(this.x, t));
  }
}

class Table extends Obj {
  readonly columns: TableColumns;
  readonly worksheet: Worksheet;
  constructor(
    x: FakeExcel,
    private readonly t: FakeTable,
  ) {
    super(x);
    this.columns = new TableColumns(x, t);
    this.worksheet = new Worksheet(x, t.sheet, false);
  }
  get name(): string {
    return this.get("name");
  }
  get showHeaders(): boolean {
    return this.get("showHeaders");
  }
  get showTotals(): boolean {
    return this.get("showTotals");
  }
  getRange(): Range {
    return this.worksheet.getRange(this.t.address);
  }
  protected scalar(prop: string): unknown {
    if (prop === "name") return this.t.name;
    if (prop === "showHeaders") return this.t.showHeaders;
    if (prop === "showTotals") return this.t.showTotals;
    throw new Error(`Table.${prop} is not in the fake`);
  }
}

class TableColumns extends Obj {
  constructor(
    x: FakeExcel,
    private readonly t: FakeTable,
  ) {
    super(x);
  }
  get items(): TableColumn[] {
    return this.get("items");
  }
  protected scalar(prop: string): unknown {
    throw new Error(`TableColumnCollection.${prop} is not in the fake`);
  }
  protected override navigate(prop: string): Obj[] {
    if (prop !== "items") throw new Error(prop);
    return this.t.columns.map((name) => new TableColumn(this.x, name));
  }
}

class TableColumn extends Obj {
  constructor(
    x: FakeExcel,
    private readonly columnName: string,
  ) {
    super(x);
  }
  get name(): string {
    return this.get("name");
  }
  protected scalar(prop: string): unknown {
    if (prop === "name") return this.columnName;
    throw new Error(`TableColumn.${prop} is not in the fake`);
  }
}

class WorkbookProtection extends Obj {
  get protected(): boolean {
    return this.get("protected");
  }
  protected scalar(): unknown {
    return this.x.structureProtected;
  }
}

class Worksheets extends Obj {
  get items(): Worksheet[] {
    return this.get("items");
  }
  protected scalar(prop: string): unknown {
    throw new Error(`WorksheetCollection.${prop}`);
  }
  protected override navigate(prop: string): Obj[] {
    if (prop !== "items") throw new Error(prop);
    return this.x.sheets.map((s) => new Worksheet(this.x, s.name, false));
  }
  getItem(name: string): Worksheet {
    return new Worksheet(this.x, name, false);
  }
  getItemOrNullObject(name: string): Worksheet {
    return new Worksheet(this.x, name, true);
  }
  /** WorksheetCollection.getFirst (ExcelApi 1.5). */
  getFirst(): Worksheet {
    this.x.need("1.5", "getFirst");
    return new Worksheet(this.x, () => this.x.sheets[0]?.name ?? null, false);
  }
  add(name: string): Worksheet {
    this.write(name, `worksheets.add(${name})`, name.length, () => {
      if (this.x.structureProtected)
        throw new OfficeError(
          "AccessDenied",
          "the workbook's structure is protected",
        );
      if (this.x.findSheet(name))
        throw new OfficeError("ItemAlreadyExists", name);
      this.x.addSheet(name);
    });
    return new Worksheet(this.x, name, false);
  }
}

class Worksheet extends Obj {
  readonly protection: WorksheetProtection;
  readonly customProperties: CustomProperties;
  readonly freezePanes: { freezeRows(n: number): void };
  /** Worksheet.pageLayout (ExcelApi 1.9): what the add-in sets, kept as writes. */
  readonly pageLayout: {
    orientation?: string;
    zoom?: unknown;
    headersFooters: { defaultForAllPages: { centerHeader?: string } };
  };
  constructor(
    x: FakeExcel,
    /** Its name, or (getFirst, getNextOrNullObject) where it is found when the batch runs. */
    private readonly locate: string | (() => string | null),
    readonly orNull: boolean,
  ) {
    super(x);
    const layout = (key: "orientation" | "zoom" | "centerHeader") => ({
      set: (v: never) => {
        this.x.need("1.9", `pageLayout.${key}`);
        this.write(this.sheetName, `pageLayout.${key}`, 30, () => {
          const s = this.state();
          s.pageLayout = { ...s.pageLayout, [key]: v };
        });
      },
    });
    const defaultForAllPages = Object.defineProperty(
      {},
      "centerHeader",
      layout("centerHeader"),
    );
    this.pageLayout = Object.defineProperties(
      { headersFooters: { defaultForAllPages } },
      { orientation: layout("orientation"), zoom: layout("zoom") },
    );
    this.protection = new WorksheetProtection(x, this);
    this.customProperties = new CustomProperties(x, this);
    this.freezePanes = {
      freezeRows: (n: number) =>
        this.write(this.sheetName, `freezeRows(${n})`, 10, () => {
          this.state().freezeRows = n;
        }),
    };
  }
  get sheetName(): string {
    const name = typeof this.locate === "string" ? this.locate : this.locate();
    return name ?? "\u0000no such sheet";
  }
  state(): FakeSheet {
    return this.x.sheet(this.sheetName);
  }
  /** Worksheet.getNextOrNullObject (ExcelApi 1.5): the sheet after this one, when the batch runs. */
  getNextOrNullObject(): Worksheet {
    this.x.need("1.5", "getNextOrNullObject");
    return new Worksheet(
      this.x,
      () => {
        const name = this.sheetName;
        const i = this.x.sheets.findIndex((s) => s.name === name);
        return i < 0 ? null : (this.x.sheets[i + 1]?.name ?? null);
      },
      true,
    );
  }
  exists(): boolean {
    return this.x.findSheet(this.sheetName) !== undefined;
  }
  get name(): string {
    return this.get("name");
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get visibility(): string {
    return this.get("visibility");
  }
  /** Worksheet.visibility (ExcelApi 1.1): one of Excel.SheetVisibility's strings, queued as a write. */
  set visibility(v: string) {
    if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden")
      throw new OfficeError("InvalidArgument", `visibility ${v}`);
    // Undoable on the web only (Microsoft's list of APIs without undo support).
    this.write(
      this.sheetName,
      `visibility=${v}`,
      20,
      () => {
        if (this.x.structureProtected)
          throw new OfficeError(
            "AccessDenied",
            "the workbook's structure is protected",
          );
        this.state().visibility = v;
      },
      this.x.platform !== "OfficeOnline",
    );
  }
  protected scalar(prop: string): unknown {
    if (prop === "isNullObject") return !this.exists();
    if (!this.exists()) {
      if (this.orNull) return null;
      throw new OfficeError("ItemNotFound", this.sheetName);
    }
    if (prop === "name") return this.state().name;
    if (prop === "visibility") return this.state().visibility;
    throw new Error(`Worksheet.${prop} is not in the fake`);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return new Range(
      this.x,
      this,
      () => usedRect(this.x, this.sheetName, valuesOnly === true),
      true,
    );
  }
  /** A method of a null object gives a null object. */
  private range(rect: () => Rect): Range {
    return new Range(this.x, this, rect, this.orNull);
  }
  getRangeByIndexes(
    row: number,
    col: number,
    rows: number,
    cols: number,
  ): Range {
    return this.range(() => ({ row, col, rows, cols }));
  }
  getRange(address?: string): Range {
    if (address === undefined)
      return this.range(() => ({
        row: 0,
        col: 0,
        rows: MAX_ROWS,
        cols: MAX_COLS,
      }));
    return this.range(() => rectOf(address));
  }
  activate(): void {
    this.write(this.sheetName, "activate", 10, () => undefined);
  }
  override write(
    sheet: string | undefined,
    what: string,
    bytes: number,
    run: () => void,
    noUndo = false,
  ): void {
    super.write(
      sheet,
      what,
      bytes,
      () => {
        if (!this.exists())
          throw new OfficeError("ItemNotFound", this.sheetName);
        // A protected sheet takes values in unlocked cells (Range.formulas checks) and nothing
        // else of the add-in's but what protection itself allows.
        const op = what.split(/[(=]/)[0]!;
        if (this.state().protected && !UNGUARDED.has(op))
          throw new OfficeError(
            "AccessDenied",
            `${this.state().name} is protected (${what})`,
          );
        run();
      },
      noUndo,
    );
  }
}

/** What a protected sheet lets through: protection itself, selection, visibility, values. */
const UNGUARDED = new Set([
  "protect",
  "unprotect",
  "activate",
  "Range.select",
  "visibility",
  "customProperties.add",
  "Range.formulas",
]);

function usedRect(
  x: FakeExcel,
  sheet: string,
  valuesOnly: boolean,
): Rect | null {
  const s = x.findSheet(sheet);
  if (!s) return null;
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [k, c] of s.cells) {
    const used =
      c.value !== undefined ||
      c.formula !== undefined ||
      c.error !== undefined ||
      (!valuesOnly &&
        Boolean(
          c.numberFormat ||
          c.bold ||
          c.italic ||
          c.fill ||
          c.fontColor ||
          c.fontSize ||
          c.wrap,
        ));
    if (!used) continue;
    // The key is "row,col" (key()); read without making an array per cell.
    const comma = k.indexOf(",");
    const r = Number(k.slice(0, comma));
    const col = Number(k.slice(comma + 1));
    if (r < top) top = r;
    if (col < left) left = col;
    if (r > bottom) bottom = r;
    if (col > right) right = col;
  }
  if (bottom < 0) return null;
  return {
    row: top,
    col: left,
    rows: bottom - top + 1,
    cols: right - left + 1,
  };
}

class WorksheetProtection extends Obj {
  constructor(
    x: FakeExcel,
    private readonly ws: Worksheet,
  ) {
    super(x);
  }
  get protected(): boolean {
    return this.get("protected");
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this.get("options");
  }
  get isPasswordProtected(): boolean {
    return this.get("isPasswordProtected");
  }
  protected scalar(prop: string): unknown {
    if (!this.ws.exists() && !this.ws.orNull)
      throw new OfficeError("ItemNotFound", this.ws.sheetName);
    const s = this.ws.exists() ? this.ws.state() : null;
    if (prop === "protected") return s ? s.protected : null;
    if (prop === "options") return s ? (s.protection?.options ?? {}) : null;
    // ExcelApiOnline 1.1: Excel on the web only.
    if (prop === "isPasswordProtected") {
      if (this.x.platform !== "OfficeOnline")
        throw new TypeError("isPasswordProtected is not in this Excel");
      return s ? s.protected && Boolean(s.protection?.password) : null;
    }
    throw new Error(`WorksheetProtection.${prop} is not in the fake`);
  }
  /** WorksheetProtection.protect (ExcelApi 1.2); protecting a protected sheet fails, as in Excel. */
  protect(options?: Record<string, boolean>, password?: string): void {
    this.ws.write(
      this.ws.sheetName,
      "protect",
      50,
      () => {
        const s = this.ws.state();
        if (s.protected)
          throw new OfficeError(
            "InvalidOperation",
            `${s.name} is already protected`,
          );
        s.protected = true;
        s.protection = { options: options ?? {}, password: password ?? null };
      },
      true,
    );
  }
  /**
   * WorksheetProtection.unprotect (ExcelApi 1.7): no effect on an unprotected sheet; a sheet with
   * a password stays protected without it, and the request fails.
   */
  unprotect(password?: string): void {
    this.ws.write(
      this.ws.sheetName,
      "unprotect",
      30,
      () => {
        const s = this.ws.state();
        if (!s.protected) return;
        const wanted = s.protection?.password ?? null;
        if (wanted !== null && password !== wanted)
          throw new OfficeError(
            "InvalidArgument",
            `${s.name} is protected with a password`,
          );
        s.protected = false;
        delete s.protection;
      },
      true,
    );
  }
}

class CustomProperties extends Obj {
  constructor(
    x: FakeExcel,
    private readonly ws: Worksheet,
  ) {
    super(x);
  }
  protected scalar(prop: string): unknown {
    throw new Error(prop);
  }
  getItemOrNullObject(k: string): CustomProperty {
    this.x.need("1.12", "customProperties.getItemOrNullObject");
    return new CustomProperty(this.x, this.ws, k);
  }
  add(k: string, value: string): CustomProperty {
    this.x.need("1.12", "customProperties.add");
    this.ws.write(
      this.ws.sheetName,
      `customProperties.add(${k})`,
      k.length + value.length,
      () => {
        this.ws.state().customProperties.set(k, value);
      },
    );
    return new CustomProperty(this.x, this.ws, k);
  }
}

class CustomProperty extends Obj {
  constructor(
    x: FakeExcel,
    private readonly ws: Worksheet,
    private readonly k: string,
  ) {
    super(x);
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get value(): string {
    return this.get("value");
  }
  protected scalar(prop: string): unknown {
    const v = this.ws.exists()
      ? this.ws.state().customProperties.get(this.k)
      : undefined;
    if (prop === "isNullObject") return v === undefined;
    if (prop === "value") return v ?? null;
    throw new Error(prop);
  }
}

const VALUE_PROPS = new Set([
  "values",
  "valueTypes",
  "numberFormat",
  "formulas",
]);

class Range extends Obj {
  readonly format: RangeFormat;
  readonly conditionalFormats: ConditionalFormats;
  readonly dataValidation: DataValidation;
  constructor(
    x: FakeExcel,
    readonly ws: Worksheet,
    readonly rect: () => Rect | null,
    private readonly orNull: boolean,
  ) {
    super(x);
    this.format = new RangeFormat(x, this);
    this.conditionalFormats = new ConditionalFormats(x, this);
    this.dataValidation = new DataValidation(x, this);
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get address(): string {
    return this.get("address");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get rowHidden(): boolean | null {
    return this.get("rowHidden");
  }
  get columnHidden(): boolean | null {
    return this.get("columnHidden");
  }
  get values(): unknown[][] {
    return this.get("values");
  }
  get valueTypes(): string[][] {
    return this.get("valueTypes");
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(v: (string | null)[][]) {
    this.setCells("numberFormat", v, (cell, f) => {
      cell.numberFormat = f as string;
    });
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  set formulas(v: unknown[][]) {
    this.setCells("formulas", v, (cell, input) => {
      delete cell.formula;
      delete cell.value;
      delete cell.error;
      if (input === "") return;
      if (typeof input === "number" || typeof input === "boolean")
        cell.value = input;
      else if (typeof input === "string" && input.startsWith("="))
        cell.formula = input;
      else if (typeof input === "string" && input.startsWith("'"))
        cell.value = input.slice(1);
      // Other text is text: the fake, unlike a locale's Excel, parses no dates or numbers from it.
      else cell.value = String(input);
    });
  }

  /** The range's rectangle now (null for a null object). */
  resolved(): Rect | null {
    if (!this.ws.exists()) return null;
    return this.rect();
  }

  private setCells(
    what: string,
    v: unknown[][],
    apply: (cell: FakeCell, value: unknown) => void,
  ): void {
    this.ws.write(
      this.ws.sheetName,
      `Range.${what}`,
      utf8Bytes(JSON.stringify(v)),
      () => {
        const r = this.resolved()!;
        if (v.length !== r.rows || v.some((row) => row.length !== r.cols))
          throw new OfficeError(
            "InvalidArgument",
            `${what}: ${v.length}×${v[0]?.length} for ${r.rows}×${r.cols}`,
          );
        const s = this.ws.state();
        // On a protected sheet only unlocked cells take a value (every cell is locked by default).
        if (s.protected)
          v.forEach((row, i) =>
            row.forEach((value, j) => {
              const k = key(r.row + i, r.col + j);
              if (value !== null && s.cells.get(k)?.locked !== false)
                throw new OfficeError(
                  "AccessDenied",
                  `${s.name}!${a1(r.row + i, r.col + j)} is locked`,
                );
            }),
          );
        v.forEach((row, i) =>
          row.forEach((value, j) => {
            if (value === null) return;
            const k = key(r.row + i, r.col + j);
            const cell = s.cells.get(k) ?? {};
            apply(cell, value);
            s.cells.set(k, cell);
          }),
        );
      },
    );
  }

  forEachCell(apply: (cell: FakeCell) => void): void {
    // A protected sheet refuses it (Worksheet.write's guard).
    this.ws.write(this.ws.sheetName, "Range.format", 30, () => {
      const r = this.resolved()!;
      const s = this.ws.state();
      for (let i = 0; i < r.rows; i++)
        for (let j = 0; j < r.cols; j++) {
          const k = key(r.row + i, r.col + j);
          const cell = s.cells.get(k) ?? {};
          apply(cell);
          s.cells.set(k, cell);
        }
    });
  }

  protected scalar(prop: string): unknown {
    const r = this.resolved();
    if (prop === "isNullObject") return r === null;
    if (r === null) {
      if (this.orNull) return null;
      throw new OfficeError("ItemNotFound", this.ws.sheetName);
    }
    if (prop === "address") return addressOf(this.ws.state().name, r);
    if (prop === "rowCount") return r.rows;
    if (prop === "columnCount") return r.cols;
    if (prop === "rowHidden" || prop === "columnHidden") {
      // ExcelApi 1.2: true when every row (column) is hidden, false when none is, null when some are.
      const [from, count, set] =
        prop === "rowHidden"
          ? [r.row, r.rows, this.ws.state().hiddenRows]
          : [r.col, r.cols, this.ws.state().hiddenColumns];
      let hidden = 0;
      for (let i = 0; i < count; i++) if (set.has(from + i)) hidden++;
      return hidden === 0 ? false : hidden === count ? true : null;
    }
    if (!VALUE_PROPS.has(prop))
      throw new Error(`Range.${prop} is not in the fake`);
    if (r.rows * r.cols > 5_000_000)
      throw new OfficeError(
        "ResponsePayloadSizeLimitExceeded",
        "range too large",
      );
    const s = this.ws.state();
    const out: unknown[][] = [];
    for (let i = 0; i < r.rows; i++) {
      const row: unknown[] = [];
      for (let j = 0; j < r.cols; j++) {
        const cell = s.cells.get(key(r.row + i, r.col + j));
        // A format, or a formula's text, is given without evaluating the formula.
        if (prop === "numberFormat") {
          row.push(cell?.numberFormat ?? "General");
          continue;
        }
        if (prop === "formulas" && cell?.formula !== undefined) {
          row.push(cell.formula);
          continue;
        }
        const v = this.x.value(s, r.row + i, r.col + j);
        if (prop === "values" || prop === "formulas") row.push(v ?? "");
        else
          row.push(
            // A formula's cell is never empty: ="" is a String, as Excel types it.
            (v === null || v === "") && !cell?.formula
              ? "Empty"
              : cell?.error ||
                  (cell?.formula !== undefined &&
                    typeof v === "string" &&
                    EXCEL_ERRORS.test(v))
                ? "Error"
                : typeof v === "number"
                  ? "Double"
                  : typeof v === "boolean"
                    ? "Boolean"
                    : "String",
          );
      }
      out.push(row);
    }
    return out;
  }

  clear(): void {
    this.ws.write(this.ws.sheetName, "Range.clear", 20, () => {
      const r = this.resolved()!;
      const s = this.ws.state();
      for (const k of [...s.cells.keys()]) {
        const [row, col] = k.split(",").map(Number) as [number, number];
        if (intersects(r, { row, col, rows: 1, cols: 1 })) s.cells.delete(k);
      }
      for (let i = s.conditionalFormats.length - 1; i >= 0; i--)
        if (intersects(r, rectOf(s.conditionalFormats[i]!.range)))
          s.conditionalFormats.splice(i, 1);
      for (let i = s.validations.length - 1; i >= 0; i--)
        if (intersects(r, rectOf(s.validations[i]!.range)))
          s.validations.splice(i, 1);
    });
  }

  select(): void {
    this.ws.write(this.ws.sheetName, "Range.select", 10, () => {
      this.x.selection = addressOf(this.ws.state().name, this.resolved()!);
    });
  }

  getMergedAreasOrNullObject(): MergedAreas {
    this.x.need("1.13", "getMergedAreasOrNullObject");
    return new MergedAreas(this.x, this);
  }

  getSpecialCellsOrNullObject(cellType: string): VisibleCells {
    this.x.need("1.9", "getSpecialCellsOrNullObject");
    if (cellType !== "Visible")
      throw new Error(
        `getSpecialCellsOrNullObject(${cellType}) is not in the fake`,
      );
    return new VisibleCells(this.x, this);
  }
}

/** A range's areas (RangeAreas): their address, each with its sheet, or a null object for none. */
abstract class Areas extends Obj {
  constructor(
    x: FakeExcel,
    protected readonly range: Range,
  ) {
    super(x);
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get address(): string {
    return this.get("address");
  }
  /** Each area's address, with its sheet. */
  protected abstract areas(): string[];
  protected scalar(prop: string): unknown {
    // The areas of a range on a sheet that is gone: a null object, as Excel gives one.
    const areas = this.range.resolved() === null ? [] : this.areas();
    if (prop === "isNullObject") return areas.length === 0;
    if (prop === "address") return areas.join(", ");
    throw new Error(prop);
  }
}

/** Runs of indexes from `from` that `hidden` does not hold: [start, length]. */
function shownRuns(
  from: number,
  count: number,
  hidden: ReadonlySet<number>,
): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < count;) {
    if (hidden.has(from + i)) {
      i++;
      continue;
    }
    let n = 1;
    while (i + n < count && !hidden.has(from + i + n)) n++;
    runs.push([from + i, n]);
    i += n;
  }
  return runs;
}

/**
 * A range's visible cells (SpecialCellType.visible): an area for each run of rows not hidden
 * across each run of columns not hidden.
 */
class VisibleCells extends Areas {
  protected areas(): string[] {
    const s = this.range.ws.state();
    const r = this.range.resolved()!;
    const areas: string[] = [];
    const cols = shownRuns(r.col, r.cols, s.hiddenColumns);
    for (const [row, rows] of shownRuns(r.row, r.rows, s.hiddenRows))
      for (const [col, n] of cols)
        areas.push(addressOf(s.name, { row, rows, col, cols: n }));
    return areas;
  }
}

class MergedAreas extends Areas {
  protected areas(): string[] {
    const s = this.range.ws.state();
    const r = this.range.resolved()!;
    const areas = s.merges.filter((m) => intersects(r, rectOf(m)));
    // ExcelApi 1.13: "if the merged areas count in this range is more than 512, this method fails".
    if (areas.length > 512)
      throw new OfficeError("GeneralException", "more than 512 merged areas");
    return areas.map((m) => `${quoted(s.name)}!${m}`);
  }
}

class RangeFormat {
  readonly font: Record<string, unknown>;
  readonly fill: Record<string, unknown>;
  readonly protection: Record<string, unknown>;
  constructor(x: FakeExcel, range: Range) {
    const setter = (apply: (c: FakeCell, v: never) => void) => (v: never) =>
      range.forEachCell((c) => apply(c, v));
    this.font = {};
    Object.defineProperties(this.font, {
      bold: { set: setter((c, v) => (c.bold = v)) },
      italic: { set: setter((c, v) => (c.italic = v)) },
      size: { set: setter((c, v) => (c.fontSize = v)) },
      color: { set: setter((c, v) => (c.fontColor = v)) },
    });
    this.fill = {};
    Object.defineProperty(this.fill, "color", {
      set: setter((c, v) => (c.fill = v)),
    });
    this.protection = {};
    Object.defineProperty(this.protection, "locked", {
      set: setter((c, v) => (c.locked = v)),
    });
    Object.defineProperties(this, {
      wrapText: { set: setter((c, v) => (c.wrap = v)) },
      columnWidth: {
        set: (w: number) =>
          range.ws.write(range.ws.sheetName, "columnWidth", 10, () => {
            const r = range.resolved()!;
            for (let j = 0; j < r.cols; j++)
              range.ws.state().columnWidths.set(r.col + j, w);
          }),
      },
    });
    void x;
  }
}

class DataValidation {
  constructor(x: FakeExcel, range: Range) {
    const entry = () => {
      const s = range.ws.state();
      const address = addressOf(s.name, range.resolved()!).split("!")[1]!;
      let v = s.validations.find((e) => e.range === address);
      if (!v) s.validations.push((v = { range: address }));
      return v;
    };
    Object.defineProperties(this, {
      rule: {
        set: (rule: unknown) =>
          range.ws.write(
            range.ws.sheetName,
            "dataValidation.rule",
            utf8Bytes(JSON.stringify(rule)),
            () => void (entry().rule = rule),
          ),
      },
      errorAlert: {
        set: (a: unknown) =>
          range.ws.write(
            range.ws.sheetName,
            "dataValidation.errorAlert",
            utf8Bytes(JSON.stringify(a)),
            () => void (entry().errorAlert = a),
          ),
      },
    });
    void x;
  }
}

class ConditionalFormats extends Obj {
  constructor(
    x: FakeExcel,
    private readonly range: Range,
  ) {
    super(x);
  }
  get items(): ConditionalFormat[] {
    return this.get("items");
  }
  protected scalar(prop: string): unknown {
    throw new Error(`ConditionalFormatCollection.${prop}`);
  }
  protected override navigate(prop: string): Obj[] {
    if (prop !== "items") throw new Error(prop);
    const r = this.range.resolved();
    if (!r) return [];
    return this.range.ws
      .state()
      .conditionalFormats.filter((cf) => intersects(r, rectOf(cf.range)))
      .map((cf) => new ConditionalFormat(this.x, this.range.ws, cf.id));
  }
  add(type: string): ConditionalFormat {
    const id = this.x.newCfId();
    this.range.ws.write(
      this.range.ws.sheetName,
      "conditionalFormats.add",
      30,
      () => {
        const address = addressOf(
          this.range.ws.state().name,
          this.range.resolved()!,
        ).split("!")[1]!;
        this.range.ws.state().conditionalFormats.push({
          id,
          range: address,
          type: type as FakeCf["type"],
        });
      },
    );
    return new ConditionalFormat(this.x, this.range.ws, id);
  }
  clearAll(): void {
    this.range.ws.write(
      this.range.ws.sheetName,
      "conditionalFormats.clearAll",
      20,
      () => {
        const r = this.range.resolved()!;
        const list = this.range.ws.state().conditionalFormats;
        for (let i = list.length - 1; i >= 0; i--)
          if (intersects(r, rectOf(list[i]!.range))) list.splice(i, 1);
      },
    );
  }
}

class ConditionalFormat extends Obj {
  readonly customOrNullObject: CustomCf;
  readonly custom: CustomCf;
  constructor(
    x: FakeExcel,
    private readonly ws: Worksheet,
    private readonly id: number,
  ) {
    super(x);
    this.customOrNullObject = new CustomCf(x, ws, () => this.state(), true);
    this.custom = new CustomCf(x, ws, () => this.state(), false);
  }
  state(): FakeCf | undefined {
    return this.ws.state().conditionalFormats.find((c) => c.id === this.id);
  }
  get type(): string {
    return this.get("type");
  }
  protected scalar(prop: string): unknown {
    if (prop === "type") return this.state()?.type;
    throw new Error(prop);
  }
  protected override navigate(prop: string): Obj {
    if (prop === "customOrNullObject") return this.customOrNullObject;
    if (prop === "custom") return this.custom;
    throw new Error(prop);
  }
  delete(): void {
    this.ws.write(this.ws.sheetName, "ConditionalFormat.delete", 10, () => {
      const list = this.ws.state().conditionalFormats;
      list.splice(
        list.findIndex((c) => c.id === this.id),
        1,
      );
    });
  }
}

class CustomCf extends Obj {
  readonly rule: CfRule;
  readonly format: {
    fill: Record<string, unknown>;
    font: Record<string, unknown>;
  };
  constructor(
    x: FakeExcel,
    ws: Worksheet,
    cf: () => FakeCf | undefined,
    private readonly orNull: boolean,
  ) {
    super(x);
    this.rule = new CfRule(x, ws, cf, () => this.isNull(cf));
    const set = (field: "fill" | "fontColor") => ({
      set: (v: string) =>
        ws.write(ws.sheetName, `cf.${field}`, 10, () => {
          cf()![field] = v;
        }),
    });
    this.format = {
      fill: Object.defineProperty({}, "color", set("fill")),
      font: Object.defineProperty({}, "color", set("fontColor")),
    };
    this.cf = cf;
  }
  private readonly cf: () => FakeCf | undefined;
  private isNull(cf: () => FakeCf | undefined): boolean {
    const state = cf();
    if (state && state.type === "Custom") return false;
    if (this.orNull) return true;
    throw new OfficeError(
      "InvalidOperation",
      "the conditional format is not a custom one",
    );
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  protected scalar(prop: string): unknown {
    if (prop === "isNullObject") return this.isNull(this.cf);
    throw new Error(prop);
  }
  protected override navigate(prop: string): Obj {
    if (prop === "rule") return this.rule;
    throw new Error(prop);
  }
}

class CfRule extends Obj {
  constructor(
    x: FakeExcel,
    private readonly ws: Worksheet,
    private readonly cf: () => FakeCf | undefined,
    private readonly isNull: () => boolean,
  ) {
    super(x);
  }
  get formula(): string {
    return this.get("formula");
  }
  set formula(f: string) {
    this.ws.write(this.ws.sheetName, "cf.rule.formula", f.length, () => {
      this.cf()!.formula = f;
    });
  }
  protected scalar(prop: string): unknown {
    if (prop !== "formula") throw new Error(prop);
    return this.isNull() ? null : this.cf()?.formula;
  }
}

/** A1 addresses of every cell in a sheet that has a value or formula, for "nothing changed" checks. */
export function snapshot(x: FakeExcel): string {
  return JSON.stringify(
    x.sheets.map((s) => [
      s.name,
      [...s.cells].sort(([a], [b]) => a.localeCompare(b)),
      s.conditionalFormats,
      s.customProperties.size,
    ]),
  );
}

export { columnLetters };
