/** A `fetch` that answers from a script and records what it was asked, plus a fake clock. */

export interface Logged {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export type Step = Response | Error | ((request: Logged) => Response | Error);

export function scriptedFetch(steps: Step[]): { fetch: typeof fetch; log: Logged[] } {
  const log: Logged[] = [];
  const queue = [...steps];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init?.headers ?? {}) as Record<string, string>)) {
      headers[k.toLowerCase()] = v;
    }
    const entry: Logged = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers,
      body: typeof init?.body === 'string' ? init.body : null,
    };
    log.push(entry);
    const step = queue.shift();
    if (step === undefined) throw new Error(`unscripted request ${entry.method} ${entry.url}`);
    const result = typeof step === 'function' ? step(entry) : step;
    if (result instanceof Error) throw result;
    return result;
  }) as typeof fetch;
  return { fetch: fetchImpl, log };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A clock that only moves when `sleep` is called: delays are recorded, never waited. */
export function fakeTime(start = Date.parse('2026-01-15T10:00:00Z')) {
  let now = start;
  const sleeps: number[] = [];
  return {
    clock: { now: () => new Date(now) },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Randomness that always draws the same byte: jitter becomes predictable. */
export function fixedRandom(byte: number) {
  return { bytes: (n: number) => new Uint8Array(n).fill(byte) };
}

/** A network failure as undici reports it. */
export function connectionRefused(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
  });
}
