// Regression (security review, defect 13): `proofsheet login` without a URL used the public
// Pixieset hosts, so a self-hoster who forgot the URL sent a password to a third party.
import assert from 'node:assert/strict';
import { access, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from './helpers/run-cli.js';
import { PASSWORD, type Servers, startServers } from './helpers/servers.js';

const USAGE = 2;

describe('no default host', () => {
  let servers: Servers;

  before(async () => {
    servers = await startServers();
  });
  after(async () => {
    await servers.close();
  });

  const configHome = () => mkdtemp(join(tmpdir(), 'proofsheet-nohost-'));
  // A wrong password where no server should be reached: were this to regress, no real
  // password would leave the machine.
  const login = (env: NodeJS.ProcessEnv, flags: string[] = [], password = 'not-the-password') =>
    runCli(
      ['login', '--email', servers.users.owner.email, '--password-stdin', ...flags],
      { NO_COLOR: '1', ...env },
      `${password}\n`,
    );

  test('login with no URL anywhere exits 2, naming both flags and variables; nothing is written', async () => {
    const home = await configHome();
    const result = await login({ XDG_CONFIG_HOME: home });
    assert.equal(result.code, USAGE, result.stderr);
    assert.equal(
      result.stderr,
      'error: no Studio API URL and no Gallery API URL given: pass --studio-url <url> and ' +
        '--gallery-url <url>, or set PROOFSHEET_STUDIO_URL and PROOFSHEET_GALLERY_URL ' +
        '(there is no default host; after a login, later commands reuse its hosts)\n',
    );
    await assert.rejects(access(join(home, 'proofsheet')), 'no config directory was written');
  });

  test('one missing URL is named alone; a variable set to "" counts as missing', async () => {
    const result = await login({
      XDG_CONFIG_HOME: await configHome(),
      PROOFSHEET_STUDIO_URL: servers.studioUrl,
      PROOFSHEET_GALLERY_URL: '',
    });
    assert.equal(result.code, USAGE, result.stderr);
    assert.match(
      result.stderr,
      /^error: no Gallery API URL given: pass --gallery-url <url>, or set PROOFSHEET_GALLERY_URL \(/,
    );
    assert.doesNotMatch(result.stderr, /Studio/);
  });

  test('after a login with --studio-url and --gallery-url, later commands use its hosts', async () => {
    const home = await configHome();
    const flags = ['--studio-url', servers.studioUrl, '--gallery-url', servers.galleryUrl];
    const first = await login({ XDG_CONFIG_HOME: home }, flags, PASSWORD);
    assert.equal(first.code, 0, first.stderr);
    const hosts = JSON.parse(await readFile(join(home, 'proofsheet', 'hosts.json'), 'utf8'));
    assert.equal(hosts.studioUrl, servers.studioUrl);

    const status = await runCli(['status', '--json'], { XDG_CONFIG_HOME: home });
    assert.equal(status.code, 0, status.stderr);
    const rows = JSON.parse(status.stdout) as Array<{ host: string; logged_in: boolean }>;
    assert.deepEqual(
      rows.map((r) => [r.host, r.logged_in]),
      [
        [servers.studioUrl, true],
        [servers.galleryUrl, true],
      ],
    );
  });
});
