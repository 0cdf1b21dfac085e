/**
 * The real thing: two `proofsheet-server` processes started at once on one empty PostgreSQL
 * schema and one Redis database, on their own ports. Both come up (migrations and demo seeding
 * do not race), a login on one works on the other, and SIGTERM stops each cleanly.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { HttpAgent } from '../helpers/http-agent.js';
import { MAIN } from '../helpers/server-process.js';
import { postgresService, redisService, type TestSchema } from '../helpers/services.js';

const DEMO_PASSWORD = 'scale-out demo password';
/** A Redis database of its own, since the server uses its default key prefix. */
const REDIS_DB = 9;

const [postgres, redis] = await Promise.all([postgresService(), redisService()]);

interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN, 'start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // A liveness bound, not a speed check: two processes migrating one fresh PostgreSQL schema
  // (and installing pg-boss's tables) at once take a while on a loaded machine.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const match = /Studio API:\s+(http:\/\/\S+)/.exec(output);
    if (match?.[1]) return { child, url: match[1], output: () => output };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('separate server processes', { skip: postgres.skip || redis.skip }, () => {
  let schema: TestSchema;
  let servers: ServerProcess[] = [];
  let redisUrl: string;

  before(async () => {
    schema = await postgres.createSchema();
    const url = new URL(redis.url);
    url.pathname = `/${REDIS_DB}`;
    redisUrl = url.toString();
    const database = new URL(schema.url);
    database.searchParams.set('options', `-c search_path=${schema.schema}`);
    const env = {
      DATABASE_URL: database.toString(),
      REDIS_URL: redisUrl,
      PROOFSHEET_STUDIO_PORT: '0',
      PROOFSHEET_GALLERY_PORT: '0',
      PROOFSHEET_DEMO_PASSWORD: DEMO_PASSWORD,
      // Drawing the demo's photos would only compete with the start-up this test waits for.
      PROOFSHEET_DEMO_PHOTOS: 'false',
      PROOFSHEET_LOG_LEVEL: 'info',
    };
    servers = await Promise.all([startServer(env), startServer(env)]);
  });

  after(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await schema?.drop();
    if (!redisUrl) return;
    const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const keys = await client.keys('proofsheet:*');
      if (keys.length > 0) await client.del(...keys);
    } finally {
      client.disconnect();
    }
  });

  it('both come up, and exactly one seeded the demo studio', () => {
    const seeded = servers.filter((s) => s.output().includes('Demo accounts'));
    assert.equal(seeded.length, 1);
  });

  it('a login on one process works on the other; a logout there ends it here', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const agent = new HttpAgent();
    const login = await agent.request(a.url, 'POST', '/login', {
      email: 'owner@demo.proofsheet.test',
      password: DEMO_PASSWORD,
    });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal((await agent.request(b.url, 'GET', '/api/v1/session')).status, 200);
    const copy = agent.clone();
    assert.equal((await agent.request(b.url, 'POST', '/logout')).status, 200);
    assert.equal((await copy.request(a.url, 'GET', '/api/v1/session')).status, 401);
  });

  it('SIGTERM stops each process cleanly; the JSON logs carry request ids and no secret', async () => {
    for (const server of servers) {
      const exited = once(server.child, 'exit');
      server.child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0, server.output());
      assert.match(server.output(), /shutting down/);
      // Request logs carry ids, methods and paths; never cookies or tokens.
      assert.doesNotMatch(server.output(), /session_cookie=|auth_token=|set-cookie|x-csrf-token/i);
      assert.match(server.output(), /"reqId":/);
    }
  });
});
