// The memo as a Word document, with the `docx` package. A thin adapter: every word and figure
// comes from the core's Memo; this file only lays it out as the seed's tjänsteskrivelse does.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type {
  Memo,
  MemoParagraph,
  MemoSection,
  MemoTable,
} from "../core/case/memo";
import { largest } from "../core/lists";
import { shownFileName } from "../core/reading/values";

const NUMBERED = "decision";
const BULLETS = "list";
// A4 with 2.5 cm margins leaves 16 cm: the label column takes what the figures leave.
const TEXT_WIDTH = 9070; // twentieths of a point
const THIN = { style: BorderStyle.SINGLE, size: 4, color: "999999" } as const;
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN } as const;

/**
 * Digit groups kept on one line with a full no-break space, the width of the seed's own space
 * ("1 109 649" never breaks after "1"): the engine's narrow one looks cramped in Times.
 */
const keepGroups = (text: string) =>
  text.replace(/(\d)[ \u202f](?=\d{3}(?!\d))/g, "$1\u00a0");

function heading(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    spacing: { before: level === 1 ? 360 : 240, after: 120 },
    // A heading stays on the page of the table or list it introduces.
    keepNext: true,
    text,
  });
}

/** A paragraph of the memo; what the official is to write is marked (italic, highlighted). */
function paragraph(p: MemoParagraph, list = false): Paragraph {
  return new Paragraph({
    spacing: { after: 120 },
    ...(list ? { numbering: { reference: BULLETS, level: 0 } } : {}),
    children: [
      new TextRun({
        text: keepGroups(p.text),
        ...(p.placeholder ? { italics: true, highlight: "yellow" } : {}),
      }),
    ],
  });
}

function section(s: MemoSection): Paragraph[] {
  return [
    heading(s.heading, 1),
    ...s.paragraphs.map((p) => paragraph(p, s.list ?? false)),
  ];
}

function cell(
  text: string,
  opts: { right?: boolean; bold?: boolean; width: number; keepNext?: boolean },
): TableCell {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    borders: BORDERS,
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // Each row keeps with the next: a table of a page or less stays on one page.
        keepNext: opts.keepNext ?? false,
        children: [
          new TextRun({ text: keepGroups(text), bold: opts.bold ?? false }),
        ],
      }),
    ],
  });
}

/**
 * Column widths from the content: each figure column as wide as its longest text (a word is never
 * broken), the first column takes the rest of the line.
 */
function widthsOf(
  rows: readonly (readonly string[])[],
  total: number,
): number[] {
  const n = rows[0]?.length ?? 0;
  // About 110 twips a character at 11 pt, and room for the cell's margins.
  const fit = (col: number) =>
    largest(rows.map((r) => (r[col] ?? "").length)) * 110 + 240;
  const others = Array.from({ length: n - 1 }, (_, i) => fit(i + 1));
  const first = Math.max(2000, total - others.reduce((a, b) => a + b, 0));
  const scale = Math.min(
    1,
    (total - first) /
      Math.max(
        1,
        others.reduce((a, b) => a + b, 0),
      ),
  );
  return [first, ...others.map((w) => Math.floor(w * scale))];
}

function table(t: MemoTable): Table {
  const widths = widthsOf(
    [t.header, ...t.rows.map((r) => r.cells)],
    TEXT_WIDTH,
  );
  const last = t.rows.length - 1;
  const row = (
    cells: readonly string[],
    bold: boolean,
    keepNext: boolean,
    header = false,
  ) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c, i) =>
        cell(c, { right: i > 0, bold, width: widths[i]!, keepNext }),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      row(t.header, true, true, true),
      ...t.rows.map((r, i) => row(r.cells, r.total ?? false, i < last)),
    ],
  });
}

function findingsTable(memo: Memo): Table {
  // "Allvarlighet" and the codes' sheet names whole; the message takes the rest.
  const widths = [1900, 1500, 1500, 700, TEXT_WIDTH - 5600];
  const row = (cells: readonly string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map((c, i) => cell(c, { bold, width: widths[i]! })),
    });
  const sv = memo.lang === "sv";
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      row(
        sv
          ? ["Fil", "Allvarlighet", "Blad", "Cell", "Meddelande"]
          : ["File", "Severity", "Sheet", "Cell", "Message"],
        true,
      ),
      ...memo.appendix.map((f) =>
        row(
          [
            shownFileName(f.file),
            memo.severity[f.severity],
            f.sheet ?? "",
            f.cell ?? "",
            f.message,
          ],
          false,
        ),
      ),
    ],
  });
}

/** A remark under a table, in italics. */
function note(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 120 },
    children: [new TextRun({ text, italics: true })],
  });
}

/**
 * Characters XML 1.0 cannot carry: C0 controls but tab and line ends, U+FFFE, U+FFFF, and half of
 * a surrogate pair. A label or name from a workbook may hold them (Excel writes them _x0001_,
 * _xFFFE_), and one in document.xml makes Word refuse the whole memo.
 */
const NOT_IN_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The memo's every text without what a Word document cannot hold. */
function xmlSafe<T>(value: T): T {
  if (typeof value === "string") return value.replace(NOT_IN_XML, "") as T;
  if (Array.isArray(value)) return (value as unknown[]).map(xmlSafe) as T;
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        xmlSafe(v),
      ]),
    ) as T;
  return value;
}

/** The memo as a .docx file's bytes. */
export async function memoDocx(text: Memo): Promise<Uint8Array> {
  const memo = xmlSafe(text);
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: memo.title, size: 36 })],
    }),
    ...memo.facts.map((f) => new Paragraph({ text: f })),
    ...section(memo.summary),
    heading(memo.decisionHeading, 1),
    new Paragraph({ text: memo.decisionIntro }),
    ...memo.decision.map(
      (point) =>
        new Paragraph({
          numbering: { reference: NUMBERED, level: 0 },
          spacing: { after: 120 },
          children: [new TextRun(keepGroups(point))],
        }),
    ),
  ];
  for (const s of memo.basis) body.push(...section(s));
  body.push(heading(memo.caseHeading, 1));
  body.push(...memo.caseIntro.map((p) => paragraph(p)));
  for (const t of memo.tables) {
    body.push(heading(t.title, 2));
    body.push(...t.intro.map((p) => paragraph(p)));
    body.push(table(t));
    if (t.note) body.push(note(t.note));
    if (t.kind === "period")
      for (const text of memo.notes) body.push(note(text));
  }
  for (const s of memo.assessment) body.push(...section(s));
  body.push(heading(memo.findingsHeading, 1));
  body.push(
    memo.appendix.length === 0
      ? new Paragraph({ text: memo.noFindings })
      : findingsTable(memo),
  );
  if (memo.appendixNote) body.push(note(memo.appendixNote));
  const doc = new Document({
    creator: "iop-budget",
    title: memo.title,
    styles: {
      default: {
        document: {
          run: {
            font: "Calibri",
            size: 22,
            language: { value: memo.lang === "sv" ? "sv-SE" : "en-GB" },
          },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: "%1.",
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 425, hanging: 425 } } },
            },
          ],
        },
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: "\u2022",
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 425, hanging: 283 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: memo.header, size: 18 })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 18,
                    children: [
                      `${memo.page} `,
                      PageNumber.CURRENT,
                      ` ${memo.of} `,
                      PageNumber.TOTAL_PAGES,
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
