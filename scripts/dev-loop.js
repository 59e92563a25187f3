// What `npm start` and `npm stop` share: where the dev server's process id is kept, and the
// office-addin-debugging command when the optional package is installed.
const { existsSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");

const port = Number(process.env.IOP_BUDGET_PORT) || 3000;

module.exports = {
  PID_FILE: path.join(tmpdir(), `iop-budget-dev-server-${port}.pid`),
  npm: process.platform === "win32" ? "npm.cmd" : "npm",
  /** The office-addin-debugging CLI script, or null when it is not installed. */
  debuggingCli(root) {
    const cli = path.join(
      root,
      "node_modules",
      "office-addin-debugging",
      "cli.js",
    );
    return existsSync(cli) ? cli : null;
  },
};
