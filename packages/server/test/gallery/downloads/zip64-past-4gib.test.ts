/**
 * An archive past 4 GiB, written for real: a member of 4 GiB and a bit (its sizes need ZIP64)
 * and one after it (its offset needs ZIP64). The bytes stream through the writer as a download
 * would; the test keeps only their count, their CRC-32 and the last 64 KiB, where the central
 * directory and the end records are, and has yauzl read those.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { type ZipMember, zipSize, zipStream } from '../../../src/gallery/downloads/zip-stream.js';

const CHUNK = Buffer.alloc(1024 * 1024);
for (let i = 0; i < CHUNK.length; i++) CHUNK[i] = (i * 31) & 0xff;
const BIG = 4 * 2 ** 30 + 16;
/** yauzl looks for the end record in the last 64 KiB and 22 bytes: keep more than that. */
const TAIL = 1024 * 1024;

/** `size` bytes of the repeating chunk, with the CRC-32 of what it gave so far. */
function pattern(size: number): { stream: Readable; crc: () => number } {
  let left = size;
  let crc = 0;
  const stream = new Readable({
    read() {
      if (left === 0) {
        this.push(null);
        return;
      }
      const part = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= part.length;
      crc = zlib.crc32(part, crc);
      this.push(part);
    },
  });
  return { stream, crc: () => crc };
}

/** A reader of the archive that holds only its tail: enough to list the central directory. */
class TailReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly tail: Buffer,
    private readonly tailStart: number,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (start < this.tailStart) throw new Error(`byte ${start} is before the kept tail`);
    return Readable.from([this.tail.subarray(start - this.tailStart, end - this.tailStart)]);
  }
}

describe('an archive past 4 GiB', () => {
  test('is as long as announced, with ZIP64 sizes, offsets and end records that yauzl reads', async () => {
    const members: ZipMember[] = [
      { path: 'film.mov', size: BIG, mtime: new Date(Date.UTC(2026, 4, 2)) },
      { path: 'after.jpg', size: 1000, mtime: new Date(Date.UTC(2026, 4, 2)) },
    ];
    const total = zipSize({ members });
    assert.ok(total > 2 ** 32);
    const sources = new Map<string, ReturnType<typeof pattern>>();
    const archive = zipStream({ members }, { start: 0, end: total - 1 }, async (m) => {
      const source = pattern(m.size);
      sources.set(m.path, source);
      return source.stream;
    });
    let length = 0;
    const last: Buffer[] = [];
    let held = 0;
    for await (const chunk of archive as AsyncIterable<Buffer>) {
      length += chunk.length;
      last.push(chunk);
      held += chunk.length;
      while (held - (last[0]?.length ?? 0) >= TAIL) held -= last.shift()?.length ?? 0;
    }
    assert.equal(length, total, 'every announced byte, and no more');
    const kept = Buffer.concat(last);

    const zip = await yauzl.fromRandomAccessReaderPromise(
      new TailReader(kept, total - kept.length),
      total,
      {
        lazyEntries: true,
      },
    );
    const entries: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
    assert.deepEqual(
      entries.map((e) => [e.fileName, e.uncompressedSize, e.compressedSize, e.compressionMethod]),
      [
        ['film.mov', BIG, BIG, 0],
        ['after.jpg', 1000, 1000, 0],
      ],
    );
    assert.equal(entries[0]?.crc32, sources.get('film.mov')?.crc());
    assert.equal(entries[1]?.crc32, sources.get('after.jpg')?.crc());
    assert.ok((entries[1]?.relativeOffsetOfLocalHeader ?? 0) > 2 ** 32, 'the offset is ZIP64');
    const end = kept.length - 22;
    assert.equal(kept.readUInt32LE(end - 20), 0x07064b50, 'a ZIP64 end locator');
  });
});
