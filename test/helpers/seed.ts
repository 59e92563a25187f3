// The seed case (SPEC §5) as sheet descriptions, in the layouts people actually use.

import { type CellSpec, type SheetSpec, date, kr, pct } from "./workbook";

export interface DetailsOptions {
  readonly start?: string;
  readonly end?: string;
  readonly rate?: CellSpec;
  readonly orgNumber?: CellSpec;
  readonly repaymentDue?: string | null;
  readonly extra?: ReadonlyArray<readonly [string, CellSpec]>;
}

/** The workbook with one key of Uppgifter given another value (another case's Dnr, say). */
export function withDetail(
  sheets: readonly SheetSpec[],
  key: string,
  value: CellSpec,
): SheetSpec[] {
  return sheets.map((s) =>
    s.name === "Uppgifter"
      ? { ...s, rows: s.rows.map((r) => (r[0] === key ? [key, value] : r)) }
      : s,
  );
}

export function detailsSheet(o: DetailsOptions = {}): SheetSpec {
  const rows: CellSpec[][] = [
    ["Partnerskap", "Jämlik hälsa Lindängen"],
    ["Diarienummer", "STK-2020-1375"],
    ["Organisation", "Rädda Barnen"],
    ["Organisationsnummer", o.orgNumber ?? "802002-8638"],
    ["Avtalsperiod från", date(o.start ?? "2025-07-01")],
    ["Avtalsperiod till", date(o.end ?? "2026-06-30")],
    ["OH-sats", o.rate ?? pct(0.1)],
    ["Återrapportering senast", date("2026-02-01")],
  ];
  if (o.repaymentDue) rows.push(["Återbetalning senast", date(o.repaymentDue)]);
  for (const [k, v] of o.extra ?? []) rows.push([k, v]);
  return { name: "Uppgifter", rows };
}

export const HEADERS = [
  "Kostnadsslag",
  "Post",
  "Tjänstgöringsgrad",
  "Antal månader",
  "Månadskostnad",
  "Budget",
  "Utfall",
  "Differens",
];

/** The headers of `Lönekalkyl`'s table of persons, as the template lays them out. */
export const SALARY_HEADERS = [
  "Post",
  "Namn",
  "Födelseår",
  "Månadslön",
  "Tjänstgöringsgrad",
  "Från",
  "Till",
];

/** The 2025–26 budget half-year, as the template lays it out (header on row 3). */
export function budgetHalfYearSheet(
  name: string,
  period: string,
  o: { typedSalaries?: boolean } = {},
): SheetSpec {
  const typed = o.typedSalaries ?? true;
  return {
    name,
    rows: [
      ["Period", period],
      [],
      HEADERS,
      [
        "Lön",
        "Hälsofrämjare",
        pct(2.75),
        6,
        kr(45000),
        typed ? kr(742500) : null,
      ],
      [
        "Lön",
        "Samordnare utveckling",
        pct(0.5),
        6,
        kr(55424),
        typed ? kr(166272) : null,
      ],
      ["Verksamhet", "Verksamhetskostnader", null, null, null, kr(100000)],
      ["OH", "OH-kostnader", null, null, null, typed ? kr(100877) : null],
    ],
  };
}

/** The `Uppgifter` keys of the seed's extension decision (points 3–5). */
export const EXTENSION_KEYS: ReadonlyArray<readonly [string, CellSpec]> = [
  ["Avtalstyp", "Förlängning"],
  [
    "Undertecknas av",
    "arbetsmarknads- och socialförvaltningen, kulturförvaltningen",
  ],
  ["Anslag", "kommunstyrelsens anslag för projekt och utredningar"],
];

export function budgetWorkbook(
  o: { typedSalaries?: boolean; end?: string } = {},
): SheetSpec[] {
  return [
    detailsSheet({ extra: EXTENSION_KEYS, ...(o.end ? { end: o.end } : {}) }),
    budgetHalfYearSheet("Budget 2025 H2", "juli–december 2025", o),
    budgetHalfYearSheet("Budget 2026 H1", "januari–juni 2026", o),
  ];
}

/**
 * The 2024 report-back in the seed's own labels (no category column; the label column is headed
 * "2024"), one sheet per half-year. Half-year actuals sum to the seed's year: 1 777 664.
 */
