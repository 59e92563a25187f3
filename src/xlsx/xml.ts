// A thin wrapper over saxes: element events with local names (prefixes such as "x:" dropped).

import { SaxesParser } from "saxes";

export interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** Parses a whole XML document; throws on malformed XML (the caller decides what that means). */
export function parseXml(xml: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser();
  let error: Error | null = null;
  let depth = 0;
  let rootClosed = false;
  // Junk after the root element (seen in real files) leaves the document itself intact.
  parser.on("error", (e) => {
    if (!rootClosed) error ??= e;
  });
  const { open, close, text } = handlers;
  parser.on("opentag", (tag) => {
    depth++;
    if (!open) return;
    // Prefixed names ("x:c", "r:id") are rare: only then is a new attribute object made.
    let attrs = tag.attributes as Record<string, string>;
    for (const k in attrs) {
      if (k.indexOf(":") >= 0) {
        const local: Record<string, string> = {};
        for (const key in attrs) local[localName(key)] = attrs[key]!;
        attrs = local;
        break;
      }
    }
    open(localName(tag.name), attrs);
  });
  parser.on("closetag", (tag) => {
    if (--depth === 0) rootClosed = true;
    close?.(localName(tag.name));
  });
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  parser.write(xml).close();
  if (error) throw error;
}

/** Excel escapes control characters in strings as _xHHHH_. */
export function unescapeOoxml(text: string): string {
  return text.indexOf("_x") < 0
    ? text
    : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
}
