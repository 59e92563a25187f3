// The one place where Swedish workbook words map to the code's names (SPEC §2, §3).

import { normalizeKey } from "./values";

export type Category = "salary" | "activity" | "overhead" | "other";

export type ColumnKey =
  | "category"
  | "label"
  | "servicePercent"
  | "months"
  | "monthlyCost"
  | "budget"
  | "actual"
  | "variance"
  | "status"
  | "comment";

export type DetailKey =
  | "name"
  | "caseNumber"
  | "organisation"
  | "orgNumber"
  | "start"
  | "end"
  | "overheadRate"
  | "repaymentDue"
  | "reportDue"
  | "tolerance"
  | "agreementPeriod"
  | "agreementType"
  | "signatories"
  | "grantSource"
  | "surcharge";

/** Headers and keys compare without case, punctuation, units in parentheses or spaces. */
export function compactKey(text: string): string {
  return normalizeKey(text).replace(/ /g, "");
}

function compactAll<K extends string>(
  table: Record<K, readonly string[]>,
): Record<K, ReadonlySet<string>> {
  const out = {} as Record<K, ReadonlySet<string>>;
  for (const key of Object.keys(table) as K[])
    out[key] = new Set(table[key].map(compactKey));
  return out;
}

/**
 * Headers of the service column that count full-time posts: 2,75 under "Antal tjänster" is
 * 275 %, as a percent cell's 2.75 is.
 */
const SERVICE_POST_HEADERS = [
  "Antal tjänster",
  "Heltidstjänster",
  "Antal heltidstjänster",
  "Antal heltider",
  "Årsarbetare",
  "Antal årsarbetare",
  "Heltidsekvivalenter",
  "FTE",
];
const SERVICE_POSTS = new Set(SERVICE_POST_HEADERS.map(compactKey));

/**
 * Words that head the service column only with a per cent sign: "Tjänst %", "Tjänst (%)". Alone,
 * "Tjänst" heads the labels as often, and a "%" beside Budget and Utfall is often the actual's
 * share of the budget.
 */
const SERVICE_WITH_PERCENT_SIGN = new Set([
  "tjänst",
  "tjänstgöring",
  "anställning",
  "sysselsättning",
]);

/** Whether a header is the service column by its per cent sign ("Tjänst %"). */
export function namesServiceByPercentSign(header: string): boolean {
  return (
    header.includes("%") && SERVICE_WITH_PERCENT_SIGN.has(compactKey(header))
  );
}

/** Percent points in one full-time post. */
export const POINTS_PER_POST = 100;

/** Whether the service column's header counts full-time posts ("Antal tjänster", "Årsarbetare"). */
export function namesPosts(header: string): boolean {
  return SERVICE_POSTS.has(compactKey(header));
}

