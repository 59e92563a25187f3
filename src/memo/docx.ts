// The memo as a Word document, with the `docx` package. A thin adapter: every word and figure
// comes from the core's Memo; this file only lays it out as the seed's tjänsteskrivelse does.

import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Memo, MemoTable } from "../core/case/memo";

const NUMBERED = "decision";
// A4 with 2.5 cm margins leaves 16 cm: the label column takes what the figures leave.
const TEXT_WIDTH = 9070; // twentieths of a point
const THIN = { style: BorderStyle.SINGLE, size: 4, color: "999999" } as const;
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN } as const;

/** Digit groups kept on one line: "1 109 649" never breaks after "1". */
const keepGroups = (text: string) =>
  text.replace(/(\d) (?=\d{3}(?!\d))/g, "$1\u00a0");

function heading(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    spacing: { before: level === 1 ? 360 : 240, after: 120 },
    // A heading stays on the page of the table or list it introduces.
    keepNext: true,
    text,
  });
}

function cell(
  text: string,
  opts: { right?: boolean; bold?: boolean; width: number },
): TableCell {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    borders: BORDERS,
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [
          new TextRun({ text: keepGroups(text), bold: opts.bold ?? false }),
        ],
      }),
    ],
  });
}

function table(t: MemoTable): Table {
  const n = t.header.length;
  const figure = 1600;
  const widths = [
    TEXT_WIDTH - figure * (n - 1),
    ...new Array<number>(n - 1).fill(figure),
  ];
  const row = (cells: readonly string[], bold: boolean, header = false) =>
    new TableRow({
      tableHeader: header,
      children: cells.map((c, i) =>
        cell(c, { right: i > 0, bold, width: widths[i]! }),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      row(t.header, true, true),
      ...t.rows.map((r) => row(r.cells, r.total ?? false)),
    ],
  });
}

function findingsTable(memo: Memo): Table {
  const widths = [1900, 1100, 1500, 700, TEXT_WIDTH - 5200];
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
      ...memo.findings.map((f) =>
        row(
          [
            f.file.replace(/^.*[\\/]/, ""),
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

/** The memo as a .docx file's bytes. */
export async function memoDocx(memo: Memo): Promise<Uint8Array> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: memo.title, size: 36 })],
    }),
    ...memo.facts.map((f) => new Paragraph({ text: f })),
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
  for (const t of memo.tables) {
    body.push(heading(t.title, 2));
    body.push(table(t));
    if (t.kind === "period")
      for (const note of memo.notes)
        body.push(
          new Paragraph({
            spacing: { before: 120 },
            children: [new TextRun({ text: note, italics: true })],
          }),
        );
  }
  body.push(heading(memo.findingsHeading, 1));
  body.push(
    memo.findings.length === 0
      ? new Paragraph({ text: memo.noFindings })
      : findingsTable(memo),
  );
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
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
