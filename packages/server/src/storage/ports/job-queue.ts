/**
 * Durable background work: a job is stored before `enqueue` resolves, survives `kill -9` and a
 * restart, and is retried with backoff until it succeeds or runs out of attempts. The default
 * is a table in the SQLite database; several instances use an existing queue library.
 */

/** The jobs the server knows, with what each carries. */
export interface JobPayloads {
  /** Make the sizes of an uploaded photo. */
  'photo.process': { photoId: number };
}

export type JobName = keyof JobPayloads;

export interface EnqueueOptions {
  /**
   * At most one job with this key waits or runs at a time: enqueueing it again while one does
   * adds nothing (a photo is processed once, however often it is asked for).
   */
  singletonKey?: string;
  /** @default the queue's setting */
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

/** Told when a job has failed for the last time (no attempts left). */
export type JobFailureListener = <N extends JobName>(job: JobContext<N>, error: unknown) => void;

export interface JobQueue {
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options?: EnqueueOptions,
  ): Promise<void>;
  /** Runs jobs of `name` with `handler` from now until `stop`. A handler that throws is retried. */
  work<N extends JobName>(
    name: N,
    handler: (job: JobContext<N>) => Promise<void>,
    options: WorkOptions,
  ): Promise<void>;
  onFinalFailure(listener: JobFailureListener): void;
  /** Jobs waiting or running, by name: for `/readyz` and metrics. */
  depth(): Promise<Record<string, number>>;
  /** Stops taking jobs and waits (up to `timeoutMs`) for those running. */
  stop(timeoutMs?: number): Promise<void>;
}
