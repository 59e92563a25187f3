// Which half-year a sheet covers, from its name or its `Period` cell (SPEC §3.2).

import { type IsoDate, daysInMonth, isoFromParts, parseIso } from "./dates";
import { MONTH_WORD, monthNumber, normalizeKey, parseDateText } from "./values";

/** "2025-H2": H1 = January–June, H2 = July–December. */
export type HalfYearId = `${number}-H${1 | 2}`;

export interface HalfYear {
  readonly id: HalfYearId;
  readonly year: number;
  readonly half: 1 | 2;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

export type PeriodParse =
  | { readonly kind: "half-year"; readonly halfYear: HalfYear }
  /** A period that is named but is not one whole half-year. */
  | {
      readonly kind: "other";
      readonly start: IsoDate | null;
      readonly end: IsoDate | null;
    };

export function halfYear(year: number, half: 1 | 2): HalfYear {
  return {
    id: `${year}-H${half}`,
    year,
    half,
    start: isoFromParts(year, half === 1 ? 1 : 7, 1),
    end: isoFromParts(year, half === 1 ? 6 : 12, half === 1 ? 30 : 31),
  };
}

export function halfYearOfDate(iso: IsoDate): HalfYear {
  const { y, m } = parseIso(iso);
  return halfYear(y, m <= 6 ? 1 : 2);
}

export function nextHalfYear(h: HalfYear): HalfYear {
  return h.half === 1 ? halfYear(h.year, 2) : halfYear(h.year + 1, 1);
}

export function compareHalfYears(a: HalfYear, b: HalfYear): number {
  return a.year - b.year || a.half - b.half;
}

/** An agreement's first and last day, where known. */
export interface AgreementSpan {
  readonly start: IsoDate | null;
  readonly end: IsoDate | null;
}

/**
 * The days `from`–`to` an agreement covers: its start or end where it falls inside them, else
 * theirs (a half-year of an agreement from March runs from 1 March; one outside it stays whole).
 */
export function withinAgreement(
  span: AgreementSpan,
  from: IsoDate,
  to: IsoDate,
): { readonly from: IsoDate; readonly to: IsoDate } {
  const { start, end } = span;
  return {
    from: start !== null && start > from && start <= to ? start : from,
    to: end !== null && end < to && end >= from ? end : to,
  };
}

/** The half-years from the one holding `start` to the one holding `end`, inclusive. */
export function halfYearsBetween(start: IsoDate, end: IsoDate): HalfYear[] {
  const out: HalfYear[] = [];
  const last = halfYearOfDate(end);
  for (
    let h = halfYearOfDate(start);
    compareHalfYears(h, last) <= 0 && out.length < 400;
    h = nextHalfYear(h)
  )
    out.push(h);
  return out;
}

/** Classifies a date range: one whole half-year, or something else. */
export function periodFromRange(
  start: IsoDate | null,
  end: IsoDate | null,
): PeriodParse {
  if (start && end) {
    const h = halfYearOfDate(start);
    if (h.start === start && h.end === end)
      return { kind: "half-year", halfYear: h };
  }
  return { kind: "other", start, end };
}

const RANGE_SEPARATOR = String.raw`\s*(?:[-\u2010-\u2015\u2212]+|till och med|t\.?\s?o\.?\s?m\.?|tom|till)\s*`;
/**
 * Two dates: year first ("2025-07-01", "2025/07/01") or day first ("01.07.2025", "1/7/2025", and as
 * Swedes write it short, "1/7 2025" and "1/7-2025").
 */
const ONE_DATE = String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{1,2}/\d{1,2}[ -]\d{4}`;
const DATE_RANGE = new RegExp(
  String.raw`(${ONE_DATE})${RANGE_SEPARATOR}(${ONE_DATE})`,
  "i",
);
/** Two months with their years: "2025-07 – 2025-12", "07/2025–12/2025", "2025/07-2025/12". */
const YEAR_MONTH = String.raw`(\d{4})[-/.](\d{1,2})(?!\d)|(\d{1,2})[-/.](\d{4})(?!\d)`;
const YEAR_MONTH_RANGE = new RegExp(
  String.raw`(?:^|[^\d])(?:${YEAR_MONTH})${RANGE_SEPARATOR}(?:${YEAR_MONTH})`,
  "i",
);
/** Days and months with the year once: "1/7–31/12 2025", as Swedes write dates. */
const DAY_MONTH_RANGE = new RegExp(
  String.raw`(?:^|[^\d/])(\d{1,2})/(\d{1,2})${RANGE_SEPARATOR}(\d{1,2})/(\d{1,2}),?\s+(\d{4})(?!\d)`,
  "i",
);
/** Months, each with its day or not: "juli–december 2025", "1 juli–31 december 2025". */
const MONTH_RANGE = new RegExp(
  `(?:^| )(?:(\\d{1,2}) )?(${MONTH_WORD})(?: (\\d{4}))? (?:till och med |t o m |tom |till )?(?:(\\d{1,2}) )?(${MONTH_WORD})(?: (\\d{4}))`,
);

/**
 * Reads a half-year from text such as "Budget 2025 H2", "Budget H2 2025", "2025-H2", "Halvår 2 2025",
 * "andra halvåret 2025", "juli–december 2025" or "2025-07-01 – 2025-12-31". Null when the text
 * names no period; "other" when it names one that is not a whole half-year (e.g. "2025", "juli 2025").
 */
export function parsePeriod(text: string): PeriodParse | null {
  const range = parseRange(text);
  if (range) return range;
  const k = normalizeKey(text);
  let m = new RegExp(`(?:^| )(${MONTH_WORD}) (\\d{4})(?: |$)`).exec(k);
  if (m) {
    const y = +m[2]!;
    const mo = monthNumber(m[1]!)!;
    return monthsFrom(y, mo, y, mo);
  }
  m = /(?:^| )((?:19|20|21)\d{2})(?: |$)/.exec(k);
  if (m)
    return {
      kind: "other",
      start: isoFromParts(+m[1]!, 1, 1),
      end: isoFromParts(+m[1]!, 12, 31),
    };
  return null;
}

/**
 * A period from its first to its last day, in figures or words ("2025-07-01 – 2026-06-30", "juli
 * 2025 – juni 2026", "2025 H2"); null for a single month or year ("2025", or "2025/26", whose year
 * that would be is not the period meant).
 */
export function parseRange(text: string): PeriodParse | null {
  const k = normalizeKey(text);
  return (
    numericRange(text) ?? namedHalf(k) ?? wordRange(k) ?? yearDashHalf(text)
  );
}

/**
 * The half after its year and a dash, last in the text: "Redovisning 2024-1", "Budget 2025–2". A
 * month would have two digits ("2024-01"), and a month alone is no half-year to read anyway.
 */
const YEAR_DASH_HALF = /(?:^|\s)(\d{4}) ?[-\u2010-\u2015\u2212] ?([12])$/u;

function yearDashHalf(text: string): PeriodParse | null {
  const m = YEAR_DASH_HALF.exec(text.trim());
  return m ? half(+m[1]!, +m[2]!) : null;
}

/** The months from the first of y1-m1 to the last of y2-m2, each 1–12, else null. */
function monthsFrom(
  y1: number,
  m1: number,
  y2: number,
  m2: number,
): PeriodParse | null {
  if (!(m1 >= 1 && m1 <= 12 && m2 >= 1 && m2 <= 12)) return null;
  return periodFromRange(
    isoFromParts(y1, m1, 1),
    isoFromParts(y2, m2, daysInMonth(y2, m2)),
  );
}

/** Dates, or months with their years, or days and months, in figures. */
function numericRange(text: string): PeriodParse | null {
  const dates = DATE_RANGE.exec(text);
  if (dates)
    return periodFromRange(
      parseDateText(dates[1]!),
      parseDateText(dates[2]!, "last"),
    );
  const months = YEAR_MONTH_RANGE.exec(text);
  if (months) {
    const [y1, m1] = months[1]
      ? [+months[1], +months[2]!]
      : [+months[4]!, +months[3]!];
    const [y2, m2] = months[5]
      ? [+months[5], +months[6]!]
      : [+months[8]!, +months[7]!];
    const range = monthsFrom(y1, m1, y2, m2);
    if (range) return range;
  }
  const days = DAY_MONTH_RANGE.exec(text);
  if (days) {
    const y = +days[5]!;
    const [d1, m1, d2, m2] = [+days[1]!, +days[2]!, +days[3]!, +days[4]!];
    if (m1 >= 1 && m1 <= 12 && m2 >= 1 && m2 <= 12)
      return periodFromRange(
        d1 >= 1 && d1 <= daysInMonth(y, m1) ? isoFromParts(y, m1, d1) : null,
        d2 >= 1 && d2 <= daysInMonth(y, m2) ? isoFromParts(y, m2, d2) : null,
      );
  }
  return null;
}

/** A half-year by its name: "2025 H2", "H2 2025", "H2 25", "halvår 2 2025", "andra halvåret", "2H", "HT". */
function namedHalf(k: string): PeriodParse | null {
  let m =
    /(?:^| )(\d{4}) ?h([12])(?: |$)/.exec(k) ??
    /(?:^| )(\d{4})h([12])(?: |$)/.exec(k.replace(/ /g, ""));
  if (m) return half(+m[1]!, +m[2]!);
  m = /(?:^| )h([12]) ?(\d{4})(?: |$)/.exec(k);
  if (m) return half(+m[2]!, +m[1]!);
  m = /halvår(?:et)? ?([12])(?: ?(?:år)? ?)(\d{4})(?: |$)/.exec(k);
  if (m) return half(+m[2]!, +m[1]!);
  m = /(?:^| )(\d{4}) halvår(?:et)? ([12])(?: |$)/.exec(k);
  if (m) return half(+m[1]!, +m[2]!);
  m =
    /(första|1 ?a|forsta|andra|2 ?a) halvår(?:et)? (?:år )?(\d{4})(?: |$)/.exec(
      k,
    );
  if (m) return half(+m[2]!, /^(första|forsta|1)/.test(m[1]!) ? 1 : 2);
  // "1H 2026", "2H 2025".
  m = /(?:^| )([12]) ?h (\d{4})(?: |$)/.exec(k);
  if (m) return half(+m[2]!, +m[1]!);
  // Two-digit years where an H names the half: "H2 25", "H2-25", "25 H2", "25H2", "2H25".
  m = /(?:^| )h([12]) (\d{2})(?: |$)/.exec(k);
  if (m) return half(2000 + +m[2]!, +m[1]!);
  m = /(?:^| )(\d{2}) ?h([12])(?: |$)/.exec(k);
  if (m) return half(2000 + +m[1]!, +m[2]!);
  m = /(?:^| )([12])h ?(\d{2})(?: |$)/.exec(k);
  if (m) return half(2000 + +m[2]!, +m[1]!);
  // Terms, as schools and youth work name them: vårterminen is January–June, hösten July–December.
  m = TERM.exec(k);
  if (m) {
    const year = m[2]!.length === 2 ? 2000 + +m[2]! : +m[2]!;
    return half(year, /^(?:vt|vår)/.test(m[1]!) ? 1 : 2);
  }
  return null;
}

/** Quarters and months in words: "Q3–Q4 2025", "2025 jul–dec", "1 juli–31 december 2025". */
function wordRange(k: string): PeriodParse | null {
  let m = QUARTERS.exec(k) ?? QUARTERS_AFTER_YEAR.exec(k);
  if (m) {
    const { q1, q2, year } = m.groups!;
    return monthsFrom(+year!, 3 * +q1! - 2, +year!, 3 * +q2!);
  }
  m = YEAR_THEN_MONTHS.exec(k);
  if (m)
    return monthsFrom(+m[1]!, monthNumber(m[2]!)!, +m[1]!, monthNumber(m[3]!)!);
  // A two-digit year after the months, as a sheet name shortens it: "jul–dec 25", "juli–december -25".
  m = MONTHS_THEN_SHORT_YEAR.exec(k);
  if (m)
    return monthsFrom(
      2000 + +m[3]!,
      monthNumber(m[1]!)!,
      2000 + +m[3]!,
      monthNumber(m[2]!)!,
    );
  m = MONTH_RANGE.exec(k);
  if (!m) return null;
  const y2 = +m[6]!;
  const y1 = m[3] ? +m[3] : y2;
  const m1 = monthNumber(m[2]!)!;
  const m2 = monthNumber(m[5]!)!;
  const d1 = m[1] ? +m[1] : 1;
  const d2 = m[4] ? +m[4] : daysInMonth(y2, m2);
  // A day the month does not have ("31 juni") makes no date, so no half-year.
  return periodFromRange(
    d1 <= daysInMonth(y1, m1) ? isoFromParts(y1, m1, d1) : null,
    d2 <= daysInMonth(y2, m2) ? isoFromParts(y2, m2, d2) : null,
  );
}

const TERM =
  /(?:^| )(vt|ht|vårtermin(?:en)?|hösttermin(?:en)?|vår(?:en)?|höst(?:en)?) ?(\d{4}|\d{2})(?: |$)/;
const QUARTER = String.raw`(?:q|kv|kvartal) ?`;
const QUARTERS = new RegExp(
  String.raw`(?:^| )${QUARTER}(?<q1>[1-4]) (?:(?:till och med|t o m|tom|till|och) )?(?:${QUARTER})?(?<q2>[1-4]) (?<year>\d{4})(?: |$)`,
);
const QUARTERS_AFTER_YEAR = new RegExp(
  String.raw`(?:^| )(?<year>\d{4}) ${QUARTER}(?<q1>[1-4]) (?:(?:till och med|t o m|tom|till|och) )?(?:${QUARTER})?(?<q2>[1-4])(?: |$)`,
);

/** Months and a two-digit year, last in the text: "jul–dec 25". */
const MONTHS_THEN_SHORT_YEAR = new RegExp(
  `(?:^| )(${MONTH_WORD}) (?:till och med |t o m |tom |till )?(${MONTH_WORD}) (\\d{2})$`,
);

/** The year before its months: "2025 jul–dec". */
const YEAR_THEN_MONTHS = new RegExp(
  `(?:^| )(\\d{4}) (${MONTH_WORD}) (?:till och med |t o m |tom |till )?(${MONTH_WORD})(?: |$)`,
);

function half(year: number, h: number): PeriodParse | null {
  if (year < 1900 || year > 2200) return null;
  return { kind: "half-year", halfYear: halfYear(year, h === 1 ? 1 : 2) };
}

/** Swedish period wording of the seed: "juli 2025 till och med december 2025". */
export const SWEDISH_MONTHS = [
  "januari",
  "februari",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "augusti",
  "september",
  "oktober",
  "november",
  "december",
];
