// OLE compound files (MS-CFB, version 3, 512-byte sectors) as Office writes them around an
// encrypted .xlsx or a legacy .xls, made here to hold the reader to what their directories say.
// Every stream is kept in regular sectors (each at least the mini stream's cutoff, 4 096 bytes), the
// directory first or after the streams, where writers often put it.

export interface CompoundEntry {
  readonly name: string;
  /** A storage (a folder of streams) or a stream of `size` bytes. */
  readonly storage?: boolean;
  readonly size?: number;
}

const SECTOR = 512;
const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;
const NO_STREAM = 0xffffffff;

export function compoundFile(
  entries: readonly CompoundEntry[],
  options: { directoryLast?: boolean } = {},
): Uint8Array {
  const streams = entries.map((e) =>
    e.storage ? 0 : Math.ceil(Math.max(e.size ?? 4096, 4096) / SECTOR),
  );
  const dirSectors = Math.ceil(((entries.length + 1) * 128) / SECTOR);
  const data = dirSectors + streams.reduce((a, b) => a + b, 0);
  let fatSectors = 1;
  while (fatSectors * (SECTOR / 4) < fatSectors + data) fatSectors++;
  if (fatSectors > 109) throw new Error("a DIFAT chain is not made here");
  const total = fatSectors + data;
  const fat = new Uint32Array((fatSectors * SECTOR) / 4).fill(FREE);
  for (let i = 0; i < fatSectors; i++) fat[i] = FAT_SECTOR;
  let next = fatSectors;
  const run = (count: number): number => {
    const first = next;
    for (let i = 0; i < count; i++) fat[next + i] = next + i + 1;
    fat[next + count - 1] = END_OF_CHAIN;
    next += count;
    return first;
  };
  const dirFirst = options.directoryLast ? -1 : run(dirSectors);
  const starts = streams.map((n) => (n === 0 ? END_OF_CHAIN : run(n)));
  const directory = dirFirst >= 0 ? dirFirst : run(dirSectors);

  const bytes = new Uint8Array(SECTOR * (total + 1));
  const view = new DataView(bytes.buffer);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(0x18, 0x3e, true);
  view.setUint16(0x1a, 3, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, fatSectors, true);
  view.setUint32(0x30, directory, true);
  view.setUint32(0x38, 4096, true);
  view.setUint32(0x3c, END_OF_CHAIN, true);
  view.setUint32(0x44, END_OF_CHAIN, true);
  for (let i = 0; i < 109; i++)
    view.setUint32(0x4c + i * 4, i < fatSectors ? i : FREE, true);
  for (let i = 0; i < fat.length; i++)
    view.setUint32(SECTOR + i * 4, fat[i]!, true);

  const entryAt = (i: number) => SECTOR * (directory + 1) + i * 128;
  const write = (
    i: number,
    name: string,
    type: number,
    start: number,
    size: number,
  ) => {
    const at = entryAt(i);
    for (let c = 0; c < name.length; c++)
      view.setUint16(at + c * 2, name.charCodeAt(c), true);
    view.setUint16(at + 0x40, (name.length + 1) * 2, true);
    bytes[at + 0x42] = type;
    bytes[at + 0x43] = 1; // black
    view.setUint32(at + 0x44, NO_STREAM, true);
    // Every entry the right sibling of the one before it: a tree of one branch.
    view.setUint32(
      at + 0x48,
      i > 0 && i < entries.length ? i + 1 : NO_STREAM,
      true,
    );
    view.setUint32(
      at + 0x4c,
      i === 0 && entries.length > 0 ? 1 : NO_STREAM,
      true,
    );
    view.setUint32(at + 0x74, start, true);
    view.setUint32(at + 0x78, size, true);
  };
  write(0, "Root Entry", 5, END_OF_CHAIN, 0);
  entries.forEach((e, i) =>
    e.storage
      ? write(i + 1, e.name, 1, 0, 0)
      : write(i + 1, e.name, 2, starts[i]!, Math.max(e.size ?? 4096, 4096)),
  );
  for (let i = entries.length + 1; i < (dirSectors * SECTOR) / 128; i++)
    for (const o of [0x44, 0x48, 0x4c])
      view.setUint32(entryAt(i) + o, NO_STREAM, true);
  return bytes;
}
