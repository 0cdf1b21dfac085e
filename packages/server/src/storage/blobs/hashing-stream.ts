import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobRefusedError } from '../ports/blob-store.js';

/**
 * Passes bytes through while hashing and counting them; errors with a `BlobRefusedError` once
 * more than `maxBytes` went by, so the writer behind it stops and discards.
 */
export class HashingStream extends Transform {
  readonly #hash = createHash('sha256');
  #size = 0;
  readonly #maxBytes: number;

  constructor(maxBytes = Number.POSITIVE_INFINITY) {
    super();
    this.#maxBytes = maxBytes;
  }

  get size(): number {
    return this.#size;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) {
      done(
        new BlobRefusedError(
          'too-large',
          `Blob is larger than the limit of ${this.#maxBytes} bytes`,
        ),
      );
      return;
    }
    this.#hash.update(chunk);
    done(null, chunk);
  }

  /** The hex digest; call once, after the stream ended. */
  digest(): string {
    return this.#hash.digest('hex');
  }
}

/** Refuses content whose hash is not the expected one. */
export function checkExpected(sha256: string, expected: string | undefined): void {
  if (expected !== undefined && expected.toLowerCase() !== sha256) {
    throw new BlobRefusedError(
      'sha256-mismatch',
      `Blob content has SHA-256 ${sha256}, not the expected ${expected}`,
    );
  }
}
