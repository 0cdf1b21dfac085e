import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ClientCsvQuery, parseClientTypes } from '@proofsheet/protocol';
import { Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { responses } from '../../http/responses.js';
import { STAFF } from '../../http/role-sets.js';
import type { ClientQuery } from '../../storage/ports/client-store.js';
import { toClient } from './view.js';

/** The CSV download of an account's clients, which a client list's `meta.csv_url` names. */
export const CSV_PATH = '/clients/download_csv';

const COLUMNS = [
  'id',
  'type',
  'status_name',
  'first_name',
  'last_name',
  'email',
  'phone',
  'company',
  'job_title',
  'address_line_1',
  'address_line_2',
  'city',
  'state',
  'postal_code',
  'country',
  'notes',
  'created_at',
  'updated_at',
] as const;

/** Clients read per query while the file streams out. */
const BATCH = 100;

/**
 * `GET /api/v1/clients/download_csv`: every client of the account (or of the `types` given)
 * as CSV, streamed a batch at a time so a large studio does not sit in memory. Cells that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` …) are escaped.
 */
export async function clientCsvRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<'clients'>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  async function* rows(query: Omit<ClientQuery, 'offset' | 'limit'>): AsyncGenerator<string> {
    yield stringify([[...COLUMNS]], { bom: true });
    for (let offset = 0; ; offset += BATCH) {
      const { items } = await ctx.storage.clients.list({ ...query, offset, limit: BATCH });
      if (items.length === 0) return;
      const records = items.map((record) => {
        const c = toClient(record);
        const flat: Record<string, unknown> = { ...c, ...c.address_info };
        return COLUMNS.map((column) => flat[column] ?? '');
      });
      yield stringify(records, { escape_formulas: true });
      if (items.length < BATCH) return;
    }
  }

  app.get(
    CSV_PATH,
    {
      schema: {
        operationId: 'downloadClientsCsv',
        summary: 'Download every client as CSV',
        description:
          'Staff only. `types` filters as the list does. Cells a spreadsheet would run as a formula are escaped.',
        tags: ['Clients'],
        querystring: ClientCsvQuery,
        response: responses({
          200: {
            description: 'Every client as CSV, with a header row',
            content: {
              'text/csv': {
                schema: Type.String(),
                example: `${COLUMNS.join(',')}\r\ncl_yt66iZb6VzarnvboEzX6KS5JVYUq15,client,Active,Ada,Lovelace,ada@example.com,+1 555 0100,Analytical Engines Ltd,,12 Harbor Street,,Portland,OR,97201,United States,,2026-03-14T09:26:53.000000Z,2026-03-14T09:26:53.000000Z\r\n`,
              },
            },
          },
        }),
      },
      config: { roles: STAFF },
    },
    (request, reply) => {
      const { accountId } = signedIn(request).login;
      const stream = Readable.from(
        rows({ accountId, types: parseClientTypes(request.query.types) }),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="clients.csv"')
        .send(stream);
    },
  );
}
