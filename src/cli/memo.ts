// `iop-budget memo`: the workbooks of one case in, the decision memo as a Word document out.

import {
  append,
  type Case,
  type CaseFile,
  type CaseRole,
  type Lang,
  type Memo,
  type RoledFile,
  chooseRoles,
  grantsInOrder,
  isIsoDate,
  hasErrors,
  buildCase,
  memoOf,
  toCaseJson,
} from "../core";
import { resolve } from "node:path";
import { CLI_TEXT } from "./messages";
import { table } from "./report";

export interface MemoOptions {
  out: string;
  /** The roles, when the reviewer names them (else defaultRoles). */
  report?: string;
  proposal?: string;
  /** The granted budgets the report is held to (--grant, given once for each). */
  grant?: string[];
  /** The board's meeting, YYYY-MM-DD: its year is granted now, later years considered. */
  date?: string;
  json?: boolean;
  force?: boolean;
  lang: Lang;
}

/** What memo needs of main.ts's file handling, passed in to keep one reader of files. */
export interface MemoDeps {
  /** A file read and analysed, held to the granted budgets given. */
  analyze(
    file: string,
    granted?: readonly CaseFile["analysis"][],
  ): CaseFile | { error: () => void };
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

/** The memo as text for the terminal: the files and their roles, the decision point by point with the file it comes from, and both tables. */
export function memoText(memo: Memo, c: Case): string {
  const t = CLI_TEXT[memo.lang];
  const out = [memo.title, ...memo.facts, "", `${t.caseFiles}:`];
  for (const r of c.roles)
    out.push(
      `  ${r.file}: ${t.role[r.role]}${r.why ? ` (${t.leftOut[r.why]})` : ""}`,
    );
  out.push("", `${memo.decisionHeading}:`);
  memo.decision.forEach((p, i) => {
    out.push(`  ${i + 1}. ${p}`);
    const file = c.decisionFiles[i];
    if (file) out.push(`     ${t.fromFile(file)}`);
  });
  for (const n of memo.decisionNotes) out.push(`  ! ${n}`);
  for (const t of memo.tables) {
    out.push("", `${t.title}:`);
    const rows = [t.header, ...t.rows.map((r) => r.cells)];
    append(
      out,
      table(rows, (c) => c > 0, "  "),
    );
    if (t.note) out.push(`  ${t.note}`);
    // The partner's explanations the memo quotes for the official (after the sentence of figures).
    if (t.kind === "year")
      for (const p of t.intro.slice(1)) out.push(`  ${p.text}`);
    if (t.kind === "period") for (const n of memo.notes) out.push(`  ! ${n}`);
  }
  const { error, warning, info } = memo.counts;
  out.push(
    "",
    error + warning + info === 0
      ? memo.noFindings
      : t.findings(error, warning, info),
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
  if (opts.date !== undefined && !isIsoDate(opts.date)) {
    deps.err(t.badMeetingDate(opts.date));
    return 2;
  }
  const named = [opts.report, opts.proposal, ...(opts.grant ?? [])].filter(
    (f): f is string => f !== undefined,
  );
  const twice = named.find((f, i) => named.indexOf(f) !== i);
  if (twice !== undefined) {
    deps.err(t.roleTwice(twice));
    return 2;
  }
  // A file given twice (in a folder, and as --report by another path) is one file, under the
  // name its role was given by.
  const byPath = new Map(named.map((f) => [resolve(f), f]));
  const all = [
    ...new Set([...files.map((f) => byPath.get(resolve(f)) ?? f), ...named]),
  ];
  if (all.length === 0) {
    deps.err(t.noMemoFiles);
    return 2;
  }
  const parts: CaseFile[] = [];
  let unreadable = false;
  for (const file of all) {
    const r = deps.analyze(file);
    if ("error" in r) {
      r.error();
      unreadable = true;
    } else parts.push(r);
  }
  if (unreadable) return 2;
  const roled = withRoles(parts, opts);
  // The report judged against its grants, as check --granted does: one repayment everywhere.
  const grants = grantsInOrder(roled.filter((f) => f.role === "grant"));
  const report = roled.find((f) => f.role === "report");
  if (grants.length > 0 && report) {
    const held = deps.analyze(
      report.file,
      grants.map((g) => g.analysis),
    );
    if ("error" in held) {
      held.error();
      return 2;
    }
    roled[roled.indexOf(report)] = { ...report, analysis: held.analysis };
  }
  const built = buildCase(roled, opts.date ?? null);
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
  else deps.out(`${memoText(memo, built.case)}\n\n${t.wroteMemo(opts.out)}`);
  return hasErrors(built.case.findings.map((f) => f.finding)) ? 1 : 0;
}

/**
 * The files' roles: the reviewer's where named (--report, --proposal, --grant), the rest as
 * defaultRoles gives them among what is left; a default the reviewer's choice displaces is left out.
 */
function withRoles(parts: readonly CaseFile[], opts: MemoOptions): RoledFile[] {
  const chosen = new Map<string, CaseRole>(
    (
      [
        [opts.report, "report"],
        [opts.proposal, "proposal"],
        ...(opts.grant ?? []).map((g) => [g, "grant"] as const),
      ] as const
    ).flatMap(([file, role]) => (file === undefined ? [] : [[file, role]])),
  );
  return chooseRoles(parts, chosen);
}
