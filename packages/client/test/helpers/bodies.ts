/**
 * Response bodies that match the `protocol` schemas, for tests that script `fetch`: the
 * project's tests run with `validateResponses: true`, so a fake answer must be a real one.
 */
import {
  type Client,
  type ClientPage,
  type CurrentSession,
  type LoginResponse,
  NO_ADDRESS,
  type PageMeta,
  type UserProfile,
} from '@proofsheet/protocol';

/** An ID of the protocol's format: the prefix and 30 characters ending in `n`. */
export function fakeId(prefix: 'cl' | 'us' | 'nt' | 'lg' | 'ac', n = 1): string {
  return `${prefix}_${String(n).padStart(30, '0')}`;
}

export const USER: UserProfile = {
  id: fakeId('us'),
  email: 'a@b.c',
  first_name: 'Ada',
  last_name: 'Lovelace',
  role: 'owner',
  account_id: fakeId('ac'),
};

export function loginBody(csrf: string): LoginResponse {
  return { data: { user: USER, csrf_token: csrf } };
}

export function sessionBody(csrf = 't'): CurrentSession {
  const at = '2026-01-15T10:30:00.000Z';
  return {
    data: {
      user: USER,
      role: 'owner',
      session: {
        id: fakeId('lg'),
        current: true,
        created_at: at,
        last_seen_at: at,
        expires_at: at,
        idle_expires_at: at,
        refresh_expires_at: at,
        user_agent: null,
        ip: null,
      },
      expires_at: at,
      idle_expires_at: at,
      csrf_token: csrf,
    },
  };
}

export function clientRecord(overrides: Partial<Client> = {}): Client {
  return {
    id: fakeId('cl'),
    email: 'ada@example.com',
    status_name: 'Active',
    first_name: 'Ada',
    last_name: null,
    phone: null,
    company: null,
    job_title: null,
    address_info: { ...NO_ADDRESS },
    notes: null,
    avatar_color: 3,
    created_at: '2026-01-15T10:00:00.000Z',
    updated_at: '2026-01-15T10:00:00.000Z',
    sample: false,
    type: 'client',
    type_formatted: 'Client',
    ...overrides,
  };
}

function meta(count: number): PageMeta {
  const path = '/api/v1/clients/?page=1';
  return {
    current_page: 1,
    from: count > 0 ? 1 : null,
    last_page: 1,
    per_page: 25,
    to: count > 0 ? count : null,
    total: count,
    total_pages: 1,
    links: { first: path, prev: null, next: null, last: path },
  };
}

export function clientPage(items: Client[] = [clientRecord()]): ClientPage {
  return {
    data: items,
    meta: {
      ...meta(items.length),
      client_statuses: { 1: 'Active', 2: 'Archived' },
      csv_url: 'http://studio.test/api/v1/clients/download_csv',
    },
  };
}
