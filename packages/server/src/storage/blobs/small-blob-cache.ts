import { LRUCache } from 'lru-cache';
import type { BlobStore } from '../ports/blob-store.js';

/** How much the cache holds. */
export interface SmallBlobCacheOptions {
  /** Bytes held in all; 0 holds nothing (every read goes to the store). */
  maxBytes: number;
  /** Largest blob held: bigger ones are streamed from the store every time. */
  maxEntryBytes: number;
}

/**
 * The small blobs a gallery page asks for by the hundred (thumbnails, previews), kept in
 * memory. Blobs are content-addressed and never change, so a copy is never stale: deleting a
 * photo removes the rows that name its blobs, and the access check before every read refuses
 * the request before the cache is asked. What it saves is the open, read and close a file
 * store makes per image (and on S3, a round trip), which cost more than the request itself.
 */
export class SmallBlobCache {
  private readonly entries: LRUCache<string, Buffer> | null;
  /** Reads in flight: many requests for one cold thumbnail read it once. */
  private readonly loading = new Map<string, Promise<Buffer | null>>();

  constructor(
    private readonly blobs: Pick<BlobStore, 'get'>,
    private readonly options: SmallBlobCacheOptions,
  ) {
    this.entries =
      options.maxBytes > 0 && options.maxEntryBytes > 0
        ? new LRUCache<string, Buffer>({
            maxSize: options.maxBytes,
            maxEntrySize: Math.min(options.maxEntryBytes, options.maxBytes),
            sizeCalculation: (bytes) => Math.max(1, bytes.length),
          })
        : null;
  }

  /** Whether a blob of `size` bytes is held here once read. */
  holds(size: number): boolean {
    return (
      this.entries !== null && size <= this.options.maxEntryBytes && size <= this.options.maxBytes
    );
  }

  /**
   * The whole blob, from memory or read into it; `null` when it is too big to hold
   * ({@link holds}), missing from the store, or not `size` bytes long (never cached then, so
   * the caller's own read from the store decides what to answer).
   */
  async read(sha256: string, size: number): Promise<Buffer | null> {
    if (!this.entries || !this.holds(size)) return null;
    const held = this.entries.get(sha256);
    if (held) return held;
    const pending = this.loading.get(sha256);
    if (pending) return pending;
    const load = this.load(sha256, size).finally(() => this.loading.delete(sha256));
    this.loading.set(sha256, load);
    return load;
  }

  private async load(sha256: string, size: number): Promise<Buffer | null> {
    const stream = await this.blobs.get(sha256);
    if (!stream) return null;
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      length += bytes.length;
      if (length > size) {
        stream.destroy();
        return null;
      }
      chunks.push(bytes);
    }
    if (length !== size) return null;
    // A buffer of its own: a chunk may be a view of a larger one (a stream's pool) that
    // holding the view would keep alive, and the cache counts only the view's bytes.
    const bytes = Buffer.allocUnsafeSlow(length);
    let at = 0;
    for (const chunk of chunks) at += chunk.copy(bytes, at);
    this.entries?.set(sha256, bytes);
    return bytes;
  }
}
