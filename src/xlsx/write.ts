// Applies a write plan to an .xlsx package in place: every part is kept byte for byte except the
// sheets the plan touches, the workbook's sheet list, styles (appended to) and the calculation
// chain (dropped, so that Excel rebuilds it). Runs in Node and in the browser.

import { strFromU8, strToU8 } from "fflate";
import { unsharedWrites } from "./shared-formulas";
import {
  type CellWrite,
  type SheetCreate,
  type WritePlan,
  a1,
  formula,
} from "../core";
import {
  editSheetXml,
  PartTooLarge,
  cellXml,
  withShownValue,
  escapeXml,
  newSheetBytes,
} from "./sheet-xml";
import { StyleBook, minimalStyles } from "./styles";
import {
  DEFAULT_LIMITS,
  type Damage,
  ONE_PASS_FROM_BYTES,
  WorkbookFileError,
  damaged,
  openZip,
  outputTooLarge,
  partError,
  partLimit,
  relationshipsOf,
  partText,
  structural,
} from "./read";
import {
  type ContentTypes,
  type Rel,
  type Namespaces,
  type WorkbookXml,
  TRANSITIONAL,
  isSafePartName,
  readContentTypes,
  readWorkbookXml,
  relsPathOf,
  resolveTarget,
} from "./package";
import {
  type Deflate,
  type Inflate,
  type ZipPart,
  type ZipPackage,
  deflateWithFflate,
  inflateWithFflate,
  keptPart,
  type PackLater,
  packPart,
  writeZip,
} from "./zip";

