// Swedish and English amount formatting; money in, text out.
// Digits are grouped by hand rather than with Intl.NumberFormat: the first Intl formatter of a
// Node process loads ICU's number data (about 50 ms), a fixed cost of every `check` that only
// finding messages need. The tests hold this to Intl's output for sv-SE and en-GB (property).

import type { Ore } from "../figures/money";

export type Lang = "sv" | "en";

const SEPARATORS = {
  // A narrow no-break space groups Swedish digits: "1 183 899" never wraps after "1 183" in a
  // pane 320 px wide, in a terminal or in a cell, and reads as the seed's space.
  sv: { group: "\u202f", decimal: "," },
  en: { group: ",", decimal: "." },
} as const;

/** The true minus sign (U+2212): as wide as "+", and no line break after it. */
export const MINUS = "\u2212";

/** "1234567" → "1 234 567": groups of three from the right (sv-SE and en-GB group from 1 000). */
function grouped(digits: string, separator: string): string {
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3)
    out += separator + digits.slice(i, i + 3);
  return out;
}

/** "1 109 649" (sv) or "1,109,649" (en), "−73 375"; öre shown only when there are any. */
export function formatAmount(ore: Ore, lang: Lang = "sv"): string {
  const { group, decimal } = SEPARATORS[lang];
  const abs = Math.abs(ore);
  const whole = grouped(String(Math.floor(abs / 100)), group);
  const cents = abs % 100;
  const text =
    cents === 0 ? whole : `${whole}${decimal}${String(cents).padStart(2, "0")}`;
  return ore < 0 ? `${MINUS}${text}` : text;
}

export function formatKronor(ore: Ore, lang: Lang = "sv"): string {
  // A no-break space: the unit never wraps away from its number.
  return lang === "sv"
    ? `${formatAmount(ore, lang)}\u00a0kr`
    : `SEK\u00a0${formatAmount(ore, lang)}`;
}

/** An amount, or "–" where there is none (a file with no figures, a person who cannot be costed). */
export const formatKronorOrDash = (
  ore: Ore | null,
  lang: Lang = "sv",
): string => (ore === null ? "–" : formatKronor(ore, lang));

/**
 * The shortest decimal text of a number (as String() gives it), rounded half away from zero to
 * at most six decimals: what Intl does, for 0.1 + 0.2 as for 10 145 810 828.2.
 */
function sixDecimals(abs: number): { whole: string; fraction: string } {
  let text = String(abs);
  const e = text.indexOf("e-");
  if (e >= 0) {
    // 1e-7 and smaller: written out, so that the rounding below sees every digit.
    const digits = text.slice(0, e).replace(".", "");
    text = `0.${"0".repeat(Number(text.slice(e + 2)) - 1)}${digits}`;
  }
  const point = text.indexOf(".");
  if (point < 0) return { whole: text, fraction: "" };
  let whole = text.slice(0, point);
  let fraction = text.slice(point + 1);
  if (fraction.length > 6) {
    const roundUp = fraction.charCodeAt(6) >= 0x35; // "5"
    fraction = fraction.slice(0, 6);
    if (roundUp) {
      const n = (BigInt(whole + fraction) + 1n).toString().padStart(7, "0");
      whole = n.slice(0, -6);
      fraction = n.slice(-6);
    }
  }
  return { whole, fraction: fraction.replace(/0+$/, "") };
}

/** A plain decimal number for messages, at most six decimals: "275", "4,5" (sv), "1 250,5". */
export function formatNumber(value: number, lang: Lang = "sv"): string {
  // Beyond 1e21 String() writes exponents; no message shows such a number, Intl is exact there.
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return String(value);
  const { group, decimal } = SEPARATORS[lang];
  const { whole, fraction } = sixDecimals(Math.abs(value));
  const text = grouped(whole, group) + (fraction ? decimal + fraction : "");
  return value < 0 && text !== "0" ? `${MINUS}${text}` : text;
}

/** "2026-11-23 12:00" in Swedish time: when a `Beslut` sheet was made. */
export function stampTime(at: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    dateStyle: "short",
    timeStyle: "short",
  }).format(at);
}
