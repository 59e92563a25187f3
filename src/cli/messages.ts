// The CLI's own texts (the engine's findings carry their own catalogue).

import type { Lang } from "../core";

export const CLI_TEXT = {
  sv: {
    agreementPeriod: "Avtalsperiod",
    overheadRate: "OH-sats",
    // A half-year whose OH is taken as entered: no rate to compute it with.
    noRate: "ingen",
    halfYear: "Halvår",
    sheet: "Blad",
    direct: "Direkt",
    overhead: "OH",
    total: "Totalt",
    actual: "Utfall",
    eligible: "Stödber.",
    all: "Summa",
    grants: "Bidrag per år",
    years: "Årsutfall",
    yearLine: (y: number, b: string, a: string, s: string, partial: boolean) =>
      `${y}: budget ${b}, utfall ${a}, ${s.startsWith("-") ? "underskott" : "överskott"} ${s.replace(/^-/, "")}${partial ? " (delvis återrapporterat)" : ""}`,
    repayment: "Återbetalning",
    againstGranted: (file: string, periods: string) =>
      periods
        ? `Räknat mot den beviljade budgeten i ${file} (${periods})`
        : `Räknat mot den beviljade budgeten i ${file}, som inte har något av rapportens halvår`,
    // One of several grants that holds none of the report's half-years (another holds them).
    notHeldTo: (file: string) =>
      `Inget av rapportens halvår räknas mot den beviljade budgeten i ${file}`,
    budget: "Budget",
    variance: "Differens",
    percent: "Procent av tjänst",
    months: "Antal månader",
    amountHeader: "Belopp",
    overheadLine: "OH-kostnader",
    yearPerLine: (y: number) => `Ekonomisk redovisning för ${y}, per post`,
    periodPerLine: (start: string, end: string) =>
      `Budgetförslag per post, ${start} – ${end}`,
    due: "senast",
    nothingToRepay: "inget att återbetala",
    decision: "Förslag till beslut",
    findings: (e: number, w: number, i: number) =>
      `Fynd: ${e} fel, ${w} ${w === 1 ? "varning" : "varningar"}, ${i} information`,
    noFindings: "Inga fynd: arbetsboken är korrekt.",
    workbookLevel: "Arbetsboken",
    fileError: "Kunde inte läsas",
    notComputed: "Kunde inte beräknas",
    summary: (files: number, errors: number, unreadable: number) =>
      `${files} filer: ${errors} med fel, ${unreadable} som inte kunde läsas.`,
    wrongExtension: (out: string, ext: string) =>
      `--out ${out}: det som skrivs är ${ext === ".docx" ? "ett Word-dokument" : "en Excel-arbetsbok"}, så filnamnet ska sluta på ${ext}.`,
    macroWorkbook: (out: string) =>
      `--out ${out}: arbetsboken kan ha makron (den är en .xlsm-arbetsbok), och de följer med i den beräknade kopian, som Excel bara öppnar som .xlsm: låt filnamnet sluta på .xlsm.`,
    wrote: (out: string) => `Den beräknade arbetsboken är sparad: ${out}`,
    outExists: (out: string) =>
      `${out} finns redan. Ange --force för att skriva över den.`,
    outIsInput: (out: string) =>
      `--out är samma fil som indata (${out}). Välj ett annat namn: originalet skrivs aldrig över.`,
    outIsFolder: (out: string) =>
      `--out är en mapp (${out}). Ange ett filnamn.`,
    badPeriod:
      "Ange avtalsperioden som --from ÅÅÅÅ-MM --to ÅÅÅÅ-MM (båda, högst tio år), t.ex. --from 2025-07 --to 2026-06.",
    wroteTemplate: (out: string, from: string, to: string) =>
      `Budgetmallen för ${from} – ${to} är sparad: ${out}`,
    wroteMemo: (out: string) => `Beslutsunderlaget (Word) är sparat: ${out}`,
    noChanges: "Inga ändringar: versionerna har samma uppgifter och poster.",
    nothingToCompute:
      "Inget halvår kunde läsas ur arbetsboken, så det finns inget att beräkna och ingen kopia skrevs. Kör iop-budget check på den för att se varför.",
    noScenario: (name: string, names: string) =>
      names
        ? `Arbetsboken har inget scenario som heter "${name}". Sparade scenarier: ${names}.`
        : `Arbetsboken har inget scenario som heter "${name}" (inga scenarier är sparade).`,
    scenario: (name: string, saved: string, changed: number) =>
      `Scenario "${name}" (sparat ${saved}): ${changed} ${changed === 1 ? "värde skiljer" : "värden skiljer"} sig från arbetsbokens celler`,
    scenarioMissing: (lines: string) =>
      `Finns inte längre i arbetsboken: ${lines}`,
    changes: (n: number) => `${n} ${n === 1 ? "ändring" : "ändringar"}:`,
    effects: "Effekt",
    noEffect: "inga belopp ändras",
    differentCases: (list: string) =>
      `Filerna hör till olika ärenden och kan inte bli ett beslutsunderlag:\n${list}\nKör memo på filerna för ett ärende i taget.`,
    noCase: "(inget diarienummer)",
    caseFiles: "Filer i ärendet",
    badMeetingDate: (text: string) =>
      `--date ${text} är inget datum: ange sammanträdets datum som ÅÅÅÅ-MM-DD.`,
    noMemoFiles:
      "Ange ärendets arbetsböcker: iop-budget memo rapport.xlsx budget.xlsx --out beslutsunderlag.docx",
    role: {
      report: "återrapportering som bedöms",
      proposal: "budgetförslag",
      grant: "beviljad budget: återrapporteringen räknas mot den",
      "left-out": "utelämnad",
    },
    leftOut: {
      template: "mall som inte är ifylld",
      "no-half-years":
        "inget halvår kunde läsas ur den: varken budget eller återrapportering",
      "earlier-report": "en senare återrapportering finns",
      "earlier-budget": "ett senare budgetförslag finns",
      "already-reported":
        "den budgeterar halvår som återrapporteringen redan redovisar",
      "case-unknown":
        "den kan vara återrapporteringens beviljade budget, men varken diarienummer eller partnerskap visar att den hör till samma ärende; ange den med --grant om den är det",
      "same-half-years":
        "en annan version för samma halvår valdes; ange den som gäller med --report eller --proposal",
      "actuals-not-read": "utfallet står på egna blad och läses inte",
      "not-chosen": "en annan fil har angetts för rollen",
      reviewer: "utelämnad av granskaren",
    },
    fromFile: (file: string) => `från ${file}`,
    roleTwice: (file: string) =>
      `${file} har angetts för två roller. Ange varje fil en gång.`,
  },
  en: {
    agreementPeriod: "Agreement period",
    overheadRate: "Overhead rate",
    noRate: "none",
    halfYear: "Half-year",
    sheet: "Sheet",
    direct: "Direct",
    overhead: "Overhead",
    total: "Total",
    actual: "Actual",
    eligible: "Eligible",
    all: "Sum",
    grants: "Grants per year",
    years: "Year figures",
    yearLine: (y: number, b: string, a: string, s: string, partial: boolean) =>
      `${y}: budget ${b}, actual ${a}, ${s.startsWith("-") ? "deficit" : "surplus"} ${s.replace(/^-/, "")}${partial ? " (partly reported)" : ""}`,
    repayment: "Repayment",
    againstGranted: (file: string, periods: string) =>
      periods
        ? `Computed against the granted budget in ${file} (${periods})`
        : `Computed against the granted budget in ${file}, which has none of the report's half-years`,
    notHeldTo: (file: string) =>
      `None of the report's half-years is computed against the granted budget in ${file}`,
    budget: "Budget",
    variance: "Variance",
    percent: "Service %",
    months: "Months",
    amountHeader: "Amount",
    overheadLine: "Overhead",
    yearPerLine: (y: number) => `Financial report for ${y}, per line`,
    periodPerLine: (start: string, end: string) =>
      `Budget proposal per line, ${start} – ${end}`,
    due: "due",
    nothingToRepay: "nothing to repay",
    decision: "Draft decision (Swedish)",
    findings: (e: number, w: number, i: number) =>
      `Findings: ${e} ${e === 1 ? "error" : "errors"}, ${w} ${w === 1 ? "warning" : "warnings"}, ${i} information`,
    noFindings: "No findings: the workbook is in order.",
    workbookLevel: "Workbook",
    fileError: "Could not be read",
    notComputed: "Could not be computed",
    summary: (files: number, errors: number, unreadable: number) =>
      `${files} files: ${errors} with errors, ${unreadable} could not be read.`,
    wrongExtension: (out: string, ext: string) =>
      `--out ${out}: what is written is ${ext === ".docx" ? "a Word document" : "an Excel workbook"}, so the file name must end in ${ext}.`,
    macroWorkbook: (out: string) =>
      `--out ${out}: the workbook may hold macros (it is an .xlsm workbook), and they go with the computed copy, which Excel opens only as .xlsm: let the file name end in .xlsm.`,
    wrote: (out: string) => `The computed workbook is saved: ${out}`,
    outExists: (out: string) =>
      `${out} already exists. Add --force to overwrite it.`,
    outIsInput: (out: string) =>
      `--out is the input file (${out}). Choose another name: the original is never overwritten.`,
    outIsFolder: (out: string) =>
      `--out is a folder (${out}). Give a file name.`,
    badPeriod:
      "Give the agreement period as --from YYYY-MM --to YYYY-MM (both, at most ten years), e.g. --from 2025-07 --to 2026-06.",
    wroteTemplate: (out: string, from: string, to: string) =>
      `The budget template for ${from} – ${to} is saved: ${out}`,
    wroteMemo: (out: string) => `The decision memo (Word) is saved: ${out}`,
    noChanges: "No changes: the versions have the same details and lines.",
    nothingToCompute:
      "No half-year could be read from the workbook, so there is nothing to compute and no copy was written. Run iop-budget check on it to see why.",
    noScenario: (name: string, names: string) =>
      names
        ? `The workbook has no scenario called "${name}". Saved scenarios: ${names}.`
        : `The workbook has no scenario called "${name}" (no scenarios are saved).`,
    scenario: (name: string, saved: string, changed: number) =>
      `Scenario "${name}" (saved ${saved}): ${changed} ${changed === 1 ? "value differs" : "values differ"} from the workbook's cells`,
    scenarioMissing: (lines: string) => `No longer in the workbook: ${lines}`,
    changes: (n: number) => `${n} ${n === 1 ? "change" : "changes"}:`,
    effects: "Effect",
    noEffect: "no amount changes",
    differentCases: (list: string) =>
      `The files belong to different cases and cannot make one memo:\n${list}\nRun memo on the files of one case at a time.`,
    noCase: "(no case number)",
    caseFiles: "Files of the case",
    badMeetingDate: (text: string) =>
      `--date ${text} is not a date: give the meeting's date as YYYY-MM-DD.`,
    noMemoFiles:
      "Name the case's workbooks: iop-budget memo report.xlsx budget.xlsx --out memo.docx",
    role: {
      report: "report being judged",
      proposal: "budget proposal",
      grant: "granted budget: the report is held to it",
      "left-out": "left out",
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
        "it may be the report's granted budget, but neither a Diarienummer nor a partnership shows it is of the same case; give it with --grant if it is",
      "same-half-years":
        "another version of the same half-years was chosen; name the one that applies with --report or --proposal",
      "actuals-not-read":
        "its actuals stand on sheets of their own and are not read",
      "not-chosen": "another file is named for the role",
      reviewer: "left out by the reviewer",
    },
    fromFile: (file: string) => `from ${file}`,
    roleTwice: (file: string) =>
      `${file} is given for two roles. Give each file once.`,
  },
} as const satisfies Record<Lang, unknown>;

