// The budget template (issue #3): a new workbook for an agreement period, laid out as the reader
// expects, with the seed case's posts as example rows. Its formulas come from the same write plan
// as `compute`, run over the template's own cells, so the template and the engine cannot disagree.

import { analyze } from "../analyze";
import { daysInMonth, isoFromParts, isoToSerial } from "../reading/dates";
import type { Cell, Grid } from "../reading/grid";
import { type HalfYear, halfYearsBetween } from "../reading/period";
import { DETAILS_SHEET } from "../reading/read";
import { planHalfYear } from "./halfyear";
import { dateRef, fractionRef, rateRef } from "./refs";
import { planRatesSheet } from "./rates";
import { planSalaries } from "./salaries";
import { SALARY_SHEET } from "../model";
import { EXAMPLE_CASE, EXAMPLE_SHEET } from "../ownership";
import {
  type CellStyle,
  type CellWrite,
  DATE_FORMAT,
  HEADER_STYLE,
  GRADE_INPUT_FORMAT,
  PERCENT_FORMAT,
  RATE_INPUT_FORMAT,
  numberStyleFor,
  PLAIN_AMOUNT_FORMAT,
  type PlanValue,
  type SheetCreate,
  type Validation,
  type WritePlan,
  UNTIL_FILLED_FORMAT,
  formula,
  num,
  text,
} from "./types";
import { SWEDISH_MONTHS } from "../reading/period";

export * from "./template-period";
import type { TemplateOptions } from "./template-period";

/** An input cell: yellow, and not locked on the protected sheet. */
const INPUT: CellStyle = { fill: "FFF2CC", unlocked: true };
const HEADERS = [
  "Kostnadsslag",
  "Post",
  "Tjänstgöringsgrad",
  "Antal månader",
  "Månadskostnad",
  "Budget",
  "Utfall",
  "Differens",
  "Status",
  // Where the report explains an overspent line: OVERSPENT quotes it.
  "Förklaring",
];
const HEADER_ROW = 3;

/** The example lines: the seed case's posts (SPEC §5) with its figures, to be written over. */
const EXAMPLE_LINES: ReadonlyArray<{
  category: string;
  label: string;
  percent?: number;
  monthlyCost?: number;
  budget?: number;
}> = [
  // The salary lines' % and budget come from Lönekalkyl (its persons on the same Post).
  { category: "Lön", label: "Hälsofrämjare" },
  { category: "Lön", label: "Samordnare utveckling" },
  { category: "Verksamhet", label: "Verksamhetskostnader", budget: 100000 },
  { category: "OH", label: "OH-kostnader" },
];

function put(
  cells: CellWrite[],
  row: number,
  col: number,
  value: PlanValue,
  style?: CellStyle,
): void {
  cells.push(
    style
      ? { row, col, value, style: numberStyleFor(style, value) }
      : { row, col, value },
  );
}

/** The grid a spreadsheet would read from the cells, so the engine can plan the formulas over it. */
function gridOf(name: string, cells: readonly CellWrite[]): Grid {
  const rows: (Cell | undefined)[][] = [];
  for (const c of cells) {
    const v = c.value;
    const fmt = c.style?.numberFormat;
    const cell: Cell | undefined =
      v.kind === "number"
        ? fmt
          ? { t: "n", v: v.value, fmt }
          : { t: "n", v: v.value }
        : v.kind === "text"
          ? { t: "s", v: v.value }
          : v.kind === "date"
            ? { t: "n", v: isoToSerial(v.iso), fmt: DATE_FORMAT }
            : undefined;
    if (cell) (rows[c.row] ??= [])[c.col] = cell;
  }
  return { name, rows };
}

