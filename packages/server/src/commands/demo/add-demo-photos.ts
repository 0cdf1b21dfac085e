/**
 * Fills the demo galleries with drawn photos, in the background: drawing a few dozen
 * originals takes seconds and processing them longer, and a fresh install should answer at
 * once. Each photo takes the path of an upload by the studio's owner (`ingestOriginal`: stored,
 * made a photo of, its processing queued), so the photo workers make its sizes.
 */
import { Readable } from 'node:stream';
import type { Config } from '../../config/config.js';
import type { Clock, Random } from '../../deps.js';
import { ingestOriginal } from '../../gallery/photos/ingest.js';
import type { Storage } from '../../storage/ports/storage.js';
import { type DemoPhotoSpec, renderDemoPhoto } from './demo-photos.js';
import type { DemoCollection } from './demo-records.js';

/** A demo gallery as seeded, with the collection it belongs to. */
export interface SeededGallery {
  accountId: string;
  collectionId: number;
  galleryId: number;
  /** The collection's record in DEMO_COLLECTIONS and the gallery's index in it. */
  collection: DemoCollection;
  index: number;
}

export interface AddDemoPhotosOptions {
  storage: Pick<Storage, 'photos' | 'blobs' | 'jobs' | 'galleries' | 'collections'>;
  config: Pick<Config, 'maxUploadBytes' | 'storageQuotaBytes'>;
  clock: Clock;
  random: Random;
  /** The user the photos are uploaded as: the studio's owner. */
  uploaderId: string;
  /** Long edge of the drawn originals. @default DEMO_LONG_EDGE */
  longEdge?: number;
}

/** What the background run did. */
export interface DemoPhotosOutcome {
  added: number;
  /** Why it stopped early (the server closed meanwhile, say), or null. */
  error: unknown;
}

/** Cameras count up: each gallery's files continue where the previous gallery's ended. */
const FIRST_FILE_NUMBER = 1204;

/** One photo to add: what to draw, into which gallery, and whether the studio hid it. */
export interface DemoPhotoPlan {
  gallery: SeededGallery;
  spec: DemoPhotoSpec;
  hidden: boolean;
}

/** The photos to draw for the seeded galleries, in the order they are added. */
export function demoPhotoPlan(galleries: readonly SeededGallery[]): DemoPhotoPlan[] {
  const plan: DemoPhotoPlan[] = [];
  let fileNumber = FIRST_FILE_NUMBER;
  for (const [g, seeded] of galleries.entries()) {
    const gallery = seeded.collection.galleries[seeded.index];
    for (let n = 1; n <= (gallery?.photos ?? 0); n++) {
      const minutes = seeded.index * 55 + n * 4;
      const clock = [10 + Math.floor(minutes / 60), minutes % 60, (n * 17) % 60]
        .map((v) => String(v).padStart(2, '0'))
        .join(':');
      plan.push({
        gallery: seeded,
        hidden: gallery?.hidden?.includes(n) === true,
        spec: {
          filename: `${seeded.collection.look.filePrefix}${String(fileNumber++).padStart(4, '0')}.jpg`,
          caption: gallery?.name ?? '',
          number: n,
          // Upright and landscape mixed, as a photographer shoots: every third one upright.
          portrait: n % 3 === 2,
          takenAt: `${seeded.collection.shotOn}T${clock}`,
          look: seeded.collection.look,
          seed: (g + 1) * 1000 + n,
        },
      });
    }
  }
  return plan;
}

/**
 * Draws and uploads the demo photos of these galleries, gallery by gallery, one at a time (so
 * that the API stays responsive meanwhile), the shared collection first. Never rejects: a run
 * cut short (the server stopped) reports its error; what it stored is kept, and the start-up
 * reconciliation queues any photo whose processing was not queued.
 */
export async function addDemoPhotos(
  galleries: readonly SeededGallery[],
  options: AddDemoPhotosOptions,
): Promise<DemoPhotosOutcome> {
  let added = 0;
  try {
    for (const { gallery, spec, hidden } of demoPhotoPlan(galleries)) {
      await uploadPhoto(gallery, spec, hidden, options);
      added++;
    }
    return { added, error: null };
  } catch (error) {
    return { added, error };
  }
}

async function uploadPhoto(
  seeded: SeededGallery,
  spec: DemoPhotoSpec,
  hidden: boolean,
  options: AddDemoPhotosOptions,
): Promise<void> {
  const { storage } = options;
  const gallery = await storage.galleries.findInAccount(seeded.accountId, seeded.galleryId);
  const collection = await storage.collections.findById(seeded.accountId, seeded.collectionId);
  if (!gallery || !collection) return;
  const bytes = await renderDemoPhoto(spec, options.longEdge);
  const { photo } = await ingestOriginal(options, {
    viewer: { userId: options.uploaderId, accountId: seeded.accountId },
    gallery,
    collection,
    filename: spec.filename,
    source: Readable.from([bytes]),
  });
  if (hidden) {
    await storage.photos.update(seeded.accountId, photo.id, {
      hidden: true,
      updatedAt: options.clock.now(),
    });
  }
}
