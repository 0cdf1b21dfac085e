/**
 * A minimal user agent over real HTTP: a cookie jar and the CSRF token, sent to whichever
 * instance a request goes to (no sticky routing).
 */

export interface AgentResponse {
  status: number;
  headers: Headers;
  body: unknown;
  /** Milliseconds from sending to the whole body. */
  elapsedMs: number;
}

export class HttpAgent {
  readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  async request(
    baseUrl: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<AgentResponse> {
    const headers: Record<string, string> = {};
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = Date.now();
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    for (const raw of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = raw.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const csrf = response.headers.get('x-csrf-token');
    if (csrf) this.csrf = csrf;
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parsed,
      elapsedMs: Date.now() - started,
    };
  }

  /** A copy holding the same cookies: a thief, or a second tab. */
  clone(): HttpAgent {
    const copy = new HttpAgent();
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    copy.csrf = this.csrf;
    return copy;
  }
}
