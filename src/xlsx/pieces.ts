// A sheet's XML in pieces that each end right after a row: the reader and the sheet editor take a
// large sheet a few rows at a time, never as one string.

import { isNameChar } from "./rows";
import { asUtf8Declared, decoderLabelOf, strictDecoder } from "./xml";

/**
 * A sheet's XML decoded a few rows at a time: pieces of about 64 KB, each ending right after a
 * row's end tag, so that no piece ends inside a tag (scanXmlPieces). The cut is found in the
 * UTF-8 bytes (`utf8Of`) and each piece decoded once: an end tag is ASCII, so a cut after one
 * never splits a character, and no text is decoded, joined or sliced twice. A stretch of more than a window
 * without "</row>" (the part's head or tail, a large comment or attribute) is walked tag by tag
 * to the next row's end (`stretch`), and decoded as one piece without its comments and processing
 * instructions.
 */
export function* rowPieces(
  bytes: Uint8Array,
  bound: TokenBound = UNBOUNDED,
): Generator<string> {
  yield* pieces(bytes, false, bound);
}

/**
 * The most bytes a run of a sheet read as one may have (a tag, the text between two tags, a CDATA
 * section), and what to throw past it; runs in a stretch are measured as it is walked (a piece
 * that ends at a row within a window holds none longer than the window).
 */
export interface TokenBound {
  readonly maxBytes: number;
  readonly tooLarge: () => never;
}
/** For the sheet editor: what it edits was read, and held to the limit, first. */
const UNBOUNDED: TokenBound = {
  maxBytes: Infinity,
  tooLarge: () => {
    throw new Error("unbounded");
  },
};

/**
 * The same pieces, each cut found by walking the sheet tag by tag: never inside a comment or CDATA
 * section, as a cut searched for from a window's end can be. For a sheet whose pieces did not read.
 */
export function* walkedRowPieces(
  bytes: Uint8Array,
  bound: TokenBound = UNBOUNDED,
): Generator<string> {
  yield* pieces(bytes, true, bound);
}

const WINDOW = 1 << 16;

function* pieces(
  bytes: Uint8Array,
  walked: boolean,
  bound: TokenBound,
): Generator<string> {
  bytes = utf8Of(bytes);
  // The first piece drops a byte order mark; later ones keep whatever they start with.
  const first = strictDecoder("utf-8");
  const rest = strictDecoder("utf-8", { ignoreBOM: true });
  let start = 0;
  while (start < bytes.length) {
    const decode = start === 0 ? first : rest;
    const to = Math.min(start + WINDOW, bytes.length);
    const cut = walked ? -1 : lastRowEndIn(bytes, start, to);
    if (cut >= 0) {
      yield decode(bytes.subarray(start, cut));
      start = cut;
      continue;
    }
    const { end, kept } = stretch(bytes, start, walked ? to : start, bound);
    let piece = decode(bytes.subarray(kept[0], kept[1]));
    for (let k = 2; k < kept.length; k += 2)
      piece += rest(bytes.subarray(kept[k], kept[k + 1]));
    yield piece;
    start = end;
  }
}

/**
 * A stretch from `from` (between two tags) to right after the first row's end tag from `atLeast`,
 * or to the part's end: the byte ranges it keeps, its comments and processing instructions left
 * out. They hold nothing a sheet is read for, and Excel keeps none when it saves; a crafted 190 MB
 * comment was one 190 MB string, then several, in `check` and `compute` (a second of CPU and a
 * gigabyte). The XML declaration stays. A comment, section or instruction that never closes ends
 * the walk, kept only to its opening for the scanner to report (the rest is not a sheet's).
 */
function stretch(
  bytes: Uint8Array,
  from: number,
  atLeast: number,
  bound: TokenBound,
): { end: number; kept: number[] } {
  const kept = [from];
  let at = from;
  // Where the run being walked began: a tag and the text after it, up to the next "<".
  let run = from;
  for (;;) {
    const lt = bytes.indexOf(0x3c /* < */, at);
    if (
      lt - run > bound.maxBytes ||
      (lt < 0 && bytes.length - run > bound.maxBytes)
    )
      bound.tooLarge();
    if (lt < 0) break;
    run = lt;
    const next = bytes[lt + 1];
    if (next === 0x2f /* / */) {
      const end = rowEndAt(bytes, lt);
      if (end >= atLeast) {
        kept.push(end);
        return { end, kept };
      }
    } else if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      const opening = OPENINGS.find((o) => startsWith(bytes, lt, o));
      if (opening !== undefined) {
        const closing = CLOSINGS[opening];
        const close = indexOfAscii(bytes, closing, lt + opening.length);
        if (close < 0) {
          kept.push(lt + opening.length);
          return { end: bytes.length, kept };
        }
        at = close + closing.length;
        // A CDATA section is text, passed over whole; the others are left out.
        if (opening === "<![CDATA[") {
          if (at - lt > bound.maxBytes) bound.tooLarge();
        } else if (!startsWith(bytes, lt, "<?xml ")) kept.push(lt, at);
        run = at;
        continue;
      }
    }
    at = lt + 1;
  }
  kept.push(bytes.length);
  return { end: bytes.length, kept };
}

