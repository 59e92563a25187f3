// The human-readable report of `iop-budget check` (no --json): figures first, then findings by sheet.

import {
  append,
  type Lang,
  type Finding,
  type CheckJson,
  formatAmount,
  formatKronor,
  formatNumber,
  SEVERITIES,
  SEVERITY_NAME,
  countFindings,
  groupFindings,
  kronor,
  renderFinding,
} from "../core";
import { CLI_TEXT } from "./messages";

const amount = (kr: number | null | undefined, lang: Lang): string =>
  kr === null || kr === undefined ? "–" : formatAmount(kronor(kr), lang);
const money = (kr: number, lang: Lang): string =>
  formatKronor(kronor(kr), lang);

/** A rate as a person reads it: "10 %", or "ingen" where the OH is as entered. */
const rateText = (rate: number | null, lang: Lang): string =>
  rate === null ? CLI_TEXT[lang].noRate : `${formatNumber(rate * 100, lang)} %`;

/**
 * The half-years by the OH rate they are computed at, in the order first met: one rate for a
 * workbook, two for a report held to an agreement and its extension of another rate.
 */
function ratesOf(
  result: Pick<CheckJson, "periods">,
): { rate: number | null; periods: string[] }[] {
  const rates: { rate: number | null; periods: string[] }[] = [];
  for (const p of result.periods) {
    const same = rates.find((r) => r.rate === p.overheadRate);
    if (same) same.periods.push(p.id);
    else rates.push({ rate: p.overheadRate, periods: [p.id] });
  }
  return rates;
}

/** A text's width in characters as shown: a pair of surrogates is one character. */
function shownWidth(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    const d = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      n--;
      i++;
    }
  }
  return n;
}

/**
 * Rows as aligned columns, a line at a time, each after `indent`: text left, the columns
 * `rightAligned` says right. A table of every line of an agreement can have 100 000 rows and
 * more: each row is made twice (to measure the columns, then to write it) instead of all being
 * held, and no row list is ever spread into a call's arguments, which has room for far fewer.
 */
export function* tableLines(
  count: number,
  rowAt: (i: number) => readonly string[],
  rightAligned: (col: number) => boolean,
  indent = "",
): Generator<string> {
  const widths: number[] = [];
  for (let i = 0; i < count; i++)
    rowAt(i).forEach((cell, c) => {
      widths[c] = Math.max(widths[c] ?? 0, shownWidth(cell));
    });
  for (let i = 0; i < count; i++) {
    const cells = rowAt(i).map((cell, c) => {
      const pad = " ".repeat((widths[c] ?? 0) - shownWidth(cell));
      return rightAligned(c) ? pad + cell : cell + pad;
    });
    yield `${indent}${cells.join("  ").trimEnd()}`;
  }
}

/** A small table's lines (a list of rows held anyway): see tableLines. */
export function table(
  rows: readonly (readonly string[])[],
  rightAligned: (col: number) => boolean,
  indent = "",
): Generator<string> {
  return tableLines(rows.length, (i) => rows[i]!, rightAligned, indent);
}

/**
 * What the report reads: the check JSON, with its memo tables given as they are made, so that a
 * table of every line (100 000 of them) is never held whole beside the report.
 */
export type ReportInput = Omit<
  CheckJson,
  "yearLines" | "periodLines" | "findings"
> & {
  readonly yearLines: Iterable<CheckJson["yearLines"][number]>;
  readonly periodLines: Iterable<CheckJson["periodLines"][number]>;
  /** As found: each is rendered as its line is written. */
  readonly findings: readonly Finding[];
};

