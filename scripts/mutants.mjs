// Deliberate defects in the Office.js adapter, each of which test/excel must catch. Run with
// `npm run mutants`: every mutation is applied to a copy of src/excel in place, test/excel runs,
// the file is restored, and the script fails if a mutation survived. test/excel/README.md lists
// the same mutations with the tests that catch them.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WORKBOOK = "src/excel/workbook.ts";
const HOST = "src/excel/excel-host.ts";

export const MUTATIONS = [
  [
    "rowCount/columnCount dropped from the load",
    WORKBOOK,
    'used.load("address,rowCount,columnCount");',
    'used.load("address");',
  ],
  [
    "reading without valuesOnly",
    WORKBOOK,
    "const used = ws.getUsedRangeOrNullObject(true);",
    "const used = ws.getUsedRangeOrNullObject();",
  ],
  [
    "the used range's top-left offset ignored",
    WORKBOOK,
    "const at = topLeft(address);",
    "const at = { row: 0, col: 0 };",
  ],
  [
    "suspendApiCalculationUntilNextSync dropped",
    WORKBOOK,
    "  context.application.suspendApiCalculationUntilNextSync();\n  // The add-in's sheet first",
    "  // The add-in's sheet first",
  ],
  [
    "the add-in's old marks not removed",
    WORKBOOK,
    "dropOwnMarks(pre.marks.get(markKey(edit.sheet, m.range))!);",
    "void pre.marks;",
  ],
  [
    "every conditional format removed, a person's too",
    WORKBOOK,
    "if (!rule.isNullObject && isOwnMarkFormula(rule.rule.formula)) cf.delete();",
    "cf.delete();",
  ],
  [
    "a date written as ISO text",
    WORKBOOK,
    "return isoToSerial(value.iso) - (date1904 ? DAYS_1904_OFFSET : 0);",
    "return value.iso;",
  ],
  [
    "1904 dates not converted on write",
    WORKBOOK,
    "return isoToSerial(value.iso) - (date1904 ? DAYS_1904_OFFSET : 0);",
    "return isoToSerial(value.iso);",
  ],
  [
    "1904 dates not converted on read",
    WORKBOOK,
    "date1904 && isDateFormat(format) ? value + DAYS_1904_OFFSET : value;",
    "value;",
  ],
  [
    "a person's number format ignored",
    WORKBOOK,
    '(_, i) => (formats[i]?.[0] ?? "General") !== "General",',
    "() => false,",
  ],
  [
    "fills and bold dropped",
    WORKBOOK,
    "applyLook(ws.getRangeByIndexes(c.row, c.col, 1, 1), c.style);",
    "void applyLook;",
  ],
  [
    "validation dropped",
    WORKBOOK,
    "if (options.validations) {",
    "if (false) {",
  ],
  [
    "freeze panes dropped",
    WORKBOOK,
    "if (create.freeze) ws.freezePanes.freezeRows(create.freeze.rows);",
    "",
  ],
  [
    "column widths dropped",
    WORKBOOK,
    "ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = Math.round(width * 7);",
    "void width;",
  ],
  [
    "the size guard removed",
    WORKBOOK,
    "if (rowCount * columnCount > MAX_SHEET_CELLS) {",
    "if (false) {",
  ],
  [
    "error cells read as text",
    WORKBOOK,
    '    case "Error":\n      return { t: "e", v: String(value), ...base };\n',
    "",
  ],
  [
    "merged areas read without the 1.13 guard",
    WORKBOOK,
    "let mergesOfSheets: Grid[] = options.merges\n",
    "let mergesOfSheets: Grid[] = true\n",
  ],
  [
    "merged areas asked of Beslut and the add-in's sheets too",
    WORKBOOK,
    "          withCells.has(g.name) &&\n          !isDecisionSheetName(g.name) &&\n          g.owner === undefined,",
    "          withCells.has(g.name),",
  ],
  [
    "more than 512 merged areas fail the read",
    WORKBOOK,
    "      else if (merged.length > 0) {",
    "      else if (false) {",
  ],
  [
    "sheets past the first 40 not read",
    WORKBOOK,
    "  if (items.length > FIRST_SHEETS) {",
    "  if (false) {",
  ],
  [
    "a read's protection not told to the write",
    WORKBOOK,
    '      ...(ensureLoaded(s.ws.protection.protected, "protection")',
    "      ...(false",
  ],
  [
    "a lifted sheet left unprotected",
    WORKBOOK,
    "      context.workbook.worksheets.getItem(name).protection.protect(o);",
    "      void o;",
  ],
  [
    "a password known on the web not refused up front",
    WORKBOOK,
    "    else if (passwordKnown && ws.protection.isPasswordProtected)\n",
    "    else if (false)\n",
  ],
  [
    "sheets unprotected before a refused one left so",
    WORKBOOK,
    "    const still = await restoreProtection(context, lifted);",
    "    const still: string[] = [];",
  ],
  [
    "a very hidden sheet shown again under structure protection",
    WORKBOOK,
    '        hidesAgain(c, ws.visibility === "VeryHidden") &&\n        pre.structure.protected\n',
    "        false\n",
  ],
  [
    "visibility taken as undoable on Windows and Mac",
    WORKBOOK,
    "    host.desktop &&\n",
    "    false &&\n",
  ],
  [
    "every write in an undo group",
    HOST,
    "          undoGroup: undo(plan, grids).undoable,",
    "          undoGroup: true,",
  ],
  [
    "Skapa mall in an undo group",
    HOST,
    "          undoGroup: undo(plan, { sheets: [] }).undoable,",
    "          undoGroup: true,",
  ],
  [
    "custom properties without the 1.12 guard",
    WORKBOOK,
    "  const owners = options.customProperties\n",
    "  const owners = true\n",
  ],
  [
    "the add-in's sheet not marked as its own",
    WORKBOOK,
    "  if (options.customProperties && create.owner)\n",
    "  if (false)\n",
  ],
  [
    "reads in one batch, whatever the size",
    WORKBOOK,
    "const cap = Math.floor(budget / bytesPerCell);",
    "const cap = Number.MAX_SAFE_INTEGER;",
  ],
  [
    "no change check before writing",
    WORKBOOK,
    "      !pre.chunks.every(stillAsRead) ||",
    "      false ||",
  ],
  [
    "protection not checked before writing",
    WORKBOOK,
    "    if (!ws.protection.protected) return;\n",
    "    return;\n",
  ],
  [
    "workbook structure not checked before adding a sheet",
    WORKBOOK,
    '      if (pre.structure.protected)\n        throw new HostError("workbookProtected", c.sheet);\n    } else {',
    "    } else {",
  ],
  [
    "Beslut written after the half-year sheets",
    WORKBOOK,
    "  for (const step of steps) {",
    "  for (const step of [...steps].reverse()) {",
  ],
  [
    "the change check ignores the used range (a line typed below the table)",
    WORKBOOK,
    '(range.isNullObject ? "" : range.address) !==\n          (state.addresses.get(name) ?? ""),',
    "range.isNullObject && !range.isNullObject,",
  ],
  [
    "large writes never split",
    WORKBOOK,
    "      if (w.bytes < MAX_PAYLOAD_BYTES) return;",
    "      return;",
  ],
  [
    "a response refused as too large is not asked again in halves",
    WORKBOOK,
    "const parts = responseTooLarge(e) ? halves(batch) : null;",
    "const parts = null;",
  ],
  [
    "the re-check re-reads everything in the preflight",
    WORKBOOK,
    "const RECHECK_IN_PREFLIGHT = MAX_PAYLOAD_BYTES / 2;",
    "const RECHECK_IN_PREFLIGHT = Number.MAX_SAFE_INTEGER;",
  ],
  [
    "the scenario sheet re-hidden only when first created",
    WORKBOOK,
    'if (hidesAgain(create, existing && before.visibility === "VeryHidden"))',
    "if (hidesAgain(create, existing))",
  ],
  [
    "own writes not told from a person's edits",
    HOST,
    '  if (event.triggerSource === "ThisLocalAddin") return false;\n',
    "",
  ],
  [
    "handlers removed through a new context",
    HOST,
    "await Excel.run(context, (c) => unwatchWorkbook(c, added))",
    "await Excel.run((c) => unwatchWorkbook(c, added))",
  ],
  [
    "no undo group on ExcelApi 1.20",
    HOST,
    "if (options.undoGroup && undoable) runOptions.mergeUndoGroup = true;",
    "",
  ],
  [
    "a % in the file name throws",
    HOST,
    "    return decodeURIComponent(last);\n  } catch {\n    return last;",
    "    return decodeURIComponent(last);\n  } catch {\n    throw new Error(last);",
  ],
  [
    "hidden rows asked only where columns are hidden too",
    WORKBOOK,
    "  return h.rows === null || h.columns === null\n    ? { chunk: c,",
    "  return h.columns === null\n    ? { chunk: c,",
  ],
  [
    "a sheet hiding every row asked which",
    WORKBOOK,
    '    if (h.columns !== null || c.row + c.rows >= EXCEL_ROWS) return null;\n    return { chunk: { ...c, row: c.row + c.rows, rows: 1 }, tells: "columns" };',
    '    return { chunk: c, tells: "both" };',
  ],
  [
    "a refused answer on hidden rows fails the read",
    WORKBOOK,
    "    } catch {\n      answered = false;\n    }",
    "    } finally {\n      answered = true;\n    }",
  ],
  [
    "Office error codes not mapped",
    HOST,
    'return new HostError(OFFICE_ERROR_CODES.find((k) => k === code) ?? "generic");',
    'return new HostError("generic");',
  ],
  [
    "a file's values of a person's formulas written in Excel",
    WORKBOOK,
    "  const plan = forExcel(written);",
    "  const plan = written;",
  ],
  [
    "the columns a sheet hides not said",
    WORKBOOK,
    "    if (hiddenColumns) grid.hiddenColumns = hiddenColumns;",
    "",
  ],
  [
    "the row below a sheet whose every row is hidden not asked",
    WORKBOOK,
    '    return { chunk: { ...c, row: c.row + c.rows, rows: 1 }, tells: "columns" };',
    "    return null;",
  ],
  [
    "the column right of a sheet whose every column is hidden not asked",
    WORKBOOK,
    '    return { chunk: { ...c, col: c.col + c.cols, cols: 1 }, tells: "rows" };',
    "    return null;",
  ],
  [
    "a column hidden since the read not noticed by the write",
    WORKBOOK,
    "(range.columnHidden as boolean | null) !== was.columns",
    "false",
  ],
  [
    "the visible cells not re-checked by the write",
    WORKBOOK,
    "      checked.push({ ...probe, ...hashOf(visibleOf(areas)), visible: true });",
    "",
  ],
  [
    "the workbook's tables not read",
    WORKBOOK,
    '      if (resolve && cell?.f?.includes("[")) {',
    "      if (false) {",
  ],
  [
    "a table's total row taken as its last data row",
    WORKBOOK,
    'totalsRow: ensureLoaded(table.showTotals, "showTotals"),',
    "totalsRow: false,",
  ],
];

