/**
 * Videos to play (`GET/HEAD /api/v1/photos/{id}/video`): the original's bytes to anyone who may
 * see the video — the studio, gallery clients, share-link visitors — as its stored type, inline,
 * with a strong ETag, ranges for seeking, and no download recorded; a 404 for photos and for
 * videos not ready; the same refusals as images for everyone who may not see it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Photo } from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import {
  type Credentials,
  createHarness,
  type Harness,
  loginAs,
  loginAsStranger,
} from '../../helpers/harness.js';
import { addPhoto, addVideo } from '../../helpers/photos.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { createShareLink, enterAs } from '../../helpers/share-links.js';

const IMMUTABLE = 'private, max-age=31536000, immutable';
const REVALIDATE = 'private, no-cache';
const HOUR = 3_600_000;

/** Bytes that start as an MP4 does, long enough to cut ranges from. */
function mp4Bytes(n: number): Buffer {
  return Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom\0\0\x02\0isommp41', 'latin1'),
    Buffer.alloc(4000, n),
  ]);
}

/** The same, as QuickTime writes them (brand `qt  `). */
function movBytes(): Buffer {
  return Buffer.concat([
    Buffer.from([0, 0, 0, 0x14]),
    Buffer.from('ftypqt  \0\0\x02\0qt  ', 'latin1'),
    Buffer.alloc(2000, 7),
  ]);
}

