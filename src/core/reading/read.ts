// Grids of cells → the budget model and the findings of reading (SPEC §3). Never throws on content.

import { isDetailsSheetName } from "./sheet-names";
import {
  type Cell,
  type Grid,
  type Merge,
  MergedAreas,
  type Sheet,
  type SheetRow,
  type SheetTail,
  type StreamedSheet,
  type WorkbookSheets,
  a1,
  columnLetters,
  cellAt,
  gridOf,
  isBlankRow,
  isEmptyCell,
  onlyBlankFormulas,
  isStreamed,
  parseA1,
  rowsOf,
  shownFirst,
} from "./grid";
import { type IsoDate, isDateFormat, isoFromParts, serialToIso } from "./dates";
import { type Expected, type Finding, finding } from "../findings/findings";
import {
  COLUMN_HEADERS,
  DETAIL_SYNONYMS,
  WITHOUT_CONTRIBUTIONS,
  columnOfHeader,
  type Category,
  type ColumnKey,
  type DetailKey,
  categoryFromLabel,
  categoryOf,
  compactKey,
  detailKeyName,
  earlierSurplusYear,
  namesSurplusWithoutYear,
  surplusThroughYear,
  isMarkedRepaid,
  rateInLabel,
  repaidKeyYear,
  enumerationEnd,
  isCostHeading,
  isFallbackBudgetHeader,
  isIncomeHeading,
  wordedRow,
  isSectionTotalLabel,
  isSummaLabel,
  namesPosts,
  POINTS_PER_POST,
  isSubtotalLabel,
  isTotalLabel,
} from "./glossary";
import {
  type Agreement,
  type BudgetWorkbook,
  type EarlierSurplus,
  type HalfYearSheet,
  type LineInput,
  type SalarySheet,
  type Tolerance,
  type SubtotalRow,
  type TotalRow,
  cellOf,
  hasActuals,
} from "../model";
import {
  type Ore,
  ZERO,
  add,
  kronor,
  negate,
  subtract,
  sum,
} from "../figures/money";
import {
  type HalfYear,
  type PeriodParse,
  parsePeriod,
  parseRange,
  periodFromRange,
} from "./period";
import {
  type MonthAnchor,
  type ParsedNumber,
  amountFactor,
  amountTextUnit,
  headerUnit,
  isDashCell,
  MONTH_WORD,
  halfOfMonths,
  monthNumber,
  monthsOfText,
  serviceWord,
  UNIT_NAMES,
  withoutMonthWord,
  normalizeKey,
  readDate,
  readNumber,
  readText,
  withoutUnseen,
} from "./values";
import { isValidOrgNumber } from "./orgnr";
import {
  EXAMPLE_CASE,
  isDecisionSheetName,
  isExampleSheetName,
  isRatesSheetName,
  SCENARIO_OWNER,
  isScenarioMark,
  isScenarioSheetName,
  isOwnSalaryPercentFormula,
} from "../ownership";
import { ratesTableChecks } from "../checks/rates";
import {
  type CellRead,
  EMPTY_READ,
  MAX_AMOUNT_KRONOR,
  failureFinding,
  readFailed,
  readFraction,
  monthlyAmount,
  readMoney,
  readValue,
  take,
  unitFinding,
} from "./cells";
import {
  isSalaryHeaderRow,
  isSalarySheetName,
  linePosts,
  personsByPost,
  personsOfLine,
  readSalarySheet,
  hiddenColumnNotRead,
  hiddenColumnsRead,
} from "./salaries";
import { append } from "../lists";
import { activeGradeMicro, personCost } from "../figures/payroll";

export const DETAILS_SHEET = "Uppgifter";

/** The first rows, where a table's header is looked for. */
const HEADER_SCAN_ROWS = 40;
/** The rows below a header without a label header, where the label column is looked for. */
const LABEL_SCAN_ROWS = 50;

export interface ReadResult {
  readonly workbook: BudgetWorkbook;
  readonly findings: readonly Finding[];
}

/** Cells a sheet has outside the grid it says it has: said, not read. */
function outside(
  findings: Finding[],
  name: string,
  ref: string | undefined,
): void {
  if (ref !== undefined)
    findings.push(finding("CELLS_OUTSIDE_GRID", name, null, { ref }));
}

/** The fields of `o` that hold something: an optional field left out, never written empty. */
function given<T extends Record<string, unknown>>(
  o: T,
): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== null && v !== undefined),
  ) as { [K in keyof T]?: NonNullable<T[K]> };
}

/**
 * Reads the model from a workbook's sheets, in one pass: a sheet is let go once read, so that an
 * adapter may hand them over one at a time, and a half-year a row at a time (the command line
 * does, for every workbook). Findings keep their order: unreadable sheets, then the details sheet's,
 * then each half-year's.
 */
export function readWorkbook(grids: WorkbookSheets): ReadResult {
  const unreadable: Finding[] = [];
  const detailsFindings: Finding[] = [];
  const halfYearFindings: Finding[] = [];
  const ratesFindings: Finding[] = [];
  // The template's worked example: its Uppgifter may still hold the example's details.
  let example = false;
  let details: AgreementRead | null = null;
  const halfYears: HalfYearSheet[] = [];
  const byColumns: Finding[] = [];
  const below: { halfYear: HalfYear; finding: Finding }[] = [];
  const reportsWithoutBudget = new ReportsWithoutBudget(halfYearFindings);
  // Read after the loop: its dates are checked against the agreement, which may come later.
  let salaryGrid: Grid | null = null;
  // Uppgifter and Lönekalkyl by what they hold, where no sheet has their names; hidden half-years.
  const elsewhere = noneElsewhere();
  for (const s of grids.sheets) {
    const role = sheetRole(s, details !== null, salaryGrid !== null);
    if (role === "table") {
      // A sheet that may hold a table is read as its rows come: it is never held whole.
      const read = readHalfYearSheet(isStreamed(s) ? s : streamedOf(s));
      outside(unreadable, s.name, read.outsideGrid);
      append(halfYearFindings, read.findings);
      if (read.sheet) halfYears.push(read.sheet);
      if (read.columnsByHalfYear) byColumns.push(read.columnsByHalfYear);
      if (read.below) below.push(read.below);
      reportsWithoutBudget.add(read.actualsOnly);
      if (read.sheet && s.hidden) elsewhere.hidden.add(s.name);
      elsewhere.details ??= read.details ?? null;
      elsewhere.salaries ??= read.salaries ?? null;
      continue;
    }
    const g = gridOf(s);
    outside(unreadable, g.name, g.outsideGrid);
    switch (role) {
      case "unreadable":
        unreadable.push(
          // The role says the grid has its reason.
          finding("SHEET_UNREADABLE", g.name, null, { reason: g.unreadable! }),
        );
        break;
      case "details":
        details = readAgreement(g);
        append(detailsFindings, details.findings);
        break;
      case "salaries":
        salaryGrid = g;
        break;
      case "example":
        example = true;
        break;
      case "rates":
        append(ratesFindings, ratesTableChecks(g));
    }
  }
  details ??= detailsFrom(elsewhere.details, detailsFindings);
  salaryGrid ??= salariesFrom(elsewhere.salaries, halfYearFindings);
  // A summary by half-year beside the half-years' sheets is theirs; alone, it is why none is read.
  if (halfYears.length === 0) append(halfYearFindings, byColumns);
  append(halfYearFindings, unreadBelow(below, halfYears));
  reportsWithoutBudget.nameBudgets(halfYears);
  const shown = withoutCopies(halfYears, elsewhere.hidden);
  const read = details?.agreement ?? emptyAgreement();
  const salaries = salariesOf(salaryGrid, read, halfYears, halfYearFindings);
  const rate = details?.rateMissing ? rateOf(read, halfYears) : null;
  const sheets = shown?.halfYears ?? halfYears;
  const rated = rate?.agreement ?? read;
  const agreement = notReportedTwice(rated, sheets, detailsFindings);
  return {
    workbook: {
      agreement,
      halfYears: sheets,
      ...given({ salaries: salaries?.salaries, savedAt: grids.savedAt }),
    },
    findings: [
      ...unreadable,
      ...(details ? [] : [finding("NO_DETAILS_SHEET", null, null)]),
      ...(example ? exampleDetails(read) : []),
      ...detailsFindings,
      ...(shown?.findings(halfYearFindings) ?? halfYearFindings),
      ...ratesFindings,
      ...(salaries?.findings ?? []),
      ...(rate ? [rate.finding] : []),
    ],
  };
}

/** `Lönekalkyl` read, and the half-years' lines costed on it looked at again. */
function salariesOf(
  grid: Grid | null,
  agreement: Agreement,
  halfYears: readonly HalfYearSheet[],
  halfYearFindings: Finding[],
): ReturnType<typeof readSalarySheet> | null {
  if (!grid) return null;
  const posts = linePosts(halfYears);
  const read = readSalarySheet(
    grid,
    agreement,
    (post) => posts.has(normalizeKey(post)),
    halfYears.some((h) =>
      h.lines.some((l) => l.category === "salary" && l.actual !== null),
    ),
  );
  gradedInSalaries(halfYearFindings, halfYears, read.salaries, agreement);
  return read;
}

/**
 * A line's service % of 0 where `Lönekalkyl` has its persons (the template's SUMIF of a label it
 * cannot match whole, "1.1 Hälsofrämjare"): the line is costed on them, so the cell is no error
 * (PERCENT_NOT_POSITIVE, "correct it or remove the line") but a warning naming their grade.
 */
function gradedInSalaries(
  findings: Finding[],
  halfYears: readonly HalfYearSheet[],
  salaries: SalarySheet | null | undefined,
  agreement: Agreement,
): void {
  if (!salaries) return;
  const zero = new Map<string, number>();
  findings.forEach((f, i) => {
    if (f.code === "PERCENT_NOT_POSITIVE") zero.set(`${f.sheet}!${f.cell}`, i);
  });
  if (zero.size === 0) return;
  const byPost = personsByPost(salaries);
  const dropped = new Set<number>();
  for (const h of halfYears)
    for (const line of h.lines) {
      const cell = cellOf(h, line.row, "servicePercent");
      const i = zero.get(`${h.sheet}!${cell}`);
      if (i === undefined) continue;
      const persons = personsOfLine(line, byPost);
      // The template's SUMIF of a post nobody is on (the person moved to another post): the cell
      // is the template's, locked; the persons, or the line, are the partner's to set right.
      if (
        !persons?.length &&
        isOwnSalaryPercentFormula(line.formulas.servicePercent ?? "")
      )
        findings[i] = finding("SALARY_POST_WITHOUT_PERSONS", h.sheet, cell, {
          post: line.label,
          salarySheet: salaries.sheet,
        });
      if (!persons?.length || persons.some((p) => !p.gradeMicro)) continue;
      // The grade of those who cost something in the half-year, as the line is costed.
      const active = activeGradeMicro(
        persons.flatMap(
          (p) =>
            personCost(p, h.halfYear, agreement.surchargePpm, agreement) ?? [],
        ),
      );
      // Nobody on the post works in the half-year: 0 % is theirs, and nothing is wrong.
      if (active === 0) {
        dropped.add(i);
        continue;
      }
      const was = findings[i]!.params["percent"];
      findings[i] = finding("SALARY_CALC_PERCENT", h.sheet, cell, {
        percent: typeof was === "number" ? was : 0,
        persons: active / 1_000_000,
        salarySheet: salaries.sheet,
      });
    }
  if (dropped.size > 0) {
    const kept = findings.filter((_, i) => !dropped.has(i));
    findings.length = 0;
    append(findings, kept);
  }
}

/**
 * The agreement without an "earlier" surplus of a year the workbook reports ("Överskott 2024" in a
 * report of 2024: the year's surplus is worked out from its half-years, and was asked back twice),
 * or of a later year ("Överskott 2025" in it).
 */
function notReportedTwice(
  agreement: Agreement,
  halfYears: readonly HalfYearSheet[],
  findings: Finding[],
): Agreement {
  if (agreement.earlierSurpluses.length === 0) return agreement;
  const reported = new Set(
    halfYears.filter((h) => hasActuals(h.lines)).map((h) => h.halfYear.year),
  );
  const lastYear = reported.size === 0 ? null : Math.max(...reported);
  // A year the workbook reports, or a later one, has no surplus known as an earlier year's; nor has
  // one amount of years among which one is ("Överskott 2023–2024" in a report of 2024). A budget
  // (no year reported) may name any earlier year's surplus.
  const notEarlier = (s: EarlierSurplus) => {
    if (lastYear === null) return false;
    for (let y = s.year; y <= (s.throughYear ?? s.year); y++)
      if (reported.has(y) || y > lastYear) return true;
    return false;
  };
  const kept: EarlierSurplus[] = [];
  for (const s of agreement.earlierSurpluses) {
    const at = [s.cell.sheet, s.cell.address] as const;
    if (notEarlier(s))
      findings.push(
        finding("SURPLUS_OF_REPORTED_YEAR", ...at, {
          years: yearsOf(s),
          lastYear: lastYear!,
          amountOre: s.amount,
        }),
      );
    else {
      kept.push(s);
      // Counted, as the first year's in the decision, which names each year's surplus.
      if (s.throughYear !== undefined)
        findings.push(
          finding("SURPLUS_YEARS_COMBINED", ...at, {
            years: yearsOf(s),
            year: s.year,
            amountOre: s.amount,
          }),
        );
    }
  }
  return kept.length === agreement.earlierSurpluses.length
    ? agreement
    : { ...agreement, earlierSurpluses: kept };
}

/** "2023", or "2022–2023" for one amount of several years. */
const yearsOf = (s: EarlierSurplus) =>
  s.throughYear === undefined ? String(s.year) : `${s.year}–${s.throughYear}`;

/** The first sheet, not so named, that holds the agreement's details, and Lönekalkyl's table. */
interface Elsewhere {
  details: Grid | null;
  salaries: Grid | null;
  /** The half-year sheets the person does not see in the tabs. */
  readonly hidden: Set<string>;
}

/**
 * Sheets of a half-year that another sheet of it stands for are not read, each said once: a hidden
 * one beside a shown one (an old version kept out of sight), and a budget without actuals beside
 * the one report of it with actuals (the template's "Budget 2024 H1" kept beside the partner's
 * "Utfall 2024 H1"). Two sheets of a half-year otherwise are still DUPLICATE_HALF_YEAR; a hidden
 * sheet alone for its half-year is read, as before.
 */
function withoutCopies(
  halfYears: readonly HalfYearSheet[],
  hidden: ReadonlySet<string>,
): {
  halfYears: HalfYearSheet[];
  findings: (found: readonly Finding[]) => Finding[];
} | null {
  const byHalfYear = new Map<string, HalfYearSheet[]>();
  for (const h of halfYears) {
    const same = byHalfYear.get(h.halfYear.id);
    if (same) same.push(h);
    else byHalfYear.set(h.halfYear.id, [h]);
  }
  const left = new Map<string, Finding>();
  for (const [id, sheets] of byHalfYear) {
    const shown = sheets.filter((h) => !hidden.has(h.sheet));
    if (sheets.length < 2 || shown.length === 0) continue;
    for (const h of sheets)
      if (hidden.has(h.sheet))
        left.set(
          h.sheet,
          finding("HIDDEN_SHEET_NOT_READ", h.sheet, null, {
            halfYear: id,
            shown: shown[shown.length - 1]!.sheet,
          }),
        );
    const reports = shown.filter((h) => hasActuals(h.lines));
    if (reports.length === 1)
      for (const h of shown)
        if (h !== reports[0]) left.set(h.sheet, reportedBudget(h, reports[0]!));
  }
  if (left.size === 0) return null;
  return {
    halfYears: halfYears.filter((h) => !left.has(h.sheet)),
    findings: (found) => [
      ...found.filter((f) => f.sheet === null || !left.has(f.sheet)),
      ...left.values(),
    ],
  };
}

/**
 * A budget sheet that a report of its half-year accounts for: not read, and said; a warning when
 * the budgets typed on the two differ (the report held to another budget than this one).
 */
function reportedBudget(budget: HalfYearSheet, report: HalfYearSheet): Finding {
  const typed = (h: HalfYearSheet): Ore | null =>
    h.lines.every((l) => l.budget !== null)
      ? sum(h.lines.map((l) => l.budget!))
      : null;
  const [own, reported] = [typed(budget), typed(report)];
  const params = { halfYear: budget.halfYear.id, report: report.sheet };
  return own !== null && reported !== null && own !== reported
    ? finding("REPORTED_BUDGET_DIFFERS", budget.sheet, null, {
        ...params,
        budgetOre: own,
        reportedOre: reported,
      })
    : finding("BUDGET_SHEET_REPORTED", budget.sheet, null, params);
}

const noneElsewhere = (): Elsewhere => ({
  details: null,
  salaries: null,
  hidden: new Set(),
});

/** The agreement's details on a sheet named otherwise, said so; null when there are none. */
function detailsFrom(
  grid: Grid | null,
  findings: Finding[],
): AgreementRead | null {
  if (!grid) return null;
  const details = readAgreement(grid);
  findings.push(
    finding("DETAILS_FROM_SHEET", grid.name, null),
    ...details.findings,
  );
  return details;
}

/** Lönekalkyl's table on a sheet named otherwise, said so; null when there is none. */
function salariesFrom(grid: Grid | null, findings: Finding[]): Grid | null {
  if (grid) findings.push(finding("SALARIES_FROM_SHEET", grid.name, null));
  return grid;
}

/**
 * `Uppgifter` still naming the template's example (the seed case's partnership). Its organisation
 * alone is no sign: Rädda Barnen is a real partner, with partnerships of its own.
 */
function exampleDetails(a: Agreement): Finding[] {
  const example = a.name === EXAMPLE_CASE.name;
  return example
    ? [
        finding("EXAMPLE_DETAILS", a.sheet, a.cells.name ?? null, {
          name: [a.name, a.organisation].filter(Boolean).join(", "),
        }),
      ]
    : [];
}

/**
 * The rate when `Uppgifter` has no OH-sats: an overhead line labelled like the spec's
 * "OH-kostnader (10 %)" still states it, and is used with a warning; otherwise the rate is missing.
 */
