// The `Beslut` sheet: owned by the add-in and rewritten on each run (SPEC §7). Figures are numbers
// in cells; where they derive from the half-year sheets they are formulas referring to them.

import type { Analysis } from "../analyze";
import { monthsText } from "../case/decision";
import type { ColumnKey } from "../reading/glossary";
import type { LineAt } from "../figures/figures";
import { renderFinding } from "../findings/findings";
import { SEVERITY_NAME } from "../findings/summary";
import { columnLetters, parseA1 } from "../reading/grid";
import { type Ore, subtract, sum, toKronor } from "../figures/money";
import type { DecisionTarget } from "../ownership";
import type { HalfYearPlan } from "./halfyear";
import {
  type CellStyle,
  type CellWrite,
  type PlanValue,
  AMOUNT_FORMAT,
  DATE_FORMAT,
  HEADER_STYLE,
  type SheetCreate,
  formula,
  num,
  sheetRef,
  text,
} from "./types";
import { type SheetView, sameAmount } from "./view";

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

// eslint-disable-next-line max-lines-per-function -- longer than the core allows (80 lines): to be split
export function planDecisionSheet(
  analysis: Analysis,
  halfYearPlans: ReadonlyMap<string, HalfYearPlan>,
  details: { readonly view: SheetView | null },
  stamp: Stamp,
  target: DecisionTarget,
): SheetCreate {
  const c = analysis.computation;
  const a = c.agreement;
  const cells: CellWrite[] = [];
  let r = 0;
  const put = (row: number, col: number, value: PlanValue, style?: CellStyle) =>
    cells.push(style ? { row, col, value, style } : { row, col, value });
  const header = (labels: readonly string[]) => {
    labels.forEach((l, i) => put(r, i, text(l), HEADER_STYLE));
    r++;
  };
  const heading = (label: string) => {
    r++;
    put(r++, 0, text(label), HEADING);
  };
  const ref = (col: number, row: number) => `${columnLetters(col)}${row + 1}`;
  const percentOf = (
    at: readonly LineAt[],
    percent: number,
    weighted: boolean,
  ) => percentOfCells(halfYearPlans, at, percent, weighted);

  put(r++, 0, text(`Beslutsunderlag: ${a.name ?? "IOP"}`), {
    bold: true,
    fontSize: 14,
  });
  put(
    r++,
    0,
    text(
      `Skapat ${stamp.at} av iop-budget ${stamp.version} från ${stamp.source}. Bladet skrivs om vid varje beräkning.`,
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
  put(r++, 0, text(facts.join(" · ")));

  // Half-years: budget, actual and surplus.
  heading("Halvår");
  header([
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
  const firstHalf = r;
  for (const h of c.halfYears) {
    const plan = halfYearPlans.get(h.source.sheet);
    const sheet = sheetRef(h.source.sheet);
    put(r, 0, text(h.halfYear.id));
    put(r, 1, text(h.source.sheet));
    let total: PlanValue = num(kr(h.budget.total));
    let overhead: PlanValue = num(kr(h.budget.overhead));
    let actual: PlanValue | null = h.actual ? num(kr(h.actual.total)) : null;
    if (plan) {
      const B = plan.columns.budget!;
      const A = plan.columns.actual!;
      const lastLine = Math.max(...h.lines.map((l) => l.input.row - 1));
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
    put(
      r,
      2,
      formula(`${ref(4, r)}-${ref(3, r)}`, kr(h.budget.direct)),
      AMOUNT,
    );
    put(r, 3, overhead, AMOUNT);
    put(r, 4, total, AMOUNT);
    if (actual && h.actual) {
      put(r, 5, actual, AMOUNT);
      put(r, 6, num(kr(h.actual.eligibleTotal)), AMOUNT);
      put(
        r,
        7,
        formula(
          `${ref(4, r)}-${ref(6, r)}`,
          kr(subtract(h.budget.total, h.actual.eligibleTotal)),
        ),
        AMOUNT,
      );
    }
    halfRow.set(h.halfYear.id, r);
    r++;
  }
  if (c.halfYears.length > 0) {
    const last = r - 1;
    put(r, 0, text("Summa"), { bold: true });
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
      put(
        r,
        col,
        formula(`SUM(${ref(col, firstHalf)}:${ref(col, last)})`, value),
        { ...AMOUNT, bold: true },
      );
    r++;
  }

  // Year figures.
  const yearRow = new Map<number, number>();
  if (c.years.length > 0) {
    heading("Årsutfall");
    header([
      "År",
      "Budget",
      "Stödberättigat utfall",
      "Överskott",
      "Anmärkning",
    ]);
    for (const y of c.years) {
      const rows = y.halfYears.map((id) => halfRow.get(id)!);
      put(r, 0, num(y.year));
      put(
        r,
        1,
        formula(rows.map((hr) => ref(4, hr)).join("+"), kr(y.budget)),
        AMOUNT,
      );
      put(
        r,
        2,
        formula(rows.map((hr) => ref(6, hr)).join("+"), kr(y.actual)),
        AMOUNT,
      );
      put(r, 3, formula(`${ref(1, r)}-${ref(2, r)}`, kr(y.surplus)), AMOUNT);
      const note = [
        y.partial ? "delvis återrapporterat" : "",
        y.surplus < 0 ? "överskridet år: ingen återbetalning" : "",
      ]
        .filter(Boolean)
        .join("; ");
      if (note) put(r, 4, text(note));
      yearRow.set(y.year, r);
      r++;
    }
  }

  // Repayment.
  const rep = c.repayment;
  const repaymentRow = new Map<string, number>();
  if (rep.items.length > 0) {
    heading("Återbetalning");
    header(["Avser", "Belopp"]);
    const first = r;
    for (const item of rep.items) {
      put(
        r,
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
      repaymentRow.set(`${item.source}:${item.year}`, r);
      put(r++, 1, value, AMOUNT);
    }
    put(r, 0, text("Summa att återbetala"), { bold: true });
    put(
      r++,
      1,
      formula(`SUM(${ref(1, first)}:${ref(1, r - 2)})`, kr(rep.total)),
      { ...AMOUNT, bold: true },
    );
    if (rep.due) {
      put(r, 0, text("Återbetalas senast"));
      put(
        r++,
        1,
        { kind: "date", iso: rep.due },
        { numberFormat: DATE_FORMAT },
      );
    }
  }

  // Grants.
  if (c.grants.length > 0) {
    heading("Bidrag");
    header(["Period", "Avser", "Belopp"]);
    const grantRow = new Map<string, number>();
    for (const g of c.grants) {
      put(r, 0, text(g.period));
      put(r, 1, text(`${g.halfYear.start} – ${g.halfYear.end}`));
      put(r, 2, formula(ref(4, halfRow.get(g.period)!), kr(g.amount)), AMOUNT);
      grantRow.set(g.period, r++);
    }
    for (const y of c.grantYears) {
      put(r, 0, text(`Bidrag ${y.year}`), { bold: true });
      put(
        r,
        2,
        formula(
          y.periods.map((p) => ref(2, grantRow.get(p)!)).join("+"),
          kr(y.amount),
        ),
        { ...AMOUNT, bold: true },
      );
      r++;
    }
  }

  // The memo's two tables: the reported year per line, the granted period per line.
  /** `'Sheet'!D5+'Sheet'!D11` over the lines' cells when they add up to `value`, else the number. */
  const sumOfCells = (
    at: readonly LineAt[],
    key: ColumnKey,
    value: number,
  ): PlanValue => {
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
  const sumRow = (
    label: string,
    cols: readonly number[],
    first: number,
    values: readonly number[],
  ) => {
    put(r, 0, text(label), { bold: true });
    cols.forEach((col, i) =>
      put(
        r,
        col,
        formula(`SUM(${ref(col, first)}:${ref(col, r - 1)})`, values[i]!),
        {
          ...AMOUNT,
          bold: true,
        },
      ),
    );
    r++;
  };
  /** A table too long to read on a sheet: its sums, and where its lines are. */
  const tooLong = (lines: number) =>
    put(
      r++,
      0,
      text(
        `Tabellen har ${lines} poster, fler än ${MAX_TABLE_LINES}: här visas bara summorna. Alla poster finns i beslutsunderlaget (iop-budget memo) och i JSON (yearLines, periodLines).`,
      ),
      { italic: true },
    );
  for (const y of c.yearTables) {
    heading(`Ekonomisk redovisning för ${y.year}`);
    header([String(y.year), "Budget", "Utfall", "Differens"]);
    const first = r;
    const long = y.lines.length > MAX_TABLE_LINES;
    if (long) tooLong(y.lines.length);
    for (const l of long ? [] : y.lines) {
      put(r, 0, text(l.label));
      put(r, 1, sumOfCells(l.at, "budget", kr(l.budget)), AMOUNT);
      if (l.actual !== null && l.variance !== null) {
        put(r, 2, sumOfCells(l.at, "actual", kr(l.actual)), AMOUNT);
        put(r, 3, formula(`${ref(1, r)}-${ref(2, r)}`, kr(l.variance)), AMOUNT);
      }
      r++;
    }
    if (long) {
      put(r, 0, text("Summa"), { bold: true });
      put(r, 1, num(kr(y.budget)), { ...AMOUNT, bold: true });
      put(r, 2, num(kr(y.actual)), { ...AMOUNT, bold: true });
      put(r, 3, formula(`${ref(1, r)}-${ref(2, r)}`, kr(y.variance)), {
        ...AMOUNT,
        bold: true,
      });
      r++;
    } else
      sumRow("Summa", [1, 2, 3], first, [
        kr(y.budget),
        kr(y.actual),
        kr(y.variance),
      ]);
    const parts: string[] = [];
    if (y.eligibleActual !== y.actual) {
      put(r, 0, text("Ej stödberättigade OH-kostnader"));
      put(r, 3, num(kr(subtract(y.actual, y.eligibleActual))), AMOUNT);
      r++;
    }
    for (const e of y.earlier) {
      put(r, 0, text(`Överskott från ${e.year}`));
      const at = repaymentRow.get(`${e.source}:${e.year}`);
      put(
        r,
        3,
        at === undefined
          ? num(kr(e.amount))
          : formula(ref(1, at), kr(e.amount)),
        AMOUNT,
      );
      parts.push(ref(3, r++));
    }
    const surplus = yearRow.get(y.year);
    if (surplus !== undefined) parts.push(`MAX(0,${ref(3, surplus)})`);
    put(r, 0, text("Totalt att återbetala"), { bold: true });
    put(r++, 3, formula(parts.join("+") || "0", kr(y.toRepay)), {
      ...AMOUNT,
      bold: true,
    });
  }
  for (const p of c.periodTables) {
    const span = monthsText(p.start, p.end, "sv");
    heading(`Budgetförslag ${span}`);
    header([`Budget ${span}`, "Procent av tjänst", "Antal månader", "Belopp"]);
    const first = r;
    const long = p.lines.length > MAX_TABLE_LINES;
    if (long) tooLong(p.lines.length);
    for (const l of long ? [] : p.lines) {
      put(r, 0, text(l.label));
      if (l.servicePercentMicro !== null)
        put(
          r,
          1,
          percentOf(l.at, l.servicePercentMicro / 1_000_000, l.weighted),
        );
      put(r, 2, sumOfCells(l.at, "months", l.monthsMicro / 1_000_000));
      put(r++, 3, sumOfCells(l.at, "budget", kr(l.amount)), AMOUNT);
    }
    if (p.overhead !== 0) {
      put(r, 0, text("OH-kostnader"));
      put(r, 2, num(p.overheadMonthsMicro / 1_000_000));
      put(r++, 3, sumOfCells(p.overheadAt, "budget", kr(p.overhead)), AMOUNT);
    }
    if (long) {
      put(r, 0, text("Totalt"), { bold: true });
      put(r++, 3, num(kr(p.total)), { ...AMOUNT, bold: true });
    } else sumRow("Totalt", [3], first, [kr(p.total)]);
  }

  // Draft decision.
  if (analysis.decision.length > 0) {
    heading("Förslag till beslut");
    analysis.decision.forEach((point, i) =>
      put(r++, 0, text(`${i + 1}. ${point}`)),
    );
  }

  // Findings.
  heading("Fynd");
  if (analysis.findings.length === 0) put(r++, 0, text("Inga fynd."));
  else {
    header(["Allvarlighet", "Kod", "Blad", "Cell", "Meddelande"]);
    for (const f of analysis.findings.map((x) => renderFinding(x, "sv"))) {
      put(
        r,
        0,
        text(SEVERITY_NAME.sv[f.severity]),
        f.severity === "error"
          ? { bold: true, fontColor: "9C0006" }
          : undefined,
      );
      put(r, 1, text(f.code));
      put(r, 2, text(f.sheet ?? ""));
      put(r, 3, text(f.cell ?? ""));
      put(r++, 4, text(f.message));
    }
  }
  return {
    sheet: target.sheet,
    ...(target.replaces ? { replaces: true } : {}),
    ...(target.kept ? { kept: target.kept } : {}),
    cells,
    columnWidths: [26, 22, 20, 14, 18, 14, 22, 14],
    freeze: null,
    validations: [],
    marks: [],
  };
}
