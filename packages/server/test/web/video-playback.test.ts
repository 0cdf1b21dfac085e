/**
 * Videos in a real browser: a play badge on their tiles, and in the lightbox a `<video>` with
 * its poster that plays from the video route, for a gallery client and a share-link visitor
 * (and on the page of a single-video link); the arrows still walk the gallery unless the video
 * has focus, and moving on stops it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Collection, Gallery } from '@proofsheet/protocol';
import type { Page } from 'playwright-core';
import type { PhotoRecord } from '../../src/storage/ports/photo-store.js';
import {
  browserSkip,
  focusedId,
  SCREENSHOT_DIR,
  signIn,
  type WebHarness,
  waitForCount,
  waitForTrue,
  webHarness,
} from '../helpers/browser.js';
import { loginAs } from '../helpers/harness.js';
import { addPhoto, makeJpeg } from '../helpers/photos.js';
import { createCollection, createGallery } from '../helpers/resources.js';
import { createShareLink, tokenOf } from '../helpers/share-links.js';
import { TOOLS, toolsSkip } from '../helpers/tools.js';

const exec = promisify(execFile);

/** A short H.264 MP4 as cameras and phones write them, its index first so it plays at once. */
async function makeMp4(dir: string): Promise<Buffer> {
  const path = join(dir, 'first-dance.mp4');
  await exec('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', '-t', '4'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-y', path],
  ]);
  return readFile(path);
}

const skip = browserSkip || (await toolsSkip(TOOLS.ffmpeg));

