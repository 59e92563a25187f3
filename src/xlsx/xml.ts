// Element events with local names (prefixes such as "x:" dropped) and attributes as a record,
// for the small parts: relationships, the workbook, styles, OpenDocument content.

import { scanXml } from "./scan";

export interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Parses a whole document; throws on malformed XML (the caller decides what that means). */
export function parseXml(xml: string, handlers: XmlHandlers): void {
  const { open, close, text } = handlers;
  scanXml(xml, {
    wantsText: text !== undefined,
    open: (name, attributes) => open?.(name, attributes.toRecord()),
    close: (name) => close?.(name),
    text: (t) => text?.(t),
  });
}

/** Excel escapes control characters in strings as _xHHHH_. */
export function unescapeOoxml(text: string): string {
  return text.indexOf("_x") < 0
    ? text
    : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
}
