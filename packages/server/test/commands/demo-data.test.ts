import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_EMAILS, type DemoUsers, seedDemoData } from '../../src/commands/demo/demo-data.js';
import { manualClock, systemRandom } from '../../src/deps.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { openSqliteStorage } from '../helpers/open-storage.js';

let storage: Storage;
let users: DemoUsers;

before(async () => {
  storage = await openSqliteStorage(':memory:');
  users = await seedDemoData(storage, {
    clock: manualClock(),
    random: systemRandom,
    passwordHash: 'demo-hash',
  });
});
after(() => storage.close());

test('the demo has an owner, an assistant and a gallery client with the given hash', async () => {
  assert.equal(users.owner.email, DEMO_EMAILS.owner);
  assert.equal(users.owner.role, 'owner');
  assert.equal(users.assistant.email, 'assistant@demo.proofsheet.test');
  assert.equal(users.galleryClient.email, 'client@demo.proofsheet.test');
  assert.equal(users.galleryClient.role, 'gallery_client');
  for (const u of [users.owner, users.assistant, users.galleryClient]) {
    assert.equal((await storage.users.findByEmail(u.email))?.passwordHash, 'demo-hash');
  }
  const account = await storage.accounts.findById(users.owner.accountId);
  assert.equal(account?.name, 'Northlight Photography');
  assert.equal(account?.subdomain, 'northlight');
});

test('the demo has about forty clients and leads, all searchable', async () => {
  const accountId = users.owner.accountId;
  const all = await storage.clients.list({ accountId, types: null, offset: 0, limit: 100 });
  assert.ok(all.total >= 35 && all.total <= 50, `got ${all.total}`);
  const leads = await storage.clients.list({ accountId, types: ['lead'], offset: 0, limit: 100 });
  assert.ok(leads.total >= 10, `got ${leads.total} leads`);
  const found = await storage.clients.list({
    accountId,
    types: null,
    search: 'lumen coffee',
    offset: 0,
    limit: 10,
  });
  assert.equal(found.total, 1);
});

test('four collections of two to four galleries; one is shared with the gallery client', async () => {
  const accountId = users.owner.accountId;
  const { items } = await storage.collections.list(accountId, { offset: 0, limit: 100 });
  assert.equal(items.length, 4);
  for (const c of items) assert.ok(c.galleryCount >= 2 && c.galleryCount <= 4, c.name);
  const shared = await storage.collections.list(accountId, {
    visibleTo: { userId: users.galleryClient.id, today: '2026-01-15' },
    offset: 0,
    limit: 100,
  });
  assert.equal(shared.total, 1);
  assert.deepEqual(shared.items[0]?.sharedWithEmails, [users.galleryClient.email]);
});

test('the demo has notifications, some unread', async () => {
  const { total, unread } = await storage.notifications.list(users.owner.accountId, {
    unreadOnly: false,
    limit: 50,
  });
  assert.ok(total >= 3, `got ${total}`);
  assert.ok(unread >= 1 && unread < total);
});
