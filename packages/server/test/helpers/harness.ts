/**
 * Builds an API on SQLite `:memory:` with a manual clock, and creates users to sign in with.
 * Route tests use `inject()`; socket tests call `listen()` themselves.
 */
import { newId, type Role } from '@proofsheet/protocol';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Config } from '../../src/config/config.js';
import {
  createTestStudio,
  TEST_PASSWORD,
  type TestStudio,
  type TestStudioOptions,
} from '../../src/testing.js';
import { recording } from './response-recorder.js';

export const PASSWORD = TEST_PASSWORD;

export type Harness = TestStudio;

/**
 * Both APIs over one fresh database, with an owner, an assistant and a gallery client. Their
 * responses are recorded when the run asks for it (see response-recorder.ts).
 */
export function createHarness(
  overrides: Partial<Config> = {},
  options: TestStudioOptions = {},
): Promise<Harness> {
  return createTestStudio(overrides, { ...recording(), ...options });
}

/** Cookies and CSRF token of a signed-in client, ready to send with `inject()`. */
export interface Credentials {
  cookies: Record<string, string>;
  csrf: string;
  /** `Cookie` header value. */
  cookie: string;
  /** Headers for an unsafe request: cookie and CSRF token. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Collects `name=value` pairs from a response's Set-Cookie headers. */
export function setCookies(response: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of response.cookies as Array<{ name: string; value: string }>) out[c.name] = c.value;
  return out;
}

export function credentialsFrom(cookies: Record<string, string>, csrf: string): Credentials {
  const cookie = Object.entries(cookies)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  return { cookies, csrf, cookie, headers: { cookie, 'x-csrf-token': csrf } };
}

/** Signs in through `POST /login` as a JSON client and returns the credentials. */
export async function login(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
): Promise<Credentials> {
  const response = await app.inject({
    method: 'POST',
    url: '/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`login failed with ${response.statusCode}: ${response.body}`);
  }
  const body = response.json() as { data: { csrf_token: string } };
  return credentialsFrom(setCookies(response), body.data.csrf_token);
}

/** Signs in as one of the harness's roles. */
export function loginAs(h: Harness, role: Role, app?: FastifyInstance): Promise<Credentials> {
  return login(app ?? (role === 'gallery_client' ? h.gallery : h.studio), h.users[role].email);
}

/**
 * A second gallery client of the studio, with whom nothing is shared, signed in to the Gallery
 * API: the one who must get 404 for what the first client may see.
 */
export async function loginAsStranger(h: Harness): Promise<Credentials> {
  const stranger = {
    ...h.users.gallery_client,
    id: newId('user', (n) => crypto.getRandomValues(new Uint8Array(n))),
    email: 'stranger@example.com',
  };
  await h.storage.users.create(stranger);
  return login(h.gallery, stranger.email);
}
