import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newId, type Role } from '@proofsheet/protocol';
import type { CommentRecord, CommentStore } from '../../src/storage/ports/comment-store.js';
import type { PhotoRecord } from '../../src/storage/ports/photo-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { at, bytes, type ContractOptions, type MakeStorage, seedAccount } from './fixtures.js';
import { addCollection, addGallery, addPhoto, IdSequence } from './proofing-fixtures.js';

/** The behaviour every {@link CommentStore} must have. */
export function describeCommentStore(
  name: string,
  makeStorage: MakeStorage,
  options: ContractOptions = {},
): void {
  describe(`CommentStore on ${name}`, { skip: options.skip ?? false }, () => {
    let storage: Storage;
    let store: CommentStore;
    let accountId: string;
    let otherAccount: string;
    let users: Record<Role, UserRecord>;
    let photo: PhotoRecord;
    let other: PhotoRecord;
    const ids = new IdSequence(8);

    function comment(overrides: Partial<CommentRecord> = {}): CommentRecord {
      return {
        id: newId('comment', bytes),
        accountId,
        collectionId: photo.collectionId,
        photoId: photo.id,
        authorKey: users.gallery_client.id,
        fromStudio: false,
        text: 'Warmer, please',
        createdAt: at(0),
        ...overrides,
      };
    }

    before(async () => {
      storage = await makeStorage();
      store = storage.comments;
      ({ accountId, users } = await seedAccount(storage, 'comments-a'));
      otherAccount = (await seedAccount(storage, 'comments-b')).accountId;
      const collectionId = await addCollection(storage, ids, accountId);
      const galleryId = await addGallery(storage, ids, accountId, collectionId);
      photo = await addPhoto(storage, ids, { accountId, collectionId, galleryId });
      other = await addPhoto(storage, ids, { accountId, collectionId, galleryId });
    });
    after(() => storage?.close());

    test('create stores the text exactly and answers it with its author', async () => {
      const text = '<b>bold</b> & "quoted" — ünïcödé 📷\nsecond line';
      const created = await store.create(comment({ text, createdAt: at(5) }));
      assert.equal(created.text, text);
      assert.deepEqual(created.createdAt, at(5));
      assert.deepEqual(created.author, {
        name: 'gallery_client Contract',
        email: users.gallery_client.email,
        studio: false,
      });
      assert.deepEqual(await store.find(accountId, created.id), created);
      assert.equal(await store.find(otherAccount, created.id), null);
      assert.equal(await store.delete(accountId, created.id), true);
    });

    test('a photo lists its comments oldest first, paged; a client reads the studio and themselves', async () => {
      const other_client = 'vi_someone_else';
      const made = [
        comment({ createdAt: at(30), text: 'client first' }),
        comment({
          createdAt: at(31),
          authorKey: users.owner.id,
          fromStudio: true,
          text: 'studio reply',
        }),
        comment({ createdAt: at(32), authorKey: other_client, text: 'another person' }),
        comment({ createdAt: at(33), text: 'client again' }),
        comment({ photoId: other.id, createdAt: at(34), text: 'on another photo' }),
      ];
      for (const c of made) await store.create(c);
      const all = await store.listForPhoto(accountId, photo.id, { offset: 0, limit: 10 });
      assert.deepEqual(
        all.items.map((c) => c.text),
        ['client first', 'studio reply', 'another person', 'client again'],
      );
      assert.equal(all.total, 4);
      assert.equal(all.items[1]?.author.studio, true);
      assert.deepEqual(all.items[2]?.author, { name: null, email: null, studio: false });
      const theirs = await store.listForPhoto(accountId, photo.id, {
        readerKey: users.gallery_client.id,
        offset: 0,
        limit: 10,
      });
      assert.deepEqual(
        theirs.items.map((c) => c.text),
        ['client first', 'studio reply', 'client again'],
      );
      assert.equal(theirs.total, 3);
      const page = await store.listForPhoto(accountId, photo.id, { offset: 1, limit: 2 });
      assert.deepEqual(
        page.items.map((c) => c.text),
        ['studio reply', 'another person'],
      );
      assert.equal(page.total, 4);
      const foreign = await store.listForPhoto(otherAccount, photo.id, { offset: 0, limit: 10 });
      assert.deepEqual(foreign, { items: [], total: 0 });
    });

    test('delete removes one comment, in its own account only', async () => {
      const c = await store.create(comment({ text: 'to delete' }));
      assert.equal(await store.delete(otherAccount, c.id), false);
      assert.equal(await store.delete(accountId, c.id), true);
      assert.equal(await store.delete(accountId, c.id), false);
      assert.equal(await store.find(accountId, c.id), null);
    });
  });
}
