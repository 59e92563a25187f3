// The decision memo's content (the seed's tjänsteskrivelse, issue 8) as plain data: headings,
// the numbered decision, the two tables with amounts as the memo writes them, and the findings.
// The Word document, the clipboard and the JSON are drawn from this, so they never disagree.

import type { Case } from "./case";
import {
  dayText,
  dueText,
  monthsText,
  periodText,
  shortPeriodText,
} from "./decision";
import type { IsoDate } from "../reading/dates";
import { shownFileName } from "../reading/values";
import {
  MAX_EXPLANATION_QUOTED,
  type RenderedFinding,
  quoted,
  renderFinding,
} from "../findings/findings";
import { type Lang, formatAmount, formatNumber } from "../findings/format";
import { type Ore, subtract } from "../figures/money";
import type { PeriodTable, YearTable } from "../figures/figures";
import {
  type Counts,
  SEVERITY_NAME,
  countFindings,
  listedFindings,
} from "../findings/summary";

export interface MemoRow {
  readonly cells: readonly string[];
  /** A sum row: bold, as in the memo. */
  readonly total?: boolean;
}

/** A paragraph of the memo; a placeholder is for the official to write (marked in the document). */
export interface MemoParagraph {
  readonly text: string;
  readonly placeholder?: boolean;
}

export interface MemoSection {
  readonly heading: string;
  readonly paragraphs: readonly MemoParagraph[];
  /** Shown as a list (the attachments, the recipients). */
  readonly list?: boolean;
}

export interface MemoTable {
  readonly kind: "year" | "period";
  /** Said under a table whose lines did not fit in the memo's room (MAX_MEMO_LINES): only its sums are shown. */
  readonly note?: string;
  /** The sentences before the table, written from its figures. */
  readonly intro: readonly MemoParagraph[];
  /** The heading above the table ("Ekonomisk redovisning för 2024"). */
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly MemoRow[];
}

export interface Memo {
  readonly lang: Lang;
  readonly title: string;
  /** Every page's header: the Dnr and the meeting. */
  readonly header: string;
  /** The seed's sections in its order: Sammanfattning before the decision, then the basis, the
   * planning and the recipients; Ärendet with the tables; the assessment and Ansvariga last. */
  readonly summary: MemoSection;
  readonly basis: readonly MemoSection[];
  readonly caseHeading: string;
  readonly caseIntro: readonly MemoParagraph[];
  readonly assessment: readonly MemoSection[];
  /** "Sida 2 av 5": the words around the page numbers. */
  readonly page: string;
  readonly of: string;
  /** "Dnr STK-2020-1375", "Rädda Barnen (802002-8638)". */
  readonly facts: readonly string[];
  readonly decisionHeading: string;
  readonly decisionIntro: string;
  readonly decision: readonly string[];
  /**
   * What to say beside the decision: its dates against the meeting (MEETING_*), the points its
   * details leave out (DECISION_*).
   */
  readonly decisionNotes: readonly string[];
  /** Whether a note is a warning (a date that cannot be kept), else only information. */
  readonly decisionNotesWarn: boolean;
  readonly tables: readonly MemoTable[];
  /** Period warnings shown under the budget table (months the decision approves with no budget). */
  readonly notes: readonly string[];
  readonly findingsHeading: string;
  /**
   * The counts of every finding of the case's files. Only the appendix's are rendered: a crafted
   * workbook's 1.86 million findings, rendered, took `memo` from 1.76 to 2.07 GB.
   */
  readonly counts: Counts;
  /** The appendix's findings: all of them, or the first MAX_LISTED_FINDINGS, errors first. */
  readonly appendix: readonly (RenderedFinding & { readonly file: string })[];
  /** Said under an appendix that shows only some of the findings. */
  readonly appendixNote?: string;
  readonly noFindings: string;
  readonly severity: Readonly<Record<RenderedFinding["severity"], string>>;
}

/**
 * The memo's tables show this many lines together at most (and its appendix MAX_LISTED_FINDINGS
 * findings): Word's writer holds some 40 KB a row while it writes (10 000 rows took 460 MB), and a
 * memo of tens of thousands of rows is not read either. A table whose lines do not fit in what the
 * tables before it left shows only its sums.
 */
export const MAX_MEMO_LINES = 1000;

