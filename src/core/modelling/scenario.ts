// Named scenarios (SPEC §4.18): the inputs of every line saved under a name in the workbook itself,
// on the add-in's hidden sheet `IOP-scenarier`, so that everyone who opens the file (and the CLI)
// has them. A scenario is applied as what-if changes; two states compare line by line.

import type { Analysis } from "../analyze";
import { categoryOf } from "../reading/glossary";
import { type Grid, type WorkbookGrids } from "../reading/grid";
import type { BudgetWorkbook } from "../model";
import type { Ore } from "../figures/money";
import {
  SCENARIO_MARK,
  SCENARIO_OWNER,
  SCENARIO_SHEET,
  isOwnScenarioSheet,
  isScenarioSheetName,
} from "../ownership";
import { byLineKey, keyOfLine } from "../figures/tables";
import { normalizeKey, readText } from "../reading/values";
import {
  type ChangeField,
  type InputChange,
  type InputField,
  INPUT_FIELDS,
  displayValue,
  editableFields,
  inputValue,
  matchChanges,
  modelValue,
  withInputs,
} from "./whatif";
import {
  PERSON_FIELDS,
  editablePersonFields,
  isDateField,
  keysOfPersons,
  personKeys,
  personValue,
} from "./persons";
import type { Person } from "../figures/payroll";
import type { ComputedLine } from "../figures/figures";
import { readWorkbook } from "../reading/read";
import { personKey } from "../reading/salaries";
import {
  type CellWrite,
  DATE_FORMAT,
  HEADER_STYLE,
  type WritePlan,
  num,
  text,
} from "../plan/types";

/** A row of the sheet: Scenario, Sparat, Blad, Kostnadsslag, Post, Fält, Värde, Namn. */
type StoredRow = readonly [
  string,
  string,
  string,
  string,
  string,
  string,
  number,
  string,
];

export interface Scenario {
  readonly name: string;
  /** When it was saved, "2026-11-30 10:12" (Swedish time), as the sheet shows it. */
  readonly saved: string;
  /** Every line's inputs as they were, as changes to lay over the workbook. */
  readonly inputs: readonly ScenarioInput[];
}

/** A stored input: a change, with the line's label (a person's name) as it was written. */
export interface ScenarioInput extends InputChange {
  readonly label: string;
}

const NOTE = `${SCENARIO_MARK} Bladet hör till tillägget: använd Scenarier i tillägget i stället för att ändra här.`;

/** Where the scenarios are: the add-in's sheet under its name now, or none. */
export interface ScenarioSheet {
  /** The add-in's sheet (found by its mark, whatever it is called), or null when there is none. */
  readonly sheet: string | null;
  /** It no longer has the name the add-in gave it (a person renamed it). */
  readonly renamed: boolean;
  /** A person's own sheet with the add-in's name: left alone, the add-in's goes beside it. */
  readonly kept: string | null;
  /** The sheet the next save writes. */
  readonly target: string;
}

/** The add-in's scenario sheet, recognised by its mark rather than by its name. */
export function scenarioSheet(grids: WorkbookGrids): ScenarioSheet {
  const own = grids.sheets.find(isOwnScenarioSheet);
  const named = grids.sheets.find(
    (g) => normalizeKey(g.name) === normalizeKey(SCENARIO_SHEET),
  );
  return {
    sheet: own?.name ?? null,
    renamed: own !== undefined && !isScenarioSheetName(own.name),
    kept: named && !isOwnScenarioSheet(named) ? named.name : null,
    target: own?.name ?? newSheetName(grids),
  };
}

/** The name a new scenario sheet gets: `IOP-scenarier`, or beside a person's sheet of that name. */
function newSheetName(grids: WorkbookGrids): string {
  const taken = new Set(grids.sheets.map((g) => normalizeKey(g.name)));
  for (let n = 1; ; n++) {
    const name = n === 1 ? SCENARIO_SHEET : `${SCENARIO_SHEET} (${n})`;
    if (!taken.has(normalizeKey(name))) return name;
  }
}

/**
 * The scenarios a workbook has lost: the names it had when they were last saved (the workbook's
 * own setting), when the add-in's sheet is gone. Empty while the sheet is there.
 */
