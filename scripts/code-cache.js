#!/usr/bin/env node
// Part of `npm run build:cli`: V8's code cache of the bundled command (dist/cli/iop-budget.js.cache,
// which bin/load-cli.js gives V8). Made after checking and computing the bundled samples, so that
// it holds the functions a command runs compiled, not only the bundle's outer code.
const { mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");
const { loadCli, CACHE } = require("../bin/load-cli.js");

const samples = path.join(__dirname, "..", "samples");
const report = path.join(samples, "jamlik-halsa-rapport-2024.xlsx");
const budget = path.join(samples, "jamlik-halsa-budget-2025-26.xlsx");
const { cli, script } = loadCli({ useCache: false });
// What the commands print is read (the printing is compiled too) and dropped.
const io = {
  out: () => undefined,
  outChunks: (chunks) => {
    for (const chunk of chunks) void chunk;
  },
  err: () => undefined,
};
const dir = mkdtempSync(path.join(tmpdir(), "iop-budget-cache-"));
try {
  for (const args of [
    ["check", report, budget],
    ["check", "--json", report, budget],
    ["compute", report, "--out", path.join(dir, "report.xlsx")],
    ["compute", budget, "--out", path.join(dir, "budget.xlsx")],
  ])
    cli.main(args, io);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
cli.restoreV8Flags();
writeFileSync(CACHE, script.createCachedData());
