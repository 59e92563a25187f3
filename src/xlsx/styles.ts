// Adds the styles a write plan needs to a workbook's styles.xml, leaving every existing style as it is.

import type { CellStyle } from "../core";

const BUILTIN_NUMFMT: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};

const esc = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** A styles part with only the default style, in the package's SpreadsheetML namespace. */
export const minimalStyles = (main: string): string =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<styleSheet xmlns="${main}">` +
  '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

// CT_Stylesheet's children, in schema order.
const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

interface Section {
  readonly name: string;
  items: string[];
  /** Raw XML of the whole section as found, so that an untouched section is written back unchanged. */
  readonly raw: string | null;
  touched: boolean;
}

/** A styles.xml whose sections can be appended to; prefixes such as "x:" are kept. */
export class StyleBook {
  private readonly prefix: string;
  private readonly sections = new Map<string, Section>();
  private readonly cache = new Map<string, number>();
  private readonly dxfCache = new Map<string, number>();
  private readonly overCache = new Map<string, number>();
  private nextNumFmtId = 164;
  private readonly baseFont: string;

  constructor(private xml: string) {
    const root = /<(\w+:)?styleSheet\b/.exec(xml);
    this.prefix = root?.[1] ?? "";
    for (const name of ORDER) {
      const p = this.prefix;
      const re = new RegExp(
        `<${p}${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}${name}>)`,
      );
      const m = re.exec(xml);
      const items = m?.[1] ? splitItems(m[1], p) : [];
      this.sections.set(name, {
        name,
        items,
        raw: m ? m[0] : null,
        touched: false,
      });
    }
    for (const f of this.section("numFmts").items) {
      const id = Number(/numFmtId="(\d+)"/.exec(f)?.[1] ?? 0);
      if (id >= this.nextNumFmtId) this.nextNumFmtId = id + 1;
    }
    this.baseFont =
      this.section("fonts").items[0] ??
      `<${this.prefix}font><${this.prefix}sz val="11"/><${this.prefix}name val="Calibri"/></${this.prefix}font>`;
  }

  private section(name: string): Section {
    return this.sections.get(name)!;
  }

  private add(name: string, item: string): number {
    const s = this.section(name);
    // Reuse an identical entry (e.g. written by an earlier run), so that re-running adds nothing.
    const existing = s.items.indexOf(item);
    if (existing >= 0) return existing;
    s.items.push(item);
    s.touched = true;
    return s.items.length - 1;
  }

  private numFmtId(code: string): number {
    if (BUILTIN_NUMFMT[code] !== undefined) return BUILTIN_NUMFMT[code];
    for (const f of this.section("numFmts").items) {
      const m =
        /numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/.exec(f) ??
        /formatCode="([^"]*)"[^>]*numFmtId="(\d+)"/.exec(f);
      if (!m) continue;
      const [id, fc] =
        f.indexOf("numFmtId") < f.indexOf("formatCode")
          ? [m[1], m[2]]
          : [m[2], m[1]];
      if (fc === esc(code)) return Number(id);
    }
    const id = this.nextNumFmtId++;
    this.add(
      "numFmts",
      `<${this.prefix}numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`,
    );
    return id;
  }

  private font(style: CellStyle): number {
    if (!style.bold && !style.italic && !style.fontSize && !style.fontColor)
      return 0;
    const p = this.prefix;
    // The workbook's default font, with only what the style changes.
    let inner = (
      /^<[^>]*>([\s\S]*)<\/[^>]*>$/.exec(this.baseFont)?.[1] ?? ""
    ).replace(new RegExp(`<${p}(b|i|sz|color)\\b[^>]*/>`, "g"), "");
    const extra = `${style.bold ? `<${p}b/>` : ""}${style.italic ? `<${p}i/>` : ""}<${p}sz val="${style.fontSize ?? this.baseSize()}"/>${style.fontColor ? `<${p}color rgb="FF${style.fontColor}"/>` : ""}`;
    inner = extra + inner;
    return this.add("fonts", `<${p}font>${inner}</${p}font>`);
  }

  private baseSize(): number {
    return Number(/<(?:\w+:)?sz val="([\d.]+)"/.exec(this.baseFont)?.[1] ?? 11);
  }

  private fill(color: string | undefined): number {
    if (!color) return 0;
    const p = this.prefix;
    return this.add(
      "fills",
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${color}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
    );
  }

  /** The cellXfs index of a style (created once per distinct style). */
  xf(style: CellStyle): number {
    const key = JSON.stringify(style);
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const p = this.prefix;
    if (this.section("cellXfs").items.length === 0)
      this.add(
        "cellXfs",
        `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
      );
    const numFmtId = style.numberFormat ? this.numFmtId(style.numberFormat) : 0;
    const fontId = this.font(style);
    const fillId = this.fill(style.fill);
    const align = style.wrap
      ? `<${p}alignment wrapText="1" vertical="top"/>`
      : "";
    const protection = style.unlocked ? `<${p}protection locked="0"/>` : "";
    const attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${align ? ' applyAlignment="1"' : ""}${protection ? ' applyProtection="1"' : ""}`;
    // CT_Xf: alignment before protection.
    const children = align + protection;
    const index = this.add(
      "cellXfs",
      children ? `<${p}xf ${attrs}>${children}</${p}xf>` : `<${p}xf ${attrs}/>`,
    );
    this.cache.set(key, index);
    return index;
  }

  /**
   * The cellXfs index of cell format `xf` with its number format replaced by `code`: the rest of a
   * person's formatting (font, fill, borders, protection) stays.
   */
  withNumberFormat(xf: number, code: string): number {
    const key = `${xf}|${code}`;
    const known = this.overCache.get(key);
    if (known !== undefined) return known;
    const item = this.section("cellXfs").items[xf];
    if (item === undefined) return this.xf({ numberFormat: code });
    const id = this.numFmtId(code);
    const start = /^<[^>]*>/.exec(item)![0];
    const attrs = start
      .replace(/\snumFmtId="[^"]*"/, "")
      .replace(/\sapplyNumberFormat="[^"]*"/, "")
      .replace(/^<(\S+)/, `<$1 numFmtId="${id}" applyNumberFormat="1"`);
    const index = this.add("cellXfs", attrs + item.slice(start.length));
    this.overCache.set(key, index);
    return index;
  }

  /** The dxfs index of a conditional format's look. */
  dxf(fill: string, fontColor: string): number {
    const key = `${fill}|${fontColor}`;
    const known = this.dxfCache.get(key);
    if (known !== undefined) return known;
    const p = this.prefix;
    const index = this.add(
      "dxfs",
      `<${p}dxf><${p}font><${p}color rgb="FF${fontColor}"/></${p}font><${p}fill><${p}patternFill><${p}bgColor rgb="FF${fill}"/></${p}patternFill></${p}fill></${p}dxf>`,
    );
    this.dxfCache.set(key, index);
    return index;
  }

  toXml(): string {
    let xml = this.xml;
    const p = this.prefix;
    for (const name of ORDER) {
      const s = this.section(name);
      if (!s.touched) continue;
      const section = `<${p}${name} count="${s.items.length}">${s.items.join("")}</${p}${name}>`;
      if (s.raw) {
        xml = xml.replace(s.raw, () => section);
        continue;
      }
      // Insert before the first later section present, else before the closing tag.
      const later = ORDER.slice(ORDER.indexOf(name) + 1)
        .map((n) => this.section(n).raw)
        .find((raw) => raw !== null && xml.includes(raw));
      xml = later
        ? xml.replace(later, () => section + later)
        : xml.replace(
            new RegExp(`</${p}styleSheet>`),
            () => `${section}</${p}styleSheet>`,
          );
    }
    this.xml = xml;
    return xml;
  }
}

function splitItems(inner: string, p: string): string[] {
  // Direct children only: each child is a self-closing tag or a tag with its closing tag (no nesting of the same name).
  const items: string[] = [];
  const re = new RegExp(`<(${p}\\w+)\\b[^>]*?(?:/>|>[\\s\\S]*?</\\1>)`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner))) items.push(m[0]);
  return items;
}
