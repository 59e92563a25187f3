// help.html, rendered at build time from the engine's own catalogues (finding codes and messages,
// Uppgifter keys, table headers), so the page cannot drift from what the add-in does. Swedish
// first; English below, and first when the reader's browser or Office is English (help.ts).

import {
  COLUMN_HEADERS,
  DETAIL_KEYS,
  type DetailKey,
  FINDINGS,
  FINDING_CODES,
  type Lang,
  SEVERITY_NAME,
  findingTemplate,
} from "../core";

const esc = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

const COLUMN_MEANING: Record<Lang, Record<string, string>> = {
  sv: {
    category:
      'Lön, Verksamhet, OH eller Övrigt (eller ett prefix i posten: "Lönekostnader: …")',
    label: "vad posten gäller",
    servicePercent:
      "andel av heltid; över 100 % när posten gäller flera personer",
    months: "månader i halvåret, högst 6",
    monthlyCost:
      "heltidskostnad per månad inklusive arbetsgivaravgifter och sociala avgifter",
    budget:
      "beloppet; för lön räknas det fram (procent × månader × månadskostnad)",
    actual: "vad som faktiskt gått åt (i återrapporteringen)",
    variance: "budget − utfall",
    status: "Inom budget eller Överskriden",
    comment: "förklaring till en avvikelse; citeras där posten är överskriden",
  },
  en: {
    category:
      "Lön (salary), Verksamhet (activity), OH (overhead) or Övrigt (other), or a prefix in the label",
    label: "what the line is for",
    servicePercent:
      "share of full time; above 100 % when the line covers several people",
    months: "months in the half-year, at most 6",
    monthlyCost: "full-time cost per month including employer contributions",
    budget:
      "the amount; for salaries it is derived (per cent × months × monthly cost)",
    actual: "what was really spent (in the report-back)",
    variance: "budget − actual",
    status: "Inom budget (within) or Överskriden (overspent)",
    comment:
      "the explanation of a variance; quoted where the line is overspent",
  },
};

// Every key has its meaning: a key without one is a compile error, not a blank on the page.
const DETAIL_MEANING: Record<Lang, Record<DetailKey, string>> = {
  sv: {
    name: "partnerskapets namn",
    caseNumber: "diarienummer, t.ex. STK-2020-1375",
    organisation: "organisationens namn",
    orgNumber: "organisationsnummer (kontrollsiffran kontrolleras)",
    start: "avtalsperiodens första dag",
    end: "avtalsperiodens sista dag",
    agreementPeriod:
      "hela avtalsperioden i en cell, t.ex. 2025-07-01 – 2026-06-30, i stället för från och till",
    overheadRate: "OH-sats, t.ex. 10 %",
    repaymentDue: "sista dag för återbetalning av överskott",
    reportDue: "sista dag för återrapportering",
    tolerance: "hur mycket en post får överskridas utan varning",
    agreementType:
      "Förlängning eller Nytt avtal: beslutsförslaget säger då förslag till förlängning av avtal",
    signatories:
      "förvaltningarna som undertecknar avtalet, åtskilda med kommatecken (beslutspunkten anmodar)",
    grantSource:
      "varifrån bidraget beviljas (annars kommunstyrelsens anslag för projekt och utredningar)",
    surcharge:
      "pålägg på lönen utöver arbetsgivaravgifterna (avtalspension och försäkringar), t.ex. 6 %; Lönekalkyl räknar med det för den som inte har ett eget",
  },
  en: {
    name: "the partnership's name",
    caseNumber: "case number, e.g. STK-2020-1375",
    organisation: "the organisation's name",
    orgNumber: "organisation number (its check digit is checked)",
    start: "first day of the agreement period",
    end: "last day of the agreement period",
    agreementPeriod:
      "the whole agreement period in one cell, e.g. 2025-07-01 – 2026-06-30, instead of from and to",
    overheadRate: "overhead rate, e.g. 10 %",
    repaymentDue: "last day to repay a surplus",
    reportDue: "last day for the report-back",
    tolerance: "how much a line may be overspent without a warning",
    agreementType:
      "Förlängning (extension) or Nytt avtal (new): the decision's wording follows it",
    signatories:
      "the administrations that sign the agreement, separated by commas (the decision asks them to)",
    grantSource:
      "where the grant comes from (else kommunstyrelsens anslag för projekt och utredningar)",
    surcharge:
      "a surcharge on salaries beyond the employer contributions (occupational pension and insurance), e.g. 6 %; Lönekalkyl uses it for a person without one of their own",
  },
};

