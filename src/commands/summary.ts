// The short report a ribbon command shows: counts and the first errors, from the engine's findings.

import { type Analysis, type Lang, renderFinding } from "../core";
import { textFor } from "../i18n/text";

export function checkSummary(
  analysis: Analysis,
  lang: Lang,
): { title: string; lines: string[] } {
  const t = textFor(lang);
  const findings = analysis.findings.map((f) => renderFinding(f, lang));
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const errors = findings.filter((f) => f.severity === "error").slice(0, 3);
  return {
    title:
      findings.length === 0
        ? t.noFindings
        : t.counts(count("error"), count("warning"), count("info")),
    lines: errors.map(
      (f) =>
        `${f.sheet ? `${f.sheet}${f.cell ? ` ${f.cell}` : ""}: ` : ""}${f.message}`,
    ),
  };
}
