// A small, strict XML scanner for the parts of .xlsx and .ods packages.
// A general parser (saxes, which this replaced) checks every character against the XML grammar and
// makes an object per tag; on a workbook of 10 000 lines that was most of `check`'s time and garbage.
// This scanner walks the text with indexOf, makes no object per tag (attributes are positions,
// decoded when asked for) and still refuses what makes a document unreadable: unbalanced or unclosed
// tags, broken attributes, unknown entities, text outside the root. test/xlsx/scan.test.ts holds it
// to saxes, event for event, on generated documents and on every part of the real-world corpus.

const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const COLON = 0x3a;

export class XmlSyntaxError extends Error {
  constructor(message: string, xml: string, at: number) {
    // "line:column: message", as saxes words its errors.
    let line = 1;
    let lineStart = 0;
    for (
      let i = xml.indexOf("\n");
      i >= 0 && i < at;
      i = xml.indexOf("\n", i + 1)
    ) {
      line++;
      lineStart = i + 1;
    }
    super(`${line}:${at - lineStart + 1}: ${message}.`);
    this.name = "XmlSyntaxError";
  }
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** A name's first character: a letter, "_", ":" or any non-ASCII character (XML 1.0 NameStartChar, loosely). */
function isNameStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x5f ||
    c === COLON ||
    c >= 0x80
  );
}

function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

const ENTITIES: Record<string, string> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
};

/**
 * Character data with its entity and character references replaced; an unknown or malformed one
 * is an XmlSyntaxError (the one pass, rows.ts, leaves such a row to the scanner to report).
 */
export function decodeEntities(
  xml: string,
  start: number,
  end: number,
): string {
  const raw = xml.slice(start, end);
  // Searched in the slice: a search of the document would run on to its next "&", far away.
  let amp = raw.indexOf("&");
  if (amp < 0) return raw;
  let out = "";
  let from = 0;
  for (; amp >= 0; amp = raw.indexOf("&", from)) {
    const semi = raw.indexOf(";", amp);
    if (semi < 0)
      throw new XmlSyntaxError("unterminated entity", xml, start + amp);
    const name = raw.slice(amp + 1, semi);
    let text = ENTITIES[name];
    if (text === undefined && name.charCodeAt(0) === 0x23 /* # */) {
      const code =
        name[1] === "x" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      const valid =
        /^#(x[0-9A-Fa-f]+|[0-9]+)$/.test(name) &&
        code >= 1 &&
        code <= 0x10ffff &&
        !(code >= 0xd800 && code <= 0xdfff);
      if (valid) text = String.fromCodePoint(code);
    }
    if (text === undefined)
      throw new XmlSyntaxError(`unknown entity "${name}"`, xml, start + amp);
    out += raw.slice(from, amp) + text;
    from = semi + 1;
  }
  return out + raw.slice(from);
}

/** Character data as a parser reports it: entities replaced, line ends made "\n". */
function textOf(xml: string, start: number, end: number): string {
  const text = decodeEntities(xml, start, end);
  return text.indexOf("\r") < 0 ? text : text.replace(/\r\n?/g, "\n");
}

/**
 * Where the local name of the name at xml[nameStart, nameEnd) starts: the name, or what follows the
 * first colon of a prefixed one ("x:r"); -1 for a namespace declaration ("xmlns:x", which is no
 * attribute) and a name that ends at its colon.
 */
export function localNameStart(
  xml: string,
  nameStart: number,
  nameEnd: number,
): number {
  let colon = nameStart;
  while (colon < nameEnd && xml.charCodeAt(colon) !== COLON) colon++;
  if (colon === nameEnd) return nameStart;
  return colon + 1 === nameEnd || xml.startsWith("xmlns", nameStart)
    ? -1
    : colon + 1;
}

