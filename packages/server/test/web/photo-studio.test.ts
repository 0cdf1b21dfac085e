import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Collection, Gallery, Photo } from '@proofsheet/protocol';
import exifr from 'exifr';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { startPhotoWorkers } from '../../src/gallery/photos/worker.js';
import {
  browserSkip,
  signIn,
  type WebHarness,
  waitForCount,
  waitForTrue,
  webHarness,
} from '../helpers/browser.js';
import { type Credentials, loginAs } from '../helpers/harness.js';
import { makeJpeg } from '../helpers/photos.js';
import { createCollection, createGallery } from '../helpers/resources.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

const GPS = { latitude: 45.5231, longitude: -122.6765 };

/**
 * A real camera-like JPEG: noise over a colour, so that it is a few hundred kilobytes (its
 * upload takes long enough to be seen in progress), with EXIF and a GPS position.
 */
async function cameraJpeg(n: number): Promise<Buffer> {
  const base = await makeJpeg({
    width: 1500,
    height: 1000,
    color: { r: (n * 67) % 256, g: (n * 131) % 256, b: (n * 29) % 256 },
    exif: {
      make: 'Canon',
      model: 'Canon EOS R5',
      takenAt: `2026-06-14T15:0${n}:00`,
      gps: GPS,
    },
  });
  const noise = await sharp({
    create: {
      width: 1500,
      height: 1000,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
  return sharp(base)
    .composite([{ input: noise, blend: 'soft-light' }])
    .keepExif()
    .jpeg({ quality: 92 })
    .toBuffer();
}

describe('the studio uploads and arranges photos in the browser', { skip: browserSkip }, () => {
  let h: WebHarness;
  let owner: Credentials;
  let collection: Collection;
  let gallery: Gallery;
  const dir = mkdtempSync(join(tmpdir(), 'proofsheet-uploads-'));
  const files: string[] = [];
  let dropped: Buffer;

  before(async () => {
    h = await webHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    collection = await createCollection(h, owner, {
      name: 'Harper & Quinn Wedding',
      shared_with: [h.users.gallery_client.email],
    });
    gallery = await createGallery(h, owner, collection.id, { name: 'Ceremony' });
    for (let i = 1; i <= 4; i++) {
      const path = join(dir, `IMG_410${i}.jpg`);
      const bytes = await cameraJpeg(i);
      assert.ok((await exifr.gps(bytes))?.latitude, 'the test files carry a location');
      writeFileSync(path, bytes);
      files.push(path);
    }
    dropped = await cameraJpeg(5);
  });
  after(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function listed(): Promise<Photo[]> {
    const res = await h.gallery.inject({
      method: 'GET',
      url: `/api/v1/galleries/${gallery.id}/photos?per_page=100`,
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Photo[] }>().data;
  }

  const tiles = (page: Page, status?: string) =>
    page.locator(status ? `#photo-grid li.tile[data-status="${status}"]` : '#photo-grid li.tile');

  async function openGalleryPage(page: Page): Promise<void> {
    await signIn(page, h.galleryUrl, h.users.owner.email, `/app/collections/${collection.id}`);
    // The collection lists its galleries, each a link to its own page.
    await page.locator('#gallery-list').getByRole('link', { name: 'Ceremony' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ceremony' }).waitFor();
    assert.equal(
      new URL(page.url()).pathname,
      `/app/collections/${collection.id}/galleries/${gallery.id}`,
    );
  }

  it('uploads by the file picker and by a drop, several at a time with progress, then shows the thumbnails', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openGalleryPage(page);
    await page.getByText('No photos yet.').waitFor();

    // A slow uplink, so that files are seen waiting and on their way.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 600 * 1024,
    });
    await page.setInputFiles('#file-input', files);
    await waitForCount(page.locator('#upload-list li.upload'), 4);
    const seen = { uploading: 0, queued: 0, partial: false };
    const deadline = Date.now() + 20_000;
    for (;;) {
      const now = await page.evaluate<{
        uploading: number;
        queued: number;
        done: number;
        partial: boolean;
      }>(`(() => {
        const rows = [...document.querySelectorAll('#upload-list li.upload')];
        const state = (s) => rows.filter((r) => r.dataset.state === s).length;
        const partial = rows.some((r) => { const p = r.querySelector('progress'); return p.value > 0 && p.value < p.max; });
        return { uploading: state('uploading'), queued: state('queued'), done: state('done'), partial };
      })()`);
      seen.uploading = Math.max(seen.uploading, now.uploading);
      seen.queued = Math.max(seen.queued, now.queued);
      seen.partial ||= now.partial;
      if (now.done === 4) break;
      assert.ok(Date.now() < deadline, 'the uploads finish');
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.equal(seen.uploading, 3, 'three files at a time');
    assert.ok(seen.queued >= 1, 'the fourth waits its turn');
    assert.ok(seen.partial, 'a progress bar is seen part-way');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.getByRole('status').getByText('All 4 photos are uploaded.').waitFor();

    // A drop of a file from the desktop, anywhere on the page.
    await page.evaluate(
      `(() => {
        const bytes = Uint8Array.from(atob(${JSON.stringify(dropped.toString('base64'))}), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'IMG_4105.jpg', { type: 'image/jpeg' }));
        const zone = document.getElementById('dropzone');
        zone.dispatchEvent(new DragEvent('dragenter', { bubbles: true, dataTransfer: transfer }));
        zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
        window.__lit = zone.classList.contains('dragover');
        zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      })()`,
    );
    assert.equal(await page.evaluate('window.__lit'), true, 'the drop zone lights up');
    await page.getByRole('status').getByText('The photo is uploaded.').waitFor();

    // No worker yet: every photo waits, a shimmering tile without an image.
    await waitForCount(tiles(page, 'processing'), 5);
    assert.equal(await tiles(page).locator('img').count(), 0);
    // In the order they arrived: three were on the wire at once.
    assert.deepEqual(
      (await listed()).map((p) => `${p.filename} ${p.status}`).sort(),
      [1, 2, 3, 4, 5].map((n) => `IMG_410${n}.jpg processing`),
    );
    assert.match(
      (await page.locator('#photo-summary').textContent()) ?? '',
      /5 photos · 5 processing/,
    );

    // The worker starts: the page sees each one ready, its placeholder painted, its thumbnail in.
    void startPhotoWorkers({ storage: h.storage, clock: h.clock }, { concurrency: 1, threads: 1 });
    await waitForCount(tiles(page, 'ready'), 5, 30_000);
    await waitForTrue(
      page,
      `[...document.querySelectorAll('#photo-grid li.tile .frame')].every((f) =>
        getComputedStyle(f).backgroundImage.startsWith('url("data:image/png;base64,') &&
        f.querySelector('picture.loaded img')?.naturalWidth > 0)`,
    );
    const src = await page.evaluate<string>("document.querySelector('#photo-grid img').currentSrc");
    assert.match(src, /\/thumbnail\.webp\?v=/);
    assert.equal(await page.locator('#photo-summary').textContent(), '5 photos');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('offers a retry for an upload cut off, and says why a refused file was refused', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await openGalleryPage(page);
    // One file's connection fails until it is back: the page tries by itself twice, then gives up.
    let down = true;
    await page.route('**/api/v1/uploads', async (route) => {
      const named = route.request().headers()['upload-metadata'] ?? '';
      const ours = named.includes(Buffer.from('IMG_4101.jpg').toString('base64'));
      if (route.request().method() === 'POST' && ours && down) {
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    const notAnImage = join(dir, 'notes.jpg');
    writeFileSync(notAnImage, 'these are my notes, not a photo');
    const before = (await listed()).length;
    await page.setInputFiles('#file-input', [files[0] ?? '', notAnImage]);
    const cutRow = page.locator('#upload-list li.upload').filter({ hasText: 'IMG_4101.jpg' });
    const refused = page.locator('#upload-list li.upload').filter({ hasText: 'notes.jpg' });
    await waitForCount(page.locator('#upload-list li.upload[data-state="failed"]'), 2, 15_000);
    assert.match(
      (await cutRow.locator('.upload-state').textContent()) ?? '',
      /Could not reach the server/,
    );
    assert.match(
      (await refused.locator('.upload-state').textContent()) ?? '',
      /not a JPEG, PNG, WebP, TIFF, HEIC or AVIF photo/,
    );
    assert.equal(
      await refused.getByRole('button', { name: /Retry/ }).count(),
      0,
      'a retry cannot help',
    );

    down = false;
    await cutRow.getByRole('button', { name: 'Retry IMG_4101.jpg' }).click();
    await page.locator('#upload-list li.upload[data-state="done"]').waitFor();
    assert.equal((await listed()).length, before + 1);
    await context.close();
  });

  it('resumes an upload whose connection dropped from where the server had it, bytes intact', async () => {
    // The page talks to the server through a proxy that can drop every connection at once.
    const proxy = await startTcpProxy(Number(new URL(h.galleryUrl).port));
    const base = `http://127.0.0.1:${proxy.port}`;
    const context = await h.newContext();
    const page = await context.newPage();
    try {
      await signIn(
        page,
        base,
        h.users.owner.email,
        `/app/collections/${collection.id}/galleries/${gallery.id}`,
      );
      await page.getByRole('heading', { level: 1, name: 'Ceremony' }).waitFor();
      const patches: number[] = [];
      page.on('request', (r) => {
        if (r.method() === 'PATCH') patches.push(Number(r.headers()['upload-offset']));
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 200 * 1024,
      });
      const path = join(dir, 'IMG_4200.jpg');
      const bytes = await cameraJpeg(9);
      writeFileSync(path, bytes);
      await page.setInputFiles('#file-input', path);
      // A third of the way, the connection drops; the network comes back at once.
      await waitForTrue(
        page,
        "(() => { const p = document.querySelector('#upload-list progress'); return !!p && p.value > p.max / 3; })()",
        20_000,
      );
      await proxy.cut();
      await proxy.restore();
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await page.locator('#upload-list li.upload[data-state="done"]').waitFor({ timeout: 20_000 });
      assert.equal(patches[0], 0);
      const resumedAt = patches[patches.length - 1] ?? 0;
      assert.ok(patches.length >= 2 && resumedAt > 0, `resumed at ${resumedAt} (${patches})`);
      const photo = (await listed()).find((p) => p.filename === 'IMG_4200.jpg');
      assert.equal(photo?.sha256, createHash('sha256').update(bytes).digest('hex'));
      assert.equal(photo?.size, bytes.length);
    } finally {
      await context.close();
      await proxy.close();
    }
  });

  it('sets the cover, moves photos by button, keyboard and drag, hides, renames and deletes', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await openGalleryPage(page);
    await waitForCount(tiles(page, 'ready'), (await listed()).length, 30_000);
    const ids = async () => (await listed()).map((p) => p.id);
    const tile = (id: number) => page.locator(`#photo-grid li.tile[data-id="${id}"]`);
    const start = await ids();
    const [a, b, c, d] = start;
    assert.ok(a && b && c && d);

    await tile(c).getByRole('button', { name: 'Cover' }).click();
    await tile(c).locator('.tile-badge.cover').waitFor();
    assert.equal(await tile(a).locator('.tile-badge.cover').count(), 0);
    const galleries = await h.gallery.inject({
      method: 'GET',
      url: `/api/v1/collections/${collection.id}/galleries`,
      headers: owner.headers,
    });
    assert.equal(galleries.json<{ data: Gallery[] }>().data[0]?.cover_photo?.photo_id, c);

    // By keyboard: the button keeps focus on the moved photo, so it can be moved again.
    await tile(c).getByRole('button', { name: 'Move earlier' }).focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .getByText(/to 2\.$/)
      .waitFor();
    assert.deepEqual((await ids()).slice(0, 3), [a, c, b]);
    assert.equal(
      await page.evaluate("document.activeElement?.closest('li.tile')?.dataset.id"),
      String(c),
    );
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .getByText(/to 1\.$/)
      .waitFor();
    assert.deepEqual((await ids()).slice(0, 3), [c, a, b]);
    assert.equal(await tile(c).getByRole('button', { name: 'Move earlier' }).isDisabled(), true);
    // Its "earlier" button is disabled now: focus went to the next control of the same photo.
    assert.equal(await page.evaluate('document.activeElement?.dataset.action'), 'later');
    assert.equal(
      await page.evaluate("document.activeElement?.closest('li.tile')?.dataset.id"),
      String(c),
    );

    // By drag: a photo dropped on another takes its place.
    await tile(d).locator('.frame').dragTo(tile(a).locator('.frame'));
    await page
      .getByRole('status')
      .getByText(/to 2\.$/)
      .waitFor();
    assert.deepEqual((await ids()).slice(0, 4), [c, d, a, b]);
    const shown = await page.evaluate<string[]>(
      "[...document.querySelectorAll('#photo-grid li.tile')].map((t) => t.dataset.id)",
    );
    assert.deepEqual(shown.map(Number), await ids(), 'the grid shows the server’s order');

    await tile(b).getByRole('button', { name: 'Hide' }).click();
    await tile(b).locator('.tile-badge', { hasText: 'Hidden' }).waitFor();
    assert.equal(
      await tile(b).getByRole('button', { name: 'Hide' }).getAttribute('aria-pressed'),
      'true',
    );
    assert.equal((await h.storage.photos.findInAccount(h.accountId, b))?.hidden, true);

    await tile(a).getByRole('button', { name: 'Rename' }).click();
    const input = page.getByRole('textbox', { name: /New name for/ });
    await input.fill('First kiss.jpg');
    await input.press('Enter');
    await tile(a).getByText('First kiss.jpg').waitFor();
    assert.equal(
      (await h.storage.photos.findInAccount(h.accountId, a))?.filename,
      'First kiss.jpg',
    );

    await tile(d).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await tile(d).waitFor({ state: 'detached' });
    assert.equal((await ids()).includes(d), false);
    await context.close();
  });
});
