// .xlsx bytes → the core's grids. Runs in Node and in the browser (no Node APIs; the inflater is passed in).
// Only this adapter knows the file format; every failure is a WorkbookFileError, never a crash.

import { strFromU8 } from "fflate";
import {
  type Cell,
  type Grid,
  type Merge,
  type Sheet,
  type SheetRow,
  type SheetTail,
  type WorkbookGrids,
  type WorkbookFile,
  type WorkbookSheets,
  columnLetters,
  gridOf,
  isDateFormat,
  parseA1,
  EXTERNAL_REF,
  SHARED_DEPENDANT,
  shownFileName,
  MAX_TABLES,
  type TableArea,
  Tables,
  tableFormula,
} from "../core";
import { compoundFileNames, isCompoundFile } from "./cfb";
import { HiddenColumns, MAX_COLUMNS } from "./columns";
import { readOdsContent } from "./ods";
import { ChunkScanner, PieceScanner, TagTooLong } from "./scan";
import { RowBuffer, readRef, readRow, skipSpace } from "./rows";
import { formulaMover } from "./shared-formulas";
import { tableOfXml } from "./tables";
import {
  type TokenBound,
  indexOfAscii,
  rowPieces,
  textChunks,
  utf8Of,
  walkedRowPieces,
} from "./pieces";
import {
  type Inflate,
  type ZipEntry,
  ZipError,
  ZipPackage,
  inflateWithFflate,
} from "./zip";
import {
  NotUnicodeError,
  decodeXmlPart,
  isRadixLiteral,
  parseXml,
  unescapeOoxml,
  unescapeRun,
} from "./xml";
import {
  type Rel,
  type Relationships,
  type WorkbookSheet,
  TooManyRelationships,
  readContentTypes,
  readRelationships,
  readWorkbookXml,
  relsPathOf,
} from "./package";

export type FileErrorCode =
  | "NOT_A_WORKBOOK"
  | "ENCRYPTED"
  | "LEGACY_XLS"
  /** Encrypted by a sensitivity label or rights management (IRM): no password opens it. */
  | "RIGHTS_PROTECTED"
  /** An Excel Binary Workbook: its parts are records, not XML. */
  | "XLSB"
  | "TOO_LARGE"
  /** A computed workbook that would pass the read limits: not written (the read-back refuses it). */
  | "OUTPUT_TOO_LARGE"
  | "CORRUPT"
  /** An OpenDocument spreadsheet: read and checked, but computed results are written to .xlsx only. */
  | "ODS_NOT_WRITABLE";

/** What is damaged in a damaged package (CORRUPT), for a message in the reader's language. */
export type Damage =
  | { readonly kind: "truncated" }
  | {
      readonly kind:
        | "checksum"
        | "inflate"
        | "missing"
        | "empty"
        | "invalid"
        | "incomplete"
        | "ambiguous"
        | "unsafe";
      readonly part: string;
    };

/** Which of the read limits (`DEFAULT_LIMITS`) a workbook passed: said in its TOO_LARGE message. */
export type ReadLimit =
  | "file"
  | "part"
  | "unpacked"
  | "cells"
  | "sheets"
  | "text"
  | "relationships"
  | "structure"
  | "token";

export class WorkbookFileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
    readonly damage?: Damage,
    readonly limit?: ReadLimit,
  ) {
    super(message);
    this.name = "WorkbookFileError";
  }
}

export interface ReadLimits {
  /** Largest file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** Largest part once unpacked, whatever its name (the limit itself by default). */
  readonly maxPartBytes?: number;
  /** Largest total of every part unpacked, counted as they are inflated (guards against zip bombs). */
  readonly maxUnpackedBytes: number;
  /** Most cells read from one workbook. */
  readonly maxCells: number;
  /**
   * Most characters of text in the cells read, each cell counted (MAX_TEXT when not given): one
   * shared string of 32 767 characters can stand in 100 000 cells of a 1 MB file, and each is read,
   * judged and printed as its own.
   */
  readonly maxTextChars?: number;
  /**
   * Most sheets in one workbook (MAX_SHEETS when not given): a sheet costs something to read and
   * judge even when empty, and a workbook can list hundreds of thousands in a small file.
   */
  readonly maxSheets?: number;
  /**
   * Largest part, unpacked, of those read whole as text other than the shared strings: the
   * workbook part, the relationships, the content types and the styles (MAX_STRUCTURE_BYTES when
   * not given). A 190 MB comment in one, a file of 190 KB, took check 1.2 GB, and compute 1.7 GB
   * (2.8 GB in the styles, which it also writes).
   */
  readonly maxStructureBytes?: number;
  /**
   * Largest run of a sheet read as one (MAX_TOKEN_BYTES when not given): a tag, the text between
   * two tags, a CDATA section. A 190 MB attribute, in a file of 190 KB, took check 440 MB and
   * compute 840 MB (a 190 MB CDATA section 1 GB): each is read, edited, written and read back whole.
   */
  readonly maxTokenBytes?: number;
  /**
   * Not a limit: from how many bytes of sheets in all (as the package's directory gives them) rows
   * in the common form are read in one pass (rows.ts); below, the general scanner reads all, which
   * costs less while the code is still cold (npm run bench). ONE_PASS_FROM_BYTES by default.
   */
  readonly onePassFromBytes?: number;
}

/** 4 MB of sheets: about 20 000 lines, where the one pass begins to pay for its warming up. */
export const ONE_PASS_FROM_BYTES = 4 * 1024 * 1024;

/** The largest part once unpacked: its own limit, or the limit of all parts together. */
export function partLimit(limits: ReadLimits): number {
  return limits.maxPartBytes ?? limits.maxUnpackedBytes;
}

/**
 * 32 MB: a workbook part listing 10 000 sheets is about 1 MB, one of 100 000 defined names (a
 * workbook copied sheet by sheet for years) about 10 MB, and styles at Excel's 64 000 cell
 * formats about 10 MB.
 */
export const MAX_STRUCTURE_BYTES = 32 * 1024 * 1024;

/**
 * 64 MB: Excel's own runs are far shorter (a cell's text 32 767 characters, a formula 8 192), and
 * a 64 MB attribute is read and computed within 400 MB.
 */
export const MAX_TOKEN_BYTES = 64 * 1024 * 1024;

/** LibreOffice Calc's most sheets in a workbook; a budget has a few dozen. */
export const MAX_SHEETS = 10_000;

/** 50 million characters: a budget of 150 000 lines holds about 5 million. */
export const MAX_TEXT = 50_000_000;

/** Published in the README (Limits): change both together. */
export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxPartBytes: 200 * 1024 * 1024,
  maxUnpackedBytes: 600 * 1024 * 1024,
  maxCells: 5_000_000,
  maxSheets: MAX_SHEETS,
  maxTextChars: MAX_TEXT,
  maxStructureBytes: MAX_STRUCTURE_BYTES,
  maxTokenBytes: MAX_TOKEN_BYTES,
};

/** Excel's grid: 1 048 576 rows and 16 384 columns (MAX_COLUMNS); a cell beyond it is not read. */
export const MAX_ROWS = 1_048_576;

