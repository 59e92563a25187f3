/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", tsx: true }, target: "es2022", transform: { react: { runtime: "automatic" } } } }] },
  testTimeout: 60000,
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js" },
  reporters: ["default", "<rootDir>/test/reporters/summary.js"],
  setupFiles: ["<rootDir>/test/setup/dom.js"],
  // Node's vm contexts make every read of a global slow (nodejs/node#31658, jestjs/jest#5163):
  // Math.imul ran some 20 times slower under jest than in node. These builtins are passed to each
  // module as parameters instead, the sandbox's own objects (never the parent's). A module that
  // declares one of the names with const, let or class cannot load (Fluent UI's `const Symbol`).
  sandboxInjectedGlobals: ["Math", "Number", "String", "Array", "Object", "JSON", "Map", "Set", "Infinity"],
};
