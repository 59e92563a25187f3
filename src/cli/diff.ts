// `iop-budget diff OLD NEW`: what changed between two versions of a workbook, and what it does.

import {
  type Analysis,
  type Lang,
  type WorkbookDiff,
  changedLine,
  diffValuesText,
  diffWorkbooks,
  fieldName,
  movedEffectText,
  movedEffects,
  otherCasesText,
} from "../core";
import { CLI_TEXT } from "./messages";
import { jsonChunks } from "./json-chunks";
import { lineBreaks } from "./stdout";

export interface DiffOptions {
  json?: boolean;
  lang: Lang;
}

export interface DiffJson extends WorkbookDiff {
  readonly old: string;
  readonly new: string;
}

/** The diff as text, a line at a time: a diff of two large workbooks has a line per changed cell. */
export function* diffLines(d: DiffJson, lang: Lang): Generator<string> {
  const t = CLI_TEXT[lang];
  yield `== ${d.old} → ${d.new}`;
  const otherCases = otherCasesText(d, lang);
  if (otherCases) yield otherCases;
  if (d.changes.length === 0) {
    yield t.noChanges;
    return;
  }
  yield t.changes(d.changes.length);
  for (const c of d.changes) {
    const where = [c.sheet, c.cell].filter(Boolean).join(" ");
    const line = changedLine(c);
    const what =
      line && c.field !== "line" && c.field !== "person"
        ? `${line}, ${fieldName(c.field, lang).toLowerCase()}`
        : fieldName(c.field, lang);
    const [was, is] = diffValuesText(c, lang);
    yield `  ${where.padEnd(20)} ${what}: ${was} → ${is}`;
  }
  yield "";
  yield `${t.effects}:`;
  const moved = movedEffects(d.effects, lang);
  for (const e of moved) yield `  ${movedEffectText(e, lang)}`;
  if (moved.length === 0) yield `  ${t.noEffect}`;
}

/**
 * Diffs two analysed files and writes the diff as it is made (text or one JSON object): 0 when
 * nothing changed, 1 when something did (as diff(1)).
 */
export function runDiff(
  files: {
    old: string;
    new: string;
    oldAnalysis: Pick<Analysis, "computation" | "workbook">;
    newAnalysis: Pick<Analysis, "computation" | "workbook">;
  },
  opts: DiffOptions,
  out: (chunks: Iterable<string>) => void,
): number {
  const d: DiffJson = {
    old: files.old,
    new: files.new,
    ...diffWorkbooks(files.oldAnalysis, files.newAnalysis),
  };
  out(
    opts.json
      ? jsonChunks({
          old: d.old,
          new: d.new,
          changes: d.changes,
          effects: d.effects,
          otherCases: d.otherCases,
        })
      : lineBreaks(diffLines(d, opts.lang)),
  );
  return d.changes.length === 0 ? 0 : 1;
}
