import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { importAsset } from '../helpers/web-asset.js';

// The parts of assets/upload-queue.ts these tests use.
type State = 'queued' | 'uploading' | 'done' | 'failed';
interface Item {
  id: number;
  name: string;
  size: number;
  state: State;
  loaded: number;
  error: string | null;
  retryable: boolean;
  attempts: number;
  result: string | null;
}
interface Queue {
  add(entries: Array<{ file: string; name: string; size: number }>): Item[];
  retry(id: number): boolean;
  clearDone(): void;
  readonly items: readonly Item[];
  counts(): Record<State, number>;
  idle(): Promise<void>;
}
interface QueueModule {
  DEFAULT_UPLOAD_CONCURRENCY: number;
  createUploadQueue(options: {
    concurrency?: number;
    send(file: string, onProgress: (loaded: number) => void): Promise<string>;
    describe(error: unknown): { message: string; retryable: boolean };
    onChange?(item: Item): void;
  }): Queue;
}

/** A send whose every call waits until the test settles it. */
function scriptedSend() {
  const calls: Array<{
    file: string;
    progress: (loaded: number) => void;
    resolve: (v: string) => void;
    reject: (e: unknown) => void;
  }> = [];
  const send = (file: string, progress: (loaded: number) => void) =>
    new Promise<string>((resolve, reject) => calls.push({ file, progress, resolve, reject }));
  return { calls, send };
}

const tick = () => new Promise((r) => setImmediate(r));
const files = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ file: `f${i}`, name: `IMG_${i}.jpg`, size: 1000 }));
const describeError = (e: unknown) => ({
  message: e instanceof Error ? e.message : 'failed',
  retryable: !(e instanceof Error && e.message.startsWith('refused')),
});

describe('the upload queue', () => {
  let m: QueueModule;
  before(async () => {
    m = await importAsset<QueueModule>('upload-queue');
  });

  it('has at most `concurrency` files on the wire, started in the order added', async () => {
    const { calls, send } = scriptedSend();
    let most = 0;
    const queue = m.createUploadQueue({
      concurrency: 3,
      send,
      describe: describeError,
      onChange: () => {
        most = Math.max(most, queue.counts().uploading);
      },
    });
    queue.add(files(7));
    await tick();
    assert.deepEqual(
      calls.map((c) => c.file),
      ['f0', 'f1', 'f2'],
    );
    calls[1]?.resolve('photo-1');
    await tick();
    assert.deepEqual(
      calls.map((c) => c.file),
      ['f0', 'f1', 'f2', 'f3'],
    );
    for (let i = 0; i < 7; i++) {
      calls[i]?.resolve(`photo-${i}`);
      await tick();
    }
    await queue.idle();
    assert.equal(most, 3);
    assert.deepEqual(queue.counts(), { queued: 0, uploading: 0, done: 7, failed: 0 });
    assert.deepEqual(
      calls.map((c) => c.file),
      ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6'],
    );
    assert.equal(queue.items[1]?.result, 'photo-1');
  });

  it('sends three at a time unless told otherwise, and at least one', async () => {
    assert.equal(m.DEFAULT_UPLOAD_CONCURRENCY, 3);
    const { calls, send } = scriptedSend();
    m.createUploadQueue({ concurrency: 0, send, describe: describeError }).add(files(3));
    await tick();
    assert.equal(calls.length, 1);
  });

  it('reports progress within the file’s size, and a late event does not move a done bar', async () => {
    const { calls, send } = scriptedSend();
    const seen: number[] = [];
    const queue = m.createUploadQueue({
      send,
      describe: describeError,
      onChange: (item) => seen.push(item.loaded),
    });
    const [item] = queue.add(files(1));
    await tick();
    const call = calls[0];
    assert.ok(call && item);
    call.progress(250);
    assert.equal(item.loaded, 250);
    call.progress(5000);
    assert.equal(item.loaded, 1000, 'clamped to the size');
    call.progress(-3);
    assert.equal(item.loaded, 0);
    call.resolve('p');
    await queue.idle();
    assert.equal(item.state, 'done');
    assert.equal(item.loaded, 1000);
    call.progress(10);
    assert.equal(item.loaded, 1000);
    assert.deepEqual(seen, [0, 0, 250, 1000, 0, 1000]);
  });

  it('keeps a failed file with its message, and a retry sends the same file again', async () => {
    const { calls, send } = scriptedSend();
    const queue = m.createUploadQueue({ send, describe: describeError });
    const [first, second] = queue.add(files(2));
    await tick();
    calls[0]?.reject(new Error('Could not reach the server'));
    calls[1]?.resolve('p1');
    await queue.idle();
    assert.ok(first && second);
    assert.equal(first.state, 'failed');
    assert.equal(first.error, 'Could not reach the server');
    assert.equal(first.retryable, true);
    assert.equal(queue.retry(second.id), false, 'only a failed item is retried');
    assert.equal(queue.retry(999), false);
    assert.equal(queue.retry(first.id), true);
    await tick();
    assert.equal(first.state, 'uploading');
    assert.equal(first.error, null);
    assert.equal(calls[2]?.file, 'f0');
    calls[2]?.resolve('p0');
    await queue.idle();
    assert.equal(first.state, 'done');
    assert.equal(first.attempts, 2);
    assert.equal(first.result, 'p0');
  });

  it('marks a refusal that trying again cannot fix as not retryable', async () => {
    const { calls, send } = scriptedSend();
    const queue = m.createUploadQueue({ send, describe: describeError });
    const [item] = queue.add(files(1));
    await tick();
    calls[0]?.reject(new Error('refused: not an image'));
    await queue.idle();
    assert.equal(item?.state, 'failed');
    assert.equal(item?.retryable, false);
  });

  it('is idle at once when empty, and forgets only the done items when asked', async () => {
    const { calls, send } = scriptedSend();
    const queue = m.createUploadQueue({ send, describe: describeError });
    await queue.idle();
    queue.add(files(3));
    await tick();
    calls[0]?.resolve('a');
    calls[1]?.reject(new Error('503'));
    await tick();
    queue.clearDone();
    assert.deepEqual(
      queue.items.map((i) => [i.name, i.state]),
      [
        ['IMG_1.jpg', 'failed'],
        ['IMG_2.jpg', 'uploading'],
      ],
    );
    calls[2]?.resolve('c');
    await queue.idle();
    assert.deepEqual(queue.counts(), { queued: 0, uploading: 0, done: 1, failed: 1 });
  });
});
