import { CLIENT_STATUSES, DEFAULT_PER_PAGE, pageLinks, pageMeta } from '@proofsheet/protocol';
import type { ClientRecord, ServerModules } from '../server-modules.js';

const PATH = '/api/v1/clients/';

/**
 * The object Proofsheet answers `GET /api/v1/clients/` with, built by the server's own view
 * function: the baselines serialize exactly this shape, so every target sends the same JSON.
 */
export function clientPage(
  server: ServerModules,
  clients: readonly ClientRecord[],
  total: number,
): unknown {
  const window = { offset: 0, limit: DEFAULT_PER_PAGE, byOffset: false };
  return {
    data: clients.map(server.toClient),
    meta: {
      ...pageMeta(window, total, clients.length, pageLinks(PATH, '', window, total)),
      client_statuses: { ...CLIENT_STATUSES },
      csv_url: 'http://127.0.0.1/api/v1/clients/download_csv',
    },
  };
}
