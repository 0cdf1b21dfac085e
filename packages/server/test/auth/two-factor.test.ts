import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret } from 'otpauth';
import { hashSecret } from '../../src/auth/tokens.js';
import { totpCode } from '../../src/auth/two-factor/totp.js';
import { MAX_CHALLENGE_FAILURES } from '../../src/auth/two-factor/two-factor.js';
import { sweepExpired } from '../../src/housekeeping/housekeeping.js';
import {
  type Credentials,
  createHarness,
  credentialsFrom,
  type Harness,
  login,
  PASSWORD,
  setCookies,
} from '../helpers/harness.js';

const STEP_MS = 30_000;

/** The code an authenticator app shows now for a base32 secret. */
function codeFor(secret: string, h: Harness): string {
  return totpCode(new Uint8Array(Secret.fromBase32(secret).buffer), h.clock.now().getTime());
}

/** Sets up an authenticator app for `email` and returns its secret and recovery codes. */
async function enroll(h: Harness, creds: Credentials) {
  const start = await h.studio.inject({
    method: 'POST',
    url: '/api/v1/account/two_factor/totp',
    headers: creds.headers,
  });
  assert.equal(start.statusCode, 200, start.body);
  const secret: string = start.json().data.secret;
  const confirm = await h.studio.inject({
    method: 'POST',
    url: '/api/v1/account/two_factor/totp/confirm',
    headers: creds.headers,
    payload: { code: codeFor(secret, h) },
  });
  assert.equal(confirm.statusCode, 200, confirm.body);
  // The confirming code's step is used: the next sign-in needs the next step's code.
  h.clock.advance(STEP_MS);
  return { secret, recoveryCodes: confirm.json().data.recovery_codes as string[] };
}

async function passwordStep(h: Harness, email: string, password = PASSWORD) {
  return h.studio.inject({ method: 'POST', url: '/login', payload: { email, password } });
}

async function secondStep(h: Harness, payload: Record<string, string>) {
  return h.studio.inject({ method: 'POST', url: '/login/mfa', payload });
}

async function challengeToken(h: Harness, email: string): Promise<string> {
  const res = await passwordStep(h, email);
  assert.equal(res.statusCode, 401, res.body);
  return res.json().mfa_token;
}

