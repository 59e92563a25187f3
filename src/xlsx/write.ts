// Applies a write plan to an .xlsx package in place: every part is kept byte for byte except the
// sheets the plan touches, the workbook's sheet list, styles (appended to) and the calculation
// chain (dropped, so that Excel rebuilds it). Runs in Node and in the browser.

import { strFromU8, strToU8 } from "fflate";
import {
  type ConditionalMark,
  type SheetCreate,
  type WritePlan,
  a1,
  isOwnMarkFormula,
} from "../core";
import {
  AFTER_CONDITIONAL,
  editSheetXml,
  MAIN_NS,
  REL_NS,
  cellXml,
  conditionalFormattingXml,
  escapeXml,
  insertBefore,
  newSheetBytes,
} from "./sheet-xml";
import { MINIMAL_STYLES, StyleBook } from "./styles";
import { WorkbookFileError, resolveTarget } from "./read";
import {
  type Deflate,
  type Inflate,
  type ZipPart,
  ZipPackage,
  deflateWithFflate,
  inflateWithFflate,
  keptPart,
  newPart,
  writeZip,
} from "./zip";

/** How parts are inflated and deflated: fflate by default, Node's zlib in the command line. */
export interface Codec {
  readonly inflate: Inflate;
  readonly deflate: Deflate;
}

export const FFLATE_CODEC: Codec = {
  inflate: inflateWithFflate,
  deflate: deflateWithFflate,
};

const CT_WORKSHEET =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_STYLES =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const CT_WORKBOOK =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const REL_TYPE =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELS_NS =
  "http://schemas.openxmlformats.org/package/2006/relationships";

interface SheetEntry {
  readonly name: string;
  readonly rid: string;
  readonly part: string;
}

/**
 * The package being written: the original's parts, of which only those replaced are inflated and
 * deflated again (each as soon as it is put, so that one large sheet at a time is in memory); the
 * rest are copied into the new file as they are.
 */
class Package {
  private readonly names: string[];
  private readonly replaced = new Map<string, ZipPart>();
  private readonly deleted = new Set<string>();
  readonly workbookPart: string;
  workbookXml: string;
  relsXml: string;
  contentTypes: string;
  readonly sheets: SheetEntry[];

