/**
 * Keeps sessions alive while a long-running process sits idle: every `intervalMs` without a
 * request, it touches the session (`GET /api/v1/session`), which slides the server's idle
 * window. The timer is unref'd, so it never keeps a process alive on its own.
 */

/** A running keep-alive timer. */
export interface KeepAlive {
  stop(): void;
}

/**
 * Starts the timer.
 *
 * @example
 * const keepAlive = startKeepAlive({ intervalMs: 600_000, idleMs: () => Date.now() - last, touch: () => ping() });
 * keepAlive.stop();
 */
export function startKeepAlive(options: {
  intervalMs: number;
  /** Milliseconds since the last request. */
  idleMs: () => number;
  touch: () => Promise<void>;
  onError: (error: unknown) => void;
}): KeepAlive {
  let running = false;
  const timer = setInterval(() => {
    // Busy clients touch the session themselves; an overlapping touch would be wasted.
    if (running || options.idleMs() < options.intervalMs) return;
    running = true;
    options
      .touch()
      .catch(options.onError)
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
