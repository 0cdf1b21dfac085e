import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId, type Role } from '@proofsheet/protocol';
import type { CollectionRecord } from '../../src/storage/ports/collection-store.js';
import type { GalleryClientScope } from '../../src/storage/ports/gallery-client-scope.js';
import type { NewGallery } from '../../src/storage/ports/gallery-store.js';
import type { PhotoRecord } from '../../src/storage/ports/photo-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import {
  at,
  bytes,
  type ContractOptions,
  type MakeStorage,
  photoFixture,
  processedFixture,
  seedAccount,
} from './fixtures.js';

/** The behaviour every `CollectionStore` and `GalleryStore` must have, together. */
export function describeCollectionStores(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`CollectionStore and GalleryStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let accountId: string;
    let users: Record<Role, UserRecord>;
    let otherAccount: string;
    let nextId = 10_000_000;
    let nextGalleryId = 100_000_000;

    function collection(overrides: Partial<CollectionRecord> = {}): CollectionRecord {
      return {
        id: ++nextId,
        accountId,
        name: `Collection ${nextId}`,
        description: null,
        passwordProtected: false,
        passwordHash: null,
        downloadable: true,
        expiryDate: null,
        sharedWith: [],
        createdAt: at(nextId),
        updatedAt: at(nextId),
        ...overrides,
      };
    }

    function gallery(collectionId: number, overrides: Partial<NewGallery> = {}): NewGallery {
      return {
        id: ++nextGalleryId,
        collectionId,
        accountId,
        name: `Gallery ${nextGalleryId}`,
        description: null,
        private: false,
        download: true,
        favoriteCount: 0,
        createdAt: at(nextGalleryId),
        updatedAt: at(nextGalleryId),
        ...overrides,
      };
    }

    /** `count` ready items of a gallery; `overrides` (hidden, kind) apply to each. */
    async function ready(
      g: NewGallery,
      count: number,
      overrides: Partial<PhotoRecord> = {},
    ): Promise<void> {
      for (let i = 0; i < count; i++) {
        const photo = photoFixture(accountId, g.collectionId, g.id, overrides);
        const result = await storage.photos.create(photo);
        assert.ok('created' in result, 'the photo is stored');
        await storage.photos.markReady(photo.id, processedFixture(photo.id), at(1));
      }
    }

    /** What the account's gallery client may see, on `today`. */
    function clientScope(today = '2026-01-15'): GalleryClientScope {
      return { userId: users.gallery_client.id, today };
    }

    before(async () => {
      storage = await makeStorage();
      ({ accountId, users } = await seedAccount(storage, 'coll-a'));
      otherAccount = (await seedAccount(storage, 'coll-b')).accountId;
    });
    after(() => storage?.close());

    test('create returns false on a taken id and leaves the first intact', async () => {
      const c = collection({ name: 'First' });
      assert.equal(await storage.collections.create(c), true);
      const clash = { ...c, name: 'Second', sharedWith: [users.gallery_client.id] };
      assert.equal(await storage.collections.create(clash), false);
      const found = await storage.collections.findById(accountId, c.id);
      assert.equal(found?.name, 'First');
      assert.deepEqual(found?.sharedWith, [], 'the failed create shared nothing');
    });

    test('a view counts galleries, photos and videos, and names the shares', async () => {
      const c = collection({ sharedWith: [users.gallery_client.id] });
      await storage.collections.create(c);
      const one = gallery(c.id);
      const two = gallery(c.id);
      await storage.galleries.create(one);
      await storage.galleries.create(two);
      await ready(one, 5);
      await ready(two, 7);
      await ready(two, 2, { kind: 'video' });
      const view = await storage.collections.findById(accountId, c.id);
      assert.equal(view?.galleryCount, 2);
      assert.equal(view?.photoCount, 12);
      assert.equal(view?.videoCount, 2);
      assert.deepEqual(view?.sharedWithEmails, [users.gallery_client.email]);
    });

    test('visibleTo limits find and list to what is shared with that user', async () => {
      const client = users.gallery_client.id;
      const shared = collection({ sharedWith: [client] });
      const hidden = collection();
      await storage.collections.create(shared);
      await storage.collections.create(hidden);
      assert.equal(await storage.collections.findById(accountId, hidden.id, clientScope()), null);
      assert.equal(
        (await storage.collections.findById(accountId, shared.id, clientScope()))?.id,
        shared.id,
      );
      const list = await storage.collections.list(accountId, {
        visibleTo: clientScope(),
        offset: 0,
        limit: 100,
      });
      assert.ok(list.items.every((c) => c.sharedWith.includes(client)));
      assert.equal(list.total, list.items.length);
      const everything = await storage.collections.list(accountId, { offset: 0, limit: 100 });
      assert.ok(everything.total > list.total);
      assert.deepEqual(
        everything.items.map((c) => c.id),
        [...everything.items]
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
          .map((c) => c.id),
      );
    });

    test('visibleTo hides a collection from the day after its expiry date, page and total', async () => {
      // An account of its own, so that the totals count only this test's collections.
      const own = await seedAccount(storage, 'coll-expiry');
      const client = own.users.gallery_client.id;
      const make = async (expiryDate: string | null) => {
        const c = collection({ accountId: own.accountId, expiryDate, sharedWith: [client] });
        await storage.collections.create(c);
        return c.id;
      };
      const march9 = await make('2026-03-09');
      const march10 = await make('2026-03-10');
      const march11 = await make('2026-03-11');
      const never = await make(null);
      // Across a month and a year too: the dates compare as dates, not as numbers or words.
      const newYear = await make('2027-01-01');

      const seen = async (today: string) => {
        const visibleTo = { userId: client, today };
        const { items, total } = await storage.collections.list(own.accountId, {
          visibleTo,
          offset: 0,
          limit: 100,
        });
        assert.equal(total, items.length, `the total on ${today} counts what the page shows`);
        const found: number[] = [];
        for (const id of [march9, march10, march11, never, newYear]) {
          const view = await storage.collections.findById(own.accountId, id, visibleTo);
          if (view) found.push(id);
        }
        assert.deepEqual(
          [...found].sort((a, b) => a - b),
          items.map((c) => c.id).sort((a, b) => a - b),
          `findById and list agree on ${today}`,
        );
        return found;
      };
      assert.deepEqual(await seen('2026-03-10'), [march10, march11, never, newYear]);
      assert.deepEqual(await seen('2026-03-11'), [march11, never, newYear]);
      assert.deepEqual(await seen('2026-12-31'), [never, newYear]);
      assert.deepEqual(await seen('2027-01-01'), [never, newYear]);
      assert.deepEqual(await seen('2027-01-02'), [never]);
      const studio = await storage.collections.list(own.accountId, { offset: 0, limit: 100 });
      assert.equal(studio.total, 5, 'without a scope, expired collections are still there');
      assert.notEqual(await storage.collections.findById(own.accountId, march9), null);
    });

    test('in a gallery client scope, private galleries are neither counted nor listed', async () => {
      const c = collection({ sharedWith: [users.gallery_client.id] });
      await storage.collections.create(c);
      const open = gallery(c.id);
      const hidden = gallery(c.id, { private: true });
      await storage.galleries.create(open);
      await storage.galleries.create(hidden);
      await ready(open, 5);
      await ready(open, 1, { kind: 'video' });
      await ready(hidden, 40);
      await ready(hidden, 3, { kind: 'video' });

      const full = await storage.collections.findById(accountId, c.id);
      assert.deepEqual(
        [full?.galleryCount, full?.photoCount, full?.videoCount],
        [2, 45, 4],
        'the studio counts everything',
      );
      const scoped = await storage.collections.findById(accountId, c.id, clientScope());
      assert.deepEqual([scoped?.galleryCount, scoped?.photoCount, scoped?.videoCount], [1, 5, 1]);
      const { items } = await storage.collections.list(accountId, {
        visibleTo: clientScope(),
        offset: 0,
        limit: 100,
      });
      const listed = items.find((i) => i.id === c.id);
      assert.deepEqual([listed?.galleryCount, listed?.photoCount, listed?.videoCount], [1, 5, 1]);

      assert.deepEqual(
        (await storage.galleries.listForCollection(accountId, c.id, clientScope())).map(
          (g) => g.id,
        ),
        [open.id],
      );
      assert.equal(
        await storage.galleries.findInAccount(accountId, hidden.id, clientScope()),
        null,
      );
      assert.equal((await storage.galleries.listForCollection(accountId, c.id)).length, 2);
      assert.equal((await storage.galleries.findInAccount(accountId, hidden.id))?.id, hidden.id);
    });

    test('in a gallery client scope, a favorite count is only their own favorite', async () => {
      const c = collection({ sharedWith: [users.gallery_client.id] });
      await storage.collections.create(c);
      const g = gallery(c.id);
      await storage.galleries.create(g);
      await storage.galleries.addFavorite(accountId, g.id, users.owner.id, at(0));
      await storage.galleries.addFavorite(accountId, g.id, users.assistant.id, at(0));
      const own = async () => [
        (await storage.galleries.findInAccount(accountId, g.id, clientScope()))?.favoriteCount,
        (await storage.galleries.listForCollection(accountId, c.id, clientScope()))[0]
          ?.favoriteCount,
      ];
      assert.deepEqual(await own(), [0, 0], "others' favorites are not theirs to count");
      await storage.galleries.addFavorite(accountId, g.id, users.gallery_client.id, at(0));
      assert.deepEqual(await own(), [1, 1]);
      assert.equal((await storage.galleries.findInAccount(accountId, g.id))?.favoriteCount, 3);
    });

    test('update replaces the shares only when told to', async () => {
      const c = collection({ sharedWith: [users.gallery_client.id] });
      await storage.collections.create(c);
      const renamed = await storage.collections.update(accountId, c.id, {
        updatedAt: at(1),
        name: 'New',
      });
      assert.deepEqual(renamed?.sharedWith, [users.gallery_client.id]);
      const unshared = await storage.collections.update(accountId, c.id, {
        updatedAt: at(2),
        sharedWith: [],
      });
      assert.deepEqual(unshared?.sharedWith, []);
      assert.equal(unshared?.name, 'New');
      assert.equal(
        await storage.collections.update(otherAccount, c.id, { updatedAt: at(3), name: 'X' }),
        null,
      );
    });

    test('invitations a collection waits on: named, kept, replaced, shared on accept, dropped on delete', async () => {
      const invite = (email: string) =>
        storage.invitations.invite({
          id: newId('invitation', bytes),
          accountId,
          email,
          role: 'gallery_client',
          firstName: '',
          lastName: '',
          tokenHash: `share-${email}-${Math.random()}`,
          invitedBy: users.owner.id,
          createdAt: at(0),
          expiresAt: at(10_000_000),
          acceptedAt: null,
          acceptedUserId: null,
          revokedAt: null,
        });
      const rosa = await invite('Rosa@example.com');
      const ines = await invite('ines@example.com');
      const c = collection({ invitations: [rosa.id, ines.id, rosa.id] });
      await storage.collections.create(c);
      const view = await storage.collections.findById(accountId, c.id);
      assert.deepEqual(view?.invitations, [ines.id, rosa.id], 'by email, once each');
      assert.deepEqual(view?.invitedEmails, ['ines@example.com', 'Rosa@example.com']);
      assert.deepEqual(view?.sharedWith, []);
      const renamed = await storage.collections.update(accountId, c.id, {
        updatedAt: at(1),
        name: 'Kept',
      });
      assert.deepEqual(renamed?.invitations, [ines.id, rosa.id], 'kept unless told');
      const fewer = await storage.collections.update(accountId, c.id, {
        updatedAt: at(2),
        invitations: [rosa.id],
      });
      assert.deepEqual(fewer?.invitedEmails, ['Rosa@example.com']);
      // A withdrawn invitation is no longer waited on.
      await storage.invitations.revoke(accountId, ines.id, at(3));
      const other = collection({ invitations: [ines.id] });
      await storage.collections.create(other);
      assert.deepEqual((await storage.collections.findById(accountId, other.id))?.invitations, []);

      const outcome = await storage.invitations.accept(rosa.tokenHash, at(4), (i) => ({
        kind: 'new',
        user: {
          id: newId('user', bytes),
          accountId,
          email: i.email,
          firstName: 'Rosa',
          lastName: '',
          role: i.role,
          passwordHash: 'not-a-real-hash',
          createdAt: at(4),
        },
      }));
      assert.ok(outcome.ok);
      const shared = await storage.collections.findById(accountId, c.id);
      assert.deepEqual(shared?.sharedWith, [outcome.user.id]);
      assert.deepEqual(shared?.invitations, []);

      const doomed = await invite('late@example.com');
      const gone = collection({ invitations: [doomed.id] });
      await storage.collections.create(gone);
      assert.equal(await storage.collections.delete(accountId, gone.id), true);
      const late = await storage.invitations.accept(doomed.tokenHash, at(5), (i) => ({
        kind: 'new',
        user: {
          id: newId('user', bytes),
          accountId,
          email: i.email,
          firstName: 'Late',
          lastName: '',
          role: i.role,
          passwordHash: 'not-a-real-hash',
          createdAt: at(5),
        },
      }));
      assert.ok(late.ok, 'the invitation still works, sharing nothing');
    });

    test('download settings: every size and no PIN unless given; update sets and clears them', async () => {
      const plain = collection();
      await storage.collections.create(plain);
      const read = await storage.collections.findById(accountId, plain.id);
      assert.deepEqual(read?.downloadSizes, ['original', 'high', 'web']);
      assert.equal(read?.downloadPinHash, null);
      const set = collection({ downloadSizes: ['web', 'high'], downloadPinHash: '$argon2id$x' });
      await storage.collections.create(set);
      const given = await storage.collections.findById(accountId, set.id);
      assert.deepEqual(given?.downloadSizes, ['high', 'web'], 'largest first, as given or not');
      assert.equal(given?.downloadPinHash, '$argon2id$x');
      const none = await storage.collections.update(accountId, set.id, {
        downloadSizes: [],
        downloadPinHash: null,
        updatedAt: at(1),
      });
      assert.deepEqual([none?.downloadSizes, none?.downloadPinHash], [[], null]);
      const untouched = await storage.collections.update(accountId, set.id, {
        name: 'Renamed',
        updatedAt: at(2),
      });
      assert.deepEqual([untouched?.downloadSizes, untouched?.downloadPinHash], [[], null]);
    });

    test('delete removes the galleries, shares and favorites with the collection', async () => {
      const c = collection({ sharedWith: [users.gallery_client.id] });
      await storage.collections.create(c);
      const g = gallery(c.id);
      await storage.galleries.create(g);
      assert.equal(
        await storage.galleries.addFavorite(accountId, g.id, users.owner.id, at(0)),
        true,
      );
      assert.equal(
        await storage.collections.delete(otherAccount, c.id),
        false,
        'not across accounts',
      );
      assert.equal(await storage.collections.delete(accountId, c.id), true);
      assert.equal(await storage.galleries.findInAccount(accountId, g.id), null);
      assert.deepEqual(await storage.galleries.listForCollection(accountId, c.id), []);
      // Recreated with the same ids: no share and no favorite survived.
      await storage.collections.create({ ...c, sharedWith: [] });
      await storage.galleries.create(g);
      assert.deepEqual((await storage.collections.findById(accountId, c.id))?.sharedWith, []);
      assert.equal(
        await storage.galleries.addFavorite(accountId, g.id, users.owner.id, at(0)),
        true,
      );
      assert.equal(await storage.collections.delete(accountId, c.id), true);
      assert.equal(await storage.collections.delete(accountId, c.id), false);
    });

    test('a gallery id is taken once; galleries list in the order they were made', async () => {
      const c = collection();
      await storage.collections.create(c);
      const first = gallery(c.id, { createdAt: at(1) });
      const second = gallery(c.id, { createdAt: at(2) });
      assert.equal(await storage.galleries.create(second), true);
      assert.equal(await storage.galleries.create(first), true);
      assert.equal(await storage.galleries.create({ ...first, name: 'Clash' }), false);
      const listed = await storage.galleries.listForCollection(accountId, c.id);
      const empty = { photoCount: 0, videoCount: 0 };
      assert.deepEqual(listed, [
        { ...first, ...empty },
        { ...second, ...empty },
      ]);
    });

    test('addFavorite counts each user once, even when repeated at the same time', async () => {
      const c = collection();
      await storage.collections.create(c);
      const g = gallery(c.id);
      await storage.galleries.create(g);
      const favorite = (user: UserRecord) =>
        storage.galleries.addFavorite(accountId, g.id, user.id, at(0));
      const results = await Promise.all([
        favorite(users.gallery_client),
        favorite(users.gallery_client),
      ]);
      assert.deepEqual(results.sort(), [false, true]);
      assert.equal(await favorite(users.owner), true);
      assert.equal((await storage.galleries.findInAccount(accountId, g.id))?.favoriteCount, 2);
      assert.equal(
        await storage.galleries.addFavorite(otherAccount, g.id, users.owner.id, at(0)),
        false,
      );
      assert.equal(
        await storage.galleries.addFavorite(accountId, 999_999_999, users.owner.id, at(0)),
        false,
      );
    });
  });
}
