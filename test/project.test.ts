// The Office add-in project itself: the manifest validates and the pane bundles for the browser.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import { get as httpsGet } from "node:https";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import {
  LIBREOFFICE_FOLDERS,
  resaveWithLibreOffice,
} from "./helpers/libreoffice";
import { tempDir } from "./helpers/temp";

const tmp = tempDir("iop-prod-");

const ROOT = join(__dirname, "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFor } = require("../scripts/manifest-url") as {
  manifestFor: (xml: string, url: string) => string;
};

describe("the add-in project", () => {
  test("manifest.xml validates against the add-in manifest schemas (offline, xmllint)", () => {
    const out = execFileSync(
      "xmllint",
      [
        "--noout",
        "--schema",
        join(ROOT, "schemas/manifest/OfficeAppManifestV1_1.xsd"),
        join(ROOT, "manifest.xml"),
      ],
      { encoding: "utf8", stdio: "pipe" },
    );
    expect(out).toBe("");
  });

  test("the manifest asks for no more than ReadWriteDocument and is localised in Swedish and English", () => {
    const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    expect(xml).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(xml).toContain("<DefaultLocale>sv-SE</DefaultLocale>");
    expect(xml).toMatch(/Override Locale="en-US"/);
  });

  test("every English string of the ribbon is there for English Office beyond en-US, as the pane's language rule has it", async () => {
    const { languageOf } = await import("../src/i18n/text");
    const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    const count = (locale: string) =>
      (xml.match(new RegExp(`Override Locale="${locale}"`, "g")) ?? []).length;
    for (const locale of ["en-GB", "en-AU", "en-CA", "en-IE", "en-NZ"]) {
      expect(languageOf(locale)).toBe("en");
      expect({ locale, n: count(locale) }).toEqual({
        locale,
        n: count("en-US"),
      });
    }
    expect(count("en-US")).toBeGreaterThan(8);
  });

  test("the pure core imports no platform: no Office.js, xlsx library, Node or React", () => {
    const files = execFileSync("git", ["ls-files", "src/core"], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .trim()
      .split("\n");
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const src = readFileSync(join(ROOT, f), "utf8");
      expect({ f, imports: src.match(/from "(?!\.)[^"]+"/g) ?? [] }).toEqual({
        f,
        imports: [],
      });
      const code = src.replace(/\/\/.*$/gm, "");
      expect(code).not.toMatch(/\bOffice\.|Excel\.run|require\(/);
    }
  });
});

describe("Office's dev loop", () => {
  test("a production build with IOP_BUDGET_URL writes a manifest with that address only, valid and naming files of the build", () => {
    const out = mkdtempSync(join(tmp, "build-"));
    execFileSync(
      process.execPath,
      [
        join(ROOT, "node_modules/webpack-cli/bin/cli.js"),
        "--mode",
        "production",
        "--output-path",
        out,
      ],
      {
        cwd: ROOT,
        stdio: "pipe",
        env: { ...process.env, IOP_BUDGET_URL: "https://iop.malmo.se/budget" },
      },
    );
    const xml = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(xml).not.toContain("localhost");
    const urls = [
      ...xml.matchAll(/(?:DefaultValue|Value)="(https:[^"]+)"/g),
    ].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls)
      expect(url.startsWith("https://iop.malmo.se/budget/")).toBe(true);
    for (const url of urls)
      expect(
        existsSync(join(out, url.slice("https://iop.malmo.se/budget/".length))),
      ).toBe(true);
    execFileSync(
      "xmllint",
      [
        "--noout",
        "--schema",
        join(ROOT, "schemas/manifest/OfficeAppManifestV1_1.xsd"),
        join(out, "manifest.xml"),
      ],
      { stdio: "pipe" },
    );
    expect(() => manifestFor(xml, "http://insecure.example")).toThrow(/https/);
  }, 120_000);

  test("the ribbon has every icon size Office takes, and each file is that size", () => {
    const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    for (const size of [16, 20, 24, 32, 40, 48, 64, 80]) {
      expect(xml).toContain(
        `<bt:Image size="${size}" resid="Icon.${size}x${size}"/>`,
      );
      const png = readFileSync(join(ROOT, "assets", `icon-${size}.png`));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([
        size,
        size,
      ]);
    }
  });

  test("npm start serves the pane over HTTPS (with the manual sideloading steps on Linux) and npm stop ends it", async () => {
    const env = { ...process.env, IOP_BUDGET_PORT: "3931" };
    const start = spawn("npm", ["start"], { cwd: ROOT, env, stdio: "pipe" });
    let said = "";
    start.stdout.on("data", (d: Buffer) => (said += d.toString()));
    const fetchOk = () =>
      new Promise<boolean>((resolve) => {
        const req = httpsGet(
          "https://localhost:3931/help.html",
          { rejectUnauthorized: false },
          (res) => resolve(res.statusCode === 200),
        );
        req.on("error", () => resolve(false));
      });
    let up = false;
    for (let i = 0; i < 60 && !up; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      up = await fetchOk();
    }
    expect(up).toBe(true);
    if (process.platform === "linux")
      expect(said).toMatch(
        /Desktop Excel does not run on Linux[\s\S]*Upload My Add-in/,
      );
    const exited = new Promise((resolve) => start.on("exit", resolve));
    const stop = spawnSync("npm", ["stop", "--silent"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(stop.stdout).toMatch(/stopped the dev server/);
    await exited;
    expect(await fetchOk()).toBe(false);
  }, 120_000);
});

describe("a first run on a machine without the system programs", () => {
  test("npm test names each missing program with its install command and runs no test", () => {
    const r = spawnSync("npm", ["test", "--silent"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, IOP_BUDGET_TOOLS_PATH: "/nonexistent" },
    });
    expect(r.status).not.toBe(0);
    const lines = r.stderr
      .split("\n")
      .filter((l) => l.startsWith("  missing "));
    expect(lines).toEqual([
      expect.stringMatching(
        /missing soffice: .*sudo apt-get install -y libreoffice-calc-nogui$/,
      ),
      expect.stringMatching(
        /missing \/usr\/lib\/libreoffice\/program\/libswlo.so: .*sudo apt-get install -y libreoffice-writer-nogui$/,
      ),
      expect.stringMatching(
        /missing pdftoppm: .*sudo apt-get install -y poppler-utils$/,
      ),
      expect.stringMatching(
        /missing xmllint: .*sudo apt-get install -y libxml2-utils$/,
      ),
      expect.stringMatching(
        /missing \/usr\/bin\/chromium: .*sudo apt-get install -y chromium$/,
      ),
    ]);
    expect(r.stderr).toContain("no test was run");
    // Nothing else ran: no type check, no jest, no stack trace.
    expect(r.stdout + r.stderr).not.toMatch(/Tests:|PASS|FAIL|^\s+at /m);
  });

  test("with the programs there, the check passes silently", () => {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, "scripts/check-tools.mjs")],
      { encoding: "utf8" },
    );
    expect([r.status, r.stderr]).toEqual([0, ""]);
  });
});

