// The pane's and the ribbon's Excel: the only Excel.run, with Office errors mapped to messages.

import type { WorkbookGrids, WritePlan } from "../core";
import { applyPlan, readGrids, selectCell } from "./workbook";
import { HostError, OFFICE_ERROR_CODES, type WorkbookHost } from "./host";

/** Office errors become a message key: error.code is stable, error.message is not for end users. */
export function toHostError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  const code = (e as { code?: string } | null)?.code;
  return new HostError(OFFICE_ERROR_CODES.find((k) => k === code) ?? "generic");
}

/** The workbook's file name from its URL; a name that is not valid percent-encoding stays as it is. */
export function fileNameOf(url: string): string {
  const last = url.split(/[\\/]/).pop()?.split(/[?#]/)[0] ?? "";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function supportsRequirements(): boolean {
  return Office.context.requirements.isSetSupported("ExcelApi", "1.7");
}

export function excelHost(): WorkbookHost {
  const supports = (v: string) =>
    Office.context.requirements.isSetSupported("ExcelApi", v);
  const read = { merges: supports("1.13"), customProperties: supports("1.12") };
  const write = { ...read, validations: supports("1.8") };
  const undoable = supports("1.20");

  async function run<T>(
    fn: (context: Excel.RequestContext) => Promise<T>,
    options: { undoGroup?: boolean } = {},
  ): Promise<T> {
    try {
      // delayForCellEdit: wait for the user to leave cell editing instead of failing the batch;
      // mergeUndoGroup (ExcelApi 1.20): a write of several syncs is one undo step.
      const runOptions: Excel.RunOptions = { delayForCellEdit: true };
      if (options.undoGroup && undoable) runOptions.mergeUndoGroup = true;
      return await Excel.run(runOptions, fn);
    } catch (e) {
      throw toHostError(e);
    }
  }

  return {
    kind: "excel",
    undoable,
    read: () => run((context) => readGrids(context, read)),
    apply: (plan: WritePlan, grids: WorkbookGrids) =>
      run((context) => applyPlan(context, plan, grids, write), {
        undoGroup: true,
      }),
    select: (sheet: string, cell: string) =>
      run((context) => selectCell(context, sheet, cell)),
    insert: (plan: WritePlan) =>
      run((context) => applyPlan(context, plan, { sheets: [] }, write), {
        undoGroup: true,
      }),
    sourceName: () =>
      fileNameOf(Office.context.document?.url ?? "") || "arbetsboken",
  };
}
