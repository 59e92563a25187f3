// The zip directory reader: ZIP64 records, stored and deflated parts, broken packages; and the two
// inflaters (fflate in the browser, zlib in the command line) reading every fixture alike.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { unzipSync } from "fflate";
import {
  readXlsx,
  DEFAULT_LIMITS,
  WorkbookFileError,
} from "../../src/xlsx/read";
import {
  type Inflate,
  ZipError,
  ZipPackage,
  type ZipPart,
  crc32,
  inflateWithFflate,
  keptPart,
  packPart,
  writeZip,
} from "../../src/xlsx/zip";
import { applyPlan } from "../../src/xlsx/write";
import { analyze, planWrite } from "../../src/core";

const FIXTURES = join(__dirname, "..", "fixtures");
const native: Inflate = (data) => inflateRawSync(data);

/** A zip written by hand: each part stored or deflated; with zip64, every size and offset in ZIP64 records. */
function zipOf(
  parts: Record<string, Uint8Array>,
  options: { zip64: boolean; stored?: (name: string) => boolean },
): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(parts)) {
    const stored = options.stored?.(name) ?? false;
    const body = stored ? Buffer.from(data) : deflateRawSync(data);
    const nameBytes = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    chunks.push(local, nameBytes, body);
    const extra = Buffer.alloc(options.zip64 ? 28 : 0);
    if (options.zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(data.length), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(45, 4);
    entry.writeUInt16LE(45, 6);
    entry.writeUInt16LE(0x800, 8);
    entry.writeUInt16LE(stored ? 0 : 8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(options.zip64 ? 0xffffffff : body.length, 20);
    entry.writeUInt32LE(options.zip64 ? 0xffffffff : data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt16LE(extra.length, 30);
    entry.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42);
    central.push(entry, nameBytes, extra);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(central);
  const count = Object.keys(parts).length;
  const tail: Buffer[] = [];
  if (options.zip64) {
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeBigUInt64LE(BigInt(count), 24);
    end64.writeBigUInt64LE(BigInt(count), 32);
    end64.writeBigUInt64LE(BigInt(directory.length), 40);
    end64.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(end64, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...chunks, directory, ...tail, end]);
}

const sample = readFileSync(join(FIXTURES, "samples", "budget-2025-26.xlsx"));
const parts = unzipSync(sample);
const totals = (bytes: Uint8Array, inflate?: Inflate) =>
  analyze(readXlsx(bytes, DEFAULT_LIMITS, inflate)).computation.halfYears.map(
    (h) => h.budget,
  );

describe("zip packages", () => {
  test("the sample's half-year budgets, the seed's figures: what the repackaged files must give too", () => {
    expect(totals(sample).map((b) => b.total)).toEqual([
      110_964_900, 110_964_900,
    ]);
  });

  test.each([
    ["ZIP64 records, every part deflated", { zip64: true }],
    [
      "ZIP64 records, every other part stored",
      { zip64: true, stored: (n: string) => n.length % 2 === 0 },
    ],
    [
      "classic records, the sheets stored",
      { zip64: false, stored: (n: string) => n.includes("worksheets") },
    ],
  ])("%s: read as the original", (_, options) => {
    const bytes = zipOf(parts, options);
    expect(totals(bytes)).toEqual(totals(sample));
    expect(totals(bytes, native)).toEqual(totals(sample));
  });

  test("a part that does not inflate to its stated size is an error of that part, not of the reader", () => {
    const zip = new ZipPackage(
      zipOf({ "a.xml": new TextEncoder().encode("<a/>") }, { zip64: false }),
    );
    const entry = zip.entries.get("a.xml")!;
    expect(new TextDecoder().decode(zip.read(entry))).toBe("<a/>");
    expect(() => zip.read({ ...entry, size: entry.size + 1 })).toThrow(
      ZipError,
    );
    expect(() => zip.read({ ...entry, encrypted: true })).toThrow(/encrypted/);
    expect(() => zip.read({ ...entry, method: 14 })).toThrow(/method 14/);
    expect(() => zip.read({ ...entry, headerOffset: 7 })).toThrow(
      /local header/,
    );
  });

  test("a damaged sheet part: the file is damaged, and the error names the part", () => {
    const sheets = Object.keys(parts).filter(
      (p) => p.includes("worksheets/") && p.endsWith(".xml"),
    );
    const bytes = zipOf(parts, { zip64: false });
    // Corrupt the deflated data of the first sheet in place.
    const zip = new ZipPackage(bytes);
    const entry = zip.entries.get(sheets[0]!)!;
    const damaged = Uint8Array.from(bytes);
    const start = entry.headerOffset + 30 + entry.name.length;
    damaged.fill(0xff, start, start + Math.min(16, entry.compressedSize));
    const error = (() => {
      try {
        readXlsx(damaged);
      } catch (e) {
        return e as WorkbookFileError;
      }
      throw new Error("read");
    })();
    expect(error).toBeInstanceOf(WorkbookFileError);
    expect(error.code).toBe("CORRUPT");
    expect(error.damage).toEqual({ kind: "inflate", part: sheets[0] });
  });

  test("a part whose bytes do not match its CRC-32 is damage, named by its part", () => {
    const stored = zipOf(parts, { zip64: false, stored: () => true });
    const zip = new ZipPackage(stored);
    const entry = zip.entries.get("xl/workbook.xml")!;
    const flipped = Uint8Array.from(stored);
    const at = entry.headerOffset + 30 + entry.name.length + 40;
    flipped[at] = flipped[at]! ^ 0x01;
    expect(() => readXlsx(flipped)).toThrow(
      expect.objectContaining({
        code: "CORRUPT",
        damage: { kind: "checksum", part: "xl/workbook.xml" },
      }) as Error,
    );
  });

  test("data that inflates to more than its stated size is refused as soon as it does, by both inflaters", () => {
    const big = new Uint8Array(1 << 20).fill(0x41);
    const packed = deflateRawSync(big);
    for (const inflate of [
      inflateWithFflate,
      (d: Uint8Array, size: number) =>
        inflateRawSync(d, { maxOutputLength: size }),
    ])
      expect(() => inflate(packed, 1000)).toThrow();
    expect(inflateWithFflate(packed, big.length)).toEqual(big);
  });

  test("the limits refuse a part, and the sum of the parts read, before inflating them", () => {
    const zip = new ZipPackage(sample, inflateWithFflate, {
      limits: { maxPartBytes: 100, maxTotalBytes: 1e9 },
    });
    const large = [...zip.entries.values()].find((e) => e.size > 100)!;
    expect(() => zip.read(large)).toThrow(
      expect.objectContaining({ tooLarge: true }) as Error,
    );
    const total = new ZipPackage(sample, inflateWithFflate, {
      limits: { maxPartBytes: 1e9, maxTotalBytes: large.size + 10 },
    });
    total.read(large);
    expect(() => total.read(large)).toThrow(
      expect.objectContaining({ tooLarge: true }) as Error,
    );
  });

  test("no end record: a file cut short is damaged (truncated)", () => {
    expect(() => readXlsx(sample.subarray(0, sample.length - 30))).toThrow(
      expect.objectContaining({
        code: "CORRUPT",
        damage: { kind: "truncated" },
      }) as Error,
    );
  });

  const workbooks = readdirSync(join(FIXTURES, "corpus")).filter((f) =>
    f.endsWith(".xlsx"),
  );
  test.each(workbooks)(
    "%s: the browser's and the command line's inflater read the same",
    (file) => {
      const bytes = readFileSync(join(FIXTURES, "corpus", file));
      const read = (inflate: Inflate) => {
        try {
          return readXlsx(bytes, DEFAULT_LIMITS, inflate);
        } catch (e) {
          return (e as Error).message;
        }
      };
      expect(read(native)).toEqual(read(inflateWithFflate));
    },
  );
});

describe("zip writing", () => {
  test("CRC-32 of the check string is CBF43926 (ISO 3309)", () => {
    expect(crc32(new TextEncoder().encode("123456789")).toString(16)).toBe(
      "cbf43926",
    );
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  test("a written package reads back through another zip reader (fflate), every part equal", () => {
    const zip = new ZipPackage(sample);
    const parts: ZipPart[] = [...zip.entries.values()].map((e, i) =>
      i % 2 === 0
        ? keptPart(zip, e)
        : {
            name: e.name,
            time: 0,
            date: 0x21,
            ...packPart(zip.read(e), (d) => deflateRawSync(d)),
          },
    );
    parts.push({
      name: "xl/ny del ö.xml",
      time: 0,
      date: 0x21,
      ...packPart(new TextEncoder().encode("<a>å</a>"), (d) =>
        deflateRawSync(d),
      ),
    });
    const written = unzipSync(writeZip(parts));
    for (const e of zip.entries.values())
      expect(
        Buffer.from(written[e.name]!).equals(Buffer.from(zip.read(e))),
      ).toBe(true);
    expect(new TextDecoder().decode(written["xl/ny del ö.xml"])).toBe(
      "<a>å</a>",
    );
  });

  test("compute copies the parts it does not change as they were stored, byte for byte", () => {
    const plan = planWrite(readXlsx(sample), analyze(readXlsx(sample)), {
      at: "2026-11-30 12:00",
      version: "test",
      source: "sample",
    });
    const out = new ZipPackage(applyPlan(sample, plan));
    const before = new ZipPackage(sample);
    const unchanged = [...before.entries.values()].filter(
      (e) => e.name.includes("theme") || e.name.startsWith("docProps"),
    );
    expect(unchanged.length).toBeGreaterThan(0);
    for (const e of unchanged)
      expect(
        Buffer.from(out.raw(out.entries.get(e.name)!)).equals(
          Buffer.from(before.raw(e)),
        ),
      ).toBe(true);
  });
});
