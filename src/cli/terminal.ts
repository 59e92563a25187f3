// Text that a terminal shows and never obeys. A workbook's label can carry ESC (colours, cursor
// moves, window titles), BEL, C1 controls and bidirectional overrides that reorder what is shown;
// printed raw, the reviewer's terminal would act on them. They are shown as escapes instead.

// C0 but tab and line feed, DEL, C1, and the bidirectional controls (embeddings, overrides, isolates, marks).
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (ch: string): string =>
  `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** A line for the terminal: every unsafe character shown as \uXXXX. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/**
 * Text in pieces for the terminal (a report, or JSON: JSON.stringify already escapes C0, not DEL,
 * C1 or the bidi controls; they are escaped the same way, which JSON reads back as the same
 * characters).
 */
export function* terminalSafeChunks(
  chunks: Iterable<string>,
): Generator<string> {
  for (const chunk of chunks) yield chunk.replace(UNSAFE, escaped);
}
