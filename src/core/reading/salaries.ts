// The sheet `Lönekalkyl` (SPEC §4.19): one row per person, read into the model with findings at
// their cells. Its costs are computed per half-year by payroll.ts and become the lines' budgets.

import {
  type CellRead,
  EMPTY_READ,
  failureFinding,
  monthlyAmount,
  numberAt,
  readFailed,
  readFraction,
  readMoney,
  readValue,
  take,
  unitFinding,
} from "./cells";
import {
  type IsoDate,
  daysInMonth,
  isDateFormat,
  isoFromParts,
  serialToIso,
} from "./dates";
import { type Finding, finding } from "../findings/findings";
import {
  COLUMN_HEADERS,
  type Category,
  columnOfHeader,
  compactKey,
  isSubtotalLabel,
  isTotalLabel,
  namesServiceByPercentSign,
  postOfLabel,
} from "./glossary";
import {
  type Cell,
  type Grid,
  a1,
  isEmptyCell,
  onlyBlankFormulas,
  shownFirst,
} from "./grid";
import {
  type Agreement,
  SALARY_SHEET,
  type SalaryColumn,
  type SalarySheet,
} from "../model";
import { type Ore, kronor } from "../figures/money";
import { CONTRIBUTIONS, PERSON_INPUTS, type Person } from "../figures/payroll";
import {
  headerUnit,
  normalizeKey,
  parseDateText,
  readDate,
  readText,
  serviceWord,
} from "./values";
import { append } from "../lists";
import { sumIfCounts } from "../modelling/recalc";

export function isSalarySheetName(name: string): boolean {
  return compactKey(name) === compactKey(SALARY_SHEET);
}

/** The headers of `Lönekalkyl`, as the template writes them first. */
export const SALARY_HEADERS: Readonly<Record<SalaryColumn, readonly string[]>> =
  {
    post: ["Post", "Tjänst", "Budgetpost"],
    name: ["Namn", "Person", "Befattning"],
    birthYear: [
      "Födelseår",
      "Födelseår ÅÅÅÅ",
      "Född",
      "Född år",
      "År född",
      "Födelsedatum",
      "Personnummer",
    ],
    salary: [
      "Månadslön",
      "Månadslön heltid",
      "Månadslön vid heltid",
      "Månadslön 100 %",
      "Lön per månad",
      "Lön per mån",
      "Lön/mån",
      "Lön/månad",
      "Lön kr/mån",
      "Månadslön kr",
      "Bruttolön",
      "Bruttolön/mån",
      "Bruttolön per månad",
      "Månadslön brutto",
      "Lön",
      "Lön heltid",
      "Lön vid heltid",
      "Heltidslön",
      "Grundlön",
    ],
    // As a half-year's table names the service percentage ("Omfattning", "Andel av heltid").
    grade: COLUMN_HEADERS.servicePercent,
    from: [
      "Från",
      "Från och med",
      "Fr.o.m.",
      "Anställd från",
      "Startdatum",
      "Anställningsstart",
    ],
    to: [
      "Till",
      "Till och med",
      "T.o.m.",
      "Anställd till",
      "Slutdatum",
      "Anställningsslut",
    ],
    surcharge: ["Pålägg", "PO-pålägg"],
  };
const LOOKUP = new Map<string, SalaryColumn>();
for (const [k, words] of Object.entries(SALARY_HEADERS) as [
  SalaryColumn,
  readonly string[],
][])
  for (const w of words) LOOKUP.set(compactKey(w), k);

/** A header's column of `Lönekalkyl`: "Tjänst %" is the grade, "Tjänst" the post. */
function salaryColumnOf(text: string): SalaryColumn | undefined {
  return namesServiceByPercentSign(text)
    ? "grade"
    : LOOKUP.get(compactKey(text));
}

const REQUIRED: readonly ["birthYear" | "salary" | "grade", string, string][] =
  [
    ["birthYear", "födelseår", "birth year"],
    ["salary", "månadslön", "monthly salary"],
    ["grade", "tjänstgöringsgrad", "service percentage"],
  ];

/**
 * A row of `Lönekalkyl`'s headers (Post, Födelseår, Månadslön), wherever the sheet is: one named
 * otherwise ("Lönekalkyl (2)", as Excel names a copy, "Lönebudget") is found by it.
 */
export function isSalaryHeaderRow(
  cells: ReadonlyArray<Cell | undefined>,
): boolean {
  const found = new Set<SalaryColumn>();
  for (const cell of cells)
    if (cell?.t === "s" && cell.v.length <= 60) {
      const k = salaryColumnOf(cell.v);
      if (k) found.add(k);
    }
  return found.has("post") && found.has("salary") && found.has("birthYear");
}

/** The sheet and what reading it found; no sheet when it has no header row. */
export interface SalarySheetRead {
  readonly salaries: SalarySheet | null;
  readonly findings: readonly Finding[];
}

