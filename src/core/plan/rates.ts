// The rate table `Avgiftssatser` (SPEC §4.19): the add-in's sheet, written from the engine's own
// data (payroll.ts), which the cost formulas of `Lönekalkyl` read; and where it stands, for the
// check that a person's change to it is said.

import { CONTRIBUTIONS } from "../figures/payroll";
import { toKronor } from "../figures/money";
import { RATES_SHEET } from "../ownership";
import type { Grid } from "../reading/grid";
import { readText } from "../reading/values";
import {
  type CellWrite,
  DATE_FORMAT,
  HEADER_STYLE,
  PERCENT_FORMAT,
  numberStyleFor,
  PLAIN_AMOUNT_FORMAT,
  type SheetCreate,
  num,
  text,
} from "./types";

/** The note in A1 that marks `Avgiftssatser` as the add-in's. */
export const RATES_NOTE =
  "Avgiftssatser för lönekalkylen (iop-budget): formlerna i Lönekalkyl läser satserna här. Bladet skrivs om vid varje beräkning.";

/** Where each rate sits on `Avgiftssatser` (column B), for the formulas. */
export const RATE_ROWS = {
  general: 4,
  oldAgePension: 5,
  youthRate: 6,
  youthCap: 7,
  youthFrom: 8,
  youthTo: 9,
  youthMinAge: 10,
  /** "… men inte fyllt (år)": the age the young must not have turned (one above the last age). */
  youthNotTurned: 11,
  noneBornUpTo: 12,
} as const;
export const OLDER_FIRST_ROW = 15;

type RateRow = [string, number | { date: string }, string, string?];

/** The rules of payroll.ts as the rows of `Avgiftssatser`: label, value, source, format. */
function rateRows(): RateRow[] {
  const y = CONTRIBUTIONS.youth;
  return [
    [
      "Arbetsgivaravgifter, fulla",
      CONTRIBUTIONS.general / 1e6,
      "socialavgiftslagen (2000:980) 2 kap. 26 §",
      PERCENT_FORMAT,
    ],
    [
      "Ålderspensionsavgift (endast)",
      CONTRIBUTIONS.oldAgePension / 1e6,
      "2 kap. 27 §: den som fyllt åldersgränsen nedan vid årets ingång",
      PERCENT_FORMAT,
    ],
    [
      "Nedsättning för unga",
      y.rate / 1e6,
      "SFS 2026:100: ålderspensionsavgiften och halva övriga avgifter",
      PERCENT_FORMAT,
    ],
    [
      "… på lön upp till (kr per månad)",
      toKronor(y.capOre),
      "lön däröver: fulla avgifter",
      PLAIN_AMOUNT_FORMAT,
    ],
    ["… för lön från och med", { date: y.from }, ""],
    ["… till och med", { date: y.to }, ""],
    ["… fyllt minst (år) vid årets ingång", y.minAge, ""],
    ["… men inte fyllt (år)", y.maxAge + 1, ""],
    [
      "Inga avgifter för födda till och med",
      CONTRIBUTIONS.noneBornUpTo,
      "2 kap. 27 §",
    ],
  ];
}

/** The rate table, written from the engine's own data (payroll.ts). */
export function planRatesSheet(replaces: boolean): SheetCreate {
  const cells: CellWrite[] = [
    { row: 0, col: 0, value: text(RATES_NOTE), style: { italic: true } },
    ...["Regel", "Värde", "Källa"].map((h, col) => ({
      row: 2,
      col,
      value: text(h),
      style: HEADER_STYLE,
    })),
  ];
  rateRows().forEach(([label, value, source, format], i) => {
    const row = RATE_ROWS.general - 1 + i;
    cells.push({ row, col: 0, value: text(label) });
    cells.push(
      typeof value === "number"
        ? {
            row,
            col: 1,
            value: num(value),
            ...(format
              ? { style: numberStyleFor({ numberFormat: format }, value) }
              : {}),
          }
        : {
            row,
            col: 1,
            value: { kind: "date", iso: value.date },
            style: { numberFormat: DATE_FORMAT },
          },
    );
    if (source) cells.push({ row, col: 2, value: text(source) });
  });
  cells.push(...olderAgeCells());
  return {
    sheet: RATES_SHEET,
    replaces,
    cells,
    columnWidths: [40, 14, 60],
    freeze: null,
    validations: [],
    marks: [],
  };
}

/** The older workers' age limit by year: the table the cost formulas look up. */
function olderAgeCells(): CellWrite[] {
  const cells: CellWrite[] = [
    "Från år",
    "Åldersgräns, endast ålderspensionsavgift",
  ].map((h, col) => ({
    row: OLDER_FIRST_ROW - 2,
    col,
    value: text(h),
    style: HEADER_STYLE,
  }));
  CONTRIBUTIONS.olderAge.forEach((r, i) => {
    cells.push({
      row: OLDER_FIRST_ROW - 1 + i,
      col: 0,
      value: num(r.fromYear),
    });
    cells.push({ row: OLDER_FIRST_ROW - 1 + i, col: 1, value: num(r.age) });
  });
  return cells;
}

/** Whether a sheet called Avgiftssatser is the add-in's (its note in A1). */
export function isOwnRatesSheet(grid: Grid): boolean {
  return readText(grid.rows[0]?.[0]).startsWith(RATES_NOTE.slice(0, 40));
}
