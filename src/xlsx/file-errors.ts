// What to tell a person when a file cannot be read (or written): one catalogue for the CLI and the page.

import { type Lang, formatNumber } from "../core/findings/format";
import { shownFileName } from "../core/reading/values";
import {
  type Damage,
  DEFAULT_LIMITS,
  MAX_SHEETS,
  MAX_STRUCTURE_BYTES,
  MAX_TEXT,
  MAX_TOKEN_BYTES,
  type ReadLimit,
  partLimit,
} from "./read";
import { MAX_RELATIONSHIPS } from "./package";
import { archivedWorkbooks } from "./archive";

/** What to do with a damaged workbook: said after what is damaged, or after that it is. */
const REPAIR: Record<Lang, string> = {
  sv: "Öppna den i Excel (som erbjuder sig att reparera den), spara den och försök igen.",
  en: "Open it in Excel (which offers to repair it), save it and try again.",
};
const LIMIT_MB = DEFAULT_LIMITS.maxFileBytes / (1024 * 1024);

export const FILE_ERROR_TEXT: Record<string, Record<Lang, string>> = {
  FILE_NOT_FOUND: { sv: "Filen finns inte.", en: "The file does not exist." },
  NOT_A_FILE: {
    sv: "Det är en mapp, inte en fil.",
    en: "It is a folder, not a file.",
  },
  OWNER_FILE: {
    sv: "Det är en låsfil som Excel lägger bredvid en arbetsbok medan någon har den öppen (namnet börjar med ~$), ingen arbetsbok. Kontrollera arbetsboken själv.",
    en: "It is a lock file Excel keeps beside a workbook while someone has it open (its name starts with ~$), not a workbook. Check the workbook itself.",
  },
  NO_WORKBOOKS: {
    sv: "Mappen har ingen arbetsbok (.xlsx, .xlsm, .xltx, .xltm eller .ods) att läsa; dess undermappar läses inte.",
    en: "The folder holds no workbook (.xlsx, .xlsm, .xltx, .xltm or .ods) to read; its sub-folders are not read.",
  },
  NOT_A_REGULAR_FILE: {
    sv: "Det är ingen vanlig fil (utan en enhet, en namngiven pipe eller liknande) och läses inte.",
    en: "It is not a regular file (but a device, a named pipe or the like) and is not read.",
  },
  FILE_TOO_LARGE: {
    sv: `Filen är större än de ${LIMIT_MB} MB som läses. Är det rätt fil?`,
    en: `The file is larger than the ${LIMIT_MB} MB that is read. Is it the right file?`,
  },
  FILE_NOT_READABLE: {
    sv: "Filen kan inte öppnas (behörighet saknas?).",
    en: "The file cannot be opened (no permission?).",
  },
  FILE_NOT_WRITABLE: {
    sv: "Filen kunde inte skrivas (finns mappen, och får den skrivas?).",
    en: "The file could not be written (does the folder exist, and may it be written?).",
  },
  NOT_A_WORKBOOK: {
    sv: "Filen är inte en Excel-arbetsbok (.xlsx). Kontrollera att det är rätt fil, eller öppna den i Excel och spara den som Excel-arbetsbok (.xlsx).",
    en: "The file is not an Excel workbook (.xlsx). Check that it is the right file, or open it in Excel and save it as an Excel Workbook (.xlsx).",
  },
  ARCHIVE_OF_WORKBOOKS: {
    sv: "Filen är ett zip-arkiv med arbetsböcker, inte en arbetsbok. Packa upp det och ange arbetsboken; iop-budget check och memo läser också hela arkivet.",
    en: "The file is a zip archive of workbooks, not a workbook. Unpack it and give the workbook; iop-budget check and memo also read the whole archive.",
  },
  ENCRYPTED: {
    sv: "Arbetsboken är lösenordsskyddad. Spara den utan lösenord och försök igen.",
    en: "The workbook is password-protected. Save it without a password and try again.",
  },
  RIGHTS_PROTECTED: {
    sv: "Arbetsboken är skyddad med en känslighetsetikett eller begränsad behörighet (Microsoft Purview, IRM), och bara Office kan öppna den, för den som har behörighet. Spara en kopia med en etikett som inte krypterar (eller be den som skyddade den att ta bort skyddet) och försök igen. I Excel läser tillägget den som vanligt.",
    en: "The workbook is protected by a sensitivity label or restricted permissions (Microsoft Purview, IRM), and only Office can open it, for those allowed. Save a copy with a label that does not encrypt (or ask whoever protected it to remove the protection) and try again. In Excel the add-in reads it as usual.",
  },
  LEGACY_XLS: {
    sv: "Filen är en gammal Excel 97–2003-arbetsbok (.xls). Spara den som .xlsx och försök igen.",
    en: "The file is an old Excel 97–2003 workbook (.xls). Save it as .xlsx and try again.",
  },
  XLSB: {
    sv: "Filen är en binär Excel-arbetsbok (.xlsb). Spara den som Excel-arbetsbok (.xlsx) och försök igen.",
    en: "The file is an Excel Binary Workbook (.xlsb). Save it as an Excel Workbook (.xlsx) and try again.",
  },
  ODS_NOT_WRITABLE: {
    sv: "Filen är ett OpenDocument-kalkylark (.ods). Den kan kontrolleras, men beräkningen skrivs bara i Excel-arbetsböcker: spara den som .xlsx (i LibreOffice: Arkiv → Spara som → Excel 2007–365) och beräkna den filen.",
    en: "The file is an OpenDocument spreadsheet (.ods). It can be checked, but computed results are written to Excel workbooks only: save it as .xlsx (in LibreOffice: File → Save As → Excel 2007–365) and compute that file.",
  },
  CORRUPT: {
    sv: `Arbetsboken är skadad och kan inte läsas. ${REPAIR.sv}`,
    en: `The workbook is damaged and cannot be read. ${REPAIR.en}`,
  },
  INTERNAL: {
    sv: "Ett internt fel uppstod när filen lästes.",
    en: "An internal error occurred while reading the file.",
  },
};

