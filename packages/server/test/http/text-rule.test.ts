import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Storage } from '../../src/storage/ports/storage.js';
import { createTestStudio } from '../../src/testing.js';
import { type Credentials, type Harness, loginAs } from '../helpers/harness.js';
import { openPostgresStorage } from '../helpers/open-storage.js';
import { postgresService, type TestSchema } from '../helpers/services.js';

const NUL = 'a\u0000b';
const LONE_HIGH = 'a\ud800b';
const LONE_LOW = '\udc00';

/** The same rule on every store: the text is refused before any store sees it. */
function describeTextRule(
  name: string,
  open: () => Promise<Storage | undefined>,
  skip: string | false,
) {
  describe(`the text rule on ${name}`, { skip }, () => {
    let h: Harness;
    let owner: Credentials;
    before(async () => {
      const storage = await open();
      h = await createTestStudio({}, storage ? { storage } : {});
      owner = await loginAs(h, 'owner');
    });
    after(() => h?.close());

    const json = (api: 'studio' | 'gallery', method: 'POST' | 'PUT', url: string, body: unknown) =>
      h[api].inject({
        method,
        url,
        headers: { ...owner.headers, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });

    function assertRefused(res: { statusCode: number; json<T>(): T }, field: string) {
      assert.equal(res.statusCode, 422);
      const body = res.json<{ code: string; details: Record<string, string[]> }>();
      assert.equal(body.code, 'validation_failed');
      assert.ok(body.details[field], `names ${field}: ${JSON.stringify(body.details)}`);
    }

    it('NUL and lone surrogates in a search are a 422 naming q', async () => {
      for (const q of ['%00abc', 'abc%00', encodeURIComponent('x').concat('%ED%A0%80')]) {
        const res = await h.studio.inject({
          url: `/api/v1/clients/search?q=${q}`,
          headers: { cookie: owner.cookie },
        });
        // %ED%A0%80 is a surrogate encoded as UTF-8, which is not UTF-8: it decodes to U+FFFD.
        if (q.endsWith('%ED%A0%80')) assert.equal(res.statusCode, 200);
        else assertRefused(res, 'q');
      }
    });

    it('every text field of a client refuses NUL and lone surrogates, at every depth', async () => {
      for (const bad of [NUL, LONE_HIGH, LONE_LOW]) {
        assertRefused(
          await json('studio', 'POST', '/api/v1/clients/', { first_name: bad }),
          'first_name',
        );
        assertRefused(
          await json('studio', 'POST', '/api/v1/clients/', { first_name: 'A', notes: bad }),
          'notes',
        );
        assertRefused(
          await json('studio', 'POST', '/api/v1/clients/', {
            first_name: 'A',
            address_info: { city: bad },
          }),
          'address_info.city',
        );
      }
      const list = await h.studio.inject({
        url: '/api/v1/clients/',
        headers: { cookie: owner.cookie },
      });
      assert.equal(list.json<{ meta: { total: number } }>().meta.total, 0, 'nothing was stored');
    });

    it('a key with NUL is refused too, and a proper surrogate pair is kept as sent', async () => {
      assertRefused(
        await json('studio', 'POST', '/api/v1/clients/', { first_name: 'A', [`x${NUL}`]: 1 }),
        'body',
      );
      const emoji = 'Zoë 📷';
      const res = await json('studio', 'POST', '/api/v1/clients/', { first_name: emoji });
      assert.equal(res.statusCode, 201);
      const id = res.json<{ data: { id: string } }>().data.id;
      const read = await h.studio.inject({
        url: `/api/v1/clients/${id}`,
        headers: { cookie: owner.cookie },
      });
      assert.equal(read.json<{ data: { first_name: string } }>().data.first_name, emoji);
    });

    it('collections, galleries and updates follow the same rule', async () => {
      assertRefused(await json('gallery', 'POST', '/api/v1/collections', { name: NUL }), 'name');
      const created = await json('gallery', 'POST', '/api/v1/collections', { name: 'Wedding' });
      assert.equal(created.statusCode, 201);
      const id = created.json<{ data: { id: number } }>().data.id;
      assertRefused(
        await json('gallery', 'PUT', `/api/v1/collections/${id}`, { description: LONE_HIGH }),
        'description',
      );
      assertRefused(
        await json('gallery', 'POST', `/api/v1/collections/${id}/galleries`, { name: LONE_LOW }),
        'name',
      );
      const read = await h.gallery.inject({
        url: `/api/v1/collections/${id}`,
        headers: { cookie: owner.cookie },
      });
      assert.equal(read.json<{ data: { description: null } }>().data.description, null);
    });

    it('a login with NUL in the email is a 422, not a lookup', async () => {
      const res = await h.studio.inject({
        method: 'POST',
        url: '/login',
        payload: { email: `owner${NUL}@example.com`, password: 'x' },
      });
      assertRefused(res, 'email');
    });

    it('path parameters follow it too', async () => {
      const res = await h.studio.inject({
        url: '/api/v1/clients/cl_%00',
        headers: { cookie: owner.cookie },
      });
      assertRefused(res, 'id');
    });
  });
}

describeTextRule('SQLite', async () => undefined, false);

const postgres = await postgresService();
const schemas: TestSchema[] = [];
after(() => Promise.all(schemas.map((s) => s.drop())));
describeTextRule(
  'PostgreSQL',
  async () => {
    const schema = await postgres.createSchema();
    schemas.push(schema);
    return openPostgresStorage(schema.url, { searchPath: schema.schema });
  },
  postgres.skip,
);
