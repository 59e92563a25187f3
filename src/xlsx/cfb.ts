// The names in an OLE compound file's directory (MS-CFB §2), to tell what the file is: an .xlsx
// encrypted with a password, one protected by a sensitivity label (rights management), a legacy
// .xls, or none of these (a Word .doc named .xlsx). The directory may lie anywhere in the file (a
// writer often puts it after the streams), so it is found through the file's own chains. Bounded:
// a chain is followed at most once around (one that loops ends where it repeats), and nothing but
// the header, the FAT and the directory is read.

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Sector numbers from here up end a chain (MAXREGSECT + 1 and the special values). */
const END = 0xfffffffb;
const ENTRY_BYTES = 128;

/** Whether the bytes begin as a compound file does. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return (
    bytes.length >= SIGNATURE.length &&
    SIGNATURE.every((b, i) => bytes[i] === b)
  );
}

/** A chain's sectors, in order, from `first`; it ends at an end mark, a repeat or the file's end. */
function chain(
  first: number,
  next: (sector: number) => number | null,
  sectors: number,
): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (let s = first; s < END && s < sectors && !seen.has(s);) {
    seen.add(s);
    out.push(s);
    const n = next(s);
    if (n === null) break;
    s = n;
  }
  return out;
}

/** The FAT's sectors: the header's 109, then those of the DIFAT chain. */
function fatSectors(
  view: DataView,
  size: number,
  sectors: number,
  at: (sector: number) => number,
): number[] {
  const fat: number[] = [];
  for (let i = 0; i < 109; i++) fat.push(view.getUint32(0x4c + i * 4, true));
  const perDifat = size / 4 - 1;
  // Each DIFAT sector's last entry is the next DIFAT sector.
  const difat = chain(
    view.getUint32(0x44, true),
    (s) => view.getUint32(at(s) + perDifat * 4, true),
    sectors,
  );
  for (const s of difat)
    for (let i = 0; i < perDifat; i++)
      fat.push(view.getUint32(at(s) + i * 4, true));
  return fat.filter((s) => s < END && s < sectors);
}

/** The names of the directory's entries, or null when the file has no directory to walk. */
export function compoundFileNames(bytes: Uint8Array): Set<string> | null {
  if (!isCompoundFile(bytes) || bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  // Sector n starts after the header's sector; only whole sectors are read.
  const sectors = Math.floor(bytes.length / size) - 1;
  const at = (sector: number) => (sector + 1) * size;
  const fat = fatSectors(view, size, sectors, at);
  const perFat = size / 4;
  const next = (sector: number): number | null => {
    const f = fat[Math.floor(sector / perFat)];
    return f === undefined
      ? null
      : view.getUint32(at(f) + (sector % perFat) * 4, true);
  };
  const names = new Set<string>();
  const decoder = new TextDecoder("utf-16le");
  for (const s of chain(view.getUint32(0x30, true), next, sectors))
    for (let e = at(s); e < at(s) + size; e += ENTRY_BYTES) {
      const length = view.getUint16(e + 0x40, true);
      const type = bytes[e + 0x42];
      // A storage (1), a stream (2) or the root (5), its name's length counting its final NUL.
      if (
        (type === 1 || type === 2 || type === 5) &&
        length >= 2 &&
        length <= 64
      )
        names.add(decoder.decode(bytes.subarray(e, e + length - 2)));
    }
  return names.size > 0 ? names : null;
}
