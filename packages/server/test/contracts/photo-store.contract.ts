import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { NewGallery } from '../../src/storage/ports/gallery-store.js';
import type { PhotoListOptions, PhotoRecord } from '../../src/storage/ports/photo-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { Database } from '../../src/storage/sql/schema.js';
import {
  at,
  type ContractOptions,
  fakeSha256,
  nextPhotoId,
  photoFixture,
  processedFixture,
  seedAccount,
} from './fixtures.js';

/** A storage to test, with its database for the rows no store writes yet (favorites). */
export type MakePhotoStorage = () => Promise<{ storage: Storage; db: Kysely<Database> }>;

/** The behaviour every `PhotoStore` must have. */
export function describePhotoStore(
  name: string,
  make: MakePhotoStorage,
  options: ContractOptions = {},
): void {
  describe(`PhotoStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let db: Kysely<Database>;
    let accountId: string;
    let otherAccount: string;
    let nextCollection = 30_000_000;
    let nextGallery = 300_000_000;

    let clientId: string;

    before(async () => {
      ({ storage, db } = await make());
      const seeded = await seedAccount(storage, 'photos-a');
      accountId = seeded.accountId;
      clientId = seeded.users.gallery_client.id;
      otherAccount = (await seedAccount(storage, 'photos-b')).accountId;
    });
    after(() => storage?.close());

    /** A fresh collection and gallery of `account`. */
    async function newGallery(
      account = accountId,
      shape: { sharedWith?: string[]; expiryDate?: string; private?: boolean } = {},
    ): Promise<NewGallery> {
      const collectionId = ++nextCollection;
      await storage.collections.create({
        id: collectionId,
        accountId: account,
        name: `Collection ${collectionId}`,
        description: null,
        passwordProtected: false,
        passwordHash: null,
        downloadable: true,
        expiryDate: shape.expiryDate ?? null,
        sharedWith: shape.sharedWith ?? [],
        createdAt: at(0),
        updatedAt: at(0),
      });
      const gallery: NewGallery = {
        id: ++nextGallery,
        collectionId,
        accountId: account,
        name: `Gallery ${nextGallery}`,
        description: null,
        private: shape.private ?? false,
        download: true,
        favoriteCount: 0,
        createdAt: at(0),
        updatedAt: at(0),
      };
      assert.equal(await storage.galleries.create(gallery), true);
      return gallery;
    }

    async function add(g: NewGallery, overrides: Partial<PhotoRecord> = {}): Promise<PhotoRecord> {
      const result = await storage.photos.create(
        photoFixture(g.accountId, g.collectionId, g.id, overrides),
      );
      assert.ok('created' in result, `created, not ${JSON.stringify(result)}`);
      return result.created;
    }

    async function addReady(g: NewGallery, overrides: Partial<PhotoRecord> = {}) {
      const photo = await add(g, overrides);
      const ready = await storage.photos.markReady(photo.id, processedFixture(photo.id), at(5));
      assert.ok(ready);
      return ready;
    }

    async function positions(g: NewGallery): Promise<Array<[number, number]>> {
      const { items } = await storage.photos.listForGallery(g.accountId, g.id, {
        offset: 0,
        limit: 100,
      });
      return items.map((p) => [p.id, p.position]);
    }

    /** The ids in order, and the positions 1..n they must have. */
    async function assertGapless(g: NewGallery, ids: readonly number[]): Promise<void> {
      assert.deepEqual(
        await positions(g),
        ids.map((id, i) => [id, i + 1]),
      );
    }

    test('findVisible: the studio any photo of its account, a client only what they may see', async () => {
      const scope = { userId: clientId, today: '2026-01-15' };
      const shared = { sharedWith: [clientId] };
      const open = await newGallery(accountId, shared);
      const culls = await newGallery(accountId, { ...shared, private: true });
      const lastDay = await newGallery(accountId, { ...shared, expiryDate: '2026-01-15' });
      const expired = await newGallery(accountId, { ...shared, expiryDate: '2026-01-14' });
      const unshared = await newGallery(accountId);
      const photos = {
        seen: await addReady(open),
        hidden: await addReady(open, { hidden: true }),
        waiting: await add(open),
        culled: await addReady(culls),
        lastDay: await addReady(lastDay),
        expired: await addReady(expired),
        unshared: await addReady(unshared),
      };
      const seenBy = async (visibleTo?: typeof scope) => {
        const out: string[] = [];
        for (const [name, photo] of Object.entries(photos)) {
          if (await storage.photos.findVisible(accountId, photo.id, visibleTo)) out.push(name);
        }
        return out;
      };
      assert.deepEqual(await seenBy(), Object.keys(photos));
      assert.deepEqual(await seenBy(scope), ['seen', 'lastDay']);
      assert.deepEqual(
        await seenBy({ userId: 'us_someone_else', today: '2026-01-15' }),
        [],
        'not shared with them',
      );
      assert.deepEqual(
        await storage.photos.findVisible(accountId, photos.seen.id, scope),
        photos.seen,
      );
      assert.equal(await storage.photos.findVisible(otherAccount, photos.seen.id), null);
      // A photo whose gallery is gone is no one's to see.
      await storage.galleries.delete(accountId, open.collectionId, open.id);
      assert.equal(await storage.photos.findVisible(accountId, photos.seen.id), null);
    });

    test('create adds at the end of its gallery, whatever position the record had', async () => {
      const g = await newGallery();
      const a = await add(g, { position: 40 });
      const b = await add(g, { position: 1 });
      const c = await add(g);
      assert.deepEqual([a.position, b.position, c.position], [1, 2, 3]);
      assert.deepEqual(await storage.photos.findInAccount(accountId, a.id), a);
      assert.deepEqual(await storage.photos.findById(b.id), b);
    });

    test('a taken id is refused and nothing is written', async () => {
      const g = await newGallery();
      const first = await add(g, { size: 500 });
      const usage = await storage.photos.usage(accountId);
      const clash = await storage.photos.create(
        photoFixture(accountId, g.collectionId, g.id, { id: first.id, size: 9_000 }),
      );
      assert.deepEqual(clash, { refused: 'id_taken' });
      assert.equal(await storage.photos.usage(accountId), usage);
      await assertGapless(g, [first.id]);
    });

    test('concurrent creates in one gallery get distinct, gapless positions', async () => {
      const g = await newGallery();
      const made = await Promise.all(Array.from({ length: 12 }, () => add(g)));
      assert.deepEqual(
        made.map((p) => p.position).sort((x, y) => x - y),
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      const byPosition = [...made].sort((x, y) => x.position - y.position).map((p) => p.id);
      await assertGapless(g, byPosition);
    });

    test('reorder moves one photo and shifts the others, without gaps', async () => {
      const g = await newGallery();
      const made: PhotoRecord[] = [];
      for (let i = 0; i < 5; i++) made.push(await add(g));
      const [a, b, c, d, e] = made as [
        PhotoRecord,
        PhotoRecord,
        PhotoRecord,
        PhotoRecord,
        PhotoRecord,
      ];
      const move = (photo: PhotoRecord, position: number) =>
        storage.photos.update(accountId, photo.id, { position, updatedAt: at(9) });
      assert.equal((await move(d, 2))?.position, 2);
      await assertGapless(g, [a.id, d.id, b.id, c.id, e.id]);
      assert.equal((await move(a, 4))?.position, 4);
      await assertGapless(g, [d.id, b.id, c.id, a.id, e.id]);
      assert.equal((await move(b, 99))?.position, 5, 'past the end is the end');
      await assertGapless(g, [d.id, c.id, a.id, e.id, b.id]);
      assert.equal((await move(c, 2))?.position, 2, 'to where it is: nothing moves');
      await assertGapless(g, [d.id, c.id, a.id, e.id, b.id]);
    });

    test('concurrent moves and deletes in one gallery leave positions 1..n', async () => {
      const g = await newGallery();
      const made: PhotoRecord[] = [];
      for (let i = 0; i < 10; i++) made.push(await add(g));
      const moves = made.slice(0, 8).map((photo, i) =>
        storage.photos.update(accountId, photo.id, {
          position: ((i * 7) % 10) + 1,
          updatedAt: at(i),
        }),
      );
      const deletes = made.slice(8).map((photo) => storage.photos.delete(accountId, photo.id));
      await Promise.all([...moves, ...deletes]);
      const after = await positions(g);
      assert.deepEqual(
        after.map(([, position]) => position),
        [1, 2, 3, 4, 5, 6, 7, 8],
        JSON.stringify(after),
      );
      assert.deepEqual(
        new Set(after.map(([id]) => id)),
        new Set(made.slice(0, 8).map((p) => p.id)),
      );
    });

    test('delete closes the gap, wherever the photo was', async () => {
      const g = await newGallery();
      const photos: PhotoRecord[] = [];
      for (let i = 0; i < 5; i++) photos.push(await add(g));
      const [a, b, c, d, e] = photos.map((p) => p.id) as [number, number, number, number, number];
      assert.equal((await storage.photos.delete(accountId, c))?.id, c);
      await assertGapless(g, [a, b, d, e]);
      await storage.photos.delete(accountId, a);
      await assertGapless(g, [b, d, e]);
      await storage.photos.delete(accountId, e);
      await assertGapless(g, [b, d]);
      assert.equal(await storage.photos.delete(accountId, e), null, 'gone');
      assert.equal(await storage.photos.findById(e), null);
    });

    test('deleteAll deletes a gallery’s or a collection’s photos, their favorites and usage', async () => {
      const { accountId: fresh } = await seedAccount(storage, `all-${nextGallery}`);
      const one = await newGallery(fresh);
      const two = await newGallery(fresh);
      const kept = await newGallery(fresh);
      const inOne = [await add(one, { size: 10 }), await add(one, { size: 20 })];
      const inTwo = [await add(two, { size: 40 })];
      const stays = await add(kept, { size: 80 });
      await storage.photos.markReady(
        inOne[0]?.id ?? 0,
        processedFixture(4_000 + nextGallery, 1),
        at(1),
      );
      await db
        .insertInto('photo_favorites')
        .values({ list_id: 'fl_x', photo_id: inOne[1]?.id ?? 0, owner_key: 'us_x', created_at: 0 })
        .execute();
      assert.equal(await storage.photos.usage(fresh), 156);
      const gone = await storage.photos.deleteAll(fresh, { galleryId: one.id });
      assert.deepEqual(gone.map((p) => p.id).sort(), inOne.map((p) => p.id).sort());
      assert.equal(gone.find((p) => p.id === inOne[0]?.id)?.derivatives.length, 6, 'as deleted');
      assert.equal(await storage.photos.usage(fresh), 120);
      assert.equal(await storage.photos.isBlobReferenced(inOne[0]?.sha256 ?? ''), false);
      const favorites = await db
        .selectFrom('photo_favorites')
        .select('photo_id')
        .where('photo_id', '=', inOne[1]?.id ?? 0)
        .execute();
      assert.deepEqual(favorites, []);
      const byCollection = await storage.photos.deleteAll(fresh, {
        collectionId: two.collectionId,
      });
      assert.deepEqual(
        byCollection.map((p) => p.id),
        inTwo.map((p) => p.id),
      );
      assert.equal(await storage.photos.usage(fresh), 80);
      assert.deepEqual(await storage.photos.findById(stays.id), stays);
      assert.deepEqual(
        await storage.photos.deleteAll(accountId, { galleryId: kept.id }),
        [],
        'not another account’s',
      );
      assert.deepEqual(await storage.photos.deleteAll(fresh, { galleryId: one.id }), []);
    });

    test('another account’s photo is not found, not updated, not deleted', async () => {
      const g = await newGallery(otherAccount);
      const theirs = await add(g);
      assert.equal(await storage.photos.findInAccount(accountId, theirs.id), null);
      assert.equal(
        await storage.photos.update(accountId, theirs.id, { hidden: true, updatedAt: at(1) }),
        null,
      );
      assert.equal(await storage.photos.delete(accountId, theirs.id), null);
      assert.equal(await storage.photos.setCover(accountId, g.id, theirs.id), false);
      assert.deepEqual(await storage.photos.findById(theirs.id), theirs);
      const listed = await storage.photos.listForGallery(accountId, g.id, {
        offset: 0,
        limit: 10,
      });
      assert.deepEqual(listed, { items: [], total: 0 });
    });

    test('usage: create adds the original, markReady its sizes (replacing older ones), delete all', async () => {
      const { accountId: fresh } = await seedAccount(storage, `usage-${nextGallery}`);
      const g = await newGallery(fresh);
      assert.equal(await storage.photos.usage(fresh), 0);
      const photo = await add(g, { size: 1_000 });
      assert.equal(await storage.photos.usage(fresh), 1_000);
      await storage.photos.markReady(photo.id, processedFixture(1, 100), at(1));
      assert.equal(await storage.photos.usage(fresh), 1_600, 'six sizes of 100 bytes');
      // Processed again (a retry after a crash), with other sizes: they replace the first.
      await storage.photos.markReady(photo.id, processedFixture(2, 50), at(2));
      assert.equal(await storage.photos.usage(fresh), 1_300);
      const other = await add(g, { size: 2_000 });
      assert.equal(await storage.photos.usage(fresh), 3_300);
      await storage.photos.delete(fresh, photo.id);
      assert.equal(await storage.photos.usage(fresh), 2_000);
      await storage.photos.delete(fresh, other.id);
      assert.equal(await storage.photos.usage(fresh), 0);
    });

    test('a quota refuses a photo that would exceed it, and writes nothing', async () => {
      const { accountId: fresh } = await seedAccount(storage, `quota-${nextGallery}`);
      const g = await newGallery(fresh);
      const kept = await storage.photos.create(
        photoFixture(fresh, g.collectionId, g.id, { size: 600 }),
        { quotaBytes: 1_000 },
      );
      assert.ok('created' in kept);
      const over = photoFixture(fresh, g.collectionId, g.id, { size: 401 });
      assert.deepEqual(await storage.photos.create(over, { quotaBytes: 1_000 }), {
        refused: 'quota_exceeded',
      });
      assert.equal(await storage.photos.findById(over.id), null);
      assert.equal(await storage.photos.isBlobReferenced(over.sha256), false);
      assert.equal(await storage.photos.usage(fresh), 600);
      await assertGapless(g, [kept.created.id]);
      const exact = photoFixture(fresh, g.collectionId, g.id, { size: 400 });
      assert.ok('created' in (await storage.photos.create(exact, { quotaBytes: 1_000 })));
      assert.equal(await storage.photos.usage(fresh), 1_000, 'up to the quota is allowed');
      const unlimited = photoFixture(fresh, g.collectionId, g.id, { size: 5_000 });
      assert.ok('created' in (await storage.photos.create(unlimited, { quotaBytes: null })));
    });

    test('markReady fills in what processing found; markFailed keeps the reason', async () => {
      const g = await newGallery();
      const photo = await add(g);
      assert.equal(photo.status, 'processing');
      const fields = processedFixture(photo.id);
      const ready = await storage.photos.markReady(photo.id, fields, at(7));
      assert.equal(ready?.status, 'ready');
      assert.deepEqual(
        [ready?.width, ready?.height, ready?.thumbhash, ready?.derivatives],
        [fields.width, fields.height, fields.thumbhash, fields.derivatives],
      );
      assert.deepEqual(ready?.updatedAt, at(7));
      const broken = await add(g);
      const failed = await storage.photos.markFailed(broken.id, 'Not an image', at(8));
      assert.deepEqual([failed?.status, failed?.statusReason], ['failed', 'Not an image']);
      assert.equal(await storage.photos.markReady(nextPhotoId(), fields, at(1)), null);
      assert.equal(await storage.photos.markFailed(nextPhotoId(), 'x', at(1)), null);
    });

    test('blob references: original and sizes, shared between photos, released with the last', async () => {
      const g = await newGallery();
      const shared = fakeSha256(777_000 + nextGallery);
      const one = await add(g, { sha256: shared });
      const two = await add(g, { sha256: shared });
      await storage.photos.markReady(one.id, processedFixture(900 + nextGallery), at(1));
      const sizes = processedFixture(900 + nextGallery).derivatives.map((d) => d.sha256);
      assert.equal(await storage.photos.isBlobReferenced(shared), true);
      for (const key of sizes) assert.equal(await storage.photos.isBlobReferenced(key), true);
      const all = await storage.photos.referencedBlobs();
      for (const key of [shared, ...sizes]) assert.ok(all.has(key), key);

      // Processed again with other sizes: the old ones are no longer held.
      await storage.photos.markReady(one.id, processedFixture(950 + nextGallery), at(2));
      for (const key of sizes) assert.equal(await storage.photos.isBlobReferenced(key), false);

      await storage.photos.delete(accountId, one.id);
      assert.equal(await storage.photos.isBlobReferenced(shared), true, 'two still holds it');
      await storage.photos.delete(accountId, two.id);
      assert.equal(await storage.photos.isBlobReferenced(shared), false);
      assert.equal((await storage.photos.referencedBlobs()).has(shared), false);
    });

    test('listForGallery: visibleOnly, status, total and the orders', async () => {
      const g = await newGallery();
      const a = await addReady(g, { filename: 'b.jpg', createdAt: at(3) });
      const b = await addReady(g, { filename: 'a.jpg', createdAt: at(1) });
      // Lower case throughout: how names of other cases sort is the database's collation.
      const hidden = await addReady(g, { filename: 'd.jpg', hidden: true, createdAt: at(2) });
      const waiting = await add(g, { filename: 'c.jpg', createdAt: at(4) });
      await storage.photos.markReady(
        b.id,
        { ...processedFixture(b.id), takenAt: '2026-05-02T10:00:00' },
        at(5),
      );
      await storage.photos.markReady(
        a.id,
        { ...processedFixture(a.id), takenAt: '2026-05-01T10:00:00' },
        at(5),
      );
      const ids = async (opts: Partial<PhotoListOptions>) => {
        const page = await storage.photos.listForGallery(accountId, g.id, {
          offset: 0,
          limit: 10,
          ...opts,
        });
        return { ids: page.items.map((p) => p.id), total: page.total };
      };
      assert.deepEqual(await ids({}), { ids: [a.id, b.id, hidden.id, waiting.id], total: 4 });
      assert.deepEqual(await ids({ visibleOnly: true }), { ids: [a.id, b.id], total: 2 });
      assert.deepEqual(await ids({ status: 'processing' }), { ids: [waiting.id], total: 1 });
      assert.deepEqual(await ids({ limit: 1, offset: 1 }), { ids: [b.id], total: 4 });
      assert.deepEqual((await ids({ order: 'filename' })).ids, [b.id, a.id, waiting.id, hidden.id]);
      assert.deepEqual((await ids({ order: 'uploaded' })).ids, [b.id, hidden.id, a.id, waiting.id]);
      // By capture time; those without one last, in the studio's order.
      assert.deepEqual((await ids({ order: 'taken_at' })).ids, [a.id, b.id, hidden.id, waiting.id]);
    });

    test('the favorites filter: the person’s favorites in any list, or in one, or the others', async () => {
      const g = await newGallery();
      const photos: PhotoRecord[] = [];
      for (let i = 0; i < 4; i++) photos.push(await addReady(g));
      const [p0, p1, p2, p3] = photos as [PhotoRecord, PhotoRecord, PhotoRecord, PhotoRecord];
      const list = async (id: string, ownerKey: string, faves: PhotoRecord[]) => {
        await db
          .insertInto('favorite_lists')
          .values({
            id,
            account_id: accountId,
            collection_id: g.collectionId,
            owner_key: ownerKey,
            name: id,
            min_selection: null,
            max_selection: null,
            is_default: 0,
            set_by_studio: 0,
            created_at: 0,
            updated_at: 0,
          })
          .execute();
        for (const photo of faves) {
          await db
            .insertInto('photo_favorites')
            .values({ list_id: id, photo_id: photo.id, owner_key: ownerKey, created_at: 0 })
            .execute();
        }
      };
      const ana = `us_ana${nextGallery}`;
      const ben = `vi_ben${nextGallery}`;
      await list(`fl_a1_${nextGallery}`, ana, [p0, p2]);
      await list(`fl_a2_${nextGallery}`, ana, [p2, p3]);
      await list(`fl_b1_${nextGallery}`, ben, [p1]);
      const ids = async (favorites: PhotoListOptions['favorites']) => {
        const page = await storage.photos.listForGallery(accountId, g.id, {
          offset: 0,
          limit: 10,
          ...(favorites ? { favorites } : {}),
        });
        return [page.items.map((p) => p.id), page.total];
      };
      assert.deepEqual(await ids({ ownerKey: ana, favorited: true }), [[p0.id, p2.id, p3.id], 3]);
      assert.deepEqual(await ids({ ownerKey: ana, favorited: false }), [[p1.id], 1]);
      assert.deepEqual(
        await ids({ ownerKey: ana, favorited: true, listId: `fl_a2_${nextGallery}` }),
        [[p2.id, p3.id], 2],
      );
      assert.deepEqual(
        await ids({ ownerKey: ana, favorited: false, listId: `fl_a2_${nextGallery}` }),
        [[p0.id, p1.id], 2],
      );
      assert.deepEqual(await ids({ ownerKey: ben, favorited: true }), [[p1.id], 1]);
      assert.deepEqual(await ids({ ownerKey: 'nobody', favorited: true }), [[], 0]);
      const mine = await storage.photos.favoritedBy(
        ana,
        photos.map((p) => p.id),
      );
      assert.deepEqual([...mine].sort(), [p0.id, p2.id, p3.id].sort());
      assert.deepEqual([...(await storage.photos.favoritedBy(ana, []))], []);
    });

    test('covers: the first ready photo, else the chosen one as each viewer may see it', async () => {
      const g = await newGallery();
      const empty = await newGallery();
      const cover = async (visibleOnly: boolean) =>
        (await storage.photos.coversOf(accountId, [g.id, empty.id], { visibleOnly })).get(g.id)?.id;
      const waiting = await add(g);
      assert.equal(await cover(false), undefined, 'a processing photo is no cover');
      const first = await addReady(g);
      const second = await addReady(g);
      assert.equal(await cover(false), first.id);
      assert.equal(await cover(true), first.id);
      const covers = await storage.photos.coversOf(accountId, [g.id, empty.id], {
        visibleOnly: false,
      });
      assert.equal(covers.has(empty.id), false, 'a gallery without photos has none');

      assert.equal(await storage.photos.setCover(accountId, g.id, second.id), true);
      assert.equal(await cover(false), second.id);
      assert.equal(await cover(true), second.id);

      // The chosen cover hidden: still the studio's, the first visible one for clients.
      await storage.photos.update(accountId, second.id, { hidden: true, updatedAt: at(1) });
      assert.equal(await cover(false), second.id);
      assert.equal(await cover(true), first.id);
      await storage.photos.update(accountId, first.id, { hidden: true, updatedAt: at(1) });
      assert.equal(await cover(true), undefined, 'nothing a client may see');

      // A chosen cover that is not ready is passed over, by everyone.
      await storage.photos.setCover(accountId, g.id, waiting.id);
      assert.equal(await cover(false), first.id);

      // Deleting the chosen cover clears the choice.
      await storage.photos.setCover(accountId, g.id, second.id);
      await storage.photos.delete(accountId, second.id);
      assert.equal(await cover(false), first.id);
      const third = await addReady(g);
      await storage.photos.update(accountId, first.id, { position: 3, updatedAt: at(1) });
      assert.equal(await cover(false), third.id, 'the first in position order');

      assert.equal(await storage.photos.setCover(accountId, g.id, null), true);
      assert.equal(await storage.photos.setCover(accountId, 999_999_999, null), false);
      assert.equal((await storage.photos.coversOf(accountId, [], { visibleOnly: false })).size, 0);
    });

    test('listProcessing lists what has not finished, oldest first', async () => {
      const g = await newGallery();
      const one = await add(g);
      const two = await add(g);
      await addReady(g);
      const processing = (await storage.photos.listProcessing(1000)).map((p) => p.id);
      const mine = processing.filter((id) => id === one.id || id === two.id);
      assert.deepEqual(
        mine,
        [one.id, two.id].sort((x, y) => x - y),
      );
      assert.equal((await storage.photos.listProcessing(1)).length, 1);
    });
  });
}
