/** What a {@link WorkerPool} is built from. */
export interface WorkerPoolOptions<J> {
  /** At most this many jobs run at once. */
  concurrency: number;
  /** How long an idle pool waits before it looks again. */
  pollIntervalMs: number;
  /** Takes up to `limit` jobs that are due; none is fine. */
  claim(limit: number): Promise<J[]>;
  /** Runs one job to its end; rejections are reported, never thrown. */
  run(job: J): Promise<void>;
  onError(error: unknown): void;
}

/**
 * The polling half of the table queue: looks for jobs when a slot is free, at once when told
 * (`wake`, after an enqueue in this process or a job's end), else every poll interval. Never
 * more than `concurrency` jobs run at a time, and only one claim is in flight.
 */
export class WorkerPool<J> {
  readonly #options: WorkerPoolOptions<J>;
  readonly #running = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #claiming = false;
  /** A wake that came while a claim was in flight: look again right after it. */
  #again = false;
  #stopped = false;

  constructor(options: WorkerPoolOptions<J>) {
    if (!Number.isSafeInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(
        `concurrency must be a whole number of at least 1 (got ${options.concurrency})`,
      );
    }
    this.#options = options;
  }

  start(): void {
    this.wake();
  }

  /** Looks for jobs now (if a slot is free), instead of at the next poll. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#claiming) {
      this.#again = true;
      return;
    }
    void this.#tick();
  }

  async #tick(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const free = this.#options.concurrency - this.#running.size;
    let found = 0;
    if (free > 0) {
      this.#claiming = true;
      try {
        const jobs = await this.#options.claim(free);
        found = jobs.length;
        for (const job of jobs) this.#start(job);
      } catch (error) {
        this.#options.onError(error);
      } finally {
        this.#claiming = false;
      }
    }
    if (this.#stopped) return;
    // A full batch may mean more are waiting; a wake during the claim may have added one.
    if ((found > 0 && found === free) || this.#again) {
      this.#again = false;
      if (this.#running.size < this.#options.concurrency) {
        setImmediate(() => this.wake());
        return;
      }
    }
    this.#timer = setTimeout(() => this.wake(), this.#options.pollIntervalMs);
    this.#timer.unref();
  }

  #start(job: J): void {
    const running: Promise<void> = this.#options
      .run(job)
      .catch((error: unknown) => this.#options.onError(error))
      .finally(() => {
        this.#running.delete(running);
        this.wake();
      });
    this.#running.add(running);
  }

  /** Takes no more jobs; waits up to `timeoutMs` for those running. */
  async stop(timeoutMs: number): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#running]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
