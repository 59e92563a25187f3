// The workbooks a zip archive holds: SharePoint's and OneDrive's "Download" of a folder of
// submissions gives one. An archive is told from a workbook's own package (an .xlsx or .ods is a
// zip too) by its entries: a workbook's has [Content_Types].xml or an OpenDocument mimetype.

import { shownFileName } from "../core";
import { byFileName, isWorkbookFile } from "./file-names";
import { DEFAULT_LIMITS, WorkbookFileError } from "./read";
import {
  type Inflate,
  ZipError,
  type ZipEntry,
  ZipPackage,
  inflateWithFflate,
} from "./zip";

export interface ArchivedWorkbook {
  /** Its path in the archive ("Inkommet/rapport.xlsx"). */
  readonly name: string;
  /** Inflated when asked for, so that one workbook at a time is in memory. */
  readonly bytes: () => Uint8Array;
}

/**
 * Code page 850's characters 0x80–0xFF: DOS's Western European page, in which Windows' Explorer
 * writes a Swedish name into a zip without the UTF-8 flag.
 */
const CP850 =
  "\u00c7\u00fc\u00e9\u00e2\u00e4\u00e0\u00e5\u00e7\u00ea\u00eb\u00e8\u00ef\u00ee\u00ec\u00c4\u00c5\u00c9\u00e6\u00c6\u00f4\u00f6\u00f2\u00fb\u00f9\u00ff\u00d6\u00dc\u00f8\u00a3\u00d8\u00d7\u0192\u00e1\u00ed\u00f3\u00fa\u00f1\u00d1\u00aa\u00ba\u00bf\u00ae\u00ac\u00bd\u00bc\u00a1\u00ab\u00bb\u2591\u2592\u2593\u2502\u2524\u00c1\u00c2\u00c0\u00a9\u2563\u2551\u2557\u255d\u00a2\u00a5\u2510\u2514\u2534\u252c\u251c\u2500\u253c\u00e3\u00c3\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u00a4\u00f0\u00d0\u00ca\u00cb\u00c8\u0131\u00cd\u00ce\u00cf\u2518\u250c\u2588\u2584\u00a6\u00cc\u2580\u00d3\u00df\u00d4\u00d2\u00f5\u00d5\u00b5\u00fe\u00de\u00da\u00db\u00d9\u00fd\u00dd\u00af\u00b4\u00ad\u00b1\u2017\u00be\u00b6\u00a7\u00f7\u00b8\u00b0\u00a8\u00b7\u00b9\u00b3\u00b2\u25a0\u00a0";

/**
 * An entry's name as its maker meant it. The zip reader takes a name without the UTF-8 flag as
 * Latin-1, byte for byte; its bytes are UTF-8 (as a Mac writes them, unflagged) when they decode
 * so, else code page 850 (its byte 0x84 is "ä").
 */
function entryName(entry: ZipEntry): string {
  const { name } = entry;
  if (entry.utf8Name || !/[\x80-\xff]/.test(name)) return name;
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return Array.from(bytes, (b) =>
      b < 0x80 ? String.fromCharCode(b) : CP850[b - 0x80]!,
    ).join("");
  }
}

/**
 * The workbooks of an archive, at any depth in it, by the rule of a folder's workbooks
 * (file-names.ts; a Mac's "__MACOSX" copies left out too), in name order; null when the bytes are
 * no zip, a workbook's own package, or an archive without a workbook. Each is inflated within a
 * workbook file's limit, all of them within the package's: past one, its bytes are the file error
 * TOO_LARGE; damaged, CORRUPT.
 */
export function archivedWorkbooks(
  bytes: Uint8Array,
  inflate: Inflate = inflateWithFflate,
): ArchivedWorkbook[] | null {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return null;
  let zip: ZipPackage;
  try {
    zip = new ZipPackage(bytes, inflate, {
      limits: {
        maxPartBytes: DEFAULT_LIMITS.maxFileBytes,
        maxTotalBytes: DEFAULT_LIMITS.maxUnpackedBytes,
      },
    });
  } catch {
    return null;
  }
  const entries = [...zip.entries.values()];
  if (
    entries.some((e) => /^(?:\[content_types\]\.xml|mimetype)$/i.test(e.name))
  )
    return null;
  const workbooks = entries
    .map((entry) => ({ entry, name: entryName(entry) }))
    .filter(
      ({ name }) =>
        !name.endsWith("/") &&
        !/(?:^|\/)__MACOSX\//.test(name) &&
        isWorkbookFile(shownFileName(name)),
    )
    .sort((a, b) => byFileName(a.name, b.name));
  if (workbooks.length === 0) return null;
  return workbooks.map(({ entry, name }) => ({
    name,
    bytes: () => {
      try {
        return zip.read(entry);
      } catch (e) {
        if (e instanceof ZipError && e.tooLarge)
          throw new WorkbookFileError(
            "TOO_LARGE",
            `${name} in the archive is larger than can be read safely.`,
            undefined,
            e.limit === "unpacked" ? "unpacked" : "file",
          );
        throw new WorkbookFileError(
          "CORRUPT",
          `${name} in the archive cannot be unpacked.`,
          { kind: "inflate", part: name },
        );
      }
    },
  }));
}
