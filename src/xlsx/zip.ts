// The directory of a zip package, its parts inflated one at a time when asked for, and a writer
// that copies unchanged parts as they are. fflate's unzipSync/zipSync inflate and deflate every part
// at once, in JavaScript: on a large workbook that is the whole unpacked workbook in memory (twice,
// when writing) and, in Node, several times the time of the native zlib. Here a part is inflated
// only when read and deflated only when changed, by the codec the adapter passes in (fflate in the
// browser, zlib in the command line). Stored and deflated parts, ZIP64 sizes and offsets.

import { Inflate as InflateStream, deflateSync, strFromU8 } from "fflate";

/**
 * Raw DEFLATE data → its bytes; `size` is what the directory says they come to. It must never
 * make more than `size` bytes: data that inflates to more is refused (throws) as soon as it does,
 * so that a part whose directory lies about its size cannot fill the memory.
 */
export type Inflate = (data: Uint8Array, size: number) => Uint8Array;
/** Bytes → raw DEFLATE data. */
export type Deflate = (data: Uint8Array) => Uint8Array;

/** fflate's inflater fed 16 KB at a time: at most ~16 MB (DEFLATE's ratio) made past `size`. */
export const inflateWithFflate: Inflate = (data, size) => {
  const out = new Uint8Array(size);
  let at = 0;
  const stream = new InflateStream((chunk) => {
    if (at + chunk.length > size)
      throw new ZipError("inflates to more than its stated size");
    out.set(chunk, at);
    at += chunk.length;
  });
  const STEP = 1 << 14;
  if (data.length === 0) stream.push(data, true);
  for (let i = 0; i < data.length; i += STEP)
    stream.push(data.subarray(i, i + STEP), i + STEP >= data.length);
  return at === size ? out : out.subarray(0, at);
};

export const deflateWithFflate: Deflate = (data) =>
  deflateSync(data, { level: 6 });

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as zip uses it) of bytes. */
export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++)
    c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * What went wrong, for whoever words it: a limit reached (the package is too large), a file cut
 * short, a part whose bytes fail their CRC-32, or a part or directory that cannot be read.
 */
export type ZipFault = "too-large" | "truncated" | "checksum" | "unreadable";

export class ZipError extends Error {
  /** A limit was reached, rather than the package being damaged. */
  readonly tooLarge: boolean;

  constructor(
    message: string,
    readonly fault: ZipFault = "unreadable",
    /** Which limit, when one was reached: one part's size, or every part's together. */
    readonly limit?: "part" | "unpacked",
  ) {
    super(message);
    this.name = "ZipError";
    this.tooLarge = fault === "too-large";
  }
}

/** What reading may cost: one part inflated, and every part inflated by this package together. */
export interface ZipLimits {
  readonly maxPartBytes: number;
  readonly maxTotalBytes: number;
}

export const NO_ZIP_LIMITS: ZipLimits = {
  maxPartBytes: Number.MAX_SAFE_INTEGER,
  maxTotalBytes: Number.MAX_SAFE_INTEGER,
};

export interface ZipOptions {
  readonly limits?: ZipLimits;
  /** CRC-32 of bytes (Node's zlib.crc32 in the command line: native, and several times faster). */
  readonly crc32?: (data: Uint8Array) => number;
}

export interface ZipEntry {
  readonly name: string;
  /** The name was written as UTF-8 (bit 11); else it is read as Latin-1, byte for byte. */
  readonly utf8Name: boolean;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  readonly size: number;
  readonly headerOffset: number;
  readonly crc: number;
  /** MS-DOS time and date of the part, as the directory has them. */
  readonly time: number;
  readonly date: number;
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
  private readonly limits: ZipLimits;
  private readonly crc: (data: Uint8Array) => number;
  /** Bytes inflated so far, every part counted each time it is read. */
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly inflate: Inflate = inflateWithFflate,
    options: ZipOptions = {},
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.limits = options.limits ?? NO_ZIP_LIMITS;
    this.crc = options.crc32 ?? crc32;
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
    if (eocd < 0)
      throw new ZipError(
        n >= 4 && this.u32(0) === LOCAL
          ? "the file is cut short: the end of its zip directory is missing"
          : "no end of central directory",
        n >= 4 && this.u32(0) === LOCAL ? "truncated" : "unreadable",
      );
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
          if (size === MAX32) {
            size = this.u64(y);
            y += 8;
          }
          if (compressedSize === MAX32) {
            compressedSize = this.u64(y);
            y += 8;
          }
          if (headerOffset === MAX32) headerOffset = this.u64(y);
        }
        x += 4 + length;
      }
      entries.set(name, {
        name,
        utf8Name: (flags & 0x800) !== 0,
        method: this.u16(at + 10),
        encrypted: (flags & 1) !== 0,
        compressedSize,
        size,
        headerOffset,
        crc: this.u32(at + 16),
        time: this.u16(at + 12),
        date: this.u16(at + 14),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }

  /** The part's data as stored (compressed, when it is); throws ZipError when it cannot be had. */
  raw(entry: ZipEntry): Uint8Array {
    const at = entry.headerOffset;
    if (at + 30 > this.bytes.length || this.u32(at) !== LOCAL)
      throw new ZipError(`broken local header of ${entry.name}`);
    const start = at + 30 + this.u16(at + 26) + this.u16(at + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length)
      throw new ZipError(
        `${entry.name} runs past the end of the file`,
        "truncated",
      );
    return this.bytes.subarray(start, end);
  }

  /**
   * The part's bytes, checked against the directory's size and CRC-32; throws ZipError when they
   * cannot be had, are damaged, or would pass the limits (checked before anything is inflated,
   * and enforced while inflating).
   */
  read(entry: ZipEntry): Uint8Array {
    const data = this.raw(entry);
    if (entry.encrypted) throw new ZipError(`${entry.name} is encrypted`);
    if (entry.size > this.limits.maxPartBytes)
      throw new ZipError(
        `${entry.name} unpacks to ${entry.size} bytes, more than ${this.limits.maxPartBytes}`,
        "too-large",
        "part",
      );
    if (this.inflated + entry.size > this.limits.maxTotalBytes)
      throw new ZipError(
        `the parts read unpack to more than ${this.limits.maxTotalBytes} bytes`,
        "too-large",
        "unpacked",
      );
    this.inflated += entry.size;
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
    if (this.crc(out) !== entry.crc)
      throw new ZipError(
        `${entry.name} fails its checksum (CRC-32)`,
        "checksum",
      );
    return out;
  }
}

