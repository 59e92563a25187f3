#!/usr/bin/env node
// `npm start`, as in the Office add-in template: office-addin-debugging sideloads the manifest into
// desktop Excel and runs `npm run dev-server` (Windows, Mac). Where it cannot (Linux, or when the
// optional office-addin-debugging did not install), the dev server runs here and the manual
// sideloading steps are printed. `npm stop` ends either.
const { spawn } = require("node:child_process");
const { writeFileSync, rmSync } = require("node:fs");
const path = require("node:path");
const { PID_FILE, debuggingCli, npm } = require("./dev-loop");

const root = path.join(__dirname, "..");
const manifest = path.join(root, "manifest.xml");
const port = Number(process.env.IOP_BUDGET_PORT) || 3000;
const desktop = process.platform === "win32" || process.platform === "darwin";
const cli = debuggingCli(root);

if (desktop && cli) {
  const child = spawn(
    process.execPath,
    [cli, "start", manifest, "desktop", "--app", "excel"],
    { cwd: root, stdio: "inherit" },
  );
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  const why = desktop
    ? "office-addin-debugging is not installed (it is optional: npm install --include=optional), so Excel is not opened for you."
    : `Desktop Excel does not run on ${process.platform === "linux" ? "Linux" : process.platform}, so nothing can be sideloaded here automatically.`;
  process.stdout.write(
    [
      "",
      `IOP-budget: ${why}`,
      `The pane is served at https://localhost:${port}/taskpane.html`,
      "",
      "Sideload it in Excel on the web:",
      `  1. Open https://localhost:${port}/taskpane.html once in this browser and accept the certificate`,
      "     (or first run `npx office-addin-dev-certs install` for one your browser trusts).",
      "  2. Open a workbook in Excel on the web (office.com).",
      "  3. Home > Add-ins > More add-ins > My add-ins > Upload My Add-in, and choose",
      `     ${manifest}`,
      "  4. The buttons Öppna IOP-budget, Kontrollera budget and Beräkna appear on the Home tab.",
      "",
      "Stop with Ctrl+C or `npm stop`.",
      "",
    ].join("\n"),
  );
  const server = spawn(npm, ["run", "dev-server"], {
    cwd: root,
    stdio: "inherit",
    detached: process.platform !== "win32",
  });
  writeFileSync(PID_FILE, String(server.pid));
  const done = (code) => {
    rmSync(PID_FILE, { force: true });
    process.exit(code ?? 0);
  };
  server.on("exit", done);
  for (const signal of ["SIGINT", "SIGTERM"])
    process.on(signal, () => {
      try {
        process.kill(-server.pid, signal);
      } catch {
        server.kill(signal);
      }
    });
}
