import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newId } from '@proofsheet/protocol';
import { runCli } from './helpers/run-cli.js';
import { PASSWORD, type Servers, startServers } from './helpers/servers.js';

describe('proofsheet login with two-factor sign-in', () => {
  let servers: Servers;
  let totp: { code(): string; recoveryCodes: string[] };
  let env: NodeJS.ProcessEnv;

  before(async () => {
    servers = await startServers();
    totp = await servers.enrollTotp('owner');
    env = {
      XDG_CONFIG_HOME: await mkdtemp(join(tmpdir(), 'proofsheet-cli-mfa-')),
      PROOFSHEET_STUDIO_URL: servers.studioUrl,
      PROOFSHEET_GALLERY_URL: servers.galleryUrl,
      NO_COLOR: '1',
    };
  });
  after(() => servers.close());

  const login = (...extra: string[]) =>
    runCli(
      ['login', '--email', servers.users.owner.email, '--password-stdin', ...extra],
      env,
      `${PASSWORD}\n`,
    );

  test('without a code and without a terminal: exit 4, saying to pass --code', async () => {
    const result = await login();
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /--code/);
  });

  test('a wrong code: exit 4; then --code signs in to both APIs with one code', async () => {
    const wrong = await login('--code', '000000');
    assert.equal(wrong.code, 4, wrong.stderr);
    assert.match(wrong.stderr, /second factor/);

    const result = await login('--code', totp.code());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Logged in as owner@example\.com/);
    const studio = await runCli(['clients', 'list', '--json'], env);
    assert.equal(studio.code, 0, studio.stderr);
    const gallery = await runCli(['collections', 'list', '--json'], env);
    assert.equal(gallery.code, 0, gallery.stderr);
    servers.clock.advance(30_000);
  });

  test('a recovery code in --code works for one API at a time', async () => {
    const [code] = totp.recoveryCodes;
    assert.ok(code);
    const result = await login('--api', 'studio', '--code', code);
    assert.equal(result.code, 0, result.stderr);
    const again = await login('--api', 'studio', '--code', code);
    assert.equal(again.code, 4, 'used up');
  });

  test('an account whose second factor is a passkey alone: exit 4, saying it needs a browser', async () => {
    const assistant = servers.users.assistant;
    await servers.storage.passkeys.create({
      id: newId('passkey', (n) => crypto.getRandomValues(new Uint8Array(n))),
      userId: assistant.id,
      accountId: assistant.accountId,
      credentialId: 'Y2xpLXRlc3QtcGFzc2tleQ',
      publicKey: 'pQECAyYgASFYIA',
      counter: 0,
      transports: ['internal'],
      name: 'Laptop',
      backedUp: false,
      createdAt: servers.clock.now(),
      lastUsedAt: null,
    });
    const result = await runCli(
      ['login', '--email', assistant.email, '--password-stdin', '--code', '123456'],
      env,
      `${PASSWORD}\n`,
    );
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /passkey, which needs a browser/);
  });
});
