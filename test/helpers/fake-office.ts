// A stand-in for Office.js in a real browser, so the pane's Excel mode can be rendered, scanned and
// photographed outside Excel: Office reports the Excel host and Excel.run serves the given grids.

import type { Grid } from "../../src/core";
import { usedRangeOf } from "./excel-mock";

export function fakeOfficeScript(grids: readonly Grid[], options: { dark?: boolean; language?: string } = {}): string {
  const sheets = grids.map((g) => ({ name: g.name, used: usedRangeOf(g) }));
  return `(() => {
    const sheets = ${JSON.stringify(sheets)};
    const noop = () => {};
    const range = () => ({ load: noop, select: noop, clear: noop, getMergedAreasOrNullObject: () => ({ load: noop, isNullObject: true }), format: { font: {}, fill: {} }, conditionalFormats: { clearAll: noop, add: () => ({ custom: { rule: {}, format: { fill: {}, font: {} } } }) }, dataValidation: {} });
    const worksheet = (s) => ({ name: s.name, getUsedRangeOrNullObject: () => Object.assign({ load: noop }, s.used), getRangeByIndexes: range, getRange: range, activate: noop, freezePanes: { freezeRows: noop } });
    const items = sheets.map(worksheet);
    const context = {
      workbook: { worksheets: { items, load: noop, getItem: (n) => items.find((w) => w.name === n), add: (n) => worksheet({ name: n, used: { isNullObject: true } }) } },
      application: { suspendApiCalculationUntilNextSync: noop },
      sync: async () => {},
    };
    window.Excel = { run: async (a, b) => (typeof a === "function" ? a : b)(context), ConditionalFormatType: { custom: "Custom" }, DataValidationAlertStyle: { stop: "Stop" } };
    const info = { host: "Excel", platform: "OfficeOnline" };
    window.Office = {
      HostType: { Excel: "Excel" },
      onReady: (cb) => { if (cb) setTimeout(() => cb(info)); return Promise.resolve(info); },
      context: {
        displayLanguage: ${JSON.stringify(options.language ?? "sv-SE")},
        officeTheme: { bodyBackgroundColor: ${JSON.stringify(options.dark ? "#1f1f1f" : "#ffffff")} },
        requirements: { isSetSupported: () => true },
        document: { url: "https://example.invalid/budget.xlsx" },
      },
    };
  })();`;
}
