/**
 * A photo-suite process: `node photo-target.js <gallery|sink|static>`, forked by the
 * orchestrator with an IPC channel; one server each, logger off, exits on `stop`.
 *
 * - `gallery`: Proofsheet's Gallery API (where photos are uploaded, listed and served) on a
 *   temporary SQLite file with its blobs in files under the same directory, rate limits raised.
 *   Its photo workers start only when asked, so that photos can be queued first.
 * - `sink`: a bare `node:http` server that writes each request body to a file and fsyncs it,
 *   as the blob store does: the upload's ceiling.
 * - `static`: `@fastify/static` serving a directory, with no session or access check.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { loadServer, type Storage } from '../server-modules.js';
import { closeServer, listenLocal } from '../targets/listen.js';
import { seedStudio } from '../targets/proofsheet.js';
import {
  PHOTO_TARGET_KINDS,
  type PhotoCommand,
  type PhotoReply,
  type PhotoTargetKind,
} from './photo-control.js';

interface Running {
  port: number;
  dir: string;
  description: string;
  command?(type: PhotoCommand['type']): Promise<number>;
  close(): Promise<void>;
}

function send(reply: PhotoReply): void {
  process.send?.(reply);
}

async function startGallery(): Promise<Running> {
  const server = await loadServer();
  const dir = mkdtempSync(join(tmpdir(), 'proofsheet-bench-photos-'));
  const config = server.testConfig({
    rateLimitSession: 1_000_000,
    rateLimitImages: 1_000_000,
    rateLimitIp: 1_000_000,
    logLevel: 'silent',
    dataDir: dir,
  });
  const blobs = server.createBlobStore(config, dir);
  const connection = await server.openSqlite(join(dir, 'bench.db'));
  const storage: Storage = server.composeStorage(connection, {
    exclusive: true,
    blobs: blobs.store,
  });
  const deps = { config, storage, clock: server.systemClock, random: server.systemRandom };
  const services = server.createServices(deps);
  await seedStudio(storage, services.passwords);
  const app = await server.buildApp({ ...deps, api: 'gallery', services });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  let workers = false;
  return {
    port: address.port,
    dir: join(dir, 'blobs'),
    description: `Proofsheet Gallery API, SQLite (temporary file), ${blobs.description}; ${config.photoWorkers} photo worker(s) × ${config.photoThreads} libvips thread(s), the server's defaults`,
    async command(type) {
      if (type === 'startWorkers') {
        if (workers) return 0;
        workers = true;
        await server.startPhotoWorkers(
          { storage, clock: server.systemClock },
          { concurrency: config.photoWorkers, threads: config.photoThreads },
        );
        return config.photoWorkers;
      }
      if (type === 'processing') return (await storage.photos.listProcessing(100_000)).length;
      if (type === 'processAll') {
        // As a worker would, one at a time, without the queue: for measures that need ready
        // photos but no workers running.
        const waiting = await storage.photos.listProcessing(100_000);
        for (const photo of waiting) {
          await server.processStoredPhoto({ storage, clock: server.systemClock }, photo.id);
        }
        return waiting.length;
      }
      throw new Error(`gallery does not do ${type}`);
    },
    async close() {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startSink(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'proofsheet-bench-sink-'));
  let n = 0;
  const http = createServer((request, response) => {
    const path = join(dir, `upload-${n++}`);
    void (async () => {
      try {
        await pipeline(request, createWriteStream(path));
        // Durable before the answer, as the blob store makes every put.
        const handle = await open(path, 'r');
        await handle.sync();
        await handle.close();
        response.writeHead(201, { 'content-type': 'application/json' }).end('{"data":{}}');
      } catch (error) {
        response.writeHead(500).end(String(error));
      }
    })();
  });
  const port = await listenLocal(http);
  return {
    port,
    dir,
    description: 'node:http sink: pipeline(request, createWriteStream(file)), then fsync',
    async close() {
      await closeServer(http);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startStatic(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'proofsheet-bench-static-'));
  mkdirSync(dir, { recursive: true });
  const app = Fastify({ logger: false });
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/static/',
    immutable: true,
    maxAge: '1y',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    dir,
    description: '@fastify/static over a directory, no session, no access check',
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function start(kind: PhotoTargetKind): Promise<Running> {
  switch (kind) {
    case 'gallery':
      return startGallery();
    case 'sink':
      return startSink();
    case 'static':
      return startStatic();
  }
}

async function handle(running: Running, command: PhotoCommand): Promise<void> {
  try {
    if (command.type === 'stop') {
      await running.close();
      process.exit(0);
    }
    if (command.type === 'cpu') {
      const cpu = process.cpuUsage();
      send({ id: command.id, type: 'done', value: cpu.user + cpu.system });
      return;
    }
    if (!running.command) throw new Error(`this process does not do ${command.type}`);
    send({ id: command.id, type: 'done', value: await running.command(command.type) });
  } catch (error) {
    send({ id: command.id, type: 'error', message: String(error) });
  }
}

async function main(): Promise<void> {
  const kind = process.argv[2] as PhotoTargetKind;
  if (!PHOTO_TARGET_KINDS.includes(kind)) {
    throw new Error(`kind must be one of ${PHOTO_TARGET_KINDS.join(', ')} (got "${kind}")`);
  }
  const running = await start(kind);
  process.on('message', (message) => void handle(running, message as PhotoCommand));
  process.on('disconnect', () => {
    void running.close().finally(() => process.exit(0));
  });
  send({ type: 'ready', port: running.port, dir: running.dir, description: running.description });
}

main().catch((error: unknown) => {
  send({ type: 'failed', reason: `failed to start: ${String(error)}` });
  process.exitCode = 1;
  process.disconnect?.();
});
