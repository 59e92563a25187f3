// Cell values → typed values (SPEC §3.3). Nothing here throws: a value is either read or a reason.

import type { Cell } from "./grid";
import {
  type IsoDate,
  isDateFormat,
  isPercentFormat,
  isValidDate,
  isoFromParts,
  daysInMonth,
  serialToIso,
} from "./dates";

export const ERROR_VALUES = [
  "#REF!",
  "#DIV/0!",
  "#VALUE!",
  "#N/A",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
];

/** Why a cell could not be read; the caller turns it into a finding at the cell. */
export type ReadFailure =
  | { readonly kind: "error-value"; readonly text: string }
  | { readonly kind: "not-a-number"; readonly text: string }
  | { readonly kind: "not-a-date"; readonly text: string }
  | { readonly kind: "uncalculated-formula"; readonly text: string };

export type Read<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: ReadFailure };

export interface ParsedNumber {
  readonly value: number;
  /** The text carried a percent sign, or the cell is formatted as percent (value is then a fraction). */
  readonly percent: boolean;
}

/** A kronor mark after an amount: "kr", "kronor", "SEK", ":-", and ",-" or ".-" for whole kronor. */
const KRONOR_AFTER = String.raw`(?:[:,.][-–−]|kronor|kr\.?|sek\.?)`;
const KRONOR_SUFFIX = new RegExp(`${KRONOR_AFTER}$`);
// Ordinary, no-break, narrow no-break, thin and figure spaces all group thousands in Swedish text.
const SPACES = /[\s\u00a0\u202f\u2009\u2007\u2008\u200a]+/g;
const MINUS_SIGNS = /^[\u2212\u2013\u2012\u2014\u2010-]/;
/** "50 %", "50 procent", "50 proc.": the text's spaces are gone when this is looked for. */
const PERCENT_SIGN = /(?:%|procent|proc\.?)$/;

/**
 * The longest text read as a number or a date: "1 925 000,00 kronor" is 19 characters. A longer
 * one is not parsed at all (a cell of 32 767 characters took a millisecond, in each of a
 * line's columns).
 */
const MAX_VALUE_TEXT = 100;

/** Parses Swedish number text: "1 925 000 kr", "45 000:-", "1 011 578,45", "−73 375", "(73 375)", "275 %". */
export function parseNumberText(raw: string): ParsedNumber | null {
  if (raw.length > MAX_VALUE_TEXT) return null;
  let s = withoutUnseen(raw).replace(SPACES, "").toLowerCase();
  if (s === "") return null;
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/^(sek|kr)/, "");
  // "45 000:-", and "45 000,-" as Swedish whole kronor are written.
  s = s.replace(KRONOR_SUFFIX, "");
  let percent = false;
  const sign = PERCENT_SIGN.exec(s);
  if (sign) {
    percent = true;
    s = s.slice(0, -sign[0].length);
  }
  if (MINUS_SIGNS.test(s)) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith("+")) {
    s = s.slice(1);
  }
  // A trailing minus, as some accounting systems export it.
  if (/^[\d.,]+[\u2212-]$/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  let normalized: string;
  if (/^\d+$/.test(s)) normalized = s;
  else if (/^\d+,\d+$/.test(s)) normalized = s.replace(",", ".");
  else if (/^\d+\.\d+$/.test(s)) normalized = s;
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s))
    normalized = s.replace(/\./g, "").replace(",", ".");
  else if (
    /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) &&
    (s.match(/,/g)?.length ?? 0) + (s.includes(".") ? 1 : 0) >= 2
  ) {
    normalized = s.replace(/,/g, "");
  } else if (/^,\d+$/.test(s)) normalized = "0" + s.replace(",", ".");
  else return null;
  const value = Number(normalized);
  if (!Number.isFinite(value)) return null;
  return { value: negative ? -value : value, percent };
}

export function errorValueOf(cell: Cell | undefined): string | null {
  if (!cell) return null;
  if (cell.t === "e") return cell.v;
  // A number no spreadsheet holds (NaN, an infinity) from an adapter: what Excel shows for one.
  if (cell.t === "n" && !Number.isFinite(cell.v)) return "#NUM!";
  if (cell.t === "s") {
    const t = cell.v.trim().toUpperCase();
    if (ERROR_VALUES.includes(t)) return t;
  }
  return null;
}

