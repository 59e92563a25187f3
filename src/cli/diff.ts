// `iop-budget diff OLD NEW`: what changed between two versions of a workbook, and what it does.

import {
  type Analysis,
  type Effect,
  type Lang,
  type WorkbookDiff,
  diffValueText,
  diffWorkbooks,
  fieldName,
  formatAmount,
  kronor,
  subtract,
} from "../core";
import { CLI_TEXT } from "./messages";

export interface DiffOptions {
  json?: boolean;
  lang: Lang;
}

export interface DiffJson extends WorkbookDiff {
  readonly old: string;
  readonly new: string;
}

/** "1 109 649 → 1 183 899 kr (+74 250)" */
function effectText(e: Effect, lang: Lang): string {
  const amount = (v: number | null) =>
    v === null ? "–" : formatAmount(kronor(v), lang);
  const delta =
    e.old !== null && e.new !== null && e.old !== e.new
      ? ` (${e.new > e.old ? "+" : ""}${formatAmount(subtract(kronor(e.new), kronor(e.old)), lang)})`
      : "";
  return `${amount(e.old)} → ${amount(e.new)}${lang === "sv" ? "\u00a0kr" : "\u00a0SEK"}${delta}`;
}

export function formatDiff(d: DiffJson, lang: Lang): string {
  const t = CLI_TEXT[lang];
  const out = [`== ${d.old} → ${d.new}`];
  if (d.changes.length === 0) {
    out.push(t.noChanges);
    return out.join("\n");
  }
  out.push(t.changes(d.changes.length));
  for (const c of d.changes) {
    const where = [c.sheet, c.cell].filter(Boolean).join(" ");
    const what =
      c.line && c.field !== "line"
        ? `${c.line}, ${fieldName(c.field, lang).toLowerCase()}`
        : fieldName(c.field, lang);
    out.push(
      `  ${where.padEnd(20)} ${what}: ${diffValueText(c.field, c.old, lang)} → ${diffValueText(c.field, c.new, lang)}`,
    );
  }
  out.push("", `${t.effects}:`);
  const changed = (e: Effect) => e.old !== e.new;
  for (const h of d.effects.halfYears)
    if (changed(h))
      out.push(`  ${h.id} ${t.total.toLowerCase()}: ${effectText(h, lang)}`);
  for (const g of d.effects.grantsByYear)
    if (changed(g))
      out.push(`  ${t.grantYear(g.year)}: ${effectText(g, lang)}`);
  if (changed(d.effects.repayment))
    out.push(`  ${t.repayment}: ${effectText(d.effects.repayment, lang)}`);
  if (out[out.length - 1] === `${t.effects}:`) out.push(`  ${t.noEffect}`);
  return out.join("\n");
}

/** Diffs two analysed files; 0 when nothing changed, 1 when something did (as diff(1)). */
export function runDiff(
  files: {
    old: string;
    new: string;
    oldAnalysis: Analysis;
    newAnalysis: Analysis;
  },
  opts: DiffOptions,
  out: (line: string) => void,
): number {
  const d: DiffJson = {
    old: files.old,
    new: files.new,
    ...diffWorkbooks(files.oldAnalysis, files.newAnalysis),
  };
  out(
    opts.json
      ? JSON.stringify({
          old: d.old,
          new: d.new,
          changes: d.changes,
          effects: d.effects,
        })
      : formatDiff(d, opts.lang),
  );
  return d.changes.length === 0 ? 0 : 1;
}
