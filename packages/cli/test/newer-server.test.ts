// A newer server may add fields. The CLI must keep working against it (response checks are off
// by default) and report the difference when PROOFSHEET_VALIDATE_RESPONSES=1 asks it to.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from './helpers/run-cli.js';

const ID = (prefix: string) => `${prefix}_${'0'.repeat(29)}1`;
const AT = '2026-01-15T10:30:00.000Z';

/** `GET /api/v1/session` as a future server might answer it: one field more. */
const SESSION = {
  data: {
    user: {
      id: ID('us'),
      email: 'owner@example.com',
      first_name: 'Owner',
      last_name: 'Tester',
      role: 'owner',
      account_id: ID('ac'),
    },
    role: 'owner',
    session: {
      id: ID('lg'),
      current: true,
      created_at: AT,
      last_seen_at: AT,
      expires_at: AT,
      idle_expires_at: AT,
      refresh_expires_at: AT,
      user_agent: null,
      ip: null,
    },
    expires_at: AT,
    idle_expires_at: AT,
    csrf_token: 't',
    mfa_enabled: false,
  },
};

describe('a server newer than the CLI', () => {
  let server: Server;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(SESSION));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    env = {
      XDG_CONFIG_HOME: await mkdtemp(join(tmpdir(), 'proofsheet-newer-')),
      PROOFSHEET_STUDIO_URL: url,
      PROOFSHEET_GALLERY_URL: url,
      NO_COLOR: '1',
    };
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('an unknown field does not break a command by default', async () => {
    const result = await runCli(['status'], { ...env, PROOFSHEET_VALIDATE_RESPONSES: '' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /logged in as owner@example\.com \(owner\)/);
  });

  test('PROOFSHEET_VALIDATE_RESPONSES=1 reports it, naming the path and the field', async () => {
    const result = await runCli(['status'], { ...env, PROOFSHEET_VALIDATE_RESPONSES: '1' });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^error: Response of GET \/api\/v1\/session does not match CurrentSession: data\.mfa_enabled is an unknown field \(got false\);/,
    );
  });
});
