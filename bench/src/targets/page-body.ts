import { CLIENT_STATUSES, DEFAULT_PER_PAGE, pageMeta } from '@proofsheet/protocol';
import type { ClientRecord, ServerModules } from '../server-modules.js';

/**
 * The object Proofsheet answers `GET /api/v1/clients/` with, built by the server's own view
 * function: the baselines serialize exactly this shape, so every target sends the same JSON.
 */
export function clientPage(
  server: ServerModules,
  clients: readonly ClientRecord[],
  total: number,
): unknown {
  return {
    data: clients.map(server.toClient),
    meta: {
      ...pageMeta(1, DEFAULT_PER_PAGE, total, clients.length),
      client_statuses: { ...CLIENT_STATUSES },
    },
  };
}