export function lostScenarios(
  grids: WorkbookGrids,
  remembered: unknown,
): string[] {
  if (scenarioSheet(grids).sheet !== null || !Array.isArray(remembered))
    return [];
  return remembered.filter((n): n is string => typeof n === "string");
}
const HEADERS = [
  "Scenario",
  "Sparat",
  "Blad",
  "Kostnadsslag",
  "Post",
  "Fält",
  "Värde",
  "Namn",
] as const;
const FIELD_WORDS: Record<ChangeField, string> = {
  servicePercent: "Tjänstgöringsgrad (%)",
  months: "Antal månader",
  monthlyCost: "Månadskostnad (kr)",
  budget: "Budget (kr)",
  grade: "Tjänstgöringsgrad (%)",
  monthlySalary: "Månadslön (kr)",
  from: "Från",
  to: "Till",
};
const CATEGORY_WORDS = {
  salary: "Lönekostnad",
  activity: "Verksamhetskostnad",
  overhead: "OH-kostnad",
  other: "Övrigt",
  // A person of Lönekalkyl: Post is theirs, Namn their name.
  person: "Person",
} as const;

/** The field a row names: a person's (Kostnadsslag "Person") or a line's. */
function fieldOf(word: string, person: boolean): ChangeField | null {
  const k = normalizeKey(word);
  const fields: readonly ChangeField[] = person ? PERSON_FIELDS : INPUT_FIELDS;
  return fields.find((f) => normalizeKey(FIELD_WORDS[f]) === k) ?? null;
}

/**
 * The scenarios stored in a workbook, in the sheet's order. Rows that cannot be read (edited by
 * hand) are left out: a scenario is the add-in's data, not a person's input to be checked.
 */
export function readScenarios(grids: WorkbookGrids): Scenario[] {
  const grid = grids.sheets.find(isOwnScenarioSheet);
  const byName = new Map<
    string,
    { name: string; saved: string; inputs: ScenarioInput[] }
  >();
  // A name again on a Post is the next person of that name (personKeys), field by field.
  const seen = new Map<string, number>();
  for (const [name, saved, sheet, category, label, word, value, who] of grid
    ? storedRows(grid)
    : []) {
    const person =
      normalizeKey(category) === normalizeKey(CATEGORY_WORDS.person);
    const field = fieldOf(word, person);
    if (!field || !sheet.trim()) continue;
    let s = byName.get(name);
    if (!s) byName.set(name, (s = { name, saved, inputs: [] }));
    let line: string;
    if (person) {
      const base = personKey(label, who);
      const n = seen.get(`${name}\u0000${base}\u0000${field}`) ?? 0;
      seen.set(`${name}\u0000${base}\u0000${field}`, n + 1);
      line = n === 0 ? base : `${base}\u0000${n}`;
    } else
      line = keyOfLine({ category: categoryOf(category), label: label.trim() });
    s.inputs.push({
      sheet: sheet.trim(),
      line,
      field,
      value: modelValue(field, value),
      label: person ? who.trim() || label.trim() : label.trim(),
    });
  }
  return [...byName.values()];
}

/** The named scenario, matched without regard to case and spacing. */
export function findScenario(
  scenarios: readonly Scenario[],
  name: string,
): Scenario | null {
  const k = normalizeKey(name);
  return scenarios.find((s) => normalizeKey(s.name) === k) ?? null;
}

interface StoredInput extends ScenarioInput {
  readonly category: keyof typeof CATEGORY_WORDS;
  /** The Post of a person (label is their name); a line's label otherwise. */
  readonly post: string;
}

/**
 * The inputs of every line and every person of a workbook (what-if changes included when it was
 * read with them).
 */
function inputsOf(workbook: BudgetWorkbook): StoredInput[] {
  const out: StoredInput[] = [];
  for (const h of workbook.halfYears)
    for (const line of h.lines)
      for (const field of editableFields(h, line)) {
        const value = inputValue(line, field);
        if (value !== null)
          out.push({
            sheet: h.sheet,
            line: keyOfLine(line),
            field,
            value,
            category: line.category,
            label: line.label,
            post: line.label,
          });
      }
  const salaries = workbook.salaries;
  if (!salaries) return out;
  for (const [line, person] of personKeys(salaries))
    for (const field of editablePersonFields(salaries, person)) {
      const value = personValue(person, field);
      if (value !== null)
        out.push({
          sheet: salaries.sheet,
          line,
          field,
          value,
          category: "person",
          label: person.name,
          post: person.post,
        });
    }
  return out;
}

/**
 * The scenario sheet with `name` saved from the workbook as analysed (replacing a scenario of that
 * name), and the others as they were: one sheet the add-in writes whole, hidden.
 */
