// Which files of a folder are its workbooks: one rule for the command line (a folder given to
// check or memo) and the file page (a folder dropped on it).

/** What a workbook's file is named: the formats read (SPEC §9, Files). */
export const isWorkbookName = (name: string): boolean =>
  /\.(?:xlsx|xlsm|xltx|xltm|ods)$/i.test(name);

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