const REL_WORKSHEET = "/worksheet";
const REL_TABLE = "/table";
const REL_SHARED_STRINGS = "/sharedStrings";
const REL_STYLES = "/styles";
const REL_OFFICE_DOCUMENT = "/officeDocument";
const REL_CORE_PROPERTIES = "/metadata/core-properties";

/** Built-in number formats (ECMA-376 §18.8.30) that matter for telling dates and percents apart. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "yyyy-mm-dd",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "yyyy-mm-dd h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};
// Locale-specific built-in ids 27–36 and 50–58 are all date formats.
for (const id of [
  27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
])
  BUILTIN_FORMATS[id] = "yyyy-mm-dd";

const fail = (code: FileErrorCode, message: string): never => {
  throw new WorkbookFileError(code, message);
};

/**
 * What an OLE compound file is, by the names in its directory (cfb.ts): an .xlsx protected by a
 * sensitivity label or rights management (its data spaces name DRM), one encrypted with a password,
 * a legacy .xls, or none of these. A directory that cannot be walked is judged by the names in the
 * file's first 64 KB, as before the directory was read.
 */
function failCompound(bytes: Uint8Array): never {
  const names =
    compoundFileNames(bytes) ??
    new Set(
      strFromU8(bytes.subarray(0, Math.min(bytes.length, 65536)), true)
        .replace(/\0/g, "")
        .match(/EncryptionInfo|EncryptedPackage/g) ?? ["Workbook"],
    );
  const has = (...any: string[]) => any.some((n) => names.has(n));
  if (has("DRMEncryptedDataSpace", "DRMEncryptedTransform", "\tDRMDataSpace"))
    fail(
      "RIGHTS_PROTECTED",
      "The workbook is protected by a sensitivity label or restricted permissions (rights management), which only Office can open.",
    );
  if (has("EncryptionInfo", "EncryptedPackage"))
    fail(
      "ENCRYPTED",
      "The workbook is password-protected (encrypted). Save it without a password and try again.",
    );
  if (has("Workbook", "Book"))
    fail(
      "LEGACY_XLS",
      "The file is an old Excel 97–2003 workbook (.xls). Save it as .xlsx and try again.",
    );
  return fail(
    "NOT_A_WORKBOOK",
    "The file is an Office compound file but not an Excel workbook (a Word or PowerPoint file, say).",
  );
}

const tooLarge = (limit: ReadLimit, message: string): never => {
  throw new WorkbookFileError("TOO_LARGE", message, undefined, limit);
};

/** The English messages of the limits the reader counts as it reads (file-errors.ts words them). */
const TOO_LARGE_TEXT = {
  cells: "The workbook has more cells than can be read safely.",
  sheets: "The workbook has more sheets than can be read safely.",
  text: "The workbook's cells hold more text than can be read safely.",
  relationships:
    "The workbook's package has more relationships than can be read safely.",
  structure:
    "A part of the workbook other than its sheets and texts is larger than can be read safely.",
  token:
    "A tag or text in one of the workbook's sheets is larger than can be read safely.",
} as const;

/** A relationships part read, or TOO_LARGE past MAX_RELATIONSHIPS (a package's limit, not damage). */
export function relationshipsOf(xml: string, ownerPart: string): Relationships {
  try {
    return readRelationships(xml, ownerPart);
  } catch (e) {
    if (e instanceof TooManyRelationships)
      tooLarge("relationships", TOO_LARGE_TEXT.relationships);
    throw e;
  }
}

/** The sheets of a workbook, each read when the iteration reaches it (once). */
export interface LazyGrids extends WorkbookFile {
  readonly sheets: Iterable<Grid>;
}

/** Reads every worksheet of an .xlsx file into grids. Throws only WorkbookFileError. */
export function readXlsx(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
  inflate: Inflate = inflateWithFflate,
  crc32?: (data: Uint8Array) => number,
): WorkbookGrids {
  const { sheets, savedAt } = wholeGrids(
    openXlsx(bytes, limits, inflate, AS_CHECK, crc32),
  );
  return { sheets: [...sheets], savedAt };
}

/**
 * readXlsx with every sheet read whole by the general scanner, never a row at a time in one pass:
 * the reference the tests hold the one-pass reading to.
 */
export function readXlsxByScanner(bytes: Uint8Array): WorkbookGrids {
  const { sheets, savedAt } = wholeGrids(
    openXlsx(bytes, DEFAULT_LIMITS, inflateWithFflate, BY_SCANNER),
  );
  return { sheets: [...sheets], savedAt };
}

/**
 * The sheets of an .xlsx (or .ods) file, read one at a time as they are iterated: the workbook's
 * structure is read (and its file errors thrown) at once, a sheet's cells only when reached.
 */
export function readXlsxLazily(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
  inflate: Inflate = inflateWithFflate,
  crc32?: (data: Uint8Array) => number,
): LazyGrids {
  return wholeGrids(openXlsx(bytes, limits, inflate, AS_CHECK, crc32));
}

/**
 * The sheets of an .xlsx file, each handed over a row at a time as it is iterated (an .ods file's
 * whole), so that no sheet is held: what `check` reads. Taking a sheet's rows throws NotStreamable
 * when they do not come in order, a row at a time; readXlsxLazily then reads any file.
 */
export function readXlsxStreamed(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
  inflate: Inflate = inflateWithFflate,
  crc32?: (data: Uint8Array) => number,
): WorkbookSheets {
  return openXlsx(bytes, limits, inflate, STREAMED, crc32);
}

/**
 * `read` given the sheets a row at a time (readXlsxStreamed); given them again, each whole
 * (readXlsxLazily), when a sheet's rows do not come in order. How `check` reads a file.
 */
export function withSheets<T>(
  bytes: Uint8Array,
  read: (workbook: WorkbookSheets) => T,
  limits: ReadLimits = DEFAULT_LIMITS,
  inflate: Inflate = inflateWithFflate,
  crc32?: (data: Uint8Array) => number,
): T {
  try {
    return read(readXlsxStreamed(bytes, limits, inflate, crc32));
  } catch (e) {
    if (!(e instanceof NotStreamable)) throw e;
  }
  forgetLastException();
  return read(readXlsxLazily(bytes, limits, inflate, crc32));
}

/**
 * V8 keeps the last exception thrown, with the frames it went through, until another is thrown.
 * A sheet's NotStreamable comes from within the generators over its bytes, so it held them while
 * the sheet was read again: a 190 MB sheet took `check` 440 MB instead of 250. A throw of our own
 * takes its place.
 */
function forgetLastException(): void {
  try {
    throw new Error("in place of the last exception");
  } catch {
    // Thrown only to be the last.
  }
}

/** Each sheet whole, as it is reached. */
function* whole(workbook: WorkbookSheets): Generator<Grid> {
  for (const sheet of workbook.sheets) yield gridOf(sheet);
}

