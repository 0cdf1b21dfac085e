/**
 * The demo studio a fresh install starts with: an account, its owner, an assistant and a
 * gallery client, about forty clients and leads, notifications, and four collections, one of
 * them shared with the gallery client. Called only on an empty database.
 */
import { newId, type Role } from '@proofsheet/protocol';
import type { Clock, Random } from '../../deps.js';
import { createWithFreshId } from '../../storage/fresh-id.js';
import type { ClientRecord } from '../../storage/ports/client-store.js';
import type { NotificationRecord } from '../../storage/ports/notification-store.js';
import type { Storage } from '../../storage/ports/storage.js';
import type { UserRecord } from '../../storage/ports/user-store.js';
import { contactNoun, displayName } from '../../studio/clients/view.js';
import type { SeededGallery } from './add-demo-photos.js';
import { COUNTRY_IDS, DEMO_CLIENTS, DEMO_COLLECTIONS, type DemoClient } from './demo-records.js';

export interface DemoOptions {
  clock: Clock;
  random: Random;
  /** The hash of the demo password, shared by the three users. */
  passwordHash: string;
}

export interface DemoUsers {
  owner: UserRecord;
  assistant: UserRecord;
  galleryClient: UserRecord;
}

/** The demo's users, and its galleries for the photos that are added afterwards. */
export interface DemoSeed extends DemoUsers {
  galleries: SeededGallery[];
}

export const DEMO_EMAILS: Record<Role, string> = {
  owner: 'owner@demo.proofsheet.test',
  assistant: 'assistant@demo.proofsheet.test',
  gallery_client: 'client@demo.proofsheet.test',
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function emailOf(c: DemoClient, i: number): string | null {
  if (c.last === null) return null;
  const local = `${c.first}.${c.last}`
    .normalize('NFD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  return `${local}@${['example.com', 'example.org', 'example.net'][i % 3]}`;
}

function clientRecord(c: DemoClient, i: number, accountId: string, at: Date, random: Random) {
  const record: ClientRecord = {
    id: newId('client', (n) => random.bytes(n)),
    accountId,
    email: emailOf(c, i),
    firstName: c.first,
    lastName: c.last,
    phone: c.phone,
    company: c.company,
    jobTitle: c.jobTitle,
    address: {
      address_line_1: c.street,
      address_line_2: null,
      city: c.city,
      postal_code: c.postal,
      state: c.state,
      country: c.country,
      country_id: c.country === null ? null : (COUNTRY_IDS[c.country] ?? null),
    },
    notes: c.notes,
    avatarColor: 1 + ((random.bytes(1)[0] ?? 0) % 12),
    status: c.archived ? 2 : 1,
    type: c.type,
    sample: false,
    createdAt: at,
    updatedAt: at,
  };
  return record;
}

/**
 * Fills an empty database with the demo studio and returns its three users and its galleries,
 * which are empty: `addDemoPhotos` draws their photos.
 */
export async function seedDemoData(storage: Storage, options: DemoOptions): Promise<DemoSeed> {
  const { clock, random, passwordHash } = options;
  const now = clock.now();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const bytes = (n: number) => random.bytes(n);

  const accountId = newId('account', bytes);
  await storage.accounts.create({
    id: accountId,
    name: 'Northlight Photography',
    subdomain: 'northlight',
    plan: 'pro',
    timezone: 'America/Los_Angeles',
    currency: 'USD',
    locale: 'en-US',
    createdAt: ago(400 * DAY),
  });

  async function user(role: Role, firstName: string, lastName: string): Promise<UserRecord> {
    const record: UserRecord = {
      id: newId('user', bytes),
      accountId,
      email: DEMO_EMAILS[role],
      firstName,
      lastName,
      role,
      passwordHash,
      createdAt: ago(400 * DAY),
    };
    const created = await storage.users.create(record);
    if (!created)
      throw new Error(`Demo user ${record.email} already exists: the database is not empty`);
    return created;
  }
  const owner = await user('owner', 'Elena', 'Marsh');
  const assistant = await user('assistant', 'Theo', 'Park');
  const galleryClient = await user('gallery_client', 'Jordan', 'Quinn');

  // Newest first: one client every three and a half days, back over about five months.
  const clients: ClientRecord[] = [];
  for (const [i, c] of DEMO_CLIENTS.entries()) {
    const record = clientRecord(c, i, accountId, ago(i * 84 * HOUR + 2 * HOUR), random);
    await storage.clients.create(record);
    clients.push(record);
  }

  const notes: Array<Omit<NotificationRecord, 'id' | 'accountId'>> = [];
  const galleries: SeededGallery[] = [];
  for (const c of clients.slice(0, 3)) {
    const noun = contactNoun(c.type);
    notes.push({
      type: 'client_created',
      title: `New ${noun}`,
      message: `${displayName(c)} was added as a ${noun}.`,
      subject: { client_id: c.id },
      readAt: c === clients[0] ? null : c.createdAt,
      createdAt: c.createdAt,
    });
  }

  for (const [i, d] of DEMO_COLLECTIONS.entries()) {
    const createdAt = ago((i + 1) * 9 * DAY);
    const collectionId = await createWithFreshId('collection', random, (id) =>
      storage.collections.create({
        id,
        accountId,
        name: d.name,
        description: d.description,
        passwordProtected: d.passwordProtected === true,
        // Its visitors' password is the demo password, which whoever runs the demo knows.
        passwordHash: d.passwordProtected === true ? passwordHash : null,
        downloadable: true,
        expiryDate: d.expiryDate ?? null,
        sharedWith: d.shared ? [galleryClient.id] : [],
        createdAt,
        updatedAt: createdAt,
      }),
    );
    for (const [j, g] of d.galleries.entries()) {
      const at = new Date(createdAt.getTime() + j * 60_000);
      const galleryId = await createWithFreshId('gallery', random, (id) =>
        storage.galleries.create({
          id,
          collectionId,
          accountId,
          name: g.name,
          description: null,
          private: g.private === true,
          download: true,
          favoriteCount: 0,
          createdAt: at,
          updatedAt: at,
        }),
      );
      galleries.push({ accountId, collectionId, galleryId, collection: d, index: j });
      if (d.shared && g.name === 'Ceremony') {
        const favoritedAt = ago(2 * DAY);
        await storage.galleries.addFavorite(accountId, galleryId, galleryClient.id, favoritedAt);
        notes.push({
          type: 'gallery_favorited',
          title: 'Gallery favorited',
          message: `Jordan Quinn favorited "${g.name}" in "${d.name}".`,
          subject: {
            gallery_id: galleryId,
            collection_id: collectionId,
            user_id: galleryClient.id,
          },
          readAt: null,
          createdAt: favoritedAt,
        });
      }
    }
    if (d.shared) {
      notes.push({
        type: 'collection_shared',
        title: 'Collection shared',
        message: `"${d.name}" was shared with ${galleryClient.email}.`,
        subject: { collection_id: collectionId, user_id: galleryClient.id },
        readAt: ago(DAY),
        createdAt: ago(3 * DAY),
      });
    }
  }

  for (const n of notes) {
    await storage.notifications.create({ id: newId('notification', bytes), accountId, ...n });
  }
  return { owner, assistant, galleryClient, galleries };
}
