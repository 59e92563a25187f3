// Where the pane's workbook lives: the open Excel workbook (Office.js) or, outside Office, files.

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
  /** Excel can undo the add-in's write as one step (ExcelApi 1.20). */
  readonly undoable: boolean;
  /**
   * Calls `onChange` after a person edits a cell or adds, deletes or renames a sheet (not after
   * the add-in's own writes); resolves to a function that removes the handlers.
   */
  watch(onChange: () => void): Promise<() => Promise<void>>;
  /** A setting kept in the workbook (Office's document settings), shared by its users. */
  getSetting(key: string): unknown;
  setSetting(key: string, value: unknown): Promise<void>;
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

export type HostErrorKey =
  | (typeof OFFICE_ERROR_CODES)[number]
  /** The workbook changed between the preview and the write. */
  | "changed"
  /** A sheet to be written is protected (`sheet` names it). */
  | "sheetProtected"
  /** The workbook's structure is protected, so a sheet cannot be added (`sheet` names it). */
  | "workbookProtected"
  | "requirements"
  | "generic";

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
