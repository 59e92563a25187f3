// The package's structure as both the reader and the writer see it: relationships, the workbook's
// sheet list and the content types, read through the one XML scanner. The writer once found these
// with regular expressions, which read a comment that looks like a <sheet>, spaces around "=" or
// single-quoted attributes differently from the reader and wrote the wrong sheet; now there is one
// reading, and what the writer cannot map unambiguously it refuses.

import { type Span, parseXml, prefixAt } from "./xml";

export interface Rel {
  readonly id: string;
  readonly type: string;
  /** The target's part name, resolved against the owner's folder ("" for an external target). */
  readonly target: string;
  /** The target as the file has it (relative, or an external address). */
  readonly rawTarget: string;
  readonly external: boolean;
}

export interface Relationships {
  /** Every internal and external relationship, in the file's order. */
  readonly list: readonly Rel[];
  /** Internal relationships by id (the first of a duplicated id). */
  readonly byId: Map<string, Rel>;
  /** Ids that more than one relationship has: a package no one can map unambiguously. */
  readonly duplicateIds: readonly string[];
}

/** Resolves a relationship target against the folder of the part that owns it (absolute targets too). */
export function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ownerPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The relationships part of a part ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"). */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/**
 * The most relationships one part may have: a workbook's are its sheets (at most MAX_SHEETS) and a
 * few more. Each is read three times by compute (the read, the write, the read-back): 100 000 of
 * them, a part of 15 MB (within the 32 MB it may be), took compute 3.2 s and 276 MB.
 */
export const MAX_RELATIONSHIPS = 20_000;

/** A relationships part with more than MAX_RELATIONSHIPS: refused as soon as the count passes it. */
export class TooManyRelationships extends Error {
  constructor() {
    super(`more than ${MAX_RELATIONSHIPS} relationships in one part`);
    this.name = "TooManyRelationships";
  }
}

/**
 * A relationships part read; throws XmlSyntaxError when it is not well-formed, and
 * TooManyRelationships past MAX_RELATIONSHIPS.
 */
export function readRelationships(
  xml: string,
  ownerPart: string,
): Relationships {
  const list: Rel[] = [];
  const byId = new Map<string, Rel>();
  const seen = new Set<string>();
  const duplicateIds: string[] = [];
  let count = 0;
  parseXml(xml, {
    open(name, a) {
      if (name === "Relationship" && ++count > MAX_RELATIONSHIPS)
        throw new TooManyRelationships();
      if (name !== "Relationship" || !a.Id || a.Target === undefined) return;
      const external = a.TargetMode === "External";
      const rel: Rel = {
        id: a.Id,
        type: a.Type ?? "",
        target: external ? "" : resolveTarget(ownerPart, a.Target),
        rawTarget: a.Target,
        external,
      };
      if (seen.has(rel.id)) duplicateIds.push(rel.id);
      seen.add(rel.id);
      list.push(rel);
      if (!external && !byId.has(rel.id)) byId.set(rel.id, rel);
    },
  });
  return { list, byId, duplicateIds };
}

export interface WorkbookSheet {
  readonly name: string;
  readonly rid: string;
  readonly sheetId: number;
  readonly state: string;
}

/**
 * A package's SpreadsheetML namespaces: ECMA-376's transitional ones (what Excel saves by default)
 * or its strict ones (Excel's "Strict Open XML Spreadsheet"). A relationship's type is `rel` and
 * "/worksheet", "/styles", … in both.
 */
export interface Namespaces {
  readonly main: string;
  readonly rel: string;
}

export const TRANSITIONAL: Namespaces = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
};

export const STRICT: Namespaces = {
  main: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  rel: "http://purl.oclc.org/ooxml/officeDocument/relationships",
};

export interface WorkbookXml {
  readonly sheets: readonly WorkbookSheet[];
  /** The namespaces of the workbook's root: what a part added to the package is written in. */
  readonly namespaces: Namespaces;
  /** The relationships of the workbooks its formulas refer to: "[1]" is the first. */
  readonly externalRefs: readonly string[];
  readonly date1904: boolean;
  /** The namespace prefix of the workbook's elements ("" or e.g. "x:"). */
  readonly prefix: string;
  /** The <sheets> element: its start tag, and its end tag (the same span when it is empty). */
  readonly sheetsOpen: Span | null;
  readonly sheetsClose: Span | null;
  /** The <calcPr> start tag, with its attributes. */
  readonly calcPr: (Span & { readonly attrs: Record<string, string> }) | null;
  /** Where each child of the root starts, by local name (the first of each). */
  readonly children: ReadonlyMap<string, number>;
  /** The root's end tag. */
  readonly rootClose: Span | null;
}