/** The language a command line asks for (`--lang en`, `--lang=en`), before it is parsed. */
export function languageOfArgs(argv: readonly string[]): Lang {
  const i = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (i < 0) return "sv";
  const value = argv[i]!.includes("=")
    ? argv[i]!.slice("--lang=".length)
    : argv[i + 1];
  return value === "en" ? "en" : "sv";
}

/**
 * A usage error (commander's code and English message) in the user's language, with where help
 * is. Commander's message gives the names; the sentence around them is ours.
 */
export function usageError(code: string, message: string, lang: Lang): string {
  const quoted = [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const suggestion = /\(Did you mean (.+)\?\)/.exec(message)?.[1];
  const sv = lang === "sv";
  // "--out <file>" as a person writes it: "--out FIL".
  const placeholder = (x: string) =>
    x.replace(/<(\w+)>/, (_, name: string) =>
      name === "file" ? (sv ? "FIL" : "FILE") : name.toUpperCase(),
    );
  const [a = "", b = ""] = quoted.map(placeholder);
  const choices = /Allowed choices are (.+)\./.exec(message)?.[1] ?? "";
  const text: Record<string, string> = sv
    ? {
        "commander.missingMandatoryOptionValue": `Ange ${a}.`,
        "commander.missingArgument": `Ange ${a === "file" ? "arbetsboken" : a === "files" ? "arbetsböckerna" : a}.`,
        "commander.optionMissingArgument": `Ange ett värde efter ${a}.`,
        "commander.unknownCommand": `Okänt kommando: ${a}.${suggestion ? ` Menade du ${suggestion}?` : ""}`,
        "commander.unknownOption": `Okänd flagga: ${a}.${suggestion ? ` Menade du ${suggestion}?` : ""}`,
        "commander.invalidArgument": `${b} går inte för ${a}: välj ${choices.replace(/, /g, " eller ")}.`,
        "commander.excessArguments": "För många argument.",
      }
    : {
        "commander.missingMandatoryOptionValue": `Give ${a}.`,
        "commander.missingArgument": `Give the ${a === "file" ? "workbook" : a === "files" ? "workbooks" : a}.`,
        "commander.optionMissingArgument": `Give a value after ${a}.`,
        "commander.unknownCommand": `Unknown command: ${a}.${suggestion ? ` Did you mean ${suggestion}?` : ""}`,
        "commander.unknownOption": `Unknown option: ${a}.${suggestion ? ` Did you mean ${suggestion}?` : ""}`,
        "commander.invalidArgument": `${b} is not a choice for ${a}: choose ${choices.replace(/, /g, " or ")}.`,
        "commander.excessArguments": "Too many arguments.",
      };
  const help = sv
    ? "Skriv iop-budget --help för kommandona, iop-budget <kommando> --help för ett kommando."
    : "Type iop-budget --help for the commands, iop-budget <command> --help for one.";
  return `${text[code] ?? message.replace(/^error: /, "")}\n${help}`;
}
