// The formulas that follow a what-if's changed cells, worked out again as the spreadsheet does when
// a value is typed (SPEC §4.17): a line's budget changed moves the OH formula, the Summa row and the
// variance; a person's grade moves their cost cells and the line's SUMIF. Only what depends on a
// changed cell is worked out, as Excel recalculates; a formula of another kind (a function this
// does not know, a whole column) keeps the value the file holds.

import {
  type Cell,
  type Grid,
  type WorkbookGrids,
  formulaTextOf,
} from "../reading/grid";
import {
  daysInMonth,
  isIsoDate,
  isoFromParts,
  isoToSerial,
  parseIso,
  serialToIso,
} from "../reading/dates";

/** A rectangle of cells of a sheet, 0-based and inclusive. */
interface Area {
  readonly sheet: string;
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

type Node =
  | { readonly k: "num"; readonly v: number }
  | { readonly k: "str"; readonly v: string }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "ref"; readonly area: Area }
  | { readonly k: "neg"; readonly a: Node }
  | { readonly k: "pct"; readonly a: Node }
  | {
      readonly k: "bin";
      readonly op: string;
      readonly a: Node;
      readonly b: Node;
    }
  | {
      readonly k: "call";
      readonly name: string;
      readonly args: readonly Node[];
    };

interface Failure {
  readonly error: string;
}
/** A value as a formula computes it; null is an empty cell. */
type Value = number | string | boolean | Failure | null;

/** Sheet names are the same without regard to case, in Excel as in a formula. */
export const sheetKey = (name: string): string => name.toLowerCase();

const isFailure = (v: unknown): v is Failure =>
  typeof v === "object" && v !== null && "error" in v;

class Unsupported extends Error {}

/** The work a recalculation may do (cells read, formulas looked at) is spent: it stops there. */
class OverBudget extends Error {}

/** What a recalculation may still do, in cells read and formulas looked at. */
interface Work {
  left: number;
}

const UNBOUNDED: Work = { left: Infinity };

function spend(work: Work, n: number): void {
  work.left -= n;
  if (work.left < 0) throw new OverBudget();
}

const TOKEN =
  /\s*(?:("(?:[^"]|"")*")|(?:'((?:[^']|'')+)'|([A-Za-z_\u00C0-\u024F][\w.\u00C0-\u024F]*))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)|(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(])|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)|([A-Za-z_][\w.]*)|(<=|>=|<>|[-+*/^&=<>(),;%]))/y;

type Token =
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "ref"; readonly sheet: string | null; readonly cells: string }
  | { readonly t: "num"; readonly v: number }
  | { readonly t: "name"; readonly v: string }
  | { readonly t: "op"; readonly v: string };

/** Excel's longest formula: a longer one (a crafted file) is not worked out. */
const MAX_FORMULA = 8192;

const BLANK_END = /\s*$/y;

function tokens(formula: string): Token[] {
  if (formula.length > MAX_FORMULA) throw new Unsupported("length");
  const out: Token[] = [];
  const src = formula.replace(/^=/, "");
  let at = 0;
  while (at < src.length) {
    BLANK_END.lastIndex = at;
    if (BLANK_END.test(src)) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(src);
    if (!m) throw new Unsupported(src);
    at = TOKEN.lastIndex;
    if (m[1] !== undefined)
      out.push({ t: "str", v: m[1].slice(1, -1).replace(/""/g, '"') });
    else if (m[4] !== undefined)
      out.push({
        t: "ref",
        sheet: m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3]!,
        cells: m[4],
      });
    else if (m[5] !== undefined)
      out.push({ t: "ref", sheet: null, cells: m[5] });
    else if (m[6] !== undefined) out.push({ t: "num", v: Number(m[6]) });
    else if (m[7] !== undefined) out.push({ t: "name", v: m[7].toUpperCase() });
    else out.push({ t: "op", v: m[8]! });
  }
  return out;
}

const colOf = (letters: string): number =>
  [...letters.toUpperCase()].reduce(
    (n, ch) => n * 26 + ch.charCodeAt(0) - 64,
    0,
  ) - 1;

function areaOf(sheet: string, cells: string): Area {
  const [a, b] = cells.replace(/\$/g, "").split(":") as [string, string?];
  const cell = (s: string) => {
    const m = /^([A-Za-z]+)(\d+)$/.exec(s)!;
    return { r: Number(m[2]) - 1, c: colOf(m[1]!) };
  };
  const p = cell(a);
  const q = b === undefined ? p : cell(b);
  return {
    sheet,
    r1: Math.min(p.r, q.r),
    c1: Math.min(p.c, q.c),
    r2: Math.max(p.r, q.r),
    c2: Math.max(p.c, q.c),
  };
}

/**
 * Whether a formula reads a cell of `sheet` (0-based row and column), by a reference or a range
 * over it; null when its text cannot be told (a whole column, a crafted formula). A defined name
 * is not followed.
 */
