// `Lönekalkyl` (SPEC §4.19): a person whose post is no line of any half-year is costed nowhere.

import type { Computation } from "../figures/figures";
import { type Finding, finding } from "../findings/findings";
import { a1 } from "../reading/grid";
import type { BudgetWorkbook } from "../model";
import { normalizeKey } from "../reading/values";

export function salaryPostChecks(
  workbook: BudgetWorkbook,
  c: Computation,
): Finding[] {
  const salaries = workbook.salaries;
  if (!salaries) return [];
  const used = new Set<string>();
  for (const h of c.halfYears)
    for (const l of h.lines)
      if (l.salaries) used.add(normalizeKey(l.input.label));
  return salaries.persons.flatMap((p) =>
    used.has(normalizeKey(p.post))
      ? []
      : [
          finding(
            "SALARY_POST_UNKNOWN",
            salaries.sheet,
            a1(p.row - 1, salaries.columns.post ?? 0),
            { post: p.post },
          ),
        ],
  );
}
