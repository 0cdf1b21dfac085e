import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from '../helpers/harness.js';
import {
  type Api,
  documentOf,
  type OpenApiDoc,
  operationsOf,
  resolveResponse,
} from '../helpers/openapi.js';

describe('OpenAPI document', () => {
  let h: Harness;
  const docs = {} as Record<Api, OpenApiDoc>;
  before(async () => {
    h = await createHarness();
    docs.studio = await documentOf(h.studio);
    docs.gallery = await documentOf(h.gallery);
  });
  after(() => h.close());

  const both = () => [
    ...operationsOf('studio', docs.studio),
    ...operationsOf('gallery', docs.gallery),
  ];

  it('each API describes its own routes at /openapi.json, without a session', async () => {
    const doc = docs.studio;
    assert.match(doc.openapi, /^3\./);
    assert.equal(doc.info.title, 'Proofsheet Studio API');
    assert.ok(doc.paths['/api/v1/clients/']?.post, 'client creation is documented');
    assert.ok(doc.paths['/api/v1/clients/search']?.get);
    assert.equal(
      doc.paths['/api/v1/collections'],
      undefined,
      'gallery routes are not in the studio document',
    );
    assert.equal(docs.gallery.info.title, 'Proofsheet Gallery API');
    assert.ok(docs.gallery.paths['/api/v1/collections']?.get);
    assert.equal(docs.gallery.paths['/api/v1/clients/'], undefined);
  });

  it('documents request bodies from the protocol schemas', () => {
    const body =
      docs.studio.paths['/api/v1/clients/']?.post?.requestBody?.content['application/json']?.schema;
    assert.deepEqual(body?.required, ['first_name']);
  });

  it('leaves out pages, assets, the docs, GET /login, CORS preflights and the slash-less alias', () => {
    for (const doc of Object.values(docs)) {
      const paths = Object.keys(doc.paths);
      // `/s/{token}`: a share link's entry form, which JSON clients may post too; `/s/leave`
      // ends that visit, as `/logout` ends a session.
      const outside = paths.filter(
        (p) =>
          !p.startsWith('/api/v1/') &&
          ![
            '/login',
            '/login/mfa',
            '/login/mfa/passkey/options',
            '/login/mfa/passkey',
            '/login/passkey/options',
            '/login/passkey',
            '/logout',
            '/forgot-password',
            '/reset-password',
            '/invitations/accept',
            '/signup/complete',
            '/account/email/confirm',
            '/healthz',
            '/readyz',
            '/s/{token}',
            '/s/leave',
          ].includes(p),
      );
      assert.deepEqual(outside, []);
      assert.equal(doc.paths['/login']?.get, undefined);
      assert.ok(paths.every((p) => !('options' in (doc.paths[p] ?? {}))));
    }
    assert.equal(docs.studio.paths['/api/v1/clients'], undefined);
  });

  it('gives every operation a unique camelCase operationId, a summary and one known tag', () => {
    const ops = both();
    assert.ok(ops.length >= 40, `${ops.length} operations`);
    for (const api of ['studio', 'gallery'] as const) {
      const ids = operationsOf(api, docs[api]).map((o) => o.operation.operationId);
      assert.equal(new Set(ids).size, ids.length, `unique in the ${api} document`);
      const tags = new Set(docs[api].tags?.map((t) => t.name));
      for (const { method, path, operation } of operationsOf(api, docs[api])) {
        const where = `${api} ${method} ${path}`;
        assert.match(operation.operationId ?? '', /^[a-z][a-zA-Z0-9]*$/, where);
        assert.ok(operation.summary, `${where} has a summary`);
        assert.equal(operation.tags?.length, 1, where);
        assert.ok(tags.has(operation.tags?.[0] ?? ''), `${where}'s tag is listed`);
      }
    }
    const studio = operationsOf('studio', docs.studio).map((o) => o.operation.operationId);
    for (const id of ['listClients', 'getClient', 'createClient', 'markAllNotificationsRead']) {
      assert.ok(studio.includes(id), id);
    }
    // The Gallery API's own tags come after Auth, in the documents' order, and Health last.
    const galleryTags = docs.gallery.tags?.map((t) => t.name) ?? [];
    assert.deepEqual(galleryTags.slice(0, 4), ['Auth', 'Bootstrap', 'Collections', 'Galleries']);
    assert.equal(galleryTags.at(-1), 'Health');
    for (const tag of ['Photos', 'Watermarks', 'Proofing', 'Downloads', 'Sharing'])
      assert.ok(galleryTags.includes(tag), tag);
  });

  it('requires the session cookie where the route does, and the CSRF header on unsafe methods', () => {
    const security = (api: Api, method: string, path: string) =>
      docs[api].paths[path]?.[method]?.security;
    assert.deepEqual(security('studio', 'get', '/api/v1/clients/'), [{ sessionCookie: [] }]);
    assert.deepEqual(security('studio', 'post', '/api/v1/notifications/read_all'), [
      { sessionCookie: [], csrfHeader: [] },
    ]);
    assert.deepEqual(security('gallery', 'delete', '/api/v1/collections/{id}'), [
      { sessionCookie: [], csrfHeader: [] },
    ]);
    for (const path of ['/login', '/healthz', '/readyz']) {
      const method = path === '/login' ? 'post' : 'get';
      assert.deepEqual(security('studio', method, path), [], path);
    }
    assert.deepEqual(security('studio', 'post', '/api/v1/session/refresh'), [
      { authTokenCookie: [] },
    ]);
    assert.deepEqual(security('gallery', 'post', '/logout'), [
      { sessionCookie: [], csrfHeader: [] },
      { authTokenCookie: [] },
      {},
    ]);
    // The Gallery API's routes that share-link visitors may call too, each listed on purpose.
    const forVisitors = new Set([
      'getCsrfToken',
      'listCollections',
      'getCollection',
      'getCollectionBeforeShow',
      'listGalleries',
      'favoriteGallery',
      'listPhotos',
      'getPhoto',
      'getPhotoImage',
      'getPhotoVideo',
      'favoritePhoto',
      'unfavoritePhoto',
      'listFavoriteLists',
      'createFavoriteList',
      'updateFavoriteList',
      'deleteFavoriteList',
      'submitFavoriteList',
      'exportFavoriteList',
      'listCollectionFavorites',
      'listStarredPhotos',
      'listPhotoComments',
      'createPhotoComment',
      'deletePhotoComment',
      'downloadPhoto',
      'giveDownloadPin',
      'getBeforeDownloadSettings',
      'downloadGallery',
      'downloadCollection',
    ]);
    for (const { api, method, path, operation } of both()) {
      const unsafe = !['GET', 'HEAD'].includes(method);
      if (!path.startsWith('/api/v1/') || path === '/api/v1/session/refresh') continue;
      // Signing up is what someone without an account does; it is throttled instead.
      if (path === '/api/v1/signup') {
        assert.deepEqual(operation.security, [], `${api} ${method} ${path}`);
        continue;
      }
      const csrf: Record<string, never[]> = unsafe ? { csrfHeader: [] } : {};
      const expected: Array<Record<string, never[]>> = [{ sessionCookie: [], ...csrf }];
      if (api === 'gallery' && forVisitors.has(operation.operationId ?? '')) {
        expected.push({ visitorCookie: [], ...csrf });
      }
      assert.deepEqual(operation.security, expected, `${api} ${method} ${path}`);
    }
    assert.deepEqual(security('gallery', 'post', '/s/{token}'), []);
    const schemes = docs.studio.components.securitySchemes ?? {};
    assert.deepEqual(
      Object.fromEntries(Object.entries(schemes).map(([k, v]) => [k, `${v.in}:${v.name}`])),
      {
        sessionCookie: 'cookie:session_cookie',
        csrfHeader: 'header:X-CSRF-Token',
        authTokenCookie: 'cookie:auth_token',
      },
    );
    assert.equal(
      docs.gallery.components.securitySchemes?.visitorCookie?.name,
      'visitor_session',
      "the Gallery API's visitors",
    );
  });

  it('documents /login and /logout with JSON and form bodies', () => {
    for (const path of ['/login', '/logout']) {
      const body = docs.studio.paths[path]?.post?.requestBody;
      assert.deepEqual(
        Object.keys(body?.content ?? {}).sort(),
        ['application/json', 'application/x-www-form-urlencoded'],
        path,
      );
      assert.equal(body?.required, path === '/login', `${path}'s body is required or not`);
    }
  });

  it('has an example for every body, every success and every error', () => {
    for (const api of ['studio', 'gallery'] as const) {
      for (const { method, path, operation } of operationsOf(api, docs[api])) {
        const where = `${api} ${method} ${path}`;
        for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
          assert.ok(media.example ?? media.examples, `${where}: the ${type} body`);
        }
        for (const [status, raw] of Object.entries(operation.responses)) {
          const response = resolveResponse(docs[api], raw);
          assert.ok(response.description, `${where} ${status} is described`);
          for (const [type, media] of Object.entries(response.content ?? {})) {
            assert.ok(media.example !== undefined || media.examples, `${where} ${status} ${type}`);
          }
          // Errors share one response per status; a probe's 503 is its health report, and a
          // sign-in form's errors are the page again for browsers, beside the error body.
          const report = status === '503' && (path === '/healthz' || path === '/readyz');
          const page = raw.content?.['text/html'] !== undefined;
          if (Number(status) >= 400 && !report) {
            const schema = raw.content?.['application/json']?.schema;
            // A union (sign-in's 401: an error, or the second factor's request) starts with it.
            const first = (schema?.anyOf as { $ref?: string }[] | undefined)?.[0];
            const ref = page ? (schema?.$ref ?? first?.$ref) : raw.$ref;
            assert.match(
              String(ref),
              /^#\/components\/(responses|schemas)\//,
              `${where} ${status}`,
            );
          }
        }
      }
    }
    const forbidden = docs.studio.components.responses?.Forbidden;
    const examples = forbidden?.content?.['application/json']?.examples ?? {};
    assert.deepEqual(Object.keys(examples), [
      'forbidden',
      'csrf_mismatch',
      'cross_site',
      'download_not_allowed',
      'download_pin_required',
      'download_pin_wrong',
      'password_required',
      'recent_sign_in_required',
      'sign_up_closed',
    ]);
    assert.deepEqual(examples.csrf_mismatch?.value, {
      error: 'Forbidden',
      message: 'CSRF token mismatch',
      code: 'csrf_mismatch',
    });
  });

  it('serves from this origin unless a public URL is configured, with __Host- names over HTTPS', async () => {
    assert.deepEqual(
      docs.studio.servers?.map((s) => s.url),
      ['/'],
    );
    const published = await createHarness({
      publicStudioUrl: 'https://studio.example.com',
      publicGalleryUrl: 'https://gallery.example.com',
    });
    try {
      const studio = await documentOf(published.studio);
      const gallery = await documentOf(published.gallery);
      assert.deepEqual(
        studio.servers?.map((s) => s.url),
        ['https://studio.example.com'],
      );
      assert.deepEqual(
        gallery.servers?.map((s) => s.url),
        ['https://gallery.example.com'],
      );
      assert.equal(studio.components.securitySchemes?.sessionCookie?.name, '__Host-session_cookie');
    } finally {
      await published.close();
    }
  });

  it('is the same document every time it is generated', async () => {
    const again = await createHarness();
    try {
      assert.equal(JSON.stringify(await documentOf(again.studio)), JSON.stringify(docs.studio));
      assert.equal(JSON.stringify(await documentOf(again.gallery)), JSON.stringify(docs.gallery));
    } finally {
      await again.close();
    }
  });
});
