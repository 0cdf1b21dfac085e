/** The photo helper makes what it says: EXIF with GPS, and ready, failed or processing photos. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { addPhoto, addVideo, makeJpeg } from '../../helpers/photos.js';
import { createCollection, createGallery } from '../../helpers/resources.js';

describe('the photo test helper', () => {
  let h: Harness;
  let owner: Credentials;
  let ids: { galleryId: number; collectionId: number };

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    const c = await createCollection(h, owner);
    const g = await createGallery(h, owner, c.id);
    ids = { galleryId: g.id, collectionId: c.id };
  });
  after(() => h.close());

  test('makeJpeg writes the size, camera, lens, capture time and GPS position asked for', async () => {
    const bytes = await makeJpeg({
      width: 640,
      height: 480,
      exif: {
        make: 'TestCam',
        model: 'TestCam X1',
        lens: '35mm f/2',
        takenAt: '2026-05-02T10:15:00',
        gps: { latitude: -33.8568, longitude: 151.2153 },
      },
    });
    const meta = await sharp(bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 640, 480]);
    const exif = await exifr.parse(bytes, { gps: true });
    assert.equal(exif.Make, 'TestCam');
    assert.equal(exif.Model, 'TestCam X1');
    assert.equal(exif.LensModel, '35mm f/2');
    assert.equal(exif.GPSLatitudeRef, 'S');
    assert.ok(Math.abs(exif.latitude - -33.8568) < 1e-4, `latitude ${exif.latitude}`);
    assert.ok(Math.abs(exif.longitude - 151.2153) < 1e-4, `longitude ${exif.longitude}`);
  });

  test('addPhoto leaves a ready photo with every size stored, at the end of its gallery', async () => {
    const first = await addPhoto(h, ids);
    const second = await addPhoto(h, { ...ids, filename: 'second.jpg', hidden: true });
    assert.equal(first.status, 'ready');
    assert.equal(second.position, first.position + 1);
    assert.equal(second.filename, 'second.jpg');
    assert.equal(second.hidden, true);
    assert.equal(first.derivatives.length, 6);
    for (const d of first.derivatives) assert.ok(await h.storage.blobs.head(d.sha256), d.size);
    assert.ok(await h.storage.blobs.head(first.sha256), 'the original is stored');
  });

  test('bytes that are no image end failed; process: false stays processing', async () => {
    const failed = await addPhoto(h, { ...ids, bytes: Buffer.from('not an image at all') });
    assert.equal(failed.status, 'failed');
    assert.ok(failed.statusReason);
    const waiting = await addPhoto(h, { ...ids, process: false });
    assert.equal(waiting.status, 'processing');
  });

  test('addVideo leaves a ready video, its poster a placeholder in every size', async () => {
    const video = await addVideo(h, ids);
    assert.deepEqual(
      [video.kind, video.status, video.contentType],
      ['video', 'ready', 'video/mp4'],
    );
    assert.equal(video.derivatives.length, 6);
    const stored = await h.storage.blobs.head(video.sha256);
    assert.equal(stored?.size, video.size, 'the video itself is stored as uploaded');
  });
});
