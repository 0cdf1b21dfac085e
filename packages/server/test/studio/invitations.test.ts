import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Invitation, newId } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { hashSecret } from '../../src/auth/tokens.js';
import {
  type Credentials,
  createHarness,
  type Harness,
  login,
  loginAs,
  PASSWORD,
  setCookies,
} from '../helpers/harness.js';
import { openPostgresStorage } from '../helpers/open-storage.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

const NEW_PASSWORD = 'a brand new passphrase, long enough';
const postgres = await postgresService();
const schemas: TestSchema[] = [];
after(() => Promise.all(schemas.map((s) => s.drop())));

/** The token of the newest invitation email to `to`, and the message. */
async function invitationLink(h: Harness, to: string) {
  const { items } = await h.storage.outbox.list(h.accountId, { offset: 0, limit: 20 });
  const message = items.find((m) => m.to === to && m.kind === 'invitation');
  assert.ok(message, `an invitation email to ${to}`);
  const match = /(\S*)\/invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(message.text);
  assert.ok(match?.[2], `a link in:\n${message.text}`);
  return { base: match[1] ?? '', token: match[2], message };
}

function invite(app: FastifyInstance, who: Credentials, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/invitations', headers: who.headers, payload });
}

function accept(app: FastifyInstance, token: string, password = NEW_PASSWORD) {
  return app.inject({
    method: 'POST',
    url: '/invitations/accept',
    payload: { token, password, first_name: 'Sam', last_name: 'Okafor' },
  });
}

/** A second studio with an owner, signed in: the stranger whose requests must all miss. */
async function otherStudio(h: Harness): Promise<Credentials> {
  const accountId = newId('account', (n) => crypto.getRandomValues(new Uint8Array(n)));
  await h.storage.accounts.create({
    id: accountId,
    name: 'Other Studio',
    subdomain: `other${Math.floor(Math.random() * 1e6)}`,
    plan: 'pro',
    timezone: 'UTC',
    currency: 'USD',
    locale: 'en-US',
    createdAt: h.clock.now(),
  });
  const email = `owner-${accountId.slice(3, 10)}@other.example.com`;
  await h.storage.users.create({
    ...h.users.owner,
    id: newId('user', (n) => crypto.getRandomValues(new Uint8Array(n))),
    accountId,
    email,
  });
  return login(h.studio, email);
}

