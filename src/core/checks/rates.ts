// `Avgiftssatser` (SPEC §4.19): the engine uses the law's rates (payroll.ts), so a rate a person
// changed on the add-in's table is said at its cell, and compute writes the table back.

import { type Finding, finding } from "../findings/findings";
import { isOwnRatesSheet, planRatesSheet } from "../plan/rates";
import { PLAIN_AMOUNT_FORMAT } from "../plan/types";
import { isPercentFormat, isoToSerial, serialToIso } from "../reading/dates";
import { type Grid, a1, cellAt } from "../reading/grid";
import { readText } from "../reading/values";

export function ratesTableChecks(grid: Grid): Finding[] {
  if (!isOwnRatesSheet(grid)) return [];
  const table = planRatesSheet(false).cells;
  const labelOf = (row: number): string => {
    const label = table.find((c) => c.row === row && c.col === 0)?.value;
    return label?.kind === "text"
      ? label.value
      : `Åldersgräns från år ${label?.kind === "number" ? label.value : ""}`;
  };
  return table.flatMap((c) => {
    const want = c.value;
    if (want.kind !== "number" && want.kind !== "date") return [];
    const seen = cellAt(grid, c.row, c.col);
    const expected =
      want.kind === "number" ? want.value : isoToSerial(want.iso);
    if (seen?.t === "n" && Math.abs(seen.v - expected) < 1e-9) return [];
    // Percentages and amounts in the reader's language ("31,42 %", "25 000 kr"); years, ages and
    // dates as they are.
    const percent = isPercentFormat(c.style?.numberFormat);
    // The cap's format, with or without öre (numberStyleFor picks one by the value).
    const amount =
      c.style?.numberFormat?.startsWith(PLAIN_AMOUNT_FORMAT) ?? false;
    const unit = percent ? " %" : amount ? "\u00a0kr" : "";
    const shown = (v: number): number | string =>
      percent
        ? v * 100
        : amount
          ? v
          : want.kind === "date"
            ? (serialToIso(v) ?? String(v))
            : String(v);
    const typed = readText(seen);
    return [
      finding("RATE_TABLE_CHANGED", grid.name, a1(c.row, c.col), {
        label: c.col === 0 ? "Från år" : labelOf(c.row),
        entered: seen?.t === "n" ? shown(seen.v) : typed ? `"${typed}"` : null,
        enteredUnit: seen?.t === "n" ? unit : "",
        expected: shown(expected),
        unit,
      }),
    ];
  });
}