/** A non-negative integer written at xml[start, end) ("12"), or -1 when it is not one. */
export function integerAt(xml: string, start: number, end: number): number {
  if (start === end || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = xml.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

/** The attributes of the start tag being reported: positions in the document, read on request. */
export class Attributes {
  private readonly spans: number[] = [];
  private count = 0;

  constructor(private xml: string) {}

  /** @internal The piece the positions are in, while it is scanned. */
  set source(xml: string) {
    this.xml = xml;
  }

  /** @internal */ reset(): void {
    this.count = 0;
  }

  /** @internal */ add(
    nameStart: number,
    nameEnd: number,
    valueStart: number,
    valueEnd: number,
  ): void {
    const k = this.count++ * 4;
    this.spans[k] = nameStart;
    this.spans[k + 1] = nameEnd;
    this.spans[k + 2] = valueStart;
    this.spans[k + 3] = valueEnd;
  }

  /** The index of the attribute with this local name ("r" finds "r" and "x:r"), or -1. */
  find(local: string): number {
    for (let k = 0; k < this.count; k++) {
      const start = this.localStart(k);
      if (
        start >= 0 &&
        this.nameEnd(k) - start === local.length &&
        this.xml.startsWith(local, start)
      )
        return k;
    }
    return -1;
  }

  /**
   * Where attribute `index`'s local name starts: its name, or what follows the first colon of a
   * prefixed one ("x:r"); -1 for a namespace declaration ("xmlns:x", which is no attribute) and a
   * name that ends at its colon.
   */
  localStart(index: number): number {
    return localNameStart(
      this.xml,
      this.spans[index * 4]!,
      this.spans[index * 4 + 1]!,
    );
  }

  /** Where attribute `index`'s name starts in the document. */
  nameStart(index: number): number {
    return this.spans[index * 4]!;
  }

  /** Where attribute `index`'s name ends in the document. */
  nameEnd(index: number): number {
    return this.spans[index * 4 + 1]!;
  }

  /** How many attributes the tag has. */
  get length(): number {
    return this.count;
  }

  /** Where attribute `index`'s raw value starts and ends in the document. */
  valueStart(index: number): number {
    return this.spans[index * 4 + 2]!;
  }

  valueEnd(index: number): number {
    return this.spans[index * 4 + 3]!;
  }

  /** A non-negative integer value read in place ("12"), or -1 when the value is not one. */
  integer(index: number): number {
    return integerAt(this.xml, this.valueStart(index), this.valueEnd(index));
  }

  /** The decoded value of attribute `index`. */
  value(index: number): string {
    const start = this.valueStart(index);
    const end = this.valueEnd(index);
    // Attribute-value normalisation (XML 1.0 §3.3.3): literal tabs and line ends read as spaces;
    // those written as character references (&#10;) stay what they are.
    let plain = true;
    for (let i = start; i < end && plain; i++) {
      const c = this.xml.charCodeAt(i);
      plain = c !== 0x09 && c !== 0x0a && c !== 0x0d;
    }
    if (plain) return decodeEntities(this.xml, start, end);
    const normalised = this.xml
      .slice(start, end)
      .replace(/\r\n|[\t\n\r]/g, " ");
    return decodeEntities(normalised, 0, normalised.length);
  }

  /** The value of the attribute with this local name, decoded. */
  get(local: string): string | undefined {
    const k = this.find(local);
    return k < 0 ? undefined : this.value(k);
  }

  /** Every attribute by local name, namespace declarations left out (for the small parts). */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let k = 0; k < this.count; k++) {
      const start = this.spans[k * 4]!;
      const name = this.xml.slice(start, this.spans[k * 4 + 1]);
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      out[localName(name)] = this.value(k);
    }
    return out;
  }

  /** The document the positions are in. */
  get source(): string {
    return this.xml;
  }
}

export interface ScanHandler {
  /**
   * Start tag, by local name ("x:c" → "c"); `start` is where its "<" is and `end` where the tag
   * ends (after its ">"), in the piece being scanned.
   */
  open(name: string, attributes: Attributes, start: number, end: number): void;
  /** End tag, or right after open for an empty element (with the start tag's positions). */
  close(name: string, start: number, end: number): void;
  /** Character data (CDATA too), decoded; called only while `wantsText` is true. */
  text(text: string): void;
  readonly wantsText: boolean;
}

