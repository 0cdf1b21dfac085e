/**
 * The photo suite (issue #11): derivative throughput, the API while photos are processed,
 * uploads, ZIP downloads and thumbnail serving, each against its baseline in the same run, in
 * separate processes, rounds interleaved (Proofsheet, baseline, Proofsheet, baseline, …).
 */
import { fork } from 'node:child_process';
import { createReadStream, linkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad } from '../measure/load.js';
import { median } from '../measure/median.js';
import type { BenchOptions } from '../options.js';
import { api, makeGallery, postFile, signInGallery, uploadPhoto } from './gallery-client.js';
import { cameraJpegs, PaddedJpeg, smallJpeg } from './images.js';
import { PhotoHandle, procStatusBytes, sampleRss } from './photo-handle.js';
import type { PhotoResults, PhotoRow } from './photo-results.js';

const DERIVE_PROCESS = new URL('./derive-process.js', import.meta.url);
const MB = 1024 * 1024;
/** Browsers an API measure stands for: latency, not throughput, is what is compared. */
const LIST_CONNECTIONS = 8;
const UPLOAD_FILE_BYTES = 25 * MB;
/** Uploads in flight at once, on both sides. */
const UPLOADS_IN_FLIGHT = 2;

type Log = (line: string) => void;

const PROFILE_DIR = fileURLToPath(new URL('../../../results/profiles/', import.meta.url));

/** The gallery target, under `node --cpu-prof` with `--profile gallery`. */
function startGallery(options: BenchOptions): Promise<PhotoHandle> {
  return PhotoHandle.start(
    'gallery',
    options.profile === 'gallery' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
  );
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '—';

function row(
  measure: string,
  measured: number,
  baseline: number,
  unit: (n: number) => string,
  target: { text: string; ok: (ratio: number) => boolean },
): PhotoRow {
  const ratio = measured / baseline;
  return {
    measure,
    measured: unit(measured),
    baseline: unit(baseline),
    ratio,
    target: target.text,
    pass: Number.isFinite(ratio) ? target.ok(ratio) : false,
  };
}

const atLeast = (x: number) => ({ text: `≥ ${x}×`, ok: (r: number) => r >= x });
const atMost = (x: number) => ({ text: `≤ ${x}×`, ok: (r: number) => r <= x });

/** One derive process run; per-photo milliseconds. */
function deriveRun(
  mode: 'pipeline' | 'sharp',
  count: number,
  files: string[],
): Promise<{ ms: number[]; threads: number }> {
  const child = fork(DERIVE_PROCESS, [mode, String(count), ...files], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => {
      const m = message as { ms?: number[]; threads?: number; error?: string };
      if (m.ms && m.threads !== undefined) resolve({ ms: m.ms, threads: m.threads });
      else reject(new Error(`derive ${mode}: ${m.error ?? 'no result'}`));
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`derive ${mode} exited with ${code}`));
    });
  });
}

async function derivativeThroughput(
  options: BenchOptions,
  originals: Buffer[],
  files: string[],
  log: Log,
): Promise<{ row: PhotoRow; notes: string[] }> {
  const count = options.quick ? 2 : 4;
  const perSecond = { pipeline: [] as number[], sharp: [] as number[] };
  let threads = 0;
  for (let round = 1; round <= options.rounds; round++) {
    for (const mode of ['pipeline', 'sharp'] as const) {
      log(`round ${round}/${options.rounds}: derivatives, ${mode}, ${count} photos`);
      const result = await deriveRun(mode, count, files);
      threads = result.threads;
      const seconds = result.ms.reduce((a, b) => a + b, 0) / 1000;
      perSecond[mode].push(result.ms.length / seconds);
    }
  }
  const measured = median(perSecond.pipeline);
  const baseline = median(perSecond.sharp);
  return {
    row: row(
      '1. Derivatives of 24 MP JPEGs: `processStoredPhoto` vs sharp alone',
      measured,
      baseline,
      (n) => `${fmt(n, 3)} photos/s (${fmt(1000 / n)} ms each)`,
      atLeast(0.85),
    ),
    notes: [
      `Derivatives: ${count} photos per process and round, ${options.rounds} round(s), median of rounds; sharp.concurrency(${threads}) on both sides (the server's default PROOFSHEET_PHOTO_THREADS), one photo at a time; originals ${originals.map((o) => `${fmt(o.length / MB, 1)} MB`).join(', ')}, 6000×4000. Per round, pipeline: ${perSecond.pipeline.map((n) => fmt(n, 3)).join(', ')}; sharp: ${perSecond.sharp.map((n) => fmt(n, 3)).join(', ')} photos/s.`,
    ],
  };
}

