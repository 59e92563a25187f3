// The decision memo's content (the seed's tjänsteskrivelse, issue 8) as plain data: headings,
// the numbered decision, the two tables with amounts as the memo writes them, and the findings.
// The Word document, the clipboard and the JSON are drawn from this, so they never disagree.

import type { Case } from "./case";
import { monthsText } from "./decision";
import { type RenderedFinding, renderFinding } from "../findings/findings";
import { type Lang, formatAmount, formatNumber } from "../findings/format";
import { type Ore, subtract } from "../figures/money";
import type { PeriodTable, YearTable } from "../figures/figures";
import { SEVERITY_NAME } from "../findings/summary";

export interface MemoRow {
  readonly cells: readonly string[];
  /** A sum row: bold, as in the memo. */
  readonly total?: boolean;
}

export interface MemoTable {
  readonly kind: "year" | "period";
  /** The heading above the table ("Ekonomisk redovisning för 2024"). */
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly MemoRow[];
}

export interface Memo {
  readonly lang: Lang;
  readonly title: string;
  /** "Dnr STK-2020-1375", "Rädda Barnen (802002-8638)". */
  readonly facts: readonly string[];
  readonly decisionHeading: string;
  readonly decisionIntro: string;
  readonly decision: readonly string[];
  readonly tables: readonly MemoTable[];
  /** Period warnings shown under the budget table (months the decision approves with no budget). */
  readonly notes: readonly string[];
  readonly findingsHeading: string;
  readonly findings: readonly (RenderedFinding & { readonly file: string })[];
  readonly noFindings: string;
  readonly severity: Readonly<Record<RenderedFinding["severity"], string>>;
}

const TEXT = {
  sv: {
    title: (name: string) => `Beslutsunderlag: ${name}`,
    meeting: (date: string) => `Kommunstyrelsens sammanträde ${date}`,
    decision: "Förslag till beslut",
    intro: "Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta",
    year: (y: number) => `Ekonomisk redovisning för ${y}`,
    yearHeader: ["Budget", "Utfall", "Differens"],
    sum: "Summa",
    ineligible: "Ej stödberättigade OH-kostnader",
    earlier: (y: number) => `Överskott från ${y}`,
    toRepay: "Totalt att återbetala",
    period: (text: string) => `Budgetförslag ${text}`,
    periodHeader: (text: string) => [
      `Budget ${text}`,
      "Procent av tjänst",
      "Antal månader",
      "Belopp (kr)",
    ],
    overhead: "OH-kostnader",
    total: "Totalt",
    findings: "Bilaga: fynd i arbetsböckerna",
    none: "Inga fynd: arbetsböckerna är korrekta.",
    severity: SEVERITY_NAME.sv,
  },
  en: {
    title: (name: string) => `Decision basis: ${name}`,
    meeting: (date: string) => `Municipal board meeting ${date}`,
    decision: "Proposed decision",
    intro: "The executive committee proposes that the municipal board decide",
    year: (y: number) => `Financial report for ${y}`,
    yearHeader: ["Budget", "Actual", "Variance"],
    sum: "Sum",
    ineligible: "Ineligible overhead",
    earlier: (y: number) => `Surplus from ${y}`,
    toRepay: "Total to repay",
    period: (text: string) => `Budget proposal ${text}`,
    periodHeader: (text: string) => [
      `Budget ${text}`,
      "Service %",
      "Months",
      "Amount (SEK)",
    ],
    overhead: "Overhead",
    total: "Total",
    findings: "Appendix: findings in the workbooks",
    none: "No findings: the workbooks are correct.",
    severity: SEVERITY_NAME.en,
  },
} as const;

/** An amount as the memo writes it: "1 485 000", "−73 375" (a true minus sign). */
export function memoAmount(ore: Ore, lang: Lang = "sv"): string {
  return formatAmount(ore, lang).replace(/^-/, "\u2212");
}

/** "275", "262,5": a percentage or a month count from millionths, at most two decimals. */
function micro(value: number, lang: Lang): string {
  return formatNumber(Math.round(value / 10_000) / 100, lang);
}

