// The pane's and the ribbon's Excel: the only Excel.run, with Office errors mapped to messages.

import type { WorkbookGrids, WritePlan } from "../core";
import {
  type ChangeEvent,
  applyPlan,
  readGrids,
  selectCell,
  undoOf,
  unwatchWorkbook,
  watchWorkbook,
} from "./workbook";
import {
  HostError,
  OFFICE_ERROR_CODES,
  type WorkbookHost,
  type WriteUndoNote,
} from "./host";

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

/**
 * Whether a change event is a person's (or a co-author's) edit, to follow, rather than an echo
 * of the add-in's own write. The event's own word decides where the host gives it: an event
 * with `triggerSource` (ExcelApi 1.14) is the add-in's exactly when it says "ThisLocalAddin",
 * and a "Remote" event is a co-author's; an edit in the middle of the add-in's write is then not
 * lost. Only an event that says neither (older hosts, sheets added or deleted) falls back to the
 * time: ignored while the add-in writes and for a second after.
 */
export function isPersonsChange(
  event: ChangeEvent,
  own: { writing: number; quietUntil: number; now: number },
): boolean {
  if (event.triggerSource === "ThisLocalAddin") return false;
  if (event.triggerSource !== undefined) return true;
  if (event.source === "Remote") return true;
  return own.writing === 0 && own.now >= own.quietUntil;
}

export function excelHost(): WorkbookHost {
  const supports = (v: string) =>
    Office.context.requirements.isSetSupported("ExcelApi", v);
  const read = {
    merges: supports("1.13"),
    customProperties: supports("1.12"),
    hiddenCells: supports("1.9"),
  };
  const undoable = supports("1.20");
  const write = {
    ...read,
    validations: supports("1.8"),
    pageLayout: supports("1.9"),
    // isPasswordProtected is ExcelApiOnline 1.1: on the web a password is known before writing.
    passwordKnown: Office.context.requirements.isSetSupported(
      "ExcelApiOnline",
      "1.1",
    ),
  };
  // Office.context.platform (requirement set 1.5 of Office's common API): the web is "OfficeOnline".
  const desktop = String(Office.context.platform) !== "OfficeOnline";
  const undo = (plan: WritePlan, grids: WorkbookGrids): WriteUndoNote =>
    undoOf(plan, grids, { desktop, groups: undoable });
  // The add-in's own writes raise change events too: those (and their echoes shortly after) are
  // not a person's edits, and following them would only re-read what was just written.
  let writing = 0;
  let quietUntil = 0;
  const own = async <T>(work: () => Promise<T>): Promise<T> => {
    writing++;
    try {
      return await work();
    } finally {
      writing--;
      quietUntil = Date.now() + 1000;
    }
  };

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
    undo,
    read: () => run((context) => readGrids(context, read)),
    // One undo step only where every change in it can be undone: grouped, the others would fail.
    apply: (plan: WritePlan, grids: WorkbookGrids) =>
      own(() =>
        run((context) => applyPlan(context, plan, grids, write), {
          undoGroup: undo(plan, grids).undoable,
        }),
      ),
    select: (sheet: string, cell: string) =>
      run((context) => selectCell(context, sheet, cell)),
    insert: (plan: WritePlan) =>
      own(() =>
        run((context) => applyPlan(context, plan, { sheets: [] }, write), {
          undoGroup: undo(plan, { sheets: [] }).undoable,
        }),
      ),
    watch: async (onChange: () => void) => {
      const sets = {
        changed: supports("1.9"),
        rowHidden: supports("1.11"),
        renamed: supports("1.17"),
      };
      const person = (event: ChangeEvent) => {
        if (isPersonsChange(event, { writing, quietUntil, now: Date.now() }))
          onChange();
      };
      let added: OfficeExtension.EventHandlerResult<unknown>[] = [];
      await run(async (context) => {
        added = await watchWorkbook(context, person, sets);
      });
      return async () => {
        const context = added[0]?.context;
        if (!context) return;
        await Excel.run(context, (c) => unwatchWorkbook(c, added)).catch(
          () => undefined,
        ); // the pane is closing: nothing to tell anyone
      };
    },
    getSetting: (key: string): unknown =>
      Office.context.document?.settings?.get(key) as unknown,
    setSetting: (key: string, value: unknown) =>
      new Promise<void>((resolve) => {
        const settings = Office.context.document?.settings;
        if (!settings) return resolve();
        settings.set(key, value);
        settings.saveAsync(() => resolve());
      }),
    sourceName: () =>
      fileNameOf(Office.context.document?.url ?? "") || "arbetsboken",
  };
}
