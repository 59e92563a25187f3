// Runs the real path — .xlsx bytes → reader → engine → the CLI's JSON — on sheets built in code.

import { type CheckJson, analyze, toCheckJson } from "../../src/core";
import { withSheets } from "../../src/xlsx/read";
import { type SheetSpec, buildXlsx } from "./workbook";

export async function checkSheets(
  sheets: readonly SheetSpec[],
  options: { date1904?: boolean } = {},
): Promise<CheckJson> {
  return checkBytes(await buildXlsx(sheets, options));
}

export function checkBytes(bytes: Uint8Array, file = "test.xlsx"): CheckJson {
  // As `check` reads a file: a row at a time, or whole when its rows do not come in order.
  return toCheckJson(file, withSheets(bytes, analyze));
}

export const errorsOf = (r: CheckJson) =>
  r.findings.filter((f) => f.severity === "error");
export const codesOf = (r: CheckJson) => r.findings.map((f) => f.code);
export const findingAt = (r: CheckJson, code: string) =>
  r.findings.filter((f) => f.code === code).map((f) => `${f.sheet}!${f.cell}`);
/** The message of the first finding of a code (undefined when there is none). */
export const messageOf = (r: CheckJson, code: string) =>
  r.findings.find((f) => f.code === code)?.message;
