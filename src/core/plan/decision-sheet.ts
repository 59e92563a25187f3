// The `Beslut` sheet: owned by the add-in and rewritten on each run (SPEC §7). Figures are numbers
// in cells; where they derive from the half-year sheets they are formulas referring to them.

import type { Analysis } from "../analyze";
import { monthsText } from "../case/decision";
import type { ColumnKey } from "../reading/glossary";
import type { LineAt } from "../figures/figures";
import { renderFinding } from "../findings/findings";
import { SEVERITY_NAME, listedFindings } from "../findings/summary";
import { formatNumber } from "../findings/format";
import { columnLetters, parseA1 } from "../reading/grid";
import { type Ore, subtract, sum, toKronor } from "../figures/money";
import { DECISION_OWNER, type DecisionTarget } from "../ownership";
import type { HalfYearPlan } from "./halfyear";
import {
  type CellStyle,
  type CellWrite,
  type PlanValue,
  AMOUNT_FORMAT,
  numberStyleFor,
  DATE_FORMAT,
  HEADER_STYLE,
  type SheetCreate,
  formula,
  num,
  sheetRef,
  text,
} from "./types";
import { type SheetView, sameAmount } from "./view";
import { largest } from "../lists";
import { shownFileName } from "../reading/values";

export interface Stamp {
  /** Local date and time of the run, "2026-11-23 12:00". */
  readonly at: string;
  readonly version: string;
  /** The input file's name (or the workbook's, in Excel). */
  readonly source: string;
}

const kr = toKronor;
/**
 * The memo's tables list their lines on Beslut up to this many: a table of thousands of lines is
 * not read on a sheet, and as formulas it would be most of a large workbook's memory.
 */
export const MAX_TABLE_LINES = 1000;
const AMOUNT: CellStyle = { numberFormat: AMOUNT_FORMAT };
const HEADING: CellStyle = { bold: true, fontSize: 12 };

/**
 * The period's service % as a formula over the first half-year's cell when the % is the same in
 * every half-year (the cell holds 275 or, formatted as percent, 2.75); else the number.
 */
function percentOfCells(
  halfYearPlans: ReadonlyMap<string, HalfYearPlan>,
  at: readonly LineAt[],
  percent: number,
  weighted: boolean,
): PlanValue {
  const p = at[0];
  const plan = p && halfYearPlans.get(p.sheet);
  const col = plan?.columns.servicePercent;
  if (weighted || !p || !plan || col === undefined || p.row === null)
    return num(percent);
  const cell = `${sheetRef(p.sheet)}!${columnLetters(col)}${p.row}`;
  const v = plan.view.seen(p.row - 1, col);
  if (typeof v !== "number") return num(percent);
  if (Math.abs(v * 100 - percent) < 1e-9)
    return formula(`${cell}*100`, percent);
  if (Math.abs(v - percent) < 1e-9) return formula(cell, percent);
  return num(percent);
}

/** A sheet written from the top down: the next row, its cells, and the shapes sections share. */
class SheetWriter {
  readonly cells: CellWrite[] = [];
  /** The next row to write. */
  r = 0;

  put(row: number, col: number, value: PlanValue, style?: CellStyle): void {
    this.cells.push(
      style
        ? { row, col, value, style: numberStyleFor(style, value) }
        : { row, col, value },
    );
  }

  header(labels: readonly string[]): void {
    labels.forEach((l, i) => this.put(this.r, i, text(l), HEADER_STYLE));
    this.r++;
  }

  heading(label: string): void {
    this.r++;
    this.put(this.r++, 0, text(label), HEADING);
  }

  /** A bold row of SUM formulas over the rows from `first` to the one above. */
  sumRow(
    label: string,
    cols: readonly number[],
    first: number,
    values: readonly number[],
  ): void {
    this.put(this.r, 0, text(label), { bold: true });
    cols.forEach((col, i) =>
      this.put(this.r, col, sumOver(col, first, this.r - 1, values[i]!), {
        ...AMOUNT,
        bold: true,
      }),
    );
    this.r++;
  }