/** Whether a table of this many lines shows them: taken from what is left of the memo's room. */
type Room = (lines: number) => boolean;

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
    organisation: "organisationen",
    explanations: (org: string, items: string, more: string) =>
      `[Stadskontoret skriver om avvikelserna. Förklaringar från ${org} i återrapporteringen: ${items}${more ? `; ytterligare ${more} i arbetsboken` : ""}]`,
    memoTooLong: (lines: string, max: string) =>
      `Tabellen har ${lines} poster, och beslutsunderlaget visar högst ${max} poster i sina tabeller tillsammans: här visas bara summorna. Alla poster finns i iop-budget check, i rapporten och i JSON (yearLines, periodLines).`,
    appendixNote: (shown: string, all: string) =>
      `Här visas ${shown} av ${all} fynd, felen först. Alla finns i iop-budget check.`,
    none: "Inga fynd: arbetsböckerna är korrekta.",
    severity: SEVERITY_NAME.sv,
    page: "Sida",
    of: "av",
    summary: "Sammanfattning",
    reported: (period: string) =>
      `I detta ärende återrapporteras verksamheten för perioden ${period}.`,
    proposed: (ext: boolean, period: string) =>
      `${ext ? "En förlängning av nuvarande partnerskapsavtal" : "Ett förslag till partnerskapsavtal"} har tagits fram för perioden ${period}.`,
    summaryText:
      "[Stadskontoret skriver: avtalets bakgrund, syfte och stadskontorets förslag i korthet.]",
    basis: "Beslutsunderlag",
    roleOf: {
      report: "återrapportering",
      proposal: "budgetförslag",
      grant: "beviljad budget",
    },
    otherAttachments: "[Tjänsteskrivelse och övriga bilagor.]",
    planning: "Beslutsplanering",
    ksau: "Kommunstyrelsens arbetsutskott [datum]",
    ks: (date: string | null) => `Kommunstyrelsen ${date ?? "[datum]"}`,
    sendTo: "Beslutet skickas till",
    office: "Stadskontoret",
    caseHeading: "Ärendet",
    caseText:
      "[Stadskontoret skriver: ärendets bakgrund och verksamhetens resultat under perioden.]",
    // The granted funds are the year's budget: the seed names the amount twice.
    // A year reported in part: its budget is the reported half-year's, not the year's.
    yearIntro: (
      span: string,
      year: number | null,
      budget: string,
      actual: string,
      variance: string,
    ) =>
      `Tabellen redovisar hur beviljade medel (${budget} kronor) från kommunstyrelsen har förbrukats under perioden ${span}. Budgeten för ${year === null ? "perioden" : `verksamhetsåret ${year}`} var ${budget} kronor, medan det faktiska utfallet uppgick till ${actual} kronor. Differensen mellan budget och utfall blev ${variance} kronor.`,
    periodIntro: (name: string, period: string) =>
      `En redogörelse till förslag om finansiering för ${name} under perioden ${period} presenteras nedan.`,
    assessment: "Stadskontorets bedömning",
    assessmentText:
      "[Stadskontoret skriver: bedömningen av verksamheten och av förslaget.]",
    repay: (items: string, org: string, due: string) =>
      `Stadskontoret förordar att ${items} ska återbetalas från ${org} till kommunstyrelsen${due}.`,
    surplusItem: (year: number, amount: string) =>
      `överskjutande medel från ${year} (${amount} kronor)`,
    laterSurplus: (year: number, amount: string) =>
      `${year} (${amount} kronor)`,
    responsible: "Ansvariga",
    responsibleText: [
      "[Namn]  Nämndsekreterare",
      "[Namn]  Avdelningschef",
      "[Namn]  Stadsdirektör",
    ],
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
    organisation: "the organisation",
    explanations: (org: string, items: string, more: string) =>
      `[The city office writes about the variances. Explanations from ${org} in the report-back: ${items}${more ? `; ${more} more in the workbook` : ""}]`,
    memoTooLong: (lines: string, max: string) =>
      `The table has ${lines} lines, and the memo shows at most ${max} lines in its tables together: only its sums are shown here. Every line is in iop-budget check, in its report and its JSON (yearLines, periodLines).`,
    appendixNote: (shown: string, all: string) =>
      `${shown} of ${all} findings are shown here, errors first. Every one is in iop-budget check.`,
    none: "No findings: the workbooks are correct.",
    severity: SEVERITY_NAME.en,
    page: "Page",
    of: "of",
    summary: "Summary",
    reported: (period: string) =>
      `This case reports on the activities for the period ${period}.`,
    proposed: (ext: boolean, period: string) =>
      `${ext ? "An extension of the current partnership agreement" : "A proposed partnership agreement"} has been drawn up for the period ${period}.`,
    summaryText:
      "[For stadskontoret to write: the agreement's background and purpose, and the proposal in short.]",
    basis: "Decision basis",
    roleOf: {
      report: "report",
      proposal: "budget proposal",
      grant: "granted budget",
    },
    otherAttachments: "[The memo and other attachments.]",
    planning: "Decision planning",
    ksau: "Kommunstyrelsens arbetsutskott [date]",
    ks: (date: string | null) => `Kommunstyrelsen ${date ?? "[date]"}`,
    sendTo: "The decision is sent to",
    office: "Stadskontoret",
    caseHeading: "The case",
    caseText:
      "[For stadskontoret to write: the case's background and the activities' results in the period.]",
    // The granted funds are the year's budget: the seed names the amount twice.
    yearIntro: (
      span: string,
      year: number | null,
      budget: string,
      actual: string,
      variance: string,
    ) =>
      `The table shows how the granted funds (SEK ${budget}) from the municipal board were used in the period ${span}. The budget for ${year === null ? "the period" : year} was SEK ${budget}, the actual outcome SEK ${actual}. The difference between budget and actual was SEK ${variance}.`,
    periodIntro: (name: string, period: string) =>
      `The proposed funding for ${name} in the period ${period} is set out below.`,
    assessment: "Stadskontoret's assessment",
    assessmentText:
      "[For stadskontoret to write: the assessment of the activities and of the proposal.]",
    repay: (items: string, org: string, due: string) =>
      `Stadskontoret recommends that ${items} be repaid by ${org} to the municipal board${due}.`,
    surplusItem: (year: number, amount: string) =>
      `the surplus from ${year} (SEK ${amount})`,
    laterSurplus: (year: number, amount: string) =>
      `from ${year} (SEK ${amount})`,
    responsible: "Responsible",
    responsibleText: [
      "[Name]  Nämndsekreterare",
      "[Name]  Avdelningschef",
      "[Name]  Stadsdirektör",
    ],
  },
} as const;

