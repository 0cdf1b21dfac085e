/**
 * Rows for the fuzzer's requests to hit, made through the APIs as their owners would: clients,
 * collections shared with the gallery client and not, one past its expiry date, one with a
 * download PIN, galleries, a favorite and the notifications these raise; photos and a video
 * (stored and processed as an upload leaves them, until there is an upload route); and the same
 * in the second studio, whose rows every fuzzed role must find missing.
 */
import type { MediaKind } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { processStoredPhoto } from '../../src/gallery/photos/processing.js';
import type { FuzzWorld } from './fuzz-world.js';

/** Fixed photo IDs, so that a seed replays against the same rows. */
let nextPhotoId = 1_000_000_001;

/** A photo (processed to `ready`) or a video in a gallery, as an upload would leave it. */
async function addPhoto(
  world: FuzzWorld,
  accountId: string,
  gallery: { id: number; collectionId: number },
  kind: MediaKind,
): Promise<void> {
  const { storage } = world.store;
  const bytes =
    kind === 'photo'
      ? await sharp({ create: { width: 48, height: 32, channels: 3, background: '#a05030' } })
          .jpeg()
          .toBuffer()
      : Buffer.from(`not really a film ${nextPhotoId}`);
  const contentType = kind === 'photo' ? 'image/jpeg' : 'video/mp4';
  const blob = await storage.blobs.put(bytes, { contentType });
  const at = new Date('2026-01-15T10:00:00Z');
  const created = await storage.photos.create({
    id: nextPhotoId++,
    accountId,
    collectionId: gallery.collectionId,
    galleryId: gallery.id,
    kind,
    filename: kind === 'photo' ? 'fixture.jpg' : 'fixture.mp4',
    contentType,
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
    hidden: false,
    favoriteCount: 0,
    uploadedBy: null,
    createdAt: at,
    updatedAt: at,
  });
  if (!('created' in created)) throw new Error(`Fixture photo refused: ${created.refused}`);
  const id = created.created.id;
  const ready =
    kind === 'photo'
      ? await processStoredPhoto({ storage, clock: { now: () => at } }, id)
      : await storage.photos.markReady(
          id,
          {
            width: 16,
            height: 9,
            takenAt: null,
            camera: null,
            lens: null,
            hasGps: false,
            thumbhash: null,
            derivatives: [],
          },
          at,
        );
  if (ready?.status !== 'ready') throw new Error(`Fixture photo ${id} is ${ready?.status}`);
}

async function send(
  app: FastifyInstance,
  who: { cookie: string; csrf: string },
  method: 'POST' | 'PUT',
  url: string,
  payload: object = {},
): Promise<{ data: { id: string | number } }> {
  const response = await app.inject({
    method,
    url,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
    payload,
  });
  if (response.statusCode >= 300) {
    throw new Error(
      `Fixture ${method} ${url} failed with ${response.statusCode}: ${response.body}`,
    );
  }
  return response.json() as { data: { id: string | number } };
}

/** One studio's rows, made by `who` (its owner). */
async function studioRows(
  world: FuzzWorld,
  accountId: string,
  who: { studio: { cookie: string; csrf: string }; gallery: { cookie: string; csrf: string } },
  galleryClientEmail: string,
): Promise<void> {
  const { studio, gallery } = world.apps;
  await send(studio, who.studio, 'POST', '/api/v1/clients', { first_name: 'Ada' });
  await send(studio, who.studio, 'POST', '/api/v1/clients', {
    first_name: 'Grace',
    last_name: 'Hopper',
    email: 'grace@example.com',
    type: 'lead',
    address_info: { city: 'Arlington', state: 'VA' },
    notes: 'Wants a portrait session.',
  });
  const collections = [
    { name: 'Shared', shared_with: [galleryClientEmail] },
    { name: 'Private', downloadable: false },
    { name: 'Expired', expiry_date: '2020-01-01', shared_with: [galleryClientEmail] },
    {
      name: 'Pinned',
      download_pin: '2468',
      download_sizes: ['web'],
      shared_with: [galleryClientEmail],
    },
  ];
  for (const body of collections) {
    const { data } = await send(gallery, who.gallery, 'POST', '/api/v1/collections', body);
    const made = await send(
      gallery,
      who.gallery,
      'POST',
      `/api/v1/collections/${data.id}/galleries`,
      { name: `${body.name} gallery`, photo_count: 12 },
    );
    const inside = { id: Number(made.data.id), collectionId: Number(data.id) };
    await addPhoto(world, accountId, inside, 'photo');
    if (body.name === 'Shared') await addPhoto(world, accountId, inside, 'video');
  }
}

export async function createFixtures(world: FuzzWorld): Promise<void> {
  await studioRows(
    world,
    world.accountId,
    {
      studio: world.credentials('studio', 'owner'),
      gallery: world.credentials('gallery', 'owner'),
    },
    world.users.gallery_client.email,
  );
  // The gallery client favorites the shared gallery: a favorite row and a notification.
  const client = world.credentials('gallery', 'gallery_client');
  const galleries = await world.apps.gallery.inject({
    method: 'GET',
    url: '/api/v1/collections',
    headers: { cookie: client.cookie },
  });
  const shared = (galleries.json() as { data: Array<{ id: number }> }).data[0];
  if (!shared) throw new Error(`The gallery client sees no collection: ${galleries.body}`);
  const inside = await world.apps.gallery.inject({
    method: 'GET',
    url: `/api/v1/collections/${shared.id}/galleries`,
    headers: { cookie: client.cookie },
  });
  const first = (inside.json() as { data: Array<{ id: number }> }).data[0];
  if (!first) throw new Error(`The shared collection has no gallery: ${inside.body}`);
  await send(world.apps.gallery, client, 'POST', `/api/v1/galleries/${first.id}/favorite`);

  // The second studio's owner signs in for this alone; no fuzzed role is of that studio.
  const foreign = world.foreign;
  await studioRows(
    world,
    foreign.accountId,
    {
      studio: await world.signIn('studio', foreign.owner.email),
      gallery: await world.signIn('gallery', foreign.owner.email),
    },
    foreign.galleryClient.email,
  );
}
