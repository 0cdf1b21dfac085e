/**
 * Fills the demo galleries with drawn photos. Run after start-up, in the background: drawing
 * and storing a few dozen originals takes seconds and processing them longer, and a fresh
 * install should answer at once. A photo is stored as an upload leaves it (original in the
 * blob store, row `processing`), then handed to `process`: the job queue in the server.
 */
import type { Clock, Random } from '../../deps.js';
import { createWithFreshId } from '../../storage/fresh-id.js';
import type { PhotoRecord } from '../../storage/ports/photo-store.js';
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
  storage: Pick<Storage, 'photos' | 'blobs'>;
  clock: Clock;
  random: Random;
  /** Starts the processing of a stored photo (enqueues its job). */
  process(photoId: number): Promise<void>;
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
 * Draws, stores and hands on the demo photos of these galleries, gallery by gallery, one photo
 * at a time (so that the API stays responsive meanwhile). Never rejects: a run cut short (the
 * server stopped) reports its error, and leaves the photos it stored, which processing or the
 * start-up reconciliation finishes.
 */
export async function addDemoPhotos(
  galleries: readonly SeededGallery[],
  options: AddDemoPhotosOptions,
): Promise<DemoPhotosOutcome> {
  let added = 0;
  try {
    for (const { gallery, spec, hidden } of demoPhotoPlan(galleries)) {
      const id = await storePhoto(gallery, spec, hidden, options);
      added++;
      await options.process(id);
    }
    return { added, error: null };
  } catch (error) {
    return { added, error };
  }
}

async function storePhoto(
  seeded: SeededGallery,
  spec: DemoPhotoSpec,
  hidden: boolean,
  options: AddDemoPhotosOptions,
): Promise<number> {
  const bytes = await renderDemoPhoto(spec, options.longEdge);
  const stored = await options.storage.blobs.put(bytes, { contentType: 'image/jpeg' });
  const now = options.clock.now();
  const record = (id: number): PhotoRecord => ({
    id,
    accountId: seeded.accountId,
    collectionId: seeded.collectionId,
    galleryId: seeded.galleryId,
    kind: 'photo',
    filename: spec.filename,
    contentType: 'image/jpeg',
    size: stored.size,
    sha256: stored.sha256,
    width: null,
    height: null,
    takenAt: null,
    camera: null,
    lens: null,
    hasGps: false,
    status: 'processing',
    statusReason: null,
    thumbhash: null,
    derivatives: [],
    position: 0,
    hidden,
    favoriteCount: 0,
    uploadedBy: null,
    createdAt: now,
    updatedAt: now,
  });
  return createWithFreshId('photo', options.random, async (id) => {
    const result = await options.storage.photos.create(record(id));
    if ('created' in result) return true;
    if (result.refused === 'id_taken') return false;
    throw new Error(`The demo photo ${spec.filename} was refused: ${result.refused}`);
  });
}
