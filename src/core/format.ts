// Swedish and English amount formatting with Intl; money in, text out.

import type { Ore } from "./money";

export type Lang = "sv" | "en";

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}:${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === "sv" ? "sv-SE" : "en-GB", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * "1 109 649" (sv) or "1,109,649" (en); öre shown only when there are any. Swedish groups with
 * an ordinary space and a hyphen-minus, as the seed's decision text writes them.
 */
export function formatAmount(ore: Ore, lang: Lang = "sv"): string {
  const decimals = ore % 100 === 0 ? 0 : 2;
  const text = formatter(lang, decimals).format(ore / 100);
  return lang === "sv"
    ? text.replace(/[\u00a0\u202f]/g, " ").replace(/\u2212/g, "-")
    : text;
}

export function formatKronor(ore: Ore, lang: Lang = "sv"): string {
  return lang === "sv"
    ? `${formatAmount(ore, lang)} kr`
    : `SEK ${formatAmount(ore, lang)}`;
}

/** A plain decimal number for messages: "275", "4,5" (sv). */
export function formatNumber(value: number, lang: Lang = "sv"): string {
  const key = `${lang}:n`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === "sv" ? "sv-SE" : "en-GB", {
      maximumFractionDigits: 6,
    });
    formatters.set(key, f);
  }
  const text = f.format(value);
  return lang === "sv"
    ? text.replace(/[\u00a0\u202f]/g, " ").replace(/\u2212/g, "-")
    : text;
}

/** "2026-11-23 12:00" in Swedish time: when a `Beslut` sheet was made. */
export function stampTime(at: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    dateStyle: "short",
    timeStyle: "short",
  }).format(at);
}
