// The pane's texts, Swedish by default and English when Office (or the browser) runs in English.

import type { ChangeField, Lang } from "../core";
// The severity words straight from their module: the pane's first chunk does not load the core.
import { SEVERITY_NAME } from "../core/findings/summary";
import { formatNumber } from "../core/findings/format";

/** A granted budget the pane holds the report to: its file, and the half-years held to it. */
type Grant = { readonly file: string; readonly periods: readonly string[] };
const grantShown = (g: Grant) =>
  g.periods.length > 0 ? `${g.file} (${g.periods.join(", ")})` : g.file;
/**
 * The grants that hold a half-year, and the files of those that hold none beside them (of two
 * versions of a grant, the later saved holds them); one grant alone is named as it is.
 */
function heldAndIdle(grants: readonly Grant[]): {
  held: readonly Grant[];
  idle: readonly string[];
} {
  const held = grants.filter((g) => g.periods.length > 0);
  return held.length === 0
    ? { held: grants, idle: [] }
    : {
        held,
        idle: grants.filter((g) => g.periods.length === 0).map((g) => g.file),
      };
}

export const TEXT = {
  sv: {
    title: "IOP-budget",
    help: "Hjälp: arbetsboken, alla fynd och integritet",
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
      `${e} fel, ${w} ${w === 1 ? "varning" : "varningar"}, ${i} information`,
    verdict: (e: number, w: number) =>
      e + w === 0
        ? "Inga fel eller varningar"
        : [
            e > 0 ? `${e} fel` : "",
            w > 0 ? `${w} ${w === 1 ? "varning" : "varningar"}` : "",
          ]
            .filter(Boolean)
            .join(", "),
    showFindings: "visa",
    showFindingsLabel: "Visa fynden",
    charts: "Diagram",
    severity: SEVERITY_NAME.sv,
    workbookLevel: "Arbetsboken",
    goToCell: (sheet: string, cell: string) => `Gå till ${sheet} ${cell}`,
    showAllFindings: (hidden: number) =>
      `Visa alla (${formatNumber(hidden, "sv")} fynd till)`,
    figures: "Nyckeltal",
    halfYear: "Halvår",
    budget: "Budget",
    actual: "Utfall",
    surplus: "Överskott",
    surplusFrom: (year: number) => `Överskott från ${year}`,
    grants: "Bidrag",
    grantsTotal: "Bidrag totalt",
    repayment: "Återbetalning",
    repaymentDue: (d: string) => `senast ${d}`,
    nothingToRepay: "Inget att återbetala",
    chartTitle: (id: string) => `Budget och utfall per post, ${id}`,
    chartLegend: "Grå: budget. Blå: utfall. Röd: överskriden post.",
    chartHidden: (shown: number, all: number) =>
      `Diagrammet visar ${shown} av ${all} poster: de överskridna först, sedan de största.`,
    confirmTitle: "Skriva i arbetsboken?",
    confirmIntro: "Så här ändras arbetsboken:",
    confirmEdit: (sheet: string, n: number) =>
      `${sheet}: ${n} celler med formler eller nya kolumner`,
    confirmCreate: (sheet: string, exists: boolean) =>
      exists ? `${sheet}: bladet skrivs om` : `${sheet}: nytt blad`,
    confirmKeep:
      "Celler som någon har skrivit i lämnas orörda; avvikande värden visas som fynd.",
    confirmKept: (kept: string, sheet: string) =>
      `Bladet ${kept} är inte tilläggets och lämnas orört; beslutsunderlaget skrivs i ${sheet}.`,
    confirmNoUndo:
      "Excel kan inte ångra den här ändringen (Ctrl+Z). Spara en kopia först om du vill kunna gå tillbaka.",
    confirmLifted: (sheets: string) =>
      `Skyddat utan lösenord: ${sheets}. Tillägget tar bort bladskyddet medan det skriver och skyddar bladet igen med samma inställningar.`,
    confirmWrite: "Skriv",
    cancel: "Avbryt",
    written: (cells: number, sheets: number) =>
      `Klart: ${cells} celler i ${sheets} blad skrevs, och beslutsunderlaget uppdaterades.`,
    templateFrom: "Avtalsperiod från (månad)",
    templateTo: "Avtalsperiod till (månad)",
    templateCreate: "Skapa mallblad",
    templateConflict: (names: string) =>
      `Arbetsboken har redan bladen ${names}. Mallen skapas inte, så att inget befintligt blad ändras.`,
    templateDone: (names: string) =>
      `Klart: bladen ${names} har lagts till. Excel kan skriva ut bladen i naturlig storlek tills fliken Sidlayout har visats en gång; kontrollera före utskrift att Anpassa är en sida bred (Sidlayout → Bredd: 1 sida).`,
    templateBadPeriod:
      "Välj en period där från-månaden ligger före till-månaden (högst tio år).",
    follow: "Följ ändringar",
    movedTitle: "Efter ändringen i arbetsboken",
    previewDropped:
      "Arbetsboken ändrades, så förhandsvisningen togs bort. Tryck Beräkna och skriv igen.",
    nothingToCompute:
      "Inget halvår kunde läsas ur arbetsboken, så det finns inget att beräkna och inget skrevs. Fynden nedan säger varför.",
    model: {
      title: "Modellera",
      intro:
        "Ändra en posts tjänstgöringsgrad, månader, månadskostnad eller budget här, och en persons månadslön, tjänstgöringsgrad och datum i Lönekalkyl: siffrorna räknas om direkt, utan att arbetsboken ändras.",
      halfYear: "Halvår",
      search: "Sök post",
      line: "Post",
      hiddenLines: (shown: number, all: number) =>
        `Visar ${shown} av ${all} poster. Sök för att hitta fler.`,
      edit: (label: string, field: string) => `${field} för ${label}`,
      wasInWorkbook: (was: string) => `I arbetsboken: ${was}`,
      invalid: (field: string) =>
        `${field}: skriv ett tal, till exempel 300 %, 52 000 kr eller 45 tkr.`,
      invalidDate: (field: string) =>
        `${field}: skriv ett datum, till exempel 2026-09-01, eller lämna tomt för hela avtalsperioden.`,
      persons: "Personer i Lönekalkyl",
      changed: (n: number) =>
        `${n} ${n === 1 ? "ändrad siffra" : "ändrade siffror"} som inte finns i arbetsboken. Markerade siffror skiljer sig från arbetsboken.`,
      write: "Skriv in i arbetsboken",
      reset: "Återställ",
      total: "Totalt",
      computed: "beräknad",
      confirmLine: (
        where: string,
        label: string,
        field: string,
        before: string,
        after: string,
      ) => `${where} ${label}, ${field}: ${before} → ${after}`,
      confirmMore: (n: number) => `… och ${n} till`,
      confirmFormat: (field: ChangeField) =>
        `(cellens talformat blir ${field === "servicePercent" || field === "grade" ? "procent" : field === "months" ? "tal" : field === "from" || field === "to" ? "datum" : "belopp"}, så att värdet läses rätt)`,
      confirmMissing: (lines: string) =>
        `Finns inte längre i arbetsboken och skrivs inte: ${lines}.`,
      written: (n: number) =>
        `Klart: ${n} ${n === 1 ? "värde" : "värden"} skrevs in i arbetsboken.`,
      nothingToWrite: "Inget att skriva: arbetsboken har redan de här värdena.",
    },
    salaries: {
      title: "Lönekalkyl",
      intro:
        "Varje persons kostnad per halvår och hur den räknas: månadskostnaden med arbetsgivaravgifter efter ålder och datum, och pålägget.",
      person: "Person",
      post: "Post",
    },
    scenarios: {
      title: "Scenarier",
      intro:
        "Ett scenario sparar alla posters värden under ett namn i arbetsboken (det dolda bladet IOP-scenarier), så att alla som öppnar filen har det.",
      name: "Scenariots namn",
      save: "Spara scenario",
      saved: (name: string) => `Scenariot "${name}" sparades i arbetsboken.`,
      savedAnew: (name: string, lost: string) =>
        `Scenariot "${name}" sparades på ett nytt blad. De tidigare scenarierna (${lost}) fanns inte längre i arbetsboken och är inte med.`,
      renamed: (sheet: string) =>
        `Scenarierna finns på bladet ${sheet}, som har döpts om. Tillägget läser och sparar dem där.`,
      kept: (sheet: string, ours: string) =>
        `Bladet ${sheet} är inte tilläggets och lämnas orört; scenarierna sparas på bladet ${ours}.`,
      lost: (names: string) =>
        `Bladet med de sparade scenarierna (${names}) finns inte längre i arbetsboken. Var det ett misstag: ångra borttagningen i Excel (Ctrl+Z) eller öppna en tidigare version av filen. Nästa scenario sparas på ett nytt blad, utan dem.`,
      forget: "Det var meningen",
      noName: "Ge scenariot ett namn.",
      none: "Inga sparade scenarier än.",
      list: "Sparade scenarier",
      savedAt: (at: string) => `sparat ${at}`,
      current: "Arbetsboken nu",
      compare: "Jämför",
      compareWith: "med",
      apply: "Använd scenario",
      applyLabel: (name: string) => `Använd scenariot ${name}`,
      comparison: (a: string, b: string) => `${a} jämfört med ${b}`,
      difference: "Skillnad",
      same: (n: number) =>
        `${n} ${n === 1 ? "post är lika" : "poster är lika"}.`,
      noDifference: "Inga skillnader.",
      close: "Stäng jämförelsen",
      missing: "saknas",
    },
    granted: {
      compare: "Jämför med beviljad budget",
      pick: "Välj den beviljade budgetens arbetsbok",
      comparing: (grants: readonly Grant[]) => {
        const { held, idle } = heldAndIdle(grants);
        return `Återrapporteringen räknas mot den beviljade budgeten i ${held.map(grantShown).join(" och i ")}${idle.length > 0 ? `; inget av dess halvår räknas mot ${idle.join(", ")}` : ""}. Beräkna och skriv använder arbetsbokens egen budget.`;
      },
      stop: "Sluta jämföra",
    },
    memo: {
      title: "Beslutsunderlag",
      intro:
        "Förslag till beslut med ekonomisk redovisning och budgetförslag, som ett Word-dokument att arbeta vidare i.",
      download: "Ladda ner beslutsunderlag (Word)",
      downloadFor: (what: string) =>
        `Ladda ner beslutsunderlag (Word) för ${what}`,
      copy: "Kopiera tabell",
      copyFor: (what: string) => `Kopiera tabellerna för ${what}`,
      copied:
        "Tabellerna är kopierade. Klistra in dem i Word, där de blir tabeller.",
      copyFailed:
        "Webbläsaren lät inte tillägget kopiera. Ladda ner Word-dokumentet i stället.",
      noTables:
        "Det finns inga tabeller att kopiera: arbetsboken har varken utfall eller budget per post.",
      making: "Skapar beslutsunderlaget …",
      fileName: (name: string) => `beslutsunderlag-${name}.docx`,
      caseLine: (dnr: string, files: string) => `${dnr}: ${files}`,
      noCaseNumber: "utan diarienummer",
      manyFiles: (n: number) => `${n} filer`,
      differentCases:
        "Filerna hör till olika ärenden (olika diarienummer, eller olika partnerskap utan diarienummer); varje ärende får sitt eget beslutsunderlag.",
      files: "Ärendets filer",
      roleFor: (file: string) => `Roll för ${file}`,
      role: {
        report: "Återrapportering som bedöms",
        proposal: "Budgetförslag",
        grant: "Beviljad budget (referens)",
        "left-out": "Utelämnad",
      },
      leftOut: {
        template: "en mall som inte är ifylld",
        "no-half-years":
          "inget halvår kunde läsas ur den: varken budget eller återrapportering",
        "earlier-report": "en senare återrapportering finns",
        "earlier-budget": "ett senare budgetförslag finns",
        "already-reported":
          "den budgeterar halvår som återrapporteringen redan redovisar",
        "case-unknown":
          "den kan vara återrapporteringens beviljade budget, men varken diarienummer eller partnerskap visar att den hör till samma ärende; välj den som beviljad budget om den är det",
        "same-half-years":
          "en annan version för samma halvår valdes; välj själv vilken som gäller",
        "actuals-not-read": "utfallet står på egna blad och läses inte",
        "not-chosen": "en annan fil har den rollen",
        reviewer: "utelämnad av dig",
      },
      meeting: "Sammanträdets datum (valfritt)",
      meetingHint:
        "Avgör vilket år som beviljas nu och vilka år som ska beaktas i budgeten.",
      meetingAllHint:
        "Gäller alla ärendens beslutsunderlag nedan. Avgör vilket år som beviljas nu och vilka år som ska beaktas i budgeten.",
      fromFile: (file: string) => `från ${file}`,
    },
    standalone: {
      intro:
        "Välj eller släpp en eller flera budgetarbetsböcker (.xlsx). Filerna läses här i webbläsaren och lämnar aldrig din dator.",
      pick: "Välj arbetsböcker",
      pairedWith: (budget: string, periods: string) =>
        `Räknad mot den beviljade budgeten i ${budget} (${periods})`,
      diff: {
        title: "Jämför två versioner",
        old: "Äldre version",
        new: "Nyare version",
        none: "Inga ändringar: versionerna har samma uppgifter och poster.",
        count: (n: number, a: string, b: string) =>
          `${n} ${n === 1 ? "ändring" : "ändringar"} från ${a} till ${b}`,
        headers: ["Blad", "Cell", "Post", "Vad", "Före", "Efter"],
        fromQueue: "Ur kön",
        orFile: "eller en fil",
        pickOne: "Välj …",
      },
      drop: "Släpp .xlsx-filer, en mapp eller ett zip-arkiv med dem här",
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
      downloadHoldsChanges:
        "Ladda ner ger den beräknade arbetsboken med de ändrade värdena inskrivna.",
      downloadLabel: (name: string) =>
        `Ladda ner den beräknade arbetsboken för ${name}`,
      copyNotReadBack: (name: string, sheet: string) =>
        `Den beräknade arbetsboken för ${name} gick inte att läsa tillbaka (bladet ${sheet}), så den laddades inte ner. Din fil är oförändrad. Öppna den i Excel, spara den och läs in den här igen.`,
      csv: "Ladda ner sammanställning (CSV)",
      xlsx: "Ladda ner sammanställning (Excel)",
      xlsxSheets: ["Sammanställning", "Fynd"],
      xlsxHeader: [
        "Fil",
        "Diarienummer",
        "Organisation",
        "Status",
        "Granskad",
        "Anteckning",
        "Fel",
        "Varningar",
        "Information",
        "Bidrag (kr)",
        "Återbetalning (kr)",
        "Återbetalas senast",
        "Meddelande",
      ],
      xlsxFindingsHeader: [
        "Fil",
        "Allvarlighet",
        "Kod",
        "Blad",
        "Cell",
        "Meddelande",
      ],
      queue: "Inlämnade arbetsböcker",
      yes: "Ja",
      columns: {
        file: "Fil",
        caseNumber: "Ärende",
        organisation: "Organisation",
        status: "Status",
        errors: "Fel",
        warnings: "Varningar",
        grant: "Bidrag",
        repayment: "Återbetalning",
      },
      actions: "Åtgärder",
      sortBy: (column: string) => `Sortera efter ${column}`,
      filter: "Filtrera på fil, ärende eller organisation",
      statusFilter: "Visa status",
      allStatuses: "Alla",
      shown: (n: number, of: number) => `Visar ${n} av ${of} filer`,
      details: (name: string) => `Detaljer för ${name}`,
      showFindingsFor: (name: string) => `Visa fynd för ${name}`,
      hideFindingsFor: (name: string) => `Dölj fynd för ${name}`,
      print: "Skriv ut fynden",
      none: "Inga filer ännu.",
      reviewed: "Granskad",
      reviewedFor: (name: string) => `Granskad: ${name}`,
      note: "Anteckning",
      noteFor: (name: string) => `Anteckning för ${name}`,
      previous: "Föregående fil",
      next: "Nästa fil",
      reviewedCount: (n: number, of: number) => `${n} av ${of} granskade`,
      notKept:
        "Webbläsaren sparar inte markeringarna (privat fönster?); de finns kvar tills sidan stängs.",
      printedAt: (date: string) => `Utskrivet ${date}`,
      unreadable: (n: number, names: string) =>
        `${n === 1 ? "En fil" : `${n} filer`} kunde inte läsas: ${names}. Visa raden för vad som är fel och vad du kan göra.`,
      technical: "Teknisk kod",
      moreFiles: (n: number) => `och ${n} till`,
      withoutMemo: (n: number, names: string) =>
        `${n === 1 ? "En fil har" : `${n} filer har`} inget halvår och därför inget beslutsunderlag: ${names}. Se fynden i tabellen ovan.`,
    },
    errorPrefix: "Det gick inte:",
    errors: {
      InvalidOperationInCellEditMode:
        "Excel är i redigeringsläge. Avsluta redigeringen av cellen (Enter eller Esc) och försök igen.",
      ItemNotFound:
        "Ett blad eller en cell som behövs finns inte längre. Kontrollera arbetsboken igen.",
      ItemAlreadyExists:
        "Ett blad med samma namn finns redan. Kontrollera arbetsboken igen.",
      AccessDenied:
        "Arbetsboken är skrivskyddad eller delad så att den inte kan ändras.",
      RequestPayloadSizeLimitExceeded:
        "Ändringen är för stor för en begäran i Excel på webben. Beräkna i Excel för skrivbordet eller på sidan för filer.",
      ResponsePayloadSizeLimitExceeded:
        "Arbetsboken är för stor för att läsas i Excel på webben. Öppna den i Excel för skrivbordet eller på sidan för filer.",
      InactiveWorkbook:
        "Arbetsboken är inte längre aktiv (den stängdes eller byttes). Öppna den igen.",
      RequestAborted:
        "Excel avbröt begäran, kanske för att arbetsboken stängdes eller laddades om. Försök igen.",
      Conflict:
        "Någon annan ändrade arbetsboken samtidigt. Vänta ett ögonblick och försök igen.",
      InvalidArgument:
        "Excel tog inte emot ett värde som tillägget skrev. Kontrollera arbetsboken igen.",
      InvalidReference:
        "En cellreferens i arbetsboken är ogiltig (ett blad kan ha tagits bort). Kontrollera arbetsboken igen.",
      InvalidOperation:
        "Excel tillät inte ändringen i arbetsbokens nuvarande läge. Kontrollera att inget blad är skyddat och försök igen.",
      UnsupportedOperation:
        "Den här Excel-versionen kan inte göra ändringen. Använd Excel för skrivbordet eller sidan för filer.",
      UndoNotSupported:
        "Excel kunde inte göra ändringen som ett ångrabart steg. Inget skrevs; försök igen.",
      ApiNotFound:
        "Den här Excel-versionen saknar funktioner som tillägget behöver. Uppdatera Office.",
      NotImplemented:
        "Den här Excel-versionen saknar funktioner som tillägget behöver. Uppdatera Office.",
      GeneralException:
        "Excel rapporterade ett internt fel. Spara arbetsboken och försök igen.",
      changed:
        "Arbetsboken ändrades efter förhandsvisningen. Inget skrevs; tryck på Beräkna och skriv igen.",
      sheetPasswordProtected: (sheet: string) =>
        `Bladet ${sheet} är skyddat med lösenord, så tillägget kan inte skriva i det. Inget skrevs. Ta bort skyddet med lösenordet (Granska → Ta bort bladskydd), tryck på Beräkna igen och skydda sedan bladet igen (Granska → Skydda blad).`,
      workbookProtected: (sheet: string) =>
        `Arbetsbokens struktur är skyddad, så bladet ${sheet} kan inte läggas till eller döljas. Inget skrevs; ta bort skyddet (Granska → Skydda arbetsbok) och försök igen.`,
      requirements:
        "Den här Excel-versionen saknar funktioner som tillägget behöver (ExcelApi 1.7). Uppdatera Office.",
      generic: "Ett oväntat fel uppstod i Excel. Försök igen.",
    },
  },
  en: {
    title: "IOP budget",
    help: "Help: the workbook, every finding and privacy",
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
      `${e} ${e === 1 ? "error" : "errors"}, ${w} ${w === 1 ? "warning" : "warnings"}, ${i} information`,
    verdict: (e: number, w: number) =>
      e + w === 0
        ? "No errors or warnings"
        : [
            e > 0 ? `${e} ${e === 1 ? "error" : "errors"}` : "",
            w > 0 ? `${w} ${w === 1 ? "warning" : "warnings"}` : "",
          ]
            .filter(Boolean)
            .join(", "),
    showFindings: "show",
    showFindingsLabel: "Show the findings",
    charts: "Charts",
    severity: SEVERITY_NAME.en,
    workbookLevel: "Workbook",
    goToCell: (sheet: string, cell: string) => `Go to ${sheet} ${cell}`,
    showAllFindings: (hidden: number) =>
      `Show all (${formatNumber(hidden, "en")} more ${hidden === 1 ? "finding" : "findings"})`,
    figures: "Key figures",
    halfYear: "Half-year",
    budget: "Budget",
    actual: "Actual",
    surplus: "Surplus",
    surplusFrom: (year: number) => `Surplus from ${year}`,
    grants: "Grants",
    grantsTotal: "Total grants",
    repayment: "Repayment",
    repaymentDue: (d: string) => `due ${d}`,
    nothingToRepay: "Nothing to repay",
    chartTitle: (id: string) => `Budget and actual per line, ${id}`,
    chartLegend: "Grey: budget. Blue: actual. Red: overspent line.",
    chartHidden: (shown: number, all: number) =>
      `The chart shows ${shown} of ${all} lines: overspent ones first, then the largest.`,
    confirmTitle: "Write to the workbook?",
    confirmIntro: "This is how the workbook changes:",
    confirmEdit: (sheet: string, n: number) =>
      `${sheet}: ${n} cells with formulas or new columns`,
    confirmCreate: (sheet: string, exists: boolean) =>
      exists ? `${sheet}: the sheet is rewritten` : `${sheet}: new sheet`,
    confirmKeep:
      "Cells a person typed are left as they are; values that disagree are shown as findings.",
    confirmKept: (kept: string, sheet: string) =>
      `The sheet ${kept} is not the add-in's and is left alone; the decision data is written to ${sheet}.`,
    confirmNoUndo:
      "Excel cannot undo this change (Ctrl+Z). Save a copy first if you want to be able to go back.",
    confirmLifted: (sheets: string) =>
      `Protected without a password: ${sheets}. The add-in unprotects the sheet while it writes and protects it again with the same settings.`,
    confirmWrite: "Write",
    cancel: "Cancel",
    written: (cells: number, sheets: number) =>
      `Done: ${cells} cells in ${sheets} sheets were written, and the decision sheet was updated.`,
    templateFrom: "Agreement period from (month)",
    templateTo: "Agreement period to (month)",
    templateCreate: "Create template sheets",
    templateConflict: (names: string) =>
      `The workbook already has the sheets ${names}. The template is not created, so that no existing sheet changes.`,
    templateDone: (names: string) =>
      `Done: the sheets ${names} were added. Excel may print them at full size until the Page Layout tab has been shown once; before printing, check that Scale to Fit is one page wide (Page Layout → Width: 1 page).`,
    templateBadPeriod:
      "Choose a period whose first month comes before its last (at most ten years).",
    follow: "Follow changes",
    movedTitle: "After the change in the workbook",
    previewDropped:
      "The workbook changed, so the preview was dropped. Press Compute and write again.",
    nothingToCompute:
      "No half-year could be read from the workbook, so there is nothing to compute and nothing was written. The findings below say why.",
    model: {
      title: "Model",
      intro:
        "Change a line's service %, months, monthly cost or budget here, and a person's monthly salary, employment rate and dates in Lönekalkyl: the figures are recomputed at once, without changing the workbook.",
      halfYear: "Half-year",
      search: "Find line",
      line: "Line",
      hiddenLines: (shown: number, all: number) =>
        `Showing ${shown} of ${all} lines. Search to find more.`,
      edit: (label: string, field: string) => `${field} of ${label}`,
      wasInWorkbook: (was: string) => `In the workbook: ${was}`,
      invalid: (field: string) =>
        `${field}: type a number, for example 300 %, 52,000 kr or 45 tkr.`,
      invalidDate: (field: string) =>
        `${field}: type a date, for example 2026-09-01, or leave it empty for the whole agreement.`,
      persons: "Persons in Lönekalkyl",
      changed: (n: number) =>
        `${n} changed ${n === 1 ? "figure" : "figures"} not in the workbook. Marked figures differ from the workbook.`,
      write: "Write into the workbook",
      reset: "Reset",
      total: "Total",
      computed: "computed",
      confirmLine: (
        where: string,
        label: string,
        field: string,
        before: string,
        after: string,
      ) => `${where} ${label}, ${field}: ${before} → ${after}`,
      confirmMore: (n: number) => `… and ${n} more`,
      confirmFormat: (field: ChangeField) =>
        `(the cell's number format becomes ${field === "servicePercent" || field === "grade" ? "a percent" : field === "months" ? "a plain number" : field === "from" || field === "to" ? "a date" : "an amount"}, so that the value reads right)`,
      confirmMissing: (lines: string) =>
        `No longer in the workbook and not written: ${lines}.`,
      written: (n: number) =>
        `Done: ${n} ${n === 1 ? "value was" : "values were"} written into the workbook.`,
      nothingToWrite:
        "Nothing to write: the workbook already has these values.",
    },
    salaries: {
      title: "Salary calculation",
      intro:
        "Each person's cost per half-year and how it is reached: the monthly cost with employer contributions by age and date, and the surcharge.",
      person: "Person",
      post: "Line",
    },
    scenarios: {
      title: "Scenarios",
      intro:
        "A scenario saves every line's values under a name in the workbook (the hidden sheet IOP-scenarier), so everyone who opens the file has it.",
      name: "Scenario name",
      save: "Save scenario",
      saved: (name: string) =>
        `The scenario "${name}" was saved in the workbook.`,
      savedAnew: (name: string, lost: string) =>
        `The scenario "${name}" was saved on a new sheet. The earlier scenarios (${lost}) were no longer in the workbook and are not on it.`,
      renamed: (sheet: string) =>
        `The scenarios are on the sheet ${sheet}, which has been renamed. The add-in reads and saves them there.`,
      kept: (sheet: string, ours: string) =>
        `The sheet ${sheet} is not the add-in's and is left alone; scenarios are saved on the sheet ${ours}.`,
      lost: (names: string) =>
        `The sheet with the saved scenarios (${names}) is no longer in the workbook. If that was a mistake, undo the deletion in Excel (Ctrl+Z) or open an earlier version of the file. The next scenario is saved on a new sheet, without them.`,
      forget: "That was intended",
      noName: "Give the scenario a name.",
      none: "No saved scenarios yet.",
      list: "Saved scenarios",
      savedAt: (at: string) => `saved ${at}`,
      current: "The workbook now",
      compare: "Compare",
      compareWith: "with",
      apply: "Use scenario",
      applyLabel: (name: string) => `Use the scenario ${name}`,
      comparison: (a: string, b: string) => `${a} compared with ${b}`,
      difference: "Difference",
      same: (n: number) =>
        `${n} ${n === 1 ? "line is" : "lines are"} the same.`,
      noDifference: "No differences.",
      close: "Close the comparison",
      missing: "missing",
    },
    granted: {
      compare: "Compare with granted budget",
      pick: "Choose the granted budget's workbook",
      comparing: (grants: readonly Grant[]) => {
        const { held, idle } = heldAndIdle(grants);
        return `The report is computed against the granted budget in ${held.map(grantShown).join(" and in ")}${idle.length > 0 ? `; none of its half-years is computed against ${idle.join(", ")}` : ""}. Compute and write uses the workbook's own budget.`;
      },
      stop: "Stop comparing",
    },
    memo: {
      title: "Decision memo",
      intro:
        "The proposed decision with the financial report and the budget proposal, as a Word document to work on.",
      download: "Download decision memo (Word)",
      downloadFor: (what: string) =>
        `Download the decision memo (Word) for ${what}`,
      copy: "Copy tables",
      copyFor: (what: string) => `Copy the tables for ${what}`,
      copied:
        "The tables are copied. Paste them into Word, where they become tables.",
      copyFailed:
        "The browser did not let the add-in copy. Download the Word document instead.",
      noTables:
        "There are no tables to copy: the workbook has neither actuals nor a budget per line.",
      making: "Making the decision memo …",
      fileName: (name: string) => `decision-memo-${name}.docx`,
      caseLine: (dnr: string, files: string) => `${dnr}: ${files}`,
      noCaseNumber: "no case number",
      manyFiles: (n: number) => `${n} files`,
      differentCases:
        "The files belong to different cases (different case numbers, or different partnerships without one); each case gets a memo of its own.",
      files: "Files of the case",
      roleFor: (file: string) => `Role of ${file}`,
      role: {
        report: "Report being judged",
        proposal: "Budget proposal",
        grant: "Granted budget (reference)",
        "left-out": "Left out",
      },
      leftOut: {
        template: "a template not filled in",
        "no-half-years":
          "no half-year could be read from it: neither a budget nor a report",
        "earlier-report": "a later report is given",
        "earlier-budget": "a later budget proposal is given",
        "already-reported":
          "it budgets half-years the report already accounts for",
        "case-unknown":
          "it may be the report's granted budget, but neither a Diarienummer nor a partnership shows it is of the same case; choose it as the granted budget if it is",
        "same-half-years":
          "another version of the same half-years was chosen; choose which applies",
        "actuals-not-read":
          "its actuals stand on sheets of their own and are not read",
        "not-chosen": "another file has that role",
        reviewer: "left out by you",
      },
      meeting: "Date of the meeting (optional)",
      meetingHint:
        "Decides which year is granted now and which years are to be considered in the budget.",
      meetingAllHint:
        "Applies to every case's memo below. Decides which year is granted now and which years are to be considered in the budget.",
      fromFile: (file: string) => `from ${file}`,
    },
    standalone: {
      intro:
        "Choose or drop one or more budget workbooks (.xlsx). The files are read here in the browser and never leave your computer.",
      pick: "Choose workbooks",
      pairedWith: (budget: string, periods: string) =>
        `Computed against the granted budget in ${budget} (${periods})`,
      diff: {
        title: "Compare two versions",
        old: "Earlier version",
        new: "Later version",
        none: "No changes: the versions have the same details and lines.",
        count: (n: number, a: string, b: string) =>
          `${n} ${n === 1 ? "change" : "changes"} from ${a} to ${b}`,
        headers: ["Sheet", "Cell", "Line", "What", "Before", "After"],
        fromQueue: "From the queue",
        orFile: "or a file",
        pickOne: "Choose …",
      },
      drop: "Drop .xlsx files, or a folder or zip archive of them, here",
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
      downloadHoldsChanges:
        "Download gives the computed workbook with the changed values written in.",
      downloadLabel: (name: string) =>
        `Download the computed workbook for ${name}`,
      copyNotReadBack: (name: string, sheet: string) =>
        `The computed workbook for ${name} did not read back (sheet ${sheet}), so it was not downloaded. Your file is unchanged. Open it in Excel, save it and load it here again.`,
      csv: "Download summary (CSV)",
      xlsx: "Download summary (Excel)",
      xlsxSheets: ["Summary", "Findings"],
      xlsxHeader: [
        "File",
        "Case number",
        "Organisation",
        "Status",
        "Reviewed",
        "Note",
        "Errors",
        "Warnings",
        "Information",
        "Grants (SEK)",
        "Repayment (SEK)",
        "Repayment due",
        "Message",
      ],
      xlsxFindingsHeader: [
        "File",
        "Severity",
        "Code",
        "Sheet",
        "Cell",
        "Message",
      ],
      queue: "Submitted workbooks",
      yes: "Yes",
      columns: {
        file: "File",
        caseNumber: "Case",
        organisation: "Organisation",
        status: "Status",
        errors: "Errors",
        warnings: "Warnings",
        grant: "Grants",
        repayment: "Repayment",
      },
      actions: "Actions",
      sortBy: (column: string) => `Sort by ${column}`,
      filter: "Filter by file, case or organisation",
      statusFilter: "Show status",
      allStatuses: "All",
      shown: (n: number, of: number) => `Showing ${n} of ${of} files`,
      details: (name: string) => `Details of ${name}`,
      showFindingsFor: (name: string) => `Show findings for ${name}`,
      hideFindingsFor: (name: string) => `Hide findings for ${name}`,
      print: "Print the findings",
      reviewed: "Reviewed",
      reviewedFor: (name: string) => `Reviewed: ${name}`,
      note: "Note",
      noteFor: (name: string) => `Note for ${name}`,
      previous: "Previous file",
      next: "Next file",
      reviewedCount: (n: number, of: number) => `${n} of ${of} reviewed`,
      notKept:
        "The browser does not keep the marks (a private window?); they last until the page is closed.",
      printedAt: (date: string) => `Printed ${date}`,
      unreadable: (n: number, names: string) =>
        `${n === 1 ? "One file" : `${n} files`} could not be read: ${names}. Show the row for what is wrong and what to do.`,
      technical: "Technical code",
      moreFiles: (n: number) => `and ${n} more`,
      withoutMemo: (n: number, names: string) =>
        `${n === 1 ? "One file has" : `${n} files have`} no half-year and so no decision memo: ${names}. See the findings in the table above.`,
      none: "No files yet.",
    },
    errorPrefix: "That did not work:",
    errors: {
      InvalidOperationInCellEditMode:
        "Excel is editing a cell. Finish editing (Enter or Esc) and try again.",
      ItemNotFound:
        "A sheet or cell that is needed no longer exists. Check the workbook again.",
      ItemAlreadyExists:
        "A sheet of the same name already exists. Check the workbook again.",
      AccessDenied:
        "The workbook is read-only or shared in a way that prevents changes.",
      RequestPayloadSizeLimitExceeded:
        "The change is too large for one request in Excel on the web. Compute in Excel for desktop or on the page for files.",
      ResponsePayloadSizeLimitExceeded:
        "The workbook is too large to read in Excel on the web. Open it in Excel for desktop or on the page for files.",
      InactiveWorkbook:
        "The workbook is no longer active (it was closed or switched). Open it again.",
      RequestAborted:
        "Excel aborted the request, perhaps because the workbook was closed or reloaded. Try again.",
      Conflict:
        "Someone else changed the workbook at the same time. Wait a moment and try again.",
      InvalidArgument:
        "Excel did not accept a value the add-in wrote. Check the workbook again.",
      InvalidReference:
        "A cell reference in the workbook is invalid (a sheet may have been deleted). Check the workbook again.",
      InvalidOperation:
        "Excel did not allow the change in the workbook's current state. Check that no sheet is protected and try again.",
      UnsupportedOperation:
        "This version of Excel cannot make the change. Use Excel for desktop or the page for files.",
      UndoNotSupported:
        "Excel could not make the change as one undoable step. Nothing was written; try again.",
      ApiNotFound:
        "This version of Excel lacks features the add-in needs. Please update Office.",
      NotImplemented:
        "This version of Excel lacks features the add-in needs. Please update Office.",
      GeneralException:
        "Excel reported an internal error. Save the workbook and try again.",
      changed:
        "The workbook changed after the preview. Nothing was written; press Compute and write again.",
      sheetPasswordProtected: (sheet: string) =>
        `The sheet ${sheet} is protected with a password, so the add-in cannot write to it. Nothing was written. Unprotect it with the password (Review → Unprotect Sheet), press Compute again, then protect the sheet again (Review → Protect Sheet).`,
      workbookProtected: (sheet: string) =>
        `The workbook's structure is protected, so the sheet ${sheet} cannot be added or hidden. Nothing was written; unprotect it (Review → Protect Workbook) and try again.`,
      requirements:
        "This version of Excel lacks features the add-in needs (ExcelApi 1.7). Please update Office.",
      generic: "An unexpected error occurred in Excel. Please try again.",
    },
  },
};

