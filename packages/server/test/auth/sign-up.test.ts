import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SIGN_UP_ACCEPTED_MESSAGE } from '@proofsheet/protocol';
import { hashSecret } from '../../src/auth/tokens.js';
import { outboxMailer } from '../../src/mail/outbox-mailer.js';
import { NO_STUDIO } from '../../src/mail/queue-mail.js';
import { EVERY_AUDIT_EVENT } from '../../src/storage/ports/audit-store.js';
import { createHarness, type Harness, login, setCookies } from '../helpers/harness.js';
import { eventually, sentTo, tokenIn } from '../mail/mail-helpers.js';

const PASSWORD = 'a studio of my own, at last';

function form(email: string, studio = 'Lovelace Photography') {
  return { email, studio_name: studio, first_name: 'Ada', last_name: 'Lovelace' };
}

describe('sign-up when it is open', () => {
  let h: Harness;
  let ip = 0;
  let remoteAddress = '';
  before(async () => {
    h = await createHarness({ signUp: 'open' }, { mailer: outboxMailer() });
  });
  after(() => h.close());
  beforeEach(() => {
    // A new hour and a new IP: the throttle is not what most tests are about.
    h.clock.advance(60 * 60_000 + 1);
    ip += 1;
    remoteAddress = `203.0.113.${ip}`;
  });

  function signUp(email: string, studio?: string) {
    return h.studio.inject({
      method: 'POST',
      url: '/api/v1/signup',
      payload: form(email, studio),
      remoteAddress,
    });
  }
  function complete(token: string, password = PASSWORD) {
    return h.studio.inject({
      method: 'POST',
      url: '/signup/complete',
      payload: { token, password },
      remoteAddress,
    });
  }
  async function signUpToken(email: string, studio?: string): Promise<string> {
    const seen = new Set(
      (await h.storage.outbox.list(NO_STUDIO, { offset: 0, limit: 100 })).items.map((m) => m.id),
    );
    assert.equal((await signUp(email, studio)).statusCode, 202);
    // This request's message, not an earlier one to the same address (one instant's
    // messages are in no set order).
    const message = await eventually(async () => {
      const { items } = await h.storage.outbox.list(NO_STUDIO, { offset: 0, limit: 100 });
      return items.find((m) => !seen.has(m.id) && m.to === email && m.status === 'sent');
    }, 'the sign-up email');
    assert.equal(message.kind, 'sign_up');
    return tokenIn(message.text, '/signup/complete');
  }

  it('answers a known address exactly as an unknown one; the known one gets a note, no link', async () => {
    const known = await signUp(h.users.assistant.email);
    const unknown = await signUp('new-owner@example.com');
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.statusCode, 202);
    assert.equal(known.body, unknown.body);
    assert.equal(known.json().data.message, SIGN_UP_ACCEPTED_MESSAGE);
    const note = await sentTo(h.storage, h.accountId, h.users.assistant.email);
    assert.equal(note.subject, 'You already have a Proofsheet account');
    assert.doesNotMatch(note.text, /token=/);
    const link = await sentTo(h.storage, NO_STUDIO, 'new-owner@example.com');
    assert.match(link.text, /\/signup\/complete\?token=/);
  });

  it('completing makes the studio and its owner in one go and signs the owner in', async () => {
    const email = 'grace@example.com';
    const token = await signUpToken(email, 'Hopper Studio');
    // Nothing exists before the link is opened: the address cannot sign in.
    assert.equal(await h.storage.users.findByEmail(email), null);
    const early = await h.studio.inject({
      method: 'POST',
      url: '/login',
      payload: { email, password: PASSWORD },
      remoteAddress,
    });
    assert.equal(early.statusCode, 401, 'an unverified sign-up cannot sign in');
    assert.equal((await h.storage.signUps.find(hashSecret(token)))?.email, email);
    assert.equal(await h.storage.signUps.find(token), null, 'stored by hash alone');
    const page = await h.studio.inject({ url: `/signup/complete?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Hopper Studio/);

    const done = await complete(token);
    assert.equal(done.statusCode, 201, done.body);
    const cookies = setCookies(done);
    assert.deepEqual(Object.keys(cookies).sort(), ['XSRF-TOKEN', 'auth_token', 'session_cookie']);
    const body = done.json() as { data: { user: { role: string; account_id: string } } };
    assert.equal(body.data.user.role, 'owner');
    assert.notEqual(body.data.user.account_id, h.accountId, 'a studio of its own');
    const account = await h.storage.accounts.findById(body.data.user.account_id);
    assert.equal(account?.name, 'Hopper Studio');
    const session = await h.studio.inject({
      url: '/api/v1/session',
      headers: { cookie: `session_cookie=${cookies.session_cookie}` },
    });
    assert.equal(session.statusCode, 200);
    // The new owner sees their studio's members: themselves alone.
    const creds = await login(h.studio, email, PASSWORD);
    const members = await h.studio.inject({ url: '/api/v1/members', headers: creds.headers });
    assert.equal(members.statusCode, 200);
    assert.deepEqual(
      (members.json() as { data: Array<{ email: string }> }).data.map((m) => m.email),
      [email],
    );
    const { items } = await h.storage.auditEvents.list(
      body.data.user.account_id,
      { offset: 0, limit: 10 },
      EVERY_AUDIT_EVENT,
    );
    assert.ok(items.some((e) => e.type === 'signup.completed'));

    const again = await complete(token, `${PASSWORD} twice`);
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().code, 'sign_up_token_invalid');
    assert.match(again.json().message, /used/);
  });

  it('a weak password is a 422 with advice, and the link still works', async () => {
    const token = await signUpToken('weak@example.com');
    const weak = await complete(token, 'password1234');
    assert.equal(weak.statusCode, 422);
    assert.equal(weak.json().code, 'validation_failed');
    const own = await complete(token, 'lovelacephotography');
    assert.equal(own.statusCode, 422, 'the studio name typed at sign-up is context');
    assert.equal((await complete(token)).statusCode, 201);
  });

  it('an expired or unknown link is refused, saying which', async () => {
    const token = await signUpToken('late@example.com');
    h.clock.advance(h.config.verificationLifetimeMs + 1);
    const late = await complete(token);
    assert.equal(late.statusCode, 400);
    assert.match(late.json().message, /expired/);
    const unknown = await complete('x'.repeat(43));
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().message, /not valid/);
    const page = await h.studio.inject({ url: '/signup/complete?token=nope' });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /role="alert"/);
  });

  it('an address that became a user’s meanwhile is a 409, and nothing is made', async () => {
    const token = await signUpToken('race@example.com');
    const other = await signUpToken('race@example.com');
    assert.equal((await complete(other)).statusCode, 201);
    const accounts = await h.storage.users.count();
    const taken = await complete(token);
    assert.equal(taken.statusCode, 409, taken.body);
    assert.equal(taken.json().code, 'email_taken');
    assert.equal(await h.storage.users.count(), accounts);
  });

  it('is throttled per address like reset requests', async () => {
    const email = 'flood@example.com';
    const statuses: number[] = [];
    for (let i = 0; i < h.config.passwordResetMaxAccount + 1; i += 1) {
      remoteAddress = `192.0.2.${i + 1}`;
      statuses.push((await signUp(email)).statusCode);
    }
    assert.equal(statuses.at(-1), 429);
    assert.ok(statuses.slice(0, -1).every((s) => s === 202));
  });

  it('refuses an empty studio or first name with 422', async () => {
    const response = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/signup',
      payload: { ...form('blank@example.com'), studio_name: '   ' },
      remoteAddress,
    });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(Object.keys(response.json().details), ['studio_name']);
  });

  it('the sign-in page links the sign-up page; the Gallery API has no sign-up', async () => {
    const page = await h.studio.inject({ url: '/login' });
    assert.match(page.body, /href="\/signup"/);
    assert.equal((await h.studio.inject({ url: '/signup' })).statusCode, 200);
    const gallery = await h.gallery.inject({
      method: 'POST',
      url: '/api/v1/signup',
      payload: form('g@example.com'),
    });
    // No such route there: the guard asks for a session first, as for any unknown API path.
    assert.ok([401, 404].includes(gallery.statusCode), String(gallery.statusCode));
  });
});

describe('sign-up when it is not open', () => {
  for (const mode of ['invite-only', 'closed'] as const) {
    it(`${mode}: 403 sign_up_closed, no link on the sign-in page`, async () => {
      const h = await createHarness({ signUp: mode });
      try {
        const response = await h.studio.inject({
          method: 'POST',
          url: '/api/v1/signup',
          payload: form('someone@example.com'),
        });
        assert.equal(response.statusCode, 403);
        assert.equal(response.json().code, 'sign_up_closed');
        assert.deepEqual(Object.keys(response.json()).sort(), ['code', 'error', 'message']);
        const page = await h.studio.inject({ url: '/login' });
        assert.doesNotMatch(page.body, /href="\/signup"/);
        assert.equal(page.body.includes('invitation'), mode === 'invite-only');
        assert.equal((await h.studio.inject({ url: '/signup' })).statusCode, 403);
        const complete = await h.studio.inject({
          method: 'POST',
          url: '/signup/complete',
          payload: { token: 'x'.repeat(43), password: PASSWORD },
        });
        assert.equal(complete.statusCode, 403);
      } finally {
        await h.close();
      }
    });
  }
});