/** Half-year table headers (SPEC §3.2), as people write them; the first is the template's. */
export const COLUMN_HEADERS: Readonly<Record<ColumnKey, readonly string[]>> = {
  category: [
    "Kostnadsslag",
    "Typ",
    "Kategori",
    "Kostnadstyp",
    "Kostnadskategori",
  ],
  label: ["Post", "Benämning", "Kostnadspost", "Budgetpost", "Beskrivning"],
  servicePercent: [
    "Tjänstgöringsgrad",
    "Procent av tjänst",
    "Sysselsättningsgrad",
    "Tjänsteomfattning",
    "Andel av tjänst",
    "Omfattning",
    "Tjänstens omfattning",
    "Andel av heltid",
    "Procent av heltid",
    "Anställningsgrad",
    "Tjänstgöringsprocent",
    "Tjg",
    "Tjg-grad",
    ...SERVICE_POST_HEADERS,
  ],
  months: ["Antal månader", "Månader", "Antal mån", "Mån", "Mån (antal)"],
  monthlyCost: [
    "Månadskostnad",
    "Månadskostnad heltid",
    "Månadskostnad inkl avgifter",
    "Kostnad per månad",
    "Kostnad per mån",
    "Kostnad/mån",
    "Kostnad/månad",
    "Lönekostnad per månad",
    "Lönekostnad per mån",
    "Lönekostnad/mån",
    "Mån.kostnad",
    "Månadskostn.",
    "Kostn/mån",
    "Kostn. per mån",
    "Kr/mån",
    "Kr per månad",
  ],
  budget: [
    "Budget",
    "Belopp",
    "Maxbelopp",
    "Budgetbelopp",
    "Budgeterat",
    "Budgeterad",
    "Budgeterade",
    "Kostnadsbudget",
    "Beviljat",
    "Beviljad budget",
    // A budget changed since: one beside the first is COLUMN_REPEATED, not passed over unsaid.
    "Reviderad budget",
    "Justerad budget",
    "Ändrad budget",
    "Uppdaterad budget",
    "Ny budget",
    "Beviljade medel",
    "Beviljat belopp",
  ],
  actual: [
    "Utfall",
    "Faktiskt utfall",
    "Verkligt utfall",
    "Bokfört",
    "Bokförda kostnader",
    "Förbrukat",
    "Förbrukade medel",
    "Använt",
    "Använda medel",
    "Redovisat",
    "Redovisade kostnader",
    "Faktisk kostnad",
    "Faktiska kostnader",
    "Verklig kostnad",
    "Verkliga kostnader",
    "Upparbetat",
    "Upparbetade kostnader",
  ],
  variance: ["Differens", "Avvikelse"],
  status: ["Status"],
  // The partner's explanation of a variance: quoted where the line is overspent.
  comment: [
    "Kommentar",
    "Kommentarer",
    "Förklaring",
    "Förklaringar",
    "Förklaring till avvikelse",
    "Förklaring till avvikelsen",
    "Förklaring avvikelse",
    "Avvikelse förklaring",
    "Avvikelseförklaring",
    "Kommentar till avvikelse",
    "Kommentar/förklaring",
    "Motivering",
    "Anmärkning",
    "Anmärkningar",
    "Notering",
    "Noteringar",
    "Comment",
    "Comments",
    "Explanation",
  ],
};
export const COLUMN_SYNONYMS = compactAll<ColumnKey>(COLUMN_HEADERS);

/** The words of a header that name the employer's contributions and the surcharge. */
const CONTRIBUTION_WORDS =
  "(?:avg|avgift|avgifter|arbetsgivaravgift|arbetsgivaravgifter|sociala|soc|po|lkp|lönebikostnader|pålägg|contributions)(?: |$)";

/** "exkl. avgifter", "utan arbetsgivaravgifter" (not "utan OB", which is another thing left out). */
export const WITHOUT_CONTRIBUTIONS = new RegExp(
  `(?:^| )(?:exkl|exklusive|utan|excl|excluding) (?:.* )?${CONTRIBUTION_WORDS}`,
);

/** "inkl. soc. avg.", "med arbetsgivaravgifter". */
const WITH_CONTRIBUTIONS = new RegExp(
  `(?:^| )(?:inkl|inklusive|med|incl|including) (?:.* )?${CONTRIBUTION_WORDS}`,
);

const COLUMN_LOOKUP = new Map<string, ColumnKey>();
for (const [key, synonyms] of Object.entries(COLUMN_SYNONYMS) as [
  ColumnKey,
  ReadonlySet<string>,
][]) {
  for (const s of synonyms) COLUMN_LOOKUP.set(s, key);
}

/**
 * A header's column: an exact synonym, else its first three words, two or one ("Kostnad per månad
 * inkl. avgifter", "Budget 2025 H2", "Maxbelopp till …"), else a month's salary that says it
 * includes the contributions ("Månadslön inkl. soc. avg."), which is the monthly cost.
 */
export function columnOfHeader(text: string): ColumnKey | undefined {
  const exact = COLUMN_LOOKUP.get(compactKey(text));
  if (exact) return exact;
  if (namesServiceByPercentSign(text)) return "servicePercent";
  const key = normalizeKey(text);
  const words = key.split(" ");
  return (
    COLUMN_LOOKUP.get(words.slice(0, 3).join("")) ??
    COLUMN_LOOKUP.get(words.slice(0, 2).join("")) ??
    COLUMN_LOOKUP.get(words[0] ?? "") ??
    (SALARY_WORDS.has(words[0] ?? "") && WITH_CONTRIBUTIONS.test(key)
      ? "monthlyCost"
      : undefined)
  );
}

