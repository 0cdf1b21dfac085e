import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Role } from '@proofsheet/protocol';
import type {
  FavoritedPhotoQuery,
  FavoriteListRecord,
  FavoriteListView,
  FavoriteStore,
} from '../../src/storage/ports/favorite-store.js';
import type { PhotoRecord } from '../../src/storage/ports/photo-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { at, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';
import {
  addCollection,
  addGallery,
  addPhoto,
  IdSequence,
  listFixture,
} from './proofing-fixtures.js';

/** The behaviour every {@link FavoriteStore} must have, concurrency included. */
export function describeFavoriteStore(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`FavoriteStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let store: FavoriteStore;
    let accountId: string;
    let otherAccount: string;
    let users: Record<Role, UserRecord>;
    let client: string;
    let owner: string;
    let collectionId: number;
    let otherCollection: number;
    /** Ready and visible, in the collection's public gallery, in position order. */
    const photos: PhotoRecord[] = [];
    let hidden: PhotoRecord;
    let processing: PhotoRecord;
    let inPrivate: PhotoRecord;
    let elsewhere: PhotoRecord;
    const ids = new IdSequence(7);

    before(async () => {
      storage = await makeStorage();
      store = storage.favorites;
      ({ accountId, users } = await seedAccount(storage, 'fav-a'));
      otherAccount = (await seedAccount(storage, 'fav-b')).accountId;
      client = users.gallery_client.id;
      owner = users.owner.id;
      collectionId = await addCollection(storage, ids, accountId, [client]);
      const open = await addGallery(storage, ids, accountId, collectionId);
      const closed = await addGallery(storage, ids, accountId, collectionId, { private: true });
      const where = { accountId, collectionId, galleryId: open };
      for (let i = 0; i < 10; i++) photos.push(await addPhoto(storage, ids, where));
      hidden = await addPhoto(storage, ids, where, { hidden: true });
      processing = await addPhoto(storage, ids, where, { status: 'processing' });
      inPrivate = await addPhoto(storage, ids, { ...where, galleryId: closed });
      otherCollection = await addCollection(storage, ids, accountId, [client]);
      const far = await addGallery(storage, ids, accountId, otherCollection);
      elsewhere = await addPhoto(storage, ids, {
        accountId,
        collectionId: otherCollection,
        galleryId: far,
      });
    });
    after(() => storage?.close());

    function photo(i: number): PhotoRecord {
      const p = photos[i];
      assert.ok(p, `photo ${i}`);
      return p;
    }

    async function countOf(p: PhotoRecord): Promise<number> {
      return (await storage.photos.findById(p.id))?.favoriteCount ?? -1;
    }

    async function newList(
      ownerKey: string,
      overrides: Partial<FavoriteListRecord> = {},
      collection = collectionId,
    ): Promise<FavoriteListView> {
      const made = await store.createList(listFixture(accountId, collection, ownerKey, overrides), {
        maxPerOwner: 50,
      });
      assert.ok('created' in made, JSON.stringify(made));
      return made.created;
    }

    async function add(listId: string, p: PhotoRecord, ms = 0) {
      return store.addFavorite(accountId, listId, p.id, at(ms));
    }

    /** Every photo's `favoriteCount` equals the people who have it in a list. */
    async function assertCountsExact(): Promise<void> {
      const query: FavoritedPhotoQuery = {
        visibleOnly: false,
        order: 'gallery',
        entries: true,
        offset: 0,
        limit: 100,
      };
      const { items } = await store.favoritedPhotos(accountId, query);
      const people = new Map(items.map((i) => [i.photo.id, i.people]));
      for (const p of [...photos, hidden, processing, inPrivate, elsewhere]) {
        assert.equal(await countOf(p), people.get(p.id) ?? 0, `favorite_count of ${p.filename}`);
      }
    }

    test('a default list is made once per person and collection, however many race for it', async () => {
      const made = await Promise.all(
        Array.from({ length: 6 }, () =>
          store.ensureDefault(listFixture(accountId, collectionId, client, { name: 'Favorites' })),
        ),
      );
      assert.equal(new Set(made.map((l) => l.id)).size, 1);
      const first = made[0];
      assert.equal(first?.isDefault, true);
      assert.equal(first?.owner.name, 'gallery_client Contract');
      assert.equal(first?.owner.studio, false);
      const { items, total } = await store.listsOf(accountId, collectionId, {
        ownerKey: client,
        offset: 0,
        limit: 10,
      });
      assert.equal(total, 1);
      assert.deepEqual(
        items.map((l) => l.id),
        [first?.id],
      );
      const again = await store.ensureDefault(listFixture(accountId, otherCollection, client));
      assert.notEqual(again.id, first?.id, 'another collection has a default of its own');
    });

    test('adding a photo counts its person once; adding it again changes nothing', async () => {
      const list = await newList(client, { name: 'Once' });
      const first = await add(list.id, photo(0), 10);
      assert.ok(first && 'added' in first);
      assert.equal(first.added, true);
      assert.equal(first.list.photoCount, 1);
      assert.deepEqual(first.list.updatedAt, at(10));
      assert.equal(await countOf(photo(0)), 1);
      const again = await add(list.id, photo(0), 20);
      assert.ok(again && 'added' in again);
      assert.equal(again.added, false);
      assert.equal(again.list.photoCount, 1);
      assert.equal(await countOf(photo(0)), 1);
      await store.deleteList(accountId, list.id);
      assert.equal(await countOf(photo(0)), 0);
    });

    test('parallel adds of the same photo to one list count once', async () => {
      const list = await newList(client, { name: 'Race' });
      const results = await Promise.all(Array.from({ length: 8 }, () => add(list.id, photo(1))));
      const added = results.filter((r) => r && 'added' in r && r.added);
      assert.equal(added.length, 1);
      assert.equal(await countOf(photo(1)), 1);
      assert.equal((await store.findList(accountId, list.id))?.photoCount, 1);
      await store.deleteList(accountId, list.id);
    });

    test("one person's photo in two lists, added in parallel, is one favorite of the photo", async () => {
      const a = await newList(client, { name: 'A' });
      const b = await newList(client, { name: 'B' });
      await Promise.all([add(a.id, photo(2)), add(b.id, photo(2)), add(a.id, photo(2))]);
      assert.equal(await countOf(photo(2)), 1);
      await add(a.id, photo(3));
      const staffList = await newList(owner, { name: 'Studio picks' });
      await add(staffList.id, photo(2));
      assert.equal(await countOf(photo(2)), 2, 'a second person counts');
      const removed = await store.removeFavorite(accountId, a.id, photo(2).id, at(30));
      assert.ok(removed && 'removed' in removed && removed.removed);
      assert.equal(await countOf(photo(2)), 2, 'still in list B');
      await store.removeFavorite(accountId, b.id, photo(2).id, at(31));
      assert.equal(await countOf(photo(2)), 1);
      const none = await store.removeFavorite(accountId, b.id, photo(2).id, at(32));
      assert.ok(none && 'removed' in none);
      assert.equal(none.removed, false);
      assert.equal(await countOf(photo(2)), 1, 'removing what is not there changes nothing');
      await Promise.all([a, b, staffList].map((l) => store.deleteList(accountId, l.id)));
      assert.equal(await countOf(photo(2)), 0);
      assert.equal(await countOf(photo(3)), 0);
    });

    test('the maximum selection is never exceeded by parallel adds', async () => {
      const list = await newList(client, { name: 'Pick three', maxSelection: 3 });
      const results = await Promise.all(photos.slice(0, 8).map((p, i) => add(list.id, p, i)));
      const added = results.filter((r) => r && 'added' in r && r.added).length;
      const full = results.filter((r) => r && 'refused' in r && r.refused === 'full').length;
      assert.equal(added, 3);
      assert.equal(full, 5);
      assert.equal((await store.findList(accountId, list.id))?.photoCount, 3);
      await assertCountsExact();
      await store.deleteList(accountId, list.id);
    });

    test('hidden, unprocessed and private-gallery photos are outside the selection and its limits', async () => {
      const list = await newList(owner, { name: 'Studio', maxSelection: 1 });
      for (const p of [hidden, processing, inPrivate]) {
        const r = await add(list.id, p);
        assert.ok(r && 'added' in r && r.added, p.filename);
      }
      assert.equal((await store.findList(accountId, list.id))?.photoCount, 0);
      assert.ok(await add(list.id, photo(4)).then((r) => r && 'added' in r && r.added));
      const over = await add(list.id, photo(5));
      assert.deepEqual(over, { refused: 'full' });
      assert.equal(await countOf(hidden), 1, 'the photo itself still counts the favorite');
      await store.deleteList(accountId, list.id);
      assert.equal(await countOf(hidden), 0);
    });

    test('a submitted list refuses changes until reopened; submitting checks the minimum', async () => {
      const list = await newList(client, { name: 'Album', minSelection: 2, maxSelection: 5 });
      await add(list.id, photo(6));
      const short = await store.submitList(accountId, list.id, at(50));
      assert.ok(short && 'short' in short);
      assert.equal(short.short.photoCount, 1);
      assert.equal((await store.findList(accountId, list.id))?.submittedAt, null);
      await add(list.id, photo(7));
      const done = await store.submitList(accountId, list.id, at(60));
      assert.ok(done && 'list' in done);
      assert.equal(done.changed, true);
      assert.deepEqual(done.list.submittedAt, at(60));
      const twice = await store.submitList(accountId, list.id, at(70));
      assert.ok(twice && 'list' in twice);
      assert.equal(twice.changed, false);
      assert.deepEqual(twice.list.submittedAt, at(60), 'the first submission stands');
      assert.deepEqual(await add(list.id, photo(8)), { refused: 'submitted' });
      assert.deepEqual(await store.removeFavorite(accountId, list.id, photo(6).id, at(71)), {
        refused: 'submitted',
      });
      assert.equal(await countOf(photo(8)), 0);
      const reopened = await store.updateList(accountId, list.id, {
        reopen: true,
        updatedAt: at(80),
      });
      assert.ok(reopened && !('refused' in reopened));
      assert.equal(reopened.submittedAt, null);
      assert.equal(reopened.name, 'Album', 'fields not named are kept');
      assert.equal(reopened.minSelection, 2);
      assert.ok(await add(list.id, photo(8)).then((r) => r && 'added' in r && r.added));
      await store.deleteList(accountId, list.id);
    });

    test('limits that contradict are refused and change nothing', async () => {
      const refused = await store.createList(
        listFixture(accountId, collectionId, client, { minSelection: 5, maxSelection: 4 }),
        { maxPerOwner: 50 },
      );
      assert.deepEqual(refused, { refused: 'min_above_max' });
      const list = await newList(client, { name: 'Limits', minSelection: 3 });
      assert.deepEqual(
        await store.updateList(accountId, list.id, { maxSelection: 2, updatedAt: at(90) }),
        { refused: 'min_above_max' },
      );
      const kept = await store.findList(accountId, list.id);
      assert.equal(kept?.maxSelection, null);
      assert.deepEqual(kept?.updatedAt, list.updatedAt);
      const changed = await store.updateList(accountId, list.id, {
        name: 'Renamed',
        minSelection: null,
        maxSelection: 2,
        updatedAt: at(91),
      });
      assert.ok(changed && !('refused' in changed));
      assert.deepEqual(
        [changed.name, changed.minSelection, changed.maxSelection],
        ['Renamed', null, 2],
      );
      await store.deleteList(accountId, list.id);
    });

    test('a person may have only so many lists in a collection, even when racing', async () => {
      const visitor = 'vi_contract_visitor';
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          store.createList(listFixture(accountId, collectionId, visitor, { name: `L${i}` }), {
            maxPerOwner: 3,
          }),
        ),
      );
      assert.equal(results.filter((r) => 'created' in r).length, 3);
      assert.equal(results.filter((r) => 'refused' in r && r.refused === 'too_many').length, 2);
      const { items, total } = await store.listsOf(accountId, collectionId, {
        ownerKey: visitor,
        offset: 0,
        limit: 10,
      });
      assert.equal(total, 3);
      assert.deepEqual(items[0]?.owner, { name: null, email: null, studio: false });
      await Promise.all(items.map((l) => store.deleteList(accountId, l.id)));
    });

    test('deleting a list while its photo is added to another list leaves the count exact', async () => {
      for (let round = 0; round < 4; round++) {
        const doomed = await newList(client, { name: `Doomed ${round}` });
        const keeper = await newList(client, { name: `Keeper ${round}` });
        await add(doomed.id, photo(9));
        await Promise.all([
          store.deleteList(accountId, doomed.id),
          add(keeper.id, photo(9)),
          store.removeFavorite(accountId, keeper.id, photo(0).id, at(1)),
        ]);
        assert.equal(await countOf(photo(9)), 1, `round ${round}`);
        await store.deleteList(accountId, keeper.id);
        assert.equal(await countOf(photo(9)), 0);
      }
    });

    test('a list is found only in its own account, and holds only photos of its collection', async () => {
      const list = await newList(client, { name: 'Mine' });
      assert.equal(await store.findList(otherAccount, list.id), null);
      assert.equal(await store.addFavorite(otherAccount, list.id, photo(0).id, at(0)), null);
      assert.equal(await store.addFavorite(accountId, list.id, elsewhere.id, at(0)), null);
      assert.equal(await countOf(elsewhere), 0);
      assert.equal(await store.deleteList(otherAccount, list.id), false);
      assert.equal(await store.deleteList(accountId, list.id), true);
      assert.equal(await store.deleteList(accountId, list.id), false);
    });

    // The photo store reads what these lists hold: a client's own favorite count comes from it.
    test("the photo store's favoritedBy names the photos a person has in any list", async () => {
      const a = await newList(client, { name: 'Among A' });
      const b = await newList(client, { name: 'Among B' });
      await add(a.id, photo(0));
      await add(b.id, photo(1));
      const among = (key: string, ps: PhotoRecord[]) =>
        storage.photos.favoritedBy(
          key,
          ps.map((p) => p.id),
        );
      const mine = await among(client, [photo(0), photo(1), photo(2)]);
      assert.deepEqual([...mine].sort(), [photo(0).id, photo(1).id]);
      assert.deepEqual([...(await among(owner, [photo(0)]))], []);
      assert.deepEqual([...(await among(client, []))], []);
      await store.deleteList(accountId, a.id);
      await store.deleteList(accountId, b.id);
    });

    test('favoritedPhotos pages, scopes and orders the favorited photos', async () => {
      const mine = await newList(client, { name: 'Scope mine' });
      const theirs = await newList(owner, { name: 'Scope theirs' });
      const far = await newList(client, { name: 'Far' }, otherCollection);
      await add(mine.id, photo(5), 100);
      await add(mine.id, photo(3), 101);
      await add(theirs.id, photo(3), 102);
      await add(theirs.id, hidden, 103);
      await add(far.id, elsewhere, 104);
      const query = (q: Partial<FavoritedPhotoQuery>): FavoritedPhotoQuery => ({
        visibleOnly: false,
        order: 'gallery',
        entries: false,
        offset: 0,
        limit: 10,
        ...q,
      });
      const ids = async (q: Partial<FavoritedPhotoQuery>) =>
        (await store.favoritedPhotos(accountId, query(q))).items.map((i) => i.photo.id);

      const inCollection = await store.favoritedPhotos(
        accountId,
        query({ collectionIds: [collectionId], entries: true }),
      );
      assert.deepEqual(
        inCollection.items.map((i) => i.photo.id),
        [photo(3).id, photo(5).id, hidden.id],
      );
      assert.equal(inCollection.total, 3);
      const three = inCollection.items[0];
      assert.equal(three?.people, 2);
      assert.deepEqual([three?.firstAt, three?.lastAt], [at(101), at(102)]);
      assert.deepEqual(
        three?.entries.map((e) => [e.listName, e.ownerKey, e.owner.studio]),
        [
          ['Scope mine', client, false],
          ['Scope theirs', owner, true],
        ],
      );
      assert.deepEqual(
        await ids({ collectionIds: [collectionId], visibleOnly: true }),
        [photo(3).id, photo(5).id],
        'no hidden photo for a client',
      );
      assert.deepEqual(await ids({ ownerKey: client }), [photo(3).id, photo(5).id, elsewhere.id]);
      assert.deepEqual(await ids({ ownerKey: client, order: 'recent' }), [
        elsewhere.id,
        photo(3).id,
        photo(5).id,
      ]);
      assert.deepEqual((await ids({ order: 'popular' }))[0], photo(3).id, 'two people first');
      assert.deepEqual(await ids({ listId: theirs.id }), [photo(3).id, hidden.id]);
      assert.deepEqual(await ids({ collectionIds: [] }), []);
      const paged = await store.favoritedPhotos(accountId, query({ offset: 1, limit: 2 }));
      assert.equal(paged.total, 4);
      assert.deepEqual(
        paged.items.map((i) => i.photo.id),
        [photo(5).id, hidden.id],
      );
      assert.deepEqual(paged.items[0]?.entries, [], 'entries only when asked');
      assert.deepEqual(
        (await store.favoritedPhotos(otherAccount, query({}))).items,
        [],
        'another account sees none',
      );
      await assertCountsExact();
      await Promise.all([mine, theirs, far].map((l) => store.deleteList(accountId, l.id)));
    });
  });
}
