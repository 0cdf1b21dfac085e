import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId } from '@proofsheet/protocol';
import type { DownloadRecord } from '../../src/storage/ports/download-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { at, bytes, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';

/** The behaviour every `DownloadStore` must have. */
export function describeDownloadStore(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`DownloadStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let accountId: string;
    let otherAccount: string;
    let made = 0;
    const COLLECTION = 48_213_907;
    const GALLERY = 530_144_826;

    function download(overrides: Partial<DownloadRecord> = {}): DownloadRecord {
      made += 1;
      return {
        id: newId('download', bytes),
        accountId,
        collectionId: COLLECTION,
        galleryId: GALLERY,
        photoId: 4_021_583_311,
        subject: 'photo',
        size: 'original',
        filename: 'DSC_0412.jpg',
        viewerKey: 'us_viewer',
        email: 'gallery-client@example.com',
        ip: '203.0.113.7',
        userAgent: 'Contract/1.0',
        rangeStart: 0,
        bytesExpected: 1000,
        bytesSent: null,
        completed: false,
        createdAt: at(made * 1000),
        finishedAt: null,
        ...overrides,
      };
    }

    before(async () => {
      storage = await makeStorage();
      accountId = (await seedAccount(storage, 'dl-a')).accountId;
      otherAccount = (await seedAccount(storage, 'dl-b')).accountId;
    });
    after(() => storage?.close());

    test('a record reads back field for field, and finish completes it once', async () => {
      const d = download({
        collectionId: 11_111_111,
        photoId: 5_000_000_001,
        email: null,
        userAgent: null,
      });
      await storage.downloads.record(d);
      const ending = { bytesSent: 1000, completed: true, at: at(999_999) };
      assert.equal(await storage.downloads.finish(d.id, ending), true);
      assert.equal(
        await storage.downloads.finish(d.id, { bytesSent: 5, completed: false, at: at(1) }),
        false,
        'a finished download is not finished again',
      );
      assert.equal(await storage.downloads.finish('dl_unknown', ending), false);
      const { items, total } = await storage.downloads.list(accountId, 11_111_111, {
        offset: 0,
        limit: 10,
      });
      assert.equal(total, 1);
      assert.deepEqual(items, [
        { ...d, bytesSent: 1000, completed: true, finishedAt: at(999_999) },
      ]);
    });

    test('a ZIP has no photo; sizes past 4 GiB keep every byte', async () => {
      const zip = download({
        collectionId: 22_222_222,
        galleryId: null,
        photoId: null,
        subject: 'collection',
        size: 'web',
        rangeStart: 5 * 2 ** 32,
        bytesExpected: 6 * 2 ** 32 + 7,
      });
      await storage.downloads.record(zip);
      await storage.downloads.finish(zip.id, {
        bytesSent: 6 * 2 ** 32 + 7,
        completed: true,
        at: at(5),
      });
      const [read] = (await storage.downloads.list(accountId, 22_222_222, { offset: 0, limit: 1 }))
        .items;
      assert.equal(read?.photoId, null);
      assert.equal(read?.galleryId, null);
      assert.equal(read?.rangeStart, 5 * 2 ** 32);
      assert.equal(read?.bytesSent, 6 * 2 ** 32 + 7);
    });

    test('a collection lists newest first, paged, filtered by subject, its own account only', async () => {
      const id = 33_333_333;
      const mine = [
        download({ collectionId: id, subject: 'photo' }),
        download({ collectionId: id, subject: 'video' }),
        download({ collectionId: id, subject: 'gallery', photoId: null }),
      ];
      for (const d of mine) await storage.downloads.record(d);
      await storage.downloads.record(download({ collectionId: id, accountId: otherAccount }));
      await storage.downloads.record(download({ collectionId: 44_444_444 }));
      const all = await storage.downloads.list(accountId, id, { offset: 0, limit: 10 });
      assert.deepEqual(
        all.items.map((d) => d.id),
        mine.map((d) => d.id).reverse(),
      );
      assert.equal(all.total, 3);
      const second = await storage.downloads.list(accountId, id, { offset: 1, limit: 1 });
      assert.deepEqual([second.items.map((d) => d.id), second.total], [[mine[1]?.id], 3]);
      const media = await storage.downloads.list(accountId, id, {
        offset: 0,
        limit: 10,
        subjects: ['photo', 'video'],
      });
      assert.deepEqual(
        media.items.map((d) => d.subject),
        ['video', 'photo'],
      );
      assert.equal(media.total, 2);
    });

    test('counts by photo: starts at byte 0 count, every byte adds up, latest first', async () => {
      const id = 55_555_555;
      const a = 6_000_000_001;
      const b = 6_000_000_002;
      const records = [
        download({ collectionId: id, photoId: a, filename: 'a-old.jpg' }),
        download({ collectionId: id, photoId: b }),
        download({ collectionId: id, photoId: b, rangeStart: 0 }),
        download({ collectionId: id, photoId: b, rangeStart: 400 }),
        download({ collectionId: id, photoId: a, filename: 'a-new.jpg' }),
        download({ collectionId: id, photoId: b, subject: 'video' }),
        download({ collectionId: id, photoId: null, subject: 'gallery' }),
      ];
      for (const d of records) {
        await storage.downloads.record(d);
        await storage.downloads.finish(d.id, { bytesSent: 100, completed: true, at: d.createdAt });
      }
      await storage.downloads.record(download({ collectionId: id, photoId: a }));
      const counts = await storage.downloads.countsByPhoto(accountId, id, {
        subject: 'photo',
        offset: 0,
        limit: 10,
        recent: 2,
      });
      assert.equal(counts.total, 2);
      const [first, second] = counts.items;
      assert.deepEqual(
        [first?.photoId, first?.downloadCount, first?.bytesSent, first?.galleryId],
        [a, 3, 200, GALLERY],
        'a: three started at 0 (one still running), 200 bytes sent',
      );
      assert.equal(first?.recent.length, 2, 'at most `recent` of them');
      assert.equal(first?.recent[0]?.bytesSent, null, 'the running one is the latest');
      assert.equal(first?.filename, 'DSC_0412.jpg');
      assert.deepEqual(
        [second?.photoId, second?.downloadCount, second?.bytesSent],
        [b, 2, 300],
        'b: the resumed part adds bytes, not a download',
      );
      assert.deepEqual(
        second?.recent.map((d) => d.rangeStart),
        [400, 0],
      );
      assert.deepEqual(second?.lastDownloadedAt, records[3]?.createdAt);
      const videos = await storage.downloads.countsByPhoto(accountId, id, {
        subject: 'video',
        offset: 0,
        limit: 10,
        recent: 5,
      });
      assert.deepEqual(
        videos.items.map((v) => [v.photoId, v.downloadCount]),
        [[b, 1]],
      );
      const paged = await storage.downloads.countsByPhoto(accountId, id, {
        subject: 'photo',
        offset: 1,
        limit: 1,
        recent: 1,
      });
      assert.deepEqual([paged.items.map((c) => c.photoId), paged.total], [[b], 2]);
      const none = await storage.downloads.countsByPhoto(otherAccount, id, {
        subject: 'photo',
        offset: 0,
        limit: 10,
        recent: 1,
      });
      assert.deepEqual(none, { items: [], total: 0 });
    });
  });
}