/** The workbook's sheets each whole as reached, and when it was saved. */
function wholeGrids(workbook: WorkbookSheets): {
  sheets: Iterable<Grid>;
  savedAt: string | null;
} {
  return { sheets: whole(workbook), savedAt: workbook.savedAt ?? null };
}

/** A written workbook whose sheet does not read back: never offered as the person's workbook. */
export class NotReadBack extends Error {
  constructor(readonly sheet: string) {
    super(`the written workbook does not read back (sheet ${sheet})`);
    this.name = "NotReadBack";
  }
}

/**
 * A computed copy past a read limit (`why`, in English for the log): not written, and the person
 * told so, not that their file is too large. The writer refuses a part as it makes it, the
 * read-back the rest.
 */
export function outputTooLarge(
  why: string,
  limit: ReadLimit | undefined,
): WorkbookFileError {
  return new WorkbookFileError(
    "OUTPUT_TOO_LARGE",
    `The computed workbook would be too large to read: ${why}`,
    undefined,
    limit,
  );
}

/**
 * A written workbook read back, as check reads it: its structure (a damaged package throws
 * WorkbookFileError), and every sheet the writer wrote into or created (`wrote`), which must be
 * there and read (else NotReadBack). A sheet the person's file had unreadable is copied as it
 * was and reads back so: the writer wrote none of it. A copy past the read limits is
 * OUTPUT_TOO_LARGE.
 */
export function verifyWritten(
  bytes: Uint8Array,
  wrote: readonly string[],
  inflate: Inflate = inflateWithFflate,
  crc32?: (data: Uint8Array) => number,
  limits: ReadLimits = DEFAULT_LIMITS,
): void {
  const unread = new Set(wrote);
  try {
    for (const sheet of whole(
      openXlsx(bytes, limits, inflate, READ_BACK, crc32),
    ))
      if (sheet.unreadable === undefined) unread.delete(sheet.name);
  } catch (e) {
    // What compute adds (formulas, Beslut) can take a workbook within the limits past them: a copy
    // that check could not read is not written, and the person is told so, not that their file
    // is too large.
    if (e instanceof WorkbookFileError && e.code === "TOO_LARGE")
      throw outputTooLarge(e.message, e.limit);
    throw e;
  }
  const [first] = unread;
  if (first !== undefined) throw new NotReadBack(first);
}

/** A damaged package's error, worded for the log; the CLI and the page word it from `damage`. */
export function damaged(damage: Damage): WorkbookFileError {
  const what =
    damage.kind === "truncated"
      ? "the file is cut short"
      : `${damage.part}: ${damage.kind}`;
  return new WorkbookFileError(
    "CORRUPT",
    `The workbook is damaged (${what}).`,
    damage,
  );
}

/** A zip package of the workbook's bytes; throws WorkbookFileError (shared with the writer). */
export function openZip(
  bytes: Uint8Array,
  inflate: Inflate,
  limits: ReadLimits = DEFAULT_LIMITS,
  crc32?: (data: Uint8Array) => number,
): ZipPackage {
  try {
    return new ZipPackage(bytes, inflate, {
      limits: {
        maxPartBytes: partLimit(limits),
        maxTotalBytes: limits.maxUnpackedBytes,
      },
      ...(crc32 ? { crc32 } : {}),
    });
  } catch (e) {
    if (e instanceof ZipError && e.fault === "truncated")
      throw damaged({ kind: "truncated" });
    throw new WorkbookFileError(
      "NOT_A_WORKBOOK",
      "The file is not an Excel workbook (.xlsx): it is not a readable zip package.",
    );
  }
}

/** A part's read failure as the file error it is: too large, or damaged (and which part). */
export function partError(part: string, e: unknown): WorkbookFileError {
  if (e instanceof WorkbookFileError) return e;
  if (e instanceof ZipError && e.tooLarge)
    return new WorkbookFileError(
      "TOO_LARGE",
      `The workbook unpacks to more than can be read safely (${e.message}).`,
      undefined,
      e.limit ?? "unpacked",
    );
  const fault = e instanceof ZipError ? e.fault : "unreadable";
  return fault === "truncated"
    ? damaged({ kind: "truncated" })
    : damaged({ kind: fault === "checksum" ? "checksum" : "inflate", part });
}

/**
 * How the sheets are read: `byScanner`, whole by the general scanner (the tests' reference); with
 * `cellsKept` false, every cell is read as it would be and none is kept (a read-back wants to know
 * only that each sheet reads).
 */
interface ReadHow {
  readonly byScanner: boolean;
  readonly cellsKept: boolean;
  /** Each sheet handed over a row at a time (a StreamedSheet), never held whole. */
  readonly streamed?: boolean;
}

const AS_CHECK: ReadHow = { byScanner: false, cellsKept: true };
const BY_SCANNER: ReadHow = { byScanner: true, cellsKept: true };
const READ_BACK: ReadHow = { byScanner: false, cellsKept: false };
const STREAMED: ReadHow = { ...AS_CHECK, streamed: true };

function openXlsx(
  bytes: Uint8Array,
  limits: ReadLimits,
  inflate: Inflate,
  how: ReadHow,
  crc32?: (data: Uint8Array) => number,
): WorkbookSheets {
  if (bytes.length > limits.maxFileBytes)
    tooLarge(
      "file",
      `The file is ${Math.round(bytes.length / 1048576)} MB; at most ${Math.round(limits.maxFileBytes / 1048576)} MB is read.`,
    );
  if (isCompoundFile(bytes)) failCompound(bytes);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    fail("NOT_A_WORKBOOK", "The file is not an Excel workbook (.xlsx).");
  const zip = openZip(bytes, inflate, limits, crc32);
  // The declared sizes refuse an obvious bomb at once; the inflater enforces the limits whatever
  // the directory says.
  let unpacked = 0;
  let largest = 0;
  for (const entry of zip.entries.values()) {
    unpacked += entry.size;
    largest = Math.max(largest, entry.size);
  }
  if (unpacked > limits.maxUnpackedBytes)
    // Said as the limit that one part passes alone, when it does: that is the part to look at.
    tooLarge(
      largest > (limits.maxPartBytes ?? Infinity) ? "part" : "unpacked",
      "The workbook unpacks to more than can be read safely.",
    );
  return readPackage(new Parts(zip), limits, how);
}

/** The package's XML parts by name, inflated when read (one large sheet at a time in memory). */
class Parts {
  private readonly lowerCase = new Map<string, string>();

  constructor(private readonly zip: ZipPackage) {
    for (const name of zip.entries.keys())
      this.lowerCase.set(name.toLowerCase(), name);
  }

  /** The part's text, or null when the package has no such part; throws WorkbookFileError when it is broken. */
  text(path: string, maxBytes = Infinity): string | null {
    // By the directory's size, before it is inflated (the inflater holds the part to that size).
    if (this.size(path) > maxBytes)
      tooLarge("structure", TOO_LARGE_TEXT.structure);
    const bytes = this.bytes(path);
    return bytes ? partText(path, bytes) : null;
  }

  /** A part's size unpacked, as the directory gives it (0 for a part the package lacks). */
  size(path: string): number {
    return this.entry(path)?.size ?? 0;
  }

