/** The sample JPEG: rotation baked in, EXIF read, GPS detected but never passed on. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { processPhoto, readMetadata } from '../../src/photos/index.js';
import { samplePhoto } from './images.js';

const processed = processPhoto(samplePhoto());

test("the original's camera, lens, capture time and orientation are read; GPS only as hasGps", async () => {
  const metadata = await readMetadata(samplePhoto(), { limitInputPixels: 100_000_000 });
  assert.deepEqual(metadata, {
    width: 1600,
    height: 2400,
    orientation: 6,
    // No OffsetTimeOriginal in the sample: a local time, with no zone.
    capturedAt: '2026-05-02T10:15:00',
    cameraMake: 'SampleCam',
    cameraModel: 'S2',
    lensModel: '50mm f/1.8',
    focalLength: null,
    aperture: null,
    exposureTime: null,
    iso: null,
    hasGps: true,
  });
  assert.ok(!JSON.stringify(metadata).includes('48.8'), 'no latitude in the metadata');
});

test('every derivative is rotated as Orientation 6 says: portrait, 2:3', async () => {
  const { derivatives } = await processed;
  const sizes = derivatives.map((d) => `${d.kind} ${d.format} ${d.width}x${d.height}`);
  assert.deepEqual(sizes, [
    'thumbnail webp 267x400',
    'thumbnail jpeg 267x400',
    'preview webp 1067x1600',
    'preview jpeg 1067x1600',
    'large webp 1600x2400',
    'large jpeg 1600x2400',
  ]);
  for (const d of derivatives) {
    const header = await sharp(d.bytes).metadata();
    assert.equal(header.format, d.format);
    assert.equal(`image/${header.format}`, d.contentType);
    assert.deepEqual([header.width, header.height], [d.width, d.height], 'stored upright');
  }
});

test('no derivative keeps EXIF, GPS or XMP, and none needs an orientation tag', async () => {
  const { derivatives } = await processed;
  for (const d of derivatives) {
    const header = await sharp(d.bytes).metadata();
    const where = `${d.kind} ${d.format}`;
    assert.equal(header.exif, undefined, `${where} has no EXIF`);
    assert.equal(header.xmp, undefined, `${where} has no XMP`);
    assert.equal(header.orientation, undefined, `${where} has no orientation tag`);
    assert.equal(header.space, 'srgb', `${where} is sRGB`);
    assert.ok(header.icc, `${where} carries an ICC profile`);
    assert.ok(!d.bytes.includes('GPS'), `${where} has no GPS tag bytes`);
    assert.ok(!d.bytes.includes('SampleCam'), `${where} has no camera make`);
    if (d.format === 'jpeg') assert.equal(await exifr.parse(d.bytes), undefined);
  }
});

test('the placeholder is a short base64 ThumbHash', async () => {
  const { placeholder, type } = await processed;
  assert.equal(type, 'jpeg');
  assert.match(placeholder, /^[A-Za-z0-9+/]{20,40}={0,2}$/);
});
