// The short report a ribbon command shows: counts and the first errors, from the engine's findings.

import {
  type Analysis,
  type Lang,
  countFindings,
  renderFinding,
} from "../core";
import { textFor } from "../i18n/text";

export function checkSummary(
  analysis: Analysis,
  lang: Lang,
): { title: string; lines: string[] } {
  const t = textFor(lang);
  const findings = analysis.findings.map((f) => renderFinding(f, lang));
  const counts = countFindings(findings);
  const errors = findings.filter((f) => f.severity === "error").slice(0, 3);
  return {
    title:
      findings.length === 0
        ? t.noFindings
        : t.counts(counts.error, counts.warning, counts.info),
    lines: errors.map(
      (f) =>
        `${f.sheet ? `${f.sheet}${f.cell ? ` ${f.cell}` : ""}: ` : ""}${f.message}`,
    ),
  };
}
