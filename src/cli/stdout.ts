// Standard output when it is a pipe (`iop-budget check --json big.xlsx | jq`). On Linux and macOS
// Node writes to a pipe asynchronously: what the pipe cannot take at once is queued until the
// command returns to the event loop, and a check or compute returns only when it is done. So the
// whole output was held in memory before any of it left: `check --json` of 100 000 lines peaked
// at 220 MB into a pipe against 130 MB into a file. Written here as Node writes to a file: each
// piece in full before the next is made. Whatever the output is, the text is encoded into one
// buffer, used again for each write.

import { fstatSync, writeSync } from "node:fs";
import { isatty } from "node:tty";

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

/** Writes bytes in full before it returns. */
export type WriteBytes = (bytes: Uint8Array) => void;

/** Waited on between tries when the pipe is full and its descriptor does not block. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));
const MAX_PAUSE_MS = 50;

/**
 * A writer of bytes straight to the descriptor, for a file (or /dev/null), and for a pipe or a
 * socket on a system where Node would queue; null elsewhere (a terminal, or Windows's pipes,
 * which Node already writes synchronously), and for a descriptor that is not open. It blocks
 * while a pipe is full. `closed` is called when the reader has gone (EPIPE): `iop-budget check
 * big.xlsx | head` wants no more, and that is no error.
 */
function descriptorWriter(fd: number, closed: () => never): WriteBytes | null {
  try {
    const stat = fstatSync(fd);
    const pipe =
      (stat.isFIFO() || stat.isSocket()) && process.platform !== "win32";
    // A device that is not a terminal (/dev/null) is written as a file is.
    const file = stat.isFile() || (stat.isCharacterDevice() && !isatty(fd));
    if (!pipe && !file) return null;
  } catch {
    return null;
  }
  return (bytes) => {
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

/** The buffer text is encoded into before it is written: reused, never made anew. */
export const BUFFER_BYTES = 1 << 19;

/**
 * Text written a buffer at a time, each piece encoded into the one buffer: a Buffer made for each
 * write of a large JSON (process.stdout's way) cost `check --json` of one half-year of 150 000
 * lines half a second.
 */
export function bufferedWriter(write: WriteBytes): {
  put: (text: string) => void;
  flush: () => void;
} {
  const buffer = Buffer.allocUnsafeSlow(BUFFER_BYTES);
  let at = 0;
  const flush = (): void => {
    if (at > 0) write(buffer.subarray(0, at));
    at = 0;
  };
  return {
    put: (text) => {
      // UTF-8 takes at most 3 bytes per UTF-16 unit: text that may not fit is written after
      // what the buffer holds, or on its own when no buffer would hold it.
      if (text.length * 3 > BUFFER_BYTES - at) {
        flush();
        if (text.length * 3 > BUFFER_BYTES) {
          write(Buffer.from(text, "utf8"));
          return;
        }
      }
      at += buffer.write(text, at);
    },
    flush,
  };
}

/**
 * The command's Io over this process's standard output and error. A check --json line or a report
 * can be megabytes: it is written in the pieces it is made in, never held whole.
 */
export function processIo(): Io {
  const readerGone = (): never => process.exit(process.exitCode ?? 0);
  // process.stdout is not touched for a pipe: Node would make its descriptor non-blocking.
  const { put, flush } = bufferedWriter(
    descriptorWriter(1, readerGone) ?? streamWriter(readerGone),
  );
  return {
    out: (line) => {
      put(line);
      put("\n");
      flush();
    },
    outChunks: (chunks) => {
      for (const chunk of chunks) put(chunk);
      put("\n");
      flush();
    },
    err: (line) => {
      process.stderr.write(`${line}\n`);
    },
  };
}

/** Node's own stream, where it writes synchronously (a terminal, Windows's pipes). */
function streamWriter(readerGone: () => never): WriteBytes {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") readerGone();
    throw e;
  });
  // A copy: the buffer is written into again, and a terminal on Windows is written asynchronously.
  return (bytes) => {
    process.stdout.write(Buffer.from(bytes));
  };
}
