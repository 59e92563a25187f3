// Calendar dates as ISO strings "YYYY-MM-DD"; cell dates are Excel serials (1900 system).

export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);

export function isoFromParts(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    y >= 1900 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** Excel serial (1900 system, with Lotus's fictitious 1900-02-29 as serial 60) to ISO; null when out of range. */
export function serialToIso(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466)
    return null;
  const day = Math.floor(serial);
  // Serials below 61 are one day off because of the fictitious leap day.
  const ms = EPOCH_1899_12_30 + (day < 61 ? day + 1 : day) * MS_PER_DAY;
  const d = new Date(ms);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function isoToSerial(iso: IsoDate): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const day = Math.round(
    (Date.UTC(y, m - 1, d) - EPOCH_1899_12_30) / MS_PER_DAY,
  );
  return day < 61 ? day - 1 : day;
}

/** "2025-04-02": a real date written as ISO (YYYY-MM-DD). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function parseIso(iso: IsoDate): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

/** Whether an Excel number format shows a date or time (so the number is a serial). */
const dateFormatCache = new Map<string, boolean>();

export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  let known = dateFormatCache.get(fmt);
  if (known === undefined) {
    known = classifyDateFormat(fmt);
    if (dateFormatCache.size < 500) dateFormatCache.set(fmt, known);
  }
  return known;
}

function classifyDateFormat(fmt: string): boolean {
  // Drop quoted text, escaped characters and bracketed colours/locales before looking for y/d/m.
  const bare = fmt
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    // Never "[" within: a format of a million "[" took a search to its end from each (minutes).
    .replace(/\[[^[\]]*\]/g, "")
    .split(";")[0]!
    .toLowerCase();
  if (bare.trim() === "general") return false;
  if (/[yd]/.test(bare)) return true;
  if (/[0#?]/.test(bare)) return false;
  return /[mhs]/.test(bare);
}

const percentFormatCache = new Map<string, boolean>();

export function isPercentFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt.indexOf("%") < 0) return false;
  let known = percentFormatCache.get(fmt);
  if (known === undefined) {
    known = fmt
      .replace(/"[^"]*"/g, "")
      .replace(/\\./g, "")
      .includes("%");
    if (percentFormatCache.size < 500) percentFormatCache.set(fmt, known);
  }
  return known;
}