/** A header's first word that names a salary: with the contributions, it is the monthly cost. */
const SALARY_WORDS = new Set(["månadslön", "lön", "lönekostnad", "bruttolön"]);

/**
 * Headers that are a table's budget only where no header above names it: the amount column of a
 * salary table ("Post | Omfattning | Månader | Månadskostnad | Summa"). "Kostnad" heads labels as
 * often, so it is an amount only when it names its unit ("Kostnad (kr)", "Kostnad SEK").
 */
const BUDGET_FALLBACK_HEADERS: readonly string[] = [
  "Summa",
  "Totalt",
  "Total",
  "Totalbelopp",
  "Totalkostnad",
  "Total kostnad",
  "Summa kostnad",
];
const BUDGET_FALLBACK = new Set(BUDGET_FALLBACK_HEADERS.map(compactKey));
const COST_IN_UNIT =
  /^kostnad(?:er)?\s*(?:\(\s*(?:kr|sek|kronor|tkr|tsek)\s*\)|(?:i\s+)?(?:kr|sek|kronor|tkr|tsek))\.?$/iu;

/** Whether a header is the budget's where no other header is (BUDGET_FALLBACK_HEADERS). */
export function isFallbackBudgetHeader(text: string): boolean {
  return (
    BUDGET_FALLBACK.has(compactKey(text)) || COST_IN_UNIT.test(text.trim())
  );
}

/** `Uppgifter` keys (SPEC §3.1), as people write them; the first is the template's. */
export const DETAIL_KEYS: Readonly<Record<DetailKey, readonly string[]>> = {
  name: [
    "Partnerskap",
    "Projekt",
    "Verksamhet",
    "Projektnamn",
    "Partnerskapets namn",
    "Projektets namn",
    "Namn på partnerskapet",
    "Projekttitel",
  ],
  caseNumber: ["Diarienummer", "Dnr", "Diarienr"],
  organisation: [
    "Organisation",
    "Mottagare",
    "Organisationens namn",
    "Organisationsnamn",
    "Föreningens namn",
    "Sökande organisation",
    "Idéburen organisation",
    "Idéburen part",
  ],
  orgNumber: ["Organisationsnummer", "Org.nr", "Org nummer", "Organisationsnr"],
  start: [
    "Avtalsperiod från",
    "Avtalsperiod från och med",
    "Avtalsperiod fr.o.m.",
    "Avtalsperiod start",
    "Startdatum",
    "Avtalsstart",
    "Avtalet gäller från",
    "Period från",
  ],
  end: [
    "Avtalsperiod till",
    "Avtalsperiod till och med",
    "Avtalsperiod t.o.m.",
    "Avtalsperiod slut",
    "Slutdatum",
    "Avtalsslut",
    "Avtalet gäller till",
    "Avtalet gäller till och med",
    "Period till",
  ],
  overheadRate: [
    "OH-sats",
    "OH-påslag",
    "OH-sats (%)",
    "Overheadsats",
    "OH",
    "OH-procent",
    "OH-andel",
    "Overhead",
    "Administrativt påslag",
  ],
  repaymentDue: ["Återbetalning senast", "Återbetalas senast"],
  reportDue: ["Återrapportering senast", "Återrapporteras senast"],
  tolerance: ["Tolerans", "Tolerans för överskridande"],
  agreementPeriod: ["Avtalsperiod", "Avtalstid", "Avtalets period"],
  agreementType: ["Avtalstyp", "Typ av avtal"],
  signatories: ["Undertecknas av", "Undertecknare", "Avtalet undertecknas av"],
  grantSource: ["Anslag", "Finansieras från", "Medel från"],
  surcharge: [
    "Pålägg",
    "PO-pålägg",
    "Personalomkostnadspålägg",
    "Lönebikostnader",
  ],
};
export const DETAIL_SYNONYMS = compactAll<DetailKey>(DETAIL_KEYS);