  /** A table too long to read on a sheet: its sums, and where its lines are. */
  tooLong(lines: number): void {
    this.put(
      this.r++,
      0,
      text(
        `Tabellen har ${formatNumber(lines, "sv")} poster, fler än ${formatNumber(MAX_TABLE_LINES, "sv")}: här visas bara summorna. Alla poster finns i iop-budget check, i rapporten och i JSON (yearLines, periodLines).`,
      ),
      { italic: true },
    );
  }
}

const ref = (col: number, row: number) => `${columnLetters(col)}${row + 1}`;

/**
 * The SUM of a column's rows `first`…`last`; over no rows the figure itself, since `SUM(D42:D41)`
 * would take in its own cell (a circular reference Excel warns of, and Calc's #VALUE!).
 */
function sumOver(
  col: number,
  first: number,
  last: number,
  value: number,
): PlanValue {
  return last < first
    ? num(value)
    : formula(`SUM(${ref(col, first)}:${ref(col, last)})`, value);
}

type Plans = ReadonlyMap<string, HalfYearPlan>;
type Computed = Analysis["computation"];

export function planDecisionSheet(
  analysis: Analysis,
  halfYearPlans: Plans,
  details: { readonly view: SheetView | null },
  stamp: Stamp,
  target: DecisionTarget,
): SheetCreate {
  const c = analysis.computation;
  const w = new SheetWriter();
  writeTitle(w, c.agreement, stamp);
  const halfRow = writeHalfYears(w, c, halfYearPlans);
  const yearRow = writeYears(w, c, halfRow);
  const repaymentRow = writeRepayment(w, c, details, yearRow);
  writeGrants(w, c, halfRow);
  // The memo's two tables: the reported year per line, the granted period per line.
  const cellsSum = sumOfCells(halfYearPlans);
  for (const y of c.yearTables)
    writeYearTable(w, y, cellsSum, { repaymentRow, yearRow });
  for (const p of c.periodTables)
    writePeriodTable(w, p, cellsSum, halfYearPlans);
  writeDecision(w, analysis.decision);
  writeFindings(w, analysis.findings);
  return {
    sheet: target.sheet,
    ...(target.replaces ? { replaces: true } : {}),
    ...(target.kept ? { kept: target.kept } : {}),
    owner: DECISION_OWNER,
    cells: w.cells,
    columnWidths: [26, 22, 20, 14, 18, 14, 22, 14],
    freeze: null,
    validations: [],
    marks: [],
  };
}

function writeTitle(w: SheetWriter, a: Computed["agreement"], stamp: Stamp) {
  w.put(w.r++, 0, text(`Beslutsunderlag: ${a.name ?? "IOP"}`), {
    bold: true,
    fontSize: 14,
  });
  w.put(
    w.r++,
    0,
    text(
      `Skapat ${stamp.at} av iop-budget ${stamp.version} från ${shownFileName(stamp.source)}. Bladet skrivs om vid varje beräkning.`,
    ),
    { italic: true },
  );
  const facts = [
    a.organisation &&
      (a.orgNumber ? `${a.organisation} (${a.orgNumber})` : a.organisation),
    a.caseNumber && `Dnr ${a.caseNumber}`,
    (a.start || a.end) && `Avtalsperiod ${a.start ?? "?"} – ${a.end ?? "?"}`,
    a.overheadRatePpm !== null &&
      `OH-sats ${String(a.overheadRatePpm / 10_000).replace(".", ",")} %`,
  ].filter(Boolean);
  w.put(w.r++, 0, text(facts.join(" · ")));
}

/** Half-years: budget, actual and surplus; returns each half-year's row. */
function writeHalfYears(
  w: SheetWriter,
  c: Computed,
  plans: Plans,
): Map<string, number> {
  w.heading("Halvår");
  w.header([
    "Halvår",
    "Blad",
    "Direkta kostnader",
    "OH",
    "Budget (bidrag)",
    "Utfall",
    "Stödberättigat utfall",
    "Överskott",
  ]);
  const halfRow = new Map<string, number>();
  const firstHalf = w.r;
  for (const h of c.halfYears) {
    writeHalfYear(w, h, plans.get(h.source.sheet));
    halfRow.set(h.halfYear.id, w.r++);
  }
  if (c.halfYears.length > 0) writeHalfYearSums(w, c, firstHalf);
  return halfRow;
}

