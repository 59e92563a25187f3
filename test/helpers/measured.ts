// The built command run as a person runs it, a whole process, with its peak memory (the
// scripts/peak-rss.cjs preload, VmHWM) and a hang detector's time limit.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
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
const reports = mkdtempSync(join(tmpdir(), "iop-peak-"));
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

export function runMeasured(
  args: readonly string[],
  options: { cwd?: string; timeout: number },
): MeasuredRun {
  const peak = join(reports, `peak-${runs++}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-r", PEAK, BIN, ...args], {
    encoding: "utf8",
    cwd: options.cwd ?? ROOT,
    timeout: options.timeout,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, IOP_BUDGET_PEAK_RSS: peak },
  });
  // "kb ms": the peak resident memory and the CPU time (scripts/peak-rss.cjs).
  const peakMb = existsSync(peak)
    ? Number(readFileSync(peak, "utf8").split(" ")[0]) / 1024
    : Infinity;
  const ms = performance.now() - t0;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, peakMb, ms };
}
