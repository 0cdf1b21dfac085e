import { AppError } from '../http/app-error.js';

/**
 * Runs at most `concurrency` jobs at once and queues at most `queueLimit` more; beyond that it
 * refuses with 503 at once. Password hashing goes through it, so that a login storm takes a
 * bounded share of the CPU and other requests keep being served.
 */
export class HashPool {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly queueLimit: number,
  ) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) {
        throw new AppError(
          'service_unavailable',
          'Too many sign-ins are being processed; retry in a few seconds',
          undefined,
          { 'retry-after': '2' },
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await job();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never dips and lets a newcomer jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Jobs running and waiting, for tests and metrics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
