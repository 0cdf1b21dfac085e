/**
 * Rows for the fuzzer's requests to hit, made through the APIs as their owners would: clients,
 * collections shared with the gallery client and not, one past its expiry date, one with a
 * download PIN offering web size only, galleries, a share link of each, a favorite and the
 * notifications these raise; favorites lists and comments on photos; and the same in the
 * second studio (a passkey among them), whose rows every fuzzed role must find missing. Photos go straight into
 * storage (ready, hidden, still processing, failed, and a video), as the upload route is not
 * what is fuzzed for them.
 */
import { newId } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { addPhoto, addVideo, makeJpeg } from '../helpers/photos.js';
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

/**
 * A gallery's photos: two ready (so that one can be the cover), a hidden, a waiting, a failed,
 * and a ready video. Returns the IDs of the two ready photos.
 */
async function galleryPhotos(
  world: FuzzWorld,
  accountId: string,
  ids: { galleryId: number; collectionId: number },
): Promise<number[]> {
  const target = {
    storage: world.store.storage,
    accountId,
    clock: world.clock,
    random: world.random,
  };
  const small = (n: number) => makeJpeg({ width: 48 + n, height: 32 });
  const ready = [
    await addPhoto(target, { ...ids, bytes: await small(0) }),
    await addPhoto(target, { ...ids, bytes: await small(1) }),
  ];
  await addPhoto(target, { ...ids, bytes: await small(2), hidden: true });
  await addPhoto(target, { ...ids, bytes: await small(3), process: false });
  await addPhoto(target, { ...ids, bytes: Buffer.from('no image here') });
  // A ready video, so that the video route has bytes to send (and ranges to cut) when fuzzed.
  await addVideo(target, ids);
  return ready.map((p) => p.id);
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
  shared: { collection: number; photos: number[] },
): Promise<void> {
  const { gallery } = world.apps;
  const [first, second] = shared.photos;
  await send(gallery, client, 'POST', `/api/v1/photos/${first}/favorite`);
  const { data: list } = await send(
    gallery,
    owner,
    'POST',
    `/api/v1/collections/${shared.collection}/favorite_lists`,
    { name: 'Album picks', min_selection: 1, max_selection: 2, owner_id: clientId },
  );
  await send(gallery, client, 'POST', `/api/v1/photos/${second}/favorite?list_id=${list.id}`);
  await send(gallery, client, 'POST', `/api/v1/photos/${first}/comments`, { text: 'Warmer?' });
  await send(gallery, owner, 'POST', `/api/v1/photos/${first}/comments`, { text: 'Sure.' });
}

/** One studio's rows, made by `who` (its owner); returns the shared collection and its photos. */
async function studioRows(
  world: FuzzWorld,
  accountId: string,
  who: { studio: { cookie: string; csrf: string }; gallery: { cookie: string; csrf: string } },
  galleryClientEmail: string,
): Promise<{ collection: number; photos: number[] }> {
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
  const made: Array<{ collection: number; photos: number[] }> = [];
  for (const body of collections) {
    const { data } = await send(gallery, who.gallery, 'POST', '/api/v1/collections', body);
    const inside = await send(
      gallery,
      who.gallery,
      'POST',
      `/api/v1/collections/${data.id}/galleries`,
      {
        name: `${body.name} gallery`,
      },
    );
    const photos = await galleryPhotos(world, accountId, {
      galleryId: Number(inside.data.id),
      collectionId: Number(data.id),
    });
    // A share link of each, for the link routes to list, count and revoke.
    await send(gallery, who.gallery, 'POST', `/api/v1/collections/${data.id}/share_links`, {
      downloads: 'web',
      ...(body.name === 'Shared' ? { password: 'link password' } : {}),
    });
    made.push({ collection: Number(data.id), photos });
  }
  const shared = made[0];
  if (!shared) throw new Error('No collection was made');
  return shared;
}

export async function createFixtures(world: FuzzWorld): Promise<void> {
  const home = await studioRows(
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
  await proofingRows(
    world,
    world.credentials('gallery', 'owner'),
    client,
    world.users.gallery_client.id,
    home,
  );

  // The visitor role enters a link of the shared collection.
  await world.admitVisitor();

  // The second studio's owner signs in for this alone; no fuzzed role is of that studio.
  const foreign = world.foreign;
  const foreignOwner = await world.signIn('gallery', foreign.owner.email);
  const theirs = await studioRows(
    world,
    foreign.accountId,
    { studio: await world.signIn('studio', foreign.owner.email), gallery: foreignOwner },
    foreign.galleryClient.email,
  );
  await proofingRows(
    world,
    foreignOwner,
    await world.signIn('gallery', foreign.galleryClient.email),
    foreign.galleryClient.id,
    theirs,
  );

  // A passkey of the other studio's client, made last (their password sign-ins are over): the
  // fuzzed roles' renames and removals must find it missing.
  await world.store.storage.passkeys.create({
    id: newId('passkey', (n) => world.random.bytes(n)),
    userId: foreign.galleryClient.id,
    accountId: foreign.accountId,
    credentialId: 'Zm9yZWlnbi1wYXNza2V5',
    publicKey: 'pQECAyYgASFYIA',
    counter: 0,
    transports: ['internal'],
    name: 'Foreign phone',
    backedUp: false,
    createdAt: world.clock.now(),
    lastUsedAt: null,
  });
}
