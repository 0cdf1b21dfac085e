import type { Config } from '../../config/config.js';
import type { Clock } from '../../deps.js';
import type { Storage } from '../../storage/ports/storage.js';
import { isPending } from './ingest.js';

/** What a reconciliation pass did. */
export interface ReconcileReport {
  /** Blobs no photo referred to, deleted, and their bytes. */
  blobsDeleted: number;
  bytesFreed: number;
  /** Unreferenced blobs younger than the grace period, left alone (an upload may be making its photo). */
  blobsTooYoung: number;
  /** Files of uploads that never finished (a process killed mid-upload), deleted. */
  unfinishedDeleted: number;
  /** Photos still `processing`, and how many of them got a new job (others had one waiting). */
  processing: number;
  requeued: number;
}

export interface ReconcileContext {
  storage: Pick<Storage, 'photos' | 'blobs' | 'jobs' | 'watermarks'>;
  clock: Clock;
  config: Pick<Config, 'orphanGraceMs'>;
}

/** The most photos one pass queues again; a next pass takes the rest. */
const MAX_REQUEUE = 10_000;

/**
 * Makes storage and rows agree again after a crash: deletes the blobs that no photo refers to
 * and the leftovers of unfinished uploads, both only when older than the grace period (so an
 * upload in flight, whose photo row is not written yet, is never touched), and queues again
 * the processing of every photo still `processing` (its job may have been lost with a queue
 * outage; one still waiting is not doubled). Blob times are the store's (file times, S3's
 * LastModified): wall-clock, compared with the injected clock.
 */
export async function reconcile(ctx: ReconcileContext): Promise<ReconcileReport> {
  const { photos, blobs, jobs, watermarks } = ctx.storage;
  const cutoff = new Date(ctx.clock.now().getTime() - ctx.config.orphanGraceMs);
  const report: ReconcileReport = {
    blobsDeleted: 0,
    bytesFreed: 0,
    blobsTooYoung: 0,
    unfinishedDeleted: 0,
    processing: 0,
    requeued: 0,
  };
  // Photos' blobs, and the watermark's: the studio's logo and the marked renderings.
  const referenced = new Set([
    ...(await photos.referencedBlobs()),
    ...(await watermarks.referencedBlobs()),
  ]);
  for await (const blob of blobs.list()) {
    if (referenced.has(blob.sha256)) continue;
    if (blob.lastModified >= cutoff || isPending(blobs, blob.sha256)) {
      report.blobsTooYoung += 1;
      continue;
    }
    // A photo of these bytes may have been made since the set was read.
    if (await photos.isBlobReferenced(blob.sha256)) continue;
    if (await blobs.delete(blob.sha256)) {
      report.blobsDeleted += 1;
      report.bytesFreed += blob.size;
    }
  }
  report.unfinishedDeleted = await blobs.purgeIncomplete(cutoff);
  for (const photo of await photos.listProcessing(MAX_REQUEUE)) {
    report.processing += 1;
    const added = await jobs.enqueue(
      'photo.process',
      { photoId: photo.id },
      { singletonKey: `photo:${photo.id}` },
    );
    if (added) report.requeued += 1;
  }
  return report;
}
