// Builds the task pane, the ribbon commands and their report dialog for Excel and the browser.
// `npm start` serves them over HTTPS on localhost:3000 (webpack-dev-server makes its own certificate).
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

module.exports = (env, argv) => {
  const dev = argv.mode === "development";
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      notice: "./src/commands/notice.ts",
      help: "./src/help/help.ts",
    },
    output: { path: path.resolve(__dirname, "dist", "web"), filename: "[name].[contenthash].js", chunkFilename: "[name].[contenthash].js", clean: true },
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
      new CopyWebpackPlugin({ patterns: [{ from: "assets/*.png", to: "assets/[name][ext]" }, { from: "manifest.xml" }] }),
    ],
    performance: { hints: false },
    devServer: {
      host: "localhost",
      port: 3000,
      server: "https",
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.resolve(__dirname, "dist", "web") },
      client: { overlay: false },
    },
  };
};
