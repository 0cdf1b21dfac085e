import type { LightMyRequestResponse } from 'fastify';

/** One client's cookies and the CSRF token it presents, as a browser or script keeps them. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  constructor(
    public csrf = '',
    cookies: Iterable<[string, string]> = [],
  ) {
    for (const [name, value] of cookies) this.cookies.set(name, value);
  }

  /** The `Cookie` header. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Applies a response's Set-Cookie headers: a cleared cookie (empty, or expired) is dropped. */
  apply(response: LightMyRequestResponse): this {
    const set = response.cookies as Array<{
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }>;
    for (const c of set) {
      const cleared = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() <= 0);
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return this;
  }
}