  private entry(path: string): ZipEntry | undefined {
    return (
      this.zip.entries.get(path) ??
      this.zip.entries.get(this.lowerCase.get(path.toLowerCase()) ?? "")
    );
  }

  /** The part's bytes, or null when the package has no such part; throws WorkbookFileError when it is broken. */
  bytes(path: string): Uint8Array | null {
    const entry = this.entry(path);
    if (!entry) return null;
    try {
      return this.zip.read(entry);
    } catch (e) {
      throw partError(entry.name, e);
    }
  }
}

function readRels(
  files: Parts,
  ownerPart: string,
  maxBytes: number,
): Map<string, Rel> {
  const xml = files.text(relsPathOf(ownerPart), maxBytes);
  return xml ? relationshipsOf(xml, ownerPart).byId : new Map<string, Rel>();
}

function readPackage(
  files: Parts,
  limits: ReadLimits,
  how: ReadHow,
): WorkbookSheets {
  let workbookPart = "xl/workbook.xml";
  let corePart = "docProps/core.xml";
  const structure = limits.maxStructureBytes ?? MAX_STRUCTURE_BYTES;
  try {
    for (const rel of readRels(files, "", structure).values())
      if (rel.type.endsWith(REL_OFFICE_DOCUMENT)) workbookPart = rel.target;
      else if (rel.type.endsWith(REL_CORE_PROPERTIES)) corePart = rel.target;
  } catch (e) {
    if (e instanceof WorkbookFileError && e.code === "TOO_LARGE") throw e;
    // A broken root relationship file: fall back to the conventional workbook path.
  }
  if (workbookPart.toLowerCase().endsWith(".bin"))
    fail(
      "XLSB",
      "The file is an Excel Binary Workbook (.xlsb). Save it as an Excel Workbook (.xlsx) and try again.",
    );
  const workbookXml = files.text(workbookPart, structure);
  const ods = workbookXml === null ? files.bytes("content.xml") : null;
  if (ods !== null && isOdsSpreadsheet(ods)) {
    try {
      return {
        ...readOdsContent(textChunks(ods), {
          maxCells: limits.maxCells,
          maxSheets: limits.maxSheets ?? MAX_SHEETS,
          maxTextChars: limits.maxTextChars ?? MAX_TEXT,
          tooLarge: (limit) => tooLarge(limit, TOO_LARGE_TEXT[limit]),
        }),
        savedAt: savedAtOf(files, "meta.xml", "date", structure),
      };
    } catch (e) {
      if (e instanceof WorkbookFileError) throw e;
      return fail(
        "CORRUPT",
        "The OpenDocument spreadsheet is damaged and cannot be read.",
      );
    }
  }
  if (workbookXml === null)
    return fail(
      "NOT_A_WORKBOOK",
      "The file is a zip package but not an Excel workbook (it has no workbook part).",
    );
  requirePart(files, "[Content_Types].xml", readContentTypes, structure);
  const workbook = structural(workbookPart, workbookXml, readWorkbookXml);
  if (workbook.sheets.length > (limits.maxSheets ?? MAX_SHEETS))
    tooLarge("sheets", TOO_LARGE_TEXT.sheets);
  const rels = structural(
    relsPathOf(workbookPart),
    files.text(relsPathOf(workbookPart), structure) ?? "<Relationships/>",
    (xml) => relationshipsOf(xml, workbookPart),
  ).byId;
  const { date1904 } = workbook;
  const books = externalBooks(files, workbook.externalRefs, rels, structure);
  const tables = workbookTables(files, workbook.sheets, rels, structure);
  const stringsPart = [...rels.values()].find((r) =>
    r.type.endsWith(REL_SHARED_STRINGS),
  )?.target;
  const stylesPart = [...rels.values()].find((r) =>
    r.type.endsWith(REL_STYLES),
  )?.target;
  // A part that a relationship names must be there and be readable: without the shared strings,
  // every text cell would read as empty and the findings would blame the person, not the file.
  const sharedStrings = stringsPart
    ? readSharedStrings(files, stringsPart, limits.maxTextChars ?? MAX_TEXT)
    : [];
  const formats = stylesPart
    ? requirePart(files, stylesPart, readCellFormats, structure)
    : [];
  const strings: SharedStrings = {
    list: sharedStrings,
    part: stringsPart ?? "xl/sharedStrings.xml",
    // As long as the list (8 bytes a string, beside the list's own): an array written out of
    // order as it grows becomes a dictionary, and a Map of 150 000 labels held 9 MB more.
    cells: new Array<Cell | undefined>(sharedStrings.length),
  };
  const budget = {
    cells: limits.maxCells,
    chars: limits.maxTextChars ?? MAX_TEXT,
  };
  let sheetBytes = 0;
  for (const s of workbook.sheets) {
    const target = rels.get(s.rid)?.target;
    sheetBytes += target === undefined ? 0 : files.size(target);
  }
  const bound: TokenBound = {
    maxBytes: limits.maxTokenBytes ?? MAX_TOKEN_BYTES,
    tooLarge: () => tooLarge("token", TOO_LARGE_TEXT.token),
  };
  const onePass =
    !how.byScanner &&
    sheetBytes >= (limits.onePassFromBytes ?? ONE_PASS_FROM_BYTES);
  // Each sheet is read when it is asked for: whoever walks the sheets one at a time holds one.
  function* worksheets(): Generator<Sheet> {
    for (const s of workbook.sheets) {
      const rel = rels.get(s.rid);
      if (!rel || !rel.type.endsWith(REL_WORKSHEET)) continue; // chart sheets, dialog sheets, macro sheets
      let bytes = files.bytes(rel.target);
      if (bytes === null) throw damaged({ kind: "missing", part: rel.target });
      if (bytes.length === 0)
        throw damaged({ kind: "empty", part: rel.target });
      const part = bytes;
      // Hidden or very hidden: a sheet the person does not see in the tabs.
      const shown = s.state === "visible" ? {} : { hidden: true };
      const placed = (
        pieces: Iterable<string>,
        onePass: boolean,
        hidden: HiddenColumns,
      ) =>
        worksheetRows(
          pieces,
          strings,
          formats,
          date1904,
          books,
          budget,
          onePass,
          how.cellsKept,
          hidden,
          tables && { sheet: s.name, all: tables },
        );
      if (how.streamed) {
        let tail: SheetTail | null = null;
        bytes = null;
        const hidden = new HiddenColumns();
        yield {
          streamed: true,
          name: s.name,
          ...shown,
          hiddenColumns: () => hidden.list(),
          // Every sheet is read in one pass: its rows are let go as they are read, whatever its size.
          rows: streamedRows(
            placed(rowPieces(part, bound), true, hidden),
            (t) => (tail = t),
          ),
          tail: () => {
            if (!tail)
              throw new Error("A streamed sheet's tail before its rows");
            return tail;
          },
        };
        continue;
      }
      const read = (pieces: Iterable<string>, inOnePass = onePass) => {
        const hidden = new HiddenColumns();
        return readWorksheet(s.name, placed(pieces, inOnePass, hidden), hidden);
      };
      const unreadable = (e: unknown): Grid => {
        if (e instanceof WorkbookFileError) throw e;
        return {
          name: s.name,
          rows: [],
          unreadable: `invalid XML: ${(e as Error).message.split("\n")[0]}`,
        };
      };
      // A sheet in UTF-16 is made UTF-8 once, however many times it is read below.
      let utf8: Uint8Array | undefined;
      const inUtf8 = () => (utf8 ??= utf8Of(part));
      // By the scanner alone: its error then says where in the sheet, as a whole-document parser would.
      const whole = (): Grid => {
        try {
          return read([decodeXmlPart(inUtf8())], false);
        } catch (e) {
          return unreadable(e);
        }
      };
      // Decoded a few rows at a time, a sheet is never one string, and its rows in the common form
      // are read in one pass (rows.ts).
      let grid: Grid;
      if (how.byScanner) grid = whole();
      else {
        const { cells, chars } = budget;
        try {
          grid = read(rowPieces(inUtf8(), bound));
        } catch (e) {
          if (e instanceof WorkbookFileError) throw e;
          // A cut inside a comment or CDATA section (a search from a window's end cannot tell),
          // or XML that is indeed broken: read again in pieces cut by walking the sheet. Broken,
          // it is read whole to word its error as a whole-document parser would, when it is
          // small: a crafted 190 MB comment that never closed took `check` 1.4 GB so.
          budget.cells = cells;
          budget.chars = chars;
          try {
            grid = read(walkedRowPieces(inUtf8(), bound));
          } catch (again) {
            budget.cells = cells;
            budget.chars = chars;
            grid =
              part.length <= WORDED_WHOLE_UP_TO ? whole() : unreadable(again);
          }
        }
      }
      bytes = null;
      yield s.state === "visible" ? grid : { ...grid, ...shown };
    }
  }
  return {
    sheets: worksheets(),
    savedAt: savedAtOf(files, corePart, "modified", structure),
  };
}

