/** Image types are told by their bytes, never by a name or a Content-Type. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPhotoError, requireImageType, sniffImageType } from '../../src/photos/index.js';
import { samplePhoto, solid } from './images.js';

function ftyp(major: string, ...compatible: string[]): Buffer {
  const brands = [major, '\0\0\0\0', ...compatible].join('');
  const box = Buffer.alloc(8 + brands.length);
  box.writeUInt32BE(box.length, 0);
  box.write(`ftyp${brands}`, 4, 'latin1');
  return Buffer.concat([box, Buffer.alloc(32)]);
}

test('JPEG, PNG, WebP and TIFF are recognised by their magic numbers', async () => {
  assert.equal(sniffImageType(samplePhoto()), 'jpeg');
  assert.equal(sniffImageType(await solid(4, 4).png().toBuffer()), 'png');
  assert.equal(sniffImageType(await solid(4, 4).webp().toBuffer()), 'webp');
  assert.equal(sniffImageType(await solid(4, 4).tiff().toBuffer()), 'tiff');
  assert.equal(sniffImageType(await solid(4, 4).avif().toBuffer()), 'avif');
});

test('HEIC and AVIF are told apart by their ftyp brands', () => {
  assert.equal(sniffImageType(ftyp('heic', 'mif1', 'heic')), 'heic');
  assert.equal(sniffImageType(ftyp('mif1', 'heic')), 'heic');
  assert.equal(sniffImageType(ftyp('avif', 'mif1', 'miaf')), 'avif');
  assert.equal(sniffImageType(ftyp('mif1', 'avif')), 'avif');
  assert.equal(sniffImageType(ftyp('isom', 'mp41')), null, 'an MP4 video is not a photo');
});

test('a text file named .jpg is refused as unsupported_type', () => {
  // The API takes no filename at all: "holiday.jpg" with these bytes is just these bytes.
  const text = Buffer.from('this is not a photo, whatever its name says\n');
  assert.throws(
    () => requireImageType(text),
    (error) => isPhotoError(error) && error.reason === 'unsupported_type',
  );
  assert.equal(sniffImageType(Buffer.alloc(0)), null);
  assert.equal(sniffImageType(Buffer.from([0xff, 0xd8])), null, 'too short to be a JPEG');
});
