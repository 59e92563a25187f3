// The template's agreement period: small, so the pane's first load has it without the template.

export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

export interface TemplateOptions {
  readonly from: YearMonth;
  readonly to: YearMonth;
}

export function parseYearMonth(text: string): YearMonth | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

/** A template period from two "YYYY-MM" texts: both valid, in order, at most ten years; else null. */
export function templatePeriod(
  from: string,
  to: string,
): TemplateOptions | null {
  const f = parseYearMonth(from);
  const t = parseYearMonth(to);
  if (!f || !t) return null;
  const months = (t.year - f.year) * 12 + t.month - f.month + 1;
  return months >= 1 && months <= 120 ? { from: f, to: t } : null;
}

/** The half-year after today's: where a new agreement usually starts. Twelve months by default. */
export function defaultTemplatePeriod(today: Date): TemplateOptions {
  const y = today.getFullYear();
  const from =
    today.getMonth() < 6 ? { year: y, month: 7 } : { year: y + 1, month: 1 };
  const to =
    from.month === 7
      ? { year: y + 1, month: 6 }
      : { year: from.year, month: 12 };
  return { from, to };
}