/** The children of <workbook> that come after <sheets>, in the schema's order (ECMA-376 CT_Workbook). */
const AFTER_SHEETS: readonly string[] = [
  "functionGroups",
  "externalReferences",
  "definedNames",
  "calcPr",
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
/** Those that come after calcPr. */
const AFTER_CALC_PR = AFTER_SHEETS.slice(AFTER_SHEETS.indexOf("calcPr") + 1);

/** How parts are inflated and deflated: fflate by default, Node's zlib in the command line. */
export interface Codec {
  readonly inflate: Inflate;
  readonly deflate: Deflate;
  /** CRC-32 of parts read and written (the zip module's own when absent). */
  readonly crc32?: (data: Uint8Array) => number;
  /** Packs large parts on another thread while the next is made (the command line's). */
  readonly packLater?: PackLater;
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
const CT_MACRO_WORKBOOK =
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
/**
 * A template's workbook content type (.xltx, .xltm) and the workbook's it becomes: a computed copy
 * is a workbook, as Excel saves one made from a template; Excel does not open an .xlsx whose
 * content type is a template's. Keys in lower case: a media type is matched case-insensitively.
 */
const TEMPLATES = [
  [
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    CT_WORKBOOK,
  ],
  [
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    CT_MACRO_WORKBOOK,
  ],
] as const;
const AS_WORKBOOK: ReadonlyMap<string, string> = new Map(
  TEMPLATES.map(([template, workbook]) => [template.toLowerCase(), workbook]),
);
const PACKAGE_RELS_NS =
  "http://schemas.openxmlformats.org/package/2006/relationships";
const CONTENT_TYPES_NS =
  "http://schemas.openxmlformats.org/package/2006/content-types";
const XML_DECLARATION =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

interface SheetEntry {
  readonly name: string;
  readonly rid: string;
  readonly part: string;
}

/** A package the writer cannot map unambiguously, or one that is damaged: refused, never guessed at. */
function refuse(damage: Damage): never {
  throw damaged(damage);
}

/**
 * The package being written: the original's parts, of which only those replaced are inflated and
 * deflated again (each as soon as it is put, so that one large sheet at a time is in memory); the
 * rest are copied into the new file as they are. Its structure (relationships, sheet list,
 * content types) is read through the same functions as the reader's (package.ts), and the
 * relationships and content types are written anew from what was read.
 */
class Package {
  private readonly names: string[];
  /** Part names by lower case: OPC part names are case-insensitive, as the reader's lookup is. */
  private readonly byLowerCase = new Map<string, string>();
  /** New parts by name: packed, or being packed elsewhere (resolved when first asked for). */
  private readonly replaced = new Map<string, ZipPart | (() => ZipPart)>();
  private readonly deleted = new Set<string>();
  readonly workbookPart: string;
  private readonly workbookXml: string;
  private readonly workbook: WorkbookXml;
  /** The workbook's namespaces, which every part added is written in. */
  readonly namespaces: Namespaces;
  /** Elements added to <sheets>, and whether calcPr must ask for a recalculation on load. */
  private readonly newSheets: string[] = [];
  rels: Rel[];
  private readonly overrides: Map<string, readonly [string, string]>;
  private readonly defaults: ReadonlyMap<string, string>;
  readonly sheets: SheetEntry[];

  constructor(
    private readonly zip: ZipPackage | null,
    private readonly codec: Codec,
    parts: Record<string, string> = {},
  ) {
    this.names = [];
    for (const name of zip ? zip.entries.keys() : []) {
      if (!isSafePartName(name)) refuse({ kind: "unsafe", part: name });
      if (name.endsWith("/")) continue; // a folder entry: no part
      if (this.byLowerCase.has(name.toLowerCase()))
        refuse({ kind: "ambiguous", part: name });
      this.byLowerCase.set(name.toLowerCase(), name);
      this.names.push(name);
    }
    for (const [path, xml] of Object.entries(parts)) this.put(path, xml);
    const rootRels = this.text("_rels/.rels");
    const officeDocument = rootRels
      ? structural("_rels/.rels", rootRels, (xml) =>
          relationshipsOf(xml, ""),
        ).list.find((r) => !r.external && r.type.endsWith("/officeDocument"))
      : undefined;
    this.workbookPart = this.partName(
      officeDocument?.target ?? "xl/workbook.xml",
    );
    this.workbookXml =
      this.text(this.workbookPart) ??
      refuse({ kind: "missing", part: this.workbookPart });
    this.workbook = structural(
      this.workbookPart,
      this.workbookXml,
      readWorkbookXml,
    );
    this.namespaces = this.workbook.namespaces;
    const relsPart = relsPathOf(this.workbookPart);
    const relationships = structural(
      relsPart,
      this.text(relsPart) ?? "<Relationships/>",
      (xml) => relationshipsOf(xml, this.workbookPart),
    );
    if (relationships.duplicateIds.length > 0)
      refuse({ kind: "ambiguous", part: relsPart });
    this.rels = [...relationships.list];
    const types: ContentTypes = structural(
      "[Content_Types].xml",
      this.text("[Content_Types].xml") ??
        refuse({ kind: "missing", part: "[Content_Types].xml" }),
      readContentTypes,
    );
    this.overrides = new Map(types.overrides);
    this.defaults = types.defaults;
    this.sheets = [];
    const names = new Set<string>();
    const targets = new Set<string>();
    for (const s of this.workbook.sheets) {
      const rel = relationships.byId.get(s.rid);
      const part = rel ? this.partName(rel.target) : "";
      // Two sheets of one name, or two sheets in one part: no write could say which it meant.
      if (names.has(s.name.toLowerCase()) || (part && targets.has(part)))
        refuse({ kind: "ambiguous", part: this.workbookPart });
      names.add(s.name.toLowerCase());
      if (part) targets.add(part);
      this.sheets.push({ name: s.name, rid: s.rid, part });
    }
  }

  /** The package's own spelling of a part name (case-insensitive, as the reader finds parts). */
  private partName(path: string): string {
    return this.byLowerCase.get(path.toLowerCase()) ?? path;
  }

  has(path: string): boolean {
    const name = this.partName(path);
    return (
      !this.deleted.has(name) &&
      (this.replaced.has(name) || (this.zip?.entries.has(name) ?? false))
    );
  }

  text(path: string): string | null {
    const bytes = this.bytes(path);
    return bytes === null ? null : partText(this.partName(path), bytes);
  }

  /** A part's content, unpacked and not decoded. */
  bytes(path: string): Uint8Array | null {
    const name = this.partName(path);
    if (this.deleted.has(name)) return null;
    const part = this.replacedPart(name);
    if (part)
      return part.method === 0
        ? part.data
        : this.codec.inflate(part.data, part.size);
    const entry = this.zip?.entries.get(name);
    if (!entry) return null;
    try {
      return this.zip!.read(entry);
    } catch (e) {
      throw partError(name, e);
    }
  }

  put(path: string, xml: string): void {
    this.putBytes(path, strToU8(xml));
  }

  /** A part's new content, handed over: it may be moved to another thread to be packed. */
  putBytes(path: string, content: Uint8Array): void {
    const name = this.partName(path);
    if (!this.byLowerCase.has(name.toLowerCase())) {
      this.byLowerCase.set(name.toLowerCase(), name);
      this.names.push(name);
    }
    this.deleted.delete(name);
    const entry = this.zip?.entries.get(name);
    const head = { name, time: entry?.time ?? 0, date: entry?.date ?? 0x21 };
    const later = this.codec.packLater?.(content);
    this.replaced.set(
      name,
      later
        ? () => ({ ...head, ...later() })
        : {
            ...head,
            ...packPart(content, this.codec.deflate, this.codec.crc32),
          },
    );
  }

  /** A new part, waited for if it is still being packed; undefined when the part is not new. */
  private replacedPart(name: string): ZipPart | undefined {
    let part = this.replaced.get(name);
    if (typeof part === "function") this.replaced.set(name, (part = part()));
    return part;
  }

  delete(path: string): void {
    this.deleted.add(this.partName(path));
  }

  /** The part of the workbook's first relationship of this type ("styles"), or null. */
  relTarget(type: string): string | null {
    const rel = this.rels.find(
      (r) => !r.external && r.type.endsWith(`/${type}`),
    );
    return rel ? this.partName(rel.target) : null;
  }

  dropRels(type: string): void {
    this.rels = this.rels.filter((r) => !r.type.endsWith(`/${type}`));
  }

  addRel(type: string, part: string): string {
    const ids = new Set(this.rels.map((r) => r.id));
    let n = this.rels.length + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const base = this.workbookPart.slice(
      0,
      this.workbookPart.lastIndexOf("/") + 1,
    );
    const target = part.startsWith(base) ? part.slice(base.length) : `/${part}`;
    this.rels.push({
      id,
      type: `${this.namespaces.rel}/${type}`,
      target: resolveTarget(this.workbookPart, target),
      rawTarget: target,
      external: false,
    });
    return id;
  }

  addOverride(part: string, contentType: string): void {
    if (!this.overrides.has(part.toLowerCase()))
      this.overrides.set(part.toLowerCase(), [part, contentType]);
  }

  dropOverride(part: string): void {
    this.overrides.delete(part.toLowerCase());
  }

  /** A new <sheet> element for the workbook's sheet list. */
  addSheetElement(name: string, rid: string, hidden: boolean): void {
    const p = this.workbook.prefix;
    // A sheetId above every one the workbook has and every one added before.
    const id =
      Math.max(0, ...this.workbook.sheets.map((s) => s.sheetId)) +
      this.newSheets.length +
      1;
    // Declared on the element itself: writers differ in where (and whether) the root declares it.
    this.newSheets.push(
      `<${p}sheet name="${escapeXml(name)}" sheetId="${id}"${hidden ? ' state="veryHidden"' : ""} xmlns:r="${this.namespaces.rel}" r:id="${rid}"/>`,
    );
  }

  /** Where an element goes that precedes these children of the root: before the first of them, or the root's end. */
  private before(children: readonly string[]): number {
    let at = this.workbook.rootClose?.start ?? this.workbookXml.length;
    for (const name of children) {
      const child = this.workbook.children.get(name);
      if (child !== undefined && child < at) at = child;
    }
    return at;
  }

  /** The workbook part with the new sheets listed and a full recalculation asked for on load. */
  private workbookWithEdits(): string {
    const xml = this.workbookXml;
    const { prefix: p, sheetsOpen, sheetsClose, calcPr } = this.workbook;
    const edits: { start: number; end: number; text: string }[] = [];
    if (this.newSheets.length > 0) {
      const added = this.newSheets.join("");
      if (!sheetsOpen || !sheetsClose) {
        // A workbook part without <sheets> (a writer's workbook of no sheets; check reads it as
        // such): the list goes where the schema puts it, before what follows it in CT_Workbook.
        const at = this.before(AFTER_SHEETS);
        edits.push({
          start: at,
          end: at,
          text: `<${p}sheets>${added}</${p}sheets>`,
        });
      } else if (sheetsOpen.start === sheetsClose.start)
        edits.push({
          ...sheetsOpen,
          text: `${xml.slice(sheetsOpen.start, sheetsOpen.end - 2)}>${added}</${p}sheets>`,
        });
      else
        edits.push({
          start: sheetsClose.start,
          end: sheetsClose.start,
          text: added,
        });
    }
    // Excel recalculates on open, so its own engine confirms every cached value the plan wrote.
    if (calcPr) {
      if (calcPr.attrs.fullCalcOnLoad === undefined) {
        const tag = xml.slice(calcPr.start, calcPr.end);
        const close = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
        edits.push({
          ...calcPr,
          text: `${tag.slice(0, close)} fullCalcOnLoad="1"${tag.slice(close)}`,
        });
      }
    } else {
      // calcPr follows sheets/functionGroups/externalReferences/definedNames in CT_Workbook.
      const at = this.before(AFTER_CALC_PR);
      edits.push({
        start: at,
        end: at,
        text: `<${p}calcPr fullCalcOnLoad="1"/>`,
      });
    }
    edits.sort((a, b) => a.start - b.start);
    let out = "";
    let from = 0;
    for (const e of edits) {
      out += xml.slice(from, e.start) + e.text;
      from = e.end;
    }
    return out + xml.slice(from);
  }

  private relsXml(): string {
    const rels = this.rels
      .map(
        (r) =>
          `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.rawTarget)}"${r.external ? ' TargetMode="External"' : ""}/>`,
      )
      .join("");
    return `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELS_NS}">${rels}</Relationships>`;
  }

  /** The workbook part's content type, a template's made the workbook's (AS_WORKBOOK). */
  asWorkbook(): void {
    const key = this.workbookPart.toLowerCase();
    const [part, type] = this.overrides.get(key) ?? [this.workbookPart, ""];
    const workbook = AS_WORKBOOK.get(type.toLowerCase());
    if (workbook) this.overrides.set(key, [part, workbook]);
  }

  /** Whether the workbook may hold macros (an .xlsm): Excel opens it only under that extension. */
  get macroEnabled(): boolean {
    const type = this.overrides.get(this.workbookPart.toLowerCase())?.[1];
    return type?.toLowerCase() === CT_MACRO_WORKBOOK.toLowerCase();
  }

  private contentTypesXml(): string {
    const defaults = [...this.defaults].map(
      ([ext, type]) =>
        `<Default Extension="${escapeXml(ext)}" ContentType="${escapeXml(type)}"/>`,
    );
    const overrides = [...this.overrides.values()]
      .filter(([part]) => this.has(part))
      .map(
        ([part, type]) =>
          `<Override PartName="/${escapeXml(part)}" ContentType="${escapeXml(type)}"/>`,
      );
    return `${XML_DECLARATION}<Types xmlns="${CONTENT_TYPES_NS}">${defaults.join("")}${overrides.join("")}</Types>`;
  }

  finish(): Uint8Array {
    this.put(this.workbookPart, this.workbookWithEdits());
    this.put(relsPathOf(this.workbookPart), this.relsXml());
    this.put("[Content_Types].xml", this.contentTypesXml());
    const parts: ZipPart[] = [];
    for (const name of this.names) {
      if (this.deleted.has(name)) continue;
      const entry = this.zip?.entries.get(name);
      try {
        const part = this.replacedPart(name);
        if (part) parts.push(part);
        else if (entry) parts.push(keptPart(this.zip!, entry));
      } catch (e) {
        throw partError(name, e);
      }
    }
    return writeZip(parts);
  }
}

function stylesOf(pkg: Package): { book: StyleBook; part: string } {
  let part = pkg.relTarget("styles");
  if (!part || !pkg.has(part)) {
    part = part ?? "xl/styles.xml";
    pkg.put(part, minimalStyles(pkg.namespaces.main));
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
  pkg.dropRels("calcChain");
  pkg.dropOverride(part);
}

function createSheet(
  pkg: Package,
  sheet: SheetCreate,
  styles: StyleBook,
  maxPartBytes = Infinity,
): void {
  const xml = newSheetBytes(sheet, styles, pkg.namespaces, maxPartBytes);
  const existing = pkg.sheets.find(
    (s) => s.name.toLowerCase() === sheet.sheet.toLowerCase(),
  );
  if (existing?.part && pkg.has(existing.part)) {
    // The add-in's own sheet: replaced in place, keeping its position among the sheets.
    pkg.putBytes(existing.part, xml);
    pkg.delete(relsPathOf(existing.part));
    return;
  }
  const base = pkg.workbookPart.slice(0, pkg.workbookPart.lastIndexOf("/") + 1);
  let n = pkg.sheets.length + 1;
  while (pkg.has(`${base}worksheets/sheet${n}.xml`)) n++;
  const part = `${base}worksheets/sheet${n}.xml`;
  pkg.putBytes(part, xml);
  const rid = pkg.addRel("worksheet", part);
  pkg.addOverride(part, CT_WORKSHEET);
  pkg.addSheetElement(sheet.sheet, rid, !!sheet.hidden);
  pkg.sheets.push({ name: sheet.sheet, rid, part });
}

/**
 * The plan's cells of a sheet, with what keeps its shared formulas whole: a shared formula's other
 * cells keep their formulas when its first cell is written (as their own, moved to where they are).
 * A formula whose value alone is new ("shown") keeps its element, so it writes over no first cell;
 * one of those other cells gets its own formula with that new value.
 */
function keptWhole(
  xml: string | Uint8Array,
  cells: readonly CellWrite[],
): readonly CellWrite[] {
  const shown = new Map<string, number | string>();
  for (const c of cells)
    if (c.value.kind === "shown")
      shown.set(`${c.row}:${c.col}`, c.value.cached);
  const unshared = unsharedWrites(
    xml,
    shown.size > 0 ? cells.filter((c) => c.value.kind !== "shown") : cells,
  );
  if (unshared.length === 0) return cells;
  if (shown.size === 0) return [...unshared, ...cells];
  const now = new Set<string>();
  const own = unshared.map((u): CellWrite => {
    const key = `${u.row}:${u.col}`;
    const cached = shown.get(key);
    if (cached === undefined || u.value.kind !== "formula") return u;
    now.add(key);
    return { ...u, value: formula(u.value.formula, cached) };
  });
  return [...own, ...cells.filter((c) => !now.has(`${c.row}:${c.col}`))];
}

/** Applies a write plan to a workbook file and returns the new file's bytes. */
export function applyPlan(
  bytes: Uint8Array,
  plan: WritePlan,
  codec: Codec = FFLATE_CODEC,
  /**
   * The largest part the copy may have: the reader's (verifyWritten would refuse it), so that a
   * sheet too large is refused as it is written, not made whole first.
   */
  maxPartBytes = partLimit(DEFAULT_LIMITS),
): Uint8Array {
  const zip = openZip(bytes, codec.inflate, undefined, codec.crc32);
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
  // The sheet the reader read for each edit: the same name, through the same reading of the
  // package. One the writer cannot find is refused, never skipped and never guessed at.
  const edited = plan.edits.map((edit) => ({
    edit,
    entry: pkg.sheets.find((s) => s.name === edit.sheet),
  }));
  // Large sheets are edited with the reader's one pass, from the size the reader takes it at.
  let sheetBytes = 0;
  for (const { entry } of edited)
    sheetBytes += entry?.part ? (zip.entries.get(entry.part)?.size ?? 0) : 0;
  const onePass = sheetBytes >= ONE_PASS_FROM_BYTES;
  for (const { edit, entry } of edited) {
    if (!entry?.part) refuse({ kind: "ambiguous", part: pkg.workbookPart });
    // A large workbook's sheets go to the editor as bytes, decoded a few rows at a time.
    const xml =
      (onePass ? pkg.bytes(entry.part) : pkg.text(entry.part)) ??
      refuse({ kind: "missing", part: entry.part });
    // A person's formatting of the cell wins; a cell without formatting gets the plan's.
    // The add-in's stale marks go and its new ones come, in the part after sheetData where
    // conditional formats live.
    let sheet: { bytes: Uint8Array };
    try {
      sheet = editSheetXml(
        xml,
        keptWhole(xml, edit.cells),
        (c, own, prefix, ownXml) =>
          c.value.kind === "shown" && ownXml !== null
            ? withShownValue(ownXml, c.value.cached)
            : cellXml(
                a1(c.row, c.col),
                c.value,
                own !== null && c.style?.overOwnFormat && c.style.numberFormat
                  ? book.withNumberFormat(own, c.style.numberFormat)
                  : (own ?? (c.style ? book.xf(c.style) : null)),
                prefix,
              ),
        { marks: edit.marks, styles: book },
        maxPartBytes,
      );
    } catch (e) {
      if (e instanceof PartTooLarge) throw outputTooLarge(e.message, "part");
      return refuse({ kind: "invalid", part: entry.part });
    }
    pkg.putBytes(entry.part, sheet.bytes);
  }
  try {
    for (const create of plan.creates)
      createSheet(pkg, create, book, maxPartBytes);
  } catch (e) {
    throw e instanceof PartTooLarge ? outputTooLarge(e.message, "part") : e;
  }
  pkg.put(stylesPart, book.toXml());
  dropCalcChain(pkg);
  pkg.asWorkbook();
  return pkg.finish();
}

/**
 * The extension a computed copy of the workbook must have for Excel to open it: ".xlsm" for one
 * that may hold macros (an .xlsm, or an .xltm made a workbook), else ".xlsx". Its macros are kept.
 */
export function computedExtension(
  bytes: Uint8Array,
  codec: Codec = FFLATE_CODEC,
): ".xlsx" | ".xlsm" {
  const pkg = new Package(
    openZip(bytes, codec.inflate, undefined, codec.crc32),
    codec,
  );
  pkg.asWorkbook();
  return pkg.macroEnabled ? ".xlsm" : ".xlsx";
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
      `<Relationship Id="rId1" Type="${TRANSITIONAL.rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${TRANSITIONAL.main}" xmlns:r="${TRANSITIONAL.rel}"><bookViews><workbookView activeTab="0"/></bookViews><sheets></sheets><calcPr fullCalcOnLoad="1"/></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELS_NS}">` +
      `<Relationship Id="rId1" Type="${TRANSITIONAL.rel}/styles" Target="styles.xml"/></Relationships>`,
    "xl/styles.xml": minimalStyles(TRANSITIONAL.main),
  };
  const pkg = new Package(null, codec, parts);
  const book = new StyleBook(minimalStyles(TRANSITIONAL.main));
  for (const create of plan.creates) createSheet(pkg, create, book);
  pkg.put("xl/styles.xml", book.toXml());
  return pkg.finish();
}