/** One half-year's row: formulas over its sheet where the sheet's cells add up to the figures. */
function writeHalfYear(
  w: SheetWriter,
  h: Computed["halfYears"][number],
  plan: HalfYearPlan | undefined,
): void {
  const sheet = sheetRef(h.source.sheet);
  w.put(w.r, 0, text(h.halfYear.id));
  w.put(w.r, 1, text(h.source.sheet));
  let total: PlanValue = num(kr(h.budget.total));
  let overhead: PlanValue = num(kr(h.budget.overhead));
  let actual: PlanValue | null = h.actual ? num(kr(h.actual.total)) : null;
  if (plan) {
    const B = plan.columns.budget!;
    const A = plan.columns.actual!;
    const lastLine = largest(h.lines.map((l) => l.input.row - 1));
    const range = (col: number) =>
      `${sheet}!${columnLetters(col)}${plan.firstRow + 1}:${columnLetters(col)}${lastLine + 1}`;
    const rowsOf = (col: number) =>
      Array.from(
        { length: lastLine - plan.firstRow + 1 },
        (_, i) => [plan.firstRow + i, col] as const,
      );
    if (sameAmount(plan.view.sum(rowsOf(B)), kr(h.budget.total)))
      total = formula(`SUM(${range(B)})`, kr(h.budget.total));
    const ohLines = h.lines.filter((l) => l.input.category === "overhead");
    if (
      ohLines.length === 1 &&
      sameAmount(
        plan.view.seen(ohLines[0]!.input.row - 1, B),
        kr(h.budget.overhead),
      )
    ) {
      overhead = formula(
        `${sheet}!${columnLetters(B)}${ohLines[0]!.input.row}`,
        kr(h.budget.overhead),
      );
    }
    if (h.actual && sameAmount(plan.view.sum(rowsOf(A)), kr(h.actual.total)))
      actual = formula(`SUM(${range(A)})`, kr(h.actual.total));
  }
  w.put(
    w.r,
    2,
    formula(`${ref(4, w.r)}-${ref(3, w.r)}`, kr(h.budget.direct)),
    AMOUNT,
  );
  w.put(w.r, 3, overhead, AMOUNT);
  w.put(w.r, 4, total, AMOUNT);
  if (actual && h.actual) {
    w.put(w.r, 5, actual, AMOUNT);
    w.put(w.r, 6, num(kr(h.actual.eligibleTotal)), AMOUNT);
    w.put(
      w.r,
      7,
      formula(
        `${ref(4, w.r)}-${ref(6, w.r)}`,
        kr(subtract(h.budget.total, h.actual.eligibleTotal)),
      ),
      AMOUNT,
    );
  }
}

function writeHalfYearSums(w: SheetWriter, c: Computed, firstHalf: number) {
  const last = w.r - 1;
  w.put(w.r, 0, text("Summa"), { bold: true });
  const sumOf = (f: (h: (typeof c.halfYears)[number]) => Ore | null) =>
    kr(sum(c.halfYears.flatMap((h) => f(h) ?? [])));
  const columnSums: [number, number][] = [
    [2, sumOf((h) => h.budget.direct)],
    [3, sumOf((h) => h.budget.overhead)],
    [4, sumOf((h) => h.budget.total)],
  ];
  if (c.halfYears.some((h) => h.actual)) {
    columnSums.push(
      [5, sumOf((h) => h.actual?.total ?? null)],
      [6, sumOf((h) => h.actual?.eligibleTotal ?? null)],
      [
        7,
        sumOf((h) =>
          h.actual ? subtract(h.budget.total, h.actual.eligibleTotal) : null,
        ),
      ],
    );
  }
  for (const [col, value] of columnSums)
    w.put(w.r, col, sumOver(col, firstHalf, last, value), {
      ...AMOUNT,
      bold: true,
    });
  w.r++;
}

