// The dialog's button labels: Skriv/Avbryt when it asks, Stäng when it reports.

export function noticeButtons(
  lang: "sv" | "en",
  asking: boolean,
): { readonly ok: string | null; readonly close: string } {
  if (lang === "en")
    return asking
      ? { ok: "Write", close: "Cancel" }
      : { ok: null, close: "Close" };
  return asking
    ? { ok: "Skriv", close: "Avbryt" }
    : { ok: null, close: "Stäng" };
}
