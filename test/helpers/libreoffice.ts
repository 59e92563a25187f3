// LibreOffice Calc (Debian's libreoffice-calc-nogui), headless: re-save a workbook as another
// program would, or recalculate every formula on load and save what Calc computes.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Several documents through one Calc or Writer: its start, seconds, is paid once. */
function convertAll(
  files: readonly Uint8Array[],
  recalculate: boolean,
  to = "xlsx",
  /** What kind of file they are: LibreOffice goes by the extension. */
  ext = ".xlsx",
): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), "iop-lo-"));
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
      ...inputs,
    ],
    { stdio: "pipe", timeout: 120_000 + 10_000 * files.length },
  );
  // "txt:Text (encoded):UTF8" names a filter after the extension.
  return files.map((_, i) =>
    readFileSync(join(outDir, `in-${i}.${to.split(":")[0]}`)),
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

/** Workbooks saved as .ods by one Calc, each as `saveAsOds` gives it. */
export function saveAllAsOds(files: readonly Uint8Array[]): Buffer[] {
  return convertAll(files, false, "ods");
}

/** A Word document opened by LibreOffice Writer and saved as `to` ("pdf", "txt:Text (encoded):UTF8"). */
export function convertDocument(
  bytes: Uint8Array,
  to: string,
  name = "memo.docx",
): Buffer {
  return convert(bytes, name, false, to);
}
