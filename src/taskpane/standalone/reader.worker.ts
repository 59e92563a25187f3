// Reads and analyses one workbook off the page's main thread, so that a batch of a hundred files
// never freezes the page. The same readFileBytes as on the main thread (its fallback).

import type { Lang } from "../../core";
import { readFileBytes } from "./batch";

interface Job {
  readonly id: number;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly lang: Lang;
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<Job>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e) => {
  const { id, name, bytes, lang } = e.data;
  scope.postMessage({ id, result: readFileBytes(name, bytes, lang) });
};