function cellText(cell: Cell): string {
  return cell.t === "z" ? `=${cell.f ?? ""}` : String(cell.v);
}

/** A lone dash, as people write "nothing" in a table. */
const LONE_DASH = /^[-\u2013\u2212\u2014]$/;

/** Whether a cell holds a lone dash (around it only spaces and unseen characters). */
export function isDashCell(cell: Cell | undefined): boolean {
  return (
    cell !== undefined &&
    cell.t === "s" &&
    cell.v.length < 8 &&
    LONE_DASH.test(withoutUnseen(cell.v).trim())
  );
}

/** Reads a number: null for an empty cell; a failure for text that is not a number. */
export function readNumber(cell: Cell | undefined): Read<ParsedNumber | null> {
  if (!cell) return { ok: true, value: null };
  const err = errorValueOf(cell);
  if (err) return { ok: false, failure: { kind: "error-value", text: err } };
  switch (cell.t) {
    case "n":
      return {
        ok: true,
        value: { value: cell.v, percent: isPercentFormat(cell.fmt) },
      };
    case "s": {
      // As a person sees it: "1 925\u200b000 kr" is the amount it shows.
      const t = withoutUnseen(cell.v).trim();
      // A lone dash is how people write "nothing" in a table.
      if (t === "" || LONE_DASH.test(t)) return { ok: true, value: null };
      const p = parseNumberText(t);
      if (p === null)
        return { ok: false, failure: { kind: "not-a-number", text: t } };
      // "275 %" typed as text means 2.75 as a fraction, like a percent-formatted cell.
      return {
        ok: true,
        value: p.percent ? { value: p.value / 100, percent: true } : p,
      };
    }
    case "z":
      return cell.f
        ? {
            ok: false,
            failure: { kind: "uncalculated-formula", text: cellText(cell) },
          }
        : { ok: true, value: null };
    default:
      return {
        ok: false,
        failure: { kind: "not-a-number", text: cellText(cell) },
      };
  }
}

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  january: 1,
  februari: 2,
  feb: 2,
  february: 2,
  mars: 3,
  mar: 3,
  march: 3,
  april: 4,
  apr: 4,
  maj: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  augusti: 8,
  aug: 8,
  august: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  october: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

export function monthNumber(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, "")];
}

export const MONTH_WORD = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");

const MONTH_RANGE = new RegExp(
  String.raw`^(${MONTH_WORD})\.?\s*[-–—−]\s*(${MONTH_WORD})\.?$`,
  "i",
);

/**
 * The months a line's text names within a half-year: "jul–dec" 6, "september–december" 4, "hela
 * halvåret" 6; null for any other text (a range across the half-years among them).
 */
export function monthsOfText(text: string): number | null {
  const t = withoutUnseen(text).trim();
  if (t.length > 40) return null;
  if (/^hela (?:halvåret|perioden)$/i.test(t)) return 6;
  const range = monthRange(t);
  return range && range.to - range.from + 1;
}

/** The months of a range within one half-year ("sep–dec": 9 to 12); null for any other text. */
function monthRange(text: string): { from: number; to: number } | null {
  const m = MONTH_RANGE.exec(text);
  if (!m) return null;
  const from = monthNumber(m[1]!)!;
  const to = monthNumber(m[2]!)!;
  return to < from || from <= 6 !== to <= 6 ? null : { from, to };
}

/** The half of the year a line's range of months lies in ("jul–dec": 2); null for other text. */
export function halfOfMonths(text: string): 1 | 2 | null {
  const t = withoutUnseen(text).trim();
  const range = t.length > 40 ? null : monthRange(t);
  return range && (range.from <= 6 ? 1 : 2);
}

/**
 * "6 mån" → "6" (also "6 månader", "6 months"). Trimmed first: a regular expression that looks
 * for white space before the word at every position took 0.7 s on a cell of 30 000 spaces.
 */
