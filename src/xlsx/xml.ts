// Element events with local names (prefixes such as "x:" dropped) and attributes as a record,
// for the small parts: relationships, the workbook, styles, OpenDocument content.

import { ChunkScanner, type ScanHandler, scanXml } from "./scan";

/** Where an element's tag is in the document: from its "<" to after its ">". */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>, tag: Span): void;
  close?(name: string, tag: Span): void;
  text?(text: string): void;
}

/**
 * parseXml over a document in chunks cut anywhere (ChunkScanner): for a part too large to be one
 * string. The spans are then positions in the chunk being scanned.
 */
export function parseXmlChunks(
  chunks: Iterable<string>,
  handlers: XmlHandlers,
): void {
  new ChunkScanner(scanHandlerOf(handlers)).scanAll(chunks);
}

/** Parses a whole document; throws on malformed XML (the caller decides what that means). */
export function parseXml(xml: string, handlers: XmlHandlers): void {
  scanXml(xml, scanHandlerOf(handlers));
}

/** The scanner's handler for these: attributes as a record, tags as spans. */
function scanHandlerOf(handlers: XmlHandlers): ScanHandler {
  return {
    wantsText: handlers.text !== undefined,
    open: (name, attributes, start, end) =>
      handlers.open?.(name, attributes.toRecord(), { start, end }),
    close: (name, start, end) => handlers.close?.(name, { start, end }),
    text: (t) => handlers.text?.(t),
  };
}

/**
 * The encoding a part's bytes are in, by its byte order mark or, without one, by how "<?" is
 * encoded (XML 1.0 Appendix F): Excel reads UTF-16 parts, so we do too.
 */
export function decoderLabelOf(
  bytes: Uint8Array,
): "utf-8" | "utf-16le" | "utf-16be" {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (
    (a === 0xff && b === 0xfe) ||
    (a === 0x3c && b === 0 && c === 0x3f && d === 0)
  )
    return "utf-16le";
  if (
    (a === 0xfe && b === 0xff) ||
    (a === 0 && b === 0x3c && c === 0 && d === 0x3f)
  )
    return "utf-16be";
  return "utf-8";
}

/**
 * Bytes that are not text in their encoding (a Latin-1 "ö" in a UTF-8 part, half of a UTF-16
 * surrogate pair): XML that does not read, as a conforming parser and Excel have it. Decoded with
 * replacement characters, "L\xf6n" was read as "L\ufffdn", and `compute` wrote it back so.
 */
export class NotUnicodeError extends Error {
  constructor(label: string) {
    super(`bytes that are not ${label === "utf-8" ? "UTF-8" : "UTF-16"} text`);
    this.name = "NotUnicodeError";
  }
}

/**
 * A decoder that refuses bytes its encoding cannot have (NotUnicodeError). `stream` holds a
 * character cut at the end of the bytes for the next call.
 */
export function strictDecoder(
  label: string,
  options: { readonly ignoreBOM?: boolean } = {},
): (bytes: Uint8Array, stream?: boolean) => string {
  const decoder = new TextDecoder(label, { ...options, fatal: true });
  return (bytes, stream = false) => {
    try {
      return decoder.decode(bytes, stream ? { stream: true } : undefined);
    } catch (e) {
      // A TypeError is all it throws (of Node's own realm, so not by instanceof in a sandbox).
      if ((e as Error | null)?.name === "TypeError")
        throw new NotUnicodeError(label);
      throw e;
    }
  };
}

/**
 * A part's text, whatever its encoding (NotUnicodeError for bytes that are none); an XML
 * declaration that names another encoding than UTF-8 is made to say UTF-8, since the text is
 * written back (when it is) as UTF-8.
 */
export function decodeXmlPart(bytes: Uint8Array): string {
  // A byte order mark is dropped by the decoder.
  return asUtf8Declared(strictDecoder(decoderLabelOf(bytes))(bytes));
}

/** The text with its XML declaration's encoding (if any, and other than UTF-8) made UTF-8. */
export function asUtf8Declared(text: string): string {
  const end = text.startsWith("<?xml") ? text.indexOf("?>") : -1;
  if (end < 0) return text;
  const named = /(\bencoding\s*=\s*)(["'])([^"']*)\2/.exec(text.slice(0, end));
  if (!named || /^utf-8$/i.test(named[3]!)) return text;
  return (
    text.slice(0, named.index) +
    `${named[1]!}${named[2]!}UTF-8${named[2]!}` +
    text.slice(named.index + named[0].length)
  );
}

/**
 * "0x1F", "0b11", "0o7": numbers to JavaScript's Number, but not to XML Schema's double, which a
 * cell's value is (Excel refuses the file): read as 31, 3 and 7 they would be figures no
 * spreadsheet shows.
 */
export function isRadixLiteral(value: string): boolean {
  let i = 0;
  while (value.charCodeAt(i) <= 0x20) i++;
  const radix = value.charCodeAt(i + 1) | 0x20;
  return (
    value.charCodeAt(i) === 0x30 &&
    (radix === 0x78 || radix === 0x62 || radix === 0x6f)
  );
}

/**
 * `text` with its last run, from `start`, unescaped: Excel writes and reads each run of a rich
 * text with its own escapes ("_x00" and "41_" in two runs are not "A").
 */
export function unescapeRun(text: string, start: number): string {
  return text.indexOf("_x", start) < 0
    ? text
    : text.slice(0, start) + unescapeOoxml(text.slice(start));
}

/** Excel escapes control characters in strings as _xHHHH_. */
export function unescapeOoxml(text: string): string {
  return text.indexOf("_x") < 0
    ? text
    : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
}

/** The namespace prefix ("x:" or "") of the element whose tag starts at `start`, by its local name. */
export function prefixAt(xml: string, start: number, local: string): string {
  let end = start + 1;
  while (end < xml.length && !/[\s/>]/.test(xml[end]!)) end++;
  const q = xml.slice(start + 1, end);
  return q.length > local.length ? q.slice(0, q.length - local.length) : "";
}
