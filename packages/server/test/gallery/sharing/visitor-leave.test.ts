/**
 * `POST /s/leave`: a visitor ends their visit. The visitor session row goes, the cookie is
 * cleared, and the old cookie opens nothing afterwards; the visitor's CSRF token is required.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { COOKIE_NAMES, type Collection, type CreatedShareLink } from '@proofsheet/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { hashSecret } from '../../../src/auth/tokens.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import {
  addPhoto,
  createShareLink,
  enterAs,
  type VisitorCredentials,
} from '../../helpers/share-links.js';

/** The Set-Cookie of the visitor cookie in a response, if any. */
function visitorSetCookie(res: LightMyRequestResponse) {
  const cookies = res.cookies as Array<{ name: string; value: string; maxAge?: number }>;
  return cookies.find((c) => c.name.endsWith(COOKIE_NAMES.visitor));
}

describe('a visitor leaving a share link', () => {
  let h: Harness;
  let owner: Credentials;
  let wedding: Collection;
  let link: CreatedShareLink;

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    wedding = await createCollection(h, owner, { name: 'Reyes Wedding' });
    const ceremony = await createGallery(h, owner, wedding.id, { name: 'Ceremony' });
    await addPhoto(h, ceremony);
    link = await createShareLink(h, owner, wedding.id);
  });
  after(() => h.close());

  const leave = (headers: Record<string, string>, payload?: string) =>
    h.gallery.inject({
      method: 'POST',
      url: '/s/leave',
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
  const read = (visitor: VisitorCredentials) =>
    h.gallery.inject({ url: `/api/v1/collections/${wedding.id}`, headers: visitor.headers });
  const sessionRow = (visitor: VisitorCredentials) =>
    h.storage.visitors.resolve(hashSecret(visitor.cookie.slice(visitor.cookie.indexOf('=') + 1)));

  test('ends the visit: the session row goes, the cookie is cleared, the old cookie is 401', async () => {
    const visitor = await enterAs(h, link);
    assert.equal((await read(visitor)).statusCode, 200);
    assert.ok(await sessionRow(visitor), 'a session while visiting');

    const res = await leave(visitor.headers);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { data: { left: true } });
    assert.equal(res.headers['cache-control'], 'no-store');
    const cleared = visitorSetCookie(res);
    assert.ok(cleared, 'the visitor cookie is set again');
    assert.equal(cleared.value, '', 'to nothing');

    assert.equal(await sessionRow(visitor), null, 'the session row is gone');
    const after = await read(visitor);
    assert.equal(after.statusCode, 401, after.body);
    const page = await h.gallery.inject({ url: '/visit', headers: { cookie: visitor.cookie } });
    assert.match(page.body, /Your visit has ended/);
    assert.doesNotMatch(page.body, /visit\.js/, 'no gallery to mount');
  });

  test("needs the visitor's CSRF token: without it, or with another, nothing ends", async () => {
    const visitor = await enterAs(h, link, { email: 'aunt@example.com' });
    const other = await enterAs(h, link, { email: 'uncle@example.com' });
    for (const headers of [
      { cookie: visitor.cookie },
      { cookie: visitor.cookie, 'x-csrf-token': other.csrf },
    ]) {
      const res = await leave(headers);
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json<{ code: string }>().code, 'csrf_mismatch');
      assert.equal(visitorSetCookie(res), undefined, 'the cookie stays');
    }
    const crossSite = await leave({ ...visitor.headers, origin: 'https://evil.example' });
    assert.equal(crossSite.statusCode, 403, crossSite.body);
    assert.equal(crossSite.json<{ code: string }>().code, 'cross_site');
    assert.equal((await read(visitor)).statusCode, 200, 'still visiting');
    assert.ok(await sessionRow(visitor));
  });

  test("a browser's form post leaves with the page's token and goes back to /visit", async () => {
    const visitor = await enterAs(h, link, { email: 'cousin@example.com' });
    const page = await h.gallery.inject({ url: '/visit', headers: { cookie: visitor.cookie } });
    assert.equal(page.statusCode, 200);
    const field = /action="\/s\/leave"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"/.exec(
      page.body,
    )?.[1];
    assert.equal(field, visitor.csrf, "the Leave form carries the visitor's token");

    const res = await leave(
      {
        cookie: visitor.cookie,
        accept: 'text/html,application/xhtml+xml',
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost:80',
        'sec-fetch-site': 'same-origin',
      },
      new URLSearchParams({ _csrf: field ?? '' }).toString(),
    );
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/visit');
    assert.equal(visitorSetCookie(res)?.value, '');
    assert.equal((await read(visitor)).statusCode, 401);
    // The browser now holds no visitor cookie: the page says the link still opens it.
    const next = await h.gallery.inject({ url: '/visit' });
    assert.match(next.body, /Your visit has ended/);
    assert.match(next.body, /Open the link your photographer sent you to see the photos again/);
  });

  test('without a visit there is nothing to end: 200, and the cookie is cleared', async () => {
    for (const headers of [{}, { cookie: `${COOKIE_NAMES.visitor}=not-a-token` }]) {
      const res = await leave(headers);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { data: { left: true } });
      assert.equal(visitorSetCookie(res)?.value, '');
    }
  });

  test('a visitor locked out by a new collection password may still leave', async () => {
    const visitor = await enterAs(h, link, { email: 'niece@example.com' });
    const put = await h.gallery.inject({
      method: 'PUT',
      url: `/api/v1/collections/${wedding.id}`,
      headers: owner.headers,
      payload: { password: 'first dance' },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal((await read(visitor)).statusCode, 403, 'locked');
    const res = await leave(visitor.headers);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(await sessionRow(visitor), null);
  });
});