export function reportHalfYearSheet(name: string, half: 1 | 2): SheetSpec {
  const actual =
    half === 1
      ? [505789, 165552, 136687, 80803]
      : [505789, 165553, 136688, 80803];
  const budget = [600000, 175000, 100000, 87500];
  const labels = [
    "Lönekostnader: Hälsofrämjare",
    "Lönekostnader: Samordning/utveckling",
    "Verksamhetskostnader: aktiviteter",
    "OH-kostnader",
  ];
  const sumB = budget.reduce((a, b) => a + b, 0);
  const sumA = actual.reduce((a, b) => a + b, 0);
  return {
    name,
    rows: [
      ["2024", "Budget", "Utfall", "Differens"],
      ...labels.map((l, i) => [
        l,
        budget[i]!,
        actual[i]!,
        budget[i]! - actual[i]!,
      ]),
      ["Summa", sumB, sumA, sumB - sumA],
    ],
  };
}

export function reportWorkbook(): SheetSpec[] {
  return [
    detailsSheet({
      start: "2023-07-01",
      end: "2025-06-30",
      extra: [["Ej förbrukat överskott 2023", "232 886 kr"]],
    }),
    reportHalfYearSheet("Utfall 2024 H1", 1),
    reportHalfYearSheet("Utfall 2024 H2", 2),
  ];
}

/**
 * The seed's report whose first half-year keeps its budget of before a revision in column B, the
 * seed's budget in C: an old column people hide (`hidden`, by letters) beside the one they read.
 */
export function reportWithOldBudget(hidden: readonly string[]): SheetSpec[] {
  const seed = reportHalfYearSheet("Utfall 2024 H1", 1);
  const old = [500_000, 150_000, 90_000, 74_000];
  const rows = seed.rows.map((row, r) => {
    const before =
      r === 0
        ? "Budget"
        : r <= old.length
          ? old[r - 1]!
          : old.reduce((a, b) => a + b, 0);
    return [row[0], before, ...row.slice(1)];
  });
  const sheet = { name: seed.name, rows, hiddenColumns: hidden };
  return reportWorkbook().map((s) => (s.name === sheet.name ? sheet : s));
}

/**
 * Plain text as the engine writes it: digit groups joined by a narrow no-break space, a no-break
 * space before "kr" and after "SEK", the true minus sign. The only differences from the seed's
 * text it allows: a figure never wraps in the pane, the terminal or a cell.
 */
