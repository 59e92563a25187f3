// The memo's tables (SPEC §4.12): a line some half-years lack, and a service percentage that
// differs between the granted half-years (the table shows the weighted mean).

import type {
  Computation,
  ComputedHalfYear,
  LineAt,
  PeriodLine,
  YearLine,
} from "../figures/figures";
import { type Finding, finding } from "../findings/findings";
import { cellOf } from "../model";
import { periodTable, sameLines, yearTables } from "../figures/tables";
import { append } from "../lists";

/**
 * Without building the tables where that is not needed: a workbook whose half-years list the same
 * lines with the same % has none of these findings.
 */
export function tableChecks(c: Computation): Finding[] {
  const out: Finding[] = [];
  for (const y of c.years) {
    const halves = c.halfYears.filter((h) =>
      y.halfYears.includes(h.halfYear.id),
    );
    if (sameLines(halves)) continue;
    for (const t of yearTables(halves, [y], []))
      append(out, partialLines(t.lines, halves));
  }
  const granted = c.halfYears.filter((h) => h.actual === null);
  if (sameLines(granted) && !percentsDiffer(granted)) return out;
  const table = periodTable(c.halfYears, c.agreement);
  if (table) {
    append(out, partialLines(table.lines, granted));
    const at = linesByRow(granted);
    for (const l of table.lines) append(out, weighted(l, granted, at));
  }
  return out;
}

/** Each half-year's lines by their row: a line's % found at once, not by a search of its sheet. */
function linesByRow(
  halves: readonly ComputedHalfYear[],
): (at: LineAt) => ComputedHalfYear["lines"][number] | undefined {
  const byId = new Map(
    halves.map((h) => [
      h.halfYear.id,
      new Map(h.lines.map((x) => [x.input.row, x])),
    ]),
  );
  return (at) =>
    at.row === null ? undefined : byId.get(at.halfYear)?.get(at.row);
}

function percentsDiffer(granted: readonly ComputedHalfYear[]): boolean {
  const first = granted[0];
  return (
    first !== undefined &&
    granted.some((h) =>
      h.lines.some(
        (l, i) =>
          l.servicePercentMicro !== null &&
          first.lines[i]?.servicePercentMicro !== null &&
          l.servicePercentMicro !== first.lines[i]?.servicePercentMicro,
      ),
    )
  );
}

/** Where a matched line's cell is (none for the OH of a half-year without an OH line). */
function cellOfLine(
  halves: readonly ComputedHalfYear[],
  at: LineAt,
  key: "label" | "servicePercent",
): string | null {
  const source = halves.find((h) => h.halfYear.id === at.halfYear)?.source;
  return at.row === null || !source ? null : cellOf(source, at.row, key);
}

/** An info for each line that some of the half-years lack: it counts where it is. */
function partialLines(
  lines: readonly (YearLine | PeriodLine)[],
  halves: readonly ComputedHalfYear[],
): Finding[] {
  if (halves.length < 2) return [];
  return lines.flatMap((l) => {
    const present = new Set(l.at.map((p) => p.halfYear));
    if (present.size === halves.length) return [];
    const first = l.at[0]!;
    return [
      finding(
        "LINE_NOT_IN_EVERY_HALF_YEAR",
        first.sheet,
        cellOfLine(halves, first, "label"),
        {
          label: l.label,
          present: [...present].join(", "),
          missing: halves
            .map((h) => h.halfYear.id)
            .filter((id) => !present.has(id))
            .join(", "),
        },
      ),
    ];
  });
}

/** A line whose % differs between the half-years: the table shows the mean weighted by months. */
function weighted(
  l: PeriodLine,
  halves: readonly ComputedHalfYear[],
  lineAt: ReturnType<typeof linesByRow>,
): Finding[] {
  if (!l.weighted || l.servicePercentMicro === null) return [];
  // A line costed in Lönekalkyl: its persons' dates make the % differ, and the mean is their
  // staffing over the period (person-months over months), as Lönekalkyl shows it.
  if (l.at.some((at) => lineAt(at)?.salaries)) return [];
  const percents = l.at.flatMap((at) => {
    const p = lineAt(at)?.servicePercentMicro;
    return p === null || p === undefined ? [] : [p];
  });
  const first = l.at[0]!;
  return [
    finding(
      "SERVICE_PERCENT_WEIGHTED",
      first.sheet,
      cellOfLine(halves, first, "servicePercent"),
      {
        label: l.label,
        // Numbers are written in the reader's language by the catalogue; the list as it is.
        percents: percents.map((p) => p / 1_000_000).join(" / "),
        weighted: Math.round(l.servicePercentMicro / 10_000) / 100,
      },
    ),
  ];
}
