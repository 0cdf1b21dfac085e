import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { useNativeCrc32, yazlCrc32 } from '../../../src/gallery/downloads/fast-crc32.js';

/** CRC-32 (IEEE 802.3, reflected) bit by bit: slow, and plainly the definition. */
function reference(bytes: Buffer, previous = 0): number {
  let crc = ~previous >>> 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}

describe("yazl's CRC-32 on Node's zlib", () => {
  test('is in use on this Node', () => {
    assert.equal(useNativeCrc32(), true);
    assert.equal(useNativeCrc32(), true, 'swapping twice is harmless');
  });

  test('computes the same CRC-32, continued across chunks as yazl feeds it', () => {
    assert.equal(yazlCrc32(Buffer.from('123456789')), 0xcbf43926, 'the standard check value');
    assert.equal(yazlCrc32(Buffer.alloc(0)), 0);
    for (const size of [1, 7, 4096, 100_003]) {
      const bytes = randomBytes(size);
      assert.equal(yazlCrc32(bytes), reference(bytes), `${size} bytes`);
      const cut = Math.floor(size / 3);
      const running = yazlCrc32(bytes.subarray(cut), yazlCrc32(bytes.subarray(0, cut)));
      assert.equal(running, reference(bytes), `${size} bytes in two chunks`);
    }
    const high = yazlCrc32(Buffer.from('x'), 0xfffffff0);
    assert.equal(high, reference(Buffer.from('x'), 0xfffffff0), 'a running CRC past 2^31');
  });
});
