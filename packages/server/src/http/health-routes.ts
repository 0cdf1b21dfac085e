import type { FastifyInstance } from 'fastify';
import type { Storage } from '../storage/ports.js';

/** `/healthz`: the process answers. `/readyz`: its dependencies answer too. */
export async function healthRoutes(app: FastifyInstance, options: { storage: Storage }) {
  app.get('/healthz', { config: { auth: 'none' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'none' } }, async (_request, reply) => {
    let checks: Record<string, boolean>;
    try {
      checks = await options.storage.health();
    } catch {
      checks = { storage: false };
    }
    const ready = Object.values(checks).every(Boolean);
    reply.header('cache-control', 'no-store');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });
}