function rateOf(
  agreement: Agreement,
  halfYears: readonly HalfYearSheet[],
): { agreement: Agreement; finding: Finding } {
  for (const h of halfYears) {
    for (const line of h.lines) {
      if (line.category !== "overhead") continue;
      // "OH-kostnader 10 %", or 10 % in the line's % column.
      const inLabel = rateInLabel(line.label);
      const ppm =
        inLabel === null
          ? (line.overheadRatePpm ?? null)
          : Math.round(inLabel * 10_000);
      if (ppm === null) continue;
      return {
        agreement: { ...agreement, overheadRatePpm: ppm },
        finding: finding(
          "OVERHEAD_RATE_FROM_LABEL",
          h.sheet,
          cellOf(h, line.row, inLabel === null ? "servicePercent" : "label"),
          { percent: ppm / 10_000, label: line.label },
        ),
      };
    }
  }
  return {
    agreement,
    finding: finding(
      "MISSING_OVERHEAD_RATE",
      agreement.sheet,
      agreement.cells.overheadRate ?? null,
    ),
  };
}

export { isDetailsSheetName };

function emptyAgreement(): Agreement {
  return {
    sheet: null,
    name: null,
    caseNumber: null,
    organisation: null,
    orgNumber: null,
    start: null,
    end: null,
    overheadRatePpm: null,
    repaymentDue: null,
    reportDue: null,
    tolerance: null,
    earlierSurpluses: [],
    agreementType: null,
    extension: false,
    signatories: [],
    grantSource: null,
    surchargePpm: null,
    cells: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Uppgifter

const DETAIL_LOOKUP = new Map<string, DetailKey>();
for (const [key, synonyms] of Object.entries(DETAIL_SYNONYMS) as [
  DetailKey,
  ReadonlySet<string>,
][]) {
  for (const s of synonyms) DETAIL_LOOKUP.set(s, key);
}

/**
 * The value cell of a key: the next cell to its right, past the merged area the key heads (SPEC
 * §3.1). The areas are looked up by their top-left cell, the one Excel shows: a sheet of many keys
 * and many areas (a few hundred kilobytes can hold 200 000 of each) is not searched key by area.
 */
function valueCells(grid: Grid): (row: number, col: number) => number {
  const merges = grid.merges ?? [];
  if (merges.length === 0) return (_row, col) => col + 1;
  // Excel's grid is 16 384 columns wide: row * 16 384 + col is the cell's own number.
  const at = (row: number, col: number) => row * 16_384 + col;
  const heads = new Map<number, number>();
  for (const m of merges) heads.set(at(m.top, m.left), m.right);
  return (row, col) => (heads.get(at(row, col)) ?? col) + 1;
}

interface AgreementRead {
  readonly agreement: Agreement;
  /** `Uppgifter` has no OH-sats: judged once the half-years are read (rateOf). */
  readonly rateMissing: boolean;
  readonly findings: readonly Finding[];
}

interface DetailCells {
  /** Each key's value cell, and its address. */
  readonly raw: Partial<Record<DetailKey, Cell | undefined>>;
  readonly cells: Partial<Record<DetailKey, string>>;
  /** A key's unit where it names one ("Tolerans (tkr)"). */
  readonly units: Partial<Record<DetailKey, number>>;
  readonly earlierSurpluses: EarlierSurplus[];
  /** An earlier year's surplus that could not be read. */
  readonly findings: Finding[];
}

/**
 * A key of the details in a cell's text, an earlier year's surplus ("Överskott 2023"), or a
 * repayment of one ("Återbetalt 2023").
 */
interface KeyHit {
  readonly key: DetailKey | undefined;
  readonly surplusYear: number | null;
  /** "Återbetalt 2023": the year it names, or null. */
  readonly repaid?: { readonly year: number | null };
  /** "Överskott tidigare år": an earlier surplus that names no year. */
  readonly noYear?: true;
  /** The value typed after the key in its own cell: "Partnerskap: Jämlik hälsa Lindängen". */
  readonly inline?: string;
}

/** The key a cell's text names: the whole text, or the part before its colon with the value after. */
function keyOfText(text: string): KeyHit | null {
  const key = DETAIL_LOOKUP.get(compactKey(text));
  const surplusYear = key ? null : earlierSurplusYear(text);
  if (key || surplusYear !== null) return { key, surplusYear };
  const repaid = repaidKeyYear(text);
  if (repaid) return { key: undefined, surplusYear: null, repaid };
  if (namesSurplusWithoutYear(text))
    return { key: undefined, surplusYear: null, noYear: true };
  const both = keyAndValue(text);
  if (!both) return null;
  const inlineKey = DETAIL_LOOKUP.get(compactKey(both.key));
  const inlineYear = inlineKey ? null : earlierSurplusYear(both.key);
  if (inlineKey || inlineYear !== null)
    return { key: inlineKey, surplusYear: inlineYear, inline: both.value };
  return namesSurplusWithoutYear(both.key)
    ? { key: undefined, surplusYear: null, noYear: true, inline: both.value }
    : null;
}

/** A key and its value typed in one cell, "Period: juli–december 2025"; null without either. */
function keyAndValue(text: string): { key: string; value: string } | null {
  const colon = text.indexOf(":");
  if (colon <= 0) return null;
  const value = text.slice(colon + 1).trim();
  return value ? { key: text.slice(0, colon), value } : null;
}

/** A key found, at its cell. */
type KeyAt = KeyHit & {
  readonly r: number;
  readonly c: number;
  readonly text: string;
};

/**
 * Each key's value cell: the one beside it (right of a merged key's area); its own text's value
 * where the cell beside it is empty (none, where it is not: the text is then a note); or a column
 * or two further right, past an empty spacer column, where no key of the sheet has a value beside
 * it and some have one so (the template's notes stand right of its values, empty until filled).
 */
function keyValues(
  grid: Grid,
  hits: readonly KeyAt[],
  said: Finding[],
): (h: KeyAt) => { vc: number; value: Cell | undefined } | null {
  const valueCellOf = valueCells(grid);
  const shownPast = shownValueCells(grid, said);
  const beside = (h: KeyAt) => cellAt(grid, h.r, valueCellOf(h.r, h.c));
  const spacedAt = (h: KeyAt): number | null => {
    const first = valueCellOf(h.r, h.c);
    for (let k = 1; k <= SPACED_VALUE_COLUMNS; k++) {
      const cell = cellAt(grid, h.r, first + k);
      if (isEmptyCell(cell)) continue;
      return isNote(cell!) ? null : first + k;
    }
    return null;
  };
  const plain = hits.filter((h) => h.inline === undefined);
  const spaced =
    plain.every((h) => isEmptyCell(beside(h))) &&
    plain.filter((h) => spacedAt(h) !== null).length >= 2;
  return (h) => {
    const vc = valueCellOf(h.r, h.c);
    const value = cellAt(grid, h.r, vc);
    if (h.inline !== undefined)
      return isEmptyCell(value)
        ? { vc: h.c, value: { t: "s", v: h.inline } }
        : null;
    const shown = shownPast(h, vc);
    if (shown) return shown;
    const further = spaced && isEmptyCell(value) ? spacedAt(h) : null;
    return further === null
      ? { vc, value }
      : { vc: further, value: cellAt(grid, h.r, further) };
  };
}

/**
 * Where the cell beside a key is in a hidden column, the first shown cell right of it when it holds
 * a value (not a note, "Partnerskapets namn."): an old value hidden beside a new one, read as a
 * reviewer reads the sheet. A hidden value that differs is said (HIDDEN_DETAIL_NOT_READ); alone,
 * the hidden one counts. Null where the key's value is read where it stands.
 */
function shownValueCells(
  grid: Grid,
  said: Finding[],
): (h: KeyAt, vc: number) => { vc: number; value: Cell | undefined } | null {
  const hidden = new Set(grid.hiddenColumns);
  return (h, vc) => {
    if (!hidden.has(vc)) return null;
    let k = vc + 1;
    while (hidden.has(k)) k++;
    const value = cellAt(grid, h.r, k);
    if (isEmptyCell(value) || isNote(value!)) return null;
    const old = cellAt(grid, h.r, vc);
    const u = headerUnit(h.text);
    if (
      !isEmptyCell(old) &&
      !readsAlike(h.key, grid.name, [old, u], [value, u])
    )
      said.push(
        hiddenDetailNotRead(grid.name, h.text, a1(h.r, vc), a1(h.r, k)),
      );
    return { vc: k, value };
  };
}

/** A sentence beside a key ("Partnerskapets namn.") is a note on it, not its value. */
const isNote = (cell: Cell): boolean =>
  cell.t === "s" && / .*\.$/.test(cell.v.trim());

/** How far right of its key a value may stand past empty cells, where the sheet has it so. */
const SPACED_VALUE_COLUMNS = 2;

/** The keys of `Uppgifter` and their value cells (the first of each key counts). */
function detailCells(grid: Grid): DetailCells {
  const sheet = grid.name;
  const out: DetailCells = {
    raw: {},
    cells: {},
    units: {},
    earlierSurpluses: [],
    findings: [],
  };
  const hits: KeyAt[] = [];
  grid.rows.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!cell || cell.t !== "s") return;
      const hit = keyOfText(cell.v);
      if (hit) hits.push({ ...hit, r, c, text: cell.v });
    });
  });
  const valueOf = keyValues(grid, hits, out.findings);
  const surplusOf = new Map<number, EarlierSurplus>();
  const repayments: Repayment[] = [];
  const hiddenRows = new Set(grid.hiddenRows);
  /** Whether a cell of the sheet is in a hidden row. */
  const hidden = (address: string) =>
    hiddenRows.has(parseA1(address)?.row ?? -1);
  const counted = keyCounter(out, sheet, hidden);
  for (const h of hits) {
    const at = valueOf(h);
    if (!at) continue;
    const { r } = h;
    const { vc, value } = at;
    if (h.key) {
      counted(h, vc, value);
      continue;
    }
    if (h.noYear) {
      const missing = yearMissing(h.text, value, sheet, a1(r, vc));
      if (missing) out.findings.push(missing);
      continue;
    }
    // "Överskott 2023 (tkr)": the key gives the amount's unit.
    const amount = take(
      readMoney(value, sheet, a1(r, vc), headerUnit(h.text)),
      out.findings,
    );
    if (amount === null || amount === 0) continue;
    if (h.repaid) {
      repayments.push({
        year: h.repaid.year,
        amount,
        cell: a1(r, vc),
        text: h.text.trim(),
      });
      continue;
    }
    const through = surplusThroughYear(h.text, h.surplusYear!);
    const surplus: EarlierSurplus = {
      year: h.surplusYear!,
      amount,
      cell: { sheet, address: a1(r, vc) },
      ...(through !== null ? { throughYear: through } : {}),
    };
    const marked = isMarkedRepaid(h.text);
    const counts = earlierSurplus(out, surplusOf, surplus, {
      text: h.text,
      hidden,
    });
    // One hidden in its place: so is what marked it repaid.
    if (counts !== true && counts !== false)
      drop(repayments, (p) => p.cell === counts.cell.address);
    if (counts !== false && marked)
      repayments.push({ ...surplus, cell: a1(r, vc), text: h.text.trim() });
  }
  if (repayments.length > 0) repaid(out, surplusOf, repayments, sheet);
  return out;
}

/**
 * Takes a key's value cell into `out`, where the key is given more than once: the first with a
 * value counts (one left empty above it is a template's row not filled in), but a shown one over a
 * hidden one, as a reviewer reads the sheet. The other value is said where it reads otherwise:
 * hidden, the information HIDDEN_DETAIL_NOT_READ at it; shown, the warning DETAIL_REPEATED.
 */
function keyCounter(
  out: DetailCells,
  sheet: string,
  hidden: (address: string) => boolean,
): (h: KeyAt, vc: number, value: Cell | undefined) => void {
  const unit = (h: KeyAt) => headerUnit(h.text);
  const count = (
    key: DetailKey,
    h: KeyAt,
    vc: number,
    value: Cell | undefined,
  ) => {
    out.cells[key] = a1(h.r, vc);
    out.raw[key] = value;
    const u = unit(h);
    if (u !== 1) out.units[key] = u;
    else delete out.units[key];
  };
  return (h, vc, value) => {
    const key = h.key;
    if (!key) return;
    const first = out.raw[key];
    const firstCell = out.cells[key];
    if (
      firstCell === undefined ||
      (isEmptyCell(first) && !isEmptyCell(value))
    ) {
      count(key, h, vc, value);
      return;
    }
    if (isEmptyCell(value)) return;
    const cell = a1(h.r, vc);
    if (
      readsAlike(key, sheet, [first, out.units[key] ?? 1], [value, unit(h)])
    ) {
      // Nothing to say; but what compute writes reads the cell the reviewer sees.
      if (hidden(firstCell) && !hidden(cell)) count(key, h, vc, value);
      return;
    }
    const label = h.inline === undefined ? h.text : h.text.split(":")[0]!;
    if (hidden(firstCell) === hidden(cell)) {
      out.findings.push(
        finding("DETAIL_REPEATED", sheet, cell, {
          key: label.trim(),
          first: firstCell,
        }),
      );
      return;
    }
    const [shownCell, hiddenCell] = hidden(cell)
      ? [firstCell, cell]
      : [cell, firstCell];
    out.findings.push(hiddenDetailNotRead(sheet, label, hiddenCell, shownCell));
    if (shownCell === cell) count(key, h, vc, value);
  };
}

/** HIDDEN_DETAIL_NOT_READ: a detail's value in a hidden row or column, not read beside a shown one. */
function hiddenDetailNotRead(
  sheet: string,
  key: string,
  hiddenCell: string,
  shownCell: string,
): Finding {
  return finding("HIDDEN_DETAIL_NOT_READ", sheet, hiddenCell, {
    key: key.trim(),
    shownCell,
  });
}

/**
 * Two cells of one key that hold one value: the same as typed, or, each in its unit, as the key
 * reads them ("10 %" typed as text and 10 % as a number, 2025-07-01 as a date and as text). A cell
 * that does not read, or of a key with no reader of its own, is told by what it holds.
 */
function readsAlike(
  key: DetailKey | undefined,
  sheet: string,
  [a, unitOfA]: readonly [Cell | undefined, number],
  [b, unitOfB]: readonly [Cell | undefined, number],
): boolean {
  if (sameValue(a, b)) return true;
  if (key === undefined) return false;
  const value = detailValue(key, sheet, a, unitOfA);
  return value !== null && value === detailValue(key, sheet, b, unitOfB);
}

/** A key's value as its reader takes it, as text to compare; null where it does not read. */
function detailValue(
  key: DetailKey,
  sheet: string,
  cell: Cell | undefined,
  unit: number,
): string | null {
  const of = (read: CellRead<unknown>) =>
    read.failed || read.value === null ? null : JSON.stringify(read.value);
  // The address only names the cell in findings this comparison drops.
  const at = "A1";
  switch (key) {
    case "overheadRate":
    case "surcharge":
      return of(readFraction(cell, sheet, at));
    case "start":
      return of(readDetailDate(cell, "first", sheet, at));
    case "end":
    case "repaymentDue":
    case "reportDue":
      return of(readDetailDate(cell, "last", sheet, at));
    case "tolerance":
      return of(readTolerance(cell, sheet, { tolerance: at }, unit));
    case "agreementPeriod":
      return of(readAgreementSpan(cell, sheet, at));
    default:
      return readText(cell) || null;
  }
}

/** Two cells that hold the same: the same type and value, as typed. */
function sameValue(a: Cell | undefined, b: Cell | undefined): boolean {
  return a?.t === b?.t && a?.v === b?.v;
}

/** Removes the items `gone` names from a list, in place. */
function drop<T>(list: T[], gone: (item: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--)
    if (gone(list[i]!)) list.splice(i, 1);
}

/**
 * An earlier year's surplus, counted unless it is a deficit or its year's second: one amount a
 * year, as the decision names it (the first counts, but a shown one over one in a hidden row, as
 * for every key). Whether it counts, or the one it counts in place of.
 */
function earlierSurplus(
  out: DetailCells,
  surplusOf: Map<number, EarlierSurplus>,
  surplus: EarlierSurplus,
  key: { readonly text: string; readonly hidden: (address: string) => boolean },
): boolean | EarlierSurplus {
  const { year, amount, cell } = surplus;
  // A deficit is not repaid, nor set against another year's surplus.
  if (amount < 0) {
    out.findings.push(
      finding("SURPLUS_NEGATIVE", cell.sheet, cell.address, {
        year,
        amountOre: amount,
      }),
    );
    return false;
  }
  const first = surplusOf.get(year);
  const hidden = (s: EarlierSurplus) => key.hidden(s.cell.address);
  if (first && hidden(first) !== hidden(surplus)) {
    const [kept, other] = hidden(first) ? [surplus, first] : [first, surplus];
    out.findings.push(
      hiddenDetailNotRead(
        cell.sheet,
        key.text,
        other.cell.address,
        kept.cell.address,
      ),
    );
    if (kept === first) return false;
    surplusOf.set(year, surplus);
    out.earlierSurpluses[out.earlierSurpluses.indexOf(first)] = surplus;
    return first;
  }
  if (first) {
    out.findings.push(
      finding("SURPLUS_YEAR_REPEATED", cell.sheet, cell.address, {
        year,
        first: first.cell.address,
        amountOre: amount,
      }),
    );
    return false;
  }
  surplusOf.set(year, surplus);
  out.earlierSurpluses.push(surplus);
  return true;
}

/**
 * "Överskott tidigare år" with an amount beside it: not counted, and said. Read without a finding
 * of its own: a note's text or a date beside such words is no amount.
 */
function yearMissing(
  key: string,
  value: Cell | undefined,
  sheet: string,
  address: string,
): Finding | null {
  const read = readMoney(value, sheet, address, headerUnit(key));
  return !read.failed && read.value
    ? finding("SURPLUS_YEAR_MISSING", sheet, address, {
        key: key.trim(),
        amountOre: read.value,
      })
    : null;
}

/** A repayment of an earlier surplus typed in Uppgifter, at its value cell. */
interface Repayment {
  readonly year: number | null;
  readonly amount: Ore;
  readonly cell: string;
  readonly text: string;
}

/**
 * Each earlier surplus less what Uppgifter says is repaid of it ("Återbetalt 2023", or a surplus
 * marked "(återbetalt)"): only what remains is repaid in the decision, each said once. Without a
 * year, a repayment is of the only surplus there is; one that fits none is not counted, and said.
 */