/** Year figures; returns each year's row. */
function writeYears(
  w: SheetWriter,
  c: Computed,
  halfRow: ReadonlyMap<string, number>,
): Map<number, number> {
  const yearRow = new Map<number, number>();
  if (c.years.length > 0) {
    w.heading("Årsutfall");
    w.header([
      "År",
      "Budget",
      "Stödberättigat utfall",
      "Överskott",
      "Anmärkning",
    ]);
    for (const y of c.years) {
      const rows = y.halfYears.map((id) => halfRow.get(id)!);
      w.put(w.r, 0, num(y.year));
      w.put(
        w.r,
        1,
        formula(rows.map((hr) => ref(4, hr)).join("+"), kr(y.budget)),
        AMOUNT,
      );
      w.put(
        w.r,
        2,
        formula(rows.map((hr) => ref(6, hr)).join("+"), kr(y.actual)),
        AMOUNT,
      );
      w.put(
        w.r,
        3,
        formula(`${ref(1, w.r)}-${ref(2, w.r)}`, kr(y.surplus)),
        AMOUNT,
      );
      const note = [
        y.partial ? "delvis återrapporterat" : "",
        y.surplus < 0 ? "överskridet år: ingen återbetalning" : "",
      ]
        .filter(Boolean)
        .join("; ");
      if (note) w.put(w.r, 4, text(note));
      yearRow.set(y.year, w.r);
      w.r++;
    }
  }

  return yearRow;
}

/** The repayment; returns each item's row ("reported:2024"). */
function writeRepayment(
  w: SheetWriter,
  c: Computed,
  details: { readonly view: SheetView | null },
  yearRow: ReadonlyMap<number, number>,
): Map<string, number> {
  const a = c.agreement;
  const rep = c.repayment;
  const repaymentRow = new Map<string, number>();
  if (rep.items.length > 0) {
    w.heading("Återbetalning");
    w.header(["Avser", "Belopp"]);
    const first = w.r;
    for (const item of rep.items) {
      w.put(
        w.r,
        0,
        text(
          item.source === "earlier"
            ? `Ej återbetalat överskott ${item.year}`
            : `Överskott ${item.year}`,
        ),
      );
      let value: PlanValue = num(kr(item.amount));
      if (item.source === "reported" && yearRow.has(item.year))
        value = formula(ref(3, yearRow.get(item.year)!), kr(item.amount));
      const earlier =
        item.source === "earlier"
          ? a.earlierSurpluses.find(
              (s) => s.year === item.year && s.amount === item.amount,
            )
          : undefined;
      const at = earlier ? parseA1(earlier.cell.address) : null;
      if (
        earlier &&
        at &&
        details.view &&
        sameAmount(details.view.seen(at.row, at.col), kr(item.amount))
      ) {
        value = formula(
          `${sheetRef(earlier.cell.sheet)}!${earlier.cell.address}`,
          kr(item.amount),
        );
      }
      repaymentRow.set(`${item.source}:${item.year}`, w.r);
      w.put(w.r++, 1, value, AMOUNT);
    }
    w.put(w.r, 0, text("Summa att återbetala"), { bold: true });
    w.put(w.r++, 1, sumOver(1, first, w.r - 2, kr(rep.total)), {
      ...AMOUNT,
      bold: true,
    });
    if (rep.due) {
      w.put(w.r, 0, text("Återbetalas senast"));
      w.put(
        w.r++,
        1,
        { kind: "date", iso: rep.due },
        { numberFormat: DATE_FORMAT },
      );
    }
  }

  return repaymentRow;
}