export const typeset = (text: string): string =>
  text
    .replace(/(\d) (?=\d{3}(?!\d))/g, "$1\u202f")
    .replace(/(\d) kr\b/g, "$1\u00a0kr")
    .replace(/SEK (?=[\d\u2212-])/g, "SEK\u00a0")
    .replace(/(^|[\s(])-(?=\d)/g, "$1\u2212");

/** The seed memo's table "2024 Budget Utfall Differens", as the memo writes it (a true minus sign). */
export const SEED_YEAR_TABLE: readonly (readonly string[])[] = [
  ["Lönekostnader: Hälsofrämjare", "1 200 000", "1 011 578", "188 422"],
  ["Lönekostnader: Samordning/utveckling", "350 000", "331 105", "18 895"],
  ["Verksamhetskostnader: aktiviteter", "200 000", "273 375", "\u221273 375"],
  ["OH-kostnader", "175 000", "161 606", "13 394"],
  ["Summa", "1 925 000", "1 777 664", "147 336"],
  ["Överskott från 2023", "", "", "232 886"],
  ["Totalt att återbetala", "", "", "380 222"],
];

/** The seed memo's budget table (Procent av tjänst | Antal månader | Belopp), for July 2025 – June 2026. */
export const SEED_PERIOD_TABLE: readonly (readonly string[])[] = [
  ["Hälsofrämjare", "275", "12", "1 485 000"],
  ["Samordnare utveckling", "50", "12", "332 544"],
  ["Verksamhetskostnader", "", "12", "200 000"],
  ["OH-kostnader", "", "12", "201 754"],
  ["Totalt:", "", "", "2 219 298"],
];

/**
 * The partner's report for July–December 2025 on the granted 2025–26 budget (issue 9's example):
 * actuals 700 000 + 160 000 + 95 000 and OH 95 500, so 1 050 500 is eligible. `activities` is the
 * budget the report shows for Verksamhetskostnader (granted: 100 000), its OH typed to match.
 */
export function reportOnGrantSheets(
  o: { activities?: number } = {},
): SheetSpec[] {
  const activities = o.activities ?? 100000;
  const overhead = Math.round((742500 + 166272 + activities) / 10);
  return [
    detailsSheet({ extra: EXTENSION_KEYS }),
    {
      name: "Utfall 2025 H2",
      rows: [
        ["Period", "juli–december 2025"],
        [],
        HEADERS,
        [
          "Lön",
          "Hälsofrämjare",
          pct(2.75),
          6,
          kr(45000),
          kr(742500),
          kr(700000),
        ],
        [
          "Lön",
          "Samordnare utveckling",
          pct(0.5),
          6,
          kr(55424),
          kr(166272),
          kr(160000),
        ],
        [
          "Verksamhet",
          "Verksamhetskostnader",
          null,
          null,
          null,
          kr(activities),
          kr(95000),
        ],
        ["OH", "OH-kostnader", null, null, null, kr(overhead), kr(95500)],
      ],
    },
  ];
}

/**
 * The 2025–26 report of an agreement extended mid-year (question 46), Verksamhetskostnader raised
 * to 130 000 in both half-years: 2025-H2 was granted by the agreement (agreementPartGrant),
 * 2026-H1 by the extension (extensionPartGrant, at 12 % OH and 110 000 for activities).
 */
export function reportAcrossGrants(): SheetSpec[] {
  const [details, h2] = reportOnGrantSheets({ activities: 130000 });
  return [
    details!,
    h2!,
    {
      name: "Utfall 2026 H1",
      rows: h2!.rows.map((r) =>
        r[0] === "Period" ? ["Period", "januari–juni 2026"] : r,
      ),
    },
  ];
}

/** The agreement's budget, of July–December 2025 only (100 000 for activities). */
export function agreementPartGrant(): SheetSpec[] {
  return budgetWorkbook().filter((s) => s.name !== "Budget 2026 H1");
}

/** The extension's budget, of 2026 at 12 % OH (110 000 for activities). */
export function extensionPartGrant(): SheetSpec[] {
  const withActivities = (s: SheetSpec): SheetSpec => ({
    ...s,
    rows: s.rows.map((r) =>
      r[1] === "Verksamhetskostnader"
        ? [...r.slice(0, 5), kr(110000), ...r.slice(6)]
        : r,
    ),
  });
  return [
    detailsSheet({ start: "2026-01-01", end: "2026-12-31", rate: pct(0.12) }),
    withActivities(
      budgetHalfYearSheet("Budget 2026 H1", "januari–juni 2026", {
        typedSalaries: false,
      }),
    ),
    withActivities(
      budgetHalfYearSheet("Budget 2026 H2", "juli–december 2026", {
        typedSalaries: false,
      }),
    ),
  ];
}

/** A budget of one half-year with `lines` lines (a third salaries), for batches and timings. */
export function manyLinesWorkbook(
  lines: number,
  caseNumber = "STK-2025-1",
): SheetSpec[] {
  const details = detailsSheet({ end: "2025-12-31" });
  const rows: CellSpec[][] = [HEADERS];
  for (let i = 0; i < lines - 1; i++)
    rows.push(
      i % 3 === 0
        ? ["Lön", `Tjänst ${i}`, pct(0.5), 6, kr(30000 + i * 10), null]
        : ["Verksamhet", `Aktivitet ${i}`, null, null, null, kr(1000 + i * 37)],
    );
  rows.push(["OH", "OH-kostnader", null, null, null, null]);
  return [
    {
      ...details,
      rows: details.rows.map((r) =>
        r[0] === "Diarienummer" ? ["Diarienummer", caseNumber] : r,
      ),
    },
    { name: "Budget 2025 H2", rows },
  ];
}

/**
 * Issue 10's example: three persons on "Hälsofrämjare" in 2026-H1 — 32 000 kr at 100 % all
 * half-year, 24 000 kr at 75 % born 2005 (the youth rate from April), 40 000 kr at 100 % from
 * March — in an agreement of 2026; the line's budget cell is empty.
 */
export function salaryWorkbook(
  o: {
    surcharge?: CellSpec;
    budget?: CellSpec;
    extraPersons?: CellSpec[][];
  } = {},
): SheetSpec[] {
  return [
    detailsSheet({
      start: "2026-01-01",
      end: "2026-12-31",
      extra: o.surcharge === undefined ? [] : [["Pålägg", o.surcharge]],
    }),
    {
      name: "Lönekalkyl",
      rows: [
        ["Lönekalkyl"],
        [],
        SALARY_HEADERS,
        [
          "Hälsofrämjare",
          "Person A",
          1980,
          kr(32000),
          pct(1),
          date("2026-01-01"),
          date("2026-06-30"),
        ],
        [
          "Hälsofrämjare",
          "Person B",
          2005,
          kr(24000),
          pct(0.75),
          date("2026-01-01"),
          date("2026-06-30"),
        ],
        [
          "Hälsofrämjare",
          "Person C",
          1975,
          kr(40000),
          pct(1),
          date("2026-03-01"),
          null,
        ],
        ...(o.extraPersons ?? []),
      ],
    },
    {
      name: "Budget 2026 H1",
      rows: [
        ["Period", "januari–juni 2026"],
        [],
        ["Kostnadsslag", "Post", "Budget"],
        ["Lön", "Hälsofrämjare", o.budget ?? null],
        ["Verksamhet", "Verksamhetskostnader", kr(100000)],
        ["OH", "OH-kostnader", null],
      ],
    },
    {
      name: "Budget 2026 H2",
      rows: [
        ["Period", "juli–december 2026"],
        [],
        ["Kostnadsslag", "Post", "Budget"],
        ["Lön", "Hälsofrämjare", o.budget ?? null],
        ["Verksamhet", "Verksamhetskostnader", kr(100000)],
        ["OH", "OH-kostnader", null],
      ],
    },
  ];
}

/**
 * A half-year sheet of `lines` activity lines and OH, for workbooks of many lines: each line's
 * label, budget and actual from its index (by default "Aktivitet i", 1 000 + i kr, no actual).
 */
export function activitySheet(
  name: string,
  lines: number,
  line: {
    readonly label?: (i: number) => string;
    readonly budget?: (i: number) => CellSpec;
    readonly actual?: (i: number) => CellSpec;
  } = {},
): SheetSpec {
  const rows: CellSpec[][] = [HEADERS];
  for (let i = 0; i < lines; i++)
    rows.push([
      "Verksamhet",
      line.label?.(i) ?? `Aktivitet ${i}`,
      null,
      null,
      null,
      line.budget?.(i) ?? kr(1000 + i),
      line.actual?.(i) ?? null,
    ]);
  rows.push(["OH", "OH-kostnader"]);
  return { name, rows };
}

/** Each line's share of the total, as a person adds it to a table: "=[@Budget]/Tabell1[[#Totals],[Budget]]". */
const share = (shows: number): CellSpec => ({
  formula: "Tabell1[[#This Row],[Budget]]/Tabell1[[#Totals],[Budget]]",
  result: shows,
});

/**
 * The 2025–26 budget with its salary budgets left for compute (F4 742 500 kr, F5 166 272 kr, the
 * OH F7 100 877 kr), its first half-year the table Tabell1 (A3:I8) with a column "Andel" of each
 * line's share, and a total row: `label` in A8, `total` in F8, showing what the lines show before
 * compute (100 000 kr).
 */
export function budgetAsTable(
  label: string,
  total: string,
  /** The budgets typed (as Excel saved them: the total shows their sum), not left for compute. */
  typedSalaries = false,
): SheetSpec[] {
  const shows = typedSalaries ? 1109649 : 100000;
  return budgetWorkbook({ typedSalaries }).map((s) => {
    if (s.name !== "Budget 2025 H2") return s;
    const [period, blank, headers, ...lines] = s.rows;
    return {
      ...s,
      rows: [
        period!,
        blank!,
        [...headers!, "Andel"],
        ...lines.map((row, i) => {
          const cells = [...row];
          cells.length = 8;
          return [...cells, share(i === 2 ? 1 : 0)];
        }),
        [label, null, null, null, null, { formula: total, result: shows }],
      ],
      tables: [{ name: "Tabell1", ref: "A3:I8", totalsRow: true }],
    };
  });
}
