import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Collection,
  type Comment,
  MAX_COMMENT_LENGTH,
  type NotificationList,
  type PageMeta,
} from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import type { UserRecord } from '../../../src/storage/ports/user-store.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { addGalleryClient, addPhoto } from './setup.js';

describe('comments on photos', () => {
  let h: Harness;
  let owner: Credentials;
  let studio: Credentials;
  let assistant: Credentials;
  let client: Credentials;
  let partner: { user: UserRecord; creds: Credentials };
  let stranger: Credentials;
  let collection: Collection;
  let photo: PhotoRecord;
  let hidden: PhotoRecord;
  let expiredPhoto: PhotoRecord;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    studio = await loginAs(h, 'owner');
    assistant = await loginAs(h, 'assistant', h.gallery);
    client = await loginAs(h, 'gallery_client');
    partner = await addGalleryClient(h, 'Partner');
    stranger = (await addGalleryClient(h, 'Stranger')).creds;
    collection = await createCollection(h, owner, {
      name: 'Comment Wedding',
      shared_with: [h.users.gallery_client.email, partner.user.email],
    });
    const gallery = await createGallery(h, owner, collection.id, { name: 'Portraits' });
    photo = await addPhoto(h, gallery, { filename: 'DSC_0700.jpg' });
    hidden = await addPhoto(h, gallery, { filename: 'DSC_0701.jpg', hidden: true });
    const expired = await createCollection(h, owner, {
      name: 'Gone',
      expiry_date: '2026-01-10',
      shared_with: [h.users.gallery_client.email],
    });
    expiredPhoto = await addPhoto(h, await createGallery(h, owner, expired.id));
  });
  after(() => h.close());

  function post(creds: Credentials, photoId: number | string, text: unknown) {
    return h.gallery.inject({
      method: 'POST',
      url: `/api/v1/photos/${photoId}/comments`,
      headers: creds.headers,
      payload: { text },
    });
  }

  /** Posts a second after the last, so that "oldest first" has one answer. */
  async function posted(creds: Credentials, text: string): Promise<Comment> {
    h.clock.advance(1000);
    const res = await post(creds, photo.id, text);
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ data: Comment }>().data;
  }

  async function read(creds: Credentials, photoId: number = photo.id, query = '') {
    return h.gallery.inject({
      url: `/api/v1/photos/${photoId}/comments${query}`,
      headers: creds.headers,
    });
  }

  function remove(creds: Credentials, id: string) {
    return h.gallery.inject({
      method: 'DELETE',
      url: `/api/v1/comments/${id}`,
      headers: creds.headers,
    });
  }

  async function commentNotifications() {
    const res = await h.studio.inject({
      url: '/api/v1/notifications/all',
      headers: studio.headers,
    });
    return res.json<NotificationList>().data.filter((n) => n.type === 'photo_commented');
  }

  test('a client comments in plain text, kept as written, and the studio is notified', async () => {
    const text = '<script>alert(1)</script> Warmer please & "crop" it?\nThanks!';
    const comment = await posted(client, text);
    assert.match(comment.id, /^pc_[A-Za-z0-9]{30}$/);
    assert.equal(comment.text, text);
    assert.equal(comment.photo_id, photo.id);
    assert.equal(comment.collection_id, collection.id);
    assert.deepEqual(comment.author, {
      id: h.users.gallery_client.id,
      name: 'gallery_client Tester',
      email: h.users.gallery_client.email,
      studio: false,
    });
    const notes = await commentNotifications();
    assert.equal(notes.length, 1);
    assert.equal(
      notes[0]?.message,
      'gallery_client Tester commented on DSC_0700.jpg in "Comment Wedding": "<script>alert(1)</script> Warmer please & "crop" it? Thanks!"',
    );
    assert.deepEqual(notes[0]?.subject, {
      collection_id: collection.id,
      photo_id: photo.id,
      comment_id: comment.id,
      user_id: h.users.gallery_client.id,
    });
  });

  test("the studio's comments notify no one, and clients read them without the author's email", async () => {
    await posted(assistant, 'Will do: warmer it is.');
    assert.equal((await commentNotifications()).length, 1);
    const res = await read(client);
    const { data } = res.json<{ data: Comment[] }>();
    const reply = data.find((c) => c.author.studio);
    assert.deepEqual(reply?.author, {
      id: h.users.assistant.id,
      name: 'assistant Tester',
      email: null,
      studio: true,
    });
  });

  test("a client reads the studio's comments and their own; the studio reads everyone's", async () => {
    await posted(partner.creds, 'I prefer the black and white one.');
    const mine = await read(client);
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(
      mine.json<{ data: Comment[] }>().data.map((c) => c.author.name),
      ['gallery_client Tester', 'assistant Tester'],
    );
    const all = await read(owner);
    const { data, meta } = all.json<{ data: Comment[]; meta: PageMeta }>();
    assert.deepEqual(
      data.map((c) => c.author.name),
      ['gallery_client Tester', 'assistant Tester', 'Partner Guest'],
    );
    assert.equal(meta.total, 3);
    const page = await read(owner, photo.id, '?per_page=1&page=3');
    assert.deepEqual(
      page.json<{ data: Comment[] }>().data.map((c) => c.author.name),
      ['Partner Guest'],
    );
  });

  test('blank, over-long and non-string text is a 422, and nothing is stored', async () => {
    const before = (await read(owner)).json<{ meta: PageMeta }>().meta.total;
    for (const text of ['', '   \n\t', 'x'.repeat(MAX_COMMENT_LENGTH + 1), 42, null]) {
      const res = await post(client, photo.id, text);
      assert.equal(res.statusCode, 422, JSON.stringify(text).slice(0, 40));
      assert.ok(res.json<{ details: object }>().details);
    }
    assert.equal((await read(owner)).json<{ meta: PageMeta }>().meta.total, before);
    const longest = await post(client, photo.id, 'y'.repeat(MAX_COMMENT_LENGTH));
    assert.equal(longest.statusCode, 201);
    await remove(client, longest.json<{ data: Comment }>().data.id);
  });

  test('hidden photos, expired and unshared collections are 404 for clients', async () => {
    for (const [creds, p] of [
      [client, hidden],
      [client, expiredPhoto],
      [stranger, photo],
    ] as const) {
      assert.equal((await read(creds, p.id)).statusCode, 404);
      const res = await post(creds, p.id, 'hello?');
      assert.equal(res.statusCode, 404);
      assert.equal(res.json<{ message: string }>().message, `No photo found with ID: ${p.id}`);
    }
    assert.equal((await read(owner, hidden.id)).statusCode, 200, 'the studio reads them');
    assert.equal((await read(client, 'nope' as unknown as number)).statusCode, 400);
  });

  test('its author deletes a comment; another client cannot find it; the studio deletes any', async () => {
    const mine = await posted(client, 'Delete me');
    const theirs = await posted(partner.creds, 'Not yours');
    const studioOne = await posted(owner, 'From the studio');
    const notFound = await remove(client, theirs.id);
    assert.equal(notFound.statusCode, 404);
    assert.equal(
      notFound.json<{ message: string }>().message,
      `No comment found with ID: ${theirs.id}`,
    );
    const forbidden = await remove(client, studioOne.id);
    assert.equal(forbidden.statusCode, 403, 'they can read it, but it is not theirs');
    assert.equal((await remove(client, mine.id)).statusCode, 204);
    assert.equal((await remove(client, mine.id)).statusCode, 404);
    assert.equal((await remove(assistant, theirs.id)).statusCode, 204);
    assert.equal((await remove(owner, studioOne.id)).statusCode, 204);
    assert.equal((await remove(client, 'pc_bad')).statusCode, 400);
  });

  test('a comment on a photo the client can no longer see cannot be deleted by them', async () => {
    const mine = await posted(client, 'Before hiding');
    await h.storage.photos.update(h.accountId, photo.id, {
      hidden: true,
      updatedAt: h.clock.now(),
    });
    assert.equal((await remove(client, mine.id)).statusCode, 404);
    await h.storage.photos.update(h.accountId, photo.id, {
      hidden: false,
      updatedAt: h.clock.now(),
    });
    assert.equal((await remove(client, mine.id)).statusCode, 204);
  });
});
