// The photographer's upload queue: many files, a bounded number on the wire at once, each with
// its progress, and a failed one tried again on request. Pure (no DOM, no network): the page
// passes in how a file is sent and hears of every change, so the rules are tested in Node.

/** Where a file is: waiting its turn, on the wire, stored, or refused / cut off. */
export type UploadState = 'queued' | 'uploading' | 'done' | 'failed';

/** One file in the queue, as the page shows it. */
export interface UploadItem<R> {
  readonly id: number;
  readonly name: string;
  /** Bytes of the file. */
  readonly size: number;
  state: UploadState;
  /** Bytes sent so far (all of them once `done`). */
  loaded: number;
  /** Why it failed, in words; `null` unless `failed`. */
  error: string | null;
  /** Whether sending it again may succeed (a dropped connection, a busy server). */
  retryable: boolean;
  /** How many times it has been sent. */
  attempts: number;
  /** What the server answered for it, once `done`. */
  result: R | null;
}

/** What a failed send means to the person. */
export interface UploadFailure {
  message: string;
  retryable: boolean;
}

/** A file to queue, with the name and size the queue shows. */
export interface UploadEntry<F> {
  file: F;
  name: string;
  size: number;
}

export interface UploadQueueOptions<F, R> {
  /** How many files are sent at once. @default 3 */
  concurrency?: number;
  /** Sends one file, reporting bytes sent; resolves to the server's answer. */
  send(file: F, onProgress: (loaded: number) => void): Promise<R>;
  /** What a send's error means: its message, and whether to offer a retry. */
  describe(error: unknown): UploadFailure;
  /** Called after every change of an item (state, progress). */
  onChange?(item: Readonly<UploadItem<R>>): void;
}

export interface UploadQueue<F, R> {
  /** Queues files in the order given; they start as places free up. */
  add(entries: ReadonlyArray<UploadEntry<F>>): ReadonlyArray<Readonly<UploadItem<R>>>;
  /** Queues a failed item again. `false`: no such item, or it has not failed. */
  retry(id: number): boolean;
  /** Forgets the items that are done, so a long session's list stays short. */
  clearDone(): void;
  /** Every item, in the order added. */
  readonly items: ReadonlyArray<Readonly<UploadItem<R>>>;
  /** How many items are in each state. */
  counts(): Record<UploadState, number>;
  /** Resolves once nothing is queued or on the wire. */
  idle(): Promise<void>;
}

/** Three at a time keeps a home upstream link full without starving the page's own requests. */
export const DEFAULT_UPLOAD_CONCURRENCY = 3;

/** Makes an empty queue. */
export function createUploadQueue<F, R>(options: UploadQueueOptions<F, R>): UploadQueue<F, R> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY));
  const items: UploadItem<R>[] = [];
  // Files are kept only until they are stored: a done item needs no bytes.
  const files = new Map<number, F>();
  let nextId = 1;
  let active = 0;
  let waiters: Array<() => void> = [];

  const changed = (item: UploadItem<R>) => options.onChange?.(item);

  function settleIdle(): void {
    if (active > 0 || items.some((i) => i.state === 'queued')) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  }

  async function run(item: UploadItem<R>, file: F): Promise<void> {
    active++;
    item.state = 'uploading';
    item.loaded = 0;
    item.error = null;
    item.attempts++;
    changed(item);
    try {
      const result = await options.send(file, (loaded) => {
        // Progress after the answer (a late event) must not move a finished bar back.
        if (item.state !== 'uploading') return;
        item.loaded = Math.min(item.size, Math.max(0, loaded));
        changed(item);
      });
      item.state = 'done';
      item.loaded = item.size;
      item.result = result;
      files.delete(item.id);
    } catch (error) {
      const failure = options.describe(error);
      item.state = 'failed';
      item.error = failure.message;
      item.retryable = failure.retryable;
    } finally {
      active--;
    }
    changed(item);
    pump();
  }

  function pump(): void {
    while (active < concurrency) {
      const next = items.find((i) => i.state === 'queued');
      const file = next ? files.get(next.id) : undefined;
      if (!next || file === undefined) break;
      void run(next, file);
    }
    settleIdle();
  }

  return {
    add(entries) {
      const added = entries.map((entry) => {
        const item: UploadItem<R> = {
          id: nextId++,
          name: entry.name,
          size: entry.size,
          state: 'queued',
          loaded: 0,
          error: null,
          retryable: false,
          attempts: 0,
          result: null,
        };
        files.set(item.id, entry.file);
        items.push(item);
        return item;
      });
      for (const item of added) changed(item);
      pump();
      return added;
    },
    retry(id) {
      const item = items.find((i) => i.id === id);
      if (item?.state !== 'failed' || !files.has(id)) return false;
      item.state = 'queued';
      item.error = null;
      item.loaded = 0;
      changed(item);
      pump();
      return true;
    },
    clearDone() {
      for (let i = items.length - 1; i >= 0; i--) {
        if (items[i]?.state === 'done') items.splice(i, 1);
      }
    },
    get items() {
      return items;
    },
    counts() {
      const counts = { queued: 0, uploading: 0, done: 0, failed: 0 };
      for (const item of items) counts[item.state]++;
      return counts;
    },
    idle() {
      return new Promise((resolve) => {
        waiters.push(resolve);
        settleIdle();
      });
    },
  };
}