export function planScenarioSave(
  grids: WorkbookGrids,
  workbook: BudgetWorkbook,
  name: string,
  saved: string,
): WritePlan {
  const existing = grids.sheets.find(isOwnScenarioSheet);
  const person = scenarioSheet(grids).kept;
  const kept = existing
    ? storedRows(existing).filter(
        (r) => normalizeKey(r[0]) !== normalizeKey(name),
      )
    : [];
  const rows: StoredRow[] = [
    ...kept,
    ...inputsOf(workbook).map(
      (i) =>
        [
          name.trim(),
          saved,
          i.sheet,
          CATEGORY_WORDS[i.category],
          i.post,
          FIELD_WORDS[i.field],
          displayValue(i.field, i.value),
          i.category === "person" ? i.label : "",
        ] as const,
    ),
  ];
  const cells: CellWrite[] = [
    { row: 0, col: 0, value: text(NOTE), style: { italic: true } },
    ...HEADERS.map((h, col) => ({
      row: 1,
      col,
      value: text(h),
      style: HEADER_STYLE,
    })),
  ];
  rows.forEach((r, i) => {
    for (let col = 0; col < 6; col++)
      cells.push({ row: i + 2, col, value: text(r[col] as string) });
    // A person's date as a date (0 is a date left open).
    const date =
      normalizeKey(r[3]) === normalizeKey(CATEGORY_WORDS.person) &&
      isDateField(fieldOf(r[5], true) ?? "") &&
      r[6] > 0;
    cells.push({
      row: i + 2,
      col: 6,
      value: num(r[6]),
      ...(date ? { style: { numberFormat: DATE_FORMAT } } : {}),
    });
    if (r[7]) cells.push({ row: i + 2, col: 7, value: text(r[7]) });
  });
  return {
    edits: [],
    creates: [
      {
        sheet: existing?.name ?? newSheetName(grids),
        replaces: existing !== undefined,
        ...(person !== null && existing === undefined ? { kept: person } : {}),
        hidden: true,
        owner: SCENARIO_OWNER,
        cells,
        columnWidths: [18, 17, 16, 18, 30, 22, 14, 24],
        freeze: { rows: 2, cols: 0 },
        validations: [],
        marks: [],
      },
    ],
  };
}

/** The stored rows of a scenario sheet as they are (for rewriting it with one scenario changed). */
function storedRows(grid: Grid): StoredRow[] {
  const header = grid.rows.findIndex(
    (row) => normalizeKey(readText(row?.[0])) === "scenario",
  );
  if (header < 0) return [];
  const out: StoredRow[] = [];
  for (let r = header + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    const v = row?.[6];
    if (!readText(row?.[0]).trim() || v?.t !== "n") continue;
    const t = (c: number) => readText(row?.[c]).trim();
    out.push([t(0), t(1), t(2), t(3), t(4), t(5), v.v, t(7)]);
  }
  return out;
}

/**
 * What applying a scenario changes in the workbook: its inputs that differ from the cells, and the
 * lines it has that the workbook no longer has ("Budget 2026 H1: Hälsofrämjare").
 */
export function scenarioChanges(
  scenario: Scenario,
  workbook: BudgetWorkbook,
): { changes: ScenarioInput[]; missing: string[] } {
  const { live, unmatched } = matchChanges(workbook, scenario.inputs);
  return {
    changes: live,
    missing: [...new Set(unmatched.map((i) => `${i.sheet}: ${i.label}`))],
  };
}

/**
 * A scenario laid over a workbook's cells: the workbook as read, what applying the scenario
 * changes (and the lines it has that the workbook lacks), and the grids as they would be.
 */
export function applyScenario(
  grids: WorkbookGrids,
  scenario: Scenario,
): {
  workbook: BudgetWorkbook;
  changes: InputChange[];
  missing: string[];
  grids: WorkbookGrids;
} {
  const workbook = readWorkbook(grids).workbook;
  const { changes, missing } = scenarioChanges(scenario, workbook);
  return {
    workbook,
    changes,
    missing,
    grids: withInputs(grids, workbook, changes),
  };
}

export interface Side<T> {
  readonly a: T;
  readonly b: T;
}

/** An input that differs: the line's own, or a person's of the line (named). */
export interface ComparedInput extends Side<number | null> {
  readonly field: ChangeField;
  /** The person of `Lönekalkyl` whose input it is; none for the line's own. */
  readonly person?: string;
}

