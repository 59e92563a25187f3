// The workbooks a zip archive holds: SharePoint's and OneDrive's "Download" of a folder of
// submissions gives one. An archive is told from a workbook's own package (an .xlsx or .ods is a
// zip too) by its entries: a workbook's has [Content_Types].xml or an OpenDocument mimetype.

import { byFileName, isNeverWorkbook, isWorkbookName } from "./file-names";
import { DEFAULT_LIMITS, WorkbookFileError } from "./read";
import { type Inflate, ZipError, ZipPackage, inflateWithFflate } from "./zip";

export interface ArchivedWorkbook {
  /** Its path in the archive ("Inkommet/rapport.xlsx"). */
  readonly name: string;
  /** Inflated when asked for, so that one workbook at a time is in memory. */
  readonly bytes: () => Uint8Array;
}

/** The last part of an entry's path. */
const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

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
  const names = [...zip.entries.keys()];
  if (names.some((n) => /^(?:\[content_types\]\.xml|mimetype)$/i.test(n)))
    return null;
  const workbooks = names
    .filter(
      (n) =>
        !n.endsWith("/") &&
        !/(?:^|\/)__MACOSX\//.test(n) &&
        !isNeverWorkbook(baseName(n)) &&
        isWorkbookName(n),
    )
    .sort(byFileName);
  if (workbooks.length === 0) return null;
  return workbooks.map((name) => ({
    name,
    bytes: () => {
      try {
        return zip.read(zip.entries.get(name)!);
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
