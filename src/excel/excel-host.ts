// The pane's and the ribbon's Excel: the only Excel.run, with Office errors mapped to messages.

import type { WorkbookGrids, WritePlan } from "../core";
import { applyPlan, readGrids, selectCell } from "./workbook";
import { HostError, type WorkbookHost } from "./host";

const KNOWN = [
  "InvalidOperationInCellEditMode",
  "ItemNotFound",
  "AccessDenied",
  "RequestPayloadSizeLimitExceeded",
] as const;

/** Office errors become a message key: error.code is stable, error.message is not for end users. */
export function toHostError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  const code = (e as { code?: string }).code;
  const known = KNOWN.find((k) => k === code);
  return new HostError(
    known ?? "generic",
    e instanceof Error ? e.message : String(e),
  );
}

async function run<T>(
  fn: (context: Excel.RequestContext) => Promise<T>,
): Promise<T> {
  try {
    // delayForCellEdit: wait for the user to leave cell editing instead of failing the batch.
    return await Excel.run({ delayForCellEdit: true }, fn);
  } catch (e) {
    throw toHostError(e);
  }
}

export function supportsRequirements(): boolean {
  return Office.context.requirements.isSetSupported("ExcelApi", "1.7");
}

export function excelHost(): WorkbookHost {
  const validations = Office.context.requirements.isSetSupported(
    "ExcelApi",
    "1.8",
  );
  const merges = Office.context.requirements.isSetSupported("ExcelApi", "1.13");
  return {
    kind: "excel",
    read: () => run((context) => readGrids(context, { merges })),
    apply: (plan: WritePlan, grids: WorkbookGrids) =>
      run((context) => applyPlan(context, plan, grids, { validations })),
    select: (sheet: string, cell: string) =>
      run((context) => selectCell(context, sheet, cell)),
    insert: (plan: WritePlan) =>
      run((context) =>
        applyPlan(context, plan, { sheets: [] }, { validations }),
      ),
    sourceName: () => {
      const url = Office.context.document?.url ?? "";
      return (
        decodeURIComponent(url.split(/[\\/]/).pop() ?? "") || "arbetsboken"
      );
    },
  };
}
