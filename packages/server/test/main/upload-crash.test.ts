/**
 * `kill -9` of the real server (the built `proofsheet-server`, over SQLite and files) during
 * an upload and during processing: no acknowledged photo is lost, a photo interrupted while
 * processing is finished after a restart, and no orphan blob survives a reconciliation.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import sharp from 'sharp';
import { MAIN, type RunningServer, startServer } from '../helpers/server-process.js';

const run = promisify(execFile);
const PASSWORD = 'demo-password-crash';

/** Reads the server's database beside it (WAL lets a reader in while the server writes). */
function query<T>(dataDir: string, sql: string): T[] {
  const db = new BetterSqlite3(join(dataDir, 'proofsheet.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

/** The owner's cookie and CSRF token on the Gallery API, and a gallery to upload into. */
async function signIn(server: RunningServer) {
  const res = await fetch(`${server.galleryUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@demo.proofsheet.test', password: PASSWORD }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = ((await res.json()) as { data: { csrf_token: string } }).data.csrf_token;
  const collections = await fetch(`${server.galleryUrl}/api/v1/collections`, {
    headers: { cookie },
  });
  const [collection] = ((await collections.json()) as { data: Array<{ id: number }> }).data;
  const galleries = await fetch(
    `${server.galleryUrl}/api/v1/collections/${collection?.id}/galleries`,
    { headers: { cookie } },
  );
  const [gallery] = ((await galleries.json()) as { data: Array<{ id: number }> }).data;
  assert.ok(gallery, 'the demo studio has a gallery');
  return { cookie, csrf, galleryId: gallery.id };
}

function formHead(boundary: string, filename: string): Buffer {
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
}

/** Uploads `bytes` in one request and answers the photo id of the 201. */
async function uploadPhoto(
  server: RunningServer,
  who: { cookie: string; csrf: string; galleryId: number },
  bytes: Buffer,
  filename: string,
): Promise<number> {
  const boundary = `crash${randomBytes(6).toString('hex')}`;
  const body = Buffer.concat([
    formHead(boundary, filename),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await fetch(`${server.galleryUrl}/api/v1/galleries/${who.galleryId}/photos`, {
    method: 'POST',
    headers: {
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body,
  });
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return (JSON.parse(text) as { data: { id: number } }).data.id;
}

/** Files under the blob store's `tmp/`: uploads in progress, or left by a killed one. */
function spooled(dataDir: string): string[] {
  const dir = join(dataDir, 'blobs', 'tmp');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.part')) : [];
}

/** The data files in the blob store (64 hex digits), wherever they are sharded. */
function storedBlobs(dataDir: string): string[] {
  const root = join(dataDir, 'blobs');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => /(^|\/)[0-9a-f]{64}$/.test(f))
    .map((f) => f.slice(-64));
}

function kill(server: RunningServer): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

/** A photo of 3 megapixels: big enough that rendering its sizes is not instant. */
async function bigJpeg(seed: number): Promise<Buffer> {
  const width = 2000;
  const height = 1500;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] =
      (Math.floor((i % (width * 3)) / 31) + Math.floor(i / (width * 3) / 17) + seed) % 256;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

describe('kill -9 of the server', () => {
  const dirs: string[] = [];
  const servers: RunningServer[] = [];
  after(async () => {
    await Promise.all(servers.map(kill));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function start(dataDir: string, env: Record<string, string> = {}) {
    const server = await startServer({
      PROOFSHEET_DATA_DIR: dataDir,
      PROOFSHEET_DEMO_PASSWORD: PASSWORD,
      // The demo's photos would be stored in the background while the test counts blobs.
      PROOFSHEET_DEMO_PHOTOS: 'false',
      ...env,
    });
    servers.push(server);
    return server;
  }

  it('during an upload leaves no photo, and reconciliation leaves no orphan', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'proofsheet-crash-upload-'));
    dirs.push(dataDir);
    const server = await start(dataDir);
    const who = await signIn(server);
    const photosBefore = query<{ n: number }>(dataDir, 'select count(*) as n from photos')[0]?.n;
    const blobsBefore = storedBlobs(dataDir);

    // A large upload, sent in part: the server has started spooling it when it is killed.
    const boundary = 'killedupload';
    const upload = request(`${server.galleryUrl}/api/v1/galleries/${who.galleryId}/photos`, {
      method: 'POST',
      headers: {
        cookie: who.cookie,
        'x-csrf-token': who.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(20 * 1024 * 1024),
      },
    });
    upload.on('error', () => {});
    upload.write(formHead(boundary, 'killed.jpg'));
    upload.write(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2 * 1024 * 1024)]),
    );
    await until('the upload is spooling', () => spooled(dataDir).length === 1);
    await kill(server);
    upload.destroy();

    assert.equal(
      query<{ n: number }>(dataDir, 'select count(*) as n from photos')[0]?.n,
      photosBefore,
      'no photo row for an upload that never finished',
    );
    assert.deepEqual(storedBlobs(dataDir), blobsBefore, 'no blob for it either');
    assert.equal(spooled(dataDir).length, 1, 'only its spool file is left');

    const { stdout } = await run(process.execPath, [MAIN, 'reconcile'], {
      env: { ...process.env, PROOFSHEET_DATA_DIR: dataDir, PROOFSHEET_ORPHAN_GRACE: '0s' },
    });
    assert.match(stdout, /unfinished uploads deleted:\s+1/);
    assert.deepEqual(spooled(dataDir), []);
    const referenced = new Set(
      query<{ sha256: string }>(dataDir, 'select sha256 from photo_blobs').map((r) => r.sha256),
    );
    for (const blob of storedBlobs(dataDir))
      assert.ok(referenced.has(blob), `${blob} is a photo's`);
  });

  it('during processing loses no acknowledged photo, and a restart finishes them all', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'proofsheet-crash-process-'));
    dirs.push(dataDir);
    const server = await start(dataDir, { PROOFSHEET_PHOTO_WORKERS: '1' });
    const who = await signIn(server);
    const acknowledged: number[] = [];
    for (let i = 0; i < 3; i++) {
      acknowledged.push(await uploadPhoto(server, who, await bigJpeg(i), `big-${i}.jpg`));
    }
    await until('a photo is being processed', () =>
      query<{ n: number }>(dataDir, "select count(*) as n from jobs where state = 'running'").some(
        (r) => r.n > 0,
      ),
    );
    await kill(server);

    const rows = query<{ id: number; status: string }>(
      dataDir,
      `select id, status from photos where id in (${acknowledged.join(',')})`,
    );
    assert.equal(rows.length, acknowledged.length, 'every photo answered 201 is there');
    assert.ok(
      rows.some((r) => r.status === 'processing'),
      'the kill came while one was processing',
    );

    // The restart's reconciliation queues what was interrupted; the worker finishes them.
    const restarted = await start(dataDir, { PROOFSHEET_PHOTO_WORKERS: '1' });
    await until(
      'every photo is ready',
      () =>
        query<{ status: string }>(
          dataDir,
          `select status from photos where id in (${acknowledged.join(',')})`,
        ).every((r) => r.status === 'ready'),
      120_000,
    );
    await restarted.stop();
    const blobs = new Set(storedBlobs(dataDir));
    for (const row of query<{ sha256: string }>(dataDir, 'select sha256 from photo_blobs')) {
      assert.ok(blobs.has(row.sha256), `blob ${row.sha256} of a photo is stored`);
    }
  });
});
