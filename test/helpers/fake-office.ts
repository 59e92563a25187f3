// A stand-in for Office.js in a real browser, so the pane's Excel mode can be rendered, scanned and
// photographed outside Excel: Office reports the Excel host and Excel.run serves the given grids.
// Reading is answered as Excel answers it (used ranges, then chunks of cells); writes are accepted
// and dropped, but raise onChanged as Excel does for an add-in's own writes. A test edits a cell as
// a person would with window.__fakeExcel.edit(sheet, row, col, value), which raises onChanged too;
// __fakeExcel.reads counts the used-range reads. The adapter's own rules are tested against the
// strict Excel in test/excel.

import type { Grid } from "../../src/core";

/** A grid as Excel's arrays (values, valueTypes, numberFormat, formulas) from A1. */
function arraysOf(grid: Grid) {
  const rows = grid.rows.length;
  let cols = 1;
  for (let r = 0; r < rows; r++)
    cols = Math.max(cols, grid.rows[r]?.length ?? 0);
  const values: unknown[][] = [];
  const valueTypes: string[][] = [];
  const numberFormat: string[][] = [];
  const formulas: unknown[][] = [];
  for (let r = 0; r < rows; r++) {
    values.push([]);
    valueTypes.push([]);
    numberFormat.push([]);
    formulas.push([]);
    for (let c = 0; c < cols; c++) {
      const cell = grid.rows[r]?.[c];
      const v = cell === undefined || cell.t === "z" ? "" : cell.v;
      values[r]!.push(v);
      valueTypes[r]!.push(
        cell === undefined || cell.t === "z"
          ? "Empty"
          : cell.t === "n"
            ? "Double"
            : cell.t === "b"
              ? "Boolean"
              : cell.t === "e"
                ? "Error"
                : v === ""
                  ? "Empty"
                  : "String",
      );
      numberFormat[r]!.push(cell?.fmt ?? "General");
      formulas[r]!.push(cell?.f ? `=${cell.f}` : v);
    }
  }
  return { rows, cols, values, valueTypes, numberFormat, formulas };
}

/** An Excel table of the workbook, as Excel describes it to the add-in. */
export interface FakeOfficeTable {
  readonly name: string;
  readonly sheet: string;
  /** Its range, header and total rows included ("A3:I8"). */
  readonly ref: string;
  readonly columns: readonly string[];
  readonly totals: boolean;
}

