// Files read in Web Workers (a few at a time, each file in one), results handed back in the
// files' order as they come; on the main thread where workers are not available (tests, old
// browsers) or a worker fails to start.

import type { Lang } from "../../core";
import { VERSION } from "../../core/version";
import {
  type FileResult,
  fileErrorResult,
  readFileBytes,
  tooLargeFile,
} from "./batch";

/** The worker's script, a fixed name beside the page (webpack.config.js); the version busts caches. */
export const WORKER_URL = `reader-worker.js?v=${VERSION}`;

function inWorker(
  worker: Worker,
  id: number,
  name: string,
  bytes: Uint8Array,
  lang: Lang,
): Promise<FileResult> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ id: number; result: FileResult }>) =>
      resolve(e.data.result);
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(e.message));
    };
    // The bytes are handed over, not copied: the page does not need them while the worker reads.
    worker.postMessage({ id, name, bytes, lang }, [bytes.buffer]);
  });
}

/**
 * A file's bytes, or null when the browser will not give them (a folder dropped where a file was
 * expected, a file moved or deleted since it was picked, a cloud file not on the machine): one
 * such file is its own row, and the others are read.
 */
async function bytesOf(file: File): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    return null;
  }
}

/** A file read on this thread. */
async function readHere(file: File, lang: Lang): Promise<FileResult> {
  const bytes = await bytesOf(file);
  return bytes
    ? readFileBytes(file.name, bytes, lang)
    : fileErrorResult(file.name, "FILE_NOT_READABLE", lang);
}

/** Reads every file; `onResult(i, result)` as each is done. */
export async function readFiles(
  files: readonly File[],
  lang: Lang,
  onResult: (index: number, result: FileResult) => void,
): Promise<void> {
  let next = 0;
  // A file past the size limit is answered by its size, never read into memory.
  const take = (): number => {
    while (next < files.length) {
      const i = next++;
      const file = files[i]!;
      const refused = tooLargeFile(file.name, file.size, lang);
      if (!refused) return i;
      onResult(i, refused);
    }
    return -1;
  };
  const mainThread = async () => {
    for (let i = take(); i >= 0; i = take()) {
      onResult(i, await readHere(files[i]!, lang));
      // Let the page paint between files.
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  if (typeof Worker === "undefined") return mainThread();
  const count = Math.max(
    1,
    Math.min(4, files.length, navigator.hardwareConcurrency || 2),
  );
  const lane = async () => {
    let worker: Worker | null = new Worker(WORKER_URL);
    try {
      while (worker) {
        const i = take();
        if (i < 0) break;
        const file = files[i]!;
        const bytes = await bytesOf(file);
        if (!bytes) {
          onResult(i, fileErrorResult(file.name, "FILE_NOT_READABLE", lang));
          continue;
        }
        try {
          onResult(i, await inWorker(worker, i, file.name, bytes, lang));
        } catch {
          // The worker could not run: this file, and the rest of this lane, on the main thread.
          worker.terminate();
          worker = null;
          // The bytes went to the worker that failed: read again.
          onResult(i, await readHere(file, lang));
        }
      }
    } finally {
      worker?.terminate();
    }
    if (!worker) await mainThread();
  };
  await Promise.all(Array.from({ length: count }, lane));
}
