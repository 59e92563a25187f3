// What a drop on the file page gives, taken as the command line takes its arguments: a folder is
// the workbooks directly in it (SPEC §8), so that a reviewer can drop the folder of a day's
// submissions; the rest as dropped.

import { byFileName, isWorkbookFile } from "../../xlsx/file-names";
import { shownFileName } from "../../core";
import { archivedWorkbooks } from "../../xlsx/archive";
import { WorkbookFileError } from "../../xlsx/read";

/** One dropped item, taken while the drop event lasts (the browser forgets its items after). */
export type DropItem =
  | { readonly kind: "file"; readonly file: File }
  | { readonly kind: "folder"; readonly folder: FileSystemDirectoryEntry };

export interface Dropped {
  readonly files: File[];
  /**
   * What is no file to read, each said to be so: a folder without a workbook (NO_WORKBOOKS), a
   * workbook of a folder the browser would not give (FILE_NOT_READABLE).
   */
  readonly refused: { readonly name: string; readonly code: string }[];
}

/** The drop's items, to be called in the drop event's handler itself. */
export function dropItems(data: DataTransfer): DropItem[] {
  const items: DropItem[] = [];
  const list = Array.from(data.items ?? []);
  // A browser without items (or entries) gives its files.
  if (list.length === 0)
    return Array.from(data.files).map((file) => ({ kind: "file", file }));
  for (const item of list) {
    if (item.kind !== "file") continue;
    const entry = item.webkitGetAsEntry?.() ?? null;
    if (entry?.isDirectory)
      items.push({
        kind: "folder",
        folder: entry as FileSystemDirectoryEntry,
      });
    else {
      const file = item.getAsFile();
      if (file) items.push({ kind: "file", file });
    }
  }
  return items;
}

/** Every entry of a folder: a reader gives them some at a time (Chrome a hundred), then none. */
async function entriesOf(
  folder: FileSystemDirectoryEntry,
): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve) =>
      reader.readEntries(resolve, () => resolve([])),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** A file entry's file; null when the browser will not give it. */
function fileOf(entry: FileSystemFileEntry): Promise<File | null> {
  return new Promise((resolve) => entry.file(resolve, () => resolve(null)));
}

/** The dropped files, each folder's workbooks in name order among them where it was dropped. */
export async function droppedFiles(
  items: readonly DropItem[],
): Promise<Dropped> {
  const files: File[] = [];
  const refused: Dropped["refused"] = [];
  for (const item of items) {
    if (item.kind === "file") {
      files.push(item.file);
      continue;
    }
    const workbooks = (await entriesOf(item.folder))
      .filter(
        (e): e is FileSystemFileEntry => e.isFile && isWorkbookFile(e.name),
      )
      .sort((a, b) => byFileName(a.name, b.name));
    if (workbooks.length === 0)
      refused.push({ name: item.folder.name, code: "NO_WORKBOOKS" });
    for (const [i, file] of (
      await Promise.all(workbooks.map(fileOf))
    ).entries())
      if (file) files.push(file);
      else
        refused.push({ name: workbooks[i]!.name, code: "FILE_NOT_READABLE" });
  }
  return { files, refused };
}

/**
 * The files with each zip archive among them taken apart into its workbooks (archive.ts), as the
 * command line takes one: a folder downloaded from SharePoint or OneDrive comes as a .zip. Each is
 * named as its file in the archive; one that cannot be unpacked is refused with its file error. A
 * .zip that holds no workbook is read as it is (and said to be none).
 */
export async function withArchives(files: readonly File[]): Promise<Dropped> {
  const out: File[] = [];
  const refused: Dropped["refused"] = [];
  for (const file of files) {
    const workbooks = /\.zip$/i.test(file.name)
      ? archivedWorkbooks(
          new Uint8Array(
            // One the browser will not give is read as it is: its own row says so.
            await file.arrayBuffer().catch(() => new ArrayBuffer(0)),
          ),
        )
      : null;
    if (!workbooks) {
      out.push(file);
      continue;
    }
    for (const w of workbooks) {
      const name = shownFileName(w.name);
      try {
        out.push(new File([w.bytes() as BlobPart], name));
      } catch (e) {
        refused.push({
          name,
          code: e instanceof WorkbookFileError ? e.code : "CORRUPT",
        });
      }
    }
  }
  return { files: out, refused };
}