const CLOSINGS = { "<!--": "-->", "<![CDATA[": "]]>", "<?": "?>" } as const;
const OPENINGS = Object.keys(CLOSINGS) as (keyof typeof CLOSINGS)[];

/** Whether the bytes at `at` are the ASCII text `text`. */
function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k++)
    if (bytes[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** Where the ASCII text `text` next starts in the bytes, from `from`, or -1. */
export function indexOfAscii(
  bytes: Uint8Array,
  text: string,
  from: number,
): number {
  const head = text.charCodeAt(0);
  for (
    let k = bytes.indexOf(head, from);
    k >= 0;
    k = bytes.indexOf(head, k + 1)
  )
    if (startsWith(bytes, k, text)) return k;
  return -1;
}

/** Where the row end tag ("</row>", "</x:row>") starting at `lt` ends, or -1 when it is none. */
function rowEndAt(bytes: Uint8Array, lt: number): number {
  let k = lt + 2;
  // A prefix: letters, digits, "_", "-" or ".", at most 32 of them.
  while (k < lt + 35 && isPrefixByte(bytes[k] ?? 0x3a)) k++;
  if (bytes[k] === 0x3a /* : */ && k > lt + 2) k++;
  else k = lt + 2;
  return startsWith(bytes, k, "row>") ? k + 4 : -1;
}

/** Where the last row end tag ("</row>", "</x:row>") within bytes[from, to) ends, or -1. */
function lastRowEndIn(bytes: Uint8Array, from: number, to: number): number {
  for (let k = to - 1; k >= from + 5; k--) {
    if (
      bytes[k] !== 0x3e /* > */ ||
      bytes[k - 1] !== 0x77 /* w */ ||
      bytes[k - 2] !== 0x6f /* o */ ||
      bytes[k - 3] !== 0x72 /* r */
    )
      continue;
    let lt = k - 4;
    if (bytes[lt] === 0x3a /* : */) {
      // A prefix: letters, digits, "_", "-" or ".", at most 32 of them.
      lt--;
      while (lt > k - 38 && lt > from && isPrefixByte(bytes[lt]!)) lt--;
      if (lt === k - 5) continue; // ":" with no prefix before it
    }
    if (lt - 1 >= from && bytes[lt] === 0x2f && bytes[lt - 1] === 0x3c)
      return k + 1;
  }
  return -1;
}

function isPrefixByte(b: number): boolean {
  return b !== 0x3a /* : */ && isNameChar(b);
}

/**
 * A part's bytes in UTF-8: as they are, or, for a part in UTF-16 (rare: Excel reads it, no program
 * we know writes it), transcoded a window at a time, its declaration made to say UTF-8 (when it
 * ends within the first window, as every real one does). A UTF-16 sheet is then cut, walked and bounded
 * as any other, and the editor writes it back as UTF-8; decoded whole or cut only at its rows, a
 * crafted 90-million-character comment in one took `compute` 833 MB. The result has room for the
 * most UTF-8 can take (1.5 bytes a UTF-16 byte), but memory never written to costs none.
 */
export function utf8Of(bytes: Uint8Array): Uint8Array {
  const label = decoderLabelOf(bytes);
  if (label === "utf-8") return bytes;
  const decode = strictDecoder(label);
  const encoder = new TextEncoder();
  // Room for a declaration whose encoding's name is shorter than "UTF-8" too.
  const out = new Uint8Array(Math.ceil(bytes.length * 1.5) + 16);
  let written = 0;
  for (let at = 0; at < bytes.length; at += WINDOW) {
    const last = at + WINDOW >= bytes.length;
    const text = decode(bytes.subarray(at, at + WINDOW), !last);
    written += encoder.encodeInto(
      at === 0 ? asUtf8Declared(text) : text,
      out.subarray(written),
    ).written;
  }
  return out.subarray(0, written);
}

/**
 * A part's text a window of bytes at a time, cut anywhere (ChunkScanner): a large part is never
 * one string. A character on a window's edge is decoded whole with the next window.
 */
export function* textChunks(bytes: Uint8Array): Generator<string> {
  const decode = strictDecoder(decoderLabelOf(bytes));
  for (let at = 0; at < bytes.length; at += WINDOW)
    yield decode(bytes.subarray(at, at + WINDOW), at + WINDOW < bytes.length);
}