const DAMAGE_TEXT: Record<
  Damage["kind"],
  Record<Lang, (part: string) => string>
> = {
  truncated: {
    sv: () =>
      "filen är avkortad (slutet saknas, som efter en avbruten nedladdning eller kopiering)",
    en: () =>
      "the file is cut short (its end is missing, as after an interrupted download or copy)",
  },
  checksum: {
    sv: (p) => `delen ${p} stämmer inte med sin kontrollsumma`,
    en: (p) => `the part ${p} does not match its checksum`,
  },
  inflate: {
    sv: (p) => `delen ${p} kan inte packas upp`,
    en: (p) => `the part ${p} cannot be unpacked`,
  },
  missing: {
    sv: (p) => `delen ${p} saknas`,
    en: (p) => `the part ${p} is missing`,
  },
  empty: {
    sv: (p) => `delen ${p} är tom`,
    en: (p) => `the part ${p} is empty`,
  },
  invalid: {
    sv: (p) => `delen ${p} är inte giltig XML`,
    en: (p) => `the part ${p} is not valid XML`,
  },
  ambiguous: {
    sv: (p) =>
      `delen ${p} kan läsas på mer än ett sätt (två blad eller relationer med samma namn eller id), så ingenting skrivs`,
    en: (p) =>
      `the part ${p} can be read in more than one way (two sheets or relationships with the same name or id), so nothing is written`,
  },
  unsafe: {
    sv: (p) => `filen har en del med ett otillåtet namn (${p})`,
    en: (p) => `the file has a part with a name no package may have (${p})`,
  },
  incomplete: {
    sv: (p) => `delen ${p} saknar texter som bladen använder`,
    en: (p) => `the part ${p} lacks texts that the sheets use`,
  },
};

/** What is damaged, in words: "the part xl/worksheets/sheet1.xml is empty". */
export function damageText(damage: Damage, lang: Lang): string {
  return DAMAGE_TEXT[damage.kind][lang](
    damage.kind === "truncated" ? "" : damage.part,
  );
}

