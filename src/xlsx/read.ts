// .xlsx bytes → the core's grids. Runs in Node and in the browser (fflate + saxes, no Node APIs).
// Only this adapter knows the file format; every failure is a WorkbookFileError, never a crash.

import { type Unzipped, strFromU8, unzipSync } from "fflate";
import {
  type Cell,
  type Grid,
  type Merge,
  type WorkbookGrids,
  isDateFormat,
  parseA1,
} from "../core";
import { readOdsContent } from "./ods";
import { parseXml, unescapeOoxml } from "./xml";

export type FileErrorCode =
  | "NOT_A_WORKBOOK"
  | "ENCRYPTED"
  | "LEGACY_XLS"
  | "TOO_LARGE"
  | "CORRUPT"
  /** An OpenDocument spreadsheet: read and checked, but computed results are written to .xlsx only. */
  | "ODS_NOT_WRITABLE";

export class WorkbookFileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "WorkbookFileError";
  }
}

export interface ReadLimits {
  /** Largest file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** Largest total of the XML parts once unpacked (guards against zip bombs). */
  readonly maxUnpackedBytes: number;
  /** Most cells read from one workbook. */
  readonly maxCells: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxUnpackedBytes: 600 * 1024 * 1024,
  maxCells: 5_000_000,
};

const REL_WORKSHEET = "/worksheet";
const REL_SHARED_STRINGS = "/sharedStrings";
const REL_STYLES = "/styles";
const REL_OFFICE_DOCUMENT = "/officeDocument";

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

/** Reads every worksheet of an .xlsx file into grids. Throws only WorkbookFileError. */
export function readXlsx(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
): WorkbookGrids {
  if (bytes.length > limits.maxFileBytes)
    fail(
      "TOO_LARGE",
      `The file is ${Math.round(bytes.length / 1048576)} MB; at most ${Math.round(limits.maxFileBytes / 1048576)} MB is read.`,
    );
  if (
    bytes.length >= 4 &&
    bytes[0] === 0xd0 &&
    bytes[1] === 0xcf &&
    bytes[2] === 0x11 &&
    bytes[3] === 0xe0
  ) {
    // An OLE compound file is either an encrypted .xlsx or a legacy .xls.
    const probe = strFromU8(
      bytes.subarray(0, Math.min(bytes.length, 65536)),
      true,
    ).replace(/\0/g, "");
    if (probe.includes("EncryptionInfo") || probe.includes("EncryptedPackage"))
      fail(
        "ENCRYPTED",
        "The workbook is password-protected (encrypted). Save it without a password and try again.",
      );
    fail(
      "LEGACY_XLS",
      "The file is an old Excel 97–2003 workbook (.xls). Save it as .xlsx and try again.",
    );
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    fail("NOT_A_WORKBOOK", "The file is not an Excel workbook (.xlsx).");
  let files: Unzipped;
  try {
    let unpacked = 0;
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!/\.(xml|rels)$/i.test(f.name)) return false;
        unpacked += f.originalSize;
        if (unpacked > limits.maxUnpackedBytes)
          fail(
            "TOO_LARGE",
            "The workbook unpacks to more than can be read safely.",
          );
        return true;
      },
    });
  } catch (e) {
    if (e instanceof WorkbookFileError) throw e;
    return fail(
      "NOT_A_WORKBOOK",
      "The file is not an Excel workbook (.xlsx): it is not a readable zip package.",
    );
  }
  return readPackage(files, limits);
}

function partText(files: Unzipped, path: string): string | null {
  const data =
    files[path] ??
    files[
      Object.keys(files).find((k) => k.toLowerCase() === path.toLowerCase()) ??
        ""
    ];
  return data ? strFromU8(data) : null;
}

/** Resolves a relationship target against the folder of the part that owns it (absolute targets too). */
export function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ownerPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Rel {
  readonly type: string;
  readonly target: string;
}