/** The workbook part read; throws XmlSyntaxError when it is not well-formed. */
export function readWorkbookXml(xml: string): WorkbookXml {
  const sheets: WorkbookSheet[] = [];
  const externalRefs: string[] = [];
  let date1904 = false;
  let prefix = "";
  let namespaces = TRANSITIONAL;
  let depth = 0;
  let sheetsOpen: Span | null = null;
  let sheetsClose: Span | null = null;
  let calcPr: WorkbookXml["calcPr"] = null;
  let rootClose: Span | null = null;
  const children = new Map<string, number>();
  parseXml(xml, {
    open(name, a, tag) {
      depth++;
      if (depth === 1) {
        prefix = prefixAt(xml, tag.start, name);
        if (xml.slice(tag.start, tag.end).includes(STRICT.main))
          namespaces = STRICT;
      }
      if (depth === 2) {
        if (!children.has(name)) children.set(name, tag.start);
        if (name === "sheets" && !sheetsOpen) sheetsOpen = tag;
        else if (name === "calcPr" && !calcPr) calcPr = { ...tag, attrs: a };
        else if (
          name === "workbookPr" &&
          (a.date1904 === "1" || a.date1904 === "true")
        )
          date1904 = true;
      }
      if (depth === 3 && name === "externalReference")
        externalRefs.push(a.id ?? "");
      if (
        depth === 3 &&
        name === "sheet" &&
        a.name !== undefined &&
        sheetsOpen &&
        !sheetsClose
      )
        sheets.push({
          name: a.name,
          rid: a.id ?? "",
          sheetId: Number(a.sheetId) || 0,
          state: a.state ?? "visible",
        });
    },
    close(name, tag) {
      if (depth === 2 && name === "sheets" && !sheetsClose) sheetsClose = tag;
      if (depth === 1) rootClose = tag;
      depth--;
    },
  });
  return {
    sheets,
    namespaces,
    externalRefs,
    date1904,
    prefix,
    sheetsOpen,
    sheetsClose,
    calcPr,
    children,
    rootClose,
  };
}

export interface ContentTypes {
  /** Extension (lower case) → content type. */
  readonly defaults: ReadonlyMap<string, string>;
  /** Part name (lower case, without the leading "/") → [part name as written, content type]. */
  readonly overrides: ReadonlyMap<string, readonly [string, string]>;
}

/** [Content_Types].xml read; throws XmlSyntaxError when it is not well-formed. */
export function readContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, readonly [string, string]>();
  let root = "";
  parseXml(xml, {
    open(name, a) {
      root ||= name;
      if (name === "Default" && a.Extension && a.ContentType)
        defaults.set(a.Extension.toLowerCase(), a.ContentType);
      else if (name === "Override" && a.PartName && a.ContentType) {
        const part = a.PartName.replace(/^\//, "");
        overrides.set(part.toLowerCase(), [part, a.ContentType]);
      }
    },
  });
  if (root !== "Types") throw new Error("not a content types part");
  return { defaults, overrides };
}

/** The content type of a part: its override, else its extension's default. */
export function contentTypeOf(
  types: ContentTypes,
  part: string,
): string | undefined {
  const override = types.overrides.get(part.toLowerCase());
  if (override) return override[1];
  const dot = part.lastIndexOf(".");
  return dot < 0
    ? undefined
    : types.defaults.get(part.slice(dot + 1).toLowerCase());
}

/**
 * Whether a zip entry's name is a part name a package may have (OPC §9.1.1: no empty, "." or ".."
 * segment, no backslash, not absolute). Entries such as "../../x" are never copied into a file we write.
 */
export function isSafePartName(name: string): boolean {
  if (name === "" || name.startsWith("/") || name.includes("\\")) return false;
  const segments = name.split("/");
  // A folder entry ("docProps/") ends in an empty segment: allowed, it carries no data.
  return segments.every(
    (s, i) =>
      s !== "." && s !== ".." && (s !== "" || i === segments.length - 1),
  );
}
