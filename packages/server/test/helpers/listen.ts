/** Starts a harness's two APIs on real sockets and speaks raw HTTP/1.1 to them. */
import { request as httpRequest } from 'node:http';
import type { Config } from '../../src/config/config.js';
import type { TestStudioOptions } from '../../src/testing.js';
import { createHarness, type Harness } from './harness.js';

export interface Listening extends Harness {
  studioUrl: string;
  galleryUrl: string;
}

export async function listenHarness(
  overrides: Partial<Config> = {},
  options: TestStudioOptions = {},
): Promise<Listening> {
  const h = await createHarness(overrides, options);
  return { ...h, ...(await h.listen()) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = Record<string, unknown>>(): T;
  /** `name=value` of each Set-Cookie, as a client would keep them. */
  setCookies: Record<string, string>;
}

/** One HTTP request over a fresh TCP connection, with no client library in between. */
export function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const setCookies: Record<string, string> = {};
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair] = line.split(';');
            const eq = pair?.indexOf('=') ?? -1;
            if (pair && eq > 0) setCookies[pair.slice(0, eq)] = pair.slice(eq + 1);
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
            setCookies,
          });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** What a form-post sign-in, as the seed's web login, hands the client. */
export interface SignedIn {
  /** `name=value` of each cookie set. */
  cookies: Record<string, string>;
  /** The CSRF token from the body. */
  csrf: string;
}

/** Signs in with a form post over a real socket, as the seed's "Web Login" step. */
export async function formLogin(
  baseUrl: string,
  email: string,
  password: string,
): Promise<SignedIn> {
  const res = await raw(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  });
  if (res.status !== 200) throw new Error(`login failed with ${res.status}: ${res.body}`);
  return {
    cookies: res.setCookies,
    csrf: res.json<{ data: { csrf_token: string } }>().data.csrf_token,
  };
}
