import { ErrorBody, HealthReport } from '@proofsheet/protocol';
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
  // The limits hold for probes too: a URL over the limit (414), a query that breaks the text
  // rule (422), the IP's rate limit (429).
  const response = {
    200: HealthReport,
    414: ErrorBody,
    422: ErrorBody,
    429: ErrorBody,
    500: ErrorBody,
    503: HealthReport,
  };
  const live = {
    operationId: 'getHealth',
    summary: 'Liveness: the process answers, naming the state of each dependency',
    description: 'Always 200 while the process runs, even with a dependency down.',
    tags: ['Health'],
    response,
  };
  app.get('/healthz', { config, schema: live }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', checks: await checksOf(options.storage) };
  });
  const ready = {
    operationId: 'getReadiness',
    summary: 'Readiness: 503 while any dependency is down',
    tags: ['Health'],
    response,
  };
  app.get('/readyz', { config, schema: ready }, async (_request, reply) => {
    const checks = await checksOf(options.storage);
    const ready = Object.values(checks).every(Boolean);
    reply.header('cache-control', 'no-store');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });
}