const TEXT = {
  sv: {
    title: "IOP-budget: hjälp",
    other: "In English",
    what: "Vad tillägget gör",
    whatText: [
      "IOP-budget kontrollerar och beräknar budgeten och återrapporteringen för idéburna offentliga partnerskap (IOP) i Malmö stad, först Jämlik hälsa Lindängen med Rädda Barnen.",
      "Kontrollera listar varje problem med blad och cell och vad du ska göra. Beräkna och skriv visar först vad som ändras och skriver sedan formler för härledda belopp, Differens och Status samt bladet Beslut med nyckeltal, återbetalning och förslag till beslut. Celler som någon har skrivit i skrivs aldrig över.",
      "Utanför Excel fungerar samma sida för filer: välj eller släpp en eller flera .xlsx- eller .ods-filer, en mapp med dem (dess arbetsböcker läses, inte dess undermappar) eller ett zip-arkiv med dem.",
    ],
    workbook: "Arbetsboken i korthet",
    details: "Bladet Uppgifter: nyckel i en cell, värdet till höger.",
    sheets:
      "Ett blad per halvår, med namn som Budget 2025 H2, 2025-H2, Halvår 2 2025 eller juli–december 2025 (eller en cell Period). Tabellens rubriker kan stå var som helst bland de 40 första raderna:",
    key: "Nyckel",
    column: "Kolumn",
    also: "Även",
    meaning: "Betyder",
    findings: "Fynd: vad de betyder och vad du gör",
    findingsIntro:
      "Varje fynd har en kod som inte ändras. … står för arbetsbokens egna belopp, poster och celler.",
    code: "Kod",
    severity: "Allvar",
    message: "Meddelande",
    privacy: "Integritet",
    privacyText:
      "Filer som du väljer på sidan lämnar aldrig webbläsaren: inget laddas upp. I Excel läser och skriver tillägget bara den öppna arbetsboken.",
    template: "Mallen",
    templateText:
      "I Excel: öppna IOP-budget och välj Skapa mall med avtalsperioden. Utan Excel: kommandot iop-budget template --from ÅÅÅÅ-MM --to ÅÅÅÅ-MM skapar samma mall som .xlsx-fil.",
  },
  en: {
    title: "IOP budget: help",
    other: "På svenska",
    what: "What the add-in does",
    whatText: [
      "IOP budget checks and computes the budget and the report-back of Malmö stad's partnership agreements with non-profits (IOP), first Jämlik hälsa Lindängen with Rädda Barnen.",
      "Check lists every problem with its sheet and cell and what to do. Compute and write first shows what changes, then writes formulas for derived amounts, Differens and Status, and the sheet Beslut with key figures, repayment and the draft decision. Cells a person typed are never overwritten.",
      "Outside Excel the same page works on files: pick or drop one or more .xlsx or .ods files, a folder of them (its workbooks are read, not its sub-folders) or a zip archive of them.",
    ],
    workbook: "The workbook in short",
    details: "The sheet Uppgifter: a key in one cell, its value to the right.",
    sheets:
      "One sheet per half-year, named like Budget 2025 H2, 2025-H2, Halvår 2 2025 or juli–december 2025 (or a Period cell). The table's headers may be anywhere in the first 40 rows:",
    key: "Key",
    column: "Column",
    also: "Also",
    meaning: "Means",
    findings: "Findings: what they mean and what to do",
    findingsIntro:
      "Every finding has a code that does not change. … stands for the workbook's own amounts, lines and cells.",
    code: "Code",
    severity: "Severity",
    message: "Message",
    privacy: "Privacy",
    privacyText:
      "Files you pick on the page never leave the browser: nothing is uploaded. In Excel the add-in reads and writes only the open workbook.",
    template: "The template",
    templateText:
      "In Excel: open IOP budget and choose Create template with the agreement period. Without Excel: the command iop-budget template --from YYYY-MM --to YYYY-MM makes the same template as an .xlsx file.",
  },
} as const;

function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row"><code>${esc(c)}</code></th>` : `<td>${esc(c)}</td>`)).join("")}</tr>`,
    )
    .join("")}</tbody></table>`;
}

function section(lang: Lang): string {
  const t = TEXT[lang];
  const other = lang === "sv" ? "en" : "sv";
  const detailRows = Object.entries(DETAIL_KEYS).map(([key, names]) => [
    names[0]!,
    DETAIL_MEANING[lang][key as DetailKey],
    names.slice(1).join(", "),
  ]);
  const columnRows = Object.entries(COLUMN_HEADERS).map(([key, names]) => [
    names[0]!,
    COLUMN_MEANING[lang][key] ?? "",
    names.slice(1).join(", "),
  ]);
  const findingRows = FINDING_CODES.map((code) => [
    code,
    SEVERITY_NAME[lang][FINDINGS[code].severity],
    findingTemplate(code, lang),
  ]);
  return `<section id="${lang}" lang="${lang === "sv" ? "sv" : "en"}">
<h1>${esc(t.title)}</h1>
<p><a href="#${other}">${esc(t.other)}</a></p>
<h2>${esc(t.what)}</h2>
${t.whatText.map((p) => `<p>${esc(p)}</p>`).join("\n")}
<h2>${esc(t.workbook)}</h2>
<p>${esc(t.details)}</p>
${table([t.key, t.meaning, t.also], detailRows)}
<p>${esc(t.sheets)}</p>
${table([t.column, t.meaning, t.also], columnRows)}
<h2 id="findings-${lang}">${esc(t.findings)}</h2>
<p>${esc(t.findingsIntro)}</p>
${table([t.code, t.severity, t.message], findingRows)}
<h2>${esc(t.privacy)}</h2>
<p>${esc(t.privacyText)}</p>
<h2>${esc(t.template)}</h2>
<p>${esc(t.templateText)}</p>
</section>`;
}

/** The whole page; html-webpack-plugin calls this and injects help.ts. */
export default function helpPage(): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'" />
<title>IOP-budget: hjälp / help</title>
<link rel="icon" href="assets/icon-32.png" />
<style>
body { font-family: "Segoe UI", system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; line-height: 1.45; color: #242424; background: #fff; }
@media (prefers-color-scheme: dark) { body { color: #f0f0f0; background: #1f1f1f; } a { color: #8cc4ff; } th, td { border-color: #555 !important; } }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #c8c8c8; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: rgba(128, 128, 128, 0.15); }
code { font-size: 0.9em; }
section + section { border-top: 2px solid #c8c8c8; margin-top: 2rem; }
</style>
</head>
<body>
<main>
${section("sv")}
${section("en")}
</main>
</body>
</html>`;
}
