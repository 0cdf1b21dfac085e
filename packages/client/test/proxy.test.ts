import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createClient, createProxy } from '../src/index.js';
import { PASSWORD, type Servers, startServers } from './helpers/servers.js';

describe('proxy over real sockets', () => {
  let servers: Servers;
  let proxy: Server;
  let base: string;
  const upstreamHeaders: Array<Record<string, string>> = [];

  before(async () => {
    servers = await startServers();
    const client = createClient({
      studioUrl: servers.studioUrl,
      galleryUrl: servers.galleryUrl,
      credentials: { email: servers.users.owner.email, password: PASSWORD },
      validateResponses: true,
      fetch: (input, init) => {
        upstreamHeaders.push({ ...(init?.headers as Record<string, string>) });
        return fetch(input, init);
      },
    });
    await client.login(servers.users.owner.email, PASSWORD);
    proxy = createServer(
      createProxy({ client, allowedOrigins: ['https://app.example.com'], bodyLimit: 2048 }),
    );
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await servers.close();
  });

  test('a GET is forwarded with the server-side session and the browser cookie stays behind', async () => {
    upstreamHeaders.length = 0;
    const response = await fetch(`${base}/studio/api/v1/clients/?per_page=5`, {
      headers: { cookie: 'session_cookie=from-the-browser; tracker=1' },
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { data: unknown[]; meta: { per_page: number } };
    assert.equal(body.meta.per_page, 5);
    assert.equal(response.headers.get('set-cookie'), null);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.ok(upstreamHeaders.length > 0);
    for (const h of upstreamHeaders)
      assert.ok(!String(h.cookie ?? '').includes('from-the-browser'));
  });

  test('a refresh upstream never leaks Set-Cookie or upstream cookies to the browser', async () => {
    servers.clock.advance(servers.config.sessionIdleMs + 1000);
    const before = servers.rotations();
    const response = await fetch(`${base}/gallery/api/v1/data/bootstrap`);
    assert.equal(response.status, 200);
    assert.equal(servers.rotations() - before, 1);
    assert.equal(response.headers.get('set-cookie'), null);
    const text = await response.text();
    assert.ok(!text.includes('session_cookie') && !text.includes('auth_token'));
  });

  test('an unsafe request without the proof header is refused; with it, created (CSRF added)', async () => {
    const payload = JSON.stringify({ first_name: 'Proxy' });
    const headers = { 'content-type': 'application/json' };
    const refused = await fetch(`${base}/studio/api/v1/clients/`, {
      method: 'POST',
      headers,
      body: payload,
    });
    assert.equal(refused.status, 403);
    const created = await fetch(`${base}/studio/api/v1/clients/`, {
      method: 'POST',
      headers: { ...headers, 'x-proofsheet-proxy': '1' },
      body: payload,
    });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('set-cookie'), null);
  });

  test('origins outside the allow-list are refused; allowed ones get CORS headers', async () => {
    const evil = await fetch(`${base}/studio/api/v1/clients/`, {
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(evil.status, 403);
    const good = await fetch(`${base}/studio/api/v1/clients/`, {
      headers: { origin: 'https://app.example.com' },
    });
    assert.equal(good.status, 200);
    assert.equal(good.headers.get('access-control-allow-origin'), 'https://app.example.com');
    const preflight = await fetch(`${base}/studio/api/v1/clients/`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 403);
  });

  test('a path with dot segments cannot climb out of the API', async () => {
    for (const path of ['/studio/api/v1/../../logout', '/studio/api/v1/%2e%2e/%2E%2E/logout']) {
      // A path given as an option goes out as written; a URL (or fetch) would be normalised first.
      const status = await new Promise<number>((resolve, reject) => {
        const { hostname, port } = new URL(base);
        const req = httpRequest(
          { hostname, port, path, method: 'POST', headers: { 'x-proofsheet-proxy': '1' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      assert.equal(status, 400, path);
    }
    const stillSignedIn = await fetch(`${base}/studio/api/v1/session`);
    assert.equal(stillSignedIn.status, 200);
  });

  test('a body over the limit gets 413', async () => {
    const response = await fetch(`${base}/studio/api/v1/clients/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-proofsheet-proxy': '1' },
      body: JSON.stringify({ first_name: 'x'.repeat(4096) }),
    });
    assert.equal(response.status, 413);
  });

  test('upstream errors pass through with their status and body', async () => {
    const response = await fetch(`${base}/studio/api/v1/clients/cl_${'A'.repeat(30)}`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: string };
    assert.equal(body.error, 'Not Found');
    const other = await fetch(`${base}/elsewhere`);
    assert.equal(other.status, 404);
  });
});
