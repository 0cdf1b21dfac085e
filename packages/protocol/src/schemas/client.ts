import { type Static, Type } from '@sinclair/typebox';
import { MAX_COUNTRY_ID } from '../countries.js';
import { ID_PATTERNS } from '../ids.js';
import { Closed } from './closed.js';
import { exampleOf, withExamples } from './examples.js';
import {
  DEFAULT_PER_PAGE,
  MAX_PER_PAGE,
  PAGE_PARAMS,
  PageMeta,
  pageLinks,
  pageMeta,
} from './pagination.js';

/** The kinds of contact a studio keeps. */
export const CLIENT_TYPES = ['client', 'lead', 'other'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

/** Labels of the client types, as `type_formatted` shows them. */
export const CLIENT_TYPE_LABELS: Record<ClientType, string> = {
  client: 'Client',
  lead: 'Lead',
  other: 'Other',
};

/** Client statuses by number, as the list's `meta.client_statuses` gives them. */
export const CLIENT_STATUSES = { 1: 'Active', 2: 'Archived' } as const;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

export const ClientId = Type.String({ pattern: ID_PATTERNS.client, maxLength: 40 });

export const AddressInfo = Closed({
  address_line_1: Nullable(Type.String({ maxLength: 200 })),
  address_line_2: Nullable(Type.String({ maxLength: 200 })),
  city: Nullable(Type.String({ maxLength: 100 })),
  postal_code: Nullable(Type.String({ maxLength: 20 })),
  state: Nullable(Type.String({ maxLength: 100 })),
  country: Nullable(Type.String({ maxLength: 100 })),
  country_id: Nullable(Type.Integer({ minimum: 1, maximum: MAX_COUNTRY_ID })),
});
export type AddressInfo = Static<typeof AddressInfo>;

/** An address with every key present and null: what a client without an address shows. */
export const NO_ADDRESS: Readonly<AddressInfo> = Object.freeze({
  address_line_1: null,
  address_line_2: null,
  city: null,
  postal_code: null,
  state: null,
  country: null,
  country_id: null,
});

/** A client, lead or other contact, with the fields of the reference docs. */
export const Client = withExamples(
  Closed({
    id: ClientId,
    email: Nullable(Type.String()),
    status_name: Type.String(),
    first_name: Type.String(),
    last_name: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    company: Nullable(Type.String()),
    job_title: Nullable(Type.String()),
    address_info: AddressInfo,
    notes: Nullable(Type.String()),
    avatar_color: Type.Integer(),
    created_at: Type.String(),
    updated_at: Type.String(),
    sample: Type.Boolean(),
    type: Type.Union(CLIENT_TYPES.map((t) => Type.Literal(t))),
    type_formatted: Type.String(),
  }),
  [
    {
      id: 'cl_yt66iZb6VzarnvboEzX6KS5JVYUq15',
      email: 'ada@example.com',
      status_name: 'Active',
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone: '+1 555 0100',
      company: 'Analytical Engines Ltd',
      job_title: null,
      address_info: {
        address_line_1: '12 Harbor Street',
        address_line_2: null,
        city: 'Portland',
        postal_code: '97201',
        state: 'OR',
        country: 'United States',
        country_id: 223,
      },
      notes: 'Engagement shoot in May.',
      avatar_color: 7,
      created_at: '2026-03-14T09:26:53.000000Z',
      updated_at: '2026-03-14T09:26:53.000000Z',
      sample: false,
      type: 'client',
      type_formatted: 'Client',
    },
  ],
);
export type Client = Static<typeof Client>;

const editable = {
  email: Nullable(Type.String({ format: 'email', maxLength: 254 })),
  first_name: Type.String({ minLength: 1, maxLength: 100 }),
  last_name: Nullable(Type.String({ maxLength: 100 })),
  phone: Nullable(Type.String({ maxLength: 40, pattern: '^[0-9+()\\-. ]*$' })),
  company: Nullable(Type.String({ maxLength: 200 })),
  job_title: Nullable(Type.String({ maxLength: 200 })),
  address_info: Type.Partial(AddressInfo),
  notes: Nullable(Type.String({ maxLength: 10_000 })),
  type: Type.Union(CLIENT_TYPES.map((t) => Type.Literal(t))),
  status: Type.Union([Type.Literal(1), Type.Literal(2)]),
};

/** The body of `POST /api/v1/clients/`: `first_name` is required, the rest optional. */
export const ClientCreate = withExamples(
  Closed({
    first_name: editable.first_name,
    email: Type.Optional(editable.email),
    last_name: Type.Optional(editable.last_name),
    phone: Type.Optional(editable.phone),
    company: Type.Optional(editable.company),
    job_title: Type.Optional(editable.job_title),
    address_info: Type.Optional(editable.address_info),
    notes: Type.Optional(editable.notes),
    type: Type.Optional(editable.type),
    status: Type.Optional(editable.status),
  }),
  [
    {
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      phone: '+1 555 0100',
      company: 'Analytical Engines Ltd',
      address_info: { city: 'Portland', state: 'OR', country_id: 223 },
      notes: 'Engagement shoot in May.',
      type: 'client',
    },
  ],
);
export type ClientCreate = Static<typeof ClientCreate>;

/** The body of `PUT /api/v1/clients/{id}`: the fields to change, at least one. */
export const ClientUpdate = withExamples(
  Type.Partial(ClientCreate, { additionalProperties: false, minProperties: 1 }),
  [{ phone: '+1 555 0199', address_info: { city: 'Seattle', state: 'WA' } }],
);
export type ClientUpdate = Static<typeof ClientUpdate>;

/** A comma-separated list of client types, or `all`. */
export const ClientTypesFilter = Type.String({
  maxLength: 100,
  pattern: '^(all|(client|lead|other)(,(client|lead|other))*)$',
});

/** Query of `GET /api/v1/clients/`. */
export const ClientListQuery = Closed({
  ...PAGE_PARAMS,
  types: Type.Optional(ClientTypesFilter),
});
export type ClientListQuery = Static<typeof ClientListQuery>;

/** Query of `GET /api/v1/clients/download_csv`: all the clients, of the `types` given. */
export const ClientCsvQuery = Closed({ types: Type.Optional(ClientTypesFilter) });
export type ClientCsvQuery = Static<typeof ClientCsvQuery>;

/** Query of `GET /api/v1/clients/search`. `pageSize` as in the docs; the other aliases too. */
export const ClientSearchQuery = Closed({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  types: Type.Optional(ClientTypesFilter),
  ...PAGE_PARAMS,
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE })),
});
export type ClientSearchQuery = Static<typeof ClientSearchQuery>;

