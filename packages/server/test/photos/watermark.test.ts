/** Watermarks: where the mark lands, that it fades with its opacity, and what it keeps out. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { isPhotoError } from '../../src/photos/index.js';
import { applyWatermark, type WatermarkSpec } from '../../src/photos/watermark.js';
import { solid } from './images.js';

const GREY = { r: 90, g: 90, b: 90 };

async function grey(width = 1600, height = 1000): Promise<Buffer> {
  return solid(width, height, GREY).jpeg({ quality: 95 }).toBuffer();
}

type Region = { left: number; top: number; width: number; height: number };

/** Mean brightness of a region, 0–255. */
async function brightness(image: Buffer, region: Region): Promise<number> {
  const { channels } = await sharp(await sharp(image).extract(region).png().toBuffer()).stats();
  return channels.slice(0, 3).reduce((n, c) => n + c.mean, 0) / 3;
}

/** The brightest a region gets, 0–255: where a thin white text mark shows. */
async function brightest(image: Buffer, region: Region): Promise<number> {
  const { channels } = await sharp(await sharp(image).extract(region).png().toBuffer()).stats();
  return Math.max(...channels.slice(0, 3).map((c) => c.max));
}

const text = (over: Partial<WatermarkSpec> = {}): WatermarkSpec =>
  ({
    kind: 'text',
    text: 'Studio Lumen',
    opacity: 0.8,
    scale: 0.3,
    position: 'bottom-right',
    ...over,
  }) as WatermarkSpec;

test('a text mark lightens the corner it is put in and leaves the opposite corner alone', async () => {
  const marked = await applyWatermark(await grey(), 'jpeg', text());
  const corner = { width: 560, height: 160 };
  const br = await brightest(marked, { left: 1600 - 560, top: 1000 - 160, ...corner });
  const tl = await brightest(marked, { left: 0, top: 0, ...corner });
  assert.ok(br > 180, `bottom-right shows white text: ${br}`);
  assert.ok(tl < 100, `top-left stays grey: ${tl}`);
  const meta = await sharp(marked).metadata();
  assert.deepEqual([meta.width, meta.height, meta.format], [1600, 1000, 'jpeg']);
});

test('a fainter mark changes the picture less', async () => {
  const region = { left: 1600 - 560, top: 1000 - 160, width: 560, height: 160 };
  const strong = await brightest(await applyWatermark(await grey(), 'jpeg', text()), region);
  const faint = await brightest(
    await applyWatermark(await grey(), 'jpeg', text({ opacity: 0.2 })),
    region,
  );
  assert.ok(strong > faint + 60 && faint > 100, `strong ${strong} faint ${faint}`);
});

test('a tiled logo covers every part of the picture; WebP stays WebP', async () => {
  const logo = await solid(200, 100, { r: 255, g: 255, b: 255, alpha: 1 }, 4).png().toBuffer();
  const marked = await applyWatermark(await grey(1200, 800), 'webp', {
    kind: 'logo',
    logo,
    opacity: 0.5,
    scale: 0.2,
    position: 'tiled',
  });
  assert.equal((await sharp(marked).metadata()).format, 'webp');
  for (const [left, top] of [
    [0, 0],
    [600, 0],
    [0, 400],
    [600, 400],
  ] as const) {
    const b = await brightness(marked, { left, top, width: 600, height: 400 });
    assert.ok(b > 110, `quadrant ${left},${top}: ${b.toFixed(1)}`);
  }
});

test('the studio name is text, not markup; the marked picture carries no EXIF', async () => {
  const source = await solid(800, 600, GREY)
    .withExif({
      IFD0: { Make: 'SampleCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' },
    })
    .jpeg()
    .toBuffer();
  const marked = await applyWatermark(source, 'jpeg', text({ text: '<b>Lumen & Co</b>' }));
  assert.equal(await exifr.gps(marked).catch(() => undefined), undefined);
  assert.equal((await sharp(marked).metadata()).exif, undefined);
});

test('bytes that are not a picture are a PhotoError, not a crash', async () => {
  await assert.rejects(applyWatermark(Buffer.from('not an image'), 'jpeg', text()), isPhotoError);
});
