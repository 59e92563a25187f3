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

function convert(
  bytes: Uint8Array,
  name: string,
  recalculate: boolean,
  to = "xlsx",
): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "iop-lo-"));
  if (recalculate) {
    // Without this, Calc keeps the cached values it finds; with it, it computes every formula itself.
    mkdirSync(join(dir, "profile", "user"), { recursive: true });
    writeFileSync(
      join(dir, "profile", "user", "registrymodifications.xcu"),
      RECALC_ALWAYS,
    );
  }
  const input = join(dir, `in-${name}`);
  const outDir = join(dir, "out");
  writeFileSync(input, bytes);
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
      input,
    ],
    {
      stdio: "pipe",
      timeout: 120_000,
    },
  );
  // "txt:Text (encoded):UTF8" names a filter after the extension.
  return readFileSync(
    join(outDir, `in-${name}`.replace(/\.[a-z]+$/, `.${to.split(":")[0]}`)),
  );
}

export function resaveWithLibreOffice(
  bytes: Uint8Array,
  name = "book.xlsx",
): Buffer {
  return convert(bytes, name, false);
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

/** A Word document opened by LibreOffice Writer and saved as `to` ("pdf", "txt:Text (encoded):UTF8"). */
export function convertDocument(
  bytes: Uint8Array,
  to: string,
  name = "memo.docx",
): Buffer {
  return convert(bytes, name, false, to);
}