/** Uppgifter's keys, the template's values, their styles and a line of help each. */
const DETAIL_ROWS: readonly [
  string,
  PlanValue | "start" | "end",
  CellStyle | undefined,
  string,
][] = [
  ["Partnerskap", text(""), INPUT, "Partnerskapets namn."],
  ["Diarienummer", text(""), INPUT, "Stadskontorets diarienummer."],
  ["Organisation", text(""), INPUT, "Den idéburna organisationen."],
  [
    "Organisationsnummer",
    text(""),
    INPUT,
    "NNNNNN-NNNN; kontrollsiffran kontrolleras.",
  ],
  [
    "Avtalsperiod från",
    "start",
    { ...INPUT, numberFormat: DATE_FORMAT },
    "Första dagen i avtalet.",
  ],
  [
    "Avtalsperiod till",
    "end",
    { ...INPUT, numberFormat: DATE_FORMAT },
    "Sista dagen i avtalet.",
  ],
  [
    "OH-sats",
    num(0.1),
    { ...INPUT, numberFormat: RATE_INPUT_FORMAT },
    "Påslag för OH-kostnader (IT, HR, ekonomi) på de direkta kostnaderna.",
  ],
  [
    "Pålägg",
    num(0.06),
    { ...INPUT, numberFormat: RATE_INPUT_FORMAT },
    "Pålägg på lönen i Lönekalkyl för tjänstepension, avtalsförsäkringar och andra lönekostnader (exempel: ange ert).",
  ],
  [
    "Återbetalning senast",
    text(""),
    { ...INPUT, numberFormat: DATE_FORMAT },
    "Datum då ej förbrukade medel ska vara återbetalda.",
  ],
  [
    "Återrapportering senast",
    text(""),
    { ...INPUT, numberFormat: DATE_FORMAT },
    "Datum då återrapporteringen ska vara inlämnad.",
  ],
  [
    "Tolerans",
    text(""),
    INPUT,
    "Frivilligt: överskridande per post som godtas utan anmärkning, i % eller kr.",
  ],
  [
    "Avtalstyp",
    text(""),
    INPUT,
    'Frivilligt: "Förlängning" när avtalet förlänger ett tidigare; beslutsförslaget formuleras då därefter.',
  ],
  [
    "Undertecknas av",
    text(""),
    INPUT,
    "Frivilligt: förvaltningarna som undertecknar avtalet, åtskilda med kommatecken.",
  ],
  [
    "Anslag",
    text(""),
    INPUT,
    "Frivilligt: varifrån bidraget beviljas (tomt: kommunstyrelsens anslag för projekt och utredningar).",
  ],
];

function detailsSheet(start: string, end: string): SheetCreate {
  const cells: CellWrite[] = [];
  DETAIL_ROWS.forEach(([key, value, style, help], r) => {
    put(cells, r, 0, text(key), { bold: true });
    put(
      cells,
      r,
      1,
      value === "start" || value === "end"
        ? { kind: "date", iso: value === "start" ? start : end }
        : value,
      style,
    );
    put(cells, r, 2, text(help), { italic: true, fontColor: "595959" });
  });
  put(
    cells,
    DETAIL_ROWS.length + 1,
    0,
    text(
      'Ej återbetalda överskott från tidigare år skrivs som egna rader: "Överskott 2024" och beloppet i kolumn B.',
    ),
    { italic: true },
  );
  return {
    sheet: DETAILS_SHEET,
    cells,
    columnWidths: [26, 24, 70],
    freeze: null,
    validations: [],
    marks: [],
  };
}

function halfYearName(h: HalfYear): string {
  return `Budget ${h.year} H${h.half}`;
}

