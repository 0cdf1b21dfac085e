import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditEventType } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { Secret } from 'otpauth';
import { totpCode } from '../../src/auth/two-factor/totp.js';
import { EVERY_AUDIT_EVENT } from '../../src/storage/ports/audit-store.js';
import {
  type Credentials,
  createHarness,
  credentialsFrom,
  type Harness,
  login,
  PASSWORD,
  setCookies,
} from '../helpers/harness.js';
import { SoftPasskey } from '../helpers/soft-authenticator.js';

/** Where inject()'s requests say they come from (`Host: localhost:80`), as a page there would. */
const ORIGIN = 'http://localhost:80';
const PASSKEYS = '/api/v1/account/two_factor/passkeys';
const MINUTE = 60_000;

async function addPasskey(
  app: FastifyInstance,
  creds: Credentials,
  key: SoftPasskey,
  name?: string,
) {
  const options = await app.inject({
    method: 'POST',
    url: `${PASSKEYS}/options`,
    headers: creds.headers,
  });
  assert.equal(options.statusCode, 200, options.body);
  return app.inject({
    method: 'POST',
    url: PASSKEYS,
    headers: creds.headers,
    payload: { credential: key.register(options.json().data, ORIGIN), ...(name ? { name } : {}) },
  });
}

async function passwordStep(app: FastifyInstance, email: string) {
  return app.inject({ method: 'POST', url: '/login', payload: { email, password: PASSWORD } });
}

async function mfaOptions(app: FastifyInstance, mfaToken: string) {
  return app.inject({
    method: 'POST',
    url: '/login/mfa/passkey/options',
    payload: { mfa_token: mfaToken },
  });
}

