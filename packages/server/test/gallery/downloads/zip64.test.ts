import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, test } from 'node:test';
import {
  type ZipLayout,
  type ZipMember,
  zipSize,
  zipStream,
} from '../../../src/gallery/downloads/zip-stream.js';
import { readZip, sha256, unzipAvailable, unzipTest } from './world.js';

const unzip = unzipAvailable();

interface BytesMember extends ZipMember {
  bytes: Buffer;
}

function members(count: number, size: (i: number) => number, name = (i: number) => `f${i}.jpg`) {
  return Array.from({ length: count }, (_, i): BytesMember => {
    const bytes = randomBytes(size(i));
    return {
      path: name(i),
      size: bytes.length,
      mtime: new Date(Date.UTC(2026, 4, 2, 10, i)),
      bytes,
    };
  });
}

async function archive(layout: ZipLayout<BytesMember>): Promise<Buffer> {
  const size = zipSize(layout);
  const zip = await buffer(
    zipStream(layout, { start: 0, end: size - 1 }, async (m) => Readable.from([m.bytes])),
  );
  assert.equal(zip.length, size, 'the size announced is the size written');
  return zip;
}

/** The offsets of every occurrence of a little-endian record signature. */
function signatures(zip: Buffer, signature: number): number[] {
  const found: number[] = [];
  for (
    let at = zip.indexOf(uint32(signature));
    at !== -1;
    at = zip.indexOf(uint32(signature), at + 1)
  ) {
    found.push(at);
  }
  return found;
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

const END = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;

describe('ZIP64', () => {
  test('a forced-ZIP64 small archive has every ZIP64 structure, and readers take it', async () => {
    const files = members(3, (i) => 1000 + i * 500);
    const zip = await archive({ members: files, forceZip64: true });

    const end = zip.length - 22;
    assert.equal(zip.readUInt32LE(end), END);
    assert.equal(zip.readUInt16LE(end + 10), 0xffff, 'the classic end record points to ZIP64');
    assert.equal(zip.readUInt32LE(end + 12), 0xffffffff);
    assert.equal(zip.readUInt32LE(end + 16), 0xffffffff);
    const locator = end - 20;
    assert.equal(zip.readUInt32LE(locator), ZIP64_LOCATOR);
    const record = Number(zip.readBigUInt64LE(locator + 8));
    assert.equal(zip.readUInt32LE(record), ZIP64_END);
    assert.equal(Number(zip.readBigUInt64LE(record + 32)), files.length, 'entries');
    const directory = Number(zip.readBigUInt64LE(record + 48));
    assert.equal(zip.readUInt32LE(directory), CENTRAL);

    const central = signatures(zip, CENTRAL).filter((at) => at >= directory);
    assert.equal(central.length, files.length);
    for (const at of central) {
      assert.equal(zip.readUInt16LE(at + 6), 45, 'version needed: 4.5, ZIP64');
      assert.equal(zip.readUInt32LE(at + 20), 0xffffffff, 'sizes are in the ZIP64 field');
      assert.equal(zip.readUInt32LE(at + 42), 0xffffffff, 'so is the offset');
      const nameLength = zip.readUInt16LE(at + 28);
      const extraLength = zip.readUInt16LE(at + 30);
      const extra = zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      const tags: number[] = [];
      for (let i = 0; i + 4 <= extra.length; i += 4 + extra.readUInt16LE(i + 2)) {
        tags.push(extra.readUInt16LE(i));
      }
      assert.ok(tags.includes(0x0001), 'a ZIP64 extended information field');
    }

    const read = await readZip(zip);
    assert.deepEqual(
      read.map((m) => [m.path, sha256(m.bytes)]),
      files.map((f) => [f.path, sha256(f.bytes)]),
    );
  });

  test('Info-ZIP tests a forced-ZIP64 archive without an error', { skip: unzip }, async () => {
    const zip = await archive({ members: members(2, () => 4096), forceZip64: true });
    const checked = unzipTest(zip);
    assert.ok(checked.ok, checked.output);
  });

  test('the announced size holds for sizes and offsets past 4 GiB, computed without reading', () => {
    const big: ZipMember[] = [
      { path: 'film.mov', size: 5 * 2 ** 30, mtime: new Date(0) },
      { path: 'after.jpg', size: 1000, mtime: new Date(0) },
    ];
    const small: ZipMember[] = [
      { path: 'film.mov', size: 1000, mtime: new Date(0) },
      { path: 'after.jpg', size: 1000, mtime: new Date(0) },
    ];
    // Past 4 GiB both entries go ZIP64 (the first for its size, the second for its offset):
    // 24-byte data descriptors instead of 16, a 28-byte ZIP64 field in each central record,
    // and the 56 + 20 bytes of the ZIP64 end records.
    const grown = 2 * (24 - 16) + 2 * 28 + 56 + 20;
    assert.equal(
      zipSize({ members: big }) - zipSize({ members: small }),
      5 * 2 ** 30 - 1000 + grown,
    );
  });
});
