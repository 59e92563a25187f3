// The XML scanner against saxes, a conformant parser: the same events for well-formed documents
// (generated, and every part of every workbook in the fixtures), and an error where saxes has one.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import {
  ChunkScanner,
  type ScanHandler,
  scanXml,
  scanXmlPieces,
} from "../../src/xlsx/scan";
import { readXlsxByScanner, readXlsxLazily } from "../../src/xlsx/read";
import { rowPieces, walkedRowPieces } from "../../src/xlsx/pieces";
import { packageOfSheet } from "../helpers/workbook";

type Event = string;
const local = (name: string) => name.slice(name.indexOf(":") + 1);

/** Events as text: "<name a=v …>", "</name>", "'text'" (adjacent text merged); up to the root's end. */
function viaSaxes(xml: string): Event[] {
  const events: Event[] = [];
  const parser = new SaxesParser();
  const errors: Error[] = [];
  let depth = 0;
  let done = false;
  const text = (t: string) => {
    if (done || depth === 0) return;
    const last = events[events.length - 1];
    if (last?.startsWith("'"))
      events[events.length - 1] = `${last.slice(0, -1)}${t}'`;
    else events.push(`'${t}'`);
  };
  parser.on("error", (e) => {
    if (!done) errors.push(e);
  });
  parser.on("opentag", (tag) => {
    if (done) return;
    depth++;
    // By local name, the last one winning ("x:r" and "r" on one element), as parseXml hands them on.
    const record: Record<string, string> = {};
    for (const [k, v] of Object.entries(
      tag.attributes as Record<string, string>,
    ))
      if (k !== "xmlns" && !k.startsWith("xmlns:")) record[local(k)] = v;
    const attrs = Object.entries(record).map(
      ([k, v]) => `${k}=${JSON.stringify(v)}`,
    );
    events.push(`<${local(tag.name)}${attrs.map((a) => ` ${a}`).join("")}>`);
  });
  parser.on("closetag", (tag) => {
    if (done) return;
    events.push(`</${local(tag.name)}>`);
    if (--depth === 0) done = true;
  });
  parser.on("text", text);
  parser.on("cdata", text);
  parser.write(xml).close();
  if (errors[0]) throw errors[0];
  return events;
}

/** A handler that records events as text, as viaSaxes does (text merged). */
function recorder(events: Event[]): ScanHandler {
  return {
    wantsText: true,
    open(name, a) {
      events.push(
        `<${name}${Object.entries(a.toRecord())
          .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`)
          .join("")}>`,
      );
    },
    close(name) {
      events.push(`</${name}>`);
    },
    text(t) {
      const last = events[events.length - 1];
      if (last?.startsWith("'"))
        events[events.length - 1] = `${last.slice(0, -1)}${t}'`;
      else events.push(`'${t}'`);
    },
  };
}

function viaScanner(xml: string): Event[] {
  const events: Event[] = [];
  scanXml(xml, recorder(events));
  return events;
}