describe('playing videos', () => {
  let h: Harness;
  let owner: Credentials;
  let assistant: Credentials;
  let client: Credentials;
  let stranger: Credentials;
  let shared: { id: number };
  let ceremony: { id: number; collection_id: number };
  let reception: { id: number; collection_id: number };
  /** Videos and photos by what makes them playable, or visible, or not. */
  const v = {} as Record<
    | 'video'
    | 'mov'
    | 'photo'
    | 'hidden'
    | 'processing'
    | 'failed'
    | 'culled'
    | 'unshared'
    | 'expired'
    | 'reception'
    | 'unwatchable',
    PhotoRecord
  >;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    assistant = await loginAs(h, 'assistant', h.gallery);
    client = await loginAs(h, 'gallery_client');
    stranger = await loginAsStranger(h);

    const email = h.users.gallery_client.email;
    const wedding = await createCollection(h, owner, { name: 'Wedding', shared_with: [email] });
    shared = wedding;
    const expired = await createCollection(h, owner, {
      name: 'Last year',
      shared_with: [email],
      expiry_date: '2026-01-10',
    });
    const mine = await createCollection(h, owner, { name: 'Not shared' });
    // Downloads off: watching is not downloading, so its clients still watch.
    const noDownloads = await createCollection(h, owner, {
      name: 'No downloads',
      shared_with: [email],
      downloadable: false,
    });
    ceremony = await createGallery(h, owner, wedding.id, { name: 'Ceremony' });
    reception = await createGallery(h, owner, wedding.id, { name: 'Reception' });
    const culls = await createGallery(h, owner, wedding.id, { name: 'Culls', private: true });
    const old = await createGallery(h, owner, expired.id, { name: 'Old' });
    const own = await createGallery(h, owner, mine.id, { name: 'Own' });
    const locked = await createGallery(h, owner, noDownloads.id, { name: 'Locked' });
    const at = (g: { id: number; collection_id: number }) => ({
      galleryId: g.id,
      collectionId: g.collection_id,
    });

    v.video = await addVideo(h, { ...at(ceremony), bytes: mp4Bytes(1), filename: 'dance.mp4' });
    v.mov = await addVideo(h, {
      ...at(ceremony),
      bytes: movBytes(),
      filename: 'toast.mov',
      contentType: 'video/quicktime',
    });
    v.photo = await addPhoto(h, at(ceremony));
    v.hidden = await addVideo(h, { ...at(ceremony), bytes: mp4Bytes(2), hidden: true });
    v.processing = await addPhoto(h, {
      ...at(ceremony),
      bytes: mp4Bytes(3),
      kind: 'video',
      contentType: 'video/mp4',
      process: false,
    });
    const failing = await addPhoto(h, {
      ...at(ceremony),
      bytes: mp4Bytes(4),
      kind: 'video',
      contentType: 'video/mp4',
      process: false,
    });
    await h.storage.photos.markFailed(failing.id, 'No video stream', h.clock.now());
    v.failed = failing;
    v.culled = await addVideo(h, { ...at(culls), bytes: mp4Bytes(5) });
    v.expired = await addVideo(h, { ...at(old), bytes: mp4Bytes(6) });
    v.unshared = await addVideo(h, { ...at(own), bytes: mp4Bytes(7) });
    v.reception = await addVideo(h, { ...at(reception), bytes: mp4Bytes(8) });
    v.unwatchable = await addVideo(h, { ...at(locked), bytes: mp4Bytes(9) });
  });
  after(() => h.close());

  const url = (photo: PhotoRecord) => `/api/v1/photos/${photo.id}/video`;

  function get(
    who: { cookie: string },
    path: string,
    headers: Record<string, string> = {},
    method: 'GET' | 'HEAD' = 'GET',
  ) {
    return h.gallery.inject({ method, url: path, headers: { cookie: who.cookie, ...headers } });
  }

  async function photoJson(who: { cookie: string }, photo: PhotoRecord): Promise<Photo> {
    const res = await get(who, `/api/v1/photos/${photo.id}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ data: Photo }>().data;
  }

  async function stored(photo: PhotoRecord): Promise<Buffer> {
    const stream = await h.storage.blobs.get(photo.sha256);
    assert.ok(stream);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** A status, and for an error the JSON error body every refusal carries. */
  async function statusOf(who: { cookie: string }, path: string, method: 'GET' | 'HEAD' = 'GET') {
    const res = await get(who, path, {}, method);
    if (res.statusCode >= 400 && method === 'GET') {
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', path);
      const body = res.json<{ error: string; message: string; code: string }>();
      assert.ok(body.error && body.message && body.code, path);
    }
    return res.statusCode;
  }

  test('a client plays the address in urls.video: the stored bytes, inline, as video/mp4', async () => {
    const photo = await photoJson(client, v.video);
    assert.equal(photo.urls.video, `${url(v.video)}?v=${v.video.sha256.slice(0, 12)}`);
    assert.equal(photo.urls.original, null, 'watching is offered, the original is not');
    const res = await get(client, String(photo.urls.video));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'video/mp4');
    assert.equal(res.headers['content-length'], String(v.video.size));
    assert.equal(res.headers.etag, `"${v.video.sha256}"`);
    assert.equal(res.headers['accept-ranges'], 'bytes');
    assert.equal(res.headers['cache-control'], IMMUTABLE);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-disposition'], undefined, 'played, not saved');
    assert.deepEqual(res.rawPayload, await stored(v.video));
  });

  test('without v, or with an old one, the video comes to be revalidated', async () => {
    for (const path of [url(v.video), `${url(v.video)}?v=000000000000`]) {
      const res = await get(client, path);
      assert.equal(res.statusCode, 200, path);
      assert.equal(res.headers['cache-control'], REVALIDATE, path);
    }
    const bad = await get(client, `${url(v.video)}?v=NOT-HEX`);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ code: string }>().code, 'invalid_query');
  });

  test('a QuickTime video is sent as video/quicktime', async () => {
    const res = await get(client, url(v.mov));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'video/quicktime');
    assert.deepEqual(res.rawPayload, await stored(v.mov));
  });

  test('Range gets 206 with the part asked for; past the end, 416 with the size', async () => {
    const bytes = await stored(v.video);
    const part = await get(client, url(v.video), { range: 'bytes=100-1099' });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 100-1099/${v.video.size}`);
    assert.equal(part.headers['content-length'], '1000');
    assert.equal(part.headers['content-type'], 'video/mp4');
    assert.deepEqual(part.rawPayload, bytes.subarray(100, 1100));
    // What a <video> element asks for first: everything from the start.
    const open = await get(client, url(v.video), { range: 'bytes=0-' });
    assert.equal(open.statusCode, 206);
    assert.equal(open.headers['content-range'], `bytes 0-${v.video.size - 1}/${v.video.size}`);
    assert.deepEqual(open.rawPayload, bytes);
    const tail = await get(client, url(v.video), { range: 'bytes=-10' });
    assert.deepEqual(tail.rawPayload, bytes.subarray(bytes.length - 10));

    const past = await get(client, url(v.video), { range: `bytes=${v.video.size}-` });
    assert.equal(past.statusCode, 416);
    assert.equal(past.headers['content-range'], `bytes */${v.video.size}`);
    assert.equal(past.json<{ code: string }>().code, 'range_not_satisfiable');
  });

  test('If-Range with the ETag keeps the range; with another tag the whole video comes', async () => {
    const same = await get(client, url(v.video), {
      range: 'bytes=0-9',
      'if-range': `"${v.video.sha256}"`,
    });
    assert.equal(same.statusCode, 206);
    assert.equal(same.rawPayload.length, 10);
    const changed = await get(client, url(v.video), {
      range: 'bytes=0-9',
      'if-range': '"an-older-version"',
    });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.rawPayload.length, v.video.size);
    const match = await get(client, url(v.video), { 'if-none-match': `"${v.video.sha256}"` });
    assert.equal(match.statusCode, 304);
    assert.equal(match.body, '');
  });

  test('HEAD answers the same headers without a body, for a range too', async () => {
    const head = await get(client, url(v.video), {}, 'HEAD');
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-length'], String(v.video.size));
    assert.equal(head.headers['content-type'], 'video/mp4');
    assert.equal(head.headers.etag, `"${v.video.sha256}"`);
    assert.equal(head.headers['accept-ranges'], 'bytes');
    assert.equal(head.body, '');
    const part = await get(client, url(v.video), { range: 'bytes=0-99' }, 'HEAD');
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-length'], '100');
    assert.equal(part.body, '');
  });

  test('a photo has no video address and its video is a 404, for the studio too', async () => {
    assert.equal((await photoJson(client, v.photo)).urls.video, null);
    for (const who of [client, owner]) {
      const res = await get(who, url(v.photo));
      assert.equal(res.statusCode, 404, res.body);
      assert.match(res.json<{ message: string }>().message, /no video to play: it is a photo/);
      assert.equal(await statusOf(who, url(v.photo), 'HEAD'), 404);
    }
  });

  test('a video still processing, or failed, is the studio’s to see but not to play', async () => {
    for (const [video, status] of [
      [v.processing, 'processing'],
      [v.failed, 'failed'],
    ] as const) {
      const json = await photoJson(owner, video);
      assert.equal(json.status, status);
      assert.equal(json.urls.video, null, `no address while ${status}`);
      const res = await get(owner, url(video));
      assert.equal(res.statusCode, 404, res.body);
      assert.match(
        res.json<{ message: string }>().message,
        new RegExp(`a video that is ${status}`),
      );
      assert.equal(await statusOf(client, url(video)), 404, 'not there at all for a client');
    }
  });

  test('owner and assistant play every ready video, hidden and unshared ones too', async () => {
    for (const who of [owner, assistant]) {
      for (const video of [v.video, v.hidden, v.culled, v.expired, v.unshared]) {
        assert.equal(await statusOf(who, url(video)), 200, url(video));
        assert.equal(await statusOf(who, url(video), 'HEAD'), 200, url(video));
      }
    }
    assert.ok((await photoJson(owner, v.video)).urls.video, 'offered to the studio as well');
  });

  for (const which of ['hidden', 'culled', 'expired', 'unshared'] as const) {
    test(`a gallery client gets the 404 of an unknown ID for a video that is ${which}`, async () => {
      for (const method of ['GET', 'HEAD'] as const) {
        assert.equal(await statusOf(client, url(v[which]), method), 404, method);
      }
      const res = await get(client, url(v[which]));
      assert.equal(
        res.json<{ message: string }>().message,
        `No photo found with ID: ${v[which].id}`,
      );
    });
  }

  test('a client the collection is not shared with gets 404; no session at all, 401', async () => {
    assert.equal(await statusOf(stranger, url(v.video)), 404);
    assert.equal(await statusOf({ cookie: '' }, url(v.video)), 401);
    assert.equal(await statusOf(client, '/api/v1/photos/9999999999/video'), 404);
    assert.equal(await statusOf(client, '/api/v1/photos/not-an-id/video'), 400);
  });

  test('downloads off: clients still watch, and watching records no download', async () => {
    assert.equal(await statusOf(client, url(v.unwatchable)), 200);
    const download = await get(client, `/api/v1/photos/${v.unwatchable.id}/download`);
    assert.equal(download.statusCode, 403, 'downloading it is refused');
    for (const video of [v.video, v.unwatchable]) {
      const { total } = await h.storage.downloads.list(h.accountId, video.collectionId, {
        offset: 0,
        limit: 10,
      });
      assert.equal(total, 0, `no download of collection ${video.collectionId}`);
    }
  });

  test('a watermarked collection’s video is played as uploaded: videos are never marked', async () => {
    const marked = await h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${shared.id}/watermark`,
      headers: owner.headers,
      payload: { enabled: true },
    });
    assert.equal(marked.statusCode, 200, marked.body);
    try {
      const res = await get(client, url(v.video));
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.rawPayload, await stored(v.video));
    } finally {
      await h.gallery.inject({
        method: 'PUT',
        url: `/api/v1/collections/${shared.id}/watermark`,
        headers: owner.headers,
        payload: { enabled: false },
      });
    }
  });

  describe('share-link visitors', () => {
    test('a visitor of the collection plays its videos, by the address they are given', async () => {
      const visitor = await enterAs(h, await createShareLink(h, owner, shared.id));
      const photo = await photoJson(visitor, v.video);
      assert.ok(photo.urls.video);
      const res = await get(visitor, photo.urls.video, { range: 'bytes=0-99' });
      assert.equal(res.statusCode, 206, res.body);
      assert.match(String(res.headers['cache-control']), /^private/);
      assert.equal(await statusOf(visitor, url(v.video), 'HEAD'), 200);
      for (const video of [v.hidden, v.culled, v.unshared, v.processing]) {
        assert.equal(await statusOf(visitor, url(video)), 404, `${video.id}`);
      }
    });

    test('a link of one gallery plays that gallery’s videos alone', async () => {
      const link = await createShareLink(h, owner, shared.id, { gallery_ids: [ceremony.id] });
      const visitor = await enterAs(h, link);
      assert.equal(await statusOf(visitor, url(v.video)), 200);
      assert.equal(await statusOf(visitor, url(v.reception)), 404);
    });

    test('a single-video link plays that video, and no other', async () => {
      const link = await createShareLink(h, owner, shared.id, { photo_id: v.reception.id });
      const visitor = await enterAs(h, link);
      assert.equal(await statusOf(visitor, url(v.reception)), 200);
      assert.equal(await statusOf(visitor, url(v.video)), 404);
    });

    test('a link with a password: a visitor who entered it plays', async () => {
      const link = await createShareLink(h, owner, shared.id, { password: 'first dance' });
      const visitor = await enterAs(h, link, {
        email: 'aunt@example.com',
        password: 'first dance',
      });
      assert.equal(await statusOf(visitor, url(v.video)), 200);
    });

    test('a new collection password stops a visitor mid-film, at the next range', async () => {
      const link = await createShareLink(h, owner, shared.id);
      const visitor = await enterAs(h, link);
      assert.equal(await statusOf(visitor, url(v.video)), 200);
      const put = await h.gallery.inject({
        method: 'PUT',
        url: `/api/v1/collections/${shared.id}`,
        headers: owner.headers,
        payload: { password: 'second dance' },
      });
      assert.equal(put.statusCode, 200, put.body);
      try {
        const res = await get(visitor, url(v.video), { range: 'bytes=1000-' });
        assert.equal(res.statusCode, 403);
        assert.equal(res.json<{ code: string }>().code, 'password_required');
      } finally {
        await h.gallery.inject({
          method: 'PUT',
          url: `/api/v1/collections/${shared.id}`,
          headers: owner.headers,
          payload: { password: null },
        });
      }
      assert.equal((await photoJson(client, v.video)).urls.video !== null, true);
    });

    test('a revoked link, or one past its expiry, ends playing at the next request', async () => {
      const revocable = await createShareLink(h, owner, shared.id);
      const visitor = await enterAs(h, revocable);
      assert.equal(await statusOf(visitor, url(v.video)), 200);
      const revoked = await h.gallery.inject({
        method: 'DELETE',
        url: `/api/v1/share_links/${revocable.id}`,
        headers: owner.headers,
      });
      assert.equal(revoked.statusCode, 204);
      assert.equal(await statusOf(visitor, url(v.video)), 401);

      const expiresAt = new Date(h.clock.now().getTime() + 2 * HOUR);
      const expiring = await createShareLink(h, owner, shared.id, {
        expires_at: expiresAt.toISOString(),
      });
      const late = await enterAs(h, expiring, { email: 'late@example.com' });
      h.clock.set(new Date(expiresAt.getTime() - 1));
      assert.equal(await statusOf(late, url(v.video)), 200);
      h.clock.set(expiresAt);
      assert.equal(await statusOf(late, url(v.video)), 401);
      assert.equal(await statusOf(late, url(v.video), 'HEAD'), 401);
    });
  });
});
