/**
 * The contract every `SessionStore` keeps, run on SQLite, PostgreSQL and Redis alike. Times
 * count from the real clock, because Redis expires keys in real time.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoginRecord, SessionStore } from '../../src/storage/ports/session-store.js';

export interface SessionTimeouts {
  sessionAbsoluteMs: number;
  sessionIdleMs: number;
}

export interface SessionStoreFixture {
  store: SessionStore;
  close(): Promise<void>;
}

const HOUR = 3_600_000;
const TIMEOUTS: SessionTimeouts = { sessionAbsoluteMs: 12 * HOUR, sessionIdleMs: HOUR / 2 };

const hex = (n = 16) => randomBytes(n).toString('hex');

/** A login of `userId` created at `now`, with fresh random hashes. */
export function sampleLogin(userId: string, now: Date, overrides: Partial<LoginRecord> = {}) {
  const login: LoginRecord = {
    id: `lg_${hex(8)}`,
    userId,
    accountId: 'ac_contract',
    role: 'owner',
    sessionHash: hex(),
    sessionCreatedAt: now,
    lastSeenAt: now,
    authTokenHash: hex(),
    authTokenExpiresAt: new Date(now.getTime() + 24 * HOUR),
    createdAt: now,
    userAgent: 'contract-test/1.0',
    ip: '203.0.113.5',
    ...overrides,
  };
  return login;
}

function rotation(now: Date) {
  return {
    sessionHash: hex(),
    authTokenHash: hex(),
    authTokenExpiresAt: new Date(now.getTime() + 24 * HOUR),
    now,
  };
}