/**
 * The keys in English, for English output: a person still finds the key by the Swedish name the
 * workbook has, so English output glosses it ("OH rate (OH-sats)").
 */
export const DETAIL_KEYS_EN: Readonly<Record<DetailKey, string>> = {
  name: "Partnership",
  caseNumber: "Case number",
  organisation: "Organisation",
  orgNumber: "Organisation number",
  start: "Agreement from",
  end: "Agreement to",
  overheadRate: "OH rate",
  repaymentDue: "Repayment due",
  reportDue: "Report-back due",
  tolerance: "Tolerance",
  agreementPeriod: "Agreement period",
  agreementType: "Agreement type",
  signatories: "Signed by",
  grantSource: "Appropriation",
  surcharge: "Surcharge",
};

/** A key of Uppgifter as a person reads it: the Swedish name, glossed in English output. */
export function detailKeyName(key: DetailKey, lang: "sv" | "en"): string {
  const sv = DETAIL_KEYS[key][0]!;
  return lang === "sv" ? sv : `${DETAIL_KEYS_EN[key]} (${sv})`;
}

/**
 * Words of a key that name an earlier year's money to repay: "överskott", and the funds not used
 * as decisions and partners name them ("Ej förbrukade medel 2023", "Outnyttjade medel 2023", "Att
 * återbetala 2023"), not the funds used ("Utnyttjade medel").
 */
const SURPLUS_WORDS =
  /överskott|över underskott|(?:ej förbrukade|oförbrukade|ej förbrukat|ej använda|oanvända|ej utnyttjade|outnyttjade|kvarvarande) medel|att återbetala|återbetalas/g;

/** An earlier year's unrepaid surplus: "Överskott från 2023", "Ej förbrukade medel 2023". */
export function earlierSurplusYear(key: string): number | null {
  const k = normalizeKey(key);
  // The first run of digits after such words, when it is a year: found once for all the words
  // before it (a regular expression tried from each "överskott" took 53 ms on one 32 000-character
  // cell of them).
  const digits = /\d+/g;
  SURPLUS_WORDS.lastIndex = 0;
  for (let word = SURPLUS_WORDS.exec(k); word; word = SURPLUS_WORDS.exec(k)) {
    digits.lastIndex = word.index + word[0].length;
    const run = digits.exec(k);
    if (!run) return null;
    if (run[0].length === 4) return Number(run[0]);
    SURPLUS_WORDS.lastIndex = run.index + run[0].length;
  }
  return null;
}

/**
 * The last of later years a surplus key names after its year ("Överskott 2022–2023", "2022 och
 * 2023", "2022/23"): one amount for several years. Null when it names one year.
 */
export function surplusThroughYear(key: string, year: number): number | null {
  const at = key.indexOf(String(year));
  if (at < 0) return null;
  // As typed: punctuation parts "2022/23" (two years) and "2022 23 000" (a year, an amount).
  const rest = key.slice(at + 4, at + 44);
  let through: number | null = null;
  const later = (y: number) => {
    if (y > year && y <= year + 10) through = Math.max(through ?? y, y);
  };
  for (const m of rest.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g))
    later(Number(m[0]));
  // "2022/23", "2022–23": the century of the first.
  const short = /^\s*[/–—-]\s*(\d{2})(?!\d)/.exec(rest);
  if (short) later(Math.floor(year / 100) * 100 + Number(short[1]));
  return through;
}

/**
 * A key that names an earlier surplus but no year ("Överskott tidigare år", "Att återbetala",
 * "Ej förbrukade medel"): the decision repays each year's surplus by its year, so its amount is
 * not counted. Short, and the words first: a note ("Överskott återbetalas senast 30 juni") has a
 * date or nothing beside it.
 */
const SURPLUS_KEY_START =
  /^(?:(?:tidigare|föregående) års? )?(?:överskott|över underskott|(?:ej förbrukade|oförbrukade|ej förbrukat|ej använda|oanvända|ej utnyttjade|outnyttjade|kvarvarande) medel|ej förbrukat överskott|att återbetala)(?![\p{L}\p{N}])/u;

