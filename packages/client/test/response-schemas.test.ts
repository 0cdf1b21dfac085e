import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient, isHttpError, MemoryCookieJar, type PixiesetClient } from '../src/index.js';
import { PASSWORD, type Servers, startServers } from './helpers/servers.js';

// Every resource method against the real server, with validateResponses on: each answer must
// match the protocol schema the method declares, or the call throws ResponseShapeError.
describe("the real server's responses match the protocol's schemas", () => {
  let servers: Servers;
  let client: PixiesetClient;
  let jar: MemoryCookieJar;

  before(async () => {
    servers = await startServers();
    jar = new MemoryCookieJar();
    client = createClient({
      studioUrl: servers.studioUrl,
      galleryUrl: servers.galleryUrl,
      cookieJar: jar,
      validateResponses: true,
    });
  });
  after(async () => {
    await servers.close();
  });

  test('login and session (LoginResponse, CurrentSession)', async () => {
    const { user } = await client.login(servers.users.owner.email, PASSWORD);
    assert.equal(user.role, 'owner');
    const session = await client.session('studio');
    assert.equal(session.user.email, servers.users.owner.email);
    assert.equal((await client.session('gallery')).role, 'owner');
  });

  test('studio.clients: create, get, update, list, search, iterate, delete', async () => {
    const created = await client.studio.clients.create({
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      type: 'lead',
      address_info: { city: 'London', country_id: 77 },
    });
    assert.equal((await client.studio.clients.get(created.id)).first_name, 'Ada');
    const updated = await client.studio.clients.update(created.id, { company: 'Engines Ltd' });
    assert.equal(updated.company, 'Engines Ltd');
    const page = await client.studio.clients.list({ types: ['lead'], perPage: 5 });
    assert.ok(page.data.some((c) => c.id === created.id));
    const found = await client.studio.clients.search('Lovelace');
    assert.ok(found.data.some((c) => c.id === created.id));
    const all = await client.studio.clients.iterate({ perPage: 1, types: 'all' }).all();
    assert.ok(all.length >= 1);
    await client.studio.clients.delete(created.id);
  });

  test('studio.notifications: list, markRead, markAllRead', async () => {
    await client.studio.clients.create({ first_name: 'Grace', type: 'client' });
    const list = await client.studio.notifications.list({ unread: true, limit: 10 });
    const [first] = list.data;
    assert.ok(first, 'creating a client notified');
    assert.equal((await client.studio.notifications.markRead(first.id)).read, true);
    assert.equal(typeof (await client.studio.notifications.markAllRead()), 'number');
  });

  test('gallery: bootstrap, collections and their galleries', async () => {
    const { data } = await client.gallery.bootstrap();
    assert.equal(data.user.email, servers.users.owner.email);
    const collections = client.gallery.collections;
    const created = await collections.create({
      name: 'Wedding',
      description: null,
      expiry_date: '2027-06-30',
      shared_with: [servers.users.gallery_client.email],
    });
    assert.equal((await collections.get(created.id)).name, 'Wedding');
    assert.equal(
      (await collections.update(created.id, { downloadable: false })).downloadable,
      false,
    );
    assert.ok((await collections.list({ perPage: 5 })).data.some((c) => c.id === created.id));
    assert.ok((await collections.iterate({ perPage: 1 }).all()).length >= 1);
    const gallery = await collections.galleries.create(created.id, { name: 'Ceremony' });
    const changed = await collections.galleries.update(created.id, gallery.id, { private: true });
    assert.equal(changed.private, true);
    assert.deepEqual(
      (await collections.galleries.iterate(created.id, { perPage: 1 }).all()).map((g) => g.id),
      [gallery.id],
    );
    await collections.galleries.delete(created.id, gallery.id);
    await collections.delete(created.id);
  });

  test('an error answer matches ErrorBody and arrives as an HttpError with its code', async () => {
    await assert.rejects(client.studio.clients.get(`cl_${'x'.repeat(30)}`), (e: unknown) => {
      assert.ok(isHttpError(e), String(e));
      assert.equal(e.code, 'not_found');
      return true;
    });
    await assert.rejects(client.gallery.collections.get(99_999_999), (e: unknown) => {
      assert.ok(isHttpError(e), String(e));
      assert.equal(e.code, 'not_found');
      return true;
    });
  });

  test('refresh, a new CSRF token and logout (LoginResponse, CsrfTokenResponse)', async () => {
    const before = servers.rotations();
    servers.clock.advance(servers.config.sessionIdleMs + 1000);
    await client.studio.clients.list();
    assert.equal(servers.rotations() - before, 1);
    await jar.setCookie('XSRF-TOKEN=stale; Path=/', servers.studioUrl);
    await client.studio.clients.create({ first_name: 'Mary' });
    await client.logout();
    await assert.rejects(client.session('studio'), (e: unknown) => {
      assert.match(String(e), /AuthError/);
      return true;
    });
  });

  test('a copied Cookie header is checked with the session (CurrentSession)', async () => {
    const other = createClient({
      studioUrl: servers.studioUrl,
      galleryUrl: servers.galleryUrl,
      validateResponses: true,
    });
    await other.login(servers.users.assistant.email, PASSWORD, { api: 'studio' });
    const cookie = await other.options.cookieJar.getCookieString(`${servers.studioUrl}/api/`);
    const copy = createClient({
      studioUrl: servers.studioUrl,
      galleryUrl: servers.galleryUrl,
      validateResponses: true,
    });
    const session = await copy.loginWithCookie(cookie, { api: 'studio' });
    assert.equal(session.role, 'assistant');
  });
});
