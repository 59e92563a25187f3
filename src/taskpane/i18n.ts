// The pane's texts, Swedish by default and English when Office (or the browser) runs in English.

import type { Lang, Severity } from "../core";

export const TEXT = {
  sv: {
    title: "IOP-budget",
    subtitle:
      "Kontroll och beräkning av budget och återrapportering för idéburna offentliga partnerskap.",
    check: "Kontrollera",
    compute: "Beräkna och skriv",
    template: "Skapa mall",
    working: "Arbetar …",
    reading: "Läser arbetsboken …",
    writing: "Skriver i arbetsboken …",
    findingsTitle: "Fynd",
    noFindings: "Inga fynd: arbetsboken är korrekt.",
    counts: (e: number, w: number, i: number) =>
      `${e} fel, ${w} varningar, ${i} information`,
    severity: {
      error: "Fel",
      warning: "Varning",
      info: "Information",
    } satisfies Record<Severity, string>,
    workbookLevel: "Arbetsboken",
    goToCell: (sheet: string, cell: string) => `Gå till ${sheet} ${cell}`,
    figures: "Nyckeltal",
    halfYear: "Halvår",
    budget: "Budget",
    actual: "Utfall",
    surplus: "Överskott",
    grants: "Bidrag",
    grantsTotal: "Bidrag totalt",
    repayment: "Återbetalning",
    repaymentDue: (d: string) => `senast ${d}`,
    nothingToRepay: "Inget att återbetala",
    chartTitle: (id: string) => `Budget och utfall per post, ${id}`,
    chartLegend: "Grå: budget. Blå: utfall. Röd: överskriden post.",
    confirmTitle: "Skriva i arbetsboken?",
    confirmIntro: "Så här ändras arbetsboken:",
    confirmEdit: (sheet: string, n: number) =>
      `${sheet}: ${n} celler med formler eller nya kolumner`,
    confirmCreate: (sheet: string, exists: boolean) =>
      exists ? `${sheet}: bladet skrivs om` : `${sheet}: nytt blad`,
    confirmKeep:
      "Celler som någon har skrivit i lämnas orörda; avvikande värden visas som fynd.",
    confirmWrite: "Skriv",
    cancel: "Avbryt",
    written: (cells: number, sheets: number) =>
      `Klart: ${cells} celler i ${sheets} blad skrevs, och bladet Beslut uppdaterades.`,
    templateFrom: "Avtalsperiod från (månad)",
    templateTo: "Avtalsperiod till (månad)",
    templateCreate: "Skapa mallblad",
    templateConflict: (names: string) =>
      `Arbetsboken har redan bladen ${names}. Mallen skapas inte, så att inget befintligt blad ändras.`,
    templateDone: (names: string) => `Klart: bladen ${names} har lagts till.`,
    templateBadPeriod:
      "Välj en period där från-månaden ligger före till-månaden (högst tio år).",
    standalone: {
      intro:
        "Välj eller släpp en eller flera budgetarbetsböcker (.xlsx). Filerna läses här i webbläsaren och lämnar aldrig din dator.",
      pick: "Välj arbetsböcker",
      drop: "Släpp .xlsx-filer här",
      progress: (n: number, of: number) => `Läser fil ${n} av ${of} …`,
      file: "Fil",
      status: "Status",
      statusError: "Fel",
      statusWarning: "Varningar",
      statusClean: "Korrekt",
      statusUnreadable: "Kunde inte läsas",
      halfYears: "Halvår",
      showFindings: "Visa fynd",
      hideFindings: "Dölj fynd",
      download: "Ladda ner",
      downloadLabel: (name: string) =>
        `Ladda ner den beräknade arbetsboken för ${name}`,
      csv: "Ladda ner sammanställning (CSV)",
      none: "Inga filer ännu.",
      csvHeader: [
        "Fil",
        "Status",
        "Fel",
        "Varningar",
        "Information",
        "Bidrag (kr)",
        "Återbetalning (kr)",
        "Återbetalas senast",
        "Meddelande",
      ],
    },
    errorPrefix: "Det gick inte:",
    errors: {
      InvalidOperationInCellEditMode:
        "Excel är i redigeringsläge. Avsluta redigeringen av cellen (Enter eller Esc) och försök igen.",
      ItemNotFound:
        "Ett blad eller en cell som behövs finns inte längre. Kontrollera arbetsboken igen.",
      AccessDenied:
        "Arbetsboken är skrivskyddad eller delad så att den inte kan ändras.",
      RequestPayloadSizeLimitExceeded:
        "Arbetsboken är för stor för en ändring i Excel på webben.",
      requirements:
        "Den här Excel-versionen saknar funktioner som tillägget behöver (ExcelApi 1.7). Uppdatera Office.",
      generic: "Ett oväntat fel uppstod i Excel. Försök igen.",
    },
  },
  en: {
    title: "IOP budget",
    subtitle:
      "Checks and computes budgets and report-backs of non-profit partnership agreements (IOP).",
    check: "Check",
    compute: "Compute and write",
    template: "Create template",
    working: "Working …",
    reading: "Reading the workbook …",
    writing: "Writing to the workbook …",
    findingsTitle: "Findings",
    noFindings: "No findings: the workbook is in order.",
    counts: (e: number, w: number, i: number) =>
      `${e} errors, ${w} warnings, ${i} information`,
    severity: {
      error: "Error",
      warning: "Warning",
      info: "Information",
    } satisfies Record<Severity, string>,
    workbookLevel: "Workbook",
    goToCell: (sheet: string, cell: string) => `Go to ${sheet} ${cell}`,
    figures: "Key figures",
    halfYear: "Half-year",
    budget: "Budget",
    actual: "Actual",
    surplus: "Surplus",
    grants: "Grants",
    grantsTotal: "Total grants",
    repayment: "Repayment",
    repaymentDue: (d: string) => `due ${d}`,
    nothingToRepay: "Nothing to repay",
    chartTitle: (id: string) => `Budget and actual per line, ${id}`,
    chartLegend: "Grey: budget. Blue: actual. Red: overspent line.",
    confirmTitle: "Write to the workbook?",
    confirmIntro: "This is how the workbook changes:",
    confirmEdit: (sheet: string, n: number) =>
      `${sheet}: ${n} cells with formulas or new columns`,
    confirmCreate: (sheet: string, exists: boolean) =>
      exists ? `${sheet}: the sheet is rewritten` : `${sheet}: new sheet`,
    confirmKeep:
      "Cells a person typed are left as they are; values that disagree are shown as findings.",
    confirmWrite: "Write",
    cancel: "Cancel",
    written: (cells: number, sheets: number) =>
      `Done: ${cells} cells in ${sheets} sheets were written, and the sheet Beslut was updated.`,
    templateFrom: "Agreement period from (month)",
    templateTo: "Agreement period to (month)",
    templateCreate: "Create template sheets",
    templateConflict: (names: string) =>
      `The workbook already has the sheets ${names}. The template is not created, so that no existing sheet changes.`,
    templateDone: (names: string) => `Done: the sheets ${names} were added.`,
    templateBadPeriod:
      "Choose a period whose first month comes before its last (at most ten years).",
    standalone: {
      intro:
        "Choose or drop one or more budget workbooks (.xlsx). The files are read here in the browser and never leave your computer.",
      pick: "Choose workbooks",
      drop: "Drop .xlsx files here",
      progress: (n: number, of: number) => `Reading file ${n} of ${of} …`,
      file: "File",
      status: "Status",
      statusError: "Errors",
      statusWarning: "Warnings",
      statusClean: "In order",
      statusUnreadable: "Could not be read",
      halfYears: "Half-years",
      showFindings: "Show findings",
      hideFindings: "Hide findings",
      download: "Download",
      downloadLabel: (name: string) =>
        `Download the computed workbook for ${name}`,
      csv: "Download summary (CSV)",
      none: "No files yet.",
      csvHeader: [
        "File",
        "Status",
        "Errors",
        "Warnings",
        "Information",
        "Grants (SEK)",
        "Repayment (SEK)",
        "Repayment due",
        "Message",
      ],
    },
    errorPrefix: "That did not work:",
    errors: {
      InvalidOperationInCellEditMode:
        "Excel is editing a cell. Finish editing (Enter or Esc) and try again.",
      ItemNotFound:
        "A sheet or cell that is needed no longer exists. Check the workbook again.",
      AccessDenied:
        "The workbook is read-only or shared in a way that prevents changes.",
      RequestPayloadSizeLimitExceeded:
        "The workbook is too large for one change in Excel on the web.",
      requirements:
        "This version of Excel lacks features the add-in needs (ExcelApi 1.7). Please update Office.",
      generic: "An unexpected error occurred in Excel. Please try again.",
    },
  },
};

export type PaneText = (typeof TEXT)["sv"] | (typeof TEXT)["en"];

export function textFor(lang: Lang): PaneText {
  return TEXT[lang] as PaneText;
}

/** Office's display language decides; outside Office the browser's. Swedish unless it is English. */
export function languageOf(displayLanguage: string | undefined): Lang {
  return (displayLanguage ?? "").toLowerCase().startsWith("en") ? "en" : "sv";
}
