// Reading an input and writing an output as the command line must: bounded, and touching only what
// was asked. An input is read only when it is a regular file within the size limit (a FIFO, a device
// or a 2 GB file is refused before a byte is read); an output path is resolved once (the real path
// of its folder) and every check is made on that path, the one written; nothing existing is
// replaced without --force, the input never; a written file appears whole or not at all.

import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import picomatch from "picomatch";
import { archivedWorkbooks } from "../xlsx/archive";
import { DEFAULT_LIMITS } from "../xlsx/read";
import {
  byFileName,
  isNeverWorkbook,
  isWorkbookName,
} from "../xlsx/file-names";

export type InputError =
  | {
      readonly code:
        "FILE_NOT_FOUND" | "NOT_A_FILE" | "NOT_A_REGULAR_FILE" | "NO_WORKBOOKS";
    }
  | { readonly code: "FILE_NOT_READABLE" }
  | { readonly code: "FILE_TOO_LARGE"; readonly size: number };

/**
 * A regular file's bytes, at most `maxBytes` of them: the size is checked by stat before reading,
 * and reading stops one byte past the limit whatever stat said (a file that grows while read).
 */
export function readInput(
  path: string,
  maxBytes: number,
): { bytes: Uint8Array } | { error: InputError } {
  // A workbook of an archive given (expandInputs): its bytes, or the file error they are.
  const inArchive = archived.get(path);
  if (inArchive) return { bytes: inArchive() };
  let fd: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory())
      return {
        error: {
          code: filesIn(path, isWorkbookName).length
            ? "NOT_A_FILE"
            : "NO_WORKBOOKS",
        },
      };
    if (!stat.isFile()) return { error: { code: "NOT_A_REGULAR_FILE" } };
    if (stat.size > maxBytes)
      return { error: { code: "FILE_TOO_LARGE", size: stat.size } };
    // O_NONBLOCK: should the path have become a FIFO since stat, opening it does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      error: {
        code:
          code === "ENOENT" || code === "ENOTDIR"
            ? "FILE_NOT_FOUND"
            : "FILE_NOT_READABLE",
      },
    };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { error: { code: "NOT_A_REGULAR_FILE" } };
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // Grown since stat: one more byte tells whether it is past the limit.
        if (length > maxBytes)
          return { error: { code: "FILE_TOO_LARGE", size: length } };
        break;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes)
      return { error: { code: "FILE_TOO_LARGE", size: length } };
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length) };
  } catch {
    return { error: { code: "FILE_NOT_READABLE" } };
  } finally {
    closeSync(fd);
  }
}

/**
 * The entries of a folder that `wanted` names, in name order, its sub-folders and the files that
 * are never a workbook (isNeverWorkbook) left out. None when it cannot be listed.
 */
function filesIn(folder: string, wanted: (name: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter(
      (e) => !e.isDirectory() && !isNeverWorkbook(e.name) && wanted(e.name),
    )
    .map((e) => e.name)
    .sort(byFileName)
    .map((name) => join(folder, name));
}

/** The workbooks of the archives expandInputs took apart, by the paths it gave them. */
const archived = new Map<string, () => Uint8Array>();

/**
 * An archive's workbooks (archive.ts) as inputs named "arkiv.zip/Inkommet/rapport.xlsx", each read
 * when it is checked; null when the file is no such archive (it is then read as it is).
 */
function archiveInputs(path: string): string[] | null {
  const input = readInput(path, DEFAULT_LIMITS.maxFileBytes);
  const workbooks = "bytes" in input ? archivedWorkbooks(input.bytes) : null;
  if (!workbooks) return null;
  return workbooks.map((w) => {
    const inner = join(path, w.name);
    archived.set(inner, w.bytes);
    return inner;
  });
}

/**
 * The files a command of many workbooks (check, memo) is given: a folder is the workbooks directly
 * in it; a zip archive (a folder downloaded from SharePoint or OneDrive) the workbooks in it; a
 * name whose last part has * or ? and that is no file is what that part matches in its folder,
 * case aside, as a Unix shell expands it (Windows' cmd and PowerShell pass `*.xlsx` on as typed).
 * Anything else is kept, to be read or said not to be: so is a folder without a workbook, and a
 * pattern that matches nothing.
 */
export function expandInputs(args: readonly string[]): string[] {
  return args.flatMap((arg) => {
    let folder = false;
    let file = false;
    try {
      const stat = statSync(arg);
      folder = stat.isDirectory();
      file = stat.isFile();
    } catch {
      // No such file: perhaps a pattern.
    }
    if (file && /\.zip$/i.test(arg)) return archiveInputs(arg) ?? [arg];
    if (folder) {
      const found = filesIn(arg, isWorkbookName);
      return found.length ? found : [arg];
    }
    const name = basename(arg);
    if (!/[*?]/.test(name) || existsSync(arg)) return [arg];
    const matches = picomatch(name, { nocase: true });
    const found = filesIn(dirname(arg), matches);
    return found.length ? found : [arg];
  });
}

/**
 * The real path of what `path` names, without creating anything: its nearest existing folder's
 * real path and the rest as given. "nosuchdir/../in.xlsx" is the in.xlsx the write would reach.
 */
export function resolveOutput(path: string): string {
  const absolute = resolve(path);
  let folder = dirname(absolute);
  const rest: string[] = [basename(absolute)];
  for (;;) {
    try {
      return join(realpathSync(folder), ...rest);
    } catch {
      const up = dirname(folder);
      if (up === folder) return absolute;
      rest.unshift(basename(folder));
      folder = up;
    }
  }
}

export type OutputCheck =
  | { readonly kind: "ok"; readonly target: string; readonly replace: boolean }
  | { readonly kind: "exists" | "is-input" | "not-a-file" };

function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** Where an output goes, checked against what exists there and against the inputs. */
export function checkOutput(
  path: string,
  inputs: readonly string[],
  force: boolean,
): OutputCheck {
  const target = resolveOutput(path);
  let exists = false;
  try {
    const stat = lstatSync(target);
    exists = true;
    if (stat.isDirectory()) return { kind: "not-a-file" };
  } catch {
    exists = false;
  }
  // The input is never the output, with --force or without, through a link or by another name.
  if (inputs.some((input) => sameFile(input, target)))
    return { kind: "is-input" };
  if (exists && !force) return { kind: "exists" };
  return { kind: "ok", target, replace: exists };
}

/**
 * Writes bytes to a temporary file beside the target and then moves it into place: without
 * `replace` by a hard link, which fails when something appeared there meanwhile (nothing existing
 * is replaced); with it by a rename. The temporary file is removed whatever happens.
 */
export function writeOutput(
  target: string,
  bytes: Uint8Array,
  replace: boolean,
): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${Date.now()}.tmp`,
  );
  try {
    writeFileSync(temp, bytes, { flag: "wx" });
    if (replace) renameSync(temp, target);
    else {
      try {
        linkSync(temp, target);
      } catch (e) {
        // A file system without hard links: the check is made again right before the rename.
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EEXIST" || existsSync(target)) throw e;
        if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP")
          throw e;
        renameSync(temp, target);
      }
    }
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
}
