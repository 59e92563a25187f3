#!/usr/bin/env node
"use strict";
// Entry point of the `iop-budget` command; `npm ci` (prepare) bundles the code into dist/cli/.
// A reader that stops early (`iop-budget check big.xlsx | head`) closes the pipe: the rest of the
// report is not wanted, which is no error to print a stack trace for.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
let main;
try {
  ({ main } = require("../dist/cli/iop-budget.js"));
} catch (e) {
  process.stderr.write("iop-budget is not built: run `npm ci` (or `npm run build:cli`) in the project folder.\n");
  process.exit(2);
}
const result = main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + "\n"),
  // A check --json line or a report can be megabytes: written in the pieces it is made in.
  outChunks: (chunks) => {
    let pending = "";
    for (const chunk of chunks) {
      pending += chunk;
      if (pending.length >= 65536) {
        process.stdout.write(pending);
        pending = "";
      }
    }
    process.stdout.write(pending + "\n");
  },
  err: (line) => process.stderr.write(line + "\n"),
});
// `memo` resolves later (Word is written asynchronously); the others return at once.
Promise.resolve(result).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`iop-budget: ${e && e.message ? e.message : e}\n`);
    process.exitCode = 2;
  },
);