/** A part's content as it goes in the file: deflated, or stored when that is no smaller. */
export interface PackedPart {
  readonly method: 0 | 8;
  readonly data: Uint8Array;
  readonly crc: number;
  readonly size: number;
}

/** A part to write: its data as it goes in the file (compressed by `method`), and what describes it. */
export interface ZipPart extends PackedPart {
  readonly name: string;
  readonly time: number;
  readonly date: number;
}

/**
 * Packing begun elsewhere (another thread, while this one goes on): the packed part, waited for
 * when asked for; null when the codec would rather the part were packed here (a small one).
 */
export type PackLater = (content: Uint8Array) => (() => PackedPart) | null;

/** Content packed here and now. */
export function packPart(
  content: Uint8Array,
  deflate: Deflate,
  crc: (data: Uint8Array) => number = crc32,
): PackedPart {
  const packed = deflate(content);
  const stored = packed.length >= content.length;
  return {
    method: stored ? 0 : 8,
    data: stored ? content : packed,
    crc: crc(content),
    size: content.length,
  };
}

/** A part copied from a package as it is: no inflating, no deflating. */
export function keptPart(zip: ZipPackage, entry: ZipEntry): ZipPart {
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipError(`${entry.name} uses compression method ${entry.method}`);
  return {
    name: entry.name,
    method: entry.method,
    data: zip.raw(entry),
    crc: entry.crc,
    size: entry.size,
    time: entry.time,
    date: entry.date,
  };
}

/** A zip file of the parts, in order (no data descriptors, no ZIP64: a workbook stays far below 4 GB). */
export function writeZip(parts: readonly ZipPart[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = parts.map((p) => encoder.encode(p.name));
  let size = 22;
  parts.forEach(
    (p, i) => (size += 30 + 46 + 2 * names[i]!.length + p.data.length),
  );
  if (size > MAX32 || parts.length >= MAX16)
    throw new ZipError("the package is too large to write");
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  const header = (
    signature: number,
    p: ZipPart,
    name: Uint8Array,
    central: boolean,
  ) => {
    view.setUint32(at, signature, true);
    let x = at + 4;
    if (central) view.setUint16((x += 2) - 2, 20, true); // version made by
    view.setUint16(x, 20, true); // version needed
    // Bit 11: the name is UTF-8 (only when it is not plain ASCII).
    view.setUint16(x + 2, name.length !== p.name.length ? 0x800 : 0, true);
    view.setUint16(x + 4, p.method, true);
    view.setUint16(x + 6, p.time, true);
    view.setUint16(x + 8, p.date, true);
    view.setUint32(x + 10, p.crc, true);
    view.setUint32(x + 14, p.data.length, true);
    view.setUint32(x + 18, p.size, true);
    view.setUint16(x + 22, name.length, true);
    // What follows stays zero: extra length; in the directory also comment, disk and attributes.
    return central ? at + 46 : at + 30;
  };
  parts.forEach((p, i) => {
    offsets.push(at);
    const name = names[i]!;
    at = header(LOCAL, p, name, false);
    out.set(name, at);
    out.set(p.data, (at += name.length));
    at += p.data.length;
  });
  const directory = at;
  parts.forEach((p, i) => {
    const name = names[i]!;
    const nameAt = header(CENTRAL, p, name, true);
    view.setUint32(nameAt - 4, offsets[i]!, true);
    out.set(name, nameAt);
    at = nameAt + name.length;
  });
  view.setUint32(at, EOCD, true);
  view.setUint16(at + 8, parts.length, true);
  view.setUint16(at + 10, parts.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}
