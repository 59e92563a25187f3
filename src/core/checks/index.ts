// Every check of the figures, one family per module, run in the order a reader meets them: the
// half-year sheets, then each half-year's lines, OH and totals, then the years and the tables.

import type { Computation } from "../figures/figures";
import type { Finding } from "../findings/findings";
import { type BudgetWorkbook, SALARY_SHEET, rateOfHalfYear } from "../model";
import { halfYearChecks } from "./half-years";
import {
  actualChecks,
  actualsInThousandsCheck,
  budgetChecks,
  copiedActualsCheck,
} from "./lines";
import {
  overheadActualCheck,
  overheadNotReportedCheck,
  overheadBudgetCheck,
  overheadLabelCheck,
} from "./overhead";
import { salaryPostChecks } from "./salaries";
import { tableChecks } from "./tables";
import { lineAsTotalCheck, subtotalChecks, totalRowChecks } from "./totals";
import { repaymentChecks, yearChecks } from "./years";

export function checkFigures(
  workbook: BudgetWorkbook,
  c: Computation,
): Finding[] {
  const salarySheet = workbook.salaries?.sheet ?? SALARY_SHEET;
  return [
    ...halfYearChecks(
      workbook,
      c.halfYears.map((h) => h.source),
    ),
    ...c.halfYears.flatMap((h) => {
      const ratePpm = rateOfHalfYear(h.source, c.agreement);
      return [
        ...budgetChecks(h, salarySheet),
        ...overheadBudgetCheck(h, ratePpm),
        ...overheadLabelCheck(h, ratePpm),
        ...copiedActualsCheck(h),
        ...actualChecks(h, c.agreement),
        ...actualsInThousandsCheck(h),
        ...overheadActualCheck(h),
        ...overheadNotReportedCheck(h, ratePpm),
        ...totalRowChecks(h),
        ...subtotalChecks(h),
        ...lineAsTotalCheck(h, ratePpm),
      ];
    }),
    ...salaryPostChecks(workbook, c),
    ...yearChecks(c),
    ...repaymentChecks(c),
    ...tableChecks(c),
  ];
}
