// Every finding's code, severity and message (sv, en). Messages say what is wrong and what to do.

import { type Lang, formatKronor, formatNumber } from "./format";
import { type Ore, ore } from "../figures/money";
import { withoutUnseen } from "../reading/values";
import { SALARY_SHEET } from "../model";

export type Severity = "error" | "warning" | "info";

/** A parameter's value: text as it is, a number written in the reader's language (an amount in öre, named "…Ore", as kronor). */
export type ParamValue = string | number | null;

export type Params = Readonly<Record<string, ParamValue | undefined>>;

export interface Finding {
  readonly severity: Severity;
  readonly code: FindingCode;
  readonly sheet: string | null;
  readonly cell: string | null;
  readonly params: Params;
}

/** A finding with its message in one language, as the CLI's JSON and the pane show it. */
export interface RenderedFinding {
  readonly severity: Severity;
  readonly code: FindingCode;
  readonly sheet: string | null;
  readonly cell: string | null;
  readonly message: string;
}

/** A line's overspend in a half-year (excl. OH): OVERSPENT and OVERSPENT_WITHIN_TOLERANCE. */
interface Overspend extends Params {
  readonly label: string;
  readonly halfYear: string;
  readonly overOre: Ore;
  readonly budgetOre: Ore;
  readonly actualOre: Ore;
}

/** What a cell that is no number should have held: NOT_A_NUMBER says what to write. */
export type Expected = "amount" | "percent" | "rate" | "months" | "year";
const EXPECTED_SV: Record<Expected, string> = {
  amount: "beloppet, t.ex. 40000",
  percent: "procentsatsen, t.ex. 50 %",
  // An agreement's rate (OH-sats, Pålägg): an example near the ones people type.
  rate: "procentsatsen, t.ex. 10 %",
  months: "antalet månader, t.ex. 6",
  year: "året, t.ex. 1985",
};
const EXPECTED_EN: Record<Expected, string> = {
  amount: "the amount, e.g. 40000",
  percent: "the percentage, e.g. 50 %",
  rate: "the rate, e.g. 10 %",
  months: "the number of months, e.g. 6",
  year: "the year, e.g. 1985",
};

/** A finding that takes no parameters. */
type NoParams = Record<never, never>;
/** A line's formula against its persons' cost, and the persons it does not count (rows, names). */
type PersonsNotCounted = {
  readonly enteredOre: Ore;
  readonly computedOre: Ore;
  readonly rows: string;
  readonly names: string;
  readonly salarySheet: string;
};

/**
 * Whether a count as shown ("1 500", "1,500": its digits) is more than one; the help page's "…"
 * is not, so it reads in the singular.
 */
const several = (count: string): boolean =>
  Number(count.replace(/[\s,]/gu, "")) > 1;

/** The salary sheet as a message names it: the template's name as it is, another in quotes. */
const salaries = (sheet: string): string =>
  sheet === SALARY_SHEET ? sheet : `"${sheet}"`;

/** What a message sees: every parameter written out; an amount's "Ore" suffix dropped. */
type Shown<P> = {
  readonly [
    K in keyof P & string as K extends `${infer B}Ore` ? B : K
  ]-?: string;
};

type Template<P> = (f: Shown<P>) => string;

interface Entry<P> {
  readonly severity: Severity;
  readonly sv: Template<P>;
  readonly en: Template<P>;
  /** Never set: carries the parameters' type to `finding`. */
  readonly params?: P;
}

/** Params that are years or row numbers: written as they are ("2025", not "2 025"). */
const VERBATIM = /^(year|row)$|(Year|Row)$/;

/** The most characters of a workbook's text a message quotes (a cell holds up to 32 767). */
export const MAX_QUOTED = 100;

/**
 * A text as a message quotes it: whole, or its first MAX_QUOTED characters and "…"; without the
 * characters that are not seen, among them the bidirectional controls, which would turn the
 * message around (a sheet's name, too).
 */
export function quoted(raw: string, max = MAX_QUOTED): string {
  const text = withoutUnseen(raw);
  if (text.length <= max) return text;
  // Not between the two halves of a surrogate pair.
  const cut = /[\uDC00-\uDFFF]/.test(text[max]!) ? max - 1 : max;
  return `${text.slice(0, cut)}…`;
}

/** A partner's explanation is quoted longer than a label: it is read for what it says. */
export const MAX_EXPLANATION_QUOTED = 300;

// Params whose name ends in "Ore" are amounts; they are shown as kronor.
function shown(p: Params, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    // An absent amount is the empty text under the name its message reads ("shown", not "shownOre").
    if (v === null || v === undefined)
      out[k.endsWith("Ore") ? k.slice(0, -3) : k] = "";
    else if (k.endsWith("Ore") && typeof v === "number")
      out[k.slice(0, -3)] = formatKronor(ore(v), lang);
    else if (typeof v === "number" && VERBATIM.test(k)) out[k] = String(v);
    else if (typeof v === "number") out[k] = formatNumber(v, lang);
    else
      out[k] = quoted(
        v,
        k === "explanation" ? MAX_EXPLANATION_QUOTED : MAX_QUOTED,
      );
  }
  return out;
}

// Each code names its parameters' types: a message reading a parameter its code does not declare,
// or a finding made without one, does not compile.
const t = <P extends Params>(
  sv: Template<P>,
  en: Template<P>,
  severity: Severity,
): Entry<P> => ({ severity, sv, en });