function readRels(files: Unzipped, ownerPart: string): Map<string, Rel> {
  const rels = new Map<string, Rel>();
  const xml = partText(files, relsPathOf(ownerPart));
  if (!xml) return rels;
  parseXml(xml, {
    open(name, a) {
      if (
        name === "Relationship" &&
        a.Id &&
        a.Target &&
        a.TargetMode !== "External"
      )
        rels.set(a.Id, {
          type: a.Type ?? "",
          target: resolveTarget(ownerPart, a.Target),
        });
    },
  });
  return rels;
}

function readPackage(files: Unzipped, limits: ReadLimits): WorkbookGrids {
  let workbookPart = "xl/workbook.xml";
  try {
    for (const rel of readRels(files, "").values())
      if (rel.type.endsWith(REL_OFFICE_DOCUMENT)) workbookPart = rel.target;
  } catch {
    // A broken root relationship file: fall back to the conventional workbook path.
  }
  const workbookXml = partText(files, workbookPart);
  const ods = workbookXml === null ? partText(files, "content.xml") : null;
  if (ods !== null && ods.includes("office:spreadsheet")) {
    try {
      return readOdsContent(ods);
    } catch {
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
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  let rels: Map<string, Rel>;
  try {
    parseXml(workbookXml, {
      open(name, a) {
        if (name === "sheet" && a.name !== undefined)
          sheets.push({ name: a.name, rid: a.id ?? "" });
        else if (
          name === "workbookPr" &&
          (a.date1904 === "1" || a.date1904 === "true")
        )
          date1904 = true;
      },
    });
    rels = readRels(files, workbookPart);
  } catch (e) {
    return fail(
      "CORRUPT",
      `The workbook's structure cannot be read (${(e as Error).message.split("\n")[0]}).`,
    );
  }
  let sharedStrings: string[] = [];
  let formats: (string | undefined)[] = [];
  const stringsPart = [...rels.values()].find((r) =>
    r.type.endsWith(REL_SHARED_STRINGS),
  )?.target;
  const stylesPart = [...rels.values()].find((r) =>
    r.type.endsWith(REL_STYLES),
  )?.target;
  try {
    // A part named by a relationship but missing from the package is read as empty.
    const stringsXml = stringsPart ? partText(files, stringsPart) : null;
    const stylesXml = stylesPart ? partText(files, stylesPart) : null;
    if (stringsXml) sharedStrings = readSharedStrings(stringsXml);
    if (stylesXml) formats = readCellFormats(stylesXml);
  } catch (e) {
    return fail(
      "CORRUPT",
      `The workbook's shared strings or styles cannot be read (${(e as Error).message.split("\n")[0]}).`,
    );
  }
  const budget = { cells: limits.maxCells };
  const grids: Grid[] = [];
  for (const s of sheets) {
    const rel = rels.get(s.rid);
    if (!rel || !rel.type.endsWith(REL_WORKSHEET)) continue; // chart sheets, dialog sheets, macro sheets
    const xml = partText(files, rel.target);
    if (xml === null) {
      grids.push({
        name: s.name,
        rows: [],
        unreadable: "the sheet's part is missing from the file",
      });
      continue;
    }
    try {
      grids.push(
        readWorksheet(s.name, xml, sharedStrings, formats, date1904, budget),
      );
    } catch (e) {
      if (e instanceof WorkbookFileError) throw e;
      grids.push({
        name: s.name,
        rows: [],
        unreadable: `invalid XML: ${(e as Error).message.split("\n")[0]}`,
      });
    }
  }
  return { sheets: grids };
}

function readSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let current = "";
  let inT = false;
  let inPhonetic = false;
  parseXml(xml, {
    open(name) {
      if (name === "si") current = "";
      else if (name === "t") inT = true;
      else if (name === "rPh") inPhonetic = true;
    },
    close(name) {
      if (name === "si") out.push(unescapeOoxml(current));
      else if (name === "t") inT = false;
      else if (name === "rPh") inPhonetic = false;
    },
    text(t) {
      if (inT && !inPhonetic) current += t;
    },
  });
  return out;
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

function readWorksheet(
  name: string,
  xml: string,
  sharedStrings: readonly string[],
  formats: readonly (string | undefined)[],
  date1904: boolean,
  budget: { cells: number },
): Grid {
  const rows: (Cell | undefined)[][] = [];
  const merges: Merge[] = [];
  let rowIndex = -1;
  let colIndex = -1;
  let type = "n";
  let style = 0;
  let value: string | null = null;
  let formula: string | null = null;
  let inline = "";
  let capture: "v" | "f" | "t" | null = null;
  let inInline = false;
  let inPhonetic = false;

  parseXml(xml, {
    open(tag, a) {
      switch (tag) {
        case "row":
          rowIndex = a.r ? Number(a.r) - 1 : rowIndex + 1;
          colIndex = -1;
          break;
        case "c": {
          const ref = a.r ? parseA1(a.r) : null;
          if (ref) {
            rowIndex = ref.row;
            colIndex = ref.col;
          } else colIndex++;
          type = a.t ?? "n";
          style = a.s ? Number(a.s) : 0;
          value = null;
          formula = null;
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
          break;
        case "is":
          inInline = true;
          break;
        case "rPh":
          inPhonetic = true;
          break;
        case "t":
          if (inInline && !inPhonetic) capture = "t";
          break;
        case "mergeCell": {
          const [from, to] = (a.ref ?? "").split(":");
          const tl = from ? parseA1(from) : null;
          const br = to ? parseA1(to) : tl;
          if (tl && br)
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
      else if (capture === "t") inline += t;
    },
    close(tag) {
      switch (tag) {
        case "v":
        case "f":
        case "t":
          capture = null;
          break;
        case "is":
          inInline = false;
          break;
        case "rPh":
          inPhonetic = false;
          break;
        case "c": {
          const cell = makeCell(
            type,
            value,
            formula,
            inline,
            formats[style],
            sharedStrings,
            date1904,
          );
          if (cell && rowIndex >= 0 && colIndex >= 0) {
            if (--budget.cells < 0)
              fail(
                "TOO_LARGE",
                "The workbook has more cells than can be read safely.",
              );
            (rows[rowIndex] ??= [])[colIndex] = cell;
          }
          break;
        }
      }
    },
  });
  return { name, rows, merges };
}

function makeCell(
  type: string,
  value: string | null,
  formula: string | null,
  inline: string,
  fmt: string | undefined,
  sharedStrings: readonly string[],
  date1904: boolean,
): Cell | undefined {
  // A shared formula's dependants carry no text: still a formula.
  const f =
    formula === null ? undefined : formula === "" ? "(shared)" : formula;
  const base = f === undefined ? {} : { f };
  switch (type) {
    case "s": {
      const s = value === null ? undefined : sharedStrings[Number(value)];
      return s === undefined ? undefined : { t: "s", v: s, ...base };
    }
    case "inlineStr":
      return { t: "s", v: unescapeOoxml(inline), ...base };
    case "str":
      return value === null
        ? f
          ? { t: "z", v: null, f }
          : undefined
        : { t: "s", v: unescapeOoxml(value), ...base };
    case "b":
      return value === null
        ? undefined
        : {
            t: "b",
            v: value.trim() === "1" || value.trim() === "true",
            ...base,
          };
    case "e":
      return value === null ? undefined : { t: "e", v: value.trim(), ...base };
    case "d": {
      if (value === null) return undefined;
      const ms = Date.parse(
        value.length === 10
          ? `${value}T00:00:00Z`
          : value.endsWith("Z")
            ? value
            : `${value}Z`,
      );
      if (Number.isNaN(ms)) return { t: "s", v: value, ...base };
      const serial = ms / 86_400_000 + 25569;
      return {
        t: "n",
        v: serial,
        fmt: fmt && isDateFormat(fmt) ? fmt : "yyyy-mm-dd",
        ...base,
      };
    }
    default: {
      if (value === null || value.trim() === "")
        return f
          ? { t: "z", v: null, f, ...(fmt && fmt !== "General" ? { fmt } : {}) }
          : undefined;
      let n = Number(value);
      if (!Number.isFinite(n)) return { t: "s", v: value, ...base };
      if (date1904 && isDateFormat(fmt)) n += DAYS_1904_OFFSET;
      return fmt && fmt !== "General"
        ? { t: "n", v: n, fmt, ...base }
        : { t: "n", v: n, ...base };
    }
  }
}
