/** Collections, galleries and photo rows for the proofing store contracts, written to the stores. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { newId } from '@proofsheet/protocol';
import type { FavoriteListRecord } from '../../src/storage/ports/favorite-store.js';
import type { PhotoRecord } from '../../src/storage/ports/photo-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import { at, bytes } from './fixtures.js';

/** Draws IDs in order, from a start different for each suite so their rows never meet. */
export class IdSequence {
  private collection: number;
  private gallery: number;
  private photo: number;

  constructor(seed: number) {
    this.collection = 10_000_000 + seed * 1000;
    this.gallery = 100_000_000 + seed * 1000;
    this.photo = 1_000_000_000 + seed * 10_000;
  }

  nextCollection(): number {
    this.collection += 1;
    return this.collection;
  }

  nextGallery(): number {
    this.gallery += 1;
    return this.gallery;
  }

  nextPhoto(): number {
    this.photo += 1;
    return this.photo;
  }
}

/** Stores a collection (shared with `sharedWith`) and returns its id. */
export async function addCollection(
  storage: Storage,
  ids: IdSequence,
  accountId: string,
  sharedWith: string[] = [],
): Promise<number> {
  const id = ids.nextCollection();
  const created = await storage.collections.create({
    id,
    accountId,
    name: `Collection ${id}`,
    description: null,
    passwordProtected: false,
    passwordHash: null,
    downloadable: true,
    expiryDate: null,
    sharedWith,
    createdAt: at(id % 1000),
    updatedAt: at(id % 1000),
  });
  assert.ok(created);
  return id;
}

/** Stores a gallery of a collection; the n-th gallery made is created n ms after T0. */
export async function addGallery(
  storage: Storage,
  ids: IdSequence,
  accountId: string,
  collectionId: number,
  options: { private?: boolean } = {},
): Promise<number> {
  const id = ids.nextGallery();
  const created = await storage.galleries.create({
    id,
    collectionId,
    accountId,
    name: `Gallery ${id}`,
    description: null,
    private: options.private ?? false,
    download: true,
    favoriteCount: 0,
    createdAt: at(id % 1000),
    updatedAt: at(id % 1000),
  });
  assert.ok(created);
  return id;
}

/** Stores a photo row (no blobs: the stores under test never read them). */
export async function addPhoto(
  storage: Storage,
  ids: IdSequence,
  where: { accountId: string; collectionId: number; galleryId: number },
  overrides: Partial<PhotoRecord> = {},
): Promise<PhotoRecord> {
  const id = ids.nextPhoto();
  const record: PhotoRecord = {
    id,
    ...where,
    kind: 'photo',
    filename: `DSC_${String(id % 10_000).padStart(4, '0')}.jpg`,
    contentType: 'image/jpeg',
    size: 1000,
    sha256: createHash('sha256').update(String(id)).digest('hex'),
    width: 600,
    height: 400,
    takenAt: null,
    camera: null,
    lens: null,
    hasGps: false,
    status: 'ready',
    statusReason: null,
    thumbhash: null,
    derivatives: [],
    position: 0,
    hidden: false,
    favoriteCount: 0,
    uploadedBy: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
  const result = await storage.photos.create(record);
  assert.ok('created' in result, JSON.stringify(result));
  return result.created;
}

/** A list record of `ownerKey` in a collection; a fresh id each call. */
export function listFixture(
  accountId: string,
  collectionId: number,
  ownerKey: string,
  overrides: Partial<FavoriteListRecord> = {},
): FavoriteListRecord {
  return {
    id: newId('favorite_list', bytes),
    accountId,
    collectionId,
    ownerKey,
    name: 'Favorites',
    isDefault: false,
    setByStudio: false,
    minSelection: null,
    maxSelection: null,
    submittedAt: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}