describe('two-factor sign-in (TOTP and recovery codes)', () => {
  let h: Harness;
  let secret: string;
  let recoveryCodes: string[];
  const email = 'owner@example.com';

  before(async () => {
    h = await createHarness();
    const creds = await login(h.studio, email);
    const status = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/account/two_factor',
      headers: { cookie: creds.cookie },
    });
    assert.deepEqual(status.json().data, {
      enabled: false,
      totp: { enabled: false, confirmed_at: null, pending: false },
      recovery_codes: { remaining: 0 },
      passkeys: { count: 0 },
    });
    ({ secret, recoveryCodes } = await enroll(h, creds));
  });
  after(() => h.close());

  it('set-up showed a QR code, a base32 secret and ten codes, and the status says so', async () => {
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal(recoveryCodes.length, 10);
    const creds = await login(h.studio, 'assistant@example.com');
    const start = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/two_factor/totp',
      headers: creds.headers,
    });
    const data = start.json().data;
    assert.ok(data.qr_code.startsWith('data:image/svg+xml;base64,'));
    const svg = Buffer.from(data.qr_code.split(',')[1], 'base64').toString();
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal(new URL(data.otpauth_url).searchParams.get('secret'), data.secret);
    const status = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/account/two_factor',
      headers: { cookie: creds.cookie },
    });
    assert.deepEqual(status.json().data.totp, {
      enabled: false,
      confirmed_at: null,
      pending: true,
    });
    // A pending set-up changes nothing at sign-in.
    assert.equal((await passwordStep(h, 'assistant@example.com')).statusCode, 200);
  });

  it('a wrong first code does not turn two-factor on', async () => {
    const creds = await login(h.studio, 'assistant@example.com');
    await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/two_factor/totp',
      headers: creds.headers,
    });
    const res = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/two_factor/totp/confirm',
      headers: creds.headers,
      payload: { code: '000000' },
    });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(Object.keys(res.json().details), ['code']);
    assert.equal((await passwordStep(h, 'assistant@example.com')).statusCode, 200);
  });

  it('the right password answers 401 mfa_required with a token, and sets no session', async () => {
    const res = await passwordStep(h, email);
    assert.equal(res.statusCode, 401);
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), [
      'code',
      'error',
      'message',
      'mfa_expires_at',
      'mfa_methods',
      'mfa_token',
    ]);
    assert.equal(body.error, 'Unauthorized');
    assert.equal(body.code, 'mfa_required');
    assert.match(body.mfa_token, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(body.mfa_methods, ['totp', 'recovery_code']);
    assert.equal(
      new Date(body.mfa_expires_at).getTime(),
      h.clock.now().getTime() + h.config.mfaChallengeLifetimeMs,
    );
    assert.ok(!res.cookies.some((c) => c.name === 'session_cookie' || c.name === 'auth_token'));
    const stored = await h.storage.twoFactor.findChallenge(body.mfa_token);
    assert.equal(stored, null, 'the token is stored only as its hash');
  });

  it('a wrong password is still invalid_credentials, never mfa_required', async () => {
    const res = await passwordStep(h, email, 'not the password');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'invalid_credentials');
  });

  it('the code completes the sign-in with the three cookies, once', async () => {
    const token = await challengeToken(h, email);
    const code = codeFor(secret, h);
    const res = await secondStep(h, { mfa_token: token, code });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.data.user.email, email);
    const cookies = setCookies(res);
    assert.ok(cookies.session_cookie && cookies.auth_token);
    assert.equal(cookies['XSRF-TOKEN'], body.data.csrf_token);
    const creds = credentialsFrom(cookies, body.data.csrf_token);
    const session = await h.studio.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: creds.cookie },
    });
    assert.equal(session.statusCode, 200);

    // The token is spent, and the same code does not open a second sign-in.
    const again = await secondStep(h, { mfa_token: token, code });
    assert.equal(again.json().code, 'mfa_token_invalid');
    const replay = await secondStep(h, { mfa_token: await challengeToken(h, email), code });
    assert.equal(replay.statusCode, 401);
    assert.equal(replay.json().code, 'mfa_code_invalid');
    h.clock.advance(STEP_MS);
  });

  it('one code signs in to both APIs once each, as `proofsheet login` does', async () => {
    const code = codeFor(secret, h);
    const onGallery = async () => {
      const first = await h.gallery.inject({
        method: 'POST',
        url: '/login',
        payload: { email, password: PASSWORD },
      });
      return h.gallery.inject({
        method: 'POST',
        url: '/login/mfa',
        payload: { mfa_token: first.json().mfa_token, code },
      });
    };
    const studio = await secondStep(h, { mfa_token: await challengeToken(h, email), code });
    assert.equal(studio.statusCode, 200, studio.body);
    assert.equal((await onGallery()).statusCode, 200);
    assert.equal((await onGallery()).json().code, 'mfa_code_invalid', 'twice on the gallery');
    const again = await secondStep(h, { mfa_token: await challengeToken(h, email), code });
    assert.equal(again.json().code, 'mfa_code_invalid', 'twice on the studio');
    h.clock.advance(STEP_MS);
  });

  it('a code typed with a space works; one from two steps ago does not', async () => {
    const old = codeFor(secret, h);
    h.clock.advance(2 * STEP_MS);
    const stale = await secondStep(h, { mfa_token: await challengeToken(h, email), code: old });
    assert.equal(stale.json().code, 'mfa_code_invalid');
    const code = codeFor(secret, h);
    const spaced = await secondStep(h, {
      mfa_token: await challengeToken(h, email),
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    });
    assert.equal(spaced.statusCode, 200, spaced.body);
    h.clock.advance(STEP_MS);
  });

  it('a recovery code signs in once, in any case and spacing', async () => {
    const [first] = recoveryCodes;
    assert.ok(first);
    const typed = first.toUpperCase().replace('-', ' ');
    const ok = await secondStep(h, {
      mfa_token: await challengeToken(h, email),
      recovery_code: typed,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const twice = await secondStep(h, {
      mfa_token: await challengeToken(h, email),
      recovery_code: first,
    });
    assert.equal(twice.json().code, 'mfa_code_invalid');
    assert.equal(await h.storage.twoFactor.countRecoveryCodes(h.users.owner.id), 9);
  });

  it(`${MAX_CHALLENGE_FAILURES} wrong codes end the pending sign-in, right code or not`, async () => {
    const token = await challengeToken(h, email);
    const codes: string[] = [];
    for (let i = 1; i <= MAX_CHALLENGE_FAILURES; i += 1) {
      const res = await secondStep(h, { mfa_token: token, code: '000000' });
      codes.push(res.json().code);
    }
    assert.deepEqual(codes, [
      ...Array(MAX_CHALLENGE_FAILURES - 1).fill('mfa_code_invalid'),
      'mfa_token_invalid',
    ]);
    const late = await secondStep(h, { mfa_token: token, code: codeFor(secret, h) });
    assert.equal(late.json().code, 'mfa_token_invalid');
  });

  it('a pending sign-in expires', async () => {
    const token = await challengeToken(h, email);
    h.clock.advance(h.config.mfaChallengeLifetimeMs + 1);
    const res = await secondStep(h, { mfa_token: token, code: codeFor(secret, h) });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'mfa_token_invalid');
  });

  it('exactly one of code and recovery_code; unknown tokens get the same answer as used ones', async () => {
    const token = await challengeToken(h, email);
    for (const payload of [
      { mfa_token: token },
      { mfa_token: token, code: '123456', recovery_code: 'abcde-fghij' },
      { mfa_token: token, code: 'abcdef' },
      { code: '123456' },
    ]) {
      const res = await secondStep(h, payload);
      assert.equal(res.statusCode, 422, JSON.stringify(payload));
      assert.equal(res.json().code, 'validation_failed');
    }
    const unknown = await secondStep(h, { mfa_token: 'x'.repeat(43), code: '123456' });
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json().code, 'mfa_token_invalid');
  });
});

