/**
 * The photos the suite works on: 24-megapixel JPEGs (6000×4000) of blurred noise, which
 * compress like a detailed camera file (~9–10 MB at quality 92), and 25 MB uploads that sniff as
 * JPEG. Made with sharp once and kept under bench/results/photo-fixtures/ (git-ignored):
 * making one takes ~10–20 s on 2 cores.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const FIXTURE_DIR = fileURLToPath(new URL('../../../results/photo-fixtures/', import.meta.url));

/** Distinct camera-sized originals; every measure that renders cycles through them. */
export const DISTINCT_PHOTOS = 3;

/** Bumped when the recipe changes, so that a kept file is never of an older recipe. */
const RECIPE = 'v2-6000x4000-gauss40-blur0.8-q92';

async function makeCameraJpeg(seed: number): Promise<Buffer> {
  // sharp draws the noise afresh each time, so every seed is a different photo; a tint (tried)
  // smooths chroma and brought the files under 7 MB.
  return sharp({
    create: {
      width: 6000,
      height: 4000,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .blur(0.8)
    .withExif({ IFD0: { Make: 'Bench', Model: `Camera ${seed}`, Orientation: '1' } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** The camera-sized originals, made on first use and read from disk after. */
export async function cameraJpegs(
  log: (line: string) => void,
): Promise<{ bytes: Buffer[]; paths: string[] }> {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  const out: Buffer[] = [];
  const paths: string[] = [];
  for (let seed = 0; seed < DISTINCT_PHOTOS; seed++) {
    const path = `${FIXTURE_DIR}${RECIPE}-${seed}.jpg`;
    if (!existsSync(path)) {
      log(`making 24-megapixel JPEG ${seed + 1}/${DISTINCT_PHOTOS} (kept in ${FIXTURE_DIR})`);
      writeFileSync(path, await makeCameraJpeg(seed));
    }
    out.push(readFileSync(path));
    paths.push(path);
  }
  return { bytes: out, paths };
}

/** A real, small JPEG: what a padded upload starts with, so that the server sniffs a JPEG. */
export function smallJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#5a7d9a' } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/**
 * An upload of `size` bytes: the small JPEG, then filler after its end-of-image marker
 * (decoders stop at EOI; the server keeps the original byte for byte). The filler is seeded
 * noise, so disks and sockets cannot compress it; `variant` changes its first bytes so every
 * upload is a distinct blob (content-addressed stores would otherwise write a repeat once).
 */
export class PaddedJpeg {
  private readonly bytes: Buffer;

  constructor(head: Buffer, size: number) {
    if (size < head.length + 64)
      throw new Error(`a padded upload needs at least ${head.length + 64} bytes`);
    this.bytes = Buffer.alloc(size);
    head.copy(this.bytes, 0);
    let block = createHash('sha256').update('proofsheet-bench').digest();
    for (let at = head.length; at < size; at += block.length) {
      block.copy(this.bytes, at, 0, Math.min(block.length, size - at));
      block = createHash('sha256').update(block).digest();
    }
    this.headLength = head.length;
  }

  private readonly headLength: number;

  /** The upload numbered `variant`; the buffer is reused, so send it before asking for the next. */
  variant(variant: number): Buffer {
    this.bytes.writeUInt32BE(variant >>> 0, this.headLength);
    return this.bytes;
  }

  get size(): number {
    return this.bytes.length;
  }

  /** The SHA-256 of upload `variant`, as the server will name its blob. */
  sha256(variant: number): string {
    return createHash('sha256').update(this.variant(variant)).digest('hex');
  }
}
