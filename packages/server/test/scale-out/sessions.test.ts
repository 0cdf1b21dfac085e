/**
 * Two instances, each with its own PostgreSQL pool and Redis connection, driven over real
 * HTTP with no sticky routing: what one does to a session, the other sees at the next request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { backingServices, type Instance, seedUsers, startInstance } from '../helpers/cluster.js';
import { PASSWORD } from '../helpers/harness.js';
import { HttpAgent } from '../helpers/http-agent.js';

const services = await backingServices();

/**
 * Two instances over a backing of their own, which `close` drops. Each suite gets its own:
 * a backing shared by the suites and dropped by a file-level hook was once gone before the
 * second suite had migrated it.
 */
async function cluster(overrides: Parameters<typeof startInstance>[1] = {}) {
  const backing = await services.create();
  const a = await startInstance(backing, overrides);
  const b = await startInstance(backing, overrides);
  const users = await seedUsers(a);
  const close = async () => {
    await Promise.all([a.close(), b.close()]);
    await backing.drop();
  };
  return { a, b, users, close };
}

async function signIn(agent: HttpAgent, instance: Instance, user: UserRecord) {
  const res = await agent.request(instance.url, 'POST', '/login', {
    email: user.email,
    password: PASSWORD,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res;
}

const sessionOn = (agent: HttpAgent, instance: Instance) =>
  agent.request(instance.url, 'GET', '/api/v1/session');

describe('sessions across instances', { skip: services.skip }, () => {
  let a: Instance;
  let b: Instance;
  let users: Record<'owner' | 'assistant', UserRecord>;
  let close: () => Promise<unknown>;
  before(async () => {
    ({ a, b, users, close } = await cluster());
  });
  after(() => close?.());

  it('a login on one instance works on the other', async () => {
    const agent = new HttpAgent();
    await signIn(agent, a, users.owner);
    const res = await sessionOn(agent, b);
    assert.equal(res.status, 200);
    assert.equal(
      (res.body as { data: { user: { email: string } } }).data.user.email,
      users.owner.email,
    );
  });

  it('a logout on one instance gives 401 on the other at the next request', async () => {
    const agent = new HttpAgent();
    await signIn(agent, a, users.owner);
    const stolen = agent.clone();
    assert.equal((await sessionOn(stolen, b)).status, 200);
    assert.equal((await agent.request(a.url, 'POST', '/logout')).status, 200);
    const res = await sessionOn(stolen, b);
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, {
      error: 'Unauthorized',
      message: 'Session expired or invalid',
      code: 'session_expired',
    });
    assert.equal((await stolen.request(b.url, 'POST', '/api/v1/session/refresh')).status, 401);
  });

  it('revoking a session on one instance gives 401 on the other', async () => {
    const laptop = new HttpAgent();
    const phone = new HttpAgent();
    await signIn(laptop, a, users.assistant);
    await signIn(phone, b, users.assistant);
    const phoneSession = await sessionOn(phone, b);
    const { id } = (phoneSession.body as { data: { session: { id: string } } }).data.session;
    assert.equal(
      (await laptop.request(a.url, 'DELETE', `/api/v1/auth/sessions/${id}`)).status,
      204,
    );
    assert.equal((await sessionOn(phone, b)).status, 401);
    assert.equal((await sessionOn(laptop, b)).status, 200, 'the revoker stays signed in');
  });

  it('a password change on one instance ends every other session on the other', async () => {
    const users2 = await seedUsers(a);
    const keeper = new HttpAgent();
    const others = [new HttpAgent(), new HttpAgent()];
    await signIn(keeper, a, users2.owner);
    for (const [i, agent] of others.entries()) await signIn(agent, i % 2 ? a : b, users2.owner);
    const res = await keeper.request(a.url, 'PUT', '/api/v1/account/password', {
      current_password: PASSWORD,
      new_password: 'an even better passphrase',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { data: { revoked_sessions: 2 } });
    for (const agent of others) assert.equal((await sessionOn(agent, b)).status, 401);
    assert.equal((await sessionOn(keeper, b)).status, 200);
  });

  it('a concurrent refresh on both instances with one auth token ends in one valid session', async () => {
    const agent = new HttpAgent();
    await signIn(agent, a, users.owner);
    const twin = agent.clone();
    const [onA, onB] = await Promise.all([
      agent.request(a.url, 'POST', '/api/v1/session/refresh'),
      twin.request(b.url, 'POST', '/api/v1/session/refresh'),
    ]);
    assert.equal(onA.status, 200, JSON.stringify(onA.body));
    assert.equal(onB.status, 200, JSON.stringify(onB.body));
    assert.deepEqual([...agent.cookies], [...twin.cookies], 'both got the same successor');
    assert.equal((await sessionOn(agent, b)).status, 200);
    assert.equal((await sessionOn(twin, a)).status, 200);
    const list = await agent.request(a.url, 'GET', '/api/v1/auth/sessions');
    const ids = (list.body as { data: { id: string; current: boolean }[] }).data.filter(
      (s) => s.current,
    );
    assert.equal(ids.length, 1);
  });
});

describe('rate limits and login throttling across instances', { skip: services.skip }, () => {
  let a: Instance;
  let b: Instance;
  let users: Record<'owner' | 'assistant', UserRecord>;
  let close: () => Promise<unknown>;
  before(async () => {
    ({ a, b, users, close } = await cluster({
      rateLimitSession: 6,
      loginMaxFailuresIp: 3,
      loginMaxFailuresAccountIp: 1000,
      loginSoftLimitAccount: 1000,
    }));
  });
  after(() => close?.());

  it('a session’s rate limit counts its requests on every instance', async () => {
    const agent = new HttpAgent();
    await signIn(agent, a, users.owner);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await sessionOn(agent, i % 2 ? b : a)).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429]);
    const limited = await sessionOn(agent, b);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });

  it('failed logins on both instances add up to one block', async () => {
    const agent = new HttpAgent();
    const attempt = (instance: Instance) =>
      agent.request(instance.url, 'POST', '/login', {
        email: users.assistant.email,
        password: 'wrong password',
      });
    // Four failures, alternating: each instance alone has seen two, under the limit of three.
    for (const instance of [a, b, a, b]) assert.equal((await attempt(instance)).status, 401);
    const blocked = await attempt(a);
    assert.equal(blocked.status, 429, JSON.stringify(blocked.body));
    assert.ok(Number(blocked.headers.get('retry-after')) >= 1);
  });
});