function repaid(
  out: DetailCells,
  surplusOf: ReadonlyMap<number, EarlierSurplus>,
  repayments: readonly Repayment[],
  sheet: string,
): void {
  const only = surplusOf.size === 1 ? [...surplusOf.keys()][0]! : null;
  const paid = new Map<number, { amount: Ore; last: Repayment }>();
  for (const p of repayments) {
    const year = p.year ?? only;
    if (year === null || !surplusOf.has(year)) {
      out.findings.push(
        finding("REPAID_NOT_MATCHED", sheet, p.cell, {
          text: p.text,
          amountOre: p.amount,
        }),
      );
      continue;
    }
    const sofar = paid.get(year);
    paid.set(year, {
      amount: sofar ? add(sofar.amount, p.amount) : p.amount,
      last: p,
    });
  }
  const remaining = out.earlierSurpluses.flatMap((s) => {
    const p = paid.get(s.year);
    if (!p) return [s];
    const left = s.amount > p.amount ? subtract(s.amount, p.amount) : ZERO;
    out.findings.push(
      finding("SURPLUS_REPAID", sheet, p.last.cell, {
        year: s.year,
        surplusOre: s.amount,
        surplusCell: s.cell.address,
        repaidOre: p.amount,
        remainingOre: left,
      }),
    );
    return left === ZERO ? [] : [{ ...s, amount: left }];
  });
  out.earlierSurpluses.splice(0, out.earlierSurpluses.length, ...remaining);
}

function readAgreement(grid: Grid): AgreementRead {
  const sheet = grid.name;
  const { raw, cells, units, earlierSurpluses, findings } = detailCells(grid);
  const text = (k: DetailKey) => (raw[k] ? readText(raw[k]) || null : null);
  const date = (k: DetailKey, anchor: MonthAnchor) =>
    take(readDetailDate(raw[k], anchor, sheet, cells[k] ?? null), findings);
  // "Avtalsperiod: 2025-07-01 – 2026-06-30" in one cell, where från and till are not given.
  const span = take(
    readAgreementSpan(raw.agreementPeriod, sheet, cells.agreementPeriod),
    findings,
  );
  const start = date("start", "first") ?? span?.start ?? null;
  const end = date("end", "last") ?? span?.end ?? null;
  if (span && cells.agreementPeriod !== undefined) {
    cells.start ??= cells.agreementPeriod;
    cells.end ??= cells.agreementPeriod;
  }

  const orgNumberText = text("orgNumber");
  if (orgNumberText && !isValidOrgNumber(orgNumberText))
    findings.push(
      finding("INVALID_ORG_NUMBER", sheet, cells.orgNumber ?? null, {
        text: orgNumberText,
      }),
    );
  // A missing rate is judged once the half-years are read (rateOf): an OH line may state it.
  const rateMissing =
    raw.overheadRate === undefined || isEmptyCell(raw.overheadRate);
  const overheadRatePpm = rateMissing
    ? null
    : take(
        readFraction(
          raw.overheadRate,
          sheet,
          cells.overheadRate!,
          "INVALID_OVERHEAD_RATE",
        ),
        findings,
      );
  const surchargePpm = raw.surcharge
    ? take(readFraction(raw.surcharge, sheet, cells.surcharge!), findings)
    : null;
  const tolerance = take(
    readTolerance(raw.tolerance, sheet, cells, units.tolerance ?? 1),
    findings,
  );
  const agreement: Agreement = {
    sheet,
    name: text("name"),
    caseNumber: text("caseNumber"),
    organisation: text("organisation"),
    orgNumber: orgNumberText,
    start,
    end,
    overheadRatePpm,
    repaymentDue: date("repaymentDue", "last"),
    reportDue: date("reportDue", "last"),
    tolerance,
    earlierSurpluses: earlierSurpluses.sort((a, b) => a.year - b.year),
    agreementType: text("agreementType"),
    extension: /^förläng/.test(normalizeKey(text("agreementType") ?? "")),
    signatories: splitList(text("signatories") ?? ""),
    grantSource: text("grantSource"),
    surchargePpm,
    cells,
  };
  append(findings, missingDetails(agreement, raw));
  return { agreement, rateMissing, findings };
}

/** The agreement period in one cell: its first and last day, or a finding at it. */
function readAgreementSpan(
  cell: Cell | undefined,
  sheet: string,
  address: string | undefined,
): CellRead<{ start: IsoDate; end: IsoDate }> {
  if (!cell || isEmptyCell(cell)) return EMPTY_READ;
  const shown =
    cell.t === "n" && isDateFormat(cell.fmt)
      ? (serialToIso(cell.v) ?? readText(cell))
      : readText(cell);
  // A year alone ("2026", "år 2026") is that calendar year; "2025/26" is not 2025.
  const year = /^(?:(?:kalender)?år(?:et)? )?((?:19|20|21)\d{2})$/i.exec(
    shown.trim(),
  );
  const range = cell.t === "s" ? parseRange(shown) : null;
  const span = year
    ? {
        start: isoFromParts(+year[1]!, 1, 1),
        end: isoFromParts(+year[1]!, 12, 31),
      }
    : range?.kind === "half-year"
      ? { start: range.halfYear.start, end: range.halfYear.end }
      : range?.start && range.end
        ? { start: range.start, end: range.end }
        : null;
  return span
    ? readValue(span)
    : readFailed(
        finding("INVALID_AGREEMENT_PERIOD", sheet, address ?? null, {
          text: shown,
        }),
      );
}

/** "5 %", 0,05, "5 000 kr", 5 000, "5 tkr", or 5 under the key "Tolerans (tkr)". */
function readTolerance(
  cell: Cell | undefined,
  sheet: string,
  cells: Partial<Record<DetailKey, string>>,
  unit: number,
): CellRead<Tolerance> {
  if (!cell || isEmptyCell(cell)) return EMPTY_READ;
  const invalid = () =>
    readFailed(
      finding("INVALID_TOLERANCE", sheet, cells.tolerance!, {
        text: readText(cell),
      }),
    );
  const isAmount =
    unit !== 1 || (cell.t === "s" && amountTextUnit(cell.v).unit !== null);
  if (!isAmount) {
    const n = readNumber(cell);
    if (!n.ok || !n.value || n.value.value < 0) return invalid();
    if (n.value.percent || n.value.value < 1)
      return readValue({
        kind: "percent",
        ppm: Math.round(n.value.value * 1_000_000),
      });
  }
  const amount = readMoney(cell, sheet, cells.tolerance!, unit).value;
  return amount === null || amount < 0
    ? invalid()
    : readValue({ kind: "amount", amount });
}

const REQUIRED_DETAILS = ["name", "organisation", "start", "end"] as const;

/** A required key left empty (a value that could not be read has its own finding). */
function missingDetails(
  agreement: Agreement,
  raw: Partial<Record<DetailKey, Cell | undefined>>,
): Finding[] {
  // An agreement period in one cell that does not read has its own finding.
  const given = (k: DetailKey) =>
    (raw[k] !== undefined && !isEmptyCell(raw[k])) ||
    ((k === "start" || k === "end") &&
      raw.agreementPeriod !== undefined &&
      !isEmptyCell(raw.agreementPeriod));
  return REQUIRED_DETAILS.flatMap((k) =>
    agreement[k] === null && !given(k)
      ? [
          finding(
            "MISSING_DETAIL",
            agreement.sheet,
            agreement.cells[k] ?? null,
            { key: detailKeyName(k, "sv"), keyEn: detailKeyName(k, "en") },
          ),
        ]
      : [],
  );
}

/**
 * "a, b", "a; b", "a samt b" or one per line: the items. Not split on "och", which names
 * contain ("arbetsmarknads- och socialförvaltningen").
 */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]|\s+samt\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function readDetailDate(
  cell: Cell | undefined,
  anchor: MonthAnchor,
  sheet: string,
  address: string | null,
): CellRead<IsoDate> {
  const d = readDate(cell, anchor);
  return d.ok
    ? readValue(d.value)
    : readFailed(failureFinding(d.failure, sheet, address!));
}

// ---------------------------------------------------------------------------------------------
// Half-year sheets

interface Header {
  readonly row: number;
  readonly columns: Partial<Record<ColumnKey, number>>;
  /** Amount columns whose header names thousands or millions of kronor ("Budget (tkr)"). */
  readonly units: Partial<Record<ColumnKey, number>>;
  /** A second column of figures read as one already found ("Budget reviderad" after "Budget"). */
  readonly repeated: readonly { key: ColumnKey; col: number }[];
  /**
   * A Budget header alone ("Aktivitet | Belopp"), or a budget headed "Summa" or "Totalt": a table
   * only on a sheet of a half-year. Any sheet may hold such a row (a summary's "Post | Summa"), so
   * it makes no sheet without a period a finding.
   */
  readonly lone?: true;
  /** A row of units right below the headers ("kr", "tkr"), read as part of them. */
  readonly unitCells?: ReadonlyArray<Cell | undefined>;
  /** Amount columns headed with another period ("Budget 2024" on a sheet of 2025): not read. */
  readonly otherPeriod?: readonly number[];
  /** The actuals of a part of the half-year, alone ("Utfall t.o.m. april"): not read. */
  readonly toDate?: number;
  /** The columns the sheet hides, where it hides any: one counts only where no visible one can. */
  readonly hidden?: ReadonlySet<number>;
}

/**
 * A cell of a row of units below the headers, one word alone: "kr", "(kr)", "SEK", "%", "st", "mån",
 * or a unit a header may name ("tkr", "TSEK", "Mkr": headerUnit's).
 */
const UNIT_WORD =
  /^\(?\s*(?:kr|kronor|sek|%|procent|st|antal|mån|månader|kr\/mån|:-)\s*\)?$/iu;
const ONE_WORD = /^\(?\s*\p{L}+\s*\)?$/u;

function isUnitCell(text: string): boolean {
  const t = text.trim();
  return UNIT_WORD.test(t) || (ONE_WORD.test(t) && headerUnit(t) !== 1);
}

/** Whether a row holds units only, in one cell or more. */
function isUnitRow(cells: ReadonlyArray<Cell | undefined>): boolean {
  let units = 0;
  for (const cell of cells) {
    if (isEmptyCell(cell)) continue;
    if (cell!.t !== "s" || !isUnitCell(cell!.v)) return false;
    units++;
  }
  return units > 0;
}

/** The columns that hold amounts, which a header may give in thousands ("Budget (tkr)"). */
const AMOUNT_COLUMNS: readonly ColumnKey[] = [
  "budget",
  "actual",
  "variance",
  "monthlyCost",
];

const NONE_HIDDEN: ReadonlySet<number> = new Set();

/**
 * The row's columns when it is the table's header: two known headers, Budget or Utfall among them.
 * With `lone`, also a Budget header alone with a cell left of it, which heads the labels ("Aktivitet
 * | Belopp", the seed's "2024 | Budget"): taken only where no row has two known headers.
 */
function headerOf(
  r: number,
  row: ReadonlyArray<Cell | undefined>,
  lone = false,
  sheetHalf: HalfYear | null = null,
  hidden: ReadonlySet<number> = NONE_HIDDEN,
): Header | null {
  const columns: Partial<Record<ColumnKey, number>> = {};
  const units: Partial<Record<ColumnKey, number>> = {};
  const repeated: { key: ColumnKey; col: number }[] = [];
  const otherPeriod: { key: ColumnKey; col: number; previous: boolean }[] = [];
  let fallback: number | undefined;
  const visit = (cell: Cell | undefined, c: number) => {
    if (!cell || cell.t !== "s") return;
    const key = columnOfHeader(cell.v);
    if (!key) {
      // The rightmost: amounts stand right of the labels ("Kostnad | Summa"); a visible one first.
      if (
        isFallbackBudgetHeader(cell.v) &&
        (!hidden.has(c) || fallback === undefined)
      )
        fallback = c;
      return;
    }
    const amount = AMOUNT_COLUMNS.includes(key);
    // "Avvikelse %", "Utfall i procent av budget": a share, not the amount.
    if (amount && /%|\bprocent\b/i.test(cell.v)) return;
    // "Budget 2024", "Utfall föregående år": another period's figures, beside this half-year's.
    const other = amount ? otherPeriodOf(cell.v, sheetHalf) : null;
    if (other) {
      otherPeriod.push({ key, col: c, previous: other === "previous" });
      return;
    }
    if (columns[key] === undefined) {
      columns[key] = c;
      const unit = amount ? headerUnit(cell.v) : 1;
      if (unit !== 1) units[key] = unit;
      if (key === "servicePercent" && namesPosts(cell.v))
        units.servicePercent = POINTS_PER_POST;
    } else if (
      amount &&
      namesWhole(cell.v) &&
      namesPart(readText(row[columns[key]]))
    ) {
      // "Utfall totalt" after "Utfall jan–mar" and "Utfall apr–jun": the total counts. (A total
      // beside an amount of no part, "Budget 2025 H2 | Budget totalt", may be the agreement's.)
      repeated.push({ key, col: columns[key] });
      columns[key] = c;
      const unit = headerUnit(cell.v);
      if (unit !== 1) units[key] = unit;
      else delete units[key];
    } else if (amount || key === "servicePercent" || key === "months")
      repeated.push({ key, col: c });
  };
  shownFirst(row, hidden, visit);
  const notRead = takeAlone(otherPeriod, columns, units, row);
  const toDate = actualsOfPart(columns, repeated, row);
  const weak = withFallbackBudget(columns, units, row, fallback);
  const { budget, actual } = columns;
  // A comment column makes no header of a row ("Anmärkning | Belopp" over notes above the table).
  const count =
    Object.keys(columns).length - (columns.comment === undefined ? 0 : 1);
  // "Post | Summa" on a summary sheet is no half-year's table: a weak header, as a lone one.
  const others = {
    ...(notRead.length > 0 ? { otherPeriod: notRead } : {}),
    ...(toDate === null ? {} : { toDate }),
    ...(hidden.size > 0 ? { hidden } : {}),
  };
  if (count >= 2 && (budget !== undefined || actual !== undefined))
    return {
      row: r,
      columns,
      units,
      repeated,
      ...others,
      ...(weak ? { lone: true } : {}),
    };
  return lone &&
    count === 1 &&
    budget !== undefined &&
    row.slice(0, budget).some((cell) => !isEmptyCell(cell))
    ? { row: r, columns, units, repeated, ...others, lone: true }
    : null;
}

/**
 * Where no header names a budget, the rightmost "Summa" or "Totalt" heads it: a weak header, as a
 * lone one. Whether it did.
 */
function withFallbackBudget(
  columns: Partial<Record<ColumnKey, number>>,
  units: Partial<Record<ColumnKey, number>>,
  row: ReadonlyArray<Cell | undefined>,
  fallback: number | undefined,
): boolean {
  if (columns.budget !== undefined || fallback === undefined) return false;
  columns.budget = fallback;
  const unit = headerUnit(readText(row[fallback]));
  if (unit !== 1) units.budget = unit;
  return true;
}

/**
 * The column of actuals, alone, whose header names a part of the half-year ("Utfall t.o.m. april",
 * "Utfall jan–apr", "Utfall hittills"): taken out of `columns`, as its figures are no half-year's
 * actuals (its surplus, repaid, would be too large). Parts in several columns are COLUMNS_IN_PARTS.
 */
function actualsOfPart(
  columns: Partial<Record<ColumnKey, number>>,
  repeated: { key: ColumnKey; col: number }[],
  row: ReadonlyArray<Cell | undefined>,
): number | null {
  const col = columns.actual;
  if (col === undefined || !namesPartToDate(readText(row[col]))) return null;
  const others = repeated.filter((r) => r.key === "actual");
  // A column of the whole half-year beside it ("Utfall", as compute adds) is the actuals.
  const whole = others.find((r) => !namesPart(readText(row[r.col])));
  if (others.length > 0 && !whole) return null;
  if (whole) {
    columns.actual = whole.col;
    repeated.splice(repeated.indexOf(whole), 1);
  } else delete columns.actual;
  return col;
}

/**
 * A year's column alone of its kind is the sheet's, as it was ("Budget 2025" on a sheet copied to
 * 2026 H1), taken into `columns`; "föregående år" never is. The columns not read.
 */
function takeAlone(
  otherPeriod: readonly { key: ColumnKey; col: number; previous: boolean }[],
  columns: Partial<Record<ColumnKey, number>>,
  units: Partial<Record<ColumnKey, number>>,
  row: ReadonlyArray<Cell | undefined>,
): number[] {
  for (const o of otherPeriod)
    if (!o.previous && columns[o.key] === undefined) {
      columns[o.key] = o.col;
      const unit = headerUnit(readText(row[o.col]));
      if (unit !== 1) units[o.key] = unit;
    }
  return otherPeriod.filter((o) => columns[o.key] !== o.col).map((o) => o.col);
}

/** The amount columns headed with another period, each said at its header. */
function otherPeriodColumns(
  sheet: string,
  header: Header,
  head: ReadonlyArray<ReadonlyArray<Cell | undefined> | undefined>,
  halfYear: HalfYear,
): Finding[] {
  return (header.otherPeriod ?? []).map((c) =>
    finding("COLUMN_OTHER_PERIOD", sheet, a1(header.row, c), {
      header: readText(head[header.row]?.[c]),
      halfYear: halfYear.id,
    }),
  );
}

/** "föregående år", "förra året", "fg år", "i fjol": the year before, in a header. */
const PREVIOUS_YEAR =
  /(?:^| )(?:(?:föregående|förra|fg|föreg|tidigare) (?:år|året|års|halvår|halvåret|period|perioden)|i fjol|fjolåret|fjol)(?: |$)/u;
/** A year, or years joined by a dash or slash ("2025/26", "2025–2026"). */
const YEARS = /(?<!\d)((?:19|20)\d{2})(?:\s*[-–/]\s*(\d{4}|\d{2}))?(?!\d)/gu;

/**
 * Whether an amount's header names another period than the sheet's: the year before in words,
 * the other half ("Utfall H1" on "Utfall 2024 H2"), or years none of which is the sheet's ("Budget
 * 2024" on "Budget 2025 H2"; "Budget 2025/26" on a sheet of 2026 names it).
 */