/**
 * Scans a whole document; throws XmlSyntaxError where it is not well-formed. What follows the root
 * element is not read (real files carry junk there and are otherwise intact).
 */
export function scanXml(xml: string, handler: ScanHandler): void {
  scanXmlPieces([xml], handler);
}

/**
 * The same scan over a document given in pieces, each ending between two tags (not inside a tag,
 * comment or CDATA section): a large sheet is decoded and scanned a few rows at a time, never as
 * one string. A text between pieces is reported in parts.
 */
export function scanXmlPieces(
  pieces: Iterable<string>,
  handler: ScanHandler,
): void {
  const scanner = new PieceScanner(handler);
  for (const piece of pieces) if (scanner.scan(piece)) return;
  scanner.end();
}

/**
 * scanXmlPieces a piece at a time, for a reader that hands on what each piece gave before it takes
 * the next (a sheet's rows, as they are read).
 */
export class PieceScanner {
  private readonly state: ScanState;
  private last = "";
  private ended = false;

  constructor(handler: ScanHandler) {
    this.state = stateOf(handler);
  }

  /** Scans the next piece; true once the root element has ended (what follows it is not read). */
  scan(piece: string): boolean {
    if (this.ended) return true;
    this.last = piece;
    this.ended = scanPiece(piece, this.state) === ROOT_ENDED;
    return this.ended;
  }

  /** No piece is left: throws where the document is not whole. */
  end(): void {
    if (!this.ended) ended(this.state, this.last);
  }
}

/** A tag of a document in chunks ran on past the characters it may hold (ChunkScanner). */
export class TagTooLong extends Error {
  constructor() {
    super("A tag is longer than can be read safely");
    this.name = "TagTooLong";
  }
}

/** A construct a cut piece left open, carried into the next chunk. */
type Open =
  /** A comment or processing instruction: only the last characters are kept, for its end. */
  | { kind: "skip"; end: "-->" | "?>"; tail: string }
  /** A CDATA section: its text is handed on as it comes, less a last "]]" or "\r" held back. */
  | { kind: "cdata"; held: string; handed: boolean }
  /** A tag (or DOCTYPE): its chunks, joined once its ">" (or a "<") comes. */
  | { kind: "tag"; chunks: string[]; quote: number; quoted: boolean };

/**
 * scanXml over a document given in chunks cut anywhere (a part decoded a window at a time), for a
 * reader that keeps no positions. What runs on past a chunk is scanned again with the next; a long
 * comment, CDATA section or processing instruction is searched chunk by chunk and never held, so a
 * crafted part of one 190 MB comment costs a window, not its size. A tag is held until it ends.
 */
export class ChunkScanner {
  private readonly state: ScanState;
  private carry = "";
  private open: Open | null = null;
  private ended = false;
  private held = 0;

  /** `maxTag`: the most characters a tag may hold (it is held whole); past it, TagTooLong. */
  constructor(
    handler: ScanHandler,
    private readonly maxTag = Infinity,
  ) {
    this.state = stateOf(handler);
  }

  /** Scans every chunk, to the root element's end; throws where the document is not whole. */
  scanAll(chunks: Iterable<string>): void {
    for (const chunk of chunks) if (this.scan(chunk)) return;
    this.end();
  }

  /** Scans the next chunk; true once the root element has ended (what follows it is not read). */
  scan(chunk: string): boolean {
    if (this.ended) return true;
    const xml = this.open ? this.resume(this.open, chunk) : this.carry + chunk;
    if (xml === null) return false;
    const stop = scanPiece(xml, this.state, false);
    if (stop === ROOT_ENDED) return (this.ended = true);
    this.carry = xml.slice(stop);
    this.open = this.opened(this.carry);
    if (this.open) this.carry = "";
    return false;
  }

