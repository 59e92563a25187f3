#!/usr/bin/env node
// `npm start`: sideload into desktop Excel where office-addin-debugging is installed (Windows, Mac);
// otherwise serve the pane over HTTPS on localhost:3000 and say how to sideload it in Excel on the web.
const { spawn, spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.join(__dirname, "..");
const manifest = path.join(root, "manifest.xml");
const desktop = process.platform === "win32" || process.platform === "darwin";
const debugging = spawnSync(process.platform === "win32" ? "npx.cmd" : "npx", ["--no-install", "office-addin-debugging", "--version"], { cwd: root, stdio: "ignore" });

if (desktop && debugging.status === 0) {
  // office-addin-debugging starts the dev server itself and sideloads the manifest into Excel.
  const child = spawn(process.platform === "win32" ? "npx.cmd" : "npx", ["--no-install", "office-addin-debugging", "start", manifest, "desktop", "--app", "excel"], { cwd: root, stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(
    [
      "",
      "IOP-budget: the pane is served at https://localhost:3000/taskpane.html",
      "",
      "Sideload it in Excel on the web:",
      "  1. Open https://localhost:3000/taskpane.html once in this browser and accept the certificate",
      "     (webpack-dev-server made a self-signed one; or install your own with office-addin-dev-certs).",
      "  2. Open a workbook in Excel on the web (office.com).",
      "  3. Home > Add-ins > More add-ins > My add-ins > Upload My Add-in, and choose",
      `     ${manifest}`,
      "  4. The buttons Öppna IOP-budget, Kontrollera budget and Beräkna appear on the Home tab.",
      "",
      desktop ? "For desktop Excel, install office-addin-debugging (npm i -D office-addin-debugging) and run npm start again." : "Desktop Excel does not run on Linux; use Excel on the web as above.",
      "Stop with Ctrl+C.",
      "",
    ].join("\n"),
  );
  const server = spawn(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "serve", "--mode", "development"], { cwd: root, stdio: "inherit" });
  server.on("exit", (code) => process.exit(code ?? 0));
}