function writeGrants(
  w: SheetWriter,
  c: Computed,
  halfRow: ReadonlyMap<string, number>,
): void {
  if (c.grants.length > 0) {
    w.heading("Bidrag");
    w.header(["Period", "Avser", "Belopp"]);
    const grantRow = new Map<string, number>();
    for (const g of c.grants) {
      w.put(w.r, 0, text(g.period));
      w.put(w.r, 1, text(`${g.halfYear.start} – ${g.halfYear.end}`));
      w.put(
        w.r,
        2,
        formula(ref(4, halfRow.get(g.period)!), kr(g.amount)),
        AMOUNT,
      );
      grantRow.set(g.period, w.r++);
    }
    for (const y of c.grantYears) {
      w.put(w.r, 0, text(`Bidrag ${y.year}`), { bold: true });
      w.put(
        w.r,
        2,
        formula(
          y.periods.map((p) => ref(2, grantRow.get(p)!)).join("+"),
          kr(y.amount),
        ),
        { ...AMOUNT, bold: true },
      );
      w.r++;
    }
  }
}

type CellsSum = (
  at: readonly LineAt[],
  key: ColumnKey,
  value: number,
) => PlanValue;

/** `'Sheet'!D5+'Sheet'!D11` over the lines' cells when they add up to `value`, else the number. */
function sumOfCells(halfYearPlans: Plans): CellsSum {
  return (at: readonly LineAt[], key: ColumnKey, value: number): PlanValue => {
    const refs: string[] = [];
    let seen = 0;
    for (const p of at) {
      const plan = halfYearPlans.get(p.sheet);
      const col = plan?.columns[key];
      if (!plan || col === undefined || p.row === null) return num(value);
      const v = plan.view.seen(p.row - 1, col);
      if (typeof v !== "number") return num(value);
      seen += v;
      refs.push(`${sheetRef(p.sheet)}!${columnLetters(col)}${p.row}`);
    }
    return refs.length > 0 && sameAmount(seen, value)
      ? formula(refs.join("+"), value)
      : num(value);
  };
}

function writeYearTable(
  w: SheetWriter,
  y: Computed["yearTables"][number],
  sumOfCells: CellsSum,
  rows: {
    readonly repaymentRow: ReadonlyMap<string, number>;
    readonly yearRow: ReadonlyMap<number, number>;
  },
): void {
  const { repaymentRow, yearRow } = rows;
  w.heading(`Ekonomisk redovisning för ${y.year}`);
  w.header([String(y.year), "Budget", "Utfall", "Differens"]);
  const first = w.r;
  const long = y.lines.length > MAX_TABLE_LINES;
  if (long) w.tooLong(y.lines.length);
  for (const l of long ? [] : y.lines) {
    w.put(w.r, 0, text(l.label));
    w.put(w.r, 1, sumOfCells(l.at, "budget", kr(l.budget)), AMOUNT);
    if (l.actual !== null && l.variance !== null) {
      w.put(w.r, 2, sumOfCells(l.at, "actual", kr(l.actual)), AMOUNT);
      w.put(
        w.r,
        3,
        formula(`${ref(1, w.r)}-${ref(2, w.r)}`, kr(l.variance)),
        AMOUNT,
      );
    }
    w.r++;
  }
  // The difference of the sums, not the sum of the lines' differences: a line without an actual
  // has none, and the year's difference is its budget less its actual.
  const sum = w.r;
  if (long) {
    w.put(w.r, 0, text("Summa"), { bold: true });
    w.put(w.r, 1, num(kr(y.budget)), { ...AMOUNT, bold: true });
    w.put(w.r++, 2, num(kr(y.actual)), { ...AMOUNT, bold: true });
  } else w.sumRow("Summa", [1, 2], first, [kr(y.budget), kr(y.actual)]);
  w.put(sum, 3, formula(`${ref(1, sum)}-${ref(2, sum)}`, kr(y.variance)), {
    ...AMOUNT,
    bold: true,
  });
  const parts: string[] = [];
  if (y.eligibleActual !== y.actual) {
    w.put(w.r, 0, text("Ej stödberättigade OH-kostnader"));
    w.put(w.r, 3, num(kr(subtract(y.actual, y.eligibleActual))), AMOUNT);
    w.r++;
  }
  for (const e of y.earlier) {
    w.put(w.r, 0, text(`Överskott från ${e.year}`));
    const at = repaymentRow.get(`${e.source}:${e.year}`);
    w.put(
      w.r,
      3,
      at === undefined ? num(kr(e.amount)) : formula(ref(1, at), kr(e.amount)),
      AMOUNT,
    );
    parts.push(ref(3, w.r++));
  }
  const surplus = yearRow.get(y.year);
  if (surplus !== undefined) parts.push(`MAX(0,${ref(3, surplus)})`);
  w.put(w.r, 0, text("Totalt att återbetala"), { bold: true });
  w.put(w.r++, 3, formula(parts.join("+") || "0", kr(y.toRepay)), {
    ...AMOUNT,
    bold: true,
  });
}