async function passwordlessOptions(app: FastifyInstance) {
  const res = await app.inject({ method: 'POST', url: '/login/passkey/options' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data;
}

async function passwordless(app: FastifyInstance, key: SoftPasskey) {
  const credential = key.authenticate(await passwordlessOptions(app), ORIGIN);
  return app.inject({ method: 'POST', url: '/login/passkey', payload: { credential } });
}

async function typesOf(h: Harness, accountId: string): Promise<AuditEventType[]> {
  const { items } = await h.storage.auditEvents.list(
    accountId,
    { offset: 0, limit: 100 },
    EVERY_AUDIT_EVENT,
  );
  return items.map((e) => e.type);
}

describe('passkeys on the Studio API: a second factor and a sign-in of their own', () => {
  let h: Harness;
  let owner: Credentials;
  const key = new SoftPasskey();
  const email = 'owner@example.com';

  before(async () => {
    h = await createHarness();
    owner = await login(h.studio, email);
  });
  after(() => h.close());

  it('without a passkey, sign-in is the password alone and the status counts none', async () => {
    const status = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/account/two_factor',
      headers: { cookie: owner.cookie },
    });
    assert.deepEqual(status.json().data.passkeys, { count: 0 });
    assert.equal(status.json().data.enabled, false);
    const list = await h.studio.inject({ method: 'GET', url: PASSKEYS, headers: owner.headers });
    assert.deepEqual(list.json(), { data: [] });
    assert.equal((await passwordStep(h.studio, email)).statusCode, 200);
  });

  it('registration options ask for a discoverable credential of this site, its user handle no email', async () => {
    const res = await h.studio.inject({
      method: 'POST',
      url: `${PASSKEYS}/options`,
      headers: owner.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const data = res.json().data;
    assert.equal(data.rp.id, 'localhost');
    assert.equal(data.user.name, email);
    assert.equal(Buffer.from(data.user.id, 'base64url').toString(), h.users.owner.id);
    assert.equal(data.authenticatorSelection.residentKey, 'required');
    assert.equal(data.attestation, 'none');
    assert.deepEqual(data.excludeCredentials, []);
    assert.match(data.challenge, /^[A-Za-z0-9_-]{43}$/);
  });

  it('a passkey is added with its name, listed, audited, and then asked for after the password', async () => {
    const res = await addPasskey(h.studio, owner, key, 'Laptop');
    assert.equal(res.statusCode, 201, res.body);
    const added = res.json().data;
    assert.match(added.id, /^pk_[A-Za-z0-9]{30}$/);
    assert.equal(added.name, 'Laptop');
    assert.deepEqual(added.transports, ['internal']);
    assert.equal(added.last_used_at, null);
    const list = await h.studio.inject({ method: 'GET', url: PASSKEYS, headers: owner.headers });
    assert.deepEqual(list.json().data, [added]);
    const types = await typesOf(h, h.users.owner.accountId);
    assert.ok(types.includes('passkey.added'));

    const step = await passwordStep(h.studio, email);
    assert.equal(step.statusCode, 401);
    assert.equal(step.json().code, 'mfa_required');
    assert.deepEqual(step.json().mfa_methods, ['passkey']);
    assert.equal(Object.keys(setCookies(step)).length, 0);
  });

  it('the same authenticator is excluded from a second registration, and refused if it tries', async () => {
    const options = await h.studio.inject({
      method: 'POST',
      url: `${PASSKEYS}/options`,
      headers: owner.headers,
    });
    assert.deepEqual(
      options.json().data.excludeCredentials.map((c: { id: string }) => c.id),
      [key.id],
    );
    const again = await h.studio.inject({
      method: 'POST',
      url: PASSKEYS,
      headers: owner.headers,
      payload: { credential: key.register(options.json().data, ORIGIN) },
    });
    assert.equal(again.statusCode, 422);
    assert.equal(again.json().code, 'passkey_rejected');
  });

  it('the second step with the passkey sets the cookies as a password sign-in does, method passkey', async () => {
    // Events of one instant are listed in no set order: this one is the newest by a second.
    h.clock.advance(1000);
    const token = (await passwordStep(h.studio, email)).json().mfa_token;
    const options = await mfaOptions(h.studio, token);
    assert.equal(options.statusCode, 200, options.body);
    assert.deepEqual(
      options.json().data.allowCredentials.map((c: { id: string }) => c.id),
      [key.id],
    );
    const credential = key.authenticate(options.json().data, ORIGIN);
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login/mfa/passkey',
      payload: { mfa_token: token, credential },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().data.user.email, email);
    assert.ok(setCookies(res).session_cookie, 'a session cookie');
    const { items } = await h.storage.auditEvents.list(
      h.users.owner.accountId,
      { offset: 0, limit: 1 },
      { ...EVERY_AUDIT_EVENT, types: ['sign_in.succeeded'] },
    );
    assert.equal(items[0]?.detail.method, 'passkey');

    // The same answer again: its challenge and its pending sign-in are used up.
    const replay = await h.studio.inject({
      method: 'POST',
      url: '/login/mfa/passkey',
      payload: { mfa_token: token, credential },
    });
    assert.equal(replay.statusCode, 401);
    assert.equal(replay.json().code, 'mfa_token_invalid');
  });

  it("one pending sign-in's options cannot answer another's", async () => {
    const first = (await passwordStep(h.studio, email)).json().mfa_token;
    const second = (await passwordStep(h.studio, email)).json().mfa_token;
    const options = (await mfaOptions(h.studio, first)).json().data;
    h.clock.advance(1000);
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login/mfa/passkey',
      payload: { mfa_token: second, credential: key.authenticate(options, ORIGIN) },
    });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'passkey_invalid');
    const failed = await h.storage.auditEvents.list(
      h.users.owner.accountId,
      { offset: 0, limit: 1 },
      { ...EVERY_AUDIT_EVENT, types: ['mfa.failed'] },
    );
    assert.deepEqual(failed.items[0]?.detail, { reason: 'challenge_invalid', method: 'passkey' });
  });

  it('options for an unknown or expired pending sign-in are 401 mfa_token_invalid', async () => {
    const res = await mfaOptions(h.studio, 'not-a-token');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'mfa_token_invalid');
  });

  it('passwordless options name no passkey and are alike for everyone; the passkey alone signs in', async () => {
    const a = await passwordlessOptions(h.studio);
    const b = await passwordlessOptions(h.studio);
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
    assert.deepEqual(a.allowCredentials, []);
    assert.equal(a.userVerification, 'required');
    assert.notEqual(a.challenge, b.challenge);
    const res = await passwordless(h.studio, key);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().data.user.email, email);
    assert.ok(setCookies(res).session_cookie);
    const list = await h.studio.inject({ method: 'GET', url: PASSKEYS, headers: owner.headers });
    assert.notEqual(list.json().data[0].last_used_at, null);
  });

  it('an answer from another origin, or for another RP ID, is refused', async () => {
    const options = await passwordlessOptions(h.studio);
    const elsewhere = await h.studio.inject({
      method: 'POST',
      url: '/login/passkey',
      payload: { credential: key.authenticate(options, 'https://evil.example') },
    });
    assert.equal(elsewhere.statusCode, 401);
    assert.equal(elsewhere.json().code, 'passkey_invalid');
    const otherRp = await h.studio.inject({
      method: 'POST',
      url: '/login/passkey',
      payload: {
        credential: key.authenticate(await passwordlessOptions(h.studio), ORIGIN, 'evil.example'),
      },
    });
    assert.equal(otherRp.statusCode, 401);
  });

  it('a signature counter that goes back (a cloned authenticator) is refused and audited', async () => {
    key.counter -= 3;
    h.clock.advance(1000);
    const res = await passwordless(h.studio, key);
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'passkey_invalid');
    const failed = await h.storage.auditEvents.list(
      h.users.owner.accountId,
      { offset: 0, limit: 1 },
      { ...EVERY_AUDIT_EVENT, types: ['sign_in.failed'] },
    );
    assert.deepEqual(failed.items[0]?.detail, { reason: 'counter_regression', method: 'passkey' });
    key.counter += 10;
    assert.equal((await passwordless(h.studio, key)).statusCode, 200);
  });

  it('an answer whose user handle names someone else is refused', async () => {
    const handle = key.userHandle;
    key.userHandle = Buffer.from(h.users.assistant.id).toString('base64url');
    const res = await passwordless(h.studio, key);
    key.userHandle = handle;
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'passkey_invalid');
  });

  it('an unknown passkey gets the same 401 as a bad signature', async () => {
    const res = await passwordless(h.studio, new SoftPasskey());
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'passkey_invalid');
  });

  it('alone, a passkey must verify its user; as a second factor, presence is enough', async () => {
    const creds = await login(h.studio, 'assistant@example.com');
    const lax = new SoftPasskey({ userVerified: false });
    assert.equal((await addPasskey(h.studio, creds, lax)).statusCode, 201);
    assert.equal((await passwordless(h.studio, lax)).statusCode, 401);
    const token = (await passwordStep(h.studio, 'assistant@example.com')).json().mfa_token;
    const options = (await mfaOptions(h.studio, token)).json().data;
    const res = await h.studio.inject({
      method: 'POST',
      url: '/login/mfa/passkey',
      payload: { mfa_token: token, credential: lax.authenticate(options, ORIGIN) },
    });
    assert.equal(res.statusCode, 200, res.body);
  });

  it('failed passwordless sign-ins are throttled per passkey and IP', async () => {
    const stranger = new SoftPasskey();
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i += 1) {
      status = (await passwordless(h.studio, stranger)).statusCode;
    }
    assert.equal(status, 429);
  });

  it('adding and removing need a recent sign-in; renaming does not', async () => {
    h.clock.advance(20 * MINUTE);
    const stale = await h.studio.inject({
      method: 'POST',
      url: `${PASSKEYS}/options`,
      headers: owner.headers,
    });
    assert.equal(stale.statusCode, 403);
    assert.equal(stale.json().code, 'recent_sign_in_required');
    const [passkey] = (
      await h.studio.inject({ method: 'GET', url: PASSKEYS, headers: owner.headers })
    ).json().data;
    const removal = await h.studio.inject({
      method: 'DELETE',
      url: `${PASSKEYS}/${passkey.id}`,
      headers: owner.headers,
    });
    assert.equal(removal.statusCode, 403);
    const renamed = await h.studio.inject({
      method: 'PATCH',
      url: `${PASSKEYS}/${passkey.id}`,
      headers: owner.headers,
      payload: { name: 'Work laptop' },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().data.name, 'Work laptop');
  });

  it("another user's passkey is not found; removing one's own ends the second step", async () => {
    const mine = (
      await h.studio.inject({ method: 'GET', url: PASSKEYS, headers: owner.headers })
    ).json().data[0];
    const assistant = await login(h.studio, 'assistant@example.com').catch(() => null);
    assert.equal(assistant, null, 'the assistant has a passkey now: a password alone is refused');
    const creds = await passwordless(h.studio, key).then((r) => r);
    assert.equal(creds.statusCode, 200);
    const fresh = {
      cookie: Object.entries(setCookies(creds))
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
      'x-csrf-token': creds.json().data.csrf_token,
    };
    const missing = await h.studio.inject({
      method: 'DELETE',
      url: `${PASSKEYS}/pk_${'Z'.repeat(30)}`,
      headers: fresh,
    });
    assert.equal(missing.statusCode, 404);
    const malformed = await h.studio.inject({
      method: 'PATCH',
      url: `${PASSKEYS}/nope`,
      headers: fresh,
      payload: { name: 'x' },
    });
    assert.equal(malformed.statusCode, 400);
    const removed = await h.studio.inject({
      method: 'DELETE',
      url: `${PASSKEYS}/${mine.id}`,
      headers: fresh,
    });
    assert.equal(removed.statusCode, 204, removed.body);
    assert.ok((await typesOf(h, h.users.owner.accountId)).includes('passkey.removed'));
    assert.equal((await passwordStep(h.studio, email)).statusCode, 200);
    assert.equal((await passwordless(h.studio, key)).statusCode, 401);
  });
});

