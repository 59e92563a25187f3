// The sheet `Lönekalkyl` (SPEC §4.19): one row per person, read into the model with findings at
// their cells. Its costs are computed per half-year by payroll.ts and become the lines' budgets.

import { numberAt, pushFailure, readFraction, readMoney } from "./cells";
import type { IsoDate } from "./dates";
import { type Finding, finding } from "./findings";
import { compactKey } from "./glossary";
import { type Cell, type Grid, a1, isEmptyCell } from "./grid";
import type { Agreement, SalaryColumn, SalarySheet } from "./model";
import type { Person } from "./payroll";
import { normalizeKey, readDate, readText } from "./values";

export const SALARY_SHEET = "Lönekalkyl";

export function isSalarySheetName(name: string): boolean {
  return compactKey(name) === compactKey(SALARY_SHEET);
}

/** The headers of `Lönekalkyl`, as the template writes them first. */
export const SALARY_HEADERS: Readonly<Record<SalaryColumn, readonly string[]>> =
  {
    post: ["Post"],
    name: ["Namn", "Person", "Befattning"],
    birthYear: ["Födelseår", "Född"],
    salary: ["Månadslön", "Månadslön heltid", "Lön per månad"],
    grade: ["Tjänstgöringsgrad", "Sysselsättningsgrad", "Andel av tjänst"],
    from: ["Från", "Från och med", "Anställd från"],
    to: ["Till", "Till och med", "Anställd till"],
    surcharge: ["Pålägg", "PO-pålägg"],
  };
const LOOKUP = new Map<string, SalaryColumn>();
for (const [k, words] of Object.entries(SALARY_HEADERS) as [
  SalaryColumn,
  readonly string[],
][])
  for (const w of words) LOOKUP.set(compactKey(w), k);

const REQUIRED: readonly [SalaryColumn, string, string][] = [
  ["birthYear", "födelseår", "birth year"],
  ["salary", "månadslön", "monthly salary"],
  ["grade", "tjänstgöringsgrad", "service percentage"],
];

/** Reads the persons; never throws on content. Null when the sheet has no header row. */
// eslint-disable-next-line max-lines-per-function -- longer than the core allows (80 lines): to be split
export function readSalarySheet(
  grid: Grid,
  agreement: Agreement,
  findings: Finding[],
): SalarySheet | null {
  const sheet = grid.name;
  let header = -1;
  const columns: Partial<Record<SalaryColumn, number>> = {};
  for (let r = 0; r < Math.min(grid.rows.length, 30) && header < 0; r++) {
    const found: Partial<Record<SalaryColumn, number>> = {};
    grid.rows[r]?.forEach((cell, c) => {
      const k = cell?.t === "s" ? LOOKUP.get(compactKey(cell.v)) : undefined;
      if (k && found[k] === undefined) found[k] = c;
    });
    if (found.post !== undefined && found.salary !== undefined) {
      header = r;
      Object.assign(columns, found);
    }
  }
  if (header < 0) return null;
  const persons: Person[] = [];
  for (let r = header + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (!row || row.every((c) => isEmptyCell(c))) continue;
    const cell = (k: SalaryColumn) =>
      columns[k] === undefined ? undefined : row[columns[k]];
    const at = (k: SalaryColumn) => a1(r, columns[k] ?? 0);
    const post = readText(cell("post")).trim();
    const name = readText(cell("name")).trim();
    if (!post) continue; // a note or a heading: only a row with a Post is a person
    const missing: [string, string][] = [];
    const birth = numberAt(cell("birthYear"), sheet, at("birthYear"), findings);
    let birthYear: number | null = null;
    if (birth) {
      const y = birth.value;
      if (Number.isInteger(y) && y >= 1930 && y <= 2015 && !birth.percent)
        birthYear = y;
      else
        findings.push(
          finding("SALARY_BIRTH_YEAR", sheet, at("birthYear"), {
            text: readText(cell("birthYear")),
          }),
        );
    } else if (isEmptyCell(cell("birthYear")))
      missing.push(["födelseår", "birth year"]);
    const salary = readMoney(cell("salary"), sheet, at("salary"), findings);
    if (salary === null && isEmptyCell(cell("salary")))
      missing.push(["månadslön", "monthly salary"]);
    if (salary !== null && (salary < 1_500_000 || salary > 12_000_000))
      findings.push(
        finding("SALARY_MONTHLY_RANGE", sheet, at("salary"), {
          amountOre: salary,
        }),
      );
    const gradeMicro = readGrade(cell("grade"), sheet, at("grade"), findings);
    if (gradeMicro === null && isEmptyCell(cell("grade")))
      missing.push(["tjänstgöringsgrad", "service percentage"]);
    const from = readPersonDate(
      cell("from"),
      "first",
      sheet,
      at("from"),
      agreement,
      findings,
    );
    const to = readPersonDate(
      cell("to"),
      "last",
      sheet,
      at("to"),
      agreement,
      findings,
    );
    if (from && to && from > to)
      findings.push(
        finding("SALARY_DATES_REVERSED", sheet, at("from"), { from, to }),
      );
    const surcharge = cell("surcharge");
    const surchargePpm = readFraction(
      surcharge,
      sheet,
      at("surcharge"),
      findings,
    );
    if (missing.length > 0)
      findings.push(
        finding(
          "SALARY_VALUE_MISSING",
          sheet,
          at(REQUIRED.find(([, sv]) => sv === missing[0]![0])![0]),
          {
            name,
            row: r + 1,
            missing: missing.map(([sv]) => sv).join(", "),
            missingEn: missing.map(([, en]) => en).join(", "),
          },
        ),
      );
    persons.push({
      row: r + 1,
      post,
      name,
      birthYear,
      monthlySalary: salary,
      gradeMicro,
      from: from && to && from > to ? null : from,
      to: from && to && from > to ? null : to,
      surchargePpm,
    });
  }
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
      ),
    );
  return { sheet, headerRow: header + 1, columns, persons };
}

/** "100 %", a percent cell (1), 0,75 or 75: millionths of a percent point. */
function readGrade(
  cell: Cell | undefined,
  sheet: string,
  address: string,
  findings: Finding[],
): number | null {
  const n = numberAt(cell, sheet, address, findings);
  if (!n) return null;
  const points = n.percent || n.value <= 1 ? n.value * 100 : n.value;
  if (!(points > 0 && points <= 100)) {
    findings.push(
      finding("PERCENT_NOT_POSITIVE", sheet, address, { percent: points }),
    );
    return null;
  }
  return Math.round(points * 1_000_000);
}

function readPersonDate(
  cell: Cell | undefined,
  anchor: "first" | "last",
  sheet: string,
  address: string,
  agreement: Agreement,
  findings: Finding[],
): IsoDate | null {
  if (cell === undefined || isEmptyCell(cell)) return null;
  const d = readDate(cell, anchor);
  if (!d.ok) {
    pushFailure(d.failure, sheet, address, findings);
    return null;
  }
  const date = d.value;
  if (
    date &&
    agreement.start &&
    agreement.end &&
    (date < agreement.start || date > agreement.end)
  )
    findings.push(
      finding("SALARY_DATE_OUTSIDE_AGREEMENT", sheet, address, {
        date,
        start: agreement.start,
        end: agreement.end,
      }),
    );
  return date;
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
