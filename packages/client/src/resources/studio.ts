/** The Studio API's resources, typed with the `protocol` schemas. */
import {
  type Client,
  type ClientCreate,
  type ClientPage,
  type ClientType,
  type ClientUpdate,
  type Notification,
  type NotificationList,
  PATHS,
} from '@proofsheet/protocol';
import { Paginator } from '../paginate.js';
import type { Requester } from '../request.js';
import { RESPONSE_SCHEMAS as SCHEMAS } from '../response-schemas.js';

/** Which client types to list: a list, or `'all'`. */
export type TypesFilter = readonly ClientType[] | 'all';

/** Options of `clients.list()` and `clients.iterate()`. */
export interface ClientListOptions {
  page?: number;
  /** Items per page, up to 100. @default 25 */
  perPage?: number;
  types?: TypesFilter;
  /** Search text: lists the matches of `GET /api/v1/clients/search` instead. */
  q?: string;
}

/** Options of `clients.search()`. */
export interface ClientSearchOptions extends Omit<ClientListOptions, 'q'> {}

function typesParam(types: TypesFilter | undefined): string | undefined {
  if (types === undefined) return undefined;
  return types === 'all' ? 'all' : types.join(',');
}

/**
 * `client.studio.clients`: list, get, create, update, delete, search and iterate.
 *
 * @example
 * const created = await client.studio.clients.create({ first_name: 'Ada', type: 'lead' });
 * await client.studio.clients.update(created.id, { company: 'Engines Ltd' });
 */
export class ClientsResource {
  readonly #requester: Requester;

  constructor(requester: Requester) {
    this.#requester = requester;
  }

  /** One page of clients. @example await clients.list({ page: 2, types: ['lead'] }) */
  async list(options: ClientListOptions = {}): Promise<ClientPage> {
    if (options.q !== undefined) return this.search(options.q, options);
    const query = {
      page: options.page,
      per_page: options.perPage,
      types: typesParam(options.types),
    };
    return (
      await this.#requester.request<ClientPage>('studio', 'GET', PATHS.clients, {
        query,
        schema: SCHEMAS.clientPage,
      })
    ).data;
  }

  /** One page of clients matching `q`. @example await clients.search('ada', { types: ['client'] }) */
  async search(q: string, options: ClientSearchOptions = {}): Promise<ClientPage> {
    const query = {
      q,
      page: options.page,
      pageSize: options.perPage,
      types: typesParam(options.types),
    };
    return (
      await this.#requester.request<ClientPage>('studio', 'GET', PATHS.clientSearch, {
        query,
        schema: SCHEMAS.clientPage,
      })
    ).data;
  }

  /** Every client (or every match of `q`), page by page. @example for await (const c of clients.iterate()) … */
  iterate(options: Omit<ClientListOptions, 'page'> = {}): Paginator<Client> {
    return new Paginator((page) => this.list({ ...options, page }));
  }

  /** @example await clients.get('cl_…') */
  async get(id: string): Promise<Client> {
    return (
      await this.#requester.request<{ data: Client }>('studio', 'GET', itemPath(id), {
        schema: SCHEMAS.client,
      })
    ).data.data;
  }

  /** @example await clients.create({ first_name: 'Ada' }) */
  async create(body: ClientCreate): Promise<Client> {
    return (
      await this.#requester.request<{ data: Client }>('studio', 'POST', PATHS.clients, {
        body,
        schema: SCHEMAS.client,
      })
    ).data.data;
  }

  /** @example await clients.update('cl_…', { phone: '+44 20 7946 0000' }) */
  async update(id: string, body: ClientUpdate): Promise<Client> {
    return (
      await this.#requester.request<{ data: Client }>('studio', 'PUT', itemPath(id), {
        body,
        schema: SCHEMAS.client,
      })
    ).data.data;
  }

  /** @example await clients.delete('cl_…') */
  async delete(id: string): Promise<void> {
    await this.#requester.request<undefined>('studio', 'DELETE', itemPath(id));
  }
}

function itemPath(id: string): string {
  return `${PATHS.clients}${encodeURIComponent(id)}`;
}

/**
 * `client.studio.notifications`: list, mark one or all read.
 *
 * @example
 * const { data, meta } = await client.studio.notifications.list({ unread: true });
 * await client.studio.notifications.markAllRead();
 */
export class NotificationsResource {
  readonly #requester: Requester;

  constructor(requester: Requester) {
    this.#requester = requester;
  }

  /** Newest first. @example await notifications.list({ limit: 10 }) */
  async list(options: { unread?: boolean; limit?: number } = {}): Promise<NotificationList> {
    const query = { unread: options.unread, limit: options.limit };
    return (
      await this.#requester.request<NotificationList>('studio', 'GET', PATHS.notifications, {
        query,
        schema: SCHEMAS.notificationList,
      })
    ).data;
  }

  /** @example await notifications.markRead('nt_…') */
  async markRead(id: string): Promise<Notification> {
    const path = `/api/v1/notifications/${encodeURIComponent(id)}/read`;
    return (
      await this.#requester.request<{ data: Notification }>('studio', 'POST', path, {
        schema: SCHEMAS.notification,
      })
    ).data.data;
  }

  /** Returns how many were marked. @example await notifications.markAllRead() */
  async markAllRead(): Promise<number> {
    const path = '/api/v1/notifications/read_all';
    return (
      await this.#requester.request<{ data: { marked: number } }>('studio', 'POST', path, {
        schema: SCHEMAS.markedCount,
      })
    ).data.data.marked;
  }
}

/** The Studio API. @example await client.studio.clients.list() */
export interface StudioApi {
  readonly clients: ClientsResource;
  readonly notifications: NotificationsResource;
}
