// The command is loaded with V8's code cache made when it is built (bin/load-cli.js,
// scripts/code-cache.js): V8 takes it as Node starts the command, and a cache it refuses only
// costs the compiling.

import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp";

const tmp = tempDir("iop-cache-");

const ROOT = join(__dirname, "..", "..");
const SAMPLE = join(ROOT, "samples", "jamlik-halsa-rapport-2024.xlsx");

const node = (args: readonly string[]) =>
  spawnSync(process.execPath, args, { encoding: "utf8", timeout: 60_000 });

/** A copy of bin/ and, when asked, dist/cli/ in a folder of its own. */
function copyOfCommand(withBundle: boolean): string {
  const dir = mkdtempSync(join(tmp, "copy-"));
  mkdirSync(join(dir, "bin"));
  for (const f of ["iop-budget.js", "load-cli.js"])
    copyFileSync(join(ROOT, "bin", f), join(dir, "bin", f));
  if (withBundle) {
    mkdirSync(join(dir, "dist", "cli"), { recursive: true });
    for (const f of readdirSync(join(ROOT, "dist", "cli")))
      copyFileSync(join(ROOT, "dist", "cli", f), join(dir, "dist", "cli", f));
  }
  return dir;
}

/** A fresh Node loading the command of `root` as bin/ does: whether V8 took its cache. */
const loadedIn = (root: string) =>
  node([
    "-e",
    `process.stdout.write(String(require(${JSON.stringify(
      join(root, "bin", "load-cli.js"),
    )}).loadCli().cacheAccepted))`,
  ]);

test("V8 takes the built cache as the command starts: the flags a command sets are put back before it is made", () => {
  // Run as the command runs: a fresh Node without flags, loading the bundle from bin/.
  const run = loadedIn(ROOT);
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("true");
});

test("a cache V8 refuses (another bundle's, or damaged) is not taken, and the command prints the same", () => {
  const dir = copyOfCommand(true);
  const cache = join(dir, "dist", "cli", "iop-budget.js.cache");
  writeFileSync(cache, Buffer.alloc(4096, 7));
  const refused = loadedIn(dir);
  expect(refused.stdout).toBe("false");
  const withCache = node([
    join(ROOT, "bin", "iop-budget.js"),
    "check",
    "--json",
    SAMPLE,
  ]);
  const withBadCache = node([
    join(dir, "bin", "iop-budget.js"),
    "check",
    "--json",
    SAMPLE,
  ]);
  expect(withCache.status).toBe(0);
  expect(withCache.stdout).toContain('"total":380222');
  expect(withBadCache.status).toBe(withCache.status);
  expect(withBadCache.stdout).toBe(withCache.stdout);
  expect(withBadCache.stderr).toBe(withCache.stderr);
});

test("without the bundle, the command says how to build it and exits 2", () => {
  const run = node([
    join(copyOfCommand(false), "bin", "iop-budget.js"),
    "check",
    SAMPLE,
  ]);
  expect(run.status).toBe(2);
  expect(run.stderr).toBe(
    "iop-budget is not built: run `npm ci` (or `npm run build:cli`) in the project folder.\n",
  );
  expect(run.stdout).toBe("");
});
