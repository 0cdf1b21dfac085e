import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type AuditEvent, newId, type StudioMembership } from '@proofsheet/protocol';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Secret } from 'otpauth';
import { totpCode } from '../../src/auth/two-factor/totp.js';
import {
  type Credentials,
  createHarness,
  credentialsFrom,
  type Harness,
  login,
  loginAs,
  PASSWORD,
  setCookies,
} from '../helpers/harness.js';
import { clientRecord } from '../helpers/resources.js';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** A second studio and its owner, signed in to the Studio API. */
async function secondStudio(h: Harness, name: string) {
  const { accountId, owner } = await h.addStudio(name);
  return { accountId, owner: await login(h.studio, owner.email) };
}

/** The token of the newest invitation email to `to` in `accountId`'s outbox. */
async function invitationToken(h: Harness, accountId: string, to: string): Promise<string> {
  const { items } = await h.storage.outbox.list(accountId, { offset: 0, limit: 50 });
  const message = items.find((m) => m.to === to && m.kind === 'invitation');
  const token = /\/invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(message?.text ?? '')?.[1];
  assert.ok(token, `an invitation to ${to}`);
  return token;
}

function credentialsOf(res: LightMyRequestResponse): Credentials {
  return credentialsFrom(
    setCookies(res),
    res.json<{ data: { csrf_token: string } }>().data.csrf_token,
  );
}

function get(app: FastifyInstance, who: Credentials, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
}

function switchTo(app: FastifyInstance, who: Credentials, accountId: unknown) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/account/studios/switch',
    headers: who.headers,
    payload: { account_id: accountId },
  });
}