/** Metadata of a client list: the page, plus the docs' `client_statuses` and `csv_url`. */
export const ClientListMeta = Closed({
  ...PageMeta.properties,
  client_statuses: Type.Record(Type.String(), Type.String()),
  /** Where the whole list downloads as CSV. */
  csv_url: Type.String(),
});

const FIRST_PAGE = { offset: 0, limit: DEFAULT_PER_PAGE, byOffset: false };

export const ClientPage = withExamples(Closed({ data: Type.Array(Client), meta: ClientListMeta }), [
  {
    data: [exampleOf(Client)],
    meta: {
      ...pageMeta(FIRST_PAGE, 1, 1, pageLinks('/api/v1/clients/', '', FIRST_PAGE, 1)),
      client_statuses: { ...CLIENT_STATUSES },
      csv_url: 'https://studio.example.com/api/v1/clients/download_csv',
    },
  },
]);
export type ClientPage = Static<typeof ClientPage>;

/**
 * Parses a `types` filter into the list of types, or `null` for all.
 *
 * @example
 * parseClientTypes('client,lead'); // ['client', 'lead']
 */
export function parseClientTypes(filter: string | undefined): ClientType[] | null {
  if (filter === undefined || filter === 'all') return null;
  return [...new Set(filter.split(','))] as ClientType[];
}
