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