async function eventsOf(h: Harness, owner: Credentials, type: string) {
  const res = await get(h.studio, owner, `/api/v1/audit_events?type=${type}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ data: AuditEvent[] }>().data;
}

describe('a user in several studios', () => {
  let h: Harness;
  let ownerA: Credentials;
  let b: { accountId: string; owner: Credentials };
  /** The studio's assistant, who also becomes a member of studio B. */
  let person: Harness['users']['assistant'];

  before(async () => {
    h = await createHarness();
    ownerA = await loginAs(h, 'owner');
    b = await secondStudio(h, 'Okafor Weddings');
    person = h.users.assistant;
  });
  after(() => h.close());

  it('another studio invites them (no 409), and they join with their password alone', async () => {
    const invited = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: b.owner.headers,
      payload: { email: person.email.toUpperCase(), role: 'assistant' },
    });
    assert.equal(invited.statusCode, 201, invited.body);
    const token = await invitationToken(h, b.accountId, person.email.toUpperCase());

    const page = await h.studio.inject({
      method: 'GET',
      url: `/invitations/accept?token=${token}`,
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /You have an account with this address already/);
    assert.doesNotMatch(page.body, /name="first_name"/);

    const wrong = await h.studio.inject({
      method: 'POST',
      url: '/invitations/accept',
      payload: { token, password: 'not the password at all' },
    });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(wrong.json().details, { password: ['is wrong'] });
    assert.equal(setCookies(wrong).session_cookie, undefined, 'no cookie');

    const joined = await h.studio.inject({
      method: 'POST',
      url: '/invitations/accept',
      payload: { token, password: PASSWORD },
    });
    assert.equal(joined.statusCode, 201, joined.body);
    const profile = joined.json<{
      data: { user: { account_id: string; role: string; id: string } };
    }>().data.user;
    assert.deepEqual(
      { id: profile.id, account_id: profile.account_id, role: profile.role },
      { id: person.id, account_id: b.accountId, role: 'assistant' },
    );
    assert.equal(await h.storage.users.count(), 4, 'the same user, not a second one');

    const again = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: b.owner.headers,
      payload: { email: person.email, role: 'gallery_client' },
    });
    assert.equal(again.statusCode, 409, 'a member of this studio now');
    assert.equal(again.json().code, 'already_member');
  });

  it('lists their studios with a role in each, and a sign-in opens the one joined last', async () => {
    const inB = await login(h.studio, person.email);
    const res = await get(h.studio, inB, '/api/v1/account/studios');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const studios = res.json<{ data: StudioMembership[] }>().data;
    // (The order is by joining time, which the harness's users do not set apart from its clock.)
    assert.deepEqual(
      studios
        .map(({ id, name, role, current }) => ({ id, name, role, current }))
        .sort((x, y) => x.name.localeCompare(y.name)),
      [
        { id: b.accountId, name: 'Okafor Weddings', role: 'assistant', current: true },
        { id: h.accountId, name: 'Test Studio', role: 'assistant', current: false },
      ],
    );
    // The Gallery API serves the same list (a couple may be two photographers' client).
    const onGallery = await get(h.gallery, inB, '/api/v1/account/studios');
    assert.equal(onGallery.statusCode, 200);
  });

  it('switching ends the session, starts one in the other studio, and is audited in both', async () => {
    const inB = await login(h.studio, person.email);
    const switched = await switchTo(h.studio, inB, h.accountId);
    assert.equal(switched.statusCode, 200, switched.body);
    assert.equal(
      switched.json<{ data: { user: { account_id: string } } }>().data.user.account_id,
      h.accountId,
    );
    const inA = credentialsOf(switched);
    assert.notEqual(inA.cookies.session_cookie, undefined);
    assert.notEqual(inA.cookies.session_cookie, inB.cookies.session_cookie);
    assert.equal(
      (await get(h.studio, inB, '/api/v1/session')).statusCode,
      401,
      'the old one ended',
    );
    const session = await get(h.studio, inA, '/api/v1/session');
    assert.equal(session.json<{ data: { role: string } }>().data.role, 'assistant');

    const signIns = await eventsOf(h, ownerA, 'sign_in.succeeded');
    assert.ok(
      signIns.some((e) => e.user?.id === person.id && e.detail.method === 'studio_switch'),
      'studio A sees the switch in as a sign-in',
    );
    const outs = await eventsOf(h, b.owner, 'sign_out');
    assert.ok(outs.some((e) => e.user?.id === person.id && e.detail.reason === 'studio_switch'));
    // The next sign-in opens the studio switched to.
    const next = await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email: person.email, password: PASSWORD },
    });
    assert.equal(
      next.json<{ data: { user: { account_id: string } } }>().data.user.account_id,
      h.accountId,
    );
  });

  it('a studio they do not belong to is a 404 whether or not it exists; a bad id a 400', async () => {
    const who = await login(h.studio, person.email);
    const stranger = await secondStudio(h, 'Elsewhere');
    for (const id of [stranger.accountId, newId('account', random)]) {
      const res = await switchTo(h.studio, who, id);
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().message, `You are not a member of a studio with ID: ${id}`);
    }
    const bad = await switchTo(h.studio, who, 'ac_nope');
    assert.ok(bad.statusCode === 400 || bad.statusCode === 422, `got ${bad.statusCode}`);
    assert.equal((await get(h.studio, who, '/api/v1/session')).statusCode, 200, 'still signed in');
    const noCsrf = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/studios/switch',
      headers: { cookie: who.cookie },
      payload: { account_id: b.accountId },
    });
    assert.equal(noCsrf.statusCode, 403);
  });

  it('each studio sees only its own data through the session', async () => {
    const mine = clientRecord(h, { firstName: 'Only', lastName: 'InStudioA' });
    await h.storage.clients.create(mine);
    const inA = await login(h.studio, person.email);
    const inB = credentialsOf(await switchTo(h.studio, inA, b.accountId));
    const listB = await get(h.studio, inB, '/api/v1/clients/');
    assert.equal(listB.statusCode, 200, listB.body);
    assert.doesNotMatch(listB.body, /InStudioA/);
    const direct = await get(h.studio, inB, `/api/v1/clients/${mine.id}`);
    assert.equal(direct.statusCode, 404);
    const inA2 = credentialsOf(await switchTo(h.studio, inB, h.accountId));
    assert.match((await get(h.studio, inA2, `/api/v1/clients/${mine.id}`)).body, /InStudioA/);
  });

  it('a role change or removal in one studio ends their sign-ins there only', async () => {
    const inA = await login(h.studio, person.email);
    const inB = credentialsOf(
      await switchTo(h.studio, await login(h.studio, person.email), b.accountId),
    );
    const demoted = await h.studio.inject({
      method: 'PUT',
      url: `/api/v1/members/${person.id}`,
      headers: b.owner.headers,
      payload: { role: 'gallery_client' },
    });
    assert.equal(demoted.statusCode, 200, demoted.body);
    assert.equal((await get(h.studio, inB, '/api/v1/session')).statusCode, 401);
    assert.equal((await get(h.studio, inA, '/api/v1/session')).statusCode, 200);

    const removed = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/members/${person.id}`,
      headers: b.owner.headers,
    });
    assert.equal(removed.statusCode, 204);
    const left = await get(h.studio, inA, '/api/v1/account/studios');
    assert.deepEqual(
      left.json<{ data: StudioMembership[] }>().data.map((s) => s.id),
      [h.accountId],
    );
    assert.equal((await switchTo(h.studio, inA, b.accountId)).statusCode, 404);
    // Still an assistant of studio A, and signs in there.
    const back = await login(h.studio, person.email);
    const session = await get(h.studio, back, '/api/v1/session');
    assert.equal(session.json<{ data: { role: string } }>().data.role, 'assistant');
  });

  it('joining with an account that has a second factor still asks for it', async () => {
    const client = h.users.gallery_client;
    const mine = await loginAs(h, 'gallery_client');
    const start = await h.gallery.inject({
      method: 'POST',
      url: '/api/v1/account/two_factor/totp',
      headers: mine.headers,
    });
    assert.equal(start.statusCode, 200, start.body);
    const key = new Uint8Array(Secret.fromBase32(start.json().data.secret).buffer);
    const confirm = await h.gallery.inject({
      method: 'POST',
      url: '/api/v1/account/two_factor/totp/confirm',
      headers: mine.headers,
      payload: { code: totpCode(key, h.clock.now().getTime()) },
    });
    assert.equal(confirm.statusCode, 200, confirm.body);
    h.clock.advance(30_000);

    await h.studio.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: b.owner.headers,
      payload: { email: client.email, role: 'gallery_client' },
    });
    const token = await invitationToken(h, b.accountId, client.email);
    const joined = await h.gallery.inject({
      method: 'POST',
      url: '/invitations/accept',
      payload: { token, password: PASSWORD },
    });
    assert.equal(joined.statusCode, 401, joined.body);
    assert.equal(joined.json().code, 'mfa_required');
    assert.equal(setCookies(joined).session_cookie, undefined, 'no session before the code');
    const done = await h.gallery.inject({
      method: 'POST',
      url: '/login/mfa',
      payload: { mfa_token: joined.json().mfa_token, code: totpCode(key, h.clock.now().getTime()) },
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(
      done.json<{ data: { user: { account_id: string } } }>().data.user.account_id,
      b.accountId,
      'signed in to the studio just joined',
    );
    // A gallery client of two studios switches on the Gallery API.
    const back = await switchTo(h.gallery, credentialsOf(done), h.accountId);
    assert.equal(back.statusCode, 200, back.body);
    const bootstrap = await get(h.gallery, credentialsOf(back), '/api/v1/data/bootstrap');
    assert.equal(bootstrap.statusCode, 200, bootstrap.body);
  });
});

