// A template plan with some of Uppgifter's values typed in, as a partner (or a test) would.

import { type PlanValue, type WritePlan, planTemplate } from "../../src/core";
import { createWorkbook } from "../../src/xlsx/write";
import { recalculateWithLibreOffice } from "./libreoffice";

/** The plan with column B of Uppgifter's given rows (0-based) holding these texts. */
export function withDetails(
  plan: WritePlan,
  values: Readonly<Record<number, string>>,
): WritePlan {
  return {
    ...plan,
    creates: plan.creates.map((c) =>
      c.sheet !== "Uppgifter"
        ? c
        : {
            ...c,
            cells: c.cells.map((cell) => {
              const value = cell.col === 1 ? values[cell.row] : undefined;
              return value === undefined
                ? cell
                : { ...cell, value: { kind: "text" as const, value } };
            }),
          },
    ),
  };
}

/** The template of 2026-07 – 2027-06 with the partnership, case and organisation typed in. */
export function template2026(): WritePlan {
  return withDetails(
    planTemplate({
      from: { year: 2026, month: 7 },
      to: { year: 2027, month: 6 },
    }),
    { 0: "Trygga kvarter", 1: "STK-2026-0042", 2: "Föreningen Grannar" },
  );
}

/** The plan with the cells `value` gives a value for set to it (their look kept). */
export function typedIn(
  plan: WritePlan,
  value: (sheet: string, row: number, col: number) => PlanValue | undefined,
): WritePlan {
  return {
    ...plan,
    creates: plan.creates.map((c) => ({
      ...c,
      cells: c.cells.map((cell) => {
        const v = value(c.sheet, cell.row, cell.col);
        return v === undefined ? cell : { ...cell, value: v };
      }),
    })),
  };
}

/**
 * The template of 2026-07 – 2027-06 with its examples, as a spreadsheet saves it (its formulas
 * worked out by LibreOffice): the workbook a partner opens in Excel.
 */
export function templateAsSaved(): Uint8Array {
  saved ??= recalculateWithLibreOffice(createWorkbook(template2026()));
  return saved;
}
let saved: Uint8Array | undefined;