export function formulaReads(
  formula: string,
  sheet: string,
  row: number,
  col: number,
): boolean | null {
  let ts: Token[];
  try {
    ts = tokens(formula);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  return ts.some((t) => {
    if (t.t !== "ref") return false;
    const a = areaOf(t.sheet ?? sheet, t.cells);
    return (
      sheetKey(a.sheet) === sheetKey(sheet) &&
      a.r1 <= row &&
      row <= a.r2 &&
      a.c1 <= col &&
      col <= a.c2
    );
  });
}

/** A formula parsed; throws Unsupported for what it does not know. */
function parse(formula: string, sheet: string): Node {
  return new Parser(tokens(formula), sheet).formula();
}

/** Excel's precedence, loosest first: comparison, &, + and -, * and /, ^, sign, %. */
const LEVELS: readonly (readonly string[])[] = [
  ["=", "<>", "<", ">", "<=", ">="],
  ["&"],
  ["+", "-"],
  ["*", "/"],
  ["^"],
];

class Parser {
  private i = 0;
  // Each parenthesis or call goes several functions deeper: a crafted nesting stops here.
  private nesting = 0;

  constructor(
    private readonly ts: readonly Token[],
    private readonly sheet: string,
  ) {}

  formula(): Node {
    const node = this.binary(0);
    if (this.i !== this.ts.length) throw new Unsupported("rest");
    return node;
  }

  private isOp(v: string): boolean {
    const t = this.ts[this.i];
    return t?.t === "op" && t.v === v;
  }

  private expect(v: string): void {
    if (!this.isOp(v)) throw new Unsupported(v);
    this.i++;
  }

  private deeper(): void {
    if (++this.nesting > MAX_DEPTH) throw new Unsupported("depth");
  }

  private binary(level: number): Node {
    if (level === LEVELS.length) return this.unary();
    const ops = LEVELS[level]!;
    let a = this.binary(level + 1);
    for (
      let t = this.ts[this.i];
      t?.t === "op" && ops.includes(t.v);
      t = this.ts[this.i]
    ) {
      this.i++;
      a = { k: "bin", op: t.v, a, b: this.binary(level + 1) };
    }
    return a;
  }

  private unary(): Node {
    const sign = this.isOp("-") ? "-" : this.isOp("+") ? "+" : null;
    if (sign === null) {
      let a = this.primary();
      for (; this.isOp("%"); this.i++) a = { k: "pct", a };
      return a;
    }
    this.i++;
    return sign === "-" ? { k: "neg", a: this.unary() } : this.unary();
  }

  private primary(): Node {
    const t = this.ts[this.i++];
    if (!t) throw new Unsupported("end");
    switch (t.t) {
      case "num":
        return { k: "num", v: t.v };
      case "str":
        return { k: "str", v: t.v };
      case "ref":
        return { k: "ref", area: areaOf(t.sheet ?? this.sheet, t.cells) };
      case "name":
        return this.call(t.v);
      case "op": {
        if (t.v !== "(") throw new Unsupported(t.v);
        this.deeper();
        const inner = this.binary(0);
        this.expect(")");
        return inner;
      }
    }
  }

  /** A function's call, or TRUE / FALSE without parentheses. */
  private call(name: string): Node {
    if (!this.isOp("(")) {
      if (name === "TRUE" || name === "FALSE")
        return { k: "bool", v: name === "TRUE" };
      throw new Unsupported(name);
    }
    this.i++;
    this.deeper();
    const args: Node[] = [];
    if (!this.isOp(")"))
      for (;;) {
        args.push(this.binary(0));
        if (this.isOp(",") || this.isOp(";")) this.i++;
        else break;
      }
    this.expect(")");
    return { k: "call", name, args };
  }
}

/** Nesting deeper than this (a crafted formula) is not worked out: it would exhaust the stack. */
const MAX_DEPTH = 400;

/** How deep a formula nests, counted without recursion (a chain "A1+A1+…" nests as deep as it is long). */
function depthOf(root: Node): number {
  let deepest = 0;
  const stack: [Node, number][] = [[root, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, d] = top;
    deepest = Math.max(deepest, d);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of childrenOf(node)) stack.push([child, d + 1]);
  }
  return deepest;
}

function childrenOf(node: Node): readonly Node[] {
  switch (node.k) {
    case "neg":
    case "pct":
      return [node.a];
    case "bin":
      return [node.a, node.b];
    case "call":
      return node.args;
    default:
      return [];
  }
}

/** Every area a formula reads. */
function areasOf(node: Node, out: Area[] = []): Area[] {
  switch (node.k) {
    case "ref":
      out.push(node.area);
      break;
    case "neg":
    case "pct":
      areasOf(node.a, out);
      break;
    case "bin":
      areasOf(node.a, out);
      areasOf(node.b, out);
      break;
    case "call":
      for (const a of node.args) areasOf(a, out);
      break;
    default:
      break;
  }
  return out;
}

/**
 * A formula of one sheet parsed once, to be worked out over cells whose values are known (`known`
 * gives a cell's number, null for an empty one, undefined for one it does not know): the number it
 * gives, or null when it reads a cell not known, gives no number, or is of a kind not worked out.
 * Every working out reads its cells from `budget`, shared by a caller's formulas: a workbook of
 * many formulas over long ranges stops there instead of reading lines × lines cells.
 */
export interface FormulaOver {
  /** The areas it reads: all on its own sheet (a formula reading another is not made). */
  readonly areas: readonly {
    readonly r1: number;
    readonly c1: number;
    readonly r2: number;
    readonly c2: number;
  }[];
  evaluate(
    /**
     * A cell's value; a text is any string (a SUM over a range skips it, as Excel's); a cell, where
     * its formula matters (a SUBTOTAL passes over another's).
     */
    known: (
      row: number,
      col: number,
    ) => number | string | null | Cell | undefined,
    budget: { cells: number },
    /** The sheet's hidden rows, which SUBTOTAL may pass over. */
    hiddenRows?: ReadonlySet<number>,
  ): number | null;
}

/**
 * Cells the formulas of one half-year may read in all when worked out over known cells: each line's
 * SUM over the 100 000 lines above it would be 10¹⁰ (a crafted workbook); past this, what the
 * cells show stands.
 */
export const MAX_CELLS_WORKED_OUT = 2_000_000;