export type PaneText = (typeof TEXT)["sv"] | (typeof TEXT)["en"];

export function textFor(lang: Lang): PaneText {
  return TEXT[lang];
}

/** Office's display language decides; outside Office the browser's. Swedish unless it is English. */
export function languageOf(displayLanguage: string | undefined): Lang {
  return (displayLanguage ?? "").toLowerCase().startsWith("en") ? "en" : "sv";
}

/**
 * What can go wrong in a host, by the key of its message: Office's own error codes (the Excel
 * adapter maps what Office throws to these, in src/excel) and the add-in's own conditions.
 */
export type ErrorKey =
  | "InvalidOperationInCellEditMode"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "AccessDenied"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "InactiveWorkbook"
  | "RequestAborted"
  | "Conflict"
  | "InvalidArgument"
  | "InvalidReference"
  | "InvalidOperation"
  | "UnsupportedOperation"
  | "UndoNotSupported"
  | "ApiNotFound"
  | "NotImplemented"
  | "GeneralException"
  /** The workbook changed between the preview and the write. */
  | "changed"
  /** A sheet to be written is protected with a password (`sheet` names it). */
  | "sheetPasswordProtected"
  /** The workbook's structure is protected, so a sheet cannot be added or hidden (`sheet` names it). */
  | "workbookProtected"
  | "requirements"
  | "generic";