describe('videos in the gallery, in the browser', { skip }, () => {
  let h: WebHarness;
  let dir: string;
  let collection: Collection;
  let gallery: Gallery;
  /** In gallery order: a photo, the video, another photo. */
  let items: PhotoRecord[];
  let video: PhotoRecord;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'proofsheet-video-web-'));
    h = await webHarness();
    const owner = await loginAs(h, 'owner', h.gallery);
    collection = await createCollection(h, owner, {
      name: 'Harper & Quinn Wedding',
      shared_with: [h.users.gallery_client.email],
      // Watching is not downloading: a collection without downloads still plays.
      downloadable: false,
    });
    gallery = await createGallery(h, owner, collection.id, { name: 'Reception' });
    const at = { galleryId: gallery.id, collectionId: collection.id };
    const before = await addPhoto(h, {
      ...at,
      filename: 'IMG_0001.jpg',
      bytes: await makeJpeg({ width: 1800, height: 1200, color: '#c96f5a' }),
    });
    // Processed as the worker does, with ffmpeg: a real poster frame in every size.
    video = await addPhoto(h, {
      ...at,
      filename: 'first-dance.mp4',
      bytes: await makeMp4(dir),
      kind: 'video',
      contentType: 'video/mp4',
    });
    assert.equal(video.status, 'ready', video.statusReason ?? 'processed');
    const afterIt = await addPhoto(h, {
      ...at,
      filename: 'IMG_0003.jpg',
      bytes: await makeJpeg({ width: 1800, height: 1200, color: '#4f7cac' }),
    });
    items = [before, video, afterIt];
  });
  after(async () => {
    await h?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const lbVideo = "document.querySelector('#lb-frame video')";

  /** Plays the lightbox's video with a click, as a person would, and waits until it runs. */
  async function playAndWait(page: Page): Promise<void> {
    await page.locator('#lb-frame video').click();
    await waitForTrue(
      page,
      `(() => { const v = ${lbVideo}; return !!v && !v.paused && v.currentTime > 0.2 && v.readyState >= 2; })()`,
      10_000,
    );
  }

  it('a client sees a play badge, opens the video in the lightbox, and it plays', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const videoRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/v1\/photos\/\d+\/video/.test(r.url()))
        videoRequests.push(new URL(r.url()).pathname);
    });
    await signIn(
      page,
      h.galleryUrl,
      h.users.gallery_client.email,
      `/app/collections/${collection.id}`,
    );
    await waitForCount(page.locator('#photo-grid li[data-id]'), items.length);
    assert.equal(await page.locator('#photo-grid .play-badge').count(), 1, 'one video, one badge');
    assert.equal(
      await page.locator(`#photo-grid li[data-id="${video.id}"] .play-badge`).count(),
      1,
    );
    assert.deepEqual(videoRequests, [], 'the grid fetches no video, only its poster');
    await waitForTrue(
      page,
      "[...document.querySelectorAll('#photo-grid img')].every((i) => i.complete && i.naturalWidth > 0)",
    );
    await page.locator('#photo-grid').screenshot({
      path: join(SCREENSHOT_DIR, 'client-grid-video-desktop.png'),
    });

    await page.getByRole('button', { name: `Play ${video.filename}` }).click();
    await page.getByRole('dialog', { name: video.filename }).waitFor();
    const el = page.locator('#lb-frame video');
    await el.waitFor();
    assert.equal(await el.getAttribute('controls'), '');
    assert.equal(await el.getAttribute('preload'), 'metadata');
    assert.match(
      (await el.getAttribute('poster')) ?? '',
      new RegExp(`/api/v1/photos/${video.id}/(large|preview)\\.webp\\?v=`),
    );
    assert.match(
      (await el.getAttribute('src')) ?? '',
      new RegExp(`/photos/${video.id}/video\\?v=`),
    );
    assert.equal(await page.locator('#lb-download').isHidden(), true, 'no download offered');

    await playAndWait(page);
    const state = await page.evaluate<{ time: number; width: number; duration: number }>(
      `(() => { const v = ${lbVideo}; return { time: v.currentTime, width: v.videoWidth, duration: v.duration }; })()`,
    );
    assert.equal(state.width, 640);
    assert.ok(Math.abs(state.duration - 4) < 0.2, `duration ${state.duration}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'client-lightbox-video-desktop.png') });
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('the arrows walk the gallery unless the video has focus, and moving on stops it', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await signIn(
      page,
      h.galleryUrl,
      h.users.gallery_client.email,
      `/app/collections/${collection.id}`,
    );
    await waitForCount(page.locator('#photo-grid li[data-id]'), items.length);
    const [first, , last] = items;
    assert.ok(first && last);

    // From the photo before it, by keyboard: the close button has focus, not the video.
    await page.getByRole('button', { name: `Open ${first.filename}` }).click();
    await page.getByRole('dialog', { name: first.filename }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: video.filename }).waitFor();
    assert.equal(await focusedId(page), 'lb-close');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: last.filename }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('dialog', { name: video.filename }).waitFor();

    await playAndWait(page);
    // Focused, the video keeps its arrow keys (they seek): the lightbox stays on it.
    assert.equal(await page.evaluate<boolean>(`document.activeElement === ${lbVideo}`), true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator('#lb-counter').textContent(), `2 / ${items.length}`);
    assert.equal(await page.locator('#lb-title').textContent(), video.filename);

    // Tab goes through the video and stays in the dialog; off it, the arrows walk again.
    await page.evaluate(`window.playing = ${lbVideo}`);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate<boolean>(`document.activeElement === window.playing`), false);
    assert.equal(await page.evaluate("!!document.activeElement?.closest('#lightbox')"), true);
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: last.filename }).waitFor();
    const left = await page.evaluate<{ paused: boolean; connected: boolean; src: string }>(
      '({ paused: window.playing.paused, connected: window.playing.isConnected, src: window.playing.getAttribute("src") ?? "" })',
    );
    assert.deepEqual(left, { paused: true, connected: false, src: '' }, 'stopped and let go');
    assert.equal(await page.locator('#lb-frame video').count(), 0, 'a photo is a picture');

    // Closing while it plays stops it too, and gives focus back to its tile.
    await page.keyboard.press('ArrowLeft');
    await playAndWait(page);
    await page.evaluate(`window.playing = ${lbVideo}`);
    await page.keyboard.press('Escape');
    await page.locator('#lightbox').waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate<boolean>('window.playing.paused'), true);
    const back = await page.evaluate("document.activeElement?.closest('li[data-id]')?.dataset.id");
    assert.equal(Number(back), video.id);
    await context.close();
  });

  it('a share-link visitor plays it too, on a phone', async () => {
    const owner = await loginAs(h, 'owner', h.gallery);
    const link = await createShareLink(h, owner, collection.id);
    const context = await h.newContext({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(`${h.galleryUrl}/s/${tokenOf(link)}`);
    await page.getByLabel('Email', { exact: true }).fill('grandma@example.com');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/visit'),
      page.getByRole('button', { name: 'View photos' }).click(),
    ]);
    await waitForCount(page.locator('#photo-grid li[data-id]'), items.length);
    await page.getByRole('button', { name: `Play ${video.filename}` }).click();
    await page.getByRole('dialog', { name: video.filename }).waitFor();
    await playAndWait(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'visitor-lightbox-video-phone.png') });
    await context.close();
  });

  it('a single-video link shows the video to play on the page itself', async () => {
    const owner = await loginAs(h, 'owner', h.gallery);
    const link = await createShareLink(h, owner, collection.id, { photo_id: video.id });
    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.galleryUrl}/s/${tokenOf(link)}`);
    await page.getByLabel('Email', { exact: true }).fill('uncle@example.com');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/visit'),
      page.getByRole('button', { name: 'View photos' }).click(),
    ]);
    const el = page.locator('#visitor-frame video');
    await el.waitFor();
    assert.equal(await el.getAttribute('preload'), 'metadata');
    await el.click();
    await waitForTrue(
      page,
      "(() => { const v = document.querySelector('#visitor-frame video'); return !v.paused && v.currentTime > 0.2 && v.readyState >= 2; })()",
      10_000,
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'visitor-single-video-desktop.png') });
    await context.close();
  });
});
