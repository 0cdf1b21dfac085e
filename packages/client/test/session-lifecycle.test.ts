import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AuthError,
  createClient,
  isAuthError,
  isMfaRequiredError,
  MemoryCookieJar,
} from '../src/index.js';
import { PASSWORD, type Servers, startServers } from './helpers/servers.js';

describe('session lifecycle over real sockets', () => {
  let servers: Servers;
  before(async () => {
    servers = await startServers();
  });
  after(async () => {
    await servers.close();
  });

  function newClient(withCredentials = false) {
    return createClient({
      studioUrl: servers.studioUrl,
      galleryUrl: servers.galleryUrl,
      validateResponses: true,
      ...(withCredentials
        ? { credentials: { email: servers.users.owner.email, password: PASSWORD } }
        : {}),
    });
  }

  test('login, list, create, update and delete a client through the library', async () => {
    const client = newClient();
    const { user } = await client.login(servers.users.owner.email, PASSWORD);
    assert.equal(user.email, servers.users.owner.email);
    const created = await client.studio.clients.create({ first_name: 'Ada', type: 'lead' });
    assert.match(created.id, /^cl_/);
    const updated = await client.studio.clients.update(created.id, { company: 'Engines Ltd' });
    assert.equal(updated.company, 'Engines Ltd');
    assert.equal((await client.studio.clients.get(created.id)).company, 'Engines Ltd');
    const page = await client.studio.clients.list({ types: ['lead'] });
    assert.ok(page.data.some((c) => c.id === created.id));
    await client.studio.clients.delete(created.id);
    await assert.rejects(client.studio.clients.get(created.id), (e: unknown) => {
      assert.match(String((e as Error).message), /^Request failed with 404 Not Found: GET .*cl_/);
      return true;
    });
  });

  test('an idle-expired session is refreshed transparently', async () => {
    const client = newClient();
    await client.login(servers.users.owner.email, PASSWORD);
    const before = servers.rotations();
    servers.clock.advance(servers.config.sessionIdleMs + 1000);
    const page = await client.studio.clients.list();
    assert.ok(Array.isArray(page.data));
    assert.equal(servers.rotations() - before, 1);
  });

  test('a revoked auth token leads to re-login with credentials', async () => {
    const client = newClient(true);
    await client.login(servers.users.owner.email, PASSWORD);
    await servers.storage.sessions.deleteForUser(servers.users.owner.id);
    const page = await client.studio.clients.list();
    assert.ok(Array.isArray(page.data));
  });

  test('a revoked auth token without credentials throws AuthError', async () => {
    const client = newClient(false);
    await client.login(servers.users.owner.email, PASSWORD);
    await servers.storage.sessions.deleteForUser(servers.users.owner.id);
    await assert.rejects(client.studio.clients.list(), (e: unknown) => {
      assert.ok(isAuthError(e));
      assert.ok(e instanceof AuthError);
      assert.match(e.message, /GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/clients\//);
      return true;
    });
  });

  test('100 concurrent requests on an expired session cause exactly one refresh', async () => {
    const client = createClient({
      studioUrl: servers.studioUrl,
      galleryUrl: servers.galleryUrl,
      validateResponses: true,
      cookieJar: new MemoryCookieJar(),
      cache: false,
    });
    await client.login(servers.users.owner.email, PASSWORD, { api: 'studio' });
    servers.clock.advance(servers.config.sessionIdleMs + 1000);
    const before = servers.rotations();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => client.studio.clients.list({ perPage: 1 })),
    );
    assert.equal(results.length, 100);
    assert.equal(servers.rotations() - before, 1);
  });

  test('a rotated CSRF token is recovered with GET /api/v1/csrf-token', async () => {
    const jar = new MemoryCookieJar();
    const client = createClient({
      studioUrl: servers.studioUrl,
      galleryUrl: servers.galleryUrl,
      validateResponses: true,
      cookieJar: jar,
    });
    await client.login(servers.users.owner.email, PASSWORD, { api: 'studio' });
    await jar.setCookie('XSRF-TOKEN=stale-token-from-another-tab; Path=/', servers.studioUrl);
    const created = await client.studio.clients.create({ first_name: 'Grace' });
    assert.match(created.id, /^cl_/);
  });
});

describe('two-factor sign-in through the library', () => {
  let servers: Servers;
  let totp: { code(): string; recoveryCodes: string[] };
  before(async () => {
    servers = await startServers();
    totp = await servers.enrollTotp('owner');
  });
  after(() => servers.close());

  const email = () => servers.users.owner.email;
  const options = () => ({
    studioUrl: servers.studioUrl,
    galleryUrl: servers.galleryUrl,
    validateResponses: true,
  });

  test('without a provider, login throws MfaRequiredError; completeLogin finishes it', async () => {
    const client = createClient(options());
    const error = await client.login(email(), PASSWORD, { api: 'studio' }).then(
      () => assert.fail('signed in without a second factor'),
      (e: unknown) => e,
    );
    assert.ok(isMfaRequiredError(error));
    assert.ok(isAuthError(error), 'also an AuthError, for code that only knows that one');
    assert.equal(error.api, 'studio');
    assert.match(error.mfaToken, /^[A-Za-z0-9_-]{43}$/);
    const { user } = await client.completeLogin(error.mfaToken, { code: totp.code() });
    assert.equal(user.email, email());
    assert.ok(Array.isArray((await client.studio.clients.list()).data));
    servers.clock.advance(30_000);
  });

  test('a provider is asked once for both APIs, again after a wrong code, and not after null', async () => {
    const asked: string[] = [];
    let wrongFirst = true;
    const client = createClient({
      ...options(),
      secondFactor: (challenge) => {
        asked.push(`${challenge.api}${challenge.retry ? ' retry' : ''}`);
        if (wrongFirst) {
          wrongFirst = false;
          return { code: '000000' };
        }
        return { code: totp.code() };
      },
    });
    await client.login(email(), PASSWORD);
    assert.deepEqual(asked, ['studio', 'studio retry']);
    assert.equal((await client.session('gallery')).user.email, email());
    servers.clock.advance(30_000);

    const giveUp = createClient({ ...options(), secondFactor: () => null });
    await assert.rejects(giveUp.login(email(), PASSWORD, { api: 'studio' }), (e: unknown) => {
      assert.ok(isAuthError(e) && !isMfaRequiredError(e));
      assert.match((e as Error).message, /no valid second factor/);
      return true;
    });
  });

  test('recovery codes work once each, so the provider is asked for each API', async () => {
    const codes = [...totp.recoveryCodes];
    const asked: string[] = [];
    const client = createClient({
      ...options(),
      secondFactor: (challenge) => {
        asked.push(challenge.api);
        return { recoveryCode: codes.shift() ?? '' };
      },
    });
    await client.login(email(), PASSWORD);
    assert.deepEqual(asked, ['studio', 'gallery']);
  });

  test('re-login after the auth token is revoked answers the second factor too', async () => {
    const client = createClient({
      ...options(),
      credentials: { email: email(), password: PASSWORD },
      secondFactor: () => ({ code: totp.code() }),
    });
    await client.login(email(), PASSWORD, { api: 'studio' });
    await servers.storage.sessions.deleteForUser(servers.users.owner.id);
    servers.clock.advance(30_000);
    assert.ok(Array.isArray((await client.studio.clients.list()).data));
  });
});