async function listWhileProcessing(
  options: BenchOptions,
  originals: Buffer[],
  log: Log,
): Promise<{ row: PhotoRow; notes: string[] }> {
  const count = options.quick ? 24 : 200;
  const target = await startGallery(options);
  try {
    const session = await signInGallery(target.url);
    const { galleryId } = await makeGallery(session, 'While processing');
    log(`uploading ${count} 24 MP photos (workers not started yet)`);
    for (let i = 0; i < count; i++) {
      await uploadPhoto(
        session,
        galleryId,
        `DSC_${i}.jpg`,
        originals[i % originals.length] as Buffer,
      );
    }
    const path = `/api/v1/galleries/${galleryId}/photos`;
    await api(session, 'GET', path);
    const load = () =>
      runLoad({
        urls: [`${target.url}${path}`],
        connections: LIST_CONNECTIONS,
        durationS: options.durationS,
        headers: { cookie: session.cookie, accept: 'application/json' },
      });
    await runLoad({
      urls: [`${target.url}${path}`],
      connections: LIST_CONNECTIONS,
      durationS: options.warmupS,
      headers: { cookie: session.cookie, accept: 'application/json' },
    });
    const idle: number[] = [];
    const busy: number[] = [];
    let failed = 0;
    for (let round = 1; round <= options.rounds; round++) {
      log(`round ${round}/${options.rounds}: photo list, idle`);
      const r = await load();
      idle.push(r.p50Ms);
      failed += r.non2xx + r.errors;
    }
    const workers = await target.call('startWorkers');
    const before = await target.call('processing');
    const busyOk: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      log(`round ${round}/${options.rounds}: photo list while photos are processed`);
      const r = await load();
      busy.push(r.p50Ms);
      busyOk.push(r.okPerSecond);
      failed += r.non2xx + r.errors;
    }
    const after = await target.call('processing');
    const measured = median(busy);
    const baseline = median(idle);
    const result = row(
      `2. \`GET ${path.replace(String(galleryId), '{id}')}\` p50 while ${count} photos are processed vs idle`,
      measured,
      baseline,
      (n) => `${fmt(n, 1)} ms`,
      atMost(2),
    );
    // A measure over a queue that ran dry is not the measure asked for.
    if (after === 0) {
      result.pass = false;
      result.skipped = 'the queue emptied before the measure ended: not measured while processing';
    }
    return {
      row: result,
      notes: [
        `API while processing: ${LIST_CONNECTIONS} connections, ${options.durationS} s per round; ${workers} worker(s) started after the idle rounds; photos still processing when the busy rounds began / ended: ${before} / ${after} of ${count}; ${fmt(median(busyOk))} list GETs/s while busy; ${failed} failed responses.`,
      ],
    };
  } finally {
    await target.stop();
  }
}

