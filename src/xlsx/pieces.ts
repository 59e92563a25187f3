// A sheet's XML in pieces that each end right after a row: the reader and the sheet editor take a
// large sheet a few rows at a time, never as one string.

import { isNameChar } from "./rows";
import { decoderLabelOf } from "./xml";

/**
 * A sheet's XML decoded a few rows at a time: pieces of about 64 KB, each ending right after a
 * row's end tag, so that no piece ends inside a tag (scanXmlPieces). In UTF-8 the cut is found in
 * the bytes and each piece decoded once: an end tag is ASCII, so a cut after one never splits a
 * character, and no text is decoded, joined or sliced twice. A long stretch without "</row>" (a
 * large comment or attribute) is searched once, window by window, and decoded as one piece.
 */
export function* rowPieces(bytes: Uint8Array): Generator<string> {
  const label = decoderLabelOf(bytes);
  if (label !== "utf-8") {
    yield* textRowPieces(bytes, label);
    return;
  }
  const WINDOW = 1 << 16;
  // The first piece drops a byte order mark; later ones keep whatever they start with.
  const first = new TextDecoder("utf-8");
  const rest = new TextDecoder("utf-8", { ignoreBOM: true });
  let start = 0;
  while (start < bytes.length) {
    let searched = start;
    let cut = -1;
    while (cut < 0 && searched < bytes.length) {
      const to = Math.min(searched + WINDOW, bytes.length);
      // Back a few bytes, for an end tag cut by the window's edge ("</" + a prefix + "row>").
      cut = lastRowEndIn(bytes, Math.max(start, searched - 40), to);
      searched = to;
    }
    const end = cut < 0 ? bytes.length : cut;
    yield (start === 0 ? first : rest).decode(bytes.subarray(start, end));
    start = end;
  }
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
 * The same pieces for a sheet in UTF-16 (rare): decoded a window at a time, cut in the text. Only
 * the newly decoded text is searched for a row's end, and text without one is held as a list,
 * joined once.
 */
function* textRowPieces(
  bytes: Uint8Array,
  label: "utf-16le" | "utf-16be",
): Generator<string> {
  const decoder = new TextDecoder(label);
  const WINDOW = 1 << 16;
  // An end tag cut between two windows is found by searching the last characters of the previous
  // window together with the new one ("</" + a prefix + "row>").
  const OVERLAP = 64;
  let held: string[] = [];
  let previous = "";
  for (let at = 0; at <= bytes.length; at += WINDOW) {
    const last = at + WINDOW >= bytes.length;
    const text = decoder.decode(
      bytes.subarray(at, at + WINDOW),
      last ? {} : { stream: true },
    );
    const overlap = previous.slice(-OVERLAP);
    const cut = afterLastRowEnd(overlap + text) - overlap.length;
    if (cut > 0) {
      held.push(text.slice(0, cut));
      yield held.join("");
      held = [text.slice(cut)];
    } else held.push(text);
    previous = text;
    if (last) break;
  }
  const rest = held.join("");
  if (rest) yield rest;
}

/** Where the text's last row end tag ("</row>", "</x:row>") ends, or -1. */
function afterLastRowEnd(text: string): number {
  for (
    let k = text.lastIndexOf("row>");
    k > 0;
    k = text.lastIndexOf("row>", k - 1)
  ) {
    // Looked at in place, a few characters back: "</" right before, or "</" and a short prefix.
    let lt = k - 1;
    if (text.charCodeAt(lt) === 0x3a /* : */) {
      lt--;
      while (lt > k - 34 && lt >= 0 && /\w/.test(text[lt]!)) lt--;
      if (lt === k - 2) continue; // ":" with no prefix before it
    }
    if (
      lt >= 1 &&
      text.charCodeAt(lt) === 0x2f &&
      text.charCodeAt(lt - 1) === 0x3c
    )
      return k + 4;
  }
  return -1;
}
