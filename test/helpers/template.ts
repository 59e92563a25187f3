// A template plan with some of Uppgifter's values typed in, as a partner (or a test) would.

import type { WritePlan } from "../../src/core";

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
