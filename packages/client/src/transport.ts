/**
 * One HTTP exchange (cookies in and out, timeout, errors mapped to the client's hierarchy) and
 * the retry loop around it. Knows nothing of sessions: `auth.ts` sits on top.
 */
import { NetworkError, TimeoutError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { retryDelay, shouldRetry } from './retry.js';

/** A request ready to send. */
export interface Outgoing {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The caller vouches that repeating it is harmless. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

/** A response read to the end. */
export interface Received {
  status: number;
  headers: Headers;
  text: string;
  /** The `Cookie` header the request carried, to tell which session it used. */
  sentCookie: string;
}

/** Adds headers that depend on the cookies about to be sent (the CSRF token). */
export type Decorate = (headers: Record<string, string>, cookie: string) => void;

type TransportDeps = Pick<
  ResolvedOptions,
  | 'fetch'
  | 'cookieJar'
  | 'timeoutMs'
  | 'userAgent'
  | 'clock'
  | 'sleep'
  | 'random'
  | 'retry'
  | 'logger'
>;

/** Sends once: reads cookies from the jar, stores the ones the response sets. */
export async function exchange(
  deps: TransportDeps,
  request: Outgoing,
  decorate?: Decorate,
): Promise<Received> {
  const cookie = await deps.cookieJar.getCookieString(request.url);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': deps.userAgent,
    ...request.headers,
  };
  if (cookie !== '') headers.cookie = cookie;
  decorate?.(headers, cookie);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
  timer.unref?.();
  const signal = request.signal
    ? AbortSignal.any([request.signal, controller.signal])
    : controller.signal;
  try {
    const response = await deps.fetch(request.url, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'manual',
      signal,
    });
    for (const raw of response.headers.getSetCookie()) {
      await deps.cookieJar.setCookie(raw, request.url);
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, sentCookie: cookie };
  } catch (error) {
    if (request.signal?.aborted) throw error;
    if (controller.signal.aborted) {
      throw new TimeoutError(request.method, request.url, deps.timeoutMs, error);
    }
    throw new NetworkError(request.method, request.url, error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends with retries per the policy: statuses and network errors it names are tried again
 * after {@link retryDelay}, as long as {@link shouldRetry} agrees. The last response is
 * returned whatever its status; the last network error is thrown.
 */
export async function exchangeWithRetries(
  deps: TransportDeps,
  request: Outgoing,
  decorate?: Decorate,
): Promise<Received> {
  const started = deps.clock.now().getTime();
  for (let attempt = 1; ; attempt++) {
    let received: Received | null = null;
    let failure: unknown = null;
    try {
      received = await exchange(deps, request, decorate);
    } catch (error) {
      // Only network trouble is retried; a caller's abort is final.
      if (!(error instanceof NetworkError) && !(error instanceof TimeoutError)) throw error;
      failure = error;
    }
    if (received && !deps.retry.statusCodes.includes(received.status)) return received;
    const now = deps.clock.now();
    const delayMs = retryDelay(attempt, received, deps.retry, { now, random: deps.random });
    const retry = shouldRetry(
      {
        attempt,
        method: request.method,
        status: received?.status ?? null,
        idempotent: request.idempotent === true,
        elapsedMs: now.getTime() - started,
        delayMs,
      },
      deps.retry,
    );
    if (!retry) {
      if (received) return received;
      throw failure;
    }
    deps.logger.debug('retrying request', {
      method: request.method,
      url: request.url,
      attempt,
      status: received?.status ?? null,
      delayMs,
    });
    await deps.sleep(delayMs);
  }
}
