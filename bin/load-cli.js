"use strict";
// Loads the bundled command (dist/cli/iop-budget.js) with V8's code cache of it, made when it is
// built (scripts/code-cache.js): its functions come compiled, which was a fifth of the time of a
// small workbook's check (npm run bench). Without the cache, or with one V8 refuses (another Node,
// other V8 flags, a bundle rebuilt since), the bundle is compiled as require would compile it.
const { readFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { createRequire } = require("node:module");
const { Script } = require("node:vm");

const BUNDLE = join(__dirname, "..", "dist", "cli", "iop-budget.js");
const CACHE = `${BUNDLE}.cache`;

/** The bundle's exports, its script (for making the cache) and whether a cache was taken. */
function loadCli({ useCache = true } = {}) {
  const source = readFileSync(BUNDLE, "utf8");
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(CACHE);
    } catch {
      cachedData = undefined;
    }
  }
  // The wrapper of a CommonJS module, on the bundle's first line so that its lines keep their numbers.
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: BUNDLE, cachedData },
  );
  const cliModule = { exports: {} };
  script
    .runInThisContext()
    .call(
      cliModule.exports,
      cliModule.exports,
      createRequire(BUNDLE),
      cliModule,
      BUNDLE,
      dirname(BUNDLE),
    );
  return {
    cli: cliModule.exports,
    script,
    cacheAccepted:
      cachedData !== undefined && script.cachedDataRejected === false,
  };
}

module.exports = { loadCli, BUNDLE, CACHE };