/** Reads the persons; never throws on content. */
export function readSalarySheet(
  grid: Grid,
  agreement: Agreement,
  /** Whether a half-year has a line of this Post (a row of only a Post no line has is a heading). */
  isLinePost: (post: string) => boolean,
  /**
   * Whether a salary line of the half-years reports an actual: then a column of persons' actual
   * costs is a specification beside it, nothing to say.
   */
  linesReportActuals: boolean,
): SalarySheetRead {
  const header = salaryHeader(grid);
  if (!header) return { salaries: null, findings: salaryHeaderMissing(grid) };
  const findings: Finding[] = hiddenBesideShown(grid, header);
  const persons: Person[] = [];
  const unread = unreadColumns(
    grid.rows[header.row] ?? [],
    header.columns,
  ).filter((u) => !(linesReportActuals && u.kind === "actual"));
  const used = new Set<number>();
  const costColumns = costColumnsOf(grid.rows[header.row] ?? []);
  const personRows: ReadonlyArray<Cell | undefined>[] = [];
  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (!row || noPerson(row, header.columns, isLinePost)) continue;
    const person = readPerson(row, r, grid.name, header, agreement);
    if (!person) {
      const missing = postMissing(row, r, grid.name, header);
      if (missing) findings.push(missing);
      continue;
    }
    append(findings, person.findings);
    persons.push(withCosts(person.person, row, costColumns));
    personRows.push(row);
    for (const u of unread)
      if (!isEmptyCell(row[u.col])) {
        used.add(u.col);
        if (u.kind === "months") {
          const f = monthsNotRead(person.person, row[u.col], agreement, {
            sheet: grid.name,
            address: a1(r, u.col),
          });
          if (f) findings.push(f);
        }
      }
  }
  append(findings, unreadColumnFindings(unread, used, grid, header));
  append(findings, hiddenPersonColumns(grid, header, personRows));
  append(findings, personsTwice(persons, agreement, grid.name, header));
  if (
    persons.length > 0 &&
    agreement.surchargePpm === null &&
    !persons.every((p) => p.surchargePpm !== null)
  )
    findings.push(
      finding(
        "SURCHARGE_MISSING",
        agreement.sheet,
        agreement.cells.surcharge ?? null,
        { salarySheet: grid.name },
      ),
    );
  const { row, columns, salaryUnit } = header;
  if (salaryUnit !== 1)
    findings.unshift(
      unitFinding(
        grid.name,
        a1(row, columns.salary!),
        `"${readText(grid.rows[row]?.[columns.salary!])}"`,
        salaryUnit,
      ),
    );
  return {
    salaries: {
      sheet: grid.name,
      headerRow: row + 1,
      columns,
      ...(salaryUnit !== 1 ? { salaryUnit } : {}),
      persons,
    },
    findings,
  };
}

/** The header of the add-in's cost column of a half-year in `Lönekalkyl`: compute writes it. */
export function costHeader(halfYear: string): string {
  return `Kostnad ${halfYear}`;
}

/** The add-in's cost columns (costHeader's), by the half-year each is of. */
function costColumnsOf(
  header: ReadonlyArray<Cell | undefined>,
): { col: number; id: string }[] {
  const out: { col: number; id: string }[] = [];
  const prefix = costHeader("");
  header.forEach((cell, col) => {
    const text = readText(cell).trim();
    const id = text.slice(prefix.length);
    if (text.startsWith(prefix) && /^\d{4}-H[12]$/.test(id))
      out.push({ col, id });
  });
  return out;
}

/** The person with what the row's cost cells hold (none on a sheet without them). */
function withCosts(
  person: Person,
  row: ReadonlyArray<Cell | undefined>,
  costColumns: readonly { col: number; id: string }[],
): Person {
  if (costColumns.length === 0) return person;
  const costCells: Record<string, Ore | null> = {};
  for (const { col, id } of costColumns) {
    const cell = row[col];
    if (isEmptyCell(cell)) costCells[id] = null;
    else if (cell?.t === "n") costCells[id] = kronor(cell.v);
  }
  return { ...person, costCells };
}

/** A row that is no person: nothing typed, or the headers or a heading over a block of them. */
function noPerson(
  row: ReadonlyArray<Cell | undefined>,
  columns: Columns,
  isLinePost: (post: string) => boolean,
): boolean {
  return (
    // Empty, or a prepared row of the template (its cost formulas showing 0, or saved without a
    // value).
    row.every((c) => isEmptyCell(c)) ||
    onlyBlankFormulas(row, -1, true) ||
    // The headers again over a second block ("Nyanställningar 2026"), or its heading alone (each
    // was a person of the Post "Post", its values no numbers).
    isHeaderAgain(row, columns) ||
    isHeading(row, columns, isLinePost)
  );
}

