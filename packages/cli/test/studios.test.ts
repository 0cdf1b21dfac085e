import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newId, type StudioMembership } from '@proofsheet/protocol';
import { runCli } from './helpers/run-cli.js';
import { PASSWORD, type Servers, startServers } from './helpers/servers.js';

describe('proofsheet studios', () => {
  let servers: Servers;
  let env: NodeJS.ProcessEnv;
  let other: string;

  before(async () => {
    servers = await startServers();
    other = (await servers.addStudio('Okafor Weddings')).accountId;
    const { assistant } = servers.users;
    await servers.storage.users.addMembership(other, assistant.id, 'owner', servers.clock.now());
    env = {
      XDG_CONFIG_HOME: await mkdtemp(join(tmpdir(), 'proofsheet-cli-')),
      PROOFSHEET_STUDIO_URL: servers.studioUrl,
      PROOFSHEET_GALLERY_URL: servers.galleryUrl,
      NO_COLOR: '1',
    };
    const login = await runCli(
      ['login', '--email', servers.users.assistant.email, '--password-stdin'],
      env,
      `${PASSWORD}\n`,
    );
    assert.equal(login.code, 0, login.stderr);
  });
  after(() => servers.close());

  test('lists the studios, switches, and later commands act in the studio switched to', async () => {
    const listed = await runCli(['studios', 'list', '--json'], env);
    assert.equal(listed.code, 0, listed.stderr);
    const studios = JSON.parse(listed.stdout) as StudioMembership[];
    assert.deepEqual(
      studios.map((s) => [s.id, s.role, s.current]).sort(),
      [
        [other, 'owner', false],
        [servers.accountId, 'assistant', true],
      ].sort(),
    );
    const table = await runCli(['studios', 'list'], env);
    assert.match(table.stdout, /^ID\s+NAME\s+ROLE\s+CURRENT$/m);
    assert.match(table.stdout, /Okafor Weddings\s+owner/);

    const switched = await runCli(['studios', 'switch', other], env);
    assert.equal(switched.code, 0, switched.stderr);
    assert.match(switched.stdout, new RegExp(`Switched to ${other} as owner`));
    const status = await runCli(['status', '--json'], env);
    const rows = JSON.parse(status.stdout) as Array<{ role: string }>;
    assert.deepEqual(
      rows.map((r) => r.role),
      ['owner', 'owner'],
      'both APIs moved',
    );

    const missing = await runCli(
      ['studios', 'switch', newId('account', (n) => new Uint8Array(n))],
      env,
    );
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /not a member of a studio/);
  });
});
