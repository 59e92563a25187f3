// compute as the CLI does it, on bytes: read → analyze → plan → apply.

import { type WritePlan, analyze, planWrite } from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { applyPlan } from "../../src/xlsx/write";

export const STAMP = {
  at: "2026-11-23 12:00",
  version: "test",
  source: "input.xlsx",
};

export function planOf(bytes: Uint8Array): WritePlan {
  const grids = readXlsx(bytes);
  return planWrite(grids, analyze(grids), STAMP);
}

export function computeBytes(bytes: Uint8Array): Uint8Array {
  return applyPlan(bytes, planOf(bytes));
}
