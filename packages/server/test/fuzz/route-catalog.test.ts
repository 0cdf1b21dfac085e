import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ApiKind } from '../../src/app.js';
import { createTestStudio, type TestStudio } from '../../src/testing.js';
import {
  documentedOperations,
  HIDDEN_ROUTES,
  isHiddenRoute,
  parseRouteTree,
  registeredRoutes,
  routeCatalog,
  routeName,
} from './route-catalog.js';

describe("the fuzzer's route catalog", () => {
  let t: TestStudio;
  before(async () => {
    t = await createTestStudio();
  });
  after(() => t.close());

  const apps = (): Array<[ApiKind, FastifyInstance]> => [
    ['studio', t.studio],
    ['gallery', t.gallery],
  ];

  it('reads nested nodes of the router listing as whole paths, wildcards too', () => {
    const tree = [
      '└── (empty root node)',
      '    ├── / (GET, HEAD)',
      '    │   ├── api/v1/session (GET, HEAD)',
      '    │   │   ├── /refresh (POST)',
      '    │   │   └── s (GET, HEAD)',
      '    │   │       └── /:id (DELETE)',
      '    │   ├── assets/',
      '    │   │   ├── app.css (GET, HEAD)',
      '    │   │   └── * (GET, HEAD)',
      '    │   └── login (GET, HEAD, POST)',
      '    └── * (OPTIONS)',
    ].join('\n');
    assert.deepEqual(parseRouteTree(tree).map(routeName), [
      'GET /',
      'GET /api/v1/session',
      'POST /api/v1/session/refresh',
      'GET /api/v1/sessions',
      'DELETE /api/v1/sessions/:id',
      'GET /assets/app.css',
      'GET /assets/*',
      'GET /login',
      'POST /login',
    ]);
  });

  it('holds every route the router serves, each one a route the router knows', async () => {
    for (const [api, app] of apps()) {
      await app.ready();
      const routes = registeredRoutes(app);
      assert.ok(routes.length >= 20, `${api}: the listing was read (${routes.length} routes)`);
      for (const route of routes) {
        assert.ok(app.hasRoute(route), `${api}: ${routeName(route)} is a route`);
      }
      const catalog = await routeCatalog(app, api);
      assert.deepEqual(catalog.map(routeName), routes.map(routeName));
    }
  });

  it('knows what each route takes: every route is in the OpenAPI document unless hidden on purpose', async () => {
    const everywhere: string[] = [];
    for (const [api, app] of apps()) {
      await app.ready();
      const documented = documentedOperations(app);
      const registered = registeredRoutes(app).map(routeName);
      everywhere.push(...registered);
      const undocumented = registered.filter((r) => !documented.has(r) && !isHiddenRoute(r));
      assert.deepEqual(undocumented, [], `${api}: routes the fuzzer knows no schema of`);
      const unknown = [...documented.keys()].filter((r) => !registered.includes(r));
      assert.deepEqual(unknown, [], `${api}: documented routes missing from the router listing`);
      for (const r of registered.filter(isHiddenRoute)) {
        assert.ok(!documented.has(r), `${api}: ${r} is hidden, so not in the document`);
      }
    }
    // Every reason to hide a route still names a route, so the list cannot rot.
    for (const rule of HIDDEN_ROUTES) {
      assert.ok(
        everywhere.some((r) => rule.matches.test(r)),
        `a hidden-route rule matches nothing: ${rule.matches}`,
      );
    }
  });
});