/** A formula of `sheet` for working out over known cells; null when it reads another sheet or cannot be. */
export function formulaOver(
  formula: string,
  sheet: string,
): FormulaOver | null {
  let node: Node;
  try {
    node = parse(formula, sheet);
    if (depthOf(node) > MAX_DEPTH) return null;
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  const areas = areasOf(node);
  if (areas.some((a) => sheetKey(a.sheet) !== sheetKey(sheet))) return null;
  return {
    areas,
    evaluate(known, budget, hiddenRows) {
      const rows: (Cell | undefined)[][] = [];
      for (const a of areas) {
        budget.cells -= (a.r2 - a.r1 + 1) * (a.c2 - a.c1 + 1);
        if (budget.cells < 0) return null;
        for (let r = a.r1; r <= a.r2; r++)
          for (let c = a.c1; c <= a.c2; c++) {
            const v = known(r, c);
            if (v === undefined) return null;
            if (v !== null)
              (rows[r] ??= [])[c] =
                typeof v === "object"
                  ? v
                  : typeof v === "number"
                    ? { t: "n", v }
                    : { t: "s", v };
          }
      }
      let value: Value;
      try {
        value = new Evaluator(
          sourceOf(new Map([[sheetKey(sheet), rows]])),
          UNBOUNDED,
          () => hiddenRows ?? NONE_HIDDEN,
        ).scalar(node);
      } catch (e) {
        if (e instanceof Unsupported) return null;
        throw e;
      }
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    },
  };
}

/** The cells of the workbook as the recalculation goes, by normalised sheet name. */
type Sheets = ReadonlyMap<
  string,
  readonly (readonly (Cell | undefined)[] | undefined)[]
>;

const VALUE: Failure = { error: "#VALUE!" };
const DIV0: Failure = { error: "#DIV/0!" };
const NA: Failure = { error: "#N/A" };
const NUM: Failure = { error: "#NUM!" };
const REF: Failure = { error: "#REF!" };

function cellValue(cell: Cell | undefined): Value {
  if (cell === undefined || cell.t === "z") return null;
  if (cell.t === "e") return { error: cell.v };
  return cell.v;
}

/** A number as arithmetic takes a value: empty is 0, TRUE 1, text that is a number that number. */
function toNumber(v: Value): number | Failure {
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (isFailure(v)) return v;
  return numberOfText(v) ?? VALUE;
}

/** Text arithmetic takes as a number, as Excel does: "12", "1.5e3", "10 %", "2026-01-31". */
function numberOfText(text: string): number | null {
  const t = text.trim();
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(%?)$/.exec(t);
  if (m) return Number(m[1]) / (m[2] ? 100 : 1);
  return isIsoDate(t) ? isoToSerial(t) : null;
}

function toText(v: Value): string | Failure {
  if (v === null) return "";
  if (isFailure(v)) return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return typeof v === "number" ? String(Number(v.toPrecision(15))) : v;
}

function toBool(v: Value): boolean | Failure {
  if (isFailure(v)) return v;
  if (typeof v === "string") return VALUE;
  return !!v;
}

/** Excel's order: numbers, then text (without regard to case), then TRUE/FALSE; empty as 0 or "". */
function compare(a: Value, b: Value): number {
  const rank = (v: Value) =>
    typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2;
  if (a === null)
    a = typeof b === "string" ? "" : typeof b === "boolean" ? false : 0;
  if (b === null)
    b = typeof a === "string" ? "" : typeof a === "boolean" ? false : 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

/** Whether a comparison holds for the order of its two sides (compare's sign). */
function holds(op: string, c: number): boolean {
  switch (op) {
    case "=":
      return c === 0;
    case "<>":
      return c !== 0;
    case "<":
      return c < 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    default:
      return c >= 0;
  }
}

/** ROUND as Excel does it: half away from zero, on the decimal the cell shows. */
function round(
  x: number,
  digits: number,
  /** Math.round (ROUND), Math.ceil (ROUNDUP: away from 0) or Math.floor (ROUNDDOWN: towards 0). */
  to: (n: number) => number = Math.round,
): number {
  const f = 10 ** Math.trunc(digits);
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * to(scaled)) / f;
}

/** How many arguments each date function takes. */
const DATE_ARITY: Readonly<Record<string, number>> = {
  YEAR: 1,
  MONTH: 1,
  DAY: 1,
  DATE: 3,
  EDATE: 2,
  EOMONTH: 2,
  DATEDIF: 3,
};

/** A date as its year, month (1–12) and day. */
type DateParts = ReturnType<typeof parseIso>;

/** A serial number's date; not worked out before 1900-03-01 (the fictitious leap day) or past 9999. */
function partsOf(serial: number): DateParts {
  const iso = serial >= 61 ? serialToIso(serial) : null;
  if (iso === null) throw new Unsupported("date");
  return parseIso(iso);
}

/** The serial number of a year, month (past 12 into the next years) and day (past the month's end into the next). */
function serialOf(y: number, m: number, d: number): number {
  const at = new Date(0);
  at.setUTCFullYear(y, m - 1, d);
  const iso = isoFromParts(
    at.getUTCFullYear(),
    at.getUTCMonth() + 1,
    at.getUTCDate(),
  );
  const serial = isIsoDate(iso) ? isoToSerial(iso) : 0;
  if (serial < 61) throw new Unsupported("date");
  return serial;
}

/** DATEDIF's whole days ("d"), months ("m") or years ("y") from one date to a later one. */
function dateDif(
  from: DateParts,
  to: DateParts,
  a: number,
  b: number,
  unit: Value,
): Value {
  if (isFailure(unit)) return unit;
  const u = typeof unit === "string" ? unit.toUpperCase() : null;
  if (u !== "D" && u !== "M" && u !== "Y") throw new Unsupported("DATEDIF");
  if (a > b) return NUM;
  if (u === "D") return b - a;
  const months = (to.y - from.y) * 12 + to.m - from.m - (to.d < from.d ? 1 : 0);
  return u === "M" ? months : Math.floor(months / 12);
}

/** A number past what a cell holds (10^308 and over, or none: (−8)^0.5) is Excel's #NUM!. */
const finite = (v: Value): Value =>
  typeof v === "number" && !Number.isFinite(v) ? NUM : v;

/** SUM, AVERAGE, MAX or MIN of numbers. */
function aggregate(name: string, ns: readonly number[]): Value {
  const sum = ns.reduce((t, n) => t + n, 0);
  if (name === "SUM") return sum;
  if (name === "AVERAGE") return ns.length === 0 ? DIV0 : sum / ns.length;
  if (ns.length === 0) return 0;
  return name === "MAX" ? Math.max(...ns) : Math.min(...ns);
}

/** SUBTOTAL's kinds worked out, by their number (less 100). */
const SUBTOTALS: Readonly<Record<number, string>> = {
  1: "AVERAGE",
  2: "COUNT",
  3: "COUNTA",
  4: "MAX",
  5: "MIN",
  9: "SUM",
};

const ROUNDING: Readonly<Record<string, (n: number) => number>> = {
  ROUND: Math.round,
  ROUNDUP: Math.ceil,
  ROUNDDOWN: Math.floor,
};

/**
 * The cells of a sheet (by normalised name) as a formula reads them now: the sheet is looked up
 * once for a range, not for each of its cells.
 */
export type CellSource = (
  sheet: string,
) => (r: number, c: number) => Cell | undefined;

const sourceOf =
  (sheets: Sheets): CellSource =>
  (sheet) => {
    const rows = sheets.get(sheet);
    return (r, c) => rows?.[r]?.[c];
  };

/** Whether two areas are of one shape, as SUMPRODUCT and SUMIFS ask of their ranges. */
const sameShape = (a: Area, b: Area): boolean =>
  a.r2 - a.r1 === b.r2 - b.r1 && a.c2 - a.c1 === b.c2 - b.c1;

/** A sheet's hidden rows (by normalised name), as read: SUBTOTAL passes over them. */
type HiddenRows = (sheet: string) => ReadonlySet<number>;

const NONE_HIDDEN: ReadonlySet<number> = new Set();

/** The hidden rows of a workbook's sheets, as it was read (a sheet's made when a SUBTOTAL asks). */
function hiddenRowsOf(read: WorkbookGrids): HiddenRows {
  const bySheet = new Map<string, ReadonlySet<number>>();
  return (sheet) => {
    let rows = bySheet.get(sheet);
    if (!rows) {
      const grid = read.sheets.find((g) => sheetKey(g.name) === sheet);
      rows = grid?.hiddenRows ? new Set(grid.hiddenRows) : NONE_HIDDEN;
      bySheet.set(sheet, rows);
    }
    return rows;
  };
}

class Evaluator {
  constructor(
    private readonly source: CellSource,
    private readonly work: Work = UNBOUNDED,
    private readonly hidden: HiddenRows = () => NONE_HIDDEN,
  ) {}

  cell(sheet: string, r: number, c: number): Cell | undefined {
    return this.source(sheetKey(sheet))(r, c);
  }

  /**
   * The values of an area, column by column: the first error met is the one a SUM over several
   * shows, in Calc's order (the only spreadsheet here to hold it to).
   */
  values(
    area: Area,
    /** Which cells count (SUBTOTAL passes over some); all where left out. */
    keep?: (row: number, cell: Cell | undefined) => boolean,
  ): Value[] {
    spend(this.work, (area.r2 - area.r1 + 1) * (area.c2 - area.c1 + 1));
    const out: Value[] = [];
    const cellAt = this.source(sheetKey(area.sheet));
    for (let c = area.c1; c <= area.c2; c++)
      for (let r = area.r1; r <= area.r2; r++) {
        const cell = cellAt(r, c);
        if (!keep || keep(r, cell)) out.push(cellValue(cell));
      }
    return out;
  }

  scalar(node: Node): Value {
    switch (node.k) {
      case "num":
      case "str":
      case "bool":
        return node.v;
      case "ref": {
        const { area } = node;
        if (area.r1 !== area.r2 || area.c1 !== area.c2) return VALUE;
        return cellValue(this.cell(area.sheet, area.r1, area.c1));
      }
      case "neg": {
        const n = toNumber(this.scalar(node.a));
        return isFailure(n) ? n : -n;
      }
      case "pct": {
        const n = toNumber(this.scalar(node.a));
        return isFailure(n) ? n : n / 100;
      }
      case "bin":
        return finite(
          this.binary(node.op, this.scalar(node.a), this.scalar(node.b)),
        );
      case "call":
        return finite(this.call(node.name, node.args));
    }
  }

  binary(op: string, a: Value, b: Value): Value {
    if (isFailure(a)) return a;
    if (isFailure(b)) return b;
    if (op === "&") {
      const x = toText(a);
      const y = toText(b);
      return isFailure(x) ? x : isFailure(y) ? y : x + y;
    }
    if (["=", "<>", "<", ">", "<=", ">="].includes(op)) {
      return holds(op, compare(a, b));
    }
    const x = toNumber(a);
    const y = toNumber(b);
    if (isFailure(x)) return x;
    if (isFailure(y)) return y;
    switch (op) {
      case "+":
        return x + y;
      case "-":
        return x - y;
      case "*":
        return x * y;
      case "/":
        return y === 0 ? DIV0 : x / y;
      default:
        return x === 0 && y < 0 ? DIV0 : x ** y;
    }
  }

  /**
   * The numbers of a function's arguments: the numbers in areas (text and empty cells are passed
   * over, as SUM does), and values typed in the call that read as numbers.
   */
  numbers(args: readonly Node[]): number[] | Failure {
    const out: number[] = [];
    for (const a of args) {
      if (a.k === "ref") {
        for (const v of this.values(a.area)) {
          if (isFailure(v)) return v;
          if (typeof v === "number") out.push(v);
        }
        continue;
      }
      const n = toNumber(this.scalar(a));
      if (isFailure(n)) return n;
      out.push(n);
    }
    return out;
  }

  /**
   * COUNT: the numbers in areas, and the values typed in the call that are or read as numbers (a
   * logical value too); an error is not counted, and stops nothing. COUNTA: every value but an
   * empty cell.
   */
  count(args: readonly Node[], all: boolean): number {
    let n = 0;
    for (const a of args) {
      if (a.k === "ref") {
        for (const v of this.values(a.area))
          if (all ? v !== null : typeof v === "number") n++;
        continue;
      }
      const v = this.scalar(a);
      if (
        all ||
        typeof v === "number" ||
        typeof v === "boolean" ||
        (typeof v === "string" && numberOfText(v) !== null)
      )
        n++;
    }
    return n;
  }

  call(called: string, args: readonly Node[]): Value {
    const arg = (i: number) => (args[i] ? this.scalar(args[i]) : null);
    // A file names functions newer than Excel 2007 so ("_xlfn.IFNA"); Excel's formulas do not.
    const name = called.replace(/^_XLFN\./, "");
    if (name in DATE_ARITY) return this.dated(name, args);
    switch (name) {
      case "SUM":
      case "AVERAGE":
      case "MAX":
      case "MIN": {
        const ns = this.numbers(args);
        return isFailure(ns) ? ns : aggregate(name, ns);
      }
      case "COUNT":
      case "COUNTA":
        return this.count(args, name === "COUNTA");
      case "ROUND":
      case "ROUNDUP":
      case "ROUNDDOWN": {
        const x = toNumber(arg(0));
        const d = toNumber(arg(1));
        return isFailure(x)
          ? x
          : isFailure(d)
            ? d
            : round(x, d, ROUNDING[name]);
      }
      case "ABS": {
        const x = toNumber(arg(0));
        return isFailure(x) ? x : Math.abs(x);
      }
      case "IF": {
        const c = toBool(arg(0));
        if (isFailure(c)) return c;
        if (c) return args[1] ? this.scalar(args[1]) : true;
        return args[2] ? this.scalar(args[2]) : false;
      }
      case "AND":
      case "OR": {
        const bs: boolean[] = [];
        for (const a of args) {
          const b = toBool(this.scalar(a));
          if (isFailure(b)) return b;
          bs.push(b);
        }
        return name === "AND" ? bs.every(Boolean) : bs.some(Boolean);
      }
      case "TRUE":
        return true;
      case "FALSE":
        return false;
      case "SUMIF":
      case "AVERAGEIF":
        return this.sumIf(args, name === "AVERAGEIF");
      case "SUMIFS":
        return this.sumIfs(args);
      case "COUNTIF":
      case "COUNTIFS":
        return this.countIfs(args, name);
      case "VLOOKUP":
        return this.vlookup(args);
      case "IFERROR":
      case "IFNA":
        return this.caught(name, args);
      case "MEDIAN":
        return this.median(args);
      case "SUMPRODUCT":
        return this.sumProduct(args);
      case "INDEX":
        return this.index(args);
      case "MATCH":
        return this.match(args);
      case "INT":
      case "MOD":
        return this.integral(name, args);
      case "SUBTOTAL":
        return this.subtotal(args);
      default:
        throw new Unsupported(name);
    }
  }

  /** IFERROR (any error) and IFNA (#N/A): the second value in its place. */
  caught(name: "IFERROR" | "IFNA", args: readonly Node[]): Value {
    if (args.length !== 2) throw new Unsupported(name);
    const v = this.scalar(args[0]!);
    const caught = isFailure(v) && (name === "IFERROR" || v.error === NA.error);
    return caught ? this.scalar(args[1]!) : v;
  }

  median(args: readonly Node[]): Value {
    const ns = this.numbers(args);
    if (isFailure(ns)) return ns;
    if (ns.length === 0) return NUM;
    const sorted = [...ns].sort((a, b) => a - b);
    const m = sorted.length >> 1;
    return sorted.length % 2 === 1
      ? sorted[m]!
      : (sorted[m - 1]! + sorted[m]!) / 2;
  }

  /** SUMPRODUCT over ranges of one shape: what is not a number counts as 0, as in Excel. */
  sumProduct(args: readonly Node[]): Value {
    // Array arithmetic inside it (`(C4:C9="x")*F4:F9`) is not worked out.
    const areas = args.map((a) => {
      if (a.k !== "ref") throw new Unsupported("SUMPRODUCT");
      return a.area;
    });
    const [first] = areas;
    if (!first) throw new Unsupported("SUMPRODUCT");
    if (areas.some((a) => !sameShape(a, first))) return VALUE;
    const columns = areas.map((a) => this.values(a));
    for (const column of columns) {
      const error = column.find(isFailure);
      if (error) return error;
    }
    let total = 0;
    for (let i = 0; i < columns[0]!.length; i++)
      total += columns.reduce((p, column) => {
        const v = column[i];
        return typeof v === "number" ? p * v : 0;
      }, 1);
    return total;
  }

  /**
   * INDEX(range, row, column): the cell's value. Of a range one row high, a lone number is the
   * column. A whole row or column (0, or a row of a wider range) is not worked out.
   */
  index(args: readonly Node[]): Value {
    const [table, ...at] = args;
    if (table?.k !== "ref" || at.length < 1 || at.length > 2)
      throw new Unsupported("INDEX");
    const { area } = table;
    const numbers: number[] = [];
    for (const a of at) {
      const n = toNumber(this.scalar(a));
      if (isFailure(n)) return n;
      numbers.push(Math.trunc(n));
    }
    const height = area.r2 - area.r1 + 1;
    const width = area.c2 - area.c1 + 1;
    let [r, c] = numbers as [number, number?];
    if (c === undefined) {
      if (height === 1) [r, c] = [1, r];
      else if (width === 1) c = 1;
      else throw new Unsupported("INDEX");
    }
    if (r < 0 || c < 0) return VALUE;
    if (r === 0 && height === 1) r = 1;
    if (c === 0 && width === 1) c = 1;
    if (r === 0 || c === 0) throw new Unsupported("INDEX");
    if (r > height || c > width) return REF;
    return cellValue(this.cell(area.sheet, area.r1 + r - 1, area.c1 + c - 1));
  }

  /**
   * MATCH(value, range, type): the value's place in a range of one row or column. Type 0 is an
   * exact match; 1 (as left out) the last not above it, and −1 the last not below it, over sorted
   * values. A wildcard in an exact match's text is not worked out.
   */
  match(args: readonly Node[]): Value {
    const [key, range, kind] = args;
    if (!key || range?.k !== "ref" || args.length > 3)
      throw new Unsupported("MATCH");
    const k = this.scalar(key);
    if (isFailure(k)) return k;
    if (k === null) throw new Unsupported("MATCH");
    const t = kind ? toNumber(this.scalar(kind)) : 1;
    if (isFailure(t)) return t;
    const { area } = range;
    if (area.r1 !== area.r2 && area.c1 !== area.c2) return NA;
    const type = Math.sign(t) as -1 | 0 | 1;
    if (type === 0 && typeof k === "string" && /[*?~]/.test(k))
      throw new Unsupported("MATCH");
    const found = lookupAt(this.values(area), k, type);
    return found < 0 ? NA : found + 1;
  }

  /**
   * SUBTOTAL(kind, ranges…) of SUM (9), AVERAGE (1), COUNT (2), COUNTA (3), MAX (4) and MIN (5):
   * past the cells that hold a SUBTOTAL of their own, as Excel does. 101–105 and 109 pass over
   * hidden rows too; 1–9 only over rows a filter hides, which the file does not tell from rows
   * hidden by hand, so over a hidden row they are not worked out.
   */
  subtotal(args: readonly Node[]): Value {
    const [kind, ...ranges] = args;
    const k = kind ? toNumber(this.scalar(kind)) : VALUE;
    if (isFailure(k)) return k;
    const name = SUBTOTALS[Math.trunc(k) % 100];
    const skipHidden = Math.trunc(k) > 100;
    if (!name || k >= 112 || ranges.length === 0)
      throw new Unsupported("SUBTOTAL");
    const values: Value[] = [];
    for (const range of ranges) {
      if (range.k !== "ref") throw new Unsupported("SUBTOTAL");
      const hidden = this.hidden(sheetKey(range.area.sheet));
      const kept = this.values(range.area, (r, cell) => {
        if (hidden.has(r) && !skipHidden) throw new Unsupported("SUBTOTAL");
        return (
          !hidden.has(r) && !/\b(SUBTOTAL|AGGREGATE)\(/i.test(cell?.f ?? "")
        );
      });
      for (const v of kept) values.push(v);
    }
    return this.ofValues(name, values);
  }

  /** SUM, AVERAGE, COUNT, COUNTA, MAX or MIN of a range's values, as SUBTOTAL takes them. */
  ofValues(name: string, values: readonly Value[]): Value {
    if (name === "COUNTA") return values.filter((v) => v !== null).length;
    const error = values.find(isFailure);
    if (error) return error;
    const ns = values.filter((v): v is number => typeof v === "number");
    return name === "COUNT" ? ns.length : aggregate(name, ns);
  }

  /**
   * The date functions of a person's helpers (months between two dates, a period's end) over
   * serial numbers: YEAR, MONTH, DAY, DATE, EDATE, EOMONTH, and DATEDIF in whole days, months or
   * years. A date before March 1900 (Excel's fictitious leap day) is not worked out.
   */
  dated(name: string, args: readonly Node[]): Value {
    if (args.length !== DATE_ARITY[name]) throw new Unsupported(name);
    const ns: number[] = [];
    const last = name === "DATEDIF" ? 2 : args.length;
    for (const a of args.slice(0, last)) {
      const n = toNumber(this.scalar(a));
      if (isFailure(n)) return n;
      ns.push(Math.trunc(n));
    }
    const [a = NaN, b = NaN, c = NaN] = ns;
    if (name === "DATE") {
      const year = a >= 0 && a < 1900 ? a + 1900 : a;
      return year < 0 || year > 9999 ? NUM : serialOf(year, b, c);
    }
    const from = partsOf(a);
    switch (name) {
      case "YEAR":
        return from.y;
      case "MONTH":
        return from.m;
      case "DAY":
        return from.d;
      case "EDATE":
      case "EOMONTH": {
        const end = daysInMonth(from.y, from.m + b);
        return serialOf(
          from.y,
          from.m + b,
          name === "EDATE" ? Math.min(from.d, end) : end,
        );
      }
      default:
        return dateDif(
          from,
          partsOf(b),
          a,
          b,
          args[2] ? this.scalar(args[2]) : null,
        );
    }
  }

  /** INT (down to a whole number) and MOD (the remainder, with the divisor's sign). */
  integral(name: "INT" | "MOD", args: readonly Node[]): Value {
    if (args.length !== (name === "INT" ? 1 : 2)) throw new Unsupported(name);
    const x = toNumber(this.scalar(args[0]!));
    if (isFailure(x)) return x;
    if (name === "INT") return Math.floor(x);
    const d = toNumber(this.scalar(args[1]!));
    if (isFailure(d)) return d;
    return d === 0 ? DIV0 : x - d * Math.floor(x / d);
  }

  /** SUMIF(range, criterion, sums) and AVERAGEIF: over the cells of `sums` where `range`'s hold. */
  sumIf(args: readonly Node[], average = false): Value {
    const name = average ? "AVERAGEIF" : "SUMIF";
    const [range, criterion, sum] = args;
    if (range?.k !== "ref" || !criterion || args.length > 3)
      throw new Unsupported(name);
    const target = sum?.k === "ref" ? sum.area : sum ? null : range.area;
    if (!target) throw new Unsupported(name);
    const wanted = this.scalar(criterion);
    if (isFailure(wanted)) return wanted;
    // Excel takes a criterion of at most 255 characters.
    if (typeof wanted === "string" && wanted.length > 255) return VALUE;
    const test = criterionTest(wanted);
    const keys = this.values(range.area);
    const height = range.area.r2 - range.area.r1 + 1;
    let total = 0;
    let count = 0;
    keys.forEach((k, i) => {
      if (!test(k)) return;
      const r = target.r1 + (i % height);
      const c = target.c1 + Math.floor(i / height);
      const v = cellValue(this.cell(target.sheet, r, c));
      if (typeof v === "number") {
        total += v;
        count++;
      }
    });
    return !average ? total : count === 0 ? DIV0 : total / count;
  }

  /** SUMIFS(sums, range1, criterion1, …): a row counts where every criterion holds. */
  sumIfs(args: readonly Node[]): Value {
    const [sum, ...pairs] = args;
    if (sum?.k !== "ref") throw new Unsupported("SUMIFS");
    const hold = this.criteriaHold(pairs, sum.area, "SUMIFS");
    if (isFailure(hold)) return hold;
    let total = 0;
    this.values(sum.area).forEach((v, i) => {
      if (typeof v === "number" && hold[i]) total += v;
    });
    return total;
  }

  /** COUNTIF(range, criterion) and COUNTIFS(range1, criterion1, …): the cells where all hold. */
  countIfs(args: readonly Node[], name: "COUNTIF" | "COUNTIFS"): Value {
    const [first] = args;
    if (first?.k !== "ref" || (name === "COUNTIF" && args.length !== 2))
      throw new Unsupported(name);
    const hold = this.criteriaHold(args, first.area, name);
    return isFailure(hold) ? hold : hold.filter(Boolean).length;
  }

  /**
   * Whether every criterion holds, cell by cell of `shape`, for pairs (range, criterion) whose
   * ranges are all of that shape, as Excel requires (#VALUE! otherwise).
   */
  criteriaHold(
    pairs: readonly Node[],
    shape: Area,
    name: string,
  ): boolean[] | Failure {
    if (pairs.length === 0 || pairs.length % 2 !== 0)
      throw new Unsupported(name);
    const size = (shape.r2 - shape.r1 + 1) * (shape.c2 - shape.c1 + 1);
    const hold = new Array<boolean>(size).fill(true);
    for (let i = 0; i < pairs.length; i += 2) {
      const range = pairs[i]!;
      if (range.k !== "ref" || !sameShape(range.area, shape))
        throw new Unsupported(name);
      const wanted = this.scalar(pairs[i + 1]!);
      if (isFailure(wanted)) return wanted;
      if (typeof wanted === "string" && wanted.length > 255) return VALUE;
      const test = criterionTest(wanted);
      this.values(range.area).forEach((k, j) => {
        if (!test(k)) hold[j] = false;
      });
    }
    return hold;
  }

  vlookup(args: readonly Node[]): Value {
    const [key, table, column, approx] = args;
    if (table?.k !== "ref" || !key || !column) throw new Unsupported("VLOOKUP");
    const k = this.scalar(key);
    const col = toNumber(this.scalar(column));
    if (isFailure(k)) return k;
    if (k === null) throw new Unsupported("VLOOKUP");
    if (isFailure(col)) return col;
    const sorted = approx ? toBool(this.scalar(approx)) : true;
    if (isFailure(sorted)) return sorted;
    const { area } = table;
    if (col < 1 || area.c1 + col - 1 > area.c2) return REF;
    const keys = this.values({ ...area, c2: area.c1 });
    const found = lookupAt(keys, k, sorted ? 1 : 0);
    if (found < 0) return NA;
    const v = cellValue(
      this.cell(area.sheet, area.r1 + found, area.c1 + col - 1),
    );
    return v === null ? 0 : v;
  }
}

/**
 * Where a lookup finds `k` among `values` (−1 where it does not): exact (0), the first equal;
 * else the last not past it over values sorted up (1) or down (−1). Over values of another kind
 * than the key's, or out of order, Excel's binary search finds what a scan does not: such a lookup
 * is not worked out.
 */
function lookupAt(
  values: readonly Value[],
  k: string | number | boolean,
  type: -1 | 0 | 1,
): number {
  if (type === 0)
    return values.findIndex(
      (v) => v !== null && !isFailure(v) && compare(v, k) === 0,
    );
  let found = -1;
  let before: Value = null;
  values.forEach((v, i) => {
    if (v === null) return;
    if (
      isFailure(v) ||
      typeof v !== typeof k ||
      (before !== null && compare(before, v) * type > 0)
    )
      throw new Unsupported("lookup");
    before = v;
    if (compare(v, k) * type <= 0) found = i;
  });
  return found;
}

/**
 * SUMIF's criterion, as Excel reads it: a value to equal, or text with an operator ("<>x", ">0",
 * "<=5"); text is matched without regard to case, with `*` and `?` as wildcards (`~` escapes them).
 */
function criterionTest(wanted: Value): (v: Value) => boolean {
  // A criterion that is an empty cell is 0, as Excel documents for COUNTIFS (and Calc does).
  if (wanted === null) return criterionTest(0);
  if (typeof wanted !== "string")
    return (v) =>
      v !== null && typeof v === typeof wanted && compare(v, wanted) === 0;
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(wanted)!;
  const op = m[1] ?? "=";
  const rest = m[2]!;
  // Read as a value typed: "12", "10 %", a date "2026-01-31" are numbers.
  const n = numberOfText(rest) ?? NaN;
  if (
    Number.isFinite(n) ||
    op === "<" ||
    op === ">" ||
    op === "<=" ||
    op === ">="
  ) {
    const rhs: Value = Number.isFinite(n) ? n : rest;
    // Equal to a number is also text that reads as it ("12"), as Excel and Calc match it.
    const equality = typeof rhs === "number" && (op === "=" || op === "<>");
    return (v) => {
      const x = equality && typeof v === "string" ? numberOfText(v) : v;
      // Else a number is compared with numbers only, text with text.
      if (x === null || typeof x !== typeof rhs) return op === "<>";
      return holds(op, compare(x, rhs));
    };
  }
  const like = wildcard(rest);
  const equal = (v: Value) =>
    rest === ""
      ? v === null || v === ""
      : typeof v === "string" && like.test(v);
  return op === "<>" ? (v) => !equal(v) : equal;
}

/** Whether a SUMIF whose criterion is the text `criterion` counts a cell holding `text`. */
export function sumIfCounts(criterion: string, text: string): boolean {
  return criterionTest(criterion)(text);
}

/**
 * Excel's wildcards: `*` any text, `?` one character, `~` the next character as it is; without
 * regard to case. Matched in time proportional to the text times the pattern, whatever they hold.
 */
function wildcard(text: string): { test: (v: string) => boolean } {
  const parts: ("*" | "?" | { ch: string })[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "~" && i + 1 < text.length)
      parts.push({ ch: text[++i]!.toLowerCase() });
    else if (ch === "*" || ch === "?") parts.push(ch);
    else parts.push({ ch: ch.toLowerCase() });
  }
  return {
    test(value: string) {
      const v = value.toLowerCase();
      let p = 0;
      let i = 0;
      let star = -1;
      let from = 0;
      while (i < v.length) {
        const part = parts[p];
        if (
          part === "?" ||
          (part !== undefined && part !== "*" && part.ch === v[i])
        ) {
          p++;
          i++;
        } else if (part === "*") {
          star = p++;
          from = i;
        } else if (star >= 0) {
          p = star + 1;
          i = ++from;
        } else return false;
      }
      while (parts[p] === "*") p++;
      return p === parts.length;
    },
  };
}

/** A formula cell of a sheet, parsed, with the areas it reads. */
interface FormulaCell {
  readonly row: number;
  readonly col: number;
  readonly node: Node;
  readonly reads: readonly Area[];
}

/** The formulas of a sheet that can be worked out. */
function formulasOf(grid: Grid): FormulaCell[] {
  const cells: FormulaCell[] = [];
  grid.rows.forEach((row, r) =>
    row?.forEach((cell, c) => {
      const f = formulaTextOf(cell);
      if (f === undefined) return;
      try {
        const node = parse(f, grid.name);
        if (depthOf(node) > MAX_DEPTH) throw new Unsupported("depth");
        const reads = areasOf(node).map((a) => ({
          ...a,
          sheet: sheetKey(a.sheet),
        }));
        cells.push({ row: r, col: c, node, reads });
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      }
    }),
  );
  return cells;
}

/** The cell a formula's value is cached as: its formula and look kept. */
function withValue(cell: Cell, v: Value): Cell {
  const { f, fmt } = cell;
  const keep = {
    ...(fmt !== undefined ? { fmt } : {}),
    ...(f !== undefined ? { f } : {}),
  };
  if (v === null) return { t: "n", v: 0, ...keep };
  if (isFailure(v)) return { t: "e", v: v.error, ...keep };
  if (typeof v === "number") return { t: "n", v, ...keep };
  if (typeof v === "boolean") return { t: "b", v, ...keep };
  return { t: "s", v, ...keep };
}

interface Placed extends FormulaCell {
  readonly sheet: string;
}

/** Which formulas read a cell: found without going through every formula of the workbook. */
class Readers {
  private readonly cells = new Map<string, Placed[]>();
  /** Areas of more than one cell, by each column they cover. */
  private readonly columns = new Map<
    string,
    { r1: number; r2: number; f: Placed }[]
  >();
  /** Areas too wide to list by column (a whole row's range). */
  private readonly wide: { area: Area; f: Placed }[] = [];
  /**
   * The columns any formula reads, by sheet (all of a sheet's: -1): most cells a plan writes are
   * read by none, and are passed over without a key made for them.
   */
  private readonly read = new Map<string, Set<number>>();

  constructor(formulas: readonly Placed[], work: Work) {
    for (const f of formulas)
      for (const a of f.reads) {
        spend(work, 1 + Math.min(a.c2 - a.c1, WIDE_COLUMNS));
        let columns = this.read.get(a.sheet);
        if (!columns) this.read.set(a.sheet, (columns = new Set()));
        if (a.c2 - a.c1 > WIDE_COLUMNS) columns.add(-1);
        else for (let c = a.c1; c <= a.c2; c++) columns.add(c);
        if (a.r1 === a.r2 && a.c1 === a.c2) {
          push(this.cells, `${a.sheet}\u0000${a.r1}\u0000${a.c1}`, f);
          continue;
        }
        if (a.c2 - a.c1 > WIDE_COLUMNS) {
          this.wide.push({ area: a, f });
          continue;
        }
        for (let c = a.c1; c <= a.c2; c++)
          push(this.columns, `${a.sheet}\u0000${c}`, { r1: a.r1, r2: a.r2, f });
      }
  }

  of(sheet: string, row: number, col: number, work: Work): Placed[] {
    const read = this.read.get(sheet);
    if (!read || !(read.has(col) || read.has(-1))) return [];
    const out = [...(this.cells.get(`${sheet}\u0000${row}\u0000${col}`) ?? [])];
    const column = this.columns.get(`${sheet}\u0000${col}`) ?? [];
    spend(work, 1 + column.length + this.wide.length);
    for (const x of column) if (row >= x.r1 && row <= x.r2) out.push(x.f);
    for (const { area: a, f } of this.wide)
      if (
        a.sheet === sheet &&
        row >= a.r1 &&
        row <= a.r2 &&
        col >= a.c1 &&
        col <= a.c2
      )
        out.push(f);
    return out;
  }
}

/** An area over more columns than this is checked as a whole rather than listed by column. */
const WIDE_COLUMNS = 64;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The formulas that depend on the changed cells, directly or through one another, in the order a
 * spreadsheet works them out: each after those it reads. Formulas in a cycle (and those that read
 * one) are left out: a circular reference has no value to work out.
 */
function affected(
  readers: Readers,
  changed: Iterable<{ sheet: string; row: number; col: number }>,
  work: Work,
): Placed[] {
  const found = new Set<Placed>();
  // The changed cells are gone through once, as they come (a plan's may be hundreds of thousands).
  let frontier = changed;
  for (;;) {
    const next: Placed[] = [];
    for (const c of frontier)
      for (const f of readers.of(c.sheet, c.row, c.col, work))
        if (!found.has(f)) {
          found.add(f);
          next.push(f);
        }
    if (next.length === 0) break;
    frontier = next;
  }
  // Kahn's order over the formulas found: each after the found ones it reads.
  const waiting = new Map<Placed, number>();
  const readersOf = new Map<Placed, Placed[]>();
  for (const g of found) {
    const rs = [...new Set(readers.of(g.sheet, g.row, g.col, work))].filter(
      (f) => found.has(f),
    );
    readersOf.set(g, rs);
    for (const f of rs) waiting.set(f, (waiting.get(f) ?? 0) + 1);
  }
  const order = [...found].filter((f) => !waiting.get(f));
  for (let i = 0; i < order.length; i++)
    for (const r of readersOf.get(order[i]!) ?? []) {
      const n = waiting.get(r)! - 1;
      waiting.set(r, n);
      if (n === 0) order.push(r);
    }
  return order;
}

const indexed = new WeakMap<WorkbookGrids, Readers>();

/** The workbook's formulas as read, indexed by the cells they read (made once per workbook read). */
function readersIn(read: WorkbookGrids, work: Work): Readers {
  let readers = indexed.get(read);
  if (!readers) {
    readers = new Readers(
      read.sheets.flatMap((g) => {
        const sheet = sheetKey(g.name);
        return formulasOf(g).map((f): Placed => ({ ...f, sheet }));
      }),
      work,
    );
    indexed.set(read, readers);
  }
  return readers;
}

/**
 * The grids with every formula that depends on a changed cell worked out again from the cells as
 * they are now (`grids`), as the spreadsheet does when the values are typed. `read` is the
 * workbook as read, whose formulas are parsed once and kept.
 */
export function recalculated(
  read: WorkbookGrids,
  grids: WorkbookGrids,
  changed: readonly CellAt[],
): WorkbookGrids {
  if (changed.length === 0) return grids;
  const sheets: Sheets = new Map(
    grids.sheets.map((g) => [sheetKey(g.name), g.rows]),
  );
  const worked = workOut(
    read,
    sourceOf(sheets),
    changed.map((c) => ({ ...c, sheet: sheetKey(c.sheet) })),
    UNBOUNDED,
  );
  if (worked.length === 0) return grids;
  // Only the rows (and sheets) with a cell worked out are copied.
  const copied = new Map<string, Map<number, (Cell | undefined)[]>>();
  for (const w of worked) {
    let rows = copied.get(w.sheet);
    if (!rows)
      copied.set(w.sheet, (rows = new Map<number, (Cell | undefined)[]>()));
    let row = rows.get(w.row);
    if (!row) rows.set(w.row, (row = [...(sheets.get(w.sheet)![w.row] ?? [])]));
    row[w.col] = w.cell;
  }
  return {
    sheets: grids.sheets.map((g) => {
      const rows = copied.get(sheetKey(g.name));
      if (!rows) return g;
      const all = [...g.rows];
      for (const [r, row] of rows) all[r] = row;
      return { ...g, rows: all };
    }),
  };
}

/** A cell of a sheet, 0-based. */
export interface CellAt {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/** A formula worked out: its cell (the sheet by normalised name) with the value it now shows. */
export interface WorkedOut extends CellAt {
  readonly cell: Cell;
}

/** Excel's columns: a cell's number within its sheet is row × COLUMNS + column. */
const COLUMNS = 16_384;
export const cellKey = (row: number, col: number): number =>
  row * COLUMNS + col;
export const cellAtKey = (key: number): { row: number; col: number } => ({
  row: Math.floor(key / COLUMNS),
  col: key % COLUMNS,
});

/**
 * The formulas of `formulas` that depend on the changed cells (directly or through one another,
 * by normalised sheet name), worked out over the cells as `cellAt` gives them now, each after
 * those it reads. Within `work` cells read and formulas looked at; null past it (a crafted
 * workbook of 100 000 formulas each summing 100 000 cells), when none is.
 */
export function workedOutWithin(
  formulas: WorkbookGrids,
  cellAt: CellSource,
  changed: Iterable<CellAt>,
  work: number,
): WorkedOut[] | null {
  try {
    return workOut(formulas, cellAt, changed, { left: work });
  } catch (e) {
    if (e instanceof OverBudget) return null;
    throw e;
  }
}

function workOut(
  formulas: WorkbookGrids,
  cellAt: CellSource,
  changed: Iterable<CellAt>,
  budget: Work,
): WorkedOut[] {
  const order = affected(readersIn(formulas, budget), changed, budget);
  // What is worked out is read by the formulas after it.
  const now = new Map<string, Map<number, Cell>>();
  const evaluator = new Evaluator(
    (sheet) => {
      const cells = cellAt(sheet);
      const worked = now.get(sheet);
      return worked
        ? (r, c) => worked.get(cellKey(r, c)) ?? cells(r, c)
        : cells;
    },
    budget,
    hiddenRowsOf(formulas),
  );
  const out: WorkedOut[] = [];
  for (const f of order) {
    const before = evaluator.cell(f.sheet, f.row, f.col);
    if (before === undefined) continue;
    let value: Value;
    try {
      value = evaluator.scalar(f.node);
    } catch (e) {
      // A function this does not know: the cell keeps the value the file holds.
      if (!(e instanceof Unsupported)) throw e;
      continue;
    }
    const cell = withValue(before, value);
    let sheet = now.get(f.sheet);
    if (!sheet) now.set(f.sheet, (sheet = new Map<number, Cell>()));
    sheet.set(cellKey(f.row, f.col), cell);
    out.push({ sheet: f.sheet, row: f.row, col: f.col, cell });
  }
  return out;
}