/**
 * When the package was last saved: the text of its core properties' `dcterms:modified` (an
 * .ods's meta.xml `dc:date`), when it is a date and time. A part missing, too large or broken says
 * nothing: it only orders two versions of one period, and never makes a workbook unreadable.
 */
function savedAtOf(
  files: Parts,
  part: string,
  element: string,
  maxBytes: number,
): string | null {
  let xml: string | null;
  try {
    xml = files.text(part, maxBytes);
  } catch {
    return null; // too large (the limit throws), or broken
  }
  const text = xml?.match(
    new RegExp(`<(?:[\\w.-]+:)?${element}\\b[^<>]*>([^<]{1,64})<`),
  )?.[1];
  if (text === undefined) return null;
  const at = text.trim();
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(at) && !Number.isNaN(Date.parse(at))
    ? at
    : null;
}

/**
 * Whether content.xml is an OpenDocument spreadsheet's: looked for in its bytes, which a 190 MB
 * comment made a 190 MB string to search (in UTF-16, in its bytes made UTF-8).
 */
function isOdsSpreadsheet(bytes: Uint8Array): boolean {
  try {
    return indexOfAscii(utf8Of(bytes), "office:spreadsheet", 0) >= 0;
  } catch (e) {
    // Text in UTF-16 that is not: the part is no spreadsheet's content that can be read.
    if (e instanceof NotUnicodeError) return false;
    throw e;
  }
}

/** The largest broken sheet read again whole, for its error's wording (see readPackage). */
const WORDED_WHOLE_UP_TO = 16 * 1024 * 1024;

/** A part's text (decodeXmlPart); bytes that are not text in its encoding are damage. */
export function partText(part: string, bytes: Uint8Array): string {
  try {
    return decodeXmlPart(bytes);
  } catch (e) {
    if (e instanceof NotUnicodeError) throw damaged({ kind: "invalid", part });
    throw e;
  }
}

/** A structural part read by `read`; not well-formed (or empty), it is damage. */
export function structural<T>(
  part: string,
  xml: string,
  read: (xml: string) => T,
): T {
  if (xml.trim() === "") throw damaged({ kind: "empty", part });
  try {
    return read(xml);
  } catch (e) {
    // A limit passed is said as such (relationshipsOf); anything else is a part that does not read.
    if (e instanceof WorkbookFileError) throw e;
    throw damaged({ kind: "invalid", part });
  }
}

/** A part that must be in the package, read by `read`; missing, empty or broken, it is damage. */
function requirePart<T>(
  files: Parts,
  part: string,
  read: (xml: string) => T,
  maxBytes = Infinity,
): T {
  const xml = files.text(part, maxBytes);
  if (xml === null) throw damaged({ kind: "missing", part });
  return structural(part, xml, read);
}

/**
 * The shared strings, which a large workbook needs (some 5 MB at 150 000 lines), scanned a window
 * at a time: read whole, a crafted part of one 190 MB comment took `check` 980 MB. Their text,
 * and a tag (held whole), may hold at most `maxChars` characters, the cells' own limit: one text or
 * attribute of 190 MB took 860 MB.
 */
function readSharedStrings(
  files: Parts,
  part: string,
  maxChars: number,
): string[] {
  const bytes = files.bytes(part);
  if (bytes === null) throw damaged({ kind: "missing", part });
  if (isBlank(bytes)) throw damaged({ kind: "empty", part });
  const out: string[] = [];
  let current = "";
  let runStart = 0;
  let chars = 0;
  let inT = false;
  let inPhonetic = false;
  const scanner = new ChunkScanner(
    {
      get wantsText() {
        return inT && !inPhonetic;
      },
      open(name) {
        if (name === "si") current = "";
        else if (name === "t") {
          inT = true;
          runStart = current.length;
        } else if (name === "rPh") inPhonetic = true;
      },
      close(name) {
        if (name === "si") out.push(current);
        else if (name === "t") {
          if (!inPhonetic) current = unescapeRun(current, runStart);
          inT = false;
        } else if (name === "rPh") inPhonetic = false;
      },
      text(t) {
        chars += t.length;
        if (chars > maxChars) tooLarge("text", TOO_LARGE_TEXT.text);
        current += t;
      },
    },
    maxChars,
  );
  try {
    scanner.scanAll(textChunks(bytes));
  } catch (e) {
    if (e instanceof WorkbookFileError) throw e;
    if (e instanceof TagTooLong) tooLarge("text", TOO_LARGE_TEXT.text);
    throw damaged({ kind: "invalid", part });
  }
  return out;
}

/** Whether a part holds nothing but white space (and a byte order mark): empty, as structural says. */
function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes)
    if (
      b !== 0x20 &&
      b !== 0x09 &&
      b !== 0x0a &&
      b !== 0x0d &&
      b !== 0x00 &&
      b !== 0xef &&
      b !== 0xbb &&
      b !== 0xbf &&
      b !== 0xff &&
      b !== 0xfe
    )
      return false;
  return true;
}