/** Which limit a workbook passed, in words: "fler än 5 miljoner celler". */
function limitText(limit: ReadLimit, lang: Lang): string {
  const mb = (bytes: number) =>
    `${formatNumber(bytes / (1024 * 1024), lang)} MB`;
  const sv = lang === "sv";
  switch (limit) {
    case "file":
      return sv
        ? `en fil större än ${mb(DEFAULT_LIMITS.maxFileBytes)}`
        : `a file larger than ${mb(DEFAULT_LIMITS.maxFileBytes)}`;
    case "part":
      return sv
        ? `en del större än ${mb(partLimit(DEFAULT_LIMITS))} uppackad`
        : `a part larger than ${mb(partLimit(DEFAULT_LIMITS))} unpacked`;
    case "unpacked":
      return sv
        ? `delar större än ${mb(DEFAULT_LIMITS.maxUnpackedBytes)} uppackade tillsammans`
        : `parts larger than ${mb(DEFAULT_LIMITS.maxUnpackedBytes)} unpacked together`;
    case "cells": {
      const millions = formatNumber(DEFAULT_LIMITS.maxCells / 1_000_000, lang);
      return sv
        ? `fler än ${millions} miljoner celler`
        : `more than ${millions} million cells`;
    }
    case "text": {
      const millions = formatNumber(MAX_TEXT / 1_000_000, lang);
      return sv
        ? `fler än ${millions} miljoner tecken text i cellerna`
        : `more than ${millions} million characters of text in its cells`;
    }
    case "sheets": {
      const sheets = formatNumber(MAX_SHEETS, lang);
      return sv ? `fler än ${sheets} blad` : `more than ${sheets} sheets`;
    }
    case "structure":
      return sv
        ? `en del utöver bladen och texterna större än ${mb(MAX_STRUCTURE_BYTES)} uppackad`
        : `a part other than its sheets and texts larger than ${mb(MAX_STRUCTURE_BYTES)} unpacked`;
    case "token":
      return sv
        ? `en tagg eller text i ett blad större än ${mb(MAX_TOKEN_BYTES)}`
        : `a tag or text in a sheet larger than ${mb(MAX_TOKEN_BYTES)}`;
    case "relationships": {
      const rels = formatNumber(MAX_RELATIONSHIPS, lang);
      return sv
        ? `fler än ${rels} relationer i en del av paketet`
        : `more than ${rels} relationships in one part of its package`;
    }
  }
}

/**
 * The errors of a limit passed: one sentence each, the limit in parentheses when it is known
 * (`limit` is that part, " (fler än 5 miljoner celler)", or "").
 */
const LIMIT_ERROR_TEXT: Record<
  string,
  Record<Lang, (limit: string) => string>
> = {
  TOO_LARGE: {
    sv: (limit) => `Arbetsboken är för stor för att läsas säkert${limit}.`,
    en: (limit) => `The workbook is too large to be read safely${limit}.`,
  },
  OUTPUT_TOO_LARGE: {
    sv: (limit) =>
      `Den beräknade arbetsboken skulle bli för stor för att läsas säkert${limit}, så den sparas inte. Din fil är oförändrad.`,
    en: (limit) =>
      `The computed workbook would be too large to be read safely${limit}, so it is not saved. Your file is unchanged.`,
  },
};

/** What is known of a file error beyond its code: what is damaged, or which limit was passed. */
export interface FileErrorDetail {
  readonly damage?: Damage | undefined;
  readonly limit?: ReadLimit | undefined;
}

/**
 * The file error of a file that is no workbook, by its name and bytes: Excel's owner file of a
 * workbook open in it ("~$rapport.xlsx", which `*.xlsx` takes in) is OWNER_FILE, and a zip of
 * workbooks where one workbook is taken (compute, diff, --granted, the page's two versions) is
 * ARCHIVE_OF_WORKBOOKS, not an unexplained NOT_A_WORKBOOK.
 */
export function fileErrorCodeOf(
  name: string,
  code: string,
  bytes?: Uint8Array,
): string {
  if (code !== "NOT_A_WORKBOOK") return code;
  if (shownFileName(name).startsWith("~$")) return "OWNER_FILE";
  return bytes !== undefined && archivedWorkbooks(bytes) !== null
    ? "ARCHIVE_OF_WORKBOOKS"
    : code;
}

/**
 * The message for a file error; a damaged file's says what is damaged, a file past a limit which
 * limit ("The workbook is too large to be read safely (more than 5 million cells).").
 */
export function fileErrorText(
  code: string,
  lang: Lang,
  detail: FileErrorDetail = {},
): string {
  const { damage, limit } = detail;
  if (damage) {
    const head =
      lang === "sv" ? "Arbetsboken är skadad" : "The workbook is damaged";
    return `${head}: ${damageText(damage, lang)}. ${REPAIR[lang]}`;
  }
  const pastLimit = LIMIT_ERROR_TEXT[code]?.[lang];
  if (pastLimit) return pastLimit(limit ? ` (${limitText(limit, lang)})` : "");
  return FILE_ERROR_TEXT[code]?.[lang] ?? code;
}
