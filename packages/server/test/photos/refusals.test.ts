/** Bombs, random bytes and truncated files are refused with a PhotoError, quickly. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { isPhotoError, type PhotoErrorReason, processPhoto } from '../../src/photos/index.js';
import { pngDeclaring, samplePhoto, solid } from './images.js';

function refusedAs(reason: PhotoErrorReason) {
  return (error: unknown) => isPhotoError(error) && error.reason === reason;
}

test('a PNG declaring 30000×30000 is refused from its header, before any decoding', async () => {
  const bomb = await pngDeclaring(30_000, 30_000);
  const started = performance.now();
  await assert.rejects(processPhoto(bomb), refusedAs('too_many_pixels'));
  assert.ok(performance.now() - started < 500, 'refused without decoding 900 MP');
});

test('limitInputPixels is configurable', async () => {
  const photo = await solid(200, 100).png().toBuffer();
  await assert.rejects(processPhoto(photo, { limitInputPixels: 10_000 }), (error) => {
    assert.ok(isPhotoError(error) && error.reason === 'too_many_pixels');
    assert.match(error.message, /200×100/);
    return true;
  });
  await processPhoto(photo, { limitInputPixels: 20_000 });
  await assert.rejects(processPhoto(photo, { limitInputPixels: 0 }), RangeError);
});

test('random bytes are refused as unsupported_type; random bytes after a JPEG marker as corrupt', async () => {
  const noise = randomBytes(4096);
  noise[0] = 0x00;
  await assert.rejects(processPhoto(noise), refusedAs('unsupported_type'));
  const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(4096)]);
  await assert.rejects(processPhoto(fakeJpeg), refusedAs('corrupt_image'));
});

test('a truncated JPEG is refused as corrupt_image', async () => {
  const sample = samplePhoto();
  await assert.rejects(
    processPhoto(sample.subarray(0, Math.floor(sample.length / 2))),
    refusedAs('corrupt_image'),
  );
});
