// The production build served on localhost and driven in Debian's chromium with playwright-core.

import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, statSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, normalize } from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";

/** The project folder, from the sources (test/helpers) or their compiled copy (dist/test/helpers). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "manifest.xml")) && dir !== dirname(dir))
    dir = dirname(dir);
  return dir;
}

export const ROOT = projectRoot();
const OFFICE_JS = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain",
};

/** A production build of the pane in `out` (webpack, as `npm run build` does). */
export function buildWeb(out: string): void {
  execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules/webpack-cli/bin/cli.js"),
      "--mode",
      "production",
      "--output-path",
      out,
    ],
    { cwd: ROOT, stdio: "pipe" },
  );
}

/** Serves a folder on 127.0.0.1 (a free port); only files inside it. */
export async function serve(
  dir: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(
      decodeURIComponent((req.url ?? "/").split("?")[0]!),
    ).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path === "/" ? "taskpane.html" : path);
    if (
      !file.startsWith(dir) ||
      !existsSync(file) ||
      !statSync(file).isFile()
    ) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    // The machine has no network but the package registries: Chromium's own traffic is switched off.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/**
 * Office.js from Microsoft's CDN, as the production page loads it, is answered from the
 * @microsoft/office-js package (no network here); `block` makes it unavailable instead.
 */
export async function routeOfficeJs(page: Page, block = false): Promise<void> {
  await page.route(`${CDN}**`, async (route) => {
    const file = join(
      OFFICE_JS,
      route.request().url().slice(CDN.length).split("?")[0]!,
    );
    if (block || !file.startsWith(OFFICE_JS) || !existsSync(file))
      return route.abort();
    return route.fulfill({ path: file, contentType: "text/javascript" });
  });
  // Nothing else outside localhost is ever reached.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.request().url().startsWith(CDN) ? route.fallback() : route.abort(),
  );
}
