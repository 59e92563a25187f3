// What to tell a person when a file cannot be read (or written): one catalogue for the CLI and the page.

import type { Lang } from "../core";

export const FILE_ERROR_TEXT: Record<string, Record<Lang, string>> = {
  FILE_NOT_FOUND: { sv: "Filen finns inte.", en: "The file does not exist." },
  NOT_A_FILE: {
    sv: "Det är en mapp, inte en fil.",
    en: "It is a folder, not a file.",
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
    sv: "Filen är inte en Excel-arbetsbok (.xlsx).",
    en: "The file is not an Excel workbook (.xlsx).",
  },
  ENCRYPTED: {
    sv: "Arbetsboken är lösenordsskyddad. Spara den utan lösenord och försök igen.",
    en: "The workbook is password-protected. Save it without a password and try again.",
  },
  LEGACY_XLS: {
    sv: "Filen är en gammal Excel 97–2003-arbetsbok (.xls). Spara den som .xlsx och försök igen.",
    en: "The file is an old Excel 97–2003 workbook (.xls). Save it as .xlsx and try again.",
  },
  ODS_NOT_WRITABLE: {
    sv: "Filen är ett OpenDocument-kalkylark (.ods). Den kan kontrolleras, men beräkningen skrivs bara i Excel-arbetsböcker: spara den som .xlsx (i LibreOffice: Arkiv → Spara som → Excel 2007–365) och beräkna den filen.",
    en: "The file is an OpenDocument spreadsheet (.ods). It can be checked, but computed results are written to Excel workbooks only: save it as .xlsx (in LibreOffice: File → Save As → Excel 2007–365) and compute that file.",
  },
  TOO_LARGE: {
    sv: "Arbetsboken är för stor för att läsas säkert.",
    en: "The workbook is too large to be read safely.",
  },
  CORRUPT: {
    sv: "Arbetsboken är skadad och kan inte läsas. Öppna och spara den i Excel och försök igen.",
    en: "The workbook is damaged and cannot be read. Open and save it in Excel and try again.",
  },
  INTERNAL: {
    sv: "Ett internt fel uppstod när filen lästes.",
    en: "An internal error occurred while reading the file.",
  },
};

export function fileErrorText(code: string, lang: Lang): string {
  return FILE_ERROR_TEXT[code]?.[lang] ?? code;
}