  /** The construct the carried text begins, when it is one that is searched chunk by chunk. */
  private opened(carry: string): Open | null {
    // The end is searched for only after the construct's start ("<!-->" ends no comment).
    if (carry.startsWith("<!--"))
      return {
        kind: "skip",
        end: "-->",
        tail: carry.slice(Math.max(4, carry.length - 2)),
      };
    if (carry.startsWith("<?"))
      return {
        kind: "skip",
        end: "?>",
        tail: carry.slice(Math.max(2, carry.length - 1)),
      };
    if (carry.startsWith("<![CDATA[")) {
      const open: Open = { kind: "cdata", held: "", handed: false };
      this.resume(open, carry.slice(9));
      return open;
    }
    if (carry.startsWith("<!DOCTYPE"))
      return { kind: "tag", chunks: [carry], quote: 0, quoted: false };
    if (carry.length < 2 || carry.charCodeAt(0) !== 0x3c || carry[1] === "!")
      return null;
    const quoted = carry.charCodeAt(1) !== SLASH;
    const quote = quoted ? -tagEnd(carry, 1, 0) - 1 : 0;
    this.held = carry.length;
    return { kind: "tag", chunks: [carry], quote, quoted };
  }

  /** Goes on with an open construct: what to scan once it has ended in `chunk`, or null. */
  private resume(open: Open, chunk: string): string | null {
    if (open.kind === "skip") {
      // Searched in the chunk itself, and across the edge in a few characters: a chunk joined to
      // the end of the one before would be copied at every chunk, and once one held a character
      // past Latin-1, every copy after it would be two bytes a character (ten times slower).
      const { end } = open;
      const edge = open.tail + chunk.slice(0, end.length - 1);
      let after = edge.indexOf(end);
      if (after >= 0) after += end.length - open.tail.length;
      else {
        after = chunk.indexOf(end);
        if (after >= 0) after += end.length;
      }
      if (after < 0) {
        open.tail = (
          chunk.length >= end.length - 1 ? chunk : open.tail + chunk
        ).slice(1 - end.length);
        return null;
      }
      this.open = null;
      return chunk.slice(after);
    }
    if (open.kind === "cdata") {
      const text = open.held + chunk;
      const at = text.indexOf("]]>");
      let upTo = at < 0 ? Math.max(0, text.length - 2) : at;
      if (at < 0 && upTo > 0 && text.charCodeAt(upTo - 1) === 0x0d) upTo--;
      const { handler } = this.state;
      if ((upTo > 0 || (at >= 0 && !open.handed)) && handler.wantsText) {
        const part = text.slice(0, upTo);
        handler.text(
          part.indexOf("\r") < 0 ? part : part.replace(/\r\n?/g, "\n"),
        );
        open.handed = true;
      }
      if (at < 0) {
        open.held = text.slice(upTo);
        return null;
      }
      this.open = null;
      return text.slice(at + 3);
    }
    // A tag ends at its ">" (one outside its quotes); a "<" before that is an error the scan reports.
    const lt = chunk.indexOf("<");
    let end: number;
    if (open.quoted) {
      end = tagEnd(chunk, 0, open.quote);
      if (end < 0) open.quote = -end - 1;
    } else end = chunk.indexOf(">");
    this.held += end >= 0 ? end : lt >= 0 ? lt : chunk.length;
    if (this.held > this.maxTag) throw new TagTooLong();
    if (end < 0 && lt < 0) {
      open.chunks.push(chunk);
      return null;
    }
    this.open = null;
    this.held = 0;
    open.chunks.push(chunk);
    return open.chunks.join("");
  }

  /** No chunk is left: throws where the document is not whole. */
  end(): void {
    if (this.ended) return;
    const open = this.open;
    if (open?.kind === "skip")
      throw new XmlSyntaxError(
        open.end === "-->"
          ? "unclosed comment"
          : "unclosed processing instruction",
        "",
        0,
      );
    if (open?.kind === "cdata")
      throw new XmlSyntaxError("unclosed CDATA section", "", 0);
    const rest = open ? open.chunks.join("") : this.carry;
    if (rest !== "" && scanPiece(rest, this.state) === ROOT_ENDED) return;
    ended(this.state, rest);
  }
}

