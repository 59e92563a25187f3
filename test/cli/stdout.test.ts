// Standard output into a pipe or a file: written as it is made, never queued whole, through one
// buffer (src/cli/stdout.ts).

import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { BUFFER_BYTES, bufferedWriter } from "../../src/cli/stdout";
import { runMeasured } from "../helpers/measured";
import { activitySheet, detailsSheet } from "../helpers/seed";
import { type SheetSpec, buildXlsx, kr } from "../helpers/workbook";
import { tempDir } from "../helpers/temp";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "iop-budget.js");
const dir = tempDir("iop-stdout-");

/** Ten half-years of `lines` reported activity lines each: some 3 MB of check JSON per 10 000. */
function reported(lines: number): SheetSpec[] {
  const sheets: SheetSpec[] = [
    detailsSheet({ start: "2020-01-01", end: "2024-12-31" }),
  ];
  for (let s = 0; s < 10; s++)
    sheets.push(
      activitySheet(
        `Budget ${2020 + Math.floor(s / 2)} H${(s % 2) + 1}`,
        lines,
        {
          actual: (i) => kr(900 + i),
        },
      ),
    );
  return sheets;
}

let workbook: string;
beforeAll(async () => {
  workbook = join(dir, "large.xlsx");
  writeFileSync(workbook, await buildXlsx(reported(4000)));
}, 60_000);

/** The command with its standard output into a file; its output and peak memory (MB). */
function intoFile(args: readonly string[]): { out: string; peakMb: number } {
  const run = runMeasured(args, {
    timeout: 60_000,
    stdoutFile: join(dir, "out.txt"),
  });
  return { out: run.stdout, peakMb: run.peakMb };
}

describe("output into a pipe", () => {
  test.each([
    { command: "check --json", args: ["check", "--json"] },
    { command: "check", args: ["check"] },
  ])(
    "$command: the same text as into a file, and no more memory for it",
    ({ args }) => {
      const file = intoFile([...args, workbook]);
      // Some 12 MB of JSON (the report is smaller), which a queue would have held whole, twice over.
      expect(file.out.length).toBeGreaterThan(
        args.includes("--json") ? 10_000_000 : 1_000_000,
      );
      const piped = runMeasured([...args, workbook], { timeout: 60_000 });
      expect(piped.stdout).toBe(file.out);
      if (args.includes("--json"))
        // Queued, the text and its bytes stayed in memory to the end: 30 MB and more here.
        expect(piped.peakMb).toBeLessThan(file.peakMb + 10);
    },
    60_000,
  );

  test("a pipe whose descriptor does not block (opened so by whoever started the command): every byte, in order", async () => {
    // A preload that touches process.stdout: Node then makes the pipe's descriptor non-blocking,
    // so a full pipe answers EAGAIN and the writer waits for room instead.
    const touch = join(dir, "touch-stdout.cjs");
    writeFileSync(touch, "process.stdout;\n");
    const expected = intoFile(["check", "--json", workbook]).out;
    const child = spawn(
      process.execPath,
      ["-r", touch, BIN, "check", "--json", workbook],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    // Not read at first: the pipe fills, and the command must wait for its reader.
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) =>
      child.on("close", (c) => resolve(c)),
    );
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(expected);
  }, 60_000);

  test("a reader that stops early ends the command quietly: exit 0, nothing on stderr", async () => {
    const child = spawn(process.execPath, [BIN, "check", "--json", workbook], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const first = await new Promise<string>((resolve) =>
      child.stdout.once("data", (d: Buffer) => resolve(d.toString())),
    );
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) =>
      child.on("close", (c) => resolve(c)),
    );
    expect(first).toMatch(/^\{"file":/);
    expect(stderr).toBe("");
    expect(code).toBe(0);
  }, 60_000);
});

test("output into /dev/null (a device, not a terminal) is written as into a file: exit 0, nothing on stderr", () => {
  // Some 12 MB of JSON: many writes of the buffer.
  const run = spawnSync(process.execPath, [BIN, "check", "--json", workbook], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  expect(run.stderr.toString()).toBe("");
  expect(run.status).toBe(0);
}, 60_000);

describe("text written through one buffer", () => {
  test("every piece in order, whole characters, whatever their sizes (property)", () => {
    // Pieces around the buffer's size: multi-byte characters (ä, €, a surrogate pair) at its edge,
    // pieces that fill it exactly, and pieces no buffer holds.
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "ä", "€", "😀", "\n") }),
      fc
        .tuple(
          fc.integer({ min: 1, max: BUFFER_BYTES }),
          fc.constantFrom("a", "ä", "€", "😀"),
        )
        .map(([n, ch]) => ch.repeat(Math.ceil(n / ch.length / 3))),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const writes: Uint8Array[] = [];
        const { put, flush } = bufferedWriter((bytes) =>
          // Copied: the writer's buffer is used again after each write.
          writes.push(Uint8Array.from(bytes)),
        );
        for (const p of pieces) put(p);
        flush();
        // Each write decodes on its own: no character is cut between two of them.
        const texts = writes.map((w) =>
          new TextDecoder("utf-8", { fatal: true }).decode(w),
        );
        expect(texts.join("")).toBe(pieces.join(""));
        for (const w of writes) expect(w.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  test("pieces are gathered: a thousand small pieces are one write", () => {
    const writes: number[] = [];
    const { put, flush } = bufferedWriter((bytes) => writes.push(bytes.length));
    for (let i = 0; i < 1000; i++) put(`{"row":${i}},`);
    flush();
    expect(writes).toHaveLength(1);
  });
});
