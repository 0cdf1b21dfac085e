import { COOKIE_NAMES, type CookieKind, cookieName } from '@proofsheet/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { csrfTokenFor } from './tokens.js';

/** Reads and writes the auth cookies (and the visitor's) with the right names and attributes. */
export class AuthCookies {
  constructor(
    private readonly secure: boolean,
    private readonly config: Pick<Config, 'sessionLifetimeMs' | 'authTokenLifetimeMs'>,
  ) {}

  name(kind: CookieKind): string {
    return cookieName(kind, this.secure);
  }

  /**
   * Reads a cookie by its wire name. Over HTTPS a client that is not a browser may also send the
   * plain name, as the seed's examples do (`Cookie: session_cookie=…`): the `__Host-` prefix
   * guards browsers against cookies planted by a sibling subdomain or plain-HTTP page, and only a
   * browser sends Fetch Metadata, so requests without it cannot carry a planted cookie.
   */
  read(request: FastifyRequest, kind: CookieKind): string | undefined {
    const value = request.cookies[this.name(kind)];
    if (value !== undefined || !this.secure || kind === 'csrf') return value;
    if (request.headers['sec-fetch-site'] !== undefined) return undefined;
    return request.cookies[COOKIE_NAMES[kind]];
  }

  /** Sets all three cookies for a session; returns its CSRF token. */
  issue(reply: FastifyReply, sessionId: string, authToken: string): string {
    const csrf = csrfTokenFor(sessionId);
    // HttpOnly: scripts never see the session id or the auth token.
    this.set(reply, 'session', sessionId, this.config.sessionLifetimeMs, true);
    this.set(reply, 'authToken', authToken, this.config.authTokenLifetimeMs, true);
    this.setCsrf(reply, csrf);
    return csrf;
  }

  /** Sets the script-readable CSRF cookie (double-submit for pages). */
  setCsrf(reply: FastifyReply, token: string): void {
    this.set(reply, 'csrf', token, this.config.authTokenLifetimeMs, false);
  }

  /**
   * Sets a share-link visitor's cookie (HttpOnly) for `maxAgeMs`, and the script-readable CSRF
   * cookie with their CSRF token, which their pages' scripts send on unsafe requests.
   */
  issueVisitor(reply: FastifyReply, token: string, csrfToken: string, maxAgeMs: number): void {
    this.set(reply, 'visitor', token, maxAgeMs, true);
    this.setCsrf(reply, csrfToken);
  }

  /** Removes a visitor's cookie (a revoked link, an expired session). */
  clearVisitor(reply: FastifyReply): void {
    reply.clearCookie(this.name('visitor'), this.attributes(false, true));
  }

  clear(reply: FastifyReply): void {
    for (const kind of ['session', 'authToken', 'csrf'] as const) {
      reply.clearCookie(this.name(kind), this.attributes(false, kind !== 'csrf'));
    }
  }

  private set(
    reply: FastifyReply,
    kind: CookieKind,
    value: string,
    maxAgeMs: number,
    httpOnly: boolean,
  ) {
    reply.setCookie(this.name(kind), value, {
      ...this.attributes(this.secure, httpOnly),
      maxAge: Math.floor(maxAgeMs / 1000),
    });
  }

  private attributes(secure: boolean, httpOnly: boolean) {
    // Lax: cookies ride along on top-level navigation but not on cross-site POSTs.
    return { path: '/', sameSite: 'lax' as const, secure: secure || this.secure, httpOnly };
  }
}