function stateOf(handler: ScanHandler): ScanState {
  return {
    stack: [],
    root: false,
    attributes: new Attributes(""),
    handler,
    names: [],
  };
}

/** The document has no more: throws where it is not whole (`last`: its last piece, for the position). */
function ended(state: ScanState, last: string): void {
  const { stack, root } = state;
  if (stack.length > 0)
    throw new XmlSyntaxError(
      `unclosed tag: ${stack[stack.length - 1]!.name}`,
      last,
      last.length,
    );
  if (!root)
    throw new XmlSyntaxError(
      "document must contain a root element",
      last,
      last.length,
    );
}

/** A tag name as written ("x:c") and its local part ("c"), both internalised. */
interface TagName {
  readonly name: string;
  readonly local: string;
}

interface ScanState {
  readonly stack: TagName[];
  root: boolean;
  readonly attributes: Attributes;
  readonly handler: ScanHandler;
  /**
   * The names met so far, by their first character (ASCII; any other in slot 0): a sheet has a
   * handful, met a million times.
   */
  readonly names: TagName[][];
}

/**
 * A string the engine keeps once (a property key): the handlers' `switch (name)` then compares
 * pointers, not characters.
 */
function internalised(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}

/**
 * The name of the tag starting at `from` and ending at `end`, from the names met before when it is
 * one of them: no string is made per tag.
 */
function tagName(
  xml: string,
  from: number,
  end: number,
  names: TagName[][],
): TagName {
  const length = end - from;
  const first = xml.charCodeAt(from);
  const slot = (names[first < 128 ? first : 0] ??= []);
  for (let k = 0; k < slot.length; k++) {
    const known = slot[k]!;
    if (known.name.length === length && xml.startsWith(known.name, from))
      return known;
  }
  const name = internalised(xml.slice(from, end));
  const entry = { name, local: internalised(localName(name)) };
  // Bounded: a document of ever new names (a hostile one) costs a search of 16, not of all.
  if (slot.length < 16) slot.push(entry);
  return entry;
}

/** What scanPiece returns once the root element has ended (what follows it is not read). */
const ROOT_ENDED = -1;

/**
 * Scans one piece. `whole`: the piece ends between two constructs, and one it leaves open is an
 * error. Otherwise (a piece cut anywhere, ChunkScanner) the scan stops where the last construct
 * runs on past the piece, or where its last text could (an entity, a line end "\r\n"), and returns
 * that position: what follows it is scanned again with the next piece. Returns ROOT_ENDED when the
 * root element has ended, or the piece's length when all of it was read.
 */
