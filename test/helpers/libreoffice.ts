// Re-saves a workbook with LibreOffice Calc (Debian's libreoffice-calc-nogui), headless.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function resaveWithLibreOffice(bytes: Uint8Array, name = "book.xlsx"): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "iop-lo-"));
  const input = join(dir, `in-${name}`);
  const outDir = join(dir, "out");
  writeFileSync(input, bytes);
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "xlsx", "--outdir", outDir, input], {
    stdio: "pipe",
    timeout: 120_000,
  });
  return readFileSync(join(outDir, `in-${name}`));
}