function halfYearSheet(h: HalfYear, months: number): SheetCreate {
  const cells: CellWrite[] = [];
  const firstMonth = SWEDISH_MONTHS[h.half === 1 ? 0 : 6]!;
  const lastMonth = SWEDISH_MONTHS[h.half === 1 ? 5 : 11]!;
  put(cells, 0, 0, text("Period"), { bold: true });
  put(cells, 0, 1, text(`${firstMonth}–${lastMonth} ${h.year}`));
  put(
    cells,
    1,
    0,
    text(
      "Fyll i de gula cellerna. Budget för lönerader och OH räknas fram av formlerna; Differens och Status när utfallet är ifyllt. Förklara en överskriden post under Förklaring.",
    ),
    { italic: true },
  );
  HEADERS.forEach((hd, c) => put(cells, HEADER_ROW, c, text(hd), HEADER_STYLE));
  const first = HEADER_ROW + 1;
  EXAMPLE_LINES.forEach((line, i) => {
    const r = first + i;
    put(cells, r, 0, text(line.category), INPUT);
    put(cells, r, 1, text(line.label), INPUT);
    if (line.percent !== undefined) {
      put(cells, r, 2, num(line.percent), {
        ...INPUT,
        numberFormat: GRADE_INPUT_FORMAT,
      });
      put(cells, r, 3, num(months), INPUT);
      put(cells, r, 4, num(line.monthlyCost!), {
        ...INPUT,
        numberFormat: PLAIN_AMOUNT_FORMAT,
      });
    }
    if (line.budget !== undefined)
      put(cells, r, 5, num(line.budget), {
        ...INPUT,
        numberFormat: PLAIN_AMOUNT_FORMAT,
      });
    put(cells, r, 6, text(""), { ...INPUT, numberFormat: PLAIN_AMOUNT_FORMAT });
    put(cells, r, HEADERS.length - 1, text(""), INPUT);
  });
  const totalRow = first + EXAMPLE_LINES.length;
  put(cells, totalRow, 1, text("Summa"), { bold: true });
  const last = totalRow - 1;
  // The actuals' sum, shown once there are any: a partner reporting in Excel sees the total.
  put(cells, totalRow, 6, formula(`SUM(G${first + 1}:G${last + 1})`, 0), {
    bold: true,
    numberFormat: UNTIL_FILLED_FORMAT,
  });
  const validations: Validation[] = [
    {
      range: `A${first + 1}:A${last + 1}`,
      kind: "list",
      values: ["Lön", "Verksamhet", "OH", "Övrigt"],
      message: "Välj Lön, Verksamhet, OH eller Övrigt.",
    },
    {
      range: `C${first + 1}:C${last + 1}`,
      kind: "custom",
      formula: `AND(ISNUMBER(C${first + 1}),C${first + 1}>0)`,
      message: "Tjänstgöringsgraden ska vara större än 0 %.",
    },
    {
      range: `D${first + 1}:D${last + 1}`,
      kind: "custom",
      formula: `AND(ISNUMBER(D${first + 1}),D${first + 1}>0,D${first + 1}<=6)`,
      message: "Antal månader ska vara större än 0 och högst 6.",
    },
  ];
  return {
    sheet: halfYearName(h),
    cells,
    columnWidths: [16, 30, 18, 15, 16, 14, 14, 14, 14, 40],
    freeze: { rows: HEADER_ROW + 1, cols: 0 },
    validations,
    marks: [],
  };
}

/** The example persons of `Lönekalkyl`: the seed's posts, 275 % and 50 %, one of them young. */
const EXAMPLE_PERSONS: ReadonlyArray<{
  post: string;
  name: string;
  born: number;
  salary: number;
  grade: number;
}> = [
  {
    post: "Hälsofrämjare",
    name: "Hälsofrämjare 1",
    born: 1985,
    salary: 34000,
    grade: 1,
  },
  {
    post: "Hälsofrämjare",
    name: "Hälsofrämjare 2",
    born: 1979,
    salary: 33000,
    grade: 1,
  },
  {
    post: "Hälsofrämjare",
    name: "Hälsofrämjare 3",
    born: 2004,
    salary: 30000,
    grade: 0.75,
  },
  {
    post: "Samordnare utveckling",
    name: "Samordnare",
    born: 1972,
    salary: 42000,
    grade: 0.5,
  },
];
const SALARY_HEADER_ROW = 2;
/**
 * Rows for persons, the examples' among them: empty yellow rows below the examples, each with the
 * cost formulas, so that a person typed there is counted by the workbook's own formulas (a row
 * below the formulas' ranges was not, until compute).
 */