/** The header row again: its Post and Månadslön cells headed as they are (two looks, not a row's). */
function isHeaderAgain(
  row: ReadonlyArray<Cell | undefined>,
  columns: Columns,
): boolean {
  const headed = (k: SalaryColumn) => {
    const cell = row[columns[k] ?? -1];
    return (
      cell?.t === "s" && cell.v.length <= 60 && salaryColumnOf(cell.v) === k
    );
  };
  return headed("post") && headed("salary");
}

/**
 * A row whose only value is its Post, and no line has that Post: a heading ("Nyanställningar 2026")
 * or a note ("Obs: lönerna räknas upp 3 % 2026"), not a person without values (an error each).
 */
function isHeading(
  row: ReadonlyArray<Cell | undefined>,
  columns: Columns,
  isLinePost: (post: string) => boolean,
): boolean {
  const post = columns.post;
  return (
    post !== undefined &&
    row.every((c, i) => i === post || isEmptyCell(c)) &&
    !isLinePost(readText(row[post]).trim())
  );
}

/** The unread columns a person has a value in, each said once at its header (months are said per person). */
function unreadColumnFindings(
  unread: readonly UnreadColumn[],
  used: ReadonlySet<number>,
  grid: Grid,
  header: { readonly row: number; readonly columns: Columns },
): Finding[] {
  return unread.flatMap((u) => {
    if (u.kind === "months" || !used.has(u.col)) return [];
    const at = a1(header.row, u.col);
    return [
      u.kind === "actual"
        ? finding("SALARY_ACTUAL_NOT_READ", grid.name, at, {
            header: u.header,
            salarySheet: grid.name,
          })
        : finding("SALARY_COLUMN_NOT_READ", grid.name, at, {
            header: u.header,
            read: readText(grid.rows[header.row]?.[header.columns[u.read]!]),
          }),
    ];
  });
}

/**
 * A column not read that would change a figure if it were: months, a salary or grade from some
 * time (with the column read instead, whose header is named), or a person's actual cost.
 */
type UnreadColumn = { readonly col: number; readonly header: string } & (
  | { readonly kind: "months" }
  | { readonly kind: "actual" }
  | { readonly kind: "change"; readonly read: SalaryColumn }
);

/**
 * Columns of the header row that are not read and would change a cost if they were: a salary or
 * grade of a year or a new one ("Månadslön 2026", "Ny lön", "Tjänstgöringsgrad 2026"), beside the
 * one read; months ("Antal månader"), as the persons' dates give them.
 */
function unreadColumns(
  headers: ReadonlyArray<Cell | undefined>,
  columns: Columns,
): UnreadColumn[] {
  const read = new Set(Object.values(columns));
  const out: UnreadColumn[] = [];
  headers.forEach((cell, col) => {
    if (cell?.t !== "s" || read.has(col) || cell.v.length > 60) return;
    const header = cell.v.trim();
    if (MONTHS.has(compactKey(header))) {
      out.push({ col, header, kind: "months" });
      return;
    }
    if (columnOfHeader(header) === "actual") {
      out.push({ col, header, kind: "actual" });
      return;
    }
    const plain = header.replace(/\s+/g, " ");
    const stripped = plain.replace(CHANGE_WORDS, " ").replace(/\s+/g, " ");
    const k = salaryColumnOf(stripped.trim());
    if (
      (k === "salary" || k === "grade") &&
      columns[k] !== undefined &&
      stripped !== plain
    )
      out.push({ col, header, kind: "change", read: k });
  });
  return out;
}

const MONTHS = new Set(COLUMN_HEADERS.months.map(compactKey));

/** A year, a date or "ny" in a header: a salary or grade from some time, not the person's one. */
const CHANGE_WORDS =
  /(?:^|\s)(?:nya?|fr\.?o\.?m\.?|från|from)(?=\s|$)|\b(?:19|20)\d{2}(?:-\d{2}(?:-\d{2})?)?\b/giu;

/**
 * Months of pay inside the agreement that a person's dates give, a day's share of its month: in
 * all, and by calendar year and by half-year (keys "2026" and "2026-1").
 */
