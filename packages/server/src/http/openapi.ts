import fastifySwagger from '@fastify/swagger';
import { COOKIE_NAMES, HEADERS } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';

/**
 * An OpenAPI 3 document of one API, generated from the same route schemas that validate
 * requests, so it cannot drift from what the server accepts. Served at `/openapi.json`
 * (outside `/api/v1`, where everything needs a session). Register before the routes: the
 * plugin learns them as they are added.
 */
export async function registerOpenApi(app: FastifyInstance, api: 'studio' | 'gallery') {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: api === 'studio' ? 'Proofsheet Studio API' : 'Proofsheet Gallery API',
        version: '1',
        description:
          'Session-cookie authentication: POST /login, then send the cookies; unsafe methods also need the X-CSRF-Token header.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: COOKIE_NAMES.session },
          csrf: { type: 'apiKey', in: 'header', name: HEADERS.csrfToken },
        },
      },
      security: [{ session: [] }],
    },
  });
  app.get('/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