/** "275", "262,5": a percentage or a month count from millionths, at most two decimals. */
function micro(value: number, lang: Lang): string {
  return formatNumber(Math.round(value / 10_000) / 100, lang);
}

/** Said under a memo table that shows only its sums. */
function memoTooLong(lines: number, lang: Lang): string {
  return TEXT[lang].memoTooLong(
    formatNumber(lines, lang),
    formatNumber(MAX_MEMO_LINES, lang),
  );
}

/** The partner's explanations a year table's intro quotes, at most this many. */
const MAX_EXPLANATIONS = 20;

/**
 * The partner's comments on the year's lines ("Förklaring" beside the actuals), for the official to
 * write the variances from: a placeholder, as the seed's sentence of why is the official's.
 */
function explanationsOf(
  y: YearTable,
  org: string,
  lang: Lang,
): MemoParagraph[] {
  // Quoted as a finding quotes one (cut, without the characters not seen); the rest counted.
  const items: string[] = [];
  let all = 0;
  for (const l of y.lines)
    for (const { halfYear, text } of l.comments)
      if (all++ < MAX_EXPLANATIONS)
        items.push(
          `${quoted(l.label)} (${halfYear}): "${quoted(text, MAX_EXPLANATION_QUOTED)}"`,
        );
  if (all === 0) return [];
  const more = all - items.length;
  return [
    {
      text: TEXT[lang].explanations(
        org,
        items.join("; "),
        more > 0 ? formatNumber(more, lang) : "",
      ),
      placeholder: true,
    },
  ];
}

