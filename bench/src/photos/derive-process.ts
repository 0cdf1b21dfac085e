/**
 * Derivative throughput, in a process of its own: `node derive-process.js <pipeline|sharp>
 * <count> <file>...`, forked by the suite, which answers `{ ms: number[] }` over IPC (the
 * wall-clock time of each photo) and exits.
 *
 * - `pipeline`: the photos are uploaded (untimed) into a Gallery API on a temporary SQLite
 *   file with a file blob store, then each goes through `processStoredPhoto` as a photo worker
 *   runs it: original read from the blob store, metadata, one decode, the six renderings and
 *   the placeholder, six blob puts (fsynced), `markReady` in SQLite.
 * - `sharp`: the same sizes with sharp alone, in a loop: decode once, auto-rotated, at the
 *   largest size (as the pipeline does, the fastest way sharp offers), then 400, 1600 and 2560
 *   as WebP q80 and mozjpeg q82, kept in memory.
 *
 * Both set `sharp.concurrency` to the server's default `PROOFSHEET_PHOTO_THREADS`, and render
 * one photo at a time, as one photo worker does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PHOTO_SIZES } from '@proofsheet/protocol';
import sharp from 'sharp';
import { BENCH_USER } from '../fixtures.js';
import { loadServer } from '../server-modules.js';
import { seedStudio } from '../targets/proofsheet.js';

const LARGEST = Math.max(...Object.values(PHOTO_SIZES));

async function sharpAlone(original: Buffer): Promise<number> {
  // A fresh copy, as the pipeline reads a fresh buffer from the blob store: libvips' operation
  // cache cannot answer from the previous photo.
  const { data, info } = await sharp(Buffer.from(original))
    .autoOrient()
    .resize({ width: LARGEST, height: LARGEST, fit: 'inside', withoutEnlargement: true })
    .toColorspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  let bytes = 0;
  for (const edge of Object.values(PHOTO_SIZES)) {
    const sized = sharp(data, {
      raw: { width: info.width, height: info.height, channels: info.channels },
    }).resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true });
    bytes += (await sized.clone().webp({ quality: 80 }).toBuffer()).length;
    bytes += (await sized.clone().jpeg({ quality: 82, mozjpeg: true }).toBuffer()).length;
  }
  return bytes;
}

async function pipelineSetup(originals: Buffer[], count: number) {
  const server = await loadServer();
  const dir = mkdtempSync(join(tmpdir(), 'proofsheet-bench-derive-'));
  const config = server.testConfig({
    rateLimitSession: 1_000_000,
    rateLimitImages: 1_000_000,
    rateLimitIp: 1_000_000,
    logLevel: 'silent',
    dataDir: dir,
  });
  const blobs = server.createBlobStore(config, dir);
  const storage = server.composeStorage(await server.openSqlite(join(dir, 'bench.db')), {
    exclusive: true,
    blobs: blobs.store,
  });
  const deps = { config, storage, clock: server.systemClock, random: server.systemRandom };
  const services = server.createServices(deps);
  await seedStudio(storage, services.passwords);
  const app = await server.buildApp({ ...deps, api: 'gallery', services });
  const login = await app.inject({ method: 'POST', url: '/login', payload: BENCH_USER });
  const csrf = (login.json() as { data: { csrf_token: string } }).data.csrf_token;
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const headers = { cookie, 'x-csrf-token': csrf };
  const post = async (url: string, payload: unknown) => {
    const res = await app.inject({ method: 'POST', url, headers, payload: payload as object });
    if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
    return (res.json() as { data: { id: number } }).data.id;
  };
  const collectionId = await post('/api/v1/collections', { name: 'Derivatives' });
  const galleryId = await post(`/api/v1/collections/${collectionId}/galleries`, { name: 'All' });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = originals[i % originals.length] as Buffer;
    const boundary = `----bench${i}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="IMG_${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/galleries/${galleryId}/photos`,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
    ids.push((res.json() as { data: { id: number } }).data.id);
  }
  return {
    ids,
    async process(id: number) {
      const done = await server.processStoredPhoto({ storage, clock: server.systemClock }, id);
      if (done?.status !== 'ready') throw new Error(`photo ${id} ended ${done?.status ?? 'gone'}`);
    },
    async close() {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
    threads: config.photoThreads,
  };
}

async function main(): Promise<void> {
  const [mode, countText, ...files] = process.argv.slice(2);
  const count = Number(countText);
  const originals = files.map((f) => readFileSync(f));
  if ((mode !== 'pipeline' && mode !== 'sharp') || !(count > 0) || originals.length === 0) {
    throw new Error('usage: derive-process.js <pipeline|sharp> <count> <file>...');
  }
  const server = await loadServer();
  const threads = server.testConfig().photoThreads;
  sharp.concurrency(threads);
  const ms: number[] = [];
  if (mode === 'sharp') {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await sharpAlone(originals[i % originals.length] as Buffer);
      ms.push(performance.now() - started);
    }
  } else {
    const setup = await pipelineSetup(originals, count);
    for (const id of setup.ids) {
      const started = performance.now();
      await setup.process(id);
      ms.push(performance.now() - started);
    }
    await setup.close();
  }
  process.send?.({ ms, threads });
  process.disconnect?.();
}

main().catch((error: unknown) => {
  process.send?.({
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.disconnect?.();
  process.exitCode = 1;
});
