/**
 * The client library's overhead per request against plain `fetch` on the same server, and the
 * proxy's throughput against direct calls. Both APIs run in this process on 127.0.0.1 (SQLite
 * :memory:, rate limits raised); loops are bounded. Prints a markdown table.
 *
 *   npx tsc -b && node bench/dist/src/client-overhead.js [requests=2000] [concurrency=16]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createClient, createProxy, MemoryCookieJar } from '@proofsheet/client';
import { newId } from '@proofsheet/protocol';
import {
  buildApp,
  composeStorage,
  createServices,
  manualClock,
  openSqlite,
  systemRandom,
  testConfig,
} from '@proofsheet/server';

const REQUESTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const PASSWORD = 'correct horse battery staple';

async function startServers() {
  const config = testConfig({
    logLevel: 'silent',
    rateLimitIp: 1_000_000,
    rateLimitSession: 1_000_000,
  });
  const storage = composeStorage(await openSqlite(':memory:'));
  const clock = manualClock();
  const services = createServices({ config, storage, clock, random: systemRandom });
  const accountId = newId('account', systemRandom.bytes);
  await storage.accounts.create({
    id: accountId,
    name: 'Bench Studio',
    subdomain: 'bench',
    plan: 'pro',
    timezone: 'UTC',
    currency: 'USD',
    locale: 'en-US',
    createdAt: clock.now(),
  });
  await storage.users.create({
    id: newId('user', systemRandom.bytes),
    accountId,
    email: 'owner@example.com',
    firstName: 'Owner',
    lastName: 'Bench',
    role: 'owner',
    passwordHash: await services.passwords.hash(PASSWORD),
    createdAt: clock.now(),
  });
  const deps = { config, storage, clock, random: systemRandom, services };
  const studio = await buildApp({ ...deps, api: 'studio' });
  const gallery = await buildApp({ ...deps, api: 'gallery' });
  return {
    studioUrl: await studio.listen({ host: '127.0.0.1', port: 0 }),
    galleryUrl: await gallery.listen({ host: '127.0.0.1', port: 0 }),
    close: async () => {
      await studio.close();
      await gallery.close();
      await storage.close();
    },
  };
}

interface Result {
  name: string;
  requests: number;
  seconds: number;
  latencies: number[];
}

/** Runs `fn` `total` times with `concurrency` workers; records each call's latency. */
async function measure(name: string, total: number, concurrency: number, fn: () => Promise<void>) {
  for (let i = 0; i < 50; i++) await fn(); // warm-up: JIT, sockets
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t = performance.now();
        await fn();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { name, requests: total, seconds: (performance.now() - started) / 1000, latencies };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function row(r: Result, baseline?: Result): string {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  const base = baseline
    ? [...baseline.latencies].reduce((s, x) => s + x, 0) / baseline.latencies.length
    : null;
  const overhead =
    base === null ? '' : `${mean - base >= 0 ? '+' : ''}${((mean - base) * 1000).toFixed(0)} µs`;
  return `| ${r.name} | ${r.requests} | ${(r.requests / r.seconds).toFixed(0)} | ${mean.toFixed(2)} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 99).toFixed(2)} | ${overhead} |`;
}

async function main(): Promise<void> {
  const servers = await startServers();
  const jar = new MemoryCookieJar();
  const options = { studioUrl: servers.studioUrl, galleryUrl: servers.galleryUrl, cookieJar: jar };
  const uncached = createClient({ ...options, cache: false });
  const cached = createClient(options);
  await uncached.login('owner@example.com', PASSWORD, { api: 'studio' });
  for (let i = 0; i < 25; i++) await uncached.studio.clients.create({ first_name: `Client ${i}` });
  const listUrl = `${servers.studioUrl}/api/v1/clients/`;
  const cookie = await jar.getCookieString(listUrl);

  const proxyServer = createServer(createProxy({ client: uncached }));
  await new Promise<void>((resolve) => proxyServer.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}/studio/api/v1/clients/`;

  const plain = async () => {
    const response = await fetch(listUrl, { headers: { cookie, accept: 'application/json' } });
    if (response.status !== 200) throw new Error(`plain fetch got ${response.status}`);
    await response.json();
  };
  const results: Array<[Result, Result | undefined]> = [];
  for (const concurrency of [1, CONCURRENCY]) {
    const base = await measure(`plain fetch (c=${concurrency})`, REQUESTS, concurrency, plain);
    results.push([base, undefined]);
    results.push([
      await measure(`library, cache off (c=${concurrency})`, REQUESTS, concurrency, async () => {
        await uncached.studio.clients.list();
      }),
      base,
    ]);
    results.push([
      await measure(`library, ETag cache (c=${concurrency})`, REQUESTS, concurrency, async () => {
        await cached.studio.clients.list();
      }),
      base,
    ]);
    results.push([
      await measure(`browser → proxy → API (c=${concurrency})`, REQUESTS, concurrency, async () => {
        const response = await fetch(proxyUrl);
        if (response.status !== 200) throw new Error(`proxy got ${response.status}`);
        await response.json();
      }),
      base,
    ]);
  }
  console.log(
    `\nGET /api/v1/clients/ (25 clients), ${REQUESTS} requests per row, Node ${process.version}, server in-process on 127.0.0.1\n`,
  );
  console.log('| Path | Requests | Req/s | Mean ms | p50 ms | p99 ms | Mean vs plain fetch |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [r, base] of results) console.log(row(r, base));
  await new Promise((resolve) => proxyServer.close(resolve));
  await servers.close();
}

await main();
