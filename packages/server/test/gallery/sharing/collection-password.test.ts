/**
 * A collection's password: write-only, stored hashed, asked of share-link visitors (never of
 * the gallery clients it is shared with), checked on every request rather than on the page
 * alone, and guessed no faster than sign-ins allow.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BeforeShow, Collection, CollectionEdit, Gallery } from '@proofsheet/protocol';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import {
  addPhoto,
  createShareLink,
  enter,
  enterAs,
  probeUrl,
  registerImageProbe,
  tokenOf,
} from '../../helpers/share-links.js';

describe('collection passwords', () => {
  let h: Harness;
  let owner: Credentials;
  let client: Credentials;
  let wedding: Collection;
  let ceremony: Gallery;
  let photoId: number;

  before(async () => {
    h = await createHarness({ loginMaxFailuresAccountIp: 3 });
    registerImageProbe(h);
    owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    wedding = await createCollection(h, owner, {
      name: 'Reyes Wedding',
      password: 'first dance',
      shared_with: [h.users.gallery_client.email],
    });
    ceremony = await createGallery(h, owner, wedding.id, { name: 'Ceremony' });
    photoId = (await addPhoto(h, ceremony)).id;
  });
  after(() => h.close());

  const put = (payload: object) =>
    h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${wedding.id}`,
      headers: owner.headers,
      payload,
    });

  test('is write-only: password_protected says it is set, nothing says what it is', async () => {
    assert.equal(wedding.password_protected, true);
    const stored = await h.storage.collections.findById(h.accountId, wedding.id);
    assert.ok(stored?.passwordHash?.startsWith('$argon2id$'), 'hashed with argon2id');
    for (const url of [
      `/api/v1/collections/${wedding.id}`,
      `/api/v1/collections/${wedding.id}/edit`,
      '/api/v1/collections',
    ]) {
      const res = await h.gallery.inject({ url, headers: owner.headers });
      assert.equal(res.statusCode, 200, res.body);
      assert.doesNotMatch(res.body, /first dance|argon2|"password"/, url);
    }
    const edit = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}/edit`,
      headers: owner.headers,
    });
    assert.equal(edit.json<{ data: CollectionEdit }>().data.password_protected, true);
  });

  test('bodies refuse a short password and the read-only password_protected', async () => {
    for (const payload of [{ password: 'abc' }, { password_protected: false }]) {
      const res = await put(payload);
      assert.equal(res.statusCode, 422, res.body);
    }
    const still = await h.storage.collections.findById(h.accountId, wedding.id);
    assert.equal(still?.passwordProtected, true);
  });

  test('gallery clients it is shared with never need it', async () => {
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}/galleries`,
      headers: client.headers,
    });
    assert.equal(res.statusCode, 200);
    const before = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}/before_show`,
      headers: client.headers,
    });
    assert.deepEqual(
      {
        status: before.json<{ data: BeforeShow }>().data.status,
        required: before.json<{ data: BeforeShow }>().data.password_required,
      },
      { status: 'ok', required: false },
    );
  });

  test('a visitor must enter it, and the page asks for it', async () => {
    const link = await createShareLink(h, owner, wedding.id);
    const page = await h.gallery.inject({ url: `/s/${tokenOf(link)}` });
    assert.match(page.body, /name="collection_password"/);
    const without = await enter(h.gallery, tokenOf(link), { email: 'aunt@example.com' });
    assert.equal(without.statusCode, 401);
    assert.equal(without.json<{ code: string }>().code, 'invalid_credentials');
    const visitor = await enterAs(h, link, {
      email: 'aunt@example.com',
      collection_password: 'first dance',
    });
    const res = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}`,
      headers: visitor.headers,
    });
    assert.equal(res.statusCode, 200);
  });

  test('a link with its own password asks for both, and both must be right', async () => {
    const link = await createShareLink(h, owner, wedding.id, { password: 'link secret' });
    const page = await h.gallery.inject({ url: `/s/${tokenOf(link)}` });
    assert.match(page.body, /name="password"/);
    assert.match(page.body, /name="collection_password"/);
    const tries: Array<[object, number]> = [
      [{ password: 'link secret' }, 401],
      [{ collection_password: 'first dance' }, 401],
      [{ password: 'wrong', collection_password: 'first dance' }, 401],
      [{ password: 'link secret', collection_password: 'first dance' }, 200],
    ];
    for (const [passwords, status] of tries) {
      const res = await enter(h.gallery, tokenOf(link), {
        email: 'both@example.com',
        ...passwords,
      });
      assert.equal(res.statusCode, status, `${JSON.stringify(passwords)}: ${res.body}`);
    }
  });

  test('wrong guesses are throttled like logins, by link and IP, and a right one waits too', async () => {
    const link = await createShareLink(h, owner, wedding.id);
    const token = tokenOf(link);
    const guess = (collection_password: string) =>
      enter(h.gallery, token, { email: 'mallory@example.com', collection_password });
    for (let i = 0; i < 4; i++) {
      const wrong = await guess(`guess ${i}`);
      assert.equal(wrong.statusCode, 401, `guess ${i}: ${wrong.body}`);
    }
    const held = await guess('first dance');
    assert.equal(held.statusCode, 429, held.body);
    assert.equal(held.json<{ code: string }>().code, 'rate_limited');
    assert.ok(Number(held.headers['retry-after']) >= 1);
    const page = await h.gallery.inject({
      method: 'POST',
      url: `/s/${token}`,
      headers: { accept: 'text/html' },
      payload: { email: 'mallory@example.com', collection_password: 'first dance' },
    });
    assert.equal(page.statusCode, 429, 'a browser gets the form again, saying to wait');
    assert.match(page.body, /Too many wrong passwords/);

    // Another link has counters of its own; sign-ins from the same IP are not slowed.
    const other = await createShareLink(h, owner, wedding.id);
    const elsewhere = await enter(h.gallery, tokenOf(other), {
      email: 'aunt@example.com',
      collection_password: 'first dance',
    });
    assert.equal(elsewhere.statusCode, 200);
    await loginAs(h, 'assistant', h.gallery);

    const emails = async () =>
      (
        await h.storage.visitors.listForCollection(h.accountId, wedding.id, {
          offset: 0,
          limit: 100,
        })
      ).items.map((v) => v.email);
    assert.ok(!(await emails()).includes('mallory@example.com'), 'no visitor from wrong guesses');

    h.clock.advance(1500);
    const later = await guess('first dance');
    assert.equal(later.statusCode, 200, later.body);
    assert.ok((await emails()).includes('mallory@example.com'), 'recorded once a guess was right');
  });

  test('a new password locks out every visitor at their next request, images included', async () => {
    const link = await createShareLink(h, owner, wedding.id);
    const visitor = await enterAs(h, link, {
      email: 'uncle@example.com',
      collection_password: 'first dance',
    });
    const read = (url: string) => h.gallery.inject({ url, headers: visitor.headers });
    assert.equal((await read(probeUrl(photoId))).statusCode, 200);

    owner = await loginAs(h, 'owner', h.gallery);
    assert.equal((await put({ password: 'second dance' })).statusCode, 200);

    for (const url of [
      `/api/v1/collections/${wedding.id}`,
      `/api/v1/collections/${wedding.id}/galleries`,
      probeUrl(photoId),
    ]) {
      const res = await read(url);
      assert.equal(res.statusCode, 403, `${url}: ${res.body}`);
      assert.equal(res.json<{ code: string }>().code, 'password_required');
    }
    const before = await read(`/api/v1/collections/${wedding.id}/before_show`);
    assert.equal(before.statusCode, 200, 'a locked visitor may still ask what to do');
    assert.equal(before.json<{ data: BeforeShow }>().data.status, 'password_required');
    const page = await read('/visit');
    assert.equal(page.statusCode, 403);

    const old = await enter(h.gallery, tokenOf(link), {
      email: 'uncle@example.com',
      collection_password: 'first dance',
    });
    assert.equal(old.statusCode, 401, 'the old password opens nothing now');
    const again = await enterAs(h, link, {
      email: 'uncle@example.com',
      collection_password: 'second dance',
    });
    assert.equal(
      (await h.gallery.inject({ url: probeUrl(photoId), headers: again.headers })).statusCode,
      200,
    );
  });

  test('removing the password opens the collection to its visitors again', async () => {
    const link = await createShareLink(h, owner, wedding.id);
    const visitor = await enterAs(h, link, {
      email: 'cousin@example.com',
      collection_password: 'second dance',
    });
    owner = await loginAs(h, 'owner', h.gallery);
    assert.equal((await put({ password: 'third dance' })).statusCode, 200);
    const locked = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}`,
      headers: visitor.headers,
    });
    assert.equal(locked.statusCode, 403);
    const cleared = await put({ password: null });
    assert.equal(cleared.statusCode, 200);
    assert.equal(cleared.json<{ data: Collection }>().data.password_protected, false);
    const open = await h.gallery.inject({
      url: `/api/v1/collections/${wedding.id}`,
      headers: visitor.headers,
    });
    assert.equal(open.statusCode, 200);
    const page = await h.gallery.inject({ url: `/s/${tokenOf(link)}` });
    assert.doesNotMatch(page.body, /collection_password/);
  });
});
