// Regression: `proofsheet login </dev/null` printed "Email: " and exited 13 (Node's "unsettled
// top-level await") without a word, because the prompt waited forever on a closed stdin.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from './helpers/run-cli.js';
import { PASSWORD, type Servers, startServers } from './helpers/servers.js';

const USAGE = 2;

describe('login with stdin closed before an answer', () => {
  let servers: Servers;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    servers = await startServers();
    env = {
      XDG_CONFIG_HOME: await mkdtemp(join(tmpdir(), 'proofsheet-stdin-')),
      PROOFSHEET_STUDIO_URL: servers.studioUrl,
      PROOFSHEET_GALLERY_URL: servers.galleryUrl,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await servers.close();
  });

  const noEmail =
    /^Email: \nerror: no email given: stdin closed before an answer; pass --email <email>, or run `proofsheet login` in a terminal\n$/;

  test('login </dev/null says no email was given and how to give one, and exits 2', async () => {
    const result = await runCli(['login'], env, null);
    assert.equal(result.code, USAGE, result.stderr);
    assert.match(result.stderr, noEmail);
    assert.equal(result.stdout, '');
  });

  test('login with stdin a pipe closed at once: the same message, exit 2', async () => {
    const result = await runCli(['login'], env, '');
    assert.equal(result.code, USAGE, result.stderr);
    assert.match(result.stderr, noEmail);
  });

  test('a last line without a newline still answers the email prompt', async () => {
    const result = await runCli(['login'], env, servers.users.owner.email);
    assert.equal(result.code, USAGE, result.stderr);
    assert.doesNotMatch(result.stderr, /no email given/);
    assert.match(result.stderr, /error: no password given: stdin is not a terminal/);
  });

  test('login --email E </dev/null: no terminal for the password prompt, exit 2', async () => {
    const result = await runCli(['login', '--email', servers.users.owner.email], env, null);
    assert.equal(result.code, USAGE, result.stderr);
    assert.equal(
      result.stderr,
      'error: no password given: stdin is not a terminal to prompt on; pipe the password in with --password-stdin\n',
    );
  });

  test('login --password-stdin </dev/null: the empty stdin is named, with how to pipe it', async () => {
    const result = await runCli(
      ['login', '--email', servers.users.owner.email, '--password-stdin'],
      env,
      null,
    );
    assert.equal(result.code, USAGE, result.stderr);
    assert.match(
      result.stderr,
      /^error: no password given: stdin was empty; pipe it in, e\.g\. echo/,
    );
  });

  test('--password-stdin without --email is refused: stdin carries the password', async () => {
    const result = await runCli(['login', '--password-stdin'], env, `${PASSWORD}\n`);
    assert.equal(result.code, USAGE, result.stderr);
    assert.match(result.stderr, /^error: no email given: with --password-stdin, stdin carries/);
  });

  test('none of them logged in', async () => {
    const status = await runCli(['status'], env);
    assert.equal(status.code, 4, status.stderr);
  });
});
