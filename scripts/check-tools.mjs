#!/usr/bin/env node
// The system programs the tests need, checked before any test runs: when one is missing, one line
// each says which and how to install it, instead of a wall of failing tests. CI (.ci/run) installs
// them first. IOP_BUDGET_TOOLS_PATH replaces PATH for the check (the project's own test of it).

import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const searchPath = process.env.IOP_BUDGET_TOOLS_PATH ?? process.env.PATH ?? "";

/** [what it is for, how to find it, Debian package] */
const TOOLS = [
  [
    "LibreOffice Calc (re-saves and recalculates workbooks)",
    "soffice",
    "libreoffice-calc-nogui",
  ],
  [
    "LibreOffice Writer (opens the decision memos, .docx)",
    "/usr/lib/libreoffice/program/libswlo.so",
    "libreoffice-writer-nogui",
  ],
  [
    "pdftoppm (draws a memo's first page as a PNG)",
    "pdftoppm",
    "poppler-utils",
  ],
  [
    "xmllint (validates manifest.xml against the add-in schemas)",
    "xmllint",
    "libxml2-utils",
  ],
  [
    "Chromium (the end-to-end tests of the pane)",
    "/usr/bin/chromium",
    "chromium",
  ],
];

function found(command) {
  const candidates = command.startsWith("/")
    ? [
        process.env.IOP_BUDGET_TOOLS_PATH !== undefined
          ? join(searchPath.split(delimiter)[0] ?? "", command)
          : command,
      ]
    : searchPath
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, command));
  return candidates.some((file) => {
    try {
      // A program must be executable; a library (Writer's) need only be there.
      accessSync(file, file.endsWith(".so") ? constants.R_OK : constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const missing = TOOLS.filter(([, command]) => !found(command));
if (missing.length > 0) {
  const packages = missing.map(([, , pkg]) => pkg).join(" ");
  console.error(
    "npm test needs programs this machine does not have; no test was run:",
  );
  for (const [what, command, pkg] of missing)
    console.error(
      `  missing ${command}: ${what}. Install: sudo apt-get install -y ${pkg}`,
    );
  console.error(
    `All at once (Debian/Ubuntu): sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages}`,
  );
  process.exit(1);
}
