import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Collection, FavoriteList, Gallery } from '@proofsheet/protocol';
import {
  type ExportRow,
  exportFilename,
  lightroomText,
  withoutExtension,
} from '../../../src/gallery/proofing/export-formats.js';
import type { PhotoRecord } from '../../../src/storage/ports/photo-store.js';
import { type Credentials, createHarness, type Harness, loginAs } from '../../helpers/harness.js';
import { createCollection, createGallery } from '../../helpers/resources.js';
import { addGalleryClient, addPhoto } from './setup.js';

function row(filename: string): ExportRow {
  return { filename, photoId: 1, galleryId: 1, position: 1, favoritedAt: '' };
}

describe('export formats', () => {
  test('a name loses only its last extension; a dot file keeps its name', () => {
    assert.equal(withoutExtension('DSC_0412.jpg'), 'DSC_0412');
    assert.equal(withoutExtension('IMG.0001.CR3.jpg'), 'IMG.0001.CR3');
    assert.equal(withoutExtension('.hidden'), '.hidden');
    assert.equal(withoutExtension('no-extension'), 'no-extension');
  });

  test('Lightroom gets each name once, comma-separated', () => {
    const rows = ['DSC_0412.jpg', 'DSC_0413.JPG', 'DSC_0412.jpg', 'DSC_0412.NEF'].map(row);
    assert.equal(lightroomText(rows), 'DSC_0412, DSC_0413');
    assert.equal(lightroomText([]), '');
  });

  test('download names are ASCII slugs of the list name', () => {
    assert.equal(exportFilename('Album picks', 'lightroom', 'txt'), 'album-picks-lightroom.txt');
    assert.equal(
      exportFilename('Élodie & Sam’s “best”', 'csv', 'csv'),
      'elodie-sam-s-best-csv.csv',
    );
    assert.equal(exportFilename('📷📷', 'txt', 'txt'), 'favorites-txt.txt');
    assert.equal(exportFilename(`${'a'.repeat(59)} b`, 'txt', 'txt'), `${'a'.repeat(59)}-txt.txt`);
  });
});

describe('GET /api/v1/favorite_lists/:listId/export', () => {
  let h: Harness;
  let owner: Credentials;
  let client: Credentials;
  let partner: Credentials;
  let collection: Collection;
  let list: FavoriteList;
  let photos: PhotoRecord[];

  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner', h.gallery);
    client = await loginAs(h, 'gallery_client');
    const other = await addGalleryClient(h, 'Partner');
    partner = other.creds;
    collection = await createCollection(h, owner, {
      name: 'Export Wedding',
      shared_with: [h.users.gallery_client.email, other.user.email],
    });
    const ceremony: Gallery = await createGallery(h, owner, collection.id, { name: 'Ceremony' });
    h.clock.advance(1);
    const party: Gallery = await createGallery(h, owner, collection.id, { name: 'Party' });
    photos = [
      await addPhoto(h, ceremony, { filename: 'DSC_0412.jpg' }),
      await addPhoto(h, ceremony, { filename: 'DSC_0413.jpg' }),
      await addPhoto(h, party, { filename: '=HYPERLINK("x").jpg' }),
      await addPhoto(h, party, { filename: 'DSC_0412.jpg' }),
      await addPhoto(h, party, { filename: 'DSC_0500.jpg' }),
    ];
    const res = await h.gallery.inject({
      method: 'POST',
      url: `/api/v1/collections/${collection.id}/favorite_lists`,
      headers: client.headers,
      payload: { name: 'Album picks' },
    });
    list = res.json<{ data: FavoriteList }>().data;
    // Favorited out of order: the export is in the collection's order all the same.
    for (const p of [photos[4], photos[1], photos[0], photos[3], photos[2]]) {
      assert.ok(p);
      const added = await h.gallery.inject({
        method: 'POST',
        url: `/api/v1/photos/${p.id}/favorite?list_id=${list.id}`,
        headers: client.headers,
      });
      assert.equal(added.statusCode, 200, added.body);
    }
    const last = photos[4];
    assert.ok(last);
    await h.storage.photos.update(h.accountId, last.id, { hidden: true, updatedAt: h.clock.now() });
  });
  after(() => h.close());

  function exported(creds: Credentials, format?: string) {
    const query = format ? `?format=${format}` : '';
    return h.gallery.inject({
      url: `/api/v1/favorite_lists/${list.id}/export${query}`,
      headers: creds.headers,
    });
  }

  test('Lightroom: names without extensions, comma-separated, once each; hidden ones left out', async () => {
    const res = await exported(owner);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(
      res.headers['content-disposition'],
      'attachment; filename="album-picks-lightroom.txt"',
    );
    assert.equal(res.body, 'DSC_0412, DSC_0413, =HYPERLINK("x")');
    assert.equal((await exported(owner, 'lightroom')).body, res.body);
  });

  test('txt: one file name per line, with extensions, in the collection order', async () => {
    const res = await exported(client, 'txt');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="album-picks-txt.txt"');
    assert.equal(res.body, 'DSC_0412.jpg\nDSC_0413.jpg\n=HYPERLINK("x").jpg\nDSC_0412.jpg\n');
  });

  test('csv: a header and a row per photo, formulas escaped', async () => {
    const res = await exported(owner, 'csv');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="album-picks-csv.csv"');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    assert.equal(lines[0], 'filename,name,photo_id,gallery_id,position,favorited_at');
    assert.equal(lines.length, 5);
    const [p0, , p2] = photos;
    assert.ok(p0 && p2);
    assert.equal(
      lines[1],
      `DSC_0412.jpg,DSC_0412,${p0.id},${p0.galleryId},1,2026-01-15T10:00:00.001000Z`,
    );
    assert.ok(lines[3]?.startsWith(`"'=HYPERLINK(""x"").jpg"`), lines[3]);
  });

  test('another client may not export the list; a bad format is a 400', async () => {
    const res = await exported(partner);
    assert.equal(res.statusCode, 404);
    const bad = await exported(owner, 'pdf');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ code: string }>().code, 'invalid_query');
  });
});
