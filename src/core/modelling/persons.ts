// What-if on the persons of `Lönekalkyl` (SPEC §4.17): a person's monthly salary, grade or dates
// changed as a line's inputs are. The line costed on them follows through the workbook's formulas
// (their cost cells, the line's SUMIF), worked out again as the spreadsheet does (recalc.ts).

import type { Cell } from "../reading/grid";
import type { SalarySheet } from "../model";
import type { Person, PersonInput } from "../figures/payroll";
import {
  DATE_FORMAT,
  PLAIN_AMOUNT_FORMAT,
  type CellStyle,
  type PlanValue,
} from "../plan/types";
import { isDateFormat, isoToSerial, serialToIso } from "../reading/dates";
import { personKey } from "../reading/salaries";
import { percentCell, plainNumberStyle } from "./cells";

/** The inputs of a person what-if may change: each is a column of `Lönekalkyl`. */
export const PERSON_FIELDS = ["grade", "monthlySalary", "from", "to"] as const;

export type PersonField = (typeof PERSON_FIELDS)[number];

const COLUMN: Readonly<Record<PersonField, PersonInput>> = {
  grade: "grade",
  monthlySalary: "salary",
  from: "from",
  to: "to",
};

export function isPersonField(field: string): field is PersonField {
  return (PERSON_FIELDS as readonly string[]).includes(field);
}

export const isDateField = (field: string): boolean =>
  field === "from" || field === "to";

/**
 * Each person's key as a change names it: Post and name (normalised), and for a name again on the
 * same Post (a raise from a date is a row of its own) which of them, so that a change survives rows
 * inserted above the person.
 */
export function personKeys(salaries: SalarySheet): Map<string, Person> {
  const keys = new Map<string, Person>();
  const seen = new Map<string, number>();
  for (const p of salaries.persons) {
    const base = personKey(p.post, p.name);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    keys.set(n === 0 ? base : `${base}\u0000${n}`, p);
  }
  return keys;
}

/** The key of each person (personKeys the other way round). */
export function keysOfPersons(salaries: SalarySheet): Map<Person, string> {
  return new Map([...personKeys(salaries)].map(([k, p]) => [p, k]));
}

/**
 * The model's value of a person's input: millionths of a percent point, öre, or a date's serial
 * number (0 for a date left open: the whole agreement). Null when the cell could not be read.
 */
export function personValue(person: Person, field: PersonField): number | null {
  switch (field) {
    case "grade":
      return person.gradeMicro;
    case "monthlySalary":
      return person.monthlySalary;
    case "from":
      return person.from === null ? 0 : isoToSerial(person.from);
    case "to":
      return person.to === null ? 0 : isoToSerial(person.to);
  }
}

/** The inputs of a person what-if may change: a column the sheet has, without a formula in it. */
export function editablePersonFields(
  salaries: SalarySheet,
  person: Person,
): readonly PersonField[] {
  return PERSON_FIELDS.filter(
    (f) =>
      salaries.columns[COLUMN[f]] !== undefined &&
      !person.formulas?.includes(COLUMN[f]),
  );
}

/** The 0-based column of a person's input. */
export function personColumn(
  salaries: SalarySheet,
  field: PersonField,
): number | undefined {
  return salaries.columns[COLUMN[field]];
}

/**
 * The value a person's input is written as, in the cell's convention: a grade as a fraction in a
 * percent cell or one holding a fraction, as points where the cell holds points; a salary in the
 * sheet's unit; a date as a date (empty for one left open). A format the value needs is written
 * over the cell's own where that would misread it.
 */
export function personCellValue(
  field: PersonField,
  value: number,
  before: Cell | undefined,
  salaries: SalarySheet,
): { value: PlanValue | null; style: CellStyle | null } {
  const fmt = before?.fmt;
  switch (field) {
    case "grade": {
      // A plain number is points over 1, a fraction up to it, as the reader takes it.
      const plain = before?.t === "n" && before.v > 1 ? 1 : 100;
      const { v, style } = percentCell(value / 1_000_000, before, plain);
      return number(v, style);
    }
    case "monthlySalary": {
      const kronor = value / 100 / (salaries.salaryUnit ?? 1);
      return number(
        kronor,
        plainNumberStyle(before, PLAIN_AMOUNT_FORMAT, kronor),
      );
    }
    case "from":
    case "to": {
      const iso = value === 0 ? null : serialToIso(value);
      if (iso === null) return { value: null, style: null };
      return {
        value: { kind: "date", iso },
        style: isDateFormat(fmt)
          ? null
          : { numberFormat: DATE_FORMAT, overOwnFormat: true },
      };
    }
  }
}

const number = (v: number, style: CellStyle | null) => ({
  value: { kind: "number", value: v } as PlanValue,
  style,
});
