/** @jest-environment jsdom */
// A drop on the file page is taken as the command line takes its arguments: a folder is the
// workbooks directly in it; and a file the browser will not give is a row of its own, not a
// queue that never finishes.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import {
  type DropItem,
  dropItems,
  droppedFiles,
  withArchives,
} from "../../src/taskpane/standalone/dropped";
import { readFiles } from "../../src/taskpane/standalone/read-files";
import type { FileResult } from "../../src/taskpane/standalone/batch";
import { archiveWithDamaged } from "../helpers/hostile";

const SAMPLE = readFileSync(
  join(__dirname, "..", "fixtures", "samples", "budget-2025-26.xlsx"),
);

/** A file entry as the browser gives one; `fails` when it will not give the file. */
function fileEntry(name: string, fails = false): FileSystemFileEntry {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file: (ok: (f: File) => void, err?: (e: DOMException) => void) =>
      fails ? err?.(new DOMException("gone")) : ok(new File(["x"], name)),
  } as unknown as FileSystemFileEntry;
}

/** A folder entry whose reader gives its entries `per` at a time, as Chrome gives a hundred. */
function folderEntry(
  name: string,
  entries: FileSystemEntry[],
  per = 2,
): FileSystemDirectoryEntry {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (batch: FileSystemEntry[]) => void) => {
          ok(entries.slice(at, at + per));
          at += per;
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

test("a dropped folder is its workbooks in name order; sub-folders, owner and hidden files and others left out", async () => {
  const inkommet = folderEntry("Inkommet", [
    fileEntry("rapport 10.xlsx"),
    fileEntry("~$rapport 2.xlsx"),
    folderEntry("äldre", [fileEntry("budget 2023.xlsx")]),
    fileEntry("._rapport 2.xlsx"),
    fileEntry("läs mig.txt"),
    fileEntry("rapport 2.xlsx"),
    fileEntry("budget.ODS"),
    fileEntry("borta.xlsx", true),
  ] as FileSystemEntry[]);
  const items: DropItem[] = [
    { kind: "file", file: new File(["x"], "lös.xlsx") },
    { kind: "folder", folder: inkommet },
    { kind: "folder", folder: folderEntry("tom", [fileEntry("a.pdf")]) },
  ];
  const dropped = await droppedFiles(items);
  expect(dropped.files.map((f) => f.name)).toEqual([
    "lös.xlsx",
    "budget.ODS",
    "rapport 2.xlsx",
    "rapport 10.xlsx",
  ]);
  expect(dropped.refused).toEqual([
    { name: "borta.xlsx", code: "FILE_NOT_READABLE" },
    { name: "tom", code: "NO_WORKBOOKS" },
  ]);
});

test("a drop's items are taken as folders or files; without entries, as the files", () => {
  const a = new File(["x"], "a.xlsx");
  const folder = folderEntry("f", []);
  const data = {
    items: [
      { kind: "file", webkitGetAsEntry: () => folder, getAsFile: () => null },
      {
        kind: "file",
        webkitGetAsEntry: () => fileEntry("a.xlsx"),
        getAsFile: () => a,
      },
      { kind: "string", webkitGetAsEntry: () => null, getAsFile: () => null },
    ],
    files: [a],
  } as unknown as DataTransfer;
  expect(dropItems(data)).toEqual([
    { kind: "folder", folder },
    { kind: "file", file: a },
  ]);
  expect(
    dropItems({ items: [], files: [a] } as unknown as DataTransfer),
  ).toEqual([{ kind: "file", file: a }]);
});

test("a file whose bytes the browser will not give is its row, and the others are read", async () => {
  const gone = new File(["x"], "borta.xlsx");
  gone.arrayBuffer = () => Promise.reject(new DOMException("NotFoundError"));
  const ok = new File([SAMPLE], "budget.xlsx");
  ok.arrayBuffer = () => Promise.resolve(new Uint8Array(SAMPLE).buffer);
  const results: [number, FileResult][] = [];
  await readFiles([gone, ok], "sv", (i, r) => results.push([i, r]));
  expect(
    results.map(
      ([i, r]) => `${i} ${r.name} ${r.kind === "error" ? r.code : "ok"}`,
    ),
  ).toEqual(["0 borta.xlsx FILE_NOT_READABLE", "1 budget.xlsx ok"]);
  const [, first] = results[0]!;
  expect(first.kind === "error" && first.message).toBe(
    "Filen kan inte öppnas (behörighet saknas?).",
  );
});

/** A File whose bytes jsdom gives back (its File has no arrayBuffer of its own). */
function fileOfBytes(bytes: Uint8Array, name: string): File {
  const file = new File([bytes as BlobPart], name);
  file.arrayBuffer = () => Promise.resolve(bytes.slice().buffer);
  return file;
}

test("a zip archive picked or dropped is its workbooks, as the command line takes one", async () => {
  const archive = archiveWithDamaged(
    {
      "Inkommet/rapport 10.xlsx": SAMPLE,
      "Inkommet/rapport 2.xlsx": SAMPLE,
      "__MACOSX/Inkommet/._rapport 2.xlsx": strToU8("x"),
    },
    "b.xlsx",
  );
  const loose = fileOfBytes(SAMPLE, "lös.xlsx");
  const got = await withArchives([
    fileOfBytes(archive, "OneDrive_1.zip"),
    loose,
    fileOfBytes(zipSync({ "a.pdf": strToU8("x") }), "papper.zip"),
  ]);
  expect(got.files.map((f) => f.name)).toEqual([
    "rapport 2.xlsx",
    "rapport 10.xlsx",
    "lös.xlsx",
    "papper.zip",
  ]);
  expect(got.files[2]).toBe(loose);
  expect(got.refused).toEqual([{ name: "b.xlsx", code: "CORRUPT" }]);
  expect(got.files[0]!.size).toBe(SAMPLE.length);
});
