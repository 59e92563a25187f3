// The iop-budget command: a thin adapter from files and flags to the engine and back.

import { basename } from "node:path";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { crc32 as zlibCrc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { Command, CommanderError, Option } from "commander";
import {
  type Analysis,
  type CheckJsonParts,
  type FileErrorJson,
  type Lang,
  type TemplateOptions,
  type WritePlan,
  analyseWorkbook,
  caseView,
  defaultTemplatePeriod,
  grantedPairs,
  grantsInOrder,
  findScenario,
  hasFigures,
  type Grid,
  hasErrors,
  readScenarios,
  type ScenarioJson,
  stampTime,
  templatePeriod,
  each,
  planCompute,
  planTemplate,
  renderFinding,
  sheetsWritten,
  toCheckJsonParts,
} from "../core";
import {
  DEFAULT_LIMITS,
  type ReadLimits,
  WorkbookFileError,
  readXlsx,
  readXlsxLazily,
  withSheets,
  verifyWritten,
} from "../xlsx/read";
import { checkOutput, expandInputs, readInput, writeOutput } from "./files";
import { terminalSafe, terminalSafeChunks } from "./terminal";
import { type Inflate, packPart } from "../xlsx/zip";
import {
  type Codec,
  applyPlan,
  computedExtension,
  createWorkbook,
} from "../xlsx/write";
import { packOnWorker } from "./pack-worker";
import {
  type FileErrorDetail,
  fileErrorCodeOf,
  fileErrorText,
} from "../xlsx/file-errors";
import { VERSION } from "../core/version";
import { LazyList, jsonChunks } from "./json-chunks";
import { CLI_TEXT, languageOfArgs, usageError } from "./messages";
import { type DiffOptions, runDiff } from "./diff";
import { type MemoDeps, type MemoOptions, runMemo } from "./memo";
import { reportLines } from "./report";
import { type Io, lineBreaks } from "./stdout";

export { processIo } from "./stdout";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;

export type { Io };

export type CheckOutcome =
  ({ kind: "ok" } & CheckJsonParts) | { kind: "error"; json: FileErrorJson };

function fileError(
  file: string,
  code: string,
  lang: Lang,
  detail?: FileErrorDetail,
): CheckOutcome {
  return {
    kind: "error",
    json: { file, error: { code, message: fileErrorText(code, lang, detail) } },
  };
}

type Loaded<G> =
  | { kind: "ok"; bytes: Uint8Array; read: G }
  | { kind: "error"; outcome: CheckOutcome };

/**
 * Node's own zlib: several times faster than inflating in JavaScript, and `check` is mostly that.
 * maxOutputLength refuses data that inflates to more than the directory says, as soon as it does;
 * a chunk of that size makes the part in one buffer (by 16 KB chunks, zlib joins them into a
 * second copy at the end: a 190 MB part took 380 MB).
 */
const inflateNative: Inflate = (data, size) => {
  if (size >= LARGE_PART) collectGarbage();
  inflatedBytes += size;
  growYoungGeneration();
  return inflateRawSync(data, {
    maxOutputLength: Math.max(size, 1),
    // zlib's smallest chunk is 64 bytes.
    chunkSize: Math.max(size, 64),
  });
};

/**
 * A part this large (a 40 MB comment, a 50 MB attribute) leaves its inflated bytes and decoded
 * text behind as garbage, most of it outside V8's heap, which V8 is slow to collect: before the
 * next one is inflated, a collection frees the last (compute read 40 MB such a part three times
 * and peaked at 430 MB; with this, at half). Ordinary sheets are far smaller and never pay for it.
 */
const LARGE_PART = 16 * 1024 * 1024;
/**
 * The command's own collections (between reading, planning, writing and printing) keep a large
 * workbook's phases from building on each other's garbage. A small one's whole heap is a few tens
 * of MB, and a full collection (~10 ms) is then only time: they are made once the parts inflated
 * reach this size (about 40 000 lines: a workbook of 10 000 lines is some 2 MB unpacked).
 */
const COLLECT_FROM_BYTES = 8 * 1024 * 1024;
let inflatedBytes = 0;
let gc: (() => void) | null | undefined;
function collectGarbage(): void {
  if (inflatedBytes < COLLECT_FROM_BYTES) return;
  if (gc === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      gc = runInNewContext("gc") as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
/** Node's own CRC-32 (native): every part read is checked against its directory entry. */
const crcNative = (data: Uint8Array): number => zlibCrc32(data);
const DEFLATE_LEVEL = 6;
/**
 * The parts compute deflates on a worker thread: from 1 MB (a smaller one is not worth sending)
 * to 8 MB (a larger one would cost more memory on its way than its time is worth).
 */
const PACK_ON_WORKER = { min: 1 << 20, max: 8 << 20 };
const NATIVE_CODEC: Codec = {
  inflate: inflateNative,
  deflate: (data) => deflateRawSync(data, { level: DEFLATE_LEVEL }),
  crc32: crcNative,
};

/**
 * Reads one file and hands its bytes to `read`; never throws. A check reads the sheets a row at a
 * time (withSheets), as they are walked; a compute needs them all at once, for the plan.
 */
function loadFile<G>(
  path: string,
  lang: Lang,
  read: (
    bytes: Uint8Array,
    limits: ReadLimits,
    inflate: Inflate,
    crc32: (data: Uint8Array) => number,
  ) => G,
): Loaded<G> {
  let input: ReturnType<typeof readInput>;
  try {
    input = readInput(path, DEFAULT_LIMITS.maxFileBytes);
  } catch (e) {
    // An archive's workbook that cannot be unpacked: its file error.
    return { kind: "error", outcome: unexpected(path, e, lang) };
  }
  if ("error" in input)
    return {
      kind: "error",
      outcome: fileError(path, input.error.code, lang),
    };
  try {
    return {
      kind: "ok",
      bytes: input.bytes,
      read: read(input.bytes, DEFAULT_LIMITS, inflateNative, crcNative),
    };
  } catch (e) {
    return { kind: "error", outcome: unexpected(path, e, lang, input.bytes) };
  }
}

function unexpected(
  path: string,
  e: unknown,
  lang: Lang,
  bytes?: Uint8Array,
): CheckOutcome {
  if (e instanceof WorkbookFileError)
    return fileError(path, fileErrorCodeOf(path, e.code, bytes), lang, e);
  if (process.env.IOP_BUDGET_DEBUG) throw e;
  return fileError(path, "INTERNAL", lang);
}

/** The check JSON in pieces, each period's lines made only as the period is written. */
function checkJsonChunks({
  json,
  lines,
  yearLines,
  periodLines,
  findings,
  lang,
}: CheckJsonParts): Iterable<string> {
  const periods = json.periods;
  return jsonChunks({
    ...json,
    periods: new LazyList(periods.length, (i) => ({
      ...periods[i],
      lines: LazyList.of(lines(i)),
    })),
    yearLines: LazyList.of(yearLines),
    periodLines: LazyList.of(periodLines),
    findings: new LazyList(findings.length, (i) =>
      renderFinding(findings[i]!, lang),
    ),
  });
}

/**
 * Reads and analyses one file (against a granted budget when one is given); the grids are let go on
 * return, before any JSON is made of it.
 */
function analyzeFile(
  path: string,
  lang: Lang,
  granted: readonly Analysis[] = [],
  scenario?: string,
):
  | { kind: "ok"; analysis: Analysis; scenario?: ScenarioJson }
  | { kind: "error"; outcome: CheckOutcome } {
  if (scenario !== undefined) {
    const loaded = loadFile(path, lang, readXlsxLazily);
    if (loaded.kind === "error") return loaded;
    try {
      return analyzeScenario(path, loaded.read, scenario, lang, granted);
    } catch (e) {
      return { kind: "error", outcome: unexpected(path, e, lang) };
    }
  }
  // Each sheet a row at a time, never held whole (withSheets).
  const analysed = loadFile(path, lang, (bytes, limits, inflate, crc32) =>
    withSheets(
      bytes,
      (sheets) => analyseWorkbook(sheets, { granted }).analysis,
      limits,
      inflate,
      crc32,
    ),
  );
  return analysed.kind === "error"
    ? analysed
    : { kind: "ok", analysis: analysed.read };
}

/** What was asked of a file that was read cannot be done: said as a file error is. */
function refusal(
  file: string,
  code: string,
  message: string,
): { kind: "error"; outcome: CheckOutcome } {
  return {
    kind: "error",
    outcome: { kind: "error", json: { file, error: { code, message } } },
  };
}

/** A scenario stored in the workbook (SPEC §4.18), laid over its cells and analysed. */
function analyzeScenario(
  path: string,
  lazy: { readonly sheets: Iterable<Grid> },
  name: string,
  lang: Lang,
  granted: readonly Analysis[],
):
  | { kind: "ok"; analysis: Analysis; scenario: ScenarioJson }
  | { kind: "error"; outcome: CheckOutcome } {
  const grids = { sheets: [...lazy.sheets] };
  const all = readScenarios(grids);
  const found = findScenario(all, name);
  if (!found)
    return refusal(
      path,
      "SCENARIO_NOT_FOUND",
      CLI_TEXT[lang].noScenario(name, all.map((x) => x.name).join(", ")),
    );
  const analysed = analyseWorkbook(grids, {
    granted,
    scenario: found,
  });
  return {
    kind: "ok",
    analysis: analysed.analysis,
    scenario: {
      name: found.name,
      saved: found.saved,
      changed: analysed.scenarioChanges,
      missing: [...analysed.missing],
    },
  };
}

/**
 * What `diff` compares of a version: its figures. Its findings are let go as soon as it is read:
 * the two versions' findings were most of what a diff of a crafted workbook held.
 */
function figuresOf(
  path: string,
  lang: Lang,
):
  | { kind: "ok"; analysis: Pick<Analysis, "computation" | "workbook"> }
  | { kind: "error"; outcome: CheckOutcome } {
  const analyzed = analyzeFile(path, lang);
  // The findings go; the workbook is what the computation is made of (and Lönekalkyl's persons).
  if (analyzed.kind === "error") return analyzed;
  const { computation, workbook } = analyzed.analysis;
  return { kind: "ok", analysis: { computation, workbook } };
}

/** Checks one file, against the granted budgets given, as a stored scenario; never throws. */
export function checkFile(
  path: string,
  lang: Lang,
  granted: Granted = [],
  scenario?: string,
): CheckOutcome {
  const analyzed = analyzeFile(
    path,
    lang,
    granted.map((g) => g.analysis),
    scenario,
  );
  if (analyzed.kind === "error") return analyzed.outcome;
  // The read's garbage (every sheet's text, scanned) goes before the report is made and written.
  collectGarbage();
  try {
    const parts = toCheckJsonParts(
      path,
      analyzed.analysis,
      lang,
      granted.map((g) => g.file),
    );
    return {
      kind: "ok",
      ...parts,
      json: analyzed.scenario
        ? { ...parts.json, scenario: analyzed.scenario }
        : parts.json,
    };
  } catch (e) {
    return unexpected(path, e, lang);
  }
}

function exitCodeOf(outcome: CheckOutcome): number {
  if (outcome.kind === "error") return EXIT_UNREADABLE;
  return hasErrors(outcome.findings) ? EXIT_FINDINGS : EXIT_OK;
}

export function runCheck(
  files: readonly string[],
  opts: {
    json?: boolean;
    lang: Lang;
    granted?: readonly string[];
    scenario?: string;
  },
  io: Io,
): number {
  let exit = EXIT_OK;
  let withErrors = 0;
  let unreadable = 0;
  const given: { file: string; analysis: Analysis }[] = [];
  // The granted budgets are read once for all the reports; one unreadable, nothing can be held to
  // them.
  for (const file of opts.granted ?? []) {
    const g = analyzeFile(file, opts.lang);
    if (g.kind === "error") {
      printOutcome(file, g.outcome, opts, io);
      return EXIT_UNREADABLE;
    }
    given.push({ file, analysis: g.analysis });
  }
  // Each half-year to the later saved of the grants that budget it, as memo --grant holds it.
  const chosen = grantsInOrder(given);
  // Without --granted, a report is held to its case's grants among the files, as the page pairs
  // them.
  const grantOf =
    chosen.length > 0 ? () => chosen : grantsAmong(files, opts.lang);
  files.forEach((file, i) => {
    const outcome = checkFile(file, opts.lang, grantOf(i), opts.scenario);
    const code = exitCodeOf(outcome);
    exit = Math.max(exit, code);
    if (code === EXIT_FINDINGS) withErrors++;
    if (code === EXIT_UNREADABLE) unreadable++;
    if (i > 0 && !opts.json) io.out("");
    printOutcome(file, outcome, opts, io);
  });
  if (!opts.json && files.length > 1)
    io.out(
      `\n${CLI_TEXT[opts.lang].summary(files.length, withErrors, unreadable)}`,
    );
  return exit;
}

type Granted = readonly {
  readonly file: string;
  readonly analysis: Analysis;
}[];

/**
 * The grants each file is held to among the files given (grantedPairs, the page's rule), by index.
 * Each file is read once first and only what the pairing reads is kept (caseView); a grant is read
 * again when its first report is checked, and let go after its last.
 */
function grantsAmong(
  files: readonly string[],
  lang: Lang,
): (i: number) => Granted {
  const pairs = new Map<number, number[]>();
  if (files.length > 1) {
    const views = files.flatMap((file, i) => {
      const a = analyzeFile(file, lang);
      return a.kind === "ok" ? [{ i, analysis: caseView(a.analysis) }] : [];
    });
    for (const [r, gs] of grantedPairs(views))
      pairs.set(
        views[r]!.i,
        gs.map((g) => views[g]!.i),
      );
  }
  const left = new Map<number, number>();
  for (const gs of pairs.values())
    for (const g of gs) left.set(g, (left.get(g) ?? 0) + 1);
  const read = new Map<number, Granted[number] | undefined>();
  const grant = (g: number) => {
    if (!read.has(g)) {
      const a = analyzeFile(files[g]!, lang);
      read.set(
        g,
        a.kind === "ok" ? { file: files[g]!, analysis: a.analysis } : undefined,
      );
    }
    const granted = read.get(g);
    left.set(g, left.get(g)! - 1);
    if (left.get(g) === 0) read.delete(g);
    return granted;
  };
  return (i) => {
    const grants = (pairs.get(i) ?? []).map(grant);
    // A grant that cannot be read now (it was read for the pairing): the report on its own.
    return grants.every((g) => g !== undefined) ? grants : [];
  };
}

/**
 * File errors that are not about reading: the file was read, and what was asked cannot be done
 * ("could not be computed", not "could not be read").
 */
const NOT_READ_ERRORS = new Set([
  "SCENARIO_NOT_FOUND",
  "NOTHING_TO_COMPUTE",
  "ODS_NOT_WRITABLE",
  "OUTPUT_TOO_LARGE",
]);

function printOutcome(
  file: string,
  outcome: CheckOutcome,
  opts: { json?: boolean; lang: Lang },
  io: Io,
): void {
  if (opts.json)
    io.outChunks(
      outcome.kind === "ok"
        ? checkJsonChunks(outcome)
        : jsonChunks(outcome.json),
    );
  else if (outcome.kind === "error") {
    // An error is said on stderr, under the file's heading; "could not be read" only where reading failed.
    const t = CLI_TEXT[opts.lang];
    const notRead = !NOT_READ_ERRORS.has(outcome.json.error.code);
    io.err(
      `== ${file}\n${notRead ? t.fileError : t.notComputed}: ${outcome.json.error.message} [${outcome.json.error.code}]`,
    );
  } else
    io.outChunks(
      lineBreaks(
        reportLines(
          {
            ...outcome.json,
            yearLines: each(outcome.yearLines),
            periodLines: each(outcome.periodLines),
            findings: outcome.findings,
          },
          opts.lang,
        ),
      ),
    );
}

/** The stamp's time: now, in Swedish local time (IOP_BUDGET_NOW overrides it, for reproducible files). */
function nowStamp(): string {
  return process.env.IOP_BUDGET_NOW ?? stampTime(new Date());
}

export interface ComputeOptions {
  out: string;
  json?: boolean;
  force?: boolean;
  lang: Lang;
}

/** Computes one workbook and writes a copy with the figures; writes nothing when reading fails. */
export function runCompute(file: string, opts: ComputeOptions, io: Io): number {
  const t = CLI_TEXT[opts.lang];
  // An .xlsm (macros kept) is written as .xlsm, whatever else as .xlsx: checked once computed.
  const ext = /\.xlsm$/i.test(opts.out) ? ".xlsm" : ".xlsx";
  const out = writeChecked(opts.out, ext, [file], !!opts.force, opts.lang);
  if (out.kind === "refused") {
    io.err(out.message);
    return EXIT_UNREADABLE;
  }
  let outcome: CheckOutcome;
  let written: Uint8Array;
  try {
    const computed = computeFile(file, opts.lang);
    if (computed.kind === "error") {
      printOutcome(file, computed.outcome, opts, io);
      return EXIT_UNREADABLE;
    }
    written = computed.written;
    const needed = computedExtension(written, NATIVE_CODEC);
    if (needed !== ext) {
      io.err(
        needed === ".xlsm"
          ? t.macroWorkbook(opts.out)
          : t.wrongExtension(opts.out, needed),
      );
      return EXIT_UNREADABLE;
    }
    outcome = { kind: "ok", ...computed.json };
    // The plan is let go with computeFile's frame: collected before the read-back, and the
    // read-back's garbage before the JSON is made, each phase builds in the memory of the last.
    collectGarbage();
    // The written package is read back before it replaces anything: what we cannot read, we do
    // not leave behind as the person's computed workbook.
    verifyWritten(written, computed.wrote, inflateNative, crcNative);
    collectGarbage();
  } catch (e) {
    outcome = unexpected(file, e, opts.lang);
    printOutcome(file, outcome, opts, io);
    return EXIT_UNREADABLE;
  }
  try {
    out.write(written);
  } catch (e) {
    io.err((e as Error).message);
    return EXIT_UNREADABLE;
  }
  printOutcome(file, outcome, opts, io);
  if (!opts.json) io.out(`\n${t.wrote(opts.out)}`);
  return exitCodeOf(outcome);
}

/**
 * One file read, analysed, planned and written (not yet to disk): the written package, the
 * sheets the plan wrote, and the JSON's parts. The grids and the plan are let go on return.
 */
function computeFile(
  file: string,
  lang: Lang,
):
  | {
      kind: "ok";
      written: Uint8Array;
      /** The sheets the plan wrote into or created. */
      wrote: string[];
      json: CheckJsonParts;
    }
  | { kind: "error"; outcome: CheckOutcome } {
  const planned = planFile(file, lang);
  if (planned.kind === "error") return planned;
  // The grids and the read's garbage go before the write builds the new package: V8 would
  // otherwise let the heap grow past both (a full collection costs some tens of milliseconds).
  collectGarbage();
  // Large sheets are deflated on a second thread while the next is written.
  const packer = packOnWorker(DEFLATE_LEVEL, PACK_ON_WORKER, (content) =>
    packPart(content, NATIVE_CODEC.deflate, crcNative),
  );
  let written: Uint8Array;
  try {
    written = applyPlan(planned.bytes, planned.plan, {
      ...NATIVE_CODEC,
      packLater: packer.packLater,
    });
  } finally {
    packer.close();
  }
  return {
    kind: "ok",
    written,
    wrote: sheetsWritten(planned.plan),
    json: planned.json,
  };
}

/**
 * Reads, analyses and plans one file; the grids are let go on return, so that writing the workbook
 * holds its bytes, the plan and the analysis the JSON's lines are made from (a large workbook's peak).
 */
function planFile(
  file: string,
  lang: Lang,
):
  | {
      kind: "ok";
      bytes: Uint8Array;
      plan: WritePlan;
      json: CheckJsonParts;
    }
  | { kind: "error"; outcome: CheckOutcome } {
  const loaded = loadFile(file, lang, readXlsx);
  if (loaded.kind === "error") return loaded;
  // The sheets' XML, inflated and parsed, is garbage now: gone before the analysis builds on top.
  collectGarbage();
  const { analysis } = analyseWorkbook(loaded.read);
  // A workbook from which no half-year was read has nothing to compute: a copy would only add a
  // Beslut sheet of its errors.
  if (!hasFigures(analysis))
    return refusal(file, "NOTHING_TO_COMPUTE", CLI_TEXT[lang].nothingToCompute);
  const plan = planCompute(
    loaded.read,
    { at: nowStamp(), version: VERSION, source: basename(file) },
    "file",
    [],
    analysis,
  );
  return {
    kind: "ok",
    bytes: loaded.bytes,
    plan,
    json: toCheckJsonParts(file, analysis, lang),
  };
}

/** Why an output is refused, in words. */
function outputRefusal(
  kind: "exists" | "is-input" | "not-a-file",
  out: string,
  lang: Lang,
): string {
  const t = CLI_TEXT[lang];
  return kind === "exists"
    ? t.outExists(out)
    : kind === "is-input"
      ? t.outIsInput(out)
      : t.outIsFolder(out);
}

/** A write that failed: an output that appeared meanwhile, or one that cannot be written. */
function writeFailure(e: unknown, out: string, lang: Lang): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EEXIST") return CLI_TEXT[lang].outExists(out);
  return `${out}: ${fileErrorText("FILE_NOT_WRITABLE", lang)}`;
}

/**
 * Checks an output — its extension is what is written (`ext`), it is none of the inputs, and it
 * exists only with `force` — and gives its writer; a message (for exit 2) when it may not be
 * written. The writer throws an Error whose message names the output when the write fails.
 */
export function writeChecked(
  path: string,
  ext: ".xlsx" | ".xlsm" | ".docx",
  inputs: readonly string[],
  force: boolean,
  lang: Lang,
):
  | { kind: "ok"; write: (bytes: Uint8Array) => void }
  | { kind: "refused"; message: string } {
  if (!path.toLowerCase().endsWith(ext))
    return {
      kind: "refused",
      message: CLI_TEXT[lang].wrongExtension(path, ext),
    };
  const out = checkOutput(path, inputs, force);
  if (out.kind !== "ok")
    return { kind: "refused", message: outputRefusal(out.kind, path, lang) };
  return {
    kind: "ok",
    write: (bytes) => {
      try {
        writeOutput(out.target, bytes, out.replace);
      } catch (e) {
        throw new Error(writeFailure(e, path, lang));
      }
    },
  };
}

export interface TemplateCliOptions {
  out: string;
  from?: string;
  to?: string;
  force?: boolean;
  lang: Lang;
}

/** Writes a new budget workbook for the agreement period. */
export function runTemplate(opts: TemplateCliOptions, io: Io): number {
  const t = CLI_TEXT[opts.lang];
  let period: TemplateOptions | null = defaultTemplatePeriod(new Date());
  if (opts.from !== undefined || opts.to !== undefined)
    period = templatePeriod(opts.from ?? "", opts.to ?? "");
  if (!period) {
    io.err(t.badPeriod);
    return EXIT_UNREADABLE;
  }
  const out = writeChecked(opts.out, ".xlsx", [], !!opts.force, opts.lang);
  if (out.kind === "refused") {
    io.err(out.message);
    return EXIT_UNREADABLE;
  }
  try {
    const plan = planTemplate(period);
    const bytes = createWorkbook(plan, NATIVE_CODEC);
    // Read back as a computed workbook is, before anything is written.
    verifyWritten(bytes, sheetsWritten(plan), inflateNative, crcNative);
    out.write(bytes);
  } catch (e) {
    io.err((e as Error).message);
    return EXIT_UNREADABLE;
  }
  const ym = (p: { year: number; month: number }) =>
    `${p.year}-${String(p.month).padStart(2, "0")}`;
  io.out(t.wroteTemplate(opts.out, ym(period.from), ym(period.to)));
  return EXIT_OK;
}

/**
 * A check reads a workbook once and keeps little: V8's young generation, left to grow (to 16 MB
 * semi-spaces), costs a small workbook more in fresh memory pages than it saves in collections.
 * Kept at its starting size, `check` of 20 × 500 lines ran about 12 % faster (npm run bench,
 * README); `compute`, which keeps the grids and a plan, ran slower so, and is left as it is. The
 * flag is read whenever the young generation would grow, so setting it now, before anything
 * large is read, takes effect.
 */
function keepYoungGenerationSmall(): void {
  setFlagsFromString("--semi-space-growth-factor=1");
  youngGeneration = "small";
}

/**
 * In a large workbook, a sheet's cells and the figures read from them live for longer than a
 * small young generation takes to fill: some 120 MB of them were promoted to the old generation
 * at 100 000 lines, and its collections were a quarter of `check`'s time. So once this much has
 * been inflated (about 20 000 lines) it may grow again, to semi-spaces of HELD_SEMI_SPACE and no
 * further: 5–13 % faster at 100 000 lines, for some 10 MB more at the peak, which a full 16 MB
 * would have taken past 150 MB (npm run bench, README).
 */
const GROW_FROM_BYTES = 4 * 1024 * 1024;
const HELD_SEMI_SPACE = 8 * 1024 * 1024;
let youngGeneration: "as V8 has it" | "small" | "growing" | "held" =
  "as V8 has it";
function growYoungGeneration(): void {
  if (youngGeneration === "small" && inflatedBytes >= GROW_FROM_BYTES) {
    setFlagsFromString("--semi-space-growth-factor=2");
    youngGeneration = "growing";
  }
  if (youngGeneration !== "growing") return;
  // The new space is both semi-spaces; checked as each sheet is inflated.
  const young = getHeapSpaceStatistics().find(
    (s) => s.space_name === "new_space",
  );
  if (young && young.space_size >= 2 * HELD_SEMI_SPACE) {
    setFlagsFromString("--semi-space-growth-factor=1");
    youngGeneration = "held";
  }
}

/**
 * V8's optimising compiler inlines up to 920 bytes of bytecode into a function by default. A
 * command runs for under a second on most workbooks, and a large share of its CPU time (some 40 %
 * at 10 000 lines) is that compiler at work on the hot readers, on background threads. With
 * less inlined, `check` of 10 000 lines spent 14–19 % less CPU time, and 100 000 lines took no
 * longer (npm run bench, README). The flag is read whenever a function is optimised, so setting it
 * before any workbook is read takes effect.
 */
function inlineLess(): void {
  setFlagsFromString("--max-inlined-bytecode-size-cumulative=100");
}

/**
 * Puts back V8's defaults of every flag a command sets (above, and --expose-gc). The CLI's code
 * cache is made after a run (scripts/code-cache.js), and V8 accepts a cache only under the flags
 * it was made with: those of a command as it starts.
 */
export function restoreV8Flags(): void {
  setFlagsFromString("--semi-space-growth-factor=2");
  setFlagsFromString("--max-inlined-bytecode-size-cumulative=920");
  setFlagsFromString("--no-expose-gc");
}

/** A repeated option's values, in the order given. */
const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** The memo's access to files: each read and analysed as check does; unreadable ones print as check does. */
function memoDeps(lang: Lang, json: boolean, io: Io): MemoDeps {
  return {
    analyze: (file, granted) => {
      const r = analyzeFile(file, lang, granted);
      return r.kind === "ok"
        ? { file, analysis: r.analysis }
        : { error: () => printOutcome(file, r.outcome, { json, lang }, io) };
    },
    output: (path, inputs, force) =>
      writeChecked(path, ".docx", inputs, force, lang),
    out: (line) => io.out(line),
    err: (line) => io.err(line),
  };
}

/**
 * Runs the command line; the exit code, or a promise of it for `memo` (Word is written
 * asynchronously). Usage errors exit 2 (SPEC §8).
 */
export function main(
  argv: readonly string[],
  rawIo: Io,
): number | Promise<number> {
  // Whatever a workbook carries (escape sequences, bell, bidi overrides) reaches the terminal shown,
  // never obeyed: in the text and in the JSON alike.
  const io: Io = {
    out: (line) => rawIo.out(terminalSafe(line)),
    outChunks: (chunks) => rawIo.outChunks(terminalSafeChunks(chunks)),
    err: (line) => rawIo.err(terminalSafe(line)),
  };
  inlineLess();
  let exit: number | Promise<number> = EXIT_OK;
  const program = new Command("iop-budget")
    .description("Checks and computes IOP budget workbooks (Malmö stad).")
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
      // Usage errors are written in the user's language below, from the error's code.
      outputError: () => undefined,
    });
  const langOption = () =>
    new Option("--lang <lang>", "language of messages")
      .choices(["sv", "en"])
      .default("sv");
  program
    .command("check")
    .description("check workbooks and print their figures and findings")
    .argument(
      "<files...>",
      ".xlsx files, folders or zip archives of them (a * or ? in a name is expanded where the shell does not)",
    )
    .option("--json", "one JSON object per file, one per line")
    .option(
      "--granted <budget>",
      "compute the reports' figures against this granted budget workbook, and list every difference (given twice, an agreement and its extension: each half-year against the one that budgets it, of two the later saved)",
      collect,
    )
    .option(
      "--scenario <name>",
      "compute the scenario of this name stored in the workbook (sheet IOP-scenarier) instead of its cells",
    )
    .addOption(langOption())
    .action(
      (
        files: string[],
        opts: {
          json?: boolean;
          lang: Lang;
          granted?: string[];
          scenario?: string;
        },
      ) => {
        keepYoungGenerationSmall();
        exit = runCheck(expandInputs(files), opts, io);
      },
    );
  program
    .command("compute")
    .description(
      "compute a workbook and write a copy with the figures, live formulas and the Beslut sheet",
    )
    .argument("<file>", ".xlsx file")
    .requiredOption("--out <file>", "where to write the computed workbook")
    .option("--json", "print the same JSON as check")
    .option("--force", "overwrite an existing file (also the input)")
    .addOption(langOption())
    .action((file: string, opts: ComputeOptions) => {
      exit = runCompute(file, opts, io);
    });
  program
    .command("template")
    .description(
      "write a new budget workbook (Uppgifter, one sheet per half-year, formulas, validation)",
    )
    .option("--out <file>", "where to write it", "iop-budgetmall.xlsx")
    .option("--from <YYYY-MM>", "first month of the agreement period")
    .option("--to <YYYY-MM>", "last month of the agreement period")
    .option("--force", "overwrite an existing file")
    .addOption(langOption())
    .action((opts: TemplateCliOptions) => {
      exit = runTemplate(opts, io);
    });
  program
    .command("memo")
    .description(
      "write the decision memo of a case (its report and budget workbooks) as a Word document",
    )
    .argument(
      "[files...]",
      ".xlsx files of one case (one Diarienummer), or a folder or zip archive of them; by default the latest report is judged, the latest budget proposed, and a budget covering the report's half-years is its grant",
    )
    .requiredOption("--out <file>", "where to write the memo (.docx)")
    .option("--report <file>", "the report to judge")
    .option(
      "--date <YYYY-MM-DD>",
      "the board's meeting: its year is granted now, later years are to be considered in their budgets",
    )
    .option("--proposal <file>", "the budget to propose")
    .option(
      "--grant <file>",
      "the granted budget the report is held to (never proposed again); give it once for each grant of a report across an agreement and its extension",
      collect,
    )
    .option(
      "--json",
      "print the case, decision, tables and findings as one JSON line",
    )
    .option("--force", "overwrite an existing file")
    .addOption(langOption())
    .action((files: string[], opts: MemoOptions) => {
      exit = runMemo(
        expandInputs(files),
        opts,
        memoDeps(opts.lang, !!opts.json, io),
      );
    });
  program
    .command("diff")
    .description(
      "list what changed between two versions of a workbook, and its effect on totals, grants and repayment",
    )
    .argument("<old>", "the earlier version (.xlsx)")
    .argument("<new>", "the later version (.xlsx)")
    .option("--json", "one JSON object: old, new, changes, effects")
    .addOption(langOption())
    .action((oldFile: string, newFile: string, opts: DiffOptions) => {
      // Each read's garbage goes before the next read, and the second's before the diff is made:
      // two versions of 150 000 lines peak at 363–365 MB so, 373–390 MB without (runDiff writes
      // as it goes; as one string, 450 MB).
      const a = figuresOf(oldFile, opts.lang);
      collectGarbage();
      const b = figuresOf(newFile, opts.lang);
      collectGarbage();
      if (a.kind === "error" || b.kind === "error") {
        if (a.kind === "error") printOutcome(oldFile, a.outcome, opts, io);
        if (b.kind === "error") printOutcome(newFile, b.outcome, opts, io);
        exit = EXIT_UNREADABLE;
        return;
      }
      exit = runDiff(
        {
          old: oldFile,
          new: newFile,
          oldAnalysis: a.analysis,
          newAnalysis: b.analysis,
        },
        opts,
        (chunks) => io.outChunks(chunks),
      );
    });
  try {
    program.parse([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      if (e.exitCode === 0) return EXIT_OK;
      io.err(usageError(e.code, e.message, languageOfArgs(argv)));
      return EXIT_UNREADABLE;
    }
    throw e;
  }
  return exit;
}
