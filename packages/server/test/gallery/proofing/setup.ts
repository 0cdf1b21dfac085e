/**
 * Photos and people for the proofing tests: photos through the shared helper (blob, row, the
 * real processing step), a second gallery client written to the user store and signed in
 * through `POST /login`.
 */
import assert from 'node:assert/strict';
import { type Gallery, newId } from '@proofsheet/protocol';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import type { UserRecord } from '../../../src/storage/ports/user-store.js';
import { type Credentials, type Harness, login } from '../../helpers/harness.js';
import { addPhoto as storePhoto } from '../../helpers/photos.js';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

export interface PhotoOptions {
  filename?: string;
  hidden?: boolean;
  /** Leave it `processing`, as it is until the job has run. */
  unprocessed?: boolean;
}

/** Adds a small photo to a gallery and processes it; returns the stored record. */
export async function addPhoto(
  h: Harness,
  gallery: Gallery,
  options: PhotoOptions = {},
): Promise<PhotoRecord> {
  const photo = await storePhoto(h, {
    galleryId: gallery.id,
    collectionId: gallery.collection_id,
    filename: options.filename ?? 'DSC_0001.jpg',
    hidden: options.hidden ?? false,
    process: !options.unprocessed,
  });
  assert.equal(
    photo.status,
    options.unprocessed ? 'processing' : 'ready',
    photo.statusReason ?? '',
  );
  return photo;
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
