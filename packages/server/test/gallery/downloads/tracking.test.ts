import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Collection, DownloadEvent, Gallery, MediaDownloads } from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { addPhoto, jpeg } from './photos.js';
import { type DownloadWorld, downloadsSettled, downloadWorld } from './world.js';

interface PageOf<T> {
  data: T[];
  meta: { total: number; links: { next: string | null } };
}

describe('download records and the tracking endpoints', () => {
  let w: DownloadWorld;
  let collection: Collection;
  let gallery: Gallery;
  let photos: PhotoRecord[];
  let video: PhotoRecord;

  before(async () => {
    w = await downloadWorld();
    collection = await w.collection({ name: 'Tracked' });
    gallery = await w.gallery(collection, { name: 'Ceremony' });
    photos = [];
    for (let i = 0; i < 3; i++) {
      photos.push(
        await addPhoto(w.h, gallery, { filename: `p${i}.jpg`, bytes: await jpeg(20 + i) }),
      );
    }
    video = await addPhoto(w.h, gallery, {
      filename: 'film.mp4',
      bytes: randomBytes(10_000),
      kind: 'video',
    });
  });
  after(() => w.close());

  function get(url: string, headers: Record<string, string> = {}, as = w.client) {
    return w.h.gallery.inject({
      url,
      headers: { cookie: as.cookie, 'user-agent': 'TrackingTest/1.0', ...headers },
      remoteAddress: '203.0.113.44',
    });
  }

  async function page<T>(url: string): Promise<PageOf<T>> {
    await downloadsSettled(w.h, collection.id);
    const res = await get(url, {}, w.owner);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<PageOf<T>>();
  }

  test('every download is recorded: who, what, which size, bytes, kind, IP, user agent, when', async () => {
    const first = photos[0] as PhotoRecord;
    const res = await get(`/api/v1/photos/${first.id}/download?size=web`);
    assert.equal(res.statusCode, 200);
    const { data } = await page<DownloadEvent>(`/api/v1/collections/${collection.id}/downloads/`);
    const [event] = data;
    assert.ok(event);
    assert.match(event.id, /^dl_[A-Za-z0-9]{30}$/);
    assert.deepEqual(
      { ...event, id: '' },
      {
        id: '',
        subject: 'photo',
        collection_id: collection.id,
        gallery_id: gallery.id,
        photo_id: first.id,
        size: 'web',
        filename: 'p0.jpg',
        viewer: { key: w.h.users.gallery_client.id, email: w.h.users.gallery_client.email },
        ip: '203.0.113.44',
        user_agent: 'TrackingTest/1.0',
        range_start: 0,
        bytes_expected: res.rawPayload.length,
        bytes_sent: res.rawPayload.length,
        completed: true,
        created_at: `${w.h.clock.now().toISOString().slice(0, -1)}000Z`,
        finished_at: `${w.h.clock.now().toISOString().slice(0, -1)}000Z`,
      },
    );
  });

  test('ZIPs and videos are recorded as what they are; HEAD, 304 and refusals are not', async () => {
    const before = (await page<DownloadEvent>(`/api/v1/collections/${collection.id}/downloads`))
      .meta.total;
    // A second apart, so that newest first is one order.
    w.h.clock.advance(1000);
    const zip = await get(`/api/v1/galleries/${gallery.id}/download`);
    w.h.clock.advance(1000);
    await get(`/api/v1/collections/${collection.id}/download?size=high`);
    w.h.clock.advance(1000);
    await get(`/api/v1/photos/${video.id}/download`);
    await w.h.gallery.inject({
      method: 'HEAD',
      url: `/api/v1/galleries/${gallery.id}/download`,
      headers: { cookie: w.client.cookie },
    });
    await get(`/api/v1/galleries/${gallery.id}/download`, {
      'if-none-match': String(zip.headers.etag),
    });
    await get(`/api/v1/photos/${video.id}/download?size=huge`);
    const { data, meta } = await page<DownloadEvent>(
      `/api/v1/collections/${collection.id}/downloads`,
    );
    assert.equal(meta.total, before + 3);
    assert.deepEqual(
      data
        .slice(0, 3)
        .map((e) => [e.subject, e.size, e.photo_id, e.gallery_id])
        .sort(),
      [
        ['collection', 'high', null, null],
        ['gallery', 'original', null, gallery.id],
        ['video', 'original', video.id, gallery.id],
      ].sort(),
    );
    const zipEvent = data.find((e) => e.subject === 'gallery');
    assert.equal(zipEvent?.filename, 'Tracked - Ceremony.zip');
    assert.equal(zipEvent?.bytes_sent, zip.rawPayload.length);
    const videos = await page<DownloadEvent>(
      `/api/v1/collections/${collection.id}/downloads/?subject=video`,
    );
    assert.deepEqual(
      videos.data.map((e) => e.subject),
      ['video'],
    );
  });

  test('per photo: most downloaded first; a resumed download counts once, its bytes all', async () => {
    const [a, b] = photos as [PhotoRecord, PhotoRecord];
    const url = `/api/v1/photos/${b.id}/download`;
    const whole = await get(url);
    await get(url);
    await get(url, { range: 'bytes=0-99' });
    await get(url, { range: 'bytes=100-' });
    const counts = await page<MediaDownloads>(
      `/api/v1/collections/${collection.id}/photo_downloads`,
    );
    const [top, next] = counts.data;
    assert.equal(top?.photo_id, b.id);
    assert.equal(top?.download_count, 3, 'two whole and one begun at byte 0');
    assert.equal(top?.bytes_sent, whole.rawPayload.length * 3);
    assert.equal(top?.recent.length, 4);
    assert.deepEqual(top?.recent.map((e) => e.range_start).sort(), [0, 0, 0, 100]);
    assert.equal(next?.photo_id, a.id);
    assert.equal(next?.download_count, 1);
    assert.equal(
      counts.data.some((m) => m.photo_id === video.id),
      false,
      'videos are counted apart',
    );
    const films = await page<MediaDownloads>(
      `/api/v1/collections/${collection.id}/gallery_video_downloads`,
    );
    assert.deepEqual(
      films.data.map((m) => [m.photo_id, m.filename]),
      [[video.id, 'film.mp4']],
    );
  });

  test('the lists are paged', async () => {
    const first = await page<DownloadEvent>(
      `/api/v1/collections/${collection.id}/downloads/?per_page=2`,
    );
    assert.equal(first.data.length, 2);
    assert.ok(first.meta.total > 2);
    assert.ok(first.meta.links.next);
    const second = await page<DownloadEvent>(first.meta.links.next);
    assert.notDeepEqual(
      second.data.map((e) => e.id),
      first.data.map((e) => e.id),
    );
    const photosPage = await page<MediaDownloads>(
      `/api/v1/collections/${collection.id}/photo_downloads?per_page=1&page=2`,
    );
    assert.equal(photosPage.data.length, 1);
    assert.equal(photosPage.meta.total, 2);
  });

  test('only the studio reads them', async () => {
    for (const path of ['downloads/', 'downloads', 'photo_downloads', 'gallery_video_downloads']) {
      const res = await get(`/api/v1/collections/${collection.id}/${path}`);
      assert.equal(res.statusCode, 403, path);
      const unknown = await get(`/api/v1/collections/99999999/${path}`, {}, w.owner);
      assert.equal(unknown.statusCode, 404, path);
    }
  });
});
