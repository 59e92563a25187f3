// A sheet's rows as Excel, LibreOffice and most writers write them, read in one tight pass: a row of
// cells, each a value, a formula or an inline string, with plain attributes. On a large sheet the
// general scanner's events (an open, a text and a close for every tag) were most of `check`'s
// reading. A row in any other form (a comment, an unknown entity, CDATA, rich text, a prefix, odd spacing
// in a tag) is left to the general scanner, which reads it as before: this pass only takes what it
// reads exactly as the scanner and the reader's handler would (test/xlsx/rows.test.ts holds the two
// to the same cells on generated sheets and the corpus).

import {
  Attributes,
  decodeEntities,
  integerAt,
  isSpace,
  localNameStart,
} from "./scan";

/** One row as read: its r attribute and its cells' fields, reused from row to row. */
export class RowBuffer {
  /** The row's r attribute as written, or undefined. */
  r: string | undefined = undefined;
  /** The row's hidden attribute as written ("1", "true"), or undefined. */
  hidden: string | undefined = undefined;
  count = 0;
  /**
   * The cell's reference (zero-based) when its r attribute is a plain A1 reference; refCol is -1
   * when it is not (refRow can be -1 in a reference: "A0").
   */
  readonly refRow: number[] = [];
  readonly refCol: number[] = [];
  readonly type: string[] = [];
  /** The s attribute as the reader takes it: 0 when absent, -1 when not a whole number. */
  readonly style: number[] = [];
  readonly value: (string | null)[] = [];
  readonly formula: (string | null)[] = [];
  /** The si of a shared formula's cell (`<f t="shared" si="0">`), else null. */
  readonly shared: (string | null)[] = [];
  readonly inline: string[] = [];
  // Where things are, for a writer that copies what it does not change (the sheet editor):
  /** Where the row's start tag ends (after its ">" or "/>"). */
  tagEnd = 0;
  /** The spans attribute, from its name to after its closing quote; spansStart -1 when absent. */
  spansStart = -1;
  spansEnd = -1;
  /** Each cell from its "<" to after its end tag (or "/>"). */
  readonly cellStart: number[] = [];
  readonly cellEnd: number[] = [];
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;

/** ASCII letters, digits, _ - . and : by character code: 1 for a name character. */
const NAME_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  NAME_CHARS[c] =
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x3a
      ? 1
      : 0;

/** A character of an attribute or tag name that needs no closer look (ASCII letters, digits, _ - . :). */
export function isNameChar(c: number): boolean {
  return c < 128 && NAME_CHARS[c] === 1;
}

// The tag being read: module state, not an object per tag (this runs for every cell of a sheet,
// one row at a time, never re-entered). Its attributes are the scanner's own, found and read as
// the scanner's handlers find and read them.
const attrs = new Attributes("");
/** Where the last tag read by `attributes` ended, and whether it was empty ("/>"). */
let tagEnd = 0;
let tagEmpty = false;

/** Where the attribute `nextAttribute` read last has its name and value (module state, as above). */
let nameStart = 0;
let nameEnd = 0;
let valueStart = 0;
let valueEnd = 0;
/** What `nextAttribute` returns at the tag's ">" or "/>" (tagEnd and tagEmpty set)… */
const TAG_ENDED = -1;
/** …and for an attribute the scanner would read otherwise. */
const NOT_PLAIN = -2;

/**
 * The next attribute of a tag from `i`, when it is plain: name="value" or name='value' after white
 * space, its value without "<", "&", tabs or line ends (which the scanner would decode or
 * normalise). Returns where it ends, its spans in nameStart…valueEnd; or TAG_ENDED, or NOT_PLAIN.
 */
function nextAttribute(x: string, i: number): number {
  const before = i;
  let c = x.charCodeAt(i);
  while (isSpace(c)) c = x.charCodeAt(++i);
  if (c === GT) {
    tagEnd = i + 1;
    tagEmpty = false;
    return TAG_ENDED;
  }
  if (c === SLASH) {
    if (x.charCodeAt(i + 1) !== GT) return NOT_PLAIN;
    tagEnd = i + 2;
    tagEmpty = true;
    return TAG_ENDED;
  }
  // An attribute must follow white space, start with a letter or "_", and have a name.
  if (i === before || i >= x.length) return NOT_PLAIN;
  if (!((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) && c !== 0x5f)
    return NOT_PLAIN;
  nameStart = i;
  // The name check written out: this runs for every attribute of every cell.
  while (c < 128 && NAME_CHARS[c] === 1) c = x.charCodeAt(++i);
  nameEnd = i;
  if (c !== EQUALS) return NOT_PLAIN;
  const quote = x.charCodeAt(++i);
  if (quote !== 0x22 && quote !== 0x27) return NOT_PLAIN;
  valueStart = ++i;
  for (c = x.charCodeAt(i); c !== quote; c = x.charCodeAt(++i))
    if (
      c === LT ||
      c === 0x26 ||
      c === 0x09 ||
      c === 0x0a ||
      c === 0x0d ||
      i >= x.length
    )
      return NOT_PLAIN;
  valueEnd = i;
  return i + 1;
}

/**
 * The attributes of the tag whose name ends at `i`, into `attrs`; true when they are all plain
 * (nextAttribute). Sets tagEnd after the tag's ">".
 */
function attributes(x: string, i: number): boolean {
  attrs.source = x;
  attrs.reset();
  for (;;) {
    i = nextAttribute(x, i);
    if (i === TAG_ENDED) return true;
    if (i === NOT_PLAIN) return false;
    attrs.add(nameStart, nameEnd, valueStart, valueEnd);
  }
}

/** Attribute `k`'s value as written (plain: nothing to decode). */
function valueOf(x: string, k: number): string {
  return x.slice(attrs.valueStart(k), attrs.valueEnd(k));
}

/** The si of the `<f>` tag just read when it is a shared formula's (t="shared"), else null. */
function sharedIndex(x: string): string | null {
  const t = attrs.find("t");
  if (t < 0) return null;
  const si = attrs.find("si");
  const start = attrs.valueStart(t);
  return si >= 0 &&
    attrs.valueEnd(t) - start === 6 &&
    x.startsWith("shared", start)
    ? valueOf(x, si)
    : null;
}

/**
 * The text from `i` up to the end tag `close` ("</v>"), its entities decoded as the scanner decodes
 * them (a formula comparing text is full of &quot;), or null when it holds a carriage return, an
 * entity the scanner would not take, or anything but text. Sets tagEnd after the end tag.
 */
function textUpTo(x: string, i: number, close: string): string | null {
  const lt = x.indexOf("<", i);
  if (lt < 0 || !x.startsWith(close, lt)) return null;
  let entities = false;
  for (let k = i; k < lt; k++) {
    const c = x.charCodeAt(k);
    if (c === 0x0d) return null;
    if (c === 0x26) entities = true;
  }
  tagEnd = lt + close.length;
  if (!entities) return x.slice(i, lt);
  try {
    const text = decodeEntities(x, i, lt);
    // &#13; is a carriage return, which the scanner would make a line end.
    return text.indexOf("\r") < 0 ? text : null;
  } catch {
    // An unknown or unterminated entity: the scanner reads the row and reports where.
    return null;
  }
}

/**
 * A value's text from `i` up to its "</v>", as textUpTo(x, i, "</v>") reads it: a number or a
 * shared string's index, without entities, in one look at each character.
 */
function valueUpTo(x: string, i: number): string | null {
  let k = i;
  let c = x.charCodeAt(k);
  while (c !== LT && c !== 0x26 && c !== 0x0d && k < x.length)
    c = x.charCodeAt(++k);
  if (
    c === LT &&
    x.charCodeAt(k + 1) === SLASH &&
    x.charCodeAt(k + 2) === 0x76 &&
    x.charCodeAt(k + 3) === GT
  ) {
    tagEnd = k + 4;
    return x.slice(i, k);
  }
  return textUpTo(x, i, "</v>");
}

/** After white space from `i`. */
export function skipSpace(x: string, i: number): number {
  while (isSpace(x.charCodeAt(i))) i++;
  return i;
}

/** Whether x has `tag` at i followed by white space, ">" or "/" (so "<c" is not "<col"). */
function tagAt(x: string, i: number, tag: string): boolean {
  if (!x.startsWith(tag, i)) return false;
  const c = x.charCodeAt(i + tag.length);
  return isSpace(c) || c === GT || c === SLASH;
}

/**
 * "B12" at x[start, end) → column and row, zero-based, into `ref` (no string or object per cell:
 * a sheet has many); false when it is not a plain A1 reference (as parseA1 decides).
 */
export function readRef(
  x: string,
  start: number,
  end: number,
  ref: { row: number; col: number },
): boolean {
  let i = x.charCodeAt(start) === 0x24 ? start + 1 : start; // "$"
  let col = 0;
  const lettersFrom = i;
  for (
    let c = x.charCodeAt(i) | 0x20;
    i < end && c >= 0x61 && c <= 0x7a;
    c = x.charCodeAt(++i) | 0x20
  )
    col = col * 26 + (c - 0x60);
  if (i === lettersFrom || i - lettersFrom > 3) return false;
  if (i < end && x.charCodeAt(i) === 0x24) i++;
  let row = 0;
  const digitsFrom = i;
  for (
    let c = x.charCodeAt(i);
    i < end && c >= 0x30 && c <= 0x39;
    c = x.charCodeAt(++i)
  )
    row = row * 10 + (c - 0x30);
  if (i === digitsFrom || i - digitsFrom > 7 || i !== end) return false;
  ref.row = row - 1;
  ref.col = col - 1;
  return true;
}

const ref = { row: 0, col: 0 };

/**
 * A cell's start tag from `i` (after "<c"), its r, t and s attributes read in place into `b` at
 * `k`: the tag `attributes` takes, each of the three the first whose local name it is ("r" or
 * "x:r", never an xmlns declaration), as Attributes.find finds them: read as they come, not kept
 * in `attrs` and looked up, for this runs for every cell of a sheet. Sets tagEnd; false when the
 * tag is not plain.
 */
function cellTag(x: string, i: number, b: RowBuffer, k: number): boolean {
  let seen = 0; // bits: 1 r, 2 t, 4 s
  b.refRow[k] = -1;
  b.refCol[k] = -1;
  b.type[k] = "n";
  b.style[k] = 0;
  for (;;) {
    i = nextAttribute(x, i);
    if (i === TAG_ENDED) return true;
    if (i === NOT_PLAIN) return false;
    // A name of one letter is its own local name (most cells' r, s and t).
    const local =
      nameEnd - nameStart === 1
        ? nameStart
        : localNameStart(x, nameStart, nameEnd);
    if (local < 0 || nameEnd - local !== 1) continue;
    const l = x.charCodeAt(local);
    if (l === 0x72 /* r */) {
      if (seen & 1) continue;
      seen |= 1;
      if (readRef(x, valueStart, valueEnd, ref)) {
        b.refRow[k] = ref.row;
        b.refCol[k] = ref.col;
      }
    } else if (l === 0x74 /* t */) {
      if (seen & 2) continue;
      seen |= 2;
      b.type[k] = typeAt(x, valueStart, valueEnd);
    } else if (l === 0x73 /* s */ && !(seen & 4)) {
      seen |= 4;
      b.style[k] = integerAt(x, valueStart, valueEnd);
    }
  }
}

/** A cell's t attribute: the types there are without a new string each. */
function typeAt(x: string, start: number, end: number): string {
  const length = end - start;
  if (length === 1) {
    const c = x.charCodeAt(start);
    if (c === 0x73) return "s";
    if (c === 0x6e) return "n";
    if (c === 0x62) return "b";
    if (c === 0x65) return "e";
    if (c === 0x64) return "d";
  } else if (length === 3 && x.startsWith("str", start)) return "str";
  else if (length === 9 && x.startsWith("inlineStr", start)) return "inlineStr";
  return x.slice(start, end);
}

/**
 * One row at x[at] into `b`: where it ends, or -1 when it is not a row this pass reads (the
 * scanner reads it then; `b` is then partly filled and must not be used).
 */
export function readRow(x: string, at: number, b: RowBuffer): number {
  const end = rowAt(x, at, b);
  // The module's attributes must not keep the piece (megabytes of a sheet) alive after it.
  attrs.source = "";
  return end;
}

function rowAt(x: string, at: number, b: RowBuffer): number {
  if (!tagAt(x, at, "<row") || !attributes(x, at + 4)) return -1;
  const r = attrs.find("r");
  b.r = r < 0 ? undefined : valueOf(x, r);
  const hidden = attrs.find("hidden");
  b.hidden = hidden < 0 ? undefined : valueOf(x, hidden);
  const spans = attrs.find("spans");
  b.spansStart = spans < 0 ? -1 : attrs.nameStart(spans);
  b.spansEnd = spans < 0 ? -1 : attrs.valueEnd(spans) + 1;
  b.tagEnd = tagEnd;
  b.count = 0;
  if (tagEmpty) return tagEnd;
  let i = tagEnd;
  for (;;) {
    i = skipSpace(x, i);
    if (x.startsWith("</row>", i)) return i + 6;
    const cellStart = i;
    const k = b.count++;
    if (!tagAt(x, i, "<c") || !cellTag(x, i + 2, b, k)) return -1;
    b.cellStart[k] = cellStart;
    b.value[k] = null;
    b.formula[k] = null;
    b.shared[k] = null;
    b.inline[k] = "";
    i = tagEnd;
    if (tagEmpty) {
      b.cellEnd[k] = i;
      continue;
    }
    for (;;) {
      i = skipSpace(x, i);
      // "</c>" and "<v>" by their characters: these run for every cell.
      if (
        x.charCodeAt(i) === LT &&
        x.charCodeAt(i + 1) === SLASH &&
        x.charCodeAt(i + 2) === 0x63 &&
        x.charCodeAt(i + 3) === GT
      ) {
        i += 4;
        b.cellEnd[k] = i;
        break;
      }
      if (
        x.charCodeAt(i) === LT &&
        x.charCodeAt(i + 1) === 0x76 &&
        x.charCodeAt(i + 2) === GT
      ) {
        const v = valueUpTo(x, i + 3);
        if (v === null) return -1;
        b.value[k] = v;
      } else if (tagAt(x, i, "<f")) {
        if (!attributes(x, i + 2)) return -1;
        b.shared[k] = sharedIndex(x);
        if (tagEmpty) b.formula[k] = "";
        else {
          const f = textUpTo(x, tagEnd, "</f>");
          if (f === null) return -1;
          b.formula[k] = f;
        }
      } else if (x.startsWith("<is>", i)) {
        // One plain text run: <is><t>…</t></is> (rich text and phonetics go to the scanner).
        const ti = skipSpace(x, i + 4);
        if (!tagAt(x, ti, "<t") || !attributes(x, ti + 2)) return -1;
        if (!tagEmpty) {
          const text = textUpTo(x, tagEnd, "</t>");
          if (text === null) return -1;
          // A second <is> in a cell (a damaged or crafted file) adds its text, as the scanner does.
          b.inline[k] += text;
        }
        const close = skipSpace(x, tagEnd);
        if (!x.startsWith("</is>", close)) return -1;
        tagEnd = close + 5;
      } else return -1;
      i = tagEnd;
    }
  }
}
