// jsdom has no ResizeObserver; Fluent UI's MessageBar observes its own size. A no-op stands in.
if (
  typeof window !== "undefined" &&
  typeof window.ResizeObserver === "undefined"
) {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
// jsdom leaves out TextEncoder and TextDecoder, which the browser has and the xlsx writer uses:
// Node's own stand in.
if (typeof window !== "undefined" && typeof TextEncoder === "undefined") {
  const util = require("node:util");
  globalThis.TextEncoder = util.TextEncoder;
  globalThis.TextDecoder = util.TextDecoder;
}
// A pane's first action loads its code in chunks (the engine, the dialog): on a loaded machine (the
// corpus checked beside the tests) that took more than Testing Library's 1 s to wait for an element.
// A wait that fails still fails, only later.
if (typeof window !== "undefined") {
  require("@testing-library/dom").configure({ asyncUtilTimeout: 10000 });
}