describe('passkeys on the Gallery API', () => {
  let h: Harness;
  /** The owner's authenticator app secret, set up by the 409 test below. */
  let ownerSecret: Uint8Array = new Uint8Array();
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('a gallery client adds a passkey, signs in with it alone and as a second step, renames and removes it', async () => {
    const email = h.users.gallery_client.email;
    const key = new SoftPasskey();
    const creds = await login(h.gallery, email);
    const added = await addPasskey(h.gallery, creds, key, 'Phone');
    assert.equal(added.statusCode, 201, added.body);
    const list = await h.gallery.inject({ method: 'GET', url: PASSKEYS, headers: creds.headers });
    assert.equal(list.json().data.length, 1);

    const alone = await passwordless(h.gallery, key);
    assert.equal(alone.statusCode, 200, alone.body);

    const token = (await passwordStep(h.gallery, email)).json().mfa_token;
    const options = (await mfaOptions(h.gallery, token)).json().data;
    const second = await h.gallery.inject({
      method: 'POST',
      url: '/login/mfa/passkey',
      payload: { mfa_token: token, credential: key.authenticate(options, ORIGIN) },
    });
    assert.equal(second.statusCode, 200, second.body);

    const id = added.json().data.id;
    const renamed = await h.gallery.inject({
      method: 'PATCH',
      url: `${PASSKEYS}/${id}`,
      headers: creds.headers,
      payload: { name: 'Tablet' },
    });
    assert.equal(renamed.json().data.name, 'Tablet');
    const removed = await h.gallery.inject({
      method: 'DELETE',
      url: `${PASSKEYS}/${id}`,
      headers: creds.headers,
    });
    assert.equal(removed.statusCode, 204);
    assert.equal((await passwordStep(h.gallery, email)).statusCode, 200);
  });

  it('a pending sign-in without passkeys gets 409 for passkey options', async () => {
    const creds = await login(h.studio, 'owner@example.com');
    const start = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/two_factor/totp',
      headers: creds.headers,
    });
    const secret = new Uint8Array(Secret.fromBase32(start.json().data.secret).buffer);
    ownerSecret = secret;
    await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/two_factor/totp/confirm',
      headers: creds.headers,
      payload: { code: totpCode(secret, h.clock.now().getTime()) },
    });
    const step = await passwordStep(h.gallery, 'owner@example.com');
    assert.deepEqual(step.json().mfa_methods, ['totp', 'recovery_code']);
    const res = await mfaOptions(h.gallery, step.json().mfa_token);
    assert.equal(res.statusCode, 409);
  });

  it("the sign-in page offers a passkey; the second step's page offers it beside the code when the user has one", async () => {
    const login = await h.studio.inject({ method: 'GET', url: '/login' });
    assert.match(login.body, /Sign in with a passkey/);
    assert.match(login.body, /<script type="module" src="\/assets\/passkey-sign-in\.js">/);
    const html = { accept: 'text/html' };
    const form = { email: 'owner@example.com', password: PASSWORD };
    const codeOnly = await h.studio.inject({
      method: 'POST',
      url: '/login',
      headers: html,
      payload: form,
    });
    assert.equal(codeOnly.statusCode, 401);
    assert.match(codeOnly.body, /Authentication code/);
    assert.doesNotMatch(codeOnly.body, /Sign in with a passkey/);

    // The owner signs in with a code (the step after the one that confirmed the app).
    h.clock.advance(30_000);
    const token = (await passwordStep(h.studio, 'owner@example.com')).json().mfa_token;
    const signedIn = await h.studio.inject({
      method: 'POST',
      url: '/login/mfa',
      payload: { mfa_token: token, code: totpCode(ownerSecret, h.clock.now().getTime()) },
    });
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    const owner = credentialsFrom(setCookies(signedIn), signedIn.json().data.csrf_token);
    assert.equal((await addPasskey(h.studio, owner, new SoftPasskey())).statusCode, 201);
    const both = await h.studio.inject({
      method: 'POST',
      url: '/login',
      headers: html,
      payload: form,
    });
    assert.match(both.body, /Authentication code/);
    assert.match(both.body, /Sign in with a passkey/);
  });
});