/** Whether a key names an earlier surplus: asked only of a key whose year earlierSurplusYear did not find. */
export function namesSurplusWithoutYear(key: string): boolean {
  return key.length <= 80 && SURPLUS_KEY_START.test(normalizeKey(key));
}

/**
 * The rate an OH line's label states, in percent points ("OH-kostnader 10 %" is 10), from the
 * number before its first per cent sign; null for none or one outside (0, 100]. Found by a look
 * back from the sign, in time linear in the label (a regular expression tried from each digit of
 * a long run of them is not).
 */
export function rateInLabel(label: string): number | null {
  const sign = label.indexOf("%");
  if (sign < 0) return null;
  let end = sign;
  while (end > 0 && label.charCodeAt(end - 1) <= 0x20) end--;
  let start = end;
  for (; start > 0; start--) {
    const c = label.charCodeAt(start - 1);
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2c || c === 0x2e)) break;
  }
  const text = label.slice(start, end).replace(",", ".");
  if (!/^\d+(?:\.\d+)?$/.test(text)) return null;
  const points = Number(text);
  return points > 0 && points <= 100 ? points : null;
}

/**
 * A key that names an earlier surplus already repaid: "Återbetalt 2023", "Redan återbetalt",
 * "Varav återbetalt", "Inbetalt 2023". Its year, or null where it names none.
 */
const REPAID_KEY =
  /^(?:redan |varav |därav )?(?:återbetalt|återbetalat|återbetald|återbetalda medel|inbetalt|inbetalat)(?![\p{L}\p{N}])/u;

export function repaidKeyYear(key: string): { year: number | null } | null {
  const k = normalizeKey(key);
  if (!REPAID_KEY.test(k)) return null;
  const year = /(?:^| )(\d{4})(?= |$)/.exec(k);
  return { year: year ? Number(year[1]) : null };
}

/** A surplus's key that says it is repaid: "Överskott 2023 (återbetalt)", "… reglerat". */
export function isMarkedRepaid(key: string): boolean {
  return /(?:^| )(?:återbetalt|återbetalat|återbetald|inbetalt|inbetalat|reglerat|reglerad)(?: |$)/u.test(
    normalizeKey(key),
  );
}

/**
 * The number or letter that lists a label in a numbered budget: "1. ", "2.1 ", "3) ", "a) ",
 * "IV. ", before a word. A year ("2025 H2") is no number of a list, nor is "10 000".
 */
const ENUMERATION =
  /[\s\u00a0\u202f]*(?:\d{1,2}(?:\.\d{1,2})*[.):]?|\p{L}[.)]|[IVXivx]{1,4}[.)])[\s\u00a0\u202f]+(?=\p{L})/uy;

/** Where a label's words start from `at`, after the number or letter that lists it. */
export function enumerationEnd(text: string, at = 0): number {
  ENUMERATION.lastIndex = at;
  return ENUMERATION.test(text) ? ENUMERATION.lastIndex : at;
}

/**
 * A label's words for what it names, without the number that lists it: "4. OH-kostnader" is the
 * OH line and "5. Summa" the total of a numbered budget, as without their numbers.
 */
export function labelKey(label: string): string {
  return normalizeKey(label.slice(enumerationEnd(label)));
}

/** The category a seed-style label starts with ("Lönekostnader: ", "Lön – "), before its post. */
const CATEGORY_PREFIX =
  /^(?:lönekostnader|lönekostnad|löner|lön|personalkostnader|personal)\s*[:–—-]\s*(?=\p{L})/iu;

/**
 * A salary line's label as a Post of `Lönekalkyl` names it: without the number that lists it or
 * the category before it ("1.1 Lönekostnader: Hälsofrämjare" is the post "Hälsofrämjare").
 */
export function postOfLabel(label: string): string {
  return normalizeKey(
    label.slice(enumerationEnd(label)).trim().replace(CATEGORY_PREFIX, ""),
  );
}

/**
 * The words a total's label starts with, as labelKey leaves them ("S:a" is "s a", "Tot." "tot"):
 * a total not known as one is read as a line, and the half-year's budget counts its lines twice.
 */
