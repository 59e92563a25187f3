// Draws the add-in's icons (assets/icon-N.png in every size Office uses for ribbon buttons, and 128 for listings):
// a green tile with three white budget bars. PNG encoded by hand with Node's zlib: no image tool needed.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function icon(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const radius = size * 0.18;
  const bars = [0.45, 0.7, 0.55];
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const i = y * (size * 4 + 1) + 1 + x * 4;
      // Rounded tile in Malmö-ish green (#0B7A3E).
      const dx = Math.max(radius - x - 0.5, x + 0.5 - (size - radius), 0);
      const dy = Math.max(radius - y - 0.5, y + 0.5 - (size - radius), 0);
      const inside = dx * dx + dy * dy <= radius * radius;
      let [r, g, b, a] = inside ? [0x0b, 0x7a, 0x3e, 255] : [0, 0, 0, 0];
      const u = x / size;
      const v = y / size;
      bars.forEach((h, k) => {
        const left = 0.2 + k * 0.22;
        if (inside && u >= left && u < left + 0.15 && v >= 0.82 - h && v < 0.82)
          [r, g, b, a] = [255, 255, 255, 255];
      });
      raw[i] = r;
      raw[i + 1] = g;
      raw[i + 2] = b;
      raw[i + 3] = a;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const assets = join(__dirname, "..", "..", "assets");
// Every size Office takes for ribbon buttons (16, 32, 80 required; 20, 24, 40, 48, 64 for high DPI), and 128 for listings.
for (const size of [16, 20, 24, 32, 40, 48, 64, 80, 128])
  writeFileSync(join(assets, `icon-${size}.png`), icon(size));
process.stdout.write(`Wrote icons to ${assets}\n`);
