import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Collection, Gallery } from '@proofsheet/protocol';
import type { Page } from 'playwright-core';
import { demoPhotoPlan } from '../../src/commands/demo/add-demo-photos.js';
import { renderDemoPhoto } from '../../src/commands/demo/demo-photos.js';
import { DEMO_COLLECTIONS } from '../../src/commands/demo/demo-records.js';
import {
  browserSkip,
  SCREENSHOT_DIR,
  signIn,
  type WebHarness,
  waitForCount,
  waitForTrue,
  webHarness,
} from '../helpers/browser.js';
import { loginAs } from '../helpers/harness.js';
import { addPhoto } from '../helpers/photos.js';
import { createCollection, createGallery } from '../helpers/resources.js';

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Photos drawn as the demo draws them: what the screenshots show. */
const COUNT = 11;

describe('screenshots of the photo pages', { skip: browserSkip }, () => {
  let h: WebHarness;
  let collection: Collection;
  let gallery: Gallery;

  before(async () => {
    h = await webHarness();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const owner = await loginAs(h, 'owner', h.gallery);
    collection = await createCollection(h, owner, {
      name: 'Harper & Quinn Wedding',
      shared_with: [h.users.gallery_client.email],
    });
    gallery = await createGallery(h, owner, collection.id, { name: 'Ceremony' });
    h.clock.advance(60_000);
    await createGallery(h, owner, collection.id, { name: 'Reception' });
    const wedding = DEMO_COLLECTIONS[0];
    assert.ok(wedding);
    const plan = demoPhotoPlan(
      [0, 1, 2].map((index) => ({
        accountId: h.accountId,
        collectionId: collection.id,
        galleryId: gallery.id,
        collection: wedding,
        index,
      })),
    );
    for (const { spec } of plan.slice(0, COUNT)) {
      await addPhoto(h, {
        galleryId: gallery.id,
        collectionId: collection.id,
        filename: spec.filename,
        bytes: await renderDemoPhoto(spec, 1600),
      });
    }
    // The states a studio sees while a wedding comes in: one still processing, one refused.
    await addPhoto(h, {
      galleryId: gallery.id,
      collectionId: collection.id,
      filename: 'IMG_1300.jpg',
      bytes: await renderDemoPhoto({ ...(plan[0]?.spec ?? plan[1]!.spec), seed: 77 }, 800),
      process: false,
    });
    await addPhoto(h, {
      galleryId: gallery.id,
      collectionId: collection.id,
      filename: 'IMG_1301.jpg',
      bytes: Buffer.from('not a picture at all'),
    });
  });
  after(() => h?.close());

  async function noOverflow(page: Page): Promise<void> {
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    assert.equal(overflow, 0, 'nothing overflows sideways');
  }

  /** Every image in `selector` is in, and shown (its picture marked loaded, its fade skipped). */
  const imagesIn = (selector: string) =>
    `[...document.querySelectorAll(${JSON.stringify(`${selector} img`)})].every((i) => i.complete && i.naturalWidth > 0 && i.closest('picture')?.classList.contains('loaded') !== false)`;

  for (const size of SIZES) {
    it(`saves the studio's gallery, the client's grid and the lightbox at ${size.width}x${size.height}`, async () => {
      const errors: string[] = [];
      const studio = await h.newContext(size);
      const page = await studio.newPage();
      // No fades in a still picture: the pages skip them when motion is to be reduced.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      page.on('pageerror', (e) => errors.push(e.message));
      await signIn(
        page,
        h.galleryUrl,
        h.users.owner.email,
        `/app/collections/${collection.id}/galleries/${gallery.id}`,
      );
      await waitForCount(page.locator('#photo-grid li.tile[data-status="ready"]'), COUNT);
      await page.locator('li.tile[data-status="failed"] .failed-reason').waitFor();
      // Thumbnails load lazily: scroll down to bring them all in for the full-page picture.
      await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
      await waitForTrue(page, imagesIn('#photo-grid li.tile[data-status="ready"]'));
      await page.evaluate('window.scrollTo(0, 0)');
      await noOverflow(page);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `studio-gallery-${size.name}.png`),
        fullPage: true,
      });

      const client = await h.newContext(size);
      const cp = await client.newPage();
      await cp.emulateMedia({ reducedMotion: 'reduce' });
      cp.on('pageerror', (e) => errors.push(e.message));
      await signIn(
        cp,
        h.galleryUrl,
        h.users.gallery_client.email,
        `/app/collections/${collection.id}`,
      );
      await waitForCount(cp.locator('#photo-grid li[data-id]'), COUNT);
      await waitForTrue(cp, imagesIn('#cover'));
      await noOverflow(cp);
      await cp.screenshot({ path: join(SCREENSHOT_DIR, `client-cover-${size.name}.png`) });
      await cp.locator('#photos').evaluate((el) => el.scrollIntoView());
      await waitForTrue(cp, imagesIn('#photo-grid'));
      await cp.screenshot({ path: join(SCREENSHOT_DIR, `client-grid-${size.name}.png`) });

      await cp.locator('#photo-grid .open-photo').nth(1).click();
      await cp.locator('#lightbox[open]').waitFor();
      await waitForTrue(cp, imagesIn('#lb-frame'));
      await cp.screenshot({ path: join(SCREENSHOT_DIR, `client-lightbox-${size.name}.png`) });
      assert.deepEqual(errors, []);
      await studio.close();
      await client.close();
    });
  }
});
