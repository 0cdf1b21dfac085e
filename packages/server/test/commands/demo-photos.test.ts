import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { addDemoPhotos, demoPhotoPlan } from '../../src/commands/demo/add-demo-photos.js';
import { type DemoSeed, seedDemoData } from '../../src/commands/demo/demo-data.js';
import { DEMO_LONG_EDGE, renderDemoPhoto } from '../../src/commands/demo/demo-photos.js';
import { testConfig } from '../../src/config/config.js';
import { manualClock, systemRandom } from '../../src/deps.js';
import { processStoredPhoto } from '../../src/gallery/photos/processing.js';
import type { PhotoRecord } from '../../src/storage/ports/photo-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { openSqliteStorage } from '../helpers/open-storage.js';

describe('the demo photos', () => {
  let storage: Storage;
  let seed: DemoSeed;
  const clock = manualClock();
  const byGallery = new Map<number, PhotoRecord[]>();

  before(async () => {
    storage = await openSqliteStorage(':memory:');
    seed = await seedDemoData(storage, { clock, random: systemRandom, passwordHash: 'h' });
    const outcome = await addDemoPhotos(seed.galleries, {
      storage,
      config: testConfig(),
      clock,
      random: systemRandom,
      uploaderId: seed.owner.id,
      // Small originals: what is tested here is what is drawn and stored, not their size.
      longEdge: 360,
    });
    assert.equal(outcome.error, null);
    // Each is an upload: its processing job is queued, one per photo, for the photo workers.
    assert.equal((await storage.jobs.depth())['photo.process'], outcome.added);
    for (const g of seed.galleries) {
      const { items } = await storage.photos.listForGallery(g.accountId, g.galleryId, {
        offset: 0,
        limit: 100,
      });
      assert.ok(items.every((p) => p.status === 'processing' && p.uploadedBy === seed.owner.id));
      // What a worker does with each job.
      for (const p of items) await processStoredPhoto({ storage, clock }, p.id);
      byGallery.set(
        g.galleryId,
        (await storage.photos.listForGallery(g.accountId, g.galleryId, { offset: 0, limit: 100 }))
          .items,
      );
    }
  });
  after(() => storage?.close());

  it('uploads a few dozen photos into every demo gallery, as planned', () => {
    const all = [...byGallery.values()].flat();
    assert.ok(all.length >= 36 && all.length <= 72, `got ${all.length}`);
    assert.equal(all.length, demoPhotoPlan(seed.galleries).length);
    for (const g of seed.galleries) {
      const planned = g.collection.galleries[g.index]?.photos ?? 0;
      assert.ok(planned >= 2, g.collection.name);
      assert.equal(byGallery.get(g.galleryId)?.length, planned, g.collection.name);
    }
    assert.ok(all.every((p) => p.status === 'ready'));
    assert.equal(new Set(all.map((p) => p.filename)).size, all.length, 'file names are unique');
  });

  it('writes a camera’s EXIF into each original, which processing reads', () => {
    const wedding = byGallery.get(seed.galleries[0]?.galleryId ?? 0) ?? [];
    const first = wedding[0];
    assert.ok(first);
    assert.equal(first.camera, 'Canon EOS R5');
    assert.equal(first.lens, 'RF28-70mm F2 L USM');
    assert.match(first.takenAt ?? '', /^2026-06-14T\d\d:\d\d:\d\d$/);
    assert.equal(first.hasGps, true, 'the wedding originals carry a location');
    assert.match(first.filename, /^IMG_\d{4}\.jpg$/);
  });

  it('hides what the studio hid, mixes upright and landscape frames, and keeps the order', () => {
    const gettingReady = byGallery.get(seed.galleries[0]?.galleryId ?? 0) ?? [];
    assert.deepEqual(
      gettingReady.map((p) => p.hidden),
      [false, false, false, false, true],
    );
    assert.deepEqual(
      gettingReady.map((p) => p.position),
      [1, 2, 3, 4, 5],
    );
    const shapes = gettingReady.map((p) => ((p.width ?? 0) > (p.height ?? 0) ? 'wide' : 'tall'));
    assert.deepEqual(shapes, ['wide', 'tall', 'wide', 'wide', 'tall']);
  });

  it('never lets the location into what is shown: the derivatives have no GPS', async () => {
    const photo = byGallery.get(seed.galleries[1]?.galleryId ?? 0)?.[0];
    const preview = photo?.derivatives.find((d) => d.size === 'preview' && d.format === 'jpeg');
    assert.ok(photo && preview);
    const original = await storage.blobs.get(photo.sha256);
    const derivative = await storage.blobs.get(preview.sha256);
    assert.ok(original && derivative);
    const gps = await exifr.gps(await buffer(original));
    assert.ok(Math.abs((gps?.latitude ?? 0) - 45.5231) < 0.001, 'the original has it');
    assert.equal(await exifr.gps(await buffer(derivative)), undefined);
  });

  it('draws the same picture every time, 3:2 or 2:3 at the long edge asked for', async () => {
    const [first, second] = demoPhotoPlan(seed.galleries);
    assert.ok(first && second);
    const a = await renderDemoPhoto(first.spec);
    assert.deepEqual(await renderDemoPhoto(first.spec), a);
    const meta = await sharp(a).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.deepEqual([meta.width, meta.height], [DEMO_LONG_EDGE, (DEMO_LONG_EDGE * 2) / 3]);
    const upright = await sharp(await renderDemoPhoto(second.spec, 600)).metadata();
    assert.deepEqual([upright.width, upright.height], [400, 600]);
  });

  it('reports, rather than throws, a run cut short by the storage closing', async () => {
    const closed = await openSqliteStorage(':memory:');
    const s = await seedDemoData(closed, { clock, random: systemRandom, passwordHash: 'h' });
    await closed.close();
    const outcome = await addDemoPhotos(s.galleries, {
      storage: closed,
      config: testConfig(),
      clock,
      random: systemRandom,
      uploaderId: s.owner.id,
      longEdge: 120,
    });
    assert.equal(outcome.added, 0);
    assert.ok(outcome.error instanceof Error);
  });
});
