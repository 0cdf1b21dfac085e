/**
 * Outages: an instance reaches PostgreSQL and Redis through TCP proxies that the test cuts and
 * restores. While a dependency is down, requests get a quick 503 with Retry-After (never a
 * 500 or a hang), /readyz names what is down, and service resumes without a restart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { UserRecord } from '../../src/storage/ports/user-store.js';
import {
  type Backing,
  backingServices,
  type Instance,
  seedUsers,
  startInstance,
} from '../helpers/cluster.js';
import { PASSWORD } from '../helpers/harness.js';
import { HttpAgent } from '../helpers/http-agent.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

/** Generous for a loaded CI machine, yet far below a hung request. */
const BOUND_MS = 5000;

const services = await backingServices();

function viaProxy(url: string, proxy: TcpProxy): string {
  const parsed = new URL(url);
  parsed.port = String(proxy.port);
  return parsed.toString().replace(/\/$/, '');
}

const portOf = (url: string, fallback: number) => Number(new URL(url).port || fallback);

async function waitUntilReady(instance: Instance): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const res = await fetch(`${instance.url}/readyz`);
    if (res.status === 200) return;
    if (Date.now() > deadline) throw new Error(`not ready after 15 s: ${await res.text()}`);
    await sleep(200);
  }
}

describe('dependency outages', { skip: services.skip }, () => {
  let backing: Backing & { drop(): Promise<void> };
  let postgres: TcpProxy;
  let redis: TcpProxy;
  let instance: Instance;
  let user: UserRecord;
  const agent = new HttpAgent();

  before(async () => {
    backing = await services.create();
    postgres = await startTcpProxy(portOf(backing.databaseUrl, 5432));
    redis = await startTcpProxy(portOf(backing.redisUrl, 6379));
    instance = await startInstance({
      ...backing,
      databaseUrl: viaProxy(backing.databaseUrl, postgres),
      redisUrl: viaProxy(backing.redisUrl, redis),
    });
    ({ owner: user } = await seedUsers(instance));
    const res = await agent.request(instance.url, 'POST', '/login', {
      email: user.email,
      password: PASSWORD,
    });
    assert.equal(res.status, 200);
  });
  after(async () => {
    await instance?.close();
    await Promise.all([postgres?.close(), redis?.close()]);
    await backing?.drop();
  });

  async function assertUnavailable(path: string, method = 'GET', body?: unknown) {
    const res = await agent.request(instance.url, method, path, body);
    assert.equal(res.status, 503, `${method} ${path}: ${JSON.stringify(res.body)}`);
    const { error, message } = res.body as { error: string; message: string };
    assert.equal(error, 'Service Unavailable');
    assert.match(message, /retry/);
    assert.ok(Number(res.headers.get('retry-after')) >= 1, 'Retry-After is set');
    assert.ok(res.elapsedMs < BOUND_MS, `answered in ${res.elapsedMs} ms`);
  }

  async function assertReadiness(checks: Record<string, boolean>) {
    const ready = await agent.request(instance.url, 'GET', '/readyz');
    assert.equal(ready.status, 503);
    assert.deepEqual(ready.body, { status: 'unavailable', checks });
    assert.ok(ready.elapsedMs < BOUND_MS);
    const health = await agent.request(instance.url, 'GET', '/healthz');
    assert.equal(health.status, 200, 'the process itself is alive');
    assert.deepEqual(health.body, { status: 'ok', checks });
  }

  it('with Redis down: 503 with Retry-After, /readyz names Redis, then service resumes', async () => {
    assert.equal((await agent.request(instance.url, 'GET', '/api/v1/session')).status, 200);
    await redis.cut();
    await assertUnavailable('/api/v1/session');
    await assertUnavailable('/login', 'POST', { email: user.email, password: PASSWORD });
    await assertReadiness({ postgres: true, blobs: true, redis: false });

    await redis.restore();
    await waitUntilReady(instance);
    const res = await agent.request(instance.url, 'GET', '/api/v1/session');
    assert.equal(res.status, 200, 'the session outlived the outage');
  });

  it('with PostgreSQL down: 503 with Retry-After, /readyz names PostgreSQL, then service resumes', async () => {
    // Warm the client-list cache: with the database gone it must not answer from it, since it
    // cannot tell whether another instance has changed the list.
    assert.equal((await agent.request(instance.url, 'GET', '/api/v1/clients/')).status, 200);
    await postgres.cut();
    await assertUnavailable('/api/v1/clients/');
    await assertUnavailable('/api/v1/session');
    await assertUnavailable('/login', 'POST', { email: user.email, password: PASSWORD });
    await assertReadiness({ postgres: false, blobs: true, redis: true });

    await postgres.restore();
    await waitUntilReady(instance);
    assert.equal((await agent.request(instance.url, 'GET', '/api/v1/session')).status, 200);
    assert.equal((await agent.request(instance.url, 'GET', '/api/v1/clients/')).status, 200);
  });
});
