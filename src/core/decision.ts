// The draft decision points (SPEC §4.11) in the seed memo's Swedish wording.

import type { Computation } from "./compute";
import { type IsoDate, daysInMonth, parseIso } from "./dates";
import { formatAmount } from "./format";
import type { Ore } from "./money";
import { SWEDISH_MONTHS } from "./period";

/** "1 109 649 kronor" */
export function kronorText(amount: Ore): string {
  return `${formatAmount(amount, "sv")} kronor`;
}

/** "juli 2025 till och med december 2025" */
export function periodText(start: IsoDate, end: IsoDate): string {
  const s = parseIso(start);
  const e = parseIso(end);
  return `${SWEDISH_MONTHS[s.m - 1]} ${s.y} till och med ${SWEDISH_MONTHS[e.m - 1]} ${e.y}`;
}

/** "januari till och med december 2024": the year once when both ends share it. */
export function shortPeriodText(start: IsoDate, end: IsoDate): string {
  const s = parseIso(start);
  const e = parseIso(end);
  return s.y === e.y
    ? `${SWEDISH_MONTHS[s.m - 1]} till och med ${SWEDISH_MONTHS[e.m - 1]} ${e.y}`
    : periodText(start, end);
}

/** "juni 2025" for a month's last day (as the seed writes a due month), else "1 februari 2026". */
export function dueText(date: IsoDate): string {
  const { y, m, d } = parseIso(date);
  return d === daysInMonth(y, m)
    ? `${SWEDISH_MONTHS[m - 1]} ${y}`
    : `${d} ${SWEDISH_MONTHS[m - 1]} ${y}`;
}

export function dayText(date: IsoDate): string {
  const { y, m, d } = parseIso(date);
  return `${d} ${SWEDISH_MONTHS[m - 1]} ${y}`;
}

/** "a", "a samt b", "a, b samt c" */
function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} samt ${items[items.length - 1]}`;
}

/** The draft decision points, unnumbered; where they are shown, they are numbered 1, 2, … */
export function decisionPoints(c: Computation): string[] {
  const name = c.agreement.name ?? "partnerskapet";
  const org = c.agreement.organisation ?? "organisationen";
  const points: string[] = [];
  const reported = c.halfYears.filter((h) => h.actual !== null);
  const granted = c.halfYears.filter((h) => h.actual === null);

  if (reported.length > 0) {
    const period = shortPeriodText(
      reported[0]!.halfYear.start,
      reported[reported.length - 1]!.halfYear.end,
    );
    points.push(
      `Kommunstyrelsen godkänner återrapporteringen för ${name} avseende perioden ${period} och lägger den till handlingarna.`,
    );
  }
  const { items, total, due } = c.repayment;
  if (total > 0) {
    const amounts = listText(items.map((i) => kronorText(i.amount)));
    const years = listText(items.map((i) => String(i.year)));
    const when = due ? ` senast ${dueText(due)}` : "";
    points.push(
      `Kommunstyrelsen beslutar att överskott av medel ${amounts} från verksamhetsperioden ${years} återbetalas från ${org} till kommunstyrelsen${when}.`,
    );
  }
  if (granted.length > 0) {
    const { start, end } = c.agreement;
    if (start && end) {
      points.push(
        `Kommunstyrelsen godkänner förslag till avtal avseende idéburet offentligt partnerskap (IOP) rörande ${name} för tidsperioden ${periodText(start, end)}.`,
      );
    }
    const years = [...new Set(granted.map((h) => h.halfYear.year))];
    years.forEach((year, i) => {
      const halves = granted.filter((h) => h.halfYear.year === year);
      const amount = halves.reduce((a, h) => a + h.budget.total, 0) as Ore;
      const period = periodText(
        halves[0]!.halfYear.start,
        halves[halves.length - 1]!.halfYear.end,
      );
      points.push(
        i === 0
          ? `Kommunstyrelsen beviljar ${org} ${kronorText(amount)} från kommunstyrelsens anslag för projekt och utredningar avseende idéburet offentligt partnerskap (IOP) ${name} under perioden ${period}.`
          : `Kommunstyrelsen beslutar att i beredningen av kommunfullmäktiges budget år ${year} beakta ${kronorText(amount)} till ${org} avseende idéburet offentligt partnerskap (IOP) ${name} under perioden ${period}.`,
      );
    });
    const reportDue = c.agreement.reportDue;
    if (reportDue) {
      const covered = granted.filter((h) => h.halfYear.end < reportDue);
      if (covered.length > 0) {
        const period = shortPeriodText(
          covered[0]!.halfYear.start,
          covered[covered.length - 1]!.halfYear.end,
        );
        points.push(
          `Kommunstyrelsen uppmanar ${org} att inkomma med återrapportering av beviljade medel för perioden ${period} till stadskontoret senast ${dayText(reportDue)}.`,
        );
      }
    }
  }
  return points;
}