  constructor(
    private readonly zip: ZipPackage | null,
    private readonly codec: Codec,
    parts: Record<string, string> = {},
  ) {
    this.names = zip ? [...zip.entries.keys()] : [];
    for (const [path, xml] of Object.entries(parts)) this.put(path, xml);
    const rootRels = this.text("_rels/.rels") ?? "";
    const target =
      /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*Target="([^"]+)"/.exec(
        rootRels,
      )?.[1] ??
      /Target="([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(rootRels)?.[1];
    this.workbookPart = target ? resolveTarget("", target) : "xl/workbook.xml";
    this.workbookXml = this.text(this.workbookPart) ?? fail();
    this.relsXml =
      this.text(this.relsPath(this.workbookPart)) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELS_NS}"></Relationships>`;
    this.contentTypes = this.text("[Content_Types].xml") ?? fail();
    const targets = new Map<string, string>();
    for (const m of this.relsXml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      const id = /\bId="([^"]+)"/.exec(m[1]!)?.[1];
      const t = /\bTarget="([^"]+)"/.exec(m[1]!)?.[1];
      if (id && t) targets.set(id, resolveTarget(this.workbookPart, t));
    }
    this.sheets = [];
    for (const m of this.workbookXml.matchAll(
      /<(?:\w+:)?sheet\b([^>]*?)\/?>/g,
    )) {
      const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
      const rid = /\b(?:\w+:)?id="([^"]*)"/.exec(m[1]!)?.[1];
      if (name === undefined || !rid) continue;
      this.sheets.push({
        name: unescapeXml(name),
        rid,
        part: targets.get(rid) ?? "",
      });
    }
  }

  has(path: string): boolean {
    return (
      !this.deleted.has(path) &&
      (this.replaced.has(path) || (this.zip?.entries.has(path) ?? false))
    );
  }

  text(path: string): string | null {
    if (this.deleted.has(path)) return null;
    const part = this.replaced.get(path);
    if (part)
      return strFromU8(
        part.method === 0
          ? part.data
          : this.codec.inflate(part.data, part.size),
      );
    const entry = this.zip?.entries.get(path);
    if (!entry) return null;
    try {
      return strFromU8(this.zip!.read(entry));
    } catch {
      return fail();
    }
  }

  put(path: string, xml: string): void {
    this.putBytes(path, strToU8(xml));
  }

  putBytes(path: string, content: Uint8Array): void {
    if (!this.names.includes(path)) this.names.push(path);
    this.deleted.delete(path);
    const entry = this.zip?.entries.get(path);
    this.replaced.set(
      path,
      newPart(path, content, this.codec.deflate, entry?.time, entry?.date),
    );
  }

  delete(path: string): void {
    this.deleted.add(path);
  }

  relsPath(part: string): string {
    const i = part.lastIndexOf("/");
    return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
  }

  relTarget(type: string): string | null {
    const m = new RegExp(
      `<Relationship\\b[^>]*Type="[^"]*/${type}"[^>]*>`,
    ).exec(this.relsXml);
    const t = m ? /\bTarget="([^"]+)"/.exec(m[0])?.[1] : undefined;
    return t ? resolveTarget(this.workbookPart, t) : null;
  }

  addRel(type: string, part: string): string {
    const ids = [...this.relsXml.matchAll(/\bId="rId(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    const id = `rId${Math.max(0, ...ids) + 1}`;
    const base = this.workbookPart.slice(
      0,
      this.workbookPart.lastIndexOf("/") + 1,
    );
    const target = part.startsWith(base) ? part.slice(base.length) : `/${part}`;
    this.relsXml = this.relsXml.replace(
      /<\/Relationships>/,
      `<Relationship Id="${id}" Type="${REL_TYPE}/${type}" Target="${target}"/></Relationships>`,
    );
    return id;
  }

  addOverride(part: string, contentType: string): void {
    if (this.contentTypes.includes(`PartName="/${part}"`)) return;
    this.contentTypes = this.contentTypes.replace(
      /<\/Types>/,
      `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`,
    );
  }

  finish(): Uint8Array {
    this.put(this.workbookPart, this.workbookXml);
    this.put(this.relsPath(this.workbookPart), this.relsXml);
    this.put("[Content_Types].xml", this.contentTypes);
    const parts: ZipPart[] = [];
    for (const name of this.names) {
      if (this.deleted.has(name)) continue;
      const part = this.replaced.get(name);
      const entry = this.zip?.entries.get(name);
      try {
        if (part) parts.push(part);
        else if (entry) parts.push(keptPart(this.zip!, entry));
      } catch (e) {
        throw new WorkbookFileError("CORRUPT", (e as Error).message);
      }
    }
    return writeZip(parts);
  }
}

function fail(): never {
  throw new WorkbookFileError(
    "NOT_A_WORKBOOK",
    "The file is not an Excel workbook (.xlsx).",
  );
}

function unescapeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function stylesOf(pkg: Package): { book: StyleBook; part: string } {
  let part = pkg.relTarget("styles");
  if (!part || !pkg.has(part)) {
    part = part ?? "xl/styles.xml";
    pkg.put(part, MINIMAL_STYLES);
    if (!pkg.relTarget("styles")) pkg.addRel("styles", part);
    pkg.addOverride(part, CT_STYLES);
  }
  return { book: new StyleBook(pkg.text(part)!), part };
}

/** The calculation chain lists formula cells; ours would be missing from it, so Excel rebuilds it. */
function dropCalcChain(pkg: Package): void {
  const part = pkg.relTarget("calcChain");
  if (!part) return;
  pkg.delete(part);
  pkg.relsXml = pkg.relsXml.replace(
    /<Relationship\b[^>]*\/calcChain"[^>]*\/>/,
    "",
  );
  pkg.contentTypes = pkg.contentTypes.replace(
    new RegExp(
      `<Override PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`,
    ),
    "",
  );
}

/** Excel recalculates on open, so its own engine confirms every cached value the plan wrote. */
function recalcOnLoad(pkg: Package): void {
  const xml = pkg.workbookXml;
  const calc = /<((?:\w+:)?)calcPr\b([^>]*?)\/>/.exec(xml);
  if (calc) {
    if (!/fullCalcOnLoad=/.test(calc[2]!))
      pkg.workbookXml = xml.replace(
        calc[0],
        `<${calc[1]}calcPr${calc[2]} fullCalcOnLoad="1"/>`,
      );
  } else {
    const p = /<(\w+:)?workbook\b/.exec(xml)?.[1] ?? "";
    // calcPr follows sheets/functionGroups/externalReferences/definedNames in CT_Workbook.
    const after = [
      "oleSize",
      "customWorkbookViews",
      "pivotCaches",
      "smartTagPr",
      "smartTagTypes",
      "webPublishing",
      "fileRecoveryPr",
      "webPublishObjects",
      "extLst",
    ];
    let at = -1;
    for (const name of after) {
      const m = new RegExp(`<${p}${name}\\b`).exec(xml);
      if (m && (at < 0 || m.index < at)) at = m.index;
    }
    if (at < 0) at = xml.lastIndexOf(`</${p}workbook>`);
    pkg.workbookXml =
      xml.slice(0, at) + `<${p}calcPr fullCalcOnLoad="1"/>` + xml.slice(at);
  }
}

function createSheet(
  pkg: Package,
  sheet: SheetCreate,
  styles: StyleBook,
): void {
  const xml = newSheetBytes(sheet, styles);
  const existing = pkg.sheets.find(
    (s) => s.name.toLowerCase() === sheet.sheet.toLowerCase(),
  );
  if (existing?.part && pkg.has(existing.part)) {
    // The add-in's own sheet: replaced in place, keeping its position among the sheets.
    pkg.putBytes(existing.part, xml);
    pkg.delete(pkg.relsPath(existing.part));
    return;
  }
  const base = pkg.workbookPart.slice(0, pkg.workbookPart.lastIndexOf("/") + 1);
  let n = pkg.sheets.length + 1;
  while (pkg.has(`${base}worksheets/sheet${n}.xml`)) n++;
  const part = `${base}worksheets/sheet${n}.xml`;
  pkg.putBytes(part, xml);
  const rid = pkg.addRel("worksheet", part);
  pkg.addOverride(part, CT_WORKSHEET);
  const ids = [
    ...pkg.workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bsheetId="(\d+)"/g),
  ].map((m) => Number(m[1]));
  const p = /<(\w+:)?sheets\b/.exec(pkg.workbookXml)?.[1] ?? "";
  // Declared on the element itself: writers differ in where (and whether) the root declares it.
  const idAttr = `xmlns:r="${REL_NS}" r:id="${rid}"`;
  pkg.workbookXml = pkg.workbookXml.replace(
    new RegExp(`</${p}sheets>`),
    `<${p}sheet name="${escapeXml(sheet.sheet)}" sheetId="${Math.max(0, ...ids) + 1}"${sheet.hidden ? ' state="hidden"' : ""} ${idAttr}/></${p}sheets>`,
  );
  pkg.sheets.push({ name: sheet.sheet, rid, part });
}

