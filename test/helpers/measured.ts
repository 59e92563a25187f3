// The built command run as a person runs it, a whole process, with its peak memory (the
// scripts/peak-rss.cjs preload, VmHWM) and a hang detector's time limit.

import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

// From test/helpers in the tests, from dist/test/helpers in the bench.
const ROOT = [
  join(__dirname, "..", ".."),
  join(__dirname, "..", "..", ".."),
].find((d) => existsSync(join(d, "package.json")))!;
const BIN = join(ROOT, "bin", "iop-budget.js");
const PEAK = join(ROOT, "scripts", "peak-rss.cjs");
let runs = 0;

export interface MeasuredRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident memory, in MB (Infinity when the process never reported it). */
  readonly peakMb: number;
  /** Wall time of the whole process, in ms. */
  readonly ms: number;
}

/**
 * The command under the preload. Its standard output is read through a pipe, or with `stdoutFile`
 * written into that file (as `> out.json`) and read from it afterwards (`/dev/null` reads back
 * empty: a hostile file's report can pass what a string holds).
 */
export function runMeasured(
  args: readonly string[],
  options: { cwd?: string; timeout: number; stdoutFile?: string },
): MeasuredRun {
  // Read and removed after the run: a file per run, named by this process.
  const peak = join(tmpdir(), `iop-peak-${process.pid}-${runs++}`);
  const file = options.stdoutFile;
  const fd = file === undefined ? null : openSync(file, "w");
  const t0 = performance.now();
  let r: SpawnSyncReturns<string>;
  try {
    r = spawnSync(process.execPath, ["-r", PEAK, BIN, ...args], {
      encoding: "utf8",
      cwd: options.cwd ?? ROOT,
      timeout: options.timeout,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, IOP_BUDGET_PEAK_RSS: peak },
      stdio: ["ignore", fd ?? "pipe", "pipe"],
    });
  } finally {
    if (fd !== null) closeSync(fd);
  }
  // "kb ms": the peak resident memory and the CPU time (scripts/peak-rss.cjs).
  const peakMb = existsSync(peak)
    ? Number(readFileSync(peak, "utf8").split(" ")[0]) / 1024
    : Infinity;
  rmSync(peak, { force: true });
  const ms = performance.now() - t0;
  const stdout = file === undefined ? r.stdout : readFileSync(file, "utf8");
  return { code: r.status, stdout, stderr: r.stderr, peakMb, ms };
}
