/**
 * Photos and people for the proofing tests. Photos go in as the upload route will put them
 * (blob, row, then the real processing step), since that route is not written yet; a second
 * gallery client is written to the user store and signs in through `POST /login`.
 */
import assert from 'node:assert/strict';
import { type Gallery, newId, newNumericId } from '@proofsheet/protocol';
import sharp from 'sharp';
import { processStoredPhoto } from '../../../src/gallery/photos/processing.js';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import type { UserRecord } from '../../../src/storage/ports/user-store.js';
import { type Credentials, type Harness, login } from '../../helpers/harness.js';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

let jpeg: Promise<Buffer> | undefined;

/** A small real JPEG, made once: every test photo holds these bytes (stored once, by hash). */
function sampleJpeg(): Promise<Buffer> {
  jpeg ??= sharp({ create: { width: 48, height: 32, channels: 3, background: '#c08040' } })
    .jpeg()
    .toBuffer();
  return jpeg;
}

export interface PhotoOptions {
  filename?: string;
  hidden?: boolean;
  /** Leave it `processing`, as it is until the job has run. */
  unprocessed?: boolean;
}

/** Adds a photo to a gallery and processes it; returns the stored record. */
export async function addPhoto(
  h: Harness,
  gallery: Gallery,
  options: PhotoOptions = {},
): Promise<PhotoRecord> {
  const bytes = await sampleJpeg();
  const blob = await h.storage.blobs.put(bytes, { contentType: 'image/jpeg' });
  const now = h.clock.now();
  const result = await h.storage.photos.create({
    id: newNumericId('photo', random),
    accountId: h.accountId,
    collectionId: gallery.collection_id,
    galleryId: gallery.id,
    kind: 'photo',
    filename: options.filename ?? 'DSC_0001.jpg',
    contentType: 'image/jpeg',
    size: blob.size,
    sha256: blob.sha256,
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
    hidden: options.hidden ?? false,
    favoriteCount: 0,
    uploadedBy: h.users.owner.id,
    createdAt: now,
    updatedAt: now,
  });
  assert.ok('created' in result, JSON.stringify(result));
  if (options.unprocessed) return result.created;
  const ready = await processStoredPhoto({ storage: h.storage, clock: h.clock }, result.created.id);
  assert.ok(ready && ready.status === 'ready', ready?.statusReason ?? 'the photo was deleted');
  return ready;
}

/** Adds photos named `DSC_0001.jpg`, `DSC_0002.jpg`, … (from `first`) to a gallery. */
export async function addPhotos(
  h: Harness,
  gallery: Gallery,
  count: number,
  first = 1,
): Promise<PhotoRecord[]> {
  const made: PhotoRecord[] = [];
  for (let i = 0; i < count; i++) {
    const filename = `DSC_${String(first + i).padStart(4, '0')}.jpg`;
    made.push(await addPhoto(h, gallery, { filename }));
  }
  return made;
}

/** Another gallery client of the harness's studio, signed in on the Gallery API. */
export async function addGalleryClient(
  h: Harness,
  firstName: string,
): Promise<{ user: UserRecord; creds: Credentials }> {
  const existing = h.users.gallery_client;
  const user: UserRecord = {
    ...existing,
    id: newId('user', random),
    email: `${firstName.toLowerCase()}@example.com`,
    firstName,
    lastName: 'Guest',
  };
  assert.ok(await h.storage.users.create(user));
  return { user, creds: await login(h.gallery, user.email) };
}

/** The photo's `favorite_count` as stored. */
export async function storedCount(h: Harness, photo: PhotoRecord): Promise<number> {
  return (await h.storage.photos.findById(photo.id))?.favoriteCount ?? -1;
}
