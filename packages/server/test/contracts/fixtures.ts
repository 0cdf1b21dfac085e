/** An account with users, for store contracts: enough rows for joins and shares to resolve. */
import { NO_ADDRESS, newId, type Role } from '@proofsheet/protocol';
import type { ClientRecord } from '../../src/storage/ports/client-store.js';
import type { DerivativeRef, PhotoRecord } from '../../src/storage/ports/photo-store.js';
import type { Storage } from '../../src/storage/ports/storage.js';
import type { UserRecord } from '../../src/storage/ports/user-store.js';

/** Makes a fresh storage to test; the suite closes it. */
export type MakeStorage = () => Promise<Storage>;

/** `skip`: the reason the backing service is unavailable, or false to run. */
export interface ContractOptions {
  skip?: string | false;
}

export const bytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

export const T0 = new Date('2026-01-15T10:00:00Z');

/** `ms` after {@link T0}. */
export const at = (ms: number) => new Date(T0.getTime() + ms);

/** A client record of an account, created at `createdAt`, with every optional field empty. */
export function clientFixture(
  accountId: string,
  createdAt: Date,
  overrides: Partial<ClientRecord> = {},
): ClientRecord {
  return {
    id: newId('client', bytes),
    accountId,
    email: null,
    firstName: 'Client',
    lastName: null,
    phone: null,
    company: null,
    jobTitle: null,
    address: { ...NO_ADDRESS },
    notes: null,
    avatarColor: 1,
    status: 1,
    type: 'client',
    sample: false,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** Creates an account with one user per role; returns the account id and the users. */
export async function seedAccount(
  storage: Storage,
  subdomain: string,
): Promise<{ accountId: string; users: Record<Role, UserRecord> }> {
  const accountId = newId('account', bytes);
  await storage.accounts.create({
    id: accountId,
    name: subdomain,
    subdomain,
    plan: 'pro',
    timezone: 'UTC',
    currency: 'USD',
    locale: 'en-US',
    createdAt: T0,
  });
  const users = {} as Record<Role, UserRecord>;
  for (const role of ['owner', 'assistant', 'gallery_client'] as const) {
    const user: UserRecord = {
      id: newId('user', bytes),
      accountId,
      email: `${role}@${subdomain}.example.com`,
      firstName: role,
      lastName: 'Contract',
      role,
      passwordHash: 'not-a-real-hash',
      createdAt: T0,
    };
    await storage.users.create(user);
    users[role] = user;
  }
  return { accountId, users };
}

let photoIds = 1_000_000_000;

/** A fresh photo ID, distinct within the run. */
export function nextPhotoId(): number {
  photoIds += 1 + Math.floor(Math.random() * 1000);
  return photoIds;
}

/** A SHA-256 made of one repeated hex digit and a number: distinct, and readable in failures. */
export function fakeSha256(n: number): string {
  return n.toString(16).padStart(64, 'a');
}

/** A processing photo of a gallery (its blob is not stored: stores only record the hash). */
export function photoFixture(
  accountId: string,
  collectionId: number,
  galleryId: number,
  overrides: Partial<PhotoRecord> = {},
): PhotoRecord {
  const id = overrides.id ?? nextPhotoId();
  return {
    id,
    accountId,
    collectionId,
    galleryId,
    kind: 'photo',
    filename: `IMG_${id}.jpg`,
    contentType: 'image/jpeg',
    size: 1000,
    sha256: fakeSha256(id),
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
    hidden: false,
    favoriteCount: 0,
    uploadedBy: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** What processing finds in a photo, with a WebP and a JPEG of each size of `bytes` each. */
export function processedFixture(seed: number, bytesEach = 100) {
  const derivatives: DerivativeRef[] = (['thumbnail', 'preview', 'large'] as const).flatMap(
    (size, i) =>
      (['webp', 'jpeg'] as const).map((format, j) => ({
        size,
        format,
        sha256: fakeSha256(seed * 16 + i * 2 + j),
        bytes: bytesEach,
        width: 400 * (i + 1),
        height: 300 * (i + 1),
        contentType: `image/${format}`,
      })),
  );
  return {
    width: 1200,
    height: 900,
    takenAt: null,
    camera: null,
    lens: null,
    hasGps: false,
    thumbhash: 'AAAA',
    derivatives,
  };
}
