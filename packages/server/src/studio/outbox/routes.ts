import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { OutboxPage, OutboxQuery } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { noStore, responses } from '../../http/responses.js';
import { OWNER } from '../../http/role-sets.js';
import { toOutboxMessage } from './view.js';

/**
 * `GET /api/v1/outbox`: every email written to the studio's users, newest first, with where
 * each is on its way. Owners only: a message may carry a working reset link (outbox mode).
 */
export async function outboxRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<'outbox'>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/outbox',
    {
      schema: {
        operationId: 'listOutbox',
        summary: 'The emails the server sent or will send, newest first',
        description:
          'Owners only. Every message is kept, whether it left by SMTP (`transport: smtp`, its links without their tokens once sent) or stays here because no SMTP server is configured (`transport: outbox`, links working). `status` is `queued` until the mail worker delivers it, then `sent`, or `failed` with `last_error` once its attempts ran out.',
        tags: ['Outbox'],
        querystring: OutboxQuery,
        response: responses({ 200: OutboxPage }),
      },
      config: { roles: OWNER },
    },
    async (request, reply) => {
      const window = requestedWindow(request);
      const { items, total } = await ctx.storage.outbox.list(
        signedIn(request).login.accountId,
        window,
      );
      // Outbox mode keeps live reset links in these bodies.
      noStore(reply);
      return {
        data: items.map(toOutboxMessage),
        meta: listMeta(request, window, total, items.length),
      };
    },
  );
}