function otherPeriodOf(
  header: string,
  sheetHalf: HalfYear | null,
): "previous" | "years" | null {
  if (header.length > 60) return null;
  const key = normalizeKey(header);
  if (PREVIOUS_YEAR.test(key)) return "previous";
  if (sheetHalf === null) return null;
  // "Utfall H1" on a sheet of H2: the other half's figures, beside this half's or copied.
  const half = halfNamed(key);
  if (half !== null && half !== sheetHalf.half) return "years";
  const sheetYear = sheetHalf.year;
  let named = false;
  for (const m of header.matchAll(YEARS)) {
    named = true;
    const from = Number(m[1]);
    const to =
      m[2] === undefined
        ? from
        : Number(m[2].length === 2 ? `${m[1]!.slice(0, 2)}${m[2]}` : m[2]);
    if (from <= sheetYear && sheetYear <= Math.max(from, to)) return null;
  }
  return named ? "years" : null;
}

/** The half of the year a header's words name ("H1", "VT", "andra halvåret"); null for none or both. */
const HALF_WORDS =
  /(?:^| )(?:h([12])|([12])h|halvår ([12])|(första|andra) halvåret|(vt|ht|vårterminen|höstterminen|våren|hösten))(?= |$)/gu;

function halfNamed(key: string): 1 | 2 | null {
  let named: 1 | 2 | null = null;
  for (const m of key.matchAll(HALF_WORDS)) {
    const digit = m[1] ?? m[2] ?? m[3];
    const word = m[4] ?? m[5];
    const half: 1 | 2 =
      digit !== undefined
        ? digit === "1"
          ? 1
          : 2
        : word === "första" ||
            word === "vt" ||
            word === "vårterminen" ||
            word === "våren"
          ? 1
          : 2;
    if (named !== null && named !== half) return null;
    named = half;
  }
  return named;
}

const PERIOD_KEYS = new Set([
  "period",
  "budgetperiod",
  "redovisningsperiod",
  "halvår",
  "avser",
  "avserperiod",
  "tidsperiod",
]);

interface PeriodCell {
  readonly address: string;
  readonly parse: PeriodParse | null;
  readonly text: string;
}

function findPeriodCell(grid: Grid, beforeRow: number): PeriodCell | null {
  const last = Math.min(
    grid.rows.length,
    beforeRow >= 0 ? beforeRow : HEADER_SCAN_ROWS,
  );
  let valueCellOf: ((row: number, col: number) => number) | null = null;
  for (let r = 0; r < last; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || cell.t !== "s") continue;
      if (!PERIOD_KEYS.has(compactKey(cell.v))) {
        const both = keyAndValue(cell.v);
        if (both && PERIOD_KEYS.has(compactKey(both.key)))
          return {
            address: a1(r, c),
            parse: parsePeriod(both.value),
            text: both.value,
          };
        continue;
      }
      valueCellOf ??= valueCells(grid);
      const vc = valueCellOf(r, c);
      const value = cellAt(grid, r, vc);
      if (isEmptyCell(value)) continue;
      if (value!.t === "n" && isDateFormat(value!.fmt)) {
        // A start date, and maybe an end date in the next cell.
        const next = cellAt(grid, r, vc + 1);
        const end =
          next?.t === "n"
            ? serialToIso(next.v)
            : next?.t === "s"
              ? readDateText(next.v)
              : null;
        return {
          address: a1(r, vc),
          parse: periodFromRange(serialToIso(value!.v), end),
          text: readText(value),
        };
      }
      const text = readText(value);
      return { address: a1(r, vc), parse: parsePeriod(text), text };
    }
  }
  return null;
}

/**
 * A title above the table that names one half-year, "Budget för perioden juli–december 2025", for a
 * sheet whose name names none. A title of more than one year ("Budget 2025 H2 – 2026 H1") names no
 * half-year of its own, and is not taken.
 */
function findPeriodTitle(grid: Grid, beforeRow: number): PeriodCell | null {
  const last = Math.min(
    grid.rows.length,
    beforeRow >= 0 ? beforeRow : HEADER_SCAN_ROWS,
  );
  for (let r = 0; r < last; r++)
    for (const [c, cell] of (grid.rows[r] ?? []).entries()) {
      if (cell?.t !== "s" || cell.v.length > 200) continue;
      const parse = parsePeriod(cell.v);
      if (parse?.kind !== "half-year") continue;
      const years = new Set(cell.v.match(/(?<!\d)(?:19|20|21)\d{2}(?!\d)/g));
      if (
        years.size <= 1 &&
        (years.size === 0 || years.has(String(parse.halfYear.year)))
      )
        return { address: a1(r, c), parse, text: cell.v };
    }
  return null;
}

function readDateText(text: string): IsoDate | null {
  const d = readDate({ t: "s", v: text }, "last");
  return d.ok ? d.value : null;
}

const NUMERIC_COLUMNS: readonly ColumnKey[] = [
  "servicePercent",
  "months",
  "monthlyCost",
  "budget",
  "actual",
  "variance",
];

/**
 * What a sheet is to the reader, from its name (and mark) before its cells: the first details
 * sheet, the first `Lönekalkyl`, the example, the rate table, the add-in's output (none), or a
 * sheet that may hold a half-year's table.
 */
function sheetRole(
  s: Sheet,
  detailsRead: boolean,
  salariesRead: boolean,
):
  | "unreadable"
  | "details"
  | "salaries"
  | "example"
  | "rates"
  | "none"
  | "table" {
  const { name } = s;
  if (!isStreamed(s) && s.unreadable) return "unreadable";
  if (!detailsRead && isDetailsSheetName(name)) return "details";
  if (!salariesRead && isSalarySheetName(name)) return "salaries";
  if (isExampleSheetName(name)) return "example";
  if (isRatesSheetName(name)) return "rates";
  if (
    isDecisionSheetName(name) ||
    isScenarioSheetName(name) ||
    s.owner === SCENARIO_OWNER
  )
    return "none";
  return "table";
}

/** A grid handed over as its rows (one reading of a table, whoever hands it over). */
function streamedOf(grid: Grid): StreamedSheet {
  const tail: SheetTail = {
    merges: grid.merges ?? [],
    ...(grid.outsideGrid === undefined
      ? {}
      : { outsideGrid: grid.outsideGrid }),
  };
  const { hiddenColumns } = grid;
  return {
    streamed: true,
    name: grid.name,
    ...(grid.owner === undefined ? {} : { owner: grid.owner }),
    ...(hiddenColumns === undefined
      ? {}
      : { hiddenColumns: () => hiddenColumns }),
    rows: rowsOf(grid),
    tail: () => tail,
  };
}

interface SheetRead {
  readonly sheet: HalfYearSheet | null;
  readonly findings: readonly Finding[];
  readonly outsideGrid?: string;
  /** Its first rows (above its table, if any) when they hold the agreement's keys. */
  readonly details?: Grid;
  /** The whole sheet, when it is no half-year and holds Lönekalkyl's table. */
  readonly salaries?: Grid;
  /**
   * A sheet of no half-year with a column per half-year ("Post | 2025 H2 | 2026 H1"): said where
   * the workbook has no half-year sheet, as the reason it has none.
   */
  readonly columnsByHalfYear?: Finding;
  /**
   * A sheet of a half-year whose table heads actuals but no budget (a report on a sheet of its
   * own): said once the workbook's sheets are known, naming the budget's sheet of that half-year.
   */
  readonly actualsOnly?: ReportWithoutBudget;
  /**
   * Another half-year's table below this one's, under a title that names it ("Juli–december
   * 2024"): not read, and said where the workbook has no other sheet of that half-year.
   */
  readonly below?: { readonly halfYear: HalfYear; readonly finding: Finding };
}

interface ReportWithoutBudget {
  readonly halfYear: HalfYear;
  /** Its finding, naming the budget's sheet ("" for none). */
  readonly finding: (budgetSheet: string) => Finding;
}

const HALF_YEAR_COLUMNS_SCANNED = 64;

/**
 * A sheet that holds no half-year's table: why, when it names a half-year and no header was found,
 * and its columns by half-year, if any.
 */
function noTable(
  sheet: string,
  period: { halfYear: HalfYear | null; findings: Finding[] },
  header: Header | null,
  head: ReadonlyArray<ReadonlyArray<Cell | undefined> | undefined>,
): Omit<SheetRead, "outsideGrid" | "details" | "salaries"> {
  return {
    sheet: null,
    ...halfYearColumns(sheet, head),
    findings:
      header || !period.halfYear
        ? period.findings
        : [
            ...period.findings,
            finding("MISSING_COLUMNS", sheet, null, {
              columns: "Post, Budget",
              unread: "",
            }),
          ],
  };
}

/**
 * A report on a sheet of its own, "Post | Utfall" beside the budget's sheet: its actuals have no
 * budget to be read against, which MISSING_COLUMNS would not say. Null for any other sheet.
 */
function actualsWithoutBudget(
  sheet: string,
  halfYear: HalfYear,
  header: Header | null,
  rows: TableRows,
): ReportWithoutBudget | null {
  const cell =
    header?.columns.budget === undefined ? actualsTyped(rows, header) : null;
  if (cell === null) return null;
  const unread = header ? unreadHeaders(header, rows.head[header.row]) : "";
  return {
    halfYear,
    finding: (budgetSheet) =>
      finding("ACTUALS_WITHOUT_BUDGET", sheet, cell, {
        halfYear: halfYear.id,
        budgetSheet,
        unread,
      }),
  };
}

/**
 * Reports without a budget, said where their sheets come among the findings, each naming the sheet
 * of its half-year's budget once every sheet is read (it may come later).
 */
class ReportsWithoutBudget {
  private readonly said: { report: ReportWithoutBudget; at: number }[] = [];

  constructor(private readonly findings: Finding[]) {}

  add(report: ReportWithoutBudget | undefined): void {
    if (report)
      this.said.push({
        report,
        at: this.findings.push(report.finding("")) - 1,
      });
  }

  nameBudgets(halfYears: readonly HalfYearSheet[]): void {
    for (const { report, at } of this.said) {
      const budget = halfYears.find(
        (h) => h.halfYear.id === report.halfYear.id,
      );
      if (budget) this.findings[at] = report.finding(budget.sheet);
    }
  }
}

/**
 * The header of actuals typed in a table without a Budget column: its Utfall header with an
 * amount below it, or, where no header was found ("2024 | Utfall"), the first such cell of the first
 * rows; null when there is none (a budget sheet whose budget is headed otherwise, its Utfall empty,
 * is MISSING_COLUMNS).
 */
function actualsTyped(rows: TableRows, header: Header | null): string | null {
  if (header) {
    const c = header.columns.actual;
    return c !== undefined && rows.actualTyped ? a1(header.row, c) : null;
  }
  const head = rows.head;
  for (let r = 0; r < Math.min(head.length, HEADER_SCAN_ROWS); r++) {
    const row = head[r] ?? [];
    for (let c = 0; c < Math.min(row.length, HALF_YEAR_COLUMNS_SCANNED); c++) {
      const cell = row[c];
      if (
        cell?.t === "s" &&
        cell.v.length <= 60 &&
        columnOfHeader(cell.v) === "actual" &&
        head.slice(r + 1).some((below) => !isEmptyCell(below?.[c]))
      )
        return a1(r, c);
    }
  }
  return null;
}

/** The cells of a row of the first rows that name two half-years or more, one each. */
function halfYearColumns(
  sheet: string,
  head: ReadonlyArray<ReadonlyArray<Cell | undefined> | undefined>,
): { columnsByHalfYear?: Finding } {
  for (let r = 0; r < Math.min(head.length, HEADER_SCAN_ROWS); r++) {
    const named = new Map<string, number>();
    // A budget's columns are among the first; a row of thousands is looked at no further.
    head[r]?.slice(0, HALF_YEAR_COLUMNS_SCANNED).forEach((cell, c) => {
      if (cell?.t !== "s" || cell.v.length > 60) return;
      const parse = parsePeriod(cell.v);
      if (parse?.kind === "half-year" && !named.has(parse.halfYear.id))
        named.set(parse.halfYear.id, c);
    });
    if (named.size >= 2)
      return {
        columnsByHalfYear: finding(
          "HALF_YEARS_IN_COLUMNS",
          sheet,
          a1(r, [...named.values()][0]!),
          { halfYears: [...named.keys()].join(", ") },
        ),
      };
  }
  return {};
}

/** Keys that only the agreement's details have: three of them make a sheet of details. */
const DETAILS_EVIDENCE: ReadonlySet<DetailKey> = new Set<DetailKey>([
  "name",
  "caseNumber",
  "organisation",
  "orgNumber",
  "start",
  "end",
  "agreementPeriod",
  "overheadRate",
]);

/** Whether rows hold the agreement's details (a sheet not named Uppgifter: "Info", "Avtal"). */
function holdsDetails(
  rows: ReadonlyArray<ReadonlyArray<Cell | undefined> | undefined>,
): boolean {
  const found = new Set<DetailKey>();
  for (const row of rows)
    for (const cell of row ?? []) {
      if (cell?.t !== "s" || cell.v.length > 120) continue;
      const key = keyOfText(cell.v)?.key;
      if (key && DETAILS_EVIDENCE.has(key)) found.add(key);
    }
  return found.size >= 3;
}

/**
 * A sheet that may be a half-year, read as its rows come (TableRows). The period is judged last,
 * when the merged cells (after the rows in a file) are known.
 */
function readHalfYearSheet(s: StreamedSheet): SheetRead {
  const sheet = s.name;
  const rows = new TableRows(sheet, s.hiddenColumns);
  for (const row of s.rows) rows.take(row);
  const { header, columns, reader } = rows.end();
  const { merges, outsideGrid } = s.tail();
  const above = header ? rows.head.slice(0, header.row) : rows.head;
  const details = holdsDetails(above)
    ? { name: sheet, rows: above, merges }
    : undefined;
  const done = (
    read: Omit<SheetRead, "outsideGrid" | "details" | "salaries">,
  ): SheetRead => ({
    ...read,
    ...(outsideGrid === undefined ? {} : { outsideGrid }),
    ...(details ? { details } : {}),
    ...(rows.salaryRows && !read.sheet
      ? { salaries: { name: sheet, rows: rows.head, merges } }
      : {}),
  });
  if (rows.scenario) return done({ sheet: null, findings: [] });
  const period = sheetPeriod({ name: sheet, rows: rows.head, merges }, header);
  const actualsOnly =
    period.halfYear &&
    actualsWithoutBudget(sheet, period.halfYear, header, rows);
  if (actualsOnly)
    return done({ sheet: null, findings: period.findings, actualsOnly });
  if (!period.halfYear || !header)
    return done(noTable(sheet, period, header, rows.head));
  const found = columns?.value;
  if (!found || !reader) {
    const failure = columns?.finding ? [columns.finding] : [];
    return done({ sheet: null, findings: [...period.findings, ...failure] });
  }
  const other = otherTable(sheet, header, rows, period.halfYear, found);
  const noLines =
    reader.lines.length === 0
      ? [finding("NO_LINES", sheet, a1(header.row + 1, found.label))]
      : [];
  const scaled = Object.keys(header.units).length > 0;
  const signed = costsAsNegatives(sheet, header.row, found, reader);
  return done({
    sheet: {
      sheet,
      halfYear: period.halfYear,
      headerRow: header.row + 1,
      columns: found,
      ...(scaled ? { units: header.units } : {}),
      lines: withHiddenCells(signed.lines, found, merges),
      total: signed.total,
      ...(signed.subtotals.length > 0 ? { subtotals: signed.subtotals } : {}),
      periodCell: period.cell,
      ...(signed === reader ? {} : { actualsNegated: true as const }),
    },
    ...(other.table ? { below: other.table } : {}),
    findings: [
      ...period.findings,
      ...(scaled
        ? unitFindings(sheet, header, reader.scaledRead, rows.head[header.row])
        : []),
      ...costWithoutContributions(sheet, header, rows.head[header.row]),
      ...repeatedColumns(sheet, other.header, rows.head[header.row]),
      ...otherPeriodColumns(sheet, header, rows.head, period.halfYear),
      ...noActualColumn(sheet, header, rows.head[header.row]),
      ...salaryColumnMissing(
        sheet,
        header,
        rows.head[header.row],
        reader.lines,
      ),
      ...labelsShownByMerges(signed.findings, merges),
      ...monthsOutside(sheet, reader.monthRanges, period.halfYear),
      ...hiddenLines(sheet, found, signed.lines, rows.hidden),
      ...hiddenColumns(sheet, header, found, signed.lines, rows.head),
      ...noLines,
    ],
  });
}

/** The columns whose values count, and whether a line has one (not 0) in each. */
const COUNTED: readonly [ColumnKey, (l: LineInput) => boolean][] = [
  ["budget", (l) => l.budget !== null && l.budget !== ZERO],
  ["actual", (l) => l.actual !== null && l.actual !== ZERO],
  ["monthlyCost", (l) => l.monthlyCost !== null && l.monthlyCost !== ZERO],
  ["servicePercent", (l) => (l.servicePercentMicro ?? 0) !== 0],
  ["months", (l) => (l.monthsMicro ?? 0) !== 0],
];

/**
 * The columns read that the sheet hides, where a line has a value in them: they count, but a
 * reviewer looking at the sheet does not see them. Said once for the sheet, at the first one.
 */
function hiddenColumns(
  sheet: string,
  header: Header,
  found: TableColumns,
  lines: readonly LineInput[],
  head: readonly (ReadonlyArray<Cell | undefined> | undefined)[],
): Finding[] {
  const hidden = header.hidden;
  if (!hidden) return [];
  const cols = COUNTED.filter(
    ([key, has]) =>
      found[key] !== undefined && hidden.has(found[key]) && lines.some(has),
  ).map(([key]) => found[key]!);
  return hiddenColumnsRead(sheet, header.row, cols, (c) =>
    readText(head[header.row]?.[c]),
  );
}

/** The most rows HIDDEN_LINES names; the count says how many there are. */
const HIDDEN_ROWS_NAMED = 5;

/**
 * Lines with amounts in rows the file hides (or filters out): they count, as Excel's SUM counts
 * them, but a reviewer looking at the sheet does not see them. Said once for the sheet, at the
 * first one's label.
 */
function hiddenLines(
  sheet: string,
  found: TableColumns,
  lines: readonly LineInput[],
  hidden: ReadonlySet<number>,
): Finding[] {
  if (hidden.size === 0) return [];
  const rows = lines
    .filter(
      (l) =>
        hidden.has(l.row - 1) &&
        [l.budget, l.actual, l.monthlyCost].some(
          (a) => a !== null && a !== ZERO,
        ),
    )
    .map((l) => l.row);
  if (rows.length === 0) return [];
  return [
    finding("HIDDEN_LINES", sheet, a1(rows[0]! - 1, found.label), {
      count: rows.length,
      rows: rows.slice(0, HIDDEN_ROWS_NAMED).join(", "),
      more: Math.max(0, rows.length - HIDDEN_ROWS_NAMED),
    }),
  ];
}