function mutate(file, find, replace) {
  const original = readFileSync(file, "utf8");
  const at = original.indexOf(find);
  if (at < 0 || original.indexOf(find, at + 1) >= 0)
    throw new Error(
      `${file}: the text to mutate is not there exactly once: ${find}`,
    );
  writeFileSync(
    file,
    original.slice(0, at) + replace + original.slice(at + find.length),
  );
  return () => writeFileSync(file, original);
}

/** The titles of the tests that fail, or [] when the mutation survives. */
function failing() {
  const dir = mkdtempSync(join(tmpdir(), "iop-mutants-"));
  const out = join(dir, "jest.json");
  try {
    execFileSync(
      "npx",
      ["jest", "test/excel", "--silent", "--json", `--outputFile=${out}`],
      { stdio: "pipe" },
    );
    return [];
  } catch {
    const report = JSON.parse(readFileSync(out, "utf8"));
    const titles = report.testResults.flatMap((f) =>
      f.assertionResults
        .filter((a) => a.status === "failed")
        .map((a) => a.title),
    );
    return titles.length > 0 ? titles : ["(the suite failed to run)"];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Every mutation's text is looked for before any runs: one the code no longer has fails the run
// at once, naming it, rather than after the mutations before it (or silently never).
const lost = MUTATIONS.filter(([, file, find]) => {
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(find);
  return at < 0 || text.indexOf(find, at + 1) >= 0;
});
if (lost.length > 0) {
  for (const [name, file, find] of lost)
    console.error(
      `${file}: the text of "${name}" is not there exactly once: ${find}`,
    );
  process.exit(2);
}

// `npm run mutants -- scenario "large writes"` runs only the mutations whose names contain one of
// the words given (the whole run takes about a minute per mutation).
const only = process.argv.slice(2).map((w) => w.toLowerCase());
const chosen = MUTATIONS.filter(
  ([name]) =>
    only.length === 0 || only.some((w) => name.toLowerCase().includes(w)),
);
let survived = 0;
for (const [name, file, find, replace] of chosen) {
  const restore = mutate(file, find, replace);
  try {
    const by = failing();
    if (by.length === 0) survived++;
    console.log(
      `${by.length > 0 ? "caught  " : "SURVIVED"}  ${name}${by.length > 0 ? `  ← ${by.slice(0, 2).join(" | ")}` : ""}`,
    );
  } finally {
    restore();
  }
}
console.log(`${chosen.length - survived} of ${chosen.length} mutations caught`);
process.exit(survived > 0 ? 1 : 0);
