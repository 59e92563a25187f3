// The decision memo in the pane and the page: made from the core's Memo, written to Word by a
// lazily loaded chunk (docx stays out of the pane's initial script), tables put on the clipboard.

import {
  type CaseFile,
  type IsoDate,
  type RoledFile,
  type Lang,
  type Memo,
  buildCase,
  memoOf,
  memoTableHtml,
  memoTableText,
} from "../core";

/** The memo of files of one case (in their roles); null when they belong to different cases. */
export function memoFor(
  files: readonly (CaseFile | RoledFile)[],
  lang: Lang,
  meeting: IsoDate | null = null,
): Memo | null {
  const built = buildCase(files, meeting);
  return built.kind === "ok" ? memoOf(built.case, lang) : null;
}

/** The .docx bytes; the `docx` package is fetched on first use. */
export async function memoBytes(memo: Memo): Promise<Uint8Array> {
  const { memoDocx } = await import(
    /* webpackChunkName: "memo" */ "../memo/docx"
  );
  return memoDocx(memo);
}

/** The memo's tables as the clipboard gets them: HTML (Word pastes tables) and plain text. */
export function tablesForClipboard(memo: Memo): { html: string; text: string } {
  return {
    html: `<html><body>${memo.tables.map(memoTableHtml).join("")}</body></html>`,
    text: memo.tables.map(memoTableText).join("\n\n"),
  };
}

/**
 * Puts HTML and plain text on the clipboard. Office's iframes may deny the asynchronous Clipboard
 * API (a permissions policy, OfficeDev/office-js#1991), so the copy event of execCommand comes
 * first, inside the click; the API is the fallback where execCommand is gone.
 */
export async function copyRich(html: string, text: string): Promise<boolean> {
  let copied = false;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData("text/html", html);
    e.clipboardData.setData("text/plain", text);
    e.preventDefault();
    copied = true;
  };
  document.addEventListener("copy", onCopy);
  try {
    document.execCommand("copy");
  } catch {
    // Not supported here: the API below.
  } finally {
    document.removeEventListener("copy", onCopy);
  }
  if (copied) return true;
  try {
    await navigator.clipboard.write([
      new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" }),
      }),
    ]);
    return true;
  } catch {
    return false;
  }
}

/** A file name from a case number or a workbook's name: letters, digits and dashes. */
export function memoFileStem(name: string): string {
  return (
    name
      .replace(/\.(xlsx|ods)$/i, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "iop"
  );
}