export function withoutMonthWord(text: string): string {
  const trimmed = text.trimEnd();
  const bare = trimmed.replace(/(?:månader|mån|man|months?)\.?$/i, "");
  return bare === trimmed ? text : bare.trimEnd();
}

const PER_MONTH = /\s*(?:\/|per |i |om )\s*(?:månaden|månad|mån|month|mo)\.?$/i;

/**
 * A monthly amount without its "per month": "45 000 kr/mån", "45 000 kr per månad". Only where
 * the column is a month's (a monthly cost, a salary): in a budget it would be another figure.
 */
export function withoutPerMonth(text: string): string {
  return text.length > MAX_VALUE_TEXT ? text : text.replace(PER_MONTH, "");
}

/** Which day a month-only date ("juni 2025") stands for: a start date is the 1st, a due date the last day. */
export type MonthAnchor = "first" | "last";

/** Parses date text: "2025-07-01", "2025/07/01", "1 juli 2025", "01.07.2025", "juni 2025". */
export function parseDateText(
  raw: string,
  anchor: MonthAnchor = "first",
): IsoDate | null {
  if (raw.length > MAX_VALUE_TEXT) return null;
  const s = raw.trim().toLowerCase().replace(SPACES, " ");
  let m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(
      s,
    );
  if (m) return checked(+m[1]!, +m[2]!, +m[3]!);
  // Day first: "01.07.2025", "1/7/2025", "01-07-2025", and as Swedes write it short, "1/7 2025"
  // or "1/7-2025".
  m =
    /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s) ??
    /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(s) ??
    /^(\d{1,2})\/(\d{1,2})[ -](\d{4})$/.exec(s);
  if (m) return checked(+m[3]!, +m[2]!, +m[1]!);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return checked(+m[1]!, +m[2]!, +m[3]!);
  // Six digits, year first as Swedes shorten it ("250701"): of this century.
  m = /^(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (m) return checked(2000 + +m[1]!, +m[2]!, +m[3]!);
  m = new RegExp(
    `^(?:den )?(\\d{1,2})(?::e|:a)? (${MONTH_WORD})\\.? (\\d{4})$`,
  ).exec(s);
  if (m) return checked(+m[3]!, monthNumber(m[2]!)!, +m[1]!);
  m = new RegExp(`^(${MONTH_WORD})\\.? (\\d{4})$`).exec(s);
  if (m) {
    const y = +m[2]!;
    const mo = monthNumber(m[1]!)!;
    return checked(y, mo, anchor === "first" ? 1 : daysInMonth(y, mo));
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const y = +m[1]!;
    const mo = +m[2]!;
    return mo >= 1 && mo <= 12
      ? checked(y, mo, anchor === "first" ? 1 : daysInMonth(y, mo))
      : null;
  }
  return null;
}

function checked(y: number, m: number, d: number): IsoDate | null {
  return isValidDate(y, m, d) ? isoFromParts(y, m, d) : null;
}

/** Reads a date from a date cell, a serial number, or date text. */
export function readDate(
  cell: Cell | undefined,
  anchor: MonthAnchor = "first",
): Read<IsoDate | null> {
  if (!cell) return { ok: true, value: null };
  const err = errorValueOf(cell);
  if (err) return { ok: false, failure: { kind: "error-value", text: err } };
  if (cell.t === "n") {
    // A plain number in a date field is taken as a serial when it is a plausible one (1955–2173),
    // else as the date typed without dashes, as the number Excel keeps: 20250701 or 250701.
    const iso =
      (isDateFormat(cell.fmt) || (cell.v > 20000 && cell.v < 100000)
        ? serialToIso(cell.v)
        : null) ??
      (Number.isInteger(cell.v) && cell.v >= 100000 && cell.v < 30000000
        ? parseDateText(String(cell.v), anchor)
        : null);
    return iso
      ? { ok: true, value: iso }
      : { ok: false, failure: { kind: "not-a-date", text: String(cell.v) } };
  }
  if (cell.t === "s") {
    const t = withoutUnseen(cell.v).trim();
    if (t === "") return { ok: true, value: null };
    const iso = parseDateText(t, anchor);
    return iso
      ? { ok: true, value: iso }
      : { ok: false, failure: { kind: "not-a-date", text: t } };
  }
  if (cell.t === "z")
    return cell.f
      ? {
          ok: false,
          failure: { kind: "uncalculated-formula", text: cellText(cell) },
        }
      : { ok: true, value: null };
  return { ok: false, failure: { kind: "not-a-date", text: cellText(cell) } };
}