const TOTAL_START =
  /^(?:summa|summering|sum|s a|totalt|total|totala|totalsumma|totalkostnad|totalkostnader|totalbelopp|totalbudget|tot|grand total|σ)(?![\p{L}\p{N}])/u;
/** A total's word last: "Lönekostnader totalt", "Personalkostnader, summa", "Budget total". */
const TOTAL_END = / (?:summa|totalt|total)$/u;

/** Labels of submitted total rows (SPEC §3.2). */
export function isTotalLabel(label: string): boolean {
  const key = labelKey(label);
  return TOTAL_START.test(key) || TOTAL_END.test(key);
}

/**
 * A total's label that starts with "Summa" ("S:a", "Sum"), which closes a section as often as the
 * table, not "Totalt" or "Totalsumma", which close the table.
 */
export function isSummaLabel(label: string): boolean {
  return /^(?:summa|s a|sum)(?![\p{L}\p{N}])/u.test(labelKey(label));
}

/** Words of a total's label that name no part of the budget: "Summa kostnader 2025 H2". */
const WHOLE_WORDS = new Set([
  "summa",
  "totalt",
  "total",
  "totalsumma",
  "kostnader",
  "kostnad",
  "budget",
  "budgeten",
  "utfall",
  "utfallet",
  "alla",
  "totala",
  "budgeterade",
  "samtliga",
  "och",
  "för",
  "inkl",
  "inklusive",
  "oh",
  "halvår",
  "halvåret",
  "år",
  "period",
  "perioden",
  "kr",
  "sek",
  "kronor",
  "summering",
  "sum",
  "totalkostnad",
  "totalkostnader",
  "totalbelopp",
  "totalbudget",
  "tot",
  "grand",
  "σ",
]);

/**
 * A total's label that names a part of the budget ("Summa lönekostnader", "Summa direkta
 * kostnader"): with lines below it and a total after them, it is a subtotal. "Summa",
 * "Totalt", "Summa kostnader 2025" name the whole.
 */
export function isSectionTotalLabel(label: string): boolean {
  return labelKey(label)
    .replace(/^s a(?= |$)/, "summa")
    .split(" ")
    .some((w) => w !== "" && !WHOLE_WORDS.has(w) && !/^(?:\d+|h[12])$/.test(w));
}

/**
 * Labels of subtotal rows: "Delsumma lönekostnader", "Subtotal", "Mellansumma", and with the word
 * last, "Lönekostnader, delsumma".
 */
export function isSubtotalLabel(label: string): boolean {
  const key = labelKey(label);
  return (
    /^(?:delsumma|del summa|subtotal|mellansumma)(?![\p{L}\p{N}])/u.test(key) ||
    / (?:delsumma|subtotal|mellansumma)$/u.test(key)
  );
}

/**
 * A row that carries money over from an earlier period ("Överfört från H1", "Ej förbrukade medel
 * 2024", "Överskott från 2023", "Ingående saldo"): funding, not a cost. Read as a line, it raised
 * the half-year's budget, and the grant or the repayment with it.
 */
const CARRY_OVER =
  /^(?:(?:överfört|överförda|överföring|överförs|flyttat|flyttade) (?:från|fr)|(?:ej|inte) (?:förbrukade?|förbrukat|använda?|använt|utnyttjade?|utnyttjat)(?: medel| bidrag)?(?: från| fr| \d{4}| h[12]|$)|(?:outnyttjade?|outnyttjat|oförbrukade?|oförbrukat|oanvända?|oanvänt|kvarvarande|sparade|balanserade?|balanserat) (?:medel|bidrag|belopp|överskott)|(?:överskott|underskott) (?:från|fr|föregående|förra|tidigare|\d{4}|h[12]|vt|ht)|ingående (?:saldo|balans|medel))(?![\p{L}\p{N}])/u;

/**
 * The first words of CARRY_OVER's labels (wordedRow): a word the expression may start with that
 * this lacks is never matched, so the two change together.
 */
