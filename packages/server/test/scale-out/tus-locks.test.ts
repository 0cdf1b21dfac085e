/**
 * Two Gallery API instances over one PostgreSQL, one Redis and one upload directory (as they
 * would share S3), driven over real HTTP: requests for one tus upload take turns through leases
 * in Redis, whichever instance they reach.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Photo } from '@proofsheet/protocol';
import type { Redis } from 'ioredis';
import sharp from 'sharp';
import { closeRedis, connectRedis } from '../../src/storage/redis/redis-client.js';
import {
  type Backing,
  backingServices,
  type Instance,
  seedUsers,
  startInstance,
} from '../helpers/cluster.js';
import { type Credentials, login } from '../helpers/harness.js';

const services = await backingServices();

function noiseJpeg(): Promise<Buffer> {
  const [width, height] = [1600, 1200];
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('tus uploads across instances', { skip: services.skip }, () => {
  let backing: Backing & { drop(): Promise<void> };
  let dataDir: string;
  let a: Instance;
  let b: Instance;
  let redis: Redis;
  let owner: Credentials;
  let galleryId: number;
  let jpeg: Buffer;

  before(async () => {
    backing = await services.create();
    dataDir = mkdtempSync(join(tmpdir(), 'proofsheet-tus-cluster-'));
    a = await startInstance(backing, { dataDir }, { api: 'gallery' });
    b = await startInstance(backing, { dataDir }, { api: 'gallery' });
    redis = await connectRedis(backing.redisUrl);
    const users = await seedUsers(a);
    owner = await login(a.app, users.owner.email);
    const collection = await a.app.inject({
      method: 'POST',
      url: '/api/v1/collections',
      headers: owner.headers,
      payload: { name: 'Two instances' },
    });
    const collectionId = collection.json<{ data: { id: number } }>().data.id;
    const gallery = await a.app.inject({
      method: 'POST',
      url: `/api/v1/collections/${collectionId}/galleries`,
      headers: owner.headers,
      payload: { name: 'All' },
    });
    galleryId = gallery.json<{ data: { id: number } }>().data.id;
    jpeg = await noiseJpeg();
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close(), redis && closeRedis(redis)]);
    await backing?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const tusHeaders = () => ({ ...owner.headers, 'tus-resumable': '1.0.0' });

  /** Creates an upload of the JPEG on `on`: its URL path. */
  async function create(on: Instance, name: string): Promise<string> {
    const res = await fetch(`${on.url}/api/v1/uploads`, {
      method: 'POST',
      headers: {
        ...tusHeaders(),
        'upload-length': String(jpeg.length),
        'upload-metadata': `gallery_id ${b64(String(galleryId))},filename ${b64(name)}`,
      },
    });
    assert.equal(res.status, 201, await res.text());
    return res.headers.get('location') ?? '';
  }

  function patch(on: Instance, path: string, offset: number, bytes: Buffer): Promise<Response> {
    return fetch(`${on.url}${path}`, {
      method: 'PATCH',
      headers: {
        ...tusHeaders(),
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: bytes,
    });
  }

  async function offsetOf(on: Instance, path: string): Promise<number> {
    const res = await fetch(`${on.url}${path}`, { method: 'HEAD', headers: tusHeaders() });
    assert.equal(res.status, 200);
    return Number(res.headers.get('upload-offset'));
  }

  const lockKey = (path: string) => `${backing.keyPrefix}lock:tus:${path.split('/').pop()}`;

  it('a PATCH on B while A is writing waits for A to finish, and never interleaves', async () => {
    const path = await create(a, 'slow.jpg');
    // A's PATCH sends a first part and then stalls, holding the upload's lock.
    let aEnded = 0;
    const slow = request(`${a.url}${path}`, {
      method: 'PATCH',
      headers: {
        ...tusHeaders(),
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
    });
    const aDone = new Promise<void>((resolve) => {
      const end = () => {
        aEnded ||= Date.now();
        resolve();
      };
      slow.on('response', (res) => {
        res.resume();
        res.on('end', end);
      });
      slow.on('error', end);
      slow.on('close', end);
    });
    slow.write(jpeg.subarray(0, 256 * 1024));
    await sleep(300);
    assert.equal(await redis.exists(lockKey(path)), 1, 'A holds the lock');
    // B's PATCH claims the start of the upload too: were it let in, the bytes would interleave.
    const bRes = await patch(b, path, 0, jpeg);
    const bEnded = Date.now();
    await aDone;
    slow.destroy();
    assert.ok(aEnded > 0 && aEnded <= bEnded, 'B was answered only after A was done');
    const written = await offsetOf(b, path);
    assert.equal(bRes.status, written === 0 ? 204 : 409, `B got ${bRes.status} at ${written}`);
    // Resuming on B from what the server holds gives the very bytes sent.
    const offset = await offsetOf(b, path);
    const last = await patch(b, path, offset, jpeg.subarray(offset));
    assert.equal(last.status, 200);
    const photo = ((await last.json()) as { data: Photo }).data;
    assert.equal(photo.sha256, createHash('sha256').update(jpeg).digest('hex'));
  });

  it('the lock is released when the request ends: the other instance goes straight in', async () => {
    const path = await create(a, 'quick.jpg');
    assert.equal((await patch(a, path, 0, jpeg.subarray(0, 100_000))).status, 204);
    assert.equal(await redis.exists(lockKey(path)), 0);
    const started = Date.now();
    assert.equal((await patch(b, path, 100_000, jpeg.subarray(100_000, 200_000))).status, 204);
    assert.ok(Date.now() - started < 1000, 'no wait for a lock');
    assert.equal(await offsetOf(a, path), 200_000);
  });

  it('a lock left by an instance that died expires, and the upload goes on', async () => {
    const path = await create(a, 'orphan.jpg');
    // What a crashed instance leaves: its lease, which nobody renews any more.
    await redis.set(lockKey(path), 'crashed-instance', 'PX', 1500);
    const started = Date.now();
    const res = await patch(b, path, 0, jpeg.subarray(0, 50_000));
    const waited = Date.now() - started;
    assert.equal(res.status, 204);
    assert.ok(waited >= 1000, `waited only ${waited} ms`);
    assert.equal(await offsetOf(a, path), 50_000);
  });
});
