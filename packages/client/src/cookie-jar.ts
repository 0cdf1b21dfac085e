/**
 * Where cookies live. The client needs two methods, so any store fits: the memory default
 * here (tough-cookie: domain, path, expiry and Secure rules), the file-backed store in
 * `file-cookie-jar.ts`, or your own (got's and ky's cookie-jar interface).
 */
import { type SerializedCookieJar, CookieJar as ToughJar } from 'tough-cookie';

/**
 * The two methods the client calls: read the `Cookie` header for a URL, store a
 * `Set-Cookie` header received from it.
 *
 * @example
 * const jar: CookieJar = { getCookieString: async () => 'session_cookie=abc', setCookie: async () => {} };
 */
export interface CookieJar {
  getCookieString(url: string): Promise<string>;
  setCookie(raw: string, url: string): Promise<void>;
}

/** Serialized cookies, one tough-cookie jar per origin. */
export type SerializedOrigins = Record<string, SerializedCookieJar>;

/**
 * Cookies in memory, in one tough-cookie jar per origin (scheme, host and port). Browsers and
 * RFC 6265 ignore the port, but the Studio and Gallery APIs commonly share a host on two ports
 * (127.0.0.1:3000 and :3001) and set cookies of the same names: one jar each keeps their
 * sessions apart.
 *
 * @example
 * const jar = new MemoryCookieJar();
 * await jar.setCookie('a=1; Path=/', 'http://127.0.0.1:3000/login');
 * await jar.getCookieString('http://127.0.0.1:3000/api/v1/clients/'); // 'a=1'
 */
export class MemoryCookieJar implements CookieJar {
  #jars = new Map<string, ToughJar>();

  async getCookieString(url: string): Promise<string> {
    return this.getCookieStringSync(url);
  }

  async setCookie(raw: string, url: string): Promise<void> {
    this.setCookieSync(raw, url);
  }

  /** The synchronous form of {@link getCookieString}. */
  getCookieStringSync(url: string): string {
    return this.#jars.get(new URL(url).origin)?.getCookieStringSync(url) ?? '';
  }

  /** The synchronous form of {@link setCookie}. Cookies the jar refuses are dropped. */
  setCookieSync(raw: string, url: string): void {
    const origin = new URL(url).origin;
    let jar = this.#jars.get(origin);
    if (!jar) {
      jar = newToughJar();
      this.#jars.set(origin, jar);
    }
    // A cookie for another domain, or a malformed one, is ignored as a browser would.
    jar.setCookieSync(raw, url, { ignoreError: true });
  }

  /** Forgets every cookie of one origin, or of all. */
  clear(origin?: string): void {
    if (origin === undefined) this.#jars.clear();
    else this.#jars.delete(new URL(origin).origin);
  }

  /** The origins that hold cookies. */
  origins(): string[] {
    return [...this.#jars.keys()];
  }

  /** Every cookie, per origin, as tough-cookie serializes it. */
  serialize(): SerializedOrigins {
    const out: SerializedOrigins = {};
    for (const [origin, jar] of this.#jars) {
      const serialized = jar.serializeSync();
      if (serialized && serialized.cookies.length > 0) out[origin] = serialized;
    }
    return out;
  }

  /** Replaces the cookies of the origins in `data`. */
  load(data: SerializedOrigins): void {
    for (const [origin, serialized] of Object.entries(data)) {
      this.#jars.set(
        origin,
        ToughJar.deserializeSync({ ...serialized, cookies: serialized.cookies }),
      );
    }
  }
}

function newToughJar(): ToughJar {
  // Special-use domains allowed: `localhost` is how self-hosters and tests reach the APIs.
  return new ToughJar(undefined, { allowSpecialUseDomain: true, rejectPublicSuffixes: true });
}

/**
 * The value of one cookie in a `Cookie` header, or `null`.
 *
 * @example
 * readCookie('a=1; XSRF-TOKEN=t', 'XSRF-TOKEN'); // 't'
 */
export function readCookie(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * Splits a `Cookie` header copied from a browser into `name=value` pairs.
 *
 * @example
 * parseCookieHeader('Cookie: a=1; b=2'); // [['a', '1'], ['b', '2']]
 */
export function parseCookieHeader(header: string): Array<[string, string]> {
  const text = header.replace(/^\s*cookie\s*:\s*/i, '');
  const out: Array<[string, string]> = [];
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  return out;
}
