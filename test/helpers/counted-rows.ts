// The one pass's readRow wrapped and counted, for tests that must show it was taken: a test of
// equal cells (or bytes) would also pass if it never were. In a test file:
//   jest.mock("../../src/xlsx/rows", () =>
//     jest.requireActual<typeof import("../helpers/counted-rows")>("../helpers/counted-rows").countedRows());

import type * as Rows from "../../src/xlsx/rows";

/** The rows module with readRow counted (a jest.mock factory). */
export function countedRows(): typeof Rows {
  const actual = jest.requireActual<typeof Rows>("../../src/xlsx/rows");
  return { ...actual, readRow: jest.fn(actual.readRow) };
}

/** How many rows the counted readRow took (it gave where the row ends, not -1). */
export function rowsTaken(readRow: typeof Rows.readRow): number {
  return jest
    .mocked(readRow)
    .mock.results.filter((r) => r.type === "return" && r.value >= 0).length;
}
