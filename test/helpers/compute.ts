// compute as the CLI does it, on bytes: read → analyze → plan → apply.

import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { type WritePlan, planCompute } from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { applyPlan } from "../../src/xlsx/write";

export const STAMP = {
  at: "2026-11-23 12:00",
  version: "test",
  source: "input.xlsx",
};

export function planOf(bytes: Uint8Array): WritePlan {
  return planCompute(readXlsx(bytes), STAMP, "file");
}

export function computeBytes(bytes: Uint8Array): Uint8Array {
  return applyPlan(bytes, planOf(bytes));
}

/** The part of the written package that holds the named sheet. */
export function partOf(
  parts: Record<string, Uint8Array>,
  sheet: string,
): string {
  const workbook = strFromU8(parts["xl/workbook.xml"]!);
  const rid = new RegExp(
    `<sheet [^>]*name="${sheet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*r:id="(rId\\d+)"`,
  ).exec(workbook)?.[1];
  const rels = strFromU8(parts["xl/_rels/workbook.xml.rels"]!);
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (rid === undefined || target === undefined)
    throw new Error(`no part for ${sheet}`);
  return `xl/${target.replace(/^\/?xl\//, "")}`;
}

/** A package with one sheet's XML changed by `change`: a write gone wrong. */
export function changedSheet(
  bytes: Uint8Array,
  sheet: string,
  change: (xml: string) => string,
): Uint8Array {
  const parts = unzipSync(bytes);
  const part = partOf(parts, sheet);
  parts[part] = strToU8(change(strFromU8(parts[part]!)));
  return zipSync(parts);
}

/** The sheet's cells `cells` (first the text's) made one shared formula, as Excel's fill-down saves it. */
export function shared(
  xml: string,
  cells: readonly string[],
  text: string,
): string {
  const [first, ...others] = cells;
  const at = (ref: string) =>
    new RegExp(
      `(<c r="${ref}"[^>]*?)(?:/>|>(?:<f>[^<]*</f>)?(<v>[^<]*</v>)?</c>)`,
    );
  let out = xml.replace(
    at(first!),
    (_, start: string, v = "") =>
      `${start}><f t="shared" ref="${first}:${cells[cells.length - 1]}" si="0">${text}</f>${v}</c>`,
  );
  for (const ref of others)
    out = out.replace(
      at(ref),
      (_, start: string, v = "") => `${start}><f t="shared" si="0"/>${v}</c>`,
    );
  return out;
}

/** A package with one sheet's XML cut short (no longer well-formed). */
export function brokenSheet(bytes: Uint8Array, sheet: string): Uint8Array {
  return changedSheet(bytes, sheet, (xml) =>
    xml.slice(0, xml.indexOf("</sheetData>")),
  );
}
