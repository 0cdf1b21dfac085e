import type { FastifyRequest } from 'fastify';

/**
 * This API's base URL as its callers reach it: the configured public URL behind a proxy, else
 * the request's own scheme and host. Links the API hands out (`csv_url`, `custom_url`) use it,
 * never a third party's host.
 */
export function publicBase(configured: string | null, request: FastifyRequest): string {
  return configured ?? `${request.protocol}://${request.host}`;
}
