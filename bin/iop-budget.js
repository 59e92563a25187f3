#!/usr/bin/env node
"use strict";
// Entry point of the `iop-budget` command; `npm ci` (prepare) bundles the code into dist/cli/.
let cli;
try {
  cli = require("./load-cli.js").loadCli().cli;
} catch (e) {
  if (!e || e.code !== "ENOENT") throw e;
  process.stderr.write("iop-budget is not built: run `npm ci` (or `npm run build:cli`) in the project folder.\n");
  process.exit(2);
}
// Standard output written in full, piece by piece, as it is made (src/cli/stdout.ts); a reader
// that stops early (`iop-budget check big.xlsx | head`) ends the command quietly.
const result = cli.main(process.argv.slice(2), cli.processIo());
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
