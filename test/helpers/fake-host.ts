// A pane host over grids in memory: what the pane asks of Excel, recorded for the tests.

import type { WorkbookGrids, WritePlan } from "../../src/core";
import type { WorkbookHost } from "../../src/excel/host";

export interface FakeHost extends WorkbookHost {
  readonly applied: WritePlan[];
  readonly inserted: WritePlan[];
  readonly selected: string[];
  readonly settings: Map<string, unknown>;
  /** The change handlers the pane has registered and not removed. */
  readonly watchers: Set<() => void>;
  failWith?: Error | undefined;
  /** A person edits the workbook: the grids become `next`, and the change handlers are called. */
  edit(next: WorkbookGrids): void;
}

export function fakeHost(grids: WorkbookGrids): FakeHost {
  let current = grids;
  const host: FakeHost = {
    kind: "excel",
    undo: () => ({ undoable: true, lifted: [] }),
    applied: [],
    inserted: [],
    selected: [],
    settings: new Map(),
    watchers: new Set(),
    async read() {
      if (host.failWith) throw host.failWith;
      return current;
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
    async watch(onChange) {
      host.watchers.add(onChange);
      return async () => {
        host.watchers.delete(onChange);
      };
    },
    getSetting: (key) => host.settings.get(key),
    async setSetting(key, value) {
      host.settings.set(key, value);
    },
    edit(next) {
      current = next;
      for (const w of host.watchers) w();
    },
  };
  return host;
}