export interface ComparedLine {
  readonly label: string;
  readonly budget: Side<Ore | null>;
  /** The inputs that differ, in model units: the line's, then its persons'. */
  readonly inputs: readonly ComparedInput[];
}

export interface ComparedHalfYear {
  readonly id: string;
  readonly total: Side<Ore | null>;
  /** Lines whose budget or inputs differ, in the order of A then B's own lines. */
  readonly lines: readonly ComparedLine[];
  /** Lines alike in both. */
  readonly same: number;
}

export interface Comparison {
  readonly halfYears: readonly ComparedHalfYear[];
  readonly grantTotal: Side<Ore>;
  readonly repayment: Side<Ore>;
}

type PersonKeys = ReadonlyMap<Person, string>;

const personKeysOf = (a: Analysis): PersonKeys =>
  a.workbook.salaries ? keysOfPersons(a.workbook.salaries) : new Map();

/** The inputs of a line's persons that differ between two states, persons matched by key. */
function personInputs(
  la: ComputedLine | null,
  lb: ComputedLine | null,
  keysA: PersonKeys,
  keysB: PersonKeys,
): ComparedInput[] {
  if (!la?.salaries && !lb?.salaries) return [];
  // A person the workbook's sheet does not hold (figures held to another workbook's) by their row.
  const byKey = (l: ComputedLine | null, keys: PersonKeys) =>
    new Map(
      (l?.salaries ?? []).map((c) => [
        keys.get(c.person) ?? `row ${c.person.row}`,
        c.person,
      ]),
    );
  const pa = byKey(la, keysA);
  const pb = byKey(lb, keysB);
  const out: ComparedInput[] = [];
  for (const k of new Set([...pa.keys(), ...pb.keys()])) {
    const x = pa.get(k);
    const y = pb.get(k);
    const person = (x ?? y)!;
    for (const field of PERSON_FIELDS) {
      const d = {
        a: x ? personValue(x, field) : null,
        b: y ? personValue(y, field) : null,
      };
      if (d.a !== d.b)
        out.push({ field, ...d, person: person.name || person.post });
    }
  }
  return out;
}

/** Two states of a budget side by side: per half-year and per line, what differs. */
export function compareAnalyses(a: Analysis, b: Analysis): Comparison {
  const keysA = personKeysOf(a);
  const keysB = personKeysOf(b);
  const ids = [
    ...new Set(
      [...a.computation.halfYears, ...b.computation.halfYears].map(
        (h) => h.halfYear.id,
      ),
    ),
  ].sort();
  const halfYear = (x: Analysis, id: string) =>
    x.computation.halfYears.find((h) => h.halfYear.id === id) ?? null;
  return {
    halfYears: ids.map((id) => {
      const ha = halfYear(a, id);
      const hb = halfYear(b, id);
      // Lines matched by key, the first of a key as the tables take it.
      const linesA = byLineKey(ha?.lines ?? [], (l) => l.input);
      const linesB = byLineKey(hb?.lines ?? [], (l) => l.input);
      const lines: ComparedLine[] = [];
      let same = 0;
      for (const k of new Set([...linesA.keys(), ...linesB.keys()])) {
        const la = linesA.get(k)?.[0] ?? null;
        const lb = linesB.get(k)?.[0] ?? null;
        // A budget that is a formula (a SUMIF of the persons) is no input: its figure is the row's.
        const value = (l: typeof la, field: InputField) =>
          l && !(field === "budget" && l.input.formulas.budget !== undefined)
            ? inputValue(l.input, field)
            : null;
        const inputs: ComparedInput[] = [
          ...INPUT_FIELDS.map((field) => ({
            field,
            a: value(la, field),
            b: value(lb, field),
          })).filter((d) => d.a !== d.b),
          ...personInputs(la, lb, keysA, keysB),
        ];
        const budget = {
          a: la ? la.effectiveBudget : null,
          b: lb ? lb.effectiveBudget : null,
        };
        if (budget.a === budget.b && inputs.length === 0) same++;
        else lines.push({ label: (la ?? lb)!.input.label, budget, inputs });
      }
      return {
        id,
        total: {
          a: ha ? ha.budget.total : null,
          b: hb ? hb.budget.total : null,
        },
        lines,
        same,
      };
    }),
    grantTotal: { a: a.computation.grantTotal, b: b.computation.grantTotal },
    repayment: {
      a: a.computation.repayment.total,
      b: b.computation.repayment.total,
    },
  };
}