/** The report's lines, given a section at a time (the command writes them as they come). */
export function* reportLines(
  result: ReportInput,
  lang: Lang,
): Generator<string> {
  const t = CLI_TEXT[lang];
  const out: string[] = [];
  const a = result.agreement;
  out.push(`== ${result.file}`);
  const who = [
    a.name,
    a.organisation &&
      (a.orgNumber ? `${a.organisation} (${a.orgNumber})` : a.organisation),
    a.caseNumber,
  ]
    .filter(Boolean)
    .join(" · ");
  if (who) out.push(who);
  const facts: string[] = [];
  if (a.start || a.end)
    facts.push(`${t.agreementPeriod} ${a.start ?? "?"} – ${a.end ?? "?"}`);
  const rates = ratesOf(result);
  if (rates.length > 1)
    facts.push(
      `${t.overheadRate} ${rates.map((r) => `${rateText(r.rate, lang)} (${r.periods.join(", ")})`).join(", ")}`,
    );
  else if (a.overheadRate !== null)
    facts.push(`${t.overheadRate} ${rateText(a.overheadRate, lang)}`);
  if (facts.length) out.push(facts.join(" · "));
  if (result.scenario) {
    out.push(
      t.scenario(
        result.scenario.name,
        result.scenario.saved,
        result.scenario.changed,
      ),
    );
    if (result.scenario.missing.length)
      out.push(t.scenarioMissing(result.scenario.missing.join(", ")));
  }
  // One line for each grant: a report across an agreement and its extension is held to both.
  if (result.budgetSource.kind === "granted") {
    const { grants } = result.budgetSource;
    for (const g of grants)
      out.push(
        grants.length > 1 && g.periods.length === 0
          ? t.notHeldTo(g.file ?? "")
          : t.againstGranted(g.file ?? "", g.periods.join(", ")),
      );
  }

  if (result.periods.length > 0) {
    out.push("");
    const rows: string[][] = [
      [
        t.halfYear,
        t.sheet,
        t.direct,
        t.overhead,
        t.total,
        t.actual,
        t.eligible,
      ],
    ];
    for (const p of result.periods) {
      rows.push([
        p.id,
        p.sheet,
        amount(p.budget.direct, lang),
        amount(p.budget.overhead, lang),
        amount(p.budget.total, lang),
        amount(p.actual?.total, lang),
        amount(p.actual?.eligibleTotal, lang),
      ]);
    }
    const sumOf = (f: (p: CheckJson["periods"][number]) => number) =>
      result.periods.reduce((s, p) => s + Math.round(f(p) * 100), 0) / 100;
    if (result.periods.length > 1) {
      const reported = result.periods.some((p) => p.actual);
      rows.push([
        t.all,
        "",
        amount(
          sumOf((p) => p.budget.direct),
          lang,
        ),
        amount(
          sumOf((p) => p.budget.overhead),
          lang,
        ),
        amount(
          sumOf((p) => p.budget.total),
          lang,
        ),
        reported
          ? amount(
              sumOf((p) => p.actual?.total ?? 0),
              lang,
            )
          : "–",
        reported
          ? amount(
              sumOf((p) => p.actual?.eligibleTotal ?? 0),
              lang,
            )
          : "–",
      ]);
    }
    append(
      out,
      table(rows, (c) => c >= 2, "  "),
    );
  }
  if (result.grantsByYear.length > 0) {
    out.push(
      "",
      `${t.grants}: ${result.grantsByYear.map((g) => `${g.year} ${money(g.amount, lang)}`).join(", ")}`,
    );
  }
  if (result.years.length > 0) {
    out.push("", `${t.years}:`);
    for (const y of result.years)
      out.push(
        `  ${t.yearLine(y.year, money(y.budget, lang), money(y.actual, lang), money(y.surplus, lang), y.partial)}`,
      );
  }
  // The memo's tables (SPEC §4.12–13): each line over the year, and over the granted period.
  for (const y of result.yearLines) {
    out.push("", `${t.yearPerLine(y.year)}:`);
    yield* out.splice(0);
    const last = y.lines.length + 1;
    yield* tableLines(
      last + 1,
      (i) => {
        if (i === 0) return ["", t.budget, t.actual, t.variance];
        const l = i === last ? { label: t.all, ...y.sum } : y.lines[i - 1]!;
        return [
          l.label,
          amount(l.budget, lang),
          amount(l.actual, lang),
          amount(l.variance, lang),
        ];
      },
      (c) => c >= 1,
      "  ",
    );
  }
  const n = (v: number | null) => (v === null ? "" : formatNumber(v, lang));
  for (const p of result.periodLines) {
    out.push("", `${t.periodPerLine(p.start, p.end)}:`);
    yield* out.splice(0);
    const lines = p.lines.length;
    yield* tableLines(
      lines + 3,
      (i) => {
        if (i === 0) return ["", t.percent, t.months, t.amountHeader];
        const l = p.lines[i - 1];
        if (l)
          return [
            l.label,
            n(l.servicePercent),
            n(l.months),
            amount(l.amount, lang),
          ];
        return i === lines + 1
          ? [
              t.overheadLine,
              "",
              n(p.overhead.months),
              amount(p.overhead.amount, lang),
            ]
          : [t.total, "", "", amount(p.total, lang)];
      },
      (c) => c >= 1,
      "  ",
    );
  }
  const r = result.repayment;
  if (r.total > 0) {
    const items = r.items
      .map((i) => `${money(i.amount, lang)} (${i.year})`)
      .join(" + ");
    out.push(
      "",
      `${t.repayment}: ${r.items.length > 1 ? `${items} = ` : ""}${money(r.total, lang)}${r.due ? ` ${t.due} ${r.due}` : ""}`,
    );
  } else if (result.years.length > 0) {
    out.push("", `${t.repayment}: ${t.nothingToRepay}`);
  }
  if (result.decision.length > 0) {
    out.push("", `${t.decision}:`);
    result.decision.forEach((d, i) => out.push(`  ${i + 1}. ${d}`));
  }
  out.push("");
  yield* out;
  yield* formatFindings(result.findings, lang);
}

/** The findings' section of the report, a line at a time: each finding rendered as it is written. */
export function* formatFindings(
  findings: readonly Finding[],
  lang: Lang,
): Generator<string> {
  const t = CLI_TEXT[lang];
  if (findings.length === 0) {
    yield t.noFindings;
    return;
  }
  const counts = countFindings(findings);
  yield t.findings(counts.error, counts.warning, counts.info);
  const word = SEVERITY_NAME[lang];
  const width = Math.max(
    ...SEVERITIES.filter((s) => counts[s] > 0).map((s) => word[s].length),
  );
  for (const { sheet, findings: list } of groupFindings(findings)) {
    yield `  ${sheet ?? t.workbookLevel}`;
    for (const found of list) {
      const f = renderFinding(found, lang);
      yield `    ${word[f.severity].toUpperCase().padEnd(width)} ${(f.cell ?? "").padEnd(5)} ${f.message} [${f.code}]`;
    }
  }
}