describe('invitations', () => {
  let h: Harness;
  let owner: Credentials;
  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  it('an owner invites an assistant: 201, an email with a link to the Studio, the token kept as a hash only', async () => {
    const res = await invite(h.studio, owner, {
      email: 'Sam@Example.com',
      role: 'assistant',
      first_name: 'Sam',
    });
    assert.equal(res.statusCode, 201, res.body);
    const invitation = res.json<{ data: Invitation }>().data;
    assert.match(invitation.id, /^iv_[A-Za-z0-9]{30}$/);
    assert.deepEqual(
      { ...invitation, id: '' },
      {
        id: '',
        email: 'Sam@Example.com',
        role: 'assistant',
        first_name: 'Sam',
        last_name: '',
        status: 'pending',
        expires_at: new Date(h.clock.now().getTime() + 7 * 86_400_000).toISOString(),
        created_at: h.clock.now().toISOString(),
        invited_by: h.users.owner.id,
      },
    );
    const { base, token, message } = await invitationLink(h, 'Sam@Example.com');
    assert.equal(base, 'http://localhost:80', 'this host: no public URL is configured');
    assert.equal(message.subject, 'Test Studio invites you to Proofsheet');
    assert.match(message.text, /as an assistant/);
    assert.match(message.html, /<a href="http:\/\/localhost:80\/invitations\/accept\?token=/);
    const stored = await h.storage.invitations.findById(h.accountId, invitation.id);
    assert.equal(stored?.tokenHash, hashSecret(token));
    assert.ok(!JSON.stringify(stored).includes(token), 'the table holds no token');
  });

  it('assistants and gallery clients may not invite, and owners cannot be invited', async () => {
    for (const role of ['assistant', 'gallery_client'] as const) {
      const who = await loginAs(h, role, h.studio);
      const res = await invite(h.studio, who, { email: 'x@example.com', role: 'assistant' });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'forbidden');
    }
    const res = await invite(h.studio, owner, { email: 'x@example.com', role: 'owner' });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().code, 'validation_failed');
    const open = await invite(h.studio, owner, {
      email: 'x@example.com',
      role: 'assistant',
      admin: true,
    });
    assert.equal(open.statusCode, 422, 'the body is closed');
  });

  it('an address a user signs in with is a 409 already_member, whatever its case', async () => {
    const res = await invite(h.studio, owner, {
      email: h.users.assistant.email.toUpperCase(),
      role: 'gallery_client',
    });
    assert.equal(res.statusCode, 409);
    assert.deepEqual(res.json(), {
      error: 'Conflict',
      message: 'This email address already belongs to a user',
      code: 'already_member',
    });
  });

  it('re-inviting a pending address renews it: same id, and only the new link works', async () => {
    const first = (
      await invite(h.studio, owner, { email: 'again@example.com', role: 'assistant' })
    ).json<{ data: Invitation }>().data;
    const oldToken = (await invitationLink(h, 'again@example.com')).token;
    h.clock.advance(1000);
    const second = (
      await invite(h.studio, owner, { email: 'again@example.com', role: 'gallery_client' })
    ).json<{ data: Invitation }>().data;
    assert.equal(second.id, first.id);
    assert.equal(second.role, 'gallery_client');
    const newToken = (await invitationLink(h, 'again@example.com')).token;
    assert.notEqual(newToken, oldToken);
    const old = await accept(h.studio, oldToken);
    assert.equal(old.statusCode, 400);
    assert.equal(old.json().code, 'invitation_token_invalid');
    const fresh = await accept(h.gallery, newToken);
    assert.equal(fresh.statusCode, 201, fresh.body);
    assert.equal(fresh.json().data.user.role, 'gallery_client');
  });

  it('accepting makes the user in the studio with the role, signs them in, and works once', async () => {
    await invite(h.studio, owner, { email: 'kim@example.com', role: 'assistant' });
    const { token } = await invitationLink(h, 'kim@example.com');
    const res = await accept(h.studio, token);
    assert.equal(res.statusCode, 201, res.body);
    const { user, csrf_token } = res.json().data;
    assert.deepEqual(
      { ...user, id: '' },
      {
        id: '',
        email: 'kim@example.com',
        first_name: 'Sam',
        last_name: 'Okafor',
        role: 'assistant',
        account_id: h.accountId,
      },
    );
    assert.equal(res.headers['cache-control'], 'no-store');
    const cookies = setCookies(res);
    assert.equal(Object.keys(cookies).length, 3, 'session, auth token and CSRF cookies');
    const cookie = Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const session = await h.studio.inject({ url: '/api/v1/session', headers: { cookie } });
    assert.equal(session.statusCode, 200);
    assert.equal(session.json().data.user.email, 'kim@example.com');
    assert.equal(session.json().data.csrf_token, csrf_token);
    // The new user signs in with the chosen password.
    await login(h.studio, 'kim@example.com', NEW_PASSWORD);
    const again = await accept(h.studio, token);
    assert.equal(again.statusCode, 400);
    assert.deepEqual(again.json(), {
      error: 'Bad Request',
      message: 'This invitation was accepted already: sign in instead',
      code: 'invitation_token_invalid',
    });
    const listed = await h.studio.inject({
      url: '/api/v1/invitations?status=accepted',
      headers: owner.headers,
    });
    assert.ok(listed.json().data.some((i: Invitation) => i.email === 'kim@example.com'));
  });

  it('a password too easy to guess is a 422 with advice, and the link still works', async () => {
    await invite(h.studio, owner, { email: 'weak@example.com', role: 'assistant' });
    const { token } = await invitationLink(h, 'weak@example.com');
    const weak = await accept(h.studio, token, 'password123');
    assert.equal(weak.statusCode, 422);
    assert.equal(weak.json().code, 'validation_failed');
    assert.match(weak.json().message, /too easy to guess/);
    const short = await accept(h.studio, token, 'short');
    assert.equal(short.statusCode, 422);
    assert.equal((await accept(h.studio, token)).statusCode, 201);
  });

  it('an unknown, malformed, expired or withdrawn link gets the same 400 code, saying which', async () => {
    for (const token of ['x', 'A'.repeat(43)]) {
      const res = await accept(h.studio, token);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'invitation_token_invalid');
      assert.match(res.json().message, /not valid/);
    }
    await invite(h.studio, owner, { email: 'late@example.com', role: 'assistant' });
    const late = await invitationLink(h, 'late@example.com');
    await invite(h.studio, owner, { email: 'gone@example.com', role: 'assistant' });
    const gone = await invitationLink(h, 'gone@example.com');
    const goneId = (await h.storage.invitations.findByTokenHash(hashSecret(gone.token)))?.id;
    const revoked = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${goneId}`,
      headers: owner.headers,
    });
    assert.equal(revoked.statusCode, 204);
    const withdrawn = await accept(h.studio, gone.token);
    assert.equal(withdrawn.statusCode, 400);
    assert.match(withdrawn.json().message, /withdrawn/);
    h.clock.advance(h.config.invitationLifetimeMs);
    const expired = await accept(h.studio, late.token);
    assert.equal(expired.statusCode, 400);
    assert.match(expired.json().message, /expired/);
    assert.equal(await h.storage.users.findByEmail('late@example.com'), null);
    // A week went by: the owner's session ended too.
    owner = await loginAs(h, 'owner');
  });

  it('lists are paged and filtered; revoking is per studio; another studio sees and touches nothing', async () => {
    await invite(h.studio, owner, { email: 'list1@example.com', role: 'assistant' });
    h.clock.advance(1);
    await invite(h.studio, owner, { email: 'list2@example.com', role: 'gallery_client' });
    const page = await h.studio.inject({
      url: '/api/v1/invitations?per_page=1',
      headers: owner.headers,
    });
    assert.equal(page.statusCode, 200);
    const body = page.json<{ data: Invitation[]; meta: { total: number } }>();
    assert.equal(body.data.length, 1);
    assert.equal(body.data[0]?.email, 'list2@example.com', 'newest first');
    assert.ok(body.meta.total >= 2);
    const pending = await h.studio.inject({
      url: '/api/v1/invitations?status=pending&per_page=100',
      headers: owner.headers,
    });
    const pendingList = pending.json<{ data: Invitation[] }>().data;
    assert.ok(pendingList.every((i) => i.status === 'pending'));
    const target = pendingList.find((i) => i.email === 'list1@example.com');
    assert.ok(target);

    const stranger = await otherStudio(h);
    const theirs = await h.studio.inject({ url: '/api/v1/invitations', headers: stranger.headers });
    assert.deepEqual(theirs.json().data, []);
    const steal = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${target.id}`,
      headers: stranger.headers,
    });
    assert.equal(steal.statusCode, 404);
    assert.equal((await h.storage.invitations.findById(h.accountId, target.id))?.revokedAt, null);

    const malformed = await h.studio.inject({
      method: 'DELETE',
      url: '/api/v1/invitations/nope',
      headers: owner.headers,
    });
    assert.equal(malformed.statusCode, 400);
    const bad = await h.studio.inject({
      url: '/api/v1/invitations?status=maybe',
      headers: owner.headers,
    });
    assert.equal(bad.statusCode, 400);

    const accepted = (
      await h.studio.inject({ url: '/api/v1/invitations?status=accepted', headers: owner.headers })
    ).json<{ data: Invitation[] }>().data[0];
    assert.ok(accepted);
    const late = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${accepted.id}`,
      headers: owner.headers,
    });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'invitation_accepted');
  });

  it('the page a link opens: the form for a usable link, the reason for another, never cached', async () => {
    await invite(h.studio, owner, {
      email: 'page@example.com',
      role: 'assistant',
      first_name: 'Pat',
    });
    const { token } = await invitationLink(h, 'page@example.com');
    const page = await h.studio.inject({ url: `/invitations/accept?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['referrer-policy'], 'same-origin');
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /<strong>page@example\.com<\/strong>/);
    assert.match(page.body, /name="first_name"[^>]*value="Pat"/);
    const bad = await h.studio.inject({ url: '/invitations/accept?token=nope' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /This invitation link is not valid/);
    assert.doesNotMatch(bad.body, /name="password"/);
  });

  it('the form posts without JavaScript: CSRF checked, a weak password shows the page again, success lands signed in', async () => {
    await invite(h.studio, owner, { email: 'form@example.com', role: 'assistant' });
    const { token } = await invitationLink(h, 'form@example.com');
    const page = await h.studio.inject({ url: `/invitations/accept?token=${token}` });
    const csrfCookie = setCookies(page);
    const [name, value] = Object.entries(csrfCookie)[0] ?? ['', ''];
    const form = (fields: Record<string, string>, withCookie = true) =>
      h.studio.inject({
        method: 'POST',
        url: '/invitations/accept',
        headers: {
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
          // A browser says where it posts from: then it must echo the page's token.
          origin: 'http://localhost:80',
          'sec-fetch-site': 'same-origin',
          ...(withCookie ? { cookie: `${name}=${value}` } : {}),
        },
        payload: new URLSearchParams({
          token,
          first_name: 'Fay',
          last_name: 'Form',
          ...fields,
        }).toString(),
      });
    const forged = await form({ password: NEW_PASSWORD, _csrf: 'wrong' });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /The form expired/);
    const weak = await form({ password: 'password123', _csrf: value });
    assert.equal(weak.statusCode, 422);
    assert.match(weak.body, /too easy to guess/);
    assert.match(weak.body, /value="Fay"/, 'what was typed stays');
    const done = await form({ password: NEW_PASSWORD, _csrf: value });
    assert.equal(done.statusCode, 303, done.body);
    assert.equal(done.headers.location, '/app/');
    const cookies = setCookies(done);
    const cookie = Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const session = await h.studio.inject({ url: '/api/v1/session', headers: { cookie } });
    assert.equal(session.json().data.user.email, 'form@example.com');
  });
});