export function yearMemoTable(y: YearTable, lang: Lang): MemoTable {
  const t = TEXT[lang];
  const amount = (ore: Ore | null) =>
    ore === null ? "" : memoAmount(ore, lang);
  const rows: MemoRow[] = y.lines.map((l) => ({
    cells: [l.label, amount(l.budget), amount(l.actual), amount(l.variance)],
  }));
  rows.push({
    cells: [t.sum, amount(y.budget), amount(y.actual), amount(y.variance)],
    total: true,
  });
  if (y.eligibleActual !== y.actual)
    rows.push({
      cells: [
        t.ineligible,
        "",
        "",
        amount(subtract(y.actual, y.eligibleActual)),
      ],
    });
  for (const e of y.earlier)
    rows.push({ cells: [t.earlier(e.year), "", "", amount(e.amount)] });
  rows.push({ cells: [t.toRepay, "", "", amount(y.toRepay)], total: true });
  return {
    kind: "year",
    title: t.year(y.year),
    header: [String(y.year), ...t.yearHeader],
    rows,
  };
}

export function periodMemoTable(p: PeriodTable, lang: Lang): MemoTable {
  const t = TEXT[lang];
  const span = monthsText(p.start, p.end, lang);
  const rows: MemoRow[] = p.lines.map((l) => ({
    cells: [
      l.label,
      l.servicePercentMicro === null ? "" : micro(l.servicePercentMicro, lang),
      micro(l.monthsMicro, lang),
      memoAmount(l.amount, lang),
    ],
  }));
  if (p.overhead !== 0)
    rows.push({
      cells: [
        t.overhead,
        "",
        micro(p.overheadMonthsMicro, lang),
        memoAmount(p.overhead, lang),
      ],
    });
  rows.push({
    cells: [`${t.total}:`, "", "", memoAmount(p.total, lang)],
    total: true,
  });
  return {
    kind: "period",
    title: t.period(span),
    header: t.periodHeader(span),
    rows,
  };
}

const PERIOD_NOTES = new Set([
  "AGREEMENT_MONTHS_UNCOVERED",
  "PERIOD_NOT_COVERED",
]);

export function memoOf(c: Case, lang: Lang): Memo {
  const t = TEXT[lang];
  const findings = c.findings.map(({ file, finding }) => ({
    file,
    ...renderFinding(finding, lang),
  }));
  return {
    lang,
    title: t.title(c.name ?? "IOP"),
    facts: [
      c.caseNumber ? `Dnr ${c.caseNumber}` : "",
      c.organisation
        ? c.orgNumber
          ? `${c.organisation} (${lang === "sv" ? "org.nr" : "reg. no."} ${c.orgNumber})`
          : c.organisation
        : "",
      c.meeting ? t.meeting(c.meeting) : "",
    ].filter(Boolean),
    decisionHeading: t.decision,
    decisionIntro: t.intro,
    decision: c.decision,
    tables: [
      ...c.years.map((y) => yearMemoTable(y, lang)),
      ...c.periods.map((p) => periodMemoTable(p, lang)),
    ],
    notes: findings
      .filter((f) => PERIOD_NOTES.has(f.code))
      .map((f) => f.message),
    findingsHeading: t.findings,
    findings,
    noFindings: t.none,
    severity: t.severity,
  };
}

/** A table as tab-separated text: what a plain-text paste gets. */
export function memoTableText(table: MemoTable): string {
  return [
    table.title,
    table.header.join("\t"),
    ...table.rows.map((r) => r.cells.join("\t")),
  ].join("\n");
}

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** A table as HTML: Word pastes it as a table, amounts right-aligned. */
export function memoTableHtml(table: MemoTable): string {
  const cell = (tag: "th" | "td", text: string, i: number, bold?: boolean) =>
    `<${tag} style="${i > 0 ? "text-align:right;" : "text-align:left;"}${bold ? "font-weight:bold;" : ""}border:1px solid #999;padding:2px 6px">${escapeHtml(text)}</${tag}>`;
  return [
    `<p><b>${escapeHtml(table.title)}</b></p>`,
    `<table style="border-collapse:collapse">`,
    `<tr>${table.header.map((h, i) => cell("th", h, i, true)).join("")}</tr>`,
    ...table.rows.map(
      (r) =>
        `<tr>${r.cells.map((c, i) => cell("td", c, i, r.total)).join("")}</tr>`,
    ),
    `</table>`,
  ].join("");
}
