/**
 * Durable background work: a job is stored before `enqueue` resolves, survives `kill -9` and a
 * restart, and is retried with backoff until it succeeds or runs out of attempts. The default
 * is a table in the SQL database; several instances on PostgreSQL use pg-boss. Which one is
 * picked in `storage/create-job-queue.ts`, from the configuration.
 *
 * A worker holds a job under a lease: a worker that vanishes (`kill -9`, a lost machine) holds
 * it only until the lease runs out, and then the job is run again. Handlers are therefore run
 * at least once, not exactly once: each must be safe to run again.
 */

/** The jobs the server knows, with what each carries. */
export interface JobPayloads {
  /** Make the sizes of an uploaded photo. */
  'photo.process': { photoId: number };
  /** Deliver one message of the outbox. */
  'mail.send': { messageId: string };
  /**
   * Someone asked to reset the password of `email`: if an account has it, make a token and
   * write to it. Done in a job, so that the request does the same work whether it exists or not.
   */
  /**
   * `ip` and `userAgent` of whoever asked, for the audit log; absent from jobs queued before
   * the log existed.
   */
  'password.reset': {
    email: string;
    linkBase: string;
    ip?: string | null;
    userAgent?: string | null;
  };
  /**
   * Someone asked to make a studio with `email`: a link to finish, or (an account has the
   * address) a note saying so. In a job, so that the request does the same work either way.
   */
  'signup.request': {
    email: string;
    studioName: string;
    firstName: string;
    lastName: string;
    linkBase: string;
  };
}

export type JobName = keyof JobPayloads;

export interface EnqueueOptions {
  /**
   * At most one job with this key waits for its first run: enqueueing it again meanwhile adds
   * nothing (a photo asked to be processed twice is processed once). Once a job has started, a
   * new one with its key may wait: a change made during a run gets a run of its own.
   */
  singletonKey?: string;
  /** @default the queue's `maxAttempts` */
  maxAttempts?: number;
}

/** What a handler is told about the job it runs. */
export interface JobContext<N extends JobName> {
  id: string;
  name: N;
  payload: JobPayloads[N];
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export interface WorkOptions {
  /** Jobs of this name run at most this many at a time in this process. */
  concurrency: number;
}

/**
 * Told when a job has failed for the last time (no attempts left), with the last error: the
 * handler's, or the expired lease of a worker that vanished during the last attempt.
 */
export type JobFailureListener = <N extends JobName>(job: JobContext<N>, error: unknown) => void;

export interface JobQueue {
  /**
   * Stores the job, durably, to run as soon as a worker is free. `false`: a job with the same
   * `singletonKey` already waits, and nothing was added.
   */
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options?: EnqueueOptions,
  ): Promise<boolean>;
  /**
   * Runs jobs of `name` with `handler` from now until `stop`, at most `concurrency` at a time.
   * A handler that throws is retried with exponential backoff until its attempts run out.
   */
  work<N extends JobName>(
    name: N,
    handler: (job: JobContext<N>) => Promise<void>,
    options: WorkOptions,
  ): Promise<void>;
  onFinalFailure(listener: JobFailureListener): void;
  /** Jobs waiting or running, by name: for `/readyz`, metrics and the reconcile command. */
  depth(): Promise<Record<string, number>>;
  /**
   * Stops taking jobs and waits (up to `timeoutMs`) for those running. A job still running
   * then is left to its lease, and runs again elsewhere or after a restart.
   */
  stop(timeoutMs?: number): Promise<void>;
}