describe('invitation links point at the public URLs', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({
      publicStudioUrl: 'https://studio.example.com',
      publicGalleryUrl: 'https://gallery.example.com',
    });
  });
  after(() => h.close());

  it('staff to the Studio, gallery clients to the Gallery', async () => {
    const owner = await loginAs(h, 'owner');
    for (const [email, role, base] of [
      ['a@example.com', 'assistant', 'https://studio.example.com'],
      ['c@example.com', 'gallery_client', 'https://gallery.example.com'],
    ] as const) {
      const res = await invite(h.studio, owner, { email, role });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((await invitationLink(h, email)).base, base);
    }
  });
});

describe('accepting on PostgreSQL', { skip: postgres.skip }, () => {
  let h: Harness;
  before(async () => {
    const schema = await postgres.createSchema();
    schemas.push(schema);
    h = await createHarness(
      {},
      { storage: await openPostgresStorage(schema.url, { searchPath: schema.schema }) },
    );
  });
  after(() => h?.close());

  it('two parallel accepts of one link make one user; the other gets 400', async () => {
    const owner = await loginAs(h, 'owner');
    assert.equal(
      (await invite(h.studio, owner, { email: 'twin@example.com', role: 'assistant' })).statusCode,
      201,
    );
    const { token } = await invitationLink(h, 'twin@example.com');
    const answers = await Promise.all([
      accept(h.studio, token),
      accept(h.gallery, token),
      accept(h.studio, token),
    ]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 400, 400]);
    const members = await h.storage.users.listByAccount(h.accountId, { offset: 0, limit: 100 });
    assert.equal(members.items.filter((u) => u.email === 'twin@example.com').length, 1);
    assert.equal(members.total, 4);
    await login(h.studio, 'twin@example.com', NEW_PASSWORD);
    await login(h.studio, h.users.owner.email, PASSWORD);
  });
});
