import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Credentials, createHarness, type Harness, loginAs } from '../helpers/harness.js';
import { addPhoto, makeJpeg } from '../helpers/photos.js';
import { createGallery } from '../helpers/resources.js';

const HOSTILE = [
  '1e309',
  '-1e309',
  'Infinity',
  'NaN',
  '1e3',
  '0x10',
  '1.5',
  ' 5',
  '5 ',
  '',
  '-0',
  '99999999999999999999',
  '1%00',
];

describe('hostile numbers in query strings', () => {
  let h: Harness;
  let owner: Credentials;
  before(async () => {
    h = await createHarness();
    owner = await loginAs(h, 'owner');
  });
  after(() => h.close());

  const lists = [
    ['studio', '/api/v1/clients/?page=', 'page'],
    ['studio', '/api/v1/clients/?per_page=', 'per_page'],
    ['studio', '/api/v1/clients/search?q=a&page=', 'page'],
    ['studio', '/api/v1/clients/search?q=a&pageSize=', 'pageSize'],
    ['studio', '/api/v1/notifications/all?limit=', 'limit'],
    ['gallery', '/api/v1/collections?page=', 'page'],
    ['gallery', '/api/v1/collections?per_page=', 'per_page'],
  ] as const;

  for (const [api, prefix, field] of lists) {
    it(`${prefix}… refuses every value that is not a whole number in range, naming ${field}`, async () => {
      for (const value of HOSTILE) {
        const res = await h[api].inject({
          url: prefix + encodeURIComponent(value).replace('%2500', '%00'),
          headers: { cookie: owner.cookie },
        });
        // A NUL breaks the text rule (422) before the number is looked at (400).
        const nul = value.includes('%00');
        assert.equal(
          res.statusCode,
          nul ? 422 : 400,
          `${field}=${JSON.stringify(value)}: ${res.body}`,
        );
        const body = res.json<{ code: string; details: Record<string, string[]> }>();
        assert.equal(body.code, nul ? 'validation_failed' : 'invalid_query');
        assert.ok(body.details[field], `${field}=${JSON.stringify(value)} names ${field}`);
      }
    });
  }

  it('plain decimal numbers still work, and a repeated parameter is refused', async () => {
    const ok = await h.studio.inject({
      url: '/api/v1/clients/?page=2&per_page=10',
      headers: { cookie: owner.cookie },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json<{ meta: { current_page: number } }>().meta.current_page, 2);
    const twice = await h.studio.inject({
      url: '/api/v1/clients/?page=1&page=2',
      headers: { cookie: owner.cookie },
    });
    assert.equal(twice.statusCode, 400);
  });

  it('non-finite numbers cannot arrive in JSON bodies either', async () => {
    const collection = await h.gallery.inject({
      method: 'POST',
      url: '/api/v1/collections',
      headers: { ...owner.headers, 'content-type': 'application/json' },
      payload: `{"name":"x"}`,
    });
    assert.equal(collection.statusCode, 201);
    const collectionId = collection.json<{ data: { id: number } }>().data.id;
    const gallery = await createGallery(h, owner, collectionId);
    const photo = await addPhoto(h, {
      galleryId: gallery.id,
      collectionId,
      bytes: await makeJpeg({ width: 64, height: 48 }),
    });
    for (const position of ['1e309', '-1e309', '1.5', '"3"', '[3]']) {
      const res = await h.gallery.inject({
        method: 'PUT',
        url: `/api/v1/photos/${photo.id}`,
        headers: { ...owner.headers, 'content-type': 'application/json' },
        payload: `{"position":${position}}`,
      });
      assert.equal(res.statusCode, 422, `position ${position}`);
      assert.ok(res.json<{ details: Record<string, string[]> }>().details.position);
    }
    assert.equal((await h.storage.photos.findById(photo.id))?.position, 1, 'never moved');
  });
});
