// Builds the task pane, the ribbon commands, their dialog and the help page for Excel and the
// browser. `npm run dev-server` serves them over HTTPS on localhost:3000 with the certificate that
// `npx office-addin-dev-certs install` made (webpack-dev-server's own self-signed one otherwise).
// A production build with IOP_BUDGET_URL set writes a manifest.xml with that address.
const fs = require("node:fs");
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { manifestFor } = require("./scripts/manifest-url");

/** The Office development certificate where one is installed; undefined lets webpack-dev-server make one. */
async function httpsOptions() {
  const defaults = require("office-addin-dev-certs/lib/defaults");
  const missing = () => {
    console.warn("IOP-budget: no Office development certificate; run `npx office-addin-dev-certs install` for one that Excel trusts. Serving with a self-signed certificate.");
    return undefined;
  };
  if (process.platform === "win32" || process.platform === "darwin") {
    // As the Office template does: verified against the system's trust store, installed if needed.
    return require("office-addin-dev-certs").getHttpsServerOptions().catch(missing);
  }
  // Elsewhere the store cannot be checked without root: the files are used when they exist.
  if (!fs.existsSync(defaults.localhostCertificatePath)) return missing();
  return { key: fs.readFileSync(defaults.localhostKeyPath), cert: fs.readFileSync(defaults.localhostCertificatePath), ca: fs.readFileSync(defaults.caCertificatePath) };
}

module.exports = async (env, argv) => {
  const dev = argv.mode === "development";
  const productionUrl = dev ? null : process.env.IOP_BUDGET_URL || null;
  const serving = process.env.WEBPACK_SERVE === "true";
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      notice: "./src/commands/notice.ts",
      help: "./src/help/help.ts",
      // The file page's reader, run in Web Workers; a fixed name the page can start it by.
      "reader-worker": "./src/taskpane/standalone/reader.worker.ts",
    },
    output: { path: path.resolve(__dirname, "dist", "web"), filename: (data) => (data.chunk.name === "reader-worker" ? "reader-worker.js" : "[name].[contenthash].js"), chunkFilename: "[name].[contenthash].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: dev } } } }],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "notice.html", template: "./src/commands/notice.html", chunks: ["notice"] }),
      // Rendered at build time from the engine's catalogues (src/help/help-page.ts).
      new HtmlWebpackPlugin({ filename: "help.html", template: "./src/help/help-page.ts", chunks: ["help"], inject: "body" }),
      new CopyWebpackPlugin({ patterns: [{ from: "assets/*.png", to: "assets/[name][ext]" }, { from: "manifest.xml", transform: (content) => (productionUrl ? manifestFor(content.toString(), productionUrl) : content) }] }),
    ],
    performance: { hints: false },
    devServer: {
      host: "localhost",
      port: Number(process.env.IOP_BUDGET_PORT) || 3000,
      server: { type: "https", options: serving ? await httpsOptions() : undefined },
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.resolve(__dirname, "dist", "web") },
      client: { overlay: false },
    },
  };
};