describe('second-factor changes need a recent sign-in', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('an old session can neither set up, renew codes nor remove; a fresh sign-in can', async () => {
    const old = await login(h.studio, 'owner@example.com');
    const { secret } = await enroll(h, old);
    h.clock.advance(h.config.recentSignInMs + 1000);
    // Keep the old session alive: it is only old, not expired.
    assert.ok(h.config.sessionIdleMs > h.config.recentSignInMs);
    for (const [method, url] of [
      ['DELETE', '/api/v1/account/two_factor/totp'],
      ['POST', '/api/v1/account/two_factor/recovery_codes'],
      ['POST', '/api/v1/account/two_factor/totp'],
    ] as const) {
      const res = await h.studio.inject({ method, url, headers: old.headers });
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.equal(res.json().code, 'recent_sign_in_required');
    }
    assert.equal(await h.services.twoFactor.required(h.users.owner.id), true);

    const token = (await passwordStep(h, 'owner@example.com')).json().mfa_token;
    const done = await secondStep(h, { mfa_token: token, code: codeFor(secret, h) });
    const fresh = credentialsFrom(setCookies(done), done.json().data.csrf_token);
    const renewed = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/two_factor/recovery_codes',
      headers: fresh.headers,
    });
    assert.equal(renewed.statusCode, 200);
    assert.equal(renewed.json().data.recovery_codes.length, 10);
    const removed = await h.studio.inject({
      method: 'DELETE',
      url: '/api/v1/account/two_factor/totp',
      headers: fresh.headers,
    });
    assert.equal(removed.statusCode, 204);
    assert.equal((await passwordStep(h, 'owner@example.com')).statusCode, 200);
    const none = await h.studio.inject({
      method: 'DELETE',
      url: '/api/v1/account/two_factor/totp',
      headers: fresh.headers,
    });
    assert.equal(none.statusCode, 404);
  });

  it('setting up twice is a 409; renewing codes without an app is a 409', async () => {
    const creds = await login(h.studio, 'assistant@example.com');
    const renew = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/two_factor/recovery_codes',
      headers: creds.headers,
    });
    assert.equal(renew.statusCode, 409);
    await enroll(h, creds);
    const again = await h.studio.inject({
      method: 'POST',
      url: '/api/v1/account/two_factor/totp',
      headers: creds.headers,
    });
    assert.equal(again.statusCode, 409);
  });
});