describe('a removal that races a sign-in', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('leaves no session when the member is removed while the password is checked', async () => {
    const owner = await loginAs(h, 'owner');
    const victim = h.users.assistant;
    // The removal lands just after the sign-in wrote its session, before it answered, and
    // its own revocation (which lists the sessions before that write) misses the new one.
    const sessions = h.storage.sessions;
    const create = sessions.create.bind(sessions);
    let raced = false;
    sessions.create = async (login) => {
      await create(login);
      if (login.userId === victim.id && !raced) {
        raced = true;
        assert.ok((await h.storage.users.remove(h.accountId, victim.id, h.clock.now())).ok);
      }
    };
    try {
      const res = await h.studio.inject({
        method: 'POST',
        url: '/login',
        payload: { email: victim.email, password: PASSWORD },
      });
      assert.ok(raced, 'the removal ran inside the sign-in');
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().code, 'invalid_credentials');
      assert.deepEqual(await h.storage.sessions.listForUser(victim.id), [], 'no session left');
    } finally {
      sessions.create = create;
    }
    assert.equal(
      (await h.studio.inject({ url: '/api/v1/session', headers: { cookie: owner.cookie } }))
        .statusCode,
      200,
    );
  });
});

describe('opening a studio of your own', () => {
  it('with sign-up open: the user owns a new studio, keeps theirs, and may switch to it', async () => {
    const h = await createHarness({ signUp: 'open' });
    try {
      const who = await loginAs(h, 'assistant');
      const listed = await get(h.studio, who, '/api/v1/account/studios');
      assert.deepEqual(listed.json().meta, { can_create: true });
      const opened = await h.studio.inject({
        method: 'POST',
        url: '/api/v1/account/studios',
        headers: who.headers,
        payload: { name: '  Okafor Portraits ' },
      });
      assert.equal(opened.statusCode, 201, opened.body);
      const studio = opened.json<{ data: StudioMembership }>().data;
      assert.deepEqual(
        { name: studio.name, role: studio.role, current: studio.current },
        { name: 'Okafor Portraits', role: 'owner', current: false },
      );
      assert.equal(
        (await get(h.studio, who, '/api/v1/session')).json<{ data: { role: string } }>().data.role,
        'assistant',
        'the session stays where it was',
      );
      const inNew = credentialsOf(await switchTo(h.studio, who, studio.id));
      const members = await get(h.studio, inNew, '/api/v1/members');
      assert.equal(members.statusCode, 200, 'an owner there');
      assert.deepEqual(
        members.json<{ data: Array<{ email: string }> }>().data.map((m) => m.email),
        [h.users.assistant.email],
      );
      const events = await get(h.studio, inNew, '/api/v1/audit_events?type=studio.created');
      assert.equal(events.json<{ data: AuditEvent[] }>().data.length, 1);
      for (const name of ['', '   ']) {
        const bad = await h.studio.inject({
          method: 'POST',
          url: '/api/v1/account/studios',
          headers: inNew.headers,
          payload: { name },
        });
        assert.equal(bad.statusCode, 422, JSON.stringify(name));
      }
      // A gallery client may start a studio too (a couple's own photography business), on the
      // Gallery API as on the Studio API.
      const client = await loginAs(h, 'gallery_client');
      const theirs = await h.gallery.inject({
        method: 'POST',
        url: '/api/v1/account/studios',
        headers: client.headers,
        payload: { name: 'Second Shooter Co' },
      });
      assert.equal(theirs.statusCode, 201, theirs.body);
      assert.equal(theirs.json<{ data: StudioMembership }>().data.role, 'owner');
    } finally {
      await h.close();
    }
  });

  it('otherwise (invite-only, the default): 403 sign_up_closed, and nothing made', async () => {
    const h = await createHarness();
    try {
      const who = await loginAs(h, 'owner');
      assert.deepEqual((await get(h.studio, who, '/api/v1/account/studios')).json().meta, {
        can_create: false,
      });
      const res = await h.studio.inject({
        method: 'POST',
        url: '/api/v1/account/studios',
        headers: who.headers,
        payload: { name: 'Another' },
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'sign_up_closed');
      assert.equal((await h.storage.users.listMemberships(h.users.owner.id)).length, 1);
    } finally {
      await h.close();
    }
  });
});

describe('a switched session', () => {
  it('is no fresh sign-in: changing a second factor still asks for one', async () => {
    const h = await createHarness();
    try {
      const other = await h.addStudio('Okafor Weddings');
      const person = h.users.assistant;
      await h.storage.users.addMembership(other.accountId, person.id, 'owner', h.clock.now());
      const startTotp = (who: Credentials) =>
        h.studio.inject({
          method: 'POST',
          url: '/api/v1/account/two_factor/totp',
          headers: who.headers,
        });
      const signedIn = await login(h.studio, person.email);
      h.clock.advance(h.config.recentSignInMs + 1000);
      const switched = await switchTo(h.studio, signedIn, other.accountId);
      assert.equal(switched.statusCode, 200, switched.body);
      const refused = await startTotp(credentialsOf(switched));
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().code, 'recent_sign_in_required');
      // A real sign-in is recent.
      assert.equal((await startTotp(await login(h.studio, person.email))).statusCode, 200);
    } finally {
      await h.close();
    }
  });
});