const PERSON_ROWS = 20;
/** The last row (1-based) prepared for a person. */
const LAST_PERSON_ROW = SALARY_HEADER_ROW + 1 + PERSON_ROWS;

function salarySheet(): SheetCreate {
  const cells: CellWrite[] = [];
  put(cells, 0, 0, text(SALARY_SHEET), { bold: true, fontSize: 14 });
  put(
    cells,
    1,
    0,
    text(
      "En rad per person, i de gula raderna. Post ska heta som lönens rad på halvårsbladen. Kostnaden per halvår räknas fram med arbetsgivaravgifter efter ålder och datum (bladet Avgiftssatser) och Pålägg. Tomt Från/Till: hela avtalsperioden.",
    ),
    { italic: true },
  );
  SALARY_COLUMNS.forEach((h, c) =>
    put(cells, SALARY_HEADER_ROW, c, text(h), HEADER_STYLE),
  );
  for (let i = 0; i < PERSON_ROWS; i++) {
    const r = SALARY_HEADER_ROW + 1 + i;
    const p = EXAMPLE_PERSONS[i];
    put(cells, r, 0, text(p?.post ?? ""), INPUT);
    put(cells, r, 1, text(p?.name ?? ""), INPUT);
    put(cells, r, 2, p ? num(p.born) : text(""), INPUT);
    put(cells, r, 3, p ? num(p.salary) : text(""), {
      ...INPUT,
      numberFormat: PLAIN_AMOUNT_FORMAT,
    });
    put(cells, r, 4, p ? num(p.grade) : text(""), {
      ...INPUT,
      numberFormat: GRADE_INPUT_FORMAT,
    });
    put(cells, r, 5, text(""), { ...INPUT, numberFormat: DATE_FORMAT });
    put(cells, r, 6, text(""), { ...INPUT, numberFormat: DATE_FORMAT });
    put(cells, r, 7, text(""), { ...INPUT, numberFormat: RATE_INPUT_FORMAT });
  }
  const first = SALARY_HEADER_ROW + 2;
  const last = LAST_PERSON_ROW;
  return {
    sheet: SALARY_SHEET,
    cells,
    columnWidths: [24, 22, 11, 13, 18, 12, 12, 10, 16, 16, 16, 16],
    freeze: { rows: SALARY_HEADER_ROW + 1, cols: 0 },
    validations: [
      {
        range: `C${first}:C${last}`,
        kind: "custom",
        formula: `AND(ISNUMBER(C${first}),C${first}>=1930,C${first}<=2015)`,
        message: "Skriv födelseåret med fyra siffror, t.ex. 1985.",
      },
      {
        range: `E${first}:E${last}`,
        kind: "custom",
        formula: `AND(ISNUMBER(E${first}),E${first}>0,E${first}<=1)`,
        message: "Tjänstgöringsgraden ska vara större än 0 % och högst 100 %.",
      },
    ],
    marks: [],
  };
}

const SALARY_COLUMNS = [
  "Post",
  "Namn",
  "Födelseår",
  "Månadslön",
  "Tjänstgöringsgrad",
  "Från",
  "Till",
  "Pålägg",
];

/** The seed case worked through (SPEC §5), each figure a formula over the cells beside it. */
type Explained = readonly [string, string | number, number, string];

/** The example budget: post, %, months, monthly cost, the budget's formula and value, how. */
const EXAMPLE_BUDGET: readonly [
  string,
  number | null,
  number | null,
  number | null,
  string,
  number,
  string,
][] = [
  [
    "Hälsofrämjare",
    2.75,
    12,
    45000,
    "ROUND(B6*C6*D6,0)",
    1_485_000,
    "275 % × 12 månader × 45 000 kr",
  ],
  [
    "Samordnare utveckling",
    0.5,
    12,
    55424,
    "ROUND(B7*C7*D7,0)",
    332_544,
    "50 % × 12 månader × 55 424 kr",
  ],
  [
    "Verksamhetskostnader",
    null,
    null,
    null,
    "200000",
    200_000,
    "beloppet som det står",
  ],
  [
    "OH-kostnader",
    null,
    null,
    null,
    "ROUND(0.1*SUM(E6:E8),0)",
    201_754,
    "10 % av de direkta kostnaderna",
  ],
  ["Totalt", null, null, null, "SUM(E6:E9)", 2_219_298, "det som beviljas"],
];

