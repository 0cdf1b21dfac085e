/** Alpha, colour spaces, TIFF/AVIF/HEIC and small images, generated with sharp. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { type Derivative, isPhotoError, processPhoto } from '../../src/photos/index.js';
import { solid } from './images.js';

function find(derivatives: readonly Derivative[], kind: string, format: string): Derivative {
  const found = derivatives.find((d) => d.kind === kind && d.format === format);
  assert.ok(found, `${kind} ${format}`);
  return found;
}

test('a PNG with alpha keeps it in WebP; the JPEG fallback is flattened onto white', async () => {
  const png = await solid(600, 300, { r: 255, g: 0, b: 0, alpha: 0.5 }, 4).png().toBuffer();
  const { derivatives, type } = await processPhoto(png);
  assert.equal(type, 'png');
  const webp = await sharp(find(derivatives, 'thumbnail', 'webp').bytes).metadata();
  assert.equal(webp.hasAlpha, true);
  const jpeg = find(derivatives, 'thumbnail', 'jpeg');
  assert.equal((await sharp(jpeg.bytes).metadata()).hasAlpha, false);
  const { channels } = await sharp(jpeg.bytes).stats();
  const [r, g, b] = channels.map((c) => Math.round(c.mean));
  // Half-transparent red over white is pink, not the dark red of dropping alpha over black.
  assert.ok((r ?? 0) > 240 && (g ?? 0) > 100 && (b ?? 0) > 100, `got ${r},${g},${b}`);
});

test('a CMYK JPEG comes out as sRGB with an sRGB profile', async () => {
  const cmyk = await solid(500, 500, '#2060c0').toColorspace('cmyk').jpeg().toBuffer();
  assert.equal((await sharp(cmyk).metadata()).space, 'cmyk');
  const { derivatives } = await processPhoto(cmyk);
  for (const d of derivatives) {
    const header = await sharp(d.bytes).metadata();
    assert.equal(header.space, 'srgb', `${d.kind} ${d.format}`);
    assert.equal(header.channels, 3);
    assert.ok(header.icc);
  }
});

test('a 16-bit PNG comes out as 8-bit sRGB', async () => {
  const png16 = await solid(300, 200).toColorspace('rgb16').png().toBuffer();
  assert.equal((await sharp(png16).metadata()).depth, 'ushort');
  const { derivatives } = await processPhoto(png16);
  const header = await sharp(find(derivatives, 'preview', 'jpeg').bytes).metadata();
  assert.equal(header.depth, 'uchar');
  assert.equal(header.space, 'srgb');
});

test('a small image is never upscaled', async () => {
  const small = await solid(120, 80).jpeg().toBuffer();
  const { derivatives, metadata } = await processPhoto(small);
  assert.deepEqual([metadata.width, metadata.height], [120, 80]);
  for (const d of derivatives) assert.deepEqual([d.width, d.height], [120, 80], d.kind);
});

test('a TIFF and an AVIF decode', async () => {
  for (const [format, bytes] of [
    ['tiff', await solid(800, 600).tiff().toBuffer()],
    ['avif', await solid(800, 600).avif().toBuffer()],
  ] as const) {
    const { derivatives, type, metadata } = await processPhoto(bytes);
    assert.equal(type, format);
    assert.deepEqual([metadata.width, metadata.height], [800, 600]);
    assert.deepEqual([find(derivatives, 'thumbnail', 'webp').width], [400]);
  }
});

test('a HEIC container it cannot decode is refused with a typed error, not a crash', async () => {
  // A real HEIC was not tried: sharp cannot write HEVC, and its prebuilt libheif may lack the
  // decoder. This is an ftyp 'heic' box with nothing decodable after it.
  const box = Buffer.alloc(24);
  box.writeUInt32BE(24, 0);
  box.write('ftypheic\0\0\0\0mif1heic', 4, 'latin1');
  const heic = Buffer.concat([box, Buffer.alloc(64, 1)]);
  await assert.rejects(
    processPhoto(heic),
    (error) => isPhotoError(error) && error.reason === 'corrupt_image',
  );
});
