// LibreOffice Calc (Debian's libreoffice-calc-nogui), headless: re-save a workbook as another
// program would, or recalculate every formula on load and save what Calc computes.

import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Cell, WorkbookGrids } from "../../src/core";

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Documents given to one Calc at most (see soffice). */
const BATCH = 200;

/** The start of the name of each conversion's folder, this process's own. */
export const LIBREOFFICE_FOLDERS = `iop-lo-${process.pid}-`;

/**
 * Several documents through one Calc or Writer, converted to `to` in `<dir>/out`: its start,
 * seconds, is paid once. Returns what `read` takes from the folder of what it wrote; the folder,
 * with Calc's profile (some 3 MB), is removed after.
 */
function soffice<T>(
  files: readonly Uint8Array[],
  to: string,
  recalculate: boolean,
  /** What kind of file they are: LibreOffice goes by the extension. */
  ext: string,
  read: (outDir: string) => T,
): T {
  const dir = mkdtempSync(join(tmpdir(), LIBREOFFICE_FOLDERS));
  try {
    if (recalculate) {
      // Without this, Calc keeps the cached values it finds; with it, it computes every formula itself.
      mkdirSync(join(dir, "profile", "user"), { recursive: true });
      writeFileSync(
        join(dir, "profile", "user", "registrymodifications.xcu"),
        RECALC_ALWAYS,
      );
    }
    const inputs = files.map((bytes, i) => {
      const input = join(dir, `in-${i}${ext}`);
      writeFileSync(input, bytes);
      return input;
    });
    const outDir = join(dir, "out");
    // Calc converts only the first 246 documents of a command line and exits 0 (LibreOffice 7.4):
    // a larger batch goes through it a part at a time.
    for (let from = 0; from < inputs.length; from += BATCH) {
      const part = inputs.slice(from, from + BATCH);
      execFileSync(
        "soffice",
        [
          "--headless",
          "--norestore",
          `-env:UserInstallation=file://${dir}/profile`,
          "--convert-to",
          to,
          "--outdir",
          outDir,
          ...part,
        ],
        { stdio: "pipe", timeout: 120_000 + 10_000 * part.length },
      );
    }
    return read(outDir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function convertAll(
  files: readonly Uint8Array[],
  recalculate: boolean,
  to = "xlsx",
  ext = ".xlsx",
): Buffer[] {
  // "txt:Text (encoded):UTF8" names a filter after the extension.
  return soffice(files, to, recalculate, ext, (outDir) =>
    files.map((_, i) =>
      readFileSync(join(outDir, `in-${i}.${to.split(":")[0]}`)),
    ),
  );
}

function convert(
  bytes: Uint8Array,
  name: string,
  recalculate: boolean,
  to = "xlsx",
): Buffer {
  const ext = /\.[a-z]+$/.exec(name)?.[0] ?? ".xlsx";
  return convertAll([bytes], recalculate, to, ext)[0]!;
}

export function resaveWithLibreOffice(
  bytes: Uint8Array,
  name = "book.xlsx",
): Buffer {
  return convert(bytes, name, false);
}

/** Workbooks re-saved by one Calc, each as `resaveWithLibreOffice` gives it. */
export function resaveAllWithLibreOffice(
  files: readonly Uint8Array[],
): Buffer[] {
  return convertAll(files, false);
}

/** Workbooks recalculated by one Calc, each as `recalculateWithLibreOffice` gives it. */
export function recalculateAllWithLibreOffice(
  files: readonly Uint8Array[],
): Buffer[] {
  return convertAll(files, true);
}

export function recalculateWithLibreOffice(
  bytes: Uint8Array,
  name = "book.xlsx",
): Buffer {
  return convert(bytes, name, true);
}

/** The workbook as LibreOffice saves it by default: an OpenDocument spreadsheet (.ods). */
export function saveAsOds(bytes: Uint8Array, name = "book.xlsx"): Buffer {
  return convert(bytes, name, false, "ods");
}

/** The workbook as LibreOffice saves it for Excel 97–2003 (.xls, an OLE compound file). */
export function saveAsXls(bytes: Uint8Array, name = "book.xlsx"): Buffer {
  return convert(bytes, name, false, "xls");
}

/** Workbooks saved as .ods by one Calc, each as `saveAsOds` gives it. */
export function saveAllAsOds(files: readonly Uint8Array[]): Buffer[] {
  return convertAll(files, false, "ods");
}

/** CSV as Calc writes it: fields separated by commas, quoted when they need it ("" for a quote). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * Each workbook's sheets as Calc shows them (every cell's text as displayed through its number
 * format, in Calc's en-US), by sheet name; one Calc for them all. Cached values, not recalculated.
 */
export function displayedAllWithLibreOffice(
  files: readonly Uint8Array[],
): Map<string, string[][]>[] {
  // Comma, quote, UTF-8, from row 1; text as shown (the 9th token); every sheet to its own file (-1).
  return soffice(
    files,
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
    false,
    ".xlsx",
    (outDir) => {
      const written = readdirSync(outDir);
      return files.map((_, i) => {
        const sheets = new Map<string, string[][]>();
        const prefix = `in-${i}-`;
        for (const name of written)
          if (name.startsWith(prefix) && name.endsWith(".csv"))
            sheets.set(
              name.slice(prefix.length, -".csv".length),
              parseCsv(readFileSync(join(outDir, name), "utf8")),
            );
        return sheets;
      });
    },
  );
}

/** A Word document opened by LibreOffice Writer and saved as `to` ("pdf", "txt:Text (encoded):UTF8"). */
export function convertDocument(
  bytes: Uint8Array,
  to: string,
  name = "memo.docx",
): Buffer {
  return convert(bytes, name, false, to);
}

/** A value as both programs can give it: "" for none. */
function shown(cell: Cell | undefined): string | number {
  if (cell === undefined || cell.v === null || cell.v === "") return "";
  if (typeof cell.v === "number") return cell.v;
  return String(cell.v);
}

/** A formula cell whose value, recalculated, is not the one cached. */
export interface Disagreement {
  readonly at: string;
  readonly formula: string;
  readonly cached: string | number;
  readonly calculated: string | number;
}

/**
 * Every formula cell of `mine` whose value in `theirs` (the file as Calc recalculated it) is not
 * the one cached: figures to `tolerance` (the öre of kronor, by default: the engine counts in öre,
 * a cell may hold a fraction of one), the rest exactly.
 */
export function disagreements(
  mine: WorkbookGrids,
  theirs: WorkbookGrids,
  tolerance = 0.005,
): Disagreement[] {
  const out: Disagreement[] = [];
  for (const sheet of mine.sheets) {
    const calc = theirs.sheets.find((g) => g.name === sheet.name);
    for (let r = 0; r < sheet.rows.length; r++) {
      const row = sheet.rows[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell?.f === undefined) continue;
        const cached = shown(cell);
        const calculated = shown(calc?.rows[r]?.[c]);
        const same =
          typeof cached === "number" && typeof calculated === "number"
            ? Math.abs(cached - calculated) < tolerance
            : cached === calculated;
        if (!same)
          out.push({
            at: `${sheet.name}!R${r + 1}C${c + 1}`,
            formula: cell.f,
            cached,
            calculated,
          });
      }
    }
  }
  return out;
}
