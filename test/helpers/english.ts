// English output is English: what of a message is left in Swedish once the workbook's own words
// are taken out.

import {
  DECISION_SHEET,
  DETAILS_SHEET,
  EXAMPLE_SHEET,
  RATES_SHEET,
  SALARY_SHEET,
  SCENARIO_SHEET,
} from "../../src/core";

/** The sheets the workbook has by the template's Swedish names. */
const OWN_SHEETS = [
  DETAILS_SHEET,
  SALARY_SHEET,
  DECISION_SHEET,
  SCENARIO_SHEET,
  RATES_SHEET,
  EXAMPLE_SHEET,
];

/**
 * English output is English: Swedish may stand only where it is a person's or the workbook's own
 * words — quoted, in parentheses as a gloss ("Partnership (Partnerskap)"), or a sheet's name.
 */
export function swedishIn(
  message: string,
  sheet: string | null,
): string | null {
  const names = [sheet ?? "", ...OWN_SHEETS].filter(Boolean);
  const rest = names
    .reduce((m, name) => m.split(name).join(""), message)
    .replace(/"[^"]*"/g, "")
    .replace(/\([^)]*\)/g, "");
  return /[åäöÅÄÖ]/.test(rest) ? rest : null;
}