/** What a half-year's table reader read: its lines, total, subtotals and findings. */
interface TableRead {
  readonly lines: LineInput[];
  readonly total: TotalRow | null;
  readonly subtotals: SubtotalRow[];
  readonly findings: Finding[];
}

/**
 * Every actual of a sheet written with a minus sign, as a resultaträkning shows costs: read as the
 * costs they are, said once at the Utfall header. Each was NEGATIVE_AMOUNT, and the repayment
 * counted them as income (4 340 275 kr asked back of a grant of 2 200 775). A sheet with some
 * actuals negative and others not keeps its findings: a negative among costs is a mistake there.
 */
function costsAsNegatives(
  sheet: string,
  headerRow: number,
  found: TableColumns,
  reader: TableRead,
): TableRead {
  const col = found.actual;
  let negative = 0;
  let costs = ZERO;
  for (const l of reader.lines)
    if (l.actual !== null && l.actual !== 0) {
      if (l.actual > 0) return reader;
      negative++;
      costs = subtract(costs, l.actual);
    }
  const { total } = reader;
  // A total of the costs without the sign, as compute writes it on such a sheet, is one too.
  const unsigned = (total?.actual ?? 0) > 0;
  if (
    col === undefined ||
    negative < 2 ||
    (unsigned && total?.actual !== costs)
  )
    return reader;
  const flip = <T extends { readonly actual: Ore | null }>(x: T): T =>
    x.actual === null ? x : { ...x, actual: negate(x.actual) };
  const inColumn = (cell: string | null) =>
    cell !== null && parseA1(cell)?.col === col;
  return {
    lines: reader.lines.map(flip),
    total: total && (unsigned ? total : flip(total)),
    subtotals: reader.subtotals.map(flip),
    findings: [
      finding("ACTUALS_AS_NEGATIVES", sheet, a1(headerRow, col), {}),
      ...reader.findings.filter(
        (f) => !(f.code === "NEGATIVE_AMOUNT" && inColumn(f.cell)),
      ),
    ],
  };
}

/**
 * Another half-year's table on the sheet, below its own or beside it: its finding, said where no
 * sheet has that half-year, and the header without the columns of a table beside (said once, at
 * its title, not as repeated columns).
 */
function otherTable(
  sheet: string,
  header: Header,
  rows: TableRows,
  halfYear: HalfYear,
  found: TableColumns,
): { table: { halfYear: HalfYear; finding: Finding } | null; header: Header } {
  const reported = found.actual !== undefined;
  const beside = halfYearBeside(sheet, header, rows.head, halfYear, reported);
  const below =
    rows.below && rows.below.halfYear.id !== halfYear.id
      ? halfYearBelow(sheet, rows.below, reported)
      : null;
  return {
    table: below ?? beside,
    header: beside
      ? {
          ...header,
          repeated: header.repeated.filter((x) => x.col < beside.from),
        }
      : header,
  };
}

/** The tables of half-years below another's that no sheet of the workbook has: said. */
function unreadBelow(
  below: readonly { halfYear: HalfYear; finding: Finding }[],
  halfYears: readonly HalfYearSheet[],
): Finding[] {
  return below
    .filter((b) => !halfYears.some((h) => h.halfYear.id === b.halfYear.id))
    .map((b) => b.finding);
}

/**
 * Another half-year's table beside the sheet's, its columns read again ("Budget | Utfall" right of
 * the first) under a title that names it ("Juli–december 2024", within the rows right above the
 * headers): its finding, to be said if no sheet has it, and its first column.
 */
function halfYearBeside(
  sheet: string,
  header: Header,
  head: readonly (ReadonlyArray<Cell | undefined> | undefined)[],
  halfYear: HalfYear,
  reported: boolean,
): { halfYear: HalfYear; finding: Finding; from: number } | null {
  const again = header.repeated
    .filter((x) => x.key === "budget" || x.key === "actual")
    .map((x) => x.col);
  if (again.length === 0) return null;
  const first = Math.min(...again);
  // The title stands above the second table, right of the first table's amounts.
  const left = Math.max(
    ...(["budget", "actual", "variance"] as const).map((k) => {
      const c = header.columns[k];
      return c !== undefined && c < first ? c : -1;
    }),
  );
  for (
    let r = header.row - 1;
    r >= 0 && r >= header.row - TITLE_ABOVE_HEADER;
    r--
  )
    for (let c = first; c > left; c--) {
      const cell = head[r]?.[c];
      if (!cell || cell.t !== "s" || cell.v.length > 60) continue;
      const named = parsePeriod(cell.v);
      if (named?.kind !== "half-year" || named.halfYear.id === halfYear.id)
        continue;
      const other = named.halfYear;
      return {
        halfYear: other,
        from: c,
        finding: finding("HALF_YEAR_BESIDE_TABLE", sheet, a1(r, c), {
          halfYear: other.id,
          column: columnLetters(c),
          sheetName: ownSheetName(other, reported),
        }),
      };
    }
  return null;
}

/** The sheet a half-year's table stacked on another's belongs on: "Utfall 2024 H2". */
function ownSheetName(halfYear: HalfYear, reported: boolean): string {
  return `${reported ? "Utfall" : "Budget"} ${halfYear.year} H${halfYear.half}`;
}

/** Another half-year's table below the sheet's: its finding, to be said if no sheet has it. */
function halfYearBelow(
  sheet: string,
  at: { r: number; c: number; halfYear: HalfYear },
  reported: boolean,
): { halfYear: HalfYear; finding: Finding } {
  const { halfYear } = at;
  return {
    halfYear,
    finding: finding("HALF_YEAR_BELOW_TABLE", sheet, a1(at.r, at.c), {
      halfYear: halfYear.id,
      row: at.r + 1,
      sheetName: ownSheetName(halfYear, reported),
    }),
  };
}

/**
 * Months typed as a range of the other half ("jul–dec" on a sheet of January–June, copied from
 * another half-year): counted as they stand, and said.
 */
function monthsOutside(
  sheet: string,
  ranges: readonly { cell: string; text: string; half: 1 | 2 }[],
  halfYear: HalfYear,
): Finding[] {
  return ranges.flatMap(({ cell, text, half }) =>
    half === halfYear.half
      ? []
      : [
          finding("MONTHS_OUTSIDE_HALF_YEAR", sheet, cell, {
            text,
            halfYear: halfYear.id,
          }),
        ],
  );
}

/** A sheet named as a report: "Utfall 2024 H1", "Återrapport H2 2025", "Redovisning 2024". */
const REPORT_NAME =
  /(?:^|[^\p{L}])(?:utfall|återrapport|återrapportering|redovisning|bokslut|rapport)/iu;

/**
 * A sheet named as a report whose table has no column of actuals: it would count as a budget,
 * with no repayment, and nothing said. Said, with the headers that were not read.
 */
function noActualColumn(
  sheet: string,
  header: Header,
  cells: ReadonlyArray<Cell | undefined> | undefined,
): Finding[] {
  if (header.toDate !== undefined)
    return [
      finding(
        "ACTUALS_TO_DATE_NOT_READ",
        sheet,
        a1(header.row, header.toDate),
        {
          header: readText(cells?.[header.toDate]),
        },
      ),
    ];
  if (header.columns.actual !== undefined || !REPORT_NAME.test(sheet))
    return [];
  const at = header.columns.budget ?? header.columns.label ?? 0;
  return [
    finding("NO_ACTUAL_COLUMN", sheet, a1(header.row, at), {
      unread: unreadHeaders(header, cells),
    }),
  ];
}

/** The columns a salary line's budget is derived from, as the template heads them. */
const SALARY_INPUT_COLUMNS: readonly (readonly [ColumnKey, string])[] = (
  ["servicePercent", "months", "monthlyCost"] as const
).map((k) => [k, COLUMN_HEADERS[k][0]!] as const);

/**
 * A table with some of the salary columns but not all, whose salary lines have no budget: each
 * line is SALARY_INCOMPLETE, asking for a value the table has no column for. Said once at the
 * header, with the headers not read ("Lön per månad"), so the column can be headed as it is read.
 */
function salaryColumnMissing(
  sheet: string,
  header: Header,
  cells: ReadonlyArray<Cell | undefined> | undefined,
  lines: readonly LineInput[],
): Finding[] {
  const absent = SALARY_INPUT_COLUMNS.filter(
    ([k]) => header.columns[k] === undefined,
  );
  if (absent.length === 0 || absent.length === SALARY_INPUT_COLUMNS.length)
    return [];
  const waiting = lines.some(
    (l) =>
      l.category === "salary" &&
      l.budget === null &&
      (l.servicePercentMicro !== null ||
        l.monthsMicro !== null ||
        l.monthlyCost !== null),
  );
  if (!waiting) return [];
  const present = SALARY_INPUT_COLUMNS.find(
    ([k]) => header.columns[k] !== undefined,
  )!;
  return [
    finding(
      "SALARY_COLUMN_MISSING",
      sheet,
      a1(header.row, header.columns[present[0]]!),
      {
        columns: absent.map(([, h]) => h).join(", "),
        unread: unreadHeaders(header, cells),
      },
    ),
  ];
}

/** The header row's texts that head no column read ('"Prognos", "Kostnad"'), the first five. */
function unreadHeaders(
  header: Header,
  cells: ReadonlyArray<Cell | undefined> | undefined,
): string {
  const read = new Set<number>([
    ...Object.values(header.columns),
    ...header.repeated.map((r) => r.col),
  ]);
  const unread: string[] = [];
  cells?.forEach((cell, c) => {
    const text = readText(cell);
    if (text && !read.has(c)) unread.push(`"${text}"`);
  });
  return unread.slice(0, 5).join(", ");
}

/** An amount column's header that names the whole of the half-year: "Utfall totalt", "Summa budget". */
function namesWhole(header: string): boolean {
  return /(?:^| )(?:totalt|total|summa|sammanlagt|halvår|halvåret|hela halvåret)(?: |$)/u.test(
    normalizeKey(header),
  );
}

/** Words that say an amount is of the time so far: "Utfall hittills", "YTD". */
const SO_FAR =
  /(?:^| )(?:hittills|hittintills|ytd|to date|year to date)(?: |$)/u;
/** "t.o.m. april", "till och med", "per", "fram till": the months from the half's first. */
const UNTIL =
  /(?:^| )(?:t o m|tom|till och med|per|fram till|through|until|to)(?: \d{1,2})?$/u;
const MONTH_IN_KEY = new RegExp(`(?:^| )(${MONTH_WORD})(?= |$)`, "gu");
const QUARTER_IN_KEY =
  /(?:^| )(?:kv|q|kvartal) ?([1-4])(?: (?:kv ?|q ?)?([1-4]))?(?= |$)/u;
/** A date in a header as normalizeKey leaves it: "2024 04 30". */
const DATE_IN_KEY = /(?:^| )\d{4} (\d{2}) (\d{2})(?= |$)/gu;

/**
 * Whether an actual's header names a part of a half-year, so far ("Utfall t.o.m. april", "Utfall
 * jan–apr", "Utfall april", "Utfall kv 1", "Utfall per 2024-04-30", "Utfall hittills"), and not
 * the whole ("Utfall jan–jun", "t.o.m. december", "kv 3–4", "Utfall totalt").
 */
function namesPartToDate(header: string): boolean {
  if (header.length > 60 || namesWhole(header)) return false;
  const key = normalizeKey(header);
  if (SO_FAR.test(key)) return true;
  // The last date named: "2024-01-01 – 2024-06-30" ends with the half.
  const date = [...key.matchAll(DATE_IN_KEY)].pop();
  if (date) {
    const month = Number(date[1]);
    return !((month === 6 || month === 12) && Number(date[2]) >= 30);
  }
  const quarter = QUARTER_IN_KEY.exec(key);
  if (quarter) {
    const [from, to] = [Number(quarter[1]), Number(quarter[2] ?? quarter[1])];
    return !(to - from === 1 && from % 2 === 1);
  }
  const months = [...key.matchAll(MONTH_IN_KEY)];
  if (months.length === 0) return false;
  const first = monthNumber(months[0]![1]!)!;
  const last = monthNumber(months[months.length - 1]![1]!)!;
  const fromStart =
    months.length === 1
      ? UNTIL.test(key.slice(0, months[0]!.index))
      : first === 1 || first === 7;
  return !(fromStart && (last === 6 || last === 12));
}

/** A header that names a part of the half-year: its months or quarters ("Utfall jan–mar", "kv 2"). */
const PART_OF_HALF_YEAR = new RegExp(
  `(?:^| )(?:(?:${MONTH_WORD})|(?:kv|q|kvartal) ?[1-4]|[1-4] ?kv)(?: |$)`,
  "u",
);

function namesPart(header: string): boolean {
  return PART_OF_HALF_YEAR.test(normalizeKey(header));
}

/**
 * A second column read as the same as one before it: its figures are not read, and said so. Parts
 * of the half-year beside its total are not read either, as the total counts (information); the
 * budget or actual in parts of the half-year without a total counts only its first part: an error,
 * as the half-year's amount is too low.
 */
function repeatedColumns(
  sheet: string,
  header: Header,
  cells: ReadonlyArray<Cell | undefined> | undefined,
): Finding[] {
  const text = (c: number) => readText(cells?.[c]);
  const out: Finding[] = [];
  const split = new Map<ColumnKey, number[]>();
  // In reading order: a part found before its total was moved to the list when the total was.
  const repeated = [...header.repeated].sort((a, b) => a.col - b.col);
  for (const { key, col } of repeated) {
    const first = header.columns[key]!;
    if (namesWhole(text(first)) && namesPart(text(col))) {
      out.push(
        finding("COLUMN_PART_NOT_READ", sheet, a1(header.row, col), {
          header: text(col),
          total: text(first),
          totalCell: a1(header.row, first),
        }),
      );
      continue;
    }
    if (
      (key === "actual" || key === "budget") &&
      namesPart(text(col)) &&
      namesPart(text(first))
    ) {
      split.set(key, [...(split.get(key) ?? [first]), col]);
      continue;
    }
    out.push(
      header.hidden?.has(col) && !header.hidden.has(first)
        ? hiddenColumnNotRead(sheet, header.row, { col, shown: first }, text)
        : finding("COLUMN_REPEATED", sheet, a1(header.row, col), {
            header: text(col),
            first: text(first),
            firstCell: a1(header.row, first),
          }),
    );
  }
  for (const [key, cols] of split)
    out.push(
      finding("COLUMNS_IN_PARTS", sheet, a1(header.row, cols[1]!), {
        headers: cols.map((c) => `"${text(c)}"`).join(", "),
        total: `${COLUMN_HEADERS[key][0]!} totalt`,
      }),
    );
  return out;
}

/** "Månadskostnad exkl. avgifter": a monthly cost the salary formula takes as including them. */
function costWithoutContributions(
  sheet: string,
  header: Header,
  cells: ReadonlyArray<Cell | undefined> | undefined,
): Finding[] {
  const col = header.columns.monthlyCost;
  if (col === undefined) return [];
  const text = readText(cells?.[col]);
  return WITHOUT_CONTRIBUTIONS.test(normalizeKey(text))
    ? [
        finding(
          "MONTHLY_COST_WITHOUT_CONTRIBUTIONS",
          sheet,
          a1(header.row, col),
          {
            header: text,
          },
        ),
      ]
    : [];
}

/**
 * What the headers' units make of the amounts: said once per unit, at its first header, of the
 * columns that hold amounts (not of one compute added, empty, to a table in thousands).
 */
function unitFindings(
  sheet: string,
  header: Header,
  read: ReadonlySet<ColumnKey>,
  cells: ReadonlyArray<Cell | undefined> | undefined,
): Finding[] {
  const byUnit = new Map<number, number[]>();
  for (const key of AMOUNT_COLUMNS) {
    const unit = header.units[key];
    if (unit === undefined || !read.has(key)) continue;
    const cols = byUnit.get(unit) ?? [];
    cols.push(header.columns[key]!);
    byUnit.set(unit, cols);
  }
  return [...byUnit].map(([unit, cols]) => {
    cols.sort((a, b) => a - b);
    return unitFinding(
      sheet,
      a1(header.row, cols[0]!),
      cols
        .map((c) => {
          const unit = readText(header.unitCells?.[c]).trim();
          return `"${readText(cells?.[c])}${unit ? ` ${unit}` : ""}"`;
        })
        .join(", "),
      unit,
    );
  });
}

/**
 * The reader's findings without LINE_WITHOUT_LABEL where a merged area covers the label cell from
 * a cell left of it on its row (the category's text across both): the row shows its label, which
 * the line takes. The areas are known only after the rows, in a file.
 */
function labelsShownByMerges(
  findings: readonly Finding[],
  merges: readonly Merge[],
): readonly Finding[] {
  if (merges.length === 0) return findings;
  return findings.filter((f) => {
    if (f.code !== "LINE_WITHOUT_LABEL" || f.cell === null) return true;
    const at = parseA1(f.cell);
    return !(
      at &&
      merges.some(
        (m) =>
          m.top === at.row &&
          m.left < at.col &&
          m.right >= at.col &&
          m.bottom >= at.row,
      )
    );
  });
}

/** The lines, each naming its cells that a merged area hides (known after the rows, in a file). */
function withHiddenCells(
  lines: readonly LineInput[],
  columns: TableColumns,
  merges: readonly Merge[],
): readonly LineInput[] {
  if (merges.length === 0 || lines.length === 0) return lines;
  const areas = new MergedAreas(
    merges,
    lines[0]!.row - 1,
    lines[lines.length - 1]!.row - 1,
  );
  const keys = Object.keys(columns) as ColumnKey[];
  return lines.map((line) => {
    const hidden = keys.filter(
      (k) => columns[k] !== undefined && areas.hides(line.row - 1, columns[k]),
    );
    return hidden.length > 0 ? { ...line, hidden } : line;
  });
}

/**
 * A sheet's rows as they come. Held: the rows above the table's header (where its period is, and
 * the scenario sheet's mark), and the rows below it while the label column is looked for; the
 * table's rows are read into lines and let go.
 */