describe("the Office.js boundary", () => {
  test("Excel.run and the Excel object model are used only in src/excel", () => {
    const files = execFileSync("git", ["ls-files", "src"], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("src/excel/"));
    const offenders = files.filter((f) =>
      /\bExcel\.(run|RequestContext|Worksheet|Range)\b|context\.sync\(/.test(
        readFileSync(join(ROOT, f), "utf8").replace(/\/\/.*$/gm, ""),
      ),
    );
    expect(offenders).toEqual([]);
  });
});

describe("the version", () => {
  test("the pane stamps Beslut with package.json's version", async () => {
    const { VERSION } = await import("../src/core/version");
    expect(VERSION).toBe(
      JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version,
    );
  });
});

describe("the shape of the code", () => {
  /** Every module of src and the modules it imports (statically or lazily), by path. */
  function importGraph(): Map<string, string[]> {
    const files = execFileSync(
      "git",
      ["ls-files", "--cached", "--others", "--exclude-standard", "src"],
      { cwd: ROOT, encoding: "utf8" },
    )
      .trim()
      .split("\n")
      .filter((f) => /\.tsx?$/.test(f) && existsSync(join(ROOT, f)));
    const resolve = (from: string, spec: string): string | null => {
      if (!spec.startsWith(".")) return null;
      const base = posix.join(posix.dirname(from), spec);
      return (
        [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((c) =>
          files.includes(c),
        ) ?? null
      );
    };
    const graph = new Map<string, string[]>();
    for (const f of files) {
      const src = readFileSync(join(ROOT, f), "utf8");
      const specs = [
        ...src.matchAll(
          /(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*(?:\/\*[^*]*\*\/\s*)?"([^"]+)"\s*\)/gs,
        ),
      ].map((m) => m[1] ?? m[2]!);
      graph.set(
        f,
        specs.map((s) => resolve(f, s)).filter((t): t is string => t !== null),
      );
    }
    return graph;
  }

  test("an amount is made only by the money module: no `as Ore` elsewhere", () => {
    const graph = importGraph();
    const casts = [...graph.keys()].filter(
      (f) =>
        f !== "src/core/figures/money.ts" &&
        /\bas Ore\b/.test(readFileSync(join(ROOT, f), "utf8")),
    );
    expect(graph.has("src/core/figures/money.ts")).toBe(true);
    expect(casts).toEqual([]);
  });

  test("no import circle anywhere in src", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(50);
    const circles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const path: string[] = [];
    const visit = (f: string) => {
      state.set(f, "open");
      path.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === "open")
          circles.push([...path.slice(path.indexOf(t)), t].join(" → "));
        else if (!state.has(t)) visit(t);
      }
      path.pop();
      state.set(f, "done");
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(circles).toEqual([]);
  });

  test("an adapter (Excel, xlsx files, the Word memo) imports only the core and the words: never another adapter or a face", () => {
    const adapters = ["src/excel/", "src/xlsx/", "src/memo/"];
    const allowed = (f: string, t: string) =>
      t.startsWith("src/core/") ||
      t.startsWith("src/i18n/") ||
      t.startsWith(f.slice(0, f.indexOf("/", 4) + 1));
    const graph = importGraph();
    const wrong = [...graph].flatMap(([f, targets]) =>
      adapters.some((a) => f.startsWith(a))
        ? targets.filter((t) => !allowed(f, t)).map((t) => `${f} → ${t}`)
        : [],
    );
    // Not vacuous: each adapter is in the graph and imports the core.
    for (const a of adapters)
      expect(
        [...graph].some(
          ([f, ts]) =>
            f.startsWith(a) && ts.some((t) => t.startsWith("src/core/")),
        ),
      ).toBe(true);
    expect(wrong).toEqual([]);
  });

  test("the words are shared, the pane is the pane's: nothing outside it imports src/taskpane, and src/i18n imports only the core", () => {
    const wrong: string[] = [];
    for (const [f, targets] of importGraph())
      for (const t of targets) {
        if (
          t.startsWith("src/taskpane/") &&
          !f.startsWith("src/taskpane/") &&
          !(
            f === "src/commands/commands.ts" &&
            t === "src/taskpane/viewmodel.ts"
          )
        )
          wrong.push(`${f} → ${t}`);
        if (
          f.startsWith("src/i18n/") &&
          !t.startsWith("src/core/") &&
          !t.startsWith("src/i18n/")
        )
          wrong.push(`${f} → ${t}`);
      }
    expect(wrong).toEqual([]);
  });
});

describe("the tests themselves", () => {
  // Each conversion's folder holds Calc's profile, some 3 MB: a day's runs left 1.2 GB in /tmp.
  test("a LibreOffice conversion leaves no folder behind", () => {
    const ours = () =>
      readdirSync(tmpdir()).filter((n) => n.startsWith(LIBREOFFICE_FOLDERS));
    const before = ours();
    const xlsx = resaveWithLibreOffice(
      readFileSync(join(ROOT, "samples", "jamlik-halsa-rapport-2024.xlsx")),
    );
    // PK: the zip package Calc wrote, read from the folder before it went.
    expect(xlsx.subarray(0, 2).toString()).toBe("PK");
    expect(ours()).toEqual(before);
  });
});
