// `iop-budget memo`: the workbooks of one case in, the decision memo as a Word document out.

import {
  type CaseFile,
  type Lang,
  type Memo,
  hasErrors,
  buildCase,
  memoOf,
  toCaseJson,
} from "../core";
import { CLI_TEXT } from "./messages";
import { table } from "./report";

export interface MemoOptions {
  out: string;
  json?: boolean;
  force?: boolean;
  lang: Lang;
}

/** What memo needs of main.ts's file handling, passed in to keep one reader of files. */
export interface MemoDeps {
  analyze(file: string): CaseFile | { error: () => void };
  /** The output checked (exists, is an input) and, when it may be written, its writer. */
  output(
    path: string,
    inputs: readonly string[],
    force: boolean,
  ):
    | { kind: "ok"; write: (bytes: Uint8Array) => void }
    | { kind: "refused"; message: string };
  out(line: string): void;
  err(line: string): void;
}

/** The memo as text for the terminal: the decision and both tables, columns aligned. */
export function memoText(memo: Memo): string {
  const out = [memo.title, ...memo.facts, "", `${memo.decisionHeading}:`];
  memo.decision.forEach((p, i) => out.push(`  ${i + 1}. ${p}`));
  for (const t of memo.tables) {
    out.push("", `${t.title}:`);
    const rows = [t.header, ...t.rows.map((r) => r.cells)];
    out.push(...table(rows, (c) => c > 0).map((l) => `  ${l}`));
    if (t.kind === "period") for (const n of memo.notes) out.push(`  ! ${n}`);
  }
  const count = (s: string) =>
    memo.findings.filter((f) => f.severity === s).length;
  const t = CLI_TEXT[memo.lang];
  out.push(
    "",
    memo.findings.length === 0
      ? memo.noFindings
      : t.findings(count("error"), count("warning"), count("info")),
  );
  return out.join("\n");
}

export async function runMemo(
  files: readonly string[],
  opts: MemoOptions,
  deps: MemoDeps,
): Promise<number> {
  const t = CLI_TEXT[opts.lang];
  const output = deps.output(opts.out, files, !!opts.force);
  if (output.kind === "refused") {
    deps.err(output.message);
    return 2;
  }
  const parts: CaseFile[] = [];
  let unreadable = false;
  for (const file of files) {
    const r = deps.analyze(file);
    if ("error" in r) {
      r.error();
      unreadable = true;
    } else parts.push(r);
  }
  if (unreadable) return 2;
  const built = buildCase(parts);
  if (built.kind === "different-cases") {
    deps.err(
      t.differentCases(
        built.cases
          .map(
            (c) =>
              `  ${c.file}: ${c.caseNumber ?? t.noCase}${c.name ? ` (${c.name})` : ""}`,
          )
          .join("\n"),
      ),
    );
    return 2;
  }
  const memo = memoOf(built.case, opts.lang);
  // docx is loaded only here, so that check and compute never parse it.
  const { memoDocx } = await import("../memo/docx");
  try {
    output.write(await memoDocx(memo));
  } catch (e) {
    deps.err((e as Error).message);
    return 2;
  }
  if (opts.json) deps.out(JSON.stringify(toCaseJson(built.case, opts.lang)));
  else deps.out(`${memoText(memo)}\n\n${t.wroteMemo(opts.out)}`);
  return hasErrors(built.case.findings.map((f) => f.finding)) ? 1 : 0;
}