/**
 * Characters that are not seen: Unicode's format characters, the bidirectional controls among
 * them (embeddings, overrides, isolates, marks), a soft hyphen, a zero-width space or joiner, a
 * byte order mark. A label or name is shown inside sentences (a finding, the memo's decision): an
 * override left open in it turned the rest of the sentence around, its amount with it ("rk 786 63"
 * for "36 687 kr"). Text pasted from Word or a web page brings the others: "Hälso\u00adfrämjare"
 * in one half-year was another post than "Hälsofrämjare" in the next, and the memo's table showed
 * the post twice, six months each.
 */
const UNSEEN = /\p{Cf}/gu;

/**
 * A reference into another workbook in a formula, its book in the brackets: "[Budget.xlsx]Blad!A1",
 * "'C:\\Mapp\\[Budget 2025.xlsx]Löner'!K5" as Excel shows them, "[1]Blad!A1" as a file may keep it,
 * "[1]!Namn" for a name. A sheet's "!" follows the bracket: a table's column ("Tabell1[Budget]",
 * "[@Budget]") is never followed by one.
 */
export const EXTERNAL_REF = /\[([^[\]]+)\](?=(?:[\p{L}\p{N}_.]*|[^'[\]]*')!)/u;

/**
 * The workbook a formula takes a value from, other than its own: its file name, "" where only its
 * number is known; null for a formula of the workbook itself.
 */
export function externalBookOf(formula: string): string | null {
  if (!formula.includes("[")) return null;
  const book = EXTERNAL_REF.exec(formula)?.[1];
  return book === undefined ? null : /^\d+$/.test(book) ? "" : book;
}

/** A workbook's text as the product shows it: without the characters that are not seen. */
export function withoutUnseen(text: string): string {
  return text.replace(UNSEEN, "");
}

/**
 * A file's name as the product shows it (in `Beslut`'s stamp, the memo, the page): the last part
 * of its path, without the characters that are not seen. A name is chosen by whoever sends the
 * file, and an override in "rapport-2024\u202exslx.xlsx" shows it as "rapport-2024xlsx.xslx", and
 * turns the rest of the sentence around it.
 */
export function shownFileName(path: string): string {
  return withoutUnseen(path.replace(/^.*[\\/]/, ""));
}

/**
 * The text of a cell as a person sees it (numbers in plain form), without the characters that are
 * not seen; "" for empty.
 */
export function readText(cell: Cell | undefined): string {
  if (!cell || cell.t === "z") return "";
  if (cell.t === "n") return String(cell.v);
  if (cell.t === "b") return cell.v ? "SANT" : "FALSKT";
  return withoutUnseen(cell.v).trim();
}

/** Full-time posts in words: "2,75 tjänster", "0,5 heltid", "1 åa". */
const POSTS_IN_WORDS =
  /^(\d{1,4}(?:[.,]\d{1,6})?) ?(?:tjänst|tjänster|heltid|heltider|heltidstjänst|heltidstjänster|åa|årsarbetare|årsarbeten|fte)$/u;

/**
 * A service percentage in words, in percent points: "heltid" is 100, "halvtid" 50, "2,75 tjänster"
 * 275 (it was "not a number", and the line had no budget).
 */
export function serviceWord(text: string): number | null {
  const k = normalizeKey(text);
  if (k === "heltid") return 100;
  if (k === "halvtid") return 50;
  const posts = POSTS_IN_WORDS.exec(withoutUnseen(text).trim().toLowerCase());
  return posts ? Number(posts[1]!.replace(",", ".")) * 100 : null;
}

/**
 * Thousands and millions of kronor, as economists write them: "45 tkr", "45k", "1,2 Mkr", a header
 * "Budget (tkr)" or "Belopp i tusental kronor". One krona for a kronor mark ("kr", "SEK", ":-").
 */
// The unit last, after no letter: found from the end, in time linear in the text (a text of
// 32 000 characters in a cell is within the limits). "k" only in an amount's text: a header's "k"
// names nothing.
const SCALED_WORD = /(?<!\p{L})(tkr|tsek|ksek|kkr|k|mkr|msek|mnkr)\.?$/iu;
const KRONOR_MARK = new RegExp(`^(?:sek|kr)|${KRONOR_AFTER}$`, "i");
const THOUSAND_WORDS = new Set(["tkr", "tsek", "ksek", "kkr"]);
const MILLION_WORDS = new Set(["mkr", "msek", "mnkr"]);
export const THOUSAND = 1000;
export const MILLION = 1_000_000;

/** How a unit is named: an added header's "(tkr)", and in messages. */
export const UNIT_NAMES: Readonly<
  Record<
    number,
    { readonly short: string; readonly sv: string; readonly en: string }
  >
> = {
  [THOUSAND]: {
    short: "tkr",
    sv: "tusental kronor (tkr)",
    en: "thousands of kronor (tkr)",
  },
  [MILLION]: {
    short: "Mkr",
    sv: "miljoner kronor (Mkr)",
    en: "millions of kronor (Mkr)",
  },
};

function unitOfWord(word: string): number | null {
  const w = word.toLowerCase();
  return THOUSAND_WORDS.has(w)
    ? THOUSAND
    : MILLION_WORDS.has(w)
      ? MILLION
      : null;
}

/**
 * An amount of one to three digits, one separator and three digits ("45.000", "12,500 kr",
 * "45.000,-"): its separator groups thousands, as no amount has three decimals of a krona.
 */
const ONE_GROUP = new RegExp(
  String.raw`^[(+\-\u2212\u2013]?(?:sek|kr)?[1-9]\d{0,2}[.,]\d{3}(?![\d.,]*\d)${KRONOR_AFTER}?\)?[-\u2212]?$`,
  "i",
);

/** Whether an amount in kronor is written with one thousands separator and no decimals. */
export function isGroupedThousands(text: string): boolean {
  return ONE_GROUP.test(withoutUnseen(text).replace(SPACES, ""));
}

/**
 * The unit an amount's text names: "45 tkr" is 45 in thousands (the number's text without the
 * word), "45 000 kr" in kronor; null when it names none (the column's unit holds).
 */
export function amountTextUnit(text: string): {
  readonly text: string;
  readonly unit: number | null;
} {
  const t = withoutUnseen(text).trim();
  const scaled = SCALED_WORD.exec(t);
  if (scaled) {
    const number = t.slice(0, scaled.index).trimEnd();
    const word = scaled[1]!;
    // A number before it: "45 tkr", "45k"; "Bank" names no unit.
    if (/\d/.test(number))
      return {
        text: number,
        unit: /^k$/i.test(word) ? THOUSAND : unitOfWord(word),
      };
  }
  return { text, unit: KRONOR_MARK.test(t.replace(SPACES, "")) ? 1 : null };
}

/**
 * An amount's text in a column of `columnUnit` kronor: the number's text without its unit word,
 * kronor per unit of that number ("45 tkr" 1 000, "45 000 kr" 1, else the column's), and whether
 * one thousands separator was read as such ("45.000" in kronor is 45 000: `factor` holds it).
 */
export function amountText(
  text: string,
  columnUnit: number,
): {
  readonly text: string;
  readonly factor: number;
  readonly grouped: boolean;
} {
  const named = amountTextUnit(text);
  const unit = named.unit ?? columnUnit;
  const grouped = unit === 1 && isGroupedThousands(text);
  return { text: named.text, factor: grouped ? 1000 : unit, grouped };
}

/**
 * The unit a header or key names for its amounts: 1 000 for "Budget (tkr)", "Utfall TSEK" or
 * "Belopp i tusental kronor", 1 000 000 for "Mkr" or "miljoner kronor", else 1 (kronor).
 */
export function headerUnit(text: string): number {
  const words = withoutUnseen(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  for (let i = 0; i < words.length; i++) {
    const unit = unitOfWord(words[i]!);
    if (unit) return unit;
    const next = words[i + 1];
    if (next === "kronor" || next === "kr" || next === "sek") {
      if (/^tusen(tal|tals)?$/.test(words[i]!)) return THOUSAND;
      if (/^miljon(er)?$/.test(words[i]!) || words[i] === "milj")
        return MILLION;
    }
  }
  return 1;
}

/** What a number format does to an amount it shows. */
interface AmountFormat {
  /** "#,##0," shows 1 925 000 as 1 925: each comma after the last digit divides by 1 000. */
  readonly divisor: number;
  /** The unit its text names ('#,##0" tkr"' shows 1 925 as "1 925 tkr"), null for none. */
  readonly unit: number | null;
}

const PLAIN_FORMAT: AmountFormat = Object.freeze({ divisor: 1, unit: null });
const formatCache = new Map<string, AmountFormat>();
let lastFormat = "";
let lastAmountFormat: AmountFormat | undefined;

/**
 * Kronor per unit of a number cell's value in a column of `columnUnit` (SPEC §3.3): an amount is
 * what the cell shows. A format that names a unit says what it shows ('#,##0" tkr"': 1 925 is
 * 1 925 000 kr); one that divides without naming one ("#,##0,", Excel's way to show thousands)
 * holds kronor, whatever the header says; else the header's unit ("Budget (tkr)").
 */
export function amountFactor(
  fmt: string | undefined,
  columnUnit: number,
): number {
  if (fmt === undefined || fmt === "General") return columnUnit;
  // The cells of a column share one format: the last one asked is looked at first.
  let f = fmt === lastFormat ? lastAmountFormat : formatCache.get(fmt);
  if (f === undefined) {
    f = parseAmountFormat(fmt);
    if (formatCache.size < 1000) formatCache.set(fmt, f);
  }
  lastFormat = fmt;
  lastAmountFormat = f;
  if (f.unit !== null) return f.unit / f.divisor;
  return f.divisor > 1 ? 1 : columnUnit;
}

function parseAmountFormat(fmt: string): AmountFormat {
  let skeleton = "";
  let literal = "";
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch === ";") break;
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      const stop = end < 0 ? fmt.length : end;
      literal += ` ${fmt.slice(i + 1, stop)} `;
      i = stop;
    } else if (ch === "\\") {
      literal += fmt[++i] ?? "";
    } else if (ch === "_" || ch === "*") {
      i++;
    } else if (ch === "[") {
      const end = fmt.indexOf("]", i + 1);
      const stop = end < 0 ? fmt.length : end;
      // "[$kr-41D]": a currency's text, before the locale.
      if (fmt[i + 1] === "$")
        literal += ` ${fmt.slice(i + 2, stop).split("-")[0]} `;
      i = stop;
    } else if ("0#?.,".includes(ch)) skeleton += ch;
    else literal += ch;
  }
  const last = Math.max(
    skeleton.lastIndexOf("0"),
    skeleton.lastIndexOf("#"),
    skeleton.lastIndexOf("?"),
  );
  const scaling = last < 0 ? "" : /^,*/.exec(skeleton.slice(last + 1))![0];
  const named = headerUnit(literal);
  const unit =
    named !== 1
      ? named
      : KRONOR_MARK.test(literal.replace(SPACES, ""))
        ? 1
        : null;
  return scaling === "" && unit === null
    ? PLAIN_FORMAT
    : { divisor: THOUSAND ** scaling.length, unit };
}

/** Text that is already its own key: letters and digits, words between single spaces. */
const PLAIN_KEY = /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u;

/**
 * Key normalisation for headers and Uppgifter keys (SPEC §3): case-insensitive, ignoring
 * surrounding spaces, punctuation and a unit in parentheses such as "(kr)" or "(%)".
 */
export function normalizeKey(text: string): string {
  // Most labels are words and numbers between single spaces: their key is their lower case, which
  // the passes below would give too, at a tenth of the time (every line's label is keyed).
  const lower = text.toLowerCase();
  if (PLAIN_KEY.test(lower)) return lower;
  return text
    .replace(UNSEEN, "")
    .toLowerCase()
    .replace(/\((?:kr|sek|kronor|%|procent|st|mån|månader|tkr)\)/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/ +/g, " ");
}
