// `Lönekalkyl` (SPEC §4.19): a person whose post is no line of any half-year is costed nowhere.

import type { Computation } from "../figures/figures";
import { type Finding, finding } from "../findings/findings";
import { a1 } from "../reading/grid";
import type { BudgetWorkbook } from "../model";
import { personsByPost, personsOfLine } from "../reading/salaries";

export function salaryPostChecks(
  workbook: BudgetWorkbook,
  c: Computation,
): Finding[] {
  const salaries = workbook.salaries;
  if (!salaries) return [];
  // The persons some line has, matched as the engine matches them.
  const byPost = personsByPost(salaries);
  const used = new Set<number>();
  for (const h of c.halfYears)
    for (const l of h.lines)
      for (const p of personsOfLine(l.input, byPost) ?? []) used.add(p.row);
  return salaries.persons.flatMap((p) =>
    used.has(p.row)
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
