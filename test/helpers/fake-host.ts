// A pane host over grids in memory: what the pane asks of Excel, recorded for the tests.

import type { WorkbookGrids, WritePlan } from "../../src/core";
import type { WorkbookHost } from "../../src/excel/host";

export interface FakeHost extends WorkbookHost {
  readonly applied: WritePlan[];
  readonly inserted: WritePlan[];
  readonly selected: string[];
  failWith?: Error;
}

export function fakeHost(grids: WorkbookGrids): FakeHost {
  const host: FakeHost = {
    kind: "excel",
    undoable: true,
    applied: [],
    inserted: [],
    selected: [],
    async read() {
      if (host.failWith) throw host.failWith;
      return grids;
    },
    async apply(plan) {
      host.applied.push(plan);
    },
    async select(sheet, cell) {
      host.selected.push(`${sheet}!${cell}`);
    },
    async insert(plan) {
      host.inserted.push(plan);
    },
    sourceName: () => "budget.xlsx",
  };
  return host;
}