export function describeSessionStore(
  name: string,
  make: (timeouts: SessionTimeouts) => Promise<SessionStoreFixture>,
  options: { skip?: string | false } = {},
): void {
  describe(`SessionStore contract: ${name}`, { skip: options.skip ?? false }, () => {
    let fixture: SessionStoreFixture;
    let store: SessionStore;
    before(async () => {
      fixture = await make(TIMEOUTS);
      store = fixture.store;
    });
    after(() => fixture?.close());

    // Millisecond times, as every store keeps them.
    const now = () => new Date(Date.now());
    const user = () => `us_${hex(6)}`;

    it('finds a created login by session hash, id and auth-token hash, field for field', async () => {
      const login = sampleLogin(user(), now());
      await store.create(login);
      assert.deepEqual(await store.findBySessionHash(login.sessionHash), login);
      assert.deepEqual(await store.findById(login.id), login);
      assert.deepEqual(await store.findByAuthTokenHash(login.authTokenHash), login);
    });

    it('keeps null user agent and IP as null', async () => {
      const login = sampleLogin(user(), now(), { userAgent: null, ip: null });
      await store.create(login);
      assert.deepEqual(await store.findById(login.id), login);
    });

    it('returns null, never throws, for what does not exist', async () => {
      assert.equal(await store.findBySessionHash(hex()), null);
      assert.equal(await store.findById('lg_missing'), null);
      assert.equal(await store.findByAuthTokenHash(hex()), null);
      assert.equal(await store.delete('lg_missing'), false);
      assert.equal(await store.deleteForUser(user()), 0);
      assert.deepEqual(await store.listForUser(user()), []);
      await store.touch('lg_missing', now());
      assert.deepEqual(await store.rotate(hex(), rotation(now())), { kind: 'unknown' });
    });

    it('refuses a second login with the same id', async () => {
      const login = sampleLogin(user(), now());
      await store.create(login);
      await assert.rejects(store.create({ ...login, sessionHash: hex(), authTokenHash: hex() }));
      assert.deepEqual(await store.findById(login.id), login);
    });

    it('touch moves last-seen forward and never back', async () => {
      const t = now();
      const login = sampleLogin(user(), t);
      await store.create(login);
      const later = new Date(t.getTime() + 90_000);
      await store.touch(login.id, later);
      assert.deepEqual((await store.findById(login.id))?.lastSeenAt, later);
      await store.touch(login.id, new Date(t.getTime() + 60_000));
      assert.deepEqual((await store.findBySessionHash(login.sessionHash))?.lastSeenAt, later);
    });

    it('rotate swaps in the new session and token and retires the old ones', async () => {
      const t = now();
      const login = sampleLogin(user(), t);
      await store.create(login);
      const at = new Date(t.getTime() + 5000);
      const next = rotation(at);
      const result = await store.rotate(login.authTokenHash, next);
      assert.equal(result.kind, 'rotated');
      const expected: LoginRecord = {
        ...login,
        sessionHash: next.sessionHash,
        sessionCreatedAt: at,
        lastSeenAt: at,
        authTokenHash: next.authTokenHash,
        authTokenExpiresAt: next.authTokenExpiresAt,
      };
      assert.deepEqual(result.kind === 'rotated' && result.login, expected);
      assert.equal(await store.findBySessionHash(login.sessionHash), null);
      assert.equal(await store.findByAuthTokenHash(login.authTokenHash), null);
      assert.deepEqual(await store.findBySessionHash(next.sessionHash), expected);
      assert.deepEqual(await store.findByAuthTokenHash(next.authTokenHash), expected);
    });

    it('a retired token presented again is reported as reused, with its login', async () => {
      const t = now();
      const login = sampleLogin(user(), t);
      await store.create(login);
      const at = new Date(t.getTime() + 1000);
      const next = rotation(at);
      await store.rotate(login.authTokenHash, next);
      const again = await store.rotate(login.authTokenHash, rotation(new Date(t.getTime() + 2000)));
      assert.equal(again.kind, 'reused');
      if (again.kind !== 'reused') return;
      assert.deepEqual(again.retiredAt, at);
      assert.equal(again.login?.id, login.id);
      assert.equal(again.login?.sessionHash, next.sessionHash, 'the reuse changed nothing');
    });

    it('an expired auth token does not rotate', async () => {
      const t = now();
      const login = sampleLogin(user(), t, { authTokenExpiresAt: new Date(t.getTime() + 1000) });
      await store.create(login);
      const late = rotation(new Date(t.getTime() + 1000));
      assert.deepEqual(await store.rotate(login.authTokenHash, late), { kind: 'unknown' });
      assert.equal((await store.findById(login.id))?.sessionHash, login.sessionHash);
    });

    it('of two concurrent rotations with one token, one rotates and the other sees reuse', async () => {
      const t = now();
      const login = sampleLogin(user(), t);
      await store.create(login);
      const results = await Promise.all([
        store.rotate(login.authTokenHash, rotation(t)),
        store.rotate(login.authTokenHash, rotation(t)),
      ]);
      const kinds = results.map((r) => r.kind).sort();
      assert.deepEqual(kinds, ['reused', 'rotated']);
      const rotated = results.find((r) => r.kind === 'rotated');
      const current = await store.findById(login.id);
      assert.equal(current?.sessionHash, rotated?.kind === 'rotated' && rotated.login.sessionHash);
    });

    it('delete ends the login, its session and its retired tokens', async () => {
      const t = now();
      const login = sampleLogin(user(), t);
      await store.create(login);
      const next = rotation(t);
      await store.rotate(login.authTokenHash, next);
      assert.equal(await store.delete(login.id), true);
      assert.equal(await store.delete(login.id), false);
      assert.equal(await store.findById(login.id), null);
      assert.equal(await store.findBySessionHash(next.sessionHash), null);
      assert.equal(await store.findByAuthTokenHash(next.authTokenHash), null);
      assert.deepEqual(await store.rotate(login.authTokenHash, rotation(t)), { kind: 'unknown' });
      assert.deepEqual(await store.rotate(next.authTokenHash, rotation(t)), { kind: 'unknown' });
    });

    it('deleteForUser ends every login of the user but the one kept, and no one else', async () => {
      const t = now();
      const u = user();
      const other = sampleLogin(user(), t);
      await store.create(other);
      const logins = [0, 1, 2].map((i) => sampleLogin(u, new Date(t.getTime() + i)));
      for (const l of logins) await store.create(l);
      const [keep, ...rest] = logins as [LoginRecord, ...LoginRecord[]];
      assert.equal(await store.deleteForUser(u, keep.id), 2);
      for (const l of rest) assert.equal(await store.findBySessionHash(l.sessionHash), null);
      assert.deepEqual(await store.findById(keep.id), keep);
      assert.deepEqual(await store.findById(other.id), other);
      assert.equal(await store.deleteForUser(u), 1);
      assert.deepEqual(await store.listForUser(u), []);
    });

    it('lists a user’s logins newest first', async () => {
      const t = now();
      const u = user();
      const logins = [0, 1, 2].map((i) => sampleLogin(u, new Date(t.getTime() + i * 1000)));
      for (const l of logins) await store.create(l);
      await store.create(sampleLogin(user(), t));
      const listed = await store.listForUser(u);
      assert.deepEqual(
        listed.map((l) => l.id),
        [...logins].reverse().map((l) => l.id),
      );
      assert.deepEqual(listed[0], logins[2]);
    });

    it('expired logins go (after deleteExpired, or by themselves); live ones stay', async () => {
      const short: SessionTimeouts = { sessionAbsoluteMs: 200, sessionIdleMs: 100 };
      const shortLived = await make(short);
      try {
        const t = now();
        const dead = sampleLogin(user(), t, { authTokenExpiresAt: new Date(t.getTime() + 150) });
        const live = sampleLogin(user(), t);
        await shortLived.store.create(dead);
        await shortLived.store.create(live);
        await sleep(300);
        const removed = await shortLived.store.deleteExpired(
          now(),
          short.sessionAbsoluteMs,
          short.sessionIdleMs,
        );
        assert.ok(removed >= 0);
        assert.equal(await shortLived.store.findById(dead.id), null);
        assert.equal(await shortLived.store.findByAuthTokenHash(dead.authTokenHash), null);
        assert.deepEqual(await shortLived.store.findById(live.id), live);
        assert.deepEqual(
          (await shortLived.store.listForUser(dead.userId)).map((l) => l.id),
          [],
        );
      } finally {
        await shortLived.close();
      }
    });
  });
}