function scanPiece(xml: string, state: ScanState, whole = true): number {
  const { stack, handler, attributes } = state;
  attributes.source = xml;
  const n = xml.length;
  // A cut piece's constructs before its last "<" end within it, but a comment, CDATA section or
  // processing instruction may hold "<", so those are looked at whatever their place.
  const last = whole ? -1 : xml.lastIndexOf("<");
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    let end = lt < 0 ? n : lt;
    if (end > i) {
      if (stack.length > 0) {
        if (lt < 0 && !whole) end = textCut(xml, i, n);
        if (handler.wantsText && end > i) handler.text(textOf(xml, i, end));
        if (end < n && lt < 0) return end;
      } else {
        for (let k = i; k < end; k++)
          if (!isSpace(xml.charCodeAt(k)))
            throw new XmlSyntaxError("text data outside of root node", xml, k);
      }
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (!whole && runsOn(xml, lt, last)) {
      if (
        xml.startsWith("<![CDATA[", lt) &&
        stack.length === 0 &&
        xml.length - lt >= 9
      )
        throw new XmlSyntaxError("CDATA outside of root node", xml, lt);
      return lt;
    }
    if (c === SLASH) {
      const gt = xml.indexOf(">", lt);
      if (gt < 0) throw new XmlSyntaxError("unclosed end tag", xml, lt);
      let nameEnd = gt;
      while (nameEnd > lt + 2 && isSpace(xml.charCodeAt(nameEnd - 1)))
        nameEnd--;
      const open = stack.pop();
      if (
        open === undefined ||
        nameEnd - lt - 2 !== open.name.length ||
        !xml.startsWith(open.name, lt + 2)
      )
        throw new XmlSyntaxError(
          `unexpected close tag ${xml.slice(lt + 2, nameEnd)}`,
          xml,
          lt,
        );
      handler.close(open.local, lt, gt + 1);
      if (stack.length === 0) return ROOT_ENDED;
      i = gt + 1;
    } else if (c === QUESTION) {
      const close = xml.indexOf("?>", lt + 2);
      if (close < 0)
        throw new XmlSyntaxError("unclosed processing instruction", xml, lt);
      i = close + 2;
    } else if (c === BANG) {
      i = skipDeclaration(xml, lt, stack.length > 0, state.root, handler);
    } else {
      i = startTag(xml, lt, state);
      state.root = true;
      if (stack.length === 0) return ROOT_ENDED; // the root itself was an empty element
    }
  }
  return n;
}

/**
 * Where a cut piece's last text, from `from` to the piece's end, may be read up to: before an
 * entity that may go on in the next piece, and before a closing "\r" ("\r\n" reads as one line end).
 */
function textCut(xml: string, from: number, n: number): number {
  let cut = n;
  // The longest reference a document may hold is "&#x10FFFF;" (or a run of zeros, an error then).
  const amp = xml.lastIndexOf("&", n - 1);
  if (amp >= from && amp > n - 12 && xml.indexOf(";", amp) < 0) cut = amp;
  if (cut > from && xml.charCodeAt(cut - 1) === 0x0d) cut--;
  return cut;
}

/** Whether the construct at `lt` of a cut piece may run on past its end (`last`: the piece's last "<"). */
function runsOn(xml: string, lt: number, last: number): boolean {
  const rest = xml.length - lt;
  if (rest < 2) return true;
  const c = xml.charCodeAt(lt + 1);
  if (c === BANG) {
    if (xml.startsWith("<!--", lt)) return xml.indexOf("-->", lt + 4) < 0;
    if (xml.startsWith("<![CDATA[", lt)) return xml.indexOf("]]>", lt + 9) < 0;
    if (xml.startsWith("<!DOCTYPE", lt)) return xml.indexOf(">", lt) < 0;
    const begun = xml.slice(lt);
    return DECLARATIONS.some((d) => d.startsWith(begun));
  }
  if (c === QUESTION) return xml.indexOf("?>", lt + 2) < 0;
  // A tag holds no "<": one before the last ends within the piece, or is an error in any case.
  if (lt !== last) return false;
  return c === SLASH ? xml.indexOf(">", lt) < 0 : tagEnd(xml, lt + 1, 0) < 0;
}

const DECLARATIONS = ["<!--", "<![CDATA[", "<!DOCTYPE"];

/**
 * Where a tag's closing ">" is, from `from` on, with `quote` the quote it is inside there (0 for
 * none): -(the quote it is inside at the end) - 1 when there is none.
 */
function tagEnd(xml: string, from: number, quote: number): number {
  for (let k = from; k < xml.length; k++) {
    const c = xml.charCodeAt(k);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === GT) return k;
    else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) quote = c;
  }
  return -quote - 1;
}

