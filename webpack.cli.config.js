// Bundles the command line into one file (dist/cli/iop-budget.js): Node loads one module instead of
// some forty, which is most of what a `check` of a small workbook waits for (npm run bench).
const path = require("node:path");

module.exports = {
  mode: "production",
  target: "node20",
  entry: "./src/cli/main.ts",
  output: { path: path.resolve(__dirname, "dist", "cli"), filename: "iop-budget.js", library: { type: "commonjs2" }, clean: true },
  resolve: {
    extensions: [".ts", ".js"],
    // fflate's Node build loads worker_threads for its asynchronous API, which the CLI never uses.
    alias: { fflate$: path.resolve(__dirname, "node_modules", "fflate", "esm", "browser.js") },
  },
  module: {
    rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.cli.json", compilerOptions: { module: "es2020" } } } }],
  },
  // Names shortened, code not rewritten: terser's compression made `check` of 100 000 lines 5–9 %
  // slower (npm run bench, both builds taken in turn); the CLI's size matters little.
  optimization: { minimize: true, minimizeOptions: { javascript: { compress: false, mangle: true } } },
  devtool: false,
  performance: { hints: false },
};
