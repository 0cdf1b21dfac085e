/**
 * Each security event the server can see is recorded in the studio of its user, with the IP
 * and user agent it came from, and never with a secret: every stored row is searched for the
 * passwords, cookies and tokens the test used.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type AuditEventType, newId } from '@proofsheet/protocol';
import type { Kysely } from 'kysely';
import { outboxMailer } from '../../src/mail/outbox-mailer.js';
import { composeStorage } from '../../src/storage/compose-storage.js';
import type { AuditEventsTable, Database } from '../../src/storage/sql/schema.js';
import { openSqlite } from '../../src/storage/sqlite.js';
import { createHarness, type Harness, login, PASSWORD } from '../helpers/harness.js';
import { eventually, tokenIn } from '../mail/mail-helpers.js';

const AGENT = 'AuditTest/1.0 (recorded-events)';
const NEW_PASSWORD = 'an entirely fresh passphrase for audits';
const WRONG_PASSWORD = 'not the password at all, surely';

describe('audit events recorded by the auth routes', () => {
  let h: Harness;
  let db: Kysely<Database>;
  /** Every secret the tests handled: none may appear in a stored event. */
  const secrets = new Set<string>([PASSWORD, NEW_PASSWORD, WRONG_PASSWORD]);
  let ip = 0;
  let remoteAddress = '';

  before(async () => {
    const connection = await openSqlite(':memory:');
    db = connection.db;
    // Failures past the first per account and IP are throttled at once.
    h = await createHarness(
      { loginMaxFailuresAccountIp: 1 },
      { storage: composeStorage(connection), mailer: outboxMailer() },
    );
  });
  after(() => h.close());
  beforeEach(() => {
    // A new hour and a new address: the throttles of earlier tests are not what these are about.
    h.clock.advance(60 * 60_000 + 1);
    ip += 1;
    remoteAddress = `203.0.113.${ip}`;
  });

  /** The stored rows of a type, newest first, as the database holds them. */
  async function rows(type: AuditEventType): Promise<AuditEventsTable[]> {
    await h.services.audit.flush();
    return db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', type)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  async function newest(type: AuditEventType): Promise<AuditEventsTable> {
    const [row] = await rows(type);
    assert.ok(row, `a ${type} event is recorded`);
    return row;
  }

  /** The row came from this test's client, in the studio, for `userId`, at the clock's time. */
  function assertFromClient(row: AuditEventsTable, userId: string): void {
    assert.equal(row.account_id, h.accountId);
    assert.equal(row.user_id, userId);
    assert.equal(row.ip, remoteAddress);
    assert.equal(row.user_agent, AGENT);
    assert.equal(Number(row.created_at), h.clock.now().getTime());
  }

  function signIn(email: string, password: string, app = h.studio) {
    return app.inject({
      method: 'POST',
      url: '/login',
      payload: { email, password },
      headers: { 'user-agent': AGENT },
      remoteAddress,
    });
  }

  /** Signs in with this test's address and agent, keeping the cookies and token as secrets. */
  async function signedIn(email: string, app = h.studio) {
    const response = await signIn(email, PASSWORD, app);
    assert.equal(response.statusCode, 200, response.body);
    for (const c of response.cookies as Array<{ value: string }>) secrets.add(c.value);
    const csrf = response.json<{ data: { csrf_token: string } }>().data.csrf_token;
    secrets.add(csrf);
    const cookie = (response.cookies as Array<{ name: string; value: string }>)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const headers = { cookie, 'x-csrf-token': csrf, 'user-agent': AGENT };
    return { headers };
  }

  it('a sign-in is recorded with the login it started', async () => {
    const { headers } = await signedIn(h.users.owner.email);
    const row = await newest('sign_in.succeeded');
    assertFromClient(row, h.users.owner.id);
    const session = await h.studio.inject({ url: '/api/v1/session', headers });
    const loginId = session.json<{ data: { session: { id: string } } }>().data.session.id;
    assert.deepEqual(JSON.parse(row.detail), { login_id: loginId, method: 'password' });
  });

  it("a wrong password is recorded in the user's studio; an unknown address records nothing", async () => {
    const before = (await rows('sign_in.failed')).length;
    const wrong = await signIn(h.users.assistant.email, WRONG_PASSWORD);
    assert.equal(wrong.statusCode, 401);
    const row = await newest('sign_in.failed');
    assertFromClient(row, h.users.assistant.id);
    assert.deepEqual(JSON.parse(row.detail), { reason: 'wrong_password', method: 'password' });

    const unknown = await signIn('nobody-here@example.com', WRONG_PASSWORD);
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.body, wrong.body, 'the answers are the same');
    assert.equal((await rows('sign_in.failed')).length, before + 1, 'no event for no studio');
  });

  it('a throttled sign-in is recorded for an existing user', async () => {
    let status = 401;
    for (let tries = 0; status === 401 && tries < 5; tries += 1) {
      status = (await signIn(h.users.assistant.email, WRONG_PASSWORD)).statusCode;
    }
    assert.equal(status, 429, 'the failures were throttled');
    const row = await newest('sign_in.throttled');
    assertFromClient(row, h.users.assistant.id);
    assert.deepEqual(JSON.parse(row.detail), { reason: 'too_many_failures', method: 'password' });
  });

  it("a gallery client's sign-in on the Gallery API is recorded in their studio", async () => {
    await signedIn(h.users.gallery_client.email, h.gallery);
    assertFromClient(await newest('sign_in.succeeded'), h.users.gallery_client.id);
  });

  it('signing out is recorded with the login it ended', async () => {
    const { headers } = await signedIn(h.users.owner.email);
    const loginId = JSON.parse((await newest('sign_in.succeeded')).detail).login_id;
    const out = await h.studio.inject({ method: 'POST', url: '/logout', headers, remoteAddress });
    assert.equal(out.statusCode, 200);
    const row = await newest('sign_out');
    assertFromClient(row, h.users.owner.id);
    assert.deepEqual(JSON.parse(row.detail), { login_id: loginId });
  });

  it('signing out after the session expired, with the auth token alone, is recorded too', async () => {
    const { headers } = await signedIn(h.users.owner.email);
    const loginId = JSON.parse((await newest('sign_in.succeeded')).detail).login_id;
    h.clock.advance(h.config.sessionIdleMs + 1000);
    // Only the auth-token cookie: the session cookie is gone with the session.
    const authToken = headers.cookie.split('; ').find((c) => c.startsWith('auth_token='));
    assert.ok(authToken);
    const out = await h.studio.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie: authToken, 'user-agent': AGENT },
      remoteAddress,
    });
    assert.equal(out.statusCode, 200, out.body);
    const row = await newest('sign_out');
    assertFromClient(row, h.users.owner.id);
    assert.deepEqual(JSON.parse(row.detail), { login_id: loginId, reason: 'expired_session' });
    // A second sign-out with the same token ends nothing and records nothing.
    const before = (await rows('sign_out')).length;
    await h.studio.inject({ method: 'POST', url: '/logout', headers: { cookie: authToken } });
    assert.equal((await rows('sign_out')).length, before);
  });

  it('revoking one sign-in, then all others, is recorded', async () => {
    const other = await login(h.studio, h.users.assistant.email);
    const third = await login(h.studio, h.users.assistant.email);
    for (const c of [other, third]) {
      secrets.add(c.csrf);
      for (const v of Object.values(c.cookies)) secrets.add(v);
    }
    const { headers } = await signedIn(h.users.assistant.email);
    const list = await h.studio.inject({ url: '/api/v1/auth/sessions', headers });
    const ids = list.json<{ data: Array<{ id: string; current: boolean }> }>().data;
    const target = ids.find((s) => !s.current)?.id ?? '';
    const revoke = await h.studio.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${target}`,
      headers,
      remoteAddress,
    });
    assert.equal(revoke.statusCode, 204);
    const revoked = await newest('session.revoked');
    assertFromClient(revoked, h.users.assistant.id);
    assert.deepEqual(JSON.parse(revoked.detail), { login_id: target });

    const all = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/auth/sessions/revoke_others',
      headers,
      remoteAddress,
    });
    assert.equal(all.statusCode, 200);
    const row = await newest('sessions.revoked_all');
    assertFromClient(row, h.users.assistant.id);
    assert.deepEqual(JSON.parse(row.detail), { revoked_sessions: 1 });
  });

  it('a password change is recorded with the sign-ins it ended', async () => {
    const user = {
      ...h.users.owner,
      id: newId('user', (n) => crypto.getRandomValues(new Uint8Array(n))),
    };
    user.email = 'changer@example.com';
    await h.storage.users.create(user);
    await login(h.studio, user.email);
    const { headers } = await signedIn(user.email);
    const change = await h.studio.inject({
      method: 'PUT',
      url: '/api/v1/account/password',
      payload: { current_password: PASSWORD, new_password: NEW_PASSWORD },
      headers,
      remoteAddress,
    });
    assert.equal(change.statusCode, 200, change.body);
    const row = await newest('password.changed');
    assertFromClient(row, user.id);
    assert.deepEqual(JSON.parse(row.detail), { revoked_sessions: 1 });
  });

  it('a reset request is recorded for a known address only, answered alike; the reset too', async () => {
    const ask = (email: string) =>
      h.studio.inject({
        method: 'POST',
        url: '/forgot-password',
        payload: { email },
        headers: { 'user-agent': AGENT },
        remoteAddress,
      });
    const known = await ask(h.users.assistant.email);
    const unknown = await ask('nobody-at-all@example.com');
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.body, known.body);
    const message = await eventually(async () => {
      const { items } = await h.storage.outbox.list(h.accountId, { offset: 0, limit: 1 });
      return items[0]?.to === h.users.assistant.email && items[0].status === 'sent'
        ? items[0]
        : null;
    }, 'the reset email');
    await eventually(
      async () => ((await h.storage.jobs.depth())['password.reset'] ? null : true),
      'the reset jobs to finish',
    );
    const requested = await rows('password.reset_requested');
    assert.equal(requested.length, 1, 'the unknown address recorded nothing');
    assert.equal(requested[0]?.user_id, h.users.assistant.id);
    assert.equal(requested[0]?.ip, remoteAddress);
    assert.equal(requested[0]?.user_agent, AGENT);

    const token = tokenIn(message.text);
    secrets.add(token);
    const reset = await h.studio.inject({
      method: 'POST',
      url: '/reset-password',
      payload: { token, password: NEW_PASSWORD },
      headers: { 'user-agent': AGENT },
      remoteAddress,
    });
    assert.equal(reset.statusCode, 200, reset.body);
    const row = await newest('password.reset');
    assertFromClient(row, h.users.assistant.id);
    const detail = JSON.parse(row.detail);
    assert.equal(detail.method, 'reset_link');
    assert.equal(typeof detail.revoked_sessions, 'number');
  });

  it('a long user agent is cut to 300 characters', async () => {
    const response = await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email: h.users.owner.email, password: PASSWORD },
      headers: { 'user-agent': 'x'.repeat(1000) },
      remoteAddress,
    });
    assert.equal(response.statusCode, 200);
    for (const c of response.cookies as Array<{ value: string }>) secrets.add(c.value);
    assert.equal((await newest('sign_in.succeeded')).user_agent, 'x'.repeat(300));
  });

  // Last: it searches what every test above stored.
  it('no stored event holds a password, a cookie, a CSRF token or a reset token', async () => {
    await h.services.audit.flush();
    const all = await db.selectFrom('audit_events').selectAll().execute();
    assert.ok(all.length >= 10, `the tests above stored events (${all.length})`);
    const text = JSON.stringify(all);
    for (const secret of secrets) {
      if (secret === '') continue;
      assert.ok(!text.includes(secret), `a stored event holds a secret: ${secret.slice(0, 6)}…`);
    }
  });
});
