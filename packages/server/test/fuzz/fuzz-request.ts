/**
 * A fuzzed request as plain data, so that fast-check can generate and print it, and how it
 * becomes an `inject()` call. IDs of rows are references (the n-th live client), resolved when
 * the request is sent, because earlier requests create and delete rows.
 */
import type { Role } from '@proofsheet/protocol';
import type { InjectOptions } from 'fastify';
import type { ApiKind } from '../../src/app.js';
import { RawJson } from './hostile-values.js';

/** A signed-in role, a share-link visitor (the visitor cookie only), or no one. */
export type FuzzRole = Role | 'anonymous' | 'visitor';

/** What a path parameter names, so that a reference can pick a live row of the right kind. */
export type Resource =
  | 'client'
  | 'notification'
  | 'collection'
  | 'gallery'
  | 'photo'
  | 'login'
  | 'asset'
  | 'favorite_list'
  | 'comment'
  | 'share_link'
  | 'account'
  | 'user'
  | 'invitation'
  | 'passkey';

export type PathPiece =
  | { literal: string }
  /** The `index`-th (modulo their number) live row of `resource`. */
  | { ref: Resource; index: number }
  /** Sent percent-encoded. */
  | { text: string }
  /** Sent as written: malformed encodings, `..`, `%2F`. */
  | { raw: string };

export type QueryPiece =
  | { pairs: Array<{ key: string; value: string; raw?: true }> }
  | { raw: string };

export type FuzzBody =
  | { kind: 'none' }
  /** A JSON value, with {@link RawJson} leaves, written by {@link jsonText}. */
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: number[] };

export type CsrfMode = 'valid' | 'missing' | 'wrong' | 'xsrf-header' | 'other-role';

export interface FuzzRequest {
  api: ApiKind;
  role: FuzzRole;
  /** The route it was generated for, as `METHOD /pattern`. */
  route: string;
  method: string;
  path: PathPiece[];
  query: QueryPiece | null;
  body: FuzzBody;
  /** The Content-Type header; null sends none. */
  contentType: string | null;
  csrf: CsrfMode;
  accept: string | null;
  /** Sends the Origin and Fetch Metadata of a page on another site. */
  crossSite: boolean;
  /** Adds malformed and duplicate cookies to the role's own. */
  junkCookies: boolean;
}

/** JSON text of a value whose leaves may be {@link RawJson}; keys such as `__proto__` kept. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).map(
      (k) => `${JSON.stringify(k)}:${jsonText((value as Record<string, unknown>)[k])}`,
    );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What sending needs from the world: live IDs and each role's cookies and CSRF token. */
export interface RequestContext {
  idOf(resource: Resource, index: number): Promise<string>;
  /**
   * The role's cookie header and CSRF token; anonymous has a pre-session CSRF cookie only, the
   * visitor their visitor cookie and CSRF token (on both APIs: the Studio API must ignore it).
   */
  credentials(api: ApiKind, role: FuzzRole): { cookie: string; csrf: string };
}

export function pathOf(pieces: readonly string[]): string {
  return pieces.join('/') || '/';
}

/** `encodeURIComponent`, except that text it cannot encode (lone surrogates) goes as written. */
function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

function queryOf(query: QueryPiece | null): string {
  if (!query) return '';
  if ('raw' in query) return `?${query.raw}`;
  const parts = query.pairs.map((p) => `${encoded(p.key)}=${p.raw ? p.value : encoded(p.value)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

async function urlOf(request: FuzzRequest, ctx: RequestContext): Promise<string> {
  const pieces: string[] = [];
  for (const piece of request.path) {
    if ('literal' in piece) pieces.push(piece.literal);
    else if ('ref' in piece) pieces.push(encoded(await ctx.idOf(piece.ref, piece.index)));
    else if ('text' in piece) pieces.push(encoded(piece.text));
    else pieces.push(piece.raw);
  }
  return pathOf(pieces) + queryOf(request.query);
}

function payloadOf(body: FuzzBody): string | Buffer | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'json':
      return jsonText(body.value);
    case 'text':
      return body.text;
    case 'bytes':
      return Buffer.from(body.bytes);
  }
}

const WRONG_CSRF = 'A'.repeat(43);
const JUNK_COOKIES = 'session_cookie=%E0%A4%A; session_cookie=x; =; ;;';

/** The role whose CSRF token the request presents as its own, for `other-role`. */
function otherRole(role: FuzzRole): FuzzRole {
  return role === 'owner' ? 'assistant' : 'owner';
}

/** The `inject()` options for a request, with its IDs and credentials resolved now. */
export async function injectOptions(
  request: FuzzRequest,
  ctx: RequestContext,
): Promise<InjectOptions & { url: string; headers: Record<string, string> }> {
  const own = ctx.credentials(request.api, request.role);
  const headers: Record<string, string> = {};
  const cookie = [own.cookie, request.junkCookies ? JUNK_COOKIES : '']
    .filter((c) => c !== '')
    .join('; ');
  if (cookie !== '') headers.cookie = cookie;
  const csrf = {
    valid: own.csrf,
    'xsrf-header': own.csrf,
    wrong: WRONG_CSRF,
    'other-role': ctx.credentials(request.api, otherRole(request.role)).csrf,
    missing: '',
  }[request.csrf];
  if (csrf !== '') headers[request.csrf === 'xsrf-header' ? 'x-xsrf-token' : 'x-csrf-token'] = csrf;
  if (request.contentType !== null) headers['content-type'] = request.contentType;
  if (request.accept !== null) headers.accept = request.accept;
  if (request.crossSite) {
    headers.origin = 'https://evil.example';
    headers['sec-fetch-site'] = 'cross-site';
  }
  const payload = payloadOf(request.body);
  return {
    method: request.method as NonNullable<InjectOptions['method']>,
    url: await urlOf(request, ctx),
    headers,
    ...(payload !== undefined ? { payload } : {}),
  };
}

function shortened(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** A header as printed: the session's secrets by whose they are, everything else as sent. */
function shownHeader(request: FuzzRequest, name: string, value: string): string {
  if (name === 'cookie') {
    const junk = request.junkCookies ? `; ${JUNK_COOKIES}` : '';
    return `cookie: <${request.role}'s cookies>${junk}`;
  }
  if (name === 'x-csrf-token' || name === 'x-xsrf-token') {
    if (request.csrf === 'wrong') return `${name}: ${JSON.stringify(value)}`;
    const whose = request.csrf === 'other-role' ? otherRole(request.role) : request.role;
    return `${name}: <${whose}'s token>`;
  }
  return `${name}: ${JSON.stringify(value)}`;
}

/** The request as sent, readably, with the secrets of sessions left out. */
export function describeSent(
  request: FuzzRequest,
  options: Awaited<ReturnType<typeof injectOptions>>,
): string {
  const headers = Object.entries(options.headers)
    .map(([name, value]) => shownHeader(request, name, value))
    .join(', ');
  const payload = options.payload;
  const body =
    payload === undefined
      ? 'no body'
      : Buffer.isBuffer(payload)
        ? `bytes ${payload.toString('hex')}`
        : `body ${shortened(JSON.stringify(payload))}`;
  return [
    `${options.method} ${shortened(options.url, 300)}`,
    `  on the ${request.api} API as ${request.role} (generated for ${request.route})`,
    `  headers: ${headers || 'none'}`,
    `  ${body}`,
  ].join('\n');
}