/**
 * The add-in's earlier marks that the plan no longer has (the lines moved or grew) are removed;
 * a person's own conditional formats, and marks the plan keeps, stay as they are.
 */
function withoutStaleMarks(
  xml: string,
  marks: readonly ConditionalMark[],
  p: string,
): string {
  const block = new RegExp(
    `<${p}conditionalFormatting\\b[^>]*\\bsqref="([^"]*)"[^>]*>([\\s\\S]*?)</${p}conditionalFormatting>`,
    "g",
  );
  return xml.replace(block, (whole, sqref: string, body: string) => {
    const formulas = [
      ...body.matchAll(new RegExp(`<${p}formula>([^<]*)</${p}formula>`, "g")),
    ].map((m) => unescapeXml(m[1]!));
    const ours = formulas.length === 1 && isOwnMarkFormula(formulas[0]!);
    const kept = marks.some(
      (m) => m.range === sqref && m.formula === formulas[0],
    );
    return ours && !kept ? "" : whole;
  });
}

/** Applies a write plan to a workbook file and returns the new file's bytes. */
export function applyPlan(
  bytes: Uint8Array,
  plan: WritePlan,
  codec: Codec = FFLATE_CODEC,
): Uint8Array {
  let zip: ZipPackage;
  try {
    zip = new ZipPackage(bytes, codec.inflate);
  } catch {
    return fail();
  }
  const mimetype = zip.entries.get("mimetype");
  if (
    mimetype &&
    strFromU8(zip.raw(mimetype)).startsWith(
      "application/vnd.oasis.opendocument",
    )
  )
    throw new WorkbookFileError(
      "ODS_NOT_WRITABLE",
      "The file is an OpenDocument spreadsheet (.ods): save it as .xlsx to compute it.",
    );
  const pkg = new Package(zip, codec);
  const { book, part: stylesPart } = stylesOf(pkg);
  for (const edit of plan.edits) {
    const entry = pkg.sheets.find((s) => s.name === edit.sheet);
    const xml = entry ? pkg.text(entry.part) : null;
    if (!entry || xml === null) continue;
    // A person's formatting of the cell wins; a cell without formatting gets the plan's.
    // The add-in's stale marks go and its new ones come, in the part after sheetData where
    // conditional formats live.
    const sheet = editSheetXml(
      xml,
      edit.cells,
      (c, own, prefix) =>
        cellXml(
          a1(c.row, c.col),
          c.value,
          own ?? (c.style ? book.xf(c.style) : null),
          prefix,
        ),
      (after, prefix) => {
        const kept = withoutStaleMarks(after, edit.marks, prefix);
        const marks = conditionalFormattingXml(kept, edit.marks, book, prefix);
        return marks
          ? insertBefore(kept, prefix, AFTER_CONDITIONAL, marks)
          : kept;
      },
    );
    pkg.putBytes(entry.part, sheet.bytes);
  }
  for (const create of plan.creates) createSheet(pkg, create, book);
  pkg.put(stylesPart, book.toXml());
  dropCalcChain(pkg);
  recalcOnLoad(pkg);
  return pkg.finish();
}

/** A new workbook holding the plan's created sheets, in order (the budget template). */
export function createWorkbook(
  plan: WritePlan,
  codec: Codec = FFLATE_CODEC,
): Uint8Array {
  const parts: Record<string, string> = {
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT_WORKBOOK}"/><Override PartName="/xl/styles.xml" ContentType="${CT_STYLES}"/></Types>`,
    "_rels/.rels":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELS_NS}">` +
      `<Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets></sheets><calcPr fullCalcOnLoad="1"/></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELS_NS}">` +
      `<Relationship Id="rId1" Type="${REL_TYPE}/styles" Target="styles.xml"/></Relationships>`,
    "xl/styles.xml": MINIMAL_STYLES,
  };
  const pkg = new Package(null, codec, parts);
  const book = new StyleBook(MINIMAL_STYLES);
  for (const create of plan.creates) createSheet(pkg, create, book);
  pkg.put("xl/styles.xml", book.toXml());
  return pkg.finish();
}
