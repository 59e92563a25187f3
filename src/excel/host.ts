// Where the pane's workbook lives: the open Excel workbook (Office.js) or, outside Office, files.

import type { WorkbookGrids, WritePlan } from "../core";

export interface WorkbookHost {
  readonly kind: "excel";
  read(): Promise<WorkbookGrids>;
  apply(plan: WritePlan, grids: WorkbookGrids): Promise<void>;
  select(sheet: string, cell: string): Promise<void>;
  /** Adds sheets to the open workbook; never touches an existing one. */
  insert(plan: WritePlan): Promise<void>;
  /** The file or workbook name, for the Beslut stamp. */
  sourceName(): string;
}

/** An error to show the user: a message key of the pane's catalogue. */
export class HostError extends Error {
  constructor(
    readonly key:
      | "InvalidOperationInCellEditMode"
      | "ItemNotFound"
      | "AccessDenied"
      | "RequestPayloadSizeLimitExceeded"
      | "requirements"
      | "generic",
    detail?: string,
  ) {
    super(detail ?? key);
    this.name = "HostError";
  }
}
