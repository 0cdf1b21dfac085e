import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CLIENT_STATUSES,
  ClientCreate,
  ClientListQuery,
  type ClientPage,
  ClientSearchQuery,
  type ClientType,
  ClientUpdate,
  DEFAULT_PER_PAGE,
  pageMeta,
  parseClientTypes,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../app-context.js';
import { signedIn } from '../auth/signed-in.js';
import { AppError } from '../http/app-error.js';
import { requireId } from '../http/path-ids.js';
import { IdParams } from '../http/path-params.js';
import { OWNER, STAFF } from '../http/role-sets.js';
import type { ClientRecord } from '../storage/ports.js';
import { clientChanges, contactNoun, displayName, newClient, toClient } from './client-view.js';
import { notify } from './notify.js';
import { RenderedPages } from './rendered-pages.js';

const LIST_PATHS = ['/api/v1/clients/', '/api/v1/clients'] as const;
const ITEM_PATH = '/api/v1/clients/:id';

/** The list's `meta.client_statuses`; JSON gives the numeric keys as strings. */
const CLIENT_STATUS_NAMES: Record<string, string> = { ...CLIENT_STATUSES };

interface PageRequest {
  accountId: string;
  types: ClientType[] | null;
  search?: string;
  page: number;
  perPage: number;
}

/**
 * Clients, leads and other contacts: list, search, create, read, update, delete. Staff read
 * and edit; only the owner deletes. Gallery clients see none of it.
 */
export async function clientRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const clients = ctx.storage.clients;
  // Hits wherever the client cache hands out the same records again (see RenderedPages).
  const rendered = new RenderedPages();

  /** The page as JSON with its ETag, from `rendered` or rendered now. */
  async function page(req: PageRequest, reply: FastifyReply): Promise<string> {
    const { items, total } = await clients.list({
      accountId: req.accountId,
      types: req.types,
      ...(req.search !== undefined ? { search: req.search } : {}),
      offset: (req.page - 1) * req.perPage,
      limit: req.perPage,
    });
    const key = [req.accountId, req.types?.join(','), req.search, req.page, req.perPage].join('\n');
    const held = rendered.get(key, items, total);
    if (held) return sendRendered(reply, held.body, held.etag);
    const fresh = rendered.render(key, items, total, build(req, items, total));
    return sendRendered(reply, fresh.body, fresh.etag);
  }

  function build(req: PageRequest, items: readonly ClientRecord[], total: number): ClientPage {
    return {
      data: items.map(toClient),
      meta: {
        ...pageMeta(req.page, req.perPage, total, items.length),
        client_statuses: CLIENT_STATUS_NAMES,
      },
    };
  }

  /** Sends JSON already serialized; conditionalGets keeps an ETag that is set and answers 304. */
  function sendRendered(reply: FastifyReply, body: string, etag: string): string {
    reply.header('etag', etag).type('application/json; charset=utf-8');
    return body;
  }

  async function existing(accountId: string, rawId: string): Promise<ClientRecord> {
    const id = requireId('client', rawId);
    const client = await clients.findById(accountId, id);
    if (!client) throw new AppError('not_found', `No client found with ID: ${id}`);
    return client;
  }

  for (const url of LIST_PATHS) {
    app.get(
      url,
      { schema: { querystring: ClientListQuery }, config: { roles: STAFF } },
      async (request, reply) => {
        const q = request.query;
        return page(
          {
            accountId: signedIn(request).login.accountId,
            types: parseClientTypes(q.types),
            page: q.page ?? 1,
            perPage: q.per_page ?? DEFAULT_PER_PAGE,
          },
          reply,
        );
      },
    );

    app.post(
      url,
      { schema: { body: ClientCreate }, config: { roles: STAFF } },
      async (request, reply) => {
        const { accountId } = signedIn(request).login;
        const client = newClient(request.body, accountId, ctx.clock.now(), ctx.random);
        await clients.create(client);
        const noun = contactNoun(client.type);
        await notify(ctx, accountId, {
          type: 'client_created',
          title: `New ${noun}`,
          message: `${displayName(client)} was added as a ${noun}.`,
          subject: { client_id: client.id },
        });
        return reply.code(201).send({ data: toClient(client) });
      },
    );
  }

  // Before `:id` so the file reads in match order (the router prefers static paths anyway).
  app.get(
    '/api/v1/clients/search',
    { schema: { querystring: ClientSearchQuery }, config: { roles: STAFF } },
    async (request, reply) => {
      const q = request.query;
      return page(
        {
          accountId: signedIn(request).login.accountId,
          types: parseClientTypes(q.types),
          search: q.q,
          page: q.page ?? 1,
          perPage: q.pageSize ?? q.per_page ?? DEFAULT_PER_PAGE,
        },
        reply,
      );
    },
  );

  app.get(
    ITEM_PATH,
    { schema: { params: IdParams }, config: { roles: STAFF } },
    async (request) => {
      const client = await existing(signedIn(request).login.accountId, request.params.id);
      return { data: toClient(client) };
    },
  );

  app.put(
    ITEM_PATH,
    { schema: { params: IdParams, body: ClientUpdate }, config: { roles: STAFF } },
    async (request) => {
      const { accountId } = signedIn(request).login;
      const current = await existing(accountId, request.params.id);
      const changes = clientChanges(request.body, current, ctx.clock.now());
      const updated = await clients.update(accountId, current.id, changes);
      // Deleted between the read and the write.
      if (!updated) throw new AppError('not_found', `No client found with ID: ${current.id}`);
      return { data: toClient(updated) };
    },
  );

  app.delete(
    ITEM_PATH,
    { schema: { params: IdParams }, config: { roles: OWNER } },
    async (request, reply) => {
      const { accountId } = signedIn(request).login;
      const id = requireId('client', request.params.id);
      if (!(await clients.delete(accountId, id))) {
        throw new AppError('not_found', `No client found with ID: ${id}`);
      }
      return reply.code(204).send();
    },
  );
}
