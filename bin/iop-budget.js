#!/usr/bin/env node
"use strict";
// Entry point of the `iop-budget` command; the code is compiled to dist/ by `npm ci` (prepare).
let main;
try {
  ({ main } = require("../dist/src/cli/main.js"));
} catch (e) {
  process.stderr.write("iop-budget is not built: run `npm ci` (or `npm run build:cli`) in the project folder.\n");
  process.exit(2);
}
const code = main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
});
process.exitCode = code;
