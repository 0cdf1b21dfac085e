import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from '../helpers/harness.js';

describe('OpenAPI document', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('each API describes its own routes at /openapi.json, without a session', async () => {
    const studio = await h.studio.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(studio.statusCode, 200);
    const doc = studio.json() as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, unknown>>;
    };
    assert.match(doc.openapi, /^3\./);
    assert.equal(doc.info.title, 'Proofsheet Studio API');
    assert.ok(doc.paths['/api/v1/clients/']?.post, 'client creation is documented');
    assert.ok(doc.paths['/api/v1/clients/search']?.get);
    assert.equal(
      doc.paths['/api/v1/collections'],
      undefined,
      'gallery routes are not in the studio document',
    );

    const gallery = (
      await h.gallery.inject({ method: 'GET', url: '/openapi.json' })
    ).json() as typeof doc;
    assert.ok(gallery.paths['/api/v1/collections']?.get);
    assert.equal(gallery.paths['/api/v1/clients/'], undefined);
  });

  it('documents request bodies from the protocol schemas', async () => {
    const doc = (await h.studio.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }
        >
      >;
    };
    const body =
      doc.paths['/api/v1/clients/']?.post?.requestBody?.content['application/json']?.schema;
    assert.deepEqual(body?.required, ['first_name']);
  });
});
