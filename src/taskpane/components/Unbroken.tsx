import type { ReactNode } from "react";

// Dates and half-years break at their hyphens in a narrow pane ("2025- / 06-30"); amounts are
// already joined by no-break spaces in the core.
const UNBREAKABLE = /(?<![\d-])(\d{4}-(?:\d{2}-\d{2}|H[12]|\d{2}))(?![\d-])/;

/** Text whose dates and half-years never wrap inside. */
export function Unbroken({ text }: { readonly text: string }): ReactNode {
  const parts = text.split(UNBREAKABLE);
  if (parts.length === 1) return text;
  return parts.map((p, i) =>
    i % 2 === 1 ? (
      <span key={i} style={{ whiteSpace: "nowrap" }}>
        {p}
      </span>
    ) : (
      p
    ),
  );
}
