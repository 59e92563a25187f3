// The budget template (issue #3): a new workbook for an agreement period, laid out as the reader
// expects, with the seed case's posts as example rows. Its formulas come from the same write plan
// as `compute`, run over the template's own cells, so the template and the engine cannot disagree.

import { analyze } from "../analyze";
import { daysInMonth, isoFromParts, isoToSerial } from "../dates";
import type { Cell, Grid } from "../grid";
import { type HalfYear, halfYearsBetween } from "../period";
import { DETAILS_SHEET } from "../read";
import { planHalfYear, type RateRef } from "./halfyear";
import {
  type CellStyle,
  type CellWrite,
  DATE_FORMAT,
  HEADER_STYLE,
  PERCENT_FORMAT,
  PLAIN_AMOUNT_FORMAT,
  type PlanValue,
  type SheetCreate,
  type Validation,
  type WritePlan,
  num,
  text,
} from "./types";
import { SWEDISH_MONTHS } from "../period";

export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

export interface TemplateOptions {
  readonly from: YearMonth;
  readonly to: YearMonth;
}

export function parseYearMonth(text: string): YearMonth | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

/** A template period from two "YYYY-MM" texts: both valid, in order, at most ten years; else null. */
export function templatePeriod(
  from: string,
  to: string,
): TemplateOptions | null {
  const f = parseYearMonth(from);
  const t = parseYearMonth(to);
  if (!f || !t) return null;
  const months = (t.year - f.year) * 12 + t.month - f.month + 1;
  return months >= 1 && months <= 120 ? { from: f, to: t } : null;
}

/** The half-year after today's: where a new agreement usually starts. Twelve months by default. */
export function defaultTemplatePeriod(today: Date): TemplateOptions {
  const y = today.getFullYear();
  const from =
    today.getMonth() < 6 ? { year: y, month: 7 } : { year: y + 1, month: 1 };
  const to =
    from.month === 7
      ? { year: y + 1, month: 6 }
      : { year: from.year, month: 12 };
  return { from, to };
}

const INPUT: CellStyle = { fill: "FFF2CC" };
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
];
const HEADER_ROW = 3;
const RATE_ADDRESS = "B7";

/** The example lines: the seed case's posts (SPEC §5) with its figures, to be written over. */
const EXAMPLE_LINES: ReadonlyArray<{
  category: string;
  label: string;
  percent?: number;
  monthlyCost?: number;
  budget?: number;
}> = [
  {
    category: "Lön",
    label: "Hälsofrämjare",
    percent: 2.75,
    monthlyCost: 45000,
  },
  {
    category: "Lön",
    label: "Samordnare utveckling",
    percent: 0.5,
    monthlyCost: 55424,
  },
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
  cells.push(style ? { row, col, value, style } : { row, col, value });
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

function detailsSheet(start: string, end: string): SheetCreate {
  const cells: CellWrite[] = [];
  const rows: [string, PlanValue, CellStyle | undefined, string][] = [
    [
      "Partnerskap",
      text("Jämlik hälsa Lindängen"),
      INPUT,
      "Partnerskapets namn (exempel: ändra till ert).",
    ],
    [
      "Diarienummer",
      text("STK-2020-1375"),
      INPUT,
      "Stadskontorets diarienummer.",
    ],
    [
      "Organisation",
      text("Rädda Barnen"),
      INPUT,
      "Den idéburna organisationen.",
    ],
    [
      "Organisationsnummer",
      text("802002-8638"),
      INPUT,
      "NNNNNN-NNNN; kontrollsiffran kontrolleras.",
    ],
    [
      "Avtalsperiod från",
      { kind: "date", iso: start },
      { ...INPUT, numberFormat: DATE_FORMAT },
      "Första dagen i avtalet.",
    ],
    [
      "Avtalsperiod till",
      { kind: "date", iso: end },
      { ...INPUT, numberFormat: DATE_FORMAT },
      "Sista dagen i avtalet.",
    ],
    [
      "OH-sats",
      num(0.1),
      { ...INPUT, numberFormat: PERCENT_FORMAT },
      "Påslag för OH-kostnader (IT, HR, ekonomi) på de direkta kostnaderna.",
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
  rows.forEach(([key, value, style, help], r) => {
    put(cells, r, 0, text(key), { bold: true });
    put(cells, r, 1, value, style);
    put(cells, r, 2, text(help), { italic: true, fontColor: "595959" });
  });
  put(
    cells,
    rows.length + 1,
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
      "Fyll i de gula cellerna. Budget för lönerader och OH räknas fram av formlerna; Differens och Status när utfallet är ifyllt.",
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
        numberFormat: PERCENT_FORMAT,
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
  });
  const totalRow = first + EXAMPLE_LINES.length;
  put(cells, totalRow, 1, text("Summa"), { bold: true });
  const last = totalRow - 1;
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
    columnWidths: [16, 30, 18, 15, 16, 14, 14, 14, 14],
    freeze: { rows: HEADER_ROW + 1, cols: 0 },
    validations,
    marks: [],
  };
}

function instructionsSheet(): SheetCreate {
  const lines = [
    "Så fyller ni i budgeten",
    "1. Fyll i bladet Uppgifter: partnerskap, organisation, avtalsperiod och OH-sats.",
    "2. Fyll i ett blad per halvår. Exempelraderna kommer från Jämlik hälsa Lindängen: skriv över dem med er budget.",
    "3. Lönerader: ange tjänstgöringsgrad (t.ex. 275 % för tre personer), antal månader (högst 6) och månadskostnad för heltid inklusive arbetsgivaravgift och sociala avgifter. Budgeten räknas fram.",
    "4. Nya poster läggs in som nya rader ovanför OH-raden, så att OH räknas på dem.",
    "5. OH-kostnaderna räknas fram som OH-satsen gånger de direkta kostnaderna. Skriv inte över formeln.",
    "6. Vid återrapportering: fyll i kolumnen Utfall. Differens och Status visas då, och överskridna poster markeras i rött.",
    "7. Kontrollera arbetsboken med IOP-budget (Kontrollera) innan den skickas in.",
  ];
  const cells: CellWrite[] = lines.map((l, i) => ({
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
  const grids = [
    gridOf(DETAILS_SHEET, details.cells),
    ...sheets.map((s) => gridOf(s.sheet, s.cells)),
  ];
  const analysis = analyze({ sheets: grids });
  const rate: RateRef = {
    expression: `'${DETAILS_SHEET}'!$${RATE_ADDRESS.replace(/(\d+)/, "$$$1")}`,
    ppm: 100_000,
  };
  const creates = sheets.map((s, i) => {
    const h = analysis.computation.halfYears.find(
      (x) => x.source.sheet === s.sheet,
    );
    const plan = h ? planHalfYear(grids[i + 1]!, h, rate) : null;
    if (!plan) return s;
    const planned = new Set(plan.cells.map((c) => `${c.row},${c.col}`));
    const kept = s.cells.filter((c) => !planned.has(`${c.row},${c.col}`));
    // Formula cells keep the template's input look where they replace one (e.g. the Utfall sum).
    return { ...s, cells: [...kept, ...plan.cells], marks: plan.marks };
  });
  return { edits: [], creates: [instructionsSheet(), details, ...creates] };
}
