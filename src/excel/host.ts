// Where the pane's workbook lives: the open Excel workbook (Office.js) or, outside Office, files.

import type { ErrorKey, PaneText } from "../i18n/text";
import type { WorkbookGrids, WritePlan } from "../core";

export interface WorkbookHost {
  readonly kind: "excel";
  read(): Promise<WorkbookGrids>;
  /**
   * Writes a plan made from `grids`; refuses, writing nothing, when the workbook changed since
   * they were read or a target is protected.
   */
  apply(plan: WritePlan, grids: WorkbookGrids): Promise<void>;
  select(sheet: string, cell: string): Promise<void>;
  /** Adds sheets to the open workbook; never touches an existing one. */
  insert(plan: WritePlan): Promise<void>;
  /** The file or workbook name, for the Beslut stamp. */
  sourceName(): string;
  /**
   * What writing `plan` does that matters before it is confirmed: whether Excel can undo it as
   * one step (ExcelApi 1.20, and nothing in it that Excel cannot undo), and which protected
   * sheets it unprotects and protects again.
   */
  undo(plan: WritePlan, grids: WorkbookGrids): WriteUndoNote;
  /**
   * Calls `onChange` after a person edits a cell or adds, deletes or renames a sheet (not after
   * the add-in's own writes); resolves to a function that removes the handlers.
   */
  watch(onChange: () => void): Promise<() => Promise<void>>;
  /** A setting kept in the workbook (Office's document settings), shared by its users. */
  getSetting(key: string): unknown;
  setSetting(key: string, value: unknown): Promise<void>;
}

export interface WriteUndoNote {
  readonly undoable: boolean;
  readonly lifted: readonly string[];
}

/** The Office error codes the adapter can meet, each with a message of its own. */
export const OFFICE_ERROR_CODES = [
  "InvalidOperationInCellEditMode",
  "ItemNotFound",
  "ItemAlreadyExists",
  "AccessDenied",
  "RequestPayloadSizeLimitExceeded",
  "ResponsePayloadSizeLimitExceeded",
  "InactiveWorkbook",
  "RequestAborted",
  "Conflict",
  "InvalidArgument",
  "InvalidReference",
  "InvalidOperation",
  "UnsupportedOperation",
  "UndoNotSupported",
  "ApiNotFound",
  "NotImplemented",
  "GeneralException",
] as const;

/** The keys of the messages the pane and the ribbon have for what a host can fail with. */
export type HostErrorKey = ErrorKey;
// Every Office code the adapter maps has a message of its own.
const _everyCodeHasAMessage: readonly ErrorKey[] = OFFICE_ERROR_CODES;
void _everyCodeHasAMessage;

/** An error to show the user: a message key of the pane's catalogue, and the sheet it concerns. */
export class HostError extends Error {
  constructor(
    readonly key: HostErrorKey,
    readonly sheet?: string,
  ) {
    super(sheet ? `${key}: ${sheet}` : key);
    this.name = "HostError";
  }
}

/** The message for a host error in the reader's words, with the sheet it concerns where there is one. */
export function errorText(t: PaneText, e: unknown): string {
  const error = e instanceof HostError ? e : new HostError("generic");
  const message = t.errors[error.key];
  return typeof message === "function" ? message(error.sheet ?? "?") : message;
}