function monthsWorked(
  person: Person,
  agreement: Agreement,
): {
  readonly total: number;
  readonly parts: ReadonlyMap<string, number>;
} | null {
  // Within an agreement of at most ten years only: a crafted one, or a person's dates alone, may
  // span centuries (1900 to 9999).
  if (
    agreement.start === null ||
    agreement.end === null ||
    Number(agreement.end.slice(0, 4)) - Number(agreement.start.slice(0, 4)) >
      MAX_MONTHS / 12
  )
    return null;
  const start = laterDate(person.from, agreement.start);
  const end = earlierDate(person.to, agreement.end);
  if (start === null || end === null || start > end) return null;
  let total = 0;
  const parts = new Map<string, number>();
  const add = (k: string, n: number) => parts.set(k, (parts.get(k) ?? 0) + n);
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  for (let i = 0; i <= MAX_MONTHS + 12; i++) {
    const dim = daysInMonth(y, m);
    const first = isoFromParts(y, m, 1);
    const last = isoFromParts(y, m, dim);
    const a = start > first ? start : first;
    const b = end < last ? end : last;
    if (a <= b) {
      const share = (Number(b.slice(8)) - Number(a.slice(8)) + 1) / dim;
      total += share;
      add(String(y), share);
      add(`${y}-${m <= 6 ? 1 : 2}`, share);
    }
    if (last >= end) return { total, parts };
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return null;
}

const MAX_MONTHS = 120;

const laterDate = (a: IsoDate | null, b: IsoDate | null) =>
  a === null ? b : b === null || a > b ? a : b;
const earlierDate = (a: IsoDate | null, b: IsoDate | null) =>
  a === null ? b : b === null || a < b ? a : b;

/**
 * "Antal månader" typed for a person is not read: the cost counts the months Från and Till give
 * (empty: the whole agreement). A count a month or more from those months, and from theirs in
 * each year and half-year, is said (3 typed for a person costed all twelve months was silently four
 * times the cost).
 */
function monthsNotRead(
  person: Person,
  cell: Cell | undefined,
  agreement: Agreement,
  at: { readonly sheet: string; readonly address: string },
): Finding | null {
  const typed = cell?.t === "n" ? cell.v : null;
  const worked = monthsWorked(person, agreement);
  if (typed === null || worked === null) return null;
  const near = (n: number) => Math.abs(typed - n) < 1;
  // The whole agreement's months, or a year's or a half-year's ("12" a year of two).
  if (near(worked.total) || [...worked.parts.values()].some(near)) return null;
  return finding("SALARY_MONTHS_NOT_READ", at.sheet, at.address, {
    months: typed,
    worked: Math.round(worked.total * 10) / 10,
  });
}

/** More rows of one name than a person's changes of pay (a name for many: "Vakant"): not compared. */
const MAX_ROWS_OF_A_NAME = 50;

/**
 * One name on rows whose dates overlap, more than full time together: a row copied and not
 * renamed, or one person's pay as of a date without the dates that part the two rows. Said once
 * per name, at the name of the row where it passes 100 %. Rows of a name apart in time (a raise
 * from January) and one person on two posts within full time say nothing.
 */
function personsTwice(
  persons: readonly Person[],
  agreement: Agreement,
  sheet: string,
  header: { readonly columns: Partial<Record<SalaryColumn, number>> },
): Finding[] {
  const byName = new Map<string, Person[]>();
  for (const p of persons) {
    const key = normalizeKey(p.name);
    if (key === "" || p.gradeMicro === null) continue;
    const same = byName.get(key);
    if (same) same.push(p);
    else byName.set(key, [p]);
  }
  const start = (p: Person) => p.from ?? agreement.start ?? "0000-01-01";
  const end = (p: Person) => p.to ?? agreement.end ?? "9999-12-31";
  const findings: Finding[] = [];
  for (const rows of byName.values()) {
    if (rows.length < 2 || rows.length > MAX_ROWS_OF_A_NAME) continue;
    // The most worked at once is at one of the rows' starts.
    for (const p of rows) {
      const at = start(p);
      const together = rows.filter((q) => start(q) <= at && at <= end(q));
      const micro = together.reduce((sum, q) => sum + q.gradeMicro!, 0);
      if (micro <= 100_000_000) continue;
      const last = together[together.length - 1]!;
      findings.push(
        finding(
          "SALARY_PERSON_TWICE",
          sheet,
          a1(last.row - 1, header.columns.name ?? 0),
          {
            name: p.name,
            rows: together.map((q) => q.row).join(", "),
            percent: micro / 1_000_000,
          },
        ),
      );
      break;
    }
  }
  return findings;
}

/**
 * `Lönekalkyl` by its name, without a header row of Post and Månadslön: no person is read, and the
 * salary lines wait for a budget. Said once, with the headers of its first row of two or more
 * texts, so that the columns can be headed as they are read. An empty sheet says nothing.
 */
function salaryHeaderMissing(grid: Grid): Finding[] {
  for (let r = 0; r < Math.min(grid.rows.length, SALARY_HEADER_ROWS); r++) {
    const texts = (grid.rows[r] ?? [])
      .map((cell) => (cell?.t === "s" ? cell.v.trim() : ""))
      .filter((t) => t !== "");
    if (texts.length >= 2)
      return [
        finding("SALARY_HEADER_MISSING", grid.name, a1(r, 0), {
          headers: texts
            .slice(0, 6)
            .map((t) => `"${t}"`)
            .join(", "),
        }),
      ];
  }
  return [];
}

/** The rows of `Lönekalkyl` where its header row is looked for. */
const SALARY_HEADER_ROWS = 30;

type Columns = Partial<Record<SalaryColumn, number>>;

/**
 * The header row: the first of the top 30 with both Post and a monthly salary. Of two columns read
 * as the same, the first shown counts: an old one hidden beside it is not read (`hiddenNotRead`).
 */
function salaryHeader(grid: Grid): {
  row: number;
  columns: Columns;
  salaryUnit: number;
  /** The columns the sheet hides (none where the adapter cannot tell). */
  hidden: ReadonlySet<number>;
  hiddenNotRead: readonly { col: number; shown: number }[];
} | null {
  const hidden = new Set(grid.hiddenColumns);
  for (let r = 0; r < Math.min(grid.rows.length, SALARY_HEADER_ROWS); r++) {
    const found: Columns = {};
    const hiddenNotRead: { col: number; shown: number }[] = [];
    let salaryUnit = 1;
    shownFirst(grid.rows[r] ?? [], hidden, (cell, c) => {
      const k = cell?.t === "s" ? salaryColumnOf(cell.v) : undefined;
      if (!k) return;
      const shown = found[k];
      if (shown === undefined) {
        found[k] = c;
        // "Månadslön (tkr)": the salaries are in thousands.
        if (k === "salary" && cell?.t === "s") salaryUnit = headerUnit(cell.v);
      } else if (hidden.has(c) && !hidden.has(shown))
        hiddenNotRead.push({ col: c, shown });
    });
    if (found.post !== undefined && found.salary !== undefined)
      return { row: r, columns: found, salaryUnit, hidden, hiddenNotRead };
  }
  return null;
}

/**
 * The columns read that the sheet hides, where a person has a value in them: they cost, but a
 * reviewer looking at the sheet does not see them (HIDDEN_COLUMNS, as on a half-year's sheet).
 */
function hiddenPersonColumns(
  grid: Grid,
  header: {
    readonly row: number;
    readonly columns: Columns;
    readonly hidden: ReadonlySet<number>;
  },
  persons: readonly ReadonlyArray<Cell | undefined>[],
): Finding[] {
  const cols = TEXT_INPUTS.map((k) => header.columns[k]).filter(
    (c): c is number =>
      c !== undefined &&
      header.hidden.has(c) &&
      persons.some((row) => !isEmptyCell(row[c])),
  );
  return hiddenColumnsRead(grid.name, header.row, cols, (c) =>
    readText(grid.rows[header.row]?.[c]),
  );
}

/**
 * HIDDEN_COLUMNS for the columns read that a sheet hides (a half-year's, `Lönekalkyl`), once for
 * the sheet at the first of them; none where there are none.
 */
export function hiddenColumnsRead(
  sheet: string,
  headerRow: number,
  columns: readonly number[],
  text: (c: number) => string,
): Finding[] {
  if (columns.length === 0) return [];
  const cols = [...columns].sort((a, b) => a - b);
  return [
    finding("HIDDEN_COLUMNS", sheet, a1(headerRow, cols[0]!), {
      count: cols.length,
      headers: cols.map((c) => `"${text(c)}"`).join(", "),
    }),
  ];
}

/** The columns hidden beside shown ones of their kind, not read: said at their headers. */
function hiddenBesideShown(
  grid: Grid,
  header: {
    readonly row: number;
    readonly hiddenNotRead: readonly { col: number; shown: number }[];
  },
): Finding[] {
  const text = (c: number) => readText(grid.rows[header.row]?.[c]);
  return header.hiddenNotRead.map((h) =>
    hiddenColumnNotRead(grid.name, header.row, h, text),
  );
}

/** A hidden column not read beside the shown one of its kind, said at its header. */
export function hiddenColumnNotRead(
  sheet: string,
  headerRow: number,
  { col, shown }: { readonly col: number; readonly shown: number },
  text: (c: number) => string,
): Finding {
  return finding("HIDDEN_COLUMN_NOT_READ", sheet, a1(headerRow, col), {
    header: text(col),
    shown: text(shown),
    shownCell: a1(headerRow, shown),
  });
}

/**
 * A row with a salary but no Post: a person whose cost no line can take (a row without a Post is
 * no person, and was passed over without a word, its cost left out of the budget).
 */
function postMissing(
  row: ReadonlyArray<Cell | undefined>,
  r: number,
  sheet: string,
  header: { readonly columns: Columns; readonly salaryUnit: number },
): Finding | null {
  const { post, name, salary } = header.columns;
  if (post === undefined || salary === undefined) return null;
  if (readText(row[post]).trim() !== "") return null;
  const label = readText(name === undefined ? undefined : row[name]).trim();
  if (isTotalLabel(label) || isSubtotalLabel(label)) return null;
  const pay = readMoney(
    monthlyAmount(row[salary]),
    sheet,
    a1(r, salary),
    1,
  ).value;
  if (pay === null || pay <= 0) return null;
  return finding("SALARY_POST_MISSING", sheet, a1(r, post), {
    name: label || `rad ${r + 1}`,
  });
}

/**
 * One person's row; null for a note, a heading or a total (only a row with a Post is a person, and
 * "Summa" under the persons sums them: read as one, it was a post unknown with its values missing).
 */
function readPerson(
  row: ReadonlyArray<Cell | undefined>,
  r: number,
  sheet: string,
  header: { readonly columns: Columns; readonly salaryUnit: number },
  agreement: Agreement,
): { person: Person; findings: Finding[] } | null {
  const { columns } = header;
  const cell = (k: SalaryColumn) =>
    columns[k] === undefined ? undefined : row[columns[k]];
  const at = (k: SalaryColumn) => a1(r, columns[k] ?? 0);
  const post = readText(cell("post")).trim();
  const name = readText(cell("name")).trim();
  if (!post || isTotalLabel(post) || isSubtotalLabel(post)) return null;
  const findings: Finding[] = [];
  const birthYear = take(
    readBirthYear(cell("birthYear"), sheet, at("birthYear")),
    findings,
  );
  const salary = take(
    readSalary(cell("salary"), sheet, at("salary"), header.salaryUnit),
    findings,
  );
  const gradeMicro = take(
    readGrade(cell("grade"), sheet, at("grade")),
    findings,
  );
  const date = (k: "from" | "to", anchor: "first" | "last") =>
    take(readPersonDate(cell(k), anchor, sheet, at(k), agreement), findings);
  const from = date("from", "first");
  const to = date("to", "last");
  const reversed = from !== null && to !== null && from > to;
  if (reversed)
    findings.push(
      finding("SALARY_DATES_REVERSED", sheet, at("from"), { from, to }),
    );
  const surchargePpm = take(
    readFraction(cell("surcharge"), sheet, at("surcharge")),
    findings,
  );
  const read = { birthYear, salary, grade: gradeMicro };
  textInputs(
    { birthYear, salary, grade: gradeMicro, from, to, surcharge: surchargePpm },
    { cell, at, sheet },
    findings,
  );
  const missing = REQUIRED.filter(
    ([k]) => read[k] === null && isEmptyCell(cell(k)),
  );
  // Only the birth year left empty, in its column: a post to fill ("Vakant"), costed at the
  // general rate (it was an error, and the post's cost was left out until a year was made up).
  const open =
    missing.length === 1 &&
    missing[0]![0] === "birthYear" &&
    columns.birthYear !== undefined;
  if (missing.length > 0)
    findings.push(
      missingFinding(missing, open, { name, row: r + 1 }, at, sheet),
    );
  const person: Person = {
    row: r + 1,
    post,
    name,
    birthYear,
    monthlySalary: salary,
    gradeMicro,
    // Kept as typed: no day lies between them, so the person costs 0 kr, as the cost formula gives.
    from,
    to,
    surchargePpm,
  };
  return { person: withRareParts(person, open, cell), findings };
}

/**
 * A post to fill, an input that is a formula, or a Post typed with spaces around it: rare, so the
 * other persons keep one shape, built without a spread.
 */
function withRareParts(
  person: Person,
  open: boolean,
  cell: (k: SalaryColumn) => Cell | undefined,
): Person {
  const formulas = PERSON_INPUTS.filter((k) => cell(k)?.f !== undefined);
  const typed = cell("post");
  const postAsTyped =
    typed?.t === "s" && typed.v !== person.post ? typed.v : null;
  if (!open && formulas.length === 0 && postAsTyped === null) return person;
  return {
    ...person,
    ...(open ? { birthYearOpen: true as const } : {}),
    ...(formulas.length > 0 ? { formulas } : {}),
    ...(postAsTyped !== null ? { postAsTyped } : {}),
  };
}

/** A person's values left empty: the birth year alone (`open`) is said, the others an error. */
function missingFinding(
  missing: typeof REQUIRED,
  open: boolean,
  person: { readonly name: string; readonly row: number },
  at: (k: SalaryColumn) => string,
  sheet: string,
): Finding {
  return open
    ? finding("SALARY_BIRTH_YEAR_OPEN", sheet, at("birthYear"), {
        ...person,
        percent: CONTRIBUTIONS.general / 10_000,
      })
    : finding("SALARY_VALUE_MISSING", sheet, at(missing[0]![0]), {
        ...person,
        missing: missing.map(([, sv]) => sv).join(", "),
        missingEn: missing.map(([, , en]) => en).join(", "),
      });
}

/** The cells a person's cost formula computes with. */
const TEXT_INPUTS = [
  "birthYear",
  "salary",
  "grade",
  "from",
  "to",
  "surcharge",
] as const;

/**
 * SALARY_VALUE_TEXT at each of a person's values read from text. The values come in an object
 * built without a spread: one per person was 16 MB more at 30 000 persons.
 */
function textInputs(
  values: Record<(typeof TEXT_INPUTS)[number], unknown>,
  row: {
    readonly cell: (k: SalaryColumn) => Cell | undefined;
    readonly at: (k: SalaryColumn) => string;
    readonly sheet: string;
  },
  findings: Finding[],
): void {
  for (const k of TEXT_INPUTS) {
    const c = row.cell(k);
    // Most persons have no text here: nothing is made for them.
    if (c?.t !== "s" || values[k] === null) continue;
    const address = row.at(k);
    if (isTextInput(c, address, findings))
      findings.push(
        finding("SALARY_VALUE_TEXT", row.sheet, address, {
          text: readText(c),
        }),
      );
  }
}

/**
 * A number or date typed as text ("34 000 kr", "75 %", "2025-09-15") that was read: the cost
 * formula cannot compute with it (a spreadsheet takes text as larger than any number, and
 * "34 000 kr" times a rate is #VALUE!), so compute writes that person's cost as a figure. The
 * words the sheet takes ("heltid") and a cell already said (a personal identity number) are not.
 */
function isTextInput(
  cell: Cell | undefined,
  address: string,
  findings: readonly Finding[],
): boolean {
  return (
    cell?.t === "s" &&
    serviceWord(cell.v) === null &&
    !findings.some((f) => f.cell === address)
  );
}

/**
 * A personal identity number, YYYYMMDD-XXXX or YYMMDD-XXXX ("+" past a hundred years): its year.
 * Born 2016 or later is no employee: a two-digit year up to 15 is 20YY.
 */
const PERSONAL_NUMBER = /^(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?\d{4}$/;

/**
 * The year of a birth date or personal identity number typed for a birth year: only the year is
 * needed, and the workbook goes to the city, so it is said (a personal identity number a warning).
 */
function yearOfBirthDate(
  cell: Cell | undefined,
  sheet: string,
  address: string,
): CellRead<number> | null {
  const iso =
    cell?.t === "n" && isDateFormat(cell.fmt) ? serialToIso(cell.v) : null;
  if (iso !== null) {
    const year = Number(iso.slice(0, 4));
    return readValue(
      year,
      finding("SALARY_BIRTH_DATE", sheet, address, { year }),
    );
  }
  if (cell?.t !== "s") return null;
  const text = cell.v.trim();
  const id = PERSONAL_NUMBER.exec(text);
  if (id) {
    const yy = Number(id[2]);
    const year = id[1]
      ? Number(id[1] + id[2])
      : yy <= 15
        ? 2000 + yy
        : 1900 + yy;
    return readValue(
      year,
      finding("SALARY_PERSONAL_NUMBER", sheet, address, { year }),
    );
  }
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDateText(text) : null;
  if (date === null) return null;
  const year = Number(date.slice(0, 4));
  return readValue(
    year,
    finding("SALARY_BIRTH_DATE", sheet, address, { year }),
  );
}

function readBirthYear(
  cell: Cell | undefined,
  sheet: string,
  address: string,
): CellRead<number> {
  const fromDate = yearOfBirthDate(cell, sheet, address);
  if (
    fromDate?.value != null &&
    fromDate.value >= 1930 &&
    fromDate.value <= 2015
  )
    return fromDate;
  const birth = numberAt(cell, sheet, address, "year");
  if (!birth.value)
    return birth.finding ? readFailed(birth.finding) : EMPTY_READ;
  const y = birth.value.value;
  return Number.isInteger(y) && y >= 1930 && y <= 2015 && !birth.value.percent
    ? readValue(y)
    : readFailed(
        finding("SALARY_BIRTH_YEAR", sheet, address, { text: readText(cell) }),
      );
}

/**
 * A monthly salary; one outside 15 000–120 000 kr is read, with a warning. None of 0 kr or less: a
 * negative salary lowered the line's budget, said to be "an annual or hourly wage".
 */
function readSalary(
  cell: Cell | undefined,
  sheet: string,
  address: string,
  unit: number,
): CellRead<Ore> {
  const salary = readMoney(monthlyAmount(cell), sheet, address, unit);
  const s = salary.value;
  if (s === null || (s >= 1_500_000 && s <= 12_000_000)) return salary;
  if (s <= 0)
    return readFailed(
      finding("SALARY_NOT_POSITIVE", sheet, address, { amountOre: s }),
    );
  return readValue(
    s,
    finding("SALARY_MONTHLY_RANGE", sheet, address, { amountOre: s }),
  );
}

/** "100 %", a percent cell (1), 0,75, 75 or "0,75 tjänst": percent points, unchecked. */
function gradePoints(
  cell: Cell | undefined,
  sheet: string,
  address: string,
): CellRead<number> {
  const word = cell?.t === "s" ? serviceWord(cell.v) : null;
  if (word !== null) return readValue(word);
  const n = numberAt(cell, sheet, address, "percent");
  if (!n.value) return n.finding ? readFailed(n.finding) : EMPTY_READ;
  const { value, percent } = n.value;
  return readValue(percent || value <= 1 ? value * 100 : value);
}

/** A person's grade, within full time: millionths of a percent point. */
function readGrade(
  cell: Cell | undefined,
  sheet: string,
  address: string,
): CellRead<number> {
  const read = gradePoints(cell, sheet, address);
  if (read.value === null) return read;
  const points = read.value;
  // Over full time is no grade of one person ("150 %" was said to be "not above 0").
  if (points > 100)
    return readFailed(
      finding("PERSON_PERCENT_ABOVE_FULL", sheet, address, {
        percent: points,
        salarySheet: sheet,
      }),
    );
  if (!(points > 0 && points <= 100))
    return readFailed(
      finding("PERCENT_NOT_POSITIVE", sheet, address, { percent: points }),
    );
  return readValue(Math.round(points * 1_000_000));
}

/** A date left open: "tills vidare", "t.v.", "löpande", a dash. */
const OPEN_DATE = /^(?:tills? ?vidare|t ?v|löpande|pågående|ingen|[-–—])$/;

/** Text that leaves a person's date open: "tills vidare", "t.v.", "löpande", a dash. */
export function isOpenDateText(text: string): boolean {
  return OPEN_DATE.test(normalizeKey(text) || text.trim());
}

function isOpenDate(cell: Cell): boolean {
  return cell.t === "s" && isOpenDateText(cell.v);
}

function readPersonDate(
  cell: Cell | undefined,
  anchor: "first" | "last",
  sheet: string,
  address: string,
  agreement: Agreement,
): CellRead<IsoDate> {
  // "tills vidare", a dash: no date, the whole agreement, as an empty cell.
  if (cell === undefined || isEmptyCell(cell) || isOpenDate(cell))
    return EMPTY_READ;
  const d = readDate(cell, anchor);
  if (!d.ok) return readFailed(failureFinding(d.failure, sheet, address));
  const date = d.value;
  const { start, end } = agreement;
  return readValue(
    date,
    date && start && end && (date < start || date > end)
      ? finding("SALARY_DATE_OUTSIDE_AGREEMENT", sheet, address, {
          date,
          start,
          end,
        })
      : null,
  );
}

type LineOfPost = { readonly category: Category; readonly label: string };

/**
 * The Posts (normalised) a line stands for: its label, and a salary line's label without its number
 * and category ("1.1 Lönekostnader: Hälsofrämjare" is the post "Hälsofrämjare"; compute then writes
 * the figure, as a SUMIF would not match). None for an overhead line.
 */
function postsOfLine(line: LineOfPost): readonly string[] {
  if (line.category === "overhead") return [];
  const own = normalizeKey(line.label);
  return line.category === "salary" ? [own, postOfLabel(line.label)] : [own];
}

/** The persons of a line: by the first of its Posts that has any. */
export function personsOfLine(
  line: LineOfPost,
  byPost: ReadonlyMap<string, readonly Person[]>,
): readonly Person[] | undefined {
  if (byPost.size === 0) return undefined;
  for (const post of postsOfLine(line)) {
    const persons = byPost.get(post);
    if (persons) return persons;
  }
  return undefined;
}

/**
 * A person by Post and name (normalised): how a version's, a what-if's or a stored scenario's
 * change finds them.
 */
export function personKey(post: string, name: string): string {
  return `${normalizeKey(post)}\u0000${normalizeKey(name)}`;
}

/**
 * Whether the line's SUMIF over `Lönekalkyl` (its label's cell the criterion) counts the person, as
 * Excel matches: the texts as the cells hold them, without regard to case. The engine matches more
 * (personsOfLine): "Hälsofrämjare " with a space after it, or the label "1.1 Hälsofrämjare".
 */
export function countedBySumIf(
  line: { readonly label: string; readonly labelAsTyped?: string },
  person: Person,
): boolean {
  const criterion = line.labelAsTyped ?? line.label;
  const post = person.postAsTyped ?? person.post;
  // The same text is a match whatever it holds ("2024", "<5", "*"); else as SUMIF reads it.
  return (
    criterion.toLowerCase() === post.toLowerCase() ||
    sumIfCounts(criterion, post)
  );
}

/** The Posts (normalised) the half-years' lines stand for, as personsOfLine matches them. */
export function linePosts(
  halfYears: readonly { readonly lines: readonly LineOfPost[] }[],
): Set<string> {
  const posts = new Set<string>();
  for (const h of halfYears)
    for (const line of h.lines)
      for (const post of postsOfLine(line)) posts.add(post);
  return posts;
}

/** The persons by the line they belong to (normalised Post). */
export function personsByPost(
  salaries: SalarySheet | null | undefined,
): Map<string, Person[]> {
  const map = new Map<string, Person[]>();
  for (const p of salaries?.persons ?? []) {
    const k = normalizeKey(p.post);
    const list = map.get(k);
    if (list) list.push(p);
    else map.set(k, [p]);
  }
  return map;
}
