/** A counter that {@link CounterStore.reserve} charges one attempt to. */
export interface Charge {
  key: string;
  /** The fixed window the first charge starts. */
  windowMs: number;
  /** The hold that attempts past a limit set; absent: the counter is only counted. */
  hold?: HoldRule;
}

/** When a charged counter sets its hold, which then refuses every reservation naming it. */
export interface HoldRule {
  key: string;
  /** Attempts the window allows freely; each one past it is granted and sets the hold. */
  limit: number;
  /** A lower `limit` while the counter `key`, charged in the same reservation, is above `over`. */
  tighten?: { key: string; over: number; limit: number };
}

/** The answer of {@link CounterStore.reserve}. */
export type Reservation = { granted: true } | { granted: false; retryAt: Date };

/** A fixed-window counter, for rate limits and login throttling. */
export interface CounterStore {
  /** Adds one to `key` in the window of `windowMs` and returns the count and when it resets. */
  increment(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }>;
  get(key: string, now: Date): Promise<{ count: number; resetAt: Date } | null>;
  reset(key: string): Promise<void>;
  /**
   * Sets `key` to expire at `until` (a marker, e.g. "this IP has signed in before"). `now` is
   * the caller's clock, for stores that expire keys by a TTL (Redis).
   */
  mark(key: string, until: Date, now: Date): Promise<void>;
  isMarked(key: string, now: Date): Promise<boolean>;
  /**
   * In one atomic step: refuses if any charge's hold is live (changing nothing, `retryAt` the
   * latest end), else adds one to every charge's counter and sets the hold of each counter now
   * past its limit for `holdsMs[excess - 1]` (the last entry repeats). So concurrent attempts
   * can never all pass a check made before any of them is counted.
   */
  reserve(charges: readonly Charge[], holdsMs: readonly number[], now: Date): Promise<Reservation>;
  /** Takes one back from a live counter (a reserved attempt that proved harmless); never below 0. */
  release(key: string): Promise<void>;
}