export const FINDINGS = {
  // Workbook level
  NO_DETAILS_SHEET: t<NoParams>(
    () =>
      "Bladet Uppgifter saknas. Lägg till ett blad som heter Uppgifter med avtalets uppgifter (partnerskap, organisation, avtalsperiod, OH-sats).",
    () =>
      "The sheet Uppgifter is missing. Add a sheet named Uppgifter with the agreement details (partnership, organisation, agreement period, overhead rate).",
    "error",
  ),
  DETAILS_FROM_SHEET: t<NoParams>(
    () =>
      "Avtalets uppgifter (partnerskap, organisation, avtalsperiod, OH-sats) läses från det här bladet: inget blad heter Uppgifter.",
    () =>
      "The agreement's details (partnership, organisation, agreement period, OH rate) are read from this sheet: no sheet is named Uppgifter.",
    "info",
  ),
  HIDDEN_SHEET_NOT_READ: t<{
    readonly halfYear: string;
    readonly shown: string;
  }>(
    (f) =>
      `Bladet är dolt och gäller samma halvår (${f.halfYear}) som bladet "${f.shown}": det dolda läses inte. Ta bort det, eller visa det och ge det en annan period, om det ska räknas.`,
    (f) =>
      `The sheet is hidden and covers the same half-year (${f.halfYear}) as the sheet "${f.shown}": the hidden one is not read. Delete it, or show it and give it another period, if it should count.`,
    "info",
  ),
  HIDDEN_LINES: t<{
    /** How many lines with amounts are in hidden rows. */
    readonly count: number;
    /** The first of their rows, joined by ", ". */
    readonly rows: string;
    /** How many more there are than those named. */
    readonly more: number;
  }>(
    (f) =>
      several(f.count)
        ? `${f.count} rader med belopp är dolda (eller bortfiltrerade) i arbetsboken: rad ${f.rows}${f.more === "0" ? "" : ` och ${f.more} till`}. De räknas med i halvårets summor, som Excels SUMMA räknar dem. Visa dem för att se allt som räknas.`
        : `Raden har belopp men är dold (eller bortfiltrerad) i arbetsboken. Den räknas med i halvårets summor, som Excels SUMMA räknar den. Visa den för att se allt som räknas.`,
    (f) =>
      several(f.count)
        ? `${f.count} lines with amounts are hidden (or filtered out) in the workbook: rows ${f.rows}${f.more === "0" ? "" : ` and ${f.more} more`}. They count in the half-year's sums, as Excel's SUM counts them. Unhide them to see everything that counts.`
        : `The line has amounts but is hidden (or filtered out) in the workbook. It counts in the half-year's sums, as Excel's SUM counts it. Unhide it to see everything that counts.`,
    "info",
  ),
  BUDGET_SHEET_REPORTED: t<{
    readonly halfYear: string;
    readonly report: string;
  }>(
    (f) =>
      `Bladet har budgeten för ${f.halfYear}, som återrapporten "${f.report}" redovisar med utfall: det läses inte, och ${f.halfYear} räknas från "${f.report}".`,
    (f) =>
      `The sheet holds the budget for ${f.halfYear}, which the report "${f.report}" accounts for with actuals: it is not read, and ${f.halfYear} is counted as "${f.report}" has it.`,
    "info",
  ),
  REPORTED_BUDGET_DIFFERS: t<{
    readonly halfYear: string;
    readonly report: string;
    readonly budgetOre: Ore;
    readonly reportedOre: Ore;
  }>(
    (f) =>
      `Bladet har budgeten för ${f.halfYear}, ${f.budget}, men återrapporten "${f.report}" redovisar mot ${f.reported}. Bladet läses inte, och ${f.halfYear} räknas från "${f.report}": kontrollera att återrapporten redovisar mot den beviljade budgeten.`,
    (f) =>
      `The sheet holds the budget for ${f.halfYear}, ${f.budget}, but the report "${f.report}" accounts against ${f.reported}. The sheet is not read, and ${f.halfYear} is counted as "${f.report}" has it: check that the report accounts against the granted budget.`,
    "warning",
  ),
  SALARIES_FROM_SHEET: t<NoParams>(
    () =>
      "Lönekalkylen (en rad per person med post, födelseår och månadslön) läses från det här bladet: inget blad heter Lönekalkyl.",
    () =>
      "The salary calculation (a row per person with post, birth year and monthly salary) is read from this sheet: no sheet is named Lönekalkyl.",
    "info",
  ),
  NO_HALF_YEAR_SHEET: t<NoParams>(
    () =>
      'Arbetsboken har inget halvårsblad. Lägg till ett blad per halvår, t.ex. "Budget 2025 H2", med en tabell med kolumnerna Post och Budget.',
    () =>
      'The workbook has no half-year sheet. Add one sheet per half-year, e.g. "Budget 2025 H2", with a table with the columns Post and Budget.',
    "error",
  ),
  HALF_YEAR_BELOW_TABLE: t<{
    readonly halfYear: string;
    readonly row: number;
    readonly sheetName: string;
  }>(
    (f) =>
      `Under tabellen, från rad ${f.row}, står en tabell för ${f.halfYear} som inte läses: ett blad läses som ett halvår, och ${f.halfYear} saknas i beräkningen. Flytta tabellen till ett eget blad, "${f.sheetName}".`,
    (f) =>
      `Below the table, from row ${f.row}, is a table for ${f.halfYear} that is not read: a sheet is read as one half-year, and ${f.halfYear} is missing from the figures. Move the table to a sheet of its own, "${f.sheetName}".`,
    "error",
  ),
  HALF_YEAR_BESIDE_TABLE: t<{
    readonly halfYear: string;
    readonly column: string;
    readonly sheetName: string;
  }>(
    (f) =>
      `Bredvid tabellen, från kolumn ${f.column}, står en tabell för ${f.halfYear} som inte läses: ett blad läses som ett halvår, och ${f.halfYear} saknas i beräkningen. Flytta tabellen till ett eget blad, "${f.sheetName}".`,
    (f) =>
      `Beside the table, from column ${f.column}, is a table for ${f.halfYear} that is not read: a sheet is read as one half-year, and ${f.halfYear} is missing from the figures. Move the table to a sheet of its own, "${f.sheetName}".`,
    "error",
  ),
  DUPLICATE_HALF_YEAR: t<{
    readonly halfYear: string;
    readonly other: string;
    readonly sheet: string;
  }>(
    (f) =>
      `Halvåret ${f.halfYear} finns på två blad (${f.other} och ${f.sheet}). Ta bort eller byt period på det ena.`,
    (f) =>
      `The half-year ${f.halfYear} is on two sheets (${f.other} and ${f.sheet}). Remove one or change its period.`,
    "error",
  ),
  PERIOD_NOT_COVERED: t<{
    readonly start: string;
    readonly end: string;
    readonly missing: string;
    readonly months: string;
    readonly monthsEn: string;
  }>(
    (f) =>
      `Avtalsperioden ${f.start} – ${f.end} täcks inte av halvårsbladen: ${f.missing} saknas${f.months ? ` (beslutet skulle godkänna ${f.months} utan budget)` : ""}. Lägg till bladen eller rätta avtalsperioden i Uppgifter.`,
    (f) =>
      `The agreement period ${f.start} – ${f.end} is not covered by the half-year sheets: ${f.missing} is missing${f.monthsEn ? ` (the decision would approve ${f.monthsEn} with no budget)` : ""}. Add the sheets or correct the agreement period in Uppgifter.`,
    "error",
  ),
  AGREEMENT_MONTHS_UNCOVERED: t<{
    readonly start: string;
    readonly end: string;
    readonly lastEnd: string;
    readonly months: string;
    readonly monthsEn: string;
  }>(
    (f) =>
      `Avtalsperioden ${f.start} – ${f.end} löper längre än det sista halvårsbladet (till ${f.lastEnd}): ${f.months} har ingen budget, men beslutet skulle godkänna avtalet för dem. Lägg till halvårsbladen eller rätta avtalsperioden i Uppgifter.`,
    (f) =>
      `The agreement period ${f.start} – ${f.end} runs past the last half-year sheet (to ${f.lastEnd}): ${f.monthsEn} has no budget, yet the decision would approve the agreement for it. Add the half-year sheets or correct the agreement period in Uppgifter.`,
    "warning",
  ),
  PERIOD_NOT_REPORTED: t<{ readonly missing: string }>(
    (f) =>
      `Halvåren ${f.missing} i avtalsperioden finns inte i arbetsboken; de ingår inte i beräkningen.`,
    (f) =>
      `The half-years ${f.missing} of the agreement period are not in the workbook; they are not part of the calculation.`,
    "info",
  ),
  HALF_YEAR_OUTSIDE_AGREEMENT: t<{
    readonly halfYear: string;
    readonly start: string;
    readonly end: string;
  }>(
    (f) =>
      `Halvåret ${f.halfYear} ligger utanför avtalsperioden ${f.start} – ${f.end}. Rätta perioden på bladet eller avtalsperioden i Uppgifter.`,
    (f) =>
      `The half-year ${f.halfYear} lies outside the agreement period ${f.start} – ${f.end}. Correct the sheet's period or the agreement period in Uppgifter.`,
    "error",
  ),
  HALF_YEAR_GAP: t<{ readonly missing: string }>(
    (f) =>
      `Halvåren hoppar över ${f.missing}. Lägg till ett blad för det halvåret om det ingår i avtalet.`,
    (f) =>
      `The half-years skip ${f.missing}. Add a sheet for that half-year if it is part of the agreement.`,
    "warning",
  ),
  AGREEMENT_NOT_HALF_YEARS: t<{ readonly start: string; readonly end: string }>(
    (f) =>
      `Avtalsperioden ${f.start} – ${f.end} börjar eller slutar mitt i ett halvår. Kontrollera datumen; budgeten görs per helt halvår.`,
    (f) =>
      `The agreement period ${f.start} – ${f.end} starts or ends inside a half-year. Check the dates; the budget is made per whole half-year.`,
    "warning",
  ),
  AGREEMENT_PERIOD_REVERSED: t<{
    readonly end: string;
    readonly start: string;
  }>(
    (f) =>
      `Avtalsperioden slutar (${f.end}) före den börjar (${f.start}). Rätta datumen i Uppgifter.`,
    (f) =>
      `The agreement period ends (${f.end}) before it starts (${f.start}). Correct the dates in Uppgifter.`,
    "error",
  ),
  SHEET_UNREADABLE: t<{ readonly reason: string }>(
    (f) =>
      `Bladet kunde inte läsas (${f.reason}). Öppna och spara arbetsboken i Excel och försök igen.`,
    (f) =>
      `The sheet could not be read (${f.reason}). Open and save the workbook in Excel and try again.`,
    "error",
  ),
  CELLS_OUTSIDE_GRID: t<{ readonly ref: string }>(
    (f) =>
      `Bladet har celler utanför Excels rutnät (den första: ${f.ref}; Excel har högst 1 048 576 rader och 16 384 kolumner). De har inte lästs: filen är troligen skadad eller gjord av ett annat program. Öppna och spara den i Excel och försök igen.`,
    (f) =>
      `The sheet has cells beyond Excel's grid (the first: ${f.ref}; Excel has at most 1,048,576 rows and 16,384 columns). They were not read: the file is probably damaged or made by another program. Open and save it in Excel and try again.`,
    "error",
  ),
  // Uppgifter
  EXAMPLE_DETAILS: t<{ readonly name: string }>(
    (f) =>
      `Uppgifter har mallens exempel (${f.name}). Fyll i ert partnerskap, er organisation, ert organisationsnummer och diarienumret.`,
    (f) =>
      `Uppgifter holds the template's example (${f.name}). Fill in your partnership, organisation, organisation number and case number.`,
    "error",
  ),
  SURPLUS_YEAR_REPEATED: t<{
    readonly year: number;
    readonly first: string;
    readonly amountOre: Ore;
  }>(
    (f) =>
      `Överskottet för ${f.year} står redan i ${f.first}; det här (${f.amount}) räknas inte. Skriv årets hela överskott på en rad.`,
    (f) =>
      `The surplus for ${f.year} is already in ${f.first}; this one (${f.amount}) is not counted. Enter the year's whole surplus on one row.`,
    "error",
  ),
  SURPLUS_REPAID: t<{
    readonly year: number;
    readonly surplusOre: Ore;
    readonly surplusCell: string;
    readonly repaidOre: Ore;
    readonly remainingOre: Ore;
  }>(
    (f) =>
      `Överskottet för ${f.year}, ${f.surplus} (${f.surplusCell}), är återbetalt med ${f.repaid}: ${f.remaining} återstår att återbetala, och bara det tas med i beslutet.`,
    (f) =>
      `The surplus for ${f.year}, ${f.surplus} (${f.surplusCell}), has been repaid by ${f.repaid}: ${f.remaining} remains to be repaid, and only that is in the decision.`,
    "info",
  ),
  SURPLUS_YEAR_MISSING: t<{ readonly key: string; readonly amountOre: Ore }>(
    (f) =>
      `"${f.key}" (${f.amount}) räknas inte: beslutet återbetalar varje års överskott för sig, och nyckeln säger inget år. Skriv året, "Överskott 2023".`,
    (f) =>
      `"${f.key}" (${f.amount}) is not counted: the decision repays each year's surplus on its own, and the key names no year. Write the year, "Överskott 2023".`,
    "warning",
  ),
  SURPLUS_NEGATIVE: t<{ readonly year: number; readonly amountOre: Ore }>(
    (f) =>
      `Överskottet för ${f.year} är negativt, ${f.amount}, och räknas inte: ett underskott återbetalas inte och minskar inte någon återbetalning. Är det ett överskott, skriv beloppet utan minustecken.`,
    (f) =>
      `The surplus for ${f.year} is negative, ${f.amount}, and is not counted: a deficit is not repaid and lowers no repayment. If it is a surplus, write the amount without a minus sign.`,
    "warning",
  ),
  SURPLUS_YEARS_COMBINED: t<{
    readonly years: string;
    readonly year: number;
    readonly amountOre: Ore;
  }>(
    (f) =>
      `Överskottet ${f.amount} gäller flera år (${f.years}) och räknas i beslutet som ${f.year} års. Skriv ett överskott per år, till exempel "Överskott ${f.year}" med det årets belopp på en rad och nästa år på nästa.`,
    (f) =>
      `The surplus ${f.amount} is for several years (${f.years}) and is counted in the decision as ${f.year}'s. Enter one surplus per year, for example "Överskott ${f.year}" with that year's amount on one row and the next year on the next.`,
    "warning",
  ),
  SURPLUS_OF_REPORTED_YEAR: t<{
    readonly years: string;
    readonly lastYear: number;
    readonly amountOre: Ore;
  }>(
    (f) =>
      `Överskottet för ${f.years} (${f.amount}) räknas inte som ett tidigare års: arbetsboken redovisar till och med ${f.lastYear}, och ett redovisat års överskott räknas fram ur dess halvår. I Uppgifter skrivs bara ett tidigare års överskott som inte är återbetalt.`,
    (f) =>
      `The surplus for ${f.years} (${f.amount}) is not counted as an earlier year's: the workbook reports up to ${f.lastYear}, and a reported year's surplus is worked out from its half-years. Uppgifter holds only an earlier year's surplus not yet repaid.`,
    "warning",
  ),
  REPAID_NOT_MATCHED: t<{
    readonly text: string;
    readonly amountOre: Ore;
  }>(
    (f) =>
      `"${f.text}" (${f.amount}) säger inte vilket tidigare års överskott i Uppgifter som är återbetalt, och räknas inte. Skriv året, som överskottet står ("Återbetalt 2023").`,
    (f) =>
      `"${f.text}" (${f.amount}) does not say which earlier year's surplus in Uppgifter has been repaid, and is not counted. Write the year, as the surplus has it ("Återbetalt 2023").`,
    "warning",
  ),
  MISSING_DETAIL: t<{ readonly key: string; readonly keyEn: string }>(
    (f) => `Uppgiften "${f.key}" saknas i Uppgifter. Fyll i den.`,
    (f) => `The detail ${f.keyEn} is missing in Uppgifter. Fill it in.`,
    "error",
  ),
  OVERHEAD_RATE_FROM_LABEL: t<{
    readonly percent: number;
    readonly label: string;
  }>(
    (f) =>
      `OH-sats saknas i Uppgifter; ${f.percent} % från raden "${f.label}" används. Skriv OH-sats i Uppgifter.`,
    (f) =>
      `The overhead rate is missing in Uppgifter; ${f.percent} % from the line "${f.label}" is used. Enter OH-sats in Uppgifter.`,
    "warning",
  ),
  OVERHEAD_RATE_LABEL_DIFFERS: t<{
    readonly label: string;
    readonly percent: number;
    readonly rate: number;
  }>(
    (f) =>
      `OH-raden "${f.label}" anger ${f.percent} %, men OH-satsen i Uppgifter är ${f.rate} %: OH räknas med ${f.rate} %. Rätta raden, eller OH-satsen om den är fel.`,
    (f) =>
      `The OH line "${f.label}" states ${f.percent} %, but the overhead rate in Uppgifter is ${f.rate} %: OH is computed at ${f.rate} %. Correct the line, or the rate if it is wrong.`,
    "warning",
  ),
  MISSING_OVERHEAD_RATE: t<NoParams>(
    () =>
      "OH-sats saknas i Uppgifter, så OH kan inte beräknas. Fyll i OH-sats, t.ex. 10 %.",
    () =>
      "The overhead rate (OH-sats) is missing in Uppgifter, so overhead cannot be computed. Fill it in, e.g. 10 %.",
    "error",
  ),
  INVALID_OVERHEAD_RATE: t<{ readonly text: string }>(
    (f) =>
      `OH-satsen "${f.text}" är inte en giltig sats. Skriv en procentsats mellan 0 och 100 %, t.ex. 10 %.`,
    (f) =>
      `The overhead rate "${f.text}" is not a valid rate. Enter a percentage between 0 and 100 %, e.g. 10 %.`,
    "error",
  ),
  INVALID_RATE: t<{ readonly text: string }>(
    (f) =>
      `"${f.text}" är inte en giltig procentsats. Skriv en sats mellan 0 och 100 %, t.ex. 6 %.`,
    (f) =>
      `"${f.text}" is not a valid rate. Enter a percentage between 0 and 100 %, e.g. 6 %.`,
    "error",
  ),
  SALARY_VALUE_MISSING: t<{
    readonly name: string;
    readonly row: number;
    readonly missing: string;
    readonly missingEn: string;
  }>(
    (f) =>
      `${f.name || "Personen"} på rad ${f.row} saknar ${f.missing}: personens lönekostnad kan inte räknas. Fyll i cellen.`,
    (f) =>
      `${f.name || "The person"} on row ${f.row} has no ${f.missingEn}: the salary cost cannot be computed. Fill in the cell.`,
    "error",
  ),
  SALARY_BIRTH_YEAR_OPEN: t<{
    readonly name: string;
    readonly row: number;
    readonly percent: number;
  }>(
    (f) =>
      `${f.name || "Personen"} på rad ${f.row} har inget födelseår: full arbetsgivaravgift (${f.percent} %) räknas varje månad. Fyll i året när det är känt, om avgiften är lägre för personens ålder.`,
    (f) =>
      `${f.name || "The person"} on row ${f.row} has no birth year: full employer contributions (${f.percent} %) are counted every month. Enter the year when it is known, in case the contributions are lower for the person's age.`,
    "info",
  ),
  SALARY_BIRTH_YEAR: t<{ readonly text: string }>(
    (f) =>
      `Födelseåret "${f.text}" är inte ett år mellan 1930 och 2015. Skriv födelseåret med fyra siffror, t.ex. 1985.`,
    (f) =>
      `The birth year "${f.text}" is not a year between 1930 and 2015. Write the year of birth with four digits, e.g. 1985.`,
    "error",
  ),
  SALARY_COLUMN_MISSING: t<{
    readonly columns: string;
    readonly unread: string;
  }>(
    (f) =>
      `Tabellen har ingen kolumn ${f.columns}, så lönernas budget kan inte räknas fram som tjänstgöringsgrad × månader × månadskostnad (med avgifter).${f.unread ? ` Rubriker som inte läses: ${f.unread}.` : ""} Ge kolumnen som har värdena rubriken ${f.columns}, eller fyll i lönernas budget.`,
    (f) =>
      `The table has no column ${f.columns}, so the salaries' budget cannot be derived as service percentage × months × monthly cost (with contributions).${f.unread ? ` Headers not read: ${f.unread}.` : ""} Head the column that holds the values ${f.columns}, or fill in the salaries' budget.`,
    "warning",
  ),
  SALARY_HEADER_MISSING: t<{ readonly headers: string }>(
    (f) =>
      `Bladet har ingen rubrikrad med "Post" och "Månadslön", så ingen person läses och lönernas budget räknas inte härifrån. Rubriker: ${f.headers}. Ge kolumnerna rubrikerna "Post", "Namn", "Födelseår", "Månadslön" och "Tjänstgöringsgrad".`,
    (f) =>
      `The sheet has no header row with "Post" and "Månadslön", so no person is read and the salaries' budget is not computed from it. Headers: ${f.headers}. Head the columns "Post", "Namn", "Födelseår", "Månadslön" and "Tjänstgöringsgrad".`,
    "warning",
  ),
  MONTHLY_COST_RANGE: t<{ readonly amountOre: Ore }>(
    (f) =>
      `Månadskostnaden ${f.amount} för en heltid ligger utanför 15 000–160 000 kr: är den skriven i fel enhet, eller är det en tim- eller årskostnad? Skriv kostnaden per månad vid heltid, med avgifter.`,
    (f) =>
      `The monthly cost ${f.amount} at full time is outside SEK 15,000–160,000: is it in the wrong unit, or an hourly or annual cost? Enter the cost per month at full time, with contributions.`,
    "warning",
  ),
  SALARY_BIRTH_DATE: t<{ readonly year: number }>(
    (f) =>
      `Födelseåret ${f.year} läses ur datumet. Bara året behövs: skriv ${f.year}, så lämnar arbetsboken inte ut mer om personen än beräkningen behöver.`,
    (f) =>
      `The birth year ${f.year} is read from the date. Only the year is needed: enter ${f.year}, so that the workbook gives away no more about the person than the calculation needs.`,
    "info",
  ),
  SALARY_PERSONAL_NUMBER: t<{ readonly year: number }>(
    (f) =>
      `Cellen har ett personnummer: födelseåret ${f.year} läses ur det. Arbetsboken lämnas till staden: skriv bara födelseåret, ${f.year}.`,
    (f) =>
      `The cell holds a personal identity number: the birth year ${f.year} is read from it. The workbook goes to the city: enter the birth year only, ${f.year}.`,
    "warning",
  ),
  SALARY_MONTHLY_RANGE: t<{ readonly amountOre: Ore }>(
    (f) =>
      `Månadslönen ${f.amount} ligger utanför 15 000–120 000 kr: är det en årslön eller en timlön? Skriv lönen per månad vid heltid.`,
    (f) =>
      `The monthly salary ${f.amount} is outside SEK 15,000–120,000: is it an annual or hourly wage? Enter the salary per month at full time.`,
    "warning",
  ),
  SALARY_NOT_POSITIVE: t<{ readonly amountOre: Ore }>(
    (f) =>
      `Månadslönen ${f.amount} måste vara större än 0: personens lönekostnad räknas inte. Skriv lönen per månad vid heltid.`,
    (f) =>
      `The monthly salary ${f.amount} must be above 0: the person's salary cost is not counted. Enter the salary per month at full time.`,
    "error",
  ),
  SALARY_VALUE_TEXT: t<{ readonly text: string }>(
    (f) =>
      `"${f.text}" är skrivet som text. IOP-budget läser värdet, men personens kostnadsformel i arbetsboken räknar inte med text (den kan visa fel belopp eller #VALUE!), så Beräkna skriver kostnaden som ett fast belopp. Skriv värdet som ett tal eller ett datum.`,
    (f) =>
      `"${f.text}" is entered as text. IOP-budget reads the value, but the person's cost formula in the workbook does not compute with text (it may show a wrong amount or #VALUE!), so Compute writes the cost as a fixed amount. Enter the value as a number or a date.`,
    "warning",
  ),
  SALARY_COLUMN_NOT_READ: t<{ readonly header: string; readonly read: string }>(
    (f) =>
      `Kolumnen "${f.header}" läses inte: kostnaden räknas på "${f.read}". En ny lön eller grad från ett datum skrivs som en egen rad för personen, med Från (och Till på raden före).`,
    (f) =>
      `The column "${f.header}" is not read: the cost is computed from the column "${f.read}". A new salary or percentage from a date is entered as a row of its own for the person, with its start date in "Från" (and the end date in "Till" on the row before).`,
    "warning",
  ),
  SALARY_ACTUAL_NOT_READ: t<{
    readonly salarySheet: string;
    readonly header: string;
  }>(
    (f) =>
      `Kolumnen "${f.header}" i ${salaries(f.salarySheet)} läses inte: ${salaries(f.salarySheet)} ger budgeten, och utfallet redovisas per post på halvårsbladen, under Utfall. Skriv personernas utfall tillsammans på deras post där.`,
    (f) =>
      `The column "${f.header}" in ${salaries(f.salarySheet)} is not read: ${salaries(f.salarySheet)} gives the budget, and the actuals are reported by line on the half-year sheets, under "Utfall" (actual). Enter the persons' actuals together on their line there.`,
    "warning",
  ),
  SALARY_MONTHS_NOT_READ: t<{
    readonly months: number;
    readonly worked: number;
  }>(
    (f) =>
      `Antal månader ${f.months} läses inte: personens lön räknas för ${f.worked} månader, som Från och Till ger i avtalsperioden (tomma: hela perioden). Skriv Från och Till för den tid personen arbetar.`,
    (f) =>
      `The number of months ${f.months} is not read: the person's salary is counted for ${f.worked} months, those of the agreement period between the dates "Från" and "Till" (empty: the whole period). Enter "Från" and "Till" for the time the person works.`,
    "warning",
  ),
  SALARY_DATES_REVERSED: t<{ readonly from: string; readonly to: string }>(
    (f) =>
      `Från-datumet ${f.from} ligger efter till-datumet ${f.to}: ingen dag ligger mellan dem, så personens lönekostnad är 0 kr. Rätta datumen.`,
    (f) =>
      `The start date ${f.from} is after the end date ${f.to}: no day lies between them, so the person's salary cost is 0. Correct the dates.`,
    "error",
  ),
  SALARY_DATE_OUTSIDE_AGREEMENT: t<{
    readonly date: string;
    readonly start: string;
    readonly end: string;
  }>(
    (f) =>
      `Datumet ${f.date} ligger utanför avtalsperioden ${f.start} – ${f.end}; månader utanför perioden räknas inte.`,
    (f) =>
      `The date ${f.date} is outside the agreement period ${f.start} – ${f.end}; months outside the period are not counted.`,
    "warning",
  ),
  SALARY_POST_UNKNOWN: t<{ readonly post: string }>(
    (f) =>
      `Posten "${f.post}" finns inte på något halvårsblad, så personens lönekostnad räknas inte in. Skriv postens namn som på halvårsbladet, eller lägg in posten som en ny rad på halvårsbladen.`,
    (f) =>
      `The line "${f.post}" is on no half-year sheet, so the person's salary cost is not counted. Write the line's name as on the half-year sheet, or add the line as a new row on the half-year sheets.`,
    "warning",
  ),
  SALARY_POST_MISSING: t<{ readonly name: string }>(
    (f) =>
      `"${f.name}" har en lön men ingen post, så kostnaden räknas inte in på någon rad. Skriv posten, som lönens rad heter på halvårsbladen.`,
    (f) =>
      `"${f.name}" has a salary but no post, so the cost is counted on no line. Write the post, as the salary's line is named on the half-year sheets.`,
    "warning",
  ),
  SALARY_POST_WITHOUT_PERSONS: t<{
    readonly salarySheet: string;
    readonly post: string;
  }>(
    (f) =>
      `Posten "${f.post}" har ingen person i ${salaries(f.salarySheet)}, så formeln ger 0 % och posten 0 kr. Skriv personerna med posten "${f.post}" i ${salaries(f.salarySheet)}, eller töm Post på raden om posten inte ska finnas.`,
    (f) =>
      `The line "${f.post}" has no person in ${salaries(f.salarySheet)}, so the formula gives 0 % and the line 0 kr. Write the persons with the post "${f.post}" in ${salaries(f.salarySheet)}, or empty the line's Post if the line is not wanted.`,
    "error",
  ),
  SALARY_CALC_BUDGET: t<{
    readonly salarySheet: string;
    readonly enteredOre: Ore;
    readonly computedOre: Ore;
  }>(
    (f) =>
      `Budgeten ${f.entered} stämmer inte med lönekalkylen, ${f.computed}. ${f.computed} används; töm cellen, så skriver Beräkna lönekalkylens belopp där, eller rätta ${salaries(f.salarySheet)}.`,
    (f) =>
      `The budget ${f.entered} does not match the salary calculation, ${f.computed}. ${f.computed} is used; clear the cell, and Compute writes the salary calculation's amount there, or correct ${salaries(f.salarySheet)}.`,
    "error",
  ),
  SALARY_CALC_FORMULA_STALE: t<PersonsNotCounted>(
    (f) =>
      `Formeln ger ${f.entered}, men personerna på posten i ${salaries(f.salarySheet)} kostar ${f.computed}: formeln räknar inte med rad ${f.rows} i ${salaries(f.salarySheet)} (${f.names}), under de andra. ${f.computed} används; Beräkna skriver om formeln och personens kostnad.`,
    (f) =>
      `The formula gives ${f.entered}, but the persons on the post in ${salaries(f.salarySheet)} cost ${f.computed}: it does not count row ${f.rows} of ${salaries(f.salarySheet)} (${f.names}), below the others. ${f.computed} is used; Compute rewrites the formula and the person's cost.`,
    "warning",
  ),
  SALARY_COST_FORMULA_MISSING: t<PersonsNotCounted>(
    (f) =>
      `Formeln ger ${f.entered}, men personerna på posten i ${salaries(f.salarySheet)} kostar ${f.computed}: rad ${f.rows} i ${salaries(f.salarySheet)} (${f.names}) har ingen kostnad, som en infogad rad utan kostnadsformeln. ${f.computed} används; Beräkna skriver kostnadsformeln där.`,
    (f) =>
      `The formula gives ${f.entered}, but the persons on the post in ${salaries(f.salarySheet)} cost ${f.computed}: row ${f.rows} of ${salaries(f.salarySheet)} (${f.names}) has no cost, as a row inserted without the cost formula. ${f.computed} is used; Compute writes the cost formula there.`,
    "warning",
  ),
  SALARY_POST_SPELLED_APART: t<
    PersonsNotCounted & {
      readonly post: string;
      readonly label: string;
      /** "around": a space or unseen character before or after; "inside": spaces or punctuation. */
      readonly difference: "around" | "inside" | "other";
    }
  >(
    (f) =>
      `Formeln ger ${f.entered}, men personerna på posten i ${salaries(f.salarySheet)} kostar ${f.computed}: formeln räknar inte med rad ${f.rows} i ${salaries(f.salarySheet)} (${f.names}), vars post inte är skriven exakt som här ("${f.post}" mot "${f.label}"${f.difference === "around" ? "; ett mellanslag eller ett osynligt tecken före eller efter texten skiljer dem" : f.difference === "inside" ? "; mellanslag eller skiljetecken skiljer dem" : ""}). ${f.computed} används. Skriv posten i ${salaries(f.salarySheet)} exakt som här, så räknar formeln med personen; annars skriver Beräkna beloppet i stället för formeln.`,
    (f) =>
      `The formula gives ${f.entered}, but the persons on the post in ${salaries(f.salarySheet)} cost ${f.computed}: it does not count row ${f.rows} of ${salaries(f.salarySheet)} (${f.names}), whose post is not written exactly as here ("${f.post}" against "${f.label}"${f.difference === "around" ? "; a space or a character not seen before or after the text sets them apart" : f.difference === "inside" ? "; spaces or punctuation set them apart" : ""}). ${f.computed} is used. Write the post in ${salaries(f.salarySheet)} exactly as here, and the formula counts the person; else Compute writes the amount instead of the formula.`,
    "warning",
  ),
  SALARY_CALC_COSTS_DIFFER: t<{
    readonly salarySheet: string;
    readonly enteredOre: Ore;
    readonly computedOre: Ore;
    /** The first person whose cost cell is not their cost, where one is: its row, name, both costs. */
    readonly row: number | null;
    readonly name: string | null;
    readonly shownOre: Ore | null;
    readonly ownOre: Ore | null;
    /** How many more persons' cells differ. */
    readonly others: number;
  }>(
    (f) =>
      f.row === ""
        ? `Formeln ger ${f.entered}, men personerna på posten i ${salaries(f.salarySheet)} kostar ${f.computed} efter sina uppgifter: en persons kostnad där är inte den som uppgifterna ger (en kostnad skriven för hand, eller en uppgift som inte kan läsas, se ${salaries(f.salarySheet)}). ${f.computed} används.`
        : `Formeln ger ${f.entered}, men personerna på posten i ${salaries(f.salarySheet)} kostar ${f.computed} efter sina uppgifter: kostnaden på rad ${f.row} i ${salaries(f.salarySheet)} (${f.name}) är ${f.shown}, men uppgifterna ger ${f.own}${f.others === "0" ? "" : f.others === "1" ? ", och en person till skiljer sig" : `, och ${f.others} personer till skiljer sig`} (en kostnad skriven för hand, eller en uppgift som inte kan läsas, se ${salaries(f.salarySheet)}). ${f.computed} används.`,
    (f) =>
      f.row === ""
        ? `The formula gives ${f.entered}, but the persons on the post in ${salaries(f.salarySheet)} cost ${f.computed} by their details: a person's cost there is not what the details give (a cost typed by hand, or a detail that cannot be read, see ${salaries(f.salarySheet)}). ${f.computed} is used.`
        : `The formula gives ${f.entered}, but the persons on the post in ${salaries(f.salarySheet)} cost ${f.computed} by their details: the cost on row ${f.row} of ${salaries(f.salarySheet)} (${f.name}) is ${f.shown}, but the details give ${f.own}${f.others === "0" ? "" : f.others === "1" ? ", and one more person's differs" : `, and ${f.others} more persons' differ`} (a cost typed by hand, or a detail that cannot be read, see ${salaries(f.salarySheet)}). ${f.computed} is used.`,
    "warning",
  ),
  SALARY_CALC_PERCENT: t<{
    readonly salarySheet: string;
    readonly percent: number;
    readonly persons: number;
  }>(
    (f) =>
      `Tjänstgöringsgraden ${f.percent} % stämmer inte med personerna på posten i ${salaries(f.salarySheet)} under halvåret, ${f.persons} % tillsammans: budgeten räknas på dem. Töm cellen, så skriver Beräkna deras grad.`,
    (f) =>
      `The service percentage ${f.percent} % does not match the persons on the post in ${salaries(f.salarySheet)} in the half-year, ${f.persons} % together: the budget is computed from them. Empty the cell, and Compute writes their percentage.`,
    "warning",
  ),
  SALARY_CALC_MISMATCH: t<{
    readonly label: string;
    readonly enteredOre: Ore;
    readonly computedOre: Ore;
  }>(
    (f) =>
      `Posten "${f.label}" har en månadskostnad som ger ${f.entered} för halvåret, men lönekalkylen ger ${f.computed}. Lönekalkylens belopp används; töm månadskostnaden eller rätta den.`,
    (f) =>
      `The line "${f.label}" has a monthly cost giving ${f.entered} for the half-year, but the salary calculation gives ${f.computed}. The calculation's amount is used; clear the monthly cost or correct it.`,
    "warning",
  ),
  SURCHARGE_MISSING: t<{ readonly salarySheet: string }>(
    (f) =>
      `Lönekalkylen räknar utan pålägg för tjänstepension, avtalsförsäkringar och andra lönekostnader (0 %). Ange Pålägg i Uppgifter (eller per person i ${salaries(f.salarySheet)}), t.ex. 6 %.`,
    (f) =>
      `The salary calculation has no surcharge for occupational pension, agreement insurances and other salary costs (0 %). Enter the surcharge (Pålägg) in Uppgifter (or per person in ${salaries(f.salarySheet)}), e.g. 6 %.`,
    "info",
  ),
  INVALID_ORG_NUMBER: t<{ readonly text: string }>(
    (f) =>
      `Organisationsnumret "${f.text}" är ogiltigt (kontrollsiffran stämmer inte). Skriv det som NNNNNN-NNNN.`,
    (f) =>
      `The organisation number "${f.text}" is invalid (the check digit does not match). Enter it as NNNNNN-NNNN.`,
    "error",
  ),
  INVALID_DATE: t<{ readonly text: string }>(
    (f) => `"${f.text}" är inte ett datum. Skriv datumet som ÅÅÅÅ-MM-DD.`,
    (f) => `"${f.text}" is not a date. Enter the date as YYYY-MM-DD.`,
    "error",
  ),
  INVALID_AGREEMENT_PERIOD: t<{ readonly text: string }>(
    (f) =>
      `Avtalsperioden "${f.text}" kan inte läsas som en period. Skriv den som 2025-07-01 – 2026-06-30, eller fyll i Avtalsperiod från och Avtalsperiod till.`,
    (f) =>
      `The agreement period "${f.text}" cannot be read as a period. Enter it as 2025-07-01 – 2026-06-30, or fill in Agreement from (Avtalsperiod från) and Agreement to (Avtalsperiod till).`,
    "error",
  ),
  INVALID_TOLERANCE: t<{ readonly text: string }>(
    (f) =>
      `Toleransen "${f.text}" kan inte läsas. Skriv den i procent (t.ex. 5 %) eller kronor (t.ex. 10 000 kr).`,
    (f) =>
      `The tolerance "${f.text}" cannot be read. Enter it in percent (e.g. 5 %) or kronor (e.g. 10 000 kr).`,
    "error",
  ),
  REPAYMENT_DUE_DEFAULTED: t<{ readonly due: string }>(
    (f) =>
      `Återbetalning senast saknas i Uppgifter; ${f.due} används. Fyll i datumet om ett annat gäller.`,
    (f) =>
      `The repayment due date is missing in Uppgifter; ${f.due} is used. Fill in the date if another applies.`,
    "info",
  ),
  // A memo's proposal beside the case's report and grant
  PROPOSAL_GRANTED_AGAIN: t<{
    readonly halfYear: string;
    readonly file: string;
    /**
     * Which of the case's files holds the half-year: the report reports it, or budgets it as the
     * rest of its running agreement (which the decision grants too); the grant grants it.
     */
    readonly by: "report" | "running" | "grant";
  }>(
    (f) =>
      `Budgetförslaget tar upp ${f.halfYear}, som ${f.by === "report" ? `återrapporteringen ${f.file} redan redovisar` : f.by === "running" ? `${f.file} också budgeterar och beslutet beviljar` : `redan är beviljat i ${f.file}`}: beslutet skulle bevilja halvåret en gång till. Välj ett budgetförslag för halvåren efter, eller ta bort halvåret ur förslaget.`,
    (f) =>
      `The budget proposal includes ${f.halfYear}, ${f.by === "report" ? `which the report ${f.file} already accounts for` : f.by === "running" ? `which ${f.file} budgets too, and the decision grants` : `already granted in ${f.file}`}: the decision would grant the half-year a second time. Choose a proposal of the half-years after it, or take the half-year out of the proposal.`,
    "warning",
  ),
  // The decision's dates against the board's meeting (memo --date)
  MEETING_BEFORE_REPORT_END: t<{
    readonly meeting: string;
    readonly end: string;
  }>(
    (f) =>
      `Sammanträdet ${f.meeting} är innan återrapporteringens period är slut (${f.end}): beslutet skulle godkänna en redovisning av månader som inte har gått. Kontrollera sammanträdets datum.`,
    (f) =>
      `The meeting ${f.meeting} is before the period reported has ended (${f.end}): the decision would approve a report of months that have not passed. Check the meeting's date.`,
    "warning",
  ),
  MEETING_AFTER_REPAYMENT_DUE: t<{
    readonly due: string;
    readonly meeting: string;
  }>(
    (f) =>
      `Beslutet säger att överskottet ska återbetalas senast ${f.due}, före sammanträdet ${f.meeting}: en tidsgräns som redan har passerat när beslutet fattas. Skriv ett senare datum under Återbetalning senast i Uppgifter.`,
    (f) =>
      `The decision has the surplus repaid by ${f.due}, before the meeting ${f.meeting}: a deadline already past when the decision is made. Enter a later date under "Återbetalning senast" (repayment due) in Uppgifter.`,
    "warning",
  ),
  MEETING_AFTER_REPORT_DUE: t<{
    readonly due: string;
    readonly meeting: string;
  }>(
    (f) =>
      `Beslutet ber om återrapportering senast ${f.due}, före sammanträdet ${f.meeting}: en tidsgräns som redan har passerat när beslutet fattas. Skriv ett senare datum under Återrapportering senast i Uppgifter.`,
    (f) =>
      `The decision asks for the report-back by ${f.due}, before the meeting ${f.meeting}: a deadline already past when the decision is made. Enter a later date under "Återrapportering senast" (report-back due) in Uppgifter.`,
    "warning",
  ),
  MEETING_AFTER_AGREEMENT_START: t<{
    readonly start: string;
    readonly meeting: string;
  }>(
    (f) =>
      `Avtalsperioden börjar ${f.start}, före sammanträdet ${f.meeting}: beslutet godkänner avtalet och beviljar medel i efterhand, för en period som redan har börjat.`,
    (f) =>
      `The agreement period starts ${f.start}, before the meeting ${f.meeting}: the decision approves the agreement and grants funds afterwards, for a period already begun.`,
    "info",
  ),
  NOTHING_TO_DECIDE: t<NoParams>(
    () =>
      "Ingen av ärendets filer är en återrapportering som bedöms eller ett budgetförslag, så beslutsunderlaget har inga beslutspunkter. Ge en fil den rollen om den är det.",
    () =>
      "None of the case's files is a report being judged or a budget proposal, so the memo has no decision points. Give a file that role if it is one.",
    "warning",
  ),
  CASE_NAMES_DIFFER: t<{ readonly name: string; readonly used: string }>(
    (f) =>
      `Partnerskapet heter "${f.name}" i den här filen men "${f.used}" i ärendets andra; beslutet skriver "${f.used}". Rätta namnet där det är fel.`,
    (f) =>
      `The partnership is named "${f.name}" in this file but "${f.used}" in the case's others; the decision says "${f.used}". Correct the name where it is wrong.`,
    "warning",
  ),
  REPORT_GRANTED_IN_PARTS: t<{ readonly parts: string }>(
    (f) =>
      `Återrapporteringens halvår är beviljade i olika budgetar: ${f.parts}. De är inte valda som beviljad budget, så återrapporteringen räknas mot sin egen budget, inte mot de beviljade: en budget som ändrats i återrapporteringen ändrar återbetalningen lika mycket utan att det syns. Välj dem som beviljad budget för att räkna varje halvår mot den budget som beviljade det.`,
    (f) =>
      `The report's half-years are granted in different budgets: ${f.parts}. They are not chosen as granted budgets, so the report is judged on its own budget, not on the grants: a budget changed in the report changes the repayment by as much without showing. Choose them as granted budgets to hold each half-year to the budget that granted it.`,
    "warning",
  ),
  DECISION_WITHOUT_SIGNATORIES: t<NoParams>(
    () =>
      'Beslutet saknar punkten om vilka som undertecknar avtalet, eftersom Undertecknas av saknas i Uppgifter. Skriv förvaltningarna där, till exempel "arbetsmarknads- och socialförvaltningen, kulturförvaltningen".',
    () =>
      'The decision has no point on who signs the agreement, as Signed by (Undertecknas av) is missing in Uppgifter. Write the administrations there, for example "arbetsmarknads- och socialförvaltningen, kulturförvaltningen".',
    "info",
  ),
  DECISION_WITHOUT_REPORT_DUE: t<{ readonly example: string }>(
    (f) =>
      `Beslutet saknar punkten om återrapportering av beviljade medel, eftersom Återrapportering senast saknas i Uppgifter. Skriv datumet där, till exempel ${f.example}.`,
    (f) =>
      `The decision has no point on the report-back of the funds granted, as Report due (Återrapportering senast) is missing in Uppgifter. Write the date there, for example ${f.example}.`,
    "info",
  ),
  // Half-year sheets
  PERIOD_UNKNOWN: t<NoParams>(
    () =>
      'Bladet har en budgettabell men det går inte att se vilket halvår den gäller. Skriv halvåret i bladnamnet (t.ex. "Budget 2025 H2") eller i en cell Period.',
    () =>
      'The sheet has a budget table but its half-year cannot be told. Put the half-year in the sheet name (e.g. "Budget 2025 H2") or in a Period cell.',
    "error",
  ),
  NOT_HALF_YEAR: t<{ readonly text: string }>(
    (f) =>
      `Perioden "${f.text}" är inte ett helt halvår (januari–juni eller juli–december). Dela upp budgeten på ett blad per halvår.`,
    (f) =>
      `The period "${f.text}" is not a whole half-year (January–June or July–December). Split the budget into one sheet per half-year.`,
    "error",
  ),
  PERIOD_MISMATCH: t<{
    readonly nameHalfYear: string;
    readonly cellHalfYear: string;
  }>(
    (f) =>
      `Bladnamnet säger ${f.nameHalfYear} men cellen Period säger ${f.cellHalfYear}. Rätta det ena; ${f.cellHalfYear} används.`,
    (f) =>
      `The sheet name says ${f.nameHalfYear} but the Period cell says ${f.cellHalfYear}. Correct one of them; ${f.cellHalfYear} is used.`,
    "error",
  ),
  MISSING_COLUMNS: t<{ readonly columns: string; readonly unread: string }>(
    (f) =>
      `Tabellen saknar kolumnen ${f.columns}.${f.unread ? ` Rubriker som inte läses: ${f.unread}.` : ""} Lägg till en rubrikrad med minst Post och Budget.`,
    (f) =>
      `The table lacks the column ${f.columns}.${f.unread ? ` Headers not read: ${f.unread}.` : ""} Add a header row with at least Post and Budget.`,
    "error",
  ),
  ACTUALS_WITHOUT_BUDGET: t<{
    readonly halfYear: string;
    readonly budgetSheet: string;
    readonly unread: string;
  }>(
    (f) =>
      `Bladet har utfall för ${f.halfYear} men ingen kolumn Budget${f.budgetSheet ? `; budgeten står på bladet "${f.budgetSheet}"` : ""}.${f.unread ? ` Rubriker som inte läses: ${f.unread}.` : ""} ${
        f.budgetSheet
          ? `Utfallet läses bara i en kolumn Utfall bredvid budgeten: för in det på "${f.budgetSheet}", rad för rad, eller lägg till kolumnen Budget här. Nu räknas inget utfall och ingen återbetalning för ${f.halfYear}.`
          : `Lägg till kolumnen Budget med halvårets budget, rad för rad, så läses återrapporten. Nu räknas inget utfall för ${f.halfYear}.`
      }`,
    (f) =>
      `The sheet has actuals for ${f.halfYear} but no column Budget${f.budgetSheet ? `; the budget is on the sheet "${f.budgetSheet}"` : ""}.${f.unread ? ` Headers not read: ${f.unread}.` : ""} ${
        f.budgetSheet
          ? `Actuals are read only in a column Utfall beside the budget: enter them on "${f.budgetSheet}", line by line, or add the column Budget here. No actuals and no repayment are counted for ${f.halfYear} now.`
          : `Add the column Budget with the half-year's budget, line by line, and the report is read. No actuals are counted for ${f.halfYear} now.`
      }`,
    "error",
  ),
  NO_LINES: t<NoParams>(
    () => "Tabellen har inga budgetposter. Fyll i minst en post med belopp.",
    () =>
      "The table has no budget lines. Fill in at least one line with an amount.",
    "error",
  ),
  NOT_A_NUMBER: t<{ readonly text: string; readonly expected: Expected }>(
    (f) =>
      `"${f.text}" är inte ett tal. Skriv bara ${EXPECTED_SV[f.expected as Expected] ?? EXPECTED_SV.amount} (noteringar hör hemma i en egen kolumn).`,
    (f) =>
      `"${f.text}" is not a number. Enter only ${EXPECTED_EN[f.expected as Expected] ?? EXPECTED_EN.amount} (notes belong in a column of their own).`,
    "error",
  ),
  DATE_IN_AMOUNT: t<{ readonly date: string }>(
    (f) =>
      `Cellen har ett datum, ${f.date}, där ett belopp i kronor ska stå (Excel gör om till exempel "12.5" till den 12 maj). Skriv beloppet i kronor och formatera cellen som tal.`,
    (f) =>
      `The cell holds a date, ${f.date}, where an amount in kronor belongs (Excel turns "12.5", for one, into 12 May). Enter the amount in kronor and format the cell as a number.`,
    "error",
  ),
  PERCENT_IN_AMOUNT: t<{ readonly percent: number }>(
    (f) =>
      `Cellen har en procentsats, ${f.percent} %, där ett belopp i kronor ska stå. Skriv beloppet i kronor; på OH-raden kan cellen lämnas tom, så räknas OH som OH-satsen gånger de direkta kostnaderna.`,
    (f) =>
      `The cell holds a percentage, ${f.percent} %, where an amount in kronor belongs. Enter the amount in kronor; on the OH line the cell may be left empty, and OH is the OH rate times the direct costs.`,
    "error",
  ),
  CELL_ERROR: t<{ readonly text: string }>(
    (f) =>
      `Cellen visar felvärdet ${f.text}. Rätta formeln eller skriv in värdet.`,
    (f) =>
      `The cell shows the error value ${f.text}. Fix the formula or type the value.`,
    "error",
  ),
  UNCALCULATED_FORMULA: t<{ readonly text: string }>(
    (f) =>
      `Formeln ${f.text} har inget beräknat värde i filen. Öppna och spara arbetsboken i Excel så att den räknas om.`,
    (f) =>
      `The formula ${f.text} has no calculated value in the file. Open and save the workbook in Excel so that it is recalculated.`,
    "warning",
  ),
  EXTERNAL_LINK: t<{ readonly book: string }>(
    (f) =>
      `Värdet hämtas från en annan arbetsbok${f.book ? ` (${f.book})` : ""}: den som granskar har inte den filen, och värdet ändras om den ändras och länken uppdateras. Skriv in värdet, eller kopiera cellen och klistra in den som värde.`,
    (f) =>
      `The value is taken from another workbook${f.book ? ` (${f.book})` : ""}: whoever reviews it does not have that file, and the value changes if it changes and the link is updated. Enter the value, or copy the cell and paste it as a value.`,
    "warning",
  ),
  AMOUNT_OUT_OF_RANGE: t<{ readonly text: string }>(
    (f) => `Talet ${f.text} är orimligt stort. Kontrollera cellen.`,
    (f) => `The number ${f.text} is implausibly large. Check the cell.`,
    "error",
  ),
  MONTHS_OUT_OF_RANGE: t<{ readonly months: number }>(
    (f) =>
      `Antal månader ${f.months} ligger utanför ett halvår. Skriv ett tal större än 0 och högst 6.`,
    (f) =>
      `The number of months ${f.months} is outside a half-year. Enter a number above 0 and at most 6.`,
    "error",
  ),
  PERCENT_NOT_POSITIVE: t<{ readonly percent: number }>(
    (f) =>
      `Tjänstgöringsgraden ${f.percent} % måste vara större än 0. Rätta den eller ta bort posten.`,
    (f) =>
      `The service percentage ${f.percent} % must be above 0. Correct it or remove the line.`,
    "error",
  ),
  SALARY_PERSON_TWICE: t<{
    readonly name: string;
    readonly rows: string;
    readonly percent: number;
  }>(
    (f) =>
      `"${f.name}" står på rad ${f.rows} under samma tid, tillsammans ${f.percent} %: en person arbetar högst 100 %. Är det samma person, ta bort en av raderna eller ge dem var sina datum (Från, Till); är det flera personer, ge dem var sitt namn.`,
    (f) =>
      `"${f.name}" is on rows ${f.rows} at the same time, ${f.percent} % together: a person works at most 100 %. If it is one person, remove a row or give the rows dates of their own (Från, Till); if they are several, give each a name of their own.`,
    "warning",
  ),
  PERSON_PERCENT_ABOVE_FULL: t<{
    readonly salarySheet: string;
    readonly percent: number;
  }>(
    (f) =>
      `Tjänstgöringsgraden ${f.percent} % är mer än heltid, och ${salaries(f.salarySheet)} har en rad per person: en person arbetar högst 100 %. Skriv personens grad, och en rad för var och en om posten har flera.`,
    (f) =>
      `The service percentage ${f.percent} % is more than full time, and ${salaries(f.salarySheet)} has one row per person: a person works at most 100 %. Enter the person's percentage, and a row for each if the post has several.`,
    "error",
  ),
  PERCENT_FRACTION_SUSPECT: t<{
    readonly percent: number;
    readonly asPercent: number;
  }>(
    (f) =>
      `Tjänstgöringsgraden läses som ${f.percent} %. Menade du ${f.asPercent} %? Skriv då ${f.asPercent} eller formatera cellen som procent.`,
    (f) =>
      `The service percentage is read as ${f.percent} %. Did you mean ${f.asPercent} %? Then enter ${f.asPercent} or format the cell as percent.`,
    "warning",
  ),
  SERVICE_PERCENT_LOW: t<{
    readonly percent: number;
    readonly asPercent: number;
  }>(
    (f) =>
      `Tjänstgöringsgraden ${f.percent} % är ovanligt låg för en tjänst. Menade du ${f.asPercent} % (${f.percent} heltidstjänster)? Skriv då ${f.asPercent} %.`,
    (f) =>
      `The service percentage ${f.percent} % is unusually low for a post. Did you mean ${f.asPercent} % (${f.percent} full-time posts)? Then enter ${f.asPercent} %.`,
    "warning",
  ),
  SERVICE_PERCENT_HIGH: t<{
    readonly percent: number;
    readonly posts: number;
  }>(
    (f) =>
      `Tjänstgöringsgraden ${f.percent} % är ${f.posts} heltidstjänster på en post. Menade du ${f.posts} %? Skriv då ${f.posts} % (talet ${f.posts} i en cell formaterad som procent är ${f.percent} %).`,
    (f) =>
      `The service percentage ${f.percent} % is ${f.posts} full-time posts on one line. Did you mean ${f.posts} %? Then enter ${f.posts} % (the number ${f.posts} in a cell formatted as percent is ${f.percent} %).`,
    "warning",
  ),
  ACTUALS_TO_DATE_NOT_READ: t<{ readonly header: string }>(
    (f) =>
      `Utfallet under "${f.header}" gäller en del av halvåret och läses inte: ett halvårs överskott räknas på hela halvårets utfall, och på en del av det blir återbetalningen för stor. Halvåret räknas som en budget. Skriv halvårets utfall, när det är slut, under rubriken Utfall.`,
    (f) =>
      `The actuals under "${f.header}" cover part of the half-year and are not read: a half-year's surplus is worked out from the whole half-year's actuals, and on a part of them the repayment is too large. The half-year counts as a budget. Write the half-year's actuals, once it has ended, under the header Utfall.`,
    "warning",
  ),
  NO_ACTUAL_COLUMN: t<{ readonly unread: string }>(
    (f) =>
      `Bladet heter som en återrapport, men tabellen har ingen kolumn för utfallet: halvåret räknas som en budget, utan utfall och återbetalning.${f.unread ? ` Rubriker som inte läses: ${f.unread}.` : ""} Ge utfallets kolumn rubriken Utfall.`,
    (f) =>
      `The sheet is named as a report, but its table has no column of actuals: the half-year counts as a budget, without actuals or repayment.${f.unread ? ` Headers not read: ${f.unread}.` : ""} Head the actuals' column Utfall.`,
    "warning",
  ),
  COLUMN_REPEATED: t<{
    readonly header: string;
    readonly first: string;
    readonly firstCell: string;
  }>(
    (f) =>
      `Kolumnen "${f.header}" läses inte: "${f.first}" (${f.firstCell}) läses som samma sak, och den första räknas. Byt rubrik på den som inte ska räknas, eller ta bort den.`,
    (f) =>
      `The column "${f.header}" is not read: "${f.first}" (${f.firstCell}) is read as the same, and the first counts. Rename the one that should not count, or remove it.`,
    "warning",
  ),
  HIDDEN_COLUMNS: t<{
    /** How many columns read are hidden. */
    readonly count: number;
    /** Their headers, each quoted, joined by ", ". */
    readonly headers: string;
  }>(
    (f) =>
      several(f.count)
        ? `Kolumnerna ${f.headers} är dolda i arbetsboken, men deras värden läses och räknas. Visa dem för att se allt som räknas.`
        : `Kolumnen ${f.headers} är dold i arbetsboken, men dess värden läses och räknas. Visa den för att se allt som räknas.`,
    (f) =>
      several(f.count)
        ? `The columns ${f.headers} are hidden in the workbook, but their values are read and count. Unhide them to see everything that counts.`
        : `The column ${f.headers} is hidden in the workbook, but its values are read and count. Unhide it to see everything that counts.`,
    "info",
  ),
  DETAIL_REPEATED: t<{ readonly key: string; readonly first: string }>(
    (f) =>
      `Uppgiften "${f.key}" står en gång till, med ett annat värde: värdet i ${f.first} räknas, inte det här. Ta bort den rad som inte gäller.`,
    (f) =>
      `The detail "${f.key}" is given again, with another value: the value in ${f.first} counts, not this one. Delete the row that does not apply.`,
    "warning",
  ),
  HIDDEN_DETAIL_NOT_READ: t<{
    readonly key: string;
    readonly shownCell: string;
  }>(
    (f) =>
      `Det dolda värdet för "${f.key}" läses inte: värdet i ${f.shownCell}, som syns, räknas.`,
    (f) =>
      `The hidden value of "${f.key}" is not read: the value in ${f.shownCell}, which is shown, counts.`,
    "info",
  ),
  HIDDEN_COLUMN_NOT_READ: t<{
    readonly header: string;
    readonly shown: string;
    readonly shownCell: string;
  }>(
    (f) =>
      `Den dolda kolumnen "${f.header}" läses inte: den synliga "${f.shown}" (${f.shownCell}) läses som samma sak och räknas.`,
    (f) =>
      `The hidden column "${f.header}" is not read: the visible "${f.shown}" (${f.shownCell}) is read as the same, and it counts.`,
    "info",
  ),
  HALF_YEARS_IN_COLUMNS: t<{ readonly halfYears: string }>(
    (f) =>
      `Bladet har en kolumn per halvår (${f.halfYears}), men budgeten läses ett halvår per blad. Lägg varje halvår på ett eget blad, t.ex. "Budget 2025 H2", med kolumnerna Post och Budget.`,
    (f) =>
      `The sheet has a column per half-year (${f.halfYears}), but the budget is read one half-year per sheet. Put each half-year on a sheet of its own, e.g. "Budget 2025 H2", with the columns "Post" and "Budget".`,
    "info",
  ),
  COLUMN_OTHER_PERIOD: t<{
    readonly header: string;
    readonly halfYear: string;
  }>(
    (f) =>
      `Kolumnen "${f.header}" gäller en annan period än bladets ${f.halfYear} och läses inte.`,
    (f) =>
      `The column "${f.header}" is of another period than the sheet's ${f.halfYear} and is not read.`,
    "info",
  ),
  COLUMN_PART_NOT_READ: t<{
    readonly header: string;
    readonly total: string;
    readonly totalCell: string;
  }>(
    (f) =>
      `Kolumnen "${f.header}" läses inte: "${f.total}" (${f.totalCell}) är summan, och den räknas.`,
    (f) =>
      `The column "${f.header}" is not read: "${f.total}" (${f.totalCell}) is the total, and it counts.`,
    "info",
  ),
  COLUMNS_IN_PARTS: t<{ readonly headers: string; readonly total: string }>(
    (f) =>
      `Beloppen står i en kolumn per del av halvåret (${f.headers}), och bara den första räknas: halvårets belopp blir för lågt. Lägg till en kolumn med halvårets summa, t.ex. "${f.total}"; delarna läses då inte.`,
    (f) =>
      `The amounts are in a column for each part of the half-year (${f.headers}), and only the first counts: the half-year's amount is too low. Add a column with the half-year's total, e.g. "${f.total}"; the parts are then not read.`,
    "error",
  ),
  MONTHS_OUTSIDE_HALF_YEAR: t<{
    readonly text: string;
    readonly halfYear: string;
  }>(
    (f) =>
      `Månaderna "${f.text}" ligger inte i halvåret ${f.halfYear}: bladet kan vara kopierat från ett annat halvår. Antalet månader räknas som det står; skriv halvårets månader.`,
    (f) =>
      `The months "${f.text}" are not in the half-year ${f.halfYear}: the sheet may be copied from another half-year. The number of months is counted as it stands; enter the half-year's months.`,
    "warning",
  ),
  MONTHLY_COST_WITHOUT_CONTRIBUTIONS: t<{ readonly header: string }>(
    (f) =>
      `Rubriken "${f.header}" säger att månadskostnaden är utan arbetsgivaravgifter, men lönebudgeten räknas som tjänstgöringsgrad × månader × månadskostnad med avgifter och andra lönekostnader. Skriv månadskostnaden med dem, eller för in personerna i Lönekalkyl, där avgifterna räknas fram.`,
    (f) =>
      `The header "${f.header}" says the monthly cost is without employer contributions, but the salary budget is service percentage × months × monthly cost with contributions and other salary costs. Enter the monthly cost with them, or enter the persons in Lönekalkyl, where the contributions are computed.`,
    "warning",
  ),
  AMOUNT_READ_AS_THOUSANDS: t<{
    readonly text: string;
    readonly amountOre: Ore;
  }>(
    (f) =>
      `"${f.text}" läses som ${f.amount}: tre siffror efter skiljetecknet är tusental, inte öre. Menade du något annat, skriv beloppet utan skiljetecken eller med två decimaler.`,
    (f) =>
      `"${f.text}" is read as ${f.amount}: three digits after the separator are thousands, not hundredths of a krona. If you meant something else, enter the amount without separators or with two decimals.`,
    "warning",
  ),
  AMOUNT_IN_UNIT_UNLIKELY: t<{
    readonly text: string;
    readonly unit: string;
    readonly amountOre: Ore;
  }>(
    (f) =>
      `"${f.text}" läses i kolumnens enhet, ${f.unit}: ${f.amount}, mer än en post brukar kosta på ett halvår. Står beloppen i kronor, ta bort enheten ur rubriken.`,
    (f) =>
      `"${f.text}" is read in the column's unit, ${f.unit}: ${f.amount}, more than a line usually costs in a half-year. If the amounts are in kronor, remove the unit from the header.`,
    "warning",
  ),
  AMOUNTS_IN_UNIT: t<{
    readonly headers: string;
    readonly unit: string;
    readonly unitEn: string;
    readonly shown: number;
    readonly amountOre: Ore;
  }>(
    (f) =>
      `Beloppen under ${f.headers} läses i ${f.unit}, rubrikens enhet: ${f.shown} där är ${f.amount}. Står beloppen redan i kronor, ta bort enheten ur rubriken.`,
    (f) =>
      `The amounts under ${f.headers} are read in ${f.unitEn}, the header's unit: ${f.shown} there is ${f.amount}. If the amounts are in kronor already, remove the unit from the header.`,
    "info",
  ),
  NEGATIVE_AMOUNT: t<{ readonly amountOre: Ore }>(
    (f) =>
      `Beloppet ${f.amount} är negativt. Skriv kostnader som positiva belopp.`,
    (f) =>
      `The amount ${f.amount} is negative. Enter costs as positive amounts.`,
    "error",
  ),
  SALARY_MISMATCH: t<{ readonly enteredOre: Ore; readonly derivedOre: Ore }>(
    (f) =>
      `Budgeten ${f.entered} stämmer inte med tjänstgöringsgrad × månader × månadskostnad = ${f.derived}. ${f.derived} används; rätta cellen eller underlaget.`,
    (f) =>
      `The budget ${f.entered} does not match service percentage × months × monthly cost = ${f.derived}. ${f.derived} is used; correct the cell or the inputs.`,
    "error",
  ),
  SALARY_INCOMPLETE: t<{
    readonly missing: string;
    readonly missingEn: string;
  }>(
    (f) =>
      `Lönerad utan ${f.missing}: budgeten kan inte räknas fram. Fyll i ${f.missing} eller budgetbeloppet.`,
    (f) =>
      `Salary line without ${f.missingEn}: the budget cannot be derived. Fill in ${f.missingEn} or the budget amount.`,
    "warning",
  ),
  IMPLIED_MONTHLY_COST: t<{ readonly impliedOre: Ore }>(
    (f) =>
      `Månadskostnad saknas; budgeten motsvarar en månadskostnad på ${f.implied} för heltid.`,
    (f) =>
      `The monthly cost is missing; the budget implies a full-time monthly cost of ${f.implied}.`,
    "info",
  ),
  MISSING_BUDGET: t<{ readonly label: string }>(
    (f) =>
      `Posten "${f.label}" har inget budgetbelopp. Fyll i beloppet (0 om posten inte ska ha medel).`,
    (f) =>
      `The line "${f.label}" has no budget amount. Fill in the amount (0 if the line gets no funds).`,
    "warning",
  ),
  MISSING_ACTUAL: t<{
    readonly label: string;
    /** A figure typed under Differens that no actual explains (the actual typed a column off?), and its cell. */
    readonly varianceOre: Ore | null;
    readonly varianceCell: string | null;
  }>(
    (f) =>
      f.variance === ""
        ? `Posten "${f.label}" saknar utfall fast halvåret är återrapporterat; 0 används. Fyll i utfallet.`
        : `Posten "${f.label}" saknar utfall fast halvåret är återrapporterat; 0 används. Under Differens, i ${f.varianceCell}, står ${f.variance}: är det utfallet? Skriv utfallet här, under Utfall.`,
    (f) =>
      f.variance === ""
        ? `The line "${f.label}" has no actual although the half-year is reported; 0 is used. Fill in the actual.`
        : `The line "${f.label}" has no actual although the half-year is reported; 0 is used. Under "Differens" (variance), in ${f.varianceCell}, it has ${f.variance}: is that the actual? Enter the actual here, under "Utfall" (actual).`,
    "warning",
  ),
  LINE_WITHOUT_LABEL: t<NoParams>(
    () => "Raden har belopp men ingen benämning. Skriv vad posten avser.",
    () => "The row has amounts but no label. Enter what the line is for.",
    "warning",
  ),
  DUPLICATE_LINE: t<{
    readonly label: string;
    readonly firstRow: number;
    /** The first row's label, which may be spelt otherwise ("Lokalhyra" for "Lokalhyra:"). */
    readonly firstLabel: string;
  }>(
    (f) =>
      f.firstLabel === f.label
        ? `Posten "${f.label}" finns redan på rad ${f.firstRow}. Slå ihop raderna eller ge dem olika benämningar.`
        : `Posten "${f.label}" finns redan på rad ${f.firstRow}, som "${f.firstLabel}". Slå ihop raderna eller ge dem olika benämningar.`,
    (f) =>
      f.firstLabel === f.label
        ? `The line "${f.label}" already exists on row ${f.firstRow}. Merge the rows or give them different labels.`
        : `The line "${f.label}" already exists on row ${f.firstRow}, as "${f.firstLabel}". Merge the rows or give them different labels.`,
    "warning",
  ),
  OH_MISMATCH: t<{
    readonly halfYear: string;
    readonly enteredOre: Ore;
    readonly computedOre: Ore;
  }>(
    (f) =>
      `OH-budgeten för ${f.halfYear}, ${f.entered}, stämmer inte med OH-sats × direkta kostnader = ${f.computed}. ${f.computed} används; rätta cellen.`,
    (f) =>
      `The overhead budget for ${f.halfYear}, ${f.entered}, does not match overhead rate × direct costs = ${f.computed}. ${f.computed} is used; correct the cell.`,
    "error",
  ),
  OH_FORMULA_STALE: t<{
    readonly halfYear: string;
    readonly enteredOre: Ore;
    readonly computedOre: Ore;
  }>(
    (f) =>
      `OH-formeln för ${f.halfYear} ger ${f.entered} men OH-sats × alla direkta kostnader = ${f.computed}: formeln räknar inte med alla rader (till exempel en infogad rad). ${f.computed} används; Beräkna skriver om formeln.`,
    (f) =>
      `The overhead formula for ${f.halfYear} gives ${f.entered} but overhead rate × all direct costs = ${f.computed}: it does not cover every line (an inserted row, for example). ${f.computed} is used; Compute rewrites the formula.`,
    "warning",
  ),
  ACTUALS_EQUAL_BUDGET: t<{
    readonly halfYear: string;
    readonly amountOre: Ore;
  }>(
    (f) =>
      `Utfallet för ${f.halfYear} är detsamma som budgeten på varje post, ${f.amount} i allt: det ser kopierat ut, och halvåret får inget överskott. Kontrollera utfallet mot bokföringen.`,
    (f) =>
      `The actuals of ${f.halfYear} are the budget on every line, ${f.amount} in all: they look copied, and the half-year has no surplus. Check the actuals against the accounts.`,
    "warning",
  ),
  OH_NOT_REPORTED: t<{
    readonly halfYear: string;
    readonly budgetOre: Ore;
    readonly allowedOre: Ore;
  }>(
    (f) =>
      `Halvåret ${f.halfYear} har ingen OH-rad: OH räknas som 0 kr i utfallet, och budgetens OH, ${f.budget}, blir överskott som återbetalas. OH-satsen på de direkta kostnadernas utfall hade gett ${f.allowed}. Lägg till raden OH-kostnader med utfallet (0 om ingen OH tas ut).`,
    (f) =>
      `The half-year ${f.halfYear} has no OH line: its actual OH counts as 0, and the budget's OH, ${f.budget}, is surplus to be repaid. The rate on the actual direct costs would have given ${f.allowed}. Add the line OH-kostnader with its actual (0 if no OH is charged).`,
    "warning",
  ),
  OH_ACTUAL_ABOVE_RATE: t<{
    readonly halfYear: string;
    readonly actualOre: Ore;
    readonly allowedOre: Ore;
    readonly excessOre: Ore;
  }>(
    (f) =>
      `Utfallet för OH ${f.halfYear}, ${f.actual}, överstiger det tillåtna ${f.allowed} (OH-sats × direkta kostnader, högst budgeterad OH). ${f.excess} räknas inte som stödberättigat.`,
    (f) =>
      `The actual overhead for ${f.halfYear}, ${f.actual}, exceeds the allowed ${f.allowed} (overhead rate × actual direct costs, at most the budgeted overhead). ${f.excess} is not eligible.`,
    "error",
  ),
  OVERSPENT: t<
    Overspend & {
      /** The partner's comment on the line, when it has one. */
      readonly explanation: string | null;
      /** Its cell, or the empty cell of the table's comment column where it goes. */
      readonly explanationCell: string | null;
    }
  >(
    (f) =>
      `Posten "${f.label}" är överskriden med ${f.over} för ${f.halfYear} (halvårets budget ${f.budget}, utfall ${f.actual}, exkl. OH). ${f.explanation ? `Förklaringen i ${f.explanationCell}: "${f.explanation}"` : f.explanationCell ? `Skriv förklaringen till avvikelsen i ${f.explanationCell}.` : "Förklara avvikelsen i återrapporteringen."}`,
    (f) =>
      `The line "${f.label}" is overspent by ${f.over} in ${f.halfYear} (the half-year's budget ${f.budget}, actual ${f.actual}, excl. overhead). ${f.explanation ? `The explanation in ${f.explanationCell}: "${f.explanation}"` : f.explanationCell ? `Enter the explanation of the variance in ${f.explanationCell}.` : "Explain the variance in the report-back."}`,
    "warning",
  ),
  OVERSPENT_WITHIN_TOLERANCE: t<Overspend>(
    (f) =>
      `Posten "${f.label}" är överskriden med ${f.over} för ${f.halfYear} (exkl. OH), inom toleransen.`,
    (f) =>
      `The line "${f.label}" is overspent by ${f.over} in ${f.halfYear} (excl. overhead), within the tolerance.`,
    "info",
  ),
  YEAR_OVERSPENT: t<{
    readonly year: number;
    readonly overOre: Ore;
    readonly actualOre: Ore;
    readonly budgetOre: Ore;
  }>(
    (f) =>
      `År ${f.year} är överskridet med ${f.over}: utfallet ${f.actual} överstiger budgeten ${f.budget}. Inget ska återbetalas för året; underskottet täcks inte av kommunen.`,
    (f) =>
      `The year ${f.year} is overspent by ${f.over}: the actual ${f.actual} exceeds the budget ${f.budget}. Nothing is repaid for the year; the deficit is not covered by the city.`,
    "warning",
  ),
  YEAR_PARTIAL: t<{ readonly year: number; readonly reported: string }>(
    (f) =>
      `År ${f.year} är bara delvis återrapporterat (${f.reported}); årets överskott är preliminärt.`,
    (f) =>
      `The year ${f.year} is only partly reported (${f.reported}); its surplus is provisional.`,
    "info",
  ),
  ACTUALS_IN_THOUSANDS: t<{
    readonly halfYear: string;
    readonly actualOre: Ore;
    readonly scaledOre: Ore;
    readonly budgetOre: Ore;
  }>(
    (f) =>
      `Utfallet för ${f.halfYear} är på varje post en hundradel av budgeten eller mindre, ${f.actual} mot ${f.budget}, men tusen gånger det, ${f.scaled}, ligger nära budgeten: är det skrivet i tusental kronor? Skriv "Utfall (tkr)" i rubriken, så läses det så, eller skriv beloppen i kronor.`,
    (f) =>
      `The actual for ${f.halfYear} is a hundredth of the budget or less on every line, ${f.actual} against ${f.budget}, but a thousand times it, ${f.scaled}, is near the budget: is it written in thousands of kronor? Write "Utfall (tkr)" in the header, and it is read so, or enter the amounts in kronor.`,
    "error",
  ),
  ACTUALS_AS_NEGATIVES: t<NoParams>(
    () =>
      "Utfallet är skrivet med minustecken på varje post, som en resultaträkning visar kostnader: IOP-budget läser det som kostnader, utan tecknet, men arbetsbokens egna formler (Differens, Status, summan) räknar med tecknet. Skriv utfallet som positiva belopp.",
    () =>
      "Every actual is written with a minus sign, as an income statement shows costs: IOP-budget reads them as costs, without the sign, but the workbook's own formulas (Differens, Status, the total) count with it. Enter the actuals as positive amounts.",
    "warning",
  ),
  ACTUALS_OF_WHOLE_YEAR: t<{
    readonly halfYear: string;
    readonly other: string;
    readonly year: number;
    readonly actualOre: Ore;
    readonly budgetOre: Ore;
    readonly yearBudgetOre: Ore;
  }>(
    (f) =>
      `Utfallet för ${f.halfYear}, ${f.actual}, är långt över halvårets budget (${f.budget}) och nära hela årets (${f.yearBudget}), och ${f.other} har inget utfall: är det utfallet för hela ${f.year}? Skriv varje halvårs utfall på sitt blad; annars räknas årets utfall mot ett halvårs budget.`,
    (f) =>
      `The actual for ${f.halfYear}, ${f.actual}, is far above the half-year's budget (${f.budget}) and near the whole year's (${f.yearBudget}), and ${f.other} has no actual: is it the actual for all of ${f.year}? Enter each half-year's actual on its own sheet; otherwise the year's actual is counted against one half-year's budget.`,
    "warning",
  ),
  ACTUALS_CUMULATIVE: t<{
    readonly halfYear: string;
    readonly first: string;
    readonly actualOre: Ore;
    readonly budgetOre: Ore;
  }>(
    (f) =>
      `Utfallet för ${f.halfYear}, ${f.actual}, är långt över halvårets budget (${f.budget}), och varje post har minst sitt utfall för ${f.first}: är det årets utfall hittills, januari–december? Skriv bara halvårets eget utfall; annars räknas ${f.first} två gånger.`,
    (f) =>
      `The actual for ${f.halfYear}, ${f.actual}, is far above the half-year's budget (${f.budget}), and every line has at least its actual for ${f.first}: is it the year to date, January–December? Enter the half-year's own actual only; otherwise ${f.first} is counted twice.`,
    "warning",
  ),
  SUM_MISMATCH: t<{
    readonly halfYear: string;
    readonly enteredOre: Ore;
    readonly computedOre: Ore;
  }>(
    (f) =>
      `Summan ${f.entered} för ${f.halfYear} stämmer inte med beräknad summa ${f.computed} (inkl. OH). Rätta summaraden (eller låt den vara en formel).`,
    (f) =>
      `The total ${f.entered} for ${f.halfYear} does not match the computed total ${f.computed} (incl. overhead). Correct the total row (or make it a formula).`,
    "error",
  ),
  SUM_FORMULA_STALE: t<{
    readonly halfYear: string;
    readonly enteredOre: Ore;
    readonly computedOre: Ore;
  }>(
    (f) =>
      `Summaformeln för ${f.halfYear} ger ${f.entered}, men posterna ger ${f.computed} (inkl. OH): formeln räknar inte med raderna som de står nu (till exempel en infogad rad). ${f.computed} används; Beräkna skriver om formeln.`,
    (f) =>
      `The total's formula for ${f.halfYear} gives ${f.entered}, but the lines give ${f.computed} (incl. overhead): the formula does not take in the rows as they are now (an inserted row, for instance). ${f.computed} is used; Compute rewrites the formula.`,
    "warning",
  ),
  ACTUAL_ONLY_IN_TOTAL: t<{
    readonly halfYear: string;
    readonly actualOre: Ore;
  }>(
    (f) =>
      `Summaraden har utfallet ${f.actual}, men ingen post har något utfall: ${f.halfYear} räknas som inte återrapporterat, och summan används inte. Skriv varje posts utfall under Utfall.`,
    (f) =>
      `The total row has the actual ${f.actual}, but no line has an actual: ${f.halfYear} counts as not reported, and the total is not used. Enter each line's actual under "Utfall" (actual).`,
    "error",
  ),
  SUBTOTAL_MISMATCH: t<{
    readonly enteredOre: Ore;
    readonly computedOre: Ore;
  }>(
    (f) =>
      `Delsumman ${f.entered} stämmer inte med summan av posterna ovanför den (sedan förra delsumman), ${f.computed}. Rätta delsumman (eller låt den vara en formel); den räknas inte, posterna gör.`,
    (f) =>
      `The subtotal ${f.entered} does not match the sum of the lines above it (since the subtotal before), ${f.computed}. Correct the subtotal (or make it a formula); it is not counted, the lines are.`,
    "warning",
  ),
  VARIANCE_REVERSED: t<NoParams>(
    () =>
      "Differensen räknas här som utfall − budget (ett överskridande är positivt), på varje rad. IOP-budget räknar budget − utfall men godtar tecknet, och Beräkna fyller tomma celler på samma sätt.",
    () =>
      "The variance is counted here as actual − budget (an overspend is positive), on every line. IOP-budget counts budget − actual but accepts the sign, and Compute fills empty cells the same way.",
    "info",
  ),
  VARIANCE_MISMATCH: t<{ readonly enteredOre: Ore; readonly computedOre: Ore }>(
    (f) =>
      `Differensen ${f.entered} stämmer inte med budget − utfall = ${f.computed}. Rätta cellen.`,
    (f) =>
      `The variance ${f.entered} does not match budget − actual = ${f.computed}. Correct the cell.`,
    "error",
  ),
  LINE_NOT_IN_EVERY_HALF_YEAR: t<{
    readonly label: string;
    readonly present: string;
    readonly missing: string;
  }>(
    (f) =>
      `Posten "${f.label}" finns i ${f.present} men inte i ${f.missing}; i års- och periodtabellerna räknas den där den finns.`,
    (f) =>
      `The line "${f.label}" is in ${f.present} but not in ${f.missing}; the year and period tables count it where it is.`,
    "info",
  ),
  SERVICE_PERCENT_WEIGHTED: t<{
    readonly label: string;
    readonly percents: string;
    readonly weighted: number;
  }>(
    (f) =>
      `Posten "${f.label}" har olika tjänstgöringsgrad i halvåren (${f.percents} %); budgetförslaget visar snittet viktat med månader, ${f.weighted} %.`,
    (f) =>
      `The line "${f.label}" has different service percentages in its half-years (${f.percents} %); the budget proposal shows the mean weighted by months, ${f.weighted} %.`,
    "info",
  ),
  // Against a granted budget (check --granted)
  GRANTED_LINE_CHANGED: t<{
    readonly label: string;
    readonly halfYear: string;
    readonly reportedOre: Ore;
    readonly grantedOre: Ore;
  }>(
    (f) =>
      `Posten "${f.label}" har budgeten ${f.reported} för ${f.halfYear} i återrapporteringen, men ${f.granted} beviljades. Beräkningen använder det beviljade beloppet; stadskontoret bedömer ändringen.`,
    (f) =>
      `The line "${f.label}" has the budget ${f.reported} for ${f.halfYear} in the report, but ${f.granted} was granted. The figures use the granted amount; stadskontoret judges the change.`,
    "warning",
  ),
  GRANTED_LINE_ADDED: t<{
    readonly label: string;
    readonly halfYear: string;
    readonly reportedOre: Ore;
  }>(
    (f) =>
      `Posten "${f.label}" (budget ${f.reported} för ${f.halfYear}) finns inte i den beviljade budgeten; den räknas med budget 0 kr.`,
    (f) =>
      `The line "${f.label}" (budget ${f.reported} for ${f.halfYear}) is not in the granted budget; it counts with a budget of SEK 0.`,
    "warning",
  ),
  GRANTED_LINE_REMOVED: t<{
    readonly label: string;
    readonly grantedOre: Ore;
    readonly halfYear: string;
  }>(
    (f) =>
      `Den beviljade posten "${f.label}" (${f.granted}) saknas i återrapporteringen för ${f.halfYear}; den räknas som beviljad utan utfall.`,
    (f) =>
      `The granted line "${f.label}" (${f.granted}) is missing from the report for ${f.halfYear}; it counts as granted with no actual.`,
    "warning",
  ),
  GRANTED_TOTAL_EXCEEDED: t<{
    readonly halfYear: string;
    readonly reportedOre: Ore;
    readonly overOre: Ore;
    readonly grantedOre: Ore;
  }>(
    (f) =>
      `Budgeten för ${f.halfYear} är ${f.reported} i återrapporteringen, ${f.over} mer än de beviljade ${f.granted}. Överskottet och återbetalningen räknas mot det beviljade beloppet.`,
    (f) =>
      `The budget for ${f.halfYear} is ${f.reported} in the report, ${f.over} more than the ${f.granted} granted. The surplus and the repayment are computed against the granted amount.`,
    "error",
  ),
  GRANTED_RATE_CHANGED: t<{
    /** The report's rate in percent points; null when the report has none. */
    readonly reported: number | null;
    readonly granted: number;
    /** The half-years held at that rate, where several grants hold the report's; else null. */
    readonly halfYears: string | null;
  }>(
    (f) =>
      f.reported === ""
        ? `OH-sats saknas i återrapporteringen; den beviljade budgetens ${f.granted} % används${f.halfYears ? ` för ${f.halfYears}` : ""}.`
        : `OH-satsen är ${f.reported} % i återrapporteringen men ${f.granted} % i den beviljade budgeten${f.halfYears ? ` för ${f.halfYears}` : ""}; beräkningen använder den beviljade.`,
    (f) =>
      f.reported === ""
        ? `The report has no overhead rate; the granted budget's ${f.granted} % is used${f.halfYears ? ` for ${f.halfYears}` : ""}.`
        : `The overhead rate is ${f.reported} % in the report but ${f.granted} % in the granted budget${f.halfYears ? ` for ${f.halfYears}` : ""}; the figures use the granted one.`,
    "warning",
  ),
  GRANTED_PERIOD_CHANGED: t<{
    readonly reported: string;
    /** The grants' periods, joined by ", " where the report is held to several. */
    readonly granted: string;
    /** How many grants the report is held to. */
    readonly grants: number;
  }>(
    (f) =>
      `Avtalsperioden är ${f.reported} i återrapporteringen men ${f.granted} i ${several(f.grants) ? "de beviljade budgetarna" : "den beviljade budgeten"}.`,
    (f) =>
      `The agreement period is ${f.reported} in the report but ${f.granted} in the granted ${several(f.grants) ? "budgets" : "budget"}.`,
    "warning",
  ),
  HALF_YEAR_NOT_GRANTED: t<{
    readonly halfYear: string;
    /** How many grants the report is held to. */
    readonly grants: number;
  }>(
    (f) =>
      `Halvåret ${f.halfYear} finns inte i ${several(f.grants) ? "någon av de beviljade budgetarna" : "den beviljade budgeten"}; det räknas mot arbetsbokens egen budget. Beviljades det i en annan budget (en förlängning), välj också den som beviljad budget.`,
    (f) =>
      `The half-year ${f.halfYear} is not in ${several(f.grants) ? "any of the granted budgets" : "the granted budget"}; it is computed against the workbook's own budget. If another budget granted it (an extension), choose that one as a granted budget too.`,
    "error",
  ),
  GRANTED_OTHER_CASE: t<{
    readonly granted: string;
    readonly reported: string;
  }>(
    (f) =>
      `Den beviljade budgeten hör till ett annat ärende (${f.granted}, återrapporteringen: ${f.reported}); återrapporteringen räknas mot sin egen budget.`,
    (f) =>
      `The granted budget belongs to another case (${f.granted}; the report: ${f.reported}); the report is computed against its own budget.`,
    "error",
  ),
  GRANTED_CASE_UNCHECKED: t<NoParams>(
    () =>
      "Det går inte att se att den beviljade budgeten hör till samma ärende: de har inte båda Diarienummer eller båda Partnerskap ifyllt. Återrapporteringen räknas mot den beviljade budgeten; kontrollera att det är rätt fil.",
    () =>
      "It cannot be told that the granted budget belongs to the same case: they do not both have a case number (Diarienummer) or both a partnership name (Partnerskap). The report is computed against the granted budget; check that it is the right file.",
    "warning",
  ),
  RATE_TABLE_CHANGED: t<{
    readonly label: string;
    /** The cell's value; its text in quotes when it is not a number; null when the cell is empty. */
    readonly entered: number | string | null;
    /** The unit after the entered value when it is a number (" %", " kr"), else "". */
    readonly enteredUnit: string;
    readonly expected: number | string;
    readonly unit: string;
  }>(
    (f) =>
      `Avgiftssatsen "${f.label}" är ${f.entered === "" ? "tömd" : `ändrad till ${f.entered}${f.enteredUnit}`}; lagens värde är ${f.expected}${f.unit}. Beräkningen använder lagens värde, och Beräkna skriver tillbaka tabellen.`,
    (f) =>
      `The rate "${f.label}" has been ${f.entered === "" ? "emptied" : `changed to ${f.entered}${f.enteredUnit}`}; the law's value is ${f.expected}${f.unit}. The figures use the law's value, and Compute writes the table back.`,
    "warning",
  ),
  INCOME_NOT_READ: t<{
    readonly label: string;
    readonly firstRow: number;
    readonly lastRow: number;
  }>(
    (f) =>
      f.firstRow === f.lastRow
        ? `Rad ${f.firstRow} ("${f.label}") är en intäkt, ingen kostnad, och räknas inte som budgetpost.`
        : `Raderna ${f.firstRow}–${f.lastRow} ("${f.label}") är intäkter, inga kostnader, och räknas inte som budgetposter.`,
    (f) =>
      f.firstRow === f.lastRow
        ? `Row ${f.firstRow} ("${f.label}") is income, not a cost, and is not counted as a budget line.`
        : `Rows ${f.firstRow}–${f.lastRow} ("${f.label}") are income, not costs, and are not counted as budget lines.`,
    "info",
  ),
  LINES_AFTER_TOTAL: t<{
    readonly rows: string;
    readonly amountOre: Ore;
    readonly labels: string;
  }>(
    (f) =>
      `Under summaraden står kostnader som inte räknas i budgeten: rad ${f.rows} (${f.labels}), ${f.amount}. Flytta dem ovanför summaraden och ta med dem i summan.`,
    (f) =>
      `Below the total row are costs not counted in the budget: row ${f.rows} (${f.labels}), ${f.amount}. Move them above the total row and include them in the total.`,
    "warning",
  ),
  CARRY_OVER_NOT_READ: t<{ readonly label: string; readonly amountOre: Ore }>(
    (f) =>
      `Raden "${f.label}" (${f.amount}) för över medel från en tidigare period och är ingen kostnad: den räknas inte i halvårets budget eller utfall. Ett halvårs överskott räknas med i årets; ett överskott från ett tidigare år skrivs i Uppgifter, "Överskott ÅÅÅÅ", och återbetalas.`,
    (f) =>
      `The row "${f.label}" (${f.amount}) carries money over from an earlier period and is no cost: it is not counted in the half-year's budget or actuals. A half-year's surplus counts in its year's; a surplus of an earlier year goes in Uppgifter, "Överskott ÅÅÅÅ", and is repaid.`,
    "warning",
  ),
  RESULT_ROW_NOT_READ: t<{ readonly label: string; readonly amountOre: Ore }>(
    (f) =>
      `Raden "${f.label}" (${f.amount}) anger halvårets resultat och är ingen kostnad: den räknas inte i halvårets budget eller utfall. Överskottet räknas fram ur budget och utfall.`,
    (f) =>
      `The row "${f.label}" (${f.amount}) states the half-year's result and is no cost: it is not counted in the half-year's budget or actuals. The surplus is worked out from the budget and the actuals.`,
    "info",
  ),
  LINE_EQUALS_LINES_ABOVE: t<{
    readonly label: string;
    readonly amountOre: Ore;
    readonly count: number;
    /** "oh" when the amount is theirs with their OH, else "". */
    readonly with: "oh" | "";
  }>(
    (f) =>
      `Posten "${f.label}" är ${f.amount}, lika mycket som de ${f.count} posterna ovanför den${f.with === "oh" ? " med OH" : ""}, och räknas som en post: är raden deras summa räknas de två gånger. Är den en summa, börja dess text med "Summa" (då räknas den inte); är den en kostnad, låt den stå.`,
    (f) =>
      `The line "${f.label}" is ${f.amount}, as much as the ${f.count} lines above it${f.with === "oh" ? " with OH" : ""}, and is counted as a line: if the row is their total, they are counted twice. If it is a total, start its text with "Summa" (it is then not counted); if it is a cost, leave it.`,
    "warning",
  ),
  TOTAL_NOT_LABELLED: t<{
    readonly row: number;
    readonly formula: string;
    /** The row's text, "" where it has none. */
    readonly label: string;
  }>(
    (f) =>
      f.label
        ? `Raden "${f.label}" (rad ${f.row}) har budgeten ${f.formula}, summan av raderna ovanför: den läses som tabellens summarad och räknas inte som en post. Börja dess text med "Summa".`
        : `Rad ${f.row} har ingen text, men dess budget är summan av raderna ovanför (${f.formula}): den läses som tabellens summarad och räknas inte som en post. Skriv "Summa" i raden.`,
    (f) =>
      f.label
        ? `The row "${f.label}" (row ${f.row}) has the budget ${f.formula}, the sum of the rows above: it is read as the table's total row and not counted as a line. Start its text with "Summa".`
        : `Row ${f.row} has no text, but its budget is the sum of the rows above (${f.formula}): it is read as the table's total row and not counted as a line. Write "Summa" in the row.`,
    "info",
  ),
  HEADER_REPEATED: t<{ readonly row: number }>(
    (f) =>
      `Rad ${f.row} upprepar tabellens rubriker och läses inte; raderna under den läses som poster i samma tabell. Är de en egen tabell (t.ex. en specifikation av en post), flytta dem till ett eget blad eller under summaraden: annars räknas de två gånger.`,
    (f) =>
      `Row ${f.row} repeats the table's headers and is not read; the rows below it are read as lines of the same table. If they are a table of their own (e.g. a breakdown of a line), move them to a sheet of their own or below the total row: otherwise they are counted twice.`,
    "warning",
  ),
  ROWS_AFTER_TOTAL: t<{ readonly row: number }>(
    (f) =>
      `Raderna under summaraden (från rad ${f.row}) räknas inte som budgetposter.`,
    (f) =>
      `The rows below the total row (from row ${f.row}) are not counted as budget lines.`,
    "info",
  ),
};

