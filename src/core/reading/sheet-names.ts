// Which sheet holds the agreement's details: asked by the reader and by the Excel adapter (which
// reads that sheet's merged areas), apart from the reader so that the adapter does not load it.

import { normalizeKey } from "./values";

export function isDetailsSheetName(name: string): boolean {
  // compactKey's comparison (glossary.ts), without loading the glossary's tables.
  const k = normalizeKey(name).replace(/ /g, "");
  return (
    k === "uppgifter" || k === "avtalsuppgifter" || k.startsWith("uppgifter")
  );
}
