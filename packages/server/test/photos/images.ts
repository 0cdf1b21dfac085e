/** The sample photo and images generated with sharp for the photo tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp, { type Color, type Sharp } from 'sharp';

// Compiled to packages/server/dist/test/photos/: five levels up is the repository's root.
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/** 2400×1600 stored, Orientation 6, GPS, SampleCam S2, 50mm f/1.8 (see its README). */
export function samplePhoto(): Buffer {
  return readFileSync(`${repoRoot}../shared/fixtures/photos/sample-gps.jpg`);
}

export function solid(
  width: number,
  height: number,
  background: Color = '#c04020',
  channels: 3 | 4 = 3,
): Sharp {
  return sharp({ create: { width, height, channels, background } });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A decompression bomb's header: a small valid PNG whose IHDR is rewritten to declare
 * `width`×`height` (CRC fixed), so only the header is plausible.
 */
export async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await solid(8, 8).png().toBuffer());
  // Signature (8), IHDR length (4) and type (4), then width and height.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}
