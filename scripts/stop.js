#!/usr/bin/env node
// `npm stop`: office-addin-debugging stops debugging and unregisters the sideloaded manifest where
// it started it; otherwise the dev server that `npm start` runs here is stopped.
const { spawnSync } = require("node:child_process");
const { existsSync, readFileSync, rmSync } = require("node:fs");
const path = require("node:path");
const { PID_FILE, debuggingCli } = require("./dev-loop");

const root = path.join(__dirname, "..");
const desktop = process.platform === "win32" || process.platform === "darwin";
const cli = debuggingCli(root);

if (desktop && cli) {
  const r = spawnSync(
    process.execPath,
    [cli, "stop", path.join(root, "manifest.xml")],
    { cwd: root, stdio: "inherit" },
  );
  process.exit(r.status ?? 0);
}
if (!existsSync(PID_FILE)) {
  console.log("IOP-budget: no dev server started by `npm start` is running.");
  process.exit(0);
}
const pid = Number(readFileSync(PID_FILE, "utf8"));
try {
  // The dev server runs in its own process group: stop it with its children.
  process.kill(process.platform === "win32" ? pid : -pid, "SIGTERM");
  console.log(`IOP-budget: stopped the dev server (process ${pid}).`);
} catch {
  console.log("IOP-budget: the dev server had already stopped.");
}
rmSync(PID_FILE, { force: true });
