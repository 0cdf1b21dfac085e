/**
 * A share-link visitor in a real browser: the link's page, an email, then the gallery as clients
 * see it (cover, grid of real JPEGs, lightbox with the keyboard, favorites), downloads exactly as
 * the link allows, a single-photo link's photo, and Leave. Screenshots of the visitor's grid and
 * photo, on a desktop and a phone, go to test-artifacts/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COOKIE_NAMES, type Collection, type CreatedShareLink } from '@proofsheet/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { demoPhotoPlan } from '../../src/commands/demo/add-demo-photos.js';
import { renderDemoPhoto } from '../../src/commands/demo/demo-photos.js';
import { DEMO_COLLECTIONS } from '../../src/commands/demo/demo-records.js';
import type { PhotoRecord } from '../../src/storage/ports/photo-store.js';
import {
  browserSkip,
  SCREENSHOT_DIR,
  type WebHarness,
  waitForCount,
  waitForTrue,
  webHarness,
} from '../helpers/browser.js';
import { loginAs } from '../helpers/harness.js';
import { addPhoto } from '../helpers/photos.js';
import { createCollection, createGallery } from '../helpers/resources.js';
import { createShareLink, tokenOf } from '../helpers/share-links.js';

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const COUNT = 7;

describe('a share-link visitor in the browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  let collection: Collection;
  let photos: PhotoRecord[];
  /** A photo of a gallery that is not downloadable. */
  let keepsake: PhotoRecord;
  /** Downloads off: the page must offer none. */
  let viewOnly: CreatedShareLink;
  /** Web-size downloads. */
  let webSize: CreatedShareLink;
  /** One photo alone, web-size downloads. */
  let onePhoto: CreatedShareLink;

  before(async () => {
    h = await webHarness();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const owner = await loginAs(h, 'owner', h.gallery);
    collection = await createCollection(h, owner, { name: 'Harper & Quinn Wedding' });
    const ceremony = await createGallery(h, owner, collection.id, { name: 'Ceremony' });
    h.clock.advance(60_000);
    // Not downloadable, whatever a link allows.
    const reception = await createGallery(h, owner, collection.id, {
      name: 'Reception',
      download: false,
    });
    const wedding = DEMO_COLLECTIONS[0];
    assert.ok(wedding);
    const plan = demoPhotoPlan(
      [0, 1].map((index) => ({
        accountId: h.accountId,
        collectionId: collection.id,
        galleryId: ceremony.id,
        collection: wedding,
        index,
      })),
    );
    photos = [];
    for (const { spec } of plan.slice(0, COUNT)) {
      photos.push(
        await addPhoto(h, {
          galleryId: ceremony.id,
          collectionId: collection.id,
          filename: spec.filename,
          bytes: await renderDemoPhoto(spec, 1800),
        }),
      );
    }
    assert.equal(photos.length, COUNT);
    keepsake = await addPhoto(h, {
      galleryId: reception.id,
      collectionId: collection.id,
      filename: 'FIRST_DANCE.jpg',
    });
    viewOnly = await createShareLink(h, owner, collection.id, { downloads: 'none' });
    webSize = await createShareLink(h, owner, collection.id, { downloads: 'web' });
    onePhoto = await createShareLink(h, owner, collection.id, {
      downloads: 'web',
      photo_id: photos[2]?.id,
    });
  });
  after(() => h?.close());

  const photo = (i: number): PhotoRecord => {
    const p = photos[i];
    assert.ok(p);
    return p;
  };

  /** Opens the link, enters an email on its form, and waits for the visitor's page. */
  async function visit(
    context: BrowserContext,
    link: CreatedShareLink,
    email = 'grandma@example.com',
  ): Promise<Page> {
    const page = await context.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${h.galleryUrl}/s/${tokenOf(link)}`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/visit'),
      page.getByRole('button', { name: 'View photos' }).click(),
    ]);
    return page;
  }

  async function grid(context: BrowserContext, link: CreatedShareLink, email?: string) {
    const page = await visit(context, link, email);
    await waitForCount(page.locator('#photo-grid li[data-id]'), COUNT);
    return page;
  }

  const imagesIn = (selector: string) =>
    `[...document.querySelectorAll(${JSON.stringify(`${selector} img`)})].every((i) => i.complete && i.naturalWidth > 0)`;

  const decoded = (page: Page, selector: string) =>
    page.evaluate(
      `Promise.all([...document.querySelectorAll(${JSON.stringify(`${selector} img`)})].map((i) => i.decode().catch(() => {})))`,
    );

  it('enters with an email and sees the cover, the galleries and a lazy, srcset grid', async () => {
    const context = await h.newContext();
    const page = await grid(context, viewOnly);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('heading', { level: 1, name: collection.name }).waitFor();
    assert.equal(await page.locator('#cover h1').count(), 1, 'the name is on the cover');
    await waitForTrue(page, imagesIn('#cover'));
    assert.deepEqual(await page.locator('#gallery-tabs a').allTextContents(), [
      'Ceremony',
      'Reception',
    ]);
    const ids = await page.evaluate<number[]>(
      "[...document.querySelectorAll('#photo-grid li[data-id]')].map((e) => Number(e.dataset.id))",
    );
    assert.deepEqual(
      ids,
      photos.map((p) => p.id),
    );
    const first = page.locator('#photo-grid li[data-id]').first();
    assert.equal(await first.locator('img').getAttribute('loading'), 'lazy');
    assert.match(
      (await first.locator('source[type="image/webp"]').getAttribute('srcset')) ?? '',
      /thumbnail\.webp\?v=\w+ 400w, \/api\/v1\/photos\/\d+\/preview\.webp\?v=\w+ 1600w$/,
    );
    // The server's list is the page without JavaScript; with it, the gallery itself.
    assert.equal(await page.locator('#visitor-galleries').count(), 0);
    await page.getByText('Visiting as grandma@example.com').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('opens the lightbox; the arrow keys walk, Escape closes and gives focus back', async () => {
    const context = await h.newContext();
    const page = await grid(context, viewOnly);
    await page.getByRole('button', { name: `Open ${photo(0).filename}` }).click();
    await page.getByRole('dialog', { name: photo(0).filename }).waitFor();
    assert.equal(await page.locator('#lb-counter').textContent(), `1 / ${COUNT}`);
    await waitForTrue(page, imagesIn('#lb-frame'));
    const src = await page.evaluate<string>("document.querySelector('#lb-frame img').currentSrc");
    assert.match(src, new RegExp(`/api/v1/photos/${photo(0).id}/large\\.webp\\?v=`));
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: photo(1).filename }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: photo(2).filename }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('dialog', { name: photo(1).filename }).waitFor();
    await page.keyboard.press('End');
    assert.equal(await page.locator('#lb-counter').textContent(), `${COUNT} / ${COUNT}`);
    await page.keyboard.press('Escape');
    await page.locator('#lightbox').waitFor({ state: 'hidden' });
    const back = await page.evaluate(
      "document.activeElement?.closest('li[data-id]')?.dataset.id ?? ''",
    );
    assert.equal(Number(back), photo(COUNT - 1).id);
    await context.close();
  });

  it('favorites with the heart, kept by the server for this visitor', async () => {
    const context = await h.newContext();
    const page = await grid(context, viewOnly, 'aunt@example.com');
    const tile = page.locator(`#photo-grid li[data-id="${photo(1).id}"]`);
    await tile.hover();
    await tile.getByRole('button', { name: `Favorite ${photo(1).filename}` }).click();
    await tile.locator('.heart[aria-pressed="true"]').waitFor();
    await page.getByRole('button', { name: `Open ${photo(3).filename}` }).click();
    await page.locator('#lb-favorite').click();
    await page.locator('#lb-favorite[aria-pressed="true"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#photo-summary').getByText(`${COUNT} photos · 2 favorites`).waitFor();

    const cookie = (await context.cookies()).find((c) => c.name.endsWith(COOKIE_NAMES.visitor));
    assert.ok(cookie);
    const res = await h.gallery.inject({
      url: `/api/v1/galleries/${photo(0).galleryId}/photos?favorites=true`,
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res
        .json<{ data: Array<{ id: number }> }>()
        .data.map((p) => p.id)
        .sort(),
      [photo(1).id, photo(3).id].sort(),
    );
    await page.reload();
    await waitForCount(page.locator('#photo-grid li[data-id]'), COUNT);
    assert.equal(await tile.locator('.heart').getAttribute('aria-pressed'), 'true');
    await context.close();
  });

  it('offers no download on a link without downloads, as the server refuses them', async () => {
    const context = await h.newContext();
    const page = await grid(context, viewOnly);
    assert.equal(await page.locator('#download-gallery').isVisible(), false);
    await page.getByRole('button', { name: `Open ${photo(0).filename}` }).click();
    await page.getByRole('dialog', { name: photo(0).filename }).waitFor();
    assert.equal(await page.locator('#lb-download').isVisible(), false);
    assert.equal(await page.getByRole('link', { name: /^Download/ }).count(), 0);
    const refused = await page.evaluate<number>(
      `fetch('/api/v1/photos/${photo(0).id}/download?size=web').then((r) => r.status)`,
    );
    assert.equal(refused, 403, 'and the server agrees');
    await context.close();
  });

  it('downloads the web size on a link that allows it, and the gallery as a ZIP', async () => {
    const context = await h.browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
      locale: 'en-GB',
    });
    context.setDefaultTimeout(8000);
    const page = await grid(context, webSize);
    await page.getByRole('button', { name: `Open ${photo(0).filename}` }).click();
    await page.getByRole('dialog', { name: photo(0).filename }).waitFor();
    // One size: a plain link, no menu.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Download ${photo(0).filename} (web size)` }).click(),
    ]);
    const meta = await sharp(readFileSync(await download.path())).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(Math.max(meta.width ?? 0, meta.height ?? 0), 1600, 'the web size');
    await page.keyboard.press('Escape');
    await page.locator('#lightbox').waitFor({ state: 'hidden' });
    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download all of Ceremony (web size)' }).click(),
    ]);
    const bytes = readFileSync(await zip.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a ZIP of the gallery');
    await context.close();
  });

  it('shows a single-photo link’s photo large, with its download', async () => {
    const context = await h.browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
      locale: 'en-GB',
    });
    context.setDefaultTimeout(8000);
    const page = await visit(context, onePhoto);
    const one = photo(2);
    await waitForTrue(page, imagesIn('#visitor-frame picture'));
    const srcset =
      (await page.locator('#visitor-frame source[type="image/webp"]').getAttribute('srcset')) ?? '';
    assert.match(srcset, new RegExp(`/photos/${one.id}/preview\\.webp\\?v=\\w+ 1600w`));
    assert.equal(await page.locator('#client-view').count(), 0, 'no galleries for one photo');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Download ${one.filename} (web size)` }).click(),
    ]);
    assert.ok(download.suggestedFilename());
    await page.getByRole('button', { name: `Favorite ${one.filename}` }).click();
    await page.locator('#visitor-photo-actions [aria-pressed="true"]').waitFor();

    // The same photo through a link without downloads: to look at, not to take.
    const owner = await loginAs(h, 'owner', h.gallery);
    const noDownloads = await createShareLink(h, owner, collection.id, { photo_id: one.id });
    const plain = await visit(context, noDownloads, 'cousin@example.com');
    await plain.getByRole('button', { name: `Favorite ${one.filename}` }).waitFor();
    assert.equal(await plain.getByRole('link', { name: /^Download/ }).count(), 0);
    // A link that allows downloads, to a photo whose gallery does not: none offered either.
    const ofReception = await createShareLink(h, owner, collection.id, {
      downloads: 'web',
      photo_id: keepsake.id,
    });
    const kept = await visit(context, ofReception, 'cousin@example.com');
    await kept.getByRole('button', { name: `Favorite ${keepsake.filename}` }).waitFor();
    assert.equal(await kept.getByRole('link', { name: /^Download/ }).count(), 0);
    const refused = await kept.evaluate<number>(
      `fetch('/api/v1/photos/${keepsake.id}/download?size=web').then((r) => r.status)`,
    );
    assert.equal(refused, 403, 'as the server refuses it');
    await context.close();
  });

  it('goes to the visitor’s page, which says why, once the link is revoked', async () => {
    const owner = await loginAs(h, 'owner', h.gallery);
    const link = await createShareLink(h, owner, collection.id);
    const context = await h.newContext();
    const page = await grid(context, link, 'niece@example.com');
    const revoked = await h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/share_links/${link.id}`,
      headers: owner.headers,
    });
    assert.ok([200, 204].includes(revoked.statusCode), revoked.body);
    const tile = page.locator(`#photo-grid li[data-id="${photo(0).id}"]`);
    await tile.hover();
    await tile.getByRole('button', { name: `Favorite ${photo(0).filename}` }).click();
    await page.getByRole('heading', { name: 'Your visit has ended' }).waitFor();
    await page.getByText('The link you used was revoked or has expired').waitFor();
    assert.equal(new URL(page.url()).pathname, '/visit', 'not the sign-in page');
    await context.close();
  });

  it('leaves: the visit ends, and the page says how to come back', async () => {
    const context = await h.newContext();
    const page = await grid(context, viewOnly);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/visit'),
      page.getByRole('button', { name: 'Leave' }).click(),
    ]);
    await page.getByRole('heading', { name: 'Your visit has ended' }).waitFor();
    const cookies = await context.cookies();
    assert.equal(
      cookies.some((c) => c.name.endsWith(COOKIE_NAMES.visitor)),
      false,
      'no visitor cookie left',
    );
    const status = await page.evaluate<number>(
      `fetch('/api/v1/collections/${collection.id}').then((r) => r.status)`,
    );
    assert.equal(status, 401);
    await context.close();
  });

  for (const size of SIZES) {
    it(`saves the visitor's cover, grid and single photo at ${size.width}x${size.height}`, async () => {
      const errors: string[] = [];
      const context = await h.newContext(size);
      const page = await grid(context, webSize);
      page.on('pageerror', (e) => errors.push(e.message));
      await waitForTrue(page, imagesIn('#cover'));
      await decoded(page, '#cover');
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      assert.equal(overflow, 0, 'nothing overflows sideways');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `visitor-cover-${size.name}.png`) });
      await page.locator('#gallery-tabs').evaluate((el) => el.scrollIntoView());
      await waitForTrue(page, imagesIn('#photo-grid'));
      await decoded(page, '#photo-grid');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `visitor-grid-${size.name}.png`) });

      const single = await visit(context, onePhoto, 'uncle@example.com');
      single.on('pageerror', (e) => errors.push(e.message));
      await waitForTrue(single, imagesIn('#visitor-frame picture'));
      await decoded(single, '#visitor-frame');
      await single.screenshot({ path: join(SCREENSHOT_DIR, `visitor-photo-${size.name}.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
