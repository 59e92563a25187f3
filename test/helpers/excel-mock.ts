// An Excel workbook as office-addin-mock objects, built from the core's grids. office-addin-mock
// has no collections, so the worksheet collection is a thin stand-in whose items are real mocks:
// every property read before load() and sync() still answers "Error, …", which the adapter rejects.

import { OfficeMockObject } from "office-addin-mock";
import { type Grid, a1 } from "../../src/core";

export interface RangeWrite {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
  readonly range: Record<string, unknown> & { formulas?: unknown; numberFormat?: unknown; format: { font: Record<string, unknown>; fill: Record<string, unknown>; columnWidth?: number } };
}

export interface ExcelMock {
  readonly Excel: Record<string, unknown>;
  readonly context: Excel.RequestContext & { sync: () => Promise<void> };
  readonly writes: RangeWrite[];
  readonly byAddress: { sheet: string; address: string; range: Record<string, unknown> }[];
  readonly conditionalFormats: { sheet: string; address: string; cf: { custom: { rule: { formula?: string }; format: { fill: { color?: string }; font: { color?: string } } } } }[];
  readonly added: string[];
  readonly cleared: string[];
}

type M = OfficeMockObject & Record<string, unknown>;

export function usedRangeOf(grid: Grid): Record<string, unknown> {
  const rows = grid.rows.length;
  let cols = 1;
  for (let r = 0; r < rows; r++) cols = Math.max(cols, grid.rows[r]?.length ?? 0);
  if (rows === 0) return { isNullObject: true, address: "", rowCount: 0, columnCount: 0, values: [], valueTypes: [], numberFormat: [], formulas: [] };
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
      valueTypes[r]!.push(cell === undefined || cell.t === "z" ? "Empty" : cell.t === "n" ? "Double" : cell.t === "b" ? "Boolean" : cell.t === "e" ? "Error" : v === "" ? "Empty" : "String");
      numberFormat[r]!.push(cell?.fmt ?? "General");
      formulas[r]!.push(cell?.f ? `=${cell.f}` : v);
    }
  }
  return { isNullObject: false, address: `'${grid.name}'!A1:${a1(rows - 1, cols - 1)}`, rowCount: rows, columnCount: cols, values, valueTypes, numberFormat, formulas };
}

export function excelMock(grids: readonly Grid[]): ExcelMock {
  const writes: RangeWrite[] = [];
  const byAddress: ExcelMock["byAddress"] = [];
  const conditionalFormats: ExcelMock["conditionalFormats"] = [];
  const added: string[] = [];
  const cleared: string[] = [];

  const rangeMock = (sheet: string, address: string): M => {
    const range = new OfficeMockObject({
      format: { font: {}, fill: {} },
      dataValidation: {},
      select() {},
      clear() {
        cleared.push(`${sheet}!${address}`);
      },
      conditionalFormats: {
        clearAll() {},
        add() {
          const cf = new OfficeMockObject({ custom: { rule: {}, format: { fill: {}, font: {} } } }) as unknown as ExcelMock["conditionalFormats"][number]["cf"];
          conditionalFormats.push({ sheet, address, cf });
          return cf;
        },
      },
    }) as M;
    return range;
  };

  const sheetMock = (grid: Grid): M =>
    new OfficeMockObject({
      name: grid.name,
      usedRange: usedRangeOf(grid),
      // The whole sheet's range: its merged areas, and clear() for a sheet rewritten whole.
      whole: {
        merged: {
          isNullObject: (grid.merges ?? []).length === 0,
          address: (grid.merges ?? []).map((m) => `'${grid.name}'!${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`).join(", "),
        },
        getMergedAreasOrNullObject() {
          return (this as unknown as { merged: unknown }).merged;
        },
        clear() {
          cleared.push(`${grid.name}!*`);
        },
      },
      getUsedRangeOrNullObject() {
        return (this as unknown as { usedRange: unknown }).usedRange;
      },
      getRangeByIndexes(row: number, col: number, rows: number, cols: number) {
        const range = rangeMock(grid.name, a1(row, col));
        writes.push({ sheet: grid.name, row, col, rows, cols, range: range as unknown as RangeWrite["range"] });
        return range;
      },
      getRange(address?: string) {
        if (address === undefined) return (this as unknown as { whole: unknown }).whole;
        const range = rangeMock(grid.name, address);
        byAddress.push({ sheet: grid.name, address: address ?? "*", range: range as unknown as Record<string, unknown> });
        return range;
      },
      freezePanes: { freezeRows() {} },
      activate() {},
    }) as M;

  const sheets = grids.map(sheetMock);
  const byName = new Map(grids.map((g, i) => [g.name, sheets[i]!]));
  const worksheets = {
    items: sheets,
    load(this: M, props: string) {
      // The collection stand-in: loading "items/name" loads name on every item mock.
      OfficeMockObject.prototype.load.call(this, "items");
      for (const s of sheets) s.load(props.replace(/^items\//, ""));
    },
    getItem(name: string) {
      const found = byName.get(name);
      if (!found) throw new Error(`ItemNotFound: ${name}`);
      return found;
    },
    add(name: string) {
      added.push(name);
      const s = sheetMock({ name, rows: [] });
      sheets.push(s);
      byName.set(name, s);
      return s;
    },
  };
  const root = new OfficeMockObject({
    context: {
      workbook: { worksheets },
      application: { suspendApiCalculationUntilNextSync() {} },
      async sync(this: M) {
        await OfficeMockObject.prototype.sync.call(this);
        for (const s of sheets) await s.sync();
      },
    },
  }) as M;
  const Excel = { ConditionalFormatType: { custom: "Custom" }, DataValidationAlertStyle: { stop: "Stop" } };
  return { Excel, context: root.context as unknown as ExcelMock["context"], writes, byAddress, conditionalFormats, added, cleared };
}