/** The example report: label, number or formula, its value, how it is reached. */
const EXAMPLE_REPORT: readonly Explained[] = [
  ["Budget", 1_925_000, 1_925_000, "summan av halvårens budget"],
  ["Utfall", 1_777_664, 1_777_664, "summan av halvårens utfall"],
  ["Överskott 2024", "B13-B14", 147_336, "budget − utfall"],
  ["Överskott från 2023", 232_886, 232_886, "ej återbetalt från förra året"],
  [
    "Att återbetala senast 2025-06-30",
    "B15+B16",
    380_222,
    "överskotten tillsammans",
  ],
];

/** The example Lönekalkyl: three persons on one post. */
const EXAMPLE_SALARY: readonly Explained[] = [
  [
    "32 000 kr, 100 %, hela halvåret",
    "ROUND(32000*1*6*(1+0.3142),0)",
    252_326,
    "6 månader × (1 + 31,42 % arbetsgivaravgifter)",
  ],
  [
    "24 000 kr, 75 %, född 2005",
    "ROUND(24000*0.75*(3*(1+0.3142)+3*(1+0.2081)),0)",
    136_204,
    "januari–mars 31,42 %; april–juni 20,81 % (nedsättningen för unga, lön upp till 25 000 kr)",
  ],
  [
    "40 000 kr, 100 %, från 1 mars",
    "ROUND(40000*1*4*(1+0.3142),0)",
    210_272,
    "4 månader × (1 + 31,42 %)",
  ],
  [
    "Posten Hälsofrämjare",
    "SUM(B20:B22)",
    598_802,
    "budgeten på halvårsbladet",
  ],
];

const EXAMPLE_AMOUNT: CellStyle = { numberFormat: PLAIN_AMOUNT_FORMAT };

function exampleSheet(): SheetCreate {
  const cells: CellWrite[] = [];
  put(
    cells,
    0,
    0,
    text(`Exempel: ${EXAMPLE_CASE.name} (${EXAMPLE_CASE.organisation})`),
    {
      bold: true,
      fontSize: 14,
    },
  );
  put(
    cells,
    1,
    0,
    text(
      "Så räknas budgeten och återrapporteringen fram. Bladet är skrivskyddat: det är bara ett exempel.",
    ),
    { italic: true },
  );
  exampleBudget(cells);
  put(cells, 11, 0, text("Återrapportering 2024"), { bold: true });
  explained(cells, 12, EXAMPLE_REPORT);
  put(
    cells,
    18,
    0,
    text("Lönekalkyl januari–juni 2026: tre personer på Hälsofrämjare"),
    { bold: true },
  );
  explained(cells, 19, EXAMPLE_SALARY);
  return {
    sheet: EXAMPLE_SHEET,
    cells,
    columnWidths: [34, 18, 16, 16, 14, 44],
    freeze: null,
    validations: [],
    marks: [],
  };
}

function exampleBudget(cells: CellWrite[]): void {
  put(cells, 3, 0, text("Budgetförslag juli 2025 – juni 2026"), { bold: true });
  [
    "Post",
    "Tjänstgöringsgrad",
    "Antal månader",
    "Månadskostnad",
    "Budget",
    "Så räknas det",
  ].forEach((h, c) => put(cells, 4, c, text(h), HEADER_STYLE));
  EXAMPLE_BUDGET.forEach(([post, pct, months, cost, f, value, how], i) => {
    const r = 5 + i;
    put(
      cells,
      r,
      0,
      text(post),
      i === EXAMPLE_BUDGET.length - 1 ? { bold: true } : undefined,
    );
    if (pct !== null)
      put(cells, r, 1, num(pct), { numberFormat: PERCENT_FORMAT });
    if (months !== null) put(cells, r, 2, num(months));
    if (cost !== null) put(cells, r, 3, num(cost), EXAMPLE_AMOUNT);
    put(
      cells,
      r,
      4,
      /^\d+$/.test(f)
        ? num(value)
        : { kind: "formula", formula: f, cached: value },
      EXAMPLE_AMOUNT,
    );
    put(cells, r, 5, text(how), { italic: true });
  });
}

