// The directory of a zip package, and its parts inflated one at a time, when asked for.
// fflate's unzipSync inflates every part at once, in JavaScript: on a large workbook that is the
// whole unpacked workbook in memory and, in Node, several times the time of the native zlib. Here a
// part is inflated only when read, by the inflater the adapter passes in (fflate in the browser,
// zlib in the command line). Stored and deflated parts, ZIP64 sizes and offsets; nothing else.

import { inflateSync, strFromU8 } from "fflate";

/** Raw DEFLATE data → its bytes; `size` is what the directory says they come to. */
export type Inflate = (data: Uint8Array, size: number) => Uint8Array;

export const inflateWithFflate: Inflate = (data, size) =>
  inflateSync(data, { out: new Uint8Array(size) });

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipError";
  }
}

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  readonly size: number;
  readonly headerOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

export class ZipPackage {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly inflate: Inflate = inflateWithFflate,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.entries = this.readDirectory();
  }

  private u16(at: number): number {
    return this.view.getUint16(at, true);
  }

  private u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  private u64(at: number): number {
    return this.u32(at) + this.u32(at + 4) * 0x1_0000_0000;
  }

  private readDirectory(): Map<string, ZipEntry> {
    const n = this.bytes.length;
    let eocd = -1;
    // The end record is 22 bytes and may be followed by a comment of up to 65 535 bytes.
    for (let at = n - 22; at >= Math.max(0, n - 22 - MAX16); at--)
      if (this.u32(at) === EOCD) {
        eocd = at;
        break;
      }
    if (eocd < 0) throw new ZipError("no end of central directory");
    let count = this.u16(eocd + 10);
    let offset = this.u32(eocd + 16);
    if (
      (count === MAX16 || offset === MAX32) &&
      eocd >= 20 &&
      this.u32(eocd - 20) === EOCD64_LOCATOR
    ) {
      const at = this.u64(eocd - 12);
      if (at + 56 > n || this.u32(at) !== EOCD64)
        throw new ZipError("broken ZIP64 end record");
      count = this.u64(at + 32);
      offset = this.u64(at + 48);
    }
    const entries = new Map<string, ZipEntry>();
    let at = offset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > n || this.u32(at) !== CENTRAL)
        throw new ZipError("broken central directory");
      const flags = this.u16(at + 8);
      const nameLength = this.u16(at + 28);
      const extraLength = this.u16(at + 30);
      const commentLength = this.u16(at + 32);
      let compressedSize = this.u32(at + 20);
      let size = this.u32(at + 24);
      let headerOffset = this.u32(at + 42);
      const nameBytes = this.bytes.subarray(at + 46, at + 46 + nameLength);
      // Bit 11: the name is UTF-8; otherwise code page 437, read as Latin-1 (part names are ASCII).
      const name = strFromU8(nameBytes, (flags & 0x800) === 0);
      // ZIP64: the extra field holds, in this order, each size or offset the record left at its maximum.
      for (let x = at + 46 + nameLength, end = x + extraLength; x + 4 <= end;) {
        const id = this.u16(x);
        const length = this.u16(x + 2);
        if (id === 0x0001) {
          let y = x + 4;
          if (size === MAX32) ((size = this.u64(y)), (y += 8));
          if (compressedSize === MAX32)
            ((compressedSize = this.u64(y)), (y += 8));
          if (headerOffset === MAX32) headerOffset = this.u64(y);
        }
        x += 4 + length;
      }
      entries.set(name, {
        name,
        method: this.u16(at + 10),
        encrypted: (flags & 1) !== 0,
        compressedSize,
        size,
        headerOffset,
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }

  /** The part's bytes; throws ZipError when they cannot be had. */
  read(entry: ZipEntry): Uint8Array {
    const at = entry.headerOffset;
    if (at + 30 > this.bytes.length || this.u32(at) !== LOCAL)
      throw new ZipError(`broken local header of ${entry.name}`);
    const start = at + 30 + this.u16(at + 26) + this.u16(at + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length)
      throw new ZipError(`${entry.name} runs past the end of the file`);
    if (entry.encrypted) throw new ZipError(`${entry.name} is encrypted`);
    const data = this.bytes.subarray(start, end);
    let out: Uint8Array;
    if (entry.method === 0) out = data;
    else if (entry.method === 8) {
      try {
        out = this.inflate(data, entry.size);
      } catch (e) {
        throw new ZipError(
          `${entry.name} cannot be inflated (${(e as Error).message})`,
        );
      }
    } else
      throw new ZipError(
        `${entry.name} uses compression method ${entry.method}`,
      );
    if (out.length !== entry.size)
      throw new ZipError(
        `${entry.name} is ${out.length} bytes, not ${entry.size}`,
      );
    return out;
  }
}
