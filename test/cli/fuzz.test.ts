// A fuzz test that stays: the sample workbooks mutated at random (their zip structure, their XML,
// their numbers and names; fast-check), each mutant checked and computed by the built command as a
// whole process. Whatever the mutant, the answer is exit 0, 1 or 2, no stack trace, within a memory
// budget and a hang detector's time, and the input file unchanged. On a failure fast-check prints
// the seed and the path; FUZZ_SEED=<seed> runs that sequence again.

import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { runMeasured } from "../helpers/measured";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { tempDir } from "../helpers/temp";

const ROOT = join(__dirname, "..", "..");
const dir = tempDir("iop-fuzz-");
const SAMPLES = [
  "jamlik-halsa-budget-2025-26.xlsx",
  "jamlik-halsa-rapport-2024.xlsx",
].map((f) => readFileSync(join(ROOT, "samples", f)));

/** One change to a workbook's XML parts. */
type XmlMutation =
  | { kind: "number"; at: number; value: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "rename"; at: number; name: string };

/** One change to the zip file's bytes. */
type ZipMutation =
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; mask: number }
  | { kind: "u32"; fromEnd: number; value: number };

const texts = fc.constantFrom(
  "<!-- x -->",
  "<![CDATA[<row>]]>",
  "</row>",
  '<row r="2000000000">',
  "&amp;",
  "&bogus;",
  "_x001B_[31m",
  "\u202e",
  " r='A1'",
  '<c r="XFE1"><v>1</v></c>',
  "<",
  '"',
  "1e308",
  "-0",
  "\u0000",
);
const numbers = fc.oneof(
  fc.constantFrom(
    "1e308",
    "-1e308",
    "NaN",
    "Infinity",
    "-0",
    "0.1",
    "9007199254740993",
    "1e-320",
    "",
    "12,5",
    "275 %",
  ),
  fc.double().map(String),
  fc.integer().map(String),
);
const xmlMutation: fc.Arbitrary<XmlMutation> = fc.oneof(
  fc.record({
    kind: fc.constant("number" as const),
    at: fc.nat(),
    value: numbers,
  }),
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 200 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: texts,
  }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({
    kind: fc.constant("rename" as const),
    at: fc.nat(),
    name: fc.constantFrom(
      "Uppgifter",
      "Beslut",
      "Halvår 2 2025",
      "IOP-scenarier",
      "",
      "x".repeat(40),
    ),
  }),
);
const zipMutation: fc.Arbitrary<ZipMutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("flip" as const),
    at: fc.nat(),
    mask: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({
    kind: fc.constant("u32" as const),
    fromEnd: fc.integer({ min: 4, max: 400 }),
    value: fc.constantFrom(0, 1, 0xffff, 0xffffffff, 0x7fffffff, 1 << 30),
  }),
);

function mutateXml(
  bytes: Uint8Array,
  part: number,
  m: XmlMutation,
): Uint8Array {
  const parts = unzipSync(bytes);
  const names = Object.keys(parts).filter(
    (n) => n.endsWith(".xml") || n.endsWith(".rels"),
  );
  const name = names[part % names.length]!;
  let xml = strFromU8(parts[name]!);
  const at = m.at % Math.max(1, xml.length);
  switch (m.kind) {
    case "number": {
      const found = /<v>[^<]*<\/v>|="\d+"/g;
      const all = [...xml.matchAll(found)];
      const hit = all.length ? all[m.at % all.length]! : null;
      if (hit)
        xml =
          xml.slice(0, hit.index) +
          (hit[0].startsWith("<v>") ? `<v>${m.value}</v>` : `="${m.value}"`) +
          xml.slice(hit.index + hit[0].length);
      break;
    }
    case "delete":
      xml = xml.slice(0, at) + xml.slice(at + m.length);
      break;
    case "insert":
      xml = xml.slice(0, at) + m.text + xml.slice(at);
      break;
    case "duplicate":
      xml =
        xml.slice(0, at + m.length) +
        xml.slice(at, at + m.length) +
        xml.slice(at + m.length);
      break;
    case "rename":
      xml = xml.replace(/name="[^"]*"/, () => `name="${m.name}"`);
      break;
  }
  parts[name] = strToU8(xml);
  return zipSync(parts);
}

function mutateZip(bytes: Uint8Array, m: ZipMutation): Uint8Array {
  const out = Uint8Array.from(bytes);
  switch (m.kind) {
    case "truncate":
      return out.subarray(0, m.at % out.length);
    case "flip":
      out[m.at % out.length]! ^= m.mask;
      return out;
    case "u32": {
      // Near the end: the central directory's sizes, offsets and counts.
      const at = Math.max(0, out.length - m.fromEnd);
      new DataView(out.buffer).setUint32(
        Math.min(at, out.length - 4),
        m.value,
        true,
      );
      return out;
    }
  }
}

const mutant = fc
  .record({
    sample: fc.nat({ max: SAMPLES.length - 1 }),
    xml: fc.array(fc.tuple(fc.nat(), xmlMutation), { maxLength: 3 }),
    zip: fc.option(zipMutation, { freq: 3 }),
  })
  .map(({ sample, xml, zip }) => {
    let bytes: Uint8Array = SAMPLES[sample]!;
    for (const [part, m] of xml) bytes = mutateXml(bytes, part, m);
    return zip ? mutateZip(bytes, zip) : bytes;
  });

function run(args: string[]): {
  code: number | null;
  all: string;
  peakMb: number;
} {
  const r = runMeasured(args, { timeout: 30_000 });
  return { code: r.code, all: r.stdout + r.stderr, peakMb: r.peakMb };
}

test("mutated sample workbooks: exit 0, 1 or 2, no stack trace, within 400 MB, the input unchanged (property)", () => {
  const seed = process.env.FUZZ_SEED
    ? Number(process.env.FUZZ_SEED)
    : undefined;
  fc.assert(
    fc.property(mutant, (bytes) => {
      const input = join(dir, "mutant.xlsx");
      const out = join(dir, "mutant-out.xlsx");
      rmSync(out, { force: true });
      writeFileSync(input, bytes);
      for (const args of [
        ["check", input, "--json"],
        ["compute", input, "--out", out],
      ]) {
        const r = run(args);
        expect([0, 1, 2]).toContain(r.code);
        expect(r.all).not.toMatch(
          /\n\s+at |FATAL ERROR|internt fel|internal error|undefined|\[object/,
        );
        expect(r.peakMb).toBeLessThan(400);
      }
      expect(Buffer.from(readFileSync(input)).equals(Buffer.from(bytes))).toBe(
        true,
      );
    }),
    {
      numRuns: Number(process.env.FUZZ_RUNS ?? 40),
      ...(seed === undefined ? {} : { seed }),
    },
  );
});