/** Rows of a label, a number or a formula (with its value) and how it is reached; the last bold. */
function explained(
  cells: CellWrite[],
  first: number,
  list: readonly Explained[],
): void {
  list.forEach(([label, v, value, how], i) => {
    put(
      cells,
      first + i,
      0,
      text(label),
      i === list.length - 1 ? { bold: true } : undefined,
    );
    put(
      cells,
      first + i,
      1,
      typeof v === "number"
        ? num(v)
        : { kind: "formula", formula: v, cached: value },
      EXAMPLE_AMOUNT,
    );
    put(cells, first + i, 2, text(how), { italic: true });
  });
}

/** Characters of an instruction's line: within the column's width of 120. */
const INSTRUCTION_WIDTH = 110;

/**
 * Text broken at spaces into lines of at most `width` characters (a longer word stands alone),
 * each after the first indented under the text that follows its number ("2. ").
 */
export function brokenAtSpaces(line: string, width: number): string[] {
  const indent = " ".repeat(/^\d+\. /.exec(line)?.[0].length ?? 0);
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    const next = current === "" ? word : `${current} ${word}`;
    // An arrow stays with the word before it ("Granska → Ta bort bladskydd").
    if (next.length > width && current.trim() !== "" && word !== "→") {
      out.push(current);
      current = indent + word;
    } else current = next;
  }
  out.push(current);
  return out;
}

function instructionsSheet(): SheetCreate {
  const lines = [
    "Så fyller ni i budgeten",
    "1. Fyll i bladet Uppgifter: partnerskap, organisation, avtalsperiod, OH-sats och Pålägg.",
    "2. Fyll i Lönekalkyl: en rad per person med post, födelseår, månadslön, tjänstgöringsgrad och eventuellt från- och tilldatum, i de 20 gula raderna (exemplens och de tomma under dem). Arbetsgivaravgifterna räknas fram efter ålder och datum (bladet Avgiftssatser). Behövs fler rader: infoga dem bland de gula och välj Beräkna i IOP-budget, så får de kostnadsformeln.",
    "3. Fyll i ett blad per halvår. Exempelraderna kommer från Jämlik hälsa Lindängen: skriv över dem med er budget. Lönernas budget och tjänstgöringsgrad hämtas från Lönekalkyl för personerna på samma post: graden för dem som arbetar under halvåret.",
    "4. Nya poster läggs in som nya rader ovanför OH-raden, så att OH räknas på dem. Bladen är skyddade utan lösenord: de gula cellerna går att fylla i och rader går att infoga; formlerna är låsta och fylls i för nya rader när ni väljer Beräkna i IOP-budget. En rad går inte att ta bort medan bladet är skyddat: välj Granska → Ta bort bladskydd, ta bort raden och skydda bladet igen (Granska → Skydda blad, inget lösenord).",
    "5. OH-kostnaderna räknas fram som OH-satsen gånger de direkta kostnaderna.",
    "6. Vid återrapportering: fyll i kolumnen Utfall. Differens och Status visas då, och överskridna poster markeras i rött. Förklara varje överskriden post i kolumnen Förklaring.",
    "7. Bladet Exempel visar hur Jämlik hälsa Lindängens budget och återrapportering räknas fram.",
    "8. Kontrollera arbetsboken med IOP-budget (Kontrollera) innan den skickas in.",
  ];
  // Each step in lines that fit the column, one row each: a step of 400 characters in one cell was
  // read by scrolling sideways, and printed one page wide it was tiny. (Wrapped text in a cell
  // would need row heights Calc does not work out on opening: its lines overlapped.)
  const rows = [
    lines[0]!,
    ...lines.slice(1).flatMap((l) => brokenAtSpaces(l, INSTRUCTION_WIDTH)),
  ];
  const cells: CellWrite[] = rows.map((l, i) => ({
    row: i,
    col: 0,
    value: text(l),
    ...(i === 0 ? { style: { bold: true, fontSize: 14 } } : {}),
  }));
  return {
    sheet: "Instruktioner",
    cells,
    columnWidths: [120],
    freeze: null,
    validations: [],
    marks: [],
  };
}