function yearMemoTable(
  y: YearTable,
  lang: Lang,
  room: Room,
  org: string,
): MemoTable {
  const t = TEXT[lang];
  const amount = (ore: Ore | null) =>
    ore === null ? "" : formatAmount(ore, lang);
  const long = !room(y.lines.length);
  const rows: MemoRow[] = (long ? [] : y.lines).map((l) => ({
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
  const first = y.periods[0] ?? `${y.year}-H1`;
  const last = y.periods[y.periods.length - 1] ?? `${y.year}-H2`;
  const start = first.endsWith("H1") ? `${y.year}-01-01` : `${y.year}-07-01`;
  const end = last.endsWith("H1") ? `${y.year}-06-30` : `${y.year}-12-31`;
  return {
    kind: "year",
    intro: [
      {
        text: t.yearIntro(
          lang === "sv" ? daySpan(start, end) : monthsText(start, end, lang),
          y.partial ? null : y.year,
          formatAmount(y.budget, lang),
          formatAmount(y.actual, lang),
          formatAmount(y.variance, lang),
        ),
      },
      ...explanationsOf(y, org, lang),
    ],
    title: t.year(y.year),
    header: [String(y.year), ...t.yearHeader],
    rows,
    ...(long ? { note: memoTooLong(y.lines.length, lang) } : {}),
  };
}

/** "1 januari till och med 31 december 2024": the year once when both ends share it. */
function daySpan(start: IsoDate, end: IsoDate): string {
  const from = dayText(start);
  const to = dayText(end);
  return start.slice(0, 4) === end.slice(0, 4)
    ? `${from.slice(0, -5)} till och med ${to}`
    : `${from} till och med ${to}`;
}

function periodMemoTable(
  p: PeriodTable,
  lang: Lang,
  room: Room,
  name = "partnerskapet",
): MemoTable {
  const t = TEXT[lang];
  const span = monthsText(p.start, p.end, lang);
  const long = !room(p.lines.length);
  const rows: MemoRow[] = (long ? [] : p.lines).map((l) => ({
    cells: [
      l.label,
      l.servicePercentMicro === null ? "" : micro(l.servicePercentMicro, lang),
      micro(l.monthsMicro, lang),
      formatAmount(l.amount, lang),
    ],
  }));
  if (p.overhead !== 0)
    rows.push({
      cells: [
        t.overhead,
        "",
        micro(p.overheadMonthsMicro, lang),
        formatAmount(p.overhead, lang),
      ],
    });
  rows.push({
    cells: [`${t.total}:`, "", "", formatAmount(p.total, lang)],
    total: true,
  });
  return {
    kind: "period",
    intro: [
      {
        text: t.periodIntro(
          name,
          lang === "sv" ? periodText(p.start, p.end) : span,
        ),
      },
    ],
    title: t.period(span),
    header: t.periodHeader(span),
    rows,
    ...(long ? { note: memoTooLong(p.lines.length, lang) } : {}),
  };
}

const PERIOD_NOTES = new Set([
  "AGREEMENT_MONTHS_UNCOVERED",
  "PERIOD_NOT_COVERED",
]);

export function memoOf(c: Case, lang: Lang): Memo {
  const t = TEXT[lang];
  let left = MAX_MEMO_LINES;
  const room: Room = (lines) => {
    if (lines > left) return false;
    left -= lines;
    return true;
  };
  // The room goes first to the budget proposed, then to the latest year reported and back.
  const periods = c.periods.map((p) =>
    periodMemoTable(p, lang, room, c.name ?? undefined),
  );
  const years = [...c.years]
    .reverse()
    .map((y) => yearMemoTable(y, lang, room, c.organisation ?? t.organisation))
    .reverse();
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
    header: [
      c.caseNumber ? `Dnr ${c.caseNumber}` : "",
      c.meeting ? t.meeting(c.meeting) : "",
    ]
      .filter(Boolean)
      .join(" · "),
    summary: summaryOf(c, lang),
    decisionHeading: t.decision,
    decisionIntro: t.intro,
    decision: c.decision,
    decisionNotes: c.decisionFindings.map(
      (f) => renderFinding(f.finding, lang).message,
    ),
    decisionNotesWarn: c.decisionFindings.some(
      (f) => f.finding.severity !== "info",
    ),
    basis: basisOf(c, lang),
    caseHeading: t.caseHeading,
    caseIntro: [{ text: t.caseText, placeholder: true }],
    tables: [...years, ...periods],
    assessment: assessmentOf(c, lang),
    page: t.page,
    of: t.of,
    notes: c.findings
      .filter((f) => PERIOD_NOTES.has(f.finding.code))
      .map((f) => renderFinding(f.finding, lang).message),
    findingsHeading: t.findings,
    counts: countFindings(c.findings.map((f) => f.finding)),
    ...appendixOf(c.findings, lang),
    noFindings: t.none,
    severity: t.severity,
  };
}

/** The appendix's findings: every one, or the first of them with the errors first, and what is said. */
function appendixOf(
  findings: Case["findings"],
  lang: Lang,
): Pick<Memo, "appendix" | "appendixNote"> {
  const appendix = listedFindings(findings, (f) => f.finding.severity).map(
    ({ file, finding }) => ({ file, ...renderFinding(finding, lang) }),
  );
  if (appendix.length === findings.length) return { appendix };
  return {
    appendix,
    appendixNote: TEXT[lang].appendixNote(
      formatNumber(appendix.length, lang),
      formatNumber(findings.length, lang),
    ),
  };
}

/** Sammanfattning: the periods reported and proposed, from the figures; the rest is the official's. */
function summaryOf(c: Case, lang: Lang): MemoSection {
  const t = TEXT[lang];
  const span = (start: IsoDate, end: IsoDate) =>
    lang === "sv" ? shortPeriodText(start, end) : monthsText(start, end, lang);
  const year = c.years[c.years.length - 1];
  const paragraphs: MemoParagraph[] = [];
  if (year)
    paragraphs.push({
      text: t.reported(
        span(
          c.years[0]!.periods[0]?.endsWith("H2")
            ? `${c.years[0]!.year}-07-01`
            : `${c.years[0]!.year}-01-01`,
          year.periods[year.periods.length - 1]?.endsWith("H1")
            ? `${year.year}-06-30`
            : `${year.year}-12-31`,
        ),
      ),
    });
  if (c.proposal)
    paragraphs.push({
      text: t.proposed(
        c.proposal.extension,
        lang === "sv"
          ? periodText(c.proposal.start, c.proposal.end)
          : span(c.proposal.start, c.proposal.end),
      ),
    });
  paragraphs.push({ text: t.summaryText, placeholder: true });
  return { heading: t.summary, paragraphs };
}

/** Beslutsunderlag (the case's files by role), Beslutsplanering, Beslutet skickas till. */
function basisOf(c: Case, lang: Lang): MemoSection[] {
  const t = TEXT[lang];
  const files = c.roles.flatMap((r) =>
    r.role === "left-out"
      ? []
      : [{ text: `${shownFileName(r.file)} (${t.roleOf[r.role]})` }],
  );
  return [
    {
      heading: t.basis,
      paragraphs: [...files, { text: t.otherAttachments, placeholder: true }],
      list: true,
    },
    {
      heading: t.planning,
      paragraphs: [
        { text: t.ksau, placeholder: true },
        { text: t.ks(c.meeting), placeholder: c.meeting === null },
      ],
    },
    {
      heading: t.sendTo,
      paragraphs: [...c.parties, t.office].map((text) => ({ text })),
      list: true,
    },
  ];
}

/** Stadskontorets bedömning (the repayment sentence from the figures) and Ansvariga. */
function assessmentOf(c: Case, lang: Lang): MemoSection[] {
  const t = TEXT[lang];
  const paragraphs: MemoParagraph[] = [
    { text: t.assessmentText, placeholder: true },
  ];
  const r = c.repayment;
  if (r && r.items.length > 0) {
    // "överskjutande medel från 2023 (232 886 kronor) samt 2024 (147 336 kronor)", as the seed.
    const [first, ...rest] = r.items.map((i, k) =>
      k === 0
        ? t.surplusItem(i.year, formatAmount(i.amount, lang))
        : t.laterSurplus(i.year, formatAmount(i.amount, lang)),
    );
    const and = lang === "sv" ? " samt " : " and ";
    const list =
      rest.length === 0
        ? first!
        : `${[first, ...rest.slice(0, -1)].join(", ")}${and}${rest[rest.length - 1]!}`;
    const due = r.due
      ? lang === "sv"
        ? ` senast ${dueText(r.due)}`
        : ` by ${r.due}`
      : "";
    paragraphs.push({
      text: t.repay(list, c.organisation ?? t.organisation, due),
    });
  }
  return [
    { heading: t.assessment, paragraphs },
    {
      heading: t.responsible,
      paragraphs: t.responsibleText.map((text) => ({
        text,
        placeholder: true,
      })),
    },
  ];
}

/** A table as tab-separated text: what a plain-text paste gets. */
export function memoTableText(table: MemoTable): string {
  return [
    table.title,
    table.header.join("\t"),
    ...table.rows.map((r) => r.cells.join("\t")),
    ...(table.note ? [table.note] : []),
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
    table.note ? `<p><i>${escapeHtml(table.note)}</i></p>` : "",
  ].join("");
}
