// Large parts of a computed workbook deflated on a second thread while the next sheet is written:
// at 100 000 lines, deflating was a sixth of `compute`, on the one thread that also does the rest.
// The write stays synchronous: a part's packed bytes are waited for (Atomics.wait) only when the
// package is put together, and by then they are mostly done. A worker that fails, or does not
// answer, costs time and never the workbook: its parts are then deflated here.

import {
  MessageChannel,
  type MessagePort,
  Worker,
  receiveMessageOnPort,
} from "node:worker_threads";
import type { PackLater, PackedPart } from "../xlsx/zip";

/**
 * The worker: deflates what it is sent, as packPart does (stored when no smaller), and counts each
 * answer in the shared words the main thread waits on ([0] answers, [1] started). Plain JavaScript
 * (eval), so that the bundle needs no second entry point.
 */
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { deflateRawSync, crc32 } = require("node:zlib");
const { setFlagsFromString } = require("node:v8");
const { runInNewContext } = require("node:vm");
const { port, shared, level } = workerData;
// The parts sent are memory outside this thread's small heap, freed only when it collects: they
// piled up (some 40 MB at 100 000 lines) until the young generation, where each message's objects
// are, was collected after each answer (a full collection frees no more and costs 5 ms).
setFlagsFromString("--expose-gc");
const collect = globalThis.gc || runInNewContext("gc");
port.on("message", ({ id, content }) => {
  try {
    const packed = deflateRawSync(content, { level });
    const stored = packed.length >= content.length;
    // A copy of exactly the packed bytes, which can then be moved (zlib's may share a buffer).
    const data = stored ? content : new Uint8Array(packed);
    const answer = { id, method: stored ? 0 : 8, data, crc: crc32(content), size: content.length };
    port.postMessage(answer, [data.buffer]);
  } catch (e) {
    port.postMessage({ id, error: String(e && e.message ? e.message : e) });
  }
  Atomics.add(shared, 0, 1);
  Atomics.notify(shared, 0);
  setImmediate(() => collect({ type: "minor" }));
});
Atomics.store(shared, 1, 1);
Atomics.notify(shared, 1);
`;

/** How long the worker may take to give any answer before it is given up. */
const ANSWER_MS = 30_000;

type Answer =
  | ({ readonly id: number } & PackedPart)
  | { readonly id: number; readonly error: string };

/**
 * Packs parts of `sizes.min` to `sizes.max` bytes on one worker thread. The first such part is
 * left to `packHere` (packLater gives null): a workbook with one large part, such as a long
 * decision sheet, is not worth a thread's start; the second starts the worker. Parts outside the
 * sizes, and every part once the worker has failed or been closed, are left to `packHere` too. A
 * part asked for before the worker runs is packed here rather than waited for; `started` tells
 * whether it runs (waiting up to `waitMs`). A part sent is copied on its way and kept here until
 * answered, so a very large one would cost more memory than its time is worth. `close` ends the
 * worker.
 */
export function packOnWorker(
  level: number,
  sizes: { readonly min: number; readonly max: number },
  packHere: (content: Uint8Array) => PackedPart,
): {
  packLater: PackLater;
  started(waitMs: number): boolean;
  close(): void;
} {
  let worker: Worker | null = null;
  let port: MessagePort | null = null;
  let failed = false;
  const shared = new Int32Array(new SharedArrayBuffer(8));
  /** What was sent and not yet packed, kept to be packed here if the worker fails. */
  const sent = new Map<number, Uint8Array>();
  const answers = new Map<number, Answer>();
  /** Parts packed here after all: the worker's answers for them are let go. */
  const abandoned = new Set<number>();
  let next = 0;
  let large = 0;

  const start = (): MessagePort => {
    const channel = new MessageChannel();
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: channel.port2, shared, level },
      // Its own heap holds a message at a time: kept small (the parts are outside it).
      resourceLimits: {
        maxYoungGenerationSizeMb: 2,
        maxOldGenerationSizeMb: 32,
      },
      transferList: [channel.port2],
    });
    // Its failure is handled where its answers are waited for; it must not end the command.
    worker.on("error", () => (failed = true));
    // It does not keep the command running once the work is done.
    worker.unref();
    return (port = channel.port1);
  };

  const receive = () => {
    if (!port) return;
    for (
      let m = receiveMessageOnPort(port);
      m;
      m = receiveMessageOnPort(port)
    ) {
      const answer = m.message as Answer;
      if (abandoned.delete(answer.id)) continue;
      answers.set(answer.id, answer);
      if (!("error" in answer)) sent.delete(answer.id);
    }
  };

  const here = (id: number): PackedPart => {
    const content = sent.get(id)!;
    sent.delete(id);
    return packHere(content);
  };

  /** Part `id` packed: the worker's answer, waited for, or packed here when the worker fails. */
  const take = (id: number): PackedPart => {
    for (;;) {
      const seen = Atomics.load(shared, 0);
      receive();
      const answer = answers.get(id);
      answers.delete(id);
      if (answer && !("error" in answer))
        return {
          method: answer.method,
          data: answer.data,
          crc: answer.crc,
          size: answer.size,
        };
      if (answer || failed) return here(id);
      if (Atomics.load(shared, 1) === 0) {
        // Not started yet: packing here is sooner than a thread's start.
        abandoned.add(id);
        return here(id);
      }
      if (Atomics.wait(shared, 0, seen, ANSWER_MS) === "timed-out") {
        failed = true;
        return here(id);
      }
    }
  };

  return {
    packLater: (content) => {
      if (content.length < sizes.min || content.length > sizes.max || failed)
        return null;
      if (large++ === 0) return null;
      const to = port ?? start();
      // The worker's answers so far: what they packed need not be kept here any longer.
      receive();
      const id = next++;
      sent.set(id, content);
      to.postMessage({ id, content });
      return () => take(id);
    },
    started: (waitMs) => {
      if (!port) return false;
      Atomics.wait(shared, 1, 0, waitMs);
      return Atomics.load(shared, 1) === 1;
    },
    close: () => {
      // A part asked for after this is packed here.
      failed = true;
      port?.close();
      void worker?.terminate();
      worker = null;
      port = null;
    },
  };
}
