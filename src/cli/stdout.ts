// Standard output when it is a pipe (`iop-budget check --json big.xlsx | jq`). On Linux and macOS
// Node writes to a pipe asynchronously: what the pipe cannot take at once is queued until the
// command returns to the event loop, and a check or compute returns only when it is done. So the
// whole output was held in memory before any of it left: `check --json` of 100 000 lines peaked
// at 220 MB into a pipe against 130 MB into a file. Written here as Node writes to a file: each
// piece in full before the next is made.

import { fstatSync, writeSync } from "node:fs";

/** Where a command's output goes: the terminal's, or a test's. */
export interface Io {
  out(line: string): void;
  /** Text given in pieces (a large JSON line, a report), written as they come, then a line break. */
  outChunks(chunks: Iterable<string>): void;
  err(line: string): void;
}

/** Lines joined by line breaks, as pieces (the last line's break is the writer's). */
export function* lineBreaks(lines: Iterable<string>): Generator<string> {
  let first = true;
  for (const line of lines) {
    if (!first) yield "\n";
    first = false;
    yield line;
  }
}

/** Writes text in full before it returns. */
type Write = (text: string) => void;

/** Waited on between tries when the pipe is full and its descriptor does not block. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));
const MAX_PAUSE_MS = 50;

/**
 * A writer that blocks while the pipe is full, for a descriptor that is a pipe or a socket on a
 * system where Node would queue; null elsewhere (a file, a terminal, or Windows, whose pipes Node
 * already writes synchronously), and for a descriptor that is not open. `closed` is called when
 * the reader has gone (EPIPE): `iop-budget check big.xlsx | head` wants no more, and that is no
 * error.
 */
function pipeWriter(fd: number, closed: () => never): Write | null {
  if (process.platform === "win32") return null;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFIFO() && !stat.isSocket()) return null;
  } catch {
    return null;
  }
  return (text) => {
    const bytes = Buffer.from(text, "utf8");
    let at = 0;
    let pause = 1;
    while (at < bytes.length) {
      try {
        at += writeSync(fd, bytes, at);
        pause = 1;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EPIPE") closed();
        // A descriptor left non-blocking by whoever opened it: the pipe is full, wait for room.
        if (code !== "EAGAIN") throw e;
        Atomics.wait(PAUSE, 0, 0, pause);
        pause = Math.min(pause * 2, MAX_PAUSE_MS);
      }
    }
  };
}

/** Pieces of text are gathered to about this many characters before each write. */
const WRITE_CHARS = 65536;

/**
 * The command's Io over this process's standard output and error. A check --json line or a report
 * can be megabytes: it is written in the pieces it is made in, never held whole.
 */
export function processIo(): Io {
  const readerGone = (): never => process.exit(process.exitCode ?? 0);
  // process.stdout is not touched for a pipe: Node would make its descriptor non-blocking.
  const write = pipeWriter(1, readerGone) ?? streamWriter(readerGone);
  return {
    out: (line) => write(`${line}\n`),
    outChunks: (chunks) => {
      let pending = "";
      for (const chunk of chunks) {
        pending += chunk;
        if (pending.length >= WRITE_CHARS) {
          write(pending);
          pending = "";
        }
      }
      write(`${pending}\n`);
    },
    err: (line) => {
      process.stderr.write(`${line}\n`);
    },
  };
}

/** Node's own stream, where it writes synchronously (a file, a terminal, Windows's pipes). */
function streamWriter(readerGone: () => never): Write {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") readerGone();
    throw e;
  });
  return (text) => {
    process.stdout.write(text);
  };
}
