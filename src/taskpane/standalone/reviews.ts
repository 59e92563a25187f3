// What the reviewer has marked in the queue (Granskad, and a note), kept in this browser's
// IndexedDB so that a reload loses nothing; nothing leaves the machine.

import { createStore, entries, set } from "idb-keyval";

export interface Review {
  readonly reviewed: boolean;
  readonly note: string;
  /** When it was last changed, ISO 8601. */
  readonly at: string;
}

export const NO_REVIEW: Review = { reviewed: false, note: "", at: "" };

/**
 * A file's key: its name and size, so that a new version sent under the same name is not taken
 * as reviewed (a file that could not be read by its name alone).
 */
export function reviewKey(name: string, size: number | null): string {
  return size === null ? name : `${name}\u0000${size}`;
}

let store: ReturnType<typeof createStore> | null = null;
const reviews = () => (store ??= createStore("iop-budget", "reviews"));

/** Every review kept; none where the browser has no IndexedDB (a private window may refuse it). */
export async function loadReviews(): Promise<Map<string, Review>> {
  try {
    return new Map(await entries<string, Review>(reviews()));
  } catch {
    return new Map();
  }
}

/** Keeps a review; false when the browser refuses (it then lasts until the page is closed). */
export async function saveReview(
  key: string,
  review: Review,
): Promise<boolean> {
  try {
    await set(key, review, reviews());
    return true;
  } catch {
    return false;
  }
}