class TableRows {
  /** The rows kept, by index. */
  readonly head: (ReadonlyArray<Cell | undefined> | undefined)[] = [];
  /** The add-in's scenario sheet (its mark in A1): not read. */
  scenario = false;
  /** Lönekalkyl's headers were seen: every row is kept, for a salary sheet named otherwise. */
  salaryRows = false;
  /** The rows the file hides (or filters out), as the adapter says. */
  readonly hidden = new Set<number>();
  private header: Header | null = null;
  /** The first row with a Budget header alone, taken if no row has two known headers. */
  private lone: Header | null = null;
  /** Decided once the header, and the label column, are known. */
  private columns: CellRead<TableColumns> | null = null;
  private reader: TableReader | null = null;
  /** Rows below a header without a label column, until it is found. */
  private readonly waiting: SheetRow[] = [];
  /** Something typed under the Utfall header of a table whose columns were not read (no Budget). */
  actualTyped = false;
  /** Past the rows where a header is looked for, without one: no table. */
  private headless = false;
  private tableEnded = false;
  private first = true;
  /** Rows looked at below the table, for another half-year's table (lookBelow). */
  private belowLooked = 0;
  /** A title below the table that names a half-year, waiting for its table's headers. */
  private titleBelow: { r: number; c: number; halfYear: HalfYear } | null =
    null;
  /** Another half-year's table below this one's: its title's row, cell and half-year. */
  below: { r: number; c: number; halfYear: HalfYear } | null = null;

  /** The half-year the sheet's name names, for headers that name another year or half. */
  private readonly sheetHalf: HalfYear | null;

  /** The columns the sheet hides, asked of the adapter once a row has been taken. */
  private hiddenColumns: ReadonlySet<number> | null = null;

  constructor(
    private readonly sheet: string,
    private readonly hiddenOf: (() => readonly number[]) | undefined,
  ) {
    const named = parsePeriod(sheet);
    this.sheetHalf = named?.kind === "half-year" ? named.halfYear : null;
  }

  private columnsHidden(): ReadonlySet<number> {
    this.hiddenColumns ??= this.hiddenOf
      ? new Set(this.hiddenOf())
      : NONE_HIDDEN;
    return this.hiddenColumns;
  }

  /**
   * Below the table, the first rows: a title that names a half-year ("Juli–december 2024") with a
   * table's headers on its row or within a few below it is another half-year's table, stacked on
   * one sheet. Bounded: a crafted sheet's rows below are not all looked at.
   */
  private lookBelow(r: number, cells: ReadonlyArray<Cell | undefined>): void {
    if (this.below || this.belowLooked >= ROWS_LOOKED_BELOW) return;
    this.belowLooked++;
    if (this.titleBelow && r - this.titleBelow.r > TITLE_ABOVE_HEADER)
      this.titleBelow = null;
    for (let c = 0; c < Math.min(cells.length, 3) && !this.titleBelow; c++) {
      const cell = cells[c];
      if (!cell || cell.t !== "s" || cell.v.length > 60) continue;
      const named = parsePeriod(cell.v);
      if (named?.kind === "half-year")
        this.titleBelow = { r, c, halfYear: named.halfYear };
    }
    // A table's headers stand in its first columns: a crafted row of 16 384 headers is not read.
    const header =
      this.titleBelow && headerOf(r, cells.slice(0, HALF_YEAR_COLUMNS_SCANNED));
    if (header && header.columns.budget !== undefined)
      this.below = this.titleBelow;
  }

  /** A row below the table's end: lines added below its total, or another half-year's table. */
  private belowEnd(r: number, cells: ReadonlyArray<Cell | undefined>): void {
    if (this.reader?.watchingAfterEnd && !isBlankRow(cells))
      this.reader.afterEnd(r, cells);
    if (!this.reader?.watchingAfterEnd) this.lookBelow(r, cells);
  }

  take(row: SheetRow): void {
    const r = row.index;
    if (row.hidden) this.hidden.add(r);
    if (this.first) {
      this.first = false;
      this.scenario = r === 0 && isScenarioMark(row.cells[0]);
    }
    if (this.salaryRows) this.head[r] = row.cells;
    if (this.tableEnded) {
      this.belowEnd(r, row.cells);
      return;
    }
    if (this.scenario || this.headless) return;
    if (!this.header) {
      if (r >= HEADER_SCAN_ROWS) {
        if (!this.takeLoneHeader()) {
          this.headless = true;
          return;
        }
      } else {
        this.head[r] = row.cells;
        if (isSalaryHeaderRow(row.cells)) this.salaryRows = true;
        const hidden = this.columnsHidden();
        this.header = headerOf(r, row.cells, false, this.sheetHalf, hidden);
        if (this.header?.columns.label !== undefined) this.decide(this.header);
        if (!this.header)
          this.lone ??= headerOf(r, row.cells, true, this.sheetHalf, hidden);
        return;
      }
    }
    this.afterHeader(row);
  }

  /**
   * No row had two known headers: a Budget header alone heads the table, and the rows below it,
   * held with the rows above a header, are read. False when there is none.
   */
  private takeLoneHeader(): boolean {
    const header = this.lone;
    if (!header) return false;
    this.lone = null;
    this.header = header;
    if (header.columns.label !== undefined) this.decide(header);
    for (let i = header.row + 1; i < this.head.length; i++) {
      const cells = this.head[i];
      if (cells) this.afterHeader({ index: i, cells });
    }
    return true;
  }

  private afterHeader(row: SheetRow): void {
    const r = row.index;
    const header = this.header!;
    if (r === header.row + 1 && isUnitRow(row.cells)) {
      this.takeUnitRow(row.cells);
      return;
    }
    if (this.columns) this.read(row);
    else if (r < header.row + LABEL_SCAN_ROWS) {
      this.head[r] = row.cells;
      this.waiting.push(row);
    } else {
      this.decide(header);
      this.read(row);
    }
  }

  /**
   * The units below the headers are theirs: "Budget" over "tkr" is "Budget (tkr)". The row is no
   * line; it comes before any line is read, so the reader is made again with them.
   */
  private takeUnitRow(cells: ReadonlyArray<Cell | undefined>): void {
    const header = this.header!;
    const units = { ...header.units };
    for (const key of AMOUNT_COLUMNS) {
      const c = header.columns[key];
      const unit = c === undefined ? 1 : headerUnit(readText(cells[c]));
      if (unit !== 1) units[key] = unit;
    }
    this.header = { ...header, units, unitCells: cells };
    if (this.columns?.value)
      this.reader = new TableReader(
        this.sheet,
        new TableLayout(this.columns.value, units),
      );
  }

  /** Every row taken: the header, the table's columns and its reader, as found. */
  end(): {
    header: Header | null;
    columns: CellRead<TableColumns> | null;
    reader: TableReader | null;
  } {
    if (!this.header) this.takeLoneHeader();
    if (this.header && !this.columns) this.decide(this.header);
    this.reader?.finish();
    return {
      header: this.header,
      columns: this.columns,
      reader: this.reader,
    };
  }

  private decide(header: Header): void {
    const columns = tableColumns({ name: this.sheet, rows: this.head }, header);
    this.columns = columns;
    if (columns.value)
      this.reader = new TableReader(
        this.sheet,
        new TableLayout(columns.value, header.units),
      );
    for (const row of this.waiting) this.read(row);
    this.waiting.length = 0;
  }

  private read(row: SheetRow): void {
    if (!this.reader) {
      const c = this.header?.columns.actual;
      if (c !== undefined && !isEmptyCell(row.cells[c]))
        this.actualTyped = true;
      return;
    }
    if (this.tableEnded) {
      this.belowEnd(row.index, row.cells);
      return;
    }
    if (isBlankRow(row.cells)) return;
    // Below a total, the rows may be another half-year's table (lookBelow).
    const belowTotal = this.reader.total !== null;
    if (!this.reader.read(row.index, row.cells)) this.tableEnded = true;
    if (belowTotal || this.tableEnded) this.lookBelow(row.index, row.cells);
  }
}

/** The sheet's half-year: from its period cell, else its name; a disagreement is said. */
function sheetPeriod(
  grid: Grid,
  header: Header | null,
): { halfYear: HalfYear | null; cell: string | null; findings: Finding[] } {
  const sheet = grid.name;
  const fromName = parsePeriod(sheet);
  const periodCell =
    findPeriodCell(grid, header ? header.row : -1) ??
    // A title is taken only above a table of known headers: a summary's "Post | Summa" under
    // "Sammanställning 2025 H2" stays no half-year.
    (fromName?.kind === "half-year" || !header || header.lone
      ? null
      : findPeriodTitle(grid, header.row));
  const chosen = periodCell?.parse ?? fromName;
  // Only a sheet that looks like a budget sheet is worth a finding.
  const table = header !== null && !header.lone;
  if (!chosen)
    return {
      halfYear: null,
      cell: null,
      findings: table ? [finding("PERIOD_UNKNOWN", sheet, null)] : [],
    };
  if (chosen.kind === "other")
    return {
      halfYear: null,
      cell: null,
      findings:
        table || periodCell
          ? [
              finding("NOT_HALF_YEAR", sheet, periodCell?.address ?? null, {
                text: periodCell?.text ?? sheet,
              }),
            ]
          : [],
    };
  const mismatch =
    periodCell?.parse?.kind === "half-year" &&
    fromName?.kind === "half-year" &&
    fromName.halfYear.id !== periodCell.parse.halfYear.id;
  return {
    halfYear: chosen.halfYear,
    cell: periodCell?.parse?.kind === "half-year" ? periodCell.address : null,
    findings: mismatch
      ? [
          finding("PERIOD_MISMATCH", sheet, periodCell.address, {
            nameHalfYear: fromName.halfYear.id,
            cellHalfYear: periodCell.parse.halfYear.id,
          }),
        ]
      : [],
  };
}

/** The table's columns: Budget is required, and Post (or a label column found without a header). */
type TableColumns = Header["columns"] & { readonly label: number };

function tableColumns(grid: Grid, header: Header): CellRead<TableColumns> {
  const sheet = grid.name;
  const columns = { ...header.columns };
  if (columns.budget === undefined)
    return readFailed(
      finding(
        "MISSING_COLUMNS",
        sheet,
        a1(header.row, Math.max(0, ...Object.values(columns)) + 1),
        {
          columns: "Budget",
          unread: unreadHeaders(header, grid.rows[header.row]),
        },
      ),
    );
  if (columns.label === undefined) {
    const label = inferLabelColumn(grid, header.row, columns);
    // "Kommentar | Belopp": a comment header over the only text left of the amounts heads the
    // labels, as any header there would.
    if (label === null && columns.comment !== undefined) {
      const { comment, ...rest } = columns;
      return readValue({ ...rest, label: comment });
    }
    if (label === null)
      return readFailed(
        finding("MISSING_COLUMNS", sheet, a1(header.row, 0), {
          columns: "Post",
          unread: unreadHeaders(header, grid.rows[header.row]),
        }),
      );
    return readValue({ ...columns, label });
  }
  return readValue({ ...columns, label: columns.label });
}

/** Without a label header (the seed's table heads it "2024"), the label is the leftmost text column. */
function inferLabelColumn(
  grid: Grid,
  headerRow: number,
  columns: Partial<Record<ColumnKey, number>>,
): number | null {
  const taken = new Set(Object.values(columns));
  const limit = Math.min(
    ...Object.values(columns).filter((c) => c !== columns.category),
  );
  for (let c = 0; c < limit; c++) {
    if (taken.has(c)) continue;
    for (
      let r = headerRow + 1;
      r < Math.min(grid.rows.length, headerRow + LABEL_SCAN_ROWS);
      r++
    ) {
      const cell = cellAt(grid, r, c);
      if (cell?.t === "s" && cell.v.trim() !== "") return c;
    }
  }
  return null;
}

const NO_FORMULAS: Readonly<Partial<Record<ColumnKey, string>>> = Object.freeze(
  {},
);
const NONE_UNREADABLE: readonly ColumnKey[] = Object.freeze([]);

/**
 * `SUM(F5:F8)`, `=sum($F$5:$F$8)`, `SUBTOTAL(9,F5:F8)` (Excel's AutoSum below a filtered list) or
 * `SUBTOTAL(109,F5:F8)`: one column's cells from one row to another.
 */
const SUM_OF_COLUMN =
  /^=?\s*(?:SUM\(|SUBTOTAL\(\s*(?:9|109)\s*[,;]\s*)\s*\$?([A-Z]{1,3})\$?(\d{1,7})\s*:\s*\$?([A-Z]{1,3})\$?(\d{1,7})\s*\)\s*$/i;

const sameColumn = (letters: string, col: number) =>
  letters.toUpperCase() === columnLetters(col);

/** Whether a text cell left of the amounts says Summa/Totalt/Total (cheap test first: this runs on every row). */
function totalKind(
  row: ReadonlyArray<Cell | undefined>,
  before: number,
  /** The comment column, whose words ("Summa av två inköp") label no row. */
  comment: number,
): "total" | "section" | "subtotal" | null {
  const end = Math.min(row.length, before);
  for (let c = 0; c < end; c++) {
    const cell = row[c];
    if (cell?.t !== "s" || c === comment) continue;
    // Only a text starting with "summa", "total", "del", "sub" or "mellan" (after spaces, in any
    // case) can be a total's label: "Tjänst 12" is turned away by its first letters, with no
    // string made for it.
    const text = cell.v;
    let i = 0;
    for (
      let c = text.charCodeAt(0);
      c <= 0x20 || c === 0xa0 || c === 0x202f || c === 0xfeff;
      c = text.charCodeAt(++i)
    );
    if (mayBeEnumerated(text, i)) i = enumerationEnd(text, i);
    const last = endsWithTotalWord(text);
    if ((startsWithTotalWord(text, i) || last) && isTotalLabel(text))
      return isSectionTotalLabel(text) || namesPartBeside(row, c, end)
        ? "section"
        : "total";
    if ((startsWithSubtotalWord(text, i) || last) && isSubtotalLabel(text))
      return "subtotal";
  }
  return null;
}

/** Whether the row's total is a "Summa" (isSummaLabel), which may close a section. */
function sumsLikeSection(
  row: ReadonlyArray<Cell | undefined>,
  end: number,
  comment: number,
): boolean {
  for (let c = 0; c < Math.min(row.length, end); c++) {
    const cell = row[c];
    if (
      c !== comment &&
      cell?.t === "s" &&
      cell.v.length <= MAX_HEADER_TEXT &&
      isSummaLabel(cell.v)
    )
      return true;
  }
  return false;
}

/**
 * Whether another text left of the amounts names a part of the budget: "Summa" in the category
 * column beside "Lönekostnader" in the label's is that section's total, as "Summa lönekostnader".
 */
function namesPartBeside(
  row: ReadonlyArray<Cell | undefined>,
  at: number,
  end: number,
): boolean {
  for (let c = 0; c < end; c++) {
    const cell = row[c];
    if (
      c !== at &&
      cell?.t === "s" &&
      cell.v.length <= MAX_HEADER_TEXT &&
      isSectionTotalLabel(cell.v)
    )
      return true;
  }
  return false;
}

/**
 * Whether text[i..] may start with a list's number or letter ("5. Summa", "b) Delsumma",
 * "IV. Totalt"): a digit, a letter before "." or ")", or a Roman numeral's letter.
 */
function mayBeEnumerated(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 0x20;
  const next = text.charCodeAt(i + 1);
  return (
    (c >= 0x30 && c <= 0x39) ||
    next === 0x2e ||
    next === 0x29 ||
    c === 0x69 ||
    c === 0x76 ||
    c === 0x78
  );
}

/**
 * Whether text[i..] may start with a total's word: "sum" (Summa, Summering), "tot" (Totalt, Tot.),
 * "s:a", "grand" or "σ", ASCII letters in any case.
 */
function startsWithTotalWord(text: string, i: number): boolean {
  return (
    startsWithWord(text, i, "sum") ||
    startsWithWord(text, i, "tot") ||
    startsWithWord(text, i, "s:a") ||
    startsWithWord(text, i, "grand") ||
    text.charCodeAt(i) === 0x3a3 || // Σ
    text.charCodeAt(i) === 0x3c3 // σ
  );
}

/**
 * Whether the text ends with "summa" or "total"/"totalt" (before spaces, "." or ":"): a total's
 * or subtotal's word last, "Lönekostnader totalt", "Personal, delsumma".
 */
function endsWithTotalWord(text: string): boolean {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c > 0x20 && c !== 0x2e && c !== 0x3a && c !== 0xa0) break;
    end--;
  }
  // By the last letter, so that a label pays one look for it.
  switch (text.charCodeAt(end - 1) | 0x20) {
    case 0x61: // a
      return end >= 5 && startsWithWord(text, end - 5, "summa");
    case 0x6c: // l
      return end >= 5 && startsWithWord(text, end - 5, "total");
    case 0x74: // t
      return end >= 6 && startsWithWord(text, end - 6, "totalt");
    default:
      return false;
  }
}

/** Whether text[i..] starts with "del", "sub" or "mellan", ASCII letters in any case. */
function startsWithSubtotalWord(text: string, i: number): boolean {
  return (
    startsWithWord(text, i, "del") ||
    startsWithWord(text, i, "sub") ||
    startsWithWord(text, i, "mellan")
  );
}

