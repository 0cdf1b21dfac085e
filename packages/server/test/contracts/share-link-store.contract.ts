import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId, type Role } from '@proofsheet/protocol';
import type { Kysely } from 'kysely';
import type { CollectionRecord } from '../../src/storage/ports/collection-store.js';
import type { ShareLinkRecord } from '../../src/storage/ports/share-link-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import type { VisitorEntryRecord } from '../../src/storage/ports/visitor-store.js';
import type { Database } from '../../src/storage/sql/schema.js';
import { at, bytes, type ContractOptions, seedAccount } from './fixtures.js';

/**
 * A storage with its database handle: favorites lists have no store in this suite's scope, so
 * the few favorite rows `peopleWithAccess` counts are written as rows.
 */
export type MakeSqlStorage = () => Promise<{ storage: Storage; db: Kysely<Database> }>;

/**
 * The behaviour every `ShareLinkStore`, `VisitorStore`, `CollectionAccessStore` and
 * `CollectionDefaultsStore` must have, together: they read each other's rows.
 */
export function describeShareLinkStores(
  name: string,
  make: MakeSqlStorage,
  options: ContractOptions = {},
): void {
  describe(`share links, visitors, access and defaults on ${name}`, {
    skip: options.skip ?? false,
  }, () => {
    let storage: Storage;
    let db: Kysely<Database>;
    let accountId: string;
    let otherAccount: string;
    let users: Record<Role, UserRecord>;
    let nextCollection = 20_000_000;
    let tokens = 0;

    async function collection(overrides: Partial<CollectionRecord> = {}) {
      const record: CollectionRecord = {
        id: ++nextCollection,
        accountId,
        name: `Collection ${nextCollection}`,
        description: null,
        passwordProtected: false,
        passwordHash: null,
        downloadable: true,
        expiryDate: null,
        sharedWith: [],
        createdAt: at(nextCollection),
        updatedAt: at(nextCollection),
        ...overrides,
      };
      assert.equal(await storage.collections.create(record), true);
      return record;
    }

    function link(collectionId: number, overrides: Partial<ShareLinkRecord> = {}): ShareLinkRecord {
      tokens += 1;
      return {
        id: newId('shareLink', bytes),
        accountId,
        collectionId,
        tokenHash: `token-hash-${tokens}-${newId('shareLink', bytes)}`,
        passwordHash: null,
        downloads: 'web',
        galleryIds: null,
        photoId: null,
        expiresAt: null,
        visits: 0,
        lastVisitedAt: null,
        createdBy: users.owner.id,
        createdAt: at(tokens * 1000),
        ...overrides,
      };
    }

    function entry(l: ShareLinkRecord, email: string, ms: number): VisitorEntryRecord {
      tokens += 1;
      return {
        newVisitorId: newId('visitor', bytes),
        accountId: l.accountId,
        collectionId: l.collectionId,
        linkId: l.id,
        email,
        session: {
          tokenHash: `session-hash-${tokens}-${newId('visitor', bytes)}`,
          passwordStamp: null,
          expiresAt: at(ms + 86_400_000),
        },
        at: at(ms),
      };
    }

    before(async () => {
      ({ storage, db } = await make());
      ({ accountId, users } = await seedAccount(storage, 'share-a'));
      otherAccount = (await seedAccount(storage, 'share-b')).accountId;
    });
    after(() => storage?.close());

    test('a link is found by its token hash and id, never another account’s', async () => {
      const c = await collection();
      const l = link(c.id, { galleryIds: [123_456_789], passwordHash: 'argon-hash' });
      assert.equal(await storage.shareLinks.create(l), true);
      assert.deepEqual(await storage.shareLinks.findByTokenHash(l.tokenHash), l);
      assert.deepEqual(await storage.shareLinks.findById(accountId, l.id), l);
      assert.equal(await storage.shareLinks.findById(otherAccount, l.id), null);
      assert.equal(await storage.shareLinks.findByTokenHash('no-such-hash'), null);
    });

    test('create refuses a taken id or token hash and leaves the first intact', async () => {
      const c = await collection();
      const first = link(c.id);
      assert.equal(await storage.shareLinks.create(first), true);
      assert.equal(await storage.shareLinks.create({ ...link(c.id), id: first.id }), false);
      assert.equal(
        await storage.shareLinks.create({ ...link(c.id), tokenHash: first.tokenHash }),
        false,
      );
      assert.deepEqual(await storage.shareLinks.findById(accountId, first.id), first);
    });

    test('lists newest first, pages, counts, filters single-photo links', async () => {
      const c = await collection();
      const a = link(c.id);
      const b = link(c.id, { photoId: 1_234_567_890 });
      const d = link(c.id);
      for (const l of [a, b, d]) assert.equal(await storage.shareLinks.create(l), true);
      const all = await storage.shareLinks.listForCollection(accountId, c.id, {
        offset: 0,
        limit: 2,
      });
      assert.equal(all.total, 3);
      assert.deepEqual(
        all.items.map((l) => l.id),
        [d.id, b.id],
      );
      const photos = await storage.shareLinks.listForCollection(accountId, c.id, {
        offset: 0,
        limit: 10,
        photoLinks: true,
      });
      assert.deepEqual(
        photos.items.map((l) => l.id),
        [b.id],
      );
      const others = await storage.shareLinks.listForCollection(accountId, c.id, {
        offset: 0,
        limit: 10,
        photoLinks: false,
      });
      assert.equal(others.total, 2);
      const foreign = await storage.shareLinks.listForCollection(otherAccount, c.id, {
        offset: 0,
        limit: 10,
      });
      assert.equal(foreign.total, 0);
    });

    test('countActive leaves out links past their expiry', async () => {
      const c = await collection();
      await storage.shareLinks.create(link(c.id, { expiresAt: at(10_000) }));
      await storage.shareLinks.create(link(c.id, { expiresAt: at(20_000) }));
      await storage.shareLinks.create(link(c.id));
      assert.equal(await storage.shareLinks.countActive(accountId, c.id, at(5_000)), 3);
      assert.equal(await storage.shareLinks.countActive(accountId, c.id, at(10_000)), 2);
      assert.equal(await storage.shareLinks.countActive(accountId, c.id, at(30_000)), 1);
    });

    test('one visitor per email and collection, whatever the case or link; visits counted', async () => {
      const c = await collection();
      const one = link(c.id);
      const two = link(c.id);
      await storage.shareLinks.create(one);
      await storage.shareLinks.create(two);
      const first = await storage.visitors.enter(entry(one, 'Grandma@Example.com', 1000));
      const again = await storage.visitors.enter(entry(one, 'grandma@example.com', 2000));
      const other = await storage.visitors.enter(entry(two, 'GRANDMA@example.com', 3000));
      assert.ok(first && again && other);
      assert.equal(again.id, first.id);
      assert.equal(other.id, first.id);
      assert.equal(first.email, 'Grandma@Example.com', 'the address as first given');

      const listed = await storage.visitors.listForCollection(accountId, c.id, {
        offset: 0,
        limit: 10,
      });
      assert.equal(listed.total, 1);
      assert.equal(listed.items[0]?.visits, 3);
      assert.deepEqual(listed.items[0]?.firstVisitedAt, at(1000));
      assert.deepEqual(listed.items[0]?.lastVisitedAt, at(3000));

      const links = await storage.shareLinks.listForCollection(accountId, c.id, {
        offset: 0,
        limit: 10,
      });
      const byId = new Map(links.items.map((l) => [l.id, l]));
      assert.equal(byId.get(one.id)?.visits, 2);
      assert.equal(byId.get(one.id)?.visitors, 1);
      assert.deepEqual(byId.get(one.id)?.lastVisitedAt, at(2000));
      assert.equal(byId.get(two.id)?.visits, 1);
    });

    test('resolve gives the session with its link, visitor and collection password as they are now', async () => {
      const c = await collection();
      const l = link(c.id, { downloads: 'original', galleryIds: [111_111_111] });
      await storage.shareLinks.create(l);
      const e = entry(l, 'aunt@example.com', 1000);
      const visitor = await storage.visitors.enter({
        ...e,
        session: { ...e.session, passwordStamp: 'stamp-1' },
      });
      const visit = await storage.visitors.resolve(e.session.tokenHash);
      assert.ok(visit && visitor);
      assert.equal(visit.visitor.id, visitor.id);
      assert.equal(visit.visitor.email, 'aunt@example.com');
      assert.deepEqual(visit.link, { ...l, visits: 1, lastVisitedAt: at(1000) });
      assert.equal(visit.session.passwordStamp, 'stamp-1');
      assert.deepEqual(visit.session.expiresAt, e.session.expiresAt);
      assert.deepEqual(visit.collection, { passwordProtected: false, passwordHash: null });

      await storage.collections.update(accountId, c.id, {
        passwordHash: 'new-hash',
        updatedAt: at(5000),
      });
      const after = await storage.visitors.resolve(e.session.tokenHash);
      assert.deepEqual(after?.collection, { passwordProtected: true, passwordHash: 'new-hash' });
      await storage.collections.update(accountId, c.id, {
        passwordHash: null,
        updatedAt: at(6000),
      });
      const cleared = await storage.visitors.resolve(e.session.tokenHash);
      assert.deepEqual(cleared?.collection, { passwordProtected: false, passwordHash: null });
    });

    test('revoking a link ends its sessions at once and keeps its visitors', async () => {
      const c = await collection();
      const l = link(c.id);
      const kept = link(c.id);
      await storage.shareLinks.create(l);
      await storage.shareLinks.create(kept);
      const e = entry(l, 'uncle@example.com', 1000);
      const k = entry(kept, 'cousin@example.com', 1000);
      await storage.visitors.enter(e);
      await storage.visitors.enter(k);
      assert.equal(await storage.shareLinks.delete(otherAccount, l.id), false);
      assert.ok(
        await storage.visitors.resolve(e.session.tokenHash),
        'another studio revokes nothing',
      );
      assert.equal(await storage.shareLinks.delete(accountId, l.id), true);
      assert.equal(await storage.visitors.resolve(e.session.tokenHash), null);
      assert.ok(await storage.visitors.resolve(k.session.tokenHash), 'the other link still works');
      assert.equal(await storage.shareLinks.findById(accountId, l.id), null);
      assert.equal(await storage.shareLinks.delete(accountId, l.id), false);
      const visitors = await storage.visitors.listForCollection(accountId, c.id, {
        offset: 0,
        limit: 10,
      });
      assert.equal(visitors.total, 2, 'the emails stay for visitor_emails');
    });

    test('an entry through a revoked link writes nothing', async () => {
      const c = await collection();
      const l = link(c.id);
      await storage.shareLinks.create(l);
      await storage.shareLinks.delete(accountId, l.id);
      const e = entry(l, 'late@example.com', 1000);
      assert.equal(await storage.visitors.enter(e), null);
      assert.equal(await storage.visitors.resolve(e.session.tokenHash), null);
      const visitors = await storage.visitors.listForCollection(accountId, c.id, {
        offset: 0,
        limit: 10,
      });
      assert.equal(visitors.total, 0);
    });

    test('an entry that replaces a session ends the old one; endSession ends one; touch records activity', async () => {
      const c = await collection();
      const l = link(c.id);
      await storage.shareLinks.create(l);
      const first = entry(l, 'sam@example.com', 1000);
      const visitor = await storage.visitors.enter(first);
      const second = { ...entry(l, 'sam@example.com', 2000), replaces: first.session.tokenHash };
      await storage.visitors.enter(second);
      assert.equal(await storage.visitors.resolve(first.session.tokenHash), null);
      const live = await storage.visitors.resolve(second.session.tokenHash);
      assert.ok(live && visitor);

      await storage.visitors.touch(second.session.tokenHash, visitor.id, at(90_000));
      const touched = await storage.visitors.resolve(second.session.tokenHash);
      assert.deepEqual(touched?.session.lastSeenAt, at(90_000));
      assert.deepEqual(touched?.visitor.lastSeenAt, at(90_000));

      await storage.visitors.endSession(second.session.tokenHash);
      assert.equal(await storage.visitors.resolve(second.session.tokenHash), null);
    });

    test('deleteExpiredSessions deletes the sessions whose lifetime ended, and keeps the rest', async () => {
      const c = await collection();
      const l = link(c.id);
      await storage.shareLinks.create(l);
      // Each session lives a day from its entry (see `entry`).
      const old = entry(l, 'old@example.com', 1000);
      const fresh = entry(l, 'fresh@example.com', 50_000_000);
      await storage.visitors.enter(old);
      await storage.visitors.enter(fresh);
      const justAfterOld = at(1000 + 86_400_000);
      const deleted = await storage.visitors.deleteExpiredSessions(justAfterOld);
      assert.ok(deleted >= 1, 'at least this test’s expired session');
      assert.equal(await storage.visitors.resolve(old.session.tokenHash), null);
      assert.ok(await storage.visitors.resolve(fresh.session.tokenHash), 'the live one stays');
      assert.equal(await storage.visitors.deleteExpiredSessions(justAfterOld), 0, 'idempotent');
      const visitors = await storage.visitors.listForCollection(accountId, c.id, {
        offset: 0,
        limit: 10,
      });
      assert.equal(visitors.total, 2, 'the visitors themselves (and their emails) are kept');
    });

    test('deleting the collection takes its links, sessions and visitors with it', async () => {
      const c = await collection();
      const l = link(c.id);
      await storage.shareLinks.create(l);
      const e = entry(l, 'gone@example.com', 1000);
      await storage.visitors.enter(e);
      assert.equal(await storage.collections.delete(accountId, c.id), true);
      assert.equal(await storage.visitors.resolve(e.session.tokenHash), null);
      assert.equal(await storage.shareLinks.findById(accountId, l.id), null);
      const visitors = await storage.visitors.listForCollection(accountId, c.id, {
        offset: 0,
        limit: 10,
      });
      assert.equal(visitors.total, 0);
    });

    test('people with access: shared clients with their last access, then visitors with a live session', async () => {
      const c = await collection({ sharedWith: [users.gallery_client.id] });
      const l = link(c.id);
      await storage.shareLinks.create(l);
      const live = entry(l, 'live@example.com', 1000);
      const stale = entry(l, 'stale@example.com', 1000);
      stale.session.expiresAt = at(5000);
      const liveVisitor = await storage.visitors.enter(live);
      await storage.visitors.enter(stale);
      assert.ok(liveVisitor);

      const before = await storage.collectionAccess.peopleWithAccess(accountId, c.id, at(10_000));
      assert.deepEqual(
        before.map((p) => [p.kind, p.email, p.lastAccessedAt]),
        [
          ['client', users.gallery_client.email, null],
          ['visitor', 'live@example.com', at(1000)],
        ],
      );
      await storage.collectionAccess.recordAccess(
        accountId,
        c.id,
        users.gallery_client.id,
        at(7000),
      );
      await storage.collectionAccess.recordAccess(
        accountId,
        c.id,
        users.gallery_client.id,
        at(8000),
      );

      // Two lists of the client share a photo: two distinct photos. The visitor has one.
      const lists = [
        { id: 'list-client-1', owner: users.gallery_client.id },
        { id: 'list-client-2', owner: users.gallery_client.id },
        { id: 'list-visitor', owner: liveVisitor.id },
        { id: 'list-other-collection', owner: users.gallery_client.id, collection: 99_999_998 },
      ];
      for (const list of lists) {
        await db
          .insertInto('favorite_lists')
          .values({
            id: list.id,
            account_id: accountId,
            collection_id: list.collection ?? c.id,
            owner_key: list.owner,
            name: 'Favorites',
            min_selection: null,
            max_selection: null,
            is_default: 0,
            set_by_studio: 0,
            created_at: 0,
            updated_at: 0,
          })
          .execute();
      }
      const favorites = [
        ['list-client-1', 1_000_000_001, users.gallery_client.id],
        ['list-client-1', 1_000_000_002, users.gallery_client.id],
        ['list-client-2', 1_000_000_002, users.gallery_client.id],
        ['list-visitor', 1_000_000_001, liveVisitor.id],
        ['list-other-collection', 1_000_000_003, users.gallery_client.id],
      ] as const;
      for (const [list, photo, owner] of favorites) {
        await db
          .insertInto('photo_favorites')
          .values({ list_id: list, photo_id: photo, owner_key: owner, created_at: 0 })
          .execute();
      }

      const people = await storage.collectionAccess.peopleWithAccess(accountId, c.id, at(10_000));
      assert.deepEqual(
        people.map((p) => [p.id, p.kind, p.name, p.lastAccessedAt, p.favoritesCount]),
        [
          [users.gallery_client.id, 'client', 'gallery_client Contract', at(8000), 2],
          [liveVisitor.id, 'visitor', null, at(1000), 1],
        ],
      );
      const later = await storage.collectionAccess.peopleWithAccess(
        accountId,
        c.id,
        at(200_000_000),
      );
      assert.deepEqual(
        later.map((p) => p.kind),
        ['client'],
        'a visitor whose session ended has no access',
      );
      assert.deepEqual(
        await storage.collectionAccess.peopleWithAccess(otherAccount, c.id, at(10_000)),
        [],
      );
    });

    test("a visitor's scope reads the link's collection alone, its named galleries, none for a photo link", async () => {
      const c = await collection({ expiryDate: '2026-01-20' });
      const other = await collection({ sharedWith: [users.gallery_client.id] });
      const gallery = (id: number, collectionId: number, isPrivate = false) => ({
        id,
        collectionId,
        accountId,
        name: `Gallery ${id}`,
        description: null,
        photoCount: 10,
        videoCount: 0,
        private: isPrivate,
        download: true,
        favoriteCount: 0,
        createdAt: at(id - 300_000_000),
        updatedAt: at(id - 300_000_000),
      });
      for (const g of [
        gallery(300_000_001, c.id),
        gallery(300_000_002, c.id),
        gallery(300_000_003, c.id, true),
        gallery(300_000_004, other.id),
      ]) {
        assert.equal(await storage.galleries.create(g), true);
      }
      const scope = { userId: newId('visitor', bytes), today: '2026-01-15', collectionId: c.id };
      assert.equal((await storage.collections.findById(accountId, c.id, scope))?.galleryCount, 2);
      assert.equal(await storage.collections.findById(accountId, other.id, scope), null);
      const listed = await storage.collections.list(accountId, {
        visibleTo: scope,
        offset: 0,
        limit: 10,
      });
      assert.deepEqual(
        listed.items.map((x) => x.id),
        [c.id],
      );
      assert.equal(listed.total, 1);
      const expired = { ...scope, today: '2026-01-21' };
      assert.equal(await storage.collections.findById(accountId, c.id, expired), null);

      const some = { ...scope, galleryIds: [300_000_002, 300_000_003] };
      assert.equal((await storage.collections.findById(accountId, c.id, some))?.galleryCount, 1);
      assert.deepEqual(
        (await storage.galleries.listForCollection(accountId, c.id, some)).map((g) => g.id),
        [300_000_002],
        'a named private gallery stays private',
      );
      assert.equal(await storage.galleries.findInAccount(accountId, 300_000_001, some), null);
      const none = { ...scope, galleryIds: [] };
      assert.deepEqual(await storage.galleries.listForCollection(accountId, c.id, none), []);
      assert.equal((await storage.collections.findById(accountId, c.id, none))?.galleryCount, 0);
    });

    test('collection defaults: none until saved, then replaced whole, per account', async () => {
      assert.equal(await storage.collectionDefaults.find(accountId), null);
      const saved = {
        accountId,
        downloadable: false,
        expiryDays: 30,
        watermark: true,
        updatedAt: at(1000),
      };
      await storage.collectionDefaults.save(saved);
      assert.deepEqual(await storage.collectionDefaults.find(accountId), saved);
      const changed = { ...saved, expiryDays: null, updatedAt: at(2000) };
      await storage.collectionDefaults.save(changed);
      assert.deepEqual(await storage.collectionDefaults.find(accountId), changed);
      assert.equal(await storage.collectionDefaults.find(otherAccount), null);
    });

    test('a collection password hash sets password_protected; null clears both', async () => {
      const c = await collection({ passwordHash: 'hash-1', passwordProtected: true });
      const found = await storage.collections.findById(accountId, c.id);
      assert.equal(found?.passwordHash, 'hash-1');
      assert.equal(found?.passwordProtected, true);
      const cleared = await storage.collections.update(accountId, c.id, {
        passwordHash: null,
        updatedAt: at(1),
      });
      assert.equal(cleared?.passwordHash, null);
      assert.equal(cleared?.passwordProtected, false);
      const renamed = await storage.collections.update(accountId, c.id, {
        name: 'Renamed',
        updatedAt: at(2),
      });
      assert.equal(renamed?.passwordProtected, false, 'other changes leave it alone');
    });
  });
}
