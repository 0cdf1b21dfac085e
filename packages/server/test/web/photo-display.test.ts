import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Photo, PhotoSizeUrls, PhotoUrls } from '@proofsheet/protocol';
import { importAsset } from '../helpers/web-asset.js';

// The parts of assets/srcset.ts and assets/swipe.ts these tests use.
interface SrcsetModule {
  srcsetOf(urls: PhotoUrls, format: 'webp' | 'jpeg', sizes: readonly string[]): string;
  firstSize(urls: PhotoUrls, sizes: readonly string[]): PhotoSizeUrls | null;
  aspectRatio(photo: Pick<Photo, 'width' | 'height' | 'urls'>): number;
  gridSizes(ratio: number): string;
  DEFAULT_ASPECT_RATIO: number;
  ROW_HEIGHTS: { phone: number; wide: number };
}
interface SwipeModule {
  swipeOf(dx: number, dy: number, durationMs: number, width: number): string | null;
}

function size(name: string, width: number, height: number): PhotoSizeUrls {
  return {
    webp: `/api/v1/photos/1234567890/${name}.webp?v=aaa`,
    jpeg: `/api/v1/photos/1234567890/${name}.jpg?v=bbb`,
    width,
    height,
  };
}

const FULL: PhotoUrls = {
  thumbnail: size('thumbnail', 400, 267),
  preview: size('preview', 1600, 1067),
  large: size('large', 2560, 1707),
  original: null,
  video: null,
};

describe('how photos are shown', () => {
  let s: SrcsetModule;
  let w: SwipeModule;
  before(async () => {
    s = await importAsset<SrcsetModule>('srcset');
    w = await importAsset<SwipeModule>('swipe');
  });

  it('lists the sizes asked for in srcset, narrowest first, in the format asked for', () => {
    assert.equal(
      s.srcsetOf(FULL, 'webp', ['preview', 'thumbnail']),
      '/api/v1/photos/1234567890/thumbnail.webp?v=aaa 400w, /api/v1/photos/1234567890/preview.webp?v=aaa 1600w',
    );
    assert.equal(
      s.srcsetOf(FULL, 'jpeg', ['large']),
      '/api/v1/photos/1234567890/large.jpg?v=bbb 2560w',
    );
  });

  it('names a width once when a small original made sizes of the same width', () => {
    const small: PhotoUrls = {
      thumbnail: size('thumbnail', 400, 300),
      preview: size('preview', 900, 600),
      large: size('large', 900, 600),
      original: null,
      video: null,
    };
    assert.equal(
      s.srcsetOf(small, 'webp', ['thumbnail', 'preview', 'large']).split(', ').length,
      2,
    );
  });

  it('leaves out sizes not made yet, and finds the first size there is', () => {
    const partial: PhotoUrls = { ...FULL, large: null };
    assert.equal(s.srcsetOf(partial, 'webp', ['large']), '');
    assert.equal(s.firstSize(partial, ['large', 'preview'])?.width, 1600);
    assert.equal(s.firstSize({ ...partial, preview: null, thumbnail: null }, ['preview']), null);
  });

  it('takes the shape from the photo, then its thumbnail, then 3:2, within 1:4 and 4:1', () => {
    assert.equal(s.aspectRatio({ width: 4000, height: 6000, urls: FULL }), 4000 / 6000);
    assert.equal(s.aspectRatio({ width: null, height: null, urls: FULL }), 400 / 267);
    const none: PhotoUrls = {
      thumbnail: null,
      preview: null,
      large: null,
      original: null,
      video: null,
    };
    assert.equal(s.aspectRatio({ width: null, height: null, urls: none }), s.DEFAULT_ASPECT_RATIO);
    assert.equal(s.aspectRatio({ width: 10_000, height: 100, urls: none }), 4);
    assert.equal(s.aspectRatio({ width: 1, height: 1000, urls: none }), 0.25);
    assert.equal(s.aspectRatio({ width: 0, height: 0, urls: none }), s.DEFAULT_ASPECT_RATIO);
  });

  it('tells the browser a tile’s width from the row heights and the photo’s shape', () => {
    const { phone, wide } = s.ROW_HEIGHTS;
    assert.equal(
      s.gridSizes(1.5),
      `(max-width: 640px) ${Math.ceil(phone * 1.5 * 1.35)}px, ${Math.ceil(wide * 1.5 * 1.35)}px`,
    );
  });

  it('takes a quick sideways touch for a swipe, leftward to the next photo', () => {
    assert.equal(w.swipeOf(-120, 10, 200, 390), 'next');
    assert.equal(w.swipeOf(120, -10, 200, 390), 'previous');
  });

  it('takes a tap, a scroll, a slow drag or a short move for no swipe', () => {
    assert.equal(w.swipeOf(0, 0, 80, 390), null);
    assert.equal(w.swipeOf(-80, 100, 200, 390), null, 'mostly vertical');
    assert.equal(w.swipeOf(-200, 0, 1500, 390), null, 'slow');
    assert.equal(w.swipeOf(-40, 0, 200, 390), null, 'short');
  });

  it('needs a shorter swipe on a narrow stage', () => {
    assert.equal(w.swipeOf(-40, 0, 200, 200), 'next');
    assert.equal(w.swipeOf(-40, 0, 200, 1280), null);
  });
});
