import { createRequire } from 'node:module';
import zlib from 'node:zlib';

type Unsigned = (input: unknown, previous?: unknown) => number;

/** The `buffer-crc32` module as yazl requires it (its CommonJS copy, not the ESM one). */
function yazlsCrc32(): { unsigned: Unsigned } {
  const fromYazl = createRequire(createRequire(import.meta.url).resolve('yazl'));
  return fromYazl('buffer-crc32') as { unsigned: Unsigned };
}

/**
 * Points yazl's CRC-32 at Node's. yazl checksums every byte it stores through `buffer-crc32`,
 * a table-driven CRC in JavaScript: measured here at about 330 MB/s, it was seven in eight
 * parts of an archive's CPU time. `zlib.crc32` (native, Node 20.15 and later) computes the
 * same function several times faster. yazl calls `unsigned(chunk, previous)` on the module
 * object it required, so replacing that one property is enough; anything but a Buffer and a
 * numeric running CRC goes to the original, and on a Node without `zlib.crc32` nothing changes.
 * Returns whether yazl now uses zlib's.
 */
export function useNativeCrc32(): boolean {
  const native = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;
  if (typeof native !== 'function') return false;
  const module = yazlsCrc32();
  const original = module.unsigned;
  if ((original as { native?: boolean }).native) return true;
  const fast: Unsigned = (input, previous) =>
    Buffer.isBuffer(input) && (previous === undefined || typeof previous === 'number')
      ? native(input, (previous ?? 0) >>> 0)
      : original(input, previous);
  module.unsigned = Object.assign(fast, { native: true });
  return true;
}

/** yazl's CRC-32 of `bytes`, for the test that it is the same function after the swap. */
export function yazlCrc32(bytes: Buffer, previous?: number): number {
  return yazlsCrc32().unsigned(bytes, previous);
}
