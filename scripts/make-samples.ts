// Writes the bundled sample workbooks of the seed case (SPEC §5) into samples/.
// Run with `npm run sample`; the README's main command checks them.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  budgetWorkbook,
  detailsSheet,
  reportHalfYearSheet,
} from "../test/helpers/seed";
import { buildXlsx } from "../test/helpers/workbook";

export const SAMPLE_DIR = join(__dirname, "..", "..", "samples");

async function main(): Promise<void> {
  mkdirSync(SAMPLE_DIR, { recursive: true });
  const budget = await buildXlsx(budgetWorkbook({ typedSalaries: false }));
  const report = await buildXlsx([
    detailsSheet({
      start: "2023-07-01",
      end: "2025-06-30",
      repaymentDue: "2025-06-30",
      extra: [["Ej förbrukat överskott 2023", "232 886 kr"]],
    }),
    reportHalfYearSheet("Utfall 2024 H1", 1),
    reportHalfYearSheet("Utfall 2024 H2", 2),
  ]);
  writeFileSync(join(SAMPLE_DIR, "jamlik-halsa-budget-2025-26.xlsx"), budget);
  writeFileSync(join(SAMPLE_DIR, "jamlik-halsa-rapport-2024.xlsx"), report);
  process.stdout.write(`Wrote the sample workbooks to ${SAMPLE_DIR}\n`);
}

void main();
