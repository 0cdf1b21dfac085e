import { HealthReport } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { Storage } from '../storage/ports/storage.js';

async function checksOf(storage: Storage): Promise<Record<string, boolean>> {
  try {
    return await storage.health();
  } catch {
    return { storage: false };
  }
}

/**
 * `/healthz`: the process answers (always 200, so a liveness probe does not restart instances
 * for a database outage), naming each dependency's state. `/readyz`: 503 while any dependency
 * is down, so a load balancer routes around the instance until it recovers.
 */
export async function healthRoutes(app: FastifyInstance, options: { storage: Storage }) {
  const config = { auth: 'none', rateLimitSkipOnError: true } as const;
  const schema = { response: { 200: HealthReport, 503: HealthReport } };
  app.get('/healthz', { config, schema }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', checks: await checksOf(options.storage) };
  });
  app.get('/readyz', { config, schema }, async (_request, reply) => {
    const checks = await checksOf(options.storage);
    const ready = Object.values(checks).every(Boolean);
    reply.header('cache-control', 'no-store');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });
}
