/**
 * Two instances over one PostgreSQL and one Redis, driven over real HTTP: a member's role
 * changed or the member removed on one instance, their sessions on the other end at the next
 * request, and the whole flow from invitation to sign-in crosses instances too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import { backingServices, type Instance, seedUsers, startInstance } from '../helpers/cluster.js';
import { PASSWORD } from '../helpers/harness.js';
import { HttpAgent } from '../helpers/http-agent.js';

const services = await backingServices();

describe('members across instances', { skip: services.skip }, () => {
  let a: Instance;
  let b: Instance;
  let users: Record<'owner' | 'assistant', UserRecord>;
  let close: () => Promise<void>;
  const owner = new HttpAgent();

  async function signIn(agent: HttpAgent, instance: Instance, email: string, password = PASSWORD) {
    const res = await agent.request(instance.url, 'POST', '/login', { email, password });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  const sessionOn = (agent: HttpAgent, instance: Instance) =>
    agent.request(instance.url, 'GET', '/api/v1/session');

  before(async () => {
    const backing = await services.create();
    a = await startInstance(backing);
    b = await startInstance(backing);
    users = await seedUsers(a);
    close = async () => {
      await Promise.all([a.close(), b.close()]);
      await backing.drop();
    };
    await signIn(owner, a, users.owner.email);
  });
  after(() => close?.());

  it('an invitation made on one instance is accepted on the other, and the role change there ends the session here', async () => {
    const invited = await owner.request(a.url, 'POST', '/api/v1/invitations', {
      email: 'crossing@example.com',
      role: 'assistant',
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const accountId = (await a.storage.users.findById(users.owner.id))?.accountId ?? '';
    const { items } = await b.storage.outbox.list(accountId, { offset: 0, limit: 5 });
    const token = /token=([A-Za-z0-9_-]{43})/.exec(items[0]?.text ?? '')?.[1];
    assert.ok(token);
    const member = new HttpAgent();
    const accepted = await member.request(b.url, 'POST', '/invitations/accept', {
      token,
      password: 'a brand new passphrase, long enough',
      first_name: 'Cross',
      last_name: 'Ing',
    });
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    const { id } = (accepted.body as { data: { user: { id: string } } }).data.user;
    assert.equal((await sessionOn(member, a)).status, 200, 'signed in on both instances');

    const changed = await owner.request(b.url, 'PUT', `/api/v1/members/${id}`, {
      role: 'gallery_client',
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const next = await sessionOn(member, a);
    assert.equal(next.status, 401);
    assert.equal((next.body as { code: string }).code, 'session_expired');
    const refreshed = await member.request(a.url, 'POST', '/api/v1/session/refresh');
    assert.equal(refreshed.status, 401, 'the auth token went with the session');
  });

  it('a member removed on one instance is out on the other at the next request', async () => {
    const laptop = new HttpAgent();
    const phone = new HttpAgent();
    await signIn(laptop, a, users.assistant.email);
    await signIn(phone, b, users.assistant.email);
    const removed = await owner.request(b.url, 'DELETE', `/api/v1/members/${users.assistant.id}`);
    assert.equal(removed.status, 204, JSON.stringify(removed.body));
    for (const [agent, instance] of [
      [laptop, a],
      [phone, b],
    ] as const) {
      assert.equal((await sessionOn(agent, instance)).status, 401);
    }
    const again = await new HttpAgent().request(a.url, 'POST', '/login', {
      email: users.assistant.email,
      password: PASSWORD,
    });
    assert.equal(again.status, 401);
    assert.equal((await sessionOn(owner, a)).status, 200, 'the owner stays signed in');
  });
});