/** The plan of a new budget workbook for the agreement period from–to (months inclusive). */
export function planTemplate(o: TemplateOptions): WritePlan {
  const start = isoFromParts(o.from.year, o.from.month, 1);
  const end = isoFromParts(
    o.to.year,
    o.to.month,
    daysInMonth(o.to.year, o.to.month),
  );
  const details = detailsSheet(start, end);
  const salaries = salarySheet();
  const halfYears = halfYearsBetween(start, end);
  const sheets = halfYears.map((h) => {
    // Months of the agreement inside this half-year (6 unless the agreement starts or ends inside it).
    const first = Math.max(
      h.start < start ? o.from.month : h.half === 1 ? 1 : 7,
      1,
    );
    const last = h.end > end ? o.to.month : h.half === 1 ? 6 : 12;
    return halfYearSheet(h, last - first + 1);
  });
  // The engine reads the template's own cells and plans its formulas, exactly as for `compute`.
  const salaryGrid = gridOf(SALARY_SHEET, salaries.cells);
  const grids = [
    gridOf(DETAILS_SHEET, details.cells),
    ...sheets.map((s) => gridOf(s.sheet, s.cells)),
  ];
  const analysis = analyze({ sheets: [...grids, salaryGrid] });
  const a = analysis.workbook.agreement;
  const salaryPlan = analysis.workbook.salaries
    ? planSalaries(
        salaryGrid,
        analysis.workbook.salaries,
        analysis,
        fractionRef(
          { sheets: grids },
          a.sheet,
          a.cells.surcharge,
          a.surchargePpm,
        ),
        {
          start: dateRef({ sheets: grids }, a.sheet, a.cells.start, a.start),
          end: dateRef({ sheets: grids }, a.sheet, a.cells.end, a.end),
        },
        LAST_PERSON_ROW,
      )
    : null;
  const rate = rateRef({ sheets: grids }, analysis);
  const creates = sheets.map((s, i) => {
    const h = analysis.computation.halfYears.find(
      (x) => x.source.sheet === s.sheet,
    );
    const plan = h
      ? planHalfYear(grids[i + 1]!, h, rate, salaryPlan?.refs)
      : null;
    if (!plan) return s;
    const planned = new Set(plan.cells.map((c) => `${c.row},${c.col}`));
    const kept = s.cells.filter((c) => !planned.has(`${c.row},${c.col}`));
    // Formula cells keep the template's input look where they replace one (e.g. the Utfall sum).
    return { ...s, cells: [...kept, ...plan.cells], marks: plan.marks };
  });
  // A header cannot read a cell: the partnership's name is not known when the template is made.
  const name = "Budget för idéburet offentligt partnerskap (IOP)";
  // Every sheet but the instructions is protected (no password) and prints landscape, one page wide.
  const guarded = (c: SheetCreate): SheetCreate => ({
    ...c,
    protect: true,
    print: { header: name },
  });
  const salaryCells = salaryPlan
    ? [...salaries.cells, ...salaryPlan.edit.cells]
    : salaries.cells;
  return {
    edits: [],
    creates: [
      { ...instructionsSheet(), print: { header: name } },
      guarded(details),
      guarded({ ...salaries, cells: salaryCells }),
      ...creates.map(guarded),
      guarded(planRatesSheet(false)),
      guarded(exampleSheet()),
    ],
  };
}
