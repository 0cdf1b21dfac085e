import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CLIENT_STATUSES,
  Client,
  ClientCreate,
  ClientListQuery,
  ClientPage,
  ClientSearchQuery,
  type ClientType,
  ClientUpdate,
  Envelope,
  type PageWindow,
  parseClientTypes,
} from '@proofsheet/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResourceContext } from '../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { API_V1 } from '../../http/api-path.js';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { requireId } from '../../http/path-ids.js';
import { IdParams } from '../../http/path-params.js';
import { publicBase } from '../../http/public-base.js';
import { NoContent, responses } from '../../http/responses.js';
import { OWNER, STAFF } from '../../http/role-sets.js';
import type { ClientRecord } from '../../storage/ports/client-store.js';
import { notify } from '../notifications/notify.js';
import { CSV_PATH } from './csv.js';
import { RenderedPages } from './rendered-pages.js';
import { clientChanges, contactNoun, displayName, newClient, toClient } from './view.js';

/** The list's path, as the reference docs name it, and the same without the slash. */
const LIST_PATHS = ['/clients/', '/clients'] as const;
const ITEM_PATH = '/clients/:id';
const One = Envelope(Client);
const tags = ['Clients'];

/** The list's `meta.client_statuses`; JSON gives the numeric keys as strings. */
const CLIENT_STATUS_NAMES: Record<string, string> = { ...CLIENT_STATUSES };

interface PageRequest {
  accountId: string;
  types: ClientType[] | null;
  search?: string;
  window: PageWindow;
}

/**
 * Clients, leads and other contacts: list, search, create, read, update, delete. Staff read
 * and edit; only the owner deletes. Gallery clients see none of it.
 */
export async function clientRoutes(
  scope: FastifyInstance,
  ctx: ResourceContext<'clients' | 'notifications'>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const clients = ctx.storage.clients;
  // Hits while the account's clients are unchanged (see RenderedPages).
  const rendered = new RenderedPages();

  /** The page as JSON with its ETag, from `rendered` or rendered now. */
  async function page(
    request: FastifyRequest,
    req: PageRequest,
    reply: FastifyReply,
  ): Promise<string> {
    const { items, total, version } = await clients.list({
      accountId: req.accountId,
      types: req.types,
      ...(req.search !== undefined ? { search: req.search } : {}),
      offset: req.window.offset,
      limit: req.window.limit,
    });
    // The links repeat the request's own parameters, so the URL is part of the key.
    const key = [req.accountId, request.url].join('\n');
    const held = rendered.get(key, version);
    if (held) return sendRendered(reply, held.body, held.etag);
    const fresh = rendered.render(key, version, build(request, req, items, total));
    return sendRendered(reply, fresh.body, fresh.etag);
  }

  function build(
    request: FastifyRequest,
    req: PageRequest,
    items: readonly ClientRecord[],
    total: number,
  ): ClientPage {
    return {
      data: items.map(toClient),
      meta: {
        ...listMeta(request, req.window, total, items.length),
        client_statuses: CLIENT_STATUS_NAMES,
        csv_url: `${publicBase(ctx.config.publicStudioUrl, request)}${API_V1}${CSV_PATH}`,
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
    // The document lists the path once: the other is the same operation.
    const hide = url !== LIST_PATHS[0];
    app.get(
      url,
      {
        schema: {
          hide,
          operationId: 'listClients',
          summary: 'List clients, a page at a time',
          description:
            'Staff only. `types` filters by type (`client,lead`); `meta.csv_url` downloads them all. Also answered at `/api/v1/clients`. The answer has an `ETag`.',
          tags,
          querystring: ClientListQuery,
          response: responses({ 200: ClientPage }),
        },
        config: { roles: STAFF },
      },
      async (request, reply) => {
        return page(
          request,
          {
            accountId: signedIn(request).login.accountId,
            types: parseClientTypes(request.query.types),
            window: requestedWindow(request),
          },
          reply,
        );
      },
    );

    app.post(
      url,
      {
        schema: {
          hide,
          operationId: 'createClient',
          summary: 'Create a client, lead or other contact',
          description: 'Staff only. Adds a `client_created` notification.',
          tags,
          body: ClientCreate,
          response: responses({ 201: One }, { body: true }),
        },
        config: { roles: STAFF },
      },
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
    '/clients/search',
    {
      schema: {
        operationId: 'searchClients',
        summary: 'Search clients by name, email, phone or company',
        description: 'Staff only. Pages like the list.',
        tags,
        querystring: ClientSearchQuery,
        response: responses({ 200: ClientPage }),
      },
      config: { roles: STAFF },
    },
    async (request, reply) => {
      const q = request.query;
      return page(
        request,
        {
          accountId: signedIn(request).login.accountId,
          types: parseClientTypes(q.types),
          search: q.q,
          window: requestedWindow(request),
        },
        reply,
      );
    },
  );

  app.get(
    ITEM_PATH,
    {
      schema: {
        operationId: 'getClient',
        summary: 'Read a client',
        tags,
        params: IdParams,
        response: responses({ 200: One }, { found: true }),
      },
      config: { roles: STAFF },
    },
    async (request) => {
      const client = await existing(signedIn(request).login.accountId, request.params.id);
      return { data: toClient(client) };
    },
  );

  app.put(
    ITEM_PATH,
    {
      schema: {
        operationId: 'updateClient',
        summary: 'Change the fields of a client that the body names',
        tags,
        params: IdParams,
        body: ClientUpdate,
        response: responses({ 200: One }, { body: true, found: true }),
      },
      config: { roles: STAFF },
    },
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
    {
      schema: {
        operationId: 'deleteClient',
        summary: 'Delete a client',
        description: 'The owner only.',
        tags,
        params: IdParams,
        response: responses({ 204: NoContent }, { found: true }),
      },
      config: { roles: OWNER },
    },
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