function writePeriodTable(
  w: SheetWriter,
  p: Computed["periodTables"][number],
  sumOfCells: CellsSum,
  halfYearPlans: Plans,
): void {
  const percentOf = (
    at: readonly LineAt[],
    percent: number,
    weighted: boolean,
  ) => percentOfCells(halfYearPlans, at, percent, weighted);
  const span = monthsText(p.start, p.end, "sv");
  w.heading(`Budgetförslag ${span}`);
  w.header([`Budget ${span}`, "Procent av tjänst", "Antal månader", "Belopp"]);
  const first = w.r;
  const long = p.lines.length > MAX_TABLE_LINES;
  if (long) w.tooLong(p.lines.length);
  for (const l of long ? [] : p.lines) {
    w.put(w.r, 0, text(l.label));
    if (l.servicePercentMicro !== null)
      w.put(
        w.r,
        1,
        percentOf(l.at, l.servicePercentMicro / 1_000_000, l.weighted),
      );
    w.put(w.r, 2, sumOfCells(l.at, "months", l.monthsMicro / 1_000_000));
    w.put(w.r++, 3, sumOfCells(l.at, "budget", kr(l.amount)), AMOUNT);
  }
  if (p.overhead !== 0) {
    w.put(w.r, 0, text("OH-kostnader"));
    w.put(w.r, 2, num(p.overheadMonthsMicro / 1_000_000));
    w.put(w.r++, 3, sumOfCells(p.overheadAt, "budget", kr(p.overhead)), AMOUNT);
  }
  if (long) {
    w.put(w.r, 0, text("Totalt"), { bold: true });
    w.put(w.r++, 3, num(kr(p.total)), { ...AMOUNT, bold: true });
  } else w.sumRow("Totalt", [3], first, [kr(p.total)]);
}

/** The draft decision. */
function writeDecision(w: SheetWriter, decision: readonly string[]): void {
  if (decision.length > 0) {
    w.heading("Förslag till beslut");
    decision.forEach((point, i) => w.put(w.r++, 0, text(`${i + 1}. ${point}`)));
  }
}

function writeFindings(w: SheetWriter, findings: Analysis["findings"]): void {
  w.heading("Fynd");
  if (findings.length === 0) w.put(w.r++, 0, text("Inga fynd."));
  else {
    // What this computation wrote (formulas, Status, Avgiftssatser) may have mended some of them,
    // which say what Beräkna does as if still to come: the next computation's list drops them.
    w.put(
      w.r++,
      0,
      text("Fynden gäller arbetsboken som den var före den här beräkningen."),
      { italic: true },
    );
    w.header(["Allvarlighet", "Kod", "Blad", "Cell", "Meddelande"]);
    const listed = listedFindings(findings, (f) => f.severity);
    for (const f of listed.map((x) => renderFinding(x, "sv"))) {
      w.put(
        w.r,
        0,
        text(SEVERITY_NAME.sv[f.severity]),
        f.severity === "error"
          ? { bold: true, fontColor: "9C0006" }
          : undefined,
      );
      w.put(w.r, 1, text(f.code));
      w.put(w.r, 2, text(f.sheet ?? ""));
      w.put(w.r, 3, text(f.cell ?? ""));
      w.put(w.r++, 4, text(f.message));
    }
    if (listed.length < findings.length)
      w.put(
        w.r++,
        0,
        text(
          `Här visas ${formatNumber(listed.length, "sv")} av ${formatNumber(findings.length, "sv")} fynd, felen först. Alla visas av kontrollen (rutan i Excel eller iop-budget check).`,
        ),
      );
  }
}