const outcome = (f: () => Event[]) => {
  try {
    return { events: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

// Documents built from pieces that real spreadsheet parts use, and the awkward corners of XML.
const name = fc.constantFrom(
  "c",
  "row",
  "v",
  "x:c",
  "sheetData",
  "t",
  "a_b",
  "é",
  "table:table-cell",
);
const attrName = fc.constantFrom(
  "r",
  "s",
  "t",
  "x:r",
  "office:value",
  "ref",
  "xml:space",
);
const textPiece = fc.constantFrom(
  "12",
  " ",
  "a&amp;b",
  "&lt;&gt;",
  "&#65;&#x42;",
  "Lön",
  "x\r\ny",
  "\t",
  "&quot;&apos;",
  "]]",
  "_x000D_",
);
const text = fc.array(textPiece, { maxLength: 3 }).map((p) => p.join(""));
const attrValue = fc
  .array(
    fc.constantFrom("A1", "1", " ", "&amp;", ">", "'", "&#10;", "\t", "x:y"),
    { maxLength: 3 },
  )
  .map((p) => p.join(""));
const space = fc.constantFrom(" ", "  ", "\n", "\t ");

const element: fc.Memo<string> = fc.memo((depth) =>
  fc
    .record({
      name,
      attrs: fc.uniqueArray(
        fc.tuple(attrName, attrValue, fc.boolean(), space),
        { maxLength: 3, selector: ([n]) => n },
      ),
      body:
        depth > 1
          ? fc.array(
              fc.oneof(
                text,
                element(depth - 1),
                text.map((t) => `<![CDATA[${t.replace(/]]/g, "")}<&]]>`),
                fc.constant("<!-- a -- -->".replace(" -- ", " ")),
                fc.constant("<?pi x?>"),
              ),
              { maxLength: 4 },
            )
          : fc.constant([]),
      empty: fc.boolean(),
      closeSpace: fc.constantFrom("", " "),
    })
    .map(({ name: n, attrs, body, empty, closeSpace }) => {
      const a = attrs
        .map(([k, v, single, sp]) =>
          single
            ? `${sp}${k}='${v.replace(/'/g, "&apos;")}'`
            : `${sp}${k}="${v.replace(/"/g, "&quot;")}"`,
        )
        .join("");
      return empty && body.length === 0
        ? `<${n}${a}/>`
        : `<${n}${a}>${body.join("")}</${n}${closeSpace}>`;
    }),
);
const document = fc
  .tuple(
    fc.boolean(),
    element(4),
    fc.constantFrom("", "\n", "\n<!-- after -->"),
  )
  .map(
    ([declaration, root, tail]) =>
      `${declaration ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : ""}${root}${tail}`,
  );

describe("the XML scanner reads as saxes does", () => {
  test("generated well-formed documents: the same elements, attributes and text (property)", () => {
    fc.assert(
      fc.property(document, (xml) => {
        expect(viaScanner(xml)).toEqual(viaSaxes(xml));
      }),
      { numRuns: 500 },
    );
  });

  test.each([
    ["text before the root", "foo\n<a/>"],
    ["an unclosed element", "<a><b></a>"],
    ["a close tag that does not match", "<r><a></b></r>"],
    ["the end of the document inside an element", "<a><b/>"],
    ["an unquoted attribute value", "<a b=1/>"],
    ["an attribute without a value", "<a b/>"],
    ["< inside an attribute value", '<a b="<"/>'],
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["an unterminated entity", "<a>&amp</a>"],
    ["an unterminated comment", "<a><!-- x</a>"],
    ["an unterminated CDATA section", "<a><![CDATA[x</a>"],
    ["no root element", "<?xml version='1.0'?>"],
    ["a tag that never ends", '<a b="1"'],
    ["a name starting with a digit", "<1a/>"],
    ["a character reference to nothing", "<a>&#0;</a>"],
  ])("%s is an error in both", (_, xml) => {
    expect(outcome(() => viaSaxes(xml)).error).toBeDefined();
    expect(outcome(() => viaScanner(xml)).error).toMatch(/^\d+:\d+: /);
  });

  test("an unknown entity is named so, never with the word undefined (it reaches the person's finding)", () => {
    expect(outcome(() => viaScanner("<a>&bogus;</a>")).error).toBe(
      '1:4: unknown entity "bogus".',
    );
  });

  test("junk after the root element is not read (real files carry it), in both", () => {
    const xml = "<a>1</a>\n<junk";
    expect(viaScanner(xml)).toEqual(["<a>", "'1'", "</a>"]);
    expect(viaSaxes(xml)).toEqual(viaScanner(xml));
  });

  const fixtures = join(__dirname, "..", "fixtures");
  const workbooks = ["corpus", "samples"].flatMap((dir) =>
    readdirSync(join(fixtures, dir))
      .filter((f) => /\.(xlsx|ods)$/.test(f))
      .map((f) => join(dir, f)),
  );
  test.each(workbooks)(
    "every XML part of %s: the same events, or an error in both",
    (file) => {
      let parts: Record<string, Uint8Array>;
      try {
        parts = unzipSync(readFileSync(join(fixtures, file)), {
          filter: (f) => /\.(xml|rels)$/i.test(f.name),
        });
      } catch {
        return; // not a zip package: the reader's file errors cover it
      }
      for (const [path, bytes] of Object.entries(parts)) {
        const xml = strFromU8(bytes);
        const saxes = outcome(() => viaSaxes(xml));
        const scanner = outcome(() => viaScanner(xml));
        if (saxes.error)
          expect({ path, error: scanner.error !== undefined }).toEqual({
            path,
            error: true,
          });
        else
          expect({ path, events: scanner.events }).toEqual({
            path,
            events: saxes.events,
          });
      }
    },
  );

  test("a document given in pieces cut after end tags: the same events as whole (property)", () => {
    fc.assert(
      fc.property(
        document,
        fc.array(fc.nat(), { maxLength: 6 }),
        (xml, picks) => {
          const ends = [...xml.matchAll(/<\/[^>]+>/g)].map(
            (m) => m.index + m[0].length,
          );
          const cuts = [
            ...new Set(
              picks
                .map((p) => ends[p % Math.max(1, ends.length)]!)
                .filter((c) => c !== undefined),
            ),
          ].sort((a, b) => a - b);
          const pieces = [0, ...cuts]
            .map((from, k) => xml.slice(from, cuts[k] ?? xml.length))
            .filter((p) => p !== "");
          const events: Event[] = [];
          scanXmlPieces(pieces, recorder(events));
          expect(events).toEqual(viaScanner(xml));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The events of a document given in chunks cut at `cuts` (positions, any order). */
function viaChunks(xml: string, cuts: number[]): Event[] {
  const at = [...new Set(cuts.map((c) => c % (xml.length + 1)))].sort(
    (a, b) => a - b,
  );
  const chunks = [0, ...at].map((from, k) =>
    xml.slice(from, at[k] ?? xml.length),
  );
  const events: Event[] = [];
  const scanner = new ChunkScanner(recorder(events));
  scanner.scanAll(chunks);
  return events;
}

describe("a document in chunks cut anywhere (the shared strings, decoded a window at a time)", () => {
  // Constructs that run on over many chunks, and the characters a cut must not split.
  const awkward = fc.constantFrom(
    "<!-- a <b> - -> ]]> ?> -->",
    "<!---->",
    "<?pi <x> ? > -->?>",
    "<![CDATA[ <a> ] ]] ]>\r\n\r-->]]>",
    "<![CDATA[]]>",
    "<x:t a='>' b=\"'\"\t\n/>",
    "<t>&#x10FFFF;&amp;&#65;\r\n\r</t>",
    '<t xml:space="preserve">  </t  >',
  );
  const documents = fc
    .tuple(
      document,
      fc.array(awkward, { maxLength: 3 }),
      fc.array(awkward, { maxLength: 3 }),
    )
    .map(([xml, before, after]) => {
      // The generated document's root, wrapped with them on either side.
      const declaration = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
      return `${xml.slice(0, declaration)}<w>${before.join("")}${xml.slice(declaration).replace(/\n(<!-- after -->)?$/, "")}${after.join("")}</w>`;
    });

  test("the same events as the document whole, wherever it is cut (property)", () => {
    fc.assert(
      fc.property(
        documents,
        fc.array(fc.nat(), { maxLength: 40 }),
        (xml, cuts) => {
          expect(viaChunks(xml, cuts)).toEqual(viaScanner(xml));
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("cut at every character: the same events", () => {
    const xml =
      '<?xml version="1.0"?>\n<sst><si><t>Lön &amp; OH\r\n</t></si><!-- x --><si><r><t xml:space="preserve"> a </t></r><rPh><t>ロン</t></rPh></si><si><t><![CDATA[<&>]]>&#x1F600;</t></si></sst>';
    const every = Array.from(xml, (_, k) => k);
    expect(viaChunks(xml, every)).toEqual(viaScanner(xml));
  });

  test.each([
    ["text before the root", "foo\n<a/>"],
    ["an unclosed element", "<a><b></a>"],
    ["a close tag that does not match", "<r><a></b></r>"],
    ["the end of the document inside an element", "<a><b/>"],
    ["an unquoted attribute value", "<a b=1/>"],
    ["< inside an attribute value", '<a b="<"/>'],
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["an unterminated entity", "<a>&amp</a>"],
    ["an unterminated entity at the end", "<a>&amp"],
    ["an unterminated comment", "<a><!-- x</a>"],
    ["an unterminated CDATA section", "<a><![CDATA[x</a>"],
    ["an unterminated processing instruction", "<a><?x </a>"],
    ["CDATA outside the root", "<![CDATA[x]]><a/>"],
    ["an invalid declaration", "<a><!x></a>"],
    ["no root element", "<?xml version='1.0'?>"],
    ["a tag that never ends", '<a b="1"'],
    ["a document that ends in <", "<a><"],
  ])("%s is an error wherever it is cut", (_, xml) => {
    expect(outcome(() => viaScanner(xml)).error).toBeDefined();
    for (let k = 0; k <= xml.length; k++)
      for (const step of [1, 2, 3])
        expect({
          k,
          step,
          error: outcome(() =>
            viaChunks(
              xml,
              Array.from({ length: xml.length }, (_, c) => k + c * step),
            ),
          ).error,
        }).toEqual({ k, step, error: expect.stringMatching(/^\d+:\d+: /) });
  });

  test("a comment of 20 MB in chunks of 64 KB: read, and no chunk is held", () => {
    const comment = `<!--${"x".repeat(20 << 20)}-->`;
    const xml = `<sst><si><t>a</t></si>${comment}<si><t>b</t></si></sst>`;
    const cuts = Array.from(
      { length: Math.ceil(xml.length / 65536) },
      (_, k) => k * 65536,
    );
    const held: number[] = [];
    const events: string[] = [];
    const scanner = new ChunkScanner({
      wantsText: true,
      open: () => {},
      close: () => {},
      text: (t) => events.push(t),
    });
    for (const [k, from] of cuts.entries()) {
      scanner.scan(xml.slice(from, cuts[k + 1] ?? xml.length));
      // What the scanner keeps between chunks: the last chunk at most (the attributes point into it), never the comment.
      held.push(JSON.stringify(scanner).length);
    }
    scanner.end();
    expect(events).toEqual(["a", "b"]);
    expect(Math.max(...held)).toBeLessThan(2 * 65536);
  });
});

describe("an attribute by its local name", () => {
  /** What the handler's lookups give on the root's attributes. */
  function lookups(xml: string) {
    let found: unknown;
    scanXml(xml, {
      wantsText: false,
      open(_name, a) {
        found ??= {
          r: a.find("r"),
          t: a.find("t"),
          spans: a.find("spans"),
          rValue: a.get("r"),
          local: Array.from({ length: a.length }, (_, k) => a.localStart(k)),
        };
      },
      close() {},
      text() {},
    });
    return found;
  }

  test("the first with that local name, prefixed or not; never a namespace declaration or a longer name", () => {
    const xml = `<c xmlns:r="urn:r" rr="1" x:r="B2" r="A1" t="s" xmlns="urn:x"/>`;
    expect(lookups(xml)).toEqual({
      r: 2,
      t: 4,
      spans: -1,
      rValue: "B2",
      // xmlns:r is a declaration; x:r's local name starts after its colon; xmlns (no colon) is a name.
      local: [-1, 19, 28, 35, 42, 48],
    });
    expect(lookups(`<row x:spans="1:2" spans="3:4"/>`)).toMatchObject({
      spans: 0,
    });
  });
});

describe("a large sheet read a few rows at a time", () => {
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rows = (from: number, to: number) =>
    Array.from(
      { length: to - from },
      (_, k) =>
        `<row r="${from + k + 1}"><c r="A${from + k + 1}"><v>${from + k}</v></c><c r="B${from + k + 1}" t="inlineStr"><is><t>Rad ${from + k}</t></is></c></row>`,
    ).join("");
  const sheet = (middle: string) =>
    `<worksheet xmlns="${ns}"><sheetData>${rows(0, 1200)}${middle}${rows(1200, 3000)}</sheetData></worksheet>`;
  // Lazily, as `check` reads: the pieces path (readXlsxByScanner reads a sheet whole).
  const cells = (xml: string) =>
    [...readXlsxLazily(packageOfSheet(xml)).sheets][0]!;

  test("reads every row, across many pieces", () => {
    const g = cells(sheet(""));
    expect(g.unreadable).toBeUndefined();
    expect(g.rows.length).toBe(3000);
    expect(g.rows[2999]![1]).toEqual({ t: "s", v: "Rad 2999" });
  });

  test("a piece cut inside a comment that holds </row> is read again in pieces the walk cut, with the same cells", () => {
    // The comment spans the first window's end (65 536 characters), with </row> inside it.
    const before = sheet("").indexOf("<row", 60_000);
    expect(before).toBeGreaterThan(0);
    const pad = "x".repeat(70_000);
    const withComment = sheet(`<!-- ${pad.slice(0, 10)} </row> ${pad} -->`);
    const g = cells(withComment);
    expect(g.unreadable).toBeUndefined();
    expect(g.rows).toEqual(cells(sheet("")).rows);
    expect(g.rows).toEqual(
      readXlsxByScanner(packageOfSheet(withComment)).sheets[0]!.rows,
    );
  });

  test("pieces cut in the bytes read as the whole sheet: a prefix, characters of two to four bytes on the windows' edges, a byte order mark", () => {
    // Each row holds characters of 2, 3 and 4 bytes; shifting the rows by 0 to 5 bytes puts the
    // 64 KB windows' edges at every kind of place: inside a character, inside "</x-1.p:row>".
    for (let shift = 0; shift < 6; shift++) {
      const p = "x-1.p:";
      const rowsOf = (from: number, to: number) =>
        Array.from(
          { length: to - from },
          (_, k) =>
            `<${p}row r="${from + k + 1}"><${p}c r="A${from + k + 1}"><${p}v>${from + k}</${p}v></${p}c><${p}c r="B${from + k + 1}" t="inlineStr"><${p}is><${p}t>Rad ${from + k} åäö €uro 😀 ${"é".repeat(k % 7)}</${p}t></${p}is></${p}c></${p}row>`,
        ).join("");
      const xml = `\ufeff<${p}worksheet xmlns:x-1.p="${ns}"><${p}sheetData>${"\u00e9".repeat(shift)}${rowsOf(0, 2500)}</${p}sheetData></${p}worksheet>`;
      // The pieces themselves: many, each but the last ending right after a row, together the text.
      const pieces = [...rowPieces(new TextEncoder().encode(xml))];
      expect(pieces.length).toBeGreaterThan(5);
      for (const piece of pieces.slice(0, -1))
        expect(piece.endsWith(`</${p}row>`)).toBe(true);
      expect(pieces.join("")).toBe(xml.slice(1));
      const lazy = cells(xml);
      expect(lazy.unreadable).toBeUndefined();
      expect(lazy.rows.length).toBe(2500);
      expect(lazy.rows[2499]![1]).toEqual({
        t: "s",
        v: `Rad 2499 åäö €uro 😀 ${"é".repeat(2499 % 7)}`,
      });
      expect(lazy.rows).toEqual(
        readXlsxByScanner(packageOfSheet(xml)).sheets[0]!.rows,
      );
    }
  });

  test("a stretch of more than a window without a row's end is walked to the next one: its comments and processing instructions left out, the declaration and CDATA kept, the same cells", () => {
    const long = `<!-- ${"<x> ".repeat(30_000)} --><?pi ${"y".repeat(70_000)}?>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${sheet(long)}`;
    const pieces = [...rowPieces(new TextEncoder().encode(xml))];
    expect(pieces.join("")).toBe(xml.replace(long, ""));
    expect(pieces[0]!.startsWith("<?xml")).toBe(true);
    expect(cells(xml).rows).toEqual(cells(sheet("")).rows);
    // A row of 80 KB whose texts are CDATA holding "<!-- a -->": text, not comments.
    const text = "<!-- a --> ".repeat(2500);
    const cdataRow = `<row r="1201">${["B", "C", "D"].map((c) => `<c r="${c}1201" t="inlineStr"><is><t><![CDATA[${text}]]></t></is></c>`).join("")}</row>`;
    const withCdata = `<worksheet xmlns="${ns}"><sheetData>${rows(0, 1200)}${cdataRow}${rows(1201, 3000)}</sheetData></worksheet>`;
    const g = cells(withCdata);
    expect(g.unreadable).toBeUndefined();
    expect(g.rows[1200]!.slice(1, 4)).toEqual([
      { t: "s", v: text },
      { t: "s", v: text },
      { t: "s", v: text },
    ]);
    expect(g.rows).toEqual(
      readXlsxByScanner(packageOfSheet(withCdata)).sheets[0]!.rows,
    );
  });

  test("a comment that never closes in a sheet past 16 MB: the pieces stop at its opening, and the sheet is unreadable, as the pieces found it", () => {
    const comment = `<!--${"x".repeat(17 << 20)}`;
    const xml = sheet(comment);
    const bytes = new TextEncoder().encode(xml);
    for (const pieces of [rowPieces(bytes), walkedRowPieces(bytes)]) {
      const all = [...pieces];
      expect(all.join("")).toBe(xml.slice(0, xml.indexOf(comment) + 4));
      expect(Math.max(...all.map((p) => p.length))).toBeLessThan(1 << 17);
    }
    expect(cells(xml).unreadable).toMatch(
      /^invalid XML: \d+:\d+: unclosed comment\.$/,
    );
  });

  test("broken XML in a large sheet is still unreadable, worded as for the whole document", () => {
    const g = cells(sheet('<row r="1201"><c r="A1201"><v>1</c></row>'));
    expect(g.unreadable).toMatch(/^invalid XML: \d+:\d+: /);
  });
});
