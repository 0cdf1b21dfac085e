import assert from 'node:assert/strict';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@proofsheet/protocol';
import { runCli } from './helpers/run-cli.js';
import { PASSWORD, type Servers, startServers } from './helpers/servers.js';

describe('proofsheet CLI against the real server', () => {
  let servers: Servers;
  let env: NodeJS.ProcessEnv;
  let configHome: string;

  before(async () => {
    servers = await startServers();
    configHome = await mkdtemp(join(tmpdir(), 'proofsheet-cli-'));
    env = {
      XDG_CONFIG_HOME: configHome,
      PROOFSHEET_STUDIO_URL: servers.studioUrl,
      PROOFSHEET_GALLERY_URL: servers.galleryUrl,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await servers.close();
  });

  test('a command before login exits 4 and says to log in', async () => {
    const result = await runCli(['clients', 'list'], env);
    assert.equal(result.code, 4, result.stderr);
    assert.match(result.stderr, /proofsheet login/);
  });

  test('login with --password-stdin stores 0600 files in a 0700 directory', async () => {
    const result = await runCli(
      ['login', '--email', servers.users.owner.email, '--password-stdin'],
      env,
      `${PASSWORD}\n`,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Logged in as owner@example\.com/);
    const dir = join(configHome, 'proofsheet');
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    assert.equal((await stat(join(dir, 'cookies.json'))).mode & 0o777, 0o600);
    assert.equal((await stat(join(dir, 'hosts.json'))).mode & 0o777, 0o600);
    assert.ok(!(await readFile(join(dir, 'hosts.json'), 'utf8')).includes(PASSWORD));
  });

  test('create, list, update, get and delete a client with --json', async () => {
    const created = await runCli(
      [
        'clients',
        'create',
        '--first-name',
        'Ada',
        '--last-name',
        'Lovelace',
        '--type',
        'lead',
        '--json',
      ],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
    const client = JSON.parse(created.stdout) as Client;
    assert.equal(client.type, 'lead');

    const listed = await runCli(['clients', 'list', '--type', 'lead', '--json'], env);
    assert.equal(listed.code, 0, listed.stderr);
    const page = JSON.parse(listed.stdout) as { data: Client[] };
    assert.ok(page.data.some((c) => c.id === client.id));

    const updated = await runCli(
      ['clients', 'update', client.id, '--company', 'Engines Ltd', '--json'],
      env,
    );
    assert.equal(updated.code, 0, updated.stderr);
    assert.equal((JSON.parse(updated.stdout) as Client).company, 'Engines Ltd');

    const csv = await runCli(['clients', 'list', '--all', '--csv'], env);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout, /^ID,NAME,EMAIL,TYPE,STATUS,COMPANY\n/);
    assert.match(csv.stdout, /Ada Lovelace,,lead,Active,Engines Ltd/);
    assert.equal(csv.stderr, '', 'no progress bar when stderr is not a terminal');

    const deleted = await runCli(['clients', 'delete', client.id], env);
    assert.equal(deleted.code, 0, deleted.stderr);
    const gone = await runCli(['clients', 'get', client.id], env);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /404 Not Found: GET .*\/api\/v1\/clients\/cl_/);
  });

  test('an idle-expired session is refreshed and the new cookies are saved', async () => {
    servers.clock.advance(servers.config.sessionIdleMs + 1000);
    const before = servers.rotations();
    const first = await runCli(['clients', 'list', '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    const second = await runCli(['notifications', '--json'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(servers.rotations() - before, 1, 'the second run used the saved session');
  });

  test('api METHOD PATH calls any endpoint with CSRF added', async () => {
    const result = await runCli(
      ['api', 'POST', '/api/v1/clients/', '--data', '{"first_name":"Raw"}'],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { data: Client }).data.first_name, 'Raw');
    const gallery = await runCli(['api', 'GET', '/api/v1/data/bootstrap', '--gallery'], env);
    assert.equal(gallery.code, 0, gallery.stderr);
    assert.match(gallery.stdout, /"workspace"/);
  });

  test('status shows who and until when; usage errors exit 2; --help has examples', async () => {
    const status = await runCli(['status', '--json'], env);
    assert.equal(status.code, 0, status.stderr);
    const rows = JSON.parse(status.stdout) as Array<{ logged_in: boolean; email?: string }>;
    assert.ok(rows.every((r) => r.logged_in && r.email === servers.users.owner.email));
    assert.equal((await runCli(['clients', 'list', '--type', 'friend'], env)).code, 2);
    assert.equal((await runCli(['clients', 'frobnicate'], env)).code, 2);
    const help = await runCli(['clients', 'list', '--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Examples:\n {2}\$ proofsheet clients list/);
  });

  test('logout ends the session; then commands exit 4', async () => {
    const out = await runCli(['logout'], env);
    assert.equal(out.code, 0, out.stderr);
    const after = await runCli(['status'], env);
    assert.equal(after.code, 4);
  });
});