/** A comment, CDATA section or DOCTYPE at `lt`; returns where scanning goes on. */
function skipDeclaration(
  xml: string,
  lt: number,
  inRoot: boolean,
  rootSeen: boolean,
  handler: ScanHandler,
): number {
  if (xml.startsWith("<!--", lt)) {
    const close = xml.indexOf("-->", lt + 4);
    if (close < 0) throw new XmlSyntaxError("unclosed comment", xml, lt);
    return close + 3;
  }
  if (xml.startsWith("<![CDATA[", lt)) {
    const close = xml.indexOf("]]>", lt + 9);
    if (!inRoot)
      throw new XmlSyntaxError("CDATA outside of root node", xml, lt);
    if (close < 0) throw new XmlSyntaxError("unclosed CDATA section", xml, lt);
    if (handler.wantsText) {
      const text = xml.slice(lt + 9, close);
      handler.text(
        text.indexOf("\r") < 0 ? text : text.replace(/\r\n?/g, "\n"),
      );
    }
    return close + 3;
  }
  if (xml.startsWith("<!DOCTYPE", lt) && !inRoot && !rootSeen) {
    // An internal subset could declare entities; no spreadsheet part has one, and none is honoured.
    const bracket = xml.indexOf("[", lt);
    const gt = xml.indexOf(">", lt);
    if (gt < 0) throw new XmlSyntaxError("unclosed DOCTYPE", xml, lt);
    if (bracket >= 0 && bracket < gt)
      throw new XmlSyntaxError("DOCTYPE with an internal subset", xml, lt);
    return gt + 1;
  }
  throw new XmlSyntaxError("invalid markup declaration", xml, lt);
}

/** The start tag at `lt`: reports it (and its end, when empty); returns where scanning goes on. */
function startTag(xml: string, lt: number, state: ScanState): number {
  const { attributes, stack, handler } = state;
  const n = xml.length;
  let j = lt + 1;
  if (!isNameStart(xml.charCodeAt(j)))
    throw new XmlSyntaxError("disallowed character in tag name", xml, j);
  let c = 0;
  while (j < n && !isSpace((c = xml.charCodeAt(j))) && c !== GT && c !== SLASH)
    j++;
  const tag = tagName(xml, lt + 1, j, state.names);
  attributes.reset();
  // The next "<" after an attribute's start: found once per tag, not once per attribute (a tag
  // of many attributes before a long text would otherwise be searched to that text's end each time).
  let angle = -1;
  for (;;) {
    const before = j;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    if (j >= n) throw new XmlSyntaxError("unclosed tag", xml, lt);
    c = xml.charCodeAt(j);
    if (c === GT) {
      stack.push(tag);
      handler.open(tag.local, attributes, lt, j + 1);
      return j + 1;
    }
    if (c === SLASH) {
      if (xml.charCodeAt(j + 1) !== GT)
        throw new XmlSyntaxError(
          "forward-slash in opening tag not followed by >",
          xml,
          j,
        );
      handler.open(tag.local, attributes, lt, j + 2);
      handler.close(tag.local, lt, j + 2);
      return j + 2;
    }
    if (j === before || !isNameStart(c))
      throw new XmlSyntaxError("invalid attribute", xml, j);
    const nameStart = j;
    while (
      j < n &&
      !isSpace((c = xml.charCodeAt(j))) &&
      c !== EQUALS &&
      c !== GT &&
      c !== SLASH
    )
      j++;
    const nameEnd = j;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    if (xml.charCodeAt(j) !== EQUALS)
      throw new XmlSyntaxError("attribute without value", xml, j);
    j++;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    const quote = xml.charCodeAt(j);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE)
      throw new XmlSyntaxError("unquoted attribute value", xml, j);
    const valueEnd = xml.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", j + 1);
    if (valueEnd < 0)
      throw new XmlSyntaxError("unclosed attribute value", xml, j);
    if (angle !== n && angle <= j) {
      angle = xml.indexOf("<", j + 1);
      if (angle < 0) angle = n;
    }
    if (angle < valueEnd)
      throw new XmlSyntaxError(
        "disallowed character in attribute value",
        xml,
        angle,
      );
    attributes.add(nameStart, nameEnd, j + 1, valueEnd);
    j = valueEnd + 1;
  }
}