async function thumbnails(
  options: BenchOptions,
  originals: Buffer[],
  log: Log,
): Promise<{ row: PhotoRow; notes: string[] }> {
  const target = await startGallery(options);
  const plain = await PhotoHandle.start('static');
  try {
    const session = await signInGallery(target.url);
    const { galleryId } = await makeGallery(session, 'Thumbnails');
    await uploadPhoto(session, galleryId, 'DSC_0001.jpg', originals[0] as Buffer);
    await target.call('processAll');
    const list = await api<{
      data: { status: string; urls: { thumbnail: { webp: string } | null } }[];
    }>(session, 'GET', `/api/v1/galleries/${galleryId}/photos`);
    const thumb = list.data[0]?.urls.thumbnail?.webp;
    if (!thumb) throw new Error(`the photo has no thumbnail (${list.data[0]?.status})`);
    const response = await fetch(`${target.url}${thumb}`, { headers: { cookie: session.cookie } });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`GET ${thumb} answered ${response.status}`);
    writeFileSync(join(plain.dir, 'thumbnail.webp'), bytes);
    const runs = {
      proofsheet: () =>
        runLoad({
          urls: [`${target.url}${thumb}`],
          connections: options.connections,
          durationS: options.durationS,
          headers: { cookie: session.cookie, accept: 'image/webp' },
        }),
      static: () =>
        runLoad({
          urls: [`${plain.url}/static/thumbnail.webp`],
          connections: options.connections,
          durationS: options.durationS,
        }),
    };
    await runs.proofsheet();
    await runs.static();
    const rates = { proofsheet: [] as number[], static: [] as number[] };
    const cpu = { proofsheet: [] as number[], static: [] as number[] };
    const handles = { proofsheet: target, static: plain };
    let failed = 0;
    for (let round = 1; round <= options.rounds; round++) {
      for (const side of ['proofsheet', 'static'] as const) {
        log(`round ${round}/${options.rounds}: thumbnail, ${side}`);
        const cpuBefore = await handles[side].call('cpu');
        const r = await runs[side]();
        cpu[side].push(((await handles[side].call('cpu')) - cpuBefore) / Math.max(1, r.ok));
        rates[side].push(r.okPerSecond);
        failed += r.non2xx + r.errors;
      }
    }
    return {
      row: row(
        '5. `GET /api/v1/photos/{id}/thumbnail.webp?v=…` with a session vs `@fastify/static`',
        median(rates.proofsheet),
        median(rates.static),
        (n) => `${fmt(n)} req/s`,
        atLeast(0.8),
      ),
      notes: [
        `Thumbnails: one ${fmt(bytes.length / 1024, 1)} KiB WebP, ${options.connections} connections, ${options.durationS} s per round; ${failed} failed responses. Server CPU per response (the steadiest figure on a shared machine): Proofsheet ${fmt(median(cpu.proofsheet))} µs, @fastify/static ${fmt(median(cpu.static))} µs (${fmt(median(cpu.static) / median(cpu.proofsheet), 2)}× as efficient as the baseline).`,
      ],
    };
  } finally {
    await plain.stop();
    await target.stop();
  }
}

/** Uploads `files` padded JPEGs with a few in flight; seconds taken. */
async function uploadAll(
  files: number,
  first: number,
  send: (variant: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < files) {
      const i = next++;
      await send(first + i);
    }
  };
  await Promise.all(Array.from({ length: UPLOADS_IN_FLIGHT }, lane));
  return (performance.now() - started) / 1000;
}

