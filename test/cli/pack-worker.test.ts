// Deflating on a worker thread: the same parts as packed here, small parts left here, and a worker
// that fails or has been closed costs nothing but time (its parts are packed here).
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { packOnWorker } from "../../src/cli/pack-worker";
import { type PackedPart, packPart } from "../../src/xlsx/zip";
import { applyPlan } from "../../src/xlsx/write";
import { planOf } from "../helpers/compute";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const deflate = (d: Uint8Array) => deflateRawSync(d, { level: 6 });

/** Content of `size` bytes that deflates (XML-like, not random). */
function content(size: number, seed: number): Uint8Array {
  const text = Array.from(
    { length: Math.ceil(size / 20) },
    (_, i) => `<c r="A${i + seed}"><v>${(i * 7919 + seed) % 100003}</v></c>`,
  ).join("");
  const bytes = new TextEncoder().encode(text.slice(0, size));
  expect(bytes.length).toBe(size);
  return bytes;
}

/** The same part: method, CRC, size and bytes. */
function same(a: PackedPart, b: PackedPart): boolean {
  return (
    a.method === b.method &&
    a.crc === b.crc &&
    a.size === b.size &&
    Buffer.from(a.data).equals(Buffer.from(b.data))
  );
}

function inflated(p: PackedPart): Uint8Array {
  return p.method === 0 ? p.data : inflateRawSync(p.data);
}

/** A packer whose parts packed here (not on the worker) are counted. */
function countingPacker(
  level: number,
  sizes: { min: number; max: number },
): ReturnType<typeof packOnWorker> & { readonly packedHere: number } {
  let packedHere = 0;
  const packer = packOnWorker(level, sizes, (c) => {
    packedHere++;
    return packPart(c, deflate);
  });
  return {
    ...packer,
    get packedHere() {
      return packedHere;
    },
  };
}

describe("parts deflated on a worker thread", () => {
  test("large parts are packed on the worker exactly as here; small and very large ones are left here", () => {
    const here: Uint8Array[] = [];
    const packer = packOnWorker(6, { min: 10_000, max: 2_000_000 }, (c) => {
      here.push(c);
      return packPart(c, deflate);
    });
    try {
      expect(packer.packLater(content(9_999, 1))).toBeNull();
      expect(packer.packLater(content(2_000_001, 1))).toBeNull();
      // The first large part is packed here: one is not worth starting a thread for.
      expect(packer.packLater(content(10_000, 9))).toBeNull();
      expect(packer.started(0)).toBe(false);
      const parts = [300_000, 10_000, 2_000_000].map((n, i) => content(n, i));
      const expected = parts.map((c) => packPart(c.slice(), deflate));
      const later = parts.map((c) => packer.packLater(c));
      expect(packer.started(60_000)).toBe(true);
      // Taken in another order than sent: each answer is the part's own.
      for (const i of [2, 0, 1]) {
        const packed = later[i]!();
        expect(same(packed, expected[i]!)).toBe(true);
        expect(
          Buffer.from(inflated(packed)).equals(Buffer.from(parts[i]!)),
        ).toBe(true);
      }
      expect(here).toHaveLength(0);
    } finally {
      packer.close();
    }
  });

  test("a worker that fails to deflate leaves its parts to be packed here", () => {
    // Level 42 does not exist: zlib throws on the worker.
    const packer = countingPacker(42, { min: 1, max: 1e9 });
    try {
      const part = content(50_000, 3);
      expect(packer.packLater(part)).toBeNull();
      const later = packer.packLater(part)!;
      expect(packer.started(60_000)).toBe(true);
      const packed = later();
      expect(packer.packedHere).toBe(1);
      expect(same(packed, packPart(part, deflate))).toBe(true);
    } finally {
      packer.close();
    }
  });

  test("a part asked for before the worker has started is packed here, not waited for", () => {
    const packer = countingPacker(6, { min: 1, max: 1e9 });
    try {
      const part = content(50_000, 5);
      expect(packer.packLater(part)).toBeNull();
      // Asked for at once: the thread cannot have started its script yet.
      const packed = packer.packLater(part)!();
      expect(same(packed, packPart(part, deflate))).toBe(true);
      expect(packer.packedHere).toBe(1);
      // Once it runs, the next part is the worker's (and its late answer for the other is let go).
      expect(packer.started(60_000)).toBe(true);
      const next = packer.packLater(part)!;
      expect(same(next(), packPart(part, deflate))).toBe(true);
      expect(packer.packedHere).toBe(1);
    } finally {
      packer.close();
    }
  });

  test("a part the worker answered before it was closed is its answer when asked for after", () => {
    const packer = countingPacker(6, { min: 1, max: 1e9 });
    const [a, b] = [content(60_000, 6), content(60_000, 7)];
    expect(packer.packLater(a)).toBeNull();
    const laterA = packer.packLater(a)!;
    const laterB = packer.packLater(b)!;
    expect(packer.started(60_000)).toBe(true);
    // The worker answers in order: once b's answer is in, a's was received with it.
    expect(same(laterB(), packPart(b, deflate))).toBe(true);
    packer.close();
    expect(same(laterA(), packPart(a, deflate))).toBe(true);
    expect(packer.packedHere).toBe(0);
  });

  test("a part asked for after the worker is closed is packed here", () => {
    const packer = countingPacker(6, { min: 1, max: 1e9 });
    const part = content(50_000, 4);
    expect(packer.packLater(part)).toBeNull();
    const later = packer.packLater(part)!;
    packer.close();
    expect(same(later(), packPart(part, deflate))).toBe(true);
    expect(packer.packedHere).toBe(1);
    // And every part after that, without a worker.
    expect(packer.packLater(part)).toBeNull();
  });

  test("a computed workbook is the same whether its sheets were deflated on the worker or here", () => {
    const bytes = readFileSync(
      join(__dirname, "..", "fixtures", "samples", "budget-2025-26.xlsx"),
    );
    const plan = planOf(bytes);
    const codec = {
      inflate: (d: Uint8Array, size: number) =>
        inflateRawSync(d, { maxOutputLength: Math.max(size, 1) }),
      deflate,
    };
    const packer = countingPacker(6, { min: 2_000, max: 1e9 });
    let sentToWorker = 0;
    try {
      const onWorker = applyPlan(bytes, plan, {
        ...codec,
        packLater: (c) => {
          const later = packer.packLater(c);
          // Its thread running before the package is put together, so that the parts are its.
          if (later) expect(packer.started(60_000)).toBe(true);
          if (later) sentToWorker++;
          return later;
        },
      });
      // The sheets but the first, and the decision sheet; the package's small parts stay here, and
      // none of those sent came back to be packed here.
      expect(sentToWorker).toBeGreaterThanOrEqual(3);
      expect(packer.packedHere).toBe(0);
      expect(
        Buffer.from(onWorker).equals(
          Buffer.from(applyPlan(bytes, plan, codec)),
        ),
      ).toBe(true);
    } finally {
      packer.close();
    }
  });
});
