// Regression: `proofsheet … | head -1` printed an unhandled EPIPE stack trace (exit 1) when the
// reader closed stdout before the CLI had written everything.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient } from '@proofsheet/client';
import { type CliResult, collect, runCli, spawnCli } from './helpers/run-cli.js';
import { PASSWORD, type Servers, startServers } from './helpers/servers.js';

/** A pipe holds 64 KiB on Linux: output several times that is sure to outlast the reader. */
const PIPE_BUFFER = 64 * 1024;

/** Runs the CLI with stdout read like `head -1` does: the first line, then close. */
async function headOne(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawnCli(args, env);
  let seen = '';
  child.stdout.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
    if (seen.includes('\n')) child.stdout.destroy();
  });
  const result: CliResult = await collect(child);
  return { ...result, firstLine: seen.split('\n')[0] ?? '' };
}

describe('a reader that closes stdout early', () => {
  let servers: Servers;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    servers = await startServers();
    env = {
      XDG_CONFIG_HOME: await mkdtemp(join(tmpdir(), 'proofsheet-epipe-')),
      PROOFSHEET_STUDIO_URL: servers.studioUrl,
      PROOFSHEET_GALLERY_URL: servers.galleryUrl,
      NO_COLOR: '1',
    };
    // Wide rows, so that both the table and the JSON are far bigger than a pipe's buffer.
    const seed = createClient({
      studioUrl: servers.studioUrl,
      galleryUrl: servers.galleryUrl,
      validateResponses: true,
    });
    await seed.login(servers.users.owner.email, PASSWORD, { api: 'studio' });
    for (let batch = 0; batch < 24; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          seed.studio.clients.create({
            first_name: 'f'.repeat(100),
            email: `${batch}-${i}-${'e'.repeat(56)}@${'d'.repeat(63)}.${'d'.repeat(63)}.example`,
            last_name: 'l'.repeat(100),
            company: 'c'.repeat(200),
            notes: 'n'.repeat(200),
          }),
        ),
      );
    }
    const login = await runCli(
      ['login', '--email', servers.users.owner.email, '--password-stdin'],
      env,
      `${PASSWORD}\n`,
    );
    assert.equal(login.code, 0, login.stderr);
  });
  after(async () => {
    await servers.close();
  });

  for (const [format, args, header] of [
    ['a table (many writes)', ['clients', 'list', '--all'], /^ID +NAME +EMAIL/],
    ['JSON (one large write)', ['clients', 'list', '--all', '--json'], /^\[$/],
  ] as const) {
    test(`${format}: the CLI exits 0 with nothing on stderr, no EPIPE stack trace`, async () => {
      const whole = await runCli([...args], env);
      assert.equal(whole.code, 0, whole.stderr);
      assert.ok(whole.stdout.length > 2 * PIPE_BUFFER, `only ${whole.stdout.length} bytes`);

      const result = await headOne([...args], env);
      assert.match(result.firstLine, header);
      assert.equal(result.stderr, '');
      assert.equal(result.signal, null);
      assert.equal(result.code, 0);
    });
  }
});