/** Streams a GET's body to nowhere; its status and byte count. */
function download(url: string, cookie: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { cookie, accept: 'application/zip' } }, (response) => {
      let bytes = 0;
      response.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function readFiles(paths: readonly string[]): Promise<number> {
  let bytes = 0;
  for (const path of paths) {
    for await (const chunk of createReadStream(path, { highWaterMark: MB })) {
      bytes += (chunk as Buffer).length;
    }
  }
  return bytes;
}

async function uploadAndZip(
  options: BenchOptions,
  log: Log,
): Promise<{ rows: PhotoRow[]; notes: string[] }> {
  const files = Math.round(((options.quick ? 256 : 1024) * MB) / UPLOAD_FILE_BYTES);
  const totalBytes = files * UPLOAD_FILE_BYTES;
  const padded = new PaddedJpeg(await smallJpeg(), UPLOAD_FILE_BYTES);
  const target = await startGallery(options);
  const sink = await PhotoHandle.start('sink');
  const notes: string[] = [];
  const rows: PhotoRow[] = [];
  try {
    const session = await signInGallery(target.url);
    const galleries: { collectionId: number; galleryId: number }[] = [];
    const shas: string[] = [];
    const rates = { proofsheet: [] as number[], sink: [] as number[] };
    const rssBefore = procStatusBytes(target.pid, 'VmRSS') ?? 0;
    const peaks: number[] = [];
    let variant = 0;
    for (let round = 1; round <= options.rounds; round++) {
      const gallery = await makeGallery(session, `Upload round ${round}`);
      galleries.push(gallery);
      log(`round ${round}/${options.rounds}: upload ${fmt(totalBytes / MB)} MB, proofsheet`);
      const stopSampling = sampleRss(target.pid);
      const s = await uploadAll(files, variant, async (v) => {
        const photo = await uploadPhoto(
          session,
          gallery.galleryId,
          `IMG_${v}.jpg`,
          padded.variant(v),
        );
        if (round === 1) shas.push(photo.sha256);
      });
      peaks.push(stopSampling().peakBytes);
      rates.proofsheet.push(totalBytes / MB / s);
      log(`round ${round}/${options.rounds}: upload ${fmt(totalBytes / MB)} MB, node:http sink`);
      const t = await uploadAll(files, variant, async (v) => {
        const { status } = await postFile(sink.url, {}, `IMG_${v}.jpg`, padded.variant(v));
        if (status !== 201) throw new Error(`sink answered ${status}`);
      });
      rates.sink.push(totalBytes / MB / t);
      variant += files;
    }
    const hwm = procStatusBytes(target.pid, 'VmHWM') ?? Number.NaN;
    const upload = row(
      `3. Upload of ${fmt(totalBytes / MB)} MB as ${files} × 25 MB, multipart \`POST /api/v1/galleries/{id}/photos\` vs a \`node:http\` sink`,
      median(rates.proofsheet),
      median(rates.sink),
      (n) => `${fmt(n)} MB/s`,
      atLeast(0.7),
    );
    rows.push(upload);
    const rssOk = hwm < 300 * MB;
    rows.push({
      measure: '3. Server RSS during the uploads (VmHWM of the process)',
      measured: `${fmt(hwm / MB)} MB`,
      baseline: `${fmt(rssBefore / MB)} MB before`,
      ratio: null,
      target: '< 300 MB',
      pass: rssOk,
    });
    notes.push(
      `Upload: ${UPLOADS_IN_FLIGHT} uploads in flight on both sides, bodies streamed from memory in 1 MiB writes; every file a distinct blob (its filler numbered). The sink writes each body to a file and fsyncs it, as the blob store does (which also hashes it, SHA-256). Per round, Proofsheet: ${rates.proofsheet.map((n) => fmt(n)).join(', ')}; sink: ${rates.sink.map((n) => fmt(n)).join(', ')} MB/s; sampled VmRSS peaks ${peaks.map((p) => fmt(p / MB)).join(', ')} MB.`,
    );

    const zipOf = galleries[0];
    if (!zipOf) throw new Error('no upload round ran');
    // A ZIP holds the photos that are ready: make them so, as the workers would have.
    log(`processing the ${files * options.rounds} uploads, for the ZIP`);
    await target.call('processAll');
    const left = await target.call('processing');
    const zipUrl = `${target.url}/api/v1/collections/${zipOf.collectionId}/download?size=original`;
    const first = await download(zipUrl, session.cookie);
    if (first.status !== 200 || left > 0) {
      rows.push({
        measure: '4. ZIP of a collection, `GET /api/v1/collections/{id}/download`',
        measured: '—',
        baseline: '—',
        ratio: null,
        target: '≥ 0.8×, RSS growth < 64 MB',
        pass: first.status === 404 ? null : false,
        skipped:
          first.status === 404
            ? 'the download route answers 404: not on this branch yet'
            : `the ZIP answered ${first.status}; ${left} photos still processing`,
      });
    } else {
      const blobPaths = shas.map((sha) => join(target.dir, sha.slice(0, 2), sha.slice(2, 4), sha));
      // The same files over HTTP from @fastify/static, one after another: what Node itself
      // sends over loopback, the ceiling a streamed archive can approach.
      const plain = await PhotoHandle.start('static');
      for (const [i, path] of blobPaths.entries()) linkSync(path, join(plain.dir, `f${i}.jpg`));
      const zip: number[] = [];
      const disk: number[] = [];
      const served: number[] = [];
      const growth: number[] = [];
      let zipBytes = 0;
      for (let round = 1; round <= options.rounds; round++) {
        log(`round ${round}/${options.rounds}: ZIP download of ${fmt(totalBytes / MB)} MB`);
        const rss = procStatusBytes(target.pid, 'VmRSS') ?? 0;
        const stop = sampleRss(target.pid);
        const started = performance.now();
        const got = await download(zipUrl, session.cookie);
        const s = (performance.now() - started) / 1000;
        growth.push(stop().peakBytes - rss);
        if (got.status !== 200) throw new Error(`the ZIP answered ${got.status}`);
        zipBytes = got.bytes;
        zip.push(totalBytes / MB / s);
        log(`round ${round}/${options.rounds}: reading the same files from disk`);
        const readStarted = performance.now();
        await readFiles(blobPaths);
        disk.push(totalBytes / MB / ((performance.now() - readStarted) / 1000));
        log(`round ${round}/${options.rounds}: the same files from @fastify/static`);
        const servedStarted = performance.now();
        for (let i = 0; i < blobPaths.length; i++) {
          const got = await download(`${plain.url}/static/f${i}.jpg`, '');
          if (got.status !== 200) throw new Error(`@fastify/static answered ${got.status}`);
        }
        served.push(totalBytes / MB / ((performance.now() - servedStarted) / 1000));
      }
      await plain.stop();
      rows.push(
        row(
          `4. ZIP of a ${fmt(totalBytes / MB)} MB collection vs reading its files from disk`,
          median(zip),
          median(disk),
          (n) => `${fmt(n)} MB/s`,
          atLeast(0.8),
        ),
      );
      const ceiling = row(
        '4. (reference) the same ZIP vs `@fastify/static` sending its files one after another',
        median(zip),
        median(served),
        (n) => `${fmt(n)} MB/s`,
        { text: 'for information', ok: () => true },
      );
      rows.push({ ...ceiling, pass: null });
      const grew = Math.max(...growth);
      rows.push({
        measure: '4. Server RSS growth during the ZIP',
        measured: `${fmt(grew / MB)} MB`,
        baseline: '—',
        ratio: null,
        target: '< 64 MB',
        pass: grew < 64 * MB,
      });
      notes.push(
        `ZIP: ${fmt(zipBytes / MB)} MB of archive for ${files} files; rates are of the files' bytes. Reading from disk: the same blob files, one after another, 1 MiB reads, in the orchestrator (page cache warm for both).`,
      );
    }
  } finally {
    await sink.stop();
    await target.stop();
  }
  return { rows, notes };
}

/** Runs the five measures; each failure to run becomes a row that says why. */
export async function runPhotoSuite(options: BenchOptions, log: Log): Promise<PhotoResults> {
  const { bytes: originals, paths } = await cameraJpegs(log);
  const results: PhotoResults = {
    rows: [],
    notes: [
      `Originals: ${originals.length} distinct 6000×4000 JPEGs (gaussian noise, blurred, quality 92), cycled.`,
    ],
  };
  type Step = () => Promise<{ rows?: PhotoRow[]; row?: PhotoRow; notes: string[] }>;
  const steps: [string, readonly number[], Step][] = [
    ['1. Derivatives', [1], () => derivativeThroughput(options, originals, paths, log)],
    ['2. API while processing', [2], () => listWhileProcessing(options, originals, log)],
    ['3–4. Upload and ZIP', [3, 4], () => uploadAndZip(options, log)],
    ['5. Thumbnails', [5], () => thumbnails(options, originals, log)],
  ];
  for (const [name, numbers, step] of steps) {
    if (!numbers.some((n) => options.steps.includes(n))) continue;
    try {
      const out = await step();
      if (out.row) results.rows.push(out.row);
      if (out.rows) results.rows.push(...out.rows);
      results.notes.push(...out.notes);
    } catch (error) {
      log(`${name} failed: ${String(error)}`);
      results.rows.push({
        measure: name,
        measured: '—',
        baseline: '—',
        ratio: null,
        target: '—',
        pass: false,
        // One line: a stack would break the table.
        skipped: `failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
      });
    }
  }
  return results;
}
