/**
 * Rows for the fuzzer's requests to hit, made through the APIs as their owners would: clients,
 * collections shared with the gallery client and not, one past its expiry date, galleries, a
 * favorite and the notifications these raise; photos (written to the stores and processed, until
 * an upload route exists), favorites lists and comments; and the same in the second studio,
 * whose rows every fuzzed role must find missing.
 */
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { processStoredPhoto } from '../../src/gallery/photos/processing.js';
import type { FuzzWorld } from './fuzz-world.js';

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

const FIXTURE_TIME = new Date('2026-01-15T10:00:00Z');
let nextPhotoId = 1_500_000_000;

/** Two processed photos in a gallery, as an upload would leave them. */
async function addPhotos(
  world: FuzzWorld,
  accountId: string,
  collectionId: number,
  galleryId: number,
): Promise<number[]> {
  const { storage } = world.store;
  const bytes = await sharp({
    create: { width: 32, height: 24, channels: 3, background: '#808080' },
  })
    .jpeg()
    .toBuffer();
  const blob = await storage.blobs.put(bytes, { contentType: 'image/jpeg' });
  const ids: number[] = [];
  for (const filename of ['DSC_0001.jpg', 'DSC_0002.jpg']) {
    nextPhotoId += 1;
    const created = await storage.photos.create({
      id: nextPhotoId,
      accountId,
      collectionId,
      galleryId,
      kind: 'photo',
      filename,
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
      hidden: false,
      favoriteCount: 0,
      uploadedBy: null,
      createdAt: FIXTURE_TIME,
      updatedAt: FIXTURE_TIME,
    });
    if (!('created' in created)) throw new Error(`Fixture photo refused: ${created.refused}`);
    await processStoredPhoto({ storage, clock: { now: () => FIXTURE_TIME } }, nextPhotoId);
    ids.push(nextPhotoId);
  }
  return ids;
}

/**
 * Proofing rows in a collection shared with the client: a favorite in their default list, a
 * studio-made list with limits holding one, and a comment each from the client and the studio.
 */
async function proofingRows(
  world: FuzzWorld,
  owner: { cookie: string; csrf: string },
  client: { cookie: string; csrf: string },
  clientId: string,
  collectionId: number,
  photoIds: number[],
): Promise<void> {
  const { gallery } = world.apps;
  const [first, second] = photoIds;
  await send(gallery, client, 'POST', `/api/v1/photos/${first}/favorite`);
  const { data: list } = await send(
    gallery,
    owner,
    'POST',
    `/api/v1/collections/${collectionId}/favorite_lists`,
    { name: 'Album picks', min_selection: 1, max_selection: 2, owner_id: clientId },
  );
  await send(gallery, client, 'POST', `/api/v1/photos/${second}/favorite?list_id=${list.id}`);
  await send(gallery, client, 'POST', `/api/v1/photos/${first}/comments`, { text: 'Warmer?' });
  await send(gallery, owner, 'POST', `/api/v1/photos/${first}/comments`, { text: 'Sure.' });
}

/** One studio's rows, made by `who` (its owner). */
async function studioRows(
  world: FuzzWorld,
  who: { studio: { cookie: string; csrf: string }; gallery: { cookie: string; csrf: string } },
  galleryClientEmail: string,
  accountId: string,
): Promise<{ sharedCollection: number; sharedPhotos: number[] }> {
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
  ];
  const made: Array<{ collection: number; photos: number[] }> = [];
  for (const body of collections) {
    const { data } = await send(gallery, who.gallery, 'POST', '/api/v1/collections', body);
    const inside = await send(
      gallery,
      who.gallery,
      'POST',
      `/api/v1/collections/${data.id}/galleries`,
      { name: `${body.name} gallery`, photo_count: 12 },
    );
    const collection = Number(data.id);
    made.push({
      collection,
      photos: await addPhotos(world, accountId, collection, Number(inside.data.id)),
    });
  }
  const shared = made[0];
  if (!shared) throw new Error('No shared collection was made');
  return { sharedCollection: shared.collection, sharedPhotos: shared.photos };
}

export async function createFixtures(world: FuzzWorld): Promise<void> {
  const home = await studioRows(
    world,
    {
      studio: world.credentials('studio', 'owner'),
      gallery: world.credentials('gallery', 'owner'),
    },
    world.users.gallery_client.email,
    world.accountId,
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
  await proofingRows(
    world,
    world.credentials('gallery', 'owner'),
    client,
    world.users.gallery_client.id,
    home.sharedCollection,
    home.sharedPhotos,
  );

  // The second studio's owner signs in for this alone; no fuzzed role is of that studio.
  const foreign = world.foreign;
  const foreignOwner = await world.signIn('gallery', foreign.owner.email);
  const theirs = await studioRows(
    world,
    { studio: await world.signIn('studio', foreign.owner.email), gallery: foreignOwner },
    foreign.galleryClient.email,
    foreign.accountId,
  );
  await proofingRows(
    world,
    foreignOwner,
    await world.signIn('gallery', foreign.galleryClient.email),
    foreign.galleryClient.id,
    theirs.sharedCollection,
    theirs.sharedPhotos,
  );
}