describe('wrong second-step codes are throttled across pending sign-ins', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('new tokens do not buy new guesses: the account+IP is delayed with Retry-After', async () => {
    const creds = await login(h.studio, 'owner@example.com');
    const { secret } = await enroll(h, creds);
    let throttled: { retryAfter: string | undefined; at: number } | null = null;
    for (let i = 0; i < 40 && !throttled; i += 1) {
      const token = await challengeToken(h, 'owner@example.com');
      const res = await secondStep(h, { mfa_token: token, code: '000000' });
      if (res.statusCode === 429) {
        throttled = { retryAfter: res.headers['retry-after'] as string | undefined, at: i };
      } else assert.equal(res.json().code, 'mfa_code_invalid');
    }
    assert.ok(throttled, 'never throttled');
    assert.ok(Number(throttled.retryAfter) >= 1);
    // As for passwords: the limit's guesses, and the one its first delay allows, are checked.
    assert.equal(throttled.at, h.config.loginMaxFailuresAccountIp + 1);
    // While throttled, even the right code is not checked.
    const token = await challengeToken(h, 'owner@example.com');
    const right = await secondStep(h, { mfa_token: token, code: codeFor(secret, h) });
    assert.equal(right.statusCode, 429);
  });
});

describe('a half-done sign-in ends with the password it began with', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('a password change or reset ends pending second steps; housekeeping sweeps expired ones', async () => {
    const creds = await login(h.studio, 'owner@example.com');
    const { secret } = await enroll(h, creds);

    const beforeChange = await challengeToken(h, 'owner@example.com');
    const changed = await h.studio.inject({
      method: 'PUT',
      url: '/api/v1/account/password',
      headers: creds.headers,
      payload: { current_password: PASSWORD, new_password: 'a far longer passphrase of mine' },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const late = await secondStep(h, { mfa_token: beforeChange, code: codeFor(secret, h) });
    assert.equal(late.json().code, 'mfa_token_invalid');

    const newPassword = 'a far longer passphrase of mine';
    const old = await passwordStep(h, 'owner@example.com');
    assert.equal(old.json().code, 'invalid_credentials', 'the old password reaches no second step');
    const res = await passwordStep(h, 'owner@example.com', newPassword);
    const pending = res.json().mfa_token as string;
    const token = 'r'.repeat(43);
    await h.storage.passwordResets.create({
      tokenHash: hashSecret(token),
      userId: h.users.owner.id,
      createdAt: h.clock.now(),
      expiresAt: new Date(h.clock.now().getTime() + 60_000),
      usedAt: null,
    });
    await h.services.resets.confirm(token, 'yet another long passphrase here', {
      ip: '127.0.0.1',
      userAgent: null,
    });
    const afterReset = await secondStep(h, { mfa_token: pending, code: codeFor(secret, h) });
    assert.equal(afterReset.json().code, 'mfa_token_invalid');

    // Two pending, one expired: the sweep takes that one alone.
    const stale = await passwordStep(h, 'owner@example.com', 'yet another long passphrase here');
    h.clock.advance(h.config.mfaChallengeLifetimeMs + 1);
    const live = await passwordStep(h, 'owner@example.com', 'yet another long passphrase here');
    const report = await sweepExpired({ storage: h.storage, clock: h.clock, config: h.config });
    assert.equal(report.mfaChallenges, 1);
    assert.equal(await h.storage.twoFactor.findChallenge(hashSecret(stale.json().mfa_token)), null);
    assert.ok(await h.storage.twoFactor.findChallenge(hashSecret(live.json().mfa_token)));
  });
});

describe("two-factor events in the studio's audit log", () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('set-up, a wrong code, a code, a recovery code, new codes and removal, with no secret', async () => {
    // A second between steps: events of one instant are listed in ID order, not as they came.
    const tick = () => h.clock.advance(1000);
    const creds = await login(h.studio, 'owner@example.com');
    tick();
    const { secret, recoveryCodes } = await enroll(h, creds);
    const wrong = await challengeToken(h, 'owner@example.com');
    await secondStep(h, { mfa_token: wrong, code: '000000' });
    tick();
    const code = codeFor(secret, h);
    const done = await secondStep(h, { mfa_token: wrong, code });
    assert.equal(done.statusCode, 200, done.body);
    tick();
    const fresh = credentialsFrom(setCookies(done), done.json().data.csrf_token);
    const recovery = recoveryCodes[0] ?? '';
    const byRecovery = await secondStep(h, {
      mfa_token: await challengeToken(h, 'owner@example.com'),
      recovery_code: recovery,
    });
    assert.equal(byRecovery.statusCode, 200, byRecovery.body);
    for (const [method, url] of [
      ['POST', '/api/v1/account/two_factor/recovery_codes'],
      ['DELETE', '/api/v1/account/two_factor/totp'],
    ] as const) {
      tick();
      const res = await h.studio.inject({ method, url, headers: fresh.headers });
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode}`);
    }
    await h.services.audit.flush();
    const { items } = await h.storage.auditEvents.list(
      h.accountId,
      { offset: 0, limit: 100 },
      { types: null, userId: h.users.owner.id, since: null, until: null },
    );
    // Oldest first; the two events of the recovery sign-in share an instant, so by type.
    const seen = [...items]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.type.localeCompare(b.type))
      .map((e) => `${e.type}${e.detail.method ? ` ${e.detail.method}` : ''}`);
    assert.deepEqual(seen, [
      'sign_in.succeeded password',
      'mfa.enabled totp',
      'mfa.failed totp',
      'sign_in.succeeded totp',
      'recovery_code.used recovery_code',
      'sign_in.succeeded recovery_code',
      'recovery_codes.regenerated',
      'mfa.disabled totp',
    ]);
    const used = items.find((e) => e.type === 'recovery_code.used');
    assert.equal(used?.detail.remaining_codes, 9);
    const stored = JSON.stringify(items);
    for (const secretValue of [secret, code, recovery, wrong, PASSWORD]) {
      assert.ok(!stored.includes(secretValue), 'no secret in the log');
    }
  });
});

describe('two-factor on the Gallery API, for a gallery client', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('sets up, signs in with a code, renews the codes and turns it off, all on the Gallery API', async () => {
    const email = h.users.gallery_client.email;
    const creds = await login(h.gallery, email);
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, who = creds, payload?: object) =>
      h.gallery.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    assert.equal((await call('GET', '/api/v1/account/two_factor')).json().data.enabled, false);
    const start = await call('POST', '/api/v1/account/two_factor/totp');
    assert.equal(start.statusCode, 200);
    const secret: string = start.json().data.secret;
    const confirm = await call('POST', '/api/v1/account/two_factor/totp/confirm', creds, {
      code: codeFor(secret, h),
    });
    assert.equal(confirm.json().data.recovery_codes.length, 10);
    h.clock.advance(STEP_MS);

    const first = await h.gallery.inject({
      method: 'POST',
      url: '/login',
      payload: { email, password: PASSWORD },
    });
    assert.equal(first.json().code, 'mfa_required');
    const done = await h.gallery.inject({
      method: 'POST',
      url: '/login/mfa',
      payload: { mfa_token: first.json().mfa_token, code: codeFor(secret, h) },
    });
    assert.equal(done.statusCode, 200, done.body);
    const fresh = credentialsFrom(setCookies(done), done.json().data.csrf_token);
    const renewed = await call('POST', '/api/v1/account/two_factor/recovery_codes', fresh);
    assert.equal(renewed.json().data.recovery_codes.length, 10);
    assert.equal((await call('DELETE', '/api/v1/account/two_factor/totp', fresh)).statusCode, 204);
    assert.equal(
      (await call('GET', '/api/v1/account/two_factor', fresh)).json().data.enabled,
      false,
    );
    assert.equal((await login(h.gallery, email)).csrf.length > 0, true, 'the password alone again');
  });
});
