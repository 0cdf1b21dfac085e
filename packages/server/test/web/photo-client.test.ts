import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import type { Collection, Gallery } from '@proofsheet/protocol';
import exifr from 'exifr';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import type { PhotoRecord } from '../../src/storage/ports/photo-store.js';
import {
  browserSkip,
  focusedId,
  signIn,
  type WebHarness,
  waitForCount,
  waitForTrue,
  webHarness,
} from '../helpers/browser.js';
import { loginAs } from '../helpers/harness.js';
import { addPhoto, makeJpeg } from '../helpers/photos.js';
import { createCollection, createGallery } from '../helpers/resources.js';

const COLORS = ['#c96f5a', '#4f7cac', '#e0b04a', '#6a9f6b', '#8d6cab', '#d98aa0'];
const GPS = { latitude: 45.5231, longitude: -122.6765 };

describe('a gallery client’s photos in the browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  let collection: Collection;
  let gallery: Gallery;
  let photos: PhotoRecord[];
  /** The photos the client sees: all but the hidden one, in order. */
  let visible: PhotoRecord[];

  before(async () => {
    h = await webHarness();
    const owner = await loginAs(h, 'owner', h.gallery);
    collection = await createCollection(h, owner, {
      name: 'Harper & Quinn Wedding',
      shared_with: [h.users.gallery_client.email],
    });
    gallery = await createGallery(h, owner, collection.id, { name: 'Ceremony' });
    // Galleries are listed by when they were made: Reception comes second.
    h.clock.advance(60_000);
    await createGallery(h, owner, collection.id, { name: 'Reception' });
    photos = [];
    for (const [i, color] of COLORS.entries()) {
      const upright = i % 3 === 1;
      photos.push(
        await addPhoto(h, {
          galleryId: gallery.id,
          collectionId: collection.id,
          filename: `IMG_${4100 + i}.jpg`,
          hidden: i === 4,
          bytes: await makeJpeg({
            width: upright ? 1200 : 1800,
            height: upright ? 1800 : 1200,
            color,
            exif: { make: 'Canon', model: 'Canon EOS R5', gps: GPS },
          }),
        }),
      );
    }
    visible = photos.filter((p) => !p.hidden);
  });
  after(() => h?.close());

  async function openClientView(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await signIn(
      page,
      h.galleryUrl,
      h.users.gallery_client.email,
      `/app/collections/${collection.id}`,
    );
    await waitForCount(page.locator('#photo-grid li[data-id]'), visible.length);
    return page;
  }

  const currentSrc = (page: Page, selector: string) =>
    page.evaluate<string>(`document.querySelector(${JSON.stringify(selector)}).currentSrc`);

  const imgDone = (selector: string) =>
    `(() => { const i = document.querySelector(${JSON.stringify(selector)}); return !!i && i.complete && i.naturalWidth > 0; })()`;

  it('shows the cover, the galleries as tabs, and the photos it may see as lazy pictures', async () => {
    const context = await h.newContext();
    const page = await openClientView(context);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.getByRole('heading', { level: 1, name: 'Harper & Quinn Wedding' }).waitFor();
    assert.equal(await page.locator('#cover h1').count(), 1, 'the name is on the cover');
    await waitForTrue(page, imgDone('#cover img'));
    const coverSrc = await currentSrc(page, '#cover img');
    assert.ok(coverSrc.includes(`/api/v1/photos/${photos[0]?.id}/`), coverSrc);
    assert.deepEqual(await page.locator('#gallery-tabs a').allTextContents(), [
      'Ceremony',
      'Reception',
    ]);
    assert.equal(
      await page.locator('#gallery-tabs a[aria-current="page"]').textContent(),
      'Ceremony',
    );

    const ids = await page.evaluate<number[]>(
      "[...document.querySelectorAll('#photo-grid li[data-id]')].map((e) => Number(e.dataset.id))",
    );
    assert.deepEqual(
      ids,
      visible.map((p) => p.id),
      'in order, without the hidden photo',
    );
    const first = page.locator('#photo-grid li[data-id]').first();
    assert.equal(await first.locator('img').getAttribute('loading'), 'lazy');
    const webp = (await first.locator('source[type="image/webp"]').getAttribute('srcset')) ?? '';
    assert.match(
      webp,
      /\/thumbnail\.webp\?v=\w+ 400w, \/api\/v1\/photos\/\d+\/preview\.webp\?v=\w+ 1600w$/,
    );
    const jpeg = (await first.locator('source[type="image/jpeg"]').getAttribute('srcset')) ?? '';
    assert.match(jpeg, /thumbnail\.jpg\?v=\w+ 400w/);
    assert.match((await first.locator('source').first().getAttribute('sizes')) ?? '', /px$/);
    await waitForTrue(page, imgDone('#photo-grid li[data-id] img'));
    // The placeholder is painted behind every tile until its image is in.
    const behind = await page.evaluate<string>(
      "getComputedStyle(document.querySelector('#photo-grid .open-photo')).backgroundImage",
    );
    assert.match(behind, /^url\("data:image\/png;base64,/);
    // Upright photos are tiles of their own shape: rows keep one height.
    const boxes = await page
      .locator('#photo-grid li[data-id]')
      .evaluateAll((els) =>
        els
          .map((e) => e.getBoundingClientRect())
          .map((r) => ({ top: Math.round(r.top), h: r.height, w: r.width })),
      );
    const firstRow = boxes.filter((b) => b.top === boxes[0]?.top);
    assert.ok(firstRow.length >= 2);
    for (const b of firstRow) assert.ok(Math.abs(b.h - (firstRow[0]?.h ?? 0)) < 1.5);
    assert.ok((boxes[1]?.w ?? 0) < (boxes[0]?.w ?? 0), 'the upright one is narrower');

    await page.locator('#gallery-tabs').getByRole('link', { name: 'Reception' }).click();
    await page.getByText('No photos here yet.').waitFor();
    assert.match(page.url(), /\?gallery=\d+$/);
    await page.goBack();
    await waitForCount(page.locator('#photo-grid li[data-id]'), visible.length);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('opens the lightbox at the large size; arrows walk, Tab stays inside, Escape gives focus back', async () => {
    const context = await h.newContext();
    const page = await openClientView(context);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    const [a, b, c] = visible;
    assert.ok(a && b && c);

    await page.getByRole('button', { name: `Open ${a.filename}` }).click();
    const dialog = page.getByRole('dialog', { name: a.filename });
    await dialog.waitFor();
    await waitForTrue(page, imgDone('#lb-frame img'));
    const src = await currentSrc(page, '#lb-frame img');
    assert.match(src, new RegExp(`/api/v1/photos/${a.id}/large\\.webp\\?v=`));
    assert.equal(await page.locator('#lb-counter').textContent(), `1 / ${visible.length}`);
    assert.equal(await page.locator('#lb-prev').isDisabled(), true);
    // The next photo is on its way before it is asked for.
    await waitForTrue(
      page,
      `performance.getEntriesByType('resource').some((e) => e.name.includes('/photos/${b.id}/large.webp'))`,
    );

    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: b.filename }).waitFor();
    assert.equal(await page.locator('#lb-counter').textContent(), `2 / ${visible.length}`);
    await waitForTrue(
      page,
      `performance.getEntriesByType('resource').some((e) => e.name.includes('/photos/${c.id}/large.webp'))`,
    );
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('dialog', { name: a.filename }).waitFor();
    await page.keyboard.press('End');
    assert.equal(
      await page.locator('#lb-counter').textContent(),
      `${visible.length} / ${visible.length}`,
    );
    assert.equal(await page.locator('#lb-next').isDisabled(), true);
    await page.keyboard.press('Home');

    // Focus never leaves the dialog, forwards or backwards.
    for (const key of [
      'Tab',
      'Tab',
      'Tab',
      'Tab',
      'Tab',
      'Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
    ]) {
      await page.keyboard.press(key);
      assert.equal(
        await page.evaluate("!!document.activeElement?.closest('#lightbox')"),
        true,
        `after ${key}: ${await focusedId(page)}`,
      );
    }
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Escape');
    await page.locator('#lightbox').waitFor({ state: 'hidden' });
    const back = await page.evaluate(
      "document.activeElement?.closest('li[data-id]')?.dataset.id ?? ''",
    );
    assert.equal(Number(back), b.id, 'focus is back on the photo last shown');
    assert.ok(requested.some((p) => p === `/api/v1/photos/${a.id}/large.webp`));
    await context.close();
  });

  it('goes to the next and the previous photo with a swipe on a touch screen', async () => {
    const context = await h.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      locale: 'en-GB',
    });
    context.setDefaultTimeout(8000);
    const page = await openClientView(context);
    const [a, b] = visible;
    assert.ok(a && b);
    await page.getByRole('button', { name: `Open ${a.filename}` }).tap();
    await page.getByRole('dialog', { name: a.filename }).waitFor();
    const cdp = await context.newCDPSession(page);
    const swipe = async (fromX: number, toX: number) => {
      const y = 400;
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchStart',
        touchPoints: [{ x: fromX, y }],
      });
      for (let i = 1; i <= 4; i++) {
        const x = fromX + ((toX - fromX) * i) / 4;
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    await swipe(320, 60);
    await page.getByRole('dialog', { name: b.filename }).waitFor();
    await swipe(60, 320);
    await page.getByRole('dialog', { name: a.filename }).waitFor();
    await context.close();
  });

  it('favorites with the heart in the grid and in the lightbox; the filter shows only those', async () => {
    const context = await h.newContext();
    const page = await openClientView(context);
    const [a, b] = visible;
    assert.ok(a && b);
    const heart = (p: PhotoRecord) =>
      page.locator(`#photo-grid li[data-id="${p.id}"]`).getByRole('button', {
        name: `Favorite ${p.filename}`,
      });
    await page.locator(`#photo-grid li[data-id="${a.id}"]`).hover();
    await heart(a).click();
    await page.locator(`#photo-grid li[data-id="${a.id}"] .heart[aria-pressed="true"]`).waitFor();

    await page.getByRole('button', { name: `Open ${b.filename}` }).click();
    const favorite = page.locator('#lb-favorite');
    assert.equal(await favorite.getAttribute('aria-pressed'), 'false');
    await favorite.click();
    await page.locator('#lb-favorite[aria-pressed="true"]').waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await heart(b).getAttribute('aria-pressed'), 'true', 'the grid heard of it');
    await page
      .locator('#photo-summary')
      .getByText(`${visible.length} photos · 2 favorites`)
      .waitFor();

    const client = await loginAs(h, 'gallery_client', h.gallery);
    const favorites = await h.gallery.inject({
      method: 'GET',
      url: `/api/v1/galleries/${gallery.id}/photos?favorites=true`,
      headers: client.headers,
    });
    assert.deepEqual(
      favorites
        .json<{ data: Array<{ id: number }> }>()
        .data.map((p) => p.id)
        .sort(),
      [a.id, b.id].sort(),
    );

    await page.getByRole('button', { name: '♥ Favorites only' }).click();
    await waitForCount(page.locator('#photo-grid li[data-id]'), 2);
    // A reload shows them as the server keeps them; a second click takes one out.
    await page.reload();
    await waitForCount(page.locator('#photo-grid li[data-id]'), visible.length);
    assert.equal(await heart(a).getAttribute('aria-pressed'), 'true');
    await page.locator(`#photo-grid li[data-id="${a.id}"]`).hover();
    await heart(a).click();
    await page.locator(`#photo-grid li[data-id="${a.id}"] .heart[aria-pressed="false"]`).waitFor();
    await context.close();
  });

  it('downloads the web size from the lightbox, a JPEG without the GPS of the original', async () => {
    const context = await h.browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
      locale: 'en-GB',
    });
    context.setDefaultTimeout(8000);
    const page = await openClientView(context);
    const [a] = visible;
    assert.ok(a);
    await page.getByRole('button', { name: `Open ${a.filename}` }).click();
    await page.getByRole('dialog', { name: a.filename }).waitFor();
    // Every size is offered: a menu of them.
    await page.locator('#lb-download summary').click();
    assert.deepEqual(await page.locator('#lb-download .menu-list a').allTextContents(), [
      'Original',
      'High resolution',
      'Web size',
    ]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#lb-download').getByRole('link', { name: 'Web size' }).click(),
    ]);
    const bytes = readFileSync(await download.path());
    const meta = await sharp(bytes).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(Math.max(meta.width ?? 0, meta.height ?? 0), 1600, 'the preview size');
    assert.equal(await exifr.gps(bytes), undefined, 'no location in what a client downloads');
    const original = await h.storage.blobs.get(a.sha256);
    assert.ok(original);
    const gps = await exifr.gps(await buffer(original));
    assert.ok(Math.abs((gps?.latitude ?? 0) - GPS.latitude) < 0.001, 'the original has it');

    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.locator('#lightbox').waitFor({ state: 'hidden' });
    await page.locator('#download-gallery summary').click();
    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download-gallery').getByRole('link', { name: 'Web size' }).click(),
    ]);
    const archive = readFileSync(await zip.path());
    assert.equal(archive.subarray(0, 2).toString('latin1'), 'PK', 'a ZIP of the gallery');
    assert.match(zip.suggestedFilename(), /\.zip$/);
    await context.close();
  });

  it('asks for the download PIN once, says when it is wrong, then downloads', async () => {
    const owner = await loginAs(h, 'owner', h.gallery);
    const locked = await createCollection(h, owner, {
      name: 'Okafor Family',
      shared_with: [h.users.gallery_client.email],
      download_sizes: ['web'],
      download_pin: '4821',
    });
    const g = await createGallery(h, owner, locked.id, { name: 'Autumn' });
    const photo = await addPhoto(h, {
      galleryId: g.id,
      collectionId: locked.id,
      filename: 'DSCF0001.jpg',
    });
    const context = await h.browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
      locale: 'en-GB',
    });
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await signIn(page, h.galleryUrl, h.users.gallery_client.email, `/app/collections/${locked.id}`);
    await waitForCount(page.locator('#photo-grid li[data-id]'), 1);
    await page.getByRole('button', { name: `Open ${photo.filename}` }).click();
    // One size: a plain link, held back until the PIN is given.
    await page.getByRole('link', { name: `Download ${photo.filename} (web size)` }).click();
    const pin = page.getByRole('dialog', { name: 'Download PIN' });
    await pin.waitFor();
    await pin.getByLabel('PIN').fill('1111');
    await pin.getByRole('button', { name: 'Download' }).click();
    await pin.getByText('That PIN is not right. Check it with your photographer.').waitFor();
    await pin.getByLabel('PIN').fill('4821');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      pin.getByRole('button', { name: 'Download' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^DSCF0001/);
    await pin.waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#lightbox').isVisible(), true, 'back in the lightbox');
    // Given once: the next download goes straight through.
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Download ${photo.filename} (web size)` }).click(),
    ]);
    assert.ok(again.suggestedFilename());
    await context.close();
  });
});