/** Whether text[i..] starts with `word` (lower-case ASCII letters), in any case. */
function startsWithWord(text: string, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++)
    if ((text.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** A word's reading, remembered for the first 1 000 texts: a column repeats a few words. */
function cached<T>(read: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let value = seen.get(text);
    if (value === undefined) {
      value = read(text);
      if (seen.size < 1000) seen.set(text, value);
    }
    return value;
  };
}

const cachedCategoryOf = cached(categoryOf);

/**
 * The category a row names: its category cell's, where that names one of the known words, else
 * its label's ("Administration" beside "OH-kostnader" is the OH line); "other" for a category cell
 * of neither, null for no category cell and a label of none.
 */
function namedCategory(categoryText: string, label: string): Category | null {
  const fromCell = categoryText ? cachedCategoryOf(categoryText) : null;
  return fromCell === "other" || fromCell === null
    ? (categoryFromLabel(label) ?? fromCell)
    : fromCell;
}
const cachedIsIncome = cached(isIncomeHeading);

/**
 * Rows held below a total until another total shows it was a subtotal: past these, the rows below
 * it are notes (no section of a budget is this long; a crafted file's rows are not all held).
 */
const MAX_HELD_AFTER_TOTAL = 10_000;
/** The rows below a table's end looked at for another half-year's table, and its title's reach. */
const ROWS_LOOKED_BELOW = 200;
const TITLE_ABOVE_HEADER = 3;
/**
 * A line's amount, read in its column's unit, that no line of a partnership costs in a half-year
 * (10 million kronor): kronor typed under "Budget (tkr)".
 */
const UNLIKELY_SCALED_ORE = 1_000_000_000;
/** A value being made, before it is handed on as read-only. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Longer than any header of a table's column: such a text is no header. */
const MAX_HEADER_TEXT = 100;
/** The lines below a total that LINES_AFTER_TOTAL names; the rest are counted. */
const LINES_AFTER_TOTAL_NAMED = 3;

/**
 * Rows of income beside the costs: below a heading "Intäkter" (to its total, or a heading of
 * costs), or each marked "Intäkt" in the category column. They are not lines.
 */
interface IncomeRows {
  /** The heading's (or the first marked row's) cell. */
  readonly row: number;
  readonly col: number;
  readonly label: string;
  /** Opened by a category cell: it ends at the first row not so marked. */
  readonly marked: boolean;
  first: number | null;
  last: number;
}

/** A row that breaks down the line above: "varav sociala avgifter", "Därav hyra". */
const OF_WHICH = /^(?:varav|därav)(?![\p{L}\p{N}])/iu;

/** A table's columns, found once (-1 for one the table lacks). */
class TableLayout {
  readonly label: number;
  readonly category: number;
  readonly budget: number;
  readonly actual: number;
  readonly variance: number;
  readonly monthlyCost: number;
  readonly servicePercent: number;
  readonly months: number;
  /** The partner's comments ("Kommentar", "Förklaring till avvikelse"). */
  readonly comment: number;
  /** The status column (the template's "Överskriden"), where an explanation is sometimes typed. */
  readonly status: number;
  /** Kronor per unit of each amount column, by its header: 1 000 for "Budget (tkr)". */
  readonly budgetUnit: number;
  readonly actualUnit: number;
  readonly varianceUnit: number;
  readonly monthlyCostUnit: number;
  /** Percent points per plain number of the service column: 100 under "Antal tjänster". */
  readonly servicePercentUnit: number;
  /** The total label is looked for left of the amounts. */
  readonly leftOfAmounts: number;
  readonly formulaKeys: readonly ColumnKey[];
  readonly formulaCols: readonly number[];
  /** The columns of figures the table has. */
  readonly figureCols: readonly number[];

  constructor(
    columns: Partial<Record<ColumnKey, number>>,
    units: Partial<Record<ColumnKey, number>>,
  ) {
    const col = (k: ColumnKey): number => columns[k] ?? -1;
    this.budgetUnit = units.budget ?? 1;
    this.actualUnit = units.actual ?? 1;
    this.varianceUnit = units.variance ?? 1;
    this.monthlyCostUnit = units.monthlyCost ?? 1;
    this.servicePercentUnit = units.servicePercent ?? 1;
    this.label = col("label");
    this.category = col("category");
    this.budget = col("budget");
    this.actual = col("actual");
    this.variance = col("variance");
    this.monthlyCost = col("monthlyCost");
    this.servicePercent = col("servicePercent");
    this.months = col("months");
    this.comment = col("comment");
    this.status = col("status");
    this.leftOfAmounts = Math.min(
      ...NUMERIC_COLUMNS.map((k) => columns[k] ?? Infinity),
    );
    this.formulaKeys = Object.keys(columns) as ColumnKey[];
    this.formulaCols = this.formulaKeys.map((k) => columns[k]!);
    this.figureCols = NUMERIC_COLUMNS.flatMap((k) =>
      columns[k] === undefined ? [] : [columns[k]],
    );
  }
}

/**
 * Reads a table row by row: lines, headings (which set the category of the lines below), the
 * total row. Plain fields and indexed loops: this runs once per line, mostly before the JIT has
 * optimised it (a `check` is one cold pass), where iterators and destructuring cost the most.
 */
class TableReader {
  readonly lines: LineInput[] = [];
  readonly findings: Finding[] = [];
  total: TotalRow | null = null;
  readonly subtotals: SubtotalRow[] = [];
  /** Rows below the total without figures, until the table shows what the total was. */
  private after: { r: number; row: ReadonlyArray<Cell | undefined> }[] = [];
  /** The total names a part ("Summa lönekostnader"): rows below it may make it a subtotal. */
  private totalNamesPart = false;
  /** The total is a "Summa" (not "Totalt"), which may close a section: see read. */
  private totalSumsSection = false;
  /** Rows are held below a "Summa" that names no part, costs starting right below it. */
  private heldBelowWhole = false;
  /** The first line of the current subtotal's section. */
  private sectionStart = 0;
  /** The columns in thousands (or millions) that held an amount: what AMOUNTS_IN_UNIT names. */
  readonly scaledRead = new Set<ColumnKey>();
  /** The scaled columns already said to hold an amount no line costs (AMOUNT_IN_UNIT_UNLIKELY). */
  private readonly unlikelyScaled = new Set<ColumnKey>();
  /** The lines' months typed as a range of months ("jul–dec"), and the half it lies in. */
  readonly monthRanges: { cell: string; text: string; half: 1 | 2 }[] = [];
  private section: Category | null = null;
  /** The amounts of rows carried over from an earlier period (not lines), for the total row. */
  private readonly carried = { budget: ZERO, actual: ZERO };
  /**
   * Past the table's total: its first row, and the lines of costs right below it (`closed` once a
   * row that is no such line has ended them).
   */
  private ended: {
    readonly first: number;
    readonly lines: { r: number; label: string }[];
    count: number;
    last?: number;
    amount: Ore;
    closed?: true;
  } | null = null;
  /** The section of income the rows are in, if any. */
  private income: IncomeRows | null = null;
  private readonly seen = new Map<
    Category,
    Map<string, { row: number; label: string }>
  >();
  // The row being read.
  private r = 0;
  private row: ReadonlyArray<Cell | undefined> = [];
  private unreadable = NONE_UNREADABLE as ColumnKey[];

  constructor(
    private readonly sheet: string,
    private readonly t: TableLayout,
  ) {}

  /**
   * One non-blank row; false when the table has ended (rows after its total). The last total row
   * is the total: one with another below it was a subtotal ("Summa lönekostnader" above the
   * activities and "Totalt"), so the rows below a total are held until another total shows they
   * are lines, or the table ends and they are not.
   */
  read(r: number, row: ReadonlyArray<Cell | undefined>): boolean {
    const left = Number.isFinite(this.t.leftOfAmounts)
      ? this.t.leftOfAmounts
      : row.length;
    if (this.total) {
      // A "Summa" that names no part with a heading or a line of costs right below it may be a
      // section's ("Summa" after the salaries, "Verksamhetskostnader" below): held as a total that
      // names a part is, until a total below shows it. Without one, the table ended at it.
      if (
        !this.totalNamesPart &&
        this.totalSumsSection &&
        this.after.length === 0 &&
        this.startsCosts(r, row)
      ) {
        this.totalNamesPart = true;
        this.heldBelowWhole = true;
      }
      // Below "Summa" or "Totalt", or a second table (its own header row): the table has ended.
      if (!this.totalNamesPart || headerOf(r, row) !== null) {
        this.endAt(r, row);
        return false;
      }
      const next = totalKind(row, left, this.t.comment);
      if (next !== "total" && next !== "section") {
        if (this.after.length >= MAX_HELD_AFTER_TOTAL) {
          this.finish(false);
          return false;
        }
        this.after.push({ r, row });
        return true;
      }
      this.subtotals.push(this.subtotalOf(this.total));
      this.total = null;
      this.heldBelowWhole = false;
      const held = this.after;
      this.after = [];
      for (const h of held) this.read(h.r, h.row);
    }
    this.r = r;
    this.row = row;
    this.unreadable = NONE_UNREADABLE as ColumnKey[];
    // The table's headers again (a specification below it, or a page's headers copied): no line.
    if (this.isHeaderAgain(row) && headerOf(r, row) !== null) {
      this.findings.push(
        finding("HEADER_REPEATED", this.sheet, a1(r, this.t.budget), {
          row: r + 1,
        }),
      );
      return true;
    }
    const named = totalKind(row, left, this.t.comment);
    const kind = named ?? this.totalByItsSum(row, left);
    if (this.income && this.inIncome(kind)) return true;
    if (kind === "subtotal") this.subtotals.push(this.subtotalOf(this.sums()));
    else if (kind === "total" || kind === "section") {
      this.total =
        named === null ? { ...this.sums(), bySum: true } : this.sums();
      this.totalNamesPart = kind === "section";
      this.heldBelowWhole = false;
      this.totalSumsSection =
        kind === "total" && sumsLikeSection(row, left, this.t.comment);
    } else this.readLine();
    return true;
  }

  /**
   * A row whose budget is the SUM of the budget column from the first line (or above it) to the
   * row right above, whatever its text: the total row, its "Summa" cleared or written over ("x",
   * "Sökt belopp"). Read as a line it counted the lines twice, OH over it made a loop that compute
   * broke with a figure the SUM then did not follow, and its actual (the SUM of empty cells, 0)
   * made a budget a report with nothing spent, all of it to repay.
   */
  private totalByItsSum(
    row: ReadonlyArray<Cell | undefined>,
    left: number,
  ): "total" | null {
    const { t, r } = this;
    const first = this.lines[0]?.row;
    const cell = t.budget < 0 ? undefined : row[t.budget];
    const f = cell?.f;
    if (first === undefined || typeof f !== "string") return null;
    // A table's total row, "SUBTOTAL(109,Tabell1[Budget])", as the range it sums.
    const m = SUM_OF_COLUMN.exec(cell?.a1 ?? f);
    if (
      m === null ||
      !sameColumn(m[1]!, t.budget) ||
      !sameColumn(m[3]!, t.budget) ||
      Number(m[2]) > first ||
      Number(m[4]) !== r
    )
      return null;
    // Its text, if any (a number typed over "Summa", a 0, is none).
    let label = "";
    for (let c = 0; c < Math.min(left, row.length) && !label; c++) {
      const cell = row[c];
      if (cell?.t === "s" && c !== t.comment) label = readText(cell);
    }
    this.findings.push(
      finding(
        "TOTAL_NOT_LABELLED",
        this.sheet,
        a1(r, t.label >= 0 ? t.label : t.budget),
        { row: r + 1, formula: `=${f.replace(/^=/, "")}`, label },
      ),
    );
    return "total";
  }

  /**
   * The table ends at its total: the rows held below a "Summa" that no total below showed to be a
   * section's, then this row (none for r < 0), are read as rows below the table's end.
   */
  private endAt(r: number, row: ReadonlyArray<Cell | undefined>): void {
    this.closeIncome();
    const held = this.heldBelowWhole ? this.after : [];
    if (this.heldBelowWhole) this.after = [];
    this.heldBelowWhole = false;
    this.ended = {
      first: held[0]?.r ?? r,
      lines: [],
      count: 0,
      amount: ZERO,
    };
    for (const h of held) this.afterEnd(h.r, h.row);
    if (r >= 0) this.afterEnd(r, row);
  }

  /**
   * A heading of costs ("Verksamhetskostnader", "OH") or a line of costs: where costs start. A row
   * whose text names a category of costs starts them with figures or without, so that months that
   * what-if writes into it leave it read as it was.
   */
  private startsCosts(
    r: number,
    row: ReadonlyArray<Cell | undefined>,
  ): boolean {
    if (this.costLine(r, row) !== null) return true;
    const t = this.t;
    const text =
      (t.category >= 0 ? readText(row[t.category]) : "") ||
      readText(row[t.label]);
    return (
      text !== "" &&
      text.length <= MAX_HEADER_TEXT &&
      (cachedCategoryOf(text) !== "other" || isCostHeading(text))
    );
  }

  /**
   * Whether the row may be the table's header row again: its budget cell names the budget column
   * ("Budget", "Belopp"), and no text of it is longer than a header's. Cheap before headerOf, so
   * that a line, or a row of long texts (a crafted file's 32 000 characters in every cell), pays
   * next to nothing for it.
   */
  private isHeaderAgain(row: ReadonlyArray<Cell | undefined>): boolean {
    const budget = this.t.budget >= 0 ? row[this.t.budget] : undefined;
    if (budget?.t !== "s" || budget.v.length > MAX_HEADER_TEXT) return false;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell?.t === "s" && cell.v.length > MAX_HEADER_TEXT) return false;
    }
    return columnOfHeader(budget.v) === "budget";
  }

  /**
   * A row below the table's end: one more of the lines that follow the total right below it, each
   * with a category of costs (its cell, or its label's "Verksamhetskostnader: …") and a budget, as
   * lines added below the total are. Any other row ends them.
   */
  afterEnd(r: number, row: ReadonlyArray<Cell | undefined>): void {
    const ended = this.ended;
    if (ended === null || ended.closed) return;
    const line = this.costLine(r, row);
    if (line === null) {
      ended.closed = true;
      return;
    }
    if (ended.lines.length < LINES_AFTER_TOTAL_NAMED)
      ended.lines.push({ r, label: line.label });
    ended.count++;
    ended.last = r;
    ended.amount = add(ended.amount, line.budget);
  }

  /**
   * The row as a line of costs, with a category of costs (its cell, or its label's
   * "Verksamhetskostnader: …") and a budget; null for any other row.
   */
  private costLine(
    r: number,
    row: ReadonlyArray<Cell | undefined>,
  ): { label: string; budget: Ore } | null {
    const t = this.t;
    const label = readText(row[t.label]).trim();
    const categoryText = t.category >= 0 ? readText(row[t.category]) : "";
    const category = namedCategory(categoryText, label);
    const budget =
      t.budget >= 0
        ? lineMoney(row[t.budget], this.sheet, r, t.budget, t.budgetUnit, false)
            .value
        : null;
    return !label || !category || category === "other" || !budget
      ? null
      : { label, budget };
  }

  /** Whether rows below the table's end are still looked at (afterEnd). */
  get watchingAfterEnd(): boolean {
    return this.ended !== null && this.ended.closed === undefined;
  }

  /**
   * At the table's end: rows below its total are not lines, and that is said once; lines of costs
   * right below it, a warning with their sum.
   */
  finish(atEnd = true): void {
    // Below a "Summa" held for a total that did not come: the table ended at it, as it always did.
    if (this.total !== null && this.heldBelowWhole) this.endAt(-1, []);
    // A total that names a part ("Summa lönekostnader") with lines of costs right below it and no
    // total after them is a subtotal: the lines below are the budget's too. (Not when the rows held
    // below it reached their bound: those past it are notes, and would be lost unsaid.)
    while (
      atEnd &&
      this.total !== null &&
      this.totalNamesPart &&
      this.after.length > 0 &&
      this.costLine(this.after[0]!.r, this.after[0]!.row) !== null
    ) {
      this.subtotals.push(this.subtotalOf(this.total));
      this.total = null;
      const held = this.after;
      this.after = [];
      let ended = false;
      for (const h of held)
        if (ended) this.afterEnd(h.r, h.row);
        else ended = !this.read(h.r, h.row);
    }
    this.closeIncome();
    const ended = this.ended;
    this.ended = null;
    const lines = ended?.count ?? 0;
    if (ended && lines > 0) {
      const first = ended.lines[0]!;
      this.findings.push(
        finding("LINES_AFTER_TOTAL", this.sheet, a1(first.r, this.t.budget), {
          rows:
            lines === 1
              ? `${first.r + 1}`
              : `${first.r + 1}–${ended.last! + 1}`,
          amountOre: ended.amount,
          labels: ended.lines.map((l) => `"${l.label}"`).join(", "),
        }),
      );
      return;
    }
    const first = this.after[0]?.r ?? ended?.first;
    if (first === undefined) return;
    this.findings.push(
      finding("ROWS_AFTER_TOTAL", this.sheet, null, { row: first + 1 }),
    );
    this.after = [];
  }

  /**
   * Whether the row is one of the income section's: its total ("Summa intäkter") closes it, and so
   * does a heading or line of costs ("Kostnader", "Lön", a salary's %), which is read as such.
   */
  private inIncome(kind: ReturnType<typeof totalKind>): boolean {
    const income = this.income!;
    const { t, row } = this;
    if (income.marked) {
      const category = t.category < 0 ? "" : readText(row[t.category]);
      if (
        kind === null &&
        (cachedIsIncome(category) || this.incomeInLabel(readText(row[t.label])))
      ) {
        income.last = this.r;
        return true;
      }
      this.closeIncome();
      return false;
    }
    if (kind !== null) {
      if (kind !== "subtotal") this.closeIncome();
      return true;
    }
    const category = t.category < 0 ? "" : readText(row[t.category]);
    const text = category || readText(row[t.label]);
    if (
      categoryOf(text) !== "other" ||
      this.isSalaryRow() ||
      (isCostHeading(text) && !this.hasFigures())
    ) {
      this.closeIncome();
      return false;
    }
    income.first ??= this.r;
    income.last = this.r;
    return true;
  }

  private openIncome(label: string, col: number, marked: boolean): void {
    this.closeIncome();
    const r = this.r;
    this.income = {
      row: r,
      col,
      label,
      marked,
      first: marked ? r : null,
      last: r,
    };
  }

  /** The income section's rows, said once: they are not lines. */
  private closeIncome(): void {
    const income = this.income;
    if (!income) return;
    this.income = null;
    if (income.first === null) return;
    this.findings.push(
      finding("INCOME_NOT_READ", this.sheet, a1(income.row, income.col), {
        label: income.label,
        firstRow: income.first + 1,
        lastRow: income.last + 1,
      }),
    );
  }

  /** Whether the row's label names income and the row has an amount (a note says nothing). */
  private incomeInLabel(label: string): boolean {
    return wordedRow(label) === "income" && this.hasFigures();
  }

  /** A row with a service percentage, months or a monthly cost is a salary: a cost. */
  private isSalaryRow(): boolean {
    const { t, row } = this;
    return [t.servicePercent, t.months, t.monthlyCost].some(
      (c) => c >= 0 && !isEmptyCell(row[c]),
    );
  }

  private hasFigureFormula(): boolean {
    const { figureCols } = this.t;
    for (let i = 0; i < figureCols.length; i++)
      if (this.row[figureCols[i]!]?.f) return true;
    return false;
  }

  private hasFigures(): boolean {
    const { figureCols } = this.t;
    for (let i = 0; i < figureCols.length; i++)
      if (!isEmptyCell(this.row[figureCols[i]!])) return true;
    return false;
  }

  /** The figures of a total or subtotal row. */
  private sums(): TotalRow {
    const { t, carried } = this;
    const formulas = this.formulas();
    return {
      row: this.r + 1,
      budget: this.money(t.budget, "budget", t.budgetUnit),
      actual: this.money(t.actual, "actual", t.actualUnit),
      variance: this.money(t.variance, "variance", t.varianceUnit, true),
      ...(formulas === NO_FORMULAS ? {} : { formulas }),
      ...(carried.budget !== ZERO || carried.actual !== ZERO
        ? { carried: { ...carried } }
        : {}),
    };
  }

  /**
   * A row that carries money over from an earlier period, or states the half-year's result: not a
   * line, said at its label with its amount; a row of it without a budget or an actual is a note.
   * Its amounts are kept for the total row, which may sum them.
   */
  private notCounted(
    label: string,
    code: "CARRY_OVER_NOT_READ" | "RESULT_ROW_NOT_READ",
  ): void {
    const { t, row, r } = this;
    const amount = (c: number, unit: number) =>
      c < 0 ? null : lineMoney(row[c], this.sheet, r, c, unit, true).value;
    const budget = amount(t.budget, t.budgetUnit);
    const actual = amount(t.actual, t.actualUnit);
    const shown = budget ?? actual;
    if (shown === null) return;
    if (budget !== null) this.carried.budget = add(this.carried.budget, budget);
    if (actual !== null) this.carried.actual = add(this.carried.actual, actual);
    this.findings.push(
      finding(code, this.sheet, a1(r, t.label), {
        label: label.trim(),
        amountOre: shown,
      }),
    );
  }

  /** A subtotal of the lines since the one before (or the table's first). */
  private subtotalOf(row: TotalRow): SubtotalRow {
    const from = this.sectionStart;
    this.sectionStart = this.lines.length;
    return { ...row, from, to: this.lines.length };
  }

  /**
   * Whether the row is no line of costs, and is read as what it is: a part of the line above,
   * income or money carried over.
   */
  private notACost(label: string, categoryText: string): boolean {
    const { t } = this;
    // "varav sociala avgifter": a part of the line above, not a line of its own (written in the
    // category column too, with no label).
    if (OF_WHICH.test(label)) return true;
    if (label.trim() === "" && OF_WHICH.test(categoryText)) return true;
    // "Intäkter" alone heads a section of income; "Intäkt" beside a line marks that row.
    if (categoryText !== "" && cachedIsIncome(categoryText)) {
      this.openIncome(
        categoryText,
        t.category,
        label !== "" || this.hasFigures(),
      );
      return true;
    }
    const worded = wordedRow(label);
    // "Intäkter: deltagaravgifter" with an amount: income named in the label, as the seed's report
    // names a line's category there (without an amount, a note).
    if (worded === "income" && this.hasFigures()) {
      this.openIncome(label.trim(), t.label, true);
      return true;
    }
    if (worded === "carry") {
      this.notCounted(label, "CARRY_OVER_NOT_READ");
      return true;
    }
    // "Överskott att återbetala" with the surplus as its actual: the result, not a cost.
    if (worded === "result") {
      this.notCounted(label, "RESULT_ROW_NOT_READ");
      return true;
    }
    return false;
  }

  private readLine(): void {
    const { t, row, r } = this;
    const label = readText(row[t.label]);
    const categoryText = t.category < 0 ? "" : readText(row[t.category]);
    // A line of the template whose post the partner emptied (the category's list cell may keep
    // "Lön"): it was "a line without a name" and "0 % must be above 0" in a locked cell.
    if (!label && onlyBlankFormulas(row, t.category)) return;
    if (this.notACost(label, categoryText)) return;
    const budget = this.money(t.budget, "budget", t.budgetUnit);
    const actual = this.money(t.actual, "actual", t.actualUnit);
    const variance = this.money(t.variance, "variance", t.varianceUnit, true);
    const monthlyCost = this.money(
      t.monthlyCost,
      "monthlyCost",
      t.monthlyCostUnit,
      false,
      true,
    );
    const named = namedCategory(categoryText, label);
    const rate = this.overheadRate(named);
    const percent =
      t.servicePercent < 0 || rate !== undefined
        ? null
        : this.value(readPercent(row, this.sheet, r, t), "servicePercent");
    const months = t.months < 0 ? null : this.months(row[t.months]);
    if (percent !== null && monthlyCost !== null) this.costOfPost(monthlyCost);
    const salary = percent !== null || months !== null || monthlyCost !== null;
    // A formula in a figure column, even one that shows nothing, makes a line, not a heading: so
    // a line whose text compute replaced by its own formula is one on the next run too.
    const amounts =
      salary ||
      budget !== null ||
      actual !== null ||
      this.unreadable.length > 0 ||
      this.hasFigureFormula();
    if (!amounts) {
      if (!categoryText && this.heading(label, t.label, false)) return;
      if (
        !label &&
        categoryText &&
        this.heading(categoryText, t.category, true)
      )
        return;
    }
    if (!label)
      this.findings.push(
        finding("LINE_WITHOUT_LABEL", this.sheet, a1(r, t.label)),
      );
    const category: Category =
      named ?? this.section ?? (salary ? "salary" : "other");
    const shownLabel = label || categoryText || `Rad ${r + 1}`;
    this.duplicate(category, shownLabel);
    const line: Writable<LineInput> = {
      row: r + 1,
      category,
      label: shownLabel,
      servicePercentMicro: percent,
      monthsMicro: months,
      monthlyCost,
      budget,
      actual,
      variance,
      // Sized to what it holds: a list pushed from empty holds room for 17 (107 MB at 490 000
      // lines with a cell each that does not read).
      unreadable:
        this.unreadable === NONE_UNREADABLE
          ? this.unreadable
          : this.unreadable.slice(),
      formulas: this.formulas(),
    };
    // A comment is set on the line as made: a copy of it with one more field (a spread) took some
    // 460 bytes a line more (96 MB at 100 000 commented lines).
    const comment =
      (t.comment < 0 ? null : this.comment(row[t.comment], t.comment)) ??
      (t.status < 0 ? null : this.comment(row[t.status], t.status, true));
    if (comment !== null) line.comment = comment;
    const typed = row[t.label];
    if (label && typed?.t === "s" && typed.v !== label)
      line.labelAsTyped = typed.v;
    // A dash for the actual, or an OH line's rate, is rare: the other lines keep one shape, built
    // without a spread.
    this.lines.push(
      actual === null && t.actual >= 0 && isDashCell(row[t.actual])
        ? { ...line, actualDashed: true }
        : rate !== null && rate !== undefined
          ? { ...line, overheadRatePpm: rate }
          : line,
    );
  }

  /**
   * The line's comment (a message quotes its beginning), with its cell; a formula's text
   * ("Förklaring krävs" where the line is over) is the sheet's, not the partner's. In the status
   * column (`status`), only a sentence typed over the template's "Överskriden": an explanation a
   * column off; a status of a word or two ("OK", "Inom budget") is none.
   */
  private comment(
    cell: Cell | undefined,
    col: number,
    status = false,
  ): NonNullable<LineInput["comment"]> | null {
    if (cell?.t !== "s" || cell.f) return null;
    const text = cell.v.trim();
    // Three words or more (split, linear in a long text, where a pattern of words backtracks).
    if (text === "" || (status && text.split(/\s+/u, 3).length < 3))
      return null;
    return { text, cell: a1(this.r, col) };
  }

  /**
   * The OH-sats typed in an OH line's % column ("10 %", 0,1, 10), with no months or monthly cost
   * beside it: a rate, not a service percentage ("läses som 0,1 %. Menade du 10 %?"). Undefined
   * on any other row; null where the cell is empty or no rate (a finding).
   */
  private overheadRate(named: Category | null): number | null | undefined {
    const { t, row, r } = this;
    if (
      t.servicePercent < 0 ||
      (named ?? this.section) !== "overhead" ||
      (t.months >= 0 && !isEmptyCell(row[t.months])) ||
      (t.monthlyCost >= 0 && !isEmptyCell(row[t.monthlyCost]))
    )
      return undefined;
    return this.value(
      readFraction(
        row[t.servicePercent],
        this.sheet,
        a1(r, t.servicePercent),
        "INVALID_OVERHEAD_RATE",
      ),
      "servicePercent",
    );
  }

  /**
   * A row with only a label is a heading ("Lönekostnader", which sets the category of the lines
   * below it, or "Intäkter", whose rows are no lines) or a note, except an overhead line waiting
   * for its computed amount. So is a row with only a category ("OH" above "OH-kostnader").
   */
  private heading(text: string, col: number, category: boolean): boolean {
    if (isIncomeHeading(text)) {
      this.openIncome(text, col, false);
      return true;
    }
    const heading = categoryFromLabel(text);
    if (heading === "overhead" && !category) return false;
    if (heading) this.section = heading;
    return true;
  }

  private duplicate(category: Category, label: string): void {
    // A map per category: no key string is joined per line. By the key lines are matched by
    // across half-years and versions (normalizeKey): "Lokalhyra:" is the post "Lokalhyra".
    let seen = this.seen.get(category);
    if (!seen)
      this.seen.set(
        category,
        (seen = new Map<string, { row: number; label: string }>()),
      );
    const key = normalizeKey(label);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, { row: this.r + 1, label });
    else
      this.findings.push(
        finding("DUPLICATE_LINE", this.sheet, a1(this.r, this.t.label), {
          label,
          firstRow: first.row,
          firstLabel: first.label,
        }),
      );
  }

  /** The formulas in the table's columns of this row (most rows have none: one shared object). */
  private formulas(): Readonly<Partial<Record<ColumnKey, string>>> {
    const { formulaCols, formulaKeys } = this.t;
    let formulas = NO_FORMULAS as Partial<Record<ColumnKey, string>>;
    for (let i = 0; i < formulaCols.length; i++) {
      const cell = this.row[formulaCols[i]!];
      // A table's "[@Budget]" as the A1 reference it is: the forms below are A1's.
      const f = cell?.a1 ?? cell?.f;
      if (f) {
        if (formulas === NO_FORMULAS) formulas = {};
        formulas[formulaKeys[i]!] = f;
      }
    }
    return formulas;
  }

  private money(
    c: number,
    k: ColumnKey,
    unit: number,
    allowNegative = false,
    perMonth = false,
  ): Ore | null {
    if (c < 0) return null;
    const cell = this.row[c];
    const amount = this.value(
      lineMoney(
        perMonth ? monthlyAmount(cell) : cell,
        this.sheet,
        this.r,
        c,
        unit,
        allowNegative,
      ),
      k,
    );
    if (amount !== null && unit !== 1) {
      this.scaledRead.add(k);
      // Kronor typed under "Budget (tkr)": 100 000 is 100 million kronor, only informed of.
      if (
        !perMonth &&
        Math.abs(amount) >= UNLIKELY_SCALED_ORE &&
        !this.unlikelyScaled.has(k)
      ) {
        this.unlikelyScaled.add(k);
        this.findings.push(
          finding("AMOUNT_IN_UNIT_UNLIKELY", this.sheet, a1(this.r, c), {
            text: readText(cell),
            unit: UNIT_NAMES[unit]?.short ?? `× ${unit}`,
            amountOre: amount,
          }),
        );
      }
    }
    return amount;
  }

  /**
   * A post's monthly cost at full time outside what a post costs, with the contributions: tkr
   * typed in kronor (45), an hourly or an annual cost. Read as it stands, and said.
   */
  private costOfPost(cost: Ore): void {
    if (cost >= MIN_POST_COST && cost <= MAX_POST_COST) return;
    this.findings.push(
      finding(
        "MONTHLY_COST_RANGE",
        this.sheet,
        a1(this.r, this.t.monthlyCost),
        {
          amountOre: cost,
        },
      ),
    );
  }

  /** A line's months; a range ("jul–dec") is kept, for its half to be checked against the sheet's. */
  private months(cell: Cell | undefined): number | null {
    const { r, t } = this;
    const half = cell?.t === "s" ? halfOfMonths(cell.v) : null;
    if (half !== null)
      this.monthRanges.push({
        cell: a1(r, t.months),
        text: readText(cell),
        half,
      });
    return this.value(readMonths(cell, this.sheet, r, t.months), "months");
  }

  private value<T>(read: CellRead<T>, k: ColumnKey): T | null {
    if (read.finding) this.findings.push(read.finding);
    if (read.failed) {
      if (this.unreadable === NONE_UNREADABLE) this.unreadable = [];
      this.unreadable.push(k);
    }
    return read.value;
  }
}

