// Which files of a folder are its workbooks: one rule for the command line (a folder given to
// check or memo) and the file page (a folder dropped on it).

/** The formats read (SPEC §9, Files), by their files' extensions. */
const WORKBOOK_EXTENSIONS = ["xlsx", "xlsm", "xltx", "xltm", "ods"] as const;

const WORKBOOK_NAME = new RegExp(
  `\\.(?:${WORKBOOK_EXTENSIONS.join("|")})$`,
  "i",
);

/** What a workbook's file is named. */
export const isWorkbookName = (name: string): boolean =>
  WORKBOOK_NAME.test(name);

/** A file picker's `accept` for a workbook: every format read, as every face takes them. */
export const WORKBOOK_ACCEPT = WORKBOOK_EXTENSIONS.map((e) => `.${e}`).join(
  ",",
);

/**
 * A file that is never a workbook, whatever it is named: Excel's owner file beside a workbook open
 * in it ("~$rapport.xlsx") and a hidden one (the "._rapport.xlsx" a Mac leaves on a shared drive).
 */
export const isNeverWorkbook = (name: string): boolean =>
  name.startsWith("~$") || name.startsWith(".");

/** A folder's or an archive's workbook, by its file's name (not its path). */
export const isWorkbookFile = (name: string): boolean =>
  isWorkbookName(name) && !isNeverWorkbook(name);

/** File names in the order people number them: "rapport 2" before "rapport 10". */
export const byFileName = new Intl.Collator("sv", { numeric: true }).compare;
