/**
 * The in-process session cache used when this process alone writes the sessions: every write
 * must reach it, so a revoked session is refused at the very next lookup.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from '@proofsheet/protocol';
import type { LoginRecord, SessionStore } from '../../src/storage/ports/session-store.js';
import { cachedSessionStore } from '../../src/storage/session-cache.js';
import { at, bytes, seedAccount } from '../contracts/fixtures.js';
import { openSqliteStorage } from '../helpers/open-storage.js';

async function setup(max?: number) {
  const storage = await openSqliteStorage(':memory:', { exclusive: false });
  const { accountId, users } = await seedAccount(storage, 'session-cache');
  const inner = storage.sessions;
  let reads = 0;
  let gate: Promise<void> | null = null;
  const counted: SessionStore = {
    ...inner,
    async findBySessionHash(hash) {
      reads += 1;
      const login = await inner.findBySessionHash(hash);
      if (gate) await gate;
      return login;
    },
  };
  const cache = cachedSessionStore(counted, max);
  let n = 0;
  const login = (userId = users.owner.id): LoginRecord => {
    n += 1;
    return {
      id: newId('login', bytes),
      userId,
      accountId,
      role: 'owner',
      sessionHash: `session-${n}`,
      sessionCreatedAt: at(0),
      lastSeenAt: at(0),
      authTokenHash: `token-${n}`,
      authTokenExpiresAt: at(86_400_000),
      createdAt: at(0),
      userAgent: null,
      ip: null,
    };
  };
  return {
    cache,
    login,
    users,
    reads: () => reads,
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = () => {
          gate = null;
          resolve();
        };
      });
      return release;
    },
    close: () => storage.close(),
  };
}

test('a second lookup of a live session reads no row', async () => {
  const s = await setup();
  const l = s.login();
  await s.cache.create(l);
  assert.deepEqual(await s.cache.findBySessionHash(l.sessionHash), l);
  assert.deepEqual(await s.cache.findBySessionHash(l.sessionHash), l);
  assert.equal(s.reads(), 1);
  await s.close();
});

test('a logout, a revocation of all others and a rotation are seen at the next lookup', async () => {
  const s = await setup();
  const [a, b, c, d] = [s.login(), s.login(), s.login(), s.login(s.users.assistant.id)];
  for (const l of [a, b, c, d]) {
    await s.cache.create(l);
    await s.cache.findBySessionHash(l.sessionHash);
  }
  assert.equal(await s.cache.delete(a.id), true);
  assert.equal(await s.cache.findBySessionHash(a.sessionHash), null);

  assert.equal(await s.cache.deleteForUser(s.users.owner.id, c.id), 1);
  assert.equal(await s.cache.findBySessionHash(b.sessionHash), null);
  assert.ok(await s.cache.findBySessionHash(c.sessionHash), 'the session kept is still valid');
  assert.ok(await s.cache.findBySessionHash(d.sessionHash), "another user's session is kept");

  const rotated = await s.cache.rotate(c.authTokenHash, {
    sessionHash: 'session-next',
    authTokenHash: 'token-next',
    authTokenExpiresAt: at(90_000_000),
    now: at(1000),
  });
  assert.equal(rotated.kind, 'rotated');
  assert.equal(await s.cache.findBySessionHash(c.sessionHash), null, 'the old session ends');
  assert.equal((await s.cache.findBySessionHash('session-next'))?.id, c.id);
  await s.close();
});

test('a lookup in flight during a logout does not bring the session back', async () => {
  const s = await setup();
  const l = s.login();
  await s.cache.create(l);
  const release = s.hold();
  const inFlight = s.cache.findBySessionHash(l.sessionHash);
  await new Promise((resolve) => setImmediate(resolve));
  await s.cache.delete(l.id);
  release();
  await inFlight;
  assert.equal(await s.cache.findBySessionHash(l.sessionHash), null);
  await s.close();
});

test('a touch moves the cached last activity; what a caller changes is its own copy', async () => {
  const s = await setup();
  const l = s.login();
  await s.cache.create(l);
  const found = await s.cache.findBySessionHash(l.sessionHash);
  assert.ok(found);
  found.lastSeenAt = at(5);
  assert.deepEqual((await s.cache.findBySessionHash(l.sessionHash))?.lastSeenAt, at(0));
  await s.cache.touch(l.id, at(60_000));
  assert.deepEqual((await s.cache.findBySessionHash(l.sessionHash))?.lastSeenAt, at(60_000));
  assert.equal(s.reads(), 1);
  await s.close();
});

test('a touch finds its entry by login id, also after other entries were evicted', async () => {
  const s = await setup(2);
  const [a, b, c] = [s.login(), s.login(), s.login()];
  for (const l of [a, b, c]) {
    await s.cache.create(l);
    await s.cache.findBySessionHash(l.sessionHash);
  }
  // `a` was evicted to make room for `c`: touching it must not fail or resurrect it.
  await s.cache.touch(a.id, at(60_000));
  await s.cache.touch(c.id, at(60_000));
  const reads = s.reads();
  assert.deepEqual((await s.cache.findBySessionHash(c.sessionHash))?.lastSeenAt, at(60_000));
  assert.equal(s.reads(), reads, 'c is still cached, with the touch applied');
  assert.deepEqual((await s.cache.findBySessionHash(a.sessionHash))?.lastSeenAt, at(60_000));
  assert.equal(s.reads(), reads + 1, 'a was read again from the store');
  await s.close();
});

test('removing expired logins empties the cache', async () => {
  const s = await setup();
  const l = s.login();
  await s.cache.create(l);
  await s.cache.findBySessionHash(l.sessionHash);
  await s.cache.deleteExpired(at(400 * 86_400_000), 1, 1);
  assert.equal(await s.cache.findBySessionHash(l.sessionHash), null);
  await s.close();
});