function lineMoney(
  cell: Cell | undefined,
  sheet: string,
  r: number,
  c: number,
  unit: number,
  allowNegative: boolean,
): CellRead<Ore> {
  if (cell === undefined) return EMPTY_READ;
  // Plain numbers, the common case, need no address unless they are negative.
  if (
    cell.t === "n" &&
    cell.v >= 0 &&
    (cell.fmt === undefined ||
      (cell.fmt.indexOf("%") < 0 && !isDateFormat(cell.fmt))) &&
    // A reference to another workbook is said (readMoney): a bracket is rare in a line's formula.
    !cell.f?.includes("[")
  ) {
    const amount = cell.v * amountFactor(cell.fmt, unit);
    if (amount <= MAX_AMOUNT_KRONOR) return readValue(kronor(amount));
  }
  const address = a1(r, c);
  const read = readMoney(cell, sheet, address, unit);
  if (read.failed) return read;
  const value = read.value;
  return readValue(
    value,
    value !== null && value < 0 && !allowNegative
      ? finding("NEGATIVE_AMOUNT", sheet, address, { amountOre: value })
      : read.finding,
  );
}

/** A number cell of a line; a failure is a finding at the cell and makes the column unreadable. */
function readLineNumber(
  cell: Cell | undefined,
  sheet: string,
  r: number,
  c: number,
  expected: Expected,
): CellRead<{ value: ParsedNumber; address: string }> {
  if (cell === undefined) return EMPTY_READ;
  const address = a1(r, c);
  const n = readNumber(cell);
  if (!n.ok)
    return readFailed(failureFinding(n.failure, sheet, address, expected));
  return n.value ? readValue({ value: n.value, address }) : EMPTY_READ;
}

/** A line's service percentage, in percent points, from its row. */
function readPercent(
  row: ReadonlyArray<Cell | undefined>,
  sheet: string,
  r: number,
  t: TableLayout,
): CellRead<number> {
  const c = t.servicePercent;
  const unit = t.servicePercentUnit;
  const cell = row[c];
  // "heltid", "halvtid": 100 and 50 percent points.
  const word = cell?.t === "s" ? serviceWord(cell.v) : null;
  const read =
    word === null
      ? readLineNumber(cell, sheet, r, c, "percent")
      : readValue({
          value: { value: word, percent: false },
          address: a1(r, c),
        });
  if (!read.value) return read.finding ? readFailed(read.finding) : EMPTY_READ;
  const { value: n, address } = read.value;
  // A percent cell holds a fraction (2.75 shows as 275 %); a plain number is percent points, or
  // full-time posts under "Antal tjänster" (2.75 is 275 %).
  const points = n.percent
    ? n.value * 100
    : word === null
      ? n.value * unit
      : n.value;
  const micro = Math.round(points * 1_000_000);
  if (!(points <= 100_000))
    return readFailed(
      finding("AMOUNT_OUT_OF_RANGE", sheet, address, { text: readText(cell) }),
    );
  if (micro <= 0)
    return readFailed(
      finding("PERCENT_NOT_POSITIVE", sheet, address, {
        percent: micro / 1_000_000,
      }),
    );
  return readValue(
    micro,
    unit === 1 ? suspectPercent(n, micro, sheet, address) : null,
  );
}

/** A full-time post's monthly cost with the contributions: 15 000 kr to 160 000 kr (öre). */
const MIN_POST_COST = 1_500_000;
const MAX_POST_COST = 16_000_000;

/** Below this a service percentage is no post (2,75 % is about an hour a week): 2,75 posts were meant. */
const LOW_PERCENT_MICRO = 5_000_000;

/**
 * Above this a line's service percentage is more full-time posts than a line of a partnership
 * holds (the seed's largest is 275 %): 50 typed or pasted into a percent cell is 5 000 % to Excel,
 * and was a budget of 33 254 400 kr for a post of 50 % without a word.
 */
const HIGH_PERCENT_MICRO = 1_000_000_000;

/**
 * A service percentage that was probably meant as posts: a plain 0,5 (50 %?), or under 5 % in
 * any form ("2,75" typed into a percent cell, which Excel makes 2,75 %: 275 %?); or one of more
 * than ten posts (5 000 %: 50 %?).
 */
function suspectPercent(
  n: { readonly percent: boolean },
  micro: number,
  sheet: string,
  address: string,
): Finding | null {
  if (micro > HIGH_PERCENT_MICRO)
    return finding("SERVICE_PERCENT_HIGH", sheet, address, {
      percent: micro / 1_000_000,
      posts: micro / 100_000_000,
    });
  if (micro >= LOW_PERCENT_MICRO) return null;
  const params = { percent: micro / 1_000_000, asPercent: micro / 10_000 };
  return !n.percent && micro < 1_000_000
    ? finding("PERCENT_FRACTION_SUSPECT", sheet, address, params)
    : finding("SERVICE_PERCENT_LOW", sheet, address, params);
}

function readMonths(
  cell: Cell | undefined,
  sheet: string,
  r: number,
  c: number,
): CellRead<number> {
  // "jul–dec" and "hela halvåret" are the months they name.
  const named = cell?.t === "s" ? monthsOfText(cell.v) : null;
  if (named !== null) return readValue(named * 1_000_000);
  // "6 mån" reads as 6.
  const plain =
    cell?.t === "s"
      ? { ...cell, v: withoutMonthWord(withoutUnseen(cell.v)) }
      : cell;
  const read = readLineNumber(plain, sheet, r, c, "months");
  if (!read.value) return read.finding ? readFailed(read.finding) : EMPTY_READ;
  const micro = Math.round(read.value.value.value * 1_000_000);
  if (read.value.value.percent || micro <= 0 || micro > 6_000_000)
    return readFailed(
      finding("MONTHS_OUT_OF_RANGE", sheet, read.value.address, {
        months: read.value.value.value,
      }),
    );
  return readValue(micro);
}