/** Style index → number format code. */
function readCellFormats(xml: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  parseXml(xml, {
    open(name, a) {
      if (name === "numFmt" && a.numFmtId !== undefined)
        custom.set(Number(a.numFmtId), a.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) ids.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return ids.map((id) => custom.get(id) ?? BUILTIN_FORMATS[id]);
}

const DAYS_1904_OFFSET = 1462;

/**
 * The workbook's shared strings, and the cell made of each as it is first met: a cell is only read,
 * never changed, so every plain cell of one shared string is one object (a category or a heading
 * repeated down a sheet of 100 000 lines is then not 100 000 objects).
 */
interface SharedStrings {
  readonly list: readonly string[];
  readonly part: string;
  readonly cells: (Cell | undefined)[];
}

function* worksheetRows(
  pieces: Iterable<string>,
  strings: SharedStrings,
  formats: readonly (string | undefined)[],
  date1904: boolean,
  /** The names of the workbooks its formulas refer to (externalBooks). */
  books: readonly (string | null)[],
  budget: { cells: number; chars: number },
  onePass: boolean,
  cellsKept: boolean,
  /** Filled from the sheet's <cols>, which come before its rows. */
  hiddenColumns: HiddenColumns,
  /** The workbook's Excel tables, and this sheet's name: null where it has none. */
  tables: { readonly sheet: string; readonly all: Tables } | null,
): Generator<Placed, SheetTail> {
  // What the piece being read gave, handed on before the next piece is read.
  const queue: Placed[] = [];
  // The first cell past Excel's last row or column: not read (a row number of two thousand million
  // would otherwise be an array of that length, looped over by every reader of the grid).
  let outside: string | undefined;
  const merges: Merge[] = [];
  const ref = { row: 0, col: 0 };
  let rowIndex = -1;
  let colIndex = -1;
  let type = "n";
  let style = 0;
  let value: string | null = null;
  let formula: string | null = null;
  /** The si of the cell's shared formula (`<f t="shared" si="0">`), or null. */
  let shared: string | null = null;
  // Each shared formula's text and first cell, by si: its other cells hold no text, and read it
  // moved to where they are, as Excel shows them (and gives them to the add-in).
  const sharedTexts = new Map<
    string,
    {
      readonly text: string;
      readonly row: number;
      readonly col: number;
      moved?: (rows: number, cols: number) => string;
    }
  >();
  let inline = "";
  /** Where the inline string's current run starts: each run's escapes are its own (as Excel's). */
  let runStart = 0;
  let capture: "v" | "f" | "t" | null = null;
  let inInline = false;
  let inPhonetic = false;

  /** Whether the row being read is hidden (or filtered out): xsd:boolean, "1" or "true". */
  let rowHidden = false;
  /** A row starts: its number from its r attribute, or the one after the last. */
  const startRow = (r: string | undefined, hidden: string | undefined) => {
    rowHidden = hidden === "1" || hidden === "true";
    const n = r === undefined ? NaN : Number(r);
    // A row number that is no number is past any grid: its cells without references are not read.
    rowIndex =
      r === undefined
        ? rowIndex + 1
        : Number.isInteger(n) && n >= 1
          ? n - 1
          : MAX_ROWS;
    colIndex = -1;
  };
  /** A formula's text; a shared formula's other cell gets its first cell's, moved. */
  const withSharedText = (text: string): string => {
    if (shared === null) return text;
    if (text !== "") {
      sharedTexts.set(shared, { text, row: rowIndex, col: colIndex });
      return text;
    }
    const first = sharedTexts.get(shared);
    // Excel's other cells lie below and right of the first; a crafted one elsewhere has no text.
    if (first === undefined || rowIndex < first.row || colIndex < first.col)
      return text;
    first.moved ??= formulaMover(first.text);
    const moved = first.moved(rowIndex - first.row, colIndex - first.col);
    // Each cell's text is its own: a crafted sheet of millions of cells sharing a long formula.
    if ((budget.chars -= moved.length) < 0)
      tooLarge("text", TOO_LARGE_TEXT.text);
    return moved;
  };
  /** A cell ends: made from what was read of it, and put in its place. */
  const endCell = () => {
    let cell = makeCell(
      type,
      value === null ? null : detach(value),
      formula === null ? null : withSharedText(detach(formula)),
      detach(inline),
      formats[style],
      strings,
      date1904,
    );
    // "[1]Blad!A1" as Excel shows it, "[Budget 2025.xlsx]Blad!A1": the same in every face.
    if (books.length > 0 && cell?.f?.includes("["))
      cell = { ...cell, f: withBookNames(cell.f, books) };
    if (tables !== null && cell?.f?.includes("[")) {
      const at = { sheet: tables.sheet, row: rowIndex, col: colIndex };
      const a1 = tableFormula(cell.f, at, tables.all);
      if (a1 !== undefined) cell = { ...cell, a1 };
    }
    if (
      cell === undefined &&
      type === "s" &&
      value !== null &&
      value.trim() !== ""
    )
      throw damaged({ kind: "incomplete", part: strings.part });
    if (rowIndex >= MAX_ROWS || colIndex >= MAX_COLUMNS) {
      outside ??= outsideRef(rowIndex, colIndex);
      return;
    }
    if (cell && rowIndex >= 0 && colIndex >= 0) {
      if (--budget.cells < 0) tooLarge("cells", TOO_LARGE_TEXT.cells);
      if (cell.t === "s" && (budget.chars -= cell.v.length) < 0)
        tooLarge("text", TOO_LARGE_TEXT.text);
      if (!cellsKept) return;
      if (inRow) {
        rowOf.push(rowIndex);
        colOf.push(colIndex);
        cellsOf.push(cell);
      } else queue.push({ index: rowIndex, col: colIndex, cell });
    }
  };
  // A row is handed on whole, in an array of its own length: grown a cell at a time, V8 gives each
  // row room for 17 cells (a sheet of 150 000 lines held 26 MB of row arrays).
  let inRow = false;
  const rowOf: number[] = [];
  const colOf: number[] = [];
  const cellsOf: Cell[] = [];
  const endRow = () => {
    const n = cellsOf.length;
    const r = rowOf[0] ?? -1;
    // The row's last column, or -1 when its cells are not all in one row.
    let last = -1;
    for (let k = 0; k < n; k++) {
      if (rowOf[k] !== r) {
        last = -1;
        break;
      }
      last = Math.max(last, colOf[k]!);
    }
    if (last >= 0) {
      const row = new Array<Cell | undefined>(last + 1);
      for (let k = 0; k < n; k++) row[colOf[k]!] = cellsOf[k];
      queue.push(
        rowHidden
          ? { index: r, cells: row, hidden: true }
          : { index: r, cells: row },
      );
    } else
      // Cells whose references name other rows: each where it says.
      for (let k = 0; k < n; k++)
        queue.push({ index: rowOf[k]!, col: colOf[k]!, cell: cellsOf[k]! });
    inRow = false;
    rowOf.length = colOf.length = cellsOf.length = 0;
  };
  // Between rows of sheetData, whole rows in the common form are read in one pass (rows.ts);
  // from the first row that is not, the piece goes to the scanner.
  let betweenRows = false;
  const row = new RowBuffer();
  function* rest(all: Iterable<string>): Generator<string> {
    let headSplit = false;
    for (const piece of all) {
      let at = 0;
      if (onePass && !headSplit) {
        headSplit = true;
        // The sheet's head goes to the scanner up to its sheetData, and its first rows to this
        // pass: the whole first piece (a sixteenth of a 1 MB sheet) was the scanner's, at some
        // ten times this pass's cost a row.
        at = afterSheetDataTag(piece);
        if (at > 0) yield piece.slice(0, at);
        else at = 0;
      }
      while (onePass && betweenRows) {
        at = skipSpace(piece, at);
        const end = at < piece.length ? readRow(piece, at, row) : -1;
        if (end < 0) break;
        startRow(row.r, row.hidden);
        inRow = true;
        for (let k = 0; k < row.count; k++) {
          if (row.refCol[k]! >= 0) {
            rowIndex = row.refRow[k]!;
            colIndex = row.refCol[k]!;
          } else colIndex++;
          type = row.type[k]!;
          style = row.style[k]!;
          value = row.value[k]!;
          formula = row.formula[k]!;
          shared = row.shared[k] ?? null;
          inline = unescapeOoxml(row.inline[k]!);
          endCell();
        }
        endRow();
        at = end;
      }
      // An empty piece when this one was read whole: its rows are handed on before the next.
      yield at === 0 ? piece : piece.slice(at);
    }
  }

  const scanner = new PieceScanner({
    get wantsText() {
      return capture !== null;
    },
    open(tag, a) {
      switch (tag) {
        case "sheetData":
          betweenRows = true;
          break;
        case "row":
          betweenRows = false;
          startRow(a.get("r"), a.get("hidden"));
          inRow = true;
          break;
        case "c": {
          // Read in place: this runs once per cell.
          const r = a.find("r");
          if (
            r >= 0 &&
            readRef(a.source, a.valueStart(r), a.valueEnd(r), ref)
          ) {
            rowIndex = ref.row;
            colIndex = ref.col;
          } else colIndex++;
          const t = a.find("t");
          type = t < 0 ? "n" : a.value(t);
          const s = a.find("s");
          style = s < 0 ? 0 : a.integer(s);
          value = null;
          formula = null;
          shared = null;
          inline = "";
          break;
        }
        case "v":
          capture = "v";
          value = "";
          break;
        case "f":
          capture = "f";
          formula = "";
          shared = a.get("t") === "shared" ? (a.get("si") ?? null) : null;
          break;
        case "is":
          inInline = true;
          break;
        case "rPh":
          inPhonetic = true;
          break;
        case "t":
          if (inInline && !inPhonetic) {
            capture = "t";
            runStart = inline.length;
          }
          break;
        case "col": {
          const hidden = a.get("hidden");
          if (hidden === "1" || hidden === "true")
            hiddenColumns.add(
              Number(a.get("min")),
              Number(a.get("max") ?? a.get("min")),
            );
          break;
        }
        case "mergeCell": {
          const [from, to] = (a.get("ref") ?? "").split(":");
          const tl = from ? parseA1(from) : null;
          const br = to ? parseA1(to) : tl;
          if (
            tl &&
            br &&
            tl.row < MAX_ROWS &&
            br.row < MAX_ROWS &&
            tl.col < MAX_COLUMNS &&
            br.col < MAX_COLUMNS
          )
            merges.push({
              top: tl.row,
              left: tl.col,
              bottom: br.row,
              right: br.col,
            });
          break;
        }
      }
    },
    text(t) {
      if (capture === "v") value += t;
      else if (capture === "f") formula += t;
      else inline += t;
    },
    close(tag) {
      switch (tag) {
        case "sheetData":
          betweenRows = false;
          break;
        case "row":
          endRow();
          betweenRows = true;
          break;
        case "t":
          if (capture === "t") inline = unescapeRun(inline, runStart);
          capture = null;
          break;
        case "v":
        case "f":
          capture = null;
          break;
        case "is":
          inInline = false;
          break;
        case "rPh":
          inPhonetic = false;
          break;
        case "c":
          endCell();
          break;
      }
    },
  });
  let ended = false;
  for (const piece of rest(pieces)) {
    ended = piece.length > 0 && scanner.scan(piece);
    for (let k = 0; k < queue.length; k++) yield queue[k]!;
    queue.length = 0;
    if (ended) break;
  }
  if (!ended) scanner.end();
  return outside === undefined ? { merges } : { merges, outsideGrid: outside };
}

/**
 * Where the sheet's first "<sheetData>" tag ends in its first piece, or -1 when it is not there
 * as a plain tag, or when a comment, CDATA section or processing instruction before it could hold
 * the text (the head then goes to the scanner whole, as before).
 */
function afterSheetDataTag(piece: string): number {
  const at = piece.indexOf("<sheetData>");
  if (
    at < 0 ||
    piece.lastIndexOf("<!", at) >= 0 ||
    piece.lastIndexOf("<?", at) > 0
  )
    return -1;
  return at + "<sheetData>".length;
}

/**
 * What a sheet's reading hands on: a row, or a cell whose reference names another row than the
 * one it is written in (or that is written in none).
 */
type Placed =
  | SheetRow
  | { readonly index: number; readonly col: number; readonly cell: Cell };

/** A sheet's rows into a grid, each cell where it says (a row met twice is one row). */
function readWorksheet(
  name: string,
  placed: Generator<Placed, SheetTail>,
  hidden: HiddenColumns,
): Grid {
  const rows: (Cell | undefined)[][] = [];
  const hiddenRows = new Set<number>();
  for (let next = placed.next(); ; next = placed.next()) {
    if (next.done) {
      const { merges, outsideGrid } = next.value;
      const hiddenColumns = hidden.list();
      return {
        name,
        rows,
        merges,
        ...(hiddenRows.size > 0
          ? { hiddenRows: [...hiddenRows].sort((a, b) => a - b) }
          : {}),
        ...(hiddenColumns.length > 0 ? { hiddenColumns } : {}),
        ...(outsideGrid === undefined ? {} : { outsideGrid }),
      };
    }
    const p = next.value;
    if ("hidden" in p) hiddenRows.add(p.index);
    const row = rows[p.index];
    if ("cell" in p) (rows[p.index] ??= [])[p.col] = p.cell;
    else if (row === undefined) rows[p.index] = p.cells as (Cell | undefined)[];
    else p.cells.forEach((cell, c) => (row[c] = cell));
  }
}

/**
 * A sheet streamed: its rows as they are read, when they come in order, a row at a time (as
 * Excel, LibreOffice and every writer we know write them). Anything else (rows out of order, a cell
 * in another row than its own, XML that does not read a few rows at a time) is NotStreamable: the
 * reader then reads the workbook's sheets whole.
 */
function* streamedRows(
  placed: Generator<Placed, SheetTail>,
  end: (tail: SheetTail) => void,
): Generator<SheetRow> {
  let last = -1;
  for (;;) {
    let next: IteratorResult<Placed, SheetTail>;
    try {
      next = placed.next();
    } catch (e) {
      if (e instanceof WorkbookFileError) throw e;
      throw new NotStreamable(e instanceof Error ? e.message : String(e));
    }
    if (next.done) {
      end(next.value);
      return;
    }
    const p = next.value;
    if ("cell" in p || p.index <= last)
      throw new NotStreamable(`row ${p.index + 1} out of order`);
    last = p.index;
    yield p;
  }
}

/**
 * The workbook's Excel tables, from its worksheets' table parts, or null where it has none. A part
 * that cannot be read is left out: its table's references are then not worked out, and the cells
 * keep the values the file holds (the cells themselves are read as always).
 */
function workbookTables(
  files: Parts,
  sheets: readonly WorkbookSheet[],
  rels: ReadonlyMap<string, Rel>,
  structure: number,
): Tables | null {
  const found: TableArea[] = [];
  for (const s of sheets) {
    const rel = rels.get(s.rid);
    if (!rel?.type.endsWith(REL_WORKSHEET)) continue;
    try {
      for (const r of readRels(files, rel.target, structure).values()) {
        if (!r.type.endsWith(REL_TABLE)) continue;
        // More than Excel's add-in reads: none, on both faces.
        if (found.length === MAX_TABLES) return null;
        const xml = files.text(r.target, structure);
        const table = xml === null ? null : tableOfXml(xml, s.name);
        if (table) found.push(table);
      }
    } catch {
      // A sheet's relationships or a table part that cannot be read: its tables left out.
    }
  }
  return found.length > 0 ? new Tables(found) : null;
}

/**
 * The file names of the workbooks the formulas refer to, by their number ("[1]" the first): each
 * external reference's part names its workbook's path in its own relationships. Null where the
 * package does not say.
 */
function externalBooks(
  files: Parts,
  refs: readonly string[],
  rels: ReadonlyMap<string, Rel>,
  structure: number,
): (string | null)[] {
  // Each part once: a crafted workbook may name one a hundred thousand times.
  const byPart = new Map<string, string | null>();
  const bookOf = (part: string): string | null => {
    const xml = files.text(relsPathOf(part), structure);
    if (!xml) return null;
    try {
      const path = readRelationships(xml, part).list.find(
        (r) => r.external,
      )?.rawTarget;
      return path ? fileNameOf(path) : null;
    } catch {
      return null;
    }
  };
  return refs.map((rid) => {
    const part = rels.get(rid)?.target;
    if (part === undefined) return null;
    if (!byPart.has(part)) byPart.set(part, bookOf(part));
    return byPart.get(part) ?? null;
  });
}

/** The file name at the end of a path or file URL ("file:///C:\\Mapp\\Budget%202025.xlsx"). */
function fileNameOf(path: string): string | null {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Not percent-encoded: as it is.
  }
  return shownFileName(decoded) || null;
}

/**
 * A formula's references into other workbooks with their file names, as Excel shows them: the
 * file keeps "[1]Blad!A1" where Excel shows "[Budget 2025.xlsx]Blad!A1" (EXTERNAL_REF). A number
 * whose book the package does not name is kept.
 */
export function withBookNames(
  formula: string,
  books: readonly (string | null)[],
): string {
  return formula.replace(EXTERNAL_REFS, (all, book: string) => {
    const name = /^\d+$/.test(book) ? books[Number(book) - 1] : null;
    return name ? `[${name}]` : all;
  });
}

const EXTERNAL_REFS = new RegExp(EXTERNAL_REF.source, "gu");

/** A sheet that cannot be read a row at a time: read the workbook with readXlsxLazily instead. */
export class NotStreamable extends Error {
  constructor(reason: string) {
    super(`The sheet cannot be read a row at a time: ${reason}`);
    this.name = "NotStreamable";
  }
}

/** A cell's reference for a finding, also past the grid's end ("A2000000000"). */
function outsideRef(row: number, col: number): string {
  return `${columnLetters(Math.max(0, Math.min(col, 18_277)))}${Math.max(0, row) + 1}`;
}

/** A cell object; the formula key only when there is one (a sheet has many cells, most without). */
function cellOf(
  t: Cell["t"],
  v: string | number | boolean,
  f: string | undefined,
  fmt?: string,
): Cell {
  if (fmt === undefined)
    return (f === undefined ? { t, v } : { t, v, f }) as Cell;
  return (f === undefined ? { t, v, fmt } : { t, v, fmt, f }) as Cell;
}

/**
 * A copy of a text taken from the sheet's XML that does not keep the XML alive: V8 makes a
 * substring of 13 or more characters a view into its parent, so one formula or label kept in a
 * grid would keep the whole sheet's text in memory (in `compute`, every sheet's: most of its
 * memory on a large workbook). Flattening a concatenation copies the characters.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (text + " ").slice(0, -1);
}

function makeCell(
  type: string,
  value: string | null,
  formula: string | null,
  inline: string,
  fmt: string | undefined,
  strings: SharedStrings,
  date1904: boolean,
): Cell | undefined {
  // "" is a shared formula's cell whose first cell is not there (withSharedText): still a formula.
  const f =
    formula === null ? undefined : formula === "" ? SHARED_DEPENDANT : formula;
  switch (type) {
    case "s": {
      const index =
        value === null || isRadixLiteral(value) ? NaN : Number(value);
      const s = strings.list[index];
      if (s === undefined) return undefined;
      if (f !== undefined) return cellOf("s", s, f);
      return (strings.cells[index] ??= cellOf("s", s, undefined));
    }
    case "inlineStr":
      return cellOf("s", inline, f);
    case "str":
      return value === null
        ? f
          ? { t: "z", v: null, f }
          : undefined
        : cellOf("s", unescapeOoxml(value), f);
    case "b":
      return value === null
        ? undefined
        : cellOf("b", value.trim() === "1" || value.trim() === "true", f);
    case "e":
      return value === null ? undefined : cellOf("e", value.trim(), f);
    case "d": {
      if (value === null) return undefined;
      const ms = Date.parse(
        value.length === 10
          ? `${value}T00:00:00Z`
          : value.endsWith("Z")
            ? value
            : `${value}Z`,
      );
      if (Number.isNaN(ms)) return cellOf("s", value, f);
      const serial = ms / 86_400_000 + 25569;
      return cellOf(
        "n",
        serial,
        f,
        fmt && isDateFormat(fmt) ? fmt : "yyyy-mm-dd",
      );
    }
    default: {
      if (value === null || value.trim() === "")
        return f
          ? { t: "z", v: null, f, ...(fmt && fmt !== "General" ? { fmt } : {}) }
          : undefined;
      let n = Number(value);
      if (!Number.isFinite(n) || isRadixLiteral(value))
        return cellOf("s", value, f);
      if (date1904 && isDateFormat(fmt)) n += DAYS_1904_OFFSET;
      return cellOf("n", n, f, fmt && fmt !== "General" ? fmt : undefined);
    }
  }
}
