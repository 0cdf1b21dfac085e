import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient } from '../src/index.js';
import { PASSWORD, type Servers, startServers } from './helpers/servers.js';

describe('studios of a user in several, over real sockets', () => {
  let servers: Servers;
  let other: string;
  before(async () => {
    servers = await startServers();
    other = (await servers.addStudio('Okafor Weddings')).accountId;
    const { assistant } = servers.users;
    await servers.storage.users.addMembership(other, assistant.id, 'owner', servers.clock.now());
  });
  after(() => servers.close());

  test('lists the studios, switches both APIs, and writes land in the studio switched to', async () => {
    const client = createClient({
      studioUrl: servers.studioUrl,
      galleryUrl: servers.galleryUrl,
      validateResponses: true,
    });
    await client.login(servers.users.assistant.email, PASSWORD);
    const studios = await client.studios();
    assert.deepEqual(studios.map((s) => [s.name, s.role, s.current]).sort(), [
      ['Okafor Weddings', 'owner', false],
      ['Test Studio', 'assistant', true],
    ]);
    const { user } = await client.switchStudio(other);
    assert.equal(user.account_id, other);
    assert.equal((await client.session('studio')).role, 'owner');
    assert.equal((await client.session('gallery')).user.account_id, other);
    // An unsafe request after the switch carries the new session's CSRF token.
    const created = await client.studio.clients.create({ first_name: 'Ines', type: 'lead' });
    assert.equal((await servers.storage.clients.findById(other, created.id))?.firstName, 'Ines');
    assert.equal(await servers.storage.clients.findById(servers.accountId, created.id), null);
    await client.logout();
  });
});