export function fakeOfficeScript(
  grids: readonly Grid[],
  options: {
    dark?: boolean;
    language?: string;
    tables?: readonly FakeOfficeTable[];
  } = {},
): string {
  const sheets = grids.map((g) => ({ name: g.name, ...arraysOf(g) }));
  return `(() => {
    const sheets = ${JSON.stringify(sheets)};
    const tables = ${JSON.stringify(options.tables ?? [])};
    const noop = () => {};
    const letters = (c) => { let s = ""; for (c++; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s; return s; };
    const nullObject = { load: noop, isNullObject: true };
    const cfs = () => ({ load: noop, items: [], add: () => ({ custom: { rule: {}, format: { fill: {}, font: {} } } }), clearAll: noop });
    const fake = (window.__fakeExcel = { reads: 0, handlers: [], wrote: false, sheets });
    // A cell as the workbook holds it now: the value, or the formula where one was written.
    fake.cell = (name, row, col) => { const s = sheets.find((x) => x.name === name); return s ? s.formulas[row] && s.formulas[row][col] : undefined; };
    const fire = () => setTimeout(() => fake.handlers.forEach((h) => h({ source: "Local" })), 0);
    fake.edit = (name, row, col, value) => {
      const s = sheets.find((x) => x.name === name);
      s.values[row][col] = value;
      s.formulas[row][col] = value;
      s.valueTypes[row][col] = typeof value === "number" ? "Double" : "String";
      fire();
    };
    // A write lands in the sheet's arrays, as Excel keeps it: a number or text as the value, a
    // formula as the formula (its value stays what it was: the fake computes nothing).
    const put = (s, row, col, input) => {
      while (s.values.length <= row) { s.values.push([]); s.valueTypes.push([]); s.numberFormat.push([]); s.formulas.push([]); }
      s.rows = Math.max(s.rows, row + 1);
      s.cols = Math.max(s.cols, col + 1);
      for (const r of [s.values, s.valueTypes, s.numberFormat, s.formulas]) for (const line of r) while (line.length < s.cols) line.push(r === s.valueTypes ? "Empty" : r === s.numberFormat ? "General" : "");
      const formula = typeof input === "string" && input.startsWith("=");
      // A leading apostrophe makes the rest text, as Excel keeps it (the prefix is not part of the value).
      if (typeof input === "string" && input.startsWith("'")) input = input.slice(1);
      s.formulas[row][col] = input;
      if (!formula) {
        s.values[row][col] = input;
        s.valueTypes[row][col] = typeof input === "number" ? "Double" : input === "" ? "Empty" : "String";
      }
    };
    const range = (s, row, col, rows, cols) => {
      const cut = (a) => (s ? a.slice(row, row + rows).map((r) => r.slice(col, col + cols)) : []);
      const r = {
        load: noop, select: noop, isNullObject: false, rowHidden: false, columnHidden: false,
        clear: () => { if (s) for (const a of [s.values, s.formulas, s.valueTypes, s.numberFormat]) a.length = 0; if (s) { s.rows = 0; s.cols = 0; } },
        valueTypes: s && cut(s.valueTypes), numberFormat: s ? cut(s.numberFormat) : [],
        getMergedAreasOrNullObject: () => nullObject,
        format: { font: {}, fill: {}, protection: {} }, conditionalFormats: cfs(), dataValidation: {},
      };
      // Reading gives the cells; assigning values or formulas is a write, kept and noticed.
      let values = s && cut(s.values);
      let formulas = s && cut(s.formulas);
      const write = (v) => { fake.wrote = true; if (s) v.forEach((line, i) => line.forEach((x, j) => put(s, row + i, col + j, x))); };
      Object.defineProperty(r, "values", { get: () => values, set: (v) => { values = v; write(v); } });
      Object.defineProperty(r, "formulas", { get: () => formulas, set: (v) => { formulas = v; write(v); } });
      let formats = r.numberFormat;
      Object.defineProperty(r, "numberFormat", { get: () => formats, set: (v) => { formats = v; if (s) v.forEach((line, i) => line.forEach((f, j) => { if (f !== null && s.numberFormat[row + i]) s.numberFormat[row + i][col + j] = f; })); } });
      return r;
    };
    const event = () => ({ add: (h) => { fake.handlers.push(h); return { remove: () => { fake.handlers = fake.handlers.filter((x) => x !== h); }, context }; } });
    const worksheet = (s, name) => ({
      name, load: noop, isNullObject: false,
      set visibility(v) { if (s) s.visibility = v; fake.wrote = true; },
      get visibility() { return (s && s.visibility) || "Visible"; },
      protection: { load: noop, protected: Boolean(s && s.protected), protect: () => { if (s) s.protected = true; } },
      pageLayout: { headersFooters: { defaultForAllPages: {} } },
      customProperties: { getItemOrNullObject: () => nullObject, add: noop },
      getUsedRangeOrNullObject: () => (fake.reads++, s && s.rows > 0 ? Object.assign(range(s, 0, 0, s.rows, s.cols), { address: "'" + name + "'!A1:" + letters(s.cols - 1) + s.rows, rowCount: s.rows, columnCount: s.cols }) : nullObject),
      getRangeByIndexes: (row, col, rows, cols) => range(s, row, col, rows, cols),
      // Selecting a range by address keeps "Sheet!A1": what a finding's cell link asked for.
      getRange: (a) => Object.assign(range(null, 0, 0, 0, 0), { select: () => { fake.selected = name + "!" + a; } }),
      activate: noop, freezePanes: { freezeRows: noop },
      getNextOrNullObject: () => { const n = s ? sheets[sheets.indexOf(s) + 1] : undefined; return n ? worksheet(n, n.name) : Object.assign(worksheet(null, ""), { isNullObject: true }); },
    });
    const find = (n) => sheets.find((s) => s.name === n);
    const items = sheets.map((s) => worksheet(s, s.name));
    const context = {
      workbook: {
        worksheets: { onChanged: event(), onAdded: event(), onDeleted: event(), onNameChanged: event(), onRowHiddenChanged: event(), items, load: noop, getFirst: () => worksheet(sheets[0], sheets[0].name), getItem: (n) => worksheet(find(n), n), getItemOrNullObject: (n) => (find(n) ? worksheet(find(n), n) : Object.assign(worksheet(null, n), { isNullObject: true })), add: (n) => { const s = { name: n, rows: 0, cols: 0, values: [], valueTypes: [], numberFormat: [], formulas: [] }; sheets.push(s); const ws = worksheet(s, n); items.push(ws); fake.wrote = true; return ws; } },
        protection: { load: noop, protected: false },
        tables: { load: noop, items: tables.map((t) => ({ name: t.name, showHeaders: true, showTotals: t.totals, getRange: () => ({ load: noop, address: "'" + t.sheet + "'!" + t.ref }), worksheet: { load: noop, name: t.sheet }, columns: { load: noop, items: t.columns.map((name) => ({ name })) } })) },
        functions: { date: () => ({ load: noop, value: 1462 }) },
      },
      application: { suspendApiCalculationUntilNextSync: noop },
      sync: async () => { if (fake.wrote) { fake.wrote = false; fire(); } },
    };
    window.Excel = { run: async (a, b) => (typeof a === "function" ? a : b)(context), ConditionalFormatType: { custom: "Custom" }, DataValidationAlertStyle: { stop: "Stop" } };
    const info = { host: "Excel", platform: "OfficeOnline" };
    window.Office = {
      HostType: { Excel: "Excel" },
      onReady: (cb) => { if (cb) setTimeout(() => cb(info)); return Promise.resolve(info); },
      context: {
        platform: "OfficeOnline",
        displayLanguage: ${JSON.stringify(options.language ?? "sv-SE")},
        officeTheme: { bodyBackgroundColor: ${JSON.stringify(options.dark ? "#1f1f1f" : "#ffffff")} },
        requirements: { isSetSupported: () => true },
        document: {
          url: "https://example.invalid/budget.xlsx",
          settings: (() => { const store = {}; return { get: (k) => store[k], set: (k, v) => { store[k] = v; }, saveAsync: (cb) => cb && cb({ status: "succeeded" }) }; })(),
        },
      },
    };
  })();`;
}