export type FindingCode = keyof typeof FINDINGS;

/** The parameters a code's messages need. */
export type ParamsOf<C extends FindingCode> = AllOf<
  C extends FindingCode
    ? (typeof FINDINGS)[C] extends Entry<infer P>
      ? P
      : never
    : never
>;

// A finding whose code is chosen at run time (one of two) takes what each of them needs.
type AllOf<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

type ParamsArg<C extends FindingCode> =
  NoParams extends ParamsOf<C> ? [params?: ParamsOf<C>] : [params: ParamsOf<C>];

export function finding<C extends FindingCode>(
  code: C,
  sheet: string | null,
  cell: string | null,
  ...[params]: ParamsArg<C>
): Finding {
  return {
    severity: FINDINGS[code].severity,
    code,
    sheet,
    cell,
    params: params ?? {},
  };
}

/** Every finding code, in the catalogue's order. */
export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];

// A finding's code and params travel together from `finding`, so its entry takes its params.
function entryOf(code: FindingCode): Entry<Params> {
  return FINDINGS[code] as Entry<Params>;
}

/** A finding's message with "…" where the workbook's figures and names go: for the help page. */
export function findingTemplate(code: FindingCode, lang: Lang): string {
  const blank = new Proxy({}, { get: () => "…" });
  return entryOf(code)[lang](blank);
}

export function findingMessage(f: Finding, lang: Lang): string {
  return entryOf(f.code)[lang](shown(f.params, lang));
}

export function renderFinding(f: Finding, lang: Lang): RenderedFinding {
  return {
    severity: f.severity,
    code: f.code,
    sheet: f.sheet,
    cell: f.cell,
    message: findingMessage(f, lang),
  };
}

const SEVERITY_ORDER: Record<Severity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

export function hasErrors(
  findings: readonly { severity: Severity }[],
): boolean {
  return findings.some((f) => f.severity === "error");
}