const CARRY_OVER_FIRST = new Set([
  "överfört",
  "överförda",
  "överföring",
  "överförs",
  "flyttat",
  "flyttade",
  "ej",
  "inte",
  "outnyttjade",
  "outnyttjad",
  "outnyttjat",
  "oförbrukade",
  "oförbrukad",
  "oförbrukat",
  "oanvända",
  "oanvänd",
  "oanvänt",
  "kvarvarande",
  "sparade",
  "balanserade",
  "balanserad",
  "balanserat",
  "överskott",
  "underskott",
  "ingående",
]);

/** Longer than any label these words start: such a label is not normalised to be looked at. */
const MAX_WORDED_LABEL = 200;
/** How far into a label its first word may start, past the number or letter that lists it. */
const FIRST_WORD_WITHIN = 12;

function isLetterCode(c: number): boolean {
  const lower = c | 0x20;
  return (
    (lower >= 0x61 && lower <= 0x7a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

/**
 * A label's first word, lower-cased, past the number or letter that lists it ("1.2 Intäkter",
 * "a) Överfört"); "" for a label too long or with no word near its start. The label tests run on
 * every row: most labels are turned away by their first word before they are normalised.
 */
function firstWordOf(label: string): string {
  if (label.length > MAX_WORDED_LABEL) return "";
  let i = 0;
  for (let skipped = 0; skipped < 2; skipped++) {
    while (
      i < FIRST_WORD_WITHIN &&
      i < label.length &&
      !isLetterCode(label.charCodeAt(i))
    )
      i++;
    let end = i;
    while (end < label.length && isLetterCode(label.charCodeAt(end))) end++;
    const next = label.charCodeAt(end);
    // "a) ", "IV. ": a letter that lists the label; its word is the next.
    if (
      skipped === 0 &&
      end - i <= 4 &&
      (next === 0x29 || next === 0x2e) &&
      label.charCodeAt(end + 1) === 0x20
    ) {
      i = end + 1;
      continue;
    }
    return end > i ? label.slice(i, end).toLowerCase() : "";
  }
  return "";
}

/**
 * A row that states the half-year's result ("Överskott att återbetala", "Över-/underskott", "Kvar
 * att förbruka", "Återbetalas till Malmö stad"): typed as an actual above the total, it made the
 * surplus a cost, and none was repaid. The whole label, so that "Återbetalning till deltagare" is a
 * cost; "Överskott 2024" is money carried over (CARRY_OVER).
 */
const RESULT_ROW =
  /^(?:(?:halvårets|periodens|årets) )?(?:överskott|underskott|över underskott|överskott underskott|resultat|saldo|att återbetala|återbetalning|återbetalas|kvar att förbruka|kvar att använda|återstår|återstående medel)(?: (?:att återbetala|att återföra|underskott|till (?:malmö stad|kommunen|staden|kommunstyrelsen|stadskontoret)))*$/u;

/**
 * The first words of RESULT_ROW's labels (wordedRow): a word the expression may start with that
 * this lacks is never matched, so the two change together.
 */
const RESULT_FIRST = new Set([
  "halvårets",
  "periodens",
  "årets",
  "överskott",
  "underskott",
  "över",
  "resultat",
  "saldo",
  "att",
  "återbetalning",
  "återbetalas",
  "kvar",
  "återstår",
  "återstående",
]);

/**
 * A heading (or a category cell) of income, which a budget may show above or below its costs:
 * "Intäkter", "Finansiering 2025", "Övriga intäkter". Its rows are no costs. The whole text, not
 * its first word: a note "Intäkter redovisas i bilaga" heads nothing.
 */
const INCOME_WORDS =
  /^(?:intäkter|intäkt|inkomster|inkomst|finansiering|medfinansiering|egenfinansiering|finansieringsplan|finansiärer|övriga intäkter|income|revenue|revenues|funding)(?: (?:\d{4}|h[12]|och bidrag|kr|sek|tkr))*$/u;

export function isIncomeHeading(text: string): boolean {
  return INCOME_WORDS.test(labelKey(text));
}

/**
 * A row of income named in its label, as the seed's report names its category there
 * ("Intäkter: deltagaravgifter", "Medfinansiering Rädda Barnen", "Egen insats: ideellt arbete"),
 * or the grant itself ("Bidrag från Malmö stad", "Erhållet bidrag"):
 * with an amount it is no cost. Read as a line, it raised the actuals (or, as a negative cost,
 * lowered them), and the repayment with them.
 */
const INCOME_LABEL =
  /^(?:intäkter|intäkt|inkomster|inkomst|finansiering|medfinansiering|egenfinansiering|övriga intäkter|egen insats|egna insatser|egna medel|bidrag från|bidrag malmö stad|malmö stads bidrag|kommunalt bidrag|kommunala bidrag|(?:erhållet|erhållna|beviljat|beviljade) (?:bidrag|medel)|income|revenue|revenues|funding)(?![\p{L}\p{N}])/u;

/**
 * The first words of INCOME_LABEL's labels (wordedRow): a word the expression may start with that
 * this lacks is never matched, so the two change together.
 */
const INCOME_FIRST = new Set([
  "intäkter",
  "intäkt",
  "inkomster",
  "inkomst",
  "finansiering",
  "medfinansiering",
  "egenfinansiering",
  "övriga",
  "egen",
  "egna",
  "bidrag",
  "malmö",
  "kommunalt",
  "kommunala",
  "erhållet",
  "erhållna",
  "beviljat",
  "beviljade",
  "income",
  "revenue",
  "revenues",
  "funding",
]);

/**
 * What a row's label says it is, when it is no cost: income ("Intäkter: deltagaravgifter"), money
 * carried over ("Överfört från H1") or the result ("Överskott att återbetala"); null for any other
 * label. Its first word turns most labels away before they are normalised: this runs on every row.
 */
export function wordedRow(label: string): "income" | "carry" | "result" | null {
  const first = firstWordOf(label);
  if (first === "") return null;
  const income = INCOME_FIRST.has(first);
  const carry = CARRY_OVER_FIRST.has(first);
  const result = RESULT_FIRST.has(first);
  if (!income && !carry && !result) return null;
  const key = labelKey(label);
  if (income && INCOME_LABEL.test(key)) return "income";
  if (carry && CARRY_OVER.test(key)) return "carry";
  if (result && RESULT_ROW.test(key)) return "result";
  return null;
}

/** A heading of costs, which ends a section of income: "Kostnader", "Projektkostnader", "Utgifter". */
const COST_WORDS =
  /^(?:[\p{L} ]*kostnader|kostnad|utgifter|costs|expenses|expenditure)(?![\p{L}\p{N}])/u;

export function isCostHeading(text: string): boolean {
  return COST_WORDS.test(labelKey(text));
}

const CATEGORY_WORDS: ReadonlyArray<readonly [Category, RegExp]> = [
  [
    "salary",
    /^(lön|löner|lönekostnad|lönekostnader|personal|personalkostnad|personalkostnader|lön och sociala avgifter)(?![\p{L}\p{N}])/u,
  ],
  [
    "activity",
    /^(verksamhet|verksamhetskostnad|verksamhetskostnader|aktiviteter|aktivitet|aktivitetskostnader)(?![\p{L}\p{N}])/u,
  ],
  [
    "overhead",
    /^(oh|oh kostnad|oh kostnader|oh påslag|overhead|overheadkostnad|overheadkostnader|indirekta kostnader|indirekt kostnad|gemensamma kostnader|omkostnad|omkostnader|administrativt påslag)(?![\p{L}\p{N}])/u,
  ],
];

/** The category a category cell names; "other" for anything else (SPEC §3.2). */
export function categoryOf(text: string): Category {
  const k = labelKey(text);
  for (const [category, re] of CATEGORY_WORDS) if (re.test(k)) return category;
  return "other";
}

/**
 * The category a line's label implies when there is no category column, as in the seed's table
 * ("Lönekostnader: Hälsofrämjare", "Verksamhetskostnader: aktiviteter", "OH-kostnader").
 */
export function categoryFromLabel(label: string): Category | null {
  const c = categoryOf(label);
  return c === "other" ? null : c;
}
