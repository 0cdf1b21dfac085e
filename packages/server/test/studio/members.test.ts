import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Member, newId } from '@proofsheet/protocol';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import {
  type Credentials,
  createHarness,
  type Harness,
  login,
  loginAs,
  PASSWORD,
} from '../helpers/harness.js';

const bytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

describe('members', () => {
  let h: Harness;
  let owner: Credentials;
  /** A user of the studio made for one test, so tests do not undo each other. */
  async function member(role: UserRecord['role'], email: string): Promise<UserRecord> {
    const user = { ...h.users.assistant, id: newId('user', bytes), email, role };
    await h.storage.users.create(user);
    return user;
  }
  function setRole(who: Credentials, id: string, role: string) {
    return h.studio.inject({
      method: 'PUT',
      url: `/api/v1/members/${id}`,
      headers: who.headers,
      payload: { role },
    });
  }
  function remove(who: Credentials, id: string) {
    return h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/members/${id}`,
      headers: who.headers,
    });
  }
  const sessionOf = (who: Credentials, app = h.studio) =>
    app.inject({ url: '/api/v1/session', headers: { cookie: who.cookie } });

  const sortedUsers = () => Object.values(h.users).sort((x, y) => (x.id < y.id ? -1 : 1));

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  it('owners list the studio’s users, oldest first, field for field; others get 403', async () => {
    const res = await h.studio.inject({ url: '/api/v1/members', headers: owner.headers });
    assert.equal(res.statusCode, 200);
    const body = res.json<{ data: Member[]; meta: { total: number } }>();
    assert.deepEqual(
      body.data,
      // All made at one instant: the id breaks the tie.
      sortedUsers().map((u) => {
        return {
          id: u.id,
          email: u.email,
          first_name: u.firstName,
          last_name: u.lastName,
          role: u.role,
          created_at: u.createdAt.toISOString(),
        };
      }),
    );
    assert.equal(body.meta.total, 3);
    const paged = await h.studio.inject({
      url: '/api/v1/members?per_page=1&page=2',
      headers: owner.headers,
    });
    assert.deepEqual(
      paged.json().data.map((m: Member) => m.id),
      [sortedUsers()[1]?.id],
    );
    const assistant = await loginAs(h, 'assistant');
    assert.equal(
      (await h.studio.inject({ url: '/api/v1/members', headers: assistant.headers })).statusCode,
      403,
    );
    assert.equal((await setRole(assistant, h.users.assistant.id, 'owner')).statusCode, 403);
    assert.equal((await remove(assistant, h.users.gallery_client.id)).statusCode, 403);
  });

  it('a role change answers the member, ends their sign-ins, and the next sign-in has the new role', async () => {
    const user = await member('assistant', 'promote@example.com');
    const theirs = await login(h.studio, user.email);
    const res = await setRole(owner, user.id, 'gallery_client');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().data.role, 'gallery_client');
    assert.equal(res.json().data.id, user.id);
    assert.equal((await sessionOf(theirs)).statusCode, 401, 'the old session carried the old role');
    const again = await login(h.gallery, user.email);
    assert.equal((await sessionOf(again, h.gallery)).json().data.user.role, 'gallery_client');
    // The same role again changes nothing, and signs no one out.
    assert.equal((await setRole(owner, user.id, 'gallery_client')).statusCode, 200);
    assert.equal((await sessionOf(again, h.gallery)).statusCode, 200);
    const bad = await setRole(owner, user.id, 'admin');
    assert.equal(bad.statusCode, 422);
  });

  it('the last owner can neither demote nor remove themself (409); with a second owner they can', async () => {
    const demote = await setRole(owner, h.users.owner.id, 'assistant');
    assert.equal(demote.statusCode, 409);
    assert.deepEqual(demote.json(), {
      error: 'Conflict',
      message: 'The studio must keep an owner',
      code: 'last_owner',
    });
    assert.equal((await remove(owner, h.users.owner.id)).json().code, 'last_owner');
    assert.equal((await sessionOf(owner)).statusCode, 200, 'a refused change ends no session');

    const second = await member('assistant', 'second-owner@example.com');
    assert.equal((await setRole(owner, second.id, 'owner')).statusCode, 200);
    const secondOwner = await login(h.studio, second.email);
    const stepDown = await setRole(secondOwner, second.id, 'assistant');
    assert.equal(stepDown.statusCode, 200);
    assert.equal((await sessionOf(secondOwner)).statusCode, 401, 'their own session ends too');
    assert.equal((await setRole(owner, h.users.owner.id, 'assistant')).statusCode, 409);
  });

  it('removing a member ends their sessions; they cannot sign in; their address can be invited again', async () => {
    const user = await member('gallery_client', 'leaving@example.com');
    const onGallery = await login(h.gallery, user.email);
    const res = await remove(owner, user.id);
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal((await sessionOf(onGallery, h.gallery)).statusCode, 401);
    const refresh = await h.gallery.inject({
      method: 'POST',
      url: '/api/v1/session/refresh',
      headers: { cookie: onGallery.cookie },
    });
    assert.equal(refresh.statusCode, 401, 'the auth token cannot renew it either');
    const signIn = await h.gallery.inject({
      method: 'POST',
      url: '/login',
      payload: { email: user.email, password: PASSWORD },
    });
    assert.equal(signIn.statusCode, 401);
    assert.equal(signIn.json().code, 'invalid_credentials');
    const listed = await h.studio.inject({
      url: '/api/v1/members?per_page=100',
      headers: owner.headers,
    });
    assert.ok(!listed.json().data.some((m: Member) => m.id === user.id));
    assert.equal((await remove(owner, user.id)).statusCode, 404, 'removed once');
    const invited = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: owner.headers,
      payload: { email: user.email, role: 'gallery_client' },
    });
    assert.equal(invited.statusCode, 201, invited.body);
  });

  it('another studio’s users are 404 (never 403) and untouched; malformed ids are 400', async () => {
    const accountId = newId('account', bytes);
    await h.storage.accounts.create({
      id: accountId,
      name: 'Elsewhere',
      subdomain: 'elsewhere',
      plan: 'pro',
      timezone: 'UTC',
      currency: 'USD',
      locale: 'en-US',
      createdAt: h.clock.now(),
    });
    const strangerUser = {
      ...h.users.owner,
      id: newId('user', bytes),
      accountId,
      email: 'boss@elsewhere.example.com',
    };
    await h.storage.users.create(strangerUser);
    const stranger = await login(h.studio, strangerUser.email);
    const theirList = await h.studio.inject({ url: '/api/v1/members', headers: stranger.headers });
    assert.deepEqual(
      theirList.json().data.map((m: Member) => m.id),
      [strangerUser.id],
    );
    const target = h.users.assistant;
    const put = await setRole(stranger, target.id, 'gallery_client');
    assert.equal(put.statusCode, 404);
    assert.equal(put.json().message, `No member found with ID: ${target.id}`);
    assert.equal((await remove(stranger, target.id)).statusCode, 404);
    assert.equal((await h.storage.users.findById(target.id))?.role, 'assistant');
    // And the other way round.
    assert.equal((await remove(owner, strangerUser.id)).statusCode, 404);
    assert.equal((await setRole(owner, 'us_nope', 'owner')).statusCode, 400);
    assert.equal((await remove(owner, `us_${'Z'.repeat(30)}`)).statusCode, 404);
  });
});
